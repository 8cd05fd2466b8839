use super::*;
use crate::doc::{Format, parse};

#[test]
fn ids_are_lowercase_words_joined_by_hyphens() {
    assert!(is_id("senior-pm"));
    assert!(is_id("l5"));
    assert!(!is_id("Senior-PM"));
    assert!(!is_id("senior--pm"));
    assert!(!is_id("-pm"));
    assert!(!is_id(""));
    assert_eq!(slug("Senior PM"), "senior-pm");
}

#[test]
fn every_problem_in_a_table_is_reported() {
    for (text, format) in [
        ("name = 3\nrank = \"x\"\nextra = true\n", Format::Toml),
        (r#"{"name": 3, "rank": "x", "extra": true}"#, Format::Json),
    ] {
        let Ok(doc) = parse(text, format) else {
            panic!("the test document parses")
        };
        let sink = Sink::default();
        let Some(table) = Node::root(&sink, &doc).table() else {
            panic!("a table")
        };
        assert_eq!(table.need_text("name"), None);
        assert_eq!(table.count("rank"), None);
        assert_eq!(table.need_text("title"), None);
        table.finish();
        let messages: Vec<String> = sink
            .into_problems()
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            vec![
                "`name` should be a string in quotes, but it is an integer",
                "`rank` should be a whole number, but it is a string",
                "the file is missing `title`",
                "unknown key `extra` at the top of the file",
            ],
            "{format:?}"
        );
    }
}

#[test]
fn dates_come_as_toml_dates_or_strings() {
    for (text, format) in [
        ("d = 2026-11-01", Format::Toml),
        (r#"{"d": "2026-11-01"}"#, Format::Json),
    ] {
        let Ok(doc) = parse(text, format) else {
            panic!("parses")
        };
        let sink = Sink::default();
        let date = Node::root(&sink, &doc)
            .table()
            .and_then(|t| t.get("d"))
            .and_then(|n| n.date());
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2026-11-01"));
    }
}
