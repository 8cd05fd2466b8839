//! The team report on a demo organization of 100,000 people with 20 competencies each and two
//! assessments per person: loading the roster and history, against reading the same bytes with
//! a plain CSV parser, and the analytics after loading.
//!
//! Run: `cargo bench -p rungs-core --bench team`. The figures go in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rungs_core::framework;
use rungs_core::team::{
    DemoOptions, History, ReportOptions, demo, load_history_csv, load_roster, report,
};

const PEOPLE: usize = 100_000;

fn team(c: &mut Criterion) {
    let fw = framework::builtin();
    let as_of = "2026-11-01".parse().expect("a date");
    let d = demo(
        fw,
        &DemoOptions {
            people: PEOPLE,
            seed: 1,
            cycles: 2,
            as_of,
            stage: None,
        },
    );
    eprintln!(
        "demo: {} people, {} assessments; roster {} MB, history {} MB",
        d.people,
        d.assessments,
        d.roster_csv.len() >> 20,
        d.history_csv.len() >> 20
    );
    let (roster_bytes, history_bytes) = (d.roster_csv.as_bytes(), d.history_csv.as_bytes());
    let load = || {
        let roster = load_roster("roster.csv", roster_bytes, fw)
            .expect("the demo roster loads")
            .roster;
        let mut history = History::new(fw);
        load_history_csv("history.csv", history_bytes, fw, &roster, &mut history)
            .expect("the demo history loads");
        history.sort();
        (roster, history)
    };

    let mut group = c.benchmark_group("team_100k");
    group.sample_size(10);
    group.bench_function("plain_csv_read", |b| {
        b.iter(|| {
            let mut fields = 0usize;
            for bytes in [roster_bytes, history_bytes] {
                let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
                let mut record = csv::ByteRecord::new();
                while reader.read_byte_record(&mut record).unwrap_or(false) {
                    fields += record.len();
                }
            }
            black_box(fields)
        });
    });
    group.bench_function("load_roster_and_history", |b| b.iter(|| black_box(load())));
    let (roster, history) = load();
    let opts = ReportOptions {
        as_of,
        since: rungs_core::Date::from_days(as_of.days() - 365),
    };
    group.bench_function("analytics", |b| {
        b.iter(|| black_box(report(fw, &roster, &history, opts)))
    });
    group.finish();
}

criterion_group!(benches, team);
criterion_main!(benches);
