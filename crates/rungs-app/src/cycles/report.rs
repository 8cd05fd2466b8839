//! What a cycle adds up to: completion per part and per manager, calibration, to-dos, and the
//! closed cycle's export.

use super::*;
use rungs_core::{CycleId, PersonId};

impl crate::Cycles<'_> {
    /// Completion per part and per manager. Admins see the whole cycle, managers their people.
    /// Counted by the database, whatever the size of the cycle.
    pub async fn cycle_progress(&self, actor: &Actor, id: CycleId) -> Result<Progress> {
        policy::team(actor)?;
        self.cycle_row(actor, id).await?;
        let sees = self.sees(actor).await?;
        let tallies: Vec<CycleTally> = self
            .store
            .cycle_tallies(actor.org, id, actor.person.as_ref())
            .await?
            .into_iter()
            .filter(|t| sees.sees(t.own_record, t.manager.as_deref()))
            .collect();
        let count = |f: &dyn Fn(&CycleTally) -> bool| counted(&tallies, f);
        let mut per: BTreeMap<Option<PersonId>, (usize, usize, usize)> = BTreeMap::new();
        for t in &tallies {
            let n = usize::try_from(t.records).unwrap_or(0);
            let e = per.entry(t.manager.clone()).or_default();
            e.0 += n;
            e.1 += n * usize::from(t.own == PartState::Submitted);
            e.2 += n * usize::from(t.manager_part == PartState::Submitted);
        }
        let names = self.names(actor).await?;
        let mut managers: Vec<ManagerProgress> = per
            .into_iter()
            .map(|(m, (people, s, mgr))| ManagerProgress {
                name: m
                    .as_deref()
                    .map_or("No manager".to_owned(), |m| name_of(&names, m)),
                manager: m,
                people,
                self_submitted: s,
                manager_submitted: mgr,
            })
            .collect();
        managers.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Progress {
            people: count(&|_| true),
            self_submitted: count(&|t| t.own == PartState::Submitted),
            self_draft: count(&|t| t.own == PartState::Draft),
            manager_submitted: count(&|t| t.manager_part == PartState::Submitted),
            manager_draft: count(&|t| t.manager_part == PartState::Draft),
            shared: count(&|t| t.shared),
            managers,
        })
    }

    /// What calibration shows: the admin sees the whole cycle, a manager the part they lead;
    /// no group under the minimum is shown and no one is ranked.
    pub async fn cycle_calibration(&self, actor: &Actor, id: CycleId) -> Result<CalibrationView> {
        policy::team(actor)?;
        let row = self.cycle_row(actor, id).await?;
        let stage = row.stage;
        if stage < Stage::Calibration {
            return Err(AppError::Conflict(format!(
                "calibration opens when the cycle reaches it; the cycle is at {}",
                stage.name()
            )));
        }
        // What calibration reads of each submitted part, from the summary kept beside it (one
        // read, never the bodies); a record the caller does not see is passed over. The body,
        // read whole, only for a part stored without a summary or with one that does not fit
        // the cycle's framework.
        let sees = self.sees(actor).await?;
        // A manager calibrates the people under them, never their own record: their own
        // rating reaches them only when the cycle shares it.
        let me = actor.person.as_deref();
        let admin = actor.role == Role::Admin;
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let ev = Evaluator::new(&fw);
        let mut rows = Vec::new();
        let mut unread = Vec::new();
        self.store
            .cycle_ratings(actor.org, id)
            .await?
            .each(&mut |r| {
                let own = me == Some(r.person);
                if !sees.sees(own, r.manager) || (own && !admin) {
                    return;
                }
                let manager = RatedPart::from_summary(&ev, r.rating);
                match (manager, r.own.map(|o| RatedPart::from_summary(&ev, o))) {
                    (Some(m), None) => rows.push(CalibrationRow::of_parts(&ev, r.person, &m, None)),
                    (Some(m), Some(Some(o))) => {
                        rows.push(CalibrationRow::of_parts(&ev, r.person, &m, Some(&o)));
                    }
                    _ => unread.push(PersonId::from(r.person)),
                }
            })?;
        for r in self.store.cycle_records_of(actor.org, id, &unread).await? {
            let part = |body: Option<&str>| {
                let body = body.unwrap_or_default();
                RatedPart::from_stored(&ev, body)
                    .map_or_else(|| read_part(body, &fw).map(|a| RatedPart::of(&ev, &a)), Ok)
            };
            let manager = part(r.manager_part.body.as_deref())?;
            let own = (r.own.state == PartState::Submitted)
                .then(|| part(r.own.body.as_deref()))
                .transpose()?;
            rows.push(CalibrationRow::of_parts(
                &ev,
                r.person.as_str(),
                &manager,
                own.as_ref(),
            ));
        }
        rows.sort_by(|a, b| a.person.cmp(&b.person));
        let names = self.names(actor).await?;
        let calibration = CycleCalibration::new(&ev, &rows);
        let first_tier = fw.readiness_tiers().first().map(|t| t.id.clone());
        let mut candidates: Vec<Candidate> = rows
            .iter()
            .filter(|r| r.readiness.is_some() && r.readiness == first_tier)
            .map(|r| Candidate {
                person: PersonId::from(r.person.clone()),
                name: name_of(&names, &r.person),
                shown: r.shown.clone(),
                next: r.next.clone(),
            })
            .collect();
        candidates.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(CalibrationView {
            calibration,
            candidates,
        })
    }

    /// What the caller must do next, in every cycle under way: their self-assessment, and as
    /// a manager the ratings of their people.
    pub async fn cycle_todos(&self, actor: &Actor) -> Result<Vec<CycleTodo>> {
        let today = Date::today();
        let mut out = Vec::new();
        // Only a person's own record and their direct reports' give them to-dos.
        let Some(me) = actor.person.as_ref() else {
            return Ok(out);
        };
        let rows = self.store.cycles(actor.org).await?;
        let mut names = None;
        for row in rows.iter().filter(|r| r.stage != Stage::Closed) {
            let stage = row.stage;
            let d = row.dates;
            let records = self.store.cycle_states_for(actor.org, row.id, me).await?;
            for r in &records {
                // Each person's own part, and each manager's direct reports: a skip-level
                // manager or an admin may rate too, but the to-do is the direct manager's.
                let todo = if &r.person == me {
                    cycle::own_todo(stage, &standing(r), &d, today)
                } else if r.manager.as_ref() == Some(me) {
                    if names.is_none() {
                        names = Some(self.names(actor).await?);
                    }
                    let name = name_of(names.as_ref().unwrap_or(&HashMap::new()), &r.person);
                    cycle::manager_todo(stage, &standing(r), &r.person, &name, &d, today)
                } else {
                    None
                };
                if let Some(todo) = todo {
                    out.push(CycleTodo {
                        cycle: row.id,
                        cycle_name: row.name.clone(),
                        todo,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The whole cycle, once closed, as JSON. Admins only.
    pub async fn export_cycle(&self, actor: &Actor, id: CycleId) -> Result<CycleExport> {
        policy::admin(actor, "export a review cycle")?;
        let cycle = self.cycle(actor, id).await?;
        if cycle.stage != Stage::Closed {
            return Err(AppError::Conflict(format!(
                "a cycle is exported once it is closed; this one is at {}",
                cycle.stage.name()
            )));
        }
        let records = self.cycle_records(actor, id).await?;
        Ok(CycleExport { cycle, records })
    }

    /// The closed cycle as CSV: a row per person and competency, formula cells neutralised.
    pub async fn export_cycle_csv(&self, actor: &Actor, id: CycleId) -> Result<String> {
        let e = self.export_cycle(actor, id).await?;
        let mut out = CsvOut::new(
            &[
                "cycle",
                "person",
                "name",
                "manager",
                "state",
                "shown_level",
                "competency",
                "self_rating",
                "manager_rating",
            ],
            e.records.len() * 20,
        )?;
        let none = String::new();
        for r in &e.records {
            let mut competencies: Vec<&String> = r
                .own
                .ratings
                .keys()
                .chain(r.manager_part.ratings.keys())
                .collect();
            competencies.sort();
            competencies.dedup();
            if competencies.is_empty() {
                competencies.push(&none);
            }
            for c in competencies {
                out.row([
                    e.cycle.name.as_str(),
                    &r.person,
                    &r.name,
                    r.manager.as_deref().unwrap_or_default(),
                    r.state.as_str(),
                    r.shown_level.as_deref().unwrap_or_default(),
                    c,
                    r.own.ratings.get(c).map_or("", String::as_str),
                    r.manager_part.ratings.get(c).map_or("", String::as_str),
                ])?;
            }
        }
        out.finish()
    }
}
