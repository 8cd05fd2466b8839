//! Where one person's record stands in a cycle: each part's state, in words and as steps.

use super::*;

/// Where one person's record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub own: PartState,
    pub manager: PartState,
    /// Results shared with the person.
    pub shared: bool,
}

impl Standing {
    /// The record as one state: shared once shared; otherwise the state of the manager's part
    /// once the manager has begun, else of the person's own.
    pub fn state(&self) -> RecordState {
        let part = if self.shared {
            return RecordState::Shared;
        } else if self.manager != PartState::NotStarted {
            self.manager
        } else {
            self.own
        };
        match part {
            PartState::NotStarted => RecordState::NotStarted,
            PartState::Draft => RecordState::Draft,
            PartState::Submitted => RecordState::Submitted,
        }
    }

    pub fn part(&self, part: Part) -> PartState {
        match part {
            Part::Own => self.own,
            Part::Manager => self.manager,
        }
    }

    /// The record in words: "Self-assessment submitted; manager's rating draft; not shared yet".
    pub fn words(&self) -> String {
        format!(
            "Self-assessment {}; manager's rating {}; {}",
            self.own.words(),
            self.manager.words(),
            if self.shared {
                "results shared"
            } else {
                "results not shared yet"
            }
        )
    }

    /// The steps of the record, for a step indicator: each done, current or to come.
    pub fn steps(&self, stage: Stage) -> Vec<Step> {
        let status = |done: bool, now: bool| match (done, now) {
            (true, _) => StepStatus::Done,
            (false, true) => StepStatus::Current,
            (false, false) => StepStatus::ToCome,
        };
        vec![
            Step {
                name: "Self-assessment",
                detail: self.own.words(),
                status: status(
                    self.own == PartState::Submitted,
                    stage <= Stage::ManagerAssessment,
                ),
            },
            Step {
                name: "Manager's rating",
                detail: self.manager.words(),
                status: status(
                    self.manager == PartState::Submitted,
                    stage == Stage::ManagerAssessment
                        || (stage == Stage::Calibration && self.manager != PartState::Submitted),
                ),
            },
            Step {
                name: "Calibration",
                detail: if stage > Stage::Calibration {
                    "done"
                } else if stage == Stage::Calibration {
                    "under way"
                } else {
                    "to come"
                },
                status: status(stage > Stage::Calibration, stage == Stage::Calibration),
            },
            Step {
                name: "Results shared",
                detail: if self.shared { "shared" } else { "not yet" },
                status: status(self.shared, stage >= Stage::Shared),
            },
        ]
    }
}

/// One step of a record's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CycleStep))]
pub struct Step {
    pub name: &'static str,
    /// The step's state in words.
    pub detail: &'static str,
    pub status: StepStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    Done,
    Current,
    ToCome,
}

impl StepStatus {
    pub fn words(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Current => "current",
            StepStatus::ToCome => "to come",
        }
    }
}
