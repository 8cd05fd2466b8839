//! `/cycles`: the cycles, starting one, a cycle's page and moving it to its next stage.

use super::*;
use rungs_core::CycleId;

pub(super) async fn list(
    State(state): State<AppState>,
    Member(m): Member,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    let cycles = state.app.cycles().cycles(&m.actor).await?;
    let todos = state.app.cycles().cycle_todos(&m.actor).await?;
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

pub(super) fn list_page(
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
                    (input(errors, "under", "Only the people under (optional)", "text", form.get("under"), Some("A manager's name or roster id: they and everyone under them. Leave empty for the whole organization."), "off"))
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
    let refused = async |e| -> Result<Response, PageError> {
        let errors = FieldErrors::from_error(e)?;
        let cycles = state.app.cycles().cycles(&m.actor).await?;
        let todos = state.app.cycles().cycle_todos(&m.actor).await?;
        let body = list_page(&m, &cycles, &todos, &errors, &form, None);
        Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
    };
    let under = crate::pages::form::named(&state, &m.actor, &form, "under").await?;
    let input = CycleInput {
        name: form.get("name").to_owned(),
        under: under.id(),
        self_assessment_due: opt("self_assessment_due"),
        manager_assessment_due: opt("manager_assessment_due"),
        calibration_due: opt("calibration_due"),
        shared_due: opt("shared_due"),
    };
    match under.answer(state.app.cycles().create_cycle(&m.actor, input).await) {
        Ok(c) => Ok(back(
            &format!("/cycles/{}", c.id),
            "The cycle has started at self-assessment.",
        )),
        Err(e) => refused(e).await,
    }
}

pub(super) async fn cycle(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<CycleId>,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    let pages = (note.page.unwrap_or(1), note.managers.unwrap_or(1));
    cycle_page(&state, &m, id, pages, note.done.as_deref(), None).await
}

/// How many people, and how many managers, a cycle's page lists at once: a review of the
/// whole of a large organization is read a page at a time.
pub(super) const PAGE: usize = 100;

/// Which rows of `len` page `at` (from 1) shows, the page it is (kept in range) and how many
/// pages there are.
pub(super) fn page_of(len: usize, at: usize) -> (std::ops::Range<usize>, usize, usize) {
    let pages = len.div_ceil(PAGE).max(1);
    let at = at.clamp(1, pages);
    let start = (at - 1) * PAGE;
    (start..(start + PAGE).min(len), at, pages)
}

/// Previous and next links between pages of a list on the page at `path`; nothing when
/// there is one page.
pub(super) fn pager(
    path: &str,
    param: &str,
    label: &str,
    at: usize,
    pages: usize,
    anchor: &str,
) -> Markup {
    html! {
        @if pages > 1 {
            nav aria-label=(label) {
                ul.pages {
                    @if at > 1 { li { a href={ (path) "?" (param) "=" (at - 1) "#" (anchor) } rel="prev" { "Previous" } } }
                    li { "Page " (at) " of " (pages) }
                    @if at < pages { li { a href={ (path) "?" (param) "=" (at + 1) "#" (anchor) } rel="next" { "Next" } } }
                }
            }
        }
    }
}

/// A cycle's page; with a refused move's reason beside the form that asked it. `pages`: the
/// page of people and the page of managers to show.
async fn cycle_page(
    state: &AppState,
    m: &SignedViewer,
    id: CycleId,
    pages: (usize, usize),
    done: Option<&str>,
    refusal: Option<&str>,
) -> Result<Response, PageError> {
    let c = state.app.cycles().cycle(&m.actor, id).await?;
    let lines = state
        .app
        .cycles()
        .cycle_lines(&m.actor, id, pages.0, PAGE)
        .await?;
    let progress = match m.actor.role {
        Role::Member => None,
        _ => Some(state.app.cycles().cycle_progress(&m.actor, id).await?),
    };
    let mine = lines.mine.as_ref();
    let (at, people_pages) = (lines.page, lines.pages);
    let admin = m.actor.role == Role::Admin;
    let next = c.stage.next();
    let undone = if admin {
        state.app.cycles().cycle_undone(&m.actor, id).await?
    } else {
        Vec::new()
    };
    let body = html! {
        h1 { (c.name) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p.lead { "This review is at " strong { (c.stage_name) } "." }
        (stage_steps(&c))
        @if let Some(n) = &c.framework_note { p.notice { (n) } } @else {
            p.muted { "The cycle uses framework version " (c.framework_version) " for its whole length." }
        }
        @if let Some(r) = mine {
            section aria-labelledby="mine" {
                h2 #mine { "Your record" }
                p { (r.words) "." }
                (record_steps(&r.name, &r.steps))
                p { a.button href={ "/cycles/" (id) "/people/" (r.person) } { "Open your record" } }
            }
        }
        @if lines.others > 0 {
            section aria-labelledby="people" {
                h2 #people { @if admin { "Everyone in the cycle" } @else { "Your people" } }
                @if people_pages > 1 {
                    p { (lines.others) " people; " (lines.lines.len()) " on this page (" (at) " of " (people_pages) ")." }
                }
                div.table-scroll tabindex="0" role="region" aria-label="Table: Person, Self-assessment, Manager's rating, Record" { table {
                    thead { tr { th scope="col" { "Person" } th scope="col" { "Self-assessment" } th scope="col" { "Manager's rating" } th scope="col" { "Record" } } }
                    tbody {
                        @for r in &lines.lines {
                            tr {
                                th scope="row" { a href={ "/cycles/" (id) "/people/" (r.person) } { (r.name) } }
                                td { (r.own.words()) }
                                td { (r.manager_part.words()) }
                                td { (r.state.words()) }
                            }
                        }
                    }
                } }
                (pager(&format!("/cycles/{id}"), "page", "Pages of people", at, people_pages, "people"))
            }
        }
        @if let Some(p) = &progress {
            section aria-labelledby="progress" {
                h2 #progress { "Completion" }
                div.table-scroll tabindex="0" role="region" aria-label="Table: Part, Submitted, Drafts" { table {
                    thead { tr { th scope="col" { "Part" } th scope="col" { "Submitted" } th scope="col" { "Drafts" } } }
                    tbody {
                        tr { th scope="row" { "Self-assessments" } td { (p.self_submitted) " of " (p.people) } td { (p.self_draft) } }
                        tr { th scope="row" { "Manager ratings" } td { (p.manager_submitted) " of " (p.people) } td { (p.manager_draft) } }
                        tr { th scope="row" { "Results shared" } td { (p.shared) " of " (p.people) } td { "–" } }
                    }
                } }
                @let (mshown, mat, mpages) = page_of(p.managers.len(), pages.1);
                h3 #by-manager { "By manager" }
                @if mpages > 1 {
                    p { (p.managers.len()) " managers; " (mshown.len()) " on this page (" (mat) " of " (mpages) ")." }
                }
                // Scrolls sideways on a phone; it holds no link, so it takes the focus itself.
                div.table-scroll tabindex="0" role="region" aria-label="Completion by manager" { table {
                    thead { tr { th scope="col" { "Manager" } th scope="col" { "People" } th scope="col" { "Self-assessments submitted" } th scope="col" { "Ratings submitted" } } }
                    tbody {
                        @for mg in &p.managers[mshown.clone()] {
                            tr { th scope="row" { (mg.name) } td { (mg.people) } td { (mg.self_submitted) } td { (mg.manager_submitted) } }
                        }
                    }
                } }
                (pager(&format!("/cycles/{id}"), "managers", "Pages of managers", mat, mpages, "by-manager"))
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
                        @if let Some(why) = refusal { div.error-summary role="alert" { p { (why) } } }
                        @if !undone.is_empty() {
                            div.notice #undone {
                                p { strong { "Not everything is in." } " Moving on now would leave this undone (see Completion above, per manager):" }
                                ul { @for u in &undone { li { (u) "." } } }
                            }
                            div.check {
                                input type="checkbox" #confirm name="confirm" value="yes" required aria-describedby="undone";
                                label for="confirm" { "I have checked what is missing: move on anyway" }
                            }
                        }
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
    Path(id): Path<CycleId>,
    form: Form,
) -> Result<Response, PageError> {
    let confirm = form.get("confirm") == "yes";
    match state
        .app
        .cycles()
        .advance_cycle(&m.actor, id, form.get("to"), confirm)
        .await
    {
        Ok(c) => Ok(back(
            &format!("/cycles/{id}"),
            &format!("The cycle is now at {}.", c.stage_name),
        )),
        Err(AppError::Conflict(why)) => {
            let mut res = cycle_page(&state, &m, id, (1, 1), None, Some(&sentence(&why))).await?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_shown_a_hundred_at_a_time() {
        assert_eq!(page_of(250, 1), (0..100, 1, 3));
        assert_eq!(page_of(250, 3), (200..250, 3, 3));
    }

    #[test]
    fn a_page_out_of_range_shows_the_nearest_page() {
        assert_eq!(page_of(250, 9), (200..250, 3, 3));
        assert_eq!(page_of(250, 0), (0..100, 1, 3));
        assert_eq!(page_of(0, 2), (0..0, 1, 1));
    }
}
