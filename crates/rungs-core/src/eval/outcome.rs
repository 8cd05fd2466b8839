//! The level a person operates at, explained line by line.

mod explain;
use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Evaluator, NOT_ASSESSED, Profile, count};
use crate::assessment::{Assessment, Rating};
use crate::framework::LevelPos;

/// The level rule applied to one assessment, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    pub track: String,
    /// The level the person holds, as the assessment records it.
    pub held: Option<String>,
    /// The rank the ratings show; 0 is below the first level; `None` when too little is rated.
    pub rank: Option<u8>,
    /// The level the ratings show, on the person's track's ladder.
    pub level: Option<String>,
    /// The level held and the level shown, in plain words, first: "Holds PM; the ratings show
    /// Associate PM: in Execution, 2 of 5 are below the PM bar (…)".
    pub verdict: String,
    /// Competencies below the bar of the level held, with the level each meets now.
    pub below_held: Vec<BelowBar>,
    pub per_competency: Vec<CompetencyResult>,
    pub areas: Vec<AreaResult>,
    /// The next rung: from the level held (or, without one, the level shown), by the
    /// framework's promotions. Two where the ladder splits and no track is chosen; none at the top.
    pub next_levels: Vec<String>,
    /// Competencies that keep the ratings below the next rung under the level rule: those below
    /// its bar in an area that does not reach it.
    pub holding: Vec<String>,
    /// Competencies already at the next rung or above.
    pub reaching_next: Vec<String>,
    /// The reasoning, one sentence per line.
    pub explanation: Vec<String>,
}

/// A competency below the bar of the level a person holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BelowBar {
    pub competency: String,
    pub name: String,
    pub area: String,
    /// The level it meets now; none when below the first level or not assessed.
    pub level: Option<String>,
    /// Not assessed at all.
    pub not_assessed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyResult {
    pub competency: String,
    pub name: String,
    pub area: String,
    pub rating: Rating,
    /// What the rating is worth on the person's ladder; `None` when not assessed.
    pub effective_rank: Option<u8>,
    /// The level met, on the person's ladder; `None` when below the first level or not assessed.
    pub level: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaResult {
    pub area: String,
    pub name: String,
    pub rated: usize,
    pub total: usize,
    /// Whether enough of the area is rated for it to count.
    pub counted: bool,
    /// The competencies at a level needed for the area to reach it, with this many rated.
    pub needed: usize,
    pub rank: Option<u8>,
    pub level: Option<String>,
}

impl Evaluator<'_> {
    /// Applies the level rule to an assessment and explains the result.
    pub fn outcome(&self, a: &Assessment) -> Outcome {
        let p = self.profile(a);
        self.outcome_of(&p, a)
    }

    fn name(&self, level: Option<LevelPos>) -> Cow<'_, str> {
        match level {
            Some(i) => Cow::Borrowed(&self.fw.level_at(i).short_title),
            None => Cow::Owned(format!(
                "below {}",
                self.fw
                    .ladder()
                    .first()
                    .map_or("the first level", |l| l.short_title.as_str())
            )),
        }
    }

    fn id(&self, level: Option<LevelPos>) -> Option<String> {
        level.map(|i| self.fw.level_at(i).id.clone())
    }

    /// The level held beside the level shown, in a sentence or two.
    fn verdict(
        &self,
        held: Option<LevelPos>,
        level: Option<LevelPos>,
        rank: Option<u8>,
        areas: &[AreaResult],
        below: &[BelowBar],
    ) -> String {
        let shown = match rank {
            None => {
                return match held {
                    Some(h) => format!(
                        "Holds {}; too little is rated to say what level the ratings show.",
                        self.name(Some(h))
                    ),
                    None => "Too little is rated to say what level the ratings show.".to_owned(),
                };
            }
            Some(_) => self.name(level),
        };
        let Some(h) = held else {
            return format!(
                "The ratings show {shown}; the assessment does not say which level is held."
            );
        };
        let held_name = self.name(Some(h));
        let shown_rank = rank.unwrap_or(0);
        let held_rank = self.rank_of(h);
        if shown_rank == held_rank {
            return format!("Holds {held_name}, and the ratings show {held_name}.");
        }
        if shown_rank > held_rank {
            return format!("Holds {held_name}; the ratings show {shown}, above the level held.");
        }
        let mut parts = Vec::new();
        for area in areas {
            let in_area: Vec<&BelowBar> = below.iter().filter(|b| b.area == area.area).collect();
            if in_area.is_empty() {
                continue;
            }
            let named: Vec<String> = in_area
                .iter()
                .map(|b| {
                    let now = match (&b.level, b.not_assessed) {
                        (_, true) => "not assessed".to_owned(),
                        (Some(l), _) => self
                            .fw
                            .level(l)
                            .map_or(l.clone(), |x| x.short_title.clone()),
                        (None, _) => self.name(None).into_owned(),
                    };
                    format!("{} ({now})", b.name)
                })
                .collect();
            parts.push(format!(
                "in {}, {} of {} {} below the {held_name} bar: {}",
                area.name,
                in_area.len(),
                area.total,
                if in_area.len() == 1 { "is" } else { "are" },
                named.join(", ")
            ));
        }
        let mut text = format!("Holds {held_name}; the ratings show {shown}");
        if parts.is_empty() {
            text.push('.');
        } else {
            text.push_str(": ");
            text.push_str(&parts.join("; "));
            text.push('.');
        }
        text
    }

    pub(super) fn outcome_of(&self, p: &Profile, a: &Assessment) -> Outcome {
        let fw = self.fw;
        let t = p.track;
        let track = &fw.tracks()[t];
        let comps: Vec<_> = fw.competencies().collect();
        let eff: Vec<Option<u8>> = (0..comps.len())
            .map(|c| self.effective(t, c, p.codes[c]))
            .collect();
        let r = Read {
            t,
            comps: &comps,
            eff: &eff,
        };
        let per_competency = self.per_competency(&r, a);
        let areas = self.area_results(p);
        let rank = areas.iter().filter_map(|a| a.rank).min();
        let level = rank.and_then(|r| self.level_at(t, r));
        let held = a.current_level.as_deref().and_then(|id| fw.level_pos(id));
        // The next rung follows from the level held; without one, from the level shown; below
        // the first level, it is the first level.
        let start = held.or(level);
        let nexts: Vec<LevelPos> = match start.map(|s| self.next_rung(s, t)) {
            Some(super::NextRung::One(n)) => vec![n],
            Some(super::NextRung::Split(ns)) => ns,
            Some(super::NextRung::Top) => Vec::new(),
            None if rank == Some(0) => self.ladder(t).next().into_iter().collect(),
            None => Vec::new(),
        };
        let mut lines = vec![track_line(track)];
        self.off_ladder_lines(&r, &p.codes, &track.name, &mut lines);
        self.area_lines(&r, &areas, &mut lines);
        lines.push(self.overall_line(rank, level));
        let below_held = self.below_held(&r, held);
        let verdict = self.verdict(held, level, rank, &areas, &below_held);
        lines.insert(0, verdict.clone());
        let (holding, reaching_next) = self.next_rung_lines(&r, &areas, &nexts, start, &mut lines);
        let not_rated = per_competency
            .iter()
            .filter(|c| c.effective_rank.is_none())
            .count();
        if not_rated > 0 {
            lines.push(format!(
                "{} not assessed and left out of the rule.",
                count(not_rated, "competency is", "competencies are")
            ));
        }
        Outcome {
            track: track.id.clone(),
            held: self.id(held),
            rank,
            level: self.id(level),
            verdict,
            below_held,
            per_competency,
            areas,
            next_levels: nexts.iter().map(|&n| fw.level_at(n).id.clone()).collect(),
            holding,
            reaching_next,
            explanation: lines,
        }
    }

    /// Each competency's rating, the rank it counts for on this track and its evidence.
    fn per_competency(&self, r: &Read<'_>, a: &Assessment) -> Vec<CompetencyResult> {
        let (t, comps, eff) = (r.t, r.comps, r.eff);
        comps
            .iter()
            .enumerate()
            .map(|(c, (area, comp))| {
                // A loaded assessment holds its ratings in framework order.
                let rated = a
                    .ratings
                    .get(c)
                    .filter(|r| r.competency == comp.id)
                    .or_else(|| a.rating(&comp.id));
                CompetencyResult {
                    competency: comp.id.clone(),
                    name: comp.name.clone(),
                    area: area.id.clone(),
                    rating: rated.map_or(Rating::NotAssessed, |r| r.rating.clone()),
                    effective_rank: eff[c],
                    level: eff[c].and_then(|e| self.id(self.level_at(t, e))),
                    evidence: rated.and_then(|r| r.evidence.clone()),
                }
            })
            .collect()
    }

    /// Each area's reach under the level rule.
    fn area_results(&self, p: &Profile) -> Vec<AreaResult> {
        let (fw, t) = (self.fw, p.track);
        fw.areas()
            .iter()
            .zip(&self.tables.areas)
            .map(|(area, info)| {
                let rated = p.codes[info.start..info.start + info.len]
                    .iter()
                    .filter(|&&c| c != NOT_ASSESSED)
                    .count();
                let rank = self.area_reach(t, &p.codes, info);
                AreaResult {
                    area: area.id.clone(),
                    name: area.name.clone(),
                    rated,
                    total: info.len,
                    counted: rank.is_some(),
                    needed: info.need[rated],
                    rank,
                    level: rank.and_then(|r| self.id(self.level_at(t, r))),
                }
            })
            .collect()
    }
}

/// What the level rule reads of one assessment: the track, the competencies in framework
/// order, and the rank each rating counts for on the track.
struct Read<'a> {
    t: usize,
    comps: &'a [(&'a crate::framework::Area, &'a crate::framework::Competency)],
    eff: &'a [Option<u8>],
}

/// The first line: which ladder the ratings are read against.
fn track_line(track: &crate::framework::Track) -> String {
    if track.shared {
        format!(
            "Rated on the {} ({}); levels past the split need a track.",
            track.name.to_lowercase(),
            track.id
        )
    } else {
        format!(
            "Rated on the {} track ({}): above the split, ratings are read against its expectations.",
            track.name.to_lowercase(),
            track.id
        )
    }
}

/// An assessment's outcome with who and when, as `rungs assess --json` and the API's
/// evaluation give it, and the comparison with a second assessment if there is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessed {
    pub person: String,
    pub date: crate::Date,
    pub assessor: crate::assessment::Assessor,
    #[serde(flatten)]
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versus: Option<super::Versus>,
}

impl Evaluator<'_> {
    /// The level rule applied to an assessment, with who and when.
    pub fn assessed(&self, a: &Assessment, versus: Option<super::Versus>) -> Assessed {
        Assessed {
            person: a.person.clone(),
            date: a.date,
            assessor: a.assessor.clone(),
            outcome: self.outcome(a),
            versus,
        }
    }
}

/// "the shared ladder", "the individual contributor ladder": a track's ladder by its name,
/// without saying "ladder" twice.
pub(crate) fn ladder_phrase(track_name: &str) -> String {
    let name = track_name.to_lowercase();
    if name.ends_with("ladder") {
        format!("the {name}")
    } else {
        format!("the {name} ladder")
    }
}

impl Outcome {
    /// The verdict in one short sentence for the top of a page (the full `verdict` and
    /// `explanation` say which competencies and why): the level the ratings show beside the
    /// level held, and how many competencies sit under the held level's bar.
    pub fn headline(&self, fw: &crate::Framework) -> String {
        let title = |id: &str| {
            fw.level(id)
                .map_or_else(|| id.to_owned(), |l| l.short_title.clone())
        };
        let shown = match &self.level {
            Some(l) => title(l),
            None if self.rank == Some(0) => "less than the first level".to_owned(),
            None => return "Too few competencies are rated to show a level.".to_owned(),
        };
        let Some(held) = self.held.as_deref().and_then(|h| fw.level(h)) else {
            return format!("The ratings show {shown}.");
        };
        let below = self.below_held.len();
        match self.rank.map(|r| i64::from(r) - held.rank as i64) {
            Some(0) if below == 0 => {
                format!(
                    "The ratings show {shown}, the level held, with every competency at its bar."
                )
            }
            Some(0) => format!(
                "The ratings show {shown}, the level held; {} under its bar.",
                count(below, "competency sits", "competencies sit")
            ),
            Some(d) if d > 0 => format!(
                "The ratings show {shown}, above the {} held.",
                held.short_title
            ),
            _ => format!(
                "The ratings show {shown}, below the {} held: {} under its bar.",
                held.short_title,
                count(below, "competency sits", "competencies sit")
            ),
        }
    }
}
