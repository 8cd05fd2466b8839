//! Review cycles over HTTP: the same rules as the application layer, answered as problems
//! with their reasons, and nothing of one organization's cycle seen from another.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{As, TestApp, world};

fn ratings(level: &str) -> serde_json::Value {
    let fw = rungs_core::framework::builtin();
    fw.competencies()
        .map(|(_, c)| (c.id.clone(), json!(level)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

async fn put(app: &TestApp, who: &As, uri: &str, v: serde_json::Value) -> crate::support::Answer {
    app.call(
        Method::PUT,
        uri,
        who,
        Some(("application/json", v.to_string().into_bytes())),
        &[],
    )
    .await
}

#[tokio::test]
async fn a_cycle_over_the_api_refuses_with_reasons_and_keeps_to_its_organization() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let manager = As::Token(w.manager_token.clone());
    let member = As::Token(w.member_token.clone());
    let outsider = As::Token(w.outsider_token.clone());

    // Only an admin starts one; a bad date is named by its field.
    let body = json!({ "name": "H2 2026 review", "self_assessment_due": "2026-12-10" });
    let a = app.post_json("/api/v1/cycles", &member, body.clone()).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = app
        .post_json(
            "/api/v1/cycles",
            &admin,
            json!({ "name": "x", "shared_due": "soon" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.json()["errors"][0]["location"], "/shared_due");
    let a = app.post_json("/api/v1/cycles", &admin, body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let id = a.json()["id"].as_i64().unwrap();
    assert_eq!(a.json()["stage"], "self-assessment");
    assert_eq!(a.json()["people"], 5);

    // The member's to-do, then their self-assessment, submitted.
    let todos = app.get("/api/v1/todos", &member).await.json();
    assert_eq!(todos[0]["what"], "Write and submit your self-assessment");
    assert_eq!(todos[0]["due"], "2026-12-10");
    let uri = format!("/api/v1/cycles/{id}/records/pm1/self");
    let a = put(
        &app,
        &member,
        &uri,
        json!({ "ratings": ratings("pm"), "submit": true, "version": 1 }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.json()["state"], "submitted");
    assert_eq!(a.json()["steps"][0]["status"], "done");
    // Again: refused, with the reason, as a problem.
    let a = put(
        &app,
        &member,
        &uri,
        json!({ "ratings": ratings("pm"), "version": 2 }),
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.text().contains("submitted and final"), "{}", a.text());
    assert!(
        a.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    // An unknown competency is named by its path.
    let a = put(
        &app,
        &As::Token(w.manager_token.clone()),
        &format!("/api/v1/cycles/{id}/records/d1/self"),
        json!({ "ratings": { "no-such-thing": "pm" }, "version": 1 }),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text());
    assert!(a.text().contains("no-such-thing"));

    // The manager sees pm1's submitted self-assessment; not pm2's record (not theirs).
    let a = app
        .get(&format!("/api/v1/cycles/{id}/records/pm1"), &manager)
        .await;
    assert_eq!(a.json()["own"]["visible"], true);
    let a = app
        .get(&format!("/api/v1/cycles/{id}/records/pm2"), &manager)
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    // A move out of turn is a 409 with the reason; an unknown stage a 422.
    let stage = format!("/api/v1/cycles/{id}/stage");
    let a = app
        .post_json(&stage, &admin, json!({ "to": "shared" }))
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.text().contains("one stage at a time"));
    let a = app.post_json(&stage, &admin, json!({ "to": "done" })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let a = app
        .post_json(&stage, &manager, json!({ "to": "manager-assessment" }))
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // Moving on with self-assessments missing says how many, and asks to confirm.
    let a = app
        .post_json(&stage, &admin, json!({ "to": "manager-assessment" }))
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.text().contains("self-assessments are not submitted")
            && a.text().contains("\\\"confirm\\\": true"),
        "{}",
        a.text()
    );
    let a = app
        .post_json(
            &stage,
            &admin,
            json!({ "to": "manager-assessment", "confirm": true }),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let a = put(
        &app,
        &manager,
        &format!("/api/v1/cycles/{id}/records/pm1/manager"),
        json!({ "ratings": ratings("senior-pm"), "submit": true, "version": 2 }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    // The member does not see it until it is shared.
    let a = app
        .get(&format!("/api/v1/cycles/{id}/records/pm1"), &member)
        .await;
    assert_eq!(a.json()["manager_part"]["visible"], false);
    assert_eq!(a.json()["manager_part"]["ratings"], json!({}));

    // Another organization: not found, and not listed.
    let a = app.get(&format!("/api/v1/cycles/{id}"), &outsider).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/cycles", &outsider).await.json(), json!([]));
    let a = app
        .post_json(&stage, &outsider, json!({ "to": "calibration" }))
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);

    // Through to closed; then the export, injection-safe.
    for to in ["calibration", "shared", "closed"] {
        let a = app
            .post_json(&stage, &admin, json!({ "to": to, "confirm": true }))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{to}: {}", a.text());
    }
    let a = app
        .get(&format!("/api/v1/cycles/{id}/records/pm1"), &member)
        .await;
    assert_eq!(a.json()["state"], "shared");
    assert_eq!(a.json()["shown_level"], "senior-pm");
    let a = app
        .get(&format!("/api/v1/cycles/{id}/export?format=csv"), &admin)
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.text()
            .contains("H2 2026 review,pm1,Ann,d1,shared,senior-pm,")
    );
    let a = app
        .get(&format!("/api/v1/cycles/{id}/export"), &admin)
        .await;
    assert_eq!(a.json()["records"].as_array().unwrap().len(), 5);
    let a = app
        .get(&format!("/api/v1/cycles/{id}/export"), &manager)
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_exported_cycle_neutralises_formulas_in_names() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let a = app
        .post_json(
            "/api/v1/cycles",
            &admin,
            json!({ "name": "=HYPERLINK(\"http://x\")" }),
        )
        .await;
    let id = a.json()["id"].as_i64().unwrap();
    let stage = format!("/api/v1/cycles/{id}/stage");
    for to in ["manager-assessment", "calibration", "shared", "closed"] {
        let a = app
            .post_json(&stage, &admin, json!({ "to": to, "confirm": true }))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{to}: {}", a.text());
    }
    let csv = app
        .get(&format!("/api/v1/cycles/{id}/export?format=csv"), &admin)
        .await
        .text();
    assert!(!csv.lines().skip(1).any(|l| l.starts_with('=')), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[tokio::test]
async fn a_draft_self_assessment_is_the_persons_own_until_submitted_for_an_admin_too() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let member = As::Token(w.member_token.clone());
    let a = app
        .post_json(
            "/api/v1/cycles",
            &admin,
            json!({ "name": "H2 2026 review" }),
        )
        .await;
    let id = a.json()["id"].as_i64().expect("a cycle");
    let uri = format!("/api/v1/cycles/{id}/records/pm1/self");
    let draft =
        json!({ "ratings": ratings("pm"), "notes": "my private first thoughts", "version": 1 });
    let a = put(&app, &member, &uri, draft).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    // The admin sees that a draft exists, and nothing of what it says.
    let record = format!("/api/v1/cycles/{id}/records/pm1");
    let seen = app.get(&record, &admin).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
    let own = &seen.json()["own"];
    assert_eq!(own["state"], "draft");
    assert_eq!(own["visible"], false, "{own}");
    assert_eq!(own["notes"], serde_json::Value::Null, "{own}");
    assert_eq!(own["ratings"], json!({}), "{own}");
    assert!(!seen.text().contains("private first thoughts"));
    // Submitted, it is the admin's to read.
    let a = put(
        &app,
        &member,
        &uri,
        json!({ "ratings": ratings("pm"), "notes": "my private first thoughts", "submit": true, "version": 2 }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let own = app.get(&record, &admin).await.json()["own"].clone();
    assert_eq!(own["visible"], true, "{own}");
    assert_eq!(own["notes"], "my private first thoughts");
}

/// The records of a cycle come a page at a time, by person id, each caller's as they may see
/// them; a page out of range is refused and names its parameter.
#[tokio::test]
async fn a_cycles_records_come_a_page_at_a_time() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let member = As::Token(w.member_token.clone());
    let a = app
        .post_json(
            "/api/v1/cycles",
            &admin,
            json!({ "name": "H2 2026 review" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let id = a.json()["id"].as_i64().unwrap();
    let people = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|r| r["person"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let all = people(
        app.get(&format!("/api/v1/cycles/{id}/records"), &admin)
            .await
            .json(),
    );
    assert_eq!(all.len(), 5);
    assert!(all.windows(2).all(|w| w[0] < w[1]), "by person id: {all:?}");
    let mut paged = Vec::new();
    for offset in [0, 2, 4, 6] {
        let uri = format!("/api/v1/cycles/{id}/records?limit=2&offset={offset}");
        let page = people(app.get(&uri, &admin).await.json());
        assert!(page.len() <= 2);
        paged.extend(page);
    }
    assert_eq!(paged, all);
    let mine = people(
        app.get(&format!("/api/v1/cycles/{id}/records"), &member)
            .await
            .json(),
    );
    assert_eq!(mine, ["pm1"]);
    for (query, location) in [
        ("limit=0", "?limit"),
        ("limit=1001", "?limit"),
        ("offset=-1", "?offset"),
    ] {
        let a = app
            .get(&format!("/api/v1/cycles/{id}/records?{query}"), &admin)
            .await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            a.text()
        );
        assert_eq!(a.json()["errors"][0]["location"], location, "{query}");
    }
}
