//! The organization's company stage, set once on /admin: the pay page opens on its band (the
//! same figures the API gives), and a stage the framework lacks is refused at its field.

use axum::http::StatusCode;

use crate::support::Site;

#[tokio::test]
async fn the_pay_page_opens_on_the_organizations_stage_once_an_admin_sets_it() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;

    let before = pat.get("/pay").await;
    assert!(!before.body.contains("Your organization's company stage"));
    let admin = hana.get("/admin").await;
    assert!(admin.body.contains("The organization's company stage"));
    let csrf = admin.csrf();
    let wrong = hana
        .post("/admin/settings", &[("csrf", &csrf), ("stage", "huge")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.texts("#stage-error").len(), 1, "{}", wrong.body);
    let saved = hana
        .post("/admin/settings", &[("csrf", &csrf), ("stage", "startup")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // Pat holds PM: the page opens on the PM band at a startup, as the API gives it.
    let page = pat.get("/pay").await;
    let tile = page.texts("ul.tiles .tile");
    assert_eq!(tile.len(), 1, "{}", page.body);
    assert!(tile[0].contains("PM at an early-stage startup"), "{tile:?}");
    let api = pat.get("/api/v1/pay/pm").await;
    let bands: serde_json::Value = serde_json::from_str(&api.body).expect("JSON");
    let startup = bands["bands"]
        .as_array()
        .expect("bands")
        .iter()
        .find(|b| b["stage"] == "startup")
        .expect("a startup band");
    let (min, max) = (
        startup["min"].as_u64().expect("min"),
        startup["max"].as_u64().expect("max"),
    );
    let words = |n: u64| format!("${}", rungs_core::words::grouped(n));
    assert!(
        tile[0].contains(&words(min)) && tile[0].contains(&words(max)),
        "{tile:?} against {min}–{max}"
    );
    let set: serde_json::Value =
        serde_json::from_str(&pat.get("/api/v1/org/pay").await.body).expect("JSON");
    assert_eq!(set["stage"], "startup");
}
