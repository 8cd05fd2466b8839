//! What the store keeps: organizations, users, people, frameworks, assessments, evidence, the
//! audit log, and what authentication needs. Times are milliseconds since the Unix epoch.

pub use rungs_core::access::Role;
use rungs_core::assessment::{AssessorKind, StoredFields};
use rungs_core::cycle::{Dates, Part, PartState, Stage};
use rungs_core::{AssessmentId, CycleId, Date, LevelId, PersonId, VersionId};
use serde::Serialize;

/// An organization's id. Every record belongs to exactly one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub id: OrgId,
    pub name: String,
    pub created_at: i64,
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub org: OrgId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The person on the roster this user is, if any: a manager sees that person's reports.
    pub person: Option<PersonId>,
    pub version: i64,
    pub created_at: i64,
    /// A disabled account keeps its history but cannot sign in or use its tokens.
    pub disabled: bool,
}

/// A user to create. The password arrives hashed: hashing is the web layer's job.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub person: Option<PersonId>,
}

/// Who made a change, for the audit log and the records' `created_by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub user: Option<UserId>,
    /// A name to show: the user's email, or `system`, `cli`.
    pub name: String,
}

impl Author {
    pub fn user(user: &User) -> Author {
        Author::of(user.id, &user.email)
    }

    /// A user by id, shown by their email.
    pub fn of(user: UserId, email: &str) -> Author {
        Author {
            user: Some(user),
            name: email.to_owned(),
        }
    }

    pub fn system(name: &str) -> Author {
        Author {
            user: None,
            name: name.to_owned(),
        }
    }
}

/// One version of an organization's framework. An edit makes a new version; old versions stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkVersion {
    pub version: VersionId,
    /// The framework's name, from its file.
    pub name: String,
    /// The framework file (TOML).
    pub source: String,
    pub created_at: i64,
    pub created_by: String,
    /// When it was last published (made the version in use); none for a draft never
    /// published.
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
    /// Levels it does not have, each mapped to one of its own: publishing it moves the people
    /// at each.
    pub level_map: std::collections::BTreeMap<String, String>,
}

/// A person on the roster, with or without a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The roster id (`p-001`): unique in the organization.
    pub id: PersonId,
    pub fields: PersonFields,
    /// Goes up by one with each change; an update must name the version it read.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a person's record holds besides its id and history.
/// (Serialized only into the audit log's detail of a change.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFields {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// A level id of the organization's framework.
    pub level: LevelId,
    pub track: String,
    /// The roster id of their manager.
    pub manager: Option<PersonId>,
    /// The day they started on their current rung, YYYY-MM-DD.
    pub rung_start: Option<String>,
    pub pay: Option<i64>,
    pub currency: Option<String>,
    pub stage: Option<String>,
    pub location: Option<String>,
}

/// A person to create or to write over, with their roster id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: PersonId,
    pub fields: PersonFields,
}

/// Which people to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleFilter {
    pub level: Option<String>,
    pub track: Option<String>,
    /// Direct reports of this person.
    pub manager: Option<PersonId>,
    /// This person and everyone below them.
    pub under: Option<PersonId>,
    /// Part of the name, any case.
    pub name: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// What a roster import did.
/// (Serialized only into the audit log's detail of an import.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// People already stored who are not in the file: left as they are.
    pub not_in_file: i64,
}

/// An assessment as stored: append-only, never changed. Its fields are core's
/// [`StoredFields`]; what they mean (a level id, a rating code) is read against the framework
/// version it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: AssessmentId,
    /// The version of the organization's framework it was made against.
    pub framework_version: VersionId,
    pub fields: StoredFields,
    pub created_at: i64,
    pub created_by: String,
}

/// What picks an assessment among a person's: read without what the assessment says, so that
/// choosing the latest does not read every rating the person was ever given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentHead {
    pub id: AssessmentId,
    pub framework_version: VersionId,
    pub date: Date,
    pub assessor_kind: AssessorKind,
}

/// An assessment to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment {
    pub framework_version: VersionId,
    pub fields: StoredFields,
}

/// An assessment stored before assessments had typed fields: its JSON document, to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyAssessment {
    pub id: AssessmentId,
    pub org: OrgId,
    pub person: PersonId,
    pub framework_version: VersionId,
    pub body: String,
}

/// A submitted part of a review's record stored without its summary (by a version before
/// summaries were kept): what is needed to make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsummedPart {
    pub org: OrgId,
    pub cycle: CycleId,
    pub person: PersonId,
    /// The framework version of the part's cycle.
    pub framework_version: VersionId,
    pub body: String,
}

/// Evidence that a person met a promotion milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: i64,
    pub person: PersonId,
    pub milestone: String,
    pub note: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    pub person: PersonId,
    pub milestone: String,
    pub note: String,
    pub link: Option<String>,
}

/// One change: who, what, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: serde_json::Value,
}

/// A session to keep: the token and CSRF token arrive hashed or random from the web layer.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub user: UserId,
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A live session and its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// An API token as listed: never the token itself, which is shown once at creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub user: UserId,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub user: UserId,
    pub name: String,
    pub prefix: String,
    pub token_hash: String,
}

/// A new organization with its first admin and its framework.
#[derive(Debug, Clone)]
pub struct NewOrg {
    pub name: String,
    pub admin: NewUser,
    /// The framework file (TOML) and its name.
    pub framework_source: String,
    pub framework_name: String,
}

/// A review cycle as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleRow {
    pub id: CycleId,
    pub name: String,
    /// The person whose part of the organization is in the cycle; none for everyone.
    pub under: Option<PersonId>,
    /// The framework version the cycle uses, kept for the whole cycle.
    pub framework_version: VersionId,
    pub stage: Stage,
    /// The days the stages end.
    pub dates: Dates,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
}

/// A new review cycle, with the people in it and each one's manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCycle {
    pub name: String,
    pub under: Option<PersonId>,
    pub framework_version: VersionId,
    pub stage: Stage,
    pub dates: Dates,
    /// Each person and their manager, as the roster has them when the cycle begins.
    pub members: Vec<(PersonId, Option<PersonId>)>,
}

/// One person's record in a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleRecord {
    pub cycle: CycleId,
    pub person: PersonId,
    /// Their manager when the cycle began.
    pub manager: Option<PersonId>,
    pub own: CyclePart,
    pub manager_part: CyclePart,
    /// When the results were shared with the person.
    pub shared_at: Option<i64>,
    /// Goes up with every change: a write names the version it read.
    pub version: i64,
}

/// How many records of a cycle stand one way under one manager (see
/// [`crate::Cycles::cycle_tallies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleTally {
    /// The manager the records were recorded with.
    pub manager: Option<PersonId>,
    /// The caller's own record (one, counted apart from the others).
    pub own_record: bool,
    pub own: PartState,
    pub manager_part: PartState,
    pub shared: bool,
    pub records: i64,
}

/// One part of a record: its state, what was written (an assessment as JSON), when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CyclePart {
    pub state: PartState,
    pub body: Option<String>,
    pub at: Option<i64>,
    pub by: Option<String>,
}

/// Something that happened in a cycle, kept for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleEvent {
    pub id: i64,
    pub person: Option<PersonId>,
    /// `created`, `stage`, `self`, `manager`, `reopened`, `calibrated`, `corrected`, `shared`.
    pub kind: String,
    /// What changed, as JSON.
    pub detail: String,
    pub reason: Option<String>,
    pub at: i64,
    pub by: String,
}

/// A change to one record: the part written (with its new state and body), and the event it
/// is kept as. Made only if the record is still at `version` and the cycle at `stage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordWrite {
    pub version: i64,
    pub stage: Stage,
    /// The part written; none for a change kept only as an event and a history entry (a
    /// correction after sharing, which never overwrites what was shared).
    pub part: Option<PartWrite>,
    pub event: NewCycleEvent,
    /// An assessment to add to the person's history with the change (a submitted
    /// self-assessment, a correction).
    pub history: Option<NewAssessment>,
    /// The record handed to this manager (a roster id): an admin's explicit hand-over.
    pub hand_to: Option<PersonId>,
}

/// A part's new state and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartWrite {
    pub part: Part,
    pub state: PartState,
    pub body: Option<String>,
    /// What calibration reads of the body, in a few bytes (`RatedPart::summary`); none when
    /// the body is not an assessment to calibrate, and then calibration reads the body.
    pub summary: Option<String>,
}

/// An event to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCycleEvent {
    pub person: Option<PersonId>,
    pub kind: String,
    pub detail: String,
    pub reason: Option<String>,
}
