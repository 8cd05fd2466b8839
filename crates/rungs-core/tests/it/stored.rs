//! A part of the organization cut from stored people: the same roster as reading only the
//! part, with those who could not be read and the people under them kept in it.

use rungs_core::framework::builtin;
use rungs_core::team::{PersonRecord, RosterBuilder};

fn person<'a>(id: &'a str, level: &'a str, manager: Option<&'a str>) -> PersonRecord<'a> {
    PersonRecord {
        id,
        name: id,
        level,
        track: "ic",
        manager,
        ..PersonRecord::default()
    }
}

#[test]
fn a_part_cut_from_the_whole_reads_as_the_part_alone() {
    let fw = builtin();
    // top ── vp ── lead (a level the framework lacks) ── pm ── apm
    //    └── other ── pm2
    let whole = [
        person("top", "cpo", None),
        person("vp", "vp", Some("top")),
        person("lead", "no-such-level", Some("vp")),
        person("pm", "pm", Some("lead")),
        person("apm", "apm", Some("pm")),
        person("other", "director", Some("top")),
        person("pm2", "unknown", Some("other")),
    ];
    let mut b = RosterBuilder::new(fw);
    for (i, p) in whole.iter().enumerate() {
        b.add(i as i64, p);
    }
    let (cut, unread, part) = b.finish_under("vp");

    let mut alone = RosterBuilder::new(fw);
    for (i, p) in whole.iter().enumerate().skip(1).take(4) {
        alone.add(i as i64, p);
    }
    let (alone, alone_unread) = alone.finish();

    let ids = |r: &rungs_core::team::Roster| -> Vec<(String, Option<String>)> {
        r.people
            .iter()
            .map(|p| {
                let m = p.manager.map(|m| r.people[m].id.to_string());
                (p.id.to_string(), m)
            })
            .collect()
    };
    assert_eq!(
        ids(&cut),
        [
            ("vp".to_owned(), None),
            ("pm".to_owned(), None),
            ("apm".to_owned(), Some("pm".to_owned())),
        ]
    );
    assert_eq!(ids(&cut), ids(&alone));
    assert_eq!(unread, alone_unread);
    assert_eq!(
        unread.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["lead"]
    );
    for (id, inside) in [
        ("vp", true),
        ("lead", true),
        ("pm", true),
        ("apm", true),
        ("top", false),
        ("other", false),
        ("pm2", false),
    ] {
        assert_eq!(part.contains(id), inside, "{id}");
    }
}
