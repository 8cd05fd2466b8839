//! A person's development plan and promotion packet.

use super::*;
use rungs_core::PersonId;

pub(super) fn plan_body(plan: &Plan) -> Markup {
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
pub(super) async fn choose_branch(
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
    let gaps = aimed(
        state
            .app
            .assessments()
            .gap(&m.actor, &PersonId::from(person), &q.aim())
            .await,
    )?;
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

pub(super) async fn plan_of(
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
    let plan = aimed(
        state
            .app
            .assessments()
            .plan(&m.actor, &s.person, &q.aim())
            .await,
    )?;
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

pub(super) async fn packet_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
) -> Result<Response, PageError> {
    let base = format!("{}/packet", s.base);
    if let Some(choice) = choose_branch(state, m, s, q, "Promotion packet", &base).await? {
        return Ok(choice);
    }
    let view = aimed(
        state
            .app
            .assessments()
            .packet(&m.actor, &s.person, &q.aim())
            .await,
    )?;
    Ok(crate::views::packet::document(&view.packet, crate::views::Styles::Linked).into_response())
}
