//! Review cycle pages, as people without script use them: a head of product starts a cycle, a
//! product manager sees the to-do on the start page and submits a self-assessment, the manager
//! rates, the head of product moves the cycle on and shares, and the result reaches the person.
//! Each stage's state shows in words and as steps; a refusal shows its reason.

use axum::http::StatusCode;
use scraper::Selector;

use crate::assert_landmarks;
use crate::support::{Page, Site};

/// Every rating select of a record page set to `level`.
fn ratings(page: &Page, level: &str) -> Vec<(String, String)> {
    let s = Selector::parse("select[name^='r-']").expect("a selector");
    page.html()
        .select(&s)
        .filter_map(|e| {
            e.value()
                .attr("name")
                .map(|n| (n.to_owned(), level.to_owned()))
        })
        .collect()
}

fn version(page: &Page) -> String {
    let s = Selector::parse("input[name=version]").expect("a selector");
    page.html()
        .select(&s)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a version")
        .to_owned()
}

async fn send(
    c: &mut crate::support::Client<'_>,
    uri: &str,
    page: &Page,
    extra: &[(&str, &str)],
    level: &str,
) -> Page {
    let csrf = page.csrf();
    let v = version(page);
    let r = ratings(page, level);
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &v)];
    form.extend(r.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    form.extend_from_slice(extra);
    c.post(uri, &form).await
}

#[tokio::test]
async fn a_review_from_start_to_shared_on_the_pages() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let mut zoe = site.client();
    zoe.sign_in("zoe@acme.test").await;
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;

    // Hana starts a cycle; a missing name is shown beside its field.
    let list = hana.get("/cycles").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_landmarks("/cycles", &list);
    let csrf = list.csrf();
    let bad = hana
        .post("/cycles", &[("csrf", &csrf), ("name", " ")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.texts("#name-error")[0].contains("a cycle needs a name"));
    let made = hana
        .post(
            "/cycles",
            &[
                ("csrf", &csrf),
                ("name", "H2 2026 review"),
                ("self_assessment_due", "2026-12-10"),
                ("manager_assessment_due", "2026-12-20"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let at = made.location.clone().expect("to the cycle");
    assert!(at.starts_with("/cycles/1?done="), "{at}");
    let cycle = hana.get("/cycles/1").await;
    assert_landmarks("/cycles/1", &cycle);
    assert_eq!(
        cycle.texts("ol.progress li[aria-current=step]"),
        ["Self-assessment: current · ends 2026-12-10"]
    );

    // Zoë's start page says what to do and by when, and which stage the review is at.
    let home = zoe.get("/").await;
    let todo = home.texts("#todo + ul li");
    assert_eq!(
        todo,
        ["Write and submit your self-assessment (H2 2026 review, by 2026-12-10)"]
    );
    assert!(home.body.contains("Review under way"));
    let mine = zoe.get("/cycles/1/people/spm").await;
    assert_landmarks("/cycles/1/people/spm", &mine);
    assert!(mine.texts("p.lead")[0].starts_with("Self-assessment not started"));
    // A draft, then the submission.
    let saved = send(
        &mut zoe,
        "/cycles/1/people/spm/self",
        &mine,
        &[("action", "draft")],
        "senior-pm",
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    // Gil sees that Zoë has a draft, not what it says.
    let theirs = gil.get("/cycles/1/people/spm").await;
    assert!(theirs.body.contains("Not shown to you at this stage"));
    let mine = zoe.get("/cycles/1/people/spm").await;
    let sent = send(
        &mut zoe,
        "/cycles/1/people/spm/self",
        &mine,
        &[("action", "submit")],
        "senior-pm",
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let mine = zoe.get("/cycles/1/people/spm").await;
    assert!(mine.texts("p.lead")[0].starts_with("Self-assessment submitted"));
    assert_eq!(mine.texts("ol.progress li.done").len(), 1);
    assert!(
        zoe.get("/").await.texts("#todo").is_empty(),
        "nothing left to do"
    );

    // Gil may not rate yet: the reason is on the page.
    let theirs = gil.get("/cycles/1/people/spm").await;
    assert!(
        theirs.texts("form[action$='/manager']").is_empty(),
        "no form to rate with yet"
    );
    let csrf = theirs.csrf();
    let refused = gil
        .post(
            "/cycles/1/people/spm/manager",
            &[
                ("csrf", &csrf),
                ("version", "3"),
                ("r-roadmapping", "pm"),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("opens when the cycle reaches Manager assessment")
    );

    // Hana moves the cycle on; Gil's to-do appears and he rates Zoë beside her own ratings.
    let cycle = hana.get("/cycles/1").await;
    let csrf = cycle.csrf();
    let moved = hana
        .post(
            "/cycles/1/stage",
            &[
                ("csrf", &csrf),
                ("to", "manager-assessment"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let gil_home = gil.get("/").await;
    assert!(
        gil_home
            .texts("#todo + ul li")
            .iter()
            .any(|t| t.starts_with("Rate "))
    );
    let theirs = gil.get("/cycles/1/people/spm").await;
    assert!(theirs.texts("th").iter().any(|t| t == "Their self-rating"));
    let rated = send(
        &mut gil,
        "/cycles/1/people/spm/manager",
        &theirs,
        &[("action", "submit")],
        "principal-pm",
    )
    .await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER);
    // Zoë does not see it yet.
    let mine = zoe.get("/cycles/1/people/spm").await;
    assert!(
        mine.body.contains("Manager&#x27;s rating: submitted")
            || mine.body.contains("Manager's rating: submitted")
    );
    assert!(!mine.body.contains("Principal PM"));

    // Calibration for a group of one: nothing shown about individuals.
    let csrf = hana.get("/cycles/1").await.csrf();
    hana.post(
        "/cycles/1/stage",
        &[("csrf", &csrf), ("to", "calibration"), ("confirm", "yes")],
    )
    .await;
    let cal = hana.get("/cycles/1/calibration").await;
    assert_eq!(cal.status, StatusCode::OK);
    assert_landmarks("/cycles/1/calibration", &cal);
    assert!(cal.body.contains("is not shown"));
    // A calibrated change with its reason.
    let rec = hana.get("/cycles/1/people/spm").await;
    let csrf = rec.csrf();
    let v = version(&rec);
    let changed = hana
        .post(
            "/cycles/1/people/spm/calibrate",
            &[
                ("csrf", &csrf),
                ("version", &v),
                ("competency", "roadmapping"),
                ("rating", "senior-pm"),
                ("reason", "roadmap work was a team effort"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let rec = hana.get("/cycles/1/people/spm").await;
    assert!(rec.body.contains("Why: roadmap work was a team effort"));

    // Shared: Zoë sees the result, in words and in steps.
    let csrf = hana.get("/cycles/1").await.csrf();
    hana.post(
        "/cycles/1/stage",
        &[("csrf", &csrf), ("to", "shared"), ("confirm", "yes")],
    )
    .await;
    let mine = zoe.get("/cycles/1/people/spm").await;
    assert!(mine.texts("p.lead")[0].ends_with("results shared."));
    assert!(mine.body.contains("Principal PM"));
    assert!(mine.body.contains("Why: roadmap work was a team effort"));
    // Another organization's admin cannot reach any of it.
    let cycle = hana.get("/cycles/1").await;
    assert_eq!(
        cycle.texts("ol.progress li[aria-current=step]"),
        ["Results shared: current"]
    );
    let csrf = cycle.csrf();
    hana.post(
        "/cycles/1/stage",
        &[("csrf", &csrf), ("to", "closed"), ("confirm", "yes")],
    )
    .await;
    let csv = hana.get("/cycles/1/export.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("cycle,person,name"));
    assert_eq!(
        zoe.get("/cycles/1/export.csv").await.status,
        StatusCode::FORBIDDEN
    );
}

/// Every field of the form posting to `action` on a page, as the browser would send them.
fn form_fields(page: &Page, action: &str) -> Vec<(String, String)> {
    let form = Selector::parse(&format!("form[action='{action}'] input[type=hidden]"))
        .expect("a selector");
    page.html()
        .select(&form)
        .filter_map(|e| {
            Some((
                e.value().attr("name")?.to_owned(),
                e.value().attr("value").unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

#[tokio::test]
async fn a_part_is_checked_and_shown_before_it_is_submitted_and_moving_on_asks_first() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let mut zoe = site.client();
    zoe.sign_in("zoe@acme.test").await;
    let csrf = hana.get("/cycles").await.csrf();
    let made = hana
        .post("/cycles", &[("csrf", &csrf), ("name", "H2 2026 review")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);

    // "Assess myself" leads to the review's record while the review runs.
    let assess = zoe.get("/assess").await;
    assert_eq!(assess.status, StatusCode::OK);
    assert_eq!(
        assess.texts("h1"),
        ["Your self-assessment is part of the review"]
    );
    assert!(
        assess.body.contains("href=\"/cycles/1/people/spm\""),
        "{}",
        assess.body
    );
    assert_landmarks("/assess during a review", &assess);

    // All on "Not assessed": the draft is kept, nothing is submitted, and the page says what
    // is missing, area by area.
    let mine = zoe.get("/cycles/1/people/spm").await;
    let blank = send(
        &mut zoe,
        "/cycles/1/people/spm/self",
        &mine,
        &[("action", "review")],
        "not-assessed",
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank.body.contains("not ready to submit yet"),
        "{}",
        blank.body
    );
    let fw = rungs_core::framework::builtin();
    let summary = blank.texts(".error-summary li").join("\n");
    for area in fw.areas() {
        assert!(
            summary.contains(&format!(
                "{}: 0 of {} competencies rated",
                area.name,
                area.competencies.len()
            )),
            "{summary}"
        );
    }
    let mine = zoe.get("/cycles/1/people/spm").await;
    assert!(mine.texts("p.lead")[0].starts_with("Self-assessment draft"));
    // Submitting it straight (as a stale or hand-made form would) is refused the same way.
    let straight = send(
        &mut zoe,
        "/cycles/1/people/spm/self",
        &mine,
        &[("action", "submit")],
        "not-assessed",
    )
    .await;
    assert_eq!(straight.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        zoe.get("/cycles/1/people/spm").await.texts("p.lead")[0]
            .starts_with("Self-assessment draft")
    );

    // Rated: the check page shows each rating in words, and only its button submits.
    let mine = zoe.get("/cycles/1/people/spm").await;
    let check = send(
        &mut zoe,
        "/cycles/1/people/spm/self",
        &mine,
        &[("action", "review")],
        "senior-pm",
    )
    .await;
    assert_eq!(check.status, StatusCode::OK);
    assert_landmarks("the check before submitting", &check);
    assert_eq!(check.texts("h1"), ["Check before you submit"]);
    let cells = check.texts("tbody td");
    assert_eq!(cells.len(), fw.competencies().count());
    assert!(cells.iter().all(|c| c == "Senior PM"), "{cells:?}");
    assert!(
        zoe.get("/cycles/1/people/spm").await.texts("p.lead")[0]
            .starts_with("Self-assessment draft")
    );
    let fields = form_fields(&check, "/cycles/1/people/spm/self");
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.push(("action", "submit"));
    let sent = zoe.post("/cycles/1/people/spm/self", &form).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(
        zoe.get("/cycles/1/people/spm").await.texts("p.lead")[0]
            .starts_with("Self-assessment submitted")
    );

    // Moving on with 1 of 4 self-assessments in: the page says what is missing and asks to
    // confirm; without the confirmation it is refused, in the signed-in layout.
    let cycle = hana.get("/cycles/1").await;
    let undone = cycle.texts("#undone li");
    assert_eq!(
        undone,
        [
            "3 of 4 self-assessments are not submitted: they can still be written, late, during manager assessment, and not after it."
        ]
    );
    let csrf = cycle.csrf();
    let refused = hana
        .post(
            "/cycles/1/stage",
            &[("csrf", &csrf), ("to", "manager-assessment")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .texts(".error-summary")
            .join(" ")
            .contains("3 of 4 self-assessments")
    );
    assert!(refused.body.contains("Sign out"), "the signed-in layout");
    assert_eq!(
        refused.texts("ol.progress li[aria-current=step]"),
        ["Self-assessment: current"]
    );
    let moved = hana
        .post(
            "/cycles/1/stage",
            &[
                ("csrf", &csrf),
                ("to", "manager-assessment"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);

    // Any other refusal keeps the signed-in layout too: a stale move.
    let stale = hana
        .post(
            "/cycles/1/stage",
            &[
                ("csrf", &csrf),
                ("to", "manager-assessment"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale.body.contains("already at Manager assessment"),
        "{}",
        stale.body
    );
    assert!(stale.body.contains("Sign out"));
    // And an error page made elsewhere (a record that is not Zoë's to see).
    let nope = zoe.get("/cycles/1/people/pm1").await;
    assert_eq!(nope.status, StatusCode::NOT_FOUND);
    assert!(nope.body.contains("Sign out"), "{}", nope.body);
}

#[tokio::test]
async fn the_record_page_says_who_rates_and_an_admin_hands_a_record_over() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    let csrf = hana.get("/cycles").await.csrf();
    hana.post("/cycles", &[("csrf", &csrf), ("name", "H2 2026 review")])
        .await;
    let theirs = gil.get("/cycles/1/people/spm").await;
    assert!(
        theirs.body.contains("the manager when the review started"),
        "{}",
        theirs.body
    );
    assert!(
        theirs.texts("form[action$='/hand-over']").is_empty(),
        "admins only"
    );

    let record = hana.get("/cycles/1/people/spm").await;
    let options = record.texts("#hand-to option");
    assert_eq!(
        options,
        ["Hana Head"],
        "the cycle's other managers, by name"
    );
    let fields = form_fields(&record, "/cycles/1/people/spm/hand-over");
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.extend([("to", "head"), ("reason", " ")]);
    let refused = hana.post("/cycles/1/people/spm/hand-over", &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .texts("#reason-error, .error-summary")
            .join(" ")
            .contains("say why")
    );
    form.pop();
    form.push(("reason", "Zoë now reports to Hana"));
    let handed = hana.post("/cycles/1/people/spm/hand-over", &form).await;
    assert_eq!(handed.status, StatusCode::SEE_OTHER);
    let record = hana.get("/cycles/1/people/spm").await;
    assert!(record.body.contains("to whom an admin handed the record"));
    assert!(record.body.contains("Why: Zoë now reports to Hana"));
    assert_landmarks("a handed-over record", &record);
    assert_eq!(
        gil.get("/cycles/1/people/spm").await.status,
        StatusCode::NOT_FOUND
    );
}

/// An organization on `site` led by Hana Head (`head`, an admin not linked to the roster) with
/// `rows` of roster under her, and a review of everyone she started: her, signed in, and her
/// account as the application knows it.
pub(crate) async fn review_of<'s>(
    site: &'s Site,
    rows: &str,
) -> (crate::support::Client<'s>, rungs_app::Actor) {
    let app = &site.state.app;
    let (_, admin) = app
        .accounts()
        .create_org(
            "Acme",
            "Hana Head",
            "head@acme.test",
            crate::support::PASSWORD.into(),
        )
        .await
        .expect("an organization");
    let actor = rungs_app::Actor::user(admin);
    let roster = format!("id,name,level,track,manager\nhead,Hana Head,cpo,manager,\n{rows}");
    app.people()
        .import_roster(&actor, "roster.csv", roster.into_bytes(), &|_| {})
        .await
        .expect("the roster");
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/cycles").await.csrf();
    let made = hana
        .post("/cycles", &[("csrf", &csrf), ("name", "H2 2026 review")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    (hana, actor)
}

/// A review of a large organization is read a page of people at a time: a hundred rows, where
/// it is in the list, and links to the pages before and after.
#[tokio::test]
async fn a_large_review_lists_its_people_a_hundred_at_a_time() {
    let mut roster = String::new();
    for i in 0..249 {
        roster += &format!("p{i:03},Person {i:03},pm,ic,head\n");
    }
    let site = Site::empty().await;
    let (mut hana, _) = review_of(&site, &roster).await;

    let rows = "section[aria-labelledby=people] tbody tr";
    let first = hana.get("/cycles/1").await;
    assert_eq!(first.texts(rows).len(), 100);
    // Hana's account is not linked to the roster: all 250 are everyone in the cycle.
    assert!(
        first
            .body
            .contains("250 people; 100 on this page (1 of 3).")
    );
    assert_eq!(
        first.texts("nav[aria-label='Pages of people'] li")[0],
        "Page 1 of 3"
    );
    assert!(
        first
            .body
            .contains("href=\"/cycles/1?page=2#people\" rel=\"next\"")
    );
    assert!(!first.body.contains("rel=\"prev\""));

    let last = hana.get("/cycles/1?page=3").await;
    assert_eq!(last.texts(rows).len(), 50);
    assert!(
        last.texts(rows)[49].contains("Person 248"),
        "sorted as listed"
    );
    assert!(
        last.body
            .contains("href=\"/cycles/1?page=2#people\" rel=\"prev\"")
    );
    assert!(!last.body.contains("rel=\"next\""));

    // A page past the end shows the last one; no one is lost between pages.
    let past = hana.get("/cycles/1?page=9").await;
    assert_eq!(past.texts(rows), last.texts(rows));
    let mut everyone = Vec::new();
    for p in 1..=3 {
        everyone.extend(hana.get(&format!("/cycles/1?page={p}")).await.texts(rows));
    }
    everyone.sort();
    everyone.dedup();
    assert_eq!(everyone.len(), 250);
}

/// With more managers in a review than a list can hold, the hand-over names the new manager
/// by roster id instead of listing them all (a page of 1 MB at 100,000 people).
#[tokio::test]
async fn a_review_with_hundreds_of_managers_hands_over_by_roster_id() {
    let mut roster = String::new();
    for i in 0..301 {
        roster += &format!("m{i:03},Manager {i:03},group-pm,manager,head\n");
        roster += &format!("r{i:03},Report {i:03},pm,ic,m{i:03}\n");
    }
    let site = Site::empty().await;
    let (mut hana, _) = review_of(&site, &roster).await;
    let page = hana.get("/cycles/1/people/r000").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<input id="hand-to" type="text" name="to""#),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<select id=\"hand-to\""));
    assert!(page.body.len() < 150_000, "{} bytes", page.body.len());
}
