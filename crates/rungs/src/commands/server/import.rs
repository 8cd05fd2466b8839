//! `rungs import` and `rungs export`: a roster and assessments into the database, with progress, and everything out.

use super::*;

/// Draws a progress bar on standard error, at most five times a second.
pub(super) struct Bar {
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
pub(crate) fn rows_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_sub(1)
}

pub(crate) fn import_roster(file: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    let bytes = read_limited(file, rungs_core::team::MAX_ROSTER_BYTES, "a roster")?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
        let started = Instant::now();
        let bar = Bar::new(rows_in(&bytes), "people");
        let done = app
            .people()
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
pub(crate) fn history_files(path: &Path) -> Result<Vec<(String, Vec<u8>)>> {
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

pub(crate) fn import_assessments(path: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    let files = history_files(path)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
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
            .reports()
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

pub(crate) fn export(out: &Path, db: &DbArgs) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        let dir = out.join("assessments");
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let write = |name: &Path, text: &str| {
            std::fs::write(name, text).with_context(|| format!("cannot write {}", name.display()))
        };
        let (version, source) = app.frameworks().framework_source(&actor, None).await.map_err(said)?;
        write(&out.join("framework.toml"), &source)?;
        let roster = app.people().roster_csv(&actor).await.map_err(said)?;
        write(&out.join("roster.csv"), &roster)?;
        let history = app.reports().export_history(&actor).await.map_err(said)?;
        write(&dir.join("history.csv"), &history.csv)?;
        for (name, json) in &history.files {
            write(&dir.join(name), json)?;
        }
        let audit = app.accounts().audit_log(&actor).await.map_err(said)?;
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
