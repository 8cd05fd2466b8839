//! People are chosen in forms by name (or roster id), never by id alone: a review for the
//! people under a manager named by name, an account linked by name, and a name that fits no
//! one refused at its field with nothing saved.

use axum::http::StatusCode;

use crate::support::Site;

#[tokio::test]
async fn forms_take_a_persons_name_and_refuse_one_that_fits_no_one_at_the_field() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let app = &site.state.app;
    let admin = rungs_app::Actor::cli(rungs_store::OrgId(1));

    // A review for Gil Group's people, named by name.
    let csrf = hana.get("/cycles").await.csrf();
    let wrong = hana
        .post(
            "/cycles",
            &[("csrf", &csrf), ("name", "Gil's review"), ("under", "Gail")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts("#under-error"),
        [
            "Error: No one you may see is named or has the roster id “Gail”: type their whole name, or their roster id"
        ]
    );
    assert!(
        app.cycles()
            .cycles(&admin)
            .await
            .expect("cycles")
            .is_empty()
    );
    let made = hana
        .post(
            "/cycles",
            &[
                ("csrf", &csrf),
                ("name", "Gil's review"),
                ("under", "gil group"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let cycles = app.cycles().cycles(&admin).await.expect("cycles");
    assert_eq!(cycles.len(), 1);
    let review = hana.get(&format!("/cycles/{}", cycles[0].id)).await;
    assert!(review.body.contains("Pat One"), "Pat reports to Gil");

    // An account linked to a person by name.
    let csrf = hana.get("/admin/users").await.csrf();
    let added = hana
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("way", "password"),
                ("email", "head2@acme.test"),
                ("name", "Hana again"),
                ("password", "correct horse battery staple"),
                ("role", "member"),
                ("person", "Hana Head"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let users = app.accounts().users(&admin).await.expect("users");
    let linked = users
        .iter()
        .find(|u| u.email == "head2@acme.test")
        .expect("added");
    assert_eq!(linked.person.as_deref(), Some("head"));
}
