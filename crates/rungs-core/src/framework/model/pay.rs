//! Pay: bands by level and company stage, and the zones they are paid in.

use serde::Serialize;

/// Pay by level and company stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compensation {
    /// ISO 4217 code, e.g. "USD".
    pub currency: String,
    /// The year the figures describe.
    pub year: u32,
    pub region: String,
    pub industry: Option<String>,
    /// What the figures count, e.g. "total compensation (base + bonus + equity)".
    pub basis: String,
    pub notes: Vec<String>,
    pub stages: Vec<Stage>,
    pub bands: Vec<Band>,
    /// The id of the pay zone the bands above describe (`compensation.zone`; default `base`).
    pub zone: String,
    /// Other pay zones: a multiplier on the bands above, or bands of their own.
    pub zones: Vec<Zone>,
    /// Which zone a roster's location is in, tried in order.
    pub locations: Vec<LocationRule>,
}

/// A pay zone besides the framework's own bands: "latam", "europe", "remote".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Zone {
    /// Where this sits in the source document, e.g. `compensation.zones[1]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    /// ISO 4217 code of the zone's figures: the framework's own currency for a multiplier
    /// zone, the zone's own for one with bands.
    pub currency: String,
    /// The zone's figures are the framework's bands times this.
    pub multiplier: Option<f64>,
    /// Or the zone's own bands, with a range per stage.
    pub bands: Vec<Band>,
}

/// A location rule: a roster location (any case) matching `location` is in `zone`. `*` in the
/// pattern stands for any text: `"* (Brazil)"`, `"Remote*"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationRule {
    #[serde(skip)]
    pub(crate) at: String,
    pub location: String,
    pub zone: String,
}

impl LocationRule {
    /// Whether a location matches the rule's pattern (case and outer spaces aside).
    pub fn matches(&self, location: &str) -> bool {
        glob(
            &self.location.trim().to_lowercase(),
            &location.trim().to_lowercase(),
        )
    }
}

/// `*`-only glob matching.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
}

/// One pay band, which may be shared by several levels, with a range per stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Band {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub levels: Vec<String>,
    pub ranges: Vec<StageRange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageRange {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub stage: String,
    pub range: PayRange,
}

/// A pay range in whole currency units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayRange {
    pub min: u64,
    pub max: u64,
    /// The top is a floor, not a cap: "$700K+".
    pub open_ended: bool,
}

impl PayRange {
    /// The middle of the range, in whole units.
    pub fn midpoint(&self) -> u64 {
        self.min + (self.max - self.min) / 2
    }
}
