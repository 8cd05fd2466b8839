//! One answer for any organization: for generated organizations (the demo generator with a
//! random seed, size and number of cycles), the team's rows and the whole team report read
//! from the files (as the command line reads them) and from the database the same files were
//! imported into (as the API and the pages read them) are identical, and each person's own
//! answer (the held level, the level shown, the next rung, the readiness and the usual years)
//! agrees with their row. Each manager's part of it reads the same both ways too.

use proptest::prelude::*;
use rungs_app::ReportRequest;
use rungs_core::PersonId;
use rungs_core::framework::builtin;
use rungs_core::team::{
    DemoOptions, History, ReportOptions, demo, load_history_csv, load_roster, members,
    members_under, report, report_under,
};

use crate::support::orgs;

/// Reads a generated organization both ways and compares every figure; a difference is a
/// message naming the person and the figure.
async fn compare(people: usize, seed: u64, cycles: usize) -> Vec<String> {
    let fw = builtin();
    let today = rungs_core::Date::today();
    let d = demo(
        fw,
        &DemoOptions {
            people,
            seed,
            cycles,
            as_of: today,
            stage: None,
        },
    );
    // The command line's reading, over the files.
    let roster = load_roster("roster.csv", d.roster_csv.as_bytes(), fw)
        .expect("the demo's roster loads")
        .roster;
    let mut history = History::new(fw);
    load_history_csv(
        "history.csv",
        d.history_csv.as_bytes(),
        fw,
        &roster,
        &mut history,
    )
    .expect("the demo's history loads");
    history.sort();
    let opts = ReportOptions::days(None, None).expect("today's report");
    let file_rows = members(fw, &roster, &history, opts);
    let file_report = report(fw, &roster, &history, opts);

    let mut differ = Vec::new();
    for o in orgs().await {
        o.roster(&d.roster_csv).await;
        o.history(&[("history.csv", &d.history_csv)])
            .await
            .expect("the demo's history imports");
        let (db_rows, unread) = o
            .app
            .reports()
            .team_members(&o.admin, &ReportRequest::default())
            .await
            .expect("the team");
        assert!(unread.is_empty(), "{unread:?}");
        if db_rows != file_rows {
            for (f, b) in file_rows.iter().zip(&db_rows) {
                if f != b {
                    differ.push(format!("{} row of {}: {f:?} vs {b:?}", o.name, f.person.id));
                }
            }
            if db_rows.len() != file_rows.len() {
                differ.push(format!(
                    "{}: {} rows vs {}",
                    o.name,
                    file_rows.len(),
                    db_rows.len()
                ));
            }
        }
        let db_report = o
            .app
            .reports()
            .team_report(&o.admin, &ReportRequest::default())
            .await
            .expect("the report");
        if db_report != file_report {
            differ.push(format!(
                "{}: the team report differs\nfiles: {}\ndatabase: {}",
                o.name,
                serde_json::to_string(&file_report).unwrap_or_default(),
                serde_json::to_string(&db_report).unwrap_or_default()
            ));
        }
        // Each manager's part, small ones read by themselves and large ones cut from the whole
        // organization, as the command line cuts it from the files.
        for m in (0..roster.len()).filter(|&p| !roster.reports(p).is_empty()) {
            let id = roster.people[m].id.as_str();
            let req = ReportRequest {
                manager: Some(PersonId::from(id)),
                ..ReportRequest::default()
            };
            let files = report_under(fw, &roster, &history, opts, Some(id)).expect("a part");
            let rows = members_under(fw, &roster, &history, opts, Some(id)).expect("its rows");
            let reports = o.app.reports();
            let db = reports.team_report(&o.admin, &req).await.expect("the part");
            let (db_rows, _) = reports.team_members(&o.admin, &req).await.expect("rows");
            if db != files || db_rows != rows {
                differ.push(format!(
                    "{}: the part under {id} differs\nfiles: {}\ndatabase: {}",
                    o.name,
                    serde_json::to_string(&files).unwrap_or_default(),
                    serde_json::to_string(&db).unwrap_or_default()
                ));
            }
        }
        // Each person's own answer, as their page and the API's readiness give it.
        for row in &db_rows {
            let id = row.person.id.as_str();
            let s = o
                .app
                .assessments()
                .standing(&o.admin, &PersonId::from(id))
                .await
                .expect("where they stand");
            let mut said = |what: &str, own: String, team: String| {
                if own != team {
                    differ.push(format!(
                        "{} {id} {what}: their page says {own:?}, the team {team:?}",
                        o.name
                    ));
                }
            };
            said(
                "held",
                s.person.fields.level.to_string(),
                row.person.level.to_string(),
            );
            let shown = s.outcome.as_ref().and_then(|x| x.level.clone());
            said(
                "shown",
                format!("{shown:?}"),
                format!("{:?}", row.shown.as_ref().map(|l| l.level.clone())),
            );
            let next: Vec<String> = s
                .outcome
                .as_ref()
                .map(|x| x.next_levels.clone())
                .unwrap_or_default();
            let row_next: Vec<String> = row
                .readiness
                .as_ref()
                .map(|r| r.next.iter().map(|l| l.level.clone()).collect())
                .unwrap_or_default();
            if row.readiness.is_some() {
                said("next", format!("{next:?}"), format!("{row_next:?}"));
            }
            let best = s.gaps.as_ref().and_then(|g| {
                let tiers = fw.readiness_tiers();
                g.gaps
                    .iter()
                    .map(|x| x.readiness.tier.clone())
                    .min_by_key(|t| tiers.iter().position(|x| &x.id == t))
            });
            said(
                "readiness",
                format!("{best:?}"),
                format!("{:?}", row.readiness.as_ref().map(|r| r.tier.clone())),
            );
        }
    }
    differ
}

proptest! {
    // Each case builds an organization on every backend: a few cases keep the run short.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    #[test]
    fn any_organization_reads_the_same_from_its_files_and_its_database(
        people in 8usize..90,
        seed in any::<u64>(),
        cycles in 1usize..5,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let differ = runtime.block_on(compare(people, seed, cycles));
        prop_assert!(differ.is_empty(), "{} differ:\n{}", differ.len(), differ.join("\n"));
    }
}
