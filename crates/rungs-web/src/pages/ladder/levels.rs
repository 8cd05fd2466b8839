//! `/ladder` and `/levels/{id}`: the whole ladder, and one level in full.

use super::*;

pub(super) async fn ladder(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<StageQuery>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let stage = stage(&fw, q.stage.as_deref());
    let here = match &m.actor.person {
        Some(p) => state
            .app
            .people()
            .person(&m.actor, p)
            .await
            .ok()
            .map(|p| p.fields.level),
        None => None,
    };
    let split = fw
        .tracks()
        .iter()
        .filter(|t| !t.shared)
        .map(|t| t.id.clone())
        .collect::<Vec<_>>();
    let side = |l: &Level| -> i8 {
        match split.iter().position(|t| *t == l.track) {
            Some(0) => -1,
            Some(_) => 1,
            None => 0,
        }
    };
    let rungs: Vec<MapRung> = fw
        .ladder()
        .into_iter()
        .map(|l| MapRung {
            id: l.id.clone(),
            title: l.short_title.clone(),
            side: side(l),
            track: fw
                .track(&l.track)
                .map_or(l.track.clone(), |t| t.name.clone()),
            rank: l.rank,
            years: l.years_on_rung.as_ref().map_or_else(
                || "no usual time given".to_owned(),
                |y| format!("{} on the rung", y.text()),
            ),
            experience: l
                .experience
                .first()
                .map_or_else(|| "—".to_owned(), |y| y.noted()),
            pay: pay_text(&fw, &l.id, stage.map(|s| s.id.as_str())),
        })
        .collect();
    let steps: Vec<(String, String)> = fw
        .steps()
        .into_iter()
        .filter(|(_, _, m)| m.kind == rungs_core::framework::MoveKind::Promotion)
        .map(|(f, t, _)| (f.to_owned(), t.to_owned()))
        .collect();
    let stage_name = stage.map_or("no stage", |s| s.name.as_str()).to_lowercase();
    Ok(page(
        &m.nav().at("/ladder"),
        "The ladder",
        html! {
            h1 { "The ladder" }
            p.lead { (fw.name()) " " (fw.version()) ": every rung, the two tracks after the split, the usual years and the pay." }
            (stage_picker(&fw, "/ladder", stage.map(|s| s.id.as_str()), &[]))
            (charts::career_map(&rungs, &steps, here.as_deref(), &stage_name))
            p { a href="/compare" { "Compare two levels" } " · " a href="/explore" { "Specializations, industries and ways in" } }
        },
    )
    .into_response())
}

pub(super) async fn level(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (_, fw) = state.app.framework(m.actor.org).await?;
    let level = fw.find_level(&id).map_err(|e| PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "No such level",
        message: format!("{}.", capital(&e.to_string())),
    })?;
    let v = browse::level(&fw, level);
    let currency = fw.compensation().map_or("", |c| c.currency.as_str());
    let name = |id: &str| {
        fw.level(id)
            .map_or(id.to_owned(), |l| l.short_title.clone())
    };
    Ok(page(
        &m.nav().at("/ladder"),
        &level.title,
        html! {
            h1 { (level.title) }
            p.lead { (level.summary) }
            dl.facts {
                dt { "Track" } dd { (v.track_name) }
                @if !level.aliases.is_empty() { dt { "Also called" } dd { (level.aliases.join(", ")) } }
                @for y in &level.experience { dt { "Experience" } dd { (y.noted()) } }
                @if let Some(y) = &level.years_on_rung { dt { "Time on the rung" } dd { (y.noted()) } }
                @if let Some(y) = &level.years_to_reach { dt { "Reached in" } dd { (y.noted()) } }
                @if let Some(s) = v.span_of_control { dt { "Direct reports" } dd { (s.summary) } }
            }
            @if !level.duties.is_empty() {
                h2 { "What the role does" }
                ul { @for d in &level.duties { li { (d) } } }
            }
            @if !level.responsibilities.is_empty() {
                h2 { "Responsibilities" }
                dl.facts {
                    @for r in &level.responsibilities {
                        dt { (fw.dimensions().iter().find(|d| d.id == r.dimension).map_or(r.dimension.as_str(), |d| d.name.as_str())) }
                        dd { (r.statements.join(" ")) }
                    }
                }
            }
            h2 { "What it expects, competency by competency" }
            div.table-scroll tabindex="0" role="region" aria-label="Table: Area, Competency, Expectation" { table {
                thead { tr { th scope="col" { "Area" } th scope="col" { "Competency" } th scope="col" { "Expectation" } } }
                tbody {
                    @for e in &v.expectations {
                        tr {
                            td { (fw.areas().iter().find(|a| a.id == e.area).map_or(e.area, |a| a.name.as_str())) }
                            th scope="row" { (e.name) }
                            td { (e.text) }
                        }
                    }
                }
            } }
            @if !v.pay.is_empty() {
                h2 { "Pay" }
                div.table-scroll tabindex="0" role="region" aria-label="Table: Company stage, Band" { table {
                    thead { tr { th scope="col" { "Company stage" } th scope="col" { "Band" } } }
                    tbody { @for p in &v.pay {
                        tr { th scope="row" { (stage_name(&fw, p.stage)) } td { (range(&p.range, currency)) } }
                    } }
                } }
                p { a href={ "/pay?level=" (level.id) } { "Check an offer against these bands" } }
            }
            @if !v.moves_up.is_empty() {
                h2 { "Where it leads" }
                @for s in &v.moves_up {
                    h3 { a href={ "/levels/" (s.to) } { (name(s.to)) } " (" (s.kind.as_str().replace('-', " ")) ")" }
                    p { a href={ "/compare?from=" (s.from) "&to=" (s.to) } { "What separates " (name(s.from)) " from " (name(s.to)) } }
                    @if !s.milestones.is_empty() {
                        ul { @for ms in &s.milestones { li { (ms.text) } } }
                    }
                }
            }
        },
    )
    .into_response())
}
