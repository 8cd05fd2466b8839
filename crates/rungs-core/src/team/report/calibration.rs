//! Calibration: how each assessor's ratings compare with the whole team's, and where people see
//! themselves differently from their managers.
//!
//! The statistic: an assessment's *lift* is the mean rank of its ratings (read on the person's
//! track) minus the rank of the level the person held. An assessor whose mean lift is more than
//! the framework's threshold (half a rank by default) above the team's mean is flagged as
//! lenient, below it as harsh. Only assessors with enough assessments (five by default) are
//! judged, and self-assessments are left out of it.

use serde::Serialize;

use super::{Context, PersonRef, names, people_do};
use crate::assessment::AssessorKind;
use crate::words::{and_list, signed_beyond};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationReport {
    /// The mean lift of every manager and peer assessment, in ranks.
    pub team_mean_lift: f64,
    pub threshold: f64,
    pub min_assessments: u32,
    pub assessors: Vec<AssessorStats>,
    /// People whose latest self-assessment is, on average, half a rank or more from their
    /// manager's.
    pub gaps: Vec<SelfManagerGap>,
    /// People with both a self and a manager assessment.
    pub compared: usize,
    /// The mean of (self − manager) across them, in ranks.
    pub mean_self_minus_manager: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessorStats {
    pub assessor: String,
    pub assessments: usize,
    /// How many different people those assessments are of.
    pub people: usize,
    pub mean_lift: f64,
    /// The mean lift minus the team's: what the verdict is judged on.
    pub against_team: f64,
    /// The standard deviation of the lift over all the assessor's assessments (a population
    /// deviation, dividing by their number): how spread the assessor's ratings are.
    pub spread: f64,
    /// "lenient", "harsh", "fair", or "too few" to judge.
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfManagerGap {
    pub person: PersonRef,
    /// Competencies a rank or more apart.
    pub apart: usize,
    /// Mean of self − manager over competencies both rated, in ranks.
    pub mean_difference: f64,
}

/// A person who rates themselves, on average, this many ranks from their manager sees their
/// work differently, and that is worth a conversation.
pub const GAP_RANKS: f64 = 0.5;

pub(super) fn check(cx: &Context<'_>) -> CalibrationReport {
    let fw = cx.fw;
    let cal = &fw.team_shape().calibration;
    let entries = cx.history.entries();
    let mut per_assessor: rustc_hash::FxHashMap<u32, Vec<f64>> = rustc_hash::FxHashMap::default();
    let mut assessed: rustc_hash::FxHashMap<u32, rustc_hash::FxHashSet<usize>> =
        rustc_hash::FxHashMap::default();
    let mut all = Vec::new();
    for (e, entry) in entries.iter().enumerate() {
        if entry.date > cx.opts.as_of || entry.kind == AssessorKind::Own {
            continue;
        }
        let held = entry.held.unwrap_or(cx.roster.people[entry.person].level);
        let Some(mean) = cx.ev.mean_rank(entry.track, cx.history.codes(e)) else {
            continue;
        };
        let lift = mean - f64::from(cx.ev.rank_of(held));
        per_assessor.entry(entry.assessor).or_default().push(lift);
        assessed
            .entry(entry.assessor)
            .or_default()
            .insert(entry.person);
        all.push(lift);
    }
    let team_mean = if all.is_empty() {
        0.0
    } else {
        all.iter().sum::<f64>() / all.len() as f64
    };
    let mut assessors: Vec<AssessorStats> = per_assessor
        .iter()
        .map(|(&a, lifts)| {
            let n = lifts.len() as f64;
            let mean = lifts.iter().sum::<f64>() / n;
            let spread = (lifts.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).sqrt();
            let against_team = mean - team_mean;
            let people = assessed.get(&a).map_or(0, |s| s.len());
            // Judged only with enough assessments, and of enough people that the figure is
            // not about one or two of them.
            let verdict = if lifts.len() < cal.min_assessments as usize || people < MIN_GROUP {
                "too few"
            } else if against_team > cal.threshold {
                "lenient"
            } else if -against_team > cal.threshold {
                "harsh"
            } else {
                "fair"
            };
            AssessorStats {
                assessor: cx.history.assessor(a).to_owned(),
                assessments: lifts.len(),
                people,
                mean_lift: mean,
                against_team,
                spread,
                verdict: verdict.to_owned(),
            }
        })
        .collect();
    assessors.sort_by(|a, b| {
        (a.verdict == "fair" || a.verdict == "too few")
            .cmp(&(b.verdict == "fair" || b.verdict == "too few"))
            .then(b.against_team.abs().total_cmp(&a.against_team.abs()))
            .then(a.assessor.cmp(&b.assessor))
    });

    // Self against manager: each person's latest of each, on or before the day.
    let mut gaps = Vec::new();
    let mut compared = 0;
    let mut total_diff = 0.0;
    for p in 0..cx.roster.len() {
        let range = cx.by_person[p].clone();
        let latest = |kind: AssessorKind| {
            range
                .clone()
                .rev()
                .find(|&e| entries[e].kind == kind && entries[e].date <= cx.opts.as_of)
        };
        let (Some(own), Some(manager)) = (latest(AssessorKind::Own), latest(AssessorKind::Manager))
        else {
            continue;
        };
        let track = cx.roster.people[p].track;
        let (a, b) = (cx.history.codes(own), cx.history.codes(manager));
        let Some((mean, apart)) = cx.ev.mean_difference(track, a, b) else {
            continue;
        };
        compared += 1;
        total_diff += mean;
        if mean.abs() >= GAP_RANKS {
            gaps.push(SelfManagerGap {
                person: cx.person(p),
                apart,
                mean_difference: mean,
            });
        }
    }
    gaps.sort_by(|a, b| {
        b.mean_difference
            .abs()
            .total_cmp(&a.mean_difference.abs())
            .then(a.person.id.cmp(&b.person.id))
    });
    CalibrationReport {
        team_mean_lift: team_mean,
        threshold: cal.threshold,
        min_assessments: cal.min_assessments,
        assessors,
        gaps,
        compared,
        mean_self_minus_manager: if compared == 0 {
            0.0
        } else {
            total_diff / compared as f64
        },
    }
}

/// The smallest group whose figures are shown: a figure over fewer people than this is about
/// individuals, and is never shown on its own.
pub const MIN_GROUP: usize = 5;

/// Calibration as it may be shown to people: only groups of at least [`MIN_GROUP`] people, and
/// assessors in the order of their names, never ranked against each other.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationShown<'a> {
    /// Assessors of at least `MIN_GROUP` people, by name.
    pub assessors: Vec<&'a AssessorStats>,
    /// How many assessors of fewer people are left out.
    pub withheld: usize,
    /// The self-against-manager mean, when at least `MIN_GROUP` people were compared.
    pub mean_self_minus_manager: Option<f64>,
}

impl AssessorStats {
    /// Whether the assessor rates far enough from the team to calibrate: lenient or harsh.
    pub fn flagged(&self) -> bool {
        self.verdict == "lenient" || self.verdict == "harsh"
    }
}

impl CalibrationReport {
    /// What of this report may be shown for a group of `people` people: nothing of a group
    /// smaller than [`MIN_GROUP`] (then `None`), and within it no assessor of fewer people.
    pub fn shown(&self, people: usize) -> Option<CalibrationShown<'_>> {
        if people < MIN_GROUP {
            return None;
        }
        let (mut assessors, small): (Vec<&AssessorStats>, Vec<&AssessorStats>) =
            self.assessors.iter().partition(|a| a.people >= MIN_GROUP);
        assessors.sort_by(|a, b| a.assessor.cmp(&b.assessor));
        Some(CalibrationShown {
            assessors,
            withheld: small.len(),
            mean_self_minus_manager: (self.compared >= MIN_GROUP)
                .then_some(self.mean_self_minus_manager),
        })
    }

    pub(super) fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for verdict in ["lenient", "harsh"] {
            let flagged: Vec<&AssessorStats> = self
                .assessors
                .iter()
                .filter(|a| a.verdict == verdict)
                .collect();
            if !flagged.is_empty() {
                let mut list: Vec<String> = flagged
                    .iter()
                    .take(4)
                    .map(|a| {
                        format!(
                            "{} ({})",
                            a.assessor,
                            signed_beyond(a.against_team, self.threshold)
                        )
                    })
                    .collect();
                if flagged.len() > 4 {
                    list.push(format!("{} more", flagged.len() - 4));
                }
                out.push(format!(
                    "{} rate{} more {verdict}ly than the team: their mean lift (the average of their ratings, in ranks, minus the level held) is more than {} rank {} the team's: {}. Calibrate their ratings together before promotions.",
                    if flagged.len() == 1 { "1 assessor".to_owned() } else { format!("{} assessors", flagged.len()) },
                    if flagged.len() == 1 { "s" } else { "" },
                    self.threshold,
                    if verdict == "lenient" { "above" } else { "below" },
                    and_list(&list)
                ));
            }
        }
        if !self.gaps.is_empty() {
            let list: Vec<PersonRef> = self.gaps.iter().map(|g| g.person.clone()).collect();
            out.push(format!(
                "{} themselves {} or more ranks from their manager's view, on average: {}. Talk the differences through with them.",
                people_do(self.gaps.len(), "rates", "rate"),
                GAP_RANKS,
                names(&list, 3)
            ));
        }
        out
    }
}
