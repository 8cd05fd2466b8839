//! A framework as a spreadsheet: the competency matrix and the ladder's other tables as sheets,
//! read into a framework file and written back out (docs/spreadsheets.md).
//!
//! This module works on a [`Workbook`], a grid of cells per sheet; reading and writing XLSX, ODS
//! and CSV files is the application layer's. Importing builds the framework's TOML tree from
//! the sheets and loads it with the one loader every framework goes through, so every rule is
//! the loader's; a problem it finds is reported back at the sheet, row and column it came from.
//!
//! The sheets, each optional but the matrix:
//! - `Matrix`: a row per competency — its area, its name, one expectation per level column;
//! - `Levels`, `Tracks`, `Areas`: a row per level, track, area;
//! - `Pay`: a row per band and company stage, in the framework's zone or another;
//! - `Milestones`: a row per milestone of a move between levels;
//! - `More`: everything else, one value per row by its path (`levels[apm].duties`), which is
//!   what makes an exported workbook import back to the same framework.

mod export;
mod grid;
mod import;
mod paths;

pub use export::export;
pub use import::{Imported, import};

/// One cell's value as read from a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A formula error such as `#N/A`, which holds no value to read.
    Error(String),
}

/// Cells merged into one: rows and columns, first to last, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub rows: (usize, usize),
    pub cols: (usize, usize),
}

/// One sheet: `rows[0]` is the spreadsheet's row 1, `rows[r][0]` its column A.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub merged: Vec<Merged>,
    /// The file the sheet came from, when it is not the workbook's own (a CSV file of a
    /// folder); problems in the sheet name it.
    pub file: Option<String>,
}

/// A spreadsheet file's sheets, in order; `file` names it in problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    pub file: String,
    pub sheets: Vec<Sheet>,
}

/// The sheets Rungs reads and writes, in the order it writes them.
pub const SHEETS: [&str; 7] = [MATRIX, LEVELS, TRACKS, AREAS, PAY, MILESTONES, MORE];
/// Sheets for people, which an import passes over without a word.
pub const NOT_READ: [&str; 4] = ["Read me", "Readme", "Notes", "Instructions"];
pub const MATRIX: &str = "Matrix";
pub const LEVELS: &str = "Levels";
pub const TRACKS: &str = "Tracks";
pub const AREAS: &str = "Areas";
pub const PAY: &str = "Pay";
pub const MILESTONES: &str = "Milestones";
pub const MORE: &str = "More";

impl Workbook {
    /// The sheet with this name, any case.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

impl Cell {
    /// The cell as text a person typed: numbers without a trailing `.0`, yes/no for booleans;
    /// none for an empty or blank cell.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Empty | Cell::Error(_) => None,
            Cell::Text(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Cell::Number(n) => Some(number_text(*n)),
            Cell::Bool(b) => Some(if *b { "yes" } else { "no" }.to_owned()),
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number as written in a cell: `70000`, `0.45`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests;
