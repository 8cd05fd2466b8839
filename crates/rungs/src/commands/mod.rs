//! One module per command. Each turns a framework and its arguments into [`Output`]: text for
//! people, or JSON for programs.

mod compare;
mod framework_file;
mod level;
mod levels;
mod pay;

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{Cli, Command, ExportFormat, FrameworkCommand};
use crate::source;

/// What a command prints, and the status it exits with.
pub(crate) struct Output {
    pub(crate) text: String,
    pub(crate) status: ExitCode,
}

impl Output {
    fn text(text: String) -> Self {
        Self {
            text,
            status: ExitCode::SUCCESS,
        }
    }

    fn json(value: &impl Serialize) -> Result<Self> {
        let mut text = serde_json::to_string_pretty(value)?;
        text.push('\n');
        Ok(Self::text(text))
    }
}

pub(crate) fn run(cli: Cli) -> Result<Output> {
    let json = cli.global.json;
    let path = cli.global.framework.as_deref();
    match cli.command {
        Command::Framework(FrameworkCommand::Validate { file }) => {
            framework_file::validate(&file, json)
        }
        Command::Framework(FrameworkCommand::Export { format }) => {
            let format = if json { ExportFormat::Json } else { format };
            framework_file::export(&source::active(path)?, format)
        }
        Command::Levels => levels::run(&source::active(path)?.framework, json),
        Command::Level { level } => level::run(&source::active(path)?.framework, &level, json),
        Command::Compare { a, b } => compare::run(&source::active(path)?.framework, &a, &b, json),
        Command::Pay { level, stage } => pay::run(
            &source::active(path)?.framework,
            &level,
            stage.as_deref(),
            json,
        ),
    }
}
