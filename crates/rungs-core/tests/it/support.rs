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

use rungs_core::assessment::{Assessment, Assessor, AssessorKind, Rated, Rating};

/// The default framework's competencies by area, in order: five per area.
pub(crate) const TECHNICAL: [&str; 5] = [
    "technical-knowledge",
    "data-analysis",
    "product-requirements",
    "product-design",
    "development-methodologies",
];
pub(crate) const BUSINESS: [&str; 5] = [
    "market-understanding",
    "financial-acumen",
    "strategic-thinking",
    "business-model",
    "stakeholder-management",
];
pub(crate) const LEADERSHIP: [&str; 5] = [
    "team-leadership",
    "communication",
    "influence",
    "conflict-resolution",
    "mentorship",
];
pub(crate) const STRATEGY: [&str; 5] = [
    "vision-setting",
    "roadmapping",
    "prioritization",
    "problem-solving",
    "long-term-thinking",
];

/// An assessment of the default framework with the ratings given per area (5 each, in order).
pub(crate) fn assessment(track: &str, areas: [[&str; 5]; 4]) -> Assessment {
    let mut ratings = Vec::new();
    for (names, values) in [TECHNICAL, BUSINESS, LEADERSHIP, STRATEGY]
        .iter()
        .zip(areas)
    {
        for (c, v) in names.iter().zip(values) {
            ratings.push(Rated {
                competency: (*c).into(),
                rating: Rating::parse(v),
                evidence: None,
            });
        }
    }
    Assessment {
        person: "Ada".into(),
        person_id: Some("ada".into()),
        framework: "product-management".into(),
        framework_version: "2025.1".into(),
        date: "2026-11-01".parse().expect("a date"),
        assessor: Assessor {
            kind: AssessorKind::Own,
            name: "Ada".into(),
        },
        track: track.into(),
        current_level: None,
        ratings,
        milestones: Vec::new(),
        notes: None,
    }
}

/// Every competency rated the same.
pub(crate) fn flat(track: &str, rating: &str) -> Assessment {
    assessment(track, [[rating; 5]; 4])
}
