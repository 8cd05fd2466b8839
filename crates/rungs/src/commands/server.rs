//! The server and its database from the command line: `rungs serve`, `rungs admin create`,
//! `rungs import roster | assessments` and `rungs export`. Each opens the application over the
//! database and calls one of its use cases, as the server's handlers do.

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
        if demo && app.orgs().await.map_err(said)?.is_empty() {
            config.demo_accounts = seed_demo(&app, zones).await?;
        }
        if let Some(code) = app.setup_code().await.map_err(said)? {
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
const EXAMPLE_ZONES: &str = include_str!("../../../../frameworks/examples/pay-zones.toml");

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
        app.put_framework(&actor, 1, source.into_bytes())
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
    app.import_roster(&actor, "demo roster", demo.roster_csv.into_bytes(), &|_| {})
        .await
        .map_err(said)?;
    app.import_assessments(
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
    app.create_cycle(
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
            .map_or_else(|| person.clone(), |p| p.fields.name.clone());
        let local: Vec<String> = name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let email = format!("{}@demo.rungs.invalid", local.join("."));
        let password = password()?;
        app.create_user(
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
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        // On an empty database, the organization is made with its first admin, once: a second
        // `admin create` at the same moment adds its admin to that organization instead.
        if let Some((org, admin)) = app
            .create_first_org(organization, name, email, password.clone())
            .await
            .map_err(said)?
        {
            return Ok(Output::text(format!(
                "Created the organization \"{}\" (id {}) with its first admin, {}. Start the server with `rungs serve{}`.\n",
                org.name,
                org.id.0,
                admin.email,
                db.db
                    .as_deref()
                    .map_or(String::new(), |u| format!(" --db {}", rungs_app::redact(u)))
            )));
        }
        let org = app.pick_org(db.org).await.map_err(said)?;
        let user = app
            .add_admin(org, email, name, password)
            .await
            .map_err(said)?;
        Ok(Output::text(format!(
            "Added {} as an admin of organization {}.\n",
            user.email, org.0
        )))
    })
}

/// Draws a progress bar on standard error, at most five times a second.
struct Bar {
    total: usize,
    what: &'static str,
    shown: Mutex<Instant>,
    on: bool,
}

impl Bar {
    fn new(total: usize, what: &'static str) -> Bar {
        Bar {
            total,
            what,
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
            "\r[{:<20}] {pct:>3}%  {done} of {} {} written",
            "#".repeat(pct / 5),
            self.total,
            self.what
        );
        let _ = std::io::stderr().flush();
    }

    fn done(&self) {
        if self.on {
            eprintln!();
        }
    }
}

/// Rows in a CSV file, counted fast, for a progress bar's total before reading.
fn rows_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_sub(1)
}

pub(super) fn import_roster(file: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    let bytes = read_limited(file, rungs_core::team::MAX_ROSTER_BYTES, "a roster")?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.pick_org(db.org).await.map_err(said)?;
        let started = Instant::now();
        let bar = Bar::new(rows_in(&bytes), "people");
        let done = app
            .import_roster(
                &Actor::cli(org),
                &file.display().to_string(),
                bytes,
                &|n| bar.tick(n),
            )
            .await
            .map_err(said)?;
        bar.done();
        let s = &done.summary;
        let mut text = format!(
            "Imported {} into organization {}: {} created, {} updated, {} unchanged; {} people in the database are not in the file and were left as they are. ({:.1} s)\n",
            file.display(),
            org.0,
            s.created,
            s.updated,
            s.unchanged,
            s.not_in_file,
            started.elapsed().as_secs_f64()
        );
        let filled = done.notes.len();
        if filled > 0 {
            text += &format!(
                "{filled} levels were filled in from titles (`rungs team check` lists them).\n"
            );
        }
        Ok(Output::text(text))
    })
}

/// The files of a history: one CSV, or every CSV, TOML and JSON file of a directory (in name
/// order).
fn history_files(path: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_dir() {
        let limit = rungs_core::team::MAX_HISTORY_BYTES;
        return Ok(vec![(
            path.display().to_string(),
            read_limited(path, limit, "a history CSV")?,
        )]);
    }
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read the directory {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("csv" | "toml" | "json")
            )
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!(
            "{} holds no history CSV and no TOML or JSON assessment file",
            path.display()
        );
    }
    paths
        .iter()
        .map(|p| {
            let csv = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let (limit, what) = if csv {
                (rungs_core::team::MAX_HISTORY_BYTES, "a history CSV")
            } else {
                (
                    rungs_core::assessment::MAX_ASSESSMENT_BYTES,
                    "an assessment",
                )
            };
            Ok((p.display().to_string(), read_limited(p, limit, what)?))
        })
        .collect()
}

pub(super) fn import_assessments(path: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    let files = history_files(path)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.pick_org(db.org).await.map_err(said)?;
        let started = Instant::now();
        let total = files
            .iter()
            .map(|(name, bytes)| {
                if name.to_ascii_lowercase().ends_with(".csv") {
                    rows_in(bytes)
                } else {
                    1
                }
            })
            .sum();
        let bar = Bar::new(total, "assessments");
        let done = app
            .import_assessments(&Actor::cli(org), HistorySource { files }, &|n| bar.tick(n))
            .await
            .map_err(said)?;
        bar.done();
        let mut text = format!(
            "Imported {} assessments from {} into organization {}: {} self, {} manager, {} peer. ({:.1} s)\n",
            done.assessments,
            path.display(),
            org.0,
            done.own,
            done.manager,
            done.peer,
            started.elapsed().as_secs_f64()
        );
        for n in done.notes.iter().take(10) {
            text += &format!("note: {}: {}\n", n.location, n.message);
        }
        if done.notes.len() > 10 {
            text += &format!("… and {} more notes.\n", done.notes.len() - 10);
        }
        Ok(Output::text(text))
    })
}

/// Starts a review cycle.
pub(super) fn cycle_start(input: rungs_app::CycleInput, db: &DbArgs, json: bool) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        // A mistake is named by the flag that gave it, not by the API's field.
        let flags = [
            ("/name", "NAME"),
            ("/under", "--under"),
            ("/self_assessment_due", "--self-due"),
            ("/manager_assessment_due", "--manager-due"),
            ("/calibration_due", "--calibration-due"),
            ("/shared_due", "--shared-due"),
        ];
        let c = app.create_cycle(&actor, input).await.map_err(|e| {
            said(match e {
                AppError::Invalid {
                    title,
                    mut problems,
                } => {
                    for p in &mut problems {
                        if let Some((_, flag)) = flags.iter().find(|(f, _)| *f == p.location) {
                            p.location = (*flag).to_owned();
                        }
                    }
                    AppError::Invalid { title, problems }
                }
                other => other,
            })
        })?;
        if json {
            return Output::json(&c);
        }
        Ok(Output::text(format!(
            "Started \"{}\" (cycle {}) at self-assessment: {} people, framework version {}.\nSee where it stands with: rungs cycle status {}\n",
            c.name, c.id, c.people, c.framework_version, c.id
        )))
    })
}

/// Where review cycles stand: every cycle in a line, or one in full.
pub(super) fn cycle_status(id: Option<i64>, db: &DbArgs, json: bool) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        let Some(id) = id else {
            let cycles = app.cycles(&actor).await.map_err(said)?;
            if json {
                return Output::json(&cycles);
            }
            if cycles.is_empty() {
                return Ok(Output::text(
                    "No review cycles yet: an admin starts one on /cycles or with POST /api/v1/cycles.\n".into(),
                ));
            }
            let mut out = String::new();
            for c in &cycles {
                out += &format!(
                    "{:>4}  {}  —  {} ({} people, framework version {})\n",
                    c.id, c.name, c.stage_name, c.people, c.framework_version
                );
            }
            return Ok(Output::text(out));
        };
        let cycle = app.cycle(&actor, id).await.map_err(said)?;
        let progress = app.cycle_progress(&actor, id).await.map_err(said)?;
        if json {
            return Output::json(&serde_json::json!({ "cycle": cycle, "progress": progress }));
        }
        Ok(Output::text(crate::text::cycle_status(&cycle, &progress)))
    })
}

pub(super) fn export(out: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        let dir = out.join("assessments");
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let write = |name: &Path, text: &str| {
            std::fs::write(name, text).with_context(|| format!("cannot write {}", name.display()))
        };
        let (version, source) = app.framework_source(&actor, None).await.map_err(said)?;
        write(&out.join("framework.toml"), &source)?;
        let roster = app.roster_csv(&actor).await.map_err(said)?;
        write(&out.join("roster.csv"), &roster)?;
        let history = app.export_history(&actor).await.map_err(said)?;
        write(&dir.join("history.csv"), &history.csv)?;
        for (name, json) in &history.files {
            write(&dir.join(name), json)?;
        }
        let audit = app.audit_log(&actor).await.map_err(said)?;
        let mut lines = String::new();
        for e in &audit {
            lines += &serde_json::to_string(e)?;
            lines.push('\n');
        }
        write(&out.join("audit.jsonl"), &lines)?;
        let people = csv::Reader::from_reader(roster.as_bytes()).records().count();
        Ok(Output::text(format!(
            "Wrote organization {} to {}: framework.toml (version {version}), roster.csv ({people} people), assessments/ ({} assessments: history.csv and {} assessment files), audit.jsonl ({} changes).\n",
            org.0,
            out.display(),
            history.assessments,
            history.files.len(),
            audit.len()
        )))
    })
}
