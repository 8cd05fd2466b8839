//! The server and its database from the command line: `rungs serve`, `rungs admin create`,
//! `rungs import roster` and `rungs export`.

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rungs_core::framework::builtin;
use rungs_core::team::load_roster;
use rungs_store::prelude::*;
use rungs_store::{Author, DbUrl, NewUser, OrgId, PeopleFilter, Role};
use rungs_web::{AppState, Config};

use super::Output;
use crate::cli::DbArgs;
use crate::prompt::Prompter;
use crate::source::{Invalid, read_limited};

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

/// The organization to work on: the one named, or the only one.
async fn org(store: &dyn Store, id: Option<i64>) -> Result<OrgId> {
    let orgs = store.orgs().await?;
    match (id, orgs.as_slice()) {
        (Some(id), _) => match orgs.iter().find(|o| o.id.0 == id) {
            Some(o) => Ok(o.id),
            None => bail!(
                "there is no organization {id}; the organizations are: {}",
                list(&orgs)
            ),
        },
        (None, [one]) => Ok(one.id),
        (None, []) => bail!("the database has no organization yet: run `rungs admin create` first"),
        (None, _) => bail!(
            "the database holds several organizations; pick one with --org: {}",
            list(&orgs)
        ),
    }
}

fn list(orgs: &[rungs_store::Org]) -> String {
    orgs.iter()
        .map(|o| format!("{} ({})", o.id.0, o.name))
        .collect::<Vec<_>>()
        .join(", ")
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

pub(super) fn serve(bind: Option<&str>, db: &DbArgs, demo: bool) -> Result<Output> {
    let mut config = config(db, bind)?;
    if demo && db.db.is_none() {
        config.db = DbUrl::parse("sqlite::memory:")?;
    }
    let _logs = init_logs(config.json_logs);
    runtime()?.block_on(async move {
        tracing::info!(database = %config.db, backend = config.db.backend().name(), "opening the database");
        let store = rungs_store::connect(&config.db)
            .await
            .with_context(|| format!("cannot open the database {}", config.db))?;
        let state = AppState::new(store, config.clone());
        if demo && state.store.orgs().await?.is_empty() {
            let (email, password) = seed_demo(&state).await?;
            tracing::info!(%email, %password, "a demo organization is loaded: sign in with these");
        }
        if let Some(code) = rungs_web::setup_code(&state).await? {
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
        rungs_web::serve(listener, state, shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(Output::text(String::new()))
    })
}

/// Loads a demo organization: its roster and several years of assessments. Returns the admin's
/// email and password.
async fn seed_demo(state: &AppState) -> Result<(String, String)> {
    let password = rungs_web::random_token("")?
        .chars()
        .take(16)
        .collect::<String>();
    let email = "demo@rungs.invalid".to_owned();
    let (org, admin) = rungs_web::create_org(
        state,
        "Demo organization",
        "Demo admin",
        &email,
        password.clone(),
    )
    .await?;
    let fw = builtin();
    let demo = rungs_core::team::demo(
        fw,
        &rungs_core::team::DemoOptions {
            people: 150,
            seed: 1,
            cycles: 6,
            as_of: crate::source::today(),
            stage: None,
        },
    );
    let roster = load_roster("demo roster", demo.roster_csv.as_bytes(), fw)
        .map_err(Invalid)?
        .roster;
    let by = Author::user(&admin);
    state
        .store
        .import_roster(org.id, &by, &rungs_web::roster_rows(fw, &roster), &|_| {})
        .await?;
    for a in super::history::assessments(fw, &demo.history_csv)? {
        state.store.add_assessment(org.id, &by, a).await?;
    }
    Ok((email, password))
}

fn read_password(from_stdin: bool, input: &mut Prompter<'_>) -> Result<String> {
    if from_stdin {
        // Through the prompter, which holds stdin's lock for the whole run.
        return input.line().context("reading the password from stdin");
    }
    if let Ok(p) = std::env::var("RUNGS_ADMIN_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("give the password with --password-stdin or RUNGS_ADMIN_PASSWORD");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Again: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

pub(super) fn admin_create(
    email: &str,
    name: &str,
    organization: &str,
    password_stdin: bool,
    db: &DbArgs,
    input: &mut Prompter<'_>,
) -> Result<Output> {
    let config = config(db, None)?;
    let password = read_password(password_stdin, input)?;
    if password.chars().count() < rungs_web::MIN_PASSWORD {
        bail!(
            "the password is shorter than {} characters",
            rungs_web::MIN_PASSWORD
        );
    }
    if !email.contains('@') {
        bail!("\"{email}\" is not an email address");
    }
    runtime()?.block_on(async move {
        let store = rungs_store::connect(&config.db)
            .await
            .with_context(|| format!("cannot open the database {}", config.db))?;
        let state = AppState::new(store, config.clone());
        if state.store.orgs().await?.is_empty() {
            let (org, admin) = rungs_web::create_org(&state, organization, name, email, password).await?;
            return Ok(Output::text(format!(
                "Created the organization \"{}\" (id {}) with its first admin, {}. Start the server with `rungs serve{}`.\n",
                org.name,
                org.id.0,
                admin.email,
                db.db.as_deref().map_or(String::new(), |u| format!(" --db {}", rungs_store::redact(u)))
            )));
        }
        let org = org(&*state.store, db.org).await?;
        let password_hash = rungs_web::hash_password(password).await?;
        let user = state
            .store
            .create_user(
                org,
                &Author::system("cli"),
                NewUser {
                    email: email.to_owned(),
                    name: name.to_owned(),
                    password_hash,
                    role: Role::Admin,
                    person: None,
                },
            )
            .await?;
        Ok(Output::text(format!(
            "Added {} as an admin of organization {}.\n",
            user.email, org.0
        )))
    })
}

/// Draws a progress bar on standard error, at most five times a second.
struct Bar {
    total: usize,
    shown: Mutex<Instant>,
    on: bool,
}

impl Bar {
    fn new(total: usize) -> Bar {
        Bar {
            total,
            shown: Mutex::new(Instant::now()),
            on: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self, done: usize) {
        if !self.on {
            return;
        }
        if let Ok(mut shown) = self.shown.lock() {
            if shown.elapsed() < Duration::from_millis(200) && done < self.total {
                return;
            }
            *shown = Instant::now();
        }
        let pct = (done * 100).checked_div(self.total).unwrap_or(100).min(100);
        eprint!(
            "\r[{:<20}] {pct:>3}%  {done} of {} people written",
            "#".repeat(pct / 5),
            self.total
        );
        let _ = std::io::stderr().flush();
    }

    fn done(&self) {
        if self.on {
            eprintln!();
        }
    }
}

pub(super) fn import_roster(file: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    let bytes = read_limited(file, rungs_core::team::MAX_ROSTER_BYTES)?;
    runtime()?.block_on(async move {
        let store = rungs_store::connect(&config.db)
            .await
            .with_context(|| format!("cannot open the database {}", config.db))?;
        let state = AppState::new(store, config.clone());
        let org = org(&*state.store, db.org).await?;
        let (_, fw) = state.framework(org).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let started = Instant::now();
        let loaded = load_roster(&file.display().to_string(), &bytes, &fw).map_err(Invalid)?;
        let rows = rungs_web::roster_rows(&fw, &loaded.roster);
        if std::io::stderr().is_terminal() {
            eprintln!(
                "Checked {} people in {:.1} s; writing them in one transaction…",
                rows.len(),
                started.elapsed().as_secs_f64()
            );
        }
        let bar = Bar::new(rows.len());
        let summary = state
            .store
            .import_roster(org, &Author::system("cli"), &rows, &|done| bar.tick(done))
            .await?;
        bar.done();
        let mut text = format!(
            "Imported {} into organization {}: {} created, {} updated, {} unchanged; {} people in the database are not in the file and were left as they are. ({:.1} s)\n",
            file.display(),
            org.0,
            summary.created,
            summary.updated,
            summary.unchanged,
            summary.not_in_file,
            started.elapsed().as_secs_f64()
        );
        let filled = loaded.notes.len();
        if filled > 0 {
            text += &format!("{filled} levels were filled in from titles (`rungs team check` lists them).\n");
        }
        Ok(Output::text(text))
    })
}

pub(super) fn export(out: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let store = rungs_store::connect(&config.db)
            .await
            .with_context(|| format!("cannot open the database {}", config.db))?;
        let org = org(&*store, db.org).await?;
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        let write = |name: &str, text: &str| {
            let path = out.join(name);
            std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
        };
        let fw = store.framework(org).await?;
        write("framework.toml", &fw.source)?;
        let people = store.people(org, &PeopleFilter::default()).await?;
        write("roster.csv", &rungs_web::roster_csv(&people))?;
        let assessments = store.assessments(org, None).await?;
        let mut lines = String::new();
        for a in &assessments {
            lines += &serde_json::to_string(a)?;
            lines.push('\n');
        }
        write("assessments.jsonl", &lines)?;
        let mut audit = Vec::new();
        let mut before = None;
        loop {
            let page = store.audit(org, 1000, before).await?;
            let Some(last) = page.last() else { break };
            before = Some(last.id);
            audit.extend(page);
        }
        let mut lines = String::new();
        for e in audit.iter().rev() {
            lines += &serde_json::to_string(e)?;
            lines.push('\n');
        }
        write("audit.jsonl", &lines)?;
        Ok(Output::text(format!(
            "Wrote organization {} to {}: framework.toml (version {}), roster.csv ({} people), assessments.jsonl ({}), audit.jsonl ({} changes).\n",
            org.0,
            out.display(),
            fw.version,
            people.len(),
            assessments.len(),
            audit.len()
        )))
    })
}
