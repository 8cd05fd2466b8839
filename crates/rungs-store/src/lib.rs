#![forbid(unsafe_code)]
//! Rungs' storage: one trait, [`Store`], kept on SQLite (a file, the default) or PostgreSQL
//! (for many servers on one database). The backend is chosen by the URL's scheme.
//!
//! Both backends share one implementation, [`SqlStore`]: its queries are written in the SQL the
//! two agree on and checked at run time, so building needs no database. What differs lives in
//! one place per backend (`sqlite.rs`, `postgres.rs`): connection settings, migrations and how a
//! write takes its lock.
//!
//! Every method that changes data takes an [`Author`] and writes an audit entry in the same
//! transaction. Assessments and evidence are only ever added. Updates name the version they
//! read and fail with [`StoreError::Conflict`] if it changed.

mod error;
mod migrate;
mod model;
mod postgres;
mod sql;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;
mod url;

use std::sync::Arc;

use rungs_core::assessment::StoredFields;
use rungs_core::cycle::{Part, Stage};
use rungs_core::{AssessmentId, CycleId, PersonId, VersionId};

pub use error::{Result, StoreError};
pub use model::*;
pub use sql::{AssessmentsBulk, Page, Paged, PeopleBulk, RatedRecord, RatingsBulk, SqlStore};
pub use url::{Backend, DbUrl, redact};

/// Opens the database at `url`, creating it if it is a SQLite file that does not exist, and
/// brings its schema up to date.
pub async fn connect(url: &DbUrl) -> Result<Arc<dyn Store>> {
    Ok(Arc::new(open(url).await?))
}

/// [`connect`], as the concrete store.
pub async fn open(url: &DbUrl) -> Result<SqlStore> {
    open_migrated(url, None).await
}

/// Opens the database with only its first `migrations` migrations run: for tests of what
/// happens to data stored by an older version.
#[doc(hidden)]
pub async fn open_migrated(url: &DbUrl, migrations: Option<usize>) -> Result<SqlStore> {
    sqlx::any::install_default_drivers();
    match url.backend() {
        Backend::Sqlite => sqlite::open(url, migrations).await,
        Backend::Postgres => postgres::open(url, migrations).await,
    }
}

/// Runs a statement of the test's own on the store's database, for tests that set up data as an
/// older version stored it.
#[doc(hidden)]
pub async fn execute_raw(store: &SqlStore, sql: &str) -> Result<u64> {
    store.execute_raw(sql).await
}

/// Rows per page of a bulk read: a page of assessments is about 4 MB of text.
pub const BULK_PAGE: i64 = 20_000;

/// A part of the organization of more than one in this many of its people is cut from the whole
/// organization's pages rather than read by itself (see [`Roster::part_is_small`]).
pub const LARGE_PART: i64 = 6;

/// The current time, in milliseconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Everything Rungs keeps, by subject. Records are always read and written within one
/// organization: a record of another organization is [`StoreError::NotFound`].
#[async_trait::async_trait]
pub trait Store:
    Settings
    + Orgs
    + Users
    + Drafts
    + Sessions
    + Tokens
    + Ladders
    + Roster
    + Records
    + Cycles
    + Send
    + Sync
    + std::fmt::Debug
{
    fn backend(&self) -> Backend;

    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;
}

/// The store's traits, to bring their methods into scope: `use rungs_store::prelude::*`.
pub mod prelude {
    pub use crate::{
        Cycles, Drafts, Ladders, Orgs, Records, Roster, Sessions, Settings, Store, Tokens, Users,
    };
}

/// Server-wide settings, and whether anyone can sign in yet.
#[async_trait::async_trait]
pub trait Settings {
    /// Whether anyone can sign in yet.
    async fn has_users(&self) -> Result<bool>;
    async fn setting(&self, key: &str) -> Result<Option<String>>;
    async fn put_setting(&self, key: &str, value: &str) -> Result<()>;
    /// Removes a setting if it has this value; returns whether it did (for one-time codes).
    async fn take_setting(&self, key: &str, value: &str) -> Result<bool>;
}

/// Organizations, each made with its first admin.
#[async_trait::async_trait]
pub trait Orgs {
    /// Creates the first organization, only if there is none yet: of any number tried at
    /// once on an empty database, one is made and the others answer `None`.
    async fn create_first_org(&self, new: NewOrg) -> Result<Option<(Org, User)>>;
    /// Creates an organization with its first admin and its framework as version 1.
    async fn create_org(&self, new: NewOrg) -> Result<(Org, User)>;
    async fn org(&self, org: OrgId) -> Result<Org>;
    async fn orgs(&self) -> Result<Vec<Org>>;
    /// One of the organization's own settings (its company stage, its pay zone), by name.
    async fn org_setting(&self, org: OrgId, name: &str) -> Result<Option<String>>;
    /// Sets one of the organization's settings, or with `None` clears it; audited.
    async fn set_org_setting(
        &self,
        org: OrgId,
        by: &Author,
        name: &str,
        value: Option<&str>,
    ) -> Result<()>;
}

/// Accounts: made, changed, disabled, their passwords and one-time links.
#[async_trait::async_trait]
pub trait Users {
    async fn create_user(&self, org: OrgId, by: &Author, new: NewUser) -> Result<User>;
    async fn user(&self, org: OrgId, id: UserId) -> Result<User>;
    async fn users(&self, org: OrgId) -> Result<Vec<User>>;
    /// The accounts with this email (any case) and their password hashes, one per organization
    /// at most, by organization: for signing in.
    async fn users_by_email(&self, email: &str) -> Result<Vec<(User, String)>>;
    /// Changes a user's role and person; fails with a conflict if `version` is not current.
    async fn update_user(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        version: i64,
        role: Role,
        person: Option<PersonId>,
    ) -> Result<User>;
    /// Replaces a user's password hash, ends their other sessions (all but `keep`, a session
    /// token hash) and revokes their API tokens.
    async fn set_password(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        hash: &str,
        keep: Option<&str>,
    ) -> Result<()>;
    /// A user's password hash.
    async fn password_hash(&self, org: OrgId, id: UserId) -> Result<String>;
    /// Disables an account (ending its sessions and revoking its tokens, which enabling it
    /// again does not bring back) or enables it again.
    async fn set_disabled(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        disabled: bool,
    ) -> Result<User>;
    /// Keeps the digest of a one-time link for a user to choose their password, replacing any
    /// earlier link of theirs.
    async fn create_invite(
        &self,
        org: OrgId,
        by: &Author,
        id: UserId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<()>;
    /// The user a one-time link is for, while it holds.
    async fn invite(&self, token_hash: &str, now: i64) -> Result<Option<User>>;
    /// Uses a one-time link: sets the user's password, ends their sessions, revokes their
    /// tokens and forgets the link.
    async fn accept_invite(&self, token_hash: &str, now: i64, password_hash: &str) -> Result<User>;
}

/// What a user has typed and not yet sent, by key.
#[async_trait::async_trait]
pub trait Drafts {
    /// A user's draft under a key, if they keep one.
    async fn draft(&self, org: OrgId, user: UserId, key: &str) -> Result<Option<String>>;
    /// Keeps a draft, replacing the one under the same key.
    async fn put_draft(&self, org: OrgId, user: UserId, key: &str, body: &str) -> Result<()>;
    async fn delete_draft(&self, org: OrgId, user: UserId, key: &str) -> Result<()>;
}

/// Browser sessions, and the sign-in attempts counted to slow down guessing.
#[async_trait::async_trait]
pub trait Sessions {
    async fn create_session(&self, session: NewSession) -> Result<()>;
    /// The session with this token hash, if it has not expired by `now`.
    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>>;
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Notes a sign-in attempt under each key (an account, an address) and answers, per key, how
    /// many attempts there have been since `since`, this one included. Attempts are taken one
    /// at a time, so of any number made at once each sees those before it.
    async fn record_attempt(&self, keys: &[String], at: i64, since: i64) -> Result<Vec<i64>>;
    /// Forgets one attempt under a key: a sign-in that succeeded does not count against its
    /// address.
    async fn forget_attempt(&self, key: &str, at: i64) -> Result<()>;
    async fn clear_failures(&self, key: &str) -> Result<()>;
}

/// API tokens: kept as digests, listed, revoked, and read back on use.
#[async_trait::async_trait]
pub trait Tokens {
    async fn create_token(&self, org: OrgId, by: &Author, new: NewToken) -> Result<ApiToken>;
    /// The tokens of the organization, or of one user.
    async fn tokens(&self, org: OrgId, user: Option<UserId>) -> Result<Vec<ApiToken>>;
    async fn token(&self, org: OrgId, id: i64) -> Result<ApiToken>;
    async fn revoke_token(&self, org: OrgId, by: &Author, id: i64) -> Result<ApiToken>;
    /// The user of a live (not revoked) token, noting that it was used at `now`.
    async fn token_user(&self, token_hash: &str, now: i64) -> Result<Option<User>>;
}

/// The organization's framework, versioned: an edit makes a new version.
#[async_trait::async_trait]
pub trait Ladders {
    /// The organization's current framework: the version published last.
    async fn framework(&self, org: OrgId) -> Result<FrameworkVersion>;
    /// The number of the organization's current framework version.
    async fn current_framework(&self, org: OrgId) -> Result<VersionId>;
    async fn framework_version(&self, org: OrgId, version: VersionId) -> Result<FrameworkVersion>;
    /// Every version, newest first (without their sources).
    async fn framework_versions(&self, org: OrgId) -> Result<Vec<FrameworkVersion>>;
    /// Keeps with a version the levels (not its own) it maps to its levels.
    async fn set_level_map(
        &self,
        org: OrgId,
        by: &Author,
        version: VersionId,
        map: &std::collections::BTreeMap<String, String>,
    ) -> Result<FrameworkVersion>;
    /// Makes a version the one in use (a draft, or an earlier version again), and moves the
    /// people at each level of its level map to the level mapped, in the same transaction.
    async fn publish_framework(
        &self,
        org: OrgId,
        by: &Author,
        version: VersionId,
    ) -> Result<FrameworkVersion>;
    /// Adds a new version as a draft; fails with a conflict unless `after` is the newest
    /// version (draft or not).
    async fn put_framework(
        &self,
        org: OrgId,
        by: &Author,
        after: VersionId,
        name: &str,
        source: &str,
    ) -> Result<FrameworkVersion>;
}

/// People and their reporting lines.
#[async_trait::async_trait]
pub trait Roster {
    async fn person(&self, org: OrgId, id: &PersonId) -> Result<Person>;
    async fn people(&self, org: OrgId, filter: &PeopleFilter) -> Result<Vec<Person>>;
    async fn count_people(&self, org: OrgId) -> Result<i64>;
    /// Everyone's id and name, and nothing else of them: to name people in lists.
    async fn names(&self, org: OrgId) -> Result<Vec<(PersonId, String)>>;
    /// How many people a person and everyone under them are, counted no further than `most`
    /// (the count stops there, so asking costs no more than `most` people however large the
    /// part): whether a part is small enough to read by itself.
    async fn count_under(&self, org: OrgId, id: &PersonId, most: i64) -> Result<i64>;
    /// People read in bulk, for a whole organization at once (fast: see `sql/bulk.rs`): up to
    /// `limit` of those added after the one stored as `after` (0 for the first page), in the
    /// order they were added; or, with `under`, that person and everyone under them.
    async fn people_page(
        &self,
        org: OrgId,
        under: Option<&PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<PeopleBulk>;
    /// A person and everyone under them (empty when there is no such person): walked by the
    /// database when the part is small, else cut from everyone's reporting lines read at once.
    async fn part(&self, org: OrgId, id: &PersonId) -> Result<rungs_core::team::Part>;
    /// Whether a person and everyone under them are at most a sixth of the organization
    /// (counted only that far). A part read by itself (`people_page` with `under`) costs
    /// about 5.5 times per person what the whole organization's pages do
    /// (`scripts/bench-part.sh`, 100,000 people), so a larger one is cut from the whole.
    async fn part_is_small(&self, org: OrgId, id: &PersonId) -> Result<bool> {
        let most = self.count_people(org).await? / LARGE_PART + 1;
        Ok(self.count_under(org, id, most).await? < most)
    }
    /// Everyone on the roster (or under a person) as owned rows, in the order they were added.
    async fn roster_rows(&self, org: OrgId, under: Option<&PersonId>) -> Result<Vec<PersonRow>> {
        let mut rows = Vec::new();
        let mut add =
            |page: PeopleBulk| page.each(&mut |_, p| rows.push(sql::bulk::person_row(&p)));
        if let Some(u) = under
            && self.part_is_small(org, u).await?
        {
            add(self.people_page(org, Some(u), 0, i64::MAX).await?)?;
            return Ok(rows);
        }
        let mut after = 0;
        loop {
            let page = self.people_page(org, None, after, BULK_PAGE).await?;
            let next = page.next_after(BULK_PAGE)?;
            add(page)?;
            match next {
                Some(last) => after = last,
                None => break,
            }
        }
        if let Some(u) = under {
            let lines = rows
                .iter()
                .map(|r| (r.id.as_str(), r.fields.manager.as_deref()));
            let part = rungs_core::team::Part::under(lines, u);
            rows.retain(|r| part.contains(&r.id));
        }
        Ok(rows)
    }
    /// The person's managers, nearest first.
    async fn managers_of(&self, org: OrgId, id: &PersonId) -> Result<Vec<PersonId>>;
    async fn create_person(&self, org: OrgId, by: &Author, row: PersonRow) -> Result<Person>;
    /// Writes over a person's fields; fails with a conflict if `version` is not current.
    async fn update_person(
        &self,
        org: OrgId,
        by: &Author,
        version: i64,
        row: PersonRow,
    ) -> Result<Person>;
    /// Creates or writes over everyone in `rows`, in one transaction: all or nothing.
    /// `progress` hears how many rows are written so far, as the writing goes.
    async fn import_roster(
        &self,
        org: OrgId,
        by: &Author,
        rows: &[PersonRow],
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<ImportSummary>;
}

/// Assessments and milestone evidence, only ever added, and the audit log.
#[async_trait::async_trait]
pub trait Records {
    async fn add_assessment(
        &self,
        org: OrgId,
        by: &Author,
        new: NewAssessment,
    ) -> Result<AssessmentRecord>;
    /// Adds many assessments in one transaction, all or nothing, with one audit entry.
    /// `progress` hears how many are written so far, as the writing goes.
    async fn import_assessments(
        &self,
        org: OrgId,
        by: &Author,
        new: &[NewAssessment],
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<u64>;
    async fn assessment(&self, org: OrgId, id: AssessmentId) -> Result<AssessmentRecord>;
    /// A person's assessments, oldest first; everyone's when `person` is `None` (by person,
    /// then date).
    async fn assessments(
        &self,
        org: OrgId,
        person: Option<&PersonId>,
    ) -> Result<Vec<AssessmentRecord>>;
    /// What picks among a person's assessments (id, version, day, kind), oldest first; none of
    /// what they say.
    async fn assessment_heads(&self, org: OrgId, person: &PersonId) -> Result<Vec<AssessmentHead>>;
    /// Assessments read in bulk for the team report: up to `limit` of those recorded after the
    /// one stored as `after`, in the order they were recorded, of the organization or of the
    /// people under `under` (that person included). Walk them with [`AssessmentsBulk::each`].
    async fn assessments_page(
        &self,
        org: OrgId,
        under: Option<&PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<AssessmentsBulk>;
    /// The framework versions the organization's assessments were made against.
    async fn assessment_versions(&self, org: OrgId) -> Result<Vec<VersionId>>;
    /// How many assessments were made against each framework version, oldest version first.
    async fn assessment_version_counts(&self, org: OrgId) -> Result<Vec<(VersionId, i64)>>;
    /// Assessments stored before they had typed fields, any organization, up to `limit`.
    async fn legacy_assessments(&self, limit: i64) -> Result<Vec<LegacyAssessment>>;
    /// Gives a legacy assessment its typed fields: what it says (track, level, ratings,
    /// milestones, evidence, notes); whose it is, when and by whom stay as stored.
    async fn convert_legacy(&self, id: AssessmentId, fields: &StoredFields) -> Result<()>;
    async fn add_evidence(&self, org: OrgId, by: &Author, new: NewEvidence) -> Result<Evidence>;
    async fn evidence(&self, org: OrgId, person: &PersonId) -> Result<Vec<Evidence>>;
    /// The latest entries, newest first, before the entry `before` if given.
    async fn audit(&self, org: OrgId, limit: i64, before: Option<i64>) -> Result<Vec<AuditEntry>>;
}

/// Review cycles: the cycles, each person's record in them, and what happened, kept for good.
/// A write names the stage and record version it read and is refused as a
/// [`StoreError::Conflict`] if either has changed since.
#[async_trait::async_trait]
pub trait Cycles {
    /// Creates a cycle with a record (nothing started) for each member.
    async fn create_cycle(&self, org: OrgId, by: &Author, new: NewCycle) -> Result<CycleRow>;
    /// The organization's cycles, newest first.
    async fn cycles(&self, org: OrgId) -> Result<Vec<CycleRow>>;
    async fn cycle(&self, org: OrgId, id: CycleId) -> Result<CycleRow>;
    /// Moves a cycle from stage `from` to `to`, marks the records in `share` (person, the
    /// version read) as shared and adds `history` (what was shared) to the people's
    /// assessments, in one transaction. Which records are shared is the caller's rule; a record
    /// no longer at the version read refuses the whole move.
    async fn set_stage(
        &self,
        org: OrgId,
        by: &Author,
        id: CycleId,
        stages: (Stage, Stage),
        share: &[(PersonId, i64)],
        history: &[NewAssessment],
    ) -> Result<CycleRow>;
    /// The cycle's records, by person.
    async fn cycle_records(&self, org: OrgId, cycle: CycleId) -> Result<Vec<CycleRecord>>;
    /// The records of these people in the cycle, by person (those not in it left out).
    async fn cycle_records_of(
        &self,
        org: OrgId,
        cycle: CycleId,
        people: &[PersonId],
    ) -> Result<Vec<CycleRecord>>;
    /// Every record of the cycle with a submitted manager's part, as calibration reads it:
    /// the summaries of its submitted parts (never the bodies), in bulk.
    async fn cycle_ratings(&self, org: OrgId, cycle: CycleId) -> Result<RatingsBulk>;
    /// Submitted parts of one kind stored without a summary (or an empty one), in order of
    /// cycle and person,
    /// after the record given; at most `limit`.
    async fn unsummed_parts(
        &self,
        part: Part,
        after: Option<(CycleId, PersonId)>,
        limit: i64,
    ) -> Result<Vec<UnsummedPart>>;
    /// Keeps parts' summaries ([`PartWrite::summary`]), in one transaction; nothing else
    /// changes, not even the records' versions.
    async fn keep_summaries(
        &self,
        part: Part,
        summaries: &[(CycleId, PersonId, String)],
    ) -> Result<()>;
    /// A person's own record in the cycle and those recorded with them as manager, by
    /// person, without what was written in them: what gives them to-dos.
    async fn cycle_states_for(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: &PersonId,
    ) -> Result<Vec<CycleRecord>>;
    /// The cycle's records by person without what was written in them (each part's `body` is
    /// left empty): where each stands, for lists and to-dos.
    async fn cycle_states(&self, org: OrgId, cycle: CycleId) -> Result<Vec<CycleRecord>>;
    /// The cycle's records counted by the database: how many stand each way under each
    /// manager, with `me`'s own record (if any) counted on its own.
    async fn cycle_tallies(
        &self,
        org: OrgId,
        cycle: CycleId,
        me: Option<&PersonId>,
    ) -> Result<Vec<CycleTally>>;
    /// How many people each of the organization's cycles has: (cycle id, people).
    async fn cycle_sizes(&self, org: OrgId) -> Result<Vec<(CycleId, i64)>>;
    async fn cycle_record(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: &PersonId,
    ) -> Result<CycleRecord>;
    /// Writes one part of a record, with its event (and history entry), all or nothing.
    async fn write_record(
        &self,
        org: OrgId,
        by: &Author,
        cycle: CycleId,
        person: &PersonId,
        write: RecordWrite,
    ) -> Result<CycleRecord>;
    /// The cycle's events, oldest first; one person's when `person` is given.
    async fn cycle_events(
        &self,
        org: OrgId,
        cycle: CycleId,
        person: Option<&PersonId>,
    ) -> Result<Vec<CycleEvent>>;
}
