//! `/cycles`: review cycles. Every person sees the stage a review is in and their own record's
//! state, in words and as steps; a manager rates their people there; a head of product starts
//! a cycle, moves it on, calibrates, shares and exports. Every rule is the application
//! layer's: a refused action shows its reason, as the API gives it.

mod calibration;
mod list;
mod record;
mod write;
use calibration::*;
use list::*;
use record::*;
use std::collections::BTreeMap;
use write::*;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::Role;
use rungs_app::{
    CycleInput, CycleTodo, CycleView, HandOver, PartInput, PartView, RatingChange, RecordView,
    Reopen,
};
use rungs_core::Framework;
use rungs_core::cycle::{Part, PartState, Stage, StepStatus};
use serde::Deserialize;

use super::form::{csrf, day, input, with_note};
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page, sentence};
use crate::state::AppState;
use rungs_app::AppError;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/cycles", axum::routing::get(list).post(create))
        .route("/cycles/{id}", axum::routing::get(cycle))
        .route("/cycles/{id}/stage", axum::routing::post(stage))
        .route("/cycles/{id}/calibration", axum::routing::get(calibration))
        .route("/cycles/{id}/export.csv", axum::routing::get(export_csv))
        .route("/cycles/{id}/export.json", axum::routing::get(export_json))
        .route("/cycles/{id}/people/{person}", axum::routing::get(person))
        .route(
            "/cycles/{id}/people/{person}/self",
            axum::routing::post(write_self),
        )
        .route(
            "/cycles/{id}/people/{person}/manager",
            axum::routing::post(write_manager),
        )
        .route(
            "/cycles/{id}/people/{person}/reopen",
            axum::routing::post(reopen),
        )
        .route(
            "/cycles/{id}/people/{person}/hand-over",
            axum::routing::post(hand_over),
        )
        .route(
            "/cycles/{id}/people/{person}/calibrate",
            axum::routing::post(calibrate),
        )
        .route(
            "/cycles/{id}/people/{person}/correct",
            axum::routing::post(correct),
        )
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Note {
    done: Option<String>,
    /// Which page of the cycle's people (from 1).
    page: Option<usize>,
    /// Which page of the completion by manager (from 1).
    managers: Option<usize>,
}

/// A refused action's problems: the fields named, or the refusal's reason at the top.
fn refusal(e: rungs_app::AppError) -> Result<FieldErrors, PageError> {
    match e {
        rungs_app::AppError::Conflict(why) => Ok(FieldErrors::one("write", why)),
        other => FieldErrors::from_error(other),
    }
}

/// Back to a page after a change, with what was done.
fn back(path: &str, note: &str) -> Response {
    super::form::redirect(&with_note(path, note)).into_response()
}

/// The stages of a cycle as steps, each saying where it stands in words.
fn stage_steps(c: &CycleView) -> Markup {
    html! {
        ol.progress aria-label="Stages of the review" {
            @for s in &c.stages {
                li.done[s.status == StepStatus::Done] aria-current=[(s.status == StepStatus::Current).then_some("step")] {
                    (s.name)
                    span.visually-hidden { ": " }
                    span.state {
                        (s.status.words())
                        @if let Some(d) = s.due { " · ends " (d.to_string()) }
                    }
                }
            }
        }
    }
}

/// A record's steps.
fn record_steps(name: &str, steps: &[rungs_core::cycle::Step]) -> Markup {
    html! {
        ol.progress aria-label={ "Where " (name) "'s record stands" } {
            @for s in steps {
                li.done[s.status == StepStatus::Done] aria-current=[(s.status == StepStatus::Current).then_some("step")] {
                    (s.name) span.visually-hidden { ": " } span.state { (s.detail) }
                }
            }
        }
    }
}

/// To-dos, for the start page and the cycles page.
pub(super) fn todo_list(todos: &[CycleTodo]) -> Markup {
    html! {
        @if !todos.is_empty() {
            section.notice aria-labelledby="todo" {
                h2 #todo { "To do in your reviews" }
                ul.todo-list {
                    @for t in todos {
                        li {
                            @let href = match &t.todo.person {
                                Some(p) => format!("/cycles/{}/people/{p}", t.cycle),
                                None => format!("/cycles/{}", t.cycle),
                            };
                            a href=(href) { (t.todo.what) }
                            " (" (t.cycle_name)
                            @if let Some(d) = t.todo.due { ", by " (d.to_string()) }
                            ")"
                            @if t.todo.late { " " span.late { "late" } }
                        }
                    }
                }
            }
        }
    }
}
