//! The team report: every check a product leader runs on their organization, with findings in
//! words a leader can act on.

mod calibration;
mod changes;
mod document;
mod impact;
mod members;
mod pay;
mod pipeline;
mod shape;
mod span;

use compact_str::CompactString;
use serde::Serialize;

pub use calibration::{
    AssessorStats, CalibrationReport, CalibrationShown, GAP_RANKS, MIN_GROUP, SelfManagerGap,
};
pub use changes::{ChangeReport, Moved, ReadinessChange};
pub use document::{Block, ROWS, Section};
pub use impact::{Shift, VersionImpact, impact};
pub use members::{LastAssessment, LevelRef, Member, Readiness, members};
pub use pay::{BAND_POSITIONS, LevelPay, PayIssue, PayReport, Unplaced, ZonePay};
pub use pipeline::{LevelTiers, PipelineReport, RungTime, TierCount};
pub use shape::{BalanceShare, BandShare, LevelCount, ShapeReport, Status};
pub use span::{SpanCount, SpanIssue, SpanLimit, SpanReport};

use super::{History, Roster};
use crate::date::Date;
use crate::eval::Evaluator;
use crate::framework::{Framework, LevelPos};

/// When the report is for, and the window its changes cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// The day the report describes; assessments after it are ignored.
    pub as_of: Date,
    /// The start of the window for changes.
    pub since: Date,
}

impl ReportOptions {
    /// The day a report describes (default: today) and the start of its window for changes
    /// (default: a year before it); the window must end after it starts.
    pub fn days(as_of: Option<Date>, since: Option<Date>) -> Result<ReportOptions, String> {
        let as_of = as_of.unwrap_or_else(Date::today);
        let since = since.unwrap_or(as_of.year_before());
        if since >= as_of {
            return Err(format!(
                "{since} is not before the day of the report, {as_of}: the window for changes ends on the report's day"
            ));
        }
        Ok(ReportOptions { as_of, since })
    }
}

/// The report on one part of the organization: `manager` and everyone under them, with only
/// their assessments; `None` for the whole roster.
pub fn report_under(
    fw: &Framework,
    roster: &Roster,
    history: &History,
    opts: ReportOptions,
    manager: Option<&str>,
) -> Result<Report, String> {
    match manager {
        None => Ok(report(fw, roster, history, opts)),
        Some(id) => {
            let (part, history) = part_under(roster, history, id)?;
            Ok(report(fw, &part, &history, opts))
        }
    }
}

/// Everyone of the team as [`members`] gives them, or only one person and everyone under them.
pub fn members_under(
    fw: &Framework,
    roster: &Roster,
    history: &History,
    opts: ReportOptions,
    manager: Option<&str>,
) -> Result<Vec<Member>, String> {
    match manager {
        None => Ok(members(fw, roster, history, opts)),
        Some(id) => {
            let (part, history) = part_under(roster, history, id)?;
            Ok(members(fw, &part, &history, opts))
        }
    }
}

/// One person and everyone under them, with their history.
fn part_under(roster: &Roster, history: &History, id: &str) -> Result<(Roster, History), String> {
    let Some(root) = roster.person(id) else {
        let near = crate::suggest::nearest(id, roster.people.iter().map(|p| p.id.as_str()), 1);
        return Err(match near.first() {
            Some(n) => format!("no one on the roster has the id `{id}`; did you mean `{n}`?"),
            None => format!("no one on the roster has the id `{id}`"),
        });
    };
    let (part, map) = roster.only(&roster.under(root));
    let history = history.only(&map);
    Ok((part, history))
}

/// A person as the report names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CompactString,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: CompactString,
    pub level: String,
    /// The level's short title, as people read it.
    pub level_title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub framework: String,
    pub as_of: Date,
    pub since: Date,
    pub people: usize,
    pub assessments: usize,
    /// The headline findings, most pressing first.
    pub findings: Vec<String>,
    pub span: SpanReport,
    pub shape: ShapeReport,
    pub pipeline: PipelineReport,
    pub pay: PayReport,
    pub calibration: CalibrationReport,
    pub changes: ChangeReport,
    /// Stored people and assessments that could not be read, and why: left out of every figure
    /// above, never silently.
    pub unread: Vec<super::Unread>,
}

/// What the checks share: the framework, its evaluator, the team and the day.
pub(crate) struct Context<'a> {
    pub(crate) fw: &'a Framework,
    pub(crate) ev: Evaluator<'a>,
    pub(crate) roster: &'a Roster,
    pub(crate) history: &'a History,
    /// Each person's entries, oldest first.
    pub(crate) by_person: Vec<std::ops::Range<usize>>,
    pub(crate) opts: ReportOptions,
    /// The next rungs from each level on each track, `[track][level]`: one, two at the split
    /// for someone who has not chosen a track, none at the top.
    nexts: Vec<Vec<Vec<LevelPos>>>,
    /// The milestone ids of each step, computed once.
    steps: rustc_hash::FxHashMap<(LevelPos, LevelPos), Vec<String>>,
}

impl<'a> Context<'a> {
    pub(crate) fn person(&self, p: usize) -> PersonRef {
        let person = &self.roster.people[p];
        PersonRef {
            id: person.id.clone(),
            name: person.name.clone(),
            level: self.fw.level_at(person.level).id.clone(),
            level_title: self.fw.level_at(person.level).short_title.clone(),
        }
    }

    /// The person's latest entry on or before a day, by the one rule for "latest"
    /// ([`crate::assessment::latest`]).
    pub(crate) fn latest(&self, p: usize, on_or_before: Date) -> Option<usize> {
        let range = self.by_person.get(p)?.clone();
        let entries = &self.history.entries()[range.clone()];
        crate::assessment::latest(entries, on_or_before, |e| (e.date, e.kind))
            .map(|i| range.start + i)
    }

    fn new(
        fw: &'a Framework,
        roster: &'a Roster,
        history: &'a History,
        opts: ReportOptions,
    ) -> Context<'a> {
        let ev = Evaluator::new(fw);
        let mut steps = rustc_hash::FxHashMap::default();
        let nexts: Vec<Vec<Vec<LevelPos>>> = (0..fw.tracks().len())
            .map(|t| {
                fw.level_positions()
                    .map(|l| {
                        let next = match ev.next_rung(l, t) {
                            crate::eval::NextRung::One(n) => vec![n],
                            crate::eval::NextRung::Split(ns) => ns,
                            crate::eval::NextRung::Top => Vec::new(),
                        };
                        for &n in &next {
                            steps.entry((l, n)).or_insert_with(|| {
                                fw.milestones(&fw.level_at(l).id, &fw.level_at(n).id)
                                    .iter()
                                    .map(|m| m.id.clone())
                                    .collect()
                            });
                        }
                        next
                    })
                    .collect()
            })
            .collect();
        Context {
            fw,
            ev,
            roster,
            history,
            by_person: history.by_person(roster.len()),
            opts,
            nexts,
            steps,
        }
    }

    /// The next rungs up from a level for a person on a track (see [`Evaluator::next_rung`]):
    /// one; both branches where the ladder splits and the person has not chosen a track; none at
    /// the top of the ladder.
    pub(crate) fn next_rungs(&self, level: LevelPos, track: usize) -> &[LevelPos] {
        self.nexts
            .get(track)
            .and_then(|t| t.get(level.index()))
            .map_or(&[], Vec::as_slice)
    }

    /// The readiness tier of a history entry for the step from `level` to `next`, with the
    /// step's milestones met or open.
    pub(crate) fn tier(
        &self,
        track: usize,
        entry: usize,
        level: LevelPos,
        next: LevelPos,
    ) -> usize {
        let ids = self
            .steps
            .get(&(level, next))
            .map_or(&[][..], Vec::as_slice);
        let open = ids
            .iter()
            .filter(|m| !self.history.has_met(entry, m))
            .count();
        self.ev
            .readiness_tier_codes(track, self.history.codes(entry), next, open, ids.len())
    }

    /// The best readiness tier of an entry over the next rungs from `level` (both branches at
    /// the split); none at the top.
    pub(crate) fn best_tier(&self, track: usize, entry: usize, level: LevelPos) -> Option<usize> {
        self.next_rungs(level, track)
            .iter()
            .map(|&n| self.tier(track, entry, level, n))
            .min()
    }
}

/// Runs every check.
pub fn report(fw: &Framework, roster: &Roster, history: &History, opts: ReportOptions) -> Report {
    let cx = Context::new(fw, roster, history, opts);
    let span = span::check(&cx);
    let shape = shape::check(&cx);
    let pipeline = pipeline::check(&cx);
    let pay = pay::check(&cx);
    let calibration = calibration::check(&cx);
    let changes = changes::check(&cx);
    let mut findings = Vec::new();
    findings.extend(span.findings(&cx));
    findings.extend(shape.findings());
    findings.extend(pipeline.findings());
    findings.extend(pay.findings());
    findings.extend(calibration.findings());
    findings.extend(changes.findings());
    Report {
        framework: format!("{} {}", fw.name(), fw.version()),
        as_of: opts.as_of,
        since: opts.since,
        people: roster.len(),
        assessments: history
            .entries()
            .iter()
            .filter(|e| e.date <= opts.as_of)
            .count(),
        findings,
        span,
        shape,
        pipeline,
        pay,
        calibration,
        changes,
        unread: Vec::new(),
    }
}

impl Report {
    /// The report with the records that could not be read named, and said first.
    pub fn with_unread(mut self, unread: Vec<super::Unread>) -> Report {
        if !unread.is_empty() {
            let count = |kind: &str| unread.iter().filter(|u| u.kind == kind).count();
            let (people, assessments) = (count("person"), count("assessment"));
            let mut parts = Vec::new();
            if people > 0 {
                parts.push(self::people(people));
            }
            if assessments > 0 {
                parts.push(crate::eval::count(assessments, "assessment", "assessments"));
            }
            self.findings.insert(
                0,
                format!(
                    "{} could not be read against the current framework and {} left out of this report: see \"Not read\".",
                    parts.join(" and "),
                    if people + assessments == 1 { "is" } else { "are" }
                ),
            );
        }
        self.unread = unread;
        self
    }
}

/// "1 person", "3 people".
pub(crate) fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// "1 person manages", "3 people manage": a count of people with its verb agreeing.
pub(crate) fn people_do(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", people(n), if n == 1 { one } else { many })
}

/// The first `n` names of a list, with "and N more".
pub(crate) fn names(list: &[PersonRef], n: usize) -> String {
    names_of(list, list.len(), n)
}

/// The first `n` names of a list that holds the first of `total` people, with "and N more"
/// counted against the total.
pub(crate) fn names_of(list: &[PersonRef], total: usize, n: usize) -> String {
    let shown: Vec<String> = list
        .iter()
        .take(n)
        .map(|p| format!("{} ({})", p.name, p.level_title))
        .collect();
    match total.saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}
