//! A head of product's administration pages: the organization's data in and out (roster and
//! assessment history uploaded all or nothing, with every bad row named; the roster, history
//! and report downloaded), accounts, API tokens and the audit log.

mod audit;
mod data;
mod settings;
mod tokens;
mod users;
use audit::*;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use data::*;
use maud::{Markup, html};
use rungs_app::{AppError, HistorySource, NewUserInput, ReportRequest};
use rungs_app::{Role, UserId};
use serde::Deserialize;
use settings::*;
use tokens::*;
use users::*;

use super::form::{csrf, day, input, upload, with_note};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/admin", axum::routing::get(index))
        .route("/admin/settings", axum::routing::post(save_settings))
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
