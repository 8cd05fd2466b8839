//! Review cycles on every backend: the state machine (each allowed move and each refused one,
//! with its reason), who sees what at each stage, a framework published mid-cycle, and what
//! calibration may show.

use rungs_core::{CycleId, PersonId, VersionId};
use std::collections::BTreeMap;

use rungs_app::{Actor, AppError, CycleInput, PartInput, RatingChange, Reopen};
use rungs_core::cycle::{Part, PartState, RecordState, Stage};
use rungs_core::framework::{BUILTIN_TOML, builtin};
use rungs_store::{Author, OrgId, Role};

use crate::support::{TestOrg, orgs};

/// Lea leads six people (a0…a5); Max, outside her team, reports to no one.
const ROSTER: &str = "id,name,level,track,manager
lea,Lea Lead,group-pm,manager,
a0,Ann Zero,pm,ic,lea
a1,Ben One,pm,ic,lea
a2,Cas Two,pm,ic,lea
a3,Dan Three,pm,ic,lea
a4,Eve Four,senior-pm,ic,lea
a5,Fay Five,senior-pm,ic,lea
max,Max Out,pm,ic,
";

fn actor(org: OrgId, role: Role, person: &str) -> Actor {
    Actor {
        org,
        role,
        person: Some(PersonId::from(person.to_owned())),
        author: Author::system(&format!("{person}@acme.test")),
        user: None,
    }
}

/// Every competency of the built-in ladder rated `level`.
fn ratings(level: &str) -> BTreeMap<String, String> {
    builtin()
        .competencies()
        .map(|(_, c)| (c.id.clone(), level.to_owned()))
        .collect()
}

fn part(level: &str, submit: bool, version: i64) -> PartInput {
    PartInput {
        ratings: ratings(level),
        milestones: Vec::new(),
        notes: None,
        submit,
        version,
    }
}

fn conflict(e: AppError) -> String {
    match e {
        AppError::Conflict(why) => why,
        other => panic!("expected a refusal with a reason, got {other:?}"),
    }
}

struct Cast {
    admin: Actor,
    lea: Actor,
    member: fn(OrgId, &str) -> Actor,
    org: OrgId,
}

async fn start(o: &TestOrg) -> (Cast, CycleId) {
    o.roster(ROSTER).await;
    let admin = o.admin.clone();
    let org = admin.org;
    let cycle = o
        .app
        .cycles()
        .create_cycle(
            &admin,
            CycleInput {
                name: "H2 2026 review".into(),
                self_assessment_due: Some("2026-12-10".into()),
                manager_assessment_due: Some("2026-12-20".into()),
                ..CycleInput::default()
            },
        )
        .await
        .expect("a cycle starts");
    assert_eq!(cycle.stage, Stage::SelfAssessment);
    assert_eq!(cycle.people, 8, "{}", o.name);
    assert_eq!(cycle.framework_version, VersionId(1));
    // The list counts each cycle's people too (in one query for them all).
    let listed = o.app.cycles().cycles(&admin).await.expect("the cycles");
    assert_eq!(listed.iter().map(|c| c.people).collect::<Vec<_>>(), [8]);
    (
        Cast {
            admin,
            lea: actor(org, Role::Manager, "lea"),
            member: |org, p| actor(org, Role::Member, p),
            org,
        },
        cycle.id,
    )
}

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
async fn each_person_sees_what_the_stage_lets_them_see() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");
        let ben = (c.member)(c.org, "a1");
        let max_mgr = actor(c.org, Role::Manager, "max");

        // Others' records are not there at all for a member, or a manager above no one.
        assert!(matches!(
            app.cycles()
                .cycle_record(&ben, id, &PersonId::from("a0"))
                .await,
            Err(AppError::NotFound(_))
        ));
        assert!(matches!(
            app.cycles()
                .cycle_record(&max_mgr, id, &PersonId::from("a0"))
                .await,
            Err(AppError::NotFound(_))
        ));
        assert_eq!(app.cycles().cycle_records(&ben, id).await.unwrap().len(), 1);
        assert_eq!(
            app.cycles().cycle_records(&c.lea, id).await.unwrap().len(),
            7
        );
        assert_eq!(
            app.cycles()
                .cycle_records(&c.admin, id)
                .await
                .unwrap()
                .len(),
            8
        );

        // A draft self-assessment is Ann's own.
        app.cycles()
            .write_part(
                &ann,
                id,
                &PersonId::from("a0"),
                Part::Own,
                part("pm", false, 1),
            )
            .await
            .unwrap();
        let seen = app
            .cycles()
            .cycle_record(&c.lea, id, &PersonId::from("a0"))
            .await
            .unwrap();
        assert_eq!(seen.own.state, PartState::Draft, "the state shows");
        assert!(
            !seen.own.visible && seen.own.ratings.is_empty(),
            "not its ratings"
        );
        let admin_sees = app
            .cycles()
            .cycle_record(&c.admin, id, &PersonId::from("a0"))
            .await
            .unwrap()
            .own;
        assert!(
            !admin_sees.visible && admin_sees.ratings.is_empty(),
            "an admin neither, until it is submitted"
        );
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
                part("pm", true, v),
            )
            .await
            .unwrap();
        assert!(
            app.cycles()
                .cycle_record(&c.lea, id, &PersonId::from("a0"))
                .await
                .unwrap()
                .own
                .visible
        );

        // The manager's rating reaches Ann only when the cycle shares it.
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        let v = app
            .cycles()
            .cycle_record(&c.lea, id, &PersonId::from("a0"))
            .await
            .unwrap()
            .version;
        app.cycles()
            .write_part(
                &c.lea,
                id,
                &PersonId::from("a0"),
                Part::Manager,
                part("senior-pm", true, v),
            )
            .await
            .unwrap();
        for stage in ["calibration", "shared"] {
            let mine = app
                .cycles()
                .cycle_record(&ann, id, &PersonId::from("a0"))
                .await
                .unwrap();
            assert!(!mine.manager_part.visible && mine.shown_level.is_none());
            assert_eq!(mine.manager_part.state, PartState::Submitted);
            app.cycles()
                .advance_cycle(&c.admin, id, stage, true)
                .await
                .unwrap();
        }
        let mine = app
            .cycles()
            .cycle_record(&ann, id, &PersonId::from("a0"))
            .await
            .unwrap();
        assert!(mine.manager_part.visible);
        assert_eq!(mine.manager_part.ratings["roadmapping"], "senior-pm");
        assert_eq!(mine.shown_level.as_deref(), Some("senior-pm"));

        // To-dos: none left for Ann; Lea's are done too once the stage has passed.
        assert!(app.cycles().cycle_todos(&ann).await.unwrap().is_empty());

        // Another organization does not see this cycle at all.
        let (_, other) = app
            .accounts()
            .create_org(
                "Other",
                "Olga",
                "olga@other.test",
                "a long passphrase".into(),
            )
            .await
            .unwrap();
        let olga = Actor::user(other);
        assert!(matches!(
            app.cycles().cycle(&olga, id).await,
            Err(AppError::NotFound(_))
        ));
        assert!(app.cycles().cycles(&olga).await.unwrap().is_empty());
        assert!(
            app.cycles()
                .cycle_record(&olga, id, &PersonId::from("a0"))
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn todos_say_what_to_do_next_and_by_when() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");
        let todos = app.cycles().cycle_todos(&ann).await.unwrap();
        assert_eq!(todos.len(), 1);
        assert_eq!(todos[0].todo.what, "Write and submit your self-assessment");
        assert_eq!(
            todos[0].todo.due.map(|d| d.to_string()).as_deref(),
            Some("2026-12-10")
        );
        assert_eq!(todos[0].cycle_name, "H2 2026 review");
        // Lea has her own self-assessment to write; no ratings yet.
        let lea = app.cycles().cycle_todos(&c.lea).await.unwrap();
        assert_eq!(lea.len(), 1);
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        let lea = app.cycles().cycle_todos(&c.lea).await.unwrap();
        let rate: Vec<&str> = lea
            .iter()
            .filter_map(|t| t.todo.person.as_deref())
            .collect();
        assert_eq!(rate, ["a0", "a1", "a2", "a3", "a4", "a5"]);
        assert!(lea.iter().any(|t| t.todo.what == "Rate Ann Zero"));
        // An admin rates no one directly: no to-do for each of the eight.
        assert!(app.cycles().cycle_todos(&c.admin).await.unwrap().is_empty());
        // A manager with no one under them has only their own self-assessment to write.
        let top = actor(c.org, Role::Manager, "max");
        let theirs = app.cycles().cycle_todos(&top).await.unwrap();
        assert!(theirs.iter().all(|t| t.todo.person.is_none()), "{theirs:?}");
        let progress = app.cycles().cycle_progress(&c.admin, id).await.unwrap();
        assert_eq!((progress.people, progress.self_submitted), (8, 0));
        let lea_row = progress
            .managers
            .iter()
            .find(|m| m.manager.as_deref() == Some("lea"))
            .unwrap();
        assert_eq!((lea_row.name.as_str(), lea_row.people), ("Lea Lead", 6));
        assert!(matches!(
            app.cycles().cycle_progress(&ann, id).await,
            Err(AppError::Forbidden(_))
        ));
    }
}

#[tokio::test]
async fn a_framework_published_mid_cycle_changes_nothing_in_the_cycle() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let ann = (c.member)(c.org, "a0");
        // Version 2 renames Product Design; the cycle keeps version 1.
        let v2 = BUILTIN_TOML
            .replacen("id = \"product-design\"", "id = \"design-craft\"", 1)
            .replacen(
                &format!("version = \"{}\"", builtin().version()),
                "version = \"2027.1\"",
                1,
            );
        app.frameworks()
            .put_framework(&c.admin, VersionId(1), v2.into_bytes())
            .await
            .expect("version 2 is saved");
        app.frameworks()
            .publish_framework(&c.admin, VersionId(2))
            .await
            .expect("version 2 is published");
        let cy = app.cycles().cycle(&c.admin, id).await.unwrap();
        assert_eq!(cy.framework_version, VersionId(1));
        let note = cy.framework_note.expect("says so");
        assert!(note.contains("Version 2 was published since: it applies to the next cycle"));
        // Ratings are read against version 1: its ids are taken, version 2's are not.
        let r = app
            .cycles()
            .write_part(
                &ann,
                id,
                &PersonId::from("a0"),
                Part::Own,
                part("pm", true, 1),
            )
            .await
            .expect("version 1's competencies are the cycle's");
        assert_eq!(r.own.ratings["product-design"], "pm");
        let mut new_ids = part("pm", false, 1);
        new_ids.ratings.insert("design-craft".into(), "pm".into());
        let v = app
            .cycles()
            .cycle_record(&(c.member)(c.org, "a1"), id, &PersonId::from("a1"))
            .await
            .unwrap()
            .version;
        new_ids.version = v;
        let e = app
            .cycles()
            .write_part(
                &(c.member)(c.org, "a1"),
                id,
                &PersonId::from("a1"),
                Part::Own,
                new_ids,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Invalid { problems, .. } if problems.iter().any(|p| p.location.contains("design-craft"))),
            "{e:?}"
        );
        // The submitted self-assessment is kept against version 1.
        let kept = app
            .assessments()
            .assessments_of(&c.admin, &PersonId::from("a0"))
            .await
            .unwrap();
        assert_eq!(kept.last().unwrap().framework_version, VersionId(1));
        // A cycle started now uses version 2.
        let next = app
            .cycles()
            .create_cycle(
                &c.admin,
                CycleInput {
                    name: "H1 2027 review".into(),
                    ..CycleInput::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(
            (next.framework_version, next.framework_note),
            (VersionId(2), None)
        );
    }
}

#[tokio::test]
async fn calibration_never_shows_a_group_under_five_nor_ranks_anyone() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        let why = conflict(
            app.cycles()
                .cycle_calibration(&c.admin, id)
                .await
                .unwrap_err(),
        );
        assert!(why.contains("calibration opens"), "{why}");
        // Four rated: nothing is shown.
        for p in ["a0", "a1", "a2", "a3"] {
            app.cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from(p),
                    Part::Manager,
                    part("senior-pm", true, 1),
                )
                .await
                .unwrap();
        }
        app.cycles()
            .advance_cycle(&c.admin, id, "calibration", true)
            .await
            .unwrap();
        let v = app.cycles().cycle_calibration(&c.admin, id).await.unwrap();
        assert_eq!(v.calibration.rated, 4);
        assert!(v.calibration.distribution.is_none() && v.calibration.gaps.is_none());
        assert!(v.calibration.lifts.is_empty());
        assert_eq!(v.calibration.withheld_assessors, 1);
        assert!(matches!(
            app.cycles()
                .cycle_calibration(&(c.member)(c.org, "a0"), id)
                .await,
            Err(AppError::Forbidden(_))
        ));
    }
    // Six rated at two levels (four and two): the levels fold together, lifts by name.
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        for (p, level) in [
            ("a0", "senior-pm"),
            ("a1", "senior-pm"),
            ("a2", "senior-pm"),
            ("a3", "senior-pm"),
            ("a4", "principal-pm"),
            ("a5", "principal-pm"),
        ] {
            // Every milestone on the way to the next rung met.
            let held = if p < "a4" { "pm" } else { "senior-pm" };
            let next = if p < "a4" {
                "senior-pm"
            } else {
                "principal-pm"
            };
            let mut input = part(level, true, 1);
            input.milestones = builtin()
                .milestones(held, next)
                .iter()
                .map(|m| m.id.clone())
                .collect();
            app.cycles()
                .write_part(&c.lea, id, &PersonId::from(p), Part::Manager, input)
                .await
                .unwrap();
        }
        app.cycles()
            .advance_cycle(&c.admin, id, "calibration", true)
            .await
            .unwrap();
        let v = app.cycles().cycle_calibration(&c.admin, id).await.unwrap();
        let d = v.calibration.distribution.expect("six people are shown");
        assert!(d.levels.iter().all(|l| l.people >= 5), "{d:?}");
        assert_eq!(d.levels.len(), 1, "four and two fold into one group of six");
        assert_eq!(d.levels[0].people, 6);
        assert_eq!(v.calibration.lifts.len(), 1);
        assert_eq!(v.calibration.lifts[0].assessor, "Lea Lead");
        // Promotion candidates: everyone rated a rung above the level held is ready now.
        let names: Vec<&str> = v.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ann Zero",
                "Ben One",
                "Cas Two",
                "Dan Three",
                "Eve Four",
                "Fay Five"
            ],
            "by name, never by score"
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

#[tokio::test]
async fn a_manager_never_sees_their_own_rating_in_calibration() {
    // Six directors under one VP, each rated by the VP; one director also manages.
    let roster = "id,name,level,track,manager
vp,Vic VP,vp,manager,
d0,Dee Zero,director,manager,vp
d1,Dan One,director,manager,vp
d2,Dot Two,director,manager,vp
d3,Don Three,director,manager,vp
d4,Dia Four,director,manager,vp
d5,Dru Five,director,manager,vp
";
    for o in orgs().await {
        o.roster(roster).await;
        let admin = o.admin.clone();
        let id = o
            .app
            .cycles()
            .create_cycle(
                &admin,
                CycleInput {
                    name: "Leaders".into(),
                    ..CycleInput::default()
                },
            )
            .await
            .unwrap()
            .id;
        o.app
            .cycles()
            .advance_cycle(&admin, id, "manager-assessment", true)
            .await
            .unwrap();
        let vp = actor(admin.org, Role::Manager, "vp");
        for p in ["d0", "d1", "d2", "d3", "d4", "d5"] {
            o.app
                .cycles()
                .write_part(
                    &vp,
                    id,
                    &PersonId::from(p),
                    Part::Manager,
                    part("vp", true, 1),
                )
                .await
                .unwrap();
        }
        o.app
            .cycles()
            .advance_cycle(&admin, id, "calibration", true)
            .await
            .unwrap();
        // The VP sees the six; a director (a manager with no one under them) sees no one,
        // and not their own rating by way of the figures or the candidates.
        let seen = o.app.cycles().cycle_calibration(&vp, id).await.unwrap();
        assert_eq!(seen.calibration.rated, 6, "{}", o.name);
        let d0 = actor(admin.org, Role::Manager, "d0");
        let own = o.app.cycles().cycle_calibration(&d0, id).await.unwrap();
        assert_eq!(own.calibration.rated, 0, "{}", o.name);
        assert!(own.candidates.is_empty());
        let mine = o
            .app
            .cycles()
            .cycle_record(&d0, id, &PersonId::from("d0"))
            .await
            .unwrap();
        assert!(!mine.manager_part.visible && mine.shown_level.is_none());
    }
}

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

fn locations(e: AppError) -> Vec<String> {
    match e {
        AppError::Invalid { problems, .. } => problems.into_iter().map(|p| p.location).collect(),
        other => panic!("expected problems in their places, got {other:?}"),
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

/// An assessment of `person` by `kind` with every competency at `level`, as an assessment file.
fn assessment_file(person: &str, name: &str, kind: &str, level: &str) -> Vec<u8> {
    let fw = builtin();
    let ratings: serde_json::Map<String, serde_json::Value> = fw
        .competencies()
        .map(|(_, c)| (c.id.clone(), serde_json::json!(level)))
        .collect();
    serde_json::json!({
        "person": name,
        "person_id": person,
        "framework": fw.id(),
        "framework_version": fw.version(),
        "date": "2026-12-01",
        "track": "ic",
        "assessor": { "kind": kind, "name": "someone" },
        "ratings": ratings,
    })
    .to_string()
    .into_bytes()
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
