//! Tests of the working-day calendar: the built-in holiday data, day explanations, unknown years,
//! a unit's own years (layering, validation, JSON import/export), date parsing and formatting.
#![allow(
    clippy::unwrap_used,
    reason = "a failed unwrap is a failed test with its location"
)]

use chrono::{Datelike, NaiveDate, Weekday};
use weiquan::core::calendar::{
    Calendar, CalendarDataError, CustomYear, DateInputError, DayKind, DaySource, HolidayRange,
    MAX_IMPORT_BYTES, MakeUpDays, YearArrangement, export_custom_years_json, format_date_cn,
    parse_custom_years_json, parse_date, unknown_years_reason, validate_year_arrangement,
};

const HOLIDAYS_JSON: &str = include_str!("../data/holidays-cn.json");
const COUNT: MakeUpDays = MakeUpDays::CountAsWorking;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn range(name: &str, from: &str, to: &str) -> HolidayRange {
    HolidayRange {
        name: name.into(),
        from: d(from),
        to: d(to),
    }
}

/// The raw file, read independently of the code under test.
fn raw_years() -> Vec<(String, serde_json::Value)> {
    let doc: serde_json::Value = serde_json::from_str(HOLIDAYS_JSON).unwrap();
    doc["years"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

// ---------------------------------------------------------------- built-in data

#[test]
fn builtin_table_parses_and_covers_2020_to_2026() {
    let calendar = Calendar::try_builtin().unwrap();
    let years: Vec<(i32, DaySource)> = calendar
        .known_years()
        .iter()
        .map(|y| (y.year, y.source))
        .collect();
    let expected: Vec<(i32, DaySource)> = (2020..=2026).map(|y| (y, DaySource::Builtin)).collect();
    assert_eq!(years, expected);
}

#[test]
fn builtin_file_is_also_a_valid_import_file() {
    let years = parse_custom_years_json(HOLIDAYS_JSON).unwrap();
    assert_eq!(years.len(), 7);
    for year in &years {
        assert_eq!(
            validate_year_arrangement(year.year, &year.arrangement),
            vec![]
        );
    }
}

#[test]
fn every_holiday_range_has_the_day_count_the_file_states() {
    for (year, value) in raw_years() {
        for h in value["holidays"].as_array().unwrap() {
            let from = d(h["from"].as_str().unwrap());
            let to = d(h["to"].as_str().unwrap());
            let days = h["days"].as_i64().unwrap();
            assert_eq!((to - from).num_days() + 1, days, "{year} {}", h["name"]);
        }
    }
}

#[test]
fn no_date_is_both_off_and_a_make_up_day_and_every_make_up_day_is_a_weekend() {
    let mut off = Vec::new();
    let mut workdays = Vec::new();
    for (_, value) in raw_years() {
        for h in value["holidays"].as_array().unwrap() {
            let from = d(h["from"].as_str().unwrap());
            let to = d(h["to"].as_str().unwrap());
            off.extend(from.iter_days().take_while(|x| *x <= to));
        }
        for w in value["workdays"].as_array().unwrap() {
            workdays.push(d(w.as_str().unwrap()));
        }
    }
    assert_eq!(workdays.len(), 46);
    for w in &workdays {
        assert!(!off.contains(w), "{w} is both off and a make-up day");
        assert!(
            matches!(w.weekday(), Weekday::Sat | Weekday::Sun),
            "{w} is not a weekend"
        );
    }
    let mut unique = off.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), off.len(), "a day is in two holiday ranges");
}

/// law-notes.md §6.4 gives the off / make-up day counts per calendar year (2022-12-31, from the
/// 2023 notice, counted under 2022); the table must reproduce them.
#[test]
fn holiday_and_make_up_days_per_calendar_year_match_the_law_notes() {
    let calendar = Calendar::builtin();
    let expected = [
        (2020, 30, 6),
        (2021, 31, 7),
        (2022, 32, 7),
        (2023, 26, 7),
        (2024, 28, 8),
        (2025, 28, 5),
        (2026, 33, 6),
    ];
    for (year, off, make_up) in expected {
        let days: Vec<_> = d(&format!("{year}-01-01"))
            .iter_days()
            .take_while(|x| x.year() == year)
            .map(|x| calendar.day(x))
            .collect();
        let count_off = days
            .iter()
            .filter(|x| matches!(x.kind, DayKind::Holiday { .. }))
            .count();
        let count_make_up = days
            .iter()
            .filter(|x| matches!(x.kind, DayKind::MakeUpWorkday { .. }))
            .count();
        assert_eq!((count_off, count_make_up), (off, make_up), "{year}");
        assert!(
            days.iter().all(|x| x.source == DaySource::Builtin),
            "{year}"
        );
    }
}

#[test]
fn days_are_explained_by_kind_holiday_and_make_up() {
    let calendar = Calendar::builtin();
    let cases = [
        ("2024-03-04", "工作日", true),
        ("2024-03-02", "周末", false),
        ("2026-02-17", "春节", false),
        // The 2020 extension: 1 February stopped being a make-up day, 2 February was added.
        ("2020-01-31", "春节", false),
        ("2020-02-01", "春节", false),
        ("2020-02-02", "春节", false),
        ("2020-02-03", "工作日", true),
        // Make-up days touching their holiday name it; the others cannot be attributed safely.
        ("2026-02-14", "调休上班（春节）", true),
        ("2022-01-29", "调休上班（春节）", true),
        ("2021-09-18", "调休上班（中秋节）", true),
        ("2026-01-04", "调休上班（元旦）", true),
        ("2026-09-20", "调休上班", true),
        ("2021-09-26", "调休上班", true),
        ("2020-01-19", "调休上班", true),
        // The 2023 notice's 元旦 reaches back into 2022.
        ("2022-12-31", "元旦", false),
        ("2023-01-02", "元旦", false),
        // 2024: 「1月1日放假，与周末连休」: the weekend before is an ordinary weekend.
        ("2023-12-30", "周末", false),
        ("2024-01-01", "元旦", false),
        ("2020-10-08", "国庆节、中秋节", false),
    ];
    for (date, label, working) in cases {
        let day = calendar.day(d(date));
        assert_eq!(day.explain(), label, "{date}");
        assert_eq!(calendar.is_working_day(d(date)), working, "{date}");
        assert_eq!(day.source, DaySource::Builtin, "{date}");
    }
}

#[test]
fn make_up_days_are_rest_days_under_the_alternative_reading() {
    let calendar = Calendar::builtin();
    assert!(calendar.is_working_day_with(d("2026-02-28"), MakeUpDays::CountAsWorking));
    assert!(!calendar.is_working_day_with(d("2026-02-28"), MakeUpDays::TreatAsRest));
    assert!(calendar.is_working_day_with(d("2026-03-02"), MakeUpDays::TreatAsRest));
}

// ---------------------------------------------------------------- unknown years

#[test]
fn a_year_without_data_is_unknown_not_holiday_free() {
    let calendar = Calendar::builtin();
    assert_eq!(calendar.year_source(2027), DaySource::Unknown);
    assert_eq!(calendar.year_source(2019), DaySource::Unknown);
    assert_eq!(calendar.year_source(2024), DaySource::Builtin);

    let new_year_2027 = calendar.day(d("2027-01-01"));
    assert_eq!(new_year_2027.kind, DayKind::Workday);
    assert_eq!(new_year_2027.source, DaySource::Unknown);
    assert_eq!(new_year_2027.explain(), "工作日（该年安排未收录）");
    assert_eq!(calendar.day(d("2027-01-02")).kind, DayKind::Weekend);
    assert_eq!(calendar.day(d("2019-12-31")).source, DaySource::Unknown);
}

#[test]
fn unknown_years_in_a_span_are_listed() {
    let calendar = Calendar::builtin();
    let cases = [
        ("2026-01-01", "2026-12-31", vec![]),
        ("2026-12-01", "2027-01-01", vec![2027]),
        ("2026-12-01", "2028-01-05", vec![2027, 2028]),
        ("2019-12-30", "2020-01-02", vec![2019]),
    ];
    for (first, last, years) in cases {
        assert_eq!(
            calendar.unknown_years_between(d(first), d(last)),
            years,
            "{first}..{last}"
        );
    }
}

#[test]
fn the_unknown_year_reason_names_the_years_in_chinese() {
    assert_eq!(
        unknown_years_reason(&[2027]),
        "2027年的节假日安排尚未收录（国务院办公厅通常在上一年10月至12月公布；公布后可由本单位添加），此日期仅按周末推算，仅供参考。"
    );
    assert!(unknown_years_reason(&[2027, 2028]).starts_with("2027年、2028年的节假日安排尚未收录"));
}

#[test]
fn working_days_outside_the_table_are_weekdays() {
    let calendar = Calendar::builtin();
    let cases = [
        // 2027-01-01 is a Friday; without data it counts.
        ("2026-12-31", 1, "2027-01-01"),
        ("2027-01-01", 5, "2027-01-08"),
        // Before the table too: 2019-12-27 is a Friday; 2020-01-01 is 元旦.
        ("2019-12-27", 3, "2020-01-02"),
        ("2019-01-04", 1, "2019-01-07"),
        ("2030-06-07", 0, "2030-06-07"),
    ];
    for (start, n, due) in cases {
        assert_eq!(
            calendar.add_working_days(d(start), n, COUNT),
            Some(d(due)),
            "{start} + {n}"
        );
    }
    assert_eq!(
        calendar.working_days_between(d("2019-12-27"), d("2020-01-02"), COUNT),
        3
    );
    assert_eq!(
        calendar.working_days_between(d("2020-01-02"), d("2019-12-27"), COUNT),
        -3
    );
}

// ---------------------------------------------------------------- counting helpers

#[test]
fn working_days_between_counts_the_last_day_but_not_the_first() {
    let calendar = Calendar::builtin();
    let cases = [
        // 2020-09-29 (Tue) to 2020-10-10 (make-up Saturday): 9/30, 10/9, 10/10.
        ("2020-09-29", "2020-10-10", 3),
        ("2020-10-10", "2020-10-10", 0),
        // Over the extended 2020 春节: 1/23 (Thu), then 2/3.
        ("2020-01-22", "2020-02-03", 2),
        ("2020-02-03", "2020-01-22", -2),
    ];
    for (after, through, expected) in cases {
        let counted = calendar.working_days_between(d(after), d(through), COUNT);
        assert_eq!(counted, expected, "{after}..{through}");
    }
    assert_eq!(
        calendar.first_working_day_from(d("2020-10-01"), COUNT),
        Some(d("2020-10-09"))
    );
    assert_eq!(
        calendar.first_working_day_from(d("2020-10-09"), COUNT),
        Some(d("2020-10-09"))
    );
    assert_eq!(
        calendar.holiday_block_end(d("2020-10-03")),
        Some(d("2020-10-08"))
    );
    assert_eq!(calendar.holiday_block_end(d("2020-10-10")), None);
}

// ---------------------------------------------------------------- month view

#[test]
fn month_view_lays_out_national_day_2026_monday_first() {
    let calendar = Calendar::builtin();
    let view = calendar.month_view(2026, 10).unwrap();
    // 2026-10-01 is a Thursday.
    assert_eq!(view.leading_blank_days, 3);
    assert_eq!(view.days.len(), 31);
    assert_eq!(view.unknown_reason, None);
    let labels: Vec<String> = view.days.iter().take(12).map(|x| x.explain()).collect();
    let mut expected = vec!["国庆节".to_string(); 7];
    expected.extend(["工作日", "工作日", "调休上班", "周末", "工作日"].map(String::from));
    assert_eq!(labels, expected);
}

#[test]
fn month_view_of_an_unknown_year_says_why() {
    let calendar = Calendar::builtin();
    let view = calendar.month_view(2027, 2).unwrap();
    assert_eq!(view.days.len(), 28);
    assert!(
        view.unknown_reason
            .unwrap()
            .starts_with("2027年的节假日安排尚未收录")
    );
    assert!(view.days.iter().all(|x| x.source == DaySource::Unknown));
    assert_eq!(calendar.month_view(2026, 13), None);
    assert_eq!(calendar.month_view(2026, 0), None);
}

// ---------------------------------------------------------------- custom years

/// A hypothetical 2027 arrangement, a test fixture only (the 2027 notice is not published).
fn fixture_2027() -> CustomYear {
    CustomYear {
        year: 2027,
        arrangement: YearArrangement {
            holidays: vec![
                range("元旦", "2026-12-31", "2027-01-02"),
                range("测试假期", "2027-02-07", "2027-02-13"),
            ],
            workdays: vec![d("2027-02-06"), d("2027-02-20")],
        },
    }
}

#[test]
fn a_custom_year_is_layered_over_the_builtin_table_and_reports_its_source() {
    let calendar = Calendar::with_custom(&[fixture_2027()]).unwrap();
    assert_eq!(calendar.year_source(2027), DaySource::Custom);
    assert_eq!(calendar.year_source(2026), DaySource::Builtin);
    let holiday = calendar.day(d("2027-02-10"));
    assert_eq!(
        holiday.kind,
        DayKind::Holiday {
            name: "测试假期".into()
        }
    );
    assert_eq!(holiday.source, DaySource::Custom);
    assert_eq!(
        calendar.day(d("2027-02-06")).explain(),
        "调休上班（测试假期）"
    );
    assert_eq!(calendar.day(d("2027-02-20")).explain(), "调休上班");
    assert!(calendar.is_working_day(d("2027-02-20")));
    // The later notice's 元旦 reaches back into 2026 and wins there.
    let eve = calendar.day(d("2026-12-31"));
    assert_eq!(
        (eve.kind.label(), eve.source),
        ("元旦".to_string(), DaySource::Custom)
    );
    assert_eq!(calendar.day(d("2026-12-30")).source, DaySource::Builtin);
    assert_eq!(
        calendar.unknown_years_between(d("2026-12-01"), d("2027-12-31")),
        Vec::<i32>::new()
    );
    assert_eq!(
        calendar.unknown_years_between(d("2027-12-01"), d("2028-01-03")),
        vec![2028]
    );
    // From 2027-02-05 (Fri): the make-up Saturday 2/6 is the first, then 2/15 (Mon).
    assert_eq!(
        calendar.add_working_days(d("2027-02-05"), 2, COUNT),
        Some(d("2027-02-15"))
    );
}

#[test]
fn no_custom_years_give_the_builtin_calendar() {
    let calendar = Calendar::with_custom(&[]).unwrap();
    assert_eq!(calendar.known_years(), Calendar::builtin().known_years());
    assert_eq!(calendar.day(d("2026-02-17")).kind.label(), "春节");
}

#[test]
fn a_custom_year_replaces_the_builtin_arrangement_of_that_year() {
    let only_new_year = CustomYear {
        year: 2026,
        arrangement: YearArrangement {
            holidays: vec![range("元旦", "2026-01-01", "2026-01-01")],
            workdays: vec![],
        },
    };
    let calendar = Calendar::with_custom(&[only_new_year]).unwrap();
    assert_eq!(calendar.year_source(2026), DaySource::Custom);
    let day = calendar.day(d("2026-02-16"));
    assert_eq!(
        (day.kind, day.source),
        (DayKind::Workday, DaySource::Custom)
    );
    assert_eq!(calendar.day(d("2026-01-02")).kind, DayKind::Workday);
    // The built-in calendar itself is untouched.
    assert_eq!(
        Calendar::builtin().day(d("2026-02-16")).kind.label(),
        "春节"
    );
}

#[test]
fn with_custom_rejects_invalid_and_repeated_years_listing_every_problem() {
    let mut broken = fixture_2027();
    broken.arrangement.workdays.push(d("2027-02-10"));
    let err = Calendar::with_custom(&[fixture_2027(), broken]).unwrap_err();
    let CalendarDataError::Invalid(years) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(years.len(), 1);
    let messages: Vec<&str> = years[0].issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "2027年出现了不止一次",
            "调休上班日2027-02-10是星期三，调休上班日只能是星期六或星期日",
            "2027-02-10既在第2个放假区间「测试假期」之内，又被填为调休上班日",
        ]
    );
    assert_eq!(err.to_string(), "节假日安排有3处问题");
    let too_late = CustomYear {
        year: 2101,
        ..fixture_2027()
    };
    assert!(Calendar::with_custom(&[too_late]).is_err());
}

#[test]
fn validation_collects_every_problem_with_its_field() {
    let arrangement = YearArrangement {
        holidays: vec![
            range("", "2027-01-01", "2027-01-01"),
            range("春节", "2027-02-10", "2027-02-05"),
            range("劳动节", "2027-05-01", "2027-05-05"),
            range("五一补充", "2027-05-04", "2027-05-06"),
            range("国庆节", "2026-10-01", "2026-10-07"),
            range("跨年", "2027-12-31", "2028-01-01"),
            range(
                "这是一个名称长得超过二十个字的假期名称，应当被拒绝",
                "2027-06-01",
                "2027-06-01",
            ),
        ],
        workdays: vec![
            d("2027-03-03"),
            d("2027-05-01"),
            d("2026-12-26"),
            d("2027-03-06"),
            d("2027-03-06"),
        ],
    };
    let issues = validate_year_arrangement(2027, &arrangement);
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "holidays[0].name",
            "holidays[1].to",
            "holidays[4].from",
            "holidays[4].to",
            "holidays[5].to",
            "holidays[6].name",
            "holidays[3].from",
            "workdays[0]",
            "workdays[1]",
            "workdays[2]",
            "workdays[4]",
        ],
        "{issues:#?}"
    );
    let messages: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(messages[0], "第1个放假区间没有填写名称");
    assert_eq!(
        messages[1],
        "第2个放假区间「春节」的结束日期2027-02-05早于开始日期2027-02-10"
    );
    assert_eq!(
        messages[6],
        "第3个放假区间「劳动节」与第4个放假区间「五一补充」的日期重叠（2027-05-04至2027-05-05）"
    );
    assert_eq!(
        messages[7],
        "调休上班日2027-03-03是星期三，调休上班日只能是星期六或星期日"
    );
    assert_eq!(
        messages[8],
        "2027-05-01既在第3个放假区间「劳动节」之内，又被填为调休上班日"
    );
    assert_eq!(messages[9], "调休上班日2026-12-26不在2027年内");
    assert_eq!(messages[10], "调休上班日2027-03-06重复填写");
}

#[test]
fn a_year_without_any_holiday_is_rejected() {
    let empty = YearArrangement {
        holidays: vec![],
        workdays: vec![],
    };
    let issues = validate_year_arrangement(2027, &empty);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].message, "2027年没有填写任何放假安排");
}

#[test]
fn a_new_year_range_may_start_in_the_previous_december_but_nothing_earlier() {
    let arrangement = |from: &str, to: &str| YearArrangement {
        holidays: vec![range("元旦", from, to)],
        workdays: vec![],
    };
    assert_eq!(
        validate_year_arrangement(2023, &arrangement("2022-12-31", "2023-01-02")),
        vec![]
    );
    assert_eq!(
        validate_year_arrangement(2023, &arrangement("2022-11-30", "2023-01-02")).len(),
        1
    );
    assert_eq!(
        validate_year_arrangement(2023, &arrangement("2022-12-30", "2022-12-31")).len(),
        2
    );
}

// ---------------------------------------------------------------- JSON import / export

#[test]
fn export_then_import_gives_the_same_years() {
    let years = vec![fixture_2027()];
    let json = export_custom_years_json(&years).unwrap();
    assert!(json.contains("\"2027\""));
    assert_eq!(parse_custom_years_json(&json).unwrap(), years);
}

#[test]
fn custom_years_serialize_for_storage_and_back() {
    let years = vec![fixture_2027()];
    let stored = serde_json::to_string(&years).unwrap();
    let back: Vec<CustomYear> = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, years);
}

#[test]
fn import_rejects_bad_files_with_chinese_errors_and_never_panics() {
    let valid_year = r#"{"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-01"}]}"#;
    let too_many_years: String = {
        let entries: Vec<String> = (2000..2051)
            .map(|y| {
                format!(r#""{y}":{{"holidays":[{{"name":"元旦","from":"{y}-01-01","to":"{y}-01-01"}}]}}"#)
            })
            .collect();
        format!(r#"{{"years":{{{}}}}}"#, entries.join(","))
    };
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "不是有效的节假日安排文件：文件不完整"),
        ("not json".into(), "不是有效的节假日安排文件：第1行第2列不是有效的 JSON"),
        ("[1,2,3]".into(), "不是有效的节假日安排文件"),
        (r#"{"years":{"2027":{"workdays":[]}}}"#.into(), "missing field `holidays`"),
        (
            r#"{"years":{"2027":{"holidays":[{"name":"x","from":"2027-02-30","to":"2027-03-01"}]}}}"#
                .into(),
            "不符合节假日安排格式",
        ),
        (format!(r#"{{"years":{{"27":{valid_year}}}}}"#), "“27”不是有效的年份"),
        (format!(r#"{{"years":{{"1999":{valid_year}}}}}"#), "节假日安排有3处问题"),
        (format!(r#"{{"years":{{"2027":{valid_year},"2027":{valid_year}}}}}"#), "节假日安排有1处问题"),
        (too_many_years, "文件包含51个年份，最多50个"),
        ("[".repeat(10_000), "不是有效的节假日安排文件"),
        (" ".repeat(MAX_IMPORT_BYTES + 1), "文件过大"),
    ];
    for (input, expected) in cases {
        let err = parse_custom_years_json(&input).unwrap_err();
        assert!(
            err.to_string().contains(expected),
            "{err} does not contain {expected}"
        );
    }
}

#[test]
fn import_of_a_repeated_year_says_which() {
    let valid_year = r#"{"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-01"}]}"#;
    let json = format!(r#"{{"years":{{"2027":{valid_year},"2027":{valid_year}}}}}"#);
    let CalendarDataError::Invalid(years) = parse_custom_years_json(&json).unwrap_err() else {
        panic!("expected Invalid")
    };
    assert_eq!(years[0].issues[0].message, "2027年出现了不止一次");
}

// ---------------------------------------------------------------- parsing and formatting dates

#[test]
fn dates_parse_with_chinese_errors() {
    let ok = [
        ("2026-10-09", "2026-10-09"),
        (" 2026-1-5 ", "2026-01-05"),
        ("2026/01/05", "2026-01-05"),
        ("2024-02-29", "2024-02-29"),
    ];
    for (input, expected) in ok {
        assert_eq!(parse_date(input), Ok(d(expected)), "{input}");
    }
    let wrong = |s: &str| DateInputError::WrongFormat(s.into());
    let errors = [
        (
            "",
            DateInputError::Empty,
            "请输入日期，格式为“年-月-日”，例如 2026-10-09",
        ),
        ("  ", DateInputError::Empty, "请输入日期"),
        (
            "26-01-01",
            wrong("26-01-01"),
            "“26-01-01”不是“年-月-日”格式的日期，请按 2026-10-09 这样的格式输入",
        ),
        (
            "2026-01-01T08:00",
            wrong("2026-01-01T08:00"),
            "不是“年-月-日”格式",
        ),
        (
            "２０２６-01-01",
            wrong("２０２６-01-01"),
            "不是“年-月-日”格式",
        ),
        ("2026-1-1-1", wrong("2026-1-1-1"), "不是“年-月-日”格式"),
        (
            "2026-13-01",
            DateInputError::NoSuchMonth { month: 13 },
            "没有13月，月份应在1至12之间",
        ),
        (
            "2026-02-30",
            DateInputError::NoSuchDay {
                year: 2026,
                month: 2,
                day: 30,
            },
            "2026年2月没有30日",
        ),
        (
            "2025-02-29",
            DateInputError::NoSuchDay {
                year: 2025,
                month: 2,
                day: 29,
            },
            "2025年2月没有29日",
        ),
        (
            "1899-12-31",
            DateInputError::OutOfRange { year: 1899 },
            "只能计算1900年至2199年之间的日期",
        ),
    ];
    for (input, error, message) in errors {
        let err = parse_date(input).unwrap_err();
        assert_eq!(err, error, "{input}");
        assert!(err.to_string().contains(message), "{err}");
    }
}

#[test]
fn dates_format_in_chinese_with_the_weekday() {
    let cases = [
        ("2026-10-09", "2026年10月9日（星期五）"),
        ("2026-02-15", "2026年2月15日（星期日）"),
        ("2020-01-01", "2020年1月1日（星期三）"),
    ];
    for (date, text) in cases {
        assert_eq!(format_date_cn(d(date)), text);
    }
}
