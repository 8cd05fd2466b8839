//! One module per command. Each turns a framework and its arguments into [`Output`]: text for
//! people, or JSON for programs. Interactive commands also ask through a [`Prompter`].

mod assess;
mod compare;
mod explore;
mod framework_file;
mod gap;
mod interview;
mod level;
mod levels;
mod path;
mod pay;
mod person;
mod plan;
mod server;
mod team;
mod title;
mod track;

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{
    AdminCommand, Cli, Command, CycleCommand, ExportFormat, FrameworkCommand, ImportCommand,
    PacketFormat, PayCommand, ReportFormat, TeamCommand,
};
use crate::prompt::Prompter;
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

pub(crate) fn run(cli: Cli, prompt: &mut Prompter<'_>) -> Result<Output> {
    let json = cli.global.json;
    let path = cli.global.framework.as_deref();
    let fw = || source::active(path).map(|s| s.framework);
    match cli.command {
        Command::Framework(c) => framework_command(c, path, json),
        Command::Levels => levels::run(&fw()?, json),
        Command::Level { level } => level::run(&fw()?, &level, json),
        Command::Compare { a, b } => compare::run(&fw()?, &a, &b, json),
        Command::Explore { what } => explore::run(&fw()?, what.as_deref(), json),
        Command::Pay(args) => match args.check {
            Some(PayCommand::Check {
                level,
                stage,
                zone,
                amount,
            }) => pay::check(
                &fw()?,
                &level,
                stage.as_deref(),
                zone.as_deref(),
                &amount,
                json,
            ),
            None => pay::run(
                &fw()?,
                args.level.as_deref().unwrap_or_default(),
                args.stage.as_deref(),
                args.zone.as_deref(),
                json,
            ),
        },
        Command::Assess {
            new: true,
            out,
            date,
            ..
        } => interview::run(&fw()?, out.as_deref(), date.as_deref(), prompt),
        Command::Assess { file, versus, .. } => assess::run(
            &fw()?,
            file.as_deref().unwrap_or_else(|| std::path::Path::new("")),
            versus.as_deref(),
            json,
        ),
        Command::Gap {
            file,
            from_team,
            to,
        } => gap::run(&fw()?, file.as_deref(), &from_team, to.as_deref(), json),
        Command::Plan {
            file,
            from_team,
            to,
        } => plan::plan(&fw()?, file.as_deref(), &from_team, to.as_deref(), json),
        Command::Packet {
            file,
            from_team,
            to,
            versus,
            format,
        } => {
            let format = if json { PacketFormat::Json } else { format };
            plan::packet(
                &fw()?,
                file.as_deref(),
                &from_team,
                to.as_deref(),
                versus.as_deref(),
                format,
            )
        }
        Command::Track {
            answers: Some(file),
            ..
        } => track::from_file(&fw()?, &file, json),
        Command::Track { save, .. } => track::interactive(&fw()?, save.as_deref(), json, prompt),
        cmd @ Command::Path { .. } => path::run(&fw()?, cmd, json),
        Command::Title {
            title: Some(title),
            company,
            ..
        } => title::one(&fw()?, &title, company.as_deref(), json),
        Command::Title {
            csv: Some(csv),
            column,
            out,
            company,
            ..
        } => title::csv(
            &fw()?,
            &csv,
            column.as_deref(),
            out.as_deref(),
            company.as_deref(),
        ),
        Command::Title { .. } => anyhow::bail!("give a title, or --csv <file> --column <name>"),
        // The template needs no framework: it is printed even when the one named is broken.
        Command::Team(TeamCommand::Template) => Ok(team::print_template()),
        Command::Team(c) => team_command(c, &fw()?, json),
        Command::Demo {
            out,
            people,
            seed,
            cycles,
            as_of,
            stage,
        } => team::demo(
            &fw()?,
            &out,
            people,
            seed,
            cycles,
            as_of.as_deref(),
            stage.as_deref(),
        ),
        cmd => database_command(cmd, json, prompt),
    }
}

/// `rungs framework …`: over framework files, the active one or those named.
fn framework_command(
    cmd: FrameworkCommand,
    path: Option<&std::path::Path>,
    json: bool,
) -> Result<Output> {
    match cmd {
        FrameworkCommand::Validate { file } => framework_file::validate(&file, json),
        FrameworkCommand::Export { format, out, force } => {
            let format = if json { ExportFormat::Json } else { format };
            framework_file::export(&source::active(path)?, format, out.as_deref(), force)
        }
        FrameworkCommand::Import {
            files,
            out,
            base,
            name,
            force,
        } => framework_file::import(
            &files,
            base.as_deref(),
            name.as_deref(),
            path,
            out.as_deref(),
            force,
            json,
        ),
    }
}

/// `rungs team …`: over a roster and its assessments, offline.
fn team_command(cmd: TeamCommand, fw: &rungs_core::Framework, json: bool) -> Result<Output> {
    match cmd {
        TeamCommand::Template => Ok(team::print_template()),
        TeamCommand::Check {
            roster,
            assessments,
        } => team::check(fw, &roster, assessments.as_deref(), json),
        TeamCommand::Report {
            roster,
            assessments,
            as_of,
            since,
            manager,
            format,
        } => {
            let format = if json { ReportFormat::Json } else { format };
            team::run_report(
                fw,
                &roster,
                assessments.as_deref(),
                (as_of.as_deref(), since.as_deref()),
                manager.as_deref(),
                format,
            )
        }
        TeamCommand::People {
            roster,
            assessments,
            as_of,
            manager,
        } => team::people(
            fw,
            &roster,
            assessments.as_deref(),
            as_of.as_deref(),
            manager.as_deref(),
            json,
        ),
        TeamCommand::Orgchart {
            roster,
            from,
            depth,
        } => team::orgchart(fw, &roster, from.as_deref(), depth),
    }
}

/// The commands over a database: the server, its admins, imports, exports and cycles.
fn database_command(cmd: Command, json: bool, prompt: &mut Prompter<'_>) -> Result<Output> {
    match cmd {
        Command::Serve {
            bind,
            db,
            demo,
            zones,
            people,
        } => server::serve(bind.as_deref(), &db, demo, people as usize, zones),
        Command::Admin(AdminCommand::Create {
            email,
            name,
            organization,
            password_stdin,
            db,
        }) => server::admin_create(&email, &name, &organization, password_stdin, &db, prompt),
        Command::Import(ImportCommand::Roster { file, db }) => server::import_roster(&file, &db),
        Command::Import(ImportCommand::Assessments { path, db }) => {
            server::import_assessments(&path, &db)
        }
        Command::Export { out, db } => server::export(&out, &db),
        Command::Cycle(CycleCommand::Status { id, db }) => server::cycle_status(id, &db, json),
        Command::Cycle(CycleCommand::Start {
            name,
            under,
            self_due,
            manager_due,
            calibration_due,
            shared_due,
            db,
        }) => server::cycle_start(
            rungs_app::CycleInput {
                name,
                under,
                self_assessment_due: self_due,
                manager_assessment_due: manager_due,
                calibration_due,
                shared_due,
            },
            &db,
            json,
        ),
        _ => anyhow::bail!("this command does not use a database"),
    }
}
