//! A record's parts: reading them as each viewer may, writing them, and an admin's reopening,
//! calibrated change and correction after sharing.

mod parts;
mod read;
pub(super) use parts::*;
use rungs_core::assessment::{Assessment, Assessor, Document, MilestoneEntry, Rating, RatingEntry};
use rungs_core::{CycleId, LevelId, PersonId};

use super::*;

impl crate::Cycles<'_> {
    /// One person's record, as the caller may see it.
    pub async fn cycle_record(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
    ) -> Result<RecordView> {
        let row = self.cycle_row(actor, id).await?;
        let r = self.record_for(actor, id, person).await?;
        let viewer = self.viewer(actor, &r).await?;
        let own = actor.person.as_deref() == Some(person);
        let events = self.store.cycle_events(actor.org, id, Some(person)).await?;
        let names = self.names(actor).await?;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let ev: Vec<&CycleEvent> = events.iter().collect();
        record_view(&r, (viewer, own), row.stage, &names, &ev, &fw)
    }

    /// Whether the caller's part, as `input` has it, could be submitted now: every check
    /// [`App::write_part`] makes, nothing written.
    pub async fn part_ready(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        part: Part,
        input: &PartInput,
    ) -> Result<()> {
        let (_, fw, a) = self.part_to_write(actor, id, person, part, input).await?;
        submittable(&fw, &a, input)
    }

    /// The caller's part as they would write it, after every check of who and when: the
    /// cycle, its framework and the assessment the part would hold.
    async fn part_to_write(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        part: Part,
        input: &PartInput,
    ) -> Result<(CycleRow, Arc<Framework>, Assessment)> {
        let row = self.cycle_row(actor, id).await?;
        let r = self.record_for(actor, id, person).await?;
        let viewer = self.viewer(actor, &r).await?;
        let own = actor.person.as_deref() == Some(person);
        if viewer.writes(own) != part {
            return Err(AppError::Forbidden(match part {
                Part::Own => "a self-assessment is written by the person themselves".into(),
                Part::Manager => "the manager's rating of you is written by your manager".into(),
            }));
        }
        refused(cycle::may_write(row.stage, part, standing(&r).part(part)))?;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let p = self.store.person(actor.org, person).await?;
        let assessor = match (part, actor.person.as_deref()) {
            (Part::Own, _) => p.fields.name.clone(),
            (Part::Manager, Some(me)) => {
                self.assessments()
                    .person_name(actor, &PersonId::from(me))
                    .await?
            }
            (Part::Manager, None) => actor.author.name.clone(),
        };
        let a = part_assessment(&fw, &p, &assessor, part, input)?;
        Ok((row, fw, a))
    }

    /// A person's record in a cycle; not found (as for a record the caller may not see) when
    /// they are not in it.
    async fn record_for(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
    ) -> Result<CycleRecord> {
        match self.store.cycle_record(actor.org, id, person).await {
            Err(rungs_store::StoreError::NotFound(_)) => Err(AppError::NotFound("record")),
            other => Ok(other?),
        }
    }

    /// Writes the caller's part of a record: their own self-assessment, or as the person's
    /// manager (or an admin) the manager's rating. Kept as a draft, or submitted: only when it
    /// is complete ([`cycle::unfinished`]).
    pub async fn write_part(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        part: Part,
        input: PartInput,
    ) -> Result<RecordView> {
        let (row, fw, a) = self.part_to_write(actor, id, person, part, &input).await?;
        let stage = row.stage;
        if input.submit {
            submittable(&fw, &a, &input)?;
        }
        let body = body_of(&a)?;
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
                    stage,
                    part: Some(PartWrite {
                        part,
                        state,
                        body: Some(body),
                        summary: Some(summary_of(&fw, &a)),
                    }),
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: part_name(part).to_owned(),
                        detail: json!({ "state": state.as_str() }).to_string(),
                        reason: None,
                    },
                    history,
                    hand_to: None,
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
        id: CycleId,
        person: &PersonId,
        input: Reopen,
    ) -> Result<RecordView> {
        policy::admin(actor, "reopen a record")?;
        let part = Part::parse(&input.part)
            .ok_or_else(|| AppError::field("/part", "a part is `self` or `manager`", None))?;
        let reason = cycle::reason(&input.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let row = self.cycle_row(actor, id).await?;
        let stage = row.stage;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_reopen(stage, part, standing(&r).part(part)))?;
        let body = match part {
            Part::Own => r.own.body.clone(),
            Part::Manager => r.manager_part.body.clone(),
        };
        let detail = json!({ "part": part.as_str() });
        // A draft is never calibrated: its summary is written again when it is submitted.
        let part = PartWrite {
            part,
            state: PartState::Draft,
            body,
            summary: None,
        };
        let change = AdminChange {
            version: input.version,
            part: Some(part),
            kind: "reopened",
            detail,
            reason,
            history: None,
            hand_to: None,
        };
        self.admin_change(actor, id, person, stage, change).await
    }

    /// A calibrated change to one rating of a manager's submitted rating, during calibration,
    /// with who, when and why kept. Admins only.
    pub async fn calibrate(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        change: RatingChange,
    ) -> Result<RecordView> {
        policy::admin(actor, "calibrate a rating")?;
        let row = self.cycle_row(actor, id).await?;
        let stage = row.stage;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_calibrate(stage, standing(&r).manager))?;
        let reason = cycle::reason(&change.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let (a, from) = changed(r.manager_part.body.as_deref(), &change, &fw)?;
        let body = body_of(&a)?;
        let part = PartWrite {
            part: Part::Manager,
            state: PartState::Submitted,
            body: Some(body),
            summary: Some(summary_of(&fw, &a)),
        };
        let detail = json!({ "competency": change.competency, "from": from, "to": change.rating });
        let change = AdminChange {
            version: change.version,
            part: Some(part),
            kind: "calibrated",
            detail,
            reason,
            history: None,
            hand_to: None,
        };
        self.admin_change(actor, id, person, stage, change).await
    }

    /// A correction after sharing: a new assessment in the person's history and an event with
    /// the reason; what was shared is never overwritten. Admins only.
    pub async fn correct(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        change: RatingChange,
    ) -> Result<RecordView> {
        policy::admin(actor, "correct a shared rating")?;
        let row = self.cycle_row(actor, id).await?;
        let stage = row.stage;
        let r = self.store.cycle_record(actor.org, id, person).await?;
        refused(cycle::may_correct(stage, &standing(&r)))?;
        let reason = cycle::reason(&change.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        // On top of the latest correction, if there is one.
        let events = self.store.cycle_events(actor.org, id, Some(person)).await?;
        let base = latest_correction(events.iter()).or(r.manager_part.body.clone());
        let (a, from) = changed(base.as_deref(), &change, &fw)?;
        let body = body_of(&a)?;
        let detail = json!({
            "competency": change.competency,
            "from": from,
            "to": change.rating,
            "body": body,
        });
        let change = AdminChange {
            version: change.version,
            part: None,
            kind: "corrected",
            detail,
            reason,
            history: Some(new_assessment(&fw, row.framework_version, person, &a)),
            hand_to: None,
        };
        self.admin_change(actor, id, person, stage, change).await
    }

    /// Hands a person's record to another manager, with a reason, before the results are
    /// shared ([`cycle::may_hand_over`]). A manager's draft is set aside: kept with the
    /// hand-over in the record's history, never shown to the new manager, who starts the
    /// rating afresh; a submitted rating stays as it is. Admins only.
    pub async fn hand_over(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        input: HandOver,
    ) -> Result<RecordView> {
        policy::admin(actor, "hand a record to another manager")?;
        let reason = cycle::reason(&input.reason)
            .map_err(|e| AppError::field("/reason", e.0, None))?
            .to_owned();
        let row = self.cycle_row(actor, id).await?;
        let r = self.record_for(actor, id, person).await?;
        let to = input.to.trim();
        self.store
            .person(actor.org, &PersonId::from(to))
            .await
            .map_err(|_| {
                AppError::field(
                    "/to",
                    format!("no one on the roster has the id `{to}`"),
                    Some("choose the manager from the list"),
                )
            })?;
        refused(cycle::may_hand_over(
            row.stage,
            person,
            r.manager.as_deref(),
            to,
        ))?;
        let draft = r.manager_part.state == PartState::Draft;
        let part = draft.then_some(PartWrite {
            part: Part::Manager,
            state: PartState::NotStarted,
            body: None,
            summary: None,
        });
        let detail = json!({
            "from": r.manager,
            "to": to,
            "draft_set_aside": draft,
            "body": if draft { r.manager_part.body.clone() } else { None },
        });
        let change = AdminChange {
            version: input.version,
            part,
            kind: "handed",
            detail,
            reason,
            history: None,
            hand_to: Some(PersonId::from(to)),
        };
        self.admin_change(actor, id, person, row.stage, change)
            .await
    }

    /// Writes an admin's change to a record (reopening, a calibrated change, a correction): the
    /// part it changes, if any, the event that says what and why, and the history entry, if
    /// any; then the record as the admin sees it.
    async fn admin_change(
        &self,
        actor: &Actor,
        id: CycleId,
        person: &PersonId,
        stage: Stage,
        change: AdminChange,
    ) -> Result<RecordView> {
        self.store
            .write_record(
                actor.org,
                &actor.author,
                id,
                person,
                RecordWrite {
                    version: change.version,
                    stage,
                    part: change.part,
                    event: NewCycleEvent {
                        person: Some(person.to_owned()),
                        kind: change.kind.into(),
                        detail: change.detail.to_string(),
                        reason: Some(change.reason),
                    },
                    history: change.history,
                    hand_to: change.hand_to,
                },
            )
            .await?;
        self.cycle_record(actor, id, person).await
    }
}

/// An admin's change to a record, for [`App::admin_change`].
struct AdminChange {
    /// The record's version the change was made on.
    version: i64,
    part: Option<PartWrite>,
    /// The event: `reopened`, `calibrated`, `corrected`.
    kind: &'static str,
    detail: Value,
    reason: String,
    history: Option<rungs_store::NewAssessment>,
    /// The manager the record is handed to, for a hand-over.
    hand_to: Option<PersonId>,
}
