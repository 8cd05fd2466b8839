//! The promotion pipeline: who is ready for their next rung, and how long people have been on
//! their current one against the typical years.

use serde::Serialize;

use super::{Context, PersonRef, names, people_do};
use crate::path::OPEN_SPAN_FACTOR;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineReport {
    /// People per readiness tier for their next rung, in the framework's tier order.
    pub tiers: Vec<TierCount>,
    /// People with no assessment on or before the report's day.
    pub not_assessed: usize,
    /// People at the top of their ladder: there is no next rung.
    pub at_top: usize,
    /// Longer on their rung than its typical maximum.
    pub overdue: Vec<RungTime>,
    /// Less time on their rung than its typical minimum.
    pub early: Vec<RungTime>,
    /// Ready now although early on their rung.
    pub ready_early: Vec<PersonRef>,
    /// People with no start date on their rung.
    pub no_start_date: usize,
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
        overdue: Vec::new(),
        early: Vec::new(),
        ready_early: Vec::new(),
        no_start_date: 0,
    };
    // The milestones of each step, as the history's milestone ids, computed once per step.
    let mut step_milestones: rustc_hash::FxHashMap<
        (crate::framework::LevelPos, crate::framework::LevelPos),
        Vec<String>,
    > = rustc_hash::FxHashMap::default();
    for (p, person) in cx.roster.people.iter().enumerate() {
        let early = time_on_rung(cx, p, &mut report);
        let Some(next) = cx.next_level(person.level, person.track) else {
            report.at_top += 1;
            continue;
        };
        let Some(entry) = cx.latest(p, cx.opts.as_of) else {
            report.not_assessed += 1;
            continue;
        };
        let ids = step_milestones
            .entry((person.level, next))
            .or_insert_with(|| {
                fw.milestones(&fw.level_at(person.level).id, &fw.level_at(next).id)
                    .iter()
                    .map(|m| m.id.clone())
                    .collect()
            });
        let open = ids.iter().filter(|m| !cx.history.has_met(entry, m)).count();
        let tier = cx.ev.readiness_tier_codes(
            person.track,
            cx.history.codes(entry),
            next,
            open,
            ids.len(),
        );
        let slot = &mut report.tiers[tier];
        slot.count += 1;
        if tier == 0 || slot.people.len() < 20 {
            slot.people.push(cx.person(p));
        }
        if tier == 0 && early {
            report.ready_early.push(cx.person(p));
        }
    }
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
    if cx.next_level(person.level, person.track).is_none() {
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
        if self.not_assessed > 0 {
            out.push(format!(
                "{} no assessment yet, so their readiness is unknown.",
                people_do(self.not_assessed, "has", "have")
            ));
        }
        out
    }
}
