//! From the TOML tree to a [`Framework`], section by section, collecting every problem.
//!
//! Decoding checks shapes (types, required keys, unknown keys, id syntax); references between
//! sections are checked afterwards, in `validate`. Each decoded item remembers its path in the
//! document (`at`), so those later checks can point back to it.

mod content;
mod ladder;
mod team;
mod titles;

use team::team;
use titles::titles;

use content::{
    area, compensation, factor, level_rule, move_, span_rule, specialization, tier, topic,
};
use ladder::{dimension, level, source, track, years};

use super::model::Guidance;
use super::{Framework, Index};
use crate::doc::{Table, join};

/// The most years any span in a framework may name: a working life.
pub(super) const MAX_YEARS: f64 = 60.0;

/// Reports `value` at `key` unless it lies in `range`.
pub(super) fn within(
    t: &Table<'_>,
    key: &str,
    value: Option<f64>,
    range: std::ops::RangeInclusive<f64>,
    help: &str,
) {
    if let Some(v) = value.filter(|v| !range.contains(v)) {
        t.sink().error_at(
            &join(t.path(), key),
            format!("`{key}` is {v}, outside {}–{}", range.start(), range.end()),
            Some(help.into()),
        );
    }
}

/// Decodes a framework document. `None` when a required piece is missing or malformed; the
/// reasons are in the sink.
pub(super) fn framework(root: &Table<'_>) -> Option<Framework> {
    let meta = root.need_table("framework").map(|t| {
        let fields = (
            t.need_id("id"),
            t.need_text("name"),
            t.need_text("version"),
            t.text("summary"),
        );
        t.finish();
        fields
    });
    let sources = each(root, "sources", source);
    let tracks = each(root, "tracks", track);
    let dimensions = each(root, "dimensions", dimension);
    let aspects = each(root, "aspects", dimension);
    let default_years = root.table("timing").and_then(|t| {
        let years = t.get("years_on_rung").and_then(|n| years(&n));
        t.finish();
        years
    });
    let levels = each(root, "levels", |t| level(t, default_years.as_ref()));
    let areas = each(root, "areas", area);
    let level_rule = root.need_table("level_rule").and_then(|t| {
        let rule = level_rule(&t);
        t.finish();
        rule
    });
    let readiness = root.need_table("readiness").map(|t| {
        if t.get("tiers").is_none() {
            t.need("tiers", "[{ id = \"ready-now\", … }]");
        }
        let tiers = each(&t, "tiers", tier);
        t.finish();
        tiers
    });
    let compensation = root.table("compensation").and_then(|t| {
        let comp = compensation(&t);
        t.finish();
        comp
    });
    let moves = each(root, "moves", move_);
    let span_of_control = each(root, "span_of_control", span_rule);
    let track_choice = each(root, "track_choice", factor);
    let specializations = each(root, "specializations", specialization);
    let titles = root
        .table("titles")
        .map(|t| {
            let vocabulary = titles(&t);
            t.finish();
            vocabulary
        })
        .unwrap_or_default();
    let team = root
        .table("team")
        .map(|t| {
            let shape = team(&t);
            t.finish();
            shape
        })
        .unwrap_or_default();
    let guidance = Guidance {
        adjacent_roles: each(root, "adjacent_roles", topic),
        entrepreneurial_paths: each(root, "entrepreneurial_paths", topic),
        executive_paths: each(root, "executive_paths", topic),
        industry_transitions: each(root, "industry_transitions", topic),
        industry_variations: each(root, "industry_variations", topic),
        advancement_strategies: each(root, "advancement_strategies", topic),
        entry_paths: each(root, "entry_paths", topic),
        career_paths: each(root, "career_paths", topic),
        learning_resources: each(root, "learning_resources", topic),
        future_skills: each(root, "future_skills", topic),
    };
    let (id, name, version, summary) = meta?;
    Some(Framework {
        id: id?,
        name: name?,
        version: version?,
        summary,
        sources,
        tracks,
        dimensions,
        aspects,
        levels,
        areas,
        level_rule: level_rule?,
        readiness: readiness?,
        compensation,
        moves,
        span_of_control,
        track_choice,
        specializations,
        titles,
        team,
        guidance,
        index: Index::default(),
    })
}

/// Decodes every table of a list, keeping those that decode; each reports its own problems.
pub(super) fn each<T>(
    parent: &Table<'_>,
    key: &'static str,
    decode: impl Fn(&Table<'_>) -> Option<T>,
) -> Vec<T> {
    parent
        .tables(key)
        .into_iter()
        .filter_map(|t| {
            let value = decode(&t);
            t.finish();
            value
        })
        .collect()
}

pub(super) fn at(t: &Table<'_>) -> String {
    t.path().to_owned()
}

pub(super) fn narrow(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}
