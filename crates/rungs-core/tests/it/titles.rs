//! Title levelling on a test set of real-world titles, and its finer points.

use rungs_core::titles::{Kind, Leveller, load_company};

use crate::support::{builtin, render};

const TEST_SET: &str = include_str!("fixtures/titles.csv");

#[test]
fn the_test_set_is_levelled_with_at_least_95_percent_accuracy() {
    let leveller = Leveller::new(builtin(), None);
    let mut reader = csv::Reader::from_reader(TEST_SET.as_bytes());
    let (mut total, mut right) = (0, 0);
    let mut wrong = Vec::new();
    for row in reader.records() {
        let row = row.expect("a well-formed test row");
        let (title, verdict, level, spec, role) = (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let v = leveller.verdict(title);
        let got_verdict = match v.verdict {
            Kind::Level => "level",
            Kind::NotPm => "not-pm",
            Kind::Ambiguous => "ambiguous",
        };
        let got_role = v
            .role
            .as_ref()
            .and_then(|r| r.id.clone())
            .unwrap_or_default();
        let got = (
            got_verdict,
            v.level.clone().unwrap_or_default(),
            v.specialization.clone().unwrap_or_default(),
            got_role,
        );
        let expected = (verdict, level.to_owned(), spec.to_owned(), role.to_owned());
        total += 1;
        if got == expected {
            right += 1;
        } else {
            wrong.push(format!(
                "{title:?}: expected {expected:?}, got {got:?} ({})",
                v.reason
            ));
        }
    }
    let accuracy = f64::from(right) / f64::from(total);
    println!(
        "title levelling: {right} of {total} right ({:.1}%)",
        accuracy * 100.0
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert!(
        total >= 150,
        "the test set has {total} titles; it needs at least 150"
    );
    assert!(
        accuracy >= 0.95,
        "accuracy {:.1}% is below 95%:\n{}",
        accuracy * 100.0,
        wrong.join("\n")
    );
}

const ACME: &str = include_str!("../../../../frameworks/examples/company-acme.toml");

fn verdict(title: &str) -> rungs_core::titles::Verdict {
    Leveller::new(builtin(), None).verdict(title)
}

#[test]
fn ic_and_manager_titles_stay_on_their_own_tracks() {
    let principal = verdict("Principal Product Manager");
    let group = verdict("Group Product Manager");
    assert_eq!(
        (principal.level.as_deref(), principal.track.as_deref()),
        (Some("principal-pm"), Some("ic"))
    );
    assert_eq!(
        (group.level.as_deref(), group.track.as_deref()),
        (Some("group-pm"), Some("manager"))
    );
    assert_eq!(
        verdict("Director of Product").track.as_deref(),
        Some("manager")
    );
    assert_eq!(
        verdict("Senior Product Manager").track.as_deref(),
        Some("shared")
    );
}

#[test]
fn the_reason_names_the_words_that_decided() {
    let v = verdict("Sr. PM, Payments");
    assert_eq!(
        v.reason,
        "\"Senior Product Manager\" is the title of Senior PM"
    );
    assert_eq!(
        (v.role_words.as_str(), v.team.as_deref()),
        ("sr pm", Some("payments"))
    );
    let v = verdict("Senior Growth Product Manager");
    assert_eq!(
        v.reason,
        "\"senior\" with \"Product Manager\" points to Senior PM"
    );
    let v = verdict("Product Manager III");
    assert_eq!(
        v.reason,
        "\"Product Manager\" is the title of PM; grade III after PM reads as Senior PM"
    );
    let v = verdict("Principal PM (AI Platform)");
    assert!(
        v.reason
            .ends_with("; the specialization (AI/ML Product Manager) comes from \"ai platform\""),
        "{}",
        v.reason
    );
    let v = verdict("Technical Program Manager");
    assert_eq!(
        v.role.map(|r| r.name).as_deref(),
        Some("Technical program management")
    );
    assert!(v.reason.starts_with("\"technical program manager\" names technical program management, not product management"), "{}", v.reason);
    let v = verdict("Head of Product");
    let candidates: Vec<(&str, &str)> = v
        .candidates
        .iter()
        .map(|c| (c.level.as_str(), c.track.as_str()))
        .collect();
    assert_eq!(candidates, [("group-pm", "manager"), ("cpo", "manager")]);
}

#[test]
fn confidence_falls_with_every_guess() {
    let c = |t: &str| verdict(t).confidence;
    assert_eq!(c("Senior Product Manager"), 0.95);
    assert_eq!(
        c("Senior Director of Product"),
        0.85,
        "a modifier that changes nothing"
    );
    assert_eq!(
        c("Senior Growth Product Manager"),
        0.85,
        "a seniority word lifting a role phrase"
    );
    assert_eq!(c("Product Manager II"), 0.8, "a grade convention");
    assert_eq!(c("Product Owner"), 0.5, "the framework's own rule");
    assert_eq!(c("Head of Product"), 0.5);
    assert_eq!(
        c("Distinguished Product Manager"),
        0.85,
        "one word not recognised"
    );
    // In words on a page: high, medium, low.
    let w = |t: &str| verdict(t).confidence_word();
    assert_eq!(
        [
            w("Senior Product Manager"),
            w("Senior Director of Product"),
            w("Product Manager II"),
            w("Head of Product")
        ],
        ["high", "high", "medium", "low"]
    );
}

#[test]
fn the_vocabulary_is_data_a_framework_can_extend() {
    // Without the word, "Distinguished" is unknown and the title reads as PM, less surely.
    assert_eq!(
        verdict("Distinguished Product Manager").level.as_deref(),
        Some("pm")
    );
    let text = rungs_core::framework::BUILTIN_TOML.replacen(
        "words = [\"staff\", \"principal\"]",
        "words = [\"staff\", \"principal\", \"distinguished\"]",
        1,
    );
    let text = text.replacen(
        "jnr = \"junior\"",
        "jnr = \"junior\"\nhop = \"head of product\"",
        1,
    );
    let fw = crate::support::load_ok(&text).framework;
    let leveller = Leveller::new(&fw, None);
    assert_eq!(
        leveller
            .verdict("Distinguished Product Manager")
            .level
            .as_deref(),
        Some("principal-pm")
    );
    assert_eq!(leveller.verdict("HoP, Payments").verdict, Kind::Ambiguous);
}

#[test]
fn another_framework_reads_titles_with_its_own_words() {
    let fw = crate::support::load_ok(crate::support::EXAMPLE).framework;
    let l = Leveller::new(&fw, None);
    let v = l.verdict("Sr. Software Engineer, Payments");
    assert_eq!(
        (v.level.as_deref(), v.track.as_deref()),
        (Some("senior-engineer"), Some("shared"))
    );
    assert_eq!(
        l.verdict("Software Engineer II").level.as_deref(),
        Some("engineer-2")
    );
    assert_eq!(
        l.verdict("EM - Platform").level.as_deref(),
        Some("engineering-manager")
    );
    assert_eq!(
        l.verdict("Staff Engineer").level.as_deref(),
        Some("staff-engineer")
    );
    let pm = l.verdict("Senior Product Manager");
    assert_eq!(
        (pm.verdict, pm.role.and_then(|r| r.id).as_deref()),
        (Kind::NotPm, Some("product-management"))
    );
    assert_eq!(l.verdict("Tech Lead").verdict, Kind::Ambiguous);
}

#[test]
fn a_company_ladder_maps_its_codes_and_titles() {
    let acme = load_company("acme.toml", ACME.as_bytes(), builtin()).expect("the example loads");
    let l = Leveller::new(builtin(), Some(&acme));
    let v = l.verdict("Senior PM (L6)");
    assert_eq!(
        (v.level.as_deref(), v.confidence),
        (Some("senior-pm"), 0.98)
    );
    assert_eq!(v.reason, "Acme's ladder maps the code L6 to Senior PM");
    // Acme's Lead PM is an IC, where the default framework reads it as Group PM.
    assert_eq!(
        l.verdict("Lead Product Manager, Payments").level.as_deref(),
        Some("principal-pm")
    );
    assert_eq!(
        verdict("Lead Product Manager, Payments").level.as_deref(),
        Some("group-pm")
    );
    assert_eq!(l.verdict("pm4").level.as_deref(), Some("principal-pm"));
    assert_eq!(
        l.verdict("Head of Product").level.as_deref(),
        Some("director")
    );
    // Titles Acme does not map are read as usual.
    assert_eq!(l.verdict("Staff PM").level.as_deref(), Some("principal-pm"));
}

#[test]
fn a_broken_company_ladder_is_located() {
    let text = ACME.replacen(
        "level = \"senior-pm\"\ntitle = \"Senior Product Manager\"",
        "level = \"senior\"\ntitle = \"Senior Product Manager\"",
        1,
    );
    let text = text.replacen("code = \"L7\"", "code = \"L6\"", 1);
    let e = load_company("acme.toml", text.as_bytes(), builtin()).unwrap_err();
    let messages: Vec<(&str, Option<&str>)> = e
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            ("unknown level `senior`", Some("did you mean `senior-pm`?")),
            (
                "the code L6 is listed twice",
                Some("keep one entry per code")
            )
        ],
        "{}",
        render(&e.diagnostics)
    );
    let other = ACME.replacen(
        "framework = \"product-management\"",
        "framework = \"engineering\"",
        1,
    );
    let e = load_company("acme.toml", other.as_bytes(), builtin()).unwrap_err();
    assert!(
        e.diagnostics[0]
            .message
            .contains("maps to the `engineering` framework")
    );
}

#[test]
fn odd_input_never_panics() {
    let l = Leveller::new(builtin(), None);
    for title in [
        "",
        "   ",
        ",,,",
        "()",
        "- - -",
        "@",
        "at at at",
        "PM PM PM PM",
        "Ⅱ",
        "Product\u{0}Manager",
        &"word ".repeat(10_000),
        "Sr.,PM;(Lead)|VP:[x]{y}",
    ] {
        let v = l.verdict(title);
        assert!((0.0..=1.0).contains(&v.confidence), "{title:?}");
    }
    assert_eq!(l.verdict("").reason, "the title is empty");
}

#[test]
fn titles_that_used_to_read_wrong_read_right() {
    use rungs_core::titles::{Kind, Leveller, Scratch};
    let fw = builtin();
    let l = Leveller::new(fw, None);
    let mut s = Scratch::default();
    let level = |title: &str, s: &mut Scratch| {
        let v = l.level(title, s);
        (v.kind, v.level.map(|p| fw.level_at(p).id.clone()))
    };
    let at = |id: &str| (Kind::Level, Some(id.to_owned()));
    // Hyphenated and spaced spellings alike.
    assert_eq!(level("Vice-President, Product", &mut s), at("vp"));
    assert_eq!(level("Vice President, Product", &mut s), at("vp"));
    assert_eq!(level("Senior-Product Manager", &mut s), at("senior-pm"));
    // Entry programmes sit at the APM rung, whichever side of the role the word is, unless the
    // title says otherwise.
    for t in [
        "Intern Product Manager",
        "Product Manager Intern",
        "Graduate Product Manager",
        "Trainee Product Manager",
        "Rotational Product Manager",
        "Rotational Associate Product Manager",
    ] {
        assert_eq!(level(t, &mut s), at("apm"), "{t}");
    }
    assert_eq!(
        level("Senior Graduate Product Manager", &mut s),
        at("senior-pm")
    );
    assert_eq!(
        level("Product Management Internship", &mut s).0,
        Kind::NotPm
    );
    // A people-manager title at a grade is on the manager track.
    assert_eq!(level("Principal PM Manager", &mut s), at("group-pm"));
    assert_eq!(
        level("Principal Product Manager", &mut s),
        at("principal-pm")
    );
    // A Chief Product Owner is not the Chief Product Officer.
    assert_ne!(level("Chief Product Owner", &mut s), at("cpo"));
    assert_eq!(level("Chief Product Officer", &mut s), at("cpo"));
}

#[test]
fn a_title_in_no_known_words_is_not_recognised_rather_than_another_field() {
    use rungs_core::titles::Leveller;
    let fw = builtin();
    let l = Leveller::new(fw, None);
    let v = l.verdict("Chef de produit");
    assert!(v.summary.starts_with("not recognised"), "{}", v.summary);
    let v = l.verdict("Program Manager");
    assert_eq!(v.summary, "not product management: program management");
}

#[test]
fn the_other_readings_of_lead_staff_and_principal_ship_as_company_ladders() {
    use rungs_core::titles::{Leveller, load_company};
    let fw = builtin();
    let load = |text: &str| load_company("company.toml", text.as_bytes(), fw).expect("loads");
    // Lead PM as a player-coach below a merged Director / Group PM rung.
    let coach = load(include_str!(
        "../../../../frameworks/examples/company-lead-player-coach.toml"
    ));
    let l = Leveller::new(fw, Some(&coach));
    let level = |l: &Leveller<'_>, t: &str| l.verdict(t).level;
    assert_eq!(
        level(&l, "Lead Product Manager").as_deref(),
        Some("group-pm")
    );
    assert_eq!(
        level(&l, "Group Product Manager").as_deref(),
        Some("director")
    );
    assert!(
        l.verdict("Lead Product Manager")
            .reason
            .contains("player-coach")
    );
    // Without it, the canonical reading: Lead PM is Group PM, Group PM is Group PM.
    let plain = Leveller::new(fw, None);
    assert_eq!(
        level(&plain, "Group Product Manager").as_deref(),
        Some("group-pm")
    );
    // Staff PM (across teams) below Principal PM (company level), both on the senior IC rung,
    // kept apart by their codes.
    let staff = load(include_str!(
        "../../../../frameworks/examples/company-staff-and-principal.toml"
    ));
    let l = Leveller::new(fw, Some(&staff));
    let s = l.verdict("Staff Product Manager (IC5)");
    let p = l.verdict("Principal Product Manager (IC6)");
    assert_eq!(
        (s.level.as_deref(), p.level.as_deref()),
        (Some("principal-pm"), Some("principal-pm"))
    );
    assert!(s.reason.contains("across several teams"), "{}", s.reason);
    assert!(p.reason.contains("company-level strategy"), "{}", p.reason);
}
