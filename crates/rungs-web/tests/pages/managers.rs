//! The pages of managers and heads of product: who may see which, a manager rating a report in
//! the same wizard, the team list's filters and sorting, and the organization's health with its
//! small groups kept back.

use axum::http::StatusCode;
use rungs_core::{AssessmentId, PersonId};

use crate::support::Site;
use crate::{answers, assert_landmarks};

fn cli() -> rungs_app::Actor {
    rungs_app::Actor::cli(rungs_store::OrgId(1))
}

#[tokio::test]
async fn each_role_sees_only_the_people_the_policy_allows() {
    let site = Site::with_team().await;
    // Another organization, whose person ids a user of Acme must never reach.
    site.state
        .app
        .accounts()
        .create_org(
            "Other",
            "Olga Other",
            "olga@other.test",
            "correct horse battery".into(),
        )
        .await
        .expect("a second organization");
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    let mut zoe = site.client();
    zoe.sign_in("zoe@acme.test").await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;

    // (who, page, status): a manager sees their subtree, a member only themselves, an admin
    // everyone; anyone else is not found, exactly like no one.
    let cases: [(&str, &str, StatusCode); 22] = [
        ("gil", "/team", StatusCode::OK),
        ("gil", "/org", StatusCode::OK),
        ("gil", "/people/spm", StatusCode::OK),
        ("gil", "/people/pm1", StatusCode::OK),
        ("gil", "/people/spm/assessments", StatusCode::OK),
        ("gil", "/people/spm/gap?to=principal-pm", StatusCode::OK),
        ("gil", "/people/spm/packet?to=principal-pm", StatusCode::OK),
        ("gil", "/people/spm/assess", StatusCode::OK),
        ("gil", "/people/head", StatusCode::NOT_FOUND),
        ("gil", "/people/head/assess", StatusCode::NOT_FOUND),
        ("gil", "/org?under=head", StatusCode::NOT_FOUND),
        ("zoe", "/team", StatusCode::FORBIDDEN),
        ("zoe", "/org", StatusCode::FORBIDDEN),
        ("zoe", "/people/spm", StatusCode::OK),
        ("zoe", "/people/pm1", StatusCode::NOT_FOUND),
        ("zoe", "/people/pm1/gap", StatusCode::NOT_FOUND),
        ("zoe", "/people/gpm/packet", StatusCode::NOT_FOUND),
        ("hana", "/team", StatusCode::OK),
        ("hana", "/org", StatusCode::OK),
        ("hana", "/org?under=gpm", StatusCode::OK),
        ("hana", "/people/head", StatusCode::OK),
        ("hana", "/people/olga", StatusCode::NOT_FOUND),
    ];
    for (who, uri, status) in cases {
        let client = match who {
            "gil" => &mut gil,
            "zoe" => &mut zoe,
            _ => &mut hana,
        };
        let page = client.get(uri).await;
        assert_eq!(page.status, status, "{who} {uri}: {}", page.body);
        if status == StatusCode::OK && !uri.contains("/packet") {
            assert_landmarks(uri, &page);
            assert!(!page.body.contains("<script"), "{uri}: names escaped");
        }
    }
    // The manager's list: their people, not themselves nor anyone above.
    let team = gil.get("/team").await;
    let names = team.texts("table.people tbody th a");
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n == "Pat One"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("Zoë")), "{names:?}");
    // The navigation says what each role has.
    assert!(
        gil.get("/")
            .await
            .texts("nav.main a")
            .contains(&"My people".to_owned())
    );
    assert!(
        !zoe.get("/")
            .await
            .texts("nav.main a")
            .contains(&"My people".to_owned())
    );
    assert!(
        hana.get("/")
            .await
            .texts("nav.main a")
            .contains(&"Organization".to_owned())
    );
    // The packet for a manager carries the statement and the sign-off, ready to print.
    let packet = gil.get("/people/spm/packet?to=principal-pm").await;
    assert!(
        packet.body.contains("Manager's statement"),
        "{}",
        packet.body
    );
    assert!(
        packet.body.contains("table class=\"signoff\""),
        "{}",
        packet.body
    );
}

#[tokio::test]
async fn a_manager_rates_a_report_beside_their_own_ratings() {
    let site = Site::with_team().await;
    let mut gil = site.client();
    gil.sign_in("gil@acme.test").await;
    let before = site
        .state
        .app
        .assessments()
        .assessments_of(&cli(), &PersonId::from("spm"))
        .await
        .expect("a list")
        .len();
    let first = gil.get("/people/spm/assess").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.texts("h1")[0].starts_with("Rate Zoë"),
        "{:?}",
        first.texts("h1")
    );
    let csrf = first.csrf();
    let step0 = gil
        .post(
            "/people/spm/assess",
            &[
                ("csrf", &csrf),
                ("step", "0"),
                ("go", "next"),
                ("level", "senior-pm"),
                ("track", "shared"),
            ],
        )
        .await;
    assert_eq!(step0.location.as_deref(), Some("/people/spm/assess?step=1"));
    // Her own rating is beside each competency: she rated the first Principal PM.
    let area = gil.get("/people/spm/assess?step=1").await;
    let theirs = area.texts("p.theirs");
    assert!(!theirs.is_empty(), "{}", area.body);
    assert!(
        theirs[0].contains("rated themselves: Principal PM"),
        "{theirs:?}"
    );
    // A step with a competency left out is refused beside it, and nothing is saved.
    let mut partial = answers(&area, "senior-pm");
    partial.pop();
    let mut fields: Vec<(&str, &str)> = partial
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    fields.extend([("csrf", csrf.as_str()), ("step", "1"), ("go", "next")]);
    let refused = gil.post("/people/spm/assess", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.texts(".error-summary li").len(), 1);
    let areas = rungs_core::framework::builtin().areas().len();
    for step in 1..=areas {
        let page = gil.get(&format!("/people/spm/assess?step={step}")).await;
        let a = answers(&page, "senior-pm");
        let s = step.to_string();
        let mut fields: Vec<(&str, &str)> =
            a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fields.extend([
            ("csrf", csrf.as_str()),
            ("step", s.as_str()),
            ("go", "next"),
        ]);
        let next = gil.post("/people/spm/assess", &fields).await;
        assert_eq!(
            next.status,
            StatusCode::SEE_OTHER,
            "step {step}: {}",
            next.body
        );
    }
    // The review shows both ratings and marks where they differ.
    let review = gil
        .get(&format!("/people/spm/assess?step={}", areas + 2))
        .await;
    assert!(review.body.contains("Their own rating"), "{}", review.body);
    assert!(
        review.texts("span.tag").iter().any(|t| t == "differs"),
        "{}",
        review.body
    );
    assert_eq!(
        site.state
            .app
            .assessments()
            .assessments_of(&cli(), &PersonId::from("spm"))
            .await
            .expect("a list")
            .len(),
        before
    );
    let last = (areas + 2).to_string();
    let saved = gil
        .post(
            "/people/spm/assess",
            &[("csrf", &csrf), ("step", &last), ("go", "save")],
        )
        .await;
    let location = saved.location.clone().unwrap_or_default();
    let id: i64 = location
        .strip_prefix("/people/spm/assess?saved=")
        .unwrap_or_else(|| panic!("{location}: {}", saved.body))
        .parse()
        .expect("an id");
    let stored = site
        .state
        .app
        .assessments()
        .assessment(&cli(), AssessmentId(id))
        .await
        .expect("stored");
    assert_eq!(stored.person, "spm");
    assert_eq!(stored.assessment.assessor.kind.as_str(), "manager");
    assert_eq!(stored.assessment.assessor.name, "Gil Group");
    // The person's page now sets the two side by side, differences marked in words.
    let page = gil.get("/people/spm").await;
    assert!(page.body.contains("Self and manager, side by side"));
    let differs = page.texts("tr.differs td:last-child");
    assert!(!differs.is_empty());
    assert!(
        differs.iter().all(|d| d == "self 1 rung higher"),
        "{differs:?}"
    );
    // A member cannot rate someone else, nor post as their manager.
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;
    let form = pat.get("/assess").await;
    let forged = pat
        .post(
            "/people/spm/assess",
            &[
                ("csrf", &form.csrf()),
                ("step", "0"),
                ("go", "next"),
                ("level", "pm"),
                ("track", "ic"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_team_list_filters_and_sorts_without_script() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    // Hana's account is not linked to anyone on the roster: she sees everyone, by name.
    let everyone = hana.get("/team").await;
    assert_eq!(
        everyone.texts("table.people tbody th a"),
        [
            "Gil Group",
            "Hana Head",
            "Pat One",
            "Zoë \"<script>alert(1)</script>\" O'Neil"
        ]
    );
    let pms = hana.get("/team?level=pm").await;
    assert_eq!(pms.texts("table.people tbody th a"), ["Pat One"]);
    let by_level = hana.get("/team?sort=level").await;
    assert_eq!(by_level.texts("table.people tbody th a")[0], "Hana Head");
    assert_eq!(
        by_level.texts("th[aria-sort]"),
        ["Level held"],
        "the sorted column says so"
    );
    let unassessed = hana.get("/team?ready=none").await;
    assert_eq!(
        unassessed.texts("table.people tbody th a"),
        ["Gil Group", "Hana Head", "Pat One"]
    );
    let found = hana.get("/team?q=zo").await;
    assert_eq!(found.texts("table.people tbody th a").len(), 1);
    let under = hana.get("/team?under=gpm").await;
    assert_eq!(under.texts("h1"), ["Gil Group's people"]);
    assert_eq!(under.texts("table.people tbody th a").len(), 2);
    // Zoë's row: the level held, what her manager's ratings show, her readiness and the last
    // assessment, all read by the same rules as her own page.
    let zoe = hana.get("/team?q=spm").await;
    let cells = zoe.texts("table.people tbody td");
    assert!(cells[0].starts_with("Senior PM"), "{cells:?}");
    assert!(cells[4].starts_with("2026-06-01"), "{cells:?}");
    let own = hana.get("/people/spm").await;
    let shown = own.texts("[data-shown]")[0].clone();
    assert!(cells[1].starts_with(&shown), "{cells:?} against {shown}");
}

#[tokio::test]
async fn the_organization_page_keeps_small_groups_back_and_ranks_no_team() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let org = hana.get("/org").await;
    assert_eq!(org.status, StatusCode::OK);
    for heading in [
        "Levels",
        "Span of control",
        "Promotion pipeline",
        "Pay within the bands",
        "Calibration",
    ] {
        assert!(
            org.texts("h2").iter().any(|h| h == heading),
            "{heading}: {:?}",
            org.texts("h2")
        );
    }
    // Four people: no calibration figure of so small a group.
    assert!(
        org.body
            .contains("Fewer than 5 people here: calibration figures"),
        "{}",
        org.body
    );
    assert!(!org.body.contains("Assessors, by name"));
    // One control scopes every section to a manager's people.
    let part = hana.get("/org?find=Gil").await;
    assert!(
        part.texts("p.lead")[0].starts_with("For Gil Group and everyone under them: 3 people"),
        "{:?}",
        part.texts("p.lead")
    );
    let nobody = hana.get("/org?find=Nobody").await;
    assert_eq!(
        nobody.texts(".error-summary li").len(),
        1,
        "{}",
        nobody.body
    );
    // A day that is not one is said beside its field.
    let bad = hana.get("/org?since=yesterday").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert_eq!(bad.texts(".error-summary li").len(), 1);
}
