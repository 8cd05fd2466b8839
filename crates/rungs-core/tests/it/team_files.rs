//! Loading team files: titles filling levels, every bad roster and history row located, and the
//! demo organization.

use rungs_core::team::{History, load_history_csv, load_roster};

use crate::support::{builtin, render};
use crate::team::{ROSTER, history_csv, row};

#[test]
fn an_empty_level_is_filled_from_the_title_and_said_so() {
    let text =
        "id,name,title,level,manager\na,Ana,\"Sr PM, Payments\",,\nb,Bea,Head of Product,,\n";
    let e = load_roster("r.csv", text.as_bytes(), builtin()).unwrap_err();
    assert_eq!(e.errors().count(), 1);
    let err = e.errors().next().unwrap();
    assert_eq!(
        (err.start.map(|p| (p.line, p.column)), err.field.as_deref()),
        (Some((3, 4)), Some("level"))
    );
    assert!(err.message.starts_with("the level is empty and the title \"Head of Product\" does not settle one: \"Head of Product\" is ambiguous"), "{}", err.message);
    let ok = load_roster(
        "r.csv",
        "id,name,title,level\na,Ana,\"Sr PM, Payments\",\n".as_bytes(),
        builtin(),
    )
    .expect("loads");
    assert_eq!(
        builtin().level_at(ok.roster.people[0].level).id,
        "senior-pm"
    );
    assert!(ok.roster.people[0].level_from_title);
    assert_eq!(ok.notes.len(), 1);
    assert!(
        ok.notes[0]
            .message
            .starts_with("level filled in from the title \"Sr PM, Payments\": senior-pm"),
        "{}",
        ok.notes[0].message
    );
    assert_eq!(ok.notes[0].location(), "r.csv:2, column 3 (title)");
}

#[test]
fn every_kind_of_bad_row_is_rejected_with_its_line_and_column() {
    let text = "id,name,email,title,level,track,manager,rung_start,pay,currency,stage,location
a,Ana,ana@example.com,,cpo,,,2020-01-01,500000,,large,
b,Bea,not-an-email,,group-pm,,a,2021-02-30,lots,,larg,
c,Cal,,,senior-pmm,,a,,,,,
d,Dee,,,pm,ic,zed,,,,,
a,Eve,,,pm,,a,,,,,
f,Fay,,,pm,,g,,,,,
g,Gil,,,pm,,f,,,,,
h,Hal,,,pm,shared,a,,,dollars,,
i,Ivy,,,group-pm,ic,a,,,,,
j,Jon,,,pm,,a,,,
,Kim,,,pm,,a,,,,,
";
    let e = load_roster("team.csv", text.as_bytes(), builtin()).unwrap_err();
    let got: Vec<(usize, Option<String>, String)> = e
        .errors()
        .map(|d| {
            (
                d.start.map_or(0, |p| p.line),
                d.field.clone(),
                d.message.clone(),
            )
        })
        .collect();
    let expected: Vec<(usize, Option<&str>, &str)> = vec![
        (3, Some("email"), "\"not-an-email\" is not an email address"),
        (
            3,
            Some("rung_start"),
            "\"2021-02-30\" is not a date: there is no such day in the calendar",
        ),
        (3, Some("pay"), "\"lots\" is not an amount"),
        (3, Some("stage"), "unknown company stage `larg`"),
        (4, Some("level"), "unknown level `senior-pmm`"),
        (5, Some("manager"), "manager `zed` is not on the roster"),
        (6, Some("id"), "the id `a` is already used on line 2"),
        (7, Some("manager"), "reporting cycle: f → g → f"),
        (8, Some("manager"), "reporting cycle: f → g → f"),
        (9, Some("currency"), "\"dollars\" is not a currency code"),
        (
            10,
            Some("track"),
            "`group-pm` is on the `manager` track, not `ic`",
        ),
        (11, None, "this row has 10 fields where the header has 12"),
        (12, Some("id"), "`id` is empty"),
    ];
    let expected: Vec<(usize, Option<String>, String)> = expected
        .into_iter()
        .map(|(l, f, m)| (l, f.map(str::to_owned), m.to_owned()))
        .collect();
    assert_eq!(got, expected, "{}", render(&e.diagnostics));
    // Columns are numbered from 1: the manager is the 7th.
    let cycle = e
        .errors()
        .find(|d| d.message.starts_with("reporting cycle"))
        .unwrap();
    assert_eq!(cycle.location(), "team.csv:7, column 7 (manager)");
    let stage = e.errors().find(|d| d.message.contains("larg")).unwrap();
    assert_eq!(stage.help.as_deref(), Some("did you mean `large`?"));
    assert_eq!(e.to_string(), "team.csv is not a valid roster: 13 errors");
    // Saved with Windows line ends, the same problems are found on the same lines.
    let crlf =
        load_roster("team.csv", text.replace('\n', "\r\n").as_bytes(), builtin()).unwrap_err();
    assert_eq!(crlf.diagnostics, e.diagnostics);
}

#[test]
fn a_field_that_is_not_utf8_is_located() {
    let mut bytes = b"id,name,level,manager\r\na,Ana,cpo,\r\nb,Bo".to_vec();
    bytes.push(0xE9); // é in Latin-1
    bytes.extend_from_slice(b",pm,a\r\nc,Cy,pm,a\r\n");
    let e = load_roster("team.csv", &bytes, builtin()).unwrap_err();
    let at: Vec<String> = e.errors().map(|d| d.location()).collect();
    assert_eq!(
        at,
        ["team.csv:3, column 2 (name)"],
        "{}",
        render(&e.diagnostics)
    );
    assert!(
        e.errors()
            .all(|d| d.message == "this field is not UTF-8 text")
    );
}

#[test]
fn a_roster_missing_its_key_columns_says_which() {
    let e = load_roster("r.csv", "name,mananger\nAna,\n".as_bytes(), builtin()).unwrap_err();
    let messages: Vec<String> = e.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "the roster has no `id` column",
            "the roster has neither a `level` nor a `title` column",
            "the column `mananger` is not one Rungs reads; it is ignored",
        ]
    );
    assert_eq!(
        e.diagnostics[2].help.as_deref(),
        Some("did you mean `manager`?")
    );
    assert!(load_roster("r.csv", b"", builtin()).is_err());
}

#[test]
fn a_bad_history_row_is_located_and_nothing_is_added() {
    let fw = builtin();
    let roster = load_roster("roster.csv", ROSTER.as_bytes(), fw)
        .unwrap()
        .roster;
    let mut history = History::new(fw);
    let mut csv = history_csv();
    csv += &row(
        "nobody",
        "2026-13-01",
        "boss",
        "X",
        "pmm",
        "senior",
        "no-such-milestone",
    );
    let e = load_history_csv("h.csv", csv.as_bytes(), fw, &roster, &mut history).unwrap_err();
    let got: Vec<(Option<String>, String)> = e
        .errors()
        .map(|d| (d.field.clone(), d.message.clone()))
        .collect();
    assert_eq!(
        got[0],
        (
            Some("person".into()),
            "`nobody` is not on the roster".into()
        )
    );
    assert_eq!(
        got[1].1,
        "\"2026-13-01\" is not a date: there is no such day in the calendar"
    );
    assert_eq!(got[2].1, "\"boss\" is not a kind of assessor");
    assert_eq!(got[3].1, "unknown level `pmm`");
    assert_eq!(got[4].1, "unknown milestone `no-such-milestone`");
    assert_eq!(
        got[5].1,
        "unknown level `senior` in the rating of `technical-knowledge`"
    );
    assert_eq!(
        e.errors().count(),
        25,
        "five header-side problems and twenty ratings"
    );
    assert!(e.errors().all(|d| d.start.is_some_and(|p| p.line == 19)));
    assert!(history.is_empty(), "nothing from the file is kept");
}

#[test]
fn demos_of_every_size_and_seed_load_cleanly_and_repeat() {
    use rungs_core::team::{DemoOptions, demo};
    let fw = builtin();
    let as_of = "2026-11-01".parse().unwrap();
    for (people, seed) in [(2, 1), (3, 2), (7, 3), (50, 4), (500, 5), (4000, 6)] {
        let opts = DemoOptions {
            people,
            seed,
            cycles: 4,
            as_of,
            stage: None,
        };
        let d = demo(fw, &opts);
        assert_eq!(d, demo(fw, &opts), "the same seed gives the same demo");
        let roster = match load_roster("roster.csv", d.roster_csv.as_bytes(), fw) {
            Ok(r) => r.roster,
            Err(e) => panic!("{people} people, seed {seed}:\n{}", render(&e.diagnostics)),
        };
        // At least one person per management level and one individual contributor: 5 here.
        assert_eq!(roster.len(), people.max(5), "{people} people");
        assert_eq!(d.people, roster.len());
        let mut history = History::new(fw);
        if let Err(e) = load_history_csv(
            "history.csv",
            d.history_csv.as_bytes(),
            fw,
            &roster,
            &mut history,
        ) {
            panic!("{people} people, seed {seed}:\n{}", render(&e.diagnostics));
        }
        assert_eq!(history.len(), d.assessments);
    }
}

/// A NUL character (what a file saved as UTF-16 is full of) is refused where it stands, in a
/// name, a title, a location or an email, never passed on to a database that cannot keep it.
#[test]
fn a_nul_character_is_refused_where_it_stands() {
    let text = "id,name,title,level,track,location,email\n\
                a,Ana\0,PM,pm,ic,,\n\
                b,Bea,Sr\0PM,pm,ic,,\n\
                c,Cy,PM,pm,ic,Lon\0don,\n\
                d,Di,PM,pm,ic,,d\0@example.com\n";
    let e = load_roster("r.csv", text.as_bytes(), builtin()).unwrap_err();
    let at: Vec<String> = e
        .errors()
        .map(|d| {
            let (line, column) = d.start.map_or((0, 0), |p| (p.line, p.column));
            format!("{line}:{column} {}", d.field.as_deref().unwrap_or("?"))
        })
        .collect();
    assert_eq!(
        at,
        ["2:2 name", "3:3 title", "4:6 location", "5:7 email"],
        "{}",
        render(&e.diagnostics)
    );
    assert!(e.errors().next().unwrap().message.contains("NUL character"));
}
