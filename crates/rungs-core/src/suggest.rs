//! "Did you mean …?": the nearest known names to a word a person typed.

/// Edit distance between two strings, counted in characters, ignoring case.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidates close enough to `word` to be what was meant, nearest first (at most `limit`).
///
/// A candidate is *close* when it is a few edits away (a third of the word's length, at least
/// two). Failing any close one, a candidate is *related* when one contains most of the other
/// ("senior" → "senior-pm"), when both start with the same word ("senior-pm" →
/// "senior-engineer"), or when each word is a prefix of the other's ("tech-knowledge" →
/// "technical-knowledge"). Close candidates win: a typo should not bring up every relative.
pub fn nearest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    let lowered = word.to_lowercase();
    let allowed = (word.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &str)> = Vec::new();
    let mut related: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let d = distance(word, c);
        if d <= allowed {
            close.push((d, c));
        } else if is_related(&lowered, &c.to_lowercase()) {
            related.push((d, c));
        }
    }
    let mut chosen = if close.is_empty() { related } else { close };
    chosen.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    chosen.dedup_by(|a, b| a.1 == b.1);
    chosen.into_iter().take(limit).map(|(_, c)| c).collect()
}

fn is_related(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // One containing most of the other; "pm" inside "seinor-pm" is a coincidence.
    let contains = short.len() >= 4 && short.len() * 2 >= long.len() && long.contains(short);
    let words = |s: &str| {
        s.split(['-', ' ', '_'])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (wa, wb) = (words(a), words(b));
    let same_start = wa
        .first()
        .is_some_and(|f| f.len() >= 4 && wb.first() == Some(f));
    let prefixes = wa.len() == wb.len()
        && wa.len() > 1
        && wa
            .iter()
            .zip(&wb)
            .all(|(x, y)| x.len() >= 2 && (x.starts_with(y.as_str()) || y.starts_with(x.as_str())));
    contains || same_start || prefixes
}

/// "did you mean `a` or `b`?" for a help line, or `None` when nothing is close.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    let near = nearest(word, candidates, 3);
    match near.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => {
            let quoted: Vec<String> = many.iter().map(|c| format!("`{c}`")).collect();
            let (last, rest) = quoted.split_last()?;
            Some(format!("did you mean {} or {last}?", rest.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_single_character_edits() {
        assert_eq!(distance("senior-pm", "senior-pm"), 0);
        assert_eq!(distance("seinor-pm", "senior-pm"), 2);
        assert_eq!(distance("pm", "apm"), 1);
        assert_eq!(distance("", "vp"), 2);
        assert_eq!(distance("CPO", "cpo"), 0);
    }

    #[test]
    fn a_misspelt_id_suggests_the_nearest_ones() {
        let ids = [
            "apm",
            "pm",
            "senior-pm",
            "principal-pm",
            "group-pm",
            "director",
        ];
        assert_eq!(nearest("seinor-pm", ids, 3), vec!["senior-pm"]);
        assert_eq!(nearest("senior", ids, 3), vec!["senior-pm"]);
        assert_eq!(nearest("principle-pm", ids, 1), vec!["principal-pm"]);
        assert!(nearest("zzzzzzzz", ids, 3).is_empty());
        assert_eq!(
            nearest("senior-pm", ["senior-engineer", "engineer-1"], 3),
            vec!["senior-engineer"]
        );
    }

    #[test]
    fn the_help_line_lists_every_close_candidate() {
        assert_eq!(
            did_you_mean("pn", ["pm", "apm", "vp"]).as_deref(),
            Some("did you mean `pm`, `apm` or `vp`?")
        );
        assert_eq!(did_you_mean("qqqqqq", ["pm"]), None);
    }
}
