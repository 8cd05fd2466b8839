//! Who may see and do what: every check of every face is made here.
//!
//! - An **admin** sees and changes everything in their organization.
//! - A **manager** sees themselves and everyone under them (their reports, their reports'
//!   reports, …), and may add assessments and evidence for those people.
//! - A **member** sees only themselves, and may add their own self-assessments and evidence.
//!
//! Everyone signed in may read the organization's framework (the ladder is not a secret). A
//! person the caller may not see is answered as not found, exactly like one that does not
//! exist. The command line acts as an admin of the organization it names.

use rungs_core::PersonId;
use rungs_store::{Author, OrgId, Role};

use crate::answers::User;

use crate::App;
use crate::error::{AppError, Result};

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub org: OrgId,
    pub role: Role,
    /// The roster person the actor is, if any: a manager sees that person's reports.
    pub person: Option<PersonId>,
    /// Who changes are recorded as, in the audit log and on records.
    pub author: Author,
    /// The user signed in; none for the command line.
    pub user: Option<User>,
}

impl Actor {
    /// A signed-in user.
    pub fn user(user: User) -> Actor {
        Actor {
            org: user.org,
            role: user.role,
            person: user.person.clone(),
            author: Author::of(user.id, &user.email),
            user: Some(user),
        }
    }

    /// The command line, acting as an admin of an organization (recorded as `cli`).
    pub fn cli(org: OrgId) -> Actor {
        Actor {
            org,
            role: Role::Admin,
            person: None,
            author: Author::system("cli"),
            user: None,
        }
    }
}

/// Whose records a caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole organization.
    Everyone,
    /// A person and everyone under them.
    Under(PersonId),
    /// One person.
    Only(PersonId),
    /// No one (a member or manager with no person on the roster).
    NoOne,
}

pub fn scope(actor: &Actor) -> Scope {
    match (actor.role, &actor.person) {
        (Role::Admin, _) => Scope::Everyone,
        (Role::Manager, Some(p)) => Scope::Under(p.clone()),
        (Role::Member, Some(p)) => Scope::Only(p.clone()),
        (_, None) => Scope::NoOne,
    }
}

/// Only admins may do this.
pub fn admin(actor: &Actor, what: &str) -> Result<()> {
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!("only an admin may {what}")))
    }
}

/// The caller may see this person (who exists): otherwise not found.
pub async fn see_person(app: &App, actor: &Actor, person: &PersonId) -> Result<()> {
    let visible = match scope(actor) {
        Scope::Everyone => true,
        Scope::Only(me) => me == *person,
        Scope::Under(me) => {
            me == *person
                || app
                    .store
                    .managers_of(actor.org, person)
                    .await?
                    .contains(&me)
        }
        Scope::NoOne => false,
    };
    if !visible {
        return Err(AppError::NotFound("person"));
    }
    // Whether the person exists at all is asked only once the caller may know.
    app.store.person(actor.org, person).await?;
    Ok(())
}

/// The caller may add an assessment of this person by this kind of assessor: a manager or
/// admin assesses others, a person assesses themselves as `self`.
pub async fn assess(app: &App, actor: &Actor, person: &PersonId, kind: &str) -> Result<()> {
    see_person(app, actor, person).await?;
    let own = actor.person.as_deref() == Some(person);
    match (own, kind) {
        (true, "self") => Ok(()),
        (true, _) if actor.role != Role::Admin => Err(AppError::Forbidden(format!(
            "an assessment of yourself is a self-assessment: set assessor kind to \"self\", not \"{kind}\""
        ))),
        (false, "self") => Err(AppError::Forbidden(
            "a self-assessment is made by the person themselves".into(),
        )),
        _ => Ok(()),
    }
}

/// The caller may see the team report of this scope: admins and managers.
pub fn team(actor: &Actor) -> Result<Scope> {
    match scope(actor) {
        s @ (Scope::Everyone | Scope::Under(_)) => Ok(s),
        _ => Err(AppError::Forbidden(
            "the team report is for admins and managers".into(),
        )),
    }
}
