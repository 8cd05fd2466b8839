//! A manager's pages: `/team`, their people (everyone under them, or the whole organization
//! for an admin) with filters and sorting by plain links and a GET form; `/people/{id}`, a
//! person's page as they see it with the manager's view beside it.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rungs_app::ReportRequest;
use rungs_core::Framework;
use rungs_core::PersonId;
use rungs_core::assessment::AssessorKind;
use rungs_core::team::Member as Row;
use serde::Deserialize;

use super::me::Subject;
use super::{Member, PageError, page};
use crate::state::AppState;

/// This module's pages and forms, by address.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/team", axum::routing::get(team))
        .route("/people/{id}", axum::routing::get(person))
}

/// People listed on one page of `/team`.
const PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub(super) struct TeamQuery {
    /// A part of the name or id.
    q: Option<String>,
    level: Option<String>,
    track: Option<String>,
    /// A readiness tier id, or `none` for not assessed.
    ready: Option<String>,
    /// Only this manager's people (a part of what the viewer may see).
    under: Option<String>,
    sort: Option<String>,
    page: Option<usize>,
}

/// The columns `/team` sorts by, with their headings.
const SORTS: [(&str, &str); 6] = [
    ("name", "Name"),
    ("level", "Level held"),
    ("shown", "The ratings show"),
    ("ready", "Readiness for the next rung"),
    ("time", "Time on the rung"),
    ("last", "Last assessment"),
];

impl TeamQuery {
    fn text(v: &Option<String>) -> &str {
        v.as_deref().map(str::trim).unwrap_or("")
    }

    /// This query's address with one parameter changed (and back to the first page).
    fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("q", Self::text(&self.q)),
            ("level", Self::text(&self.level)),
            ("track", Self::text(&self.track)),
            ("ready", Self::text(&self.ready)),
            ("under", Self::text(&self.under)),
            ("sort", Self::text(&self.sort)),
        ]
        .into_iter()
        .filter(|(k, _)| *k != key)
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        if key != "page" || value != "1" {
            pairs.push((key, value.to_owned()));
        }
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            out.append_pair(k, v);
        }
        format!("/team?{}", out.finish())
    }

    fn keeps(&self, fw: &Framework, row: &Row) -> bool {
        let q = Self::text(&self.q).to_lowercase();
        if !q.is_empty()
            && !row.person.name.to_lowercase().contains(&q)
            && !row.person.id.to_lowercase().contains(&q)
        {
            return false;
        }
        let level = Self::text(&self.level);
        if !level.is_empty() && row.person.level != level {
            return false;
        }
        let track = Self::text(&self.track);
        if !track.is_empty() && fw.track(track).is_some_and(|t| t.name != row.track) {
            return false;
        }
        match Self::text(&self.ready) {
            "" => true,
            "none" => row.readiness.is_none(),
            tier => row.readiness.as_ref().is_some_and(|r| r.tier == tier),
        }
    }

    fn sort(&self, fw: &Framework, rows: &mut [Row]) {
        let rank = |id: &str| fw.level(id).map_or(0, |l| l.rank);
        match Self::text(&self.sort) {
            "level" => rows.sort_by_key(|r| std::cmp::Reverse(rank(&r.person.level))),
            "shown" => rows.sort_by_key(|r| {
                std::cmp::Reverse(r.shown.as_ref().map_or(0, |s| rank(&s.level) + 1))
            }),
            "ready" => rows.sort_by_key(|r| r.readiness.as_ref().map_or(usize::MAX, |t| t.order)),
            "time" => rows.sort_by(|a, b| {
                b.years_on_rung
                    .unwrap_or(-1.0)
                    .total_cmp(&a.years_on_rung.unwrap_or(-1.0))
            }),
            "last" => rows.sort_by_key(|r| r.last.as_ref().map(|l| l.date)),
            _ => rows.sort_by(|a, b| a.person.name.cmp(&b.person.name)),
        }
    }
}

pub(super) async fn team(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<TeamQuery>,
) -> Result<Response, PageError> {
    let under = Some(TeamQuery::text(&q.under)).filter(|u| !u.is_empty());
    let (rows, unread) = state
        .app
        .reports()
        .team_members(
            &m.actor,
            &ReportRequest {
                manager: under.map(PersonId::from),
                ..ReportRequest::default()
            },
        )
        .await?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let root = match under {
        Some(id) => Some(
            state
                .app
                .people()
                .person(&m.actor, &PersonId::from(id))
                .await?,
        ),
        None => None,
    };
    let me = root
        .as_ref()
        .map(|p| p.id.as_str())
        .or(m.actor.person.as_deref());
    let everyone =
        rows.len() - usize::from(me.is_some_and(|p| rows.iter().any(|r| r.person.id == p)));
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| Some(r.person.id.as_str()) != me && q.keeps(&fw, r))
        .collect();
    q.sort(&fw, &mut rows);
    let pages = rows.len().div_ceil(PAGE).max(1);
    let at = q.page.unwrap_or(1).clamp(1, pages);
    let shown = &rows[(at - 1) * PAGE..(at * PAGE).min(rows.len())];
    let sort = TeamQuery::text(&q.sort);
    let sort = if sort.is_empty() { "name" } else { sort };
    let title = match &root {
        Some(p) => format!("{}'s people", p.fields.name),
        None if m.actor.role == rungs_app::Role::Admin => "Everyone".to_owned(),
        None => "My people".to_owned(),
    };
    Ok(page(
        &m.nav().at("/team"),
        &title,
        html! {
            h1 { (title) }
            p.lead {
                @if let Some(p) = &root {
                    (everyone) " people under " (p.fields.name) ", directly or through the managers who report to them."
                } @else if m.actor.role == rungs_app::Role::Admin {
                    (everyone) " people in the organization."
                } @else {
                    (everyone) " people under you, directly or through the managers who report to you."
                }
            }
            @if m.actor.role == rungs_app::Role::Admin {
                div.actions { a.button.secondary href="/admin/people/new" { "Add a person" } a.button.secondary href="/admin/data" { "Upload a roster" } }
            }
            @if !unread.is_empty() {
                @let people: Vec<&rungs_core::team::Unread> = unread.iter().filter(|u| u.kind == "person").collect();
                div.notice #unread {
                    p { (unread.len()) " stored records could not be read against the framework in use and are left out of the figures below. No one is dropped without a word:" }
                    @if !people.is_empty() {
                        ul { @for u in &people { li { a href={ "/people/" (u.id) } { (u.person) } ": " (u.reason) "." } } }
                    }
                    @if people.len() < unread.len() {
                        p { (unread.len() - people.len()) " assessments among them; " a href="/org" { "the organization page" } " lists each." }
                    }
                }
            }
            form.filters method="get" action="/team" role="search" aria-label="Filter the people" {
                div.field {
                    label for="q" { "Name" }
                    input #q type="search" name="q" value=(TeamQuery::text(&q.q));
                }
                div.field {
                    label for="level" { "Level held" }
                    select #level name="level" {
                        option value="" { "Any level" }
                        @for l in fw.ladder() { option value=(l.id) selected[TeamQuery::text(&q.level) == l.id] { (l.title) } }
                    }
                }
                div.field {
                    label for="track" { "Track" }
                    select #track name="track" {
                        option value="" { "Any track" }
                        @for t in fw.tracks() { option value=(t.id) selected[TeamQuery::text(&q.track) == t.id] { (t.name) } }
                    }
                }
                div.field {
                    label for="ready" { "Readiness" }
                    select #ready name="ready" {
                        option value="" { "Any readiness" }
                        @for t in fw.readiness_tiers() { option value=(t.id) selected[TeamQuery::text(&q.ready) == t.id] { (t.name) } }
                        option value="none" selected[TeamQuery::text(&q.ready) == "none"] { "Not assessed" }
                    }
                }
                input type="hidden" name="sort" value=(sort);
                @if let Some(u) = under { input type="hidden" name="under" value=(u); }
                div.actions { button type="submit" { "Filter" } a.button.secondary href="/team" { "Clear" } }
            }
            @if rows.is_empty() {
                (super::ui::empty("No one matches these filters", html! { p { a href="/team" { "Clear them" } " to see everyone." } }))
            } @else {
                (super::ui::tier_legend(fw.readiness_tiers()))
                div.table-scroll tabindex="0" role="region" aria-label={ (title) ", a table" } { table.people {
                        caption {
                            (rows.len()) " people"
                            @if pages > 1 { ", " (shown.len()) " on this page (" (at) " of " (pages) ")" }
                            "; sorted by " (SORTS.iter().find(|(k, _)| *k == sort).map_or("name", |s| s.1).to_lowercase())
                        }
                        thead {
                            tr {
                                @for (key, label) in SORTS {
                                    @if key == sort {
                                        th scope="col" aria-sort=(if key == "name" || key == "last" { "ascending" } else { "descending" }) { (label) }
                                    } @else {
                                        th scope="col" { a href=(q.with("sort", key)) { (label) span.visually-hidden { ": sort by it" } } }
                                    }
                                }
                            }
                        }
                        tbody { @for r in shown { (row(r)) } }
                    }
                }
                @if pages > 1 {
                    nav aria-label="Pages of people" {
                        ul.pages {
                            @if at > 1 { li { a href=(q.with("page", &(at - 1).to_string())) rel="prev" { "Previous" } } }
                            li { "Page " (at) " of " (pages) }
                            @if at < pages { li { a href=(q.with("page", &(at + 1).to_string())) rel="next" { "Next" } } }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

fn row(r: &Row) -> Markup {
    // `data-*`: each figure's value as the API gives it, for tests and scripts.
    let next: Vec<&str> = r
        .readiness
        .iter()
        .flat_map(|t| t.next.iter().map(|n| n.level.as_str()))
        .collect();
    html! {
        tr data-person=(r.person.id) {
            th scope="row" { a href={ "/people/" (r.person.id) } { (r.person.name) } }
            td data-held=(r.person.level) { (r.person.level_title) br; span.muted { (r.track) } }
            td data-shown=(r.shown.as_ref().map_or("", |s| s.level.as_str())) {
                @match &r.shown {
                    Some(s) if s.level == r.person.level => { (s.title) }
                    Some(s) => { (s.title) " " span.tag { "not the level held" } }
                    None if r.shown_rank == Some(0) => span.muted { "below the first level" },
                    None if r.last.is_some() => span.muted { "too few competencies rated to show a level" },
                    None => span.muted { "not assessed" },
                }
            }
            td data-tier=(r.readiness.as_ref().map_or("", |t| t.tier.as_str())) data-next=(next.join(" ")) {
                @match &r.readiness {
                    Some(t) => {
                        (t.name)
                        @if !t.next.is_empty() {
                            br; span.muted { "for " (t.next.iter().map(|n| n.title.as_str()).collect::<Vec<_>>().join(" or ")) }
                        }
                    }
                    None if r.last.is_some() => span.muted { "at the top of the ladder" },
                    None => span.muted { "not assessed" },
                }
            }
            td {
                @match r.years_on_rung {
                    Some(y) => { (format!("{y:.1}")) " years" }
                    None => span.muted { "start unknown" },
                }
                @if let Some(t) = &r.typical_years { br; span.muted { "typically " (t) } }
            }
            td {
                @match &r.last {
                    Some(l) => { (l.date.to_string()) br; span.muted { (rungs_core::eval::kind_name(l.kind)) } }
                    None => span.muted { "none yet" },
                }
            }
        }
    }
}

/// A person's page: where they stand as they see it, and for their manager the ways to rate
/// them, their own ratings against the manager's, their evidence and the packet.
pub(super) async fn person(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let subject = Subject::other(&state, &m, &id).await?;
    let standing = state
        .app
        .assessments()
        .standing(&m.actor, &subject.person)
        .await?;
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let evidence = state
        .app
        .assessments()
        .evidence(&m.actor, &subject.person)
        .await?;
    let own = state
        .app
        .assessments()
        .latest_of_kind(&m.actor, &subject.person, AssessorKind::Own)
        .await?;
    let manager = state
        .app
        .assessments()
        .latest_of_kind(&m.actor, &subject.person, AssessorKind::Manager)
        .await?;
    let (own, manager) = (own.as_ref(), manager.as_ref());
    let words = |a: Option<&rungs_app::AssessmentView>, c: &str| {
        a.and_then(|a| a.assessment.ratings.iter().find(|(id, _)| id == c))
            .map(|(_, r)| r.level().to_owned())
    };
    let title = |id: &str| rungs_core::assessment::rating_words(&fw, id);
    let rank = |id: &str| fw.level(id).map(|l| l.rank);
    let p = &standing.person;
    Ok(page(
        &m.nav().at("/team"),
        &p.fields.name,
        html! {
            (super::home::standing(&standing, &subject))
            @if !subject.own {
                h2 { "Self and manager, side by side" }
                @match (own, manager) {
                    (Some(o), Some(mg)) => {
                        p { "Their self-assessment of " (o.assessment.date.to_string()) " against the manager's of " (mg.assessment.date.to_string()) ". Where the two differ, the row says by how many rungs." }
                        div.table-scroll tabindex="0" role="region" aria-label="Table: Competency, Self, Manager, Difference" { table {
                                thead { tr { th scope="col" { "Competency" } th scope="col" { "Self" } th scope="col" { "Manager" } th scope="col" { "Difference" } } }
                                tbody {
                                    @for (_, c) in fw.competencies() {
                                        @let (a, b) = (words(Some(o), &c.id), words(Some(mg), &c.id));
                                        // Below the first level is rank 0; not assessed is not compared.
                                        @let rank_of = |r: Option<&str>| match r { Some("below") => Some(0), Some(id) => rank(id), None => None };
                                        @let diff = match (rank_of(a.as_deref()), rank_of(b.as_deref())) {
                                            (Some(x), Some(y)) => Some(i64::from(x) - i64::from(y)),
                                            _ => None,
                                        };
                                        tr.differs[diff.is_some_and(|d| d != 0)] {
                                            th scope="row" { (c.name) }
                                            td { (a.as_deref().map(title).unwrap_or_else(|| "—".into())) }
                                            td { (b.as_deref().map(title).unwrap_or_else(|| "—".into())) }
                                            td {
                                                @match diff {
                                                    Some(d) if d > 0 => strong { "self " (rungs_core::words::count(d.unsigned_abs() as usize, "rung", "rungs")) " higher" },
                                                    Some(d) if d < 0 => strong { "self " (rungs_core::words::count(d.unsigned_abs() as usize, "rung", "rungs")) " lower" },
                                                    Some(_) => span.muted { "same" },
                                                    None => span.muted { "not compared: one side not rated" },
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    (Some(o), None) => { p { "They rated themselves on " (o.assessment.date.to_string()) "; there is no manager's assessment yet. " a href={ "/people/" (p.id) "/assess" } { "Rate " (p.fields.name) } ", with their ratings shown beside each competency." } }
                    (None, Some(_)) => { p { "There is a manager's assessment but no self-assessment yet." } }
                    (None, None) => { p { "There is no assessment yet." } }
                }
                h2 { "Evidence" }
                @if evidence.is_empty() {
                    p { "No evidence recorded outside the assessments." }
                } @else {
                    ul {
                        @for e in &evidence {
                            li {
                                strong { (fw.milestone(&e.milestone).map_or(e.milestone.as_str(), |ms| ms.text.as_str())) } ": " (e.note)
                                @if let Some(l) = &e.link { " (" (l) ")" }
                                span.muted { " — " (e.created_by) }
                            }
                        }
                    }
                }
                p { "Evidence written with each rating is in " a href={ "/people/" (p.id) "/assessments" } { "the assessments" } "." }
                div.actions {
                    a.button href={ "/people/" (p.id) "/assess" } { "Rate " (p.fields.name) }
                    a.button.secondary href={ "/people/" (p.id) "/packet" } { "Promotion packet (printable)" }
                    @if m.actor.role == rungs_app::Role::Admin {
                        a.button.secondary href={ "/people/" (p.id) "/edit" } { "Change " (p.fields.name) "'s record" }
                    }
                }
            }
        },
    )
    .into_response())
}
