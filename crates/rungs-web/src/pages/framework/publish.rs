//! A version before it is published: what it would change for the people of the organization
//! (anyone it cannot place, by name; pay and readiness that would read differently), and the
//! confirmed step that makes it the one in use. Publishing an earlier version again is the
//! same step: a rollback.

use axum::extract::Path;
use rungs_core::VersionId;

use super::*;

pub(super) async fn preview(
    State(state): State<AppState>,
    Member(m): Member,
    Path(version): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    admin(&m)?;
    preview_page(&state, &m, version, done.done.as_deref(), None).await
}

/// The preview of `version`; with a refused publish's reason beside its form.
async fn preview_page(
    state: &AppState,
    m: &SignedViewer,
    version: i64,
    done: Option<&str>,
    refusal: Option<&str>,
) -> Result<Response, PageError> {
    let p = state
        .app
        .frameworks()
        .framework_preview(&m.actor, VersionId(version))
        .await?;
    let i = &p.impact;
    let status = if p.version.in_use {
        "in use"
    } else if p.version.published_at.is_some() {
        "an earlier version"
    } else {
        "a draft"
    };
    let title = format!("Version {version}: before it is published");
    let body = html! {
        p { a href="/admin/framework" { "← The framework" } }
        h1 { (title) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p.lead {
            "Version " (version) " (" (p.version.name) ") is " strong { (status) } ". "
            @if p.version.in_use { "It is the version everyone reads against now." }
            @else {
                "Version " (p.in_use) " is in use. Below is what everyone would read differently if version " (version) " were published: nothing of it reaches anyone until then."
            }
        }
        p {
            (rungs_core::words::count(p.changed_values, "value of the file differs", "values of the file differ"))
            " from version " (p.in_use) ". "
            a href={ "/admin/framework/diff?a=" (p.in_use) "&b=" (version) } { "See each change" }
        }
        section aria-labelledby="unplaced" {
            h2 #unplaced { "People it cannot place" }
            @let mapped: Vec<&rungs_app::UnplacedLevel> = p.unplaced_levels.iter().filter(|l| l.mapped_to.is_some()).collect();
            @if !mapped.is_empty() {
                p { "Mapped, and moved when it is published: "
                    @for (n, l) in mapped.iter().enumerate() {
                        @if n > 0 { "; " }
                        (l.level) " → " (l.mapped_to.as_deref().unwrap_or_default()) " (" (rungs_core::words::count(l.people, "person", "people")) ")"
                    }
                    "." }
            }
            @if i.unplaced.is_empty() {
                p { "Everyone on the roster has a level in version " (version) "." }
            } @else {
                div.notice {
                    p { strong { (rungs_core::words::count(i.unplaced.len(), "person", "people")) } " would drop out of every figure read against version " (version) " (the team report, /org, /team, pay and readiness) until their level is changed on the roster to one of its levels. They are listed here by name so that no one is lost." }
                }
                @if !p.unplaced_levels.is_empty() && !p.version.in_use {
                    form.panel method="post" action={ "/admin/framework/versions/" (version) "/map" } {
                        h3 { "Map their levels" }
                        p.hint { "Choose, for each level version " (version) " does not have, the level of version " (version) " its people move to when it is published. The mapping is kept with the version; this page then reads them at the level chosen." }
                        (csrf(&m.csrf))
                        @for l in &p.unplaced_levels {
                            div.field {
                                label for={ "map-" (l.level) } { (l.level) " (" (rungs_core::words::count(l.people, "person", "people")) ")" }
                                select id={ "map-" (l.level) } name={ "map-" (l.level) } {
                                    option value="" { "Leave unplaced" }
                                    @for c in &p.levels { option value=(c.id) selected[l.mapped_to.as_deref() == Some(c.id.as_str())] { (c.title) } }
                                }
                            }
                        }
                        div.actions { button.secondary type="submit" { "Keep this mapping" } }
                    }
                }
                div.table-scroll tabindex="0" role="region" aria-label={ "People version " (version) " cannot place" } { table {
                    caption { "People version " (version) " cannot place" }
                    thead { tr { th scope="col" { "Person" } th scope="col" { "Why" } } }
                    tbody { @for u in &i.unplaced { tr { th scope="row" { a href={ "/people/" (u.id) } { (u.person) } } td { (u.reason) } } } }
                } }
            }
        }
        (shifts("pay", "Pay against the bands", "Whose pay would sit differently against its bands", &i.pay))
        (shifts("readiness", "Readiness for the next rung", "Whose readiness would read differently", &i.readiness))
        section aria-labelledby="read" {
            h2 #read { "Assessments" }
            p { (i.assessments[0]) " assessments are read now; " (i.assessments[1]) " would be under version " (version) ". Each assessment is read against the version it was made with:" }
            ul { @for (v, n) in &p.assessments_per_version { li { "version " (v) ": " (n) } } }
        }
        @if !p.version.in_use {
            form.panel method="post" action={ "/admin/framework/versions/" (version) "/publish" } {
                h2 { @if p.version.published_at.is_some() { "Publish version " (version) " again" } @else { "Publish version " (version) } }
                (csrf(&m.csrf))
                @if let Some(why) = refusal { div.error-summary role="alert" { p { (why) } } }
                p { "Publishing makes it the version in use for everyone at once. Version " (p.in_use) " stays kept: you can publish it again from its page in one step." }
                @if !i.unplaced.is_empty() {
                    div.check {
                        input type="checkbox" #confirm name="confirm" value="yes" required aria-describedby="unplaced";
                        label for="confirm" { "I have read who it cannot place: publish anyway" }
                    }
                }
                div.actions { button type="submit" { "Publish version " (version) } }
            }
        }
    };
    Ok(page(&m.nav().at("/admin/framework"), &title, body).into_response())
}

/// A table of people whose figure would read differently, or a line saying no one's would.
fn shifts(id: &str, heading: &str, caption: &str, list: &[rungs_core::team::Shift]) -> Markup {
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (heading) }
            @if list.is_empty() {
                p { "No one's would change." }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label={ (caption) } { table {
                    caption { (caption) }
                    thead { tr { th scope="col" { "Person" } th scope="col" { "Now" } th scope="col" { "Once published" } } }
                    tbody { @for s in list { tr { th scope="row" { a href={ "/people/" (s.person) } { (s.name) } } td { (s.from) } td { (s.to) } } } }
                } }
            }
        }
    }
}

pub(super) async fn publish(
    State(state): State<AppState>,
    Member(m): Member,
    Path(version): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    if form.get("confirm") != "yes" {
        let p = state
            .app
            .frameworks()
            .framework_preview(&m.actor, VersionId(version))
            .await?;
        if !p.impact.unplaced.is_empty() {
            let why = format!(
                "Tick the box to publish: version {version} cannot place {}.",
                rungs_core::words::count(p.impact.unplaced.len(), "person", "people")
            );
            let mut res = preview_page(&state, &m, version, None, Some(&why)).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            return Ok(res);
        }
    }
    let v = state
        .app
        .frameworks()
        .publish_framework(&m.actor, VersionId(version))
        .await?;
    Ok(crate::pages::form::redirect(&done_url(&format!(
        "Version {} is now in use for everyone.",
        v.version
    )))
    .into_response())
}

pub(super) async fn map(
    State(state): State<AppState>,
    Member(m): Member,
    Path(version): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let map = form
        .fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("map-")?.to_owned(), v.clone())))
        .collect();
    match state.app.frameworks().map_levels(&m.actor, VersionId(version), map).await {
        Ok(_) => Ok(crate::pages::form::redirect(&with_note(
            &format!("/admin/framework/versions/{version}"),
            "The mapping is kept with the version: below, its people are read at the levels chosen.",
        ))
        .into_response()),
        Err(AppError::Invalid { problems, .. }) => {
            let why = problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            let mut res = preview_page(&state, &m, version, None, Some(&why)).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
