//! The server's one error type, answered as `application/problem+json` (RFC 9457).
//!
//! Policy: the application layer decides what went wrong ([`AppError`]); this says it over
//! HTTP. A caller's mistake gets the status that says what to do about it and the problems with
//! their places; a record the caller may not see is 404, the same as one that does not exist,
//! so guessing ids reveals nothing. Anything that goes wrong inside (the database, a bug) is
//! logged with its detail and answered as a bare 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_app::{AppError, Problem};
use serde::Serialize;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// The content type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    /// A request HTTP itself cannot make sense of (a header that is not what it should be).
    #[error("{0}")]
    BadRequest(String),
    /// An update that does not say which version it read.
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("the body is larger than the {0} MiB allowed")]
    TooLarge(usize),
    #[error("{0}")]
    NotAllowed(String),
    /// A body in a format this endpoint does not take.
    #[error("{0}")]
    Unsupported(String),
}

impl ApiError {
    /// A 422 with one problem at a JSON path.
    pub fn field(path: &str, message: impl Into<String>, help: Option<&str>) -> ApiError {
        ApiError::App(AppError::field(path, message, help))
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            ApiError::App(e) => status_of(e),
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        }
    }
}

/// The one mapping from what the application says went wrong to an HTTP status: the API and
/// the pages both answer with it.
pub(crate) fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) | AppError::Missing(_) => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Logs what went wrong inside (the database, a bug) with its detail, wherever it is answered;
/// the caller is told neither.
pub(crate) fn log_inside(e: &AppError) {
    match e {
        AppError::Internal(detail) => tracing::error!(%detail, "internal error"),
        AppError::Unavailable(detail) => tracing::warn!(%detail, "the database does not answer"),
        _ => {}
    }
}

/// How long to wait before trying again, when the answer says.
pub(crate) fn retry_after(e: &AppError) -> Option<u64> {
    match e {
        AppError::TooManyRequests { retry_after } => Some(*retry_after),
        AppError::Unavailable(_) => Some(5),
        _ => None,
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
    /// Every problem in what was sent, each with its place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Problem>,
}

impl ApiError {
    /// The title and problems a person reads.
    pub fn details(self) -> ProblemDetails {
        let status = self.status_code();
        if let ApiError::App(e) = &self {
            log_inside(e);
        }
        let (title, errors) = match self {
            ApiError::App(AppError::Invalid { title, problems }) => (title, problems),
            ApiError::App(AppError::Unauthorized) => (
                "sign in first: send the session cookie or an `Authorization: Bearer` token"
                    .to_owned(),
                Vec::new(),
            ),
            other => (other.to_string(), Vec::new()),
        };
        ProblemDetails {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let retry_after = match &self {
            ApiError::App(e) => retry_after(e),
            _ => None,
        };
        let mut response = (status, axum::Json(self.details())).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// What went wrong, and where: the problem's title and status, and every problem in what was
/// sent with its place (RFC 9457).
#[derive(Debug, utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct Problems(pub ProblemDetails);

/// Under `/api/`, every error answers as a problem (RFC 9457), also those the framework makes
/// before a handler runs: a path or query value of the wrong kind (400), a method the address
/// does not take (405), a body too large for a route's limit (413). Their words become the
/// problem's title.
pub(crate) async fn api_problems(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !api || is_problem || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 << 10)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let title = if text.is_empty() {
        match status {
            StatusCode::METHOD_NOT_ALLOWED => "this address does not take that method".to_owned(),
            other => other
                .canonical_reason()
                .unwrap_or("the request could not be answered")
                .to_lowercase(),
        }
    } else {
        text
    };
    let mut fixed = (
        status,
        axum::Json(ProblemDetails {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            errors: Vec::new(),
        }),
    )
        .into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fixed.headers_mut().append(name.clone(), value.clone());
        }
    }
    fixed
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    fixed
}
