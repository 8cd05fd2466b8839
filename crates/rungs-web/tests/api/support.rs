//! An app on a fresh SQLite database per test, requests made in-process, and a small seeded
//! world: two organizations, a reporting line, users of every role with API tokens.

use rungs_core::PersonId;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use rungs_store::prelude::*;
use rungs_store::{
    Author, DbUrl, NewOrg, NewToken, NewUser, OrgId, PersonFields, PersonRow, Role, User,
};
use rungs_web::{AppState, Config};
use tower::ServiceExt;

pub(crate) struct TestApp {
    pub(crate) router: Router,
    pub(crate) state: AppState,
    _dir: tempfile::TempDir,
}

/// Who a request is from.
#[derive(Debug, Clone)]
pub(crate) enum As {
    Nobody,
    Token(String),
    /// A session cookie, with the CSRF token to send (or not) with changes.
    Cookie {
        session: String,
        csrf: Option<String>,
    },
}

pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl TestApp {
    pub(crate) async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    pub(crate) async fn with_config(change: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("a directory");
        let url = DbUrl::sqlite_file(&dir.path().join("rungs.db"));
        let store = rungs_store::connect(&url).await.expect("a store");
        let mut config = Config {
            db: url,
            ..Config::default()
        };
        change(&mut config);
        let state = AppState::with_app(rungs_app::App::new(store, config.settings()), config);
        let (router, _) = rungs_web::app(state.clone());
        TestApp {
            router,
            state,
            _dir: dir,
        }
    }

    /// A second server process on the same database, as behind a load balancer.
    pub(crate) async fn beside(&self, change: impl FnOnce(&mut Config)) -> TestApp {
        let store = rungs_store::connect(&self.state.config.db)
            .await
            .expect("a second store");
        let mut config = self.state.config.clone();
        change(&mut config);
        let state = AppState::with_app(rungs_app::App::new(store, config.settings()), config);
        let (router, _) = rungs_web::app(state.clone());
        TestApp {
            router,
            state,
            _dir: tempfile::tempdir().expect("a directory"),
        }
    }

    pub(crate) fn store(&self) -> &Arc<dyn Store> {
        self.state.app.store()
    }

    /// Makes a request; `body` is JSON unless `content_type` says otherwise.
    pub(crate) async fn call(
        &self,
        method: Method,
        uri: &str,
        who: &As,
        body: Option<(&str, Vec<u8>)>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        match who {
            As::Nobody => {}
            As::Token(t) => req = req.header(header::AUTHORIZATION, format!("Bearer {t}")),
            As::Cookie { session, csrf } => {
                req = req.header(header::COOKIE, format!("rungs_session={session}"));
                if let Some(c) = csrf {
                    req = req.header("x-csrf-token", c);
                }
            }
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = match body {
            Some((content_type, bytes)) => req
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(bytes)),
            None => req.body(Body::empty()),
        }
        .expect("a request");
        let response = self.router.clone().oneshot(req).await.expect("an answer");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the body")
            .to_bytes()
            .to_vec();
        Answer {
            status,
            headers,
            body,
        }
    }

    pub(crate) async fn get(&self, uri: &str, who: &As) -> Answer {
        self.call(Method::GET, uri, who, None, &[]).await
    }

    pub(crate) async fn post_json(&self, uri: &str, who: &As, body: serde_json::Value) -> Answer {
        self.call(
            Method::POST,
            uri,
            who,
            Some(("application/json", body.to_string().into_bytes())),
            &[],
        )
        .await
    }
}

/// A token for a user, made straight in the store.
pub(crate) async fn token_for(app: &TestApp, user: &User) -> String {
    let token = format!("rungs_test_{}_{}", user.org.0, user.id.0);
    let digest = rungs_app::secret::digest(&token);
    app.store()
        .create_token(
            user.org,
            &Author::system("test"),
            NewToken {
                user: user.id,
                name: "test".into(),
                prefix: token.chars().take(12).collect(),
                token_hash: digest,
            },
        )
        .await
        .expect("a token");
    token
}

pub(crate) fn person(id: &str, name: &str, level: &str, manager: Option<&str>) -> PersonRow {
    let track = match level {
        "director" | "vp" | "cpo" | "group-pm" => "manager",
        "principal-pm" => "ic",
        _ => "ic",
    };
    PersonRow {
        id: id.into(),
        fields: PersonFields {
            name: name.into(),
            email: None,
            title: None,
            level: level.into(),
            track: track.into(),
            manager: manager.map(PersonId::from),
            rung_start: Some("2024-01-01".into()),
            pay: Some(150_000),
            currency: None,
            stage: Some("large".into()),
            location: None,
        },
    }
}

/// An assessment of `person` by a kind of assessor, every competency rated `level`.
pub(crate) fn assessment(person: &str, kind: &str, level: &str, date: &str) -> serde_json::Value {
    let fw = rungs_core::framework::builtin();
    let ratings: serde_json::Map<String, serde_json::Value> = fw
        .competencies()
        .map(|(_, c)| (c.id.clone(), serde_json::Value::from(level)))
        .collect();
    serde_json::json!({
        "person": person,
        "person_id": person,
        "framework": "product-management",
        "framework_version": fw.version(),
        "date": date,
        "track": "ic",
        "level": "pm",
        "assessor": { "kind": kind, "name": "Someone" },
        "ratings": ratings,
    })
}

/// The seeded world.
pub(crate) struct World {
    pub(crate) org: OrgId,
    pub(crate) admin: rungs_app::answers::User,
    pub(crate) manager: User,
    pub(crate) member: User,
    pub(crate) outsider: User,
    pub(crate) admin_token: String,
    pub(crate) manager_token: String,
    pub(crate) member_token: String,
    pub(crate) outsider_token: String,
    /// An assessment of pm1 (under the manager; the member is pm1) and one of pm2 (neither).
    pub(crate) pm1_assessment: i64,
    pub(crate) pm2_assessment: i64,
}

fn new_user(email: &str, role: Role, person: Option<&str>) -> NewUser {
    NewUser {
        email: email.into(),
        name: email.split('@').next().unwrap_or(email).into(),
        password_hash: "$argon2id$not-a-real-hash".into(),
        role,
        person: person.map(PersonId::from),
    }
}

/// Organization A: cpo ← d1 ← pm1, cpo ← d2 ← pm2; an admin (cpo), a manager (d1) and a
/// member (pm1). Organization B: an admin and one person, b1.
pub(crate) async fn world(app: &TestApp) -> World {
    let s = app.store();
    let fw_name = rungs_core::framework::builtin().name().to_owned();
    let new_org = |name: &str, admin: NewUser| NewOrg {
        name: name.into(),
        admin,
        framework_source: rungs_core::framework::BUILTIN_TOML.into(),
        framework_name: fw_name.clone(),
    };
    let (a, admin) = s
        .create_org(new_org(
            "A",
            new_user("admin@a.test", Role::Admin, Some("cpo")),
        ))
        .await
        .expect("A");
    let (b, outsider) = s
        .create_org(new_org("B", new_user("admin@b.test", Role::Admin, None)))
        .await
        .expect("B");
    let by = Author::user(&admin);
    let rows = vec![
        person("cpo", "Chris", "cpo", None),
        person("d1", "Dana", "director", Some("cpo")),
        person("pm1", "Ann", "pm", Some("d1")),
        person("d2", "Oli", "director", Some("cpo")),
        person("pm2", "Bo", "pm", Some("d2")),
    ];
    s.import_roster(a.id, &by, &rows, &|_| {})
        .await
        .expect("A's roster");
    s.import_roster(
        b.id,
        &Author::user(&outsider),
        &[person("b1", "Bea", "pm", None)],
        &|_| {},
    )
    .await
    .expect("B's roster");
    let manager = s
        .create_user(a.id, &by, new_user("mgr@a.test", Role::Manager, Some("d1")))
        .await
        .expect("a manager");
    let member = s
        .create_user(a.id, &by, new_user("mem@a.test", Role::Member, Some("pm1")))
        .await
        .expect("a member");
    let mut ids = Vec::new();
    for p in ["pm1", "pm2"] {
        let body = assessment(p, "manager", "pm", "2026-06-01").to_string();
        let r = app
            .state
            .app
            .assessments()
            .add_assessment(
                &rungs_app::Actor::user(admin.clone().into()),
                &PersonId::from(p),
                body.as_bytes(),
            )
            .await
            .expect("an assessment");
        ids.push(r.id);
    }
    World {
        org: a.id,
        admin_token: token_for(app, &admin).await,
        manager_token: token_for(app, &manager).await,
        member_token: token_for(app, &member).await,
        outsider_token: token_for(app, &outsider).await,
        admin: admin.into(),
        manager,
        member,
        outsider,
        pm1_assessment: ids[0].0,
        pm2_assessment: ids[1].0,
    }
}
