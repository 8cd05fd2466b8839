//! What a level pays, and where an amount sits in its bands: one home for the pay rules every
//! face shows (`rungs pay`, `GET /api/v1/pay/{level}`, the pages).

use serde::Serialize;

use crate::framework::{Framework, Level, PayRange, PayZone, Stage};

/// Why a level's pay cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayError {
    #[error("the {framework} framework has no pay data; add a [compensation] section to it")]
    NoPayData { framework: String },
    #[error("{level} has no pay band {}in this framework", stage.as_ref().map(|s| format!("at stage `{s}` ")).unwrap_or_default())]
    NoBand {
        level: String,
        stage: Option<String>,
    },
}

/// A level's pay bands at one or every company stage, as `rungs pay --json` and
/// `GET /api/v1/pay/{level}` give them; amounts in whole currency units.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayBands {
    pub level: String,
    pub title: String,
    /// The pay zone the figures are for (the framework's own bands: `compensation.zone`).
    pub zone: String,
    /// The zone in words, with its currency and, for a multiplier zone, the rule:
    /// "Europe (EUR, 0.62 × the United States bands)".
    pub zone_name: String,
    /// ISO 4217 code of every figure here, the zone's, e.g. "USD".
    pub currency: String,
    /// The year the figures describe.
    pub year: u32,
    pub region: String,
    pub industry: Option<String>,
    /// What the figures count, e.g. "total compensation (base + bonus + equity)".
    pub basis: String,
    pub notes: Vec<String>,
    /// Other levels paid from the same band.
    pub shared_with: Vec<String>,
    pub bands: Vec<StageBand>,
}

/// One stage's band.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageBand {
    pub stage: String,
    pub stage_name: String,
    pub min: u64,
    pub max: u64,
    /// The maximum is a floor ("$700K+"), not a cap.
    pub open_ended: bool,
    pub midpoint: u64,
}

impl StageBand {
    pub fn range(&self) -> PayRange {
        PayRange {
            min: self.min,
            max: self.max,
            open_ended: self.open_ended,
        }
    }
}

/// A level's bands in a pay zone at `stage`, or at every stage the zone has a band for.
pub fn bands(
    fw: &Framework,
    level: &Level,
    stage: Option<&Stage>,
    zone: &PayZone<'_>,
) -> Result<PayBands, PayError> {
    let comp = fw.compensation().ok_or_else(|| PayError::NoPayData {
        framework: fw.name().to_owned(),
    })?;
    let stages: Vec<&Stage> = match stage {
        Some(s) => vec![s],
        None => comp.stages.iter().collect(),
    };
    let bands: Vec<StageBand> = stages
        .iter()
        .filter_map(|s| {
            let r = zone.range(&level.id, &s.id)?;
            Some(StageBand {
                stage: s.id.clone(),
                stage_name: s.name.clone(),
                min: r.min,
                max: r.max,
                open_ended: r.open_ended,
                midpoint: r.midpoint(),
            })
        })
        .collect();
    if bands.is_empty() {
        return Err(PayError::NoBand {
            level: level.id.clone(),
            stage: stage.map(|s| s.id.clone()),
        });
    }
    Ok(PayBands {
        level: level.id.clone(),
        title: level.title.clone(),
        zone: zone.id.to_owned(),
        zone_name: zone.describe(&comp.region),
        currency: zone.currency.to_owned(),
        year: comp.year,
        region: comp.region.clone(),
        industry: comp.industry.clone(),
        basis: comp.basis.clone(),
        notes: comp.notes.clone(),
        shared_with: fw
            .band_mates(&level.id)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        bands,
    })
}

/// Where an amount sits in a level's bands, as `rungs pay check --json` and
/// `GET /api/v1/pay/{level}/check` give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Placement {
    pub level: String,
    pub title: String,
    /// The pay zone the amount is placed in, and its currency: the amount is taken to be in it.
    pub zone: String,
    pub zone_name: String,
    pub currency: String,
    pub amount: u64,
    /// One per stage asked for (every stage with a band, when none was named).
    pub stages: Vec<StagePlacement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StagePlacement {
    #[serde(flatten)]
    pub band: StageBand,
    #[serde(flatten)]
    pub check: PayCheck,
}

impl StagePlacement {
    /// Where the amount sits, in words: "below the band, $15,000 under its minimum.",
    /// "within the band, 75% of the way from its minimum to its maximum.".
    pub fn verdict_text(&self, currency: &str) -> String {
        use crate::words::money;
        let c = &self.check;
        match c.verdict {
            Verdict::Below => format!(
                "below the band, {} under its minimum.",
                money(c.outside_by, currency)
            ),
            Verdict::Above => format!(
                "above the band, {} over its maximum.",
                money(c.outside_by, currency)
            ),
            Verdict::Within if c.amount > self.band.max => {
                "within the band: above its listed top, which is open-ended.".to_owned()
            }
            Verdict::Within => format!(
                "within the band, {:.0}% of the way from its minimum to its maximum.",
                c.position
            ),
        }
    }
}

/// Places an amount in a level's band at `stage`, or in its band at every stage.
pub fn place(
    fw: &Framework,
    level: &Level,
    stage: Option<&Stage>,
    zone: &PayZone<'_>,
    amount: u64,
) -> Result<Placement, PayError> {
    let b = bands(fw, level, stage, zone)?;
    Ok(Placement {
        level: b.level,
        title: b.title,
        zone: b.zone,
        zone_name: b.zone_name,
        currency: b.currency,
        amount,
        stages: b
            .bands
            .into_iter()
            .map(|band| StagePlacement {
                check: check(&band.range(), amount),
                band,
            })
            .collect(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = PayVerdict))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Below,
    Within,
    Above,
}

/// An amount against a band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayCheck {
    pub amount: u64,
    pub verdict: Verdict,
    /// Where the amount sits between the band's minimum (0%) and maximum (100%); below 0 or
    /// above 100 outside the band.
    pub position: f64,
    /// The amount divided by the band's midpoint.
    pub compa_ratio: f64,
    /// How far outside the band the amount is, in currency units (0 inside it).
    pub outside_by: u64,
}

/// Checks an amount against a band. Above the top of an open-ended band ("$700K+") is within it.
pub fn check(range: &PayRange, amount: u64) -> PayCheck {
    let span = range.max.saturating_sub(range.min) as f64;
    let position = if span > 0.0 {
        (amount as f64 - range.min as f64) / span * 100.0
    } else {
        100.0
    };
    let (verdict, outside_by) = if amount < range.min {
        (Verdict::Below, range.min - amount)
    } else if amount > range.max && !range.open_ended {
        (Verdict::Above, amount - range.max)
    } else {
        (Verdict::Within, 0)
    };
    let midpoint = range.midpoint().max(1) as f64;
    PayCheck {
        amount,
        verdict,
        position: (position * 10.0).round() / 10.0,
        compa_ratio: ((amount as f64 / midpoint) * 100.0).round() / 100.0,
        outside_by,
    }
}

/// Why a text is not an amount, with how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{given}\" {reason}; {help}")]
pub struct AmountError {
    pub given: String,
    pub reason: String,
    pub help: String,
}

/// The ways to write an amount, for a help line.
pub const AMOUNT_HELP: &str = "write it like 185000, 185,000, $185K or 1.2M";

/// Reads an amount as people write it: `185000`, `185,000`, `$185K`, `1.2M`, `€95k`,
/// `CHF 95000`. One rule for separators: a comma (or a space, an underscore or an apostrophe)
/// only groups digits in threes, and a dot is the decimal point. A text that could be read two
/// ways is refused, never guessed: "1,2M" and "2,5K" (a decimal comma?), "120.000" (a dot
/// grouping thousands?), "1.200,50".
pub fn parse_amount(text: &str) -> Result<u64, AmountError> {
    let fail = |reason: &str, help: &str| AmountError {
        given: text.to_owned(),
        reason: reason.to_owned(),
        help: help.to_owned(),
    };
    // Most amounts are plain whole numbers (a roster has one per person): read those directly.
    let plain = text.trim();
    if !plain.is_empty() && plain.len() <= 15 && plain.bytes().all(|b| b.is_ascii_digit()) {
        return plain.parse().map_err(|_| fail("is too large", AMOUNT_HELP));
    }
    let mut t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '$' | '€' | '£' | '¥' | '₹'))
        .collect();
    // A currency code before or after: "CHF 95000", "95000 EUR".
    let code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    if t.len() > 3 && t.is_char_boundary(3) && code(&t[..3]) {
        t = t[3..].trim_start().to_owned();
    } else if t.len() > 3 && t.is_char_boundary(t.len() - 3) && code(&t[t.len() - 3..]) {
        t = t[..t.len() - 3].trim_end().to_owned();
    }
    let (number, factor) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1_000.0),
        Some('m' | 'M') => (&t[..t.len() - 1], 1_000_000.0),
        Some(_) => (t.as_str(), 1.0),
        None => return Err(fail("is not an amount", AMOUNT_HELP)),
    };
    let number = number.trim_end();
    if number.starts_with('-') {
        return Err(fail("is negative", "pay is a whole amount of zero or more"));
    }
    let (whole, decimals) = match number.split_once('.') {
        Some((w, d)) => (w, Some(d)),
        None => (number, None),
    };
    if let Some(d) = decimals {
        if d.contains([',', '.', ' ', '_', '\'']) {
            return Err(fail(
                "mixes dots and commas after the decimal point",
                "write the decimals with one dot and group thousands with commas, like 1,200.50",
            ));
        }
        if factor == 1.0 && d.len() == 3 && !whole.contains(',') {
            return Err(fail(
                "could be read two ways: a dot followed by three digits may group thousands",
                "write 120000 or 120,000 for a hundred and twenty thousand, or 120.0 for a hundred and twenty",
            ));
        }
    }
    // Separators group the whole part in threes, and only that.
    let groups: Vec<&str> = whole.split([',', ' ', '_', '\'']).collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(if groups.len() == 2 && decimals.is_none() {
                fail(
                    "could be read two ways: a comma not followed by three digits may be a decimal comma",
                    "write decimals with a dot (1.2M, 2.5K) and group thousands in threes (1,200,000)",
                )
            } else {
                fail(
                    "groups its digits other than in threes",
                    "group thousands in threes (1,200,000), or leave them out (1200000)",
                )
            });
        }
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("is not an amount", AMOUNT_HELP));
    }
    if decimals.is_some_and(|d| d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit())) {
        return Err(fail("is not an amount", AMOUNT_HELP));
    }
    let value: f64 = match decimals {
        Some(d) => format!("{digits}.{d}").parse(),
        None => digits.parse(),
    }
    .map_err(|_| fail("is not an amount", AMOUNT_HELP))?;
    let amount = value * factor;
    if !(0.0..1e15).contains(&amount) {
        return Err(fail("is too large", AMOUNT_HELP));
    }
    Ok(amount.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAND: PayRange = PayRange {
        min: 150_000,
        max: 210_000,
        open_ended: false,
    };

    #[test]
    fn amounts_are_placed_in_the_band() {
        let c = check(&BAND, 180_000);
        assert_eq!(
            (c.verdict, c.position, c.compa_ratio, c.outside_by),
            (Verdict::Within, 50.0, 1.0, 0)
        );
        assert_eq!(check(&BAND, 150_000).position, 0.0);
        assert_eq!(check(&BAND, 210_000).verdict, Verdict::Within);
        let low = check(&BAND, 140_000);
        assert_eq!((low.verdict, low.outside_by), (Verdict::Below, 10_000));
        assert!(low.position < 0.0);
        let high = check(&BAND, 220_000);
        assert_eq!((high.verdict, high.outside_by), (Verdict::Above, 10_000));
    }

    #[test]
    fn above_an_open_ended_top_is_within() {
        let open = PayRange {
            min: 350_000,
            max: 700_000,
            open_ended: true,
        };
        assert_eq!(check(&open, 900_000).verdict, Verdict::Within);
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        let ok = |t: &str| parse_amount(t).ok();
        assert_eq!(ok("185000"), Some(185_000));
        assert_eq!(ok("185,000"), Some(185_000));
        assert_eq!(ok("1,200,000"), Some(1_200_000));
        assert_eq!(ok("185 000"), Some(185_000));
        assert_eq!(ok("$185K"), Some(185_000));
        assert_eq!(ok("1.2M"), Some(1_200_000));
        assert_eq!(ok("2.5K"), Some(2_500));
        assert_eq!(ok("€95k"), Some(95_000));
        assert_eq!(ok("CHF 95000"), Some(95_000));
        assert_eq!(ok("95,000 EUR"), Some(95_000));
        assert_eq!(ok("1,200.50"), Some(1_201));
        assert_eq!(ok("120.5"), Some(121));
        assert_eq!(ok("lots"), None);
        assert_eq!(ok("-5"), None);
        assert_eq!(ok(""), None);
    }

    #[test]
    fn amounts_with_letters_from_other_alphabets_are_refused_not_a_crash() {
        // Found by the amount fuzz target (fuzz/corpus/amount/non-ascii.txt): the third byte
        // fell inside a character.
        for text in ["$18\u{FFFD}K", "18é000", "€€€", "12\u{2009}000", "ΔΔΔ 100"] {
            assert!(parse_amount(text).is_err(), "{text}");
        }
    }

    #[test]
    fn amounts_that_read_two_ways_are_refused_with_the_reason() {
        for (text, reason) in [
            (
                "1,2M",
                "a comma not followed by three digits may be a decimal comma",
            ),
            (
                "2,5K",
                "a comma not followed by three digits may be a decimal comma",
            ),
            (
                "120.000",
                "a dot followed by three digits may group thousands",
            ),
            ("1.200,50", "mixes dots and commas"),
            ("12,00,000", "groups its digits other than in threes"),
        ] {
            let e = parse_amount(text).expect_err(text);
            assert!(e.to_string().contains(reason), "{text}: {e}");
            assert_eq!(e.given, text);
        }
    }

    #[test]
    fn an_amount_is_placed_at_one_stage_or_every_stage() {
        let fw = crate::framework::builtin();
        let pm = fw.find_level("pm").expect("pm");
        let us = fw.pay_zone(None).expect("the built-in's own zone");
        assert_eq!((us.id, us.currency), ("us", "USD"));
        let all = place(fw, pm, None, &us, 115_000).expect("pm has bands");
        let verdicts: Vec<(&str, Verdict)> = all
            .stages
            .iter()
            .map(|s| (s.band.stage.as_str(), s.check.verdict))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("startup", Verdict::Within),
                ("mid-size", Verdict::Within),
                ("large", Verdict::Below)
            ]
        );
        let large = fw.find_stage("large").expect("a stage");
        let one = place(fw, pm, Some(large), &us, 170_000).expect("a band");
        assert_eq!(one.stages.len(), 1);
        assert_eq!(
            (one.stages[0].check.position, one.currency.as_str()),
            (50.0, "USD")
        );
        let engineering = crate::framework::load(
            "e.toml",
            include_bytes!("../../../frameworks/examples/engineering.toml"),
        )
        .expect("the example loads")
        .framework;
        let level = &engineering.levels()[0];
        let none = engineering.find_stage("large");
        assert!(none.is_err(), "the example has its own stages");
        let own = engineering.pay_zone(None).expect("its own bands' zone");
        assert!(bands(&engineering, level, None, &own).is_ok());
    }
}
