//! A promotion packet as a Markdown document a committee reads and signs.

use std::fmt::Write as _;

use rungs_core::eval::Packet;

use crate::escape::{md, md_cell};

/// The packet as Markdown.
pub fn packet(packet: &Packet) -> String {
    let mut out = String::new();
    cover(&mut out, packet);
    summary(&mut out, packet);
    competencies(&mut out, packet);
    milestones(&mut out, packet);
    differences_and_sign_off(&mut out, packet);
    out
}

/// The title, and the table of who, what and from which assessments.
fn cover(out: &mut String, packet: &Packet) {
    let _ = writeln!(out, "# {}\n", md(&packet.title()));
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Person | {} |", md_cell(&packet.person));
    if let Some(h) = &packet.held_title {
        let _ = writeln!(out, "| Holds | {h} |");
    }
    let _ = writeln!(out, "| Proposed level | {} |", packet.target_title);
    let _ = writeln!(out, "| Track | {} |", packet.track_name);
    let _ = writeln!(out, "| Readiness | **{}** |", packet.readiness.name);
    for x in &packet.assessments {
        let _ = writeln!(
            out,
            "| {} | {}, {}: the ratings show {} |",
            x.kind_name,
            md_cell(&x.assessor),
            x.date,
            x.shown_title
        );
    }
    let _ = writeln!(
        out,
        "| Framework | {} {} |",
        packet.framework, packet.framework_version
    );
}

/// The verdict, the readiness and its reasons, and what the evidence and agreement say.
fn summary(out: &mut String, packet: &Packet) {
    let _ = writeln!(out, "\n## Summary\n");

    let _ = writeln!(out, "{} {}\n", md(&packet.verdict), md(&packet.summary));
    for reason in &packet.readiness.reasons {
        let _ = writeln!(out, "- {}", md(reason));
    }
    let _ = writeln!(out, "\n{}", md(&packet.evidence_note()));
    if let Some(note) = packet.agreement_note() {
        let _ = writeln!(out, "\n{}", md(&note));
    }
}

/// Each competency: its ratings, whether it meets the bar, its evidence.
fn competencies(out: &mut String, packet: &Packet) {
    let _ = writeln!(out, "\n## Competencies\n");
    let kinds: Vec<&str> = packet
        .assessments
        .iter()
        .map(|x| x.kind_name.as_str())
        .collect();
    let _ = writeln!(
        out,
        "| Competency | {} | Meets {} | Evidence |\n|---|{}---|---|",
        kinds.join(" | "),
        packet.target_title,
        "---|".repeat(kinds.len())
    );
    for r in &packet.competencies {
        let ratings: Vec<String> = r
            .ratings
            .iter()
            .map(|x| {
                if r.apart {
                    format!("{} ≠", x.title)
                } else {
                    x.title.clone()
                }
            })
            .collect();
        let evidence = match r.evidence.as_slice() {
            [] => "**No evidence recorded**".to_owned(),
            [one] if packet.assessments.len() == 1 => md_cell(&one.text),
            all => all
                .iter()
                .map(|e| format!("{}: {}", md_cell(&e.by), md_cell(&e.text)))
                .collect::<Vec<_>>()
                .join("<br>"),
        };
        let meets = if r.meets_target {
            "Yes".to_owned()
        } else {
            format!("No: {}", md_cell(&r.target_expectation))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {meets} | {evidence} |",
            r.name,
            ratings.join(" | ")
        );
    }
}

/// The milestones of the step, met or not, and others met.
fn milestones(out: &mut String, packet: &Packet) {
    let _ = writeln!(out, "\n## Milestones toward {}\n", packet.target_title);
    if packet.milestones.is_empty() {
        let _ = writeln!(out, "The framework lists no milestones on the way.");
    }
    for step in &packet.milestones {
        let all = step.met.len() + step.open.len();
        let _ = writeln!(
            out,
            "{} → {}: {} of {all} met.\n",
            step.from_title,
            step.to_title,
            step.met.len()
        );
        for m in &step.met {
            match &m.evidence {
                Some(e) => {
                    let _ = writeln!(out, "- [x] {} Evidence: {}", m.text, md(e));
                }
                None => {
                    let _ = writeln!(out, "- [x] {} **No evidence recorded.**", m.text);
                }
            }
        }
        for m in &step.open {
            let _ = writeln!(out, "- [ ] {}", m.text);
        }
        out.push('\n');
    }
    if !packet.other_milestones_met.is_empty() {
        let _ = writeln!(out, "Also recorded as met:\n");
        for m in &packet.other_milestones_met {
            let _ = writeln!(out, "- [x] {}", m.text);
        }
    }
}

/// What else separates the levels, the manager's statement and the sign-off.
fn differences_and_sign_off(out: &mut String, packet: &Packet) {
    if !packet.facts.is_empty() || !packet.responsibilities.is_empty() {
        let from = packet.held_title.as_deref().unwrap_or("Now");
        let _ = writeln!(
            out,
            "\n## What else separates {from} and {}\n",
            packet.target_title
        );
        let _ = writeln!(out, "| | {from} | {} |\n|---|---|---|", packet.target_title);
        for f in &packet.facts {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                f.name,
                md_cell(&f.a),
                md_cell(&f.b)
            );
        }
        for d in &packet.responsibilities {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                d.name,
                md_cell(&d.a.join(" ")),
                md_cell(&d.b.join(" "))
            );
        }
    }

    if !packet.focus.is_empty() {
        let _ = writeln!(
            out,
            "\nShould the answer be not yet, {}'s plan puts {} first.",
            md(&packet.person),
            rungs_core::words::and_list(&packet.focus)
        );
    }

    let _ = writeln!(out, "\n## Manager's statement\n");
    let _ = writeln!(
        out,
        "_For the manager: why {} is ready for {}, with examples of work at that level, and anything the committee should weigh._\n",
        md(&packet.person),
        packet.target_title
    );
    for _ in 0..6 {
        let _ = writeln!(out, "&nbsp;\n");
    }

    let _ = writeln!(out, "## Sign-off\n");
    let _ = writeln!(
        out,
        "| Role | Name | Decision | Date | Signature |\n|---|---|---|---|---|"
    );
    for role in ["Manager", "Second-level manager", "Promotion committee"] {
        let _ = writeln!(
            out,
            "| {role} | | ☐ Promote ☐ Not yet ☐ Promote with conditions | | |"
        );
    }
}
