//! Pay zones: the framework's own bands, and each zone's, with the locations they cover.

use super::*;

/// A pay zone as the pay rules read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PayZone<'f> {
    pub id: &'f str,
    pub name: &'f str,
    /// The currency of the zone's figures.
    pub currency: &'f str,
    /// Applied to `bands` (the framework's own) when set.
    pub multiplier: Option<f64>,
    pub bands: &'f [Band],
}

impl PayZone<'_> {
    /// A level's range at a stage in this zone: its own bands, or the framework's times the
    /// multiplier (rounded to whole units).
    pub fn range(&self, level: &str, stage: &str) -> Option<PayRange> {
        let r = self
            .bands
            .iter()
            .find(|b| b.levels.iter().any(|l| l == level))?
            .ranges
            .iter()
            .find(|r| r.stage == stage)?
            .range;
        Some(match self.multiplier {
            None => r,
            Some(m) => PayRange {
                min: (r.min as f64 * m).round() as u64,
                max: (r.max as f64 * m).round() as u64,
                open_ended: r.open_ended,
            },
        })
    }

    /// "Europe (EUR, 0.62 × the United States bands)", "United States (USD)".
    pub fn describe(&self, base: &str) -> String {
        match self.multiplier {
            Some(m) => format!("{} ({}, {m} × the {base} bands)", self.name, self.currency),
            None => format!("{} ({})", self.name, self.currency),
        }
    }
}

/// Where a roster location puts a person's pay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ZoneOf<'f> {
    In(PayZone<'f>),
    /// The framework has zones but no rule matches the location.
    Unmapped,
    /// The framework has zones and the person has no location.
    NoLocation,
    /// The framework has no pay data.
    NoPay,
}
