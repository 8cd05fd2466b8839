//! The ladder as pages: the career map, one level in full, two levels compared, the pay bands
//! with an offer check, and what the framework knows beyond the ladder.

mod compare;
mod levels;
mod pay;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use compare::*;
use levels::*;
use maud::{Markup, html};
use pay::*;
use rungs_app::ladder::PayRequest;
use rungs_core::Framework;
use rungs_core::browse::{self, explore};
use rungs_core::framework::{Level, PayRange};
use rungs_core::words::{money, range};
use serde::Deserialize;

use super::charts::{self, MapRung, PayBar};
use super::{FieldErrors, Member, PageError, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/ladder", axum::routing::get(ladder))
        .route("/levels/{id}", axum::routing::get(level))
        .route("/compare", axum::routing::get(compare))
        .route("/pay", axum::routing::get(pay))
        .route("/explore", axum::routing::get(explore_page))
}

/// The company stage a page shows pay at: the one asked for, else the viewer's... else the
/// framework's middle one.
fn stage<'f>(fw: &'f Framework, asked: Option<&str>) -> Option<&'f rungs_core::framework::Stage> {
    let comp = fw.compensation()?;
    asked
        .and_then(|s| comp.stages.iter().find(|x| x.id == s))
        .or_else(|| comp.stages.get(comp.stages.len() / 2))
}

fn pay_text(fw: &Framework, level: &str, stage: Option<&str>) -> String {
    match (fw.compensation(), stage.and_then(|s| fw.pay(level, s))) {
        (Some(c), Some(r)) => range(&r, &c.currency),
        _ => "no band".to_owned(),
    }
}

fn stage_picker(
    fw: &Framework,
    action: &str,
    current: Option<&str>,
    hidden: &[(&str, &str)],
) -> Markup {
    html! {
        @if let Some(comp) = fw.compensation() {
            form method="get" action=(action) {
                @for (k, v) in hidden { input type="hidden" name=(k) value=(v); }
                label for="stage" { "Pay at" }
                select #stage name="stage" {
                    @for s in &comp.stages {
                        option value=(s.id) selected[Some(s.id.as_str()) == current] { (s.name) }
                    }
                }
                " "
                button.secondary type="submit" { "Show" }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct StageQuery {
    stage: Option<String>,
}

fn stage_name(fw: &Framework, id: &str) -> String {
    fw.compensation()
        .and_then(|c| c.stages.iter().find(|s| s.id == id))
        .map_or(id.to_owned(), |s| s.name.clone())
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn level_select(fw: &Framework, name: &str, label: &str, current: Option<&str>) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                @for l in fw.ladder() {
                    option value=(l.id) selected[Some(l.id.as_str()) == current] { (l.title) }
                }
            }
        }
    }
}
