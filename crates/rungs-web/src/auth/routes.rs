//! Setting up, signing in and out, users and API tokens.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_store::{ApiToken, NewOrg, NewSession, NewToken, NewUser, Org, Role, User, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::secret::{self, MIN_PASSWORD};
use super::{Actor, SESSION_COOKIE, Via};
use crate::error::{ApiError, ProblemDetails, Result};
use crate::extract::{Body, ClientAddr};
use crate::policy;
use crate::state::AppState;

/// Where the one-time setup code's digest is kept.
pub(crate) const SETUP_SETTING: &str = "setup_code";

/// Failed sign-ins counted over this window…
const WINDOW_MS: i64 = 15 * 60 * 1000;
/// …at most this many for one account…
const ACCOUNT_LIMIT: i64 = 5;
/// …and this many from one address.
const ADDRESS_LIMIT: i64 = 30;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(setup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(update_user))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

/// Makes a new one-time setup code if no one can sign in yet, and returns it (to show to
/// whoever started the server). `None` once an admin exists.
pub async fn setup_code(state: &AppState) -> Result<Option<String>> {
    if state.store.has_users().await? {
        return Ok(None);
    }
    let code = secret::random_token("setup_")?;
    state
        .store
        .put_setting(SETUP_SETTING, &secret::digest(&code))
        .await?;
    Ok(Some(code))
}

/// Checks an email address closely enough to catch mistakes.
pub(crate) fn check_email(email: &str) -> Result<()> {
    let e = email.trim();
    let ok = e.len() <= 254
        && e.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        })
        && !e.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(ApiError::field(
            "/email",
            format!("\"{email}\" is not an email address"),
            Some("write it like ada@example.com"),
        ))
    }
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::field(
            "/password",
            format!("the password is shorter than {MIN_PASSWORD} characters"),
            Some("a long passphrase is easiest to remember"),
        ));
    }
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Setup {
    /// The one-time code the server printed when it started.
    code: String,
    /// The organization's name.
    organization: String,
    name: String,
    email: String,
    /// At least 10 characters.
    password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SetUp {
    organization: Org,
    admin: User,
}

/// Creates the organization and its first admin, once, with the code the server printed.
#[utoipa::path(post, path = "/api/v1/setup", tag = "auth", request_body = Setup,
    responses((status = 201, body = SetUp), (status = 403, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 422, body = ProblemDetails)))]
async fn setup(State(state): State<AppState>, Body(body): Body<Setup>) -> Result<Response> {
    if state.store.has_users().await? {
        return Err(ApiError::Conflict(
            "Rungs is already set up: sign in".into(),
        ));
    }
    check_email(&body.email)?;
    check_password(&body.password)?;
    if body.organization.trim().is_empty() {
        return Err(ApiError::field(
            "/organization",
            "the organization needs a name",
            None,
        ));
    }
    if !state
        .store
        .take_setting(SETUP_SETTING, &secret::digest(body.code.trim()))
        .await?
    {
        return Err(ApiError::Forbidden(
            "that is not the setup code the server printed when it started".into(),
        ));
    }
    let (org, admin) = create_org(
        &state,
        &body.organization,
        &body.name,
        &body.email,
        body.password,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(SetUp {
            organization: org,
            admin,
        }),
    )
        .into_response())
}

/// Creates an organization on the built-in framework with its first admin.
pub async fn create_org(
    state: &AppState,
    organization: &str,
    name: &str,
    email: &str,
    password: String,
) -> Result<(Org, User)> {
    let password_hash = secret::hash_password(password).await?;
    let fw = rungs_core::framework::builtin();
    Ok(state
        .store
        .create_org(NewOrg {
            name: organization.trim().to_owned(),
            admin: NewUser {
                email: email.trim().to_owned(),
                name: name.trim().to_owned(),
                password_hash,
                role: Role::Admin,
                person: None,
            },
            framework_source: rungs_core::framework::BUILTIN_TOML.to_owned(),
            framework_name: fw.name().to_owned(),
        })
        .await?)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Login {
    email: String,
    password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SignedIn {
    user: User,
    /// Send this in the `X-CSRF-Token` header with every change made with the session cookie.
    csrf_token: String,
    /// When the session ends, in milliseconds since the Unix epoch.
    expires_at: i64,
}

/// Signs in with email and password; answers with the session cookie (HttpOnly, SameSite)
/// and the session's CSRF token. Failed attempts are limited per account and per address.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Login,
    responses((status = 200, body = SignedIn), (status = 401, body = ProblemDetails),
        (status = 429, body = ProblemDetails)))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Body(body): Body<Login>,
) -> Result<Response> {
    let now = rungs_store::now();
    let keys = [
        format!("account:{}", body.email.trim().to_lowercase()),
        format!("address:{addr}"),
    ];
    let since = now - WINDOW_MS;
    if state.store.failures_since(&keys[0], since).await? >= ACCOUNT_LIMIT
        || state.store.failures_since(&keys[1], since).await? >= ADDRESS_LIMIT
    {
        return Err(ApiError::TooManyRequests {
            retry_after: (WINDOW_MS / 1000) as u64,
        });
    }
    let found = state.store.user_by_email(&body.email).await?;
    let ok = match &found {
        Some((_, hash)) => secret::verify_password(body.password, hash.clone()).await,
        None => {
            // Spend the same time as for a real account, so timing does not tell which exist.
            let _ = secret::hash_password(body.password).await;
            false
        }
    };
    let Some((user, _)) = found.filter(|_| ok) else {
        state.store.record_failure(&keys, now).await?;
        return Err(ApiError::Unauthorized);
    };
    state.store.clear_failures(&keys[0]).await?;
    let token = secret::random_token("rs_")?;
    let csrf = secret::random_token("")?;
    let expires_at = now + state.config.session_hours as i64 * 3600 * 1000;
    state
        .store
        .create_session(NewSession {
            token_hash: secret::digest(&token),
            user: user.id,
            csrf_token: csrf.clone(),
            created_at: now,
            expires_at,
        })
        .await?;
    let cookie = session_cookie(&state, &token, state.config.session_hours * 3600);
    let mut response = Json(SignedIn {
        user,
        csrf_token: csrf,
        expires_at,
    })
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

fn session_cookie(state: &AppState, token: &str, max_age: u64) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let value = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Signs out: the session ends and its cookie is cleared.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204), (status = 401, body = ProblemDetails)))]
async fn logout(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
) -> Result<Response> {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_owned());
    if let (Via::Session, Some(token)) = (actor.via, token) {
        let digest = secret::digest(&token);
        state.store.delete_session(&digest).await?;
        state.signed_out(Via::Session, digest);
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, "", 0));
    Ok(response)
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Me {
    user: User,
    /// The session's CSRF token (none when signed in with an API token).
    csrf_token: Option<String>,
    organization: Org,
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ProblemDetails)))]
async fn me(State(state): State<AppState>, actor: Actor) -> Result<Json<Me>> {
    let organization = state.store.org(actor.org()).await?;
    Ok(Json(Me {
        user: actor.user,
        csrf_token: actor.csrf,
        organization,
    }))
}

/// Everyone who can sign in to the organization. Admins only.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = Vec<User>), (status = 403, body = ProblemDetails)))]
async fn list_users(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<User>>> {
    policy::admin(&actor, "list users")?;
    Ok(Json(state.store.users(actor.org()).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateUser {
    email: String,
    name: String,
    /// At least 10 characters.
    password: String,
    role: Role,
    /// The roster id of the person this user is (needed for a manager or member to see anyone).
    person: Option<String>,
}

async fn check_person_link(state: &AppState, actor: &Actor, person: Option<&str>) -> Result<()> {
    if let Some(p) = person {
        if let Err(ApiError::NotFound(_)) = state
            .store
            .person(actor.org(), p)
            .await
            .map_err(ApiError::from)
        {
            return Err(ApiError::field(
                "/person",
                format!("`{p}` is not on the roster"),
                Some("give the person's roster id, or leave it out"),
            ));
        }
    }
    Ok(())
}

/// Gives someone a login. Admins only.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUser,
    responses((status = 201, body = User), (status = 403, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 422, body = ProblemDetails)))]
async fn create_user(
    State(state): State<AppState>,
    actor: Actor,
    Body(body): Body<CreateUser>,
) -> Result<Response> {
    policy::admin(&actor, "create users")?;
    check_email(&body.email)?;
    check_password(&body.password)?;
    check_person_link(&state, &actor, body.person.as_deref()).await?;
    let password_hash = secret::hash_password(body.password).await?;
    let user = state
        .store
        .create_user(
            actor.org(),
            &actor.author(),
            NewUser {
                email: body.email,
                name: body.name,
                password_hash,
                role: body.role,
                person: body.person,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateUser {
    role: Role,
    person: Option<String>,
    /// The version read: a user changed since gets 409.
    version: i64,
}

/// Changes a user's role and person. Admins only.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", request_body = UpdateUser,
    params(("id" = i64, Path, description = "The user's id")),
    responses((status = 200, body = User), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
async fn update_user(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Body(body): Body<UpdateUser>,
) -> Result<Json<User>> {
    policy::admin(&actor, "change users")?;
    state.store.user(actor.org(), UserId(id)).await?;
    check_person_link(&state, &actor, body.person.as_deref()).await?;
    if actor.user.id == UserId(id) && body.role != Role::Admin {
        return Err(ApiError::Forbidden(
            "an admin cannot take away their own admin role: ask another admin".into(),
        ));
    }
    let user = state
        .store
        .update_user(
            actor.org(),
            &actor.author(),
            UserId(id),
            body.version,
            body.role,
            body.person,
        )
        .await?;
    state.user_changed(user.id);
    Ok(Json(user))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub(crate) struct TokenQuery {
    /// Every user's tokens (admins only), rather than your own.
    all: Option<bool>,
}

/// Your API tokens (never the tokens themselves), or with `all=true` everyone's (admins).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", params(TokenQuery),
    responses((status = 200, body = Vec<ApiToken>), (status = 403, body = ProblemDetails)))]
async fn list_tokens(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<TokenQuery>,
) -> Result<Json<Vec<ApiToken>>> {
    let user = if q.all.unwrap_or(false) {
        policy::admin(&actor, "list everyone's tokens")?;
        None
    } else {
        Some(actor.user.id)
    };
    Ok(Json(state.store.tokens(actor.org(), user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateToken {
    /// What the token is for, e.g. "nightly import".
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CreatedToken {
    /// The token: send it as `Authorization: Bearer <token>`. It is shown only this once.
    token: String,
    #[serde(flatten)]
    details: ApiToken,
}

/// Makes an API token for scripts, acting as you.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = CreateToken,
    responses((status = 201, body = CreatedToken), (status = 401, body = ProblemDetails)))]
async fn create_token(
    State(state): State<AppState>,
    actor: Actor,
    Body(body): Body<CreateToken>,
) -> Result<Response> {
    if body.name.trim().is_empty() {
        return Err(ApiError::field(
            "/name",
            "the token needs a name",
            Some("say what it is for"),
        ));
    }
    let token = secret::random_token("rungs_")?;
    let details = state
        .store
        .create_token(
            actor.org(),
            &actor.author(),
            NewToken {
                user: actor.user.id,
                name: body.name.trim().to_owned(),
                prefix: token.chars().take(12).collect(),
                token_hash: secret::digest(&token),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, details })).into_response())
}

/// Revokes a token: yours, or anyone's for an admin.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 200, body = ApiToken), (status = 404, body = ProblemDetails)))]
async fn revoke_token(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<ApiToken>> {
    let token = state.store.token(actor.org(), id).await?;
    if token.user != actor.user.id && actor.role() != Role::Admin {
        return Err(ApiError::NotFound("token"));
    }
    let revoked = state
        .store
        .revoke_token(actor.org(), &actor.author(), id)
        .await?;
    state.user_changed(revoked.user);
    Ok(Json(revoked))
}
