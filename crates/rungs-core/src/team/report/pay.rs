//! Pay: who is paid outside their band, and the compa-ratio (pay ÷ band midpoint) by level.

use serde::Serialize;

use super::{Context, PersonRef, names, people_do};
use crate::framework::ZoneOf;
use crate::pay::{Verdict, check as check_pay};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayReport {
    /// The currency of the framework's own bands. Each person is checked against their pay
    /// zone's band, in that zone's currency (each issue says which); compa-ratios are ratios
    /// within each person's own band, so they are comparable across zones.
    pub currency: String,
    pub checked: usize,
    pub below: Vec<PayIssue>,
    pub above: Vec<PayIssue>,
    /// People with pay but no company stage, so no band to check against.
    pub no_stage: usize,
    /// People paid in another currency than their zone's bands: never compared, since the
    /// framework gives no rate between currencies.
    pub other_currency: usize,
    /// Each pay zone with the people checked in it.
    pub zones: Vec<ZonePay>,
    /// People whose location matches none of the framework's location rules: not placed in
    /// any zone, not checked.
    pub unmapped: Vec<Unplaced>,
    /// People with pay but no location, in a framework with pay zones: not checked.
    pub no_location: usize,
    pub by_level: Vec<LevelPay>,
}

/// A pay zone in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZonePay {
    pub zone: String,
    /// "Europe (EUR, 0.62 × the United States bands)".
    pub name: String,
    pub currency: String,
    pub checked: usize,
}

/// Someone whose pay could not be placed in a zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unplaced {
    pub person: PersonRef,
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayIssue {
    pub person: PersonRef,
    /// The zone whose band the pay was checked against, and the currency of every amount here.
    pub zone: String,
    pub currency: String,
    pub pay: u64,
    pub min: u64,
    pub max: u64,
    /// How far outside the band, in currency units.
    pub outside_by: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelPay {
    pub level: String,
    pub title: String,
    pub people: usize,
    /// The mean of pay ÷ band midpoint, 1.0 being the middle of the band.
    pub mean_compa_ratio: f64,
    pub median_compa_ratio: f64,
    /// Where pay sits in each person's own band: how many are below the minimum, in each fifth
    /// of the band from the minimum up, and above the maximum (seven counts).
    pub positions: [usize; 7],
}

/// The names of [`LevelPay::positions`], in order.
pub const BAND_POSITIONS: [&str; 7] = [
    "below the minimum",
    "0–20% of the band",
    "20–40%",
    "40–60%",
    "60–80%",
    "80–100%",
    "above the maximum",
];

/// Which of [`BAND_POSITIONS`] an amount falls in.
fn position(pay: u64, min: u64, max: u64) -> usize {
    if pay < min {
        0
    } else if pay > max {
        6
    } else if max == min {
        3
    } else {
        let share = (pay - min) as f64 / (max - min) as f64;
        1 + ((share * 5.0) as usize).min(4)
    }
}

pub(super) fn check(cx: &Context<'_>) -> PayReport {
    let fw = cx.fw;
    let mut report = PayReport {
        currency: fw
            .compensation()
            .map_or_else(String::new, |c| c.currency.clone()),
        checked: 0,
        below: Vec::new(),
        above: Vec::new(),
        no_stage: 0,
        other_currency: 0,
        zones: Vec::new(),
        unmapped: Vec::new(),
        no_location: 0,
        by_level: Vec::new(),
    };
    let Some(comp) = fw.compensation() else {
        return report;
    };
    let zones = fw.pay_zones();
    let base = comp.region.as_str();
    report.zones = zones
        .iter()
        .map(|z| ZonePay {
            zone: z.id.to_owned(),
            name: z.describe(base),
            currency: z.currency.to_owned(),
            checked: 0,
        })
        .collect();
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); fw.levels().len()];
    let mut positions: Vec<[usize; 7]> = vec![[0; 7]; fw.levels().len()];
    for (p, person) in cx.roster.people.iter().enumerate() {
        let Some(pay) = person.pay else { continue };
        let zone = match fw.zone_of(person.location.as_deref()) {
            ZoneOf::In(z) => z,
            ZoneOf::Unmapped => {
                report.unmapped.push(Unplaced {
                    person: cx.person(p),
                    location: person.location.as_deref().unwrap_or_default().to_owned(),
                });
                continue;
            }
            ZoneOf::NoLocation => {
                report.no_location += 1;
                continue;
            }
            ZoneOf::NoPay => continue,
        };
        // Amounts are compared only within one currency.
        let paid_in = person.currency.as_deref().unwrap_or(comp.currency.as_str());
        if paid_in != zone.currency {
            report.other_currency += 1;
            continue;
        }
        let Some(stage) = person.stage else {
            report.no_stage += 1;
            continue;
        };
        let Some(band) = zone.range(&fw.level_at(person.level).id, &comp.stages[stage].id) else {
            continue;
        };
        report.checked += 1;
        if let Some(z) = report.zones.iter_mut().find(|z| z.zone == zone.id) {
            z.checked += 1;
        }
        let c = check_pay(&band, pay);
        ratios[person.level.index()].push(c.compa_ratio);
        positions[person.level.index()][position(pay, band.min, band.max)] += 1;
        let issue = || PayIssue {
            person: cx.person(p),
            zone: zone.id.to_owned(),
            currency: zone.currency.to_owned(),
            pay,
            min: band.min,
            max: band.max,
            outside_by: c.outside_by,
        };
        match c.verdict {
            Verdict::Below => report.below.push(issue()),
            Verdict::Above => report.above.push(issue()),
            Verdict::Within => {}
        }
    }
    report
        .below
        .sort_by_key(|i| std::cmp::Reverse(i.outside_by));
    report
        .above
        .sort_by_key(|i| std::cmp::Reverse(i.outside_by));
    for level in fw.ladder() {
        let r = &mut ratios[level.pos().index()];
        if r.is_empty() {
            continue;
        }
        r.sort_by(f64::total_cmp);
        let mean = r.iter().sum::<f64>() / r.len() as f64;
        let median = if r.len() % 2 == 1 {
            r[r.len() / 2]
        } else {
            (r[r.len() / 2 - 1] + r[r.len() / 2]) / 2.0
        };
        report.by_level.push(LevelPay {
            level: level.id.clone(),
            title: level.short_title.clone(),
            people: r.len(),
            mean_compa_ratio: mean,
            median_compa_ratio: median,
            positions: positions[level.pos().index()],
        });
    }
    report
}

impl PayReport {
    pub(super) fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.below.is_empty() {
            let list: Vec<PersonRef> = self.below.iter().map(|i| i.person.clone()).collect();
            out.push(format!(
                "{} paid below their band: {}. Review their pay first.",
                people_do(self.below.len(), "is", "are"),
                names(&list, 3)
            ));
        }
        if !self.unmapped.is_empty() {
            let list: Vec<PersonRef> = self.unmapped.iter().map(|u| u.person.clone()).collect();
            out.push(format!(
                "{} in a location no pay zone covers: {}. Their pay is not checked until the framework's [[compensation.locations]] place it.",
                people_do(self.unmapped.len(), "is", "are"),
                names(&list, 3)
            ));
        }
        if self.other_currency > 0 {
            out.push(format!(
                "{} paid in another currency than their zone's bands: not compared, since the framework gives no rate between currencies.",
                people_do(self.other_currency, "is", "are"),
            ));
        }
        if !self.above.is_empty() {
            let list: Vec<PersonRef> = self.above.iter().map(|i| i.person.clone()).collect();
            out.push(format!(
                "{} paid above their band: {}. Check the level, or hold their pay until the band catches up.",
                people_do(self.above.len(), "is", "are"),
                names(&list, 3)
            ));
        }
        out
    }
}
