//! Assessments: one person's ratings of every competency, by themselves, a manager or a peer,
//! with the evidence behind them and the milestones they have met.

mod load;
mod plain;
mod write;

use std::fmt;

use serde::Serialize;

pub use load::{Changes, LoadedAssessment, MAX_ASSESSMENT_BYTES, load, load_as};
pub use write::to_toml;

use crate::date::Date;

/// Who made an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessorKind {
    #[serde(rename = "self")]
    Own,
    Manager,
    Peer,
}

impl AssessorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessorKind::Own => "self",
            AssessorKind::Manager => "manager",
            AssessorKind::Peer => "peer",
        }
    }

    pub fn parse(text: &str) -> Option<AssessorKind> {
        match text {
            "self" => Some(AssessorKind::Own),
            "manager" => Some(AssessorKind::Manager),
            "peer" => Some(AssessorKind::Peer),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessor {
    pub kind: AssessorKind,
    pub name: String,
}

/// What a competency was rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rating {
    /// Not yet at the first level.
    Below,
    /// Meets the expectation of this level (an id of the framework).
    Level(String),
    /// Not rated; left out of the level rule.
    NotAssessed,
}

impl Rating {
    pub fn parse(text: &str) -> Rating {
        match text {
            "below" => Rating::Below,
            "not-assessed" => Rating::NotAssessed,
            level => Rating::Level(level.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Rating::Below => "below",
            Rating::Level(id) => id,
            Rating::NotAssessed => "not-assessed",
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rating {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One competency's rating, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rated {
    pub competency: String,
    pub rating: Rating,
    pub evidence: Option<String>,
}

/// A milestone the person has met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneMet {
    pub id: String,
    pub evidence: Option<String>,
}

/// One assessment of one person. After loading against a framework, `ratings` holds every
/// competency of that framework in its order (unrated ones as [`Rating::NotAssessed`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub person: String,
    /// A stable id for the person, for team records; optional for a personal assessment.
    pub person_id: Option<String>,
    pub framework: String,
    pub framework_version: String,
    pub date: Date,
    pub assessor: Assessor,
    /// The track the person is on or aims for.
    pub track: String,
    /// The level the person holds today, if given; otherwise the level they operate at stands in.
    pub current_level: Option<String>,
    pub ratings: Vec<Rated>,
    pub milestones: Vec<MilestoneMet>,
    pub notes: Option<String>,
}

impl Assessment {
    pub fn rating(&self, competency: &str) -> Option<&Rated> {
        self.ratings.iter().find(|r| r.competency == competency)
    }

    pub fn has_met(&self, milestone: &str) -> bool {
        self.milestones.iter().any(|m| m.id == milestone)
    }

    /// Whether two assessments are of the same person: the same id, or failing ids the same name.
    pub fn same_person(&self, other: &Assessment) -> bool {
        match (&self.person_id, &other.person_id) {
            (Some(a), Some(b)) => a == b,
            _ => self.person.trim().eq_ignore_ascii_case(other.person.trim()),
        }
    }
}
