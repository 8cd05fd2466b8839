//! What an attacker or a careless click would try on the pages: signing in leads only to a
//! path on this site, never a failed answer; a new one-time link ends the sessions the old
//! password opened; a page read after signing out is not kept by the browser.

use axum::http::{StatusCode, header};

use crate::support::{PASSWORD, Site};

/// Where `next` may lead: nowhere but this site, whatever it holds.
const AWAY: [&str; 12] = [
    "//evil.test/",
    "/%09/evil.test/phish",
    "/%0d/x",
    "/%0a/evil.test",
    "/%20/evil.test",
    "/\\evil.test",
    "/%5Cevil.test",
    "https://evil.test/",
    "/%7F/x",
    "/%C3%A9",
    "%2F%2Fevil.test",
    "javascript:alert(1)",
];

#[tokio::test]
async fn signing_in_leads_only_to_a_path_on_this_site_and_never_fails() {
    let site = Site::with_team().await;
    let mut pat = site.client();
    assert_eq!(
        pat.sign_in("pat@acme.test").await.status,
        StatusCode::SEE_OTHER
    );
    // Signed in already: the sign-in page sends on at once.
    for next in AWAY {
        let page = pat.get(&format!("/sign-in?next={next}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next}: {}", page.body);
        assert_eq!(page.location.as_deref(), Some("/"), "{next}");
    }
    // A path on the site is kept, with its query.
    let page = pat
        .get("/sign-in?next=%2Fcompare%3Ffrom%3Dpm%26to%3Dsenior-pm")
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some("/compare?from=pm&to=senior-pm")
    );
    // Through the form: the session is made, and the answer is a redirect home.
    for next in AWAY {
        let decoded: String = form_urlencoded::parse(format!("n={next}").as_bytes())
            .map(|(_, v)| v.into_owned())
            .collect();
        let mut v = site.client();
        let csrf = v.get("/sign-in").await.csrf();
        let signed = v
            .post(
                "/sign-in",
                &[
                    ("csrf", &csrf),
                    ("next", &decoded),
                    ("email", "pat@acme.test"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            signed.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            signed.body
        );
        assert_eq!(signed.location.as_deref(), Some("/"), "{next:?}");
    }
}

#[tokio::test]
async fn a_new_link_ends_the_sessions_the_old_password_opened() {
    let site = Site::with_team().await;
    let mut pat = site.client();
    pat.sign_in("pat@acme.test").await;
    assert_eq!(pat.get("/me/assessments").await.status, StatusCode::OK);
    // The head of product gives Pat a new link (a forgotten password, say).
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let users = hana.get("/admin/users").await;
    let csrf = users.csrf();
    let id = site
        .state
        .app
        .accounts()
        .users(&rungs_app::Actor::cli(rungs_store::OrgId(1)))
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.email == "pat@acme.test")
        .expect("Pat")
        .id;
    let link = hana
        .post(
            &format!("/admin/users/{}/access", id.0),
            &[("csrf", &csrf), ("do", "link")],
        )
        .await;
    assert_eq!(link.status, StatusCode::OK, "{}", link.body);
    let url = link.texts("code.link-text")[0].clone();
    let path = url
        .split_once("/invite/")
        .map(|(_, t)| format!("/invite/{t}"))
        .expect("a link");
    let mut opener = site.client();
    let form = opener.get(&path).await;
    let new = "a different passphrase";
    let opened = opener
        .post(
            &path,
            &[("csrf", &form.csrf()), ("password", new), ("again", new)],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    // Pat's old session is over, on the pages and the API.
    assert_eq!(
        pat.get("/me/assessments").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        pat.get("/api/v1/auth/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    // The one the link opened stays.
    assert_eq!(opener.get("/me/assessments").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_page_read_signed_in_is_not_kept_for_back_after_signing_out() {
    let site = Site::with_team().await;
    let mut zoe = site.client();
    zoe.sign_in("zoe@acme.test").await;
    for uri in ["/", "/me/gap", "/me/assessments", "/pay", "/sign-in"] {
        let page = zoe.get(uri).await;
        assert_eq!(
            page.headers
                .get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{uri}"
        );
    }
    let css = zoe.get("/static/rungs.css").await;
    assert_eq!(css.headers[header::CACHE_CONTROL], "public, max-age=3600");
}

#[tokio::test]
async fn a_name_past_its_limit_is_refused_beside_its_field_as_the_api_refuses_it() {
    let site = Site::with_team().await;
    let mut hana = site.client();
    hana.sign_in("head@acme.test").await;
    let csrf = hana.get("/admin/people/new").await.csrf();
    let long = "n".repeat(rungs_core::limits::NAME + 1);
    let refused = hana
        .post(
            "/admin/people/new",
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("id", "p-9"),
                ("name", &long),
                ("level", "pm"),
                ("manager", "gpm"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#name-error"),
        ["Error: the name is 201 characters long, more than the 200 a name may be: shorten it"]
    );
}
