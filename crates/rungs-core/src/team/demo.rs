//! A demo organization: a realistic, fictional roster and assessment history for any framework,
//! the same for the same seed.
//!
//! The organization is built from the framework's own rules, bottom-up. Individual contributors
//! are spread over the levels below the manager track; the first-line managers are enough for
//! them at the middle of their span-of-control rule; each higher management level has about four
//! reports each; one person sits at the top. A few managers draw extra reports (spans too wide),
//! a few are paid outside their band, some managers rate leniently or harshly, and several years
//! of assessments show people growing and being promoted.

use std::fmt::Write as _;

use super::roster::ROSTER_COLUMNS;
use crate::date::Date;
use crate::eval::{Evaluator, NOT_ASSESSED};
use crate::framework::{Framework, LevelPos, MoveKind};
use crate::rng::SplitMix64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub people: usize,
    pub seed: u64,
    /// Assessment cycles, six months apart, alternating manager and self assessments.
    pub cycles: usize,
    /// The day of the last cycle (assessments fall in the two weeks before it).
    pub as_of: Date,
    /// The company stage for pay; the framework's middle stage when absent.
    pub stage: Option<String>,
}

/// The demo as CSV files: the roster and the assessment history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    pub roster_csv: String,
    pub history_csv: String,
    pub people: usize,
    pub assessments: usize,
}

const FIRST: [&str; 48] = [
    "Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jae", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen", "Xavi",
    "Yara", "Zane", "Amara", "Bram", "Carmen", "Dmitri", "Esme", "Farid", "Greta", "Hiro", "Ivo",
    "Jana", "Kai", "Lior", "Maya", "Nils", "Oona", "Pavel", "Rahel", "Sven", "Tomás", "Ulla",
    "Wilf", "Zoë",
];
const LAST: [&str; 48] = [
    "Abara",
    "Berg",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Haddad",
    "Ibarra",
    "Jensen",
    "Kaur",
    "Larsen",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Sato",
    "Tanaka",
    "Usman",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Edwards",
    "Fischer",
    "Gomez",
    "Hughes",
    "Ito",
    "Jovanović",
    "Kim",
    "Lopez",
    "Moreau",
    "Novak",
    "Ortiz",
    "Park",
    "Reyes",
    "Silva",
    "Torres",
    "Uddin",
    "Vogel",
    "Walsh",
];
const TEAMS: [&str; 12] = [
    "Payments",
    "Growth",
    "Search",
    "Checkout",
    "Platform",
    "Mobile",
    "Ads",
    "Onboarding",
    "Data",
    "Risk",
    "Marketplace",
    "Identity",
];
const PLACES: [&str; 8] = [
    "London",
    "Berlin",
    "New York",
    "Remote",
    "Lagos",
    "Singapore",
    "São Paulo",
    "Toronto",
];

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

struct Person {
    level: LevelPos,
    track: usize,
    manager: Option<usize>,
    name: String,
    /// How far ahead of their level they perform: -1, 0 or +1 rank.
    edge: i32,
    /// For managers: how their ratings lean (+1 lenient, -1 harsh, 0).
    bias: i32,
    rung_start: Date,
}

impl SplitMix64 {
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }
}

pub fn demo(fw: &Framework, opts: &DemoOptions) -> Demo {
    let mut rng = SplitMix64::new(opts.seed ^ 0x005E_ED0F_DE40);
    let ev = Evaluator::new(fw);
    let ladder: Vec<LevelPos> = fw.ladder().iter().map(|l| l.pos()).collect();
    // A framework has at least one level (the loader makes sure), so the ladder has a top.
    let top_track = fw
        .ladder()
        .last()
        .map(|l| l.track.clone())
        .unwrap_or_default();
    let manager_track = fw
        .team_shape()
        .balance
        .as_ref()
        .map(|b| b.track.clone())
        .unwrap_or(top_track);
    let managers: Vec<LevelPos> = ladder
        .iter()
        .copied()
        .filter(|&l| fw.level_at(l).track == manager_track)
        .collect();
    let ics: Vec<LevelPos> = ladder
        .iter()
        .copied()
        .filter(|&l| fw.level_at(l).track != manager_track)
        .collect();
    let span = |l: LevelPos| -> f64 {
        fw.span_rule(&fw.level_at(l).id).map_or(4.0, |r| {
            f64::from(r.min.unwrap_or(3) + r.max.unwrap_or(6)) / 2.0
        })
    };
    // How many hold each manager level, for a given number of individual contributors.
    let management = |ic_count: usize| -> Vec<usize> {
        let mut counts = Vec::new();
        let mut below = ic_count as f64;
        for (k, &l) in managers.iter().enumerate() {
            let n = if k + 1 == managers.len() {
                1.0
            } else {
                (below / span(l)).ceil().max(1.0)
            };
            counts.push(n as usize);
            below = n;
        }
        counts
    };
    let total = opts.people.max(managers.len() + 1);
    let mut ic_count = total.saturating_sub(managers.len());
    while ic_count > 0 && ic_count + management(ic_count).iter().sum::<usize>() > total {
        ic_count -= 1;
    }
    let mgr_counts = management(ic_count);
    let ic_count = total - mgr_counts.iter().sum::<usize>();
    // Individual contributors over their levels: fewer at the entry rung and at the top.
    let weights: Vec<f64> = (0..ics.len())
        .map(|i| {
            if i + 1 == ics.len() && ics.len() > 2 {
                0.5
            } else if i == 0 {
                1.0
            } else {
                2.0
            }
        })
        .collect();
    let weight_sum: f64 = weights.iter().sum();
    let mut ic_counts: Vec<usize> = weights
        .iter()
        .map(|w| (w / weight_sum * ic_count as f64).floor() as usize)
        .collect();
    let assigned: usize = ic_counts.iter().sum();
    if let Some(middle) = ic_counts.get_mut(ics.len() / 2) {
        *middle += ic_count - assigned;
    }

    let stages = fw
        .compensation()
        .map(|c| c.stages.clone())
        .unwrap_or_default();
    let stage = opts
        .stage
        .clone()
        .filter(|s| stages.iter().any(|x| &x.id == s))
        .or_else(|| stages.get(stages.len() / 2).map(|s| s.id.clone()));
    let trunk = fw.tracks().iter().position(|t| t.shared);
    let branches: Vec<usize> = (0..fw.tracks().len())
        .filter(|&t| Some(t) != trunk)
        .collect();

    // People, managers first from the top down, then individual contributors from the top down.
    let mut people: Vec<Person> = Vec::with_capacity(total);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); fw.levels().len()];
    let make = |rng: &mut SplitMix64, level: LevelPos| {
        let first = FIRST[rng.below(FIRST.len())];
        let last = LAST[rng.below(LAST.len())];
        let track_id = &fw.level_at(level).track;
        let own = fw.track_index(track_id).unwrap_or(0);
        // Half the people on the trunk's top rung have chosen a branch to aim for.
        let top_of_trunk = Some(own) == trunk
            && !ladder.iter().any(|&l| {
                Some(fw.track_index(&fw.level_at(l).track).unwrap_or(0)) == trunk
                    && fw.level_at(l).rank > fw.level_at(level).rank
            });
        let track = if top_of_trunk && !branches.is_empty() && rng.chance(0.5) {
            branches[rng.below(branches.len())]
        } else {
            own
        };
        let edge = match rng.below(10) {
            0 => -1,
            1..=6 => 0,
            _ => 1,
        };
        let bias = match rng.below(12) {
            0 => 1,
            1 => -1,
            _ => 0,
        };
        let years = fw
            .level_at(level)
            .years_on_rung
            .as_ref()
            .map_or(3.0, |y| y.max.unwrap_or(y.min * 1.5));
        let days = (rng.next_f64() * years * 1.35 * 365.25) as i32;
        Person {
            level,
            track,
            manager: None,
            name: format!("{first} {last}"),
            edge,
            bias,
            rung_start: Date::from_days(opts.as_of.days() - days),
        }
    };
    for (k, &l) in managers.iter().enumerate().rev() {
        for _ in 0..mgr_counts[k] {
            let p = make(&mut rng, l);
            by_level[l.index()].push(people.len());
            people.push(p);
        }
    }
    for (i, &l) in ics.iter().enumerate().rev() {
        for _ in 0..ic_counts[i] {
            let p = make(&mut rng, l);
            by_level[l.index()].push(people.len());
            people.push(p);
        }
    }
    // Reporting lines: each person to a manager of the lowest manager level above their rank,
    // choosing the less loaded of two at random (so spans even out), except that a few managers
    // are "magnets" who draw extra reports.
    let mut load = vec![0usize; people.len()];
    let mut magnet: Vec<bool> = (0..people.len()).map(|_| rng.chance(0.06)).collect();
    // At least one first-line manager draws extra reports, so every demo has a span to fix.
    if let Some(&first) = managers.first().and_then(|&l| by_level[l.index()].first()) {
        magnet[first] = true;
    }
    // Each magnet first takes a few more reports than its level's rule allows.
    let mut quota: Vec<usize> = (0..people.len())
        .map(|m| {
            let max = fw
                .span_rule(&fw.level_at(people[m].level).id)
                .and_then(|r| r.max)
                .map_or(6, |x| x as usize);
            if magnet[m] { max + 1 + rng.below(3) } else { 0 }
        })
        .collect();
    let mut cursor = vec![0usize; fw.levels().len()];
    for person in &mut people {
        let rank = fw.level_at(person.level).rank;
        let Some(&boss_level) = managers
            .iter()
            .find(|&&m| fw.level_at(m).rank > rank && !by_level[m.index()].is_empty())
        else {
            continue;
        };
        let pool = &by_level[boss_level.index()];
        let cursor = &mut cursor[boss_level.index()];
        // Magnets fill their quota first, in order: a cursor per level keeps this linear.
        while *cursor < pool.len() && quota[pool[*cursor]] == 0 {
            *cursor += 1;
        }
        if let Some(&m) = pool.get(*cursor) {
            quota[m] -= 1;
            person.manager = Some(m);
            load[m] += 1;
            continue;
        }
        let (a, b) = (pool[rng.below(pool.len())], pool[rng.below(pool.len())]);
        let weighted = |x: usize| {
            if magnet[x] {
                load[x] as f64 / 2.5
            } else {
                load[x] as f64
            }
        };
        let boss = if weighted(a) <= weighted(b) { a } else { b };
        person.manager = Some(boss);
        load[boss] += 1;
    }

    // The roster.
    let mut roster = ROSTER_COLUMNS.join(",");
    roster.push('\n');
    let id = |p: usize| format!("p-{:06}", p + 1);
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

    // The history: one assessment per person per cycle, six months apart, alternating between
    // the manager (most recent) and the person themselves.
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
            *shift = match rng.below(10) {
                0 => -1,
                1 => 1,
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
            let growth = person.edge - (back as i32) / 3;
            let rank = fw.level_at(held).rank as i32 + growth;
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
                    if rng.chance(if person.edge > 0 { 0.75 } else { 0.25 }) {
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
                let mut r = rank + area_shift[area];
                if rng.chance(0.15) {
                    r += if rng.chance(0.5) { 1 } else { -1 };
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
    Demo {
        roster_csv: roster,
        history_csv: history,
        people: people.len(),
        assessments: count,
    }
}
