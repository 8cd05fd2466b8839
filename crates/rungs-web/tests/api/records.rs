//! The records: people, the roster import, assessments and what they show, the framework, the
//! team report. Mistakes are located; nothing half-done is kept; stale writes get 409.

use axum::http::{Method, StatusCode};
use rungs_core::{PersonId, VersionId};
use serde_json::json;

use crate::support::{As, TestApp, assessment, world};

#[tokio::test]
async fn a_roster_with_a_bad_row_near_the_end_writes_nothing() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let mut csv = String::from("id,name,level,manager,rung_start\n");
    for i in 0..2000 {
        csv += &format!("n{i:04},Person {i},pm,cpo,2024-01-01\n");
    }
    csv += "cpo,Chris,cpo,,2020-01-01\nlate,Late Row,senior-pmm,cpo,2024-13-01\n";
    let before = app.store().count_people(w.org).await.expect("count");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/roster",
            &admin,
            Some(("text/csv", csv.clone().into_bytes())),
            &[],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    let body = answer.json();
    let errors = body["errors"].as_array().expect("errors");
    let places: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap_or(0),
                e["field"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(places, [(2003, "level"), (2003, "rung_start")], "{body}");
    assert_eq!(errors[0]["location"], "roster.csv:2003, column 3 (level)");
    assert_eq!(errors[0]["help"], "did you mean `senior-pm`?");
    assert_eq!(
        app.store().count_people(w.org).await.expect("count"),
        before,
        "nothing written"
    );

    // Fixed, it goes in whole.
    let fixed = csv.replace("senior-pmm,cpo,2024-13-01", "senior-pm,cpo,2024-12-01");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/roster",
            &admin,
            Some(("text/csv", fixed.into_bytes())),
            &[],
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let summary = answer.json();
    // cpo is in the file with another start date: written over.
    assert_eq!(
        (summary["created"].as_i64(), summary["updated"].as_i64()),
        (Some(2001), Some(1))
    );
    assert_eq!(
        summary["not_in_file"], 4,
        "d1, pm1, d2 and pm2 are left as they are"
    );
    let exported = app.get("/api/v1/roster", &admin).await.text();
    assert!(exported.starts_with("id,name,email,title,level,track,manager,rung_start,pay"));
    assert!(
        exported.contains("late,Late Row,,,senior-pm,shared,cpo,2024-12-01"),
        "{}",
        &exported[..300]
    );
}

#[tokio::test]
async fn a_stale_update_gets_409_and_changes_nothing() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let read = app.get("/api/v1/people/pm1", &admin).await;
    let etag = read
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("an ETag")
        .to_owned();
    assert_eq!(etag, "\"1\"");
    let put = |name: &'static str| {
        let (app, admin, etag) = (&app, admin.clone(), etag.clone());
        async move {
            app.call(
                Method::PUT,
                "/api/v1/people/pm1",
                &admin,
                Some((
                    "application/json",
                    json!({ "name": name, "level": "pm", "manager": "d1" })
                        .to_string()
                        .into_bytes(),
                )),
                &[("if-match", &etag)],
            )
            .await
        }
    };
    // Two writers who both read version 1, at once: one wins, the other is told.
    let (a, b) = tokio::join!(put("Ann A"), put("Ann B"));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} {}", a.text(), b.text());
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    assert!(
        loser.json()["title"]
            .as_str()
            .is_some_and(|t| t.contains("changed since version 1"))
    );
    let winner = if a.status == StatusCode::OK {
        "Ann A"
    } else {
        "Ann B"
    };
    let now = app.get("/api/v1/people/pm1", &admin).await.json();
    assert_eq!(
        (now["name"].as_str(), now["version"].as_i64()),
        (Some(winner), Some(2))
    );
    let missing = app
        .call(
            Method::PUT,
            "/api/v1/people/pm1",
            &admin,
            Some((
                "application/json",
                json!({ "name": "X", "level": "pm" })
                    .to_string()
                    .into_bytes(),
            )),
            &[],
        )
        .await;
    assert_eq!(missing.status, StatusCode::PRECONDITION_REQUIRED);
}

#[tokio::test]
async fn a_bad_person_is_refused_with_each_field_named() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let answer = app
        .post_json(
            "/api/v1/people",
            &admin,
            json!({
                "id": "p-9", "name": " ", "level": "senior-pmm", "manager": "nobody",
                "rung_start": "2024-02-30", "currency": "dollars", "stage": "huge", "email": "nope"
            }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/problem+json"[..])
    );
    let body = answer.json();
    let at: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["location"].as_str())
        .collect();
    assert_eq!(
        at,
        [
            "/name",
            "/email",
            "/level",
            "/manager",
            "/rung_start",
            "/currency",
            "/stage"
        ],
        "{body}"
    );
    let wrong_type = app
        .post_json(
            "/api/v1/people",
            &admin,
            json!({ "id": "p-9", "name": "X", "level": "pm", "pay": "lots" }),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_type.json()["errors"][0]["location"], "/pay");
    let not_json = app
        .call(
            Method::POST,
            "/api/v1/people",
            &admin,
            Some(("application/json", b"{\"id\":".to_vec())),
            &[],
        )
        .await;
    assert_eq!(not_json.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        not_json.json()["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("the body is not JSON"))
    );
    // A manager below their own report would close a loop.
    let cycle = app
        .call(
            Method::PUT,
            "/api/v1/people/d1",
            &admin,
            Some((
                "application/json",
                json!({ "name": "Dana", "level": "director", "manager": "pm1" })
                    .to_string()
                    .into_bytes(),
            )),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(cycle.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(cycle.text().contains("reporting cycle"), "{}", cycle.text());
    assert_eq!(app.store().count_people(w.org).await.expect("count"), 5);
}

#[tokio::test]
async fn assessments_are_added_evaluated_and_never_overwritten() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let manager = As::Token(w.manager_token.clone());
    let member = As::Token(w.member_token.clone());
    let added = app
        .post_json(
            "/api/v1/people/pm1/assessments",
            &manager,
            assessment("pm1", "manager", "senior-pm", "2026-10-01"),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let own = app
        .post_json(
            "/api/v1/people/pm1/assessments",
            &member,
            assessment("pm1", "self", "pm", "2026-10-02"),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text());
    let history = app
        .get("/api/v1/people/pm1/assessments", &member)
        .await
        .json();
    let dates: Vec<&str> = history
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|a| a["assessment"]["date"].as_str())
        .collect();
    assert_eq!(dates, ["2026-06-01", "2026-10-01", "2026-10-02"]);
    // Each is given back in the assessment-file format, ready to load again.
    assert_eq!(history[1]["assessment"]["assessor"]["kind"], "manager");
    assert_eq!(history[2]["assessment"]["ratings"]["product-design"], "pm");
    let id = added.json()["id"].as_i64().expect("an id");
    let outcome = app
        .get(&format!("/api/v1/assessments/{id}/evaluation"), &member)
        .await
        .json();
    assert_eq!(outcome["level"], "senior-pm", "{outcome}");
    // Rated Senior PM everywhere by their manager, while holding PM: the next rung is the one
    // above the level held, Senior PM, with every competency already there.
    let gap = app
        .get(&format!("/api/v1/people/pm1/gap?assessment={id}"), &member)
        .await
        .json();
    assert_eq!(
        (
            gap["gaps"][0]["target"].as_str(),
            gap["gaps"][0]["met"].as_u64()
        ),
        (Some("senior-pm"), Some(20)),
        "{gap}"
    );
    let readiness = app
        .get("/api/v1/people/pm1/readiness?to=senior-pm", &member)
        .await;
    assert_eq!(readiness.status, StatusCode::OK, "{}", readiness.text());
    assert_eq!(
        readiness.json()["targets"][0]["target"],
        "senior-pm",
        "{}",
        readiness.text()
    );
    let md = app
        .get("/api/v1/people/pm1/packet?format=md", &manager)
        .await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(md.text().starts_with('#'), "{}", md.text());
    // Mistakes in an assessment are named by their JSON path.
    let mut bad = assessment("pm1", "manager", "pm", "2026-10-03");
    bad["ratings"]["discovery-typo"] = json!("pm");
    bad["ratings"]["data-analysis"] = json!("senior-pmm");
    let refused = app
        .post_json("/api/v1/people/pm1/assessments", &manager, bad)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    assert!(refused.text().contains("senior-pmm"), "{}", refused.text());
    let of_someone_else = app
        .post_json(
            "/api/v1/people/pm1/assessments",
            &manager,
            assessment("pm2", "manager", "pm", "2026-10-03"),
        )
        .await;
    assert_eq!(
        of_someone_else.json()["errors"][0]["location"],
        "/person_id"
    );
    let records = app
        .store()
        .assessments(w.org, Some(&PersonId::from("pm1")))
        .await
        .expect("listed");
    assert_eq!(records.len(), 3, "nothing refused was kept");
    let e = app
        .post_json(
            "/api/v1/people/pm1/evidence",
            &member,
            json!({ "milestone": "no-such", "note": "x" }),
        )
        .await;
    assert_eq!(e.json()["errors"][0]["location"], "/milestone");
}

#[tokio::test]
async fn the_framework_is_versioned_and_checked() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let broken = rungs_core::framework::BUILTIN_TOML.replacen("rank = 1", "rank = \"one\"", 1);
    let answer = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("application/toml", broken.into_bytes())),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    let first = &answer.json()["errors"][0];
    assert!(
        first["line"].as_u64().is_some() && first["column"].as_u64().is_some(),
        "{first}"
    );
    let edited = rungs_core::framework::BUILTIN_TOML.replacen(
        "Associate Product Manager",
        "Product Associate",
        1,
    );
    let saved = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("application/toml", edited.clone().into_bytes())),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.text());
    assert_eq!(saved.json()["version"], 2);
    let stale = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("application/toml", edited.into_bytes())),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    // A draft: the ladder in use is still version 1 until it is published.
    let export = app.get("/api/v1/framework/export", &admin).await.text();
    assert!(export.contains("Associate Product Manager"));
    let preview = app
        .get("/api/v1/framework/versions/2/preview", &admin)
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text());
    assert_eq!(preview.json()["in_use"], 1);
    assert_eq!(preview.json()["impact"]["unplaced"], serde_json::json!([]));
    // A level the version has needs no mapping: refused at its place.
    let map = app
        .call(
            Method::PUT,
            "/api/v1/framework/versions/2/level-map",
            &admin,
            Some(("application/json", br#"{"apm": "pm"}"#.to_vec())),
            &[],
        )
        .await;
    assert_eq!(
        map.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        map.text()
    );
    assert_eq!(map.json()["errors"][0]["location"], "/level_map/apm");
    let published = app
        .post_json(
            "/api/v1/framework/versions/2/publish",
            &admin,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    assert_eq!(published.json()["in_use"], true);
    let export = app.get("/api/v1/framework/export", &admin).await.text();
    assert!(export.contains("Product Associate"));
    let old = app
        .get("/api/v1/framework/export?version=1", &admin)
        .await
        .text();
    assert!(old.contains("Associate Product Manager"));
    // The assessment made on version 1 is still read on version 1.
    let e = app
        .get(
            &format!("/api/v1/assessments/{}/evaluation", w.pm1_assessment),
            &admin,
        )
        .await;
    assert_eq!(e.status, StatusCode::OK);
    let level = app.get("/api/v1/levels/apm", &admin).await.json();
    assert_eq!(level["title"], "Product Associate");
}

#[tokio::test]
async fn the_team_report_covers_what_the_caller_may_see() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let whole = app
        .get(
            "/api/v1/team/report?as_of=2026-11-01",
            &As::Token(w.admin_token.clone()),
        )
        .await;
    assert_eq!(whole.status, StatusCode::OK, "{}", whole.text());
    assert_eq!(whole.json()["people"], 5);
    assert_eq!(whole.json()["assessments"], 2);
    let mine = app
        .get(
            "/api/v1/team/report?as_of=2026-11-01",
            &As::Token(w.manager_token.clone()),
        )
        .await;
    assert_eq!(mine.json()["people"], 2, "the manager and their report");
    assert_eq!(mine.json()["assessments"], 1);
    let md = app
        .get(
            "/api/v1/team/report?as_of=2026-11-01&format=md",
            &As::Token(w.admin_token.clone()),
        )
        .await;
    assert!(
        md.text().starts_with("# Team report, 2026-11-01"),
        "{}",
        md.text()
    );
    let bad = app
        .get(
            "/api/v1/team/report?as_of=yesterday",
            &As::Token(w.admin_token.clone()),
        )
        .await;
    assert_eq!(bad.json()["errors"][0]["location"], "?as_of");
}

#[tokio::test]
async fn the_ladder_answers_as_the_cli_does() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let who = As::Token(w.member_token.clone());
    let fw = rungs_core::framework::builtin();
    let levels = app.get("/api/v1/levels", &who).await.json();
    assert_eq!(
        levels,
        serde_json::to_value(rungs_core::browse::summaries(fw)).expect("json")
    );
    let unknown = app.get("/api/v1/compare?a=pm&b=senior-pmm", &who).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.json()["errors"][0]["location"], "?b");
    assert_eq!(
        unknown.json()["errors"][0]["help"],
        "did you mean `senior-pm`?"
    );
    let check = app
        .get("/api/v1/pay/pm/check?stage=large&amount=$150K", &who)
        .await
        .json();
    assert_eq!(check["level"], "pm");
    let titles = app
        .post_json(
            "/api/v1/titles",
            &who,
            json!({ "titles": ["Staff Product Manager", "Technical Program Manager"] }),
        )
        .await
        .json();
    assert_eq!(titles[0]["level"], "principal-pm");
    assert_eq!(titles[1]["verdict"], "not-pm");
    let missing = app.get("/api/v1/levels/staff-engineer", &who).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let nowhere = app.get("/api/v1/no/such/page", &who).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_eq!(nowhere.json()["status"], 404);
}

#[tokio::test]
async fn an_assessment_history_imports_over_the_api_whole_or_not_at_all() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let fw = rungs_core::framework::builtin();
    let ids: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    let mut csv = format!("person,date,assessor_kind,assessor,{}\n", ids.join(","));
    for (who, kind) in [("pm1", "self"), ("pm2", "peer"), ("d1", "manager")] {
        csv += &format!(
            "{who},2026-08-01,{kind},Someone,{}\n",
            vec!["pm"; ids.len()].join(",")
        );
    }
    let bad = csv.replace("pm2,2026-08-01", "pm2,2026-08-41");
    let post = |body: String, content_type: &'static str, who: As| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                "/api/v1/assessments/import",
                &who,
                Some((content_type, body.into_bytes())),
                &[],
            )
            .await
        }
    };
    let before = app
        .store()
        .assessments(w.org, None)
        .await
        .expect("read")
        .len();
    let refused = post(bad, "text/csv", admin.clone()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    let body = refused.json();
    assert_eq!(
        body["errors"][0]["location"],
        "history.csv:3, column 2 (date)"
    );
    assert_eq!(
        app.store()
            .assessments(w.org, None)
            .await
            .expect("read")
            .len(),
        before,
        "nothing written"
    );
    let manager = As::Token(w.manager_token.clone());
    let forbidden = post(csv.clone(), "text/csv", manager).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let done = post(csv, "text/csv", admin.clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let summary = done.json();
    assert_eq!(
        (
            summary["assessments"].as_u64(),
            summary["self"].as_u64(),
            summary["manager"].as_u64(),
            summary["peer"].as_u64()
        ),
        (Some(3), Some(1), Some(1), Some(1))
    );
    // JSON assessment files too: one, or an array of them, each problem named by its item.
    let files = json!([
        assessment("pm1", "manager", "senior-pm", "2026-09-01"),
        assessment("nobody", "manager", "pm", "2026-09-01"),
    ]);
    let refused = post(files.to_string(), "application/json", admin.clone()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    assert!(
        refused.json()["errors"][0]["location"]
            .as_str()
            .is_some_and(|l| l.starts_with("assessments[1].json")),
        "{}",
        refused.text()
    );
    let one = assessment("pm1", "manager", "senior-pm", "2026-09-01").to_string();
    let done = post(one, "application/json", admin.clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let xml = post("<a/>".into(), "application/xml", admin).await;
    assert_eq!(xml.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        xml.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
}

#[tokio::test]
async fn a_body_that_says_it_is_too_large_is_refused_before_it_is_read() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    // The framework allows 8 MiB (not the 64 MiB of a roster), the roster 64 MiB: a body that
    // declares more is refused at once, whatever follows.
    for (method, uri, kind, declared, limit) in [
        (
            Method::PUT,
            "/api/v1/framework",
            "application/toml",
            9u64 << 20,
            "8 MiB",
        ),
        (
            Method::POST,
            "/api/v1/roster",
            "text/csv",
            65 << 20,
            "64 MiB",
        ),
        (
            Method::POST,
            "/api/v1/assessments/import",
            "text/csv",
            65 << 20,
            "64 MiB",
        ),
    ] {
        let length = declared.to_string();
        let answer = app
            .call(
                method,
                uri,
                &admin,
                Some((kind, b"id,name\n".to_vec())),
                &[("content-length", &length), ("if-match", "\"1\"")],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{uri}: {}",
            answer.text()
        );
        assert!(answer.text().contains(limit), "{uri}: {}", answer.text());
    }
    // A framework body without a length is read only up to its limit.
    let big = vec![b'#'; (8 << 20) + 10];
    let answer = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("application/toml", big)),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.text()
    );
}

#[tokio::test]
async fn links_images_and_headings_typed_into_evidence_or_a_name_stay_text_in_markdown() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    // A name with a line break that would start a heading, and evidence with a link that runs
    // script and an image that calls home.
    let person = app.get("/api/v1/people/pm1", &admin).await.json();
    let renamed = app
        .call(
            Method::PUT,
            "/api/v1/people/pm1",
            &admin,
            Some((
                "application/json",
                json!({ "name": "Eve\n# Owned", "level": "pm", "track": "ic", "manager": "d1" })
                    .to_string()
                    .into_bytes(),
            )),
            &[("if-match", &person["version"].to_string())],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text());
    let mut doc = assessment("pm1", "manager", "senior-pm", "2026-07-01");
    let first = rungs_core::framework::builtin()
        .competencies()
        .next()
        .map(|(_, c)| c.id.clone())
        .expect("a competency");
    doc["ratings"][&first] = json!({
        "level": "senior-pm",
        "evidence": "[x](javascript:alert(1)) and ![i](http://evil.test/p.png)\n# Heading"
    });
    let added = app
        .post_json("/api/v1/people/pm1/assessments", &admin, doc)
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    for uri in [
        "/api/v1/people/pm1/packet?format=md&to=senior-pm",
        "/api/v1/team/report?format=md",
    ] {
        let md = app.get(uri, &admin).await.text();
        // A link or an image is `[…](…)`: every `]` before a `(` must be escaped.
        let live = md
            .match_indices("](")
            .any(|(at, _)| !md[..at].ends_with('\\'));
        assert!(!live, "{uri}: a live link or image: {md}");
        assert!(
            !md.lines()
                .any(|l| l.starts_with("# Owned") || l.starts_with("# Heading")),
            "{uri}: a heading from what was typed: {md}"
        );
    }
    let packet = app
        .get("/api/v1/people/pm1/packet?format=md&to=senior-pm", &admin)
        .await
        .text();
    assert!(packet.contains("Eve # Owned"), "{packet}");
    assert!(
        packet.contains(
            "\\[x\\](javascript:alert(1)) and !\\[i\\](http://evil.test/p.png) # Heading"
        ),
        "{packet}"
    );
}

#[tokio::test]
async fn what_people_type_stays_text_in_markdown_links_and_searches() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    // A name that Markdown would take for HTML and a table's edge.
    let person = app.get("/api/v1/people/pm1", &admin).await.json();
    let version = person["version"].to_string();
    let renamed = app
        .call(
            Method::PUT,
            "/api/v1/people/pm1",
            &admin,
            Some((
                "application/json",
                json!({ "name": "<img src=x onerror=alert(1)> | Ann_%", "level": "pm", "track": "ic", "manager": "d1" })
                    .to_string()
                    .into_bytes(),
            )),
            &[("if-match", &version)],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text());
    let packet = app
        .get("/api/v1/people/pm1/packet?format=md", &admin)
        .await
        .text();
    assert!(!packet.contains("<img"), "{packet}");
    assert!(
        packet.contains("&lt;img src=x onerror=alert(1)&gt; \\| Ann\\_%"),
        "{packet}"
    );
    let report = app
        .get("/api/v1/team/report?format=md", &admin)
        .await
        .text();
    assert!(!report.contains("<img"), "{report}");
    // `%` and `_` in a search are letters, not wildcards.
    // Only Ann's new name holds a `%` or a `_`; as wildcards they would match others too.
    for (q, n) in [("%25", 1), ("_", 1), ("o_", 0), ("Ann_%25", 1)] {
        let found = app
            .get(&format!("/api/v1/people?name={q}"), &admin)
            .await
            .json();
        assert_eq!(found.as_array().map_or(0, Vec::len), n, "{q}: {found}");
    }
    // A link in evidence is a web address, never a script.
    let bad = app
        .post_json(
            "/api/v1/people/pm1/evidence",
            &admin,
            json!({ "milestone": "masters-day-to-day", "note": "Ran launches", "link": "javascript:alert(1)" }),
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.text()
    );
    assert_eq!(bad.json()["errors"][0]["location"], "/link");
    // Signing out with an API token says how to end a token, and ends nothing.
    let out = app
        .post_json("/api/v1/auth/logout", &admin, json!({}))
        .await;
    assert_eq!(out.status, StatusCode::BAD_REQUEST, "{}", out.text());
    assert_eq!(
        app.get("/api/v1/people/pm1", &admin).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_persons_assessments_come_a_page_at_a_time() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    for day in ["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"] {
        let a = app
            .post_json(
                "/api/v1/people/pm1/assessments",
                &admin,
                assessment("pm1", "manager", "pm", day),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    }
    let mut dates = Vec::new();
    let mut uri = "/api/v1/people/pm1/assessments?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let page = app.get(&uri, &admin).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        pages += 1;
        let list = page.json();
        assert!(list.as_array().map_or(0, Vec::len) <= 2);
        for a in list.as_array().into_iter().flatten() {
            dates.push(
                a["assessment"]["date"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        match page.headers.get("link").and_then(|v| v.to_str().ok()) {
            Some(link) => {
                assert!(link.ends_with("rel=\"next\""), "{link}");
                uri = link
                    .trim_start_matches('<')
                    .split('>')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(
        dates,
        [
            "2026-06-01",
            "2026-07-01",
            "2026-08-01",
            "2026-09-01",
            "2026-10-01"
        ],
        "oldest first, each once"
    );
    // Without a limit, up to 100 at once; a limit out of range is held to 1..1,000.
    let all = app.get("/api/v1/people/pm1/assessments", &admin).await;
    assert_eq!(all.json().as_array().map_or(0, Vec::len), 5);
    assert!(all.headers.get("link").is_none());
}

#[tokio::test]
async fn pay_is_shown_per_zone_and_a_zone_that_is_not_there_is_named() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    // The built-in ladder: one zone, the sources' US figures.
    let us = app.get("/api/v1/pay/pm?stage=large", &admin).await.json();
    assert_eq!(
        (&us["zone"], &us["currency"]),
        (&json!("us"), &json!("USD"))
    );
    let source = format!(
        "{}\n{}",
        rungs_core::framework::BUILTIN_TOML,
        include_str!("../../../../frameworks/examples/pay-zones.toml")
    );
    app.state
        .app
        .frameworks()
        .put_framework(
            &rungs_app::Actor::user(w.admin.clone()),
            VersionId(1),
            source.into_bytes(),
        )
        .await
        .expect("the framework with the example zones");
    app.state
        .app
        .frameworks()
        .publish_framework(&rungs_app::Actor::user(w.admin.clone()), VersionId(2))
        .await
        .expect("published");
    let eu = app
        .get("/api/v1/pay/pm?stage=large&zone=europe", &admin)
        .await;
    assert_eq!(eu.status, StatusCode::OK, "{}", eu.text());
    let eu = eu.json();
    assert_eq!(
        (&eu["currency"], &eu["bands"][0]["min"]),
        (&json!("EUR"), &json!(80_000))
    );
    let check = app
        .get(
            "/api/v1/pay/pm/check?stage=large&zone=latam&amount=50000",
            &admin,
        )
        .await
        .json();
    assert_eq!(
        check["zone_name"],
        "Latin America (example) (USD, 0.45 × the United States bands)"
    );
    assert_eq!(check["stages"][0]["verdict"], "below");
    let bad = app.get("/api/v1/pay/pm?zone=eurpe", &admin).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["location"], "?zone");
    assert!(bad.text().contains("europe"), "{}", bad.text());
}
