//! The API's one error type, answered as `application/problem+json` (RFC 9457).
//!
//! Policy: a client's mistake gets the status that says what to do about it and a message that
//! names the place (a JSON path, a CSV line and column). A record the caller may not see is 404,
//! the same as one that does not exist, so guessing ids reveals nothing. Anything that goes
//! wrong inside (the database, a bug) is logged with its detail and answered as a bare 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_core::{Diagnostic, Severity};
use rungs_store::StoreError;
use serde::Serialize;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("sign in first: send the session cookie or an `Authorization: Bearer` token")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Not found, with what there is instead ("there is no level `x`; did you mean …").
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    /// An update that does not say which version it read.
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("{title}")]
    Invalid {
        title: String,
        problems: Vec<Problem>,
    },
    #[error("too many failed sign-ins; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error("the body is larger than the {0} MiB allowed")]
    TooLarge(usize),
    #[error("internal error")]
    Internal(String),
}

/// One located problem in a request: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A JSON path (`/ratings/3/level`), or a file place (`roster.csv:12, column 5 (level)`).
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
}

impl Problem {
    /// A problem at a JSON path of the request body.
    pub fn at(path: &str, message: impl Into<String>, help: Option<&str>) -> Problem {
        Problem {
            location: path.to_owned(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: help.map(str::to_owned),
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
        }
    }
}

impl ApiError {
    /// A 422 from a loader's diagnostics (their errors only).
    pub fn invalid(title: impl Into<String>, diagnostics: &[Diagnostic]) -> ApiError {
        ApiError::Invalid {
            title: title.into(),
            problems: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(Problem::from)
                .collect(),
        }
    }

    /// A 422 with one problem at a JSON path.
    pub fn field(path: &str, message: impl Into<String>, help: Option<&str>) -> ApiError {
        ApiError::Invalid {
            title: "the request is not valid".into(),
            problems: vec![Problem::at(path, message, help)],
        }
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) | ApiError::Missing(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NotFound(what) => ApiError::NotFound(what),
            StoreError::Conflict(message) => ApiError::Conflict(message),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// The body of every error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemDetails {
    /// Always `about:blank`: the status and title say what happened.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Problem>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after } => Some(*retry_after),
            _ => None,
        };
        let (title, errors) = match self {
            ApiError::Invalid { title, problems } => (title, problems),
            other => (other.to_string(), Vec::new()),
        };
        let body = ProblemDetails {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            errors,
        };
        let mut response = (status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
