//! The whole roster and the whole assessment history at once: imports all or nothing, and the
//! roster as a CSV. The formats are those of `rungs team` (docs/teams.md).

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rungs_app::{AssessmentsImported, HistorySource, RosterImported};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{MAX_FILE, read};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export_roster, import_roster))
        .routes(routes!(import_assessments))
}

/// The whole roster as CSV. Admins only.
#[utoipa::path(get, path = "/api/v1/roster", tag = "people",
    responses((status = 200, description = "The roster", content_type = "text/csv", body = String),
        (status = 403, response = Problems)))]
async fn export_roster(State(state): State<AppState>, Caller(actor): Caller) -> Result<Response> {
    let csv = state.app.people().roster_csv(&actor).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"roster.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}

/// Imports a roster CSV: everyone in the file is created or written over; no one else is
/// touched. Every bad row is a 422 with its line and column, and then nothing is written.
/// Admins only.
#[utoipa::path(post, path = "/api/v1/roster", tag = "people",
    request_body(content = String, content_type = "text/csv", description = "The roster CSV"),
    responses((status = 200, body = RosterImported), (status = 403, response = Problems),
        (status = 413, response = Problems), (status = 422, response = Problems)))]
async fn import_roster(
    State(state): State<AppState>,
    Caller(actor): Caller,
    req: Request,
) -> Result<Json<RosterImported>> {
    rungs_app::policy::admin(&actor, "import the roster")?;
    let bytes = read(req, &state, MAX_FILE).await?;
    Ok(Json(
        state
            .app
            .people()
            .import_roster(&actor, "roster.csv", Vec::from(bytes), &|_| {})
            .await?,
    ))
}

/// Imports an assessment history: a history CSV (`text/csv`), or assessment files as JSON
/// (`application/json`: one assessment, or an array of them). All or nothing: every bad row is
/// a 422 with its line and column, and then nothing is written. Self, manager and peer
/// assessments are kept as what they are; you are recorded as the importer. Admins only.
#[utoipa::path(post, path = "/api/v1/assessments/import", tag = "assessments",
    request_body(description = "A history CSV, or JSON assessment files",
        content((String = "text/csv"), (Vec<rungs_core::assessment::Document> = "application/json"))),
    responses((status = 200, body = AssessmentsImported), (status = 403, response = Problems),
        (status = 413, response = Problems), (status = 415, response = Problems),
        (status = 422, response = Problems)))]
async fn import_assessments(
    State(state): State<AppState>,
    Caller(actor): Caller,
    req: Request,
) -> Result<Json<AssessmentsImported>> {
    rungs_app::policy::admin(&actor, "import assessments")?;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes = read(req, &state, MAX_FILE).await?;
    let files = if content_type.starts_with("text/csv") {
        vec![("history.csv".to_owned(), Vec::from(bytes))]
    } else if content_type.starts_with("application/json") {
        json_files(&bytes)?
    } else {
        return Err(ApiError::Unsupported(
            "send a history CSV as text/csv, or assessment files as application/json".into(),
        ));
    };
    Ok(Json(
        state
            .app
            .reports()
            .import_assessments(&actor, HistorySource { files }, &|_| {})
            .await?,
    ))
}

/// JSON assessment files from a body: one document, or each item of an array as its own file
/// (`assessments[3].json`, so a problem names the item).
fn json_files(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'[') {
        return Ok(vec![("assessment.json".to_owned(), bytes.to_vec())]);
    }
    let items: Vec<Box<serde_json::value::RawValue>> = crate::extract::parse_json(bytes)?;
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            (
                format!("assessments[{i}].json"),
                raw.get().as_bytes().to_vec(),
            )
        })
        .collect())
}
