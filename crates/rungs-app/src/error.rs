//! The application layer's one error type.
//!
//! Policy: a caller's mistake says what to do about it and names its place (a field, a JSON
//! path, a CSV line and column) in [`Problem`]s; a record the caller may not see is
//! [`AppError::NotFound`], exactly like one that does not exist; a failure inside (the
//! database, a bug) is [`AppError::Internal`], whose detail faces log and never show.

use rungs_core::{Diagnostic, Severity};
use rungs_store::StoreError;
use serde::Serialize;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No one is signed in, or the sign-in has ended.
    #[error("sign in first")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Not found, with what there is instead ("there is no level `x`; did you mean …").
    #[error("{0}")]
    Missing(String),
    /// The record changed since it was read, or the request conflicts with what is stored.
    #[error("{0}")]
    Conflict(String),
    /// What was sent is not valid: every problem, each in its place.
    #[error("{title}")]
    Invalid {
        title: String,
        problems: Vec<Problem>,
    },
    #[error("too many failed sign-ins; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    /// The database does not answer now: try again in a moment.
    #[error("the database is not answering just now; try again in a moment")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

/// One located problem in what was sent: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A JSON path (`/ratings/3/level`), a field (`/level`), or a file place
    /// (`roster.csv:12, column 5 (level)`).
    pub location: String,
    /// The CSV line or file line, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column number, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The CSV column's name, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// For a problem in a framework file, the place inside the document
    /// (`levels[2].title`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// For a problem in a spreadsheet, the sheet; `line` is then the row and `column` the
    /// column's number (1 for A).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl Problem {
    /// A problem at a JSON path of what was sent (`/level`).
    pub fn at(path: &str, message: impl Into<String>, help: Option<&str>) -> Problem {
        Problem {
            location: path.to_owned(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: help.map(str::to_owned),
            path: None,
            sheet: None,
        }
    }

    /// A problem with one field of a person, at its JSON path.
    pub fn of_field(p: &rungs_core::team::person::FieldProblem) -> Problem {
        Problem {
            field: Some(p.field.to_owned()),
            ..Problem::at(&format!("/{}", p.field), &p.message, p.help.as_deref())
        }
    }
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        let location = if d.path.is_empty() {
            d.location()
        } else {
            format!("{} ({})", d.location(), d.path)
        };
        Problem {
            location,
            line: d.start.map(|p| p.line).filter(|&l| l > 0),
            column: d.start.map(|p| p.column).filter(|&c| c > 0),
            field: d.field.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            path: (!d.path.is_empty()).then(|| d.path.clone()),
            sheet: d.sheet.clone(),
        }
    }
}

impl AppError {
    /// Invalid, from a loader's diagnostics (their errors only).
    pub fn invalid(title: impl Into<String>, diagnostics: &[Diagnostic]) -> AppError {
        AppError::Invalid {
            title: title.into(),
            problems: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(Problem::from)
                .collect(),
        }
    }

    /// Invalid, with one problem at a JSON path.
    pub fn field(path: &str, message: impl Into<String>, help: Option<&str>) -> AppError {
        AppError::Invalid {
            title: "the request is not valid".into(),
            problems: vec![Problem::at(path, message, help)],
        }
    }

    /// Invalid, from the diagnostics of typed values: each problem at its path in the document,
    /// as a JSON pointer (`ratings.discovery.evidence` is `/ratings/discovery/evidence`).
    pub fn at_paths(title: impl Into<String>, diagnostics: &[Diagnostic]) -> AppError {
        AppError::Invalid {
            title: title.into(),
            problems: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| {
                    let mut p = Problem::from(d);
                    p.location = pointer(&d.path);
                    p
                })
                .collect(),
        }
    }

    /// Refuses a text typed into `path` that is longer than its limit ([`rungs_core::limits`]),
    /// naming the field and the limit. `what` is "the name".
    pub fn limited(path: &str, what: &str, text: &str, max: usize) -> Result<()> {
        rungs_core::limits::check(what, text, max)
            .map_err(|r| AppError::field(path, r.message, Some(r.help)))
    }

    /// A name that matched nothing, as a problem at `location`, with the nearest names.
    pub fn unknown(location: &str, u: &rungs_core::Unknown) -> AppError {
        AppError::Invalid {
            title: "the request names something the framework does not have".into(),
            problems: vec![Problem::at(
                location,
                format!("there is no {} `{}`", u.kind, u.given),
                Some(&rungs_core::team::person::unknown_help(u)),
            )],
        }
    }
}

/// A document path (`ratings.discovery`, `milestones[2].id`) as a JSON pointer.
fn pointer(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        out.push('/');
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
        for index in rest.split('[').map(|i| i.trim_end_matches(']')) {
            if !index.is_empty() {
                out.push('/');
                out.push_str(index);
            }
        }
    }
    if out.is_empty() { "/".into() } else { out }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Unavailable(detail) => AppError::Unavailable(detail),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> AppError {
        AppError::Internal(format!("a background task failed: {e}"))
    }
}
