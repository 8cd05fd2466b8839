//! Assessments, only ever added, and what they show of a person: the level, the gap and
//! readiness for a target, a development plan and a promotion packet. Milestone evidence sits
//! beside them.

mod growth;
use rungs_core::{AssessmentId, PersonId, VersionId};
use std::sync::Arc;

use rungs_core::assessment::{Assessment, AssessorKind, Document, StoredFields};
use rungs_core::eval::{
    Assessed, Evaluator, Gaps, Packet, Plan, RatingChart, Readinesses, TargetError,
};
use rungs_core::framework::LevelPos;
use rungs_core::limits;
use rungs_core::{Date, Format, Framework};
use rungs_store::{AssessmentHead, AssessmentRecord, NewAssessment, NewEvidence};
use serde::Serialize;

use crate::answers::{self, Evidence};
use crate::error::{AppError, Result};
use crate::{Actor, policy};

/// A stored assessment as every face shows it: its record, and the assessment in the
/// assessment-file format.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentView {
    pub id: AssessmentId,
    /// The person's roster id.
    pub person: PersonId,
    /// The version of the organization's framework it was made against.
    pub framework_version: VersionId,
    /// When it was recorded, in milliseconds since the Unix epoch.
    pub created_at: i64,
    /// Who recorded it.
    pub created_by: String,
    pub assessment: Document,
}

/// Which of a person's assessments a view reads, and what it aims at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aim {
    /// The level to aim for (id, title or alias); default: the next rung.
    pub to: Option<String>,
    /// One assessment by id; default: the person's latest ([`rungs_core::assessment::latest`]).
    pub assessment: Option<AssessmentId>,
}

/// The latest of some of a person's assessments, by the rule of
/// [`rungs_core::assessment::latest`].
fn latest_of<'a>(heads: &[&'a AssessmentHead]) -> Option<&'a AssessmentHead> {
    let key = |h: &&AssessmentHead| (h.date, h.assessor_kind);
    rungs_core::assessment::latest(heads, Date::today(), key).map(|i| heads[i])
}

/// A person's assessment as read, with its framework version.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub record: AssessmentRecord,
    pub assessment: Assessment,
    pub framework: Arc<Framework>,
    /// What picks among the person's assessments (read once, for what sets others beside it).
    pub history: Vec<AssessmentHead>,
}

/// A promotion packet and what it was built from.
#[derive(Debug, Clone)]
pub struct PacketView {
    pub packet: Packet,
    pub framework: Arc<Framework>,
}

/// The store's fields for an assessment read against `fw`.
pub(crate) fn new_assessment(
    fw: &Framework,
    version: VersionId,
    person: &PersonId,
    a: &Assessment,
) -> NewAssessment {
    NewAssessment {
        framework_version: version,
        fields: StoredFields::from_assessment(fw, a, person),
    }
}

/// Reads an assessment sent as JSON (an assessment file) against a framework, or every
/// problem in it by JSON path.
fn parse(bytes: &[u8], fw: &Framework) -> Result<Assessment> {
    rungs_core::assessment::load_as("assessment.json", bytes, Format::Json, fw)
        .map(|l| l.assessment)
        .map_err(|e| AppError::invalid("the assessment is not valid", &e.diagnostics))
}

/// An assessment given as typed values, checked by the rules a file is read by; each problem
/// at its place as a JSON pointer (`/ratings/discovery`).
fn checked(doc: &Document, fw: &Framework) -> Result<Assessment> {
    rungs_core::assessment::check(doc, fw)
        .map(|l| l.assessment)
        .map_err(|e| AppError::at_paths("the assessment is not valid", &e.diagnostics))
}

/// A target that could not be settled, as a problem at `location` (`?to`, `--to`).
pub fn target_error(location: &str, e: &TargetError) -> AppError {
    match e {
        TargetError::Unknown(u) => AppError::unknown(location, u),
        TargetError::AtTop { .. } => {
            AppError::field(location, e.to_string(), Some("name a target level"))
        }
        TargetError::AtSplit { ids, .. } => AppError::field(
            location,
            e.to_string(),
            Some(&format!(
                "name the one to aim for ({}); the track questions help choose",
                ids.join(" or ")
            )),
        ),
    }
}

impl crate::Assessments<'_> {
    /// The person's name on the roster, for assessments read from the store.
    pub(crate) async fn person_name(&self, actor: &Actor, person: &PersonId) -> Result<String> {
        Ok(self
            .store
            .person(actor.org, person)
            .await
            .map(|p| p.fields.name)
            .unwrap_or_else(|_| person.to_string()))
    }

    /// A stored assessment, read against the framework version it was made with.
    pub async fn read_stored(
        &self,
        actor: &Actor,
        record: &AssessmentRecord,
    ) -> Result<(Assessment, Arc<Framework>)> {
        let fw = self
            .framework_at(actor.org, record.framework_version)
            .await?;
        let name = self.person_name(actor, &record.fields.person).await?;
        let a = record.fields.to_assessment(&fw, &name).map_err(|e| {
            AppError::Internal(format!(
                "stored assessment {} does not read: {e}",
                record.id
            ))
        })?;
        Ok((a, fw))
    }

    /// A stored assessment read against the version it was made with and placed on the
    /// version in use, as the team report places it ([`StoredFields::placed_on`]): what a
    /// person's level, gap, readiness and plan are read from on every face.
    pub(crate) async fn on_current(
        &self,
        actor: &Actor,
        record: &AssessmentRecord,
    ) -> Result<(Assessment, Arc<Framework>)> {
        let (version, current) = self.framework(actor.org).await?;
        if record.framework_version == version {
            return self.read_stored(actor, record).await;
        }
        let made_with = self
            .framework_at(actor.org, record.framework_version)
            .await?;
        let name = self.person_name(actor, &record.fields.person).await?;
        let a = record
            .fields
            .placed_on(&made_with, &current)
            .to_assessment(&current, &name)
            .map_err(|e| {
                AppError::Internal(format!(
                    "stored assessment {} does not place on the version in use: {e}",
                    record.id
                ))
            })?;
        Ok((a, current))
    }

    pub(crate) async fn view(
        &self,
        actor: &Actor,
        record: AssessmentRecord,
    ) -> Result<AssessmentView> {
        let (a, _) = self.read_stored(actor, &record).await?;
        Ok(AssessmentView {
            id: record.id,
            person: record.fields.person,
            framework_version: record.framework_version,
            created_at: record.created_at,
            created_by: record.created_by,
            assessment: a.to_document(),
        })
    }

    /// Adds an assessment of a person: the JSON of an assessment file, checked against the
    /// organization's current framework. A manager assesses the people under them; everyone
    /// may add their own self-assessment. Nothing is ever overwritten.
    pub async fn add_assessment(
        &self,
        actor: &Actor,
        person: &PersonId,
        bytes: &[u8],
    ) -> Result<AssessmentView> {
        let (version, fw) = self.framework(actor.org).await?;
        let a = parse(bytes, &fw)?;
        self.add_checked(actor, person, (version, &fw), a).await
    }

    /// Adds an assessment given as typed values (a form's answers), checked as a file is.
    pub async fn add_document(
        &self,
        actor: &Actor,
        person: &PersonId,
        doc: &Document,
    ) -> Result<AssessmentView> {
        let (version, fw) = self.framework(actor.org).await?;
        let a = checked(doc, &fw)?;
        self.add_checked(actor, person, (version, &fw), a).await
    }

    /// Stores an assessment read against the current framework (`version`, `fw`).
    async fn add_checked(
        &self,
        actor: &Actor,
        person: &PersonId,
        (version, fw): (VersionId, &Framework),
        a: Assessment,
    ) -> Result<AssessmentView> {
        if let Some(other) = a.person_id.as_deref().filter(|p| *p != person) {
            return Err(AppError::field(
                "/person_id",
                format!("the assessment is of `{other}`, not `{person}`"),
                Some("post it to that person, or leave person_id out"),
            ));
        }
        policy::assess(self, actor, person, a.assessor.kind.as_str()).await?;
        self.cycles()
            .outside_review(actor, person, a.assessor.kind)
            .await?;
        let record = self
            .store
            .add_assessment(
                actor.org,
                &actor.author,
                new_assessment(fw, version, person, &a),
            )
            .await?;
        self.view(actor, record).await
    }

    /// One stored assessment's record, if the actor may see its person.
    async fn record(&self, actor: &Actor, id: AssessmentId) -> Result<AssessmentRecord> {
        let record = self.store.assessment(actor.org, id).await?;
        policy::see_person(self, actor, &record.fields.person)
            .await
            .map_err(|_| AppError::NotFound("assessment"))?;
        Ok(record)
    }

    /// One assessment.
    pub async fn assessment(&self, actor: &Actor, id: AssessmentId) -> Result<AssessmentView> {
        let record = self.record(actor, id).await?;
        self.view(actor, record).await
    }

    /// A person's assessments, oldest first.
    /// A page of a person's assessments, oldest first: at most `limit` (1 to 1,000) of those
    /// after the assessment `after`, and the id to ask after for the next page, if there is one.
    pub async fn assessments_page(
        &self,
        actor: &Actor,
        person: &PersonId,
        after: Option<AssessmentId>,
        limit: usize,
    ) -> Result<(Vec<AssessmentView>, Option<AssessmentId>)> {
        policy::see_person(self, actor, person).await?;
        let limit = limit.clamp(1, 1000);
        let mut records = self.store.assessments(actor.org, Some(person)).await?;
        records.sort_by_key(|r| r.id);
        let rest: Vec<AssessmentRecord> = records
            .into_iter()
            .filter(|r| after.is_none_or(|a| r.id > a))
            .collect();
        let more = rest.len() > limit;
        let mut out = Vec::new();
        for r in rest.into_iter().take(limit) {
            out.push(self.view(actor, r).await?);
        }
        let next = if more { out.last().map(|v| v.id) } else { None };
        Ok((out, next))
    }

    pub async fn assessments_of(
        &self,
        actor: &Actor,
        person: &PersonId,
    ) -> Result<Vec<AssessmentView>> {
        policy::see_person(self, actor, person).await?;
        let mut out = Vec::new();
        for r in self.store.assessments(actor.org, Some(person)).await? {
            out.push(self.view(actor, r).await?);
        }
        Ok(out)
    }

    /// A person's latest assessment by one kind of assessor (self, manager), by the one rule for
    /// "latest" ([`rungs_core::assessment::latest`]); none if they have none of that kind.
    pub async fn latest_of_kind(
        &self,
        actor: &Actor,
        person: &PersonId,
        kind: AssessorKind,
    ) -> Result<Option<AssessmentView>> {
        policy::see_person(self, actor, person).await?;
        let heads = self.store.assessment_heads(actor.org, person).await?;
        let of_kind: Vec<&AssessmentHead> =
            heads.iter().filter(|h| h.assessor_kind == kind).collect();
        match latest_of(&of_kind) {
            Some(h) => {
                let record = self.store.assessment(actor.org, h.id).await?;
                Ok(Some(self.view(actor, record).await?))
            }
            None => Ok(None),
        }
    }

    /// The level an assessment (the JSON of an assessment file) puts someone at, and why,
    /// without keeping it.
    pub async fn evaluate(&self, actor: &Actor, bytes: &[u8]) -> Result<Assessed> {
        let (_, fw) = self.framework(actor.org).await?;
        let a = parse(bytes, &fw)?;
        Ok(Evaluator::new(&fw).assessed(&a, None))
    }

    /// [`App::evaluate`] for an assessment given as typed values.
    pub async fn evaluate_document(&self, actor: &Actor, doc: &Document) -> Result<Assessed> {
        let (_, fw) = self.framework(actor.org).await?;
        let a = checked(doc, &fw)?;
        Ok(Evaluator::new(&fw).assessed(&a, None))
    }

    /// The level a stored assessment puts the person at, and why, read against the framework
    /// version it was made with.
    pub async fn evaluation(&self, actor: &Actor, id: AssessmentId) -> Result<Assessed> {
        let r = self.record(actor, id).await?;
        let (a, fw) = self.read_stored(actor, &r).await?;
        Ok(Evaluator::new(&fw).assessed(&a, None))
    }

    /// The person's assessment that stands for them today: the one asked for, or their latest
    /// by the one rule for "latest".
    pub async fn latest_record(
        &self,
        actor: &Actor,
        person: &PersonId,
        which: Option<AssessmentId>,
    ) -> Result<AssessmentRecord> {
        policy::see_person(self, actor, person).await?;
        let heads = self.store.assessment_heads(actor.org, person).await?;
        self.pick(actor, person, which, &heads).await
    }

    /// Of a person's assessments, the one asked for or the latest, read whole.
    async fn pick(
        &self,
        actor: &Actor,
        person: &PersonId,
        which: Option<AssessmentId>,
        heads: &[AssessmentHead],
    ) -> Result<AssessmentRecord> {
        let Some(id) = which else {
            // The person was seen by the caller; their latest needs no other check.
            let heads: Vec<&AssessmentHead> = heads.iter().collect();
            let latest = latest_of(&heads)
                .ok_or_else(|| AppError::Missing(format!("{person} has no assessment yet")))?;
            return Ok(self.store.assessment(actor.org, latest.id).await?);
        };
        let r = self.record(actor, id).await?;
        if r.fields.person != *person {
            return Err(AppError::NotFound("assessment"));
        }
        Ok(r)
    }

    /// The person's assessment the aim picks, and its framework; the person's assessments are
    /// read once.
    pub async fn person_view(
        &self,
        actor: &Actor,
        person: &PersonId,
        aim: &Aim,
    ) -> Result<PersonView> {
        policy::see_person(self, actor, person).await?;
        let history = self.store.assessment_heads(actor.org, person).await?;
        let record = self.pick(actor, person, aim.assessment, &history).await?;
        let (assessment, framework) = self.on_current(actor, &record).await?;
        let now = self.store.person(actor.org, person).await?;
        let assessment = assessment.held_now(&framework, &now.fields.level, &now.fields.track);
        Ok(PersonView {
            record,
            assessment,
            framework,
            history,
        })
    }
}
