//! `/admin/audit`: the audit log, newest first, a page at a time.

use super::*;

#[derive(Debug, Default, Deserialize)]
pub(super) struct AuditQuery {
    /// Only entries whose actor, action or target holds this.
    q: Option<String>,
    /// Entries before this one (the next page).
    before: Option<i64>,
}

/// Entries on one page of the audit log.
pub(super) const AUDIT_PAGE: usize = 50;

pub(super) async fn audit(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let filter = q.q.as_deref().map(str::trim).unwrap_or("").to_lowercase();
    // Newest first, a page of matching entries; the log is read a thousand at a time.
    let mut shown = Vec::new();
    let mut before = q.before;
    let mut more = false;
    'read: loop {
        let batch = state.app.accounts().audit(&m.actor, 1000, before).await?;
        let Some(last) = batch.last() else { break };
        before = Some(last.id);
        let full = batch.len() == 1000;
        for e in batch {
            let hit = filter.is_empty()
                || [&e.actor, &e.action, &e.target]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&filter));
            if hit {
                if shown.len() == AUDIT_PAGE {
                    more = true;
                    break 'read;
                }
                shown.push(e);
            }
        }
        if !full {
            break;
        }
    }
    let next = shown.last().map(|e: &rungs_app::answers::AuditEntry| {
        let mut url = form_urlencoded::Serializer::new(String::new());
        if !filter.is_empty() {
            url.append_pair("q", &filter);
        }
        url.append_pair("before", &e.id.to_string());
        format!("/admin/audit?{}", url.finish())
    });
    Ok(page(
        &m.nav().at("/admin"),
        "Audit log",
        html! {
            h1 { "Audit log" }
            p { "Every change: who made it, what it was and when, newest first." }
            form.filters method="get" action="/admin/audit" role="search" aria-label="Filter the log" {
                div.field {
                    label for="q" { "Who, what or which record" }
                    input #q type="search" name="q" value=(filter);
                }
                div.actions { button type="submit" { "Filter" } a.button.secondary href="/admin/audit" { "Clear" } }
            }
            @if shown.is_empty() {
                p { "Nothing matches." }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label="Table: When, Who, What, Which" { table {
                        thead { tr { th scope="col" { "When" } th scope="col" { "Who" } th scope="col" { "What" } th scope="col" { "Which" } th scope="col" { "Details" } } }
                        tbody {
                            @for e in &shown {
                                tr {
                                    th scope="row" { (day(e.at)) }
                                    td { (e.actor) }
                                    td { (e.action) }
                                    td { (e.target) }
                                    td { code { (e.detail.to_string().chars().take(200).collect::<String>()) } }
                                }
                            }
                        }
                    }
                }
                nav aria-label="Pages of the log" {
                    ul.pages {
                        @if q.before.is_some() { li { a href="/admin/audit" { "Newest" } } }
                        @if more { @if let Some(n) = next { li { a href=(n) rel="next" { "Older" } } } }
                    }
                }
            }
        },
    )
    .into_response())
}
