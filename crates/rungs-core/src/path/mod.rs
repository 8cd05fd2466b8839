//! Paths through the ladder: the routes from one level to another along the framework's moves,
//! and how many years they usually take, as a distribution from a Monte Carlo over the typical
//! time on each rung.

use serde::Serialize;

use crate::framework::{Framework, LevelPos, MoveKind, PayRange, Topic, Years};
use crate::rng::SplitMix64;

/// The most routes enumerated between two levels; ladders have far fewer.
const MAX_ROUTES: usize = 10_000;

/// An open-ended span ("5+ years") is sampled up to this multiple of its minimum. The sources
/// give no upper figure, so Rungs assumes one; docs/growth.md says so.
pub const OPEN_SPAN_FACTOR: f64 = 1.5;

/// Every simple route from one level to another along the framework's moves (level positions),
/// shortest first and, among equals, those with fewer track switches and lateral moves.
pub fn routes(fw: &Framework, from: LevelPos, to: LevelPos, limit: usize) -> Vec<Vec<LevelPos>> {
    let steps: Vec<(LevelPos, LevelPos, MoveKind)> = fw
        .steps()
        .into_iter()
        .filter_map(|(f, t, m)| Some((fw.level_pos(f)?, fw.level_pos(t)?, m.kind)))
        .collect();
    let mut found: Vec<Vec<LevelPos>> = Vec::new();
    let mut path = vec![from];
    fn walk(
        steps: &[(LevelPos, LevelPos, MoveKind)],
        to: LevelPos,
        path: &mut Vec<LevelPos>,
        found: &mut Vec<Vec<LevelPos>>,
    ) {
        if found.len() >= MAX_ROUTES {
            return;
        }
        let here = path[path.len() - 1];
        if here == to && path.len() > 1 {
            found.push(path.clone());
            return;
        }
        for &(f, t, _) in steps {
            if f == here && !path.contains(&t) {
                path.push(t);
                walk(steps, to, path, found);
                path.pop();
            }
        }
    }
    if from != to {
        walk(&steps, to, &mut path, &mut found);
    }
    let sideways = |r: &Vec<LevelPos>| {
        r.windows(2)
            .filter(|w| {
                steps
                    .iter()
                    .any(|&(f, t, k)| f == w[0] && t == w[1] && k != MoveKind::Promotion)
            })
            .count()
    };
    found.sort_by_key(|r| (r.len(), sideways(r)));
    found.truncate(limit);
    found
}

/// P10 / P50 / P90 of a duration in years, with the bounds the rungs' stated ranges give.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    /// The sum of the minimum years of every rung on the way.
    pub min: f64,
    /// The sum of the maximums; `None` when a rung's time is open-ended ("5+ years").
    pub max: Option<f64>,
}

/// How far along the first rung a person already is, from their assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadStart {
    /// The share (0–1) of the first rung's usual time still to go.
    pub remaining: f64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathOptions {
    /// Keep to routes on this track's ladder (the trunk and the track).
    pub track: Option<String>,
    /// Show each step's pay band at this company stage.
    pub stage: Option<String>,
    pub seed: u64,
    /// Monte Carlo runs per route.
    pub runs: usize,
    /// How many routes to keep, fastest first.
    pub max_routes: usize,
    pub head_start: Option<HeadStart>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PathPlan {
    pub from: String,
    pub to: String,
    /// Each route as its ordered level ids, fastest first.
    pub routes: Vec<Vec<String>>,
    /// The fastest route's years.
    pub years: Percentiles,
    pub details: Vec<PlannedRoute>,
    pub head_start: Option<HeadStart>,
    pub seed: u64,
    pub runs: usize,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedRoute {
    pub levels: Vec<String>,
    pub steps: Vec<PlannedStep>,
    pub years: Percentiles,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedStep {
    pub from: String,
    pub to: String,
    pub kind: MoveKind,
    /// The usual time on `from` before this step.
    pub wait: Option<Years>,
    /// The pay band of `to` at the chosen stage.
    pub pay: Option<PayRange>,
}

/// Why a path could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("`{0}` is where you start; pick a different destination")]
    SameLevel(String),
    #[error("no route in this framework leads from `{from}` to `{to}`")]
    NoRoute { from: String, to: String },
    #[error(
        "no route from `{from}` to `{to}` stays on the `{track}` track; leave out --track to see routes that switch"
    )]
    OffTrack {
        from: String,
        to: String,
        track: String,
    },
    #[error("there is no track `{0}`")]
    UnknownTrack(String),
}

/// The years a span stands for when sampled: `[min, max]`, or `[min, min × 1.5]` when open.
fn bounds(y: Option<&Years>) -> (f64, f64) {
    match y {
        Some(y) => (y.min, y.max.unwrap_or(y.min * OPEN_SPAN_FACTOR)),
        None => (0.0, 0.0),
    }
}

/// Routes from one level to another with their years and pay, fastest first.
pub fn plan(
    fw: &Framework,
    from: LevelPos,
    to: LevelPos,
    opts: &PathOptions,
) -> Result<PathPlan, PathError> {
    let (from_id, to_id) = (fw.level_at(from).id.clone(), fw.level_at(to).id.clone());
    if from == to {
        return Err(PathError::SameLevel(from_id));
    }
    let mut all = routes(fw, from, to, MAX_ROUTES);
    if all.is_empty() {
        return Err(PathError::NoRoute {
            from: from_id,
            to: to_id,
        });
    }
    if let Some(track) = &opts.track {
        let track_def = fw
            .track(track)
            .ok_or_else(|| PathError::UnknownTrack(track.clone()))?;
        let trunk = fw.tracks().iter().find(|t| t.shared).map(|t| t.id.as_str());
        let on = |l: LevelPos| {
            let track = &fw.level_at(l).track;
            *track == track_def.id || Some(track.as_str()) == trunk
        };
        all.retain(|r| r[..r.len() - 1].iter().all(|&l| on(l)));
        if all.is_empty() {
            return Err(PathError::OffTrack {
                from: from_id,
                to: to_id,
                track: track.clone(),
            });
        }
    }
    let runs = opts.runs.max(1);
    let mut notes = Vec::new();
    let mut planned: Vec<PlannedRoute> = all
        .iter()
        .enumerate()
        .map(|(i, route)| {
            let steps: Vec<PlannedStep> = route
                .windows(2)
                .map(|w| {
                    let (f, t) = (fw.level_at(w[0]), fw.level_at(w[1]));
                    let kind = fw
                        .steps()
                        .into_iter()
                        .find(|(a, b, _)| *a == f.id && *b == t.id)
                        .map_or(MoveKind::Promotion, |s| s.2.kind);
                    PlannedStep {
                        from: f.id.clone(),
                        to: t.id.clone(),
                        kind,
                        wait: f.years_on_rung.clone(),
                        pay: opts.stage.as_deref().and_then(|s| fw.pay(&t.id, s)),
                    }
                })
                .collect();
            // Each route draws from its own stream, so adding a route never changes another's numbers.
            let mut rng =
                SplitMix64::new(opts.seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
            let years = simulate(&steps, opts.head_start.as_ref(), runs, &mut rng);
            PlannedRoute {
                levels: route.iter().map(|&l| fw.level_at(l).id.clone()).collect(),
                steps,
                years,
            }
        })
        .collect();
    planned.sort_by(|a, b| {
        a.years
            .p50
            .total_cmp(&b.years.p50)
            .then(a.steps.len().cmp(&b.steps.len()))
    });
    planned.truncate(opts.max_routes.max(1));
    for route in &planned {
        for step in &route.steps {
            let level = fw.level(&step.from);
            if step.wait.is_none() && !notes.iter().any(|n: &String| n.contains(&step.from)) {
                notes.push(format!(
                    "`{}` gives no typical time on the rung; it counts as 0 years.",
                    step.from
                ));
            }
            if let Some(y) = step.wait.as_ref().filter(|y| y.max.is_none()) {
                let note = format!(
                    "Time on `{}` is open-ended ({}+ years); it is sampled up to {} years.",
                    step.from,
                    y.min,
                    y.min * OPEN_SPAN_FACTOR
                );
                if !notes.contains(&note) && level.is_some() {
                    notes.push(note);
                }
            }
        }
    }
    Ok(PathPlan {
        from: from_id,
        to: to_id,
        routes: planned.iter().map(|r| r.levels.clone()).collect(),
        years: planned[0].years,
        details: planned,
        head_start: opts.head_start.clone(),
        seed: opts.seed,
        runs,
        notes,
    })
}

/// Runs the Monte Carlo for one route: each run sums a uniform draw of every rung's time on the
/// way (the first scaled by the head start).
fn simulate(
    steps: &[PlannedStep],
    head_start: Option<&HeadStart>,
    runs: usize,
    rng: &mut SplitMix64,
) -> Percentiles {
    let spans: Vec<(f64, f64)> = steps.iter().map(|s| bounds(s.wait.as_ref())).collect();
    let first_scale = head_start.map_or(1.0, |h| h.remaining.clamp(0.0, 1.0));
    let scale = |i: usize| if i == 0 { first_scale } else { 1.0 };
    let mut totals: Vec<f64> = (0..runs)
        .map(|_| {
            spans
                .iter()
                .enumerate()
                .map(|(i, &(lo, hi))| scale(i) * (lo + (hi - lo) * rng.next_f64()))
                .sum()
        })
        .collect();
    totals.sort_by(f64::total_cmp);
    let at = |q: f64| totals[((q * runs as f64).ceil() as usize).clamp(1, runs) - 1];
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let min = spans.iter().enumerate().map(|(i, s)| scale(i) * s.0).sum();
    let open = steps
        .iter()
        .any(|s| s.wait.as_ref().is_some_and(|y| y.max.is_none()));
    let max = (!open).then(|| spans.iter().enumerate().map(|(i, s)| scale(i) * s.1).sum());
    Percentiles {
        p10: round(at(0.10)),
        p50: round(at(0.50)),
        p90: round(at(0.90)),
        min,
        max,
    }
}

/// Where else a level can lead: the other rungs within reach, and the framework's paths off
/// the ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explore {
    pub from: String,
    /// Levels reachable along the ladder, with the fastest route's years.
    pub ladder: Vec<Destination>,
    pub adjacent_roles: Vec<Topic>,
    pub entrepreneurial_paths: Vec<Topic>,
    pub executive_paths: Vec<Topic>,
    pub industry_transitions: Vec<Topic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Destination {
    pub level: String,
    pub steps: usize,
    pub years: Percentiles,
}

/// Every destination the framework knows from a level.
pub fn explore(fw: &Framework, from: LevelPos, seed: u64, runs: usize) -> Explore {
    let ladder = fw
        .level_positions()
        .filter(|&to| to != from)
        .filter_map(|to| {
            let opts = PathOptions {
                seed,
                runs,
                max_routes: 1,
                ..PathOptions::default()
            };
            let p = plan(fw, from, to, &opts).ok()?;
            Some(Destination {
                level: p.to,
                steps: p.details[0].steps.len(),
                years: p.years,
            })
        })
        .collect();
    let id = &fw.level_at(from).id;
    let applies = |t: &&Topic| t.levels.is_empty() || t.levels.contains(id);
    let g = fw.guidance();
    Explore {
        from: id.clone(),
        ladder,
        adjacent_roles: g.adjacent_roles.iter().filter(applies).cloned().collect(),
        entrepreneurial_paths: g
            .entrepreneurial_paths
            .iter()
            .filter(applies)
            .cloned()
            .collect(),
        executive_paths: g.executive_paths.iter().filter(applies).cloned().collect(),
        industry_transitions: g
            .industry_transitions
            .iter()
            .filter(applies)
            .cloned()
            .collect(),
    }
}
