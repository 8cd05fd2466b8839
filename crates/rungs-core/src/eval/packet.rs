//! A promotion packet: everything a promotion discussion needs, gathered from one assessment.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Evaluator, Gap, Outcome, Plan, Versus};
use crate::assessment::{Assessment, MilestoneMet};
use crate::framework::LevelPos;
use crate::path::HeadStart;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Packet {
    pub person: String,
    pub assessor: String,
    pub assessor_kind: String,
    pub date: String,
    pub framework: String,
    pub framework_version: String,
    pub track_name: String,
    pub outcome: Outcome,
    pub target_title: String,
    /// The title of the level operated at, or a phrase when there is none.
    pub level_title: String,
    pub gap: Gap,
    pub plan: Plan,
    /// Milestones met, with their evidence and the text of each.
    pub milestones_met: Vec<MetMilestone>,
    /// A second assessment of the same person, compared, when one is given.
    pub versus: Option<Versus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetMilestone {
    pub id: String,
    pub text: String,
    pub evidence: Option<String>,
}

impl Evaluator<'_> {
    /// The packet for promoting the assessed person to `target`.
    pub fn packet(&self, a: &Assessment, target: LevelPos, versus: Option<Versus>) -> Packet {
        let fw = self.fw;
        let gap = self.gap(a, target);
        let plan = self.plan_from(a, &gap);
        let outcome = self.outcome(a);
        let text_of = |m: &MilestoneMet| {
            fw.moves()
                .iter()
                .flat_map(|mv| &mv.milestones)
                .find(|x| x.id == m.id)
                .map_or(m.id.clone(), |x| x.text.clone())
        };
        Packet {
            person: a.person.clone(),
            assessor: a.assessor.name.clone(),
            assessor_kind: a.assessor.kind.as_str().to_owned(),
            date: a.date.to_string(),
            framework: fw.name().to_owned(),
            framework_version: fw.version().to_owned(),
            track_name: fw
                .track(&a.track)
                .map_or(a.track.clone(), |t| t.name.clone()),
            level_title: match &outcome.level {
                Some(id) => fw.level(id).map_or(id.clone(), |l| l.title.clone()),
                None if outcome.rank == Some(0) => "below the first level".to_owned(),
                None => "not enough rated to place".to_owned(),
            },
            outcome,
            target_title: fw.level_at(target).title.clone(),
            gap,
            plan,
            milestones_met: a
                .milestones
                .iter()
                .map(|m| MetMilestone {
                    id: m.id.clone(),
                    text: text_of(m),
                    evidence: m.evidence.clone(),
                })
                .collect(),
            versus,
        }
    }

    /// How far along the first rung towards `next` the assessed person already is: the share of
    /// the rung's usual time still to go, from the share of competencies short of `next` and,
    /// where the step lists milestones, the share still open (the average of the two).
    pub fn head_start(&self, a: &Assessment, next: LevelPos) -> HeadStart {
        let gap = self.gap(a, next);
        let r = &gap.readiness;
        let has_milestones = gap
            .milestones
            .iter()
            .any(|s| !s.open.is_empty() || !s.met.is_empty());
        let remaining = if has_milestones {
            (r.short_share + r.open_milestone_share) / 2.0
        } else {
            r.short_share
        };
        let next_title = &self.fw.level_at(next).short_title;
        let reason = if has_milestones {
            format!(
                "{:.0}% of competencies short of {next_title} and {:.0}% of its milestones open: about {:.0}% of the first rung to go",
                r.short_share * 100.0,
                r.open_milestone_share * 100.0,
                remaining * 100.0
            )
        } else {
            format!(
                "{:.0}% of competencies short of {next_title}: about {:.0}% of the first rung to go",
                r.short_share * 100.0,
                remaining * 100.0
            )
        };
        HeadStart { remaining, reason }
    }
}

impl Packet {
    /// The packet as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Promotion packet: {} → {}\n",
            self.person, self.target_title
        );
        let _ = writeln!(out, "| | |\n|---|---|");
        let _ = writeln!(out, "| Person | {} |", self.person);
        let _ = writeln!(
            out,
            "| Assessed by | {} ({}), {} |",
            self.assessor, self.assessor_kind, self.date
        );
        let _ = writeln!(
            out,
            "| Framework | {} {} |",
            self.framework, self.framework_version
        );
        let _ = writeln!(out, "| Track | {} |", self.track_name);
        let _ = writeln!(out, "| Operates at | {} |", self.level_title);
        let _ = writeln!(out, "| Target | {} |", self.target_title);
        let _ = writeln!(out, "| Readiness | **{}** |", self.gap.readiness.name);

        let _ = writeln!(out, "\n## Level\n");
        for line in &self.outcome.explanation {
            let _ = writeln!(out, "- {line}");
        }

        let _ = writeln!(out, "\n## Evidence by competency\n");
        let _ = writeln!(out, "| Competency | Rating | Evidence |\n|---|---|---|");
        for c in &self.outcome.per_competency {
            let evidence = c
                .evidence
                .as_deref()
                .unwrap_or("")
                .replace('|', "\\|")
                .replace('\n', " ");
            let _ = writeln!(out, "| {} | {} | {} |", c.name, c.rating, evidence);
        }

        let _ = writeln!(out, "\n## Milestones\n");
        if self.milestones_met.is_empty() {
            let _ = writeln!(out, "No milestones recorded as met.");
        }
        for m in &self.milestones_met {
            match &m.evidence {
                Some(e) => {
                    let _ = writeln!(out, "- [x] {}: {e}", m.text);
                }
                None => {
                    let _ = writeln!(out, "- [x] {}", m.text);
                }
            }
        }
        for step in &self.gap.milestones {
            for m in &step.open {
                let _ = writeln!(out, "- [ ] {} ({} → {})", m.text, step.from, step.to);
            }
        }

        let _ = writeln!(out, "\n## Gaps to {}\n", self.target_title);
        if self.gap.items.is_empty() {
            let _ = writeln!(
                out,
                "Every competency meets the {} expectation.",
                self.target_title
            );
        } else {
            let _ = writeln!(
                out,
                "| Competency | Now | {} |\n|---|---|---|",
                self.target_title
            );
            for item in &self.gap.items {
                let now =
                    item.current_expectation
                        .as_deref()
                        .unwrap_or(if item.ranks_short.is_none() {
                            "not assessed"
                        } else {
                            "below the first level"
                        });
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    item.name, now, item.target_expectation
                );
            }
        }
        for reason in &self.gap.readiness.reasons {
            let _ = writeln!(out, "\n{reason}");
        }

        if let Some(v) = &self.versus {
            let _ = writeln!(
                out,
                "\n## {} ({}) and {} ({})\n",
                v.first.assessor, v.first.kind, v.second.assessor, v.second.kind
            );
            if v.differences.is_empty() {
                let _ = writeln!(
                    out,
                    "The two assessments agree within a level on every competency."
                );
            } else {
                let _ = writeln!(
                    out,
                    "| Competency | {} | {} |\n|---|---|---|",
                    v.first.kind, v.second.kind
                );
                for d in &v.differences {
                    let _ = writeln!(out, "| {} | {} | {} |", d.name, d.first, d.second);
                }
            }
        }

        let _ = writeln!(out, "\n## Plan\n");
        let plan = self.plan.to_markdown();
        // The plan's own title and readiness are already above; keep its sections.
        let body = plan.find("\n## ").map_or(plan.as_str(), |i| &plan[i + 1..]);
        out.push_str(&body.replace("\n## ", "\n### ").replacen("## ", "### ", 1));
        out
    }
}
