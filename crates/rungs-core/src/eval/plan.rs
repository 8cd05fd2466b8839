//! A development plan: what to work on, in order, to close the gap to a target level.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Evaluator, Gap, Readiness, count};
use crate::assessment::Assessment;
use crate::framework::{LevelPos, Topic};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub person: String,
    pub target: String,
    pub target_title: String,
    pub track_name: String,
    pub readiness: Readiness,
    /// Ordered: the largest competency gaps first (heavier areas before lighter at equal gaps),
    /// then competencies to get rated, then the open milestones step by step.
    pub actions: Vec<Action>,
    /// The framework's advice on advancing faster.
    pub strategies: Vec<Topic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Grow a competency to the target's expectation.
    Competency,
    /// Get a competency rated: it was not assessed.
    Rate,
    /// Meet an open milestone.
    Milestone,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Action {
    pub kind: ActionKind,
    /// The competency or milestone id.
    pub id: String,
    pub title: String,
    /// The area, or for a milestone the step it belongs to.
    pub context: String,
    pub ranks_short: Option<u8>,
    pub now: Option<String>,
    pub next: Option<String>,
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
        let mut actions: Vec<Action> = gap
            .items
            .iter()
            .map(|item| Action {
                kind: if item.ranks_short.is_some() {
                    ActionKind::Competency
                } else {
                    ActionKind::Rate
                },
                id: item.competency.clone(),
                title: item.name.clone(),
                context: area_name(&item.area),
                ranks_short: item.ranks_short,
                now: item
                    .current_expectation
                    .as_ref()
                    .map(|e| match &item.current_level {
                        Some(l) => format!("{} ({})", e, level(l)),
                        None => e.clone(),
                    }),
                next: Some(format!(
                    "{} ({})",
                    item.target_expectation,
                    level(&gap.target)
                )),
            })
            .collect();
        for step in &gap.milestones {
            for m in &step.open {
                actions.push(Action {
                    kind: ActionKind::Milestone,
                    id: m.id.clone(),
                    title: m.text.clone(),
                    context: format!("{} → {}", level(&step.from), level(&step.to)),
                    ranks_short: None,
                    now: None,
                    next: None,
                });
            }
        }
        let track_name = fw
            .track(&gap.track)
            .map_or(gap.track.clone(), |t| t.name.clone());
        Plan {
            person: a.person.clone(),
            target: gap.target.clone(),
            target_title: level(&gap.target),
            track_name,
            readiness: gap.readiness.clone(),
            actions,
            strategies: fw.guidance().advancement_strategies.clone(),
        }
    }
}

impl Plan {
    /// The plan as a Markdown document.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Development plan: {} → {}\n",
            self.person, self.target_title
        );
        let _ = writeln!(
            out,
            "Target: **{}** on the {} track. Readiness: **{}**.\n",
            self.target_title,
            self.track_name.to_lowercase(),
            self.readiness.name
        );
        for reason in &self.readiness.reasons {
            let _ = writeln!(out, "- {reason}");
        }
        let grow: Vec<&Action> = self
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::Competency)
            .collect();
        let rate: Vec<&Action> = self
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::Rate)
            .collect();
        let milestones: Vec<&Action> = self
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::Milestone)
            .collect();
        let mut section = 0;
        let mut heading = |out: &mut String, title: &str| {
            section += 1;
            let _ = writeln!(out, "\n## {section}. {title}\n");
        };
        if grow.is_empty() && rate.is_empty() {
            heading(&mut out, "Skills");
            let _ = writeln!(
                out,
                "Every competency already meets the {} expectation.",
                self.target_title
            );
        }
        if !grow.is_empty() {
            heading(&mut out, "Close the skill gaps, largest first");
            for (i, a) in grow.iter().enumerate() {
                let short = a
                    .ranks_short
                    .map(|r| count(usize::from(r), "rank", "ranks"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}. **{}** ({}), {short} short",
                    i + 1,
                    a.title,
                    a.context
                );
                if let Some(now) = &a.now {
                    let _ = writeln!(out, "   - Now: {now}");
                }
                if let Some(next) = &a.next {
                    let _ = writeln!(out, "   - Aim: {next}");
                }
            }
        }
        if !rate.is_empty() {
            heading(&mut out, "Get these rated");
            let _ = writeln!(
                out,
                "Not assessed, so they count as short until someone rates them:\n"
            );
            for a in &rate {
                let _ = writeln!(
                    out,
                    "- **{}** ({}): aim for {}",
                    a.title,
                    a.context,
                    a.next.as_deref().unwrap_or_default()
                );
            }
        }
        if !milestones.is_empty() {
            heading(&mut out, "Meet the open milestones");
            let mut step = "";
            for a in &milestones {
                if a.context != step {
                    step = &a.context;
                    let _ = writeln!(out, "\n{step}:\n");
                }
                let _ = writeln!(out, "- [ ] {}", a.title);
            }
        }
        if !self.strategies.is_empty() {
            heading(&mut out, "Ways to move faster");
            for s in &self.strategies {
                let _ = writeln!(out, "- **{}**: {}", s.name, s.summary);
            }
        }
        out
    }
}
