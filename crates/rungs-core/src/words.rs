//! Small rules of English that every answer shares, and how amounts and figures are written.

use crate::framework::PayRange;

/// Text that people typed (a name, evidence), safe in a Markdown document, as the HTML pages
/// escape it: it reads as the words typed and does nothing else. What a renderer would take as
/// HTML (`<`, `>`, `&`) is written as text; link and image syntax (`[x](javascript:…)`,
/// `![i](http://…)`), code, emphasis and a backslash are escaped; a line break becomes a space
/// (the text is always placed inside a line of its own: a name with a newline cannot start a
/// heading), and what would open a block at the start of that line (`# `, `- `, `1. `, a rule
/// of `---` or `===`) is escaped too.
pub fn md(text: &str) -> String {
    let inline = md_inline(text);
    let line = inline.trim_start();
    let first = line.chars().next();
    let rest = line.get(1..).unwrap_or_default();
    // A run of digits then `.` or `)` and a space starts an ordered list.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(line.as_bytes().get(digits + 1), None | Some(b' '));
    let block = match first {
        Some('#') => true,
        Some('-' | '+') => rest.starts_with(' ') || rest.trim().chars().all(|c| c == '-'),
        Some('=') => rest.trim().chars().all(|c| c == '='),
        _ => false,
    };
    if block {
        format!("\\{line}")
    } else if numbered {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// The same for a cell of a Markdown table: also no `|` that would end the cell (a cell opens
/// no block, so a cell may start `+0.8` or `1.`).
pub fn md_cell(text: &str) -> String {
    md_inline(text).replace('|', "\\|")
}

/// What [`md`] and [`md_cell`] share: HTML as text, no link, image, code or emphasis, one line.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut gap = false;
    for c in text.chars() {
        if c == '\r' || c == '\n' {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            if !out.ends_with(' ') && c != ' ' {
                out.push(' ');
            }
            gap = false;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// "1 rank", "3 ranks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Joins items as "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

/// A noun phrase with "a" or "an" before it, by its first sound as spelled: "an early-stage
/// startup", "a large tech company".
pub fn article(phrase: &str) -> String {
    let vowel = phrase
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {phrase}", if vowel { "an" } else { "a" })
}

/// A whole number with thousands separators: "20,000".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// An amount with the currency's symbol and thousands separators: "$120,000", "CHF 95,000".
pub fn money(amount: u64, currency: &str) -> String {
    let grouped = grouped(amount);
    match symbol(currency) {
        Some(s) => format!("{s}{grouped}"),
        None => format!("{currency} {grouped}"),
    }
}

/// A short amount for tables: "$120K", "$1M", "$1.2M".
pub fn money_short(amount: u64, currency: &str) -> String {
    let figure = if amount >= 1_000_000 && amount % 100_000 == 0 {
        let m = amount as f64 / 1_000_000.0;
        if m.fract() == 0.0 {
            format!("{m:.0}M")
        } else {
            format!("{m:.1}M")
        }
    } else if amount >= 1_000 && amount % 1_000 == 0 {
        format!("{}K", amount / 1_000)
    } else {
        return money(amount, currency);
    };
    match symbol(currency) {
        Some(s) => format!("{s}{figure}"),
        None => format!("{currency} {figure}"),
    }
}

/// "$120,000 – $170,000", or "$350,000 – $700,000+" for an open-ended band.
pub fn range(r: &PayRange, currency: &str) -> String {
    let plus = if r.open_ended { "+" } else { "" };
    format!(
        "{} – {}{plus}",
        money(r.min, currency),
        money(r.max, currency)
    )
}

/// "$120K–$170K", or "$350K–$700K+".
pub fn range_short(r: &PayRange, currency: &str) -> String {
    let plus = if r.open_ended { "+" } else { "" };
    format!(
        "{}–{}{plus}",
        money_short(r.min, currency),
        money_short(r.max, currency)
    )
}

/// A signed figure to two decimals, as a report shows it: "+0.42", "−0.20", "0.00" (never
/// "-0.00").
pub fn signed(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        "0.00".to_owned()
    } else if r > 0.0 {
        format!("+{r:.2}")
    } else {
        format!("−{:.2}", -r)
    }
}

/// A signed figure compared with a threshold, to two decimals unless that would hide which side
/// of the threshold it is on: 0.503 against 0.5 is "+0.503", never "+0.50".
pub fn signed_beyond(x: f64, threshold: f64) -> String {
    for places in 2..=6 {
        let scale = 10f64.powi(places);
        let shown = (x.abs() * scale).round() / scale;
        if (shown <= threshold) == (x.abs() <= threshold) {
            if places == 2 {
                return signed(x);
            }
            let s = format!("{:.*}", places as usize, x.abs());
            return if x < 0.0 {
                format!("−{s}")
            } else {
                format!("+{s}")
            };
        }
    }
    signed(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_in_markdown_is_only_text() {
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            md("![i](http://evil.test/p.png)"),
            "!\\[i\\](http://evil.test/p.png)"
        );
        assert_eq!(md("Eve\n# Owned"), "Eve # Owned");
        assert_eq!(md("# Owned"), "\\# Owned");
        assert_eq!(md("1. first"), "1\\. first");
        assert_eq!(md("2026 was good"), "2026 was good");
        assert_eq!(md("0.81 of them"), "0.81 of them");
        assert_eq!(md("+0.86 lift"), "+0.86 lift");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("a\r\n\r\nb"), "a b");
        assert_eq!(md_cell("+0.86"), "+0.86");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
        assert_eq!(
            md("`code` *b* _i_ ~s~ \\"),
            "\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ \\\\"
        );
        assert_eq!(md("Ada Lovelace, Senior PM"), "Ada Lovelace, Senior PM");
        assert_eq!(md_cell("a | b\nc"), "a \\| b c");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(count(1, "rank", "ranks"), "1 rank");
        assert_eq!(count(2, "rank", "ranks"), "2 ranks");
    }

    #[test]
    fn figures_read_the_same_wherever_they_appear() {
        assert_eq!(money(188_000, "USD"), "$188,000");
        assert_eq!(money(95_000, "CHF"), "CHF 95,000");
        assert_eq!(signed(0.4249), "+0.42");
        assert_eq!(signed(-0.004), "0.00");
        assert_eq!(signed(-0.2), "−0.20");
        assert_eq!(signed_beyond(0.503, 0.5), "+0.503");
        assert_eq!(signed_beyond(0.62, 0.5), "+0.62");
        assert_eq!(signed_beyond(-0.5004, 0.5), "−0.5004");
    }

    #[test]
    fn money_is_grouped_and_shortened() {
        assert_eq!(money(1_000_000, "USD"), "$1,000,000");
        assert_eq!(money(95_500, "CHF"), "CHF 95,500");
        assert_eq!(money_short(120_000, "USD"), "$120K");
        assert_eq!(money_short(1_000_000, "USD"), "$1M");
        assert_eq!(money_short(1_200_000, "EUR"), "€1.2M");
        assert_eq!(money_short(95_500, "USD"), "$95,500");
    }

    #[test]
    fn an_open_ended_band_ends_with_a_plus() {
        let r = PayRange {
            min: 350_000,
            max: 700_000,
            open_ended: true,
        };
        assert_eq!(range_short(&r, "USD"), "$350K–$700K+");
        assert_eq!(range(&r, "USD"), "$350,000 – $700,000+");
    }
}
