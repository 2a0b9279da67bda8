//! The pure domain core: rules, calendar, deadlines, workflow and validation.
//! No IO, no clock, no randomness, no browser: `today` is always a parameter.

pub mod application;
pub mod attachment;
pub mod backup;
pub mod calendar;
pub mod case;
pub mod case_index;
pub mod dashboard;
pub mod deadline;
pub mod document;
pub mod export;
pub mod guide;
pub mod rules;
pub mod search;
pub mod settings;
pub mod stats;
pub mod training;
pub mod workflow;
