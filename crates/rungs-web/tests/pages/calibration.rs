//! Calibration of a large review: its promotion candidates a hundred to a page, every one of
//! them on some page, and the count beside them the API gives.

use axum::http::StatusCode;
use rungs_app::PartInput;
use rungs_core::PersonId;
use rungs_core::cycle::Part;

use crate::cycles::review_of;
use crate::support::Site;

#[tokio::test]
async fn calibration_lists_its_candidates_a_hundred_to_a_page() {
    // 130 Product Managers, each rated Senior PM throughout with the milestones of the step
    // met: ready now, all of them.
    let mut roster = String::new();
    for i in 0..130 {
        roster += &format!("p{i:03},Person {i:03},pm,ic,head\n");
    }
    let site = Site::empty().await;
    let (mut hana, actor) = review_of(&site, &roster).await;
    let app = &site.state.app;
    let fw = rungs_core::framework::builtin();
    let cycles = app.cycles();
    cycles
        .advance_cycle(&actor, rungs_core::CycleId(1), "manager-assessment", true)
        .await
        .expect("manager assessment");
    for i in 0..130 {
        let person = PersonId::from(format!("p{i:03}"));
        let version = cycles
            .cycle_record(&actor, rungs_core::CycleId(1), &person)
            .await
            .expect("a record")
            .version;
        let input = PartInput {
            ratings: fw
                .competencies()
                .map(|(_, c)| (c.id.clone(), "senior-pm".to_owned()))
                .collect(),
            milestones: fw
                .milestones("pm", "senior-pm")
                .iter()
                .map(|m| m.id.clone())
                .collect(),
            notes: None,
            submit: true,
            version,
        };
        cycles
            .write_part(
                &actor,
                rungs_core::CycleId(1),
                &person,
                Part::Manager,
                input,
            )
            .await
            .expect("rated");
    }
    cycles
        .advance_cycle(&actor, rungs_core::CycleId(1), "calibration", true)
        .await
        .expect("calibration");
    let view = cycles
        .cycle_calibration(&actor, rungs_core::CycleId(1))
        .await
        .expect("calibration");
    assert_eq!(view.candidates.len(), 130);

    let rows = "#candidates ~ .table-scroll table tbody tr th a";
    let first = hana.get("/cycles/1/calibration").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.body.contains("130 people, 100 to a page"),
        "{}",
        first.body
    );
    let mut names = first.texts(rows);
    assert_eq!(names.len(), 100);
    assert_eq!(names[0], "Person 000");
    assert!(first.body.contains("Page 1 of 2"));
    assert!(
        first
            .body
            .contains("href=\"/cycles/1/calibration?page=2#candidates\"")
    );
    let second = hana.get("/cycles/1/calibration?page=2").await;
    let rest = second.texts(rows);
    assert_eq!(rest.len(), 30);
    assert!(
        second
            .body
            .contains("href=\"/cycles/1/calibration?page=1#candidates\"")
    );
    names.extend(rest);
    let all: Vec<String> = (0..130).map(|i| format!("Person {i:03}")).collect();
    assert_eq!(names, all, "every candidate on one page or the other, once");
    // A page past the last shows the last.
    assert_eq!(
        hana.get("/cycles/1/calibration?page=9")
            .await
            .texts(rows)
            .len(),
        30
    );
}
