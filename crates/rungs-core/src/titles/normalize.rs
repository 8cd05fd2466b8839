//! From a raw title to words: lowercased, punctuation dropped, cut at "at <company>", and split
//! into segments at the marks that separate a role from its team or location
//! ("Sr PM, Payments", "PM - Checkout", "Principal PM (AI Platform)").

/// Words of a title, each with the segment it came from, written into reusable buffers.
#[derive(Debug, Default, Clone)]
pub(crate) struct Words {
    /// The lowercased text, words separated by single spaces.
    pub(crate) text: String,
    /// Each word as a byte range of `text`, with its segment number.
    pub(crate) words: Vec<(u32, u32, u16)>,
}

impl Words {
    pub(crate) fn word(&self, i: usize) -> &str {
        let (a, b, _) = self.words[i];
        &self.text[a as usize..b as usize]
    }

    pub(crate) fn segment(&self, i: usize) -> u16 {
        self.words[i].2
    }
}

/// Splits `title` into words and segments. Separators: `, ; : | ( ) [ ] { } •`, a dash with a
/// space before or after it, and `/` between spaces. A hyphen inside a word splits it into two
/// words of the same segment. Everything after " at " or "@" (the
/// company) is dropped. Dots and apostrophes inside words are dropped ("Sr." → "sr").
pub(crate) fn split(title: &str, out: &mut Words) {
    out.text.clear();
    out.words.clear();
    let mut segment: u16 = 0;
    let mut word_start: Option<usize> = None;
    let mut prev_space = true;
    let mut iter = title.char_indices().peekable();
    let end_word = |out: &mut Words, start: &mut Option<usize>, segment: u16| {
        if let Some(s) = start.take() {
            let e = out.text.len();
            if e > s {
                out.words.push((s as u32, e as u32, segment));
                out.text.push(' ');
            }
        }
    };
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        match c {
            ',' | ';' | ':' | '|' | '(' | ')' | '[' | ']' | '{' | '}' | '•' | '·' => {
                end_word(out, &mut word_start, segment);
                segment = segment.saturating_add(1);
                prev_space = true;
            }
            '-' | '–' | '—' if c != '-' || prev_space || next.is_none_or(char::is_whitespace) =>
            {
                // A dash between words ("PM - Checkout") separates segments.
                end_word(out, &mut word_start, segment);
                segment = segment.saturating_add(1);
                prev_space = true;
            }
            '-' => {
                // A hyphen inside a word joins two words of one segment: "Vice-President" reads
                // as "vice president", and "no-code" as "no code" (the vocabulary is split the
                // same way).
                end_word(out, &mut word_start, segment);
                prev_space = true;
            }
            '@' => break,
            c if c.is_whitespace() => {
                end_word(out, &mut word_start, segment);
                // " at <company>": the rest names the employer, not the role.
                let rest = &title.as_bytes()[i + c.len_utf8()..];
                if !out.words.is_empty()
                    && rest.len() > 3
                    && rest[..2].eq_ignore_ascii_case(b"at")
                    && rest[2] == b' '
                {
                    break;
                }
                prev_space = true;
            }
            '.' | '\'' | '’' | '"' | '“' | '”' | '!' | '?' | '*' => {}
            '/' => {
                // "AI/ML" and "m/f/d" stay one word; "Staff / Principal" splits into two.
                if prev_space || next.is_none_or(char::is_whitespace) {
                    end_word(out, &mut word_start, segment);
                    prev_space = true;
                } else {
                    if word_start.is_none() {
                        word_start = Some(out.text.len());
                    }
                    out.text.push('/');
                    prev_space = false;
                }
            }
            '+' => {
                end_word(out, &mut word_start, segment);
                prev_space = true;
            }
            c => {
                if word_start.is_none() {
                    word_start = Some(out.text.len());
                }
                if c.is_ascii() {
                    out.text.push(c.to_ascii_lowercase());
                } else {
                    out.text.extend(c.to_lowercase());
                }
                prev_space = false;
            }
        }
    }
    end_word(out, &mut word_start, segment);
    // Renumber segments densely, dropping empty ones.
    let mut last = u16::MAX;
    let mut dense: u16 = 0;
    for w in &mut out.words {
        if w.2 != last {
            if last != u16::MAX {
                dense += 1;
            }
            last = w.2;
        }
        w.2 = dense;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(title: &str) -> Vec<(String, u16)> {
        let mut w = Words::default();
        split(title, &mut w);
        (0..w.words.len())
            .map(|i| (w.word(i).to_owned(), w.segment(i)))
            .collect()
    }

    fn flat(title: &str) -> String {
        parts(title)
            .iter()
            .map(|(w, s)| format!("{s}:{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn separators_split_the_role_from_its_team() {
        assert_eq!(flat("Sr. PM, Payments"), "0:sr 0:pm 1:payments");
        assert_eq!(flat("PM - Checkout"), "0:pm 1:checkout");
        assert_eq!(
            flat("Principal PM (AI Platform)"),
            "0:principal 0:pm 1:ai 1:platform"
        );
        assert_eq!(
            flat("Product Manager–Growth"),
            "0:product 0:manager 1:growth"
        );
        assert_eq!(flat("VP, Product | Remote"), "0:vp 1:product 2:remote");
    }

    #[test]
    fn hyphens_join_words_and_slashes_inside_abbreviations_stay() {
        assert_eq!(flat("No-Code PM"), "0:no 0:code 0:pm");
        assert_eq!(
            flat("Vice-President, Product"),
            "0:vice 0:president 1:product"
        );
        assert_eq!(flat("AI/ML Product Manager"), "0:ai/ml 0:product 0:manager");
        assert_eq!(
            flat("Staff / Principal Product Manager"),
            "0:staff 0:principal 0:product 0:manager"
        );
    }

    #[test]
    fn the_company_is_cut_off() {
        assert_eq!(
            flat("Senior Product Manager at Google"),
            "0:senior 0:product 0:manager"
        );
        assert_eq!(flat("Group PM @ Meta"), "0:group 0:pm");
        assert_eq!(flat("Head of Data at Scale"), "0:head 0:of 0:data");
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        assert_eq!(
            flat("SENIOR   PRODUCT MANAGER!"),
            "0:senior 0:product 0:manager"
        );
        assert_eq!(
            flat("Director, Product Management"),
            "0:director 1:product 1:management"
        );
        assert_eq!(flat("Chef de Cuisine"), "0:chef 0:de 0:cuisine");
        assert_eq!(flat("Produktmanagerin Ä"), "0:produktmanagerin 0:ä");
    }
}
