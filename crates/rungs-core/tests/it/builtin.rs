//! The built-in framework holds the seeds' facts and figures exactly.

use std::collections::BTreeSet;

use rungs_core::framework::{MoveKind, PayRange};

use crate::support::{builtin, load_ok};

const SEED_TABLES: &str = include_str!("fixtures/seed-tables.tsv");

/// The rows of one kind of table in the fixture (`skills`, `comparison`, `pay`), headers
/// included, split into cells.
fn tables(kind: &str) -> Vec<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<Vec<String>>> = None;
    for line in SEED_TABLES.lines().filter(|l| !l.starts_with('#')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if let Some(t) = current.take() {
                out.push(t);
            }
            current = (name == kind).then(Vec::new);
        } else if let Some(t) = current.as_mut().filter(|_| !line.is_empty()) {
            t.push(line.split('\t').map(|c| c.trim().to_owned()).collect());
        }
    }
    out.extend(current);
    out
}

#[test]
fn the_default_framework_loads_cleanly_through_the_public_loader() {
    let loaded = load_ok(rungs_core::framework::BUILTIN_TOML);
    assert!(
        loaded.warnings.is_empty(),
        "{}",
        crate::support::render(&loaded.warnings)
    );
    assert_eq!(loaded.framework.id(), "product-management");
}

#[test]
fn every_cell_of_the_four_skill_matrices_is_an_expectation() {
    let fw = builtin();
    let matrices = tables("skills");
    assert_eq!(matrices.len(), 4, "four skill matrices");
    let mut cells = 0;
    for matrix in &matrices {
        let header = &matrix[0];
        assert_eq!(
            header[1..],
            [
                "Associate PM",
                "Product Manager",
                "Senior PM",
                "Principal/Group PM",
                "Director/VP"
            ]
        );
        assert_eq!(matrix.len(), 6, "five skills per matrix: {header:?}");
        for row in &matrix[1..] {
            let comp = fw
                .competencies()
                .map(|(_, c)| c)
                .find(|c| c.name == row[0])
                .unwrap_or_else(|| panic!("no competency named {}", row[0]));
            let at = |level: &str| fw.expectation(comp, level).unwrap_or_default().to_owned();
            assert_eq!(at("apm"), row[1], "{} at apm", row[0]);
            assert_eq!(at("pm"), row[2], "{} at pm", row[0]);
            assert_eq!(at("senior-pm"), row[3], "{} at senior-pm", row[0]);
            // A split cell reads "Principal: … Group: …"; otherwise both levels share it.
            match row[4]
                .strip_prefix("Principal: ")
                .and_then(|r| r.split_once(" Group: "))
            {
                Some((principal, group)) => {
                    assert_eq!(at("principal-pm"), principal, "{} at principal-pm", row[0]);
                    assert_eq!(at("group-pm"), group, "{} at group-pm", row[0]);
                }
                None => {
                    assert_eq!(at("principal-pm"), row[4], "{} at principal-pm", row[0]);
                    assert_eq!(at("group-pm"), row[4], "{} at group-pm", row[0]);
                }
            }
            for level in ["director", "vp", "cpo"] {
                assert_eq!(at(level), row[5], "{} at {level}", row[0]);
            }
            cells += 5;
        }
    }
    assert_eq!(cells, 100);
    assert_eq!(fw.competencies().count(), 20);
    let areas: Vec<(&str, usize)> = fw
        .areas()
        .iter()
        .map(|a| (a.id.as_str(), a.competencies.len()))
        .collect();
    assert_eq!(
        areas,
        [
            ("technical", 5),
            ("business", 5),
            ("leadership", 5),
            ("strategy", 5)
        ]
    );
}

/// "$350K - $700K+" → (350000, 700000, open).
fn parse_band(cell: &str) -> PayRange {
    let amount = |s: &str| -> (u64, bool) {
        let s = s.trim().trim_start_matches('\\').trim_start_matches('$');
        let open = s.ends_with('+');
        let s = s.trim_end_matches('+');
        let value = if let Some(k) = s.strip_suffix('K') {
            k.parse::<u64>().map(|v| v * 1_000)
        } else if let Some(m) = s.strip_suffix('M') {
            m.parse::<u64>().map(|v| v * 1_000_000)
        } else {
            s.parse::<u64>()
        };
        (
            value.unwrap_or_else(|_| panic!("cannot read the amount `{s}`")),
            open,
        )
    };
    let (lo, hi) = cell
        .split_once(" - ")
        .unwrap_or_else(|| panic!("not a band: {cell}"));
    let ((min, _), (max, open_ended)) = (amount(lo), amount(hi));
    PayRange {
        min,
        max,
        open_ended,
    }
}

#[test]
fn all_21_pay_cells_match_the_seed_table() {
    let fw = builtin();
    let comp = fw
        .compensation()
        .expect("the default framework has pay data");
    assert_eq!(
        (comp.currency.as_str(), comp.year, comp.region.as_str()),
        ("USD", 2025, "United States")
    );
    assert!(
        comp.basis.contains("base salary + bonus + equity"),
        "{}",
        comp.basis
    );
    let table = &tables("pay")[0];
    assert_eq!(
        table[0][1..],
        [
            "Early-stage Startup",
            "Mid-size Company",
            "Large Tech Company"
        ]
    );
    let rows: [(&str, &[&str]); 7] = [
        ("Associate PM", &["apm"]),
        ("Product Manager", &["pm"]),
        ("Senior PM", &["senior-pm"]),
        ("Principal PM / Group PM", &["principal-pm", "group-pm"]),
        ("Director of Product", &["director"]),
        ("VP of Product", &["vp"]),
        ("Chief Product Officer", &["cpo"]),
    ];
    let mut cells = 0;
    for (row, (role, levels)) in table[1..].iter().zip(rows) {
        assert_eq!(row[0], role);
        for (cell, stage) in row[1..].iter().zip(["startup", "mid-size", "large"]) {
            let expected = parse_band(cell);
            for level in levels {
                assert_eq!(
                    fw.pay(level, stage),
                    Some(expected),
                    "{level} at {stage}: {cell}"
                );
            }
            cells += 1;
        }
    }
    assert_eq!(cells, 21);
    assert_eq!(
        fw.band_mates("principal-pm"),
        ["group-pm"],
        "Principal and Group share a band"
    );
    let stages: Vec<&str> = comp.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stages, ["startup", "mid-size", "large"]);
}

#[test]
fn the_principal_versus_group_comparison_is_reproduced() {
    let fw = builtin();
    let table = &tables("comparison")[0];
    assert_eq!(
        table[0][1..],
        ["Principal Product Manager", "Group Product Manager"]
    );
    let (principal, group) = (
        fw.level("principal-pm").unwrap(),
        fw.level("group-pm").unwrap(),
    );
    let aspects = [
        ("Primary Focus", "focus"),
        ("Management Responsibility", "management"),
        ("Key Strengths", "strengths"),
        ("Influence Style", "influence"),
        ("Career Progression", "progression"),
        ("Success Metrics", "success-metrics"),
    ];
    for (name, id) in aspects {
        let row = table
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no row {name}"));
        let text = |l: &rungs_core::framework::Level| {
            l.profile
                .iter()
                .find(|p| p.aspect == id)
                .map(|p| p.text.clone())
        };
        assert_eq!(text(principal).as_deref(), Some(row[1].as_str()), "{name}");
        assert_eq!(text(group).as_deref(), Some(row[2].as_str()), "{name}");
    }
    let time = table.iter().find(|r| r[0] == "Time Allocation").unwrap();
    let split = |l: &rungs_core::framework::Level| {
        l.time_allocation
            .iter()
            .map(|s| format!("{}% {}", s.percent, s.activity.to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert_eq!(split(principal), time[1]);
    assert_eq!(split(group), time[2]);
}

#[test]
fn every_level_has_the_seeds_years() {
    let fw = builtin();
    // (level, experience [min, max], years on the rung [min, max], years to reach it)
    type Span = (f64, Option<f64>);
    type Row<'a> = (&'a str, &'a [Span], Option<Span>, Option<Span>);
    let expected: [Row<'_>; 8] = [
        ("apm", &[(0.0, Some(2.0))], Some((1.0, Some(2.0))), None),
        ("pm", &[(2.0, Some(5.0))], Some((2.0, Some(3.0))), None),
        (
            "senior-pm",
            &[(5.0, Some(8.0))],
            Some((2.0, Some(3.0))),
            Some((4.0, Some(6.0))),
        ),
        ("principal-pm", &[(8.0, None)], Some((2.0, Some(3.0))), None),
        ("group-pm", &[(8.0, None)], Some((2.0, Some(3.0))), None),
        ("director", &[(10.0, None)], Some((5.0, None)), None),
        (
            "vp",
            &[(15.0, None), (10.0, Some(20.0))],
            Some((2.0, Some(3.0))),
            None,
        ),
        ("cpo", &[(15.0, None)], Some((2.0, Some(3.0))), None),
    ];
    for (id, experience, on_rung, to_reach) in expected {
        let level = fw.level(id).unwrap_or_else(|| panic!("no level {id}"));
        let got: Vec<Span> = level.experience.iter().map(|y| (y.min, y.max)).collect();
        assert_eq!(got, experience, "experience of {id}");
        assert_eq!(
            level.years_on_rung.as_ref().map(|y| (y.min, y.max)),
            on_rung,
            "years on rung of {id}"
        );
        assert_eq!(
            level.years_to_reach.as_ref().map(|y| (y.min, y.max)),
            to_reach,
            "years to reach {id}"
        );
    }
}

#[test]
fn the_canonical_ids_aliases_and_shape_are_kept() {
    let fw = builtin();
    let ladder: Vec<(&str, u32, &str)> = fw
        .ladder()
        .iter()
        .map(|l| (l.id.as_str(), l.rank, l.track.as_str()))
        .collect();
    assert_eq!(
        ladder,
        [
            ("apm", 1, "shared"),
            ("pm", 2, "shared"),
            ("senior-pm", 3, "shared"),
            ("principal-pm", 4, "ic"),
            ("group-pm", 4, "manager"),
            ("director", 5, "manager"),
            ("vp", 6, "manager"),
            ("cpo", 7, "manager"),
        ]
    );
    assert_eq!(
        fw.level("principal-pm").unwrap().parallel.as_deref(),
        Some("group-pm")
    );
    assert_eq!(
        fw.level("group-pm").unwrap().parallel.as_deref(),
        Some("principal-pm")
    );
    for (name, id) in [
        ("Staff PM", "principal-pm"),
        ("staff pm", "principal-pm"),
        ("Lead PM", "group-pm"),
        ("GPM", "group-pm"),
        ("Chief Product Officer", "cpo"),
    ] {
        assert_eq!(fw.find_level(name).map(|l| l.id.as_str()), Ok(id), "{name}");
    }
    let specs: Vec<&str> = fw.specializations().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        specs,
        [
            "technical",
            "data",
            "growth",
            "ai-ml",
            "platform",
            "no-code"
        ]
    );
    let head = fw
        .ambiguous_titles()
        .iter()
        .find(|t| t.title == "Head of Product")
        .expect("Head of Product is ambiguous");
    let candidates: Vec<&str> = head.candidates.iter().map(|c| c.level.as_str()).collect();
    assert_eq!(candidates, ["group-pm", "cpo"]);
    let group_span = fw.span_rule("group-pm").unwrap();
    assert_eq!((group_span.min, group_span.max), (Some(3), Some(5)));
    for ic in ["apm", "pm", "principal-pm"] {
        assert_eq!(
            fw.span_rule(ic).and_then(|r| r.max),
            Some(0),
            "{ic} has no direct reports"
        );
    }
}

#[test]
fn the_promotion_milestones_of_both_seeds_are_on_their_moves() {
    let fw = builtin();
    let by_source = |from: &str, to: &str| {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for m in fw.milestones(from, to) {
            let source = m.source.clone().unwrap_or_default();
            match counts.iter_mut().find(|(s, _)| *s == source) {
                Some((_, n)) => *n += 1,
                None => counts.push((source, 1)),
            }
        }
        counts
            .into_iter()
            .map(|(s, n)| format!("{s}:{n}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by_source("apm", "pm"),
        ["mp-guide:3", "advance-pm-career:6", "productplan:3"]
    );
    assert_eq!(
        by_source("pm", "senior-pm"),
        ["mp-guide:3", "advance-pm-career:5", "productplan:5"]
    );
    // mp-guide's split step: two shared milestones, one per track.
    assert_eq!(
        by_source("senior-pm", "principal-pm"),
        ["mp-guide:3", "advance-pm-career:5"]
    );
    assert_eq!(by_source("senior-pm", "group-pm"), ["mp-guide:3"]);
    assert!(
        fw.milestones("senior-pm", "principal-pm")
            .iter()
            .any(|m| m.id == "establishes-best-practices")
    );
    assert!(
        fw.milestones("senior-pm", "group-pm")
            .iter()
            .any(|m| m.id == "develops-leadership-skills")
    );
    assert_eq!(by_source("principal-pm", "director"), ["mp-guide:3"]);
    assert_eq!(
        by_source("group-pm", "director"),
        ["mp-guide:3", "advance-pm-career:7"]
    );
    assert_eq!(by_source("senior-pm", "director"), ["productplan:3"]);
    assert_eq!(
        by_source("director", "vp"),
        ["mp-guide:3", "advance-pm-career:4"]
    );
    assert_eq!(
        by_source("director", "cpo"),
        ["mp-guide:3", "advance-pm-career:4"]
    );
    let switches: BTreeSet<(&str, &str)> = fw
        .steps()
        .into_iter()
        .filter(|(_, _, m)| m.kind == MoveKind::TrackSwitch)
        .map(|(f, t, _)| (f, t))
        .collect();
    assert_eq!(
        switches,
        BTreeSet::from([("group-pm", "principal-pm"), ("principal-pm", "group-pm")])
    );
}

#[test]
fn track_choice_asks_the_five_factors_and_the_time_allocation() {
    let fw = builtin();
    let factors: Vec<&str> = fw.track_choice().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        factors,
        [
            "strengths",
            "goals",
            "culture",
            "work-style",
            "impact",
            "time-allocation"
        ]
    );
    for f in fw.track_choice() {
        let leanings: BTreeSet<Option<&str>> =
            f.options.iter().map(|o| o.leans.as_deref()).collect();
        assert!(
            leanings.contains(&Some("ic")) && leanings.contains(&Some("manager")),
            "{} can lean either way",
            f.id
        );
    }
    let time = fw
        .track_choice()
        .iter()
        .find(|f| f.id == "time-allocation")
        .unwrap();
    assert!(
        time.options
            .iter()
            .any(|o| o.label == "70% product work, 20% strategic initiatives, 10% mentoring")
    );
    assert!(time.options.iter().any(|o| o.label
        == "40% team management, 30% product strategy, 30% cross-functional coordination"));
}

#[test]
fn the_guidance_sections_hold_the_seeds_lists() {
    let g = builtin().guidance();
    let ids = |topics: &[rungs_core::framework::Topic]| {
        topics.iter().map(|t| t.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&g.industry_variations),
        [
            "technology",
            "retail-ecommerce",
            "financial-services",
            "healthcare",
            "manufacturing"
        ]
    );
    assert_eq!(
        ids(&g.industry_transitions),
        [
            "b2c-b2b",
            "software-to-hardware",
            "vertical-shift",
            "platform-transition"
        ]
    );
    assert_eq!(
        ids(&g.entrepreneurial_paths),
        [
            "founder",
            "early-stage-employee",
            "product-consultant",
            "angel-investor-advisor"
        ]
    );
    for id in [
        "product-operations",
        "product-marketing",
        "product-strategy",
        "technical-program-management",
        "user-experience-research",
        "growth-product-management",
    ] {
        assert!(
            ids(&g.adjacent_roles).iter().any(|a| a == id),
            "adjacent role {id}"
        );
    }
    for id in [
        "deliver-measurable-results",
        "t-shaped-expertise",
        "expand-scope",
        "build-network",
        "seek-mentorship",
        "strategic-moves",
        "develop-leadership",
        "right-company-stage",
    ] {
        assert!(
            ids(&g.advancement_strategies).iter().any(|a| a == id),
            "advancement strategy {id}"
        );
    }
    let apm = g
        .entry_paths
        .iter()
        .find(|t| t.id == "apm-programs")
        .unwrap();
    assert_eq!(apm.examples, ["Google", "Facebook", "Atlassian"]);
    assert!(
        apm.points
            .iter()
            .any(|p| p.contains("two 12-month rotations"))
    );
    assert!(apm.points.iter().any(|p| p.contains("one to two years")));
    let exec: Vec<String> = ids(&g.executive_paths);
    assert_eq!(
        exec,
        [
            "cpo-at-larger-company",
            "fractional-cpo",
            "ceo",
            "general-manager",
            "coo"
        ]
    );
}

#[test]
fn every_milestone_is_a_criterion_with_the_sources_words_kept() {
    let fw = builtin();
    let mut n = 0;
    for (from, to, _) in fw.steps() {
        for m in fw.milestones(from, to) {
            n += 1;
            let quote = m
                .quote
                .as_deref()
                .unwrap_or_else(|| panic!("{} has no quote", m.id));
            assert!(m.source.is_some(), "{} names its source", m.id);
            assert_ne!(
                m.text, quote,
                "{}: the criterion is in the project's words",
                m.id
            );
            assert!(m.text.ends_with('.'), "{}: a sentence", m.id);
        }
    }
    assert!(n >= 54, "{n} milestones");
    let hungry = fw
        .milestones("pm", "senior-pm")
        .into_iter()
        .find(|m| m.id == "hungry-for-more")
        .expect("the milestone");
    assert_eq!(hungry.quote.as_deref(), Some("you’re hungry for more"));
    assert_eq!(
        hungry.text,
        "Asks for bigger scope or harder problems, and has already started taking some on."
    );
}

#[test]
fn every_competency_says_how_to_grow_it_and_what_shows_it() {
    for (_, c) in builtin().competencies() {
        assert!(c.actions.len() >= 3, "{}: actions", c.id);
        assert!(c.evidence.len() >= 3, "{}: evidence", c.id);
        for line in c.actions.iter().chain(&c.evidence) {
            assert!(line.ends_with('.'), "{}: {line}", c.id);
        }
    }
}
