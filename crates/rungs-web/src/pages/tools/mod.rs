//! Tools a product manager reaches for: paths and years, which track suits them, and what a
//! job title means on the ladder.

mod titles;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::ladder::{DestinationsRequest, PathRequest};
use rungs_core::Framework;
use rungs_core::titles::{Kind, Verdict};
use rungs_core::trackfit::{self, Answer};
use rungs_core::words::range;
use serde::Deserialize;
use titles::*;

use super::charts::{self, Fan};
use super::form::csrf;
use super::{FieldErrors, Form, Member, PageError, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/path", axum::routing::get(path_page))
        .route("/track", axum::routing::get(track_page).post(track))
        .route("/titles", axum::routing::get(titles_page).post(titles))
        .route("/titles/csv", axum::routing::post(titles_csv))
}

fn short(fw: &Framework, id: &str) -> String {
    fw.level(id)
        .map_or_else(|| id.to_owned(), |l| l.short_title.clone())
}

fn options(fw: &Framework, current: Option<&str>, none: Option<&str>) -> Markup {
    html! {
        @if let Some(label) = none { option value="" selected[current.is_none()] { (label) } }
        @for l in fw.ladder() {
            option value=(l.id) selected[Some(l.id.as_str()) == current] { (l.title) }
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct PathQuery {
    from: Option<String>,
    to: Option<String>,
    stage: Option<String>,
}

/// Where a path starts: the level asked for, else the level the viewer holds, else the first.
async fn start_level(
    state: &AppState,
    m: &super::SignedViewer,
    fw: &Framework,
    asked: Option<String>,
) -> Result<String, PageError> {
    let held = match &m.actor.person {
        Some(p) => state
            .app
            .people()
            .person(&m.actor, p)
            .await
            .ok()
            .map(|p| p.fields.level.into_string()),
        None => None,
    };
    asked
        .or(held)
        .or_else(|| fw.ladder().first().map(|l| l.id.clone()))
        .ok_or_else(|| PageError::not_found("ladder"))
}

pub(super) async fn path_page(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<PathQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut errors = FieldErrors::default();
    let given = |v: &Option<String>| v.clone().filter(|g| !g.trim().is_empty());
    let from_id = start_level(&state, &m, &fw, given(&q.from)).await?;
    let stage = given(&q.stage);
    // The same questions the API and the command line ask, with the same defaults: the years
    // in the fan below and in the plan above come from one simulation.
    let explored = state
        .app
        .ladder()
        .destinations(
            &m.actor,
            DestinationsRequest {
                from: from_id.clone(),
                ..DestinationsRequest::default()
            },
        )
        .await;
    let planned = match given(&q.to) {
        Some(to) => Some(
            state
                .app
                .ladder()
                .path(
                    &m.actor,
                    PathRequest {
                        from: from_id.clone(),
                        to,
                        stage: stage.clone(),
                        ..PathRequest::default()
                    },
                )
                .await,
        ),
        None => None,
    };
    let explored = match explored {
        Ok(e) => Some(e),
        Err(e) => {
            errors.list.extend(FieldErrors::from_error(e)?.list);
            None
        }
    };
    let Some(from_level) = fw
        .find_level(&from_id)
        .ok()
        .or_else(|| fw.ladder().first().map(|l| fw.level_at(l.pos())))
    else {
        return Err(PageError::not_found("ladder"));
    };
    let currency = fw.compensation().map_or("", |c| c.currency.as_str());
    let fans: Vec<Fan> = explored
        .as_ref()
        .map(|e| {
            e.ladder
                .iter()
                .map(|d| Fan {
                    id: d.level.clone(),
                    title: short(&fw, &d.level),
                    p10: d.years.p10,
                    p50: d.years.p50,
                    p90: d.years.p90,
                    steps: d.steps,
                })
                .collect()
        })
        .unwrap_or_default();
    let planned_body = match planned {
        Some(Ok(p)) => html! {
            h2 { "From " (short(&fw, &p.from)) " to " (short(&fw, &p.to)) }
            p.lead data-years=(format!("{:.1}", p.years.p50)) { "For anyone starting at " (short(&fw, &p.from)) ": usually " (format!("{:.1}", p.years.p50)) " years (P50); between " (format!("{:.1}", p.years.p10)) " and " (format!("{:.1}", p.years.p90)) " (P10–P90)." }
            @for (i, r) in p.details.iter().enumerate() {
                section.panel aria-labelledby={ "route-" (i) } {
                    h3 id={ "route-" (i) } { "Route " (i + 1) ": " (r.levels.iter().map(|l| short(&fw, l)).collect::<Vec<_>>().join(" → ")) }
                    p { (format!("P10 {:.1} · P50 {:.1} · P90 {:.1} years", r.years.p10, r.years.p50, r.years.p90)) }
                    @if !r.reading.is_empty() { p.muted { (r.reading) } }
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Step, Kind, Usual time before it, Pay after it" { table {
                        thead { tr { th scope="col" { "Step" } th scope="col" { "Kind" } th scope="col" { "Usual time before it" } th scope="col" { "Pay after it" } } }
                        tbody {
                            @for s in &r.steps {
                                tr {
                                    th scope="row" { (short(&fw, &s.from)) " → " (short(&fw, &s.to)) }
                                    td { (s.kind.as_str().replace('-', " ")) }
                                    td { (s.wait.as_ref().map_or("not given".to_owned(), |y| y.text())) }
                                    td { (s.pay.map_or("—".to_owned(), |r| range(&r, currency))) }
                                }
                            }
                        }
                    } }
                }
            }
            @if !p.notes.is_empty() { ul.muted { @for n in &p.notes { li { (n) } } } }
        },
        Some(Err(e)) => {
            errors.list.extend(FieldErrors::from_error(e)?.list);
            html! {}
        }
        None => html! {},
    };
    errors.list.dedup();
    let status = if errors.list.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        page(
            &m.nav().at("/path"),
            "Paths",
            html! {
                h1 { "Paths and years" }
                (errors.summary())
                form.stack method="get" action="/path" novalidate {
                    div.field { label for="from" { "From" } select #from name="from" { (options(&fw, Some(&from_level.id), None)) } }
                    div.field { label for="to" { "To" } select #to name="to" { (options(&fw, q.to.as_deref(), Some("Every level within reach"))) } }
                    @if let Some(c) = fw.compensation() {
                        div.field { label for="stage" { "Pay at" } select #stage name="stage" {
                            option value="" selected[stage.is_none()] { "No pay" }
                            @for s in &c.stages { option value=(s.id) selected[stage.as_deref() == Some(s.id.as_str())] { (s.name) } }
                        } }
                    }
                    div.actions { button type="submit" { "Show" } }
                }
                (planned_body)
                @if !fans.is_empty() {
                    h2 { "Every level within reach of " (from_level.short_title) }
                    (charts::fan(&from_level.short_title, &fans))
                }
                @if let Some(e) = &explored {
                    @for (title, topics) in [("Beyond the top", &e.executive_paths), ("Adjacent roles", &e.adjacent_roles), ("Entrepreneurial paths", &e.entrepreneurial_paths), ("Industry transitions", &e.industry_transitions)] {
                        @if !topics.is_empty() {
                            h2 { (title) }
                            ul { @for t in topics { li { strong { (t.name) } ": " (t.summary) } } }
                        }
                    }
                }
            },
        ),
    )
        .into_response())
}

/// The track questions, answered or not.
fn track_form(fw: &Framework, token: &str, chosen: &[Answer], errors: &FieldErrors) -> Markup {
    html! {
        (errors.summary())
        form method="post" action="/track" novalidate {
            (csrf(token))
            @for f in fw.track_choice() {
                fieldset.has-error[errors.of(&f.id).is_some()] id=(f.id) {
                    legend { (f.question) }
                    @if let Some(e) = errors.of(&f.id) { span.field-error { "Error: " (e) } }
                    span.hint { (f.summary) }
                    @for o in &f.options {
                        @let id = format!("{}-{}", f.id, o.id);
                        div.choice {
                            input type="radio" id=(id) name=(f.id) value=(o.id)
                                checked[chosen.iter().any(|a| a.factor == f.id && a.option == o.id)];
                            label for=(id) { (o.label) }
                        }
                    }
                }
            }
            div.actions { button type="submit" { "See my leaning" } }
        }
    }
}

pub(super) async fn track_page(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    Ok(page(
        &m.nav().at("/track"),
        "Which track?",
        html! {
            h1 { "Individual contributor or manager?" }
            p.lead { "Answer each question as you are today. Each answer leans one way or neither, and says why." }
            (track_form(&fw, &m.csrf, &[], &FieldErrors::default()))
        },
    )
    .into_response())
}

pub(super) async fn track(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let answers: Vec<Answer> = fw
        .track_choice()
        .iter()
        .filter_map(|f| {
            let chosen = form.get(&f.id);
            f.options.iter().find(|o| o.id == chosen).map(|o| Answer {
                factor: f.id.clone(),
                option: o.id.clone(),
            })
        })
        .collect();
    let fit = trackfit::fit(&fw, &answers);
    let track_name = |id: &str| {
        fw.track(id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    };
    Ok(page(
        &m.nav().at("/track"),
        "Which track?",
        html! {
            h1 { "Individual contributor or manager?" }
            section.panel aria-labelledby="leaning" role="status" {
                h2 #leaning {
                    @if fit.leaning == "undecided" { "Undecided" } @else { "Leaning: " (track_name(&fit.leaning)) }
                }
                p { (fit.summary) }
                div.table-scroll tabindex="0" role="region" aria-label="Table: Track, Answers leaning to it, Question, Your answer" { table {
                    thead { tr { th scope="col" { "Track" } th scope="col" { "Answers leaning to it" } } }
                    tbody { @for s in &fit.scores { tr { th scope="row" { (track_name(&s.track)) } td { (s.answers) } } } }
                } }
            }
            h2 { "Why, answer by answer" }
            div.table-scroll tabindex="0" role="region" aria-label="Table: Question, Your answer, Leans, Why" { table {
                thead { tr { th scope="col" { "Question" } th scope="col" { "Your answer" } th scope="col" { "Leans" } th scope="col" { "Why" } } }
                tbody {
                    @for r in &fit.reasons {
                        tr { th scope="row" { (r.question) } td { (r.answer) } td { (r.leans.as_deref().map_or("neither way".to_owned(), track_name)) } td { (r.reason) } }
                    }
                }
            } }
            @if !fit.unanswered.is_empty() { p.muted { (fit.unanswered.len()) " questions left unanswered." } }
            @if !fit.time_allocation.is_empty() {
                h2 { "How each track spends the week" }
                div.table-scroll tabindex="0" role="region" aria-label="Table: Track, Level, Time" { table {
                    thead { tr { th scope="col" { "Track" } th scope="col" { "Level" } th scope="col" { "Time" } } }
                    tbody { @for t in &fit.time_allocation { tr { th scope="row" { (track_name(&t.track)) } td { (short(&fw, &t.level)) } td { (t.split) } } } }
                } }
            }
            h2 { "Change an answer" }
            (track_form(&fw, &m.csrf, &answers, &FieldErrors::default()))
        },
    )
    .into_response())
}
