//! Who is asking: a session cookie (for the browser) or an API token (for scripts), checked on
//! every request that needs one. Cookie-authenticated writes must also carry the session's CSRF
//! token in `X-CSRF-Token`.

mod routes;
pub(crate) mod secret;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use rungs_store::{Author, OrgId, Role, User};

pub(crate) use routes::{check_email, router};
pub use routes::{create_org, setup_code};

use crate::error::ApiError;
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rungs_session";
/// The header a cookie-authenticated write carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How a request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    Session,
    Token,
}

/// The signed-in user making a request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    pub via: Via,
    /// The session's CSRF token, for a session.
    pub csrf: Option<String>,
}

impl Actor {
    pub fn org(&self) -> OrgId {
        self.user.org
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn author(&self) -> Author {
        Author::user(&self.user)
    }
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

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Actor, ApiError> {
        let now = rungs_store::now();
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if let Some(token) = bearer {
            let signed_in = state
                .sign_in(Via::Token, secret::digest(token.trim()), now)
                .await?
                .ok_or(ApiError::Unauthorized)?;
            return Ok(Actor {
                user: signed_in.user,
                via: Via::Token,
                csrf: None,
            });
        }
        let token = cookie(parts, SESSION_COOKIE).ok_or(ApiError::Unauthorized)?;
        let session = state
            .sign_in(Via::Session, secret::digest(token), now)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        let csrf = session.csrf.unwrap_or_default();
        if writes(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !secret::same(sent, &csrf) {
                return Err(ApiError::Forbidden(
                    "a change made with the session cookie must send the session's CSRF token in the X-CSRF-Token header (from sign-in or GET /api/v1/auth/me)".into(),
                ));
            }
        }
        Ok(Actor {
            user: session.user,
            via: Via::Session,
            csrf: Some(csrf),
        })
    }
}
