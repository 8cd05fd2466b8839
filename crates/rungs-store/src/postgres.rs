//! PostgreSQL: for many `rungs serve` processes on one database.

use std::time::Duration;

use sqlx::Connection;
use sqlx::any::AnyPoolOptions;

use crate::migrate::Embedded;
use crate::{Backend, DbUrl, Result, SqlStore};

const MIGRATIONS: Embedded = Embedded(&[
    (
        1,
        "init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "typed assessments",
        include_str!("../migrations/postgres/0002_typed_assessments.sql"),
    ),
    (
        3,
        "drafts",
        include_str!("../migrations/postgres/0003_drafts.sql"),
    ),
    (
        4,
        "invites",
        include_str!("../migrations/postgres/0004_invites.sql"),
    ),
    (
        5,
        "review cycles",
        include_str!("../migrations/postgres/0005_cycles.sql"),
    ),
    (
        6,
        "emails per organization",
        include_str!("../migrations/postgres/0006_emails_per_org.sql"),
    ),
    (
        7,
        "framework drafts",
        include_str!("../migrations/postgres/0007_framework_drafts.sql"),
    ),
    (
        8,
        "review records by manager",
        include_str!("../migrations/postgres/0008_records_by_manager.sql"),
    ),
    (
        9,
        "review record summaries",
        include_str!("../migrations/postgres/0009_record_summaries.sql"),
    ),
]);

pub(crate) async fn open(url: &DbUrl, migrations: Option<usize>) -> Result<SqlStore> {
    // One connection first: a server that is not there is said at once, not after the pool
    // has retried for its whole timeout.
    sqlx::AnyConnection::connect(url.expose())
        .await?
        .close()
        .await?;
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        // While the database is away, a request waits at most this long for it before the
        // server says so (503), rather than every request hanging.
        .acquire_timeout(Duration::from_secs(2))
        .connect(url.expose())
        .await?;
    crate::migrate::run(&pool, MIGRATIONS.first(migrations)).await?;
    Ok(SqlStore::new(pool, Backend::Postgres))
}
