//! `assess`, `gap`, `plan`, `packet`, `track`, `path` and `pay check`, as a user runs them.

use std::fs;

use crate::support::{assert_fits_80, repo_file, rungs, rungs_with_input};

fn ada() -> String {
    repo_file("examples/ada-self.toml")
}

fn manager() -> String {
    repo_file("examples/ada-manager.json")
}

#[test]
fn assess_gives_the_level_and_the_reasons() {
    let out = rungs(&["assess", &ada()]).ok();
    assert_fits_80(&out);
    assert!(
        out.starts_with("Ada Lovelace · self-assessment, 2026-10-15\n"),
        "{out}"
    );
    assert!(
        out.contains("Holds           Senior Product Manager (senior-pm)\nRatings show    Senior Product Manager (senior-pm)\n"),
        "{out}"
    );
    assert!(
        out.contains("Next rung       Principal Product Manager (principal-pm)"),
        "{out}"
    );
    assert!(
        out.contains("Overall: Senior PM, the highest level every area reaches."),
        "{out}"
    );
    assert!(
        out.contains("    Financial Acumen            pm                PM"),
        "{out}"
    );

    let json = rungs(&["assess", &ada(), "--json"]).json();
    assert_eq!(json["level"], "senior-pm");
    assert_eq!(json["held"], "senior-pm");
    assert_eq!(json["next_levels"], serde_json::json!(["principal-pm"]));
    assert_eq!(
        json["verdict"],
        "Holds Senior PM, and the ratings show Senior PM."
    );
    let per = json["per_competency"].as_array().expect("a list");
    assert_eq!(per.len(), 20);
    assert_eq!(per[6]["competency"], "financial-acumen");
    assert_eq!(per[6]["rating"], "pm");
    assert_eq!(per[6]["level"], "pm");
    assert_eq!(
        per[6]["evidence"],
        "Owns feature ROI cases; has not yet owned a product P&L."
    );
    assert!(json["explanation"].as_array().is_some_and(|e| e.len() > 5));
}

#[test]
fn assess_versus_lists_where_self_and_manager_differ() {
    let out = rungs(&["assess", &ada(), "--versus", &manager()]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("Ada Lovelace (self) against Grace Hopper (manager)"),
        "{out}"
    );
    assert!(
        out.contains("  Stakeholder Management        senior-pm         principal-pm      +1"),
        "{out}"
    );
    let json = rungs(&["assess", &ada(), "--versus", &manager(), "--json"]).json();
    assert_eq!(
        json["versus"]["differences"].as_array().map(Vec::len),
        Some(6)
    );
}

#[test]
fn a_broken_assessment_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = fs::read_to_string(ada())
        .unwrap()
        .replace("data-analysis = {", "data-analytics = {");
    fs::write(&path, &text).unwrap();
    let err = rungs(&["assess", &path.to_string_lossy()]).fails();
    let line = text[..text.find("data-analytics").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(err.contains(&format!("bad.toml:{line}:1")), "{err}");
    assert!(err.contains("unknown competency `data-analytics`"), "{err}");
    assert!(err.contains("did you mean `data-analysis`?"), "{err}");
}

#[test]
fn gap_shows_each_short_competency_beside_the_target() {
    let out = rungs(&["gap", &ada(), "--to", "principal-pm"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains(
            "13 of 20 competencies short of Principal PM, the largest gap 2 ranks. Readiness:\nStretch."
        ),
        "{out}"
    );
    assert!(
        out.contains("Financial Acumen      Feature-level ROI analysis    Portfolio investment"),
        "{out}"
    );
    assert!(
        out.contains("  Senior PM → Principal PM: 3 of 8 met"),
        "{out}"
    );
    assert!(
        out.contains("[ ] Is known outside the company as an expert"),
        "{out}"
    );
    // Without --to, the target is the next rung.
    assert_eq!(rungs(&["gap", &ada()]).ok(), out);
    let json = rungs(&["gap", &ada(), "--to", "Group PM", "--json"]).json();
    let json = &json["gaps"][0];
    assert_eq!(
        (json["target"].as_str(), json["track"].as_str()),
        (Some("group-pm"), Some("manager"))
    );
    let err = rungs(&["gap", &ada(), "--to", "princpal-pm"]).fails();
    assert!(err.contains("did you mean `principal-pm`?"), "{err}");
}

#[test]
fn plan_is_markdown_ordered_by_gap() {
    let out = rungs(&["plan", &ada()]).ok();
    assert!(
        out.starts_with("# Development plan: Ada Lovelace → Principal PM\n"),
        "{out}"
    );
    let first = out
        .find("**Financial Acumen**")
        .expect("the largest gap is listed");
    let second = out
        .find("**Data Analysis**")
        .expect("a one-rank gap is listed");
    assert!(first < second);
    // Three to focus on, each with things to do and evidence that shows it; then the
    // milestones; the rest later; a target date from the path.
    assert!(
        out.contains(
            "## 1. Focus first: Financial Acumen, Data Analysis and Product Requirements\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("   - Do:\n     - Build the business case for your next significant feature"),
        "{out}"
    );
    assert!(
        out.contains("   - Show it with:\n     - A business case leadership approved"),
        "{out}"
    );
    assert!(out.contains("## 2. Meet the open milestones"), "{out}");
    assert!(out.contains("## 3. Later"), "{out}");
    assert!(out.contains("## 4. Ways to move faster"), "{out}");
    assert!(out.contains("Target date: **2028-08-02**"), "{out}");
    assert!(!out.contains("\n\n\n"), "{out}");
    let json = rungs(&["plan", &ada(), "--json"]).json();
    assert_eq!(json["focus"][0]["competency"], "financial-acumen");
    assert_eq!(json["focus"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["later"].as_array().map(Vec::len), Some(10));
    assert_eq!(json["timing"]["target_date"], "2028-08-02");
}

#[test]
fn the_packet_comes_as_markdown_printable_html_or_json() {
    let md = rungs(&["packet", &ada(), "--versus", &manager()]).ok();
    assert!(md.contains("| Mentorship | Principal PM | Principal PM | Yes | Self-assessment: Mentors two APMs and runs the PM guild's critique sessions. |"), "{md}");
    assert!(md.contains("- [x] Has driven a complex initiative that spanned several teams through to its result. Evidence: Led the checkout re-platforming"), "{md}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tricky.toml");
    let text = fs::read_to_string(ada()).unwrap().replace(
        "Ran the pricing experiment programme",
        "<script>alert(1)</script> & co",
    );
    fs::write(&path, text).unwrap();
    let html = rungs(&["packet", &path.to_string_lossy(), "--format", "html"]).ok();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..100]);
    assert!(html.contains("@media print"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "evidence is escaped"
    );
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("Portfolio investment strategy</span>"),
        "{html}"
    );

    let json = rungs(&["packet", &ada(), "--json"]).json();
    assert_eq!(json["readiness"]["tier"], "stretch");
    assert_eq!(
        json["milestones"][0]["met"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(json["competencies"].as_array().map(Vec::len), Some(20));
}

#[test]
fn track_from_a_file_and_from_the_terminal_agree() {
    let out = rungs(&[
        "track",
        "--answers",
        &repo_file("examples/track-answers.toml"),
    ])
    .ok();
    assert_fits_80(&out);
    assert!(
        out.starts_with(
            "You lean towards the individual contributor track: 5 of 6 answers point there, a"
        ),
        "{out}"
    );

    // The same answers typed at the prompts, saved, and read back.
    let dir = tempfile::tempdir().unwrap();
    let run = rungs_with_input(
        &["track", "--save", "mine.toml"],
        "1\n2\n1\n1\n1\n1\n",
        dir.path(),
    );
    let out = run.ok();
    assert!(out.contains("1/6 Personal strengths and preferences\nWhich part of the job gives you the most satisfaction?"), "{out}");
    assert!(
        out.contains(
            "  → Deep product thinking and hands-on work are the heart of the Principal PM path."
        ),
        "{out}"
    );
    assert!(out.contains("Saved your answers to mine.toml."), "{out}");
    let saved = dir.path().join("mine.toml");
    let from_saved = rungs(&["track", "--answers", &saved.to_string_lossy(), "--json"]).json();
    let from_example = rungs(&[
        "track",
        "--answers",
        &repo_file("examples/track-answers.toml"),
        "--json",
    ])
    .json();
    assert_eq!(from_saved, from_example);
    assert_eq!(from_saved["leaning"], "ic");

    // A wrong number is asked again; Enter skips; q stops.
    // With --json the questions go to stderr, and stdout is only the JSON.
    let run = rungs_with_input(&["track", "--json"], "9\n2\n\n\n\n\n\n", dir.path());
    assert!(
        run.stderr
            .contains("type a number from 1 to 3, or press Enter to skip"),
        "{}",
        run.stderr
    );
    let json = run.json();
    assert_eq!(json["leaning"], "undecided");
    assert_eq!(json["unanswered"].as_array().map(Vec::len), Some(5));
    let err = rungs_with_input(&["track"], "1\nq\n", dir.path()).fails();
    assert!(err.contains("stopped at your request"), "{err}");
}

#[test]
fn path_gives_routes_years_and_pay() {
    let json = rungs(&[
        "path", "--from", "pm", "--to", "director", "--stage", "large", "--json",
    ])
    .json();
    let routes = json["routes"].as_array().expect("routes");
    assert_eq!(
        routes[0],
        serde_json::json!(["pm", "senior-pm", "director"])
    );
    let y = &json["years"];
    let (p10, p50, p90) = (
        y["p10"].as_f64().unwrap(),
        y["p50"].as_f64().unwrap(),
        y["p90"].as_f64().unwrap(),
    );
    // Two rungs of 2–3 years, and Director's 10+ years of experience from a PM's 2–5: at least
    // 5 years (from 5 years of experience), at most 8 (from 2).
    assert!(p10 <= p50 && p50 <= p90 && p10 >= 5.0 && p90 <= 8.0, "{y}");
    assert_eq!(
        (y["min"].as_f64(), y["max"].as_f64()),
        (Some(5.0), Some(8.0))
    );
    assert_eq!(
        json["details"][0]["steps"][1]["pay"],
        serde_json::json!({"min": 280000, "max": 450000, "open_ended": false})
    );
    // The same seed gives the same answer; the route list is stable too.
    let again = rungs(&[
        "path", "--from", "pm", "--to", "director", "--stage", "large", "--json",
    ])
    .json();
    assert_eq!(json, again);

    let out = rungs(&[
        "path", "--from", "pm", "--to", "director", "--stage", "large",
    ])
    .ok();
    assert_fits_80(&out);
    assert!(out.contains("Route 1: PM → Senior PM → Director"), "{out}");
    assert!(
        out.contains("Follows the ladder of “What is the Product Manager Career Path?”"),
        "{out}"
    );
    assert!(
        out.contains("• Experience: each run starts as a PM with 2–5 years"),
        "{out}"
    );
    let err = rungs(&["path", "--from", "pm", "--to", "group-pm", "--track", "ic"]).fails();
    assert!(
        err.contains(
            "`group-pm` is on the people manager track: no route to it keeps to the `ic` track"
        ),
        "{err}"
    );
    let explore = rungs(&["path", "--from", "pm", "--explore", "--track", "ic"]).ok();
    assert!(explore.contains("Principal Product Manager"), "{explore}");
    assert!(!explore.contains("Group Product Manager"), "{explore}");
    assert!(out.contains("$280K–$450K"), "{out}");

    let ic = rungs(&[
        "path", "--from", "pm", "--to", "director", "--track", "ic", "--json",
    ])
    .json();
    assert!(ic["routes"].as_array().unwrap().iter().all(|r| {
        !r.as_array()
            .unwrap()
            .contains(&serde_json::json!("group-pm"))
    }));

    // From an assessment: the first rung counts only the gap still open.
    let json = rungs(&[
        "path",
        "--assessment",
        &ada(),
        "--to",
        "principal-pm",
        "--json",
    ])
    .json();
    assert_eq!(json["from"], "senior-pm");
    assert!(
        json["years"]["p50"].as_f64().unwrap() < 2.0,
        "{}",
        json["years"]
    );
    assert!(
        json["head_start"]["reason"]
            .as_str()
            .unwrap()
            .contains("65% of competencies short of Principal PM")
    );

    let err = rungs(&["path", "--from", "cpo", "--to", "apm"]).fails();
    assert_eq!(
        err.trim(),
        "error: --to: no route in this framework leads from `cpo` to `apm`"
    );
    let err = rungs(&["path", "--to", "cpo"]).fails();
    assert!(err.contains("say where to start"), "{err}");
}

#[test]
fn path_explore_lists_every_destination() {
    let out = rungs(&["path", "--from", "cpo", "--explore"]).ok();
    assert_fits_80(&out);
    assert!(
        out.contains("No rung of the ladder lies beyond this one."),
        "{out}"
    );
    assert!(out.contains("Fractional CPO or consultant"), "{out}");
    assert!(out.contains("Founder or co-founder"), "{out}");
    let json = rungs(&["path", "--from", "senior-pm", "--explore", "--json"]).json();
    let ladder: Vec<&str> = json["ladder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        ladder,
        ["principal-pm", "group-pm", "director", "vp", "cpo"]
    );
}

#[test]
fn pay_check_places_an_amount_in_the_band() {
    let json = rungs(&[
        "pay",
        "check",
        "--level",
        "senior-pm",
        "--stage",
        "large",
        "230,000",
        "--json",
    ])
    .json();
    let at = &json["stages"][0];
    assert_eq!(
        (
            at["stage"].as_str(),
            at["verdict"].as_str(),
            at["position"].as_f64(),
            at["compa_ratio"].as_f64()
        ),
        (Some("large"), Some("within"), Some(50.0), Some(1.0))
    );
    let json = rungs(&[
        "pay", "check", "--level", "pm", "--stage", "startup", "$85K", "--json",
    ])
    .json();
    let at = &json["stages"][0];
    assert_eq!(
        (at["verdict"].as_str(), at["outside_by"].as_u64()),
        (Some("below"), Some(5_000))
    );
    // Without a stage, the amount is placed at every stage.
    let json = rungs(&["pay", "check", "--level", "pm", "$115K", "--json"]).json();
    let verdicts: Vec<(&str, &str)> = json["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap_or(""),
                s["verdict"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("startup", "within"),
            ("mid-size", "within"),
            ("large", "below")
        ]
    );
    let out = rungs(&["pay", "check", "--level", "pm", "$115K"]).ok();
    assert!(
        out.contains("$115,000 for Product Manager at an early-stage startup"),
        "{out}"
    );
    let out = rungs(&[
        "pay", "check", "--level", "apm", "--stage", "mid-size", "130000",
    ])
    .ok();
    assert!(
        out.contains("above the band, $10,000 over its maximum."),
        "{out}"
    );
    let err = rungs(&[
        "pay", "check", "--level", "apm", "--stage", "mid-size", "lots",
    ])
    .fails();
    assert!(err.contains("\"lots\" is not an amount"), "{err}");
    // `pay <level>` still works beside `pay check`.
    assert!(rungs(&["pay", "apm"]).ok().contains("$70,000 – $100,000"));
}

/// The answers a person types into `rungs assess --new`, one per prompt.
fn interview() -> String {
    // The level held first (a title will do), then the track, asked because Senior PM comes
    // before the split.
    let mut lines = vec!["Lin Park", "2", "Max Ode", "Senior PM", "2"];
    // Twenty competencies: principal with evidence, senior, below, not assessed, "?" then senior,
    // and fifteen that take the default: the level held, never the last answer.
    lines.extend([
        "4",
        "Led the platform strategy",
        "3",
        "",
        "b",
        "",
        "n",
        "?",
        "senior-pm",
        "",
    ]);
    for _ in 0..15 {
        lines.extend(["", ""]);
    }
    // The eight milestones of Senior PM → Principal PM: the first met, with evidence.
    lines.extend(["y", "Shipped checkout across three teams"]);
    lines.extend([""; 7]);
    lines.join("\n") + "\n"
}

#[test]
fn assess_new_walks_through_every_competency_and_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let run = rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        &interview(),
        dir.path(),
    );
    let out = run.ok();
    assert!(
        out.contains("Which level does Lin Park hold today?\n  1) Associate Product Manager\n"),
        "{out}"
    );
    // The track question says what each track means, in a line each.
    assert!(
        out.contains(
            "Which track is Lin Park on, or aiming for?\n  1) Shared ladder: not chosen yet"
        ),
        "{out}"
    );
    assert!(out.contains("  2) Individual contributor: "), "{out}");
    assert!(out.contains("[1/20] Technical and product skills · Technical Knowledge\n  2  PM             Comfortable discussing technical trade-offs\n  3  Senior PM      Deep understanding of technical architecture (held)\n  4  Principal PM   Strategic technical vision\n"), "{out}");
    // `?` lists every level, the other track's marked as such.
    assert!(
        out.contains("  1  Associate PM   Understanding of agile processes"),
        "? lists every level:\n{out}"
    );
    assert!(
        out.contains("  7  CPO            "),
        "? lists every level:\n{out}"
    );
    assert!(out.contains("(people manager track)"), "{out}");
    // After a Principal PM rating, the default is still the level held, said as such.
    let defaults = out
        .matches("Rating [Enter: Senior PM, the level held]: ")
        .count();
    assert_eq!(defaults, 21, "{out}");
    assert!(!out.contains("Rating [4]"), "{out}");
    assert!(
        out.contains("Milestones for the step from Senior PM to Principal PM"),
        "{out}"
    );
    assert!(out.contains("Wrote lin-park-2026-11-22.toml."), "{out}");
    let path = dir.path().join("lin-park-2026-11-22.toml");
    let json = rungs(&["assess", &path.to_string_lossy(), "--json"]).json();
    assert_eq!(
        (json["person"].as_str(), json["date"].as_str()),
        (Some("Lin Park"), Some("2026-11-22"))
    );
    assert_eq!(
        json["assessor"],
        serde_json::json!({"kind": "manager", "name": "Max Ode"})
    );
    let ratings: Vec<&str> = json["per_competency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rating"].as_str().unwrap())
        .collect();
    assert_eq!(
        &ratings[..5],
        [
            "principal-pm",
            "senior-pm",
            "below",
            "not-assessed",
            "senior-pm"
        ]
    );
    assert!(ratings[5..].iter().all(|r| *r == "senior-pm"));
    assert_eq!(
        json["per_competency"][0]["evidence"],
        "Led the platform strategy"
    );
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.contains("[[milestones]]\nid = \"drives-multi-team-initiatives\"\nevidence = \"Shipped checkout across three teams\""), "{written}");
    assert!(
        written.contains("track = \"ic\"\nlevel = \"senior-pm\""),
        "{written}"
    );

    // Running out of input part-way writes nothing; an existing file is kept unless confirmed.
    let other = tempfile::tempdir().unwrap();
    let run = rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        "Lin Park\n1\n2\n\n4\n",
        other.path(),
    );
    assert!(
        run.fails()
            .contains("the input ended before the questions were done; nothing was saved")
    );
    assert_eq!(fs::read_dir(other.path()).unwrap().count(), 0);
    let before = fs::read_to_string(&path).unwrap();
    let declined = interview() + "n\n";
    let err = rungs_with_input(
        &["assess", "--new", "--date", "2026-11-22"],
        &declined,
        dir.path(),
    )
    .fails();
    assert!(
        err.contains("lin-park-2026-11-22.toml was left as it was"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn every_new_command_fits_80_columns() {
    for args in [
        vec!["gap", &ada() as &str],
        vec!["packet", &ada()],
        vec!["path", "--from", "apm", "--to", "cpo", "--stage", "startup"],
        vec!["path", "--from", "group-pm", "--explore"],
        vec![
            "pay", "check", "--level", "vp", "--stage", "large", "1000000",
        ],
    ] {
        let out = rungs(&args).ok();
        if args[0] != "packet" {
            assert_fits_80(&out);
        }
    }
}
