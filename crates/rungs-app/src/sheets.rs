//! Frameworks to and from spreadsheet files: XLSX and ODS read with calamine, XLSX written with
//! rust_xlsxwriter, CSV with the csv crate (a sheet per file). What the sheets mean is the
//! core's ([`rungs_core::framework::sheets`]); this module only moves cells in and out of files.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use rungs_core::diag::{Diagnostic, Severity};
use rungs_core::framework::sheets::{self, Cell, Imported, Merged, Sheet, Workbook, number_text};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::{Actor, App, AppError, FrameworkSaved, Result, policy};

/// The largest spreadsheet accepted: a ladder of a few hundred competencies is well under 1 MB.
pub const MAX_SPREADSHEET: usize = 16 * 1024 * 1024;

/// The template a person fills in with their own ladder (frameworks/examples/ladder-template.xlsx:
/// made-up example content, labelled so on its first sheet).
pub const TEMPLATE_XLSX: &[u8] =
    include_bytes!("../../../frameworks/examples/ladder-template.xlsx");

/// The media type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether an uploaded file is a spreadsheet rather than a framework file: an XLSX or ODS file
/// (a ZIP archive) or a file named `.csv`.
pub fn is_spreadsheet(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || name.to_lowercase().ends_with(".csv")
}

fn whole_file(file: &str, message: impl Into<String>, help: &str) -> Vec<Diagnostic> {
    vec![Diagnostic::in_table(
        Severity::Error,
        file,
        0,
        None,
        message,
        Some(help.to_owned()),
    )]
}

/// Reads a spreadsheet file: XLSX or ODS (any sheets), or CSV (one sheet, read as the matrix).
/// `file` names it in problems.
pub fn read_workbook(file: &str, bytes: &[u8]) -> std::result::Result<Workbook, Vec<Diagnostic>> {
    if bytes.len() > MAX_SPREADSHEET {
        return Err(whole_file(
            file,
            format!(
                "the file is {} MB, more than the {} MB a ladder needs",
                bytes.len() >> 20,
                MAX_SPREADSHEET >> 20
            ),
            "a ladder of a few hundred competencies is well under 1 MB",
        ));
    }
    // XLSX and ODS files are ZIP archives; anything else is read as CSV text.
    if !bytes.starts_with(b"PK\x03\x04") {
        let sheet = read_csv(file, sheets::MATRIX, bytes)?;
        return Ok(Workbook {
            file: file.to_owned(),
            sheets: vec![sheet],
        });
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        whole_file(
            file,
            format!("the file could not be read as a spreadsheet: {e}"),
            "save it as .xlsx, .ods or .csv",
        )
    })?;
    let mut out = Workbook {
        file: file.to_owned(),
        sheets: Vec::new(),
    };
    for name in book.sheet_names() {
        let (rows, merged) = match &mut book {
            // XLSX cells are read one at a time, so a value placed far off (XFD1048576) is
            // refused instead of making a grid of billions of empty cells.
            Sheets::Xlsx(x) => {
                let rows = xlsx_rows(x, &name).map_err(|e| {
                    whole_file(
                        file,
                        e,
                        "keep a ladder's sheets within 20,000 rows and 500 columns",
                    )
                })?;
                let merged = x
                    .merge_cells_by_sheet_name(&name)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| Merged {
                        rows: (d.start.0 as usize, d.end.0 as usize),
                        cols: (d.start.1 as usize, d.end.1 as usize),
                    })
                    .collect();
                (rows, merged)
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| {
                    whole_file(
                        file,
                        format!("the sheet `{name}` could not be read: {e}"),
                        "save the file again from your spreadsheet program",
                    )
                })?;
                let (top, left) = range
                    .start()
                    .map_or((0, 0), |(r, c)| (r as usize, c as usize));
                let (height, width) = range.get_size();
                if top + height > MAX_ROWS || left + width > MAX_COLUMNS {
                    return Err(whole_file(
                        file,
                        format!(
                            "the sheet `{name}` reaches past {MAX_ROWS} rows or {MAX_COLUMNS} columns"
                        ),
                        "keep a ladder's sheets within 20,000 rows and 500 columns",
                    ));
                }
                let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
                for row in range.rows() {
                    let mut cells = vec![Cell::Empty; left];
                    cells.extend(row.iter().map(cell));
                    rows.push(cells);
                }
                (rows, Vec::new())
            }
        };
        out.sheets.push(Sheet {
            name,
            rows,
            merged,
            file: None,
        });
    }
    Ok(out)
}

/// The most rows and columns a sheet may reach: far beyond any ladder (200 competencies, a
/// dozen levels), and small enough that a sheet is never a grid too big to hold.
const MAX_ROWS: usize = 20_000;
const MAX_COLUMNS: usize = 500;

/// An XLSX sheet's cells, as rows, read one cell at a time.
fn xlsx_rows(
    x: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> std::result::Result<Vec<Vec<Cell>>, String> {
    let mut reader = x
        .worksheet_cells_reader(name)
        .map_err(|e| format!("the sheet `{name}` could not be read: {e}"))?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some(c) = reader
        .next_cell()
        .map_err(|e| format!("the sheet `{name}` could not be read: {e}"))?
    {
        let (r, col) = c.get_position();
        let value = cell(&Data::from(c.get_value().clone()));
        if value == Cell::Empty {
            continue;
        }
        let (r, col) = (r as usize, col as usize);
        if r >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(format!(
                "the sheet `{name}` has a value at row {}, column {}: past the {MAX_ROWS} rows and {MAX_COLUMNS} columns a ladder may use",
                r + 1,
                rungs_core::diag::column_letter(col + 1)
            ));
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= col {
            row.resize(col + 1, Cell::Empty);
        }
        row[col] = value;
    }
    Ok(rows)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Reads one CSV file as a sheet (UTF-8, with or without a byte-order mark; rows may differ in
/// length).
pub fn read_csv(
    file: &str,
    sheet: &str,
    bytes: &[u8],
) -> std::result::Result<Sheet, Vec<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        if i >= MAX_ROWS {
            return Err(whole_file(
                file,
                format!("the file has more than {MAX_ROWS} rows"),
                "a ladder's sheet holds a row per competency, level or band: check that this is the right file",
            ));
        }
        let record = record.map_err(|e| {
            whole_file(
                file,
                format!("line {}: {e}", i + 1),
                "save the file as CSV (comma-separated, UTF-8)",
            )
        })?;
        let mut cells = Vec::new();
        for (c, field) in record.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(field) else {
                return Err(vec![Diagnostic::in_sheet(
                    Severity::Error,
                    file,
                    sheet,
                    i + 1,
                    Some((c + 1, "")),
                    "the cell is not UTF-8 text",
                    Some("save the file as CSV UTF-8".into()),
                )]);
            };
            cells.push(if text.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text.to_owned())
            });
        }
        rows.push(cells);
    }
    Ok(Sheet {
        name: sheet.to_owned(),
        rows,
        merged: Vec::new(),
        file: None,
    })
}

/// Reads a folder's CSV files, one sheet each, named by the file (`Levels.csv` is the Levels
/// sheet). `files` are (file name, bytes).
pub fn read_csv_sheets(
    folder: &str,
    files: Vec<(String, Vec<u8>)>,
) -> std::result::Result<Workbook, Vec<Diagnostic>> {
    let mut book = Workbook {
        file: folder.to_owned(),
        sheets: Vec::new(),
    };
    let mut problems = Vec::new();
    for (name, bytes) in files {
        let stem = name
            .strip_suffix(".csv")
            .or_else(|| name.strip_suffix(".CSV"))
            .unwrap_or(&name);
        let sheet = sheets::SHEETS
            .iter()
            .find(|s| s.eq_ignore_ascii_case(stem))
            .copied()
            .unwrap_or(stem);
        let path = format!("{folder}/{name}");
        match read_csv(&path, sheet, &bytes) {
            Ok(s) => book.sheets.push(Sheet {
                file: Some(path),
                ..s
            }),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(book)
}

/// Writes a workbook as XLSX: a bold header row frozen in place, wrapped text, columns sized to
/// what they hold.
pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| {
        AppError::Internal(format!("the spreadsheet could not be written: {e}"))
    };
    let mut out = rust_xlsxwriter::Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).map_err(fail)?;
        // Each column as wide as what it holds, up to 60 characters; longer text wraps.
        let mut widths: Vec<usize> = Vec::new();
        for row in &sheet.rows {
            for (c, value) in row.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 8);
                }
                widths[c] = widths[c].max(
                    shown(value)
                        .iter()
                        .map(|l| l.chars().count())
                        .max()
                        .unwrap_or(0)
                        .min(60),
                );
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w as f64 + 2.0)
                .map_err(fail)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let format = if r == 0 { &header } else { &body };
            let (row_n, mut lines) = (r as u32, 1);
            for (c, value) in row.iter().enumerate() {
                let col_n = c as u16;
                match value {
                    Cell::Empty => continue,
                    Cell::Text(s) | Cell::Error(s) => ws
                        .write_string_with_format(row_n, col_n, s, format)
                        .map_err(fail)?,
                    Cell::Number(n) => ws
                        .write_number_with_format(row_n, col_n, *n, format)
                        .map_err(fail)?,
                    Cell::Bool(b) => ws
                        .write_boolean_with_format(row_n, col_n, *b, format)
                        .map_err(fail)?,
                };
                // The lines the cell takes when wrapped at its column's width.
                let width = widths[c].max(1);
                let taken: usize = shown(value)
                    .iter()
                    .map(|l| l.chars().count().div_ceil(width).max(1))
                    .sum();
                lines = lines.max(taken);
            }
            // Not every program fits a row to wrapped text on opening: say its height.
            if lines > 1 {
                ws.set_row_height(row_n, 15.0 * lines.min(25) as f64)
                    .map_err(fail)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
    }
    out.save_to_buffer().map_err(fail)
}

/// A cell's lines as a spreadsheet shows them.
fn shown(value: &Cell) -> Vec<String> {
    match value {
        Cell::Empty => Vec::new(),
        Cell::Text(s) | Cell::Error(s) => s.lines().map(str::to_owned).collect(),
        Cell::Number(n) => vec![number_text(*n)],
        Cell::Bool(_) => vec!["FALSE".into()],
    }
}

/// Writes a workbook as CSV files, one per sheet: (file name, bytes).
pub fn write_csv(book: &Workbook) -> Result<Vec<(String, Vec<u8>)>> {
    book.sheets
        .iter()
        .map(|sheet| {
            let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in &sheet.rows {
                let mut fields: Vec<String> = row
                    .iter()
                    .map(|c| match c {
                        Cell::Empty => String::new(),
                        Cell::Text(s) | Cell::Error(s) => s.clone(),
                        Cell::Number(n) => number_text(*n),
                        Cell::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
                    })
                    .collect();
                fields.resize(width, String::new());
                w.write_record(&fields)
                    .map_err(|e| AppError::Internal(e.to_string()))?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok((format!("{}.csv", sheet.name), bytes))
        })
        .collect()
}

/// A framework file as a workbook; `name` names it.
pub fn framework_workbook(name: &str, source: &str) -> Result<Workbook> {
    sheets::export(name, source).map_err(AppError::Internal)
}

/// Reads a workbook into a framework laid over `base` (a framework file's text), named `name`
/// when given.
pub fn import_workbook(
    book: &Workbook,
    base: Option<&str>,
    name: Option<&str>,
) -> std::result::Result<Imported, Vec<Diagnostic>> {
    sheets::import(book, base, name)
}

impl App {
    /// Makes a new version of the organization's framework from a spreadsheet (XLSX, ODS, or a
    /// CSV competency matrix), laid over version `after`: each sheet replaces its part of it. A
    /// problem anywhere is refused at its sheet, row and column, and then nothing changes. The
    /// import's notes (what it left out or made up, such as a milestone id) come back with
    /// the loader's warnings.
    pub async fn import_framework_sheet(
        &self,
        actor: &Actor,
        after: i64,
        file: &str,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let (_, base) = self.framework_source(actor, Some(after)).await?;
        let name = file.to_owned();
        let imported = tokio::task::spawn_blocking(move || {
            let book = read_workbook(&name, &bytes)?;
            import_workbook(&book, Some(&base), None)
        })
        .await?
        .map_err(|problems| {
            AppError::invalid(format!("{file} is not a ladder Rungs can read"), &problems)
        })?;
        let mut saved = self
            .put_framework(actor, after, imported.toml.into_bytes())
            .await?;
        // What the import did on the reader's behalf comes first, at its cells.
        let notes = imported.notes.iter().map(crate::Problem::from);
        saved.warnings.splice(0..0, notes);
        Ok(saved)
    }

    /// A version of the organization's framework (the current one when none) as an XLSX file.
    pub async fn framework_xlsx(
        &self,
        actor: &Actor,
        version: Option<i64>,
    ) -> Result<(i64, Vec<u8>)> {
        let (version, source) = self.framework_source(actor, version).await?;
        let bytes = tokio::task::spawn_blocking(move || {
            let book = framework_workbook("framework.xlsx", &source)?;
            write_xlsx(&book)
        })
        .await??;
        Ok((version, bytes))
    }
}
