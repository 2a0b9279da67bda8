//! The last line of defence: if the app panics, the page says so in Chinese and tells the user
//! what to do, instead of freezing silently. `index.html` holds the hidden message box and a
//! boot script that shows it when the WASM never starts.

use wasm_bindgen::JsCast;

/// Shows the fatal-error box from `index.html` with `detail` as the technical note.
pub fn show_fatal(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.get_element_by_id("fatal-detail") {
        el.set_text_content(Some(detail));
    }
    if let Some(el) = doc
        .get_element_by_id("fatal")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.set_hidden(false);
    }
}

/// Logs panics to the console and shows the fatal-error box.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&info.to_string());
    }));
}

/// Tells the boot script that the app started, so it does not report a load failure.
pub fn mark_ready() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(body) = doc.body() {
        let _ = body.set_attribute("data-app", "ready");
    }
}
