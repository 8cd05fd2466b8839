//! Who sees what at each stage, the to-dos, and a framework published mid-cycle.

use super::*;

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

/// What the database counts (completion, per manager) and the light list of a cycle's page
/// agree with the records each caller may read, for an admin, a manager and a member.
#[tokio::test]
async fn counts_and_lists_agree_with_the_records_each_caller_sees() {
    for o in orgs().await {
        let (c, id) = start(&o).await;
        let app = &o.app;
        for p in ["a0", "a1", "lea"] {
            let who = if p == "lea" {
                c.lea.clone()
            } else {
                (c.member)(c.org, p)
            };
            app.cycles()
                .write_part(
                    &who,
                    id,
                    &PersonId::from(p),
                    Part::Own,
                    part("pm", p != "a1", 1),
                )
                .await
                .unwrap();
        }
        let ann = (c.member)(c.org, "a0");
        for (who, name) in [(&c.admin, "admin"), (&c.lea, "lea"), (&ann, "ann")] {
            let records = app.cycles().cycle_records(who, id).await.unwrap();
            let lines = app.cycles().cycle_lines(who, id, 1, 3).await.unwrap();
            let mut listed: Vec<String> = lines.mine.iter().map(|l| l.person.to_string()).collect();
            for page in 1..=lines.pages {
                let l = app.cycles().cycle_lines(who, id, page, 3).await.unwrap();
                assert!(l.lines.len() <= 3);
                listed.extend(l.lines.iter().map(|l| l.person.to_string()));
                for (line, r) in l
                    .lines
                    .iter()
                    .map(|l| (l, records.iter().find(|r| r.person == l.person).unwrap()))
                {
                    assert_eq!(
                        (line.own, line.state, &line.words, &line.name),
                        (r.own.state, r.state, &r.words, &r.name)
                    );
                }
            }
            listed.sort();
            let mut read: Vec<String> = records.iter().map(|r| r.person.to_string()).collect();
            read.sort();
            assert_eq!(listed, read, "{name} on {}", o.name);
            if who.role == Role::Member {
                continue;
            }
            let progress = app.cycles().cycle_progress(who, id).await.unwrap();
            let count = |f: &dyn Fn(&rungs_app::RecordView) -> bool| {
                records.iter().filter(|r| f(r)).count()
            };
            assert_eq!(
                (
                    progress.people,
                    progress.self_submitted,
                    progress.self_draft
                ),
                (
                    records.len(),
                    count(&|r| r.own.state == PartState::Submitted),
                    count(&|r| r.own.state == PartState::Draft)
                ),
                "{name} on {}",
                o.name
            );
            assert_eq!(
                progress.managers.iter().map(|m| m.people).sum::<usize>(),
                records.len()
            );
        }
        // Lea sees her six and her own: 2 of the 7 submitted, 1 a draft.
        let lea = app.cycles().cycle_progress(&c.lea, id).await.unwrap();
        assert_eq!((lea.people, lea.self_submitted, lea.self_draft), (7, 2, 1));
    }
}
