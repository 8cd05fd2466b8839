//! The team report over stored data: the people and assessments read as typed records, each
//! assessment against its own framework version, nothing written out and read back.

use std::collections::HashMap;
use std::sync::Arc;

use rungs_core::team::{
    AssessmentRecord, HistoryBuilder, PersonRecord, Report, ReportOptions, Roster, Unread, report,
};
use rungs_core::{Date, Framework};
use rungs_store::PeopleFilter;

use crate::error::{AppError, Result};
use crate::policy::{self, Scope};
use crate::{Actor, App};

/// What a team report is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRequest {
    /// The day to report on (default: today); later assessments are ignored.
    pub as_of: Option<Date>,
    /// The start of the window for changes (default: a year before `as_of`).
    pub since: Option<Date>,
    /// Only this person and everyone under them.
    pub manager: Option<String>,
}

/// The day a report describes and the start of its window for changes: the rule every face
/// uses (today and a year before it, unless given).
pub fn report_days(as_of: Option<Date>, since: Option<Date>) -> Result<ReportOptions> {
    let as_of = as_of.unwrap_or_else(Date::today);
    let since = since.unwrap_or(as_of.year_before());
    if since >= as_of {
        return Err(AppError::field(
            "?since",
            format!("{since} is not before the day of the report, {as_of}"),
            Some("the window for changes ends on the report's day"),
        ));
    }
    Ok(ReportOptions { as_of, since })
}

impl App {
    /// The team report: span of control, shape, promotion pipeline, pay, calibration and
    /// changes, with what to act on. An admin gets the whole organization (or the part under
    /// `manager`), a manager the people under them.
    pub async fn team_report(&self, actor: &Actor, req: &ReportRequest) -> Result<Report> {
        let scope = policy::team(actor)?;
        let opts = report_days(req.as_of, req.since)?;
        let under = match (&scope, &req.manager) {
            (_, Some(m)) => {
                policy::see_person(self, actor, m).await?;
                Some(m.clone())
            }
            (Scope::Under(me), None) => Some(me.clone()),
            _ => None,
        };
        let (current, fw) = self.framework(actor.org).await?;
        let people = self
            .store
            .people(
                actor.org,
                &PeopleFilter {
                    under: under.clone(),
                    ..PeopleFilter::default()
                },
            )
            .await?;
        let fw2 = fw.clone();
        let (roster, unread_people) = tokio::task::spawn_blocking(move || {
            let records = people.iter().map(|p| {
                let f = &p.fields;
                PersonRecord {
                    id: &p.id,
                    name: &f.name,
                    email: f.email.as_deref(),
                    title: f.title.as_deref(),
                    level: &f.level,
                    track: &f.track,
                    manager: f.manager.as_deref(),
                    rung_start: f.rung_start.as_deref(),
                    pay: f.pay,
                    currency: f.currency.as_deref(),
                    stage: f.stage.as_deref(),
                    location: f.location.as_deref(),
                }
            });
            Roster::from_records(&fw2, records)
        })
        .await?;
        // Each version the assessments were made against, parsed once.
        let mut versions: HashMap<i64, Arc<Framework>> = HashMap::new();
        for v in self.store.assessment_versions(actor.org).await? {
            versions.insert(v, self.framework_at(actor.org, v).await?);
        }
        let mut builder = HistoryBuilder::new(&fw, current, &roster);
        let mut late = Vec::new();
        self.store
            .each_assessment(actor.org, under.as_deref(), &mut |a| {
                let Some(version) = versions.get(&a.framework_version) else {
                    late.push(Unread {
                        kind: "assessment",
                        id: a.id.to_string(),
                        person: a.person.to_owned(),
                        reason: format!(
                            "it was made against framework version {}, saved while this report was read",
                            a.framework_version
                        ),
                    });
                    return;
                };
                builder.add(
                    version,
                    a.framework_version,
                    &AssessmentRecord {
                        id: a.id,
                        person: a.person,
                        date: a.date,
                        kind: a.assessor_kind,
                        assessor: a.assessor,
                        track: a.track,
                        level: a.level,
                        ratings: a.ratings,
                        milestones: &a.milestones,
                    },
                );
            })
            .await?;
        let (history, unread) = builder.finish();
        let mut all_unread = unread_people;
        all_unread.extend(unread);
        all_unread.extend(late);
        let r = tokio::task::spawn_blocking(move || report(&fw, &roster, &history, opts)).await?;
        Ok(r.with_unread(all_unread))
    }
}
