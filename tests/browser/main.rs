//! Browser tests: run in headless Chromium by wasm-bindgen-test-runner (`make test`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod store_attachments;
mod store_backup;
mod store_case_rows;
mod store_cases;
mod store_db;
mod store_documents;
mod store_two_tabs;
mod ui_routes;
