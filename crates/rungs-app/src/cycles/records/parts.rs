//! A record's parts kept in the one assessment format: made from what was sent, read back, changed by an admin, and shown to each viewer as they may see them.

use super::*;

/// The manager's ratings as last corrected after sharing, if they were.
pub(super) fn latest_correction<'e>(
    events: impl DoubleEndedIterator<Item = &'e rungs_store::CycleEvent>,
) -> Option<String> {
    events
        .rev()
        .find(|e| e.kind == "corrected")
        .and_then(|e| serde_json::from_str::<Value>(&e.detail).ok())
        .and_then(|d| d["body"].as_str().map(str::to_owned))
}

pub(in crate::cycles) fn read_part(
    body: &str,
    fw: &Framework,
) -> Result<rungs_core::assessment::Assessment> {
    rungs_core::assessment::load_as("record.json", body.as_bytes(), Format::Json, fw)
        .map(|l| l.assessment)
        .map_err(|e| AppError::invalid("the ratings are not valid", &e.diagnostics))
}

/// What the person or manager rated in their part, with who, whom and when: an assessment
/// checked by the rules any assessment is read by, each problem at its place (`/ratings/x`).
pub(super) fn part_assessment(
    fw: &Framework,
    p: &Person,
    assessor: &str,
    part: Part,
    input: &PartInput,
) -> Result<Assessment> {
    let doc = Document {
        person: p.fields.name.clone(),
        person_id: Some(p.id.clone()),
        framework: fw.id().to_owned(),
        framework_version: fw.version().to_owned(),
        date: Date::today(),
        track: p.fields.track.clone(),
        level: fw
            .level(&p.fields.level)
            .map(|l| LevelId::from(l.id.as_str())),
        assessor: Assessor {
            kind: part.assessor_kind(),
            name: assessor.to_owned(),
        },
        ratings: input
            .ratings
            .iter()
            .map(|(c, r)| (c.as_str().into(), RatingEntry::Level(r.clone())))
            .collect(),
        milestones: input
            .milestones
            .iter()
            .cloned()
            .map(MilestoneEntry::Id)
            .collect(),
        notes: input
            .notes
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
    };
    rungs_core::assessment::check(&doc, fw)
        .map(|l| l.assessment)
        .map_err(|e| AppError::at_paths("the ratings are not valid", &e.diagnostics))
}

/// A part complete enough to submit ([`cycle::unfinished`]); otherwise every gap, each at its
/// place, and nothing is written.
pub(super) fn submittable(fw: &Framework, a: &Assessment, input: &PartInput) -> Result<()> {
    let gaps = cycle::unfinished(fw, a, |c| input.ratings.contains_key(c));
    if gaps.is_empty() {
        return Ok(());
    }
    Err(AppError::Invalid {
        title: "not ready to submit: save it as a draft, or finish it first".into(),
        problems: gaps
            .into_iter()
            .map(|g| crate::error::Problem::at(&g.at, g.message, None))
            .collect(),
    })
}

/// A part as it is kept: the assessment in the one assessment format, read back by the one
/// loader ([`read_part`]).
pub(super) fn body_of(a: &Assessment) -> Result<String> {
    serde_json::to_string(&a.to_document()).map_err(|e| AppError::Internal(e.to_string()))
}

/// What calibration reads of a part, kept beside its body.
pub(super) fn summary_of(fw: &Framework, a: &Assessment) -> String {
    let ev = Evaluator::new(fw);
    RatedPart::of(&ev, a).summary(&ev)
}

/// A stored part with one rating changed; and what the rating was before.
pub(super) fn changed(
    body: Option<&str>,
    change: &RatingChange,
    fw: &Framework,
) -> Result<(Assessment, Option<String>)> {
    let Some(body) = body else {
        return Err(AppError::Conflict(
            "there is no manager's rating to change".into(),
        ));
    };
    let mut a = read_part(body, fw)?;
    let Some(r) = a
        .ratings
        .iter_mut()
        .find(|r| r.competency == change.competency)
    else {
        return Err(AppError::field(
            "/competency",
            format!("there is no competency `{}`", change.competency),
            None,
        ));
    };
    let rating = Rating::parse(&change.rating);
    if matches!(&rating, Rating::Level(id) if fw.level(id).is_none()) {
        return Err(AppError::field(
            "/rating",
            format!(
                "`{}` is not a rating: give a level id, `below` or `not-assessed`",
                change.rating
            ),
            None,
        ));
    }
    let from = Some(r.rating.as_str().to_owned());
    r.rating = rating;
    Ok((a, from))
}

pub(super) fn record_view(
    r: &CycleRecord,
    (viewer, own_record): (Viewer, bool),
    stage: Stage,
    names: &HashMap<PersonId, String>,
    events: &[&CycleEvent],
    fw: &Arc<Framework>,
) -> Result<RecordView> {
    let s = standing(r);
    let part = |p: Part, stored: &rungs_store::CyclePart| {
        let visible = cycle::sees(viewer, p, &s);
        let said = ratings_of(stored.body.as_deref().filter(|_| visible), fw);
        PartView {
            state: stored.state,
            visible,
            ratings: said.ratings,
            milestones: said.milestones,
            notes: said.notes,
            at: visible.then_some(stored.at).flatten(),
            by: if visible { stored.by.clone() } else { None },
        }
    };
    let own = part(Part::Own, &r.own);
    let mut manager_part = part(Part::Manager, &r.manager_part);
    let view = |e: &&CycleEvent| {
        let mut detail: Value = serde_json::from_str(&e.detail).unwrap_or(Value::Null);
        if let Some(o) = detail.as_object_mut() {
            o.remove("body");
        }
        EventView {
            kind: e.kind.clone(),
            detail,
            reason: e.reason.clone(),
            at: e.at,
            by: e.by.clone(),
        }
    };
    let manager_visible = cycle::sees(viewer, Part::Manager, &s);
    let corrections: Vec<EventView> = if manager_visible {
        events
            .iter()
            .filter(|e| e.kind == "corrected")
            .map(view)
            .collect()
    } else {
        Vec::new()
    };
    let calibrations: Vec<EventView> = if manager_visible {
        events
            .iter()
            .filter(|e| e.kind == "calibrated")
            .map(view)
            .collect()
    } else {
        Vec::new()
    };
    // What the result is: the latest correction's, else the manager's rating.
    let latest_correction = latest_correction(events.iter().copied());
    if manager_visible && let Some(b) = latest_correction.as_deref() {
        let said = ratings_of(Some(b), fw);
        manager_part.ratings = said.ratings;
        manager_part.milestones = said.milestones;
    }
    let shown_level = if manager_visible {
        latest_correction
            .as_deref()
            .or(r.manager_part.body.as_deref())
            .and_then(|b| read_part(b, fw).ok())
            .and_then(|a| Evaluator::new(fw).outcome(&a).level)
    } else {
        None
    };
    let handovers: Vec<EventView> = events
        .iter()
        .filter(|e| e.kind == "handed")
        .map(view)
        .collect();
    let yours = viewer.writes(own_record);
    let may = cycle::may_write(stage, yours, s.part(yours));
    Ok(RecordView {
        yours: YourPart {
            part: yours,
            open: may.is_ok(),
            why_not: may.err().map(|r| format!("{}.", r.0)),
        },
        cycle: r.cycle,
        person: r.person.clone(),
        name: name_of(names, &r.person),
        manager: r.manager.clone(),
        manager_name: r.manager.as_deref().map(|m| name_of(names, m)),
        state: s.state(),
        words: s.words(),
        steps: s.steps(stage),
        own,
        manager_part,
        shown_level,
        corrections,
        calibrations,
        handovers,
        version: r.version,
    })
}
