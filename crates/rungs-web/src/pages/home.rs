//! `/`: where I stand, for a signed-in product manager; a short tour for a visitor to the demo.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rungs_app::Standing;
use rungs_core::Framework;

use super::{Nav, PageError, Viewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/", axum::routing::get(home))
}

pub(super) async fn home(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let Some(me) = viewer.signed else {
        if !state.config.demo_accounts.is_empty() {
            return Ok(tour().into_response());
        }
        if !state.app.accounts().is_set_up().await? {
            return Ok(Redirect::to("/setup").into_response());
        }
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let nav = me.nav().at("/");
    let reviews = reviews(&state, &me).await?;
    let Some(person) = me.actor.person.clone() else {
        return Ok(page(
            &nav,
            "Where I stand",
            html! {
                (reviews)
                h1 { "Where I stand" }
                p.lead { "Your account is not linked to anyone on the roster, so there is no assessment to show." }
                p { "An admin links an account to a person under Users. Meanwhile the ladder, paths, pay and titles are all here to browse." }
                ul {
                    li { a href="/ladder" { "The ladder" } }
                    li { a href="/path" { "Paths and years" } }
                    li { a href="/pay" { "Pay bands" } }
                }
            },
        )
        .into_response());
    };
    let s = state.app.assessments().standing(&me.actor, &person).await?;
    let subject = super::me::Subject::me(&me)?;
    Ok(page(
        &nav,
        "Where I stand",
        html! { (reviews) (standing(&s, &subject)) },
    )
    .into_response())
}

/// The reviews under way and what the viewer must do in them, above everything else.
async fn reviews(state: &AppState, me: &super::SignedViewer) -> Result<Markup, PageError> {
    let cycles = state.app.cycles().cycles(&me.actor).await?;
    let open: Vec<_> = cycles
        .iter()
        .filter(|c| c.stage != rungs_core::cycle::Stage::Closed)
        .collect();
    let todos = state.app.cycles().cycle_todos(&me.actor).await?;
    Ok(html! {
        (super::cycles::todo_list(&todos))
        @for c in open {
            p.muted {
                "Review under way: " a href={ "/cycles/" (c.id) } { (c.name) } ", at "
                strong { (c.stage_name) } "."
            }
        }
    })
}

fn title(fw: &Framework, id: &str) -> String {
    fw.level(id)
        .map_or_else(|| id.to_owned(), |l| l.short_title.clone())
}

/// Where a person stands: the start page's content for the viewer, and the top of a person's
/// page for their manager (links lead to the subject's own pages).
pub(super) fn standing(s: &Standing, subject: &super::me::Subject) -> Markup {
    let base = subject.base.as_str();
    let assess = super::me::assess_href(subject);
    let assess_label = super::me::assess_label(subject);
    let fw = &s.framework;
    let p = &s.person;
    let held = title(fw, &p.fields.level);
    html! {
        h1 { (p.fields.name) span.muted { ", " (held) } }
        @match (&s.latest, &s.outcome) {
            (Some(latest), Some(o)) => {
                p.lead { (o.verdict) }
                // `data-*`: each figure's value as the API gives it, for tests and scripts.
                dl.facts data-person=(p.id) {
                    dt { "Holds" } dd data-held=(p.fields.level) { (held) }
                    dt { "The ratings show" } dd data-shown=(o.level.as_deref().unwrap_or_default()) {
                        @match &o.level { Some(l) => (title(fw, l)), None => "below the first level" }
                    }
                    dt { "From" } dd {
                        (rungs_core::eval::kind_name(latest.assessment.assessor.kind)) " by " (latest.assessment.assessor.name)
                        ", " (latest.assessment.date.to_string())
                    }
                    dt { "Next rung" } dd data-next=(o.next_levels.join(" ")) {
                        @if o.next_levels.is_empty() { "none: the top of the ladder" }
                        @for (i, n) in o.next_levels.iter().enumerate() {
                            @if i > 0 { " or " }
                            a href={ "/levels/" (n) } { (title(fw, n)) }
                        }
                    }
                }
                @if let Some(g) = &s.gaps {
                    h2 { "Readiness" }
                    @if let Some(note) = &g.note { p { (note) } }
                    div.grid {
                        @for gap in &g.gaps {
                            section.panel aria-labelledby={ "ready-" (gap.target) } {
                                h3 id={ "ready-" (gap.target) } data-target=(gap.target) data-tier=(gap.readiness.tier) { "For " (gap.target_title) ": " (gap.readiness.name) }
                                p { (gap.summary) }
                                ul { @for r in &gap.readiness.reasons { li { (r) } } }
                                p { a href={ (base) "/gap?to=" (gap.target) } { "The gap to " (gap.target_title) } }
                            }
                        }
                    }
                }
                @if let Some(plan) = &s.plan {
                    h2 { "Focus first" }
                    @if plan.focus.is_empty() {
                        p { "Every assessed competency already meets the " (plan.target_title) " expectation; "
                            a href={ (base) "/plan" } { "the plan" } " says what separates the levels." }
                    } @else {
                        ol {
                            @for f in &plan.focus {
                                li {
                                    strong { (f.name) } " (" (f.area_name) "): " (f.why)
                                    br; span.muted { "Aim: " (f.aim) }
                                }
                            }
                        }
                    }
                    @if let Some(t) = &plan.timing {
                        p data-years=(format!("{:.1}", t.years.p50)) {
                            "Reached around " strong { (t.target_date.to_string()) } " (between " (t.earliest.to_string()) " and " (t.latest.to_string()) "): "
                            (format!("{:.1}", t.years.p50)) " years counted from where the assessment of " (t.from.to_string()) " puts " (if subject.own { "you" } else { "them" })
                            @if let Some(h) = &t.head_start { " (" (h.reason) ")" } "."
                        }
                    }
                }
                div.actions {
                    a.button href={ (base) "/plan" } { "Development plan" }
                    a.button.secondary href={ (base) "/gap" } { "The gap" }
                    a.button.secondary href={ (base) "/assessments" } { "Assessments" }
                    a.button.secondary href={ (base) "/packet" } { "Promotion packet" }
                    a.button.secondary href=(assess) { (assess_label) }
                }
                details {
                    summary { "Why the ratings show this level" }
                    ul { @for line in o.explanation.iter().filter(|l| **l != o.verdict) { li { (line) } } }
                }
            }
            _ => {
                @if subject.own {
                    p.lead data-held=(p.fields.level) { "You hold " (held) ". There is no assessment of you yet." }
                    p { "Rate yourself against the ladder's expectations, competency by competency, to see the level your work shows and what separates you from the next rung." }
                } @else {
                    p.lead data-held=(p.fields.level) { (p.fields.name) " holds " (held) ". There is no assessment yet." }
                }
                div.actions { a.button href=(assess) { (assess_label) } a.button.secondary href={ "/levels/" (p.fields.level) } { "What " (held) " expects" } }
            }
        }
    }
}

/// A short tour for a visitor to the demo server.
fn tour() -> Markup {
    page(
        &Nav::visitor().at("/"),
        "Rungs",
        html! {
            h1 { "Rungs: the product-management career ladder" }
            p.lead { "See where you stand on the ladder, what separates you from the next rung, whether to go the individual-contributor or the manager way, how long the path usually takes and what each level pays." }
            p.notice { "This server holds a made-up organization to try. " a href="/sign-in" { "Sign in" } " as one of its people: the accounts are listed on the sign-in page." }
            div.grid {
                section.panel { h2 { "For a product manager" } p { "Your level and the level your ratings show, the gap to the next rung, a plan with three things to focus on, a promotion packet." } }
                section.panel { h2 { "For a manager" } p { "Your people's readiness, their assessments beside their own, packets with sign-off." } }
                section.panel { h2 { "For a head of product" } p { "Span of control, the shape of the team, the promotion pipeline, pay against bands, calibration." } }
            }
        },
    )
}
