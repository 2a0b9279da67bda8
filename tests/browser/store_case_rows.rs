//! The derived `case_rows` store and the dashboard's index reads in real IndexedDB: a version 2
//! database with cases upgrades and gets a row per case; rows follow every create and save;
//! counts per state and the due-date candidates come through the indexes; stored due dates are
//! computed again when their basis changes; a restore keeps the rows in step.

use chrono::NaiveDate;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::backup::{RestoreMode, Write, plan_restore};
use weiquan::core::workflow::State;
use weiquan::store::backup::{self, shapes};
use weiquan::store::cases::{self, CaseRecord, row_of};
use weiquan::store::db::{STEP_1, STEP_2, STEP_3};
use weiquan::store::{Db, SCHEMA_VERSION};

use crate::store_cases::{reported, sample_case};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn fresh(name: &str) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap()
}

/// Asserts that `case_rows` holds exactly the row of every stored case record (`n` of them).
pub(crate) async fn assert_rows_match(db: &Db, n: usize) {
    let mut expected: Vec<_> = cases::all_records(db)
        .await
        .unwrap()
        .iter()
        .map(row_of)
        .collect();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rows = cases::all_rows(db).await.unwrap();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(rows.len(), n);
    assert_eq!(rows, expected);
}

#[wasm_bindgen_test]
async fn a_version_2_database_with_cases_gets_a_row_per_case_on_upgrade() {
    let name = "t-rows-upgrade";
    let v2 = fresh_at(name, 2).await;
    assert_eq!(v2.store_names().len(), STEP_1.len() + STEP_2.len());
    v2.close();
    // The cases as version 2 stored them, written straight into the old database.
    let mut records: Vec<CaseRecord> = (1..=3)
        .map(|n| {
            cases::to_record(
                &sample_case(&format!("WQ-U-{n}")),
                Some(day("2026-10-09")),
                None,
            )
            .unwrap()
        })
        .collect();
    records[2].case_json = "{不是案件".into();
    records[1].next_due = None;
    let raw = Database::open(name).with_version(2u32).await.unwrap();
    let tx = raw
        .transaction("cases")
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store("cases").unwrap();
    for r in &records {
        store.put(r).serde().unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
    raw.close();

    let db = Db::open_named(name, SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert!(db.store_names().contains(&STEP_3[0].name.to_owned()));
    assert_eq!(
        db.index_names("case_rows").unwrap(),
        vec!["by_next_due", "by_received", "by_updated"]
    );
    assert_rows_match(&db, 3).await;
    let rows = cases::all_rows(&db).await.unwrap();
    let first = rows.iter().find(|r| r.id == "WQ-U-1").unwrap();
    assert_eq!(first.officer_name, "张<b>三</b>");
    assert_eq!(first.summary, "盘查时被推搡并辱骂");
    assert_eq!(first.next_due.as_deref(), Some("2026-10-09"));
    assert_eq!(first.unreadable, None);
    let broken = rows.iter().find(|r| r.id == "WQ-U-3").unwrap();
    assert!(
        broken.unreadable.is_some(),
        "an unreadable case is reported, not dropped"
    );
    db.close();

    // Opening again does not rebuild (a row for every case).
    let again = Db::open_named(name, SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap();
    assert!(!cases::ensure_rows(&again).await.unwrap());
    again.close();
}

async fn fresh_at(name: &str, version: u32) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, version, || panic!("blocked"), || {})
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn rows_follow_every_create_and_save_and_a_refused_save_changes_no_row() {
    let db = fresh("t-rows-writes").await;
    let case = sample_case("WQ-R-1");
    cases::create(&db, &case, Some(day("2026-10-09")), None)
        .await
        .unwrap();
    assert_rows_match(&db, 1).await;
    let next = reported(&case);
    cases::save(&db, &next, case.revision(), None)
        .await
        .unwrap();
    assert_rows_match(&db, 1).await;
    let row = &cases::all_rows(&db).await.unwrap()[0];
    assert_eq!(row.state, "reported");
    assert_eq!(row.next_due, None);
    // A stale save is refused and leaves the row as it was.
    assert!(
        cases::save(
            &db,
            &reported(&case),
            case.revision(),
            Some(day("2030-01-01"))
        )
        .await
        .is_err()
    );
    assert_rows_match(&db, 1).await;
    assert_eq!(cases::all_rows(&db).await.unwrap()[0].next_due, None);
    // A second case with the same id is refused and adds no row.
    assert!(cases::create(&db, &case, None, None).await.is_err());
    assert_rows_match(&db, 1).await;
    db.close();
}

#[wasm_bindgen_test]
async fn the_dashboard_counts_by_state_and_reads_only_cases_due_within_the_window() {
    let db = fresh("t-rows-dashboard").await;
    let today = day("2026-10-01");
    // Due: overdue, inside the window, on its last day, just outside, far away, none.
    let dues = [
        Some("2026-09-20"),
        Some("2026-10-05"),
        Some("2026-11-01"),
        Some("2026-11-02"),
        Some("2027-03-01"),
        None,
    ];
    for (n, due) in dues.iter().enumerate() {
        let case = sample_case(&format!("WQ-C-{n}"));
        let case = if n % 2 == 1 { reported(&case) } else { case };
        cases::create(&db, &case, due.map(day), None).await.unwrap();
    }
    let (total, counts) = cases::state_counts(&db).await.unwrap();
    assert_eq!(total, 6);
    assert_eq!(counts, vec![(State::Received, 3), (State::Reported, 3)]);
    let mut ids: Vec<String> = cases::due_candidates(&db, today)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    ids.sort();
    assert_eq!(ids, vec!["WQ-C-0", "WQ-C-1", "WQ-C-2"]);
    // Exactly the cases the core's rule picks.
    for (n, due) in dues.iter().enumerate() {
        let picked = weiquan::core::dashboard::is_candidate(due.map(day), today);
        assert_eq!(picked, ids.contains(&format!("WQ-C-{n}")), "case {n}");
    }
    db.close();
}

#[wasm_bindgen_test]
async fn stored_due_dates_are_computed_again_under_a_new_basis() {
    let db = fresh("t-rows-recompute").await;
    // Stored under another calendar: far away, so the dashboard would not read it.
    let open = sample_case("WQ-N-1");
    cases::create(&db, &open, Some(day("2030-01-01")), None)
        .await
        .unwrap();
    let other = sample_case("WQ-N-2");
    cases::create(&db, &other, Some(day("2026-10-09")), None)
        .await
        .unwrap();
    assert_eq!(cases::due_basis(&db).await.unwrap(), None);
    let revision = cases::get_record(&db, "WQ-N-1")
        .await
        .unwrap()
        .unwrap()
        .revision;
    let changed = cases::recompute_next_due(&db, "basis-1", |_| Some(day("2026-10-09")))
        .await
        .unwrap();
    assert_eq!(changed, 1, "only the case whose date differs is written");
    let record = cases::get_record(&db, "WQ-N-1").await.unwrap().unwrap();
    assert_eq!(record.next_due.as_deref(), Some("2026-10-09"));
    assert_eq!(record.revision, revision, "not a change of the case");
    assert_rows_match(&db, 2).await;
    assert_eq!(
        cases::due_basis(&db).await.unwrap().as_deref(),
        Some("basis-1")
    );
    assert_eq!(
        cases::due_candidates(&db, day("2026-10-01"))
            .await
            .unwrap()
            .len(),
        2
    );
    // Nothing to do under the same dates; a running period that ended is cleared.
    assert_eq!(
        cases::recompute_next_due(&db, "basis-1", |_| Some(day("2026-10-09")))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        cases::recompute_next_due(&db, "basis-2", |_| None)
            .await
            .unwrap(),
        2
    );
    assert!(
        cases::due_candidates(&db, day("2026-10-01"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_rows_match(&db, 2).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_restore_keeps_the_rows_in_step_and_backups_leave_them_out() {
    let name = "t-rows-restore";
    let db = fresh(name).await;
    for n in 0..5 {
        cases::create(
            &db,
            &sample_case(&format!("WQ-B-{n}")),
            Some(day("2026-10-09")),
            None,
        )
        .await
        .unwrap();
    }
    cases::recompute_next_due(&db, "basis-x", |_| Some(day("2026-10-09")))
        .await
        .unwrap();
    let file = backup::export(
        &db,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        !file.text.contains("\"case_rows\"") && !file.text.contains("basis-x"),
        "derived rows and the due-date basis are not backed up"
    );
    let read = backup::read(&file.text, |_| {}).await.unwrap();

    // Here: one case more, one case fewer and one changed since the backup.
    cases::create(&db, &sample_case("WQ-B-9"), None, None)
        .await
        .unwrap();
    backup::apply_writes(
        &db,
        &[Write::Delete {
            store: "cases".into(),
            key: serde_json::json!("WQ-B-0"),
        }],
    )
    .await
    .unwrap();
    assert_rows_match(&db, 5).await;
    let one = cases::get(&db, "WQ-B-1").await.unwrap().unwrap();
    cases::save(&db, &reported(&one), one.revision(), None)
        .await
        .unwrap();

    // Merge: the backup's WQ-B-0 comes back, the newer WQ-B-1 and the new WQ-B-9 stay.
    let here = backup::current(&db).await.unwrap();
    let plan = plan_restore(&here, &read, RestoreMode::Merge, &shapes()).unwrap();
    backup::apply(&db, &plan, &read, |_| {}).await.unwrap();
    assert_rows_match(&db, 6).await;
    assert_eq!(
        cases::due_basis(&db).await.unwrap(),
        None,
        "dates are computed again after a restore"
    );

    // Replace: exactly the backup's five cases and their rows.
    let here = backup::current(&db).await.unwrap();
    let plan = plan_restore(&here, &read, RestoreMode::Replace, &shapes()).unwrap();
    backup::apply(&db, &plan, &read, |_| {}).await.unwrap();
    assert_rows_match(&db, 5).await;
    let rows = cases::all_rows(&db).await.unwrap();
    assert!(
        rows.iter()
            .all(|r| r.state == "received" && r.id != "WQ-B-9")
    );
    db.close();
}
