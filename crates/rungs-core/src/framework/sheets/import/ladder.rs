//! The ladder's sheets: Tracks, Levels, Areas and the Matrix.

use toml::{Table as Tree, Value};

use super::super::grid::{Column, Place, Table, col, list, need};
use super::super::paths::Seg;
use super::super::{AREAS, Cell, LEVELS, MILESTONES, PAY, Sheet, TRACKS, Workbook};
use super::{Builder, years};
use crate::diag::Severity;
use crate::doc::{is_id, slug};

pub(in super::super) const TRACK_COLUMNS: [Column; 4] = [
    col("id", &["Id", "Track id"]),
    need("name", &["Name", "Track"]),
    col("shared", &["Shared"]),
    col("summary", &["Summary", "Description"]),
];

pub(in super::super) const LEVEL_COLUMNS: [Column; 11] = [
    col("id", &["Id", "Level id"]),
    need("title", &["Title", "Level"]),
    col("short_title", &["Short title"]),
    col("aliases", &["Aliases", "Other titles"]),
    col("track", &["Track"]),
    col("rank", &["Rank"]),
    col("parallel", &["Parallel"]),
    col("summary", &["Summary", "Description"]),
    col("experience", &["Experience", "Experience (years)"]),
    col("years_on_rung", &["Years on rung", "Years at level"]),
    col("years_to_reach", &["Years to reach"]),
];

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

/// The entry with this id in a list of the tree, taken out to be replaced (so what a sheet
/// does not say about it is kept), or a new one.
fn take(items: &mut Vec<Value>, id: &str) -> Tree {
    match items
        .iter()
        .position(|i| i.get("id").and_then(Value::as_str) == Some(id))
    {
        Some(i) => match items.remove(i) {
            Value::Table(t) => t,
            _ => Tree::new(),
        },
        None => {
            let mut t = Tree::new();
            t.insert("id".into(), Value::String(id.to_owned()));
            t
        }
    }
}

fn list_of(tree: &mut Tree, key: &str) -> Vec<Value> {
    match tree.remove(key) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// Sets `key` from a cell: its value when it has one, left out when the column is there and
/// the cell blank (the sheet says there is none), kept when the sheet has no such column.
fn put(t: &mut Tree, key: &str, cell: Option<&Cell>, value: Option<Value>) {
    match (cell, value) {
        (_, Some(v)) => {
            t.insert(key.into(), v);
        }
        (Some(_), None) => {
            t.remove(key);
        }
        (None, None) => {}
    }
}

/// An id from its column, or made from the name; a problem when it is not an id.
fn id_of(b: &mut Builder, given: Option<String>, name: &str, place: Place) -> Option<String> {
    let id = given.unwrap_or_else(|| slug(name));
    if is_id(&id) {
        return Some(id);
    }
    let try_this = slug(&id);
    b.problems.error(
        &place,
        format!("`{id}` is not an id"),
        Some(if try_this.is_empty() {
            "ids are lowercase words joined by hyphens, like senior-pm"
        } else {
            "ids are lowercase words joined by hyphens"
        }),
    );
    None
}

/// The Tracks sheet replaces the tracks.
pub(super) fn tracks(b: &mut Builder, book: &Workbook) {
    let Some(sheet) = book.sheet(TRACKS) else {
        return;
    };
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return;
    };
    let columns = table.columns(&TRACK_COLUMNS, &mut b.problems);
    let mut old = list_of(&mut b.tree, "tracks");
    let mut new = Vec::new();
    for r in table.records(&columns) {
        let Some(name) = r.need("name", "the track's name", &mut b.problems) else {
            continue;
        };
        let given = r.text("id", &mut b.problems);
        let Some(id) = id_of(b, given, &name, r.place("id")) else {
            continue;
        };
        let mut t = take(&mut old, &id);
        t.insert("name".into(), Value::String(name));
        let shared = match r.text("shared", &mut b.problems).map(|s| s.to_lowercase()) {
            None => None,
            Some(s) if s == "yes" || s == "true" => Some(Value::Boolean(true)),
            Some(s) if s == "no" || s == "false" => Some(Value::Boolean(false)),
            Some(s) => {
                b.problems
                    .error(&r.place("shared"), format!("`{s}` is not yes or no"), None);
                None
            }
        };
        put(&mut t, "shared", r.cell("shared"), shared);
        let summary = r.text("summary", &mut b.problems).map(Value::String);
        put(&mut t, "summary", r.cell("summary"), summary);
        let at = vec![Seg::Key("tracks".into()), Seg::Id(id.clone())];
        b.origin(at.clone(), r.place("name"));
        for key in ["shared", "summary"] {
            let mut p = at.clone();
            p.push(Seg::Key(key.into()));
            b.origin(p, r.place(key));
        }
        new.push(Value::Table(t));
    }
    b.tree.insert("tracks".into(), Value::Array(new));
}

/// The Levels sheet replaces the levels. When it names other levels than the framework it is
/// laid over, the parts of that framework that name levels are left out, with a note.
pub(super) fn levels(b: &mut Builder, book: &Workbook, over_base: bool) {
    let Some(sheet) = book.sheet(LEVELS) else {
        return;
    };
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return;
    };
    let columns = table.columns(&LEVEL_COLUMNS, &mut b.problems);
    let tracks: Vec<(String, String)> = b
        .tree
        .get("tracks")
        .and_then(Value::as_array)
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
        .collect();
    let old_ids: Vec<String> = b
        .tree
        .get("levels")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l.get("id")?.as_str().map(str::to_owned))
        .collect();
    let mut old = list_of(&mut b.tree, "levels");
    // A ladder of other levels is a ladder of its own: nothing of the base's levels is kept.
    let mut ids: Vec<String> = table
        .records(&columns)
        .filter_map(|r| {
            let cell = |key| r.cell(key).and_then(Cell::text);
            cell("id").or_else(|| cell("title").map(|t| slug(&t)))
        })
        .collect();
    ids.sort();
    let mut before = old_ids.clone();
    before.sort();
    if over_base && ids != before {
        b.fresh = true;
        old.clear();
    }
    let mut new = Vec::new();
    let mut parallels = Vec::new();
    for r in table.records(&columns) {
        let Some(title) = r.need("title", "the level's title", &mut b.problems) else {
            continue;
        };
        let given = r.text("id", &mut b.problems);
        let Some(id) = id_of(b, given, &title, r.place("id")) else {
            continue;
        };
        let mut t = take(&mut old, &id);
        t.insert("title".into(), Value::String(title));
        let at = vec![Seg::Key("levels".into()), Seg::Id(id.clone())];
        b.origin(at.clone(), r.place("title"));
        let origin = |b: &mut Builder, key: &str| {
            let mut p = at.clone();
            p.push(Seg::Key(key.into()));
            b.origin(p, r.place(key));
        };
        for key in ["short_title", "summary"] {
            let v = r.text(key, &mut b.problems).map(Value::String);
            put(&mut t, key, r.cell(key), v);
            origin(b, key);
        }
        let aliases = r
            .text("aliases", &mut b.problems)
            .map(|s| Value::Array(list(&s).into_iter().map(Value::String).collect()));
        put(&mut t, "aliases", r.cell("aliases"), aliases);
        origin(b, "aliases");
        let track = r.text("track", &mut b.problems).and_then(|s| {
            let lower = s.to_lowercase();
            match tracks.iter().find(|(id, name)| *id == s || *name == lower) {
                Some((id, _)) => Some(Value::String(id.clone())),
                None => {
                    let known: Vec<&str> = tracks.iter().map(|(id, _)| id.as_str()).collect();
                    b.problems.error(
                        &r.place("track"),
                        format!("`{s}` is not a track; the tracks are: {}", known.join(", ")),
                        Some("name a track by its id or name, or add it to the Tracks sheet"),
                    );
                    None
                }
            }
        });
        put(&mut t, "track", r.cell("track"), track);
        origin(b, "track");
        let rank = r
            .text("rank", &mut b.problems)
            .and_then(|s| match s.parse::<u32>() {
                Ok(n) => Some(Value::Integer(i64::from(n))),
                Err(_) => {
                    b.problems.error(
                        &r.place("rank"),
                        format!("`{s}` is not a rank"),
                        Some("a rank is a whole number: 1 at the bottom of the ladder"),
                    );
                    None
                }
            });
        put(&mut t, "rank", r.cell("rank"), rank);
        origin(b, "rank");
        for key in ["experience", "years_on_rung", "years_to_reach"] {
            let v = r.text(key, &mut b.problems).and_then(|s| match years(&s) {
                Ok(v) => Some(merge_years(t.get(key), v)),
                Err(e) => {
                    b.problems.error(&r.place(key), e, None);
                    None
                }
            });
            put(&mut t, key, r.cell(key), v);
            origin(b, key);
        }
        parallels.push((
            new.len(),
            r.cell("parallel").is_some(),
            r.text("parallel", &mut b.problems),
            r.place("parallel"),
        ));
        origin(b, "parallel");
        new.push(Value::Table(t));
    }
    b.tree.insert("levels".into(), Value::Array(new));
    let names = b.level_names();
    for (i, has_column, text, place) in parallels {
        let value = text.and_then(|s| match names.find(&s) {
            Ok(id) => Some(Value::String(id)),
            Err(e) => {
                b.problems.error(&place, e, None);
                None
            }
        });
        if let Some(Value::Table(t)) = b
            .tree
            .get_mut("levels")
            .and_then(Value::as_array_mut)
            .and_then(|l| l.get_mut(i))
        {
            put(t, "parallel", has_column.then_some(&Cell::Empty), value);
        }
    }
    if b.fresh {
        let replaced = |name: &str| book.sheet(name).is_some();
        let left_out: Vec<&str> = prune(&mut b.tree)
            .into_iter()
            .filter(|(sheet, _)| !sheet.is_some_and(replaced))
            .map(|(_, what)| what)
            .collect();
        if !left_out.is_empty() {
            b.problems.add(
                Severity::Note,
                &Place::sheet(LEVELS),
                format!(
                    "these levels are not the ones of the framework the sheets are laid over, so \
                     what it says about its own levels is left out: {}",
                    left_out.join("; ")
                ),
                Some(
                    "Pay and Milestones sheets give those for your levels; add the rest to the \
                     framework file the import writes (docs/framework-format.md)"
                        .into(),
                ),
            );
        }
    }
}

/// A span from a cell keeps what the cell cannot say (its note and source) from the span it
/// replaces.
fn merge_years(old: Option<&Value>, new: Value) -> Value {
    match (old, new) {
        (Some(Value::Table(o)), Value::Table(mut n)) => {
            for key in ["note", "source"] {
                if let Some(v) = o.get(key) {
                    n.insert(key.into(), v.clone());
                }
            }
            Value::Table(n)
        }
        (_, new) => new,
    }
}

/// Leaves out of a framework every part that names its levels; says what was left out, with
/// the sheet that gives it anew.
fn prune(tree: &mut Tree) -> Vec<(Option<&'static str>, &'static str)> {
    let mut out = Vec::new();
    for (key, sheet, what) in [
        (
            "moves",
            Some(MILESTONES),
            "the moves between levels and their milestones",
        ),
        ("span_of_control", None, "the span of control per level"),
        ("titles", None, "the job-title vocabulary"),
    ] {
        if tree.remove(key).is_some() {
            out.push((sheet, what));
        }
    }
    if let Some(Value::Table(team)) = tree.get_mut("team") {
        if team.remove("shape").is_some() {
            out.push((None, "the team's level pyramid"));
        }
    }
    if let Some(Value::Table(comp)) = tree.get_mut("compensation") {
        comp.remove("bands");
        let mut dropped = Vec::new();
        if let Some(Value::Array(zones)) = comp.get_mut("zones") {
            zones.retain(|z| {
                let banded = z.get("bands").is_some();
                if banded {
                    if let Some(id) = z.get("id").and_then(Value::as_str) {
                        dropped.push(id.to_owned());
                    }
                }
                !banded
            });
        }
        if let Some(Value::Array(rules)) = comp.get_mut("locations") {
            rules.retain(|r| {
                !r.get("zone")
                    .and_then(Value::as_str)
                    .is_some_and(|z| dropped.iter().any(|d| d == z))
            });
        }
        out.push((Some(PAY), "the pay bands"));
    }
    let mut topics = false;
    for (section, _) in crate::framework::Guidance::default().sections() {
        for topic in tree
            .get_mut(section)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_table_mut)
        {
            topics |= topic.remove("levels").is_some();
        }
    }
    for source in tree
        .get_mut("sources")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_table_mut)
    {
        source.remove("ladders");
    }
    if topics {
        out.push((
            None,
            "the levels career guidance applies to (it now applies to every level)",
        ));
    }
    out
}

/// The Matrix: a row per competency, its area, and an expectation per level.
pub(super) fn matrix(b: &mut Builder, book: &Workbook, sheet: &Sheet) {
    let names = b.level_names();
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
        return;
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
        return;
    }
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
        // One expectation per distinct text, for every level that has it.
        let mut groups: Vec<(String, Vec<String>, Place)> = Vec::new();
        for (i, level) in &levels {
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
            let mut p = at.clone();
            p.extend([Seg::Key("expectations".into()), Seg::Index(k)]);
            b.origin(p, place);
        }
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
    for a in &areas_sheet {
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
