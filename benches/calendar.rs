//! Benchmark of the calendar and deadline engine: 1,000,000 due dates of mixed units, lengths and
//! start dates (inside and outside the built-in years), timed with `std::time::Instant`; prints
//! the median of repeated runs. Run with `cargo bench --bench calendar`.
#![allow(
    clippy::unwrap_used,
    reason = "fixed, valid inputs; a failure should stop the bench"
)]

mod common;

use std::time::Duration;

use chrono::{Datelike, Days, NaiveDate};
use weiquan::core::calendar::Calendar;
use weiquan::core::deadline::{
    PeriodId, PeriodLength, PeriodUnit, Readings, compute, compute_span, compute_with_trace,
};

const DUE_DATES: usize = 1_000_000;
const RUNS: usize = 7;

/// A fixed linear congruential sequence, so every run and every machine times the same inputs.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn median_of_runs(run: impl FnMut() -> u64) -> Duration {
    common::median_of_runs(RUNS, 0, run)
}

fn report(name: &str, count: usize, median: Duration) {
    let per = median.as_nanos() as f64 / count as f64;
    println!(
        "{name}: {count} in {:.1} ms (median of {RUNS} runs), {per:.1} ns each",
        median.as_secs_f64() * 1e3
    );
}

fn main() {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let first = NaiveDate::from_ymd_opt(2019, 7, 1).unwrap();
    let mut lcg = Lcg(0x5eed);

    // Mixed inputs: starts from mid-2019 to mid-2029 (so about a third reach unknown years and
    // are marked provisional), both units, 90% of lengths 0..=60 and 10% up to 3650.
    let spans: Vec<(NaiveDate, PeriodUnit, PeriodLength)> = (0..DUE_DATES)
        .map(|_| {
            let start = first + Days::new(lcg.below(3653));
            let unit = if lcg.below(2) == 0 {
                PeriodUnit::WorkingDays
            } else {
                PeriodUnit::CalendarDays
            };
            let days = if lcg.below(10) == 0 {
                lcg.below(3651)
            } else {
                lcg.below(61)
            };
            (
                start,
                unit,
                PeriodLength::new(u16::try_from(days).unwrap()).unwrap(),
            )
        })
        .collect();
    let due_sum = |due: NaiveDate| u64::try_from(due.num_days_from_ce()).unwrap_or(0);

    let median = median_of_runs(|| {
        spans
            .iter()
            .map(|&(start, unit, length)| {
                let deadline = compute_span(&calendar, unit, length, start, &readings).unwrap();
                due_sum(deadline.due)
            })
            .sum()
    });
    report(
        "compute_span, mixed units/lengths/starts 2019-2029",
        DUE_DATES,
        median,
    );

    let known: Vec<(NaiveDate, PeriodUnit, PeriodLength)> = (0..DUE_DATES)
        .map(|_| {
            let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(lcg.below(2500));
            let unit = if lcg.below(2) == 0 {
                PeriodUnit::WorkingDays
            } else {
                PeriodUnit::CalendarDays
            };
            let length = PeriodLength::new(u16::try_from(lcg.below(61)).unwrap()).unwrap();
            (start, unit, length)
        })
        .collect();
    let median = median_of_runs(|| {
        known
            .iter()
            .map(|&(start, unit, length)| {
                due_sum(
                    compute_span(&calendar, unit, length, start, &readings)
                        .unwrap()
                        .due,
                )
            })
            .sum()
    });
    report(
        "compute_span, lengths 0-60 inside 2020-2026",
        DUE_DATES,
        median,
    );

    let periods: Vec<(PeriodId, NaiveDate)> = (0..DUE_DATES)
        .map(|_| {
            let period = PeriodId::ALL[usize::try_from(lcg.below(6)).unwrap()];
            (period, first + Days::new(lcg.below(3653)))
        })
        .collect();
    let median = median_of_runs(|| {
        periods
            .iter()
            .map(|&(period, start)| {
                due_sum(compute(&calendar, period, start, &readings).unwrap().due)
            })
            .sum()
    });
    report(
        "compute, the six periods of the 细则, starts 2019-2029",
        DUE_DATES,
        median,
    );

    const TRACES: usize = 10_000;
    let median = median_of_runs(|| {
        (0..TRACES)
            .map(|i| {
                let start = first + Days::new(u64::try_from(i).unwrap() % 3653);
                let traced =
                    compute_with_trace(&calendar, PeriodId::Extension, start, &readings).unwrap();
                u64::try_from(traced.phases[0].steps.len()).unwrap()
            })
            .sum()
    });
    report(
        "compute_with_trace, extension (about 60 traced days)",
        TRACES,
        median,
    );

    let median = median_of_runs(|| {
        (0..DUE_DATES)
            .map(|_| u64::from(Calendar::builtin().is_working_day(first)))
            .sum()
    });
    report("Calendar::builtin(), repeated", DUE_DATES, median);
}
