//! The title vocabulary: every level it names exists, and its lists are usable.

use super::Check;
use crate::doc::join;

impl Check<'_> {
    /// The team shape: bands name real levels, once each, and add up to the whole team.
    pub(super) fn team(&self) {
        let shape = &self.fw.team;
        let mut seen: Vec<&str> = Vec::new();
        for band in &shape.bands {
            for (i, level) in band.levels.iter().enumerate() {
                let path = format!("{}.levels[{i}]", band.at);
                if self.level_ref(&path, level) {
                    if seen.contains(&level.as_str()) {
                        self.error(
                            &path,
                            format!("`{level}` is in two bands of the team shape"),
                            Some("a level belongs to one band".into()),
                        );
                    }
                    seen.push(level);
                }
            }
        }
        let total: f64 = shape.bands.iter().map(|b| b.share).sum();
        if let Some(first) = shape.bands.first().filter(|_| (total - 1.0).abs() > 0.011) {
            self.error(
                &join(&first.at, "share"),
                format!(
                    "the shares of the team shape add up to {:.0}%",
                    total * 100.0
                ),
                Some("the bands describe the whole team, so their shares add up to 100%".into()),
            );
        }
        if let Some(b) = &shape.balance {
            self.track_ref("team.balance.track", &b.track);
        }
    }

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
