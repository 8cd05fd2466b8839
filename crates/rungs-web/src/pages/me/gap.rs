//! A person's gap to the next rung (or the one asked for): what each competency needs.

use super::*;

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

pub(super) async fn gap_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    q: &To,
) -> Result<Response, PageError> {
    let aim = q.aim();
    let (gaps, charts) = aimed(
        state
            .app
            .assessments()
            .gap_with_charts(&m.actor, &s.person, &aim)
            .await,
    )?;
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
                    h2 id={ "gap-" (g.target) } { "To " (g.target_title) ": " (super::super::ui::tier_badge(fw.readiness_tiers(), &g.readiness.tier, &g.readiness.name)) }
                    p.lead { (g.summary) }
                    @if let Some(meaning) = super::super::ui::tier_meaning(fw.readiness_tiers(), &g.readiness.tier) {
                        p.muted { (g.readiness.name) " means: " (meaning) }
                    }
                    p.muted { "A rank is one rung of the ladder: a competency two ranks short meets the expectation of the level two rungs below " (g.target_title) "." }
                    @if let Some(c) = charts.get(i) { (chart(&format!("chart-{}", g.target), c)) }
                    @if !g.items.is_empty() {
                        div.table-scroll tabindex="0" role="region" aria-label={ "Competencies short of " (g.target_title) ", largest gap first" } { table {
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
                        } }
                    }
                    @if !g.responsibilities.is_empty() || !g.facts.is_empty() {
                        @let from = g.from_title.clone().unwrap_or_else(|| "Now".into());
                        div.table-scroll tabindex="0" role="region" aria-label={ "What else separates " (from) " and " (g.target_title) } { table {
                            caption { "What else separates " (from) " and " (g.target_title) }
                            thead { tr { th scope="col" { span.visually-hidden { "What" } } th scope="col" { (from) } th scope="col" { (g.target_title) } } }
                            tbody {
                                @for f in &g.facts { tr { th scope="row" { (f.name) } td { (f.a) } td { (f.b) } } }
                                @for d in &g.responsibilities { tr { th scope="row" { (d.name) } td { (d.a.join(" ")) } td { (d.b.join(" ")) } } }
                            }
                        } }
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
