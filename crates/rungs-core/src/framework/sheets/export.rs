//! From a framework file to a workbook: the ladder's tables as sheets, the rest on `More`, so
//! that importing the workbook gives the same framework back.

use toml::{Table as Tree, Value};

use super::grid::{Column, join_list};
use super::import::LevelNames;
use super::import::ladder::{LEVEL_COLUMNS, TRACK_COLUMNS};
use super::import::matrix::{AREA_COLUMNS, MATRIX_COLUMNS};
use super::import::pay::{MILESTONE_COLUMNS, PAY_COLUMNS};
use super::paths;
use super::{
    AREAS, Cell, LEVELS, MATRIX, MILESTONES, MORE, PAY, Sheet, TRACKS, Workbook, number_text,
};
use crate::framework::document;

/// The workbook for a framework file (TOML or JSON text); `file` names it.
pub fn export(file: &str, source: &str) -> Result<Workbook, String> {
    let Value::Table(tree) = document::tree(source)? else {
        return Err("a framework file is a table of sections".into());
    };
    let mut rest = tree.clone();
    let names = LevelNames::of(&tree);
    let areas = areas(&mut rest);
    let mut sheets = vec![
        matrix(&mut rest, &tree, &names),
        levels(&mut rest),
        tracks(&mut rest),
        areas,
        pay(&mut rest),
        milestones(&mut rest),
    ];
    for key in ["tracks", "levels", "areas"] {
        drop_bare(&mut rest, key);
    }
    let mut rows = Vec::new();
    paths::flatten(&rest, &mut Vec::new(), &mut rows);
    let mut more = sheet(MORE, &["Path", "Value", "Kind"]);
    for (path, value, kind) in rows {
        more.rows.push(vec![
            Cell::Text(paths::show(&path)),
            value,
            Cell::Text(kind.into()),
        ]);
    }
    sheets.push(more);
    sheets.retain(|s| s.name == MATRIX || s.name == MORE || s.rows.len() > 1);
    Ok(Workbook {
        file: file.to_owned(),
        sheets,
    })
}

fn sheet(name: &str, headers: &[&str]) -> Sheet {
    Sheet {
        name: name.to_owned(),
        rows: vec![
            headers
                .iter()
                .map(|h| Cell::Text((*h).to_owned()))
                .collect(),
        ],
        merged: Vec::new(),
        file: None,
    }
}

fn headers(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.names[0]).collect()
}

/// A text a cell gives back unchanged (cells are read trimmed).
fn fits(s: &str) -> bool {
    !s.is_empty() && s.trim() == s
}

/// Takes a text out of a table for a cell; one a cell would change stays (for `More`).
fn take_text(t: &mut Tree, key: &str) -> Cell {
    match t.get(key) {
        Some(Value::String(s)) if fits(s) => match t.remove(key) {
            Some(Value::String(s)) => Cell::Text(s),
            _ => Cell::Empty,
        },
        _ => Cell::Empty,
    }
}

/// Takes a list of texts out of a table for a cell of one item per line.
fn take_lines(t: &mut Tree, key: &str) -> Cell {
    let Some(Value::Array(items)) = t.get(key) else {
        return Cell::Empty;
    };
    let lines: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
    match lines {
        Some(lines) if !lines.is_empty() && lines.iter().all(|l| fits(l) && !l.contains('\n')) => {
            let text = lines.join("\n");
            t.remove(key);
            Cell::Text(text)
        }
        _ => Cell::Empty,
    }
}

/// Ids in a cell: a list, or one id.
fn ids(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(v: Option<&Value>) -> Cell {
    match v {
        Some(Value::Integer(n)) => Cell::Number(*n as f64),
        Some(Value::Float(x)) => Cell::Number(*x),
        _ => Cell::Empty,
    }
}

/// Leaves out of a list the entries that hold nothing but their id (a sheet makes them).
fn drop_bare(rest: &mut Tree, key: &str) {
    if let Some(Value::Array(items)) = rest.get_mut(key) {
        items.retain(|i| i.as_table().is_some_and(|t| t.keys().any(|k| k != "id")));
        if items.is_empty() {
            rest.remove(key);
        }
    }
}

fn items_mut<'t>(rest: &'t mut Tree, key: &str) -> Vec<&'t mut Tree> {
    match rest.get_mut(key) {
        Some(Value::Array(items)) => items.iter_mut().filter_map(Value::as_table_mut).collect(),
        _ => Vec::new(),
    }
}

fn tracks(rest: &mut Tree) -> Sheet {
    let mut s = sheet(TRACKS, &headers(&TRACK_COLUMNS));
    for t in items_mut(rest, "tracks") {
        let id = t
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let name = take_text(t, "name");
        let shared = match t.remove("shared") {
            Some(Value::Boolean(true)) => Cell::Text("yes".into()),
            Some(Value::Boolean(false)) => Cell::Text("no".into()),
            Some(other) => {
                t.insert("shared".into(), other);
                Cell::Empty
            }
            None => Cell::Empty,
        };
        s.rows
            .push(vec![Cell::Text(id), name, shared, take_text(t, "summary")]);
    }
    s
}

/// A span of years as a cell writes it (the note and source stay for `More`).
fn years_cell(t: &mut Tree, key: &str) -> Cell {
    let one = |y: &mut Tree| -> Option<String> {
        let min = y
            .get("min")
            .and_then(|v| v.as_float().or(v.as_integer().map(|n| n as f64)))?;
        let max = y
            .get("max")
            .map(|v| v.as_float().or(v.as_integer().map(|n| n as f64)));
        let text = match max {
            None => format!("{}+", number_text(min)),
            Some(Some(max)) if max == min => number_text(min),
            Some(Some(max)) => format!("{}–{}", number_text(min), number_text(max)),
            Some(None) => return None,
        };
        y.remove("min");
        y.remove("max");
        Some(text)
    };
    let text = match t.get_mut(key) {
        Some(Value::Table(y)) => one(y),
        Some(Value::Array(list)) if !list.is_empty() && list.iter().all(Value::is_table) => {
            let mut copy = list.clone();
            let lines: Option<Vec<String>> = copy
                .iter_mut()
                .filter_map(Value::as_table_mut)
                .map(one)
                .collect();
            lines.map(|l| {
                *list = copy;
                l.join("\n")
            })
        }
        _ => None,
    };
    // What a cell cannot say about the span stays for `More`.
    let empty = match t.get(key) {
        Some(Value::Table(y)) => y.is_empty(),
        Some(Value::Array(list)) => list
            .iter()
            .all(|v| v.as_table().is_some_and(Tree::is_empty)),
        _ => false,
    };
    if text.is_some() && empty {
        t.remove(key);
    }
    text.map_or(Cell::Empty, Cell::Text)
}

fn levels(rest: &mut Tree) -> Sheet {
    let mut s = sheet(LEVELS, &headers(&LEVEL_COLUMNS));
    for t in items_mut(rest, "levels") {
        let id = t
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let title = take_text(t, "title");
        let short = take_text(t, "short_title");
        let aliases = match t.get("aliases") {
            Some(Value::Array(items)) => {
                let list: Option<Vec<String>> = items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .filter(|s| fits(s) && !s.contains('\n'))
                            .map(str::to_owned)
                    })
                    .collect();
                match list {
                    Some(list) => {
                        t.remove("aliases");
                        if list.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(join_list(&list))
                        }
                    }
                    None => Cell::Empty,
                }
            }
            _ => Cell::Empty,
        };
        let track = take_text(t, "track");
        let rank = number(t.get("rank"));
        if matches!(rank, Cell::Number(_)) {
            t.remove("rank");
        }
        let parallel = take_text(t, "parallel");
        let summary = take_text(t, "summary");
        let experience = years_cell(t, "experience");
        let on_rung = years_cell(t, "years_on_rung");
        let to_reach = years_cell(t, "years_to_reach");
        s.rows.push(vec![
            Cell::Text(id),
            title,
            short,
            aliases,
            track,
            rank,
            parallel,
            summary,
            experience,
            on_rung,
            to_reach,
        ]);
    }
    s
}

fn areas(rest: &mut Tree) -> Sheet {
    let mut s = sheet(AREAS, &headers(&AREA_COLUMNS));
    for t in items_mut(rest, "areas") {
        let id = t
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let name = take_text(t, "name");
        let summary = take_text(t, "summary");
        let weight = number(t.get("weight"));
        if matches!(weight, Cell::Number(_)) {
            t.remove("weight");
        }
        s.rows.push(vec![Cell::Text(id), name, summary, weight]);
    }
    s
}

/// The Matrix: a row per competency, a column per level headed by its title (its id where the
/// title would name another level too).
fn matrix(rest: &mut Tree, tree: &Tree, names: &LevelNames) -> Sheet {
    let levels: Vec<(String, String)> = tree
        .get("levels")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let id = l.get("id")?.as_str()?.to_owned();
            let title = l
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or(&id)
                .to_owned();
            let header = if names.find(&title).as_deref() == Ok(id.as_str()) {
                title
            } else {
                id.clone()
            };
            Some((id, header))
        })
        .collect();
    let fixed = headers(&MATRIX_COLUMNS);
    let mut head: Vec<&str> = vec![fixed[0], fixed[1]];
    head.extend(levels.iter().map(|(_, h)| h.as_str()));
    head.extend([fixed[2], fixed[4], fixed[5], fixed[6]]);
    let mut s = sheet(MATRIX, &head);
    let area_names: Vec<String> = tree
        .get("areas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|a| {
            a.get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    for (area, name) in items_mut(rest, "areas").into_iter().zip(area_names) {
        for c in area
            .get_mut("competencies")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_table_mut)
        {
            let mut row = vec![Cell::Text(name.clone()), take_text(c, "name")];
            let expectations = c.remove("expectations");
            for (id, _) in &levels {
                let text = expectations
                    .as_ref()
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .find(|e| ids(e.get("levels")).iter().any(|l| l == id))
                    .and_then(|e| e.get("text"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                row.push(Cell::Text(text.trim().to_owned()));
            }
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            row.push(Cell::Text(id));
            row.push(take_text(c, "summary"));
            row.push(take_lines(c, "actions"));
            row.push(take_lines(c, "evidence"));
            s.rows.push(row);
        }
        if let Some(Value::Array(comps)) = area.get_mut("competencies") {
            comps.retain(|c| c.as_table().is_some_and(|t| t.keys().any(|k| k != "id")));
            if comps.is_empty() {
                area.remove("competencies");
            }
        }
    }
    s
}

fn pay(rest: &mut Tree) -> Sheet {
    let mut s = sheet(PAY, &headers(&PAY_COLUMNS));
    let Some(Value::Table(comp)) = rest.get_mut("compensation") else {
        return s;
    };
    let own_zone = comp.get("zone").and_then(Value::as_str).map(str::to_owned);
    let currency = comp
        .get("currency")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut rows = |bands: &Value, zone: Option<&str>, currency: Option<&str>| {
        for band in bands.as_array().into_iter().flatten() {
            let levels = ids(band.get("levels")).join(", ");
            for (stage, range) in band
                .get("ranges")
                .and_then(Value::as_table)
                .into_iter()
                .flatten()
            {
                let open = range.get("open_ended").and_then(Value::as_bool) == Some(true);
                s.rows.push(vec![
                    Cell::Text(levels.clone()),
                    zone.map_or(Cell::Empty, |z| Cell::Text(z.to_owned())),
                    Cell::Text(stage.clone()),
                    number(range.get("min")),
                    number(range.get("max")),
                    if open {
                        Cell::Text("yes".into())
                    } else {
                        Cell::Empty
                    },
                    currency.map_or(Cell::Empty, |c| Cell::Text(c.to_owned())),
                ]);
            }
        }
    };
    if let Some(bands) = comp.remove("bands") {
        rows(&bands, own_zone.as_deref(), currency.as_deref());
        if currency.is_some() {
            comp.remove("currency");
        }
    }
    for z in comp
        .get_mut("zones")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_table_mut)
    {
        let Some(bands) = z.remove("bands") else {
            continue;
        };
        let id = z
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let currency = z
            .remove("currency")
            .and_then(|c| c.as_str().map(str::to_owned));
        rows(&bands, Some(&id), currency.as_deref());
    }
    s
}

fn milestones(rest: &mut Tree) -> Sheet {
    let mut s = sheet(MILESTONES, &headers(&MILESTONE_COLUMNS));
    let Some(Value::Array(moves)) = rest.remove("moves") else {
        return s;
    };
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map_or(Cell::Empty, |s| Cell::Text(s.to_owned()))
    };
    let list = |v: Option<&Value>| {
        let ids = ids(v);
        if ids.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(ids.join(", "))
        }
    };
    for m in moves.iter() {
        let head = vec![
            text(m.get("id")),
            text(m.get("kind")),
            list(m.get("from")),
            list(m.get("to")),
            text(m.get("summary")),
        ];
        let milestones: Vec<&Value> = m
            .get("milestones")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        if milestones.is_empty() {
            let mut row = head.clone();
            row.extend(std::iter::repeat_n(Cell::Empty, 5));
            s.rows.push(row);
        }
        for (i, ms) in milestones.iter().enumerate() {
            let mut row = if i == 0 {
                head.clone()
            } else {
                let mut r = vec![head[0].clone()];
                r.extend(std::iter::repeat_n(Cell::Empty, 4));
                r
            };
            row.extend([
                text(ms.get("id")),
                text(ms.get("text")),
                text(ms.get("quote")),
                list(ms.get("tracks")),
                text(ms.get("source")),
            ]);
            s.rows.push(row);
        }
    }
    s
}
