//! The organization's ladder: levels, comparisons, pay, job titles, track fit and paths.
//! Everyone signed in may read it.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use rungs_app::AppError;
use rungs_app::ladder::{self, DestinationsRequest, PathRequest, PayRequest};
use rungs_core::browse;
use rungs_core::browse::explore::Explored;
use rungs_core::browse::{Comparison, LevelSummary, LevelView};
use rungs_core::path::{Explore, PathPlan};
use rungs_core::pay::{PayBands, Placement};
use rungs_core::titles::Verdict;
use rungs_core::trackfit::Fit;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{Body, MAX_JSON, Params, read};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(levels))
        .routes(routes!(level))
        .routes(routes!(compare))
        .routes(routes!(explore))
        .routes(routes!(pay))
        .routes(routes!(pay_check))
        .routes(routes!(titles))
        .routes(routes!(track))
        .routes(routes!(path))
        .routes(routes!(destinations))
}

/// The whole ladder, as `rungs levels --json`.
#[utoipa::path(get, path = "/api/v1/levels", tag = "ladder",
    responses((status = 200, body = Vec<LevelSummary>), (status = 401, response = Problems)))]
async fn levels(State(state): State<AppState>, Caller(actor): Caller) -> Result<Response> {
    let (_, fw) = state.app.framework(actor.org).await?;
    Ok(Json(browse::summaries(&fw)).into_response())
}

/// One level in full, by id, title or alias, as `rungs level --json`.
#[utoipa::path(get, path = "/api/v1/levels/{level}", tag = "ladder",
    params(("level" = String, Path, description = "A level id, title or alias")),
    responses((status = 200, body = LevelView), (status = 404, response = Problems)))]
async fn level(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(name): Path<String>,
) -> Result<Response> {
    let (_, fw) = state.app.framework(actor.org).await?;
    let level = ladder::level_named(&fw, &name)?;
    Ok(Json(browse::level(&fw, level)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct CompareQuery {
    /// A level id, title or alias.
    #[param(min_length = 1)]
    a: String,
    /// Another.
    #[param(min_length = 1)]
    b: String,
}

/// Only what differs between two levels, as `rungs compare --json`.
#[utoipa::path(get, path = "/api/v1/compare", tag = "ladder", params(CompareQuery),
    responses((status = 200, body = Comparison), (status = 422, response = Problems)))]
async fn compare(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<CompareQuery>,
) -> Result<Response> {
    let (_, fw) = state.app.framework(actor.org).await?;
    Ok(Json(ladder::compare(&fw, &q.a, &q.b)?).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExploreQuery {
    /// A section (`specializations`, `paths`, `industries`, `entry`) or one entry's id or name;
    /// every section when left out.
    #[param(min_length = 1)]
    what: Option<String>,
}

/// What the framework knows beyond the ladder: specializations, generalist or specialist,
/// industry variations and the ways in, as `rungs explore --json`.
#[utoipa::path(get, path = "/api/v1/explore", tag = "ladder", params(ExploreQuery),
    responses((status = 200, body = Vec<Explored>), (status = 422, response = Problems)))]
async fn explore(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<ExploreQuery>,
) -> Result<Json<Vec<Explored>>> {
    let (_, fw) = state.app.framework(actor.org).await?;
    browse::explore::explore(&fw, q.what.as_deref())
        .map(Json)
        .map_err(|e| ApiError::field("?what", e.to_string(), Some(&e.help)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PayQuery {
    /// A company stage id (`startup`, `mid-size`, `large`); every stage when left out.
    #[param(min_length = 1)]
    stage: Option<String>,
    /// A pay zone id; the framework's own bands when left out.
    #[param(min_length = 1)]
    zone: Option<String>,
}

/// A level's pay bands, as `rungs pay --json`: at one stage, or at every stage.
#[utoipa::path(get, path = "/api/v1/pay/{level}", tag = "ladder", params(
        ("level" = String, Path, description = "A level id, title or alias"), PayQuery),
    responses((status = 200, body = PayBands), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn pay(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(name): Path<String>,
    Params(q): Params<PayQuery>,
) -> Result<Json<PayBands>> {
    let req = PayRequest {
        level: name,
        stage: q.stage,
        zone: q.zone,
    };
    Ok(Json(state.app.ladder().pay_bands(&actor, &req).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PayCheckQuery {
    /// A company stage id; every stage when left out.
    #[param(min_length = 1)]
    stage: Option<String>,
    /// A pay zone id; the framework's own bands when left out. The amount is taken to be in
    /// the zone's currency.
    #[param(min_length = 1)]
    zone: Option<String>,
    /// The amount: `185000`, `185,000`, `$185K` or `1.2M`.
    #[param(min_length = 1)]
    amount: String,
}

/// Where an amount sits in a level's band at a stage (or at every stage), as
/// `rungs pay check --json`.
#[utoipa::path(get, path = "/api/v1/pay/{level}/check", tag = "ladder", params(
        ("level" = String, Path, description = "A level id, title or alias"), PayCheckQuery),
    responses((status = 200, body = Placement), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn pay_check(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(name): Path<String>,
    Params(q): Params<PayCheckQuery>,
) -> Result<Json<Placement>> {
    let req = PayRequest {
        level: name,
        stage: q.stage,
        zone: q.zone,
    };
    Ok(Json(
        state
            .app
            .ladder()
            .pay_check(&actor, &req, &q.amount)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Titles {
    /// Up to 10,000 job titles.
    titles: Vec<String>,
}

/// Levels job titles, as `rungs title --json`: each title's rung, track and specialization,
/// or what it is if it is not product management, with the reason.
#[utoipa::path(post, path = "/api/v1/titles", tag = "ladder", request_body = Titles,
    responses((status = 200, body = Vec<Verdict>), (status = 422, response = Problems)))]
async fn titles(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(body): Body<Titles>,
) -> Result<Json<Vec<Verdict>>> {
    let list: Vec<&str> = body.titles.iter().map(String::as_str).collect();
    Ok(Json(
        state
            .app
            .ladder()
            .titles(&actor, &list, ladder::MAX_TITLES, "/titles")
            .await?,
    ))
}

/// Answers to the framework's track questions, as a `rungs track --save` file holds them.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TrackAnswers {
    /// Question (factor) id → the chosen option's id.
    #[allow(dead_code)]
    answers: BTreeMap<String, String>,
}

/// Which track suits someone, from their answers to the framework's questions, as
/// `rungs track --json`.
#[utoipa::path(post, path = "/api/v1/track", tag = "ladder", request_body = TrackAnswers,
    responses((status = 200, body = Fit), (status = 422, response = Problems)))]
async fn track(
    State(state): State<AppState>,
    Caller(actor): Caller,
    req: Request,
) -> Result<Json<Fit>> {
    let bytes = read(req, &state, MAX_JSON).await?;
    let (_, fw) = state.app.framework(actor.org).await?;
    let answers = rungs_core::trackfit::load_answers("answers.json", &bytes, &fw)
        .map_err(|e| AppError::invalid("the answers are not valid", &e.diagnostics))?;
    Ok(Json(rungs_core::trackfit::fit(&fw, &answers)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PathQuery {
    /// The level to start from.
    #[param(min_length = 1)]
    from: String,
    /// The level to reach.
    #[param(min_length = 1)]
    to: String,
    /// Keep to routes on this track.
    #[param(min_length = 1)]
    track: Option<String>,
    /// Show each step's pay band at this company stage.
    #[param(min_length = 1)]
    stage: Option<String>,
    /// The Monte Carlo seed (default 1); the same seed gives the same years.
    seed: Option<u64>,
    /// Monte Carlo runs per route (default 10,000; 100 to 100,000).
    #[param(minimum = 100, maximum = 100000)]
    runs: Option<u32>,
    /// How many routes, fastest first (default 3; 1 to 50).
    #[param(minimum = 1, maximum = 50)]
    routes: Option<u32>,
}

/// Routes from one level to another with P10/P50/P90 years and pay on the way, as
/// `rungs path --json`.
#[utoipa::path(get, path = "/api/v1/path", tag = "ladder", params(PathQuery),
    responses((status = 200, body = PathPlan), (status = 422, response = Problems)))]
async fn path(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<PathQuery>,
) -> Result<Json<PathPlan>> {
    let req = PathRequest {
        from: q.from,
        to: q.to,
        track: q.track,
        stage: q.stage,
        seed: q.seed,
        runs: q.runs,
        routes: q.routes,
        head_start: None,
    };
    Ok(Json(state.app.ladder().path(&actor, req).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct DestinationsQuery {
    /// The level to start from.
    #[param(min_length = 1)]
    from: String,
    /// Keep to the rungs a route on this track reaches (`ic`, `manager`).
    #[param(min_length = 1)]
    track: Option<String>,
    /// The Monte Carlo seed (default 1).
    seed: Option<u64>,
    /// Monte Carlo runs per route (default 10,000; 100 to 100,000).
    #[param(minimum = 100, maximum = 100000)]
    runs: Option<u32>,
}

/// Every destination from a level: the rungs within reach with their years, and the paths off
/// the ladder, as `rungs path --explore --json`.
#[utoipa::path(get, path = "/api/v1/path/destinations", tag = "ladder", params(DestinationsQuery),
    responses((status = 200, body = Explore), (status = 422, response = Problems)))]
async fn destinations(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<DestinationsQuery>,
) -> Result<Json<Explore>> {
    let req = DestinationsRequest {
        from: q.from,
        track: q.track,
        seed: q.seed,
        runs: q.runs,
    };
    Ok(Json(state.app.ladder().destinations(&actor, req).await?))
}
