//! For tests of this crate and the crates above it: a fresh database per test, on every
//! backend: SQLite always, PostgreSQL when `RUNGS_TEST_DATABASE_URL` names a server (a database
//! is made for the test and dropped after, even when the test panics). Built with the
//! `testing` feature only.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{DbUrl, SqlStore};
use sqlx::Connection;

/// A test database, removed when dropped (even when the test panics).
#[derive(Debug)]
pub struct TestDb {
    pub store: SqlStore,
    /// Where the database is, to open it again.
    pub url: DbUrl,
    pub name: &'static str,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, db)) = self.drop_pg.take() else {
            return;
        };
        // Dropping runs outside any runtime the test has: make one on a thread of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::Executor::execute(
                            &mut conn,
                            format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)").as_str(),
                        )
                        .await;
                    }
                });
            }
        })
        .join();
    }
}

fn unique() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The URL with its database name replaced.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{db}", &base[..path]);
    if let Some(q) = query {
        out = format!("{out}?{q}");
    }
    out
}

/// Every backend to run a test on.
pub async fn backends() -> Vec<TestDb> {
    backends_migrated(None).await
}

/// Every backend, with only the first `migrations` of the schema's migrations run (all when
/// `None`).
pub async fn backends_migrated(migrations: Option<usize>) -> Vec<TestDb> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = DbUrl::sqlite_file(&dir.path().join("rungs.db"));
    let mut all = vec![TestDb {
        store: crate::open_migrated(&url, migrations)
            .await
            .expect("SQLite opens"),
        url,
        name: "SQLite",
        _dir: Some(dir),
        drop_pg: None,
    }];
    match std::env::var("RUNGS_TEST_DATABASE_URL") {
        Ok(admin) if !admin.trim().is_empty() => {
            let db = format!("rungs_test_{}", unique());
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("RUNGS_TEST_DATABASE_URL is set, so PostgreSQL must be reachable");
            sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {db}").as_str())
                .await
                .expect("a test database is created");
            conn.close().await.ok();
            let url = DbUrl::parse(&with_database(&admin, &db)).expect("a URL");
            let guard = TestDb {
                store: crate::open_migrated(&url, migrations)
                    .await
                    .expect("PostgreSQL opens"),
                url,
                name: "PostgreSQL",
                _dir: None,
                drop_pg: Some((admin, db)),
            };
            all.push(guard);
        }
        _ => println!(
            "SKIPPED: PostgreSQL (set RUNGS_TEST_DATABASE_URL to run the store tests on it too)"
        ),
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_get_the_test_database() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
