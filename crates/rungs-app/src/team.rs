//! The team report over stored data: the people and assessments read as typed records, each
//! assessment against its own framework version, nothing written out and read back.

use rungs_core::{PersonId, VersionId};
use std::collections::HashMap;
use std::sync::Arc;

use rungs_core::team::{
    History, HistoryBuilder, Member, Report, ReportOptions, Roster, RosterBuilder, Unread, members,
    report,
};
use rungs_core::{Date, Framework};

use rungs_store::{AssessmentsBulk, BULK_PAGE, Paged, PeopleBulk};

use crate::Actor;
use crate::error::{AppError, Result};
use crate::policy::{self, Scope};

/// What a team report is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRequest {
    /// The day to report on (default: today); later assessments are ignored.
    pub as_of: Option<Date>,
    /// The start of the window for changes (default: a year before `as_of`).
    pub since: Option<Date>,
    /// Only this person and everyone under them.
    pub manager: Option<PersonId>,
}

/// The day a report describes and the start of its window for changes: the rule every face
/// uses (today and a year before it, unless given).
pub fn report_days(as_of: Option<Date>, since: Option<Date>) -> Result<ReportOptions> {
    ReportOptions::days(as_of, since).map_err(|e| AppError::field("?since", e, None))
}

impl crate::Reports<'_> {
    /// The team report: span of control, shape, promotion pipeline, pay, calibration and
    /// changes, with what to act on. An admin gets the whole organization (or the part under
    /// `manager`), a manager the people under them.
    pub async fn team_report(&self, actor: &Actor, req: &ReportRequest) -> Result<Report> {
        self.with_team(actor, req, |fw, roster, history, opts, unread| {
            report(fw, roster, history, opts).with_unread(unread)
        })
        .await
    }

    /// The people of the team, one row each (see [`members`]), in roster order, with the
    /// records that could not be read. For admins and managers, scoped as the report is.
    pub async fn team_members(
        &self,
        actor: &Actor,
        req: &ReportRequest,
    ) -> Result<(Vec<Member>, Vec<Unread>)> {
        self.with_team(actor, req, |fw, roster, history, opts, unread| {
            (members(fw, roster, history, opts), unread)
        })
        .await
    }

    /// Reads the roster and history the caller may see (all of it for an admin, or the part
    /// under `req.manager`; a manager's own people) and hands them to `then` on a worker
    /// thread, read against the framework version in use.
    async fn with_team<T: Send + 'static>(
        &self,
        actor: &Actor,
        req: &ReportRequest,
        then: impl FnOnce(&Framework, &Roster, &History, ReportOptions, Vec<Unread>) -> T
        + Send
        + 'static,
    ) -> Result<T> {
        self.with_team_at(actor, req, None, then).await
    }

    /// The whole team report and its rows read against framework version `version` (a draft,
    /// or an earlier version) as if it were in use: what publishing it would show. Admins.
    pub(crate) async fn team_at(
        &self,
        actor: &Actor,
        version: VersionId,
    ) -> Result<(Report, Vec<Member>)> {
        policy::admin(actor, "see what a framework version would change")?;
        let map = self
            .store
            .framework_version(actor.org, version)
            .await?
            .level_map;
        self.with_team_at(
            actor,
            &ReportRequest::default(),
            Some((version, map)),
            |fw, roster, history, opts, unread| {
                (
                    report(fw, roster, history, opts).with_unread(unread),
                    members(fw, roster, history, opts),
                )
            },
        )
        .await
    }

    /// [`App::with_team`], against framework version `at` (the one in use when none), each
    /// person at a level of its level map read at the level it maps to.
    async fn with_team_at<T: Send + 'static>(
        &self,
        actor: &Actor,
        req: &ReportRequest,
        at: Option<(VersionId, std::collections::BTreeMap<String, String>)>,
        then: impl FnOnce(&Framework, &Roster, &History, ReportOptions, Vec<Unread>) -> T
        + Send
        + 'static,
    ) -> Result<T> {
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
        // A small part is read by itself (the walk down its reporting lines drives the reads);
        // a large one is cut from the whole organization's pages, which are read faster per
        // person than a part is.
        let (by_part, cut) = match under {
            Some(m) if self.store.part_is_small(actor.org, &m).await? => (Some(m), None),
            under => (None, under),
        };
        let (current, fw, map) = match at {
            Some((v, map)) => (v, self.framework_at(actor.org, v).await?, map),
            None => {
                let (v, fw) = self.framework(actor.org).await?;
                (v, fw, Default::default())
            }
        };
        // Each version the assessments were made against, parsed once.
        let mut versions: HashMap<VersionId, Arc<Framework>> = HashMap::new();
        for v in self.store.assessment_versions(actor.org).await? {
            versions.insert(v, self.framework_at(actor.org, v).await?);
        }
        // The people and then the assessments are read a page at a time while a worker thread
        // reads each page into the roster and the history: reading the next page from the
        // database overlaps building from this one, and no more than two pages are held.
        let stage = self.store.org_setting(actor.org, "stage").await?;
        let (pages, mut worker) = tokio::sync::mpsc::channel::<Chunk>(1);
        let build = tokio::task::spawn_blocking(move || -> Result<T> {
            let mut roster = RosterBuilder::new(&fw).with_default_stage(stage.as_deref());
            let mut assessments = Vec::new();
            while let Some(chunk) = worker.blocking_recv() {
                match chunk {
                    Chunk::People(page) => {
                        page.each(&mut |order, p| match map.get(p.level) {
                            Some(to) => roster.add(
                                order,
                                &rungs_core::team::PersonRecord {
                                    level: to.as_str(),
                                    ..p
                                },
                            ),
                            None => roster.add(order, &p),
                        })?;
                    }
                    Chunk::Assessments(page) => {
                        assessments.push(page);
                        break;
                    }
                }
            }
            let (roster, mut unread, part) = match &cut {
                Some(root) => {
                    let (roster, unread, part) = roster.finish_under(root);
                    (roster, unread, Some(part))
                }
                None => {
                    let (roster, unread) = roster.finish();
                    (roster, unread, None)
                }
            };
            let mut builder = HistoryBuilder::new(&fw, current, &roster);
            let mut late = Vec::new();
            let mut add = |page: AssessmentsBulk| -> Result<()> {
                page.each(&mut |made_with, a| {
                    if part.as_ref().is_some_and(|p| !p.contains(a.person)) {
                        return;
                    }
                    let Some(version) = versions.get(&made_with) else {
                        late.push(Unread {
                            kind: "assessment",
                            id: a.id.to_string(),
                            person: a.person.to_owned(),
                            reason: format!(
                                "it was made against framework version {made_with}, saved while this report was read"
                            ),
                        });
                        return;
                    };
                    builder.add(version, made_with, &a);
                })?;
                Ok(())
            };
            for page in assessments {
                add(page)?;
            }
            while let Some(chunk) = worker.blocking_recv() {
                if let Chunk::Assessments(page) = chunk {
                    add(page)?;
                }
            }
            let (history, unread_assessments) = builder.finish();
            unread.extend(unread_assessments);
            unread.extend(late);
            Ok(then(&fw, &roster, &history, opts, unread))
        });
        let read = async {
            // A part is read whole (its pages would each walk the reporting lines again).
            let limit = if by_part.is_some() {
                i64::MAX
            } else {
                BULK_PAGE
            };
            let mut after = 0;
            loop {
                let page = self
                    .store
                    .people_page(actor.org, by_part.as_ref(), after, limit)
                    .await?;
                let next = page.next_after(limit)?;
                if pages.send(Chunk::People(page)).await.is_err() {
                    return Ok(());
                }
                match next {
                    Some(last) => after = last,
                    None => break,
                }
            }
            let mut after = 0;
            loop {
                let page = self
                    .store
                    .assessments_page(actor.org, by_part.as_ref(), after, limit)
                    .await?;
                let next = page.next_after(limit)?;
                if pages.send(Chunk::Assessments(page)).await.is_err() {
                    return Ok(());
                }
                match next {
                    Some(last) => after = last,
                    None => break,
                }
            }
            drop(pages);
            Ok::<(), AppError>(())
        };
        let (read, built) = tokio::join!(read, build);
        let built = built?;
        read?;
        built
    }
}

/// A page on its way from the database to the worker that builds the report.
enum Chunk {
    People(PeopleBulk),
    Assessments(AssessmentsBulk),
}
