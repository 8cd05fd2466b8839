//! `/cycles/{id}/people/{person}`: a person's record in a cycle, with the part the viewer writes.

use super::*;
use rungs_core::{CycleId, PersonId};

/// The levels a person on `track` may be rated at (the framework's rule), with "below" and
/// "not assessed", each in words.
pub(super) fn rating_options(fw: &Framework, track: &str) -> Vec<(String, String)> {
    use rungs_core::assessment::Rating;
    let mut out = vec![
        ("not-assessed".to_owned(), Rating::NotAssessed.words(fw)),
        ("below".to_owned(), Rating::Below.words(fw)),
    ];
    out.extend(
        fw.ratable_levels(track)
            .into_iter()
            .map(|l| (l.id.clone(), l.short_title.clone())),
    );
    out
}

pub(super) async fn person(
    State(state): State<AppState>,
    Member(m): Member,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Query(note): Query<Note>,
) -> Result<Response, PageError> {
    record_page(
        &state,
        &m,
        id,
        &person,
        note.done.as_deref(),
        &FieldErrors::default(),
        None,
    )
    .await
}

pub(super) async fn record_page(
    state: &AppState,
    m: &SignedViewer,
    id: CycleId,
    person: &PersonId,
    done: Option<&str>,
    errors: &FieldErrors,
    sent: Option<&Form>,
) -> Result<Response, PageError> {
    let c = state.app.cycles().cycle(&m.actor, id).await?;
    let r = state
        .app
        .cycles()
        .cycle_record(&m.actor, id, person)
        .await?;
    let fw = state
        .app
        .framework_at(m.actor.org, c.framework_version)
        .await?;
    let who = state.app.people().person(&m.actor, person).await?;
    let options = rating_options(&fw, &who.fields.track);
    let own = m.actor.person.as_ref() == Some(person);
    let admin = m.actor.role == Role::Admin;
    let writes = r.yours.part;
    let (mine, other) = match writes {
        Part::Own => (&r.own, &r.manager_part),
        Part::Manager => (&r.manager_part, &r.own),
    };
    let writable = r.yours.open;
    // Why the viewer's part cannot be written now (an admin, who writes for any manager, is
    // not told on every record).
    let why_not = r.yours.why_not.as_deref().filter(|_| own || !admin);
    let managers = if admin {
        hand_over_choices(state, m, id, person, &who, &r).await?
    } else {
        Vec::new()
    };
    let milestones = fw.milestones_from(&who.fields.level);
    let chosen = |comp: &str| -> String {
        match sent {
            Some(f) => f.get(&format!("r-{comp}")).to_owned(),
            None => mine.ratings.get(comp).cloned().unwrap_or_default(),
        }
    };
    let met = |ms: &str| -> bool {
        match sent {
            Some(f) => f.fields.iter().any(|(k, v)| k == "milestone" && v == ms),
            None => mine.milestones.iter().any(|x| x == ms),
        }
    };
    let held_title = fw
        .level(&who.fields.level)
        .map_or_else(|| who.fields.level.to_string(), |l| l.short_title.clone());
    let heading = if own {
        "Your record".to_owned()
    } else {
        format!("{}'s record", r.name)
    };
    let body = html! {
        p { a href={ "/cycles/" (id) } { "← " (c.name) } }
        h1 { (heading) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p.lead { (r.words) "." }
        (record_steps(&r.name, &r.steps))
        (who_rates(&r, &who.fields.manager))
        @if let Some(level) = &r.shown_level {
            p { "The " @if r.corrections.is_empty() { "manager's rating" } @else { "corrected rating" } " shows " strong { (rungs_core::assessment::rating_words(&fw, level)) } "." }
        }
        (errors.summary())
        @if writable {
            section aria-labelledby="write" {
                h2 #write { @if own { "Your self-assessment" } @else { "Your rating of " (r.name) } }
                p { "Choose the level each competency meets, against the expectations of "
                    a href="/ladder" { "the ladder" } " (framework version " (c.framework_version) "). Save a draft as often as you like. To submit, rate at least what the ladder needs to read each area; you see it all once more before it is final (only an admin can reopen it)." }
                form method="post" action={ "/cycles/" (id) "/people/" (person) "/" (writes.as_str()) } {
                    (csrf(&m.csrf))
                    input type="hidden" name="version" value=(r.version);
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Competency" { table {
                        thead { tr {
                            th scope="col" { "Competency" }
                            @if other.visible { th scope="col" { @if own { "Manager's rating" } @else { "Their self-rating" } } }
                            th scope="col" { @if own { "Your rating" } @else { "Your rating" } }
                        } }
                        @for area in fw.areas() {
                            tbody {
                                tr.area { th colspan=(if other.visible { 3 } else { 2 }) scope="colgroup" { (area.name) } }
                                @for comp in &area.competencies {
                                    @let field = format!("r-{}", comp.id);
                                    @let value = chosen(&comp.id);
                                    tr {
                                        th scope="row" {
                                            label for=(field) { (comp.name) }
                                            @if let Some(e) = fw.expectation(comp, &who.fields.level) {
                                                br; span.muted { (held_title) ": " (e) }
                                            }
                                        }
                                        @if other.visible {
                                            td { (other.ratings.get(&comp.id).map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(&fw, v))) }
                                        }
                                        td {
                                            select id=(field) name=(field) aria-invalid=[errors.of(&format!("ratings/{}", comp.id)).map(|_| "true")] {
                                                @for (v, n) in &options {
                                                    option value=(v) selected[*v == value || (value.is_empty() && v == "not-assessed")] { (n) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    } }
                    (milestone_fields(&milestones, &met))
                    div.field {
                        label for="notes" { "Notes (optional)" }
                        textarea #notes name="notes" rows="3" { (sent.map_or_else(|| mine.notes.clone().unwrap_or_default(), |f| f.get("notes").to_owned())) }
                    }
                    div.actions {
                        button type="submit" name="action" value="review" { "Review and submit…" }
                        button.secondary type="submit" name="action" value="draft" { "Save a draft" }
                    }
                }
            }
        } @else {
            @if let Some(why) = &why_not { p.notice { (why) } }
            (part_section("Self-assessment", &r.own, &fw))
            (part_section("Manager's rating", &r.manager_part, &fw))
        }
        (changes(&r, &fw))
        @if admin {
            (admin_forms(m, &c, &r, &fw, &options, person))
            @if c.stage < Stage::Shared { (hand_over_form(m, &c, &r, &managers)) }
        }
    };
    let status = if errors.list.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page(&m.nav().at("/cycles"), &heading, body)).into_response())
}

/// Whom an admin may hand a record to: the cycle's managers and the person's manager on the
/// roster now, by name; not the manager who rates it now, nor the person.
/// The most managers the hand-over form lists to choose from.
const MANAGERS_LISTED: usize = 300;

async fn hand_over_choices(
    state: &AppState,
    m: &SignedViewer,
    id: CycleId,
    person: &PersonId,
    who: &rungs_app::answers::Person,
    r: &RecordView,
) -> Result<Vec<(PersonId, String)>, PageError> {
    let mut list: Vec<(PersonId, String)> = state
        .app
        .cycles()
        .cycle_progress(&m.actor, id)
        .await?
        .managers
        .into_iter()
        .filter_map(|mg| Some((mg.manager?, mg.name)))
        .collect();
    if let Some(now) = &who.fields.manager
        && !list.iter().any(|(m, _)| m == now)
    {
        let name = state
            .app
            .people()
            .person(&m.actor, now)
            .await
            .map_or_else(|_| now.to_string(), |p| p.fields.name);
        list.push((now.clone(), name));
    }
    list.retain(|(m, _)| Some(m) != r.manager.as_ref() && m != person);
    Ok(list)
}

/// The milestones on the way to the next rung, each a checkbox.
fn milestone_fields(
    milestones: &[&rungs_core::framework::Milestone],
    met: &dyn Fn(&str) -> bool,
) -> Markup {
    html! {
        @if !milestones.is_empty() {
            fieldset {
                legend { "Milestones met on the way to the next rung" }
                @for ms in milestones {
                    div.check {
                        input type="checkbox" id={ "m-" (ms.id) } name="milestone" value=(ms.id) checked[met(&ms.id)];
                        label for={ "m-" (ms.id) } { (ms.text) }
                    }
                }
            }
        }
    }
}

/// The calibrated changes and corrections of a record, each with its reason.
pub(super) fn changes(r: &RecordView, fw: &Framework) -> Markup {
    html! {
    @if !r.calibrations.is_empty() || !r.corrections.is_empty() {
        section aria-labelledby="changes" {
            h2 #changes { "Changes, with their reasons" }
            ul {
                @for e in r.calibrations.iter().chain(&r.corrections) {
                    li {
                        @if e.kind == "calibrated" { "Calibrated" } @else { "Corrected" }
                        " on " (day(e.at)) " by " (e.by) ": "
                        (e.detail["competency"].as_str().unwrap_or_default()) " from "
                        (e.detail["from"].as_str().map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(fw, v))) " to "
                        (e.detail["to"].as_str().map_or("–".to_owned(), |v| rungs_core::assessment::rating_words(fw, v)))
                        @if let Some(why) = &e.reason { ". Why: " (why) }
                    }
                }
            }
        }
    }
    }
}

pub(super) fn part_section(title: &str, p: &PartView, fw: &Framework) -> Markup {
    html! {
        section {
            h2 { (title) ": " (p.state.words()) }
            @if !p.visible {
                p.muted { @if p.state == PartState::Submitted || p.state == PartState::Draft {
                    "Not shown to you at this stage." } @else { "Nothing written yet." } }
            } @else if p.ratings.is_empty() {
                p.muted { "Nothing written yet." }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label={ (title) ", competency by competency" } { table {
                    thead { tr { th scope="col" { "Competency" } th scope="col" { "Rating" } } }
                    tbody {
                        // In the framework's order, by name; a rating of a competency the
                        // framework no longer has comes last, by its id.
                        @for (_, c) in fw.competencies() {
                            @if let Some(v) = p.ratings.get(&c.id) {
                                tr { th scope="row" { (c.name) } td { (rungs_core::assessment::rating_words(fw, v)) } }
                            }
                        }
                        @for (c, v) in p.ratings.iter().filter(|(c, _)| fw.competency(c).is_none()) {
                            tr { th scope="row" { (c) } td { (rungs_core::assessment::rating_words(fw, v)) } }
                        }
                    }
                } }
                @if let Some(n) = &p.notes { p { "Notes: " (n) } }
            }
        }
    }
}

pub(super) fn admin_forms(
    m: &SignedViewer,
    c: &CycleView,
    r: &RecordView,
    fw: &Framework,
    options: &[(String, String)],
    person: &str,
) -> Markup {
    let id = c.id;
    let change = |action: &str, title: &str, button: &str| {
        html! {
            form.panel method="post" action={ "/cycles/" (id) "/people/" (person) "/" (action) } {
                h3 { (title) }
                (csrf(&m.csrf))
                input type="hidden" name="version" value=(r.version);
                div.field {
                    label for={ (action) "-competency" } { "Competency" }
                    select id={ (action) "-competency" } name="competency" {
                        @for (_, comp) in fw.competencies() { option value=(comp.id) { (comp.name) } }
                    }
                }
                div.field {
                    label for={ (action) "-rating" } { "New rating" }
                    select id={ (action) "-rating" } name="rating" {
                        @for (v, n) in options { option value=(v) { (n) } }
                    }
                }
                div.field {
                    label for={ (action) "-reason" } { "Why (kept with the change)" }
                    textarea id={ (action) "-reason" } name="reason" rows="2" required {}
                }
                div.actions { button type="submit" { (button) } }
            }
        }
    };
    html! {
        section aria-labelledby="admin" {
            h2 #admin { "As an admin" }
            @if c.stage == Stage::Calibration && r.manager_part.state == PartState::Submitted {
                (change("calibrate", "Calibrate one rating", "Calibrate"))
            }
            @if c.stage == Stage::Shared && r.state == rungs_core::cycle::RecordState::Shared {
                (change("correct", "Correct a shared rating", "Record the correction"))
            }
            @if c.stage < Stage::Shared && (r.own.state == PartState::Submitted || r.manager_part.state == PartState::Submitted) {
                form.panel method="post" action={ "/cycles/" (id) "/people/" (person) "/reopen" } {
                    h3 { "Reopen a submitted part" }
                    (csrf(&m.csrf))
                    input type="hidden" name="version" value=(r.version);
                    fieldset {
                        legend { "Which part" }
                        @if r.own.state == PartState::Submitted {
                            div.check { input #reopen-self type="radio" name="part" value="self" checked; label for="reopen-self" { "The self-assessment" } }
                        }
                        @if r.manager_part.state == PartState::Submitted {
                            div.check { input #reopen-manager type="radio" name="part" value="manager" checked[r.own.state != PartState::Submitted]; label for="reopen-manager" { "The manager's rating" } }
                        }
                    }
                    div.field {
                        label for="reopen-reason" { "Why (kept with the change)" }
                        textarea #reopen-reason name="reason" rows="2" required {}
                    }
                    div.actions { button type="submit" { "Reopen" } }
                }
            }
        }
    }
}

/// Who rates the record and why: the manager the review recorded when it started, or the one
/// an admin handed it to; and, when the roster now says otherwise, that a move does not move
/// the record.
fn who_rates(r: &RecordView, on_roster: &Option<PersonId>) -> Markup {
    html! {
        p {
            @match &r.manager_name {
                Some(name) => {
                    "Rated by " strong { (name) } ", "
                    @if r.handovers.is_empty() { "the manager when the review started." }
                    @else { "to whom an admin handed the record." }
                    @if on_roster != &r.manager && r.handovers.is_empty() {
                        " The roster names another manager now; a move during a review does not move the record. An admin can hand it over."
                    }
                }
                None => { "No manager was on the roster for this person when the review started: an admin rates them." }
            }
        }
        @if !r.handovers.is_empty() {
            ul.muted {
                @for h in &r.handovers {
                    li {
                        "Handed over on " (day(h.at)) " by " (h.by)
                        @if let Some(why) = &h.reason { ". Why: " (why) }
                        @if h.detail["draft_set_aside"] == true { ". The earlier manager's draft was set aside and kept." }
                    }
                }
            }
        }
    }
}

/// An admin's form to hand a record to another manager, with a reason.
fn hand_over_form(
    m: &SignedViewer,
    c: &CycleView,
    r: &RecordView,
    managers: &[(PersonId, String)],
) -> Markup {
    html! {
        @if !managers.is_empty() {
            form.panel method="post" action={ "/cycles/" (c.id) "/people/" (r.person) "/hand-over" } {
                h3 { "Hand this record to another manager" }
                p.hint { "The new manager rates from a clean page: a draft of the manager who has it now is set aside and kept, never shown to the new one. A submitted rating stays." }
                (csrf(&m.csrf))
                input type="hidden" name="version" value=(r.version);
                div.field {
                    label for="hand-to" { "New manager" }
                    // A long list of managers (a review of a large organization) would be a
                    // page of its own: then the manager is named, by name or roster id.
                    @if managers.len() <= MANAGERS_LISTED {
                        select #hand-to name="to" {
                            @for (id, name) in managers { option value=(id) { (name) } }
                        }
                    } @else {
                        p.hint #hand-to-hint { "Their name or roster id (" (rungs_core::words::grouped(managers.len() as u64)) " managers rate in this review)." }
                        input #hand-to type="text" name="to" required aria-describedby="hand-to-hint";
                    }
                }
                div.field {
                    label for="hand-reason" { "Why (kept with the change)" }
                    textarea #hand-reason name="reason" rows="2" required {}
                }
                div.actions { button type="submit" { "Hand over" } }
            }
        }
    }
}
