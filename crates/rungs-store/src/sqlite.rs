//! SQLite: a file, created if missing, in write-ahead-log mode so readers never wait on a writer.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection, Executor};

use crate::migrate::Embedded;
use crate::{Backend, DbUrl, Result, SqlStore, StoreError};

const MIGRATIONS: Embedded = Embedded(&[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "typed assessments",
        include_str!("../migrations/sqlite/0002_typed_assessments.sql"),
    ),
    (
        3,
        "drafts",
        include_str!("../migrations/sqlite/0003_drafts.sql"),
    ),
    (
        4,
        "invites",
        include_str!("../migrations/sqlite/0004_invites.sql"),
    ),
    (
        5,
        "review cycles",
        include_str!("../migrations/sqlite/0005_cycles.sql"),
    ),
    (
        6,
        "emails per organization",
        include_str!("../migrations/sqlite/0006_emails_per_org.sql"),
    ),
    (
        7,
        "framework drafts",
        include_str!("../migrations/sqlite/0007_framework_drafts.sql"),
    ),
    (
        8,
        "review records by manager",
        include_str!("../migrations/sqlite/0008_records_by_manager.sql"),
    ),
    (
        9,
        "review record summaries",
        include_str!("../migrations/sqlite/0009_record_summaries.sql"),
    ),
]);

pub(crate) async fn open(url: &DbUrl, migrations: Option<usize>) -> Result<SqlStore> {
    let options = SqliteConnectOptions::from_str(url.expose())
        .map_err(|e| StoreError::Url(format!("{url}: {e}")))?;
    let memory = url.expose().contains(":memory:") || url.expose().contains("mode=memory");
    if !memory {
        // Make the file, and its directory, and switch it to write-ahead logging once: the
        // setting stays with the file.
        let file = options.get_filename().to_owned();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Url(format!("cannot make the directory {}: {e}", dir.display()))
            })?;
        }
        let setup = options
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal);
        while_busy(|| async { setup.connect().await?.close().await }).await?;
    }
    let pool = while_busy(|| {
        AnyPoolOptions::new()
            // An in-memory database lives in its one connection.
            .max_connections(if memory { 1 } else { 8 })
            .min_connections(if memory { 1 } else { 0 })
            .idle_timeout(if memory {
                None
            } else {
                Some(Duration::from_secs(600))
            })
            .max_lifetime(if memory {
                None
            } else {
                Some(Duration::from_secs(3600))
            })
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // In WAL mode, NORMAL is safe from corruption and much faster than FULL; wait
                    // for a writer rather than fail at once.
                    conn.execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000")
                        .await?;
                    Ok(())
                })
            })
            .connect(url.expose())
    })
    .await?;
    crate::migrate::run(&pool, MIGRATIONS.first(migrations)).await?;
    Ok(SqlStore::new(pool, Backend::Sqlite))
}

/// Runs `step` again while SQLite answers "busy" without waiting: several processes opening a
/// new file at once race to switch it to write-ahead logging, and the loser is told at once.
async fn while_busy<T, F, Fut>(step: F) -> std::result::Result<T, sqlx::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<T, sqlx::Error>>,
{
    let mut tries = 0;
    loop {
        match step().await {
            Err(sqlx::Error::Database(e)) if tries < 20 && is_busy(e.code().as_deref()) => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(25 * tries)).await;
            }
            other => return other,
        }
    }
}

/// SQLITE_BUSY and its extended codes (the low byte is 5).
fn is_busy(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<u32>().ok())
        .is_some_and(|c| c & 0xff == 5)
}
