//! The Matrix (a row per competency: its area, its name, an expectation per level) and the
//! Areas sheet that names and weighs the areas.

use toml::{Table as Tree, Value};

use super::super::grid::{Column, Place, Record, Table, col, need};
use super::super::paths::Seg;
use super::super::{AREAS, Cell, Sheet, Workbook};
use super::ladder::{id_of, list_of, put, take};
use super::{Builder, LevelNames};

pub(in super::super) const AREA_COLUMNS: [Column; 4] = [
    col("id", &["Id", "Area id"]),
    need("name", &["Name", "Area"]),
    col("summary", &["Summary", "Description"]),
    col("weight", &["Weight"]),
];

/// The Matrix's columns besides one per level.
pub(in super::super) const MATRIX_COLUMNS: [Column; 7] = [
    need("area", &["Area"]),
    need("competency", &["Competency"]),
    col("competency_id", &["Competency id"]),
    col("area_id", &["Area id"]),
    col("summary", &["Summary", "Description"]),
    col("actions", &["How to grow", "Actions"]),
    col("evidence", &["Evidence"]),
];

/// The Matrix: a row per competency, its area, and an expectation per level.
pub(super) fn matrix(b: &mut Builder, book: &Workbook, sheet: &Sheet) {
    let names = b.level_names();
    let Some((fixed, levels)) = header(b, sheet, &names) else {
        return;
    };
    let level_cols: Vec<usize> = levels.iter().map(|(i, _)| *i).collect();
    let Some(table) = Table::read(sheet, &mut b.problems, |c| level_cols.contains(&c)) else {
        return;
    };
    let columns = fixed.clone();
    let areas_sheet = area_rows(b, book);
    let mut old_areas = list_of(&mut b.tree, "areas");
    if b.fresh {
        old_areas.clear();
    }
    // Each area: its id, its table, the competencies it had (kept only for what the Matrix does
    // not say about one it still has) and those of the Matrix.
    let mut areas: Vec<(String, Tree, Vec<Value>, Vec<Value>)> = Vec::new();
    let mut current: Option<String> = None;
    for r in table.records(&columns) {
        let area_text = r.text("area", &mut b.problems).or_else(|| current.clone());
        let Some(area_text) = area_text else {
            b.problems.error(
                &r.place("area"),
                "which area is this competency in? The area is blank",
                Some("write the area's name in the first row of its competencies"),
            );
            continue;
        };
        current = Some(area_text.clone());
        let Some(name) = r.need("competency", "the competency's name", &mut b.problems) else {
            continue;
        };
        // The area: by the Areas sheet, by an id given here, or made from the name.
        let known = areas_sheet
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(&area_text) || a.id == area_text);
        let area_id = match (r.text("area_id", &mut b.problems), known) {
            (Some(id), _) => id_of(b, Some(id), &area_text, r.place("area_id")),
            (None, Some(a)) => Some(a.id.clone()),
            (None, None) => id_of(b, None, &area_text, r.place("area")),
        };
        let Some(area_id) = area_id else { continue };
        if !areas.iter().any(|(id, _, _, _)| *id == area_id) {
            let mut t = take(&mut old_areas, &area_id);
            match known {
                Some(a) => {
                    t.insert("name".into(), Value::String(a.name.clone()));
                    if let Some(summary) = &a.summary {
                        put(
                            &mut t,
                            "summary",
                            Some(&Cell::Empty),
                            summary.clone().map(Value::String),
                        );
                    }
                    if let Some(weight) = &a.weight {
                        put(&mut t, "weight", Some(&Cell::Empty), weight.clone());
                    }
                    b.origin(
                        vec![Seg::Key("areas".into()), Seg::Id(area_id.clone())],
                        a.place.clone(),
                    );
                }
                None => {
                    t.insert("name".into(), Value::String(area_text.clone()));
                    b.origin(
                        vec![Seg::Key("areas".into()), Seg::Id(area_id.clone())],
                        r.place("area"),
                    );
                }
            }
            let old = list_of(&mut t, "competencies");
            areas.push((area_id.clone(), t, old, Vec::new()));
        }
        let Some(comp_id) = ({
            let given = r.text("competency_id", &mut b.problems);
            let place = if given.is_some() {
                r.place("competency_id")
            } else {
                r.place("competency")
            };
            id_of(b, given, &name, place)
        }) else {
            continue;
        };
        let Some((_, _, old, comps)) = areas.iter_mut().find(|(id, _, _, _)| *id == area_id) else {
            continue;
        };
        if comps
            .iter()
            .any(|c| c.get("id").and_then(Value::as_str) == Some(comp_id.as_str()))
        {
            b.problems.error(
                &r.place("competency"),
                format!("the competency `{comp_id}` is on an earlier row of the area too"),
                Some(
                    "give each competency one row, or tell them apart with a Competency id column",
                ),
            );
            continue;
        }
        let mut t = take(old, &comp_id);
        t.insert("name".into(), Value::String(name));
        let at = vec![
            Seg::Key("areas".into()),
            Seg::Id(area_id.clone()),
            Seg::Key("competencies".into()),
            Seg::Id(comp_id.clone()),
        ];
        b.origin(at.clone(), r.place("competency"));
        let expectations = expectations(b, &r, &levels, &at);
        t.insert("expectations".into(), Value::Array(expectations));
        let summary = r.text("summary", &mut b.problems).map(Value::String);
        put(&mut t, "summary", r.cell("summary"), summary);
        for key in ["actions", "evidence"] {
            let v = r.text(key, &mut b.problems).map(|s| {
                Value::Array(
                    s.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Value::String(l.to_owned()))
                        .collect(),
                )
            });
            put(&mut t, key, r.cell(key), v);
        }
        for key in ["summary", "actions", "evidence"] {
            let mut p = at.clone();
            p.push(Seg::Key(key.into()));
            b.origin(p, r.place(key));
        }
        comps.push(Value::Table(t));
    }
    put_areas(b, &areas_sheet, areas);
}

/// Each area with its competencies into the framework; an area of the Areas sheet with none
/// is a problem at its row.
fn put_areas(
    b: &mut Builder,
    areas_sheet: &[AreaRow],
    areas: Vec<(String, Tree, Vec<Value>, Vec<Value>)>,
) {
    for a in areas_sheet {
        if !areas.iter().any(|(id, _, _, _)| *id == a.id) {
            b.problems.error(
                &a.place,
                format!("the area `{}` has no competencies in the Matrix", a.name),
                Some("add its competencies to the Matrix, or leave the area out"),
            );
        }
    }
    let areas = areas
        .into_iter()
        .map(|(_, mut t, _, comps)| {
            t.insert("competencies".into(), Value::Array(comps));
            Value::Table(t)
        })
        .collect();
    b.tree.insert("areas".into(), Value::Array(areas));
}

/// The Matrix's header row: its own columns and a column per level. Every
/// problem is noted; `None` when the rows cannot be read (no header, or no area or name column).
#[allow(clippy::type_complexity)]
fn header(
    b: &mut Builder,
    sheet: &Sheet,
    names: &LevelNames,
) -> Option<(Vec<(usize, &'static str)>, Vec<(usize, String)>)> {
    let Some(header_row) = sheet
        .rows
        .iter()
        .position(|r| r.iter().any(|c| c.text().is_some()))
    else {
        b.problems.error(
            &Place::sheet(&sheet.name),
            "the Matrix sheet is empty",
            Some("put the levels across the first row after `Area` and `Competency`, and a competency on each row below"),
        );
        return None;
    };
    // The header: the Matrix's own columns, and a column per level.
    let mut fixed: Vec<(usize, &'static str)> = Vec::new();
    let mut levels: Vec<(usize, String)> = Vec::new();
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..width {
        let cell = sheet.rows[header_row].get(i).unwrap_or(&Cell::Empty);
        let Some(name) = cell.text() else {
            // A column of values with no header would be lost: say so.
            let below = sheet.rows[header_row + 1..]
                .iter()
                .any(|r| r.get(i).is_some_and(|c| c.text().is_some()));
            let merged = sheet
                .merged
                .iter()
                .any(|m| (m.cols.0..=m.cols.1).contains(&i) && m.cols.0 < i);
            if below && !merged {
                b.problems.error(
                    &Place {
                        sheet: sheet.name.clone(),
                        row: header_row + 1,
                        col: Some((i + 1, String::new())),
                    },
                    "this column has values but no header",
                    Some("head it with a level or one of the Matrix's columns, or leave it out"),
                );
            }
            continue;
        };
        let place = Place {
            sheet: sheet.name.clone(),
            row: header_row + 1,
            col: Some((i + 1, name.clone())),
        };
        if let Some(c) = MATRIX_COLUMNS
            .iter()
            .find(|c| c.names.iter().any(|n| n.eq_ignore_ascii_case(&name)))
        {
            if fixed.iter().any(|(_, k)| *k == c.key) {
                b.problems.error(
                    &place,
                    format!("`{name}` is a second {} column", c.names[0]),
                    Some("keep one of them"),
                );
            } else {
                fixed.push((i, c.key));
            }
            continue;
        }
        match names.find(&name) {
            Ok(id) if levels.iter().any(|(_, l)| *l == id) => b.problems.error(
                &place,
                format!("`{name}` is a second column for the level `{id}`"),
                Some("keep one column per level"),
            ),
            Ok(id) => levels.push((i, id)),
            Err(_) => {
                let others: Vec<&str> = MATRIX_COLUMNS.iter().map(|c| c.names[0]).collect();
                b.problems.error(
                    &place,
                    format!("the header `{name}` matches no level; {}", names.hint(&name)),
                    Some(&format!(
                        "a header names a level (its id, title or another of its titles) or one of: {}",
                        others.join(", ")
                    )),
                );
            }
        }
    }
    let header_place = Place {
        sheet: sheet.name.clone(),
        row: header_row + 1,
        col: None,
    };
    for c in MATRIX_COLUMNS.iter().filter(|c| c.required) {
        if !fixed.iter().any(|(_, k)| *k == c.key) {
            b.problems.error(
                &header_place,
                format!("the Matrix has no `{}` column", c.names[0]),
                Some(&format!("add a column headed `{}`", c.names[0])),
            );
        }
    }
    for id in names.ids() {
        if !levels.iter().any(|(_, l)| l == id) {
            b.problems.error(
                &header_place,
                format!("the Matrix has no column for the level `{id}`"),
                Some("every level needs a column: an expectation per competency at that level"),
            );
        }
    }
    // Without its area and name a row cannot be read; other header problems leave the rows
    // to be read for the columns that are right, so their problems are found too.
    if MATRIX_COLUMNS
        .iter()
        .filter(|c| c.required)
        .any(|c| !fixed.iter().any(|(_, k)| *k == c.key))
    {
        return None;
    }
    Some((fixed, levels))
}

/// A competency's expectations from its row: one per distinct text, for every level that has
/// it, each noted where it came from.
fn expectations(
    b: &mut Builder,
    r: &Record<'_>,
    levels: &[(usize, String)],
    at: &[Seg],
) -> Vec<Value> {
    // One expectation per distinct text, for every level that has it.
    let mut groups: Vec<(String, Vec<String>, Place)> = Vec::new();
    for (i, level) in levels {
        let Some(text) = r.text_at(*i, &mut b.problems) else {
            if !matches!(r.cell_at(*i), Cell::Error(_)) {
                b.problems.error(
                    &r.place_at(*i),
                    format!("the expectation for the level `{level}` is empty"),
                    Some("every competency says what each level is expected to do"),
                );
            }
            continue;
        };
        match groups.iter_mut().find(|g| g.0 == text) {
            Some(g) => g.1.push(level.clone()),
            None => groups.push((text, vec![level.clone()], r.place_at(*i))),
        }
    }
    let mut expectations = Vec::new();
    for (k, (text, group, place)) in groups.into_iter().enumerate() {
        let mut e = Tree::new();
        e.insert(
            "levels".into(),
            Value::Array(group.into_iter().map(Value::String).collect()),
        );
        e.insert("text".into(), Value::String(text));
        expectations.push(Value::Table(e));
        let mut p = at.to_vec();
        p.extend([Seg::Key("expectations".into()), Seg::Index(k)]);
        b.origin(p, place);
    }
    expectations
}

/// An area as the Areas sheet gives it; `summary` and `weight` are none where the sheet has
/// no such column.
#[derive(Debug)]
struct AreaRow {
    name: String,
    id: String,
    summary: Option<Option<String>>,
    weight: Option<Option<Value>>,
    place: Place,
}

fn area_rows(b: &mut Builder, book: &Workbook) -> Vec<AreaRow> {
    let Some(sheet) = book.sheet(AREAS) else {
        return Vec::new();
    };
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return Vec::new();
    };
    let columns = table.columns(&AREA_COLUMNS, &mut b.problems);
    let mut out = Vec::new();
    for r in table.records(&columns) {
        let Some(name) = r.need("name", "the area's name", &mut b.problems) else {
            continue;
        };
        let given = r.text("id", &mut b.problems);
        let Some(id) = id_of(b, given, &name, r.place("id")) else {
            continue;
        };
        let weight = r.text("weight", &mut b.problems).and_then(|s| {
            if let Ok(n) = s.parse::<i64>() {
                return Some(Value::Integer(n));
            }
            match s.parse::<f64>() {
                Ok(w) if w.is_finite() => Some(Value::Float(w)),
                _ => {
                    b.problems
                        .error(&r.place("weight"), format!("`{s}` is not a number"), None);
                    None
                }
            }
        });
        let summary = r.text("summary", &mut b.problems);
        out.push(AreaRow {
            name,
            id,
            summary: r.cell("summary").map(|_| summary),
            weight: r.cell("weight").map(|_| weight),
            place: r.place("name"),
        });
    }
    out
}
