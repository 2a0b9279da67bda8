//! Reusable components, one per file, each named after its file.

pub mod case_form;
pub mod error_summary;
pub mod event_form;
pub mod highlighted;
pub mod month_grid;
pub mod page_title;
pub mod storage_banner;
