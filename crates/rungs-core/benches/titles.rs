//! Levelling job titles in bulk: 1,000,000 titles of a realistic mix, on one core.
//!
//! Run: `cargo bench -p rungs-core --bench titles`. The figure goes in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rungs_core::framework;
use rungs_core::titles::{Kind, Leveller, Scratch};

const TITLES: usize = 1_000_000;

/// The project's test set of real-world titles, each also written the ways titles appear in
/// exports: with a team, a company, a location tag.
fn mix() -> Vec<String> {
    let base: Vec<String> = include_str!("../tests/it/fixtures/titles.csv")
        .lines()
        .skip(1)
        .map(|line| {
            // The title is the first CSV field, quoted when it holds a comma.
            match line.strip_prefix('"') {
                Some(rest) => rest.split('"').next().unwrap_or_default().to_owned(),
                None => line.split(',').next().unwrap_or_default().to_owned(),
            }
        })
        .collect();
    let dressings = [
        "",
        ", Payments",
        " - Checkout",
        " (Remote)",
        " at Acme Corp",
        ", Growth | London",
        " - Platform (Hybrid)",
        " @ Initech",
    ];
    (0..TITLES)
        .map(|i| {
            format!(
                "{}{}",
                base[i % base.len()],
                dressings[(i / base.len()) % dressings.len()]
            )
        })
        .collect()
}

fn titles(c: &mut Criterion) {
    let fw = framework::builtin();
    let leveller = Leveller::new(fw, None);
    let titles = mix();
    let mut group = c.benchmark_group("titles");
    group.throughput(Throughput::Elements(TITLES as u64));
    group.sample_size(10);
    group.bench_function("level_1m_titles", |b| {
        let mut scratch = Scratch::default();
        b.iter(|| {
            let mut counts = [0usize; 3];
            for t in &titles {
                let l = leveller.level(t, &mut scratch);
                counts[match l.kind {
                    Kind::Level => 0,
                    Kind::NotPm => 1,
                    Kind::Ambiguous => 2,
                }] += 1;
            }
            black_box(counts)
        });
    });
    group.finish();
}

criterion_group!(benches, titles);
criterion_main!(benches);
