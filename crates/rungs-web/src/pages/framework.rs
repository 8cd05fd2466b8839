//! `/admin/framework`: the ladder as the organization's own. The current version and every
//! earlier one with the assessments made against each; a new version uploaded (TOML or JSON,
//! every problem at its line and column; or a spreadsheet, every problem at its sheet, row and
//! column; nothing changed until it is clean) or made in forms (titles, expectations, pay
//! bands) that the loader checks; any two versions side by side; any version as a spreadsheet.

use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::{AppError, Problem};
use rungs_core::framework::document::{self, Value};
use serde::Deserialize;

use super::form::{csrf, day, with_note};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/admin/framework", axum::routing::get(framework))
        .route("/admin/framework/source", axum::routing::get(source))
        .route("/admin/framework/sheet", axum::routing::get(sheet))
        .route("/admin/framework/template", axum::routing::get(template))
        .route("/admin/framework/diff", axum::routing::get(diff))
        .route(
            "/admin/framework/edit",
            axum::routing::get(edit_get).post(edit_post),
        )
        .route(
            "/admin/framework/upload",
            axum::routing::post(upload).layer(axum::extract::DefaultBodyLimit::max(
                rungs_app::sheets::MAX_SPREADSHEET,
            )),
        )
}

fn admin(m: &SignedViewer) -> Result<(), PageError> {
    rungs_app::policy::admin(&m.actor, "change the framework")?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

fn problems_box(title: &str, problems: &[Problem]) -> Markup {
    html! {
        div.error-summary role="alert" aria-labelledby="problems" tabindex="-1" {
            h2 #problems { (title) }
            p { "Nothing changed: the current version stands. Fix each place below and send it again." }
            ol {
                @for p in problems {
                    li {
                        @match (&p.sheet, p.line, p.column) {
                            (Some(sheet), Some(r), Some(c)) => strong { "Sheet " (sheet) ", row " (r) ", column " (rungs_core::diag::column_letter(c)) @if let Some(f) = p.field.as_deref().filter(|f| !f.is_empty()) { " (" (f) ")" } },
                            (Some(sheet), Some(r), None) => strong { "Sheet " (sheet) ", row " (r) },
                            (Some(sheet), None, _) => strong { "Sheet " (sheet) },
                            (None, Some(l), Some(c)) => strong { "Line " (l) ", column " (c) } ,
                            (None, Some(l), None) => strong { "Line " (l) },
                            _ => strong { (p.location) },
                        }
                        @if let Some(path) = &p.path { " (" code { (path) } ")" }
                        ": " (p.message)
                        @if let Some(h) = &p.help { " (" (h) ")" }
                    }
                }
            }
        }
    }
}

async fn overview(
    state: &AppState,
    m: &SignedViewer,
    refused: Option<(String, Vec<Problem>)>,
    done: Option<&str>,
) -> Result<Markup, PageError> {
    let (current, fw) = state.app.framework_info(&m.actor).await?;
    let versions = state.app.framework_versions(&m.actor).await?;
    let counts = state.app.assessments_per_version(&m.actor).await?;
    let count = |v: i64| counts.iter().find(|c| c.0 == v).map_or(0, |c| c.1);
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
            p { "A new version applies to assessments made from now on; each assessment is always read against the version it was made with." }
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
                (super::upload_progress())
                div.actions { button type="submit" { "Check and save" } }
            }
            script src="/static/upload.js" defer {}
            h2 { "Versions" }
            div.scroll {
                table {
                    caption { "Every version, newest first, with the assessments made against each" }
                    thead { tr { th scope="col" { "Version" } th scope="col" { "Name" } th scope="col" { "Saved" } th scope="col" { "By" } th scope="col" { "Assessments" } th scope="col" { "" } } }
                    tbody {
                        @for v in &versions {
                            tr {
                                th scope="row" { (v.version) @if v.version == current.version { " " span.tag { "in use" } } }
                                td { (v.name) }
                                td { (day(v.created_at)) }
                                td { (v.created_by) }
                                td { (count(v.version)) }
                                td {
                                    a href={ "/admin/framework/source?version=" (v.version) } download { "TOML" span.visually-hidden { " of version " (v.version) } }
                                    " · "
                                    a href={ "/admin/framework/sheet?version=" (v.version) } download { "XLSX" span.visually-hidden { " of version " (v.version) } }
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
    version: Option<i64>,
}

pub(super) async fn source(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Version>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let (version, text) = state.app.framework_source(&m.actor, q.version).await?;
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

fn saved_note(saved: &rungs_app::FrameworkSaved) -> String {
    let mut note = format!("Version {} is saved and in use.", saved.version.version);
    if !saved.warnings.is_empty() {
        note.push_str(&format!(
            " {} to look at: {}",
            rungs_core::words::count(saved.warnings.len(), "note", "notes"),
            saved
                .warnings
                .iter()
                .map(|w| format!("{} {}", w.location, w.message))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    note
}

fn done_url(note: &str) -> String {
    with_note("/admin/framework", note)
}

/// A version as an XLSX workbook, the sheets `rungs framework import` and the upload above read.
pub(super) async fn sheet(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Version>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let (version, bytes) = state.app.framework_xlsx(&m.actor, q.version).await?;
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

pub(super) async fn upload(
    State(state): State<AppState>,
    Member(m): Member,
    parts: Multipart,
) -> Result<Response, PageError> {
    admin(&m)?;
    let file =
        super::form::upload_named(&m.csrf, parts, rungs_app::sheets::MAX_SPREADSHEET).await?;
    let refuse = |title: String, problems: Vec<Problem>| async {
        Ok::<Response, PageError>(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                overview(&state, &m, Some((title, problems)), None).await?,
            )
                .into_response(),
        )
    };
    let Some((name, bytes)) = file else {
        return refuse(
            "No file was chosen".into(),
            vec![Problem::at(
                "file",
                "choose a framework file to upload",
                None,
            )],
        )
        .await;
    };
    let (current, _) = state.app.framework(m.actor.org).await?;
    let saved = if rungs_app::sheets::is_spreadsheet(&name, &bytes) {
        let file = if name.is_empty() {
            "spreadsheet"
        } else {
            name.as_str()
        };
        state
            .app
            .import_framework_sheet(&m.actor, current, file, bytes)
            .await
    } else {
        // The loader refuses a file past the size a framework may be, like any other problem.
        state.app.put_framework(&m.actor, current, bytes).await
    };
    match saved {
        Ok(saved) => Ok(super::form::redirect(&done_url(&saved_note(&saved))).into_response()),
        Err(AppError::Invalid { title, problems }) => refuse(title, problems).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Pair {
    a: i64,
    b: i64,
}

pub(super) async fn diff(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Pair>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let changes = state.app.framework_diff(&m.actor, q.a, q.b).await?;
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
                div.scroll {
                    table {
                        thead { tr { th scope="col" { "Where" } th scope="col" { "Version " (q.a) } th scope="col" { "Version " (q.b) } } }
                        tbody {
                            @for c in &changes {
                                tr.differs {
                                    th scope="row" { code { (c.path) } }
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

#[derive(Debug, Deserialize)]
pub(super) struct Part {
    part: Option<String>,
}

/// One value a form edits: its path in the file, its label and what it holds now.
struct Field {
    path: String,
    label: String,
    group: String,
    value: String,
    number: bool,
}

/// The values of one part of the framework file, each at the path the loader names it by.
fn fields(tree: &Value, part: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Integer(n)) => n.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    match part {
        "titles" => {
            for (i, l) in list(tree.get("levels")).iter().enumerate() {
                let id = text(l.get("id"));
                for (key, what) in [("title", "Title"), ("short_title", "Short title")] {
                    out.push(Field {
                        path: format!("levels[{i}].{key}"),
                        label: what.into(),
                        group: id.clone(),
                        value: text(l.get(key)),
                        number: false,
                    });
                }
            }
        }
        "expectations" => {
            for (a, area) in list(tree.get("areas")).iter().enumerate() {
                for (c, comp) in list(area.get("competencies")).iter().enumerate() {
                    let name = text(comp.get("name"));
                    for (e, exp) in list(comp.get("expectations")).iter().enumerate() {
                        let levels: Vec<String> = list(exp.get("levels"))
                            .iter()
                            .map(|l| text(Some(l)))
                            .collect();
                        out.push(Field {
                            path: format!("areas[{a}].competencies[{c}].expectations[{e}].text"),
                            label: levels.join(", "),
                            group: name.clone(),
                            value: text(exp.get("text")),
                            number: false,
                        });
                    }
                }
            }
        }
        _ => {
            let bands = tree
                .get("compensation")
                .and_then(|c| c.get("bands"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (b, band) in bands.iter().enumerate() {
                let levels: Vec<String> = list(band.get("levels"))
                    .iter()
                    .map(|l| text(Some(l)))
                    .collect();
                if let Some(ranges) = band.get("ranges").and_then(Value::as_table) {
                    for (stage, range) in ranges {
                        for key in ["min", "max"] {
                            out.push(Field {
                                path: format!("compensation.bands[{b}].ranges.{stage}.{key}"),
                                label: format!("{stage}, {key}"),
                                group: levels.join(", "),
                                value: text(range.get(key)),
                                number: true,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

fn part_title(part: &str) -> &'static str {
    match part {
        "titles" => "Level titles",
        "expectations" => "Expectations",
        _ => "Pay bands",
    }
}

fn edit_page(
    m: &SignedViewer,
    part: &str,
    version: i64,
    list: &[Field],
    sent: Option<&Form>,
    errors: &FieldErrors,
    other: &[Problem],
) -> Markup {
    let title = part_title(part);
    let mut groups: Vec<&str> = Vec::new();
    for f in list {
        if !groups.contains(&f.group.as_str()) {
            groups.push(&f.group);
        }
    }
    page(
        &m.nav().at("/admin"),
        title,
        html! {
            h1 { (title) }
            p { "Change what you need and save: the result is checked by the same loader as an uploaded file and becomes a new version; each problem is said beside its field." }
            (errors.summary())
            @if !other.is_empty() {
                @if errors.list.is_empty() {
                    (problems_box("The change is refused", other))
                } @else {
                    details {
                        summary { (rungs_core::words::count(other.len(), "more problem follows", "more problems follow")) " from the ones above" }
                        (problems_box("What else the change would break", other))
                    }
                }
            }
            form.stack method="post" action={ "/admin/framework/edit?part=" (part) } novalidate {
                (csrf(&m.csrf))
                input type="hidden" name="after" value=(version);
                @for g in &groups {
                    fieldset {
                        legend { (g) }
                        @for f in list.iter().filter(|f| f.group == *g) {
                            @let value = sent.and_then(|s| s.value(&f.path)).unwrap_or(f.value.as_str());
                            @let error = errors.of(&f.path);
                            div.field.has-error[error.is_some()] {
                                label for=(f.path) { (f.label) span.visually-hidden { " (" (g) ")" } }
                                @if let Some(e) = error { span.field-error id={ (f.path) "-error" } { "Error: " (e) } }
                                @if f.number {
                                    input type="text" inputmode="numeric" id=(f.path) name=(f.path) value=(value) aria-invalid=[error.map(|_| "true")];
                                } @else {
                                    input type="text" id=(f.path) name=(f.path) value=(value) aria-invalid=[error.map(|_| "true")];
                                }
                            }
                        }
                    }
                }
                div.actions { button type="submit" { "Save as a new version" } a.button.secondary href="/admin/framework" { "Cancel" } }
            }
        },
    )
}

pub(super) async fn edit_get(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Part>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let part = q.part.as_deref().unwrap_or("titles");
    let (version, source) = state.app.framework_source(&m.actor, None).await?;
    let tree = document::tree(&source).map_err(AppError::Internal)?;
    let list = fields(&tree, part);
    Ok(edit_page(&m, part, version, &list, None, &FieldErrors::default(), &[]).into_response())
}

pub(super) async fn edit_post(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Part>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let part = q.part.as_deref().unwrap_or("titles");
    let after: i64 = form.get("after").parse().unwrap_or(0);
    let (_, source) = state.app.framework_source(&m.actor, Some(after)).await?;
    let tree = document::tree(&source).map_err(AppError::Internal)?;
    let list = fields(&tree, part);
    // Only what was sent and changed is written; a number stays text when it is not one, for
    // the loader to say so.
    let changes: Vec<(String, Value)> = list
        .iter()
        .filter_map(|f| form.value(&f.path).map(|v| (f, v.trim())))
        .filter(|(f, text)| *text != f.value)
        .map(|(f, text)| {
            let value = match text.replace(['_', ','], "").parse::<i64>() {
                Ok(n) if f.number => Value::Integer(n),
                _ => Value::String(text.to_owned()),
            };
            (f.path.clone(), value)
        })
        .collect();
    if changes.is_empty() {
        return Ok(super::form::redirect(&done_url(
            "Nothing was changed, so no new version was made.",
        ))
        .into_response());
    }
    match state.app.edit_framework(&m.actor, after, changes).await {
        Ok(saved) => Ok(super::form::redirect(&done_url(&saved_note(&saved))).into_response()),
        Err(AppError::Invalid { problems, .. }) => {
            // A problem at a field of this form is said beside it; the others above the form.
            let (mine, other): (Vec<Problem>, Vec<Problem>) = problems.into_iter().partition(|p| {
                list.iter()
                    .any(|f| Some(&f.path) == p.path.as_ref() || f.path == p.location)
            });
            let errors = FieldErrors {
                list: mine
                    .into_iter()
                    .map(|p| (p.path.clone().unwrap_or(p.location), p.message))
                    .collect(),
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                edit_page(&m, part, after, &list, Some(&form), &errors, &other),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
