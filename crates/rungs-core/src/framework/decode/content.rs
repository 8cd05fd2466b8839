//! Decoding what hangs off the ladder: competencies, rules, pay, moves, choices and guidance.

use super::{at, each, narrow, within};
use crate::doc::{Node, Table, join};
use crate::framework::model::*;

pub(super) fn area(t: &Table<'_>) -> Option<Area> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.text("summary");
    let weight = t.number("weight");
    within(
        t,
        "weight",
        weight,
        0.0..=100.0,
        "weights are relative; 1 is the default",
    );
    if weight == Some(0.0) {
        t.sink().error_at(
            &join(t.path(), "weight"),
            "a weight of 0 would leave the area out of every plan",
            Some("use a small positive weight instead".into()),
        );
    }
    let weight = weight.unwrap_or(1.0);
    if t.get("competencies").is_none() {
        t.need(
            "competencies",
            "[{ id = \"…\", name = \"…\", expectations = […] }]",
        );
    }
    let competencies = each(t, "competencies", competency);
    Some(Area {
        at: at(t),
        id: id?,
        name: name?,
        summary,
        weight,
        competencies,
    })
}

pub(super) fn competency(t: &Table<'_>) -> Option<Competency> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.text("summary");
    // Expectations are written per group of levels ({ levels = [..], text = ".." }); they are
    // spread to one per level, in level order, once the levels are known (in `validate`).
    let expectations = t
        .need("expectations", "[{ levels = [\"a-level\"], text = \"…\" }]")
        .map(|n| {
            let mut out = Vec::new();
            for item in n.items().unwrap_or_default() {
                let Some(group) = item.table() else { continue };
                let text = group.need_text("text");
                let levels = group
                    .need("levels", "[\"a-level\"]")
                    .and_then(|l| l.items())
                    .unwrap_or_default();
                if levels.is_empty() && group.get("levels").is_some() {
                    group.sink().error_at(
                        &format!("{}.levels", group.path()),
                        "`levels` is empty",
                        Some("name the levels this text is expected at".into()),
                    );
                }
                group.finish();
                let Some(text) = text else { continue };
                for level in levels {
                    if let Some(id) = level.id() {
                        out.push(Expectation {
                            at: level.path().to_owned(),
                            level: id,
                            text: text.clone(),
                        });
                    }
                }
            }
            out
        });
    Some(Competency {
        at: at(t),
        id: id?,
        name: name?,
        summary,
        actions: t.texts("actions"),
        evidence: t.texts("evidence"),
        expectations: expectations?,
    })
}

pub(super) fn level_rule(t: &Table<'_>) -> Option<LevelRule> {
    if let Some(method) = t.need("method", "\"area-floor\"") {
        if let Some(text) = method.text() {
            if text != "area-floor" {
                t.sink().error_at(
                    method.path(),
                    format!("unknown level rule method \"{}\"", text.escape_default()),
                    Some("the only method is \"area-floor\"; see docs/framework-format.md".into()),
                );
            }
        }
    }
    let area_quorum = t.need("area_quorum", "0.8").and_then(|n| n.number());
    let max_shortfall = t.need_count("max_shortfall").map(narrow);
    let min_rated = t.number("min_rated");
    let summary = t.text("summary");
    let share_help = "a share is a number above 0 and at most 1, e.g. 0.8 for 80%";
    within(t, "area_quorum", area_quorum, 0.01..=1.0, share_help);
    within(t, "min_rated", min_rated, 0.01..=1.0, share_help);
    let min_rated = min_rated.unwrap_or(0.5);
    Some(LevelRule {
        area_quorum: area_quorum?,
        max_shortfall: max_shortfall?,
        min_rated,
        summary,
    })
}

pub(super) fn tier(t: &Table<'_>) -> Option<ReadinessTier> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let max_short_share = t.number("max_short_share");
    let max_open_milestone_share = t.number("max_open_milestone_share");
    let share_help = "a share runs from 0 to 1, e.g. 0.25 for a quarter";
    within(t, "max_short_share", max_short_share, 0.0..=1.0, share_help);
    within(
        t,
        "max_open_milestone_share",
        max_open_milestone_share,
        0.0..=1.0,
        share_help,
    );
    Some(ReadinessTier {
        at: at(t),
        summary: t.text("summary"),
        max_short_share,
        max_gap: t.count("max_gap").map(narrow),
        max_open_milestone_share,
        id: id?,
        name: name?,
    })
}

pub(super) fn compensation(t: &Table<'_>) -> Option<Compensation> {
    let currency = t.need_text("currency");
    if let Some(code) = currency
        .as_deref()
        .filter(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        t.sink().error_at(
            &join(t.path(), "currency"),
            format!("\"{}\" is not a currency code", code.escape_default()),
            Some("use a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"GBP\"".into()),
        );
    }
    let year = t.need_count("year").map(narrow);
    within(
        t,
        "year",
        year.map(f64::from),
        1900.0..=2200.0,
        "the year the figures describe, e.g. 2025",
    );
    let region = t.need_text("region");
    let basis = t.need_text("basis");
    let stages = each(t, "stages", |s| {
        let id = s.need_id("id");
        let name = s.need_text("name");
        Some(Stage {
            at: at(s),
            id: id?,
            name: name?,
            summary: s.text("summary"),
        })
    });
    let bands = each(t, "bands", band);
    let zones = each(t, "zones", |z| {
        let id = z.need_id("id");
        let name = z.need_text("name");
        let zone_currency = z.text("currency");
        if let Some(code) = zone_currency
            .as_deref()
            .filter(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            z.sink().error_at(
                &join(z.path(), "currency"),
                format!("\"{}\" is not a currency code", code.escape_default()),
                Some("use a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"BRL\"".into()),
            );
        }
        let multiplier = z.number("multiplier");
        within(
            z,
            "multiplier",
            multiplier,
            0.01..=100.0,
            "a factor on the framework's bands, e.g. 0.8",
        );
        let bands = each(z, "bands", band);
        Some(Zone {
            at: at(z),
            id: id?,
            name: name?,
            summary: z.text("summary"),
            currency: zone_currency
                .or_else(|| currency.clone())
                .unwrap_or_default(),
            multiplier,
            bands,
        })
    });
    let locations = each(t, "locations", |l| {
        let location = l.need_text("location");
        let zone = l.need_id("zone");
        Some(LocationRule {
            at: at(l),
            location: location?,
            zone: zone?,
        })
    });
    Some(Compensation {
        currency: currency?,
        year: year?,
        region: region?,
        industry: t.text("industry"),
        basis: basis?,
        notes: t.texts("notes"),
        stages,
        bands,
        zone: t.id("zone").unwrap_or_else(|| "base".to_owned()),
        zones,
        locations,
    })
}

/// One pay band: the levels it pays and a range per stage.
fn band(b: &Table<'_>) -> Option<Band> {
    {
        let levels = b.need_ids("levels");
        let ranges = b.need_table("ranges").map(|r| {
            let list = r
                .entries()
                .into_iter()
                .filter_map(|(stage, node)| {
                    Some(StageRange {
                        at: node.path().to_owned(),
                        stage,
                        range: pay_range(&node)?,
                    })
                })
                .collect();
            r.finish();
            list
        });
        Some(Band {
            at: at(b),
            levels,
            ranges: ranges?,
        })
    }
}

pub(super) fn pay_range(node: &Node<'_>) -> Option<PayRange> {
    let t = node.table()?;
    let min = t.need_count("min");
    let max = t.need_count("max");
    let open_ended = t.boolean("open_ended").unwrap_or(false);
    t.finish();
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            t.sink().error_at(
                &join(t.path(), "min"),
                format!("the band's `min` ({lo}) is above its `max` ({hi})"),
                Some("swap the two figures".into()),
            );
        }
    }
    Some(PayRange {
        min: min?,
        max: max?,
        open_ended,
    })
}

pub(super) fn move_(t: &Table<'_>) -> Option<Move> {
    let id = t.need_id("id");
    let kind = t.need("kind", "\"promotion\"").and_then(|n| {
        let kind = match n.text()?.as_str() {
            "promotion" => MoveKind::Promotion,
            "track-switch" => MoveKind::TrackSwitch,
            "lateral" => MoveKind::Lateral,
            other => {
                t.sink().error_at(
                    n.path(),
                    format!("unknown kind of move \"{}\"", other.escape_default()),
                    Some("use \"promotion\", \"track-switch\" or \"lateral\"".into()),
                );
                return None;
            }
        };
        Some(kind)
    });
    let from = t.need_ids("from");
    let to = t.need_ids("to");
    let summary = t.text("summary");
    let milestones = each(t, "milestones", |m| {
        let id = m.need_id("id");
        let text = m.need_text("text");
        Some(Milestone {
            at: at(m),
            id: id?,
            text: text?,
            quote: m.text("quote"),
            tracks: m.ids("tracks"),
            source: m.id("source"),
        })
    });
    Some(Move {
        at: at(t),
        id: id?,
        kind: kind?,
        from,
        to,
        summary,
        milestones,
    })
}

pub(super) fn span_rule(t: &Table<'_>) -> Option<SpanRule> {
    let level = t.need_id("level");
    let summary = t.need_text("summary");
    let (min, max) = (t.count("min").map(narrow), t.count("max").map(narrow));
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            t.sink().error_at(
                &join(t.path(), "min"),
                format!("`min` ({lo}) is above `max` ({hi})"),
                Some("swap the two figures".into()),
            );
        }
    }
    if min.is_none() && max.is_none() {
        t.sink().error_at(
            t.path(),
            "this rule has neither `min` nor `max`",
            Some("give at least one, e.g. `min = 3`, `max = 5`".into()),
        );
    }
    Some(SpanRule {
        at: at(t),
        min,
        max,
        source: t.id("source"),
        level: level?,
        summary: summary?,
    })
}

pub(super) fn factor(t: &Table<'_>) -> Option<Factor> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.need_text("summary");
    let question = t.need_text("question");
    let options = each(t, "options", |o| {
        let id = o.need_id("id");
        let label = o.need_text("label");
        let reason = o.need_text("reason");
        Some(FactorOption {
            at: at(o),
            id: id?,
            label: label?,
            leans: o.id("leans"),
            reason: reason?,
        })
    });
    Some(Factor {
        at: at(t),
        id: id?,
        name: name?,
        summary: summary?,
        question: question?,
        options,
    })
}

pub(super) fn specialization(t: &Table<'_>) -> Option<Specialization> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.need_text("summary");
    Some(Specialization {
        at: at(t),
        signals: t.texts("signals"),
        points: t.texts("points"),
        id: id?,
        name: name?,
        summary: summary?,
    })
}

pub(super) fn topic(t: &Table<'_>) -> Option<Topic> {
    let id = t.need_id("id");
    let name = t.need_text("name");
    let summary = t.need_text("summary");
    Some(Topic {
        at: at(t),
        points: t.texts("points"),
        examples: t.texts("examples"),
        levels: t.ids("levels"),
        id: id?,
        name: name?,
        summary: summary?,
    })
}
