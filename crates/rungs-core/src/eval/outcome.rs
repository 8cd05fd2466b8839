//! The level a person operates at, explained line by line.

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
    /// The rank operated at; 0 is below the first level; `None` when too little is rated.
    pub rank: Option<u8>,
    /// The level operated at, on the person's track's ladder.
    pub level: Option<String>,
    pub per_competency: Vec<CompetencyResult>,
    pub areas: Vec<AreaResult>,
    /// The next rung up on the person's ladder, if there is one.
    pub next_level: Option<String>,
    /// Competencies that keep the person below the next level.
    pub holding: Vec<String>,
    /// Competencies already at the next level or above.
    pub reaching_next: Vec<String>,
    /// The reasoning, one sentence per line.
    pub explanation: Vec<String>,
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

    pub(super) fn outcome_of(&self, p: &Profile, a: &Assessment) -> Outcome {
        let fw = self.fw;
        let t = p.track;
        let track = &fw.tracks()[t];
        let comps: Vec<_> = fw.competencies().collect();
        let eff: Vec<Option<u8>> = (0..comps.len())
            .map(|c| self.effective(t, c, p.codes[c]))
            .collect();
        let per_competency: Vec<CompetencyResult> = comps
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
            .collect();
        let areas: Vec<AreaResult> = fw
            .areas()
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
            .collect();
        let rank = areas.iter().filter_map(|a| a.rank).min();
        let level = rank.and_then(|r| self.level_at(t, r));
        let ladder = &self.tables.ladders[t];
        let next = rank.and_then(|r| self.ladder(t).find(|&l| self.rank_of(l) > r));

        let mut lines = Vec::new();
        if track.shared {
            lines.push(format!(
                "Rated on the {} ({}); levels past the split need a track.",
                track.name.to_lowercase(),
                track.id
            ));
        } else {
            lines.push(format!(
                "Rated on the {} track ({}): above the split, ratings are read against its expectations.",
                track.name.to_lowercase(),
                track.id
            ));
        }
        // Ratings at a level off this ladder that count for less here.
        for (c, (_, comp)) in comps.iter().enumerate() {
            let code = p.codes[c];
            if code == NOT_ASSESSED || code == 0 {
                continue;
            }
            let rated = LevelPos::at(usize::from(code - 1));
            let worth = eff[c].unwrap_or(0);
            if !self.on_ladder(t, rated) && worth < self.rank_of(rated) {
                let here = self
                    .ladder(t)
                    .find(|&l| self.rank_of(l) == self.rank_of(rated));
                let why = match here {
                    Some(h) => format!(
                        ", because the {} expectation differs (\"{}\")",
                        self.name(Some(h)),
                        fw.expectation_at(comp, h)
                    ),
                    None => format!(", the top of the {} ladder", track.name.to_lowercase()),
                };
                lines.push(format!(
                    "{} is rated {}; on this track that counts as {}{why}.",
                    comp.name,
                    self.name(Some(rated)),
                    self.name(self.level_at(t, worth))
                ));
            }
        }
        for (area, info) in areas.iter().zip(&self.tables.areas) {
            let Some(r) = area.rank else {
                lines.push(format!(
                    "{}: not counted: {} of {} competencies rated, {} needed.",
                    area.name, area.rated, area.total, info.min_rated
                ));
                continue;
            };
            let at = (info.start..info.start + info.len)
                .filter(|&c| eff[c].is_some_and(|e| e >= r))
                .count();
            let lowest = (info.start..info.start + info.len)
                .filter(|&c| eff[c].is_some())
                .min_by_key(|&c| eff[c]);
            let lowest_note = lowest
                .filter(|&c| eff[c].is_some_and(|e| e < r))
                .map(|c| {
                    format!(
                        "; the lowest, {} ({}), is within {}",
                        comps[c].1.name,
                        self.name(self.level_at(t, eff[c].unwrap_or(0))),
                        count(usize::from(self.tables.max_shortfall), "rank", "ranks")
                    )
                })
                .unwrap_or_default();
            if r == 0 {
                lines.push(format!(
                    "{}: {}: too few competencies reach the first level.",
                    area.name,
                    self.name(None)
                ));
            } else {
                lines.push(format!(
                    "{}: {}, with {} of {} rated competencies at {} or above ({} needed){lowest_note}.",
                    area.name,
                    self.name(self.level_at(t, r)),
                    at,
                    area.rated,
                    self.name(self.level_at(t, r)),
                    area.needed
                ));
            }
        }
        match rank {
            None => lines
                .push("Overall: not enough of the profile is rated to place a level.".to_owned()),
            Some(0) => lines.push(format!("Overall: {}.", self.name(None))),
            Some(_) => lines.push(format!(
                "Overall: {}, the highest level every area reaches.",
                self.name(level)
            )),
        }

        let mut holding = Vec::new();
        let mut reaching_next = Vec::new();
        if let Some(n) = next {
            let nr = self.rank_of(n);
            let next_name = self.name(Some(n));
            for (area, info) in areas.iter().zip(&self.tables.areas) {
                if area.rank.is_none_or(|r| r >= nr) {
                    continue;
                }
                let range = info.start..info.start + info.len;
                let at = range
                    .clone()
                    .filter(|&c| eff[c].is_some_and(|e| e >= nr))
                    .count();
                let short: Vec<usize> = range
                    .clone()
                    .filter(|&c| eff[c].is_some_and(|e| e < nr))
                    .collect();
                let far: Vec<usize> = short
                    .iter()
                    .copied()
                    .filter(|&c| {
                        eff[c].is_some_and(|e| e.saturating_add(self.tables.max_shortfall) < nr)
                    })
                    .collect();
                let named = |cs: &[usize]| {
                    let mut out = String::new();
                    for (i, &c) in cs.iter().enumerate() {
                        let sep = if i == 0 { "" } else { ", " };
                        let level = self.name(self.level_at(t, eff[c].unwrap_or(0)));
                        let _ = write!(out, "{sep}{} ({level})", comps[c].1.name);
                    }
                    out
                };
                let mut sentence = format!(
                    "Holding you below {next_name}: in {}, {} of {} rated competencies are at {next_name} or above and {} are needed; below it: {}.",
                    area.name,
                    at,
                    area.rated,
                    area.needed,
                    named(&short)
                );
                if !far.is_empty() {
                    sentence.push_str(&format!(
                        " More than {} below {next_name}: {}.",
                        count(usize::from(self.tables.max_shortfall), "rank", "ranks"),
                        named(&far)
                    ));
                }
                lines.push(sentence);
                holding.extend(short.iter().map(|&c| comps[c].1.id.clone()));
            }
            let ahead: Vec<usize> = (0..comps.len())
                .filter(|&c| eff[c].is_some_and(|e| e >= nr))
                .collect();
            if !ahead.is_empty() {
                let names: Vec<&str> = ahead.iter().map(|&c| comps[c].1.name.as_str()).collect();
                lines.push(format!(
                    "Already at {next_name} or above: {}.",
                    names.join(", ")
                ));
            }
            reaching_next = ahead.iter().map(|&c| comps[c].1.id.clone()).collect();
        } else if let Some(l) = level {
            if track.shared
                && self
                    .tables
                    .ladders
                    .iter()
                    .any(|other| other.top > ladder.top)
            {
                lines.push(format!(
                    "{} is the top of the {}; choose a track to go further.",
                    self.name(Some(l)),
                    track.name.to_lowercase()
                ));
            } else {
                lines.push(format!("{} is the top of this ladder.", self.name(Some(l))));
            }
        }
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
            rank,
            level: self.id(level),
            per_competency,
            areas,
            next_level: self.id(next),
            holding,
            reaching_next,
            explanation: lines,
        }
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
