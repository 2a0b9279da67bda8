//! Files the committee takes away (第十七、三十八条's reviews, 第三十七条's supervision of
//! deadlines): the case list and the statistics as CSV for a spreadsheet, and every running
//! deadline as an iCalendar (RFC 5545) file for a calendar program. Pure text; the UI offers it
//! as a download.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::core::calendar::Calendar;
use crate::core::deadline::Readings;
use crate::core::stats::{MedianDays, Statistics, month_label};
use crate::core::workflow::{Case, next_due, open_deadlines};

/// The byte-order mark that makes spreadsheet programs read the CSV as UTF-8.
pub const BOM: &str = "\u{feff}";

/// Whether a spreadsheet could take `text` for a formula: it starts with a tab, a carriage
/// return or a line feed, or, after any leading white space, with `=`, `+`, `-`, `@` or their
/// full-width forms (which some spreadsheet programs convert on input).
pub fn looks_like_formula(text: &str) -> bool {
    if text.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    text.trim_start().starts_with([
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ])
}

/// One CSV cell: a text a spreadsheet could take for a formula ([`looks_like_formula`]) gets a
/// leading apostrophe, and the cell is quoted when it holds a comma, a quote or a line break.
pub fn csv_cell(text: &str) -> String {
    let neutral = if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// A CSV document: BOM, then one CRLF-terminated line per row.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The header of [`case_list_csv`].
pub const CASE_LIST_HEADER: [&str; 10] = [
    "案件编号",
    "收到日期",
    "状态",
    "民警",
    "警号",
    "单位",
    "侵权类型",
    "申请事由",
    "最近到期日",
    "简要情况",
];

/// The case list as CSV, in the order given, with each case's soonest running deadline as it
/// stands `today`.
pub fn case_list_csv(
    cases: &[Case],
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
) -> String {
    let mut rows = vec![CASE_LIST_HEADER.iter().map(|s| (*s).to_owned()).collect()];
    for case in cases {
        let facts = case.facts();
        let categories: Vec<&str> = facts.categories.iter().map(|c| c.label()).collect();
        let grounds: Vec<&str> = facts.grounds.iter().map(|g| g.label()).collect();
        rows.push(vec![
            case.id().as_str().to_owned(),
            case.received_at().date().to_string(),
            case.state().label().to_owned(),
            facts.officer.name.clone(),
            facts.officer.badge.clone().unwrap_or_default(),
            facts.officer.unit.clone(),
            categories.join("、"),
            grounds.join("；"),
            next_due(case, calendar, readings, today)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            facts.summary.clone(),
        ]);
    }
    csv(&rows)
}

/// The header of [`statistics_csv`].
pub const STATISTICS_HEADER: [&str; 3] = ["统计项", "项目", "数值"];

/// 第十七、三十八条: the statistics as CSV, one figure a row: which table, which item, the
/// figure.
pub fn statistics_csv(stats: &Statistics) -> String {
    let mut rows: Vec<Vec<String>> =
        vec![STATISTICS_HEADER.iter().map(|s| (*s).to_owned()).collect()];
    let mut push = |table: &str, item: String, value: String| {
        rows.push(vec![table.to_owned(), item, value]);
    };
    push(
        "统计范围",
        "收到日期".into(),
        format!("{} 至 {}", stats.range.from(), stats.range.to()),
    );
    push("统计范围", "统计日".into(), stats.today.to_string());
    push("概况", "收到案件".into(), stats.total.to_string());
    push("概况", "未结案件".into(), stats.open.to_string());
    for (category, n) in &stats.by_category {
        push("侵权类型", category.label().into(), n.to_string());
    }
    for (month, n) in &stats.by_month {
        push("收到月份", month_label(*month), n.to_string());
    }
    for (unit, n) in &stats.by_unit {
        push("民警单位", unit.clone(), n.to_string());
    }
    for (ground, n) in &stats.by_ground {
        push("申请事由", ground.label().into(), n.to_string());
    }
    for (state, n) in &stats.by_state {
        push("办理状态", state.label().into(), n.to_string());
    }
    for (determination, n) in &stats.by_determination {
        push("认定结果", determination.label().into(), n.to_string());
    }
    for (period, figures) in &stats.periods {
        let title = period.definition().title;
        let table = format!("期限执行：{title}");
        push(&table, "按期完成".into(), figures.on_time.to_string());
        push(&table, "逾期完成".into(), figures.late.to_string());
        push(
            &table,
            "因申请人原因逾期".into(),
            figures.excused.to_string(),
        );
        push(
            &table,
            "进行中（未逾期）".into(),
            figures.running.to_string(),
        );
        push(
            &table,
            "进行中（已逾期）".into(),
            figures.running_overdue.to_string(),
        );
    }
    let median = |m: &Option<MedianDays>| m.map(|m| m.text()).unwrap_or_else(|| "无".into());
    push(
        "办理用时（工作日中位数）",
        "启动程序至答复".into(),
        median(&stats.median_reply_days),
    );
    push(
        "办理用时（工作日中位数）",
        "启动调查至核查完毕".into(),
        median(&stats.median_investigation_days),
    );
    csv(&rows)
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: a content line folded so that no line exceeds 75 octets (a continuation
/// starts with a space, which counts), never splitting a UTF-8 character, CRLF-terminated.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

/// 第三十七条: every deadline running on `cases` `today` as an iCalendar file, one all-day
/// VEVENT on the due date per period, with the article and how the date was counted.
/// `stamp_utc` is the moment of export in UTC (DTSTAMP), passed in because the core reads no
/// clock. The due dates are calendar dates with no time of day (VALUE=DATE), so the
/// Asia/Shanghai time zone of the 细则's days plays no part and no VTIMEZONE is needed.
pub fn deadlines_ics(
    cases: &[Case],
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
    stamp_utc: NaiveDateTime,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//weiquan//维权工作台//ZH".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    let stamp = stamp_utc.format("%Y%m%dT%H%M%SZ").to_string();
    for case in cases {
        let id = case.id().as_str();
        for deadline in open_deadlines(case, calendar, readings, today) {
            let due = deadline.due;
            let next = due.succ_opt().unwrap_or(due);
            let mut description = format!("依据：{}。{}", deadline.citation, deadline.summary);
            if deadline.provisional {
                description.push_str("（该年度节假日安排未知，到期日为暂定。）");
            }
            if let Some(note) = &deadline.note {
                let _ = write!(description, "\n{note}");
            }
            lines.push("BEGIN:VEVENT".to_owned());
            lines.push(format!(
                "UID:{}",
                ics_text(&format!(
                    "{id}-{}-{}@weiquan.local",
                    deadline.period.as_str(),
                    due.format("%Y%m%d")
                ))
            ));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")));
            lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            lines.push(format!(
                "SUMMARY:{}",
                ics_text(&format!("案件{id} {}到期", deadline.title))
            ));
            lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
            lines.push("TRANSP:TRANSPARENT".to_owned());
            lines.push("END:VEVENT".to_owned());
        }
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold_line(l)).collect()
}
