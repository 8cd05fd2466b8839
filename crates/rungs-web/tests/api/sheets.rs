//! The framework as a spreadsheet over the API: exported as XLSX, sent back as XLSX or a CSV
//! matrix, every problem a 422 at its sheet, row and column with nothing changed.

use axum::http::{Method, StatusCode};

use crate::support::{As, TestApp, world};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[tokio::test]
async fn the_ladder_goes_out_and_comes_back_as_a_spreadsheet() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let admin = As::Token(w.admin_token.clone());
    let exported = app
        .get("/api/v1/framework/export?format=xlsx", &admin)
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    assert_eq!(exported.headers["content-type"], XLSX);
    assert!(exported.body.starts_with(b"PK"), "a ZIP archive");
    let before = app
        .get("/api/v1/framework/export?format=json", &admin)
        .await
        .json();

    // Sent back unchanged: a new version saying exactly what the first said.
    let saved = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some((XLSX, exported.body.clone())),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.text());
    let v = saved.json()["version"].clone();
    let published = app
        .post_json(
            &format!("/api/v1/framework/versions/{v}/publish"),
            &admin,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    assert_eq!(saved.json()["version"], 2);
    let after = app
        .get("/api/v1/framework/export?format=json", &admin)
        .await
        .json();
    assert_eq!(after, before);

    // A CSV matrix with an empty cell: refused at its place, nothing changed.
    let mut header = vec!["Area", "Competency"];
    header.extend([
        "APM",
        "PM",
        "Senior PM",
        "Principal PM",
        "Group PM",
        "Director",
        "VP of Product",
        "CPO",
    ]);
    let csv = format!(
        "{}\nCraft,Discovery,Finds out,Finds out,Finds out,Finds out,Finds out,Finds out,Finds out,Finds out\nCraft,Delivery,,Ships,Ships,Ships,Ships,Ships,Ships,Ships\n",
        header.join(",")
    );
    let refused = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("text/csv", csv.clone().into_bytes())),
            &[("if-match", "\"2\"")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    let problem = &refused.json()["errors"][0];
    assert_eq!(problem["sheet"], "Matrix");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(
        problem["location"],
        "framework.csv, sheet Matrix, row 3, column C (APM)"
    );
    let versions = app.get("/api/v1/framework/versions", &admin).await.json();
    assert_eq!(
        versions.as_array().map(Vec::len),
        Some(2),
        "nothing was saved"
    );

    // Mended, the matrix replaces the competencies and keeps the rest.
    let mended = csv.replace("Delivery,,", "Delivery,Ships,");
    let saved = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &admin,
            Some(("text/csv", mended.into_bytes())),
            &[("if-match", "\"2\"")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.text());
    let v = saved.json()["version"].clone();
    let published = app
        .post_json(
            &format!("/api/v1/framework/versions/{v}/publish"),
            &admin,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    let fw = app
        .get("/api/v1/framework/export?format=json", &admin)
        .await
        .json();
    let areas = fw["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0]["competencies"][1]["name"], "Delivery");
    assert_eq!(fw["levels"], before["levels"]);

    // Only an admin changes the ladder.
    let member = As::Token(w.member_token.clone());
    let denied = app
        .call(
            Method::PUT,
            "/api/v1/framework",
            &member,
            Some((XLSX, exported.body)),
            &[("if-match", "\"3\"")],
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}
