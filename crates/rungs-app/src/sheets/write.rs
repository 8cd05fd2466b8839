//! Workbooks written out: XLSX with rust_xlsxwriter, CSV with the csv crate (a file per sheet).

use rungs_core::framework::sheets::{Cell, Workbook, number_text};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::{AppError, Result};

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

/// Writes a workbook as CSV files, one per sheet: (file name, bytes). No cell is written as a
/// formula a spreadsheet would run.
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
                        // A spreadsheet would run a cell starting `=`: it gets an apostrophe,
                        // which comes off again when Rungs reads the file.
                        Cell::Text(s) | Cell::Error(s) => rungs_core::cell::safe(s).into_owned(),
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
