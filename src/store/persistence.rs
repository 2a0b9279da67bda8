//! The browser's storage manager (`navigator.storage`): whether this site's data is kept
//! persistently, a request to make it so, and how much space it uses. Chromium and Firefox
//! expose it only in a secure context (HTTPS or the local machine).

use thiserror::Error;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// Why the storage manager could not answer.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PersistenceError {
    /// The page is not a secure context, so the browser hides `navigator.storage`.
    #[error(
        "当前页面不是安全上下文（没有通过 HTTPS 打开），浏览器不提供存储管理功能，无法申请持久保存。请让信息通信部门为内网站点配置 HTTPS 后再使用。"
    )]
    InsecureContext,
    /// The browser has no storage manager at all.
    #[error("此浏览器不支持存储管理功能（navigator.storage），无法查询或申请持久保存。")]
    Unsupported,
    /// The browser refused or failed the call.
    #[error("浏览器未能完成此操作：{0}")]
    Failed(String),
}

/// Space used by this site and the most it may use, in bytes, as the browser estimates them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    /// Bytes used by this site (IndexedDB, local storage, caches).
    pub usage: f64,
    /// Bytes this site may use before writes fail.
    pub quota: f64,
}

/// Whether the page runs in a secure context (HTTPS, or `localhost`/`127.0.0.1`).
pub fn is_secure_context() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

fn manager() -> Result<StorageManager, PersistenceError> {
    let navigator = web_sys::window()
        .ok_or(PersistenceError::Unsupported)?
        .navigator();
    // web-sys types `navigator.storage` as always present; outside a secure context it is
    // `undefined`, so look before calling methods on it.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into())
        .map_err(|e| PersistenceError::Failed(describe(&e)))?;
    if storage.is_undefined() || storage.is_null() {
        return Err(if is_secure_context() {
            PersistenceError::Unsupported
        } else {
            PersistenceError::InsecureContext
        });
    }
    Ok(storage.unchecked_into())
}

async fn settle(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Result<wasm_bindgen::JsValue, PersistenceError> {
    let promise = promise.map_err(|e| PersistenceError::Failed(describe(&e)))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| PersistenceError::Failed(describe(&e)))
}

/// Whether the browser has granted persistent storage: data then survives storage pressure
/// and is removed only by the user.
pub async fn persisted() -> Result<bool, PersistenceError> {
    let value = settle(manager()?.persisted()).await?;
    Ok(value.as_bool().unwrap_or(false))
}

/// Asks the browser for persistent storage; `Ok(false)` when it declines. Chromium decides by
/// itself (by how the site is used), Firefox asks the user.
pub async fn request_persist() -> Result<bool, PersistenceError> {
    let value = settle(manager()?.persist()).await?;
    Ok(value.as_bool().unwrap_or(false))
}

/// The browser's estimate of the space this site uses and may use.
pub async fn estimate() -> Result<Usage, PersistenceError> {
    let value = settle(manager()?.estimate()).await?;
    let estimate: StorageEstimate = value.unchecked_into();
    Ok(Usage {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
    })
}

fn describe(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "未知错误".to_owned())
}
