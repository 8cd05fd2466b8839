//! Setting up, signing in and out, CSRF, tokens and the limit on failed sign-ins.

use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::support::{As, TestApp};

/// Sets up the organization with the server's one-time code; returns the admin's session.
async fn set_up(app: &TestApp) -> As {
    let code = app
        .state
        .app
        .accounts()
        .setup_code()
        .await
        .expect("asks")
        .expect("a code while no one can sign in");
    let body = json!({
        "code": code, "organization": "Acme", "name": "Ada",
        "email": "ada@acme.test", "password": "correct horse battery"
    });
    let mut wrong_code = body.clone();
    wrong_code["code"] = json!("setup_nope");
    let wrong = app
        .post_json("/api/v1/setup", &As::Nobody, wrong_code)
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN, "{}", wrong.text());
    let done = app
        .post_json("/api/v1/setup", &As::Nobody, body.clone())
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    assert_eq!(done.json()["admin"]["role"], "admin");
    let again = app.post_json("/api/v1/setup", &As::Nobody, body).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        app.state
            .app
            .accounts()
            .setup_code()
            .await
            .expect("asks")
            .is_none()
    );
    sign_in(app, "ada@acme.test", "correct horse battery").await
}

pub(crate) async fn sign_in(app: &TestApp, email: &str, password: &str) -> As {
    let answer = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": email, "password": password }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session = cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned())
        .expect("a value");
    As::Cookie {
        session,
        csrf: answer.json()["csrf_token"].as_str().map(str::to_owned),
    }
}

#[tokio::test]
async fn setting_up_signing_in_and_out() {
    let app = TestApp::new().await;
    let admin = set_up(&app).await;
    let me = app.get("/api/v1/auth/me", &admin).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["organization"]["name"], "Acme");
    let As::Cookie { session, csrf } = admin.clone() else {
        unreachable!()
    };
    assert_eq!(me.json()["csrf_token"].as_str(), csrf.as_deref());

    // A change made with the cookie but without the CSRF token is refused, and changes nothing.
    let no_csrf = As::Cookie {
        session: session.clone(),
        csrf: None,
    };
    let refused = app
        .post_json("/api/v1/tokens", &no_csrf, json!({ "name": "x" }))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.json()["title"]
            .as_str()
            .is_some_and(|t| t.contains("X-CSRF-Token"))
    );
    let wrong = As::Cookie {
        session: session.clone(),
        csrf: Some("wrong".into()),
    };
    assert_eq!(
        app.post_json("/api/v1/tokens", &wrong, json!({ "name": "x" }))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/tokens", &no_csrf)
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    // Reading needs no CSRF token.
    assert_eq!(
        app.get("/api/v1/levels", &no_csrf).await.status,
        StatusCode::OK
    );

    let out = app
        .call(Method::POST, "/api/v1/auth/logout", &admin, None, &[])
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let cleared = out
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(
        app.get("/api/v1/auth/me", &admin).await.status,
        StatusCode::UNAUTHORIZED
    );
    let bad = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": "ada@acme.test", "password": "wrong password" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        bad.headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes()),
        Some(&b"application/problem+json"[..])
    );
}

#[tokio::test]
async fn secure_cookies_when_configured() {
    let app = TestApp::with_config(|c| c.secure_cookies = true).await;
    set_up(&app).await;
    let answer = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": "ada@acme.test", "password": "correct horse battery" }),
        )
        .await;
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(cookie.ends_with("; Secure"), "{cookie}");
}

#[tokio::test]
async fn tokens_work_until_revoked_and_are_shown_once() {
    let app = TestApp::new().await;
    let admin = set_up(&app).await;
    let made = app
        .post_json(
            "/api/v1/tokens",
            &admin,
            json!({ "name": "nightly import" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let token = made.json()["token"].as_str().expect("the token").to_owned();
    let id = made.json()["id"].as_i64().expect("an id");
    let listed = app.get("/api/v1/tokens", &admin).await.text();
    assert!(!listed.contains(&token), "the token is never listed");
    assert!(listed.contains(&token[..12]), "its prefix is");
    let by_token = As::Token(token.clone());
    assert_eq!(
        app.get("/api/v1/auth/me", &by_token).await.status,
        StatusCode::OK
    );
    // A script needs no CSRF token.
    assert_eq!(
        app.post_json(
            "/api/v1/titles",
            &by_token,
            json!({ "titles": ["GPM, Ads"] })
        )
        .await
        .status,
        StatusCode::OK
    );
    let revoked = app
        .call(
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            &admin,
            None,
            &[],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/auth/me", &by_token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/auth/me", &As::Token("rungs_made_up".into()))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn guesses_made_all_at_once_are_limited_too_and_hashed_a_few_at_a_time() {
    let app = std::sync::Arc::new(TestApp::new().await);
    set_up(&app).await;
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = app.clone();
        guesses.spawn(async move {
            app.post_json(
                "/api/v1/auth/login",
                &As::Nobody,
                json!({ "email": "ada@acme.test", "password": format!("guess number {i}") }),
            )
            .await
            .status
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = guesses.join_next().await {
        statuses.push(s.expect("a guess"));
    }
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, limited), (5, 35), "{statuses:?}");
    // However many arrive, no more than a few passwords are hashed at once (each takes about
    // 19 MiB while it runs).
    assert!(
        rungs_app::secret::hashing_peak() <= rungs_app::secret::HASHING_AT_ONCE,
        "{}",
        rungs_app::secret::hashing_peak()
    );
}

#[tokio::test]
async fn sign_in_takes_json_only_and_weak_passwords_are_refused() {
    let app = TestApp::new().await;
    let admin = set_up(&app).await;
    // A cross-site form can send text/plain or form-encoded bodies without asking: neither signs
    // anyone in.
    for kind in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let a = app
            .call(
                Method::POST,
                "/api/v1/auth/login",
                &As::Nobody,
                Some((
                    kind,
                    json!({ "email": "ada@acme.test", "password": "correct horse battery" })
                        .to_string()
                        .into_bytes(),
                )),
                &[],
            )
            .await;
        assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{kind}");
        assert!(a.headers.get("set-cookie").is_none(), "{kind}: no session");
    }
    for weak in ["aaaaaaaaaa", "0123456789", "          ", "Password123"] {
        let a = app
            .post_json(
                "/api/v1/users",
                &admin,
                json!({ "email": "new@acme.test", "name": "New", "password": weak, "role": "member" }),
            )
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak:?}");
        assert_eq!(a.json()["errors"][0]["location"], "/password", "{weak:?}");
    }
}

#[tokio::test]
async fn every_setup_code_printed_works_until_rungs_is_set_up() {
    let app = TestApp::new().await;
    // Two servers started on one new database each print a code; the first printed still works.
    let first = app
        .state
        .app
        .accounts()
        .setup_code()
        .await
        .expect("asks")
        .expect("a code");
    let second = app
        .state
        .app
        .accounts()
        .setup_code()
        .await
        .expect("asks")
        .expect("a code");
    assert_ne!(first, second);
    let body = |code: &str| {
        json!({
            "code": code, "organization": "Acme", "name": "Ada",
            "email": "ada@acme.test", "password": "correct horse battery"
        })
    };
    let done = app
        .post_json("/api/v1/setup", &As::Nobody, body(&first))
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    // Once set up, the other code says so.
    let again = app
        .post_json("/api/v1/setup", &As::Nobody, body(&second))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
    assert_eq!(
        app.state.app.accounts().orgs().await.expect("orgs").len(),
        1
    );
}

#[tokio::test]
async fn behind_a_proxy_the_address_is_the_one_the_proxy_saw() {
    let app = TestApp::with_config(|c| c.trust_proxy = true).await;
    set_up(&app).await;
    // One attacker, forging a new first address each time: the proxy's own entry (the last) is
    // the same, so the address limit of 30 holds.
    let mut statuses = Vec::new();
    for i in 0..40 {
        let forged = format!("10.4.{i}.1, 10.3.0.1");
        let a = app
            .call(
                Method::POST,
                "/api/v1/auth/login",
                &As::Nobody,
                Some((
                    "application/json",
                    json!({ "email": format!("nobody{i}@acme.test"), "password": "not it at all" })
                        .to_string()
                        .into_bytes(),
                )),
                &[("x-forwarded-for", &forged)],
            )
            .await;
        statuses.push(a.status);
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        10,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let app = TestApp::new().await;
    set_up(&app).await;
    for _ in 0..5 {
        let a = app
            .post_json(
                "/api/v1/auth/login",
                &As::Nobody,
                json!({ "email": "ada@acme.test", "password": "not it at all" }),
            )
            .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now.
    let limited = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": "ADA@acme.test", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        limited
            .headers
            .get(header::RETRY_AFTER)
            .map(|v| v.as_bytes()),
        Some(&b"900"[..])
    );
    // Another account is not held up by it.
    let other = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": "bob@acme.test", "password": "whatever it is" }),
        )
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn users_are_made_by_admins_with_checked_details() {
    let app = TestApp::new().await;
    let admin = set_up(&app).await;
    let short = app
        .post_json(
            "/api/v1/users",
            &admin,
            json!({ "email": "bo@acme.test", "name": "Bo", "password": "short", "role": "member" }),
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short.json()["errors"][0]["location"], "/password");
    let bad_role = app
        .post_json("/api/v1/users", &admin, json!({ "email": "bo@acme.test", "name": "Bo", "password": "long enough!", "role": "owner" }))
        .await;
    assert_eq!(bad_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_role.json()["errors"][0]["location"], "/role");
    let no_person = app
        .post_json("/api/v1/users", &admin, json!({ "email": "bo@acme.test", "name": "Bo", "password": "long enough!", "role": "member", "person": "p-9" }))
        .await;
    assert_eq!(no_person.json()["errors"][0]["location"], "/person");
    let made = app
        .post_json("/api/v1/users", &admin, json!({ "email": "bo@acme.test", "name": "Bo", "password": "long enough!", "role": "member" }))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let twice = app
        .post_json("/api/v1/users", &admin, json!({ "email": "BO@acme.test", "name": "Bo", "password": "long enough!", "role": "member" }))
        .await;
    // Taken, in another case: refused at the address, as typed.
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(twice.json()["errors"][0]["location"], "/email");
    assert!(
        twice.json()["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("BO@acme.test already has an account"),
        "{}",
        twice.text()
    );
    let bo = sign_in(&app, "bo@acme.test", "long enough!").await;
    assert_eq!(
        app.get("/api/v1/users", &bo).await.status,
        StatusCode::FORBIDDEN
    );
    // A new role applies to Bo's very next request, though the server keeps sign-ins a while.
    let id = made.json()["id"].as_i64().expect("an id");
    let promoted = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            &admin,
            Some((
                "application/json",
                json!({ "role": "admin", "version": made.json()["version"] })
                    .to_string()
                    .into_bytes(),
            )),
            &[],
        )
        .await;
    assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.text());
    assert_eq!(app.get("/api/v1/users", &bo).await.status, StatusCode::OK);
}

#[tokio::test]
async fn any_number_of_servers_share_the_sign_ins() {
    let a = TestApp::with_config(|c| c.cache_seconds = 0).await;
    let admin = set_up(&a).await;
    let b = a.beside(|_| {}).await;
    // Signed in on one server, known on the other: the session lives in the database.
    assert_eq!(
        b.get("/api/v1/auth/me", &admin).await.status,
        StatusCode::OK
    );
    let out = b
        .call(Method::POST, "/api/v1/auth/logout", &admin, None, &[])
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // Server `a` reads sign-ins afresh on every request (cache_seconds = 0): the session is over.
    assert_eq!(
        a.get("/api/v1/auth/me", &admin).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        b.get("/api/v1/auth/me", &admin).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_address_is_an_account_per_organization_and_reveals_nothing_across_them() {
    let app = TestApp::new().await;
    let w = crate::support::world(&app).await;
    let admin_a = As::Token(w.admin_token.clone());
    let admin_b = As::Token(w.outsider_token.clone());
    let body = |pw: &str| json!({ "email": "sam@shared.test", "name": "Sam", "password": pw, "role": "member" });
    // A's admin adds Sam; B's admin adds the same address: no refusal tells B of A's account.
    let a = app
        .post_json("/api/v1/users", &admin_a, body("apple pie 2026"))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let b = app
        .post_json("/api/v1/users", &admin_b, body("blue whale 77"))
        .await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.text());
    // Within one organization an address is still one account.
    let again = app
        .post_json("/api/v1/users", &admin_b, body("blue whale 77"))
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .text()
            .contains("already has an account in this organization")
    );
    // Each password opens its own organization's account.
    let login = |pw: &str, org: Option<i64>| {
        let mut v = json!({ "email": "SAM@shared.test", "password": pw });
        if let Some(o) = org {
            v["organization"] = json!(o);
        }
        v
    };
    let into_a = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            login("apple pie 2026", None),
        )
        .await;
    assert_eq!(into_a.status, StatusCode::OK, "{}", into_a.text());
    assert_eq!(into_a.json()["user"]["id"], a.json()["id"]);
    let into_b = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            login("blue whale 77", None),
        )
        .await;
    assert_eq!(into_b.status, StatusCode::OK);
    assert_eq!(into_b.json()["user"]["id"], b.json()["id"]);
    let wrong = app
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            login("apple pie 2026", Some(99)),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // One password for both: the answer names the two, and the organization chooses.
    let pat = json!({ "email": "pat@shared.test", "name": "Pat", "password": "apple pie 2026", "role": "member" });
    let mut pats = Vec::new();
    for who in [&admin_a, &admin_b] {
        let made = app.post_json("/api/v1/users", who, pat.clone()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
        pats.push(made.json()["id"].clone());
    }
    let as_pat = |org: Option<i64>| {
        let mut v = json!({ "email": "pat@shared.test", "password": "apple pie 2026" });
        if let Some(o) = org {
            v["organization"] = json!(o);
        }
        v
    };
    let both = app
        .post_json("/api/v1/auth/login", &As::Nobody, as_pat(None))
        .await;
    assert_eq!(
        both.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        both.text()
    );
    assert_eq!(both.json()["errors"][0]["location"], "/organization");
    assert!(
        both.text().contains("(A)") && both.text().contains("(B)"),
        "{}",
        both.text()
    );
    let chosen = app
        .post_json("/api/v1/auth/login", &As::Nobody, as_pat(Some(w.org.0)))
        .await;
    assert_eq!(chosen.status, StatusCode::OK);
    assert_eq!(chosen.json()["user"]["id"], pats[0]);
}
