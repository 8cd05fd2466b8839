//! What a spreadsheet may expand to while it is read. The bytes of an upload are capped at the
//! door, but an XLSX or ODS file is a ZIP archive that can unpack to a thousand times its size,
//! an ODS sheet can repeat one cell a billion times in a few bytes, and an XLSX sheet can point
//! every cell at one long shared string: a 2 MB file could ask for gigabytes. So everything a
//! file expands to is counted before it is handed to the spreadsheet reader and while its cells
//! are copied out, and the file is refused at the first limit it passes, with nothing written.
//!
//! Every limit is far beyond a real ladder (200 competencies × 12 levels is 2,400 cells and about
//! 2 MB of text) and small enough that reading a file stays well under 100 MB of memory.

use std::io::{Cursor, Read};

use rungs_core::diag::{Diagnostic, Severity, column_letter};
use zip::ZipArchive;

use super::scan;

/// The most a part holding cells (a sheet, the shared strings, an ODS file's content) may unpack
/// to.
pub const MAX_PART: u64 = 32 << 20;
/// The most any other part (styles, themes, the list of sheets) may unpack to: these are read
/// into structures many times their size (a 7-byte `<font/>` takes about 150 bytes).
pub const MAX_OTHER_PART: u64 = 2 << 20;
/// The most all parts together may unpack to.
pub const MAX_UNPACKED: u64 = 64 << 20;
/// The most parts an archive may hold: a workbook has a dozen or two and one per sheet.
pub const MAX_PARTS: usize = 1_000;
/// The most rows a sheet may reach.
pub const MAX_ROWS: usize = 20_000;
/// The most columns a sheet may reach.
pub const MAX_COLUMNS: usize = 500;
/// The most cells a workbook may hold, all sheets together, counting each row up to its last
/// value (and for ODS, the rectangle from the first value to the last, as it is expanded).
pub const MAX_CELLS: usize = 500_000;
/// The most text a workbook's cells may hold together, in bytes, each repeat counted.
pub const MAX_TEXT: usize = 16 << 20;
/// The most characters one cell may hold: a spreadsheet program's own limit for a cell.
pub const MAX_CELL_TEXT: usize = 32_767;

/// The most bytes a cell's text may take in the file: [`MAX_CELL_TEXT`] characters of UTF-8's
/// widest. Counting bytes while scanning refuses what is surely too long; the characters are
/// counted exactly once a cell is read.
pub(super) const CELL_BYTES: usize = 4 * MAX_CELL_TEXT;

pub(super) const HELP: &str = "a ladder's workbook holds a few thousand cells; check that this is the right file, or save it again from your spreadsheet program";

pub(super) fn whole_file(file: &str, message: impl Into<String>, help: &str) -> Vec<Diagnostic> {
    vec![Diagnostic::in_file(
        Severity::Error,
        file,
        message,
        Some(help.to_owned()),
    )]
}

/// Whether a part of the archive holds cells, and so may be as large as [`MAX_PART`]: an XLSX
/// sheet (`xl/worksheets/sheet1.xml`) or its shared strings, or an ODS file's content.
fn holds_cells(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    name == "content.xml"
        || is_shared_strings(name)
        || (file.starts_with("sheet") && file.ends_with(".xml"))
}

/// Whether a part is an XLSX file's shared strings (found by name in any case, as the reader
/// finds it).
fn is_shared_strings(name: &str) -> bool {
    name.rsplit('/')
        .next()
        .is_some_and(|f| f.eq_ignore_ascii_case("sharedStrings.xml"))
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, bytes: 0 }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

pub(super) fn grouped(count: usize) -> String {
    rungs_core::words::grouped(count as u64)
}

pub(super) fn at_cell(
    file: &str,
    sheet: &str,
    row: usize,
    col: usize,
    message: String,
) -> Vec<Diagnostic> {
    vec![Diagnostic::in_sheet(
        Severity::Error,
        file,
        sheet,
        row + 1,
        Some((col + 1, "")),
        message,
        Some(HELP.to_owned()),
    )]
}

fn mb(bytes: u64) -> u64 {
    bytes >> 20
}

/// Checks a ZIP archive before any reader opens it: how many parts it holds, and what each part
/// and all of them unpack to. Sizes are checked as each part declares them and then as it
/// actually unpacks (a declared size can lie), streaming, so nothing is held in memory.
pub(super) fn check_archive(file: &str, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        whole_file(
            file,
            format!("the file could not be read as a spreadsheet: {e}"),
            "save it as .xlsx, .ods or .csv",
        )
    };
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_PARTS {
        return Err(whole_file(
            file,
            format!(
                "the file is an archive of {} parts, more than the {} a spreadsheet may have",
                grouped(zip.len()),
                grouped(MAX_PARTS)
            ),
            HELP,
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part
            .name()
            .map_or_else(|_| format!("#{i}"), |n| n.into_owned());
        let limit = if holds_cells(&name) {
            MAX_PART
        } else {
            MAX_OTHER_PART
        };
        let too_big = |size: String| {
            whole_file(
                file,
                format!(
                    "the part `{name}` of the file unpacks to {size}, more than the {} MB such a part may",
                    mb(limit)
                ),
                HELP,
            )
        };
        if part.size() > limit {
            return Err(too_big(format!("{} MB", mb(part.size()))));
        }
        let damaged = |e: &dyn std::fmt::Display| {
            whole_file(
                file,
                format!("the part `{name}` of the file could not be unpacked: {e}"),
                "the file is damaged: save it again from your spreadsheet program",
            )
        };
        // The parts a reader expands are read here first, counting what they would become.
        let mut unpacked = Counted::new((&mut part).take(limit + 1));
        let scanned = match name.as_str() {
            "content.xml" => scan::ods_content(file, &mut unpacked),
            _ if is_shared_strings(&name) => scan::shared_strings(file, &name, &mut unpacked),
            _ if holds_cells(&name) => scan::sheet_references(file, &name, &mut unpacked),
            _ => Ok(()),
        };
        let rest = std::io::copy(&mut unpacked, &mut std::io::sink());
        let read = unpacked.bytes;
        // Past the limit, the XML was cut short: the size is the problem to name.
        if read <= limit {
            scanned?;
            rest.map_err(|e| damaged(&e))?;
        }
        if read > limit {
            return Err(too_big(format!(
                "more than it says ({} bytes)",
                part.size()
            )));
        }
        total += read;
        if total > MAX_UNPACKED {
            return Err(whole_file(
                file,
                format!(
                    "the file unpacks to more than {} MB, more than a spreadsheet may",
                    mb(MAX_UNPACKED)
                ),
                HELP,
            ));
        }
    }
    Ok(())
}

/// What a workbook's cells have taken so far, refused past [`MAX_CELLS`] and [`MAX_TEXT`].
#[derive(Debug, Default)]
pub(super) struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    /// Counts `n` more cells (each held, empty or not).
    pub(super) fn cells(&mut self, file: &str, n: usize) -> Result<(), Vec<Diagnostic>> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_CELLS {
            return Err(whole_file(
                file,
                format!(
                    "the file holds more than {} cells (counting each row up to its last value), more than a ladder needs",
                    grouped(MAX_CELLS)
                ),
                HELP,
            ));
        }
        Ok(())
    }

    /// Counts `n` more bytes of text.
    pub(super) fn text(&mut self, file: &str, n: usize) -> Result<(), Vec<Diagnostic>> {
        self.text = self.text.saturating_add(n);
        if self.text > MAX_TEXT {
            return Err(whole_file(
                file,
                format!(
                    "the cells of the file hold more than {} MB of text, more than a ladder needs",
                    MAX_TEXT >> 20
                ),
                HELP,
            ));
        }
        Ok(())
    }
}

/// Refuses one cell's text when it is longer than a cell may be (`row` and `col` from 0).
pub(super) fn check_cell_text(
    file: &str,
    sheet: &str,
    (row, col): (usize, usize),
    text: &str,
) -> Result<(), Vec<Diagnostic>> {
    // Cheap first: a text of no more bytes than the limit has no more characters either.
    if text.len() > MAX_CELL_TEXT && text.chars().count() > MAX_CELL_TEXT {
        return Err(at_cell(
            file,
            sheet,
            row,
            col,
            format!(
                "the cell holds {} characters, more than the {} a cell may",
                grouped(text.chars().count()),
                grouped(MAX_CELL_TEXT)
            ),
        ));
    }
    Ok(())
}

/// Refuses a value outside the rows and columns a sheet may reach (`row` and `col` from 0).
pub(super) fn check_position(
    file: &str,
    sheet: &str,
    (row, col): (usize, usize),
) -> Result<(), Vec<Diagnostic>> {
    if row >= MAX_ROWS || col >= MAX_COLUMNS {
        return Err(vec![Diagnostic::in_sheet(
            Severity::Error,
            file,
            sheet,
            row.saturating_add(1),
            Some((col.saturating_add(1), "")),
            format!(
                "a value at row {}, column {}: past the {} rows and {} columns a ladder may use",
                grouped(row.saturating_add(1)),
                column_letter(col.saturating_add(1)),
                grouped(MAX_ROWS),
                grouped(MAX_COLUMNS)
            ),
            Some("keep a ladder's sheets within 20,000 rows and 500 columns".into()),
        )]);
    }
    Ok(())
}
