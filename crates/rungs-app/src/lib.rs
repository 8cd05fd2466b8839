#![forbid(unsafe_code)]
//! Rungs' use cases: what the command line and the server both do, over the core (the rules)
//! and the store (what is kept). A CLI command or an HTTP handler parses its input, calls one
//! function here, and renders the answer; neither holds a rule of its own.
//!
//! [`App`] is the shared context: the store, the settings, the parsed frameworks and the
//! sign-ins read recently. The use cases are grouped by subject, each reached from it:
//! [`App::ladder`], [`App::people`], [`App::assessments`], [`App::cycles`],
//! [`App::accounts`], [`App::frameworks`] and [`App::reports`] (`app.cycles().write_part(..)`).
//! Every function that reads or writes an organization's records takes the [`Actor`] asking
//! and checks it in [`policy`] first.

mod accounts;
pub mod answers;
mod assessments;
mod csv_out;
mod cycles;
mod demo;
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

use rungs_core::{Framework, VersionId};
use rungs_store::Store;

pub use accounts::{
    INVITE_DAYS, NewInvite, NewUserInput, OrgPay, SetupInput, SignIn, SignedIn, Via,
};
pub use assessments::{Aim, AssessmentView, PacketView, PersonView, target_error};
pub use cycles::{
    CalibrationView, Candidate, CycleExport, CycleInput, CycleTodo, CycleView, EventView, HandOver,
    ManagerProgress, OpenReview, PartInput, PartView, Progress, RatingChange, RecordView, Reopen,
    StageView,
};
pub use demo::{DemoAccount, DemoSeed};
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
    frameworks: Mutex<HashMap<(OrgId, VersionId), Arc<Framework>>>,
    /// Each organization's current framework version (see `recent`).
    current: Recent<OrgId, VersionId>,
}

impl std::ops::Deref for App {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The use cases of one subject, over the shared context: `app.cycles().write_part(..)`.
/// Each derefs to [`App`] for what every subject shares (the store, the framework in use).
macro_rules! subject {
    ($(#[$doc:meta])* $name:ident, $get:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'a>(&'a App);

        impl std::ops::Deref for $name<'_> {
            type Target = App;

            fn deref(&self) -> &App {
                self.0
            }
        }

        impl std::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(stringify!($name))
            }
        }

        impl App {
            $(#[$doc])*
            pub fn $get(&self) -> $name<'_> {
                $name(self)
            }
        }
    };
}

subject! {
    /// Organizations, sign-in, sessions, users, invitations, API tokens and drafts.
    Accounts, accounts
}
subject! {
    /// The ladder itself: levels, paths, pay bands and checks, titles.
    Ladder, ladder
}
subject! {
    /// The roster: people, their fields and reporting lines.
    People, people
}
subject! {
    /// Assessments and what is read from them: a person's standing, gap, readiness, plan,
    /// packet and evidence.
    Assessments, assessments
}
subject! {
    /// Review cycles: stages, records and their parts, calibration, progress and exports.
    Cycles, cycles
}
subject! {
    /// Framework versions: drafts, uploads, edits, previews, publishing and exports.
    Frameworks, frameworks
}
subject! {
    /// The team's figures and the assessment history: the team report, its rows, history
    /// import and export.
    Reports, reports
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
