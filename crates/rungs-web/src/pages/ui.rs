//! The design system's components (docs/design.md), as the pages use them: each says what it
//! shows in words, so colour and shape only repeat it. Their look is in `static/rungs.css`.

use maud::{Markup, html};

/// A stat tile: a figure, what it counts, and a line of context; a link when it leads on.
pub(crate) fn tile(value: &str, label: &str, note: &str, href: Option<&str>) -> Markup {
    let inner = html! {
        span.value { (value) }
        span.label { (label) }
        @if !note.is_empty() { span.note { (note) } }
    };
    html! {
        li {
            @match href {
                Some(h) => a.tile href=(h) { (inner) },
                None => div.tile { (inner) },
            }
        }
    }
}

/// How a readiness tier looks: by its place among the framework's tiers (the first, nearest
/// to promotion, reads as good; the last as plain), so a framework's own tiers get the same.
pub(crate) fn tier_badge(
    tiers: &[rungs_core::framework::ReadinessTier],
    id: &str,
    name: &str,
) -> Markup {
    let place = tiers.iter().position(|t| t.id == id);
    let class = match place {
        Some(0) => "badge good",
        Some(1) => "badge info",
        Some(i) if i + 1 < tiers.len() => "badge warn",
        _ => "badge plain",
    };
    html! { span class=(class) data-tier=(id) { (name) } }
}

/// A badge of a state in words: `good`, `warn`, `bad`, `info` or `plain`.
pub(crate) fn badge(kind: &str, text: &str) -> Markup {
    html! { span class={ "badge " (kind) } { (text) } }
}

/// What a readiness tier means, in the framework's own words, for beside its badge.
pub(crate) fn tier_meaning<'a>(
    tiers: &'a [rungs_core::framework::ReadinessTier],
    id: &str,
) -> Option<&'a str> {
    tiers
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.summary.as_deref())
}

/// What each readiness tier means, in the framework's words, for a page that lists tiers.
pub(crate) fn tier_legend(tiers: &[rungs_core::framework::ReadinessTier]) -> Markup {
    html! {
        details.legend {
            summary { "What the readiness tiers mean" }
            dl.facts {
                @for t in tiers {
                    dt { (tier_badge(tiers, &t.id, &t.name)) }
                    dd { (t.summary.as_deref().unwrap_or("")) }
                }
            }
        }
    }
}

/// A meter with its figure in words beside it: "12 of 20 competencies at Group PM".
pub(crate) fn meter(label: &str, value: usize, max: usize, words: &str) -> Markup {
    html! {
        div.meter {
            meter min="0" max=(max.max(1)) value=(value.min(max)) aria-label=(label) {}
            span.figure { (words) }
        }
    }
}

/// A person with their initials and a second line that tells namesakes apart.
pub(crate) fn person(name: &str, href: Option<&str>, sub: &str) -> Markup {
    html! {
        div.person {
            span.initials aria-hidden="true" { (initials(name)) }
            span.who {
                @match href {
                    Some(h) => a href=(h) { (name) },
                    None => strong { (name) },
                }
                @if !sub.is_empty() { span.sub { (sub) } }
            }
        }
    }
}

/// Up to two letters: the first of the first and of the last word.
pub(crate) fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let first = |w: &&str| w.chars().next().into_iter().flat_map(char::to_uppercase);
    match words.as_slice() {
        [] => "?".into(),
        [one] => first(one).collect(),
        [a, .., b] => first(a).chain(first(b)).collect(),
    }
}

/// An empty state: what is missing and the one thing to do about it.
pub(crate) fn empty(title: &str, body: Markup) -> Markup {
    html! {
        div.empty {
            strong { (title) }
            (body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Zoë \"<b>\" O'Neil"), "ZO");
        assert_eq!(initials("Ada Abara-Berg"), "AA");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials("  "), "?");
        assert_eq!(initials("élodie de la Tour"), "ÉT");
    }
}
