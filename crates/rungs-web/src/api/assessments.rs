//! Assessments, only ever added, and what they show: the level, the gap and readiness for a
//! target, a development plan, a promotion packet. Milestone evidence sits beside them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_core::Framework;
use rungs_core::assessment::{Assessment, AssessorKind};
use rungs_core::eval::{Assessed, Evaluator};
use rungs_store::{AssessmentRecord, Evidence, NewAssessment, NewEvidence};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ladder::find_level;
use crate::auth::Actor;
use crate::error::{ApiError, ProblemDetails, Result};
use crate::extract::{Body, MAX_JSON, read};
use crate::policy;
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(history, add_assessment))
        .routes(routes!(get_assessment))
        .routes(routes!(evaluation))
        .routes(routes!(evaluate))
        .routes(routes!(gap))
        .routes(routes!(readiness))
        .routes(routes!(plan))
        .routes(routes!(packet))
        .routes(routes!(list_evidence, add_evidence))
}

/// Reads an assessment (the JSON of an assessment file) against a framework, or every
/// problem in it by JSON path.
fn parse(bytes: &[u8], fw: &Framework) -> Result<Assessment> {
    rungs_core::assessment::load_as("assessment.json", bytes, rungs_core::Format::Json, fw)
        .map(|l| l.assessment)
        .map_err(|e| ApiError::invalid("the assessment is not valid", &e.diagnostics))
}

/// A stored assessment, read against the framework version it was made with.
async fn stored(
    state: &AppState,
    actor: &Actor,
    record: &AssessmentRecord,
) -> Result<(Assessment, std::sync::Arc<Framework>)> {
    let fw = state
        .framework_at(actor.org(), record.framework_version)
        .await?;
    let bytes = serde_json::to_vec(&record.body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let a = parse(&bytes, &fw).map_err(|_| {
        ApiError::Internal(format!(
            "stored assessment {} does not read back",
            record.id
        ))
    })?;
    Ok((a, fw))
}

/// A person's assessments, oldest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/assessments", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = Vec<AssessmentRecord>), (status = 404, body = ProblemDetails)))]
async fn history(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Vec<AssessmentRecord>>> {
    policy::see_person(&state, &actor, &id).await?;
    Ok(Json(state.store.assessments(actor.org(), Some(&id)).await?))
}

/// Adds an assessment of a person: the JSON of an assessment file (see docs/growth.md),
/// checked against the organization's current framework. A manager assesses the people under
/// them; everyone may add their own self-assessment. Nothing is ever overwritten.
#[utoipa::path(post, path = "/api/v1/people/{id}/assessments", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    request_body(content = Object, description = "An assessment, as in an assessment file"),
    responses((status = 201, body = AssessmentRecord), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 422, body = ProblemDetails)))]
async fn add_assessment(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response> {
    let bytes = read(req, &state, MAX_JSON).await?;
    let (version, fw) = state.framework(actor.org()).await?;
    let a = parse(&bytes, &fw)?;
    if let Some(other) = a.person_id.as_deref().filter(|p| *p != id) {
        return Err(ApiError::field(
            "/person_id",
            format!("the assessment is of `{other}`, not `{id}`"),
            Some("post it to that person, or leave person_id out"),
        ));
    }
    policy::assess(&state, &actor, &id, a.assessor.kind.as_str()).await?;
    let body: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Internal(e.to_string()))?;
    let record = state
        .store
        .add_assessment(
            actor.org(),
            &actor.author(),
            NewAssessment {
                person: id,
                framework_version: version,
                date: a.date.to_string(),
                assessor_kind: a.assessor.kind.as_str().to_owned(),
                assessor: a.assessor.name.clone(),
                body,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(record)).into_response())
}

/// The record of one assessment.
async fn record(state: &AppState, actor: &Actor, id: i64) -> Result<AssessmentRecord> {
    let record = state.store.assessment(actor.org(), id).await?;
    policy::see_person(state, actor, &record.person)
        .await
        .map_err(|_| ApiError::NotFound("assessment"))?;
    Ok(record)
}

/// One assessment.
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessments",
    params(("id" = i64, Path, description = "The assessment's id")),
    responses((status = 200, body = AssessmentRecord), (status = 404, body = ProblemDetails)))]
async fn get_assessment(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<AssessmentRecord>> {
    Ok(Json(record(&state, &actor, id).await?))
}

fn assessed(ev: &Evaluator<'_>, a: &Assessment) -> Result<Response> {
    let outcome = ev.outcome(a);
    // Written straight to bytes: the answer is large, and a JSON tree in between would double
    // the work of the busiest endpoint. Room for a typical answer up front saves regrowing.
    let mut bytes = Vec::with_capacity(8 << 10);
    serde_json::to_writer(
        &mut bytes,
        &Assessed {
            person: &a.person,
            date: a.date.to_string(),
            assessor: &a.assessor,
            outcome: &outcome,
            versus: None,
        },
    )
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response())
}

/// The level a stored assessment puts the person at, and why, as `rungs assess --json`
/// (against the framework version it was made with).
#[utoipa::path(get, path = "/api/v1/assessments/{id}/evaluation", tag = "assessments",
    params(("id" = i64, Path, description = "The assessment's id")),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails)))]
async fn evaluation(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Response> {
    let r = record(&state, &actor, id).await?;
    let (a, fw) = stored(&state, &actor, &r).await?;
    assessed(&Evaluator::new(&fw), &a)
}

/// The level an assessment puts someone at, and why, as `rungs assess --json`, without
/// keeping it.
#[utoipa::path(post, path = "/api/v1/evaluate", tag = "assessments",
    request_body(content = Object, description = "An assessment, as in an assessment file"),
    responses((status = 200, body = Object), (status = 422, body = ProblemDetails)))]
async fn evaluate(State(state): State<AppState>, actor: Actor, body: Bytes) -> Result<Response> {
    if body.len() > MAX_JSON {
        return Err(ApiError::TooLarge(MAX_JSON >> 20));
    }
    let (_, fw) = state.framework(actor.org()).await?;
    let a = parse(&body, &fw)?;
    assessed(&Evaluator::new(&fw), &a)
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct TargetQuery {
    /// The level to aim for (default: the next rung on the person's track).
    to: Option<String>,
    /// Which assessment (default: the person's latest, a manager's if there is one that day).
    assessment: Option<i64>,
}

/// The person's assessment to read: the one asked for, or their latest.
async fn latest(
    state: &AppState,
    actor: &Actor,
    person: &str,
    which: Option<i64>,
) -> Result<AssessmentRecord> {
    policy::see_person(state, actor, person).await?;
    if let Some(id) = which {
        let r = record(state, actor, id).await?;
        if r.person != person {
            return Err(ApiError::NotFound("assessment"));
        }
        return Ok(r);
    }
    let all = state.store.assessments(actor.org(), Some(person)).await?;
    // Oldest first: the last of the latest day, preferring the manager's view.
    let last_day = all.last().map(|r| r.date.clone());
    all.iter()
        .rev()
        .filter(|r| Some(&r.date) == last_day.as_ref())
        .find(|r| r.assessor_kind == AssessorKind::Manager.as_str())
        .or(all.last())
        .cloned()
        .ok_or(ApiError::Missing(format!("{person} has no assessment yet")))
}

/// The person's assessment the query picks, its framework, and the level the query aims at.
async fn aimed(
    state: &AppState,
    actor: &Actor,
    person: &str,
    q: &TargetQuery,
) -> Result<(Assessment, std::sync::Arc<Framework>, usize)> {
    let r = latest(state, actor, person, q.assessment).await?;
    let (a, fw) = stored(state, actor, &r).await?;
    let to = target(&Evaluator::new(&fw), &a, q.to.as_deref())?;
    Ok((a, fw, to))
}

/// The target level: the one named, or the next rung.
fn target(ev: &Evaluator<'_>, a: &Assessment, to: Option<&str>) -> Result<usize> {
    let fw = ev.framework();
    if let Some(name) = to {
        let level = find_level(fw, name, "?to")?;
        return Ok(fw.level_index(&level.id).unwrap_or_default());
    }
    ev.outcome(a)
        .next_level
        .as_deref()
        .and_then(|id| fw.level_index(id))
        .ok_or_else(|| {
            ApiError::field(
                "?to",
                format!("{} is at the top of their ladder", a.person),
                Some("name a target level"),
            )
        })
}

/// What stands between the person and a level, with the readiness tier, as `rungs gap --json`.
#[utoipa::path(get, path = "/api/v1/people/{id}/gap", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails),
        (status = 422, body = ProblemDetails)))]
async fn gap(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    Query(q): Query<TargetQuery>,
) -> Result<Response> {
    let (a, fw, to) = aimed(&state, &actor, &id, &q).await?;
    let ev = Evaluator::new(&fw);
    Ok(Json(ev.gap(&a, to)).into_response())
}

/// The readiness tier for a level, with the milestones still open.
#[utoipa::path(get, path = "/api/v1/people/{id}/readiness", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails)))]
async fn readiness(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    Query(q): Query<TargetQuery>,
) -> Result<Response> {
    let (a, fw, to) = aimed(&state, &actor, &id, &q).await?;
    let ev = Evaluator::new(&fw);
    Ok(Json(ev.gap(&a, to).readiness).into_response())
}

/// A development plan towards a level, as `rungs plan --json`.
#[utoipa::path(get, path = "/api/v1/people/{id}/plan", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails)))]
async fn plan(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    Query(q): Query<TargetQuery>,
) -> Result<Response> {
    let (a, fw, to) = aimed(&state, &actor, &id, &q).await?;
    let ev = Evaluator::new(&fw);
    Ok(Json(ev.plan(&a, to)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct PacketQuery {
    /// The level the case is for (default: the next rung).
    to: Option<String>,
    /// `json` (the default) or `md` (Markdown).
    format: Option<String>,
}

/// A promotion packet from the person's latest assessment, set beside their latest one of the
/// other kind (self and manager), as `rungs packet`.
#[utoipa::path(get, path = "/api/v1/people/{id}/packet", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), PacketQuery),
    responses((status = 200, body = Object), (status = 404, body = ProblemDetails)))]
async fn packet(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    Query(q): Query<PacketQuery>,
) -> Result<Response> {
    let r = latest(&state, &actor, &id, None).await?;
    let (a, fw) = stored(&state, &actor, &r).await?;
    let ev = Evaluator::new(&fw);
    let to = target(&ev, &a, q.to.as_deref())?;
    // The other view: the latest assessment by the other kind of assessor, on the same framework.
    let all = state.store.assessments(actor.org(), Some(&id)).await?;
    let other = all
        .iter()
        .rev()
        .find(|o| o.assessor_kind != r.assessor_kind && o.framework_version == r.framework_version);
    let versus = match other {
        Some(o) => {
            let (b, _) = stored(&state, &actor, o).await?;
            ev.versus(&a, &b).ok()
        }
        None => None,
    };
    let packet = ev.packet(&a, to, versus);
    match q.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(packet).into_response()),
        "md" => Ok((
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/markdown; charset=utf-8"),
            )],
            packet.to_markdown(),
        )
            .into_response()),
        other => Err(ApiError::field(
            "?format",
            format!("\"{other}\" is not a format"),
            Some("use json or md"),
        )),
    }
}

/// The evidence recorded for a person's milestones.
#[utoipa::path(get, path = "/api/v1/people/{id}/evidence", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = Vec<Evidence>), (status = 404, body = ProblemDetails)))]
async fn list_evidence(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Vec<Evidence>>> {
    policy::see_person(&state, &actor, &id).await?;
    Ok(Json(state.store.evidence(actor.org(), &id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceInput {
    /// A milestone id of the framework.
    milestone: String,
    /// What was done.
    note: String,
    /// Where it can be seen.
    link: Option<String>,
}

/// Records evidence that the person met a milestone. Only ever added.
#[utoipa::path(post, path = "/api/v1/people/{id}/evidence", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    request_body = EvidenceInput,
    responses((status = 201, body = Evidence), (status = 404, body = ProblemDetails),
        (status = 422, body = ProblemDetails)))]
async fn add_evidence(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    Body(body): Body<EvidenceInput>,
) -> Result<Response> {
    policy::see_person(&state, &actor, &id).await?;
    let (_, fw) = state.framework(actor.org()).await?;
    let known = fw
        .moves()
        .iter()
        .flat_map(|m| m.milestones.iter())
        .any(|m| m.id == body.milestone);
    if !known {
        let ids = fw
            .moves()
            .iter()
            .flat_map(|m| m.milestones.iter().map(|x| x.id.as_str()));
        let help = rungs_core::suggest::did_you_mean(&body.milestone, ids);
        return Err(ApiError::field(
            "/milestone",
            format!("there is no milestone `{}`", body.milestone),
            help.as_deref(),
        ));
    }
    if body.note.trim().is_empty() {
        return Err(ApiError::field("/note", "say what was done", None));
    }
    let e = state
        .store
        .add_evidence(
            actor.org(),
            &actor.author(),
            NewEvidence {
                person: id,
                milestone: body.milestone,
                note: body.note,
                link: body.link,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(e)).into_response())
}
