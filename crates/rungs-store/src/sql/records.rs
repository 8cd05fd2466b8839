//! Assessments and milestone evidence, only ever added, and the audit log.

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{SqlStore, audit, found, json};
use crate::{
    AssessmentRecord, AuditEntry, Author, Evidence, NewAssessment, NewEvidence, OrgId, Records,
    Result, now,
};

const ASSESSMENT_COLUMNS: &str = "id, person_key, framework_version, date, assessor_kind, assessor, body, created_at, created_by";
const EVIDENCE_COLUMNS: &str = "id, person_key, milestone, note, link, created_at, created_by";

fn assessment(row: &AnyRow) -> Result<AssessmentRecord> {
    Ok(AssessmentRecord {
        id: row.try_get("id")?,
        person: row.try_get("person_key")?,
        framework_version: row.try_get("framework_version")?,
        date: row.try_get("date")?,
        assessor_kind: row.try_get("assessor_kind")?,
        assessor: row.try_get("assessor")?,
        body: json(row, "body")?,
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

#[async_trait::async_trait]
impl Records for SqlStore {
    async fn add_assessment(
        &self,
        org: OrgId,
        by: &Author,
        new: NewAssessment,
    ) -> Result<AssessmentRecord> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO assessments (org_id, person_key, framework_version, date, assessor_kind,
               assessor, body, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {ASSESSMENT_COLUMNS}"
        ))
        .bind(org.0)
        .bind(&new.person)
        .bind(new.framework_version)
        .bind(&new.date)
        .bind(&new.assessor_kind)
        .bind(&new.assessor)
        .bind(new.body.to_string())
        .bind(now())
        .bind(&by.name)
        .fetch_one(&mut *tx)
        .await?;
        let a = assessment(&row)?;
        let detail = json!({ "id": a.id, "date": a.date, "assessor_kind": a.assessor_kind });
        audit(&mut tx, org, by, "assessment.add", &a.person, detail).await?;
        tx.commit().await?;
        Ok(a)
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
        let rows = match person {
            Some(p) => {
                sqlx::query(&format!(
                    "SELECT {ASSESSMENT_COLUMNS} FROM assessments
                     WHERE org_id = $1 AND person_key = $2 ORDER BY date, id"
                ))
                .bind(org.0)
                .bind(p)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {ASSESSMENT_COLUMNS} FROM assessments
                     WHERE org_id = $1 ORDER BY person_key, date, id"
                ))
                .bind(org.0)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(assessment).collect()
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
                    detail: json(r, "detail")?,
                })
            })
            .collect()
    }
}
