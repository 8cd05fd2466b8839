//! Forms: a posted body read as named fields, its CSRF token checked, and bad fields shown beside
//! the field and in a summary at the top, with the message and place the API gives.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use maud::{Markup, html};
use rungs_app::{AppError, Via, secret};

use super::PageError;
use crate::auth::{SESSION_COOKIE, cookie};
use crate::state::AppState;

/// The cookie that carries the CSRF token of a visitor's form (sign-in, setup): the form sends
/// the same value back, which another site cannot read.
pub(crate) const VISITOR_CSRF: &str = "rungs_form";

/// The most a form may hold.
const MAX_FORM: usize = 1 << 20;

/// A posted form whose CSRF token matched: the fields in the order sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pub(crate) fields: Vec<(String, String)>,
}

impl Form {
    /// The first value of a field, or "".
    pub(crate) fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The first value of a field, if it was sent at all.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl FromRequest<AppState> for Form {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Form, PageError> {
        let (parts, body) = req.into_parts();
        let session = cookie(&parts, SESSION_COOKIE).map(str::to_owned);
        let visitor = cookie(&parts, VISITOR_CSRF).map(str::to_owned);
        let bytes = axum::body::to_bytes(body, MAX_FORM)
            .await
            .map_err(|_| PageError {
                status: axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                title: "Too much to send",
                message: format!("A form may hold at most {} MiB.", MAX_FORM >> 20),
            })?;
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let form = Form { fields };
        let sent = form.get("csrf");
        let expected = match session {
            Some(token) => state
                .app
                .accounts()
                .signed_in(Via::Session, &token)
                .await?
                .and_then(|s| s.csrf),
            None => None,
        }
        .or(visitor);
        match expected {
            Some(e) if !sent.is_empty() && secret::same(sent, &e) => Ok(form),
            _ => Err(PageError::expired()),
        }
    }
}

/// The CSRF token for a visitor's form, and the cookie to set when there is none yet.
pub(crate) fn visitor_token(
    parts: &axum::http::HeaderMap,
) -> Result<(String, Option<HeaderValue>), AppError> {
    let existing = parts
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == VISITOR_CSRF)
        .map(|(_, v)| v.trim().to_owned());
    if let Some(t) = existing.filter(|t| !t.is_empty()) {
        return Ok((t, None));
    }
    let token = secret::random_token("")?;
    let cookie = HeaderValue::from_str(&format!(
        "{VISITOR_CSRF}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400"
    ))
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((token, Some(cookie)))
}

/// The problems of a refused form, by field name (`/email` is the field `email`).
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldErrors {
    pub(crate) list: Vec<(String, String)>,
}

impl FieldErrors {
    /// The field errors of an application error, or the error itself when it is not about
    /// fields.
    pub(crate) fn from_error(e: AppError) -> Result<FieldErrors, PageError> {
        match e {
            AppError::Invalid { problems, .. } => Ok(FieldErrors {
                list: problems
                    .into_iter()
                    .map(|p| {
                        let field = p.location.trim_start_matches(['/', '?']).to_owned();
                        let message = match &p.help {
                            Some(h) => format!("{}: {h}", p.message),
                            None => p.message,
                        };
                        (field, message)
                    })
                    .collect(),
            }),
            other => Err(other.into()),
        }
    }

    pub(crate) fn one(field: &str, message: impl Into<String>) -> FieldErrors {
        FieldErrors {
            list: vec![(field.to_owned(), message.into())],
        }
    }

    pub(crate) fn of(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The summary at the top of a form: every problem, each linking to its field.
    pub(crate) fn summary(&self) -> Markup {
        html! {
            @if !self.list.is_empty() {
                div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                    h2 #error-summary-title { "There is a problem" }
                    ul {
                        @for (field, message) in &self.list {
                            li { a href={ "#" (field) } { (message) } }
                        }
                    }
                }
            }
        }
    }
}

/// A labelled text input with its hint and error.
pub(crate) fn input(
    errors: &FieldErrors,
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
    autocomplete: &str,
) -> Markup {
    let error = errors.of(name);
    let described = match (hint.is_some(), error.is_some()) {
        (true, true) => format!("{name}-hint {name}-error"),
        (true, false) => format!("{name}-hint"),
        (false, true) => format!("{name}-error"),
        (false, false) => String::new(),
    };
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(h) = hint { span.hint id={ (name) "-hint" } { (h) } }
            @if let Some(e) = error { span.field-error id={ (name) "-error" } { "Error: " (e) } }
            input id=(name) name=(name) type=(kind) value=(value) autocomplete=(autocomplete)
                aria-describedby=[(!described.is_empty()).then_some(described.as_str())]
                aria-invalid=[error.map(|_| "true")];
        }
    }
}

/// The hidden CSRF field every form carries.
pub(crate) fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// The CSRF token and the file of an upload form (`multipart/form-data` with `csrf` and `file`),
/// the file read up to `limit` bytes (the route's body limit); none when no file was chosen.
pub(crate) async fn upload(
    csrf_token: &str,
    parts: axum::extract::Multipart,
    limit: usize,
) -> Result<Option<Vec<u8>>, PageError> {
    Ok(upload_named(csrf_token, parts, limit)
        .await?
        .map(|(_, bytes)| bytes))
}

/// The same, with the file's name as the browser sent it (empty when it sent none).
pub(crate) async fn upload_named(
    csrf_token: &str,
    mut parts: axum::extract::Multipart,
    limit: usize,
) -> Result<Option<(String, Vec<u8>)>, PageError> {
    let too_large = || PageError {
        status: axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        title: "The file could not be read",
        message: format!(
            "The upload was cut short or is larger than the {} MB taken.",
            limit >> 20
        ),
    };
    let (mut token, mut file) = (String::new(), None);
    while let Some(field) = parts.next_field().await.map_err(|_| too_large())? {
        match field.name().unwrap_or_default() {
            "csrf" => token = field.text().await.unwrap_or_default(),
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                file = Some((name, field.bytes().await.map_err(|_| too_large())?));
            }
            _ => {}
        }
    }
    if !secret::same(&token, csrf_token) {
        return Err(PageError::expired());
    }
    Ok(file
        .map(|(name, bytes)| (name, Vec::from(bytes)))
        .filter(|(_, b)| !b.is_empty()))
}

/// A day as people read it, from a stored time in milliseconds since 1970.
pub(crate) fn day(at_ms: i64) -> String {
    rungs_core::Date::from_days(i32::try_from(at_ms.div_euclid(86_400_000)).unwrap_or(0))
        .to_string()
}

/// A redirect to a path on this site made from data (an id, a note). Any byte a header may not
/// hold (a space, a letter outside ASCII, a control character) is percent-encoded, so no value
/// a person typed can make the answer fail.
pub(crate) fn redirect(location: &str) -> axum::response::Redirect {
    let mut out = String::with_capacity(location.len());
    for b in location.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    axum::response::Redirect::to(&out)
}

/// An address with a note to show on arrival (`?done=`), after a form is saved.
pub(crate) fn with_note(path: &str, note: &str) -> String {
    format!(
        "{path}?done={}",
        form_urlencoded::byte_serialize(note.as_bytes()).collect::<String>()
    )
}

/// The person a form's field names, by name or roster id (`People::named`).
pub(crate) struct Named {
    field: String,
    /// The person's id; on a text that fits no one (or several), the text as it is, so that
    /// the use case still checks every other field of the form.
    pub(crate) person: Option<rungs_core::PersonId>,
    refused: Option<rungs_app::AppError>,
}

impl Named {
    /// The person's id as the use cases take it.
    pub(crate) fn id(&self) -> Option<String> {
        self.person.as_ref().map(ToString::to_string)
    }

    /// The use case's answer, with this field's problem said as `named` says it (who was
    /// meant, namesakes told apart) beside the problems of the other fields.
    pub(crate) fn answer<T>(
        self,
        r: Result<T, rungs_app::AppError>,
    ) -> Result<T, rungs_app::AppError> {
        let at = format!("/{}", self.field);
        match (self.refused, r) {
            (
                Some(rungs_app::AppError::Invalid { problems: ours, .. }),
                Err(rungs_app::AppError::Invalid { title, problems }),
            ) => {
                let mut problems: Vec<rungs_app::Problem> = problems
                    .into_iter()
                    .filter(|p| p.location != at && p.field.as_deref() != Some(self.field.as_str()))
                    .collect();
                problems.extend(ours);
                Err(rungs_app::AppError::Invalid { title, problems })
            }
            (Some(refused), Err(rungs_app::AppError::Invalid { .. })) => Err(refused),
            (_, r) => r,
        }
    }
}

/// Reads a person's field of a form: none when empty, else `People::named`.
pub(crate) async fn named(
    state: &crate::state::AppState,
    actor: &rungs_app::Actor,
    form: &Form,
    field: &str,
) -> Result<Named, rungs_app::AppError> {
    let text = form.get(field).trim();
    let mut named = Named {
        field: field.to_owned(),
        person: None,
        refused: None,
    };
    if text.is_empty() {
        return Ok(named);
    }
    match state.app.people().named(actor, field, text).await {
        Ok(p) => named.person = Some(p),
        Err(e @ rungs_app::AppError::Invalid { .. }) => {
            named.person = Some(rungs_core::PersonId::from(text));
            named.refused = Some(e);
        }
        Err(e) => return Err(e),
    }
    Ok(named)
}
