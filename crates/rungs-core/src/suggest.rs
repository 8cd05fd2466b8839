//! "Did you mean …?": the nearest known names to a word a person typed.

/// Edit distance between two strings, counted in characters, ignoring case: an insertion, a
/// deletion, a change or two neighbours swapped ("DRI" for "DIR") each count one.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    // Three rows of the table: two back (for a swap), the last, and this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

/// The candidates close enough to `word` to be what was meant, nearest first (at most `limit`).
///
/// A candidate is *close* when it is a few edits away: a third of the word's length, at least
/// two for a word of five letters or more and one for a shorter word (so "Mid" is not taken
/// for "DIR", two letters away of three). Failing any close one, a candidate is *related* when one contains most of the other
/// ("senior" → "senior-pm"), when both start with the same word ("senior-pm" →
/// "senior-engineer"), or when each word is a prefix of the other's ("tech-knowledge" →
/// "technical-knowledge"). Close candidates win: a typo should not bring up every relative.
pub fn nearest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    let lowered = word.to_lowercase();
    let len = word.chars().count();
    let allowed = (len / 3).max(if len >= 5 { 2 } else { 1 });
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
    fn a_short_word_two_letters_away_is_not_close() {
        assert_eq!(nearest("Mid", ["DIR", "APM", "PM"], 3), Vec::<&str>::new());
        assert_eq!(did_you_mean("Mid", ["director", "DIR"]), None);
        assert_eq!(
            nearest("DRI", ["DIR", "APM"], 3),
            vec!["DIR"],
            "still a typo"
        );
        assert_eq!(nearest("snior", ["senior", "staff"], 3), vec!["senior"]);
    }

    #[test]
    fn distance_counts_single_character_edits() {
        assert_eq!(distance("senior-pm", "senior-pm"), 0);
        assert_eq!(distance("seinor-pm", "senior-pm"), 1, "two letters swapped");
        assert_eq!(distance("mid", "dir"), 2);
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
            did_you_mean("senior-p", ["senior-pm", "senior-vp", "apm"]).as_deref(),
            Some("did you mean `senior-pm` or `senior-vp`?")
        );
        assert_eq!(
            did_you_mean("pn", ["pm", "apm", "vp"]).as_deref(),
            Some("did you mean `pm`?"),
            "one letter off; `apm` and `vp` are two away from a word of two"
        );
        assert_eq!(did_you_mean("qqqqqq", ["pm"]), None);
    }
}
