//! People on the roster: one at a time, or a whole roster CSV at once (all or nothing).

use rungs_core::Framework;
use rungs_core::team::person::{
    PayInput, PersonChecker, PersonDraft, own_manager, reporting_cycle, unknown_manager,
};
use rungs_core::team::{ROSTER_COLUMNS, Roster, load_roster};
use rungs_core::{LevelId, PersonId};
use rungs_store::{PeopleFilter, PersonFields, PersonRow};
use serde::Serialize;

use crate::Actor;
use crate::answers::{self, ImportSummary, Person};
use crate::csv_out::CsvOut;
use crate::error::{AppError, Problem, Result};
use crate::policy::{self, Scope};

/// A person's fields as sent by the API or a form: the level by id, title or alias, the track
/// defaulting to the level's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonInput {
    /// Needed to add a person; when changing one, it may be left out.
    pub id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub level: Option<String>,
    pub track: Option<String>,
    /// The roster id of their manager.
    pub manager: Option<String>,
    /// YYYY-MM-DD.
    pub rung_start: Option<String>,
    pub pay: Option<Pay>,
    pub currency: Option<String>,
    pub stage: Option<String>,
    pub location: Option<String>,
}

/// Pay as sent: a whole number, or text as people write it (`185,000`, `$185K`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pay {
    Whole(i64),
    Text(String),
}

/// What a roster import did, with what it says without refusing anything.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterImported {
    #[serde(flatten)]
    pub summary: ImportSummary,
    /// Levels filled in from titles.
    pub notes: Vec<Problem>,
}

/// The people of a loaded roster, as the store keeps them.
pub(crate) fn rows(fw: &Framework, roster: &Roster) -> Vec<PersonRow> {
    let stages = fw.compensation().map(|c| &c.stages[..]).unwrap_or_default();
    roster
        .people
        .iter()
        .map(|p| PersonRow {
            id: PersonId::from(p.id.as_str()),
            fields: PersonFields {
                name: p.name.to_string(),
                email: p.email.as_ref().map(|e| e.to_string()),
                title: p.title.as_ref().map(|t| t.to_string()),
                level: LevelId::from(fw.level_at(p.level).id.clone()),
                track: fw.tracks()[p.track].id.clone(),
                manager: p
                    .manager
                    .map(|m| PersonId::from(roster.people[m].id.as_str())),
                rung_start: p.rung_start.map(|d| d.to_string()),
                pay: p.pay.and_then(|v| i64::try_from(v).ok()),
                currency: p.currency.as_ref().map(|c| c.to_string()),
                stage: p.stage.and_then(|s| stages.get(s)).map(|s| s.id.clone()),
                location: p.location.as_ref().map(|l| l.to_string()),
            },
        })
        .collect()
}

/// People as a roster CSV. A manager who is not among them is left out, so the file stands on
/// its own.
pub(crate) fn roster_csv(people: &[PersonRow]) -> Result<String> {
    let ids: std::collections::HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let mut out = CsvOut::new(&ROSTER_COLUMNS, people.len())?;
    for p in people {
        let f = &p.fields;
        let pay = f.pay.map(|v| v.to_string());
        let manager = f.manager.as_deref().filter(|m| ids.contains(m));
        out.row([
            p.id.as_str(),
            &f.name,
            f.email.as_deref().unwrap_or_default(),
            f.title.as_deref().unwrap_or_default(),
            &f.level,
            &f.track,
            manager.unwrap_or_default(),
            f.rung_start.as_deref().unwrap_or_default(),
            pay.as_deref().unwrap_or_default(),
            f.currency.as_deref().unwrap_or_default(),
            f.stage.as_deref().unwrap_or_default(),
            f.location.as_deref().unwrap_or_default(),
        ])?;
    }
    out.finish()
}

/// People told apart: "Ada Abara (Senior PM, roster id p-000012)".
fn list<'a>(people: impl Iterator<Item = &'a Person>, level: &dyn Fn(&Person) -> String) -> String {
    let named: Vec<String> = people
        .map(|p| format!("{} ({}, roster id {})", p.fields.name, level(p), p.id))
        .collect();
    rungs_core::words::and_list(&named)
}

impl crate::People<'_> {
    /// The people the actor may see, filtered: everyone for an admin, the actor and everyone
    /// under them for a manager, the actor for a member. Sorted by id.
    pub async fn people(&self, actor: &Actor, mut filter: PeopleFilter) -> Result<Vec<Person>> {
        match policy::scope(actor) {
            Scope::Everyone => {}
            Scope::Under(me) => match &filter.under {
                // Below someone the caller may see, or else below the caller.
                Some(under) if under != &me => policy::see_person(self, actor, under).await?,
                _ => filter.under = Some(me),
            },
            Scope::Only(me) => filter.under = Some(me),
            Scope::NoOne => return Ok(Vec::new()),
        }
        let mut people = self.store.people(actor.org, &filter).await?;
        if let Scope::Only(me) = policy::scope(actor) {
            people.retain(|p| p.id == me);
        }
        Ok(answers::all(people))
    }

    /// The person a form names, by roster id or by name (whole, or a part that only one
    /// person's name holds), among those the actor may see. No one, or several, is a problem
    /// at `field` that lists who was meant, told apart by level and id.
    pub async fn named(&self, actor: &Actor, field: &str, text: &str) -> Result<PersonId> {
        let text = text.trim();
        if let Ok(p) = self.person(actor, &PersonId::from(text)).await {
            return Ok(p.id);
        }
        let found = self
            .people(
                actor,
                PeopleFilter {
                    name: Some(text.to_owned()),
                    limit: Some(50),
                    ..PeopleFilter::default()
                },
            )
            .await?;
        let exact: Vec<&Person> = found
            .iter()
            .filter(|p| p.fields.name.to_lowercase() == text.to_lowercase())
            .collect();
        let (_, fw) = self.framework(actor.org).await?;
        let fw_level = |p: &Person| {
            fw.level(&p.fields.level)
                .map_or_else(|| p.fields.level.to_string(), |l| l.short_title.clone())
        };
        let one = match (exact.as_slice(), found.as_slice()) {
            ([p], _) => return Ok(p.id.clone()),
            ([], [p]) => return Ok(p.id.clone()),
            ([], []) => format!("No one you may see is named or has the roster id “{text}”"),
            (many, _) if !many.is_empty() => format!(
                "{} people are named “{text}”: {}",
                many.len(),
                list(many.iter().copied(), &fw_level)
            ),
            (_, many) => format!(
                "“{text}” is in the names of {}{}: {}",
                many.len(),
                if many.len() == 50 {
                    " or more people"
                } else {
                    " people"
                },
                list(many.iter().take(8), &fw_level)
            ),
        };
        Err(AppError::Invalid {
            title: "Choose one person".into(),
            problems: vec![Problem::at(
                &format!("/{field}"),
                one,
                Some("type their whole name, or their roster id"),
            )],
        })
    }

    /// One person the actor may see.
    pub async fn person(&self, actor: &Actor, id: &PersonId) -> Result<Person> {
        policy::see_person(self, actor, id).await?;
        Ok(self.store.person(actor.org, id).await?.into())
    }

    /// The chain of managers above a person the actor may see, nearest first, as far up as
    /// the actor may see (a manager's chain stops at themselves).
    pub async fn managers_above(&self, actor: &Actor, id: &PersonId) -> Result<Vec<Person>> {
        policy::see_person(self, actor, id).await?;
        let mut out = Vec::new();
        if policy::scope(actor) == Scope::Under(id.to_owned()) {
            return Ok(out);
        }
        for m in self.store.managers_of(actor.org, id).await? {
            out.push(self.store.person(actor.org, &m).await?.into());
            if policy::scope(actor) == Scope::Under(m) {
                break;
            }
        }
        Ok(out)
    }

    /// Checks what was sent against the framework and the roster: every problem, each at its
    /// field's JSON path, in the same words a roster CSV gets.
    async fn person_fields(
        &self,
        actor: &Actor,
        id: &PersonId,
        input: &PersonInput,
    ) -> Result<PersonFields> {
        let (_, fw) = self.framework(actor.org).await?;
        let pay = input.pay.as_ref().map(|p| match p {
            Pay::Whole(v) => PayInput::Whole(*v),
            Pay::Text(t) => PayInput::Text(t),
        });
        let draft = PersonDraft {
            id: Some(id),
            name: Some(&input.name),
            email: input.email.as_deref(),
            title: input.title.as_deref(),
            level: input.level.as_deref(),
            track: input.track.as_deref(),
            rung_start: input.rung_start.as_deref(),
            pay,
            currency: input.currency.as_deref(),
            stage: input.stage.as_deref(),
            location: input.location.as_deref(),
        };
        let checked = PersonChecker::new(&fw).check(&draft);
        let mut problems: Vec<Problem> = checked.problems.iter().map(Problem::of_field).collect();
        let manager = input
            .manager
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty());
        if let Some(m) = manager {
            if m == id.as_str() {
                problems.push(Problem::of_field(&own_manager(id)));
            } else if let Err(rungs_store::StoreError::NotFound(_)) =
                self.store.person(actor.org, &PersonId::from(m)).await
            {
                problems.push(Problem::of_field(&unknown_manager(m, std::iter::empty())));
            } else {
                // Above the new manager, the person themselves would close a circle.
                let chain = self
                    .store
                    .managers_of(actor.org, &PersonId::from(m))
                    .await?;
                if let Some(at) = chain.iter().position(|x| x == id) {
                    let mut ids: Vec<&str> = vec![id, m];
                    ids.extend(chain[..at].iter().map(PersonId::as_str));
                    problems.push(Problem::of_field(&reporting_cycle(&ids)));
                }
            }
        }
        // In the order of the roster's columns, as a CSV row's problems are.
        problems.sort_by_key(|p| {
            ROSTER_COLUMNS
                .iter()
                .position(|c| Some(*c) == p.field.as_deref())
                .unwrap_or(ROSTER_COLUMNS.len())
        });
        let Some(p) = checked.person.filter(|_| problems.is_empty()) else {
            return Err(AppError::Invalid {
                title: "the person is not valid".into(),
                problems,
            });
        };
        let stages = fw.compensation().map(|c| &c.stages[..]).unwrap_or_default();
        Ok(PersonFields {
            name: p.name.to_owned(),
            email: p.email.map(str::to_owned),
            title: p.title.map(str::to_owned),
            level: LevelId::from(fw.level_at(p.level).id.clone()),
            track: fw.tracks()[p.track].id.clone(),
            manager: manager.map(PersonId::from),
            rung_start: p.rung_start.map(|d| d.to_string()),
            pay: p.pay.and_then(|v| i64::try_from(v).ok()),
            currency: p.currency.map(|c| c.to_string()),
            stage: p.stage.and_then(|s| stages.get(s)).map(|s| s.id.clone()),
            location: p.location.map(str::to_owned),
        })
    }

    /// Adds a person to the roster. Admins only.
    pub async fn create_person(&self, actor: &Actor, input: PersonInput) -> Result<Person> {
        policy::admin(actor, "add people")?;
        let id = input.id.clone().unwrap_or_default();
        if let Err(p) = rungs_core::team::person::check_id(&id) {
            return Err(AppError::Invalid {
                title: "the person is not valid".into(),
                problems: vec![Problem::of_field(&p)],
            });
        }
        let id = PersonId::from(id);
        let fields = self.person_fields(actor, &id, &input).await?;
        Ok(self
            .store
            .create_person(actor.org, &actor.author, PersonRow { id, fields })
            .await?
            .into())
    }

    /// Writes over a person's fields, if they are still at `version`. Admins only.
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: &PersonId,
        version: i64,
        input: PersonInput,
    ) -> Result<Person> {
        policy::see_person(self, actor, id).await?;
        policy::admin(actor, "change people")?;
        if let Some(other) = input.id.as_deref().filter(|other| *other != id) {
            return Err(AppError::field(
                "/id",
                format!("the body is about `{other}`, the address about `{id}`"),
                Some("a person's id does not change; leave it out"),
            ));
        }
        let fields = self.person_fields(actor, id, &input).await?;
        Ok(self
            .store
            .update_person(
                actor.org,
                &actor.author,
                version,
                PersonRow {
                    id: id.clone(),
                    fields,
                },
            )
            .await?
            .into())
    }

    /// Imports a roster CSV: everyone in the file is created or written over; no one else is
    /// touched. Every bad row is refused with its line and column, and then nothing is written.
    /// Admins only. `progress` hears how many people are written so far.
    pub async fn import_roster(
        &self,
        actor: &Actor,
        file: &str,
        bytes: Vec<u8>,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<RosterImported> {
        policy::admin(actor, "import the roster")?;
        let (_, fw) = self.framework(actor.org).await?;
        let name = file.to_owned();
        let (rows, notes) = tokio::task::spawn_blocking(move || {
            load_roster(&name, &bytes, &fw).map(|l| (rows(&fw, &l.roster), l.notes))
        })
        .await?
        .map_err(|e| {
            AppError::invalid(
                format!("{file} is not a valid roster: nothing was imported"),
                &e.diagnostics,
            )
        })?;
        let summary = self
            .store
            .import_roster(actor.org, &actor.author, &rows, progress)
            .await?;
        Ok(RosterImported {
            summary: summary.into(),
            notes: notes.iter().map(Problem::from).collect(),
        })
    }

    /// The whole roster as CSV. Admins only.
    pub async fn roster_csv(&self, actor: &Actor) -> Result<String> {
        policy::admin(actor, "export the roster")?;
        roster_csv(&self.store.roster_rows(actor.org, None).await?)
    }
}
