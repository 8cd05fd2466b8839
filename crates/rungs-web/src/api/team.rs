//! The team report over stored people and assessments, and the audit log.

use std::collections::HashSet;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rungs_core::Date;
use rungs_core::team::{History, ReportOptions, load_roster, report};
use rungs_store::{AuditEntry, PeopleFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::roster::roster_csv;
use crate::auth::Actor;
use crate::error::{ApiError, ProblemDetails, Result};
use crate::policy::{self, Scope};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(team_report))
        .routes(routes!(audit))
}

/// Today, by the server's clock.
pub(crate) fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days(i32::try_from(secs / 86_400).unwrap_or(0))
}

fn date(value: Option<&str>, location: &str, default: Date) -> Result<Date> {
    match value {
        None => Ok(default),
        Some(v) => v.parse().map_err(|e| {
            ApiError::field(
                location,
                format!("\"{v}\" is not a date: {e}"),
                Some("YYYY-MM-DD"),
            )
        }),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct ReportQuery {
    /// The day to report on, YYYY-MM-DD (default: today); later assessments are ignored.
    as_of: Option<String>,
    /// The start of the window for changes (default: a year before `as_of`).
    since: Option<String>,
    /// `json` (the default) or `md` (Markdown).
    format: Option<String>,
}

/// The team report, as `rungs team report`: span of control, shape, promotion pipeline, pay,
/// calibration and changes, with what to act on. An admin gets the whole organization, a
/// manager the people under them.
#[utoipa::path(get, path = "/api/v1/team/report", tag = "team", params(ReportQuery),
    responses((status = 200, body = Object), (status = 403, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 422, body = ProblemDetails)))]
async fn team_report(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ReportQuery>,
) -> Result<Response> {
    let scope = policy::team(&actor)?;
    let as_of = date(q.as_of.as_deref(), "?as_of", today())?;
    let since = date(
        q.since.as_deref(),
        "?since",
        Date::from_days(as_of.days() - 365),
    )?;
    let markdown = match q.format.as_deref().unwrap_or("json") {
        "json" => false,
        "md" => true,
        other => {
            return Err(ApiError::field(
                "?format",
                format!("\"{other}\" is not a format"),
                Some("use json or md"),
            ));
        }
    };
    let filter = match scope {
        Scope::Under(me) => PeopleFilter {
            under: Some(me),
            ..PeopleFilter::default()
        },
        _ => PeopleFilter::default(),
    };
    let people = state.store.people(actor.org(), &filter).await?;
    let ids: HashSet<String> = people.iter().map(|p| p.id.clone()).collect();
    let mut records = state.store.assessments(actor.org(), None).await?;
    records.retain(|r| ids.contains(&r.person));
    let (_, fw) = state.framework(actor.org()).await?;
    let csv = roster_csv(&people);
    let body = tokio::task::spawn_blocking(move || -> Result<String> {
        let roster = load_roster("roster", csv.as_bytes(), &fw)
            .map_err(|e| {
                let first = e.errors().next().map_or(String::new(), |d| d.message.clone());
                ApiError::Conflict(format!(
                    "the stored roster does not read against the current framework ({first}): update those people"
                ))
            })?
            .roster;
        let mut history = History::new(&fw);
        for r in &records {
            let Some(p) = roster.person(&r.person) else { continue };
            let Ok(bytes) = serde_json::to_vec(&r.body) else { continue };
            // An assessment made against an older framework that no longer reads is left out.
            if let Ok(l) = rungs_core::assessment::load_as("a.json", &bytes, rungs_core::Format::Json, &fw) {
                history.add(&fw, &l.assessment, p);
            }
        }
        history.sort();
        let r = report(&fw, &roster, &history, ReportOptions { as_of, since });
        if markdown {
            Ok(r.to_markdown())
        } else {
            serde_json::to_string(&r).map_err(|e| ApiError::Internal(e.to_string()))
        }
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let content_type = if markdown {
        "text/markdown; charset=utf-8"
    } else {
        "application/json"
    };
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct AuditQuery {
    /// At most this many entries (default 100, at most 1,000).
    limit: Option<i64>,
    /// Entries before this id, for the next page.
    before: Option<i64>,
}

/// Every change, newest first: who, what, when. Admins only.
#[utoipa::path(get, path = "/api/v1/audit", tag = "team", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ProblemDetails)))]
async fn audit(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>> {
    policy::admin(&actor, "read the audit log")?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    Ok(Json(state.store.audit(actor.org(), limit, q.before).await?))
}
