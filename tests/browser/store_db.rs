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
