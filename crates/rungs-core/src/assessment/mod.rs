//! Assessments: one person's ratings of every competency, by themselves, a manager or a peer,
//! with the evidence behind them and the milestones they have met.

mod document;
mod load;
pub mod stored;
mod write;

use std::fmt;

use serde::Serialize;

pub use document::{Document, MilestoneEntry, RatingEntry};
pub use load::{Changes, LoadedAssessment, MAX_ASSESSMENT_BYTES, check, load, load_as};
pub use stored::StoredFields;
pub use write::to_toml;

use crate::date::Date;
use crate::ids::{CompetencyId, LevelId, PersonId};

/// Who made an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl AssessorKind {
    /// How much an assessment of this kind counts when choosing a person's latest: a manager's
    /// over the person's own, and their own over a peer's.
    fn weight(self) -> u8 {
        match self {
            AssessorKind::Manager => 2,
            AssessorKind::Own => 1,
            AssessorKind::Peer => 0,
        }
    }
}

/// Which of one person's assessments stands for them on a day: the rule every face uses (the
/// team report, a person's page, the API's gap and readiness). `items` are in the order they
/// were recorded; `key` gives each one's date and kind.
///
/// Of the assessments made on or before `day`, the manager's count if there are any, else the
/// person's own, else a peer's; of that kind, the most recent; of two on one day, the one
/// recorded last. So a self-assessment made after a manager's does not replace it: the
/// manager's view stands until the manager assesses again. (docs/growth.md.)
pub fn latest<T>(
    items: &[T],
    day: Date,
    key: impl Fn(&T) -> (Date, AssessorKind),
) -> Option<usize> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let (date, kind) = key(item);
            (date <= day).then_some((kind.weight(), date, i))
        })
        .max()
        .map(|(_, _, i)| i)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// A rating in the OpenAPI document: a level id, `below` or `not-assessed`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Rating {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A level id of the framework, `below` (not yet at the first level) or `not-assessed`.",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Rating {}

/// One competency's rating, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rated {
    pub competency: CompetencyId,
    pub rating: Rating,
    pub evidence: Option<String>,
}

/// A milestone the person has met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneMet {
    pub id: String,
    pub evidence: Option<String>,
}

/// One assessment of one person. After loading against a framework, `ratings` holds every
/// competency of that framework in its order (unrated ones as [`Rating::NotAssessed`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub person: String,
    /// A stable id for the person, for team records; optional for a personal assessment.
    pub person_id: Option<PersonId>,
    pub framework: String,
    pub framework_version: String,
    pub date: Date,
    pub assessor: Assessor,
    /// The track the person is on or aims for.
    pub track: String,
    /// The level the person holds today, if given; otherwise the level they operate at stands in.
    pub current_level: Option<LevelId>,
    pub ratings: Vec<Rated>,
    pub milestones: Vec<MilestoneMet>,
    pub notes: Option<String>,
}

impl Rating {
    /// The rating in words, as every face shows it: the level's short title, "Below the first
    /// level" or "Not assessed".
    pub fn words(&self, fw: &crate::Framework) -> String {
        match self {
            Rating::Below => "Below the first level".to_owned(),
            Rating::NotAssessed => "Not assessed".to_owned(),
            Rating::Level(id) => fw
                .level(id)
                .map_or_else(|| id.clone(), |l| l.short_title.clone()),
        }
    }

    /// The rating's rank: 0 below the first level, the level's rank, or none when not
    /// assessed (or the level is not in the framework).
    pub fn rank(&self, fw: &crate::Framework) -> Option<u32> {
        match self {
            Rating::Below => Some(0),
            Rating::NotAssessed => None,
            Rating::Level(id) => fw.level(id).map(|l| l.rank),
        }
    }
}

/// A rating given by its id (`senior-pm`, `below`, `not-assessed`; empty for none) in words.
pub fn rating_words(fw: &crate::Framework, id: &str) -> String {
    if id.is_empty() {
        return Rating::NotAssessed.words(fw);
    }
    Rating::parse(id).words(fw)
}

impl Assessment {
    /// The assessment read where the person stands now: the level they hold and the track they
    /// are on are the roster's (a promotion or a switch of track since the assessment counts:
    /// the next rung is above the level held today), the ratings are the assessment's. The one
    /// rule every face reads a person's assessment by, and the team's figures follow
    /// (`team::members`). A level or track the assessment's framework does not have leaves the
    /// assessment's own.
    pub fn held_now(mut self, fw: &crate::Framework, level: &str, track: &str) -> Assessment {
        if fw.level(level).is_some() {
            self.current_level = Some(LevelId::from(level));
        }
        if fw.track(track).is_some() {
            self.track = track.to_owned();
        }
        self
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or(Date::from_days(0))
    }

    #[test]
    fn a_managers_assessment_stands_over_a_later_self_assessment() {
        let items = [
            (day("2025-01-10"), AssessorKind::Own),
            (day("2025-02-01"), AssessorKind::Manager),
            (day("2025-09-01"), AssessorKind::Own),
            (day("2025-09-02"), AssessorKind::Peer),
        ];
        assert_eq!(latest(&items, day("2025-12-31"), |x| *x), Some(1));
        // Before the manager's, the person's own is the latest.
        assert_eq!(latest(&items, day("2025-01-31"), |x| *x), Some(0));
        assert_eq!(latest(&items, day("2024-12-31"), |x| *x), None);
    }

    #[test]
    fn of_two_on_one_day_the_one_recorded_last_counts() {
        let items = [
            (day("2025-03-01"), AssessorKind::Manager),
            (day("2025-03-01"), AssessorKind::Manager),
            (day("2025-01-01"), AssessorKind::Manager),
        ];
        assert_eq!(latest(&items, day("2025-03-01"), |x| *x), Some(1));
    }

    #[test]
    fn a_peer_assessment_counts_only_when_there_is_nothing_else() {
        let items = [(day("2025-03-01"), AssessorKind::Peer)];
        assert_eq!(latest(&items, day("2025-03-01"), |x| *x), Some(0));
        let items = [
            (day("2025-03-01"), AssessorKind::Peer),
            (day("2024-03-01"), AssessorKind::Own),
        ];
        assert_eq!(latest(&items, day("2025-03-01"), |x| *x), Some(1));
    }
}
