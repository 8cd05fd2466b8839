//! HTML written on the server: the documents the command line and the API share (the
//! promotion packet, the team report).

pub mod packet;
pub mod team;

/// How a document carries its styles: inside it (a file written by the command line, opened
/// on its own) or linked from the server (where the Content-Security-Policy allows no inline
/// style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styles {
    Inline,
    Linked,
}

/// The print stylesheet of the documents, as the server serves it.
pub(crate) fn print_css() -> String {
    format!("{}{}", packet::STYLE, team::EXTRA)
}

/// The stylesheet element of a document.
pub(crate) fn styles(how: Styles) -> maud::Markup {
    match how {
        Styles::Inline => maud::html! { style { (maud::PreEscaped(print_css())) } },
        Styles::Linked => maud::html! { link rel="stylesheet" href="/static/print.css"; },
    }
}
