//! A server on a fresh SQLite database with a small organization, and a client that keeps its
//! cookies and reads pages with an HTML parser, as a browser without script would.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use rungs_app::{Actor, HistorySource, NewUserInput};
use rungs_store::{DbUrl, Role};
use rungs_web::{AppState, Config};
use scraper::{Html, Selector};
use tower::ServiceExt;

pub(crate) struct Site {
    pub(crate) router: Router,
    pub(crate) state: AppState,
    _dir: tempfile::TempDir,
}

/// A name that would run script if it were not escaped.
pub(crate) const TRICKY: &str = "Zoë \"<script>alert(1)</script>\" O'Neil";

pub(crate) const PASSWORD: &str = "correct horse battery";

impl Site {
    /// An empty server: no organization yet.
    pub(crate) async fn empty() -> Site {
        let dir = tempfile::tempdir().expect("a directory");
        let url = DbUrl::sqlite_file(&dir.path().join("rungs.db"));
        let store = rungs_store::connect(&url).await.expect("a store");
        let config = Config {
            db: url,
            ..Config::default()
        };
        let state = AppState::with_app(rungs_app::App::new(store, config.settings()), config);
        let (router, _) = rungs_web::app(state.clone());
        Site {
            router,
            state,
            _dir: dir,
        }
    }

    /// An organization of five: a head of product, a Group PM, a Senior PM with a tricky name
    /// and two assessments, a PM with none, and accounts for the first three.
    pub(crate) async fn with_team() -> Site {
        let site = Site::empty().await;
        let app = &site.state.app;
        let (_, admin) = app
            .accounts()
            .create_org("Acme", "Hana Head", "head@acme.test", PASSWORD.into())
            .await
            .expect("an organization");
        let actor = Actor::user(admin);
        let roster = format!(
            "id,name,level,track,manager,rung_start,pay,stage\n\
             head,Hana Head,cpo,manager,,2022-01-01,400000,large\n\
             gpm,Gil Group,group-pm,manager,head,2023-01-01,230000,large\n\
             spm,\"{}\",senior-pm,,gpm,2024-01-01,150000,large\n\
             pm1,Pat One,pm,ic,gpm,2025-01-01,120000,large\n",
            TRICKY.replace('"', "\"\"")
        );
        app.people()
            .import_roster(&actor, "roster.csv", roster.into_bytes(), &|_| {})
            .await
            .expect("the roster");
        let fw = rungs_core::framework::builtin();
        let ids: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
        let mut history = format!(
            "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
            ids.join(",")
        );
        let row = |kind: &str, by: &str, date: &str, rate: &dyn Fn(usize) -> &'static str| {
            let r: Vec<&str> = (0..ids.len()).map(rate).collect();
            format!("spm,{date},{kind},{by},,senior-pm,,{}\n", r.join(","))
        };
        history += &row("self", "Zoë", "2026-05-01", &|i| {
            if i % 4 == 0 {
                "principal-pm"
            } else {
                "senior-pm"
            }
        });
        history += &row("manager", "Gil Group", "2026-06-01", &|i| {
            if i % 5 == 0 { "pm" } else { "senior-pm" }
        });
        app.reports()
            .import_assessments(
                &actor,
                HistorySource {
                    files: vec![("history.csv".into(), history.into_bytes())],
                },
                &|_| {},
            )
            .await
            .expect("the history");
        for (email, name, role, person) in [
            ("gil@acme.test", "Gil Group", Role::Manager, "gpm"),
            ("zoe@acme.test", TRICKY, Role::Member, "spm"),
            ("pat@acme.test", "Pat One", Role::Member, "pm1"),
        ] {
            app.accounts()
                .create_user(
                    &actor,
                    NewUserInput {
                        email: email.into(),
                        name: name.into(),
                        password: PASSWORD.into(),
                        role,
                        person: Some(person.into()),
                    },
                )
                .await
                .expect("a user");
        }
        site
    }

    pub(crate) fn client(&self) -> Client<'_> {
        Client {
            site: self,
            cookies: Vec::new(),
        }
    }
}

/// A browser without script: it keeps cookies and follows nothing on its own.
pub(crate) struct Client<'s> {
    site: &'s Site,
    cookies: Vec<(String, String)>,
}

pub(crate) struct Page {
    pub(crate) status: StatusCode,
    pub(crate) location: Option<String>,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: String,
}

impl Page {
    pub(crate) fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The text of every element a selector finds.
    pub(crate) fn texts(&self, selector: &str) -> Vec<String> {
        let s = Selector::parse(selector).expect("a selector");
        self.html()
            .select(&s)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The value of the hidden CSRF field of the page's first form that has one.
    pub(crate) fn csrf(&self) -> String {
        let s = Selector::parse("input[name=csrf]").expect("a selector");
        self.html()
            .select(&s)
            .next()
            .and_then(|e| e.value().attr("value"))
            .expect("a form with a CSRF field")
            .to_owned()
    }
}

impl Client<'_> {
    pub(crate) async fn request(
        &mut self,
        method: Method,
        uri: &str,
        form: Option<&[(&str, &str)]>,
    ) -> Page {
        let mut req = Request::builder().method(method).uri(uri);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        let req = match form {
            Some(fields) => {
                let body: String = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(fields.iter().copied())
                    .finish();
                req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
            }
            None => req.body(Body::empty()),
        }
        .expect("a request");
        let res = self
            .site
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("an answer");
        for c in res.headers().get_all(header::SET_COOKIE) {
            let text = c.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.retain(|(name, _)| name != k);
                if !v.is_empty() && !text.contains("Max-Age=0") {
                    self.cookies.push((k.to_owned(), v.to_owned()));
                }
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body =
            String::from_utf8_lossy(&res.into_body().collect().await.expect("a body").to_bytes())
                .into_owned();
        Page {
            status,
            location,
            headers,
            body,
        }
    }

    /// Posts a multipart form, as a browser sends a file.
    pub(crate) async fn multipart(&mut self, uri: &str, boundary: &str, body: String) -> Page {
        let mut req = Request::builder().method(Method::POST).uri(uri).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        let res = self
            .site
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).expect("a request"))
            .await
            .expect("an answer");
        let status = res.status();
        let headers = res.headers().clone();
        let body =
            String::from_utf8_lossy(&res.into_body().collect().await.expect("a body").to_bytes())
                .into_owned();
        Page {
            status,
            location: headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            headers,
            body,
        }
    }

    pub(crate) async fn get(&mut self, uri: &str) -> Page {
        self.request(Method::GET, uri, None).await
    }

    pub(crate) async fn post(&mut self, uri: &str, form: &[(&str, &str)]) -> Page {
        self.request(Method::POST, uri, Some(form)).await
    }

    /// Signs in through the form, as a person would.
    pub(crate) async fn sign_in(&mut self, email: &str) -> Page {
        let page = self.get("/sign-in").await;
        let csrf = page.csrf();
        self.post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("next", "/"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await
    }
}
