//! Assessment history into the server and out again: all or nothing, every bad row in its
//! place, kinds of assessor kept, and an export that imports back unchanged.

use rungs_app::{Actor, AppError, HistorySource};
use rungs_core::framework::builtin;
use rungs_core::team::{DemoOptions, demo};

use crate::support::{history_header, history_row, orgs};

#[tokio::test]
async fn a_hundred_thousand_people_import_whole_or_not_at_all_and_export_back_unchanged() {
    let d = demo(
        builtin(),
        &DemoOptions {
            people: 100_000,
            seed: 1,
            cycles: 2,
            as_of: "2026-11-01".parse().expect("a day"),
            stage: None,
        },
    );
    assert!(d.assessments > 190_000, "{}", d.assessments);
    // A day that does not exist, three rows from the end.
    let mut lines: Vec<String> = d.history_csv.lines().map(str::to_owned).collect();
    let bad_at = lines.len() - 3;
    let mut cells: Vec<String> = lines[bad_at].split(',').map(str::to_owned).collect();
    cells[1] = "2026-02-30".into();
    lines[bad_at] = cells.join(",");
    let bad = lines.join("\n") + "\n";

    for org in orgs().await {
        org.roster(&d.roster_csv).await;
        let refused = org.history(&[("history.csv", &bad)]).await;
        let Err(AppError::Invalid { title, problems }) = refused else {
            panic!("{}: the bad history was not refused", org.name);
        };
        assert!(title.contains("nothing was imported"), "{title}");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            (problems[0].line, problems[0].field.as_deref()),
            (Some(bad_at + 1), Some("date")),
            "{}",
            org.name
        );
        assert_eq!(
            problems[0].location,
            format!("history.csv:{}, column 2 (date)", bad_at + 1)
        );
        let nothing = org
            .app
            .reports()
            .export_history(&org.admin)
            .await
            .expect("exported");
        assert_eq!(nothing.assessments, 0, "{}: nothing was written", org.name);

        let done = org
            .history(&[("history.csv", &d.history_csv)])
            .await
            .expect("the good history imports");
        assert_eq!(done.assessments, d.assessments);
        assert_eq!(done.own + done.manager + done.peer, d.assessments);
        let log = org
            .app
            .accounts()
            .audit(&org.admin, 1, None)
            .await
            .expect("the log");
        assert_eq!(
            (log[0].action.as_str(), log[0].actor.as_str()),
            ("assessments.import", "ada@acme.test"),
            "the admin is recorded as the importer"
        );

        // Out again, byte for byte the file that went in.
        let out = org
            .app
            .reports()
            .export_history(&org.admin)
            .await
            .expect("exported");
        assert_eq!(out.assessments, d.assessments);
        assert!(out.files.is_empty(), "every row fits the CSV");
        assert!(out.csv == d.history_csv, "{}: the export differs", org.name);

        // Into a second organization on the same database, and out again unchanged.
        let (_, admin2) = org
            .app
            .accounts()
            .create_org(
                "Beta",
                "Bo Admin",
                "bo@beta.test",
                "a long passphrase".into(),
            )
            .await
            .expect("a second organization");
        let beta = Actor::user(admin2);
        let roster = org
            .app
            .people()
            .roster_csv(&org.admin)
            .await
            .expect("the roster");
        org.app
            .people()
            .import_roster(&beta, "roster.csv", roster.clone().into_bytes(), &|_| {})
            .await
            .expect("the exported roster imports");
        org.app
            .reports()
            .import_assessments(
                &beta,
                HistorySource {
                    files: vec![("history.csv".into(), out.csv.clone().into_bytes())],
                },
                &|_| {},
            )
            .await
            .expect("the exported history imports");
        let again = org
            .app
            .reports()
            .export_history(&beta)
            .await
            .expect("exported");
        assert!(
            again.csv == out.csv,
            "{}: the round trip changed the history",
            org.name
        );
        assert!(
            org.app
                .people()
                .roster_csv(&beta)
                .await
                .expect("the roster")
                == roster
        );
    }
}

#[tokio::test]
async fn files_keep_evidence_notes_and_the_kind_of_assessor_through_a_round_trip() {
    let fw = builtin();
    let roster = "id,name,level,manager\nlead,Lea Lead,group-pm,\nada,Ada Lovelace,senior-pm,lead\npeer,Pia Peer,senior-pm,lead\n";
    let mut csv = history_header();
    csv += &history_row("ada", "2026-01-10", "self", "Ada Lovelace", "senior-pm");
    csv += &history_row("ada", "2026-01-12", "peer", "Pia Peer", "pm");
    let with_evidence = include_str!("../../../../examples/ada-manager.json");
    let toml = format!(
        "person = \"Ada Lovelace\"\nperson_id = \"ada\"\nframework = \"product-management\"\nframework_version = \"{}\"\ndate = 2026-03-01\ntrack = \"ic\"\nlevel = \"senior-pm\"\nassessor = {{ kind = \"peer\", name = \"Pia Peer\" }}\nnotes = \"Seen across two launches.\"\n[ratings]\nproduct-design = \"senior-pm\"\n",
        fw.version()
    );
    for org in orgs().await {
        org.roster(roster).await;
        let done = org
            .history(&[
                ("a-history.csv", &csv),
                ("b-manager.json", with_evidence),
                ("c-peer.toml", &toml),
            ])
            .await
            .expect("imports");
        assert_eq!(
            (
                done.assessments,
                done.own,
                done.manager,
                done.peer,
                done.files
            ),
            (4, 1, 1, 2, 3),
            "{}",
            org.name
        );
        let out = org
            .app
            .reports()
            .export_history(&org.admin)
            .await
            .expect("exported");
        // The two CSV rows stay rows; the two files with evidence or notes stay files.
        assert_eq!(out.csv.lines().count(), 3, "{}", out.csv);
        assert_eq!(out.files.len(), 2);
        let manager = out
            .files
            .iter()
            .find(|(_, j)| j.contains("\"manager\""))
            .expect("the manager's file");
        assert!(
            manager.1.contains("Needs to own a P&L before Principal."),
            "{}",
            manager.1
        );
        assert!(manager.1.contains("Checkout re-platforming."));
        let peer = out
            .files
            .iter()
            .find(|(_, j)| j.contains("Seen across two launches."))
            .expect("the peer's file with its notes");
        assert!(peer.1.contains("\"kind\": \"peer\""), "{}", peer.1);

        // Imported back (files and all), the export is the same but for file names.
        let (_, admin2) = org
            .app
            .accounts()
            .create_org("Beta", "Bo", "bo@beta.test", "a long passphrase".into())
            .await
            .expect("a second organization");
        let beta = Actor::user(admin2);
        org.app
            .people()
            .import_roster(&beta, "roster.csv", roster.as_bytes().to_vec(), &|_| {})
            .await
            .expect("roster");
        let mut files = vec![("history.csv".to_owned(), out.csv.clone().into_bytes())];
        files.extend(
            out.files
                .iter()
                .map(|(n, j)| (n.clone(), j.clone().into_bytes())),
        );
        org.app
            .reports()
            .import_assessments(&beta, HistorySource { files }, &|_| {})
            .await
            .expect("the export imports");
        let again = org
            .app
            .reports()
            .export_history(&beta)
            .await
            .expect("exported");
        assert_eq!(again.csv, out.csv);
        let contents = |e: &rungs_app::HistoryExport| {
            let mut c: Vec<String> = e.files.iter().map(|(_, j)| j.clone()).collect();
            c.sort();
            c
        };
        assert_eq!(contents(&again), contents(&out));
    }
}

#[tokio::test]
async fn a_file_for_someone_not_on_the_roster_refuses_the_whole_import() {
    for org in orgs().await {
        org.roster("id,name,level\nada,Ada,pm\n").await;
        let mut csv = history_header();
        csv += &history_row("ada", "2026-01-10", "self", "Ada", "pm");
        let stranger = include_str!("../../../../examples/ada-manager.json")
            .replace("\"person_id\": \"ada\"", "\"person_id\": \"zed\"");
        let e = org
            .history(&[("history.csv", &csv), ("zed.json", &stranger)])
            .await
            .expect_err("refused");
        let AppError::Invalid { problems, .. } = e else {
            panic!("{e}");
        };
        assert!(
            problems[0]
                .message
                .contains("`zed`, who is not on the roster"),
            "{problems:#?}"
        );
        let out = org
            .app
            .reports()
            .export_history(&org.admin)
            .await
            .expect("exported");
        assert_eq!(out.assessments, 0, "not even the good CSV row was kept");
        let member = org
            .app
            .accounts()
            .create_user(
                &org.admin,
                rungs_app::NewUserInput {
                    email: "m@acme.test".into(),
                    name: "M".into(),
                    password: "a long passphrase".into(),
                    role: rungs_store::Role::Member,
                    person: Some("ada".into()),
                },
            )
            .await
            .expect("a member");
        let e = org
            .app
            .reports()
            .import_assessments(&Actor::user(member), HistorySource::default(), &|_| {})
            .await
            .expect_err("members do not import");
        assert!(matches!(e, AppError::Forbidden(_)), "{e}");
    }
}
