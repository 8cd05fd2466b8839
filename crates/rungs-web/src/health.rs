//! Health checks, and a log line for each request.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, body = String)))]
async fn healthz() -> &'static str {
    "ok"
}

/// How long `/readyz` waits for the database.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_millis(800);

/// The process can serve: the database answers.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200, body = String), (status = 503, body = String)))]
async fn readyz(State(state): State<AppState>) -> Response {
    // Ready means the database answers now: within 0.8 s, or not at all.
    let ping = tokio::time::timeout(READY_WITHIN, state.app.ping()).await;
    match ping
        .map_err(|_| "no answer within 0.8 s".to_owned())
        .and_then(|r| r.map_err(|e| e.to_string()))
    {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
                .into_response()
        }
    }
}

/// Logs each request: method, path (never the query, which may hold ids), status and time.
pub(crate) async fn log_request(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16();
    // Milliseconds to the hundredth: finer is noise in a log.
    let ms = (started.elapsed().as_secs_f64() * 100_000.0).round() / 100.0;
    if path != "/healthz" {
        tracing::info!(%method, %path, status, ms, "request");
    }
    response
}
