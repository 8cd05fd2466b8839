//! What publishing another framework version would change for the people of an organization:
//! the team report and its rows read under the version in use and under the other one, set
//! side by side. Nobody is left out of what is said: someone the other version cannot place
//! is listed by name.

use serde::Serialize;

use super::{Member, PersonRef, Report};
use crate::team::Unread;

/// The difference a version would make, person by person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionImpact {
    /// People read under the version in use, and under the other.
    pub people: [usize; 2],
    /// Assessments read under each.
    pub assessments: [usize; 2],
    /// People the other version cannot place (their level is not in it, say), with why: under
    /// it they would be out of every figure until their level is changed.
    pub unplaced: Vec<Unread>,
    /// People whose pay sits differently against the other version's bands.
    pub pay: Vec<Shift>,
    /// People whose readiness for the next rung reads differently.
    pub readiness: Vec<Shift>,
}

/// One person's figure before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shift {
    pub person: String,
    pub name: String,
    pub from: String,
    pub to: String,
}

impl VersionImpact {
    /// Whether publishing would change nothing anyone reads about a person.
    pub fn is_quiet(&self) -> bool {
        self.unplaced.is_empty() && self.pay.is_empty() && self.readiness.is_empty()
    }
}

/// Where a person's pay sits in a report, in words.
fn pay_words(r: &Report, id: &str) -> &'static str {
    let is = |list: &[super::pay::PayIssue]| list.iter().any(|i| i.person.id == id);
    if is(&r.pay.below) {
        "below the band"
    } else if is(&r.pay.above) {
        "above the band"
    } else {
        "within the band, or not checked"
    }
}

fn readiness_words(m: &Member) -> String {
    m.readiness
        .as_ref()
        .map_or_else(|| "not read".to_owned(), |r| r.name.clone())
}

/// The team report and its rows under the version in use (`now`) and under another (`then`),
/// compared person by person.
pub fn impact(now: (&Report, &[Member]), then: (&Report, &[Member])) -> VersionImpact {
    let (now_report, now_rows) = now;
    let (then_report, then_rows) = then;
    let unplaced: Vec<Unread> = then_report
        .unread
        .iter()
        .filter(|u| u.kind == "person")
        .filter(|u| {
            !now_report
                .unread
                .iter()
                .any(|n| n.kind == "person" && n.id == u.id)
        })
        .cloned()
        .collect();
    let mut pay = Vec::new();
    let mut readiness = Vec::new();
    for m in then_rows {
        let Some(before) = now_rows.iter().find(|b| b.person.id == m.person.id) else {
            continue;
        };
        let shift = |p: &PersonRef, from: String, to: String| Shift {
            person: p.id.to_string(),
            name: p.name.to_string(),
            from,
            to,
        };
        let (a, b) = (
            pay_words(now_report, &m.person.id),
            pay_words(then_report, &m.person.id),
        );
        if a != b {
            pay.push(shift(&m.person, a.to_owned(), b.to_owned()));
        }
        let (a, b) = (readiness_words(before), readiness_words(m));
        if a != b {
            readiness.push(shift(&m.person, a, b));
        }
    }
    VersionImpact {
        people: [now_report.people, then_report.people],
        assessments: [now_report.assessments, then_report.assessments],
        unplaced,
        pay,
        readiness,
    }
}
