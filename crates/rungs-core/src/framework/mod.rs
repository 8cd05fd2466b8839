//! Career frameworks: the ladder as data, loaded and checked from TOML.

mod unknown;
mod zones;
pub use unknown::*;
pub use zones::*;
mod decode;
pub mod document;
mod load;
pub mod model;
pub mod sheets;
mod validate;

use rustc_hash::FxHashMap as HashMap;
use std::fmt;

use serde::Serialize;

pub use load::{
    BUILTIN_NAME, BUILTIN_TOML, LoadError, Loaded, MAX_FRAMEWORK_BYTES, builtin, load, load_as,
};
pub use model::*;

use crate::suggest::nearest;

/// A validated career framework. Built only by [`load`], so every id inside it resolves.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Framework {
    id: String,
    name: String,
    version: String,
    summary: Option<String>,
    sources: Vec<Source>,
    tracks: Vec<Track>,
    dimensions: Vec<Dimension>,
    aspects: Vec<Dimension>,
    levels: Vec<Level>,
    areas: Vec<Area>,
    level_rule: LevelRule,
    readiness: Vec<ReadinessTier>,
    compensation: Option<Compensation>,
    moves: Vec<Move>,
    span_of_control: Vec<SpanRule>,
    track_choice: Vec<Factor>,
    specializations: Vec<Specialization>,
    titles: TitleVocabulary,
    team: TeamShape,
    guidance: Guidance,
    #[serde(skip)]
    index: Index,
}

/// Where a level sits in [`Framework::levels`]: a level of one framework, by position.
///
/// Only a framework hands these out ([`Framework::level_pos`], [`Level::pos`]), so a position
/// always names a level of the framework it came from; there is no "first level" to fall back
/// to when a name does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct LevelPos(pub(crate) u16);

impl LevelPos {
    /// The position as an index into [`Framework::levels`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The position of the level at `index` in a framework's list of levels (for tables kept
    /// by position; the index must come from the same framework).
    pub(crate) fn at(index: usize) -> LevelPos {
        LevelPos(u16::try_from(index).unwrap_or(u16::MAX))
    }
}

/// Lookups by id, built once after validation.
#[derive(Debug, Clone, Default)]
struct Index {
    levels: HashMap<String, LevelPos>,
    /// Lowercased ids, titles and aliases → level position.
    names: HashMap<String, LevelPos>,
    tracks: HashMap<String, usize>,
    /// Competency id → (area, place in the area, place in framework order).
    competencies: HashMap<String, (usize, usize, usize)>,
}

impl Framework {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.index.tracks.get(id).map(|&i| &self.tracks[i])
    }

    /// Responsibility dimensions (scope, team leadership, …), in order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// Profile aspects (focus, influence style, …), in order.
    pub fn aspects(&self) -> &[Dimension] {
        &self.aspects
    }

    /// Every level, in the order of the file.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Every level from the bottom of the ladder up; at one rank, in track order.
    pub fn ladder(&self) -> Vec<&Level> {
        let mut levels: Vec<&Level> = self.levels.iter().collect();
        levels.sort_by_key(|l| (l.rank, self.index.tracks.get(&l.track).copied()));
        levels
    }

    /// Whether a level is on a track's ladder: the track's own levels and the trunk's (the
    /// shared levels everyone climbs before the split). The one rule the evaluator, paths and
    /// every page read a ladder by.
    pub fn on_ladder(&self, track: &str, level: &Level) -> bool {
        level.track == track || self.track(&level.track).is_some_and(|t| t.shared)
    }

    /// A track's ladder from the bottom up (see [`Framework::on_ladder`]).
    pub fn ladder_of(&self, track: &str) -> Vec<&Level> {
        self.ladder()
            .into_iter()
            .filter(|l| self.on_ladder(track, l))
            .collect()
    }

    /// The levels a person on `track` may be rated at: their track's ladder, or, for someone
    /// on the trunk who has not chosen a track, every level (their work may already show a
    /// level of either branch).
    pub fn ratable_levels(&self, track: &str) -> Vec<&Level> {
        if self.track(track).is_none_or(|t| t.shared) {
            self.ladder()
        } else {
            self.ladder_of(track)
        }
    }

    /// The level with this exact id.
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.index.levels.get(id).map(|&i| self.level_at(i))
    }

    /// The level at a position this framework gave out.
    pub fn level_at(&self, pos: LevelPos) -> &Level {
        &self.levels[pos.index()]
    }

    /// Position of a track in [`Framework::tracks`].
    pub fn track_index(&self, id: &str) -> Option<usize> {
        self.index.tracks.get(id).copied()
    }

    /// The position of the level with this exact id.
    pub fn level_pos(&self, id: &str) -> Option<LevelPos> {
        self.index.levels.get(id).copied()
    }

    /// Every level's position, in the order of [`Framework::levels`].
    pub fn level_positions(&self) -> impl Iterator<Item = LevelPos> + use<> {
        (0..self.levels.len()).map(LevelPos::at)
    }

    /// A level by id, title or alias, ignoring case ("Staff PM" finds `principal-pm`).
    pub fn find_level(&self, name: &str) -> Result<&Level, Unknown> {
        // Most lookups are exact ids: find those without allocating.
        if let Some(&i) = self.index.levels.get(name) {
            return Ok(self.level_at(i));
        }
        let key = name.trim().to_lowercase();
        if let Some(&i) = self.index.names.get(&key) {
            return Ok(self.level_at(i));
        }
        let known: Vec<&str> = self.levels.iter().map(|l| l.id.as_str()).collect();
        let near_alias = nearest(&key, self.index.names.keys().map(String::as_str), 3);
        let mut unknown = Unknown::new("level", name, known.iter().copied());
        for alias in near_alias {
            let id = &self.level_at(self.index.names[alias]).id;
            if !unknown.suggestions.contains(id) {
                unknown.suggestions.push(id.clone());
            }
        }
        Err(unknown)
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// Every competency with its area, in order.
    pub fn competencies(&self) -> impl Iterator<Item = (&Area, &Competency)> {
        self.areas
            .iter()
            .flat_map(|a| a.competencies.iter().map(move |c| (a, c)))
    }

    pub fn competency(&self, id: &str) -> Option<(&Area, &Competency)> {
        let &(a, c, _) = self.index.competencies.get(id)?;
        Some((&self.areas[a], &self.areas[a].competencies[c]))
    }

    /// Where a competency comes in [`Framework::competencies`].
    pub fn competency_position(&self, id: &str) -> Option<usize> {
        self.index.competencies.get(id).map(|&(_, _, at)| at)
    }

    /// What `competency` expects at `level`. Every competency has one per level.
    pub fn expectation<'f>(&'f self, competency: &'f Competency, level: &str) -> Option<&'f str> {
        let pos = self.level_pos(level)?;
        Some(self.expectation_at(competency, pos))
    }

    /// What `competency` expects at the level at `pos`.
    pub fn expectation_at<'f>(&'f self, competency: &'f Competency, pos: LevelPos) -> &'f str {
        competency
            .expectations
            .get(pos.index())
            .map_or("", |e| e.text.as_str())
    }

    pub fn level_rule(&self) -> &LevelRule {
        &self.level_rule
    }

    pub fn readiness_tiers(&self) -> &[ReadinessTier] {
        &self.readiness
    }

    pub fn compensation(&self) -> Option<&Compensation> {
        self.compensation.as_ref()
    }

    /// A company stage by id, with suggestions when there is none.
    pub fn find_stage(&self, id: &str) -> Result<&Stage, Unknown> {
        let stages = self
            .compensation
            .as_ref()
            .map(|c| c.stages.as_slice())
            .unwrap_or_default();
        stages
            .iter()
            .find(|s| s.id == id.trim().to_lowercase())
            .ok_or_else(|| Unknown::new("stage", id, stages.iter().map(|s| s.id.as_str())))
    }

    /// The pay range for a level at a stage, if the framework has one.
    pub fn pay(&self, level: &str, stage: &str) -> Option<PayRange> {
        let comp = self.compensation.as_ref()?;
        comp.bands
            .iter()
            .find(|b| b.levels.iter().any(|l| l == level))?
            .ranges
            .iter()
            .find(|r| r.stage == stage)
            .map(|r| r.range)
    }

    /// Every pay zone: the framework's own bands first, then the zones besides them. None
    /// without pay data.
    pub fn pay_zones(&self) -> Vec<PayZone<'_>> {
        let Some(comp) = &self.compensation else {
            return Vec::new();
        };
        let mut out = vec![PayZone {
            id: &comp.zone,
            name: &comp.region,
            currency: &comp.currency,
            multiplier: None,
            bands: &comp.bands,
        }];
        out.extend(comp.zones.iter().map(|z| PayZone {
            id: &z.id,
            name: &z.name,
            currency: &z.currency,
            multiplier: z.multiplier,
            bands: if z.multiplier.is_some() {
                &comp.bands
            } else {
                &z.bands
            },
        }));
        out
    }

    /// A pay zone by id (the framework's own bands when `None`), with what there is instead.
    pub fn pay_zone(&self, id: Option<&str>) -> Result<PayZone<'_>, Unknown> {
        let zones = self.pay_zones();
        let wanted = id.map(|i| i.trim().to_lowercase());
        let known: Vec<&str> = zones.iter().map(|z| z.id).collect();
        let found = match &wanted {
            None => zones.first().copied(),
            Some(w) => zones.iter().find(|z| z.id == w).copied(),
        };
        found.ok_or_else(|| Unknown::new("pay zone", id.unwrap_or_default(), known))
    }

    /// The zone a roster location is in, by the framework's location rules (the first that
    /// matches). A framework with no zones and no rules puts everyone in its own bands' zone.
    pub fn zone_of(&self, location: Option<&str>) -> ZoneOf<'_> {
        let Some(comp) = &self.compensation else {
            return ZoneOf::NoPay;
        };
        let zones = self.pay_zones();
        if comp.zones.is_empty() && comp.locations.is_empty() {
            return zones.into_iter().next().map_or(ZoneOf::NoPay, ZoneOf::In);
        }
        let Some(loc) = location.map(str::trim).filter(|l| !l.is_empty()) else {
            return ZoneOf::NoLocation;
        };
        match comp.locations.iter().find(|r| r.matches(loc)) {
            Some(rule) => zones
                .into_iter()
                .find(|z| z.id == rule.zone)
                .map_or(ZoneOf::Unmapped, ZoneOf::In),
            None => ZoneOf::Unmapped,
        }
    }

    /// The levels that share a pay band with `level` (not including it).
    pub fn band_mates(&self, level: &str) -> Vec<&str> {
        let Some(comp) = &self.compensation else {
            return Vec::new();
        };
        comp.bands
            .iter()
            .find(|b| b.levels.iter().any(|l| l == level))
            .map(|b| {
                b.levels
                    .iter()
                    .filter(|l| *l != level)
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// Every step a move allows, as (from, to, move), in file order, without repeats.
    pub fn steps(&self) -> Vec<(&str, &str, &Move)> {
        let mut out: Vec<(&str, &str, &Move)> = Vec::new();
        for m in &self.moves {
            for from in &m.from {
                for to in &m.to {
                    if !out.iter().any(|(f, t, _)| f == from && t == to) {
                        out.push((from, to, m));
                    }
                }
            }
        }
        out
    }

    /// The milestones that show readiness to step from one level to another, from every move
    /// that covers the step, keeping those meant for the destination's track.
    pub fn milestones(&self, from: &str, to: &str) -> Vec<&Milestone> {
        let track = self.level(to).map(|l| l.track.as_str()).unwrap_or_default();
        self.moves
            .iter()
            .filter(|m| m.from.iter().any(|f| f == from) && m.to.iter().any(|t| t == to))
            .flat_map(|m| &m.milestones)
            .filter(|ms| ms.tracks.is_empty() || ms.tracks.iter().any(|t| t == track))
            .collect()
    }

    /// Every milestone on the way up from a level, to any rung a promotion leads to from it,
    /// each once, in file order: what a rating of someone holding that level may mark as met.
    pub fn milestones_from(&self, from: &str) -> Vec<&Milestone> {
        let mut out: Vec<&Milestone> = Vec::new();
        for (f, to, _) in self.steps() {
            if f != from {
                continue;
            }
            for m in self.milestones(from, to) {
                if !out.iter().any(|o| o.id == m.id) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// A milestone by id, from whichever move lists it.
    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.moves
            .iter()
            .flat_map(|m| &m.milestones)
            .find(|ms| ms.id == id)
    }

    pub fn span_rules(&self) -> &[SpanRule] {
        &self.span_of_control
    }

    pub fn span_rule(&self, level: &str) -> Option<&SpanRule> {
        self.span_of_control.iter().find(|r| r.level == level)
    }

    pub fn track_choice(&self) -> &[Factor] {
        &self.track_choice
    }

    pub fn specializations(&self) -> &[Specialization] {
        &self.specializations
    }

    pub fn ambiguous_titles(&self) -> &[AmbiguousTitle] {
        &self.titles.ambiguous
    }

    /// The shape a team aims for.
    pub fn team_shape(&self) -> &TeamShape {
        &self.team
    }

    /// The words job titles are read with.
    pub fn titles(&self) -> &TitleVocabulary {
        &self.titles
    }

    pub fn guidance(&self) -> &Guidance {
        &self.guidance
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    fn build_index(&mut self) {
        let mut index = Index::default();
        for (i, level) in self.levels.iter_mut().enumerate() {
            let i = LevelPos::at(i);
            level.pos = i;
            index.levels.insert(level.id.clone(), i);
            for name in [&level.id, &level.title, &level.short_title]
                .into_iter()
                .chain(&level.aliases)
            {
                index.names.entry(name.to_lowercase()).or_insert(i);
            }
        }
        for (i, track) in self.tracks.iter().enumerate() {
            index.tracks.insert(track.id.clone(), i);
        }
        let mut at = 0;
        for (a, area) in self.areas.iter().enumerate() {
            for (c, comp) in area.competencies.iter().enumerate() {
                index.competencies.insert(comp.id.clone(), (a, c, at));
                at += 1;
            }
        }
        self.index = index;
    }
}
