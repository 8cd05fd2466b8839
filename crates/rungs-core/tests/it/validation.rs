//! Each class of mistake in a framework file is reported with its place and a fix, and all of
//! them are reported together.

use crate::support::{EXAMPLE, edit, errors, load_err, load_ok, position_of, render};

/// Asserts that an error whose message contains `message` starts at `at` (line, column).
fn assert_error_at(e: &rungs_core::LoadError, message: &str, at: (usize, usize)) {
    let found = errors(e).into_iter().find(|d| d.message.contains(message));
    let Some(d) = found else {
        panic!(
            "no error containing `{message}`:\n{}",
            render(&e.diagnostics)
        )
    };
    let start = d.start.expect("the error has a place in the file");
    assert_eq!(
        (start.line, start.column),
        at,
        "`{message}` is reported at the wrong place:\n{}",
        d.render(100)
    );
    assert_eq!(d.file, "test.toml");
    assert!(d.help.is_some(), "`{message}` says how to fix it");
}

#[test]
fn the_example_framework_loads_without_warnings() {
    let loaded = load_ok(EXAMPLE);
    assert!(loaded.warnings.is_empty(), "{}", render(&loaded.warnings));
    assert_eq!(loaded.framework.id(), "engineering");
}

#[test]
fn every_kind_of_mistake_is_reported_at_its_place_in_one_pass() {
    let mut text = EXAMPLE.to_owned();
    // An expectation for a level that does not exist, which also leaves engineer-2 without one.
    text = edit(
        &text,
        r#"{ levels = ["engineer-2"], text = "Writes clear, tested"#,
        r#"{ levels = ["engineer-3"], text = "Writes clear, tested"#,
    );
    // A duplicate competency id.
    text = edit(&text, r#"id = "operations""#, r#"id = "mentoring""#);
    // A band whose minimum is above its maximum, and a band for a stage that does not exist.
    text = edit(
        &text,
        "seed = { min = 40_000, max = 50_000 }",
        "seed = { min = 60_000, max = 50_000 }",
    );
    text = edit(
        &text,
        "scale-up = { min = 45_000, max = 55_000 }",
        "scaleup = { min = 45_000, max = 55_000 }",
    );
    // A rank gap: nothing at rank 5 once the top pair moves to 6.
    text = edit(
        &text,
        "aliases = [\"E5\"]\nrank = 5",
        "aliases = [\"E5\"]\nrank = 6",
    );
    text = edit(
        &text,
        "aliases = [\"Engineering Director\"]\nrank = 5",
        "aliases = [\"Engineering Director\"]\nrank = 6",
    );
    // A move to a level that does not exist, and one from a level that does not exist.
    text = edit(
        &text,
        "to = [\"principal-engineer\"]",
        "to = [\"principal\"]",
    );
    text = edit(
        &text,
        "from = [\"engineer-1\"]",
        "from = [\"engineer-one\"]",
    );
    // Years out of range, and a span whose max is below its min.
    text = edit(
        &text,
        "experience = { min = 12 }\n\n[levels.responsibilities]\nscope = [\"The organization's",
        "experience = { min = 80 }\n\n[levels.responsibilities]\nscope = [\"The organization's",
    );
    text = edit(
        &text,
        "years_on_rung = { min = 1, max = 2 }",
        "years_on_rung = { min = 3, max = 2 }",
    );

    let e = load_err(&text);
    let at = |needle: &str, offset: usize| {
        let (line, column) = position_of(&text, needle);
        (line, column + offset)
    };
    assert_error_at(&e, "unknown level `engineer-3`", at(r#""engineer-3""#, 0));
    assert_error_at(
        &e,
        "`code-quality` has no expectation for `engineer-2`",
        at(r#""code-quality""#, 0),
    );
    // The renamed `operations` comes first in the file; the original `mentoring` is the second use.
    assert_error_at(
        &e,
        "the competency id `mentoring` is used twice",
        at("id = \"mentoring\"\nname = \"Mentoring\"", 5),
    );
    assert_error_at(
        &e,
        "`min` (60000) is above its `max` (50000)",
        at("60_000", 0),
    );
    assert_error_at(&e, "a band for unknown stage `scaleup`", at("scaleup =", 0));
    assert_error_at(&e, "no level has rank 5", at("rank = 6", 7));
    assert_error_at(&e, "unknown level `principal`", at(r#""principal""#, 0));
    assert_error_at(
        &e,
        "unknown level `engineer-one`",
        at(r#""engineer-one""#, 0),
    );
    assert_error_at(&e, "80 years is out of range", at("min = 80", 6));
    assert_error_at(
        &e,
        "`max` (2) is below `min` (3)",
        at("min = 3, max = 2", 15),
    );
    assert_eq!(
        errors(&e).len(),
        10,
        "exactly the ten mistakes, no more:\n{}",
        render(&e.diagnostics)
    );

    // The help names the nearest ids.
    let stage = errors(&e)
        .into_iter()
        .find(|d| d.message.contains("scaleup"))
        .unwrap();
    assert_eq!(stage.help.as_deref(), Some("did you mean `scale-up`?"));
    assert_eq!(stage.path, "compensation.bands[0].ranges.scaleup");
    let dup = errors(&e)
        .into_iter()
        .find(|d| d.message.contains("used twice"))
        .unwrap();
    let (first_line, _) = position_of(&text, "id = \"mentoring\"\nname = \"Operations\"");
    assert_eq!(
        dup.help.as_deref(),
        Some(
            format!(
                "the first `mentoring` is on line {first_line}; give each competency its own id"
            )
            .as_str()
        )
    );
}

#[test]
fn parallel_levels_that_form_a_cycle_are_reported() {
    // A third branch track with a level at rank 4, and parallels that go round in a circle.
    let mut text = EXAMPLE.replace(
        "[[dimensions]]\nid = \"scope\"",
        "[[tracks]]\nid = \"architecture\"\nname = \"Architecture\"\nsummary = \"Architects.\"\n\n[[dimensions]]\nid = \"scope\"",
    );
    text = edit(
        &text,
        "rank = 4\ntrack = \"manager\"\nparallel = \"staff-engineer\"",
        "rank = 4\ntrack = \"manager\"\nparallel = \"architect\"",
    );
    let architect = "\n[[levels]]\nid = \"architect\"\ntitle = \"Architect\"\nrank = 4\ntrack = \"architecture\"\nparallel = \"staff-engineer\"\nsummary = \"Designs systems.\"\n";
    text = edit(
        &text,
        "\n[[areas]]\nid = \"craft\"",
        &format!("{architect}\n[[areas]]\nid = \"craft\""),
    );
    // Every competency needs an expectation for the new level.
    text = text.replace(
        "{ levels = [\"staff-engineer\"",
        "{ levels = [\"architect\", \"staff-engineer\"",
    );
    text = text.replace(
        "{ levels = [\"staff-engineer\", \"engineering-manager\"]",
        "{ levels = [\"architect\", \"staff-engineer\", \"engineering-manager\"]",
    );

    let e = load_err(&text);
    let cycle: Vec<_> = errors(&e)
        .into_iter()
        .filter(|d| d.message.starts_with("parallel levels form a cycle"))
        .collect();
    assert_eq!(
        cycle.len(),
        3,
        "each level of the cycle is pointed at:\n{}",
        render(&e.diagnostics)
    );
    assert!(
        cycle.iter().any(|d| d.message == "parallel levels form a cycle: staff-engineer → engineering-manager → architect → staff-engineer"),
        "{}",
        render(&e.diagnostics)
    );
    let (line, column) = position_of(&text, "parallel = \"engineering-manager\"");
    assert!(
        cycle
            .iter()
            .any(|d| d.start.map(|p| (p.line, p.column)) == Some((line, column + 11)))
    );
}

#[test]
fn a_parallel_level_that_does_not_name_its_partner_back_is_reported() {
    let text = edit(
        EXAMPLE,
        "parallel = \"staff-engineer\"",
        "parallel = \"principal-engineer\"",
    );
    let e = load_err(&text);
    assert_error_at(
        &e,
        "`engineering-manager` (rank 4) and its parallel `principal-engineer` (rank 5) are at different ranks",
        position_of(&text, "\"principal-engineer\"\nsummary = \"Leads one team"),
    );
    assert_error_at(
        &e,
        "`staff-engineer` names `engineering-manager` as its parallel, but `engineering-manager` names `principal-engineer`",
        {
            let (l, c) = position_of(&text, "parallel = \"engineering-manager\"");
            (l, c + 11)
        },
    );
}

#[test]
fn syntax_errors_are_all_reported_with_their_lines() {
    let text =
        "[framework]\nid = \"x\"\nname = \"X\nversion = \"1\"\n\n[[levels]]\nid = \"a\" rank = 1\n";
    let e = load_err(text);
    let places: Vec<(usize, usize)> = errors(&e)
        .iter()
        .filter_map(|d| d.start)
        .map(|p| (p.line, p.column))
        .collect();
    assert_eq!(places, [(3, 10), (7, 10)], "{}", render(&e.diagnostics));
    assert!(
        errors(&e)
            .iter()
            .all(|d| d.message.starts_with("TOML syntax:"))
    );
}

#[test]
fn wrong_types_unknown_keys_and_missing_keys_are_reported_together() {
    let mut text = edit(
        EXAMPLE,
        "title = \"Engineer I\"",
        "title = 1\ntitel = \"Engineer I\"",
    );
    text = edit(
        &text,
        "rank = 2\ntrack = \"shared\"",
        "rank = \"two\"\ntrack = \"shared\"",
    );
    text = edit(
        &text,
        "id = \"engineer-2\"\ntitle = \"Engineer II\"",
        "id = \"Engineer-2\"\ntitle = \"Engineer II\"",
    );
    let e = load_err(&text);
    assert_error_at(
        &e,
        "`title` should be a string in quotes, but it is an integer",
        {
            let (l, c) = position_of(&text, "title = 1");
            (l, c + 8)
        },
    );
    let unknown = errors(&e)
        .into_iter()
        .find(|d| d.message.starts_with("unknown key `titel`"))
        .expect("typo reported");
    assert_eq!(unknown.help.as_deref(), Some("did you mean `title`?"));
    assert_eq!(
        unknown.start.map(|p| (p.line, p.column)),
        Some(position_of(&text, "titel"))
    );
    assert_error_at(&e, "`rank` should be a whole number, but it is a string", {
        let (l, c) = position_of(&text, "\"two\"");
        (l, c)
    });
    let bad_id = errors(&e)
        .into_iter()
        .find(|d| d.message.contains("\"Engineer-2\" is not a valid id"))
        .expect("bad id reported");
    assert_eq!(
        bad_id.help.as_deref(),
        Some("ids are lowercase words joined by hyphens; try \"engineer-2\"")
    );
}

#[test]
fn a_missing_section_names_what_to_add() {
    let text = EXAMPLE.replace(
        "[level_rule]\nmethod = \"area-floor\"",
        "[rule]\nmethod = \"area-floor\"",
    );
    let e = load_err(&text);
    let missing = errors(&e)
        .into_iter()
        .find(|d| d.message == "the file is missing `level_rule`")
        .expect("reported");
    assert_eq!(missing.help.as_deref(), Some("add a [level_rule] section"));
    let unknown = errors(&e)
        .into_iter()
        .find(|d| d.message.contains("unknown key `rule`"))
        .expect("reported");
    assert!(unknown.help.is_some());
}

#[test]
fn an_alias_may_name_only_one_level() {
    let text = edit(
        EXAMPLE,
        "aliases = [\"E2\"]",
        "aliases = [\"E2\", \"Junior Engineer\"]",
    );
    let e = load_err(&text);
    assert_error_at(
        &e,
        "the alias \"Junior Engineer\" of `engineer-2` already names `engineer-1`",
        {
            let (l, c) = position_of(&text, "\"Junior Engineer\"]\nrank = 2");
            (l, c)
        },
    );
}

#[test]
fn moves_must_fit_their_kind() {
    let mut text = edit(
        EXAMPLE,
        "id = \"em-to-staff\"\nkind = \"track-switch\"",
        "id = \"em-to-staff\"\nkind = \"promotion\"",
    );
    text = edit(
        &text,
        "id = \"staff-to-principal\"\nkind = \"promotion\"",
        "id = \"staff-to-principal\"\nkind = \"sideways\"",
    );
    let e = load_err(&text);
    assert!(errors(&e).iter().any(|d| d.message.contains("the promotion `em-to-staff` leads from `engineering-manager` (rank 4) to `staff-engineer` (rank 4), which is not higher")), "{}", render(&e.diagnostics));
    assert_error_at(
        &e,
        "unknown kind of move \"sideways\"",
        position_of(&text, "\"sideways\""),
    );
}

#[test]
fn the_time_allocation_of_a_level_adds_up_to_100() {
    let builtin = rungs_core::framework::BUILTIN_TOML;
    let text = edit(
        builtin,
        "{ activity = \"Mentoring\", percent = 10 }",
        "{ activity = \"Mentoring\", percent = 15 }",
    );
    let e = load_err(&text);
    assert!(
        errors(&e)
            .iter()
            .any(|d| d.message == "the time allocation of `principal-pm` adds up to 105%"),
        "{}",
        render(&e.diagnostics)
    );
}

#[test]
fn readiness_tiers_must_widen_and_end_with_a_catch_all() {
    let text = edit(
        EXAMPLE,
        "id = \"later\"\nname = \"Later\"",
        "id = \"later\"\nname = \"Later\"\nmax_gap = 3",
    );
    let e = load_err(&text);
    assert!(
        errors(&e).iter().any(|d| d
            .message
            .contains("the last readiness tier, `later`, has limits")),
        "{}",
        render(&e.diagnostics)
    );
}

#[test]
fn warnings_do_not_stop_a_framework_from_loading() {
    // A level left out of every pay band is worth a warning, not a refusal.
    let text = edit(
        EXAMPLE,
        "levels = [\"engineer-1\"]\n[compensation.bands.ranges]\nseed = { min = 40_000, max = 50_000 }\nscale-up = { min = 45_000, max = 55_000 }\nenterprise = { min = 50_000, max = 60_000 }\n",
        "levels = []\n[compensation.bands.ranges]\n",
    );
    let e = load_err(&text);
    assert!(
        errors(&e).iter().any(|d| d.message == "`levels` is empty"),
        "{}",
        render(&e.diagnostics)
    );
    let text = EXAMPLE.replace("levels = [\"engineer-1\"]\n[compensation.bands.ranges]\nseed = { min = 40_000, max = 50_000 }\nscale-up = { min = 45_000, max = 55_000 }\nenterprise = { min = 50_000, max = 60_000 }\n\n[[compensation.bands]]\n", "");
    let loaded = load_ok(&text);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message == "`engineer-1` has no pay band"),
        "{}",
        render(&loaded.warnings)
    );
    assert_eq!(loaded.framework.pay("engineer-1", "seed"), None);
}

#[test]
fn a_source_ladder_names_levels_and_steps_the_framework_has() {
    let builtin = include_str!("../../../../frameworks/product-management.toml");
    let text = edit(
        builtin,
        r#"ladders = [["apm", "pm", "senior-pm", "director", "vp", "cpo"]]"#,
        r#"ladders = [["apm", "pm", "senior-pmm", "vp", "cpo", "apm"]]"#,
    );
    let e = load_err(&text);
    let (line, col) = position_of(&text, r#""senior-pmm""#);
    assert_error_at(&e, "unknown level `senior-pmm`", (line, col));
    let col = col + r#""senior-pmm", "vp", "cpo", "#.len();
    assert_error_at(
        &e,
        "the source `productplan` climbs from `cpo` to `apm`, but no move leads there",
        (line, col),
    );
}
