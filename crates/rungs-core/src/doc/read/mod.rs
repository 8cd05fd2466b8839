//! Reading the spanned tree into Rungs types while collecting every problem at once.
//!
//! serde stops at the first mistake; a person fixing a file wants them all. The reader walks
//! the tree, records each problem with its span and document path, and keeps going. It also
//! remembers the span of every value it reads, by path (`levels[2].parallel`), so later checks
//! on the decoded types can point back into the file.

mod table;
use std::cell::{Cell, RefCell};
pub(crate) use table::*;

use super::sink::{Sink, join};
use super::{Entry, Item, Value};
use crate::date::Date;
use crate::diag::{Problem, Span};
use crate::suggest::did_you_mean;

/// One value in the document, with its path.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    sink: &'a Sink,
    path: String,
    item: &'a Item,
}

impl<'a> Node<'a> {
    /// Wraps the root of a document.
    pub(crate) fn root(sink: &'a Sink, item: &'a Item) -> Self {
        Node {
            sink,
            path: String::new(),
            item,
        }
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    fn kind(&self) -> &'static str {
        match self.item.value {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a decimal number",
            Value::Bool(_) => "true or false",
            Value::Date(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }

    fn wrong_type(&self, expected: &str) {
        let what = self.path.rsplit('.').next().unwrap_or(&self.path);
        let what = if what.is_empty() {
            "the document"
        } else {
            what
        };
        let help = match expected {
            e if e.starts_with("a string") => "put the text in double quotes: \"like this\"",
            e if e.starts_with("an id") => "ids go in double quotes: \"senior-pm\"",
            e if e.starts_with("a list") => "write a list in square brackets: [\"a\", \"b\"]",
            e if e.starts_with("a date") => "write a date as 2026-11-01",
            "a table" => "write a table as { key = value, … } or as its own [section]",
            "true or false" => "write true or false, without quotes",
            _ => "write a number without quotes, e.g. 3 or 0.5",
        };
        self.sink.error_at(
            &self.path,
            format!("`{what}` should be {expected}, but it is {}", self.kind()),
            Some(help.to_owned()),
        );
    }

    /// A non-empty string.
    pub(crate) fn text(&self) -> Option<String> {
        match &self.item.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.sink.error_at(
                    &self.path,
                    "this text is empty",
                    Some("write something here, or remove the key".into()),
                );
                None
            }
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type("a string in quotes");
                None
            }
        }
    }

    /// Text a person typed, held to `max` characters ([`crate::limits`]); `what` names it in
    /// the refusal ("the evidence note").
    pub(crate) fn text_max(&self, what: &str, max: usize) -> Option<String> {
        let text = self.text()?;
        match crate::limits::check(what, &text, max) {
            Ok(()) => Some(text),
            Err(r) => {
                self.sink
                    .error_at(&self.path, r.message, Some(r.help.into()));
                None
            }
        }
    }

    /// A stable id: lowercase letters and digits in words joined by hyphens.
    pub(crate) fn id(&self) -> Option<String> {
        let Value::Str(text) = &self.item.value else {
            self.wrong_type("an id in quotes, like \"senior-pm\"");
            return None;
        };
        if is_id(text) {
            return Some(text.clone());
        }
        let slug = slug(text);
        let help = if slug.is_empty() {
            "ids are lowercase letters and digits in words joined by hyphens".to_owned()
        } else {
            format!("ids are lowercase words joined by hyphens; try \"{slug}\"")
        };
        self.sink.error_at(
            &self.path,
            format!("\"{}\" is not a valid id", text.escape_default()),
            Some(help),
        );
        None
    }

    /// A finite number, integer or decimal.
    pub(crate) fn number(&self) -> Option<f64> {
        let value = match self.item.value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => {
                self.wrong_type("a number");
                return None;
            }
        };
        if value.is_finite() {
            Some(value)
        } else {
            self.sink.error_at(
                &self.path,
                "this number is out of range",
                Some("use an ordinary finite number".into()),
            );
            None
        }
    }

    /// A whole number from 0 up.
    pub(crate) fn count(&self) -> Option<u64> {
        match self.item.value {
            Value::Int(i) => match u64::try_from(i) {
                Ok(v) => Some(v),
                Err(_) => {
                    self.sink.error_at(
                        &self.path,
                        "this must not be negative",
                        Some("use a whole number from 0 up".into()),
                    );
                    None
                }
            },
            Value::Float(f) if !f.is_finite() => {
                self.sink.error_at(
                    &self.path,
                    "this number is too large",
                    Some("use a whole number from 0 up".into()),
                );
                None
            }
            Value::Float(_) => {
                self.sink.error_at(
                    &self.path,
                    "this must be a whole number",
                    Some("remove the decimal part".into()),
                );
                None
            }
            _ => {
                self.wrong_type("a whole number");
                None
            }
        }
    }

    pub(crate) fn boolean(&self) -> Option<bool> {
        match self.item.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type("true or false");
                None
            }
        }
    }

    /// A calendar date: a TOML date (`2026-11-01`) or a string holding one.
    pub(crate) fn date(&self) -> Option<Date> {
        let text = match &self.item.value {
            Value::Date(d) | Value::Str(d) => d,
            _ => {
                self.wrong_type("a date, like 2026-11-01");
                return None;
            }
        };
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                self.sink.error_at(
                    &self.path,
                    format!("\"{}\" is not a date: {e}", text.escape_default()),
                    Some("write a date as YYYY-MM-DD, e.g. 2026-11-01".into()),
                );
                None
            }
        }
    }

    pub(crate) fn table(&self) -> Option<Table<'a>> {
        match &self.item.value {
            Value::Table(entries) => Some(Table {
                sink: self.sink,
                path: self.path.clone(),
                span: self.item.span.clone(),
                entries,
                asked: RefCell::new(Vec::new()),
                keys_are_data: Cell::new(false),
            }),
            _ => {
                self.wrong_type("a table");
                None
            }
        }
    }

    pub(crate) fn is_list(&self) -> bool {
        matches!(self.item.value, Value::Array(_))
    }

    pub(crate) fn is_table(&self) -> bool {
        matches!(self.item.value, Value::Table(_))
    }

    /// The elements of a list, each with its own path (`key[0]`, `key[1]`, …).
    pub(crate) fn items(&self) -> Option<Vec<Node<'a>>> {
        match &self.item.value {
            Value::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let path = format!("{}[{i}]", self.path);
                        self.sink.remember(&path, item.span.clone());
                        Node {
                            sink: self.sink,
                            path,
                            item,
                        }
                    })
                    .collect(),
            ),
            _ => {
                self.wrong_type("a list in square brackets");
                None
            }
        }
    }
}

/// Whether `text` is a valid id: `senior-pm`, `l5`, `ai-ml`.
pub(crate) fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The id a person probably meant: "Senior PM" → "senior-pm".
pub(crate) fn slug(text: &str) -> String {
    let lowered = text.to_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests;
