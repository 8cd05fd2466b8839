//! The OpenAPI document: generated from the handlers, kept as a snapshot so a change to the
//! API shows in review, and every operation in it is answered.

use axum::http::{Method, StatusCode};

use crate::support::{As, TestApp, world};

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

#[tokio::test]
async fn every_documented_operation_is_answered() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let served = app.get("/api/openapi.json", &admin).await.json();
    let doc = serde_json::to_value(rungs_web::openapi()).expect("JSON");
    assert_eq!(served, doc, "the server serves the document");
    let paths = doc["paths"].as_object().expect("paths");
    let mut count = 0;
    for (path, item) in paths {
        for (method, _) in item.as_object().expect("an item") {
            let uri = path
                .replace(
                    "{id}",
                    if path.contains("users")
                        || path.contains("tokens")
                        || path.contains("assessments/")
                    {
                        "1"
                    } else {
                        "pm1"
                    },
                )
                .replace("{level}", "pm");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let answer = app.call(method.clone(), &uri, &admin, None, &[]).await;
            // Answered by its handler: not the fallback's 404, not 405.
            let fallback =
                answer.status == StatusCode::NOT_FOUND && answer.text().contains("page not found");
            assert!(
                !fallback && answer.status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {uri}: {}",
                answer.status
            );
            count += 1;
        }
    }
    assert!(count >= 40, "{count} operations");
}
