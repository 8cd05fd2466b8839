//! The state machine: each allowed move of a cycle and each refused one, with its reason.

use super::*;

#[tokio::test]
async fn a_cycle_goes_from_self_assessment_to_closed_and_refuses_every_other_move() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");

        // Self-assessment: Ann keeps a draft, then submits; it is then final.
        let r = app
            .cycles()
            .cycle_record(&ann, id, &PersonId::from("a0"))
            .await
            .unwrap();
        assert_eq!(r.state, RecordState::NotStarted);
        let r = app
            .cycles()
            .write_part(
                &ann,
                id,
                &PersonId::from("a0"),
                Part::Own,
                part("pm", false, r.version),
            )
            .await
            .unwrap();
        assert_eq!(
            (r.state, r.own.state),
            (RecordState::Draft, PartState::Draft)
        );
        let r = app
            .cycles()
            .write_part(
                &ann,
                id,
                &PersonId::from("a0"),
                Part::Own,
                part("senior-pm", true, r.version),
            )
            .await
            .unwrap();
        assert_eq!(r.state, RecordState::Submitted);
        let why = conflict(
            app.cycles()
                .write_part(
                    &ann,
                    id,
                    &PersonId::from("a0"),
                    Part::Own,
                    part("pm", true, r.version),
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("submitted and final"), "{why}");
        // A stale version is refused, whatever it says.
        let stale = app
            .cycles()
            .write_part(
                &(c.member)(c.org, "a1"),
                id,
                &PersonId::from("a1"),
                Part::Own,
                part("pm", false, 99),
            )
            .await
            .unwrap_err();
        assert!(conflict(stale).contains("changed since it was read"));
        // The manager cannot rate yet.
        let why = conflict(
            app.cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from("a1"),
                    Part::Manager,
                    part("pm", false, 1),
                )
                .await
                .unwrap_err(),
        );
        assert!(
            why.contains("opens when the cycle reaches Manager assessment"),
            "{why}"
        );
        // Only admins move a cycle; only forward, one stage at a time.
        assert!(matches!(
            app.cycles()
                .advance_cycle(&c.lea, id, "manager-assessment", true)
                .await,
            Err(AppError::Forbidden(_))
        ));
        let why = conflict(
            app.cycles()
                .advance_cycle(&c.admin, id, "calibration", true)
                .await
                .unwrap_err(),
        );
        assert!(why.contains("one stage at a time"), "{why}");
        let cy = app
            .cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        assert_eq!(cy.stage, Stage::ManagerAssessment);
        let why = conflict(
            app.cycles()
                .advance_cycle(&c.admin, id, "self-assessment", true)
                .await
                .unwrap_err(),
        );
        assert!(why.contains("only moves forward"), "{why}");

        // Manager assessment: Lea rates all six; Ann may not rate herself as a manager.
        assert!(matches!(
            app.cycles()
                .write_part(
                    &ann,
                    id,
                    &PersonId::from("a0"),
                    Part::Manager,
                    part("pm", false, 1)
                )
                .await,
            Err(AppError::Forbidden(_))
        ));
        for p in ["a0", "a1", "a2", "a3", "a4", "a5"] {
            let v = app
                .cycles()
                .cycle_record(&c.lea, id, &PersonId::from(p))
                .await
                .unwrap()
                .version;
            let r = app
                .cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from(p),
                    Part::Manager,
                    part("pm", true, v),
                )
                .await
                .unwrap();
            assert_eq!(r.manager_part.state, PartState::Submitted);
        }
        // The admin reopens one with a reason; Lea writes it again.
        let v = app
            .cycles()
            .cycle_record(&c.admin, id, &PersonId::from("a1"))
            .await
            .unwrap()
            .version;
        let bad = app
            .cycles()
            .reopen_part(
                &c.admin,
                id,
                &PersonId::from("a1"),
                Reopen {
                    part: "manager".into(),
                    reason: " ".into(),
                    version: v,
                },
            )
            .await;
        assert!(
            matches!(bad, Err(AppError::Invalid { .. })),
            "a reason is needed"
        );
        let r = app
            .cycles()
            .reopen_part(
                &c.admin,
                id,
                &PersonId::from("a1"),
                Reopen {
                    part: "manager".into(),
                    reason: "rated on the wrong track".into(),
                    version: v,
                },
            )
            .await
            .unwrap();
        assert_eq!(r.manager_part.state, PartState::Draft);
        let r = app
            .cycles()
            .write_part(
                &c.lea,
                id,
                &PersonId::from("a1"),
                Part::Manager,
                part("senior-pm", true, r.version),
            )
            .await
            .unwrap();
        assert_eq!(r.manager_part.state, PartState::Submitted);

        // Calibration: the admin changes one rating, with who, when and why kept.
        app.cycles()
            .advance_cycle(&c.admin, id, "calibration", true)
            .await
            .unwrap();
        let why = conflict(
            app.cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from("a2"),
                    Part::Manager,
                    part("pm", true, 1),
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("can no longer be written"), "{why}");
        let v = app
            .cycles()
            .cycle_record(&c.admin, id, &PersonId::from("a2"))
            .await
            .unwrap()
            .version;
        let r = app
            .cycles()
            .calibrate(
                &c.admin,
                id,
                &PersonId::from("a2"),
                RatingChange {
                    competency: "data-analysis".into(),
                    rating: "senior-pm".into(),
                    reason: "the launch metrics work counts here".into(),
                    version: v,
                },
            )
            .await
            .unwrap();
        assert_eq!(r.calibrations.len(), 1);
        let cal = &r.calibrations[0];
        assert_eq!(cal.detail["from"], "pm");
        assert_eq!(cal.detail["to"], "senior-pm");
        assert_eq!(
            cal.reason.as_deref(),
            Some("the launch metrics work counts here")
        );
        assert_eq!(cal.by, "ada@acme.test");
        assert_eq!(r.manager_part.ratings["data-analysis"], "senior-pm");

        // Shared: the records with a manager's rating are shared, and frozen.
        let before = app
            .assessments()
            .assessments_of(&c.admin, &PersonId::from("a0"))
            .await
            .unwrap()
            .len();
        app.cycles()
            .advance_cycle(&c.admin, id, "shared", true)
            .await
            .unwrap();
        let r = app
            .cycles()
            .cycle_record(&ann, id, &PersonId::from("a0"))
            .await
            .unwrap();
        assert_eq!(r.state, RecordState::Shared);
        assert_eq!(
            app.assessments()
                .assessments_of(&c.admin, &PersonId::from("a0"))
                .await
                .unwrap()
                .len(),
            before + 1,
            "the shared rating joins Ann's assessments"
        );
        let max = app
            .cycles()
            .cycle_record(&c.admin, id, &PersonId::from("max"))
            .await
            .unwrap();
        assert_eq!(max.state, RecordState::NotStarted, "Max was never rated");
        let why = conflict(
            app.cycles()
                .reopen_part(
                    &c.admin,
                    id,
                    &PersonId::from("a0"),
                    Reopen {
                        part: "manager".into(),
                        reason: "late change".into(),
                        version: r.version,
                    },
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("shared and frozen"), "{why}");
        let why = conflict(
            app.cycles()
                .calibrate(
                    &c.admin,
                    id,
                    &PersonId::from("a0"),
                    RatingChange {
                        competency: "data-analysis".into(),
                        rating: "pm".into(),
                        reason: "too late".into(),
                        version: r.version,
                    },
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("correction"), "{why}");
        // A correction is a new record: the shared one stays, the history grows.
        let r = app
            .cycles()
            .correct(
                &c.admin,
                id,
                &PersonId::from("a0"),
                RatingChange {
                    competency: "roadmapping".into(),
                    rating: "senior-pm".into(),
                    reason: "evidence from Q3 came in late".into(),
                    version: r.version,
                },
            )
            .await
            .unwrap();
        assert_eq!(r.corrections.len(), 1);
        assert_eq!(r.manager_part.ratings["roadmapping"], "senior-pm");
        assert_eq!(
            app.assessments()
                .assessments_of(&c.admin, &PersonId::from("a0"))
                .await
                .unwrap()
                .len(),
            before + 2
        );
        let why = conflict(
            app.cycles()
                .correct(
                    &c.admin,
                    id,
                    &PersonId::from("max"),
                    RatingChange {
                        competency: "roadmapping".into(),
                        rating: "pm".into(),
                        reason: "no rating".into(),
                        version: max.version,
                    },
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("were not shared"), "{why}");

        // The export waits for the close; then CSV and JSON, formula-safe.
        let why = conflict(app.cycles().export_cycle(&c.admin, id).await.unwrap_err());
        assert!(why.contains("once it is closed"), "{why}");
        app.cycles()
            .advance_cycle(&c.admin, id, "closed", true)
            .await
            .unwrap();
        let why = conflict(
            app.cycles()
                .advance_cycle(&c.admin, id, "closed", true)
                .await
                .unwrap_err(),
        );
        assert!(why.contains("closed"), "{why}");
        let e = app.cycles().export_cycle(&c.admin, id).await.unwrap();
        assert_eq!(e.records.len(), 8);
        let csv = app.cycles().export_cycle_csv(&c.admin, id).await.unwrap();
        assert!(csv.starts_with("cycle,person,name,manager,state,shown_level,competency"));
        assert!(
            csv.contains("H2 2026 review,a0,Ann Zero,lea,shared,"),
            "{csv}"
        );
        // Nothing changes in a closed cycle.
        let why = conflict(
            app.cycles()
                .write_part(
                    &ann,
                    id,
                    &PersonId::from("a0"),
                    Part::Own,
                    part("pm", false, 1),
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("can no longer be written"), "{why}");
        let audit = app.accounts().audit_log(&c.admin).await.unwrap();
        assert!(
            audit.iter().any(|a| a.action == "cycle.calibrated")
                && audit.iter().any(|a| a.action == "cycle.corrected")
                && audit.iter().any(|a| a.action == "cycle.reopened"),
            "{}",
            o.name
        );
    }
}

#[tokio::test]
async fn every_move_of_a_stored_cycle_is_allowed_or_refused_as_the_rules_say() {
    for o in orgs().await {
        o.roster(ROSTER).await;
        let admin = o.admin.clone();
        for from in Stage::ALL {
            let c = o
                .app
                .cycles()
                .create_cycle(
                    &admin,
                    CycleInput {
                        name: format!("from {from}"),
                        ..CycleInput::default()
                    },
                )
                .await
                .unwrap();
            for s in &Stage::ALL[1..=from.index()] {
                o.app
                    .cycles()
                    .advance_cycle(&admin, c.id, s.as_str(), true)
                    .await
                    .unwrap();
            }
            for to in Stage::ALL {
                if from.next() == Some(to) {
                    continue;
                }
                let e = o
                    .app
                    .cycles()
                    .advance_cycle(&admin, c.id, to.as_str(), true)
                    .await;
                let why = conflict(e.unwrap_err());
                let rule = rungs_core::cycle::advance(from, to).unwrap_err().0;
                assert_eq!(why, rule, "{}: {from} → {to}", o.name);
                assert_eq!(
                    o.app.cycles().cycle(&admin, c.id).await.unwrap().stage,
                    from
                );
            }
            if let Some(next) = from.next() {
                let moved = o
                    .app
                    .cycles()
                    .advance_cycle(&admin, c.id, next.as_str(), true)
                    .await;
                assert_eq!(moved.unwrap().stage, next, "{}: {from} → {next}", o.name);
            }
        }
    }
}
