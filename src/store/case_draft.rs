//! The intake form's draft in local storage (gloo-storage), so that a reload or a closed tab
//! loses nothing typed; cleared once the case is created.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::core::case::CaseInput;

const KEY: &str = "weiquan.case-draft.v1";

/// The form as typed: the case's fields and the receipt time (`YYYY-MM-DDTHH:MM`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseDraft {
    /// The case's fields.
    pub input: CaseInput,
    /// When the office received the application, as typed.
    pub received_at: String,
}

/// The saved draft, if any. An unreadable entry is treated as no draft (it is overwritten by
/// the next keystroke, which holds everything the form shows).
pub fn load() -> Option<CaseDraft> {
    LocalStorage::get::<CaseDraft>(KEY).ok()
}

/// Saves the draft; the error text is Chinese.
pub fn save(draft: &CaseDraft) -> Result<(), String> {
    LocalStorage::set(KEY, draft).map_err(|e| match e {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
            "浏览器存储空间已满，草稿未能自动保存；请尽快提交或复制已填写的内容。".to_owned()
        }
        other => format!("草稿未能自动保存（{other}）；请尽快提交或复制已填写的内容。"),
    })
}

/// Removes the draft (after the case was created, or when the user discards it).
pub fn clear() {
    LocalStorage::delete(KEY);
}
