//! The server and its database from the command line: `rungs serve`, `rungs admin create`,
//! `rungs import roster | assessments` and `rungs export`. Each opens the application over the
//! database and calls one of its use cases, as the server's handlers do.

mod admin;
mod cycle;
mod import;
pub(crate) use admin::*;
pub(crate) use cycle::*;
pub(crate) use import::*;
use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rungs_app::DbUrl;
use rungs_app::{Actor, App, AppError, HistorySource};
use rungs_web::{AppState, Config};

use super::Output;
use crate::cli::DbArgs;
use crate::prompt::Prompter;
use crate::source::read_limited;

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The settings: defaults, the file, the environment, then the flags.
fn config(db: &DbArgs, bind: Option<&str>) -> Result<Config> {
    let mut config = Config::load(db.config.as_deref(), |k| std::env::var(k).ok())?;
    if let Some(url) = &db.db {
        config.db = DbUrl::parse(url)?;
    }
    if let Some(b) = bind {
        config.bind = rungs_web::config::parse_bind(b).map_err(anyhow::Error::msg)?;
    }
    Ok(config)
}

/// An application error as the command line says it. One problem is one line, its place first
/// (a problem at a request's parameter, `?to`, is at the flag of the same name, `--to`), its
/// help after a semicolon; several are a line each under the title.
pub(super) fn said(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid { title, problems } => {
            let line = |p: &rungs_app::Problem| {
                let at = match p.location.strip_prefix('?') {
                    Some(flag) => format!("--{flag}"),
                    None => p.location.clone(),
                };
                let at = if at.is_empty() {
                    String::new()
                } else {
                    format!("{at}: ")
                };
                match &p.help {
                    Some(h) => format!("{at}{}; {h}", p.message),
                    None => format!("{at}{}", p.message),
                }
            };
            // A request's own title says nothing the problem does not; an import's does
            // ("nothing was imported").
            let generic = title == "the request is not valid"
                || title == "the request names something the framework does not have";
            match problems.as_slice() {
                [one] if generic => anyhow::anyhow!("{}", line(one)),
                many => {
                    let lines: Vec<String> =
                        many.iter().map(|p| format!("error: {}", line(p))).collect();
                    anyhow::anyhow!("{title}\n{}", lines.join("\n"))
                }
            }
        }
        other => anyhow::anyhow!("{other}"),
    }
}

/// Opens the application on the configured database.
async fn open(config: &Config) -> Result<App> {
    App::open(&config.db, config.settings())
        .await
        .map_err(said)
        .with_context(|| format!("cannot open the database {}", config.db))
}

/// Starts the log: lines to stderr, written by a thread of their own. Keep the guard until
/// the server stops.
fn init_logs(json: bool) -> crate::logs::Flush {
    let (lines, flush) = crate::logs::start();
    let builder = tracing_subscriber::fmt()
        .with_writer(lines)
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal());
    // A second call (in tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    flush
}

/// Waits for Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("stopping: finishing the requests in flight");
}

pub(super) fn serve(bind: Option<&str>, db: &DbArgs, demo: bool, zones: bool) -> Result<Output> {
    let mut config = config(db, bind)?;
    if demo && db.db.is_none() {
        config.db = DbUrl::parse("sqlite::memory:")?;
    }
    let _logs = init_logs(config.json_logs);
    runtime()?.block_on(async move {
        tracing::info!(database = %config.db, backend = config.db.backend().name(), "opening the database");
        let app = open(&config).await?;
        if demo && app.accounts().orgs().await.map_err(said)?.is_empty() {
            config.demo_accounts = seed_demo(&app, zones).await?;
        }
        if let Some(code) = app.accounts().setup_code().await.map_err(said)? {
            tracing::info!(
                %code,
                "no one can sign in yet: create the organization with POST /api/v1/setup and this one-time code, or run `rungs admin create`"
            );
        }
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr()?;
        tracing::info!(%addr, "Rungs is listening: http://{addr}/api/openapi.json describes the API");
        // What a person needs to start: the address and, for the demo, who to sign in as.
        let mut hello = format!("\nRungs is running at http://{addr}/\n");
        if !config.demo_accounts.is_empty() {
            hello.push_str("A made-up organization is loaded. Sign in as:\n");
            for d in &config.demo_accounts {
                hello.push_str(&format!("  {}\n    {}  password {}\n", d.who, d.email, d.password));
            }
        }
        hello.push_str("Stop it with Ctrl-C.\n");
        print!("{hello}");
        let _ = std::io::stdout().flush();
        rungs_web::serve(listener, AppState::with_app(app, config), shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(Output::text(String::new()))
    })
}

/// The example pay zones (made-up figures), for `rungs serve --demo --zones`.
const EXAMPLE_ZONES: &str = include_str!("../../../../../frameworks/examples/pay-zones.toml");

/// Loads a demo organization: its roster and several years of assessments, imported as any
/// organization's would be, with three accounts to try it as: a product manager, their manager
/// and the head of product (the admin).
async fn seed_demo(app: &App, zones: bool) -> Result<Vec<rungs_web::DemoAccount>> {
    let password = || -> Result<String> {
        Ok(rungs_app::secret::random_token("")
            .map_err(said)?
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>())
    };
    let admin_password = password()?;
    let admin_email = "head@demo.rungs.invalid".to_owned();
    let (org, admin) = app
        .accounts()
        .create_org(
            "Demo organization",
            "Demo head of product",
            &admin_email,
            admin_password.clone(),
        )
        .await
        .map_err(said)?;
    let actor = Actor::user(admin);
    debug_assert_eq!(actor.org, org.id);
    // Asked for: the example pay zones, as version 2 of the demo's framework.
    let zoned = if zones {
        let source = format!("{}\n{EXAMPLE_ZONES}", rungs_core::framework::BUILTIN_TOML);
        let draft = app
            .frameworks()
            .put_framework(&actor, rungs_core::VersionId(1), source.into_bytes())
            .await
            .map_err(said)?;
        app.frameworks()
            .publish_framework(&actor, draft.version.version)
            .await
            .map_err(said)?;
        Some(app.framework(org.id).await.map_err(said)?.1)
    } else {
        None
    };
    let demo = rungs_core::team::demo(
        zoned
            .as_deref()
            .unwrap_or_else(|| rungs_core::framework::builtin()),
        &rungs_core::team::DemoOptions {
            people: 150,
            seed: 1,
            cycles: 6,
            as_of: rungs_core::Date::today(),
            stage: None,
        },
    );
    app.people()
        .import_roster(&actor, "demo roster", demo.roster_csv.into_bytes(), &|_| {})
        .await
        .map_err(said)?;
    app.reports()
        .import_assessments(
            &actor,
            HistorySource {
                files: vec![("demo history.csv".into(), demo.history_csv.into_bytes())],
            },
            &|_| {},
        )
        .await
        .map_err(said)?;
    // A review under way, so the start page, the to-dos and /cycles have something to show.
    let today = rungs_core::Date::today();
    let later = |days: i32| Some(rungs_core::Date::from_days(today.days() + days).to_string());
    app.cycles()
        .create_cycle(
            &actor,
            rungs_app::CycleInput {
                name: "Demo review".into(),
                under: None,
                self_assessment_due: later(14),
                manager_assessment_due: later(28),
                calibration_due: later(35),
                shared_due: later(42),
            },
        )
        .await
        .map_err(said)?;
    // A Senior PM with a manager, for the two other accounts.
    let people = app
        .people()
        .people(&actor, rungs_app::PeopleFilter::default())
        .await
        .map_err(said)?;
    let pm = people
        .iter()
        .find(|p| p.fields.level == "senior-pm" && p.fields.manager.is_some())
        .or_else(|| people.iter().find(|p| p.fields.manager.is_some()))
        .context("the demo roster has someone with a manager")?;
    let manager = pm.fields.manager.clone().unwrap_or_default();
    let mut accounts = vec![rungs_web::DemoAccount {
        who: "Head of product".into(),
        email: admin_email,
        password: admin_password,
    }];
    for (who, person, role) in [
        ("A product manager", pm.id.clone(), rungs_app::Role::Member),
        ("Their manager", manager, rungs_app::Role::Manager),
    ] {
        let name = people
            .iter()
            .find(|p| p.id == person)
            .map_or_else(|| person.to_string(), |p| p.fields.name.clone());
        let local: Vec<String> = name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let email = format!("{}@demo.rungs.invalid", local.join("."));
        let password = password()?;
        app.accounts()
            .create_user(
                &actor,
                rungs_app::NewUserInput {
                    email: email.clone(),
                    name: name.clone(),
                    password: password.clone(),
                    role,
                    person: Some(person),
                },
            )
            .await
            .map_err(said)?;
        accounts.push(rungs_web::DemoAccount {
            who: format!("{who} ({name})"),
            email,
            password,
        });
    }
    Ok(accounts)
}
