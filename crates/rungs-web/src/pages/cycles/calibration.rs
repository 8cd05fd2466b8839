//! Calibration (the spread of ratings, never about fewer than five) and a cycle's exports.

use super::*;
use rungs_core::CycleId;

pub(super) async fn calibration(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<CycleId>,
    Query(q): Query<Note>,
) -> Result<Response, PageError> {
    let c = state.app.cycles().cycle(&m.actor, id).await?;
    let v = state.app.cycles().cycle_calibration(&m.actor, id).await?;
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
    // Lifts and candidates a hundred at a time: a review of a large organization has
    // thousands of each.
    let path = format!("/cycles/{id}/calibration");
    let (lifts, lift_at, lift_pages) = page_of(cal.lifts.len(), q.managers.unwrap_or(1));
    let (shown, at, pages) = page_of(v.candidates.len(), q.page.unwrap_or(1));
    let body = html! {
        p { a href={ "/cycles/" (id) } { "← " (c.name) } }
        h1 { "Calibration: " (c.name) }
        p.lead { (cal.rated) " people have a submitted manager's rating. No group of fewer than " (cal.min_group) " people is shown on its own, and no team or manager is ranked: managers are listed by name." }
        h2 { "The levels the ratings show, and readiness for the next rung" }
        @match &cal.distribution {
            None => p { "Fewer than " (cal.min_group) " people are rated: the distribution would be about individuals, and is not shown." },
            Some(d) => {
                div.table-scroll tabindex="0" role="region" aria-label="Table: Level shown, People" { table {
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
                } }
                @if d.withheld_levels > 0 {
                    p.muted { (d.withheld_levels) " people at levels with fewer than " (cal.min_group) " people each are not shown." }
                }
            }
        }
        h2 #lifts { "Each manager's lift" }
        p { "Lift is the mean rank of a manager's ratings minus the rank of the level each person holds." }
        @if cal.lifts.is_empty() { p { "No manager has rated " (cal.min_group) " or more people in this cycle." } } @else {
            div.table-scroll tabindex="0" role="region" aria-label="Table: Manager, People rated, Mean lift (ranks)" { table {
                thead { tr { th scope="col" { "Manager" } th scope="col" { "People rated" } th scope="col" { "Mean lift (ranks)" } } }
                tbody { @for l in &cal.lifts[lifts] { tr { th scope="row" { (l.assessor) } td { (l.people) } td { (format!("{:+.2}", l.mean_lift)) } } } }
            } }
            (pager(&path, "managers", "Pages of managers", lift_at, lift_pages, "lifts"))
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
        h2 #candidates { "Promotion candidates" }
        p { "Ready now for the next rung by the manager's (calibrated) rating, by name"
            @if v.candidates.len() > PAGE { ": " (v.candidates.len()) " people, " (PAGE) " to a page" } "." }
        @if v.candidates.is_empty() { p { "No one is ready now." } } @else {
            div.table-scroll tabindex="0" role="region" aria-label="Table: Person, Ratings show, Next rung, Packet" { table {
                thead { tr { th scope="col" { "Person" } th scope="col" { "Ratings show" } th scope="col" { "Next rung" } th scope="col" { "Packet" } } }
                tbody {
                    @for p in &v.candidates[shown] {
                        tr {
                            th scope="row" { a href={ "/cycles/" (id) "/people/" (p.person) } { (p.name) } }
                            td { (title(&p.shown)) } td { (title(&p.next)) }
                            td { a href={ "/people/" (p.person) "/packet" } { "Packet for " (p.name) } }
                        }
                    }
                }
            } }
            (pager(&path, "page", "Pages of candidates", at, pages, "candidates"))
        }
    };
    Ok(page(&m.nav().at("/cycles"), "Calibration", body).into_response())
}

pub(super) async fn export_csv(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<CycleId>,
) -> Result<Response, PageError> {
    let csv = state.app.cycles().export_cycle_csv(&m.actor, id).await?;
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
    Path(id): Path<CycleId>,
) -> Result<Response, PageError> {
    let e = state.app.cycles().export_cycle(&m.actor, id).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"cycle.json\"",
        )],
        axum::Json(e),
    )
        .into_response())
}
