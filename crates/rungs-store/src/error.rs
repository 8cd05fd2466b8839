//! The store's errors.
//!
//! Policy: `NotFound` and `Conflict` are answers a caller acts on (404, 409); `Database` is a
//! failure of the database itself, which callers log and show only as a generic error. No
//! variant carries the database URL or its password.

/// A store result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record in this organization (or none the caller may know of).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The record changed since the caller read it, or a unique value is taken.
    #[error("{0}")]
    Conflict(String),
    /// The database URL cannot be used.
    #[error("{0}")]
    Url(String),
    // Not marked as the source: its message already holds the cause, which a chain of causes
    // would only repeat.
    #[error("the database: {0}")]
    Database(sqlx::Error),
    /// The database does not answer now (down, restarting, unreachable): worth trying again
    /// in a moment.
    #[error("the database does not answer: {0}")]
    Unavailable(String),
    #[error("migrating the database: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    /// Stored JSON that does not read back: only a damaged database gives this.
    #[error("stored data is damaged: {0}")]
    Damaged(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            other => StoreError::Database(other),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> StoreError {
        StoreError::Migrate(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_that_does_not_answer_is_told_apart_from_a_failing_one() {
        for e in [sqlx::Error::PoolTimedOut, sqlx::Error::PoolClosed] {
            assert!(matches!(StoreError::from(e), StoreError::Unavailable(_)));
        }
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(matches!(
            StoreError::from(sqlx::Error::Io(refused)),
            StoreError::Unavailable(_)
        ));
        assert!(matches!(
            StoreError::from(sqlx::Error::RowNotFound),
            StoreError::Database(_)
        ));
    }
}
