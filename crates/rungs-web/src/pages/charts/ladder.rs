//! Charts of the ladder and a person on it: the career map, competency bars, the years fan and pay bands.

use super::*;

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
        div.table-scroll tabindex="0" role="region" aria-label={ "The rungs, with pay at " (stage) } { table {
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
        } }
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
    // Wide: the names in a column at the left. Narrow: each name on a line over its bars,
    // which then take the whole width.
    let draw = |narrow: bool| {
        let (label, plot, row, name_h) = if narrow {
            (8.0, 310.0, 40.0, 16.0)
        } else {
            (190.0, 480.0, 22.0, 0.0)
        };
        let w = label + plot + 20.0;
        let h = 28.0 + bars.len() as f64 * row + 8.0;
        let x = |r: f64| label + plot * r / max;
        let per = (row - name_h - 6.0) / series.len().max(1) as f64;
        let body = html! {
            @for (r, _) in ranks.iter().enumerate() {
                line.line x1=(x(r as f64)) y1="16" x2=(x(r as f64)) y2=(h - 8.0) {}
                text x=(x(r as f64)) y="12" text-anchor="middle" { (r) }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let y = 22.0 + i as f64 * row;
                @if narrow {
                    text x=(label) y=(y + 12.0) { (b.name) }
                } @else {
                    text x=(label - 8.0) y=(y + row * 0.6) text-anchor="end" { (b.name) }
                }
                @let top = y + name_h;
                @for (k, rating) in b.ratings.iter().enumerate() {
                    @if let Some(rank) = rating {
                        rect class=(classes[k % 3]) x=(label) y=(top + 2.0 + k as f64 * per) width=(plot * f64::from(*rank) / max) height=(per - 1.0) {}
                    }
                }
                line.mark x1=(x(f64::from(b.held))) y1=(top) x2=(x(f64::from(b.held))) y2=(y + row - 2.0) stroke-width="2" {}
                line.mark x1=(x(f64::from(b.target))) y1=(top) x2=(x(f64::from(b.target))) y2=(y + row - 2.0) stroke-width="2" stroke-dasharray="3 2" {}
            }
        };
        Drawing { w, h, body }
    };
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label={ "Ratings against " (held) " and " (target) } { table {
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
        } }
        p.muted { "Ranks: " @for (r, n) in ranks.iter().enumerate() { @if r > 0 { " · " } (r) " " (n) } "." }
    };
    figure_of(
        id,
        &format!("Ratings against {held} and {target}"),
        &desc,
        draw(false),
        Some(draw(true)),
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
        div.table-scroll tabindex="0" role="region" aria-label={ "Years from " (from) } { table {
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
        } }
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
    let desc = format!(
        "The pay band of {level} at each company stage, from its minimum to its maximum{}. The table gives the same figures.",
        amount
            .as_ref()
            .map(|(_, t)| format!("; a vertical line marks {t}"))
            .unwrap_or_default()
    );
    // Each stage on a line of its own, its band in words at the right, the bar under them: no
    // label sits on a bar or under the line that marks the amount.
    let draw = |w: f64| {
        let (left, right, row) = (8.0, 12.0, 46.0);
        let plot = w - left - right;
        let x = |v: f64| left + plot * v / top;
        let h = 8.0 + bars.len() as f64 * row + if amount.is_some() { 24.0 } else { 4.0 };
        let body = html! {
            @for (i, b) in bars.iter().enumerate() {
                @let y = 8.0 + i as f64 * row;
                text x=(left) y=(y + 12.0) { (b.stage) }
                text x=(w - right) y=(y + 12.0) text-anchor="end" { (b.label) @if b.open_ended { " and up" } }
                rect.band x=(x(b.min as f64)) y=(y + 20.0) width=(x(b.max as f64) - x(b.min as f64)) height="14" rx="3" {}
                @if let Some((v, _)) = &amount {
                    @let ax = x(*v as f64);
                    line.mark x1=(ax) y1=(y + 17.0) x2=(ax) y2=(y + 37.0) stroke-width="3" {}
                }
            }
            @if let Some((v, text)) = &amount {
                @let ax = x(*v as f64).clamp(left + 60.0, w - right - 60.0);
                text x=(ax) y=(h - 6.0) text-anchor="middle" font-weight="700" { (text) }
            }
        };
        Drawing { w, h, body }
    };
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label={ "Pay bands of " (level) } { table {
            caption { "Pay bands of " (level) }
            thead { tr { th scope="col" { "Stage" } th scope="col" { "Band" } } }
            tbody { @for b in bars { tr { th scope="row" { (b.stage) } td { (b.label) @if b.open_ended { " and up" } } } } }
        } }
    };
    figure_of(
        "pay-chart",
        &format!("Pay bands of {level}"),
        &desc,
        draw(560.0),
        Some(draw(330.0)),
        table,
    )
}
