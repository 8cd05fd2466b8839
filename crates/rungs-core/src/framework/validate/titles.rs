//! The title vocabulary: every level it names exists, and its lists are usable.

use super::Check;
use crate::doc::join;

impl Check<'_> {
    pub(super) fn titles(&self) {
        let t = &self.fw.titles;
        self.unique(
            "role",
            t.other_roles.iter().map(|r| (r.id.as_str(), r.at.clone())),
        );
        for s in &t.seniority {
            self.level_ref(&join(&s.at, "level"), &s.level);
            if s.words.is_empty() {
                self.error(
                    &join(&s.at, "words"),
                    "`words` is empty",
                    Some("list the seniority words that point to this level".into()),
                );
            }
        }
        for g in &t.grades {
            self.level_ref(&join(&g.at, "level"), &g.level);
            for (i, level) in g.grades.iter().enumerate() {
                self.level_ref(&format!("{}.grades[{i}]", g.at), level);
            }
        }
        for r in &t.rules {
            self.level_ref(&join(&r.at, "level"), &r.level);
        }
        for a in &t.abbreviations {
            if a.from.split_whitespace().count() != 1 {
                self.error(
                    &format!("{}#key", a.at),
                    format!("the abbreviation \"{}\" is more than one word", a.from),
                    Some("abbreviations expand single words, like sr = \"senior\"".into()),
                );
            }
        }
        for title in &t.ambiguous {
            for c in &title.candidates {
                self.level_ref(&join(&c.at, "level"), &c.level);
            }
            if title.candidates.len() < 2 {
                self.sink.warn_at(
                    &title.at,
                    format!(
                        "\"{}\" is listed as ambiguous with fewer than two candidates",
                        title.title
                    ),
                    Some("an ambiguous title names every level it may mean".into()),
                );
            }
        }
    }
}
