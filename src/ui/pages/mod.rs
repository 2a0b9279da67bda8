//! Pages: one per route, each owning its data loading.

pub mod apply_page;
pub mod article_page;
pub mod calendar_page;
pub mod case_page;
pub mod cases_page;
pub mod guide_page;
pub mod home_page;
pub mod import_case_page;
pub mod new_case_page;
pub mod not_found_page;
pub mod rules_page;
pub mod settings_page;
pub mod stats_page;
pub mod training_page;
