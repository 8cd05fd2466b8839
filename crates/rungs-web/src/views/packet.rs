//! The promotion packet as a standalone HTML document that reads well on screen and prints on
//! A4 or Letter without a heading stranded at a page foot: what `rungs packet --format html`
//! writes and the API's `format=html` answers.

use maud::{DOCTYPE, Markup, html};
use rungs_core::eval::{Packet, PacketRow};

/// Print-first styling. No page size is set, so the printer's paper (A4 or Letter) is used;
/// headings keep with what follows them and rows, figures and the sign-off never split.
pub(crate) const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #888; padding-bottom: .15rem; margin: 1.4rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #ccc; }
th { font-weight: 600; }
thead { display: table-header-group; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.tier { font-weight: 700; }
.muted { color: #444; }
.flag { font-weight: 600; font-style: italic; }
.apart { font-weight: 600; }
ul.checks { list-style: none; padding-left: 0; margin: .3rem 0; }
ul.checks li { margin: .15rem 0; }
ul.checks li::before { content: "☐ "; }
ul.checks li.met::before { content: "☑ "; }
figure { margin: .5rem 0; }
figcaption { font-size: .9em; color: #333; margin-top: .2rem; }
svg text { font: 9px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #111; }
.lines div { border-bottom: 1px solid #888; height: 1.9rem; }
table.signoff td { height: 2.2rem; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
tr, li, figure, .keep, .statement, .signoff { break-inside: avoid; page-break-inside: avoid; }
@page { margin: 15mm 14mm; }
p.step { margin: .3rem 0 .1rem; }
.table-scroll, .chart-frame { overflow-x: auto; max-width: 100%; position: relative; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
@media screen and (max-width: 52rem) {
  /* On a narrow screen the chart keeps a size its 9-unit labels read at (12 px and more)
     and scrolls inside its frame; so do wide tables. */
  .chart-frame svg { width: 820px; max-width: none; }
}
@media print {
  .table-scroll, .chart-frame { overflow: visible; }
  body { margin: 0; max-width: none; font-size: 9.5pt; padding: 0; }
  table { font-size: 8.5pt; }
  h2 { margin-top: 1rem; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The chart's geometry, in SVG units.
const LABEL: f64 = 150.0;
const PLOT: f64 = 440.0;
const ROW: f64 = 11.0;
const TOP: f64 = 18.0;

/// A bar chart of the ratings per competency on the person's ladder, with the target's bar
/// marked: the same figures as the table under it.
fn chart(p: &Packet) -> Markup {
    let max = p.ranks.len().saturating_sub(1).max(1) as f64;
    let x = |rank: f64| LABEL + PLOT * rank / max;
    let n = p.competencies.len() as f64;
    let height = TOP + n * ROW + 8.0;
    let width = LABEL + PLOT + 10.0;
    let kinds = p.assessments.len().max(1) as f64;
    let bar = (ROW - 4.0) / kinds;
    let shades = ["#bbb", "#333", "#777"];
    html! {
        figure.keep {
            div.chart-frame tabindex="0" role="group" aria-label="The ratings chart, scrolls sideways on a narrow screen" {
            svg role="img" aria-labelledby="chart-title chart-desc" viewBox=(format!("0 0 {width} {height}")) width="100%" {
                title id="chart-title" { "Ratings by competency against " (p.target_title) }
                desc id="chart-desc" {
                    "One bar per assessment for each competency, on the ladder from below the first level to "
                    (p.ranks.last().map_or("", String::as_str))
                    "; a vertical mark shows the bar "
                    (p.target_title) " sets. The table below gives the same figures."
                }
                @for (r, name) in p.ranks.iter().enumerate() {
                    @let gx = x(r as f64);
                    line x1=(gx) y1=(TOP - 4.0) x2=(gx) y2=(TOP + n * ROW) stroke="#ddd" stroke-width="0.6" {}
                    text x=(gx) y=(TOP - 7.0) text-anchor="middle" { (r) }
                    @let _ = name;
                }
                @for (i, row) in p.competencies.iter().enumerate() {
                    @let y = TOP + i as f64 * ROW;
                    text x=(LABEL - 6.0) y=(y + ROW * 0.65) text-anchor="end" { (row.name) }
                    @for (k, rating) in row.ratings.iter().enumerate() {
                        @if let Some(rank) = rating.rank {
                            rect x=(LABEL) y=(y + 2.0 + k as f64 * bar) width=(PLOT * f64::from(rank) / max) height=(bar - 0.5)
                                fill=(shades[k % shades.len()]) {}
                        }
                    }
                    @let tx = x(f64::from(row.target_rank));
                    line x1=(tx) y1=(y + 0.5) x2=(tx) y2=(y + ROW - 0.5) stroke="#000" stroke-width="2" stroke-dasharray="2 1" {}
                }
            }
            }
            figcaption {
                "Ranks: "
                @for (r, name) in p.ranks.iter().enumerate() {
                    @if r > 0 { " · " }
                    (r) " " (name)
                }
                ". Bars: "
                @for (k, a) in p.assessments.iter().enumerate() {
                    @if k > 0 { ", " }
                    (["light", "dark", "middle"][k % 3]) " = " (a.kind_name.to_lowercase())
                }
                ". The dashed mark is the " (p.target_title) " bar."
            }
        }
    }
}

fn row(r: &PacketRow, several: bool) -> Markup {
    html! {
        tr {
            td { (r.name) }
            @for x in &r.ratings {
                td.apart[r.apart] { (x.title) @if r.apart { " ≠" } }
            }
            td { @if r.meets_target { "Yes" } @else { "No" br; span.muted { (r.target_expectation) } } }
            td {
                @if r.evidence.is_empty() { span.flag { "No evidence recorded" } }
                @for (i, e) in r.evidence.iter().enumerate() {
                    @if i > 0 { br; }
                    @if several { span.muted { (e.by) ": " } }
                    (e.text)
                }
            }
        }
    }
}

/// The packet as a whole HTML document.
pub fn document(p: &Packet, how: super::Styles) -> Markup {
    let from = p.held_title.clone().unwrap_or_else(|| "Now".to_owned());
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (p.title()) }
                (super::styles(how))
            }
            body { main {
                header.keep {
                    h1 { (p.title()) }
                    dl.facts {
                        dt { "Person" } dd { (p.person) }
                        @if let Some(h) = &p.held_title { dt { "Holds" } dd { (h) } }
                        dt { "Proposed level" } dd { (p.target_title) }
                        dt { "Track" } dd { (p.track_name) }
                        dt { "Readiness" } dd.tier data-tier=(p.readiness.tier) { (p.readiness.name) }
                        @for a in &p.assessments {
                            dt { (a.kind_name) } dd { (a.assessor) ", " (a.date) ": the ratings show " (a.shown_title) }
                        }
                        dt { "Framework" } dd { (p.framework) " " (p.framework_version) }
                    }
                }
                section {
                    h2 { "Summary" }
                    p { (p.verdict) " " (p.summary) }
                    ul { @for r in &p.readiness.reasons { li { (r) } } }
                    p.flag[!p.evidence_missing.is_empty()] { (p.evidence_note()) }
                    @if let Some(note) = p.agreement_note() { p { (note) } }
                }
                section {
                    h2 { "Competencies" }
                    (chart(p))
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Competency, Evidence" { table {
                        thead {
                            tr {
                                th { "Competency" }
                                @for a in &p.assessments { th { (a.kind_name) } }
                                th { "Meets " (p.target_title) }
                                th { "Evidence" }
                            }
                        }
                        tbody { @for r in &p.competencies { (row(r, p.assessments.len() > 1)) } }
                    } }
                }
                section {
                    h2 { "Milestones toward " (p.target_title) }
                    @if p.milestones.is_empty() { p { "The framework lists no milestones on the way." } }
                    @for step in &p.milestones {
                        div.keep {
                        p.step { strong { (step.from_title) " → " (step.to_title) } ": " (step.met.len()) " of " (step.met.len() + step.open.len()) " met." }
                        ul.checks {
                            @for m in &step.met {
                                li.met {
                                    (m.text) " "
                                    @match &m.evidence {
                                        Some(e) => span.muted { "Evidence: " (e) },
                                        None => span.flag { "No evidence recorded." },
                                    }
                                }
                            }
                            @for m in &step.open { li { (m.text) } }
                        }
                        }
                    }
                    @if !p.other_milestones_met.is_empty() {
                        p { "Also recorded as met:" }
                        ul.checks { @for m in &p.other_milestones_met { li.met { (m.text) } } }
                    }
                }
                @if !p.facts.is_empty() || !p.responsibilities.is_empty() {
                    section {
                        h2 { "What else separates " (from) " and " (p.target_title) }
                        div.table-scroll tabindex="0" role="region" aria-label="Table" { table {
                            thead { tr { th { span.visually-hidden { "What" } } th { (from) } th { (p.target_title) } } }
                            tbody {
                                @for f in &p.facts { tr { th { (f.name) } td { (f.a) } td { (f.b) } } }
                                @for d in &p.responsibilities { tr { th { (d.name) } td { (d.a.join(" ")) } td { (d.b.join(" ")) } } }
                            }
                        } }
                        @if !p.focus.is_empty() {
                            p { "Should the answer be not yet, " (p.person) "'s plan puts " (rungs_core::words::and_list(&p.focus)) " first." }
                        }
                    }
                }
                section.statement {
                    h2 { "Manager's statement" }
                    p.muted { "For the manager: why " (p.person) " is ready for " (p.target_title) ", with examples of work at that level, and anything the committee should weigh." }
                    div.lines { @for _ in 0..7 { div {} } }
                }
                section.signoff {
                    h2 { "Sign-off" }
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Role, Name, Decision, Date" { table.signoff {
                        thead { tr { th { "Role" } th { "Name" } th { "Decision" } th { "Date" } th { "Signature" } } }
                        tbody {
                            @for role in ["Manager", "Second-level manager", "Promotion committee"] {
                                tr { td { (role) } td {} td { "☐ Promote ☐ Not yet ☐ With conditions" } td {} td {} }
                            }
                        }
                    } }
                }
            } }
        }
    }
}
