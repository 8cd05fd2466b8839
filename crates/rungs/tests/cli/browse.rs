//! `levels`, `level`, `compare` and `pay` on the built-in and the example frameworks.

use crate::support::{assert_fits_80, example, rungs, rungs_with_env};

const LEVELS: [&str; 8] = [
    "apm",
    "pm",
    "senior-pm",
    "principal-pm",
    "group-pm",
    "director",
    "vp",
    "cpo",
];

#[test]
fn levels_draws_the_ladder_with_both_tracks() {
    let out = rungs(&["levels"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Individual contributor") && out.contains("People manager"),
        "{out}"
    );
    for id in LEVELS {
        assert!(out.contains(&format!("({id})")), "{id} missing:\n{out}");
    }
    // The parallel pair shares a line, joined by ══.
    let pair = out.lines().find(|l| l.contains("(principal-pm)")).unwrap();
    assert!(pair.contains("══") && pair.contains("(group-pm)"), "{pair}");
    // Higher ranks come first.
    assert!(out.find("(cpo)") < out.find("(apm)"));
}

#[test]
fn levels_json_lists_every_level_with_its_id_title_rank_and_track() {
    let json = rungs(&["levels", "--json"]).json();
    let list = json.as_array().expect("an array");
    let got: Vec<(String, String, u64, String)> = list
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["title"].as_str().unwrap().to_owned(),
                l["rank"].as_u64().unwrap(),
                l["track"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(got.len(), 8);
    assert_eq!(
        got[0],
        (
            "apm".into(),
            "Associate Product Manager".into(),
            1,
            "shared".into()
        )
    );
    assert_eq!(
        got[3],
        (
            "principal-pm".into(),
            "Principal Product Manager".into(),
            4,
            "ic".into()
        )
    );
    assert_eq!(
        got[4],
        (
            "group-pm".into(),
            "Group Product Manager".into(),
            4,
            "manager".into()
        )
    );
    assert_eq!(
        got[7],
        (
            "cpo".into(),
            "Chief Product Officer".into(),
            7,
            "manager".into()
        )
    );
    assert_eq!(list[2]["years_to_reach"]["min"], 4.0);
}

#[test]
fn level_shows_everything_about_one_level() {
    let out = rungs(&["level", "senior-pm"]).ok();
    assert_fits_80(&out);
    for expected in [
        "Senior Product Manager (senior-pm)",
        "Rank 3 · Shared ladder",
        "5–8 years in product management",
        "4–6 years from the start of a PM career",
        "Scope of products and features",
        "Decision authority",
        "Expectations (20 competencies)",
        "Deep understanding of technical architecture",
        "Senior stakeholder management",
        "$120,000 – $170,000",
        "$180,000 – $280,000",
        "Principal PM (principal-pm), promotion",
        "Milestones for the move up from PM (pm → senior-pm)",
        "Mentors at least one junior PM regularly, who can say what they learned.",
    ] {
        assert!(out.contains(expected), "`{expected}` missing:\n{out}");
    }
}

#[test]
fn every_level_fits_80_columns() {
    for id in LEVELS {
        assert_fits_80(&rungs(&["level", id]).ok());
        assert_fits_80(&rungs(&["pay", id]).ok());
    }
}

#[test]
fn a_level_can_be_named_by_title_or_alias() {
    for name in [
        "Staff PM",
        "staff product manager",
        "PPM",
        "Principal Product Manager",
    ] {
        let out = rungs(&["level", name]).ok();
        assert!(
            out.starts_with("Principal Product Manager (principal-pm)"),
            "{name}:\n{out}"
        );
    }
    let json = rungs(&["level", "Lead PM", "--json"]).json();
    assert_eq!(json["id"], "group-pm");
    assert_eq!(json["expectations"].as_array().map(Vec::len), Some(20));
    assert_eq!(
        json["pay"][2],
        serde_json::json!({"stage": "large", "currency": "USD", "min": 230000, "max": 350000, "open_ended": false})
    );
}

#[test]
fn an_unknown_level_gets_the_nearest_ids() {
    let run = rungs(&["level", "seinor-pm"]);
    assert!(run.stdout.is_empty());
    let err = run.fails();
    assert_eq!(
        err.trim(),
        "error: there is no level `seinor-pm`; did you mean `senior-pm`?"
    );
    let err = rungs(&["compare", "pm", "directer"]).fails();
    assert!(err.contains("did you mean `director`?"), "{err}");
    let err = rungs(&["pay", "zzzz"]).fails();
    assert!(
        err.contains(
            "the levels are: apm, pm, senior-pm, principal-pm, group-pm, director, vp, cpo"
        ),
        "{err}"
    );
}

#[test]
fn compare_shows_only_what_differs() {
    let out = rungs(&["compare", "pm", "senior-pm"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Comfortable discussing") && out.contains("Deep understanding of"),
        "{out}"
    );
    assert!(
        out.contains("$90K–$130K") && out.contains("$120K–$170K"),
        "{out}"
    );
    assert!(
        out.contains("Has led a significant initiative whose business impact was"),
        "milestones of the step:\n{out}"
    );

    let out = rungs(&["compare", "principal-pm", "group-pm"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Thought leadership") && out.contains("People management"),
        "{out}"
    );
    assert!(
        !out.contains("Strategic technical vision"),
        "an identical expectation is not shown:\n{out}"
    );
    assert!(out.contains("The same band at every stage."), "{out}");
    assert!(
        out.contains("(12 competencies expect the same at both levels.)"),
        "{out}"
    );

    let json = rungs(&["compare", "principal-pm", "group-pm", "--json"]).json();
    let differing: Vec<&str> = json["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        differing,
        [
            "team-leadership",
            "influence",
            "conflict-resolution",
            "mentorship",
            "vision-setting",
            "roadmapping",
            "prioritization",
            "problem-solving"
        ]
    );
    assert_eq!(json["pay"], serde_json::json!([]));
    let facts: Vec<&str> = json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(facts, ["track", "span_of_control", "time_allocation"]);
}

#[test]
fn comparing_a_level_with_itself_says_nothing_differs() {
    let out = rungs(&["compare", "pm", "Product Manager"]).ok();
    assert!(
        out.contains("These are the same level: nothing differs."),
        "{out}"
    );
}

#[test]
fn pay_json_gives_the_band_in_whole_units() {
    // One shape whether one stage is asked for or every stage: the bands as a list.
    let json = rungs(&["pay", "group-pm", "--stage", "large", "--json"]).json();
    assert_eq!(json["level"], "group-pm");
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["bands"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["bands"][0]["stage"], "large");
    assert_eq!(json["bands"][0]["min"], 230_000);
    assert_eq!(json["bands"][0]["max"], 350_000);
    assert_eq!(json["shared_with"], serde_json::json!(["principal-pm"]));
    let cpo = rungs(&["pay", "cpo", "--stage", "large", "--json"]).json();
    let band = &cpo["bands"][0];
    assert_eq!(
        (
            band["min"].as_u64(),
            band["max"].as_u64(),
            band["open_ended"].as_bool()
        ),
        (Some(500_000), Some(1_000_000), Some(true))
    );
    let all = rungs(&["pay", "apm", "--json"]).json();
    let bands: Vec<(String, u64, u64)> = all["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["stage"].as_str().unwrap().to_owned(),
                b["min"].as_u64().unwrap(),
                b["max"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("startup".into(), 70_000, 100_000),
            ("mid-size".into(), 90_000, 120_000),
            ("large".into(), 110_000, 150_000)
        ]
    );
}

#[test]
fn pay_prints_the_band_for_people() {
    let out = rungs(&["pay", "vp"]).ok();
    assert!(
        out.contains("Early-stage startup     $200,000 – $300,000         $250,000"),
        "{out}"
    );
    assert!(out.contains("$350,000 – $700,000+"), "{out}");
    assert!(out.contains("+ the top of the band is open"), "{out}");
    let err = rungs(&["pay", "vp", "--stage", "huge"]).fails();
    assert_eq!(
        err.trim(),
        "error: --stage: there is no stage `huge`; the stages are: startup, mid-size, large"
    );
}

#[test]
fn every_command_works_on_the_example_framework() {
    let fw = example();
    let out = rungs(&["--framework", &fw, "levels"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Software engineering ladder")
            && out.contains("Staff track")
            && out.contains("Management"),
        "{out}"
    );
    let json = rungs(&["levels", "--framework", &fw, "--json"]).json();
    assert_eq!(json.as_array().map(Vec::len), Some(7));
    let out = rungs(&["--framework", &fw, "level", "EM"]).ok();
    assert!(
        out.starts_with("Engineering Manager (engineering-manager)"),
        "{out}"
    );
    assert!(out.contains("€88,000 – €110,000"), "{out}");
    let out = rungs(&[
        "--framework",
        &fw,
        "compare",
        "staff-engineer",
        "engineering-manager",
    ])
    .ok();
    assert!(
        out.contains("Designs systems spanning") && out.contains("Coaches every report"),
        "{out}"
    );
    let json = rungs(&[
        "--framework",
        &fw,
        "pay",
        "senior-engineer",
        "--stage",
        "scale-up",
        "--json",
    ])
    .json();
    assert_eq!(
        (
            json["currency"].as_str(),
            json["bands"][0]["min"].as_u64(),
            json["bands"][0]["max"].as_u64()
        ),
        (Some("EUR"), Some(70_000), Some(90_000))
    );
    let err = rungs(&[
        "--framework",
        &fw,
        "pay",
        "senior-engineer",
        "--stage",
        "large",
    ])
    .fails();
    assert!(
        err.contains("the stages are: seed, scale-up, enterprise"),
        "{err}"
    );
    let err = rungs(&["--framework", &fw, "level", "senior-pm"]).fails();
    assert!(
        err.contains("did you mean `senior-engineer`?"),
        "a PM id means nothing here: {err}"
    );
}

#[test]
fn the_framework_can_come_from_the_environment() {
    let fw = example();
    let json = rungs_with_env(&["levels", "--json"], &[("RUNGS_FRAMEWORK", &fw)]).json();
    assert_eq!(json[0]["id"], "engineer-1");
}

#[test]
fn help_teaches_the_commands() {
    let out = rungs(&["--help"]).ok();
    assert_fits_80(&out);
    for word in [
        "levels",
        "level",
        "compare",
        "pay",
        "framework",
        "--framework",
        "--json",
        "Examples:",
    ] {
        assert!(out.contains(word), "`{word}` missing from --help:\n{out}");
    }
    let out = rungs(&["framework", "validate", "--help"]).ok();
    assert!(
        out.contains("Exits with status 0 when the file is valid"),
        "{out}"
    );
}

#[test]
fn explore_shows_specializations_paths_industries_and_ways_in() {
    let all = rungs(&["explore", "--json"]).json();
    let sections: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        ["specializations", "paths", "industries", "entry"]
    );
    let count = |i: usize| all[i]["entries"].as_array().map(Vec::len);
    assert_eq!(count(0), Some(6), "the six specializations");
    assert_eq!(count(1), Some(2), "generalist and specialist");
    assert_eq!(count(2), Some(5), "five industry variations");
    assert_eq!(count(3), Some(8), "eight ways in");
    let out = rungs(&["explore", "paths"]).ok();
    crate::support::assert_fits_80(&out);
    assert!(
        out.contains("Generalist path") && out.contains("Specialist path"),
        "{out}"
    );
    assert!(
        out.contains("Typically leads to executive product roles (CPO, VP)."),
        "{out}"
    );
    let apm = rungs(&["explore", "APM programs"]).ok();
    assert!(apm.contains("two 12-month rotations"), "{apm}");
    let err = rungs(&["explore", "industrys"]).fails();
    assert!(
        err.contains("there is no section or entry `industrys`; did you mean `industries`?"),
        "{err}"
    );
}
