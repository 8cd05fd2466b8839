//! `/compare` and `/explore`: two levels side by side, and every destination from one.

use super::*;

#[derive(Debug, Deserialize)]
pub(super) struct CompareQuery {
    from: Option<String>,
    to: Option<String>,
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
            .people()
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
                        div.table-scroll tabindex="0" role="region" aria-label={ "The facts" } { table {
                            caption { "The facts" }
                            thead { tr { th scope="col" { span.visually-hidden { "What" } } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for f in &c.facts { tr { th scope="row" { (f.name) } td { (f.a) } td { (f.b) } } } }
                        } }
                    }
                    @if !c.competencies.is_empty() {
                        div.table-scroll tabindex="0" role="region" aria-label={ "Competencies whose expectation changes" } { table {
                            caption { "Competencies whose expectation changes" }
                            thead { tr { th scope="col" { "Competency" } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } th scope="col" { "Change" } } }
                            tbody { @for d in &c.competencies {
                                tr { th scope="row" { (d.name) } td { (d.a) } td { (d.b) } td { (d.change) } }
                            } }
                        } }
                    }
                    @if !c.responsibilities.is_empty() {
                        div.table-scroll tabindex="0" role="region" aria-label={ "Responsibilities" } { table {
                            caption { "Responsibilities" }
                            thead { tr { th scope="col" { span.visually-hidden { "What" } } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for d in &c.responsibilities {
                                tr {
                                    th scope="row" { (d.name) }
                                    td { @if d.a.is_empty() { "—" } @else { (d.a.join(" ")) } }
                                    td { @if d.a.is_empty() { strong { "New: " } } (d.b.join(" ")) }
                                }
                            } }
                        } }
                    }
                    @if !c.pay.is_empty() {
                        div.table-scroll tabindex="0" role="region" aria-label={ "Pay" } { table {
                            caption { "Pay" }
                            thead { tr { th scope="col" { "Stage" } th scope="col" { (a.short_title) } th scope="col" { (b.short_title) } } }
                            tbody { @for d in &c.pay {
                                tr { th scope="row" { (d.name) }
                                    td { (d.a.map_or("—".to_owned(), |r| range(&r, currency))) }
                                    td { (d.b.map_or("—".to_owned(), |r| range(&r, currency))) } }
                            } }
                        } }
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
