//! The people of a team, one row each: the level held and the level the latest assessment shows,
//! readiness for the next rung, time on the rung and the last assessment. What a manager scans
//! first, and filters and sorts.

use compact_str::CompactString;
use serde::Serialize;

use super::{Context, PersonRef, ReportOptions};
use crate::assessment::AssessorKind;
use crate::date::Date;
use crate::eval::Profile;
use crate::framework::Framework;
use crate::team::{History, Roster};

/// One person of the team as a manager scans them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// The person and the level they hold.
    pub person: PersonRef,
    /// The track's name.
    pub track: String,
    /// The manager's id, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub manager: Option<CompactString>,
    /// The level the latest assessment shows, by the level rule; none before any assessment
    /// or when too few competencies were rated.
    pub shown: Option<LevelRef>,
    /// The rank the latest assessment shows: 0 is below the first level; none before any
    /// assessment or when too few competencies were rated to show one.
    pub shown_rank: Option<u8>,
    /// Readiness for the next rung (the better branch at the split); none at the top of the
    /// ladder or before any assessment.
    pub readiness: Option<Readiness>,
    /// Years on the current rung, to one decimal, when the start is known.
    pub years_on_rung: Option<f64>,
    /// The typical time on this rung, as the framework says ("2–3 years", "3+ years").
    pub typical_years: Option<String>,
    /// The latest assessment by the one rule for "latest".
    pub last: Option<LastAssessment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelRef {
    pub level: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = MemberReadiness))]
pub struct Readiness {
    /// The tier's id and name, from the framework.
    pub tier: String,
    pub name: String,
    /// The tier's place among the framework's tiers: 0 is the most ready.
    pub order: usize,
    /// The next rung (both branches where the ladder splits and no track is chosen).
    pub next: Vec<LevelRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LastAssessment {
    pub date: Date,
    pub kind: AssessorKind,
    pub assessor: String,
}

/// Everyone on the roster as of `opts.as_of`, in roster order.
pub fn members(
    fw: &Framework,
    roster: &Roster,
    history: &History,
    opts: ReportOptions,
) -> Vec<Member> {
    let cx = Context::new(fw, roster, history, opts);
    let tiers = fw.readiness_tiers();
    let level_ref = |l| LevelRef {
        level: fw.level_at(l).id.clone(),
        title: fw.level_at(l).short_title.clone(),
    };
    roster
        .people
        .iter()
        .enumerate()
        .map(|(p, person)| {
            let entry = cx.latest(p, opts.as_of);
            let shown_rank = entry.and_then(|e| {
                cx.ev.rank(&Profile {
                    // Read on the track the person is on now, as a single person's view reads
                    // their assessment (`Assessment::held_now`).
                    track: person.track,
                    codes: history.codes(e).to_vec(),
                })
            });
            let shown =
                shown_rank.and_then(|rank| cx.ev.level_at(person.track, rank).map(level_ref));
            let readiness = entry.and_then(|e| {
                let next = cx.next_rungs(person.level, person.track);
                let order = cx.best_tier(person.track, e, person.level)?;
                Some(Readiness {
                    tier: tiers[order].id.clone(),
                    name: tiers[order].name.clone(),
                    order,
                    next: next.iter().map(|&n| level_ref(n)).collect(),
                })
            });
            let level = fw.level_at(person.level);
            Member {
                person: cx.person(p),
                track: fw.tracks()[person.track].name.clone(),
                manager: person.manager.map(|m| roster.people[m].id.clone()),
                shown,
                shown_rank,
                readiness,
                years_on_rung: person
                    .rung_start
                    .map(|s| (s.years_until(opts.as_of).max(0.0) * 10.0).round() / 10.0),
                typical_years: level
                    .years_on_rung
                    .as_ref()
                    .map(crate::framework::Years::text),
                last: entry.map(|e| {
                    let entry = &history.entries()[e];
                    LastAssessment {
                        date: entry.date,
                        kind: entry.kind,
                        assessor: history.assessor(entry.assessor).to_owned(),
                    }
                }),
            }
        })
        .collect()
}
