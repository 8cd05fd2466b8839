//! Review cycles: creating one, moving it through its stages, each person's record in it, who
//! sees what, calibration, to-dos and the export. The rules are rungs-core's `cycle` module;
//! this layer reads and writes what they allow, for every face.

mod views;
use rungs_core::{CycleId, PersonId};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
pub use views::*;

use rungs_core::Framework;
use rungs_core::cycle::{
    self, CalibrationRow, CycleCalibration, Dates, Part, PartState, RatedPart, Refused, Stage,
    Standing, Step, Todo, Viewer,
};
use rungs_core::eval::Evaluator;
use rungs_core::limits;
use rungs_core::{Date, Format};
use rungs_store::{
    CycleEvent, CycleRecord, CycleRow, CycleTally, NewCycle, NewCycleEvent, PartWrite, Person,
    RecordWrite, Role,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::assessments::new_assessment;
use crate::csv_out::CsvOut;
use crate::error::{AppError, Result};
use crate::{Actor, policy};

mod records;
use records::read_part;
mod report;

fn refused(r: std::result::Result<(), Refused>) -> Result<()> {
    r.map_err(|e| AppError::Conflict(e.0))
}

fn standing(r: &CycleRecord) -> Standing {
    Standing {
        own: r.own.state,
        manager: r.manager_part.state,
        shared: r.shared_at.is_some(),
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

/// What a stored part says, read by the one loader; nothing when there is no body (or one
/// that no longer reads against the cycle's framework).
fn ratings_of(body: Option<&str>, fw: &Framework) -> Said {
    let Some(a) = body.and_then(|b| records::read_part(b, fw).ok()) else {
        return Said {
            ratings: BTreeMap::new(),
            milestones: Vec::new(),
            notes: None,
        };
    };
    Said {
        ratings: a
            .ratings
            .iter()
            .filter(|r| r.rating != rungs_core::assessment::Rating::NotAssessed)
            .map(|r| (r.competency.to_string(), r.rating.as_str().to_owned()))
            .collect(),
        milestones: a.milestones.iter().map(|m| m.id.clone()).collect(),
        notes: a.notes,
    }
}

impl crate::Cycles<'_> {
    /// The caller's relation to a record: the person themselves, an admin, or a manager who
    /// answers for it ([`cycle::answers_for`]: the manager the review recorded, or above them
    /// now); anyone else may not see the record at all (not found).
    async fn viewer(&self, actor: &Actor, r: &CycleRecord) -> Result<Viewer> {
        let own = actor.person.as_deref() == Some(r.person.as_str());
        let manages = match (actor.role, actor.person.as_deref()) {
            (Role::Admin, _) => true,
            (Role::Manager, Some(me)) if !own => {
                let above = match r.manager.as_deref() {
                    Some(m) if m != me => self
                        .store
                        .managers_of(actor.org, &PersonId::from(m))
                        .await?
                        .iter()
                        .any(|x| x == me),
                    _ => false,
                };
                cycle::answers_for(me, r.manager.as_deref(), above)
            }
            _ => false,
        };
        if !own && !manages {
            return Err(AppError::NotFound("record"));
        }
        Ok(Viewer::of(actor.role == Role::Admin, own))
    }

    async fn cycle_row(&self, actor: &Actor, id: CycleId) -> Result<CycleRow> {
        Ok(self.store.cycle(actor.org, id).await?)
    }

    async fn cycle_view(&self, actor: &Actor, row: &CycleRow, people: usize) -> Result<CycleView> {
        let stage = row.stage;
        let (current, _) = self.framework(actor.org).await?;
        let d = row.dates;
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
        if name.is_empty() {
            return Err(AppError::field(
                "/name",
                "a cycle needs a name",
                Some("for example \"H2 2026 review\""),
            ));
        }
        AppError::limited("/name", "the cycle's name", name, limits::CYCLE_NAME)?;
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
            .filter(|u| !u.is_empty())
            .map(PersonId::from);
        if let Some(u) = &under {
            self.store
                .person(actor.org, u)
                .await
                .map_err(|_| AppError::field("/under", format!("no one has the id `{u}`"), None))?;
        }
        let members: Vec<(PersonId, Option<PersonId>)> = self
            .store
            .roster_rows(actor.org, under.as_ref())
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
                    under,
                    framework_version: version,
                    stage: Stage::SelfAssessment,
                    dates: d,
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
        let sizes = self.store.cycle_sizes(actor.org).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let people = sizes
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |s| s.1);
            let people = usize::try_from(people).unwrap_or(0);
            out.push(self.cycle_view(actor, row, people).await?);
        }
        Ok(out)
    }

    pub async fn cycle(&self, actor: &Actor, id: CycleId) -> Result<CycleView> {
        let row = self.cycle_row(actor, id).await?;
        let people = self
            .store
            .cycle_sizes(actor.org)
            .await?
            .into_iter()
            .find_map(|(c, n)| (c == id).then_some(n))
            .map_or(0, |n| usize::try_from(n).unwrap_or(0));
        self.cycle_view(actor, &row, people).await
    }

    /// What moving the cycle on from its stage would leave undone ([`cycle::left_undone`]),
    /// in sentences; empty when nothing.
    pub async fn cycle_undone(&self, actor: &Actor, id: CycleId) -> Result<Vec<String>> {
        policy::admin(actor, "move a review cycle on")?;
        let row = self.cycle_row(actor, id).await?;
        let tallies = self.store.cycle_tallies(actor.org, id, None).await?;
        Ok(undone(row.stage, &tallies))
    }

    /// Moves a cycle on to the next stage. Moving to "shared" shares every record with a
    /// submitted manager's rating and adds those ratings to the people's assessments. When the
    /// move would leave parts undone ([`App::cycle_undone`]) it is refused, saying what, unless
    /// `confirm` is set. Admins only.
    pub async fn advance_cycle(
        &self,
        actor: &Actor,
        id: CycleId,
        to: &str,
        confirm: bool,
    ) -> Result<CycleView> {
        policy::admin(actor, "move a review cycle on")?;
        let row = self.cycle_row(actor, id).await?;
        let from = row.stage;
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
        let tallies = self.store.cycle_tallies(actor.org, id, None).await?;
        let left = undone(from, &tallies);
        if !confirm && !left.is_empty() {
            return Err(AppError::Conflict(format!(
                "moving on to {} would leave this undone: {}. Confirm to move on anyway (on the \
                 API, send \"confirm\": true)",
                to.name(),
                left.join("; ")
            )));
        }
        let (mut share, mut history) = (Vec::new(), Vec::new());
        if to == Stage::Shared {
            let fw = self.framework_at(actor.org, row.framework_version).await?;
            let records = self.store.cycle_records(actor.org, id).await?;
            for r in records
                .iter()
                .filter(|r| cycle::shared_on_sharing(&standing(r)))
            {
                share.push((r.person.clone(), r.version));
                let Some(body) = r.manager_part.body.as_deref() else {
                    continue;
                };
                let a = read_part(body, &fw)?;
                history.push(new_assessment(&fw, row.framework_version, &r.person, &a));
            }
        }
        let row = self
            .store
            .set_stage(actor.org, &actor.author, id, (from, to), &share, &history)
            .await?;
        self.cycle_view(actor, &row, records(&tallies)).await
    }

    /// The review a person is in that has not shared its results yet, if any (the newest,
    /// should there be two): while it runs, their self-assessment and their manager's rating
    /// are written in its record ([`cycle::outside_review`]). For someone the caller may see.
    pub async fn open_review(
        &self,
        actor: &Actor,
        person: &PersonId,
    ) -> Result<Option<OpenReview>> {
        policy::see_person(self, actor, person).await?;
        for row in self.store.cycles(actor.org).await? {
            if row.stage >= Stage::Shared {
                continue;
            }
            match self.store.cycle_record(actor.org, row.id, person).await {
                Ok(_) => {
                    return Ok(Some(OpenReview {
                        cycle: row.id,
                        name: row.name,
                        stage: row.stage,
                        record: format!("/cycles/{}/people/{person}", row.id),
                    }));
                }
                Err(rungs_store::StoreError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(None)
    }

    /// An assessment of `kind` made outside the person's review while it runs is refused,
    /// saying where to write it instead.
    pub(crate) async fn outside_review(
        &self,
        actor: &Actor,
        person: &PersonId,
        kind: rungs_core::assessment::AssessorKind,
    ) -> Result<()> {
        let Some(review) = self.open_review(actor, person).await? else {
            return Ok(());
        };
        cycle::outside_review(&review.name, review.stage, kind)
            .map_err(|e| AppError::Conflict(format!("{}; it is at {}", e.0, review.record)))
    }

    /// Everyone's name by id, for showing records.
    async fn names(&self, actor: &Actor) -> Result<HashMap<PersonId, String>> {
        Ok(self.store.names(actor.org).await?.into_iter().collect())
    }
}

/// How many records the tallies that `keep` keeps count.
fn counted(tallies: &[CycleTally], keep: &dyn Fn(&CycleTally) -> bool) -> usize {
    tallies
        .iter()
        .filter(|t| keep(t))
        .map(|t| usize::try_from(t.records).unwrap_or(0))
        .sum()
}

/// How many records the tallies count.
fn records(tallies: &[CycleTally]) -> usize {
    counted(tallies, &|_| true)
}

/// What leaving `from` leaves undone of these records.
fn undone(from: Stage, tallies: &[CycleTally]) -> Vec<String> {
    cycle::left_undone(
        from,
        records(tallies),
        counted(tallies, &|t| t.own == PartState::Submitted),
        counted(tallies, &|t| t.manager_part == PartState::Submitted),
    )
}

fn name_of(names: &HashMap<PersonId, String>, id: &str) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}
