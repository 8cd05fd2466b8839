//! The server's settings, in layers: defaults, then a TOML file, then `RUNGS_*` environment
//! variables (and last the command line, which the binary applies).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use rungs_app::DbUrl;
use serde::Deserialize;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen. Only loopback by default.
    pub bind: SocketAddr,
    /// The database. By default a SQLite file in the user's data directory.
    pub db: DbUrl,
    /// Mark cookies `Secure`: set this when the server is reached over HTTPS.
    pub secure_cookies: bool,
    /// How long a sign-in lasts.
    pub session_hours: u64,
    /// Read the client's address from `X-Forwarded-For` (behind a proxy you trust).
    pub trust_proxy: bool,
    /// Log lines as JSON objects rather than text.
    pub json_logs: bool,
    /// How long this server trusts what it read of a sign-in or of the current framework
    /// version before reading it again. Changes made through this server apply at once;
    /// another server process on the same database sees them after at most this long.
    /// 0 reads the database on every request.
    pub cache_seconds: u64,
    /// The demo organization's accounts, shown on the sign-in page when the server runs the
    /// demo (`rungs serve --demo`); empty otherwise.
    pub demo_accounts: Vec<DemoAccount>,
}

pub use rungs_app::DemoAccount;

/// The settings a file or the environment may give; any left out keep their default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    bind: Option<String>,
    db: Option<String>,
    secure_cookies: Option<bool>,
    session_hours: Option<u64>,
    trust_proxy: Option<bool>,
    log: Option<String>,
    cache_seconds: Option<u64>,
}

/// A setting that cannot be used, with where it came from.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {message}")]
pub struct ConfigError {
    pub source_name: String,
    pub message: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: DbUrl::sqlite_file(&default_db_path()),
            secure_cookies: false,
            session_hours: 12,
            trust_proxy: false,
            json_logs: false,
            cache_seconds: 5,
            demo_accounts: Vec::new(),
        }
    }
}

impl Config {
    /// What the application layer needs of these settings.
    pub fn settings(&self) -> rungs_app::Settings {
        rungs_app::Settings {
            cache_seconds: self.cache_seconds,
            session_hours: self.session_hours,
        }
    }
}

/// `$XDG_DATA_HOME/rungs/rungs.db`, else `~/.local/share/rungs/rungs.db` (on macOS,
/// `~/Library/Application Support/rungs/rungs.db`), else `rungs.db` here.
pub fn default_db_path() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.map(|h| {
                if cfg!(target_os = "macos") {
                    h.join("Library").join("Application Support")
                } else {
                    h.join(".local").join("share")
                }
            })
        });
    match base {
        Some(b) => b.join("rungs").join("rungs.db"),
        None => PathBuf::from("rungs.db"),
    }
}

impl Config {
    /// The defaults, then the file (if any), then the environment.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some(path) = file {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                source_name: name.clone(),
                message: format!("cannot read it: {e}"),
            })?;
            let layer: Layer = toml::from_str(&text).map_err(|e| ConfigError {
                source_name: name.clone(),
                message: e.to_string().trim().to_owned(),
            })?;
            config.apply(layer, &name)?;
        }
        let var = |key: &str| env(key).filter(|v| !v.trim().is_empty());
        let flag = |key: &str| -> Result<Option<bool>, ConfigError> {
            var(key)
                .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" | "on" => Ok(true),
                    "0" | "false" | "no" | "off" => Ok(false),
                    _ => Err(ConfigError {
                        source_name: key.into(),
                        message: format!("\"{v}\" is not true or false"),
                    }),
                })
                .transpose()
        };
        let whole = |key: &str, unit: &str| -> Result<Option<u64>, ConfigError> {
            var(key)
                .map(|v| {
                    v.trim().parse::<u64>().map_err(|_| ConfigError {
                        source_name: key.into(),
                        message: format!("\"{v}\" is not a whole number of {unit}"),
                    })
                })
                .transpose()
        };
        let layer = Layer {
            bind: var("RUNGS_BIND"),
            db: var("RUNGS_DB"),
            secure_cookies: flag("RUNGS_SECURE_COOKIES")?,
            session_hours: whole("RUNGS_SESSION_HOURS", "hours")?,
            trust_proxy: flag("RUNGS_TRUST_PROXY")?,
            log: var("RUNGS_LOG"),
            cache_seconds: whole("RUNGS_CACHE_SECONDS", "seconds")?,
        };
        config.apply(layer, "the RUNGS_* environment")?;
        Ok(config)
    }

    fn apply(&mut self, layer: Layer, source_name: &str) -> Result<(), ConfigError> {
        let fail = |message: String| ConfigError {
            source_name: source_name.to_owned(),
            message,
        };
        if let Some(bind) = layer.bind {
            self.bind = parse_bind(&bind).map_err(fail)?;
        }
        if let Some(db) = layer.db {
            self.db = DbUrl::parse(&db).map_err(|e| fail(e.to_string()))?;
        }
        if let Some(v) = layer.secure_cookies {
            self.secure_cookies = v;
        }
        if let Some(h) = layer.session_hours {
            if h == 0 || h > 24 * 90 {
                return Err(fail(format!(
                    "session_hours = {h}: give 1 to 2160 hours (90 days)"
                )));
            }
            self.session_hours = h;
        }
        if let Some(s) = layer.cache_seconds {
            if s > 300 {
                return Err(fail(format!(
                    "cache_seconds = {s}: give 0 to 300 seconds; other servers would see a new framework version that late"
                )));
            }
            self.cache_seconds = s;
        }
        if let Some(v) = layer.trust_proxy {
            self.trust_proxy = v;
        }
        if let Some(log) = layer.log {
            self.json_logs = match log.trim() {
                "json" => true,
                "text" => false,
                other => return Err(fail(format!("log = \"{other}\": use \"text\" or \"json\""))),
            };
        }
        Ok(())
    }
}

/// `127.0.0.1:8080`, `[::1]:8080`, or a port alone (on loopback).
pub fn parse_bind(text: &str) -> Result<SocketAddr, String> {
    let text = text.trim();
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    text.parse().map_err(|_| {
        format!("\"{text}\" is not an address to listen on: write it like 127.0.0.1:8080")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_environment_overrides_the_file_which_overrides_the_defaults() {
        let dir = tempfile::tempdir().expect("a directory");
        let file = dir.path().join("rungs.toml");
        std::fs::write(
            &file,
            "bind = \"0.0.0.0:9000\"\nsession_hours = 8\nlog = \"json\"\ncache_seconds = 30\n",
        )
        .expect("written");
        let c = Config::load(
            Some(&file),
            env(&[
                ("RUNGS_BIND", "127.0.0.1:7000"),
                ("RUNGS_CACHE_SECONDS", "0"),
            ]),
        )
        .expect("loads");
        assert_eq!(c.bind.to_string(), "127.0.0.1:7000");
        assert_eq!(
            (
                c.session_hours,
                c.json_logs,
                c.secure_cookies,
                c.cache_seconds
            ),
            (8, true, false, 0)
        );
        let d = Config::load(None, env(&[])).expect("defaults");
        assert_eq!(d.bind.to_string(), "127.0.0.1:8080");
        assert!(d.db.expose().ends_with("rungs.db"));
    }

    #[test]
    fn a_bad_setting_names_its_source() {
        let dir = tempfile::tempdir().expect("a directory");
        let file = dir.path().join("rungs.toml");
        std::fs::write(&file, "bind = \"x\"\nport = 3\n").expect("written");
        let e = Config::load(Some(&file), env(&[])).expect_err("unknown key");
        assert!(e.to_string().contains("unknown field `port`"), "{e}");
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = Config::load(None, env(&[("RUNGS_SECURE_COOKIES", "maybe")])).expect_err("bad");
        assert_eq!(
            e.to_string(),
            "RUNGS_SECURE_COOKIES: \"maybe\" is not true or false"
        );
        let e = Config::load(None, env(&[("RUNGS_CACHE_SECONDS", "soon")])).expect_err("bad");
        assert_eq!(
            e.to_string(),
            "RUNGS_CACHE_SECONDS: \"soon\" is not a whole number of seconds"
        );
        let e = Config::load(None, env(&[("RUNGS_DB", "postgres://u:hunter2@h/db?x")]))
            .map(|c| format!("{:?}", c.db))
            .expect("a URL");
        assert!(!e.contains("hunter2"), "{e}");
    }
}
