//! Reading the spanned tree into Rungs types while collecting every problem at once.
//!
//! serde stops at the first mistake; a person fixing a file wants them all. The reader walks
//! the tree, records each problem with its span and document path, and keeps going. It also
//! remembers the span of every value it reads, by path (`levels[2].parallel`), so later checks
//! on the decoded types can point back into the file.

use std::cell::{Cell, RefCell};

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
            Err(message) => {
                self.sink
                    .error_at(&self.path, message, Some(crate::limits::HELP.into()));
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

/// A table in the document: reads keys by name and, at [`Table::finish`], reports the keys
/// nobody asked for.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    sink: &'a Sink,
    path: String,
    span: Span,
    entries: &'a [Entry],
    asked: RefCell<Vec<&'static str>>,
    /// Set when the keys are data (read with [`Table::entries`]), so none is unknown.
    keys_are_data: Cell<bool>,
}

impl<'a> Table<'a> {
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn sink(&self) -> &'a Sink {
        self.sink
    }

    /// The value under `key`, if present.
    pub(crate) fn get(&self, key: &'static str) -> Option<Node<'a>> {
        self.asked.borrow_mut().push(key);
        let entry = self.entries.iter().find(|e| e.key == key)?;
        let path = join(&self.path, key);
        self.sink.remember(&path, entry.item.span.clone());
        Some(Node {
            sink: self.sink,
            path,
            item: &entry.item,
        })
    }

    /// The value under `key`, reporting it missing if absent.
    pub(crate) fn need(&self, key: &'static str, example: &str) -> Option<Node<'a>> {
        let node = self.get(key);
        if node.is_none() {
            let place = if self.path.is_empty() {
                "the file".to_owned()
            } else {
                format!("`{}`", self.path)
            };
            let help = if example.starts_with('{') {
                format!("add a [{}] section", join(&self.path, key))
            } else {
                format!("add `{key} = {example}`")
            };
            // Point at the table itself: its header, or its opening brace.
            self.sink.push(
                Problem::error(
                    Some(self.span.clone()),
                    self.path.clone(),
                    format!("{place} is missing `{key}`"),
                )
                .help(help),
            );
        }
        node
    }

    pub(crate) fn need_text(&self, key: &'static str) -> Option<String> {
        self.need(key, "\"…\"")?.text()
    }

    pub(crate) fn text(&self, key: &'static str) -> Option<String> {
        self.get(key)?.text()
    }

    /// Typed text held to a limit (see [`Node::text_max`]).
    pub(crate) fn text_max(&self, key: &'static str, what: &str, max: usize) -> Option<String> {
        self.get(key)?.text_max(what, max)
    }

    pub(crate) fn need_text_max(
        &self,
        key: &'static str,
        what: &str,
        max: usize,
    ) -> Option<String> {
        self.need(key, "\"…\"")?.text_max(what, max)
    }

    pub(crate) fn need_id(&self, key: &'static str) -> Option<String> {
        self.need(key, "\"an-id\"")?.id()
    }

    pub(crate) fn id(&self, key: &'static str) -> Option<String> {
        self.get(key)?.id()
    }

    pub(crate) fn number(&self, key: &'static str) -> Option<f64> {
        self.get(key)?.number()
    }

    pub(crate) fn count(&self, key: &'static str) -> Option<u64> {
        self.get(key)?.count()
    }

    pub(crate) fn need_count(&self, key: &'static str) -> Option<u64> {
        self.need(key, "1")?.count()
    }

    pub(crate) fn boolean(&self, key: &'static str) -> Option<bool> {
        self.get(key)?.boolean()
    }

    /// A list of texts; absent means empty.
    pub(crate) fn texts(&self, key: &'static str) -> Vec<String> {
        self.list(key, Node::text)
    }

    /// A list of ids; absent means empty.
    pub(crate) fn ids(&self, key: &'static str) -> Vec<String> {
        self.list(key, Node::id)
    }

    /// A list of ids that must be present and non-empty.
    pub(crate) fn need_ids(&self, key: &'static str) -> Vec<String> {
        let Some(node) = self.need(key, "[\"an-id\"]") else {
            return Vec::new();
        };
        let Some(items) = node.items() else {
            return Vec::new();
        };
        if items.is_empty() {
            self.sink.error_at(
                node.path(),
                format!("`{key}` is empty"),
                Some("name at least one id".into()),
            );
        }
        items.iter().filter_map(Node::id).collect()
    }

    pub(crate) fn list<T>(
        &self,
        key: &'static str,
        each: impl Fn(&Node<'a>) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        node.items()
            .unwrap_or_default()
            .iter()
            .filter_map(each)
            .collect()
    }

    pub(crate) fn table(&self, key: &'static str) -> Option<Table<'a>> {
        self.get(key)?.table()
    }

    pub(crate) fn need_table(&self, key: &'static str) -> Option<Table<'a>> {
        self.need(key, "{ … }")?.table()
    }

    /// A list of tables (`[[key]]` sections or a list of inline tables); absent means empty.
    pub(crate) fn tables(&self, key: &'static str) -> Vec<Table<'a>> {
        self.list(key, Node::table)
    }

    /// Every entry of a table whose keys are data (ids), in file order; all keys count as known.
    /// The span of each key is remembered at `<path>#key`.
    pub(crate) fn entries(&self) -> Vec<(String, Node<'a>)> {
        self.keys_are_data.set(true);
        self.entries
            .iter()
            .map(|e| {
                let path = join(&self.path, &e.key);
                self.sink.remember(&path, e.item.span.clone());
                self.sink.remember_key(&path, e.key_span.clone());
                (
                    e.key.clone(),
                    Node {
                        sink: self.sink,
                        path,
                        item: &e.item,
                    },
                )
            })
            .collect()
    }

    /// Reports the keys present in the table that nothing asked for: usually typos.
    pub(crate) fn finish(&self) {
        if self.keys_are_data.get() {
            return;
        }
        let asked = self.asked.borrow();
        for entry in self.entries {
            let name = entry.key.as_str();
            if asked.contains(&name) {
                continue;
            }
            let place = if self.path.is_empty() {
                "at the top of the file".to_owned()
            } else {
                format!("in `{}`", self.path)
            };
            let help = did_you_mean(name, asked.iter().copied()).unwrap_or_else(|| {
                let mut known: Vec<&str> = asked.clone();
                known.sort_unstable();
                known.dedup();
                format!("the keys allowed here are: {}", known.join(", "))
            });
            let path = join(&self.path, name);
            self.sink.push(
                Problem::error(
                    Some(entry.key_span.clone()),
                    path,
                    format!("unknown key `{name}` {place}"),
                )
                .help(help),
            );
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
mod tests {
    use super::*;
    use crate::doc::{Format, parse};

    #[test]
    fn ids_are_lowercase_words_joined_by_hyphens() {
        assert!(is_id("senior-pm"));
        assert!(is_id("l5"));
        assert!(!is_id("Senior-PM"));
        assert!(!is_id("senior--pm"));
        assert!(!is_id("-pm"));
        assert!(!is_id(""));
        assert_eq!(slug("Senior PM"), "senior-pm");
    }

    #[test]
    fn every_problem_in_a_table_is_reported() {
        for (text, format) in [
            ("name = 3\nrank = \"x\"\nextra = true\n", Format::Toml),
            (r#"{"name": 3, "rank": "x", "extra": true}"#, Format::Json),
        ] {
            let Ok(doc) = parse(text, format) else {
                panic!("the test document parses")
            };
            let sink = Sink::default();
            let Some(table) = Node::root(&sink, &doc).table() else {
                panic!("a table")
            };
            assert_eq!(table.need_text("name"), None);
            assert_eq!(table.count("rank"), None);
            assert_eq!(table.need_text("title"), None);
            table.finish();
            let messages: Vec<String> = sink
                .into_problems()
                .into_iter()
                .map(|p| p.message)
                .collect();
            assert_eq!(
                messages,
                vec![
                    "`name` should be a string in quotes, but it is an integer",
                    "`rank` should be a whole number, but it is a string",
                    "the file is missing `title`",
                    "unknown key `extra` at the top of the file",
                ],
                "{format:?}"
            );
        }
    }

    #[test]
    fn dates_come_as_toml_dates_or_strings() {
        for (text, format) in [
            ("d = 2026-11-01", Format::Toml),
            (r#"{"d": "2026-11-01"}"#, Format::Json),
        ] {
            let Ok(doc) = parse(text, format) else {
                panic!("parses")
            };
            let sink = Sink::default();
            let date = Node::root(&sink, &doc)
                .table()
                .and_then(|t| t.get("d"))
                .and_then(|n| n.date());
            assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2026-11-01"));
        }
    }
}
