//! Writing a record: what the record says may be written is what writing does, submitting
//! only when complete, the review's record as the one assessment, and handing it over.

use super::*;

#[tokio::test]
async fn what_a_record_says_the_caller_may_write_is_what_writing_does() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");
        let admin_on_own = actor(c.org, Role::Admin, "max");
        // (who, whose record, the part that is theirs)
        let cases = [
            (&ann, "a0", Part::Own),
            (&c.lea, "a0", Part::Manager),
            (&c.admin, "a0", Part::Manager),
            (&admin_on_own, "max", Part::Own),
        ];
        for (n, stage) in Stage::ALL.into_iter().enumerate() {
            if n > 0 {
                app.cycles()
                    .advance_cycle(&c.admin, id, stage.as_str(), true)
                    .await
                    .unwrap_or_else(|e| panic!("{} to {stage:?}: {e:?}", o.name));
            }
            for (who, person, theirs) in cases {
                let r = app
                    .cycles()
                    .cycle_record(who, id, &PersonId::from(person))
                    .await
                    .unwrap();
                assert_eq!(r.yours.part, theirs, "{stage:?} {person}");
                let wrote = app
                    .cycles()
                    .write_part(
                        who,
                        id,
                        &PersonId::from(person),
                        theirs,
                        part("pm", false, r.version),
                    )
                    .await;
                assert_eq!(
                    wrote.is_ok(),
                    r.yours.open,
                    "{} at {stage:?}, {person}'s record: said {:?}, writing gave {wrote:?}",
                    o.name,
                    r.yours
                );
                match (&r.yours.why_not, wrote) {
                    (Some(why), Err(AppError::Conflict(refused))) => {
                        assert_eq!(why.trim_end_matches('.'), refused);
                    }
                    (None, Ok(_)) => {}
                    (why, wrote) => panic!("{stage:?} {person}: {why:?} but {wrote:?}"),
                }
                let other = match theirs {
                    Part::Own => Part::Manager,
                    Part::Manager => Part::Own,
                };
                assert!(matches!(
                    app.cycles()
                        .write_part(
                            who,
                            id,
                            &PersonId::from(person),
                            other,
                            part("pm", false, r.version)
                        )
                        .await,
                    Err(AppError::Forbidden(_))
                ));
            }
        }
    }
}

#[tokio::test]
async fn a_part_is_submitted_only_when_complete_and_moving_on_asks_first() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let fw = builtin();
        // Moving on with 0 of 8 self-assessments in is refused, saying so; nothing moves.
        let why = conflict(
            app.cycles()
                .advance_cycle(&c.admin, id, "manager-assessment", false)
                .await
                .unwrap_err(),
        );
        assert!(
            why.contains("8 of 8 self-assessments are not submitted"),
            "{}: {why}",
            o.name
        );
        assert_eq!(
            app.cycles().cycle(&c.admin, id).await.unwrap().stage,
            Stage::SelfAssessment
        );
        assert_eq!(
            app.cycles().cycle_undone(&c.admin, id).await.unwrap().len(),
            1,
            "the page shows the same"
        );
        assert!(matches!(
            app.cycles().cycle_undone(&c.lea, id).await,
            Err(AppError::Forbidden(_))
        ));
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();

        // Lea submits a rating left all on "Not assessed": refused, area by area; as a draft it
        // is kept.
        let blank = part("not-assessed", true, 1);
        let at = locations(
            app.cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from("a0"),
                    Part::Manager,
                    blank.clone(),
                )
                .await
                .unwrap_err(),
        );
        assert_eq!(at, vec!["/ratings"; fw.areas().len()], "{}", o.name);
        let r = app
            .cycles()
            .cycle_record(&c.lea, id, &PersonId::from("a0"))
            .await
            .unwrap();
        assert_eq!(
            r.manager_part.state,
            PartState::NotStarted,
            "nothing written"
        );
        let r = app
            .cycles()
            .write_part(
                &c.lea,
                id,
                &PersonId::from("a0"),
                Part::Manager,
                PartInput {
                    submit: false,
                    ..blank
                },
            )
            .await
            .unwrap();
        assert_eq!(r.manager_part.state, PartState::Draft);
        // One competency never answered: refused at its place.
        let mut one_short = part("pm", true, r.version);
        let (_, skipped) = fw.competencies().next().unwrap();
        one_short.ratings.remove(&skipped.id);
        assert!(
            app.cycles()
                .part_ready(&c.lea, id, &PersonId::from("a0"), Part::Manager, &one_short)
                .await
                .is_err()
        );
        let at = locations(
            app.cycles()
                .write_part(&c.lea, id, &PersonId::from("a0"), Part::Manager, one_short)
                .await
                .unwrap_err(),
        );
        assert_eq!(at, [format!("/ratings/{}", skipped.id)]);
        let whole = part("pm", true, r.version);
        app.cycles()
            .part_ready(&c.lea, id, &PersonId::from("a0"), Part::Manager, &whole)
            .await
            .unwrap();
        let r = app
            .cycles()
            .write_part(&c.lea, id, &PersonId::from("a0"), Part::Manager, whole)
            .await
            .unwrap();
        assert_eq!(r.manager_part.state, PartState::Submitted);
    }
}

#[tokio::test]
async fn while_a_review_runs_its_record_is_the_only_self_and_manager_assessment() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");
        // "Assess myself" and a manager's rating outside the review are refused, saying where
        // to write them; nothing is added.
        let before = app
            .assessments()
            .assessments_of(&c.admin, &PersonId::from("a0"))
            .await
            .unwrap()
            .len();
        let why = conflict(
            app.assessments()
                .add_assessment(
                    &ann,
                    &PersonId::from("a0"),
                    &assessment_file("a0", "Ann Zero", "self", "pm"),
                )
                .await
                .unwrap_err(),
        );
        assert!(
            why.contains("in the review \"H2 2026 review\""),
            "{}: {why}",
            o.name
        );
        assert!(why.contains(&format!("/cycles/{id}/people/a0")), "{why}");
        let why = conflict(
            app.assessments()
                .add_assessment(
                    &c.lea,
                    &PersonId::from("a0"),
                    &assessment_file("a0", "Ann Zero", "manager", "senior-pm"),
                )
                .await
                .unwrap_err(),
        );
        assert!(
            why.contains("the manager's rating is written in the review's record"),
            "{why}"
        );
        assert_eq!(
            app.assessments()
                .assessments_of(&c.admin, &PersonId::from("a0"))
                .await
                .unwrap()
                .len(),
            before
        );
        // Someone outside the review, and a peer's view, are not the review's business.
        app.assessments()
            .add_assessment(
                &c.lea,
                &PersonId::from("a0"),
                &assessment_file("a0", "Ann Zero", "peer", "pm"),
            )
            .await
            .expect("a peer's assessment is kept");
        let review = app
            .cycles()
            .open_review(&ann, &PersonId::from("a0"))
            .await
            .unwrap()
            .expect("in a review");
        assert_eq!((review.cycle, review.stage), (id, Stage::SelfAssessment));
        // The review's self-assessment is the one self-assessment the packet reads.
        let v = app
            .cycles()
            .cycle_record(&ann, id, &PersonId::from("a0"))
            .await
            .unwrap()
            .version;
        app.cycles()
            .write_part(
                &ann,
                id,
                &PersonId::from("a0"),
                Part::Own,
                part("senior-pm", true, v),
            )
            .await
            .unwrap();
        let mine = app
            .assessments()
            .assessments_of(&c.admin, &PersonId::from("a0"))
            .await
            .unwrap();
        let last_self = mine
            .iter()
            .rev()
            .find(|a| a.assessment.assessor.kind.as_str() == "self")
            .expect("the review's self-assessment");
        assert_eq!(last_self.assessment.ratings[0].1.level(), "senior-pm");
        // Once the results are shared, assessing outside the review is open again.
        for to in ["manager-assessment", "calibration", "shared"] {
            app.cycles()
                .advance_cycle(&c.admin, id, to, true)
                .await
                .unwrap();
        }
        assert!(
            app.cycles()
                .open_review(&ann, &PersonId::from("a0"))
                .await
                .unwrap()
                .is_none()
        );
        app.assessments()
            .add_assessment(
                &ann,
                &PersonId::from("a0"),
                &assessment_file("a0", "Ann Zero", "self", "pm"),
            )
            .await
            .expect("a self-assessment after the review");
    }
}

#[tokio::test]
async fn a_roster_move_mid_review_leaves_the_record_with_its_manager_until_an_admin_hands_it_over()
{
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        // Lea starts rating Ann, with a private note; then Ann moves to Max on the roster.
        let mut draft = part("pm", false, 1);
        draft.notes = Some("Lea's first thoughts".into());
        app.cycles()
            .write_part(&c.lea, id, &PersonId::from("a0"), Part::Manager, draft)
            .await
            .unwrap();
        o.roster(&ROSTER.replace("a0,Ann Zero,pm,ic,lea", "a0,Ann Zero,pm,ic,max"))
            .await;
        let max = actor(c.org, Role::Manager, "max");
        // The record stays Lea's: she still reads and writes it; Max does not see it at all.
        let r = app
            .cycles()
            .cycle_record(&c.lea, id, &PersonId::from("a0"))
            .await
            .expect("still Lea's");
        assert_eq!(r.manager.as_deref(), Some("lea"), "{}", o.name);
        assert_eq!(r.manager_name.as_deref(), Some("Lea Lead"));
        assert_eq!(
            r.manager_part.notes.as_deref(),
            Some("Lea's first thoughts")
        );
        assert!(matches!(
            app.cycles()
                .cycle_record(&max, id, &PersonId::from("a0"))
                .await,
            Err(AppError::NotFound(_))
        ));
        assert!(matches!(
            app.cycles()
                .write_part(
                    &max,
                    id,
                    &PersonId::from("a0"),
                    Part::Manager,
                    part("vp", true, r.version)
                )
                .await,
            Err(AppError::NotFound(_))
        ));
        let maxs: Vec<String> = app
            .cycles()
            .cycle_records(&max, id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.person.into_string())
            .collect();
        assert_eq!(maxs, ["max"], "only his own");
        assert_eq!(
            app.cycles().cycle_records(&c.lea, id).await.unwrap().len(),
            7
        );

        // Only an admin hands it over, with a reason; never to the person, nor to whoever has it.
        let hand = |to: &str, reason: &str, version: i64| rungs_app::HandOver {
            to: to.into(),
            reason: reason.into(),
            version,
        };
        assert!(matches!(
            app.cycles()
                .hand_over(
                    &c.lea,
                    id,
                    &PersonId::from("a0"),
                    hand("max", "moved teams", r.version)
                )
                .await,
            Err(AppError::Forbidden(_))
        ));
        let why = conflict(
            app.cycles()
                .hand_over(
                    &c.admin,
                    id,
                    &PersonId::from("a0"),
                    hand("lea", "moved teams", r.version),
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("already with that manager"), "{why}");
        assert!(matches!(
            app.cycles()
                .hand_over(
                    &c.admin,
                    id,
                    &PersonId::from("a0"),
                    hand("nobody", "moved teams", r.version)
                )
                .await,
            Err(AppError::Invalid { .. })
        ));
        let r = app
            .cycles()
            .hand_over(
                &c.admin,
                id,
                &PersonId::from("a0"),
                hand("max", "Ann moved to Max's team", r.version),
            )
            .await
            .unwrap();
        assert_eq!(r.manager.as_deref(), Some("max"));
        assert_eq!(r.handovers.len(), 1);
        assert_eq!(
            r.handovers[0].reason.as_deref(),
            Some("Ann moved to Max's team")
        );
        assert!(
            r.handovers[0].detail.get("body").is_none(),
            "the draft is never shown"
        );
        assert_eq!(r.handovers[0].detail["draft_set_aside"], true);

        // Max rates from a clean page; Lea no longer sees the record.
        let theirs = app
            .cycles()
            .cycle_record(&max, id, &PersonId::from("a0"))
            .await
            .expect("Max's now");
        assert_eq!(theirs.manager_part.state, PartState::NotStarted);
        assert_eq!(theirs.manager_part.notes, None);
        assert!(theirs.manager_part.ratings.is_empty());
        assert!(matches!(
            app.cycles()
                .cycle_record(&c.lea, id, &PersonId::from("a0"))
                .await,
            Err(AppError::NotFound(_))
        ));
        let todos = app.cycles().cycle_todos(&max).await.unwrap();
        assert!(
            todos.iter().any(|t| t.todo.what == "Rate Ann Zero"),
            "Max's to-do: {todos:?}"
        );
        assert!(
            !app.cycles()
                .cycle_todos(&c.lea)
                .await
                .unwrap()
                .iter()
                .any(|t| t.todo.what == "Rate Ann Zero"),
            "no longer Lea's"
        );
        let r = app
            .cycles()
            .write_part(
                &max,
                id,
                &PersonId::from("a0"),
                Part::Manager,
                part("pm", true, theirs.version),
            )
            .await
            .unwrap();
        assert_eq!(r.manager_part.state, PartState::Submitted);
        // After sharing, a record is not handed over.
        for to in ["calibration", "shared"] {
            app.cycles()
                .advance_cycle(&c.admin, id, to, true)
                .await
                .unwrap();
        }
        let why = conflict(
            app.cycles()
                .hand_over(
                    &c.admin,
                    id,
                    &PersonId::from("a0"),
                    hand("lea", "back again", r.version + 1),
                )
                .await
                .unwrap_err(),
        );
        assert!(why.contains("results are shared"), "{why}");
    }
}
