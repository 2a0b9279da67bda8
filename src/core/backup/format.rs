//! The backup file: `{"format":"weiquan-backup","version":1,"body":{…},"sha256":"…"}`, the
//! checksum over the exact bytes of `body`. The body is
//! `{"created_at","schema_version","app_version","local":{settings,readings},"stores":[{"name",
//! "records":[…]}…]}`. Writing and reading both go in steps so the browser can show progress and
//! stay responsive between them; [`parse_backup`] runs every reading step at once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::merge::{StoreShape, key_of};
use super::{
    BACKUP_FORMAT, BACKUP_VERSION, Backup, BackupError, BackupLocal, DataSet, MAX_BACKUP_BYTES,
    MAX_BACKUP_RECORDS, MAX_BACKUP_STORES, is_blob,
};
use crate::core::calendar::{CustomYear, validate_year_arrangement};
use crate::core::workflow::{Case, EventRecord};

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";
/// Bytes hashed before the writer or reader hands control back.
const HASH_CHUNK: usize = 1024 * 1024;

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn json_string(s: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// Builds a backup file record by record, hashing the body as it grows.
pub struct BackupWriter {
    text: String,
    hasher: Sha256,
    body_start: usize,
    hashed: usize,
    first_store: bool,
    first_record: bool,
    records: usize,
}

impl BackupWriter {
    /// Starts a backup made at `created_at` from schema `schema_version` by app `app_version`.
    pub fn new(
        created_at: NaiveDateTime,
        schema_version: u32,
        app_version: &str,
        local: &BackupLocal,
    ) -> Self {
        let mut text = format!(
            "{{\"format\":{},\"version\":{BACKUP_VERSION},\"body\":",
            json_string(BACKUP_FORMAT)
        );
        let body_start = text.len();
        // Settings and readings are plain structs: serializing them cannot fail.
        let local = serde_json::to_string(local).unwrap_or_else(|_| "{}".into());
        text.push_str(&format!(
            "{{\"created_at\":{},\"schema_version\":{schema_version},\"app_version\":{},\"local\":{local},\"stores\":[",
            json_string(&created_at.format(TIME_FORMAT).to_string()),
            json_string(app_version),
        ));
        Self {
            text,
            hasher: Sha256::new(),
            body_start,
            hashed: body_start,
            first_store: true,
            first_record: true,
            records: 0,
        }
    }

    fn hash_pending(&mut self, all: bool) {
        let pending = self.text.len() - self.hashed;
        if all || pending >= HASH_CHUNK {
            self.hasher.update(&self.text.as_bytes()[self.hashed..]);
            self.hashed = self.text.len();
        }
    }

    /// Opens the list of records of store `name`.
    pub fn begin_store(&mut self, name: &str) {
        if !self.first_store {
            self.text.push(',');
        }
        self.first_store = false;
        self.first_record = true;
        self.text
            .push_str(&format!("{{\"name\":{},\"records\":[", json_string(name)));
    }

    /// Adds one record (files inside it as [`super::blob_value`] markers). Refuses once the
    /// file would pass [`MAX_BACKUP_BYTES`] or [`MAX_BACKUP_RECORDS`].
    pub fn push_record(&mut self, record: &Value) -> Result<(), BackupError> {
        self.records += 1;
        if self.records > MAX_BACKUP_RECORDS {
            return Err(BackupError::TooManyRecords {
                max: MAX_BACKUP_RECORDS,
            });
        }
        if !self.first_record {
            self.text.push(',');
        }
        self.first_record = false;
        let json = serde_json::to_string(record).map_err(|e| BackupError::Schema(e.to_string()))?;
        // 200 bytes leave room for the closing brackets and the checksum.
        if self.text.len() + json.len() + 200 > MAX_BACKUP_BYTES {
            return Err(BackupError::ExportTooLarge);
        }
        self.text.push_str(&json);
        self.hash_pending(false);
        Ok(())
    }

    /// Closes the list opened by [`Self::begin_store`].
    pub fn end_store(&mut self) {
        self.text.push_str("]}");
    }

    /// The size of the file so far, in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether nothing but the header was written (never: the header is always there).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The finished file.
    pub fn finish(mut self) -> String {
        self.text.push_str("]}");
        self.hash_pending(true);
        debug_assert!(self.hashed > self.body_start);
        let sha = hex(&self.hasher.finalize());
        self.text.push_str(&format!(",\"sha256\":\"{sha}\"}}"));
        self.text
    }
}

/// The envelope read loosely, to tell "not a backup" from "a damaged backup".
#[derive(Deserialize)]
struct Loose<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    version: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    #[serde(borrow)]
    body: &'a RawValue,
    sha256: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody<'a> {
    created_at: String,
    schema_version: u32,
    app_version: String,
    local: BackupLocal,
    #[serde(borrow)]
    stores: Vec<RawStore<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStore<'a> {
    name: String,
    #[serde(borrow)]
    records: &'a RawValue,
}

fn syntax(e: &serde_json::Error) -> BackupError {
    if e.is_eof() {
        BackupError::Truncated
    } else {
        BackupError::Foreign
    }
}

/// The first step of reading: the envelope is checked and the body's checksum computed in steps.
pub struct BackupReader<'a> {
    body: &'a str,
    claimed: String,
    hasher: Sha256,
    hashed: usize,
    verified: bool,
}

impl<'a> BackupReader<'a> {
    /// Checks size, format, version and the envelope's fields.
    pub fn open(text: &'a str) -> Result<Self, BackupError> {
        if text.len() > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge(text.len()));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(BackupError::Empty);
        }
        if !text.trim_start().starts_with('{') {
            return Err(BackupError::Foreign);
        }
        let loose: Loose<'_> = serde_json::from_str(text).map_err(|e| syntax(&e))?;
        let format: Option<String> = loose
            .format
            .and_then(|f| serde_json::from_str(f.get()).ok());
        if format.as_deref() != Some(BACKUP_FORMAT) {
            return Err(BackupError::Foreign);
        }
        let version: Option<u64> = loose
            .version
            .and_then(|v| serde_json::from_str(v.get()).ok());
        match version {
            Some(v) if v == u64::from(BACKUP_VERSION) => {}
            Some(v) => return Err(BackupError::UnsupportedVersion(v)),
            None => return Err(BackupError::Schema("缺少版本号".into())),
        }
        let envelope: Envelope<'_> =
            serde_json::from_str(text).map_err(|e| BackupError::Schema(e.to_string()))?;
        if envelope.sha256.len() != 64 || !envelope.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BackupError::Schema("校验值应为64位十六进制数".into()));
        }
        Ok(Self {
            body: envelope.body.get(),
            claimed: envelope.sha256.to_ascii_lowercase(),
            hasher: Sha256::new(),
            hashed: 0,
            verified: false,
        })
    }

    /// The body's size in bytes.
    pub fn body_len(&self) -> usize {
        self.body.len()
    }

    /// How many bytes of the body are hashed.
    pub fn hashed(&self) -> usize {
        self.hashed
    }

    /// Hashes up to 1 MiB more of the body; `Ok(true)` once all of it is hashed and matches.
    pub fn verify_step(&mut self) -> Result<bool, BackupError> {
        if self.verified {
            return Ok(true);
        }
        let end = (self.hashed + HASH_CHUNK).min(self.body.len());
        self.hasher.update(&self.body.as_bytes()[self.hashed..end]);
        self.hashed = end;
        if end < self.body.len() {
            return Ok(false);
        }
        let sha = hex(&std::mem::take(&mut self.hasher).finalize());
        if sha != self.claimed {
            return Err(BackupError::Tampered);
        }
        self.verified = true;
        Ok(true)
    }

    /// The second step: the body's fields, checked against the stores of this build's schema
    /// (`shapes`, version `schema_version`). The checksum must have been verified.
    pub fn body(
        mut self,
        shapes: &[StoreShape],
        schema_version: u32,
    ) -> Result<BodyReader<'a>, BackupError> {
        while !self.verify_step()? {}
        let raw: RawBody<'a> =
            serde_json::from_str(self.body).map_err(|e| BackupError::Schema(e.to_string()))?;
        let created_at = NaiveDateTime::parse_from_str(&raw.created_at, TIME_FORMAT)
            .map_err(|_| BackupError::Schema("备份时间无效".into()))?;
        if raw.schema_version > schema_version {
            return Err(BackupError::NewerSchema(raw.schema_version));
        }
        if raw.schema_version == 0 {
            return Err(BackupError::Schema("数据结构版本无效".into()));
        }
        if raw.app_version.chars().count() > 40 {
            return Err(BackupError::Schema("版本号过长".into()));
        }
        if raw.stores.len() > MAX_BACKUP_STORES {
            return Err(BackupError::Schema("数据类别过多".into()));
        }
        if let Some(settings) = &raw.local.settings {
            use crate::core::settings::{SettingsInput, validate};
            if validate(&SettingsInput::from(settings)).is_err() {
                return Err(BackupError::Schema("本单位设置无效".into()));
            }
        }
        let mut seen = BTreeSet::new();
        let mut stores = Vec::new();
        for store in raw.stores {
            let Some(shape) = shapes.iter().find(|s| s.name == store.name) else {
                return Err(BackupError::UnknownStore(store.name));
            };
            if !seen.insert(store.name.clone()) {
                return Err(BackupError::DuplicateStore(store.name));
            }
            stores.push((shape.clone(), store.records));
        }
        Ok(BodyReader {
            backup: Backup {
                created_at,
                schema_version: raw.schema_version,
                app_version: raw.app_version,
                data: DataSet {
                    stores: BTreeMap::new(),
                    local: raw.local,
                },
                sha256: self.claimed,
            },
            stores,
            next: 0,
            current: None,
            total: 0,
        })
    }
}

/// One store being checked.
struct Current {
    shape: StoreShape,
    records: Vec<Value>,
    checked: usize,
    keys: BTreeSet<String>,
    unique: Vec<BTreeSet<String>>,
}

/// The last step of reading: each store's records parsed and checked, a few at a time.
pub struct BodyReader<'a> {
    backup: Backup,
    stores: Vec<(StoreShape, &'a RawValue)>,
    next: usize,
    current: Option<Current>,
    total: usize,
}

/// Records checked per step.
const RECORDS_PER_STEP: usize = 200;

impl BodyReader<'_> {
    /// How far the checks are, from 0.0 to 1.0.
    pub fn progress(&self) -> f64 {
        if self.stores.is_empty() {
            return 1.0;
        }
        let within = self.current.as_ref().map_or(0.0, |c| {
            if c.records.is_empty() {
                1.0
            } else {
                c.checked as f64 / c.records.len() as f64
            }
        });
        let done = self.next as f64 - if self.current.is_some() { 1.0 } else { 0.0 };
        ((done + within) / self.stores.len() as f64).clamp(0.0, 1.0)
    }

    /// Parses the next store or checks the next few records; `Ok(true)` once all are checked.
    pub fn step(&mut self) -> Result<bool, BackupError> {
        if let Some(current) = &mut self.current {
            let end = (current.checked + RECORDS_PER_STEP).min(current.records.len());
            for index in current.checked..end {
                check_record(
                    &current.shape,
                    &current.records[index],
                    index + 1,
                    &mut current.keys,
                    &mut current.unique,
                )?;
            }
            current.checked = end;
            if end == current.records.len()
                && let Some(done) = self.current.take()
            {
                self.backup
                    .data
                    .stores
                    .insert(done.shape.name.to_owned(), done.records);
            }
            return Ok(false);
        }
        let Some((shape, raw)) = self.stores.get(self.next) else {
            return Ok(true);
        };
        self.next += 1;
        let records: Vec<Value> = serde_json::from_str(raw.get())
            .map_err(|e| BackupError::Schema(format!("“{}”的记录不是列表：{e}", shape.name)))?;
        self.total += records.len();
        if self.total > MAX_BACKUP_RECORDS {
            return Err(BackupError::TooManyRecords {
                max: MAX_BACKUP_RECORDS,
            });
        }
        self.current = Some(Current {
            unique: vec![BTreeSet::new(); shape.unique.len()],
            shape: shape.clone(),
            records,
            checked: 0,
            keys: BTreeSet::new(),
        });
        Ok(false)
    }

    /// The verified backup, once every step is done.
    pub fn finish(mut self) -> Result<Backup, BackupError> {
        while !self.step()? {}
        Ok(self.backup)
    }
}

fn bad(store: &str, index: usize, reason: impl Into<String>) -> BackupError {
    BackupError::BadRecord {
        store: store.to_owned(),
        index,
        reason: reason.into(),
    }
}

/// Every blob marker in `value` decodes and matches its size and checksum.
fn check_blobs(value: &Value, store: &str, index: usize) -> Result<(), BackupError> {
    if let Some(result) = super::decode_blob(value) {
        return result
            .map(|_| ())
            .map_err(|reason| bad(store, index, reason));
    }
    match value {
        Value::Object(map) => {
            if map.contains_key(super::BLOB_MARKER) {
                return Err(bad(store, index, "文件记录的格式不对"));
            }
            map.values().try_for_each(|v| check_blobs(v, store, index))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check_blobs(v, store, index)),
        _ => Ok(()),
    }
}

fn text_field<'v>(
    record: &'v Value,
    field: &str,
    store: &str,
    index: usize,
) -> Result<&'v str, BackupError> {
    record
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(store, index, format!("缺少 {field}")))
}

fn check_record(
    shape: &StoreShape,
    record: &Value,
    index: usize,
    keys: &mut BTreeSet<String>,
    unique: &mut [BTreeSet<String>],
) -> Result<(), BackupError> {
    let store = shape.name;
    if !record.is_object() {
        return Err(bad(store, index, "记录不是对象"));
    }
    let key = key_of(record, shape.key_path).ok_or_else(|| bad(store, index, "缺少编号"))?;
    if !keys.insert(key.clone()) {
        return Err(BackupError::DuplicateKey {
            store: store.to_owned(),
            key: super::merge::display_key(&key),
        });
    }
    for (set, (path, what)) in unique.iter_mut().zip(&shape.unique) {
        if let Some(value) = key_of(record, path)
            && !set.insert(value.clone())
        {
            return Err(BackupError::UniqueClash {
                store: store.to_owned(),
                what: (*what).to_owned(),
                value: super::merge::display_key(&value),
            });
        }
    }
    check_blobs(record, store, index)?;
    match store {
        "cases" => {
            let json = text_field(record, "case_json", store, index)?;
            let case: Case = serde_json::from_str(json)
                .map_err(|e| bad(store, index, format!("案件内容无法读取：{e}")))?;
            let id = text_field(record, "id", store, index)?;
            let revision = record.get("revision").and_then(Value::as_u64);
            if case.id().as_str() != id || revision != Some(u64::from(case.revision())) {
                return Err(bad(store, index, "编号或版本与案件内容不一致"));
            }
        }
        "case_events" => {
            let json = text_field(record, "event_json", store, index)?;
            let event: EventRecord = serde_json::from_str(json)
                .map_err(|e| bad(store, index, format!("办理记录无法读取：{e}")))?;
            if record.get("seq").and_then(Value::as_u64) != Some(u64::from(event.seq)) {
                return Err(bad(store, index, "序号与记录内容不一致"));
            }
        }
        "custom_holidays" => {
            let year: CustomYear = serde_json::from_value(record.clone())
                .map_err(|e| bad(store, index, format!("节假日安排无法读取：{e}")))?;
            if !validate_year_arrangement(year.year, &year.arrangement).is_empty() {
                return Err(bad(
                    store,
                    index,
                    format!("{}年的节假日安排有误", year.year),
                ));
            }
        }
        "attachments" => {
            let blob = record
                .get("blob")
                .filter(|b| is_blob(b))
                .ok_or_else(|| bad(store, index, "缺少文件内容"))?;
            let inner = blob.get(super::BLOB_MARKER);
            let same = |field: &str| inner.and_then(|i| i.get(field)) == record.get(field);
            if !same("size") || !same("sha256") {
                return Err(bad(store, index, "文件的大小或校验值与记录不一致"));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Reads and checks a whole backup at once (see [`BackupReader`] for the same in steps).
pub fn parse_backup(
    text: &str,
    shapes: &[StoreShape],
    schema_version: u32,
) -> Result<Backup, BackupError> {
    BackupReader::open(text)?
        .body(shapes, schema_version)?
        .finish()
}
