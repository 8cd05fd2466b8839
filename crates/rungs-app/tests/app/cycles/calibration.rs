//! What calibration may show: never a group under five, never a rank, never a manager's own
//! rating.

use super::*;
use rungs_store::Cycles;

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

/// Parts kept without a summary (by a version before summaries, or emptied) are read whole
/// and calibrate the same; the next time the database is opened they get their summaries.
#[tokio::test]
async fn parts_kept_without_a_summary_calibrate_the_same_and_get_one_on_opening() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        let people = ["a0", "a1", "a2", "a3", "a4", "a5"];
        // Five self-assessments, then six managers' ratings at two levels.
        for p in &people[..5] {
            app.cycles()
                .write_part(
                    &(c.member)(c.org, p),
                    id,
                    &PersonId::from(*p),
                    Part::Own,
                    part("principal-pm", true, 1),
                )
                .await
                .unwrap();
        }
        app.cycles()
            .advance_cycle(&c.admin, id, "manager-assessment", true)
            .await
            .unwrap();
        for (i, p) in people.iter().enumerate() {
            let version = app
                .cycles()
                .cycle_record(&c.admin, id, &PersonId::from(*p))
                .await
                .unwrap()
                .version;
            let level = if i % 2 == 0 { "senior-pm" } else { "pm" };
            app.cycles()
                .write_part(
                    &c.lea,
                    id,
                    &PersonId::from(*p),
                    Part::Manager,
                    part(level, true, version),
                )
                .await
                .unwrap();
        }
        app.cycles()
            .advance_cycle(&c.admin, id, "calibration", true)
            .await
            .unwrap();
        let figures = || async {
            let v = app.cycles().cycle_calibration(&c.admin, id).await.unwrap();
            serde_json::to_value(v).unwrap()
        };
        let before = figures().await;
        assert_eq!(before["calibration"]["rated"], 6, "{}", o.name);
        assert_eq!(before["calibration"]["gaps"]["compared"], 5, "{}", o.name);

        let store = &o._db.store;
        let unsummed =
            |part| async move { store.unsummed_parts(part, None, 100).await.unwrap().len() };
        assert_eq!(
            (unsummed(Part::Own).await, unsummed(Part::Manager).await),
            (0, 0)
        );
        let emptied = |ids: &[&str]| -> Vec<(CycleId, PersonId, String)> {
            ids.iter()
                .map(|p| (id, PersonId::from(*p), String::new()))
                .collect()
        };
        store
            .keep_summaries(Part::Manager, &emptied(&["a0", "a3"]))
            .await
            .unwrap();
        store
            .keep_summaries(Part::Own, &emptied(&["a1"]))
            .await
            .unwrap();
        assert_eq!(
            (unsummed(Part::Own).await, unsummed(Part::Manager).await),
            (1, 2)
        );
        assert_eq!(figures().await, before, "read whole, the same: {}", o.name);

        app.upgrade().await.unwrap();
        assert_eq!(
            (unsummed(Part::Own).await, unsummed(Part::Manager).await),
            (0, 0)
        );
        assert_eq!(figures().await, before, "{}", o.name);
    }
}
