//! Reusable components, one per file, each named after its file.

pub mod backup_export;
pub mod backup_reminder;
pub mod backup_restore;
pub mod case_documents;
pub mod case_form;
pub mod confirmation_tag;
pub mod document_sheet;
pub mod draft_evidence;
pub mod error_summary;
pub mod event_form;
pub mod evidence_files;
pub mod highlighted;
pub mod holiday_import;
pub mod holiday_years;
pub mod month_grid;
pub mod no_case_storage;
pub mod page_title;
pub mod progress_bar;
pub mod readings_form;
pub mod storage_banner;
pub mod storage_status;
pub mod unit_settings_form;
pub mod year_arrangement_form;
