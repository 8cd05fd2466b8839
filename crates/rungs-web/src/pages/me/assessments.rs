//! A person's assessments: the list with each rating over time, and one assessment in full.

use super::*;
use rungs_core::AssessmentId;

pub(super) async fn assessments(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    assessments_of(&state, &m, &Subject::me(&m)?).await
}

pub(super) async fn their_assessments(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    assessments_of(&state, &m, &Subject::other(&state, &m, &id).await?).await
}

pub(super) async fn assessments_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let mut list = state
        .app
        .assessments()
        .assessments_of(&m.actor, &s.person)
        .await?;
    list.sort_by_key(|a| (a.assessment.date, a.id));
    let title = s.title("My assessments", "assessments");
    Ok(page(
        &m.nav().at(s.nav_at()),
        &title,
        html! {
            h1 { (title) }
            @if list.is_empty() {
                p.lead { "There is no assessment yet." }
                p { a.button href=(assess_href(s)) { (assess_label(s)) } }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label={ (list.len()) " assessments, oldest first" } { table {
                    caption { (list.len()) " assessments, oldest first" }
                    thead { tr { th scope="col" { "Date" } th scope="col" { "By" } th scope="col" { "Level held" } th scope="col" { span.visually-hidden { "Open it" } } } }
                    tbody {
                        @for a in &list {
                            tr {
                                th scope="row" { (a.assessment.date.to_string()) }
                                td { (rungs_core::eval::kind_name(a.assessment.assessor.kind)) ", " (a.assessment.assessor.name) }
                                td { (a.assessment.level.as_deref().map(|l| short(&fw, l)).unwrap_or_default()) }
                                td { a href={ (s.base) "/assessments/" (a.id) } { "What it shows" span.visually-hidden { ": " (a.assessment.date.to_string()) } } }
                            }
                        }
                    }
                } }
                h2 { "Each competency over time" }
                (history(&fw, &list))
            }
        },
    )
    .into_response())
}

/// Each competency's rating in each assessment, oldest first, with what changed from the one
/// before said in words.
pub(super) fn history(fw: &Framework, list: &[AssessmentView]) -> Markup {
    html! {
        div.table-scroll tabindex="0" role="region" aria-label="Table: Competency" { table {
                thead {
                    tr {
                        th scope="col" { "Competency" }
                        @for a in list {
                            th scope="col" { (a.assessment.date.to_string()) br; span.muted { (rungs_core::eval::kind_name(a.assessment.assessor.kind)) } }
                        }
                    }
                }
                tbody {
                    @for (_, c) in fw.competencies() {
                        tr {
                            th scope="row" { (c.name) }
                            @for (i, a) in list.iter().enumerate() {
                                @let now = a.assessment.ratings.iter().find(|(id, _)| *id == c.id).map(|(_, r)| rating_text(fw, r));
                                @let before = i.checked_sub(1).and_then(|j| list[j].assessment.ratings.iter().find(|(id, _)| *id == c.id)).map(|(_, r)| rating_text(fw, r).1);
                                td {
                                    @match &now {
                                        Some((text, rank, _)) => {
                                            (text)
                                            @match (before.flatten(), rank) {
                                                (Some(b), Some(r)) if *r > b => { " " span.tag { "up" } }
                                                (Some(b), Some(r)) if *r < b => { " " span.tag { "down" } }
                                                _ => {}
                                            }
                                        }
                                        None => span.muted { "—" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) async fn assessment(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    assessment_of(&state, &m, &Subject::me(&m)?, id).await
}

pub(super) async fn their_assessment(
    State(state): State<AppState>,
    Member(m): Member,
    Path((person, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    assessment_of(&state, &m, &Subject::other(&state, &m, &person).await?, id).await
}

pub(super) async fn assessment_of(
    state: &AppState,
    m: &SignedViewer,
    s: &Subject,
    id: i64,
) -> Result<Response, PageError> {
    let view = state
        .app
        .assessments()
        .assessment(&m.actor, AssessmentId(id))
        .await?;
    if view.person != s.person {
        return Err(PageError::not_found("assessment"));
    }
    let assessed = state
        .app
        .assessments()
        .evaluation(&m.actor, AssessmentId(id))
        .await?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let o = &assessed.outcome;
    Ok(page(
        &m.nav().at(s.nav_at()),
        "An assessment",
        html! {
            h1 { (rungs_core::eval::kind_name(view.assessment.assessor.kind)) ", " (view.assessment.date.to_string()) }
            p.lead { (o.verdict) }
            div.table-scroll tabindex="0" role="region" aria-label="Table: Competency, Rating, Evidence" { table {
                thead { tr { th scope="col" { "Competency" } th scope="col" { "Rating" } th scope="col" { "Evidence" } } }
                tbody {
                    @for c in &o.per_competency {
                        tr { th scope="row" { (c.name) } td { (c.rating.words(&fw)) } td { (c.evidence.clone().unwrap_or_default()) } }
                    }
                }
            } }
            h2 { "Why" }
            ul { @for line in o.explanation.iter().filter(|l| **l != o.verdict) { li { (line) } } }
            p { a href={ (s.base) "/assessments" } { "All assessments" } }
        },
    )
    .into_response())
}
