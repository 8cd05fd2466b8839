//! `rungs compare <a> <b>`: only what differs between two levels.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::framework::{Level, Milestone, PayRange};
use serde::Serialize;

use super::Output;
use crate::text::{self, WIDTH, bullet, heading, paragraph, row};

#[derive(Debug, Serialize)]
struct Comparison<'a> {
    a: Side<'a>,
    b: Side<'a>,
    /// Plain facts that differ: rank, track, experience, time on rung, reports, time allocation.
    facts: Vec<Difference<String>>,
    competencies: Vec<CompetencyDifference<'a>>,
    responsibilities: Vec<Difference<Vec<String>>>,
    profile: Vec<Difference<String>>,
    pay: Vec<Difference<Option<PayRange>>>,
    /// Milestones of a direct move between the two, if there is one.
    milestones: Vec<&'a Milestone>,
}

#[derive(Debug, Serialize)]
struct Side<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Debug, Serialize)]
struct Difference<T> {
    id: String,
    name: String,
    a: T,
    b: T,
}

#[derive(Debug, Serialize)]
struct CompetencyDifference<'a> {
    area: &'a str,
    id: &'a str,
    name: &'a str,
    a: &'a str,
    b: &'a str,
}

pub(super) fn run(fw: &Framework, a: &str, b: &str, json: bool) -> Result<Output> {
    let (a, b) = (fw.find_level(a)?, fw.find_level(b)?);
    let cmp = compare(fw, a, b);
    if json {
        return Output::json(&cmp);
    }
    Ok(Output::text(render(fw, &cmp)))
}

fn compare<'a>(fw: &'a Framework, a: &'a Level, b: &'a Level) -> Comparison<'a> {
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
    let opt = |y: Option<&rungs_core::framework::Years>| {
        y.map(text::years_noted).unwrap_or_else(|| "—".into())
    };
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
            })
        })
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

/// Label column, then one column per level.
const LABEL: usize = 20;
const COLUMN: usize = (WIDTH - LABEL - 4) / 2;
const WIDTHS: [usize; 3] = [LABEL, COLUMN, COLUMN];

fn render(fw: &Framework, c: &Comparison<'_>) -> String {
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!("{} ({})  →  {} ({})", c.a.title, c.a.id, c.b.title, c.b.id),
        0,
    );
    if c.a.id == c.b.id {
        out.push_str("\nThese are the same level: nothing differs.\n");
        return out;
    }
    out.push_str("Only what differs is shown.\n\n");
    row(&mut out, &["", c.a.id, c.b.id], &WIDTHS);
    let rules = "─".repeat(COLUMN);
    row(&mut out, &["", &rules, &rules], &WIDTHS);
    for f in &c.facts {
        row(&mut out, &[&f.name, &f.a, &f.b], &WIDTHS);
    }
    for area in fw.areas() {
        let in_area: Vec<_> = c
            .competencies
            .iter()
            .filter(|d| d.area == area.id)
            .collect();
        if in_area.is_empty() {
            continue;
        }
        heading(&mut out, &area.name);
        for d in in_area {
            row(&mut out, &[&format!("  {}", d.name), d.a, d.b], &WIDTHS);
        }
    }
    let same = fw.competencies().count() - c.competencies.len();
    if same > 0 {
        paragraph(
            &mut out,
            &format!("({same} competencies expect the same at both levels.)"),
            2,
        );
    }
    if !c.responsibilities.is_empty() {
        heading(&mut out, "Responsibilities");
        for d in &c.responsibilities {
            row(
                &mut out,
                &[&format!("  {}", d.name), &d.a.join(" "), &d.b.join(" ")],
                &WIDTHS,
            );
        }
    }
    if !c.profile.is_empty() {
        heading(&mut out, "Profile");
        for d in &c.profile {
            row(&mut out, &[&format!("  {}", d.name), &d.a, &d.b], &WIDTHS);
        }
    }
    if let Some(comp) = fw.compensation() {
        if c.pay.is_empty() {
            heading(&mut out, &format!("Pay ({} {})", comp.currency, comp.year));
            out.push_str("  The same band at every stage.\n");
        } else {
            heading(
                &mut out,
                &format!("Pay ({} {}, {})", comp.currency, comp.year, comp.basis),
            );
            let show = |r: &Option<PayRange>| {
                r.map_or_else(|| "—".to_owned(), |r| text::range_short(&r, &comp.currency))
            };
            for d in &c.pay {
                row(
                    &mut out,
                    &[&format!("  {}", d.name), &show(&d.a), &show(&d.b)],
                    &WIDTHS,
                );
            }
        }
    }
    if !c.milestones.is_empty() {
        let (from, to) = if fw.milestones(c.a.id, c.b.id).is_empty() {
            (c.b.id, c.a.id)
        } else {
            (c.a.id, c.b.id)
        };
        heading(
            &mut out,
            &format!("Milestones for the move from {from} to {to}"),
        );
        for m in &c.milestones {
            bullet(&mut out, &m.text, 2);
        }
    }
    out
}
