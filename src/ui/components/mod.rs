//! Reusable components, one per file, each named after its file.

pub mod confirmation_tag;
pub mod error_summary;
pub mod highlighted;
pub mod month_grid;
pub mod page_title;
pub mod storage_banner;
