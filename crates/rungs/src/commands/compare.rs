//! `rungs compare <a> <b>`: only what differs between two levels.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::browse::Comparison;
use rungs_core::framework::PayRange;

use super::Output;
use crate::text::{self, WIDTH, bullet, heading, paragraph, row};

pub(super) fn run(fw: &Framework, a: &str, b: &str, json: bool) -> Result<Output> {
    let cmp = rungs_app::ladder::compare(fw, a, b).map_err(super::server::said)?;
    if json {
        return Output::json(&cmp);
    }
    Ok(Output::text(render(fw, &cmp)))
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
