//! `rungs team template | check | report | orgchart`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rungs_core::team::{
    History, HistoryFile, ReportOptions, Roster, is_history_file, load_roster, members_under,
    read_history_file, report_under, template,
};
use rungs_core::{Diagnostic, Framework, LoadError, Severity};

use super::Output;
use crate::cli::ReportFormat;
use crate::source::{Invalid, date_arg, read_limited};
use crate::text::WIDTH;

/// A roster and its assessments, loaded and checked together.
pub(super) struct Team {
    pub(super) roster: Roster,
    pub(super) history: History,
    /// For each entry of the history, the assessment as its file gave it (with evidence and
    /// notes), when it came from an assessment file rather than a history CSV.
    pub(super) files_read: Vec<Option<rungs_core::assessment::Assessment>>,
    notes: Vec<Diagnostic>,
    files: usize,
}

/// Loads the roster and every assessment in `dir` (history CSVs, and TOML or JSON assessment
/// files). A problem in any file fails the whole load: nothing half-read is reported on.
pub(super) fn load(fw: &Framework, roster_path: &Path, dir: Option<&Path>) -> Result<Team> {
    let bytes = read_limited(roster_path, rungs_core::team::MAX_ROSTER_BYTES, "a roster")?;
    let loaded = load_roster(&roster_path.display().to_string(), &bytes, fw).map_err(Invalid)?;
    let roster = loaded.roster;
    let mut notes = loaded.notes;
    let mut history = History::new(fw);
    let mut files_read: Vec<Option<rungs_core::assessment::Assessment>> = Vec::new();
    let mut files = 0;
    if let Some(dir) = dir {
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the directory {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_history_file(&p.display().to_string()))
            .collect();
        paths.sort();
        let mut problems: Vec<Diagnostic> = Vec::new();
        for path in &paths {
            let name = path.display().to_string();
            let (limit, what) = if name.to_ascii_lowercase().ends_with(".csv") {
                (rungs_core::team::MAX_HISTORY_BYTES, "a history CSV")
            } else {
                (
                    rungs_core::assessment::MAX_ASSESSMENT_BYTES,
                    "an assessment",
                )
            };
            let bytes = read_limited(path, limit, what)?;
            files += 1;
            match read_history_file(&name, &bytes, &[fw], &roster, &mut history, &mut notes) {
                Ok(HistoryFile::Rows(_)) => files_read.resize(history.len(), None),
                Ok(HistoryFile::Assessment { assessment, .. }) => {
                    if let Some(id) = assessment.person_id.as_deref()
                        && let Some(p) = roster.person(id)
                    {
                        history.add(fw, &assessment, p);
                        files_read.push(Some(*assessment));
                    }
                }
                Err(e) => problems.extend(e),
            }
        }
        if problems.iter().any(|d| d.severity == Severity::Error) {
            return Err(Invalid(LoadError {
                file: dir.display().to_string(),
                what: "set of assessments",
                diagnostics: problems,
            })
            .into());
        }
    }
    files_read.resize(history.len(), None);
    let order = history.sort();
    let files_read = order
        .into_iter()
        .map(|i| files_read.get_mut(i).and_then(Option::take))
        .collect();
    Ok(Team {
        roster,
        history,
        files_read,
        notes,
        files,
    })
}

pub(super) fn print_template() -> Output {
    Output::text(template())
}

pub(super) fn check(
    fw: &Framework,
    roster: &Path,
    dir: Option<&Path>,
    json: bool,
) -> Result<Output> {
    let team = load(fw, roster, dir)?;
    let managers = (0..team.roster.len())
        .filter(|&p| !team.roster.reports(p).is_empty())
        .count();
    let filled = team
        .roster
        .people
        .iter()
        .filter(|p| p.level_from_title)
        .count();
    if json {
        #[derive(serde::Serialize)]
        struct Checked<'a> {
            valid: bool,
            people: usize,
            managers: usize,
            levels_from_titles: usize,
            assessment_files: usize,
            assessments: usize,
            notes: &'a [Diagnostic],
        }
        return super::Output::json(&Checked {
            valid: true,
            people: team.roster.len(),
            managers,
            levels_from_titles: filled,
            assessment_files: team.files,
            assessments: team.history.len(),
            notes: &team.notes,
        });
    }
    let mut out = String::new();
    // Notes can run to thousands on a large roster: show the first ones and count the rest.
    for d in team.notes.iter().take(20) {
        out.push_str(&d.render(WIDTH));
        out.push('\n');
    }
    if team.notes.len() > 20 {
        out.push_str(&format!("… and {} more notes.\n\n", team.notes.len() - 20));
    }
    out.push_str(&format!(
        "{} is a valid roster: {} people, {} of them managers{}.\n",
        roster.display(),
        team.roster.len(),
        managers,
        match filled {
            0 => String::new(),
            1 => "; 1 level filled in from a title".to_owned(),
            n => format!("; {n} levels filled in from titles"),
        }
    ));
    if let Some(dir) = dir {
        let files = if team.files == 1 {
            "1 file".to_owned()
        } else {
            format!("{} files", team.files)
        };
        out.push_str(&format!(
            "{}: {} assessments in {files}, all valid.\n",
            dir.display(),
            team.history.len()
        ));
    }
    Ok(Output::text(out))
}

pub(super) fn run_report(
    fw: &Framework,
    roster: &Path,
    dir: Option<&Path>,
    (as_of, since): (Option<&str>, Option<&str>),
    manager: Option<&str>,
    format: ReportFormat,
) -> Result<Output> {
    let as_of = match as_of {
        Some(d) => Some(date_arg("--as-of", Some(d), rungs_core::Date::today())?),
        None => None,
    };
    let since = match since {
        Some(d) => Some(date_arg("--since", Some(d), rungs_core::Date::today())?),
        None => None,
    };
    let opts = ReportOptions::days(as_of, since).map_err(|e| anyhow::anyhow!("--since: {e}"))?;
    let team = load(fw, roster, dir)?;
    let r = report_under(fw, &team.roster, &team.history, opts, manager)
        .map_err(|e| anyhow::anyhow!("--manager: {e}"))?;
    match format {
        ReportFormat::Json => Output::json(&r),
        ReportFormat::Md => Ok(Output::text(rungs_render::report(&r))),
        ReportFormat::Html => Ok(Output::text(
            rungs_web::views::team::document(&r, rungs_web::views::Styles::Inline).into_string(),
        )),
    }
}

/// `rungs team people`: a line per person, the rows of the server's `/team` page.
pub(super) fn people(
    fw: &Framework,
    roster: &Path,
    dir: Option<&Path>,
    as_of: Option<&str>,
    manager: Option<&str>,
    json: bool,
) -> Result<Output> {
    let as_of = match as_of {
        Some(d) => Some(date_arg("--as-of", Some(d), rungs_core::Date::today())?),
        None => None,
    };
    let opts = ReportOptions::days(as_of, None).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?;
    let team = load(fw, roster, dir)?;
    let people = members_under(fw, &team.roster, &team.history, opts, manager)
        .map_err(|e| anyhow::anyhow!("--manager: {e}"))?;
    if json {
        return Output::json(&people);
    }
    let mut out = String::new();
    let widths = [24, 12, 22, 30, 14];
    crate::text::row(
        &mut out,
        &[
            "Person",
            "Holds",
            "The ratings show",
            "Readiness",
            "On the rung",
        ],
        &widths,
    );
    for m in &people {
        let shown = match (&m.shown, &m.last) {
            (Some(s), _) => s.title.clone(),
            (None, Some(_)) => "too few ratings".to_owned(),
            (None, None) => "not assessed".to_owned(),
        };
        let ready = match (&m.readiness, &m.last) {
            (Some(r), _) => {
                let next: Vec<&str> = r.next.iter().map(|n| n.title.as_str()).collect();
                format!("{} for {}", r.name, next.join(" or "))
            }
            (None, Some(_)) => "at the top".to_owned(),
            (None, None) => "not assessed".to_owned(),
        };
        let years = m
            .years_on_rung
            .map_or_else(|| "start unknown".to_owned(), |y| format!("{y:.1} years"));
        crate::text::row(
            &mut out,
            &[
                &format!("{} ({})", m.person.name, m.person.id),
                &m.person.level_title,
                &shown,
                &ready,
                &years,
            ],
            &widths,
        );
    }
    Ok(Output::text(out))
}

pub(super) fn orgchart(
    fw: &Framework,
    roster_path: &Path,
    from: Option<&str>,
    depth: Option<usize>,
) -> Result<Output> {
    let bytes = read_limited(roster_path, rungs_core::team::MAX_ROSTER_BYTES, "a roster")?;
    let roster = load_roster(&roster_path.display().to_string(), &bytes, fw)
        .map_err(Invalid)?
        .roster;
    let starts = match from {
        Some(id) => match roster.person(id) {
            Some(p) => vec![p],
            None => bail!("`{id}` is not in {}", roster_path.display()),
        },
        None => roster.tops(),
    };
    let mut out = String::new();
    for p in starts {
        draw(
            fw,
            &roster,
            p,
            "",
            "",
            depth.unwrap_or(usize::MAX),
            &mut out,
        );
    }
    Ok(Output::text(out))
}

/// Everyone below a person, counted.
fn below(roster: &Roster, p: usize) -> usize {
    roster
        .reports(p)
        .iter()
        .map(|&r| 1 + below(roster, r))
        .sum()
}

fn draw(
    fw: &Framework,
    roster: &Roster,
    p: usize,
    lead: &str,
    rest: &str,
    depth: usize,
    out: &mut String,
) {
    let person = &roster.people[p];
    let level = fw.level_at(person.level);
    let reports = roster.reports(p);
    let mut line = format!(
        "{lead}{} · {} ({})",
        person.name, level.short_title, level.id
    );
    if !reports.is_empty() {
        line.push_str(&format!(" · {} direct", reports.len()));
        if let Some(rule) = fw.span_rule(&level.id) {
            if rule.max.is_some_and(|m| reports.len() > m as usize)
                || rule.min.is_some_and(|m| reports.len() < m as usize)
            {
                line.push_str(" ⚠");
            }
        }
    }
    out.push_str(&line);
    out.push('\n');
    if depth == 0 {
        if !reports.is_empty() {
            out.push_str(&format!("{rest}└── … {} more below\n", below(roster, p)));
        }
        return;
    }
    for (i, &r) in reports.iter().enumerate() {
        let last = i + 1 == reports.len();
        let (l, n) = if last {
            ("└── ", "    ")
        } else {
            ("├── ", "│   ")
        };
        draw(
            fw,
            roster,
            r,
            &format!("{rest}{l}"),
            &format!("{rest}{n}"),
            depth - 1,
            out,
        );
    }
}

pub(super) fn demo(
    fw: &Framework,
    out: &Path,
    people: u32,
    seed: u64,
    cycles: u32,
    as_of: Option<&str>,
    stage: Option<&str>,
) -> Result<Output> {
    let as_of = date_arg("--as-of", as_of, rungs_core::Date::today())?;
    if let Some(s) = stage {
        fw.find_stage(s)?;
    }
    let demo = rungs_core::team::demo(
        fw,
        &rungs_core::team::DemoOptions {
            people: people as usize,
            seed,
            cycles: cycles as usize,
            as_of,
            stage: stage.map(str::to_owned),
        },
    );
    let dir = out.join("assessments");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(out.join("roster.csv"), &demo.roster_csv)
        .with_context(|| format!("cannot write {}", out.join("roster.csv").display()))?;
    std::fs::write(dir.join("history.csv"), &demo.history_csv)
        .with_context(|| format!("cannot write {}", dir.join("history.csv").display()))?;
    Ok(Output::text(format!(
        "Wrote a demo organization of {} people with {} assessments (seed {seed}) to {}:\n  {}\n  {}\nTry: rungs team report --roster {} --assessments {} --as-of {as_of}\n",
        demo.people,
        demo.assessments,
        out.display(),
        out.join("roster.csv").display(),
        dir.join("history.csv").display(),
        out.join("roster.csv").display(),
        dir.display()
    )))
}
