//! `/`: where I stand, for a signed-in product manager; a short tour for a visitor to the demo.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rungs_app::Standing;
use rungs_core::Framework;

use super::{Nav, PageError, Viewer, page, ui};
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
    let lead = match me.actor.role {
        rungs_app::Role::Admin => organization(&state, &me).await?,
        rungs_app::Role::Manager => my_people(&state, &me).await?,
        rungs_app::Role::Member => html! {},
    };
    let Some(person) = me.actor.person.clone() else {
        return Ok(page(
            &nav,
            "Where I stand",
            html! {
                (reviews)
                (lead)
                @if me.actor.role == rungs_app::Role::Admin {
                    p.muted { "Your account is not linked to anyone on the roster; "
                        a href="/admin/users" { "Users" } " links it, to see where you stand too." }
                } @else {
                    h1 { "Where I stand" }
                    (ui::empty("Your account is not linked to anyone on the roster", html! {
                        p { "So there is no assessment to show. An admin links an account to a person under Users; meanwhile "
                            a href="/ladder" { "the ladder" } ", " a href="/path" { "paths and years" } " and "
                            a href="/pay" { "pay bands" } " are all here to browse." }
                    }))
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
        html! { (reviews) (lead) (standing(&s, &subject)) },
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

/// A head of product's start: the organization's health as tiles, each opening its section
/// of `/org`. The same report `/org` reads, so the figures are the same.
async fn organization(state: &AppState, me: &super::SignedViewer) -> Result<Markup, PageError> {
    let r = state
        .app
        .reports()
        .team_report(&me.actor, &rungs_app::ReportRequest::default())
        .await?;
    let ready = r.pipeline.tiers.first();
    // The assessors /org shows as flagged: of those shown, never of a group too small.
    let flagged = r
        .calibration
        .shown(r.people)
        .map_or(0, |s| s.assessors.iter().filter(|a| a.flagged()).count());
    let n = |n: usize| rungs_core::words::grouped(n as u64);
    Ok(html! {
        section aria-labelledby="health" {
            h1 #health { "The organization at a glance" }
            p.lead { (n(r.people)) " people, as of " (r.as_of.to_string()) ". Each tile opens its part of the organization page." }
            ul.tiles {
                (ui::tile(&n(r.people), "People", "Everyone on the roster", Some("/team")))
                @if let Some(t) = ready {
                    (ui::tile(&n(t.count), t.name.as_str(), "For their next rung: start their cases", Some("/org#pipeline")))
                }
                (ui::tile(&n(r.pipeline.overdue.len()), "Longer on the rung than typical", "Talk about what stands in the way", Some("/org#pipeline")))
                (ui::tile(&n(r.span.over.len() + r.span.under.len()), "Managers outside their span", &format!("{} over, {} under the rule", r.span.over.len(), r.span.under.len()), Some("/org#span")))
                (ui::tile(&n(r.pay.below.len() + r.pay.above.len()), "Paid outside the band", &format!("{} below, {} above", r.pay.below.len(), r.pay.above.len()), Some("/org#pay")))
                (ui::tile(&n(flagged), "Assessors to calibrate", "Rating well above or below the team", Some("/org#calibration")))
            }
        }
    })
}

/// A manager's start: their direct reports as cards, each with readiness and what needs the
/// manager now.
async fn my_people(state: &AppState, me: &super::SignedViewer) -> Result<Markup, PageError> {
    let Some(mine) = me.actor.person.clone() else {
        return Ok(html! {});
    };
    let (rows, _) = state
        .app
        .reports()
        .team_members(&me.actor, &rungs_app::ReportRequest::default())
        .await?;
    let (_, fw) = state.app.framework(me.actor.org).await?;
    let todos = state.app.cycles().cycle_todos(&me.actor).await?;
    let direct: Vec<_> = rows
        .iter()
        .filter(|r| r.manager.as_deref() == Some(mine.as_str()))
        .collect();
    let tiers = fw.readiness_tiers();
    Ok(html! {
        section aria-labelledby="my-people" {
            h1 #my-people { "My people" }
            p.lead {
                (rungs_core::words::count(direct.len(), "person reports", "people report")) " to you directly; "
                a href="/team" { "My people" } " lists everyone under you."
            }
            @if direct.is_empty() {
                (ui::empty("No one reports to you directly", html! { p { "The roster gives each person their manager." } }))
            }
            ul.cards {
                @for r in &direct {
                    @let href = format!("/people/{}", r.person.id);
                    @let sub = match r.years_on_rung {
                        Some(y) => format!("{} · {y:.1} years on the rung", r.person.level_title),
                        None => r.person.level_title.clone(),
                    };
                    @let needs: Vec<&rungs_app::CycleTodo> = todos.iter().filter(|t| t.todo.person.as_deref() == Some(r.person.id.as_str())).collect();
                    li.card {
                        (ui::person(&r.person.name, Some(&href), &sub))
                        @match &r.readiness {
                            Some(t) => p {
                                "For " (t.next.iter().map(|n| n.title.as_str()).collect::<Vec<_>>().join(" or ")) ": "
                                (ui::tier_badge(tiers, &t.tier, &t.name))
                            },
                            None if r.last.is_none() => p { (ui::badge("plain", "Not assessed yet")) },
                            None => p { (ui::badge("plain", "At the top of the ladder")) },
                        }
                        @if needs.is_empty() {
                            @match (&r.readiness, &r.last) {
                                (Some(t), _) if t.order == 0 => p {
                                    a href={ "/people/" (r.person.id) "/packet" } { "Start their promotion case" }
                                },
                                (_, None) => p { a href={ "/people/" (r.person.id) "/assess" } { "Rate them for the first time" } },
                                _ => p.muted { "Nothing needs you now." },
                            }
                        } @else {
                            ul {
                                @for t in &needs {
                                    li {
                                        a href={ "/cycles/" (t.cycle) "/people/" (r.person.id) } { (t.todo.what) }
                                        @if let Some(d) = t.todo.due { span.muted { " by " (d.to_string()) } }
                                        @if t.todo.late { " " span.badge.bad { "late" } }
                                    }
                                }
                            }
                        }
                    }
                }
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
    let tiers = fw.readiness_tiers();
    let whose = if subject.own { "you" } else { "them" };
    html! {
        @match (&s.latest, &s.outcome) {
            (Some(latest), Some(o)) => {
                // `data-*`: each figure's value as the API gives it, for tests and scripts.
                section.card.hero aria-labelledby="standing-title" data-person=(p.id) {
                    p.eyebrow { @if subject.own { "Where you stand" } @else { "Where they stand" } }
                    h1 #standing-title { (p.fields.name) span.muted { ", " (held) } }
                    p.lead { (o.headline(fw)) }
                    ul.tiles {
                        li { div.tile {
                            span.value data-held=(p.fields.level) { (held) }
                            span.label { "Level held" }
                        } }
                        li { div.tile {
                            span.value data-shown=(o.level.as_deref().unwrap_or_default()) {
                                @match &o.level { Some(l) => (title(fw, l)), None => "Below the first level" }
                            }
                            span.label { "What the ratings show" }
                            span.note {
                                (rungs_core::eval::kind_name(latest.assessment.assessor.kind)) " by " (latest.assessment.assessor.name)
                                ", " (latest.assessment.date.to_string())
                            }
                        } }
                        li { div.tile {
                            span.value data-next=(o.next_levels.join(" ")) {
                                @if o.next_levels.is_empty() { "None" }
                                @for (i, n) in o.next_levels.iter().enumerate() {
                                    @if i > 0 { " or " }
                                    a href={ "/levels/" (n) } { (title(fw, n)) }
                                }
                            }
                            span.label { "Next rung" }
                            @if o.next_levels.is_empty() { span.note { "The top of the ladder" } }
                        } }
                        @if let Some(t) = s.plan.as_ref().and_then(|p| p.timing.as_ref()) {
                            li { div.tile {
                                span.value data-years=(format!("{:.1}", t.years.p50)) { (format!("{:.1}", t.years.p50)) " years" }
                                span.label { "Typical time to " (s.plan.as_ref().map_or("", |p| p.target_title.as_str())) }
                                span.note { "Around " (t.target_date.to_string()) "; between " (t.earliest.to_string()) " and " (t.latest.to_string()) }
                            } }
                        }
                    }
                }
                @if let Some(g) = &s.gaps {
                    h2 { "Readiness for the next rung" }
                    @if let Some(note) = &g.note { p { (note) } }
                    ul.cards {
                        @for gap in &g.gaps {
                            @let milestones: (usize, usize) = gap.milestones.iter().fold((0, 0), |(m, t), st| (m + st.met.len(), t + st.met.len() + st.open.len()));
                            li.card aria-labelledby={ "ready-" (gap.target) } {
                                h3 id={ "ready-" (gap.target) } data-target=(gap.target) data-tier=(gap.readiness.tier) {
                                    "For " (gap.target_title) ": " (super::ui::tier_badge(tiers, &gap.readiness.tier, &gap.readiness.name))
                                }
                                @if let Some(m) = super::ui::tier_meaning(tiers, &gap.readiness.tier) {
                                    p.muted { (gap.readiness.name) " means: " (m) }
                                }
                                (super::ui::meter(
                                    &format!("Competencies at {}", gap.target_title),
                                    gap.met,
                                    gap.total,
                                    &format!("{} of {} competencies already at {}", gap.met, gap.total, gap.target_title),
                                ))
                                @if milestones.1 > 0 {
                                    (super::ui::meter(
                                        &format!("Milestones toward {}", gap.target_title),
                                        milestones.0,
                                        milestones.1,
                                        &format!("{} of {} milestones met", milestones.0, milestones.1),
                                    ))
                                }
                                details {
                                    summary { "Why " (gap.readiness.name) }
                                    p { (gap.summary) }
                                    ul { @for r in &gap.readiness.reasons { li { (r) } } }
                                }
                                p { a href={ (base) "/gap?to=" (gap.target) } { "The gap to " (gap.target_title) } }
                            }
                        }
                    }
                }
                @if let Some(plan) = &s.plan {
                    h2 { "Three things to work on" }
                    @if plan.focus.is_empty() {
                        (super::ui::empty(
                            &format!("Every assessed competency already meets the {} expectation", plan.target_title),
                            html! { p { a href={ (base) "/plan" } { "The plan" } " says what else separates the levels." } },
                        ))
                    } @else {
                        ol.cards {
                            @for f in &plan.focus {
                                li.card {
                                    p.eyebrow { (f.area_name) }
                                    h3 { (f.name) }
                                    p { (f.why) }
                                    p.muted { "Aim: " (f.aim) }
                                }
                            }
                        }
                    }
                    @if let Some(t) = &plan.timing {
                        p.muted {
                            (format!("{:.1}", t.years.p50)) " years counted from where the assessment of " (t.from.to_string()) " puts " (whose)
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
                    p { (o.verdict) }
                    ul { @for line in o.explanation.iter().filter(|l| **l != o.verdict) { li { (line) } } }
                }
            }
            _ => {
                h1 { (p.fields.name) span.muted { ", " (held) } }
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
