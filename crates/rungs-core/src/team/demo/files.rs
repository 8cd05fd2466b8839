//! The demo written out: the roster CSV and the assessment history CSV.

use std::fmt::Write as _;

use super::{DemoOptions, PLACES, Person, TEAMS};
use crate::date::Date;
use crate::eval::{Evaluator, NOT_ASSESSED};
use crate::framework::{Framework, LevelPos, MoveKind};
use crate::rng::SplitMix64;
use crate::team::roster::ROSTER_COLUMNS;

/// A person's roster id.
fn id(p: usize) -> String {
    format!("p-{:06}", p + 1)
}

/// Pay drawn from the framework's own band, moved to the band of the zone the place is in (at
/// the same position in the band), with the zone's currency when it is not the framework's. A
/// framework without zones keeps what was drawn.
fn in_zone(
    fw: &Framework,
    level: &str,
    stage: Option<&str>,
    place: &str,
    base: Option<crate::framework::PayRange>,
    pay: Option<u64>,
) -> (Option<u64>, String) {
    let (Some(base), Some(pay), Some(stage)) = (base, pay, stage) else {
        return (pay, String::new());
    };
    let crate::framework::ZoneOf::In(zone) = fw.zone_of(Some(place)) else {
        return (Some(pay), String::new());
    };
    let Some(band) = zone.range(level, stage) else {
        return (Some(pay), String::new());
    };
    let share = if base.max > base.min {
        (pay as f64 - base.min as f64) / (base.max - base.min) as f64
    } else {
        0.5
    };
    let amount = band.min as f64 + share * (band.max as f64 - band.min as f64);
    let base_currency = fw.compensation().map(|c| c.currency.as_str());
    let currency = if Some(zone.currency) == base_currency {
        String::new()
    } else {
        zone.currency.to_owned()
    };
    (
        Some(((amount / 1000.0).round() * 1000.0).max(0.0) as u64),
        currency,
    )
}

/// Quotes a CSV field when it needs it.
fn field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// The company stage everyone in the demo is paid at: the one asked for, else the
/// framework's middle stage.
pub(super) fn stage_of(fw: &Framework, opts: &DemoOptions) -> Option<String> {
    let stages = fw
        .compensation()
        .map(|c| c.stages.as_slice())
        .unwrap_or_default();
    opts.stage
        .clone()
        .filter(|s| stages.iter().any(|x| &x.id == s))
        .or_else(|| stages.get(stages.len() / 2).map(|s| s.id.clone()))
}

/// The roster: a row per person, with a title as people write them, pay drawn in (and a few
/// outside) the band, and a place.
pub(super) fn roster(
    fw: &Framework,
    opts: &DemoOptions,
    people: &[Person],
    rng: &mut SplitMix64,
) -> String {
    let stage = stage_of(fw, opts);
    let mut roster = ROSTER_COLUMNS.join(",");
    roster.push('\n');
    let mut used_emails = rustc_hash::FxHashMap::default();
    for (p, person) in people.iter().enumerate() {
        let level = &fw.level_at(person.level);
        let team = TEAMS[rng.below(TEAMS.len())];
        let title = match rng.below(4) {
            0 => level.title.clone(),
            1 => format!("{}, {team}", level.title),
            2 => format!("{} - {team}", level.short_title),
            _ => level.title.clone(),
        };
        // One title in twenty-five comes without a level, for the roster to fill in; those carry
        // the level's full title, which always reads back as that level.
        let level_cell = if rng.chance(0.04) {
            String::new()
        } else {
            level.id.clone()
        };
        let title = if level_cell.is_empty() {
            format!("{}, {team}", level.title)
        } else {
            title
        };
        let base = stage.as_deref().and_then(|s| fw.pay(&level.id, s));
        let pay = base.map(|band| {
            let (min, max) = (band.min as f64, band.max as f64);
            let amount = match rng.below(100) {
                0..=3 => min * (0.82 + 0.15 * rng.next_f64()),
                4..=6 if !band.open_ended => max * (1.03 + 0.17 * rng.next_f64()),
                _ => min + (max - min) * rng.next_f64(),
            };
            ((amount / 1000.0).round() * 1000.0) as u64
        });
        let local = person
            .name
            .to_lowercase()
            .replace(' ', ".")
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "");
        let n = used_emails.entry(local.clone()).or_insert(0usize);
        *n += 1;
        let email = if *n == 1 {
            format!("{local}@example.com")
        } else {
            format!("{local}{n}@example.com")
        };
        let track_cell = if fw.tracks()[person.track].id == level.track {
            String::new()
        } else {
            fw.tracks()[person.track].id.clone()
        };
        let place = PLACES[rng.below(PLACES.len())];
        let (pay, currency) = in_zone(fw, &level.id, stage.as_deref(), place, base, pay);
        let cells = [
            id(p),
            person.name.clone(),
            email,
            title,
            level_cell,
            track_cell,
            person.manager.map(id).unwrap_or_default(),
            person.rung_start.to_string(),
            pay.map(|v| v.to_string()).unwrap_or_default(),
            currency,
            stage.clone().unwrap_or_default(),
            place.to_owned(),
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                roster.push(',');
            }
            field(&mut roster, c);
        }
        roster.push('\n');
    }

    roster
}

/// The history: one assessment per person per cycle, six months apart, alternating between
/// the manager (most recent) and the person themselves. With how many it holds.
pub(super) fn history(
    fw: &Framework,
    opts: &DemoOptions,
    people: &[Person],
    rng: &mut SplitMix64,
) -> (String, usize) {
    let ev = Evaluator::new(fw);
    let competencies: Vec<String> = fw.competencies().map(|(_, c)| c.id.clone()).collect();
    let areas: Vec<usize> = fw
        .areas()
        .iter()
        .enumerate()
        .flat_map(|(a, area)| std::iter::repeat_n(a, area.competencies.len()))
        .collect();
    let mut history = format!(
        "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
        competencies.join(",")
    );
    let mut count = 0;
    let lower = |level: LevelPos, track: usize| -> Option<LevelPos> {
        let id = &fw.level_at(level).id;
        fw.steps()
            .into_iter()
            .filter(|(_, to, m)| *to == id.as_str() && m.kind == MoveKind::Promotion)
            .filter_map(|(from, _, _)| fw.level_pos(from))
            .filter(|&l| ev.on_ladder(track, l))
            .max_by_key(|&l| fw.level_at(l).rank)
    };
    let mut area_shift = vec![0i32; fw.areas().len()];
    for (p, person) in people.iter().enumerate() {
        for shift in &mut area_shift {
            *shift = match rng.below(25) {
                0 => -1,
                1 | 2 => 1,
                _ => 0,
            };
        }
        for cycle in 0..opts.cycles {
            let back = opts.cycles - 1 - cycle;
            let date =
                Date::from_days(opts.as_of.days() - 182 * back as i32 - rng.below(14) as i32);
            let manager = person.manager.filter(|_| back % 2 == 0);
            let (kind, assessor) = match manager {
                Some(m) => ("manager", people[m].name.as_str()),
                None => ("self", person.name.as_str()),
            };
            // Before they started on their rung, they held the one below it.
            let held = if person.rung_start > date {
                lower(person.level, person.track)
            } else {
                Some(person.level)
            };
            let Some(held) = held else { continue };
            // How far through their rung they were that day: someone recently promoted is at
            // their level everywhere; the longer on the rung, the more of the next rung they
            // show (faster for the fifth ahead of the curve). Before a promotion, nearly ready.
            let progress = if held == person.level {
                let years = fw
                    .level_at(held)
                    .years_on_rung
                    .as_ref()
                    .map_or(2.5, |y| y.max.map_or(y.min, |max| (y.min + max) / 2.0));
                f64::from(date.days() - person.rung_start.days()) / (years * 365.25)
            } else {
                1.2
            };
            let ahead = (progress * (0.62 + 0.3 * f64::from(person.edge))).clamp(0.0, 0.92);
            let rank = fw.level_at(held).rank as i32;
            let bias = match manager {
                Some(m) => people[m].bias,
                None => 1,
            };
            let lean = if manager.is_some() { 0.6 } else { 0.2 };
            let next = fw
                .steps()
                .into_iter()
                .find(|(f, to, m)| {
                    *f == fw.level_at(held).id.as_str()
                        && m.kind == MoveKind::Promotion
                        && fw
                            .level_pos(to)
                            .is_some_and(|t| ev.on_ladder(person.track, t))
                })
                .map(|(_, to, _)| to.to_owned());
            let mut met = Vec::new();
            if let Some(next) = &next {
                for m in fw.milestones(&fw.level_at(held).id, next) {
                    if rng.chance((ahead + 0.1).min(0.9)) {
                        met.push(m.id.clone());
                    }
                }
            }
            let _ = write!(history, "{},{date},{kind},", id(p));
            field(&mut history, assessor);
            let _ = write!(
                history,
                ",{},{},{}",
                fw.tracks()[person.track].id,
                fw.level_at(held).id,
                met.join(";")
            );
            for &area in &areas {
                let mut r = rank + area_shift[area] + i32::from(rng.chance(ahead));
                if rng.chance(0.1) {
                    r += if rng.chance(0.5) { 1 } else { -1 };
                }
                if person.edge < 0 && rng.chance(0.15) {
                    r -= 1;
                }
                if bias != 0 && rng.chance(lean) {
                    r += bias;
                }
                history.push(',');
                if rng.chance(0.02) {
                    history.push_str("not-assessed");
                    continue;
                }
                let code = if r <= 0 {
                    0
                } else {
                    ev.level_at(person.track, u8::try_from(r).unwrap_or(u8::MAX))
                        .map_or(NOT_ASSESSED, |l| (l.index() + 1) as u8)
                };
                match code {
                    0 => history.push_str("below"),
                    NOT_ASSESSED => history.push_str("not-assessed"),
                    c => history.push_str(&fw.levels()[usize::from(c) - 1].id),
                }
            }
            history.push('\n');
            count += 1;
        }
    }
    (history, count)
}
