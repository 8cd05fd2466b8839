//! The team report as a standalone HTML document, with the team's shape drawn as an SVG chart:
//! what `rungs team report --format html` writes and the API's `format=html` answers.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rungs_core::team::{Report, Status};

use super::packet::STYLE;

const ROWS: usize = 50;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Bars of each band's share of the team, with its target marked.
fn shape_chart(r: &Report) -> Markup {
    let bands = &r.shape.bands;
    let (bar, gap, label) = (22.0, 10.0, 190.0);
    let width = 620.0;
    let scale = (width - label - 60.0)
        / bands
            .iter()
            .map(|b| b.actual.max(b.target + r.shape.tolerance))
            .fold(0.5, f64::max);
    let height = bands.len() as f64 * (bar + gap) + gap;
    html! {
        svg role="img" aria-label="Share of the team in each band, against its target" viewBox=(format!("0 0 {width} {height}")) width="100%" {
            @for (i, b) in bands.iter().enumerate() {
                @let y = gap + i as f64 * (bar + gap);
                @let colour = match b.status { Status::Ok => "#4a7", Status::Over => "#c64", Status::Under => "#d93" };
                text x="0" y=(y + bar * 0.7) font-size="13" { (b.name) }
                rect x=(label) y=(y) width=(b.actual * scale) height=(bar) fill=(colour) {}
                line x1=(label + b.target * scale) x2=(label + b.target * scale) y1=(y - 3.0) y2=(y + bar + 3.0) stroke="#111" stroke-width="2" {}
                text x=(label + b.actual.max(b.target) * scale + 6.0) y=(y + bar * 0.7) font-size="12" { (pct(b.actual)) " (target " (pct(b.target)) ")" }
            }
        }
    }
}

/// The report as a whole HTML document.
pub fn document(r: &Report) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Team report, " (r.as_of.to_string()) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Team report, " (r.as_of.to_string()) }
                p.muted { (r.people) " people · " (r.assessments) " assessments · changes since " (r.since.to_string()) " · " (r.framework) }
                section {
                    h2 { "What to act on" }
                    @if r.findings.is_empty() { p { "Nothing: every check is within the framework's ranges." } }
                    ol { @for f in &r.findings { li { (f) } } }
                }
                section {
                    h2 { "Span of control" }
                    p { (r.span.managers) " people manage others; " (r.span.checked) " hold a level with a span rule." }
                    @if !r.span.over.is_empty() || !r.span.under.is_empty() {
                        table {
                            thead { tr { th { "Person" } th { "Level" } th { "Direct reports" } th { "" } th { "The rule" } } }
                            tbody {
                                @for (i, kind) in r.span.over.iter().map(|i| (i, "over")).chain(r.span.under.iter().map(|i| (i, "under"))).take(ROWS) {
                                    tr { td { (i.person.name) } td { (i.person.level) } td { (i.reports) } td { (kind) } td { (i.rule) } }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { "Shape" }
                    @if r.shape.stated { (shape_chart(r)) }
                    @if let Some(b) = &r.shape.balance {
                        p { "The " (b.track) " track holds " (b.people) " people, " (pct(b.actual)) " of the team (target " (pct(b.min)) "–" (pct(b.max)) ")." }
                    }
                    p.muted { "By level: " @for (i, (l, n)) in r.shape.by_level.iter().enumerate() { @if i > 0 { " · " } (l) " " (n) } }
                }
                section {
                    h2 { "Promotion pipeline" }
                    table {
                        thead { tr { th { "Readiness for the next rung" } th { "People" } } }
                        tbody {
                            @for t in &r.pipeline.tiers { tr { td { (t.name) } td { (t.count) } } }
                            tr { td { "Not assessed" } td { (r.pipeline.not_assessed) } }
                            tr { td { "At the top of their ladder" } td { (r.pipeline.at_top) } }
                        }
                    }
                    @if !r.pipeline.overdue.is_empty() {
                        h3 { "Overdue on their rung" }
                        table {
                            thead { tr { th { "Person" } th { "Level" } th { "Years on the rung" } } }
                            tbody { @for t in r.pipeline.overdue.iter().take(ROWS) { tr { td { (t.person.name) } td { (t.person.level) } td { (format!("{:.1}", t.years)) } } } }
                        }
                    }
                }
                section {
                    h2 { "Pay" }
                    p { (r.pay.checked) " people checked: " (r.pay.below.len()) " below their band, " (r.pay.above.len()) " above." }
                    @for (title, list) in [("Below the band", &r.pay.below), ("Above the band", &r.pay.above)] {
                        @if !list.is_empty() {
                            h3 { (title) }
                            table {
                                thead { tr { th { "Person" } th { "Level" } th { "Pay" } th { "Band" } } }
                                tbody { @for i in list.iter().take(ROWS) { tr { td { (i.person.name) } td { (i.person.level) } td { (i.pay) } td { (i.min) "–" (i.max) } } } }
                            }
                        }
                    }
                    @if !r.pay.by_level.is_empty() {
                        table {
                            thead { tr { th { "Level" } th { "People" } th { "Mean compa-ratio" } th { "Median" } } }
                            tbody { @for l in &r.pay.by_level { tr { td { (l.level) } td { (l.people) } td { (format!("{:.2}", l.mean_compa_ratio)) } td { (format!("{:.2}", l.median_compa_ratio)) } } } }
                        }
                    }
                }
                section {
                    h2 { "Calibration" }
                    p { "Lift is the mean rating of an assessment minus the rank of the level held. The team lifts by " (format!("{:+.2}", r.calibration.team_mean_lift)) " ranks on average; assessors more than " (r.calibration.threshold) " rank away are flagged." }
                    table {
                        thead { tr { th { "Assessor" } th { "Assessments" } th { "Mean lift" } th { "Spread" } th { "" } } }
                        tbody { @for a in r.calibration.assessors.iter().take(ROWS) { tr { td { (a.assessor) } td { (a.assessments) } td { (format!("{:+.2}", a.mean_lift)) } td { (format!("{:.2}", a.spread)) } td { (a.verdict) } } } }
                    }
                    p { (r.calibration.compared) " people have a self and a manager assessment; " (r.calibration.gaps.len()) " differ on three or more competencies." }
                }
                section {
                    h2 { "Changes since " (r.since.to_string()) }
                    p { (r.changes.promoted.len()) " promoted, " (r.changes.moved.len()) " moved across, " (r.changes.new_on_rung.len()) " new on their rung; readiness improved for " (r.changes.improved) " and slipped for " (r.changes.slipped) "." }
                }
            }
        }
    }
}
