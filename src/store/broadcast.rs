//! Tells other open tabs of the app that a case changed, or that a backup was restored
//! (BroadcastChannel), so their lists, case pages and settings reload instead of showing stale
//! data.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const CHANNEL: &str = "weiquan.cases";
const RESTORED_CHANNEL: &str = "weiquan.restored";

/// Announces that case `id` was saved at `revision`. Best effort: a browser without
/// BroadcastChannel simply has no cross-tab refresh (saves stay protected by the revision check).
pub fn announce_case_saved(id: &str, revision: u32) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let message = js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from(revision));
        let _ = channel.post_message(&message);
        channel.close();
    }
}

/// Calls `on_change(id, revision)` whenever another tab announces a saved case, for the life of
/// the page.
pub fn listen_case_saved(on_change: impl Fn(String, u32) + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let Ok(array) = data.dyn_into::<js_sys::Array>() else {
                return;
            };
            let id = array.get(0).as_string();
            let revision = array.get(1).as_f64();
            if let (Some(id), Some(revision)) = (id, revision) {
                on_change(id, revision as u32);
            }
        });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // The channel must outlive this function: keep it for the page's lifetime.
    std::mem::forget(channel);
}

/// Announces that a backup was restored: every case, setting and holiday year may have changed.
pub fn announce_restored() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(RESTORED_CHANNEL) {
        let _ = channel.post_message(&JsValue::TRUE);
        channel.close();
    }
}

/// Calls `on_restored` whenever another tab announces a restore, for the life of the page.
pub fn listen_restored(on_restored: impl Fn() + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(RESTORED_CHANNEL) else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
        on_restored();
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    std::mem::forget(channel);
}
