//! The authorization matrix: every endpoint, asked by every role, allowed or refused as the
//! policy says. Records of another person or organization answer 404, with no data.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{As, TestApp, World, assessment, world};

/// The roles, in the order each row lists what they get. The admin asks last, so that what
/// the admin changes does not change what the others are answered.
const ROLES: [&str; 5] = ["anonymous", "outsider", "member", "manager", "admin"];

fn who(w: &World, role: &str) -> As {
    match role {
        "anonymous" => As::Nobody,
        "outsider" => As::Token(w.outsider_token.clone()),
        "member" => As::Token(w.member_token.clone()),
        "manager" => As::Token(w.manager_token.clone()),
        _ => As::Token(w.admin_token.clone()),
    }
}

struct Row {
    method: Method,
    path: String,
    body: Option<(&'static str, Vec<u8>)>,
    headers: Vec<(&'static str, String)>,
    /// Status for anonymous, outsider, member, manager, admin.
    expect: [u16; 5],
}

fn row(method: Method, path: &str, expect: [u16; 5]) -> Row {
    Row {
        method,
        path: path.to_owned(),
        body: None,
        headers: Vec::new(),
        expect,
    }
}

fn with_json(mut r: Row, body: serde_json::Value) -> Row {
    r.body = Some(("application/json", body.to_string().into_bytes()));
    r
}

fn rows(w: &World) -> Vec<Row> {
    let (x, y) = (w.pm1_assessment, w.pm2_assessment);
    let roster = "id,name,level,manager\nr1,Ray,pm,\n";
    let person = |id: &str| json!({ "id": id, "name": "New", "level": "pm" });
    let fields = json!({ "name": "Changed", "level": "pm" });
    let mut all = vec![
        row(Method::GET, "/healthz", [200; 5]),
        row(Method::GET, "/readyz", [200; 5]),
        row(Method::GET, "/api/openapi.json", [200; 5]),
        with_json(
            row(Method::POST, "/api/v1/setup", [409; 5]),
            json!({ "code": "x", "organization": "O", "name": "N", "email": "n@o.test", "password": "long enough pw" }),
        ),
        row(Method::GET, "/api/v1/auth/me", [401, 200, 200, 200, 200]),
        // These callers use API tokens, which are revoked, not signed out of.
        row(
            Method::POST,
            "/api/v1/auth/logout",
            [401, 400, 400, 400, 400],
        ),
        row(Method::GET, "/api/v1/users", [401, 200, 403, 403, 200]),
        with_json(
            row(
                Method::PATCH,
                &format!("/api/v1/users/{}", w.member.id.0),
                [401, 404, 403, 403, 200],
            ),
            json!({ "role": "member", "person": "pm1", "version": 1 }),
        ),
        row(Method::GET, "/api/v1/tokens", [401, 200, 200, 200, 200]),
        row(
            Method::GET,
            "/api/v1/tokens?all=true",
            [401, 200, 403, 403, 200],
        ),
        with_json(
            row(Method::POST, "/api/v1/tokens", [401, 201, 201, 201, 201]),
            json!({ "name": "script" }),
        ),
        row(Method::GET, "/api/v1/framework", [401, 200, 200, 200, 200]),
        row(
            Method::GET,
            "/api/v1/framework/export",
            [401, 200, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/framework/export?format=json",
            [401, 200, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/framework/versions",
            [401, 200, 200, 200, 200],
        ),
        row(Method::GET, "/api/v1/levels", [401, 200, 200, 200, 200]),
        row(
            Method::GET,
            "/api/v1/levels/senior-pm",
            [401, 200, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/compare?a=pm&b=senior-pm",
            [401, 200, 200, 200, 200],
        ),
        row(Method::GET, "/api/v1/pay/pm", [401, 200, 200, 200, 200]),
        row(
            Method::GET,
            "/api/v1/explore?what=specializations",
            [401, 200, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/pay/pm/check?stage=large&amount=150000",
            [401, 200, 200, 200, 200],
        ),
        with_json(
            row(Method::POST, "/api/v1/titles", [401, 200, 200, 200, 200]),
            json!({ "titles": ["Sr PM, Payments"] }),
        ),
        with_json(
            row(Method::POST, "/api/v1/track", [401, 200, 200, 200, 200]),
            json!({ "framework": "product-management", "answers": { "strengths": "deep-product-work" } }),
        ),
        row(
            Method::GET,
            "/api/v1/path?from=pm&to=director",
            [401, 200, 200, 200, 200],
        ),
        row(Method::GET, "/api/v1/people", [401, 200, 200, 200, 200]),
        row(Method::GET, "/api/v1/people/pm1", [401, 404, 200, 200, 200]),
        row(Method::GET, "/api/v1/people/pm2", [401, 404, 404, 404, 200]),
        with_json(
            row(Method::POST, "/api/v1/people", [401, 201, 403, 403, 201]),
            person("new-1"),
        ),
        row(Method::GET, "/api/v1/roster", [401, 200, 403, 403, 200]),
        row(
            Method::GET,
            "/api/v1/people/pm1/assessments",
            [401, 404, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/people/pm2/assessments",
            [401, 404, 404, 404, 200],
        ),
        with_json(
            row(
                Method::POST,
                "/api/v1/people/pm1/assessments",
                [401, 404, 403, 201, 201],
            ),
            assessment("pm1", "manager", "pm", "2026-07-01"),
        ),
        with_json(
            row(
                Method::POST,
                "/api/v1/people/pm2/assessments",
                [401, 404, 404, 404, 201],
            ),
            assessment("pm2", "manager", "pm", "2026-07-01"),
        ),
        row(
            Method::GET,
            &format!("/api/v1/assessments/{x}"),
            [401, 404, 200, 200, 200],
        ),
        row(
            Method::GET,
            &format!("/api/v1/assessments/{y}"),
            [401, 404, 404, 404, 200],
        ),
        row(
            Method::GET,
            &format!("/api/v1/assessments/{x}/evaluation"),
            [401, 404, 200, 200, 200],
        ),
        row(
            Method::GET,
            &format!("/api/v1/assessments/{y}/evaluation"),
            [401, 404, 404, 404, 200],
        ),
        with_json(
            row(Method::POST, "/api/v1/evaluate", [401, 200, 200, 200, 200]),
            assessment("anyone", "self", "pm", "2026-07-01"),
        ),
        row(
            Method::GET,
            "/api/v1/people/pm1/evidence",
            [401, 404, 200, 200, 200],
        ),
        row(
            Method::GET,
            "/api/v1/people/pm2/evidence",
            [401, 404, 404, 404, 200],
        ),
        with_json(
            row(
                Method::POST,
                "/api/v1/people/pm1/evidence",
                [401, 404, 201, 201, 201],
            ),
            json!({ "milestone": first_milestone(), "note": "Shipped it" }),
        ),
        with_json(
            row(
                Method::POST,
                "/api/v1/people/pm2/evidence",
                [401, 404, 404, 404, 201],
            ),
            json!({ "milestone": first_milestone(), "note": "Shipped it" }),
        ),
        row(
            Method::GET,
            "/api/v1/team/report?as_of=2026-11-01",
            [401, 200, 403, 200, 200],
        ),
        row(Method::GET, "/api/v1/audit", [401, 200, 403, 403, 200]),
    ];
    for which in ["gap", "readiness", "plan", "packet"] {
        all.push(row(
            Method::GET,
            &format!("/api/v1/people/pm1/{which}"),
            [401, 404, 200, 200, 200],
        ));
        all.push(row(
            Method::GET,
            &format!("/api/v1/people/pm2/{which}"),
            [401, 404, 404, 404, 200],
        ));
    }
    let mut update = |path: &str, expect: [u16; 5]| {
        let mut r = with_json(row(Method::PUT, path, expect), fields.clone());
        r.headers.push(("if-match", "\"1\"".into()));
        all.push(r);
    };
    update("/api/v1/people/pm1", [401, 404, 403, 403, 200]);
    update("/api/v1/people/pm2", [401, 404, 404, 404, 200]);
    let mut upload = row(Method::POST, "/api/v1/roster", [401, 200, 403, 403, 200]);
    upload.body = Some(("text/csv", roster.as_bytes().to_vec()));
    all.push(upload);
    let mut framework = row(Method::PUT, "/api/v1/framework", [401, 201, 403, 403, 201]);
    framework.body = Some((
        "application/toml",
        rungs_core::framework::BUILTIN_TOML.as_bytes().to_vec(),
    ));
    framework.headers.push(("if-match", "\"1\"".into()));
    all.push(framework);
    all
}

fn first_milestone() -> String {
    rungs_core::framework::builtin()
        .milestones("pm", "senior-pm")
        .first()
        .map(|m| m.id.clone())
        .expect("PM to Senior PM has milestones")
}

/// The token the admin of A may revoke: their own. Others may not see it.
async fn token_row(app: &TestApp, w: &World) -> Row {
    let tokens = app
        .get("/api/v1/tokens", &As::Token(w.admin_token.clone()))
        .await
        .json();
    let id = tokens[0]["id"].as_i64().expect("a token id");
    row(
        Method::DELETE,
        &format!("/api/v1/tokens/{id}"),
        [401, 404, 404, 404, 200],
    )
}

#[tokio::test]
async fn every_endpoint_allows_and_refuses_each_role_as_the_policy_says() {
    let probe = TestApp::new().await;
    let probe_world = world(&probe).await;
    let count = rows(&probe_world).len() + 1;
    let mut failures = Vec::new();
    for i in 0..count {
        // A fresh world for each endpoint, so what one changes cannot decide another.
        let app = TestApp::new().await;
        let w = world(&app).await;
        let mut all = rows(&w);
        all.push(token_row(&app, &w).await);
        let r = &all[i];
        for (role, &expect) in ROLES.iter().zip(&r.expect) {
            let headers: Vec<(&str, &str)> =
                r.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let body = r.body.as_ref().map(|(t, b)| (*t, b.clone()));
            let answer = app
                .call(r.method.clone(), &r.path, &who(&w, role), body, &headers)
                .await;
            if answer.status != StatusCode::from_u16(expect).expect("a status") {
                failures.push(format!(
                    "{} {} as {role}: {} (expected {expect}) {}",
                    r.method,
                    r.path,
                    answer.status.as_u16(),
                    answer.text().chars().take(200).collect::<String>()
                ));
            }
            if answer.status == StatusCode::NOT_FOUND {
                // A refusal says nothing about the record.
                for secret in ["Ann", "Bo\"", "Oli", "Dana", "150000"] {
                    assert!(
                        !answer.text().contains(secret),
                        "{} {} as {role} leaks {secret}: {}",
                        r.method,
                        r.path,
                        answer.text()
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn organizations_see_only_their_own() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let outsider = As::Token(w.outsider_token.clone());
    let people = app.get("/api/v1/people", &outsider).await.json();
    let ids: Vec<&str> = people
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, ["b1"]);
    let users = app.get("/api/v1/users", &outsider).await.json();
    assert_eq!(users.as_array().map(Vec::len), Some(1));
    assert_eq!(users[0]["email"], "admin@b.test");
    let audit = app.get("/api/v1/audit", &outsider).await.text();
    assert!(!audit.contains("admin@a.test"), "{audit}");
    let roster = app.get("/api/v1/roster", &outsider).await.text();
    assert!(
        roster.contains("b1,Bea") && !roster.contains("Ann"),
        "{roster}"
    );
    // A's ids, guessed, answer exactly like ids that do not exist.
    let guessed = app.get("/api/v1/people/pm1", &outsider).await;
    let missing = app.get("/api/v1/people/nobody", &outsider).await;
    assert_eq!(
        (guessed.status, guessed.json()),
        (missing.status, missing.json())
    );
    let a = app
        .get(
            &format!("/api/v1/assessments/{}", w.pm1_assessment),
            &outsider,
        )
        .await;
    let none = app.get("/api/v1/assessments/999999", &outsider).await;
    assert_eq!((a.status, a.json()), (none.status, none.json()));
    // A manager's list is themselves and the people under them.
    let mine = app
        .get("/api/v1/people", &As::Token(w.manager_token.clone()))
        .await
        .json();
    let ids: Vec<&str> = mine
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, ["d1", "pm1"]);
    let asked_wider = app
        .get(
            "/api/v1/people?under=cpo",
            &As::Token(w.manager_token.clone()),
        )
        .await;
    assert_eq!(asked_wider.status, StatusCode::NOT_FOUND);
    let member = app
        .get("/api/v1/people", &As::Token(w.member_token.clone()))
        .await
        .json();
    assert_eq!(member.as_array().map(Vec::len), Some(1));
    assert_eq!(member[0]["id"], "pm1");
    assert_eq!(w.org, w.admin.org);
    assert_ne!(w.manager.org, w.outsider.org);
}
