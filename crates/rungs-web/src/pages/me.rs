//! A person's own pages: their assessments and how each competency moved over time, the gap to
//! a target (both branches at the split), the development plan and the promotion packet.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::{Aim, AppError, AssessmentView};
use rungs_core::Framework;
use rungs_core::assessment::RatingEntry;
use rungs_core::eval::{Plan, RatingChart};
use serde::Deserialize;

use super::charts::{self, CompetencyBar};
use super::{Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/me/assessments", axum::routing::get(assessments))
        .route("/me/assessments/{id}", axum::routing::get(assessment))
        .route("/me/gap", axum::routing::get(gap))
        .route("/me/plan", axum::routing::get(plan))
        .route("/me/packet", axum::routing::get(packet))
        .route(
            "/people/{id}/assessments",
            axum::routing::get(their_assessments),
        )
        .route(
            "/people/{id}/assessments/{aid}",
            axum::routing::get(their_assessment),
        )
        .route("/people/{id}/gap", axum::routing::get(their_gap))
        .route("/people/{id}/plan", axum::routing::get(their_plan))
        .route("/people/{id}/packet", axum::routing::get(their_packet))
}

/// Whose pages these are: the viewer's own (under `/me`), or a person the viewer may see (under
/// `/people/{id}`: a manager's report, anyone for an admin).
#[derive(Debug, Clone)]
pub(super) struct Subject {
    pub(super) person: String,
    pub(super) name: String,
    /// Where the person's pages are: `/me` or `/people/{id}`.
    pub(super) base: String,
    pub(super) own: bool,
}

impl Subject {
    /// The viewer themselves, or a page saying they are not linked to anyone on the roster.
    pub(super) fn me(m: &SignedViewer) -> Result<Subject, PageError> {
        let person = m.actor.person.clone().ok_or_else(|| PageError {
            status: axum::http::StatusCode::NOT_FOUND,
            title: "Not linked to the roster",
            message: "Your account is not linked to anyone on the roster, so you have no assessments. An admin links accounts to people under Users.".into(),
        })?;
        let name = m
            .actor
            .user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default();
        Ok(Subject {
            person,
            name,
            base: "/me".into(),
            own: true,
        })
    }

    /// Someone the viewer may see; anyone else is not found, exactly like no one.
    pub(super) async fn other(
        state: &AppState,
        m: &SignedViewer,
        id: &str,
    ) -> Result<Subject, PageError> {
        let person = state.app.person(&m.actor, id).await?;
        Ok(Subject {
            base: format!("/people/{}", person.id),
            own: m.actor.person.as_deref() == Some(person.id.as_str()),
            name: person.fields.name,
            person: person.id,
        })
    }

    /// "My plan", or "Ada Lovelace: plan".
    pub(super) fn title(&self, mine: &str, theirs: &str) -> String {
        if self.base == "/me" {
            mine.to_owned()
        } else {
            format!("{}: {theirs}", self.name)
        }
    }

    /// The section of the navigation the pages belong to.
    fn nav_at(&self) -> &'static str {
        if self.base == "/me" { "/" } else { "/team" }
    }
}

fn short(fw: &Framework, id: &str) -> String {
    fw.level(id)
        .map_or_else(|| id.to_owned(), |l| l.short_title.clone())
}

#[derive(Debug, Deserialize)]
pub(super) struct To {
    to: Option<String>,
}

impl To {
    fn aim(&self) -> Aim {
        Aim {
            to: self.to.clone().filter(|t| !t.is_empty()),
            assessment: None,
        }
    }
}

/// Where the person is assessed: themselves at `/assess`, someone else on their own page.
pub(super) fn assess_href(s: &Subject) -> String {
    if s.own {
        "/assess".into()
    } else {
        format!("/people/{}/assess", s.person)
    }
}

pub(super) fn assess_label(s: &Subject) -> String {
    if s.own {
        "Assess myself".into()
    } else {
        format!("Rate {}", s.name)
    }
}

/// A refused target as a page: at the split, the choice to make.
fn aimed<T>(r: Result<T, AppError>) -> Result<T, PageError> {
    r.map_err(|e| match e {
        AppError::Invalid { problems, .. } => PageError {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            title: "Choose a target",
            message: problems
                .iter()
                .map(|p| match &p.help {
                    Some(h) => format!("{}: {h}.", p.message),
                    None => format!("{}.", p.message),
                })
                .collect::<Vec<_>>()
                .join(" "),
        },
        other => other.into(),
    })
}

fn chart(id: &str, c: &RatingChart) -> Markup {
    let bars: Vec<CompetencyBar> = c
        .rows
        .iter()
        .map(|r| CompetencyBar {
            name: r.name.clone(),
            ratings: r.ratings.clone(),
            held: r.held_bar,
            target: r.target_bar,
        })
        .collect();
    charts::competencies(
        id,
        &bars,
        &c.series,
        &c.ranks,
        c.held.as_deref().unwrap_or("the level held"),
        &c.target,
    )
}

/// A rating as a row shows it: in words, its rank (0 below the first level; none when not
/// assessed) and its evidence.
fn rating_text(fw: &Framework, r: &RatingEntry) -> (String, Option<u32>, Option<String>) {
    let evidence = match r {
        RatingEntry::Level(_) => None,
        RatingEntry::WithEvidence { evidence, .. } => Some(evidence.clone()),
    };
    let rating = rungs_core::assessment::Rating::parse(r.level());
    (rating.words(fw), rating.rank(fw), evidence)
}

pub(super) async fn assessments(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    assessments_of(&state, &m, &Subject::me(&m)?).await
}

pub(super) async fn their_assessments(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    assessments_of(&state, &m, &Subject::other(&state, &m, &id).await?).await
}

async fn assessments_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut list = state.app.assessments_of(&m.actor, &s.person).await?;
    list.sort_by_key(|a| (a.assessment.date, a.id));
    let title = s.title("My assessments", "assessments");
    Ok(page(
        &m.nav().at(s.nav_at()),
        &title,
        html! {
            h1 { (title) }
            @if list.is_empty() {
                p.lead { "There is no assessment yet." }
                p { a.button href=(assess_href(s)) { (assess_label(s)) } }
            } @else {
                table {
                    caption { (list.len()) " assessments, oldest first" }
                    thead { tr { th scope="col" { "Date" } th scope="col" { "By" } th scope="col" { "Level held" } th scope="col" {} } }
                    tbody {
                        @for a in &list {
                            tr {
                                th scope="row" { (a.assessment.date.to_string()) }
                                td { (rungs_core::eval::kind_name(a.assessment.assessor.kind)) ", " (a.assessment.assessor.name) }
                                td { (a.assessment.level.as_deref().map(|l| short(&fw, l)).unwrap_or_default()) }
                                td { a href={ (s.base) "/assessments/" (a.id) } { "What it shows" span.visually-hidden { ": " (a.assessment.date.to_string()) } } }
                            }
                        }
                    }
                }
                h2 { "Each competency over time" }
                (history(&fw, &list))
            }
        },
    )
    .into_response())
}

/// Each competency's rating in each assessment, oldest first, with what changed from the one
/// before said in words.
fn history(fw: &Framework, list: &[AssessmentView]) -> Markup {
    html! {
        div.scroll {
            table {
                thead {
                    tr {
                        th scope="col" { "Competency" }
                        @for a in list {
                            th scope="col" { (a.assessment.date.to_string()) br; span.muted { (rungs_core::eval::kind_name(a.assessment.assessor.kind)) } }
                        }
                    }
                }
                tbody {
                    @for (_, c) in fw.competencies() {
                        tr {
                            th scope="row" { (c.name) }
                            @for (i, a) in list.iter().enumerate() {
                                @let now = a.assessment.ratings.iter().find(|(id, _)| *id == c.id).map(|(_, r)| rating_text(fw, r));
                                @let before = i.checked_sub(1).and_then(|j| list[j].assessment.ratings.iter().find(|(id, _)| *id == c.id)).map(|(_, r)| rating_text(fw, r).1);
                                td {
                                    @match &now {
                                        Some((text, rank, _)) => {
                                            (text)
                                            @match (before.flatten(), rank) {
                                                (Some(b), Some(r)) if *r > b => { " " span.tag { "up" } }
                                                (Some(b), Some(r)) if *r < b => { " " span.tag { "down" } }
                                                _ => {}
                                            }
                                        }
                                        None => span.muted { "—" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) async fn assessment(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    assessment_of(&state, &m, &Subject::me(&m)?, id).await
}

pub(super) async fn their_assessment(
    State(state): State<AppState>,
    Member(m): Member,
    Path((person, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    assessment_of(&state, &m, &Subject::other(&state, &m, &person).await?, id).await
}

async fn assessment_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    id: i64,
) -> Result<Response, PageError> {
    let view = state.app.assessment(&m.actor, id).await?;
    if view.person != s.person {
        return Err(PageError::not_found("assessment"));
    }
    let assessed = state.app.evaluation(&m.actor, id).await?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let o = &assessed.outcome;
    Ok(page(
        &m.nav().at(s.nav_at()),
        "An assessment",
        html! {
            h1 { (rungs_core::eval::kind_name(view.assessment.assessor.kind)) ", " (view.assessment.date.to_string()) }
            p.lead { (o.verdict) }
            table {
                thead { tr { th scope="col" { "Competency" } th scope="col" { "Rating" } th scope="col" { "Evidence" } } }
                tbody {
                    @for c in &o.per_competency {
                        tr { th scope="row" { (c.name) } td { (c.rating.words(&fw)) } td { (c.evidence.clone().unwrap_or_default()) } }
                    }
                }
            }
            h2 { "Why" }
            ul { @for line in o.explanation.iter().filter(|l| **l != o.verdict) { li { (line) } } }
            p { a href={ (s.base) "/assessments" } { "All assessments" } }
        },
    )
    .into_response())
}

pub(super) async fn gap(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    gap_of(&state, &m, &Subject::me(&m)?, &q).await
}

pub(super) async fn their_gap(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    gap_of(&state, &m, &Subject::other(&state, &m, &id).await?, &q).await
}

async fn gap_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
) -> Result<Response, PageError> {
    let aim = q.aim();
    let (gaps, charts) = aimed(state.app.gap_with_charts(&m.actor, &s.person, &aim).await)?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let title = s.title(
        "What stands between me and the next rung",
        "the gap to the next rung",
    );
    Ok(page(
        &m.nav().at(s.nav_at()),
        &title,
        html! {
            h1 { (title) }
            form method="get" action={ (s.base) "/gap" } {
                label for="to" { "Aim for" }
                select #to name="to" {
                    option value="" selected[aim.to.is_none()] { "The next rung" }
                    @for l in fw.ladder() { option value=(l.id) selected[aim.to.as_deref() == Some(l.id.as_str())] { (l.title) } }
                }
                " " button.secondary type="submit" { "Show" }
            }
            @if let Some(note) = &gaps.note { p.notice { (note) " " a href="/track" { "Which track suits me?" } } }
            @for (i, g) in gaps.gaps.iter().enumerate() {
                section aria-labelledby={ "gap-" (g.target) } {
                    h2 id={ "gap-" (g.target) } { "To " (g.target_title) ": " (g.readiness.name) }
                    p.lead { (g.summary) }
                    @if let Some(c) = charts.get(i) { (chart(&format!("chart-{}", g.target), c)) }
                    @if !g.items.is_empty() {
                        table {
                            caption { "Competencies short of " (g.target_title) ", largest gap first" }
                            thead { tr { th scope="col" { "Competency" } th scope="col" { "Now" } th scope="col" { (g.target_title) } th scope="col" { "Short by" } } }
                            tbody {
                                @for it in &g.items {
                                    tr {
                                        th scope="row" { (it.name) }
                                        td { (it.current_expectation.clone().unwrap_or_else(|| "not assessed".into())) }
                                        td { (it.target_expectation) }
                                        td { (it.ranks_short.map_or("not assessed".to_owned(), |r| rungs_core::words::count(usize::from(r), "rank", "ranks"))) }
                                    }
                                }
                            }
                        }
                    }
                    @if !g.responsibilities.is_empty() || !g.facts.is_empty() {
                        @let from = g.from_title.clone().unwrap_or_else(|| "Now".into());
                        table {
                            caption { "What else separates " (from) " and " (g.target_title) }
                            thead { tr { th scope="col" {} th scope="col" { (from) } th scope="col" { (g.target_title) } } }
                            tbody {
                                @for f in &g.facts { tr { th scope="row" { (f.name) } td { (f.a) } td { (f.b) } } }
                                @for d in &g.responsibilities { tr { th scope="row" { (d.name) } td { (d.a.join(" ")) } td { (d.b.join(" ")) } } }
                            }
                        }
                    }
                    @for step in &g.milestones {
                        h3 { "Milestones, " (step.from_title) " → " (step.to_title) ": " (step.met.len()) " of " (step.met.len() + step.open.len()) " met" }
                        ul {
                            @for ms in &step.met { li { "Met: " (ms.text) } }
                            @for ms in &step.open { li { "Open: " (ms.text) } }
                        }
                    }
                    h3 { "Why this readiness" }
                    ul { @for r in &g.readiness.reasons { li { (r) } } }
                    p { a href={ (s.base) "/plan?to=" (g.target) } { "The plan for " (g.target_title) } " · " a href={ (s.base) "/packet?to=" (g.target) } { "Promotion packet" } }
                }
            }
        },
    )
    .into_response())
}

fn plan_body(plan: &Plan) -> Markup {
    html! {
        p.lead { (plan.summary) " Readiness: " strong { (plan.readiness.name) } "." }
        @if let Some(t) = &plan.timing {
            p data-years=(format!("{:.1}", t.years.p50)) { "Target date: " strong { (t.target_date.to_string()) } ": " (format!("{:.1}", t.years.p50)) " years (P50) counted from where the assessment of " (t.from.to_string()) " puts the person"
                @if let Some(h) = &t.head_start { " (" (h.reason) ")" }
                "; likely between " (t.earliest.to_string()) " and " (t.latest.to_string()) ". " span.muted { (t.reading) } }
        }
        @if plan.focus.is_empty() {
            h2 { "1. Skills" }
            p { "Every assessed competency already meets the " (plan.target_title) " expectation." }
            @if !plan.responsibilities.is_empty() {
                p { "What separates the two levels is the work itself; take on the " (plan.target_title) " parts of it:" }
                dl.facts {
                    @for d in &plan.responsibilities { dt { (d.name) } dd { (d.b.join(" ")) } }
                }
            }
        } @else {
            h2 { "1. Focus first" }
            ol {
                @for f in &plan.focus {
                    li {
                        h3 { (f.name) span.muted { " (" (f.area_name) "): " (f.why) } }
                        dl.facts {
                            @if let Some(n) = &f.now { dt { "Now" } dd { (n) } }
                            dt { "Aim" } dd { (f.aim) }
                        }
                        @if !f.actions.is_empty() { p { strong { "Do" } } ul { @for a in &f.actions { li { (a) } } } }
                        @if !f.evidence.is_empty() { p { strong { "Show it with" } } ul { @for e in &f.evidence { li { (e) } } } }
                    }
                }
            }
        }
        @if !plan.milestones.is_empty() {
            h2 { "2. Meet the open milestones" }
            @for s in &plan.milestones {
                h3 { (s.from_title) " → " (s.to_title) ": " (s.met.len()) " of " (s.met.len() + s.open.len()) " met" }
                ul { @for ms in &s.open { li { (ms.text) } } }
            }
        }
        @if !plan.later.is_empty() || !plan.to_rate.is_empty() {
            h2 { "3. Later" }
            ul {
                @for a in &plan.later {
                    li { strong { (a.name) } " (" (a.area_name) "): from " (a.now.clone().unwrap_or_else(|| "below the first level".into())) " to " (a.aim) }
                }
                @for a in &plan.to_rate { li { strong { (a.name) } ": not assessed; get it rated" } }
            }
        }
        @if !plan.strategies.is_empty() {
            h2 { "Ways to move faster" }
            ul { @for s in &plan.strategies { li { strong { (s.name) } ": " (s.summary) } } }
        }
    }
}

/// At the split, with no target named: a page to choose the branch, or none elsewhere.
async fn choose_branch(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
    what: &str,
    base: &str,
) -> Result<Option<Response>, PageError> {
    let person = s.person.as_str();
    if q.to.as_deref().is_some_and(|t| !t.is_empty()) {
        return Ok(None);
    }
    let gaps = aimed(state.app.gap(&m.actor, person, &q.aim()).await)?;
    if gaps.gaps.len() < 2 {
        return Ok(None);
    }
    Ok(Some(
        page(
            &m.nav().at(s.nav_at()),
            what,
            html! {
                h1 { (what) ": which rung?" }
                @if let Some(note) = &gaps.note { p.lead { (note) } }
                ul {
                    @for g in &gaps.gaps {
                        li { a href={ (base) "?to=" (g.target) } { (what) " for " (g.target_title) } " (readiness: " (g.readiness.name) ")" }
                    }
                }
                p { a href="/track" { "Which track suits me?" } }
            },
        )
        .into_response(),
    ))
}

pub(super) async fn plan(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    plan_of(&state, &m, &Subject::me(&m)?, &q).await
}

pub(super) async fn their_plan(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    plan_of(&state, &m, &Subject::other(&state, &m, &id).await?, &q).await
}

async fn plan_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
) -> Result<Response, PageError> {
    let what = s.title("My plan", "development plan");
    let base = format!("{}/plan", s.base);
    if let Some(choice) = choose_branch(state, m, s, q, &what, &base).await? {
        return Ok(choice);
    }
    let plan = aimed(state.app.plan(&m.actor, &s.person, &q.aim()).await)?;
    Ok(page(
        &m.nav().at(s.nav_at()),
        &what,
        html! {
            h1 { (what) ": " (plan.target_title) }
            (plan_body(&plan))
        },
    )
    .into_response())
}

pub(super) async fn packet(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    packet_of(&state, &m, &Subject::me(&m)?, &q).await
}

pub(super) async fn their_packet(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    Query(q): Query<To>,
) -> Result<Response, PageError> {
    packet_of(&state, &m, &Subject::other(&state, &m, &id).await?, &q).await
}

async fn packet_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
) -> Result<Response, PageError> {
    let base = format!("{}/packet", s.base);
    if let Some(choice) = choose_branch(state, m, s, q, "Promotion packet", &base).await? {
        return Ok(choice);
    }
    let view = aimed(state.app.packet(&m.actor, &s.person, &q.aim()).await)?;
    Ok(crate::views::packet::document(&view.packet, crate::views::Styles::Linked).into_response())
}
