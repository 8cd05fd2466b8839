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
/// A candidate is close when it is a few edits away (a third of the word's length, at least
/// two), or when one contains most of the other ("senior" → "senior-pm").
pub fn nearest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    let lowered = word.to_lowercase();
    let allowed = (word.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let d = distance(word, c);
            let cl = c.to_lowercase();
            // One containing the other counts when the shorter part is substantial: "senior"
            // finds "senior-pm", but "pm" inside "seinor-pm" is a coincidence.
            let (short, long) = if cl.len() <= lowered.len() {
                (&cl, &lowered)
            } else {
                (&lowered, &cl)
            };
            let contains =
                short.len() >= 4 && short.len() * 2 >= long.len() && long.contains(short.as_str());
            // Ids that start with the same word are related: "senior-pm" → "senior-engineer".
            let first = |s: &str| s.split(['-', ' ']).next().unwrap_or_default().to_owned();
            let same_start = first(&lowered).len() >= 4 && first(&lowered) == first(&cl);
            let contains = contains || same_start;
            (d <= allowed || contains).then_some((if contains { d.min(allowed) } else { d }, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
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
