//! `rungs team …` and `rungs demo`, as a product leader runs them.

use std::fs;

use crate::support::{repo_file, rungs};

fn demo(dir: &std::path::Path, seed: &str, people: &str) -> std::path::PathBuf {
    let out = dir.join(format!("demo-{seed}-{people}"));
    rungs(&[
        "demo",
        "--out",
        &out.to_string_lossy(),
        "--people",
        people,
        "--seed",
        seed,
        "--as-of",
        "2026-11-01",
    ])
    .ok();
    out
}

#[test]
fn the_template_is_a_valid_roster() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    fs::write(&path, rungs(&["team", "template"]).ok()).unwrap();
    let out = rungs(&["team", "check", &path.to_string_lossy()]).ok();
    assert!(
        out.contains("note: level filled in from the title \"Senior PM, Payments\": senior-pm"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "is a valid roster: 2 people, 1 of them managers; 1 level filled in from a title.\n"
        ),
        "{out}"
    );
}

#[test]
fn the_demo_is_the_same_for_the_same_seed_and_passes_team_check() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo(dir.path(), "5", "120");
    let b = dir.path().join("again");
    rungs(&[
        "demo",
        "--out",
        &b.to_string_lossy(),
        "--people",
        "120",
        "--seed",
        "5",
        "--as-of",
        "2026-11-01",
    ])
    .ok();
    for file in ["roster.csv", "assessments/history.csv"] {
        assert_eq!(
            fs::read(a.join(file)).unwrap(),
            fs::read(b.join(file)).unwrap(),
            "{file} differs for the same seed"
        );
    }
    let c = demo(dir.path(), "6", "120");
    assert_ne!(
        fs::read(a.join("roster.csv")).unwrap(),
        fs::read(c.join("roster.csv")).unwrap()
    );
    let check = rungs(&[
        "team",
        "check",
        &a.join("roster.csv").to_string_lossy(),
        "--assessments",
        &a.join("assessments").to_string_lossy(),
        "--json",
    ])
    .json();
    assert_eq!(check["valid"], true);
    assert_eq!(check["people"], 120);
    assert!(check["assessments"].as_u64().unwrap() >= 500, "{check}");
    assert!(check["managers"].as_u64().unwrap() >= 20, "{check}");
}

#[test]
fn the_demo_has_what_a_report_should_find() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path(), "1", "200");
    let json = rungs(&[
        "team",
        "report",
        "--roster",
        &d.join("roster.csv").to_string_lossy(),
        "--assessments",
        &d.join("assessments").to_string_lossy(),
        "--as-of",
        "2026-11-01",
        "--json",
    ])
    .json();
    assert_eq!(json["people"], 200);
    assert!(
        !json["span"]["over"].as_array().unwrap().is_empty(),
        "some spans are too wide"
    );
    assert!(
        json["pay"]["below"].as_array().unwrap().len()
            + json["pay"]["above"].as_array().unwrap().len()
            > 0,
        "some pay is outside its band"
    );
    let verdicts: Vec<&str> = json["calibration"]["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["verdict"].as_str().unwrap())
        .collect();
    assert!(verdicts.contains(&"fair"), "{verdicts:?}");
    assert!(
        !json["changes"]["promoted"].as_array().unwrap().is_empty(),
        "the history shows promotions"
    );
    let tiers: usize = json["pipeline"]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_u64().unwrap() as usize)
        .sum();
    assert!(tiers > 150, "most people have a readiness tier: {tiers}");
}

#[test]
fn the_report_comes_as_markdown_html_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path(), "2", "80");
    let roster = d.join("roster.csv").to_string_lossy().into_owned();
    let assessments = d.join("assessments").to_string_lossy().into_owned();
    let base = [
        "team",
        "report",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
        "--as-of",
        "2026-11-01",
    ];
    let md = rungs(&base).ok();
    assert!(
        md.starts_with("# Team report, 2026-11-01\n\n80 people · "),
        "{md}"
    );
    for section in [
        "## What to act on",
        "## Span of control",
        "## Shape",
        "## Promotion pipeline",
        "## Pay",
        "## Calibration",
        "## Changes since 2025-11-01",
    ] {
        assert!(md.contains(section), "{section} missing");
    }
    let mut html_args = base.to_vec();
    html_args.extend(["--format", "html"]);
    let html = rungs(&html_args).ok();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<svg")
            && html.contains("@media print"),
        "{}",
        &html[..200]
    );
    let mut since = base.to_vec();
    since.extend(["--since", "2026-05-01", "--json"]);
    let json = rungs(&since).json();
    assert_eq!(
        (json["as_of"].as_str(), json["since"].as_str()),
        (Some("2026-11-01"), Some("2026-05-01"))
    );
    let err = rungs(&[
        "team",
        "report",
        "--roster",
        &roster,
        "--as-of",
        "2026-11-01",
        "--since",
        "2027-01-01",
    ])
    .fails();
    assert!(
        err.contains("--since: 2027-01-01 is not before the day of the report, 2026-11-01"),
        "{err}"
    );
}

/// The text of each element `<tag>…</tag>` in a document, tags inside stripped, entities read.
fn texts(html: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(start) = after.find('>') else { break };
        let body = &after[start + 1..];
        let end = body.find(&close).unwrap_or(body.len());
        let mut text = String::new();
        let mut in_tag = false;
        for c in body[..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(
            text.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        );
        rest = &body[end..];
    }
    out
}

#[test]
fn html_and_markdown_carry_the_same_sections_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path(), "1", "300");
    let roster = d.join("roster.csv").to_string_lossy().into_owned();
    let assessments = d.join("assessments").to_string_lossy().into_owned();
    let base = [
        "team",
        "report",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
        "--as-of",
        "2026-11-01",
    ];
    let md = rungs(&base).ok();
    let mut args = base.to_vec();
    args.extend(["--format", "html"]);
    let html = rungs(&args).ok();
    let md_sections: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(texts(&html, "h2"), md_sections);
    for wanted in [
        "Ready now",
        "Promoted",
        "Self against manager",
        "Mean self − manager",
    ] {
        assert!(md.contains(wanted) && html.contains(wanted), "{wanted}");
    }
    // Every table cell of the Markdown is a cell of the HTML, figures and all.
    let cells: std::collections::HashSet<String> = texts(&html, "td").into_iter().collect();
    let mut checked = 0;
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("|---"))
    {
        for cell in line.trim_matches('|').split(" | ") {
            let cell = cell.trim();
            if cell.is_empty() || line.contains(&format!("| {cell} |\n|---")) {
                continue;
            }
            if cells.contains(cell) {
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} cells matched");
    // Pay with its currency; statistics explained where they appear.
    assert!(md.contains("| $"), "{md}");
    assert!(!md.contains("| 188000 |"));
    for explained in [
        "Lift is the mean rating",
        "Spread is the standard deviation",
        "Compa-ratio: pay divided by",
    ] {
        assert!(
            md.contains(explained) && html.contains(explained),
            "{explained}"
        );
    }
    // Findings are the same text in both.
    let findings: Vec<&str> = md
        .lines()
        .skip_while(|l| *l != "## What to act on")
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_once(". ").map_or(l, |x| x.1))
        .collect();
    let html_findings = texts(&html, "li");
    for f in &findings {
        // As Markdown shows it: a backslash before punctuation shows the punctuation.
        let shown = unescape_markdown(f);
        assert!(html_findings.contains(&shown), "{shown}");
    }
}

#[test]
fn a_manager_limits_the_report_to_their_organization() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo(dir.path(), "1", "120");
    let roster = d.join("roster.csv").to_string_lossy().into_owned();
    let assessments = d.join("assessments").to_string_lossy().into_owned();
    let whole = rungs(&[
        "team",
        "report",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
        "--as-of",
        "2026-11-01",
        "--json",
    ])
    .json();
    // A Group PM over their span: themselves and their reports (who manage no one), and no
    // one else.
    let over = &whole["span"]["over"][0];
    let gpm = over["person"]["id"]
        .as_str()
        .expect("a Group PM")
        .to_owned();
    assert_eq!(over["person"]["level"], "group-pm");
    let part = rungs(&[
        "team",
        "report",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
        "--as-of",
        "2026-11-01",
        "--manager",
        &gpm,
        "--json",
    ])
    .json();
    assert_eq!(
        part["people"].as_u64(),
        over["reports"].as_u64().map(|r| r + 1),
        "{part}"
    );
    let text = fs::read_to_string(&roster).unwrap();
    assert!(part["people"].as_u64() < whole["people"].as_u64());
    // The top of the organization gets everyone.
    let top = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    let all = rungs(&[
        "team",
        "report",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
        "--as-of",
        "2026-11-01",
        "--manager",
        &top,
        "--json",
    ])
    .json();
    assert_eq!(all["people"], whole["people"]);
    let err = rungs(&[
        "team",
        "report",
        "--roster",
        &roster,
        "--manager",
        "nobody",
        "--as-of",
        "2026-11-01",
    ])
    .fails();
    assert!(
        err.contains("--manager: no one on the roster has the id `nobody`"),
        "{err}"
    );
}

#[test]
fn a_bad_roster_is_refused_whole_with_each_place_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    fs::write(
        &path,
        "id,name,level,manager\na,Ana,cpo,\nb,Bea,directer,a\nc,Cal,pm,zz\n",
    )
    .unwrap();
    let err = rungs(&["team", "check", &path.to_string_lossy()]).fails();
    assert!(err.contains("roster.csv:3, column 3 (level)"), "{err}");
    assert!(err.contains("unknown level `directer`"), "{err}");
    assert!(err.contains("did you mean `director`?"), "{err}");
    assert!(err.contains("roster.csv:4, column 4 (manager)"), "{err}");
    assert!(
        err.contains("roster.csv is not a valid roster: 2 errors"),
        "{err}"
    );
    let err = rungs(&["team", "report", "--roster", &path.to_string_lossy()]).fails();
    assert!(
        err.contains("unknown level `directer`"),
        "the report refuses it too: {err}"
    );
}

#[test]
fn assessment_files_join_the_history_by_person_id() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    fs::write(&roster, "id,name,level,track,manager,rung_start\ngrace,Grace Hopper,group-pm,,,2022-01-01\nada,Ada Lovelace,senior-pm,ic,grace,2023-06-01\n").unwrap();
    let assessments = dir.path().join("assessments");
    fs::create_dir(&assessments).unwrap();
    fs::copy(
        repo_file("examples/ada-self.toml"),
        assessments.join("ada-self.toml"),
    )
    .unwrap();
    fs::copy(
        repo_file("examples/ada-manager.json"),
        assessments.join("ada-manager.json"),
    )
    .unwrap();
    let json = rungs(&[
        "team",
        "report",
        "--roster",
        &roster.to_string_lossy(),
        "--assessments",
        &assessments.to_string_lossy(),
        "--as-of",
        "2026-11-01",
        "--json",
    ])
    .json();
    assert_eq!(json["assessments"], 2);
    // Ada's latest manager assessment: 13 of 20 short of Principal PM → stretch.
    let stretch = json["pipeline"]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tier"] == "stretch")
        .unwrap();
    assert_eq!(stretch["people"][0]["id"], "ada");
    assert_eq!(json["calibration"]["compared"], 1);

    // An assessment of someone not on the roster is refused, with the file named.
    let text = fs::read_to_string(repo_file("examples/ada-self.toml"))
        .unwrap()
        .replace("person_id = \"ada\"", "person_id = \"ghost\"");
    fs::write(assessments.join("ghost.toml"), text).unwrap();
    let err = rungs(&[
        "team",
        "check",
        &roster.to_string_lossy(),
        "--assessments",
        &assessments.to_string_lossy(),
    ])
    .fails();
    assert!(err.contains("ghost.toml"), "{err}");
    assert!(
        err.contains("the assessment is of `ghost`, who is not on the roster"),
        "{err}"
    );
}

#[test]
fn the_orgchart_draws_the_reporting_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    fs::write(&path, "id,name,level,manager\na,Ana,director,\nb,Bea,group-pm,a\nc,Cal,pm,b\nd,Dee,pm,b\ne,Eve,principal-pm,a\n").unwrap();
    let out = rungs(&["team", "orgchart", &path.to_string_lossy()]).ok();
    assert_eq!(
        out,
        "Ana · Director (director) · 2 direct\n├── Bea · Group PM (group-pm) · 2 direct ⚠\n│   ├── Cal · PM (pm)\n│   └── Dee · PM (pm)\n└── Eve · Principal PM (principal-pm)\n"
    );
    let out = rungs(&["team", "orgchart", &path.to_string_lossy(), "--depth", "1"]).ok();
    assert!(out.contains("│   └── … 2 more below"), "{out}");
    let out = rungs(&["team", "orgchart", &path.to_string_lossy(), "--from", "b"]).ok();
    assert!(out.starts_with("Bea · Group PM"), "{out}");
}

/// Markdown's text as a reader sees it: `\_` is `_`, `\`` is `` ` ``.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn a_name_longer_than_a_name_may_be_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    let long = "n".repeat(50_000);
    fs::write(
        &path,
        format!(
            "id,name,title,level,manager\na,Ana,,cpo,\nb,{long},,director,a\nc,Cal,{long},pm,a\n"
        ),
    )
    .unwrap();
    let err = rungs(&["team", "check", &path.to_string_lossy()]).fails();
    assert!(err.contains("roster.csv:3, column 2 (name)"), "{err}");
    assert!(
        err.contains("the name is 50,000 characters long, more than the 200 a name may be"),
        "{err}"
    );
    assert!(err.contains("roster.csv:4, column 3 (title)"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}
