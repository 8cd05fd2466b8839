//! The shape of the team: the level pyramid and the IC / manager balance, against the
//! framework's target shape.

use serde::Serialize;

use super::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Over,
    Under,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShapeReport {
    /// Whether the framework states a target shape at all.
    pub stated: bool,
    pub tolerance: f64,
    pub bands: Vec<BandShare>,
    pub balance: Option<BalanceShare>,
    /// How many people hold each level, in ladder order.
    pub by_level: Vec<LevelCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelCount {
    pub level: String,
    pub title: String,
    pub people: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BandShare {
    pub name: String,
    pub levels: Vec<String>,
    pub people: usize,
    pub target: f64,
    pub actual: f64,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BalanceShare {
    /// The track counted: people whose level is on it.
    pub track: String,
    pub track_name: String,
    pub people: usize,
    pub min: f64,
    pub max: f64,
    pub actual: f64,
    pub status: Status,
}

pub(super) fn check(cx: &Context<'_>) -> ShapeReport {
    let fw = cx.fw;
    let total = cx.roster.len().max(1) as f64;
    let mut counts = vec![0usize; fw.levels().len()];
    for person in &cx.roster.people {
        counts[person.level.index()] += 1;
    }
    let shape = fw.team_shape();
    let status = |actual: f64, lo: f64, hi: f64| {
        if actual > hi + 1e-9 {
            Status::Over
        } else if actual < lo - 1e-9 {
            Status::Under
        } else {
            Status::Ok
        }
    };
    let bands = shape
        .bands
        .iter()
        .map(|band| {
            let people: usize = band
                .levels
                .iter()
                .filter_map(|l| fw.level_pos(l))
                .map(|i| counts[i.index()])
                .sum();
            let actual = people as f64 / total;
            BandShare {
                name: band.name.clone(),
                levels: band.levels.clone(),
                people,
                target: band.share,
                actual,
                status: status(
                    actual,
                    band.share - shape.tolerance,
                    band.share + shape.tolerance,
                ),
            }
        })
        .collect();
    let balance = shape.balance.as_ref().map(|b| {
        let people = cx
            .roster
            .people
            .iter()
            .filter(|p| fw.level_at(p.level).track == b.track)
            .count();
        let actual = people as f64 / total;
        BalanceShare {
            track: b.track.clone(),
            track_name: fw
                .track(&b.track)
                .map_or(b.track.clone(), |t| t.name.clone()),
            people,
            min: b.min,
            max: b.max,
            actual,
            status: status(actual, b.min, b.max),
        }
    });
    ShapeReport {
        stated: !shape.bands.is_empty() || shape.balance.is_some(),
        tolerance: shape.tolerance,
        bands,
        balance,
        by_level: fw
            .ladder()
            .iter()
            .map(|l| LevelCount {
                level: l.id.clone(),
                title: l.short_title.clone(),
                people: counts[l.pos().index()],
            })
            .collect(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl ShapeReport {
    pub(super) fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.bands {
            match b.status {
                Status::Over => out.push(format!(
                    "{} is {} of the team against a target of {}: fewer hires there, or promotions out of it.",
                    b.name,
                    pct(b.actual),
                    pct(b.target)
                )),
                Status::Under => out.push(format!(
                    "{} is {} of the team against a target of {}: hire or grow people into it.",
                    b.name,
                    pct(b.actual),
                    pct(b.target)
                )),
                Status::Ok => {}
            }
        }
        if let Some(b) = &self.balance {
            match b.status {
                Status::Over => out.push(format!(
                    "The {} track holds {} of the team, above the {}–{} range: too many managers for the people they lead.",
                    b.track,
                    pct(b.actual),
                    pct(b.min),
                    pct(b.max)
                )),
                Status::Under => out.push(format!(
                    "The {} track holds {} of the team, below the {}–{} range: spans will run wide.",
                    b.track,
                    pct(b.actual),
                    pct(b.min),
                    pct(b.max)
                )),
                Status::Ok => {}
            }
        }
        out
    }
}
