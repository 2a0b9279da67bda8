//! Backup and restore of everything this machine keeps: every store of the schema
//! (`db::STEPS`), read in one transaction and written back in one transaction, plus the unit's
//! settings and readings from local storage. Records are copied generically as JSON (a `Blob`
//! inside a record becomes a base64 blob marker), so a store added later is backed up without
//! changes here. Derived stores (`db::DERIVED`: `case_rows`) are left out of the backup; a
//! restore writes each case's row in the same transaction as the case (a cleared `cases` clears
//! the rows, a deleted case deletes its row), and forgets the basis of the stored due dates so
//! they are computed again under the restored calendar and readings. The format, its checks and
//! the merge plan are `core::backup`'s; this module reads, writes, and hands control back to
//! the browser between chunks so a progress bar moves.

use chrono::NaiveDateTime;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::cases::{DERIVED_META, DUE_BASIS_KEY, ROWS, row_of_value};
use super::db::{DERIVED, STEPS};
use super::{Db, StoreError};
use crate::core::backup::{
    Backup, BackupLocal, BackupReader, BackupWriter, DataSet, RestorePlan, StoreShape, Write,
    blob_summary, blob_value, decode_blob,
};

/// The `meta` key of the time of the last backup made here.
const LAST_BACKUP_KEY: &str = "last_backup_at";
/// Records handled between two returns to the browser's event loop.
const CHUNK: usize = 100;

/// What a long operation is doing, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The step, in Chinese (读取本机数据, 编码附件, 校验文件…).
    pub step: &'static str,
    /// How far, from 0.0 to 1.0.
    pub fraction: f64,
}

fn report(on_progress: &impl Fn(Progress), step: &'static str, done: usize, total: usize) {
    let fraction = if total == 0 {
        1.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    on_progress(Progress { step, fraction });
}

/// Hands control back to the browser (a zero timeout) so it can paint and handle input.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The stores of this build's schema as the backup sees them (derived stores left out).
pub fn shapes() -> Vec<StoreShape> {
    STEPS
        .iter()
        .flat_map(|step| step.iter())
        .filter(|spec| !DERIVED.contains(&spec.name))
        .map(|spec| StoreShape {
            name: spec.name,
            key_path: spec.key_path,
            unique: spec
                .indexes
                .iter()
                .filter(|ix| ix.unique)
                .map(|ix| {
                    let what = match ix.name {
                        "by_number" => "文书编号",
                        other => other,
                    };
                    (ix.key_path, what)
                })
                .collect(),
        })
        .collect()
}

fn js_error(e: JsValue) -> StoreError {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StoreError::QuotaExceeded
    } else {
        StoreError::Other(format!("{e:?}"))
    }
}

fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A JS record as JSON. A `Blob` becomes a marker with its type and size only; its place (a
/// JSON pointer) and the `Blob` are pushed to `blobs` so the bytes can be filled in later.
/// `undefined` properties are left out (as IndexedDB indexes treat them); anything JSON cannot
/// hold exactly (a Date, a non-finite number, binary arrays) is refused, never changed.
fn js_to_json(
    value: &JsValue,
    pointer: &str,
    blobs: &mut Vec<(String, web_sys::Blob)>,
) -> Result<Option<Value>, StoreError> {
    let refuse = |what: &str| {
        Err(StoreError::Corrupt(format!(
            "记录中 {pointer} 处有无法备份的{what}"
        )))
    };
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(Value::String(s)));
    }
    if let Some(n) = value.as_f64() {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        if n.is_finite() && n.fract() == 0.0 && n.abs() <= SAFE {
            return Ok(Some(Value::from(n as i64)));
        }
        return match Number::from_f64(n) {
            Some(num) => Ok(Some(Value::Number(num))),
            None => refuse("数值"),
        };
    }
    if let Some(blob) = value.dyn_ref::<web_sys::Blob>() {
        blobs.push((pointer.to_owned(), blob.clone()));
        return Ok(Some(blob_summary(&blob.type_(), blob.size() as u64)));
    }
    if value.is_instance_of::<js_sys::Date>()
        || value.is_instance_of::<js_sys::ArrayBuffer>()
        || js_sys::ArrayBuffer::is_view(value)
    {
        return refuse("日期或二进制数据");
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            let inner = js_to_json(&item, &format!("{pointer}/{i}"), blobs)?;
            items.push(inner.unwrap_or(Value::Null));
        }
        return Ok(Some(Value::Array(items)));
    }
    if value.is_object() && !value.is_function() {
        let object: &Object = value.unchecked_ref();
        let mut map = Map::new();
        for key in Object::keys(object).iter() {
            let Some(name) = key.as_string() else {
                continue;
            };
            if name == crate::core::backup::BLOB_MARKER {
                return refuse("字段名");
            }
            let inner = Reflect::get(object, &key).map_err(js_error)?;
            let path = format!("{pointer}/{}", pointer_escape(&name));
            if let Some(v) = js_to_json(&inner, &path, blobs)? {
                map.insert(name, v);
            }
        }
        return Ok(Some(Value::Object(map)));
    }
    refuse("数据类型")
}

/// A JSON record as the JS value to store; blob markers become `Blob`s.
fn json_to_js(value: &Value) -> Result<JsValue, StoreError> {
    if let Some(blob) = decode_blob(value) {
        let blob = blob.map_err(StoreError::Corrupt)?;
        let parts = Array::of1(&Uint8Array::from(blob.bytes.as_slice()));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&blob.mime);
        let made = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(js_error)?;
        return Ok(made.into());
    }
    Ok(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => {
            let array = Array::new();
            for item in items {
                array.push(&json_to_js(item)?);
            }
            array.into()
        }
        Value::Object(map) => {
            let object = Object::new();
            for (k, v) in map {
                Reflect::set(&object, &JsValue::from_str(k), &json_to_js(v)?).map_err(js_error)?;
            }
            object.into()
        }
    })
}

/// Every record of every store of the schema, as stored, read in one transaction so the
/// backup is one consistent moment.
async fn read_raw(db: &Db) -> Result<Vec<(&'static str, Vec<JsValue>)>, StoreError> {
    let shapes = shapes();
    let names: Vec<&'static str> = shapes.iter().map(|s| s.name).collect();
    let tx = db.raw()?.transaction(names.clone()).build()?;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let rows = tx
            .object_store(name)?
            .get_all::<JsValue>()
            .primitive()?
            .await?;
        out.push((name, rows.collect::<Result<Vec<JsValue>, _>>()?));
    }
    Ok(out)
}

/// The unit's settings and readings as saved in local storage (absent ones are `None`).
pub fn local_settings() -> BackupLocal {
    BackupLocal {
        settings: match super::settings::load() {
            super::settings::Loaded::Valid(s) => Some(s),
            _ => None,
        },
        readings: super::calendar::saved_readings(),
    }
}

/// This machine's data for comparing with a backup: every record, files as type and size only.
pub async fn current(db: &Db) -> Result<DataSet, StoreError> {
    let mut data = DataSet {
        local: local_settings(),
        ..DataSet::default()
    };
    for (name, rows) in read_raw(db).await? {
        let mut records = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let mut blobs = Vec::new();
            if let Some(v) = js_to_json(row, "", &mut blobs)? {
                records.push(v);
            }
            if i % (CHUNK * 10) == CHUNK * 10 - 1 {
                yield_now().await;
            }
        }
        data.stores.insert(name.to_owned(), records);
    }
    Ok(data)
}

/// What a finished backup holds, for the confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    /// The file's text.
    pub text: String,
    /// Records per store (store name, count), in schema order.
    pub counts: Vec<(&'static str, usize)>,
}

/// Writes the backup of everything, made at `created_at` (Asia/Shanghai), reporting progress.
/// The error is a Chinese sentence.
pub async fn export(
    db: &Db,
    created_at: NaiveDateTime,
    on_progress: impl Fn(Progress),
) -> Result<Made, String> {
    on_progress(Progress {
        step: "读取本机数据",
        fraction: 0.0,
    });
    let raw = read_raw(db).await.map_err(|e| e.to_string())?;
    let total: usize = raw.iter().map(|(_, rows)| rows.len()).sum();
    let mut writer = BackupWriter::new(
        created_at,
        super::SCHEMA_VERSION,
        env!("CARGO_PKG_VERSION"),
        &local_settings(),
    );
    let mut counts = Vec::new();
    let mut done = 0;
    for (name, rows) in raw {
        writer.begin_store(name);
        for row in &rows {
            let mut blobs = Vec::new();
            let Some(mut record) = js_to_json(row, "", &mut blobs).map_err(|e| e.to_string())?
            else {
                continue;
            };
            let had_blobs = !blobs.is_empty();
            for (pointer, blob) in blobs {
                let bytes = super::attachments::blob_bytes(&blob)
                    .await
                    .map_err(|e| e.to_string())?;
                if let Some(slot) = record.pointer_mut(&pointer) {
                    *slot = blob_value(&blob.type_(), &bytes);
                } else {
                    record = blob_value(&blob.type_(), &bytes);
                }
            }
            writer.push_record(&record).map_err(|e| e.to_string())?;
            done += 1;
            if had_blobs || done % CHUNK == 0 {
                report(&on_progress, "编码案件和附件", done, total);
                yield_now().await;
            }
        }
        writer.end_store();
        counts.push((name, rows.len()));
    }
    report(&on_progress, "编码案件和附件", total, total);
    Ok(Made {
        text: writer.finish(),
        counts,
    })
}

/// Records that a backup was made (offered for download) at `at`.
pub async fn record_backup(db: &Db, at: NaiveDateTime) -> Result<(), StoreError> {
    super::meta::put(db, LAST_BACKUP_KEY, &at).await
}

/// When the last backup was made here, if ever.
pub async fn last_backup(db: &Db) -> Result<Option<NaiveDateTime>, StoreError> {
    super::meta::get(db, LAST_BACKUP_KEY).await
}

/// Reads and checks a backup file in steps, reporting progress. Nothing is written. The error
/// is a Chinese sentence saying why the file was refused.
pub async fn read(text: &str, on_progress: impl Fn(Progress)) -> Result<Backup, String> {
    let mut reader = BackupReader::open(text).map_err(|e| e.to_string())?;
    let length = reader.body_len();
    while !reader.verify_step().map_err(|e| e.to_string())? {
        report(&on_progress, "核对校验值", reader.hashed(), length);
        yield_now().await;
    }
    let mut body = reader
        .body(&shapes(), super::SCHEMA_VERSION)
        .map_err(|e| e.to_string())?;
    while !body.step().map_err(|e| e.to_string())? {
        on_progress(Progress {
            step: "检查每条记录",
            fraction: body.progress(),
        });
        yield_now().await;
    }
    body.finish().map_err(|e| e.to_string())
}

/// The local storage entries a restore replaces, as they were, to put back on failure.
struct SavedLocal {
    settings: Option<String>,
    readings: Option<String>,
}

fn local_storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| StoreError::Other("浏览器不允许本站使用本地存储".into()))
}

fn write_entry(
    storage: &web_sys::Storage,
    key: &str,
    value: Option<&str>,
) -> Result<(), StoreError> {
    match value {
        Some(v) => storage.set_item(key, v).map_err(js_error),
        None => storage.remove_item(key).map_err(js_error),
    }
}

fn write_local(local: &BackupLocal) -> Result<SavedLocal, StoreError> {
    let storage = local_storage()?;
    let saved = SavedLocal {
        settings: storage.get_item(super::settings::KEY).map_err(js_error)?,
        readings: storage
            .get_item(super::calendar::READINGS_KEY)
            .map_err(js_error)?,
    };
    let settings = local
        .settings
        .as_ref()
        .and_then(|s| serde_json::to_string(s).ok());
    let readings = local
        .readings
        .as_ref()
        .and_then(|r| serde_json::to_string(r).ok());
    let result = write_entry(&storage, super::settings::KEY, settings.as_deref())
        .and_then(|()| write_entry(&storage, super::calendar::READINGS_KEY, readings.as_deref()));
    if let Err(e) = result {
        restore_local(&saved);
        return Err(e);
    }
    Ok(saved)
}

fn restore_local(saved: &SavedLocal) {
    if let Ok(storage) = local_storage() {
        let _ = write_entry(&storage, super::settings::KEY, saved.settings.as_deref());
        let _ = write_entry(
            &storage,
            super::calendar::READINGS_KEY,
            saved.readings.as_deref(),
        );
    }
}

fn strict() -> TransactionOptions {
    let mut options = TransactionOptions::new();
    options.set_durability(TransactionDurability::Strict);
    options
}

/// A write with its record already a JS value.
enum Ready {
    Clear(String),
    Delete(String, JsValue),
    Put(String, JsValue),
}

/// Turns the plan's records into JS values (files into `Blob`s), a chunk at a time.
async fn prepare(
    writes: &[Write],
    on_progress: &impl Fn(Progress),
) -> Result<Vec<Ready>, StoreError> {
    let total = writes.len();
    let mut ready = Vec::with_capacity(total + 1);
    for (i, write) in writes.iter().enumerate() {
        ready.push(match write {
            Write::Clear { store } => Ready::Clear(store.clone()),
            Write::Delete { store, key } => Ready::Delete(store.clone(), json_to_js(key)?),
            Write::Put { store, record } => Ready::Put(store.clone(), json_to_js(record)?),
        });
        if let Some(row) = row_write(write)? {
            ready.push(row);
        }
        if i % CHUNK == CHUNK - 1 {
            report(on_progress, "准备写入", i + 1, total);
            yield_now().await;
        }
    }
    ready.push(Ready::Delete(
        DERIVED_META.to_owned(),
        JsValue::from_str(DUE_BASIS_KEY),
    ));
    Ok(ready)
}

/// The write of `case_rows` that keeps the list rows in step with a write of `cases`.
fn row_write(write: &Write) -> Result<Option<Ready>, StoreError> {
    Ok(match write {
        Write::Clear { store } if store == "cases" => Some(Ready::Clear(ROWS.to_owned())),
        Write::Delete { store, key } if store == "cases" => {
            Some(Ready::Delete(ROWS.to_owned(), json_to_js(key)?))
        }
        Write::Put { store, record } if store == "cases" => match row_of_value(record) {
            Some(row) => {
                let row =
                    serde_json::to_value(row).map_err(|e| StoreError::Other(e.to_string()))?;
                Some(Ready::Put(ROWS.to_owned(), json_to_js(&row)?))
            }
            None => None,
        },
        _ => None,
    })
}

async fn write_all(
    db: &Db,
    writes: &[Ready],
    on_progress: &impl Fn(Progress),
) -> Result<(), StoreError> {
    let mut names: Vec<&'static str> = shapes().iter().map(|s| s.name).collect();
    names.extend(DERIVED);
    let tx = db
        .raw()?
        .transaction(names)
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let total = writes.len();
    for (i, write) in writes.iter().enumerate() {
        match write {
            Ready::Clear(store) => tx.object_store(store)?.clear()?.await?,
            Ready::Delete(store, key) => {
                tx.object_store(store)?
                    .delete(key.clone())
                    .primitive()?
                    .await?;
            }
            Ready::Put(store, value) => {
                tx.object_store(store)?.put(value).primitive()?.await?;
            }
        }
        if i % CHUNK == CHUNK - 1 {
            // No yield here: a transaction with no request pending at the end of a task would
            // commit early. The bar still moves, since every request completes in its own task.
            report(on_progress, "写入本机数据库", i + 1, total);
        }
    }
    tx.commit().await?;
    report(on_progress, "写入本机数据库", total, total);
    Ok(())
}

/// Carries out `plan` (from `core::backup::plan_restore`) made for `backup`: the local settings
/// first, then every database write in ONE transaction, so either all of it is done or nothing
/// (the settings are put back if the transaction fails). Other tabs are told afterwards.
pub async fn apply(
    db: &Db,
    plan: &RestorePlan,
    backup: &Backup,
    on_progress: impl Fn(Progress),
) -> Result<(), StoreError> {
    let ready = prepare(&plan.writes, &on_progress).await?;
    let saved = write_local(&plan.local)?;
    if let Err(e) = write_all(db, &ready, &on_progress).await {
        restore_local(&saved);
        return Err(e);
    }
    // The data restored is as safe as the backup it came from.
    if last_backup(db).await.ok().flatten() < Some(backup.created_at) {
        let _ = record_backup(db, backup.created_at).await;
    }
    super::broadcast::announce_restored();
    Ok(())
}

/// Carries out raw writes in one transaction (tests: a plan with a write the database refuses
/// must leave everything as it was).
pub async fn apply_writes(db: &Db, writes: &[Write]) -> Result<(), StoreError> {
    let ready = prepare(writes, &|_| {}).await?;
    write_all(db, &ready, &|_| {}).await
}

/// How many cases are stored.
pub async fn case_count(db: &Db) -> Result<usize, StoreError> {
    let tx = db.raw()?.transaction("cases").build()?;
    let n = tx.object_store("cases")?.count().await?;
    Ok(n as usize)
}
