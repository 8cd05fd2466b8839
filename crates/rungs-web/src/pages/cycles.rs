//! `/cycles`: review cycles. Every person sees the stage a review is in and their own record's
//! state, in words and as steps; a manager rates their people there; a head of product starts
//! a cycle, moves it on, calibrates, shares and exports. Every rule is the application
//! layer's: a refused action shows its reason, as the API gives it.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::Role;
use rungs_app::{
    CycleInput, CycleTodo, CycleView, PartInput, PartView, RatingChange, RecordView, Reopen,
};
use rungs_core::Framework;
use rungs_core::cycle::{Part, PartState, Stage, StepStatus};
use serde::Deserialize;

use super::form::{csrf, day, input, with_note};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/cycles", axum::routing::get(list).post(create))
        .route("/cycles/{id}", axum::routing::get(cycle))
        .route("/cycles/{id}/stage", axum::routing::post(stage))
        .route("/cycles/{id}/calibration", axum::routing::get(calibration))
        .route("/cycles/{id}/export.csv", axum::routing::get(export_csv))
        .route("/cycles/{id}/export.json", axum::routing::get(export_json))
        .route("/cycles/{id}/people/{person}", axum::routing::get(person))
        .route(
            "/cycles/{id}/people/{person}/self",
            axum::routing::post(write_self),
        )
        .route(
            "/cycles/{id}/people/{person}/manager",
            axum::routing::post(write_manager),
        )
        .route(
            "/cycles/{id}/people/{person}/reopen",
            axum::routing::post(reopen),
        )
        .route(
            "/cycles/{id}/people/{person}/calibrate",
            axum::routing::post(calibrate),
        )
        .route(
            "/cycles/{id}/people/{person}/correct",
            axum::routing::post(correct),
        )
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Note {
    done: Option<String>,
}

/// A refused action's problems: the fields named, or the refusal's reason at the top.
fn refusal(e: rungs_app::AppError) -> Result<FieldErrors, PageError> {
    match e {
        rungs_app::AppError::Conflict(why) => Ok(FieldErrors::one("write", why)),
        other => FieldErrors::from_error(other),
    }
}

/// Back to a page after a change, with what was done.
fn back(path: &str, note: &str) -> Response {
    super::form::redirect(&with_note(path, note)).into_response()
}

/// The stages of a cycle as steps, each saying where it stands in words.
fn stage_steps(c: &CycleView) -> Markup {
    html! {
        ol.progress aria-label="Stages of the review" {
            @for s in &c.stages {
                li.done[s.status == StepStatus::Done] aria-current=[(s.status == StepStatus::Current).then_some("step")] {
                    (s.name)
                    span.visually-hidden { ": " }
                    span.state {
                        (s.status.words())
                        @if let Some(d) = s.due { " · ends " (d.to_string()) }
                    }
                }
            }
        }
    }
}

/// A record's steps.
fn record_steps(r: &RecordView) -> Markup {
    html! {
        ol.progress aria-label={ "Where " (r.name) "'s record stands" } {
            @for s in &r.steps {
                li.done[s.status == StepStatus::Done] aria-current=[(s.status == StepStatus::Current).then_some("step")] {
                    (s.name) span.visually-hidden { ": " } span.state { (s.detail) }
                }
            }
        }
    }
}

/// To-dos, for the start page and the cycles page.
pub(super) fn todo_list(todos: &[CycleTodo]) -> Markup {
    html! {
        @if !todos.is_empty() {
            section.notice aria-labelledby="todo" {
                h2 #todo { "To do in your reviews" }
                ul.todo-list {
                    @for t in todos {
                        li {
                            @let href = match &t.todo.person {
                                Some(p) => format!("/cycles/{}/people/{p}", t.cycle),
                                None => format!("/cycles/{}", t.cycle),
                            };
                            a href=(href) { (t.todo.what) }
                            " (" (t.cycle_name)
                            @if let Some(d) = t.todo.due { ", by " (d.to_string()) }
                            ")"
                            @if t.todo.late { " " span.late { "late" } }
                        }
                    }
                }
            }
        }
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    Member(m): Member,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    let cycles = state.app.cycles(&m.actor).await?;
    let todos = state.app.cycle_todos(&m.actor).await?;
    Ok(list_page(
        &m,
        &cycles,
        &todos,
        &FieldErrors::default(),
        &Form::default(),
        note.done.as_deref(),
    )
    .into_response())
}

fn list_page(
    m: &SignedViewer,
    cycles: &[CycleView],
    todos: &[CycleTodo],
    errors: &FieldErrors,
    form: &Form,
    done: Option<&str>,
) -> Markup {
    let admin = m.actor.role == Role::Admin;
    page(
        &m.nav().at("/cycles"),
        "Reviews",
        html! {
            h1 { "Reviews" }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            (todo_list(todos))
            @if cycles.is_empty() {
                p.lead { "No review cycle has started yet." }
            }
            @for c in cycles {
                section.panel aria-labelledby={ "cycle-" (c.id) } {
                    h2 id={ "cycle-" (c.id) } { a href={ "/cycles/" (c.id) } { (c.name) } }
                    p { "Stage: " strong { (c.stage_name) } " · " (c.people) " people · framework version " (c.framework_version) }
                    (stage_steps(c))
                }
            }
            @if admin {
                h2 #new { "Start a review cycle" }
                p { "Everyone (or everyone under one person) is in it, on the framework version in use now: a framework published during the cycle applies to the next one. The cycle starts at self-assessment." }
                (errors.summary())
                form method="post" action="/cycles" {
                    (csrf(&m.csrf))
                    (input(errors, "name", "Name", "text", form.get("name"), Some("For example \"H2 2026 review\"."), "off"))
                    (input(errors, "under", "Only the people under (roster id, optional)", "text", form.get("under"), Some("Leave empty for the whole organization."), "off"))
                    (input(errors, "self_assessment_due", "Self-assessments due", "date", form.get("self_assessment_due"), None, "off"))
                    (input(errors, "manager_assessment_due", "Manager ratings due", "date", form.get("manager_assessment_due"), None, "off"))
                    (input(errors, "calibration_due", "Calibration ends", "date", form.get("calibration_due"), None, "off"))
                    (input(errors, "shared_due", "Results shared by", "date", form.get("shared_due"), None, "off"))
                    div.actions { button type="submit" { "Start the cycle" } }
                }
            }
        },
    )
}

pub(super) async fn create(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    let opt = |k: &str| Some(form.get(k).to_owned()).filter(|v| !v.trim().is_empty());
    let input = CycleInput {
        name: form.get("name").to_owned(),
        under: opt("under"),
        self_assessment_due: opt("self_assessment_due"),
        manager_assessment_due: opt("manager_assessment_due"),
        calibration_due: opt("calibration_due"),
        shared_due: opt("shared_due"),
    };
    match state.app.create_cycle(&m.actor, input).await {
        Ok(c) => Ok(back(
            &format!("/cycles/{}", c.id),
            "The cycle has started at self-assessment.",
        )),
        Err(e) => {
            let errors = FieldErrors::from_error(e)?;
            let cycles = state.app.cycles(&m.actor).await?;
            let todos = state.app.cycle_todos(&m.actor).await?;
            let body = list_page(&m, &cycles, &todos, &errors, &form, None);
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

pub(super) async fn cycle(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    let c = state.app.cycle(&m.actor, id).await?;
    let records = state.app.cycle_records(&m.actor, id).await?;
    let progress = match m.actor.role {
        Role::Member => None,
        _ => Some(state.app.cycle_progress(&m.actor, id).await?),
    };
    let me = m.actor.person.as_deref();
    let mine = records.iter().find(|r| Some(r.person.as_str()) == me);
    let others: Vec<&RecordView> = records
        .iter()
        .filter(|r| Some(r.person.as_str()) != me)
        .collect();
    let admin = m.actor.role == Role::Admin;
    let next = c.stage.next();
    let body = html! {
        h1 { (c.name) }
        @if let Some(d) = &note.done { p.notice role="status" { (d) } }
        p.lead { "This review is at " strong { (c.stage_name) } "." }
        (stage_steps(&c))
        @if let Some(n) = &c.framework_note { p.notice { (n) } } @else {
            p.muted { "The cycle uses framework version " (c.framework_version) " for its whole length." }
        }
        @if let Some(r) = mine {
            section aria-labelledby="mine" {
                h2 #mine { "Your record" }
                p { (r.words) "." }
                (record_steps(r))
                p { a.button href={ "/cycles/" (id) "/people/" (r.person) } { "Open your record" } }
            }
        }
        @if !others.is_empty() {
            section aria-labelledby="people" {
                h2 #people { @if admin { "Everyone in the cycle" } @else { "Your people" } }
                table {
                    thead { tr { th scope="col" { "Person" } th scope="col" { "Self-assessment" } th scope="col" { "Manager's rating" } th scope="col" { "Record" } } }
                    tbody {
                        @for r in &others {
                            tr {
                                th scope="row" { a href={ "/cycles/" (id) "/people/" (r.person) } { (r.name) } }
                                td { (r.own.state.words()) }
                                td { (r.manager_part.state.words()) }
                                td { (r.state.words()) }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(p) = &progress {
            section aria-labelledby="progress" {
                h2 #progress { "Completion" }
                table {
                    thead { tr { th scope="col" { "Part" } th scope="col" { "Submitted" } th scope="col" { "Drafts" } } }
                    tbody {
                        tr { th scope="row" { "Self-assessments" } td { (p.self_submitted) " of " (p.people) } td { (p.self_draft) } }
                        tr { th scope="row" { "Manager ratings" } td { (p.manager_submitted) " of " (p.people) } td { (p.manager_draft) } }
                        tr { th scope="row" { "Results shared" } td { (p.shared) " of " (p.people) } td { "–" } }
                    }
                }
                h3 { "By manager" }
                table {
                    thead { tr { th scope="col" { "Manager" } th scope="col" { "People" } th scope="col" { "Self-assessments submitted" } th scope="col" { "Ratings submitted" } } }
                    tbody {
                        @for mg in &p.managers {
                            tr { th scope="row" { (mg.name) } td { (mg.people) } td { (mg.self_submitted) } td { (mg.manager_submitted) } }
                        }
                    }
                }
            }
        }
        @if c.stage >= Stage::Calibration && m.actor.role != Role::Member {
            p { a href={ "/cycles/" (id) "/calibration" } { "Calibration: levels, readiness, lift and promotion candidates" } }
        }
        @if admin {
            section aria-labelledby="admin" {
                h2 #admin { "Run the cycle" }
                @if let Some(n) = next {
                    form method="post" action={ "/cycles/" (id) "/stage" } {
                        (csrf(&m.csrf))
                        input type="hidden" name="to" value=(n.as_str());
                        p { "Move the cycle on to " strong { (n.name()) } "."
                            @if n == Stage::Shared { " Every record with a submitted manager's rating is shared with its person and frozen; corrections after that are new records with a reason." } }
                        div.actions { button type="submit" { "Move to " (n.name()) } }
                    }
                } @else {
                    p { "The cycle is closed. "
                        a href={ "/cycles/" (id) "/export.csv" } { "Export it as CSV" } " or "
                        a href={ "/cycles/" (id) "/export.json" } { "as JSON" } "." }
                }
            }
        }
    };
    Ok(page(&m.nav().at("/cycles"), &c.name, body).into_response())
}

pub(super) async fn stage(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    let c = state
        .app
        .advance_cycle(&m.actor, id, form.get("to"))
        .await?;
    Ok(back(
        &format!("/cycles/{id}"),
        &format!("The cycle is now at {}.", c.stage_name),
    ))
}

/// The levels a person on `track` may be rated at (the framework's rule), with "below" and
/// "not assessed", each in words.
fn rating_options(fw: &Framework, track: &str) -> Vec<(String, String)> {
    use rungs_core::assessment::Rating;
    let mut out = vec![
        ("not-assessed".to_owned(), Rating::NotAssessed.words(fw)),
        ("below".to_owned(), Rating::Below.words(fw)),
    ];
    out.extend(
        fw.ratable_levels(track)
            .into_iter()
            .map(|l| (l.id.clone(), l.short_title.clone())),
    );
    out
}

pub(super) async fn person(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    record_page(
        &state,
        &m,
        id,
        &person,
        note.done.as_deref(),
        &FieldErrors::default(),
        None,
    )
    .await
}

async fn record_page(
    state: &AppState,
    m: &SignedViewer,
    id: i64,
    person: &str,
    done: Option<&str>,
    errors: &FieldErrors,
    sent: Option<&Form>,
) -> Result<Response, PageError> {
    let c = state.app.cycle(&m.actor, id).await?;
    let r = state.app.cycle_record(&m.actor, id, person).await?;
    let fw = state
        .app
        .framework_at(m.actor.org, c.framework_version)
        .await?;
    let who = state.app.person(&m.actor, person).await?;
    let options = rating_options(&fw, &who.fields.track);
    let own = m.actor.person.as_deref() == Some(person);
    let admin = m.actor.role == Role::Admin;
    let writes = r.yours.part;
    let (mine, other) = match writes {
        Part::Own => (&r.own, &r.manager_part),
        Part::Manager => (&r.manager_part, &r.own),
    };
    let writable = r.yours.open;
    // Why the viewer's part cannot be written now (an admin, who writes for any manager, is
    // not told on every record).
    let why_not = r.yours.why_not.as_deref().filter(|_| own || !admin);
    let milestones = fw.milestones_from(&who.fields.level);
    let chosen = |comp: &str| -> String {
        match sent {
            Some(f) => f.get(&format!("r-{comp}")).to_owned(),
            None => mine.ratings.get(comp).cloned().unwrap_or_default(),
        }
    };
    let met = |ms: &str| -> bool {
        match sent {
            Some(f) => f.fields.iter().any(|(k, v)| k == "milestone" && v == ms),
            None => mine.milestones.iter().any(|x| x == ms),
        }
    };
    let held_title = fw
        .level(&who.fields.level)
        .map_or_else(|| who.fields.level.clone(), |l| l.short_title.clone());
    let heading = if own {
        "Your record".to_owned()
    } else {
        format!("{}'s record", r.name)
    };
    let body = html! {
        p { a href={ "/cycles/" (id) } { "← " (c.name) } }
        h1 { (heading) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p.lead { (r.words) "." }
        (record_steps(&r))
        @if let Some(level) = &r.shown_level {
            p { "The " @if r.corrections.is_empty() { "manager's rating" } @else { "corrected rating" } " shows " strong { (rungs_core::assessment::rating_words(&fw, level)) } "." }
        }
        (errors.summary())
        @if writable {
            section aria-labelledby="write" {
                h2 #write { @if own { "Your self-assessment" } @else { "Your rating of " (r.name) } }
                p { "Choose the level each competency meets, against the expectations of "
                    a href="/ladder" { "the ladder" } " (framework version " (c.framework_version) "). Save a draft as often as you like; once submitted it is final unless an admin reopens it." }
                form method="post" action={ "/cycles/" (id) "/people/" (person) "/" (writes.as_str()) } {
                    (csrf(&m.csrf))
                    input type="hidden" name="version" value=(r.version);
                    table {
                        thead { tr {
                            th scope="col" { "Competency" }
                            @if other.visible { th scope="col" { @if own { "Manager's rating" } @else { "Their self-rating" } } }
                            th scope="col" { @if own { "Your rating" } @else { "Your rating" } }
                        } }
                        @for area in fw.areas() {
                            tbody {
                                tr.area { th colspan=(if other.visible { 3 } else { 2 }) scope="colgroup" { (area.name) } }
                                @for comp in &area.competencies {
                                    @let field = format!("r-{}", comp.id);
                                    @let value = chosen(&comp.id);
                                    tr {
                                        th scope="row" {
                                            label for=(field) { (comp.name) }
                                            @if let Some(e) = fw.expectation(comp, &who.fields.level) {
                                                br; span.muted { (held_title) ": " (e) }
                                            }
                                        }
                                        @if other.visible {
                                            td { (other.ratings.get(&comp.id).map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(&fw, v))) }
                                        }
                                        td {
                                            select id=(field) name=(field) aria-invalid=[errors.of(&format!("ratings/{}", comp.id)).map(|_| "true")] {
                                                @for (v, n) in &options {
                                                    option value=(v) selected[*v == value || (value.is_empty() && v == "not-assessed")] { (n) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if !milestones.is_empty() {
                        fieldset {
                            legend { "Milestones met on the way to the next rung" }
                            @for ms in &milestones {
                                div.check {
                                    input type="checkbox" id={ "m-" (ms.id) } name="milestone" value=(ms.id) checked[met(&ms.id)];
                                    label for={ "m-" (ms.id) } { (ms.text) }
                                }
                            }
                        }
                    }
                    div.field {
                        label for="notes" { "Notes (optional)" }
                        textarea #notes name="notes" rows="3" { (sent.map_or_else(|| mine.notes.clone().unwrap_or_default(), |f| f.get("notes").to_owned())) }
                    }
                    div.actions {
                        button type="submit" name="action" value="submit" { "Submit" }
                        button.secondary type="submit" name="action" value="draft" { "Save a draft" }
                    }
                }
            }
        } @else {
            @if let Some(why) = &why_not { p.notice { (why) } }
            (part_section("Self-assessment", &r.own, &fw))
            (part_section("Manager's rating", &r.manager_part, &fw))
        }
        @if !r.calibrations.is_empty() || !r.corrections.is_empty() {
            section aria-labelledby="changes" {
                h2 #changes { "Changes, with their reasons" }
                ul {
                    @for e in r.calibrations.iter().chain(&r.corrections) {
                        li {
                            @if e.kind == "calibrated" { "Calibrated" } @else { "Corrected" }
                            " on " (day(e.at)) " by " (e.by) ": "
                            (e.detail["competency"].as_str().unwrap_or_default()) " from "
                            (e.detail["from"].as_str().map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(&fw, v))) " to "
                            (e.detail["to"].as_str().map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(&fw, v)))
                            @if let Some(why) = &e.reason { ". Why: " (why) }
                        }
                    }
                }
            }
        }
        @if admin { (admin_forms(m, &c, &r, &fw, &options, person)) }
    };
    let status = if errors.list.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page(&m.nav().at("/cycles"), &heading, body)).into_response())
}

fn part_section(title: &str, p: &PartView, fw: &Framework) -> Markup {
    html! {
        section {
            h2 { (title) ": " (p.state.words()) }
            @if !p.visible {
                p.muted { @if p.state == PartState::Submitted || p.state == PartState::Draft {
                    "Not shown to you at this stage." } @else { "Nothing written yet." } }
            } @else if p.ratings.is_empty() {
                p.muted { "Nothing written yet." }
            } @else {
                table {
                    thead { tr { th scope="col" { "Competency" } th scope="col" { "Rating" } } }
                    tbody {
                        @for (c, v) in &p.ratings {
                            tr { th scope="row" { (c) } td { (rungs_core::assessment::rating_words(fw, v)) } }
                        }
                    }
                }
                @if let Some(n) = &p.notes { p { "Notes: " (n) } }
            }
        }
    }
}

fn admin_forms(
    m: &SignedViewer,
    c: &CycleView,
    r: &RecordView,
    fw: &Framework,
    options: &[(String, String)],
    person: &str,
) -> Markup {
    let id = c.id;
    let change = |action: &str, title: &str, button: &str| {
        html! {
            form.panel method="post" action={ "/cycles/" (id) "/people/" (person) "/" (action) } {
                h3 { (title) }
                (csrf(&m.csrf))
                input type="hidden" name="version" value=(r.version);
                div.field {
                    label for={ (action) "-competency" } { "Competency" }
                    select id={ (action) "-competency" } name="competency" {
                        @for (_, comp) in fw.competencies() { option value=(comp.id) { (comp.name) } }
                    }
                }
                div.field {
                    label for={ (action) "-rating" } { "New rating" }
                    select id={ (action) "-rating" } name="rating" {
                        @for (v, n) in options { option value=(v) { (n) } }
                    }
                }
                div.field {
                    label for={ (action) "-reason" } { "Why (kept with the change)" }
                    textarea id={ (action) "-reason" } name="reason" rows="2" required {}
                }
                div.actions { button type="submit" { (button) } }
            }
        }
    };
    html! {
        section aria-labelledby="admin" {
            h2 #admin { "As an admin" }
            @if c.stage == Stage::Calibration && r.manager_part.state == PartState::Submitted {
                (change("calibrate", "Calibrate one rating", "Calibrate"))
            }
            @if c.stage == Stage::Shared && r.state == rungs_core::cycle::RecordState::Shared {
                (change("correct", "Correct a shared rating", "Record the correction"))
            }
            @if c.stage < Stage::Shared && (r.own.state == PartState::Submitted || r.manager_part.state == PartState::Submitted) {
                form.panel method="post" action={ "/cycles/" (id) "/people/" (person) "/reopen" } {
                    h3 { "Reopen a submitted part" }
                    (csrf(&m.csrf))
                    input type="hidden" name="version" value=(r.version);
                    fieldset {
                        legend { "Which part" }
                        @if r.own.state == PartState::Submitted {
                            div.check { input #reopen-self type="radio" name="part" value="self" checked; label for="reopen-self" { "The self-assessment" } }
                        }
                        @if r.manager_part.state == PartState::Submitted {
                            div.check { input #reopen-manager type="radio" name="part" value="manager" checked[r.own.state != PartState::Submitted]; label for="reopen-manager" { "The manager's rating" } }
                        }
                    }
                    div.field {
                        label for="reopen-reason" { "Why (kept with the change)" }
                        textarea #reopen-reason name="reason" rows="2" required {}
                    }
                    div.actions { button type="submit" { "Reopen" } }
                }
            }
        }
    }
}

/// The ratings a form sends: `r-<competency>` fields.
fn sent_ratings(form: &Form) -> BTreeMap<String, String> {
    form.fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("r-")?.to_owned(), v.clone())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn version(form: &Form) -> i64 {
    form.get("version").parse().unwrap_or(0)
}

pub(super) async fn write_self(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Own).await
}

pub(super) async fn write_manager(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Manager).await
}

async fn write(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    form: Form,
    part: Part,
) -> Result<Response, PageError> {
    let submit = form.get("action") == "submit";
    let input = PartInput {
        ratings: sent_ratings(&form),
        milestones: form
            .fields
            .iter()
            .filter(|(k, _)| k == "milestone")
            .map(|(_, v)| v.clone())
            .collect(),
        notes: Some(form.get("notes").to_owned()).filter(|n| !n.trim().is_empty()),
        submit,
        version: version(&form),
    };
    match state
        .app
        .write_part(&m.actor, id, &person, part, input)
        .await
    {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            if submit {
                "Submitted."
            } else {
                "The draft is saved."
            },
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, Some(&form)).await
        }
    }
}

pub(super) async fn reopen(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let input = Reopen {
        part: form.get("part").to_owned(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    match state.app.reopen_part(&m.actor, id, &person, input).await {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            "Reopened: it can be written again.",
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, None).await
        }
    }
}

pub(super) async fn calibrate(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, true).await
}

pub(super) async fn correct(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, false).await
}

async fn change(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    form: Form,
    calibration: bool,
) -> Result<Response, PageError> {
    let input = RatingChange {
        competency: form.get("competency").to_owned(),
        rating: form.get("rating").to_owned(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    let result = if calibration {
        state.app.calibrate(&m.actor, id, &person, input).await
    } else {
        state.app.correct(&m.actor, id, &person, input).await
    };
    match result {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            if calibration {
                "Calibrated; the change and its reason are kept."
            } else {
                "The correction is recorded beside what was shared."
            },
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, None).await
        }
    }
}

pub(super) async fn calibration(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = state.app.cycle(&m.actor, id).await?;
    let v = state.app.cycle_calibration(&m.actor, id).await?;
    let fw = state
        .app
        .framework_at(m.actor.org, c.framework_version)
        .await?;
    let tiers = fw.readiness_tiers();
    let title = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| fw.level(i))
            .map_or("–".to_owned(), |l| l.short_title.clone())
    };
    let cal = &v.calibration;
    let body = html! {
        p { a href={ "/cycles/" (id) } { "← " (c.name) } }
        h1 { "Calibration: " (c.name) }
        p.lead { (cal.rated) " people have a submitted manager's rating. No group of fewer than " (cal.min_group) " people is shown on its own, and no team or manager is ranked: managers are listed by name." }
        h2 { "The levels the ratings show, and readiness for the next rung" }
        @match &cal.distribution {
            None => p { "Fewer than " (cal.min_group) " people are rated: the distribution would be about individuals, and is not shown." },
            Some(d) => {
                table {
                    thead { tr {
                        th scope="col" { "Level shown" } th scope="col" { "People" }
                        @for t in tiers { th scope="col" { (t.name) } }
                    } }
                    tbody {
                        @for l in &d.levels {
                            tr {
                                th scope="row" { (l.name) } td { (l.people) }
                                @for (_, n) in &l.readiness { td { (n) } }
                            }
                        }
                    }
                }
                @if d.withheld_levels > 0 {
                    p.muted { (d.withheld_levels) " people at levels with fewer than " (cal.min_group) " people each are not shown." }
                }
            }
        }
        h2 { "Each manager's lift" }
        p { "Lift is the mean rank of a manager's ratings minus the rank of the level each person holds." }
        @if cal.lifts.is_empty() { p { "No manager has rated " (cal.min_group) " or more people in this cycle." } } @else {
            table {
                thead { tr { th scope="col" { "Manager" } th scope="col" { "People rated" } th scope="col" { "Mean lift (ranks)" } } }
                tbody { @for l in &cal.lifts { tr { th scope="row" { (l.assessor) } td { (l.people) } td { (format!("{:+.2}", l.mean_lift)) } } } }
            }
        }
        @if cal.withheld_assessors > 0 { p.muted { (cal.withheld_assessors) " managers who rated fewer than " (cal.min_group) " people are not shown on their own." } }
        h2 { "Self against manager" }
        @match &cal.gaps {
            None => p { "Fewer than " (cal.min_group) " people have both parts submitted: not shown." },
            Some(g) => {
                p { "Of " (g.compared) " people with both: " (g.self_higher) " rate themselves half a rank or more above their manager, "
                    (g.in_line) " within half a rank, " (g.self_lower) " half a rank or more below. On average, self minus manager is "
                    (format!("{:+.2}", g.mean_self_minus_manager)) " ranks." }
            }
        }
        h2 { "Promotion candidates" }
        p { "Ready now for the next rung by the manager's (calibrated) rating, by name." }
        @if v.candidates.is_empty() { p { "No one is ready now." } } @else {
            table {
                thead { tr { th scope="col" { "Person" } th scope="col" { "Ratings show" } th scope="col" { "Next rung" } th scope="col" { "Packet" } } }
                tbody {
                    @for p in &v.candidates {
                        tr {
                            th scope="row" { a href={ "/cycles/" (id) "/people/" (p.person) } { (p.name) } }
                            td { (title(&p.shown)) } td { (title(&p.next)) }
                            td { a href={ "/people/" (p.person) "/packet" } { "Packet for " (p.name) } }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&m.nav().at("/cycles"), "Calibration", body).into_response())
}

pub(super) async fn export_csv(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let csv = state.app.export_cycle_csv(&m.actor, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"cycle.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

pub(super) async fn export_json(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let e = state.app.export_cycle(&m.actor, id).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"cycle.json\"",
        )],
        axum::Json(e),
    )
        .into_response())
}
