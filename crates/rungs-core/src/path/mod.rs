//! Paths through the ladder: the routes from one level to another along the framework's moves,
//! and how many years they usually take, as a distribution from a Monte Carlo over the typical
//! time on each rung.

mod explore;
mod reading;
pub use explore::*;
use reading::*;
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

/// Monte Carlo runs per route unless asked otherwise: every face asks with these, so the same
/// question has the same years everywhere.
pub const DEFAULT_RUNS: usize = 10_000;
/// The fewest and the most runs a request may ask for.
pub const MIN_RUNS: usize = 100;
pub const MAX_RUNS: usize = 100_000;
/// The seed unless asked otherwise: the same seed gives the same years.
pub const DEFAULT_SEED: u64 = 1;
/// How many routes are shown unless asked otherwise, and the most that may be.
pub const DEFAULT_ROUTES: usize = 3;
pub const MAX_ROUTES_SHOWN: usize = 50;

#[derive(Debug, Clone, PartialEq)]
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

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            track: None,
            stage: None,
            seed: DEFAULT_SEED,
            runs: DEFAULT_RUNS,
            max_routes: DEFAULT_ROUTES,
            head_start: None,
        }
    }
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
    /// The sources whose own ladder has every step of the route.
    pub follows: Vec<String>,
    /// Which source ladder the route follows, in a sentence.
    pub reading: String,
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
    /// The experience `to` states (its primary figure): no run reaches it with less.
    pub experience: Option<Years>,
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
    #[error(
        "`{to}` is on the {to_track} track: no route to it keeps to the `{track}` track (a route leaves its track only where the track has no promotion of its own, as from Principal PM to Director); leave out --track to see routes that switch"
    )]
    TargetOffTrack {
        to: String,
        to_track: String,
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
        let keeps = |r: &Vec<LevelPos>| keeps_to_track(fw, &track_def.id, r);
        let on_track = on_ladder(fw, &track_def.id, to);
        all.retain(keeps);
        if all.is_empty() {
            if !on_track {
                let t = &fw.level_at(to).track;
                return Err(PathError::TargetOffTrack {
                    to: to_id,
                    to_track: fw.track(t).map_or(t.clone(), |x| x.name.to_lowercase()),
                    track: track.clone(),
                });
            }
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
                        experience: t.experience.first().cloned(),
                    }
                })
                .collect();
            // Each route draws from its own stream, so adding a route never changes another's numbers.
            let mut rng =
                SplitMix64::new(opts.seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
            let start = fw.level_at(from).experience.first();
            let years = simulate(start, &steps, opts.head_start.as_ref(), runs, &mut rng);
            let (follows, reading) = reading(fw, route);
            PlannedRoute {
                levels: route.iter().map(|&l| fw.level_at(l).id.clone()).collect(),
                steps,
                years,
                follows,
                reading,
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
            let Some(level) = level else { continue };
            let note = match &step.wait {
                None => format!(
                    "{} gives no typical time on the rung; it counts as 0 years.",
                    level.short_title
                ),
                Some(y) if y.max.is_none() => format!(
                    "Time on {} is open-ended ({}); it is sampled up to {} years.",
                    level.short_title,
                    y.text(),
                    trim(y.min * OPEN_SPAN_FACTOR)
                ),
                Some(_) => continue,
            };
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    if let Some(start) = fw.level_at(from).experience.first() {
        let (lo, hi) = bounds(Some(start));
        notes.push(format!(
            "Experience: each run starts as {} with {}–{} years of experience ({}), drawn evenly, and reaches no level before the experience it states ({}); the years shown are at least what that takes.",
            article_level(&fw.level_at(from).short_title),
            trim(lo),
            trim(hi),
            start.note.as_deref().unwrap_or("as its level states"),
            planned[0]
                .steps
                .iter()
                .filter_map(|s| {
                    let y = s.experience.as_ref()?;
                    Some(format!("{} {}", fw.level(&s.to)?.short_title, y.text()))
                })
                .collect::<Vec<_>>()
                .join(", ")
        ));
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

/// Runs the Monte Carlo for one route. Each run starts with an experience drawn from the first
/// level's stated range, then for every step adds a uniform draw of the time on the rung being
/// left (the first scaled by the head start), and, where the next level states an experience,
/// waits until the run has at least its minimum. The run's years are the experience gained.
fn simulate(
    start: Option<&Years>,
    steps: &[PlannedStep],
    head_start: Option<&HeadStart>,
    runs: usize,
    rng: &mut SplitMix64,
) -> Percentiles {
    let spans: Vec<(f64, f64)> = steps.iter().map(|s| bounds(s.wait.as_ref())).collect();
    let floors: Vec<f64> = steps
        .iter()
        .map(|s| s.experience.as_ref().map_or(0.0, |y| y.min))
        .collect();
    let (e_lo, e_hi) = start.map_or((0.0, 0.0), |y| bounds(Some(y)));
    let constrained = start.is_some();
    let first_scale = head_start.map_or(1.0, |h| h.remaining.clamp(0.0, 1.0));
    let scale = |i: usize| if i == 0 { first_scale } else { 1.0 };
    // The years a run takes, given its starting experience and the draw on each rung.
    let years = |e0: f64, draw: &mut dyn FnMut(usize, f64, f64) -> f64| -> f64 {
        let mut e = e0;
        for (i, &(lo, hi)) in spans.iter().enumerate() {
            e += scale(i) * draw(i, lo, hi);
            if constrained {
                e = e.max(floors[i]);
            }
        }
        e - e0
    };
    let mut totals: Vec<f64> = (0..runs)
        .map(|_| {
            let e0 = e_lo + (e_hi - e_lo) * rng.next_f64();
            years(e0, &mut |_, lo, hi| lo + (hi - lo) * rng.next_f64())
        })
        .collect();
    totals.sort_by(f64::total_cmp);
    let at = |q: f64| totals[((q * runs as f64).ceil() as usize).clamp(1, runs) - 1];
    let round = |v: f64| (v * 10.0).round() / 10.0;
    // The fewest years: the shortest waits from the most experience; the most, the reverse.
    let min = round(years(e_hi, &mut |_, lo, _| lo));
    let open = steps
        .iter()
        .any(|s| s.wait.as_ref().is_some_and(|y| y.max.is_none()));
    let max = (!open).then(|| round(years(e_lo, &mut |_, _, hi| hi)));
    Percentiles {
        p10: round(at(0.10)),
        p50: round(at(0.50)),
        p90: round(at(0.90)),
        min,
        max,
    }
}

/// Whether a level is on a track's ladder (see [`Framework::on_ladder`]).
fn on_ladder(fw: &Framework, track: &str, l: LevelPos) -> bool {
    fw.on_ladder(track, fw.level_at(l))
}

/// Whether a route keeps to a track: every level but the last is on its ladder, and a last
/// level off it is reached by a promotion from a level where the track has none of its own
/// (Principal PM → Director on the IC track).
fn keeps_to_track(fw: &Framework, track: &str, route: &[LevelPos]) -> bool {
    let Some((&last, before)) = route.split_last() else {
        return false;
    };
    if !before.iter().all(|&l| on_ladder(fw, track, l)) {
        return false;
    }
    if on_ladder(fw, track, last) {
        return true;
    }
    let Some(&leaving) = before.last() else {
        return false;
    };
    let steps = fw.steps();
    let promotes = |to: LevelPos| {
        steps.iter().any(|(f, t, m)| {
            *f == fw.level_at(leaving).id
                && *t == fw.level_at(to).id
                && m.kind == MoveKind::Promotion
        })
    };
    let own = fw
        .level_positions()
        .any(|l| on_ladder(fw, track, l) && promotes(l));
    promotes(last) && !own
}
