//! Every text a person types has a length that fits its use (`rungs_core::limits`), the same
//! through the API as through a roster file: longer is refused at its field, naming the limit,
//! and nothing is written. Evidence, only ever added, is bounded in number too.

use axum::http::{Method, StatusCode};
use rungs_core::limits;
use serde_json::json;

use crate::support::{As, TestApp, assessment, world};

/// The first problem of a 422: (its location, its message).
fn refused(answer: &crate::support::Answer) -> (String, String) {
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    let e = &answer.json()["errors"][0];
    (
        e["location"].as_str().unwrap_or_default().to_owned(),
        e["message"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_text_past_its_limit_is_refused_at_its_field_and_one_at_it_is_taken() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let at = |n: usize| "n".repeat(n);

    // A user's name.
    let user = |name: String, email: &str| json!({ "email": email, "name": name, "password": "apple pie at noon", "role": "member" });
    let long = app
        .post_json(
            "/api/v1/users",
            &admin,
            user(at(limits::NAME + 1), "a@a.test"),
        )
        .await;
    assert_eq!(
        refused(&long),
        (
            "/name".into(),
            "the name is 201 characters long, more than the 200 a name may be".into()
        )
    );
    let ok = app
        .post_json("/api/v1/users", &admin, user(at(limits::NAME), "b@a.test"))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());

    // A token's name.
    let long = app
        .post_json(
            "/api/v1/tokens",
            &admin,
            json!({ "name": at(limits::TOKEN_NAME + 1) }),
        )
        .await;
    assert_eq!(refused(&long).0, "/name");

    // An evidence note, and its link.
    let evidence = |note: String, link: Option<String>| json!({ "milestone": first_milestone(), "note": note, "link": link });
    let long = app
        .post_json(
            "/api/v1/people/pm1/evidence",
            &admin,
            evidence(at(limits::EVIDENCE + 1), None),
        )
        .await;
    assert_eq!(
        refused(&long),
        (
            "/note".into(),
            "the evidence note is 5,001 characters long, more than the 5,000 an evidence note may be"
                .into()
        )
    );
    let long = app
        .post_json(
            "/api/v1/people/pm1/evidence",
            &admin,
            evidence(
                "Led the launch".into(),
                Some(format!("https://x.test/{}", at(2_000))),
            ),
        )
        .await;
    assert_eq!(refused(&long).0, "/link");

    // An assessment's evidence and its assessor, at their place in the document.
    let mut doc = assessment("pm1", "manager", "pm", "2026-07-01");
    let competency = first_competency();
    doc["ratings"][&competency] = json!({ "level": "pm", "evidence": at(limits::EVIDENCE + 1) });
    let long = app
        .post_json("/api/v1/people/pm1/assessments", &admin, doc)
        .await;
    let (location, message) = refused(&long);
    assert!(location.contains(&competency), "{location}");
    assert!(message.contains("more than the 5,000"), "{message}");
    let mut doc = assessment("pm1", "manager", "pm", "2026-07-01");
    doc["assessor"]["name"] = json!(at(limits::NAME + 1));
    let long = app
        .post_json("/api/v1/people/pm1/assessments", &admin, doc)
        .await;
    assert!(refused(&long).1.contains("the assessor's name"));

    // A person's name, title and location, through the API and in a roster file.
    let person = app.get("/api/v1/people/pm1", &admin).await.json();
    for field in ["name", "title", "location"] {
        let mut body = json!({ "name": "Ann", "level": "pm", "track": "ic", "manager": "d1" });
        body[field] = json!(at(201));
        let long = app
            .call(
                Method::PUT,
                "/api/v1/people/pm1",
                &admin,
                Some(("application/json", body.to_string().into_bytes())),
                &[("if-match", &person["version"].to_string())],
            )
            .await;
        let (location, message) = refused(&long);
        assert_eq!(location, format!("/{field}"));
        assert!(message.contains("more than the 200"), "{message}");
    }
    let before = app.store().count_people(w.org).await.expect("count");
    let roster = format!(
        "id,name,level,manager\ncpo,Chris,cpo,\nd1,Dana,director,cpo\nlong,{},pm,d1\n",
        at(50_000)
    );
    let long = app
        .call(
            Method::POST,
            "/api/v1/roster",
            &admin,
            Some(("text/csv", roster.into_bytes())),
            &[],
        )
        .await;
    let (location, message) = refused(&long);
    assert_eq!(location, "roster.csv:4, column 2 (name)");
    assert_eq!(
        message,
        "the name is 50,000 characters long, more than the 200 a name may be"
    );
    assert_eq!(
        app.store().count_people(w.org).await.expect("count"),
        before
    );
}

#[tokio::test]
async fn evidence_only_ever_added_stops_at_its_number() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let note = |i: usize| json!({ "milestone": first_milestone(), "note": format!("Step {i}") });
    for i in 0..limits::EVIDENCE_PER_PERSON {
        let ok = app
            .post_json("/api/v1/people/pm2/evidence", &admin, note(i))
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{i}: {}", ok.text());
    }
    let more = app
        .post_json("/api/v1/people/pm2/evidence", &admin, note(0))
        .await;
    assert_eq!(more.status, StatusCode::CONFLICT, "{}", more.text());
    assert!(
        more.text().contains("200 evidence notes"),
        "{}",
        more.text()
    );
}

fn first_milestone() -> String {
    rungs_core::framework::builtin()
        .moves()
        .iter()
        .flat_map(|m| m.milestones.iter())
        .map(|m| m.id.clone())
        .next()
        .expect("a milestone")
}

fn first_competency() -> String {
    rungs_core::framework::builtin()
        .competencies()
        .map(|(_, c)| c.id.clone())
        .next()
        .expect("a competency")
}

#[tokio::test]
async fn the_organizations_stage_is_read_by_anyone_and_set_by_an_admin_with_an_object() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let member = As::Token(w.member_token.clone());
    async fn put(app: &TestApp, who: &As, body: &str) -> crate::support::Answer {
        app.call(
            Method::PUT,
            "/api/v1/org/pay",
            who,
            Some(("application/json", body.as_bytes().to_vec())),
            &[],
        )
        .await
    }
    // A list in place of the object is refused, whatever the object's fields may be.
    let listed = put(&app, &admin, "[null, null]").await;
    assert_eq!(listed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(listed.json()["errors"][0]["location"], "/");
    let wrong = put(&app, &admin, r#"{"stage": "huge"}"#).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json()["errors"][0]["location"], "/stage");
    assert_eq!(
        put(&app, &member, r#"{"stage": "large"}"#).await.status,
        StatusCode::FORBIDDEN
    );
    let set = put(&app, &admin, r#"{"stage": "large", "zone": null}"#).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    let read = app.get("/api/v1/org/pay", &member).await;
    assert_eq!(read.json(), json!({ "stage": "large", "zone": null }));
}
