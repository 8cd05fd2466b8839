//! Access that ends, ends at once, everywhere: a new password (changed, or set through a new
//! one-time link) ends every other session and every token of the account on every server
//! sharing the database; a disabled account's tokens stay revoked when it is enabled again;
//! guesses at the current password count as sign-ins do; and no personal answer is cached.

use axum::http::{Method, StatusCode, header};
use rungs_app::Actor;
use rungs_store::UserId;
use serde_json::json;

use crate::auth::sign_in;
use crate::support::{As, TestApp, world};

const BO: &str = "bo@a.test";
const BO_PASSWORD: &str = "apple pie at noon";

/// Bo, a member of organization A with a password, signed in twice, with an API token made in
/// one of the sessions. Returns (Bo's id, first session, second session, token).
async fn bo(app: &TestApp, admin_token: &str) -> (UserId, As, As, As) {
    let made = app
        .post_json(
            "/api/v1/users",
            &As::Token(admin_token.into()),
            json!({ "email": BO, "name": "Bo", "password": BO_PASSWORD, "role": "member" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let id = UserId(made.json()["id"].as_i64().expect("an id"));
    let first = sign_in(app, BO, BO_PASSWORD).await;
    let second = sign_in(app, BO, BO_PASSWORD).await;
    let token = app
        .post_json("/api/v1/tokens", &first, json!({ "name": "script" }))
        .await;
    assert_eq!(token.status, StatusCode::CREATED, "{}", token.text());
    let token = As::Token(token.json()["token"].as_str().expect("a token").into());
    (id, first, second, token)
}

async fn status(app: &TestApp, who: &As) -> StatusCode {
    app.get("/api/v1/auth/me", who).await.status
}

#[tokio::test]
async fn a_password_changed_ends_the_other_sessions_and_every_token_at_once_on_every_server() {
    let a = TestApp::new().await;
    let w = world(&a).await;
    let b = a.beside(|_| {}).await;
    let (_, first, second, token) = bo(&a, &w.admin_token).await;
    // Both servers know all three, and have read them (a server that kept what it read would
    // now answer from memory).
    for server in [&a, &b] {
        for who in [&first, &second, &token] {
            assert_eq!(status(server, who).await, StatusCode::OK);
        }
    }
    let As::Cookie { session, .. } = &first else {
        unreachable!("a session")
    };
    let signed = a
        .state
        .app
        .accounts()
        .signed_in(rungs_app::Via::Session, session)
        .await
        .expect("read")
        .expect("signed in");
    a.state
        .app
        .accounts()
        .change_password(
            &Actor::user(signed.user),
            Some(session),
            BO_PASSWORD.into(),
            "a brand new passphrase".into(),
            "127.0.0.1",
        )
        .await
        .expect("changed");
    for server in [&a, &b] {
        assert_eq!(status(server, &first).await, StatusCode::OK, "kept");
        assert_eq!(status(server, &second).await, StatusCode::UNAUTHORIZED);
        assert_eq!(status(server, &token).await, StatusCode::UNAUTHORIZED);
    }
    // The token is revoked, not only refused: it says so in the list.
    let tokens = a.get("/api/v1/tokens", &first).await.json();
    assert!(tokens[0]["revoked_at"].is_i64(), "{tokens}");
}

#[tokio::test]
async fn a_password_set_through_a_new_link_ends_every_session_and_token() {
    let a = TestApp::new().await;
    let w = world(&a).await;
    let b = a.beside(|_| {}).await;
    let (id, first, second, token) = bo(&a, &w.admin_token).await;
    for server in [&a, &b] {
        assert_eq!(status(server, &first).await, StatusCode::OK);
    }
    let (_, link) = a
        .state
        .app
        .accounts()
        .reinvite(&Actor::user(w.admin.clone()), id)
        .await
        .expect("a new link");
    a.state
        .app
        .accounts()
        .accept_invite(&link, "a brand new passphrase".into())
        .await
        .expect("set");
    for server in [&a, &b] {
        for who in [&first, &second, &token] {
            assert_eq!(status(server, who).await, StatusCode::UNAUTHORIZED);
        }
    }
    // The new password signs in; the old one does not.
    sign_in(&a, BO, "a brand new passphrase").await;
    let old = a
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": BO, "password": BO_PASSWORD }),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_disabled_account_stays_shut_out_by_its_old_tokens_when_enabled_again() {
    let a = TestApp::new().await;
    let w = world(&a).await;
    let b = a.beside(|_| {}).await;
    let (id, first, _, token) = bo(&a, &w.admin_token).await;
    assert_eq!(status(&b, &token).await, StatusCode::OK);
    let admin = Actor::user(w.admin.clone());
    a.state
        .app
        .accounts()
        .set_disabled(&admin, id, true)
        .await
        .expect("disabled");
    for server in [&a, &b] {
        assert_eq!(status(server, &first).await, StatusCode::UNAUTHORIZED);
        assert_eq!(status(server, &token).await, StatusCode::UNAUTHORIZED);
    }
    a.state
        .app
        .accounts()
        .set_disabled(&admin, id, false)
        .await
        .expect("enabled");
    for server in [&a, &b] {
        assert_eq!(status(server, &first).await, StatusCode::UNAUTHORIZED);
        assert_eq!(status(server, &token).await, StatusCode::UNAUTHORIZED);
    }
    // Signing in again works, and a token made now does.
    let again = sign_in(&a, BO, BO_PASSWORD).await;
    let fresh = a
        .post_json("/api/v1/tokens", &again, json!({ "name": "new script" }))
        .await;
    let fresh = As::Token(fresh.json()["token"].as_str().expect("a token").into());
    assert_eq!(status(&b, &fresh).await, StatusCode::OK);
}

#[tokio::test]
async fn guesses_at_the_current_password_are_limited_as_sign_ins_are() {
    let a = TestApp::new().await;
    let w = world(&a).await;
    let (_, first, _, _) = bo(&a, &w.admin_token).await;
    let As::Cookie { session, .. } = &first else {
        unreachable!("a session")
    };
    let me = a
        .state
        .app
        .accounts()
        .signed_in(rungs_app::Via::Session, session)
        .await
        .expect("read")
        .expect("signed in")
        .user;
    let mut refused = Vec::new();
    for i in 0..8 {
        let r = a
            .state
            .app
            .accounts()
            .change_password(
                &Actor::user(me.clone()),
                Some(session),
                format!("guess number {i}"),
                "a brand new passphrase".into(),
                "10.0.0.9",
            )
            .await;
        refused.push(match r {
            Err(rungs_app::AppError::TooManyRequests { .. }) => "429",
            Err(_) => "wrong",
            Ok(()) => "changed",
        });
    }
    assert_eq!(
        refused,
        [
            "wrong", "wrong", "wrong", "wrong", "wrong", "429", "429", "429"
        ]
    );
    // They counted toward signing in too: the account is shut for the window.
    let login = a
        .post_json(
            "/api/v1/auth/login",
            &As::Nobody,
            json!({ "email": BO, "password": BO_PASSWORD }),
        )
        .await;
    assert_eq!(login.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn no_personal_answer_may_be_kept_by_a_cache() {
    let a = TestApp::new().await;
    let w = world(&a).await;
    let token = As::Token(w.member_token.clone());
    for uri in [
        "/api/v1/auth/me",
        "/api/v1/people/pm1/gap",
        "/api/v1/levels",
    ] {
        let answer = a.get(uri, &token).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        assert_eq!(
            answer
                .headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().ok()),
            Some(Some("no-store")),
            "{uri}: {}",
            answer.status
        );
    }
    // Refusals too, and the static files keep their own.
    let refused = a
        .call(Method::GET, "/api/v1/auth/me", &As::Nobody, None, &[])
        .await;
    assert_eq!(refused.headers[header::CACHE_CONTROL], "no-store");
    let css = a.get("/static/rungs.css", &As::Nobody).await;
    assert_eq!(css.headers[header::CACHE_CONTROL], "public, max-age=3600");
}
