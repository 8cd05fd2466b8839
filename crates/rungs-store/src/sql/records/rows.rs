//! Assessments and evidence read from their rows, and written as the columns keep them.

use super::*;
use crate::sql::Ids;
use rungs_core::{AssessmentId, LevelId, VersionId};

/// The milestone ids as kept: separated by `;` (ids never hold one).
pub(super) fn milestone_ids(fields: &StoredFields) -> Option<String> {
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
pub(super) fn evidence_json(fields: &StoredFields) -> Option<String> {
    let ratings: Map<String, Value> = fields
        .rating_evidence
        .iter()
        .map(|(c, e)| (c.to_string(), Value::from(e.as_str())))
        .collect();
    let milestones: Map<String, Value> = fields
        .milestones
        .iter()
        .filter_map(|(id, e)| Some((id.clone(), Value::from(e.as_deref()?))))
        .collect();
    (!ratings.is_empty() || !milestones.is_empty())
        .then(|| json!({ "ratings": ratings, "milestones": milestones }).to_string())
}

pub(super) fn fields(row: &AnyRow) -> Result<StoredFields> {
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
pub(super) struct Said {
    person: String,
    date: rungs_core::Date,
    kind: rungs_core::assessment::AssessorKind,
    assessor: String,
}

/// The typed fields from their columns.
#[allow(clippy::too_many_arguments)]
pub(super) fn typed_fields(
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
        person: said.person.into(),
        date: said.date,
        kind: said.kind,
        assessor: said.assessor,
        track,
        level: level.map(LevelId::from),
        ratings,
        rating_evidence: text_map("ratings")
            .into_iter()
            .map(|(c, e)| (c.into(), e))
            .collect(),
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
pub(super) type Cells = (
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

pub(super) fn from_cells(c: Cells) -> Result<AssessmentRecord> {
    let id = c.0;
    let Some(track) = c.6 else {
        return Err(StoreError::Damaged(format!(
            "assessment {id} has not been converted to typed fields yet"
        )));
    };
    Ok(AssessmentRecord {
        id: AssessmentId(id),
        framework_version: VersionId(c.2),
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

pub(super) fn assessment(row: &AnyRow) -> Result<AssessmentRecord> {
    Ok(AssessmentRecord {
        id: row.number_id("id")?,
        framework_version: row.number_id("framework_version")?,
        fields: fields(row)?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}

pub(super) fn evidence(row: &AnyRow) -> Result<Evidence> {
    Ok(Evidence {
        id: row.try_get("id")?,
        person: row.text_id("person_key")?,
        milestone: row.try_get("milestone")?,
        note: row.try_get("note")?,
        link: row.try_get("link")?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}
