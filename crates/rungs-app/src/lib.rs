#![forbid(unsafe_code)]
//! Rungs' use cases: what the command line and the server both do, over the core (the rules)
//! and the store (what is kept). A CLI command or an HTTP handler parses its input, calls one
//! function here, and renders the answer; neither holds a rule of its own.
//!
//! [`App`] is the shared context: the store, the settings, the parsed frameworks and the
//! sign-ins read recently. Every function that reads or writes an organization's records takes
//! the [`Actor`] asking and checks it in [`policy`] first.

mod accounts;
pub mod answers;
mod assessments;
mod csv_out;
mod cycles;
mod error;
mod frameworks;
mod history;
pub mod ladder;
mod people;
pub mod policy;
mod recent;
pub mod secret;
pub mod sheets;
mod standing;
mod team;
mod upgrade;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rungs_core::Framework;
use rungs_store::Store;

pub use accounts::{INVITE_DAYS, NewInvite, NewUserInput, SetupInput, SignIn, SignedIn, Via};
pub use assessments::{Aim, AssessmentView, PacketView, PersonView, target_error};
pub use cycles::{
    CalibrationView, Candidate, CycleExport, CycleInput, CycleTodo, CycleView, EventView, HandOver,
    ManagerProgress, OpenReview, PartInput, PartView, Progress, RatingChange, RecordView, Reopen,
    StageView,
};
pub use error::{AppError, Problem, Result};
pub use frameworks::{
    FrameworkPreview, FrameworkSaved, LevelChoice, MAX_FRAMEWORK_UPLOAD, UnplacedLevel,
};
pub use history::{AssessmentsImported, HistoryExport, HistorySource};
pub use people::{Pay, PersonInput, RosterImported};
pub use policy::{Actor, Scope};
pub use secret::MIN_PASSWORD;
pub use standing::Standing;
pub use team::{ReportRequest, report_days};

// What a face names when it asks: the ids, a database's address, which people to list, a role.
// (Rows of the store are never handed out: the answers are [`answers`].)
pub use rungs_core::access::Role;
pub use rungs_store::{DbUrl, OrgId, PeopleFilter, UserId, redact};

use recent::Recent;

/// How long things are kept in memory, and sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How long this process trusts what it read of the current framework version before
    /// reading it again (0: always read). A version published through this process applies at
    /// once; another process on the same database sees it after at most this long. Sign-ins are
    /// never kept: they are read on every request.
    pub cache_seconds: u64,
    /// How long a sign-in lasts.
    pub session_hours: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            cache_seconds: 5,
            session_hours: 12,
        }
    }
}

/// The application: cheap to clone, shared by every request and command.
#[derive(Debug, Clone)]
pub struct App(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    store: Arc<dyn Store>,
    pub settings: Settings,
    /// Frameworks parsed from their stored versions. A version never changes once written, so
    /// this holds nothing another process would need to know: each parses its own.
    frameworks: Mutex<HashMap<(OrgId, i64), Arc<Framework>>>,
    /// Each organization's current framework version (see `recent`).
    current: Recent<OrgId, i64>,
}

impl std::ops::Deref for App {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl App {
    pub fn new(store: Arc<dyn Store>, settings: Settings) -> App {
        let ttl = Duration::from_secs(settings.cache_seconds);
        App(Arc::new(Inner {
            store,
            settings,
            frameworks: Mutex::new(HashMap::new()),
            current: Recent::new(ttl),
        }))
    }

    /// Opens the database at `url` (creating and migrating it as needed) and brings stored data
    /// written by older versions up to date.
    pub async fn open(url: &DbUrl, settings: Settings) -> Result<App> {
        let store = rungs_store::connect(url).await?;
        let app = App::new(store, settings);
        app.upgrade().await?;
        Ok(app)
    }

    /// Whether the database answers (for a readiness probe).
    pub async fn ping(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }

    /// The store underneath, for tests that check what was (or was not) written.
    #[cfg(feature = "testing")]
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
