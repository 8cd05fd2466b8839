//! From the TOML tree to a [`Framework`], section by section, collecting every problem.
//!
//! Decoding checks shapes (types, required keys, unknown keys, id syntax); references between
//! sections are checked afterwards, in `validate`. Each decoded item remembers its path in the
//! document (`at`), so those later checks can point back to it.

use super::model::*;
use super::{Framework, Index};
use crate::toml_reader::{Node, Table, join};

/// The most years any span in a framework may name: a working life.
const MAX_YEARS: f64 = 60.0;

/// Reports `value` at `key` unless it lies in `range`.
fn within(
    t: &Table<'_, '_>,
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
pub(super) fn framework(root: &Table<'_, '_>) -> Option<Framework> {
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
    let ambiguous_titles = root
        .table("titles")
        .map(|t| {
            let list = each(&t, "ambiguous", ambiguous_title);
            t.finish();
            list
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
        ambiguous_titles,
        guidance,
        index: Index::default(),
    })
}

/// Decodes every table of a list, keeping those that decode; each reports its own problems.
fn each<T>(
    parent: &Table<'_, '_>,
    key: &'static str,
    decode: impl Fn(&Table<'_, '_>) -> Option<T>,
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

fn at(t: &Table<'_, '_>) -> String {
    t.path().to_owned()
}

fn narrow(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn source(t: &Table<'_, '_>) -> Option<Source> {
    let id = t.need_id("id");
    let title = t.need_text("title");
    Some(Source {
        at: at(t),
        id: id?,
        title: title?,
        publisher: t.text("publisher"),
    })
}

fn track(t: &Table<'_, '_>) -> Option<Track> {
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

fn dimension(t: &Table<'_, '_>) -> Option<Dimension> {
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
fn years(node: &Node<'_, '_>) -> Option<Years> {
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

fn level(t: &Table<'_, '_>, default_years: Option<&Years>) -> Option<Level> {
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

fn area(t: &Table<'_, '_>) -> Option<Area> {
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

fn competency(t: &Table<'_, '_>) -> Option<Competency> {
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
        expectations: expectations?,
    })
}

fn level_rule(t: &Table<'_, '_>) -> Option<LevelRule> {
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

fn tier(t: &Table<'_, '_>) -> Option<ReadinessTier> {
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

fn compensation(t: &Table<'_, '_>) -> Option<Compensation> {
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
    let bands = each(t, "bands", |b| {
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
    })
}

fn pay_range(node: &Node<'_, '_>) -> Option<PayRange> {
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

fn move_(t: &Table<'_, '_>) -> Option<Move> {
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

fn span_rule(t: &Table<'_, '_>) -> Option<SpanRule> {
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

fn factor(t: &Table<'_, '_>) -> Option<Factor> {
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

fn specialization(t: &Table<'_, '_>) -> Option<Specialization> {
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

fn ambiguous_title(t: &Table<'_, '_>) -> Option<AmbiguousTitle> {
    let title = t.need_text("title");
    let summary = t.need_text("summary");
    let candidates = each(t, "candidates", |c| {
        let level = c.need_id("level");
        let reason = c.need_text("reason");
        Some(TitleCandidate {
            at: at(c),
            level: level?,
            reason: reason?,
        })
    });
    Some(AmbiguousTitle {
        at: at(t),
        title: title?,
        summary: summary?,
        candidates,
    })
}

fn topic(t: &Table<'_, '_>) -> Option<Topic> {
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
