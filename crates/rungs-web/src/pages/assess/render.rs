//! The wizard's page: one step per competency area, each competency with its levels to choose from, the milestones, and the answers so far.

use super::*;

pub(super) fn step_nav(names: &[String], at: usize) -> Markup {
    html! {
        nav aria-label="Steps" {
            ol.steps {
                @for (i, n) in names.iter().enumerate() {
                    li {
                        @if i == at { span aria-current="step" { (i + 1) ". " (n) } }
                        @else { (i + 1) ". " (n) }
                    }
                }
            }
        }
    }
}

/// One competency's question: the levels around the one held, the rest folded away, and a box
/// for evidence.
pub(super) fn competency(
    fw: &Framework,
    comp: &rungs_core::framework::Competency,
    rungs: &[&Level],
    held: &Level,
    draft: &Draft,
    errors: &FieldErrors,
    who: &Who,
) -> Markup {
    let name = format!("rating-{}", comp.id);
    let held_note = if who.own() {
        " (the level you hold)"
    } else {
        " (the level held)"
    };
    let (chosen, evidence) = draft.rating(&comp.id).unwrap_or(("", ""));
    let near = |l: &Level| l.rank + 1 >= held.rank && l.rank <= held.rank + 1;
    let option = |value: &str, label: Markup| {
        let id = format!("{name}-{value}");
        html! {
            div.choice {
                input type="radio" id=(id) name=(name) value=(value) checked[chosen == value];
                label for=(id) { (label) }
            }
        }
    };
    let level_option = |l: &Level| {
        let text = fw.expectation(comp, &l.id).unwrap_or_default();
        option(
            &l.id,
            html! { strong { (l.short_title) } @if l.id == held.id { (held_note) } ": " (text) },
        )
    };
    let error = errors.of(&name);
    html! {
        fieldset.has-error[error.is_some()] id=(name) {
            legend { (comp.name) }
            @if let Some(s) = &comp.summary { span.hint { (s) } }
            @if !who.own() {
                p.theirs {
                    @match who.theirs.get(&comp.id) {
                        Some(r) => { (who.name) " rated themselves: " strong { (r) } }
                        None => { (who.name) " has not rated this themselves." }
                    }
                }
            }
            @if let Some(e) = error { span.field-error { "Error: " (e) } }
            @for l in rungs.iter().rev().filter(|l| near(l)) { (level_option(l)) }
            details open[!chosen.is_empty() && rungs.iter().any(|l| l.id == chosen && !near(l)) || chosen == "below" || chosen == "not-assessed"] {
                summary { "Other levels, below the first, or not assessed" }
                @for l in rungs.iter().rev().filter(|l| !near(l)) { (level_option(l)) }
                (option("below", html! { "Below the first level" }))
                (option("not-assessed", html! { "Not assessed: leave it out" }))
            }
            div.field {
                label for={ "evidence-" (comp.id) } { "Evidence for " (comp.name) " (optional)" }
                textarea id={ "evidence-" (comp.id) } name={ "evidence-" (comp.id) } rows="2" { (evidence) }
            }
        }
    }
}

/// The milestones of the step up from the level held: both branches' at the split.
pub(super) fn milestones<'f>(
    fw: &'f Framework,
    held: &Level,
    track: &str,
) -> Vec<(&'f Level, Vec<&'f rungs_core::framework::Milestone>)> {
    let ev = Evaluator::new(fw);
    let t = ev.track_index(track).unwrap_or(0);
    let nexts = match ev.next_rung(held.pos(), t) {
        NextRung::One(n) => vec![n],
        NextRung::Split(ns) => ns,
        NextRung::Top => Vec::new(),
    };
    nexts
        .into_iter()
        .map(|n| {
            let to = fw.level_at(n);
            (to, fw.milestones(&held.id, &to.id))
        })
        .collect()
}

pub(super) fn render(
    fw: &Framework,
    m: &SignedViewer,
    who: &Who,
    step: usize,
    draft: &Draft,
    errors: &FieldErrors,
    preview: Option<Markup>,
) -> Markup {
    let names = steps(fw);
    let held = draft
        .get("level")
        .and_then(|l| fw.level(l))
        .or_else(|| fw.ladder().first().copied());
    let track = draft.get("track").unwrap_or("shared").to_owned();
    let areas = fw.areas().len();
    let body = match (step, held) {
        (0, _) => html! {
            div.field {
                label for="level" { @if who.own() { "The level you hold today" } @else { "The level " (who.name) " holds today" } }
                span.hint { "Every question after this is anchored to it." }
                select #level name="level" {
                    @for l in fw.ladder() { option value=(l.id) selected[held.is_some_and(|h| h.id == l.id)] { (l.title) } }
                }
            }
            fieldset #track {
                legend { @if who.own() { "Your track" } @else { "Their track" } }
                span.hint { "Chosen only for the rungs after the split; before it, say which you aim for, or not yet." }
                @for t in fw.tracks() {
                    div.choice {
                        input type="radio" id={ "track-" (t.id) } name="track" value=(t.id) checked[track == t.id];
                        label for={ "track-" (t.id) } {
                            strong { (t.name) } ": "
                            @if t.shared { "not chosen yet: the rungs everyone climbs before the split" } @else { (first_sentence(&t.summary)) }
                        }
                    }
                }
            }
        },
        (s, Some(held)) if s >= 1 && s <= areas => {
            let area = &fw.areas()[s - 1];
            let rungs = fw.ratable_levels(&track);
            html! {
                @if who.own() {
                    p { "For each competency, choose the highest level whose expectation you meet today. The level you hold is marked; nothing is chosen for you." }
                } @else {
                    p { "For each competency, choose the highest level whose expectation " (who.name) " meets today. Their own rating is shown beside each"
                        @if let Some(d) = &who.theirs_on { " (their self-assessment of " (d) ")" }
                        "; nothing is chosen for you." }
                }
                @for comp in &area.competencies { (competency(fw, comp, &rungs, held, draft, errors, who)) }
            }
        }
        (s, Some(held)) if s == areas + 1 => {
            let groups = milestones(fw, held, &track);
            html! {
                @if groups.is_empty() { p { "The ladder lists no promotion from " (held.short_title) "." } }
                @for (to, list) in &groups {
                    fieldset {
                        legend { "The step from " (held.short_title) " to " (to.short_title) ": " @if who.own() { "which have you shown?" } @else { "which has " (who.name) " shown?" } }
                        @for ms in list {
                            @let met = draft.met(&ms.id);
                            div.choice {
                                input type="checkbox" id={ "met-" (ms.id) } name={ "met-" (ms.id) } value="yes" checked[met.is_some()];
                                label for={ "met-" (ms.id) } {
                                    (ms.text)
                                    @if let Some(q) = &ms.quote { br; span.hint { "In the source's words: “" (q) "”" } }
                                }
                            }
                            div.field {
                                label for={ "met-evidence-" (ms.id) } { "Evidence (optional)" }
                                input type="text" id={ "met-evidence-" (ms.id) } name={ "met-evidence-" (ms.id) } value=(met.unwrap_or(""));
                            }
                        }
                    }
                }
            }
        }
        _ => html! {
            p { "Check the answers, then save. An assessment is never changed once saved: a later one stands beside it." }
            div.table-scroll tabindex="0" role="region" aria-label="Table: Competency, Their own rating, Evidence" { table {
                thead { tr {
                    th scope="col" { "Competency" }
                    th scope="col" { @if who.own() { "Your rating" } @else { "Your rating of " (who.name) } }
                    @if !who.own() { th scope="col" { "Their own rating" } }
                    th scope="col" { "Evidence" } th scope="col" { span.visually-hidden { "Change it" } } } }
                tbody {
                    @for (i, area) in fw.areas().iter().enumerate() {
                        @for c in &area.competencies {
                            @let (r, e) = draft.rating(&c.id).unwrap_or(("", ""));
                            tr {
                                th scope="row" { (c.name) }
                                td { @match r { "" => span.field-error { "not answered" }, id => (rungs_core::assessment::rating_words(fw, id)) } }
                                @if !who.own() {
                                    @let theirs = who.theirs.get(&c.id);
                                    td {
                                        @match theirs {
                                            Some(t) => {
                                                (t)
                                                @if !r.is_empty() && *t != rungs_core::assessment::rating_words(fw, r) { " " span.tag { "differs" } }
                                            }
                                            None => span.muted { "—" },
                                        }
                                    }
                                }
                                td { (e) }
                                td { a href={ (who.action) "?step=" (i + 1) "#rating-" (c.id) } { "Change" span.visually-hidden { " " (c.name) } } }
                            }
                        }
                    }
                }
            } }
            @if let Some(p) = preview { (p) }
        },
    };
    let last = names.len() - 1;
    let title = who.title();
    page(
        &m.nav().at(if who.own() { "/assess" } else { "/team" }),
        &title,
        html! {
            h1 { (title) }
            (step_nav(&names, step.min(last)))
            h2 { (names[step.min(last)]) }
            (errors.summary())
            form method="post" action=(who.action) novalidate {
                (csrf(&m.csrf))
                input type="hidden" name="step" value=(step);
                (body)
                div.actions {
                    @if step > 0 { button.secondary type="submit" name="go" value="back" { "Back" } }
                    @if step < last { button type="submit" name="go" value="next" { "Save and continue" } }
                    @else { button type="submit" name="go" value="save" { "Save the assessment" } }
                }
            }
        },
    )
}
