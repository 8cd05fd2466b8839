//! Pictures drawn on the server as SVG, from a few small geometry functions. Each has
//! `role="img"`, a title and a description, and the same figures as a table beside it (in a
//! `<details>`); no meaning is carried by colour alone: labels, marks and patterns say it too.

mod ladder;
mod team;
pub(crate) use ladder::*;
use maud::{Markup, html};
pub(crate) use team::*;

/// One drawing of a chart: its size in SVG units (drawn at that size in pixels) and its marks.
struct Drawing {
    w: f64,
    h: f64,
    body: Markup,
}

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
    figure_of(id, title, desc, Drawing { w, h, body }, None, table)
}

/// A chart drawn twice: `wide` for a screen with room, `narrow` (labels over the bars, the
/// width of a phone) for one without; the stylesheet shows one. Each keeps 12 px labels.
fn figure_of(
    id: &str,
    title: &str,
    desc: &str,
    wide: Drawing,
    narrow: Option<Drawing>,
    table: Markup,
) -> Markup {
    let svg = |d: &Drawing, id: &str, class: &str| {
        html! {
            svg class=(class) role="img" aria-labelledby={ (id) "-t " (id) "-d" } viewBox={ "0 0 " (d.w) " " (d.h) }
                width=(d.w) height=(d.h) xmlns="http://www.w3.org/2000/svg" {
                title id={ (id) "-t" } { (title) }
                desc id={ (id) "-d" } { (desc) }
                (d.body)
            }
        }
    };
    html! {
        figure.chart {
            // Drawn at its own size so that no label shrinks under 12 px: where the screen is
            // narrower still, the chart scrolls sideways inside this frame, which the keyboard
            // can focus.
            div.chart-frame tabindex="0" role="group" aria-label={ (title) ", scrolls sideways on a narrow screen" } {
                @match &narrow {
                    Some(n) => {
                        (svg(&wide, id, "wide"))
                        (svg(n, &format!("{id}-narrow"), "narrow"))
                    }
                    None => (svg(&wide, id, "")),
                }
            }
            figcaption.muted { (desc) }
            details {
                summary { "The figures as a table" }
                (table)
            }
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn short_position(i: usize, name: &str) -> String {
    match i {
        0 => "below".into(),
        6 => "above".into(),
        _ => name.trim_end_matches(" of the band").to_owned(),
    }
}
