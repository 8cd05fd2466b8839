//! Loading a framework file: bytes in, a validated [`Framework`] or every problem out.

use std::sync::OnceLock;

use super::{Framework, decode, validate};
use crate::diag::{Diagnostic, Severity, resolve_all};
use crate::doc::{self, Format, Node, Sink};

/// The largest framework file accepted. The default framework is well under 100 KB; anything
/// near this limit is not a framework someone wrote by hand.
pub const MAX_FRAMEWORK_BYTES: usize = 8 * 1024 * 1024;

/// The built-in product-management framework, as shipped.
pub const BUILTIN_TOML: &str = include_str!("../../../../frameworks/product-management.toml");

/// The name the built-in framework's diagnostics carry in place of a file name.
pub const BUILTIN_NAME: &str = "<built-in>/product-management.toml";

/// A framework that loaded, with any warnings about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub framework: Framework,
    pub warnings: Vec<Diagnostic>,
}

/// A document that did not load: every problem found, in the order they appear in the file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file} is not a valid {what}: {}", plural(self.errors().count(), "error"))]
pub struct LoadError {
    pub file: String,
    /// What the file should have been: "framework", "assessment", ….
    pub what: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Loads a framework from the bytes of a file; `.json` files are read as JSON, others as TOML.
/// `file` names it in diagnostics.
///
/// Never panics: any input, including non-UTF-8 and oversized data, becomes a [`LoadError`].
pub fn load(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_as(file, bytes, Format::from_name(file))
}

/// Loads a framework written in the given format.
pub fn load_as(file: &str, bytes: &[u8], format: Format) -> Result<Loaded, LoadError> {
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "framework",
        diagnostics,
    };
    let text = doc::text(file, bytes, MAX_FRAMEWORK_BYTES).map_err(fail)?;
    let sink = Sink::for_text(text);
    let tree = match doc::parse(text, format) {
        Ok(tree) => tree,
        // A document with broken syntax is reported for its syntax alone: checking what the
        // parser recovered would add false alarms about sections it could not read.
        Err(problems) => return Err(fail(resolve_all(file, text, problems))),
    };
    let framework = Node::root(&sink, &tree).table().and_then(|root| {
        let framework = decode::framework(&root);
        root.finish();
        framework
    });
    let Some(mut framework) = framework else {
        return Err(fail(resolve_all(file, text, sink.into_problems())));
    };
    validate::validate(&mut framework, &sink);
    if sink.has_errors() {
        return Err(fail(resolve_all(file, text, sink.into_problems())));
    }
    framework.build_index();
    Ok(Loaded {
        framework,
        warnings: resolve_all(file, text, sink.into_problems()),
    })
}

/// The built-in product-management framework, loaded once.
///
/// The same loader checks it as any user file, and the test suite proves it loads cleanly, so a
/// failure here means the binary itself was built from a broken file.
pub fn builtin() -> &'static Framework {
    static BUILTIN: OnceLock<Framework> = OnceLock::new();
    BUILTIN.get_or_init(|| match load(BUILTIN_NAME, BUILTIN_TOML.as_bytes()) {
        Ok(loaded) => loaded.framework,
        Err(e) => {
            let shown: Vec<String> = e.diagnostics.iter().map(|d| d.render(100)).collect();
            panic!(
                "the built-in framework does not load; this is a bug in Rungs:\n{}",
                shown.join("\n")
            )
        }
    })
}
