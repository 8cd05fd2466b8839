//! Going through the wizard: showing a step, keeping the draft, previewing and saving the assessment.

use super::*;
use rungs_core::{LevelId, PersonId};

pub(super) async fn page_get(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<StepQuery>,
) -> Result<Response, PageError> {
    get(&state, &m, &Who::me(&m), &q).await
}

pub(super) async fn their_get(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    Query(q): Query<StepQuery>,
) -> Result<Response, PageError> {
    get(&state, &m, &Who::other(&state, &m, &id).await?, &q).await
}

pub(super) async fn get(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    q: &StepQuery,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    if let Some(id) = q.saved {
        let base = match &who.person {
            Some(p) if !who.own() => format!("/people/{p}"),
            _ => "/me".to_owned(),
        };
        return Ok(page(
            &m.nav().at(if who.own() { "/assess" } else { "/team" }),
            "Saved",
            html! {
                h1 { @if who.own() { "Your assessment is saved" } @else { "Your rating of " (who.name) " is saved" } }
                p.lead role="status" { "It stands beside the earlier assessments; nothing was overwritten." }
                div.actions {
                    a.button href={ (base) "/assessments/" (id) } { "What it shows" }
                    @if who.own() { a.button.secondary href="/" { "Where I stand" } }
                    @else { a.button.secondary href=(base) { (who.name) "'s page" } }
                }
            },
        )
        .into_response());
    }
    if let Some(p) = &who.person
        && let Some(review) = state
            .app
            .cycles()
            .open_review(&m.actor, &PersonId::from(p))
            .await?
    {
        return Ok(in_review(m, who, &review).into_response());
    }
    let mut draft = load(state, m, who).await?;
    if draft.get("level").is_none() {
        // Start from the roster: the level held and the track.
        if let Some(p) = &who.person {
            if let Ok(person) = state
                .app
                .people()
                .person(&m.actor, &PersonId::from(p))
                .await
            {
                draft.0.insert("level".into(), json!(person.fields.level));
                draft.0.insert("track".into(), json!(person.fields.track));
            }
        }
    }
    let step = q.step.unwrap_or(0).min(steps(&fw).len() - 1);
    let preview = if step == steps(&fw).len() - 1 {
        preview(state, m, who, &fw, &draft).await
    } else {
        None
    };
    Ok(render(&fw, m, who, step, &draft, &FieldErrors::default(), preview).into_response())
}

/// What the ratings so far would show, before saving.
pub(super) async fn preview(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    fw: &Framework,
    draft: &Draft,
) -> Option<Markup> {
    let doc = document(state, m, who, fw, draft).await.ok()?;
    let assessed = state
        .app
        .assessments()
        .evaluate_document(&m.actor, &doc)
        .await
        .ok()?;
    Some(html! {
        section.panel aria-labelledby="preview" {
            h3 #preview { "What these ratings show" }
            p { (assessed.outcome.verdict) }
        }
    })
}

/// The draft as an assessment, typed, for the application layer to check as it checks a file.
pub(super) async fn document(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    fw: &Framework,
    draft: &Draft,
) -> Result<Document, PageError> {
    let person_id = who.person.clone().ok_or_else(|| PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "Not linked to the roster",
        message: "Your account is not linked to anyone on the roster, so there is no one to assess. An admin links accounts to people under Users.".into(),
    })?;
    let person = state.app.people().person(&m.actor, &person_id).await?;
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let ratings = draft
        .0
        .get("ratings")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(c, r)| {
            let level = text(r, "level").unwrap_or_default();
            let entry = match text(r, "evidence") {
                Some(evidence) => RatingEntry::WithEvidence { level, evidence },
                None => RatingEntry::Level(level),
            };
            (c.as_str().into(), entry)
        })
        .collect();
    let milestones = draft
        .0
        .get("milestones")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let id = text(m, "id")?;
            Some(match text(m, "evidence") {
                Some(evidence) => MilestoneEntry::WithEvidence { id, evidence },
                None => MilestoneEntry::Id(id),
            })
        })
        .collect();
    let (kind, name) = if who.own() {
        (AssessorKind::Own, person.fields.name.clone())
    } else {
        let me = m
            .actor
            .user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default();
        (AssessorKind::Manager, me)
    };
    Ok(Document {
        person: person.fields.name.clone(),
        person_id: Some(person_id),
        framework: fw.id().to_owned(),
        framework_version: fw.version().to_owned(),
        date: rungs_core::Date::today(),
        track: draft.get("track").unwrap_or("shared").to_owned(),
        level: draft.get("level").map(LevelId::from),
        assessor: Assessor { kind, name },
        ratings,
        milestones,
        notes: None,
    })
}

pub(super) async fn page_post(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    post(&state, &m, &Who::me(&m), &form).await
}

pub(super) async fn their_post(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    post(&state, &m, &Who::other(&state, &m, &id).await?, &form).await
}

pub(super) async fn post(
    state: &AppState,
    m: &SignedViewer,
    who: &Who,
    form: &Form,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let names = steps(&fw);
    let last = names.len() - 1;
    let step = form.get("step").parse::<usize>().unwrap_or(0).min(last);
    let mut draft = load(state, m, who).await?;
    let mut errors = FieldErrors::default();
    let areas = fw.areas().len();
    // Take in what this step asked.
    if step == 0 {
        if let Some(l) = fw.level(form.get("level")) {
            draft.0.insert("level".into(), json!(l.id));
        } else {
            errors
                .list
                .push(("level".into(), "Choose the level you hold".into()));
        }
        if fw.track(form.get("track")).is_some() {
            draft.0.insert("track".into(), json!(form.get("track")));
        } else {
            errors.list.push((
                "track".into(),
                "Choose a track, or the shared ladder if not chosen yet".into(),
            ));
        }
    } else if step <= areas {
        let area = &fw.areas()[step - 1];
        let ratings = draft
            .0
            .entry("ratings")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut ratings = ratings;
        for comp in &area.competencies {
            let value = form.get(&format!("rating-{}", comp.id));
            let evidence = form.get(&format!("evidence-{}", comp.id)).trim();
            let known = value == "below" || value == "not-assessed" || fw.level(value).is_some();
            if known {
                let mut r = json!({ "level": value });
                if !evidence.is_empty() {
                    r["evidence"] = json!(evidence);
                }
                ratings.insert(comp.id.clone(), r);
            } else {
                errors.list.push((
                    format!("rating-{}", comp.id),
                    format!("Choose a level for {}, or Not assessed", comp.name),
                ));
            }
        }
        draft.0.insert("ratings".into(), Value::Object(ratings));
    } else if step == areas + 1 {
        let held = draft.get("level").and_then(|l| fw.level(l));
        let track = draft.get("track").unwrap_or("shared").to_owned();
        let mut met = Vec::new();
        if let Some(h) = held {
            for (_, list) in milestones(&fw, h, &track) {
                for ms in list {
                    if form.get(&format!("met-{}", ms.id)) == "yes" {
                        let evidence = form.get(&format!("met-evidence-{}", ms.id)).trim();
                        met.push(if evidence.is_empty() {
                            json!({ "id": ms.id })
                        } else {
                            json!({ "id": ms.id, "evidence": evidence })
                        });
                    }
                }
            }
        }
        draft.0.insert("milestones".into(), Value::Array(met));
    }
    let go = form.get("go");
    if !errors.list.is_empty() && go != "back" {
        // Keep what was answered, and ask again for the rest.
        keep(state, m, who, &draft).await?;
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            render(&fw, m, who, step, &draft, &errors, None),
        )
            .into_response());
    }
    keep(state, m, who, &draft).await?;
    match go {
        "back" => Ok(crate::pages::form::redirect(&format!(
            "{}?step={}",
            who.action,
            step.saturating_sub(1)
        ))
        .into_response()),
        "save" => {
            let doc = document(state, m, who, &fw, &draft).await?;
            let person = who.person.clone().unwrap_or_default();
            match state
                .app
                .assessments()
                .add_document(&m.actor, &person, &doc)
                .await
            {
                Ok(saved) => {
                    state
                        .app
                        .accounts()
                        .delete_draft(&m.actor, &who.draft)
                        .await?;
                    Ok(
                        crate::pages::form::redirect(&format!("{}?saved={}", who.action, saved.id))
                            .into_response(),
                    )
                }
                Err(e) => {
                    let mut errors = FieldErrors::from_error(e)?;
                    // "/ratings/technical-knowledge" is the question "rating-technical-knowledge".
                    for (field, _) in &mut errors.list {
                        if let Some(c) = field.strip_prefix("ratings/") {
                            *field = format!("rating-{}", c.split('/').next().unwrap_or(c));
                        }
                    }
                    Ok((
                        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                        render(&fw, m, who, last, &draft, &errors, None),
                    )
                        .into_response())
                }
            }
        }
        _ => Ok(crate::pages::form::redirect(&format!(
            "{}?step={}",
            who.action,
            (step + 1).min(last)
        ))
        .into_response()),
    }
}

/// While the person is in a review, their self-assessment and their manager's rating are
/// written in the review's record: the page says so and leads there.
fn in_review(m: &SignedViewer, who: &Who, review: &rungs_app::OpenReview) -> Markup {
    let (heading, whose) = if who.own() {
        (
            "Your self-assessment is part of the review",
            "Your self-assessment",
        )
    } else {
        ("Your rating is part of the review", "Your rating")
    };
    page(
        &m.nav().at(if who.own() { "/assess" } else { "/team" }),
        heading,
        html! {
            h1 { (heading) }
            p.lead {
                @if who.own() { "You are" } @else { (who.name) " is" }
                " in the review " strong { (review.name) } ", now at " (review.stage.name()) ". "
                (whose) " is written in the review's record, so that one record counts for the review: "
                "what you write there is kept as a draft until you submit it, and a manager's rating is shown to the person when the review shares its results."
            }
            p { "Once the review has shared its results, you can assess here again whenever you like." }
            div.actions { a.button href=(review.record) { "Go to the record in " (review.name) } }
        },
    )
}
