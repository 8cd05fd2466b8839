//! What the application answers about review cycles, and what it is sent: a cycle, its stages, a record and its parts, the todo lists, calibration and the export.

use super::*;
use rungs_core::{CycleId, PersonId, VersionId};

/// A new cycle, as an admin fills it in.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CycleInput {
    /// "H2 2026 review".
    pub name: String,
    /// A person's id: they and everyone under them are in the cycle. Default: everyone.
    #[serde(default)]
    pub under: Option<String>,
    /// The days the stages end (YYYY-MM-DD), each optional.
    #[serde(default)]
    pub self_assessment_due: Option<String>,
    #[serde(default)]
    pub manager_assessment_due: Option<String>,
    #[serde(default)]
    pub calibration_due: Option<String>,
    #[serde(default)]
    pub shared_due: Option<String>,
}

/// A cycle as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleView {
    pub id: CycleId,
    pub name: String,
    pub under: Option<PersonId>,
    pub stage: Stage,
    /// The stage in words: "Manager assessment".
    pub stage_name: &'static str,
    /// Every stage, in order, with its end date and whether it is done, current or to come.
    pub stages: Vec<StageView>,
    /// The framework version the cycle uses, for its whole length.
    pub framework_version: VersionId,
    /// Said when a newer framework version exists: it applies to the next cycle.
    pub framework_note: Option<String>,
    /// People in the cycle.
    pub people: usize,
    pub created_at: i64,
    pub created_by: String,
    /// Version of the cycle's stage (its last change, ms), for moving it on.
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageView {
    pub stage: Stage,
    pub name: &'static str,
    pub due: Option<Date>,
    pub status: cycle::StepStatus,
}

/// The records a caller sees in a cycle, a page at a time ([`crate::Cycles::cycle_lines`]).
#[derive(Debug, Clone, Serialize)]
pub struct CycleLines {
    /// The caller's own record, when they are in the cycle.
    pub mine: Option<RecordLine>,
    /// How many others' records the caller sees.
    pub others: usize,
    /// This page (from 1) and how many there are.
    pub page: usize,
    pub pages: usize,
    /// The others' records on this page, by person id.
    pub lines: Vec<RecordLine>,
}

/// Where one person's record stands, for a list.
#[derive(Debug, Clone, Serialize)]
pub struct RecordLine {
    pub person: PersonId,
    pub name: String,
    pub own: PartState,
    pub manager_part: PartState,
    pub state: cycle::RecordState,
    /// The record in words.
    pub words: String,
    pub steps: Vec<Step>,
}

/// One person's record as the caller may see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub cycle: CycleId,
    pub person: PersonId,
    pub name: String,
    /// The manager who rates this record: the one the review recorded when it started, or
    /// the one an admin handed it to. A roster move does not change it.
    pub manager: Option<PersonId>,
    /// That manager's name.
    pub manager_name: Option<String>,
    pub state: cycle::RecordState,
    /// The record in words.
    pub words: String,
    pub steps: Vec<Step>,
    pub own: PartView,
    pub manager_part: PartView,
    /// The level the shared (or, for those who may see it, the manager's) rating shows.
    pub shown_level: Option<String>,
    /// Corrections made after sharing, newest last.
    pub corrections: Vec<EventView>,
    /// Calibrated changes to the manager's rating (to the admin and managers; to the person
    /// once shared).
    pub calibrations: Vec<EventView>,
    /// Hand-overs of the record from one manager to another, with their reasons (a draft set
    /// aside is kept, never shown).
    pub handovers: Vec<EventView>,
    /// The part of this record that is the caller's to write, and whether they may now.
    pub yours: YourPart,
    /// Give this back when writing the record.
    pub version: i64,
}

/// The part of a record that is the caller's to write: their self-assessment on their own
/// record, the manager's rating on another's.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YourPart {
    pub part: Part,
    /// Whether they may write it now.
    pub open: bool,
    /// Why not, when it is closed.
    pub why_not: Option<String>,
}

/// One part of a record: its state always; what it says only to those who may see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartView {
    pub state: PartState,
    /// Whether the caller may see what it says (false: `ratings` is empty for that reason).
    pub visible: bool,
    /// Competency id → level id, `below` or `not-assessed`.
    pub ratings: BTreeMap<String, String>,
    /// Milestones met, by id.
    pub milestones: Vec<String>,
    pub notes: Option<String>,
    pub at: Option<i64>,
    pub by: Option<String>,
}

/// An event of a record, as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub kind: String,
    pub detail: Value,
    pub reason: Option<String>,
    pub at: i64,
    pub by: String,
}

/// What a person writes in their part: ratings by competency, and notes.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartInput {
    /// Competency id → level id, `below` or `not-assessed`.
    #[serde(default)]
    pub ratings: BTreeMap<String, String>,
    /// Milestones met, by id.
    #[serde(default)]
    pub milestones: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Submit it (final until an admin reopens it); otherwise it is kept as a draft.
    #[serde(default)]
    pub submit: bool,
    /// The record's version as read.
    pub version: i64,
}

/// A change with a reason: a calibration, a correction.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingChange {
    pub competency: String,
    /// A level id, `below` or `not-assessed`.
    pub rating: String,
    pub reason: String,
    pub version: i64,
}

/// Handing a record to another manager.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandOver {
    /// The new manager's roster id.
    pub to: String,
    pub reason: String,
    pub version: i64,
}

/// Reopening one part of a record.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// `self` or `manager`.
    #[cfg_attr(feature = "openapi", schema(value_type = rungs_core::cycle::Part))]
    pub part: String,
    pub reason: String,
    pub version: i64,
}

/// Where a cycle stands: per stage and per manager.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub people: usize,
    pub self_submitted: usize,
    pub self_draft: usize,
    pub manager_submitted: usize,
    pub manager_draft: usize,
    pub shared: usize,
    /// Per manager (by name): their people, and how many of each part are submitted.
    pub managers: Vec<ManagerProgress>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerProgress {
    pub manager: Option<PersonId>,
    pub name: String,
    pub people: usize,
    pub self_submitted: usize,
    pub manager_submitted: usize,
}

/// A to-do with the cycle it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleTodo {
    pub cycle: CycleId,
    pub cycle_name: String,
    #[serde(flatten)]
    pub todo: Todo,
}

/// Calibration of a cycle, with the promotion candidates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationView {
    pub calibration: CycleCalibration,
    /// Ready now for the next rung by the manager's (calibrated) rating, by name.
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = PromotionCandidate))]
pub struct Candidate {
    pub person: PersonId,
    pub name: String,
    pub shown: Option<String>,
    pub next: Option<String>,
}

/// A whole cycle written out when it closes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleExport {
    pub cycle: CycleView,
    pub records: Vec<RecordView>,
}

/// A review under way that a person is in, and where their record in it is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenReview {
    pub cycle: CycleId,
    pub name: String,
    pub stage: Stage,
    /// The record's page: `/cycles/{cycle}/people/{person}`.
    pub record: String,
}
