//! The parts of a spreadsheet a reader expands, read first without building anything: an ODS
//! file's sheets, where a few bytes can repeat a row or a cell millions of times, and an XLSX
//! file's shared strings, each of which the reader keeps. What they would become is counted
//! against [`super::limits`].

use std::io::{BufReader, Read};

use quick_xml::events::{BytesStart, Event};
use rungs_core::diag::Diagnostic;

use super::limits::{
    Budget, CELL_BYTES, HELP, MAX_CELL_TEXT, MAX_CELLS, at_cell, check_position, grouped,
    whole_file,
};

fn xml_reader<R: Read>(part: R) -> quick_xml::Reader<BufReader<R>> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let config = xml.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = true;
    xml
}

fn unreadable(file: &str, part: &str, e: &dyn std::fmt::Display) -> Vec<Diagnostic> {
    whole_file(
        file,
        format!("the part `{part}` of the file could not be read: {e}"),
        "the file is damaged: save it again from your spreadsheet program",
    )
}

/// Counts an XLSX file's shared strings: the reader keeps each one, so millions of empty ones
/// cost hundreds of MB while taking a few bytes each in the file.
pub(super) fn shared_strings(
    file: &str,
    part: &str,
    bytes: impl Read,
) -> Result<(), Vec<Diagnostic>> {
    let mut xml = xml_reader(bytes);
    let mut buf = Vec::new();
    let mut count = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                count += 1;
                if count > MAX_CELLS {
                    return Err(whole_file(
                        file,
                        format!(
                            "the file holds more than {} different texts, more than a ladder needs",
                            grouped(MAX_CELLS)
                        ),
                        HELP,
                    ));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(unreadable(file, part, &e)),
        }
    }
}

/// Checks every cell reference of an XLSX sheet (a cell's `r`, a merged range's and the
/// sheet's dimension's `ref`) before the reader parses them: calamine 0.38 adds up a
/// reference's letters and digits unchecked, and a reference of seven letters or ten digits
/// overflowed (a panic in builds that check, a wrong place in those that wrap).
pub(super) fn sheet_references(
    file: &str,
    part: &str,
    bytes: impl Read,
) -> Result<(), Vec<Diagnostic>> {
    let mut xml = xml_reader(bytes);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let key = match e.local_name().as_ref() {
                    "c" => "r",
                    "mergeCell" | "dimension" => "ref",
                    _ => continue,
                };
                if let Some(r) = attr(&e, key).filter(|r| !is_reference(r.as_bytes())) {
                    let shown: String = r.chars().take(20).collect();
                    return Err(whole_file(
                        file,
                        format!(
                            "the part `{part}` of the file names a cell `{shown}` that is not one: a cell is a column of one to three letters (up to XFD) and a row number"
                        ),
                        "the file is damaged: save it again from your spreadsheet program",
                    ));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(unreadable(file, part, &e)),
        }
    }
}

/// A cell (`B7`, `$B$7`) or a range of them (`A1:C3`, `A:A`, `3:3`): at most three letters
/// and seven digits each side.
fn is_reference(r: &[u8]) -> bool {
    let one = |side: &[u8]| {
        let side: Vec<u8> = side.iter().copied().filter(|&b| b != b'$').collect();
        let letters = side.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let digits = &side[letters..];
        letters <= 3
            && digits.len() <= 7
            && digits.iter().all(u8::is_ascii_digit)
            && letters + digits.len() > 0
    };
    let mut sides = r.split(|&b| b == b':');
    match (sides.next(), sides.next(), sides.next()) {
        (Some(a), None, _) => one(a),
        (Some(a), Some(b), None) => one(a) && one(b),
        _ => false,
    }
}

/// Reads an ODS file's sheets (`content.xml`) without building them, counting what they expand
/// to: rows and cells repeated by `number-rows-repeated` and `number-columns-repeated`, spaces
/// by `text:s`, and the rectangle each sheet becomes from its first value to its last. ODS is
/// read whole by the spreadsheet reader, every sheet at once, so this runs before it does. It
/// counts generously (any text in a cell, a comment's too): a real file is far inside every
/// limit, and a file that is not is refused whatever its reader would have done with it.
pub(super) fn ods_content(file: &str, bytes: impl Read) -> Result<(), Vec<Diagnostic>> {
    let mut xml = xml_reader(bytes);
    let mut budget = Budget::default();
    let mut sheet: Option<OdsSheet> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(file, "content.xml", &e))?;
        let Some(s) = sheet.as_mut() else {
            match event {
                Event::Start(e) if e.name().as_ref() == "table:table" => {
                    sheet = Some(OdsSheet::new(attr(&e, "table:name").unwrap_or_default()));
                }
                Event::Eof => break,
                _ => {}
            }
            continue;
        };
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "table:table-row" => {
                    s.row = Some(OdsRow::new(repeats(&e, "table:number-rows-repeated")))
                }
                "table:table-cell" | "table:covered-table-cell" if s.row.is_some() => {
                    s.cell = Some(OdsCell::new(&e));
                }
                "text:s" if s.cell.is_some() => {
                    // A run of spaces, written as a count.
                    let n = repeats(&e, "text:c");
                    s.add_text(file, n)?;
                }
                _ if s.cell.is_some() => s.add_text(file, 1)?,
                _ => {}
            },
            Event::Text(t) if s.cell.is_some() => s.add_text(file, t.len())?,
            Event::CData(t) if s.cell.is_some() => s.add_text(file, t.len())?,
            // A character reference may stand for a character of up to 4 bytes.
            Event::GeneralRef(_) if s.cell.is_some() => s.add_text(file, 4)?,
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => s.end_cell(file)?,
                "table:table-row" => s.end_row(file, &mut budget)?,
                "table:table" => {
                    s.end_sheet(file, &mut budget)?;
                    sheet = None;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// A repeat count; one when absent or unreadable (the reader refuses what it cannot read).
fn repeats(e: &BytesStart<'_>, name: &str) -> usize {
    attr(e, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// An ODS sheet as it is scanned: where it is, and the rectangle of its values so far.
struct OdsSheet {
    name: String,
    /// The next row's index, each repeat counted.
    next_row: usize,
    /// The first and last row holding a value, and the last column.
    rows: Option<(usize, usize)>,
    right: Option<usize>,
    row: Option<OdsRow>,
    cell: Option<OdsCell>,
}

struct OdsRow {
    repeats: usize,
    /// The next cell's column, each repeat counted.
    next_col: usize,
    /// Where the row's last value ends (0 for a row of none).
    end: usize,
    /// The row's text, each repeated cell counted.
    text: usize,
}

struct OdsCell {
    repeats: usize,
    has_value: bool,
    text: usize,
}

impl OdsSheet {
    fn new(name: String) -> OdsSheet {
        OdsSheet {
            name,
            next_row: 0,
            rows: None,
            right: None,
            row: None,
            cell: None,
        }
    }

    fn add_text(&mut self, file: &str, n: usize) -> Result<(), Vec<Diagnostic>> {
        let (Some(cell), Some(row)) = (self.cell.as_mut(), self.row.as_ref()) else {
            return Ok(());
        };
        cell.has_value = true;
        cell.text = cell.text.saturating_add(n);
        if cell.text > CELL_BYTES {
            return Err(at_cell(
                file,
                &self.name,
                self.next_row,
                row.next_col,
                format!(
                    "the cell holds more than the {} characters a cell may",
                    grouped(MAX_CELL_TEXT)
                ),
            ));
        }
        Ok(())
    }

    fn end_cell(&mut self, file: &str) -> Result<(), Vec<Diagnostic>> {
        let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) else {
            return Ok(());
        };
        if cell.text > CELL_BYTES {
            return Err(at_cell(
                file,
                &self.name,
                self.next_row,
                row.next_col,
                format!(
                    "the cell holds more than the {} characters a cell may",
                    grouped(MAX_CELL_TEXT)
                ),
            ));
        }
        let end = row.next_col.saturating_add(cell.repeats);
        if cell.has_value && cell.repeats > 0 {
            check_position(file, &self.name, (self.next_row, end - 1))?;
            row.end = end;
            row.text = row
                .text
                .saturating_add(cell.text.saturating_mul(cell.repeats));
        }
        row.next_col = end;
        Ok(())
    }

    fn end_row(&mut self, file: &str, budget: &mut Budget) -> Result<(), Vec<Diagnostic>> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        // The reader holds each row as written up to its last value, and then the sheet once
        // more with every repeat expanded (counted at the sheet's end).
        budget.cells(file, row.end)?;
        if row.end > 0 && row.repeats > 0 {
            let last = self.next_row.saturating_add(row.repeats - 1);
            check_position(file, &self.name, (last, row.end - 1))?;
            budget.text(file, row.text.saturating_mul(row.repeats))?;
            let (first, _) = self.rows.unwrap_or((self.next_row, last));
            self.rows = Some((first, last));
            self.right = Some(self.right.unwrap_or(0).max(row.end - 1));
        }
        self.next_row = self.next_row.saturating_add(row.repeats);
        Ok(())
    }

    /// The reader expands the rectangle from the first value to the last, and the rows are
    /// then held from the first column: counted as rows × (last column + 1), which covers both.
    fn end_sheet(&self, file: &str, budget: &mut Budget) -> Result<(), Vec<Diagnostic>> {
        if let (Some((top, bottom)), Some(right)) = (self.rows, self.right) {
            budget.cells(file, (bottom - top + 1).saturating_mul(right + 1))?;
        }
        Ok(())
    }
}

impl OdsRow {
    fn new(repeats: usize) -> OdsRow {
        OdsRow {
            repeats,
            next_col: 0,
            end: 0,
            text: 0,
        }
    }
}

impl OdsCell {
    fn new(e: &BytesStart<'_>) -> OdsCell {
        let mut cell = OdsCell {
            repeats: repeats(e, "table:number-columns-repeated"),
            has_value: false,
            text: 0,
        };
        for a in e.attributes().flatten() {
            let key = a.key.as_ref();
            if key.starts_with("office:") && key.ends_with("value") || key == "table:formula" {
                cell.has_value = true;
                cell.text = cell.text.saturating_add(a.value.len());
            }
        }
        cell
    }
}
