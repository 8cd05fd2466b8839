//! A framework file as a tree: written back as TOML it loads to the same ladder; a value is
//! changed by the loader's own path; two versions' differences are named value by value.

use rungs_core::Format;
use rungs_core::framework::document::{diff, set, to_toml, tree};
use rungs_core::framework::{BUILTIN_TOML, load_as};

#[test]
fn the_built_in_ladder_written_back_as_toml_loads_the_same() {
    let t = tree(BUILTIN_TOML).expect("a tree");
    let written = to_toml(&t).expect("TOML");
    let again = load_as("framework.toml", written.as_bytes(), Format::Toml).expect("it loads");
    let first = load_as("framework.toml", BUILTIN_TOML.as_bytes(), Format::Toml).expect("it loads");
    let (a, b) = (
        serde_json::to_string(&again.framework).expect("JSON"),
        serde_json::to_string(&first.framework).expect("JSON"),
    );
    if a != b {
        let at = a
            .bytes()
            .zip(b.bytes())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "differs at {at}: {} against {}",
            &a[at.saturating_sub(200)..(at + 100).min(a.len())],
            &b[at.saturating_sub(200)..(at + 100).min(b.len())]
        );
    }
    // And as JSON, sniffed from its first character.
    let json = serde_json::to_string_pretty(&t).expect("JSON");
    assert_eq!(Format::sniff(json.as_bytes()), Format::Json);
    assert_eq!(Format::sniff(BUILTIN_TOML.as_bytes()), Format::Toml);
    assert_eq!(tree(&json).expect("a tree"), t);
}

#[test]
fn values_change_by_the_loaders_paths_and_the_differences_are_named() {
    let mut t = tree(BUILTIN_TOML).expect("a tree");
    set(&mut t, "levels[1].title", "Product Manager II".into()).expect("set");
    set(
        &mut t,
        "compensation.bands[0].ranges.startup.min",
        75_000.into(),
    )
    .expect("set");
    assert!(set(&mut t, "levels[99].title", "x".into()).is_err());
    assert!(set(&mut t, "levels[1].nope.deeper", "x".into()).is_err());
    let written = to_toml(&t).expect("TOML");
    let changes = diff(BUILTIN_TOML, &written).expect("a diff");
    let named: Vec<(&str, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| (c.path.as_str(), c.before.as_deref(), c.after.as_deref()))
        .collect();
    assert_eq!(
        named,
        [
            (
                "levels[pm].title",
                Some("Product Manager"),
                Some("Product Manager II")
            ),
            (
                "compensation.bands[apm].ranges.startup.min",
                Some("70000"),
                Some("75000")
            ),
        ]
    );
    // An empty title is the loader's problem, at the same path.
    set(&mut t, "levels[1].title", "".into()).expect("set");
    let written = to_toml(&t).expect("TOML");
    let e = load_as("framework.toml", written.as_bytes(), Format::Toml).expect_err("refused");
    assert!(
        e.diagnostics.iter().any(|d| d.path == "levels[1].title"),
        "{:?}",
        e.diagnostics
    );
}
