//! Benchmark of deadline derivation from case histories: what the dashboard and every case
//! save do for each case (`open_deadlines`, `next_due`), reading a stored case back from its
//! JSON, and applying one event. Cases at six points of the procedure (just received, under
//! review, investigating, investigating with the 第三十二条 extension, findings notified with the
//! review period running, review requested), built through the core as the app builds them.
//! Timed with `std::time::Instant`; prints the median of repeated runs. Run with
//! `cargo bench --bench workflow`.

mod common;

use std::time::Duration;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use weiquan::core::calendar::{Calendar, MakeUpDays};
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::workflow::{
    Case, Determination, Env, Event, ExtensionGround, NewEvent, next_due, open_deadlines,
};

const RUNS: usize = 9;
/// How many cases a run derives deadlines for: an office with years of cases.
const CASES: usize = 10_000;

fn median_of_runs(run: impl FnMut() -> usize) -> Duration {
    common::median_of_runs(RUNS, 0, run)
}

fn report(name: &str, count: usize, median: Duration) {
    common::report_each(name, count, RUNS, median);
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// A case received on `received` and taken through `events`, one working day apart.
fn build(id: &str, received: NaiveDate, events: Vec<Event>) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "王建国".into(),
        officer_badge: "330402".into(),
        officer_unit: "南湖区分局".into(),
        harmed: "self".into(),
        incident_date: (received - Days::new(1)).to_string(),
        incident_time: "21:30".into(),
        incident_place: "嘉兴市南湖区".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "none".into(),
        summary: "盘查时被推搡，执法记录仪被抢夺。".into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, received).unwrap_or_else(|issues| panic!("{id}: {issues:?}"));
    let mut case = Case::open(
        CaseId::new(id).unwrap_or_else(|e| panic!("{id}: {e}")),
        facts,
        at(received, 9),
        "李四",
        "",
        at(received, 10),
    )
    .unwrap_or_else(|e| panic!("{id}: {e}"));
    let mut day = received;
    for event in events {
        day = calendar
            .add_working_days(day, 1, MakeUpDays::default())
            .unwrap_or(day);
        let entry = NewEvent {
            at: at(day, 10),
            actor: "李四".into(),
            event,
            note: String::new(),
        };
        case = case
            .apply(entry, &env, at(day, 11))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    case
}

fn findings() -> Event {
    Event::FindingsApproved {
        determinations: vec![Determination::DutyInfringed],
        summary: "经调查核实，民警依法履职。".into(),
    }
}

/// Six cases, one at each point of the procedure where periods run.
fn cases(received: NaiveDate) -> Vec<Case> {
    let review = || vec![Event::ReportedToCommittee, Event::CommitteeConsented];
    let investigating = || {
        let mut e = review();
        e.extend([Event::Accepted, Event::InvestigationApproved]);
        e
    };
    let extended = || {
        let mut e = investigating();
        e.push(Event::ExtensionApproved {
            grounds: vec![ExtensionGround::Complex],
        });
        e
    };
    let notified = || {
        let mut e = investigating();
        e.extend([
            Event::InvestigationCompleted {
                summary: "调取执法记录仪视频，询问证人三名。".into(),
            },
            findings(),
            Event::ApplicantNotified,
        ]);
        e
    };
    let review_requested = || {
        let mut e = notified();
        e.push(Event::ReviewRequested);
        e
    };
    vec![
        build("WQ-BENCH-RECEIVED", received, Vec::new()),
        build("WQ-BENCH-REVIEW", received, review()),
        build("WQ-BENCH-INVESTIGATING", received, investigating()),
        build("WQ-BENCH-EXTENDED", received, extended()),
        build("WQ-BENCH-NOTIFIED", received, notified()),
        build("WQ-BENCH-ASKED", received, review_requested()),
    ]
}

fn main() {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    // Received just before National Day 2026, so the periods cross the holiday.
    let received = NaiveDate::from_ymd_opt(2026, 9, 24).unwrap_or_default();
    let today = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
    let sample = cases(received);
    let history: usize = sample.iter().map(|c| c.history().len()).sum();
    println!(
        "{} sample cases, {history} history entries in all, cycled to {CASES} cases",
        sample.len()
    );

    report(
        "open_deadlines, every running period of a case with its count",
        CASES,
        median_of_runs(|| {
            (0..CASES)
                .map(|i| {
                    open_deadlines(&sample[i % sample.len()], &calendar, &readings, today).len()
                })
                .sum::<usize>()
        }),
    );
    report(
        "next_due, the soonest due date stored with each case (by_next_due)",
        CASES,
        median_of_runs(|| {
            (0..CASES)
                .filter_map(|i| next_due(&sample[i % sample.len()], &calendar, &readings, today))
                .count()
        }),
    );
    let texts: Vec<String> = sample
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "a stored case is {} bytes of JSON on average",
        bytes / texts.len()
    );
    report(
        "read a case back from its stored JSON",
        CASES,
        median_of_runs(|| {
            (0..CASES)
                .filter_map(|i| serde_json::from_str::<Case>(&texts[i % texts.len()]).ok())
                .count()
        }),
    );
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let investigating = &sample[2];
    report(
        "apply one event (the 第三十二条 extension) to an investigating case",
        CASES,
        median_of_runs(|| {
            (0..CASES)
                .filter(|_| {
                    let entry = NewEvent {
                        at: at(today, 10),
                        actor: "李四".into(),
                        event: Event::ExtensionApproved {
                            grounds: vec![ExtensionGround::Complex],
                        },
                        note: String::new(),
                    };
                    investigating
                        .clone()
                        .apply(entry, &env, at(today, 11))
                        .is_ok()
                })
                .count()
        }),
    );
}
