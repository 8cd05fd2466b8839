//! Two assessments of one person side by side: where they differ by a level or more.

use serde::Serialize;

use super::Evaluator;
use crate::assessment::{Assessment, Rating};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Versus {
    pub person: String,
    pub first: Side,
    pub second: Side,
    /// Competencies whose ratings are a rank or more apart, the widest first.
    pub differences: Vec<Difference>,
    /// Competencies rated by one and not the other.
    pub rated_by_one: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = AssessmentSide))]
pub struct Side {
    pub assessor: String,
    pub kind: String,
    pub date: String,
    pub level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RatingDifference))]
pub struct Difference {
    pub competency: String,
    pub name: String,
    pub first: Rating,
    pub second: Rating,
    /// The second rating's rank minus the first's, read on the first assessment's track.
    pub ranks: i16,
}

/// Why two assessments cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "these are assessments of two people (\"{0}\" and \"{1}\"); compare two assessments of the same person"
)]
pub struct DifferentPeople(pub String, pub String);

impl Evaluator<'_> {
    /// Where two assessments of one person differ by a rank or more.
    pub fn versus(&self, a: &Assessment, b: &Assessment) -> Result<Versus, DifferentPeople> {
        if !a.same_person(b) {
            return Err(DifferentPeople(a.person.clone(), b.person.clone()));
        }
        let (pa, pb) = (self.profile(a), self.profile(b));
        let t = pa.track;
        let side = |x: &Assessment, p: &super::Profile| Side {
            assessor: x.assessor.name.clone(),
            kind: x.assessor.kind.as_str().to_owned(),
            date: x.date.to_string(),
            level: self
                .rank(p)
                .and_then(|r| self.level_at(p.track, r))
                .map(|l| self.fw.level_at(l).id.clone()),
        };
        let mut differences = Vec::new();
        let mut rated_by_one = Vec::new();
        for (c, (_, comp)) in self.fw.competencies().enumerate() {
            match (
                self.effective(t, c, pa.codes[c]),
                self.effective(t, c, pb.codes[c]),
            ) {
                (Some(x), Some(y)) if x != y => differences.push(Difference {
                    competency: comp.id.clone(),
                    name: comp.name.clone(),
                    first: a
                        .rating(&comp.id)
                        .map_or(Rating::NotAssessed, |r| r.rating.clone()),
                    second: b
                        .rating(&comp.id)
                        .map_or(Rating::NotAssessed, |r| r.rating.clone()),
                    ranks: i16::from(y) - i16::from(x),
                }),
                (Some(_), None) | (None, Some(_)) => rated_by_one.push(comp.id.clone()),
                _ => {}
            }
        }
        differences.sort_by_key(|d| std::cmp::Reverse(d.ranks.abs()));
        Ok(Versus {
            person: a.person.clone(),
            first: side(a, &pa),
            second: side(b, &pb),
            differences,
            rated_by_one,
        })
    }
}
