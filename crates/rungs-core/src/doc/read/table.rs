//! A table of a document being read: its keys, each taken once, and what is left over named.

use super::*;

/// A table in the document: reads keys by name and, at [`Table::finish`], reports the keys
/// nobody asked for.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    pub(super) sink: &'a Sink,
    pub(super) path: String,
    pub(super) span: Span,
    pub(super) entries: &'a [Entry],
    pub(super) asked: RefCell<Vec<&'static str>>,
    /// Set when the keys are data (read with [`Table::entries`]), so none is unknown.
    pub(super) keys_are_data: Cell<bool>,
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
