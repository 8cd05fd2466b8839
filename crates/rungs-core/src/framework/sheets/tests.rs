//! Unit tests of the pieces; the round trips and every kind of problem are in tests/it/sheets.rs.

use super::paths::{self, Seg};

#[test]
fn paths_read_back_as_written() {
    let path = vec![
        Seg::Key("titles".into()),
        Seg::Key("abbreviations".into()),
        Seg::Key("sr.".into()),
    ];
    assert_eq!(paths::show(&path), "titles.abbreviations.\"sr.\"");
    assert_eq!(paths::parse(&paths::show(&path)).unwrap(), path);
    let keyed = paths::parse("levels[apm].experience[0].note").unwrap();
    assert_eq!(
        keyed,
        vec![
            Seg::Key("levels".into()),
            Seg::Id("apm".into()),
            Seg::Key("experience".into()),
            Seg::Index(0),
            Seg::Key("note".into()),
        ]
    );
    assert!(paths::parse("[apm].title").is_err());
    assert!(paths::parse("levels..title").is_err());
    assert!(paths::parse("levels[].title").is_err());
}

#[test]
fn column_letters_run_past_z() {
    use crate::diag::column_letter;
    assert_eq!(column_letter(1), "A");
    assert_eq!(column_letter(26), "Z");
    assert_eq!(column_letter(27), "AA");
    assert_eq!(column_letter(703), "AAA");
}
