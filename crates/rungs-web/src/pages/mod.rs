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
mod ui;

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
        .route("/static/rungs.css", get(stylesheet))
        .route("/static/print.css", get(print_stylesheet))
        .route("/static/upload.js", get(upload_script))
        .merge(home::routes())
        .merge(ladder::routes())
        .merge(tools::routes())
        .merge(assess::routes())
        .merge(me::routes())
        .merge(cycles::routes())
        .merge(team::routes())
        .merge(org::routes())
        .merge(roster::routes())
        .merge(admin::routes())
        .merge(framework::routes())
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
            .accounts()
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
    /// The status is the API's for the same error (one mapping); the words are the page's.
    fn from(e: AppError) -> PageError {
        let status = crate::error::status_of(&e);
        crate::error::log_inside(&e);
        let (title, message) = match e {
            AppError::Unauthorized => (
                "Sign in first",
                "This page is for people signed in to Rungs.".to_owned(),
            ),
            AppError::Forbidden(m) => ("Not yours to see", sentence(&m)),
            AppError::NotFound(what) => return PageError::not_found(what),
            AppError::Missing(m) => ("Not found", sentence(&m)),
            AppError::Conflict(m) => ("That could not be done", sentence(&m)),
            AppError::Invalid { title, problems } => (
                "That could not be used",
                std::iter::once(sentence(&title))
                    .chain(problems.iter().map(|p| sentence(&p.message)))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            AppError::TooManyRequests { retry_after } => (
                "Too many tries",
                format!(
                    "Too many failed sign-ins. Try again in {} minutes.",
                    retry_after.div_ceil(60)
                ),
            ),
            AppError::Unavailable(_) => (
                "Back in a moment",
                "The database is not answering just now. Nothing you sent was lost; try again in a minute.".to_owned(),
            ),
            AppError::Internal(_) => (
                "Something went wrong on our side",
                "The page could not be made. Nothing you sent was lost; try again in a moment.".to_owned(),
            ),
        };
        PageError {
            status,
            title,
            message,
        }
    }
}

/// A message as a sentence: a capital first letter and a full stop.
pub(crate) fn sentence(text: &str) -> String {
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

impl PageError {
    /// The page, in the layout `nav` gives (signed in or not), with a way back to `back` (the
    /// page the form was sent from) when there is one.
    fn render(&self, nav: &Nav, back: Option<&str>) -> maud::Markup {
        page(
            nav,
            self.title,
            maud::html! {
                h1 { (self.title) }
                p.lead { (self.message) }
                p {
                    @if let Some(b) = back { a href=(b) { "Go back to the page you were on" } " · " }
                    a href="/" { "Go to the start page" }
                }
            },
        )
    }
}

impl IntoResponse for PageError {
    /// The page as a visitor sees it; [`signed_errors`] shows it in the signed-in layout to
    /// whoever is signed in.
    fn into_response(self) -> Response {
        let body = self.render(&Nav::visitor(), None);
        let mut res = (self.status, body).into_response();
        res.extensions_mut().insert(std::sync::Arc::new(self));
        res
    }
}

/// A refusal or an error page keeps the signed-in layout (the menu, who is signed in, sign
/// out) for whoever is signed in, and leads back to the page its form was sent from.
pub(crate) async fn signed_errors(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = req.into_parts();
    let token = cookie(&parts, SESSION_COOKIE).map(str::to_owned);
    let back = parts
        .headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(same_site_path)
        .filter(|b| *b != parts.uri.path());
    let res = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    let (Some(e), Some(token)) = (res.extensions().get::<std::sync::Arc<PageError>>(), token)
    else {
        return res;
    };
    let Ok(Some(s)) = state.app.accounts().signed_in(Via::Session, &token).await else {
        return res;
    };
    let actor = Actor::user(s.user);
    let nav = Nav::signed(&actor, &s.csrf.unwrap_or_default());
    let body = e.render(&nav, back.as_deref());
    let (mut head, _) = res.into_parts();
    head.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(head, axum::body::Body::new(body.into_string()))
}

/// The path of an address on this site (`http://host/cycles/3` → `/cycles/3`), never
/// another site's.
fn same_site_path(referer: &str) -> Option<String> {
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = &rest[rest.find('/')?..];
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

/// The page for an address that leads nowhere (the API's own addresses answer in JSON).
pub(crate) async fn not_found() -> Response {
    PageError::not_found("page").into_response()
}
