//! The IndexedDB database: it opens, records round-trip, and an old version upgrades in place.

use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::store::db::{STEP_1, STEPS};
use weiquan::store::{Db, SCHEMA_VERSION, meta};

async fn fresh(name: &str, version: u32) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, version, || panic!("blocked"), || {})
        .await
        .unwrap()
}

fn names(steps: &[&[weiquan::store::db::StoreSpec]]) -> Vec<String> {
    let mut v: Vec<String> = steps
        .iter()
        .flat_map(|s| s.iter().map(|spec| spec.name.to_owned()))
        .collect();
    v.sort();
    v
}

#[wasm_bindgen_test]
async fn database_opens_at_the_current_version_with_every_store() {
    let db = fresh("t-open", SCHEMA_VERSION).await;
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(db.store_names(), names(STEPS));
    assert_eq!(
        db.index_names("cases").unwrap(),
        vec![
            "by_badge",
            "by_category",
            "by_next_due",
            "by_package",
            "by_received",
            "by_state",
            "by_unit",
            "by_updated"
        ]
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_record_round_trips_and_is_replaced_by_key() {
    let db = fresh("t-roundtrip", SCHEMA_VERSION).await;
    assert_eq!(meta::get::<Vec<String>>(&db, "k").await.unwrap(), None);
    let value = vec!["维权".to_owned(), "<script>x</script>".to_owned()];
    meta::put(&db, "k", &value).await.unwrap();
    assert_eq!(
        meta::get::<Vec<String>>(&db, "k").await.unwrap(),
        Some(value)
    );
    meta::put(&db, "k", &vec!["新".to_owned()]).await.unwrap();
    assert_eq!(
        meta::get::<Vec<String>>(&db, "k").await.unwrap(),
        Some(vec!["新".to_owned()])
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_to_the_current_schema() {
    let v1 = fresh("t-upgrade", 1).await;
    assert_eq!(v1.version(), 1);
    assert_eq!(v1.store_names(), names(&[STEP_1]));
    v1.close();

    let db = Db::open_named("t-upgrade", SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(db.store_names(), names(STEPS));
    db.close();
}

/// A version-1 database holding a record in every store that version had (a case with its
/// history, an application draft, a draft's evidence file, an issued document's store is
/// left to `store_documents`) upgrades with every record intact and the new stores usable.
#[wasm_bindgen_test]
async fn a_version_1_database_with_records_upgrades_with_no_loss() {
    use chrono::{NaiveDate, NaiveDateTime};
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use weiquan::core::application::ApplicationForm;
    use weiquan::core::case::{CaseId, CaseInput, validate};
    use weiquan::core::workflow::Case;
    use weiquan::store::attachments::{self, AttachmentMeta, AttachmentRecord};
    use weiquan::store::cases;
    use weiquan::store::drafts::{self, Draft};

    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "张三".into(),
        officer_badge: "123456".into(),
        officer_unit: "南湖区分局解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-03-01".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "on_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "minor".into(),
        summary: "盘查时被推搡".into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()).unwrap();
    let case = Case::open(
        CaseId::new("WQ-20260302-A744").unwrap(),
        facts,
        at("2026-03-02 09:00"),
        "李四",
        "",
        at("2026-03-02 09:05"),
    )
    .unwrap();
    let draft = Draft {
        id: "d20260302090000-000001".into(),
        updated_at: "2026-03-02T09:00:00".into(),
        step: "person".into(),
        form: ApplicationForm {
            input: input.clone(),
            ..ApplicationForm::default()
        },
    };
    let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let file = AttachmentRecord {
        meta: AttachmentMeta {
            id: "att-v1".into(),
            case_id: None,
            draft_id: Some(draft.id.clone()),
            file_name: "现场.png".into(),
            mime: "image/png".into(),
            size: bytes.len() as u64,
            sha256: weiquan::core::attachment::attachment_checksum(&bytes),
            added_at: "2026-03-02T09:00:00".into(),
        },
        bytes,
    };

    let v1 = fresh("t-upgrade-records", 1).await;
    v1.close();
    // The case and its history as version 1 stored them, written straight into the old
    // database (`cases::create` of this build also writes `case_rows`, which version 1 lacks).
    let record = cases::to_record(&case, None, None).unwrap();
    let history: Vec<cases::EventRow> = case
        .history()
        .iter()
        .map(|r| cases::EventRow {
            case_id: case.id().as_str().to_owned(),
            seq: r.seq,
            at: r.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            event_json: serde_json::to_string(r).unwrap(),
        })
        .collect();
    let raw = Database::open("t-upgrade-records")
        .with_version(1u32)
        .await
        .unwrap();
    let tx = raw
        .transaction(["cases", "case_events"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store("cases")
        .unwrap()
        .put(&record)
        .serde()
        .unwrap()
        .await
        .unwrap();
    let events = tx.object_store("case_events").unwrap();
    for row in &history {
        events.put(row).serde().unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
    raw.close();
    let v1 = Db::open_named("t-upgrade-records", 1, || panic!("blocked"), || {})
        .await
        .unwrap();
    drafts::put(&v1, &draft).await.unwrap();
    attachments::put(&v1, &file).await.unwrap();
    let rows = cases::event_rows(&v1, case.id().as_str()).await.unwrap();
    let records = cases::all_records(&v1).await.unwrap();
    v1.close();

    let db = Db::open_named(
        "t-upgrade-records",
        SCHEMA_VERSION,
        || panic!("blocked"),
        || {},
    )
    .await
    .unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(
        cases::get(&db, case.id().as_str()).await.unwrap(),
        Some(case.clone())
    );
    assert_eq!(cases::all_records(&db).await.unwrap(), records);
    assert_eq!(
        cases::event_rows(&db, case.id().as_str()).await.unwrap(),
        rows
    );
    assert_eq!(
        drafts::get(&db, &draft.id).await.unwrap(),
        Some(draft.clone())
    );
    assert_eq!(
        attachments::get(&db, "att-v1").await.unwrap(),
        Some(file.clone())
    );
    assert_eq!(
        attachments::list_for_draft(&db, &draft.id).await.unwrap(),
        std::slice::from_ref(&file.meta)
    );
    // The list's derived row was made from the old record at the upgrade.
    assert_eq!(
        cases::all_rows(&db).await.unwrap(),
        vec![cases::row_of(&record)]
    );
    // The stores version 2 added work next to the old records.
    meta::put(&db, "probe", &7u32).await.unwrap();
    assert_eq!(meta::get::<u32>(&db, "probe").await.unwrap(), Some(7));
    db.close();
}

#[wasm_bindgen_test]
async fn an_older_tab_is_told_to_close_when_another_upgrades() {
    Db::delete_named("t-versionchange").await.unwrap();
    let closed = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = closed.clone();
    let old = Db::open_named("t-versionchange", 1, || {}, move || flag.set(true))
        .await
        .unwrap();
    let new = Db::open_named("t-versionchange", SCHEMA_VERSION, || {}, || {})
        .await
        .unwrap();
    assert!(
        closed.get(),
        "the old connection must hear the versionchange"
    );
    assert_eq!(
        weiquan::store::meta::get::<String>(&old, "x").await,
        Err(weiquan::store::StoreError::ClosedByUpgrade)
    );
    new.close();
}

#[wasm_bindgen_test]
async fn opening_a_version_newer_than_the_app_is_refused() {
    assert!(
        Db::open_named("t-too-new", SCHEMA_VERSION + 1, || {}, || {})
            .await
            .is_err()
    );
}
