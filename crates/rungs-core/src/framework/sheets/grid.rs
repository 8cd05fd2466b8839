//! Reading a sheet as a table with a header row, and naming the cell a problem is in.

use super::{Cell, Merged, Sheet};
use crate::diag::{Diagnostic, Severity};
use crate::suggest::nearest;

/// Where a value came from: a sheet, a 1-based row (0: the whole sheet) and a column with its
/// header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) sheet: String,
    pub(super) row: usize,
    pub(super) col: Option<(usize, String)>,
}

impl Place {
    pub(super) fn sheet(sheet: &str) -> Self {
        Place {
            sheet: sheet.to_owned(),
            row: 0,
            col: None,
        }
    }
}

/// Every problem found, each at its place.
#[derive(Debug)]
pub(super) struct Problems {
    pub(super) file: String,
    /// Sheets that came from files of their own: sheet name → file.
    pub(super) files: Vec<(String, String)>,
    pub(super) list: Vec<Diagnostic>,
}

impl Problems {
    pub(super) fn new(file: &str) -> Self {
        Problems {
            file: file.to_owned(),
            files: Vec::new(),
            list: Vec::new(),
        }
    }

    pub(super) fn add(
        &mut self,
        severity: Severity,
        place: &Place,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let column = place.col.as_ref().map(|(c, h)| (*c, h.as_str()));
        let file = self
            .files
            .iter()
            .find(|(sheet, _)| *sheet == place.sheet)
            .map_or(&self.file, |(_, file)| file);
        self.list.push(Diagnostic::in_sheet(
            severity,
            file,
            &place.sheet,
            place.row,
            column,
            message,
            help,
        ));
    }

    pub(super) fn error(&mut self, place: &Place, message: impl Into<String>, help: Option<&str>) {
        self.add(Severity::Error, place, message, help.map(str::to_owned));
    }

    pub(super) fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// How many errors so far: a sheet's reader marks it before it starts, to stop on its own
    /// errors and never on another sheet's (every sheet's problems are found in one pass).
    pub(super) fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// A column a sheet may have: its key, and the headers that name it (any case).
#[derive(Debug)]
pub(super) struct Column {
    pub(super) key: &'static str,
    pub(super) names: &'static [&'static str],
    pub(super) required: bool,
}

pub(super) const fn col(key: &'static str, names: &'static [&'static str]) -> Column {
    Column {
        key,
        names,
        required: false,
    }
}

pub(super) const fn need(key: &'static str, names: &'static [&'static str]) -> Column {
    Column {
        key,
        names,
        required: true,
    }
}

/// A sheet read as a header row and the rows under it, merged cells spread over the cells they
/// cover.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) sheet: String,
    /// The header row's index (0-based).
    pub(super) header_row: usize,
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<(usize, Vec<Cell>)>,
}

/// A row of a [`Table`] read by the columns a sheet declares.
#[derive(Debug)]
pub(super) struct Record<'t> {
    pub(super) table: &'t Table,
    pub(super) row: usize,
    cells: &'t [Cell],
    columns: &'t [(usize, &'static str)],
}

impl Table {
    /// Reads a sheet: the first row with anything in it is the header; rows with nothing in
    /// them are skipped. A merged cell counts as its value in every cell it covers, down a
    /// column, or across columns where `across(column)` says so; any other merge is a problem.
    pub(super) fn read(
        sheet: &Sheet,
        problems: &mut Problems,
        across: impl Fn(usize) -> bool,
    ) -> Option<Table> {
        let mut rows = sheet.rows.clone();
        let header_row = rows.iter().position(|r| r.iter().any(|c| !c.is_blank()))?;
        for m in &sheet.merged {
            spread(&mut rows, m, header_row, &sheet.name, problems, &across);
        }
        let header = rows[header_row]
            .iter()
            .map(|c| c.text().unwrap_or_default())
            .collect();
        let body = rows
            .into_iter()
            .enumerate()
            .skip(header_row + 1)
            .filter(|(_, r)| r.iter().any(|c| !c.is_blank()))
            .collect();
        Some(Table {
            sheet: sheet.name.clone(),
            header_row,
            header,
            rows: body,
        })
    }

    /// The place of a cell (0-based row and column).
    pub(super) fn place(&self, row: usize, col: usize) -> Place {
        Place {
            sheet: self.sheet.clone(),
            row: row + 1,
            col: Some((col + 1, self.header.get(col).cloned().unwrap_or_default())),
        }
    }

    /// The place of a whole row.
    pub(super) fn row_place(&self, row: usize) -> Place {
        Place {
            sheet: self.sheet.clone(),
            row: row + 1,
            col: None,
        }
    }

    /// Matches the header against the sheet's columns: each header cell names one column; an
    /// unknown or repeated header, or a required column missing, is a problem.
    pub(super) fn columns(
        &self,
        declared: &[Column],
        problems: &mut Problems,
    ) -> Vec<(usize, &'static str)> {
        let mut found: Vec<(usize, &'static str)> = Vec::new();
        for (i, name) in self.header.iter().enumerate() {
            if name.is_empty() {
                if self
                    .rows
                    .iter()
                    .any(|(_, r)| r.get(i).is_some_and(|c| !c.is_blank()))
                {
                    problems.error(
                        &self.place(self.header_row, i),
                        "this column has values but no header",
                        Some("give it a header, or leave it out"),
                    );
                }
                continue;
            }
            let Some(c) = declared.iter().find(|c| named(c, name)) else {
                let known = declared.iter().map(|c| c.names[0]);
                problems.error(
                    &self.place(self.header_row, i),
                    format!("`{name}` is not a column of the {} sheet", self.sheet),
                    Some(&suggest(name, known)),
                );
                continue;
            };
            if found.iter().any(|(_, k)| *k == c.key) {
                problems.error(
                    &self.place(self.header_row, i),
                    format!("`{name}` is a second {} column", c.names[0]),
                    Some("keep one of them"),
                );
                continue;
            }
            found.push((i, c.key));
        }
        for c in declared.iter().filter(|c| c.required) {
            if !found.iter().any(|(_, k)| *k == c.key) {
                problems.error(
                    &Place {
                        sheet: self.sheet.clone(),
                        row: self.header_row + 1,
                        col: None,
                    },
                    format!("the {} sheet has no `{}` column", self.sheet, c.names[0]),
                    Some(&format!("add a column headed `{}`", c.names[0])),
                );
            }
        }
        found
    }

    pub(super) fn records<'t>(
        &'t self,
        columns: &'t [(usize, &'static str)],
    ) -> impl Iterator<Item = Record<'t>> {
        self.rows.iter().map(move |(row, cells)| Record {
            table: self,
            row: *row,
            cells,
            columns,
        })
    }
}

fn named(c: &Column, header: &str) -> bool {
    c.names
        .iter()
        .any(|n| n.eq_ignore_ascii_case(header.trim()))
}

pub(super) fn suggest<'a>(given: &str, known: impl Iterator<Item = &'a str> + Clone) -> String {
    match nearest(given, known.clone(), 2).as_slice() {
        [one] => format!("did you mean `{one}`?"),
        [] => format!("the columns are: {}", known.collect::<Vec<_>>().join(", ")),
        many => format!("did you mean one of: {}?", many.join(", ")),
    }
}

/// Spreads a merged cell's value over the cells it covers, or reports why it cannot be read.
fn spread(
    rows: &mut [Vec<Cell>],
    m: &Merged,
    header_row: usize,
    sheet: &str,
    problems: &mut Problems,
    across: &impl Fn(usize) -> bool,
) {
    let name = format!(
        "{}{}:{}{}",
        crate::diag::column_letter(m.cols.0 + 1),
        m.rows.0 + 1,
        crate::diag::column_letter(m.cols.1 + 1),
        m.rows.1 + 1
    );
    let place = Place {
        sheet: sheet.to_owned(),
        row: m.rows.0 + 1,
        col: Some((m.cols.0 + 1, String::new())),
    };
    if m.rows.0 <= header_row && m.rows.1 >= header_row {
        problems.error(
            &place,
            format!("the merged cells {name} cannot be read: they join the header row with others"),
            Some("unmerge them; each column needs a header cell of its own"),
        );
        return;
    }
    if m.cols.0 != m.cols.1 && !(m.cols.0..=m.cols.1).all(across) {
        problems.error(
            &place,
            format!(
                "the merged cells {name} cannot be read: a value in them belongs to no one column"
            ),
            Some(
                "unmerge them and put each value in its own column; in the Matrix, merging is \
                 read only across level columns (one expectation for those levels)",
            ),
        );
        return;
    }
    let value = rows
        .get(m.rows.0)
        .and_then(|r| r.get(m.cols.0))
        .cloned()
        .unwrap_or(Cell::Empty);
    // A merge reaching past the cells the sheet holds spreads only over those.
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if value == Cell::Empty || width == 0 {
        return;
    }
    let last = m.cols.1.min(width - 1);
    let m = Merged {
        rows: (m.rows.0, m.rows.1.min(rows.len().saturating_sub(1))),
        cols: (m.cols.0, last.max(m.cols.0)),
    };
    for r in m.rows.0..=m.rows.1 {
        let Some(row) = rows.get_mut(r) else { break };
        if row.len() <= m.cols.1 {
            row.resize(m.cols.1 + 1, Cell::Empty);
        }
        for cell in &mut row[m.cols.0..=m.cols.1] {
            *cell = value.clone();
        }
    }
}

impl<'t> Record<'t> {
    fn index(&self, key: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, k)| *k == key)
            .map(|(i, _)| *i)
    }

    /// The cell under a column, if the sheet has the column.
    pub(super) fn cell(&self, key: &str) -> Option<&'t Cell> {
        Some(self.cell_at(self.index(key)?))
    }

    /// The cell in the column at 0-based `i`.
    pub(super) fn cell_at(&self, i: usize) -> &'t Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }

    pub(super) fn place_at(&self, i: usize) -> Place {
        self.table.place(self.row, i)
    }

    /// The place of the cell under a column (the row when the sheet lacks the column).
    pub(super) fn place(&self, key: &str) -> Place {
        match self.index(key) {
            Some(i) => self.table.place(self.row, i),
            None => self.table.row_place(self.row),
        }
    }

    /// The cell's text, or none when blank; a formula error is a problem.
    pub(super) fn text(&self, key: &str, problems: &mut Problems) -> Option<String> {
        self.text_at(self.index(key)?, problems)
    }

    pub(super) fn text_at(&self, i: usize, problems: &mut Problems) -> Option<String> {
        match self.cell_at(i) {
            Cell::Error(e) => {
                problems.error(
                    &self.place_at(i),
                    format!("the cell holds the spreadsheet error {e}, not a value"),
                    Some("fix the formula, or type the value"),
                );
                None
            }
            cell => cell.text(),
        }
    }

    /// The cell as yes or no, none when blank; anything else is a problem.
    pub(super) fn yes_no(
        &self,
        key: &str,
        problems: &mut Problems,
        help: Option<&str>,
    ) -> Result<Option<bool>, ()> {
        match self.text(key, problems).map(|t| yes_no(&t)) {
            None => Ok(None),
            Some(Ok(b)) => Ok(Some(b)),
            Some(Err(e)) => {
                problems.error(&self.place(key), e, help);
                Err(())
            }
        }
    }

    /// The cell's text, which must be there.
    pub(super) fn need(&self, key: &str, what: &str, problems: &mut Problems) -> Option<String> {
        let text = self.text(key, problems);
        if text.is_none() && !matches!(self.cell(key), Some(Cell::Error(_))) {
            problems.error(&self.place(key), format!("{what} is missing"), None);
        }
        text
    }
}

/// A yes or no as a cell says it (`yes`, `no`, `true`, `false`, any case), or why it is not one.
pub(super) fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        _ => Err(format!("`{text}` is not yes or no")),
    }
}

/// Splits a cell holding a list: one item per line, or, on one line, items between commas.
pub(super) fn list(text: &str) -> Vec<String> {
    let items: Vec<&str> = if text.contains('\n') {
        text.lines().collect()
    } else {
        text.split(',').collect()
    };
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list written for [`list`] to read back: between commas when no item has one, else one per
/// line.
pub(super) fn join_list(items: &[String]) -> String {
    if items.iter().any(|i| i.contains(',')) {
        items.join("\n")
    } else {
        items.join(", ")
    }
}
