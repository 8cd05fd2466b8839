//! A promotion packet: the case for promoting a person, as a committee reads it. Names rather
//! than ids, written about the person rather than to them, with the evidence (and where it is
//! missing), the self and manager ratings side by side, the milestones, what else separates the
//! levels, and a place for the manager's statement and the sign-off.

use serde::Serialize;

use super::{Evaluator, Gap, Outcome, Readiness, Versus, kind_name};
use crate::assessment::{Assessment, AssessorKind, Rating};
use crate::browse::Difference;
use crate::framework::LevelPos;
use crate::path::HeadStart;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Packet {
    pub person: String,
    pub framework: String,
    pub framework_version: String,
    pub track_name: String,
    /// The title of the level held, when the assessment records one.
    pub held_title: Option<String>,
    /// The level the ratings show, or a phrase when there is none.
    pub shown_title: String,
    pub target: String,
    pub target_title: String,
    /// The level held beside the level shown, about the person: "Ada Lovelace holds Senior PM,
    /// and the ratings show Senior PM."
    pub verdict: String,
    /// What the gap to the target comes to, in a sentence.
    pub summary: String,
    pub readiness: Readiness,
    /// The assessments read, the one the packet stands on first (a manager's where there is one).
    pub assessments: Vec<PacketAssessment>,
    /// One row per competency, in framework order, with each assessment's rating side by side.
    pub competencies: Vec<PacketRow>,
    /// The rungs of the person's ladder by rank, 0 being below the first level: the chart's axis.
    pub ranks: Vec<String>,
    /// Competencies with no evidence recorded in any assessment read.
    pub evidence_missing: Vec<String>,
    /// The milestones on the way, met (with their evidence) and open.
    pub milestones: Vec<PacketStep>,
    /// Milestones recorded as met that are not on the way to the target.
    pub other_milestones_met: Vec<MetMilestone>,
    /// What separates the level held and the target besides skills.
    pub facts: Vec<Difference<String>>,
    pub responsibilities: Vec<Difference<Vec<String>>>,
    /// The competencies the person's plan puts first, should the answer be "not yet".
    pub focus: Vec<String>,
    /// Where two assessments are compared: the competencies a rank or more apart.
    pub versus: Option<Versus>,
    pub outcome: Outcome,
    pub gap: Gap,
}

/// An assessment the packet reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketAssessment {
    pub kind: String,
    /// "Self-assessment", "Manager's assessment".
    pub kind_name: String,
    pub assessor: String,
    pub date: String,
    /// The level its ratings show.
    pub shown_title: String,
}

/// One competency in the packet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketRow {
    pub competency: String,
    pub name: String,
    pub area_name: String,
    /// One rating per assessment, in the order of [`Packet::assessments`].
    pub ratings: Vec<PacketRating>,
    /// The rank the target's bar is at for this competency.
    pub target_rank: u8,
    pub target_expectation: String,
    /// Whether the assessment the packet stands on meets the target's bar.
    pub meets_target: bool,
    /// Whether two assessments are a rank or more apart here.
    pub apart: bool,
    /// The evidence each assessment records for it; empty when none does.
    pub evidence: Vec<PacketEvidence>,
}

/// Evidence one assessment records for a competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketEvidence {
    /// The assessment's kind name, as in [`PacketAssessment::kind_name`].
    pub by: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketRating {
    /// The level's short title, "Below the first level" or "Not assessed".
    pub title: String,
    /// What it is worth on the person's ladder; none when not assessed.
    pub rank: Option<u8>,
}

/// The milestones of one step on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketStep {
    pub from_title: String,
    pub to_title: String,
    pub met: Vec<MetMilestone>,
    pub open: Vec<MetMilestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetMilestone {
    pub id: String,
    pub text: String,
    pub evidence: Option<String>,
}

/// A sentence with its first letter made lower case, to follow a name.
fn after_name(name: &str, sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(c) => format!("{name} {}{}", c.to_lowercase(), chars.as_str()),
        None => name.to_owned(),
    }
}

impl Evaluator<'_> {
    /// The packet for promoting the assessed person to `target`, with a second assessment of
    /// the same person (self beside manager) when one is given.
    pub fn packet(
        &self,
        a: &Assessment,
        target: LevelPos,
        other: Option<&Assessment>,
    ) -> Result<Packet, super::DifferentPeople> {
        let fw = self.fw;
        let versus = match other {
            Some(b) => Some(self.versus(a, b)?),
            None => None,
        };
        let gap = self.gap(a, target);
        let plan = self.plan_from(a, &gap);
        let outcome = self.outcome(a);
        let level_title = |id: &str| {
            fw.level(id)
                .map_or(id.to_owned(), |l| l.short_title.clone())
        };
        let shown = |o: &Outcome| match &o.level {
            Some(id) => level_title(id),
            None if o.rank == Some(0) => "below the first level".to_owned(),
            None => "not enough rated to place".to_owned(),
        };
        // The assessments, self before manager when both are read.
        let mut read: Vec<&Assessment> = vec![a];
        read.extend(other);
        read.sort_by_key(|x| match x.assessor.kind {
            AssessorKind::Own => 0,
            AssessorKind::Manager => 1,
            AssessorKind::Peer => 2,
        });
        let p = self.profile(a);
        let t = self.judging_track(p.track, target);
        let profiles: Vec<super::Profile> = read.iter().map(|x| self.profile(x)).collect();
        let assessments: Vec<PacketAssessment> = read
            .iter()
            .map(|x| PacketAssessment {
                kind: x.assessor.kind.as_str().to_owned(),
                kind_name: kind_name(x.assessor.kind).to_owned(),
                assessor: x.assessor.name.clone(),
                date: x.date.to_string(),
                shown_title: shown(&self.outcome(x)),
            })
            .collect();
        let competencies: Vec<PacketRow> = fw
            .competencies()
            .enumerate()
            .map(|(c, (area, comp))| {
                let ratings: Vec<PacketRating> = read
                    .iter()
                    .zip(&profiles)
                    .map(|(x, px)| {
                        let rank = self.effective(t, c, px.codes[c]);
                        let title = x
                            .rating(&comp.id)
                            .map_or(Rating::NotAssessed, |r| r.rating.clone())
                            .words(fw);
                        PacketRating { title, rank }
                    })
                    .collect();
                let ranks: Vec<u8> = ratings.iter().filter_map(|r| r.rank).collect();
                let apart = ranks.len() > 1
                    && ranks.iter().max().unwrap_or(&0) != ranks.iter().min().unwrap_or(&0);
                let bar = self.bar(t, c, target);
                PacketRow {
                    competency: comp.id.clone(),
                    name: comp.name.clone(),
                    area_name: area.name.clone(),
                    ratings,
                    target_rank: bar,
                    target_expectation: fw.expectation_at(comp, target).to_owned(),
                    meets_target: self.effective(t, c, p.codes[c]).is_some_and(|e| e >= bar),
                    apart,
                    evidence: read
                        .iter()
                        .filter_map(|x| {
                            let text = x.rating(&comp.id)?.evidence.as_deref()?.trim();
                            (!text.is_empty()).then(|| PacketEvidence {
                                by: kind_name(x.assessor.kind).to_owned(),
                                text: text.to_owned(),
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        let evidence_missing = competencies
            .iter()
            .filter(|r| r.evidence.is_empty())
            .map(|r| r.name.clone())
            .collect();
        let ranks = self.rating_chart(&read, target).ranks;
        let (milestones, other_milestones_met) = self.packet_milestones(a, &gap);
        Ok(Packet {
            person: a.person.clone(),
            framework: fw.name().to_owned(),
            framework_version: fw.version().to_owned(),
            track_name: fw
                .track(&a.track)
                .map_or(a.track.clone(), |t| t.name.clone()),
            held_title: outcome.held.as_deref().map(level_title),
            shown_title: shown(&outcome),
            target: fw.level_at(target).id.clone(),
            target_title: fw.level_at(target).short_title.clone(),
            verdict: after_name(&a.person, &outcome.verdict),
            summary: gap.summary.clone(),
            readiness: gap.readiness.clone(),
            assessments,
            competencies,
            ranks,
            evidence_missing,
            milestones,
            other_milestones_met,
            facts: gap.facts.clone(),
            responsibilities: gap.responsibilities.clone(),
            focus: plan.focus.iter().map(|f| f.name.clone()).collect(),
            versus,
            outcome,
            gap,
        })
    }

    /// The milestones of the step, met (with their evidence) or open, and the others met.
    fn packet_milestones(&self, a: &Assessment, gap: &Gap) -> (Vec<PacketStep>, Vec<MetMilestone>) {
        let fw = self.fw;
        let evidence_of = |id: &str| {
            a.milestones
                .iter()
                .find(|m| m.id == id)
                .and_then(|m| m.evidence.clone())
        };
        let on_the_way: Vec<&str> = gap
            .milestones
            .iter()
            .flat_map(|s| s.met.iter().chain(&s.open))
            .map(|m| m.id.as_str())
            .collect();
        let milestones = gap
            .milestones
            .iter()
            .map(|s| PacketStep {
                from_title: s.from_title.clone(),
                to_title: s.to_title.clone(),
                met: s
                    .met
                    .iter()
                    .map(|m| MetMilestone {
                        id: m.id.clone(),
                        text: m.text.clone(),
                        evidence: evidence_of(&m.id),
                    })
                    .collect(),
                open: s
                    .open
                    .iter()
                    .map(|m| MetMilestone {
                        id: m.id.clone(),
                        text: m.text.clone(),
                        evidence: None,
                    })
                    .collect(),
            })
            .collect();
        let other_milestones_met = a
            .milestones
            .iter()
            .filter(|m| !on_the_way.contains(&m.id.as_str()))
            .map(|m| MetMilestone {
                id: m.id.clone(),
                text: fw
                    .moves()
                    .iter()
                    .flat_map(|mv| &mv.milestones)
                    .find(|x| x.id == m.id)
                    .map_or(m.id.clone(), |x| x.text.clone()),
                evidence: m.evidence.clone(),
            })
            .collect();
        (milestones, other_milestones_met)
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
    /// The title a committee reads first.
    pub fn title(&self) -> String {
        match &self.held_title {
            Some(h) => format!(
                "Promotion case: {}, {h} → {}",
                self.person, self.target_title
            ),
            None => format!("Promotion case: {} → {}", self.person, self.target_title),
        }
    }

    /// How many competencies have evidence, in a sentence; flags the gap when some have none.
    pub fn evidence_note(&self) -> String {
        let total = self.competencies.len();
        let missing = self.evidence_missing.len();
        match missing {
            0 => format!("Evidence is recorded for all {total} competencies."),
            m if m == total => format!(
                "No evidence is recorded for any of the {total} competencies: the ratings stand unsupported."
            ),
            m => format!(
                "Evidence is recorded for {} of {total} competencies; {m} have none, flagged below.",
                total - m
            ),
        }
    }

    /// Where the assessments differ, in a sentence, when two are read.
    pub fn agreement_note(&self) -> Option<String> {
        let v = self.versus.as_ref()?;
        let kinds: Vec<&str> = self
            .assessments
            .iter()
            .map(|a| a.kind_name.as_str())
            .collect();
        Some(if v.differences.is_empty() {
            format!(
                "The {} agree within a level on every competency.",
                crate::words::and_list(&kinds).to_lowercase()
            )
        } else {
            let names: Vec<&str> = v.differences.iter().map(|d| d.name.as_str()).collect();
            format!(
                "The {} differ by a rank or more on {} ({}), marked ≠ below.",
                crate::words::and_list(&kinds).to_lowercase(),
                crate::words::count(names.len(), "competency", "competencies"),
                crate::words::and_list(&names)
            )
        })
    }
}
