//! From a workbook to a framework file: each sheet becomes its part of the TOML tree, the tree
//! is loaded by the framework loader, and whatever it finds is reported at the cell it came from.

mod names;
pub(super) use names::*;
pub(super) mod ladder;
pub(super) mod matrix;
pub(super) mod pay;

use std::collections::HashMap;

use toml::{Table as Tree, Value};

use super::grid::{Place, Problems, Table};
use super::paths::{self, Seg};
use super::{MATRIX, MORE, SHEETS, Workbook};
use crate::diag::{Diagnostic, Severity};
use crate::framework::{Framework, document, load};

/// A workbook read into a framework.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The framework file the workbook makes, TOML.
    pub toml: String,
    pub framework: Framework,
    /// What the import did on the reader's behalf, and warnings, each at its place.
    pub notes: Vec<Diagnostic>,
}

/// Builds a framework from a workbook. A workbook with a `More` sheet is a whole framework (as
/// [`super::export`] writes it); one without is laid over `base` (a framework file's text,
/// usually the built-in ladder or the organization's current one): each sheet replaces its
/// part of the base, and the rest is kept.
///
/// `name`, when given, names a framework of its own (its id made from it, version 1) instead of
/// taking the base's name, summary and version.
///
/// Every problem is returned, each at its sheet, row and column; then nothing is made.
pub fn import(
    book: &Workbook,
    base: Option<&str>,
    name: Option<&str>,
) -> Result<Imported, Vec<Diagnostic>> {
    let mut b = Builder {
        problems: Problems::new(&book.file),
        origins: Vec::new(),
        tree: Tree::new(),
        fresh: false,
    };
    b.problems.files = book
        .sheets
        .iter()
        .filter_map(|s| Some((s.name.clone(), s.file.clone()?)))
        .collect();
    let whole = book.sheet(MORE).is_some();
    if !whole {
        if let Some(text) = base {
            match document::tree(text) {
                Ok(Value::Table(t)) => b.tree = t,
                _ => b.problems.error(
                    &Place::sheet(MATRIX),
                    "the framework to build on could not be read",
                    None,
                ),
            }
        }
    }
    let matrix = pick_matrix(book, &mut b.problems);
    for sheet in &book.sheets {
        let known = SHEETS
            .iter()
            .chain(&super::NOT_READ)
            .any(|s| s.eq_ignore_ascii_case(sheet.name.trim()));
        if !known && Some(sheet.name.as_str()) != matrix.map(|m| m.name.as_str()) {
            b.problems.add(
                Severity::Warning,
                &Place::sheet(&sheet.name),
                format!("the sheet `{}` was not read", sheet.name),
                Some(format!("the sheets Rungs reads are: {}", SHEETS.join(", "))),
            );
        }
    }
    let Some(matrix) = matrix else {
        return Err(b.problems.list);
    };
    ladder::tracks(&mut b, book);
    ladder::levels(&mut b, book, !whole && base.is_some());
    matrix::matrix(&mut b, book, matrix);
    pay::milestones(&mut b, book);
    more(&mut b, book);
    pay::bands(&mut b, book);
    if let Some(name) = name.map(str::trim) {
        let id = crate::doc::slug(name);
        if id.is_empty() {
            b.problems.error(
                &Place::sheet(MATRIX),
                format!("`{name}` cannot name a framework"),
                Some("use letters or digits, like \"Acme product ladder\""),
            );
        }
        let meta = b
            .tree
            .entry("framework")
            .or_insert_with(|| Value::Table(Tree::new()));
        if let Some(meta) = meta.as_table_mut() {
            // A framework of its own: the base's summary and version are not its.
            meta.insert("id".into(), Value::String(id));
            meta.insert("name".into(), Value::String(name.to_owned()));
            meta.insert("version".into(), Value::String("1".into()));
            meta.remove("summary");
        }
    }
    if b.problems.has_errors() {
        return Err(grouped(b.problems.list));
    }
    b.finish()
}

/// The sections in the order the built-in file has them (then any others), so the file an
/// import writes reads like one a person wrote.
fn in_file_order(mut tree: Tree) -> Tree {
    const ORDER: [&str; 16] = [
        "framework",
        "sources",
        "tracks",
        "dimensions",
        "aspects",
        "timing",
        "levels",
        "areas",
        "level_rule",
        "readiness",
        "compensation",
        "moves",
        "span_of_control",
        "track_choice",
        "specializations",
        "titles",
    ];
    let mut out = Tree::new();
    for key in ORDER {
        if let Some(v) = tree.remove(key) {
            out.insert(key.to_owned(), v);
        }
    }
    out.extend(tree);
    out
}

/// The path and key of a loader's "`levels[0]` is missing `summary`".
fn missing(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix('`')?;
    let (whole, rest) = rest.split_once("` is missing `")?;
    let key = rest.strip_suffix('`')?;
    Some((whole, key))
}

/// One problem repeated down a column (every row of a column whose level did not load, say)
/// is said once, with how many rows more have it.
fn grouped(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in list {
        let same = out.iter_mut().find(|(o, _)| {
            o.sheet.is_some()
                && o.sheet == d.sheet
                && o.field == d.field
                && o.message == d.message
                && o.start.map(|p| p.column) == d.start.map(|p| p.column)
        });
        match same {
            Some((_, n)) => *n += 1,
            None => out.push((d, 0)),
        }
    }
    out.into_iter()
        .map(|(mut d, n)| {
            if n > 0 {
                d.message = format!(
                    "{} (and in {n} more row{} of this column)",
                    d.message,
                    if n == 1 { "" } else { "s" }
                );
            }
            d
        })
        .collect()
}

/// The sheet to read as the matrix: the one named so, or else the one sheet not named as any
/// other (a workbook of `Ladder`, `Levels` and `Pay` has its matrix in `Ladder`).
fn pick_matrix<'w>(book: &'w Workbook, problems: &mut Problems) -> Option<&'w super::Sheet> {
    if let Some(m) = book.sheet(MATRIX) {
        return Some(m);
    }
    let named = |s: &super::Sheet| {
        SHEETS
            .iter()
            .chain(&super::NOT_READ)
            .any(|n| n.eq_ignore_ascii_case(s.name.trim()))
    };
    let others: Vec<&super::Sheet> = book.sheets.iter().filter(|s| !named(s)).collect();
    if let [only] = others.as_slice() {
        return Some(only);
    }
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    problems.error(
        &Place::sheet(MATRIX),
        format!(
            "the workbook has no sheet named `{MATRIX}` (its sheets: {})",
            names.join(", ")
        ),
        Some(
            "name the sheet with the competency matrix `Matrix`: levels across, competencies down",
        ),
    );
    None
}

/// The framework tree being built, the problems found, and where each value came from.
#[derive(Debug)]
pub(super) struct Builder {
    pub(super) problems: Problems,
    pub(super) origins: Vec<(Vec<Seg>, Place)>,
    pub(super) tree: Tree,
    /// The sheets make a ladder of their own (other levels than the base's): nothing of the
    /// base's levels, areas or competencies is kept in theirs.
    pub(super) fresh: bool,
}

impl Builder {
    pub(super) fn origin(&mut self, path: Vec<Seg>, place: Place) {
        self.origins.push((path, place));
    }

    /// The levels as the tree has them now.
    pub(super) fn level_names(&self) -> LevelNames {
        LevelNames::of(&self.tree)
    }

    /// Loads the tree and reports the loader's problems at the cells they came from.
    fn finish(self) -> Result<Imported, Vec<Diagnostic>> {
        let Builder {
            mut problems,
            origins,
            tree,
            ..
        } = self;
        let tree = in_file_order(tree);
        let toml = match document::to_toml(&Value::Table(tree.clone())) {
            Ok(t) => t,
            Err(e) => {
                problems.error(
                    &Place::sheet(MATRIX),
                    format!("the framework could not be written: {e}"),
                    None,
                );
                return Err(problems.list);
            }
        };
        let located: Vec<(String, Place)> = origins
            .into_iter()
            .filter_map(|(path, place)| Some((paths::locate(&tree, &path)?, place)))
            .collect();
        let place_of = |path: &str| -> Option<Place> {
            let within = |p: &str, whole: &str| {
                whole == p
                    || whole.starts_with(p)
                        && matches!(whole.as_bytes().get(p.len()), Some(b'.' | b'['))
            };
            located
                .iter()
                .filter(|(p, _)| within(p, path))
                .max_by_key(|(p, _)| p.len())
                .or_else(|| {
                    located
                        .iter()
                        .find(|(p, _)| !path.is_empty() && within(path, p))
                })
                .map(|(_, place)| place.clone())
        };
        let exact = |path: &str| {
            located
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, place)| place.clone())
        };
        let relocate = |d: Diagnostic, problems: &mut Problems| {
            // "`levels[0]` is missing `summary`": at the Summary cell when the sheet has one.
            if let Some((whole, key)) = missing(&d.message) {
                let (key, whole) = (key.to_owned(), whole.to_owned());
                let place = exact(&format!("{whole}.{key}")).or_else(|| place_of(&whole));
                if let Some(place) = place {
                    let help = format!(
                        "give its `{key}` in a column of this sheet (docs/spreadsheets.md lists them)"
                    );
                    problems.add(
                        d.severity,
                        &place,
                        format!("`{key}` is missing"),
                        Some(help),
                    );
                    return;
                }
            }
            match place_of(&d.path) {
                Some(place) => problems.add(d.severity, &place, d.message, d.help),
                None => {
                    let at = if d.path.is_empty() {
                        String::new()
                    } else {
                        format!("`{}`: ", d.path)
                    };
                    problems.list.push(Diagnostic {
                        file: problems.file.clone(),
                        start: None,
                        end: None,
                        line_text: None,
                        message: format!("{at}{}", d.message),
                        ..d
                    });
                }
            }
        };
        match load(&format!("{}.toml", problems.file), toml.as_bytes()) {
            Ok(loaded) => {
                for w in loaded.warnings {
                    relocate(w, &mut problems);
                }
                Ok(Imported {
                    toml,
                    framework: loaded.framework,
                    notes: problems.list,
                })
            }
            Err(e) => {
                for d in e.diagnostics {
                    relocate(d, &mut problems);
                }
                Err(grouped(problems.list))
            }
        }
    }
}

/// The `More` sheet: each row sets the value at its path.
fn more(b: &mut Builder, book: &Workbook) {
    use super::grid::need;
    const COLUMNS: [super::grid::Column; 3] = [
        need("path", &["Path"]),
        need("value", &["Value"]),
        need("kind", &["Kind"]),
    ];
    let Some(sheet) = book.sheet(MORE) else {
        return;
    };
    let mark = b.problems.errors();
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return;
    };
    let columns = table.columns(&COLUMNS, &mut b.problems);
    if b.problems.errors() > mark {
        return;
    }
    for r in table.records(&columns) {
        let Some(path_text) = r.need("path", "the path", &mut b.problems) else {
            continue;
        };
        let path = match paths::parse(&path_text) {
            Ok(p) => p,
            Err(e) => {
                b.problems.error(&r.place("path"), e, None);
                continue;
            }
        };
        let kind = r
            .text("kind", &mut b.problems)
            .unwrap_or_else(|| "text".into());
        let cell = r.cell("value").cloned().unwrap_or(super::Cell::Empty);
        let value = match paths::read(&cell, &kind) {
            Ok(v) => v,
            Err(e) => {
                b.problems.error(&r.place("value"), e, None);
                continue;
            }
        };
        if let Err(e) = paths::apply(&mut b.tree, &path, value) {
            b.problems.error(&r.place("path"), e, None);
            continue;
        }
        b.origin(path, r.place("value"));
    }
}

/// The entries of a list of the tree, each as its id and its name in lower case (the id where
/// it has no name), for finding the one a cell names by either.
pub(super) fn named_entries(list: Option<&Value>) -> Vec<(String, String)> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let id = t.get("id")?.as_str()?.to_owned();
            let name = t
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&id)
                .to_lowercase();
            Some((id, name))
        })
        .collect()
}

/// A span of years as a cell writes it: `2–5`, `2-5`, `10+`, `3`, with or without "years"; a
/// cell with several lines is a list of spans.
pub(super) fn years(text: &str) -> Result<Value, String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let one = |line: &str| -> Result<Value, String> {
        let bad = || format!("`{line}` is not a span of years: write 2–5, 10+ or 3");
        let body = line
            .trim_end_matches("years")
            .trim_end_matches("year")
            .trim();
        let number = |s: &str| -> Result<Value, String> {
            let x: f64 = s.trim().parse().map_err(|_| bad())?;
            if !x.is_finite() || x < 0.0 {
                return Err(bad());
            }
            Ok(if x.fract() == 0.0 {
                Value::Integer(x as i64)
            } else {
                Value::Float(x)
            })
        };
        let mut t = Tree::new();
        if let Some(min) = body.strip_suffix('+') {
            t.insert("min".into(), number(min)?);
        } else if let Some((a, z)) = body
            .split_once('–')
            .or_else(|| body.split_once(" to "))
            .or_else(|| body.split_once('-'))
        {
            t.insert("min".into(), number(a)?);
            t.insert("max".into(), number(z)?);
        } else {
            let n = number(body)?;
            t.insert("min".into(), n.clone());
            t.insert("max".into(), n);
        }
        Ok(Value::Table(t))
    };
    match lines.as_slice() {
        [] => Err("the span of years is empty".into()),
        [line] => one(line),
        many => many
            .iter()
            .map(|l| one(l))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}
