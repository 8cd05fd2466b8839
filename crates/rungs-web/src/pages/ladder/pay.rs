//! `/pay`: a level's pay bands by company stage and zone, and where an amount sits.

use super::*;

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
            .people()
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
    // The organization's own stage and zone, as its admin set them: the page opens on them.
    let org = state.app.accounts().org_pay(&m.actor).await?;
    let mut req = PayRequest {
        level: level.id.clone(),
        stage: None,
        zone: given(&q.zone).or_else(|| org.zone.clone()),
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
    let shown = state.app.ladder().pay_bands(&m.actor, &req).await.ok();
    let placed = match given(&q.amount) {
        Some(a) => match state.app.ladder().pay_check(&m.actor, &req, &a).await {
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
                @let ours = org.stage.as_deref().and_then(|id| shown.as_ref()?.bands.iter().find(|b| b.stage == id));
                @match ours {
                    Some(b) => {
                        ul.tiles {
                            (super::super::ui::tile(
                                &range(&b.range(), &currency),
                                &format!("{} at {}", level.short_title, rungs_core::words::article(&b.stage_name.to_lowercase())),
                                "Your organization's company stage",
                                None,
                            ))
                        }
                    }
                    None if m.actor.role == rungs_app::Role::Admin => {
                        p.muted { "The organization's company stage is not set: " a href="/admin" { "set it once" } " and this page opens on its band." }
                    }
                    None => {}
                }
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
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Stage, Band, Where it sits, Compa-ratio" { table {
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
                    } }
                    p.muted { "The compa-ratio is the amount divided by the middle of the band: 1.00 is the middle, 0.90 is 10% below it." }
                }
            },
        ),
    )
        .into_response())
}
