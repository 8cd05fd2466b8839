//! The ladder as pages: the career map, one level in full, two levels compared, the pay bands
//! with an offer check, and what the framework knows beyond the ladder.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::ladder::PayRequest;
use rungs_core::Framework;
use rungs_core::browse::{self, explore};
use rungs_core::framework::{Level, PayRange};
use rungs_core::words::{money, range};
use serde::Deserialize;

use super::charts::{self, MapRung, PayBar};
use super::{FieldErrors, Member, PageError, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/ladder", axum::routing::get(ladder))
        .route("/levels/{id}", axum::routing::get(level))
        .route("/compare", axum::routing::get(compare))
        .route("/pay", axum::routing::get(pay))
        .route("/explore", axum::routing::get(explore_page))
}

/// The company stage a page shows pay at: the one asked for, else the viewer's... else the
/// framework's middle one.
fn stage<'f>(fw: &'f Framework, asked: Option<&str>) -> Option<&'f rungs_core::framework::Stage> {
    let comp = fw.compensation()?;
    asked
        .and_then(|s| comp.stages.iter().find(|x| x.id == s))
        .or_else(|| comp.stages.get(comp.stages.len() / 2))
}

fn pay_text(fw: &Framework, level: &str, stage: Option<&str>) -> String {
    match (fw.compensation(), stage.and_then(|s| fw.pay(level, s))) {
        (Some(c), Some(r)) => range(&r, &c.currency),
        _ => "no band".to_owned(),
    }
}

fn stage_picker(
    fw: &Framework,
    action: &str,
    current: Option<&str>,
    hidden: &[(&str, &str)],
) -> Markup {
    html! {
        @if let Some(comp) = fw.compensation() {
            form method="get" action=(action) {
                @for (k, v) in hidden { input type="hidden" name=(k) value=(v); }
                label for="stage" { "Pay at" }
                select #stage name="stage" {
                    @for s in &comp.stages {
                        option value=(s.id) selected[Some(s.id.as_str()) == current] { (s.name) }
                    }
                }
                " "
                button.secondary type="submit" { "Show" }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct StageQuery {
    stage: Option<String>,
}

pub(super) async fn ladder(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<StageQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let stage = stage(&fw, q.stage.as_deref());
    let here = match &m.actor.person {
        Some(p) => state
            .app
            .person(&m.actor, p)
            .await
            .ok()
            .map(|p| p.fields.level),
        None => None,
    };
    let split = fw
        .tracks()
        .iter()
        .filter(|t| !t.shared)
        .map(|t| t.id.clone())
        .collect::<Vec<_>>();
    let side = |l: &Level| -> i8 {
        match split.iter().position(|t| *t == l.track) {
            Some(0) => -1,
            Some(_) => 1,
            None => 0,
        }
    };
    let rungs: Vec<MapRung> = fw
        .ladder()
        .into_iter()
        .map(|l| MapRung {
            id: l.id.clone(),
            title: l.short_title.clone(),
            side: side(l),
            track: fw
                .track(&l.track)
                .map_or(l.track.clone(), |t| t.name.clone()),
            rank: l.rank,
            years: l.years_on_rung.as_ref().map_or_else(
                || "no usual time given".to_owned(),
                |y| format!("{} on the rung", y.text()),
            ),
            experience: l
                .experience
                .first()
                .map_or_else(|| "—".to_owned(), |y| y.noted()),
            pay: pay_text(&fw, &l.id, stage.map(|s| s.id.as_str())),
        })
        .collect();
    let steps: Vec<(String, String)> = fw
        .steps()
        .into_iter()
        .filter(|(_, _, m)| m.kind == rungs_core::framework::MoveKind::Promotion)
        .map(|(f, t, _)| (f.to_owned(), t.to_owned()))
        .collect();
    let stage_name = stage.map_or("no stage", |s| s.name.as_str()).to_lowercase();
    Ok(page(
        &m.nav().at("/ladder"),
        "The ladder",
        html! {
            h1 { "The ladder" }
            p.lead { (fw.name()) " " (fw.version()) ": every rung, the two tracks after the split, the usual years and the pay." }
            (stage_picker(&fw, "/ladder", stage.map(|s| s.id.as_str()), &[]))
            (charts::career_map(&rungs, &steps, here.as_deref(), &stage_name))
            p { a href="/compare" { "Compare two levels" } " · " a href="/explore" { "Specializations, industries and ways in" } }
        },
    )
    .into_response())
}

pub(super) async fn level(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let level = fw.find_level(&id).map_err(|e| PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "No such level",
        message: format!("{}.", capital(&e.to_string())),
    })?;
    let v = browse::level(&fw, level);
    let currency = fw.compensation().map_or("", |c| c.currency.as_str());
    let name = |id: &str| {
        fw.level(id)
            .map_or(id.to_owned(), |l| l.short_title.clone())
    };
    Ok(page(
        &m.nav().at("/ladder"),
        &level.title,
        html! {
            h1 { (level.title) }
            p.lead { (level.summary) }
            dl.facts {
                dt { "Track" } dd { (v.track_name) }
                @if !level.aliases.is_empty() { dt { "Also called" } dd { (level.aliases.join(", ")) } }
                @for y in &level.experience { dt { "Experience" } dd { (y.noted()) } }
                @if let Some(y) = &level.years_on_rung { dt { "Time on the rung" } dd { (y.noted()) } }
                @if let Some(y) = &level.years_to_reach { dt { "Reached in" } dd { (y.noted()) } }
                @if let Some(s) = v.span_of_control { dt { "Direct reports" } dd { (s.summary) } }
            }
            @if !level.duties.is_empty() {
                h2 { "What the role does" }
                ul { @for d in &level.duties { li { (d) } } }
            }
            @if !level.responsibilities.is_empty() {
                h2 { "Responsibilities" }
                dl.facts {
                    @for r in &level.responsibilities {
                        dt { (fw.dimensions().iter().find(|d| d.id == r.dimension).map_or(r.dimension.as_str(), |d| d.name.as_str())) }
                        dd { (r.statements.join(" ")) }
                    }
                }
            }
            h2 { "What it expects, competency by competency" }
            table {
                thead { tr { th scope="col" { "Area" } th scope="col" { "Competency" } th scope="col" { "Expectation" } } }
                tbody {
                    @for e in &v.expectations {
                        tr {
                            td { (fw.areas().iter().find(|a| a.id == e.area).map_or(e.area, |a| a.name.as_str())) }
                            th scope="row" { (e.name) }
                            td { (e.text) }
                        }
                    }
                }
            }
            @if !v.pay.is_empty() {
                h2 { "Pay" }
                table {
                    thead { tr { th scope="col" { "Company stage" } th scope="col" { "Band" } } }
                    tbody { @for p in &v.pay {
                        tr { th scope="row" { (stage_name(&fw, p.stage)) } td { (range(&p.range, currency)) } }
                    } }
                }
                p { a href={ "/pay?level=" (level.id) } { "Check an offer against these bands" } }
            }
            @if !v.moves_up.is_empty() {
                h2 { "Where it leads" }
                @for s in &v.moves_up {
                    h3 { a href={ "/levels/" (s.to) } { (name(s.to)) } " (" (s.kind.as_str().replace('-', " ")) ")" }
                    p { a href={ "/compare?from=" (s.from) "&to=" (s.to) } { "What separates " (name(s.from)) " from " (name(s.to)) } }
                    @if !s.milestones.is_empty() {
                        ul { @for ms in &s.milestones { li { (ms.text) } } }
                    }
                }
            }
        },
    )
    .into_response())
}

fn stage_name(fw: &Framework, id: &str) -> String {
    fw.compensation()
        .and_then(|c| c.stages.iter().find(|s| s.id == id))
        .map_or(id.to_owned(), |s| s.name.clone())
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Debug, Deserialize)]
pub(super) struct CompareQuery {
    from: Option<String>,
    to: Option<String>,
}

fn level_select(fw: &Framework, name: &str, label: &str, current: Option<&str>) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                @for l in fw.ladder() {
                    option value=(l.id) selected[Some(l.id.as_str()) == current] { (l.title) }
                }
            }
        }
    }
}

pub(super) async fn compare(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut errors = FieldErrors::default();
    let mut find = |field: &str, given: Option<&str>| match given {
        None | Some("") => None,
        Some(g) => match rungs_app::ladder::level(&fw, g, field) {
            Ok(l) => Some(l),
            Err(e) => {
                if let rungs_app::AppError::Invalid { problems, .. } = e {
                    for p in problems {
                        let help = p.help.map(|h| format!(": {h}")).unwrap_or_default();
                        errors
                            .list
                            .push((field.to_owned(), capital(&format!("{}{help}", p.message))));
                    }
                }
                None
            }
        },
    };
    let a = find("from", q.from.as_deref());
    let b = find("to", q.to.as_deref());
    // Unless asked: the level the viewer holds and the rung above it.
    let held = match &m.actor.person {
        Some(p) => state
            .app
            .person(&m.actor, p)
            .await
            .ok()
            .map(|p| p.fields.level),
        None => None,
    };
    let start = held
        .as_deref()
        .and_then(|h| fw.level(h))
        .or_else(|| fw.ladder().first().copied());
    let above = start.and_then(|s| {
        fw.steps()
            .into_iter()
            .find(|(f, _, m)| *f == s.id && m.kind == rungs_core::framework::MoveKind::Promotion)
            .and_then(|(_, t, _)| fw.level(t))
    });
    let form = html! {
        form.stack method="get" action="/compare" {
            (level_select(&fw, "from", "From", a.or(start).map(|l| l.id.as_str())))
            (level_select(&fw, "to", "To", b.or(above).map(|l| l.id.as_str())))
            div.actions { button type="submit" { "Compare" } }
        }
    };
    let body = match (a, b) {
        (Some(a), Some(b)) => {
            let c = browse::compare(&fw, a, b);
            let currency = fw.compensation().map_or("", |c| c.currency.as_str());
            html! {
                h2 { (a.short_title) " and " (b.short_title) }
                @if a.id == b.id {
                    p { "These are the same level: nothing differs." }
                } @else {
                    p { "Only what differs is shown. " (c.same.len()) " of " (c.same.len() + c.competencies.len())
                        " competencies expect the same at both: " (c.same.join(", ")) "." }
                    @if !c.facts.is_empty() {
                        table {
                            caption { "The facts" }
                            thead { tr { th scope="col" {} th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for f in &c.facts { tr { th scope="row" { (f.name) } td { (f.a) } td { (f.b) } } } }
                        }
                    }
                    @if !c.competencies.is_empty() {
                        table {
                            caption { "Competencies whose expectation changes" }
                            thead { tr { th scope="col" { "Competency" } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } th scope="col" { "Change" } } }
                            tbody { @for d in &c.competencies {
                                tr { th scope="row" { (d.name) } td { (d.a) } td { (d.b) } td { (d.change) } }
                            } }
                        }
                    }
                    @if !c.responsibilities.is_empty() {
                        table {
                            caption { "Responsibilities" }
                            thead { tr { th scope="col" {} th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for d in &c.responsibilities {
                                tr {
                                    th scope="row" { (d.name) }
                                    td { @if d.a.is_empty() { "—" } @else { (d.a.join(" ")) } }
                                    td { @if d.a.is_empty() { strong { "New: " } } (d.b.join(" ")) }
                                }
                            } }
                        }
                    }
                    @if !c.pay.is_empty() {
                        table {
                            caption { "Pay" }
                            thead { tr { th scope="col" { "Stage" } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for d in &c.pay {
                                tr { th scope="row" { (d.name) }
                                    td { (d.a.map_or("—".to_owned(), |r| range(&r, currency))) }
                                    td { (d.b.map_or("—".to_owned(), |r| range(&r, currency))) } }
                            } }
                        }
                    }
                    @if !c.milestones.is_empty() {
                        h3 { "Milestones of the move" }
                        ul { @for ms in &c.milestones { li { (ms.text) } } }
                    }
                }
            }
        }
        _ => html! {},
    };
    let status = if errors.list.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        page(
            &m.nav().at("/ladder"),
            "Compare two levels",
            html! {
                h1 { "Compare two levels" }
                (errors.summary())
                (form)
                (body)
            },
        ),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct PayQuery {
    level: Option<String>,
    stage: Option<String>,
    amount: Option<String>,
    zone: Option<String>,
}

pub(super) async fn pay(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<PayQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut errors = FieldErrors::default();
    let given = |v: &Option<String>| v.clone().filter(|g| !g.trim().is_empty());
    // The level asked for, else the one the viewer holds, else the ladder's first.
    let held = match &m.actor.person {
        Some(p) => state
            .app
            .person(&m.actor, p)
            .await
            .ok()
            .map(|p| p.fields.level),
        None => None,
    };
    let level = match given(&q.level) {
        Some(l) => match rungs_app::ladder::level(&fw, &l, "level") {
            Ok(l) => Some(l),
            Err(e) => {
                errors.list.extend(FieldErrors::from_error(e)?.list);
                None
            }
        },
        None => None,
    }
    .or_else(|| held.as_deref().and_then(|h| fw.level(h)))
    .or_else(|| fw.ladder().first().copied());
    let Some(level) = level else {
        return Err(PageError::not_found("ladder"));
    };
    let zones = fw.pay_zones();
    let mut req = PayRequest {
        level: level.id.clone(),
        stage: None,
        zone: given(&q.zone),
    };
    // A zone that is not the framework's is said beside its field; the bands shown are then
    // the framework's own.
    if let Some(z) = &req.zone {
        if let Err(e) = rungs_app::ladder::zone(&fw, Some(z)) {
            errors.list.extend(FieldErrors::from_error(e)?.list);
            req.zone = None;
        }
    }
    let zone = rungs_app::ladder::zone(&fw, req.zone.as_deref()).ok();
    let shown = state.app.pay_bands(&m.actor, &req).await.ok();
    let placed = match given(&q.amount) {
        Some(a) => match state.app.pay_check(&m.actor, &req, &a).await {
            Ok(p) => Some(p),
            Err(e @ rungs_app::AppError::Invalid { .. }) => {
                errors.list.extend(FieldErrors::from_error(e)?.list);
                None
            }
            Err(_) => None,
        },
        None => None,
    };
    let amount = placed.as_ref().map(|p| p.amount);
    let currency = zone.map_or("", |z| z.currency).to_owned();
    let bars: Vec<PayBar> = shown
        .iter()
        .flat_map(|b| &b.bands)
        .map(|b| PayBar {
            stage: b.stage_name.clone(),
            min: b.min,
            max: b.max,
            open_ended: b.open_ended,
            label: range(
                &PayRange {
                    open_ended: false,
                    ..b.range()
                },
                &currency,
            ),
        })
        .collect();
    let status = if errors.list.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let chosen_stage = q.stage.clone().unwrap_or_default();
    Ok((
        status,
        page(
            &m.nav().at("/pay"),
            "Pay",
            html! {
                h1 { "Pay" }
                @if let (Some(c), Some(b)) = (fw.compensation(), &shown) {
                    p.lead { "Bands for " (b.zone_name) ", " (c.year) ", " (c.basis) "." }
                }
                (errors.summary())
                form.stack method="get" action="/pay" novalidate {
                    (level_select(&fw, "level", "Level", Some(&level.id)))
                    div.field.has-error[errors.of("amount").is_some()] {
                        label for="amount" { "An offer or a salary (optional)" }
                        span.hint id="amount-hint" { "Like 185000, 185,000, $185K or 1.2M." }
                        @if let Some(e) = errors.of("amount") { span.field-error id="amount-error" { "Error: " (e) } }
                        input #amount name="amount" type="text" value=(q.amount.clone().unwrap_or_default())
                            aria-describedby="amount-hint";
                    }
                    @if zones.len() > 1 {
                        div.field.has-error[errors.of("zone").is_some()] {
                            label for="zone" { "Pay zone" }
                            @if let Some(e) = errors.of("zone") { span.field-error id="zone-error" { "Error: " (e) } }
                            select #zone name="zone" {
                                @for z in &zones {
                                    option value=(z.id) selected[zone.is_some_and(|c| c.id == z.id)] { (z.name) " (" (z.currency) ")" }
                                }
                            }
                        }
                    }
                    input type="hidden" name="stage" value=(chosen_stage);
                    div.actions { button type="submit" { "Show" } }
                }
                (charts::pay(&level.short_title, &bars, amount.map(|a| (a, money(a, &currency)))))
                @if let Some(p) = &placed {
                    h2 { (money(p.amount, &currency)) " for " (level.short_title) }
                    table {
                        thead { tr { th scope="col" { "Stage" } th scope="col" { "Band" } th scope="col" { "Where it sits" } th scope="col" { "Compa-ratio" } } }
                        tbody {
                            @for s in &p.stages {
                                tr {
                                    th scope="row" { (s.band.stage_name) }
                                    td { (range(&s.band.range(), &currency)) }
                                    td { (capital(&s.verdict_text(&currency))) }
                                    td { (format!("{:.2}", s.check.compa_ratio)) }
                                }
                            }
                        }
                    }
                    p.muted { "The compa-ratio is the amount divided by the middle of the band: 1.00 is the middle, 0.90 is 10% below it." }
                }
            },
        ),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ExploreQuery {
    what: Option<String>,
}

pub(super) async fn explore_page(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<ExploreQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let sections = explore::explore(&fw, q.what.as_deref()).map_err(|e| PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "Not found",
        message: format!("{}.", capital(&e.to_string())),
    })?;
    Ok(page(
        &m.nav().at("/explore"),
        "Explore",
        html! {
            h1 { "Beyond the ladder" }
            nav aria-label="Sections" {
                ul.steps {
                    @for (id, name, _) in explore::SECTIONS {
                        li { a href={ "/explore?what=" (id) } { (name) } }
                    }
                }
            }
            @for s in &sections {
                section aria-labelledby={ "s-" (s.section) } {
                    h2 id={ "s-" (s.section) } { (s.name) }
                    p { (s.summary) }
                    @for e in &s.entries {
                        h3 id=(e.id) { (e.name) }
                        p { (e.summary) }
                        @if !e.points.is_empty() { ul { @for p in &e.points { li { (p) } } } }
                        @if !e.examples.is_empty() { p.muted { "For example: " (e.examples.join(", ")) "." } }
                        @if !e.title_words.is_empty() { p.muted { "In a job title: " (e.title_words.join(", ")) "." } }
                    }
                }
            }
        },
    )
    .into_response())
}
