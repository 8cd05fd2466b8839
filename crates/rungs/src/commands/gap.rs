//! `rungs gap <file> [--to <level>]`: what stands between a person and a target, side by side.

use std::path::Path;

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::eval::{Evaluator, Gap, Gaps};

use super::Output;
use super::assess::{header, title};
use crate::cli::PersonArgs;
use crate::source;
use crate::text::{WIDTH, bullet, heading, paragraph, row};

pub(super) fn run(
    fw: &Framework,
    file: Option<&Path>,
    from: &PersonArgs,
    to: Option<&str>,
    json: bool,
) -> Result<Output> {
    let ev = Evaluator::new(fw);
    let a = super::person::assessment(fw, file, from)?;
    let gaps = source::gaps(&ev, &a, to)?;
    if json {
        return Output::json(&gaps);
    }
    let mut out = String::new();
    header(fw, &a, &mut out);
    out.push('\n');
    render_all(fw, &gaps, &mut out);
    Ok(Output::text(out))
}

/// One gap, or at the split both branches: a line each side by side, then each in full.
pub(super) fn render_all(fw: &Framework, gaps: &Gaps, out: &mut String) {
    if let Some(note) = &gaps.note {
        paragraph(out, note, 0);
        out.push('\n');
        let widths = [LABEL, WIDTH - LABEL - 2];
        for g in &gaps.gaps {
            row(
                out,
                &[
                    &g.target_title,
                    &format!("{} Readiness: {}.", g.summary, g.readiness.name),
                ],
                &widths,
            );
        }
    }
    for (i, g) in gaps.gaps.iter().enumerate() {
        if gaps.gaps.len() > 1 {
            heading(out, &"━".repeat(WIDTH));
            if i > 0 {
                out.push('\n');
            }
        }
        render(fw, g, out);
    }
}

const LABEL: usize = 20;
const COLUMN: usize = (WIDTH - LABEL - 4) / 2;

pub(super) fn render(fw: &Framework, gap: &Gap, out: &mut String) {
    let short_name = |id: &str| {
        fw.level(id)
            .map_or(id.to_owned(), |l| l.short_title.clone())
    };
    paragraph(out, &format!("Target: {}", title(fw, Some(&gap.target))), 0);
    paragraph(
        out,
        &format!("{} Readiness: {}.", gap.summary, gap.readiness.name),
        0,
    );
    if !gap.items.is_empty() {
        out.push('\n');
        let widths = [LABEL, COLUMN, COLUMN];
        row(out, &["", "Now", &short_name(&gap.target)], &widths);
        let rule = "─".repeat(COLUMN);
        row(out, &["", &rule, &rule], &widths);
        for item in &gap.items {
            let now = match (&item.current_expectation, &item.current_level) {
                (Some(e), Some(l)) => format!("{e} ({})", short_name(l)),
                _ if item.ranks_short.is_none() => "not assessed".to_owned(),
                _ => "below the first level".to_owned(),
            };
            let short = match item.ranks_short {
                Some(1) => "  1 rank short".to_owned(),
                Some(n) => format!("  {n} ranks short"),
                None => "  not assessed".to_owned(),
            };
            // The label column holds the name and, under it, how far short.
            let mut lines = crate::text::wrap(&item.name, LABEL);
            lines.push(short);
            let now_lines = crate::text::wrap(&now, COLUMN);
            let aim_lines = crate::text::wrap(&item.target_expectation, COLUMN);
            let height = lines.len().max(now_lines.len()).max(aim_lines.len());
            for i in 0..height {
                let cell = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                row(
                    out,
                    &[&cell(&lines), &cell(&now_lines), &cell(&aim_lines)],
                    &widths,
                );
            }
        }
    }
    // What else separates the two levels: the facts and the responsibilities.
    if let Some(from) = gap.from_title.as_deref() {
        if !gap.facts.is_empty() || !gap.responsibilities.is_empty() {
            heading(
                out,
                &format!("What else separates {from} and {}", gap.target_title),
            );
            let widths = [LABEL, COLUMN, COLUMN];
            row(out, &["", from, &gap.target_title], &widths);
            let rule = "─".repeat(COLUMN);
            row(out, &["", &rule, &rule], &widths);
            for f in &gap.facts {
                row(out, &[&f.name, &f.a, &f.b], &widths);
            }
            for d in &gap.responsibilities {
                row(out, &[&d.name, &d.a.join(" "), &d.b.join(" ")], &widths);
            }
        }
    }
    if !gap.milestones.is_empty() {
        heading(out, "Milestones on the way");
        for step in &gap.milestones {
            let all = step.met.len() + step.open.len();
            out.push_str(&format!(
                "  {} → {}: {} of {all} met\n",
                short_name(&step.from),
                short_name(&step.to),
                step.met.len()
            ));
            for m in &step.met {
                bullet(out, &format!("[x] {}", m.text), 4);
            }
            for m in &step.open {
                bullet(out, &format!("[ ] {}", m.text), 4);
            }
        }
    }
    heading(out, &format!("Readiness: {}", gap.readiness.name));
    for reason in &gap.readiness.reasons {
        bullet(out, reason, 2);
    }
}
