//! The team report over stored people and assessments, and the audit log.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rungs_app::answers::AuditEntry;
use rungs_app::{OrgPay, ReportRequest};
use rungs_core::Date;
use rungs_core::PersonId;
use rungs_core::team::Report;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::formats::DocFormat;
use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{Body, Params};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(team_report))
        .routes(routes!(team_people))
        .routes(routes!(audit))
        .routes(routes!(org_pay, set_org_pay))
}

/// The organization's company stage and pay zone, as its admin set them: what the pay page
/// opens on, and the stage the team's pay figures use for anyone the roster gives none.
#[utoipa::path(get, path = "/api/v1/org/pay", tag = "team",
    responses((status = 200, body = OrgPay), (status = 401, response = Problems)))]
async fn org_pay(State(state): State<AppState>, Caller(actor): Caller) -> Result<Json<OrgPay>> {
    Ok(Json(state.app.accounts().org_pay(&actor).await?))
}

/// Sets the organization's company stage and pay zone (either may be null: unset), each one
/// of the framework's; audited. Admins only.
#[utoipa::path(put, path = "/api/v1/org/pay", tag = "team", request_body = OrgPay,
    responses((status = 200, body = OrgPay), (status = 403, response = Problems),
        (status = 422, response = Problems)))]
async fn set_org_pay(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(body): Body<OrgPay>,
) -> Result<Json<OrgPay>> {
    Ok(Json(state.app.accounts().set_org_pay(&actor, body).await?))
}

/// A day given in the query, or a 422 naming the parameter.
pub(crate) fn day(value: Option<&str>, location: &str) -> Result<Option<Date>> {
    value
        .map(|v| {
            v.parse().map_err(|e| {
                ApiError::field(
                    location,
                    format!("\"{v}\" is not a date: {e}"),
                    Some("YYYY-MM-DD"),
                )
            })
        })
        .transpose()
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReportQuery {
    /// The day to report on, YYYY-MM-DD (default: today); later assessments are ignored.
    #[param(min_length = 1)]
    as_of: Option<String>,
    /// The start of the window for changes (default: a year before `as_of`).
    #[param(min_length = 1)]
    since: Option<String>,
    /// Only this person's organization: them and everyone under them.
    #[param(min_length = 1)]
    manager: Option<String>,
    /// `json` (the default), `md` (Markdown) or `html`.
    #[param(inline)]
    format: Option<super::formats::DocFormat>,
}

/// The team report, as `rungs team report`: span of control, shape, promotion pipeline, pay,
/// calibration and changes, with what to act on. An admin gets the whole organization (or the
/// part under `manager`), a manager the people under them.
#[utoipa::path(get, path = "/api/v1/team/report", tag = "team", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, Markdown or HTML",
            content((Report = "application/json"), (String = "text/markdown"), (String = "text/html"))),
        (status = 403, response = Problems), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn team_report(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<ReportQuery>,
) -> Result<Response> {
    let req = ReportRequest {
        as_of: day(q.as_of.as_deref(), "?as_of")?,
        since: day(q.since.as_deref(), "?since")?,
        manager: q.manager.map(PersonId::from),
    };
    let report = state.app.reports().team_report(&actor, &req).await?;
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
            rungs_render::report(&report),
        ),
        DocFormat::Html => text(
            "text/html; charset=utf-8",
            crate::views::team::document(&report, crate::views::Styles::Linked).into_string(),
        ),
        DocFormat::Json => Json(report).into_response(),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PeopleQuery {
    /// The day to read the team on, YYYY-MM-DD (default: today); later assessments are ignored.
    #[param(min_length = 1)]
    as_of: Option<String>,
    /// Only this person's organization: them and everyone under them.
    #[param(min_length = 1)]
    manager: Option<String>,
}

/// The people of the team, a row each, as `rungs team people --json` and the `/team` page give
/// them: the level held, the level the latest assessment shows, readiness for the next rung,
/// time on the rung, the latest assessment. Scoped as the team report is.
#[utoipa::path(get, path = "/api/v1/team/people", tag = "team", params(PeopleQuery),
    responses((status = 200, body = Vec<rungs_core::team::Member>),
        (status = 403, response = Problems), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn team_people(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<PeopleQuery>,
) -> Result<Json<Vec<rungs_core::team::Member>>> {
    let req = ReportRequest {
        as_of: day(q.as_of.as_deref(), "?as_of")?,
        since: None,
        manager: q.manager.map(PersonId::from),
    };
    let (people, _) = state.app.reports().team_members(&actor, &req).await?;
    Ok(Json(people))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditQuery {
    /// At most this many entries (default 100, at most 1,000).
    limit: Option<i64>,
    /// Entries before this id, for the next page.
    before: Option<i64>,
}

/// Every change, newest first: who, what, when. Admins only.
#[utoipa::path(get, path = "/api/v1/audit", tag = "team", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, response = Problems),
        (status = 422, response = Problems)))]
async fn audit(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>> {
    Ok(Json(
        state
            .app
            .accounts()
            .audit(&actor, q.limit.unwrap_or(100), q.before)
            .await?,
    ))
}
