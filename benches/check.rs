//! Library benchmark: one `Linter::check_bytes` of a PIS response next to a plain
//! `serde_json::from_slice` of the same bytes, for a 20-offer and a 300-offer response, with
//! offerlint's own parse (the first step of a check) alongside.
//!
//! The responses come from `bench/gen_pis.py` (deterministic), so the bytes are the same on
//! every run. `bench/run` runs this with a short measurement time and reads the medians from
//! `target/criterion`; BENCHMARKS.md has the figures.

// criterion's macros define public functions without doc comments.
#![allow(missing_docs)]

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use offerlint::{Format, Kind, Linter};

/// Runs the generator for a response with `offers` offers.
fn response(offers: usize) -> Vec<u8> {
    let output = Command::new("python3")
        .args(["bench/gen_pis.py", "doc", "--offers", &offers.to_string()])
        .output()
        .expect("python3 runs bench/gen_pis.py (run the benchmark from the crate root)");
    assert!(
        output.status.success(),
        "bench/gen_pis.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn check(c: &mut Criterion) {
    let linter = Linter::new().expect("the bundled schemas compile");
    for offers in [20, 300] {
        let bytes = response(offers);
        let name = format!("pis-{offers}-offers.json");
        let mut group = c.benchmark_group(format!("pis-{offers}-offers"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("offerlint-check", |b| {
            b.iter(|| {
                linter.check_bytes(
                    black_box(&name),
                    black_box(&bytes),
                    Format::Json,
                    Some(Kind::PisResponse),
                )
            });
        });
        // The span-keeping parse alone, to show how a check splits.
        let text = std::str::from_utf8(&bytes).expect("the generator writes UTF-8");
        group.bench_function("offerlint-parse", |b| {
            b.iter(|| offerlint::document::parse(black_box(text), Format::Json));
        });
        group.bench_function("serde_json-from_slice", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)));
        });
        group.finish();
    }
}

fn config() -> Criterion {
    // Short by default so `bench/run` stays well inside its time budget; criterion's own
    // command-line options (e.g. --measurement-time) still override these.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(50)
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = check
}
criterion_main!(benches);
