//! The web application's pages, rendered in-process and read with an HTML parser: status,
//! landmarks, labels, escaping, forms that post and redirect, errors beside their fields.

mod admin;
mod calibration;
mod cycles;
mod figures;
mod framework;
mod hardening;
mod managers;
mod named;
mod org_pay;
mod support;

use axum::http::StatusCode;
use rungs_core::{AssessmentId, PersonId, VersionId};
use scraper::Selector;
use support::{PASSWORD, Page, Site, TRICKY};

/// Every page a product manager uses, with what its first heading says.
const PAGES: [&str; 20] = [
    "/",
    "/ladder",
    "/ladder?stage=startup",
    "/levels/senior-pm",
    "/levels/Staff%20PM",
    "/compare?from=pm&to=senior-pm",
    "/compare?from=director&to=vp",
    "/pay?level=pm&amount=150000",
    "/explore",
    "/explore?what=apm-programs",
    "/path",
    "/path?to=director&stage=large",
    "/track",
    "/titles",
    "/assess",
    "/me/assessments",
    "/me/gap",
    "/me/gap?to=principal-pm",
    "/me/plan?to=principal-pm",
    "/account/password",
];

fn assert_landmarks(uri: &str, page: &Page) {
    let html = page.html();
    let one = |sel: &str| {
        html.select(&Selector::parse(sel).expect("a selector"))
            .count()
    };
    assert_eq!(one("main#main"), 1, "{uri}: one main");
    assert_eq!(one("h1"), 1, "{uri}: one h1");
    assert!(
        one("nav[aria-label=Main]") == 1,
        "{uri}: the main navigation"
    );
    assert_eq!(one("a.skip[href='#main']"), 1, "{uri}: a skip link");
    assert!(one("html[lang=en]") == 1, "{uri}: a language");
    // Every control has a label.
    let controls =
        Selector::parse("input:not([type=hidden]), select, textarea").expect("a selector");
    for c in html.select(&controls) {
        let id = c
            .value()
            .attr("id")
            .unwrap_or_else(|| panic!("{uri}: a control without an id"));
        let label = Selector::parse(&format!("label[for='{id}']")).expect("a selector");
        assert!(
            html.select(&label).next().is_some(),
            "{uri}: no label for #{id}"
        );
    }
    // Every chart is an image with a title, a description and a table of its figures.
    let svgs = Selector::parse("figure svg").expect("a selector");
    for svg in html.select(&svgs) {
        assert_eq!(svg.value().attr("role"), Some("img"), "{uri}");
        assert!(svg.value().attr("aria-labelledby").is_some(), "{uri}");
    }
    let figures = Selector::parse("figure").expect("a selector");
    let tables = Selector::parse("details table").expect("a selector");
    for figure in html.select(&figures) {
        assert!(
            figure.select(&tables).next().is_some(),
            "{uri}: a table for every chart"
        );
    }
}

#[tokio::test]
async fn every_page_renders_with_its_landmarks_and_escapes_what_people_typed() {
    let site = Site::with_team().await;
    let mut zoe = site.client();
    let signed = zoe.sign_in("zoe@acme.test").await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    for uri in PAGES {
        let page = zoe.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
        assert_landmarks(uri, &page);
        assert!(
            !page.body.contains("<script"),
            "{uri}: no script, and names escaped"
        );
        let csp = page
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{uri}"
        );
    }
    // The tricky name is shown, escaped, on the pages that name her.
    let home = zoe.get("/").await;
    assert!(
        home.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        home.body
    );
    assert_eq!(home.texts("h1")[0], format!("{TRICKY}, Senior PM"));
    // Where she stands: the level held beside the level shown, readiness for both branches.
    assert!(home.body.contains("Holds Senior PM"), "{}", home.body);
    let readiness = home.texts("ul.cards li.card h3[data-tier]");
    assert_eq!(
        readiness.len(),
        2,
        "both branches of the split: {readiness:?}"
    );
    // The packet is a print-ready document of its own.
    let packet = zoe.get("/me/packet?to=principal-pm").await;
    assert_eq!(packet.status, StatusCode::OK);
    assert!(
        packet
            .body
            .contains("<link rel=\"stylesheet\" href=\"/static/print.css\">")
    );
    assert!(
        packet.texts("h1")[0].starts_with("Promotion case: Zoë"),
        "{:?}",
        packet.texts("h1")
    );
    assert!(!packet.body.contains("<script"));
    // At the split the plan needs a target: the page offers both branches.
    let plan = zoe.get("/me/plan").await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(
        plan.texts("main li a"),
        ["My plan for Principal PM", "My plan for Group PM"]
    );
    assert!(
        plan.body.contains("where the ladder splits"),
        "{}",
        plan.body
    );
}

#[tokio::test]
async fn a_visitor_is_sent_to_sign_in_and_comes_back() {
    let site = Site::with_team().await;
    let mut v = site.client();
    let page = v.get("/ladder").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/sign-in?next=%2Fladder"));
    let form = v.get("/sign-in?next=%2Fladder").await;
    let csrf = form.csrf();
    // A wrong password is said beside the field, and nothing else happens.
    let wrong = v
        .post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("next", "/ladder"),
                ("email", "pat@acme.test"),
                ("password", "nope"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts(".error-summary li"),
        ["The email address or the password is not right"]
    );
    assert_eq!(
        wrong.texts("#email-error"),
        ["Error: The email address or the password is not right"]
    );
    // A form sent without its token is refused.
    let forged = v
        .post(
            "/sign-in",
            &[
                ("next", "/ladder"),
                ("email", "pat@acme.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let ok = v
        .post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("next", "/ladder"),
                ("email", "pat@acme.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/ladder"))
    );
    // Another host is never where signing in leads.
    let csrf = v.get("/account/password").await.csrf();
    let out = v.post("/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.location.as_deref(), Some("/sign-in"));
    let form = v.get("/sign-in").await;
    let away = v
        .post(
            "/sign-in",
            &[
                ("csrf", &form.csrf()),
                ("next", "//evil.test/"),
                ("email", "pat@acme.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(away.location.as_deref(), Some("/"));
    // Pages that lead nowhere answer as pages; the API's as problems.
    let missing = v.get("/nowhere").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.texts("h1"), ["Not found"]);
    let api = v.get("/api/v1/nowhere").await;
    assert!(api.body.starts_with('{'), "{}", api.body);
}

#[tokio::test]
async fn an_empty_server_is_set_up_in_the_browser() {
    let site = Site::empty().await;
    let code = site
        .state
        .app
        .accounts()
        .setup_code()
        .await
        .expect("a code")
        .expect("one code");
    let mut v = site.client();
    let home = v.get("/").await;
    assert_eq!(home.location.as_deref(), Some("/setup"));
    let form = v.get("/setup").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.csrf();
    let fields = |code: &'static str, password: &'static str| {
        vec![
            ("code", code),
            ("organization", "Acme"),
            ("name", "Ada"),
            ("email", "ada@acme.test"),
            ("password", password),
        ]
    };
    let mut bad = fields("wrong", "short");
    bad.push(("csrf", &csrf));
    let refused = v.post("/setup", &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        !refused.texts(".field-error").is_empty(),
        "{}",
        refused.body
    );
    assert!(
        !site
            .state
            .app
            .accounts()
            .is_set_up()
            .await
            .expect("a store"),
        "nothing saved"
    );
    let code: &'static str = Box::leak(code.into_boxed_str());
    let mut good = fields(code, PASSWORD);
    good.push(("csrf", &csrf));
    let done = v.post("/setup", &good).await;
    assert_eq!(
        (done.status, done.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/")),
        "{}",
        done.body
    );
    let home = v.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("not linked to anyone on the roster"),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn a_password_is_changed_with_the_current_one_and_typed_twice() {
    let site = Site::with_team().await;
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;
    let csrf = pat.get("/account/password").await.csrf();
    let wrong = pat
        .post(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", "nope"),
                ("new", "a new passphrase"),
                ("again", "a new passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts("#current-error"),
        ["Error: that is not your current password: type the password you signed in with"]
    );
    let differ = pat
        .post(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", "a new passphrase"),
                ("again", "another"),
            ],
        )
        .await;
    assert_eq!(differ.texts("#again-error").len(), 1);
    let ok = pat
        .post(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", "a new passphrase"),
                ("again", "a new passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/account/password?done=1"));
    // Still signed in here; the old password no longer works.
    assert_eq!(pat.get("/").await.status, StatusCode::OK);
    let mut other = site.client();
    assert_eq!(
        other.sign_in("pat@acme.test").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// Picks the level held for every competency of a wizard step's form.
fn answers(page: &Page, level: &str) -> Vec<(String, String)> {
    let html = page.html();
    let radios = Selector::parse("input[type=radio]").expect("a selector");
    let mut names: Vec<String> = html
        .select(&radios)
        .filter_map(|e| e.value().attr("name").map(str::to_owned))
        .filter(|n| n.starts_with("rating-"))
        .collect();
    names.dedup();
    names.into_iter().map(|n| (n, level.to_owned())).collect()
}

#[tokio::test]
async fn the_wizard_saves_the_same_record_the_api_stores_and_keeps_a_draft() {
    let site = Site::with_team().await;
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;
    let first = pat.get("/assess").await;
    assert_eq!(first.status, StatusCode::OK);
    // The level held comes from the roster.
    assert!(
        first.body.contains("<option value=\"pm\" selected>"),
        "{}",
        first.body
    );
    let csrf = first.csrf();
    let step0 = pat
        .post(
            "/assess",
            &[
                ("csrf", &csrf),
                ("step", "0"),
                ("go", "next"),
                ("level", "pm"),
                ("track", "ic"),
            ],
        )
        .await;
    assert_eq!(step0.location.as_deref(), Some("/assess?step=1"));
    // An area with a competency left unanswered is refused beside it; nothing is saved.
    let area = pat.get("/assess?step=1").await;
    assert!(area.body.contains("(the level you hold)"), "{}", area.body);
    assert!(
        !area.body.contains(" checked"),
        "nothing is chosen for the person"
    );
    let mut partial: Vec<(String, String)> = answers(&area, "pm");
    partial.pop();
    let mut fields: Vec<(&str, &str)> = partial
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    fields.extend([("csrf", csrf.as_str()), ("step", "1"), ("go", "next")]);
    let refused = pat.post("/assess", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts(".error-summary li").len(),
        1,
        "{}",
        refused.body
    );
    assert!(refused.texts(".error-summary li")[0].starts_with("Choose a level for "));
    assert_eq!(
        site.state
            .app
            .assessments()
            .assessments_of(
                &rungs_app::Actor::cli(rungs_store::OrgId(1)),
                &PersonId::from("pm1")
            )
            .await
            .expect("a list")
            .len(),
        0
    );
    // What was answered is kept, even in another session.
    let mut again = site.client();
    again.sign_in("pat@acme.test").await;
    let kept = again.get("/assess?step=1").await;
    assert!(
        kept.body.contains(" checked"),
        "the draft is kept between visits"
    );
    // Every area, the milestones, then the review with what the ratings show.
    let areas = rungs_core::framework::builtin().areas().len();
    for step in 1..=areas {
        let page = pat.get(&format!("/assess?step={step}")).await;
        let a = answers(&page, "pm");
        let step_text = step.to_string();
        let mut fields: Vec<(&str, &str)> =
            a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fields.extend([
            ("csrf", csrf.as_str()),
            ("step", step_text.as_str()),
            ("go", "next"),
            ("evidence-technical-knowledge", "Ran the API migration"),
        ]);
        let next = pat.post("/assess", &fields).await;
        assert_eq!(
            next.status,
            StatusCode::SEE_OTHER,
            "step {step}: {}",
            next.body
        );
    }
    let milestones = pat.get(&format!("/assess?step={}", areas + 1)).await;
    assert!(
        milestones.body.contains("In the source"),
        "milestones as criteria with the quote"
    );
    let step = (areas + 1).to_string();
    pat.post(
        "/assess",
        &[
            ("csrf", &csrf),
            ("step", &step),
            ("go", "next"),
            ("met-masters-day-to-day", "yes"),
            ("met-evidence-masters-day-to-day", "Ran two launches alone"),
        ],
    )
    .await;
    let review = pat.get(&format!("/assess?step={}", areas + 2)).await;
    assert!(
        review.body.contains("What these ratings show"),
        "{}",
        review.body
    );
    assert!(
        review.body.contains("Holds PM, and the ratings show PM."),
        "{}",
        review.body
    );
    let step = (areas + 2).to_string();
    let saved = pat
        .post(
            "/assess",
            &[("csrf", &csrf), ("step", &step), ("go", "save")],
        )
        .await;
    let location = saved.location.clone().unwrap_or_default();
    assert!(location.starts_with("/assess?saved="), "{}", saved.body);
    let id: i64 = location
        .trim_start_matches("/assess?saved=")
        .parse()
        .expect("an id");
    // The record is the one the API gives.
    let actor = rungs_app::Actor::cli(rungs_store::OrgId(1));
    let stored = site
        .state
        .app
        .assessments()
        .assessment(&actor, AssessmentId(id))
        .await
        .expect("stored");
    assert_eq!(stored.person, "pm1");
    assert_eq!(stored.assessment.assessor.name, "Pat One");
    let json = serde_json::to_value(&stored.assessment).expect("JSON");
    assert_eq!(
        json["ratings"]["technical-knowledge"]["evidence"],
        "Ran the API migration"
    );
    assert_eq!(json["milestones"][0]["id"], "masters-day-to-day");
    // The draft is gone: the wizard starts again from the roster.
    assert!(
        site.state
            .app
            .accounts()
            .draft(&pat_actor(&site).await, "self-assessment")
            .await
            .expect("read")
            .is_none()
    );
    let home = pat.get("/").await;
    assert!(
        home.body.contains("Holds PM, and the ratings show PM."),
        "{}",
        home.body
    );
}

async fn pat_actor(site: &Site) -> rungs_app::Actor {
    let users = site
        .state
        .app
        .accounts()
        .users(&rungs_app::Actor::cli(rungs_store::OrgId(1)))
        .await
        .expect("users");
    let pat = users
        .into_iter()
        .find(|u| u.email == "pat@acme.test")
        .expect("pat");
    rungs_app::Actor::user(pat)
}

#[tokio::test]
async fn titles_are_levelled_from_a_pasted_list_or_a_csv_file() {
    let site = Site::with_team().await;
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;
    let csrf = pat.get("/titles").await.csrf();
    let page = pat
        .post(
            "/titles",
            &[
                ("csrf", &csrf),
                (
                    "titles",
                    "Sr PM, Payments\nHead of Product\n<b>Program Manager</b>",
                ),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let cells = page.texts("tbody tr td:nth-child(2)");
    assert_eq!(cells[0], "Senior PM");
    assert!(cells[1].starts_with("ambiguous"), "{cells:?}");
    assert!(page.body.contains("&lt;b&gt;Program Manager&lt;/b&gt;"));
    let empty = pat
        .post("/titles", &[("csrf", &csrf), ("titles", "  \n ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.texts("#titles-error"),
        ["Error: Paste at least one title"]
    );
    // A CSV file, as a browser sends it.
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"column\"\r\n\r\njob\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\nContent-Type: text/csv\r\n\r\nid,job\n1,Group PM\n2,Principal PM Manager\n\r\n--{boundary}--\r\n"
    );
    let page = pat.multipart("/titles/csv", boundary, body.clone()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.texts("tbody tr td:nth-child(2)"),
        ["Group PM", "Group PM"]
    );
    let bad = pat
        .multipart(
            "/titles/csv",
            boundary,
            body.replace("name=\"column\"\r\n\r\njob", "name=\"column\"\r\n\r\njbo"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.texts("#file-error"),
        ["Error: there is no column \"jbo\"; did you mean `job`?"]
    );
    let forged = pat
        .multipart("/titles/csv", boundary, body.replace(&csrf, "nope"))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn one_address_in_two_organizations_chooses_on_the_sign_in_page() {
    let site = Site::with_team().await;
    // Gil's address, with the same password, in a second organization.
    site.state
        .app
        .accounts()
        .create_org("Beta", "Gil Again", "gil@acme.test", PASSWORD.into())
        .await
        .expect("the same address in another organization");
    let mut c = site.client();
    let form = c.get("/sign-in").await;
    let csrf = form.csrf();
    let asked = c
        .post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("next", "/"),
                ("email", "gil@acme.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_landmarks("/sign-in asking for the organization", &asked);
    let error = asked.texts("#organization-error").join(" ");
    assert!(error.contains("sign in to 2 organizations"), "{error}");
    assert!(error.contains("1 (Acme) or 2 (Beta)"), "{error}");
    let done = c
        .post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("next", "/"),
                ("email", "gil@acme.test"),
                ("password", PASSWORD),
                ("organization", "1"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let team = c.get("/team").await;
    assert_eq!(team.status, StatusCode::OK, "Gil of Acme, a manager there");
}

#[tokio::test]
async fn pay_pages_show_each_zone_in_its_own_currency() {
    let site = Site::with_team().await;
    let app = &site.state.app;
    let admin = rungs_app::Actor::cli(rungs_store::OrgId(1));
    let source = format!(
        "{}\n{}",
        rungs_core::framework::BUILTIN_TOML,
        include_str!("../../../../frameworks/examples/pay-zones.toml")
    );
    app.frameworks()
        .put_framework(&admin, VersionId(1), source.into_bytes())
        .await
        .expect("the example zones");
    app.frameworks()
        .publish_framework(&admin, VersionId(2))
        .await
        .expect("published");
    let mut c = site.client();
    c.sign_in("head@acme.test").await;
    let pay = c.get("/pay?level=pm&zone=europe&amount=90000").await;
    assert_eq!(pay.status, StatusCode::OK);
    assert_landmarks("/pay with zones", &pay);
    assert!(pay.texts("p.lead")[0].starts_with("Bands for Europe (example) (EUR)"));
    assert!(pay.body.contains("€80,000 – €110,000"), "the euro band");
    let bad = c.get("/pay?level=pm&zone=mars").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.texts("#zone-error")[0].contains("no pay zone `mars`"));
    // The roster's people are in no zone's locations (no location at all): said, not placed.
    let org = c.get("/org").await;
    assert!(
        org.body
            .contains("have no location to place them in a pay zone"),
        "{}",
        org.texts("#pay ~ p").join(" | ")
    );
}
