//! A head of product's administration pages: uploads that are all or nothing with every bad row
//! named, downloads that spreadsheets cannot run, accounts, tokens and the audit log; and none
//! of it for anyone else.

use axum::http::StatusCode;

use crate::assert_landmarks;
use crate::support::{Client, Site};

fn cli() -> rungs_app::Actor {
    rungs_app::Actor::cli(rungs_store::OrgId(1))
}

async fn upload(client: &mut Client<'_>, uri: &str, csrf: &str, csv: &str) -> crate::support::Page {
    let boundary = "rungs-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    client.multipart(uri, boundary, body).await
}

#[tokio::test]
async fn admin_pages_are_for_admins_alone() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    for uri in [
        "/admin/data",
        "/admin/users",
        "/admin/tokens",
        "/admin/audit",
    ] {
        let page = hana.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
        assert_landmarks(uri, &page);
        assert_eq!(gil.get(uri).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    for uri in ["/admin/data/roster.csv", "/admin/data/history.csv"] {
        assert_eq!(hana.get(uri).await.status, StatusCode::OK, "{uri}");
        assert_eq!(gil.get(uri).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    // The report is the caller's: the whole organization's for an admin, a manager's people's.
    let whole = hana.get("/admin/data/report.json").await;
    let part = gil.get("/admin/data/report.json").await;
    let people = |p: &crate::support::Page| {
        serde_json::from_str::<serde_json::Value>(&p.body).expect("JSON")["people"].clone()
    };
    assert_eq!((people(&whole), people(&part)), (4.into(), 3.into()));
}

#[tokio::test]
async fn a_roster_with_a_bad_row_writes_nothing_and_names_the_place() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/data").await.csrf();
    let before = site.state.app.roster_csv(&cli()).await.expect("the roster");
    // The whole roster again, with two new people under Gil; one at a level that is none.
    let header: Vec<&str> = before
        .lines()
        .next()
        .expect("a header")
        .split(',')
        .collect();
    let row = |id: &str, name: &str, level: &str| {
        header
            .iter()
            .map(|c| match *c {
                "id" => id,
                "name" => name,
                "level" => level,
                "manager" => "gpm",
                _ => "",
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let lines = before.lines().count();
    let bad = format!(
        "{before}{}\n{}\n",
        row("n1", "Nia New", "pm"),
        row("n2", "Noa New", "staff-pm")
    );
    let refused = upload(&mut hana, "/admin/data/roster", &csrf, &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let problems = refused.texts(".error-summary li");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("roster.csv:{}, column", lines + 2)),
        "{problems:?}"
    );
    assert!(
        problems[0].contains("(level): unknown level `staff-pm`"),
        "{problems:?}"
    );
    assert!(refused.body.contains("Nothing was written"));
    assert_eq!(
        site.state.app.roster_csv(&cli()).await.expect("the roster"),
        before
    );
    // Fixed, it goes in whole.
    let good = bad
        .replace("staff-pm", "senior-pm")
        .replace("Noa New", "=cmd|' /C calc'!A0");
    let done = upload(&mut hana, "/admin/data/roster", &csrf, &good).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let back = hana
        .get(done.location.as_deref().expect("a redirect"))
        .await;
    assert!(back.body.contains("2 people created"), "{}", back.body);
    // The download cannot run as a formula in a spreadsheet.
    let csv = hana.get("/admin/data/roster.csv").await;
    assert!(csv.body.contains("'=cmd|"), "{}", csv.body);
    assert!(!csv.body.contains(",=cmd|"), "{}", csv.body);
    // A forged upload is refused.
    let forged = upload(&mut hana, "/admin/data/roster", "nope", &good).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // The audit log shows the import, filterable.
    let audit = hana.get("/admin/audit?q=roster").await;
    assert!(!audit.texts("tbody tr").is_empty(), "{}", audit.body);
    assert!(
        audit
            .texts("tbody td:nth-child(3)")
            .iter()
            .all(|a| a.contains("roster")),
        "{:?}",
        audit.texts("tbody td:nth-child(3)")
    );
}

#[tokio::test]
async fn users_are_added_with_the_loaders_checks_and_changed_in_place() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/users").await.csrf();
    let bad = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", "Mo Manager"),
                ("email", "not-an-address"),
                ("role", "manager"),
                ("person", "nobody"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.texts("#email-error").len(), 1, "{}", bad.body);
    // What was typed is kept, the password is not.
    assert!(bad.body.contains("value=\"Mo Manager\""));
    let users = site.state.app.users(&cli()).await.expect("users").len();
    let ok = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", "Mo Manager"),
                ("email", "mo@acme.test"),
                ("role", "manager"),
                ("person", "gpm"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let all = site.state.app.users(&cli()).await.expect("users");
    assert_eq!(all.len(), users + 1);
    let mo = all.iter().find(|u| u.email == "mo@acme.test").expect("Mo");
    // A role changed in place.
    let changed = hana
        .post(
            &format!("/admin/users/{}", mo.id.0),
            &[
                ("csrf", &csrf),
                ("version", &mo.version.to_string()),
                ("role", "member"),
                ("person", "gpm"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let mo = site
        .state
        .app
        .users(&cli())
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.email == "mo@acme.test")
        .expect("Mo");
    assert_eq!(mo.role, rungs_store::Role::Member);
    // The new user can sign in.
    let mut client = site.client();
    let signed = client.sign_in("mo@acme.test").await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
}
