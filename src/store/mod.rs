//! Storage: the IndexedDB database (schema, migrations, typed errors) and the settings kept
//! with gloo-storage. Makes no business decisions: it stores and returns what `core` defines.

pub mod attachments;
pub mod backup;
pub mod broadcast;
pub mod calendar;
pub mod case_draft;
pub mod cases;
pub mod db;
pub mod documents;
pub mod drafts;
pub mod error;
pub mod meta;
pub mod persistence;
pub mod settings;
pub mod training;

pub use db::{DB_NAME, Db, SCHEMA_VERSION};
pub use error::StoreError;
