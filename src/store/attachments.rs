//! Evidence files in IndexedDB: one record per file in `attachments`, its metadata as plain
//! properties (for the `by_case` and `by_draft` indexes) and its bytes as a JS `Blob`, which the
//! browser keeps on disk, so listing a case's files does not load their contents.
//!
//! A file is attached to a case in two steps, because the case is saved through
//! [`super::cases::save`] in its own transaction: the files are written first (all in one
//! transaction), then the case; if the case save fails, [`attach_to_case`] deletes the files
//! again, so no file is left that the case does not list.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{Db, StoreError};
use crate::core::workflow::Case;

const ATTACHMENTS: &str = "attachments";

/// A file's metadata as stored next to its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentMeta {
    /// The key (the core's `AttachmentRef::id`).
    pub id: String,
    /// The case it belongs to, if any.
    pub case_id: Option<String>,
    /// The draft it belongs to, if any.
    pub draft_id: Option<String>,
    /// The display name (already cleaned by the core).
    pub file_name: String,
    /// The MIME type.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes (hex), from `core::attachment::attachment_checksum`.
    pub sha256: String,
    /// When it was added (ISO date-time, Asia/Shanghai).
    pub added_at: String,
}

/// A file to store: its metadata and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentRecord {
    /// The metadata.
    pub meta: AttachmentMeta,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

fn other(e: JsValue) -> StoreError {
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

fn set(obj: &Object, key: &str, value: &JsValue) -> Result<(), StoreError> {
    Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(other)
}

fn to_js(record: &AttachmentRecord) -> Result<JsValue, StoreError> {
    let m = &record.meta;
    let obj = Object::new();
    set(&obj, "id", &m.id.as_str().into())?;
    // An absent property keeps the record out of that index.
    if let Some(case_id) = &m.case_id {
        set(&obj, "case_id", &case_id.as_str().into())?;
    }
    if let Some(draft_id) = &m.draft_id {
        set(&obj, "draft_id", &draft_id.as_str().into())?;
    }
    set(&obj, "file_name", &m.file_name.as_str().into())?;
    set(&obj, "mime", &m.mime.as_str().into())?;
    set(&obj, "size", &JsValue::from_f64(m.size as f64))?;
    set(&obj, "sha256", &m.sha256.as_str().into())?;
    set(&obj, "added_at", &m.added_at.as_str().into())?;
    let parts = js_sys::Array::of1(&Uint8Array::from(record.bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&m.mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(other)?;
    set(&obj, "blob", &blob)?;
    Ok(obj.into())
}

fn text(obj: &JsValue, key: &str) -> Result<String, StoreError> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| StoreError::Corrupt(format!("附件记录缺少 {key}")))
}

fn optional(obj: &JsValue, key: &str) -> Option<String> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

fn meta_of(obj: &JsValue) -> Result<AttachmentMeta, StoreError> {
    let size = Reflect::get(obj, &JsValue::from_str("size"))
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|s| *s >= 0.0)
        .ok_or_else(|| StoreError::Corrupt("附件记录缺少 size".into()))?;
    Ok(AttachmentMeta {
        id: text(obj, "id")?,
        case_id: optional(obj, "case_id"),
        draft_id: optional(obj, "draft_id"),
        file_name: text(obj, "file_name")?,
        mime: text(obj, "mime")?,
        size: size as u64,
        sha256: text(obj, "sha256")?,
        added_at: text(obj, "added_at")?,
    })
}

fn blob_of(obj: &JsValue) -> Result<web_sys::Blob, StoreError> {
    Reflect::get(obj, &JsValue::from_str("blob"))
        .ok()
        .and_then(|v| v.dyn_into::<web_sys::Blob>().ok())
        .ok_or_else(|| StoreError::Corrupt("附件记录缺少文件内容".into()))
}

/// Writes the files in one transaction, committed explicitly: all of them or none (a full
/// storage reports `StoreError::QuotaExceeded` and leaves nothing behind).
pub async fn put_all(db: &Db, records: &[AttachmentRecord]) -> Result<(), StoreError> {
    let values = records.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
    let tx = db
        .raw()?
        .transaction(ATTACHMENTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(ATTACHMENTS)?;
    for value in values {
        store.put(value).primitive()?.await?;
    }
    super::db::commit(tx).await?;
    Ok(())
}

/// Writes one file (see [`put_all`]).
pub async fn put(db: &Db, record: &AttachmentRecord) -> Result<(), StoreError> {
    put_all(db, std::slice::from_ref(record)).await
}

/// The metadata and the bytes (as a `Blob`) of file `id`, if stored.
pub async fn get_blob(
    db: &Db,
    id: &str,
) -> Result<Option<(AttachmentMeta, web_sys::Blob)>, StoreError> {
    let tx = db.raw()?.transaction(ATTACHMENTS).build()?;
    let found: Option<JsValue> = tx.object_store(ATTACHMENTS)?.get(id).primitive()?.await?;
    match found {
        None => Ok(None),
        Some(obj) => Ok(Some((meta_of(&obj)?, blob_of(&obj)?))),
    }
}

/// Reads a `Blob`'s bytes.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, StoreError> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(other)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The metadata and bytes of file `id`, if stored.
pub async fn get(db: &Db, id: &str) -> Result<Option<AttachmentRecord>, StoreError> {
    match get_blob(db, id).await? {
        None => Ok(None),
        Some((meta, blob)) => Ok(Some(AttachmentRecord {
            meta,
            bytes: blob_bytes(&blob).await?,
        })),
    }
}

/// The metadata of every file stored for case `case_id`, oldest first.
pub async fn list_for_case(db: &Db, case_id: &str) -> Result<Vec<AttachmentMeta>, StoreError> {
    let tx = db.raw()?.transaction(ATTACHMENTS).build()?;
    let store = tx.object_store(ATTACHMENTS)?;
    let index = store.index("by_case")?;
    let rows = index
        .get_all::<JsValue>()
        .with_query(case_id)
        .primitive()?
        .await?;
    let mut out = Vec::new();
    for row in rows {
        out.push(meta_of(&row?)?);
    }
    out.sort_by(|a, b| a.added_at.cmp(&b.added_at).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// The metadata of every file stored for application draft `draft_id`, oldest first.
pub async fn list_for_draft(db: &Db, draft_id: &str) -> Result<Vec<AttachmentMeta>, StoreError> {
    let tx = db.raw()?.transaction(ATTACHMENTS).build()?;
    let store = tx.object_store(ATTACHMENTS)?;
    let index = store.index("by_draft")?;
    let rows = index
        .get_all::<JsValue>()
        .with_query(draft_id)
        .primitive()?
        .await?;
    let mut out = Vec::new();
    for row in rows {
        out.push(meta_of(&row?)?);
    }
    out.sort_by(|a, b| a.added_at.cmp(&b.added_at).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Deletes every file of application draft `draft_id` (when the draft is deleted for good).
pub async fn delete_for_draft(db: &Db, draft_id: &str) -> Result<(), StoreError> {
    let ids: Vec<String> = list_for_draft(db, draft_id)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    delete_all(db, &ids).await
}

/// Deletes the files `ids` in one transaction (absent ids are ignored).
pub async fn delete_all(db: &Db, ids: &[String]) -> Result<(), StoreError> {
    let tx = db
        .raw()?
        .transaction(ATTACHMENTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(ATTACHMENTS)?;
    for id in ids {
        store.delete(id.as_str()).primitive()?.await?;
    }
    super::db::commit(tx).await?;
    Ok(())
}

/// Deletes file `id`.
pub async fn delete(db: &Db, id: &str) -> Result<(), StoreError> {
    delete_all(db, &[id.to_owned()]).await
}

/// Stores `records` and then saves `case` (which lists them, built from the stored revision
/// `based_on` by the core's `FactsAmended`); if the case save fails the files are deleted
/// again and the case's error is returned.
pub async fn attach_to_case(
    db: &Db,
    records: &[AttachmentRecord],
    case: &Case,
    based_on: u32,
    next_due: Option<chrono::NaiveDate>,
) -> Result<(), StoreError> {
    put_then(
        db,
        records,
        super::cases::save(db, case, based_on, next_due),
    )
    .await
}

/// Stores `records` (an imported application's files) and then creates `case`, which lists
/// them, with its package checksum; if the case is not created the files are deleted again, so
/// an import adds the case with all its files or nothing.
pub async fn create_with_files(
    db: &Db,
    records: &[AttachmentRecord],
    case: &Case,
    next_due: Option<chrono::NaiveDate>,
    package_sha256: Option<&str>,
) -> Result<(), StoreError> {
    put_then(
        db,
        records,
        super::cases::create(db, case, next_due, package_sha256),
    )
    .await
}

/// Stores `records`, then runs `write` (the case write that lists them); if it fails the files
/// are deleted again and its error is returned, so no file outlives a case write that failed.
async fn put_then(
    db: &Db,
    records: &[AttachmentRecord],
    write: impl std::future::Future<Output = Result<(), StoreError>>,
) -> Result<(), StoreError> {
    put_all(db, records).await?;
    if let Err(e) = write.await {
        let ids: Vec<String> = records.iter().map(|r| r.meta.id.clone()).collect();
        // Best effort: the case's error is what the user needs to see.
        let _ = delete_all(db, &ids).await;
        return Err(e);
    }
    Ok(())
}

/// Moves the files `ids` of draft `draft_id` to `case` and creates the case (the intake form's
/// files): the files are rewritten with the case's id first; if the case is not created they are
/// put back under the draft, so nothing typed or attached is lost and no file is left on a case
/// that does not exist.
pub async fn create_from_draft(
    db: &Db,
    draft_id: &str,
    ids: &[String],
    case: &Case,
    next_due: Option<chrono::NaiveDate>,
) -> Result<(), StoreError> {
    let mut originals = Vec::new();
    for id in ids {
        match get(db, id).await? {
            Some(record) if record.meta.draft_id.as_deref() == Some(draft_id) => {
                originals.push(record)
            }
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "草稿的证据文件（{id}）在本机找不到，请删除该文件后重新添加"
                )));
            }
        }
    }
    let moved: Vec<AttachmentRecord> = originals
        .iter()
        .map(|r| AttachmentRecord {
            meta: AttachmentMeta {
                case_id: Some(case.id().as_str().to_owned()),
                draft_id: None,
                ..r.meta.clone()
            },
            bytes: r.bytes.clone(),
        })
        .collect();
    put_all(db, &moved).await?;
    if let Err(e) = super::cases::create(db, case, next_due, None).await {
        // Best effort: the case's error is what the user needs to see.
        let _ = put_all(db, &originals).await;
        return Err(e);
    }
    Ok(())
}

/// Saves `case` (which no longer lists file `id`, recorded as `FactsAmended`) and then deletes
/// the file's bytes; if the case save fails, the file stays.
pub async fn remove_from_case(
    db: &Db,
    id: &str,
    case: &Case,
    based_on: u32,
    next_due: Option<chrono::NaiveDate>,
) -> Result<(), StoreError> {
    super::cases::save(db, case, based_on, next_due).await?;
    delete(db, id).await
}
