//! Browser sessions, and the sign-in attempts counted to slow down guessing.

use super::*;

#[async_trait::async_trait]
impl Sessions for SqlStore {
    async fn create_session(&self, s: NewSession) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.token_hash)
        .bind(s.user.0)
        .bind(&s.csrf_token)
        .bind(s.created_at)
        .bind(s.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>> {
        let columns = user_columns_of("u");
        let row = sqlx::query(&format!(
            "SELECT {columns}, s.csrf_token, s.expires_at FROM sessions s
             JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Session {
                user: user(&r)?,
                csrf_token: r.try_get("csrf_token")?,
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn record_attempt(&self, keys: &[String], at: i64, since: i64) -> Result<Vec<i64>> {
        // One attempt at a time: SQLite's write transaction is exclusive already; PostgreSQL
        // takes the table's lock, which any other attempt waits for until this one commits.
        let mut tx = self.write().await?;
        if self.backend == crate::Backend::Postgres {
            sqlx::query("LOCK TABLE login_failures IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        let mut counts = Vec::with_capacity(keys.len());
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            let row =
                sqlx::query("SELECT COUNT(*) AS n FROM login_failures WHERE key = $1 AND at >= $2")
                    .bind(key)
                    .bind(since)
                    .fetch_one(&mut *tx)
                    .await?;
            counts.push(row.try_get("n")?);
        }
        // Old attempts no longer count: keep the table small.
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(at - 24 * 3600 * 1000)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(counts)
    }

    async fn forget_attempt(&self, key: &str, at: i64) -> Result<()> {
        // One row of the key at that time (several at once would share it; any one will do),
        // by the row's own address: `rowid` in SQLite, `ctid` in PostgreSQL.
        let row = match self.backend {
            crate::Backend::Sqlite => "rowid",
            crate::Backend::Postgres => "ctid",
        };
        sqlx::query(&format!(
            "DELETE FROM login_failures WHERE {row} IN
             (SELECT {row} FROM login_failures WHERE key = $1 AND at = $2 LIMIT 1)"
        ))
        .bind(key)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn clear_failures(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
