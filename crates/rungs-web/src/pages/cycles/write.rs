//! Writing a record: a self-assessment or a manager's rating (draft or submitted), and an admin's reopening, calibrated change and correction.

use super::*;

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
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Own).await
}

pub(super) async fn write_manager(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    write(state, m, path, form, Part::Manager).await
}

pub(super) async fn write(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    form: Form,
    part: Part,
) -> Result<Response, PageError> {
    let submit = form.get("action") == "submit";
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
    match state
        .app
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

pub(super) async fn reopen(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let input = Reopen {
        part: form.get("part").to_owned(),
        reason: form.get("reason").to_owned(),
        version: version(&form),
    };
    match state.app.reopen_part(&m.actor, id, &person, input).await {
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

pub(super) async fn calibrate(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, true).await
}

pub(super) async fn correct(
    state: State<AppState>,
    m: Member,
    path: Path<(i64, String)>,
    form: Form,
) -> Result<Response, PageError> {
    change(state, m, path, form, false).await
}

pub(super) async fn change(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(i64, String)>,
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
        state.app.calibrate(&m.actor, id, &person, input).await
    } else {
        state.app.correct(&m.actor, id, &person, input).await
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
