//! Helpers shared by the tests.

use rungs_core::framework::{self, Loaded};
use rungs_core::{Diagnostic, Framework, LoadError, Severity};

pub(crate) const EXAMPLE: &str = include_str!("../../../../frameworks/examples/engineering.toml");

pub(crate) fn load_ok(text: &str) -> Loaded {
    match framework::load("test.toml", text.as_bytes()) {
        Ok(loaded) => loaded,
        Err(e) => panic!(
            "expected the framework to load:\n{}",
            render(&e.diagnostics)
        ),
    }
}

pub(crate) fn load_err(text: &str) -> LoadError {
    match framework::load("test.toml", text.as_bytes()) {
        Ok(_) => panic!("expected the framework to be rejected"),
        Err(e) => e,
    }
}

pub(crate) fn builtin() -> &'static Framework {
    framework::builtin()
}

pub(crate) fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(100))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn errors(e: &LoadError) -> Vec<&Diagnostic> {
    e.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The 1-based line and column (in characters) where `needle` first occurs in `text`,
/// found by searching the text: an independent check of the loader's positions.
pub(crate) fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the test text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Replaces exactly one occurrence of `from`, so a test's edit cannot silently miss.
pub(crate) fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` should occur exactly once"
    );
    text.replacen(from, to, 1)
}
