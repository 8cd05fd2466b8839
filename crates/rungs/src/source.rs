//! Where the framework comes from: the built-in one, or a file the user names.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rungs_core::Framework;
use rungs_core::framework::{self, BUILTIN_TOML, MAX_FRAMEWORK_BYTES};

/// The framework a command works on, with the text it was read from.
pub(crate) struct Source {
    pub(crate) text: String,
    pub(crate) framework: Framework,
}

/// Reads a file, refusing anything larger than `limit` bytes before reading it.
pub(crate) fn read_limited(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a directory, not a file", path.display());
    }
    if meta.len() > limit as u64 {
        bail!(
            "{} is {} bytes, more than the {} MiB {what} may be; check that this is the right file",
            path.display(),
            meta.len(),
            limit >> 20
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// A loaded framework that failed: its diagnostics, ready to print.
#[derive(Debug)]
pub(crate) struct Invalid(pub(crate) rungs_core::LoadError);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.0.diagnostics {
            writeln!(f, "{}", d.render(crate::text::WIDTH))?;
        }
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for Invalid {}

/// Loads the framework a command should use: the file given, or the built-in one.
pub(crate) fn active(path: Option<&Path>) -> Result<Source> {
    let Some(path) = path else {
        return Ok(Source {
            text: BUILTIN_TOML.to_owned(),
            framework: framework::builtin().clone(),
        });
    };
    let bytes = read_limited(path, MAX_FRAMEWORK_BYTES, "a framework")?;
    let name = path.display().to_string();
    let loaded = framework::load(&name, &bytes).map_err(Invalid)?;
    if !loaded.warnings.is_empty() {
        eprintln!(
            "note: {name} has {} warning(s); `rungs framework validate {name}` shows them",
            loaded.warnings.len()
        );
    }
    // The loader accepted the bytes, so they are UTF-8.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Source {
        text,
        framework: loaded.framework,
    })
}

/// Loads an assessment file against the framework, telling the user on stderr about warnings
/// and about changes since the framework version it was made against.
pub(crate) fn assessment(
    path: &Path,
    fw: &Framework,
) -> Result<rungs_core::assessment::Assessment> {
    let bytes = read_limited(
        path,
        rungs_core::assessment::MAX_ASSESSMENT_BYTES,
        "an assessment",
    )?;
    let name = path.display().to_string();
    let loaded = rungs_core::assessment::load(&name, &bytes, fw).map_err(Invalid)?;
    for w in &loaded.warnings {
        eprintln!("{}", w.render(crate::text::WIDTH));
    }
    if let Some(changes) = &loaded.changes {
        eprintln!("note: {name} was made against another version of the framework:");
        for line in changes.describe() {
            eprintln!("  {line}");
        }
    }
    Ok(loaded.assessment)
}

/// The level an assessment aims at: the one named with --to, or the next rung (the one rule in
/// `Evaluator::target`), with what to do when there is none.
pub(crate) fn target(
    ev: &rungs_core::eval::Evaluator<'_>,
    a: &rungs_core::assessment::Assessment,
    to: Option<&str>,
) -> Result<rungs_core::framework::LevelPos> {
    ev.target(a, to).map_err(|e| target_error(&e))
}

/// The gap to the level named, or to the next rung: both branches at the split.
pub(crate) fn gaps(
    ev: &rungs_core::eval::Evaluator<'_>,
    a: &rungs_core::assessment::Assessment,
    to: Option<&str>,
) -> Result<rungs_core::eval::Gaps> {
    ev.gaps(a, to).map_err(|e| target_error(&e))
}

/// A target that could not be settled, with what to do about it on the command line.
fn target_error(e: &rungs_core::eval::TargetError) -> anyhow::Error {
    use rungs_core::eval::TargetError;
    match e {
        TargetError::Unknown(_) => anyhow::anyhow!("--to: {e}"),
        TargetError::AtTop { .. } => anyhow::anyhow!("{e}; name a target with --to"),
        TargetError::AtSplit { ids, .. } => anyhow::anyhow!(
            "{e}. Name the one to aim for with --to {}, or see which suits you with `rungs track`",
            ids.join(" or --to ")
        ),
    }
}

/// A date given on the command line, or `default` when none was.
pub(crate) fn date_arg(
    flag: &str,
    value: Option<&str>,
    default: rungs_core::Date,
) -> Result<rungs_core::Date> {
    match value {
        Some(v) => v
            .parse()
            .map_err(|e| anyhow::anyhow!("{flag} {v}: {e} (write YYYY-MM-DD)")),
        None => Ok(default),
    }
}
