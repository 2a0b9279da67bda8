//! The quiz in progress in the browser's local storage (gloo-storage), so that a reload or a
//! closed tab resumes it where the user left off. Whether it still fits the bank is for the
//! caller to check (`Quiz::check`): this module only stores and returns it.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::core::training::{Feedback, Quiz, Selection};

const KEY: &str = "weiquan.training.v1";

/// A quiz as the training page left it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuiz {
    /// Which questions the quiz asks.
    pub selection: Selection,
    /// The order and the answers so far.
    pub quiz: Quiz,
    /// The feedback on the last answer, while the user is still reading it.
    pub feedback: Option<Feedback>,
}

/// What was found in local storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// No quiz in progress.
    Missing,
    /// A quiz, not yet checked against the bank.
    Found(SavedQuiz),
    /// Something was there but could not be read as a quiz.
    Unreadable,
}

/// Loads the saved quiz.
pub fn load() -> Loaded {
    match LocalStorage::get::<SavedQuiz>(KEY) {
        Ok(saved) => Loaded::Found(saved),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Loaded::Missing,
        Err(_) => Loaded::Unreadable,
    }
}

/// Saves the quiz; the error text is Chinese and says what it means for the user.
pub fn save(saved: &SavedQuiz) -> Result<(), String> {
    LocalStorage::set(KEY, saved).map_err(|e| match e {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
            "浏览器存储空间已满，练习进度未能保存：关闭或刷新页面后需要从头开始。".to_owned()
        }
        other => format!(
            "练习进度未能保存（{other}）：关闭或刷新页面后需要从头开始。请确认浏览器允许本站保存数据。"
        ),
    })
}

/// Forgets the saved quiz.
pub fn clear() {
    LocalStorage::delete(KEY);
}
