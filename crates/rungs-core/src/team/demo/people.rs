//! The demo's people: how many at each level, who they are, and whom each reports to.

use super::{FIRST, LAST, Person};
use crate::date::Date;
use crate::framework::{Framework, LevelPos};
use crate::rng::SplitMix64;

use super::DemoOptions;

/// How many people hold each level: managers enough for the individual contributors at the
/// middle of their span rule, one at the top.
pub(super) struct Shape {
    pub(super) ladder: Vec<LevelPos>,
    /// The management levels, lowest first.
    pub(super) managers: Vec<LevelPos>,
    /// The individual contributors' levels, lowest first.
    pub(super) ics: Vec<LevelPos>,
    pub(super) mgr_counts: Vec<usize>,
    pub(super) ic_counts: Vec<usize>,
    pub(super) total: usize,
}

impl Shape {
    pub(super) fn of(fw: &Framework, people: usize) -> Shape {
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
        let total = people.max(managers.len() + 1);
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
        Shape {
            ladder,
            managers,
            ics,
            mgr_counts,
            ic_counts,
            total,
        }
    }
}

/// Everyone, managers first from the top down, then individual contributors from the top
/// down; and who holds each level.
pub(super) fn hire(
    fw: &Framework,
    opts: &DemoOptions,
    shape: &Shape,
    rng: &mut SplitMix64,
) -> (Vec<Person>, Vec<Vec<usize>>) {
    let trunk = fw.tracks().iter().position(|t| t.shared);
    let branches: Vec<usize> = (0..fw.tracks().len())
        .filter(|&t| Some(t) != trunk)
        .collect();

    let mut people: Vec<Person> = Vec::with_capacity(shape.total);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); fw.levels().len()];
    let make = |rng: &mut SplitMix64, level: LevelPos| {
        // Two draws once spent on a name (now given by `name_uniquely`), kept so that the
        // same seed still gives the same organization.
        rng.below(FIRST.len());
        rng.below(LAST.len());
        let track_id = &fw.level_at(level).track;
        let own = fw.track_index(track_id).unwrap_or(0);
        // Half the people on the trunk's top rung have chosen a branch to aim for.
        let top_of_trunk = Some(own) == trunk
            && !shape.ladder.iter().any(|&l| {
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
            name: String::new(),
            edge,
            bias,
            rung_start: Date::from_days(opts.as_of.days() - days),
        }
    };
    for (k, &l) in shape.managers.iter().enumerate().rev() {
        for _ in 0..shape.mgr_counts[k] {
            let p = make(rng, l);
            by_level[l.index()].push(people.len());
            people.push(p);
        }
    }
    for (i, &l) in shape.ics.iter().enumerate().rev() {
        for _ in 0..shape.ic_counts[i] {
            let p = make(rng, l);
            by_level[l.index()].push(people.len());
            people.push(p);
        }
    }
    name_uniquely(&mut people, opts.seed);
    (people, by_level)
}

/// Gives everyone a name no one else in the demo has: first-and-last pairs in a shuffled order
/// while they last (2,304), then double-barrelled surnames (over 100,000 more), then numbered.
/// Its own random stream, so the rest of the demo is the same as it was.
fn name_uniquely(people: &mut [Person], seed: u64) {
    let mut rng = SplitMix64::new(seed ^ 0x0000_0A3E_5EED);
    let (f, l) = (FIRST.len(), LAST.len());
    let mut pairs: Vec<usize> = (0..f * l).collect();
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, rng.below(i + 1));
    }
    let doubles = f * l * (l - 1);
    // A step coprime with the number of double-barrelled names visits each once.
    let step = (1..)
        .map(|k| doubles / 3 + k)
        .find(|&k| gcd(k, doubles) == 1)
        .unwrap_or(1);
    for (i, person) in people.iter_mut().enumerate() {
        person.name = if let Some(&pair) = pairs.get(i) {
            format!("{} {}", FIRST[pair / l], LAST[pair % l])
        } else if i - pairs.len() < doubles {
            let k = ((i - pairs.len()) * step) % doubles;
            let (first, rest) = (k / (l * (l - 1)), k % (l * (l - 1)));
            let (a, mut b) = (rest / (l - 1), rest % (l - 1));
            if b >= a {
                b += 1;
            }
            format!("{} {}-{}", FIRST[first], LAST[a], LAST[b])
        } else {
            format!("Person {}", i + 1)
        };
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Reporting lines: each person to a manager of the lowest manager level above their rank,
/// choosing the less loaded of two at random (so spans even out), except that a few managers
/// are "magnets" who draw extra reports.
pub(super) fn report_lines(
    fw: &Framework,
    managers: &[LevelPos],
    people: &mut [Person],
    by_level: &[Vec<usize>],
    rng: &mut SplitMix64,
) {
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
    for person in people.iter_mut() {
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
}
