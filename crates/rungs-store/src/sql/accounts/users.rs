//! Accounts: made, changed, disabled; passwords and one-time links.

use super::*;
use rungs_core::PersonId;

#[async_trait::async_trait]
impl Users for SqlStore {
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

    async fn update_user(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        version: i64,
        role: Role,
        person: Option<PersonId>,
    ) -> Result<User> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!(
            "UPDATE users SET role = $1, person_key = $2, version = version + 1
             WHERE org_id = $3 AND id = $4 AND version = $5 RETURNING {USER_COLUMNS}"
        ))
        .bind(role.as_str())
        .bind(person.as_deref())
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
}
