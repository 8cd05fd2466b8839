//! `rungs framework validate <file>`, `rungs framework export` and `rungs framework import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use rungs_core::framework::{self, MAX_FRAMEWORK_BYTES};
use rungs_core::{Diagnostic, LoadError, Severity};
use serde::Serialize;

use super::Output;
use crate::cli::ExportFormat;
use crate::source::{Invalid, Source, read_limited};
use crate::text::WIDTH;

#[derive(Debug, Serialize)]
struct Report<'a> {
    file: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    framework: Option<Summary<'a>>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Debug, Serialize)]
struct Summary<'a> {
    id: &'a str,
    name: &'a str,
    version: &'a str,
    levels: usize,
    tracks: usize,
    competencies: usize,
}

pub(super) fn validate(path: &Path, json: bool) -> Result<Output> {
    let bytes = read_limited(path, MAX_FRAMEWORK_BYTES, "a framework")?;
    let file = path.display().to_string();
    let result = framework::load(&file, &bytes);
    let (diagnostics, fw) = match &result {
        Ok(loaded) => (loaded.warnings.as_slice(), Some(&loaded.framework)),
        Err(e) => (e.diagnostics.as_slice(), None),
    };
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let status = if fw.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    let text = if json {
        let report = Report {
            file: &file,
            valid: fw.is_some(),
            errors,
            warnings,
            framework: fw.map(|f| Summary {
                id: f.id(),
                name: f.name(),
                version: f.version(),
                levels: f.levels().len(),
                tracks: f.tracks().len(),
                competencies: f.competencies().count(),
            }),
            diagnostics,
        };
        let mut text = serde_json::to_string_pretty(&report)?;
        text.push('\n');
        text
    } else {
        let mut out = String::new();
        for d in diagnostics {
            out.push_str(&d.render(WIDTH));
            out.push('\n');
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match fw {
            Some(f) => out.push_str(&format!(
                "{file} is a valid framework: {} \"{}\" version {}, {}, {}{}.\n",
                f.id(),
                f.name(),
                f.version(),
                plural(f.levels().len(), "level"),
                plural(f.competencies().count(), "competency")
                    .replace("competencys", "competencies"),
                if warnings > 0 {
                    format!(", {}", plural(warnings, "warning"))
                } else {
                    String::new()
                },
            )),
            None => out.push_str(&format!(
                "{file} is not a valid framework: {}{}.\n",
                plural(errors, "error"),
                if warnings > 0 {
                    format!(" and {}", plural(warnings, "warning"))
                } else {
                    String::new()
                },
            )),
        }
        out
    };
    // A broken file is the answer to `validate`, not a failure to run it: print to stdout.
    Ok(Output { text, status })
}

pub(super) fn export(
    source: &Source,
    format: ExportFormat,
    out: Option<&Path>,
    force: bool,
) -> Result<Output> {
    let text = match format {
        ExportFormat::Toml => {
            let mut text = source.text.clone();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        }
        ExportFormat::Json => Output::json(&source.framework)?.text,
        ExportFormat::Xlsx | ExportFormat::Csv => {
            let Some(out) = out else {
                bail!(
                    "a spreadsheet needs somewhere to go: add --out ladder.{}",
                    if format == ExportFormat::Xlsx {
                        "xlsx"
                    } else {
                        "csv"
                    }
                );
            };
            let name = out.display().to_string();
            let book = rungs_app::sheets::framework_workbook(&name, &source.text)?;
            let written = if format == ExportFormat::Xlsx {
                let bytes = rungs_app::sheets::write_xlsx(&book)?;
                write_new(out, &bytes, force)?;
                name.clone()
            } else {
                let files = rungs_app::sheets::write_csv(&book)?;
                std::fs::create_dir_all(out)
                    .with_context(|| format!("cannot make the folder {name}"))?;
                for (file, _) in &files {
                    if !force && out.join(file).exists() {
                        bail!(
                            "{} is already there; nothing was written (add --force to replace it)",
                            out.join(file).display()
                        );
                    }
                }
                for (file, bytes) in &files {
                    std::fs::write(out.join(file), bytes)
                        .with_context(|| format!("cannot write {}", out.join(file).display()))?;
                }
                let names: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
                format!("{name} ({})", names.join(", "))
            };
            let sheets: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            eprintln!(
                "wrote {written}: {} as sheets {}; `rungs framework import {name}` reads it back",
                source.framework.name(),
                sheets.join(", ")
            );
            return Ok(Output::text(String::new()));
        }
    };
    match out {
        None => Ok(Output::text(text)),
        Some(out) => {
            write_new(out, text.as_bytes(), force)?;
            eprintln!("wrote {}", out.display());
            Ok(Output::text(String::new()))
        }
    }
}

/// Writes a file, refusing to replace one that is there unless `force`.
fn write_new(out: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if !force && out.exists() {
        bail!(
            "{} is already there; nothing was written (add --force to replace it)",
            out.display()
        );
    }
    std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))
}

/// `rungs framework import`: a spreadsheet (or a folder of CSV sheets) to a framework file.
pub(super) fn import(
    paths: &[PathBuf],
    base: Option<&str>,
    name_as: Option<&str>,
    framework: Option<&Path>,
    out: Option<&Path>,
    force: bool,
    json: bool,
) -> Result<Output> {
    use rungs_app::sheets;
    use rungs_core::framework::sheets::Workbook;
    let (name, book) = match paths {
        [file] => (file.display().to_string(), read_one(file)?),
        several => {
            let mut files = Vec::new();
            for path in several {
                let csv = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                if !csv || path.is_dir() {
                    bail!(
                        "{} is not a CSV file: several files are CSV sheets (matrix.csv, levels.csv, …); give a workbook or a folder on its own",
                        path.display()
                    );
                }
                files.push((
                    file_name(path),
                    read_limited(path, sheets::MAX_SPREADSHEET, "a sheet")?,
                ));
            }
            let folder = several[0]
                .parent()
                .map(|p| p.display().to_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| ".".into());
            let names: Vec<String> = several.iter().map(|p| p.display().to_string()).collect();
            let book = sheets::read_csv_sheets(&folder, files).map(|b| Workbook {
                file: names.join(", "),
                ..b
            });
            (names.join(", "), book)
        }
    };
    let refused = |diagnostics: Vec<Diagnostic>| -> Result<Output> {
        if json {
            let report = ImportReport {
                file: &name,
                imported: false,
                out: None,
                framework: None,
                diagnostics: &diagnostics,
                toml: None,
            };
            let mut text = serde_json::to_string_pretty(&report)?;
            text.push('\n');
            return Ok(Output {
                text,
                status: ExitCode::FAILURE,
            });
        }
        Err(Invalid(LoadError {
            file: name.clone(),
            what: "ladder Rungs can read; nothing was written",
            diagnostics,
        })
        .into())
    };
    let book = match book {
        Ok(book) => book,
        Err(problems) => return refused(problems),
    };
    let base_text = match base {
        Some(b) if b.eq_ignore_ascii_case("none") => None,
        Some(b) => Some(
            String::from_utf8(read_limited(
                Path::new(b),
                MAX_FRAMEWORK_BYTES,
                "a framework",
            )?)
            .with_context(|| format!("{b} is not UTF-8 text"))?,
        ),
        None => Some(crate::source::active(framework)?.text),
    };
    let imported = match sheets::import_workbook(&book, base_text.as_deref(), name_as) {
        Ok(imported) => imported,
        Err(problems) => return refused(problems),
    };
    if let Some(out) = out {
        write_new(out, imported.toml.as_bytes(), force)?;
    }
    let fw = &imported.framework;
    let summary = ImportSummary {
        id: fw.id(),
        name: fw.name(),
        version: fw.version(),
        levels: fw.levels().len(),
        areas: fw.areas().len(),
        competencies: fw.competencies().count(),
        pay_bands: fw.compensation().map_or(0, |c| c.bands.len()),
        milestones: fw.moves().iter().map(|m| m.milestones.len()).sum(),
    };
    if json {
        let report = ImportReport {
            file: &name,
            imported: true,
            out: out.map(|o| o.display().to_string()),
            framework: Some(summary),
            diagnostics: &imported.notes,
            toml: out.is_none().then_some(imported.toml.as_str()),
        };
        let mut text = serde_json::to_string_pretty(&report)?;
        text.push('\n');
        return Ok(Output::text(text));
    }
    for note in &imported.notes {
        eprintln!("{}", note.render(WIDTH));
    }
    let said = format!(
        "{} \"{}\": {} levels, {} areas, {} competencies, {} pay bands, {} milestones",
        summary.id,
        summary.name,
        summary.levels,
        summary.areas,
        summary.competencies,
        summary.pay_bands,
        summary.milestones,
    );
    match out {
        None => {
            eprintln!("read {name}: {said}");
            Ok(Output::text(imported.toml))
        }
        Some(out) => {
            eprintln!(
                "read {name} and wrote {}: {said}; it validates",
                out.display()
            );
            Ok(Output::text(String::new()))
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A workbook, a CSV file, or a folder of CSV sheets.
fn read_one(
    file: &Path,
) -> Result<std::result::Result<rungs_core::framework::sheets::Workbook, Vec<Diagnostic>>> {
    use rungs_app::sheets;
    let name = file.display().to_string();
    if !file.is_dir() {
        let bytes = read_limited(file, sheets::MAX_SPREADSHEET, "a spreadsheet")?;
        return Ok(sheets::read_workbook(&name, &bytes));
    }
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(file).with_context(|| format!("cannot read the folder {name}"))?;
    for entry in entries {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let bytes = read_limited(&path, sheets::MAX_SPREADSHEET, "a sheet")?;
            files.push((file_name(&path), bytes));
        }
    }
    if files.is_empty() {
        bail!(
            "{name} has no .csv files; a folder of sheets holds Matrix.csv and, if you like, Levels.csv, Pay.csv, …"
        );
    }
    files.sort();
    Ok(sheets::read_csv_sheets(&name, files))
}

/// `framework import --json`: what was read, what was written, and every problem or note.
#[derive(Debug, Serialize)]
struct ImportReport<'a> {
    file: &'a str,
    imported: bool,
    /// Where the framework file was written (none: it is in `toml`, or nothing was written).
    out: Option<String>,
    framework: Option<ImportSummary<'a>>,
    diagnostics: &'a [Diagnostic],
    /// The framework file, when no --out was given.
    toml: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ImportSummary<'a> {
    id: &'a str,
    name: &'a str,
    version: &'a str,
    levels: usize,
    areas: usize,
    competencies: usize,
    pay_bands: usize,
    milestones: usize,
}
