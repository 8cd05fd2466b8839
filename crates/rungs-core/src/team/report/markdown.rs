//! The team report as Markdown.

use std::fmt::Write as _;

use super::{PersonRef, Report, Status};

/// Long lists stop here, with a count of the rest.
const ROWS: usize = 25;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn more(out: &mut String, total: usize) {
    if total > ROWS {
        let _ = writeln!(out, "\n…and {} more.", total - ROWS);
    }
}

fn who(p: &PersonRef) -> String {
    format!("{} ({})", p.name, p.id)
}

impl Report {
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Team report, {}\n", self.as_of);
        let _ = writeln!(
            out,
            "{} people · {} assessments on or before {} · changes since {} · {}\n",
            self.people, self.assessments, self.as_of, self.since, self.framework
        );
        let _ = writeln!(out, "## What to act on\n");
        if self.findings.is_empty() {
            let _ = writeln!(
                out,
                "Nothing: every check is within the framework's ranges."
            );
        }
        for (i, f) in self.findings.iter().enumerate() {
            let _ = writeln!(out, "{}. {f}", i + 1);
        }

        let s = &self.span;
        let _ = writeln!(out, "\n## Span of control\n");
        let _ = writeln!(
            out,
            "{} people manage others; {} hold a level with a span rule.",
            s.managers, s.checked
        );
        let issues: Vec<_> = s
            .over
            .iter()
            .map(|i| (i, "over"))
            .chain(s.under.iter().map(|i| (i, "under")))
            .collect();
        if issues.is_empty() {
            let _ = writeln!(out, "\nEvery span is within the framework's rules.");
        } else {
            let _ = writeln!(
                out,
                "\n| Person | Level | Direct reports | | The rule |\n|---|---|---|---|---|"
            );
            for (i, kind) in issues.iter().take(ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {kind} | {} |",
                    who(&i.person),
                    i.person.level,
                    i.reports,
                    i.rule
                );
            }
            more(&mut out, issues.len());
        }

        let sh = &self.shape;
        let _ = writeln!(out, "\n## Shape\n");
        if !sh.stated {
            let _ = writeln!(out, "The framework states no target shape.");
        } else {
            let _ = writeln!(
                out,
                "| Band | People | Share | Target | |\n|---|---|---|---|---|"
            );
            for b in &sh.bands {
                let mark = match b.status {
                    Status::Ok => "within".to_owned(),
                    Status::Over => format!("over by {}", pct(b.actual - b.target)),
                    Status::Under => format!("under by {}", pct(b.target - b.actual)),
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} ± {} | {mark} |",
                    b.name,
                    b.people,
                    pct(b.actual),
                    pct(b.target),
                    pct(sh.tolerance)
                );
            }
            if let Some(b) = &sh.balance {
                let _ = writeln!(
                    out,
                    "\nThe {} track holds {} people, {} of the team (target {}–{}).",
                    b.track,
                    b.people,
                    pct(b.actual),
                    pct(b.min),
                    pct(b.max)
                );
            }
        }
        let levels: Vec<String> = sh
            .by_level
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        let _ = writeln!(out, "\nBy level: {}.", levels.join(" · "));

        let p = &self.pipeline;
        let _ = writeln!(out, "\n## Promotion pipeline\n");
        let _ = writeln!(
            out,
            "Readiness for the next rung, from each person's latest assessment (a manager's where there is one):\n"
        );
        let _ = writeln!(out, "| Readiness | People |\n|---|---|");
        for t in &p.tiers {
            let _ = writeln!(out, "| {} | {} |", t.name, t.count);
        }
        let _ = writeln!(
            out,
            "| Not assessed | {} |\n| At the top of their ladder | {} |",
            p.not_assessed, p.at_top
        );
        if p.by_target.len() > 1 {
            let _ = writeln!(
                out,
                "\nBy the rung they are heading for{}:\n",
                if p.undecided.count > 0 {
                    format!(
                        " ({} at the split with no track chosen {} toward both branches, and once above, at the better of the two)",
                        super::people(p.undecided.count),
                        if p.undecided.count == 1 {
                            "counts"
                        } else {
                            "count"
                        }
                    )
                } else {
                    String::new()
                }
            );
            let names: Vec<&str> = self
                .pipeline
                .tiers
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            let _ = writeln!(
                out,
                "| Next rung | {} | Of them undecided |\n|---|{}---|",
                names.join(" | "),
                "---|".repeat(names.len())
            );
            for t in &p.by_target {
                let counts: Vec<String> = t.counts.iter().map(ToString::to_string).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    t.name,
                    counts.join(" | "),
                    t.undecided
                );
            }
        }
        if let Some(first) = p.tiers.first().filter(|t| !t.people.is_empty()) {
            let _ = writeln!(
                out,
                "\n{}: {}.",
                first.name,
                first
                    .people
                    .iter()
                    .take(ROWS)
                    .map(who)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            more(&mut out, first.people.len());
        }
        let _ = writeln!(
            out,
            "\nTime on the rung: {} overdue, {} early, {} with no start date.",
            p.overdue.len(),
            p.early.len(),
            p.no_start_date
        );
        if !p.overdue.is_empty() {
            let _ = writeln!(
                out,
                "\n| Overdue | Level | Years on the rung | Typical |\n|---|---|---|---|"
            );
            for r in p.overdue.iter().take(ROWS) {
                let typical = r.typical_max.map_or(format!("{}+", r.typical_min), |m| {
                    format!("{}–{m}", r.typical_min)
                });
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.1} | {typical} |",
                    who(&r.person),
                    r.person.level,
                    r.years
                );
            }
            more(&mut out, p.overdue.len());
        }
        if !p.ready_early.is_empty() {
            let _ = writeln!(
                out,
                "\nReady early (ready now, though newer on the rung than usual): {}.",
                p.ready_early
                    .iter()
                    .take(ROWS)
                    .map(who)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }

        let pay = &self.pay;
        let _ = writeln!(out, "\n## Pay\n");
        let _ = writeln!(
            out,
            "{} people checked against their band: {} below, {} above.",
            pay.checked,
            pay.below.len(),
            pay.above.len()
        );
        if pay.no_stage > 0 || pay.other_currency > 0 {
            let _ = writeln!(
                out,
                "Not checked: {} with no company stage, {} paid in another currency.",
                pay.no_stage, pay.other_currency
            );
        }
        for (title, list) in [
            ("Below the band", &pay.below),
            ("Above the band", &pay.above),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "\n| {title} | Level | Pay | Band | Outside by |\n|---|---|---|---|---|"
            );
            for i in list.iter().take(ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {}–{} | {} |",
                    who(&i.person),
                    i.person.level,
                    i.pay,
                    i.min,
                    i.max,
                    i.outside_by
                );
            }
            more(&mut out, list.len());
        }
        if !pay.by_level.is_empty() {
            let _ = writeln!(
                out,
                "\n| Level | People | Mean compa-ratio | Median |\n|---|---|---|---|"
            );
            for l in &pay.by_level {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.2} | {:.2} |",
                    l.level, l.people, l.mean_compa_ratio, l.median_compa_ratio
                );
            }
        }

        let c = &self.calibration;
        let _ = writeln!(out, "\n## Calibration\n");
        let _ = writeln!(
            out,
            "Lift is the mean rating of an assessment minus the rank of the level held. The team's manager and peer assessments lift by {:+.2} ranks on average; an assessor more than {} rank away from that, with at least {} assessments, is flagged.\n",
            c.team_mean_lift, c.threshold, c.min_assessments
        );
        if c.assessors.is_empty() {
            let _ = writeln!(out, "No manager or peer assessments yet.");
        } else {
            let _ = writeln!(
                out,
                "| Assessor | Assessments | Mean lift | Spread | |\n|---|---|---|---|---|"
            );
            for a in c.assessors.iter().take(ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:+.2} | {:.2} | {} |",
                    a.assessor, a.assessments, a.mean_lift, a.spread, a.verdict
                );
            }
            more(&mut out, c.assessors.len());
        }
        let _ = writeln!(
            out,
            "\nSelf against manager: {} people have both; on average they rate themselves {:+.2} ranks from their manager.",
            c.compared, c.mean_self_minus_manager
        );
        if !c.gaps.is_empty() {
            let _ = writeln!(
                out,
                "\n| Person | Level | Competencies a rank or more apart | Mean self − manager |\n|---|---|---|---|"
            );
            for g in c.gaps.iter().take(ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:+.2} |",
                    who(&g.person),
                    g.person.level,
                    g.apart,
                    g.mean_difference
                );
            }
            more(&mut out, c.gaps.len());
        }

        let ch = &self.changes;
        let _ = writeln!(out, "\n## Changes since {}\n", ch.since);
        let _ = writeln!(
            out,
            "{} assessments in the window; {} promoted, {} moved across, {} new on their rung; readiness improved for {} and slipped for {}.",
            ch.assessments,
            ch.promoted.len(),
            ch.moved.len(),
            ch.new_on_rung.len(),
            ch.improved,
            ch.slipped
        );
        for (title, list) in [("Promoted", &ch.promoted), ("Moved", &ch.moved)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n| {title} | From | To |\n|---|---|---|");
            for m in list.iter().take(ROWS) {
                let _ = writeln!(out, "| {} | {} | {} |", who(&m.person), m.from, m.to);
            }
            more(&mut out, list.len());
        }
        if !ch.readiness.is_empty() {
            let _ = writeln!(out, "\n| Readiness changed | From | To |\n|---|---|---|");
            for r in ch.readiness.iter().take(ROWS) {
                let _ = writeln!(out, "| {} | {} | {} |", who(&r.person), r.from, r.to);
            }
            more(&mut out, ch.readiness.len());
        }
        if !self.unread.is_empty() {
            let _ = writeln!(out, "\n## Not read\n");
            let _ = writeln!(
                out,
                "These stored records could not be read against the current framework, so every figure above leaves them out.\n"
            );
            let _ = writeln!(out, "| Record | Person | Why |\n|---|---|---|");
            for u in self.unread.iter().take(ROWS) {
                let _ = writeln!(out, "| {} {} | {} | {} |", u.kind, u.id, u.person, u.reason);
            }
            more(&mut out, self.unread.len());
        }
        out
    }
}
