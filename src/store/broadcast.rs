//! Tells other open tabs of the app that a case changed (BroadcastChannel), so their lists and
//! case pages reload instead of showing stale data.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const CHANNEL: &str = "weiquan.cases";

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
