//! Assessment files: TOML and JSON, every mistake located, other framework versions explained.

use rungs_core::assessment::{self, AssessorKind, Rating};

use crate::support::{builtin, edit, position_of, render};

const ADA_SELF: &str = include_str!("../../../../examples/ada-self.toml");
const ADA_MANAGER: &str = include_str!("../../../../examples/ada-manager.json");

#[test]
fn toml_and_json_assessments_load_with_every_competency_in_order() {
    let a = assessment::load("ada-self.toml", ADA_SELF.as_bytes(), builtin()).expect("loads");
    assert!(a.warnings.is_empty(), "{}", render(&a.warnings));
    assert!(a.changes.is_none());
    let a = a.assessment;
    assert_eq!(
        (
            a.person.as_str(),
            a.date.to_string().as_str(),
            a.track.as_str()
        ),
        ("Ada Lovelace", "2026-10-15", "ic")
    );
    assert_eq!(
        (a.assessor.kind, a.assessor.name.as_str()),
        (AssessorKind::Own, "Ada Lovelace")
    );
    assert_eq!(a.ratings.len(), 20);
    assert_eq!(a.ratings[0].competency, "technical-knowledge");
    assert_eq!(a.ratings[0].rating, Rating::Level("principal-pm".into()));
    assert_eq!(a.milestones.len(), 3);
    assert_eq!(a.milestones[2].evidence, None);

    let m = assessment::load("ada-manager.json", ADA_MANAGER.as_bytes(), builtin())
        .expect("loads")
        .assessment;
    assert_eq!(
        (m.assessor.kind, m.assessor.name.as_str()),
        (AssessorKind::Manager, "Grace Hopper")
    );
    assert_eq!(
        m.rating("financial-acumen")
            .and_then(|r| r.evidence.as_deref()),
        Some("Needs to own a P&L before Principal.")
    );
    assert_eq!(
        m.milestones
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        [
            "drives-multi-team-initiatives",
            "establishes-best-practices"
        ]
    );
    assert!(m.same_person(&a));
}

#[test]
fn every_mistake_in_a_toml_assessment_is_located() {
    let mut text = edit(ADA_SELF, "technical-knowledge = {", "tech-knowledge = {");
    text = edit(
        &text,
        "product-design = \"senior-pm\"",
        "product-design = \"senior\"",
    );
    text = edit(&text, "kind = \"self\"", "kind = \"boss\"");
    text = edit(&text, "date = 2026-10-15", "date = \"2026-02-30\"");
    text = edit(&text, "track = \"ic\"", "track = \"icc\"");
    text = edit(
        &text,
        "id = \"trusted-by-leaders\"",
        "id = \"trusted-by-leader\"",
    );
    let e = assessment::load("bad.toml", text.as_bytes(), builtin()).unwrap_err();
    let found: Vec<(&str, Option<&str>, (usize, usize))> = e
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.message.as_str(),
                d.help.as_deref(),
                d.start.map_or((0, 0), |p| (p.line, p.column)),
            )
        })
        .collect();
    let at = |needle: &str, offset: usize| {
        let (l, c) = position_of(&text, needle);
        (l, c + offset)
    };
    let expected = [
        (
            "\"2026-02-30\" is not a date: there is no such day in the calendar",
            Some("write a date as YYYY-MM-DD, e.g. 2026-11-01"),
            at("\"2026-02-30\"", 0),
        ),
        (
            "unknown track `icc`",
            Some("did you mean `ic`?"),
            at("\"icc\"", 0),
        ),
        (
            "\"boss\" is not a kind of assessor",
            Some("use \"self\", \"manager\" or \"peer\""),
            at("\"boss\"", 0),
        ),
        (
            "unknown competency `tech-knowledge`",
            Some("did you mean `technical-knowledge`?"),
            at("tech-knowledge", 0),
        ),
        (
            "unknown level `senior` in the rating of `product-design`",
            Some("did you mean `senior-pm`?"),
            at("\"senior\"", 0),
        ),
        (
            "unknown milestone `trusted-by-leader`",
            Some("did you mean `trusted-by-leaders`?"),
            at("\"trusted-by-leader\"", 0),
        ),
    ];
    assert_eq!(found, expected, "{}", render(&e.diagnostics));
    assert_eq!(
        e.to_string(),
        "bad.toml is not a valid assessment: 6 errors"
    );
}

#[test]
fn json_mistakes_are_located_too() {
    let text = edit(
        ADA_MANAGER,
        "\"product-design\": \"pm\"",
        "\"product-design\": \"p.m.\"",
    );
    let e = assessment::load("bad.json", text.as_bytes(), builtin()).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1, "{}", render(&e.diagnostics));
    let d = &e.diagnostics[0];
    assert_eq!(
        d.message,
        "unknown level `p.m.` in the rating of `product-design`"
    );
    assert_eq!(
        d.start.map(|p| (p.line, p.column)),
        Some(position_of(&text, "\"p.m.\""))
    );
    assert_eq!(d.path, "ratings.product-design");

    let broken = edit(ADA_MANAGER, "\"track\": \"ic\",", "\"track\": \"ic\"");
    let e = assessment::load("broken.json", broken.as_bytes(), builtin()).unwrap_err();
    assert_eq!(e.diagnostics[0].message, "JSON syntax: expected `,` or `}`");
    assert_eq!(
        e.diagnostics[0].start.map(|p| p.line),
        Some(position_of(&broken, "\"level\"").0)
    );
}

#[test]
fn an_assessment_for_another_framework_is_refused() {
    let text = edit(
        ADA_SELF,
        "framework = \"product-management\"",
        "framework = \"engineering\"",
    );
    let e = assessment::load("x.toml", text.as_bytes(), builtin()).unwrap_err();
    assert_eq!(
        e.diagnostics[0].message,
        "this assessment is for the `engineering` framework, but the framework in use is `product-management`"
    );
    assert_eq!(
        e.diagnostics[0].help.as_deref(),
        Some("pass the `engineering` framework file with --framework")
    );
    // Its ratings are for that framework: no false "unknown key" about them.
    assert_eq!(e.diagnostics.len(), 1, "{:#?}", e.diagnostics);
}

#[test]
fn levels_are_named_by_id_title_or_alias_as_on_the_command_line() {
    let text = edit(
        ADA_SELF,
        "\nlevel = \"senior-pm\"",
        "\nlevel = \"Senior PM\"",
    );
    let text = edit(
        &text,
        "product-requirements = \"senior-pm\"",
        "product-requirements = \"Staff PM\"",
    );
    let text = edit(
        &text,
        "product-design = \"senior-pm\"",
        "product-design = \"Senior Product Manager\"",
    );
    let a = assessment::load("x.toml", text.as_bytes(), builtin())
        .expect("titles and aliases load")
        .assessment;
    assert_eq!(a.current_level.as_deref(), Some("senior-pm"));
    let rating = |id: &str| a.rating(id).map(|r| r.rating.to_string());
    assert_eq!(
        rating("product-requirements").as_deref(),
        Some("principal-pm")
    );
    assert_eq!(rating("product-design").as_deref(), Some("senior-pm"));
    // What is neither is still refused, with the nearest.
    let bad = edit(
        ADA_SELF,
        "\nlevel = \"senior-pm\"",
        "\nlevel = \"Senoir PM\"",
    );
    let e = assessment::load("x.toml", bad.as_bytes(), builtin()).unwrap_err();
    assert!(
        e.diagnostics[0]
            .message
            .contains("unknown level `Senoir PM`"),
        "{:#?}",
        e.diagnostics
    );
}

#[test]
fn an_assessment_of_another_version_says_what_changed() {
    let mut text = edit(
        ADA_SELF,
        "framework_version = \"2025.1\"",
        "framework_version = \"2024.2\"",
    );
    text = edit(
        &text,
        "vision-setting = \"senior-pm\"",
        "vision = \"senior-pm\"",
    );
    text = edit(
        &text,
        "roadmapping = \"principal-pm\"",
        "roadmapping = \"staff-pm\"",
    );
    text = edit(
        &text,
        "id = \"trusted-by-leaders\"",
        "id = \"exec-sponsor\"",
    );
    let loaded =
        assessment::load("old.toml", text.as_bytes(), builtin()).expect("another version loads");
    let c = loaded.changes.expect("changes are reported");
    assert_eq!(
        (c.assessed_version.as_str(), c.current_version.as_str()),
        ("2024.2", "2025.1")
    );
    assert_eq!(c.added_competencies, ["vision-setting"]);
    assert_eq!(c.removed_competencies, ["vision"]);
    assert_eq!(c.removed_levels, ["staff-pm"]);
    assert_eq!(c.removed_milestones, ["exec-sponsor"]);
    let lines = c.describe();
    assert_eq!(
        lines[0],
        "This assessment was made against version 2024.2 of the framework; it is now version 2025.1."
    );
    assert!(
        lines.contains(
            &"No longer in the framework, so their ratings are set aside: `vision`.".to_owned()
        ),
        "{lines:#?}"
    );
    // The rating at a level that no longer exists is set aside.
    assert_eq!(
        loaded.assessment.rating("roadmapping").map(|r| &r.rating),
        Some(&Rating::NotAssessed)
    );
}

#[test]
fn unrated_competencies_are_not_assessed_with_a_warning() {
    let text = edit(ADA_SELF, "long-term-thinking = \"senior-pm\"\n", "");
    let loaded = assessment::load("partial.toml", text.as_bytes(), builtin()).expect("loads");
    assert_eq!(
        loaded
            .assessment
            .rating("long-term-thinking")
            .map(|r| &r.rating),
        Some(&Rating::NotAssessed)
    );
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].message,
        "1 of 20 competencies are not rated: long-term-thinking"
    );
}

#[test]
fn a_written_assessment_loads_back_unchanged() {
    let original = assessment::load("ada.toml", ADA_SELF.as_bytes(), builtin())
        .expect("loads")
        .assessment;
    let written = assessment::to_toml(&original, builtin());
    let again = assessment::load("written.toml", written.as_bytes(), builtin())
        .expect("the written file loads");
    assert_eq!(again.assessment, original);
    assert!(again.warnings.is_empty());
    assert!(written.contains("technical-knowledge = { level = \"principal-pm\", evidence = \"Wrote the platform's event-pipeline strategy adopted by three teams.\" }  # Technical Knowledge"), "{written}");
    // Text that needs escaping survives too.
    let mut tricky = original.clone();
    tricky.person = "Zoë \"Z\" O'Neil\\".into();
    tricky.notes = Some("line one\nline two\ttabbed".into());
    let back = assessment::load(
        "t.toml",
        assessment::to_toml(&tricky, builtin()).as_bytes(),
        builtin(),
    )
    .expect("loads");
    assert_eq!(back.assessment, tricky);
}
