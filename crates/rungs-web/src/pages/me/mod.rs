//! A person's own pages: their assessments and how each competency moved over time, the gap to
//! a target (both branches at the split), the development plan and the promotion packet.

mod assessments;
mod gap;
mod plan;
use assessments::*;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use gap::*;
use maud::{Markup, html};
use plan::*;
use rungs_app::{Aim, AppError, AssessmentView};
use rungs_core::Framework;
use rungs_core::PersonId;
use rungs_core::assessment::RatingEntry;
use rungs_core::eval::{Plan, RatingChart};
use serde::Deserialize;

use super::charts::{self, CompetencyBar};
use super::{Member, PageError, SignedViewer, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/me/assessments", axum::routing::get(assessments))
        .route("/me/assessments/{id}", axum::routing::get(assessment))
        .route("/me/gap", axum::routing::get(gap))
        .route("/me/plan", axum::routing::get(plan))
        .route("/me/packet", axum::routing::get(packet))
        .route(
            "/people/{id}/assessments",
            axum::routing::get(their_assessments),
        )
        .route(
            "/people/{id}/assessments/{aid}",
            axum::routing::get(their_assessment),
        )
        .route("/people/{id}/gap", axum::routing::get(their_gap))
        .route("/people/{id}/plan", axum::routing::get(their_plan))
        .route("/people/{id}/packet", axum::routing::get(their_packet))
}

/// Whose pages these are: the viewer's own (under `/me`), or a person the viewer may see (under
/// `/people/{id}`: a manager's report, anyone for an admin).
#[derive(Debug, Clone)]
pub(super) struct Subject {
    pub(super) person: PersonId,
    pub(super) name: String,
    /// Where the person's pages are: `/me` or `/people/{id}`.
    pub(super) base: String,
    pub(super) own: bool,
}

impl Subject {
    /// The viewer themselves, or a page saying they are not linked to anyone on the roster.
    pub(super) fn me(m: &SignedViewer) -> Result<Subject, PageError> {
        let person = m.actor.person.clone().ok_or_else(|| PageError {
            status: axum::http::StatusCode::NOT_FOUND,
            title: "Not linked to the roster",
            message: "Your account is not linked to anyone on the roster, so you have no assessments. An admin links accounts to people under Users.".into(),
        })?;
        let name = m
            .actor
            .user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default();
        Ok(Subject {
            person,
            name,
            base: "/me".into(),
            own: true,
        })
    }

    /// Someone the viewer may see; anyone else is not found, exactly like no one.
    pub(super) async fn other(
        state: &AppState,
        m: &SignedViewer,
        id: &str,
    ) -> Result<Subject, PageError> {
        let person = state
            .app
            .people()
            .person(&m.actor, &PersonId::from(id))
            .await?;
        Ok(Subject {
            base: format!("/people/{}", person.id),
            own: m.actor.person.as_deref() == Some(person.id.as_str()),
            name: person.fields.name,
            person: person.id,
        })
    }

    /// "My plan", or "Ada Lovelace: plan".
    pub(super) fn title(&self, mine: &str, theirs: &str) -> String {
        if self.base == "/me" {
            mine.to_owned()
        } else {
            format!("{}: {theirs}", self.name)
        }
    }

    /// The section of the navigation the pages belong to.
    fn nav_at(&self) -> &'static str {
        if self.base == "/me" { "/" } else { "/team" }
    }
}

fn short(fw: &Framework, id: &str) -> String {
    fw.level(id)
        .map_or_else(|| id.to_owned(), |l| l.short_title.clone())
}

#[derive(Debug, Deserialize)]
pub(super) struct To {
    to: Option<String>,
}

impl To {
    fn aim(&self) -> Aim {
        Aim {
            to: self.to.clone().filter(|t| !t.is_empty()),
            assessment: None,
        }
    }
}

/// Where the person is assessed: themselves at `/assess`, someone else on their own page.
pub(super) fn assess_href(s: &Subject) -> String {
    if s.own {
        "/assess".into()
    } else {
        format!("/people/{}/assess", s.person)
    }
}

pub(super) fn assess_label(s: &Subject) -> String {
    if s.own {
        "Assess myself".into()
    } else {
        format!("Rate {}", s.name)
    }
}

/// A refused target as a page: at the split, the choice to make.
fn aimed<T>(r: Result<T, AppError>) -> Result<T, PageError> {
    r.map_err(|e| match e {
        AppError::Invalid { problems, .. } => PageError {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            title: "Choose a target",
            message: problems
                .iter()
                .map(|p| match &p.help {
                    Some(h) => format!("{}: {h}.", p.message),
                    None => format!("{}.", p.message),
                })
                .collect::<Vec<_>>()
                .join(" "),
        },
        other => other.into(),
    })
}

fn chart(id: &str, c: &RatingChart) -> Markup {
    let bars: Vec<CompetencyBar> = c
        .rows
        .iter()
        .map(|r| CompetencyBar {
            name: r.name.clone(),
            ratings: r.ratings.clone(),
            held: r.held_bar,
            target: r.target_bar,
        })
        .collect();
    charts::competencies(
        id,
        &bars,
        &c.series,
        &c.ranks,
        c.held.as_deref().unwrap_or("the level held"),
        &c.target,
    )
}

/// A rating as a row shows it: in words, its rank (0 below the first level; none when not
/// assessed) and its evidence.
fn rating_text(fw: &Framework, r: &RatingEntry) -> (String, Option<u32>, Option<String>) {
    let evidence = match r {
        RatingEntry::Level(_) => None,
        RatingEntry::WithEvidence { evidence, .. } => Some(evidence.clone()),
    };
    let rating = rungs_core::assessment::Rating::parse(r.level());
    (rating.words(fw), rating.rank(fw), evidence)
}
