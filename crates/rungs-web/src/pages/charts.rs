//! Pictures drawn on the server as SVG, from a few small geometry functions. Each has
//! `role="img"`, a title and a description, and the same figures as a table beside it (in a
//! `<details>`); no meaning is carried by colour alone: labels, marks and patterns say it too.

use maud::{Markup, html};

/// A chart's frame: the SVG with its title and description, then the table of its figures.
fn figure(
    id: &str,
    title: &str,
    desc: &str,
    w: f64,
    h: f64,
    body: Markup,
    table: Markup,
) -> Markup {
    html! {
        figure {
            svg role="img" aria-labelledby={ (id) "-t " (id) "-d" } viewBox={ "0 0 " (w) " " (h) }
                width=(w) height=(h) xmlns="http://www.w3.org/2000/svg" {
                title id={ (id) "-t" } { (title) }
                desc id={ (id) "-d" } { (desc) }
                (body)
            }
            figcaption.muted { (desc) }
            details {
                summary { "The figures as a table" }
                (table)
            }
        }
    }
}

/// One rung of the career map.
#[derive(Debug, Clone)]
pub(crate) struct MapRung {
    pub(crate) id: String,
    pub(crate) title: String,
    /// 0 for the shared trunk, -1 for the IC side, 1 for the manager side.
    pub(crate) side: i8,
    pub(crate) track: String,
    pub(crate) rank: u32,
    pub(crate) years: String,
    pub(crate) experience: String,
    pub(crate) pay: String,
}

/// The career map: the trunk, then the two tracks splitting, rung by rung with their years and
/// pay, "you are here" on the viewer's rung, and a link to each level.
pub(crate) fn career_map(
    rungs: &[MapRung],
    steps: &[(String, String)],
    here: Option<&str>,
    stage: &str,
) -> Markup {
    let top = rungs.iter().map(|r| r.rank).max().unwrap_or(1);
    let (w, row, box_w, box_h) = (760.0, 86.0, 220.0, 62.0);
    let h = f64::from(top) * row + 20.0;
    let cx = |side: i8| w / 2.0 + f64::from(side) * 250.0;
    let cy = |rank: u32| f64::from(top - rank) * row + 14.0;
    let at = |id: &str| rungs.iter().find(|r| r.id == id);
    let desc = format!(
        "The ladder from {} up: the shared rungs in the middle, the individual-contributor track to the left and the manager track to the right once it splits. Each rung shows its usual years and its pay at {stage}.{}",
        rungs
            .iter()
            .find(|r| r.rank == 1)
            .map_or("the first rung", |r| r.title.as_str()),
        here.and_then(at)
            .map(|r| format!(" You are at {}.", r.title))
            .unwrap_or_default()
    );
    let body = html! {
        @for (from, to) in steps {
            @if let (Some(a), Some(b)) = (at(from), at(to)) {
                line.line x1=(cx(a.side)) y1=(cy(a.rank)) x2=(cx(b.side)) y2=(cy(b.rank) + box_h)
                    stroke-width="2" {}
            }
        }
        @for r in rungs {
            @let (x, y) = (cx(r.side) - box_w / 2.0, cy(r.rank));
            @let you = here == Some(r.id.as_str());
            rect class={ "node" @if you { " here" } } x=(x) y=(y) width=(box_w) height=(box_h) rx="6" {}
            text x=(x + 10.0) y=(y + 20.0) font-weight="700" { (r.title) @if you { " · you are here" } }
            text x=(x + 10.0) y=(y + 38.0) { (r.years) }
            text x=(x + 10.0) y=(y + 54.0) { (r.pay) }
        }
    };
    let table = html! {
        table {
            caption { "The rungs, with pay at " (stage) }
            thead { tr { th scope="col" { "Level" } th scope="col" { "Track" } th scope="col" { "Experience" } th scope="col" { "Time on the rung" } th scope="col" { "Pay" } } }
            tbody {
                @for r in rungs.iter().rev() {
                    tr {
                        th scope="row" { a href={ "/levels/" (r.id) } { (r.title) } @if here == Some(r.id.as_str()) { " (you)" } }
                        td { (r.track) } td { (r.experience) } td { (r.years) } td { (r.pay) }
                    }
                }
            }
        }
    };
    html! {
        (figure("career-map", "The career map", &desc, w, h, body, table))
        nav aria-label="Levels" {
            p { "Every level in full: "
                @for (i, r) in rungs.iter().enumerate() {
                    @if i > 0 { " · " }
                    a href={ "/levels/" (r.id) } { (r.title) }
                }
            }
        }
    }
}

/// One competency in the competency chart.
#[derive(Debug, Clone)]
pub(crate) struct CompetencyBar {
    pub(crate) name: String,
    /// One rating per assessment drawn (self, manager), as ranks; none when not assessed.
    pub(crate) ratings: Vec<Option<u8>>,
    /// The bar of the level held and of the target, as ranks.
    pub(crate) held: u8,
    pub(crate) target: u8,
}

/// Bars of each competency's rating against the level held and the target.
pub(crate) fn competencies(
    id: &str,
    bars: &[CompetencyBar],
    series: &[String],
    ranks: &[String],
    held: &str,
    target: &str,
) -> Markup {
    let max = ranks.len().saturating_sub(1).max(1) as f64;
    let (label, plot, row) = (190.0, 480.0, 22.0);
    let w = label + plot + 20.0;
    let h = 28.0 + bars.len() as f64 * row + 8.0;
    let x = |r: f64| label + plot * r / max;
    let per = (row - 6.0) / series.len().max(1) as f64;
    let classes = ["bar1", "bar2", "bar1"];
    let which: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let place = match (series.len(), k) {
                (1, _) => "one bar",
                (_, 0) => "the upper, lighter bar",
                _ => "the lower, darker bar",
            };
            format!("{place} is the {}", s.to_lowercase())
        })
        .collect();
    let desc = format!(
        "For each competency, the rating in ranks from 0 (below the first level) to {} ({}): {}. A solid mark shows the {held} bar, a dashed mark the {target} bar. The table gives the same figures.",
        ranks.len().saturating_sub(1),
        ranks.last().map_or("", String::as_str),
        which.join("; ")
    );
    let body = html! {
        @for (r, _) in ranks.iter().enumerate() {
            line.line x1=(x(r as f64)) y1="16" x2=(x(r as f64)) y2=(h - 8.0) {}
            text x=(x(r as f64)) y="12" text-anchor="middle" { (r) }
        }
        @for (i, b) in bars.iter().enumerate() {
            @let y = 22.0 + i as f64 * row;
            text x=(label - 8.0) y=(y + row * 0.6) text-anchor="end" { (b.name) }
            @for (k, rating) in b.ratings.iter().enumerate() {
                @if let Some(rank) = rating {
                    rect class=(classes[k % 3]) x=(label) y=(y + 2.0 + k as f64 * per) width=(plot * f64::from(*rank) / max) height=(per - 1.0) {}
                }
            }
            line.mark x1=(x(f64::from(b.held))) y1=(y) x2=(x(f64::from(b.held))) y2=(y + row - 2.0) stroke-width="2" {}
            line.mark x1=(x(f64::from(b.target))) y1=(y) x2=(x(f64::from(b.target))) y2=(y + row - 2.0) stroke-width="2" stroke-dasharray="3 2" {}
        }
    };
    let table = html! {
        table {
            caption { "Ratings against " (held) " and " (target) }
            thead { tr {
                th scope="col" { "Competency" }
                @for s in series { th scope="col" { (s) } }
                th scope="col" { (held) " bar" } th scope="col" { (target) " bar" }
            } }
            tbody {
                @for b in bars {
                    tr {
                        th scope="row" { (b.name) }
                        @for r in &b.ratings {
                            td { @match r { Some(r) => (ranks.get(usize::from(*r)).map_or("", String::as_str)), None => "not assessed" } }
                        }
                        td { (ranks.get(usize::from(b.held)).map_or("", String::as_str)) }
                        td { (ranks.get(usize::from(b.target)).map_or("", String::as_str)) }
                    }
                }
            }
        }
        p.muted { "Ranks: " @for (r, n) in ranks.iter().enumerate() { @if r > 0 { " · " } (r) " " (n) } "." }
    };
    figure(
        id,
        &format!("Ratings against {held} and {target}"),
        &desc,
        w,
        h,
        body,
        table,
    )
}

/// One destination of the path fan chart.
#[derive(Debug, Clone)]
pub(crate) struct Fan {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) p10: f64,
    pub(crate) p50: f64,
    pub(crate) p90: f64,
    pub(crate) steps: usize,
}

/// P10 to P90 years to each destination, with the median marked.
pub(crate) fn fan(from: &str, fans: &[Fan]) -> Markup {
    let most = fans.iter().map(|f| f.p90).fold(1.0, f64::max).ceil();
    let (label, plot, row) = (170.0, 500.0, 28.0);
    let w = label + plot + 60.0;
    let h = 30.0 + fans.len() as f64 * row + 10.0;
    let x = |y: f64| label + plot * y / most;
    let ticks: Vec<f64> = (0..=most as u32)
        .step_by(if most > 12.0 { 2 } else { 1 })
        .map(f64::from)
        .collect();
    let desc = format!(
        "Years from {from} to each level within reach: a band from the 10th to the 90th percentile of a simulation, with a dot at the median. The table gives the same figures."
    );
    let body = html! {
        @for t in &ticks {
            line.line x1=(x(*t)) y1="18" x2=(x(*t)) y2=(h - 8.0) {}
            text x=(x(*t)) y="14" text-anchor="middle" { (t) }
        }
        @for (i, f) in fans.iter().enumerate() {
            @let y = 24.0 + i as f64 * row;
            text x=(label - 8.0) y=(y + row * 0.55) text-anchor="end" { (f.title) }
            rect.fan x=(x(f.p10)) y=(y + 4.0) width=((x(f.p90) - x(f.p10)).max(2.0)) height=(row - 10.0) rx="3" {}
            circle.median cx=(x(f.p50)) cy=(y + row / 2.0 - 1.0) r="5" {}
            text x=(x(f.p90) + 6.0) y=(y + row * 0.55) { (format!("{:.1}", f.p50)) " y" }
        }
    };
    let table = html! {
        table {
            caption { "Years from " (from) }
            thead { tr { th scope="col" { "To" } th scope="col" { "Steps" } th scope="col" { "P10" } th scope="col" { "P50" } th scope="col" { "P90" } } }
            tbody {
                @for f in fans {
                    tr data-level=(f.id) data-years=(format!("{:.1}", f.p50)) {
                        th scope="row" { a href={ "/path?to=" (f.id) } { (f.title) } }
                        td { (f.steps) } td { (format!("{:.1}", f.p10)) } td { (format!("{:.1}", f.p50)) } td { (format!("{:.1}", f.p90)) }
                    }
                }
            }
        }
    };
    figure(
        "fan",
        &format!("Years from {from}"),
        &desc,
        w,
        h,
        body,
        table,
    )
}

/// One stage's band on the pay chart.
#[derive(Debug, Clone)]
pub(crate) struct PayBar {
    pub(crate) stage: String,
    pub(crate) min: u64,
    pub(crate) max: u64,
    pub(crate) open_ended: bool,
    pub(crate) label: String,
}

/// The bands of a level by company stage, with an amount placed on them.
pub(crate) fn pay(level: &str, bars: &[PayBar], amount: Option<(u64, String)>) -> Markup {
    let top = bars
        .iter()
        .map(|b| b.max)
        .chain(amount.as_ref().map(|a| a.0))
        .max()
        .unwrap_or(1) as f64
        * 1.1;
    let (label, plot, row) = (170.0, 480.0, 34.0);
    let w = label + plot + 20.0;
    let h = 20.0 + bars.len() as f64 * row + 30.0;
    let x = |v: f64| label + plot * v / top;
    let desc = format!(
        "The pay band of {level} at each company stage, from its minimum to its maximum{}. The table gives the same figures.",
        amount
            .as_ref()
            .map(|(_, t)| format!("; a vertical line marks {t}"))
            .unwrap_or_default()
    );
    let body = html! {
        @for (i, b) in bars.iter().enumerate() {
            @let y = 14.0 + i as f64 * row;
            text x=(label - 8.0) y=(y + row * 0.55) text-anchor="end" { (b.stage) }
            rect.band x=(x(b.min as f64)) y=(y + 4.0) width=(x(b.max as f64) - x(b.min as f64)) height=(row - 12.0) rx="3" {}
            text x=(x(b.min as f64) + 4.0) y=(y + row * 0.55) { (b.label) @if b.open_ended { " and up" } }
        }
        @if let Some((v, text)) = &amount {
            @let ax = x(*v as f64);
            line.mark x1=(ax) y1="8" x2=(ax) y2=(h - 22.0) stroke-width="3" {}
            text x=(ax) y=(h - 8.0) text-anchor="middle" font-weight="700" { (text) }
        }
    };
    let table = html! {
        table {
            caption { "Pay bands of " (level) }
            thead { tr { th scope="col" { "Stage" } th scope="col" { "Band" } } }
            tbody { @for b in bars { tr { th scope="row" { (b.stage) } td { (b.label) @if b.open_ended { " and up" } } } } }
        }
    };
    figure(
        "pay-chart",
        &format!("Pay bands of {level}"),
        &desc,
        w,
        h,
        body,
        table,
    )
}

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
        table {
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
        }
        @if !bands.is_empty() {
            table {
                caption { "The target shape" }
                thead { tr { th scope="col" { "Band" } th scope="col" { "Actual" } th scope="col" { "Target" } th scope="col" { "" } } }
                tbody { @for b in bands { tr { th scope="row" { (b.name) } td { (pct(b.actual)) } td { (pct(b.target)) } td { (b.status) } } } }
            }
        }
    };
    figure("pyramid", "The level pyramid", &desc, w, h, body, table)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
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
        table {
            caption { "Managers by number of direct reports" }
            thead { tr { th scope="col" { "Direct reports" } th scope="col" { "Managers" } } }
            tbody { @for (n, m) in counts { tr { th scope="row" { (n) } td { (m) } } } }
        }
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
        div.scroll {
            table {
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

fn short_position(i: usize, name: &str) -> String {
    match i {
        0 => "below".into(),
        6 => "above".into(),
        _ => name.trim_end_matches(" of the band").to_owned(),
    }
}
