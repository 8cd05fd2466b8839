//! The team report as a document: sections of text, explanations, lists and tables, laid out
//! once here and rendered as Markdown here and as HTML by the web views, so both carry the same
//! sections with the same figures. Every figure is rounded here, where it is shown, from the
//! one value the checks computed.

use super::{PersonRef, Report, Status};
use crate::words::{money, signed, signed_beyond};

/// Long lists stop here, with a count of the rest.
pub const ROWS: usize = 25;

/// One section of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// What a section is made of.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// What a statistic means and how it is worked out, shown where the statistic appears.
    Explain(String),
    /// A numbered list (the findings).
    Numbered(Vec<String>),
    /// A table with at most [`ROWS`] rows, and how many more were left out.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        more: usize,
    },
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn who(p: &PersonRef) -> String {
    format!("{} ({})", p.name, p.id)
}

/// A table of at most [`ROWS`] rows from a list of `total` items.
fn table<T>(head: &[&str], items: &[T], total: usize, row: impl Fn(&T) -> Vec<String>) -> Block {
    Block::Table {
        head: head.iter().map(|h| (*h).to_owned()).collect(),
        rows: items.iter().take(ROWS).map(row).collect(),
        more: total.saturating_sub(items.len().min(ROWS)),
    }
}

impl Report {
    /// The report's title.
    pub fn title(&self) -> String {
        format!("Team report, {}", self.as_of)
    }

    /// The line under the title: the team, the assessments, the window.
    pub fn subtitle(&self) -> String {
        format!(
            "{} people · {} assessments on or before {} · changes since {} · {}",
            self.people, self.assessments, self.as_of, self.since, self.framework
        )
    }

    /// Every section of the report, in order.
    pub fn sections(&self) -> Vec<Section> {
        let mut out = vec![
            self.act_on(),
            self.span_section(),
            self.shape_section(),
            self.pipeline_section(),
            self.pay_section(),
            self.calibration_section(),
            self.changes_section(),
        ];
        if !self.unread.is_empty() {
            out.push(Section {
                title: "Not read".to_owned(),
                blocks: vec![
                    Block::Text("These stored records could not be read against the current framework, so every figure above leaves them out.".to_owned()),
                    table(&["Record", "Person", "Why"], &self.unread, self.unread.len(), |u| {
                        vec![format!("{} {}", u.kind, u.id), u.person.clone(), u.reason.clone()]
                    }),
                ],
            });
        }
        out
    }

    fn act_on(&self) -> Section {
        let blocks = if self.findings.is_empty() {
            vec![Block::Text(
                "Nothing: every check is within the framework's ranges.".to_owned(),
            )]
        } else {
            vec![Block::Numbered(self.findings.clone())]
        };
        Section {
            title: "What to act on".to_owned(),
            blocks,
        }
    }

    fn span_section(&self) -> Section {
        let s = &self.span;
        let mut blocks = vec![Block::Text(format!(
            "{} people manage others; {} hold a level with a span rule.",
            s.managers, s.checked
        ))];
        let issues: Vec<_> = s
            .over
            .iter()
            .map(|i| (i, "over"))
            .chain(s.under.iter().map(|i| (i, "under")))
            .collect();
        if issues.is_empty() {
            blocks.push(Block::Text(
                "Every span is within the framework's rules.".to_owned(),
            ));
        } else {
            blocks.push(table(
                &["Person", "Level", "Direct reports", "", "The rule"],
                &issues,
                issues.len(),
                |(i, kind)| {
                    vec![
                        who(&i.person),
                        i.person.level_title.clone(),
                        i.reports.to_string(),
                        (*kind).to_owned(),
                        i.rule.clone(),
                    ]
                },
            ));
        }
        Section {
            title: "Span of control".to_owned(),
            blocks,
        }
    }

    fn shape_section(&self) -> Section {
        let sh = &self.shape;
        let mut blocks = Vec::new();
        if !sh.stated {
            blocks.push(Block::Text(
                "The framework states no target shape.".to_owned(),
            ));
        } else {
            blocks.push(table(
                &["Band", "People", "Share", "Target", ""],
                &sh.bands,
                sh.bands.len(),
                |b| {
                    let mark = match b.status {
                        Status::Ok => "within".to_owned(),
                        Status::Over => format!("over by {}", pct(b.actual - b.target)),
                        Status::Under => format!("under by {}", pct(b.target - b.actual)),
                    };
                    vec![
                        b.name.clone(),
                        b.people.to_string(),
                        pct(b.actual),
                        format!("{} ± {}", pct(b.target), pct(sh.tolerance)),
                        mark,
                    ]
                },
            ));
            if let Some(b) = &sh.balance {
                blocks.push(Block::Text(format!(
                    "The {} track holds {} people, {} of the team (target {}–{}).",
                    b.track_name.to_lowercase(),
                    b.people,
                    pct(b.actual),
                    pct(b.min),
                    pct(b.max)
                )));
                blocks.push(Block::Explain(format!(
                    "The balance counts the level each person holds: someone counts on the {} side when their level is on that track. A Senior PM who has chosen the {} track still holds a shared rung and is not counted on it until promoted.",
                    b.track_name.to_lowercase(),
                    b.track_name.to_lowercase()
                )));
            }
        }
        let levels: Vec<String> = sh
            .by_level
            .iter()
            .map(|l| format!("{} {}", l.title, l.people))
            .collect();
        blocks.push(Block::Text(format!("By level: {}.", levels.join(" · "))));
        Section {
            title: "Shape".to_owned(),
            blocks,
        }
    }

    fn pipeline_section(&self) -> Section {
        let p = &self.pipeline;
        let mut blocks = vec![Block::Text(
            "Readiness for the next rung, from each person's latest assessment (a manager's where there is one):".to_owned(),
        )];
        let mut rows: Vec<Vec<String>> = p
            .tiers
            .iter()
            .map(|t| vec![t.name.clone(), t.count.to_string()])
            .collect();
        rows.push(vec!["Not assessed".to_owned(), p.not_assessed.to_string()]);
        rows.push(vec![
            "At the top of their ladder".to_owned(),
            p.at_top.to_string(),
        ]);
        blocks.push(Block::Table {
            head: vec!["Readiness".to_owned(), "People".to_owned()],
            rows,
            more: 0,
        });
        if p.by_target.len() > 1 {
            if p.undecided.count > 0 {
                blocks.push(Block::Explain(format!(
                    "{} at the split with no track chosen {} toward both branches in the table below, and once above, at the better of the two; so its rows add up to more than the team.",
                    super::people(p.undecided.count),
                    if p.undecided.count == 1 { "counts" } else { "count" }
                )));
            }
            let mut head = vec!["Next rung".to_owned()];
            head.extend(p.tiers.iter().map(|t| t.name.clone()));
            head.push("Of them undecided".to_owned());
            blocks.push(Block::Table {
                head,
                rows: p
                    .by_target
                    .iter()
                    .map(|t| {
                        let mut row = vec![t.name.clone()];
                        row.extend(t.counts.iter().map(ToString::to_string));
                        row.push(t.undecided.to_string());
                        row
                    })
                    .collect(),
                more: 0,
            });
        }
        if let Some(first) = p.tiers.first().filter(|t| t.count > 0) {
            blocks.push(Block::Text(format!("{}:", first.name)));
            blocks.push(table(
                &["Person", "Level"],
                &first.people,
                first.count,
                |x| vec![who(x), x.level_title.clone()],
            ));
        }
        blocks.push(Block::Text(format!(
            "Time on the rung: {} overdue, {} early, {} with no start date.",
            p.overdue.len(),
            p.early.len(),
            p.no_start_date
        )));
        if !p.overdue.is_empty() {
            blocks.push(Block::Explain(
                "Overdue: longer on the rung than its typical years; where the framework gives only a minimum (\"5+ years\"), longer than 1.5 times it.".to_owned(),
            ));
            blocks.push(table(
                &["Overdue", "Level", "Years on the rung", "Typical"],
                &p.overdue,
                p.overdue.len(),
                |r| {
                    let typical = r.typical_max.map_or(format!("{}+", r.typical_min), |m| {
                        format!("{}–{m}", r.typical_min)
                    });
                    vec![
                        who(&r.person),
                        r.person.level_title.clone(),
                        format!("{:.1}", r.years),
                        typical,
                    ]
                },
            ));
        }
        if !p.ready_early.is_empty() {
            blocks.push(Block::Text(
                "Ready early (ready now, though newer on the rung than usual):".to_owned(),
            ));
            blocks.push(table(
                &["Person", "Level"],
                &p.ready_early,
                p.ready_early.len(),
                |x| vec![who(x), x.level_title.clone()],
            ));
        }
        Section {
            title: "Promotion pipeline".to_owned(),
            blocks,
        }
    }

    fn pay_section(&self) -> Section {
        let pay = &self.pay;
        let multi = pay.zones.len() > 1;
        let mut blocks = vec![Block::Text(if multi {
            format!(
                "{} people checked against their band in their pay zone, in that zone's currency: {} below, {} above.",
                pay.checked,
                pay.below.len(),
                pay.above.len()
            )
        } else {
            format!(
                "{} people checked against their band ({}): {} below, {} above.",
                pay.checked,
                pay.zones
                    .first()
                    .map_or_else(|| pay.currency.clone(), |z| z.name.clone()),
                pay.below.len(),
                pay.above.len()
            )
        })];
        if multi {
            blocks.push(table(
                &["Pay zone", "Checked"],
                &pay.zones,
                pay.zones.len(),
                |z| vec![z.name.clone(), z.checked.to_string()],
            ));
        }
        if pay.no_stage > 0 || pay.other_currency > 0 || pay.no_location > 0 {
            blocks.push(Block::Text(format!(
                "Not checked: {} with no company stage, {} paid in another currency than their zone's bands (currencies are never compared: the framework gives no rate between them){}.",
                pay.no_stage,
                pay.other_currency,
                if pay.no_location > 0 {
                    format!(", {} with no location to place them in a zone", pay.no_location)
                } else {
                    String::new()
                }
            )));
        }
        if !pay.unmapped.is_empty() {
            blocks.push(table(
                &["In no pay zone", "Location"],
                &pay.unmapped,
                pay.unmapped.len(),
                |u| vec![who(&u.person), u.location.clone()],
            ));
        }
        for (title, list) in [
            ("Below the band", &pay.below),
            ("Above the band", &pay.above),
        ] {
            if list.is_empty() {
                continue;
            }
            blocks.push(table(
                &[title, "Level", "Zone", "Pay", "Band", "Outside by"],
                list,
                list.len(),
                |i| {
                    let cur = i.currency.as_str();
                    vec![
                        who(&i.person),
                        i.person.level_title.clone(),
                        i.zone.clone(),
                        money(i.pay, cur),
                        format!("{} – {}", money(i.min, cur), money(i.max, cur)),
                        money(i.outside_by, cur),
                    ]
                },
            ));
        }
        if !pay.by_level.is_empty() {
            blocks.push(Block::Explain(
                "Compa-ratio: pay divided by the midpoint of the person's band at their company stage; 1.00 is the middle of the band, 0.90 is 10% below it.".to_owned(),
            ));
            blocks.push(table(
                &["Level", "People", "Mean compa-ratio", "Median"],
                &pay.by_level,
                pay.by_level.len(),
                |l| {
                    vec![
                        l.title.clone(),
                        l.people.to_string(),
                        format!("{:.2}", l.mean_compa_ratio),
                        format!("{:.2}", l.median_compa_ratio),
                    ]
                },
            ));
        }
        Section {
            title: "Pay".to_owned(),
            blocks,
        }
    }

    fn calibration_section(&self) -> Section {
        let c = &self.calibration;
        let mut blocks = vec![Block::Explain(format!(
            "Lift is the mean rating of an assessment, in ranks on the person's track, minus the rank of the level they held. The team's manager and peer assessments lift by {} on average. Against the team is an assessor's mean lift minus that; more than {} rank either way, with at least {} assessments, is flagged. Spread is the standard deviation of the assessor's lifts, over all their assessments (a population deviation).",
            signed(c.team_mean_lift),
            c.threshold,
            c.min_assessments
        ))];
        if c.assessors.is_empty() {
            blocks.push(Block::Text(
                "No manager or peer assessments yet.".to_owned(),
            ));
        } else {
            blocks.push(table(
                &[
                    "Assessor",
                    "Assessments",
                    "Mean lift",
                    "Against the team",
                    "Spread",
                    "",
                ],
                &c.assessors,
                c.assessors.len(),
                |a| {
                    vec![
                        a.assessor.clone(),
                        a.assessments.to_string(),
                        signed(a.mean_lift),
                        signed_beyond(a.against_team, c.threshold),
                        format!("{:.2}", a.spread),
                        a.verdict.clone(),
                    ]
                },
            ));
        }
        blocks.push(Block::Text(format!(
            "Self against manager: {} people have both; on average they rate themselves {} ranks from their manager.",
            c.compared,
            signed(c.mean_self_minus_manager)
        )));
        if !c.gaps.is_empty() {
            blocks.push(table(
                &[
                    "Person",
                    "Level",
                    "Competencies a rank or more apart",
                    "Mean self − manager",
                ],
                &c.gaps,
                c.gaps.len(),
                |g| {
                    vec![
                        who(&g.person),
                        g.person.level_title.clone(),
                        g.apart.to_string(),
                        signed(g.mean_difference),
                    ]
                },
            ));
        }
        Section {
            title: "Calibration".to_owned(),
            blocks,
        }
    }

    fn changes_section(&self) -> Section {
        let ch = &self.changes;
        let mut blocks = vec![Block::Text(format!(
            "{} assessments in the window; {} promoted, {} moved across, {} new on their rung; readiness improved for {} and slipped for {}.",
            ch.assessments,
            ch.promoted.len(),
            ch.moved.len(),
            ch.new_on_rung.len(),
            ch.improved,
            ch.slipped
        ))];
        for (title, list) in [("Promoted", &ch.promoted), ("Moved", &ch.moved)] {
            if list.is_empty() {
                continue;
            }
            blocks.push(table(&[title, "From", "To"], list, list.len(), |m| {
                vec![who(&m.person), m.from_title.clone(), m.to_title.clone()]
            }));
        }
        if !ch.readiness.is_empty() {
            blocks.push(table(
                &["Readiness changed", "From", "To"],
                &ch.readiness,
                ch.readiness.len(),
                |r| vec![who(&r.person), r.from_name.clone(), r.to_name.clone()],
            ));
        }
        Section {
            title: format!("Changes since {}", ch.since),
            blocks,
        }
    }
}
