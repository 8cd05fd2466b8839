//! The organization's framework, one version per edit.

use crate::sql::Ids;
use rungs_core::VersionId;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{SqlStore, audit, found, unique};
use crate::{Author, FrameworkVersion, Ladders, OrgId, Result, StoreError};

fn version(row: &AnyRow, with_source: bool) -> Result<FrameworkVersion> {
    Ok(FrameworkVersion {
        version: row.number_id("version")?,
        name: row.try_get("name")?,
        source: if with_source {
            row.try_get("source")?
        } else {
            String::new()
        },
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
        // 0: published from the start (an organization's first version), when it was made.
        published_at: match row.try_get::<Option<i64>, _>("published_at")? {
            Some(0) => Some(row.try_get("created_at")?),
            other => other,
        },
        published_by: match row.try_get::<Option<String>, _>("published_by")? {
            None if row.try_get::<Option<i64>, _>("published_at")? == Some(0) => {
                Some(row.try_get("created_by")?)
            }
            other => other,
        },
        level_map: match row.try_get::<Option<String>, _>("level_map")? {
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| StoreError::Damaged(format!("a stored level map: {e}")))?,
            None => Default::default(),
        },
    })
}

/// A version's columns, with or without its source.
const COLUMNS: &str =
    "version, name, created_at, created_by, published_at, published_by, level_map";

#[async_trait::async_trait]
impl Ladders for SqlStore {
    async fn framework(&self, org: OrgId) -> Result<FrameworkVersion> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, source FROM frameworks
             WHERE org_id = $1 AND published_at IS NOT NULL
             ORDER BY published_at DESC, version DESC LIMIT 1"
        ))
        .bind(org.0)
        .fetch_optional(&self.pool)
        .await?;
        version(&found(row, "framework")?, true)
    }

    async fn current_framework(&self, org: OrgId) -> Result<VersionId> {
        let row = sqlx::query(
            "SELECT version FROM frameworks WHERE org_id = $1 AND published_at IS NOT NULL
             ORDER BY published_at DESC, version DESC LIMIT 1",
        )
        .bind(org.0)
        .fetch_optional(&self.pool)
        .await?;
        found(row, "framework")?.number_id("version")
    }

    async fn framework_version(&self, org: OrgId, v: VersionId) -> Result<FrameworkVersion> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, source FROM frameworks WHERE org_id = $1 AND version = $2"
        ))
        .bind(org.0)
        .bind(v.0)
        .fetch_optional(&self.pool)
        .await?;
        version(&found(row, "framework version")?, true)
    }

    async fn framework_versions(&self, org: OrgId) -> Result<Vec<FrameworkVersion>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM frameworks WHERE org_id = $1 ORDER BY version DESC"
        ))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| version(r, false)).collect()
    }

    async fn put_framework(
        &self,
        org: OrgId,
        by: &Author,
        after: VersionId,
        name: &str,
        source: &str,
    ) -> Result<FrameworkVersion> {
        let mut tx = self.write().await?;
        let current: i64 =
            sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM frameworks WHERE org_id = $1")
                .bind(org.0)
                .fetch_one(&mut *tx)
                .await?
                .try_get("v")?;
        if current != after.0 {
            return Err(StoreError::Conflict(format!(
                "the framework changed since version {after}: it is at version {current}"
            )));
        }
        let row = sqlx::query(
            "INSERT INTO frameworks (org_id, version, name, source, created_at, created_by,
                                     published_at)
             VALUES ($1, $2, $3, $4, $5, $6, NULL)
             RETURNING version, name, source, created_at, created_by, published_at, published_by,
                       level_map",
        )
        .bind(org.0)
        .bind(current + 1)
        .bind(name)
        .bind(source)
        .bind(crate::now())
        .bind(&by.name)
        .fetch_one(&mut *tx)
        .await
        // Two edits of the same version on PostgreSQL: the second finds the first's row.
        .map_err(|e| {
            unique(e, || {
                format!("the framework changed since version {after}: another edit saved first")
            })
        })?;
        let v = version(&row, true)?;
        let detail = json!({ "version": v.version, "name": v.name, "bytes": source.len() });
        audit(&mut tx, org, by, "framework.update", &v.name, detail).await?;
        tx.commit().await?;
        Ok(v)
    }

    async fn publish_framework(
        &self,
        org: OrgId,
        by: &Author,
        version: VersionId,
    ) -> Result<FrameworkVersion> {
        let mut tx = self.write().await?;
        // "Published last" is the latest time: later than any other version's, even within
        // one millisecond of it.
        let latest: Option<i64> =
            sqlx::query("SELECT MAX(published_at) AS at FROM frameworks WHERE org_id = $1")
                .bind(org.0)
                .fetch_one(&mut *tx)
                .await?
                .try_get("at")?;
        let at = crate::now().max(latest.unwrap_or(0) + 1);
        let row = sqlx::query(&format!(
            "UPDATE frameworks SET published_at = $3, published_by = $4
             WHERE org_id = $1 AND version = $2
             RETURNING {COLUMNS}, source"
        ))
        .bind(org.0)
        .bind(version.0)
        .bind(at)
        .bind(&by.name)
        .fetch_optional(&mut *tx)
        .await?;
        let v = self::version(&found(row, "framework version")?, true)?;
        let mut moved = 0u64;
        for (from, to) in &v.level_map {
            let done = sqlx::query(
                "UPDATE people SET level = $3, version = version + 1, updated_at = $4
                 WHERE org_id = $1 AND level = $2",
            )
            .bind(org.0)
            .bind(from)
            .bind(to)
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
            moved += done.rows_affected();
        }
        let detail = json!({ "version": v.version, "name": v.name, "level_map": v.level_map, "people_moved": moved });
        audit(&mut tx, org, by, "framework.publish", &v.name, detail).await?;
        tx.commit().await?;
        Ok(v)
    }

    async fn set_level_map(
        &self,
        org: OrgId,
        by: &Author,
        version: VersionId,
        map: &std::collections::BTreeMap<String, String>,
    ) -> Result<FrameworkVersion> {
        let mut tx = self.write().await?;
        let text = serde_json::to_string(map)
            .map_err(|e| StoreError::Damaged(format!("a level map: {e}")))?;
        let row = sqlx::query(&format!(
            "UPDATE frameworks SET level_map = $3 WHERE org_id = $1 AND version = $2
             RETURNING {COLUMNS}, source"
        ))
        .bind(org.0)
        .bind(version.0)
        .bind(&text)
        .fetch_optional(&mut *tx)
        .await?;
        let v = self::version(&found(row, "framework version")?, true)?;
        let detail = json!({ "version": v.version, "level_map": map });
        audit(&mut tx, org, by, "framework.map", &v.name, detail).await?;
        tx.commit().await?;
        Ok(v)
    }
}
