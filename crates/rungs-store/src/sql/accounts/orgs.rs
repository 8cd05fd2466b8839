//! Organizations, each made with its first admin and its framework.

use super::*;

#[async_trait::async_trait]
impl Orgs for SqlStore {
    async fn create_first_org(&self, new: NewOrg) -> Result<Option<(Org, User)>> {
        let mut tx = self.write().await?;
        // SQLite's write transaction is exclusive already; PostgreSQL locks the table until
        // this one commits, so a second try waits and then sees the first organization.
        if self.backend == crate::Backend::Postgres {
            sqlx::query("LOCK TABLE orgs IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query("SELECT COUNT(*) AS n FROM orgs")
            .fetch_one(&mut *tx)
            .await?;
        if row.try_get::<i64, _>("n")? > 0 {
            return Ok(None);
        }
        let made = self.insert_org(&mut tx, &new).await?;
        tx.commit().await?;
        Ok(Some(made))
    }

    async fn create_org(&self, new: NewOrg) -> Result<(Org, User)> {
        let mut tx = self.write().await?;
        let made = self.insert_org(&mut tx, &new).await?;
        tx.commit().await?;
        Ok(made)
    }

    async fn org(&self, id: OrgId) -> Result<Org> {
        let row = sqlx::query("SELECT id, name, created_at FROM orgs WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        org(&found(row, "organization")?)
    }

    async fn orgs(&self) -> Result<Vec<Org>> {
        let rows = sqlx::query("SELECT id, name, created_at FROM orgs ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(org).collect()
    }

    async fn org_setting(&self, id: OrgId, name: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(org_key(id, name))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    async fn set_org_setting(
        &self,
        id: OrgId,
        by: &Author,
        name: &str,
        value: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let key = org_key(id, name);
        match value {
            Some(v) => {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(&key)
                .bind(v)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM settings WHERE key = $1")
                    .bind(&key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        audit(
            &mut tx,
            id,
            by,
            "org.setting",
            name,
            serde_json::json!({ "value": value }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Where an organization's setting is kept among the server's settings.
fn org_key(org: OrgId, name: &str) -> String {
    format!("org/{}/{name}", org.0)
}
