//! The command line: every subcommand and flag, with the help text users read.

mod framework;
mod ladder;
mod server;
mod team;
pub(crate) use framework::*;
pub(crate) use ladder::*;
pub(crate) use server::*;
use std::path::PathBuf;
pub(crate) use team::*;

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
  # A bigger demo organization, to see how the pages read at size
  rungs serve --demo --people 5000
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
        /// With --demo: how many people the demo organization has (it takes a few seconds a
        /// thousand).
        #[arg(long, requires = "demo", default_value_t = 150, value_name = "N",
              value_parser = clap::value_parser!(u32).range(2..=1_000_000))]
        people: u32,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
