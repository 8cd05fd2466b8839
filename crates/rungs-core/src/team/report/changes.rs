//! What changed between two days: promotions, moves and readiness, from the assessment history.
//!
//! The level a person held on a day is the level recorded in their latest assessment on or
//! before it; failing that, their roster level if they had started on that rung by then. The
//! roster gives the level at the report's day.

use serde::Serialize;

use super::{Context, PersonRef, names, people};
use crate::date::Date;
use crate::framework::LevelPos;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeReport {
    pub since: Date,
    pub as_of: Date,
    pub promoted: Vec<Moved>,
    /// Same rank, another level: a track switch or lateral move.
    pub moved: Vec<Moved>,
    /// Started on their rung within the window, with no earlier level on record (hires, mostly).
    pub new_on_rung: Vec<PersonRef>,
    pub readiness: Vec<ReadinessChange>,
    pub improved: usize,
    pub slipped: usize,
    /// Assessments made within the window.
    pub assessments: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moved {
    pub person: PersonRef,
    pub from: String,
    pub to: String,
    pub from_title: String,
    pub to_title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadinessChange {
    pub person: PersonRef,
    /// Tier ids.
    pub from: String,
    pub to: String,
    /// Tier names.
    pub from_name: String,
    pub to_name: String,
}

impl Context<'_> {
    fn held_on(&self, p: usize, day: Date) -> Option<LevelPos> {
        let entries = self.history.entries();
        let recorded = self.by_person[p]
            .clone()
            .rev()
            .filter(|&e| entries[e].date <= day)
            .find_map(|e| entries[e].held);
        let person = &self.roster.people[p];
        recorded.or_else(|| {
            person
                .rung_start
                .filter(|s| *s <= day)
                .map(|_| person.level)
        })
    }

    /// The readiness tier for the next rung on a day, from the latest assessment then (the
    /// better of the two branches at the split).
    fn tier_on(&self, p: usize, level: LevelPos, day: Date) -> Option<usize> {
        let entry = self.latest(p, day)?;
        self.best_tier(self.roster.people[p].track, entry, level)
    }
}

pub(super) fn check(cx: &Context<'_>) -> ChangeReport {
    let (since, as_of) = (cx.opts.since, cx.opts.as_of);
    let tiers = cx.fw.readiness_tiers();
    let mut report = ChangeReport {
        since,
        as_of,
        promoted: Vec::new(),
        moved: Vec::new(),
        new_on_rung: Vec::new(),
        readiness: Vec::new(),
        improved: 0,
        slipped: 0,
        assessments: cx
            .history
            .entries()
            .iter()
            .filter(|e| e.date > since && e.date <= as_of)
            .count(),
    };
    for (p, person) in cx.roster.people.iter().enumerate() {
        let now = person.level;
        match cx.held_on(p, since) {
            Some(then) if then != now => {
                let moved = Moved {
                    person: cx.person(p),
                    from: cx.fw.level_at(then).id.clone(),
                    to: cx.fw.level_at(now).id.clone(),
                    from_title: cx.fw.level_at(then).short_title.clone(),
                    to_title: cx.fw.level_at(now).short_title.clone(),
                };
                if cx.ev.rank_of(now) > cx.ev.rank_of(then) {
                    report.promoted.push(moved);
                } else {
                    report.moved.push(moved);
                }
            }
            Some(_) => {}
            None if person.rung_start.is_some_and(|s| s > since && s <= as_of) => {
                report.new_on_rung.push(cx.person(p))
            }
            None => {}
        }
        // Readiness for the same next rung, then and now (only where the rung did not change).
        if cx.held_on(p, since) == Some(now) {
            if let (Some(before), Some(after)) =
                (cx.tier_on(p, now, since), cx.tier_on(p, now, as_of))
            {
                if before != after {
                    if after < before {
                        report.improved += 1;
                    } else {
                        report.slipped += 1;
                    }
                    report.readiness.push(ReadinessChange {
                        person: cx.person(p),
                        from: tiers[before].id.clone(),
                        to: tiers[after].id.clone(),
                        from_name: tiers[before].name.clone(),
                        to_name: tiers[after].name.clone(),
                    });
                }
            }
        }
    }
    report
}

impl ChangeReport {
    pub(super) fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.promoted.is_empty() {
            let list: Vec<PersonRef> = self.promoted.iter().map(|m| m.person.clone()).collect();
            out.push(format!(
                "Since {}: {} promoted ({}).",
                self.since,
                people(self.promoted.len()),
                names(&list, 3)
            ));
        }
        if self.slipped > 0 {
            out.push(format!(
                "Since {}: {} slipped a readiness tier while {} moved up. Look at what changed for those who slipped.",
                self.since,
                people(self.slipped),
                self.improved
            ));
        }
        out
    }
}
