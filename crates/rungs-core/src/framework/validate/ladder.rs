//! The shape of the ladder: tracks, levels, ranks, parallel levels and names.

use std::collections::{BTreeSet, HashMap};

use super::Check;
use crate::doc::join;
use crate::framework::model::{Level, Track};
use crate::suggest::did_you_mean;

impl Check<'_> {
    pub(super) fn tracks(&self) {
        let shared: Vec<&Track> = self.fw.tracks.iter().filter(|t| t.shared).collect();
        if let [first, rest @ ..] = shared.as_slice() {
            for t in rest {
                self.error(
                    &join(&t.at, "shared"),
                    format!(
                        "tracks `{}` and `{}` are both marked shared",
                        first.id, t.id
                    ),
                    Some(
                        "a ladder has one shared trunk; mark only that track `shared = true`"
                            .into(),
                    ),
                );
            }
        }
        for t in &self.fw.tracks {
            if !self.fw.levels.iter().any(|l| l.track == t.id) {
                self.sink.warn_at(
                    &join(&t.at, "id"),
                    format!("no level is on track `{}`", t.id),
                    Some("add levels to it, or remove the track".into()),
                );
            }
        }
    }

    pub(super) fn levels(&self) {
        let fw = self.fw;
        if fw.levels.is_empty() {
            self.error(
                "",
                "the framework has no levels",
                Some("add a [[levels]] section for each rung of the ladder".into()),
            );
            return;
        }
        for level in &fw.levels {
            self.track_ref(&join(&level.at, "track"), &level.track);
            if level.rank == 0 {
                self.error(
                    &join(&level.at, "rank"),
                    "rank 0 is not allowed",
                    Some("ranks start at 1 for the first rung".into()),
                );
            }
            for years in level
                .experience
                .iter()
                .chain(&level.years_on_rung)
                .chain(&level.years_to_reach)
            {
                self.source_ref(&join(&years.at, "source"), years.source.as_deref());
            }
            for r in &level.responsibilities {
                if !fw.dimensions.iter().any(|d| d.id == r.dimension) {
                    let help =
                        did_you_mean(&r.dimension, fw.dimensions.iter().map(|d| d.id.as_str()))
                            .unwrap_or_else(|| {
                                "declare the dimension in a [[dimensions]] section".into()
                            });
                    self.error(
                        &format!("{}#key", r.at),
                        format!("unknown responsibility dimension `{}`", r.dimension),
                        Some(help),
                    );
                }
            }
            for p in &level.profile {
                if !fw.aspects.iter().any(|d| d.id == p.aspect) {
                    let help = did_you_mean(&p.aspect, fw.aspects.iter().map(|d| d.id.as_str()))
                        .unwrap_or_else(|| "declare the aspect in an [[aspects]] section".into());
                    self.error(
                        &format!("{}#key", p.at),
                        format!("unknown profile aspect `{}`", p.aspect),
                        Some(help),
                    );
                }
            }
            let total: u32 = level.time_allocation.iter().map(|s| s.percent).sum();
            if !level.time_allocation.is_empty() && total != 100 {
                self.error(
                    &join(&level.at, "time_allocation"),
                    format!("the time allocation of `{}` adds up to {total}%", level.id),
                    Some("the shares of a working week must add up to 100%".into()),
                );
            }
        }
        self.ranks();
        self.parallels();
        self.aliases();
    }

    /// Ranks run 1, 2, 3, … without gaps, and one track holds one level per rank.
    fn ranks(&self) {
        let fw = self.fw;
        let ranks: BTreeSet<u32> = fw
            .levels
            .iter()
            .map(|l| l.rank)
            .filter(|&r| r > 0)
            .collect();
        let mut expected = 1;
        for &rank in &ranks {
            if rank != expected {
                let above = fw
                    .levels
                    .iter()
                    .find(|l| l.rank == rank)
                    .map(|l| l.id.clone())
                    .unwrap_or_default();
                let at = fw
                    .levels
                    .iter()
                    .find(|l| l.rank == rank)
                    .map(|l| join(&l.at, "rank"))
                    .unwrap_or_default();
                let missing = if rank == expected + 1 {
                    format!("rank {expected}")
                } else {
                    format!("ranks {expected}–{}", rank - 1)
                };
                self.error(
                    &at,
                    format!("no level has {missing}, so the ladder has a gap below `{above}`"),
                    Some(format!("ranks run 1, 2, 3, … without gaps; give `{above}` rank {expected}, or add the missing rung")),
                );
            }
            expected = rank + 1;
        }
        let mut seen: HashMap<(&str, u32), &Level> = HashMap::new();
        for level in &fw.levels {
            if let Some(first) = seen.get(&(level.track.as_str(), level.rank)) {
                self.error(
                    &join(&level.at, "rank"),
                    format!("`{}` and `{}` are both rank {} on track `{}`", first.id, level.id, level.rank, level.track),
                    Some("one track has one level per rank; change a rank, or put one of them on another track".into()),
                );
            } else {
                seen.insert((level.track.as_str(), level.rank), level);
            }
        }
    }

    /// Parallel levels name each other, share a rank and sit on different tracks.
    fn parallels(&self) {
        let fw = self.fw;
        let by_id: HashMap<&str, &Level> = fw.levels.iter().map(|l| (l.id.as_str(), l)).collect();
        for level in &fw.levels {
            let Some(other_id) = &level.parallel else {
                continue;
            };
            let path = join(&level.at, "parallel");
            if other_id == &level.id {
                self.error(
                    &path,
                    format!("`{}` names itself as its parallel", level.id),
                    Some("name the level at the same rank on another track".into()),
                );
                continue;
            }
            if !self.level_ref(&path, other_id) {
                continue;
            }
            let other = by_id[other_id.as_str()];
            if other.rank != level.rank {
                self.error(
                    &path,
                    format!(
                        "`{}` (rank {}) and its parallel `{}` (rank {}) are at different ranks",
                        level.id, level.rank, other.id, other.rank
                    ),
                    Some("parallel levels sit at the same rank on different tracks".into()),
                );
            }
            if other.track == level.track {
                self.error(
                    &path,
                    format!(
                        "`{}` and its parallel `{}` are on the same track `{}`",
                        level.id, other.id, level.track
                    ),
                    Some("parallel levels sit on different tracks".into()),
                );
            }
            match &other.parallel {
                Some(back) if back == &level.id => {}
                // The partner names a level that does not exist: that is reported on its own.
                Some(back) if !by_id.contains_key(back.as_str()) => {}
                Some(_) => {
                    // Follow the chain to tell a cycle (a → b → c → a) from a plain mismatch.
                    let mut chain = vec![level.id.as_str()];
                    let mut at = other;
                    while let Some(next) = at.parallel.as_deref() {
                        chain.push(at.id.as_str());
                        if next == level.id || chain.len() > fw.levels.len() {
                            break;
                        }
                        match by_id.get(next) {
                            Some(n) if !chain.contains(&n.id.as_str()) => at = n,
                            _ => break,
                        }
                    }
                    let closes = at.parallel.as_deref() == Some(level.id.as_str());
                    let message = if closes {
                        format!(
                            "parallel levels form a cycle: {} → {}",
                            chain.join(" → "),
                            level.id
                        )
                    } else {
                        format!(
                            "`{}` names `{}` as its parallel, but `{}` names `{}`",
                            level.id,
                            other.id,
                            other.id,
                            other.parallel.as_deref().unwrap_or_default()
                        )
                    };
                    self.error(&path, message, Some(format!("parallel levels come in pairs that name each other: set `parallel = \"{}\"` on `{}`", level.id, other.id)));
                }
                None => self.error(
                    &path,
                    format!(
                        "`{}` names `{}` as its parallel, but `{}` does not name it back",
                        level.id, other.id, other.id
                    ),
                    Some(format!(
                        "add `parallel = \"{}\"` to `{}`",
                        level.id, other.id
                    )),
                ),
            }
        }
    }

    /// A title or alias may mean only one level.
    fn aliases(&self) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for level in &self.fw.levels {
            for name in [&level.id, &level.title, &level.short_title] {
                owner.entry(name.to_lowercase()).or_insert(&level.id);
            }
        }
        for level in &self.fw.levels {
            for (i, alias) in level.aliases.iter().enumerate() {
                let key = alias.to_lowercase();
                match owner.get(&key) {
                    Some(other) if *other != level.id => self.error(
                        &format!("{}.aliases[{i}]", level.at),
                        format!(
                            "the alias \"{alias}\" of `{}` already names `{other}`",
                            level.id
                        ),
                        Some("a name may stand for only one level; keep it on one of them".into()),
                    ),
                    _ => {
                        owner.insert(key, &level.id);
                    }
                }
            }
        }
    }
}
