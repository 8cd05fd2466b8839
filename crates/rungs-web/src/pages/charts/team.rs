//! Charts of a team: its shape against the framework's, span of control, and pay within bands.

use super::*;

/// One level of the organization's pyramid.
#[derive(Debug, Clone)]
pub(crate) struct PyramidRow {
    pub(crate) title: String,
    /// 0 for the shared trunk, -1 for the IC side, 1 for the manager side.
    pub(crate) side: i8,
    pub(crate) rank: u32,
    pub(crate) people: usize,
}

/// One band of the framework's target shape: its share of the people, wanted and actual.
#[derive(Debug, Clone)]
pub(crate) struct ShapeBand {
    pub(crate) name: String,
    pub(crate) target: f64,
    pub(crate) actual: f64,
    /// "within", "over" or "under", in words.
    pub(crate) status: String,
}

/// The level pyramid: a bar per level, the IC track to the left and the manager track to the
/// right of the middle, the shared rungs across it; then each band of the target shape with its
/// actual share against the target (a dashed mark).
pub(crate) fn pyramid(rows: &[PyramidRow], bands: &[ShapeBand], total: usize) -> Markup {
    let top = rows.iter().map(|r| r.rank).max().unwrap_or(1);
    let most = rows.iter().map(|r| r.people).max().unwrap_or(1).max(1) as f64;
    let (w, row, half) = (760.0, 30.0, 230.0);
    let mid = w / 2.0;
    let ranks_h = f64::from(top) * row * 2.0;
    let band_row = 28.0;
    let h = ranks_h + 30.0 + bands.len() as f64 * band_row + 20.0;
    let width = |n: usize| half * n as f64 / most;
    // Two rows per rank, so a rank with a level on each side shows both.
    let y_of = |r: &PyramidRow| {
        f64::from(top - r.rank) * row * 2.0 + if r.side > 0 { row } else { 0.0 } + 6.0
    };
    let desc = format!(
        "How the {total} people spread over the levels: the individual-contributor track to the left of the middle, the manager track to the right, the shared rungs across it; below, each band of the framework's target shape with its share of people against the target (dashed)."
    );
    let body = html! {
        line.line x1=(mid) y1="0" x2=(mid) y2=(ranks_h) {}
        @for r in rows {
            @let y = y_of(r);
            @let bw = width(r.people);
            @let (x, anchor, lx) = match r.side {
                -1 => (mid - bw, "end", mid - bw - 6.0),
                1 => (mid, "start", mid + bw + 6.0),
                _ => (mid - bw / 2.0, "end", mid - bw / 2.0 - 6.0),
            };
            rect.bar2 x=(x) y=(y) width=(bw.max(1.0)) height=(row - 8.0) {}
            text x=(lx) y=(y + row * 0.55) text-anchor=(anchor) { (r.title) ": " (r.people) }
        }
        @for (i, b) in bands.iter().enumerate() {
            @let y = ranks_h + 30.0 + i as f64 * band_row;
            @let (x0, span) = (200.0, 420.0);
            text x=(x0 - 8.0) y=(y + 14.0) text-anchor="end" { (b.name) }
            rect.bar1 x=(x0) y=(y + 2.0) width=(span * b.actual) height=(band_row - 10.0) {}
            rect.target x=(x0) y=(y) width=(span * b.target) height=(band_row - 6.0) {}
            text x=(x0 + span * b.actual.max(b.target) + 6.0) y=(y + 14.0) {
                (pct(b.actual)) " (target " (pct(b.target)) ", " (b.status) ")"
            }
        }
    };
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label={ "People by level" } { table {
            caption { "People by level" }
            thead { tr { th scope="col" { "Level" } th scope="col" { "Track" } th scope="col" { "People" } } }
            tbody {
                @for r in rows.iter().rev() {
                    tr {
                        th scope="row" { (r.title) }
                        td { @match r.side { -1 => "Individual contributor", 1 => "Manager", _ => "Shared" } }
                        td { (r.people) }
                    }
                }
            }
        } }
        @if !bands.is_empty() {
            div.table-scroll tabindex="0" role="region" aria-label={ "The target shape" } { table {
                caption { "The target shape" }
                thead { tr { th scope="col" { "Band" } th scope="col" { "Actual" } th scope="col" { "Target" } th scope="col" { "" } } }
                tbody { @for b in bands { tr { th scope="row" { (b.name) } td { (pct(b.actual)) } td { (pct(b.target)) } td { (b.status) } } } }
            } }
        }
    };
    figure("pyramid", "The level pyramid", &desc, w, h, body, table)
}

/// How many managers have each number of direct reports, with the framework's limits marked.
pub(crate) fn span_histogram(counts: &[(usize, usize)], limits: &[(u32, String)]) -> Markup {
    let most_reports = counts
        .iter()
        .map(|c| c.0)
        .chain(limits.iter().map(|l| l.0 as usize))
        .max()
        .unwrap_or(1)
        .max(1);
    let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64;
    let (left, plot_w, plot_h, top) = (50.0, 660.0, 200.0, 16.0);
    let w = left + plot_w + 30.0;
    let h = top + plot_h + 50.0 + limits.len() as f64 * 16.0;
    let step = plot_w / (most_reports + 1) as f64;
    let x = |n: f64| left + step * n;
    let y = |v: f64| top + plot_h - plot_h * v / most;
    let desc = "How many managers have each number of direct reports, with the framework's span limits as dashed lines. The table gives the same figures.";
    let body = html! {
        line.line x1=(left) y1=(top + plot_h) x2=(left + plot_w) y2=(top + plot_h) {}
        @for (n, m) in counts {
            @let bx = x(*n as f64) - step * 0.4;
            rect.bar2 x=(bx) y=(y(*m as f64)) width=(step * 0.8) height=(top + plot_h - y(*m as f64)) {}
            text x=(x(*n as f64)) y=(y(*m as f64) - 4.0) text-anchor="middle" { (m) }
        }
        @for i in 0..=most_reports {
            @if most_reports <= 20 || i % 5 == 0 {
                text x=(x(i as f64)) y=(top + plot_h + 16.0) text-anchor="middle" { (i) }
            }
        }
        text x=(left + plot_w / 2.0) y=(top + plot_h + 34.0) text-anchor="middle" { "direct reports" }
        @for (i, (at, label)) in limits.iter().enumerate() {
            @let lx = x(f64::from(*at));
            line.limit x1=(lx) y1=(top) x2=(lx) y2=(top + plot_h) stroke-width="2" {}
            text x=(left) y=(top + plot_h + 52.0 + i as f64 * 16.0) { "Dashed at " (at) ": " (label) }
        }
    };
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label={ "Managers by number of direct reports" } { table {
            caption { "Managers by number of direct reports" }
            thead { tr { th scope="col" { "Direct reports" } th scope="col" { "Managers" } } }
            tbody { @for (n, m) in counts { tr { th scope="row" { (n) } td { (m) } } } }
        } }
    };
    figure("span-chart", "Span of control", desc, w, h, body, table)
}

/// Where everyone's pay sits in their own band, level by level: a dot per position, its size
/// and number the people there; below the minimum and above the maximum drawn hollow and
/// labelled, outside the band's box.
pub(crate) fn band_dots(
    rows: &[(String, [usize; 7])],
    positions: &[&str; 7],
    currency: &str,
) -> Markup {
    let (label, col, row) = (130.0, 82.0, 34.0);
    let w = label + col * 7.0 + 20.0;
    let h = 40.0 + rows.len() as f64 * row + 10.0;
    let most = rows.iter().flat_map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let cx = |i: usize| label + col * (i as f64 + 0.5);
    let desc = format!(
        "Where each person's pay ({currency}) sits in the band for their level and company stage, level by level: below the minimum, in each fifth of the band, or above the maximum. Each dot's number is the people there; outside the band the dot is hollow and marked with an exclamation mark."
    );
    let body = html! {
        @for (i, name) in positions.iter().enumerate() {
            text x=(cx(i)) y="14" text-anchor="middle" font-size="11" { (short_position(i, name)) }
        }
        @for (r, (title, counts)) in rows.iter().enumerate() {
            @let y = 30.0 + r as f64 * row;
            text x=(label - 8.0) y=(y + row * 0.55) text-anchor="end" { (title) }
            rect.band x=(label + col) y=(y + 3.0) width=(col * 5.0) height=(row - 6.0) opacity="0.35" {}
            @for (i, &n) in counts.iter().enumerate() {
                @if n > 0 {
                    @let radius = 4.0 + 10.0 * (n as f64 / most).sqrt();
                    @let out = i == 0 || i == 6;
                    circle.dot.out[out] cx=(cx(i)) cy=(y + row / 2.0) r=(radius) {}
                    text x=(cx(i) + radius + 3.0) y=(y + row * 0.6) { (n) @if out { "!" } }
                }
            }
        }
    };
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label={ "People by where their pay sits in their band" } { table {
                caption { "People by where their pay sits in their band" }
                thead { tr { th scope="col" { "Level" } @for p in positions { th scope="col" { (p) } } } }
                tbody { @for (title, counts) in rows { tr { th scope="row" { (title) } @for n in counts { td { (n) } } } } }
            }
        }
    };
    figure(
        "band-chart",
        "Pay within the bands",
        &desc,
        w,
        h,
        body,
        table,
    )
}
