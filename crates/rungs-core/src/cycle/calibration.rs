//! Calibration within a cycle: the levels the managers' ratings show, readiness per level,
//! each manager's lift and where people see themselves differently from their managers.
//!
//! What is shown obeys one rule: no figure is about a group of fewer than
//! [`MIN_GROUP`] people, and nothing ranks one team or manager against another (managers are
//! listed by name). Levels with fewer people are folded together, and left out when even
//! together they are fewer than the minimum.

use serde::Serialize;

use crate::assessment::Assessment;
use crate::eval::Evaluator;
use crate::team::{GAP_RANKS, MIN_GROUP};

/// One person's record in a cycle, as calibration reads it: the manager's (calibrated)
/// rating, and the person's self-assessment when they submitted one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationRow {
    pub person: String,
    /// Who rated: the manager's name.
    pub assessor: String,
    /// The level the manager's rating shows (id); none below the first level or with too
    /// little rated.
    pub shown: Option<String>,
    /// The readiness tier for the next rung (its id); none at the top of the ladder. At a
    /// split without a chosen track, the nearer of the branches.
    pub readiness: Option<String>,
    /// The next rung the readiness is for (its id).
    pub next: Option<String>,
    /// The mean rank of the manager's ratings minus the rank of the level held.
    pub lift: Option<f64>,
    /// Self minus manager, in ranks, over the competencies both rated.
    pub self_minus_manager: Option<f64>,
}

impl CalibrationRow {
    /// Reads one record: `manager` and `own` loaded against the cycle's framework.
    pub fn read(
        ev: &Evaluator<'_>,
        person: &str,
        assessor: &str,
        manager: &Assessment,
        own: Option<&Assessment>,
    ) -> CalibrationRow {
        let fw = ev.framework();
        let outcome = ev.outcome(manager);
        let profile = ev.profile(manager);
        let held = manager
            .current_level
            .as_deref()
            .and_then(|l| fw.find_level(l).ok())
            .map(|l| l.pos());
        let lift = held.and_then(|h| {
            ev.mean_rank(profile.track, &profile.codes)
                .map(|m| m - f64::from(ev.rank_of(h)))
        });
        let (readiness, next) = match ev.gaps(manager, None) {
            Ok(g) => {
                let best = g.readiness().targets.into_iter().min_by_key(|t| {
                    fw.readiness_tiers()
                        .iter()
                        .position(|tier| tier.id == t.readiness.tier)
                        .unwrap_or(usize::MAX)
                });
                (
                    best.as_ref().map(|t| t.readiness.tier.clone()),
                    best.map(|t| t.target),
                )
            }
            // At the top of the ladder there is no next rung to be ready for.
            Err(_) => (None, None),
        };
        let self_minus_manager = own.and_then(|o| {
            ev.mean_difference(profile.track, &ev.profile(o).codes, &profile.codes)
                .map(|(m, _)| m)
        });
        CalibrationRow {
            person: person.to_owned(),
            assessor: assessor.to_owned(),
            shown: outcome.level,
            readiness,
            next,
            lift,
            self_minus_manager,
        }
    }
}

/// How many people the ratings put at one level, and their readiness for the next rung.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CycleLevelCount))]
pub struct LevelCount {
    /// The level's id; none for the group folded from levels of fewer people.
    pub level: Option<String>,
    /// The level's title, or "Other levels (fewer than 5 people each)".
    pub name: String,
    pub people: usize,
    /// People per readiness tier, in the framework's order of tiers (tier id, count).
    pub readiness: Vec<(String, usize)>,
}

/// The distribution of shown levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Distribution {
    pub levels: Vec<LevelCount>,
    /// People at levels left out because even together they are fewer than the minimum.
    pub withheld_levels: usize,
}

/// One manager's lift, listed by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lift {
    pub assessor: String,
    pub people: usize,
    pub mean_lift: f64,
}

/// Self against manager, as counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapCount {
    /// People compared (both parts submitted).
    pub compared: usize,
    /// Rate themselves half a rank or more above their manager.
    pub self_higher: usize,
    /// Within half a rank.
    pub in_line: usize,
    /// Rate themselves half a rank or more below their manager.
    pub self_lower: usize,
    pub mean_self_minus_manager: f64,
}

/// What calibration shows of a cycle, or of the part of it a manager leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleCalibration {
    /// People with a submitted manager's rating.
    pub rated: usize,
    /// The smallest group shown.
    pub min_group: usize,
    /// None when fewer than the minimum are rated: then nothing is shown.
    pub distribution: Option<Distribution>,
    /// Managers who rated at least the minimum, by name; never ranked.
    pub lifts: Vec<Lift>,
    /// Managers of fewer people, not shown on their own.
    pub withheld_assessors: usize,
    /// None when fewer than the minimum were compared.
    pub gaps: Option<GapCount>,
}

impl CycleCalibration {
    pub fn new(ev: &Evaluator<'_>, rows: &[CalibrationRow]) -> CycleCalibration {
        let fw = ev.framework();
        let tiers: Vec<&str> = fw.readiness_tiers().iter().map(|t| t.id.as_str()).collect();
        let count = |group: &[&CalibrationRow]| -> Vec<(String, usize)> {
            tiers
                .iter()
                .map(|&t| {
                    let n = group
                        .iter()
                        .filter(|r| r.readiness.as_deref() == Some(t))
                        .count();
                    (t.to_owned(), n)
                })
                .collect()
        };
        let distribution = (rows.len() >= MIN_GROUP).then(|| {
            let mut levels = Vec::new();
            let mut small: Vec<&CalibrationRow> = Vec::new();
            // In the ladder's order, then below the first level (or too little rated).
            let mut ids: Vec<Option<&str>> =
                fw.levels().iter().map(|l| Some(l.id.as_str())).collect();
            ids.push(None);
            for id in ids {
                let group: Vec<&CalibrationRow> =
                    rows.iter().filter(|r| r.shown.as_deref() == id).collect();
                if group.is_empty() {
                    continue;
                }
                if group.len() < MIN_GROUP {
                    small.extend(group);
                    continue;
                }
                let name = match id {
                    Some(id) => fw
                        .find_level(id)
                        .map_or_else(|_| id.to_owned(), |l| l.title.clone()),
                    None => "Below the first level, or too little rated".to_owned(),
                };
                levels.push(LevelCount {
                    level: id.map(str::to_owned),
                    name,
                    people: group.len(),
                    readiness: count(&group),
                });
            }
            let mut withheld_levels = 0;
            if small.len() >= MIN_GROUP {
                levels.push(LevelCount {
                    level: None,
                    name: format!("Other levels (fewer than {MIN_GROUP} people each)"),
                    people: small.len(),
                    readiness: count(&small),
                });
            } else {
                withheld_levels = small.len();
            }
            Distribution {
                levels,
                withheld_levels,
            }
        });

        let mut by_assessor: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
        let mut assessors: std::collections::BTreeSet<&str> = Default::default();
        for r in rows {
            assessors.insert(&r.assessor);
            if let Some(l) = r.lift {
                by_assessor.entry(&r.assessor).or_default().push(l);
            }
        }
        // By name (the map's order), never by lift.
        let lifts: Vec<Lift> = by_assessor
            .iter()
            .filter(|(_, l)| l.len() >= MIN_GROUP)
            .map(|(a, l)| Lift {
                assessor: (*a).to_owned(),
                people: l.len(),
                mean_lift: l.iter().sum::<f64>() / l.len() as f64,
            })
            .collect();
        let withheld_assessors = assessors.len() - lifts.len();

        let diffs: Vec<f64> = rows.iter().filter_map(|r| r.self_minus_manager).collect();
        let gaps = (diffs.len() >= MIN_GROUP).then(|| GapCount {
            compared: diffs.len(),
            self_higher: diffs.iter().filter(|&&d| d >= GAP_RANKS).count(),
            in_line: diffs.iter().filter(|&&d| d.abs() < GAP_RANKS).count(),
            self_lower: diffs.iter().filter(|&&d| d <= -GAP_RANKS).count(),
            mean_self_minus_manager: diffs.iter().sum::<f64>() / diffs.len() as f64,
        });
        CycleCalibration {
            rated: rows.len(),
            min_group: MIN_GROUP,
            distribution,
            lifts,
            withheld_assessors,
            gaps,
        }
    }
}
