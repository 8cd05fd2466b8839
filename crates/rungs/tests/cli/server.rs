//! The server from the command line: accounts, import and export on a database file, and
//! `rungs serve` started, asked and stopped as an operator does.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{repo_file, rungs_with_env, rungs_with_input};

fn db(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("rungs.db").display())
}

const PASSWORD: (&str, &str) = ("RUNGS_ADMIN_PASSWORD", "correct horse battery");

#[test]
fn an_admin_an_import_and_an_export_on_a_database_file() {
    let dir = tempfile::tempdir().expect("a directory");
    let url = db(&dir);
    let made = rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "ada@acme.test",
            "--name",
            "Ada",
            "--organization",
            "Acme",
            "--db",
            &url,
        ],
        &[PASSWORD],
    )
    .ok();
    assert!(
        made.contains("Created the organization \"Acme\" (id 1)"),
        "{made}"
    );
    let short = rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "bo@acme.test",
            "--name",
            "Bo",
            "--db",
            &url,
        ],
        &[("RUNGS_ADMIN_PASSWORD", "short")],
    )
    .fails();
    assert!(short.contains("shorter than 10 characters"), "{short}");

    // A roster with a bad row near its end: refused with the place, nothing written.
    let roster = dir.path().join("roster.csv");
    let mut text = String::from("id,name,level,manager\ncpo,Chris,cpo,\n");
    for i in 0..500 {
        text += &format!("p{i},Person {i},pm,cpo\n");
    }
    text += "late,Late,senior-pmm,cpo\n";
    std::fs::write(&roster, &text).expect("written");
    let err = rungs_with_env(
        &["import", "roster", &roster.to_string_lossy(), "--db", &url],
        &[],
    )
    .fails();
    assert!(err.contains("roster.csv:503, column 3 (level)"), "{err}");
    assert!(err.contains("unknown level `senior-pmm`"), "{err}");
    std::fs::write(&roster, text.replace("senior-pmm", "senior-pm")).expect("written");
    let ok = rungs_with_env(
        &["import", "roster", &roster.to_string_lossy(), "--db", &url],
        &[],
    )
    .ok();
    assert!(ok.contains("502 created, 0 updated, 0 unchanged"), "{ok}");

    let out = dir.path().join("export");
    let done = rungs_with_env(
        &["export", "--out", &out.to_string_lossy(), "--db", &url],
        &[],
    )
    .ok();
    assert!(done.contains("roster.csv (502 people)"), "{done}");
    let exported = std::fs::read_to_string(out.join("roster.csv")).expect("the roster");
    assert!(
        exported.contains("late,Late,,,senior-pm,shared,cpo,"),
        "{exported}"
    );
    let framework = std::fs::read_to_string(out.join("framework.toml")).expect("the framework");
    assert_eq!(
        framework,
        std::fs::read_to_string(repo_file("frameworks/product-management.toml"))
            .expect("the built-in")
    );
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).expect("the log");
    assert!(
        audit
            .lines()
            .any(|l| l.contains("\"roster.import\"") && l.contains("\"actor\":\"cli\"")),
        "{audit}"
    );

    // A second admin joins the organization that is there, the password piped in.
    let added = rungs_with_input(
        &[
            "admin",
            "create",
            "--email",
            "bo@acme.test",
            "--name",
            "Bo",
            "--password-stdin",
            "--db",
            &url,
        ],
        "a long enough password\n",
        dir.path(),
    )
    .ok();
    assert!(
        added.contains("Added bo@acme.test as an admin of organization 1"),
        "{added}"
    );
}

#[test]
fn a_database_password_never_shows() {
    let err = rungs_with_env(
        &[
            "import",
            "roster",
            &repo_file("examples/ada-self.toml"),
            "--db",
            "postgres://rungs:hunter2secret@127.0.0.1:9/rungs",
        ],
        &[],
    )
    .fails();
    assert!(!err.contains("hunter2secret"), "{err}");
    assert!(
        err.contains("postgres://rungs:***@127.0.0.1:9/rungs"),
        "{err}"
    );
}

/// A GET on the running server; the status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("the server answers");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("sent");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[test]
fn the_server_starts_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(["serve", "--bind", "127.0.0.1:0", "--db", &db(&dir)])
        .env("RUNGS_LOG", "json")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(child.stderr.take().expect("its log")).lines();
    let started = Instant::now();
    let mut log = Vec::new();
    // Wait on the log line that says where it listens: never a fixed sleep.
    let addr = loop {
        let line = lines.next().expect("a log line").expect("text");
        log.push(line.clone());
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON log line");
        if let Some(addr) = v["fields"]["addr"].as_str() {
            break addr.to_owned();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{log:?}");
    };
    assert!(
        log.iter().any(|l| l.contains("one-time code")),
        "the setup code is shown: {log:?}"
    );
    assert_eq!(get(&addr, "/healthz"), (200, "ok".into()));
    assert_eq!(get(&addr, "/readyz").0, 200);
    let (status, spec) = get(&addr, "/api/openapi.json");
    assert_eq!(status, 200);
    assert!(spec.contains("\"/api/v1/people\""));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("it stops");
    assert!(status.success(), "a clean stop: {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("\"stopped\"")), "{rest:?}");
}

#[test]
fn an_assessment_history_imports_whole_or_not_at_all_and_exports_back() {
    let dir = tempfile::tempdir().expect("a directory");
    let url = db(&dir);
    rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "ada@acme.test",
            "--name",
            "Ada",
            "--db",
            &url,
        ],
        &[PASSWORD],
    )
    .ok();
    let demo = dir.path().join("demo");
    crate::support::rungs(&[
        "demo",
        "--out",
        &demo.to_string_lossy(),
        "--people",
        "300",
        "--cycles",
        "3",
        "--as-of",
        "2026-11-01",
    ])
    .ok();
    rungs_with_env(
        &[
            "import",
            "roster",
            &demo.join("roster.csv").to_string_lossy(),
            "--db",
            &url,
        ],
        &[],
    )
    .ok();
    let history = demo.join("assessments").join("history.csv");
    let good = std::fs::read_to_string(&history).expect("the history");
    // A bad rating on the second-to-last row.
    let mut lines: Vec<&str> = good.lines().collect();
    let at = lines.len() - 2;
    let broken = lines[at].replacen(",pm,", ",pmm,", 1);
    lines[at] = &broken;
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n") + "\n").expect("written");
    let err = rungs_with_env(
        &[
            "import",
            "assessments",
            &bad.to_string_lossy(),
            "--db",
            &url,
        ],
        &[],
    )
    .fails();
    assert!(
        err.contains(&format!("bad.csv:{}, column", at + 1)),
        "the place of the bad row: {err}"
    );
    assert!(err.contains("unknown level `pmm`"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");

    let done = rungs_with_env(
        &[
            "import",
            "assessments",
            &demo.join("assessments").to_string_lossy(),
            "--db",
            &url,
        ],
        &[],
    )
    .ok();
    assert!(
        done.contains(&format!("Imported {} assessments", lines.len() - 1)),
        "{done}"
    );
    assert!(done.contains("self,") || done.contains("self, "), "{done}");

    let out = dir.path().join("export");
    let wrote = rungs_with_env(
        &["export", "--out", &out.to_string_lossy(), "--db", &url],
        &[],
    )
    .ok();
    assert!(
        wrote.contains("history.csv and 0 assessment files"),
        "{wrote}"
    );
    let exported =
        std::fs::read_to_string(out.join("assessments").join("history.csv")).expect("exported");
    assert!(exported == good, "the export is the history that went in");
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).expect("the log");
    assert!(
        audit
            .lines()
            .any(|l| l.contains("\"assessments.import\"") && l.contains("\"actor\":\"cli\"")),
        "{audit}"
    );
}

#[test]
fn a_review_cycle_is_started_and_read_from_the_database() {
    let dir = tempfile::tempdir().expect("a directory");
    let url = db(&dir);
    rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "ada@acme.test",
            "--name",
            "Ada",
            "--organization",
            "Acme",
            "--db",
            &url,
        ],
        &[PASSWORD],
    )
    .ok();
    let none = rungs_with_env(&["cycle", "status", "--db", &url], &[]).ok();
    assert!(none.contains("No review cycles yet"), "{none}");
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "id,name,level,manager\nlea,Lea Lead,group-pm,\nann,Ann,pm,lea\nben,Ben,pm,lea\n",
    )
    .expect("written");
    rungs_with_env(
        &["import", "roster", &roster.to_string_lossy(), "--db", &url],
        &[],
    )
    .ok();
    // Dates out of order are refused, naming the field; nothing is started.
    let bad = rungs_with_env(
        &[
            "cycle",
            "start",
            "H2 2026 review",
            "--self-due",
            "2026-12-20",
            "--manager-due",
            "2026-12-10",
            "--db",
            &url,
        ],
        &[],
    )
    .fails();
    assert!(
        bad.contains(
            "--manager-due: Manager assessment ends on 2026-12-10, before Self-assessment"
        ),
        "{bad}"
    );
    let started = rungs_with_env(
        &[
            "cycle",
            "start",
            "H2 2026 review",
            "--self-due",
            "2026-12-10",
            "--db",
            &url,
        ],
        &[],
    )
    .ok();
    assert!(
        started.contains("Started \"H2 2026 review\" (cycle 1) at self-assessment: 3 people"),
        "{started}"
    );
    let list = rungs_with_env(&["cycle", "status", "--db", &url], &[]).ok();
    assert!(
        list.contains("1  H2 2026 review  —  Self-assessment (3 people"),
        "{list}"
    );
    let one = rungs_with_env(&["cycle", "status", "1", "--db", &url], &[]).ok();
    assert!(
        one.starts_with("H2 2026 review (cycle 1): Self-assessment"),
        "{one}"
    );
    assert!(
        one.contains("Self-assessment       current   ends 2026-12-10"),
        "{one}"
    );
    assert!(
        one.contains("Self-assessments    0 of 3 submitted"),
        "{one}"
    );
    assert!(one.contains("Lea Lead"), "{one}");
    let json = rungs_with_env(&["cycle", "status", "1", "--db", &url, "--json"], &[]).json();
    assert_eq!(json["cycle"]["stage"], "self-assessment");
    assert_eq!(json["progress"]["people"], 3);
    let missing = rungs_with_env(&["cycle", "status", "9", "--db", &url], &[]).fails();
    assert!(missing.contains("cycle not found"), "{missing}");
}

#[test]
fn the_demo_server_takes_a_size_and_prints_its_address_and_sign_ins() {
    // The size is checked before anything starts.
    let refused = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(["serve", "--people", "40"])
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--demo"),
        "--people goes with --demo"
    );
    let small = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(["serve", "--demo", "--people", "1"])
        .output()
        .expect("runs");
    assert!(!small.status.success());

    let mut child = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(["serve", "--demo", "--people", "40", "--bind", "127.0.0.1:0"])
        .env("RUNGS_LOG", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let lines = BufReader::new(child.stdout.take().expect("its output")).lines();
    let mut said = Vec::new();
    for line in lines {
        let line = line.expect("text");
        let done = line.starts_with("Stop it with Ctrl-C");
        said.push(line);
        if done {
            break;
        }
    }
    let text = said.join("\n");
    let addr = text
        .split("Rungs is running at http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("an address: {text}"))
        .to_owned();
    assert!(text.contains("Head of product"), "{text}");
    assert_eq!(text.matches("password ").count(), 3, "{text}");
    let (status, page) = get(&addr, "/sign-in");
    assert_eq!(status, 200);
    assert!(
        page.contains("head@demo.rungs.invalid"),
        "the demo's accounts are listed"
    );
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
