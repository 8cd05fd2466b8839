//! The level rule and what follows from it: the level a person operates at, the gap to a
//! target, readiness, a development plan, and how two assessments of one person differ.
//!
//! [`Evaluator`] prepares a framework once: for every track it works out what each possible
//! rating of each competency is worth on that track's ladder (its *effective rank*). Evaluating
//! an assessment is then table lookups and a few comparisons per area, with no allocation on the
//! fast path ([`Evaluator::rank`], [`Evaluator::readiness_tier`]).

mod chart;
mod gap;
mod outcome;
mod packet;
mod plan;
mod target;
mod versus;

pub use chart::{ChartRow, RatingChart, kind_name};
pub use gap::{Gap, GapItem, Gaps, Readiness, Readinesses, StepMilestones, TargetReadiness};
pub use outcome::{AreaResult, Assessed, BelowBar, CompetencyResult, Outcome};
pub use packet::{
    MetMilestone, Packet, PacketAssessment, PacketEvidence, PacketRating, PacketRow, PacketStep,
};
pub use plan::{Action, FOCUS, Focus, Plan, Timing};
pub use target::{NextRung, TargetError};
pub use versus::{Difference, DifferentPeople, Side, Versus};

use crate::assessment::{Assessment, Rating};
use crate::framework::{Framework, LevelPos};

pub(crate) use crate::words::count;

/// The code of a not-assessed rating in a [`Profile`] (the codes are the assessment's own:
/// [`crate::assessment::stored`]).
pub use crate::assessment::stored::NOT_ASSESSED;

/// An assessment reduced to what the level rule reads: the track, and one code per competency
/// in framework order (0 = below the first level, `i + 1` = the level at index `i`,
/// [`NOT_ASSESSED`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub track: usize,
    pub codes: Vec<u8>,
}

#[derive(Debug, Clone)]
struct AreaInfo {
    /// Position of the area's first competency in framework order.
    start: usize,
    len: usize,
    /// Rated competencies needed for the area to count.
    min_rated: usize,
    /// For `n` rated competencies, how many must meet a rank: `need[n]`.
    need: Vec<usize>,
}

#[derive(Debug, Clone)]
struct TrackLadder {
    /// Levels on the trunk and on this track, by rank.
    levels: Vec<usize>,
    /// The level that stands for each rank on this ladder: the highest at or below it.
    at_rank: Vec<Option<usize>>,
    top: u8,
}

/// A framework prepared for evaluating many assessments.
#[derive(Debug, Clone)]
pub struct Evaluator<'f> {
    fw: &'f Framework,
    tables: Tables,
}

/// What the level rule needs of a framework, worked out once per evaluator.
#[derive(Debug, Clone)]
struct Tables {
    rank: Vec<u8>,
    ladders: Vec<TrackLadder>,
    areas: Vec<AreaInfo>,
    competencies: usize,
    /// Effective rank of rating code `k` of competency `c` on track `t`:
    /// `eff[(t * competencies + c) * codes + k]`.
    eff: Vec<u8>,
    codes: usize,
    max_shortfall: u8,
    /// For each level, the levels a promotion leads to from it, lowest rank first.
    ups: Vec<Vec<LevelPos>>,
    /// The bar a rating must reach for competency `c` to meet level `l` on track `t`: the
    /// lowest rank on the track's ladder whose level expects the same of the competency as `l`
    /// does. `bar[(t * competencies + c) * levels + l]`.
    bar: Vec<u8>,
}

impl<'f> Evaluator<'f> {
    /// An evaluator of the framework: works out the level rule's tables once (a few
    /// microseconds for the built-in ladder), for every assessment it then evaluates.
    pub fn new(fw: &'f Framework) -> Self {
        Evaluator {
            fw,
            tables: Tables::build(fw),
        }
    }

    pub fn framework(&self) -> &'f Framework {
        self.fw
    }
}

impl Tables {
    fn build(fw: &Framework) -> Tables {
        let levels = fw.levels();
        let rank: Vec<u8> = levels
            .iter()
            .map(|l| u8::try_from(l.rank).unwrap_or(u8::MAX - 1))
            .collect();
        let ladders: Vec<TrackLadder> = fw
            .tracks()
            .iter()
            .map(|track| {
                let mut on: Vec<usize> = (0..levels.len())
                    .filter(|&i| fw.on_ladder(&track.id, &levels[i]))
                    .collect();
                on.sort_by_key(|&i| rank[i]);
                let top = on.iter().map(|&i| rank[i]).max().unwrap_or(0);
                let mut at_rank = vec![None; usize::from(top) + 1];
                for (r, slot) in at_rank.iter_mut().enumerate() {
                    *slot = on
                        .iter()
                        .rev()
                        .find(|&&i| usize::from(rank[i]) <= r)
                        .copied();
                }
                TrackLadder {
                    levels: on,
                    at_rank,
                    top,
                }
            })
            .collect();
        let rule = fw.level_rule();
        let mut areas = Vec::new();
        let mut start = 0;
        for area in fw.areas() {
            let len = area.competencies.len();
            let need = (0..=len)
                .map(|n| ((rule.area_quorum * n as f64) - 1e-9).ceil().max(0.0) as usize)
                .collect();
            let min_rated = rule.rated_needed(len);
            areas.push(AreaInfo {
                start,
                len,
                min_rated,
                need,
            });
            start += len;
        }
        let competencies = start;
        let codes = levels.len() + 1;
        let mut eff = vec![0u8; fw.tracks().len() * competencies * codes];
        let comps: Vec<_> = fw.competencies().map(|(_, c)| c).collect();
        for (t, ladder) in ladders.iter().enumerate() {
            for (c, comp) in comps.iter().enumerate() {
                for (l, level) in levels.iter().enumerate() {
                    // On this ladder, a rating is worth its rank. Off it, it is worth the rank of
                    // the same-rank level here when both expect the same, and otherwise the rank
                    // below: meeting a level implies meeting those under it, not its parallel.
                    let value = if ladder.levels.contains(&l) {
                        rank[l]
                    } else {
                        let same = ladder.levels.iter().any(|&o| {
                            rank[o] == rank[l]
                                && fw.expectation(comp, &levels[o].id)
                                    == fw.expectation(comp, &level.id)
                        });
                        if same {
                            rank[l]
                        } else {
                            ladder
                                .levels
                                .iter()
                                .map(|&o| rank[o])
                                .filter(|&r| r < rank[l])
                                .max()
                                .unwrap_or(0)
                        }
                    };
                    eff[(t * competencies + c) * codes + l + 1] = value;
                }
            }
        }
        let mut ups: Vec<Vec<LevelPos>> = vec![Vec::new(); levels.len()];
        for (from, to, m) in fw.steps() {
            if m.kind != crate::framework::MoveKind::Promotion {
                continue;
            }
            if let (Some(f), Some(t)) = (fw.level_pos(from), fw.level_pos(to)) {
                if !ups[f.index()].contains(&t) {
                    ups[f.index()].push(t);
                }
            }
        }
        for list in &mut ups {
            list.sort_by_key(|&l| (rank[l.index()], l));
        }
        // Where several rungs expect the same of a competency (the seeds give one column for
        // Director, VP and CPO), meeting the lowest of them meets them all.
        let mut bar = vec![0u8; fw.tracks().len() * competencies * levels.len()];
        for (t, ladder) in ladders.iter().enumerate() {
            for (c, comp) in comps.iter().enumerate() {
                for (l, level) in levels.iter().enumerate() {
                    let text = fw.expectation(comp, &level.id);
                    let lowest = ladder
                        .levels
                        .iter()
                        .filter(|&&o| rank[o] <= rank[l])
                        .filter(|&&o| fw.expectation(comp, &levels[o].id) == text)
                        .map(|&o| rank[o])
                        .min()
                        .unwrap_or(rank[l]);
                    bar[(t * competencies + c) * levels.len() + l] = lowest;
                }
            }
        }
        Tables {
            rank,
            ladders,
            areas,
            competencies,
            eff,
            codes,
            max_shortfall: u8::try_from(rule.max_shortfall).unwrap_or(u8::MAX),
            ups,
            bar,
        }
    }
}

impl<'f> Evaluator<'f> {
    /// The position of a track, as [`Profile::track`] holds it.
    pub fn track_index(&self, id: &str) -> Option<usize> {
        self.fw.tracks().iter().position(|t| t.id == id)
    }

    /// The code of a rating, as [`Profile::codes`] holds it.
    pub fn code(&self, rating: &Rating) -> u8 {
        crate::assessment::stored::rating_code(self.fw, rating)
    }

    /// Reduces an assessment loaded against this framework to a profile.
    pub fn profile(&self, a: &Assessment) -> Profile {
        let codes = self
            .fw
            .competencies()
            .map(|(_, c)| {
                a.rating(&c.id)
                    .map_or(NOT_ASSESSED, |r| self.code(&r.rating))
            })
            .collect();
        Profile {
            track: self.track_index(&a.track).unwrap_or(0),
            codes,
        }
    }

    /// The effective rank of competency `c`'s rating `code` on track `t`; `None` if not assessed.
    pub fn effective(&self, t: usize, c: usize, code: u8) -> Option<u8> {
        if code == NOT_ASSESSED {
            return None;
        }
        self.tables
            .eff
            .get((t * self.tables.competencies + c) * self.tables.codes + usize::from(code))
            .copied()
    }

    /// The mean effective rank of the rated competencies of a profile's codes on track `t`;
    /// `None` when nothing is rated. What an assessment's *lift* is measured from.
    pub fn mean_rank(&self, t: usize, codes: &[u8]) -> Option<f64> {
        let (sum, n) = codes
            .iter()
            .enumerate()
            .filter_map(|(c, &code)| self.effective(t, c, code))
            .fold((0u32, 0u32), |(s, n), r| (s + u32::from(r), n + 1));
        (n > 0).then(|| f64::from(sum) / f64::from(n))
    }

    /// Two ratings of one person on track `t`, competency by competency: the mean of `a − b`
    /// in ranks over the competencies both rated, and how many are a rank or more apart;
    /// `None` when no competency is rated in both.
    pub fn mean_difference(&self, t: usize, a: &[u8], b: &[u8]) -> Option<(f64, usize)> {
        let (mut diff, mut both, mut apart) = (0i32, 0i32, 0usize);
        for (c, (&x, &y)) in a.iter().zip(b).enumerate() {
            if let (Some(x), Some(y)) = (self.effective(t, c, x), self.effective(t, c, y)) {
                let d = i32::from(x) - i32::from(y);
                diff += d;
                both += 1;
                if d.abs() >= 1 {
                    apart += 1;
                }
            }
        }
        (both > 0).then(|| (f64::from(diff) / f64::from(both), apart))
    }

    /// The highest rank an area reaches, or `None` when too few of its competencies are rated.
    fn area_reach(&self, t: usize, codes: &[u8], area: &AreaInfo) -> Option<u8> {
        let base = t * self.tables.competencies;
        let mut effs = [0u8; 64];
        let mut rated = 0;
        let mut lowest = u8::MAX;
        for (c, &code) in codes.iter().enumerate().skip(area.start).take(area.len) {
            if code == NOT_ASSESSED {
                continue;
            }
            let e = self.tables.eff[(base + c) * self.tables.codes + usize::from(code)];
            if rated < effs.len() {
                effs[rated] = e;
            }
            rated += 1;
            lowest = lowest.min(e);
        }
        if rated < area.min_rated {
            return None;
        }
        let need = area.need[rated];
        let effs = &effs[..rated.min(effs.len())];
        let top = self.tables.ladders[t].top;
        let reach = (1..=top)
            .rev()
            .find(|&r| {
                lowest.saturating_add(self.tables.max_shortfall) >= r
                    && effs.iter().filter(|&&e| e >= r).count() >= need
            })
            .unwrap_or(0);
        Some(reach)
    }

    /// The rank a profile operates at under the level rule: the highest rank every counted area
    /// reaches. `None` when no area has enough ratings to count.
    pub fn rank(&self, p: &Profile) -> Option<u8> {
        self.tables
            .areas
            .iter()
            .filter_map(|area| self.area_reach(p.track, &p.codes, area))
            .min()
    }

    /// The level a rank stands for on a track's ladder (`None` for rank 0, below the first level).
    pub fn level_at(&self, track: usize, rank: u8) -> Option<LevelPos> {
        let ladder = &self.tables.ladders[track];
        ladder
            .at_rank
            .get(usize::from(rank.min(ladder.top)))
            .copied()
            .flatten()
            .map(LevelPos::at)
    }

    /// The rank a rating of competency `c` must reach on track `t` to meet `level`: the lowest
    /// rung of the ladder that expects the same of it (so a Director's rating meets VP where
    /// the two expect the same).
    pub fn bar(&self, t: usize, c: usize, level: LevelPos) -> u8 {
        let levels = self.tables.rank.len();
        self.tables
            .bar
            .get((t * self.tables.competencies + c) * levels + level.index())
            .copied()
            .unwrap_or_else(|| self.rank_of(level))
    }

    /// The rank of a level.
    pub fn rank_of(&self, level: LevelPos) -> u8 {
        self.tables.rank[level.index()]
    }

    /// The track whose ladder a target level is judged on: its own track, or for a level on
    /// the trunk, the person's.
    pub fn judging_track(&self, person_track: usize, target: LevelPos) -> usize {
        let level = self.fw.level_at(target);
        match self.track_index(&level.track) {
            Some(t) if !self.fw.tracks()[t].shared => t,
            _ => person_track,
        }
    }

    /// Whether a level is on a track's ladder (the trunk or the track itself).
    pub fn on_ladder(&self, track: usize, level: LevelPos) -> bool {
        self.tables.ladders[track].levels.contains(&level.index())
    }

    /// The levels of a track's ladder (the trunk and the track), from the bottom up.
    pub fn ladder(&self, track: usize) -> impl Iterator<Item = LevelPos> + '_ {
        self.tables.ladders[track]
            .levels
            .iter()
            .map(|&l| LevelPos::at(l))
    }
}
