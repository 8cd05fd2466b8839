//! What one evaluate request costs the server apart from HTTP: reading the assessment JSON,
//! applying the level rule with its explanation, and writing the answer, stage by stage.
//!
//! Run: `cargo bench -p rungs-core --bench one_assessment`. See docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use rungs_core::eval::{Assessed, Evaluator};
use rungs_core::{Format, assessment, framework};

fn one_assessment(c: &mut Criterion) {
    let fw = framework::builtin();
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/ada-manager.json"
    ))
    .expect("the example assessment");
    let read = || {
        assessment::load_as("assessment.json", &body, Format::Json, fw)
            .expect("loads")
            .assessment
    };
    let a = read();
    let ev = Evaluator::new(fw);
    let outcome = ev.outcome(&a);
    let answer = |outcome| Assessed {
        person: &a.person,
        date: a.date.to_string(),
        assessor: &a.assessor,
        outcome,
        versus: None,
    };
    let mut group = c.benchmark_group("one_assessment");
    group.bench_function("read_json", |b| b.iter(|| black_box(read())));
    group.bench_function("evaluator", |b| b.iter(|| black_box(Evaluator::new(fw))));
    group.bench_function("outcome", |b| b.iter(|| black_box(ev.outcome(&a))));
    group.bench_function("write_json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 10);
            serde_json::to_writer(&mut out, &answer(&outcome)).expect("writes");
            black_box(out)
        })
    });
    group.bench_function("all", |b| {
        b.iter(|| {
            let a = read();
            let ev = Evaluator::new(fw);
            let outcome = ev.outcome(&a);
            let answer = Assessed {
                person: &a.person,
                date: a.date.to_string(),
                assessor: &a.assessor,
                outcome: &outcome,
                versus: None,
            };
            let mut out = Vec::with_capacity(8 << 10);
            serde_json::to_writer(&mut out, &answer).expect("writes");
            black_box(out)
        })
    });
    group.finish();
}

criterion_group!(benches, one_assessment);
criterion_main!(benches);
