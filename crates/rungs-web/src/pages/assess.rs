//! `/assess`: a self-assessment, one step at a time: the level held and the track, then one
//! area per step with the expectations at, below and above the level held beside each
//! competency and a box for evidence, then the milestones of the step up, then a review before
//! saving. The draft is kept between visits; the saved assessment is the record the API stores.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_core::Framework;
use rungs_core::assessment::{Assessor, AssessorKind, Document, MilestoneEntry, RatingEntry};
use rungs_core::eval::{Evaluator, NextRung};
use rungs_core::framework::Level;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::form::csrf;
use super::me::Subject;
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/assess", axum::routing::get(page_get).post(page_post))
        .route(
            "/people/{id}/assess",
            axum::routing::get(their_get).post(their_post),
        )
}

/// Who is assessed, by whom, and where the wizard lives: a person rating themselves at
/// `/assess`, or a manager (or admin) rating someone at `/people/{id}/assess`.
#[derive(Debug, Clone)]
struct Who {
    /// The person assessed; none for a viewer not linked to the roster (refused on saving).
    person: Option<String>,
    name: String,
    /// "self" or "manager".
    kind: &'static str,
    /// The wizard's address.
    action: String,
    /// The key the draft is kept under, per person assessed.
    draft: String,
    /// The person's latest self-rating of each competency, shown beside it to a manager.
    theirs: HashMap<String, String>,
    /// Their latest self-assessment's date.
    theirs_on: Option<String>,
}

impl Who {
    fn me(m: &SignedViewer) -> Who {
        Who {
            person: m.actor.person.clone(),
            name: m
                .actor
                .user
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            kind: "self",
            action: "/assess".into(),
            draft: "self-assessment".into(),
            theirs: HashMap::new(),
            theirs_on: None,
        }
    }

    /// Someone the viewer may see and rate as their manager; the viewer's own page is the
    /// self-assessment.
    async fn other(state: &AppState, m: &SignedViewer, id: &str) -> Result<Who, PageError> {
        let s = Subject::other(state, m, id).await?;
        if s.own {
            return Ok(Who::me(m));
        }
        let (_, fw) = state.app.framework(m.actor.org).await?;
        let latest_self = state
            .app
            .latest_of_kind(&m.actor, &s.person, AssessorKind::Own)
            .await?;
        let theirs = latest_self
            .as_ref()
            .map(|a| {
                a.assessment
                    .ratings
                    .iter()
                    .map(|(c, r)| {
                        (
                            c.clone(),
                            rungs_core::assessment::rating_words(&fw, r.level()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Who {
            draft: format!("manager-assessment:{}", s.person),
            action: format!("/people/{}/assess", s.person),
            person: Some(s.person),
            name: s.name,
            kind: "manager",
            theirs,
            theirs_on: latest_self.map(|a| a.assessment.date.to_string()),
        })
    }

    fn own(&self) -> bool {
        self.kind == "self"
    }

    fn title(&self) -> String {
        if self.own() {
            "Assess myself".into()
        } else {
            format!("Rate {}", self.name)
        }
    }
}

/// The steps: who you are, one per area, the milestones, the review.
fn steps(fw: &Framework) -> Vec<String> {
    let mut out = vec!["The level held".to_owned()];
    out.extend(fw.areas().iter().map(|a| a.name.clone()));
    out.push("Milestones".to_owned());
    out.push("Review and save".to_owned());
    out
}

#[derive(Debug, Deserialize)]
pub(super) struct StepQuery {
    step: Option<usize>,
    saved: Option<i64>,
}

/// The draft: an assessment document in the making.
#[derive(Debug, Clone, Default)]
struct Draft(Map<String, Value>);

impl Draft {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    fn rating(&self, competency: &str) -> Option<(&str, &str)> {
        let r = self.0.get("ratings")?.get(competency)?;
        Some((
            r.get("level").and_then(Value::as_str).unwrap_or(""),
            r.get("evidence").and_then(Value::as_str).unwrap_or(""),
        ))
    }

    fn met(&self, milestone: &str) -> Option<&str> {
        self.0
            .get("milestones")?
            .as_array()?
            .iter()
            .find(|m| m.get("id").and_then(Value::as_str) == Some(milestone))
            .map(|m| m.get("evidence").and_then(Value::as_str).unwrap_or(""))
    }
}

async fn load(state: &AppState, m: &SignedViewer, who: &Who) -> Result<Draft, PageError> {
    let text = state.app.draft(&m.actor, &who.draft).await?;
    Ok(Draft(
        text.and_then(|t| serde_json::from_str::<Map<String, Value>>(&t).ok())
            .unwrap_or_default(),
    ))
}

async fn keep(state: &AppState, m: &SignedViewer, who: &Who, d: &Draft) -> Result<(), PageError> {
    let text = Value::Object(d.0.clone()).to_string();
    state.app.put_draft(&m.actor, &who.draft, &text).await?;
    Ok(())
}

fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(": ").or_else(|| flat.find(". ")) {
        Some(i) => flat[..i].to_owned(),
        None => flat.trim_end_matches('.').to_owned(),
    }
}

fn step_nav(names: &[String], at: usize) -> Markup {
    html! {
        nav aria-label="Steps" {
            ol.steps {
                @for (i, n) in names.iter().enumerate() {
                    li {
                        @if i == at { span aria-current="step" { (i + 1) ". " (n) } }
                        @else { (i + 1) ". " (n) }
                    }
                }
            }
        }
    }
}

/// One competency's question: the levels around the one held, the rest folded away, and a box
/// for evidence.
fn competency(
    fw: &Framework,
    comp: &rungs_core::framework::Competency,
    rungs: &[&Level],
    held: &Level,
    draft: &Draft,
    errors: &FieldErrors,
    who: &Who,
) -> Markup {
    let name = format!("rating-{}", comp.id);
    let held_note = if who.own() {
        " (the level you hold)"
    } else {
        " (the level held)"
    };
    let (chosen, evidence) = draft.rating(&comp.id).unwrap_or(("", ""));
    let near = |l: &Level| l.rank + 1 >= held.rank && l.rank <= held.rank + 1;
    let option = |value: &str, label: Markup| {
        let id = format!("{name}-{value}");
        html! {
            div.choice {
                input type="radio" id=(id) name=(name) value=(value) checked[chosen == value];
                label for=(id) { (label) }
            }
        }
    };
    let level_option = |l: &Level| {
        let text = fw.expectation(comp, &l.id).unwrap_or_default();
        option(
            &l.id,
            html! { strong { (l.short_title) } @if l.id == held.id { (held_note) } ": " (text) },
        )
    };
    let error = errors.of(&name);
    html! {
        fieldset.has-error[error.is_some()] id=(name) {
            legend { (comp.name) }
            @if let Some(s) = &comp.summary { span.hint { (s) } }
            @if !who.own() {
                p.theirs {
                    @match who.theirs.get(&comp.id) {
                        Some(r) => { (who.name) " rated themselves: " strong { (r) } }
                        None => { (who.name) " has not rated this themselves." }
                    }
                }
            }
            @if let Some(e) = error { span.field-error { "Error: " (e) } }
            @for l in rungs.iter().rev().filter(|l| near(l)) { (level_option(l)) }
            details open[!chosen.is_empty() && rungs.iter().any(|l| l.id == chosen && !near(l)) || chosen == "below" || chosen == "not-assessed"] {
                summary { "Other levels, below the first, or not assessed" }
                @for l in rungs.iter().rev().filter(|l| !near(l)) { (level_option(l)) }
                (option("below", html! { "Below the first level" }))
                (option("not-assessed", html! { "Not assessed: leave it out" }))
            }
            div.field {
                label for={ "evidence-" (comp.id) } { "Evidence for " (comp.name) " (optional)" }
                textarea id={ "evidence-" (comp.id) } name={ "evidence-" (comp.id) } rows="2" { (evidence) }
            }
        }
    }
}

/// The milestones of the step up from the level held: both branches' at the split.
fn milestones<'f>(
    fw: &'f Framework,
    held: &Level,
    track: &str,
) -> Vec<(&'f Level, Vec<&'f rungs_core::framework::Milestone>)> {
    let ev = Evaluator::new(fw);
    let t = ev.track_index(track).unwrap_or(0);
    let nexts = match ev.next_rung(held.pos(), t) {
        NextRung::One(n) => vec![n],
        NextRung::Split(ns) => ns,
        NextRung::Top => Vec::new(),
    };
    nexts
        .into_iter()
        .map(|n| {
            let to = fw.level_at(n);
            (to, fw.milestones(&held.id, &to.id))
        })
        .collect()
}

fn render(
    fw: &Framework,
    m: &SignedViewer,
    who: &Who,
    step: usize,
    draft: &Draft,
    errors: &FieldErrors,
    preview: Option<Markup>,
) -> Markup {
    let names = steps(fw);
    let held = draft
        .get("level")
        .and_then(|l| fw.level(l))
        .or_else(|| fw.ladder().first().copied());
    let track = draft.get("track").unwrap_or("shared").to_owned();
    let areas = fw.areas().len();
    let body = match (step, held) {
        (0, _) => html! {
            div.field {
                label for="level" { @if who.own() { "The level you hold today" } @else { "The level " (who.name) " holds today" } }
                span.hint { "Every question after this is anchored to it." }
                select #level name="level" {
                    @for l in fw.ladder() { option value=(l.id) selected[held.is_some_and(|h| h.id == l.id)] { (l.title) } }
                }
            }
            fieldset #track {
                legend { @if who.own() { "Your track" } @else { "Their track" } }
                span.hint { "Chosen only for the rungs after the split; before it, say which you aim for, or not yet." }
                @for t in fw.tracks() {
                    div.choice {
                        input type="radio" id={ "track-" (t.id) } name="track" value=(t.id) checked[track == t.id];
                        label for={ "track-" (t.id) } {
                            strong { (t.name) } ": "
                            @if t.shared { "not chosen yet: the rungs everyone climbs before the split" } @else { (first_sentence(&t.summary)) }
                        }
                    }
                }
            }
        },
        (s, Some(held)) if s >= 1 && s <= areas => {
            let area = &fw.areas()[s - 1];
            let rungs = fw.ratable_levels(&track);
            html! {
                @if who.own() {
                    p { "For each competency, choose the highest level whose expectation you meet today. The level you hold is marked; nothing is chosen for you." }
                } @else {
                    p { "For each competency, choose the highest level whose expectation " (who.name) " meets today. Their own rating is shown beside each"
                        @if let Some(d) = &who.theirs_on { " (their self-assessment of " (d) ")" }
                        "; nothing is chosen for you." }
                }
                @for comp in &area.competencies { (competency(fw, comp, &rungs, held, draft, errors, who)) }
            }
        }
        (s, Some(held)) if s == areas + 1 => {
            let groups = milestones(fw, held, &track);
            html! {
                @if groups.is_empty() { p { "The ladder lists no promotion from " (held.short_title) "." } }
                @for (to, list) in &groups {
                    fieldset {
                        legend { "The step from " (held.short_title) " to " (to.short_title) ": " @if who.own() { "which have you shown?" } @else { "which has " (who.name) " shown?" } }
                        @for ms in list {
                            @let met = draft.met(&ms.id);
                            div.choice {
                                input type="checkbox" id={ "met-" (ms.id) } name={ "met-" (ms.id) } value="yes" checked[met.is_some()];
                                label for={ "met-" (ms.id) } {
                                    (ms.text)
                                    @if let Some(q) = &ms.quote { br; span.hint { "In the source's words: “" (q) "”" } }
                                }
                            }
                            div.field {
                                label for={ "met-evidence-" (ms.id) } { "Evidence (optional)" }
                                input type="text" id={ "met-evidence-" (ms.id) } name={ "met-evidence-" (ms.id) } value=(met.unwrap_or(""));
                            }
                        }
                    }
                }
            }
        }
        _ => html! {
            p { "Check the answers, then save. An assessment is never changed once saved: a later one stands beside it." }
            table {
                thead { tr {
                    th scope="col" { "Competency" }
                    th scope="col" { @if who.own() { "Your rating" } @else { "Your rating of " (who.name) } }
                    @if !who.own() { th scope="col" { "Their own rating" } }
                    th scope="col" { "Evidence" } th scope="col" {} } }
                tbody {
                    @for (i, area) in fw.areas().iter().enumerate() {
                        @for c in &area.competencies {
                            @let (r, e) = draft.rating(&c.id).unwrap_or(("", ""));
                            tr {
                                th scope="row" { (c.name) }
                                td { @match r { "" => span.field-error { "not answered" }, id => (rungs_core::assessment::rating_words(fw, id)) } }
                                @if !who.own() {
                                    @let theirs = who.theirs.get(&c.id);
                                    td {
                                        @match theirs {
                                            Some(t) => {
                                                (t)
                                                @if !r.is_empty() && *t != rungs_core::assessment::rating_words(fw, r) { " " span.tag { "differs" } }
                                            }
                                            None => span.muted { "—" },
                                        }
                                    }
                                }
                                td { (e) }
                                td { a href={ (who.action) "?step=" (i + 1) "#rating-" (c.id) } { "Change" span.visually-hidden { " " (c.name) } } }
                            }
                        }
                    }
                }
            }
            @if let Some(p) = preview { (p) }
        },
    };
    let last = names.len() - 1;
    let title = who.title();
    page(
        &m.nav().at(if who.own() { "/assess" } else { "/team" }),
        &title,
        html! {
            h1 { (title) }
            (step_nav(&names, step.min(last)))
            h2 { (names[step.min(last)]) }
            (errors.summary())
            form method="post" action=(who.action) novalidate {
                (csrf(&m.csrf))
                input type="hidden" name="step" value=(step);
                (body)
                div.actions {
                    @if step > 0 { button.secondary type="submit" name="go" value="back" { "Back" } }
                    @if step < last { button type="submit" name="go" value="next" { "Save and continue" } }
                    @else { button type="submit" name="go" value="save" { "Save the assessment" } }
                }
            }
        },
    )
}

pub(super) async fn page_get(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<StepQuery>,
) -> Result<Response, PageError> {
    get(&state, &m, &Who::me(&m), &q).await
}

pub(super) async fn their_get(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    Query(q): Query<StepQuery>,
) -> Result<Response, PageError> {
    get(&state, &m, &Who::other(&state, &m, &id).await?, &q).await
}

async fn get(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    q: &StepQuery,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    if let Some(id) = q.saved {
        let base = match &who.person {
            Some(p) if !who.own() => format!("/people/{p}"),
            _ => "/me".to_owned(),
        };
        return Ok(page(
            &m.nav().at(if who.own() { "/assess" } else { "/team" }),
            "Saved",
            html! {
                h1 { @if who.own() { "Your assessment is saved" } @else { "Your rating of " (who.name) " is saved" } }
                p.lead role="status" { "It stands beside the earlier assessments; nothing was overwritten." }
                div.actions {
                    a.button href={ (base) "/assessments/" (id) } { "What it shows" }
                    @if who.own() { a.button.secondary href="/" { "Where I stand" } }
                    @else { a.button.secondary href=(base) { (who.name) "'s page" } }
                }
            },
        )
        .into_response());
    }
    let mut draft = load(state, m, who).await?;
    if draft.get("level").is_none() {
        // Start from the roster: the level held and the track.
        if let Some(p) = &who.person {
            if let Ok(person) = state.app.person(&m.actor, p).await {
                draft.0.insert("level".into(), json!(person.fields.level));
                draft.0.insert("track".into(), json!(person.fields.track));
            }
        }
    }
    let step = q.step.unwrap_or(0).min(steps(&fw).len() - 1);
    let preview = if step == steps(&fw).len() - 1 {
        preview(state, m, who, &fw, &draft).await
    } else {
        None
    };
    Ok(render(&fw, m, who, step, &draft, &FieldErrors::default(), preview).into_response())
}

/// What the ratings so far would show, before saving.
async fn preview(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    fw: &Framework,
    draft: &Draft,
) -> Option<Markup> {
    let doc = document(state, m, who, fw, draft).await.ok()?;
    let assessed = state.app.evaluate_document(&m.actor, &doc).await.ok()?;
    Some(html! {
        section.panel aria-labelledby="preview" {
            h3 #preview { "What these ratings show" }
            p { (assessed.outcome.verdict) }
        }
    })
}

/// The draft as an assessment, typed, for the application layer to check as it checks a file.
async fn document(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    fw: &Framework,
    draft: &Draft,
) -> Result<Document, PageError> {
    let person_id = who.person.clone().ok_or_else(|| PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "Not linked to the roster",
        message: "Your account is not linked to anyone on the roster, so there is no one to assess. An admin links accounts to people under Users.".into(),
    })?;
    let person = state.app.person(&m.actor, &person_id).await?;
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let ratings = draft
        .0
        .get("ratings")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(c, r)| {
            let level = text(r, "level").unwrap_or_default();
            let entry = match text(r, "evidence") {
                Some(evidence) => RatingEntry::WithEvidence { level, evidence },
                None => RatingEntry::Level(level),
            };
            (c.clone(), entry)
        })
        .collect();
    let milestones = draft
        .0
        .get("milestones")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let id = text(m, "id")?;
            Some(match text(m, "evidence") {
                Some(evidence) => MilestoneEntry::WithEvidence { id, evidence },
                None => MilestoneEntry::Id(id),
            })
        })
        .collect();
    let (kind, name) = if who.own() {
        (AssessorKind::Own, person.fields.name.clone())
    } else {
        let me = m
            .actor
            .user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default();
        (AssessorKind::Manager, me)
    };
    Ok(Document {
        person: person.fields.name.clone(),
        person_id: Some(person_id),
        framework: fw.id().to_owned(),
        framework_version: fw.version().to_owned(),
        date: rungs_core::Date::today(),
        track: draft.get("track").unwrap_or("shared").to_owned(),
        level: draft.get("level").map(str::to_owned),
        assessor: Assessor { kind, name },
        ratings,
        milestones,
        notes: None,
    })
}

pub(super) async fn page_post(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    post(&state, &m, &Who::me(&m), &form).await
}

pub(super) async fn their_post(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    post(&state, &m, &Who::other(&state, &m, &id).await?, &form).await
}

async fn post(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    form: &Form,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let names = steps(&fw);
    let last = names.len() - 1;
    let step = form.get("step").parse::<usize>().unwrap_or(0).min(last);
    let mut draft = load(state, m, who).await?;
    let mut errors = FieldErrors::default();
    let areas = fw.areas().len();
    // Take in what this step asked.
    if step == 0 {
        if let Some(l) = fw.level(form.get("level")) {
            draft.0.insert("level".into(), json!(l.id));
        } else {
            errors
                .list
                .push(("level".into(), "Choose the level you hold".into()));
        }
        if fw.track(form.get("track")).is_some() {
            draft.0.insert("track".into(), json!(form.get("track")));
        } else {
            errors.list.push((
                "track".into(),
                "Choose a track, or the shared ladder if not chosen yet".into(),
            ));
        }
    } else if step <= areas {
        let area = &fw.areas()[step - 1];
        let ratings = draft
            .0
            .entry("ratings")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut ratings = ratings;
        for comp in &area.competencies {
            let value = form.get(&format!("rating-{}", comp.id));
            let evidence = form.get(&format!("evidence-{}", comp.id)).trim();
            let known = value == "below" || value == "not-assessed" || fw.level(value).is_some();
            if known {
                let mut r = json!({ "level": value });
                if !evidence.is_empty() {
                    r["evidence"] = json!(evidence);
                }
                ratings.insert(comp.id.clone(), r);
            } else {
                errors.list.push((
                    format!("rating-{}", comp.id),
                    format!("Choose a level for {}, or Not assessed", comp.name),
                ));
            }
        }
        draft.0.insert("ratings".into(), Value::Object(ratings));
    } else if step == areas + 1 {
        let held = draft.get("level").and_then(|l| fw.level(l));
        let track = draft.get("track").unwrap_or("shared").to_owned();
        let mut met = Vec::new();
        if let Some(h) = held {
            for (_, list) in milestones(&fw, h, &track) {
                for ms in list {
                    if form.get(&format!("met-{}", ms.id)) == "yes" {
                        let evidence = form.get(&format!("met-evidence-{}", ms.id)).trim();
                        met.push(if evidence.is_empty() {
                            json!({ "id": ms.id })
                        } else {
                            json!({ "id": ms.id, "evidence": evidence })
                        });
                    }
                }
            }
        }
        draft.0.insert("milestones".into(), Value::Array(met));
    }
    let go = form.get("go");
    if !errors.list.is_empty() && go != "back" {
        // Keep what was answered, and ask again for the rest.
        keep(state, m, who, &draft).await?;
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            render(&fw, m, who, step, &draft, &errors, None),
        )
            .into_response());
    }
    keep(state, m, who, &draft).await?;
    match go {
        "back" => {
            Ok(
                super::form::redirect(&format!("{}?step={}", who.action, step.saturating_sub(1)))
                    .into_response(),
            )
        }
        "save" => {
            let doc = document(state, m, who, &fw, &draft).await?;
            let person = who.person.clone().unwrap_or_default();
            match state.app.add_document(&m.actor, &person, &doc).await {
                Ok(saved) => {
                    state.app.delete_draft(&m.actor, &who.draft).await?;
                    Ok(
                        super::form::redirect(&format!("{}?saved={}", who.action, saved.id))
                            .into_response(),
                    )
                }
                Err(e) => {
                    let mut errors = FieldErrors::from_error(e)?;
                    // "/ratings/technical-knowledge" is the question "rating-technical-knowledge".
                    for (field, _) in &mut errors.list {
                        if let Some(c) = field.strip_prefix("ratings/") {
                            *field = format!("rating-{}", c.split('/').next().unwrap_or(c));
                        }
                    }
                    Ok((
                        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                        render(&fw, m, who, last, &draft, &errors, None),
                    )
                        .into_response())
                }
            }
        }
        _ => Ok(
            super::form::redirect(&format!("{}?step={}", who.action, (step + 1).min(last)))
                .into_response(),
        ),
    }
}
