//! Review cycles: the rules of a promotion and growth review, decided once.
//!
//! A cycle moves through five stages, forward only and one at a time:
//! **self-assessment → manager assessment → calibration → shared → closed**. Each person in it
//! has a record with two parts — their own self-assessment and their manager's rating — each
//! *not started*, *draft* or *submitted*, and the record is *shared* once the cycle shares
//! results. Every action is checked here and refused with a reason a person can act on; the
//! application layer stores what these functions allow and nothing else.
//! (docs/cycles.md says the same for people.)

mod calibration;

use std::fmt;

use serde::Serialize;

pub use calibration::{CalibrationRow, CycleCalibration, Distribution, GapCount, LevelCount, Lift};

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

/// Why an action was refused, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse<T>(text: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(text.into()))
}

/// Moving a cycle from one stage to another: forward, one stage at a time, never out of closed.
pub fn advance(from: Stage, to: Stage) -> Result<(), Refused> {
    if from == Stage::Closed {
        return refuse("the cycle is closed: nothing in it changes any more");
    }
    if to == from {
        return refuse(format!("the cycle is already at {}", from.name()));
    }
    if to < from {
        return refuse(format!(
            "a cycle only moves forward: it is at {} and cannot go back to {}; reopen one \
             person's record instead",
            from.name(),
            to.name()
        ));
    }
    match from.next() {
        Some(next) if next == to => Ok(()),
        Some(next) => refuse(format!(
            "a cycle moves one stage at a time: from {} the next stage is {}, not {}",
            from.name(),
            next.name(),
            to.name()
        )),
        None => refuse("the cycle is closed: nothing in it changes any more"),
    }
}

/// Writing a part (as a draft, or submitting it) at this stage, in this state.
///
/// The self-assessment is written during the self-assessment stage and, late, during the
/// manager assessment; the manager's rating only during the manager assessment. A submitted
/// part is final unless an admin reopens it.
pub fn may_write(stage: Stage, part: Part, state: PartState) -> Result<(), Refused> {
    let open = match part {
        Part::Own => stage <= Stage::ManagerAssessment,
        Part::Manager => stage == Stage::ManagerAssessment,
    };
    if !open {
        return if stage < part.stage() {
            refuse(format!(
                "{} opens when the cycle reaches {}; it is at {}",
                capital(part.words()),
                part.stage().name(),
                stage.name()
            ))
        } else {
            refuse(format!(
                "{} can no longer be written: the cycle is at {}{}",
                capital(part.words()),
                stage.name(),
                if stage >= Stage::Shared {
                    " (a change now is a correction, with a reason)"
                } else {
                    ""
                }
            ))
        };
    }
    if state == PartState::Submitted {
        return refuse(format!(
            "{} is submitted and final; an admin can reopen it, with a reason",
            capital(part.words())
        ));
    }
    Ok(())
}

/// Reopening one person's part, so it can be written again: before results are shared, and
/// only a part that was submitted.
pub fn may_reopen(stage: Stage, part: Part, state: PartState) -> Result<(), Refused> {
    if stage >= Stage::Shared {
        return refuse(format!(
            "the results are shared and frozen (the cycle is at {}): correct the rating instead, \
             with a reason",
            stage.name()
        ));
    }
    if state != PartState::Submitted {
        return refuse(format!(
            "{} is {}: only a submitted part needs reopening",
            capital(part.words()),
            state.words()
        ));
    }
    Ok(())
}

/// A calibrated change to a manager's rating: during calibration, of a submitted rating.
pub fn may_calibrate(stage: Stage, manager: PartState) -> Result<(), Refused> {
    if stage != Stage::Calibration {
        return refuse(format!(
            "ratings are calibrated during calibration; the cycle is at {}{}",
            stage.name(),
            if stage > Stage::Calibration {
                " (a change now is a correction, with a reason)"
            } else {
                ""
            }
        ));
    }
    if manager != PartState::Submitted {
        return refuse(format!(
            "the manager's rating is {}: only a submitted rating is calibrated",
            manager.words()
        ));
    }
    Ok(())
}

/// A correction after results are shared: a new record beside the shared one, never an
/// overwrite, of a record that was shared.
pub fn may_correct(stage: Stage, standing: &Standing) -> Result<(), Refused> {
    if stage < Stage::Shared {
        return refuse(format!(
            "the cycle is at {}: results are not shared yet, so change the rating in its stage \
             (or reopen it) rather than correcting it",
            stage.name()
        ));
    }
    if stage == Stage::Closed {
        return refuse("the cycle is closed: nothing in it changes any more");
    }
    if !standing.shared {
        return refuse(
            "this record's results were not shared (it had no submitted manager's rating)",
        );
    }
    Ok(())
}

/// A reason given for a change that must have one: said in words, not empty.
pub fn reason(text: &str) -> Result<&str, Refused> {
    let t = text.trim();
    if t.chars().count() < 3 {
        return refuse("say why, in a few words: the reason is kept with the change");
    }
    if let Err(message) = crate::limits::check("the reason", t, crate::limits::REASON) {
        return Err(Refused(message));
    }
    Ok(t)
}

/// Whether a record is shared with its person when the cycle moves to [`Stage::Shared`]: once
/// the manager's rating is submitted. (A record without one stays unshared: there is nothing
/// to share.)
pub fn shared_on_sharing(standing: &Standing) -> bool {
    standing.manager == PartState::Submitted
}

/// Who sees what of a record.
///
/// The person sees their own self-assessment always, and the manager's rating only once the
/// results are shared. The manager and an admin see the self-assessment only once it is
/// submitted (a draft is the person's own until then), and the manager's rating always.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Person,
    Manager,
    Admin,
}

impl Viewer {
    /// Who a caller is to a record: an admin is an admin even on their own record; anyone
    /// else is the person on their own and a manager on the records of their people.
    pub fn of(admin: bool, own: bool) -> Viewer {
        match (admin, own) {
            (true, _) => Viewer::Admin,
            (false, true) => Viewer::Person,
            (false, false) => Viewer::Manager,
        }
    }

    /// The part of a record that is this viewer's to write: the self-assessment on their own
    /// record (an admin's too), the manager's rating on anyone else's.
    pub fn writes(self, own: bool) -> Part {
        match self {
            Viewer::Person => Part::Own,
            Viewer::Manager => Part::Manager,
            Viewer::Admin if own => Part::Own,
            Viewer::Admin => Part::Manager,
        }
    }
}

pub fn sees(viewer: Viewer, part: Part, standing: &Standing) -> bool {
    match (viewer, part) {
        (Viewer::Person, Part::Own) | (Viewer::Manager | Viewer::Admin, Part::Manager) => true,
        (Viewer::Person, Part::Manager) => standing.shared,
        (Viewer::Manager | Viewer::Admin, Part::Own) => standing.own == PartState::Submitted,
    }
}

/// The days each stage is due to end (any may be unset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dates {
    pub self_assessment: Option<Date>,
    pub manager_assessment: Option<Date>,
    pub calibration: Option<Date>,
    pub shared: Option<Date>,
}

impl Dates {
    pub fn due(&self, stage: Stage) -> Option<Date> {
        match stage {
            Stage::SelfAssessment => self.self_assessment,
            Stage::ManagerAssessment => self.manager_assessment,
            Stage::Calibration => self.calibration,
            Stage::Shared => self.shared,
            Stage::Closed => None,
        }
    }

    /// The dates must come in the order of the stages.
    pub fn check(&self) -> Result<(), Refused> {
        let set: Vec<(Stage, Date)> = Stage::ALL
            .into_iter()
            .filter_map(|s| self.due(s).map(|d| (s, d)))
            .collect();
        for w in set.windows(2) {
            if w[1].1 < w[0].1 {
                return refuse(format!(
                    "{} ends on {}, before {} ends on {}: the dates must follow the stages",
                    w[1].0.name(),
                    w[1].1,
                    w[0].0.name(),
                    w[0].1
                ));
            }
        }
        Ok(())
    }
}

/// Something someone must do next in a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Todo {
    /// What to do, in words: "Submit your self-assessment".
    pub what: String,
    /// By when, if the stage has a date.
    pub due: Option<Date>,
    /// Whose record it is about (a person id), if about one.
    pub person: Option<String>,
    /// Past its date on `today`.
    pub late: bool,
}

/// What the person must do in their own record.
pub fn own_todo(stage: Stage, standing: &Standing, dates: &Dates, today: Date) -> Option<Todo> {
    if may_write(stage, Part::Own, standing.own).is_err() {
        return None;
    }
    let what = match standing.own {
        PartState::NotStarted => "Write and submit your self-assessment",
        _ => "Submit your self-assessment (a draft is saved)",
    };
    let due = dates.due(Stage::SelfAssessment);
    Some(Todo {
        what: what.into(),
        due,
        person: None,
        late: due.is_some_and(|d| d < today),
    })
}

/// What a manager must do for one of their people.
pub fn manager_todo(
    stage: Stage,
    standing: &Standing,
    person: &str,
    name: &str,
    dates: &Dates,
    today: Date,
) -> Option<Todo> {
    if may_write(stage, Part::Manager, standing.manager).is_err() {
        return None;
    }
    let what = match standing.manager {
        PartState::NotStarted => format!("Rate {name}"),
        _ => format!("Submit your rating of {name} (a draft is saved)"),
    };
    let due = dates.due(Stage::ManagerAssessment);
    Some(Todo {
        what,
        due,
        person: Some(person.to_owned()),
        late: due.is_some_and(|d| d < today),
    })
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
