//! The web application in a real browser: Debian's Chromium, driven through chromedriver.
//! Sign in, complete the wizard with the keyboard alone, see the level, open the gap and the
//! packet, print the packet to PDF; a form error is shown and nothing is saved; axe-core (a
//! pinned version from the npm registry) finds no WCAG 2.2 A/AA violation on any page.
//!
//! Needs `chromium`, `chromedriver`, `pdftotext` and axe-core (`RUNGS_AXE`, or
//! `target/npm/node_modules/axe-core/axe.min.js`): `.ci/run` installs them. Without them the
//! test says it skipped, except under `CI`, where it fails. With `RUNGS_SCREENSHOTS=<dir>` it
//! also saves a picture of each main page there (`scripts/screenshots.sh`).

#[path = "../pages/support.rs"]
#[allow(dead_code)]
mod support;
mod tour;
mod webdriver;

use rungs_core::PersonId;
use std::path::PathBuf;

use serde_json::Value;
use support::{PASSWORD, Site};
use webdriver::{Driver, ENTER, SPACE, Session, TAB};

const ARROW_DOWN: &str = "\u{E015}";

fn found(name: &str) -> Option<String> {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

struct Tools {
    chromium: String,
    chromedriver: String,
    pdftotext: String,
    axe: String,
}

/// The tools the test needs, or why it cannot run. In CI they must all be there.
fn tools() -> Option<Tools> {
    let axe_path = std::env::var("RUNGS_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/npm/node_modules/axe-core/axe.min.js")
        });
    let got = (
        found("chromium"),
        found("chromedriver"),
        found("pdftotext"),
        std::fs::read_to_string(&axe_path).ok(),
    );
    match got {
        (Some(chromium), Some(chromedriver), Some(pdftotext), Some(axe)) => Some(Tools {
            chromium,
            chromedriver,
            pdftotext,
            axe,
        }),
        missing if std::env::var_os("CI").is_some() => panic!(
            "CI must run the browser test: chromium {:?}, chromedriver {:?}, pdftotext {:?}, axe-core at {} {:?} (.ci/run installs them)",
            missing.0.is_some(),
            missing.1.is_some(),
            missing.2.is_some(),
            axe_path.display(),
            missing.3.is_some()
        ),
        _ => {
            println!(
                "SKIPPED: the browser test (install chromium, chromium-driver, poppler-utils and axe-core: see .ci/run)"
            );
            None
        }
    }
}

/// Runs axe-core on the page and returns its WCAG 2.2 A/AA violations, described.
async fn axe(s: &Session, axe_source: &str) -> Vec<String> {
    s.run(&format!("{axe_source}\nreturn true;")).await;
    let v = s
        .run_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
        )
        .await;
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

async fn active(s: &Session, expr: &str) -> Value {
    s.run(&format!("const e = document.activeElement; return {expr};"))
        .await
}

/// Chooses a value in a radio group the way a keyboard user does: Tab into the group, then
/// the arrow keys until the wanted one is selected.
async fn choose(s: &Session, group: &str, value: &str) {
    s.tab_to(&format!("input[name='{group}']"), 60).await;
    for _ in 0..12 {
        if active(s, "e.value").await == Value::String(value.to_owned()) {
            s.keys(SPACE).await;
            return;
        }
        s.keys(ARROW_DOWN).await;
    }
    panic!("{group}: the arrows never reached {value}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_manager_uses_rungs_in_a_browser_with_the_keyboard_alone() {
    let Some(t) = tools() else { return };
    let site = Site::with_team().await;
    let base = serve(&site).await;
    let profile = tempfile::tempdir().expect("a profile directory");
    let driver = Driver::start(&t.chromedriver).await;
    let s = driver.session(&t.chromium, profile.path()).await;

    // Sign in with the keyboard: the first Tab reaches the skip link, visibly focused.
    s.go(&format!("{base}/sign-in")).await;
    assert!(
        axe(&s, &t.axe).await.is_empty(),
        "sign-in: {:?}",
        axe(&s, &t.axe).await
    );
    shot(&s, "sign-in").await;
    s.keys(TAB).await;
    assert_eq!(active(&s, "e.className").await, "skip");
    let outline = active(&s, "getComputedStyle(e).outlineStyle").await;
    assert_ne!(outline, "none", "the focus is visible");
    s.tab_to("#email", 20).await;
    s.keys("pat@acme.test").await;
    s.keys(TAB).await;
    s.keys(PASSWORD).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(s.url().await, format!("{base}/"));
    assert!(
        s.source()
            .await
            .contains("There is no assessment of you yet")
    );

    // The wizard, by keyboard only. First the level held (from the roster) and the track.
    s.go(&format!("{base}/assess")).await;
    choose(&s, "track", "ic").await;
    s.tab_to("button[value=next]", 40).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // An area sent with nothing chosen comes back with the problems, and nothing is saved.
    s.tab_to("button[value=next]", 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let refused = s.source().await;
    assert!(refused.contains("There is a problem"), "{refused}");
    assert!(refused.contains("Choose a level for Technical Knowledge, or Not assessed"));
    let cli = rungs_app::Actor::cli(rungs_store::OrgId(1));
    assert!(
        site.state
            .app
            .assessments()
            .assessments_of(&cli, &PersonId::from("pm1"))
            .await
            .expect("a list")
            .is_empty()
    );
    assert!(
        axe(&s, &t.axe).await.is_empty(),
        "a refused step: {:?}",
        axe(&s, &t.axe).await
    );
    shot(&s, "assess-error").await;
    let fw = rungs_core::framework::builtin();
    for (i, area) in fw.areas().iter().enumerate() {
        let url = s.url().await;
        assert!(url.contains(&format!("step={}", i + 1)) || i == 0, "{url}");
        for c in &area.competencies {
            choose(&s, &format!("rating-{}", c.id), "pm").await;
        }
        s.tab_to("button[value=next]", 200).await;
        s.keys(ENTER).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    // The milestones, then the review and save.
    s.tab_to("button[value=next]", 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let review = s.source().await;
    assert!(review.contains("What these ratings show"), "{review}");
    assert!(
        axe(&s, &t.axe).await.is_empty(),
        "review: {:?}",
        axe(&s, &t.axe).await
    );
    shot(&s, "assess-review").await;
    s.tab_to("button[value=save]", 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(s.source().await.contains("Your assessment is saved"));
    assert_eq!(
        site.state
            .app
            .assessments()
            .assessments_of(&cli, &PersonId::from("pm1"))
            .await
            .expect("a list")
            .len(),
        1
    );

    // The level, the gap and the packet, printed.
    s.go(&format!("{base}/")).await;
    assert!(
        s.source()
            .await
            .contains("Holds PM, and the ratings show PM.")
    );
    shot(&s, "home").await;
    s.go(&format!("{base}/me/gap")).await;
    assert!(s.source().await.contains("To Senior PM"));
    shot(&s, "gap").await;
    s.go(&format!("{base}/me/packet")).await;
    shot(&s, "packet").await;
    let pdf = s.print().await;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("packet.pdf");
    std::fs::write(&file, &pdf).expect("write");
    let text = std::process::Command::new(&t.pdftotext)
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Promotion case: Pat One"), "{text}");
    assert!(text.contains("Sign-off"), "{text}");

    // No WCAG 2.2 A/AA violation on any page.
    for (uri, name) in [
        ("/", ""),
        ("/ladder", "ladder"),
        ("/levels/senior-pm", "level"),
        ("/compare?from=pm&to=senior-pm", "compare"),
        ("/pay?level=pm&amount=150000", "pay"),
        ("/explore", "explore"),
        ("/path?to=director&stage=large", "path"),
        ("/track", "track"),
        ("/titles", "titles"),
        ("/assess", ""),
        ("/assess?step=1", "assess"),
        ("/me/assessments", "assessments"),
        ("/me/gap", ""),
        ("/me/plan", "plan"),
        ("/me/packet", ""),
        ("/account/password", ""),
        ("/nowhere", ""),
    ] {
        s.go(&format!("{base}{uri}")).await;
        let v = axe(&s, &t.axe).await;
        assert!(v.is_empty(), "{uri}: {v:#?}");
        if !name.is_empty() {
            // Every chart's table opened, to check it too.
            s.run("document.querySelectorAll('details').forEach(d => d.open = true); return 1;")
                .await;
            let v = axe(&s, &t.axe).await;
            assert!(v.is_empty(), "{uri} with its tables open: {v:#?}");
            s.run("document.querySelectorAll('details').forEach(d => d.open = false); return 1;")
                .await;
            match name {
                "ladder" => shot(&s, "ladder").await,
                "path" => shot(&s, "path").await,
                "pay" => shot(&s, "pay").await,
                "plan" => shot(&s, "plan").await,
                "track" => shot(&s, "track").await,
                "assess" => shot(&s, "assess").await,
                "compare" => shot(&s, "compare").await,
                "level" => shot(&s, "level").await,
                "assessments" => shot(&s, "assessments").await,
                "explore" => shot(&s, "explore").await,
                "titles" => shot(&s, "titles").await,
                _ => {}
            }
        }
    }
    s.close().await;
}

/// Signs in through the form with the keyboard.
/// Serves the site on a free local port; its address.
async fn serve(site: &Site) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let state = site.state.clone();
    tokio::spawn(async move {
        let _ = rungs_web::serve(listener, state, std::future::pending()).await;
    });
    base
}

/// Saves a screenshot as `<name>.png` in the folder `RUNGS_SCREENSHOTS` names, when it is set.
async fn shot(s: &Session, name: &str) {
    if let Some(dir) = std::env::var_os("RUNGS_SCREENSHOTS").map(PathBuf::from) {
        std::fs::create_dir_all(&dir).expect("the screenshots directory");
        std::fs::write(dir.join(format!("{name}.png")), s.screenshot().await)
            .expect("a screenshot");
    }
}

async fn sign_in(s: &Session, base: &str, email: &str) {
    sign_in_with(s, base, email, PASSWORD).await;
}

async fn sign_in_with(s: &Session, base: &str, email: &str, password: &str) {
    s.go(&format!("{base}/sign-in")).await;
    s.tab_to("#email", 20).await;
    s.keys(email).await;
    s.keys(TAB).await;
    s.keys(password).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(s.url().await, format!("{base}/"), "{email} signed in");
}

/// Checks a page with axe, closed and with every table opened.
async fn no_violations(s: &Session, axe_source: &str, what: &str) {
    let v = axe(s, axe_source).await;
    assert!(v.is_empty(), "{what}: {v:#?}");
    s.run("document.querySelectorAll('details').forEach(d => d.open = true); return 1;")
        .await;
    let v = axe(s, axe_source).await;
    assert!(v.is_empty(), "{what} with its tables open: {v:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_rates_a_report_and_a_head_of_product_reads_the_organization() {
    let Some(t) = tools() else { return };
    let site = Site::with_team().await;
    let base = serve(&site).await;
    let profile = tempfile::tempdir().expect("a profile directory");
    let driver = Driver::start(&t.chromedriver).await;
    let s = driver.session(&t.chromium, profile.path()).await;
    let cli = rungs_app::Actor::cli(rungs_store::OrgId(1));

    // The manager rates Zoë with the keyboard alone, her own ratings beside each competency.
    sign_in(&s, &base, "gil@acme.test").await;
    s.go(&format!("{base}/team")).await;
    no_violations(&s, &t.axe, "/team").await;
    shot(&s, "team").await;
    s.go(&format!("{base}/people/spm/assess")).await;
    s.tab_to("button[value=next]", 60).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let area = s.source().await;
    assert!(area.contains("rated themselves"), "{area}");
    no_violations(&s, &t.axe, "rating a report").await;
    shot(&s, "rate-report").await;
    let fw = rungs_core::framework::builtin();
    for area in fw.areas() {
        for c in &area.competencies {
            choose(&s, &format!("rating-{}", c.id), "senior-pm").await;
        }
        s.tab_to("button[value=next]", 200).await;
        s.keys(ENTER).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    s.tab_to("button[value=next]", 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(s.source().await.contains("Their own rating"));
    no_violations(&s, &t.axe, "the manager's review").await;
    s.tab_to("button[value=save]", 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(s.source().await.contains("is saved"));
    let saved = site
        .state
        .app
        .assessments()
        .assessments_of(&cli, &PersonId::from("spm"))
        .await
        .expect("a list");
    assert!(
        saved
            .iter()
            .any(|a| a.assessment.assessor.name == "Gil Group"
                && a.assessment.date == rungs_core::Date::today())
    );
    s.go(&format!("{base}/people/spm")).await;
    no_violations(&s, &t.axe, "/people/spm").await;
    shot(&s, "person").await;
    // The packet with the statement and sign-off, printed.
    s.go(&format!("{base}/people/spm/packet?to=principal-pm"))
        .await;
    let pdf = s.print().await;
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("packet.pdf");
    std::fs::write(&file, &pdf).expect("write");
    let text = std::process::Command::new(&t.pdftotext)
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Manager's statement"), "{text}");
    assert!(text.contains("Sign-off"), "{text}");
    s.go(&format!("{base}/org")).await;
    no_violations(&s, &t.axe, "a manager's /org").await;

    // The head of product reads the organization, whole and in part.
    s.go(&format!("{base}/")).await;
    s.tab_to("button.link", 60).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    sign_in(&s, &base, "head@acme.test").await;
    for uri in [
        "/org",
        "/org?under=gpm",
        "/team",
        "/team?sort=ready",
        "/people/head",
        "/people/spm/gap?to=principal-pm",
        "/people/spm/plan?to=group-pm",
        "/people/spm/assessments",
        "/people/spm/edit",
        "/admin",
        "/admin/people/new",
        "/admin/data",
        "/admin/users",
        "/admin/tokens",
        "/admin/audit",
        "/admin/framework/edit?part=titles",
        "/admin/framework/edit?part=expectations",
    ] {
        s.go(&format!("{base}{uri}")).await;
        no_violations(&s, &t.axe, uri).await;
        if uri == "/org" {
            shot(&s, "org").await;
        }
    }
    // An invitation sent empty, with the keyboard: each field says what it needs, in place.
    s.go(&format!("{base}/admin/users")).await;
    s.tab_to("form[action='/admin/users'] button[type=submit]", 300)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let refused = s.source().await;
    assert!(
        refused.contains("an account needs the email address its person signs in with"),
        "{refused}"
    );
    no_violations(&s, &t.axe, "an invitation refused beside its fields").await;
    // The page a one-time link opens, for someone not signed in.
    let (_, token) = site
        .state
        .app
        .accounts()
        .invite_user(
            &cli,
            rungs_app::NewInvite {
                email: "new@acme.test".into(),
                name: "Nell New".into(),
                role: rungs_store::Role::Member,
                person: None,
            },
        )
        .await
        .expect("an invitation");
    s.go(&format!("{base}/")).await;
    s.tab_to("button.link", 60).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    s.go(&format!("{base}/invite/{token}")).await;
    assert!(s.source().await.contains("Welcome to Rungs, Nell New"));
    no_violations(&s, &t.axe, "/invite").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_of_product_uploads_a_roster_and_a_framework_and_reads_a_large_organization() {
    let Some(t) = tools() else { return };
    let site = Site::with_team().await;
    // The 2,000-person demo with its history, for the organization page.
    let admin = rungs_app::Actor::cli(rungs_store::OrgId(1));
    let fw = rungs_core::framework::builtin();
    let demo = rungs_core::team::demo(
        fw,
        &rungs_core::team::DemoOptions {
            people: 2000,
            seed: 7,
            cycles: 4,
            as_of: rungs_core::Date::today(),
            stage: None,
        },
    );
    let base = serve(&site).await;
    let profile = tempfile::tempdir().expect("a profile directory");
    let files = tempfile::tempdir().expect("a directory for files");
    let driver = Driver::start(&t.chromedriver).await;
    let s = driver.session(&t.chromium, profile.path()).await;
    sign_in(&s, &base, "head@acme.test").await;

    // A roster with one bad row: the line is shown and nothing is saved.
    let before = site
        .state
        .app
        .people()
        .roster_csv(&admin)
        .await
        .expect("the roster");
    let bad = format!("{before}n1,Nia New,,,pm,ic,gpm,,,,,\nn2,Noa New,,,staff-pm,ic,gpm,,,,,\n");
    let bad_file = files.path().join("roster.csv");
    std::fs::write(&bad_file, &bad).expect("write");
    let lines = before.lines().count();
    s.go(&format!("{base}/admin/data")).await;
    no_violations(&s, &t.axe, "/admin/data").await;
    s.tab_to("#roster-file", 40).await;
    s.choose_file("#roster-file", &bad_file).await;
    s.tab_to("form[action='/admin/data/roster'] button", 10)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let refused = s.source().await;
    assert!(
        refused.contains(&format!("roster.csv:{}, column", lines + 2)),
        "{refused}"
    );
    assert!(refused.contains("Nothing was written"));
    no_violations(&s, &t.axe, "a refused roster").await;
    assert_eq!(
        site.state
            .app
            .people()
            .roster_csv(&admin)
            .await
            .expect("the roster"),
        before
    );
    std::fs::write(&bad_file, bad.replace("staff-pm", "senior-pm")).expect("write");
    s.go(&format!("{base}/admin/data")).await;
    s.choose_file("#roster-file", &bad_file).await;
    s.tab_to("form[action='/admin/data/roster'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(s.source().await.contains("2 people created"));

    // Text named as a workbook: read as what it holds, and said so.
    let fake = files.path().join("ladder.xlsx");
    std::fs::write(&fake, "this is not a workbook").expect("write");
    s.go(&format!("{base}/admin/framework")).await;
    s.choose_file("#framework-file", &fake).await;
    s.tab_to("form[action='/admin/framework/upload'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let refused = s.source().await;
    assert!(
        refused.contains("ladder.xlsx is named as an Excel workbook (.xlsx) but holds text"),
        "{refused}"
    );
    no_violations(&s, &t.axe, "a file that is not what its name says").await;

    // A framework with an error: its line and column; then a good one.
    let source = rungs_core::framework::BUILTIN_TOML;
    let broken = source.replacen(
        "min = 70_000, max = 100_000",
        "min = 170_000, max = 100_000",
        1,
    );
    let line = broken
        .lines()
        .position(|l| l.contains("min = 170_000"))
        .expect("the line")
        + 1;
    let fw_file = files.path().join("framework.toml");
    std::fs::write(&fw_file, &broken).expect("write");
    s.go(&format!("{base}/admin/framework")).await;
    no_violations(&s, &t.axe, "/admin/framework").await;
    s.choose_file("#framework-file", &fw_file).await;
    s.tab_to("form[action='/admin/framework/upload'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let refused = s.source().await;
    assert!(
        refused.contains(&format!("Line {line}, column")),
        "{refused}"
    );
    no_violations(&s, &t.axe, "a refused framework").await;
    std::fs::write(
        &fw_file,
        source.replacen(
            "min = 70_000, max = 100_000",
            "min = 72_000, max = 100_000",
            1,
        ),
    )
    .expect("write");
    s.go(&format!("{base}/admin/framework")).await;
    s.choose_file("#framework-file", &fw_file).await;
    s.tab_to("form[action='/admin/framework/upload'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    // A draft: its preview says what it would change, and publishing is a step of its own.
    let preview = s.source().await;
    assert!(preview.contains("is saved as a draft"), "{preview}");
    assert!(preview.contains("Everyone on the roster has a level in version 2"));
    no_violations(&s, &t.axe, "a version's preview").await;
    press(
        &s,
        "form[action='/admin/framework/versions/2/publish'] button",
    )
    .await;
    assert!(s.source().await.contains("Version 2 is now in use"));
    s.go(&format!("{base}/admin/framework/diff?a=1&b=2")).await;
    assert!(s.source().await.contains("72000"));
    no_violations(&s, &t.axe, "the versions side by side").await;
    s.go(&format!("{base}/admin/framework/edit?part=pay")).await;
    no_violations(&s, &t.axe, "editing pay bands").await;

    // A spreadsheet: a matrix with an empty cell refused at its sheet, row and column; then the
    // version in use as a workbook, sent back.
    let header =
        "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CPO";
    let matrix = files.path().join("matrix.csv");
    std::fs::write(
        &matrix,
        format!("{header}\nCraft,Discovery,,B,C,D,E,F,G,H\n"),
    )
    .expect("write");
    s.go(&format!("{base}/admin/framework")).await;
    s.choose_file("#framework-file", &matrix).await;
    s.tab_to("form[action='/admin/framework/upload'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let refused = s.source().await;
    assert!(
        refused.contains("Sheet Matrix, row 2, column C (APM)"),
        "{refused}"
    );
    no_violations(&s, &t.axe, "a refused spreadsheet").await;
    let (_, workbook) = site
        .state
        .app
        .frameworks()
        .framework_xlsx(&admin, None)
        .await
        .expect("the version in use as a workbook");
    let xlsx = files.path().join("ladder.xlsx");
    std::fs::write(&xlsx, workbook).expect("write");
    s.go(&format!("{base}/admin/framework")).await;
    s.choose_file("#framework-file", &xlsx).await;
    s.tab_to("form[action='/admin/framework/upload'] button", 60)
        .await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(s.source().await.contains("Version 3 is saved as a draft"));
    press(
        &s,
        "form[action='/admin/framework/versions/3/publish'] button",
    )
    .await;
    assert!(s.source().await.contains("Version 3 is now in use"));

    // The organization page on the 2,000-person demo.
    site.state
        .app
        .people()
        .import_roster(&admin, "roster.csv", demo.roster_csv.into_bytes(), &|_| {})
        .await
        .expect("the demo roster");
    site.state
        .app
        .reports()
        .import_assessments(
            &admin,
            rungs_app::HistorySource {
                files: vec![("history.csv".into(), demo.history_csv.into_bytes())],
            },
            &|_| {},
        )
        .await
        .expect("the demo history");
    s.go(&format!("{base}/org")).await;
    let org = s.source().await;
    assert!(org.contains("The organization's health"), "{org}");
    assert!(
        org.contains("Assessors, by name"),
        "a large group shows calibration"
    );
    no_violations(&s, &t.axe, "/org on the 2,000-person demo").await;
    s.go(&format!("{base}/team?sort=ready")).await;
    no_violations(&s, &t.axe, "/team on the 2,000-person demo").await;
    s.close().await;
}

/// Rates every competency on a record page with the keyboard: Tab to each select and type the
/// start of the level's name, as a person does.
async fn rate_all(s: &Session, level_name: &str) {
    s.tab_to("select[name^='r-']", 120).await;
    let n = rungs_core::framework::builtin().competencies().count();
    for i in 0..n {
        s.keys(level_name).await;
        if i + 1 < n {
            s.keys(TAB).await;
        }
    }
    let wrong = s
        .run(&format!(
            "return [...document.querySelectorAll(\"select[name^='r-']\")].filter(e => e.selectedOptions[0].text !== {level_name:?}).length;"
        ))
        .await;
    assert_eq!(wrong, Value::from(0), "every select reads {level_name}");
}

/// Tabs to a button by its text and presses Enter, then waits for the next page.
async fn press(s: &Session, selector: &str) {
    s.tab_to(selector, 200).await;
    s.keys(ENTER).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
}

/// Ticks "move on anyway" with the space bar and moves the cycle on.
async fn confirm_and_move(s: &Session) {
    s.tab_to("#confirm", 200).await;
    s.keys(" ").await;
    press(s, "form[action='/cycles/1/stage'] button").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_cycle_runs_in_the_browser_with_the_keyboard_alone() {
    let Some(t) = tools() else { return };
    let site = Site::with_team().await;
    let base = serve(&site).await;
    let cli = rungs_app::Actor::cli(rungs_store::OrgId(1));
    site.state
        .app
        .cycles()
        .create_cycle(
            &cli,
            rungs_app::CycleInput {
                name: "H2 2026 review".into(),
                self_assessment_due: Some("2026-12-10".into()),
                ..rungs_app::CycleInput::default()
            },
        )
        .await
        .expect("a cycle");
    let driver = Driver::start(&t.chromedriver).await;
    let (p1, p2, p3) = (
        tempfile::tempdir().expect("a profile"),
        tempfile::tempdir().expect("a profile"),
        tempfile::tempdir().expect("a profile"),
    );
    let zoe = driver.session(&t.chromium, p1.path()).await;
    let gil = driver.session(&t.chromium, p2.path()).await;
    let hana = driver.session(&t.chromium, p3.path()).await;
    sign_in(&zoe, &base, "zoe@acme.test").await;
    sign_in(&gil, &base, "gil@acme.test").await;
    sign_in(&hana, &base, "head@acme.test").await;

    // Zoë follows her to-do from the start page and submits her self-assessment.
    assert!(
        zoe.source()
            .await
            .contains("Write and submit your self-assessment")
    );
    no_violations(&zoe, &t.axe, "the start page with a to-do").await;
    press(&zoe, "#todo + ul a").await;
    assert_eq!(zoe.url().await, format!("{base}/cycles/1"));
    no_violations(&zoe, &t.axe, "/cycles/1 for a member").await;
    press(&zoe, "a.button[href='/cycles/1/people/spm']").await;
    no_violations(&zoe, &t.axe, "the self-assessment form").await;
    rate_all(&zoe, "Senior PM").await;
    press(&zoe, "button[value=review]").await;
    assert!(zoe.source().await.contains("Check before you submit"));
    no_violations(&zoe, &t.axe, "the check before submitting").await;
    press(&zoe, "button[value=submit]").await;
    let page = zoe.source().await;
    assert!(page.contains("Submitted."), "{page}");
    assert!(page.contains("Self-assessment submitted"));
    no_violations(&zoe, &t.axe, "a submitted record").await;

    // "Assess myself" leads to the review's record while the review runs.
    zoe.go(&format!("{base}/assess")).await;
    assert!(
        zoe.source()
            .await
            .contains("Your self-assessment is part of the review")
    );
    no_violations(&zoe, &t.axe, "/assess during a review").await;

    // The head of product hands Pat's record to herself, with a reason, keyboard only.
    hana.go(&format!("{base}/cycles/1/people/pm1")).await;
    assert!(
        hana.source()
            .await
            .contains("the manager when the review started")
    );
    hana.tab_to("#hand-reason", 200).await;
    hana.keys("Pat now reports to Hana").await;
    press(&hana, "form[action$='/hand-over'] button").await;
    let page = hana.source().await;
    assert!(page.contains("Handed to Hana Head"), "{page}");
    assert!(page.contains("Why: Pat now reports to Hana"));
    no_violations(&hana, &t.axe, "a handed-over record").await;

    // The head of product moves the review on.
    hana.go(&format!("{base}/cycles/1")).await;
    no_violations(&hana, &t.axe, "/cycles/1 for an admin").await;
    assert!(
        hana.source()
            .await
            .contains("3 of 4 self-assessments are not submitted")
    );
    confirm_and_move(&hana).await;
    assert!(hana.source().await.contains("now at Manager assessment"));

    // Gil rates Zoë, her self-ratings beside his.
    gil.go(&format!("{base}/cycles/1/people/spm")).await;
    assert!(gil.source().await.contains("Their self-rating"));
    no_violations(&gil, &t.axe, "rating in a cycle").await;
    rate_all(&gil, "Principal PM").await;
    press(&gil, "button[value=review]").await;
    press(&gil, "button[value=submit]").await;
    assert!(gil.source().await.contains("Submitted."));

    // Calibration: the head of product changes one rating, with the reason, then shares.
    hana.go(&format!("{base}/cycles/1")).await;
    confirm_and_move(&hana).await;
    hana.go(&format!("{base}/cycles/1/calibration")).await;
    no_violations(&hana, &t.axe, "/cycles/1/calibration").await;
    hana.go(&format!("{base}/cycles/1/people/spm")).await;
    hana.tab_to("#calibrate-competency", 200).await;
    hana.keys("Roadmap").await;
    hana.keys(TAB).await;
    hana.keys("Senior PM").await;
    hana.keys(TAB).await;
    hana.keys("Roadmaps were shared work").await;
    press(&hana, "form[action$='/calibrate'] button").await;
    let page = hana.source().await;
    assert!(page.contains("Why: Roadmaps were shared work"), "{page}");
    no_violations(&hana, &t.axe, "a calibrated record").await;
    hana.go(&format!("{base}/cycles/1")).await;
    confirm_and_move(&hana).await;
    assert!(hana.source().await.contains("now at Results shared"));

    // Zoë sees the result.
    zoe.go(&format!("{base}/cycles/1/people/spm")).await;
    let page = zoe.source().await;
    assert!(page.contains("results shared"), "{page}");
    assert!(page.contains("Principal PM"));
    assert!(page.contains("Why: Roadmaps were shared work"));
    no_violations(&zoe, &t.axe, "a shared result").await;
    for s in [&zoe, &gil, &hana] {
        s.close().await;
    }
}
