//! The team report over stored data when the framework has changed since some assessments were
//! made: each is read against its own version, and one that cannot be read is named.

use rungs_app::ReportRequest;
use rungs_core::framework::{BUILTIN_TOML, builtin};

use crate::support::{history_header, orgs};

/// The built-in framework with a new competency first (every other one moves a place) and
/// Product Design renamed: stored ratings read by position against this would be wrong.
fn second_version() -> String {
    let first = BUILTIN_TOML
        .find("[[areas.competencies]]")
        .expect("a competency");
    let new = "[[areas.competencies]]\nid = \"ai-fluency\"\nname = \"AI fluency\"\nexpectations = [\n    { levels = [\"apm\", \"pm\", \"senior-pm\", \"principal-pm\", \"group-pm\", \"director\", \"vp\", \"cpo\"], text = \"Builds with AI tools\" },\n]\n\n";
    let mut v2 = format!("{}{new}{}", &BUILTIN_TOML[..first], &BUILTIN_TOML[first..]);
    v2 = v2.replacen("id = \"product-design\"", "id = \"design-craft\"", 1);
    v2.replacen(
        &format!("version = \"{}\"", builtin().version()),
        "version = \"2026.2\"",
        1,
    )
}

#[tokio::test]
async fn an_assessment_made_against_an_older_version_is_read_against_it() {
    let fw = builtin();
    let ids: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    // Senior PM everywhere but Product Design, which is below the first level.
    let ratings: Vec<&str> = ids
        .iter()
        .map(|id| {
            if *id == "product-design" {
                "below"
            } else {
                "senior-pm"
            }
        })
        .collect();
    let csv = format!(
        "{}ada,2026-03-01,manager,Lea Lead,ic,pm,,{}\n",
        history_header(),
        ratings.join(",")
    );
    for org in orgs().await {
        org.roster("id,name,level,track,manager\nlead,Lea Lead,group-pm,,\nada,Ada,pm,ic,lead\n")
            .await;
        org.history(&[("history.csv", &csv)])
            .await
            .expect("imports");
        let saved = org
            .app
            .put_framework(&org.admin, 1, second_version().into_bytes())
            .await
            .expect("version 2 saves");
        assert_eq!(saved.version.version, 2);
        let r = org
            .app
            .team_report(
                &org.admin,
                &ReportRequest {
                    as_of: Some("2026-11-01".parse().expect("a day")),
                    ..ReportRequest::default()
                },
            )
            .await
            .expect("a report");
        assert!(r.unread.is_empty(), "{}: {:?}", org.name, r.unread);
        assert_eq!(r.assessments, 1);
        assert!(r.framework.ends_with("2026.2"), "{}", r.framework);
        // Read against version 1 and placed on version 2: Product Design has no place now and is
        // set aside, AI fluency was never rated, and the other 19 are Senior PM, a rank above
        // the PM Ada held: a lift of exactly 1. Read by position against version 2, the
        // "below" would land on another competency and the lift would be 0.85.
        let lea = r
            .calibration
            .assessors
            .iter()
            .find(|a| a.assessor == "Lea Lead")
            .expect("the assessor");
        assert_eq!((lea.assessments, lea.mean_lift), (1, 1.0), "{}", org.name);
    }
}

#[tokio::test]
async fn an_assessment_that_cannot_be_read_is_counted_and_named() {
    let mut csv = history_header();
    let n = builtin().competencies().count();
    for (who, date) in [("ada", "2026-03-01"), ("ada", "2026-04-01")] {
        csv += &format!("{who},{date},self,Ada,,,,{}\n", vec!["pm"; n].join(","));
    }
    for org in orgs().await {
        org.roster("id,name,level\nada,Ada,pm\n").await;
        org.history(&[("history.csv", &csv)])
            .await
            .expect("imports");
        // Damage one stored row: two ratings where the framework has twenty.
        rungs_store::execute_raw(
            &org._db.store,
            "UPDATE assessments SET ratings = '0202' WHERE date = '2026-04-01'",
        )
        .await
        .expect("damaged");
        let r = org
            .app
            .team_report(
                &org.admin,
                &ReportRequest {
                    as_of: Some("2026-11-01".parse().expect("a day")),
                    ..ReportRequest::default()
                },
            )
            .await
            .expect("a report");
        assert_eq!(r.assessments, 1, "{}: the other one still counts", org.name);
        assert_eq!(r.unread.len(), 1);
        assert_eq!(
            (r.unread[0].kind, r.unread[0].person.as_str()),
            ("assessment", "ada")
        );
        assert_eq!(
            r.unread[0].reason,
            "it holds 2 ratings where its framework version has 20"
        );
        assert!(
            r.findings[0].starts_with("1 assessment could not be read"),
            "{:?}",
            r.findings
        );
        assert!(rungs_render::report(&r).contains("## Not read"));
    }
}
