//! Moves between levels and the lists that point at levels and tracks.

use std::collections::HashMap;

use super::Check;
use crate::doc::join;
use crate::framework::model::{Level, MoveKind, SpanRule};

impl Check<'_> {
    /// Each source's ladder names levels, and each of its steps is one of the framework's moves.
    pub(super) fn source_ladders(&self) {
        let fw = self.fw;
        for s in &fw.sources {
            for (c, chain) in s.ladders.iter().enumerate() {
                let known: Vec<bool> = chain
                    .iter()
                    .enumerate()
                    .map(|(i, id)| self.level_ref(&format!("{}.ladders[{c}][{i}]", s.at), id))
                    .collect();
                for (i, w) in chain.windows(2).enumerate() {
                    if !(known[i] && known[i + 1]) {
                        continue;
                    }
                    let moved = fw
                        .moves
                        .iter()
                        .any(|m| m.from.contains(&w[0]) && m.to.contains(&w[1]));
                    if !moved {
                        self.error(
                            &format!("{}.ladders[{c}][{}]", s.at, i + 1),
                            format!(
                                "the source `{}` climbs from `{}` to `{}`, but no move leads there",
                                s.id, w[0], w[1]
                            ),
                            Some("add the step to a [[moves]] section, or fix the chain".into()),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn moves(&self) {
        let fw = self.fw;
        let by_id: HashMap<&str, &Level> = fw.levels.iter().map(|l| (l.id.as_str(), l)).collect();
        let mut kinds: HashMap<(&str, &str), (MoveKind, &str)> = HashMap::new();
        for m in &fw.moves {
            let ends = |key: &str, ids: &'_ [String]| -> Vec<String> {
                ids.iter()
                    .enumerate()
                    .filter(|(i, id)| self.level_ref(&format!("{}.{key}[{i}]", m.at), id))
                    .map(|(_, id)| id.clone())
                    .collect()
            };
            let from = ends("from", &m.from);
            let to = ends("to", &m.to);
            for f in &from {
                for t in &to {
                    let (a, b) = (by_id[f.as_str()], by_id[t.as_str()]);
                    let path = join(&m.at, "to");
                    let problem = if a.id == b.id {
                        Some(format!(
                            "the move `{}` leads from `{}` to itself",
                            m.id, a.id
                        ))
                    } else {
                        match m.kind {
                            MoveKind::Promotion if b.rank <= a.rank => Some(format!(
                                "the promotion `{}` leads from `{}` (rank {}) to `{}` (rank {}), which is not higher",
                                m.id, a.id, a.rank, b.id, b.rank
                            )),
                            MoveKind::TrackSwitch if b.rank != a.rank || b.track == a.track => {
                                Some(format!(
                                    "the track switch `{}` must join levels of the same rank on different tracks; `{}` and `{}` are not",
                                    m.id, a.id, b.id
                                ))
                            }
                            MoveKind::Lateral if b.rank != a.rank => Some(format!(
                                "the lateral move `{}` joins `{}` (rank {}) and `{}` (rank {}); lateral moves keep the rank",
                                m.id, a.id, a.rank, b.id, b.rank
                            )),
                            _ => None,
                        }
                    };
                    if let Some(message) = problem {
                        self.error(&path, message, Some("use kind \"promotion\" for a move up, \"track-switch\" across to a parallel level, \"lateral\" for the same rank".into()));
                    }
                    match kinds.get(&(a.id.as_str(), b.id.as_str())) {
                        Some((kind, other)) if *kind != m.kind => self.error(
                            &join(&m.at, "kind"),
                            format!(
                                "the step `{}` → `{}` is a {} in move `{}` but a {} in `{other}`",
                                a.id,
                                b.id,
                                m.kind.as_str(),
                                m.id,
                                kind.as_str()
                            ),
                            Some("a step between two levels has one kind".into()),
                        ),
                        _ => {
                            kinds.insert((&a.id, &b.id), (m.kind, &m.id));
                        }
                    }
                }
            }
            let target_tracks: Vec<&str> = to
                .iter()
                .map(|t| by_id[t.as_str()].track.as_str())
                .collect();
            for ms in &m.milestones {
                self.source_ref(&join(&ms.at, "source"), ms.source.as_deref());
                for (i, track) in ms.tracks.iter().enumerate() {
                    let path = format!("{}.tracks[{i}]", ms.at);
                    if self.track_ref(&path, track) && !target_tracks.contains(&track.as_str()) {
                        self.error(
                            &path,
                            format!("milestone `{}` is for track `{track}`, but move `{}` leads to no level on it", ms.id, m.id),
                            Some(format!("the move leads to tracks: {}", target_tracks.join(", "))),
                        );
                    }
                }
            }
        }
        // A rung with no way up strands everyone on it, unless it is the top of the ladder.
        let top = fw.levels.iter().map(|l| l.rank).max().unwrap_or(0);
        for level in &fw.levels {
            let leads_up = fw.moves.iter().any(|m| {
                m.kind == MoveKind::Promotion
                    && m.from.contains(&level.id)
                    && m.to
                        .iter()
                        .any(|t| by_id.get(t.as_str()).is_some_and(|l| l.rank > level.rank))
            });
            if level.rank < top && !leads_up && !fw.moves.is_empty() {
                self.sink.warn_at(
                    &join(&level.at, "id"),
                    format!("no promotion leads up from `{}`", level.id),
                    Some("add a [[moves]] entry with kind = \"promotion\" from it, so paths can go past it".into()),
                );
            }
        }
    }

    pub(super) fn rules_and_lists(&self) {
        let fw = self.fw;
        let mut ruled: HashMap<&str, &SpanRule> = HashMap::new();
        for rule in &fw.span_of_control {
            let path = join(&rule.at, "level");
            self.source_ref(&join(&rule.at, "source"), rule.source.as_deref());
            if self.level_ref(&path, &rule.level) && ruled.insert(&rule.level, rule).is_some() {
                self.error(
                    &path,
                    format!("`{}` has two span-of-control rules", rule.level),
                    Some("merge them into one".into()),
                );
            }
        }
        for factor in &fw.track_choice {
            if factor.options.len() < 2 {
                self.error(
                    &join(&factor.at, "options"),
                    format!("the question `{}` has fewer than two answers", factor.id),
                    Some("give at least two [[track_choice.options]]".into()),
                );
            }
            for option in &factor.options {
                if let Some(track) = &option.leans {
                    self.track_ref(&join(&option.at, "leans"), track);
                }
            }
        }
        for (_, topics) in fw.guidance.sections() {
            for topic in topics {
                for (i, level) in topic.levels.iter().enumerate() {
                    self.level_ref(&format!("{}.levels[{i}]", topic.at), level);
                }
            }
        }
    }
}
