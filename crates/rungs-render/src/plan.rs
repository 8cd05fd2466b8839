//! A development plan as a Markdown document, in the order to follow it.

use std::fmt::Write as _;

use rungs_core::eval::Plan;

use crate::escape::md;

/// The plan as a Markdown document, in the order to follow it.
pub fn plan(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Development plan: {} → {}\n",
        plan.person, plan.target_title
    );
    let from = plan
        .from_title
        .as_deref()
        .map(|f| format!(" from {f}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Target: **{}**{from}, {} track. Readiness: **{}**. {}\n",
        plan.target_title,
        plan.track_name.to_lowercase(),
        plan.readiness.name,
        plan.summary
    );
    if let Some(t) = &plan.timing {
        let _ = writeln!(
            out,
            "Target date: **{}**: {:.1} years (P50) from where the assessment of {} puts {}{}, likely between {} and {} (P10–P90). {}\n",
            t.target_date,
            t.years.p50,
            t.from,
            md(&plan.person),
            t.head_start
                .as_ref()
                .map(|h| format!(" ({})", h.reason))
                .unwrap_or_default(),
            t.earliest,
            t.latest,
            t.reading
        );
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    plan_sections(plan, &mut out, "##");
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The plan's sections under headings of the given depth (`##` alone, `###` in a packet).
pub(crate) fn plan_sections(plan: &Plan, out: &mut String, depth: &str) {
    let mut section = 0;
    let mut heading = |out: &mut String, title: &str| {
        section += 1;
        let _ = writeln!(out, "\n{depth} {section}. {title}\n");
    };
    if plan.focus.is_empty() {
        heading(out, "Skills");
        let _ = writeln!(
            out,
            "Every assessed competency already meets the {} expectation.",
            plan.target_title
        );
        if !plan.responsibilities.is_empty() {
            let from = plan.from_title.as_deref().unwrap_or("now");
            let _ = writeln!(
                out,
                "\nWhat separates the two levels is the work itself; take on the {} parts of it:\n",
                plan.target_title
            );
            for d in &plan.responsibilities {
                let _ = writeln!(
                    out,
                    "- **{}**\n  - {from}: {}\n  - {}: {}",
                    d.name,
                    d.a.join(" "),
                    plan.target_title,
                    d.b.join(" ")
                );
            }
        }
    } else {
        heading(
            out,
            &format!(
                "Focus first: {}",
                rungs_core::words::and_list(
                    &plan
                        .focus
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                )
            ),
        );
        for (i, f) in plan.focus.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** ({}): {}",
                i + 1,
                f.name,
                f.area_name,
                f.why
            );
            if let Some(now) = &f.now {
                let _ = writeln!(out, "   - Now: {now}");
            }
            let _ = writeln!(out, "   - Aim: {}", f.aim);
            if !f.actions.is_empty() {
                let _ = writeln!(out, "   - Do:");
                for a in &f.actions {
                    let _ = writeln!(out, "     - {a}");
                }
            }
            if !f.evidence.is_empty() {
                let _ = writeln!(out, "   - Show it with:");
                for e in &f.evidence {
                    let _ = writeln!(out, "     - {e}");
                }
            }
        }
    }
    if !plan.milestones.is_empty() {
        heading(out, "Meet the open milestones");
        for (i, step) in plan.milestones.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let all = step.met.len() + step.open.len();
            let _ = writeln!(
                out,
                "{} → {}: {} of {all} met. Still open:\n",
                step.from_title,
                step.to_title,
                step.met.len()
            );
            for m in &step.open {
                let _ = writeln!(out, "- [ ] {}", m.text);
            }
        }
    }
    if !plan.later.is_empty() || !plan.to_rate.is_empty() {
        heading(out, "Later");
        if !plan.later.is_empty() {
            let _ = writeln!(
                out,
                "Once the focus is moving, the other competencies short of {}, largest gap first:\n",
                plan.target_title
            );
            for a in &plan.later {
                let short = a
                    .ranks_short
                    .map(|r| rungs_core::words::count(usize::from(r), "rank", "ranks"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}** ({}), {short} short: from {} to {}",
                    a.name,
                    a.area_name,
                    a.now.as_deref().unwrap_or("below the first level"),
                    a.aim
                );
            }
        }
        if !plan.to_rate.is_empty() {
            let _ = writeln!(
                out,
                "\nNot assessed, so they count as short until someone rates them:\n"
            );
            for a in &plan.to_rate {
                let _ = writeln!(out, "- **{}** ({}): aim for {}", a.name, a.area_name, a.aim);
            }
        }
    }
    if !plan.strategies.is_empty() {
        heading(out, "Ways to move faster");
        for s in &plan.strategies {
            let _ = writeln!(out, "- **{}**: {}", s.name, s.summary);
        }
    }
}
