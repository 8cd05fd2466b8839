//! Decoding the ladder itself: sources, tracks, dimensions and levels.

use super::{MAX_YEARS, at, each, narrow, within};
use crate::doc::{Node, Table, join};
use crate::framework::model::*;

pub(super) fn source(t: &Table<'_>) -> Option<Source> {
    let id = t.need_id("id");
    let title = t.need_text("title");
    Some(Source {
        at: at(t),
        id: id?,
        title: title?,
        publisher: t.text("publisher"),
        ladders: t.list("ladders", |chain| {
            Some(chain.items()?.iter().filter_map(Node::id).collect())
        }),
        ladder_note: t.text("ladder_note"),
    })
}

pub(super) fn track(t: &Table<'_>) -> Option<Track> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.need_text("summary");
    Some(Track {
        at: at(t),
        shared: t.boolean("shared").unwrap_or(false),
        promotion_criteria: t.texts("promotion_criteria"),
        skills: t.texts("skills"),
        pros: t.texts("pros"),
        cons: t.texts("cons"),
        id: id?,
        name: name?,
        summary: summary?,
    })
}

pub(super) fn dimension(t: &Table<'_>) -> Option<Dimension> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    Some(Dimension {
        at: at(t),
        id: id?,
        name: name?,
        summary: t.text("summary"),
    })
}

/// A span of years: `{ min = 2, max = 3 }`; `max` left out means "or more".
pub(super) fn years(node: &Node<'_>) -> Option<Years> {
    let t = node.table()?;
    let min = t.need("min", "2").and_then(|n| n.number());
    let max = t.number("max");
    let note = t.text("note");
    let source = t.id("source");
    t.finish();
    let sink = t.sink();
    for (key, value) in [("min", min), ("max", max)] {
        if let Some(v) = value.filter(|v| !(0.0..=MAX_YEARS).contains(v)) {
            sink.error_at(
                &join(t.path(), key),
                format!("{v} years is out of range"),
                Some(format!("years run from 0 to {MAX_YEARS}")),
            );
        }
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if hi < lo {
            sink.error_at(
                &join(t.path(), "max"),
                format!("`max` ({hi}) is below `min` ({lo})"),
                Some("swap them, or leave out `max` to mean \"or more\"".into()),
            );
        }
    }
    Some(Years {
        at: at(&t),
        min: min?,
        max,
        note,
        source,
    })
}

pub(super) fn level(t: &Table<'_>, default_years: Option<&Years>) -> Option<Level> {
    let id = t.need_id("id");
    let title = t.need_text("title");
    let short_title = t.text("short_title");
    let rank = t.need_count("rank").map(narrow);
    let track = t.need_id("track");
    let summary = t.need_text("summary");
    let experience = match t.get("experience") {
        // One span, or a list of them when sources give different figures.
        Some(n) if n.is_list() => n
            .items()
            .unwrap_or_default()
            .iter()
            .filter_map(years)
            .collect(),
        Some(n) => years(&n).into_iter().collect(),
        None => Vec::new(),
    };
    let own_years = t.get("years_on_rung").and_then(|n| years(&n));
    let responsibilities = t
        .table("responsibilities")
        .map(|r| {
            let list = r
                .entries()
                .into_iter()
                .map(|(dimension, node)| Responsibility {
                    at: node.path().to_owned(),
                    dimension,
                    statements: node
                        .items()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(Node::text)
                        .collect(),
                })
                .collect();
            r.finish();
            list
        })
        .unwrap_or_default();
    let profile = t
        .table("profile")
        .map(|p| {
            let list = p
                .entries()
                .into_iter()
                .filter_map(|(aspect, node)| {
                    Some(AspectText {
                        at: node.path().to_owned(),
                        aspect,
                        text: node.text()?,
                    })
                })
                .collect();
            p.finish();
            list
        })
        .unwrap_or_default();
    let time_allocation = each(t, "time_allocation", |share| {
        let activity = share.need_text("activity");
        let percent = share.need_count("percent");
        within(
            share,
            "percent",
            percent.map(|p| p as f64),
            0.0..=100.0,
            "a share of the week is a percentage",
        );
        Some(TimeShare {
            at: at(share),
            activity: activity?,
            percent: narrow(percent?),
        })
    });
    Some(Level {
        at: at(t),
        pos: Default::default(),
        short_title: short_title.or_else(|| title.clone())?,
        id: id?,
        title: title?,
        aliases: t.texts("aliases"),
        rank: rank?,
        track: track?,
        parallel: t.id("parallel"),
        summary: summary?,
        experience,
        years_on_rung: own_years.or_else(|| default_years.cloned()),
        years_to_reach: t.get("years_to_reach").and_then(|n| years(&n)),
        duties: t.texts("duties"),
        responsibilities,
        profile,
        time_allocation,
        notes: t.texts("notes"),
    })
}
