//! The promotion packet as a committee reads it: names, third person, evidence gaps flagged,
//! self and manager side by side, a chart, a statement and a sign-off; and printed on A4 and
//! Letter by Chromium, checked page by page with pdftotext.

use std::path::Path;
use std::process::Command;

use crate::support::{repo_file, rungs};

fn ada() -> String {
    repo_file("examples/ada-self.toml")
}

fn manager() -> String {
    repo_file("examples/ada-manager.json")
}

#[test]
fn the_packet_speaks_about_the_person_in_names_with_evidence_gaps_flagged() {
    let md = rungs(&["packet", &ada(), "--versus", &manager()]).ok();
    assert!(
        md.starts_with("# Promotion case: Ada Lovelace, Senior PM → Principal PM\n"),
        "{md}"
    );
    // Names, not ids; about the person, not to them.
    for id in ["senior-pm", "principal-pm", "financial-acumen"] {
        assert!(!md.contains(id), "`{id}` in:\n{md}");
    }
    let lower = md.to_lowercase();
    for word in [" you ", " your ", "you'"] {
        assert!(!lower.contains(word), "`{word}` in:\n{md}");
    }
    assert!(
        md.contains("Ada Lovelace holds Senior PM, and the ratings show Senior PM."),
        "{md}"
    );
    // Self and manager side by side, with the differences marked.
    assert!(
        md.contains("| Competency | Self-assessment | Manager's assessment | Meets Principal PM | Evidence |"),
        "{md}"
    );
    assert!(
        md.contains("| Product Design | Senior PM ≠ | PM ≠ | No: Design strategy and principles | **No evidence recorded** |"),
        "{md}"
    );
    assert!(
        md.contains("Evidence is recorded for 4 of 20 competencies; 16 have none, flagged below."),
        "{md}"
    );
    assert_eq!(md.matches("**No evidence recorded**").count(), 16, "{md}");
    // The gaps once, in the competency table; the statement and the sign-off at the end.
    assert_eq!(
        md.matches("Portfolio investment strategy").count(),
        1,
        "{md}"
    );
    let statement = md
        .find("## Manager's statement")
        .expect("a statement section");
    let signoff = md.find("## Sign-off").expect("a sign-off section");
    assert!(statement < signoff);
    assert!(
        md.contains(
            "| Promotion committee | | ☐ Promote ☐ Not yet ☐ Promote with conditions | | |"
        ),
        "{md}"
    );

    let html = rungs(&["packet", &ada(), "--versus", &manager(), "--format", "html"]).ok();
    assert!(html.contains("<svg role=\"img\""), "a chart");
    assert!(
        html.contains(
            "<title id=\"chart-title\">Ratings by competency against Principal PM</title>"
        )
    );
    // The HTML has the same sections as the Markdown.
    for h in [
        "Summary",
        "Competencies",
        "Milestones toward Principal PM",
        "What else separates Senior PM and Principal PM",
        "Manager's statement",
        "Sign-off",
    ] {
        assert!(
            html.contains(&format!("<h2>{}</h2>", h.replace('\'', "&#39;")))
                || html.contains(&format!("<h2>{h}</h2>")),
            "{h}"
        );
        assert!(md.contains(&format!("## {h}\n")), "{h}");
    }
    assert!(!html.contains("principal-pm"), "ids in the HTML");
}

/// Chromium and pdftotext, or why the print test cannot run. In CI both must be there.
fn printing_tools() -> Option<(String, String)> {
    let found = |name: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    match (
        found("chromium").or_else(|| found("chromium-browser")),
        found("pdftotext"),
    ) {
        (Some(c), Some(p)) => Some((c, p)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must run the print test: install chromium and poppler-utils (.ci/run does)")
        }
        _ => {
            println!("SKIPPED: printing the packet (install chromium and poppler-utils to run it)");
            None
        }
    }
}

/// Prints an HTML file to PDF on the given paper and returns each page's text.
fn print(chromium: &str, pdftotext: &str, html: &Path, paper: &str, dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(html).expect("the HTML");
    let sized = dir.join(format!("packet-{paper}.html"));
    std::fs::write(
        &sized,
        text.replacen(
            "</head>",
            &format!("<style>@page {{ size: {paper}; }}</style></head>"),
            1,
        ),
    )
    .expect("write");
    let pdf = dir.join(format!("packet-{paper}.pdf"));
    let profile = dir.join(format!("chromium-{paper}"));
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", sized.display()))
        .output()
        .expect("chromium runs");
    assert!(pdf.exists(), "chromium printed nothing: {status:?}");
    let out = Command::new(pdftotext)
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Every heading of the document, and every milestone step's lead line, as plain text.
fn headings(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [
        ("<h1>", "</h1>"),
        ("<h2>", "</h2>"),
        ("<p class=\"step\">", "</p>"),
    ] {
        let mut rest = html;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            let end = after.find(close).unwrap_or(after.len());
            let mut text = String::new();
            let mut in_tag = false;
            for c in after[..end].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            out.push(
                text.replace("&#39;", "'")
                    .replace("&amp;", "&")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn the_packet_prints_on_a4_and_letter_with_no_heading_at_a_page_foot() {
    let Some((chromium, pdftotext)) = printing_tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a directory");
    let html = rungs(&["packet", &ada(), "--versus", &manager(), "--format", "html"]).ok();
    let file = dir.path().join("packet.html");
    std::fs::write(&file, &html).expect("write");
    let heads = headings(&html);
    assert!(heads.iter().any(|h| h == "Sign-off"), "{heads:?}");
    for paper in ["A4", "letter"] {
        let pages = print(&chromium, &pdftotext, &file, paper, dir.path());
        assert!(
            (2..=4).contains(&pages.len()),
            "{paper}: {} pages:\n{}",
            pages.len(),
            pages.join("\n=== page ===\n")
        );
        for (i, page) in pages.iter().enumerate() {
            let lines: Vec<String> = page
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect();
            let last = lines.last().cloned().unwrap_or_default();
            let prev = lines
                .len()
                .checked_sub(2)
                .map(|j| lines[j].clone())
                .unwrap_or_default();
            for h in &heads {
                let stranded = *h == last || (h.ends_with(&last) && h.starts_with(&prev));
                assert!(
                    !stranded,
                    "{paper}: page {} ends with the heading \"{h}\":\n{page}",
                    i + 1
                );
            }
        }
        // Everything is printed: the last page ends with the sign-off.
        assert!(
            pages
                .last()
                .is_some_and(|p| p.contains("Promotion committee")),
            "{paper}"
        );
    }
}
