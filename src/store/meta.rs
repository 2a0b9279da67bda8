//! Small app records kept in the `meta` store (for example the time of the last backup).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

use super::{Db, StoreError};

const STORE: &str = "meta";

/// One record of the `meta` store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaRecord {
    /// The record's key.
    pub key: String,
    /// Its value, as JSON text so that any serde type fits.
    pub value: String,
}

/// Writes `value` under `key`, replacing what was there.
pub async fn put<T: Serialize>(db: &Db, key: &str, value: &T) -> Result<(), StoreError> {
    let value = serde_json::to_string(value).map_err(|e| StoreError::Other(e.to_string()))?;
    let record = MetaRecord {
        key: key.to_owned(),
        value,
    };
    let tx = db
        .raw()?
        .transaction(STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(STORE)?.put(&record).serde()?.await?;
    super::db::commit(tx).await?;
    Ok(())
}

/// Reads the value under `key`, if there is one.
pub async fn get<T: for<'de> Deserialize<'de>>(
    db: &Db,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let tx = db.raw()?.transaction(STORE).build()?;
    let record: Option<MetaRecord> = tx.object_store(STORE)?.get(key).serde()?.await?;
    record
        .map(|r| serde_json::from_str(&r.value).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}
