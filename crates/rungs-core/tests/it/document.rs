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
    // The same places in the framework's own names, for a person.
    let places: Vec<&str> = changes.iter().map(|c| c.place.as_str()).collect();
    assert_eq!(
        places,
        [
            "Levels › PM › Title",
            "Compensation › Associate PM › Ranges › Startup › Min"
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

#[test]
fn an_expectation_is_placed_by_area_competency_and_level_and_empty_changes_are_left_out() {
    let t = tree(BUILTIN_TOML).expect("a tree");
    let area = &t["areas"][0];
    let (area_id, area_name) = (area["id"].as_str().unwrap(), area["name"].as_str().unwrap());
    let comp = &area["competencies"][0];
    let comp_name = comp["name"].as_str().unwrap();
    let exp = &comp["expectations"][1];
    let levels: Vec<&str> = exp["levels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let mut t = t.clone();
    set(
        &mut t,
        "areas[0].competencies[0].expectations[1].text",
        "Something new".into(),
    )
    .expect("set");
    let changes = diff(BUILTIN_TOML, &to_toml(&t).expect("TOML")).expect("a diff");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].path.starts_with(&format!("areas[{area_id}]")));
    let titles: Vec<String> = levels
        .iter()
        .map(|l| {
            rungs_core::framework::builtin()
                .level(l)
                .map(|l| l.short_title.clone())
                .unwrap()
        })
        .collect();
    assert_eq!(
        changes[0].place,
        format!(
            "Areas › {area_name} › {comp_name} › {}",
            titles.join(" and ")
        )
    );
    // A value emptied where there was none is no difference a reader sees.
    let mut t = tree(BUILTIN_TOML).expect("a tree");
    set(&mut t, "levels[1].nickname", "".into()).ok();
    if let Some(levels) = t.get_mut("levels").and_then(|l| l.as_array_mut()) {
        if let Some(table) = levels[1].as_table_mut() {
            table.insert("note".into(), "".into());
        }
    }
    let changes = diff(BUILTIN_TOML, &to_toml(&t).expect("TOML")).expect("a diff");
    assert!(changes.is_empty(), "{changes:?}");
}
