//! The ladder's questions (a level by name, two levels compared, pay bands and where an amount
//! sits, the routes and years between levels, every destination from one), answered over any
//! framework: the organization's through [`App`], or a file's on the command line, offline. A
//! face parses its input into a request, calls one of these, and renders the answer; the names a
//! request gives are resolved here, once, and a name that matches nothing is a problem at the
//! parameter that gave it (`?from`), with the nearest names. Job titles are levelled here too.

use rungs_core::Framework;
use rungs_core::browse::{self, Comparison};
use rungs_core::framework::{Level, PayZone, Stage};
use rungs_core::path::{self, Explore, HeadStart, PathOptions, PathPlan};
use rungs_core::pay::{PayBands, PayError, Placement};
use rungs_core::titles::{Company, Leveller, Verdict};

use crate::Actor;
use crate::error::{AppError, Result};

/// A level by id, title or alias, or a problem at `location` with the nearest names.
pub fn level<'f>(fw: &'f Framework, name: &str, location: &str) -> Result<&'f Level> {
    fw.find_level(name)
        .map_err(|u| AppError::unknown(location, &u))
}

/// A level named in an address (`/levels/{level}`): not found, with the nearest names.
pub fn level_named<'f>(fw: &'f Framework, name: &str) -> Result<&'f Level> {
    fw.find_level(name)
        .map_err(|u| AppError::Missing(u.to_string()))
}

/// A company stage by id, or a problem at `location`.
pub fn stage<'f>(fw: &'f Framework, name: &str, location: &str) -> Result<&'f Stage> {
    fw.find_stage(name)
        .map_err(|u| AppError::unknown(location, &u))
}

/// A pay zone by id (the framework's own bands when none is named), or a problem at `?zone`.
pub fn zone<'f>(fw: &'f Framework, name: Option<&str>) -> Result<PayZone<'f>> {
    fw.pay_zone(name).map_err(|u| match name {
        Some(_) => AppError::unknown("?zone", &u),
        None => pay_error(PayError::NoPayData {
            framework: fw.name().to_owned(),
        }),
    })
}

fn pay_error(e: PayError) -> AppError {
    AppError::Missing(e.to_string())
}

/// Only what differs between two levels.
pub fn compare<'f>(fw: &'f Framework, a: &str, b: &str) -> Result<Comparison<'f>> {
    let (a, b) = (level(fw, a, "?a")?, level(fw, b, "?b")?);
    Ok(browse::compare(fw, a, b))
}

/// A level's pay bands: at one stage, or at every stage; in one zone.
#[derive(Debug, Clone, Default)]
pub struct PayRequest {
    /// A level id, title or alias.
    pub level: String,
    pub stage: Option<String>,
    pub zone: Option<String>,
}

/// The bands a [`PayRequest`] asks for.
pub fn pay_bands(fw: &Framework, req: &PayRequest) -> Result<PayBands> {
    let level = level_named(fw, &req.level)?;
    let stage = req
        .stage
        .as_deref()
        .map(|s| stage(fw, s, "?stage"))
        .transpose()?;
    let zone = zone(fw, req.zone.as_deref())?;
    rungs_core::pay::bands(fw, level, stage, &zone).map_err(pay_error)
}

/// Where an amount (as people write it: `185000`, `$185K`, `1.2M`) sits in the bands a
/// [`PayRequest`] names.
pub fn pay_check(fw: &Framework, req: &PayRequest, amount: &str) -> Result<Placement> {
    let level = level_named(fw, &req.level)?;
    let stage = req
        .stage
        .as_deref()
        .map(|s| stage(fw, s, "?stage"))
        .transpose()?;
    let amount = rungs_core::pay::parse_amount(amount).map_err(|e| {
        AppError::field(
            "?amount",
            format!("\"{}\" {}", e.given, e.reason),
            Some(&e.help),
        )
    })?;
    let zone = zone(fw, req.zone.as_deref())?;
    rungs_core::pay::place(fw, level, stage, &zone, amount).map_err(pay_error)
}

/// The routes from one level to another, with their years and pay on the way. Every face
/// asks with the same defaults ([`path::DEFAULT_RUNS`] runs, seed [`path::DEFAULT_SEED`],
/// [`path::DEFAULT_ROUTES`] routes), so the same question has the same answer everywhere.
#[derive(Debug, Clone, Default)]
pub struct PathRequest {
    pub from: String,
    pub to: String,
    /// Keep to routes on this track.
    pub track: Option<String>,
    /// Show each step's pay band at this company stage.
    pub stage: Option<String>,
    pub seed: Option<u64>,
    pub runs: Option<u32>,
    pub routes: Option<u32>,
    /// How much of the first rung is still to go, from an assessment.
    pub head_start: Option<HeadStart>,
}

fn runs(runs: Option<u32>) -> Result<usize> {
    let runs = runs.map_or(path::DEFAULT_RUNS, |r| r as usize);
    if !(path::MIN_RUNS..=path::MAX_RUNS).contains(&runs) {
        return Err(AppError::field(
            "?runs",
            format!(
                "{} runs is outside {} to {}",
                rungs_core::words::grouped(runs as u64),
                rungs_core::words::grouped(path::MIN_RUNS as u64),
                rungs_core::words::grouped(path::MAX_RUNS as u64)
            ),
            None,
        ));
    }
    Ok(runs)
}

/// The plan a [`PathRequest`] asks for.
pub fn path(fw: &Framework, req: &PathRequest) -> Result<PathPlan> {
    let from = level(fw, &req.from, "?from")?.pos();
    let to = level(fw, &req.to, "?to")?.pos();
    let routes = req.routes.map_or(path::DEFAULT_ROUTES, |r| r as usize);
    if !(1..=path::MAX_ROUTES_SHOWN).contains(&routes) {
        return Err(AppError::field(
            "?routes",
            format!("{routes} routes is outside 1 to {}", path::MAX_ROUTES_SHOWN),
            None,
        ));
    }
    if let Some(s) = &req.stage {
        stage(fw, s, "?stage")?;
    }
    let opts = PathOptions {
        track: req.track.clone(),
        stage: req.stage.clone(),
        seed: req.seed.unwrap_or(path::DEFAULT_SEED),
        runs: runs(req.runs)?,
        max_routes: routes,
        head_start: req.head_start.clone(),
    };
    path::plan(fw, from, to, &opts).map_err(|e| {
        let at = match e {
            path::PathError::UnknownTrack(_) | path::PathError::OffTrack { .. } => "?track",
            _ => "?to",
        };
        AppError::field(at, e.to_string(), None)
    })
}

/// Every destination from a level: the rungs within reach with their years, and the ways off
/// the ladder.
#[derive(Debug, Clone, Default)]
pub struct DestinationsRequest {
    pub from: String,
    pub track: Option<String>,
    pub seed: Option<u64>,
    pub runs: Option<u32>,
}

/// The destinations a [`DestinationsRequest`] asks for.
pub fn destinations(fw: &Framework, req: &DestinationsRequest) -> Result<Explore> {
    let from = level(fw, &req.from, "?from")?.pos();
    let (seed, runs) = (req.seed.unwrap_or(path::DEFAULT_SEED), runs(req.runs)?);
    path::explore(fw, from, req.track.as_deref(), seed, runs)
        .map_err(|e| AppError::field("?track", e.to_string(), None))
}

/// The most titles levelled in one request (a file of any size is streamed by `rungs title
/// --csv`).
pub const MAX_TITLES: usize = 10_000;

/// What each job title means on the ladder (against a company's own titles, when given), in
/// order; more than `most` (at most [`MAX_TITLES`]) is a problem at `location`.
pub fn titles(
    fw: &Framework,
    company: Option<&Company>,
    titles: &[&str],
    most: usize,
    location: &str,
) -> Result<Vec<Verdict>> {
    let most = most.min(MAX_TITLES);
    if titles.len() > most {
        return Err(AppError::field(
            location,
            format!(
                "{} titles is more than the {} levelled at once",
                rungs_core::words::grouped(titles.len() as u64),
                rungs_core::words::grouped(most as u64)
            ),
            Some("level them in batches of at most 2,000"),
        ));
    }
    let leveller = Leveller::new(fw, company);
    Ok(titles.iter().map(|t| leveller.verdict(t)).collect())
}

/// The titles in a column of a CSV file (the one named, or the one that looks like titles),
/// levelled as [`titles`] does.
pub fn titles_in_csv(
    fw: &Framework,
    bytes: &[u8],
    column: Option<&str>,
    most: usize,
) -> Result<Vec<Verdict>> {
    let most = most.min(MAX_TITLES);
    let list = rungs_core::titles::read_titles_csv(bytes, column, most)
        .map_err(|e| AppError::field("file", e, None))?;
    let list: Vec<&str> = list.iter().map(String::as_str).collect();
    titles(fw, None, &list, most, "file")
}

impl crate::Ladder<'_> {
    /// [`titles`] over the organization's framework.
    pub async fn titles(
        &self,
        actor: &Actor,
        list: &[&str],
        most: usize,
        location: &str,
    ) -> Result<Vec<Verdict>> {
        let (_, fw) = self.framework(actor.org).await?;
        titles(&fw, None, list, most, location)
    }

    /// [`titles_in_csv`] over the organization's framework.
    pub async fn titles_in_csv(
        &self,
        actor: &Actor,
        bytes: &[u8],
        column: Option<&str>,
        most: usize,
    ) -> Result<Vec<Verdict>> {
        let (_, fw) = self.framework(actor.org).await?;
        titles_in_csv(&fw, bytes, column, most)
    }

    /// [`path`] over the organization's framework (off the async threads: it simulates).
    pub async fn path(&self, actor: &Actor, req: PathRequest) -> Result<PathPlan> {
        let (_, fw) = self.framework(actor.org).await?;
        tokio::task::spawn_blocking(move || path(&fw, &req)).await?
    }

    /// [`destinations`] over the organization's framework.
    pub async fn destinations(&self, actor: &Actor, req: DestinationsRequest) -> Result<Explore> {
        let (_, fw) = self.framework(actor.org).await?;
        tokio::task::spawn_blocking(move || destinations(&fw, &req)).await?
    }

    /// [`pay_bands`] over the organization's framework.
    pub async fn pay_bands(&self, actor: &Actor, req: &PayRequest) -> Result<PayBands> {
        let (_, fw) = self.framework(actor.org).await?;
        pay_bands(&fw, req)
    }

    /// [`pay_check`] over the organization's framework.
    pub async fn pay_check(
        &self,
        actor: &Actor,
        req: &PayRequest,
        amount: &str,
    ) -> Result<Placement> {
        let (_, fw) = self.framework(actor.org).await?;
        pay_check(&fw, req, amount)
    }
}
