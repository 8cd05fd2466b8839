//! The OpenAPI document: generated from the handlers, kept as a snapshot so a change to the
//! API shows in review, and every operation in it is answered as it says: with a documented
//! status, content type and a body that its schema accepts.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{As, TestApp, assessment, world};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/openapi.json");

#[test]
fn the_openapi_document_matches_its_snapshot() {
    let doc = serde_json::to_string_pretty(&rungs_web::openapi()).expect("JSON") + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(SNAPSHOT, &doc).expect("the snapshot is written");
    }
    let kept = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        kept == doc,
        "the OpenAPI document changed: review it, then run with UPDATE_SNAPSHOTS=1 to keep it"
    );
}

#[test]
fn no_body_is_documented_as_a_bare_object() {
    let doc = serde_json::to_value(rungs_web::openapi()).expect("JSON");
    let mut bare = Vec::new();
    fn walk(v: &Value, at: &str, bare: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                let object = map.get("type") == Some(&json!("object"));
                let described = [
                    "properties",
                    "additionalProperties",
                    "allOf",
                    "oneOf",
                    "$ref",
                ]
                .iter()
                .any(|k| map.contains_key(*k));
                // The audit log's detail is free-form on purpose: it records what each change held.
                if object && !described && !at.ends_with("AuditEntry/properties/detail") {
                    bare.push(at.to_owned());
                }
                for (k, child) in map {
                    walk(child, &format!("{at}/{k}"), bare);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), bare);
                }
            }
            _ => {}
        }
    }
    walk(&doc, "", &mut bare);
    assert!(bare.is_empty(), "{bare:#?}");
    // Every error answer is problem+json.
    let problems = &doc["components"]["responses"]["Problems"]["content"];
    assert!(
        problems.get("application/problem+json").is_some(),
        "{problems}"
    );
}

/// A request: its address, its body with the body's content type, and its headers.
type Sample = (
    String,
    Option<(&'static str, Vec<u8>)>,
    Vec<(&'static str, String)>,
);

/// A request that the seeded world answers with success, for an operation of the document.
fn sample(method: &str, path: &str, w: &crate::support::World) -> Sample {
    let fw = rungs_core::framework::builtin();
    let json_body = |v: Value| Some(("application/json", v.to_string().into_bytes()));
    let answers: serde_json::Map<String, Value> = fw
        .track_choice()
        .iter()
        .map(|f| (f.id.clone(), json!(f.options[0].id)))
        .collect();
    let milestone = fw.moves()[0].milestones[0].id.clone();
    let history = format!(
        "person,date,assessor_kind,assessor,{}\npm2,2026-07-01,self,Bo,{}\n",
        fw.competencies()
            .map(|(_, c)| c.id.as_str())
            .collect::<Vec<_>>()
            .join(","),
        vec!["pm"; fw.competencies().count()].join(",")
    );
    let uri = path.replace("{level}", "pm").replace(
        "{id}",
        &match path {
            p if p.starts_with("/api/v1/assessments/") => w.pm1_assessment.to_string(),
            p if p.starts_with("/api/v1/users/") => w.admin.id.0.to_string(),
            p if p.starts_with("/api/v1/tokens/") => "1".to_owned(),
            _ => "pm1".to_owned(),
        },
    );
    match (method, path) {
        ("GET", "/api/v1/compare") => (format!("{uri}?a=pm&b=senior-pm"), None, vec![]),
        ("GET", "/api/v1/path") => (format!("{uri}?from=pm&to=director&runs=200"), None, vec![]),
        ("GET", "/api/v1/path/destinations") => (format!("{uri}?from=pm&runs=200"), None, vec![]),
        ("GET", "/api/v1/pay/{level}/check") => (format!("{uri}?amount=150000"), None, vec![]),
        ("GET", "/api/v1/team/report") => (format!("{uri}?as_of=2026-11-01"), None, vec![]),
        ("POST", "/api/v1/evaluate") => (
            uri,
            json_body(assessment("pm1", "manager", "pm", "2026-06-01")),
            vec![],
        ),
        ("POST", "/api/v1/titles") => (
            uri,
            json_body(
                json!({ "titles": ["Sr PM, Payments", "Head of Product", "Program Manager"] }),
            ),
            vec![],
        ),
        ("POST", "/api/v1/track") => (uri, json_body(json!({ "answers": answers })), vec![]),
        ("POST", "/api/v1/people") => (
            uri,
            json_body(
                json!({ "id": "new1", "name": "New One", "level": "pm", "manager": "d1", "pay": "$120K" }),
            ),
            vec![],
        ),
        ("PUT", "/api/v1/people/{id}") => (
            uri,
            json_body(json!({ "name": "Ann", "level": "pm", "manager": "d1" })),
            vec![("if-match", "\"1\"".to_owned())],
        ),
        ("POST", "/api/v1/people/{id}/assessments") => (
            uri,
            json_body(assessment("pm1", "manager", "senior-pm", "2026-09-01")),
            vec![],
        ),
        ("POST", "/api/v1/people/{id}/evidence") => (
            uri,
            json_body(json!({ "milestone": milestone, "note": "Shipped it" })),
            vec![],
        ),
        ("POST", "/api/v1/roster") => (
            uri,
            Some((
                "text/csv",
                b"id,name,level,manager\nnew2,New Two,apm,d2\n".to_vec(),
            )),
            vec![],
        ),
        ("POST", "/api/v1/assessments/import") => {
            (uri, Some(("text/csv", history.into_bytes())), vec![])
        }
        ("PUT", "/api/v1/framework") => (
            uri,
            Some((
                "application/toml",
                rungs_core::framework::BUILTIN_TOML.as_bytes().to_vec(),
            )),
            vec![("if-match", "\"1\"".to_owned())],
        ),
        ("POST", "/api/v1/users") => (
            uri,
            json_body(
                json!({ "email": "new@a.test", "name": "New", "password": "a long passphrase", "role": "member" }),
            ),
            vec![],
        ),
        ("PATCH", "/api/v1/users/{id}") => (
            uri,
            json_body(json!({ "role": "admin", "person": "cpo", "version": 1 })),
            vec![],
        ),
        ("POST", "/api/v1/tokens") => (uri, json_body(json!({ "name": "contract" })), vec![]),
        ("POST", "/api/v1/auth/login") => (
            uri,
            json_body(json!({ "email": "admin@a.test", "password": "not the password" })),
            vec![],
        ),
        ("POST", "/api/v1/setup") => (
            uri,
            json_body(
                json!({ "code": "x", "organization": "X", "name": "X", "email": "x@x.test", "password": "a long passphrase" }),
            ),
            vec![],
        ),
        _ => (uri, None, vec![]),
    }
}

/// The schema of a documented answer, resolved, as a document the validator can follow
/// references in.
fn answer_schema(doc: &Value, response: &Value, content_type: &str) -> Option<Value> {
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            &doc["components"]["responses"][name]
        }
        None => response,
    };
    let content = response.get("content")?.as_object()?;
    let (_, media) = content
        .iter()
        .find(|(ct, _)| content_type.starts_with(ct.as_str()))?;
    let mut schema = media.get("schema")?.clone();
    if let Value::Object(map) = &mut schema {
        map.insert("components".into(), doc["components"].clone());
    }
    Some(schema)
}

#[tokio::test]
async fn every_documented_operation_is_answered_as_documented() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let served = app.get("/api/openapi.json", &admin).await.json();
    let doc = serde_json::to_value(rungs_web::openapi()).expect("JSON");
    assert_eq!(served, doc, "the server serves the document");
    let mut operations: Vec<(String, String, Value)> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("an item") {
            operations.push((method.to_uppercase(), path.clone(), op.clone()));
        }
    }
    // Reads first, then changes, revoking a token last (it is the admin's own).
    let rank = |m: &str| match m {
        "GET" => 0,
        "DELETE" => 2,
        _ => 1,
    };
    operations.sort_by_key(|(m, p, _)| (rank(m), p.clone()));
    let mut checked_bodies = 0;
    for (method, path, op) in &operations {
        let (uri, body, headers) = sample(method, path, &w);
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let m = Method::from_bytes(method.as_bytes()).expect("a method");
        let answer = app.call(m, &uri, &admin, body, &headers).await;
        let status = answer.status.as_u16().to_string();
        let Some(documented) = op["responses"].get(&status) else {
            panic!(
                "{method} {uri}: {status} is not documented ({}): {}",
                op["responses"]
                    .as_object()
                    .map(|r| r.keys().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                answer.text()
            );
        };
        assert_ne!(
            answer.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {uri}"
        );
        let content_type = answer
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        if answer.body.is_empty() {
            continue;
        }
        let Some(schema) = answer_schema(&doc, documented, &content_type) else {
            panic!("{method} {uri}: {status} answered {content_type}, which is not documented");
        };
        if !content_type.contains("json") {
            continue;
        }
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{method} {path}: the schema does not compile: {e}"));
        let body = answer.json();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{method} {uri} ({status}): {errors:#?}");
        checked_bodies += 1;
    }
    assert!(operations.len() >= 45, "{} operations", operations.len());
    assert!(checked_bodies >= 40, "{checked_bodies} bodies checked");
}

#[tokio::test]
async fn errors_match_the_problem_schema() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let doc = serde_json::to_value(rungs_web::openapi()).expect("JSON");
    let problems = json!({ "$ref": "#/components/responses/Problems" });
    let schema = answer_schema(&doc, &problems, "application/problem+json").expect("documented");
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    for (uri, status) in [
        ("/api/v1/compare?a=pm", 422),
        ("/api/v1/explore?what=industrys", 422),
        ("/api/v1/path?from=pm&to=cpo&runs=lots", 422),
        ("/api/v1/levels/nope", 404),
        ("/api/v1/people/nobody", 404),
        ("/api/v1/nowhere", 404),
    ] {
        let answer = app.get(uri, &admin).await;
        assert_eq!(answer.status.as_u16(), status, "{uri}: {}", answer.text());
        assert_eq!(
            answer
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json"),
            "{uri}"
        );
        let body = answer.json();
        assert!(validator.is_valid(&body), "{uri}: {body}");
    }
    let unsigned = app.get("/api/v1/levels", &As::Nobody).await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    assert!(validator.is_valid(&unsigned.json()));
}

#[test]
fn the_schemas_refuse_a_body_of_the_wrong_shape() {
    let doc = serde_json::to_value(rungs_web::openapi()).expect("JSON");
    let op = &doc["paths"]["/api/v1/pay/{level}"]["get"]["responses"]["200"];
    let schema = answer_schema(&doc, op, "application/json").expect("documented");
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    // The shape the endpoint once answered with, an array, is not what it documents.
    assert!(!validator.is_valid(&json!([{ "level": "pm" }])));
    assert!(!validator.is_valid(&json!({ "level": "pm", "bands": "none" })));
}

#[tokio::test]
async fn what_the_framework_refuses_before_a_handler_answers_as_a_problem_too() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let problem = |a: &crate::support::Answer| {
        a.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .starts_with("application/problem+json")
    };
    // A path value of the wrong kind.
    let bad_path = app.get("/api/v1/assessments/not-a-number", &admin).await;
    assert_eq!(bad_path.status, StatusCode::BAD_REQUEST);
    assert!(problem(&bad_path), "{:?}", bad_path.headers);
    assert_eq!(bad_path.json()["status"], 400);
    // A method the address does not take: 405, its Allow header kept.
    let wrong = app
        .call(Method::DELETE, "/api/v1/levels", &admin, None, &[])
        .await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(problem(&wrong));
    assert!(wrong.headers.get("allow").is_some());
    assert!(
        !wrong.json()["title"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    // `/evaluate` takes what every JSON body may hold (4 MiB), and refuses more as a problem.
    let three = format!("{{\"padding\": \"{}\"}}", "x".repeat(3 << 20));
    let big = app
        .call(
            Method::POST,
            "/api/v1/evaluate",
            &admin,
            Some(("application/json", three.into_bytes())),
            &[],
        )
        .await;
    assert_eq!(
        big.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "3 MiB is read and checked"
    );
    let five = vec![b' '; 5 << 20];
    let too_big = app
        .call(
            Method::POST,
            "/api/v1/evaluate",
            &admin,
            Some(("application/json", five)),
            &[],
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(problem(&too_big));
    // `If-Match: *` names no version: 428, as a problem.
    let star = app
        .call(
            Method::PUT,
            "/api/v1/people/pm1",
            &admin,
            Some((
                "application/json",
                json!({ "name": "Ann", "level": "pm" })
                    .to_string()
                    .into_bytes(),
            )),
            &[("if-match", "*")],
        )
        .await;
    assert_eq!(star.status, StatusCode::PRECONDITION_REQUIRED);
    assert!(problem(&star));
}
