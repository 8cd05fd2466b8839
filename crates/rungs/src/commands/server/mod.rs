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

pub(super) fn serve(
    bind: Option<&str>,
    db: &DbArgs,
    demo: bool,
    people: usize,
    zones: bool,
) -> Result<Output> {
    let mut config = config(db, bind)?;
    if demo && db.db.is_none() {
        config.db = DbUrl::parse("sqlite::memory:")?;
    }
    let _logs = init_logs(config.json_logs);
    runtime()?.block_on(async move {
        tracing::info!(database = %config.db, backend = config.db.backend().name(), "opening the database");
        let app = open(&config).await?;
        if demo && app.accounts().orgs().await.map_err(said)?.is_empty() {
            config.demo_accounts = app
                .seed_demo(rungs_app::DemoSeed { people, zones })
                .await
                .map_err(said)?;
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
