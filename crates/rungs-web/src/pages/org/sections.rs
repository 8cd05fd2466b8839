//! The sections of `/org`: shape, span of control, pipeline, pay, calibration and changes.

use super::*;

pub(super) fn pyramid(fw: &Framework, r: &Report) -> Markup {
    let side = |track: &str| match fw.track(track) {
        Some(t) if t.shared => 0,
        Some(t) if t.id.contains("manager") || t.name.to_lowercase().contains("manager") => 1,
        Some(_) => -1,
        None => 0,
    };
    let rows: Vec<PyramidRow> = r
        .shape
        .by_level
        .iter()
        .filter_map(|l| {
            let level = fw.level(&l.level)?;
            Some(PyramidRow {
                title: l.title.clone(),
                side: side(&level.track),
                rank: level.rank,
                people: l.people,
            })
        })
        .collect();
    let bands: Vec<ShapeBand> = r
        .shape
        .bands
        .iter()
        .map(|b| ShapeBand {
            name: b.name.clone(),
            target: b.target,
            actual: b.actual,
            status: status_words(b.status).to_owned(),
        })
        .collect();
    html! {
        section aria-labelledby="shape" {
            h2 #shape { "Levels" }
            (charts::pyramid(&rows, &bands, r.people))
            @if let Some(b) = &r.shape.balance {
                p { (b.track_name) ": " (format!("{:.0}%", b.actual * 100.0)) " of the people, where the framework wants " (format!("{:.0}–{:.0}%", b.min * 100.0, b.max * 100.0)) " (" (status_words(b.status)) ")." }
            }
        }
    }
}

pub(super) fn span(r: &Report) -> Markup {
    let counts: Vec<(usize, usize)> = r
        .span
        .histogram
        .iter()
        .map(|c| (c.reports, c.managers))
        .collect();
    let mut limits: Vec<(u32, String)> = Vec::new();
    for l in &r.span.limits {
        for (v, word) in [(l.min, "at least"), (l.max, "at most")] {
            if let Some(v) = v.filter(|&v| v > 0) {
                match limits.iter_mut().find(|x| x.0 == v) {
                    Some(x) => x.1.push_str(&format!("; {} {word} {v}", l.title)),
                    None => limits.push((v, format!("{} {word} {v}", l.title))),
                }
            }
        }
    }
    limits.sort_by_key(|l| l.0);
    html! {
        section aria-labelledby="span" {
            h2 #span { "Span of control" }
            p { (r.span.managers) " people manage others; " (r.span.over.len()) " manage more than their level allows and " (r.span.under.len()) " fewer than it expects." }
            @if counts.is_empty() { p { "No one here has direct reports." } } @else { (charts::span_histogram(&counts, &limits)) }
            @for (what, list) in [("More than the limit", &r.span.over), ("Fewer than expected", &r.span.under)] {
                @if !list.is_empty() {
                    h3 { (what) " (" (list.len()) ")" }
                    ul { @for i in list.iter().take(LIST) { li { (person_link(&i.person)) ": " (i.reports) " direct reports; " (i.rule) } } }
                    (more(list.len()))
                }
            }
        }
    }
}

pub(super) fn pipeline(r: &Report, under: Option<&str>) -> Markup {
    let p = &r.pipeline;
    let link = |level: &str, tier: &str| {
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.append_pair("level", level).append_pair("ready", tier);
        if let Some(u) = under {
            url.append_pair("under", u);
        }
        format!("/team?{}", url.finish())
    };
    html! {
        section aria-labelledby="pipeline" {
            h2 #pipeline { "Promotion pipeline" }
            p { "Readiness for the next rung, by the level held (the better branch for someone at the split who has not chosen a track). " (p.not_assessed) " people have no assessment yet; " (p.at_top) " are at the top of their ladder. Each number opens the people it counts." }
            @if p.by_level.is_empty() {
                p { "No one here is assessed yet." }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label={ "People by level held and readiness for the next rung" } { table {
                        caption { "People by level held and readiness for the next rung" }
                        thead { tr { th scope="col" { "Level held" } @for t in &p.tiers { th scope="col" { (t.name) } } } }
                        tbody {
                            @for l in &p.by_level {
                                tr {
                                    th scope="row" { (l.title) }
                                    @for (i, n) in l.counts.iter().enumerate() {
                                        td data-level=(l.level) data-tier=(p.tiers[i].tier) data-count=(n) {
                                            @if *n > 0 { a href=(link(&l.level, &p.tiers[i].tier)) { (n) span.visually-hidden { " " (l.title) ", " (p.tiers[i].name) } } }
                                            @else { "0" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(first) = p.tiers.first().filter(|t| t.count > 0) {
                h3 { (first.name) ": " (first.count) }
                ul { @for person in first.people.iter().take(LIST) { li { (person_link(person)) } } }
                @if first.count > LIST {
                    p { a href=(tier_link(&first.tier, under)) { "All " (first.count) " people " (first.name.to_lowercase()) } }
                }
            }
            @if !p.overdue.is_empty() {
                h3 { "Longer on their rung than usual" }
                ul { @for t in p.overdue.iter().take(LIST) { li { (person_link(&t.person)) ": " (format!("{:.1}", t.years)) " years" } } }
                (more(p.overdue.len()))
            }
        }
    }
}

pub(super) fn pay(r: &Report) -> Markup {
    let p = &r.pay;
    let rows: Vec<(String, [usize; 7])> = p
        .by_level
        .iter()
        .map(|l| (l.title.clone(), l.positions))
        .collect();
    html! {
        section aria-labelledby="pay" {
            h2 #pay { "Pay within the bands" }
            @if p.checked == 0 {
                p { "No one's pay here could be checked against a band."
                    @if p.no_location > 0 { " " (p.no_location) " have no location to place them in a pay zone." }
                    @if !p.unmapped.is_empty() { " " (p.unmapped.len()) " are in a location no pay zone covers." }
                    @if p.other_currency > 0 { " " (p.other_currency) " are paid in another currency than their zone's bands: currencies are never compared." }
                    @if p.no_stage > 0 { " " (p.no_stage) " have no company stage." }
                    " Pay needs an amount, a company stage and, where the framework has pay zones, a location a zone covers." }
            } @else {
                p { (p.checked) " people's pay checked against the band for their level and company stage"
                    @if p.zones.len() > 1 { " in the pay zone of their location, each in that zone's currency. " } @else { ", in " (p.zones.first().map_or(p.currency.as_str(), |z| z.name.as_str())) ". " }
                    span.flag { (p.below.len()) " below the minimum" } ", " span.flag { (p.above.len()) " above the maximum" } "."
                    @if p.other_currency > 0 { " " (p.other_currency) " paid in another currency than their zone's bands are not compared: currencies are never compared." }
                    @if p.no_stage > 0 { " " (p.no_stage) " have no company stage and are not compared." }
                    @if p.no_location > 0 { " " (p.no_location) " have no location to place them in a pay zone and are not compared." } }
                @if p.zones.len() > 1 {
                    div.table-scroll tabindex="0" role="region" aria-label={ "People checked in each pay zone" } { table {
                        caption { "People checked in each pay zone" }
                        thead { tr { th scope="col" { "Pay zone" } th scope="col" { "Checked" } } }
                        tbody { @for z in &p.zones { tr { th scope="row" { (z.name) } td { (z.checked) } } } }
                    } }
                }
                @if !p.unmapped.is_empty() {
                    h3 { "In no pay zone" }
                    p { "Their location matches none of the framework's location rules, so their pay is not checked until a rule places it." }
                    ul { @for u in p.unmapped.iter().take(LIST) { li { (person_link(&u.person)) ": " (u.location) } } }
                    (more(p.unmapped.len()))
                }
                (charts::band_dots(&rows, &BAND_POSITIONS, if p.zones.len() > 1 { "in their pay zone's currency" } else { &p.currency }))
                div.table-scroll tabindex="0" role="region" aria-label={ "Compa-ratio by level (pay ÷ the band's midpoint; 1.00 is the middle)" } { table {
                    caption { "Compa-ratio by level (pay ÷ the band's midpoint; 1.00 is the middle)" }
                    thead { tr { th scope="col" { "Level" } th scope="col" { "People" } th scope="col" { "Mean" } th scope="col" { "Median" } } }
                    tbody { @for l in &p.by_level { tr { th scope="row" { (l.title) } td { (l.people) } td { (format!("{:.2}", l.mean_compa_ratio)) } td { (format!("{:.2}", l.median_compa_ratio)) } } } }
                } }
                @for (what, list) in [("Below the minimum", &p.below), ("Above the maximum", &p.above)] {
                    @if !list.is_empty() {
                        h3 { (what) }
                        ul data-pay=(if what.starts_with("Below") { "below" } else { "above" }) { @for i in list.iter().take(LIST) { li data-person=(i.person.id) { @let m = |v: u64| rungs_core::words::money(v, &i.currency); (person_link(&i.person)) ": " (m(i.pay)) ", band " (m(i.min)) "–" (m(i.max)) @if p.zones.len() > 1 { " (" (i.zone) ")" } ", outside by " (m(i.outside_by)) } } }
                        (more(list.len()))
                    }
                }
            }
        }
    }
}

pub(super) fn calibration(r: &Report) -> Markup {
    let c = &r.calibration;
    html! {
        section aria-labelledby="calibration" {
            h2 #calibration { "Calibration" }
            @match c.shown(r.people) {
                None => p { "Fewer than " (rungs_core::team::MIN_GROUP) " people here: calibration figures of so small a group would be about individuals, and are not shown." },
                Some(shown) => {
                    p { "Lift is the mean rating of an assessment, in ranks, minus the rank of the level held. The manager and peer assessments here lift by " (format!("{:+.2}", c.team_mean_lift)) " on average; an assessor more than " (c.threshold) " rank from that, with at least " (c.min_assessments) " assessments, is flagged. Assessors are listed by name, not ranked, and only those who assessed at least " (rungs_core::team::MIN_GROUP) " people are shown on their own." }
                    @let flagged: Vec<&&rungs_core::team::AssessorStats> = shown.assessors.iter().filter(|a| a.flagged()).collect();
                    @let listed: Vec<&&rungs_core::team::AssessorStats> = if shown.assessors.len() > LIST { flagged.clone() } else { shown.assessors.iter().collect() };
                    @if shown.assessors.is_empty() {
                        p { "No assessor here has assessed " (rungs_core::team::MIN_GROUP) " or more people." }
                    } @else {
                        @if listed.len() < shown.assessors.len() {
                            p { (shown.assessors.len()) " assessors have assessed " (rungs_core::team::MIN_GROUP) " or more people; " (shown.assessors.len() - listed.len()) " of them rate in line with the rest and are not listed." }
                        }
                        div.table-scroll tabindex="0" role="region" aria-label={ "Assessors, by name" } { table {
                                caption { "Assessors, by name" }
                                thead { tr { th scope="col" { "Assessor" } th scope="col" { "People" } th scope="col" { "Assessments" } th scope="col" { "Mean lift" } th scope="col" { "Against the rest" } th scope="col" { "Reading" } } }
                                tbody {
                                    @for a in listed.iter().take(LIST * 4) {
                                        tr {
                                            th scope="row" { (a.assessor) }
                                            td { (a.people) } td { (a.assessments) }
                                            td { (format!("{:+.2}", a.mean_lift)) } td { (format!("{:+.2}", a.against_team)) }
                                            td { (a.verdict) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if shown.withheld > 0 {
                        p.muted { (shown.withheld) " assessors of fewer than " (rungs_core::team::MIN_GROUP) " people are not shown on their own." }
                    }
                    h3 { "Self against manager" }
                    @match shown.mean_self_minus_manager {
                        Some(d) => p { (c.compared) " people have both; on average they rate themselves " (format!("{:+.2}", d)) " ranks from their manager." },
                        None => p { "Fewer than " (rungs_core::team::MIN_GROUP) " people have both a self and a manager's assessment; the average is not shown." },
                    }
                    @if !c.gaps.is_empty() {
                        p { "Half a rank or more apart, on average (a conversation to have, one by one):" }
                        ul { @for g in c.gaps.iter().take(LIST) { li { (person_link(&g.person)) ": " (format!("{:+.2}", g.mean_difference)) ", " (g.apart) " competencies a rank or more apart" } } }
                        (more(c.gaps.len()))
                    }
                }
            }
        }
    }
}

pub(super) fn changes(r: &Report, under_q: &str) -> Markup {
    let c = &r.changes;
    html! {
        section aria-labelledby="changes" {
            h2 #changes { "Changes since " (c.since.to_string()) }
            form.filters method="get" action="/org" {
                @if let Some(u) = under_q.strip_prefix("under=").map(|u| u.trim_end_matches('&')) { input type="hidden" name="under" value=(u); }
                div.field {
                    label for="since" { "Since" }
                    input #since type="date" name="since" value=(c.since.to_string());
                }
                div.actions { button type="submit" { "Show changes" } }
            }
            p { (c.assessments) " assessments since then; readiness up for " (c.improved) " people and down for " (c.slipped) "." }
            @for (what, list) in [("Promoted", &c.promoted), ("Moved", &c.moved)] {
                @if !list.is_empty() {
                    h3 { (what) " (" (list.len()) ")" }
                    ul { @for mv in list.iter().take(LIST) { li { (person_link(&mv.person)) ": " (mv.from_title) " → " (mv.to_title) } } }
                    (more(list.len()))
                }
            }
            @if !c.new_on_rung.is_empty() {
                h3 { "New (" (c.new_on_rung.len()) ")" }
                ul { @for p in c.new_on_rung.iter().take(LIST) { li { (person_link(p)) } } }
                (more(c.new_on_rung.len()))
            }
            @if !c.readiness.is_empty() {
                h3 { "Readiness changed (" (c.readiness.len()) ")" }
                ul { @for x in c.readiness.iter().take(LIST) { li { (person_link(&x.person)) ": " (x.from_name) " → " (x.to_name) } } }
                (more(c.readiness.len()))
            }
        }
    }
}
