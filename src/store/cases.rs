//! Cases in IndexedDB: each case is one record in `cases` (the whole case as JSON, plus the
//! fields the indexes need), one small derived record in `case_rows` (what the case list shows,
//! see [`CaseRowRecord`]) and one record per history entry in `case_events`, written in one
//! transaction. A save names the revision it was based on; if another tab saved first, the save
//! is refused (`StoreError::Stale`) instead of overwriting.
//!
//! The dashboard reads through the indexes: counts per state with `by_state`, and only the cases
//! whose stored soonest due date (`next_due`) falls inside the candidate window with
//! `by_next_due`. Stored `next_due` values are recomputed whenever the calendar or the readings
//! they were computed under change ([`recompute_next_due`], keyed by `core::dashboard::due_basis`).

use chrono::{Days, NaiveDate};
use indexed_db_futures::KeyRange;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use serde::{Deserialize, Serialize};

use super::{Db, StoreError};
use crate::core::dashboard::{CANDIDATE_WINDOW_DAYS, list_text, state_key};
use crate::core::workflow::{Case, EventRecord, State};

const CASES: &str = "cases";
const EVENTS: &str = "case_events";
/// The derived list rows, one per case (see [`CaseRowRecord`]).
pub const ROWS: &str = "case_rows";
/// Records about derived data (`db::DERIVED`, not backed up): the due-date basis.
pub const DERIVED_META: &str = "derived_meta";
/// The `derived_meta` key of the digest (`core::dashboard::due_basis`) the stored `next_due` values
/// were computed under.
pub const DUE_BASIS_KEY: &str = "next_due_basis";
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

/// One record of the `case_rows` store: what the case list needs of a case, derived from its
/// [`CaseRecord`] and written in the same transaction as every write of the case, so the list
/// reads a few hundred bytes per case instead of the whole case. Derived data: it is not in
/// backups, and it is rebuilt from `cases` after an upgrade and mirrored on every restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRowRecord {
    /// The case id (the key).
    pub id: String,
    /// The state's key.
    pub state: String,
    /// The soonest running deadline (ISO date), for `by_next_due`; absent when none runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
    /// Receipt date (ISO), for `by_received`.
    pub received_on: String,
    /// Last change (ISO date-time), for `by_updated`.
    pub updated_at: String,
    /// The officer's unit.
    pub unit: String,
    /// Offence category keys.
    pub categories: Vec<String>,
    /// The officer's 警号 (empty when none).
    pub officer_badge: String,
    /// The officer's name (from the case text).
    pub officer_name: String,
    /// What happened (from the case text).
    pub summary: String,
    /// Why the case text could not be read, when it could not (the list reports it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

/// The list row of a stored case record.
pub fn row_of(record: &CaseRecord) -> CaseRowRecord {
    let (officer_name, summary, unreadable) = match list_text(&record.case_json) {
        Ok((name, summary)) => (name, summary, None),
        Err(reason) => (String::new(), String::new(), Some(reason)),
    };
    CaseRowRecord {
        id: record.id.clone(),
        state: record.state.clone(),
        next_due: record.next_due.clone(),
        received_on: record.received_on.clone(),
        updated_at: record.updated_at.clone(),
        unit: record.unit.clone(),
        categories: record.categories.clone(),
        officer_badge: record.officer_badge.clone(),
        officer_name,
        summary,
        unreadable,
    }
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
        .transaction([CASES, ROWS, EVENTS])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let cases = tx.object_store(CASES)?;
    let existing: Option<CaseRecord> = cases.get(record.id.as_str()).serde()?.await?;
    if existing.is_some() {
        return Err(StoreError::Duplicate(record.id));
    }
    cases.put(&record).serde()?.await?;
    tx.object_store(ROWS)?
        .put(&row_of(&record))
        .serde()?
        .await?;
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
        .transaction([CASES, ROWS, EVENTS])
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
    tx.object_store(ROWS)?
        .put(&row_of(&record))
        .serde()?
        .await?;
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

/// The stored record of case `id`, if any.
pub async fn get_record(db: &Db, id: &str) -> Result<Option<CaseRecord>, StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    Ok(tx.object_store(CASES)?.get(id).serde()?.await?)
}

/// Every list row (`case_rows`): a few hundred bytes per case, no case text. The rows come
/// from one `getAll` and cross into WebAssembly as one JSON text (`JSON.stringify` in the
/// browser, `serde_json` here) instead of one crossing per field of every row, which at 10,000
/// cases is most of the cost of reading them.
pub async fn all_rows(db: &Db) -> Result<Vec<CaseRowRecord>, StoreError> {
    use indexed_db_futures::internals::SystemRepr;
    use wasm_bindgen::JsCast;

    let failed = |e: wasm_bindgen::JsValue| {
        StoreError::Other(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "读取案件列表失败".into()),
        )
    };
    let sys: &web_sys::IdbDatabase = db.raw()?.as_sys();
    let request = sys
        .transaction_with_str(ROWS)
        .and_then(|tx| tx.object_store(ROWS))
        .and_then(|store| store.get_all())
        .map_err(failed)?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call1(
                &wasm_bindgen::JsValue::UNDEFINED,
                &ok.result().unwrap_or_default(),
            );
        });
        let bad = request.clone();
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
            let error = bad
                .error()
                .ok()
                .flatten()
                .map(|e| wasm_bindgen::JsValue::from(e.message()))
                .unwrap_or_default();
            let _ = reject.call1(&wasm_bindgen::JsValue::UNDEFINED, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    let rows = wasm_bindgen_futures::JsFuture::from(done)
        .await
        .map_err(failed)?;
    let text = js_sys::JSON::stringify(&rows)
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("案件列表记录：{e}")))
}

/// How many cases are stored, and how many stand in each state (states without cases left
/// out, in procedural order), counted by the `by_state` index without reading any record.
pub async fn state_counts(db: &Db) -> Result<(usize, Vec<(State, usize)>), StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    let store = tx.object_store(CASES)?;
    let total = store.count().await? as usize;
    let index = store.index("by_state")?;
    let mut counts = Vec::new();
    for state in State::ALL {
        let key = state_key(state);
        let n = index.count().with_query(key.as_str()).primitive()?.await? as usize;
        if n > 0 {
            counts.push((state, n));
        }
    }
    Ok((total, counts))
}

/// The records of the cases whose stored soonest due date is on or before
/// `today + CANDIDATE_WINDOW_DAYS` (`core::dashboard::is_candidate`), read through the
/// `by_next_due` index: the only cases whose periods the dashboard computes.
pub async fn due_candidates(db: &Db, today: NaiveDate) -> Result<Vec<CaseRecord>, StoreError> {
    let tx = db.raw()?.transaction(CASES).build()?;
    let store = tx.object_store(CASES)?;
    let index = store.index("by_next_due")?;
    let records = match today.checked_add_days(Days::new(CANDIDATE_WINDOW_DAYS)) {
        Some(horizon) => {
            let horizon = horizon.to_string();
            // Spelled out: indexed_db_futures 0.6 turns `..=x` into an OPEN upper bound.
            index
                .get_all()
                .with_query::<&str, _>(KeyRange::UpperBound(horizon.as_str(), false))
                .serde()?
                .await?
        }
        None => index.get_all().serde()?.await?,
    };
    Ok(records.collect::<Result<Vec<CaseRecord>, _>>()?)
}

/// The list row of a stored `cases` record read as plain JSON: [`row_of`] when it is a
/// [`CaseRecord`], otherwise a row that reports it as unreadable (so the list says so instead of
/// silently leaving it out); `None` when it has not even a text id.
pub fn row_of_value(value: &serde_json::Value) -> Option<CaseRowRecord> {
    match serde_json::from_value::<CaseRecord>(value.clone()) {
        Ok(record) => Some(row_of(&record)),
        Err(e) => Some(CaseRowRecord {
            id: value.get("id")?.as_str()?.to_owned(),
            state: String::new(),
            next_due: None,
            received_on: String::new(),
            updated_at: String::new(),
            unit: String::new(),
            categories: Vec::new(),
            officer_badge: String::new(),
            officer_name: String::new(),
            summary: String::new(),
            unreadable: Some(e.to_string()),
        }),
    }
}

/// Fills `case_rows` from `cases` in one transaction when the two do not hold the same number
/// of records: after the upgrade to schema 3 (the upgrade callback cannot write records, see
/// `db`), or if that fill was interrupted. Run by `Db::open` before the connection is handed
/// out, so every user of the database sees a row for every case. Two counts when nothing is
/// to do. Returns whether it rebuilt.
pub async fn ensure_rows(db: &Db) -> Result<bool, StoreError> {
    async fn in_step(
        tx: &indexed_db_futures::transaction::Transaction<'_>,
    ) -> Result<bool, StoreError> {
        let cases = tx.object_store(CASES)?.count().await?;
        let rows = tx.object_store(ROWS)?.count().await?;
        Ok(cases == rows)
    }
    let tx = db.raw()?.transaction([CASES, ROWS]).build()?;
    if in_step(&tx).await? {
        return Ok(false);
    }
    drop(tx);
    let tx = db
        .raw()?
        .transaction([CASES, ROWS])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    if in_step(&tx).await? {
        return Ok(false);
    }
    let records = tx
        .object_store(CASES)?
        .get_all::<serde_json::Value>()
        .serde()?
        .await?;
    let rows = tx.object_store(ROWS)?;
    rows.clear()?.await?;
    for record in records {
        if let Some(row) = row_of_value(&record?) {
            rows.put(&row).serde()?.await?;
        }
    }
    super::db::commit(tx).await?;
    Ok(true)
}

/// Computes the stored soonest due date of every case not closed again with `next_due`
/// (the calendar and readings now in force) and writes those that changed, with their list
/// rows, in one transaction; records `basis` (`core::dashboard::due_basis`) as what they were
/// computed under. Run when the calendar or the readings change. Returns how many changed.
pub async fn recompute_next_due(
    db: &Db,
    basis: &str,
    next_due: impl Fn(&Case) -> Option<NaiveDate>,
) -> Result<usize, StoreError> {
    let tx = db
        .raw()?
        .transaction([CASES, ROWS, DERIVED_META])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let cases = tx.object_store(CASES)?;
    let rows = tx.object_store(ROWS)?;
    let index = cases.index("by_state")?;
    let mut changed = 0;
    for state in State::ALL.into_iter().filter(|s| *s != State::Closed) {
        let key = state_key(state);
        let records = index.get_all().with_query(key.as_str()).serde()?.await?;
        for record in records {
            let Ok(mut record) = record else { continue };
            let record: &mut CaseRecord = &mut record;
            // An unreadable case keeps its stored date; its page reports the problem.
            let Ok(case) = from_record(record) else {
                continue;
            };
            let due = next_due(&case).map(|d| d.to_string());
            if due != record.next_due {
                record.next_due = due;
                cases.put(&*record).serde()?.await?;
                rows.put(&row_of(record)).serde()?.await?;
                changed += 1;
            }
        }
    }
    tx.object_store(DERIVED_META)?
        .put(&super::meta::MetaRecord {
            key: DUE_BASIS_KEY.to_owned(),
            value: serde_json::Value::String(basis.to_owned()).to_string(),
        })
        .serde()?
        .await?;
    super::db::commit(tx).await?;
    Ok(changed)
}

/// The digest the stored `next_due` values were computed under, if recorded.
pub async fn due_basis(db: &Db) -> Result<Option<String>, StoreError> {
    let tx = db.raw()?.transaction(DERIVED_META).build()?;
    let record: Option<super::meta::MetaRecord> = tx
        .object_store(DERIVED_META)?
        .get(DUE_BASIS_KEY)
        .serde()?
        .await?;
    Ok(record.and_then(|r| serde_json::from_str(&r.value).ok()))
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
