//! Review cycles: the rules of a promotion and growth review, decided once.
//!
//! A cycle moves through five stages, forward only and one at a time:
//! **self-assessment → manager assessment → calibration → shared → closed**. Each person in it
//! has a record with two parts — their own self-assessment and their manager's rating — each
//! *not started*, *draft* or *submitted*, and the record is *shared* once the cycle shares
//! results. Every action is checked here and refused with a reason a person can act on; the
//! application layer stores what these functions allow and nothing else.
//! (docs/cycles.md says the same for people.)

mod dates;
mod rules;
mod standing;
mod submit;
pub use dates::*;
pub use rules::*;
pub use standing::*;
pub use submit::*;
mod calibration;

use std::fmt;

use serde::Serialize;

pub use calibration::{
    CalibrationRow, CycleCalibration, Distribution, GapCount, LevelCount, Lift, RatedPart,
};

use crate::date::Date;

/// A stage of a cycle, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CycleStage))]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    SelfAssessment,
    ManagerAssessment,
    Calibration,
    Shared,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::SelfAssessment,
        Stage::ManagerAssessment,
        Stage::Calibration,
        Stage::Shared,
        Stage::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SelfAssessment => "self-assessment",
            Stage::ManagerAssessment => "manager-assessment",
            Stage::Calibration => "calibration",
            Stage::Shared => "shared",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The stage as people read it: "Manager assessment".
    pub fn name(self) -> &'static str {
        match self {
            Stage::SelfAssessment => "Self-assessment",
            Stage::ManagerAssessment => "Manager assessment",
            Stage::Calibration => "Calibration",
            Stage::Shared => "Results shared",
            Stage::Closed => "Closed",
        }
    }

    /// Its place, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stage after this one; none after closed.
    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.index() + 1).copied()
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of one part of a person's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PartState {
    #[default]
    NotStarted,
    Draft,
    Submitted,
}

impl PartState {
    pub fn as_str(self) -> &'static str {
        match self {
            PartState::NotStarted => "not-started",
            PartState::Draft => "draft",
            PartState::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> Option<PartState> {
        [
            PartState::NotStarted,
            PartState::Draft,
            PartState::Submitted,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    pub fn words(self) -> &'static str {
        match self {
            PartState::NotStarted => "not started",
            PartState::Draft => "draft",
            PartState::Submitted => "submitted",
        }
    }
}

/// A person's record as one state: not started, draft, submitted or shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RecordState {
    NotStarted,
    Draft,
    Submitted,
    Shared,
}

impl RecordState {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordState::NotStarted => "not-started",
            RecordState::Draft => "draft",
            RecordState::Submitted => "submitted",
            RecordState::Shared => "shared",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            RecordState::NotStarted => "not started",
            RecordState::Draft => "draft",
            RecordState::Submitted => "submitted",
            RecordState::Shared => "shared",
        }
    }
}

/// Which part of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// The person's own self-assessment.
    #[serde(rename = "self")]
    Own,
    /// The manager's rating.
    Manager,
}

impl Part {
    /// Who writes this part, as the assessment it makes says.
    pub fn assessor_kind(self) -> crate::assessment::AssessorKind {
        match self {
            Part::Own => crate::assessment::AssessorKind::Own,
            Part::Manager => crate::assessment::AssessorKind::Manager,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Own => "self",
            Part::Manager => "manager",
        }
    }

    pub fn parse(text: &str) -> Option<Part> {
        match text {
            "self" => Some(Part::Own),
            "manager" => Some(Part::Manager),
            _ => None,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Part::Own => "the self-assessment",
            Part::Manager => "the manager's rating",
        }
    }

    /// The stage in which this part is written.
    pub fn stage(self) -> Stage {
        match self {
            Part::Own => Stage::SelfAssessment,
            Part::Manager => Stage::ManagerAssessment,
        }
    }
}

#[cfg(test)]
mod tests;
