//! `/org`: the organization's health for a head of product (and a manager's part of it): the
//! level pyramid against the target shape, span of control, the promotion pipeline, pay within
//! the bands, calibration and what changed since a day, each with its picture and its table,
//! all scoped to one manager's people by one control.

mod sections;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::PeopleFilter;
use rungs_app::ReportRequest;
use rungs_core::Framework;
use rungs_core::PersonId;
use rungs_core::team::{BAND_POSITIONS, PersonRef, Report, Status};
use sections::*;
use serde::Deserialize;

use super::charts::{self, PyramidRow, ShapeBand};
use super::{FieldErrors, Member, PageError, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/org", axum::routing::get(org))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct OrgQuery {
    /// Only this manager and everyone under them.
    under: Option<String>,
    /// A manager to look for by name or id, to scope to.
    find: Option<String>,
    /// The start of the window for changes.
    since: Option<String>,
}

fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(super) async fn org(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<OrgQuery>,
) -> Result<Response, PageError> {
    rungs_app::policy::team(&m.actor)?;
    let mut errors = FieldErrors::default();
    let (matches, under) = find_manager(&state, &m, &q, &mut errors).await?;
    let since = match some(&q.since) {
        Some(d) => match d.parse::<rungs_core::Date>() {
            Ok(d) => Some(d),
            Err(e) => {
                errors
                    .list
                    .push(("since".into(), format!("“{d}” is not a day: {e}")));
                None
            }
        },
        None => None,
    };
    let req = ReportRequest {
        as_of: None,
        since,
        manager: under.clone().map(PersonId::from),
    };
    let r = match state.app.reports().team_report(&m.actor, &req).await {
        Ok(r) => r,
        Err(rungs_app::AppError::Invalid { .. }) if since.is_some() => {
            errors.list.push((
                "since".into(),
                "The day must be before today: changes are counted from it to today".into(),
            ));
            state
                .app
                .reports()
                .team_report(&m.actor, &ReportRequest { since: None, ..req })
                .await?
        }
        Err(e) => return Err(e.into()),
    };
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let root = match &under {
        Some(id) => Some(
            state
                .app
                .people()
                .person(&m.actor, &PersonId::from(id))
                .await?,
        ),
        None => None,
    };
    let chain = match &root {
        Some(p) => state.app.people().managers_above(&m.actor, &p.id).await?,
        None => Vec::new(),
    };
    let (down, down_from) = way_down(&state, &m, root.as_ref(), &fw).await?;
    let scope_name = root.as_ref().map_or_else(
        || "the whole organization".to_owned(),
        |p| format!("{} and everyone under them", p.fields.name),
    );
    let under_q = under
        .as_deref()
        .map(|u| format!("under={u}&"))
        .unwrap_or_default();
    Ok(page(
        &m.nav().at("/org"),
        "Organization",
        html! {
            h1 { "The organization's health" }
            p.lead { "For " (scope_name) ": " (r.people) " people and " (r.assessments) " assessments, as of " (r.as_of.to_string()) ", read against " (r.framework) "." }
            (errors.summary())
            section.panel aria-labelledby="scope" {
                h2 #scope { "Whose figures" }
                @if !chain.is_empty() || root.is_some() {
                    nav aria-label="Reporting line" {
                        ol.steps {
                            @if m.actor.role == rungs_app::Role::Admin { li { a href="/org" { "Whole organization" } } }
                            @for p in chain.iter().rev() { li { a href={ "/org?under=" (p.id) } { (p.fields.name) } } }
                            @if let Some(p) = &root { li { span aria-current="page" { (p.fields.name) } } }
                        }
                    }
                }
                form.filters method="get" action="/org" {
                    div.field.has-error[errors.of("find").is_some()] {
                        label for="find" { "A manager's name or id" }
                        @if let Some(e) = errors.of("find") { span.field-error { "Error: " (e) } }
                        input #find type="search" name="find" value=(some(&q.find).unwrap_or(""));
                    }
                    @if let Some(s) = some(&q.since) { input type="hidden" name="since" value=(s); }
                    div.actions { button type="submit" { "Show their part" } }
                }
                @if matches.len() > 1 {
                    p { "Several people match; choose one:" }
                    ul { @for p in &matches { li { a href={ "/org?under=" (p.id) } { (p.fields.name) } " (" (p.id) ")" } } }
                }
                @if !down.is_empty() {
                    details {
                        summary { @if root.is_some() || down_from.is_some() { "Their direct reports" } @else { "The people at the top" } " (" (down.len()) ")" }
                        ul { @for p in &down { li { a href={ "/org?under=" (p.id) } { (p.fields.name) } } } }
                    }
                }
            }
            @if !r.findings.is_empty() {
                h2 { "What to act on" }
                ol { @for f in &r.findings { li { (f) } } }
            }
            (pyramid(&fw, &r))
            (span(&r))
            (pipeline(&r, under.as_deref()))
            (pay(&r))
            (calibration(&r))
            (changes(&r, &under_q))
            @if !r.unread.is_empty() {
                h2 { "Not read" }
                ul { @for u in &r.unread { li { (u.kind) " " (u.id) " of " (u.person) ": " (u.reason) } } }
            }
        },
    )
    .into_response())
}

/// Looking a manager up by name or id: one match scopes the page to them, several are offered;
/// none is a problem at the field. With the scope asked for in the address otherwise.
async fn find_manager(
    state: &AppState,
    m: &crate::pages::SignedViewer,
    q: &OrgQuery,
    errors: &mut FieldErrors,
) -> Result<(Vec<rungs_app::answers::Person>, Option<String>), PageError> {
    let mut matches = Vec::new();
    let mut under = some(&q.under).map(str::to_owned);
    if let Some(find) = some(&q.find) {
        let by_id = state
            .app
            .people()
            .person(&m.actor, &PersonId::from(find))
            .await
            .ok();
        matches = match by_id {
            Some(p) => vec![p],
            None => {
                state
                    .app
                    .people()
                    .people(
                        &m.actor,
                        PeopleFilter {
                            name: Some(find.to_owned()),
                            limit: Some(20),
                            ..PeopleFilter::default()
                        },
                    )
                    .await?
            }
        };
        match matches.len() {
            0 => errors.list.push((
                "find".into(),
                format!("No one you may see is named or has the id “{find}”"),
            )),
            1 => under = Some(matches[0].id.to_string()),
            _ => {}
        }
    }
    Ok((matches, under))
}

/// The way down: the managers reporting to the root (or at the top of the whole
/// organization), by name, never ranked; with whom they report to.
async fn way_down(
    state: &AppState,
    m: &crate::pages::SignedViewer,
    root: Option<&rungs_app::answers::Person>,
    fw: &rungs_core::Framework,
) -> Result<(Vec<rungs_app::answers::Person>, Option<PersonId>), PageError> {
    let down_from = root.map(|p| p.id.clone()).or_else(|| {
        if m.actor.role == rungs_app::Role::Admin {
            None
        } else {
            m.actor.person.clone()
        }
    });
    let mut down: Vec<rungs_app::answers::Person> = match &down_from {
        Some(id) => {
            state
                .app
                .people()
                .people(
                    &m.actor,
                    PeopleFilter {
                        manager: Some(id.clone()),
                        ..PeopleFilter::default()
                    },
                )
                .await?
        }
        None => {
            let top = fw.ladder().last().map(|l| l.id.clone());
            state
                .app
                .people()
                .people(
                    &m.actor,
                    PeopleFilter {
                        level: top,
                        limit: Some(50),
                        ..PeopleFilter::default()
                    },
                )
                .await?
        }
    };
    down.sort_by(|a, b| a.fields.name.cmp(&b.fields.name));
    Ok((down, down_from))
}

/// The most names a list on this page shows; the rest are counted (and on `/team`).
const LIST: usize = 25;

fn more(n: usize) -> Markup {
    html! { @if n > LIST { p.muted { "and " (n - LIST) " more" } } }
}

fn tier_link(tier: &str, under: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("ready", tier);
    if let Some(u) = under {
        url.append_pair("under", u);
    }
    format!("/team?{}", url.finish())
}

fn person_link(p: &PersonRef) -> Markup {
    html! { a href={ "/people/" (p.id) } { (p.name) } " (" (p.level_title) ")" }
}

fn status_words(s: Status) -> &'static str {
    match s {
        Status::Ok => "within the target",
        Status::Over => "over the target",
        Status::Under => "under the target",
    }
}
