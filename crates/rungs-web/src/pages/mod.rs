//! The web application's pages: server-rendered HTML over the application layer. Every page
//! works without script; forms post, redirect and show a bad field beside the field with the
//! same message and place the API gives.

mod account;
mod admin;
mod assess;
mod charts;
mod cycles;
mod form;
mod framework;
mod home;
mod ladder;
mod layout;
mod me;
mod org;
mod roster;
mod team;
mod tools;

use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rungs_app::{Actor, AppError, Via};

pub(crate) use form::{FieldErrors, Form};
pub(crate) use layout::{Nav, page};

use crate::auth::{SESSION_COOKIE, cookie};
use crate::state::AppState;

/// The stylesheet, served by the binary.
const STYLE: &str = include_str!("../../static/rungs.css");

/// What every page response carries: no script but our own, no framing, nothing from another
/// host.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/ladder", get(ladder::ladder))
        .route("/levels/{id}", get(ladder::level))
        .route("/compare", get(ladder::compare))
        .route("/pay", get(ladder::pay))
        .route("/explore", get(ladder::explore_page))
        .route("/path", get(tools::path_page))
        .route("/assess", get(assess::page_get).post(assess::page_post))
        .route("/me/assessments", get(me::assessments))
        .route("/me/assessments/{id}", get(me::assessment))
        .route("/me/gap", get(me::gap))
        .route("/me/plan", get(me::plan))
        .route("/me/packet", get(me::packet))
        .route("/cycles", get(cycles::list).post(cycles::create))
        .route("/cycles/{id}", get(cycles::cycle))
        .route("/cycles/{id}/stage", axum::routing::post(cycles::stage))
        .route("/cycles/{id}/calibration", get(cycles::calibration))
        .route("/cycles/{id}/export.csv", get(cycles::export_csv))
        .route("/cycles/{id}/export.json", get(cycles::export_json))
        .route("/cycles/{id}/people/{person}", get(cycles::person))
        .route(
            "/cycles/{id}/people/{person}/self",
            axum::routing::post(cycles::write_self),
        )
        .route(
            "/cycles/{id}/people/{person}/manager",
            axum::routing::post(cycles::write_manager),
        )
        .route(
            "/cycles/{id}/people/{person}/reopen",
            axum::routing::post(cycles::reopen),
        )
        .route(
            "/cycles/{id}/people/{person}/calibrate",
            axum::routing::post(cycles::calibrate),
        )
        .route(
            "/cycles/{id}/people/{person}/correct",
            axum::routing::post(cycles::correct),
        )
        .route("/team", get(team::team))
        .route("/org", get(org::org))
        .route(
            "/admin/people/new",
            get(roster::new_get).post(roster::new_post),
        )
        .route(
            "/people/{id}/edit",
            get(roster::edit_get).post(roster::edit_post),
        )
        .route("/admin", get(admin::index))
        .route("/admin/data", get(admin::data))
        .route(
            "/admin/data/roster",
            axum::routing::post(admin::upload_roster)
                .layer(axum::extract::DefaultBodyLimit::max(admin::MAX_UPLOAD)),
        )
        .route(
            "/admin/data/history",
            axum::routing::post(admin::upload_history)
                .layer(axum::extract::DefaultBodyLimit::max(admin::MAX_UPLOAD)),
        )
        .route("/admin/data/roster.csv", get(admin::roster_csv))
        .route(
            "/admin/data/roster-template.csv",
            get(admin::roster_template),
        )
        .route("/admin/data/history.csv", get(admin::history_csv))
        .route("/admin/data/report.json", get(admin::report_json))
        .route("/admin/data/report.md", get(admin::report_md))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}", axum::routing::post(admin::update_user))
        .route(
            "/admin/users/{id}/access",
            axum::routing::post(admin::access),
        )
        .route("/admin/tokens", get(admin::tokens))
        .route(
            "/admin/tokens/{id}/revoke",
            axum::routing::post(admin::revoke_token),
        )
        .route("/admin/audit", get(admin::audit))
        .route("/admin/framework", get(framework::framework))
        .route("/admin/framework/source", get(framework::source))
        .route("/admin/framework/sheet", get(framework::sheet))
        .route("/admin/framework/template", get(framework::template))
        .route("/admin/framework/diff", get(framework::diff))
        .route(
            "/admin/framework/edit",
            get(framework::edit_get).post(framework::edit_post),
        )
        .route(
            "/admin/framework/upload",
            axum::routing::post(framework::upload).layer(axum::extract::DefaultBodyLimit::max(
                rungs_app::sheets::MAX_SPREADSHEET,
            )),
        )
        .route("/people/{id}", get(team::person))
        .route(
            "/people/{id}/assess",
            get(assess::their_get).post(assess::their_post),
        )
        .route("/people/{id}/assessments", get(me::their_assessments))
        .route("/people/{id}/assessments/{aid}", get(me::their_assessment))
        .route("/people/{id}/gap", get(me::their_gap))
        .route("/people/{id}/plan", get(me::their_plan))
        .route("/people/{id}/packet", get(me::their_packet))
        .route("/track", get(tools::track_page).post(tools::track))
        .route("/titles", get(tools::titles_page).post(tools::titles))
        .route("/titles/csv", axum::routing::post(tools::titles_csv))
        .route("/static/rungs.css", get(stylesheet))
        .route("/static/print.css", get(print_stylesheet))
        .route("/static/upload.js", get(upload_script))
        .merge(account::router())
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// The upload forms' progress, as progressive enhancement.
const UPLOAD_JS: &str = include_str!("../../static/upload.js");

async fn upload_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        UPLOAD_JS,
    )
        .into_response()
}

/// What an upload form shows while it sends, with the script that fills it in.
pub(crate) fn upload_progress() -> maud::Markup {
    maud::html! {
        progress hidden aria-label="Upload progress" {}
        p.hint data-status aria-live="polite" {}
    }
}

async fn print_stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        crate::views::print_css(),
    )
        .into_response()
}

/// Adds the security headers every response carries. Nothing but the static files (which say
/// so themselves) may be kept by a browser or a proxy: a page or an answer is someone's
/// assessment or pay, and Back after signing out must not show it from a cache.
pub(crate) async fn security_headers(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Who is looking at a page: a signed-in user (by the session cookie), or a visitor.
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    pub(crate) signed: Option<SignedViewer>,
    /// The path asked for, to come back to after signing in.
    pub(crate) path: String,
}

#[derive(Debug, Clone)]
pub(crate) struct SignedViewer {
    pub(crate) actor: Actor,
    pub(crate) csrf: String,
    /// The session's token, to keep it when the password changes.
    pub(crate) token: String,
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, PageError> {
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.to_string(), |u| u.0.to_string());
        let Some(token) = cookie(parts, SESSION_COOKIE).map(str::to_owned) else {
            return Ok(Viewer { signed: None, path });
        };
        let signed = state
            .app
            .signed_in(Via::Session, &token)
            .await
            .map_err(PageError::from)?
            .map(|s| SignedViewer {
                actor: Actor::user(s.user),
                csrf: s.csrf.unwrap_or_default(),
                token,
            });
        Ok(Viewer { signed, path })
    }
}

/// A signed-in user, or a redirect to sign in and come back.
#[derive(Debug, Clone)]
pub(crate) struct Member(pub(crate) SignedViewer);

impl FromRequestParts<AppState> for Member {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Member, Response> {
        let viewer = Viewer::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match viewer.signed {
            Some(s) => Ok(Member(s)),
            None => Err(form::redirect(&format!(
                "/sign-in?next={}",
                form_urlencoded::byte_serialize(viewer.path.as_bytes()).collect::<String>()
            ))
            .into_response()),
        }
    }
}

impl SignedViewer {
    pub(crate) fn nav(&self) -> Nav {
        Nav::signed(&self.actor, &self.csrf)
    }
}

/// An error shown as a page, in the product's voice; never the internals.
#[derive(Debug)]
pub(crate) struct PageError {
    pub(crate) status: StatusCode,
    pub(crate) title: &'static str,
    pub(crate) message: String,
}

impl PageError {
    /// A form whose CSRF token is missing or not this session's.
    pub(crate) fn expired() -> PageError {
        PageError {
            status: StatusCode::FORBIDDEN,
            title: "The form expired",
            message: "This form was not sent from a page of this site, or it has been open too long. Go back, reload the page and send it again.".into(),
        }
    }

    pub(crate) fn not_found(what: &str) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            title: "Not found",
            message: format!(
                "There is no {what} here. It may have moved, or the address may be mistyped."
            ),
        }
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        match e {
            AppError::Unauthorized => PageError {
                status: StatusCode::UNAUTHORIZED,
                title: "Sign in first",
                message: "This page is for people signed in to Rungs.".into(),
            },
            AppError::Forbidden(m) => PageError {
                status: StatusCode::FORBIDDEN,
                title: "Not yours to see",
                message: sentence(&m),
            },
            AppError::NotFound(what) => PageError::not_found(what),
            AppError::Missing(m) => PageError {
                status: StatusCode::NOT_FOUND,
                title: "Not found",
                message: sentence(&m),
            },
            AppError::Conflict(m) => PageError {
                status: StatusCode::CONFLICT,
                title: "That could not be done",
                message: sentence(&m),
            },
            AppError::Invalid { title, problems } => PageError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                title: "That could not be used",
                message: std::iter::once(sentence(&title))
                    .chain(problems.iter().map(|p| sentence(&p.message)))
                    .collect::<Vec<_>>()
                    .join(" "),
            },
            AppError::TooManyRequests { retry_after } => PageError {
                status: StatusCode::TOO_MANY_REQUESTS,
                title: "Too many tries",
                message: format!(
                    "Too many failed sign-ins. Try again in {} minutes.",
                    retry_after.div_ceil(60)
                ),
            },
            AppError::Unavailable(detail) => {
                tracing::warn!(%detail, "a page waited for the database");
                PageError {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    title: "Back in a moment",
                    message: "The database is not answering just now. Nothing you sent was lost; try again in a minute.".into(),
                }
            }
            AppError::Internal(detail) => {
                tracing::error!(%detail, "a page failed");
                PageError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    title: "Something went wrong on our side",
                    message: "The page could not be made. Nothing you sent was lost; try again in a moment.".into(),
                }
            }
        }
    }
}

/// A message as a sentence: a capital first letter and a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = page(
            &Nav::visitor(),
            self.title,
            maud::html! {
                h1 { (self.title) }
                p.lead { (self.message) }
                p { a href="/" { "Go to the start page" } }
            },
        );
        (self.status, body).into_response()
    }
}

/// The page for an address that leads nowhere (the API's own addresses answer in JSON).
pub(crate) async fn not_found() -> Response {
    PageError::not_found("page").into_response()
}
