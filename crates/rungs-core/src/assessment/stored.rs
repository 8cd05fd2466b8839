//! An assessment as a store keeps it: plain fields, and its ratings as one code per competency
//! of the framework version it was made against. Built from an [`Assessment`] and back, with
//! no document text in between.

use super::{Assessment, Assessor, AssessorKind, MilestoneMet, Rated, Rating};
use crate::date::Date;
use crate::framework::Framework;

/// The code of a rating below the first level.
pub const BELOW: u8 = 0;

/// The code of a competency not assessed.
pub const NOT_ASSESSED: u8 = u8::MAX;

/// An assessment's fields as a store keeps them.
///
/// `ratings` holds one byte per competency of the framework version the assessment was made
/// against, in that version's order: [`BELOW`] (0), `n` for the version's `n`-th level (from
/// 1), or [`NOT_ASSESSED`] (255).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFields {
    pub person: String,
    pub date: Date,
    pub kind: AssessorKind,
    pub assessor: String,
    pub track: String,
    /// The level the person held, if recorded.
    pub level: Option<String>,
    pub ratings: Vec<u8>,
    /// Evidence for ratings, by competency id.
    pub rating_evidence: Vec<(String, String)>,
    /// Milestones met, with evidence where there is some.
    pub milestones: Vec<(String, Option<String>)>,
    pub notes: Option<String>,
}

/// The code of one rating in a framework.
pub fn rating_code(fw: &Framework, rating: &Rating) -> u8 {
    match rating {
        Rating::Below => BELOW,
        Rating::NotAssessed => NOT_ASSESSED,
        Rating::Level(id) => fw
            .level_pos(id)
            .map_or(NOT_ASSESSED, |l| (l.index() + 1) as u8),
    }
}

/// The rating a code stands for in a framework; `None` for a code the framework has no level
/// for.
pub fn rating_of(fw: &Framework, code: u8) -> Option<Rating> {
    match code {
        BELOW => Some(Rating::Below),
        NOT_ASSESSED => Some(Rating::NotAssessed),
        c => fw
            .levels()
            .get(usize::from(c) - 1)
            .map(|l| Rating::Level(l.id.clone())),
    }
}

impl StoredFields {
    /// The fields of an assessment loaded against `fw` (the framework it is stored with).
    pub fn from_assessment(fw: &Framework, a: &Assessment, person: &str) -> StoredFields {
        StoredFields {
            person: person.to_owned(),
            date: a.date,
            kind: a.assessor.kind,
            assessor: a.assessor.name.clone(),
            track: a.track.clone(),
            level: a.current_level.clone(),
            ratings: fw
                .competencies()
                .map(|(_, c)| {
                    a.rating(&c.id)
                        .map_or(NOT_ASSESSED, |r| rating_code(fw, &r.rating))
                })
                .collect(),
            rating_evidence: a
                .ratings
                .iter()
                .filter_map(|r| Some((r.competency.clone(), r.evidence.clone()?)))
                .collect(),
            milestones: a
                .milestones
                .iter()
                .map(|m| (m.id.clone(), m.evidence.clone()))
                .collect(),
            notes: a.notes.clone(),
        }
    }

    /// The assessment again, read against `fw`, the framework version it was stored with;
    /// `name` is the person's name. An error says what does not fit that version.
    pub fn to_assessment(&self, fw: &Framework, name: &str) -> Result<Assessment, String> {
        let count = fw.competencies().count();
        if self.ratings.len() != count {
            return Err(format!(
                "it holds {} ratings where its framework version has {count} competencies",
                self.ratings.len()
            ));
        }
        if fw.track(&self.track).is_none() {
            return Err(format!(
                "its track `{}` is not in its framework version",
                self.track
            ));
        }
        if let Some(l) = self.level.as_deref().filter(|l| fw.level(l).is_none()) {
            return Err(format!("its level `{l}` is not in its framework version"));
        }
        let evidence = |id: &str| {
            self.rating_evidence
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, e)| e.clone())
        };
        let mut ratings = Vec::with_capacity(count);
        for ((_, c), &code) in fw.competencies().zip(&self.ratings) {
            let rating = rating_of(fw, code).ok_or_else(|| {
                format!(
                    "its rating of `{}` is code {code}, which names no level",
                    c.id
                )
            })?;
            ratings.push(Rated {
                competency: c.id.clone(),
                rating,
                evidence: evidence(&c.id),
            });
        }
        Ok(Assessment {
            person: name.to_owned(),
            person_id: Some(self.person.clone()),
            framework: fw.id().to_owned(),
            framework_version: fw.version().to_owned(),
            date: self.date,
            assessor: Assessor {
                kind: self.kind,
                name: self.assessor.clone(),
            },
            track: self.track.clone(),
            current_level: self.level.clone(),
            ratings,
            milestones: self
                .milestones
                .iter()
                .map(|(id, evidence)| MilestoneMet {
                    id: id.clone(),
                    evidence: evidence.clone(),
                })
                .collect(),
            notes: self.notes.clone(),
        })
    }

    /// Whether a history CSV row can hold everything this assessment says (it has no column
    /// for evidence or notes).
    pub fn fits_a_history_row(&self) -> bool {
        self.rating_evidence.is_empty()
            && self.notes.is_none()
            && self.milestones.iter().all(|(_, e)| e.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assessment_comes_back_from_its_stored_fields_unchanged() {
        let fw = crate::framework::builtin();
        let text = include_str!("../../../../examples/ada-manager.json");
        let a = super::super::load("a.json", text.as_bytes(), fw)
            .expect("the example loads")
            .assessment;
        let stored = StoredFields::from_assessment(fw, &a, "ada");
        assert_eq!(stored.ratings.len(), 20);
        assert!(!stored.fits_a_history_row(), "it has evidence");
        let back = stored.to_assessment(fw, &a.person).expect("reads back");
        assert_eq!(back, a);
    }

    #[test]
    fn fields_that_do_not_fit_their_version_are_named() {
        let fw = crate::framework::builtin();
        let mut s = StoredFields {
            person: "p".into(),
            date: Date::from_days(0),
            kind: AssessorKind::Own,
            assessor: "P".into(),
            track: "ic".into(),
            level: None,
            ratings: vec![1; 19],
            rating_evidence: Vec::new(),
            milestones: Vec::new(),
            notes: None,
        };
        let e = s.to_assessment(fw, "P").expect_err("too few");
        assert_eq!(
            e,
            "it holds 19 ratings where its framework version has 20 competencies"
        );
        s.ratings = vec![40; 20];
        let e = s.to_assessment(fw, "P").expect_err("no level 40");
        assert!(e.contains("code 40, which names no level"), "{e}");
    }
}
