//! The gap between where a person stands and a target level, and how ready they are for it.

mod readiness;
use serde::Serialize;

use super::{Evaluator, NOT_ASSESSED, NextRung, Profile, TargetError, count};
use crate::assessment::{Assessment, Rating};
use crate::browse::Difference;
use crate::framework::{LevelPos, Milestone, ReadinessTier};
use crate::path;

/// Everything between a person and a target level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gap {
    pub target: String,
    pub target_title: String,
    /// The track whose ladder the target is judged on.
    pub track: String,
    /// Where the route starts: the level the person holds, or failing that operates at.
    pub from: Option<String>,
    pub from_title: Option<String>,
    /// What the gap comes to, in a sentence a person reads first.
    pub summary: String,
    /// Competencies short of the target (or not assessed), largest gap first. A competency
    /// whose expectation at the target is the same as at a lower rung is met from that rung.
    pub items: Vec<GapItem>,
    /// Competencies already at the target or above.
    pub met: usize,
    pub total: usize,
    /// Competencies where the target expects the same as the level the person starts from.
    pub same_expectation: usize,
    /// What else separates the two levels: experience, time on the rung, direct reports and
    /// the like, then scope, team leadership, decision authority and relationships.
    pub facts: Vec<Difference<String>>,
    pub responsibilities: Vec<Difference<Vec<String>>>,
    /// The levels on the way, from `from` to the target.
    pub route: Vec<String>,
    pub milestones: Vec<StepMilestones>,
    pub readiness: Readiness,
}

/// The gap to the next rung: one gap, or where the ladder splits and the person has not chosen
/// a track, one gap per branch, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gaps {
    pub gaps: Vec<Gap>,
    /// Why there are several, and how to choose.
    pub note: Option<String>,
}

impl Gaps {
    /// The readiness for each target, with the same note.
    pub fn readiness(&self) -> Readinesses {
        Readinesses {
            targets: self
                .gaps
                .iter()
                .map(|g| TargetReadiness {
                    target: g.target.clone(),
                    target_title: g.target_title.clone(),
                    readiness: g.readiness.clone(),
                })
                .collect(),
            note: self.note.clone(),
        }
    }
}

/// How ready a person is for the next rung: one target, or at the split one per branch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readinesses {
    pub targets: Vec<TargetReadiness>,
    /// Why there are several, and how to choose.
    pub note: Option<String>,
}

/// The readiness for one target level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetReadiness {
    pub target: String,
    pub target_title: String,
    pub readiness: Readiness,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapItem {
    pub competency: String,
    pub name: String,
    pub area: String,
    pub area_weight: f64,
    pub rating: Rating,
    /// Ranks below the target's bar (the lowest rung that expects the same as the target);
    /// `None` when not assessed.
    pub ranks_short: Option<u8>,
    /// The level met now, on the target's ladder.
    pub current_level: Option<String>,
    pub current_expectation: Option<String>,
    pub target_expectation: String,
    pub evidence: Option<String>,
}

/// The milestones of one step on the way, split into met and open.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepMilestones {
    pub from: String,
    pub to: String,
    pub from_title: String,
    pub to_title: String,
    pub met: Vec<Milestone>,
    pub open: Vec<Milestone>,
}

/// A readiness tier and the measures that put the person in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    pub tier: String,
    pub name: String,
    /// Competencies below the target or not assessed, as a share of all.
    pub short_share: f64,
    /// The most ranks any assessed competency is below the target.
    pub max_gap: u8,
    /// Open milestones on the way, as a share of all milestones on the way (0 with none).
    pub open_milestone_share: f64,
    pub reasons: Vec<String>,
}

/// The three measures readiness is judged on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measures {
    short: usize,
    total: usize,
    max_gap: u8,
    open: usize,
    milestones: usize,
}

impl Measures {
    fn short_share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.short as f64 / self.total as f64
        }
    }

    fn open_share(&self) -> f64 {
        if self.milestones == 0 {
            0.0
        } else {
            self.open as f64 / self.milestones as f64
        }
    }

    /// Whether a tier's limits all hold. A small tolerance keeps 1/3 ≤ 0.34 and 0.1 ≤ 0.1 exact.
    fn fits(&self, tier: &ReadinessTier) -> bool {
        const EPS: f64 = 1e-9;
        tier.max_short_share
            .is_none_or(|m| self.short_share() <= m + EPS)
            && tier.max_gap.is_none_or(|m| u32::from(self.max_gap) <= m)
            && tier
                .max_open_milestone_share
                .is_none_or(|m| self.open_share() <= m + EPS)
    }
}

impl Evaluator<'_> {
    /// The gap to the next rung, or to the level named: one gap, or at the split for someone
    /// who has not chosen a track, one per branch.
    /// The gap to `to`, or to the next rung: both branches where the ladder splits and no track
    /// is chosen, none (with a note saying so) at the top of the ladder.
    pub fn gaps(&self, a: &Assessment, to: Option<&str>) -> Result<Gaps, TargetError> {
        match self.target(a, to) {
            Ok(target) => Ok(Gaps {
                gaps: vec![self.gap(a, target)],
                note: None,
            }),
            Err(TargetError::AtSplit {
                options,
                ids,
                level,
                ..
            }) => Ok(Gaps {
                gaps: ids
                    .iter()
                    .filter_map(|id| self.fw.level_pos(id))
                    .map(|b| self.gap(a, b))
                    .collect(),
                note: Some(format!(
                    "{level} is where the ladder splits, and {} has not chosen a track: here is the gap to {}, side by side. The track questions help choose.",
                    a.person,
                    options.join(" and to ")
                )),
            }),
            // Asked for the next rung at the top of the ladder: there is none, and that is
            // the answer, not a mistake.
            Err(e @ TargetError::AtTop { .. }) if to.is_none() => Ok(Gaps {
                gaps: Vec::new(),
                note: Some(e.to_string()),
            }),
            Err(e) => Err(e),
        }
    }

    /// The rungs from where a person starts to a target above it, both ends included: the
    /// steps whose milestones count towards readiness. Empty when the target is not above.
    fn route(&self, from: Option<LevelPos>, target: LevelPos) -> Vec<LevelPos> {
        let goal = self.rank_of(target);
        match from {
            Some(f) if self.rank_of(f) < goal || (self.rank_of(f) == goal && f != target) => {
                path::routes(self.fw, f, target, 1)
                    .into_iter()
                    .next()
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// The readiness tier (its position in the framework's list) for the next rung from where
    /// a person starts, and that rung: at a split without a chosen track, the nearer branch
    /// (the first on a tie); none at the top. What [`Evaluator::gaps`] explains, without
    /// the words: `held` is the level held, `met` whether a milestone is met.
    pub fn next_readiness(
        &self,
        p: &Profile,
        held: Option<LevelPos>,
        met: impl Fn(&str) -> bool,
    ) -> Option<(usize, LevelPos)> {
        let start = self.start_of(p, held)?;
        let targets = match self.next_rung(start, p.track) {
            NextRung::One(next) => vec![next],
            NextRung::Split(options) => options,
            NextRung::Top => return None,
        };
        targets
            .into_iter()
            .map(|target| {
                let (mut open, mut all) = (0, 0);
                for w in self.route(Some(start), target).windows(2) {
                    let (f, to) = (&self.fw.level_at(w[0]).id, &self.fw.level_at(w[1]).id);
                    for m in self.fw.milestones(f, to) {
                        all += 1;
                        open += usize::from(!met(&m.id));
                    }
                }
                (self.readiness_tier(p, target, open, all), target)
            })
            .min_by_key(|&(tier, _)| tier)
    }

    /// The gap from an assessment to a target level, with readiness.
    pub fn gap(&self, a: &Assessment, target: LevelPos) -> Gap {
        let fw = self.fw;
        let p = self.profile(a);
        let t = self.judging_track(p.track, target);
        let target_level = fw.level_at(target);
        let target_id = &target_level.id;
        let from = self.start_level(a);
        let mut items = Vec::new();
        let mut met = 0;
        let mut same_expectation = 0;
        for (c, (area, comp)) in fw.competencies().enumerate() {
            let rated = a.rating(&comp.id);
            let eff = self.effective(t, c, p.codes[c]);
            let bar = self.bar(t, c, target);
            if from.is_some_and(|f| fw.expectation_at(comp, f) == fw.expectation_at(comp, target)) {
                same_expectation += 1;
            }
            if eff.is_some_and(|e| e >= bar) {
                met += 1;
                continue;
            }
            let current = eff.and_then(|e| self.level_at(t, e));
            items.push(GapItem {
                competency: comp.id.clone(),
                name: comp.name.clone(),
                area: area.id.clone(),
                area_weight: area.weight,
                rating: rated.map_or(Rating::NotAssessed, |r| r.rating.clone()),
                ranks_short: eff.map(|e| bar - e),
                current_level: current.map(|l| fw.level_at(l).id.clone()),
                current_expectation: current.map(|l| fw.expectation_at(comp, l).to_owned()),
                target_expectation: fw.expectation_at(comp, target).to_owned(),
                evidence: rated.and_then(|r| r.evidence.clone()),
            });
        }
        // Largest gap first, then the weightier area, then framework order; not assessed last.
        items.sort_by(|x, y| {
            let gap = |i: &GapItem| i.ranks_short.map_or(-1, i32::from);
            gap(y)
                .cmp(&gap(x))
                .then(y.area_weight.total_cmp(&x.area_weight))
        });

        let route = self.route(from, target);
        let milestones: Vec<StepMilestones> = route
            .windows(2)
            .map(|w| {
                let (f, to) = (&fw.level_at(w[0]).id, &fw.level_at(w[1]).id);
                let (met, open): (Vec<Milestone>, Vec<Milestone>) = fw
                    .milestones(f, to)
                    .into_iter()
                    .cloned()
                    .partition(|m| a.has_met(&m.id));
                StepMilestones {
                    from: f.clone(),
                    to: to.clone(),
                    from_title: fw.level_at(w[0]).short_title.clone(),
                    to_title: fw.level_at(w[1]).short_title.clone(),
                    met,
                    open,
                }
            })
            .collect();
        let open = milestones.iter().map(|s| s.open.len()).sum();
        let all = milestones.iter().map(|s| s.open.len() + s.met.len()).sum();
        let readiness = self.explain_readiness(&p, target, open, all);
        let (facts, responsibilities) = match from.filter(|&f| f != target) {
            Some(f) => {
                let c = crate::browse::compare(fw, fw.level_at(f), target_level);
                (
                    c.facts
                        .into_iter()
                        .filter(|d| d.id != "rank" && d.id != "time_allocation")
                        .collect(),
                    c.responsibilities,
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        let total = p.codes.len();
        let target_title = target_level.short_title.clone();
        let from_title = from.map(|f| fw.level_at(f).short_title.clone());
        let short = items.len();
        let summary = match (&from_title, short) {
            (Some(f), 0) if same_expectation == total => format!(
                "{target_title} expects the same as {f} of every competency: what separates them is {}.",
                separates(&responsibilities, &facts, open)
            ),
            (_, 0) => format!(
                "Every competency already meets the {target_title} expectation; what is left is {}.",
                separates(&responsibilities, &facts, open)
            ),
            _ => format!(
                "{short} of {total} competencies short of {target_title}{}.{}",
                match items.iter().filter_map(|i| i.ranks_short).max() {
                    Some(g) => format!(
                        ", the largest gap {}",
                        count(usize::from(g), "rank", "ranks")
                    ),
                    None => String::new(),
                },
                match (&from_title, same_expectation) {
                    (Some(f), n) if n > 0 => format!(
                        " {} expect the same at {target_title} as at {f}.",
                        count(n, "competency", "competencies")
                    ),
                    _ => String::new(),
                }
            ),
        };
        Gap {
            target: target_id.clone(),
            target_title,
            track: fw.tracks()[t].id.clone(),
            from: from.map(|f| fw.level_at(f).id.clone()),
            from_title,
            summary,
            items,
            met,
            total,
            same_expectation,
            facts,
            responsibilities,
            route: route.iter().map(|&l| fw.level_at(l).id.clone()).collect(),
            milestones,
            readiness,
        }
    }
}

/// What separates two levels besides skills, in a few words: "scope, team leadership and
/// decision authority, 5 open milestones and experience".
fn separates(
    responsibilities: &[Difference<Vec<String>>],
    facts: &[Difference<String>],
    open: usize,
) -> String {
    let mut parts: Vec<String> = responsibilities
        .iter()
        .map(|d| d.name.to_lowercase())
        .collect();
    if open > 0 {
        parts.push(count(open, "open milestone", "open milestones"));
    }
    if facts.iter().any(|f| f.id == "experience") {
        parts.push("experience".to_owned());
    }
    if parts.is_empty() {
        "the milestones on the way".to_owned()
    } else {
        crate::words::and_list(&parts)
    }
}
