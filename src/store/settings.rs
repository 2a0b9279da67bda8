//! The unit's settings in the browser's local storage (gloo-storage), validated on the way in
//! and on the way out: a hand-edited or damaged entry is reported, never trusted.

use gloo_storage::{LocalStorage, Storage};

use crate::core::settings::{Settings, SettingsInput, validate};

/// The local storage key (the backup reads and restores it).
pub(crate) const KEY: &str = "weiquan.settings.v1";

/// What was found in local storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing saved yet: the app asks for the settings.
    Missing,
    /// Valid settings.
    Valid(Settings),
    /// Something was there but did not pass validation; it is left untouched.
    Invalid,
}

/// Loads the settings.
pub fn load() -> Loaded {
    match LocalStorage::get::<Settings>(KEY) {
        Ok(s) => match validate(&SettingsInput::from(&s)) {
            Ok(valid) => Loaded::Valid(valid),
            Err(_) => Loaded::Invalid,
        },
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Loaded::Missing,
        Err(_) => Loaded::Invalid,
    }
}

/// Saves validated settings; the error text is Chinese and says what to do.
pub fn save(settings: &Settings) -> Result<(), String> {
    LocalStorage::set(KEY, settings).map_err(|e| match e {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
            "浏览器存储空间已满，设置未保存。请清理浏览器数据后重试。".to_owned()
        }
        other => format!("设置未能保存（{other}）。请确认浏览器允许本站保存数据后重试。"),
    })
}
