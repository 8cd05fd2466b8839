//! What the levels hold: expectations for every competency, readiness tiers and pay bands.

use std::collections::HashMap;

use super::Check;
use crate::doc::join;
use crate::framework::model::{Band, Expectation, ReadinessTier};
use crate::suggest::did_you_mean;

impl Check<'_> {
    /// Every competency has exactly one expectation at every level.
    pub(super) fn competencies(&self) {
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
    pub(super) fn readiness(&self) {
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

    pub(super) fn compensation(&self) {
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
        self.bands(comp, &comp.bands, true);
        self.zones(comp);
    }

    /// Pay zones and the location rules that place people in them.
    fn zones(&self, comp: &crate::framework::model::Compensation) {
        self.unique(
            "pay zone",
            std::iter::once((comp.zone.as_str(), "compensation.zone".to_owned()))
                .chain(comp.zones.iter().map(|z| (z.id.as_str(), z.at.clone()))),
        );
        for z in &comp.zones {
            match (z.multiplier, z.bands.is_empty()) {
                (Some(_), false) => self.error(
                    &z.at,
                    format!("zone `{}` has both a multiplier and bands of its own", z.id),
                    Some("give it one: a multiplier on the framework's bands, or its own bands".into()),
                ),
                (None, true) => self.error(
                    &z.at,
                    format!("zone `{}` has neither a multiplier nor bands", z.id),
                    Some("add `multiplier = 0.8` or [[compensation.zones.bands]]".into()),
                ),
                (Some(_), true) if z.currency != comp.currency => self.error(
                    &join(&z.at, "currency"),
                    format!(
                        "zone `{}` multiplies the {} bands but says its figures are in {}",
                        z.id, comp.currency, z.currency
                    ),
                    Some("a multiplier keeps the framework's currency; give the zone its own bands for another".into()),
                ),
                _ => self.bands(comp, &z.bands, false),
            }
        }
        let known: Vec<&str> = std::iter::once(comp.zone.as_str())
            .chain(comp.zones.iter().map(|z| z.id.as_str()))
            .collect();
        for rule in &comp.locations {
            if !known.contains(&rule.zone.as_str()) {
                self.error(
                    &join(&rule.at, "zone"),
                    format!(
                        "location `{}` is in unknown zone `{}`",
                        rule.location, rule.zone
                    ),
                    Some(
                        did_you_mean(&rule.zone, known.iter().copied())
                            .unwrap_or_else(|| format!("the zones are: {}", known.join(", "))),
                    ),
                );
            }
        }
    }

    /// A list of bands: known levels each in one band, ranges at known stages; with `every`,
    /// a warning for each level without a band.
    fn bands(&self, comp: &crate::framework::model::Compensation, bands: &[Band], every: bool) {
        let fw = self.fw;
        let mut banded: HashMap<&str, &Band> = HashMap::new();
        for band in bands {
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
        for level in fw.levels.iter().filter(|_| every) {
            if !banded.contains_key(level.id.as_str()) {
                self.sink.warn_at(
                    &join(&level.at, "id"),
                    format!("`{}` has no pay band", level.id),
                    Some("add it to a [[compensation.bands]] entry to show its pay".into()),
                );
            }
        }
    }
}
