//! Who is asking: a session cookie (for the browser) or an API token (for scripts), checked on
//! every request that needs one. Cookie-authenticated writes must also carry the session's CSRF
//! token in `X-CSRF-Token`.

pub(crate) mod routes;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use rungs_app::secret;
use rungs_app::{Actor, AppError, Via};

pub(crate) use routes::router;

use crate::error::ApiError;
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rungs_session";
/// The header a cookie-authenticated write carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in user making a request: who they are to the application, how they proved it,
/// and for a session its CSRF token.
#[derive(Debug, Clone)]
pub struct Signed {
    pub actor: Actor,
    pub via: Via,
    pub csrf: Option<String>,
}

/// The value of one cookie in a request.
pub(crate) fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Whether a method changes things (and so needs the CSRF token when signed in by cookie).
fn writes(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if let Some(token) = bearer {
            let signed_in = state
                .app
                .accounts()
                .signed_in(Via::Token, token)
                .await?
                .ok_or(AppError::Unauthorized)?;
            return Ok(Signed {
                actor: Actor::user(signed_in.user),
                via: Via::Token,
                csrf: None,
            });
        }
        let token = cookie(parts, SESSION_COOKIE).ok_or(AppError::Unauthorized)?;
        let session = state
            .app
            .accounts()
            .signed_in(Via::Session, token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let csrf = session.csrf.unwrap_or_default();
        if writes(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !secret::same(sent, &csrf) {
                return Err(AppError::Forbidden(
                    "a change made with the session cookie must send the session's CSRF token in the X-CSRF-Token header (from sign-in or GET /api/v1/auth/me)".into(),
                )
                .into());
            }
        }
        Ok(Signed {
            actor: Actor::user(session.user),
            via: Via::Session,
            csrf: Some(csrf),
        })
    }
}

/// The actor alone, for handlers that need nothing else of the sign-in.
#[derive(Debug, Clone)]
pub struct Caller(pub Actor);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        Ok(Caller(
            Signed::from_request_parts(parts, state).await?.actor,
        ))
    }
}
