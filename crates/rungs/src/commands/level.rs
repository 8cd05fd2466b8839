//! `rungs level <id>`: everything the framework says about one level.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::browse::{self, LevelView, Step};

use super::Output;
use crate::text::{self, WIDTH, bullet, heading, paragraph, row};

pub(super) fn run(fw: &Framework, name: &str, json: bool) -> Result<Output> {
    let level = fw.find_level(name)?;
    let view = browse::level(fw, level);
    if json {
        return Output::json(&view);
    }
    Ok(Output::text(render(fw, &view)))
}

fn render(fw: &Framework, v: &LevelView<'_>) -> String {
    let mut out = String::new();
    identity(&mut out, fw, v);
    figures(&mut out, fw, v);
    sections(&mut out, fw, v);
    out
}

/// The level's name, rank, track, other names and summary.
fn identity(out: &mut String, fw: &Framework, v: &LevelView<'_>) {
    let l = v.level;
    out.push_str(&format!("{} ({})\n", l.title, l.id));
    let mut facts = vec![format!("Rank {}", l.rank), v.track_name.to_owned()];
    if let Some(p) = l.parallel.as_deref().and_then(|p| fw.level(p)) {
        facts.push(format!("parallel to {} ({})", p.short_title, p.id));
    }
    paragraph(out, &facts.join(" · "), 0);
    if !l.aliases.is_empty() {
        paragraph(out, &format!("Also called: {}", l.aliases.join(", ")), 0);
    }
    out.push('\n');
    paragraph(out, &l.summary, 0);
}

/// Experience, time on the rung, years to reach it and the span of control, as rows.
fn figures(out: &mut String, fw: &Framework, v: &LevelView<'_>) {
    let l = v.level;
    let label = 14;
    let widths = [label, WIDTH - label - 2];
    out.push('\n');
    for (i, years) in l.experience.iter().enumerate() {
        let name = if i == 0 { "Experience" } else { "" };
        let source = years
            .source
            .as_deref()
            .and_then(|s| fw.source(s))
            .map(|s| format!(" ({})", s.title));
        let source = if l.experience.len() > 1 {
            source.unwrap_or_default()
        } else {
            String::new()
        };
        row(
            out,
            &[name, &format!("{}{source}", text::years_noted(years))],
            &widths,
        );
    }
    if let Some(y) = &l.years_on_rung {
        row(out, &["Time on rung", &text::years_noted(y)], &widths);
    }
    if let Some(y) = &l.years_to_reach {
        row(out, &["Reached in", &text::years_noted(y)], &widths);
    }
    if let Some(rule) = v.span_of_control {
        row(out, &["Reports", &rule.summary], &widths);
    }
}

/// Responsibilities, expectations, pay and the moves from the level, each under its heading.
fn sections(out: &mut String, fw: &Framework, v: &LevelView<'_>) {
    let l = v.level;
    if !l.responsibilities.is_empty() {
        heading(out, "Responsibilities");
        for d in fw.dimensions() {
            let Some(r) = l.responsibilities.iter().find(|r| r.dimension == d.id) else {
                continue;
            };
            out.push_str(&format!("  {}\n", d.name));
            for s in &r.statements {
                bullet(out, s, 4);
            }
        }
    }
    if !l.profile.is_empty() || !l.time_allocation.is_empty() {
        heading(out, "Profile");
        let widths = [24, WIDTH - 2 - 24 - 2];
        for a in fw.aspects() {
            if let Some(p) = l.profile.iter().find(|p| p.aspect == a.id) {
                row(out, &[&format!("  {}", a.name), &p.text], &widths);
            }
        }
        if !l.time_allocation.is_empty() {
            let split: Vec<String> = l
                .time_allocation
                .iter()
                .map(|s| format!("{}% {}", s.percent, s.activity.to_lowercase()))
                .collect();
            row(out, &["  Time allocation", &split.join(", ")], &widths);
        }
    }
    if !l.duties.is_empty() {
        heading(out, "Typical duties");
        for d in &l.duties {
            bullet(out, d, 2);
        }
    }

    heading(
        out,
        &format!("Expectations ({} competencies)", v.expectations.len()),
    );
    let widths = [26, WIDTH - 4 - 26 - 2];
    for area in fw.areas() {
        out.push_str(&format!("  {}\n", area.name));
        for e in v.expectations.iter().filter(|e| e.area == area.id) {
            row(
                out,
                &[&format!("    {}", e.name), e.text],
                &[widths[0] + 4, widths[1]],
            );
        }
    }

    if !v.pay.is_empty() {
        if let Some(comp) = fw.compensation() {
            heading(
                out,
                &format!(
                    "Pay ({} {}, {}): {}",
                    comp.currency, comp.year, comp.region, comp.basis
                ),
            );
            for p in &v.pay {
                let stage = comp
                    .stages
                    .iter()
                    .find(|s| s.id == p.stage)
                    .map_or(p.stage, |s| s.name.as_str());
                row(
                    out,
                    &[&format!("  {stage}"), &text::range(&p.range, p.currency)],
                    &[24, WIDTH - 26],
                );
            }
            let mates = fw.band_mates(&l.id);
            if !mates.is_empty() {
                paragraph(out, &format!("The same band as {}.", mates.join(", ")), 2);
            }
        }
    }

    if !v.moves_in.is_empty() || !v.moves_up.is_empty() {
        heading(out, "Moves");
        let describe = |s: &Step<'_>, other: &str| {
            let name = fw.level(other).map_or(other.to_owned(), |o| {
                format!("{} ({})", o.short_title, o.id)
            });
            format!("{name}, {}", s.kind.as_str().replace('-', " "))
        };
        for s in &v.moves_up {
            row(out, &["  To", &describe(s, s.to)], &[8, WIDTH - 10]);
        }
        for s in &v.moves_in {
            row(out, &["  From", &describe(s, s.from)], &[8, WIDTH - 10]);
        }
        for s in v.moves_in.iter().filter(|s| !s.milestones.is_empty()) {
            let from = fw.level(s.from).map_or(s.from, |f| f.short_title.as_str());
            heading(
                out,
                &format!(
                    "Milestones for the move up from {from} ({} → {})",
                    s.from, s.to
                ),
            );
            for m in &s.milestones {
                bullet(out, &m.text, 2);
            }
        }
    }
    if !v.beyond.is_empty() {
        heading(out, "Beyond this level");
        for t in &v.beyond {
            bullet(out, &format!("{}: {}", t.name, t.summary), 2);
        }
    }
    if !l.notes.is_empty() {
        heading(out, "Notes");
        for n in &l.notes {
            bullet(out, n, 2);
        }
    }
}
