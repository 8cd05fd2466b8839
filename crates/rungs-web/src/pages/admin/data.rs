//! `/admin` and `/admin/data`: the admin's index, and the roster and history going in and out as files.

use super::*;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    pub(super) done: Option<String>,
}

/// An upload refused: the problems, each at its line and column.
pub(super) enum Outcome {
    Problems(String, Vec<rungs_app::Problem>),
}

pub(super) fn data_page(m: &SignedViewer, outcome: Option<&Outcome>, done: Option<&str>) -> Markup {
    page(
        &m.nav().at("/admin"),
        "Data in and out",
        html! {
            h1 { "Data in and out" }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            @match outcome {
                Some(Outcome::Problems(title, problems)) => {
                    div.error-summary role="alert" aria-labelledby="problems" tabindex="-1" {
                        h2 #problems { (title) }
                        p { "Nothing was written. Fix each place below and upload the whole file again." }
                        ol {
                            @for p in problems {
                                li { strong { (p.location) } ": " (p.message) @if let Some(h) = &p.help { " (" (h) ")" } }
                            }
                        }
                    }
                }
                None => {}
            }
            section aria-labelledby="in" {
                h2 #in { "Upload" }
                p { "Each upload is all or nothing: every row is checked first, and if one is wrong nothing is written and every bad row is listed with its line and column." }
                div.grid {
                    form.panel method="post" action="/admin/data/roster" enctype="multipart/form-data" data-progress="true" {
                        h3 { "The roster" }
                        p.hint { "A CSV with a row per person: id, name, level, track, manager, rung_start, pay, stage and the other columns of " a href="/admin/data/roster-template.csv" { "the template" } ". Everyone in the file is created or written over; no one else is touched." }
                        (csrf(&m.csrf))
                        div.field {
                            label for="roster-file" { "Roster CSV" }
                            input #roster-file type="file" name="file" accept=".csv,text/csv";
                        }
                        (crate::pages::upload_progress())
                        div.actions { button type="submit" { "Upload the roster" } }
                    }
                    form.panel method="post" action="/admin/data/history" enctype="multipart/form-data" data-progress="true" {
                        h3 { "Assessment history" }
                        p.hint { "A history CSV: person, date, assessor_kind, assessor, track, level, milestones, then a column per competency. Every assessment is added beside those already kept." }
                        (csrf(&m.csrf))
                        div.field {
                            label for="history-file" { "History CSV" }
                            input #history-file type="file" name="file" accept=".csv,text/csv";
                        }
                        (crate::pages::upload_progress())
                        div.actions { button type="submit" { "Upload the history" } }
                    }
                }
            }
            script src="/static/upload.js" defer {}
            section aria-labelledby="out" {
                h2 #out { "Download" }
                p { "Every cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return) is written so it stays text." }
                ul {
                    li { a href="/admin/data/roster.csv" download { "The roster (CSV)" } }
                    li { a href="/admin/data/history.csv" download { "The assessment history (CSV)" } }
                    li { a href="/admin/data/report.json" download { "The team report (JSON)" } }
                    li { a href="/admin/data/report.md" download { "The team report (Markdown)" } }
                }
            }
        },
    )
}

/// The administration pages, each with what it is for.
pub(super) const SECTIONS: [(&str, &str, &str); 5] = [
    (
        "/admin/data",
        "Data in and out",
        "Upload the roster and the assessment history; download them and the team report.",
    ),
    (
        "/admin/framework",
        "Framework",
        "The ladder itself: titles, expectations, pay bands; upload a new version, compare versions.",
    ),
    (
        "/admin/users",
        "Users",
        "Who can sign in, their role and the roster person they are.",
    ),
    (
        "/admin/tokens",
        "API tokens",
        "The tokens scripts use, and revoking them.",
    ),
    (
        "/admin/audit",
        "Audit log",
        "Every change: who, what and when.",
    ),
];

pub(super) async fn index(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let org = state.app.accounts().org_pay(&m.actor).await?;
    Ok(index_page(&m, &fw, &org, &FieldErrors::default(), q.done.as_deref()).into_response())
}

pub(super) fn index_page(
    m: &SignedViewer,
    fw: &rungs_core::Framework,
    org: &rungs_app::OrgPay,
    errors: &FieldErrors,
    done: Option<&str>,
) -> Markup {
    page(
        &m.nav().at("/admin"),
        "Admin",
        html! {
            h1 { "Running Rungs for the organization" }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            ul {
                @for (href, name, what) in SECTIONS {
                    li { a href=(href) { (name) } ": " (what) }
                }
            }
            p { "People are added and changed one at a time from " a href="/team" { "Everyone" } "; " a href="/admin/people/new" { "add a person" } "." }
            (super::settings::settings_form(m, fw, org, errors))
        },
    )
}

pub(super) async fn data(Member(m): Member, Query(q): Query<Done>) -> Result<Response, PageError> {
    admin(&m)?;
    Ok(data_page(&m, None, q.done.as_deref()).into_response())
}

pub(super) fn no_file(m: &SignedViewer) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        data_page(
            m,
            Some(&Outcome::Problems(
                "No file was chosen".into(),
                vec![rungs_app::Problem::at(
                    "file",
                    "choose a CSV file to upload",
                    None,
                )],
            )),
            None,
        ),
    )
        .into_response()
}

pub(super) async fn upload_roster(
    State(state): State<AppState>,
    Member(m): Member,
    parts: Multipart,
) -> Result<Response, PageError> {
    admin(&m)?;
    let Some(bytes) = upload(&m.csrf, parts, MAX_UPLOAD).await? else {
        return Ok(no_file(&m));
    };
    match state
        .app
        .people()
        .import_roster(&m.actor, "roster.csv", bytes, &|_| {})
        .await
    {
        Ok(done) => Ok(crate::pages::form::redirect(&with_note(
            "/admin/data",
            &format!(
                "The roster is in: {} people created, {} updated, {} unchanged.",
                done.summary.created, done.summary.updated, done.summary.unchanged
            ),
        ))
        .into_response()),
        Err(e) => refused(&m, e),
    }
}

pub(super) async fn upload_history(
    State(state): State<AppState>,
    Member(m): Member,
    parts: Multipart,
) -> Result<Response, PageError> {
    admin(&m)?;
    let Some(bytes) = upload(&m.csrf, parts, MAX_UPLOAD).await? else {
        return Ok(no_file(&m));
    };
    match state
        .app
        .reports()
        .import_assessments(
            &m.actor,
            HistorySource {
                files: vec![("history.csv".into(), bytes)],
            },
            &|_| {},
        )
        .await
    {
        Ok(done) => Ok(crate::pages::form::redirect(&with_note(
            "/admin/data",
            &format!("The history is in: {} assessments added.", done.assessments),
        ))
        .into_response()),
        Err(e) => refused(&m, e),
    }
}

pub(super) async fn roster_csv(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let csv = state.app.people().roster_csv(&m.actor).await?;
    Ok(download("roster.csv", "text/csv; charset=utf-8", csv))
}

pub(super) async fn roster_template() -> Response {
    download(
        "roster-template.csv",
        "text/csv; charset=utf-8",
        rungs_core::team::template(),
    )
}

pub(super) async fn history_csv(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let export = state.app.reports().export_history(&m.actor).await?;
    Ok(download(
        "history.csv",
        "text/csv; charset=utf-8",
        export.csv,
    ))
}

pub(super) async fn report_json(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let r = state
        .app
        .reports()
        .team_report(&m.actor, &ReportRequest::default())
        .await?;
    let json = serde_json::to_string_pretty(&r).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download("report.json", "application/json", json))
}

pub(super) async fn report_md(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let r = state
        .app
        .reports()
        .team_report(&m.actor, &ReportRequest::default())
        .await?;
    Ok(download(
        "report.md",
        "text/markdown; charset=utf-8",
        rungs_render::report(&r),
    ))
}
