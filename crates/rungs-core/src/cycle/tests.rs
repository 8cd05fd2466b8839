use super::*;

use PartState::{Draft, NotStarted, Submitted};
use Stage::{Calibration, Closed, ManagerAssessment, SelfAssessment, Shared};

fn refused(r: Result<(), Refused>) -> String {
    r.expect_err("should be refused").0
}

#[test]
fn a_cycle_moves_forward_one_stage_at_a_time() {
    for w in Stage::ALL.windows(2) {
        assert_eq!(advance(w[0], w[1]), Ok(()), "{} → {}", w[0], w[1]);
    }
    // Every other pair is refused, each with its reason.
    for from in Stage::ALL {
        for to in Stage::ALL {
            if from.next() == Some(to) {
                continue;
            }
            let why = refused(advance(from, to));
            let expected = if from == Closed {
                "closed"
            } else if from == to {
                "already"
            } else if to < from {
                "only moves forward"
            } else {
                "one stage at a time"
            };
            assert!(why.contains(expected), "{from} → {to}: {why}");
        }
    }
}

#[test]
fn the_self_assessment_is_written_in_its_stage_and_late_in_the_next_only() {
    for state in [NotStarted, Draft] {
        assert_eq!(may_write(SelfAssessment, Part::Own, state), Ok(()));
        assert_eq!(may_write(ManagerAssessment, Part::Own, state), Ok(()));
        for stage in [Calibration, Shared, Closed] {
            assert!(refused(may_write(stage, Part::Own, state)).contains("can no longer"));
        }
    }
    let why = refused(may_write(SelfAssessment, Part::Own, Submitted));
    assert!(
        why.contains("submitted and final") && why.contains("reopen"),
        "{why}"
    );
    assert!(refused(may_write(Shared, Part::Own, Draft)).contains("correction"));
}

#[test]
fn the_managers_rating_is_written_only_in_the_manager_stage() {
    assert_eq!(
        may_write(ManagerAssessment, Part::Manager, NotStarted),
        Ok(())
    );
    assert_eq!(may_write(ManagerAssessment, Part::Manager, Draft), Ok(()));
    let early = refused(may_write(SelfAssessment, Part::Manager, NotStarted));
    assert!(
        early.contains("opens when the cycle reaches Manager assessment"),
        "{early}"
    );
    assert!(refused(may_write(Calibration, Part::Manager, Draft)).contains("can no longer"));
    assert!(refused(may_write(ManagerAssessment, Part::Manager, Submitted)).contains("final"));
}

#[test]
fn reopening_is_for_a_submitted_part_before_results_are_shared() {
    for stage in [SelfAssessment, ManagerAssessment, Calibration] {
        assert_eq!(may_reopen(stage, Part::Own, Submitted), Ok(()));
        assert_eq!(may_reopen(stage, Part::Manager, Submitted), Ok(()));
        assert!(refused(may_reopen(stage, Part::Own, Draft)).contains("only a submitted"));
    }
    for stage in [Shared, Closed] {
        assert!(refused(may_reopen(stage, Part::Manager, Submitted)).contains("correct"));
    }
}

#[test]
fn calibration_changes_a_submitted_rating_during_calibration_only() {
    assert_eq!(may_calibrate(Calibration, Submitted), Ok(()));
    assert!(refused(may_calibrate(Calibration, Draft)).contains("only a submitted"));
    assert!(refused(may_calibrate(ManagerAssessment, Submitted)).contains("during calibration"));
    assert!(refused(may_calibrate(Shared, Submitted)).contains("correction"));
}

#[test]
fn corrections_come_after_sharing_and_before_closing() {
    let shared = Standing {
        own: Submitted,
        manager: Submitted,
        shared: true,
    };
    assert_eq!(may_correct(Shared, &shared), Ok(()));
    assert!(refused(may_correct(Calibration, &shared)).contains("not shared yet"));
    assert!(refused(may_correct(Closed, &shared)).contains("closed"));
    let unshared = Standing {
        shared: false,
        ..shared
    };
    assert!(refused(may_correct(Shared, &unshared)).contains("were not shared"));
}

#[test]
fn each_viewer_sees_what_the_stage_allows() {
    let mut s = Standing {
        own: Draft,
        manager: Draft,
        shared: false,
    };
    assert!(sees(Viewer::Person, Part::Own, &s));
    assert!(!sees(Viewer::Person, Part::Manager, &s));
    assert!(
        !sees(Viewer::Manager, Part::Own, &s),
        "a draft is the person's own"
    );
    assert!(sees(Viewer::Manager, Part::Manager, &s));
    assert!(
        !sees(Viewer::Admin, Part::Own, &s),
        "an admin neither: a draft is the person's own"
    );
    assert!(sees(Viewer::Admin, Part::Manager, &s));
    s.own = Submitted;
    assert!(sees(Viewer::Manager, Part::Own, &s));
    assert!(sees(Viewer::Admin, Part::Own, &s));
    s.manager = Submitted;
    assert!(
        !sees(Viewer::Person, Part::Manager, &s),
        "not before it is shared"
    );
    s.shared = true;
    assert!(sees(Viewer::Person, Part::Manager, &s));
}

#[test]
fn a_record_reads_as_one_state_in_words_and_steps() {
    let mut s = Standing::default();
    assert_eq!(s.state(), RecordState::NotStarted);
    s.own = Draft;
    assert_eq!(s.state(), RecordState::Draft);
    s.own = Submitted;
    assert_eq!(s.state(), RecordState::Submitted);
    s.manager = Draft;
    assert_eq!(s.state(), RecordState::Draft);
    assert_eq!(
        s.words(),
        "Self-assessment submitted; manager's rating draft; results not shared yet"
    );
    let steps = s.steps(ManagerAssessment);
    let status: Vec<StepStatus> = steps.iter().map(|s| s.status).collect();
    assert_eq!(
        status,
        [
            StepStatus::Done,
            StepStatus::Current,
            StepStatus::ToCome,
            StepStatus::ToCome
        ]
    );
    s.manager = Submitted;
    s.shared = true;
    assert_eq!(s.state(), RecordState::Shared);
    assert!(s.steps(Shared).iter().all(|s| s.status == StepStatus::Done));
}

#[test]
fn dates_follow_the_stages_and_make_todos() {
    let d = |s: &str| s.parse::<Date>().unwrap();
    let dates = Dates {
        self_assessment: Some(d("2026-12-10")),
        manager_assessment: Some(d("2026-12-20")),
        calibration: None,
        shared: Some(d("2027-01-05")),
    };
    assert_eq!(dates.check(), Ok(()));
    let bad = Dates {
        manager_assessment: Some(d("2026-12-01")),
        ..dates
    };
    let why = refused(bad.check());
    assert!(
        why.contains("Manager assessment ends on 2026-12-01, before Self-assessment"),
        "{why}"
    );

    let none = Standing::default();
    let todo = own_todo(SelfAssessment, &none, &dates, d("2026-12-11")).unwrap();
    assert_eq!(todo.what, "Write and submit your self-assessment");
    assert_eq!(todo.due, Some(d("2026-12-10")));
    assert!(todo.late);
    assert_eq!(own_todo(Calibration, &none, &dates, d("2026-12-11")), None);
    let done = Standing {
        own: Submitted,
        ..none
    };
    assert_eq!(
        own_todo(SelfAssessment, &done, &dates, d("2026-12-01")),
        None
    );
    let t = manager_todo(
        ManagerAssessment,
        &done,
        "p1",
        "Ada",
        &dates,
        d("2026-12-15"),
    )
    .unwrap();
    assert_eq!((t.what.as_str(), t.late), ("Rate Ada", false));
    assert_eq!(
        manager_todo(SelfAssessment, &done, "p1", "Ada", &dates, d("2026-12-15")),
        None
    );
}

#[test]
fn a_reason_is_required_and_bounded() {
    assert!(reason("  ").is_err());
    assert!(reason("ok").is_err());
    assert_eq!(reason("  moved teams  "), Ok("moved teams"));
    assert!(reason(&"x".repeat(2001)).is_err());
}

#[test]
fn a_part_left_on_not_assessed_is_unfinished_and_one_rated_enough_is_not() {
    use crate::assessment::{Assessor, AssessorKind, Document, RatingEntry};
    let fw = crate::framework::builtin();
    let doc = |rating: &dyn Fn(usize) -> &'static str| Document {
        person: "Ada".into(),
        person_id: Some("p1".into()),
        framework: fw.id().to_owned(),
        framework_version: fw.version().to_owned(),
        date: "2026-12-01".parse().unwrap(),
        track: "shared".into(),
        level: Some("pm".into()),
        assessor: Assessor {
            kind: AssessorKind::Manager,
            name: "Grace".into(),
        },
        ratings: fw
            .competencies()
            .enumerate()
            .map(|(i, (_, c))| (c.id.as_str().into(), RatingEntry::Level(rating(i).into())))
            .collect(),
        milestones: Vec::new(),
        notes: None,
    };
    let every = |_: &str| true;
    // All on "Not assessed": every area is short of the ratings the level rule needs.
    let blank = crate::assessment::check(&doc(&|_| "not-assessed"), fw)
        .unwrap()
        .assessment;
    let why = unfinished(fw, &blank, every);
    assert_eq!(why.len(), fw.areas().len(), "{why:?}");
    let first = &fw.areas()[0];
    let needed = fw.level_rule().rated_needed(first.competencies.len());
    assert_eq!(why[0].at, "/ratings");
    assert!(
        why[0].message.starts_with(&format!(
            "{}: 0 of {} competencies rated; rate at least {needed}",
            first.name,
            first.competencies.len()
        )),
        "{}",
        why[0].message
    );
    // Every competency rated: nothing stands in the way; unless one was never answered.
    let rated = crate::assessment::check(&doc(&|_| "pm"), fw)
        .unwrap()
        .assessment;
    assert_eq!(unfinished(fw, &rated, every), Vec::new());
    let (_, skipped) = fw.competencies().nth(2).unwrap();
    let why = unfinished(fw, &rated, |c| c != skipped.id);
    assert_eq!(why.len(), 1);
    assert_eq!(why[0].at, format!("/ratings/{}", skipped.id));
    // Exactly the share the rule needs is enough; one fewer is not.
    let mut at_need = rated.clone();
    for area in fw.areas() {
        let needed = fw.level_rule().rated_needed(area.competencies.len());
        for c in area.competencies.iter().skip(needed) {
            let r = at_need
                .ratings
                .iter_mut()
                .find(|r| r.competency == c.id)
                .unwrap();
            r.rating = crate::assessment::Rating::NotAssessed;
        }
    }
    assert_eq!(unfinished(fw, &at_need, every), Vec::new());
    let c = &fw.areas()[0].competencies[0];
    at_need
        .ratings
        .iter_mut()
        .find(|r| r.competency == c.id)
        .unwrap()
        .rating = crate::assessment::Rating::NotAssessed;
    assert_eq!(unfinished(fw, &at_need, every).len(), 1);
}

#[test]
fn moving_on_says_what_it_leaves_undone() {
    assert_eq!(
        left_undone(SelfAssessment, 150, 150, 0),
        Vec::<String>::new()
    );
    let undone = left_undone(SelfAssessment, 150, 1, 0);
    assert_eq!(undone.len(), 1);
    assert!(
        undone[0].starts_with("149 of 150 self-assessments are not submitted"),
        "{undone:?}"
    );
    let undone = left_undone(ManagerAssessment, 10, 9, 7);
    assert_eq!(undone.len(), 2, "{undone:?}");
    assert!(undone[0].starts_with("3 of 10 manager's ratings are not submitted"));
    assert!(undone[1].starts_with("1 of 10 self-assessments"));
    assert!(left_undone(ManagerAssessment, 10, 10, 10).is_empty());
    let undone = left_undone(Calibration, 10, 0, 8);
    assert_eq!(
        undone,
        ["2 of 10 people have no submitted manager's rating: their records will not be shared"]
    );
    assert!(left_undone(Shared, 10, 0, 0).is_empty());
    assert!(left_undone(Closed, 10, 0, 0).is_empty());
}

#[test]
fn while_a_review_runs_its_record_is_the_one_place_for_self_and_manager_ratings() {
    use crate::assessment::AssessorKind::{Manager, Own, Peer};
    for stage in [SelfAssessment, ManagerAssessment, Calibration] {
        for kind in [Own, Manager] {
            let why = refused(outside_review("H2", stage, kind));
            assert!(why.contains("in the review \"H2\""), "{why}");
            assert!(why.contains("one record counts for the review"), "{why}");
        }
        assert_eq!(outside_review("H2", stage, Peer), Ok(()));
    }
    let why = refused(outside_review("H2", SelfAssessment, Manager));
    assert!(
        why.contains("the manager's rating is written")
            && why.contains("opens there at Manager assessment"),
        "{why}"
    );
    let why = refused(outside_review("H2", Calibration, Own));
    assert!(why.contains("its time there has passed"), "{why}");
    for stage in [Shared, Closed] {
        assert_eq!(outside_review("H2", stage, Own), Ok(()));
        assert_eq!(outside_review("H2", stage, Manager), Ok(()));
    }
}

#[test]
fn a_record_stays_with_the_manager_the_review_recorded_until_handed_over() {
    assert!(answers_for("gil", Some("gil"), false));
    assert!(
        answers_for("vp", Some("gil"), true),
        "above the recorded manager"
    );
    assert!(
        !answers_for("new", Some("gil"), false),
        "the new manager after a move"
    );
    assert!(
        !answers_for("vp", None, true),
        "no manager recorded: admins only"
    );
    assert_eq!(
        may_hand_over(ManagerAssessment, "p1", Some("gil"), "new"),
        Ok(())
    );
    assert!(
        refused(may_hand_over(Shared, "p1", Some("gil"), "new")).contains("results are shared")
    );
    assert!(
        refused(may_hand_over(SelfAssessment, "p1", Some("gil"), "p1"))
            .contains("their own manager")
    );
    assert!(
        refused(may_hand_over(SelfAssessment, "p1", Some("gil"), "gil")).contains("already with")
    );
}
