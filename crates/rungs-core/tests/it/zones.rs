//! Pay zones: the built-in ladder's one zone, the example zones on top of it, where a location
//! puts a person, the team report never comparing amounts across currencies, and the
//! framework's mistakes about zones named in place.

use rungs_core::Framework;
use rungs_core::framework::{BUILTIN_TOML, ZoneOf};
use rungs_core::team::{History, ReportOptions, load_roster, report};

use crate::support::{builtin, errors, load_err, load_ok};

const EXAMPLE: &str = include_str!("../../../../frameworks/examples/pay-zones.toml");

fn zoned() -> Framework {
    load_ok(&format!("{BUILTIN_TOML}\n{EXAMPLE}")).framework
}

#[test]
fn the_built_in_ladder_has_one_zone_the_sources_us_figures() {
    let fw = builtin();
    let zones = fw.pay_zones();
    assert_eq!(zones.len(), 1);
    assert_eq!(
        (zones[0].id, zones[0].name, zones[0].currency),
        ("us", "United States", "USD")
    );
    // Everyone is in it, wherever they are: the ladder has no rules for places.
    for place in [Some("Lagos"), Some("anywhere"), None] {
        assert!(matches!(fw.zone_of(place), ZoneOf::In(z) if z.id == "us"));
    }
    let e = fw.pay_zone(Some("europe")).expect_err("no such zone");
    assert!(
        e.to_string().contains("there is no pay zone `europe`"),
        "{e}"
    );
}

#[test]
fn a_zone_multiplies_the_bands_or_has_its_own_in_its_own_currency() {
    let fw = zoned();
    let latam = fw.pay_zone(Some("LATAM")).expect("any case");
    assert_eq!((latam.currency, latam.multiplier), ("USD", Some(0.45)));
    // PM at a large company: $140,000 – $200,000 in the us zone.
    let r = latam.range("pm", "large").expect("a band");
    assert_eq!((r.min, r.max), (63_000, 90_000));
    let europe = fw.pay_zone(Some("europe")).expect("a zone");
    assert_eq!(europe.currency, "EUR");
    let r = europe.range("pm", "large").expect("its own band");
    assert_eq!((r.min, r.max), (80_000, 110_000));
    assert_eq!(
        latam.describe("United States"),
        "Latin America (example) (USD, 0.45 × the United States bands)"
    );
    // A level's bands in a zone say the zone and its currency.
    let pm = fw.find_level("pm").expect("pm");
    let b = rungs_core::pay::bands(&fw, pm, None, &europe).expect("bands");
    assert_eq!((b.zone.as_str(), b.currency.as_str()), ("europe", "EUR"));
    assert_eq!(b.bands.len(), 3);
}

#[test]
fn a_location_is_placed_by_the_first_rule_that_matches_or_reported() {
    let fw = zoned();
    let zone = |place: Option<&str>| match fw.zone_of(place) {
        ZoneOf::In(z) => z.id.to_owned(),
        ZoneOf::Unmapped => "unmapped".into(),
        ZoneOf::NoLocation => "no location".into(),
        ZoneOf::NoPay => "no pay".into(),
    };
    assert_eq!(zone(Some("london")), "europe", "any case");
    assert_eq!(zone(Some("  Berlin ")), "europe", "outer spaces aside");
    assert_eq!(zone(Some("Munich, Germany")), "europe", "a pattern");
    assert_eq!(zone(Some("Recife, Brazil")), "latam");
    assert_eq!(zone(Some("Remote (EU)")), "remote");
    assert_eq!(zone(Some("New York")), "us");
    assert_eq!(zone(Some("Paris")), "unmapped");
    assert_eq!(zone(None), "no location");
}

#[test]
fn the_team_report_checks_pay_in_each_zone_and_never_across_currencies() {
    let fw = zoned();
    // All PMs at a large company. In euros: €100,000 is within Europe's €80,000 – €110,000.
    // Ben's $150,000 in London is in dollars: never compared with euro bands.
    let roster = "id,name,level,track,manager,pay,currency,stage,location
lead,Lea Lead,director,manager,,300000,,large,New York
ann,Ann,pm,ic,lead,100000,EUR,large,London
ben,Ben,pm,ic,lead,150000,,large,London
cai,Cai,pm,ic,lead,50000,,large,São Paulo
dee,Dee,pm,ic,lead,120000,,large,Paris
eve,Eve,pm,ic,lead,120000,,large,
";
    let roster = load_roster("roster.csv", roster.as_bytes(), &fw)
        .expect("the roster loads")
        .roster;
    let history = History::new(&fw);
    let opts = ReportOptions {
        as_of: "2026-11-01".parse().expect("a date"),
        since: "2025-11-01".parse().expect("a date"),
    };
    let r = report(&fw, &roster, &history, opts);
    let pay = &r.pay;
    assert_eq!(pay.checked, 3, "Lea (us), Ann (europe, EUR), Cai (latam)");
    assert_eq!(pay.other_currency, 1, "Ben: dollars against euro bands");
    assert_eq!(pay.no_location, 1, "Eve");
    let unmapped: Vec<(&str, &str)> = pay
        .unmapped
        .iter()
        .map(|u| (u.person.id.as_str(), u.location.as_str()))
        .collect();
    assert_eq!(unmapped, [("dee", "Paris")]);
    // Cai: $50,000 against latam's $63,000 – $90,000, in dollars.
    let below: Vec<(&str, &str, &str, u64)> = pay
        .below
        .iter()
        .map(|i| {
            (
                i.person.id.as_str(),
                i.zone.as_str(),
                i.currency.as_str(),
                i.min,
            )
        })
        .collect();
    assert_eq!(below, [("cai", "latam", "USD", 63_000)]);
    let checked: Vec<(&str, usize)> = pay
        .zones
        .iter()
        .filter(|z| z.checked > 0)
        .map(|z| (z.zone.as_str(), z.checked))
        .collect();
    assert_eq!(checked, [("us", 1), ("latam", 1), ("europe", 1)]);
    let md = rungs_render::report(&r);
    assert!(
        md.contains("in their pay zone, in that zone's currency"),
        "{md}"
    );
    assert!(md.contains("currencies are never compared"), "{md}");
    assert!(md.contains("Paris"), "{md}");
    assert!(
        r.findings
            .iter()
            .any(|f| f.contains("in a location no pay zone covers: Dee")),
        "{:?}",
        r.findings
    );
}

#[test]
fn mistakes_about_zones_are_named_where_they_are() {
    let cases = [
        (
            "\n[[compensation.zones]]\nid = \"both\"\nname = \"Both\"\nmultiplier = 0.5\n[[compensation.zones.bands]]\nlevels = [\"pm\"]\n[compensation.zones.bands.ranges]\nlarge = { min = 1, max = 2 }\n",
            "zone `both` has both a multiplier and bands of its own",
        ),
        (
            "\n[[compensation.zones]]\nid = \"none\"\nname = \"None\"\n",
            "zone `none` has neither a multiplier nor bands",
        ),
        (
            "\n[[compensation.zones]]\nid = \"eu\"\nname = \"EU\"\ncurrency = \"EUR\"\nmultiplier = 0.9\n",
            "zone `eu` multiplies the USD bands but says its figures are in EUR",
        ),
        (
            "\n[[compensation.zones]]\nid = \"latam\"\nname = \"L\"\nmultiplier = 0.5\n[[compensation.locations]]\nlocation = \"Lima\"\nzone = \"latm\"\n",
            "location `Lima` is in unknown zone `latm`",
        ),
        (
            "\n[[compensation.zones]]\nid = \"us\"\nname = \"Again\"\nmultiplier = 0.5\n",
            "us",
        ),
        (
            "\n[[compensation.zones]]\nid = \"low\"\nname = \"Low\"\nmultiplier = 0\n",
            "multiplier",
        ),
    ];
    for (extra, expected) in cases {
        let e = load_err(&format!("{BUILTIN_TOML}{extra}"));
        let found = errors(&e);
        assert!(
            found.iter().any(|d| d.message.contains(expected)),
            "{expected}: {:?}",
            found.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
}
