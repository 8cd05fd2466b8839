//! People added and changed one at a time, with the checks a roster CSV gets, each problem
//! beside its field; a reporting line that would close a circle is refused with the circle named.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::{Pay, PersonInput};
use rungs_core::Framework;
use rungs_core::PersonId;

use super::form::{csrf, input};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route(
            "/admin/people/new",
            axum::routing::get(new_get).post(new_post),
        )
        .route(
            "/people/{id}/edit",
            axum::routing::get(edit_get).post(edit_post),
        )
}

/// What the form shows: the stored person, or what was sent.
#[derive(Debug, Default)]
struct Values {
    id: String,
    name: String,
    email: String,
    title: String,
    level: String,
    track: String,
    manager: String,
    rung_start: String,
    pay: String,
    currency: String,
    stage: String,
    location: String,
    version: i64,
}

impl Values {
    fn of(p: &rungs_app::answers::Person) -> Values {
        let f = &p.fields;
        Values {
            id: p.id.to_string(),
            name: f.name.clone(),
            email: f.email.clone().unwrap_or_default(),
            title: f.title.clone().unwrap_or_default(),
            level: f.level.to_string(),
            track: f.track.clone(),
            manager: f
                .manager
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            rung_start: f.rung_start.clone().unwrap_or_default(),
            pay: f.pay.map(|p| p.to_string()).unwrap_or_default(),
            currency: f.currency.clone().unwrap_or_default(),
            stage: f.stage.clone().unwrap_or_default(),
            location: f.location.clone().unwrap_or_default(),
            version: p.version,
        }
    }

    fn sent(form: &Form) -> Values {
        let get = |k: &str| form.get(k).trim().to_owned();
        Values {
            id: get("id"),
            name: get("name"),
            email: get("email"),
            title: get("title"),
            level: get("level"),
            track: get("track"),
            manager: get("manager"),
            rung_start: get("rung_start"),
            pay: get("pay"),
            currency: get("currency"),
            stage: get("stage"),
            location: get("location"),
            version: form.get("version").parse().unwrap_or(0),
        }
    }

    fn input(&self, with_id: bool) -> PersonInput {
        let opt = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        PersonInput {
            id: with_id.then(|| self.id.clone()),
            name: self.name.clone(),
            email: opt(&self.email),
            title: opt(&self.title),
            level: opt(&self.level),
            track: opt(&self.track),
            manager: opt(&self.manager),
            rung_start: opt(&self.rung_start),
            pay: opt(&self.pay).map(Pay::Text),
            currency: opt(&self.currency),
            stage: opt(&self.stage),
            location: opt(&self.location),
        }
    }
}

fn select(
    errors: &FieldErrors,
    name: &str,
    label: &str,
    chosen: &str,
    options: &[(String, String)],
) -> Markup {
    let error = errors.of(name);
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(e) = error { span.field-error id={ (name) "-error" } { "Error: " (e) } }
            select id=(name) name=(name) aria-invalid=[error.map(|_| "true")] {
                option value="" { "—" }
                @for (value, text) in options { option value=(value) selected[value == chosen] { (text) } }
            }
        }
    }
}

fn form_page(
    fw: &Framework,
    m: &SignedViewer,
    v: &Values,
    errors: &FieldErrors,
    new: bool,
) -> Markup {
    let title = if new {
        "Add a person".to_owned()
    } else {
        format!("Change {}", v.name)
    };
    let action = if new {
        "/admin/people/new".to_owned()
    } else {
        format!("/people/{}/edit", v.id)
    };
    let levels: Vec<(String, String)> = fw
        .ladder()
        .iter()
        .map(|l| (l.id.clone(), l.title.clone()))
        .collect();
    let tracks: Vec<(String, String)> = fw
        .tracks()
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let stages: Vec<(String, String)> = fw
        .compensation()
        .map(|c| {
            c.stages
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    page(
        &m.nav().at("/team"),
        &title,
        html! {
            h1 { (title) }
            p { "The same checks as a roster CSV: each problem is said beside its field, and nothing is saved until all are right." }
            (errors.summary())
            form.stack method="post" action=(action) novalidate {
                (csrf(&m.csrf))
                input type="hidden" name="version" value=(v.version);
                @if new {
                    (input(errors, "id", "Roster id", "text", &v.id, Some("Unique in the organization, e.g. p-042; it never changes."), "off"))
                }
                (input(errors, "name", "Name", "text", &v.name, None, "off"))
                (input(errors, "email", "Email address (optional)", "email", &v.email, None, "off"))
                (input(errors, "title", "Job title (optional)", "text", &v.title, Some("As the company writes it; the level is read from it when no level is chosen."), "off"))
                (select(errors, "level", "Level held", &v.level, &levels))
                (select(errors, "track", "Track", &v.track, &tracks))
                (input(errors, "manager", "Manager (optional)", "text", &v.manager, Some("Their name or roster id."), "off"))
                (input(errors, "rung_start", "On this rung since (optional)", "date", &v.rung_start, None, "off"))
                (input(errors, "pay", "Pay (optional)", "text", &v.pay, Some("A whole amount as people write it: 185000, 185,000 or $185K."), "off"))
                (input(errors, "currency", "Currency, when not the framework's (optional)", "text", &v.currency, None, "off"))
                (select(errors, "stage", "Company stage, for the pay band (optional)", &v.stage, &stages))
                (input(errors, "location", "Location (optional)", "text", &v.location, None, "off"))
                div.actions {
                    button type="submit" { @if new { "Add the person" } @else { "Save the changes" } }
                    a.button.secondary href=(if new { "/team".to_owned() } else { format!("/people/{}", v.id) }) { "Cancel" }
                }
            }
        },
    )
}

pub(super) async fn new_get(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    rungs_app::policy::admin(&m.actor, "add people")?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    Ok(form_page(&fw, &m, &Values::default(), &FieldErrors::default(), true).into_response())
}

pub(super) async fn new_post(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let v = Values::sent(&form);
    let manager = super::form::named(&state, &m.actor, &form, "manager").await?;
    let mut input = v.input(true);
    input.manager = manager.id();
    match manager.answer(state.app.people().create_person(&m.actor, input).await) {
        Ok(p) => Ok(super::form::redirect(&format!("/people/{}", p.id)).into_response()),
        Err(e) => {
            let errors = FieldErrors::from_error(e)?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                form_page(&fw, &m, &v, &errors, true),
            )
                .into_response())
        }
    }
}

pub(super) async fn edit_get(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<PersonId>,
) -> Result<Response, PageError> {
    let person = state.app.people().person(&m.actor, &id).await?;
    rungs_app::policy::admin(&m.actor, "change people")?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    Ok(form_page(
        &fw,
        &m,
        &Values::of(&person),
        &FieldErrors::default(),
        false,
    )
    .into_response())
}

pub(super) async fn edit_post(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<PersonId>,
    form: Form,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut v = Values::sent(&form);
    v.id = id.to_string();
    let manager = super::form::named(&state, &m.actor, &form, "manager").await?;
    let mut input = v.input(false);
    input.manager = manager.id();
    let saved = state
        .app
        .people()
        .update_person(&m.actor, &id, v.version, input)
        .await;
    match manager.answer(saved) {
        Ok(p) => Ok(super::form::redirect(&format!("/people/{}", p.id)).into_response()),
        Err(e @ rungs_app::AppError::Invalid { .. }) => {
            let errors = FieldErrors::from_error(e)?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                form_page(&fw, &m, &v, &errors, false),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
