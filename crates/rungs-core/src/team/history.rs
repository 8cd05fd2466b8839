//! The assessment history of a team: every assessment of everyone, kept compactly so a team of
//! a hundred thousand with years of history fits and evaluates fast.
//!
//! It loads from a bulk CSV (one assessment per row: `person`, `date`, `assessor_kind`,
//! `assessor`, `track`, `level`, `milestones`, then one column per competency id) or from
//! assessment files one by one ([`History::add`]).

use rustc_hash::FxHashMap;

use super::Roster;
use super::table::{Columns, Problems, Row};
use crate::assessment::{Assessment, AssessorKind, Rating};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::eval::NOT_ASSESSED;
use crate::framework::{Framework, LoadError};
use crate::suggest::did_you_mean;

/// The columns of an assessment-history CSV before the competency columns.
pub const HISTORY_COLUMNS: [&str; 7] = [
    "person",
    "date",
    "assessor_kind",
    "assessor",
    "track",
    "level",
    "milestones",
];

/// The largest history file accepted.
pub const MAX_HISTORY_BYTES: usize = 2 << 30;

/// One assessment in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Position of the person in the roster.
    pub person: usize,
    pub date: Date,
    pub kind: AssessorKind,
    /// The assessor's name, interned (see [`History::assessor`]).
    pub assessor: u32,
    /// Position of the track in the framework.
    pub track: usize,
    /// The level the person held then, if recorded.
    pub held: Option<usize>,
    milestones: (u32, u16),
}

/// Every assessment of a team.
#[derive(Debug, Clone)]
pub struct History {
    entries: Vec<Entry>,
    /// One code per competency per entry (see [`crate::eval::Profile`]).
    codes: Vec<u8>,
    stride: usize,
    assessors: Vec<String>,
    assessor_index: FxHashMap<String, u32>,
    /// Milestones met, as positions in [`History::milestone_ids`], stored end to end.
    met: Vec<u16>,
    milestone_ids: Vec<String>,
}

impl History {
    pub fn new(fw: &Framework) -> Self {
        History {
            entries: Vec::new(),
            codes: Vec::new(),
            stride: fw.competencies().count(),
            assessors: Vec::new(),
            assessor_index: FxHashMap::default(),
            met: Vec::new(),
            milestone_ids: fw
                .moves()
                .iter()
                .flat_map(|m| m.milestones.iter().map(|x| x.id.clone()))
                .collect(),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The rating codes of an entry, one per competency in framework order.
    pub fn codes(&self, entry: usize) -> &[u8] {
        &self.codes[entry * self.stride..(entry + 1) * self.stride]
    }

    pub fn assessor(&self, id: u32) -> &str {
        &self.assessors[id as usize]
    }

    /// Whether an entry records a milestone as met.
    pub fn has_met(&self, entry: usize, milestone: &str) -> bool {
        let (start, len) = self.entries[entry].milestones;
        self.met[start as usize..start as usize + usize::from(len)]
            .iter()
            .any(|&m| self.milestone_ids[usize::from(m)] == milestone)
    }

    fn intern_assessor(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.assessor_index.get(name) {
            return id;
        }
        let id = self.assessors.len() as u32;
        self.assessors.push(name.to_owned());
        self.assessor_index.insert(name.to_owned(), id);
        id
    }

    /// Adds one assessment, loaded against the same framework, of the roster's `person`.
    pub fn add(&mut self, fw: &Framework, a: &Assessment, person: usize) {
        let assessor = self.intern_assessor(&a.assessor.name);
        let start = self.met.len() as u32;
        for m in &a.milestones {
            if let Some(i) = self.milestone_ids.iter().position(|x| x == &m.id) {
                self.met.push(i as u16);
            }
        }
        let count = (self.met.len() as u32 - start) as u16;
        for (_, c) in fw.competencies() {
            let code = match a.rating(&c.id).map(|r| &r.rating) {
                Some(Rating::Below) => 0,
                Some(Rating::Level(id)) => {
                    fw.level_index(id).map_or(NOT_ASSESSED, |i| (i + 1) as u8)
                }
                _ => NOT_ASSESSED,
            };
            self.codes.push(code);
        }
        self.entries.push(Entry {
            person,
            date: a.date,
            kind: a.assessor.kind,
            assessor,
            track: fw.track_index(&a.track).unwrap_or(0),
            held: a.current_level.as_deref().and_then(|l| fw.level_index(l)),
            milestones: (start, count),
        });
    }

    /// Orders entries by person, then date, so each person's history reads in order.
    pub fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| (self.entries[i].person, self.entries[i].date, i));
        let stride = self.stride;
        let entries = order.iter().map(|&i| self.entries[i]).collect();
        let codes = order
            .iter()
            .flat_map(|&i| self.codes[i * stride..(i + 1) * stride].iter().copied())
            .collect();
        self.entries = entries;
        self.codes = codes;
    }

    /// The entries of each person (after [`History::sort`]), as ranges.
    pub fn by_person(&self, people: usize) -> Vec<std::ops::Range<usize>> {
        let mut ranges = vec![0..0; people];
        let mut i = 0;
        while i < self.entries.len() {
            let p = self.entries[i].person;
            let start = i;
            while i < self.entries.len() && self.entries[i].person == p {
                i += 1;
            }
            if let Some(r) = ranges.get_mut(p) {
                *r = start..i;
            }
        }
        ranges
    }
}

/// Reads a bulk assessment-history CSV into `history`. Every bad row is reported with its line
/// and column; on any error nothing is added. Returns the warnings.
pub fn load_history_csv(
    file: &str,
    bytes: &[u8],
    fw: &Framework,
    roster: &Roster,
    history: &mut History,
) -> Result<Vec<Diagnostic>, LoadError> {
    let mut problems = Problems::new(file);
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "assessment history",
        diagnostics,
    };
    if bytes.len() > MAX_HISTORY_BYTES {
        problems.whole(format!(
            "the file is {} bytes, more than the {} MiB allowed",
            bytes.len(),
            MAX_HISTORY_BYTES >> 20
        ));
        return Err(fail(problems.into_sorted()));
    }
    let competencies: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    let mut known: Vec<&str> = HISTORY_COLUMNS.to_vec();
    known.extend(&competencies);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let Some(columns) = Columns::read(&mut reader, &known, &mut problems) else {
        return Err(fail(problems.into_sorted()));
    };
    for required in ["person", "date", "assessor_kind", "assessor"] {
        if columns.get(required).is_none() {
            problems.at(
                1,
                None,
                format!("the history has no `{required}` column"),
                Some(format!(
                    "add a `{required}` column; docs/teams.md lists them"
                )),
            );
        }
    }
    let rating_columns: Vec<Option<usize>> = competencies.iter().map(|c| columns.get(c)).collect();
    let missing: Vec<&str> = competencies
        .iter()
        .zip(&rating_columns)
        .filter(|(_, c)| c.is_none())
        .map(|(c, _)| *c)
        .collect();
    if missing.len() == competencies.len() {
        problems.at(
            1,
            None,
            "the history has no competency columns",
            Some("add one column per competency id, e.g. technical-knowledge".into()),
        );
    } else if !missing.is_empty() {
        problems.warn(
            1,
            None,
            format!(
                "no column for {}: those competencies count as not assessed",
                missing.join(", ")
            ),
            None,
        );
    }
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }
    let mut codes: FxHashMap<&str, u8> = FxHashMap::default();
    for (i, l) in fw.levels().iter().enumerate() {
        codes.insert(l.id.as_str(), (i + 1) as u8);
    }
    codes.insert("below", 0);
    codes.insert("not-assessed", NOT_ASSESSED);
    let milestones: FxHashMap<&str, u16> = fw
        .moves()
        .iter()
        .flat_map(|m| m.milestones.iter().map(|x| x.id.as_str()))
        .enumerate()
        .map(|(i, id)| (id, i as u16))
        .collect();
    let before = (
        history.entries.len(),
        history.codes.len(),
        history.met.len(),
    );
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.csv(&e);
                break;
            }
        }
        let Some(row) = Row::new(&record, &columns, &mut problems) else {
            continue;
        };
        let person = row.required("person", &mut problems).and_then(|id| {
            let p = roster.person(id);
            if p.is_none() {
                row.error(
                    &mut problems,
                    "person",
                    format!("`{id}` is not in the roster"),
                    "assessments are of people in the roster; check the id",
                );
            }
            p
        });
        let date = row
            .required("date", &mut problems)
            .and_then(|d| match d.parse::<Date>() {
                Ok(date) => Some(date),
                Err(e) => {
                    row.error(
                        &mut problems,
                        "date",
                        format!("\"{d}\" is not a date: {e}"),
                        "write a date as YYYY-MM-DD",
                    );
                    None
                }
            });
        let kind = row.required("assessor_kind", &mut problems).and_then(|k| {
            let kind = AssessorKind::parse(k);
            if kind.is_none() {
                row.error(
                    &mut problems,
                    "assessor_kind",
                    format!("\"{k}\" is not a kind of assessor"),
                    "use self, manager or peer",
                );
            }
            kind
        });
        let assessor = row.required("assessor", &mut problems);
        let track = match (row.text("track"), person) {
            (Some(t), _) => {
                let i = fw.track_index(t);
                if i.is_none() {
                    let help = did_you_mean(t, fw.tracks().iter().map(|x| x.id.as_str()))
                        .unwrap_or_else(|| "use a track id of the framework".into());
                    row.error(
                        &mut problems,
                        "track",
                        format!("unknown track `{t}`"),
                        &help,
                    );
                }
                i
            }
            (None, Some(p)) => Some(roster.people[p].track),
            (None, None) => None,
        };
        let held = row.text("level").and_then(|l| {
            let i = fw.level_index(l);
            if i.is_none() {
                let help = did_you_mean(l, fw.levels().iter().map(|x| x.id.as_str()))
                    .unwrap_or_else(|| "use a level id".into());
                row.error(
                    &mut problems,
                    "level",
                    format!("unknown level `{l}`"),
                    &help,
                );
            }
            i
        });
        let start = history.met.len() as u32;
        if let Some(list) = row.text("milestones") {
            for id in list.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                match milestones.get(id) {
                    Some(&m) => history.met.push(m),
                    None => {
                        let help = did_you_mean(id, milestones.keys().copied())
                            .unwrap_or_else(|| "separate milestone ids with ;".into());
                        row.error(
                            &mut problems,
                            "milestones",
                            format!("unknown milestone `{id}`"),
                            &help,
                        );
                    }
                }
            }
        }
        let met = (start, (history.met.len() as u32 - start) as u16);
        let mut ok = true;
        for (c, column) in rating_columns.iter().enumerate() {
            let code = match column.and_then(|i| row.at(i)) {
                None => NOT_ASSESSED,
                Some(value) => match codes.get(value) {
                    Some(&code) => code,
                    None => {
                        let name = competencies[c];
                        let help =
                            did_you_mean(value, codes.keys().copied()).unwrap_or_else(|| {
                                "rate with a level id, below or not-assessed".into()
                            });
                        row.error(
                            &mut problems,
                            name,
                            format!("unknown level `{value}` in the rating of `{name}`"),
                            &help,
                        );
                        ok = false;
                        NOT_ASSESSED
                    }
                },
            };
            history.codes.push(code);
        }
        match (person, date, kind, assessor, track) {
            (Some(person), Some(date), Some(kind), Some(assessor), Some(track)) if ok => {
                let assessor = history.intern_assessor(assessor);
                history.entries.push(Entry {
                    person,
                    date,
                    kind,
                    assessor,
                    track,
                    held,
                    milestones: met,
                });
            }
            _ => {
                // Keep codes aligned with entries.
                history
                    .codes
                    .truncate(history.entries.len() * history.stride);
            }
        }
    }
    if problems.has_errors() {
        history.entries.truncate(before.0);
        history.codes.truncate(before.1);
        history.met.truncate(before.2);
        return Err(fail(problems.into_sorted()));
    }
    Ok(problems.into_sorted())
}
