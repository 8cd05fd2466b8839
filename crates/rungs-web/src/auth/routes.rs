//! Setting up, signing in and out, users and API tokens: thin over the application layer.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_app::answers::{ApiToken, Org, User};
use rungs_app::{NewUserInput, SetupInput, Via};
use rungs_app::{OrgId, Role, UserId};
use rungs_core::PersonId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Caller, SESSION_COOKIE, Signed};
use crate::error::{Problems, Result};
use crate::extract::{Body, ClientAddr};
use crate::state::AppState;

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
    responses((status = 201, body = SetUp), (status = 403, response = Problems),
        (status = 409, response = Problems), (status = 422, response = Problems)))]
async fn setup(State(state): State<AppState>, Body(body): Body<Setup>) -> Result<Response> {
    let (organization, admin) = state
        .app
        .accounts()
        .setup(SetupInput {
            code: body.code,
            organization: body.organization,
            name: body.name,
            email: body.email,
            password: body.password,
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(SetUp {
            organization,
            admin,
        }),
    )
        .into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Login {
    email: String,
    password: String,
    /// The organization's id, when one address and password sign in to more than one
    /// organization of this server (the answer then says which there are).
    #[serde(default)]
    organization: Option<i64>,
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
    responses((status = 200, body = SignedIn), (status = 401, response = Problems),
        (status = 422, response = Problems), (status = 429, response = Problems)))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Body(body): Body<Login>,
) -> Result<Response> {
    let signed = state
        .app
        .accounts()
        .sign_in(
            &body.email,
            body.password,
            &addr,
            body.organization.map(OrgId),
        )
        .await?;
    let cookie = session_cookie(&state, &signed.token, state.config.session_hours * 3600);
    let mut response = Json(SignedIn {
        user: signed.user,
        csrf_token: signed.csrf_token,
        expires_at: signed.expires_at,
    })
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

pub(crate) fn session_cookie(state: &AppState, token: &str, max_age: u64) -> HeaderValue {
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

/// Signs out: the session ends and its cookie is cleared. An API token does not sign out (400):
/// it is revoked with `DELETE /api/v1/tokens/{id}`.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out"), (status = 400, response = Problems),
        (status = 401, response = Problems)))]
async fn logout(
    State(state): State<AppState>,
    signed: Signed,
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
    if signed.via != Via::Session {
        return Err(crate::error::ApiError::BadRequest(
            "an API token does not sign out: revoke it with DELETE /api/v1/tokens/{id}".into(),
        ));
    }
    if let Some(token) = token {
        state.app.accounts().sign_out(&token).await?;
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
    responses((status = 200, body = Me), (status = 401, response = Problems)))]
async fn me(State(state): State<AppState>, signed: Signed) -> Result<Json<Me>> {
    let organization = state.app.accounts().org(&signed.actor).await?;
    let user = signed.actor.user.ok_or(rungs_app::AppError::Unauthorized)?;
    Ok(Json(Me {
        user,
        csrf_token: signed.csrf,
        organization,
    }))
}

/// Everyone who can sign in to the organization. Admins only.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = Vec<User>), (status = 403, response = Problems)))]
async fn list_users(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<User>>> {
    Ok(Json(state.app.accounts().users(&actor).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateUser {
    #[schema(min_length = 3)]
    email: String,
    #[schema(min_length = 1)]
    name: String,
    /// At least 10 characters, and hard to guess.
    #[schema(min_length = 10)]
    password: String,
    role: Role,
    /// The roster id of the person this user is (needed for a manager or member to see anyone).
    person: Option<String>,
}

/// Gives someone a login. Admins only.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUser,
    responses((status = 201, body = User), (status = 403, response = Problems),
        (status = 409, response = Problems), (status = 422, response = Problems)))]
async fn create_user(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(body): Body<CreateUser>,
) -> Result<Response> {
    let user = state
        .app
        .accounts()
        .create_user(
            &actor,
            NewUserInput {
                email: body.email,
                name: body.name,
                password: body.password,
                role: body.role,
                person: body.person.map(PersonId::from),
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
    responses((status = 200, body = User), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems)))]
async fn update_user(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Body(body): Body<UpdateUser>,
) -> Result<Json<User>> {
    Ok(Json(
        state
            .app
            .accounts()
            .update_user(
                &actor,
                UserId(id),
                body.version,
                body.role,
                body.person.map(PersonId::from),
            )
            .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct TokenQuery {
    /// Every user's tokens (admins only), rather than your own.
    all: Option<bool>,
}

/// Your API tokens (never the tokens themselves), or with `all=true` everyone's (admins).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", params(TokenQuery),
    responses((status = 200, body = Vec<ApiToken>), (status = 403, response = Problems)))]
async fn list_tokens(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Query(q): Query<TokenQuery>,
) -> Result<Json<Vec<ApiToken>>> {
    Ok(Json(
        state
            .app
            .accounts()
            .tokens(&actor, q.all.unwrap_or(false))
            .await?,
    ))
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
    responses((status = 201, body = CreatedToken), (status = 401, response = Problems),
        (status = 422, response = Problems)))]
async fn create_token(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(body): Body<CreateToken>,
) -> Result<Response> {
    let (token, details) = state
        .app
        .accounts()
        .create_token(&actor, &body.name)
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, details })).into_response())
}

/// Revokes a token: yours, or anyone's for an admin.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 200, body = ApiToken), (status = 404, response = Problems)))]
async fn revoke_token(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<ApiToken>> {
    Ok(Json(state.app.accounts().revoke_token(&actor, id).await?))
}
