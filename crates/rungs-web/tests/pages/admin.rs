//! A head of product's administration pages: uploads that are all or nothing with every bad row
//! named, downloads that spreadsheets cannot run, accounts, tokens and the audit log; and none
//! of it for anyone else.

use axum::http::StatusCode;
use rungs_core::PersonId;
use scraper::Selector;

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
    // Large uploads show their progress where script runs (the form posts as usual without).
    let data = hana.get("/admin/data").await;
    assert!(
        data.body
            .contains("<script src=\"/static/upload.js\" defer></script>")
    );
    assert_eq!(
        data.html()
            .select(&scraper::Selector::parse("form[data-progress] progress").expect("a selector"))
            .count(),
        2
    );
    let js = hana.get("/static/upload.js").await;
    assert!(
        js.headers["content-type"]
            .to_str()
            .expect("text")
            .starts_with("text/javascript")
    );
    assert!(js.body.contains("upload.onprogress"));
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
    let before = site
        .state
        .app
        .people()
        .roster_csv(&cli())
        .await
        .expect("the roster");
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
        site.state
            .app
            .people()
            .roster_csv(&cli())
            .await
            .expect("the roster"),
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
                ("way", "password"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.texts("#email-error").len(), 1, "{}", bad.body);
    // What was typed is kept, the password is not.
    assert!(bad.body.contains("value=\"Mo Manager\""));
    let users = site
        .state
        .app
        .accounts()
        .users(&cli())
        .await
        .expect("users")
        .len();
    let ok = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", "Mo Manager"),
                ("email", "mo@acme.test"),
                ("role", "manager"),
                ("person", "gpm"),
                ("way", "password"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let all = site
        .state
        .app
        .accounts()
        .users(&cli())
        .await
        .expect("users");
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
        .accounts()
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

#[tokio::test]
async fn people_are_added_and_changed_one_at_a_time_with_the_rosters_checks() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let form = hana.get("/admin/people/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_landmarks("/admin/people/new", &form);
    let csrf = form.csrf();
    let bad = hana
        .post(
            "/admin/people/new",
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("id", "p-9"),
                ("name", "Ivy New"),
                ("level", "staff-pm"),
                ("manager", "nobody"),
                ("pay", "lots"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    for field in ["level", "manager", "pay"] {
        assert_eq!(
            bad.texts(&format!("#{field}-error")).len(),
            1,
            "{field}: {}",
            bad.body
        );
    }
    assert!(
        bad.body.contains("value=\"Ivy New\""),
        "what was typed is kept"
    );
    assert!(
        site.state
            .app
            .people()
            .person(&cli(), &PersonId::from("p-9"))
            .await
            .is_err(),
        "nothing saved"
    );
    let ok = hana
        .post(
            "/admin/people/new",
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("id", "p-9"),
                ("name", "Ivy New"),
                ("level", "pm"),
                ("track", "ic"),
                ("manager", "gpm"),
                ("pay", "$125K"),
                ("stage", "large"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/people/p-9"), "{}", ok.body);
    let ivy = site
        .state
        .app
        .people()
        .person(&cli(), &PersonId::from("p-9"))
        .await
        .expect("Ivy");
    assert_eq!(ivy.fields.pay, Some(125_000));
    // Gil reporting to Zoë, who reports to Gil, would close a circle: refused, named.
    let gil = site
        .state
        .app
        .people()
        .person(&cli(), &PersonId::from("gpm"))
        .await
        .expect("Gil");
    let edit = hana.get("/people/gpm/edit").await;
    assert_eq!(edit.status, StatusCode::OK);
    let version = gil.version.to_string();
    let circle = hana
        .post(
            "/people/gpm/edit",
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "Gil Group"),
                ("level", "group-pm"),
                ("track", "manager"),
                ("manager", "spm"),
            ],
        )
        .await;
    assert_eq!(
        circle.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        circle.body
    );
    let said = circle.texts("#manager-error");
    assert_eq!(said.len(), 1, "{}", circle.body);
    assert!(
        said[0].contains("gpm") && said[0].contains("spm"),
        "{said:?}"
    );
    assert_eq!(
        site.state
            .app
            .people()
            .person(&cli(), &PersonId::from("gpm"))
            .await
            .expect("Gil")
            .fields
            .manager
            .as_deref(),
        Some("head")
    );
    // A change made from a stale page is refused, not written over someone else's.
    let renamed = hana
        .post(
            "/people/gpm/edit",
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "Gil Grouper"),
                ("level", "group-pm"),
                ("track", "manager"),
                ("manager", "head"),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let stale = hana
        .post(
            "/people/gpm/edit",
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "Gil Again"),
                ("level", "group-pm"),
                ("track", "manager"),
                ("manager", "head"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    // Only an admin changes records.
    let mut g = site.client();
    g.sign_in("gil@acme.test").await;
    assert_eq!(
        g.get("/people/spm/edit").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        g.get("/admin/people/new").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_one_time_link_opens_an_account_once_and_a_disabled_account_is_shut() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/users").await.csrf();
    let made = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", "Lin Link"),
                ("email", "lin@acme.test"),
                ("role", "member"),
                ("person", "pm1"),
                ("way", "link"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let url = made.texts("code.link-text")[0].clone();
    let path = url
        .split_once("/invite/")
        .map(|(_, t)| format!("/invite/{t}"))
        .expect("a link");
    // No password opens the account before the link is used.
    let mut lin = site.client();
    let early = lin.sign_in("lin@acme.test").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let open = lin.get(&path).await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.body);
    assert_landmarks(&path, &open);
    assert_eq!(open.texts("h1"), ["Welcome to Rungs, Lin Link"]);
    let lin_csrf = open.csrf();
    let short = lin
        .post(
            &path,
            &[
                ("csrf", &lin_csrf),
                ("password", "short"),
                ("again", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short.texts("#password-error").len(), 1, "{}", short.body);
    let differ = lin
        .post(
            &path,
            &[
                ("csrf", &lin_csrf),
                ("password", "a long enough passphrase"),
                ("again", "another one entirely"),
            ],
        )
        .await;
    assert_eq!(differ.texts("#again-error").len(), 1, "{}", differ.body);
    let opened = lin
        .post(
            &path,
            &[
                ("csrf", &lin_csrf),
                ("password", "a long enough passphrase"),
                ("again", "a long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(opened.location.as_deref(), Some("/"), "{}", opened.body);
    assert_eq!(lin.get("/").await.status, StatusCode::OK, "signed in");
    // Once used, the link is gone.
    let mut again = site.client();
    assert_eq!(again.get(&path).await.status, StatusCode::NOT_FOUND);
    // Disabled: the session ends and the password no longer opens the account.
    let lin_user = site
        .state
        .app
        .accounts()
        .users(&cli())
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.email == "lin@acme.test")
        .expect("Lin");
    let off = hana
        .post(
            &format!("/admin/users/{}/access", lin_user.id.0),
            &[("csrf", &csrf), ("do", "disable")],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert_eq!(
        lin.get("/me/assessments").await.status,
        StatusCode::SEE_OTHER,
        "sent to sign in"
    );
    let mut later = site.client();
    let later_csrf = later.get("/sign-in").await.csrf();
    let refused = later
        .post(
            "/sign-in",
            &[
                ("csrf", &later_csrf),
                ("email", "lin@acme.test"),
                ("password", "a long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // An admin cannot shut themselves out.
    let hana_user = site
        .state
        .app
        .accounts()
        .users(&cli())
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.email == "head@acme.test")
        .expect("Hana");
    let own = hana
        .post(
            &format!("/admin/users/{}/access", hana_user.id.0),
            &[("csrf", &csrf), ("do", "disable")],
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_empty_or_taken_address_is_refused_beside_its_field_with_the_form_kept() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/users").await.csrf();
    // An empty invitation: each field says what it needs, nothing about "leave it empty".
    let empty = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", ""),
                ("email", ""),
                ("role", "member"),
                ("way", "link"),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let email = empty.texts("#email-error").join(" ");
    assert!(email.contains("needs the email address"), "{email}");
    assert!(!email.contains("leave it empty"), "{email}");
    assert!(
        !empty.texts("#name-error").is_empty(),
        "the name too, in the same answer"
    );
    // An address that has an account, typed in another case: said as typed, the form kept.
    let taken = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("name", "Zoë Again"),
                ("email", "Zoe@Acme.test"),
                ("role", "member"),
                ("way", "link"),
            ],
        )
        .await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a dead end"
    );
    let email = taken.texts("#email-error").join(" ");
    assert!(
        email.contains("Zoe@Acme.test already has an account in this organization"),
        "{email}"
    );
    let kept = Selector::parse("input[name=name]").expect("a selector");
    assert_eq!(
        taken
            .html()
            .select(&kept)
            .next()
            .and_then(|e| e.value().attr("value")),
        Some("Zoë Again")
    );
    assert!(taken.body.contains("Sign out"));
}
