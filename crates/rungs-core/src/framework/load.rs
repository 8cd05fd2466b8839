//! Loading a framework file: bytes in, a validated [`Framework`] or every problem out.

use std::sync::OnceLock;

use super::{Framework, decode, validate};
use crate::diag::{Diagnostic, LineIndex, Problem, Severity, resolve_all};
use crate::toml_reader::{Sink, Table};

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

/// A framework that did not load: every problem found, in the order they appear in the file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file} is not a valid framework: {}", plural(self.errors().count(), "error"))]
pub struct LoadError {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    fn whole_file(file: &str, message: String, help: &str) -> Self {
        Self {
            file: file.to_owned(),
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                file: file.to_owned(),
                start: None,
                end: None,
                path: String::new(),
                message,
                help: Some(help.to_owned()),
                line_text: None,
            }],
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Loads a framework from the bytes of a TOML file. `file` names it in diagnostics.
///
/// Never panics: any input, including non-UTF-8 and oversized data, becomes a [`LoadError`].
pub fn load(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() > MAX_FRAMEWORK_BYTES {
        return Err(LoadError::whole_file(
            file,
            format!(
                "the file is {} bytes, more than the {} MiB a framework may be",
                bytes.len(),
                MAX_FRAMEWORK_BYTES >> 20
            ),
            "a framework file is a hand-written TOML document; check that this is the right file",
        ));
    }
    let text =
        match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                // The valid prefix is UTF-8 by construction; locate the bad byte within it.
                let prefix = std::str::from_utf8(good).unwrap_or_default();
                let index = LineIndex::new(prefix);
                let at = index.position(prefix.len());
                let problem = Problem::error(Some(prefix.len()..prefix.len()), "", format!(
                "the file is not UTF-8 text: byte 0x{:02X} at line {}, column {} is not valid",
                bytes[e.valid_up_to()], at.line, at.column
            ))
            .help("save the file as UTF-8");
                return Err(LoadError {
                    file: file.to_owned(),
                    diagnostics: resolve_all(file, prefix, vec![problem]),
                });
            }
        };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_text(file, text)
}

fn load_text(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let (doc, syntax) = toml::de::DeTable::parse_recoverable(text);
    let sink = Sink::for_text(text);
    if !syntax.is_empty() {
        // A document with broken syntax is reported for its syntax alone: what the parser
        // recovered may be missing whole sections, and checking it would add false alarms.
        for e in syntax {
            let message = e.message().trim().replace('\n', "; ");
            sink.push(Problem::error(e.span(), "", format!("TOML syntax: {message}")).help(
                "see https://toml.io for the syntax; strings need quotes, lists square brackets",
            ));
        }
        return Err(fail(file, text, sink));
    }
    let root = Table::root(&sink, &doc);
    let framework = decode::framework(&root);
    root.finish();
    let Some(mut framework) = framework else {
        return Err(fail(file, text, sink));
    };
    validate::validate(&mut framework, &sink);
    if sink.has_errors() {
        return Err(fail(file, text, sink));
    }
    framework.build_index();
    let warnings = resolve_all(file, text, sink.into_problems());
    Ok(Loaded {
        framework,
        warnings,
    })
}

fn fail(file: &str, text: &str, sink: Sink) -> LoadError {
    LoadError {
        file: file.to_owned(),
        diagnostics: resolve_all(file, text, sink.into_problems()),
    }
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
