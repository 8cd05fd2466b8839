//! Evaluating assessments in bulk: the level rule and the readiness tier for the next level, for
//! 1,000,000 assessments of the default framework's 20 competencies, on one core.
//!
//! Run: `cargo bench -p rungs-core --bench evaluate`. The figure goes in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rungs_core::eval::{Evaluator, NOT_ASSESSED, Profile};
use rungs_core::framework;

const ASSESSMENTS: usize = 1_000_000;

/// A deterministic, realistic spread of profiles: each person centred on a level with ratings
/// a rank either side, a few below or not assessed, on a random track; and how many of the
/// next step's milestones they have met.
fn profiles(levels: usize, tracks: usize) -> Vec<(Profile, usize)> {
    let mut state: u64 = 0x5EED;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..ASSESSMENTS)
        .map(|_| {
            let centre = (next() % levels as u64) as i64 + 1;
            let codes = (0..20)
                .map(|_| match next() % 20 {
                    0 => NOT_ASSESSED,
                    n => (centre + (n % 3) as i64 - 1).clamp(0, levels as i64) as u8,
                })
                .collect();
            (
                Profile {
                    track: (next() % tracks as u64) as usize,
                    codes,
                },
                (next() % 9) as usize,
            )
        })
        .collect()
}

fn evaluate(c: &mut Criterion) {
    let fw = framework::builtin();
    let ev = Evaluator::new(fw);
    let data = profiles(fw.levels().len(), fw.tracks().len());
    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(ASSESSMENTS as u64));
    group.sample_size(10);
    group.bench_function("level_and_readiness_1m_x_20", |b| {
        b.iter(|| {
            let mut tiers = [0usize; 8];
            for (profile, met) in &data {
                let rank = ev.rank(profile).unwrap_or(0);
                // Readiness for the next rung on the person's track, with 8 milestones on the way.
                let Some(target) = ev.level_at(profile.track, rank.saturating_add(1)) else {
                    continue;
                };
                let tier = ev.readiness_tier(profile, target, 8 - (*met).min(8), 8);
                tiers[tier.min(7)] += 1;
            }
            black_box(tiers)
        });
    });
    group.finish();
}

criterion_group!(benches, evaluate);
criterion_main!(benches);
