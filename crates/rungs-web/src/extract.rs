//! Reading requests: JSON bodies whose mistakes are named by their JSON path, and the client's
//! address.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;
use rungs_app::AppError;

/// The most a JSON body may hold.
pub(crate) const MAX_JSON: usize = 4 << 20;
/// The most an uploaded roster or assessment history may hold over HTTP: about 500,000 people
/// of roster, far beyond any product organization. Importing one holds it all in memory to check
/// it whole (about 1 KB a person: docs/performance.md), so the limit bounds the memory an upload
/// can take; larger files go through `rungs import`, which reads from disk.
pub(crate) const MAX_FILE: usize = 64 << 20;

/// A JSON body. A body that is not JSON, or has a field of the wrong type, is a 422 naming the
/// field by its JSON path (`/ratings/2/level`).
#[derive(Debug)]
pub(crate) struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Body<T>, ApiError> {
        // Only a JSON content type: a cross-site form (`text/plain`, form-encoded) cannot send
        // one without the browser asking first, so it cannot post here in someone's name.
        let json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|t| t == "application/json" || t.ends_with("+json"));
        if !json {
            return Err(ApiError::Unsupported(
                "send the body as JSON, with Content-Type: application/json".into(),
            ));
        }
        let bytes = read(req, state, MAX_JSON).await?;
        // Every body the API takes is one JSON object: a list in its place (which serde would
        // read as the fields in order) is refused, whatever fields the object has.
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|&b| b != b'{')
            && serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()
        {
            return Err(ApiError::field(
                "/",
                "the body must be a JSON object ({ … }), not a list or a single value",
                None,
            ));
        }
        parse_json(&bytes).map(Body)
    }
}

/// A query string. A parameter of the wrong type or one not known is a 422 naming it
/// (`?runs`), as a problem+json like every other mistake.
#[derive(Debug)]
pub(crate) struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params<T>, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(query));
        serde_path_to_error::deserialize(de)
            .map(Params)
            .map_err(|e| {
                let name = e.path().to_string();
                let inner = e.into_inner().to_string();
                // serde names the parameter in its message when it is missing or unknown.
                let location = if name.is_empty() || name == "." {
                    inner
                        .split('`')
                        .nth(1)
                        .map_or_else(|| "?".to_owned(), |n| format!("?{n}"))
                } else {
                    format!("?{name}")
                };
                AppError::field(&location, inner, None).into()
            })
    }
}

fn form_urlencoded_parse(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// Reads a body of at most `limit` bytes: one that says it is larger is refused before a byte
/// of it is read, and one that does not say is read only up to the limit.
pub(crate) async fn read<S: Send + Sync>(
    req: Request,
    _state: &S,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge(limit >> 20));
    }
    axum::body::to_bytes(req.into_body(), limit)
        .await
        .map_err(|_| ApiError::TooLarge(limit >> 20))
}

/// Parses JSON, naming the place of any mistake. A whole number written with a fraction
/// (`3.0`, `1e3`) is a whole number, as JSON Schema counts it: it is taken where an integer is.
pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::field("/", format!("the body is not JSON: {e}"), None))?;
    whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = pointer(e.path());
        ApiError::field(&pointer, e.into_inner().to_string(), None)
    })
}

/// Writes every whole number given with a fraction (`3.0`) as the integer it is.
fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            // 2^63: the first whole number past what an i64 holds.
            const PAST_I64: f64 = 9_223_372_036_854_775_808.0;
            if let Some(x) = n.as_f64().filter(|x| x.fract() == 0.0) {
                if (-PAST_I64..PAST_I64).contains(&x) {
                    *value = Value::from(x as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// A serde path as a JSON pointer: `ratings[2].level` → `/ratings/2/level`.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out += &format!("/{index}"),
            Segment::Map { key } => {
                out += &format!("/{}", key.replace('~', "~0").replace('/', "~1"))
            }
            Segment::Enum { variant } => out += &format!("/{variant}"),
            Segment::Unknown => out += "/?",
        }
    }
    if out.is_empty() { "/".into() } else { out }
}

/// The client's address: the connection's, or with `trust_proxy` the first of
/// `X-Forwarded-For`. `unknown` when neither is known (as in tests).
#[derive(Debug, Clone)]
pub(crate) struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config.trust_proxy {
            // The trusted proxy appends the address it saw to whatever the client sent: only
            // the last entry is its word; everything before it the client may have written.
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty());
            if let Some(addr) = forwarded {
                return Ok(ClientAddr(addr.to_owned()));
            }
        }
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
        Ok(ClientAddr(addr))
    }
}
