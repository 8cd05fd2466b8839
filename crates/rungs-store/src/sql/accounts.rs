//! Settings, organizations, users, sessions, API tokens and failed sign-ins.

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{SqlStore, audit, found, unique};
use crate::{
    Accounts, ApiToken, Author, NewOrg, NewSession, NewToken, NewUser, Org, OrgId, Result, Role,
    Session, StoreError, User, UserId, now,
};

const USER_COLUMNS: &str =
    "id, org_id, email, name, role, person_key, version, created_at, disabled_at";
const TOKEN_COLUMNS: &str = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

/// The user columns of a table given an alias in a join (`u.id, u.org_id, …`).
fn user_columns_of(alias: &str) -> String {
    USER_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn user(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: UserId(row.try_get("id")?),
        org: OrgId(row.try_get("org_id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Damaged(format!("role `{role}`")))?,
        person: row.try_get("person_key")?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
    })
}

fn token(row: &AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        user: UserId(row.try_get("user_id")?),
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

fn org(row: &AnyRow) -> Result<Org> {
    Ok(Org {
        id: OrgId(row.try_get("id")?),
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Emails are kept lowercase, so that one address is one account whatever its case.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl SqlStore {
    /// An organization with its first admin and its framework, in the caller's transaction.
    async fn insert_org(&self, tx: &mut sqlx::AnyConnection, new: &NewOrg) -> Result<(Org, User)> {
        let created = now();
        let row = sqlx::query(
            "INSERT INTO orgs (name, created_at) VALUES ($1, $2) RETURNING id, name, created_at",
        )
        .bind(&new.name)
        .bind(created)
        .fetch_one(&mut *tx)
        .await?;
        let o = org(&row)?;
        let admin = self.insert_user(tx, o.id, &new.admin).await?;
        sqlx::query(
            "INSERT INTO frameworks (org_id, version, name, source, created_at, created_by)
             VALUES ($1, 1, $2, $3, $4, $5)",
        )
        .bind(o.id.0)
        .bind(&new.framework_name)
        .bind(&new.framework_source)
        .bind(created)
        .bind(&admin.email)
        .execute(&mut *tx)
        .await?;
        let by = Author::user(&admin);
        audit(
            tx,
            o.id,
            &by,
            "org.create",
            &o.name,
            json!({ "admin": admin.email }),
        )
        .await?;
        Ok((o, admin))
    }

    async fn insert_user(
        &self,
        tx: &mut sqlx::AnyConnection,
        org: OrgId,
        new: &NewUser,
    ) -> Result<User> {
        let email = email_key(&new.email);
        let row = sqlx::query(&format!(
            "INSERT INTO users (org_id, email, name, password_hash, role, person_key, version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING {USER_COLUMNS}"
        ))
        .bind(org.0)
        .bind(&email)
        .bind(&new.name)
        .bind(&new.password_hash)
        .bind(new.role.as_str())
        .bind(&new.person)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique(e, || format!("{email} already has an account in this organization")))?;
        user(&row)
    }
}

#[async_trait::async_trait]
impl Accounts for SqlStore {
    async fn has_users(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    async fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn take_setting(&self, key: &str, value: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM settings WHERE key = $1 AND value = $2")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

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

    async fn create_user(&self, org: OrgId, by: &Author, new: NewUser) -> Result<User> {
        let mut tx = self.write().await?;
        let u = self.insert_user(&mut tx, org, &new).await?;
        let detail = json!({ "role": u.role, "person": u.person });
        audit(&mut tx, org, by, "user.create", &u.email, detail).await?;
        tx.commit().await?;
        Ok(u)
    }

    async fn user(&self, org: OrgId, id: UserId) -> Result<User> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 AND id = $2"
        ))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        user(&found(row, "user")?)
    }

    async fn users(&self, org: OrgId) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 ORDER BY email"
        ))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user).collect()
    }

    async fn users_by_email(&self, email: &str) -> Result<Vec<(User, String)>> {
        sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1 ORDER BY org_id"
        ))
        .bind(email_key(email))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((user(r)?, r.try_get("password_hash")?)))
        .collect()
    }

    async fn set_disabled(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        disabled: bool,
    ) -> Result<User> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "UPDATE users SET disabled_at = $1, version = version + 1
             WHERE org_id = $2 AND id = $3 RETURNING {USER_COLUMNS}"
        ))
        .bind(disabled.then(now))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound("user"));
        };
        let changed = user(&row)?;
        if disabled {
            // Its tokens are revoked, not only refused: enabling it again does not bring them
            // back.
            end_access(&mut tx, id, None).await?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        audit(&mut tx, org, by, action, &changed.email, json!({})).await?;
        tx.commit().await?;
        Ok(changed)
    }

    async fn create_invite(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let row = sqlx::query("SELECT email FROM users WHERE org_id = $1 AND id = $2")
            .bind(org.0)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound("user"));
        };
        let email: String = row.try_get("email")?;
        // One link at a time: a new one replaces any earlier.
        sqlx::query("DELETE FROM invites WHERE user_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO invites (token_hash, org_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(org.0)
        .bind(id.0)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            org,
            by,
            "user.invite",
            &email,
            json!({ "expires_at": expires_at }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn invite(&self, token_hash: &str, now: i64) -> Result<Option<User>> {
        let columns = user_columns_of("u");
        let row = sqlx::query(&format!(
            "SELECT {columns} FROM invites i JOIN users u ON u.id = i.user_id
             WHERE i.token_hash = $1 AND i.expires_at > $2 AND u.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| user(&r)).transpose()
    }

    async fn accept_invite(&self, token_hash: &str, now: i64, password_hash: &str) -> Result<User> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "DELETE FROM invites WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id, org_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound("invitation"));
        };
        let (id, org): (i64, i64) = (row.try_get("user_id")?, row.try_get("org_id")?);
        let row = sqlx::query(&format!(
            "UPDATE users SET password_hash = $1, version = version + 1
             WHERE id = $2 AND disabled_at IS NULL RETURNING {USER_COLUMNS}"
        ))
        .bind(password_hash)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound("invitation"));
        };
        let changed = user(&row)?;
        // A new password by a link (a lost one, say) ends whatever the old one opened.
        end_access(&mut tx, changed.id, None).await?;
        audit(
            &mut tx,
            OrgId(org),
            &Author::user(&changed),
            "user.accept_invite",
            &changed.email,
            json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(changed)
    }

    async fn set_password(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        hash: &str,
        keep: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "UPDATE users SET password_hash = $1, version = version + 1
             WHERE org_id = $2 AND id = $3 RETURNING email",
        )
        .bind(hash)
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound("user"));
        };
        let email: String = row.try_get("email")?;
        end_access(&mut tx, id, keep).await?;
        audit(&mut tx, org, by, "user.password", &email, json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn password_hash(&self, org: OrgId, id: UserId) -> Result<String> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE org_id = $1 AND id = $2")
            .bind(org.0)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound("user"))?;
        Ok(row.try_get("password_hash")?)
    }

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

    async fn update_user(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        version: i64,
        role: Role,
        person: Option<String>,
    ) -> Result<User> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "UPDATE users SET role = $1, person_key = $2, version = version + 1
             WHERE org_id = $3 AND id = $4 AND version = $5 RETURNING {USER_COLUMNS}"
        ))
        .bind(role.as_str())
        .bind(&person)
        .bind(org.0)
        .bind(id.0)
        .bind(version)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            // Either there is no such user, or it changed since it was read.
            let current = sqlx::query("SELECT version FROM users WHERE org_id = $1 AND id = $2")
                .bind(org.0)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match current {
                None => StoreError::NotFound("user"),
                Some(r) => StoreError::Conflict(format!(
                    "the user changed since version {version}: it is at version {}",
                    r.try_get::<i64, _>("version")?
                )),
            });
        };
        let u = user(&row)?;
        let detail = json!({ "role": u.role, "person": u.person });
        audit(&mut tx, org, by, "user.update", &u.email, detail).await?;
        tx.commit().await?;
        Ok(u)
    }

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

/// Ends everything a user signed in with: every session but `keep` (a session token's hash,
/// the one the change was made in) and every API token, revoked so that nothing brings it back.
async fn end_access(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user: UserId,
    keep: Option<&str>,
) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user.0)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(user.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
