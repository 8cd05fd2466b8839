//! The sheets that name levels: Pay (bands per zone and stage) and Milestones (moves).

mod write;
use toml::{Table as Tree, Value};
use write::*;

use super::super::grid::{Column, Place, Record, Table, col, list, need};
use super::super::paths::Seg;
use super::super::{Cell, MILESTONES, PAY, Workbook};
use super::{Builder, LevelNames, named_entries};
use crate::diag::Severity;
use crate::doc::{is_id, slug};

pub(in super::super) const PAY_COLUMNS: [Column; 7] = [
    need("levels", &["Levels", "Level"]),
    col("zone", &["Zone"]),
    need("stage", &["Stage", "Company stage"]),
    need("min", &["Min", "Minimum"]),
    need("max", &["Max", "Maximum"]),
    col("open_ended", &["Open-ended", "Open ended", "And above"]),
    col("currency", &["Currency"]),
];

pub(in super::super) const MILESTONE_COLUMNS: [Column; 10] = [
    need("move", &["Move", "Move id"]),
    col("kind", &["Kind"]),
    col("from", &["From"]),
    col("to", &["To"]),
    col("summary", &["Move summary"]),
    col("id", &["Milestone id"]),
    need("text", &["Milestone", "Criterion"]),
    col("quote", &["Source's words", "Quote"]),
    col("tracks", &["Tracks", "For tracks"]),
    col("source", &["Source"]),
];

fn levels_of(names: &LevelNames, text: &str) -> Result<Vec<Value>, String> {
    list(text)
        .iter()
        .map(|n| names.find(n).map(Value::String))
        .collect()
}

/// The Milestones sheet replaces the moves: a row per milestone, the move's own columns on its
/// first row (later rows may repeat them, or leave them blank).
pub(super) fn milestones(b: &mut Builder, book: &Workbook) {
    let Some(sheet) = book.sheet(MILESTONES) else {
        return;
    };
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return;
    };
    let columns = table.columns(&MILESTONE_COLUMNS, &mut b.problems);
    let names = b.level_names();
    let mut moves: Vec<(String, Tree, Vec<Value>)> = Vec::new();
    let mut current: Option<String> = None;
    for r in table.records(&columns) {
        let Some(id) = r.text("move", &mut b.problems).or_else(|| current.clone()) else {
            b.problems.error(
                &r.place("move"),
                "which move is this milestone for? The move is blank",
                Some("write the move's id, like pm-to-senior-pm"),
            );
            continue;
        };
        if !is_id(&id) {
            b.problems.error(
                &r.place("move"),
                format!("`{id}` is not an id"),
                Some(&format!(
                    "ids are lowercase words joined by hyphens; try `{}`",
                    slug(&id)
                )),
            );
            continue;
        }
        current = Some(id.clone());
        let at = vec![Seg::Key("moves".into()), Seg::Id(id.clone())];
        let k = match moves.iter().position(|m| m.0 == id) {
            Some(k) => k,
            None => {
                let mut t = Tree::new();
                t.insert("id".into(), Value::String(id.clone()));
                moves.push((id.clone(), t, Vec::new()));
                b.origin(at.clone(), r.place("move"));
                moves.len() - 1
            }
        };
        for key in ["kind", "from", "to", "summary"] {
            let Some(text) = r.text(key, &mut b.problems) else {
                continue;
            };
            let value = match key {
                "from" | "to" => match levels_of(&names, &text) {
                    Ok(v) => Value::Array(v),
                    Err(e) => {
                        b.problems.error(&r.place(key), e, None);
                        continue;
                    }
                },
                _ => Value::String(text),
            };
            let t = &mut moves[k].1;
            match t.get(key) {
                Some(old) if *old != value => b.problems.error(
                    &r.place(key),
                    format!("the move `{id}` has another `{key}` on an earlier row"),
                    Some("give a move's kind, levels and summary once, or the same on every row"),
                ),
                Some(_) => {}
                None => {
                    t.insert(key.into(), value);
                    let mut p = at.clone();
                    p.push(Seg::Key(key.into()));
                    b.origin(p, r.place(key));
                }
            }
        }
        let text = r.text("text", &mut b.problems);
        let given = r.text("id", &mut b.problems);
        let Some(text) = text else {
            if given.is_some() {
                b.problems.error(
                    &r.place("text"),
                    "the milestone has an id but no criterion",
                    Some("write what someone who has met the milestone has done"),
                );
            }
            continue;
        };
        let made = given.is_none();
        let mid = given.unwrap_or_else(|| {
            let words: Vec<&str> = text.split_whitespace().take(6).collect();
            let base = slug(&words.join(" "));
            let taken = |c: &str| {
                moves[k]
                    .2
                    .iter()
                    .any(|m| m.get("id").and_then(Value::as_str) == Some(c))
            };
            let mut candidate = base.clone();
            let mut n = 2;
            while taken(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        });
        let mut m = Tree::new();
        m.insert("id".into(), Value::String(mid.clone()));
        m.insert("text".into(), Value::String(text));
        if let Some(q) = r.text("quote", &mut b.problems) {
            m.insert("quote".into(), Value::String(q));
        }
        if let Some(tr) = r.text("tracks", &mut b.problems) {
            m.insert(
                "tracks".into(),
                Value::Array(list(&tr).into_iter().map(Value::String).collect()),
            );
        }
        if let Some(s) = r.text("source", &mut b.problems) {
            m.insert("source".into(), Value::String(s));
        }
        let mut p = at.clone();
        p.extend([Seg::Key("milestones".into()), Seg::Index(moves[k].2.len())]);
        b.origin(p.clone(), r.place("text"));
        for key in ["id", "quote", "tracks", "source"] {
            let mut q = p.clone();
            q.push(Seg::Key(key.into()));
            b.origin(q, r.place(if key == "id" && made { "text" } else { key }));
        }
        if made {
            b.problems.add(
                Severity::Note,
                &r.place("text"),
                format!("the milestone's id `{mid}` was made from its text"),
                Some("assessments record a milestone by its id: keep it once people use it".into()),
            );
        }
        moves[k].2.push(Value::Table(m));
    }
    let moves = moves
        .into_iter()
        .map(|(_, mut t, ms)| {
            t.insert("milestones".into(), Value::Array(ms));
            Value::Table(t)
        })
        .collect();
    b.tree.insert("moves".into(), Value::Array(moves));
}

/// A whole amount of money as a cell gives it: `70000`, `70,000`, `$70 000`.
fn amount(cell: &Cell) -> Result<u64, String> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => Ok(*n as u64),
        Cell::Number(n) => Err(format!(
            "`{}` is not a whole amount",
            super::super::number_text(*n)
        )),
        other => {
            let text = other.text().unwrap_or_default();
            let digits: String = text
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '$' | '€' | '£' | '¥'))
                .collect();
            digits
                .parse::<u64>()
                .map_err(|_| format!("`{text}` is not a whole amount of money"))
        }
    }
}

/// The Pay sheet replaces the bands: a row per band and company stage. Rows in a row for the
/// same levels and zone are one band. A zone left blank (or the framework's own zone) is the
/// framework's bands; another zone's rows are that zone's own bands.
pub(super) fn bands(b: &mut Builder, book: &Workbook) {
    let Some(sheet) = book.sheet(PAY) else {
        // Pay left with no bands (its levels were replaced) is left out whole.
        let bandless = b
            .tree
            .get("compensation")
            .is_some_and(|c| c.get("bands").is_none());
        if bandless {
            b.tree.remove("compensation");
        }
        return;
    };
    let mark = b.problems.errors();
    let Some(table) = Table::read(sheet, &mut b.problems, |_| false) else {
        return;
    };
    let columns = table.columns(&PAY_COLUMNS, &mut b.problems);
    if b.problems.errors() > mark {
        return;
    }
    let comp = b.tree.get("compensation").and_then(Value::as_table);
    let own_zone = comp
        .and_then(|c| c.get("zone"))
        .and_then(Value::as_str)
        .unwrap_or("base")
        .to_owned();
    let stages = named_entries(comp.and_then(|c| c.get("stages")));
    let zones = named_entries(comp.and_then(|c| c.get("zones")));
    let read = read_rows(b, &table, &columns, &own_zone, &stages, &zones);
    if b.problems.errors() > mark {
        return;
    }
    write_bands(b, read);
}

/// What the Pay sheet's rows say: (zone, None for the framework's own) → bands in order, each
/// with its levels, its ranges and where it came from; each zone's currency; the zones it names
/// that the framework does not have yet.
struct PayRows {
    bands: Vec<(Option<String>, Vec<Value>, Tree, Place)>,
    currencies: Vec<(Option<String>, String, Place)>,
    new_zones: Vec<(String, String)>,
}

/// Reads every row of the Pay sheet, noting each problem in its place.
fn read_rows(
    b: &mut Builder,
    table: &Table,
    columns: &[(usize, &'static str)],
    own_zone: &str,
    stages: &[(String, String)],
    zones: &[(String, String)],
) -> PayRows {
    let names = b.level_names();
    let mut bands: Vec<(Option<String>, Vec<Value>, Tree, Place)> = Vec::new();
    let mut currencies: Vec<(Option<String>, String, Place)> = Vec::new();
    let mut new_zones: Vec<(String, String)> = Vec::new();
    for r in table.records(columns) {
        let Ok(zone) = zone_of(b, &r, own_zone, zones, &mut new_zones) else {
            continue;
        };
        let Some(level_text) = r.need("levels", "the band's levels", &mut b.problems) else {
            continue;
        };
        let levels = match levels_of(&names, &level_text) {
            Ok(l) => l,
            Err(e) => {
                b.problems.error(&r.place("levels"), e, None);
                continue;
            }
        };
        let Some(stage_text) = r.need("stage", "the company stage", &mut b.problems) else {
            continue;
        };
        let lower = stage_text.to_lowercase();
        let stage = match stages
            .iter()
            .find(|(id, name)| *id == stage_text || *name == lower)
        {
            Some((id, _)) => id.clone(),
            None if stages.is_empty() => slug(&stage_text),
            None => {
                let known: Vec<&str> = stages.iter().map(|(id, _)| id.as_str()).collect();
                b.problems.error(
                    &r.place("stage"),
                    format!(
                        "`{stage_text}` is not a company stage; the stages are: {}",
                        known.join(", ")
                    ),
                    None,
                );
                continue;
            }
        };
        let (Some(min_cell), Some(max_cell)) = (r.cell("min"), r.cell("max")) else {
            continue;
        };
        let min = amount(min_cell).map_err(|e| b.problems.error(&r.place("min"), e, None));
        let max = amount(max_cell).map_err(|e| b.problems.error(&r.place("max"), e, None));
        let (Ok(min), Ok(max)) = (min, max) else {
            continue;
        };
        if min > max {
            b.problems.error(
                &r.place("max"),
                format!("the band's minimum ({min}) is above its maximum ({max})"),
                Some("swap them, or correct the one that is wrong"),
            );
            continue;
        }
        let help = "yes when the maximum is a floor, not a cap (\"$700K+\")";
        let Ok(open) = r.yes_no("open_ended", &mut b.problems, Some(help)) else {
            continue;
        };
        let open = open.unwrap_or(false);
        if let Some(c) = r.text("currency", &mut b.problems) {
            match currencies.iter().find(|(z, _, _)| *z == zone) {
                Some((_, first, _)) if !first.eq_ignore_ascii_case(&c) => {
                    b.problems.error(&r.place("currency"), format!("`{c}` is another currency than the {first} of this zone's other rows"), Some("a zone's bands are all in one currency; give another currency a zone of its own"));
                    continue;
                }
                Some(_) => {}
                None => currencies.push((zone.clone(), c.to_uppercase(), r.place("currency"))),
            }
        }
        let mut range = Tree::new();
        range.insert("min".into(), Value::Integer(min as i64));
        range.insert("max".into(), Value::Integer(max as i64));
        if open {
            range.insert("open_ended".into(), Value::Boolean(true));
        }
        let same_band = bands.last().is_some_and(|(z, l, ranges, _)| {
            *z == zone && *l == levels && !ranges.contains_key(&stage)
        });
        if !same_band {
            bands.push((zone.clone(), levels, Tree::new(), r.place("levels")));
        }
        if let Some((_, _, ranges, _)) = bands.last_mut() {
            ranges.insert(stage.clone(), Value::Table(range));
        }
        let n = bands.len() - 1;
        let at = band_path(&zone, bands.iter().take(n).filter(|x| x.0 == zone).count());
        let mut p = at.clone();
        p.extend([Seg::Key("ranges".into()), Seg::Key(stage.clone())]);
        b.origin(p.clone(), r.place("stage"));
        for key in ["min", "max"] {
            let mut q = p.clone();
            q.push(Seg::Key(key.into()));
            b.origin(q, r.place(key));
        }
    }
    PayRows {
        bands,
        currencies,
        new_zones,
    }
}

/// The zone a Pay row names: none for the framework's own bands, a zone of the framework, or
/// a new one (kept in `new_zones`); `Err` when the name makes no id (noted).
fn zone_of(
    b: &mut Builder,
    r: &Record<'_>,
    own_zone: &str,
    zones: &[(String, String)],
    new_zones: &mut Vec<(String, String)>,
) -> Result<Option<String>, ()> {
    Ok(match r.text("zone", &mut b.problems) {
        None => None,
        Some(z) if z.eq_ignore_ascii_case(own_zone) => None,
        Some(z) => {
            let lower = z.to_lowercase();
            match zones
                .iter()
                .chain(new_zones.iter())
                .find(|(id, name)| *id == z || *name == lower)
            {
                Some((id, _)) => Some(id.clone()),
                None => {
                    let id = slug(&z);
                    if id.is_empty() {
                        b.problems
                            .error(&r.place("zone"), format!("`{z}` is not a zone"), None);
                        return Err(());
                    }
                    new_zones.push((id.clone(), z.clone()));
                    Some(id)
                }
            }
        }
    })
}
