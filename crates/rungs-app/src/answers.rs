//! What the application answers about the records it keeps: organizations, accounts, tokens,
//! framework versions, people, evidence and the audit log. These are the API's contract and
//! what every face renders; the store's rows are not. Each is made from a row here, so a column
//! can change without the answer changing, and an answer says nothing a row holds only for
//! the store (a password's hash, a token's digest, a framework's source).

use rungs_core::access::Role;
use rungs_core::{LevelId, PersonId, VersionId};
use rungs_store::{OrgId, UserId};
use serde::Serialize;

/// An organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Org {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: OrgId,
    pub name: String,
    pub created_at: i64,
}

impl From<rungs_store::Org> for Org {
    fn from(o: rungs_store::Org) -> Org {
        Org {
            id: o.id,
            name: o.name,
            created_at: o.created_at,
        }
    }
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: UserId,
    /// The organization the account belongs to (the caller's own; not part of the answer).
    #[serde(skip)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub org: OrgId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The person on the roster this user is, if any: a manager sees that person's reports.
    pub person: Option<PersonId>,
    pub version: i64,
    pub created_at: i64,
    /// A disabled account keeps its history but cannot sign in or use its tokens.
    pub disabled: bool,
}

impl From<rungs_store::User> for User {
    fn from(u: rungs_store::User) -> User {
        User {
            id: u.id,
            org: u.org,
            email: u.email,
            name: u.name,
            role: u.role,
            person: u.person,
            version: u.version,
            created_at: u.created_at,
            disabled: u.disabled,
        }
    }
}

/// An API token as listed: never the token itself, which is shown once at creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub user: UserId,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl From<rungs_store::ApiToken> for ApiToken {
    fn from(t: rungs_store::ApiToken) -> ApiToken {
        ApiToken {
            id: t.id,
            user: t.user,
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// One version of an organization's framework (its file is read with its own request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkVersion {
    pub version: VersionId,
    /// The framework's name, from its file.
    pub name: String,
    pub created_at: i64,
    pub created_by: String,
    /// When it was last published; none for a draft never published.
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
    /// The version in use now (the one published last).
    pub in_use: bool,
    /// Levels it does not have, each mapped to one of its own: publishing it moves the people
    /// at each.
    pub level_map: std::collections::BTreeMap<String, String>,
}

impl From<rungs_store::FrameworkVersion> for FrameworkVersion {
    fn from(v: rungs_store::FrameworkVersion) -> FrameworkVersion {
        FrameworkVersion {
            version: v.version,
            name: v.name,
            created_at: v.created_at,
            created_by: v.created_by,
            published_at: v.published_at,
            published_by: v.published_by,
            in_use: false,
            level_map: v.level_map,
        }
    }
}

/// A person on the roster, with or without a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// The roster id (`p-001`): unique in the organization.
    pub id: PersonId,
    #[serde(flatten)]
    pub fields: PersonFields,
    /// Goes up by one with each change; an update must name the version it read.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a person's record holds besides its id and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonFields {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// A level id of the organization's framework.
    pub level: LevelId,
    pub track: String,
    /// The roster id of their manager.
    pub manager: Option<PersonId>,
    /// The day they started on their current rung, YYYY-MM-DD.
    pub rung_start: Option<String>,
    pub pay: Option<i64>,
    pub currency: Option<String>,
    pub stage: Option<String>,
    pub location: Option<String>,
}

impl From<rungs_store::Person> for Person {
    fn from(p: rungs_store::Person) -> Person {
        let f = p.fields;
        Person {
            id: p.id,
            fields: PersonFields {
                name: f.name,
                email: f.email,
                title: f.title,
                level: f.level,
                track: f.track,
                manager: f.manager,
                rung_start: f.rung_start,
                pay: f.pay,
                currency: f.currency,
                stage: f.stage,
                location: f.location,
            },
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// What a roster import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// People already stored who are not in the file: left as they are.
    pub not_in_file: i64,
}

impl From<rungs_store::ImportSummary> for ImportSummary {
    fn from(s: rungs_store::ImportSummary) -> ImportSummary {
        ImportSummary {
            created: s.created,
            updated: s.updated,
            unchanged: s.unchanged,
            not_in_file: s.not_in_file,
        }
    }
}

/// Evidence that a person met a promotion milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub id: i64,
    pub person: PersonId,
    pub milestone: String,
    pub note: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub created_by: String,
}

impl From<rungs_store::Evidence> for Evidence {
    fn from(e: rungs_store::Evidence) -> Evidence {
        Evidence {
            id: e.id,
            person: e.person,
            milestone: e.milestone,
            note: e.note,
            link: e.link,
            created_at: e.created_at,
            created_by: e.created_by,
        }
    }
}

/// One change: who, what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
}

impl From<rungs_store::AuditEntry> for AuditEntry {
    fn from(e: rungs_store::AuditEntry) -> AuditEntry {
        AuditEntry {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            target: e.target,
            detail: e.detail,
        }
    }
}

/// Answers made from rows, all at once.
pub(crate) fn all<R, A: From<R>>(rows: Vec<R>) -> Vec<A> {
    rows.into_iter().map(A::from).collect()
}
