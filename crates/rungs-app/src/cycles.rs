//! Review cycles: creating one, moving it through its stages, each person's record in it, who
//! sees what, calibration, to-dos and the export. The rules are rungs-core's `cycle` module;
//! this layer reads and writes what they allow, for every face.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rungs_core::Framework;
use rungs_core::cycle::{
    self, CalibrationRow, CycleCalibration, Dates, Part, PartState, Refused, Stage, Standing, Step,
    Todo, Viewer,
};
use rungs_core::eval::Evaluator;
use rungs_core::{Date, Format};
use rungs_store::{
    CycleEvent, CycleRecord, CycleRow, NewCycle, NewCycleEvent, PartWrite, Person, RecordWrite,
    Role,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::assessments::new_assessment;
use crate::csv_out::CsvOut;
use crate::error::{AppError, Result};
use crate::{Actor, App, policy};

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
    pub id: i64,
    pub name: String,
    pub under: Option<String>,
    pub stage: Stage,
    /// The stage in words: "Manager assessment".
    pub stage_name: &'static str,
    /// Every stage, in order, with its end date and whether it is done, current or to come.
    pub stages: Vec<StageView>,
    /// The framework version the cycle uses, for its whole length.
    pub framework_version: i64,
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

/// One person's record as the caller may see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub cycle: i64,
    pub person: String,
    pub name: String,
    pub manager: Option<String>,
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
    /// Give this back when writing the record.
    pub version: i64,
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

/// Reopening one part of a record.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// `self` or `manager`.
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
    pub manager: Option<String>,
    pub name: String,
    pub people: usize,
    pub self_submitted: usize,
    pub manager_submitted: usize,
}

/// A to-do with the cycle it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleTodo {
    pub cycle: i64,
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
    pub person: String,
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

fn refused(r: std::result::Result<(), Refused>) -> Result<()> {
    r.map_err(|e| AppError::Conflict(e.0))
}

fn stage_of(row: &CycleRow) -> Result<Stage> {
    Stage::parse(&row.stage)
        .ok_or_else(|| AppError::Internal(format!("cycle {} has stage {}", row.id, row.stage)))
}

fn part_state(text: &str) -> PartState {
    PartState::parse(text).unwrap_or_default()
}

fn standing(r: &CycleRecord) -> Standing {
    Standing {
        own: part_state(&r.own.state),
        manager: part_state(&r.manager_part.state),
        shared: r.shared_at.is_some(),
    }
}

fn dates(row: &CycleRow) -> Dates {
    let d = |i: usize| row.dates[i].as_deref().and_then(|s| s.parse().ok());
    Dates {
        self_assessment: d(0),
        manager_assessment: d(1),
        calibration: d(2),
        shared: d(3),
    }
}

fn part_name(part: Part) -> &'static str {
    part.as_str()
}

/// What a stored part says: the ratings, milestones and notes of its assessment JSON.
struct Said {
    ratings: BTreeMap<String, String>,
    milestones: Vec<String>,
    notes: Option<String>,
}

fn ratings_of(body: Option<&str>) -> Said {
    let Some(v) = body.and_then(|b| serde_json::from_str::<Value>(b).ok()) else {
        return Said {
            ratings: BTreeMap::new(),
            milestones: Vec::new(),
            notes: None,
        };
    };
    let ratings = v["ratings"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, r)| {
                    let level = r.as_str().or_else(|| r["level"].as_str())?;
                    Some((k.clone(), level.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    let milestones = v["milestones"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|e| e.as_str().or_else(|| e["id"].as_str()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Said {
        ratings,
        milestones,
        notes: v["notes"].as_str().map(str::to_owned),
    }
}

impl App {
    /// The caller's relation to a person in a cycle: themselves, their manager (above them),
    /// or an admin; anyone else may not see the record at all (not found).
    async fn viewer(&self, actor: &Actor, person: &str) -> Result<Viewer> {
        if actor.person.as_deref() == Some(person) && actor.role != Role::Admin {
            return Ok(Viewer::Person);
        }
        policy::see_person(self, actor, person)
            .await
            .map_err(|_| AppError::NotFound("record"))?;
        Ok(match actor.role {
            Role::Admin => Viewer::Admin,
            _ if actor.person.as_deref() == Some(person) => Viewer::Person,
            _ => Viewer::Manager,
        })
    }

    async fn cycle_row(&self, actor: &Actor, id: i64) -> Result<CycleRow> {
        Ok(self.store.cycle(actor.org, id).await?)
    }

    async fn cycle_view(&self, actor: &Actor, row: &CycleRow, people: usize) -> Result<CycleView> {
        let stage = stage_of(row)?;
        let (current, _) = self.framework(actor.org).await?;
        let d = dates(row);
        let stages = Stage::ALL
            .into_iter()
            .map(|s| StageView {
                stage: s,
                name: s.name(),
                due: d.due(s),
                status: if s < stage || stage == Stage::Closed {
                    cycle::StepStatus::Done
                } else if s == stage {
                    cycle::StepStatus::Current
                } else {
                    cycle::StepStatus::ToCome
                },
            })
            .collect();
        Ok(CycleView {
            id: row.id,
            name: row.name.clone(),
            under: row.under.clone(),
            stage,
            stage_name: stage.name(),
            stages,
            framework_version: row.framework_version,
            framework_note: (current != row.framework_version).then(|| {
                format!(
                    "This cycle uses framework version {}, as it was when the cycle began. \
                     Version {current} was published since: it applies to the next cycle, not \
                     to this one.",
                    row.framework_version
                )
            }),
            people,
            created_at: row.created_at,
            created_by: row.created_by.clone(),
            updated_at: row.updated_at,
        })
    }

    /// Starts a cycle at its first stage, on the organization's current framework version,
    /// with everyone (or everyone under one person) in it. Admins only.
    pub async fn create_cycle(&self, actor: &Actor, input: CycleInput) -> Result<CycleView> {
        policy::admin(actor, "start a review cycle")?;
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(AppError::field(
                "/name",
                "a cycle needs a name of 1 to 120 characters",
                Some("for example \"H2 2026 review\""),
            ));
        }
        let mut parsed = [None; 4];
        let raw = [
            ("/self_assessment_due", &input.self_assessment_due),
            ("/manager_assessment_due", &input.manager_assessment_due),
            ("/calibration_due", &input.calibration_due),
            ("/shared_due", &input.shared_due),
        ];
        for (i, (at, text)) in raw.iter().enumerate() {
            if let Some(t) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                parsed[i] = Some(t.parse::<Date>().map_err(|_| {
                    AppError::field(at, format!("`{t}` is not a day"), Some("write YYYY-MM-DD"))
                })?);
            }
        }
        let d = Dates {
            self_assessment: parsed[0],
            manager_assessment: parsed[1],
            calibration: parsed[2],
            shared: parsed[3],
        };
        d.check()
            .map_err(|e| AppError::field("/manager_assessment_due", e.0, None))?;
        let under = input
            .under
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        if let Some(u) = under {
            self.store
                .person(actor.org, u)
                .await
                .map_err(|_| AppError::field("/under", format!("no one has the id `{u}`"), None))?;
        }
        let members: Vec<(String, Option<String>)> = self
            .store
            .roster_rows(actor.org, under)
            .await?
            .into_iter()
            .map(|p| (p.id, p.fields.manager))
            .collect();
        if members.is_empty() {
            return Err(AppError::field(
                "/under",
                "no one would be in this cycle: the roster is empty",
                Some("import the roster first"),
            ));
        }
        let (version, _) = self.framework(actor.org).await?;
        let people = members.len();
        let row = self
            .store
            .create_cycle(
                actor.org,
                &actor.author,
                NewCycle {
                    name: name.to_owned(),
                    under: under.map(str::to_owned),
                    framework_version: version,
                    stage: Stage::SelfAssessment.as_str().to_owned(),
                    dates: parsed.map(|d| d.map(|d| d.to_string())),
                    members,
                },
            )
            .await?;
        self.cycle_view(actor, &row, people).await
    }

    /// The organization's cycles, newest first. Everyone signed in sees which cycles there
    /// are and their stages; records are another matter.
    pub async fn cycles(&self, actor: &Actor) -> Result<Vec<CycleView>> {
        let rows = self.store.cycles(actor.org).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let people = self.store.cycle_records(actor.org, row.id).await?.len();
            out.push(self.cycle_view(actor, row, people).await?);
        }
        Ok(out)
    }

    pub async fn cycle(&self, actor: &Actor, id: i64) -> Result<CycleView> {
        let row = self.cycle_row(actor, id).await?;
        let people = self.store.cycle_records(actor.org, id).await?.len();
        self.cycle_view(actor, &row, people).await
    }

    /// Moves a cycle on to the next stage. Moving to "shared" shares every record with a
    /// submitted manager's rating and adds those ratings to the people's assessments. Admins
    /// only.
    pub async fn advance_cycle(&self, actor: &Actor, id: i64, to: &str) -> Result<CycleView> {
        policy::admin(actor, "move a review cycle on")?;
        let row = self.cycle_row(actor, id).await?;
        let from = stage_of(&row)?;
        let to = Stage::parse(to).ok_or_else(|| {
            AppError::field(
                "/to",
                format!("there is no stage `{to}`"),
                Some(&format!(
                    "the stages are {}",
                    Stage::ALL.map(|s| s.as_str()).join(", ")
                )),
            )
        })?;
        refused(cycle::advance(from, to))?;
        let records = self.store.cycle_records(actor.org, id).await?;
        let mut history = Vec::new();
        if to == Stage::Shared {
            let fw = self.framework_at(actor.org, row.framework_version).await?;
            for r in records
                .iter()
                .filter(|r| part_state(&r.manager_part.state) == PartState::Submitted)
            {
                let Some(body) = r.manager_part.body.as_deref() else {
                    continue;
                };
                let a = read_part(body, &fw)?;
                history.push(new_assessment(&fw, row.framework_version, &r.person, &a));
            }
        }
        let row = self
            .store
            .set_stage(
                actor.org,
                &actor.author,
                id,
                from.as_str(),
                to.as_str(),
                &history,
            )
            .await?;
        self.cycle_view(actor, &row, records.len()).await
    }

    /// The records the caller may see in a cycle: all for an admin, a manager's people and
    /// their own, a member's own.
    pub async fn cycle_records(&self, actor: &Actor, id: i64) -> Result<Vec<RecordView>> {
        let row = self.cycle_row(actor, id).await?;
        let records = self.store.cycle_records(actor.org, id).await?;
        let visible: Vec<CycleRecord> = match policy::scope(actor) {
            policy::Scope::Everyone => records,
            policy::Scope::Only(me) => records.into_iter().filter(|r| r.person == me).collect(),
            policy::Scope::Under(me) => {
                let under: std::collections::HashSet<String> = self
                    .store
                    .roster_rows(actor.org, Some(&me))
                    .await?
                    .into_iter()
                    .map(|p| p.id)
                    .collect();
                records
                    .into_iter()
                    .filter(|r| under.contains(&r.person))
                    .collect()
            }
            policy::Scope::NoOne => Vec::new(),
        };
        let names = self.names(actor).await?;
        let events = self.store.cycle_events(actor.org, id, None).await?;
        let mut by_person: HashMap<&str, Vec<&CycleEvent>> = HashMap::new();
        for e in &events {
            if let Some(p) = e.person.as_deref() {
                by_person.entry(p).or_default().push(e);
            }
        }
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let stage = stage_of(&row)?;
        visible
            .iter()
            .map(|r| {
                let viewer = match actor.role {
                    Role::Admin => Viewer::Admin,
                    _ if actor.person.as_deref() == Some(r.person.as_str()) => Viewer::Person,
                    _ => Viewer::Manager,
                };
                let ev = by_person
                    .get(r.person.as_str())
                    .cloned()
                    .unwrap_or_default();
                record_view(r, viewer, stage, &names, &ev, &fw)
            })
            .collect()
    }

    /// One person's record, as the caller may see it.
    pub async fn cycle_record(&self, actor: &Actor, id: i64, person: &str) -> Result<RecordView> {
        let row = self.cycle_row(actor, id).await?;
        let viewer = self.viewer(actor, person).await?;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        let events = self.store.cycle_events(actor.org, id, Some(person)).await?;
        let names = self.names(actor).await?;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let ev: Vec<&CycleEvent> = events.iter().collect();
        record_view(&r, viewer, stage_of(&row)?, &names, &ev, &fw)
    }

    /// Writes the caller's part of a record: their own self-assessment, or as the person's
    /// manager (or an admin) the manager's rating. Kept as a draft, or submitted.
    pub async fn write_part(
        &self,
        actor: &Actor,
        id: i64,
        person: &str,
        part: Part,
        input: PartInput,
    ) -> Result<RecordView> {
        let row = self.cycle_row(actor, id).await?;
        self.viewer(actor, person).await?;
        let own = actor.person.as_deref() == Some(person);
        match (part, own) {
            (Part::Own, true) | (Part::Manager, false) => {}
            (Part::Own, false) => {
                return Err(AppError::Forbidden(
                    "a self-assessment is written by the person themselves".into(),
                ));
            }
            (Part::Manager, true) => {
                return Err(AppError::Forbidden(
                    "the manager's rating of you is written by your manager".into(),
                ));
            }
        }
        let stage = stage_of(&row)?;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_write(stage, part, standing(&r).part(part)))?;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let p = self.store.person(actor.org, person).await?;
        let assessor = match (part, actor.person.as_deref()) {
            (Part::Own, _) => p.fields.name.clone(),
            (Part::Manager, Some(me)) => self.person_name(actor, me).await?,
            (Part::Manager, None) => actor.author.name.clone(),
        };
        let body = part_body(&fw, &p, &assessor, part, &input)?;
        let a = read_part(&body, &fw)?;
        let state = if input.submit {
            PartState::Submitted
        } else {
            PartState::Draft
        };
        // A submitted self-assessment joins the person's assessments at once; the manager's
        // rating joins them when the cycle shares it.
        let history = (input.submit && part == Part::Own)
            .then(|| new_assessment(&fw, row.framework_version, person, &a));
        let written = self
            .store
            .write_record(
                actor.org,
                &actor.author,
                id,
                person,
                RecordWrite {
                    version: input.version,
                    stage: stage.as_str().to_owned(),
                    part: Some(PartWrite {
                        part: part_name(part).to_owned(),
                        state: state.as_str().to_owned(),
                        body: Some(body),
                    }),
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: part_name(part).to_owned(),
                        detail: json!({ "state": state.as_str() }).to_string(),
                        reason: None,
                    },
                    history,
                },
            )
            .await?;
        let _ = written;
        self.cycle_record(actor, id, person).await
    }

    /// Reopens one submitted part of a record, with a reason. Admins only.
    pub async fn reopen_part(
        &self,
        actor: &Actor,
        id: i64,
        person: &str,
        input: Reopen,
    ) -> Result<RecordView> {
        policy::admin(actor, "reopen a record")?;
        let part = Part::parse(&input.part)
            .ok_or_else(|| AppError::field("/part", "a part is `self` or `manager`", None))?;
        let reason = cycle::reason(&input.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let row = self.cycle_row(actor, id).await?;
        let stage = stage_of(&row)?;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_reopen(stage, part, standing(&r).part(part)))?;
        let body = match part {
            Part::Own => r.own.body.clone(),
            Part::Manager => r.manager_part.body.clone(),
        };
        self.store
            .write_record(
                actor.org,
                &actor.author,
                id,
                person,
                RecordWrite {
                    version: input.version,
                    stage: stage.as_str().to_owned(),
                    part: Some(PartWrite {
                        part: part_name(part).to_owned(),
                        state: PartState::Draft.as_str().to_owned(),
                        body,
                    }),
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: "reopened".into(),
                        detail: json!({ "part": part.as_str() }).to_string(),
                        reason: Some(reason),
                    },
                    history: None,
                },
            )
            .await?;
        self.cycle_record(actor, id, person).await
    }

    /// A calibrated change to one rating of a manager's submitted rating, during calibration,
    /// with who, when and why kept. Admins only.
    pub async fn calibrate(
        &self,
        actor: &Actor,
        id: i64,
        person: &str,
        change: RatingChange,
    ) -> Result<RecordView> {
        policy::admin(actor, "calibrate a rating")?;
        let row = self.cycle_row(actor, id).await?;
        let stage = stage_of(&row)?;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_calibrate(stage, standing(&r).manager))?;
        let reason = cycle::reason(&change.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let (body, from) = changed_body(r.manager_part.body.as_deref(), &change, &fw)?;
        self.store
            .write_record(
                actor.org,
                &actor.author,
                id,
                person,
                RecordWrite {
                    version: change.version,
                    stage: stage.as_str().to_owned(),
                    part: Some(PartWrite {
                        part: "manager".into(),
                        state: PartState::Submitted.as_str().to_owned(),
                        body: Some(body),
                    }),
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: "calibrated".into(),
                        detail: json!({
                            "competency": change.competency,
                            "from": from,
                            "to": change.rating,
                        })
                        .to_string(),
                        reason: Some(reason),
                    },
                    history: None,
                },
            )
            .await?;
        self.cycle_record(actor, id, person).await
    }

    /// A correction after sharing: a new assessment in the person's history and an event with
    /// the reason; what was shared is never overwritten. Admins only.
    pub async fn correct(
        &self,
        actor: &Actor,
        id: i64,
        person: &str,
        change: RatingChange,
    ) -> Result<RecordView> {
        policy::admin(actor, "correct a shared rating")?;
        let row = self.cycle_row(actor, id).await?;
        let stage = stage_of(&row)?;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_correct(stage, &standing(&r)))?;
        let reason = cycle::reason(&change.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        // On top of the latest correction, if there is one.
        let events = self.store.cycle_events(actor.org, id, Some(person)).await?;
        let latest = events
            .iter()
            .rev()
            .find(|e| e.kind == "corrected")
            .and_then(|e| serde_json::from_str::<Value>(&e.detail).ok())
            .and_then(|d| d["body"].as_str().map(str::to_owned));
        let base = latest.or(r.manager_part.body.clone());
        let (body, from) = changed_body(base.as_deref(), &change, &fw)?;
        let a = read_part(&body, &fw)?;
        self.store
            .write_record(
                actor.org,
                &actor.author,
                id,
                person,
                RecordWrite {
                    version: change.version,
                    stage: stage.as_str().to_owned(),
                    part: None,
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: "corrected".into(),
                        detail: json!({
                            "competency": change.competency,
                            "from": from,
                            "to": change.rating,
                            "body": body,
                        })
                        .to_string(),
                        reason: Some(reason),
                    },
                    history: Some(new_assessment(&fw, row.framework_version, person, &a)),
                },
            )
            .await?;
        self.cycle_record(actor, id, person).await
    }

    /// Completion per part and per manager. Admins see the whole cycle, managers their people.
    pub async fn cycle_progress(&self, actor: &Actor, id: i64) -> Result<Progress> {
        policy::team(actor)?;
        let records = self.cycle_records(actor, id).await?;
        let names = self.names(actor).await?;
        let count = |f: &dyn Fn(&RecordView) -> bool| records.iter().filter(|r| f(r)).count();
        let mut per: BTreeMap<Option<String>, (usize, usize, usize)> = BTreeMap::new();
        for r in &records {
            let e = per.entry(r.manager.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(r.own.state == PartState::Submitted);
            e.2 += usize::from(r.manager_part.state == PartState::Submitted);
        }
        let mut managers: Vec<ManagerProgress> = per
            .into_iter()
            .map(|(m, (people, s, mgr))| ManagerProgress {
                name: m
                    .as_deref()
                    .map_or("No manager".to_owned(), |m| name_of(&names, m)),
                manager: m,
                people,
                self_submitted: s,
                manager_submitted: mgr,
            })
            .collect();
        managers.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Progress {
            people: records.len(),
            self_submitted: count(&|r| r.own.state == PartState::Submitted),
            self_draft: count(&|r| r.own.state == PartState::Draft),
            manager_submitted: count(&|r| r.manager_part.state == PartState::Submitted),
            manager_draft: count(&|r| r.manager_part.state == PartState::Draft),
            shared: count(&|r| r.state == cycle::RecordState::Shared),
            managers,
        })
    }

    /// What calibration shows: the admin sees the whole cycle, a manager the part they lead;
    /// no group under the minimum is shown and no one is ranked.
    pub async fn cycle_calibration(&self, actor: &Actor, id: i64) -> Result<CalibrationView> {
        policy::team(actor)?;
        let row = self.cycle_row(actor, id).await?;
        let stage = stage_of(&row)?;
        if stage < Stage::Calibration {
            return Err(AppError::Conflict(format!(
                "calibration opens when the cycle reaches it; the cycle is at {}",
                stage.name()
            )));
        }
        let records = self.cycle_records(actor, id).await?;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let ev = Evaluator::new(&fw);
        let names = self.names(actor).await?;
        let raw = self.store.cycle_records(actor.org, id).await?;
        let bodies: HashMap<&str, &CycleRecord> =
            raw.iter().map(|r| (r.person.as_str(), r)).collect();
        let mut rows = Vec::new();
        // A manager calibrates the people under them, never their own record: their own
        // rating reaches them only when the cycle shares it.
        let own = actor
            .person
            .as_deref()
            .filter(|_| actor.role != Role::Admin);
        for r in records.iter().filter(|r| {
            r.manager_part.state == PartState::Submitted && Some(r.person.as_str()) != own
        }) {
            let Some(stored) = bodies.get(r.person.as_str()) else {
                continue;
            };
            let Some(body) = stored.manager_part.body.as_deref() else {
                continue;
            };
            let manager = read_part(body, &fw)?;
            let own = match (part_state(&stored.own.state), stored.own.body.as_deref()) {
                (PartState::Submitted, Some(b)) => Some(read_part(b, &fw)?),
                _ => None,
            };
            rows.push(CalibrationRow::read(
                &ev,
                &r.person,
                &manager.assessor.name,
                &manager,
                own.as_ref(),
            ));
        }
        let calibration = CycleCalibration::new(&ev, &rows);
        let first_tier = fw.readiness_tiers().first().map(|t| t.id.clone());
        let mut candidates: Vec<Candidate> = rows
            .iter()
            .filter(|r| r.readiness.is_some() && r.readiness == first_tier)
            .map(|r| Candidate {
                person: r.person.clone(),
                name: name_of(&names, &r.person),
                shown: r.shown.clone(),
                next: r.next.clone(),
            })
            .collect();
        candidates.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(CalibrationView {
            calibration,
            candidates,
        })
    }

    /// What the caller must do next, in every cycle under way: their self-assessment, and as
    /// a manager the ratings of their people.
    pub async fn cycle_todos(&self, actor: &Actor) -> Result<Vec<CycleTodo>> {
        let today = Date::today();
        let mut out = Vec::new();
        let rows = self.store.cycles(actor.org).await?;
        let names = self.names(actor).await?;
        for row in rows.iter().filter(|r| r.stage != Stage::Closed.as_str()) {
            let stage = stage_of(row)?;
            let d = dates(row);
            let records = self.cycle_records(actor, row.id).await?;
            for r in &records {
                let s = Standing {
                    own: r.own.state,
                    manager: r.manager_part.state,
                    shared: r.state == cycle::RecordState::Shared,
                };
                // Each person's own part, and each manager's direct reports: a skip-level
                // manager or an admin may rate too, but the to-do is the direct manager's.
                let todo = if actor.person.as_deref() == Some(r.person.as_str()) {
                    cycle::own_todo(stage, &s, &d, today)
                } else if actor.person.is_some() && r.manager.as_deref() == actor.person.as_deref()
                {
                    cycle::manager_todo(
                        stage,
                        &s,
                        &r.person,
                        &name_of(&names, &r.person),
                        &d,
                        today,
                    )
                } else {
                    None
                };
                if let Some(todo) = todo {
                    out.push(CycleTodo {
                        cycle: row.id,
                        cycle_name: row.name.clone(),
                        todo,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The whole cycle, once closed, as JSON. Admins only.
    pub async fn export_cycle(&self, actor: &Actor, id: i64) -> Result<CycleExport> {
        policy::admin(actor, "export a review cycle")?;
        let cycle = self.cycle(actor, id).await?;
        if cycle.stage != Stage::Closed {
            return Err(AppError::Conflict(format!(
                "a cycle is exported once it is closed; this one is at {}",
                cycle.stage.name()
            )));
        }
        let records = self.cycle_records(actor, id).await?;
        Ok(CycleExport { cycle, records })
    }

    /// The closed cycle as CSV: a row per person and competency, formula cells neutralised.
    pub async fn export_cycle_csv(&self, actor: &Actor, id: i64) -> Result<String> {
        let e = self.export_cycle(actor, id).await?;
        let mut out = CsvOut::new(
            &[
                "cycle",
                "person",
                "name",
                "manager",
                "state",
                "shown_level",
                "competency",
                "self_rating",
                "manager_rating",
            ],
            e.records.len() * 20,
        )?;
        let none = String::new();
        for r in &e.records {
            let mut competencies: Vec<&String> = r
                .own
                .ratings
                .keys()
                .chain(r.manager_part.ratings.keys())
                .collect();
            competencies.sort();
            competencies.dedup();
            if competencies.is_empty() {
                competencies.push(&none);
            }
            for c in competencies {
                out.row([
                    e.cycle.name.as_str(),
                    &r.person,
                    &r.name,
                    r.manager.as_deref().unwrap_or_default(),
                    r.state.as_str(),
                    r.shown_level.as_deref().unwrap_or_default(),
                    c,
                    r.own.ratings.get(c).map_or("", String::as_str),
                    r.manager_part.ratings.get(c).map_or("", String::as_str),
                ])?;
            }
        }
        out.finish()
    }

    /// Everyone's name by id, for showing records.
    async fn names(&self, actor: &Actor) -> Result<HashMap<String, String>> {
        Ok(self
            .store
            .roster_rows(actor.org, None)
            .await?
            .into_iter()
            .map(|p| (p.id, p.fields.name))
            .collect())
    }
}

fn name_of(names: &HashMap<String, String>, id: &str) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

/// A part's assessment JSON, read against the cycle's framework.
fn read_part(body: &str, fw: &Framework) -> Result<rungs_core::assessment::Assessment> {
    rungs_core::assessment::load_as("record.json", body.as_bytes(), Format::Json, fw)
        .map(|l| l.assessment)
        .map_err(|e| AppError::invalid("the ratings are not valid", &e.diagnostics))
}

/// The assessment JSON of a part: what the person or manager rated, with who, whom and when.
fn part_body(
    fw: &Framework,
    p: &Person,
    assessor: &str,
    part: Part,
    input: &PartInput,
) -> Result<String> {
    let mut doc = json!({
        "person": p.fields.name,
        "person_id": p.id,
        "framework": fw.id(),
        "framework_version": fw.version(),
        "date": Date::today().to_string(),
        "track": p.fields.track,
        "assessor": { "kind": part.as_str(), "name": assessor },
        "ratings": input.ratings,
        "milestones": input.milestones,
    });
    if fw.level(&p.fields.level).is_some() {
        doc["level"] = json!(p.fields.level);
    }
    if let Some(n) = input
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        doc["notes"] = json!(n);
    }
    Ok(doc.to_string())
}

/// A stored body with one rating changed; and what it was before.
fn changed_body(
    body: Option<&str>,
    change: &RatingChange,
    fw: &Framework,
) -> Result<(String, Option<String>)> {
    let Some(mut doc) = body.and_then(|b| serde_json::from_str::<Value>(b).ok()) else {
        return Err(AppError::Conflict(
            "there is no manager's rating to change".into(),
        ));
    };
    if fw.competencies().all(|(_, c)| c.id != change.competency) {
        return Err(AppError::field(
            "/competency",
            format!("there is no competency `{}`", change.competency),
            None,
        ));
    }
    let from = doc["ratings"][&change.competency]
        .as_str()
        .map(str::to_owned)
        .or_else(|| {
            doc["ratings"][&change.competency]["level"]
                .as_str()
                .map(str::to_owned)
        });
    doc["ratings"][&change.competency] = json!(change.rating);
    let body = doc.to_string();
    // The changed rating must read, like any other.
    read_part(&body, fw).map_err(|_| {
        AppError::field(
            "/rating",
            format!(
                "`{}` is not a rating: give a level id, `below` or `not-assessed`",
                change.rating
            ),
            None,
        )
    })?;
    Ok((body, from))
}

fn record_view(
    r: &CycleRecord,
    viewer: Viewer,
    stage: Stage,
    names: &HashMap<String, String>,
    events: &[&CycleEvent],
    fw: &Arc<Framework>,
) -> Result<RecordView> {
    let s = standing(r);
    let part = |p: Part, stored: &rungs_store::CyclePart| {
        let visible = cycle::sees(viewer, p, &s);
        let said = ratings_of(stored.body.as_deref().filter(|_| visible));
        PartView {
            state: part_state(&stored.state),
            visible,
            ratings: said.ratings,
            milestones: said.milestones,
            notes: said.notes,
            at: visible.then_some(stored.at).flatten(),
            by: if visible { stored.by.clone() } else { None },
        }
    };
    let own = part(Part::Own, &r.own);
    let mut manager_part = part(Part::Manager, &r.manager_part);
    let view = |e: &&CycleEvent| {
        let mut detail: Value = serde_json::from_str(&e.detail).unwrap_or(Value::Null);
        if let Some(o) = detail.as_object_mut() {
            o.remove("body");
        }
        EventView {
            kind: e.kind.clone(),
            detail,
            reason: e.reason.clone(),
            at: e.at,
            by: e.by.clone(),
        }
    };
    let manager_visible = cycle::sees(viewer, Part::Manager, &s);
    let corrections: Vec<EventView> = if manager_visible {
        events
            .iter()
            .filter(|e| e.kind == "corrected")
            .map(view)
            .collect()
    } else {
        Vec::new()
    };
    let calibrations: Vec<EventView> = if manager_visible {
        events
            .iter()
            .filter(|e| e.kind == "calibrated")
            .map(view)
            .collect()
    } else {
        Vec::new()
    };
    // What the result is: the latest correction's, else the manager's rating.
    let latest_correction = events
        .iter()
        .rev()
        .find(|e| e.kind == "corrected")
        .and_then(|e| serde_json::from_str::<Value>(&e.detail).ok())
        .and_then(|d| d["body"].as_str().map(str::to_owned));
    if manager_visible && let Some(b) = latest_correction.as_deref() {
        let said = ratings_of(Some(b));
        manager_part.ratings = said.ratings;
        manager_part.milestones = said.milestones;
    }
    let shown_level = if manager_visible {
        latest_correction
            .as_deref()
            .or(r.manager_part.body.as_deref())
            .and_then(|b| read_part(b, fw).ok())
            .and_then(|a| Evaluator::new(fw).outcome(&a).level)
    } else {
        None
    };
    Ok(RecordView {
        cycle: r.cycle,
        person: r.person.clone(),
        name: name_of(names, &r.person),
        manager: r.manager.clone(),
        state: s.state(),
        words: s.words(),
        steps: s.steps(stage),
        own,
        manager_part,
        shown_level,
        corrections,
        calibrations,
        version: r.version,
    })
}
