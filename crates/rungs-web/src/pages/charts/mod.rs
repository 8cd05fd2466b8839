//! Pictures drawn on the server as SVG, from a few small geometry functions. Each has
//! `role="img"`, a title and a description, and the same figures as a table beside it (in a
//! `<details>`); no meaning is carried by colour alone: labels, marks and patterns say it too.

mod ladder;
mod team;
pub(crate) use ladder::*;
use maud::{Markup, html};
pub(crate) use team::*;

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
        figure.chart {
            // Drawn at its own size so that no label shrinks under 12 px: on a narrow screen
            // the chart scrolls sideways inside this frame, which the keyboard can focus.
            div.chart-frame tabindex="0" role="group" aria-label={ (title) ", scrolls sideways on a narrow screen" } {
                svg role="img" aria-labelledby={ (id) "-t " (id) "-d" } viewBox={ "0 0 " (w) " " (h) }
                    width=(w) height=(h) xmlns="http://www.w3.org/2000/svg" {
                    title id={ (id) "-t" } { (title) }
                    desc id={ (id) "-d" } { (desc) }
                    (body)
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
