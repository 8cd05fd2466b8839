//! Drafts: what a user has typed and not yet sent.

use super::*;

#[async_trait::async_trait]
impl Drafts for SqlStore {
    async fn draft(&self, org: OrgId, user: UserId, key: &str) -> Result<Option<String>> {
        let row =
            sqlx::query("SELECT body FROM drafts WHERE org_id = $1 AND user_id = $2 AND key = $3")
                .bind(org.0)
                .bind(user.0)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.try_get("body")).transpose()?)
    }

    async fn put_draft(&self, org: OrgId, user: UserId, key: &str, body: &str) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM drafts WHERE org_id = $1 AND user_id = $2 AND key = $3")
            .bind(org.0)
            .bind(user.0)
            .bind(key)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO drafts (org_id, user_id, key, body, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(org.0)
        .bind(user.0)
        .bind(key)
        .bind(body)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_draft(&self, org: OrgId, user: UserId, key: &str) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM drafts WHERE org_id = $1 AND user_id = $2 AND key = $3")
            .bind(org.0)
            .bind(user.0)
            .bind(key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
