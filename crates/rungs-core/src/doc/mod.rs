//! Documents a person writes (frameworks, assessments, answers), in TOML or JSON, read into
//! one spanned tree so every loader reports problems the same way: all at once, each with
//! `file:line:column` and the path inside the document.

mod json;
mod kind;
mod read;
mod sink;
mod toml;

use crate::diag::{Diagnostic, LineIndex, Problem, Severity, Span, resolve_all};

pub use kind::FileKind;
pub(crate) use read::{Node, Table, is_id, slug};
pub(crate) use sink::{Sink, join};

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub(crate) span: Span,
    pub(crate) value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date or date-time, as written.
    Date(String),
    Array(Vec<Item>),
    Table(Vec<Entry>),
}

/// One key of a table, with the span of the key itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_span: Span,
    pub(crate) item: Item,
}

/// The syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// The format a file name implies: `.json` is JSON, anything else TOML.
    pub fn from_name(name: &str) -> Self {
        if name.to_ascii_lowercase().ends_with(".json") {
            Format::Json
        } else {
            Format::Toml
        }
    }

    /// The format of a document's bytes: JSON when the first character that is not blank
    /// opens an object, TOML otherwise (a TOML file never starts with `{`).
    pub fn sniff(bytes: &[u8]) -> Self {
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::Json,
            _ => Format::Toml,
        }
    }

    /// The name a document in this format is reported under.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Format::Toml => format!("{stem}.toml"),
            Format::Json => format!("{stem}.json"),
        }
    }
}

/// A document's text, checked for size and encoding: the start of every load.
pub(crate) fn text<'b>(
    file: &str,
    bytes: &'b [u8],
    limit: usize,
) -> Result<&'b str, Vec<Diagnostic>> {
    if bytes.len() > limit {
        return Err(vec![whole_file(
            file,
            format!(
                "the file is {} bytes, more than the {} MiB allowed",
                bytes.len(),
                limit >> 20
            ),
            "check that this is the right file",
        )]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            // The valid prefix is UTF-8 by construction; locate the bad byte within it.
            let prefix = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let at = LineIndex::new(prefix).position(prefix.len());
            let problem = Problem::error(
                Some(prefix.len()..prefix.len()),
                "",
                format!(
                    "the file is not UTF-8 text: byte 0x{:02X} at line {}, column {} is not valid",
                    bytes[e.valid_up_to()],
                    at.line,
                    at.column
                ),
            )
            .help("save the file as UTF-8");
            Err(resolve_all(file, prefix, vec![problem]))
        }
    }
}

/// Parses a document into the spanned tree, or reports every syntax error found.
pub(crate) fn parse(text: &str, format: Format) -> Result<Item, Vec<Problem>> {
    match format {
        Format::Toml => toml::parse(text),
        Format::Json => json::parse(text).map_err(|p| vec![p]),
    }
}

pub(crate) fn whole_file(file: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        start: None,
        end: None,
        path: String::new(),
        message,
        help: Some(help.to_owned()),
        field: None,
        sheet: None,
        line_text: None,
    }
}
