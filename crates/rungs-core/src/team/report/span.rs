//! Span of control: who manages more or fewer people than the framework's rule for their level.

use serde::Serialize;

use super::{Context, PersonRef, names};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanReport {
    /// People with at least one direct report.
    pub managers: usize,
    /// People whose level has a span rule.
    pub checked: usize,
    pub over: Vec<SpanIssue>,
    pub under: Vec<SpanIssue>,
    /// How many managers have each number of direct reports, fewest reports first (only
    /// numbers someone has).
    pub histogram: Vec<SpanCount>,
    /// The framework's span rules, by level, for the levels on the roster.
    pub limits: Vec<SpanLimit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanCount {
    /// A number of direct reports.
    pub reports: usize,
    /// How many people have exactly that many.
    pub managers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanLimit {
    pub level: String,
    pub title: String,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// The framework's rule, in its words.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanIssue {
    pub person: PersonRef,
    pub reports: usize,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// The framework's rule, in its words.
    pub rule: String,
}

pub(super) fn check(cx: &Context<'_>) -> SpanReport {
    let mut report = SpanReport {
        managers: 0,
        checked: 0,
        over: Vec::new(),
        under: Vec::new(),
        histogram: Vec::new(),
        limits: Vec::new(),
    };
    let mut counts: Vec<usize> = Vec::new();
    let mut levels = vec![false; cx.fw.levels().len()];
    for (p, person) in cx.roster.people.iter().enumerate() {
        let reports = cx.roster.reports(p).len();
        levels[person.level.index()] = true;
        if reports > 0 {
            report.managers += 1;
            if counts.len() <= reports {
                counts.resize(reports + 1, 0);
            }
            counts[reports] += 1;
        }
        let Some(rule) = cx.fw.span_rule(&cx.fw.level_at(person.level).id) else {
            continue;
        };
        report.checked += 1;
        let issue = || SpanIssue {
            person: cx.person(p),
            reports,
            min: rule.min,
            max: rule.max,
            rule: rule.summary.clone(),
        };
        if rule.max.is_some_and(|m| reports > m as usize) {
            report.over.push(issue());
        } else if rule.min.is_some_and(|m| reports < m as usize) {
            report.under.push(issue());
        }
    }
    report.over.sort_by_key(|i| std::cmp::Reverse(i.reports));
    report.histogram = counts
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(reports, &managers)| SpanCount { reports, managers })
        .collect();
    report.limits = cx
        .fw
        .ladder()
        .iter()
        .filter(|l| levels[l.pos().index()])
        .filter_map(|l| {
            cx.fw.span_rule(&l.id).map(|r| SpanLimit {
                level: l.id.clone(),
                title: l.short_title.clone(),
                min: r.min,
                max: r.max,
                rule: r.summary.clone(),
            })
        })
        .collect();
    report
}

impl SpanReport {
    pub(super) fn findings(&self, _cx: &Context<'_>) -> Vec<String> {
        let mut out = Vec::new();
        let (with_reports, wide): (Vec<&SpanIssue>, Vec<&SpanIssue>) =
            self.over.iter().partition(|i| i.max == Some(0));
        if !wide.is_empty() {
            let list: Vec<PersonRef> = wide.iter().map(|i| i.person.clone()).collect();
            out.push(format!(
                "{} more people than the framework allows: {}. Move some reports to another manager, or add a manager.",
                super::people_do(wide.len(), "manages", "manage"),
                names(&list, 3)
            ));
        }
        if !with_reports.is_empty() {
            let list: Vec<PersonRef> = with_reports.iter().map(|i| i.person.clone()).collect();
            out.push(format!(
                "{} direct reports on a level that has none: {}. Move the reports, or check whether the level is right.",
                super::people_do(with_reports.len(), "has", "have"),
                names(&list, 3)
            ));
        }
        if !self.under.is_empty() {
            let list: Vec<PersonRef> = self.under.iter().map(|i| i.person.clone()).collect();
            out.push(format!(
                "{} fewer people than their level expects: {}. Consolidate teams, or plan the hires.",
                super::people_do(self.under.len(), "manages", "manage"),
                names(&list, 3)
            ));
        }
        out
    }
}
