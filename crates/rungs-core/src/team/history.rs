//! The assessment history of a team: every assessment of everyone, kept compactly so a team of
//! a hundred thousand with years of history fits and evaluates fast.
//!
//! It loads from a bulk CSV ([`super::load_history_csv`]) or from assessment files one by one
//! ([`History::add`]).

use super::Roster;
use super::ids::IdIndex;
use crate::assessment::stored::rating_code;
use crate::assessment::{Assessment, AssessorKind};
use crate::date::Date;
use crate::eval::NOT_ASSESSED;
use crate::framework::{Framework, LevelPos};
use crate::ids::{LevelId, PersonId};

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
    pub held: Option<LevelPos>,
    pub(super) milestones: (u32, u16),
}

/// Every assessment of a team.
#[derive(Debug, Clone)]
pub struct History {
    pub(super) entries: Vec<Entry>,
    /// One code per competency per entry (see [`crate::eval::Profile`]).
    pub(super) codes: Vec<u8>,
    pub(super) stride: usize,
    assessors: Vec<String>,
    assessor_index: IdIndex,
    /// Milestones met, as positions in [`History::milestone_ids`], stored end to end.
    pub(super) met: Vec<u16>,
    milestone_ids: Vec<String>,
}

impl History {
    pub fn new(fw: &Framework) -> Self {
        History {
            entries: Vec::new(),
            codes: Vec::new(),
            stride: fw.competencies().count(),
            assessors: Vec::new(),
            assessor_index: IdIndex::default(),
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

    /// The milestones an entry records as met.
    pub fn milestones(&self, entry: usize) -> impl Iterator<Item = &str> {
        let (start, len) = self.entries[entry].milestones;
        self.met[start as usize..start as usize + usize::from(len)]
            .iter()
            .map(|&m| self.milestone_ids[usize::from(m)].as_str())
    }

    /// Whether an entry records a milestone as met.
    pub fn has_met(&self, entry: usize, milestone: &str) -> bool {
        let (start, len) = self.entries[entry].milestones;
        self.met[start as usize..start as usize + usize::from(len)]
            .iter()
            .any(|&m| self.milestone_ids[usize::from(m)] == milestone)
    }

    pub(super) fn intern_assessor(&mut self, name: &str) -> u32 {
        if let Some(id) = self.assessor_index.get(name) {
            return id as u32;
        }
        let id = self.assessors.len();
        self.assessors.push(name.to_owned());
        self.assessor_index.insert(name, id);
        id as u32
    }

    /// Moves every entry of `other` (read against the same framework) to the end of this one.
    pub(super) fn append(&mut self, other: History) {
        if self.entries.is_empty() && self.assessors.is_empty() && self.met.is_empty() {
            *self = other;
            return;
        }
        let assessors: Vec<u32> = other
            .assessors
            .iter()
            .map(|name| self.intern_assessor(name))
            .collect();
        let offset = self.met.len() as u32;
        self.met.extend(other.met);
        self.codes.extend(other.codes);
        self.entries
            .extend(other.entries.into_iter().map(|e| Entry {
                assessor: assessors[e.assessor as usize],
                milestones: (e.milestones.0 + offset, e.milestones.1),
                ..e
            }));
    }

    /// The entries of the people a roster map keeps (see [`crate::team::Roster::only`]),
    /// moved to their new positions, in the same order.
    pub fn only(&self, map: &[Option<usize>]) -> History {
        let mut out = History {
            entries: Vec::new(),
            codes: Vec::new(),
            stride: self.stride,
            assessors: self.assessors.clone(),
            assessor_index: self.assessor_index.clone(),
            met: Vec::new(),
            milestone_ids: self.milestone_ids.clone(),
        };
        for (e, entry) in self.entries.iter().enumerate() {
            let Some(person) = map.get(entry.person).copied().flatten() else {
                continue;
            };
            let (start, len) = entry.milestones;
            let at = out.met.len() as u32;
            out.met
                .extend_from_slice(&self.met[start as usize..start as usize + usize::from(len)]);
            out.codes.extend_from_slice(self.codes(e));
            out.entries.push(Entry {
                person,
                milestones: (at, len),
                ..*entry
            });
        }
        out
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
            let code = a
                .rating(&c.id)
                .map_or(NOT_ASSESSED, |r| rating_code(fw, &r.rating));
            self.codes.push(code);
        }
        self.entries.push(Entry {
            person,
            date: a.date,
            kind: a.assessor.kind,
            assessor,
            track: fw.track_index(&a.track).unwrap_or(0),
            held: a.current_level.as_deref().and_then(|l| fw.level_pos(l)),
            milestones: (start, count),
        });
    }

    /// Adds one assessment already in codes of this history's framework (one per competency),
    /// of the roster's `person`. Milestones the framework does not have are left out.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_coded(
        &mut self,
        person: usize,
        date: Date,
        kind: AssessorKind,
        assessor: &str,
        track: usize,
        held: Option<LevelPos>,
        codes: &[u8],
        milestones: &[&str],
    ) {
        let assessor = self.intern_assessor(assessor);
        let start = self.met.len() as u32;
        for m in milestones {
            if let Some(i) = self.milestone_ids.iter().position(|x| x == m) {
                self.met.push(i as u16);
            }
        }
        let count = (self.met.len() as u32 - start) as u16;
        self.codes.extend_from_slice(codes);
        self.entries.push(Entry {
            person,
            date,
            kind,
            assessor,
            track,
            held,
            milestones: (start, count),
        });
    }

    /// Orders entries by person, then date (and, on one day, in the order they were added), so
    /// each person's history reads in order. Returns where each entry came from: the entry now
    /// at `i` was at `order[i]` before.
    pub fn sort(&mut self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| (self.entries[i].person, self.entries[i].date, i));
        self.reorder(order)
    }

    /// Orders entries by person, then date, and on one day by `keys` (one per entry).
    pub(super) fn sort_by_key(&mut self, keys: &[i64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| {
            let e = &self.entries[i];
            (
                e.person,
                e.date,
                keys.get(i).copied().unwrap_or(i64::MAX),
                i,
            )
        });
        self.reorder(order)
    }

    fn reorder(&mut self, order: Vec<usize>) -> Vec<usize> {
        let stride = self.stride;
        let entries = order.iter().map(|&i| self.entries[i]).collect();
        let codes = order
            .iter()
            .flat_map(|&i| self.codes[i * stride..(i + 1) * stride].iter().copied())
            .collect();
        self.entries = entries;
        self.codes = codes;
        order
    }

    /// An entry as an assessment of the roster's person, read against `fw` (the framework
    /// the history was read with). A history holds no evidence or notes.
    pub fn assessment(&self, fw: &Framework, roster: &Roster, entry: usize) -> Assessment {
        let e = &self.entries[entry];
        let person = &roster.people[e.person];
        Assessment {
            person: person.name.to_string(),
            person_id: Some(PersonId::from(person.id.as_str())),
            framework: fw.id().to_owned(),
            framework_version: fw.version().to_owned(),
            date: e.date,
            assessor: crate::assessment::Assessor {
                kind: e.kind,
                name: self.assessor(e.assessor).to_owned(),
            },
            track: fw.tracks()[e.track].id.clone(),
            current_level: e.held.map(|l| LevelId::from(fw.level_at(l).id.as_str())),
            ratings: fw
                .competencies()
                .zip(self.codes(entry))
                .map(|((_, c), &code)| crate::assessment::Rated {
                    competency: c.id.as_str().into(),
                    rating: crate::assessment::stored::rating_of(fw, code)
                        .unwrap_or(crate::assessment::Rating::NotAssessed),
                    evidence: None,
                })
                .collect(),
            milestones: self
                .milestones(entry)
                .map(|id| crate::assessment::MilestoneMet {
                    id: id.to_owned(),
                    evidence: None,
                })
                .collect(),
            notes: None,
        }
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
