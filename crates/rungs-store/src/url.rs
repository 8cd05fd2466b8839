//! Database URLs: which backend, and a form safe to show.

use std::fmt;

use crate::{Result, StoreError};

/// The database backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A database URL. Its `Debug` and `Display` hide the password, so it can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl {
    url: String,
    backend: Backend,
}

impl DbUrl {
    /// Reads a URL: `sqlite://<path>` (or `sqlite:<path>`, `sqlite::memory:`) or
    /// `postgres://…` (or `postgresql://…`). A plain path with no scheme is a SQLite file.
    pub fn parse(url: &str) -> Result<DbUrl> {
        let url = url.trim();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if !url.is_empty() && !url.contains("://") {
            return Ok(DbUrl::sqlite_file(std::path::Path::new(url)));
        } else {
            return Err(StoreError::Url(format!(
                "`{}` is not a database URL Rungs knows: use sqlite://<file> or postgres://<user>@<host>/<database>",
                redact(url)
            )));
        };
        Ok(DbUrl {
            url: url.to_owned(),
            backend,
        })
    }

    /// The URL of a SQLite file.
    pub fn sqlite_file(path: &std::path::Path) -> DbUrl {
        DbUrl {
            url: format!("sqlite://{}", path.display()),
            backend: Backend::Sqlite,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL itself, password and all: for connecting only.
    pub fn expose(&self) -> &str {
        &self.url
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbUrl({})", redact(&self.url))
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.url))
    }
}

/// The URL with any password (`user:password@`, `password=` in the query) replaced by `***`.
pub fn redact(url: &str) -> String {
    let mut out = url.to_owned();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                out.replace_range(rest_start + colon + 1..rest_start + at, "***");
            }
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let query: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_owned(),
            })
            .collect();
        out = format!("{head}{}", query.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://rungs:s3cret@db.example:5432/rungs"),
            "postgres://rungs:***@db.example:5432/rungs"
        );
        assert_eq!(
            redact("postgres://db/rungs?user=a&password=s3cret&sslmode=require"),
            "postgres://db/rungs?user=a&password=***&sslmode=require"
        );
        assert_eq!(
            redact("postgres://rungs@db/rungs"),
            "postgres://rungs@db/rungs"
        );
        let url = DbUrl::parse("postgresql://u:p%40ss@h/d").expect("a URL");
        assert_eq!(
            format!("{url} {url:?}"),
            "postgresql://u:***@h/d DbUrl(postgresql://u:***@h/d)"
        );
        assert_eq!(url.backend(), Backend::Postgres);
    }

    #[test]
    fn the_scheme_picks_the_backend() {
        assert_eq!(
            DbUrl::parse("sqlite://rungs.db").expect("sqlite").backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DbUrl::parse("sqlite::memory:").expect("memory").backend(),
            Backend::Sqlite
        );
        let file = DbUrl::parse("data/rungs.db").expect("a path");
        assert_eq!(
            (file.backend(), file.expose()),
            (Backend::Sqlite, "sqlite://data/rungs.db")
        );
        let e = DbUrl::parse("mysql://u:pw@h/d").expect_err("not known");
        assert!(e.to_string().contains("mysql://u:***@h/d"), "{e}");
        assert!(!e.to_string().contains("pw"), "{e}");
    }
}
