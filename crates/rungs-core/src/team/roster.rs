//! The roster: everyone on the team, read from a CSV file with every bad row reported.

use compact_str::CompactString;
use serde::Serialize;

use super::ids::IdIndex;
use super::table::{Columns, Problems, Row, field, next_record, required};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::framework::{Framework, LoadError};
use crate::suggest::did_you_mean;
use crate::titles::{Kind, Leveller, Scratch};

/// The largest roster file accepted: about two million people.
pub const MAX_ROSTER_BYTES: usize = 512 << 20;

/// The roster's columns, in the order the template lists them.
pub const ROSTER_COLUMNS: [&str; 12] = [
    "id",
    "name",
    "email",
    "title",
    "level",
    "track",
    "manager",
    "rung_start",
    "pay",
    "currency",
    "stage",
    "location",
];

/// One person on the team. (The text is short and kept inline, so a roster of 100,000 people
/// is not 500,000 small allocations.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: CompactString,
    pub name: CompactString,
    pub email: Option<CompactString>,
    pub title: Option<CompactString>,
    /// Position of the level in the framework.
    pub level: usize,
    /// The level came from the title, not the `level` column.
    pub level_from_title: bool,
    /// Position of the track in the framework.
    pub track: usize,
    /// Position of the manager in the roster.
    pub manager: Option<usize>,
    /// The day the person started on their current rung.
    pub rung_start: Option<Date>,
    pub pay: Option<u64>,
    /// The pay's currency, when it is not the framework's.
    pub currency: Option<CompactString>,
    /// Position of the company stage in the framework's compensation.
    pub stage: Option<usize>,
    pub location: Option<CompactString>,
    /// The CSV line the person is on.
    pub line: usize,
}

/// Everyone on the team, with their reporting lines.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub people: Vec<Person>,
    index: IdIndex,
    reports: Vec<Vec<usize>>,
}

impl Roster {
    pub fn person(&self, id: &str) -> Option<usize> {
        self.index.get(id)
    }

    /// The people who report directly to a person.
    pub fn reports(&self, person: usize) -> &[usize] {
        &self.reports[person]
    }

    /// Everyone with no manager, in roster order.
    pub fn tops(&self) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&p| self.people[p].manager.is_none())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

/// A roster that loaded, with notes (levels filled in from titles) and warnings.
#[derive(Debug, Clone)]
pub struct LoadedRoster {
    pub roster: Roster,
    pub notes: Vec<Diagnostic>,
}

/// Reads a roster CSV. Every bad row is reported with its line and column, and a roster with
/// any error is refused whole.
pub fn load_roster(file: &str, bytes: &[u8], fw: &Framework) -> Result<LoadedRoster, LoadError> {
    let mut problems = Problems::new(file);
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "roster",
        diagnostics,
    };
    if bytes.len() > MAX_ROSTER_BYTES {
        problems.whole(format!(
            "the file is {} bytes, more than the {} MiB a roster may be",
            bytes.len(),
            MAX_ROSTER_BYTES >> 20
        ));
        return Err(fail(problems.into_sorted()));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let Some(columns) = Columns::read(&mut reader, &ROSTER_COLUMNS, &mut problems) else {
        return Err(fail(problems.into_sorted()));
    };
    for required in ["id", "name"] {
        if columns.get(required).is_none() {
            problems.at(
                1,
                None,
                format!("the roster has no `{required}` column"),
                Some(format!(
                    "add a `{required}` column; `rungs team template` prints every column"
                )),
            );
        }
    }
    if columns.get("level").is_none() && columns.get("title").is_none() {
        problems.at(
            1,
            None,
            "the roster has neither a `level` nor a `title` column",
            Some("give each person a level id, or a title to level".into()),
        );
    }
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }

    let cols = RosterColumns {
        id: columns.get("id"),
        name: columns.get("name"),
        email: columns.get("email"),
        title: columns.get("title"),
        level: columns.get("level"),
        track: columns.get("track"),
        manager: columns.get("manager"),
        rung_start: columns.get("rung_start"),
        pay: columns.get("pay"),
        currency: columns.get("currency"),
        stage: columns.get("stage"),
        location: columns.get("location"),
    };
    let leveller = Leveller::new(fw, None);
    let mut scratch = Scratch::default();
    // About 110 bytes a row: reserve once.
    let rows = bytes.len() / 110 + 1;
    let mut people: Vec<Person> = Vec::with_capacity(rows);
    // Each person's manager id, as a span of one text kept for all of them, and the line.
    let mut managers: Vec<Option<(std::ops::Range<usize>, usize)>> = Vec::with_capacity(rows);
    let mut manager_ids = String::new();
    let mut index = IdIndex::with_capacity(rows);
    let mut record = csv::StringRecord::new();
    let stages: Vec<&str> = fw
        .compensation()
        .map(|c| c.stages.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default();
    while next_record(&mut reader, bytes, &mut record, &columns, &mut problems).is_some() {
        let Some(row) = Row::new(&record, &columns, bytes, &mut problems) else {
            continue;
        };
        let line = row.line;
        let id = required(&row, "id", cols.id, &mut problems);
        let name = required(&row, "name", cols.name, &mut problems);
        let email = field(&row, cols.email).filter(|e| {
            let ok = e.contains('@') && !e.contains(char::is_whitespace);
            if !ok {
                row.error(
                    &mut problems,
                    "email",
                    format!("\"{e}\" is not an email address"),
                    "write it like ada@example.com, or leave it empty",
                );
            }
            ok
        });
        let title = field(&row, cols.title);
        let level = match field(&row, cols.level) {
            Some(given) => match fw.find_level(given) {
                Ok(l) => fw.level_index(&l.id).map(|i| (i, false)),
                Err(unknown) => {
                    row.error(
                        &mut problems,
                        "level",
                        format!("unknown level `{given}`"),
                        &unknown_help(&unknown),
                    );
                    None
                }
            },
            None => match title {
                Some(t) => {
                    let levelled = leveller.level(t, &mut scratch);
                    match (levelled.kind, levelled.level) {
                        (Kind::Level, Some(l)) => {
                            let v = leveller.describe(t, &levelled, &scratch);
                            problems.note(
                                line,
                                row.column("title"),
                                format!(
                                    "level filled in from the title \"{t}\": {} ({})",
                                    fw.levels()[usize::from(l)].id,
                                    v.reason
                                ),
                                None,
                            );
                            Some((usize::from(l), true))
                        }
                        _ => {
                            let v = leveller.describe(t, &levelled, &scratch);
                            row.error(&mut problems, "level", format!("the level is empty and the title \"{t}\" does not settle one: {}", v.reason), "write the level id in the `level` column");
                            None
                        }
                    }
                }
                None => {
                    row.error(
                        &mut problems,
                        "level",
                        "no level and no title",
                        "write a level id, or a title Rungs can level",
                    );
                    None
                }
            },
        };
        let track = match (field(&row, cols.track), level) {
            (Some(t), Some((l, _))) => match fw.tracks().iter().position(|x| x.id == t) {
                Some(i) => {
                    let lv = &fw.levels()[l];
                    let on_trunk = fw.track(&lv.track).is_some_and(|x| x.shared);
                    if lv.track != t && !on_trunk {
                        row.error(
                            &mut problems,
                            "track",
                            format!("`{}` is on the `{}` track, not `{t}`", lv.id, lv.track),
                            &format!("write `{}` or leave the track empty", lv.track),
                        );
                    }
                    Some(i)
                }
                None => {
                    let ids: Vec<&str> = fw.tracks().iter().map(|x| x.id.as_str()).collect();
                    let help = did_you_mean(t, ids.iter().copied())
                        .unwrap_or_else(|| format!("the tracks are: {}", ids.join(", ")));
                    row.error(
                        &mut problems,
                        "track",
                        format!("unknown track `{t}`"),
                        &help,
                    );
                    None
                }
            },
            (None, Some((l, _))) => fw.track_index(&fw.levels()[l].track),
            _ => None,
        };
        let rung_start = field(&row, cols.rung_start).and_then(|d| match d.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                row.error(
                    &mut problems,
                    "rung_start",
                    format!("\"{d}\" is not a date: {e}"),
                    "write a date as YYYY-MM-DD, e.g. 2024-03-01",
                );
                None
            }
        });
        let pay = field(&row, cols.pay).and_then(|p| match crate::pay::parse_amount(p) {
            Some(v) => Some(v),
            None => {
                row.error(
                    &mut problems,
                    "pay",
                    format!("\"{p}\" is not an amount"),
                    "write whole currency units, like 185000 or $185K",
                );
                None
            }
        });
        let currency = field(&row, cols.currency).and_then(|c| {
            let code = CompactString::from(c).to_ascii_uppercase();
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(code)
            } else {
                row.error(
                    &mut problems,
                    "currency",
                    format!("\"{c}\" is not a currency code"),
                    "use a three-letter code such as USD or EUR",
                );
                None
            }
        });
        let currency =
            currency.filter(|c| fw.compensation().is_none_or(|comp| comp.currency != *c));
        let stage =
            field(&row, cols.stage).and_then(|s| match stages.iter().position(|x| *x == s) {
                Some(i) => Some(i),
                None => {
                    let help = did_you_mean(s, stages.iter().copied())
                        .unwrap_or_else(|| format!("the stages are: {}", stages.join(", ")));
                    row.error(
                        &mut problems,
                        "stage",
                        format!("unknown company stage `{s}`"),
                        &help,
                    );
                    None
                }
            });
        let manager = field(&row, cols.manager).map(|m| {
            manager_ids.push_str(m);
            (manager_ids.len() - m.len()..manager_ids.len(), line)
        });
        let location = field(&row, cols.location).map(CompactString::from);
        let (Some(id), Some(name), Some((level, from_title)), Some(track)) =
            (id, name, level, track)
        else {
            continue;
        };
        if let Some(first) = index.get(id) {
            row.error(
                &mut problems,
                "id",
                format!(
                    "the id `{id}` is already used on line {}",
                    people[first].line
                ),
                "give each person their own id",
            );
            continue;
        }
        index.insert(id, people.len());
        people.push(Person {
            id: id.into(),
            name: name.into(),
            email: email.map(CompactString::from),
            title: title.map(CompactString::from),
            level,
            level_from_title: from_title,
            track,
            manager: None,
            rung_start,
            pay,
            currency,
            stage,
            location,
            line,
        });
        managers.push(manager);
    }
    // Managers, once everyone is known.
    let manager_column = columns.get("manager").map(|c| (c + 1, "manager"));
    for (p, m) in managers.iter().enumerate() {
        let Some((span, line)) = m else { continue };
        let id = &manager_ids[span.clone()];
        match index.get(id) {
            Some(q) if q == p => problems.at(
                *line,
                manager_column,
                format!("`{id}` is their own manager"),
                Some("leave the manager empty for the top of the organization".into()),
            ),
            Some(q) => people[p].manager = Some(q),
            None => {
                let help = did_you_mean(id, people.iter().map(|q| q.id.as_str()))
                    .unwrap_or_else(|| "the manager must be a person id in the roster".into());
                problems.at(
                    *line,
                    manager_column,
                    format!("manager `{id}` is not in the roster"),
                    Some(help),
                );
            }
        }
    }
    find_cycles(&people, manager_column, &mut problems);
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }
    let mut reports = vec![Vec::new(); people.len()];
    for (p, person) in people.iter().enumerate() {
        if let Some(m) = person.manager {
            reports[m].push(p);
        }
    }
    Ok(LoadedRoster {
        roster: Roster {
            people,
            index,
            reports,
        },
        notes: problems.into_sorted(),
    })
}

fn unknown_help(unknown: &crate::framework::Unknown) -> String {
    match unknown.suggestions.as_slice() {
        [] => format!("the levels are: {}", unknown.known.join(", ")),
        [one] => format!("did you mean `{one}`?"),
        many => format!("did you mean one of: {}?", many.join(", ")),
    }
}

/// Reports every reporting cycle once, at the manager cell of each person in it.
fn find_cycles(people: &[Person], column: Option<(usize, &str)>, problems: &mut Problems) {
    // 0: not seen, 1: on the current chain, 2: done.
    let mut state = vec![0u8; people.len()];
    for start in 0..people.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(p) = at {
            match state[p] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&x| x == p).unwrap_or(0);
                    let cycle: Vec<usize> = chain[from..].to_vec();
                    let ids: Vec<&str> = cycle.iter().map(|&x| people[x].id.as_str()).collect();
                    let shown = format!("{} → {}", ids.join(" → "), ids[0]);
                    for &x in &cycle {
                        problems.at(
                            people[x].line,
                            column,
                            format!("reporting cycle: {shown}"),
                            Some(
                                "someone in the chain must report outside it, or to no one".into(),
                            ),
                        );
                    }
                    break;
                }
                _ => {
                    state[p] = 1;
                    chain.push(p);
                    at = people[p].manager;
                }
            }
        }
        for p in chain {
            state[p] = 2;
        }
    }
}

/// The position of each roster column in the file, found once.
struct RosterColumns {
    id: Option<usize>,
    name: Option<usize>,
    email: Option<usize>,
    title: Option<usize>,
    level: Option<usize>,
    track: Option<usize>,
    manager: Option<usize>,
    rung_start: Option<usize>,
    pay: Option<usize>,
    currency: Option<usize>,
    stage: Option<usize>,
    location: Option<usize>,
}

/// The roster template: the header and two example rows.
pub fn template() -> String {
    let mut out = ROSTER_COLUMNS.join(",");
    out.push('\n');
    out.push_str("p-001,Ada Lovelace,ada@example.com,Group Product Manager,group-pm,manager,,2023-04-01,240000,USD,large,London\n");
    out.push_str("p-002,Grace Hopper,grace@example.com,\"Senior PM, Payments\",,,p-001,2024-09-15,205000,USD,large,Remote\n");
    out
}
