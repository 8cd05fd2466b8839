//! A team from what a store keeps: people and assessments as typed records, each assessment
//! read against the framework version it was made with and then placed on the current ladder.
//! Nothing that cannot be read is dropped in silence: it is returned as [`Unread`], counted and
//! named, for the report to say so.

use compact_str::CompactString;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::ids::IdIndex;
use super::{History, Person, Roster};
use crate::assessment::AssessorKind;
use crate::assessment::stored::Translation;
use crate::date::Date;
use crate::eval::NOT_ASSESSED;
use crate::framework::Framework;
use crate::ids::VersionId;

/// A person as a store keeps them: levels and tracks by id, the day as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PersonRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub title: Option<&'a str>,
    pub level: &'a str,
    pub track: &'a str,
    pub manager: Option<&'a str>,
    pub rung_start: Option<&'a str>,
    pub pay: Option<i64>,
    pub currency: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// An assessment as a store keeps it, for the team: the fields the report reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentRecord<'a> {
    /// The store's id, to name the assessment if it cannot be read.
    pub id: i64,
    pub person: &'a str,
    pub date: Date,
    pub kind: AssessorKind,
    pub assessor: &'a str,
    pub track: &'a str,
    pub level: Option<&'a str>,
    /// One code per competency of its framework version (see [`crate::assessment::StoredFields`]).
    pub ratings: &'a [u8],
    pub milestones: &'a [&'a str],
}

/// A stored record the report could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unread {
    /// `person` or `assessment`.
    pub kind: &'static str,
    /// The person's roster id, or the assessment's id.
    pub id: String,
    /// The person the record is about.
    pub person: String,
    pub reason: String,
}

impl Roster {
    /// The roster of stored people, read against the current framework (see
    /// [`RosterBuilder`]).
    pub fn from_records<'a>(
        fw: &Framework,
        records: impl IntoIterator<Item = PersonRecord<'a>>,
    ) -> (Roster, Vec<Unread>) {
        let mut b = RosterBuilder::new(fw);
        for (i, r) in records.into_iter().enumerate() {
            b.add(i as i64, &r);
        }
        b.finish()
    }
}

/// Builds a roster from stored people one at a time, read against the current framework. A
/// person whose level or track the framework no longer has is returned as [`Unread`]; a manager
/// who is not among them (above a part of the organization) leaves the person at the top.
#[derive(Debug)]
pub struct RosterBuilder<'f> {
    fw: &'f Framework,
    stages: Vec<&'f str>,
    /// The organization's own company stage: the stage of anyone the roster gives none.
    default_stage: Option<usize>,
    /// Each person with the order key they came with, and their manager's id as a span of one
    /// text kept for all of them.
    people: Vec<(i64, Person, Option<std::ops::Range<usize>>)>,
    manager_ids: String,
    unread: Vec<Unread>,
    /// The reporting line of each person who could not be read, so that a part of the
    /// organization cut from it still holds them and the people under them.
    unread_lines: Vec<(CompactString, Option<CompactString>)>,
}

impl<'f> RosterBuilder<'f> {
    pub fn new(fw: &'f Framework) -> Self {
        RosterBuilder {
            fw,
            stages: fw
                .compensation()
                .map(|c| c.stages.iter().map(|s| s.id.as_str()).collect())
                .unwrap_or_default(),
            default_stage: None,
            people: Vec::new(),
            manager_ids: String::new(),
            unread: Vec::new(),
            unread_lines: Vec::new(),
        }
    }

    /// The organization's company stage (a stage id of the framework), for anyone the roster
    /// gives none; an id the framework does not have changes nothing.
    pub fn with_default_stage(mut self, stage: Option<&str>) -> Self {
        self.default_stage = stage.and_then(|s| self.stages.iter().position(|x| *x == s));
        self
    }

    /// Adds a person; `order` says where they come in the roster (the store's id, in the order
    /// people were added), whatever the order they arrive in.
    pub fn add(&mut self, order: i64, r: &PersonRecord<'_>) {
        let fw = self.fw;
        let Some(level) = fw.level_pos(r.level) else {
            let reason = format!("their level `{}` is not in the current framework", r.level);
            return self.refuse(r, reason);
        };
        let Some(track) = fw.track_index(r.track) else {
            let reason = format!("their track `{}` is not in the current framework", r.track);
            return self.refuse(r, reason);
        };
        let manager = r.manager.map(|m| {
            self.manager_ids.push_str(m);
            self.manager_ids.len() - m.len()..self.manager_ids.len()
        });
        let person = Person {
            id: r.id.into(),
            name: r.name.into(),
            email: r.email.map(CompactString::from),
            title: r.title.map(CompactString::from),
            level,
            level_from_title: false,
            track,
            manager: None,
            rung_start: r.rung_start.and_then(|d| d.parse().ok()),
            pay: r.pay.and_then(|p| u64::try_from(p).ok()),
            currency: r.currency.map(CompactString::from),
            stage: match r.stage {
                Some(s) => self.stages.iter().position(|x| *x == s),
                None => self.default_stage,
            },
            location: r.location.map(CompactString::from),
            line: 0,
        };
        self.people.push((order, person, manager));
    }

    /// Notes a person who cannot be read, and why.
    fn refuse(&mut self, r: &PersonRecord<'_>, reason: String) {
        self.unread_lines
            .push((r.id.into(), r.manager.map(CompactString::from)));
        self.unread.push(Unread {
            kind: "person",
            id: r.id.to_owned(),
            person: r.name.to_owned(),
            reason,
        });
    }

    /// The roster of one person (`root`) and everyone under them, however deep, from the
    /// people added (the whole organization, or any part of it holding that part), with what
    /// of it could not be read; also the ids of everyone in the part, read or not, to keep
    /// their assessments. The same roster as [`RosterBuilder::finish`] gives when only that
    /// part is added: a manager above it is left off and its top person is at the top.
    pub fn finish_under(mut self, root: &str) -> (Roster, Vec<Unread>, Part) {
        let lines = self
            .people
            .iter()
            .map(|(_, p, m)| (p.id.as_str(), m.clone().map(|m| &self.manager_ids[m])))
            .chain(
                self.unread_lines
                    .iter()
                    .map(|(id, m)| (id.as_str(), m.as_deref())),
            );
        let part = Part::under(lines, root);
        self.people.retain(|(_, p, _)| part.contains(&p.id));
        self.unread.retain(|u| part.contains(&u.id));
        let (roster, unread) = self.finish();
        (roster, unread, part)
    }

    pub fn finish(mut self) -> (Roster, Vec<Unread>) {
        self.people.sort_by_key(|(order, _, _)| *order);
        let mut index = IdIndex::with_capacity(self.people.len());
        let mut people = Vec::with_capacity(self.people.len());
        let mut managers = Vec::with_capacity(self.people.len());
        for (_, mut person, manager) in self.people {
            if index.get(&person.id).is_some() {
                self.unread.push(Unread {
                    kind: "person",
                    id: person.id.to_string(),
                    person: person.name.to_string(),
                    reason: "the id is stored twice".to_owned(),
                });
                continue;
            }
            index.insert(&person.id, people.len());
            person.line = people.len() + 1;
            people.push(person);
            managers.push(manager);
        }
        for (p, m) in managers.iter().enumerate() {
            people[p].manager = m
                .as_ref()
                .and_then(|m| index.get(&self.manager_ids[m.clone()]))
                .filter(|&m| m != p);
        }
        let people = &mut people;
        // A store refuses reporting cycles; were one there, the report would walk it forever,
        // so any person in one is put at the top.
        let mut state = vec![0u8; people.len()];
        for start in 0..people.len() {
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(p) = at {
                if state[p] == 2 {
                    break;
                }
                if state[p] == 1 {
                    people[p].manager = None;
                    break;
                }
                state[p] = 1;
                chain.push(p);
                at = people[p].manager;
            }
            for p in chain {
                state[p] = 2;
            }
        }
        (Roster::assemble(std::mem::take(people), index), self.unread)
    }
}

/// The ids of one person and everyone under them (see [`RosterBuilder::finish_under`]).
#[derive(Debug, Default)]
pub struct Part(HashSet<CompactString>);

impl Part {
    /// `root` and everyone under them, however deep, from each person's id and their
    /// manager's; a reporting cycle is walked once.
    pub fn under<'a>(
        lines: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
        root: &str,
    ) -> Part {
        let mut reports: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, manager) in lines {
            if let Some(m) = manager {
                reports.entry(m).or_default().push(id);
            }
        }
        let mut part = HashSet::new();
        let mut stack = vec![root];
        while let Some(p) = stack.pop() {
            if part.insert(CompactString::from(p)) {
                stack.extend(reports.get(p).into_iter().flatten());
            }
        }
        Part(part)
    }

    pub fn contains(&self, person: &str) -> bool {
        self.0.contains(person)
    }

    /// How many people the part holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A part from the ids of its people (as a database walked them).
impl FromIterator<String> for Part {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        Part(ids.into_iter().map(CompactString::from).collect())
    }
}

/// Builds a team's history from stored assessments made against any version of the framework.
#[derive(Debug)]
pub struct HistoryBuilder<'a> {
    fw: &'a Framework,
    /// `fw`'s version.
    current: VersionId,
    roster: &'a Roster,
    history: History,
    /// The translation for each version key seen, made once.
    versions: Vec<(VersionId, Translation)>,
    unread: Vec<Unread>,
    row: Vec<u8>,
    /// The store's id of each entry added, for the order they were recorded in.
    ids: Vec<i64>,
}

impl<'a> HistoryBuilder<'a> {
    /// A history on `fw` (the current framework, known to the caller by `key`) of the people in
    /// `roster`.
    pub fn new(fw: &'a Framework, key: VersionId, roster: &'a Roster) -> Self {
        HistoryBuilder {
            fw,
            current: key,
            roster,
            history: History::new(fw),
            versions: Vec::new(),
            unread: Vec::new(),
            row: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// Adds one stored assessment, read against `version` (the framework it was made with,
    /// known to the caller by `key`). One that does not read is noted, not added.
    pub fn add(&mut self, version: &Framework, key: VersionId, r: &AssessmentRecord<'_>) {
        let fail = |reason: String| Unread {
            kind: "assessment",
            id: r.id.to_string(),
            person: r.person.to_owned(),
            reason,
        };
        let Some(person) = self.roster.person(r.person) else {
            self.unread.push(fail(format!(
                "`{}` is not on the roster as the current framework reads it",
                r.person
            )));
            return;
        };
        let (date, kind) = (r.date, r.kind);
        let competencies = version.competencies().count();
        if r.ratings.len() != competencies {
            self.unread.push(fail(format!(
                "it holds {} ratings where its framework version has {competencies}",
                r.ratings.len()
            )));
            return;
        }
        if r.ratings
            .iter()
            .any(|&c| c != NOT_ASSESSED && usize::from(c) > version.levels().len())
        {
            self.unread.push(fail(
                "a rating code names no level of its framework version".to_owned(),
            ));
            return;
        }
        // The track as the current framework has it, else the person's own.
        let track = self
            .fw
            .track_index(r.track)
            .unwrap_or(self.roster.people[person].track);
        let held = r.level.and_then(|l| self.fw.level_pos(l));
        let same = key == self.current;
        self.row.clear();
        if same {
            self.row.extend_from_slice(r.ratings);
        } else {
            let t = match self.versions.iter().position(|(k, _)| *k == key) {
                Some(i) => &self.versions[i].1,
                None => {
                    self.versions
                        .push((key, Translation::new(version, self.fw)));
                    &self.versions[self.versions.len() - 1].1
                }
            };
            t.place(r.ratings, &mut self.row);
        }
        let row = std::mem::take(&mut self.row);
        self.history.push_coded(
            person,
            date,
            kind,
            r.assessor,
            track,
            held,
            &row,
            r.milestones,
        );
        self.row = row;
        self.ids.push(r.id);
    }

    /// The history, sorted by person and date (and on one day, in the order the store recorded
    /// them, whatever order they arrived in), and what could not be read.
    pub fn finish(mut self) -> (History, Vec<Unread>) {
        self.history.sort_by_key(&self.ids);
        (self.history, self.unread)
    }
}
