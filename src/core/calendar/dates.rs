//! Dates as the user types and reads them: parsing `YYYY-MM-DD` with Chinese errors, and
//! Chinese formatting with the weekday.

use chrono::{Datelike, NaiveDate, Weekday};

/// The first year the calculator accepts. Wide enough for any case the app handles, narrow
/// enough that adding the longest period never leaves the dates chrono can represent.
pub const MIN_SUPPORTED_YEAR: i32 = 1900;
/// The last year the calculator accepts.
pub const MAX_SUPPORTED_YEAR: i32 = 2199;

/// Whether `date` lies in the supported years.
pub fn is_supported_date(date: NaiveDate) -> bool {
    (MIN_SUPPORTED_YEAR..=MAX_SUPPORTED_YEAR).contains(&date.year())
}

/// Why a typed date was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateInputError {
    /// Nothing was typed.
    #[error("请输入日期，格式为“年-月-日”，例如 2026-10-09")]
    Empty,
    /// The text is not in the `YYYY-MM-DD` shape.
    #[error("“{0}”不是“年-月-日”格式的日期，请按 2026-10-09 这样的格式输入")]
    WrongFormat(String),
    /// The month is not 1–12.
    #[error("没有{month}月，月份应在1至12之间")]
    NoSuchMonth {
        /// The month typed.
        month: u32,
    },
    /// The day does not exist in that month.
    #[error("{year}年{month}月没有{day}日")]
    NoSuchDay {
        /// The year typed.
        year: i32,
        /// The month typed.
        month: u32,
        /// The day typed.
        day: u32,
    },
    /// The year is outside the supported range.
    #[error("只能计算{MIN_SUPPORTED_YEAR}年至{MAX_SUPPORTED_YEAR}年之间的日期")]
    OutOfRange {
        /// The year typed.
        year: i32,
    },
}

/// Parses `YYYY-MM-DD` (a browser date field's value). Also accepts one-digit months and days
/// and `/` as the separator, since people type `2026/1/5`. Surrounding spaces are ignored.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateInputError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DateInputError::Empty);
    }
    let wrong = || DateInputError::WrongFormat(text.to_string());
    let separator = if text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = text.split(separator).collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(wrong());
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2) {
        return Err(wrong());
    }
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse(), day.parse()) else {
        return Err(wrong());
    };
    if !(1..=12).contains(&month) {
        return Err(DateInputError::NoSuchMonth { month });
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(DateInputError::NoSuchDay {
        year,
        month,
        day,
    })?;
    if !is_supported_date(date) {
        return Err(DateInputError::OutOfRange { year });
    }
    Ok(date)
}

/// 星期一 … 星期日.
pub fn weekday_cn(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// A date in Chinese with its weekday, e.g. 2026年10月9日（星期五）.
pub fn format_date_cn(date: NaiveDate) -> String {
    format!(
        "{}年{}月{}日（{}）",
        date.year(),
        date.month(),
        date.day(),
        weekday_cn(date.weekday())
    )
}
