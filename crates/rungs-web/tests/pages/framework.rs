//! The ladder as the organization's own: uploads refused at their line and column with nothing
//! changed, JSON as well as TOML, forms the loader checks with each problem beside its field,
//! versions side by side, and the assessments made against each version.

use axum::http::StatusCode;

use crate::assert_landmarks;
use crate::support::{Client, Page, Site};

async fn upload(client: &mut Client<'_>, csrf: &str, name: &str, text: &str) -> Page {
    let boundary = "rungs-framework-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n{text}\r\n--{boundary}--\r\n"
    );
    client
        .multipart("/admin/framework/upload", boundary, body)
        .await
}

/// Follows a saved upload or edit to its preview, which says it is a draft, and publishes it
/// from there; the version published.
async fn publish(client: &mut Client<'_>, csrf: &str, saved: &Page) -> i64 {
    let at = saved.location.clone().expect("to the preview");
    assert!(at.starts_with("/admin/framework/versions/"), "{at}");
    let preview = client.get(&at).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_landmarks("a version's preview", &preview);
    assert!(
        preview.body.contains("saved as a draft"),
        "{}",
        preview.body
    );
    let number: i64 = at["/admin/framework/versions/".len()..]
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a version number");
    let done = client
        .post(
            &format!("/admin/framework/versions/{number}/publish"),
            &[("csrf", csrf)],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    number
}

async fn version(site: &Site) -> i64 {
    site.state
        .app
        .framework(rungs_store::OrgId(1))
        .await
        .expect("a framework")
        .0
        .0
}

#[tokio::test]
async fn a_framework_is_uploaded_checked_compared_and_edited_in_forms() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let first = hana.get("/admin/framework").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_landmarks("/admin/framework", &first);
    let csrf = first.csrf();
    // Saved today (stored times are in milliseconds).
    let today = rungs_core::Date::today().to_string();
    assert!(
        first.texts("p.lead")[0].contains(&format!("saved {today}")),
        "{:?}",
        first.texts("p.lead")
    );
    let v1 = version(&site).await;
    // The two assessments of the team were made against the version in use.
    let rows = first.texts("tbody tr td:nth-child(5)");
    assert_eq!(rows, ["2"], "{}", first.body);

    // A file with problems: each at its line and column, and nothing changes.
    let source = rungs_core::framework::BUILTIN_TOML;
    let bad = source
        .replacen("title = \"Product Manager\"", "title = \"\"", 1)
        .replacen(
            "min = 70_000, max = 100_000",
            "min = 170_000, max = 100_000",
            1,
        );
    let refused = upload(&mut hana, &csrf, "mine.toml", &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let problems = refused.texts(".error-summary li");
    let line_of = |needle: &str| {
        bad.lines()
            .position(|l| l.contains(needle))
            .expect("in the file")
            + 1
    };
    assert!(
        problems.iter().any(|p| p
            .starts_with(&format!("Line {}, column", line_of("title = \"\"")))
            && p.contains("levels[1].title")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p
            .starts_with(&format!("Line {}, column", line_of("min = 170_000")))
            && p.contains("is above its `max`")),
        "{problems:?}"
    );
    assert_eq!(version(&site).await, v1, "nothing changed");

    // The same ladder as JSON, one title changed: a new version, kept as TOML.
    let mut tree = rungs_core::framework::document::tree(source).expect("a tree");
    rungs_core::framework::document::set(&mut tree, "levels[1].title", "Product Manager II".into())
        .expect("set");
    let json = serde_json::to_string_pretty(&tree).expect("JSON");
    let saved = upload(&mut hana, &csrf, "mine.json", &json).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(version(&site).await, v1, "a draft changes nothing yet");
    let published = publish(&mut hana, &csrf, &saved).await;
    let v2 = version(&site).await;
    assert_eq!(published, v2);
    assert!(v2 > v1);
    let download = hana
        .get(&format!("/admin/framework/source?version={v2}"))
        .await;
    assert!(
        download.body.contains("title = \"Product Manager II\""),
        "kept as TOML"
    );
    // The two versions side by side: the one value that differs.
    let diff = hana
        .get(&format!("/admin/framework/diff?a={v1}&b={v2}"))
        .await;
    assert_landmarks("/admin/framework/diff", &diff);
    assert_eq!(diff.texts("tbody th"), ["Levels › PM › Title"]);
    assert_eq!(
        diff.texts("tbody td"),
        ["Product Manager", "Product Manager II"]
    );
    // The versions table: the old version keeps its assessments, the new one has none yet.
    let overview = hana.get("/admin/framework").await;
    assert_eq!(overview.texts("tbody tr td:nth-child(5)"), ["0", "2"]);

    // Forms: a title, checked by the loader, each problem beside its field.
    let form = hana.get("/admin/framework/edit?part=titles").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_landmarks("/admin/framework/edit?part=titles", &form);
    let v2_text = v2.to_string();
    let empty = hana
        .post(
            "/admin/framework/edit?part=titles",
            &[
                ("csrf", &csrf),
                ("after", &v2_text),
                ("levels[1].title", ""),
            ],
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert_eq!(
        empty.texts("[id='levels[1].title-error']"),
        ["Error: this text is empty"],
        "{}",
        empty.body
    );
    assert_eq!(version(&site).await, v2, "nothing changed");
    // Fields the form did not send are left as they are (only what changed is written).
    let retitled = hana
        .post(
            "/admin/framework/edit?part=titles",
            &[
                ("csrf", &csrf),
                ("after", &v2_text),
                ("levels[1].title", "Product Manager"),
                ("levels[1].short_title", "PM"),
            ],
        )
        .await;
    assert_eq!(retitled.status, StatusCode::SEE_OTHER, "{}", retitled.body);
    publish(&mut hana, &csrf, &retitled).await;
    // A pay band the wrong way round is refused beside its minimum.
    let v3 = version(&site).await.to_string();
    let pay = hana.get("/admin/framework/edit?part=pay").await;
    assert_eq!(pay.status, StatusCode::OK);
    let band = hana
        .post(
            "/admin/framework/edit?part=pay",
            &[
                ("csrf", &csrf),
                ("after", &v3),
                ("compensation.bands[0].ranges.startup.min", "170,000"),
            ],
        )
        .await;
    assert_eq!(
        band.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        band.body
    );
    let said = band.texts("[id='compensation.bands[0].ranges.startup.min-error']");
    assert_eq!(said.len(), 1, "{}", band.body);
    assert!(said[0].contains("is above its `max`"), "{said:?}");
    // Expectations are edited the same way.
    let exp = hana.get("/admin/framework/edit?part=expectations").await;
    assert_eq!(exp.status, StatusCode::OK);
    assert!(
        exp.body
            .contains("Basic understanding of how products are built")
    );

    // Only an admin sees any of it.
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    for uri in [
        "/admin",
        "/admin/framework",
        "/admin/framework/edit?part=titles",
        "/admin/framework/source",
        "/admin/framework/sheet",
        "/admin/framework/template",
    ] {
        assert_eq!(gil.get(uri).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
}

#[tokio::test]
async fn a_spreadsheet_is_uploaded_on_the_framework_page_and_any_version_downloaded_as_one() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let page = hana.get("/admin/framework").await;
    let csrf = page.csrf();
    assert!(
        page.body.contains("Download as a spreadsheet (XLSX)"),
        "{}",
        page.body
    );
    let v1 = version(&site).await;

    let header =
        "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CPO";
    let bad = format!("{header}\nCraft,Discovery,A,B,C,D,E,F,G,H\nCraft,Delivery,A,B,C,D,E,F,G\n");
    let refused = upload(&mut hana, &csrf, "matrix.csv", &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let problems = refused.texts(".error-summary li");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Sheet Matrix, row 3, column J (CPO)")
                && p.contains("the expectation for the level `cpo` is empty")),
        "{problems:?}"
    );
    assert_eq!(version(&site).await, v1, "nothing changed");

    let good =
        format!("{header}\nCraft,Discovery,A,B,C,D,E,F,G,H\nCraft,Delivery,A,B,C,D,E,F,G,H\n");
    let saved = upload(&mut hana, &csrf, "matrix.csv", &good).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    publish(&mut hana, &csrf, &saved).await;
    assert_eq!(version(&site).await, v1 + 1);
    let (_, fw) = site
        .state
        .app
        .framework(rungs_store::OrgId(1))
        .await
        .expect("a framework");
    assert_eq!(fw.competencies().count(), 2);

    let sheet = hana
        .get(&format!("/admin/framework/sheet?version={v1}"))
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert_eq!(
        sheet.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        sheet.headers["content-disposition"],
        format!("attachment; filename=\"framework-v{v1}.xlsx\"")
    );
    let template = hana.get("/admin/framework/template").await;
    assert_eq!(template.status, StatusCode::OK);
    assert_eq!(
        template.headers["content-disposition"],
        "attachment; filename=\"ladder-template.xlsx\""
    );
    assert!(page.body.contains("href=\"/admin/framework/template\""));
}

#[tokio::test]
async fn another_ladder_is_previewed_with_everyone_it_cannot_place_and_rolled_back_in_one_step() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/framework").await.csrf();
    let other = include_str!("../../../../frameworks/examples/engineering.toml");
    let saved = upload(&mut hana, &csrf, "engineering.toml", other).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(version(&site).await, 1, "nothing is live yet");
    // Everyone on the roster is named: this ladder has none of their levels.
    let preview = hana.get("/admin/framework/versions/2").await;
    assert_landmarks("a preview that loses people", &preview);
    let named = preview.texts("section[aria-labelledby=unplaced] tbody th");
    assert_eq!(named.len(), 4, "{named:?}");
    assert!(named.iter().any(|n| n == "Gil Group"), "{named:?}");
    assert!(preview.body.contains("is not in version 2"));
    // Each level it lacks can be mapped to one of its own, kept with the version.
    assert_eq!(preview.texts("select[id^='map-']").len(), 4);
    let bad = hana
        .post(
            "/admin/framework/versions/2/map",
            &[("csrf", &csrf), ("map-pm", "wizard")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("`wizard` is not a level of version 2"));
    let mapped = hana
        .post(
            "/admin/framework/versions/2/map",
            &[("csrf", &csrf), ("map-pm", "engineer-2"), ("map-cpo", "")],
        )
        .await;
    assert_eq!(mapped.status, StatusCode::SEE_OTHER);
    let preview = hana.get("/admin/framework/versions/2").await;
    assert!(
        preview.body.contains("pm → engineer-2 (1 person)"),
        "{}",
        preview.body
    );
    assert_eq!(
        preview
            .texts("section[aria-labelledby=unplaced] tbody th")
            .len(),
        3
    );
    // The overview says a draft is waiting.
    let overview = hana.get("/admin/framework").await;
    assert!(
        overview
            .body
            .contains("Version 2 is a draft waiting to be published")
    );
    // Publishing asks to confirm; without it, nothing changes.
    let refused = hana
        .post("/admin/framework/versions/2/publish", &[("csrf", &csrf)])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .texts(".error-summary")
            .join(" ")
            .contains("cannot place 3 people")
    );
    assert_eq!(version(&site).await, 1);
    let done = hana
        .post(
            "/admin/framework/versions/2/publish",
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(version(&site).await, 2);
    // Published anyway: no one disappears without a word from /team or /org.
    let team = hana.get("/team").await;
    let listed = team.texts("#unread li");
    assert_eq!(listed.len(), 3, "{}", team.body);
    assert!(
        !listed.iter().any(|l| l.starts_with("Pat One")),
        "Pat was mapped and moved"
    );
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("Gil Group: their level `group-pm`")),
        "{listed:?}"
    );
    let org = hana.get("/org").await;
    assert!(org.body.contains("Gil Group"), "/org names them too");
    // Back to version 1 in one step, from its page.
    let overview = hana.get("/admin/framework").await;
    assert!(
        overview
            .body
            .contains("href=\"/admin/framework/versions/1\"")
    );
    let back = hana.get("/admin/framework/versions/1").await;
    assert!(back.body.contains("Publish version 1 again"));
    // Pat was moved to engineer-2, which version 1 lacks: mapped back before publishing.
    assert_eq!(
        back.texts("section[aria-labelledby=unplaced] tbody th"),
        ["Pat One"]
    );
    hana.post(
        "/admin/framework/versions/1/map",
        &[("csrf", &csrf), ("map-engineer-2", "pm")],
    )
    .await;
    let done = hana
        .post("/admin/framework/versions/1/publish", &[("csrf", &csrf)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(version(&site).await, 1);
    // An admin's steps only.
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    assert_eq!(
        gil.get("/admin/framework/versions/2").await.status,
        StatusCode::FORBIDDEN
    );
}
