//! A year's holiday arrangement as data: the built-in table's format, a unit's own years,
//! their validation, and JSON import/export with size limits.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The largest import file accepted, in bytes. The built-in table for seven years is about 8 KB,
/// so this leaves room for decades while keeping a mistaken upload (a photo, a database dump)
/// from being parsed at all.
pub const MAX_IMPORT_BYTES: usize = 256 * 1024;
/// The most years one import may carry.
pub const MAX_IMPORT_YEARS: usize = 50;
/// The most holiday ranges one year may have (a real notice has seven at most).
pub const MAX_HOLIDAYS_PER_YEAR: usize = 30;
/// The most make-up working days one year may have (a real notice has eight at most).
pub const MAX_WORKDAYS_PER_YEAR: usize = 30;
/// The longest holiday name, in characters.
pub const MAX_HOLIDAY_NAME_CHARS: usize = 20;
/// The first year a unit may enter.
pub const MIN_CUSTOM_YEAR: i32 = 2000;
/// The last year a unit may enter.
pub const MAX_CUSTOM_YEAR: i32 = 2100;

/// One 放假 range of a State Council notice, both ends included, weekend days inside it
/// included (《全国年节及纪念日放假办法》 and the yearly 国务院办公厅 notice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRange {
    /// The holiday's name as the notice gives it, e.g. 春节 or 国庆节、中秋节.
    pub name: String,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off.
    pub to: NaiveDate,
}

/// One year's arrangement from the 国务院办公厅 notice: the 放假 ranges and the 调休上班 days.
///
/// The same shape is used for the built-in table (data/holidays-cn.json) and for a year a unit
/// enters itself, so a unit's file and the built-in file are interchangeable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearArrangement {
    /// The 放假 ranges.
    pub holidays: Vec<HolidayRange>,
    /// The 调休上班 days: weekend days that are working days.
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
}

/// A year's arrangement entered by the unit; it replaces the built-in one for that year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomYear {
    /// The year of the notice.
    pub year: i32,
    /// What the notice arranges.
    pub arrangement: YearArrangement,
}

/// One problem found in a year's arrangement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Where the problem is, e.g. `holidays[1].to` or `workdays[0]`.
    pub field: String,
    /// What is wrong, in Chinese, for the user.
    pub message: String,
}

/// The problems of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearIssues {
    /// The year they belong to.
    pub year: i32,
    /// Every problem found in it.
    pub issues: Vec<Issue>,
}

/// Why a holiday table could not be read or layered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarDataError {
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    #[error("文件过大（{bytes}字节），节假日安排文件最大为{max}字节")]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The text is not JSON of the expected shape.
    #[error("不是有效的节假日安排文件：{0}")]
    Json(String),
    /// A key under `years` is not a four-digit year.
    #[error("“{0}”不是有效的年份，应为四位数字，例如 2027")]
    YearKey(String),
    /// The file has more years than [`MAX_IMPORT_YEARS`].
    #[error("文件包含{count}个年份，最多{max}个")]
    TooManyYears {
        /// How many years the file has.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// One or more years have problems; every problem is listed.
    #[error("节假日安排有{}处问题", count_issues(.0))]
    Invalid(Vec<YearIssues>),
}

fn count_issues(years: &[YearIssues]) -> usize {
    years.iter().map(|y| y.issues.len()).sum()
}

/// The file format: `{"about": "...", "years": {"2027": {"holidays": [...], "workdays": [...]}}}`.
#[derive(Deserialize)]
struct DocumentIn {
    years: YearEntries,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    about: &'static str,
    years: BTreeMap<String, &'a YearArrangement>,
}

/// The `years` object read in file order, keeping repeated keys so they can be reported
/// (a map would silently keep only the last).
struct YearEntries(Vec<(String, YearArrangement)>);

impl<'de> Deserialize<'de> for YearEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = YearEntries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object keyed by year")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YearEntries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, YearArrangement>()? {
                    entries.push(entry);
                }
                Ok(YearEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Reads a holiday file (the built-in file's format) into years, checking its size, its shape,
/// its year keys and every year's arrangement. Never panics; every problem of every year is
/// collected into [`CalendarDataError::Invalid`].
pub fn parse_custom_years_json(json: &str) -> Result<Vec<CustomYear>, CalendarDataError> {
    if json.len() > MAX_IMPORT_BYTES {
        return Err(CalendarDataError::TooLarge {
            bytes: json.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    parse_document(json, MIN_CUSTOM_YEAR..=MAX_CUSTOM_YEAR)
}

/// The built-in file goes through the same reader as an import, without the import's year range.
pub(crate) fn parse_builtin_json(json: &str) -> Result<Vec<CustomYear>, CalendarDataError> {
    parse_document(json, i32::MIN..=i32::MAX)
}

fn parse_document(
    json: &str,
    allowed_years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<CustomYear>, CalendarDataError> {
    let document: DocumentIn =
        serde_json::from_str(json).map_err(|e| CalendarDataError::Json(json_error_cn(&e)))?;
    let entries = document.years.0;
    if entries.len() > MAX_IMPORT_YEARS {
        return Err(CalendarDataError::TooManyYears {
            count: entries.len(),
            max: MAX_IMPORT_YEARS,
        });
    }
    let mut years: Vec<CustomYear> = Vec::with_capacity(entries.len());
    for (key, arrangement) in entries {
        let year = parse_year_key(&key).ok_or(CalendarDataError::YearKey(key))?;
        years.push(CustomYear { year, arrangement });
    }
    let mut problems = Vec::new();
    for (i, custom) in years.iter().enumerate() {
        let mut issues = Vec::new();
        if !allowed_years.contains(&custom.year) {
            issues.push(Issue {
                field: "year".into(),
                message: format!(
                    "只能添加{}年至{}年的节假日安排",
                    allowed_years.start(),
                    allowed_years.end()
                ),
            });
        }
        issues.extend(year_problems(&years[..i], custom));
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
    years.sort_by_key(|y| y.year);
    Ok(years)
}

/// A year's problems when it comes after `earlier` in a list: repeated, or invalid.
pub(crate) fn year_problems(earlier: &[CustomYear], custom: &CustomYear) -> Vec<Issue> {
    let mut issues = Vec::new();
    if earlier.iter().any(|e| e.year == custom.year) {
        issues.push(Issue {
            field: "year".into(),
            message: format!("{}年出现了不止一次", custom.year),
        });
    }
    issues.extend(validate_year_arrangement(custom.year, &custom.arrangement));
    issues
}

fn parse_year_key(key: &str) -> Option<i32> {
    if key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()) {
        key.parse().ok()
    } else {
        None
    }
}

fn json_error_cn(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let place = format!("第{}行第{}列", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("文件不完整，在{place}意外结束"),
        Category::Syntax => format!("{place}不是有效的 JSON"),
        // Data errors carry serde's description of the mismatch (a missing field, a bad date).
        Category::Data => format!("{place}的内容不符合节假日安排格式（{e}）"),
        Category::Io => format!("读取失败（{e}）"),
    }
}

/// Writes years in the built-in file's format, so the file can be imported again here or
/// compared with data/holidays-cn.json. A repeated year keeps its last entry.
pub fn export_custom_years_json(years: &[CustomYear]) -> Result<String, CalendarDataError> {
    let document = DocumentOut {
        about: "本单位添加的节假日安排（国务院办公厅年度通知）。格式与内置节假日表相同：holidays 为放假区间（含首尾两日），workdays 为调休上班日。",
        years: years
            .iter()
            .map(|y| (format!("{:04}", y.year), &y.arrangement))
            .collect(),
    };
    serde_json::to_string_pretty(&document).map_err(|e| CalendarDataError::Json(e.to_string()))
}

/// Checks one year's arrangement and returns every problem found (empty when it is usable):
/// names present and short; each range ordered and inside the year (a 元旦 range may start in
/// the previous December, as the 2023 notice's 2022-12-31 to 2023-01-02 did); ranges not
/// overlapping; make-up days inside the year, on a Saturday or Sunday, listed once and not
/// inside a 放假 range; at least one holiday, because a year without holidays is what an
/// unknown year must never be mistaken for.
pub fn validate_year_arrangement(year: i32, arrangement: &YearArrangement) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |field: String, message: String| issues.push(Issue { field, message });

    if arrangement.holidays.is_empty() {
        push("holidays".into(), format!("{year}年没有填写任何放假安排"));
    }
    if arrangement.holidays.len() > MAX_HOLIDAYS_PER_YEAR {
        push(
            "holidays".into(),
            format!(
                "放假区间有{}个，最多{MAX_HOLIDAYS_PER_YEAR}个",
                arrangement.holidays.len()
            ),
        );
    }
    if arrangement.workdays.len() > MAX_WORKDAYS_PER_YEAR {
        push(
            "workdays".into(),
            format!(
                "调休上班日有{}个，最多{MAX_WORKDAYS_PER_YEAR}个",
                arrangement.workdays.len()
            ),
        );
    }

    for (i, range) in arrangement.holidays.iter().enumerate() {
        let label = range_label(i, range);
        let name = range.name.trim();
        if name.is_empty() {
            push(
                format!("holidays[{i}].name"),
                format!("第{}个放假区间没有填写名称", i + 1),
            );
        } else if name.chars().count() > MAX_HOLIDAY_NAME_CHARS {
            push(
                format!("holidays[{i}].name"),
                format!("{label}的名称过长，最多{MAX_HOLIDAY_NAME_CHARS}个字"),
            );
        }
        if range.from > range.to {
            push(
                format!("holidays[{i}].to"),
                format!("{label}的结束日期{}早于开始日期{}", range.to, range.from),
            );
        }
        let starts_ok = range.from.year() == year
            || (range.from.year() == year - 1
                && range.from.month() == 12
                && range.to.year() == year);
        if !starts_ok {
            push(
                format!("holidays[{i}].from"),
                format!(
                    "{label}的开始日期{}不在{year}年内（只有跨年的元旦假期可以从上一年12月开始）",
                    range.from
                ),
            );
        }
        if range.to.year() != year {
            push(
                format!("holidays[{i}].to"),
                format!("{label}的结束日期{}不在{year}年内", range.to),
            );
        }
    }

    // Overlaps: sorted by start, each range is compared with the later ones that start before
    // it ends.
    let mut order: Vec<usize> = (0..arrangement.holidays.len())
        .filter(|&i| arrangement.holidays[i].from <= arrangement.holidays[i].to)
        .collect();
    order.sort_by_key(|&i| (arrangement.holidays[i].from, i));
    for (pos, &i) in order.iter().enumerate() {
        let a = &arrangement.holidays[i];
        for &j in &order[pos + 1..] {
            let b = &arrangement.holidays[j];
            if b.from > a.to {
                break;
            }
            let (first, second) = if i < j { (i, j) } else { (j, i) };
            push(
                format!("holidays[{second}].from"),
                format!(
                    "{}与{}的日期重叠（{}至{}）",
                    range_label(first, &arrangement.holidays[first]),
                    range_label(second, &arrangement.holidays[second]),
                    b.from,
                    a.to.min(b.to)
                ),
            );
        }
    }

    for (i, &day) in arrangement.workdays.iter().enumerate() {
        let field = format!("workdays[{i}]");
        if day.year() != year {
            push(field.clone(), format!("调休上班日{day}不在{year}年内"));
        }
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            push(
                field.clone(),
                format!(
                    "调休上班日{day}是{}，调休上班日只能是星期六或星期日",
                    super::weekday_cn(day.weekday())
                ),
            );
        }
        if arrangement.workdays[..i].contains(&day) {
            push(field.clone(), format!("调休上班日{day}重复填写"));
        }
        for (j, range) in arrangement.holidays.iter().enumerate() {
            if range.from <= day && day <= range.to {
                push(
                    field.clone(),
                    format!("{day}既在{}之内，又被填为调休上班日", range_label(j, range)),
                );
            }
        }
    }
    issues
}

fn range_label(i: usize, range: &HolidayRange) -> String {
    let name = range.name.trim();
    if name.is_empty() {
        format!("第{}个放假区间", i + 1)
    } else {
        format!("第{}个放假区间「{}」", i + 1, name)
    }
}
