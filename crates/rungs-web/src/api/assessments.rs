//! Assessments, only ever added, and what they show: the level, the gap and readiness for a
//! target, a development plan, a promotion packet. Milestone evidence sits beside them.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_app::answers::Evidence;
use rungs_app::{Aim, AssessmentView};
use rungs_core::assessment::Document;
use rungs_core::eval::{Assessed, Gaps, Packet, Plan, Readinesses};
use rungs_core::{AssessmentId, PersonId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::formats::DocFormat;
use crate::auth::Caller;
use crate::error::{Problems, Result};
use crate::extract::{Body, MAX_JSON, Params, read};
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

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// Only assessments after this one (the id the `Link: rel="next"` header names).
    after: Option<i64>,
    /// At most this many (default 100): fewer than 1 counts as 1, more than 1,000 as 1,000.
    limit: Option<usize>,
}

/// A person's assessments, oldest first, a page at a time: when there are more, a
/// `Link: <…?after=…&limit=…>; rel="next"` header says where the next page is.
#[utoipa::path(get, path = "/api/v1/people/{id}/assessments", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), PageQuery),
    responses((status = 200, body = Vec<AssessmentView>,
        headers(("link" = String, description = "The next page, when there is one"))),
        (status = 404, response = Problems)))]
async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Params(q): Params<PageQuery>,
) -> Result<Response> {
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let (list, next) = state
        .app
        .assessments()
        .assessments_page(&actor, &id, q.after.map(AssessmentId), limit)
        .await?;
    let mut response = Json(list).into_response();
    if let Some(after) = next {
        let link = format!(
            "</api/v1/people/{}/assessments?after={after}&limit={limit}>; rel=\"next\"",
            form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
        );
        if let Ok(v) = axum::http::HeaderValue::from_str(&link) {
            response.headers_mut().insert(axum::http::header::LINK, v);
        }
    }
    Ok(response)
}

/// Adds an assessment of a person: the JSON of an assessment file (see docs/growth.md),
/// checked against the organization's current framework. A manager assesses the people under
/// them; everyone may add their own self-assessment. Nothing is ever overwritten. While the
/// person is in a review that has not shared its results, a self-assessment or a manager's
/// rating is written in the review's record instead: 409, naming it.
#[utoipa::path(post, path = "/api/v1/people/{id}/assessments", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    request_body(content = Document, description = "An assessment, as in an assessment file"),
    responses((status = 201, body = AssessmentView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 413, response = Problems), (status = 422, response = Problems)))]
async fn add_assessment(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    req: Request,
) -> Result<Response> {
    let bytes = read(req, &state, MAX_JSON).await?;
    let view = state
        .app
        .assessments()
        .add_assessment(&actor, &id, &bytes)
        .await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// One assessment.
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessments",
    params(("id" = i64, Path, description = "The assessment's id")),
    responses((status = 200, body = AssessmentView), (status = 404, response = Problems)))]
async fn get_assessment(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<AssessmentId>,
) -> Result<Json<AssessmentView>> {
    Ok(Json(state.app.assessments().assessment(&actor, id).await?))
}

/// The level a stored assessment puts the person at, and why, as `rungs assess --json`
/// (against the framework version it was made with).
#[utoipa::path(get, path = "/api/v1/assessments/{id}/evaluation", tag = "assessments",
    params(("id" = i64, Path, description = "The assessment's id")),
    responses((status = 200, body = Assessed), (status = 404, response = Problems)))]
async fn evaluation(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<AssessmentId>,
) -> Result<Json<Assessed>> {
    Ok(Json(state.app.assessments().evaluation(&actor, id).await?))
}

/// The level an assessment puts someone at, and why, as `rungs assess --json`, without
/// keeping it.
#[utoipa::path(post, path = "/api/v1/evaluate", tag = "assessments",
    request_body(content = Document, description = "An assessment, as in an assessment file"),
    responses((status = 200, body = Assessed), (status = 413, response = Problems),
        (status = 422, response = Problems)))]
async fn evaluate(
    State(state): State<AppState>,
    Caller(actor): Caller,
    req: axum::extract::Request,
) -> Result<Json<Assessed>> {
    // The same limit as every JSON body, refused the same way.
    let body = read(req, &state, MAX_JSON).await?;
    Ok(Json(state.app.assessments().evaluate(&actor, &body).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct TargetQuery {
    /// The level to aim for (default: the next rung on the person's track).
    #[param(min_length = 1)]
    to: Option<String>,
    /// Which assessment (default: the person's latest, by the rule in docs/growth.md).
    assessment: Option<i64>,
}

impl From<TargetQuery> for Aim {
    fn from(q: TargetQuery) -> Aim {
        Aim {
            to: q.to,
            assessment: q.assessment.map(AssessmentId),
        }
    }
}

/// What stands between the person and a level, with the readiness tier, as `rungs gap --json`.
/// Without `to`, for someone at the split who has not chosen a track, both branches side by side.
#[utoipa::path(get, path = "/api/v1/people/{id}/gap", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Gaps), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn gap(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Params(q): Params<TargetQuery>,
) -> Result<Json<Gaps>> {
    Ok(Json(
        state.app.assessments().gap(&actor, &id, &q.into()).await?,
    ))
}

/// The readiness tier for a level, with the milestones still open; at the split, one per branch.
#[utoipa::path(get, path = "/api/v1/people/{id}/readiness", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Readinesses), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn readiness(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Params(q): Params<TargetQuery>,
) -> Result<Json<Readinesses>> {
    Ok(Json(
        state
            .app
            .assessments()
            .readiness(&actor, &id, &q.into())
            .await?,
    ))
}

/// A development plan towards a level, as `rungs plan --json`.
#[utoipa::path(get, path = "/api/v1/people/{id}/plan", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), TargetQuery),
    responses((status = 200, body = Plan), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn plan(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Params(q): Params<TargetQuery>,
) -> Result<Json<Plan>> {
    Ok(Json(
        state.app.assessments().plan(&actor, &id, &q.into()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PacketQuery {
    /// The level the case is for (default: the next rung).
    #[param(min_length = 1)]
    to: Option<String>,
    /// `json` (the default), `md` (Markdown) or `html` (printable).
    #[param(inline)]
    format: Option<super::formats::DocFormat>,
}

/// A promotion packet from the person's latest assessment, set beside their latest one of the
/// other kind (self and manager), as `rungs packet`.
#[utoipa::path(get, path = "/api/v1/people/{id}/packet", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id"), PacketQuery),
    responses((status = 200, description = "The packet: JSON, Markdown or printable HTML",
            content((Packet = "application/json"), (String = "text/markdown"), (String = "text/html"))),
        (status = 404, response = Problems), (status = 422, response = Problems)))]
async fn packet(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Params(q): Params<PacketQuery>,
) -> Result<Response> {
    let aim = Aim {
        to: q.to,
        assessment: None,
    };
    let view = state.app.assessments().packet(&actor, &id, &aim).await?;
    let text = |content_type: &'static str, body: String| {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    };
    Ok(match q.format.unwrap_or_default() {
        DocFormat::Md => text(
            "text/markdown; charset=utf-8",
            rungs_render::packet(&view.packet),
        ),
        DocFormat::Html => text(
            "text/html; charset=utf-8",
            crate::views::packet::document(&view.packet, crate::views::Styles::Linked)
                .into_string(),
        ),
        DocFormat::Json => Json(view.packet).into_response(),
    })
}

/// The evidence recorded for a person's milestones.
#[utoipa::path(get, path = "/api/v1/people/{id}/evidence", tag = "assessments",
    params(("id" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = Vec<Evidence>), (status = 404, response = Problems)))]
async fn list_evidence(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
) -> Result<Json<Vec<Evidence>>> {
    Ok(Json(state.app.assessments().evidence(&actor, &id).await?))
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
    responses((status = 201, body = Evidence), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn add_evidence(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    Body(body): Body<EvidenceInput>,
) -> Result<Response> {
    let e = state
        .app
        .assessments()
        .add_evidence(&actor, &id, &body.milestone, &body.note, body.link)
        .await?;
    Ok((StatusCode::CREATED, Json(e)).into_response())
}
