//! The commands over a database: the server, its accounts, imports and review cycles.

use super::*;

/// Which database, and which organization in it.
#[derive(Debug, Args)]
pub(crate) struct DbArgs {
    /// The database: a SQLite file (a path, or sqlite://<file>) or
    /// postgres://<user>@<host>/<database>. Also RUNGS_DB; default: rungs.db in your data
    /// directory.
    #[arg(long, value_name = "URL")]
    pub(crate) db: Option<String>,
    /// A TOML file of server settings.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The organization's id, when the database holds more than one.
    #[arg(long, value_name = "ID")]
    pub(crate) org: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AdminCommand {
    /// Create an admin. On an empty database this creates the organization too.
    ///
    /// The password is read from standard input with --password-stdin, else from the
    /// RUNGS_ADMIN_PASSWORD variable, else asked for (without echo).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organization's name, for a new organization.
        #[arg(long, value_name = "NAME", default_value = "My organization")]
        organization: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Import a roster CSV (the format of `rungs team template`): everyone in the file is
    /// created or written over, no one else is touched. Every bad row is reported with its line
    /// and column, and then nothing is written.
    Roster {
        /// The roster CSV.
        file: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },

    /// Import an assessment history: a history CSV, or a directory of history CSVs and TOML or
    /// JSON assessment files (the formats of `rungs team`, docs/teams.md). All or nothing: every
    /// bad row is reported with its line and column, and then nothing is written. Self, manager
    /// and peer assessments are kept as what they are.
    #[command(after_help = "Examples:
  rungs import assessments demo/assessments/history.csv
  rungs import assessments demo/assessments        # every file in the directory
  rungs export --out backup && rungs import assessments backup/assessments")]
    Assessments {
        /// A history CSV, or a directory of assessments.
        path: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CycleCommand {
    /// Start a review cycle at self-assessment, on the framework version in use now (kept for
    /// the whole cycle), with everyone or everyone under one person (docs/cycles.md).
    #[command(after_help = "Examples:
  rungs cycle start \"H2 2026 review\" --self-due 2026-12-10 --manager-due 2026-12-20 --db rungs.db
  rungs cycle start \"Platform review\" --under p-007 --db rungs.db")]
    Start {
        /// The cycle's name.
        name: String,
        /// Only this person (a roster id) and everyone under them; default: everyone.
        #[arg(long, value_name = "ID")]
        under: Option<String>,
        /// The day self-assessments are due, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        self_due: Option<String>,
        /// The day manager ratings are due.
        #[arg(long, value_name = "DATE")]
        manager_due: Option<String>,
        /// The day calibration ends.
        #[arg(long, value_name = "DATE")]
        calibration_due: Option<String>,
        /// The day results are shared by.
        #[arg(long, value_name = "DATE")]
        shared_due: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },

    /// Where a review cycle stands: its stage and dates, the framework version it uses,
    /// completion per part and per manager. Without an id, every cycle, newest first.
    #[command(after_help = "Examples:
  rungs cycle status --db rungs.db           # every cycle, one line each
  rungs cycle status 3 --db rungs.db         # cycle 3 in full
  rungs cycle status 3 --db rungs.db --json  # the same as the API's answers")]
    Status {
        /// The cycle's id (`rungs cycle status` lists them).
        id: Option<rungs_core::CycleId>,
        #[command(flatten)]
        db: DbArgs,
    },
}
