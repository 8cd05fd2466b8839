//! Checks between the sections of a decoded framework: every id it names exists, ids are
//! unique, the ladder has no gaps, parallel levels pair up, every competency has an expectation
//! at every level, bands and moves fit the ladder. Every problem is reported, not just the first.

use std::collections::{BTreeSet, HashMap};

use super::Framework;
use super::model::*;
use crate::suggest::did_you_mean;
use crate::toml_reader::{Sink, join};

pub(super) fn validate(fw: &mut Framework, sink: &Sink) {
    let check = Check { fw, sink };
    check.ids();
    check.tracks();
    check.levels();
    check.competencies();
    check.readiness();
    check.compensation();
    check.moves();
    check.rules_and_lists();
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

    fn tracks(&self) {
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

    fn levels(&self) {
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

    /// Every competency has exactly one expectation at every level.
    fn competencies(&self) {
        let fw = self.fw;
        if fw.areas.iter().all(|a| a.competencies.is_empty()) && !self.sink.has_errors() {
            self.error("", "the framework has no competencies", Some("add [[areas]] with [[areas.competencies]] that say what each level is expected to do".into()));
        }
        for comp in fw.areas.iter().flat_map(|a| &a.competencies) {
            let mut covered: HashMap<&str, &Expectation> = HashMap::new();
            for e in &comp.expectations {
                if !self.level_ref(&e.at, &e.level) {
                    continue;
                }
                match covered.get(e.level.as_str()) {
                    Some(first) => self.error(
                        &e.at,
                        format!("`{}` has two expectations for `{}`", comp.id, e.level),
                        Some(format!(
                            "the other is on {}; keep one",
                            self.where_is(&first.at)
                        )),
                    ),
                    None => {
                        covered.insert(&e.level, e);
                    }
                }
            }
            let missing: Vec<&str> = fw
                .levels
                .iter()
                .map(|l| l.id.as_str())
                .filter(|id| !covered.contains_key(id))
                .collect();
            if !missing.is_empty() {
                let list = missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    &join(&comp.at, "id"),
                    format!("`{}` has no expectation for {list}", comp.id),
                    Some(format!(
                        "every competency says what each level is expected to do: add {{ levels = [{}], text = \"…\" }} to its expectations",
                        missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
    }

    /// Tiers widen down the list, and the last catches everyone.
    fn readiness(&self) {
        let tiers = &self.fw.readiness;
        let Some(last) = tiers.last() else {
            self.error(
                "readiness",
                "there are no readiness tiers",
                Some("add [[readiness.tiers]], the last one with no limits".into()),
            );
            return;
        };
        let limited = |t: &ReadinessTier| {
            t.max_short_share.is_some()
                || t.max_gap.is_some()
                || t.max_open_milestone_share.is_some()
        };
        if limited(last) {
            self.error(
                &join(&last.at, "id"),
                format!(
                    "the last readiness tier, `{}`, has limits, so some people would fit no tier",
                    last.id
                ),
                Some(
                    "leave the limits off the last tier: it catches everyone the others do not"
                        .into(),
                ),
            );
        }
        for pair in tiers.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let limits = [
                (
                    "share of competencies short",
                    before.max_short_share,
                    after.max_short_share,
                ),
                (
                    "gap",
                    before.max_gap.map(f64::from),
                    after.max_gap.map(f64::from),
                ),
                (
                    "share of open milestones",
                    before.max_open_milestone_share,
                    after.max_open_milestone_share,
                ),
            ];
            for (what, earlier, later) in limits {
                let shown = |v: Option<f64>| {
                    v.map_or_else(|| "no limit".to_owned(), |v| format!("at most {v}"))
                };
                if later.unwrap_or(f64::INFINITY) < earlier.unwrap_or(f64::INFINITY) {
                    self.error(
                        &join(&after.at, "id"),
                        format!(
                            "tier `{}` is stricter than `{}` before it: it allows {} for the {what}, `{}` allows {}",
                            after.id,
                            before.id,
                            shown(later),
                            before.id,
                            shown(earlier)
                        ),
                        Some("tiers are checked in order, so each must allow at least what the one before allows".into()),
                    );
                }
            }
        }
    }

    fn compensation(&self) {
        let fw = self.fw;
        let Some(comp) = &fw.compensation else { return };
        self.unique(
            "stage",
            comp.stages.iter().map(|s| (s.id.as_str(), s.at.clone())),
        );
        if comp.stages.is_empty() {
            self.error(
                "compensation",
                "compensation has no company stages",
                Some("add [[compensation.stages]], e.g. id = \"startup\"".into()),
            );
        }
        let mut banded: HashMap<&str, &Band> = HashMap::new();
        for band in &comp.bands {
            for (i, level) in band.levels.iter().enumerate() {
                let path = format!("{}.levels[{i}]", band.at);
                if !self.level_ref(&path, level) {
                    continue;
                }
                if banded.insert(level, band).is_some() {
                    self.error(
                        &path,
                        format!("`{level}` is in two pay bands"),
                        Some("a level has one band; list it in only one".into()),
                    );
                }
            }
            for range in &band.ranges {
                if !comp.stages.iter().any(|s| s.id == range.stage) {
                    let help =
                        did_you_mean(&range.stage, comp.stages.iter().map(|s| s.id.as_str()))
                            .unwrap_or_else(|| {
                                format!(
                                    "the stages are: {}",
                                    comp.stages
                                        .iter()
                                        .map(|s| s.id.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            });
                    self.error(
                        &format!("{}#key", range.at),
                        format!("a band for unknown stage `{}`", range.stage),
                        Some(help),
                    );
                }
            }
            for stage in &comp.stages {
                if !band.ranges.iter().any(|r| r.stage == stage.id) {
                    self.sink.warn_at(
                        &join(&band.at, "ranges"),
                        format!(
                            "the band for {} has no range at stage `{}`",
                            band.levels.join(", "),
                            stage.id
                        ),
                        Some(format!(
                            "add `{} = {{ min = …, max = … }}` to its ranges",
                            stage.id
                        )),
                    );
                }
            }
        }
        for level in &fw.levels {
            if !banded.contains_key(level.id.as_str()) {
                self.sink.warn_at(
                    &join(&level.at, "id"),
                    format!("`{}` has no pay band", level.id),
                    Some("add it to a [[compensation.bands]] entry to show its pay".into()),
                );
            }
        }
    }

    fn moves(&self) {
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

    fn rules_and_lists(&self) {
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
        for title in &fw.ambiguous_titles {
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
        for (_, topics) in fw.guidance.sections() {
            for topic in topics {
                for (i, level) in topic.levels.iter().enumerate() {
                    self.level_ref(&format!("{}.levels[{i}]", topic.at), level);
                }
            }
        }
    }
}
