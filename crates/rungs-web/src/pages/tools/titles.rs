//! `/titles`: what job titles mean on the ladder, pasted or from a CSV file.

use super::*;

/// The most titles levelled at once on the page.
pub(super) const MAX_TITLES: usize = 2_000;

pub(super) fn titles_form(token: &str, text: &str, errors: &FieldErrors) -> Markup {
    html! {
        (errors.summary())
        form.stack method="post" action="/titles" novalidate {
            (csrf(token))
            div.field.has-error[errors.of("titles").is_some()] {
                label for="titles" { "Job titles, one per line" }
                span.hint id="titles-hint" { "Up to 2,000 at a time." }
                @if let Some(e) = errors.of("titles") { span.field-error id="titles-error" { "Error: " (e) } }
                textarea #titles name="titles" rows="8" aria-describedby="titles-hint" { (text) }
            }
            div.actions { button type="submit" { "Level them" } }
        }
        h2 { "Or a CSV file" }
        form.stack method="post" action="/titles/csv" enctype="multipart/form-data" novalidate {
            (csrf(token))
            div.field.has-error[errors.of("file").is_some()] {
                label for="file" { "A CSV file with a header row" }
                span.hint id="file-hint" { "At most 2,000 rows and 2 MB." }
                @if let Some(e) = errors.of("file") { span.field-error id="file-error" { "Error: " (e) } }
                input #file name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint";
            }
            div.field {
                label for="column" { "The column that holds the titles" }
                span.hint id="column-hint" { "Left empty, the column called \"title\"." }
                input #column name="column" type="text" value="" aria-describedby="column-hint";
            }
            div.actions { button type="submit" { "Level the file" } }
        }
    }
}

/// The most a CSV of titles sent from the page may hold.
pub(super) const MAX_TITLES_FILE: usize = 2 << 20;

pub(super) async fn titles_csv(
    State(state): State<AppState>,
    Member(m): Member,
    mut parts: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let (mut token, mut column, mut file) = (String::new(), None, None);
    let mut too_big = false;
    while let Ok(Some(field)) = parts.next_field().await {
        match field.name().unwrap_or_default() {
            "csrf" => token = field.text().await.unwrap_or_default(),
            "column" => column = field.text().await.ok(),
            "file" => match field.bytes().await {
                Ok(b) if b.len() <= MAX_TITLES_FILE => file = Some(b),
                _ => too_big = true,
            },
            _ => {}
        }
    }
    if !rungs_app::secret::same(&token, &m.csrf) {
        return Err(PageError::expired());
    }
    let bytes = match (too_big, file.filter(|f| !f.is_empty())) {
        (true, _) => {
            let too_big = format!("the file is larger than {} MB", MAX_TITLES_FILE >> 20);
            return Ok(refuse_titles(&m, "", FieldErrors::one("file", too_big)));
        }
        (false, None) => {
            return Ok(refuse_titles(
                &m,
                "",
                FieldErrors::one("file", "choose a CSV file"),
            ));
        }
        (false, Some(bytes)) => bytes,
    };
    match state
        .app
        .ladder()
        .titles_in_csv(&m.actor, &bytes, column.as_deref(), MAX_TITLES)
        .await
    {
        Ok(verdicts) if !verdicts.is_empty() => levelled(&state, &m, &verdicts, "").await,
        Ok(_) => Ok(refuse_titles(
            &m,
            "",
            FieldErrors::one("file", "the column holds no titles"),
        )),
        Err(e) => Ok(refuse_titles(&m, "", FieldErrors::from_error(e)?)),
    }
}

pub(super) fn refuse_titles(
    m: &crate::pages::SignedViewer,
    text: &str,
    errors: FieldErrors,
) -> Response {
    (
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        page(
            &m.nav().at("/titles"),
            "Titles",
            html! {
                h1 { "What a job title means on the ladder" }
                (titles_form(&m.csrf, text, &errors))
            },
        ),
    )
        .into_response()
}

pub(super) async fn titles_page(Member(m): Member) -> Response {
    page(
        &m.nav().at("/titles"),
        "Titles",
        html! {
            h1 { "What a job title means on the ladder" }
            p.lead { "Paste titles as people write them (\"Sr PM, Payments\", \"GPM, Ads\") to see the rung each sits on, and why." }
            (titles_form(&m.csrf, "", &FieldErrors::default()))
        },
    )
    .into_response()
}

pub(super) async fn titles(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    let text = form.get("titles");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(refuse_titles(
            &m,
            text,
            FieldErrors::one("titles", "Paste at least one title"),
        ));
    }
    match state
        .app
        .ladder()
        .titles(&m.actor, &lines, MAX_TITLES, "titles")
        .await
    {
        Ok(verdicts) => levelled(&state, &m, &verdicts, text).await,
        Err(e) => Ok(refuse_titles(&m, text, FieldErrors::from_error(e)?)),
    }
}

/// The titles levelled, each with its reason, and the form again.
pub(super) async fn levelled(
    state: &AppState,
    m: &crate::pages::SignedViewer,
    verdicts: &[Verdict],
    text: &str,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    Ok(page(
        &m.nav().at("/titles"),
        "Titles",
        html! {
            h1 { "What a job title means on the ladder" }
            div.table-scroll tabindex="0" role="region" aria-label={ (verdicts.len()) " titles" } { table {
                caption { (verdicts.len()) " titles" }
                thead { tr { th scope="col" { "Title" } th scope="col" { "Reads as" } th scope="col" { "Confidence" } th scope="col" { "Why" } } }
                tbody {
                    @for v in verdicts {
                        tr {
                            th scope="row" { (v.title) }
                            td {
                                @match (v.verdict, &v.level) {
                                    (Kind::Level, Some(l)) => a href={ "/levels/" (l) } { (v.summary) },
                                    _ => (v.summary),
                                }
                                @for c in &v.candidates { br; span.muted { (short(&fw, &c.level)) ": " (c.reason) } }
                            }
                            td data-confidence=(format!("{:.2}", v.confidence)) { (v.confidence_word()) }
                            td { (v.reason) }
                        }
                    }
                }
            } }
            h2 { "Level more" }
            (titles_form(&m.csrf, text, &FieldErrors::default()))
        },
    )
    .into_response())
}
