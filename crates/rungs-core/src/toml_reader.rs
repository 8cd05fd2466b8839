//! Reading a TOML document into Rungs types while collecting every problem at once.
//!
//! serde stops at the first mistake; a person fixing a framework file wants them all. This
//! reader walks the spanned tree that the `toml` parser gives, records each problem with its
//! span and document path, and keeps going. It also remembers the span of every value it reads,
//! by path (`levels[2].parallel`), so later checks on the decoded types can point back into the
//! file.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Problem, Span};
use crate::suggest::did_you_mean;

/// Where problems and the spans of values collect while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    problems: RefCell<Vec<Problem>>,
    spans: RefCell<HashMap<String, Span>>,
    line_starts: Vec<usize>,
}

impl Sink {
    /// A sink for problems in `text`, able to name the line of any value it has seen.
    pub(crate) fn for_text(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            line_starts,
            ..Self::default()
        }
    }

    /// The 1-based line of the value read at `path`.
    pub(crate) fn line_of(&self, path: &str) -> Option<usize> {
        let span = self.span(path)?;
        Some(self.line_starts.partition_point(|&s| s <= span.start))
    }

    pub(crate) fn push(&self, problem: Problem) {
        self.problems.borrow_mut().push(problem);
    }

    /// The span of the value read at `path`, if one was read there.
    pub(crate) fn span(&self, path: &str) -> Option<Span> {
        self.spans.borrow().get(path).cloned()
    }

    fn remember(&self, path: &str, span: Span) {
        self.spans.borrow_mut().insert(path.to_owned(), span);
    }

    /// Reports an error at the value read at `path`.
    /// A path may end in `#key` to point at a key rather than its value; the suffix is not shown.
    pub(crate) fn error_at(&self, path: &str, message: impl Into<String>, help: Option<String>) {
        let mut problem = Problem::error(self.span(path), path.trim_end_matches("#key"), message);
        problem.help = help;
        self.push(problem);
    }

    /// Reports a warning at the value read at `path`.
    pub(crate) fn warn_at(&self, path: &str, message: impl Into<String>, help: Option<String>) {
        let mut problem = Problem::warning(self.span(path), path.trim_end_matches("#key"), message);
        problem.help = help;
        self.push(problem);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.problems
            .borrow()
            .iter()
            .any(|p| p.severity == crate::diag::Severity::Error)
    }

    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }
}

/// `parent.key`, or `key` at the top.
pub(crate) fn join(parent: &str, key: &str) -> String {
    let key = if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.is_empty()
    {
        key.to_owned()
    } else {
        format!("\"{}\"", key.escape_default())
    };
    if parent.is_empty() {
        key
    } else {
        format!("{parent}.{key}")
    }
}

/// One value in the document, with its path.
#[derive(Debug)]
pub(crate) struct Node<'a, 'i> {
    sink: &'a Sink,
    path: String,
    value: &'a Spanned<DeValue<'i>>,
}

impl<'a, 'i> Node<'a, 'i> {
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    fn kind(&self) -> &'static str {
        match self.value.get_ref() {
            DeValue::String(_) => "a string",
            DeValue::Integer(_) => "an integer",
            DeValue::Float(_) => "a decimal number",
            DeValue::Boolean(_) => "true or false",
            DeValue::Datetime(_) => "a date",
            DeValue::Array(_) => "a list",
            DeValue::Table(_) => "a table",
        }
    }

    fn wrong_type(&self, expected: &str) {
        let what = self.path.rsplit('.').next().unwrap_or(&self.path);
        let help = match expected {
            e if e.starts_with("a string") => "put the text in double quotes: \"like this\"",
            e if e.starts_with("an id") => "ids go in double quotes: \"senior-pm\"",
            e if e.starts_with("a list") => "write a list in square brackets: [\"a\", \"b\"]",
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
        match self.value.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                self.sink.error_at(
                    &self.path,
                    "this text is empty",
                    Some("write something here, or remove the key".into()),
                );
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type("a string in quotes");
                None
            }
        }
    }

    /// A stable id: lowercase letters and digits in words joined by hyphens.
    pub(crate) fn id(&self) -> Option<String> {
        let text = match self.value.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong_type("an id in quotes, like \"senior-pm\"");
                return None;
            }
        };
        if is_id(&text) {
            Some(text)
        } else {
            let slug = slug(&text);
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
    }

    /// A finite number, integer or decimal.
    pub(crate) fn number(&self) -> Option<f64> {
        let parsed = match self.value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|v| v as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.wrong_type("a number");
                return None;
            }
        };
        match parsed {
            Some(v) if v.is_finite() => Some(v),
            _ => {
                self.sink.error_at(
                    &self.path,
                    "this number is out of range",
                    Some("use an ordinary finite number".into()),
                );
                None
            }
        }
    }

    /// A whole number from 0 up.
    pub(crate) fn count(&self) -> Option<u64> {
        match self.value.get_ref() {
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(v) => Some(v),
                Err(_) => {
                    let negative = i.as_str().starts_with('-');
                    let message = if negative {
                        "this must not be negative"
                    } else {
                        "this number is too large"
                    };
                    self.sink.error_at(
                        &self.path,
                        message,
                        Some("use a whole number from 0 up".into()),
                    );
                    None
                }
            },
            DeValue::Float(_) => {
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
        match self.value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type("true or false");
                None
            }
        }
    }

    pub(crate) fn table(&self) -> Option<Table<'a, 'i>> {
        match self.value.get_ref() {
            DeValue::Table(map) => Some(Table {
                sink: self.sink,
                path: self.path.clone(),
                span: self.value.span(),
                map,
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
        matches!(self.value.get_ref(), DeValue::Array(_))
    }

    /// The elements of a list, each with its own path (`key[0]`, `key[1]`, …).
    pub(crate) fn items(&self) -> Option<Vec<Node<'a, 'i>>> {
        match self.value.get_ref() {
            DeValue::Array(array) => Some(
                array
                    .iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let path = format!("{}[{i}]", self.path);
                        self.sink.remember(&path, value.span());
                        Node {
                            sink: self.sink,
                            path,
                            value,
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
pub(crate) struct Table<'a, 'i> {
    sink: &'a Sink,
    path: String,
    span: Span,
    map: &'a DeTable<'i>,
    asked: RefCell<Vec<&'static str>>,
    /// Set when the keys are data (read with [`Table::entries`]), so none is unknown.
    keys_are_data: Cell<bool>,
}

impl<'a, 'i> Table<'a, 'i> {
    /// Wraps the root table of a parsed document.
    pub(crate) fn root(sink: &'a Sink, doc: &'a Spanned<DeTable<'i>>) -> Self {
        Table {
            sink,
            path: String::new(),
            span: doc.span(),
            map: doc.get_ref(),
            asked: RefCell::new(Vec::new()),
            keys_are_data: Cell::new(false),
        }
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn sink(&self) -> &'a Sink {
        self.sink
    }

    /// The value under `key`, if present.
    pub(crate) fn get(&self, key: &'static str) -> Option<Node<'a, 'i>> {
        self.asked.borrow_mut().push(key);
        let (_, value) = self.map.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
        let path = join(&self.path, key);
        self.sink.remember(&path, value.span());
        Some(Node {
            sink: self.sink,
            path,
            value,
        })
    }

    /// The value under `key`, reporting it missing if absent.
    pub(crate) fn need(&self, key: &'static str, example: &str) -> Option<Node<'a, 'i>> {
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
            // Point at the table's first line: its header, or the opening brace.
            let first_line = self.span.clone();
            self.sink.push(
                Problem::error(
                    Some(first_line),
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
        self.list(key, |n| n.text())
    }

    /// A list of ids; absent means empty.
    pub(crate) fn ids(&self, key: &'static str) -> Vec<String> {
        self.list(key, |n| n.id())
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
        each: impl Fn(&Node<'a, 'i>) -> Option<T>,
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

    pub(crate) fn table(&self, key: &'static str) -> Option<Table<'a, 'i>> {
        self.get(key)?.table()
    }

    pub(crate) fn need_table(&self, key: &'static str) -> Option<Table<'a, 'i>> {
        self.need(key, "{ … }")?.table()
    }

    /// A list of tables (`[[key]]` sections or a list of inline tables); absent means empty.
    pub(crate) fn tables(&self, key: &'static str) -> Vec<Table<'a, 'i>> {
        self.list(key, |n| n.table())
    }

    /// Every entry of a table whose keys are data (ids), in file order; all keys count as known.
    pub(crate) fn entries(&self) -> Vec<(String, Node<'a, 'i>)> {
        self.keys_are_data.set(true);
        self.map
            .iter()
            .map(|(k, value)| {
                let key = k.get_ref().to_string();
                let path = join(&self.path, &key);
                self.sink.remember(&path, value.span());
                self.sink.remember(&format!("{path}#key"), k.span());
                (
                    key,
                    Node {
                        sink: self.sink,
                        path,
                        value,
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
        for (key, _) in self.map.iter() {
            let name = key.get_ref().as_ref();
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
                    Some(key.span()),
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
        let doc = toml::de::DeTable::parse("name = 3\nrank = \"x\"\nextra = true\n").ok();
        let Some(doc) = doc else {
            panic!("the test document parses")
        };
        let sink = Sink::default();
        let table = Table::root(&sink, &doc);
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
            ]
        );
    }
}
