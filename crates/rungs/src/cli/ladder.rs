//! What the ladder commands share: a person's files, and the pay and packet options.

use super::*;

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
