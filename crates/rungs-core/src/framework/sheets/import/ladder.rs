//! The ladder's sheets: Tracks, Levels, Areas and the Matrix.

use toml::{Table as Tree, Value};

use super::super::grid::{Column, Place, Table, col, list, need};
use super::super::paths::Seg;
use super::super::{Cell, LEVELS, MILESTONES, PAY, TRACKS, Workbook};
use super::{Builder, named_entries, years};
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

/// The entry with this id in a list of the tree, taken out to be replaced (so what a sheet
/// does not say about it is kept), or a new one.
pub(super) fn take(items: &mut Vec<Value>, id: &str) -> Tree {
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

pub(super) fn list_of(tree: &mut Tree, key: &str) -> Vec<Value> {
    match tree.remove(key) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// Sets `key` from a cell: its value when it has one, left out when the column is there and
/// the cell blank (the sheet says there is none), kept when the sheet has no such column.
pub(super) fn put(t: &mut Tree, key: &str, cell: Option<&Cell>, value: Option<Value>) {
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
pub(super) fn id_of(
    b: &mut Builder,
    given: Option<String>,
    name: &str,
    place: Place,
) -> Option<String> {
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
        let shared = r
            .yes_no("shared", &mut b.problems, None)
            .ok()
            .flatten()
            .map(Value::Boolean);
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

/// The ids of a list of tables.
fn ids_of(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l.get("id")?.as_str().map(str::to_owned))
        .collect()
}

/// Whether the Levels sheet names the same levels (by id, or by the id its title makes) as
/// the framework it is read over.
fn same_levels(table: &Table, columns: &[(usize, &'static str)], old_ids: &[String]) -> bool {
    let mut ids: Vec<String> = table
        .records(columns)
        .filter_map(|r| {
            let cell = |key| r.cell(key).and_then(Cell::text);
            cell("id").or_else(|| cell("title").map(|t| slug(&t)))
        })
        .collect();
    ids.sort();
    let mut before = old_ids.to_vec();
    before.sort();
    ids == before
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
    let tracks = named_entries(b.tree.get("tracks"));
    let old_ids = ids_of(b.tree.get("levels"));
    let mut old = list_of(&mut b.tree, "levels");
    // A ladder of other levels is a ladder of its own: nothing of the base's levels is kept.
    if over_base && !same_levels(&table, &columns, &old_ids) {
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
