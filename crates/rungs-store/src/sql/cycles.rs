//! Review cycles, their records and their events. Every write checks, in the statement that
//! makes it, that the cycle is still at the stage and the record at the version the caller
//! read: two people acting at once cannot both act on what one of them changed.

use crate::sql::Ids;
use rungs_core::{CycleId, PersonId};
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use rungs_core::Date;
use rungs_core::cycle::{Dates, Part, PartState, Stage};

use super::records::insert_assessment;
use super::{SqlStore, audit, bulk, day, found};
use crate::{
    Author, CycleEvent, CyclePart, CycleRecord, CycleRow, CycleTally, Cycles, NewAssessment,
    NewCycle, NewCycleEvent, OrgId, RatingsBulk, RecordWrite, Result, StoreError, UnsummedPart,
    now,
};

const CYCLE_COLUMNS: &str = "id, name, under_key, framework_version, stage, self_due, \
     manager_due, calibration_due, shared_due, created_at, created_by, updated_at";
const RECORD_COLUMNS: &str = "cycle_id, person_key, manager_key, own_state, own_body, own_at, \
     manager_state, manager_body, manager_by, manager_at, shared_at, version";
const EVENT_COLUMNS: &str = "id, person_key, kind, detail, reason, at, by_name";

/// Records written by one statement when a cycle is created (6 values a row).
const RECORDS_PER_STATEMENT: usize = 2000;

fn stage(text: &str) -> Result<Stage> {
    Stage::parse(text).ok_or_else(|| StoreError::Damaged(format!("the stored stage `{text}`")))
}

/// [`RECORD_COLUMNS`] with each part's body left empty.
fn without_bodies() -> String {
    RECORD_COLUMNS
        .replace("own_body", "CAST(NULL AS TEXT) AS own_body")
        .replace("manager_body", "CAST(NULL AS TEXT) AS manager_body")
}

/// The prefix of a part's columns: `own_…` or `manager_…`.
fn part_columns(part: Part) -> &'static str {
    match part {
        Part::Own => "own",
        Part::Manager => "manager",
    }
}

/// `$first, $first + 1, …`: `n` numbered parameters for an `IN` list.
fn parameters(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn part_state(text: &str) -> Result<PartState> {
    PartState::parse(text)
        .ok_or_else(|| StoreError::Damaged(format!("the stored state of a part `{text}`")))
}

fn due(r: &AnyRow, column: &str) -> Result<Option<Date>> {
    r.try_get::<Option<String>, _>(column)?
        .as_deref()
        .map(day)
        .transpose()
}

fn cycle_row(r: &AnyRow) -> Result<CycleRow> {
    Ok(CycleRow {
        id: r.number_id("id")?,
        name: r.try_get("name")?,
        under: r.text_id_opt("under_key")?,
        framework_version: r.number_id("framework_version")?,
        stage: stage(&r.try_get::<String, _>("stage")?)?,
        dates: Dates {
            self_assessment: due(r, "self_due")?,
            manager_assessment: due(r, "manager_due")?,
            calibration: due(r, "calibration_due")?,
            shared: due(r, "shared_due")?,
        },
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn record_row(r: &AnyRow) -> Result<CycleRecord> {
    Ok(CycleRecord {
        cycle: r.number_id("cycle_id")?,
        person: r.text_id("person_key")?,
        manager: r.text_id_opt("manager_key")?,
        own: CyclePart {
            state: part_state(&r.try_get::<String, _>("own_state")?)?,
            body: r.try_get("own_body")?,
            at: r.try_get("own_at")?,
            by: None,
        },
        manager_part: CyclePart {
            state: part_state(&r.try_get::<String, _>("manager_state")?)?,
            body: r.try_get("manager_body")?,
            at: r.try_get("manager_at")?,
            by: r.try_get("manager_by")?,
        },
        shared_at: r.try_get("shared_at")?,
        version: r.try_get("version")?,
    })
}

fn event_row(r: &AnyRow) -> Result<CycleEvent> {
    Ok(CycleEvent {
        id: r.try_get("id")?,
        person: r.text_id_opt("person_key")?,
        kind: r.try_get("kind")?,
        detail: r.try_get("detail")?,
        reason: r.try_get("reason")?,
        at: r.try_get("at")?,
        by: r.try_get("by_name")?,
    })
}

async fn add_event(
    tx: &mut sqlx::AnyConnection,
    org: OrgId,
    by: &Author,
    cycle: CycleId,
    e: &NewCycleEvent,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO cycle_events (cycle_id, org_id, person_key, kind, detail, reason, at, by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(cycle.0)
    .bind(org.0)
    .bind(e.person.as_deref())
    .bind(&e.kind)
    .bind(&e.detail)
    .bind(&e.reason)
    .bind(now())
    .bind(&by.name)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn changed() -> StoreError {
    StoreError::Conflict(
        "the cycle or the record changed since it was read: read it again and retry".into(),
    )
}

#[async_trait::async_trait]
impl Cycles for SqlStore {
    async fn create_cycle(&self, org: OrgId, by: &Author, new: NewCycle) -> Result<CycleRow> {
        let mut tx = self.write().await?;
        let at = now();
        let row = sqlx::query(&format!(
            "INSERT INTO cycles (org_id, name, under_key, framework_version, stage, self_due,
               manager_due, calibration_due, shared_due, created_at, created_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10) RETURNING {CYCLE_COLUMNS}"
        ))
        .bind(org.0)
        .bind(&new.name)
        .bind(new.under.as_deref())
        .bind(new.framework_version.0)
        .bind(new.stage.as_str())
        .bind(new.dates.self_assessment.map(|d| d.to_string()))
        .bind(new.dates.manager_assessment.map(|d| d.to_string()))
        .bind(new.dates.calibration.map(|d| d.to_string()))
        .bind(new.dates.shared.map(|d| d.to_string()))
        .bind(at)
        .bind(&by.name)
        .fetch_one(&mut *tx)
        .await?;
        let cycle = cycle_row(&row)?;
        for chunk in new.members.chunks(RECORDS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO cycle_records (cycle_id, org_id, person_key, manager_key, own_state,
                   manager_state, version) VALUES {}",
                super::values(self.backend, chunk.len(), 7)
            );
            let mut q = sqlx::query(&sql);
            for (person, manager) in chunk {
                q = q
                    .bind(cycle.id.0)
                    .bind(org.0)
                    .bind(person.as_str())
                    .bind(manager.as_deref())
                    .bind(PartState::NotStarted.as_str())
                    .bind(PartState::NotStarted.as_str())
                    .bind(1i64);
            }
            q.execute(&mut *tx).await?;
        }
        let detail = json!({
            "name": new.name,
            "under": new.under,
            "framework_version": new.framework_version,
            "people": new.members.len(),
        });
        let event = NewCycleEvent {
            person: None,
            kind: "created".into(),
            detail: detail.to_string(),
            reason: None,
        };
        add_event(&mut tx, org, by, cycle.id, &event).await?;
        audit(&mut tx, org, by, "cycle.create", &new.name, detail).await?;
        tx.commit().await?;
        Ok(cycle)
    }

    async fn cycles(&self, org: OrgId) -> Result<Vec<CycleRow>> {
        sqlx::query(&format!(
            "SELECT {CYCLE_COLUMNS} FROM cycles WHERE org_id = $1 ORDER BY id DESC"
        ))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(cycle_row)
        .collect()
    }

    async fn cycle(&self, org: OrgId, id: CycleId) -> Result<CycleRow> {
        let row = sqlx::query(&format!(
            "SELECT {CYCLE_COLUMNS} FROM cycles WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        cycle_row(&found(row, "cycle")?)
    }

    async fn set_stage(
        &self,
        org: OrgId,
        by: &Author,
        id: CycleId,
        (from, to): (Stage, Stage),
        share: &[(PersonId, i64)],
        history: &[NewAssessment],
    ) -> Result<CycleRow> {
        let mut tx = self.write().await?;
        let at = now();
        let row = sqlx::query(&format!(
            "UPDATE cycles SET stage = $1, updated_at = $2
             WHERE org_id = $3 AND id = $4 AND stage = $5 RETURNING {CYCLE_COLUMNS}"
        ))
        .bind(to.as_str())
        .bind(at)
        .bind(org.0)
        .bind(id.0)
        .bind(from.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            // Either no such cycle, or it moved on since it was read.
            sqlx::query("SELECT id FROM cycles WHERE org_id = $1 AND id = $2")
                .bind(org.0)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound("cycle"))?;
            return Err(changed());
        };
        let cycle = cycle_row(&row)?;
        // The records the caller read as ready to share, each still at the version it read.
        for (person, version) in share {
            let done = sqlx::query(
                "UPDATE cycle_records SET shared_at = $1, version = version + 1
                 WHERE cycle_id = $2 AND org_id = $3 AND person_key = $4 AND version = $5",
            )
            .bind(at)
            .bind(id.0)
            .bind(org.0)
            .bind(person.as_str())
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done != 1 {
                return Err(changed());
            }
        }
        for a in history {
            insert_assessment(&mut tx, self.backend, org, by, a).await?;
        }
        let detail = json!({ "from": from.as_str(), "to": to.as_str(), "shared": share.len() });
        let event = NewCycleEvent {
            person: None,
            kind: "stage".into(),
            detail: detail.to_string(),
            reason: None,
        };
        add_event(&mut tx, org, by, id, &event).await?;
        audit(&mut tx, org, by, "cycle.stage", &cycle.name, detail).await?;
        tx.commit().await?;
        Ok(cycle)
    }

    async fn cycle_sizes(&self, org: OrgId) -> Result<Vec<(CycleId, i64)>> {
        let rows = sqlx::query(
            "SELECT cycle_id, COUNT(*) AS people FROM cycle_records WHERE org_id = $1 \
             GROUP BY cycle_id",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.number_id("cycle_id")?, r.try_get("people")?)))
            .collect()
    }

    async fn cycle_records(&self, org: OrgId, cycle: CycleId) -> Result<Vec<CycleRecord>> {
        sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM cycle_records WHERE org_id = $1 AND cycle_id = $2
             ORDER BY person_key"
        ))
        .bind(org.0)
        .bind(cycle.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(record_row)
        .collect()
    }

    async fn cycle_records_of(
        &self,
        org: OrgId,
        cycle: CycleId,
        people: &[PersonId],
    ) -> Result<Vec<CycleRecord>> {
        let mut out = Vec::with_capacity(people.len());
        // A thousand at a time: well under either database's limit on parameters.
        for chunk in people.chunks(1000) {
            let sql = format!(
                "SELECT {RECORD_COLUMNS} FROM cycle_records
                 WHERE org_id = $1 AND cycle_id = $2 AND person_key IN ({})",
                parameters(3, chunk.len())
            );
            let mut q = sqlx::query(&sql).bind(org.0).bind(cycle.0);
            for p in chunk {
                q = q.bind(p.as_str());
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push(record_row(&row)?);
            }
        }
        out.sort_by(|a, b| a.person.cmp(&b.person));
        Ok(out)
    }

    async fn cycle_ratings(&self, org: OrgId, cycle: CycleId) -> Result<RatingsBulk> {
        // Only the summaries, from the index that holds them: never the bodies. A submitted
        // part without one reads as empty.
        let sql = bulk::select(
            self.backend,
            &[
                "version",
                "person_key",
                "manager_key",
                "CASE WHEN own_state = $3 THEN COALESCE(own_summary, '') END",
                "COALESCE(manager_summary, '')",
            ],
            "cycle_records WHERE org_id = $1 AND cycle_id = $2 AND manager_state = $3",
        );
        let text = sqlx::query(&sql)
            .bind(org.0)
            .bind(cycle.0)
            .bind(PartState::Submitted.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(RatingsBulk {
            text: bulk::Text(text),
        })
    }

    async fn unsummed_parts(
        &self,
        part: Part,
        after: Option<(CycleId, PersonId)>,
        limit: i64,
    ) -> Result<Vec<UnsummedPart>> {
        let p = part_columns(part);
        let (cycle, person) = after.map_or((-1, String::new()), |(c, p)| (c.0, p.to_string()));
        sqlx::query(&format!(
            "SELECT r.org_id, r.cycle_id, r.person_key, c.framework_version, r.{p}_body AS body
             FROM cycle_records r JOIN cycles c ON c.id = r.cycle_id
             WHERE r.{p}_state = $1 AND COALESCE(r.{p}_summary, '') = '' AND r.{p}_body IS NOT NULL
               AND (r.cycle_id > $2 OR (r.cycle_id = $2 AND r.person_key > $3))
             ORDER BY r.cycle_id, r.person_key LIMIT $4"
        ))
        .bind(PartState::Submitted.as_str())
        .bind(cycle)
        .bind(person)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(UnsummedPart {
                org: OrgId(r.try_get("org_id")?),
                cycle: r.number_id("cycle_id")?,
                person: r.text_id("person_key")?,
                framework_version: r.number_id("framework_version")?,
                body: r.try_get("body")?,
            })
        })
        .collect()
    }

    async fn keep_summaries(
        &self,
        part: Part,
        summaries: &[(CycleId, PersonId, String)],
    ) -> Result<()> {
        let sql = format!(
            "UPDATE cycle_records SET {}_summary = $1 WHERE cycle_id = $2 AND person_key = $3",
            part_columns(part)
        );
        let mut tx = self.write().await?;
        for (cycle, person, summary) in summaries {
            sqlx::query(&sql)
                .bind(summary)
                .bind(cycle.0)
                .bind(person.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn cycle_states_for(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: &PersonId,
    ) -> Result<Vec<CycleRecord>> {
        sqlx::query(&format!(
            "SELECT {} FROM cycle_records WHERE org_id = $1 AND cycle_id = $2
               AND (person_key = $3 OR manager_key = $3)
             ORDER BY person_key",
            without_bodies()
        ))
        .bind(org.0)
        .bind(cycle.0)
        .bind(person.as_str())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(record_row)
        .collect()
    }

    async fn cycle_states(&self, org: OrgId, cycle: CycleId) -> Result<Vec<CycleRecord>> {
        // In bulk: row by row, 100,000 records took over a second.
        let sql = bulk::select(
            self.backend,
            &[
                "version",
                "person_key",
                "manager_key",
                "own_state",
                "own_at",
                "manager_state",
                "manager_by",
                "manager_at",
                "shared_at",
            ],
            "cycle_records WHERE org_id = $1 AND cycle_id = $2",
        );
        let row = sqlx::query(&sql)
            .bind(org.0)
            .bind(cycle.0)
            .fetch_one(&self.pool)
            .await?;
        type Cells = (
            i64,
            String,
            Option<String>,
            String,
            Option<i64>,
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Cells> = bulk::rows(row.try_get("rows")?)?;
        let mut records = rows
            .into_iter()
            .map(
                |(version, person, manager, own, own_at, mgr, by, mgr_at, shared_at)| {
                    Ok(CycleRecord {
                        cycle,
                        person: PersonId::from(person),
                        manager: manager.map(PersonId::from),
                        own: CyclePart {
                            state: part_state(&own)?,
                            body: None,
                            at: own_at,
                            by: None,
                        },
                        manager_part: CyclePart {
                            state: part_state(&mgr)?,
                            body: None,
                            at: mgr_at,
                            by,
                        },
                        shared_at,
                        version,
                    })
                },
            )
            .collect::<Result<Vec<_>>>()?;
        records.sort_by(|a, b| a.person.cmp(&b.person));
        Ok(records)
    }

    async fn cycle_tallies(
        &self,
        org: OrgId,
        cycle: CycleId,
        me: Option<&PersonId>,
    ) -> Result<Vec<CycleTally>> {
        // In bulk: a large review has a row for each of thousands of managers.
        let sql = bulk::select(
            self.backend,
            &[
                "records",
                "manager_key",
                "own_record",
                "own_state",
                "manager_state",
                "shared",
            ],
            "(SELECT manager_key,
                 CAST(CASE WHEN person_key = $3 THEN 1 ELSE 0 END AS BIGINT) AS own_record,
                 own_state, manager_state,
                 CAST(CASE WHEN shared_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS shared,
                 COUNT(*) AS records
               FROM cycle_records WHERE org_id = $1 AND cycle_id = $2
               GROUP BY manager_key, 2, own_state, manager_state, 5) t",
        );
        let row = sqlx::query(&sql)
            .bind(org.0)
            .bind(cycle.0)
            .bind(me.map(|m| m.as_str()))
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<(i64, Option<String>, i64, String, String, i64)> =
            bulk::rows(row.try_get("rows")?)?;
        rows.into_iter()
            .map(|(records, manager, own_record, own, mgr, shared)| {
                Ok(CycleTally {
                    manager: manager.map(PersonId::from),
                    own_record: own_record == 1,
                    own: part_state(&own)?,
                    manager_part: part_state(&mgr)?,
                    shared: shared == 1,
                    records,
                })
            })
            .collect()
    }

    async fn cycle_record(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: &PersonId,
    ) -> Result<CycleRecord> {
        let row = sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM cycle_records
             WHERE org_id = $1 AND cycle_id = $2 AND person_key = $3"
        ))
        .bind(org.0)
        .bind(cycle.0)
        .bind(person.as_str())
        .fetch_optional(&self.pool)
        .await?;
        record_row(&found(row, "record")?)
    }

    async fn write_record(
        &self,
        org: OrgId,
        by: &Author,
        cycle: CycleId,
        person: &PersonId,
        write: RecordWrite,
    ) -> Result<CycleRecord> {
        let mut tx = self.write().await?;
        let at = now();
        let (mut sets, next) = match write.part.as_ref().map(|p| p.part) {
            Some(Part::Own) => (
                "own_state = $6, own_body = $7, own_summary = $8, own_at = $9, ".to_owned(),
                10,
            ),
            Some(Part::Manager) => (
                "manager_state = $6, manager_body = $7, manager_summary = $8, manager_at = $9, \
                 manager_by = $10, "
                    .to_owned(),
                11,
            ),
            None => (String::new(), 6),
        };
        if write.hand_to.is_some() {
            sets += &format!("manager_key = ${next}, ");
        }
        let sql = format!(
            "UPDATE cycle_records SET {sets}version = version + 1
             WHERE org_id = $1 AND cycle_id = $2 AND person_key = $3 AND version = $4
               AND EXISTS (SELECT 1 FROM cycles WHERE cycles.id = $2 AND cycles.stage = $5)
             RETURNING {RECORD_COLUMNS}"
        );
        let mut q = sqlx::query(&sql)
            .bind(org.0)
            .bind(cycle.0)
            .bind(person.as_str())
            .bind(write.version)
            .bind(write.stage.as_str());
        if let Some(p) = &write.part {
            // A part set back to not started (a hand-over) has no time or author.
            let started = p.state != PartState::NotStarted;
            q = q
                .bind(p.state.as_str())
                .bind(&p.body)
                .bind(&p.summary)
                .bind(started.then_some(at));
            if p.part == Part::Manager {
                q = q.bind(started.then_some(by.name.as_str()));
            }
        }
        if let Some(m) = &write.hand_to {
            q = q.bind(m.as_str());
        }
        let Some(row) = q.fetch_optional(&mut *tx).await? else {
            sqlx::query("SELECT 1 FROM cycle_records WHERE org_id = $1 AND cycle_id = $2 AND person_key = $3")
                .bind(org.0)
                .bind(cycle.0)
                .bind(person.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound("record"))?;
            return Err(changed());
        };
        let record = record_row(&row)?;
        add_event(&mut tx, org, by, cycle, &write.event).await?;
        if let Some(a) = &write.history {
            insert_assessment(&mut tx, self.backend, org, by, a).await?;
        }
        let detail: serde_json::Value =
            serde_json::from_str(&write.event.detail).unwrap_or(serde_json::Value::Null);
        audit(
            &mut tx,
            org,
            by,
            &format!("cycle.{}", write.event.kind),
            person,
            json!({ "cycle": cycle, "detail": detail, "reason": write.event.reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn cycle_events(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: Option<&PersonId>,
    ) -> Result<Vec<CycleEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM cycle_events WHERE org_id = $1 AND cycle_id = $2{} ORDER BY id",
            if person.is_some() {
                " AND person_key = $3"
            } else {
                ""
            }
        );
        let mut q = sqlx::query(&sql).bind(org.0).bind(cycle.0);
        if let Some(p) = person {
            q = q.bind(p.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(event_row)
            .collect()
    }
}
