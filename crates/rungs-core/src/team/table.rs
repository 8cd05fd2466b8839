//! Reading CSV tables (rosters, assessment histories) with problems located by line and column.

use rustc_hash::FxHashMap;

use crate::diag::{Diagnostic, Severity};
use crate::suggest::did_you_mean;

/// Problems found in a CSV file, each with its line and column.
#[derive(Debug)]
pub(crate) struct Problems {
    file: String,
    list: Vec<Diagnostic>,
    errors: usize,
}

impl Problems {
    pub(crate) fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            list: Vec::new(),
            errors: 0,
        }
    }

    /// The line of a position the CSV reader gives.
    fn line(position: Option<&csv::Position>) -> usize {
        position.map_or(0, |p| p.line() as usize)
    }

    /// The line a record of `bytes` starts on. The reader stops at the `\r` of a `\r\n`, so it
    /// places the next record's start before the `\n`, on the line before; the line breaks
    /// between that place and the record's first byte are counted here.
    fn line_of(bytes: &[u8], position: Option<&csv::Position>) -> usize {
        let Some(p) = position else { return 0 };
        let rest = bytes.get(p.byte() as usize..).unwrap_or_default();
        let breaks = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|&&b| b == b'\n')
            .count();
        p.line() as usize + breaks
    }

    /// Takes on the problems of a part of the file (see [`parts`]) that has `lines_before` lines
    /// of the file before it; its lines were counted from the start of the part.
    pub(crate) fn absorb(&mut self, part: Problems, lines_before: usize) {
        self.errors += part.errors;
        self.list.extend(part.list.into_iter().map(|mut d| {
            if let Some(p) = d.start.as_mut().filter(|p| p.line > 0) {
                p.line += lines_before;
            }
            d
        }));
    }

    fn push(
        &mut self,
        severity: Severity,
        line: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.list.push(Diagnostic::in_table(
            severity, &self.file, line, column, message, help,
        ));
    }

    /// An error at a line (and column, when the problem is in one field).
    pub(crate) fn at(
        &mut self,
        line: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.push(Severity::Error, line, column, message, help);
    }

    pub(crate) fn warn(
        &mut self,
        line: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.push(Severity::Warning, line, column, message, help);
    }

    pub(crate) fn note(
        &mut self,
        line: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.push(Severity::Note, line, column, message, help);
    }

    /// An error about the whole file.
    pub(crate) fn whole(&mut self, message: String) {
        self.errors += 1;
        self.list.push(crate::doc::whole_file(
            &self.file,
            message,
            "check that this is the right file",
        ));
    }

    /// A CSV syntax error: a stray quote, broken UTF-8, ….
    pub(crate) fn csv(&mut self, e: &csv::Error) {
        let line = Self::line(e.position());
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => {
                "this row is not UTF-8 text; save the file as UTF-8".to_owned()
            }
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("this row has {len} fields where the header has {expected_len}")
            }
            _ => format!("the CSV cannot be read here: {e}"),
        };
        self.at(
            line,
            None,
            message,
            Some("check the quoting and commas on this line".into()),
        );
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Every problem, in the order of the file.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list
            .sort_by_key(|d| (d.start.map(|p| (p.line, p.column)), d.severity));
        self.list
    }
}

/// The columns of a CSV file, by name.
#[derive(Debug)]
pub(crate) struct Columns {
    names: Vec<String>,
    by_name: FxHashMap<String, usize>,
}

impl Columns {
    /// Reads the header row. Known columns are matched without regard to case, spaces or
    /// hyphens; an unknown one is a warning (with the nearest known name) and is ignored.
    pub(crate) fn read<R: std::io::Read>(
        reader: &mut csv::Reader<R>,
        known: &[&str],
        problems: &mut Problems,
    ) -> Option<Columns> {
        let header = match reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                problems.csv(&e);
                return None;
            }
        };
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            problems.at(
                1,
                None,
                "the file is empty: it has no header row",
                Some("the first line names the columns; `rungs team template` prints them".into()),
            );
            return None;
        }
        // Header and known names meet in one form: lowercase, spaces and hyphens as underscores.
        let canonical = |s: &str| {
            s.trim()
                .trim_start_matches('\u{feff}')
                .to_lowercase()
                .replace([' ', '-'], "_")
        };
        let mut columns = Columns {
            names: Vec::new(),
            by_name: FxHashMap::default(),
        };
        for (i, raw) in header.iter().enumerate() {
            let written = String::from_utf8_lossy(raw);
            let form = canonical(&written);
            let name = known
                .iter()
                .find(|k| canonical(k) == form)
                .map_or_else(|| written.trim().to_lowercase(), |k| (*k).to_owned());
            columns.names.push(name.clone());
            if !known.contains(&name.as_str()) {
                let help = did_you_mean(&name, known.iter().copied()).unwrap_or_else(|| {
                    format!("the columns Rungs reads are: {}", known.join(", "))
                });
                problems.warn(
                    1,
                    Some((i + 1, &name)),
                    format!("the column `{name}` is not one Rungs reads; it is ignored"),
                    Some(help),
                );
                continue;
            }
            if columns.by_name.insert(name.clone(), i).is_some() {
                problems.at(
                    1,
                    Some((i + 1, &name)),
                    format!("the column `{name}` appears twice"),
                    Some("keep one of them".into()),
                );
            }
        }
        Some(columns)
    }

    pub(crate) fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// How many parts a large file is read in: one per available thread, up to 8.
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Splits the data rows of a CSV file (from byte `start`, after the header) into parts of at
/// least `least` bytes, at most `most` of them, each cut at the end of a row.
///
/// A line break ends a row unless it is inside quotes, and it is inside quotes exactly when an
/// odd number of quote characters comes before it (a quote within quotes is written twice, so
/// it does not change the count). Most files have no quotes at all, and then every line break
/// ends a row.
pub(crate) fn parts(
    bytes: &[u8],
    start: usize,
    least: usize,
    most: usize,
) -> Vec<std::ops::Range<usize>> {
    let wanted = ((bytes.len() - start) / least.max(1)).clamp(1, most.max(1));
    let quoted = memchr::memchr(b'"', &bytes[start..]).is_some();
    let mut parts = Vec::with_capacity(wanted);
    let (mut from, mut quotes) = (start, 0);
    for k in 1..wanted {
        let target = start + (bytes.len() - start) * k / wanted;
        if target <= from {
            continue;
        }
        let cut = if quoted {
            quotes += memchr::memchr_iter(b'"', &bytes[from..target]).count();
            memchr::memchr2_iter(b'"', b'\n', &bytes[target..]).find_map(|i| {
                if bytes[target + i] == b'"' {
                    quotes += 1;
                    None
                } else {
                    (quotes % 2 == 0).then_some(target + i + 1)
                }
            })
        } else {
            memchr::memchr(b'\n', &bytes[target..]).map(|i| target + i + 1)
        };
        // No row break after the target, or only the last: the rest is one part.
        let Some(cut) = cut.filter(|&c| c < bytes.len()) else {
            break;
        };
        if quoted {
            // Quotes between the row break found and the cut are counted above; the next part
            // counts from the cut.
            quotes = 0;
        }
        parts.push(from..cut);
        from = cut;
    }
    parts.push(from..bytes.len());
    parts
}

/// One data row: its fields by column position, as text or as raw bytes.
#[derive(Debug)]
pub(crate) struct Row<'r> {
    record: &'r csv::StringRecord,
    columns: &'r Columns,
    pub(crate) line: usize,
}

/// Reads the next record that is UTF-8 text (the parser checks each record in one pass),
/// noting the field of any that is not. `None` at the end of the file, or after a problem that
/// stops the reading (which is noted).
pub(crate) fn next_record(
    reader: &mut csv::Reader<&[u8]>,
    bytes: &[u8],
    record: &mut csv::StringRecord,
    columns: &Columns,
    problems: &mut Problems,
) -> Option<()> {
    loop {
        match reader.read_record(record) {
            Ok(true) => return Some(()),
            Ok(false) => return None,
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, err } => {
                    let line = Problems::line_of(bytes, pos.as_ref());
                    let column = columns
                        .names
                        .get(err.field())
                        .map(|n| (err.field() + 1, n.as_str()));
                    problems.at(
                        line,
                        column,
                        "this field is not UTF-8 text",
                        Some("save the file as UTF-8".into()),
                    );
                }
                _ => {
                    problems.csv(&e);
                    return None;
                }
            },
        }
    }
}

impl<'r> Row<'r> {
    /// Checks the row's shape; `None` (with the problem noted) when it cannot be read.
    /// (`bytes` are what the record was read from.)
    pub(crate) fn new(
        record: &'r csv::StringRecord,
        columns: &'r Columns,
        bytes: &[u8],
        problems: &mut Problems,
    ) -> Option<Row<'r>> {
        let line = Problems::line_of(bytes, record.position());
        if record.len() != columns.len() {
            // A blank line is not a row.
            if record.is_empty() || (record.len() == 1 && record[0].trim().is_empty()) {
                return None;
            }
            problems.at(
                line,
                None,
                format!(
                    "this row has {} fields where the header has {}",
                    record.len(),
                    columns.len()
                ),
                Some(
                    "check for a missing or extra comma, or quote a field that holds a comma"
                        .into(),
                ),
            );
            return None;
        }

        Some(Row {
            record,
            columns,
            line,
        })
    }

    /// The 1-based column number and name of a column, for messages.
    pub(crate) fn column(&self, name: &str) -> Option<(usize, &'r str)> {
        let i = self.columns.get(name)?;
        Some((i + 1, self.columns.names[i].as_str()))
    }

    /// A field by position as raw bytes, with ASCII spaces trimmed; `None` when empty.
    pub(crate) fn bytes(&self, i: usize) -> Option<&'r [u8]> {
        let b = self.record.as_byte_record().get(i)?.trim_ascii();
        (!b.is_empty()).then_some(b)
    }

    /// A field by position as text, trimmed, without the apostrophe a CSV export puts before
    /// a formula (see [`crate::cell`]); `None` when empty.
    pub(crate) fn at(&self, i: usize) -> Option<&'r str> {
        let text = crate::cell::unsafe_again(self.record.get(i)?.trim());
        (!text.is_empty()).then_some(text)
    }

    pub(crate) fn error(
        &self,
        problems: &mut Problems,
        name: &str,
        message: impl Into<String>,
        help: &str,
    ) {
        problems.at(self.line, self.column(name), message, Some(help.to_owned()));
    }
}

/// A field by an optional column position.
pub(crate) fn field<'r>(row: &Row<'r>, c: Option<usize>) -> Option<&'r str> {
    c.and_then(|i| row.at(i))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Where each record of a CSV file starts, by the csv crate's own reading.
    fn record_starts(bytes: &[u8]) -> Vec<usize> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::ByteRecord::new();
        let mut starts = Vec::new();
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            starts.extend(record.position().map(|p| p.byte() as usize));
        }
        starts
    }

    fn assert_parts_cut_at_rows(bytes: &[u8], least: usize, most: usize) {
        let parts = parts(bytes, 0, least, most);
        assert!(!parts.is_empty() && parts.len() <= most.max(1));
        assert_eq!(parts[0].start, 0);
        assert_eq!(parts[parts.len() - 1].end, bytes.len());
        let starts = record_starts(bytes);
        for pair in parts.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(
                starts.contains(&pair[1].start),
                "a part starts at byte {} inside a row of {:?}",
                pair[1].start,
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn parts_are_cut_at_the_end_of_rows_outside_quotes() {
        let plain = "a,b\n".repeat(100);
        assert_eq!(
            parts(plain.as_bytes(), 0, 40, 4),
            vec![0..104, 104..204, 204..304, 304..400],
            "four parts of 26, 25, 25 and 24 rows: each cut at the first row end after a quarter"
        );
        // Line breaks inside quotes, and quotes within quotes, are not row ends.
        let quoted = "x,\"one\ntwo\",y\n\"say \"\"hi\"\"\nthere\",z\n".repeat(20);
        assert_parts_cut_at_rows(quoted.as_bytes(), 7, 8);
        // A file too small for two parts is one part.
        assert_eq!(parts(plain.as_bytes(), 4, 1000, 8), vec![4..400]);
        // No row break after the target: the rest is one part.
        assert_eq!(parts(b"a,\"b\nc\nd\ne\"", 0, 2, 4), vec![0..11]);
        assert_eq!(parts(b"a\nb\n", 0, 1, 4), vec![0..2, 2..4]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn parts_of_any_csv_are_cut_at_row_ends(
            rows in prop::collection::vec(
                prop::collection::vec("[a\",\n ]{0,6}", 1..4), 1..40),
            least in 1usize..64,
            most in 1usize..9,
        ) {
            let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for row in &rows {
                writer.write_record(row).expect("a row");
            }
            let bytes = writer.into_inner().expect("the bytes");
            assert_parts_cut_at_rows(&bytes, least, most);
        }

    }
}
