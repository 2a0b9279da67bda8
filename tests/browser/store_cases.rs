//! Cases in real IndexedDB: create and read back, the stale-revision refusal, the case and its
//! new history entries written together, duplicate ids and packages.

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::workflow::{Case, Env, Event, NewEvent};
use weiquan::store::{Db, SCHEMA_VERSION, StoreError, cases};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub(crate) fn sample_case(id: &str) -> Case {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "张<b>三</b>".into(),
        officer_badge: "123456".into(),
        officer_unit: "南湖区分局解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-09-20".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "on_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into(), "insult".into()],
        injury: "minor".into(),
        summary: "盘查时被推搡并辱骂".into(),
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

pub(crate) fn reported(case: &Case) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at("2026-09-21 10:00"),
        actor: "李四".into(),
        event: Event::ReportedToCommittee,
        note: "".into(),
    };
    case.apply(entry, &env, at("2026-09-21 10:05")).unwrap()
}

async fn fresh(name: &str) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_case_round_trips_with_its_history_and_index_fields() {
    let db = fresh("t-cases-roundtrip").await;
    let case = sample_case("WQ-2026-0001");
    cases::create(
        &db,
        &case,
        NaiveDate::from_ymd_opt(2026, 9, 24),
        Some("abc"),
    )
    .await
    .unwrap();
    assert_eq!(
        cases::get(&db, "WQ-2026-0001").await.unwrap(),
        Some(case.clone())
    );
    let records = cases::all_records(&db).await.unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].categories, vec!["assault", "insult"]);
    assert_eq!(records[0].officer_badge, "123456");
    assert_eq!(
        cases::event_rows(&db, "WQ-2026-0001").await.unwrap().len(),
        1
    );
    assert_eq!(
        cases::find_by_package(&db, "abc").await.unwrap().as_deref(),
        Some("WQ-2026-0001")
    );
    assert_eq!(cases::find_by_package(&db, "zzz").await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn a_second_case_with_the_same_id_is_refused() {
    let db = fresh("t-cases-dup").await;
    let case = sample_case("WQ-1");
    cases::create(&db, &case, None, None).await.unwrap();
    assert_eq!(
        cases::create(&db, &case, None, None).await,
        Err(StoreError::Duplicate("WQ-1".into()))
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_save_writes_the_case_and_its_new_history_entry_together() {
    let db = fresh("t-cases-save").await;
    let case = sample_case("WQ-2");
    cases::create(&db, &case, None, None).await.unwrap();
    let next = reported(&case);
    cases::save(&db, &next, case.revision(), None)
        .await
        .unwrap();
    assert_eq!(
        cases::get(&db, "WQ-2").await.unwrap().unwrap().revision(),
        next.revision()
    );
    let rows = cases::event_rows(&db, "WQ-2").await.unwrap();
    assert_eq!(rows.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2]);
    db.close();
}

#[wasm_bindgen_test]
async fn a_save_from_a_stale_revision_is_refused_and_changes_nothing() {
    let db = fresh("t-cases-stale").await;
    let case = sample_case("WQ-3");
    cases::create(&db, &case, None, None).await.unwrap();
    // Tab A saves first.
    let a = reported(&case);
    cases::save(&db, &a, case.revision(), None).await.unwrap();
    // Tab B still holds revision 1 and tries to save its own change.
    let b = reported(&case);
    assert_eq!(
        cases::save(&db, &b, case.revision(), None).await,
        Err(StoreError::Stale {
            current: a.revision()
        })
    );
    assert_eq!(cases::get(&db, "WQ-3").await.unwrap(), Some(a));
    assert_eq!(cases::event_rows(&db, "WQ-3").await.unwrap().len(), 2);
    db.close();
}

#[wasm_bindgen_test]
async fn saving_a_case_that_does_not_exist_is_refused() {
    let db = fresh("t-cases-missing").await;
    let case = sample_case("WQ-4");
    assert_eq!(
        cases::save(&db, &case, 1, None).await,
        Err(StoreError::NotFound("WQ-4".into()))
    );
    assert_eq!(cases::get(&db, "WQ-4").await.unwrap(), None);
    db.close();
}
