//! Migrations compiled into the binary, one list per backend, run when the store opens.

use std::borrow::Cow;

use futures_core::future::BoxFuture;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

/// A backend's migrations: version, description and SQL.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Embedded(pub(crate) &'static [(i64, &'static str, &'static str)]);

impl Embedded {
    /// The first `n` migrations, or all of them.
    pub(crate) fn first(self, n: Option<usize>) -> Embedded {
        Embedded(&self.0[..n.unwrap_or(self.0.len()).min(self.0.len())])
    }
}

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// Brings the database's schema up to date. Two processes opening one new database at once
/// may both start on the same migration (PostgreSQL's migrations take a lock; SQLite's do not):
/// the one that loses the race rolls back, and trying again finds the migration done.
pub(crate) async fn run(pool: &sqlx::AnyPool, migrations: Embedded) -> crate::Result<()> {
    let migrator = Migrator::new(migrations).await?;
    let mut tries = 0;
    loop {
        match migrator.run(pool).await {
            Ok(()) => return Ok(()),
            Err(_) if tries < 5 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100 * tries)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}
