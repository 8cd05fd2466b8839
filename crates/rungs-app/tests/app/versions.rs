//! The team report over stored data when the framework has changed since some assessments were
//! made: each is read against its own version, and one that cannot be read is named.

use rungs_app::ReportRequest;
use rungs_core::framework::{BUILTIN_TOML, builtin};
use rungs_core::{PersonId, VersionId};

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
            .frameworks()
            .put_framework(&org.admin, VersionId(1), second_version().into_bytes())
            .await
            .expect("version 2 saves");
        assert_eq!(saved.version.version, VersionId(2));
        org.app
            .frameworks()
            .publish_framework(&org.admin, VersionId(2))
            .await
            .expect("version 2 is published");
        let r = org
            .app
            .reports()
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
        // One answer: Ada's own page places the same assessment on version 2 as the report
        // does, so her level shown and her next rung are the report's, in version 2's terms.
        let (rows, _) = org
            .app
            .reports()
            .team_members(&org.admin, &ReportRequest::default())
            .await
            .expect("rows");
        let row = rows
            .iter()
            .find(|m| m.person.id == "ada")
            .expect("Ada's row");
        let mine = org
            .app
            .assessments()
            .standing(&org.admin, &PersonId::from("ada"))
            .await
            .expect("standing");
        assert_eq!(
            mine.framework.version(),
            "2026.2",
            "read on the version in use"
        );
        let shown = mine.outcome.as_ref().and_then(|o| o.level.clone());
        assert_eq!(
            shown.as_deref(),
            row.shown.as_ref().map(|l| l.level.as_str()),
            "{}",
            org.name
        );
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
            .reports()
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

const ENGINEERING: &str = include_str!("../../../../frameworks/examples/engineering.toml");

#[tokio::test]
async fn a_new_version_is_a_draft_previewed_then_published_and_an_earlier_one_comes_back_in_one_step()
 {
    for org in orgs().await {
        let app = &org.app;
        org.roster(
            "id,name,level,track,manager,pay,stage\n\
             lead,Lea Lead,group-pm,manager,,230000,large\n\
             ada,Ada,pm,ic,lead,900000,large\n",
        )
        .await;
        // Another ladder altogether, uploaded: a draft; version 1 stays in use for everyone.
        let saved = app
            .frameworks()
            .put_framework(&org.admin, VersionId(1), ENGINEERING.as_bytes().to_vec())
            .await
            .expect("a draft");
        assert_eq!(saved.version.version, VersionId(2));
        assert_eq!(saved.version.published_at, None);
        assert_eq!(
            app.framework(org.admin.org).await.unwrap().0,
            VersionId(1),
            "{}",
            org.name
        );
        let versions = app
            .frameworks()
            .framework_versions(&org.admin)
            .await
            .unwrap();
        let in_use: Vec<i64> = versions
            .iter()
            .filter(|v| v.in_use)
            .map(|v| v.version.0)
            .collect();
        assert_eq!(in_use, [1]);
        assert_eq!(
            app.frameworks().newest_framework(&org.admin).await.unwrap(),
            VersionId(2)
        );

        // The preview names everyone it cannot place: no one is lost without a word.
        let p = app
            .frameworks()
            .framework_preview(&org.admin, VersionId(2))
            .await
            .unwrap();
        assert_eq!(p.in_use, VersionId(1));
        assert!(!p.version.in_use);
        assert!(p.changed_values > 0);
        let mut unplaced: Vec<&str> = p.impact.unplaced.iter().map(|u| u.id.as_str()).collect();
        unplaced.sort_unstable();
        assert_eq!(unplaced, ["ada", "lead"], "{}: {:?}", org.name, p.impact);
        assert!(
            p.impact.unplaced[0].reason.ends_with("is not in version 2"),
            "{}",
            p.impact.unplaced[0].reason
        );
        assert_eq!(p.impact.people, [2, 0]);
        // Only an admin previews and publishes.
        let member = rungs_app::Actor {
            role: rungs_app::Role::Member,
            person: Some("ada".into()),
            ..org.admin.clone()
        };
        assert!(matches!(
            app.frameworks()
                .framework_preview(&member, VersionId(2))
                .await,
            Err(rungs_app::AppError::Forbidden(_))
        ));
        assert!(matches!(
            app.frameworks()
                .publish_framework(&member, VersionId(2))
                .await,
            Err(rungs_app::AppError::Forbidden(_))
        ));

        // Each level it lacks is listed with how many hold it, to be mapped to one of its own.
        let held: Vec<(&str, usize)> = p
            .unplaced_levels
            .iter()
            .map(|l| (l.level.as_str(), l.people))
            .collect();
        assert_eq!(held, [("group-pm", 1), ("pm", 1)]);
        assert!(p.levels.iter().any(|l| l.id == "engineer-2"));
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        let bad = app
            .frameworks()
            .map_levels(
                &org.admin,
                VersionId(2),
                map(&[("pm", "wizard"), ("group-pm", "engineering-manager")]),
            )
            .await;
        match bad {
            Err(rungs_app::AppError::Invalid { problems, .. }) => {
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].location, "/level_map/pm");
            }
            other => panic!("{other:?}"),
        }
        app.frameworks()
            .map_levels(&org.admin, VersionId(2), map(&[("pm", "engineer-2")]))
            .await
            .expect("mapped");
        let p = app
            .frameworks()
            .framework_preview(&org.admin, VersionId(2))
            .await
            .unwrap();
        let still: Vec<&str> = p.impact.unplaced.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            still,
            ["lead"],
            "Ada is placed by the mapping; Lea is not mapped yet"
        );
        assert_eq!(
            p.unplaced_levels[1].mapped_to.as_deref(),
            Some("engineer-2")
        );
        app.frameworks()
            .map_levels(
                &org.admin,
                VersionId(2),
                map(&[("pm", "engineer-2"), ("group-pm", "engineering-manager")]),
            )
            .await
            .expect("mapped");
        assert!(
            app.frameworks()
                .framework_preview(&org.admin, VersionId(2))
                .await
                .unwrap()
                .impact
                .unplaced
                .is_empty()
        );

        // Published: in use at once, the people moved to the levels mapped; then version 1
        // again, in one step, and audited.
        app.frameworks()
            .publish_framework(&org.admin, VersionId(2))
            .await
            .unwrap();
        assert_eq!(app.framework(org.admin.org).await.unwrap().0, VersionId(2));
        assert_eq!(
            app.people()
                .person(&org.admin, &PersonId::from("ada"))
                .await
                .unwrap()
                .fields
                .level,
            "engineer-2"
        );
        let report = app
            .reports()
            .team_report(&org.admin, &ReportRequest::default())
            .await
            .unwrap();
        assert_eq!(report.people, 2, "no one dropped");
        assert!(report.unread.is_empty());
        // Back on version 1, they are at levels it lacks: its preview says so.
        let back = app
            .frameworks()
            .framework_preview(&org.admin, VersionId(1))
            .await
            .unwrap();
        assert_eq!(back.impact.unplaced.len(), 2, "{:?}", back.impact);
        app.frameworks()
            .map_levels(
                &org.admin,
                VersionId(1),
                map(&[("engineer-2", "pm"), ("engineering-manager", "group-pm")]),
            )
            .await
            .expect("mapped back");
        let v = app
            .frameworks()
            .publish_framework(&org.admin, VersionId(1))
            .await
            .unwrap();
        assert!(v.in_use && v.published_at.is_some());
        assert_eq!(app.framework(org.admin.org).await.unwrap().0, VersionId(1));
        let report = app
            .reports()
            .team_report(&org.admin, &ReportRequest::default())
            .await
            .unwrap();
        assert_eq!(report.people, 2, "everyone is back");
        // A draft that raises the PM band past Ada's pay: the preview says her pay moves.
        let raised = BUILTIN_TOML.replacen(
            "large = { min = 140_000, max = 200_000 }",
            "large = { min = 140_000, max = 1_000_000 }",
            1,
        );
        let draft = app
            .frameworks()
            .put_framework(&org.admin, VersionId(2), raised.into_bytes())
            .await
            .expect("a draft");
        let p = app
            .frameworks()
            .framework_preview(&org.admin, draft.version.version)
            .await
            .unwrap();
        assert!(p.impact.unplaced.is_empty());
        assert_eq!(p.impact.pay.len(), 1, "{:?}", p.impact);
        let ada = &p.impact.pay[0];
        assert_eq!(
            (ada.person.as_str(), ada.from.as_str(), ada.to.as_str()),
            ("ada", "above the band", "within the band, or not checked")
        );
        assert!(matches!(
            app.frameworks()
                .publish_framework(&org.admin, VersionId(9))
                .await,
            Err(rungs_app::AppError::NotFound(_))
        ));
    }
}
