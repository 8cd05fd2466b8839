//! Writing a record: a self-assessment or a manager's rating (draft or submitted), and an admin's reopening, calibrated change and correction.

use super::*;
use rungs_core::{CycleId, PersonId};

/// The ratings a form sends: `r-<competency>` fields.
pub(super) fn sent_ratings(form: &Form) -> BTreeMap<String, String> {
    form.fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("r-")?.to_owned(), v.clone())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

pub(super) fn version(form: &Form) -> i64 {
    form.get("version").parse().unwrap_or(0)
}

pub(super) async fn write_self(
    state: State<AppState>,
    m: Member,
    path: Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Own).await
}

pub(super) async fn write_manager(
    state: State<AppState>,
    m: Member,
    path: Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Manager).await
}

pub(super) async fn write(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(CycleId, PersonId)>,
    form: Form,
    part: Part,
) -> Result<Response, PageError> {
    let action = form.get("action");
    let submit = action == "submit";
    let input = PartInput {
        ratings: sent_ratings(&form),
        milestones: form
            .fields
            .iter()
            .filter(|(k, _)| k == "milestone")
            .map(|(_, v)| v.clone())
            .collect(),
        notes: Some(form.get("notes").to_owned()).filter(|n| !n.trim().is_empty()),
        submit,
        version: version(&form),
    };
    if action == "review" {
        return review(&state, &m, (id, &person), part, input, &form).await;
    }
    match state
        .app
        .cycles()
        .write_part(&m.actor, id, &person, part, input)
        .await
    {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            if submit {
                "Submitted."
            } else {
                "The draft is saved."
            },
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, Some(&form)).await
        }
    }
}

/// The step before submitting: the part is saved as a draft (nothing is lost), checked as a
/// submission would be, and shown as it would be submitted, with the one button that submits
/// it. What keeps it from being submitted is shown on the form instead.
async fn review(
    state: &AppState,
    m: &SignedViewer,
    (id, person): (CycleId, &PersonId),
    part: Part,
    mut input: PartInput,
    form: &Form,
) -> Result<Response, PageError> {
    let saved = match state
        .app
        .cycles()
        .write_part(&m.actor, id, person, part, input.clone())
        .await
    {
        Ok(r) => r,
        Err(e) => {
            let errors = refusal(e)?;
            return record_page(state, m, id, person, None, &errors, Some(form)).await;
        }
    };
    input.version = saved.version;
    if let Err(e) = state
        .app
        .cycles()
        .part_ready(&m.actor, id, person, part, &input)
        .await
    {
        let errors = refusal(e)?;
        return record_page(
            state,
            m,
            id,
            person,
            Some("The draft is saved, but it is not ready to submit yet."),
            &errors,
            Some(form),
        )
        .await;
    }
    let c = state.app.cycles().cycle(&m.actor, id).await?;
    let fw = state
        .app
        .framework_at(m.actor.org, c.framework_version)
        .await?;
    let words = |v: &str| rungs_core::assessment::rating_words(&fw, v);
    let whose = if part == Part::Own {
        "your self-assessment".to_owned()
    } else {
        format!("your rating of {}", saved.name)
    };
    let body = html! {
        p { a href={ "/cycles/" (id) "/people/" (person) } { "← Back to the record (the draft is saved)" } }
        h1 { "Check before you submit" }
        p.lead { "This is " (whose) " as it will be submitted. Once submitted it is final: only an admin can reopen it, with a reason." }
        div.table-scroll tabindex="0" role="region" aria-label={ "The ratings" } { table {
            caption { "The ratings" }
            thead { tr { th scope="col" { "Competency" } th scope="col" { "Rating" } } }
            @for area in fw.areas() {
                tbody {
                    tr.area { th colspan="2" scope="colgroup" { (area.name) } }
                    @for comp in &area.competencies {
                        tr {
                            th scope="row" { (comp.name) }
                            td { (input.ratings.get(&comp.id).map_or_else(|| words(""), |v| words(v))) }
                        }
                    }
                }
            }
        } }
        @if !input.milestones.is_empty() {
            h2 { "Milestones met" }
            ul { @for ms in &input.milestones { li { (fw.milestone(ms).map_or(ms.as_str(), |x| x.text.as_str())) } } }
        }
        @if let Some(n) = &input.notes { h2 { "Notes" } p { (n) } }
        form method="post" action={ "/cycles/" (id) "/people/" (person) "/" (part.as_str()) } {
            (csrf(&m.csrf))
            input type="hidden" name="version" value=(input.version);
            @for (c, v) in &input.ratings { input type="hidden" name={ "r-" (c) } value=(v); }
            @for ms in &input.milestones { input type="hidden" name="milestone" value=(ms); }
            @if let Some(n) = &input.notes { input type="hidden" name="notes" value=(n); }
            div.actions {
                button type="submit" name="action" value="submit" { "Submit — final" }
                a.button.secondary href={ "/cycles/" (id) "/people/" (person) } { "Go back and change it" }
            }
        }
    };
    Ok(page(&m.nav().at("/cycles"), "Check before you submit", body).into_response())
}

pub(super) async fn reopen(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    let input = Reopen {
        part: form.get("part").to_owned(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    match state
        .app
        .cycles()
        .reopen_part(&m.actor, id, &person, input)
        .await
    {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            "Reopened: it can be written again.",
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, None).await
        }
    }
}

pub(super) async fn hand_over(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    // The new manager, by roster id (the list's choice) or by name (typed, for a review too
    // large to list every manager).
    let to = crate::pages::form::named(&state, &m.actor, &form, "to").await?;
    let input = HandOver {
        to: to.id().unwrap_or_default(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    match to.answer(
        state
            .app
            .cycles()
            .hand_over(&m.actor, id, &person, input)
            .await,
    ) {
        Ok(r) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            &format!(
                "Handed to {}: the record is theirs to rate now.",
                r.manager_name.unwrap_or_default()
            ),
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, None).await
        }
    }
}

pub(super) async fn calibrate(
    state: State<AppState>,
    m: Member,
    path: Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, true).await
}

pub(super) async fn correct(
    state: State<AppState>,
    m: Member,
    path: Path<(CycleId, PersonId)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, false).await
}

pub(super) async fn change(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(CycleId, PersonId)>,
    form: Form,
    calibration: bool,
) -> Result<Response, PageError> {
    let input = RatingChange {
        competency: form.get("competency").to_owned(),
        rating: form.get("rating").to_owned(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    let result = if calibration {
        state
            .app
            .cycles()
            .calibrate(&m.actor, id, &person, input)
            .await
    } else {
        state
            .app
            .cycles()
            .correct(&m.actor, id, &person, input)
            .await
    };
    match result {
        Ok(_) => Ok(back(
            &format!("/cycles/{id}/people/{person}"),
            if calibration {
                "Calibrated; the change and its reason are kept."
            } else {
                "The correction is recorded beside what was shared."
            },
        )),
        Err(e) => {
            let errors = refusal(e)?;
            record_page(&state, &m, id, &person, None, &errors, None).await
        }
    }
}
