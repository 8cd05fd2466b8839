//! Running the real binary and reading what it printed.

use std::path::PathBuf;
use std::process::Command;

use unicode_width::UnicodeWidthStr;

pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub(crate) fn ok(self) -> String {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self.stdout
    }

    /// Asserts failure with status 1 and returns stderr.
    pub(crate) fn fails(self) -> String {
        assert_eq!(
            self.code, 1,
            "expected failure\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self.stderr
    }

    pub(crate) fn json(self) -> serde_json::Value {
        let out = self.ok();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
    }
}

pub(crate) fn rungs(args: &[&str]) -> Run {
    rungs_with_env(args, &[])
}

pub(crate) fn rungs_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rungs"));
    cmd.args(args).env_remove("RUNGS_FRAMEWORK");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the rungs binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The example engineering framework shipped in the repository.
pub(crate) fn example() -> String {
    repo_file("frameworks/examples/engineering.toml")
}

pub(crate) fn repo_file(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    root.to_string_lossy().into_owned()
}

/// Asserts every line fits an 80-column terminal.
pub(crate) fn assert_fits_80(text: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= 80,
            "line is {} columns wide:\n{line}",
            line.width()
        );
    }
}

/// Runs the binary with `input` on stdin, in `dir`.
pub(crate) fn rungs_with_input(args: &[&str], input: &str, dir: &std::path::Path) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env_remove("RUNGS_FRAMEWORK")
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the rungs binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("the run ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}
