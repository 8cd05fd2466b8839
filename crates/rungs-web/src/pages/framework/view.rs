//! `/admin/framework`: the framework in force, its file and spreadsheet, its template, and what changed between versions.

use super::*;
use rungs_core::VersionId;

pub(super) async fn overview(
    state: &AppState,
    m: &SignedViewer,
    refused: Option<(String, Vec<Problem>)>,
    done: Option<&str>,
) -> Result<Markup, PageError> {
    let (current, fw) = state.app.frameworks().framework_info(&m.actor).await?;
    let versions = state.app.frameworks().framework_versions(&m.actor).await?;
    let counts = state
        .app
        .frameworks()
        .assessments_per_version(&m.actor)
        .await?;
    let count = |v: VersionId| counts.iter().find(|c| c.0 == v).map_or(0, |c| c.1);
    let previous = versions
        .iter()
        .find(|v| v.version < current.version)
        .map(|v| v.version);
    Ok(page(
        &m.nav().at("/admin"),
        "Framework",
        html! {
            h1 { "The ladder: " (fw.name()) }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            @if let Some((title, problems)) = &refused { (problems_box(title, problems)) }
            p.lead { "Version " (current.version) " is in use: " (fw.name()) " " (fw.version()) ", saved " (day(current.created_at)) " by " (current.created_by) ". " (fw.levels().len()) " levels, " (fw.competencies().count()) " competencies." }
            p { "An upload or an edit makes a draft: its page shows what it would change (anyone it cannot place, pay, readiness) before anyone sees it, and publishing it is a step of its own. An earlier version can be published again in one step. Each assessment is always read against the version it was made with." }
            @for d in versions.iter().filter(|v| v.published_at.is_none()) {
                p.notice { "Version " (d.version) " is a draft waiting to be published. " a href={ "/admin/framework/versions/" (d.version) } { "See what it would change" } }
            }
            div.actions {
                a.button href="/admin/framework/edit?part=titles" { "Edit titles" }
                a.button.secondary href="/admin/framework/edit?part=expectations" { "Edit expectations" }
                a.button.secondary href="/admin/framework/edit?part=pay" { "Edit pay bands" }
                a.button.secondary href={ "/admin/framework/source?version=" (current.version) } download { "Download this version (TOML)" }
                a.button.secondary href={ "/admin/framework/sheet?version=" (current.version) } download { "Download as a spreadsheet (XLSX)" }
            }
            h2 { "Upload a new version" }
            form.panel method="post" action="/admin/framework/upload" enctype="multipart/form-data" data-progress="true" {
                (csrf(&m.csrf))
                div.field {
                    label for="framework-file" { "Framework file (TOML or JSON) or spreadsheet (XLSX, ODS or CSV)" }
                    span.hint { "Start from a download above, or from " a href="/admin/framework/template" download { "the spreadsheet template" } " (its example ladder is made up: replace it with yours). A spreadsheet's sheets replace their parts of the version in use: a competency matrix alone (levels across, a competency per row) keeps the rest. Every problem is listed with its line and column, or its sheet, row and column, and nothing changes until the whole file is right." }
                    input #framework-file type="file" name="file" accept=".toml,.json,.xlsx,.ods,.csv,application/json,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet";
                }
                (crate::pages::upload_progress())
                div.actions { button type="submit" { "Check and save as a draft" } }
            }
            script src="/static/upload.js" defer {}
            h2 { "Versions" }
            div.table-scroll tabindex="0" role="region" aria-label={ "Every version, newest first, with the assessments made against each" } { table {
                    caption { "Every version, newest first, with the assessments made against each" }
                    thead { tr { th scope="col" { "Version" } th scope="col" { "Name" } th scope="col" { "Saved" } th scope="col" { "By" } th scope="col" { "Assessments" } th scope="col" { "" } } }
                    tbody {
                        @for v in &versions {
                            tr {
                                th scope="row" {
                                    (v.version)
                                    @if v.version == current.version { " " span.tag { "in use" } }
                                    @else if v.published_at.is_none() { " " span.tag { "draft" } }
                                }
                                td { (v.name) }
                                td { (day(v.created_at)) }
                                td { (v.created_by) }
                                td { (count(v.version)) }
                                td {
                                    a href={ "/admin/framework/source?version=" (v.version) } download { "TOML" span.visually-hidden { " of version " (v.version) } }
                                    " · "
                                    a href={ "/admin/framework/sheet?version=" (v.version) } download { "XLSX" span.visually-hidden { " of version " (v.version) } }
                                    @if v.version != current.version {
                                        " · "
                                        a href={ "/admin/framework/versions/" (v.version) } {
                                            @if v.published_at.is_none() { "Preview and publish" } @else { "Publish again" }
                                            span.visually-hidden { " version " (v.version) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if versions.len() > 1 {
                h2 { "Compare two versions" }
                form.filters method="get" action="/admin/framework/diff" {
                    div.field {
                        label for="a" { "Before" }
                        select #a name="a" { @for v in &versions { option value=(v.version) selected[Some(v.version) == previous] { "Version " (v.version) } } }
                    }
                    div.field {
                        label for="b" { "After" }
                        select #b name="b" { @for v in &versions { option value=(v.version) selected[v.version == current.version] { "Version " (v.version) } } }
                    }
                    div.actions { button type="submit" { "Compare" } }
                }
            }
        },
    ))
}

pub(super) async fn framework(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    admin(&m)?;
    Ok(overview(&state, &m, None, q.done.as_deref())
        .await?
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct Version {
    version: Option<VersionId>,
}

pub(super) async fn source(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Version>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let (version, text) = state
        .app
        .frameworks()
        .framework_source(&m.actor, q.version)
        .await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"framework-v{version}.toml\""),
            ),
        ],
        text,
    )
        .into_response())
}

/// A version as an XLSX workbook, the sheets `rungs framework import` and the upload above read.
pub(super) async fn sheet(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Version>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let (version, bytes) = state
        .app
        .frameworks()
        .framework_xlsx(&m.actor, q.version)
        .await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                rungs_app::sheets::XLSX_TYPE.to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"framework-v{version}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The spreadsheet template to fill in (docs/spreadsheets.md).
pub(super) async fn template(Member(m): Member) -> Result<Response, PageError> {
    admin(&m)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                rungs_app::sheets::XLSX_TYPE.to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"ladder-template.xlsx\"".to_owned(),
            ),
        ],
        rungs_app::sheets::TEMPLATE_XLSX,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct Pair {
    a: VersionId,
    b: VersionId,
}

pub(super) async fn diff(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Pair>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let changes = state
        .app
        .frameworks()
        .framework_diff(&m.actor, q.a, q.b)
        .await?;
    let title = format!("Version {} and version {}", q.a, q.b);
    Ok(page(
        &m.nav().at("/admin"),
        &title,
        html! {
            h1 { (title) }
            @if changes.is_empty() {
                p.lead { "The two versions hold the same ladder." }
            } @else {
                p.lead { (rungs_core::words::count(changes.len(), "value differs", "values differ")) ", side by side." }
                div.table-scroll tabindex="0" role="region" aria-label="The values that differ" { table {
                        thead { tr { th scope="col" { "What" } th scope="col" { "Version " (q.a) } th scope="col" { "Version " (q.b) } } }
                        tbody {
                            @for c in &changes {
                                tr.differs {
                                    th scope="row" { (c.place) }
                                    td { @match &c.before { Some(v) => (v), None => span.muted { "(not there)" } } }
                                    td { @match &c.after { Some(v) => (v), None => span.muted { "(removed)" } } }
                                }
                            }
                        }
                    }
                }
            }
            p { a href="/admin/framework" { "Back to the framework" } }
        },
    )
    .into_response())
}
