//! Team analytics on small hand-made rosters whose right answers are worked out by hand.

use rungs_core::team::{History, ReportOptions, Status, load_history_csv, load_roster, report};

use crate::support::builtin;

/// Twelve people. The CPO manages two Group PMs and a Principal PM. Gia (group-pm) manages six
/// PMs, over the 3–5 rule; Gus (group-pm) one, under it; Pat (principal-pm, no reports allowed)
/// one. Pay at large companies: Gus is below the Group PM band, Pat above the Principal band.
pub(crate) const ROSTER: &str =
    "id,name,email,title,level,track,manager,rung_start,pay,currency,stage,location
cpo,Chris Po,chris@example.com,,cpo,,,2020-01-01,600000,,large,London
gpm1,Gia Pham,,,group-pm,,cpo,2022-01-01,300000,,large,
gpm2,Gus Pym,,,group-pm,,cpo,2025-12-01,200000,,large,
prin,Pat Rin,,,principal-pm,,cpo,2023-01-01,400000,,large,
pm1,Ann One,,,pm,,gpm1,2020-01-01,150000,,large,
pm2,Bo Two,,,pm,,gpm1,2026-06-01,,,,
pm3,Cy Three,,,pm,,gpm1,2024-01-01,,,,
pm4,Di Four,,,pm,,gpm1,2024-01-01,,,,
pm5,Ed Five,,,pm,,gpm1,2024-01-01,,,,
pm6,Flo Six,,,pm,,gpm1,2024-01-01,,,,
pm7,Gil Seven,,,pm,,gpm2,2024-01-01,,,,
pm8,Hal Eight,,,pm,,prin,2024-01-01,,,,
";

const COMPETENCIES: [&str; 20] = [
    "technical-knowledge",
    "data-analysis",
    "product-requirements",
    "product-design",
    "development-methodologies",
    "market-understanding",
    "financial-acumen",
    "strategic-thinking",
    "business-model",
    "stakeholder-management",
    "team-leadership",
    "communication",
    "influence",
    "conflict-resolution",
    "mentorship",
    "vision-setting",
    "roadmapping",
    "prioritization",
    "problem-solving",
    "long-term-thinking",
];

/// A history row with every competency rated `rating`.
pub(crate) fn row(
    person: &str,
    date: &str,
    kind: &str,
    assessor: &str,
    held: &str,
    rating: &str,
    milestones: &str,
) -> String {
    format!(
        "{person},{date},{kind},{assessor},,{held},{milestones},{}\n",
        vec![rating; 20].join(",")
    )
}

pub(crate) fn history_csv() -> String {
    let all_pm_milestones = [
        "ships-features-independently",
        "decides-from-data",
        "collaborates-across-functions",
    ]
    .join(";");
    let _ = all_pm_milestones;
    let pm_to_senior = builtin()
        .milestones("pm", "senior-pm")
        .iter()
        .map(|m| m.id.clone())
        .collect::<Vec<_>>()
        .join(";");
    let mut csv = format!(
        "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
        COMPETENCIES.join(",")
    );
    // Gia rates her six PMs a rung above the level they hold: a lift of +1 each.
    csv += &row(
        "pm1",
        "2026-10-01",
        "manager",
        "Gia Pham",
        "pm",
        "senior-pm",
        &pm_to_senior,
    );
    for p in ["pm2", "pm5", "pm6"] {
        csv += &row(
            p,
            "2026-10-01",
            "manager",
            "Gia Pham",
            "pm",
            "senior-pm",
            "",
        );
    }
    for p in ["pm3", "pm4"] {
        csv += &row(
            p,
            "2026-10-01",
            "manager",
            "Gia Pham",
            "pm",
            "senior-pm",
            "",
        );
    }
    // A year earlier Chris rated Ann as a PM (no milestones): readiness has improved since.
    csv += &row("pm1", "2025-10-01", "manager", "Chris Po", "pm", "pm", "");
    // Gus and Pat rate their PMs at their level: a lift of 0.
    csv += &row("pm7", "2026-10-01", "manager", "Gus Pym", "pm", "pm", "");
    csv += &row("pm8", "2026-10-01", "manager", "Pat Rin", "pm", "pm", "");
    // Chris rates five people at their level.
    csv += &row(
        "gpm1",
        "2026-10-01",
        "manager",
        "Chris Po",
        "group-pm",
        "group-pm",
        "",
    );
    csv += &row(
        "gpm2",
        "2026-10-01",
        "manager",
        "Chris Po",
        "group-pm",
        "group-pm",
        "",
    );
    csv += &row(
        "prin",
        "2026-10-01",
        "manager",
        "Chris Po",
        "principal-pm",
        "principal-pm",
        "",
    );
    csv += &row("pm7", "2026-10-02", "peer", "Chris Po", "pm", "pm", "");
    csv += &row("pm8", "2026-10-02", "peer", "Chris Po", "pm", "pm", "");
    // Gus was a Senior PM before his promotion in December 2025.
    csv += &row(
        "gpm2",
        "2025-03-01",
        "manager",
        "Chris Po",
        "senior-pm",
        "senior-pm",
        "",
    );
    // Self-assessments: Bo rates himself at PM (his manager said Senior), Gil at Senior (his
    // manager said PM): each 20 competencies a rank apart, in opposite directions.
    csv += &row("pm2", "2026-09-01", "self", "Bo Two", "pm", "pm", "");
    csv += &row(
        "pm7",
        "2026-09-01",
        "self",
        "Gil Seven",
        "pm",
        "senior-pm",
        "",
    );
    csv
}

fn team_report() -> rungs_core::team::Report {
    let fw = builtin();
    let roster = load_roster("roster.csv", ROSTER.as_bytes(), fw)
        .expect("the roster loads")
        .roster;
    let mut history = History::new(fw);
    load_history_csv(
        "history.csv",
        history_csv().as_bytes(),
        fw,
        &roster,
        &mut history,
    )
    .expect("the history loads");
    history.sort();
    let opts = ReportOptions {
        as_of: "2026-11-01".parse().expect("a date"),
        since: "2025-11-01".parse().expect("a date"),
    };
    report(fw, &roster, &history, opts)
}

#[test]
fn span_of_control_flags_managers_over_and_under_their_rule() {
    let r = team_report();
    assert_eq!(
        (r.span.managers, r.span.checked),
        (4, 11),
        "cpo, Gia, Gus and Pat manage; everyone but the CPO has a rule"
    );
    let over: Vec<(&str, usize)> = r
        .span
        .over
        .iter()
        .map(|i| (i.person.id.as_str(), i.reports))
        .collect();
    assert_eq!(over, [("gpm1", 6), ("prin", 1)]);
    let under: Vec<(&str, usize)> = r
        .span
        .under
        .iter()
        .map(|i| (i.person.id.as_str(), i.reports))
        .collect();
    assert_eq!(under, [("gpm2", 1)]);
    assert!(
        r.findings.iter().any(|f| f.starts_with(
            "1 person manages more people than the framework allows: Gia Pham (Group PM)."
        )),
        "{:#?}",
        r.findings
    );
    assert!(
        r.findings.iter().any(|f| f.starts_with(
            "1 person has direct reports on a level that has none: Pat Rin (Principal PM)."
        )),
        "{:#?}",
        r.findings
    );
    assert!(
        r.findings.iter().any(|f| f.starts_with(
            "1 person manages fewer people than their level expects: Gus Pym (Group PM)."
        )),
        "{:#?}",
        r.findings
    );
}

#[test]
fn the_shape_is_measured_against_the_target() {
    let r = team_report();
    // 8 of 12 are APM or PM (67% against 45 ± 10); no Senior PMs (0% against 30 ± 10);
    // 3 Principal or Group PMs (25%, the edge of 15 ± 10); the CPO alone (8%, within 10 ± 10).
    let bands: Vec<(&str, usize, Status)> = r
        .shape
        .bands
        .iter()
        .map(|b| (b.name.as_str(), b.people, b.status))
        .collect();
    assert_eq!(
        bands,
        [
            ("APM and PM", 8, Status::Over),
            ("Senior PM", 0, Status::Under),
            ("Principal and Group PM", 3, Status::Ok),
            ("Director and above", 1, Status::Ok)
        ]
    );
    // The manager track: two Group PMs and the CPO, 25% (target 15–30%).
    let b = r
        .shape
        .balance
        .as_ref()
        .expect("the default states a balance");
    assert_eq!((b.people, b.status), (3, Status::Ok));
    assert!(r.findings.iter().any(|f| f == "APM and PM is 67% of the team against a target of 45%: fewer hires there, or promotions out of it."), "{:#?}", r.findings);
}

#[test]
fn the_pipeline_counts_readiness_and_time_on_the_rung() {
    let r = team_report();
    let tiers: Vec<(&str, usize)> = r
        .pipeline
        .tiers
        .iter()
        .map(|t| (t.tier.as_str(), t.count))
        .collect();
    // Ann: Gia's Senior ratings and every PM → Senior milestone: ready now. The other ten
    // assessed people below the top (the Principal PM too: the framework promotes Principal PM
    // to Director) are a rank short with milestones open: stretch.
    assert_eq!(
        tiers,
        [
            ("ready-now", 1),
            ("within-6-12-months", 0),
            ("stretch", 10),
            ("aspirational", 0)
        ]
    );
    assert_eq!(r.pipeline.tiers[0].people[0].id, "pm1");
    assert_eq!(
        (r.pipeline.not_assessed, r.pipeline.at_top),
        (0, 1),
        "the CPO alone"
    );
    // Ann started on her rung in 2020 (6.8 years, against 2–3), Gia in 2022 (4.8), the
    // Principal PM in 2023 (3.8, against Principal PM's 2–3 before Director); Bo in June 2026
    // (0.4 years) and Gus in December 2025 (0.9) are early.
    let overdue: Vec<(&str, f64)> = r
        .pipeline
        .overdue
        .iter()
        .map(|t| (t.person.id.as_str(), t.years))
        .collect();
    assert_eq!(overdue, [("pm1", 6.8), ("gpm1", 4.8), ("prin", 3.8)]);
    let early: Vec<&str> = r
        .pipeline
        .early
        .iter()
        .map(|t| t.person.id.as_str())
        .collect();
    assert_eq!(early, ["gpm2", "pm2"], "in roster order");
    assert!(r.pipeline.ready_early.is_empty());
}

#[test]
fn pay_outside_the_band_and_compa_ratios_are_reported() {
    let r = team_report();
    let below: Vec<(&str, u64)> = r
        .pay
        .below
        .iter()
        .map(|i| (i.person.id.as_str(), i.outside_by))
        .collect();
    let above: Vec<(&str, u64)> = r
        .pay
        .above
        .iter()
        .map(|i| (i.person.id.as_str(), i.outside_by))
        .collect();
    assert_eq!(below, [("gpm2", 30_000)], "200K against 230–350K");
    assert_eq!(above, [("prin", 50_000)], "400K against 230–350K");
    assert_eq!(r.pay.checked, 5);
    let ratios: Vec<(&str, usize, f64)> = r
        .pay
        .by_level
        .iter()
        .map(|l| (l.level.as_str(), l.people, l.mean_compa_ratio))
        .collect();
    // pm: 150K / 170K midpoint; group-pm: 300K / 290K and 200K / 290K; principal: 400K / 290K;
    // cpo: 600K / 750K.
    assert_eq!(
        ratios,
        [
            ("pm", 1, 0.88),
            ("principal-pm", 1, 1.38),
            ("group-pm", 2, 0.86),
            ("cpo", 1, 0.8)
        ]
    );
}

#[test]
fn calibration_flags_the_lenient_assessor_and_self_manager_gaps() {
    let r = team_report();
    let c = &r.calibration;
    // Manager and peer assessments on or before the day: Gia's six at +1; Gus's one, Pat's one
    // and Chris's seven at 0: a mean lift of 6/15 = 0.4. Gia is 0.6 above it, Chris 0.4 below.
    assert_eq!(c.team_mean_lift, 0.4);
    let verdicts: Vec<(&str, usize, f64, &str)> = c
        .assessors
        .iter()
        .map(|a| {
            (
                a.assessor.as_str(),
                a.assessments,
                a.mean_lift,
                a.verdict.as_str(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("Gia Pham", 6, 1.0, "lenient"),
            ("Chris Po", 7, 0.0, "fair"),
            ("Gus Pym", 1, 0.0, "too few"),
            ("Pat Rin", 1, 0.0, "too few")
        ]
    );
    let gaps: Vec<(&str, usize, f64)> = c
        .gaps
        .iter()
        .map(|g| (g.person.id.as_str(), g.apart, g.mean_difference))
        .collect();
    // Bo rates himself a rank under Gia's view, Gil a rank over Gus's.
    assert_eq!(gaps, [("pm2", 20, -1.0), ("pm7", 20, 1.0)]);
    assert_eq!((c.compared, c.mean_self_minus_manager), (2, 0.0));
    assert!(
        r.findings.iter().any(|f| f.starts_with(
            "1 assessor rates more leniently than the team: their mean lift (the average of their ratings, in ranks, minus the level held) is more than 0.5 rank above the team's: Gia Pham (+0.60)."
        )),
        "{:#?}",
        r.findings
    );
}

#[test]
fn changes_between_two_days_come_from_the_history() {
    let r = team_report();
    let ch = &r.changes;
    let promoted: Vec<(&str, &str, &str)> = ch
        .promoted
        .iter()
        .map(|m| (m.person.id.as_str(), m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(promoted, [("gpm2", "senior-pm", "group-pm")]);
    let new: Vec<&str> = ch.new_on_rung.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(new, ["pm2"]);
    let readiness: Vec<(&str, &str, &str)> = ch
        .readiness
        .iter()
        .map(|c| (c.person.id.as_str(), c.from.as_str(), c.to.as_str()))
        .collect();
    assert_eq!(readiness, [("pm1", "stretch", "ready-now")]);
    assert_eq!((ch.improved, ch.slipped), (1, 0));
    assert_eq!(
        ch.assessments, 15,
        "17 assessments, two of them before the window"
    );
}

#[test]
fn the_report_reads_as_markdown() {
    let md = rungs_render::report(&team_report());
    assert!(
        md.starts_with(
            "# Team report, 2026-11-01\n\n12 people · 17 assessments on or before 2026-11-01"
        ),
        "{md}"
    );
    assert!(md.contains("## What to act on\n\n1. "), "{md}");
    assert!(
        md.contains(
            "| Gia Pham (gpm1) | Group PM | 6 | over | A Group PM manages 3–5 product managers"
        ),
        "{md}"
    );
    assert!(md.contains("| Ann One (pm1) | PM | 6.8 | 2–3 |"), "{md}");
    assert!(
        md.contains("| Gia Pham | 6 | +1.00 | +0.60 | 0.00 | lenient |"),
        "{md}"
    );
}

#[test]
fn senior_pms_who_have_not_chosen_a_track_count_toward_both_branches() {
    let fw = builtin();
    // Two Senior PMs with no track (undecided), one on the IC track, one Principal PM.
    let roster = "id,name,level,track,manager,rung_start
lead,Lea Lead,director,,,2024-01-01
s1,Sam One,senior-pm,,lead,2025-01-01
s2,Sue Two,senior-pm,,lead,2025-01-01
s3,Sid Three,senior-pm,ic,lead,2025-01-01
p1,Pia Four,principal-pm,,lead,2025-01-01
";
    let roster = load_roster("roster.csv", roster.as_bytes(), fw)
        .expect("the roster loads")
        .roster;
    let mut csv = format!(
        "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
        COMPETENCIES.join(",")
    );
    for p in ["s1", "s2", "s3"] {
        csv += &row(
            p,
            "2026-06-01",
            "manager",
            "Lea Lead",
            "senior-pm",
            "senior-pm",
            "",
        );
    }
    csv += &row(
        "p1",
        "2026-06-01",
        "manager",
        "Lea Lead",
        "principal-pm",
        "director",
        "",
    );
    let mut history = History::new(fw);
    load_history_csv("history.csv", csv.as_bytes(), fw, &roster, &mut history)
        .expect("the history loads");
    history.sort();
    let opts = ReportOptions {
        as_of: "2026-11-01".parse().expect("a date"),
        since: "2025-11-01".parse().expect("a date"),
    };
    let r = report(fw, &roster, &history, opts);
    let p = &r.pipeline;
    // Nobody undecided falls out as "at the top": only the Director's next rung is VP, and the
    // Principal PM's is Director.
    assert_eq!(p.at_top, 0);
    assert_eq!(p.undecided.count, 2);
    let counted: usize = p.tiers.iter().map(|t| t.count).sum();
    assert_eq!(counted, 4, "each assessed person once: {:?}", p.tiers);
    let by: Vec<(&str, usize, usize)> = p
        .by_target
        .iter()
        .map(|t| (t.target.as_str(), t.counts.iter().sum(), t.undecided))
        .collect();
    assert_eq!(
        by,
        [
            ("principal-pm", 3, 2),
            ("group-pm", 2, 2),
            ("director", 1, 0)
        ]
    );
    // The Principal PM rated Director everywhere with milestones open is on the way to Director.
    assert!(
        r.findings.iter().any(|f| f.starts_with(
            "2 people are where the ladder splits and have not chosen a track: Sam One (Senior PM), Sue Two (Senior PM). Each counts toward Principal PM and Group PM in the pipeline"
        )),
        "{:#?}",
        r.findings
    );
    let md = rungs_render::report(&r);
    assert!(md.contains("| Principal PM | "), "{md}");
}

#[test]
fn every_figure_shown_twice_reads_the_same_in_both_places() {
    // The demo organization of 1,000 has flagged assessors (each of at least 5 people) in both directions.
    let fw = builtin();
    let demo = rungs_core::team::demo(
        fw,
        &rungs_core::team::DemoOptions {
            people: 1000,
            seed: 1,
            cycles: 6,
            as_of: "2026-11-01".parse().expect("a date"),
            stage: None,
        },
    );
    let roster = load_roster("roster.csv", demo.roster_csv.as_bytes(), fw)
        .expect("the roster loads")
        .roster;
    let mut history = History::new(fw);
    load_history_csv(
        "history.csv",
        demo.history_csv.as_bytes(),
        fw,
        &roster,
        &mut history,
    )
    .expect("the history loads");
    history.sort();
    let opts = ReportOptions {
        as_of: "2026-11-01".parse().expect("a date"),
        since: "2025-11-01".parse().expect("a date"),
    };
    let r = report(fw, &roster, &history, opts);
    let md = rungs_render::report(&r);
    let flagged: Vec<&rungs_core::team::AssessorStats> = r
        .calibration
        .assessors
        .iter()
        .filter(|a| a.verdict == "lenient" || a.verdict == "harsh")
        .collect();
    assert!(flagged.len() >= 5, "{flagged:?}");
    let finding_figures: Vec<(String, String)> = r
        .findings
        .iter()
        .filter(|f| f.contains("than the team: their mean lift"))
        .flat_map(|f| {
            let list = f
                .rsplit_once("the team's: ")
                .map(|x| x.1)
                .unwrap_or_default();
            list.split([',', ')'])
                .filter_map(|part| {
                    let (name, figure) = part.trim().trim_start_matches("and ").split_once(" (")?;
                    Some((name.trim().to_owned(), figure.to_owned()))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(finding_figures.len() >= 5, "{finding_figures:?}");
    for (name, figure) in &finding_figures {
        // The finding's figure is the table's "Against the team" for the same assessor.
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("{name} is in the calibration table"));
        let cells: Vec<&str> = row.split(" | ").collect();
        assert_eq!(cells[3], figure, "{name}: {row}");
        // And a figure beyond the threshold never reads as the threshold.
        assert_ne!(figure.trim_start_matches(['+', '−']), "0.50", "{name}");
    }
    // A flagged list longer than four names says how many more.
    let harsh = flagged.iter().filter(|a| a.verdict == "harsh").count();
    if harsh > 4 {
        assert!(
            r.findings
                .iter()
                .any(|f| f.contains(&format!("and {} more", harsh - 4))),
            "{:#?}",
            r.findings
        );
    }
}

#[test]
fn small_groups_are_never_shown_and_assessors_are_never_ranked() {
    let r = team_report();
    let c = &r.calibration;
    // Each assessor's figure says how many people it covers.
    let people: Vec<(&str, usize)> = c
        .assessors
        .iter()
        .map(|a| (a.assessor.as_str(), a.people))
        .collect();
    assert!(people.iter().all(|&(_, n)| n >= 1), "{people:?}");
    // A group of fewer than five shows nothing at all.
    assert_eq!(c.shown(rungs_core::team::MIN_GROUP - 1), None);
    // Within a larger group, only assessors of five or more people, by name, the rest counted.
    let shown = c.shown(r.people).expect("a group of five or more");
    let names: Vec<&str> = shown
        .assessors
        .iter()
        .map(|a| a.assessor.as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "by name, never by how far they lift");
    assert!(shown.assessors.iter().all(|a| a.people >= 5));
    assert_eq!(
        shown.withheld,
        c.assessors.iter().filter(|a| a.people < 5).count()
    );
    // An assessor of fewer than five people is never judged, so no finding names them.
    for a in c.assessors.iter().filter(|a| a.people < 5) {
        assert_eq!(a.verdict, "too few", "{a:?}");
        assert!(
            !r.findings
                .iter()
                .any(|f| f.contains("than the team") && f.contains(&a.assessor)),
            "{a:?}"
        );
    }
    // Fewer than five people with both a self and a manager's assessment: no average shown.
    assert_eq!(
        shown.mean_self_minus_manager.is_some(),
        c.compared >= rungs_core::team::MIN_GROUP
    );
}

#[test]
fn each_member_row_reads_the_same_rules_as_the_report() {
    let fw = builtin();
    let roster = load_roster("roster.csv", ROSTER.as_bytes(), fw)
        .expect("the roster loads")
        .roster;
    let mut history = History::new(fw);
    load_history_csv(
        "history.csv",
        history_csv().as_bytes(),
        fw,
        &roster,
        &mut history,
    )
    .expect("the history loads");
    history.sort();
    let r = team_report();
    let opts = ReportOptions {
        as_of: r.as_of,
        since: r.since,
    };
    let rows = rungs_core::team::members(fw, &roster, &history, opts);
    assert_eq!(rows.len(), r.people);
    // The readiness of every row adds up to the pipeline's counts per tier.
    for (i, tier) in r.pipeline.tiers.iter().enumerate() {
        let n = rows
            .iter()
            .filter(|m| m.readiness.as_ref().is_some_and(|t| t.order == i))
            .count();
        assert_eq!(n, tier.count, "{}", tier.name);
    }
    let ready_now: Vec<&str> = rows
        .iter()
        .filter(|m| m.readiness.as_ref().is_some_and(|t| t.order == 0))
        .map(|m| m.person.id.as_str())
        .collect();
    let mut listed: Vec<&str> = r.pipeline.tiers[0]
        .people
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    listed.sort_unstable();
    let mut ready_now = ready_now;
    ready_now.sort_unstable();
    assert_eq!(ready_now, listed);
    // No assessment: no level shown, no readiness, no last assessment.
    for m in rows.iter().filter(|m| m.last.is_none()) {
        assert!(m.shown.is_none() && m.readiness.is_none(), "{m:?}");
    }
    // The pipeline by level held counts the same people.
    let by_level: usize = r.pipeline.by_level.iter().flat_map(|l| &l.counts).sum();
    assert_eq!(
        by_level,
        rows.iter().filter(|m| m.readiness.is_some()).count()
    );
}
