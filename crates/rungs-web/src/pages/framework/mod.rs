//! `/admin/framework`: the ladder as the organization's own. The current version and every
//! earlier one with the assessments made against each; a new version uploaded (TOML or JSON,
//! every problem at its line and column; or a spreadsheet, every problem at its sheet, row and
//! column; nothing changed until it is clean) or made in forms (titles, expectations, pay
//! bands) that the loader checks; any two versions side by side; any version as a spreadsheet.

mod change;
mod publish;
mod view;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use change::*;
use maud::{Markup, html};
use publish::*;
use rungs_app::{AppError, Problem};
use rungs_core::framework::document::{self, Value};
use serde::Deserialize;
use view::*;

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
            "/admin/framework/versions/{version}",
            axum::routing::get(preview),
        )
        .route(
            "/admin/framework/versions/{version}/publish",
            axum::routing::post(publish),
        )
        .route(
            "/admin/framework/versions/{version}/map",
            axum::routing::post(map),
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

/// Where a saved draft is shown: its preview, with what was saved said at the top.
fn preview_url(saved: &rungs_app::FrameworkSaved) -> String {
    with_note(
        &format!("/admin/framework/versions/{}", saved.version.version),
        &saved_note(saved),
    )
}

fn saved_note(saved: &rungs_app::FrameworkSaved) -> String {
    let mut note = format!(
        "Version {} is saved as a draft: nothing changes for anyone until you publish it.",
        saved.version.version
    );
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
