//! A development plan a person can follow: the few competencies to work on first, with concrete
//! actions and the evidence that shows progress, then the milestones of the step, a target date,
//! and the rest for later.

use serde::Serialize;

use super::{Evaluator, Gap, GapItem, Readiness, StepMilestones, count};
use crate::assessment::Assessment;
use crate::browse::Difference;
use crate::date::Date;
use crate::framework::{LevelPos, Topic};
use crate::path::{self, PathOptions, Percentiles};

/// How many competencies a plan asks a person to focus on first.
pub const FOCUS: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub person: String,
    pub target: String,
    pub target_title: String,
    /// The level the plan starts from: the level held, or failing that the level shown.
    pub from: Option<String>,
    pub from_title: Option<String>,
    pub track_name: String,
    /// What the gap comes to, in a sentence.
    pub summary: String,
    pub readiness: Readiness,
    /// The competencies to work on first (at most three): the largest gaps, the heavier area
    /// first at equal gaps, each with what to do and what shows it.
    pub focus: Vec<Focus>,
    /// The milestones still open on the way, step by step.
    pub milestones: Vec<StepMilestones>,
    /// Where no competency is short: what else separates the two levels, to work on instead.
    pub responsibilities: Vec<Difference<Vec<String>>>,
    /// When the target is usually reached, from the path's Monte Carlo.
    pub timing: Option<Timing>,
    /// The other competencies short of the target, for after the focus.
    pub later: Vec<Action>,
    /// Competencies not assessed: they count as short until someone rates them.
    pub to_rate: Vec<Action>,
    /// The framework's advice on advancing faster.
    pub strategies: Vec<Topic>,
}

/// A competency to work on first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Focus {
    pub competency: String,
    pub name: String,
    pub area: String,
    pub area_name: String,
    pub ranks_short: u8,
    /// The expectation met now, with its level.
    pub now: Option<String>,
    /// The target's expectation.
    pub aim: String,
    /// Why it comes first.
    pub why: String,
    /// Concrete things to do (from the framework's guidance for the competency).
    pub actions: Vec<String>,
    /// Examples of evidence that show it.
    pub evidence: Vec<String>,
}

/// A competency short of the target, listed for later or to get rated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Action {
    pub competency: String,
    pub name: String,
    pub area_name: String,
    pub ranks_short: Option<u8>,
    pub now: Option<String>,
    pub aim: String,
}

/// When a person usually reaches the target, counted from the assessment's day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timing {
    /// The day counted from: the assessment's date.
    pub from: Date,
    pub years: Percentiles,
    /// The P50 date: the target date.
    pub target_date: Date,
    /// The P10 and P90 dates: the likely window.
    pub earliest: Date,
    pub latest: Date,
    /// The fastest route's levels.
    pub route: Vec<String>,
    /// Which source ladder the route follows.
    pub reading: String,
    /// How much of the first rung the assessment leaves to go: the years are counted from
    /// there, not from the start of the rung (as a path between levels is, for anyone).
    pub head_start: Option<path::HeadStart>,
}

/// A day `years` after `from`, to the day.
fn after(from: Date, years: f64) -> Date {
    Date::from_days(from.days() + (years * 365.25).round() as i32)
}

impl Evaluator<'_> {
    /// The plan to reach `target`, built from the gap.
    pub fn plan(&self, a: &Assessment, target: LevelPos) -> Plan {
        let gap = self.gap(a, target);
        self.plan_from(a, &gap)
    }

    pub fn plan_from(&self, a: &Assessment, gap: &Gap) -> Plan {
        let fw = self.fw;
        let level = |id: &str| {
            fw.level(id)
                .map_or(id.to_owned(), |l| l.short_title.clone())
        };
        let area_name = |id: &str| {
            fw.areas()
                .iter()
                .find(|x| x.id == id)
                .map_or(id.to_owned(), |x| x.name.clone())
        };
        let now = |item: &GapItem| {
            item.current_expectation
                .as_ref()
                .map(|e| match &item.current_level {
                    Some(l) => format!("{e} ({})", level(l)),
                    None => e.clone(),
                })
        };
        let aim = |item: &GapItem| format!("{} ({})", item.target_expectation, level(&gap.target));
        // The gap's items are already ordered: largest gap, then heavier area, then framework
        // order; the not assessed last.
        let assessed: Vec<&GapItem> = gap
            .items
            .iter()
            .filter(|i| i.ranks_short.is_some())
            .collect();
        let largest = assessed.first().and_then(|i| i.ranks_short).unwrap_or(0);
        let focus: Vec<Focus> = assessed
            .iter()
            .take(FOCUS)
            .map(|item| {
                let comp = fw.competencies().find(|(_, c)| c.id == item.competency);
                let short = item.ranks_short.unwrap_or(0);
                let why = if short == largest {
                    format!(
                        "{} short of {}: among the largest gaps",
                        count(usize::from(short), "rank", "ranks"),
                        level(&gap.target)
                    )
                } else {
                    format!(
                        "{} short of {}, in {} (weight {})",
                        count(usize::from(short), "rank", "ranks"),
                        level(&gap.target),
                        area_name(&item.area),
                        item.area_weight
                    )
                };
                Focus {
                    competency: item.competency.clone(),
                    name: item.name.clone(),
                    area: item.area.clone(),
                    area_name: area_name(&item.area),
                    ranks_short: short,
                    now: now(item),
                    aim: aim(item),
                    why,
                    actions: comp.map(|(_, c)| c.actions.clone()).unwrap_or_default(),
                    evidence: comp.map(|(_, c)| c.evidence.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let action = |item: &&GapItem| Action {
            competency: item.competency.clone(),
            name: item.name.clone(),
            area_name: area_name(&item.area),
            ranks_short: item.ranks_short,
            now: now(item),
            aim: aim(item),
        };
        let later: Vec<Action> = assessed.iter().skip(FOCUS).map(action).collect();
        let to_rate: Vec<Action> = gap
            .items
            .iter()
            .filter(|i| i.ranks_short.is_none())
            .map(|i| action(&i))
            .collect();
        let milestones: Vec<StepMilestones> = gap
            .milestones
            .iter()
            .filter(|s| !s.open.is_empty())
            .cloned()
            .collect();
        let track_name = fw
            .track(&gap.track)
            .map_or(gap.track.clone(), |t| t.name.clone());
        Plan {
            person: a.person.clone(),
            target: gap.target.clone(),
            target_title: level(&gap.target),
            from: gap.from.clone(),
            from_title: gap.from_title.clone(),
            track_name,
            summary: gap.summary.clone(),
            readiness: gap.readiness.clone(),
            responsibilities: if assessed.is_empty() {
                gap.responsibilities.clone()
            } else {
                Vec::new()
            },
            focus,
            milestones,
            timing: self.timing(a, gap),
            later,
            to_rate,
            strategies: fw.guidance().advancement_strategies.clone(),
        }
    }

    /// The target date: the P50 of the fastest route from the level the plan starts from, with
    /// the first rung counted from where the assessment puts the person (seed 1).
    fn timing(&self, a: &Assessment, gap: &Gap) -> Option<Timing> {
        let fw = self.fw;
        let from = fw.level_pos(gap.from.as_deref()?)?;
        let to = fw.level_pos(&gap.target)?;
        let first = path::routes(fw, from, to, 1).into_iter().next()?;
        let head_start = Some(self.head_start(a, *first.get(1)?));
        let opts = PathOptions {
            max_routes: 1,
            head_start: head_start.clone(),
            ..PathOptions::default()
        };
        let plan = path::plan(fw, from, to, &opts).ok()?;
        let route = plan.details.first()?;
        Some(Timing {
            from: a.date,
            years: plan.years,
            target_date: after(a.date, plan.years.p50),
            earliest: after(a.date, plan.years.p10),
            latest: after(a.date, plan.years.p90),
            route: route.levels.clone(),
            reading: route.reading.clone(),
            head_start,
        })
    }
}
