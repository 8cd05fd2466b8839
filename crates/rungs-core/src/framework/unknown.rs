//! A name the framework does not have, with the nearest names it does.

use super::*;

/// A name that matched nothing, with the nearest names that exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Unknown {
    /// What was looked for: "level", "stage", "competency", ….
    pub kind: &'static str,
    pub given: String,
    pub suggestions: Vec<String>,
    /// Every valid id, for a help line when nothing is close.
    pub known: Vec<String>,
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "there is no {} `{}`", self.kind, self.given)?;
        match self.suggestions.as_slice() {
            [] => write!(f, "; the {}s are: {}", self.kind, self.known.join(", ")),
            [one] => write!(f, "; did you mean `{one}`?"),
            many => write!(f, "; did you mean one of: {}?", many.join(", ")),
        }
    }
}

impl Unknown {
    pub(super) fn new<'c>(
        kind: &'static str,
        given: &str,
        known: impl IntoIterator<Item = &'c str> + Clone,
    ) -> Self {
        Self {
            kind,
            given: given.to_owned(),
            suggestions: nearest(given, known.clone(), 3)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            known: known.into_iter().map(str::to_owned).collect(),
        }
    }
}
