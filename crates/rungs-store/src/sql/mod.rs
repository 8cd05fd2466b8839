//! The store on SQL: one implementation for both backends, in the SQL they share (numbered
//! parameters, `RETURNING`, `ON CONFLICT`, recursive common table expressions).

mod accounts;
pub(crate) mod bulk;
mod cycles;
mod ladders;
mod records;
mod roster;

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use sqlx::{AnyConnection, AnyPool};

pub use bulk::{AssessmentsBulk, Page, Paged, PeopleBulk, RatedRecord, RatingsBulk};

use crate::{Author, Backend, OrgId, Result, Store, StoreError};

/// The store on a SQLite or PostgreSQL database.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
}

impl SqlStore {
    pub(crate) fn new(pool: AnyPool, backend: Backend) -> SqlStore {
        SqlStore { pool, backend }
    }

    /// Begins a transaction that writes. SQLite takes the write lock at the start, so two
    /// writers wait their turn instead of one failing when it first writes.
    async fn write(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub(crate) async fn execute_raw(&self, sql: &str) -> Result<u64> {
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }

    /// Closes every connection (tests drop their databases after this).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait::async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// Writes an audit entry: who, what, when.
async fn audit(
    tx: &mut AnyConnection,
    org: OrgId,
    by: &Author,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit (org_id, at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(org.0)
    .bind(crate::now())
    .bind(&by.name)
    .bind(action)
    .bind(target)
    .bind(detail.to_string())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The `VALUES` list of a statement that writes `rows` rows of `per_row` values each.
///
/// Its parameters are `$1, $2, …` on PostgreSQL but plain `?` on SQLite: the SQLite driver
/// looks each numbered parameter up by name in a list as long as the statement's parameters,
/// which makes binding a large statement cost the square of its size (100,000 people took 34 s
/// that way, against under 1 s with `?`).
fn values(backend: Backend, rows: usize, per_row: usize) -> String {
    let mut out = String::with_capacity(rows * per_row * 6);
    for i in 0..rows {
        out.push_str(if i == 0 { "(" } else { ", (" });
        for k in 1..=per_row {
            if k > 1 {
                out.push_str(", ");
            }
            match backend {
                Backend::Sqlite => out.push('?'),
                Backend::Postgres => {
                    out.push('$');
                    out.push_str(&(i * per_row + k).to_string());
                }
            }
        }
        out.push(')');
    }
    out
}

/// Reads stored JSON back.
/// Reads the typed ids the store hands out from the text and numbers a row keeps them as.
pub(crate) trait Ids {
    /// A text id (a person's, a level's).
    fn text_id<T: From<String>>(&self, column: &str) -> Result<T>;
    fn text_id_opt<T: From<String>>(&self, column: &str) -> Result<Option<T>>;
    /// A numbered id (a cycle's, a version's, an assessment's).
    fn number_id<T: From<i64>>(&self, column: &str) -> Result<T>;
}

impl Ids for AnyRow {
    fn text_id<T: From<String>>(&self, column: &str) -> Result<T> {
        Ok(T::from(self.try_get::<String, _>(column)?))
    }

    fn text_id_opt<T: From<String>>(&self, column: &str) -> Result<Option<T>> {
        Ok(self.try_get::<Option<String>, _>(column)?.map(T::from))
    }

    fn number_id<T: From<i64>>(&self, column: &str) -> Result<T> {
        Ok(T::from(self.try_get::<i64, _>(column)?))
    }
}

fn json(row: &AnyRow, column: &str) -> Result<serde_json::Value> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Damaged(format!("{column}: {e}")))
}

/// `NotFound` when a query found no row.
fn found<T>(row: Option<T>, what: &'static str) -> Result<T> {
    row.ok_or(StoreError::NotFound(what))
}

/// A unique-constraint failure as a conflict with a message for people; other errors as they are.
fn unique(e: sqlx::Error, message: impl FnOnce() -> String) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(message()),
        _ => StoreError::Database(e),
    }
}

/// A day as stored (YYYY-MM-DD), read back.
pub(crate) fn day(text: &str) -> crate::Result<rungs_core::Date> {
    text.parse()
        .map_err(|e| StoreError::Damaged(format!("the stored day `{text}`: {e}")))
}

/// A kind of assessor as stored (`self`, `manager`, `peer`), read back.
pub(crate) fn assessor_kind(text: &str) -> crate::Result<rungs_core::assessment::AssessorKind> {
    rungs_core::assessment::AssessorKind::parse(text)
        .ok_or_else(|| StoreError::Damaged(format!("the stored kind of assessor `{text}`")))
}
