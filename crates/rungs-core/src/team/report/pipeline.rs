//! The promotion pipeline: who is ready for their next rung, and how long people have been on
//! their current one against the typical years.

use serde::Serialize;

use super::{Context, PersonRef, names, names_of, people_do};
use crate::path::OPEN_SPAN_FACTOR;
use crate::words::and_list;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineReport {
    /// People per readiness tier for their next rung, in the framework's tier order.
    pub tiers: Vec<TierCount>,
    /// People with no assessment on or before the report's day.
    pub not_assessed: usize,
    /// People at the top of their ladder: no promotion leads on from their level.
    pub at_top: usize,
    /// Per next rung, the people heading for it by readiness tier. Someone at the split who has
    /// not chosen a track counts toward both branches.
    pub by_target: Vec<TargetTiers>,
    /// People where the ladder splits who have not chosen a track: each is counted once in
    /// `tiers` (at the better of the two branches) and toward both branches in `by_target`.
    pub undecided: TierCount,
    /// Longer on their rung than its typical maximum.
    pub overdue: Vec<RungTime>,
    /// Less time on their rung than its typical minimum.
    pub early: Vec<RungTime>,
    /// Ready now although early on their rung.
    pub ready_early: Vec<PersonRef>,
    /// People with no start date on their rung.
    pub no_start_date: usize,
    /// Per level held, the people by readiness tier for their next rung (the better branch at
    /// the split), in ladder order; levels with no one assessed are left out.
    pub by_level: Vec<LevelTiers>,
}

/// The people holding one level, by readiness tier for their next rung.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelTiers {
    pub level: String,
    pub title: String,
    /// People per readiness tier, in the framework's tier order.
    pub counts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierCount {
    pub tier: String,
    pub name: String,
    pub count: usize,
    /// The people in the tier (everyone for the first tier, up to 20 for the others).
    pub people: Vec<PersonRef>,
}

/// The people heading for one level, by readiness tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetTiers {
    pub target: String,
    pub name: String,
    /// People per readiness tier, in the framework's tier order.
    pub counts: Vec<usize>,
    /// Of them, people at the split who have not chosen a track (also counted toward the other
    /// branch).
    pub undecided: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RungTime {
    pub person: PersonRef,
    pub years: f64,
    pub typical_min: f64,
    pub typical_max: Option<f64>,
}

pub(super) fn check(cx: &Context<'_>) -> PipelineReport {
    let fw = cx.fw;
    let tiers = fw.readiness_tiers();
    let mut report = PipelineReport {
        tiers: tiers
            .iter()
            .map(|t| TierCount {
                tier: t.id.clone(),
                name: t.name.clone(),
                count: 0,
                people: Vec::new(),
            })
            .collect(),
        not_assessed: 0,
        at_top: 0,
        by_target: Vec::new(),
        undecided: TierCount {
            tier: "undecided".to_owned(),
            name: "Undecided at the split".to_owned(),
            count: 0,
            people: Vec::new(),
        },
        overdue: Vec::new(),
        early: Vec::new(),
        ready_early: Vec::new(),
        no_start_date: 0,
        by_level: Vec::new(),
    };
    let mut held: Vec<Vec<usize>> = vec![vec![0; tiers.len()]; fw.levels().len()];
    // Per target level: its slot in `by_target`, made on first use, in ladder order below.
    let mut slots: Vec<Option<usize>> = vec![None; fw.levels().len()];
    for (p, person) in cx.roster.people.iter().enumerate() {
        let early = time_on_rung(cx, p, &mut report);
        let nexts = cx.next_rungs(person.level, person.track);
        if nexts.is_empty() {
            report.at_top += 1;
            continue;
        }
        let Some(entry) = cx.latest(p, cx.opts.as_of) else {
            report.not_assessed += 1;
            continue;
        };
        let mut best = usize::MAX;
        for &next in nexts {
            let tier = cx.tier(person.track, entry, person.level, next);
            best = best.min(tier);
            let slot = *slots[next.index()].get_or_insert_with(|| {
                report.by_target.push(TargetTiers {
                    target: fw.level_at(next).id.clone(),
                    name: fw.level_at(next).short_title.clone(),
                    counts: vec![0; tiers.len()],
                    undecided: 0,
                });
                report.by_target.len() - 1
            });
            report.by_target[slot].counts[tier] += 1;
            if nexts.len() > 1 {
                report.by_target[slot].undecided += 1;
            }
        }
        if nexts.len() > 1 {
            report.undecided.count += 1;
            if report.undecided.people.len() < 20 {
                report.undecided.people.push(cx.person(p));
            }
        }
        held[person.level.index()][best] += 1;
        let slot = &mut report.tiers[best];
        slot.count += 1;
        if best == 0 || slot.people.len() < 20 {
            slot.people.push(cx.person(p));
        }
        if best == 0 && early {
            report.ready_early.push(cx.person(p));
        }
    }
    report.by_target.sort_by_key(|t| fw.level_pos(&t.target));
    report.by_level = fw
        .ladder()
        .iter()
        .filter(|l| held[l.pos().index()].iter().any(|&n| n > 0))
        .map(|l| LevelTiers {
            level: l.id.clone(),
            title: l.short_title.clone(),
            counts: held[l.pos().index()].clone(),
        })
        .collect();
    report.overdue.sort_by(|a, b| b.years.total_cmp(&a.years));
    report
}

/// Records the person as overdue or early on their rung; returns whether early.
fn time_on_rung(cx: &Context<'_>, p: usize, report: &mut PipelineReport) -> bool {
    let person = &cx.roster.people[p];
    let Some(start) = person.rung_start else {
        report.no_start_date += 1;
        return false;
    };
    let Some(typical) = &cx.fw.level_at(person.level).years_on_rung else {
        return false;
    };
    // The top of the ladder has no rung above to be overdue for.
    if cx.next_rungs(person.level, person.track).is_empty() {
        return false;
    }
    let years = start.years_until(cx.opts.as_of).max(0.0);
    let max = typical.max.unwrap_or(typical.min * OPEN_SPAN_FACTOR);
    let entry = RungTime {
        person: cx.person(p),
        years: (years * 10.0).round() / 10.0,
        typical_min: typical.min,
        typical_max: typical.max,
    };
    if years > max {
        report.overdue.push(entry);
    } else if years < typical.min {
        report.early.push(entry);
        return true;
    }
    false
}

impl PipelineReport {
    pub(super) fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(first) = self.tiers.first().filter(|t| t.count > 0) {
            out.push(format!(
                "{} {} for their next rung: {}. Start their promotion cases.",
                people_do(first.count, "is", "are"),
                first.name.to_lowercase(),
                names(&first.people, 5)
            ));
        }
        if !self.overdue.is_empty() {
            let list: Vec<PersonRef> = self.overdue.iter().map(|r| r.person.clone()).collect();
            out.push(format!(
                "{} been on their rung longer than it typically takes to move up: {}. Talk with each about what stands in the way.",
                people_do(self.overdue.len(), "has", "have"),
                names(&list, 3)
            ));
        }
        if self.undecided.count > 0 {
            let branches: Vec<&str> = self
                .by_target
                .iter()
                .filter(|t| t.undecided > 0)
                .map(|t| t.name.as_str())
                .collect();
            out.push(format!(
                "{} where the ladder splits and {} not chosen a track: {}. Each counts toward {} in the pipeline; talk with each about the track (the track questions help choose).",
                people_do(self.undecided.count, "is", "are"),
                if self.undecided.count == 1 { "has" } else { "have" },
                names_of(&self.undecided.people, self.undecided.count, 3),
                and_list(&branches)
            ));
        }
        if self.not_assessed > 0 {
            out.push(format!(
                "{} no assessment yet, so their readiness is unknown.",
                people_do(self.not_assessed, "has", "have")
            ));
        }
        out
    }
}
