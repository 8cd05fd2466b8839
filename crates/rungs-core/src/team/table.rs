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
        let line = e.position().map_or(0, |p| p.line() as usize);
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

/// One data row: its fields as text, by column name.
#[derive(Debug)]
pub(crate) struct Row<'r> {
    record: &'r csv::ByteRecord,
    columns: &'r Columns,
    pub(crate) line: usize,
}

impl<'r> Row<'r> {
    /// Checks the row's shape; `None` (with the problem noted) when it cannot be read.
    pub(crate) fn new(
        record: &'r csv::ByteRecord,
        columns: &'r Columns,
        problems: &mut Problems,
    ) -> Option<Row<'r>> {
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() != columns.len() {
            // A blank line is not a row.
            if record.len() == 1 && record[0].is_empty() {
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
        for (i, field) in record.iter().enumerate() {
            if std::str::from_utf8(field).is_err() {
                problems.at(
                    line,
                    Some((i + 1, &columns.names[i])),
                    "this field is not UTF-8 text",
                    Some("save the file as UTF-8".into()),
                );
                return None;
            }
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

    /// A field by position, trimmed; `None` when empty.
    pub(crate) fn at(&self, i: usize) -> Option<&'r str> {
        let raw = self.record.get(i)?;
        let text = std::str::from_utf8(raw).ok()?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// A field by column name, trimmed; `None` when the column is absent or the field empty.
    pub(crate) fn text(&self, name: &str) -> Option<&'r str> {
        self.at(self.columns.get(name)?)
    }

    /// A field that must be filled.
    pub(crate) fn required(&self, name: &str, problems: &mut Problems) -> Option<&'r str> {
        let value = self.text(name);
        if value.is_none() {
            problems.at(
                self.line,
                self.column(name),
                format!("`{name}` is empty"),
                Some(format!("every row needs a {name}")),
            );
        }
        value
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
