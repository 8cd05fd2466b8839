//! A head of product's administration pages: the organization's data in and out (roster and
//! assessment history uploaded all or nothing, with every bad row named; the roster, history
//! and report downloaded), accounts, API tokens and the audit log.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rungs_app::{AppError, HistorySource, NewUserInput, ReportRequest};
use rungs_app::{Role, UserId};
use serde::Deserialize;

use super::form::{csrf, day, input, upload, with_note};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/admin", axum::routing::get(index))
        .route("/admin/data", axum::routing::get(data))
        .route(
            "/admin/data/roster",
            axum::routing::post(upload_roster)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route(
            "/admin/data/history",
            axum::routing::post(upload_history)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/admin/data/roster.csv", axum::routing::get(roster_csv))
        .route(
            "/admin/data/roster-template.csv",
            axum::routing::get(roster_template),
        )
        .route("/admin/data/history.csv", axum::routing::get(history_csv))
        .route("/admin/data/report.json", axum::routing::get(report_json))
        .route("/admin/data/report.md", axum::routing::get(report_md))
        .route("/admin/users", axum::routing::get(users).post(create_user))
        .route("/admin/users/{id}", axum::routing::post(update_user))
        .route("/admin/users/{id}/access", axum::routing::post(access))
        .route("/admin/tokens", axum::routing::get(tokens))
        .route(
            "/admin/tokens/{id}/revoke",
            axum::routing::post(revoke_token),
        )
        .route("/admin/audit", axum::routing::get(audit))
}

/// The largest file the upload forms take (the API's limit).
pub(crate) const MAX_UPLOAD: usize = crate::extract::MAX_FILE;

fn admin(m: &SignedViewer) -> Result<(), PageError> {
    rungs_app::policy::admin(&m.actor, "manage the organization's data and accounts")?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

/// An upload refused: the problems, each at its line and column.
enum Outcome {
    Problems(String, Vec<rungs_app::Problem>),
}

fn data_page(m: &SignedViewer, outcome: Option<&Outcome>, done: Option<&str>) -> Markup {
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
                        (super::upload_progress())
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
                        (super::upload_progress())
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
const SECTIONS: [(&str, &str, &str); 5] = [
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

pub(super) async fn index(Member(m): Member) -> Result<Response, PageError> {
    admin(&m)?;
    Ok(page(
        &m.nav().at("/admin"),
        "Admin",
        html! {
            h1 { "Running Rungs for the organization" }
            ul {
                @for (href, name, what) in SECTIONS {
                    li { a href=(href) { (name) } ": " (what) }
                }
            }
            p { "People are added and changed one at a time from " a href="/team" { "Everyone" } "; " a href="/admin/people/new" { "add a person" } "." }
        },
    )
    .into_response())
}

pub(super) async fn data(Member(m): Member, Query(q): Query<Done>) -> Result<Response, PageError> {
    admin(&m)?;
    Ok(data_page(&m, None, q.done.as_deref()).into_response())
}

fn refused(m: &SignedViewer, e: AppError) -> Result<Response, PageError> {
    match e {
        AppError::Invalid { title, problems } => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            data_page(m, Some(&Outcome::Problems(title, problems)), None),
        )
            .into_response()),
        other => Err(other.into()),
    }
}

fn no_file(m: &SignedViewer) -> Response {
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
        .import_roster(&m.actor, "roster.csv", bytes, &|_| {})
        .await
    {
        Ok(done) => Ok(super::form::redirect(&with_note(
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
        .import_assessments(
            &m.actor,
            HistorySource {
                files: vec![("history.csv".into(), bytes)],
            },
            &|_| {},
        )
        .await
    {
        Ok(done) => Ok(super::form::redirect(&with_note(
            "/admin/data",
            &format!("The history is in: {} assessments added.", done.assessments),
        ))
        .into_response()),
        Err(e) => refused(&m, e),
    }
}

fn download(name: &'static str, content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub(super) async fn roster_csv(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let csv = state.app.roster_csv(&m.actor).await?;
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
    let export = state.app.export_history(&m.actor).await?;
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
        .team_report(&m.actor, &ReportRequest::default())
        .await?;
    Ok(download(
        "report.md",
        "text/markdown; charset=utf-8",
        r.to_markdown(),
    ))
}

fn role_select(id: &str, chosen: Role) -> Markup {
    html! {
        select id=(id) name="role" {
            @for r in [Role::Member, Role::Manager, Role::Admin] {
                option value=(r.as_str()) selected[r == chosen] { (r.as_str()) }
            }
        }
    }
}

/// A one-time link just made, shown once to the admin to pass on.
struct Link {
    name: String,
    url: String,
}

fn users_page(
    m: &SignedViewer,
    users: &[rungs_app::answers::User],
    errors: &FieldErrors,
    form: Option<&Form>,
    done: Option<&str>,
    link: Option<&Link>,
) -> Markup {
    let value = |k: &str| form.map_or("", |f| f.get(k));
    let way = form.map_or("link", |f| {
        if f.get("way") == "password" {
            "password"
        } else {
            "link"
        }
    });
    page(
        &m.nav().at("/admin"),
        "Users",
        html! {
            h1 { "Users" }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            @if let Some(l) = link {
                div.notice role="status" {
                    p { strong { "Send this link to " (l.name) } ": it opens their account once, for " (rungs_app::INVITE_DAYS) " days, and is not shown again." }
                    p { code.link-text { (l.url) } }
                }
            }
            (errors.summary())
            div.scroll {
                table {
                    caption { (users.len()) " people can sign in" }
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Role and roster person" } th scope="col" { "Access" } } }
                    tbody {
                        @for u in users {
                            tr {
                                th scope="row" { (u.name) @if u.disabled { " " span.tag { "disabled" } } }
                                td { (u.email) }
                                td {
                                    form.filters method="post" action={ "/admin/users/" (u.id.0) } {
                                        (csrf(&m.csrf))
                                        input type="hidden" name="version" value=(u.version);
                                        div.field {
                                            label for={ "role-" (u.id.0) } { "Role" span.visually-hidden { " of " (u.name) } }
                                            (role_select(&format!("role-{}", u.id.0), u.role))
                                        }
                                        div.field {
                                            label for={ "person-" (u.id.0) } { "Roster id" span.visually-hidden { " of " (u.name) } }
                                            input type="text" id={ "person-" (u.id.0) } name="person" value=(u.person.clone().unwrap_or_default());
                                        }
                                        div.actions { button.secondary type="submit" { "Save" span.visually-hidden { " " (u.name) } } }
                                    }
                                }
                                td {
                                    form method="post" action={ "/admin/users/" (u.id.0) "/access" } {
                                        (csrf(&m.csrf))
                                        @if u.disabled {
                                            button.secondary type="submit" name="do" value="enable" { "Enable" span.visually-hidden { " " (u.name) } }
                                        } @else {
                                            button.secondary type="submit" name="do" value="disable" { "Disable" span.visually-hidden { " " (u.name) } }
                                        }
                                        " "
                                        button.secondary type="submit" name="do" value="link" { "New sign-in link" span.visually-hidden { " for " (u.name) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Add someone" }
            form.stack method="post" action="/admin/users" novalidate {
                (csrf(&m.csrf))
                (input(errors, "name", "Name", "text", value("name"), None, "off"))
                (input(errors, "email", "Email address", "email", value("email"), None, "off"))
                div.field {
                    label for="role" { "Role" }
                    span.hint { "A member sees themselves; a manager also sees everyone under their roster person; an admin sees and changes everything." }
                    (role_select("role", Role::parse(value("role")).unwrap_or(Role::Member)))
                }
                (input(errors, "person", "Roster id (optional)", "text", value("person"), Some("Links the account to a person on the roster: their own page, and for a manager their people."), "off"))
                fieldset #way {
                    legend { "How they get in" }
                    div.choice {
                        input #way-link type="radio" name="way" value="link" checked[way == "link"];
                        label for="way-link" { "A one-time link I pass on: they choose their own password" }
                    }
                    div.choice {
                        input #way-password type="radio" name="way" value="password" checked[way == "password"];
                        label for="way-password" { "A first password I give them (they change it under Password)" }
                    }
                }
                (input(errors, "password", "The first password, if you give one", "password", "", Some(&format!("At least {} characters; left empty with a link.", rungs_app::MIN_PASSWORD)), "new-password"))
                div.actions { button type="submit" { "Add the user" } }
            }
        },
    )
}

pub(super) async fn users(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let users = state.app.users(&m.actor).await?;
    Ok(users_page(
        &m,
        &users,
        &FieldErrors::default(),
        None,
        q.done.as_deref(),
        None,
    )
    .into_response())
}

/// The address of a one-time link, on the host the admin reached this server by.
fn invite_url(state: &AppState, headers: &axum::http::HeaderMap, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/invite/{token}")
}

pub(super) async fn access(
    State(state): State<AppState>,
    Member(m): Member,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let note = match form.get("do") {
        "link" => {
            let (u, token) = state.app.reinvite(&m.actor, UserId(id)).await?;
            let users = state.app.users(&m.actor).await?;
            let link = Link {
                name: u.name.clone(),
                url: invite_url(&state, &headers, &token),
            };
            return Ok(
                users_page(&m, &users, &FieldErrors::default(), None, None, Some(&link))
                    .into_response(),
            );
        }
        "enable" => format!(
            "{} can sign in again.",
            state
                .app
                .set_disabled(&m.actor, UserId(id), false)
                .await?
                .name
        ),
        _ => format!(
            "{} can no longer sign in; their history stays.",
            state
                .app
                .set_disabled(&m.actor, UserId(id), true)
                .await?
                .name
        ),
    };
    Ok(super::form::redirect(&with_note("/admin/users", &note)).into_response())
}

pub(super) async fn create_user(
    State(state): State<AppState>,
    Member(m): Member,
    headers: axum::http::HeaderMap,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let person = form.get("person").trim();
    if form.get("way") != "password" {
        let invite = rungs_app::NewInvite {
            email: form.get("email").to_owned(),
            name: form.get("name").to_owned(),
            role: Role::parse(form.get("role")).unwrap_or(Role::Member),
            person: (!person.is_empty()).then(|| person.to_owned()),
        };
        return match state.app.invite_user(&m.actor, invite).await {
            Ok((u, token)) => {
                let users = state.app.users(&m.actor).await?;
                let link = Link {
                    name: u.name.clone(),
                    url: invite_url(&state, &headers, &token),
                };
                Ok((
                    StatusCode::CREATED,
                    users_page(&m, &users, &FieldErrors::default(), None, None, Some(&link)),
                )
                    .into_response())
            }
            Err(e) => {
                let errors = FieldErrors::from_error(e)?;
                let users = state.app.users(&m.actor).await?;
                Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    users_page(&m, &users, &errors, Some(&form), None, None),
                )
                    .into_response())
            }
        };
    }
    let input = NewUserInput {
        email: form.get("email").to_owned(),
        name: form.get("name").to_owned(),
        password: form.get("password").to_owned(),
        role: Role::parse(form.get("role")).unwrap_or(Role::Member),
        person: (!person.is_empty()).then(|| person.to_owned()),
    };
    match state.app.create_user(&m.actor, input).await {
        Ok(u) => Ok(super::form::redirect(&with_note(
            "/admin/users",
            &format!("{} can now sign in.", u.name),
        ))
        .into_response()),
        Err(e) => {
            let errors = FieldErrors::from_error(e)?;
            let users = state.app.users(&m.actor).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                users_page(&m, &users, &errors, Some(&form), None, None),
            )
                .into_response())
        }
    }
}

pub(super) async fn update_user(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let person = form.get("person").trim();
    let role = Role::parse(form.get("role")).ok_or_else(|| PageError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        title: "That could not be used",
        message: "Choose a role: member, manager or admin.".into(),
    })?;
    let version = form.get("version").parse().unwrap_or(0);
    match state
        .app
        .update_user(
            &m.actor,
            UserId(id),
            version,
            role,
            (!person.is_empty()).then(|| person.to_owned()),
        )
        .await
    {
        Ok(u) => Ok(super::form::redirect(&with_note(
            "/admin/users",
            &format!("{} is saved.", u.name),
        ))
        .into_response()),
        Err(e @ AppError::Invalid { .. }) => {
            let mut errors = FieldErrors::from_error(e)?;
            for (field, _) in &mut errors.list {
                *field = format!("{field}-{id}");
            }
            let users = state.app.users(&m.actor).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                users_page(&m, &users, &errors, None, None, None),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn tokens(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let tokens = state.app.tokens(&m.actor, true).await?;
    let users = state.app.users(&m.actor).await?;
    let name = |id: UserId| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(|| format!("user {}", id.0), |u| u.name.clone())
    };
    Ok(page(
        &m.nav().at("/admin"),
        "API tokens",
        html! {
            h1 { "API tokens" }
            p { "Tokens let scripts use the JSON API as the user who made them. The token itself is shown once, when made; here only its first characters." }
            @if tokens.is_empty() {
                p { "No one has made a token." }
            } @else {
                div.scroll {
                    table {
                        thead { tr { th scope="col" { "Name" } th scope="col" { "Whose" } th scope="col" { "Starts with" } th scope="col" { "Made" } th scope="col" { "Last used" } th scope="col" { "State" } } }
                        tbody {
                            @for t in &tokens {
                                tr {
                                    th scope="row" { (t.name) }
                                    td { (name(t.user)) }
                                    td { code { (t.prefix) "…" } }
                                    td { (day(t.created_at)) }
                                    td { (t.last_used_at.map_or_else(|| "never".to_owned(), day)) }
                                    td {
                                        @match t.revoked_at {
                                            Some(at) => { "revoked " (day(at)) }
                                            None => {
                                                form method="post" action={ "/admin/tokens/" (t.id) "/revoke" } {
                                                    (csrf(&m.csrf))
                                                    button.secondary type="submit" { "Revoke" span.visually-hidden { " " (t.name) } }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    _form: Form,
) -> Result<Response, PageError> {
    state.app.revoke_token(&m.actor, id).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct AuditQuery {
    /// Only entries whose actor, action or target holds this.
    q: Option<String>,
    /// Entries before this one (the next page).
    before: Option<i64>,
}

/// Entries on one page of the audit log.
const AUDIT_PAGE: usize = 50;

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
        let batch = state.app.audit(&m.actor, 1000, before).await?;
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
                div.scroll {
                    table {
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
