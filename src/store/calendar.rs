//! The calendar's unit-specific parts: the readings of ambiguous periods (local storage) and
//! the unit's own holiday years (IndexedDB `custom_holidays`).

use gloo_storage::{LocalStorage, Storage};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::{Db, StoreError};
use crate::core::calendar::CustomYear;
use crate::core::deadline::Readings;

/// The local storage key of the readings (the backup reads and restores it).
pub(crate) const READINGS_KEY: &str = "weiquan.readings.v1";
const STORE: &str = "custom_holidays";

/// The unit's readings; the defaults when none were saved or the saved ones are unreadable.
pub fn load_readings() -> Readings {
    LocalStorage::get::<Readings>(READINGS_KEY).unwrap_or_default()
}

/// The readings as saved, `None` when none were saved (or they are unreadable).
pub fn saved_readings() -> Option<Readings> {
    LocalStorage::get::<Readings>(READINGS_KEY).ok()
}

/// Saves the unit's readings.
pub fn save_readings(readings: &Readings) -> Result<(), String> {
    LocalStorage::set(READINGS_KEY, readings)
        .map_err(|e| format!("期限读法未能保存（{e}）。请确认浏览器允许本站保存数据后重试。"))
}

/// Every custom year, in year order.
pub async fn load_custom_years(db: &Db) -> Result<Vec<CustomYear>, StoreError> {
    let tx = db.raw()?.transaction(STORE).build()?;
    let years: Vec<CustomYear> = tx
        .object_store(STORE)?
        .get_all()
        .serde()?
        .await?
        .collect::<Result<_, _>>()?;
    Ok(years)
}

/// Replaces the whole set of custom years in one transaction: all written or none.
pub async fn replace_custom_years(db: &Db, years: &[CustomYear]) -> Result<(), StoreError> {
    let tx = db
        .raw()?
        .transaction(STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(STORE)?;
    store.clear()?.await?;
    for year in years {
        store.put(year).serde()?.await?;
    }
    super::db::commit(tx).await?;
    Ok(())
}
