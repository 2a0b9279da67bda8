//! The working-day calendar: which days are 工作日 under the State Council's yearly holiday
//! notices (built in for 2020–2026, layered with a unit's own years), why, and how sure we are.
//!
//! A date is a working day iff it is Monday–Friday and inside no 放假 range, or it is a 调休上班
//! day. A year without data is *unknown*, never holiday-free: its days are judged by weekends
//! only and every answer touching it says so.

mod arrangement;
mod dates;
mod table;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use arrangement::{
    CalendarDataError, CustomYear, HolidayRange, Issue, MAX_CUSTOM_YEAR, MAX_HOLIDAY_NAME_CHARS,
    MAX_HOLIDAYS_PER_YEAR, MAX_IMPORT_BYTES, MAX_IMPORT_YEARS, MAX_WORKDAYS_PER_YEAR,
    MIN_CUSTOM_YEAR, YearArrangement, YearIssues, export_custom_years_json,
    parse_custom_years_json, validate_year_arrangement,
};
pub use dates::{
    DateInputError, MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, format_date_cn, is_supported_date,
    parse_date, weekday_cn,
};

use table::{CellKind, DayNo, Table, date_of, day_no};

/// The built-in table: the 国务院办公厅 notices for 2020–2026 (law-notes.md §6), including the
/// 2020 春节 extension to 2 February (国办发明电〔2020〕1号) that cancelled the 1 February
/// make-up day.
const BUILTIN_JSON: &str = include_str!("../../data/holidays-cn.json");

/// The built-in holiday table's source text (what [`Calendar::builtin`] parses), so that a
/// digest of it can tell when a new build brings other holidays.
pub fn builtin_source() -> &'static str {
    BUILTIN_JSON
}

/// Where a day's or a year's arrangement comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DaySource {
    /// The built-in table of State Council notices.
    Builtin,
    /// A year the unit entered itself.
    Custom,
    /// No arrangement is known: only weekends are taken into account.
    Unknown,
}

impl DaySource {
    /// A short Chinese label for badges.
    pub fn label(self) -> &'static str {
        match self {
            DaySource::Builtin => "内置（国务院办公厅通知）",
            DaySource::Custom => "本单位添加",
            DaySource::Unknown => "未收录，仅按周末推算",
        }
    }
}

/// Whether a 调休上班 weekend day counts as a working day. No statute says so explicitly
/// (law-notes.md §5.2 item 2); the default follows the notices, which make it a day of work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MakeUpDays {
    /// A make-up day is a working day (the default).
    #[default]
    CountAsWorking,
    /// A make-up day stays a rest day, as the weekend it falls on.
    TreatAsRest,
}

impl MakeUpDays {
    /// Every choice, default first.
    pub const ALL: [MakeUpDays; 2] = [MakeUpDays::CountAsWorking, MakeUpDays::TreatAsRest];

    /// The choice in one line of Chinese.
    pub fn label(self) -> &'static str {
        match self {
            MakeUpDays::CountAsWorking => "调休上班日计为工作日",
            MakeUpDays::TreatAsRest => "调休上班日不计为工作日",
        }
    }

    /// Why one would read it this way.
    pub fn explanation(self) -> &'static str {
        match self {
            MakeUpDays::CountAsWorking => {
                "国务院办公厅的放假通知把调休的周六、周日安排为上班日，机关照常办公，常用的节假日数据也把这些日子算作工作日。没有法律条文明确规定这一点，所以这是一种读法，也是本工具的默认读法。"
            }
            MakeUpDays::TreatAsRest => {
                "把调休上班的周六、周日仍当作休息日，不计入以工作日计算的期限，期限因此可能推后。"
            }
        }
    }
}

/// What kind of day a date is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day inside a 放假 range, weekend or not.
    Holiday {
        /// The holiday, e.g. 春节.
        name: String,
    },
    /// A 调休上班 Saturday or Sunday.
    MakeUpWorkday {
        /// The holiday the make-up day was arranged for, when the table shows it unambiguously.
        holiday: Option<String>,
    },
}

impl DayKind {
    /// The explanation shown for the day: 工作日, 周末, the holiday's name, or 调休上班
    /// (with the holiday when known, e.g. 调休上班（春节）).
    pub fn label(&self) -> String {
        match self {
            DayKind::Workday => "工作日".into(),
            DayKind::Weekend => "周末".into(),
            DayKind::Holiday { name } => name.clone(),
            DayKind::MakeUpWorkday {
                holiday: Some(name),
            } => format!("调休上班（{name}）"),
            DayKind::MakeUpWorkday { holiday: None } => "调休上班".into(),
        }
    }
}

/// One day, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// What kind of day it is.
    pub kind: DayKind,
    /// Where that knowledge comes from.
    pub source: DaySource,
}

impl DayInfo {
    /// Whether the day is a working day under the given reading of make-up days.
    pub fn is_working(&self, make_up: MakeUpDays) -> bool {
        match self.kind {
            DayKind::Workday => true,
            DayKind::Weekend | DayKind::Holiday { .. } => false,
            DayKind::MakeUpWorkday { .. } => make_up == MakeUpDays::CountAsWorking,
        }
    }

    /// The day's label, marked when its year is unknown (「工作日（该年安排未收录）」).
    pub fn explain(&self) -> String {
        match self.source {
            DaySource::Unknown => format!("{}（该年安排未收录）", self.kind.label()),
            DaySource::Builtin | DaySource::Custom => self.kind.label(),
        }
    }
}

/// A year and where its arrangement comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearInfo {
    /// The year.
    pub year: i32,
    /// Built in or entered by the unit.
    pub source: DaySource,
}

/// A month laid out for a calendar grid, weeks starting on Monday.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthView {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Empty cells before the 1st in a Monday-first grid (0 when the 1st is a Monday).
    pub leading_blank_days: u32,
    /// Every day of the month in order.
    pub days: Vec<DayInfo>,
    /// Set when the month's year is unknown: why the grid shows weekends only.
    pub unknown_reason: Option<String>,
}

/// The working-day calendar. Cheap to clone (the table is shared).
#[derive(Clone)]
pub struct Calendar {
    table: Arc<Table>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("years", self.table.years())
            .finish()
    }
}

static BUILTIN: OnceLock<Result<Calendar, CalendarDataError>> = OnceLock::new();

fn builtin_years() -> Result<Vec<CustomYear>, CalendarDataError> {
    arrangement::parse_builtin_json(BUILTIN_JSON)
}

impl Calendar {
    /// The built-in calendar, parsed once per process; later calls clone a shared table.
    pub fn try_builtin() -> Result<Calendar, CalendarDataError> {
        BUILTIN
            .get_or_init(|| {
                let years = builtin_years()?;
                Ok(Calendar::from_layers(
                    years.into_iter().map(|y| (y, DaySource::Builtin)),
                ))
            })
            .clone()
    }

    /// The built-in calendar. Should the compiled-in table ever fail to parse (a test guards
    /// against it), this returns a calendar that knows no year, so every answer is marked
    /// provisional rather than silently holiday-free.
    pub fn builtin() -> Calendar {
        Calendar::try_builtin().unwrap_or_else(|_| Calendar {
            table: Arc::new(Table::empty()),
        })
    }

    /// The built-in calendar with the unit's years layered over it: a custom year replaces the
    /// built-in one of the same year entirely. Every year is validated first; all problems are
    /// returned together.
    pub fn with_custom(years: &[CustomYear]) -> Result<Calendar, CalendarDataError> {
        if years.is_empty() {
            return Calendar::try_builtin();
        }
        let mut problems = Vec::new();
        for (i, custom) in years.iter().enumerate() {
            let mut issues = Vec::new();
            if !(MIN_CUSTOM_YEAR..=MAX_CUSTOM_YEAR).contains(&custom.year) {
                issues.push(Issue {
                    field: "year".into(),
                    message: format!(
                        "只能添加{MIN_CUSTOM_YEAR}年至{MAX_CUSTOM_YEAR}年的节假日安排"
                    ),
                });
            }
            issues.extend(arrangement::year_problems(&years[..i], custom));
            if !issues.is_empty() {
                problems.push(YearIssues {
                    year: custom.year,
                    issues,
                });
            }
        }
        if !problems.is_empty() {
            return Err(CalendarDataError::Invalid(problems));
        }
        let layers = builtin_years()?
            .into_iter()
            .map(|y| (y, DaySource::Builtin))
            .chain(years.iter().cloned().map(|y| (y, DaySource::Custom)));
        Ok(Calendar::from_layers(layers))
    }

    fn from_layers(layers: impl Iterator<Item = (CustomYear, DaySource)>) -> Calendar {
        let mut years: BTreeMap<i32, (DaySource, YearArrangement)> = BTreeMap::new();
        for (custom, source) in layers {
            years.insert(custom.year, (source, custom.arrangement));
        }
        Calendar {
            table: Arc::new(Table::build(&years)),
        }
    }

    /// Where the arrangement of `year` comes from; [`DaySource::Unknown`] when there is none.
    pub fn year_source(&self, year: i32) -> DaySource {
        self.table
            .years()
            .get(&year)
            .copied()
            .unwrap_or(DaySource::Unknown)
    }

    /// Every year with an arrangement, ascending.
    pub fn known_years(&self) -> Vec<YearInfo> {
        self.table
            .years()
            .iter()
            .map(|(&year, &source)| YearInfo { year, source })
            .collect()
    }

    /// The day explained: its kind and where that comes from.
    pub fn day(&self, date: NaiveDate) -> DayInfo {
        let cell = self.table.cell(day_no(date));
        let name = || self.table.range_name(cell).map(str::to_string);
        let kind = match cell.kind {
            CellKind::Workday => DayKind::Workday,
            CellKind::Weekend => DayKind::Weekend,
            CellKind::Holiday => DayKind::Holiday {
                name: name().unwrap_or_default(),
            },
            CellKind::MakeUp => DayKind::MakeUpWorkday { holiday: name() },
        };
        DayInfo {
            date,
            kind,
            source: cell.source,
        }
    }

    /// Whether `date` is a 工作日 as the notices define it (make-up days count).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.table
            .is_working(day_no(date), MakeUpDays::CountAsWorking)
    }

    /// Whether `date` is a working day under the given reading of make-up days.
    pub fn is_working_day_with(&self, date: NaiveDate, make_up: MakeUpDays) -> bool {
        self.table.is_working(day_no(date), make_up)
    }

    /// The `n`-th working day after `start`, the start day not counted (n = 0 gives `start`).
    /// Two array reads inside the known years, weekday arithmetic outside them: no walk.
    /// `None` only past chrono's last representable date.
    pub fn add_working_days(
        &self,
        start: NaiveDate,
        n: u32,
        make_up: MakeUpDays,
    ) -> Option<NaiveDate> {
        if n == 0 {
            return Some(start);
        }
        let first_counted = self.table.working_index(day_no(start) + 1, make_up);
        date_of(
            self.table
                .working_day_at(first_counted + i64::from(n) - 1, make_up),
        )
    }

    /// The first working day on or after `date`.
    pub fn first_working_day_from(
        &self,
        date: NaiveDate,
        make_up: MakeUpDays,
    ) -> Option<NaiveDate> {
        let day: DayNo = day_no(date);
        date_of(
            self.table
                .working_day_at(self.table.working_index(day, make_up), make_up),
        )
    }

    /// Working days in `(after, through]`: the first day excluded, the last included. Negative
    /// (minus the working days in `(through, after]`) when `through` is before `after`.
    pub fn working_days_between(
        &self,
        after: NaiveDate,
        through: NaiveDate,
        make_up: MakeUpDays,
    ) -> i64 {
        let index = |d: NaiveDate| self.table.working_index(day_no(d) + 1, make_up);
        index(through) - index(after)
    }

    /// The last day of the 放假 block containing `date` (adjacent ranges run together), or
    /// `None` when `date` is not inside one. Used by the reading that moves a deadline only past
    /// statutory holidays (《民法典》第二百零三条: 「以法定休假日结束的次日为期间的最后一日」).
    pub fn holiday_block_end(&self, date: NaiveDate) -> Option<NaiveDate> {
        date_of(self.table.holiday_block_end(day_no(date))?)
    }

    /// The years in `[first, last]` that have days without a known arrangement, ascending.
    pub fn unknown_years_between(&self, first: NaiveDate, last: NaiveDate) -> Vec<i32> {
        let (first_day, last_day) = (day_no(first), day_no(last));
        if self.table.unknown_days(first_day, last_day) == 0 {
            return Vec::new();
        }
        (first.year()..=last.year())
            .filter(|&year| {
                let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).map_or(first_day, day_no);
                let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).map_or(last_day, day_no);
                self.table
                    .unknown_days(first_day.max(jan1), last_day.min(dec31))
                    > 0
            })
            .collect()
    }

    /// A month for the UI's month grid; `None` for a month outside 1–12.
    pub fn month_view(&self, year: i32, month: u32) -> Option<MonthView> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let days: Vec<DayInfo> = first
            .iter_days()
            .take_while(|d| d.month() == month)
            .map(|d| self.day(d))
            .collect();
        let unknown = days.iter().any(|d| d.source == DaySource::Unknown);
        Some(MonthView {
            year,
            month,
            leading_blank_days: first.weekday().num_days_from_monday(),
            days,
            unknown_reason: unknown.then(|| unknown_years_reason(&[year])),
        })
    }
}

/// Why a result touching unknown years is only an estimate, in Chinese, e.g. for `[2027]`:
/// 「2027年的节假日安排尚未收录（国务院办公厅通常在上一年10月至12月公布；公布后可由本单位添加），
/// 此日期仅按周末推算，仅供参考。」
pub fn unknown_years_reason(years: &[i32]) -> String {
    let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
    format!(
        "{}的节假日安排尚未收录（国务院办公厅通常在上一年10月至12月公布；公布后可由本单位添加），此日期仅按周末推算，仅供参考。",
        list.join("、")
    )
}
