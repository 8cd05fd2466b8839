//! `rungs framework validate <file>` and `rungs framework export`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use rungs_core::framework::{self, MAX_FRAMEWORK_BYTES};
use rungs_core::{Diagnostic, Severity};
use serde::Serialize;

use super::Output;
use crate::cli::ExportFormat;
use crate::source::{Source, read_limited};
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

pub(super) fn export(source: &Source, format: ExportFormat) -> Result<Output> {
    match format {
        ExportFormat::Toml => {
            let mut text = source.text.clone();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            Ok(Output::text(text))
        }
        ExportFormat::Json => Output::json(&source.framework),
    }
}
