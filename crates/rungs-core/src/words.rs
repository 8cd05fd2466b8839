//! Small rules of English that every answer shares, and how amounts and figures are written.

use crate::framework::PayRange;

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
