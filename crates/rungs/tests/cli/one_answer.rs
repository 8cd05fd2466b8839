//! One answer everywhere: for every person of a demo organization, the level held, the level
//! the ratings show, the next rung, the readiness for it, and the usual years to it read the
//! same from the command line's JSON (over the files), the API, the start page, `/team`,
//! `/people/{id}`, the packet and `/org` (over the database the same files were imported into).
//! The application's own answer (`App::standing`) is the reference each face is held to.

use std::collections::{BTreeMap, BTreeSet};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use rungs_app::{Actor, App, NewUserInput, Settings};
use scraper::{Html, Selector};
use tower::ServiceExt;

use crate::support::{rungs, rungs_with_env};

/// What a face says of one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Said {
    held: String,
    /// The level the ratings show; empty when none (below the first level, too few ratings).
    shown: String,
    next: BTreeSet<String>,
    /// Readiness per next rung (target → tier), where the face shows each.
    tiers: BTreeMap<String, String>,
    /// The best readiness over the next rungs, where the face shows one.
    best: String,
    /// The usual years to the next rung (P50, one decimal), where there is one next rung.
    years: Option<String>,
}

fn attr(html: &Html, selector: &str, name: &str) -> Option<String> {
    let s = Selector::parse(selector).expect("a selector");
    html.select(&s)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

fn words(text: &str) -> BTreeSet<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// A browser without script: cookies kept, nothing followed.
struct Browser<'r> {
    router: &'r Router,
    cookies: BTreeMap<String, String>,
}

impl Browser<'_> {
    async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> (u16, String) {
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let req = req
            .header(header::COOKIE, jar.join("; "))
            .body(body)
            .expect("a request");
        let answer = self.router.clone().oneshot(req).await.expect("an answer");
        for c in answer.headers().get_all(header::SET_COOKIE) {
            let text = c.to_str().unwrap_or_default();
            if let Some((k, v)) = text.split(';').next().and_then(|p| p.split_once('=')) {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = answer.status().as_u16();
        let bytes = answer
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn get(&mut self, uri: &str) -> Html {
        let (status, body) = self.send(Request::get(uri), Body::empty()).await;
        assert_eq!(status, 200, "{uri}: {body}");
        Html::parse_document(&body)
    }

    async fn sign_in(&mut self, email: &str, password: &str) {
        let form = self.get("/sign-in").await;
        let csrf = attr(&form, "input[name=csrf]", "value").expect("a CSRF field");
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("csrf", csrf.as_str()), ("next", "/"), ("email", email)])
            .append_pair("password", password)
            .finish();
        let (status, text) = self
            .send(
                Request::post("/sign-in")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
                Body::from(body),
            )
            .await;
        assert_eq!(status, 303, "{email}: {text}");
    }
}

async fn api(router: &Router, uri: &str, token: &str) -> serde_json::Value {
    let req = Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("a request");
    let answer = router.clone().oneshot(req).await.expect("an answer");
    let status = answer.status().as_u16();
    let bytes = answer
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    assert_eq!(status, 200, "{uri}: {value}");
    value
}

/// What a row of the team (`rungs team people --json`, `GET /api/v1/team/people`) says.
fn from_member(m: &serde_json::Value) -> (String, Said) {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let r = &m["readiness"];
    (
        text(&m["person"]["id"]),
        Said {
            held: text(&m["person"]["level"]),
            shown: text(&m["shown"]["level"]),
            next: r["next"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| text(&n["level"]))
                .collect(),
            best: text(&r["tier"]),
            ..Said::default()
        },
    )
}

/// What `/people/{id}` and the start page say, from their `data-*` figures.
fn from_standing(page: &Html) -> Said {
    let tiers: BTreeMap<String, String> = page
        .select(&Selector::parse("[data-target][data-tier]").expect("a selector"))
        .map(|e| {
            let v = e.value();
            (
                v.attr("data-target").unwrap_or_default().to_owned(),
                v.attr("data-tier").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    Said {
        held: attr(page, "[data-held]", "data-held").unwrap_or_default(),
        shown: attr(page, "[data-shown]", "data-shown").unwrap_or_default(),
        next: words(&attr(page, "[data-next]", "data-next").unwrap_or_default()),
        tiers,
        years: attr(page, "[data-years]", "data-years"),
        ..Said::default()
    }
}

#[test]
fn every_face_gives_every_person_the_same_figures() {
    let dir = tempfile::tempdir().expect("a directory");
    let files = dir.path().join("demo");
    let files_s = files.to_string_lossy().into_owned();
    rungs(&["demo", "--out", &files_s, "--people", "120", "--seed", "11"]).ok();
    let roster = format!("{files_s}/roster.csv");
    let assessments = format!("{files_s}/assessments");
    let db = format!("sqlite://{}", dir.path().join("rungs.db").display());
    rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "head@acme.test",
            "--name",
            "Hana",
            "--db",
            &db,
        ],
        &[("RUNGS_ADMIN_PASSWORD", "correct horse battery")],
    )
    .ok();
    rungs(&["import", "roster", &roster, "--db", &db]).ok();
    rungs(&["import", "assessments", &assessments, "--db", &db]).ok();

    // The command line, over the files.
    let cli_people = rungs(&[
        "team",
        "people",
        "--json",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
    ])
    .json();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let url = rungs_app::DbUrl::parse(&db).expect("a URL");
        let app = App::open(&url, Settings::default())
            .await
            .expect("the database");
        let org = app
            .accounts()
            .pick_org(None)
            .await
            .expect("the organization");
        let admin = app
            .accounts()
            .users(&Actor::cli(org))
            .await
            .expect("users")
            .remove(0);
        let admin = Actor::user(admin);
        let (token, _) = app
            .accounts()
            .create_token(&admin, "one answer")
            .await
            .expect("a token");
        let ids: Vec<String> = cli_people
            .as_array()
            .expect("people")
            .iter()
            .map(|m| m["person"]["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        // A few of them sign in to their own start page.
        let members = [3, 17, 40, 77, 101];
        for &i in &members {
            app.accounts()
                .create_user(
                    &admin,
                    NewUserInput {
                        email: format!("person{i}@acme.test"),
                        name: format!("Person {i}"),
                        password: "correct horse battery".into(),
                        role: rungs_app::Role::Member,
                        person: Some(ids[i].as_str().into()),
                    },
                )
                .await
                .expect("an account");
        }
        let tiers = rungs_core::framework::builtin().readiness_tiers().to_vec();
        let order = |t: &str| tiers.iter().position(|x| x.id == t).unwrap_or(usize::MAX);

        // The application's answer for everyone.
        let mut reference: BTreeMap<String, Said> = BTreeMap::new();
        for id in &ids {
            let s = app
                .assessments()
                .standing(&admin, &id.as_str().into())
                .await
                .expect("where they stand");
            let mut said = Said {
                held: s.person.fields.level.to_string(),
                ..Said::default()
            };
            if let Some(o) = &s.outcome {
                said.shown = o.level.clone().unwrap_or_default();
                said.next = o.next_levels.iter().cloned().collect();
            }
            if let Some(g) = &s.gaps {
                for gap in &g.gaps {
                    said.tiers
                        .insert(gap.target.clone(), gap.readiness.tier.clone());
                }
            }
            said.best = said
                .tiers
                .values()
                .min_by_key(|t| order(t))
                .cloned()
                .unwrap_or_default();
            said.years = s
                .plan
                .as_ref()
                .and_then(|p| p.timing.as_ref())
                .map(|t| format!("{:.1}", t.years.p50));
            reference.insert(id.clone(), said);
        }

        let config = rungs_web::Config::default();
        let (router, _) = rungs_web::app(rungs_web::AppState::with_app(app.clone(), config));
        let mut differ: Vec<String> = Vec::new();
        let mut check = |face: &str, id: &str, what: &str, got: String, want: String| {
            if got != want {
                differ.push(format!(
                    "{id} {what}: {face} says {got:?}, the app {want:?}"
                ));
            }
        };

        // The team, a row each: the command line and the API.
        let api_people = api(&router, "/api/v1/team/people", &token).await;
        for (face, list) in [
            ("rungs team people", &cli_people),
            ("GET /api/v1/team/people", &api_people),
        ] {
            for m in list.as_array().expect("people") {
                let (id, got) = from_member(m);
                let want = &reference[&id];
                check(face, &id, "held", got.held, want.held.clone());
                check(face, &id, "shown", got.shown, want.shown.clone());
                check(
                    face,
                    &id,
                    "next",
                    format!("{:?}", got.next),
                    format!("{:?}", want.next),
                );
                check(face, &id, "readiness", got.best, want.best.clone());
            }
        }

        let mut admin_browser = Browser {
            router: &router,
            cookies: BTreeMap::new(),
        };
        admin_browser
            .sign_in("head@acme.test", "correct horse battery")
            .await;
        for (id, want) in &reference {
            // The API's readiness and plan.
            let ready = api(&router, &format!("/api/v1/people/{id}/readiness"), &token).await;
            let got: BTreeMap<String, String> = ready["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    (
                        t["target"].as_str().unwrap_or_default().to_owned(),
                        t["readiness"]["tier"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect();
            check(
                "API readiness",
                id,
                "tiers",
                format!("{got:?}"),
                format!("{:?}", want.tiers),
            );
            if let Some(years) = &want.years {
                let plan = api(&router, &format!("/api/v1/people/{id}/plan"), &token).await;
                let got = plan["timing"]["years"]["p50"]
                    .as_f64()
                    .map(|y| format!("{y:.1}"));
                check(
                    "API plan",
                    id,
                    "years",
                    format!("{got:?}"),
                    format!("{:?}", Some(years)),
                );
            }
            // Their page, as the head of product reads it.
            let page = admin_browser.get(&format!("/people/{id}")).await;
            let got = from_standing(&page);
            check("/people/{id}", id, "held", got.held, want.held.clone());
            check("/people/{id}", id, "shown", got.shown, want.shown.clone());
            check(
                "/people/{id}",
                id,
                "next",
                format!("{:?}", got.next),
                format!("{:?}", want.next),
            );
            check(
                "/people/{id}",
                id,
                "tiers",
                format!("{:?}", got.tiers),
                format!("{:?}", want.tiers),
            );
            check(
                "/people/{id}",
                id,
                "years",
                format!("{:?}", got.years),
                format!("{:?}", want.years),
            );
            // The packet, for the one next rung.
            if let (1, Some(next)) = (want.next.len(), want.next.iter().next()) {
                let packet = admin_browser.get(&format!("/people/{id}/packet")).await;
                let tier = attr(&packet, "dd[data-tier]", "data-tier").unwrap_or_default();
                // The title names the level proposed: "Promotion case: Ann, PM → Senior PM".
                let heading = packet
                    .select(&Selector::parse("h1").expect("a selector"))
                    .next()
                    .map(|h| h.text().collect::<String>())
                    .unwrap_or_default();
                let next_title = rungs_core::framework::builtin()
                    .level(next)
                    .map(|l| l.short_title.clone())
                    .unwrap_or_default();
                let proposed = if heading.trim_end().ends_with(&format!("→ {next_title}")) {
                    next.clone()
                } else {
                    heading
                };
                check("packet", id, "target", proposed, next.clone());
                let want_tier = want.tiers.get(next).cloned().unwrap_or_default();
                check("packet", id, "readiness", tier, want_tier);
            }
        }

        // /team, every page of it.
        let mut seen = 0;
        for page_no in 1.. {
            let page = admin_browser.get(&format!("/team?page={page_no}")).await;
            let rows: Vec<_> = page
                .select(&Selector::parse("tr[data-person]").expect("a selector"))
                .collect();
            for row in &rows {
                let id = row
                    .value()
                    .attr("data-person")
                    .unwrap_or_default()
                    .to_owned();
                let cell = |name: &str| {
                    row.select(&Selector::parse(&format!("[data-{name}]")).expect("a selector"))
                        .next()
                        .and_then(|e| e.value().attr(&format!("data-{name}")).map(str::to_owned))
                        .unwrap_or_default()
                };
                let want = &reference[&id];
                check("/team", &id, "held", cell("held"), want.held.clone());
                check("/team", &id, "shown", cell("shown"), want.shown.clone());
                check("/team", &id, "readiness", cell("tier"), want.best.clone());
                check(
                    "/team",
                    &id,
                    "next",
                    format!("{:?}", words(&cell("next"))),
                    format!("{:?}", want.next),
                );
                seen += 1;
            }
            let next = Selector::parse("a[rel=next]").expect("a selector");
            if page.select(&next).next().is_none() {
                break;
            }
        }
        assert!(
            seen + 1 >= reference.len(),
            "/team listed {seen} of {}",
            reference.len()
        );

        // /org's pipeline: each count is the people with that level held and that readiness.
        let org = admin_browser.get("/org").await;
        for cell in org.select(&Selector::parse("td[data-count]").expect("a selector")) {
            let v = cell.value();
            let (level, tier) = (
                v.attr("data-level").unwrap_or_default(),
                v.attr("data-tier").unwrap_or_default(),
            );
            let want = reference
                .values()
                .filter(|s| s.held == level && s.best == tier)
                .count();
            check(
                "/org pipeline",
                level,
                tier,
                v.attr("data-count").unwrap_or_default().to_owned(),
                want.to_string(),
            );
        }

        // Pay against the band: who is below and above it, and by how much, from the app's
        // report, the command line's (over the files), the API's and /org.
        let report = app
            .reports()
            .team_report(&admin, &rungs_app::ReportRequest::default())
            .await
            .expect("the report");
        let outside = |pay: &serde_json::Value| -> BTreeMap<String, String> {
            ["below", "above"]
                .into_iter()
                .flat_map(|side| {
                    pay[side].as_array().into_iter().flatten().map(move |i| {
                        (
                            i["person"]["id"].as_str().unwrap_or_default().to_owned(),
                            format!("{side} by {}", i["outside_by"]),
                        )
                    })
                })
                .collect()
        };
        let want_pay = outside(&serde_json::to_value(&report.pay).expect("JSON"));
        assert!(
            want_pay.len() >= 5,
            "the demo pays some outside their band: {want_pay:?}"
        );
        let cli_report = rungs(&[
            "team",
            "report",
            "--json",
            "--roster",
            &roster,
            "--assessments",
            &assessments,
        ])
        .json();
        let api_report = api(&router, "/api/v1/team/report", &token).await;
        for (face, pay) in [
            ("rungs team report", &cli_report["pay"]),
            ("GET /api/v1/team/report", &api_report["pay"]),
        ] {
            check(
                face,
                "everyone",
                "pay outside the band",
                format!("{:?}", outside(pay)),
                format!("{want_pay:?}"),
            );
            check(
                face,
                "everyone",
                "pay checked",
                pay["checked"].to_string(),
                report.pay.checked.to_string(),
            );
        }
        let mut on_org: BTreeMap<String, String> = BTreeMap::new();
        for list in org.select(&Selector::parse("ul[data-pay]").expect("a selector")) {
            let side = list.value().attr("data-pay").unwrap_or_default();
            for li in list.select(&Selector::parse("li[data-person]").expect("a selector")) {
                let id = li.value().attr("data-person").unwrap_or_default();
                on_org.insert(id.to_owned(), side.to_owned());
            }
        }
        let want_sides: BTreeMap<String, String> = want_pay
            .iter()
            .map(|(id, s)| {
                (
                    id.clone(),
                    s.split(' ').next().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        check(
            "/org",
            "everyone",
            "pay outside the band",
            format!("{on_org:?}"),
            format!("{want_sides:?}"),
        );

        // What a job title means, from the command line, the API and /titles.
        let titles = [
            "Sr PM, Payments",
            "GPM, Ads",
            "Head of Product",
            "Software Engineer",
        ];
        let level_of = |v: &serde_json::Value| {
            v["level"]
                .as_str()
                .or(v["summary"].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let req = Request::post("/api/v1/titles")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "titles": titles }).to_string(),
            ))
            .expect("a request");
        let answer = router.clone().oneshot(req).await.expect("an answer");
        let bytes = answer
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        let api_titles: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let form = admin_browser.get("/titles").await;
        let csrf = attr(&form, "input[name=csrf]", "value").expect("a CSRF field");
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("csrf", csrf.as_str()), ("titles", &titles.join("\n"))])
            .finish();
        let (status, page) = admin_browser
            .send(
                Request::post("/titles")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
                Body::from(body),
            )
            .await;
        assert_eq!(status, 200, "{page}");
        let page = Html::parse_document(&page);
        let rows: Vec<_> = page
            .select(&Selector::parse("tbody tr").expect("a selector"))
            .collect();
        assert_eq!(rows.len(), titles.len());
        for (i, title) in titles.iter().enumerate() {
            let cli = rungs(&["title", title, "--json"]).json();
            let want = level_of(&cli);
            check(
                "POST /api/v1/titles",
                title,
                "level",
                level_of(&api_titles[i]),
                want.clone(),
            );
            let link = rows[i]
                .select(&Selector::parse("a[href^='/levels/']").expect("a selector"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(|h| h.trim_start_matches("/levels/").to_owned());
            let on_page = link.unwrap_or_else(|| {
                rows[i]
                    .select(&Selector::parse("td").expect("a selector"))
                    .next()
                    .and_then(|td| td.text().next().map(|t| t.trim().to_owned()))
                    .unwrap_or_default()
            });
            check("/titles", title, "level", on_page, want);
        }

        // Their own start page, for those who sign in.
        for &i in &members {
            let id = &ids[i];
            let mut b = Browser {
                router: &router,
                cookies: BTreeMap::new(),
            };
            b.sign_in(&format!("person{i}@acme.test"), "correct horse battery")
                .await;
            let got = from_standing(&b.get("/").await);
            let want = &reference[id];
            check("the start page", id, "held", got.held, want.held.clone());
            check("the start page", id, "shown", got.shown, want.shown.clone());
            check(
                "the start page",
                id,
                "tiers",
                format!("{:?}", got.tiers),
                format!("{:?}", want.tiers),
            );
            check(
                "the start page",
                id,
                "years",
                format!("{:?}", got.years),
                format!("{:?}", want.years),
            );
        }

        // The command line's gap and plan for a few, over the files.
        for id in ids.iter().step_by(15) {
            let want = &reference[id];
            let gap = rungs(&[
                "gap",
                "--json",
                "--person",
                id,
                "--roster",
                &roster,
                "--assessments",
                &assessments,
            ]);
            if gap.code != 0 {
                check(
                    "rungs gap",
                    id,
                    "tiers",
                    "refused".into(),
                    format!("{:?}", want.tiers),
                );
                continue;
            }
            let gap = gap.json();
            let got: BTreeMap<String, String> = gap["gaps"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|g| {
                    (
                        g["target"].as_str().unwrap_or_default().to_owned(),
                        g["readiness"]["tier"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect();
            check(
                "rungs gap",
                id,
                "tiers",
                format!("{got:?}"),
                format!("{:?}", want.tiers),
            );
            if want.years.is_some() {
                let plan = rungs(&[
                    "plan",
                    "--json",
                    "--person",
                    id,
                    "--roster",
                    &roster,
                    "--assessments",
                    &assessments,
                ])
                .json();
                let got = plan["timing"]["years"]["p50"]
                    .as_f64()
                    .map(|y| format!("{y:.1}"));
                check(
                    "rungs plan",
                    id,
                    "years",
                    format!("{got:?}"),
                    format!("{:?}", want.years),
                );
            }
        }
        assert!(
            differ.is_empty(),
            "{} figures differ:\n{}",
            differ.len(),
            differ.join("\n")
        );
    });
}
