//! `rungs framework`: checking, exporting, importing and comparing framework files.

use super::*;

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
