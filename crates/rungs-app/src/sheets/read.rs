//! Spreadsheet files read into cells: XLSX and ODS with calamine, CSV with the csv crate. Each
//! reader counts what it holds against [`super::limits`] and stops at the first limit passed.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto_from_rs};
use rungs_core::diag::{Diagnostic, Severity};
use rungs_core::framework::sheets::{self, Cell, Merged, Sheet, Workbook};

use super::MAX_SPREADSHEET;
use super::limits::{
    Budget, MAX_CELL_TEXT, MAX_COLUMNS, MAX_ROWS, check_archive, check_cell_text, check_position,
    whole_file,
};

/// Reads a spreadsheet file: XLSX or ODS (any sheets), or CSV (one sheet, read as the matrix).
/// `file` names it in problems.
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Workbook, Vec<Diagnostic>> {
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
    // What the archive unpacks to, and what an ODS file's repeats and an XLSX file's shared
    // strings would become, is bounded before a reader opens it.
    check_archive(file, bytes)?;
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
    let mut budget = Budget::default();
    for name in book.sheet_names() {
        let unreadable = |e: &dyn std::fmt::Display| {
            whole_file(
                file,
                format!("the sheet `{name}` could not be read: {e}"),
                "save the file again from your spreadsheet program",
            )
        };
        let (rows, merged) = match &mut book {
            // XLSX cells are read one at a time, so a value placed far off (XFD1048576) is
            // refused instead of making a grid of billions of empty cells.
            Sheets::Xlsx(x) => {
                let rows = xlsx_rows(x, file, &name, &mut budget)?;
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
                let range = other.worksheet_range(&name).map_err(|e| unreadable(&e))?;
                let (top, left) = range
                    .start()
                    .map_or((0, 0), |(r, c)| (r as usize, c as usize));
                let (height, width) = range.get_size();
                if height > 0 && width > 0 {
                    check_position(file, &name, (top + height - 1, left + width - 1))?;
                }
                let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
                for (r, row) in range.rows().enumerate() {
                    let mut cells = vec![Cell::Empty; left];
                    for (c, value) in row.iter().enumerate() {
                        let value = cell(&data_ref(value), file, &name, (top + r, left + c))?;
                        cells.push(value);
                    }
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

/// An XLSX sheet's cells, as rows, read one cell at a time.
fn xlsx_rows(
    x: &mut calamine::Xlsx<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<Vec<Cell>>, Vec<Diagnostic>> {
    let unreadable = |e: calamine::XlsxError| {
        whole_file(
            file,
            format!("the sheet `{name}` could not be read: {e}"),
            "save the file again from your spreadsheet program",
        )
    };
    let mut reader = x.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some(c) = reader.next_cell().map_err(unreadable)? {
        let (r, col) = c.get_position();
        let (r, col) = (r as usize, col as usize);
        if *c.get_value() == DataRef::Empty {
            continue;
        }
        check_position(file, name, (r, col))?;
        let value = cell(c.get_value(), file, name, (r, col))?;
        if value == Cell::Empty {
            continue;
        }
        if let Cell::Text(s) | Cell::Error(s) = &value {
            budget.text(file, s.len())?;
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= col {
            budget.cells(file, col + 1 - row.len())?;
            row.resize(col + 1, Cell::Empty);
        }
        row[col] = value;
    }
    Ok(rows)
}

/// A cell as the import reads it, its text checked against the longest a cell may hold before
/// it is copied.
fn cell(
    d: &DataRef<'_>,
    file: &str,
    sheet: &str,
    at: (usize, usize),
) -> Result<Cell, Vec<Diagnostic>> {
    let text = |s: &str| -> Result<Cell, Vec<Diagnostic>> {
        check_cell_text(file, sheet, at, s)?;
        Ok(if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        })
    };
    Ok(match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s)?,
        DataRef::SharedString(s) => text(s)?,
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(x) => Cell::Number(*x),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            check_cell_text(file, sheet, at, s)?;
            Cell::Text(s.clone())
        }
        DataRef::Error(e) => Cell::Error(e.to_string()),
    })
}

/// A cell of a sheet read whole, as the cell reader gives one (its text borrowed).
fn data_ref(d: &Data) -> DataRef<'_> {
    match d {
        Data::Empty => DataRef::Empty,
        Data::String(s) => DataRef::SharedString(s),
        Data::Int(n) => DataRef::Int(*n),
        Data::Float(x) => DataRef::Float(*x),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
    }
}

/// Reads one CSV file as a sheet (UTF-8, with or without a byte-order mark; rows may differ in
/// length). The apostrophe Rungs puts before a cell a spreadsheet would run as a formula comes
/// off again. Read a field at a time, so a row of millions of commas costs nothing to refuse.
pub fn read_csv(file: &str, sheet: &str, bytes: &[u8]) -> Result<Sheet, Vec<Diagnostic>> {
    let mut reader = csv_core::Reader::new();
    let mut input = bytes;
    let mut field = vec![0u8; 1024];
    let mut len = 0;
    let mut budget = Budget::default();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut col = 0;
    loop {
        let (result, read, written) = reader.read_field(input, &mut field[len..]);
        input = &input[read..];
        len += written;
        match result {
            csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::OutputFull => {
                // A cell of more than the longest text a cell may hold, in UTF-8's widest.
                if field.len() > 4 * MAX_CELL_TEXT {
                    let text = String::from_utf8_lossy(&field[..len]);
                    check_cell_text(file, sheet, (rows.len(), col), &text)?;
                }
                field.resize(field.len() * 2, 0);
            }
            csv_core::ReadFieldResult::Field { record_end } => {
                let at = (rows.len(), col);
                if at.0 >= MAX_ROWS {
                    return Err(whole_file(
                        file,
                        format!(
                            "the file has more than {} rows",
                            rungs_core::words::grouped(MAX_ROWS as u64)
                        ),
                        "a ladder's sheet holds a row per competency, level or band: check that this is the right file",
                    ));
                }
                let Ok(text) = std::str::from_utf8(&field[..len]) else {
                    return Err(vec![Diagnostic::in_sheet(
                        Severity::Error,
                        file,
                        sheet,
                        at.0 + 1,
                        Some((at.1 + 1, "")),
                        "the cell is not UTF-8 text",
                        Some("save the file as CSV UTF-8".into()),
                    )]);
                };
                if text.trim().is_empty() {
                    // Empty cells are held only up to the row's last value.
                    if col < MAX_COLUMNS {
                        cells.push(Cell::Empty);
                    }
                } else {
                    check_position(file, sheet, at)?;
                    check_cell_text(file, sheet, at, text)?;
                    budget.text(file, text.len())?;
                    cells.push(Cell::Text(rungs_core::cell::unsafe_again(text).to_owned()));
                }
                len = 0;
                col += 1;
                if record_end {
                    while cells.last() == Some(&Cell::Empty) {
                        cells.pop();
                    }
                    budget.cells(file, cells.len().max(1))?;
                    rows.push(std::mem::take(&mut cells));
                    col = 0;
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
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
) -> Result<Workbook, Vec<Diagnostic>> {
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
