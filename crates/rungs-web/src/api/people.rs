//! People on the roster, one at a time. Admins create and change them; everyone sees the
//! people their role lets them see.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_core::{Date, Framework};
use rungs_store::{OrgId, PeopleFilter, Person, PersonFields, PersonRow};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ladder::{find_level, if_match};
use crate::auth::Actor;
use crate::error::{ApiError, Problem, ProblemDetails, Result};
use crate::extract::Body;
use crate::policy::{self, Scope};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
}

#[derive(Debug, Deserialize, IntoParams)]
pub(crate) struct ListQuery {
    /// Only this level id.
    level: Option<String>,
    /// Only this track id.
    track: Option<String>,
    /// Only the direct reports of this person.
    manager: Option<String>,
    /// This person and everyone under them.
    under: Option<String>,
    /// Part of the name, in any case.
    name: Option<String>,
    /// At most this many (default 100, at most 10,000).
    limit: Option<i64>,
    offset: Option<i64>,
}

/// The people you may see: everyone for an admin, yourself and everyone under you for a
/// manager, yourself for a member. Sorted by id.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(ListQuery),
    responses((status = 200, body = Vec<Person>), (status = 401, body = ProblemDetails)))]
async fn list_people(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Person>>> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=10_000).contains(&limit) {
        return Err(ApiError::field(
            "?limit",
            format!("{limit} is outside 1 to 10,000"),
            None,
        ));
    }
    let mut filter = PeopleFilter {
        level: q.level,
        track: q.track,
        manager: q.manager,
        under: q.under,
        name: q.name,
        limit: Some(limit),
        offset: q.offset,
    };
    match policy::scope(&actor) {
        Scope::Everyone => {}
        Scope::Under(me) => match &filter.under {
            // Below someone the caller may see, or else below the caller.
            Some(under) if under != &me => policy::see_person(&state, &actor, under).await?,
            _ => filter.under = Some(me),
        },
        Scope::Only(me) => filter.under = Some(me),
        Scope::NoOne => return Ok(Json(Vec::new())),
    }
    let mut people = state.store.people(actor.org(), &filter).await?;
    if let Scope::Only(me) = policy::scope(&actor) {
        people.retain(|p| p.id == me);
    }
    Ok(Json(people))
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
    responses((status = 200, body = Person), (status = 404, body = ProblemDetails)))]
async fn get_person(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Response> {
    policy::see_person(&state, &actor, &id).await?;
    let person = state.store.person(actor.org(), &id).await?;
    Ok(with_etag(&person, StatusCode::OK))
}

/// A person's fields as sent: the level by id, title or alias; the track defaults to the
/// level's.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonInput {
    /// The roster id (letters, digits, `-`, `_` and `.`): needed to add a person; when
    /// changing one, it may be left out.
    id: Option<String>,
    name: String,
    email: Option<String>,
    title: Option<String>,
    level: String,
    track: Option<String>,
    /// Their manager's roster id.
    manager: Option<String>,
    /// YYYY-MM-DD.
    rung_start: Option<String>,
    pay: Option<i64>,
    currency: Option<String>,
    stage: Option<String>,
    location: Option<String>,
}

/// Checks a roster id.
fn check_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ApiError::field(
            "/id",
            format!("\"{id}\" is not a roster id"),
            Some("use letters, digits, -, _ and . (up to 64), like p-001"),
        ))
    }
}

/// Turns what was sent into fields the store keeps, or every problem found, by JSON path.
async fn fields(
    state: &AppState,
    org: OrgId,
    fw: &Framework,
    id: &str,
    input: PersonInput,
) -> Result<PersonFields> {
    let mut problems = Vec::new();
    if input.name.trim().is_empty() {
        problems.push(Problem::at("/name", "the name is empty", None));
    }
    if let Some(e) = &input.email {
        if crate::auth::check_email(e).is_err() {
            problems.push(Problem::at(
                "/email",
                format!("\"{e}\" is not an email address"),
                None,
            ));
        }
    }
    let level = match find_level(fw, &input.level, "/level") {
        Ok(l) => Some(l),
        Err(ApiError::Invalid { problems: p, .. }) => {
            problems.extend(p);
            None
        }
        Err(e) => return Err(e),
    };
    let track = match (&input.track, level) {
        (Some(t), Some(l)) => {
            let shared = fw.track(&l.track).is_some_and(|x| x.shared);
            if fw.track(t).is_none() {
                problems.push(Problem::at(
                    "/track",
                    format!("there is no track `{t}`"),
                    None,
                ));
            } else if *t != l.track && !shared {
                problems.push(Problem::at(
                    "/track",
                    format!("`{}` is on the `{}` track, not `{t}`", l.id, l.track),
                    None,
                ));
            }
            t.clone()
        }
        (None, Some(l)) => l.track.clone(),
        (_, None) => String::new(),
    };
    if let Some(m) = &input.manager {
        if m == id {
            problems.push(Problem::at(
                "/manager",
                "a person cannot manage themselves",
                None,
            ));
        } else {
            match state.store.managers_of(org, m).await {
                Ok(chain) if chain.iter().any(|x| x == id) => problems.push(Problem::at(
                    "/manager",
                    format!("`{m}` reports to `{id}`: this would make a reporting cycle"),
                    None,
                )),
                _ => {}
            }
            if let Err(rungs_store::StoreError::NotFound(_)) = state.store.person(org, m).await {
                problems.push(Problem::at(
                    "/manager",
                    format!("`{m}` is not on the roster"),
                    None,
                ));
            }
        }
    }
    if let Some(d) = &input.rung_start {
        if let Err(e) = d.parse::<Date>() {
            problems.push(Problem::at(
                "/rung_start",
                format!("\"{d}\" is not a date: {e}"),
                Some("YYYY-MM-DD"),
            ));
        }
    }
    if input.pay.is_some_and(|p| p < 0) {
        problems.push(Problem::at("/pay", "pay cannot be negative", None));
    }
    let currency = input.currency.map(|c| c.trim().to_ascii_uppercase());
    if let Some(c) = &currency {
        if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.push(Problem::at(
                "/currency",
                format!("\"{c}\" is not a currency code"),
                Some("like USD or EUR"),
            ));
        }
    }
    if let Some(s) = &input.stage {
        if let Err(u) = fw.find_stage(s) {
            problems.push(Problem::at("/stage", u.to_string(), None));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid {
            title: "the person is not valid".into(),
            problems,
        });
    }
    Ok(PersonFields {
        name: input.name.trim().to_owned(),
        email: input.email,
        title: input.title,
        level: level.map(|l| l.id.clone()).unwrap_or_default(),
        track,
        manager: input.manager,
        rung_start: input.rung_start,
        pay: input.pay,
        currency: currency.filter(|c| fw.compensation().is_none_or(|comp| comp.currency != *c)),
        stage: input.stage,
        location: input.location,
    })
}

/// Adds a person to the roster. Admins only.
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonInput,
    responses((status = 201, body = Person), (status = 403, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 422, body = ProblemDetails)))]
async fn create_person(
    State(state): State<AppState>,
    actor: Actor,
    Body(body): Body<PersonInput>,
) -> Result<Response> {
    policy::admin(&actor, "add people")?;
    let id = body.id.clone().unwrap_or_default();
    check_id(&id)?;
    let (_, fw) = state.framework(actor.org()).await?;
    let fields = fields(&state, actor.org(), &fw, &id, body).await?;
    let person = state
        .store
        .create_person(actor.org(), &actor.author(), PersonRow { id, fields })
        .await?;
    Ok(with_etag(&person, StatusCode::CREATED))
}

/// Writes over a person's fields. Admins only. Send `If-Match` with the ETag you read: if the
/// person changed since, the answer is 409 and nothing is written.
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "people", request_body = PersonInput,
    params(("id" = String, Path, description = "The person's roster id"),
        ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    responses((status = 200, body = Person), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails),
        (status = 422, body = ProblemDetails), (status = 428, body = ProblemDetails)))]
async fn update_person(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(body): Body<PersonInput>,
) -> Result<Response> {
    policy::see_person(&state, &actor, &id).await?;
    policy::admin(&actor, "change people")?;
    let version = if_match(&headers)?;
    if let Some(other) = body.id.as_deref().filter(|other| *other != id) {
        return Err(ApiError::field(
            "/id",
            format!("the body is about `{other}`, the address about `{id}`"),
            Some("a person's id does not change; leave it out"),
        ));
    }
    let (_, fw) = state.framework(actor.org()).await?;
    let fields = fields(&state, actor.org(), &fw, &id, body).await?;
    let person = state
        .store
        .update_person(
            actor.org(),
            &actor.author(),
            version,
            PersonRow { id, fields },
        )
        .await?;
    Ok(with_etag(&person, StatusCode::OK))
}
