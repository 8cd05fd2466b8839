//! People on the roster, one at a time. Admins create and change them; everyone sees the
//! people their role lets them see.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_app::PeopleFilter;
use rungs_app::answers::Person;
use rungs_app::{Pay, PersonInput};
use rungs_core::PersonId;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::framework::if_match;
use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{Body, Params};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only this level id.
    #[param(min_length = 1)]
    level: Option<String>,
    /// Only this track id.
    #[param(min_length = 1)]
    track: Option<String>,
    /// Only the direct reports of this person.
    #[param(min_length = 1)]
    manager: Option<String>,
    /// This person and everyone under them.
    #[param(min_length = 1)]
    under: Option<String>,
    /// Part of the name, in any case.
    name: Option<String>,
    /// At most this many (default 100, at most 10,000).
    #[param(minimum = 1, maximum = 10000)]
    limit: Option<i64>,
    /// Skip this many first (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
}

/// The people you may see: everyone for an admin, yourself and everyone under you for a
/// manager, yourself for a member. Sorted by id.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(ListQuery),
    responses((status = 200, body = Vec<Person>), (status = 401, response = Problems),
        (status = 422, response = Problems)))]
async fn list_people(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<Vec<Person>>> {
    for (name, value) in [
        ("level", &q.level),
        ("track", &q.track),
        ("manager", &q.manager),
        ("under", &q.under),
    ] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(ApiError::field(
                &format!("?{name}"),
                format!("`{name}` is empty"),
                Some("give a value, or leave the parameter out"),
            ));
        }
    }
    if let Some(offset) = q.offset.filter(|o| *o < 0) {
        return Err(ApiError::field(
            "?offset",
            format!("{offset} is below 0"),
            None,
        ));
    }
    let limit = q.limit.unwrap_or(100);
    if !(1..=10_000).contains(&limit) {
        return Err(ApiError::field(
            "?limit",
            format!("{limit} is outside 1 to 10,000"),
            None,
        ));
    }
    let filter = PeopleFilter {
        level: q.level,
        track: q.track,
        manager: q.manager.map(PersonId::from),
        under: q.under.map(PersonId::from),
        name: q.name,
        limit: Some(limit),
        offset: q.offset,
    };
    Ok(Json(state.app.people().people(&actor, filter).await?))
}

fn with_etag(person: &Person, status: StatusCode) -> Response {
    let mut response = (status, Json(person)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", person.version)) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

/// One person.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people",
    params(("id" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = Person), (status = 404, response = Problems)))]
async fn get_person(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
) -> Result<Response> {
    let person = state.app.people().person(&actor, &id).await?;
    Ok(with_etag(&person, StatusCode::OK))
}

/// Pay as sent: a whole number, or text as people write it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub(crate) enum PayField {
    Whole(i64),
    Text(String),
}

/// A person's fields as sent: the level by id, title or alias (or, left out, levelled from the
/// title); the track defaults to the level's.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonBody {
    /// The roster id (letters, digits, `-`, `_` and `.`): needed to add a person; when
    /// changing one, it may be left out.
    id: Option<String>,
    name: String,
    email: Option<String>,
    title: Option<String>,
    level: Option<String>,
    track: Option<String>,
    /// Their manager's roster id.
    manager: Option<String>,
    /// YYYY-MM-DD.
    rung_start: Option<String>,
    /// Whole currency units: `185000`, or text such as `"$185K"`.
    pay: Option<PayField>,
    currency: Option<String>,
    stage: Option<String>,
    location: Option<String>,
}

impl From<PersonBody> for PersonInput {
    fn from(b: PersonBody) -> PersonInput {
        PersonInput {
            id: b.id,
            name: b.name,
            email: b.email,
            title: b.title,
            level: b.level,
            track: b.track,
            manager: b.manager,
            rung_start: b.rung_start,
            pay: b.pay.map(|p| match p {
                PayField::Whole(v) => Pay::Whole(v),
                PayField::Text(t) => Pay::Text(t),
            }),
            currency: b.currency,
            stage: b.stage,
            location: b.location,
        }
    }
}

/// Adds a person to the roster. Admins only.
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonBody,
    responses((status = 201, body = Person), (status = 403, response = Problems),
        (status = 409, response = Problems), (status = 422, response = Problems)))]
async fn create_person(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(body): Body<PersonBody>,
) -> Result<Response> {
    let person = state
        .app
        .people()
        .create_person(&actor, body.into())
        .await?;
    Ok(with_etag(&person, StatusCode::CREATED))
}

/// Writes over a person's fields. Admins only. Send `If-Match` with the ETag you read: if the
/// person changed since, the answer is 409 and nothing is written.
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "people", request_body = PersonBody,
    params(("id" = String, Path, description = "The person's roster id"),
        ("If-Match" = String, Header, description = "The version read, e.g. \"3\"",
            pattern = r#"^"?[0-9]{1,18}"?$"#)),
    responses((status = 200, body = Person), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems), (status = 428, response = Problems)))]
async fn update_person(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<PersonId>,
    headers: HeaderMap,
    Body(body): Body<PersonBody>,
) -> Result<Response> {
    rungs_app::policy::see_person(&state.app, &actor, &id).await?;
    rungs_app::policy::admin(&actor, "change people")?;
    let version = if_match(&headers)?;
    let person = state
        .app
        .people()
        .update_person(&actor, &id, version, body.into())
        .await?;
    Ok(with_etag(&person, StatusCode::OK))
}
