//! The team report as a standalone HTML document, with the team's shape drawn as an SVG chart:
//! what `rungs team report --format html` writes and the API's `format=html` answers.

use maud::{DOCTYPE, Markup, html};
use rungs_core::team::{Block, Report, Status};

/// What the team report adds to the packet's styles.
pub(crate) const EXTRA: &str = ".explain { font-style: italic; color: #333; }\n";

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

/// One block of a section, as HTML.
fn block(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Text(t) => p { (t) },
            Block::Explain(t) => p.explain { (t) },
            Block::Numbered(items) => ol { @for f in items { li { (f) } } },
            Block::Table { head, rows, more } => {
                div.table-scroll tabindex="0" role="region" aria-label="Table" { table {
                    thead { tr { @for h in head { th { (h) } } } }
                    tbody { @for r in rows { tr { @for c in r { td { (c) } } } } }
                } }
                @if *more > 0 { p.muted { "…and " (more) " more." } }
            }
        }
    }
}

/// The report as a whole HTML document: the same sections as the Markdown, with the team's
/// shape drawn as well.
pub fn document(r: &Report, how: super::Styles) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (r.title()) }
                (super::styles(how))
            }
            body { main {
                h1 { (r.title()) }
                p.muted { (r.subtitle()) }
                @for s in r.sections() {
                    section {
                        h2 { (s.title) }
                        @if s.title == "Shape" && r.shape.stated && !r.shape.bands.is_empty() { (shape_chart(r)) }
                        @for b in &s.blocks { (block(b)) }
                    }
                }
            } }
        }
    }
}
