//! Reading a cycle's records as each caller may see them: the one visibility rule, the
//! records whole or a page at a time, and the light list of a cycle's page.

use rungs_core::{CycleId, PersonId};
use rungs_store::StoreError;

use super::super::*;
use super::record_view;

/// Whose records in a cycle the caller sees: all for an admin, a member's own, a manager's
/// own and those whose recorded manager is them or under them now ([`cycle::answers_for`]; a
/// roster move does not move a record).
pub(in crate::cycles) enum Sees {
    Everyone,
    Own,
    Under(PersonId, rungs_core::team::Part),
    NoOne,
}

impl Sees {
    /// Whether the caller sees a record, theirs (`own`) or recorded with `manager`.
    pub(in crate::cycles) fn sees(&self, own: bool, manager: Option<&str>) -> bool {
        match self {
            Sees::Everyone => true,
            Sees::Own => own,
            Sees::Under(me, under) => {
                let above = manager.is_some_and(|m| under.contains(m));
                own || cycle::answers_for(me, manager, above)
            }
            Sees::NoOne => false,
        }
    }

    /// Whether the caller sees a stored record.
    pub(in crate::cycles) fn record(&self, actor: &Actor, r: &CycleRecord) -> bool {
        let own = actor.person.as_ref() == Some(&r.person);
        self.sees(own, r.manager.as_deref())
    }
}

impl crate::Cycles<'_> {
    /// The records the caller may see in a cycle: all for an admin, a manager's people and
    /// their own, a member's own.
    pub async fn cycle_records(&self, actor: &Actor, id: CycleId) -> Result<Vec<RecordView>> {
        self.cycle_records_page(actor, id, 0, usize::MAX).await
    }

    /// A page of the records the caller may see in a cycle (the rule of
    /// [`crate::Cycles::cycle_records`]), by person id: `limit` of them after the first
    /// `offset`. Only the page's records are read whole.
    pub async fn cycle_records_page(
        &self,
        actor: &Actor,
        id: CycleId,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<RecordView>> {
        let row = self.cycle_row(actor, id).await?;
        let people: Vec<PersonId> = self
            .visible_states(actor, id)
            .await?
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|r| r.person)
            .collect();
        let records = self.store.cycle_records_of(actor.org, id, &people).await?;
        self.record_views(actor, &row, &records).await
    }

    /// Records as the caller may see them, with their events and names.
    async fn record_views(
        &self,
        actor: &Actor,
        row: &CycleRow,
        records: &[CycleRecord],
    ) -> Result<Vec<RecordView>> {
        let names = self.names(actor).await?;
        let events = self.store.cycle_events(actor.org, row.id, None).await?;
        let mut by_person: HashMap<&str, Vec<&CycleEvent>> = HashMap::new();
        for e in &events {
            if let Some(p) = e.person.as_deref() {
                by_person.entry(p).or_default().push(e);
            }
        }
        let fw = self.framework_at(actor.org, row.framework_version).await?;
        let stage = row.stage;
        records
            .iter()
            .map(|r| {
                let own = actor.person.as_deref() == Some(r.person.as_str());
                let viewer = Viewer::of(actor.role == Role::Admin, own);
                let ev = by_person
                    .get(r.person.as_str())
                    .cloned()
                    .unwrap_or_default();
                record_view(r, (viewer, own), stage, &names, &ev, &fw)
            })
            .collect()
    }

    /// The records the caller may see in a cycle without what was written in them, by person
    /// (a member's own read alone).
    pub(in crate::cycles) async fn visible_states(
        &self,
        actor: &Actor,
        id: CycleId,
    ) -> Result<Vec<CycleRecord>> {
        let sees = self.sees(actor).await?;
        Ok(match (&sees, actor.person.as_ref()) {
            (Sees::Own, Some(me)) => self.own_record(actor, id, me).await?,
            (Sees::Own | Sees::NoOne, _) => Vec::new(),
            _ => {
                let mut records = self.store.cycle_states(actor.org, id).await?;
                records.retain(|r| sees.record(actor, r));
                records
            }
        })
    }

    /// The caller's own record in a cycle, if they are in it.
    async fn own_record(
        &self,
        actor: &Actor,
        id: CycleId,
        me: &PersonId,
    ) -> Result<Vec<CycleRecord>> {
        match self.store.cycle_record(actor.org, id, me).await {
            Ok(r) => Ok(vec![r]),
            Err(StoreError::NotFound(_)) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// The records the caller sees in a cycle, as a list shows them: their own apart, and the
    /// others by person id, `per` at a time (page `page`, from 1, kept in range). Read without
    /// what was written in them, so a review of the whole of a large organization lists fast.
    pub async fn cycle_lines(
        &self,
        actor: &Actor,
        id: CycleId,
        page: usize,
        per: usize,
    ) -> Result<CycleLines> {
        let row = self.cycle_row(actor, id).await?;
        let mut records = self.visible_states(actor, id).await?;
        let mine = records
            .iter()
            .position(|r| actor.person.as_ref() == Some(&r.person))
            .map(|i| records.remove(i));
        let per = per.max(1);
        let pages = records.len().div_ceil(per).max(1);
        let page = page.clamp(1, pages);
        let shown =
            &records[((page - 1) * per).min(records.len())..(page * per).min(records.len())];
        let names = self.names(actor).await?;
        let line = |r: &CycleRecord| {
            let s = standing(r);
            RecordLine {
                person: r.person.clone(),
                name: name_of(&names, &r.person),
                own: r.own.state,
                manager_part: r.manager_part.state,
                state: s.state(),
                words: s.words(),
                steps: s.steps(row.stage),
            }
        };
        Ok(CycleLines {
            mine: mine.as_ref().map(line),
            others: records.len(),
            page,
            pages,
            lines: shown.iter().map(line).collect(),
        })
    }

    /// Whose records in a cycle the caller sees.
    pub(in crate::cycles) async fn sees(&self, actor: &Actor) -> Result<Sees> {
        Ok(match policy::scope(actor) {
            policy::Scope::Everyone => Sees::Everyone,
            policy::Scope::Only(_) => Sees::Own,
            policy::Scope::Under(me) => {
                let under = self.store.part(actor.org, &me).await?;
                Sees::Under(me, under)
            }
            policy::Scope::NoOne => Sees::NoOne,
        })
    }
}
