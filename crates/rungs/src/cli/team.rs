//! `rungs team`: a team's roster and assessments, checked, reported on and charted.

use super::*;

#[derive(Debug, Subcommand)]
pub(crate) enum TeamCommand {
    /// Print a roster template: every column, with two example rows.
    Template,

    /// Check a roster (and an assessments directory) and report every problem, without the report.
    Check {
        /// The roster CSV.
        roster: PathBuf,
        /// A directory of assessments: history CSVs and TOML or JSON assessment files.
        #[arg(long, value_name = "DIR")]
        assessments: Option<PathBuf>,
    },

    /// The team report: span of control, shape, promotion pipeline, pay, calibration and changes.
    Report {
        /// The roster CSV.
        #[arg(long)]
        roster: PathBuf,
        /// A directory of assessments: history CSVs and TOML or JSON assessment files.
        #[arg(long, value_name = "DIR")]
        assessments: Option<PathBuf>,
        /// The day to report on, as YYYY-MM-DD (default: today); later assessments are ignored.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// The start of the window for changes (default: a year before --as-of).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only this person (an id) and everyone under them, however deep: one manager's
        /// organization.
        #[arg(long, value_name = "ID")]
        manager: Option<String>,
        /// md (Markdown), html or json; `--json` is the same as `--format json`.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },

    /// Everyone on the team, a line each: the level held, the level the latest assessment
    /// shows, readiness for the next rung, time on the rung. The same rows as the server's
    /// `/team` page and `GET /api/v1/team/people`.
    People {
        /// The roster CSV.
        #[arg(long)]
        roster: PathBuf,
        /// A directory of assessments: history CSVs and TOML or JSON assessment files.
        #[arg(long, value_name = "DIR")]
        assessments: Option<PathBuf>,
        /// The day to read the team on, as YYYY-MM-DD (default: today); later assessments are
        /// ignored.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Only this person (an id) and everyone under them.
        #[arg(long, value_name = "ID")]
        manager: Option<String>,
    },

    /// Draw the reporting lines as a tree.
    Orgchart {
        /// The roster CSV.
        roster: PathBuf,
        /// Start from this person (an id) instead of the top.
        #[arg(long)]
        from: Option<String>,
        /// Show this many levels of reports below the start.
        #[arg(long)]
        depth: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Md,
    Html,
    Json,
}
