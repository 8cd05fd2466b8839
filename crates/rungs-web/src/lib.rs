#![forbid(unsafe_code)]
//! The Rungs server: the JSON API under `/api/v1`, with its OpenAPI document at
//! `/api/openapi.json`, health checks, and the authentication every request goes through.
//! Handlers are thin: they parse the request, call one function of the application layer
//! (`rungs-app`, which checks the caller and holds the rules), and answer.

mod api;
pub mod auth;
pub mod config;
mod contract;
pub mod error;
mod extract;
mod health;
mod pages;
mod state;
pub mod views;

use std::future::Future;

use axum::Router;
use tokio::net::TcpListener;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use config::{Config, DemoAccount};
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
        (name = "cycles", description = "Review cycles: stages, records, calibration, to-dos"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
struct ApiDoc;

/// The routes and their OpenAPI document, with what every route shares said once: who may call
/// it (a session cookie or an API token) and that a caller who is not signed in gets 401.
fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use utoipa::openapi::security::SecurityRequirement;
    use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
    use utoipa::openapi::{Ref, RefOr};
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(api::router())
        .split_for_parts();
    contract::state(&mut doc);
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                auth::SESSION_COOKIE,
                "The session cookie from POST /api/v1/auth/login; changes also send its CSRF token in X-CSRF-Token.",
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
    let open = ["/api/v1/setup", "/api/v1/auth/login", "/healthz", "/readyz"];
    for (path, item) in doc.paths.paths.iter_mut() {
        if open.contains(&path.as_str()) {
            continue;
        }
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            op.security = Some(vec![
                SecurityRequirement::new("session", Vec::<String>::new()),
                SecurityRequirement::new("token", Vec::<String>::new()),
            ]);
            op.responses
                .responses
                .entry("401".to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name("Problems")));
        }
    }
    // What any operation of the API may answer besides its own: a path or query value of the
    // wrong kind (400, or 422 naming the parameter), a body too large or not JSON (413, 415)
    // or not valid (422), a record not there or not the caller's (404) or not for their role
    // (403), and the database not answering (503). All are problems.
    for (path, item) in doc.paths.paths.iter_mut() {
        if !path.starts_with("/api/") {
            continue;
        }
        let in_path = path.contains('{');
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            let mut statuses = vec!["400", "503"];
            let has_query = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            if op.request_body.is_some() {
                statuses.extend(["413", "415", "422"]);
            }
            if has_query || in_path {
                statuses.push("422");
            }
            if in_path {
                statuses.push("404");
            }
            if op.security.is_some() {
                statuses.push("403");
            }
            for status in statuses {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name("Problems")));
            }
        }
    }
    (router, doc)
}

/// The application and its OpenAPI document.
pub fn app(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    let (router, doc) = routes();
    let spec = doc.clone();
    let router = router
        .route(
            "/api/openapi.json",
            axum::routing::get(move || async move { axum::Json(spec) }),
        )
        .merge(pages::router().layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::signed_errors,
        )))
        .fallback(fallback)
        .layer(axum::middleware::from_fn(error::api_problems))
        .layer(axum::middleware::from_fn(pages::security_headers))
        .layer(axum::middleware::from_fn(health::log_request))
        .with_state(state);
    (router, doc)
}

/// An address that leads nowhere: a problem in JSON under `/api`, a page elsewhere.
async fn fallback(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        error::ApiError::App(rungs_app::AppError::NotFound("page")).into_response()
    } else {
        pages::not_found().await
    }
}

/// The OpenAPI document alone.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
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
