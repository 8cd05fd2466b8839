//! A route in words: what it is, and how the years read.

use super::*;

/// The sources whose ladder has every step of a route, and a sentence saying so.
pub(super) fn reading(fw: &Framework, route: &[LevelPos]) -> (Vec<String>, String) {
    let ids: Vec<&str> = route.iter().map(|&l| fw.level_at(l).id.as_str()).collect();
    let follows: Vec<&crate::framework::Source> = fw
        .sources()
        .iter()
        .filter(|s| !s.ladders.is_empty() && ids.windows(2).all(|w| s.has_step(w[0], w[1])))
        .collect();
    let title = |s: &crate::framework::Source| match &s.publisher {
        Some(p) => format!("“{}” by {p}", s.title),
        None => format!("“{}”", s.title),
    };
    let text = match follows.as_slice() {
        [] if fw.sources().iter().all(|s| s.ladders.is_empty()) => String::new(),
        [] => "No one source's ladder has every step of this route: it joins steps from different ladders.".to_owned(),
        [one] => match &one.ladder_note {
            Some(note) => format!("Follows the ladder of {}: {note}.", title(one)),
            None => format!("Follows the ladder of {}.", title(one)),
        },
        many => format!(
            "Follows the ladder of {} sources: {}.",
            many.len(),
            crate::words::and_list(
                &many
                    .iter()
                    .map(|s| format!("“{}”", s.title))
                    .collect::<Vec<_>>()
            )
        ),
    };
    (follows.iter().map(|s| s.id.clone()).collect(), text)
}

/// "a PM", "an Associate PM".
pub(super) fn article_level(title: &str) -> String {
    let vowel = title
        .chars()
        .next()
        .is_some_and(|c| "AEIOU".contains(c.to_ascii_uppercase()));
    format!("{} {title}", if vowel { "an" } else { "a" })
}

/// 2.0 as "2", 7.5 as "7.5".
pub(super) fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}
