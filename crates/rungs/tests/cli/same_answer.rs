//! The same person, the same answer: `rungs gap` and `rungs plan` on a team's files (the command
//! line's path) against the API's gap and plan after the same files are imported into a server
//! (the server's path). Both pick the person's latest assessment by the one rule and judge it
//! by the one set of rules.

use std::path::Path;

use axum_test_support::get_json;
use rungs_app::{Actor, App, Settings};

use crate::support::{rungs, rungs_with_env};

/// The history: for each person, whose assessment should stand, and why.
fn team_files(dir: &Path) -> (String, String) {
    let fw = rungs_core::framework::builtin();
    let ids: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "id,name,level,track,manager\n\
         lead,Lea Lead,group-pm,,\n\
         ann,Ann Archer,pm,ic,lead\n\
         bo,Bo Brandt,senior-pm,,lead\n\
         cy,Cy Chen,pm,ic,lead\n\
         di,Di Dunn,apm,,lead\n\
         ada,Ada Lovelace,senior-pm,ic,lead\n",
    )
    .expect("the roster");
    let dir_a = dir.join("assessments");
    std::fs::create_dir_all(&dir_a).expect("a directory");
    let row = |who: &str,
               date: &str,
               kind: &str,
               by: &str,
               level: &str,
               rate: &dyn Fn(usize) -> &'static str| {
        let ratings: Vec<&str> = (0..ids.len()).map(rate).collect();
        format!("{who},{date},{kind},{by},,{level},,{}\n", ratings.join(","))
    };
    let mut csv = format!(
        "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
        ids.join(",")
    );
    // Ann: her manager's assessment is older than her own; the manager's stands.
    csv += &row("ann", "2026-01-15", "manager", "Lea Lead", "pm", &|i| {
        if i % 3 == 0 { "senior-pm" } else { "pm" }
    });
    csv += &row(
        "ann",
        "2026-06-01",
        "self",
        "Ann Archer",
        "pm",
        &|_| "senior-pm",
    );
    // Bo, undecided at the split: only his own.
    csv += &row("bo", "2026-02-01", "self", "Bo Brandt", "senior-pm", &|i| {
        if i % 2 == 0 {
            "principal-pm"
        } else {
            "senior-pm"
        }
    });
    // Cy: both on one day; the manager's counts.
    csv += &row(
        "cy",
        "2026-05-01",
        "self",
        "Cy Chen",
        "pm",
        &|_| "senior-pm",
    );
    csv += &row("cy", "2026-05-01", "manager", "Lea Lead", "pm", &|i| {
        if i < 5 { "apm" } else { "pm" }
    });
    // Di: a peer's only, after an older one of her own: her own counts over a peer's.
    csv += &row("di", "2025-11-01", "self", "Di Dunn", "apm", &|_| "pm");
    csv += &row("di", "2026-03-01", "peer", "Cy Chen", "apm", &|_| "apm");
    // Ada: a self row, then her manager's assessment as a file with evidence, a month later.
    csv += &row(
        "ada",
        "2026-09-01",
        "self",
        "Ada Lovelace",
        "senior-pm",
        &|_| "senior-pm",
    );
    std::fs::write(dir_a.join("history.csv"), csv).expect("the history");
    std::fs::write(
        dir_a.join("ada-manager.json"),
        include_str!("../../../../examples/ada-manager.json"),
    )
    .expect("a file");
    (
        roster.to_string_lossy().into_owned(),
        dir_a.to_string_lossy().into_owned(),
    )
}

#[test]
fn the_command_line_and_the_api_judge_a_person_alike() {
    let dir = tempfile::tempdir().expect("a directory");
    let (roster, assessments) = team_files(dir.path());
    let db = format!("sqlite://{}", dir.path().join("rungs.db").display());
    let password = ("RUNGS_ADMIN_PASSWORD", "correct horse battery");
    rungs_with_env(
        &[
            "admin",
            "create",
            "--email",
            "ada@acme.test",
            "--name",
            "A",
            "--db",
            &db,
        ],
        &[password],
    )
    .ok();
    rungs(&["import", "roster", &roster, "--db", &db]).ok();
    let imported = rungs(&["import", "assessments", &assessments, "--db", &db]).ok();
    assert!(imported.contains("Imported 9 assessments"), "{imported}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let router_and_token = runtime.block_on(async {
        let app = App::open(
            &rungs_app::DbUrl::parse(&db).expect("a URL"),
            Settings::default(),
        )
        .await
        .expect("the database opens");
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
        let (token, _) = app
            .accounts()
            .create_token(&Actor::user(admin), "test")
            .await
            .expect("a token");
        let config = rungs_web::Config::default();
        let (router, _) = rungs_web::app(rungs_web::AppState::with_app(app, config));
        (router, token)
    });
    let (router, token) = router_and_token;
    for person in ["ann", "bo", "cy", "di", "ada"] {
        for (command, endpoint, to) in [
            ("gap", "gap", None),
            ("plan", "plan", None),
            ("gap", "gap", Some("principal-pm")),
        ] {
            let mut args = vec![command, "--json", "--person", person, "--roster", &roster];
            args.extend(["--assessments", &assessments]);
            if let Some(t) = to {
                args.extend(["--to", t]);
            }
            let cli = rungs(&args);
            let uri = format!(
                "/api/v1/people/{person}/{endpoint}{}",
                to.map(|t| format!("?to={t}")).unwrap_or_default()
            );
            let (status, api) = runtime.block_on(get_json(&router, &uri, &token));
            if cli.code != 0 {
                // Where no target settles (Bo's plan at the split), both say so.
                assert_eq!(status, 422, "{person} {command}: {api}");
                assert!(
                    cli.stderr.contains("where the ladder splits"),
                    "{person}: {}",
                    cli.stderr
                );
                let title = api["errors"][0]["message"].as_str().unwrap_or_default();
                assert!(title.contains("where the ladder splits"), "{api}");
                continue;
            }
            let cli = cli.json();
            assert_eq!(status, 200, "{person} {command}: {api}");
            assert_eq!(cli, api, "{person} {command} {to:?}: the two paths differ");
            if person == "bo" && command == "gap" && to.is_none() {
                // At the split, the gap shows both branches, alike on both paths.
                assert_eq!(cli["gaps"].as_array().map(Vec::len), Some(2), "{cli}");
            }
        }
    }
    // The rule, visible: Ann's gap reads her manager's older assessment, not her own.
    let ann = rungs(&[
        "gap",
        "--json",
        "--person",
        "ann",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
    ])
    .json();
    let ann = &ann["gaps"][0];
    assert_eq!(ann["target"], "senior-pm");
    assert!(
        ann["items"].as_array().is_some_and(|i| !i.is_empty()),
        "her own Senior PM ratings would leave no gap: {ann}"
    );
    // And Ada's manager file's evidence comes through the command line's path too.
    let ada = rungs(&[
        "plan",
        "--json",
        "--person",
        "ada",
        "--roster",
        &roster,
        "--assessments",
        &assessments,
    ])
    .json();
    assert_eq!(ada["person"], "Ada Lovelace");

    // The team report, whole and for one manager's part, is the same on both paths.
    for manager in [None, Some("lead"), Some("ann")] {
        let mut args = vec![
            "team",
            "report",
            "--roster",
            &roster,
            "--assessments",
            &assessments,
        ];
        args.extend(["--as-of", "2026-11-01", "--json"]);
        if let Some(m) = manager {
            args.extend(["--manager", m]);
        }
        let cli = rungs(&args).json();
        let uri = format!(
            "/api/v1/team/report?as_of=2026-11-01{}",
            manager.map(|m| format!("&manager={m}")).unwrap_or_default()
        );
        let (status, api) = runtime.block_on(get_json(&router, &uri, &token));
        assert_eq!(status, 200, "{api}");
        assert_eq!(cli, api, "{manager:?}: the two team reports differ");
        let expected = match manager {
            None | Some("lead") => 6,
            _ => 1,
        };
        assert_eq!(cli["people"], expected, "{manager:?}");
    }
}

/// Requests against the router in-process.
mod axum_test_support {
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    pub(crate) async fn get_json(
        router: &Router,
        uri: &str,
        token: &str,
    ) -> (u16, serde_json::Value) {
        let req = Request::get(uri)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .expect("a request");
        let answer = router.clone().oneshot(req).await.expect("an answer");
        let status = answer.status().as_u16();
        let bytes = answer
            .into_body()
            .collect()
            .await
            .expect("the body")
            .to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
        )
    }
}
