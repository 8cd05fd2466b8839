//! The promotion packet as a standalone HTML document that reads well on screen and prints
//! cleanly: what `rungs packet --format html` writes and the API's `format=html` answers.

use maud::{DOCTYPE, Markup, html};
use rungs_core::eval::{ActionKind, Packet};

/// Print-first styling: A4/Letter margins, no backgrounds, tables that do not split rows.
pub(crate) const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #999; padding-bottom: .15rem; margin-top: 1.6rem; }
h3 { font-size: 1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid #ddd; }
th { font-weight: 600; }
tr { break-inside: avoid; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
.tier { font-weight: 700; }
.muted { color: #555; }
ul.checks { list-style: none; padding-left: 0; }
ul.checks li::before { content: "☐ "; }
ul.checks li.met::before { content: "☑ "; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The packet as a whole HTML document.
pub fn document(p: &Packet) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Promotion packet: " (p.person) " → " (p.target_title) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "Promotion packet: " (p.person) " → " (p.target_title) }
                    dl.facts {
                        dt { "Assessed by" } dd { (p.assessor) " (" (p.assessor_kind) "), " (p.date) }
                        dt { "Framework" } dd { (p.framework) " " (p.framework_version) }
                        dt { "Track" } dd { (p.track_name) }
                        dt { "Operates at" } dd { (p.level_title) }
                        dt { "Target" } dd { (p.target_title) }
                        dt { "Readiness" } dd.tier { (p.gap.readiness.name) }
                    }
                }
                section {
                    h2 { "Level" }
                    ul { @for line in &p.outcome.explanation { li { (line) } } }
                }
                section {
                    h2 { "Evidence by competency" }
                    table {
                        thead { tr { th { "Competency" } th { "Rating" } th { "Evidence" } } }
                        tbody {
                            @for c in &p.outcome.per_competency {
                                tr { td { (c.name) } td { (c.rating) } td { @if let Some(e) = &c.evidence { (e) } } }
                            }
                        }
                    }
                }
                section {
                    h2 { "Milestones" }
                    ul.checks {
                        @for m in &p.milestones_met {
                            li.met { (m.text) @if let Some(e) = &m.evidence { span.muted { " — " (e) } } }
                        }
                        @for step in &p.gap.milestones {
                            @for m in &step.open { li { (m.text) span.muted { " (" (step.from) " → " (step.to) ")" } } }
                        }
                    }
                }
                section {
                    h2 { "Gaps to " (p.target_title) }
                    @if p.gap.items.is_empty() {
                        p { "Every competency meets the " (p.target_title) " expectation." }
                    } @else {
                        table {
                            thead { tr { th { "Competency" } th { "Now" } th { (p.target_title) } } }
                            tbody {
                                @for item in &p.gap.items {
                                    tr {
                                        td { (item.name) }
                                        td { @match &item.current_expectation { Some(e) => (e), None => span.muted { "not assessed" } } }
                                        td { (item.target_expectation) }
                                    }
                                }
                            }
                        }
                    }
                    ul { @for r in &p.gap.readiness.reasons { li { (r) } } }
                }
                @if let Some(v) = &p.versus {
                    section {
                        h2 { (v.first.assessor) " (" (v.first.kind) ") and " (v.second.assessor) " (" (v.second.kind) ")" }
                        @if v.differences.is_empty() {
                            p { "The two assessments agree within a level on every competency." }
                        } @else {
                            table {
                                thead { tr { th { "Competency" } th { (v.first.kind) } th { (v.second.kind) } } }
                                tbody { @for d in &v.differences { tr { td { (d.name) } td { (d.first) } td { (d.second) } } } }
                            }
                        }
                    }
                }
                section {
                    h2 { "Plan" }
                    ol {
                        @for a in p.plan.actions.iter().filter(|a| a.kind != ActionKind::Milestone) {
                            li {
                                strong { (a.title) } " (" (a.context) ")"
                                @if let Some(now) = &a.now { br; span.muted { "Now: " } (now) }
                                @if let Some(next) = &a.next { br; span.muted { "Aim: " } (next) }
                            }
                        }
                    }
                    h3 { "Ways to move faster" }
                    ul { @for s in &p.plan.strategies { li { strong { (s.name) } ": " (s.summary) } } }
                }
            }
        }
    }
}
