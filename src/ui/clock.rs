//! Today's date as the 细则 counts it: the calendar day in Asia/Shanghai (UTC+8, no daylight
//! saving since 1991), whatever time zone the browser is set to. The only place the UI reads
//! the clock; the core always receives `today` as a parameter.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta};

/// The current instant as Asia/Shanghai wall-clock time.
pub fn now_shanghai() -> NaiveDateTime {
    let ms = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .naive_utc()
        + TimeDelta::hours(8)
}

/// Today's date in Asia/Shanghai.
pub fn today_shanghai() -> NaiveDate {
    now_shanghai().date()
}
