use super::*;

fn check(d: PersonDraft<'_>) -> PersonCheck<'_> {
    PersonChecker::new(crate::framework::builtin()).check(&d)
}

#[test]
fn a_person_with_a_title_and_no_level_is_levelled_from_the_title() {
    let c = check(PersonDraft {
        id: Some("p-1"),
        name: Some("Ada"),
        title: Some("Senior Product Manager, Payments"),
        pay: Some(PayInput::Text("$185K")),
        currency: Some("usd"),
        ..PersonDraft::default()
    });
    let p = c.person.expect("valid");
    let fw = crate::framework::builtin();
    assert_eq!(fw.level_at(p.level).id, "senior-pm");
    assert!(p.level_from_title);
    assert_eq!((p.pay, p.currency), (Some(185_000), None));
    assert_eq!(c.notes.len(), 1);
    assert_eq!(c.notes[0].field, "title");
}

#[test]
fn every_bad_field_is_named() {
    let c = check(PersonDraft {
        id: Some("p 1"),
        name: Some("  "),
        email: Some("ada@"),
        level: Some("senior-pmm"),
        rung_start: Some("2025-02-30"),
        pay: Some(PayInput::Whole(-5)),
        currency: Some("dollars"),
        stage: Some("big"),
        ..PersonDraft::default()
    });
    assert!(c.person.is_none());
    let fields: Vec<&str> = c.problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "id",
            "name",
            "email",
            "level",
            "rung_start",
            "pay",
            "currency",
            "stage"
        ]
    );
    assert_eq!(c.problems[3].message, "unknown level `senior-pmm`");
    assert_eq!(
        c.problems[3].help.as_deref(),
        Some("did you mean `senior-pm`?")
    );
}

#[test]
fn a_level_off_the_track_given_is_refused() {
    let c = check(PersonDraft {
        id: Some("p-1"),
        name: Some("Ada"),
        level: Some("group-pm"),
        track: Some("ic"),
        ..PersonDraft::default()
    });
    assert_eq!(
        c.problems[0].message,
        "`group-pm` is on the `manager` track, not `ic`"
    );
    // On the trunk, either branch may be named: the one the person aims for.
    let c = check(PersonDraft {
        id: Some("p-1"),
        name: Some("Ada"),
        level: Some("Senior PM"),
        track: Some("manager"),
        ..PersonDraft::default()
    });
    assert!(c.problems.is_empty(), "{:?}", c.problems);
}

#[test]
fn manager_problems_read_the_same_everywhere() {
    assert_eq!(
        own_manager("p-1").message,
        "`p-1` cannot be their own manager"
    );
    assert_eq!(
        unknown_manager("p-9", ["p-1", "p-2"]).message,
        "manager `p-9` is not on the roster"
    );
    assert_eq!(
        reporting_cycle(&["a", "b"]).message,
        "reporting cycle: a → b → a"
    );
    assert!(check_email("ada@example.com").is_ok());
    assert!(check_email("ada@localhost").is_err());
    assert!(check_id("p-001").is_ok() && check_id("p/1").is_err());
}
