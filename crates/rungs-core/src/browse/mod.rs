//! Browsing the ladder: the whole ladder, one level in full, and two levels side by side with
//! only what differs. The CLI prints these and the API returns them as they are.

pub mod explore;

use serde::Serialize;

use crate::Framework;
use crate::framework::{Level, Milestone, Move, MoveKind, PayRange, SpanRule, Topic, Years};

/// One level as `rungs levels --json` gives it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub short_title: &'a str,
    pub rank: u32,
    pub track: &'a str,
    pub parallel: Option<&'a str>,
    pub aliases: &'a [String],
    pub experience: &'a [Years],
    pub years_on_rung: Option<&'a Years>,
    pub years_to_reach: Option<&'a Years>,
}

/// Every level, in ladder order, as `rungs levels --json` lists them.
pub fn summaries(fw: &Framework) -> Vec<LevelSummary<'_>> {
    fw.ladder()
        .into_iter()
        .map(|l| LevelSummary {
            id: &l.id,
            title: &l.title,
            short_title: &l.short_title,
            rank: l.rank,
            track: &l.track,
            parallel: l.parallel.as_deref(),
            aliases: &l.aliases,
            experience: &l.experience,
            years_on_rung: l.years_on_rung.as_ref(),
            years_to_reach: l.years_to_reach.as_ref(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelView<'a> {
    #[serde(flatten)]
    pub level: &'a Level,
    pub track_name: &'a str,
    pub expectations: Vec<ExpectationView<'a>>,
    pub pay: Vec<PayView<'a>>,
    pub span_of_control: Option<&'a SpanRule>,
    pub moves_up: Vec<Step<'a>>,
    pub moves_in: Vec<Step<'a>>,
    pub beyond: Vec<&'a Topic>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpectationView<'a> {
    pub area: &'a str,
    pub competency: &'a str,
    pub name: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayView<'a> {
    pub stage: &'a str,
    pub currency: &'a str,
    #[serde(flatten)]
    pub range: PayRange,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub kind: MoveKind,
    pub milestones: Vec<&'a Milestone>,
}

/// Everything the framework says about one level.
pub fn level<'a>(fw: &'a Framework, level: &'a Level) -> LevelView<'a> {
    let steps = fw.steps();
    LevelView {
        level,
        track_name: fw.track(&level.track).map_or("", |t| t.name.as_str()),
        expectations: fw
            .competencies()
            .filter_map(|(area, c)| {
                Some(ExpectationView {
                    area: &area.id,
                    competency: &c.id,
                    name: &c.name,
                    text: fw.expectation(c, &level.id)?,
                })
            })
            .collect(),
        pay: pay_views(fw, &level.id),
        span_of_control: fw.span_rule(&level.id),
        moves_up: steps
            .iter()
            .filter(|(f, _, _)| *f == level.id)
            .map(|s| step(fw, s))
            .collect(),
        moves_in: steps
            .iter()
            .filter(|(_, t, _)| *t == level.id)
            .map(|s| step(fw, s))
            .collect(),
        beyond: fw
            .guidance()
            .executive_paths
            .iter()
            .filter(|t| t.levels.contains(&level.id))
            .collect(),
    }
}

fn step<'a>(fw: &'a Framework, &(from, to, m): &(&'a str, &'a str, &'a Move)) -> Step<'a> {
    Step {
        from,
        to,
        kind: m.kind,
        milestones: fw.milestones(from, to),
    }
}

pub fn pay_views<'a>(fw: &'a Framework, level: &str) -> Vec<PayView<'a>> {
    let Some(comp) = fw.compensation() else {
        return Vec::new();
    };
    comp.stages
        .iter()
        .filter_map(|s| {
            Some(PayView {
                stage: &s.id,
                currency: &comp.currency,
                range: fw.pay(level, &s.id)?,
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison<'a> {
    pub a: Side<'a>,
    pub b: Side<'a>,
    /// Plain facts that differ: rank, track, experience, time on rung, reports, time allocation.
    pub facts: Vec<Difference<String>>,
    pub competencies: Vec<CompetencyDifference<'a>>,
    /// The competencies that expect the same at both levels, by name.
    pub same: Vec<&'a str>,
    pub responsibilities: Vec<Difference<Vec<String>>>,
    pub profile: Vec<Difference<String>>,
    pub pay: Vec<Difference<Option<PayRange>>>,
    /// Milestones of a direct move between the two, if there is one.
    pub milestones: Vec<&'a Milestone>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ComparedLevel))]
pub struct Side<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Difference<T> {
    pub id: String,
    pub name: String,
    pub a: T,
    pub b: T,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyDifference<'a> {
    pub area: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub a: &'a str,
    pub b: &'a str,
    /// In words: "raised" going up the ladder from `a` to `b`, "lowered" going down, or
    /// "different" between parallel levels of one rank.
    pub change: &'static str,
}

/// The facts of two levels that differ: rank, track, experience, time on the rung, years to
/// reach, direct reports and time allocation.
fn facts(fw: &Framework, a: &Level, b: &Level) -> Vec<Difference<String>> {
    let mut facts = Vec::new();
    let mut fact = |id: &str, name: &str, x: String, y: String| {
        if x != y {
            facts.push(Difference {
                id: id.into(),
                name: name.into(),
                a: x,
                b: y,
            });
        }
    };
    let track = |l: &Level| {
        fw.track(&l.track)
            .map_or(l.track.clone(), |t| t.name.clone())
    };
    let opt = |y: Option<&Years>| y.map(Years::noted).unwrap_or_else(|| "—".into());
    fact("rank", "Rank", a.rank.to_string(), b.rank.to_string());
    fact("track", "Track", track(a), track(b));
    fact(
        "experience",
        "Experience",
        opt(a.experience.first()),
        opt(b.experience.first()),
    );
    fact(
        "years_on_rung",
        "Time on rung",
        opt(a.years_on_rung.as_ref()),
        opt(b.years_on_rung.as_ref()),
    );
    fact(
        "years_to_reach",
        "Reached in",
        opt(a.years_to_reach.as_ref()),
        opt(b.years_to_reach.as_ref()),
    );
    let reports = |l: &Level| {
        fw.span_rule(&l.id)
            .map_or_else(|| "—".into(), |r| r.summary.clone())
    };
    fact("span_of_control", "Direct reports", reports(a), reports(b));
    let split = |l: &Level| {
        let parts: Vec<String> = l
            .time_allocation
            .iter()
            .map(|s| format!("{}% {}", s.percent, s.activity.to_lowercase()))
            .collect();
        if parts.is_empty() {
            "—".into()
        } else {
            parts.join(", ")
        }
    };
    fact("time_allocation", "Time allocation", split(a), split(b));
    facts
}

/// Only what differs between two levels: facts, expectations, responsibilities, profile, pay,
/// and the milestones of a direct move between them.
pub fn compare<'a>(fw: &'a Framework, a: &'a Level, b: &'a Level) -> Comparison<'a> {
    let facts = facts(fw, a, b);

    let competencies = fw
        .competencies()
        .filter_map(|(area, c)| {
            let (x, y) = (fw.expectation(c, &a.id)?, fw.expectation(c, &b.id)?);
            (x != y).then_some(CompetencyDifference {
                area: &area.id,
                id: &c.id,
                name: &c.name,
                a: x,
                b: y,
                change: match b.rank.cmp(&a.rank) {
                    std::cmp::Ordering::Greater => "raised",
                    std::cmp::Ordering::Less => "lowered",
                    std::cmp::Ordering::Equal => "different",
                },
            })
        })
        .collect();
    let same = fw
        .competencies()
        .filter(|(_, c)| fw.expectation(c, &a.id) == fw.expectation(c, &b.id))
        .map(|(_, c)| c.name.as_str())
        .collect();
    let statements = |l: &Level, dim: &str| {
        l.responsibilities
            .iter()
            .find(|r| r.dimension == dim)
            .map(|r| r.statements.clone())
            .unwrap_or_default()
    };
    let responsibilities = fw
        .dimensions()
        .iter()
        .filter_map(|d| {
            let (x, y) = (statements(a, &d.id), statements(b, &d.id));
            (x != y).then(|| Difference {
                id: d.id.clone(),
                name: d.name.clone(),
                a: x,
                b: y,
            })
        })
        .collect();
    let aspect = |l: &Level, id: &str| {
        l.profile
            .iter()
            .find(|p| p.aspect == id)
            .map_or_else(|| "—".to_owned(), |p| p.text.clone())
    };
    let profile = fw
        .aspects()
        .iter()
        .filter_map(|d| {
            let (x, y) = (aspect(a, &d.id), aspect(b, &d.id));
            (x != y).then(|| Difference {
                id: d.id.clone(),
                name: d.name.clone(),
                a: x,
                b: y,
            })
        })
        .collect();
    let pay = fw
        .compensation()
        .map(|comp| {
            comp.stages
                .iter()
                .filter_map(|s| {
                    let (x, y) = (fw.pay(&a.id, &s.id), fw.pay(&b.id, &s.id));
                    (x != y).then(|| Difference {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        a: x,
                        b: y,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut milestones = fw.milestones(&a.id, &b.id);
    if milestones.is_empty() {
        milestones = fw.milestones(&b.id, &a.id);
    }
    Comparison {
        same,
        a: Side {
            id: &a.id,
            title: &a.title,
        },
        b: Side {
            id: &b.id,
            title: &b.title,
        },
        facts,
        competencies,
        responsibilities,
        profile,
        pay,
        milestones,
    }
}
