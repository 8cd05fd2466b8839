//! The command line: every subcommand and flag, with the help text users read.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Rungs: the product-management career ladder as software.
///
/// Browse the ladder, compare levels, see what a level pays; assess yourself and see the level
/// you operate at, the gap to the next rung, a development plan and the path ahead. Every
/// command works offline on the built-in product-management framework, or on your own framework
/// file with --framework.
#[derive(Debug, Parser)]
#[command(name = "rungs", version, propagate_version = true, max_term_width = 80)]
#[command(after_help = "Examples:
  rungs levels                     the whole ladder, both tracks
  rungs level senior-pm            everything about one level
  rungs level \"Staff PM\"           levels can be named by title or alias too
  rungs compare pm senior-pm       what separates PM from Senior PM
  rungs pay group-pm --stage large the pay band at a large tech company
  rungs explore specializations    kinds of PM, industries and ways in
  rungs assess --new               rate yourself, competency by competency
  rungs assess me.toml             the level you operate at, and why
  rungs plan me.toml               what to work on to reach the next rung
  rungs track                      IC or manager? answer six questions
  rungs path --from pm --to director
                                   routes and years to a level
  rungs title \"Sr PM, Payments\"  the rung a job title sits on
  rungs demo --out demo            a fictional team to try the team commands on
  rungs team report --roster demo/roster.csv --assessments demo/assessments
  rungs framework export > my.toml start your own ladder from the default")]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Use this framework file instead of the built-in product-management ladder.
    #[arg(long, global = true, value_name = "FILE", env = "RUNGS_FRAMEWORK")]
    pub(crate) framework: Option<PathBuf>,

    /// Print JSON for other programs instead of text for people.
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show the whole ladder, with its tracks side by side.
    Levels,

    /// Show everything about one level: expectations, responsibilities, pay, moves.
    Level {
        /// A level id (`senior-pm`), title or alias (`"Staff PM"`).
        level: String,
    },

    /// Show only what differs between two levels, competency by competency.
    Compare {
        /// The first level (id, title or alias).
        a: String,
        /// The second level.
        b: String,
    },

    /// Show the pay band of a level, or check an amount against it (`rungs pay check`).
    Pay(PayArgs),

    /// Browse what the framework knows beyond the ladder: specializations, generalist or
    /// specialist, industry variations and the ways in (APM programmes among them).
    #[command(after_help = "Examples:
  rungs explore                    every section, entry by entry
  rungs explore specializations    the kinds of product manager
  rungs explore paths              generalist or specialist, and where each leads
  rungs explore industries         how the role differs by industry
  rungs explore entry              the ways into product management
  rungs explore apm-programs       one entry in full")]
    Explore {
        /// A section (specializations, paths, industries, entry) or one entry's id or name.
        what: Option<String>,
    },

    /// The level an assessment puts a person at, explained; or write a new assessment.
    ///
    /// With a file: the level per competency and overall, and the reasons line by line. With
    /// --new: walks you through every competency in the terminal, shows what is expected at and
    /// around your level, and writes the assessment file.
    #[command(group(clap::ArgGroup::new("source").required(true).args(["file", "new"])))]
    Assess {
        /// An assessment file (TOML, or JSON when it ends in .json).
        file: Option<PathBuf>,
        /// Compare with a second assessment of the same person (e.g. self and manager).
        #[arg(long, value_name = "FILE", conflicts_with = "new")]
        versus: Option<PathBuf>,
        /// Write a new assessment, asking in the terminal.
        #[arg(long)]
        new: bool,
        /// Where --new writes the file (default: <person>-<date>.toml in this directory).
        #[arg(long, value_name = "FILE", requires = "new")]
        out: Option<PathBuf>,
        /// The assessment's date for --new (default: today), as YYYY-MM-DD.
        #[arg(long, value_name = "DATE", requires = "new")]
        date: Option<String>,
    },

    /// What stands between an assessed person and a target level, side by side.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["file", "person"])))]
    Gap {
        /// An assessment file.
        file: Option<PathBuf>,
        #[command(flatten)]
        from_team: PersonArgs,
        /// The target level (default: the next rung on the person's track).
        #[arg(long)]
        to: Option<String>,
    },

    /// A development plan to reach a target level, as Markdown.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["file", "person"])))]
    Plan {
        /// An assessment file.
        file: Option<PathBuf>,
        #[command(flatten)]
        from_team: PersonArgs,
        /// The target level (default: the next rung on the person's track).
        #[arg(long)]
        to: Option<String>,
    },

    /// A promotion packet: level, evidence, milestones, gaps and plan.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["file", "person"])))]
    Packet {
        /// An assessment file.
        file: Option<PathBuf>,
        #[command(flatten)]
        from_team: PersonArgs,
        /// The target level (default: the next rung on the person's track).
        #[arg(long)]
        to: Option<String>,
        /// A second assessment of the same person to set beside it.
        #[arg(long, value_name = "FILE")]
        versus: Option<PathBuf>,
        /// md (Markdown), html (prints cleanly) or json; `--json` is the same as `--format json`.
        #[arg(long, value_enum, default_value_t = PacketFormat::Md)]
        format: PacketFormat,
    },

    /// IC or manager? Answer the framework's questions and see which way you lean.
    ///
    /// Asks in the terminal unless --answers gives a file of answers.
    Track {
        /// A file of answers (`[answers]` with question id = answer id).
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Save the answers given in the terminal to this file.
        #[arg(long, value_name = "FILE", conflicts_with = "answers")]
        save: Option<PathBuf>,
    },

    /// Routes from one level to another, years to get there (P10/P50/P90) and pay on the way.
    #[command(group(clap::ArgGroup::new("where").required(true).args(["to", "explore"])))]
    Path {
        /// The level to start from (default: the level held in --assessment).
        #[arg(long)]
        from: Option<String>,
        /// The level to reach.
        #[arg(long)]
        to: Option<String>,
        /// List every destination from --from instead: rungs within reach and the paths off the ladder.
        #[arg(long)]
        explore: bool,
        /// Keep to routes on this track (e.g. ic or manager).
        #[arg(long)]
        track: Option<String>,
        /// Show the pay band of each step at this company stage.
        #[arg(long)]
        stage: Option<String>,
        /// Start from an assessment: the first rung counts only the gap still to close.
        #[arg(long, value_name = "FILE")]
        assessment: Option<PathBuf>,
        /// The Monte Carlo seed; the same seed gives the same years.
        #[arg(long, default_value_t = rungs_core::path::DEFAULT_SEED)]
        seed: u64,
        /// Monte Carlo runs per route (100 to 100,000).
        #[arg(long, default_value_t = rungs_core::path::DEFAULT_RUNS as u32,
            value_parser = clap::value_parser!(u32)
                .range(rungs_core::path::MIN_RUNS as i64..=rungs_core::path::MAX_RUNS as i64))]
        runs: u32,
        /// How many routes to show, fastest first.
        #[arg(long, default_value_t = rungs_core::path::DEFAULT_ROUTES as u32,
            value_parser = clap::value_parser!(u32)
                .range(1..=rungs_core::path::MAX_ROUTES_SHOWN as i64))]
        routes: u32,
    },

    /// Level a job title: its rung, track and specialization, or what it is if not the discipline's.
    ///
    /// Reads the title the way people write them ("Sr PM, Payments", "GPM - Ads", "Staff
    /// Product Manager (AI Platform) at Acme"). With --csv, levels a whole column of a CSV file
    /// and writes the file back with the verdict columns appended, streaming, so files of any
    /// size take little memory.
    #[command(group(clap::ArgGroup::new("input").required(true).args(["title", "csv"])))]
    Title {
        /// The job title, in quotes.
        title: Option<String>,
        /// A CSV file with a header row to level a column of.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// The column of --csv that holds the titles.
        #[arg(long, requires = "csv")]
        column: Option<String>,
        /// Write the levelled CSV here instead of to standard output.
        #[arg(long, value_name = "FILE", requires = "csv")]
        out: Option<PathBuf>,
        /// A company ladder mapping the company's codes and titles to levels.
        #[arg(long, value_name = "FILE")]
        company: Option<PathBuf>,
    },

    /// Run the ladder for a team: check a roster, report on it, draw the org chart.
    #[command(
        subcommand,
        after_help = "Examples:
  # Start a roster: every column, with two example rows
  rungs team template > roster.csv
  # Every problem in a roster and its assessments, by line and column
  rungs team check roster.csv --assessments assessments
  # Span, shape, pipeline, pay, calibration and changes over the year
  rungs team report --roster roster.csv --assessments assessments
  rungs team report --roster roster.csv --format html > team.html
  # The reporting lines below one person, two levels deep
  rungs team orgchart roster.csv --from p-002 --depth 2

The roster and history formats, and the rule behind each check: docs/teams.md.
`rungs demo --out demo` writes a fictional organization to try them on."
    )]
    Team(TeamCommand),

    /// Write a fictional demo organization (roster and assessment history) to try the team commands on.
    #[command(after_help = "Examples:
  # 60 people and six cycles of assessments, six months apart
  rungs demo --out demo
  rungs team report --roster demo/roster.csv --assessments demo/assessments
  # A large organization, the same every time
  rungs demo --out big --people 100000 --cycles 2 --as-of 2026-11-01")]
    Demo {
        /// Where to write `roster.csv` and `assessments/history.csv`.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many people (at least one per management level, and one more).
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(2..=2_000_000))]
        people: u32,
        /// The same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Assessment cycles, six months apart (alternating manager and self).
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=40))]
        cycles: u32,
        /// The day of the last cycle, as YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// The company stage for pay (default: the framework's middle stage).
        #[arg(long)]
        stage: Option<String>,
    },

    /// Check or export framework files.
    #[command(subcommand)]
    Framework(FrameworkCommand),

    /// Run the Rungs server: the JSON API for a whole team, on SQLite or PostgreSQL.
    ///
    /// With no flags it keeps its data in a SQLite file in your data directory and listens on
    /// 127.0.0.1:8080. The first time, it prints a one-time code to create the organization
    /// and its first admin with (or use `rungs admin create`). Settings come from a TOML file
    /// (--config), then RUNGS_* environment variables (RUNGS_BIND, RUNGS_DB,
    /// RUNGS_SECURE_COOKIES, RUNGS_SESSION_HOURS, RUNGS_TRUST_PROXY, RUNGS_LOG,
    /// RUNGS_CACHE_SECONDS), then these flags. It stops cleanly on Ctrl-C or SIGTERM. docs/server.md has the rest.
    #[command(after_help = "Examples:
  # A first look: a demo organization in memory, nothing kept
  rungs serve --demo
  # The same, with example pay zones (made-up figures) for its people's locations
  rungs serve --demo --zones
  # Your team's server, its data in ~/.local/share/rungs/rungs.db
  rungs serve
  # Many servers on one PostgreSQL database
  rungs serve --bind 0.0.0.0:8080 --db postgres://rungs@db.internal/rungs")]
    Serve {
        /// Where to listen, e.g. 127.0.0.1:8080 (only this machine) or 0.0.0.0:8080.
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
        #[command(flatten)]
        db: DbArgs,
        /// Start with a demo organization loaded, for a first look. Without --db, it lives in
        /// memory and is gone when the server stops.
        #[arg(long)]
        demo: bool,
        /// With --demo: give the demo organization the example pay zones
        /// (frameworks/examples/pay-zones.toml, made-up figures), its people paid in the zone of
        /// their location.
        #[arg(long, requires = "demo")]
        zones: bool,
    },

    /// Manage the server's accounts from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),

    /// Bring data into the server's database.
    #[command(subcommand)]
    Import(ImportCommand),

    /// Review cycles in the server's database: start one, and see where each stands.
    #[command(subcommand)]
    Cycle(CycleCommand),

    /// Write an organization's data from the server's database to files: its framework,
    /// roster, assessments and audit log.
    Export {
        /// The directory to write to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// A person on a team's files, instead of an assessment file: their latest assessment (a
/// manager's over their own; docs/growth.md) in the assessments directory.
#[derive(Debug, Args)]
pub(crate) struct PersonArgs {
    /// A person's roster id: read their latest assessment from --assessments.
    #[arg(long, value_name = "ID", requires_all = ["roster", "assessments"], conflicts_with = "file")]
    pub(crate) person: Option<String>,
    /// The roster the person is on.
    #[arg(long, value_name = "FILE", requires = "person")]
    pub(crate) roster: Option<PathBuf>,
    /// A directory of assessments: history CSVs and TOML or JSON assessment files.
    #[arg(long, value_name = "DIR", requires = "person")]
    pub(crate) assessments: Option<PathBuf>,
}

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
        id: Option<i64>,
        #[command(flatten)]
        db: DbArgs,
    },
}

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

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct PayArgs {
    #[command(subcommand)]
    pub(crate) check: Option<PayCommand>,
    /// A level id, title or alias.
    #[arg(required = true)]
    pub(crate) level: Option<String>,
    /// A company stage id, e.g. `startup`, `mid-size`, `large`.
    #[arg(long, short)]
    pub(crate) stage: Option<String>,
    /// A pay zone id of the framework (default: the framework's own bands; the built-in ladder
    /// has one zone, `us`).
    #[arg(long, short)]
    pub(crate) zone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PayCommand {
    /// Where an amount sits in a level's band: below, within or above, and how far along.
    Check {
        /// A level id, title or alias.
        #[arg(long)]
        level: String,
        /// A company stage id; every stage when left out.
        #[arg(long)]
        stage: Option<String>,
        /// The pay zone the amount is in (default: the framework's own bands). The amount is
        /// taken to be in the zone's currency.
        #[arg(long)]
        zone: Option<String>,
        /// The amount: 185000, 185,000, $185K or 1.2M.
        amount: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PacketFormat {
    Md,
    Html,
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum FrameworkCommand {
    /// Check a framework file and report every problem in it, with line and column.
    ///
    /// Exits with status 0 when the file is valid (warnings allowed) and 1 when it has errors.
    Validate {
        /// The framework file to check.
        file: PathBuf,
    },

    /// Print the framework in use (the built-in one unless --framework is given), or write it
    /// as a spreadsheet.
    ///
    /// The TOML output is the file itself, comments included: a starting point for your
    /// company's own ladder. `--format xlsx` writes a workbook (the competency matrix, levels,
    /// tracks, areas, pay and milestones, one sheet each, and the rest on `More`) and
    /// `--format csv` a folder with a CSV file per sheet; either imports back to the same
    /// framework with `rungs framework import`.
    #[command(after_help = "Examples:
  rungs framework export > mine.toml
  rungs framework export --format xlsx --out ladder.xlsx
  rungs framework export --format csv --out ladder-sheets/")]
    Export {
        /// The output format; `--json` is the same as `--format json`.
        #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
        format: ExportFormat,
        /// Where to write: a file (toml, json, xlsx) or a folder (csv). TOML and JSON go to
        /// standard output without it; xlsx and csv need it.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Replace files that are already there.
        #[arg(long)]
        force: bool,
    },

    /// Make a framework file from a spreadsheet: a competency matrix (levels across, one
    /// competency per row, an expectation in each cell) and, optionally, sheets of levels,
    /// tracks, areas, pay bands and milestones.
    ///
    /// Reads .xlsx, .ods, a .csv matrix, or a folder of CSV files named after the sheets
    /// (Matrix.csv, Levels.csv, …). The sheets are laid over a framework — the built-in ladder,
    /// or the one --framework names — each replacing its part, so a matrix alone keeps
    /// everything else; a workbook with a `More` sheet (what `framework export` writes) is a
    /// whole framework on its own. Every problem is reported with its sheet, row and column,
    /// and then nothing is written. docs/spreadsheets.md describes the sheets.
    #[command(after_help = "Examples:
  rungs framework import frameworks/examples/ladder-template.xlsx --name Acme --out ours.toml
  rungs --framework ours.toml framework import new-matrix.csv --out ours-2.toml
  rungs framework import ladder-sheets/ --base none --out ladder.toml
  rungs framework import ladder.csv levels.csv pay.csv --out ladder.toml")]
    Import {
        /// The spreadsheet: .xlsx, .ods, .csv, or a folder of CSV sheets; or several CSV files,
        /// each the sheet its name says (levels.csv, pay.csv) and the one otherwise named the
        /// matrix.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Where to write the framework file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// The framework the sheets are laid over: a framework file, or `none` for the
        /// sheets alone (default: --framework, else the built-in ladder).
        #[arg(long, value_name = "FILE|none")]
        base: Option<String>,
        /// The framework's name, its id made from it (default: the base framework's).
        #[arg(long)]
        name: Option<String>,
        /// Replace the output file if it is already there.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Toml,
    Json,
    /// An Excel workbook, a sheet per part of the framework.
    Xlsx,
    /// A folder of CSV files, one per sheet.
    Csv,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
