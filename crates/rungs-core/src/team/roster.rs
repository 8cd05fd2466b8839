//! The roster: everyone on the team, read from a CSV file with every bad row reported.

use compact_str::CompactString;

use super::ids::IdIndex;
use super::person::{
    FieldProblem, PayInput, PersonChecker, PersonDraft, own_manager, reporting_cycle,
    unknown_manager,
};
use super::table::{Columns, Problems, Row, field, next_record};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::framework::{Framework, LevelPos, LoadError};

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
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: CompactString,
    pub name: CompactString,
    pub email: Option<CompactString>,
    pub title: Option<CompactString>,
    /// The level they hold.
    pub level: LevelPos,
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
    /// A roster of people whose managers are set, with its index of ids.
    pub(super) fn assemble(people: Vec<Person>, index: IdIndex) -> Roster {
        let mut reports = vec![Vec::new(); people.len()];
        for (p, person) in people.iter().enumerate() {
            if let Some(m) = person.manager {
                reports[m].push(p);
            }
        }
        Roster {
            people,
            index,
            reports,
        }
    }

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

    /// A person and everyone under them (their reports, their reports' reports, and so on), in
    /// roster order: one part of the organization.
    pub fn under(&self, root: usize) -> Vec<usize> {
        let mut keep = vec![false; self.people.len()];
        let mut stack = vec![root];
        while let Some(p) = stack.pop() {
            if std::mem::replace(&mut keep[p], true) {
                continue;
            }
            stack.extend_from_slice(&self.reports[p]);
        }
        (0..self.people.len()).filter(|&p| keep[p]).collect()
    }

    /// The roster of some of its people (in roster order), with reporting lines kept among
    /// them; a manager outside is left off. Also gives each old position's new one.
    pub fn only(&self, people: &[usize]) -> (Roster, Vec<Option<usize>>) {
        let mut map = vec![None; self.people.len()];
        for (new, &old) in people.iter().enumerate() {
            map[old] = Some(new);
        }
        let mut index = IdIndex::with_capacity(people.len());
        let kept: Vec<Person> = people
            .iter()
            .enumerate()
            .map(|(new, &old)| {
                let mut p = self.people[old].clone();
                p.manager = p.manager.and_then(|m| map[m]);
                index.insert(&p.id, new);
                p
            })
            .collect();
        (Roster::assemble(kept, index), map)
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

/// The columns a roster cannot do without: an id, a name, and a level or a title to level.
fn required_columns(columns: &Columns, problems: &mut Problems) {
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
    required_columns(&columns, &mut problems);
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
    let mut checker = PersonChecker::new(fw);
    // About 110 bytes a row: reserve once.
    let rows = bytes.len() / 110 + 1;
    let mut people: Vec<Person> = Vec::with_capacity(rows);
    // Each person's manager id, as a span of one text kept for all of them, and the line.
    let mut managers: Vec<Option<(std::ops::Range<usize>, usize)>> = Vec::with_capacity(rows);
    let mut manager_ids = String::new();
    let mut index = IdIndex::with_capacity(rows);
    let mut record = csv::StringRecord::new();
    while next_record(&mut reader, bytes, &mut record, &columns, &mut problems).is_some() {
        let Some(row) = Row::new(&record, &columns, bytes, &mut problems) else {
            continue;
        };
        let line = row.line;
        let draft = PersonDraft {
            id: field(&row, cols.id),
            name: field(&row, cols.name),
            email: field(&row, cols.email),
            title: field(&row, cols.title),
            level: field(&row, cols.level),
            track: field(&row, cols.track),
            rung_start: field(&row, cols.rung_start),
            pay: field(&row, cols.pay).map(PayInput::Text),
            currency: field(&row, cols.currency),
            stage: field(&row, cols.stage),
            location: field(&row, cols.location),
        };
        let checked = checker.check(&draft);
        for p in &checked.problems {
            problems.at(line, column(&row, p.field), &p.message, p.help.clone());
        }
        for n in &checked.notes {
            problems.note(line, column(&row, n.field), &n.message, n.help.clone());
        }
        let manager = field(&row, cols.manager).map(|m| {
            manager_ids.push_str(m);
            (manager_ids.len() - m.len()..manager_ids.len(), line)
        });
        let Some(p) = checked.person else { continue };
        if let Some(first) = index.get(p.id) {
            row.error(
                &mut problems,
                "id",
                format!(
                    "the id `{}` is already used on line {}",
                    p.id, people[first].line
                ),
                "give each person their own id",
            );
            continue;
        }
        index.insert(p.id, people.len());
        people.push(Person {
            id: p.id.into(),
            name: p.name.into(),
            email: p.email.map(CompactString::from),
            title: p.title.map(CompactString::from),
            level: p.level,
            level_from_title: p.level_from_title,
            track: p.track,
            manager: None,
            rung_start: p.rung_start,
            pay: p.pay,
            currency: p.currency,
            stage: p.stage,
            location: p.location.map(CompactString::from),
            line,
        });
        managers.push(manager);
    }
    // Managers, once everyone is known.
    let manager_column = columns.get("manager").map(|c| (c + 1, "manager"));
    let located = |problems: &mut Problems, line: usize, p: FieldProblem| {
        problems.at(line, manager_column, p.message, p.help);
    };
    for (p, m) in managers.iter().enumerate() {
        let Some((span, line)) = m else { continue };
        let id = &manager_ids[span.clone()];
        match index.get(id) {
            Some(q) if q == p => located(&mut problems, *line, own_manager(id)),
            Some(q) => people[p].manager = Some(q),
            None => located(
                &mut problems,
                *line,
                unknown_manager(id, people.iter().map(|q| q.id.as_str())),
            ),
        }
    }
    find_cycles(&people, manager_column, &mut problems);
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }
    Ok(LoadedRoster {
        roster: Roster::assemble(people, index),
        notes: problems.into_sorted(),
    })
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
                    let problem = reporting_cycle(&ids);
                    for &x in &cycle {
                        problems.at(
                            people[x].line,
                            column,
                            problem.message.clone(),
                            problem.help.clone(),
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

/// The column of a field, for a problem's place.
fn column<'r>(row: &Row<'r>, field: &str) -> Option<(usize, &'r str)> {
    row.column(field)
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
