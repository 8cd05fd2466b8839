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
pub(crate) fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a directory, not a file", path.display());
    }
    if meta.len() > limit as u64 {
        bail!(
            "{} is {} bytes, more than the {} MiB a framework may be; check that this is the right file",
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
    let bytes = read_limited(path, MAX_FRAMEWORK_BYTES)?;
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
