//! Saving text the app produced as a file on the user's machine: a Blob behind an object URL,
//! clicked through a temporary `<a download>`; nothing leaves the machine.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Offers `text` as a download named `file_name`. The error is a Chinese sentence for the user.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件，请重试。".to_owned();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "浏览器未能生成下载文件，请重试。".to_owned())?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "浏览器未能生成下载文件，请重试。".to_owned())?;
    link.set_attribute("href", &url).map_err(fail)?;
    link.set_attribute("download", file_name).map_err(fail)?;
    link.click();
    // The download has started from the click; the URL is released once this task is over so
    // the Blob does not stay in memory for the life of the page.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}
