//! What the native benchmarks share: timing a closure over repeated runs and taking the median.
//! Each benchmark is its own binary (`harness = false`) that includes this file with
//! `mod common;`, so a binary that uses only part of it would warn about the rest: hence the
//! `allow(dead_code)`.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The median of `samples` (zero for none).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// Runs `run` `warm_up` times untimed, then `runs` times timed, and gives the median time.
/// Results pass through `black_box`, so the work cannot be optimised away.
pub fn median_of_runs<T>(runs: usize, warm_up: usize, mut run: impl FnMut() -> T) -> Duration {
    for _ in 0..warm_up {
        black_box(run());
    }
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                black_box(run());
                started.elapsed()
            })
            .collect(),
    )
}

/// Prints `count` items done in `median` (the median of `runs` runs), with the time per item
/// in microseconds.
pub fn report_each(name: &str, count: usize, runs: usize, median: Duration) {
    let per = median.as_nanos() as f64 / count as f64;
    println!(
        "{name}: {count} in {:.1} ms (median of {runs} runs), {:.2} µs each",
        median.as_secs_f64() * 1e3,
        per / 1e3
    );
}
