//! `/assess`: a self-assessment, one step at a time: the level held and the track, then one
//! area per step with the expectations at, below and above the level held beside each
//! competency and a box for evidence, then the milestones of the step up, then a review before
//! saving. The draft is kept between visits; the saved assessment is the record the API stores.

mod flow;
mod render;
use flow::*;
use render::*;
use rungs_core::PersonId;
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_core::Framework;
use rungs_core::assessment::{Assessor, AssessorKind, Document, MilestoneEntry, RatingEntry};
use rungs_core::eval::{Evaluator, NextRung};
use rungs_core::framework::Level;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::form::csrf;
use super::me::Subject;
use super::{FieldErrors, Form, Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/assess", axum::routing::get(page_get).post(page_post))
        .route(
            "/people/{id}/assess",
            axum::routing::get(their_get).post(their_post),
        )
}

/// Who is assessed, by whom, and where the wizard lives: a person rating themselves at
/// `/assess`, or a manager (or admin) rating someone at `/people/{id}/assess`.
#[derive(Debug, Clone)]
struct Who {
    /// The person assessed; none for a viewer not linked to the roster (refused on saving).
    person: Option<PersonId>,
    name: String,
    /// "self" or "manager".
    kind: &'static str,
    /// The wizard's address.
    action: String,
    /// The key the draft is kept under, per person assessed.
    draft: String,
    /// The person's latest self-rating of each competency, shown beside it to a manager.
    theirs: HashMap<String, String>,
    /// Their latest self-assessment's date.
    theirs_on: Option<String>,
}

impl Who {
    fn me(m: &SignedViewer) -> Who {
        Who {
            person: m.actor.person.clone(),
            name: m
                .actor
                .user
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            kind: "self",
            action: "/assess".into(),
            draft: "self-assessment".into(),
            theirs: HashMap::new(),
            theirs_on: None,
        }
    }

    /// Someone the viewer may see and rate as their manager; the viewer's own page is the
    /// self-assessment.
    async fn other(state: &AppState, m: &SignedViewer, id: &str) -> Result<Who, PageError> {
        let s = Subject::other(state, m, id).await?;
        if s.own {
            return Ok(Who::me(m));
        }
        let (_, fw) = state.app.framework(m.actor.org).await?;
        let latest_self = state
            .app
            .assessments()
            .latest_of_kind(&m.actor, &s.person, AssessorKind::Own)
            .await?;
        let theirs = latest_self
            .as_ref()
            .map(|a| {
                a.assessment
                    .ratings
                    .iter()
                    .map(|(c, r)| {
                        (
                            c.to_string(),
                            rungs_core::assessment::rating_words(&fw, r.level()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Who {
            draft: format!("manager-assessment:{}", s.person),
            action: format!("/people/{}/assess", s.person),
            person: Some(s.person),
            name: s.name,
            kind: "manager",
            theirs,
            theirs_on: latest_self.map(|a| a.assessment.date.to_string()),
        })
    }

    fn own(&self) -> bool {
        self.kind == "self"
    }

    fn title(&self) -> String {
        if self.own() {
            "Assess myself".into()
        } else {
            format!("Rate {}", self.name)
        }
    }
}

/// The steps: who you are, one per area, the milestones, the review.
fn steps(fw: &Framework) -> Vec<String> {
    let mut out = vec!["The level held".to_owned()];
    out.extend(fw.areas().iter().map(|a| a.name.clone()));
    out.push("Milestones".to_owned());
    out.push("Review and save".to_owned());
    out
}

#[derive(Debug, Deserialize)]
pub(super) struct StepQuery {
    step: Option<usize>,
    saved: Option<i64>,
}

/// The draft: an assessment document in the making.
#[derive(Debug, Clone, Default)]
struct Draft(Map<String, Value>);

impl Draft {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    fn rating(&self, competency: &str) -> Option<(&str, &str)> {
        let r = self.0.get("ratings")?.get(competency)?;
        Some((
            r.get("level").and_then(Value::as_str).unwrap_or(""),
            r.get("evidence").and_then(Value::as_str).unwrap_or(""),
        ))
    }

    fn met(&self, milestone: &str) -> Option<&str> {
        self.0
            .get("milestones")?
            .as_array()?
            .iter()
            .find(|m| m.get("id").and_then(Value::as_str) == Some(milestone))
            .map(|m| m.get("evidence").and_then(Value::as_str).unwrap_or(""))
    }
}

async fn load(state: &AppState, m: &SignedViewer, who: &Who) -> Result<Draft, PageError> {
    let text = state.app.accounts().draft(&m.actor, &who.draft).await?;
    Ok(Draft(
        text.and_then(|t| serde_json::from_str::<Map<String, Value>>(&t).ok())
            .unwrap_or_default(),
    ))
}

async fn keep(state: &AppState, m: &SignedViewer, who: &Who, d: &Draft) -> Result<(), PageError> {
    let text = Value::Object(d.0.clone()).to_string();
    state
        .app
        .accounts()
        .put_draft(&m.actor, &who.draft, &text)
        .await?;
    Ok(())
}

fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(": ").or_else(|| flat.find(". ")) {
        Some(i) => flat[..i].to_owned(),
        None => flat.trim_end_matches('.').to_owned(),
    }
}
