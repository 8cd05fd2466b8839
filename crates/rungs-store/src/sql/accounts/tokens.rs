//! API tokens: kept as digests, listed, revoked, and read back on use.

use super::*;

#[async_trait::async_trait]
impl Tokens for SqlStore {
    async fn create_token(&self, org: OrgId, by: &Author, new: NewToken) -> Result<ApiToken> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO api_tokens (org_id, user_id, name, prefix, token_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {TOKEN_COLUMNS}"
        ))
        .bind(org.0)
        .bind(new.user.0)
        .bind(&new.name)
        .bind(&new.prefix)
        .bind(&new.token_hash)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let t = token(&row)?;
        let detail = json!({ "name": t.name, "prefix": t.prefix, "user": t.user });
        audit(&mut tx, org, by, "token.create", &t.id.to_string(), detail).await?;
        tx.commit().await?;
        Ok(t)
    }

    async fn tokens(&self, org: OrgId, user: Option<UserId>) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens
             WHERE org_id = $1 AND ($2 < 0 OR user_id = $2) ORDER BY id"
        ))
        .bind(org.0)
        .bind(user.map_or(-1, |u| u.0))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(token).collect()
    }

    async fn token(&self, org: OrgId, id: i64) -> Result<ApiToken> {
        let row = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        token(&found(row, "token")?)
    }

    async fn revoke_token(&self, org: OrgId, by: &Author, id: i64) -> Result<ApiToken> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1)
             WHERE org_id = $2 AND id = $3 RETURNING {TOKEN_COLUMNS}"
        ))
        .bind(now())
        .bind(org.0)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let t = token(&found(row, "token")?)?;
        let detail = json!({ "name": t.name, "prefix": t.prefix });
        audit(&mut tx, org, by, "token.revoke", &t.id.to_string(), detail).await?;
        tx.commit().await?;
        Ok(t)
    }

    async fn token_user(&self, token_hash: &str, now: i64) -> Result<Option<User>> {
        let columns = user_columns_of("u");
        let row = sqlx::query(&format!(
            "SELECT {columns}, t.id AS token_id, t.last_used_at FROM api_tokens t
             JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        // Note the use at most once a minute: a token used for every request of a script
        // should not turn each read into a write.
        let last: Option<i64> = row.try_get("last_used_at")?;
        if last.is_none_or(|l| now - l >= 60_000 || now < l) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(row.try_get::<i64, _>("token_id")?)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user(&row)?))
    }
}
