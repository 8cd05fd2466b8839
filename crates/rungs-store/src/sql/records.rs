//! Assessments and milestone evidence, only ever added, and the audit log.
//!
//! An assessment's fields are columns: the track, the level held, the ratings as one byte per
//! competency (a BLOB), the milestones met as ids separated by `;`, and the evidence as a small
//! JSON object (`{"ratings": {…}, "milestones": {…}}`) that only a person's own pages read.

use rungs_core::assessment::StoredFields;
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

/// The milestone ids as kept: separated by `;` (ids never hold one).
fn milestone_ids(fields: &StoredFields) -> Option<String> {
    (!fields.milestones.is_empty()).then(|| {
        fields
            .milestones
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join(";")
    })
}

/// The evidence as kept: JSON, or nothing when there is none.
fn evidence_json(fields: &StoredFields) -> Option<String> {
    let ratings: Map<String, Value> = fields
        .rating_evidence
        .iter()
        .map(|(c, e)| (c.clone(), Value::from(e.as_str())))
        .collect();
    let milestones: Map<String, Value> = fields
        .milestones
        .iter()
        .filter_map(|(id, e)| Some((id.clone(), Value::from(e.as_deref()?))))
        .collect();
    (!ratings.is_empty() || !milestones.is_empty())
        .then(|| json!({ "ratings": ratings, "milestones": milestones }).to_string())
}

fn fields(row: &AnyRow) -> Result<StoredFields> {
    let id: i64 = row.try_get("id")?;
    let track: Option<String> = row.try_get("track")?;
    let Some(track) = track else {
        return Err(StoreError::Damaged(format!(
            "assessment {id} has not been converted to typed fields yet"
        )));
    };
    typed_fields(
        id,
        Said {
            person: row.try_get("person_key")?,
            date: day(&row.try_get::<String, _>("date")?)?,
            kind: assessor_kind(&row.try_get::<String, _>("assessor_kind")?)?,
            assessor: row.try_get("assessor")?,
        },
        track,
        row.try_get("level")?,
        unhex(
            &row.try_get::<Option<String>, _>("ratings")?
                .unwrap_or_default(),
        )?,
        row.try_get("milestones")?,
        row.try_get("evidence")?,
        row.try_get("notes")?,
    )
}

/// Whose an assessment is, when, and by whom: its columns besides what it says.
struct Said {
    person: String,
    date: rungs_core::Date,
    kind: rungs_core::assessment::AssessorKind,
    assessor: String,
}

/// The typed fields from their columns.
#[allow(clippy::too_many_arguments)]
fn typed_fields(
    id: i64,
    said: Said,
    track: String,
    level: Option<String>,
    ratings: Vec<u8>,
    milestones: Option<String>,
    evidence: Option<String>,
    notes: Option<String>,
) -> Result<StoredFields> {
    let evidence: Value = match evidence {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| StoreError::Damaged(format!("assessment {id}'s evidence: {e}")))?,
        None => Value::Null,
    };
    let text_map = |key: &str| -> Vec<(String, String)> {
        evidence[key]
            .as_object()
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let milestone_evidence = text_map("milestones");
    Ok(StoredFields {
        person: said.person,
        date: said.date,
        kind: said.kind,
        assessor: said.assessor,
        track,
        level,
        ratings,
        rating_evidence: text_map("ratings"),
        milestones: milestones
            .unwrap_or_default()
            .split(';')
            .filter(|m| !m.is_empty())
            .map(|m| {
                let e = milestone_evidence
                    .iter()
                    .find(|(id, _)| id == m)
                    .map(|(_, e)| e.clone());
                (m.to_owned(), e)
            })
            .collect(),
        notes,
    })
}

/// One record as read in bulk, in the order of [`ASSESSMENT_COLUMNS`].
type Cells = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    String,
);

fn from_cells(c: Cells) -> Result<AssessmentRecord> {
    let id = c.0;
    let Some(track) = c.6 else {
        return Err(StoreError::Damaged(format!(
            "assessment {id} has not been converted to typed fields yet"
        )));
    };
    Ok(AssessmentRecord {
        id,
        framework_version: c.2,
        fields: typed_fields(
            id,
            Said {
                person: c.1,
                date: day(&c.3)?,
                kind: assessor_kind(&c.4)?,
                assessor: c.5,
            },
            track,
            c.7,
            unhex(c.8.as_deref().unwrap_or_default())?,
            c.9,
            c.10,
            c.11,
        )?,
        created_at: c.12,
        created_by: c.13,
    })
}

fn assessment(row: &AnyRow) -> Result<AssessmentRecord> {
    Ok(AssessmentRecord {
        id: row.try_get("id")?,
        framework_version: row.try_get("framework_version")?,
        fields: fields(row)?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}

fn evidence(row: &AnyRow) -> Result<Evidence> {
    Ok(Evidence {
        id: row.try_get("id")?,
        person: row.try_get("person_key")?,
        milestone: row.try_get("milestone")?,
        note: row.try_get("note")?,
        link: row.try_get("link")?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}

/// The statement that writes `rows` assessments.
fn insert_statement(backend: crate::Backend, rows: usize) -> String {
    format!(
        "INSERT INTO assessments (org_id, person_key, framework_version, date, assessor_kind,
           assessor, track, level, ratings, milestones, evidence, notes, created_at, created_by)
         VALUES {}",
        values(backend, rows, 14)
    )
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
    .bind(&f.person)
    .bind(new.framework_version)
    .bind(f.date.to_string())
    .bind(f.kind.as_str())
    .bind(&f.assessor)
    .bind(&f.track)
    .bind(&f.level)
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
        let full = insert_statement(self.backend, ROWS_PER_STATEMENT);
        let mut done = 0;
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
                    .bind(&a.fields.person)
                    .bind(a.framework_version)
                    .bind(a.fields.date.to_string())
                    .bind(a.fields.kind.as_str())
                    .bind(&a.fields.assessor)
                    .bind(&f.track)
                    .bind(&f.level)
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

    async fn assessment(&self, org: OrgId, id: i64) -> Result<AssessmentRecord> {
        let row = sqlx::query(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        assessment(&found(row, "assessment")?)
    }

    async fn assessments(&self, org: OrgId, person: Option<&str>) -> Result<Vec<AssessmentRecord>> {
        let columns: Vec<&str> = ASSESSMENT_COLUMNS.split(", ").map(str::trim).collect();
        let from = match person {
            Some(_) => "assessments WHERE org_id = $1 AND person_key = $2",
            None => "assessments WHERE org_id = $1",
        };
        let sql = bulk::select(self.backend, &columns, from);
        let mut q = sqlx::query(&sql).bind(org.0);
        if let Some(p) = person {
            q = q.bind(p);
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

    async fn assessment_heads(&self, org: OrgId, person: &str) -> Result<Vec<AssessmentHead>> {
        // Read in bulk, as one text: row by row, the driver's decoding costs more than the rows.
        let sql = bulk::select(
            self.backend,
            &["id", "framework_version", "date", "assessor_kind"],
            "assessments WHERE org_id = $1 AND person_key = $2",
        );
        let text: String = sqlx::query(&sql)
            .bind(org.0)
            .bind(person)
            .fetch_one(&self.pool)
            .await?
            .try_get("rows")?;
        let mut heads: Vec<AssessmentHead> = bulk::rows::<(i64, i64, String, String)>(&text)?
            .into_iter()
            .map(|(id, framework_version, date, kind)| {
                Ok(AssessmentHead {
                    id,
                    framework_version,
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
        under: Option<&str>,
        after: i64,
        limit: i64,
    ) -> Result<AssessmentsBulk> {
        let (with, join) = match under {
            Some(_) => (
                "WITH RECURSIVE below (key) AS (
                   SELECT key FROM people WHERE org_id = $1 AND key = $4
                   UNION SELECT p.key FROM people p JOIN below b ON p.manager_key = b.key
                   WHERE p.org_id = $1) ",
                "JOIN below b ON assessments.person_key = b.key",
            ),
            None => ("", ""),
        };
        let from = format!(
            "(SELECT assessments.* FROM assessments {join}
              WHERE assessments.org_id = $1 AND assessments.id > $2
              ORDER BY assessments.id LIMIT $3) a"
        );
        let sql = format!(
            "{with}{}",
            bulk::select(self.backend, &bulk::SUMMARY_COLUMNS, &from)
        );
        let mut q = sqlx::query(&sql).bind(org.0).bind(after).bind(limit);
        if let Some(u) = under {
            q = q.bind(u);
        }
        Ok(AssessmentsBulk {
            text: bulk::Text(q.fetch_one(&self.pool).await?),
        })
    }

    async fn assessment_versions(&self, org: OrgId) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT DISTINCT framework_version FROM assessments WHERE org_id = $1
             ORDER BY framework_version",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok(r.try_get("framework_version")?))
            .collect()
    }

    async fn assessment_version_counts(&self, org: OrgId) -> Result<Vec<(i64, i64)>> {
        let rows = sqlx::query(
            "SELECT framework_version, COUNT(*) AS n FROM assessments WHERE org_id = $1
             GROUP BY framework_version ORDER BY framework_version",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("framework_version")?, r.try_get("n")?)))
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
                    id: r.try_get("id")?,
                    org: OrgId(r.try_get("org_id")?),
                    person: r.try_get("person_key")?,
                    framework_version: r.try_get("framework_version")?,
                    body: r
                        .try_get::<Option<String>, _>("legacy_body")?
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn convert_legacy(&self, id: i64, f: &StoredFields) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE assessments SET track = $1, level = $2, ratings = $3, milestones = $4,
               evidence = $5, notes = $6, legacy_body = NULL
             WHERE id = $7 AND track IS NULL",
        )
        .bind(&f.track)
        .bind(&f.level)
        .bind(hex(&f.ratings))
        .bind(milestone_ids(f))
        .bind(evidence_json(f))
        .bind(&f.notes)
        .bind(id)
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
        .bind(&new.person)
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

    async fn evidence(&self, org: OrgId, person: &str) -> Result<Vec<Evidence>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE org_id = $1 AND person_key = $2 ORDER BY id"
        ))
        .bind(org.0)
        .bind(person)
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
