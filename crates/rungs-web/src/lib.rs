#![forbid(unsafe_code)]
//! The Rungs server: the JSON API under `/api/v1`, with its OpenAPI document at
//! `/api/openapi.json`, health checks, and the authentication every request goes through.
//! Handlers are thin: they parse the request, call one function of the application layer
//! (`rungs-app`, which checks the caller and holds the rules), and answer.

mod api;
pub mod auth;
pub mod config;
pub mod error;
mod extract;
mod health;
mod state;
pub mod views;

use std::future::Future;

use axum::Router;
use tokio::net::TcpListener;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use config::Config;
pub use state::AppState;

/// The OpenAPI document's frame; the paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rungs",
        description = "The product-management career ladder as a service: the ladder, people, \
assessments and the team report. Sign in with `POST /api/v1/auth/login` (a session cookie; send \
its CSRF token in `X-CSRF-Token` with changes) or send an API token as `Authorization: Bearer`. \
Errors are `application/problem+json` (RFC 9457): a title, the status, and every problem \
with its place (a JSON path, a query parameter, a CSV line and column)."
    ),
    components(responses(error::Problems), schemas(error::ProblemDetails)),
    tags(
        (name = "auth", description = "Setting up, signing in and out"),
        (name = "users", description = "Who can sign in, and their roles"),
        (name = "tokens", description = "API tokens for scripts"),
        (name = "ladder", description = "The organization's framework: levels, pay, titles, paths"),
        (name = "people", description = "The roster"),
        (name = "assessments", description = "Assessments, only ever added, and what they show"),
        (name = "team", description = "The team report and the audit log"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
struct ApiDoc;

/// The application and its OpenAPI document.
pub fn app(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(api::router())
        .split_for_parts();
    let spec = doc.clone();
    let router = router
        .route(
            "/api/openapi.json",
            axum::routing::get(move || async move { axum::Json(spec) }),
        )
        .fallback(|| async { error::ApiError::App(rungs_app::AppError::NotFound("page")) })
        .layer(axum::middleware::from_fn(health::log_request))
        .with_state(state);
    (router, doc)
}

/// The OpenAPI document alone.
pub fn openapi() -> utoipa::openapi::OpenApi {
    OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(api::router())
        .split_for_parts()
        .1
}

/// Serves the application on a bound listener until `shutdown` completes, then finishes the
/// requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (router, _) = app(state);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
