//! Cases in IndexedDB: each case is one record in `cases` (the whole case as JSON, plus the
//! fields the indexes need) and one record per history entry in `case_events`, written in one
//! transaction. A save names the revision it was based on; if another tab saved first, the save
//! is refused (`StoreError::Stale`) instead of overwriting.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use serde::{Deserialize, Serialize};

use super::{Db, StoreError};
use crate::core::workflow::{Case, EventRecord};

const CASES: &str = "cases";
const EVENTS: &str = "case_events";
/// The shape of [`CaseRecord`]; a record of another version is reported, never guessed at.
pub const RECORD_VERSION: u32 = 1;

/// One record of the `cases` store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    /// The case id (the key).
    pub id: String,
    /// [`RECORD_VERSION`] when written.
    pub record_version: u32,
    /// The case's revision, for the stale-save check.
    pub revision: u32,
    /// The state's key, for the `by_state` index.
    pub state: String,
    /// The soonest running deadline (ISO date), for `by_next_due`; absent when none runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
    /// Last change (ISO date-time), for `by_updated`.
    pub updated_at: String,
    /// Receipt date (ISO), for `by_received`.
    pub received_on: String,
    /// The officer's unit, for `by_unit`.
    pub unit: String,
    /// Offence category keys, for the multi-entry `by_category`.
    pub categories: Vec<String>,
    /// The officer's 警号 (empty when none), for `by_badge`.
    pub officer_badge: String,
    /// SHA-256 of the application package the case was imported from, for duplicate detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_sha256: Option<String>,
    /// The whole case as JSON text.
    pub case_json: String,
}

/// One record of the `case_events` store: a history entry, keyed by (case id, seq).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    /// The case.
    pub case_id: String,
    /// The entry's sequence number in the case.
    pub seq: u32,
    /// When it happened (ISO date-time), for `by_time`.
    pub at: String,
    /// The entry as JSON text.
    pub event_json: String,
}

fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Builds the stored record of `case` (pure, tested natively through the core's types).
pub fn to_record(
    case: &Case,
    next_due: Option<chrono::NaiveDate>,
    package_sha256: Option<&str>,
) -> Result<CaseRecord, StoreError> {
    let facts = case.facts();
    Ok(CaseRecord {
        id: case.id().as_str().to_owned(),
        record_version: RECORD_VERSION,
        revision: case.revision(),
        state: key_of(&case.state()),
        next_due: next_due.map(|d| d.to_string()),
        updated_at: case.updated_at().format("%Y-%m-%dT%H:%M:%S").to_string(),
        received_on: case.received_at().date().to_string(),
        unit: facts.officer.unit.clone(),
        categories: facts.categories.iter().map(key_of).collect(),
        officer_badge: facts.officer.badge.clone().unwrap_or_default(),
        package_sha256: package_sha256.map(str::to_owned),
        case_json: serde_json::to_string(case).map_err(|e| StoreError::Other(e.to_string()))?,
    })
}

/// Reads the case back out of its record.
pub fn from_record(record: &CaseRecord) -> Result<Case, StoreError> {
    if record.record_version != RECORD_VERSION {
        return Err(StoreError::Corrupt(format!(
            "案件 {} 的记录版本为 {}，本版本只能读取 {RECORD_VERSION}",
            record.id, record.record_version
        )));
    }
    serde_json::from_str(&record.case_json)
        .map_err(|e| StoreError::Corrupt(format!("案件 {}：{e}", record.id)))
}

pub(crate) fn event_row(case: &Case, record: &EventRecord) -> Result<EventRow, StoreError> {
    Ok(EventRow {
        case_id: case.id().as_str().to_owned(),
        seq: record.seq,
        at: record.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        event_json: serde_json::to_string(record).map_err(|e| StoreError::Other(e.to_string()))?,
    })
}

fn strict() -> TransactionOptions {
    let mut options = TransactionOptions::new();
    options.set_durability(TransactionDurability::Strict);
    options
}

/// Writes a new case and its history. Refuses an id that exists (`StoreError::Duplicate`).
pub async fn create(
    db: &Db,
    case: &Case,
    next_due: Option<chrono::NaiveDate>,
    package_sha256: Option<&str>,
) -> Result<(), StoreError> {
    let record = to_record(case, next_due, package_sha256)?;
    let rows = case
        .history()
        .iter()
        .map(|r| event_row(case, r))
        .collect::<Result<Vec<_>, _>>()?;
    let tx = db
        .raw()?
        .transaction([CASES, EVENTS])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let cases = tx.object_store(CASES)?;
    let existing: Option<CaseRecord> = cases.get(record.id.as_str()).serde()?.await?;
    if existing.is_some() {
        return Err(StoreError::Duplicate(record.id));
    }
    cases.put(&record).serde()?.await?;
    let events = tx.object_store(EVENTS)?;
    for row in &rows {
        events.put(row).serde()?.await?;
    }
    super::db::commit(tx).await?;
    Ok(())
}

/// Saves `case`, which was derived from the stored revision `based_on`. The case record and
/// every new history entry are written together or not at all; if the stored revision is not
/// `based_on` (another tab saved meanwhile) nothing is written and `StoreError::Stale` says so.
pub async fn save(
    db: &Db,
    case: &Case,
    based_on: u32,
    next_due: Option<chrono::NaiveDate>,
) -> Result<(), StoreError> {
    let tx = db
        .raw()?
        .transaction([CASES, EVENTS])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let cases = tx.object_store(CASES)?;
    let id = case.id().as_str();
    let Some(stored) = cases.get::<CaseRecord, _, _>(id).serde()?.await? else {
        return Err(StoreError::NotFound(id.to_owned()));
    };
    if stored.revision != based_on {
        return Err(StoreError::Stale {
            current: stored.revision,
        });
    }
    let record = to_record(case, next_due, stored.package_sha256.as_deref())?;
    cases.put(&record).serde()?.await?;
    let events = tx.object_store(EVENTS)?;
    let known = from_record(&stored)?.history().len();
    for entry in case.history().iter().skip(known) {
        events.put(&event_row(case, entry)?).serde()?.await?;
    }
    super::db::commit(tx).await?;
    Ok(())
}

/// The case with `id`, if stored.
pub async fn get(db: &Db, id: &str) -> Result<Option<Case>, StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    let record: Option<CaseRecord> = tx.object_store(CASES)?.get(id).serde()?.await?;
    record.as_ref().map(from_record).transpose()
}

/// Every stored case record (the UI parses what it shows).
pub async fn all_records(db: &Db) -> Result<Vec<CaseRecord>, StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    let records = tx.object_store(CASES)?.get_all().serde()?.await?;
    Ok(records.collect::<Result<Vec<CaseRecord>, _>>()?)
}

/// The history rows stored for a case, by sequence number.
pub async fn event_rows(db: &Db, id: &str) -> Result<Vec<EventRow>, StoreError> {
    let tx = db.raw()?.transaction(EVENTS).build()?;
    let store = tx.object_store(EVENTS)?;
    let index = store.index("by_case")?;
    let rows = index.get_all().with_query(id).serde()?.await?;
    let mut rows = rows.collect::<Result<Vec<EventRow>, _>>()?;
    rows.sort_by_key(|r| r.seq);
    Ok(rows)
}

/// The id of the case imported from the package with this SHA-256, if any.
pub async fn find_by_package(db: &Db, sha256: &str) -> Result<Option<String>, StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    let store = tx.object_store(CASES)?;
    let index = store.index("by_package")?;
    let found: Option<CaseRecord> = index.get(sha256).serde()?.await?;
    Ok(found.map(|r| r.id))
}
