//! The full backup of one machine's data (issue 7): every record of every IndexedDB store as
//! JSON, evidence files inside it as base64 with their type, size and SHA-256, and the unit's
//! settings and readings. The file is versioned and checksummed like the application package
//! (`core::application`); reading it checks size, format, version, schema, checksum, limits and
//! every record before anything is used, so a backup is accepted whole or refused whole.
//!
//! Restoring plans a merge (the newer revision of each record wins; conflicts are listed) or a
//! replacement of everything (`merge`). The reminder to back up is decided here too, with
//! `today` as a parameter (`reminder`).

mod format;
mod merge;
mod reminder;

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::core::attachment::attachment_checksum;
use crate::core::case::MAX_ATTACHMENT_BYTES;
use crate::core::deadline::Readings;
use crate::core::settings::Settings;

pub use format::{BackupReader, BackupWriter, BodyReader, parse_backup};
pub use merge::{
    Conflict, RestoreMode, RestorePlan, Side, StoreShape, StoreSummary, Write, plan_restore,
};
pub use reminder::{BackupReminder, REMINDER_DAYS, backup_reminder};

/// The file's `format` value.
pub const BACKUP_FORMAT: &str = "weiquan-backup";
/// The format version this build writes and reads.
pub const BACKUP_VERSION: u32 = 1;
/// Largest backup file accepted or written (256 MiB): the browser holds the whole file in
/// memory while reading or writing it.
pub const MAX_BACKUP_BYTES: usize = 256 * 1024 * 1024;
/// Most records in one backup, over all stores.
pub const MAX_BACKUP_RECORDS: usize = 500_000;
/// Most stores one backup may list (the schema has far fewer).
pub const MAX_BACKUP_STORES: usize = 64;
/// Largest file inside a backup: the evidence file limit.
pub const MAX_BLOB_BYTES: u64 = MAX_ATTACHMENT_BYTES;
/// Longest MIME type of a file inside a backup.
pub const MAX_BLOB_TYPE_CHARS: usize = 255;
/// The property that marks a file inside a record.
pub const BLOB_MARKER: &str = "$blob";

/// The unit's settings kept in local storage, as backed up. Quiz progress and the intake form's
/// unsaved draft are not backed up: they belong to one person's moment at this machine, and
/// restoring them would overwrite what someone is doing now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupLocal {
    /// The unit, its level and the operator; `None` when not yet set.
    pub settings: Option<Settings>,
    /// The readings of ambiguous periods; `None` when the defaults were never changed.
    pub readings: Option<Readings>,
}

/// Everything a backup holds (or what this machine holds, to compare with one): the records of
/// each store by store name, as JSON objects with files as blob markers, and the local settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataSet {
    /// Store name → its records.
    pub stores: BTreeMap<String, Vec<Value>>,
    /// The settings kept in local storage.
    pub local: BackupLocal,
}

impl DataSet {
    /// How many records of `store` it holds.
    pub fn count(&self, store: &str) -> usize {
        self.stores.get(store).map_or(0, Vec::len)
    }

    /// How many records it holds in all.
    pub fn total(&self) -> usize {
        self.stores.values().map(Vec::len).sum()
    }
}

/// A verified backup.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// When it was made (Asia/Shanghai local time).
    pub created_at: chrono::NaiveDateTime,
    /// The database schema version it was taken from.
    pub schema_version: u32,
    /// The version of the app that wrote it.
    pub app_version: String,
    /// Its data.
    pub data: DataSet,
    /// The checksum of its body (lower-case hex).
    pub sha256: String,
}

/// Why a backup was refused (nothing of it is used) or could not be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// Larger than [`MAX_BACKUP_BYTES`].
    #[error("文件过大（{0}字节），备份文件不超过256MB。请确认选择的是维权工作台的备份文件。")]
    TooLarge(usize),
    /// The data would make a file larger than [`MAX_BACKUP_BYTES`].
    #[error(
        "本机数据（含附件）超过单个备份文件的上限256MB，无法生成备份。请先删除不需要的附件，或联系维护人员。"
    )]
    ExportTooLarge,
    /// Empty.
    #[error("文件是空的，请重新选择备份文件。")]
    Empty,
    /// The JSON ends early.
    #[error("备份文件不完整（可能下载或复制时被截断），不能恢复。请选择完整的备份文件。")]
    Truncated,
    /// Not JSON, or not this app's backup.
    #[error("这不是维权工作台的备份文件，请选择在“设置 → 备份与恢复”中生成的文件。")]
    Foreign,
    /// A format version this build cannot read.
    #[error("备份文件的格式版本（{0}）不受支持，请更新本系统后再恢复。")]
    UnsupportedVersion(u64),
    /// Written from a newer database schema than this build knows.
    #[error("备份来自更新版本的维权工作台（数据结构版本{0}），请先更新本系统后再恢复。")]
    NewerSchema(u32),
    /// Fields missing, extra or of the wrong type.
    #[error("备份文件的格式不正确（{0}），不能恢复。")]
    Schema(String),
    /// The checksum does not match the content.
    #[error("备份文件的校验值与内容不符，文件已损坏或被修改过，不能恢复。")]
    Tampered,
    /// A store this build does not know.
    #[error("备份中有本系统不认识的数据类别“{0}”，不能恢复。请更新本系统后再试。")]
    UnknownStore(String),
    /// A store listed twice.
    #[error("备份中数据类别“{0}”出现了两次，文件有误，不能恢复。")]
    DuplicateStore(String),
    /// More records than [`MAX_BACKUP_RECORDS`].
    #[error("备份中的记录超过{max}条的上限，不能恢复。")]
    TooManyRecords {
        /// The limit.
        max: usize,
    },
    /// A record failed its checks.
    #[error("备份中“{store}”的第{index}条记录有误（{reason}），不能恢复。")]
    BadRecord {
        /// The store.
        store: String,
        /// Its position in the store, from 1.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// Two records of one store share a key.
    #[error("备份中“{store}”有两条记录的编号相同（{key}），不能恢复。")]
    DuplicateKey {
        /// The store.
        store: String,
        /// The key, as shown.
        key: String,
    },
    /// The restored data would break a unique index (two documents with one number).
    #[error(
        "合并后“{store}”中会有两条记录的{what}相同（{value}），无法合并；本机数据没有改动。可改用“替换”恢复，或先处理重复的记录。"
    )]
    UniqueClash {
        /// The store.
        store: String,
        /// What must be unique, e.g. 文书编号.
        what: String,
        /// The clashing value.
        value: String,
    },
}

/// A file inside a record, decoded and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobData {
    /// The MIME type.
    pub mime: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The blob marker of a file for a backup: `{"$blob": {"type", "size", "sha256", "base64"}}`.
pub fn blob_value(mime: &str, bytes: &[u8]) -> Value {
    let mut inner = Map::new();
    inner.insert("type".into(), Value::String(mime.to_owned()));
    inner.insert("size".into(), Value::from(bytes.len() as u64));
    inner.insert("sha256".into(), Value::String(attachment_checksum(bytes)));
    inner.insert("base64".into(), Value::String(STANDARD.encode(bytes)));
    let mut outer = Map::new();
    outer.insert(BLOB_MARKER.into(), Value::Object(inner));
    Value::Object(outer)
}

/// The marker of a file whose bytes are not needed (this machine's data compared with a
/// backup): its type and size only.
pub fn blob_summary(mime: &str, size: u64) -> Value {
    let mut inner = Map::new();
    inner.insert("type".into(), Value::String(mime.to_owned()));
    inner.insert("size".into(), Value::from(size));
    let mut outer = Map::new();
    outer.insert(BLOB_MARKER.into(), Value::Object(inner));
    Value::Object(outer)
}

/// The marker's content if `value` is a blob marker.
fn marker(value: &Value) -> Option<&Value> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(BLOB_MARKER),
        _ => None,
    }
}

/// Whether `value` is a blob marker (with or without bytes).
pub fn is_blob(value: &Value) -> bool {
    marker(value).is_some()
}

/// Decodes and checks the file in a blob marker; `None` if `value` is no marker.
pub fn decode_blob(value: &Value) -> Option<Result<BlobData, String>> {
    marker(value).map(decode_marker)
}

fn decode_marker(inner: &Value) -> Result<BlobData, String> {
    let map = inner.as_object().ok_or("文件记录不是对象")?;
    if map.len() != 4 {
        return Err("文件记录的字段不对".into());
    }
    let mime = map
        .get("type")
        .and_then(Value::as_str)
        .ok_or("文件缺少类型")?;
    if mime.chars().count() > MAX_BLOB_TYPE_CHARS || mime.chars().any(char::is_control) {
        return Err("文件类型无效".into());
    }
    let size = map
        .get("size")
        .and_then(Value::as_u64)
        .ok_or("文件缺少大小")?;
    if size > MAX_BLOB_BYTES {
        return Err(format!("文件超过{}MB", MAX_BLOB_BYTES / 1024 / 1024));
    }
    let sha = map
        .get("sha256")
        .and_then(Value::as_str)
        .ok_or("文件缺少校验值")?;
    let data = map
        .get("base64")
        .and_then(Value::as_str)
        .ok_or("文件缺少内容")?;
    // base64 is 4 characters per 3 bytes: a longer text cannot decode to `size` bytes.
    if data.len() as u64 > size.div_ceil(3) * 4 {
        return Err("文件内容与大小不符".into());
    }
    let bytes = STANDARD
        .decode(data)
        .map_err(|_| "文件内容不是有效的 base64 编码".to_owned())?;
    if bytes.len() as u64 != size {
        return Err("文件内容与大小不符".into());
    }
    if !attachment_checksum(&bytes).eq_ignore_ascii_case(sha) {
        return Err("文件内容与校验值不符".into());
    }
    Ok(BlobData {
        mime: mime.to_owned(),
        bytes,
    })
}

/// `value` with every blob marker cut down to its type and size, for comparing this machine's
/// records (read without their bytes) with a backup's.
pub fn comparable(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(inner) = marker(value) {
                let mime = inner.get("type").and_then(Value::as_str).unwrap_or("");
                let size = inner.get("size").and_then(Value::as_u64).unwrap_or(0);
                return blob_summary(mime, size);
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), comparable(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(comparable).collect()),
        other => other.clone(),
    }
}

/// The suggested file name of a backup made at `at`.
pub fn backup_file_name(at: chrono::NaiveDateTime) -> String {
    format!("维权工作台备份-{}.json", at.format("%Y%m%d-%H%M%S"))
}

/// Names of the stores, in Chinese, for previews and messages (the store's own name otherwise).
pub fn store_label(store: &str) -> &str {
    match store {
        "cases" => "案件",
        "case_events" => "办理记录",
        "attachments" => "附件",
        "documents" => "文书",
        "drafts" => "申请草稿",
        "settings" => "本单位设置（数据库）",
        "custom_holidays" => "本单位节假日安排",
        "meta" => "系统记录",
        other => other,
    }
}
