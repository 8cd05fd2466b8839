//! When a part of a record may be submitted: complete by the rule the rating wizard asks of
//! every assessment, and enough for the level rule to read every area.

use crate::Framework;
use crate::assessment::{Assessment, Rating};

/// What keeps a part from being submitted, at its place: a competency with no answer
/// (`/ratings/<competency>`), or an area with too few ratings for the level rule to read it
/// (`/ratings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// A JSON pointer into what was sent.
    pub at: String,
    pub message: String,
}

/// Everything that keeps an assessment from being submitted as a part of a record, or
/// nothing. `answered` says whether a competency was given an answer at all: a rating,
/// `below`, or `not-assessed` chosen on purpose (a competency not sent is not answered).
///
/// A part is complete when every competency is answered and, in each area, at least as many
/// competencies are rated as the framework's level rule needs to read the area (its
/// `min_rated` share). So a rating left all on "Not assessed" is a draft, never a submission.
pub fn unfinished(
    fw: &Framework,
    a: &Assessment,
    answered: impl Fn(&str) -> bool,
) -> Vec<Unfinished> {
    let mut out = Vec::new();
    for area in fw.areas() {
        for comp in &area.competencies {
            if !answered(&comp.id) {
                out.push(Unfinished {
                    at: format!("/ratings/{}", comp.id),
                    message: format!(
                        "{} has no answer: choose a level, or Not assessed",
                        comp.name
                    ),
                });
            }
        }
    }
    for area in fw.areas() {
        let rated = area
            .competencies
            .iter()
            .filter(|c| {
                a.ratings
                    .iter()
                    .any(|r| r.competency == c.id && r.rating != Rating::NotAssessed)
            })
            .count();
        let needed = fw.level_rule().rated_needed(area.competencies.len());
        if rated < needed {
            out.push(Unfinished {
                at: "/ratings".to_owned(),
                message: format!(
                    "{}: {rated} of {} competencies rated; rate at least {needed} before \
                     submitting, so the level rule can read the area (a draft may have fewer)",
                    area.name,
                    area.competencies.len()
                ),
            });
        }
    }
    out
}
