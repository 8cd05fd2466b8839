//! Settings, organizations, users, sessions, API tokens and failed sign-ins.

mod drafts;
mod orgs;
mod sessions;
mod settings;
mod tokens;
mod users;

use crate::sql::Ids;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{SqlStore, audit, found, unique};
use crate::prelude::*;
use crate::{
    ApiToken, Author, NewOrg, NewSession, NewToken, NewUser, Org, OrgId, Result, Role, Session,
    StoreError, User, UserId, now,
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
        person: row.text_id_opt("person_key")?,
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
        .bind(new.person.as_deref())
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique(e, || format!("{email} already has an account in this organization")))?;
        user(&row)
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
