//! Assessments and milestone evidence, only ever added, and the audit log.
//!
//! An assessment's fields are columns: the track, the level held, the ratings as one byte per
//! competency (a BLOB), the milestones met as ids separated by `;`, and the evidence as a small
//! JSON object (`{"ratings": {…}, "milestones": {…}}`) that only a person's own pages read.

mod rows;
use crate::sql::Ids;
use rows::*;
use rungs_core::assessment::StoredFields;
use rungs_core::{AssessmentId, PersonId, VersionId};
use serde_json::{Map, Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::bulk::{self, AssessmentsBulk, hex, unhex};
use super::{SqlStore, assessor_kind, audit, day, found, values};
use crate::{
    AssessmentHead, AssessmentRecord, AuditEntry, Author, Evidence, LegacyAssessment,
    NewAssessment, NewEvidence, OrgId, Records, Result, StoreError, now,
};

const ASSESSMENT_COLUMNS: &str = "id, person_key, framework_version, date, assessor_kind, \
     assessor, track, level, ratings, milestones, evidence, notes, created_at, created_by";
const EVIDENCE_COLUMNS: &str = "id, person_key, milestone, note, link, created_at, created_by";

/// Assessments written by one statement of an import: 13 values a row stays under both
/// backends' limits on parameters (SQLite's 32,766, PostgreSQL's 65,535).
const ROWS_PER_STATEMENT: usize = 2000;

/// The statement that writes `rows` assessments.
fn insert_statement(backend: crate::Backend, rows: usize) -> String {
    format!(
        "INSERT INTO assessments (org_id, person_key, framework_version, date, assessor_kind,
           assessor, track, level, ratings, milestones, evidence, notes, created_at, created_by)
         VALUES {}",
        values(backend, rows, 14)
    )
}

/// Assessments written by one statement of a PostgreSQL import, as one JSON parameter.
const ROWS_PER_DOCUMENT: usize = 10_000;

/// PostgreSQL's import statement: the assessments as one JSON array of arrays (`$2`, see
/// [`document`]) unpacked by the server, rather than 14 parameters a row for it to parse and
/// plan (4.3 to 6.6 times `psql \copy` of the same rows).
const IMPORT_DOCUMENT: &str = "INSERT INTO assessments (org_id, person_key, framework_version,
       date, assessor_kind, assessor, track, level, ratings, milestones, evidence, notes,
       created_at, created_by)
     SELECT $1, r->>0, (r->>1)::BIGINT, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, r->>8,
       r->>9, r->>10, $3, $4
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS rows (r, n)
     ORDER BY n";

/// The assessments of one PostgreSQL import statement as its JSON document.
fn document(new: &[NewAssessment]) -> Result<String> {
    let cells: Vec<Value> = new
        .iter()
        .map(|a| {
            let f = &a.fields;
            json!([
                f.person.as_str(),
                a.framework_version.0,
                f.date.to_string(),
                f.kind.as_str(),
                f.assessor,
                f.track,
                f.level.as_deref(),
                hex(&f.ratings),
                milestone_ids(f),
                evidence_json(f),
                f.notes
            ])
        })
        .collect();
    serde_json::to_string(&cells).map_err(|e| StoreError::Damaged(format!("assessments: {e}")))
}

/// Adds one assessment, with its audit entry, within a transaction.
pub(super) async fn insert_assessment(
    tx: &mut sqlx::AnyConnection,
    backend: crate::Backend,
    org: OrgId,
    by: &Author,
    new: &NewAssessment,
) -> Result<AssessmentRecord> {
    let f = &new.fields;
    let row = sqlx::query(&format!(
        "{} RETURNING {ASSESSMENT_COLUMNS}",
        insert_statement(backend, 1)
    ))
    .bind(org.0)
    .bind(f.person.as_str())
    .bind(new.framework_version.0)
    .bind(f.date.to_string())
    .bind(f.kind.as_str())
    .bind(&f.assessor)
    .bind(&f.track)
    .bind(f.level.as_deref())
    .bind(hex(&f.ratings))
    .bind(milestone_ids(f))
    .bind(evidence_json(f))
    .bind(&f.notes)
    .bind(now())
    .bind(&by.name)
    .fetch_one(&mut *tx)
    .await?;
    let a = assessment(&row)?;
    let detail = json!({ "id": a.id, "date": a.fields.date.to_string(), "assessor_kind": a.fields.kind.as_str() });
    audit(tx, org, by, "assessment.add", &a.fields.person, detail).await?;
    Ok(a)
}

#[async_trait::async_trait]
impl Records for SqlStore {
    async fn add_assessment(
        &self,
        org: OrgId,
        by: &Author,
        new: NewAssessment,
    ) -> Result<AssessmentRecord> {
        let mut tx = self.write().await?;
        let a = insert_assessment(&mut tx, self.backend, org, by, &new).await?;
        tx.commit().await?;
        Ok(a)
    }

    async fn import_assessments(
        &self,
        org: OrgId,
        by: &Author,
        new: &[NewAssessment],
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<u64> {
        let mut tx = self.write().await?;
        let at = now();
        let mut done = 0;
        if self.backend == crate::Backend::Postgres {
            for chunk in new.chunks(ROWS_PER_DOCUMENT) {
                sqlx::query(IMPORT_DOCUMENT)
                    .bind(org.0)
                    .bind(document(chunk)?)
                    .bind(at)
                    .bind(&by.name)
                    .execute(&mut *tx)
                    .await?;
                done += chunk.len();
                progress(done);
            }
        } else {
            let full = insert_statement(self.backend, ROWS_PER_STATEMENT);
            for chunk in new.chunks(ROWS_PER_STATEMENT) {
                let last;
                let sql = if chunk.len() == ROWS_PER_STATEMENT {
                    &full
                } else {
                    last = insert_statement(self.backend, chunk.len());
                    &last
                };
                let mut q = sqlx::query(sql);
                for a in chunk {
                    let f = &a.fields;
                    q = q
                        .bind(org.0)
                        .bind(a.fields.person.as_str())
                        .bind(a.framework_version.0)
                        .bind(a.fields.date.to_string())
                        .bind(a.fields.kind.as_str())
                        .bind(&a.fields.assessor)
                        .bind(&f.track)
                        .bind(f.level.as_deref())
                        .bind(hex(&f.ratings))
                        .bind(milestone_ids(f))
                        .bind(evidence_json(f))
                        .bind(&f.notes)
                        .bind(at)
                        .bind(&by.name);
                }
                q.execute(&mut *tx).await?;
                done += chunk.len();
                progress(done);
            }
        }
        let kinds = |kind: &str| {
            new.iter()
                .filter(|a| a.fields.kind.as_str() == kind)
                .count()
        };
        let detail = json!({
            "assessments": new.len(),
            "self": kinds("self"),
            "manager": kinds("manager"),
            "peer": kinds("peer"),
        });
        audit(
            &mut tx,
            org,
            by,
            "assessments.import",
            &format!("{} assessments", new.len()),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(new.len() as u64)
    }

    async fn assessment(&self, org: OrgId, id: AssessmentId) -> Result<AssessmentRecord> {
        let row = sqlx::query(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        assessment(&found(row, "assessment")?)
    }

    async fn assessments(
        &self,
        org: OrgId,
        person: Option<&PersonId>,
    ) -> Result<Vec<AssessmentRecord>> {
        let columns: Vec<&str> = ASSESSMENT_COLUMNS.split(", ").map(str::trim).collect();
        let from = match person {
            Some(_) => "assessments WHERE org_id = $1 AND person_key = $2",
            None => "assessments WHERE org_id = $1",
        };
        let sql = bulk::select(self.backend, &columns, from);
        let mut q = sqlx::query(&sql).bind(org.0);
        if let Some(p) = person {
            q = q.bind(p.as_str());
        }
        let text: String = q.fetch_one(&self.pool).await?.try_get("rows")?;
        let mut out = bulk::rows::<Cells>(&text)?
            .into_iter()
            .map(from_cells)
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| {
            (&a.fields.person, &a.fields.date, a.id).cmp(&(&b.fields.person, &b.fields.date, b.id))
        });
        Ok(out)
    }

    async fn assessment_heads(&self, org: OrgId, person: &PersonId) -> Result<Vec<AssessmentHead>> {
        // Read in bulk, as one text: row by row, the driver's decoding costs more than the rows.
        let sql = bulk::select(
            self.backend,
            &["id", "framework_version", "date", "assessor_kind"],
            "assessments WHERE org_id = $1 AND person_key = $2",
        );
        let text: String = sqlx::query(&sql)
            .bind(org.0)
            .bind(person.as_str())
            .fetch_one(&self.pool)
            .await?
            .try_get("rows")?;
        let mut heads: Vec<AssessmentHead> = bulk::rows::<(i64, i64, String, String)>(&text)?
            .into_iter()
            .map(|(id, framework_version, date, kind)| {
                Ok(AssessmentHead {
                    id: AssessmentId(id),
                    framework_version: VersionId(framework_version),
                    date: day(&date)?,
                    assessor_kind: assessor_kind(&kind)?,
                })
            })
            .collect::<Result<_>>()?;
        heads.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
        Ok(heads)
    }

    async fn assessments_page(
        &self,
        org: OrgId,
        under: Option<&PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<AssessmentsBulk> {
        // The part drives the query, each of its people's assessments looked up by person
        // (`+id` keeps SQLite off the index by id, which it otherwise walked whole for each
        // person: 4 s for a 176-person part at 100,000 people, 5 ms this way).
        let (with, from) = match under {
            Some(_) => (
                format!("{} ", super::roster::below(4)),
                "below CROSS JOIN assessments WHERE assessments.person_key = part_key
                 AND assessments.org_id = $1 AND +assessments.id > $2",
            ),
            None => (
                String::new(),
                "assessments WHERE assessments.org_id = $1 AND assessments.id > $2",
            ),
        };
        let from = format!("(SELECT assessments.* FROM {from} ORDER BY assessments.id LIMIT $3) a");
        let sql = format!(
            "{with}{}",
            bulk::select(self.backend, &bulk::SUMMARY_COLUMNS, &from)
        );
        let mut q = sqlx::query(&sql).bind(org.0).bind(after).bind(limit);
        if let Some(u) = under {
            q = q.bind(u.as_str());
        }
        Ok(AssessmentsBulk {
            text: bulk::Text(q.fetch_one(&self.pool).await?),
        })
    }

    async fn assessment_versions(&self, org: OrgId) -> Result<Vec<VersionId>> {
        let rows = sqlx::query(
            "SELECT DISTINCT framework_version FROM assessments WHERE org_id = $1
             ORDER BY framework_version",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| r.number_id("framework_version"))
            .collect()
    }

    async fn assessment_version_counts(&self, org: OrgId) -> Result<Vec<(VersionId, i64)>> {
        let rows = sqlx::query(
            "SELECT framework_version, COUNT(*) AS n FROM assessments WHERE org_id = $1
             GROUP BY framework_version ORDER BY framework_version",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.number_id("framework_version")?, r.try_get("n")?)))
            .collect()
    }

    async fn legacy_assessments(&self, limit: i64) -> Result<Vec<LegacyAssessment>> {
        let rows = sqlx::query(
            "SELECT id, org_id, person_key, framework_version, legacy_body FROM assessments
             WHERE track IS NULL ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LegacyAssessment {
                    id: r.number_id("id")?,
                    org: OrgId(r.try_get("org_id")?),
                    person: r.text_id("person_key")?,
                    framework_version: r.number_id("framework_version")?,
                    body: r
                        .try_get::<Option<String>, _>("legacy_body")?
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn convert_legacy(&self, id: AssessmentId, f: &StoredFields) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE assessments SET track = $1, level = $2, ratings = $3, milestones = $4,
               evidence = $5, notes = $6, legacy_body = NULL
             WHERE id = $7 AND track IS NULL",
        )
        .bind(&f.track)
        .bind(f.level.as_deref())
        .bind(hex(&f.ratings))
        .bind(milestone_ids(f))
        .bind(evidence_json(f))
        .bind(&f.notes)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_evidence(&self, org: OrgId, by: &Author, new: NewEvidence) -> Result<Evidence> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO evidence (org_id, person_key, milestone, note, link, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {EVIDENCE_COLUMNS}"
        ))
        .bind(org.0)
        .bind(new.person.as_str())
        .bind(&new.milestone)
        .bind(&new.note)
        .bind(&new.link)
        .bind(now())
        .bind(&by.name)
        .fetch_one(&mut *tx)
        .await?;
        let e = evidence(&row)?;
        let detail = json!({ "id": e.id, "milestone": e.milestone });
        audit(&mut tx, org, by, "evidence.add", &e.person, detail).await?;
        tx.commit().await?;
        Ok(e)
    }

    async fn evidence(&self, org: OrgId, person: &PersonId) -> Result<Vec<Evidence>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE org_id = $1 AND person_key = $2 ORDER BY id"
        ))
        .bind(org.0)
        .bind(person.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(evidence).collect()
    }

    async fn audit(&self, org: OrgId, limit: i64, before: Option<i64>) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, target, detail FROM audit
             WHERE org_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(org.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 1000))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    target: r.try_get("target")?,
                    detail: super::json(r, "detail")?,
                })
            })
            .collect()
    }
}
