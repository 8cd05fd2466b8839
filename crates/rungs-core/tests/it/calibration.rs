//! What calibration reads of a review's parts: straight from a stored body, or from the few
//! bytes kept beside it, it reads as the assessment loaded whole, and a calibration row says
//! what the level rule and the gap explain at length.

use rungs_core::assessment::{
    Assessment, Assessor, AssessorKind, Document, MilestoneEntry, RatingEntry, check,
};
use rungs_core::cycle::{CalibrationRow, RatedPart};
use rungs_core::eval::Evaluator;
use rungs_core::framework::{Framework, builtin};
use rungs_core::{Date, PersonId};

/// `n` assessments of the built-in framework spread over every track, level, rating and
/// milestone (some ratings and milestones with evidence), from a fixed seed.
fn assessments(fw: &Framework, n: usize) -> Vec<Assessment> {
    let mut state: u64 = 0x00C0_FFEE;
    let mut next = move |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m.max(1)
    };
    let levels = fw.levels();
    let milestones: Vec<String> = levels
        .windows(2)
        .flat_map(|w| fw.milestones(&w[0].id, &w[1].id))
        .map(|m| m.id.clone())
        .collect();
    (0..n)
        .filter_map(|i| {
            let level = &levels[next(levels.len())];
            // A third rated at one level throughout with every milestone met (ready for
            // their next rung, often), the rest anywhere.
            let focused = i % 3 == 0;
            let centre = &levels[next(levels.len())].id;
            let ratings = fw
                .competencies()
                .map(|(_, c)| {
                    let text = match next(12) {
                        _ if focused => centre.clone(),
                        0 => "below".to_owned(),
                        1 => "not-assessed".to_owned(),
                        _ => levels[next(levels.len())].id.clone(),
                    };
                    let entry = if next(5) == 0 {
                        RatingEntry::WithEvidence {
                            level: text,
                            evidence: "Led the \"pricing\" launch | shipped".to_owned(),
                        }
                    } else {
                        RatingEntry::Level(text)
                    };
                    (c.id.as_str().into(), entry)
                })
                .collect();
            let mut all_met = milestones.clone();
            all_met.sort();
            all_met.dedup();
            let met: Vec<MilestoneEntry> = if focused {
                all_met.into_iter().map(MilestoneEntry::Id).collect()
            } else {
                (0..next(4))
                    .map(|_| {
                        let id = milestones[next(milestones.len())].clone();
                        if next(2) == 0 {
                            MilestoneEntry::Id(id)
                        } else {
                            MilestoneEntry::WithEvidence {
                                id,
                                evidence: "a link".to_owned(),
                            }
                        }
                    })
                    .collect()
            };
            let doc = Document {
                person: format!("Person {i}"),
                person_id: Some(PersonId::from(format!("p-{i}"))),
                framework: fw.id().to_owned(),
                framework_version: fw.version().to_owned(),
                date: Date::from_ymd(2026, 11, 1).expect("a date"),
                track: level.track.clone(),
                level: (next(6) > 0).then(|| level.id.as_str().into()),
                assessor: Assessor {
                    kind: AssessorKind::Manager,
                    name: format!("Manager | {} \"Lee\"", next(9)),
                },
                ratings,
                milestones: met,
                notes: None,
            };
            // Duplicated milestones are refused: those few draws are left out.
            check(&doc, fw).ok().map(|l| l.assessment)
        })
        .collect()
}

#[test]
fn a_part_reads_the_same_from_its_body_its_summary_and_the_loader() {
    let fw = builtin();
    let ev = Evaluator::new(fw);
    let all = assessments(fw, 600);
    assert!(all.len() > 500, "{} assessments drawn", all.len());
    for a in &all {
        let whole = RatedPart::of(&ev, a);
        let body = serde_json::to_string(&a.to_document()).expect("json");
        assert_eq!(
            RatedPart::from_stored(&ev, &body).as_ref(),
            Some(&whole),
            "{body}"
        );
        let summary = whole.summary(&ev);
        assert_eq!(
            RatedPart::from_summary(&ev, &summary).as_ref(),
            Some(&whole),
            "{summary}"
        );
    }
}

#[test]
fn a_calibration_row_says_what_the_level_rule_and_the_gap_explain() {
    let fw = builtin();
    let ev = Evaluator::new(fw);
    let all = assessments(fw, 600);
    let tiers = fw.readiness_tiers();
    let mut ready = 0;
    for pair in all.windows(2) {
        let (a, own) = (&pair[0], &pair[1]);
        let row = CalibrationRow::of_parts(
            &ev,
            "p",
            &RatedPart::of(&ev, a),
            Some(&RatedPart::of(&ev, own)),
        );
        assert_eq!(row.shown, ev.outcome(a).level, "{a:?}");
        let best = ev.gaps(a, None).ok().and_then(|g| {
            g.readiness().targets.into_iter().min_by_key(|t| {
                tiers
                    .iter()
                    .position(|tier| tier.id == t.readiness.tier)
                    .unwrap_or(usize::MAX)
            })
        });
        assert_eq!(
            row.readiness,
            best.as_ref().map(|t| t.readiness.tier.clone())
        );
        assert_eq!(row.next, best.map(|t| t.target));
        assert_eq!(row.assessor, a.assessor.name);
        ready += usize::from(row.readiness.as_deref() == Some(tiers[0].id.as_str()));
    }
    // The draw reaches the first tier as well as the others.
    assert!(ready > 0);
}

#[test]
fn a_part_not_in_the_stored_form_is_left_to_the_loader() {
    let fw = builtin();
    let ev = Evaluator::new(fw);
    let a = &assessments(fw, 1)[0];
    let body = serde_json::to_string(&a.to_document()).expect("json");
    let first = fw.competencies().next().expect("a competency").1.id.clone();
    let mut doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    // A title where the stored form has an id, an unknown competency, an unknown track.
    doc["ratings"][&first] = "Senior PM".into();
    assert_eq!(RatedPart::from_stored(&ev, &doc.to_string()), None);
    let mut doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    doc["ratings"]["no-such-competency"] = "pm".into();
    assert_eq!(RatedPart::from_stored(&ev, &doc.to_string()), None);
    let mut doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    doc["track"] = "no-such-track".into();
    assert_eq!(RatedPart::from_stored(&ev, &doc.to_string()), None);
    assert_eq!(RatedPart::from_stored(&ev, "not json"), None);

    let summary = RatedPart::of(&ev, a).summary(&ev);
    let short = summary.replacen('|', "|x|", 1);
    assert_eq!(RatedPart::from_summary(&ev, &short), None);
    assert_eq!(RatedPart::from_summary(&ev, "ic||00|"), None);
    assert_eq!(RatedPart::from_summary(&ev, ""), None);
}
