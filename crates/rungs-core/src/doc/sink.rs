//! Where the problems found in a document collect, with the place of every value read.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

use crate::diag::{Problem, Severity, Span};

/// Where problems and the spans of values collect while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    problems: RefCell<Vec<Problem>>,
    spans: RefCell<HashMap<String, Span>>,
    /// The spans of table keys, by the path of their value (asked for as `<path>#key`).
    key_spans: RefCell<HashMap<String, Span>>,
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
        match path.strip_suffix("#key") {
            Some(value) => self.key_spans.borrow().get(value).cloned(),
            None => self.spans.borrow().get(path).cloned(),
        }
    }

    pub(super) fn remember(&self, path: &str, span: Span) {
        self.spans.borrow_mut().insert(path.to_owned(), span);
    }

    /// Remembers the span of the key whose value is at `path`.
    pub(super) fn remember_key(&self, path: &str, span: Span) {
        self.key_spans.borrow_mut().insert(path.to_owned(), span);
    }

    /// Reports an error at the value read at `path`. A path may end in `#key` to point at a
    /// key rather than its value; the suffix is not shown.
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
            .any(|p| p.severity == Severity::Error)
    }

    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }
}

/// `parent.key`, or `key` at the top; keys that are not plain words are quoted.
pub(crate) fn join(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if plain {
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
