//! The answers a product manager reads first: the level held beside the level shown, the next
//! rung from the level held, both branches at the split, and gaps where skills do not differ.

use std::path::{Path, PathBuf};

use crate::support::{assert_fits_80, rungs};

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

/// A self-assessment file on the built-in framework.
pub(crate) fn write_assessment(
    dir: &Path,
    person: &str,
    track: &str,
    level: &str,
    ratings: &[&str; 20],
) -> PathBuf {
    let mut text = format!(
        "person = \"{person}\"\nframework = \"product-management\"\nframework_version = \"2025.1\"\n\
         date = 2026-11-01\ntrack = \"{track}\"\nlevel = \"{level}\"\n\
         assessor = {{ kind = \"self\", name = \"{person}\" }}\n\n[ratings]\n"
    );
    for (c, r) in COMPETENCIES.iter().zip(ratings) {
        text.push_str(&format!("{c} = \"{r}\"\n"));
    }
    let path = dir.join(format!("{}.toml", person.to_lowercase().replace(' ', "-")));
    std::fs::write(&path, text).expect("write the assessment");
    path
}

/// The text with every run of whitespace made one space, to read past line wrapping.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PM who rated 17 of 20 at PM or above and 3 at Associate PM, all in one area.
fn pm_with_three_below(dir: &Path) -> PathBuf {
    let mut r = ["pm"; 20];
    r[0] = "apm";
    r[1] = "apm";
    r[2] = "apm";
    r[10] = "senior-pm";
    write_assessment(dir, "Pat Moreno", "shared", "pm", &r)
}

#[test]
fn the_level_held_anchors_the_answer_and_the_level_shown_stands_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = pm_with_three_below(dir.path());
    let file = file.to_string_lossy();
    let out = rungs(&["assess", &file]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Holds           Product Manager (pm)\nRatings show    Associate Product Manager (apm)\nNext rung       Senior Product Manager (senior-pm)\n"),
        "{out}"
    );
    assert!(
        out.contains("Holds PM; the ratings show Associate PM: in Technical and product skills, 3 of 5\nare below the PM bar: Technical Knowledge (Associate PM), Data Analysis\n(Associate PM), Product Requirements (Associate PM)."),
        "{out}"
    );
    assert!(out.contains("· no track chosen yet\n"), "{out}");
    let json = rungs(&["assess", &file, "--json"]).json();
    assert_eq!(json["held"], "pm");
    assert_eq!(json["level"], "apm");
    assert_eq!(json["next_levels"], serde_json::json!(["senior-pm"]));
    let below: Vec<&str> = json["below_held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["competency"].as_str().unwrap())
        .collect();
    assert_eq!(
        below,
        [
            "technical-knowledge",
            "data-analysis",
            "product-requirements"
        ]
    );

    // The gap and the plan aim at the rung above the level held, never at the level held.
    let gap = rungs(&["gap", &file, "--json"]).json();
    assert_eq!(gap["gaps"][0]["target"], "senior-pm");
    assert_eq!(gap["gaps"][0]["from"], "pm");
    let plan = rungs(&["plan", &file]).ok();
    assert!(
        plan.starts_with("# Development plan: Pat Moreno → Senior PM"),
        "{plan}"
    );
}

#[test]
fn an_undecided_senior_pm_sees_both_branches_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_assessment(
        dir.path(),
        "Sam Ng",
        "shared",
        "senior-pm",
        &["senior-pm"; 20],
    );
    let file = file.to_string_lossy();
    let out = rungs(&["assess", &file]).ok();
    assert!(
        out.contains("Next rung       Principal Product Manager (principal-pm) or Group Product\n                Manager (group-pm)"),
        "{out}"
    );
    assert!(!out.contains("ladder ladder"), "{out}");
    assert!(!out.contains("top of"), "{out}");

    let gap = rungs(&["gap", &file]).ok();
    assert_fits_80(&gap);
    assert!(flat(&gap).contains("Senior PM is where the ladder splits, and Sam Ng has not chosen a track: here is the gap to Principal PM (individual contributor track) and to Group PM (people manager track), side by side. The track questions help choose."), "{gap}");
    assert!(
        gap.contains("Target: Principal Product Manager (principal-pm)"),
        "{gap}"
    );
    assert!(
        gap.contains("Target: Group Product Manager (group-pm)"),
        "{gap}"
    );
    let json = rungs(&["gap", &file, "--json"]).json();
    let targets: Vec<&str> = json["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["principal-pm", "group-pm"]);
    // Each branch has its own readiness, and what separates the rungs beyond skills.
    for g in json["gaps"].as_array().unwrap() {
        assert!(g["readiness"]["tier"].is_string(), "{g}");
        assert!(!g["responsibilities"].as_array().unwrap().is_empty(), "{g}");
    }
    // Naming a branch gives one gap; a plan needs one target and says how to choose.
    let one = rungs(&["gap", &file, "--to", "group-pm", "--json"]).json();
    assert_eq!(one["gaps"].as_array().unwrap().len(), 1);
    assert!(one["note"].is_null());
    let err = rungs(&["plan", &file]).fails();
    assert!(err.contains("Sam Ng is at Senior PM, where the ladder splits: the next rung is Principal PM (individual contributor track) or Group PM (people manager track)"), "{err}");
    assert!(err.contains("--to principal-pm or --to group-pm"), "{err}");
    assert!(err.contains("`rungs track`"), "{err}");
}

#[test]
fn a_director_rated_director_everywhere_is_not_short_of_vp_on_skills() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_assessment(
        dir.path(),
        "Dana Flat",
        "manager",
        "director",
        &["director"; 20],
    );
    let file = file.to_string_lossy();
    let out = rungs(&["gap", &file, "--to", "vp"]).ok();
    assert_fits_80(&out);
    assert!(!out.contains("20 of 20"), "{out}");
    assert!(!out.contains("short"), "{out}");
    assert!(
        out.contains("VP expects the same as Director of every competency: what separates them is\nscope of products and features, team leadership, decision authority,\ncross-functional relationships, 7 open milestones and experience."),
        "{out}"
    );
    assert!(out.contains("What else separates Director and VP"), "{out}");
    assert!(out.contains("Decision authority"), "{out}");
    let json = rungs(&["gap", &file, "--to", "vp", "--json"]).json();
    let g = &json["gaps"][0];
    assert_eq!(g["items"].as_array().unwrap().len(), 0);
    assert_eq!(
        (g["met"].as_u64(), g["same_expectation"].as_u64()),
        (Some(20), Some(20))
    );
    // The same from VP to CPO.
    let vp = write_assessment(dir.path(), "Vic Flat", "manager", "vp", &["vp"; 20]);
    let json = rungs(&["gap", &vp.to_string_lossy(), "--json"]).json();
    let g = &json["gaps"][0];
    assert_eq!(g["target"], "cpo");
    assert_eq!(g["items"].as_array().unwrap().len(), 0);
    assert!(
        g["summary"]
            .as_str()
            .unwrap()
            .starts_with("CPO expects the same as VP of every competency"),
        "{g}"
    );
}

#[test]
fn a_principal_pm_is_not_at_the_top_of_the_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_assessment(
        dir.path(),
        "Pia Lund",
        "ic",
        "principal-pm",
        &["principal-pm"; 20],
    );
    let json = rungs(&["assess", &file.to_string_lossy(), "--json"]).json();
    assert_eq!(json["next_levels"], serde_json::json!(["director"]));
    let gap = rungs(&["gap", &file.to_string_lossy(), "--json"]).json();
    assert_eq!(gap["gaps"][0]["target"], "director");
}

#[test]
fn the_wizard_asks_the_level_held_first_and_the_track_only_before_the_split() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec!["Dee Okafor", "1", "Director"];
    for _ in 0..20 {
        lines.extend(["", ""]);
    }
    lines.extend([""; 7]);
    let input = lines.join("\n") + "\n";
    let out = crate::support::rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        &input,
        dir.path(),
    )
    .ok();
    assert!(
        out.contains("Director is on the people manager track."),
        "{out}"
    );
    assert!(!out.contains("Which track"), "{out}");
    assert!(
        out.contains("Milestones for the step from Director to VP"),
        "{out}"
    );
    assert!(
        out.contains("Holds Director, and the ratings show Director."),
        "{out}"
    );
    let written = std::fs::read_to_string(dir.path().join("dee-okafor-2026-11-22.toml")).unwrap();
    assert!(
        written.contains("track = \"manager\"\nlevel = \"director\""),
        "{written}"
    );
    // Every rating took the default, the level held: nothing was inflated.
    assert_eq!(written.matches("= \"director\"").count(), 21, "{written}");

    // An empty answer to the level held is refused with the reason, and asked again.
    let mut lines = vec!["Dee Okafor", "1", "", "Chef de produit", "2", "1"];
    for _ in 0..20 {
        lines.extend(["", ""]);
    }
    lines.extend([""; 13]);
    let input = lines.join("\n") + "\n";
    let other = tempfile::tempdir().unwrap();
    let out = crate::support::rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        &input,
        other.path(),
    )
    .ok();
    assert!(
        out.contains("the level held anchors the questions: pick one"),
        "{out}"
    );
    assert!(
        out.contains("Which track is Dee Okafor on, or aiming for?"),
        "{out}"
    );
}

#[test]
fn the_wizard_asks_milestones_as_criteria_with_the_sources_words_beneath() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec!["Pat Moreno", "1", "PM", "2"];
    for _ in 0..20 {
        lines.extend(["", ""]);
    }
    lines.extend([""; 13]);
    let out = crate::support::rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        &(lines.join("\n") + "\n"),
        dir.path(),
    )
    .ok();
    assert!(
        out.contains("  Asks for bigger scope or harder problems, and has already started taking some on.\n    In the source's words: “you’re hungry for more” (What is the Product Manager Career Path?)\n  Met? [y/N]: "),
        "{out}"
    );
    assert!(!out.contains("  Is hungry for more."), "{out}");
}

#[test]
fn input_that_reads_two_ways_is_refused_and_messages_name_what_was_read() {
    for amount in ["1,2M", "2,5K", "120.000"] {
        let err = rungs(&["pay", "check", "--level", "pm", amount]).fails();
        assert!(err.contains("could be read two ways"), "{amount}: {err}");
    }
    let out = rungs(&["pay", "check", "--level", "pm", "1.2M"]).ok();
    assert!(
        out.starts_with("$1,200,000 for Product Manager at an early-stage startup"),
        "{out}"
    );
    // Every stage without --stage, with "an" before a vowel.
    assert_eq!(out.matches(" for Product Manager at ").count(), 3, "{out}");
    assert!(!out.contains("a early"), "{out}");
    // A 20 MB assessment is refused as an assessment.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; 20 << 20]).unwrap();
    let err = rungs(&["assess", &big.to_string_lossy()]).fails();
    assert!(
        err.contains("more than the 4 MiB an assessment may be"),
        "{err}"
    );
    // A title in no known words is not recognised, rather than another field.
    let out = rungs(&["title", "Chef de produit"]).ok();
    assert!(out.contains("Verdict         not recognised"), "{out}");
    // An assessment may name levels by title, as the command line does.
    let file = write_assessment(
        dir.path(),
        "Lee Title",
        "ic",
        "Senior PM",
        &["Senior PM"; 20],
    );
    let json = rungs(&["assess", &file.to_string_lossy(), "--json"]).json();
    assert_eq!(
        (json["held"].as_str(), json["level"].as_str()),
        (Some("senior-pm"), Some("senior-pm"))
    );
}
