//! Gap, readiness, plan, self vs manager, paths and track fit, on the example files.

use rungs_core::assessment::{self, Assessment};
use rungs_core::eval::Evaluator;
use rungs_core::path::{self, HeadStart, PathOptions};
use rungs_core::trackfit::{self, Answer};

use crate::support::{assessment, builtin};

const ADA_SELF: &str = include_str!("../../../../examples/ada-self.toml");
const ADA_MANAGER: &str = include_str!("../../../../examples/ada-manager.json");
const ANSWERS: &str = include_str!("../../../../examples/track-answers.toml");

fn ada_self() -> Assessment {
    assessment::load("ada-self.toml", ADA_SELF.as_bytes(), builtin())
        .expect("the example loads")
        .assessment
}

fn ada_manager() -> Assessment {
    assessment::load("ada-manager.json", ADA_MANAGER.as_bytes(), builtin())
        .expect("the example loads")
        .assessment
}

fn level(id: &str) -> rungs_core::framework::LevelPos {
    builtin().level_pos(id).expect("a level")
}

#[test]
fn the_example_assessment_operates_at_senior_pm() {
    let o = Evaluator::new(builtin()).outcome(&ada_self());
    assert_eq!(
        (o.level.as_deref(), o.next_levels.as_slice()),
        (Some("senior-pm"), ["principal-pm".to_owned()].as_slice())
    );
    // Leadership has 3 of 5 at Principal PM, one short of the 4 needed.
    assert!(
        o.explanation.iter().any(|l| l.starts_with(
            "Holding the ratings below Principal PM: in Leadership and influence, 3 of 5"
        )),
        "{:#?}",
        o.explanation
    );
}

#[test]
fn the_gap_lists_every_short_competency_side_by_side_and_the_open_milestones() {
    let ev = Evaluator::new(builtin());
    let gap = ev.gap(&ada_self(), level("principal-pm"));
    assert_eq!(
        (
            gap.track.as_str(),
            gap.from.as_deref(),
            gap.route.as_slice()
        ),
        (
            "ic",
            Some("senior-pm"),
            &["senior-pm".to_owned(), "principal-pm".to_owned()][..]
        )
    );
    assert_eq!((gap.items.len(), gap.met, gap.total), (13, 7, 20));
    let first = &gap.items[0];
    assert_eq!(
        (first.competency.as_str(), first.ranks_short),
        ("financial-acumen", Some(2))
    );
    assert_eq!(
        first.current_expectation.as_deref(),
        Some("Feature-level ROI analysis")
    );
    assert_eq!(first.target_expectation, "Portfolio investment strategy");
    assert_eq!(
        first.evidence.as_deref(),
        Some("Owns feature ROI cases; has not yet owned a product P&L.")
    );
    // 8 milestones on the step (3 of mp-guide's for the IC side, 5 of the other guide's); 3 met.
    let step = &gap.milestones[0];
    assert_eq!((step.met.len(), step.open.len()), (3, 5));
    let open: Vec<&str> = step.open.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        open,
        [
            "influences-company-strategy",
            "industry-expert",
            "company-level-influence",
            "mission-critical-role",
            "beyond-the-company"
        ]
    );
    // 65% short, largest gap 2 ranks, 5 of 8 open → stretch.
    let r = &gap.readiness;
    assert_eq!(
        (
            r.tier.as_str(),
            r.short_share,
            r.max_gap,
            r.open_milestone_share
        ),
        ("stretch", 0.65, 2, 0.625)
    );
    assert!(
        r.reasons
            .contains(&"Not ready now: 65% short, where it allows 10%.".to_owned()),
        "{:#?}",
        r.reasons
    );
    assert!(
        r.reasons
            .contains(&"Not within 6–12 months: 65% short, where it allows 35%.".to_owned()),
        "{:#?}",
        r.reasons
    );
}

#[test]
fn readiness_tiers_hold_exactly_at_their_thresholds() {
    let ev = Evaluator::new(builtin());
    let fw = builtin();
    let target = level("senior-pm");
    let tier = |short: usize, open: usize, milestones: usize| {
        // `short` competencies one rank below the target, the rest at it.
        let mut a = crate::support::flat("ic", "senior-pm");
        for r in a.ratings.iter_mut().take(short) {
            r.rating = rungs_core::assessment::Rating::Level("pm".into());
        }
        fw.readiness_tiers()[ev.readiness_tier(&ev.profile(&a), target, open, milestones)]
            .id
            .clone()
    };
    // Ready now allows 10% short (2 of 20), a 1-rank gap and 34% of milestones open.
    assert_eq!(tier(2, 0, 0), "ready-now");
    assert_eq!(tier(3, 0, 0), "within-6-12-months");
    assert_eq!(
        tier(0, 1, 3),
        "ready-now",
        "1 of 3 open is 33.3%, within 34%"
    );
    assert_eq!(
        tier(0, 2, 3),
        "within-6-12-months",
        "2 of 3 open is 66.7%, within 67%"
    );
    assert_eq!(tier(0, 3, 3), "stretch");
    // Within 6–12 months allows 35% short: 7 of 20 exactly.
    assert_eq!(tier(7, 0, 0), "within-6-12-months");
    assert_eq!(tier(8, 0, 0), "stretch");
    // Stretch allows a 2-rank gap (apm is two below Senior PM); 3 ranks ("below") is aspirational.
    let mut a = crate::support::flat("ic", "senior-pm");
    a.ratings[0].rating = rungs_core::assessment::Rating::Level("apm".into());
    assert_eq!(
        fw.readiness_tiers()[ev.readiness_tier(&ev.profile(&a), target, 0, 0)].id,
        "stretch"
    );
    a.ratings[0].rating = rungs_core::assessment::Rating::Below;
    assert_eq!(
        fw.readiness_tiers()[ev.readiness_tier(&ev.profile(&a), target, 0, 0)].id,
        "aspirational"
    );
}

#[test]
fn the_plan_focuses_on_three_then_milestones_then_the_rest_later() {
    let ev = Evaluator::new(builtin());
    let plan = ev.plan(&ada_self(), level("principal-pm"));
    // The largest gap first (Financial Acumen, 2 ranks), then the one-rank gaps in framework
    // order (every area weighs the same in the built-in ladder).
    let focus: Vec<&str> = plan.focus.iter().map(|f| f.competency.as_str()).collect();
    assert_eq!(
        focus,
        ["financial-acumen", "data-analysis", "product-requirements"]
    );
    let later: Vec<&str> = plan.later.iter().map(|a| a.competency.as_str()).collect();
    assert_eq!(
        later,
        [
            "product-design",
            "market-understanding",
            "strategic-thinking",
            "business-model",
            "stakeholder-management",
            "communication",
            "conflict-resolution",
            "vision-setting",
            "prioritization",
            "long-term-thinking",
        ]
    );
    // Each focus comes with the framework's actions and examples of evidence.
    let fa = &plan.focus[0];
    assert_eq!(fa.ranks_short, 2);
    assert_eq!(fa.actions.len(), 3);
    assert_eq!(fa.evidence.len(), 3);
    assert_eq!(fa.now.as_deref(), Some("Feature-level ROI analysis (PM)"));
    assert_eq!(fa.aim, "Portfolio investment strategy (Principal PM)");
    assert_eq!(
        plan.milestones.iter().map(|s| s.open.len()).sum::<usize>(),
        5
    );
    // The target date is the path's P50 after the assessment's date.
    let t = plan.timing.as_ref().expect("a target date");
    assert_eq!(t.from.to_string(), "2026-10-15");
    assert_eq!(t.route, ["senior-pm", "principal-pm"]);
    let days = t.target_date.days() - t.from.days();
    assert_eq!(days, (t.years.p50 * 365.25).round() as i32);
    assert!(t.earliest <= t.target_date && t.target_date <= t.latest);
    let md = rungs_render::plan(&plan);
    assert!(
        md.starts_with("# Development plan: Ada Lovelace → Principal PM\n"),
        "{md}"
    );
    assert!(md.contains("1. **Financial Acumen** (Business acumen): 2 ranks short of Principal PM: among the largest gaps\n   - Now: Feature-level ROI analysis (PM)\n   - Aim: Portfolio investment strategy (Principal PM)\n   - Do:\n"), "{md}");
    assert!(
        md.contains("- [ ] Is known outside the company as an expert"),
        "{md}"
    );
    assert!(md.contains("- **Make your impact visible**:"), "{md}");
    let order = [
        "## 1. Focus first",
        "## 2. Meet the open milestones",
        "## 3. Later",
        "## 4. Ways to move faster",
    ]
    .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} in {md}")));
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{md}");
}

#[test]
fn a_plan_where_no_skill_is_short_works_on_what_separates_the_levels() {
    let ev = Evaluator::new(builtin());
    let a = crate::support::flat("manager", "director");
    let mut a = a;
    a.current_level = Some("director".into());
    let plan = ev.plan(&a, level("vp"));
    assert!(plan.focus.is_empty() && plan.later.is_empty());
    let names: Vec<&str> = plan
        .responsibilities
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert!(names.contains(&"Decision authority"), "{names:?}");
    let md = rungs_render::plan(&plan);
    assert!(
        md.contains("Every assessed competency already meets the VP expectation."),
        "{md}"
    );
    assert!(
        md.contains("- **Decision authority**\n  - Director: "),
        "{md}"
    );
    // Nothing to work on is a skill short of the target.
    assert!(
        md.lines()
            .filter(|l| l.starts_with("- ") || l.starts_with("1. ") || l.starts_with("### "))
            .all(|l| !l.contains("short")),
        "{md}"
    );
}

#[test]
fn heavier_areas_come_first_at_equal_gaps() {
    let fw = crate::support::load_ok(crate::support::EXAMPLE).framework;
    // In the example, Engineering craft weighs 2 and Collaboration 1.
    let text = r#"person = "Lin"
framework = "engineering"
framework_version = "1.0"
date = 2026-01-01
track = "ic"
assessor = { kind = "manager", name = "Max" }
[ratings]
code-quality = "engineer-2"
system-design = "senior-engineer"
operations = "senior-engineer"
mentoring = "engineer-2"
communication = "senior-engineer"
planning = "senior-engineer"
"#;
    let a = assessment::load("lin.toml", text.as_bytes(), &fw)
        .expect("loads")
        .assessment;
    let ev = Evaluator::new(&fw);
    let plan = ev.plan(&a, fw.level_pos("senior-engineer").unwrap());
    let order: Vec<&str> = plan.focus.iter().map(|a| a.competency.as_str()).collect();
    assert_eq!(order, ["code-quality", "mentoring"]);
    // Lin operates at engineer-2, so the route's open milestone follows the two skill gaps.
    let open: Vec<&str> = plan
        .milestones
        .iter()
        .flat_map(|s| s.open.iter().map(|m| m.id.as_str()))
        .collect();
    assert_eq!(open, ["leads-a-project"]);
}

#[test]
fn self_and_manager_differences_of_a_rank_or_more_are_listed() {
    let ev = Evaluator::new(builtin());
    let v = ev
        .versus(&ada_self(), &ada_manager())
        .expect("the same person");
    let diffs: Vec<(&str, i16)> = v
        .differences
        .iter()
        .map(|d| (d.competency.as_str(), d.ranks))
        .collect();
    assert_eq!(
        diffs,
        [
            ("product-design", -1),
            ("development-methodologies", -1),
            ("stakeholder-management", 1),
            ("communication", 1),
            ("influence", -1),
            ("roadmapping", -1),
        ]
    );
    assert_eq!(
        (v.first.level.as_deref(), v.second.level.as_deref()),
        (Some("senior-pm"), Some("senior-pm"))
    );
    assert_eq!(
        (v.first.kind.as_str(), v.second.assessor.as_str()),
        ("self", "Grace Hopper")
    );
    let mut other = ada_manager();
    other.person = "Someone Else".into();
    other.person_id = Some("someone".into());
    assert!(ev.versus(&ada_self(), &other).is_err());
}

#[test]
fn path_percentiles_are_ordered_within_the_rungs_ranges_and_repeatable() {
    let fw = builtin();
    let opts = PathOptions {
        seed: 42,
        runs: 10_000,
        max_routes: 5,
        stage: Some("large".into()),
        ..PathOptions::default()
    };
    let p = path::plan(fw, level("senior-pm"), level("principal-pm"), &opts).expect("a path");
    assert_eq!(p.routes[0], ["senior-pm", "principal-pm"]);
    let y = p.years;
    assert!(y.p10 <= y.p50 && y.p50 <= y.p90, "{y:?}");
    // One rung of 2–3 years: every percentile lies in it. A Senior PM with 5–8 years who
    // spends 2–3 on the rung sometimes still waits for Principal PM's 8 years of experience, so
    // the median is a little past the middle: P(5–8 + 2–3 < 8) = 1/6 of runs wait.
    assert_eq!((y.min, y.max), (2.0, Some(3.0)));
    assert!(
        y.p10 >= 2.0 && y.p90 <= 3.0 && y.p50 > 2.5 && y.p50 <= 2.7,
        "{y:?}"
    );
    assert_eq!(
        p.details[0].steps[0].pay.map(|r| (r.min, r.max)),
        Some((230_000, 350_000))
    );

    let again = path::plan(fw, level("senior-pm"), level("principal-pm"), &opts).expect("a path");
    assert_eq!(p, again, "the same seed gives the same plan");

    let long = path::plan(fw, level("apm"), level("cpo"), &opts).expect("a path");
    assert_eq!(
        long.routes[0],
        ["apm", "pm", "senior-pm", "director", "cpo"]
    );
    for route in &long.details {
        let y = route.years;
        assert!(
            y.p10 <= y.p50 && y.p50 <= y.p90,
            "{:?}: {y:?}",
            route.levels
        );
        assert!(y.p10 >= y.min, "{:?}: {y:?}", route.levels);
        assert!(
            y.max.is_none_or(|m| y.p90 <= m),
            "{:?}: {y:?}",
            route.levels
        );
    }
    // apm 1–2, pm 2–3, senior 2–3, director 5+ (open), and no level before its experience: at
    // the least, an APM with 2 years reaches PM at 3, Senior PM at 5, Director at 7 → 10 (its
    // 10+), CPO at 15 (its 15+): 13 years, with no stated maximum.
    assert_eq!((long.years.min, long.years.max), (13.0, None));
    assert!(
        long.notes
            .iter()
            .any(|n| n.contains("Time on Director is open-ended (5+ years)")),
        "{:?}",
        long.notes
    );
}

#[test]
fn a_head_start_shortens_the_first_rung_and_a_track_keeps_routes_on_it() {
    let fw = builtin();
    let base = PathOptions {
        seed: 1,
        runs: 5_000,
        max_routes: 5,
        ..PathOptions::default()
    };
    let half = PathOptions {
        head_start: Some(HeadStart {
            remaining: 0.5,
            reason: "test".into(),
        }),
        ..base.clone()
    };
    // PM → Senior PM: 2–3 years on PM, and Senior PM's 5+ years of experience from PM's 2–5.
    let full = path::plan(fw, level("pm"), level("senior-pm"), &base).unwrap();
    let head = path::plan(fw, level("pm"), level("senior-pm"), &half).unwrap();
    assert!(
        head.years.p50 < full.years.p50 && head.years.p10 <= full.years.p10,
        "{:?} vs {:?}",
        head.years,
        full.years
    );
    // Half the rung to go still waits for the experience the next level states: from 5 years
    // of experience, none; from 2, three.
    assert_eq!((head.years.min, head.years.max), (1.0, Some(3.0)));

    let ic = PathOptions {
        track: Some("ic".into()),
        ..base.clone()
    };
    let p = path::plan(fw, level("pm"), level("director"), &ic).unwrap();
    assert!(
        p.routes.iter().all(|r| !r.contains(&"group-pm".to_owned())),
        "{:?}",
        p.routes
    );
    assert!(path::plan(fw, level("apm"), level("apm"), &base).is_err());
    let err = path::plan(fw, level("cpo"), level("apm"), &base).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no route in this framework leads from `cpo` to `apm`"
    );
}

#[test]
fn explore_lists_the_ladder_and_the_ways_off_it() {
    let e = path::explore(builtin(), level("cpo"), None, 7, 1_000).expect("explore");
    assert!(e.ladder.is_empty());
    let exec: Vec<&str> = e.executive_paths.iter().map(|t| t.id.as_str()).collect();
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
    let e = path::explore(builtin(), level("pm"), None, 7, 1_000).expect("explore");
    let reachable: Vec<&str> = e.ladder.iter().map(|d| d.level.as_str()).collect();
    assert_eq!(
        reachable,
        [
            "senior-pm",
            "principal-pm",
            "group-pm",
            "director",
            "vp",
            "cpo"
        ]
    );
    assert!(e.executive_paths.is_empty());
    assert_eq!(e.adjacent_roles.len(), 12);
}

#[test]
fn track_answers_add_up_to_a_leaning_with_a_reason_each() {
    let fw = builtin();
    let answers =
        trackfit::load_answers("answers.toml", ANSWERS.as_bytes(), fw).expect("the example loads");
    let fit = trackfit::fit(fw, &answers);
    assert_eq!(fit.leaning, "ic");
    let scores: Vec<(&str, usize)> = fit
        .scores
        .iter()
        .map(|s| (s.track.as_str(), s.answers))
        .collect();
    assert_eq!(scores, [("ic", 5), ("manager", 0)]);
    assert_eq!(fit.reasons.len(), 6);
    assert_eq!(fit.reasons[2].leans, None, "the culture answer is neutral");
    assert_eq!(fit.time_allocation.len(), 2);

    let pick = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(f, o)| Answer {
                factor: (*f).into(),
                option: (*o).into(),
            })
            .collect::<Vec<_>>()
    };
    // A lead of one is not a leaning.
    let close = pick(&[
        ("strengths", "deep-product-work"),
        ("goals", "executive"),
        ("work-style", "deep-work"),
        ("impact", "through-others"),
        ("time-allocation", "ic-week"),
    ]);
    assert_eq!(trackfit::fit(fw, &close).leaning, "undecided");
    let two = pick(&[
        ("strengths", "developing-people"),
        ("goals", "executive"),
        ("work-style", "deep-work"),
        ("impact", "through-others"),
    ]);
    let fit = trackfit::fit(fw, &two);
    assert_eq!(fit.leaning, "manager");
    assert_eq!(fit.unanswered, ["culture", "time-allocation"]);
}

#[test]
fn a_bad_answers_file_names_each_mistake() {
    let text = "[answers]\nstrenghts = \"deep-product-work\"\ngoals = \"rich\"\n";
    let e = trackfit::load_answers("a.toml", text.as_bytes(), builtin()).unwrap_err();
    let messages: Vec<(&str, Option<&str>)> = e
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "unknown question `strenghts`",
                Some("did you mean `strengths`?")
            ),
            (
                "`rich` is not an answer to `goals`",
                Some("the answers are: executive, specialist-leadership, undecided")
            ),
        ]
    );
    assert_eq!(
        e.diagnostics[1].start.map(|p| (p.line, p.column)),
        Some((3, 9))
    );
}

#[test]
fn the_same_level_rule_holds_for_a_built_assessment() {
    // Guard against drift between the support helper and the example file.
    let a = assessment("ic", [["senior-pm"; 5]; 4]);
    assert_eq!(
        Evaluator::new(builtin()).outcome(&a).level.as_deref(),
        Some("senior-pm")
    );
}

#[test]
fn the_next_rung_follows_the_frameworks_promotions() {
    use rungs_core::eval::NextRung;
    let fw = builtin();
    let ev = Evaluator::new(fw);
    let track = |id: &str| ev.track_index(id).expect("a track");
    assert_eq!(
        ev.next_rung(level("pm"), track("ic")),
        NextRung::One(level("senior-pm"))
    );
    // Principal PM is not the top: the framework promotes it to Director.
    assert_eq!(
        ev.next_rung(level("principal-pm"), track("ic")),
        NextRung::One(level("director"))
    );
    // Where the ladder splits, an undecided person has one rung per branch.
    assert_eq!(
        ev.next_rung(level("senior-pm"), track("shared")),
        NextRung::Split(vec![level("principal-pm"), level("group-pm")])
    );
    assert_eq!(
        ev.next_rung(level("senior-pm"), track("manager")),
        NextRung::One(level("group-pm"))
    );
    assert_eq!(ev.next_rung(level("cpo"), track("manager")), NextRung::Top);
}

#[test]
fn the_target_is_the_rung_above_the_level_held_or_the_one_named() {
    use rungs_core::eval::TargetError;
    let fw = builtin();
    let ev = Evaluator::new(fw);
    let mut a = ada_self();
    // Held Senior PM on the IC track: the next rung is Principal PM.
    a.current_level = Some("senior-pm".into());
    assert_eq!(ev.target(&a, None), Ok(level("principal-pm")));
    assert_eq!(ev.target(&a, Some("Staff PM")), Ok(level("principal-pm")));
    assert!(matches!(
        ev.target(&a, Some("staf")),
        Err(TargetError::Unknown(_))
    ));
    a.track = "shared".into();
    let split = ev.target(&a, None).expect_err("undecided at the split");
    assert_eq!(
        split.to_string(),
        "Ada Lovelace is at Senior PM, where the ladder splits: the next rung is Principal PM (individual contributor track) or Group PM (people manager track) depending on the track"
    );
    a.track = "manager".into();
    a.current_level = Some("cpo".into());
    assert!(matches!(
        ev.target(&a, None),
        Err(TargetError::AtTop { .. })
    ));
}

#[test]
fn path_years_agree_with_the_experience_each_level_states() {
    let fw = builtin();
    let opts = PathOptions {
        seed: 1,
        runs: 10_000,
        max_routes: 3,
        ..PathOptions::default()
    };
    // A PM has 2–5 years of experience and a Director 10+: whoever starts where, no run lands
    // on Director with less than 10, and the median PM (3.5 years) lands inside Director's range.
    let p = path::plan(fw, level("pm"), level("director"), &opts).expect("a path");
    for route in &p.details {
        assert!(route.years.min + 5.0 >= 10.0, "{:?}", route.years);
        assert!(route.years.p50 + 3.5 >= 10.0, "{:?}", route.years);
    }
    // The fastest is ProductPlan's ladder, which has no Principal or Group rung; each route says
    // which source's ladder it follows.
    assert_eq!(p.routes[0], ["pm", "senior-pm", "director"]);
    assert_eq!(p.details[0].follows, ["productplan"]);
    assert!(
        p.details[0]
            .reading
            .contains("in organizations without a Principal or Group rung, Senior PM leads straight to Director"),
        "{}",
        p.details[0].reading
    );
    let via_group = p
        .details
        .iter()
        .find(|r| r.levels.contains(&"group-pm".to_owned()))
        .expect("a route through Group PM");
    assert_eq!(
        via_group.follows,
        ["mp-guide", "pm-career-path", "advance-pm-career"]
    );
    // An APM has 0–2 years and a CPO 15+: the median APM (1 year) lands at 15 or more.
    let long = path::plan(fw, level("apm"), level("cpo"), &opts).expect("a path");
    assert!(long.years.p50 + 1.0 >= 15.0, "{:?}", long.years);
    assert!(
        long.notes.iter().any(|n| n.starts_with(
            "Experience: each run starts as an Associate PM with 0–2 years of experience"
        )),
        "{:?}",
        long.notes
    );
}

#[test]
fn a_track_keeps_routes_and_destinations_on_it() {
    let fw = builtin();
    let e = path::explore(fw, level("pm"), Some("ic"), 1, 1_000).expect("explore");
    let reachable: Vec<&str> = e.ladder.iter().map(|d| d.level.as_str()).collect();
    // The IC track climbs to Principal PM and leaves it only by its one promotion, to Director.
    assert_eq!(reachable, ["senior-pm", "principal-pm", "director"]);
    let e = path::explore(fw, level("pm"), Some("manager"), 1, 1_000).expect("explore");
    let reachable: Vec<&str> = e.ladder.iter().map(|d| d.level.as_str()).collect();
    assert_eq!(
        reachable,
        ["senior-pm", "group-pm", "director", "vp", "cpo"]
    );
    assert!(path::explore(fw, level("pm"), Some("icc"), 1, 1_000).is_err());
    let ic = PathOptions {
        track: Some("ic".into()),
        seed: 1,
        runs: 1_000,
        max_routes: 3,
        ..PathOptions::default()
    };
    let err = path::plan(fw, level("pm"), level("group-pm"), &ic).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`group-pm` is on the people manager track: no route to it keeps to the `ic` track (a route leaves its track only where the track has no promotion of its own, as from Principal PM to Director); leave out --track to see routes that switch"
    );
}

/// Senior PM → Group PM read 2.6 years on /path and "the usual 2.2 years" on the start page.
/// Both ask the same simulation; what differs is only where the first rung is counted from. With
/// the whole first rung still to go, a plan's years are the path's years.
#[test]
fn with_the_whole_first_rung_to_go_a_plans_years_are_the_paths_years() {
    let fw = builtin();
    for (from, to) in [
        ("senior-pm", "group-pm"),
        ("senior-pm", "director"),
        ("pm", "senior-pm"),
        ("apm", "cpo"),
        ("principal-pm", "vp"),
    ] {
        let path = path::plan(fw, level(from), level(to), &PathOptions::default())
            .unwrap_or_else(|e| panic!("{from} → {to}: {e}"));
        // The plan's timing: the first route, the whole of its first rung to go.
        let plan = path::plan(
            fw,
            level(from),
            level(to),
            &PathOptions {
                max_routes: 1,
                head_start: Some(HeadStart {
                    remaining: 1.0,
                    reason: "none of it done".into(),
                }),
                ..PathOptions::default()
            },
        )
        .expect("a plan");
        assert_eq!(plan.routes[0], path.routes[0], "{from} → {to}");
        assert_eq!(
            format!("{:.1}", plan.years.p50),
            format!("{:.1}", path.years.p50),
            "{from} → {to}"
        );
    }
}
