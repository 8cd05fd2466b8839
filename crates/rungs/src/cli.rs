//! The command line: every subcommand and flag, with the help text users read.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Rungs: the product-management career ladder as software.
///
/// Browse the ladder, compare levels, see what a level pays, and check or export a framework.
/// Every command works offline on the built-in product-management framework, or on your own
/// framework file with --framework.
#[derive(Debug, Parser)]
#[command(name = "rungs", version, propagate_version = true, max_term_width = 80)]
#[command(after_help = "Examples:
  rungs levels                     the whole ladder, both tracks
  rungs level senior-pm            everything about one level
  rungs level \"Staff PM\"           levels can be named by title or alias too
  rungs compare pm senior-pm       what separates PM from Senior PM
  rungs pay group-pm --stage large the pay band at a large tech company
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

    /// Show the pay band of a level, at every company stage or at one.
    Pay {
        /// A level id, title or alias.
        level: String,
        /// A company stage id, e.g. `startup`, `mid-size`, `large`.
        #[arg(long, short)]
        stage: Option<String>,
    },

    /// Check or export framework files.
    #[command(subcommand)]
    Framework(FrameworkCommand),
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

    /// Print the framework in use (the built-in one unless --framework is given).
    ///
    /// The TOML output is the file itself, comments included: a starting point for your
    /// company's own ladder.
    Export {
        /// The output format; `--json` is the same as `--format json`.
        #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Toml,
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
