//! Two tabs saving at once (issue 8): two connections to one database, as two tabs hold, each
//! saving 500 times, half to a case both edit and half to a case of its own. A save refused as
//! stale is re-read and retried, as the case page does. Nothing confirmed may be lost or written
//! twice, and no save may overwrite another.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::workflow::{Case, Env, Event, NewEvent};
use weiquan::store::{Db, SCHEMA_VERSION, StoreError, cases};

const SAVES_PER_TAB: usize = 500;
const NAME: &str = "t-two-tabs";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn new_case(id: &str) -> Case {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "张三".into(),
        officer_badge: "123456".into(),
        officer_unit: "南湖区分局解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-09-20".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "on_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["insult".into()],
        injury: "none".into(),
        summary: "盘查时被辱骂".into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, NaiveDate::from_ymd_opt(2026, 9, 25).unwrap())
        .unwrap_or_else(|issues| panic!("{issues:?}"));
    Case::open(
        CaseId::new(id).unwrap(),
        facts,
        at("2026-09-21 09:00"),
        "李四",
        "",
        at("2026-09-21 09:05"),
    )
    .unwrap()
}

/// What one tab did: the notes it saved (each confirmed once) and the stale refusals it met.
struct TabLog {
    confirmed: Vec<String>,
    stale: usize,
}

/// One tab: `SAVES_PER_TAB` saves, alternating between the shared case and its own case. Each
/// save re-reads the case, appends a correction note, and saves on the revision it read.
async fn tab(db: Db, name: &'static str, own: &'static str) -> TabLog {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let mut log = TabLog {
        confirmed: Vec::new(),
        stale: 0,
    };
    for i in 0..SAVES_PER_TAB {
        let id = if i % 2 == 0 { "WQ-SHARED" } else { own };
        let note = format!("{name}-{i}");
        loop {
            let case = cases::get(&db, id).await.unwrap().unwrap();
            let when = at("2026-09-22 09:00") + Duration::seconds(i as i64);
            let next = case
                .apply(
                    NewEvent {
                        at: when,
                        actor: name.into(),
                        event: Event::Correction {
                            seq: 1,
                            corrected_at: None,
                            reason: note.clone(),
                        },
                        note: String::new(),
                    },
                    &env,
                    when,
                )
                .unwrap();
            match cases::save(&db, &next, case.revision(), None).await {
                Ok(()) => {
                    log.confirmed.push(note);
                    break;
                }
                Err(StoreError::Stale { .. }) => log.stale += 1,
                Err(e) => panic!("{name}: save {i} failed: {e}"),
            }
        }
    }
    db.close();
    log
}

fn notes(case: &Case) -> Vec<String> {
    case.history()
        .iter()
        .filter_map(|r| match &r.kind {
            Event::Correction { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn two_tabs_saving_500_times_each_lose_and_overwrite_nothing() {
    Db::delete_named(NAME).await.unwrap();
    let open = || Db::open_named(NAME, SCHEMA_VERSION, || panic!("blocked"), || {});
    let setup = open().await.unwrap();
    for id in ["WQ-SHARED", "WQ-TAB-A", "WQ-TAB-B"] {
        cases::create(&setup, &new_case(id), None, None)
            .await
            .unwrap();
    }
    setup.close();

    let (a, b) = futures::join!(
        tab(open().await.unwrap(), "A", "WQ-TAB-A"),
        tab(open().await.unwrap(), "B", "WQ-TAB-B"),
    );
    assert_eq!(a.confirmed.len(), SAVES_PER_TAB);
    assert_eq!(b.confirmed.len(), SAVES_PER_TAB);

    let db = open().await.unwrap();
    let shared = cases::get(&db, "WQ-SHARED").await.unwrap().unwrap();
    let mut stored = notes(&shared);
    let mut expected: Vec<String> = a
        .confirmed
        .iter()
        .chain(&b.confirmed)
        .filter(|n| n.split('-').nth(1).unwrap().parse::<usize>().unwrap() % 2 == 0)
        .cloned()
        .collect();
    assert_eq!(
        stored.len(),
        SAVES_PER_TAB,
        "the shared case holds every confirmed save"
    );
    stored.sort();
    expected.sort();
    assert_eq!(stored, expected, "each confirmed save once, nothing else");
    // The history rows on disk agree with the case record: 1…revision, unbroken.
    let rows = cases::event_rows(&db, "WQ-SHARED").await.unwrap();
    assert_eq!(
        rows.iter().map(|r| r.seq).collect::<Vec<_>>(),
        (1..=shared.revision()).collect::<Vec<_>>()
    );
    for (id, log) in [("WQ-TAB-A", &a), ("WQ-TAB-B", &b)] {
        let own = cases::get(&db, id).await.unwrap().unwrap();
        let odd: Vec<String> = log
            .confirmed
            .iter()
            .filter(|n| n.split('-').nth(1).unwrap().parse::<usize>().unwrap() % 2 == 1)
            .cloned()
            .collect();
        assert_eq!(notes(&own), odd, "{id}: its tab's saves, in order");
        assert_eq!(
            cases::event_rows(&db, id).await.unwrap().len() as u32,
            own.revision()
        );
    }
    // The two tabs really did interleave: saves were refused as stale and retried, and it is
    // those refusals that kept the shared case whole.
    assert!(
        a.stale + b.stale > 0,
        "the tabs never overlapped ({} + {} stale)",
        a.stale,
        b.stale
    );
    db.close();
}
