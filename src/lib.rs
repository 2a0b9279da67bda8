//! 维权工作台: module tree. `core` is pure domain logic and builds everywhere;
//! `store` (IndexedDB, gloo-storage) and `ui` (Leptos) exist only in the browser build.

// No unwrap/expect on data from users, files or storage: enforced in the core and the store.
#[cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]
pub mod core;

#[cfg(target_arch = "wasm32")]
#[cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
