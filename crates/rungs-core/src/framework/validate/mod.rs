//! Checks between the sections of a decoded framework: every id it names exists, ids are
//! unique, the ladder has no gaps, parallel levels pair up, every competency has an expectation
//! at every level, bands and moves fit the ladder. Every problem is reported, not just the first.

mod content;
mod ladder;
mod moves;
mod titles;

use std::collections::HashMap;

use super::Framework;
use crate::doc::{Sink, join};
use crate::suggest::did_you_mean;

pub(super) fn validate(fw: &mut Framework, sink: &Sink) {
    let check = Check { fw, sink };
    check.ids();
    check.tracks();
    check.levels();
    check.competencies();
    check.readiness();
    check.compensation();
    check.moves();
    check.source_ladders();
    check.rules_and_lists();
    check.titles();
    check.team();
    // Once every competency covers every level exactly once, put its expectations in level order.
    if !sink.has_errors() {
        let order: HashMap<String, usize> = fw
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), i))
            .collect();
        for area in &mut fw.areas {
            for comp in &mut area.competencies {
                comp.expectations
                    .sort_by_key(|e| order.get(&e.level).copied());
            }
        }
    }
}

struct Check<'a> {
    fw: &'a Framework,
    sink: &'a Sink,
}

impl Check<'_> {
    fn error(&self, path: &str, message: impl Into<String>, help: Option<String>) {
        self.sink.error_at(path, message, help);
    }

    fn where_is(&self, path: &str) -> String {
        match self.sink.line_of(path) {
            Some(line) => format!("line {line}"),
            None => format!("`{path}`"),
        }
    }

    /// Reports a second use of any id, naming where the first one is.
    fn unique<'x>(&self, kind: &str, items: impl IntoIterator<Item = (&'x str, String)>) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (id, at) in items {
            let path = join(&at, "id");
            match seen.get(id) {
                Some(first) => self.error(
                    &path,
                    format!("the {kind} id `{id}` is used twice"),
                    Some(format!(
                        "the first `{id}` is on {}; give each {kind} its own id",
                        self.where_is(first)
                    )),
                ),
                None => {
                    seen.insert(id, path);
                }
            }
        }
    }

    /// Reports `id` at `path` unless it names a level; the help names the nearest levels.
    fn level_ref(&self, path: &str, id: &str) -> bool {
        if self.fw.levels.iter().any(|l| l.id == id) {
            return true;
        }
        let help = did_you_mean(id, self.fw.levels.iter().map(|l| l.id.as_str()))
            .unwrap_or_else(|| format!("the levels are: {}", self.level_ids().join(", ")));
        self.error(path, format!("unknown level `{id}`"), Some(help));
        false
    }

    fn track_ref(&self, path: &str, id: &str) -> bool {
        if self.fw.tracks.iter().any(|t| t.id == id) {
            return true;
        }
        let ids: Vec<&str> = self.fw.tracks.iter().map(|t| t.id.as_str()).collect();
        let help = did_you_mean(id, ids.iter().copied()).unwrap_or_else(|| {
            if ids.is_empty() {
                "declare the track in a [[tracks]] section".to_owned()
            } else {
                format!("the tracks are: {}", ids.join(", "))
            }
        });
        self.error(path, format!("unknown track `{id}`"), Some(help));
        false
    }

    fn source_ref(&self, path: &str, id: Option<&str>) {
        let Some(id) = id else { return };
        if !self.fw.sources.iter().any(|s| s.id == id) {
            let help = did_you_mean(id, self.fw.sources.iter().map(|s| s.id.as_str()))
                .unwrap_or_else(|| "declare it in a [[sources]] section".to_owned());
            self.error(path, format!("unknown source `{id}`"), Some(help));
        }
    }

    fn level_ids(&self) -> Vec<&str> {
        self.fw.levels.iter().map(|l| l.id.as_str()).collect()
    }

    fn ids(&self) {
        let fw = self.fw;
        self.unique(
            "source",
            fw.sources.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "track",
            fw.tracks.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "dimension",
            fw.dimensions.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "aspect",
            fw.aspects.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "level",
            fw.levels.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "area",
            fw.areas.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "competency",
            fw.areas
                .iter()
                .flat_map(|a| a.competencies.iter().map(|c| (c.id.as_str(), c.at.clone()))),
        );
        self.unique(
            "readiness tier",
            fw.readiness.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "move",
            fw.moves.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        self.unique(
            "milestone",
            fw.moves
                .iter()
                .flat_map(|m| m.milestones.iter().map(|s| (s.id.as_str(), s.at.clone()))),
        );
        self.unique(
            "factor",
            fw.track_choice
                .iter()
                .map(|s| (s.id.as_str(), s.at.clone())),
        );
        for factor in &fw.track_choice {
            self.unique(
                "answer",
                factor.options.iter().map(|s| (s.id.as_str(), s.at.clone())),
            );
        }
        self.unique(
            "specialization",
            fw.specializations
                .iter()
                .map(|s| (s.id.as_str(), s.at.clone())),
        );
        for (_, topics) in fw.guidance.sections() {
            self.unique(
                "entry",
                topics.iter().map(|s| (s.id.as_str(), s.at.clone())),
            );
        }
    }
}
