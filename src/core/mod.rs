//! The pure domain core: rules, calendar, deadlines, workflow and validation.
//! No IO, no clock, no randomness, no browser: `today` is always a parameter.

pub mod attachment;
pub mod calendar;
pub mod case;
pub mod dashboard;
pub mod deadline;
pub mod guide;
pub mod rules;
pub mod search;
pub mod settings;
pub mod training;
pub mod workflow;
