//! The organization's ladder: the framework and its versions, levels, comparisons, pay, job
//! titles, track fit and paths. Everyone signed in may read it; only admins change it.

use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_core::framework::{Level, Stage};
use rungs_core::path::PathOptions;
use rungs_core::titles::Leveller;
use rungs_core::{Framework, Unknown, browse};
use rungs_store::FrameworkVersion;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::error::{ApiError, Problem, ProblemDetails, Result};
use crate::extract::{Body, MAX_FILE, read};
use crate::policy;
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_framework, put_framework))
        .routes(routes!(export_framework))
        .routes(routes!(framework_versions))
        .routes(routes!(levels))
        .routes(routes!(level))
        .routes(routes!(compare))
        .routes(routes!(pay))
        .routes(routes!(pay_check))
        .routes(routes!(titles))
        .routes(routes!(track))
        .routes(routes!(path))
}

/// An unknown name as a 422 at a place in the request, with the nearest names.
pub(crate) fn unknown(location: &str, u: &Unknown) -> ApiError {
    let help = match u.suggestions.as_slice() {
        [] => format!("the {}s are: {}", u.kind, u.known.join(", ")),
        [one] => format!("did you mean `{one}`?"),
        many => format!("did you mean one of: {}?", many.join(", ")),
    };
    ApiError::Invalid {
        title: "the request names something the framework does not have".into(),
        problems: vec![Problem::at(
            location,
            format!("there is no {} `{}`", u.kind, u.given),
            Some(&help),
        )],
    }
}

pub(crate) fn find_level<'f>(fw: &'f Framework, name: &str, location: &str) -> Result<&'f Level> {
    fw.find_level(name).map_err(|u| unknown(location, &u))
}

fn find_stage<'f>(fw: &'f Framework, name: &str, location: &str) -> Result<&'f Stage> {
    fw.find_stage(name).map_err(|u| unknown(location, &u))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FrameworkInfo {
    #[serde(flatten)]
    version: FrameworkVersion,
    /// The whole framework, as `rungs framework export --format json` gives it.
    #[schema(value_type = Object)]
    framework: serde_json::Value,
}

/// The organization's current framework, in full.
#[utoipa::path(get, path = "/api/v1/framework", tag = "ladder",
    responses((status = 200, body = FrameworkInfo), (status = 401, body = ProblemDetails)))]
async fn get_framework(State(state): State<AppState>, actor: Actor) -> Result<Response> {
    let (version, fw) = state.framework(actor.org()).await?;
    let mut info = state.store.framework_version(actor.org(), version).await?;
    info.source.clear();
    let framework = serde_json::to_value(&*fw).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = Json(FrameworkInfo {
        version: info,
        framework,
    })
    .into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    Ok(response)
}

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The version an update was read at, from `If-Match` (`"3"` or `3`).
pub(crate) fn if_match(headers: &HeaderMap) -> Result<i64> {
    let value = headers
        .get(header::IF_MATCH)
        .ok_or_else(|| {
            ApiError::PreconditionRequired(
                "say which version you changed: send If-Match with the ETag you read".into(),
            )
        })?
        .to_str()
        .unwrap_or_default();
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("If-Match: \"{value}\" is not a version")))
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct ExportQuery {
    /// `toml` (the file as stored, the default) or `json`.
    format: Option<String>,
    /// A version other than the current one.
    version: Option<i64>,
}

/// The framework as a file: TOML as stored, or JSON.
#[utoipa::path(get, path = "/api/v1/framework/export", tag = "ladder", params(ExportQuery),
    responses((status = 200, description = "The framework file", content_type = "application/toml", body = String),
        (status = 404, body = ProblemDetails)))]
async fn export_framework(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ExportQuery>,
) -> Result<Response> {
    let version = match q.version {
        Some(v) => v,
        None => state.store.current_framework(actor.org()).await?,
    };
    match q.format.as_deref().unwrap_or("toml") {
        "toml" => {
            let stored = state.store.framework_version(actor.org(), version).await?;
            Ok((
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/toml; charset=utf-8"),
                )],
                stored.source,
            )
                .into_response())
        }
        "json" => {
            let fw = state.framework_at(actor.org(), version).await?;
            Ok(Json(&*fw).into_response())
        }
        other => Err(ApiError::field(
            "?format",
            format!("\"{other}\" is not a format"),
            Some("use toml or json"),
        )),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FrameworkSaved {
    #[serde(flatten)]
    version: FrameworkVersion,
    /// What the framework file does that is allowed but probably not meant.
    warnings: Vec<Problem>,
}

/// Makes a new version of the framework from its TOML file. Send `If-Match` with the version
/// it replaces. Every problem in the file is a 422 with its
/// line and column; assessments keep the version they were made against.
#[utoipa::path(put, path = "/api/v1/framework", tag = "ladder",
    request_body(content = String, content_type = "application/toml", description = "The framework file"),
    params(("If-Match" = String, Header, description = "The version being replaced, e.g. \"1\"")),
    responses((status = 201, body = FrameworkSaved), (status = 403, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 422, body = ProblemDetails),
        (status = 428, body = ProblemDetails)))]
async fn put_framework(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    req: Request,
) -> Result<Response> {
    policy::admin(&actor, "change the framework")?;
    let after = if_match(&headers)?;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if json {
        // Kept as the TOML file people edit, so an export gives back what was sent.
        return Err(ApiError::BadRequest(
            "send the framework as its TOML file (Content-Type: application/toml)".into(),
        ));
    }
    let bytes = read(req, &state, MAX_FILE).await?;
    let loaded = rungs_core::framework::load_as("framework.toml", &bytes, rungs_core::Format::Toml)
        .map_err(|e| {
            ApiError::invalid("framework.toml is not a valid framework", &e.diagnostics)
        })?;
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let saved = state
        .store
        .put_framework(
            actor.org(),
            &actor.author(),
            after,
            loaded.framework.name(),
            &source,
        )
        .await?;
    state.framework_saved(actor.org(), saved.version);
    let mut response = (
        StatusCode::CREATED,
        Json(FrameworkSaved {
            version: FrameworkVersion {
                source: String::new(),
                ..saved.clone()
            },
            warnings: loaded.warnings.iter().map(Problem::from).collect(),
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::ETAG, etag(saved.version));
    Ok(response)
}

/// Every version of the framework, newest first.
#[utoipa::path(get, path = "/api/v1/framework/versions", tag = "ladder",
    responses((status = 200, body = Vec<FrameworkVersion>)))]
async fn framework_versions(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<FrameworkVersion>>> {
    Ok(Json(state.store.framework_versions(actor.org()).await?))
}

/// The whole ladder, as `rungs levels --json`.
#[utoipa::path(get, path = "/api/v1/levels", tag = "ladder",
    responses((status = 200, body = Vec<Object>)))]
async fn levels(State(state): State<AppState>, actor: Actor) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    Ok(Json(browse::summaries(&fw)).into_response())
}

/// One level in full, by id, title or alias, as `rungs level --json`.
#[utoipa::path(get, path = "/api/v1/levels/{level}", tag = "ladder",
    params(("level" = String, Path, description = "A level id, title or alias")),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails)))]
async fn level(
    State(state): State<AppState>,
    actor: Actor,
    Path(name): Path<String>,
) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    let level = fw
        .find_level(&name)
        .map_err(|u| ApiError::Missing(u.to_string()))?;
    Ok(Json(browse::level(&fw, level)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct CompareQuery {
    /// A level id, title or alias.
    a: String,
    /// Another.
    b: String,
}

/// Only what differs between two levels, as `rungs compare --json`.
#[utoipa::path(get, path = "/api/v1/compare", tag = "ladder", params(CompareQuery),
    responses((status = 200, body = Object), (status = 422, body = ProblemDetails)))]
async fn compare(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<CompareQuery>,
) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    let (a, b) = (find_level(&fw, &q.a, "?a")?, find_level(&fw, &q.b, "?b")?);
    Ok(Json(browse::compare(&fw, a, b)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct PayQuery {
    /// A company stage id (`startup`, `mid-size`, `large`); every stage when left out.
    stage: Option<String>,
}

/// A level's pay bands, as `rungs pay --json`: one band for a stage, or all of them.
#[utoipa::path(get, path = "/api/v1/pay/{level}", tag = "ladder", params(
        ("level" = String, Path, description = "A level id, title or alias"), PayQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails),
        (status = 422, body = ProblemDetails)))]
async fn pay(
    State(state): State<AppState>,
    actor: Actor,
    Path(name): Path<String>,
    Query(q): Query<PayQuery>,
) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    let level = fw
        .find_level(&name)
        .map_err(|u| ApiError::Missing(u.to_string()))?;
    let comp = fw
        .compensation()
        .ok_or_else(|| ApiError::Missing(format!("the {} framework has no pay data", fw.name())))?;
    let stages: Vec<&Stage> = match &q.stage {
        Some(s) => vec![find_stage(&fw, s, "?stage")?],
        None => comp.stages.iter().collect(),
    };
    let bands: Vec<browse::Band<'_>> = stages
        .iter()
        .filter_map(|s| browse::band(&fw, level, s))
        .collect();
    match (q.stage.is_some(), bands.as_slice()) {
        (_, []) => Err(ApiError::Missing(format!(
            "{} has no pay band here",
            level.id
        ))),
        (true, [one]) => Ok(Json(one).into_response()),
        _ => Ok(Json(bands).into_response()),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct PayCheckQuery {
    /// A company stage id.
    stage: String,
    /// The amount: `185000`, `185,000`, `$185K` or `1.2M`.
    amount: String,
}

/// Where an amount sits in a level's band, as `rungs pay check --json`.
#[utoipa::path(get, path = "/api/v1/pay/{level}/check", tag = "ladder", params(
        ("level" = String, Path, description = "A level id, title or alias"), PayCheckQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails),
        (status = 422, body = ProblemDetails)))]
async fn pay_check(
    State(state): State<AppState>,
    actor: Actor,
    Path(name): Path<String>,
    Query(q): Query<PayCheckQuery>,
) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    let level = fw
        .find_level(&name)
        .map_err(|u| ApiError::Missing(u.to_string()))?;
    let stage = find_stage(&fw, &q.stage, "?stage")?;
    let value = rungs_core::pay::parse_amount(&q.amount).ok_or_else(|| {
        ApiError::field(
            "?amount",
            format!("\"{}\" is not an amount", q.amount),
            Some("write it like 185000, 185,000, $185K or 1.2M"),
        )
    })?;
    let (Some(comp), Some(range)) = (fw.compensation(), fw.pay(&level.id, &stage.id)) else {
        return Err(ApiError::Missing(format!(
            "{} has no pay band at stage `{}`",
            level.id, stage.id
        )));
    };
    Ok(Json(browse::Placed {
        level: &level.id,
        stage: &stage.id,
        currency: &comp.currency,
        min: range.min,
        max: range.max,
        open_ended: range.open_ended,
        check: rungs_core::pay::check(&range, value),
    })
    .into_response())
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
    responses((status = 200, body = Vec<Object>), (status = 422, body = ProblemDetails)))]
async fn titles(
    State(state): State<AppState>,
    actor: Actor,
    Body(body): Body<Titles>,
) -> Result<Response> {
    if body.titles.len() > 10_000 {
        return Err(ApiError::field(
            "/titles",
            format!(
                "{} titles is more than the 10,000 a request may hold",
                body.titles.len()
            ),
            Some("send them in batches, or use `rungs title --csv`"),
        ));
    }
    let (_, fw) = state.framework(actor.org()).await?;
    let leveller = Leveller::new(&fw, None);
    let verdicts: Vec<_> = body.titles.iter().map(|t| leveller.verdict(t)).collect();
    Ok(Json(verdicts).into_response())
}

/// Which track suits someone, from their answers to the framework's questions (the JSON of a
/// `rungs track --save` file), as `rungs track --json`.
#[utoipa::path(post, path = "/api/v1/track", tag = "ladder",
    request_body(content = Object, description = "Answers, as in a saved answers file"),
    responses((status = 200, body = Object), (status = 422, body = ProblemDetails)))]
async fn track(State(state): State<AppState>, actor: Actor, req: Request) -> Result<Response> {
    let bytes = read(req, &state, crate::extract::MAX_JSON).await?;
    let (_, fw) = state.framework(actor.org()).await?;
    let answers = rungs_core::trackfit::load_answers("answers.json", &bytes, &fw)
        .map_err(|e| ApiError::invalid("the answers are not valid", &e.diagnostics))?;
    Ok(Json(rungs_core::trackfit::fit(&fw, &answers)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct PathQuery {
    /// The level to start from.
    from: String,
    /// The level to reach (not needed with `explore`).
    to: Option<String>,
    /// Every destination from `from` instead of routes to `to`.
    explore: Option<bool>,
    /// Keep to routes on this track.
    track: Option<String>,
    /// Show each step's pay band at this company stage.
    stage: Option<String>,
    /// The Monte Carlo seed (default 1); the same seed gives the same years.
    seed: Option<u64>,
    /// Monte Carlo runs per route (default 10,000; 100 to 100,000).
    runs: Option<u32>,
    /// How many routes, fastest first (default 3; 1 to 50).
    routes: Option<u32>,
}

/// Routes from one level to another with P10/P50/P90 years and pay on the way, or every
/// destination with `explore`, as `rungs path --json`.
#[utoipa::path(get, path = "/api/v1/path", tag = "ladder", params(PathQuery),
    responses((status = 200, body = Object), (status = 422, body = ProblemDetails)))]
async fn path(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PathQuery>,
) -> Result<Response> {
    let (_, fw) = state.framework(actor.org()).await?;
    let from = find_level(&fw, &q.from, "?from")?;
    let from_index = fw.level_index(&from.id).unwrap_or_default();
    let runs = q.runs.unwrap_or(10_000);
    if !(100..=100_000).contains(&runs) {
        return Err(ApiError::field(
            "?runs",
            format!("{runs} runs is outside 100 to 100,000"),
            None,
        ));
    }
    let routes = q.routes.unwrap_or(3);
    if !(1..=50).contains(&routes) {
        return Err(ApiError::field(
            "?routes",
            format!("{routes} routes is outside 1 to 50"),
            None,
        ));
    }
    if let Some(s) = &q.stage {
        find_stage(&fw, s, "?stage")?;
    }
    let seed = q.seed.unwrap_or(1);
    if q.explore.unwrap_or(false) {
        let fw2 = fw.clone();
        let e = tokio::task::spawn_blocking(move || {
            serde_json::to_value(rungs_core::path::explore(
                &fw2,
                from_index,
                seed,
                runs as usize,
            ))
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok(Json(e).into_response());
    }
    let to = q.to.as_deref().ok_or_else(|| {
        ApiError::field("?to", "say which level to reach", Some("or ask to explore"))
    })?;
    let to_index = fw
        .level_index(&find_level(&fw, to, "?to")?.id)
        .unwrap_or_default();
    let opts = PathOptions {
        track: q.track,
        stage: q.stage,
        seed,
        runs: runs as usize,
        max_routes: routes as usize,
        head_start: None,
    };
    let fw2 = fw.clone();
    let plan = tokio::task::spawn_blocking(move || {
        rungs_core::path::plan(&fw2, from_index, to_index, &opts).map(serde_json::to_value)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| ApiError::field("?to", e.to_string(), None))?
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(plan).into_response())
}
