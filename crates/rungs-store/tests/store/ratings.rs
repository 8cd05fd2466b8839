//! A review's submitted ratings as calibration reads them: the summaries kept beside each
//! part, never the bodies; parts stored without one are found and given one later, and
//! nothing else about the record changes.

use rungs_core::PersonId;
use rungs_core::cycle::{Dates, Part, PartState, Stage};
use rungs_store::prelude::*;
use rungs_store::testing::backends;
use rungs_store::{Author, NewCycle, NewCycleEvent, PartWrite, RecordWrite};

use crate::{org_with_admin, row};

#[tokio::test]
async fn ratings_read_as_their_summaries_and_parts_without_one_get_one() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Ratings", "ratings@example.com").await;
        let by = Author::user(&admin);
        let rows = [
            row("boss", "Boss", "director", None),
            row("ann", "Ann", "pm", Some("boss")),
            row("bo", "Bo", "pm", Some("boss")),
            row("cy", "Cy", "apm", Some("boss")),
        ];
        s.import_roster(org, &by, &rows, &|_| {})
            .await
            .expect("imported");
        let version = s.current_framework(org).await.expect("a framework");
        let cycle = s
            .create_cycle(
                org,
                &by,
                NewCycle {
                    name: "Review".into(),
                    under: None,
                    framework_version: version,
                    stage: Stage::ManagerAssessment,
                    dates: Dates::default(),
                    members: rows
                        .iter()
                        .map(|r| (r.id.clone(), r.fields.manager.clone()))
                        .collect(),
                },
            )
            .await
            .expect("a cycle")
            .id;
        let by = &by;
        let write = |person: &'static str, part: Part, state, summary: Option<&str>| {
            let summary = summary.map(str::to_owned);
            async move {
                let p = PersonId::from(person);
                let r = s.cycle_record(org, cycle, &p).await.expect("a record");
                s.write_record(
                    org,
                    by,
                    cycle,
                    &p,
                    RecordWrite {
                        version: r.version,
                        stage: Stage::ManagerAssessment,
                        part: Some(PartWrite {
                            part,
                            state,
                            body: Some(format!("{{\"body of\":\"{person}\"}}")),
                            summary,
                        }),
                        event: NewCycleEvent {
                            person: Some(p.clone()),
                            kind: "test".into(),
                            detail: "{}".into(),
                            reason: None,
                        },
                        history: None,
                        hand_to: None,
                    },
                )
                .await
                .expect("written")
            }
        };
        // Ann: both parts submitted with summaries; Bo: the manager's part without one, his
        // own a draft; Cy: a draft manager's part (not read); the boss: nothing.
        write("ann", Part::Own, PartState::Submitted, Some("own|ann")).await;
        write("ann", Part::Manager, PartState::Submitted, Some("mgr|ann")).await;
        write("bo", Part::Own, PartState::Draft, Some("own|bo")).await;
        let bo = write("bo", Part::Manager, PartState::Submitted, None).await;
        write("cy", Part::Manager, PartState::Draft, Some("mgr|cy")).await;

        let read = || async {
            let mut out = Vec::new();
            s.cycle_ratings(org, cycle)
                .await
                .expect("read")
                .each(&mut |r| {
                    out.push((
                        r.person.to_owned(),
                        r.manager.map(str::to_owned),
                        r.own.map(str::to_owned),
                        r.rating.to_owned(),
                    ));
                })
                .expect("walked");
            out.sort();
            out
        };
        let boss = Some("boss".to_owned());
        assert_eq!(
            read().await,
            [
                (
                    "ann".into(),
                    boss.clone(),
                    Some("own|ann".into()),
                    "mgr|ann".into()
                ),
                ("bo".into(), boss.clone(), None, String::new()),
            ],
            "{}",
            db.name
        );

        // Bo's manager's part is the one stored without a summary.
        let unsummed = s
            .unsummed_parts(Part::Manager, None, 10)
            .await
            .expect("listed");
        assert_eq!(unsummed.len(), 1, "{}", db.name);
        assert_eq!(
            (
                unsummed[0].person.as_str(),
                unsummed[0].cycle,
                unsummed[0].framework_version
            ),
            ("bo", cycle, version)
        );
        assert_eq!(unsummed[0].body, "{\"body of\":\"bo\"}");
        assert!(
            s.unsummed_parts(Part::Own, None, 10)
                .await
                .expect("listed")
                .is_empty()
        );
        // Listed after Bo: nothing.
        let after = Some((cycle, PersonId::from("bo")));
        assert!(
            s.unsummed_parts(Part::Manager, after, 10)
                .await
                .expect("listed")
                .is_empty()
        );

        s.keep_summaries(
            Part::Manager,
            &[(cycle, PersonId::from("bo"), "mgr|bo".into())],
        )
        .await
        .expect("kept");
        assert_eq!(read().await[1].3, "mgr|bo", "{}", db.name);
        assert!(
            s.unsummed_parts(Part::Manager, None, 10)
                .await
                .expect("listed")
                .is_empty()
        );
        let bo_now = s
            .cycle_record(org, cycle, &PersonId::from("bo"))
            .await
            .expect("a record");
        assert_eq!(bo_now, bo, "only the summary changed: {}", db.name);
    }
}
