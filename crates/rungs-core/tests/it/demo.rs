//! The demo organization makes a fair first impression: everyone has a name of their own,
//! ratings sit mostly around each person's level, and readiness for the next rung comes in
//! the proportions a real organization has (a few ready now, most some way off).

use std::collections::HashSet;

use rungs_core::team::{
    DemoOptions, History, ReportOptions, demo, load_history_csv, load_roster, members,
};

use crate::support::builtin;

fn organization(people: usize) -> (rungs_core::team::Roster, History) {
    let fw = builtin();
    let d = demo(
        fw,
        &DemoOptions {
            people,
            seed: 1,
            cycles: 6,
            as_of: "2026-11-01".parse().expect("a date"),
            stage: None,
        },
    );
    let roster = load_roster("roster.csv", d.roster_csv.as_bytes(), fw)
        .expect("the roster loads")
        .roster;
    let mut history = History::new(fw);
    load_history_csv(
        "history.csv",
        d.history_csv.as_bytes(),
        fw,
        &roster,
        &mut history,
    )
    .expect("the history loads");
    history.sort();
    (roster, history)
}

#[test]
fn everyone_in_the_demo_has_a_name_of_their_own() {
    for people in [150, 3000] {
        let (roster, _) = organization(people);
        let names: HashSet<&str> = roster.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), roster.people.len(), "{people} people");
    }
}

#[test]
fn readiness_and_ratings_come_in_believable_proportions() {
    let fw = builtin();
    let (roster, history) = organization(1000);
    let rows = members(
        fw,
        &roster,
        &history,
        ReportOptions {
            as_of: "2026-11-01".parse().expect("a date"),
            since: "2025-11-01".parse().expect("a date"),
        },
    );
    let share = |f: &dyn Fn(&rungs_core::team::Member) -> bool| {
        rows.iter().filter(|r| f(r)).count() as f64 / rows.len() as f64
    };
    let tier = |id: &'static str| {
        move |r: &rungs_core::team::Member| r.readiness.as_ref().is_some_and(|t| t.tier == id)
    };
    let ready = share(&tier("ready-now"));
    let soon = share(&tier("within-6-12-months"));
    let stretch = share(&tier("stretch"));
    let far = share(&tier("aspirational"));
    assert!((0.05..=0.2).contains(&ready), "ready now {ready}");
    assert!((0.1..=0.3).contains(&soon), "within 6–12 months {soon}");
    assert!((0.4..=0.75).contains(&stretch), "stretch {stretch}");
    assert!(far <= 0.12, "aspirational {far}");
    // Most people's ratings show the level they hold; a few show one above or below.
    let at = share(&|r| r.shown.as_ref().is_some_and(|s| s.level == r.person.level));
    assert!(at >= 0.6, "at their level {at}");
}
