//! The figures behind a competency chart: each competency's ratings, as ranks on the person's
//! ladder, beside the bar of the level held and of a target. One home for the pictures of the
//! packet and the pages.

use serde::Serialize;

use super::Evaluator;
use crate::assessment::{Assessment, AssessorKind};
use crate::framework::LevelPos;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingChart {
    /// The rungs of the ladder by rank, 0 being below the first level.
    pub ranks: Vec<String>,
    /// One name per series of ratings: "Self-assessment", "Manager's assessment".
    pub series: Vec<String>,
    pub held: Option<String>,
    pub target: String,
    pub rows: Vec<ChartRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartRow {
    pub competency: String,
    pub name: String,
    /// One rank per series; none when not assessed.
    pub ratings: Vec<Option<u8>>,
    /// The bar of the level held (0 when none is held), and of the target.
    pub held_bar: u8,
    pub target_bar: u8,
}

/// "Self-assessment", "Manager's assessment", "Peer assessment".
pub fn kind_name(kind: AssessorKind) -> &'static str {
    match kind {
        AssessorKind::Own => "Self-assessment",
        AssessorKind::Manager => "Manager's assessment",
        AssessorKind::Peer => "Peer assessment",
    }
}

impl Evaluator<'_> {
    /// The chart of one or more assessments of a person (the first one's track and level held
    /// are the person's) against a target level. Series come in the order given.
    pub fn rating_chart(&self, assessments: &[&Assessment], target: LevelPos) -> RatingChart {
        let fw = self.fw;
        let first = assessments.first().copied();
        let track = first.map_or(0, |a| self.profile(a).track);
        let t = self.judging_track(track, target);
        let held = first
            .and_then(|a| a.current_level.as_deref())
            .and_then(|id| fw.level_pos(id));
        let profiles: Vec<_> = assessments.iter().map(|a| self.profile(a)).collect();
        let mut ranks = vec!["Below the first level".to_owned()];
        for l in self.ladder(t) {
            let r = usize::from(self.rank_of(l));
            if ranks.len() <= r {
                ranks.resize(r + 1, String::new());
            }
            ranks[r] = fw.level_at(l).short_title.clone();
        }
        RatingChart {
            ranks,
            series: assessments
                .iter()
                .map(|a| kind_name(a.assessor.kind).to_owned())
                .collect(),
            held: held.map(|h| fw.level_at(h).short_title.clone()),
            target: fw.level_at(target).short_title.clone(),
            rows: fw
                .competencies()
                .enumerate()
                .map(|(c, (_, comp))| ChartRow {
                    competency: comp.id.clone(),
                    name: comp.name.clone(),
                    ratings: profiles
                        .iter()
                        .map(|p| self.effective(t, c, p.codes[c]))
                        .collect(),
                    held_bar: held.map_or(0, |h| self.bar(t, c, h)),
                    target_bar: self.bar(t, c, target),
                })
                .collect(),
        }
    }
}
