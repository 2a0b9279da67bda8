//! Tests of the deadline engine: every start date of 2020–2026 against a naive day-by-day
//! reference, hand-checked dates around every holiday season, the period definitions against
//! the seed text, the readings, traces, and the dashboard helpers.
#![allow(
    clippy::unwrap_used,
    reason = "a failed unwrap is a failed test with its location"
)]

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use weiquan::core::calendar::{Calendar, MakeUpDays};
use weiquan::core::deadline::{
    AppliedReading, DeadlineError, DeemedAcceptance, ExtensionReading, FindingsUnitReading,
    LengthInputError, MAX_PERIOD_LENGTH, PERIODS, PeriodId, PeriodLength, PeriodUnit, Readings,
    ReplyStartReading, RollForward, StartEvent, StepAction, compute, compute_span,
    compute_span_with_trace, compute_with_trace, deemed_acceptance, is_overdue, parse_length,
    remaining, reply_start_date,
};

const HOLIDAYS_JSON: &str = include_str!("../data/holidays-cn.json");

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn len(days: u16) -> PeriodLength {
    PeriodLength::new(days).unwrap()
}

fn readings() -> Readings {
    Readings::default()
}

// ---------------------------------------------------------------- the naive reference

/// A day-by-day reference built straight from the JSON file, sharing no code with the engine.
struct Reference {
    off: HashSet<NaiveDate>,
    make_up: HashSet<NaiveDate>,
}

impl Reference {
    fn load() -> Reference {
        let doc: serde_json::Value = serde_json::from_str(HOLIDAYS_JSON).unwrap();
        let (mut off, mut make_up) = (HashSet::new(), HashSet::new());
        for year in doc["years"].as_object().unwrap().values() {
            for h in year["holidays"].as_array().unwrap() {
                let mut day = d(h["from"].as_str().unwrap());
                while day <= d(h["to"].as_str().unwrap()) {
                    off.insert(day);
                    day = day.succ_opt().unwrap();
                }
            }
            for w in year["workdays"].as_array().unwrap() {
                make_up.insert(d(w.as_str().unwrap()));
            }
        }
        Reference { off, make_up }
    }

    fn known(&self, day: NaiveDate) -> bool {
        (2020..=2026).contains(&day.year())
    }

    fn working(&self, day: NaiveDate, make_up: MakeUpDays) -> bool {
        if self.off.contains(&day) {
            false
        } else if self.make_up.contains(&day) {
            make_up == MakeUpDays::CountAsWorking
        } else {
            !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        }
    }

    /// (due date, provisional)
    fn working_days(&self, start: NaiveDate, n: u16, make_up: MakeUpDays) -> (NaiveDate, bool) {
        let (mut day, mut counted, mut unknown) = (start, 0, false);
        while counted < n {
            day = day.succ_opt().unwrap();
            unknown |= !self.known(day);
            if self.working(day, make_up) {
                counted += 1;
            }
        }
        (day, unknown)
    }

    fn calendar_days(&self, start: NaiveDate, n: u16, r: &Readings) -> (NaiveDate, bool) {
        if n == 0 {
            return (start, false);
        }
        let mut day = start + Days::new(u64::from(n));
        let mut unknown = !self.known(day);
        let moves = |day: NaiveDate| match r.roll_forward {
            RollForward::NextWorkingDay => !self.working(day, r.make_up_days),
            RollForward::HolidayOnly => self.off.contains(&day),
        };
        while moves(day) {
            day = day.succ_opt().unwrap();
            unknown |= !self.known(day);
        }
        (day, unknown)
    }
}

fn check_every_start(r: Readings, lengths: &[u16]) -> usize {
    let calendar = Calendar::builtin();
    let reference = Reference::load();
    let mut checked = 0;
    let mut start = d("2020-01-01");
    while start <= d("2026-12-31") {
        for &n in lengths {
            for unit in PeriodUnit::ALL {
                let got = compute_span(&calendar, unit, len(n), start, &r).unwrap();
                let expected = match unit {
                    PeriodUnit::WorkingDays => reference.working_days(start, n, r.make_up_days),
                    PeriodUnit::CalendarDays => reference.calendar_days(start, n, &r),
                };
                assert_eq!(
                    (got.due, got.is_provisional()),
                    expected,
                    "{unit:?} {n} from {start} under {r:?}"
                );
                checked += 1;
            }
        }
        start = start.succ_opt().unwrap();
    }
    checked
}

#[test]
fn every_start_date_2020_to_2026_and_length_0_to_60_matches_the_day_by_day_reference() {
    let lengths: Vec<u16> = (0..=60).collect();
    let checked = check_every_start(readings(), &lengths);
    assert_eq!(checked, 2557 * 61 * 2);
}

#[test]
fn every_start_date_matches_the_reference_under_the_alternative_counting_readings() {
    let lengths = [1, 2, 3, 5, 10, 30, 60];
    for make_up_days in MakeUpDays::ALL {
        for roll_forward in RollForward::ALL {
            let r = Readings {
                make_up_days,
                roll_forward,
                ..readings()
            };
            check_every_start(r, &lengths);
        }
    }
}

#[test]
fn long_periods_match_the_reference_and_are_provisional_past_2026() {
    let calendar = Calendar::builtin();
    let reference = Reference::load();
    for (start, n) in [
        ("2020-01-01", 1500),
        ("2023-06-30", 900),
        ("2019-12-20", 400),
        ("2021-03-03", 3650),
    ] {
        let got = compute_span(
            &calendar,
            PeriodUnit::WorkingDays,
            len(n),
            d(start),
            &readings(),
        )
        .unwrap();
        let (due, _) = reference.working_days(d(start), n, MakeUpDays::CountAsWorking);
        assert_eq!(got.due, due, "{n} from {start}");
        let crosses = got.due.year() > 2026 || d(start).year() < 2020;
        assert_eq!(got.is_provisional(), crosses, "{n} from {start}");
    }
}

// ---------------------------------------------------------------- hand-checked tables

/// Reads a table of `period start due why…` lines (blank lines and `#` comments skipped) and
/// checks each due date under the readings.
fn check_table(table: &str, r: &Readings) {
    let calendar = Calendar::builtin();
    let rows = table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let mut checked = 0;
    for row in rows {
        checked += 1;
        let mut words = row.split_whitespace();
        let period = PeriodId::from_slug(words.next().unwrap()).unwrap();
        let (start, due) = (d(words.next().unwrap()), d(words.next().unwrap()));
        let got = compute(&calendar, period, start, r).unwrap();
        assert_eq!(got.due, due, "{row}");
        assert!(!got.is_provisional(), "{row}");
    }
    assert!(checked > 0, "empty table");
}

#[test]
fn due_dates_around_every_holiday_season_2020_to_2026_are_as_counted_by_hand() {
    const TABLE: &str = "
    # 2020 春节, extended to 2/2 (国办发明电〔2020〕1号); the 2/1 make-up day was cancelled.
    reply          2020-01-22 2020-02-04  1/23; 1/24-2/2 off; 2/3, 2/4
    reply          2020-01-17 2020-01-21  make-up Sunday 1/19 counts
    reply          2020-01-30 2020-02-05  2/1 Saturday is no longer a working day
    findings       2020-01-28 2020-02-03  3rd day 1/31 inside the extension
    review-answer  2020-01-02 2020-02-03  30th day 2/1, cancelled make-up day
    # 2020 国庆节、中秋节 10/1-10/8, make-up 9/27 and 10/10.
    reply          2020-09-29 2020-10-10  9/30; 10/9; make-up Saturday 10/10
    reply          2020-09-25 2020-09-29  make-up Sunday 9/27, 9/28, 9/29
    review-answer  2020-09-03 2020-10-09  30th day 10/3 off until 10/8
    findings       2020-10-07 2020-10-10  3rd day is the make-up Saturday
    findings       2020-10-08 2020-10-12  3rd day Sunday 10/11 moves to Monday
    # 2021 春节 2/11-2/17, make-up 2/7 and 2/20.
    reply          2021-02-09 2021-02-19  2/10; 2/18, 2/19
    review-request 2021-02-05 2021-02-24  2/7, 2/8-10, 2/18-20, 2/22-24
    # 2021 中秋节 9/19-21, 国庆节 10/1-7, make-up 9/18, 9/26, 10/9.
    reply          2021-09-16 2021-09-22  9/17, make-up 9/18, 9/22
    reply          2021-09-29 2021-10-09  9/30, 10/8, make-up 10/9
    investigation  2021-09-01 2021-10-19  30 working days through both holidays
    extension      2021-09-01 2021-11-01  60th day Sunday 10/31
    # 2022 春节 1/31-2/6 with make-up 1/29, 1/30; 国庆节 with make-up 10/8, 10/9; 元旦 from 12/31.
    reply          2022-01-27 2022-01-30  1/28 and the make-up weekend
    reply          2022-09-29 2022-10-09  9/30 and the make-up weekend
    findings       2022-12-28 2023-01-03  3rd day 12/31 is 元旦 (2023 notice)
    # 2023 春节 1/21-27 with make-up 1/28, 1/29; 清明 4/5; 中秋国庆 9/29-10/6 with 10/7, 10/8.
    reply          2023-01-19 2023-01-29  1/20 and the make-up weekend
    reply          2023-09-27 2023-10-08  9/28 and the make-up weekend
    review-answer  2023-09-04 2023-10-07  30th day 10/4 off; make-up 10/7 works
    findings       2023-04-02 2023-04-06  3rd day is 清明 (Wednesday)
    # 2024 春节 2/10-17 (除夕 2/9 not off), make-up 2/4, 2/18; 清明 with 4/7; 国庆 with 9/29, 10/12; 端午 6/10.
    reply          2024-02-08 2024-02-19  2/9 除夕 works; make-up 2/18; 2/19
    review-request 2024-09-27 2024-10-16  9/29, 9/30, 10/8-11, 10/12, 10/14-16
    reply          2024-04-03 2024-04-09  make-up Sunday 4/7, 4/8, 4/9
    findings       2024-06-07 2024-06-11  3rd day 端午 Monday 6/10
    findings       2024-06-05 2024-06-11  3rd day Saturday 6/8, then 6/9, 6/10 off
    # 2025 春节 1/28-2/4 with make-up 1/26, 2/8; 国庆中秋 10/1-8 with 9/28, 10/11.
    reply          2025-01-24 2025-02-05  make-up 1/26, 1/27, 2/5
    investigation  2025-09-15 2025-10-31  30 working days incl. 9/28, 10/11
    extension      2025-09-15 2025-11-14  60 calendar days, Friday
    # 2026 元旦 1/1-3 with 1/4; 春节 2/15-23 with 2/14, 2/28; 国庆 10/1-7 with 9/20, 10/10.
    reply          2025-12-31 2026-01-06  make-up Sunday 1/4, 1/5, 1/6
    reply          2026-02-12 2026-02-24  2/13, make-up 2/14, 2/24
    review-request 2026-02-13 2026-03-05  2/14, 2/24-27, 2/28, 3/2-5
    reply          2026-09-30 2026-10-10  10/8, 10/9, make-up 10/10
    findings       2026-09-28 2026-10-08  3rd day 10/1 off until 10/7
    review-answer  2026-09-03 2026-10-08  30th day 10/3 off until 10/7
";
    check_table(TABLE, &readings());
}

#[test]
fn make_up_days_treated_as_rest_push_the_same_periods_later() {
    const TABLE: &str = "
    reply          2020-01-17 2020-01-22  1/19 no longer counts
    reply          2020-09-29 2020-10-12  10/10 no longer counts
    reply          2022-01-27 2022-02-08  1/29, 1/30 rest, 春节 after
    review-answer  2023-09-04 2023-10-09  10/7, 10/8 rest
    findings       2020-10-07 2020-10-12  10/10, 10/11 rest
";
    let r = Readings {
        make_up_days: MakeUpDays::TreatAsRest,
        ..readings()
    };
    check_table(TABLE, &r);
}

#[test]
fn moving_only_past_statutory_holidays_leaves_weekends_as_last_days() {
    const TABLE: &str = "
    findings       2020-10-08 2020-10-11  Sunday stays
    findings       2024-06-05 2024-06-08  Saturday 6/8 is not 端午
    findings       2024-06-07 2024-06-11  端午 6/10 ends, next day
    review-answer  2020-09-03 2020-10-09  day after 10/8
    findings       2022-12-28 2023-01-03  元旦 12/31-1/2
";
    let r = Readings {
        roll_forward: RollForward::HolidayOnly,
        ..readings()
    };
    check_table(TABLE, &r);
}

// ---------------------------------------------------------------- unknown 2027

#[test]
fn deadlines_reaching_into_2027_are_provisional_with_a_chinese_reason() {
    let calendar = Calendar::builtin();
    let r = readings();
    let cases = [
        // 12/31 (Thu), 2027-01-01 (Fri, no data: counted as a weekday), 1/4 (Mon).
        (PeriodId::Reply, "2026-12-30", "2027-01-04", true),
        (PeriodId::Reply, "2026-12-25", "2026-12-30", false),
        (PeriodId::ReviewAnswer, "2026-12-01", "2026-12-31", false),
        (PeriodId::ReviewAnswer, "2026-12-02", "2027-01-01", true),
        (PeriodId::Findings, "2026-12-30", "2027-01-04", true),
        (PeriodId::Extension, "2026-11-20", "2027-01-19", true),
    ];
    for (period, start, due, provisional) in cases {
        let got = compute(&calendar, period, d(start), &r).unwrap();
        assert_eq!(
            (got.due, got.is_provisional()),
            (d(due), provisional),
            "{period} from {start}"
        );
        if let Some(p) = got.provisional {
            assert_eq!(p.unknown_years, vec![2027]);
            assert_eq!(
                p.reason,
                "2027年的节假日安排尚未收录（国务院办公厅通常在上一年10月至12月公布；公布后可由本单位添加），此日期仅按周末推算，仅供参考。"
            );
        }
    }
}

// ---------------------------------------------------------------- readings

#[test]
fn the_extension_readings_give_the_three_expected_due_dates() {
    let calendar = Calendar::builtin();
    let cases = [
        // From 2025-09-15: 30 working days end 10/31 (see the holiday table test).
        (
            ExtensionReading::TotalCalendarDays,
            "2025-11-14",
            PeriodUnit::CalendarDays,
            "2025-09-15",
        ),
        (
            ExtensionReading::ExtraCalendarDays,
            "2025-12-30",
            PeriodUnit::CalendarDays,
            "2025-10-31",
        ),
        (
            ExtensionReading::TotalWorkingDays,
            "2025-12-12",
            PeriodUnit::WorkingDays,
            "2025-09-15",
        ),
        // From 2021-09-01: 30 working days end 10/19; 12/18 is a Saturday.
        (
            ExtensionReading::ExtraCalendarDays,
            "2021-12-20",
            PeriodUnit::CalendarDays,
            "2021-10-19",
        ),
        (
            ExtensionReading::TotalWorkingDays,
            "2021-11-30",
            PeriodUnit::WorkingDays,
            "2021-09-01",
        ),
    ];
    for (extension, due, unit, counted_from) in cases {
        let start = if due.starts_with("2025") {
            "2025-09-15"
        } else {
            "2021-09-01"
        };
        let r = Readings {
            extension,
            ..readings()
        };
        let got = compute(&calendar, PeriodId::Extension, d(start), &r).unwrap();
        assert_eq!(got.due, d(due), "{extension:?}");
        assert_eq!(got.unit, unit);
        assert_eq!(got.length, 60);
        assert_eq!(got.counted_from, d(counted_from));
        assert_eq!(got.readings.extension, Some(extension));
    }
}

#[test]
fn the_default_extension_never_ends_before_the_investigation_it_extends() {
    let calendar = Calendar::builtin();
    let mut start = d("2020-01-01");
    while start <= d("2026-12-31") {
        let investigation =
            compute(&calendar, PeriodId::Investigation, start, &readings()).unwrap();
        let extension = compute(&calendar, PeriodId::Extension, start, &readings()).unwrap();
        assert!(extension.due > investigation.due, "{start}");
        start = start.succ_opt().unwrap();
    }
}

#[test]
fn the_findings_reading_switches_between_calendar_and_working_days() {
    let calendar = Calendar::builtin();
    // From 2026-09-30: calendar day 3 is 10/3 (off until 10/7) → 10/8; working days 10/8-10/10.
    let cases = [
        (
            FindingsUnitReading::CalendarDays,
            "2026-10-08",
            PeriodUnit::CalendarDays,
        ),
        (
            FindingsUnitReading::WorkingDays,
            "2026-10-10",
            PeriodUnit::WorkingDays,
        ),
    ];
    for (findings_unit, due, unit) in cases {
        let r = Readings {
            findings_unit,
            ..readings()
        };
        let got = compute(&calendar, PeriodId::Findings, d("2026-09-30"), &r).unwrap();
        assert_eq!((got.due, got.unit), (d(due), unit), "{findings_unit:?}");
        assert_eq!(got.readings.findings_unit, Some(findings_unit));
    }
}

#[test]
fn the_reply_start_reading_picks_the_start_day_and_so_the_due_date() {
    let calendar = Calendar::builtin();
    let (received, started) = (d("2026-09-28"), d("2026-09-30"));
    let cases = [
        // Receipt 9/28: 9/29, 9/30, 10/8. Procedure start 9/30: 10/8, 10/9, 10/10.
        (
            ReplyStartReading::FromReceipt,
            "2026-09-28",
            "2026-10-08",
            StartEvent::ApplicationReceived,
        ),
        (
            ReplyStartReading::FromProcedureStart,
            "2026-09-30",
            "2026-10-10",
            StartEvent::ProcedureStarted,
        ),
    ];
    for (reply_start, start, due, event) in cases {
        let r = Readings {
            reply_start,
            ..readings()
        };
        let chosen = reply_start_date(received, Some(started), reply_start).unwrap();
        assert_eq!(chosen, d(start));
        let got = compute(&calendar, PeriodId::Reply, chosen, &r).unwrap();
        assert_eq!(got.due, d(due), "{reply_start:?}");
        assert_eq!(got.start_event, Some(event));
        assert_eq!(got.readings.reply_start, Some(reply_start));
    }
    // Before the committee consents there is no reply period yet under the default reading.
    assert_eq!(
        reply_start_date(received, None, ReplyStartReading::FromProcedureStart),
        None
    );
}

#[test]
fn every_result_lists_exactly_the_readings_it_depended_on() {
    let calendar = Calendar::builtin();
    let start = d("2025-03-03");
    let used = |period: PeriodId, r: &Readings| -> Vec<AppliedReading> {
        compute(&calendar, period, start, r)
            .unwrap()
            .readings
            .list()
    };
    let r = readings();
    let make_up = AppliedReading::MakeUpDays(MakeUpDays::CountAsWorking);
    let roll = AppliedReading::RollForward(RollForward::NextWorkingDay);
    assert_eq!(
        used(PeriodId::Reply, &r),
        vec![
            AppliedReading::ReplyStart(ReplyStartReading::FromProcedureStart),
            make_up
        ]
    );
    assert_eq!(used(PeriodId::Investigation, &r), vec![make_up]);
    assert_eq!(
        used(PeriodId::Extension, &r),
        vec![
            AppliedReading::Extension(ExtensionReading::TotalCalendarDays),
            make_up,
            roll
        ]
    );
    assert_eq!(
        used(PeriodId::Findings, &r),
        vec![
            AppliedReading::FindingsUnit(FindingsUnitReading::CalendarDays),
            make_up,
            roll
        ]
    );
    assert_eq!(used(PeriodId::ReviewRequest, &r), vec![make_up]);
    assert_eq!(used(PeriodId::ReviewAnswer, &r), vec![make_up, roll]);
    let holiday_only = Readings {
        roll_forward: RollForward::HolidayOnly,
        ..r
    };
    assert_eq!(
        used(PeriodId::ReviewAnswer, &holiday_only),
        vec![AppliedReading::RollForward(RollForward::HolidayOnly)]
    );
    for reading in used(PeriodId::Extension, &r) {
        assert!(reading.is_default());
        assert!(!reading.question().is_empty() && !reading.label().is_empty());
        assert!(reading.explanation().contains("默认读法"));
    }
}

#[test]
fn readings_have_defaults_and_load_from_partial_settings() {
    let r: Readings = serde_json::from_str(r#"{"extension":"extra-calendar-days"}"#).unwrap();
    assert_eq!(r.extension, ExtensionReading::ExtraCalendarDays);
    assert_eq!(r.reply_start, ReplyStartReading::FromProcedureStart);
    assert_eq!(
        serde_json::from_str::<Readings>("{}").unwrap(),
        Readings::default()
    );
    let json = serde_json::to_string(&Readings::default()).unwrap();
    assert_eq!(
        json,
        r#"{"extension":"total-calendar-days","reply_start":"from-procedure-start","findings_unit":"calendar-days","make_up_days":"count-as-working","roll_forward":"next-working-day"}"#
    );
}

// ---------------------------------------------------------------- the definitions and the seed

fn seed_lines() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/000_03af99b33f974c16.txt"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The seed's text of an article's paragraph: the article's line, then one line per paragraph.
fn paragraph(lines: &[String], article: &str, paragraph: Option<u8>) -> String {
    let at = lines.iter().position(|l| l.starts_with(article)).unwrap();
    lines[at + usize::from(paragraph.unwrap_or(1)) - 1].clone()
}

#[test]
fn every_period_quote_appears_verbatim_in_the_cited_paragraph_of_the_seed() {
    let lines = seed_lines();
    for def in &PERIODS {
        let citation = def.citation.to_string();
        let article = citation.split('条').next().unwrap().to_string() + "条";
        let text = paragraph(&lines, &article, def.citation.paragraph);
        for fragment in def.quote {
            assert!(
                text.contains(fragment),
                "{} «{fragment}» not in {citation}",
                def.id
            );
        }
        if let Some(rule) = def.on_expiry {
            let text = paragraph(&lines, &article, rule.citation.paragraph);
            assert!(
                text.contains(rule.quote),
                "{}: expiry rule not in the seed",
                def.id
            );
        }
        // The quoted text states the very length and unit the definition counts.
        let stated = match def.unit {
            PeriodUnit::WorkingDays => format!("{}个工作日", def.length),
            PeriodUnit::CalendarDays => format!("{}日", def.length),
        };
        assert!(def.quote_text().contains(&stated), "{}: {stated}", def.id);
        assert_eq!(def.length_text(), stated);
    }
}

#[test]
fn the_periods_cite_the_expected_articles_and_none_is_invented() {
    let citations: Vec<(&str, String, u16)> = PERIODS
        .iter()
        .map(|p| (p.id.as_str(), p.citation.to_string(), p.length))
        .collect();
    assert_eq!(
        citations,
        vec![
            ("reply", "第三十一条".to_string(), 3),
            ("investigation", "第三十二条第一款".to_string(), 30),
            ("extension", "第三十二条第一款".to_string(), 60),
            ("findings", "第三十二条第一款".to_string(), 3),
            ("review-request", "第三十二条第二款".to_string(), 10),
            ("review-answer", "第三十二条第二款".to_string(), 30),
        ]
    );
    // 第三十三条 (appeals) gives no period.
    assert!(PERIODS.iter().all(|p| p.citation.article != 33));
    // Each citation links into the rulebook.
    for p in &PERIODS {
        let article = p.citation.article_no().unwrap();
        assert_eq!(article.get(), p.citation.article);
        let anchor = p.citation.anchor().map(|a| a.to_string());
        let expected = p.citation.paragraph.map(|n| format!("p{n}"));
        assert_eq!(anchor, expected, "{}", p.id);
    }
}

#[test]
fn period_ids_are_stable_url_slugs() {
    for id in PeriodId::ALL {
        assert_eq!(PeriodId::from_slug(id.as_str()), Some(id));
        assert_eq!(id.definition().id, id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        assert!(
            id.as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        );
    }
    assert_eq!(PeriodId::from_slug("appeal"), None);
}

// ---------------------------------------------------------------- traces

#[test]
fn the_reply_trace_shows_each_day_counted_or_skipped_and_why() {
    let calendar = Calendar::builtin();
    let traced =
        compute_with_trace(&calendar, PeriodId::Reply, d("2020-09-29"), &readings()).unwrap();
    assert_eq!(traced.deadline.due, d("2020-10-10"));
    assert_eq!(traced.phases.len(), 1);
    let notes: Vec<(String, String)> = traced.phases[0]
        .steps
        .iter()
        .map(|s| (s.day.date.format("%m-%d").to_string(), s.note.clone()))
        .collect();
    let mut expected = vec![("09-30".to_string(), "第1个工作日".to_string())];
    for day in 1..=8 {
        expected.push((format!("10-{day:02}"), "不计（国庆节、中秋节）".to_string()));
    }
    expected.push(("10-09".into(), "第2个工作日".into()));
    expected.push(("10-10".into(), "第3个工作日（调休上班，计入）".into()));
    assert_eq!(notes, expected);
}

#[test]
fn a_calendar_day_trace_shows_the_moving_forward() {
    let calendar = Calendar::builtin();
    let traced = compute_with_trace(
        &calendar,
        PeriodId::ReviewAnswer,
        d("2020-09-03"),
        &readings(),
    )
    .unwrap();
    let phase = &traced.phases[0];
    assert_eq!(phase.steps.len(), 36);
    assert_eq!(phase.steps[29].action, StepAction::Counted { ordinal: 30 });
    assert_eq!(phase.steps[29].note, "第30日（国庆节、中秋节）");
    assert!(
        phase.steps[30..35]
            .iter()
            .all(|s| s.action == StepAction::MovedPast)
    );
    assert_eq!(phase.steps[35].action, StepAction::MovedTo);
    assert_eq!(phase.steps[35].note, "顺延至此日（工作日）");
    assert_eq!(
        phase.moved_note.as_deref(),
        Some("第30日2020年10月3日（星期六）是国庆节、中秋节，期限顺延至2020年10月9日（星期五）。")
    );
    assert_eq!(traced.deadline.moved_from, Some(d("2020-10-03")));
    assert_eq!(
        traced.deadline.summary(),
        "自2020年9月3日（星期四）的次日起算，30日，第30日2020年10月3日（星期六）不是工作日，顺延至2020年10月9日（星期五）。"
    );
}

#[test]
fn the_extra_days_extension_traces_both_stretches() {
    let calendar = Calendar::builtin();
    let r = Readings {
        extension: ExtensionReading::ExtraCalendarDays,
        ..readings()
    };
    let traced = compute_with_trace(&calendar, PeriodId::Extension, d("2025-09-15"), &r).unwrap();
    let titles: Vec<&str> = traced.phases.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, vec!["30个工作日", "60日"]);
    assert_eq!(traced.phases[0].due, d("2025-10-31"));
    assert_eq!(traced.phases[1].counted_from, d("2025-10-31"));
    assert_eq!(traced.deadline.due, d("2025-12-30"));
    assert!(
        traced
            .deadline
            .summary()
            .starts_with("原期限于2025年10月31日（星期五）届满，")
    );
}

#[test]
fn traces_agree_with_the_cheap_computation_and_count_exactly_the_length() {
    let calendar = Calendar::builtin();
    for r in [
        readings(),
        Readings {
            make_up_days: MakeUpDays::TreatAsRest,
            ..readings()
        },
    ] {
        let mut start = d("2025-12-01");
        while start <= d("2027-02-01") {
            for (unit, n) in [(PeriodUnit::WorkingDays, 10), (PeriodUnit::CalendarDays, 7)] {
                let cheap = compute_span(&calendar, unit, len(n), start, &r).unwrap();
                let traced = compute_span_with_trace(&calendar, unit, len(n), start, &r).unwrap();
                assert_eq!(traced.deadline, cheap);
                let steps = &traced.phases[0].steps;
                let counted = steps
                    .iter()
                    .filter(|s| matches!(s.action, StepAction::Counted { .. }))
                    .count();
                assert_eq!(counted, usize::from(n), "{unit:?} from {start}");
                assert_eq!(steps.last().unwrap().day.date, cheap.due);
            }
            start = start.succ_opt().unwrap();
        }
    }
}

#[test]
fn a_zero_length_period_is_due_on_its_start_day_even_on_a_holiday() {
    let calendar = Calendar::builtin();
    for unit in PeriodUnit::ALL {
        let traced =
            compute_span_with_trace(&calendar, unit, len(0), d("2026-10-03"), &readings()).unwrap();
        assert_eq!(traced.deadline.due, d("2026-10-03"));
        assert!(traced.phases[0].steps.is_empty());
        assert_eq!(
            traced.deadline.summary(),
            "期限为0日，届满日即起算日2026年10月3日（星期六）。"
        );
    }
}

// ---------------------------------------------------------------- dashboard helpers

#[test]
fn remaining_working_days_are_signed_and_overdue_starts_the_day_after() {
    let calendar = Calendar::builtin();
    let cases = [
        // today, due, working days, calendar days, overdue
        ("2026-09-29", "2026-10-09", 3, 10, false),
        ("2026-10-09", "2026-10-09", 0, 0, false),
        ("2026-10-11", "2026-10-09", -1, -2, true),
        ("2026-10-12", "2026-10-09", -2, -3, true),
        ("2026-10-04", "2026-10-03", 0, -1, true),
    ];
    for (today, due, working, calendar_days, overdue) in cases {
        let got = remaining(&calendar, d(today), d(due), MakeUpDays::CountAsWorking);
        assert_eq!(
            (got.working_days, got.calendar_days, got.overdue),
            (working, calendar_days, overdue),
            "{today} → {due}"
        );
        assert_eq!(is_overdue(d(today), d(due)), overdue);
        assert_eq!(got.provisional, None);
    }
    let rest = remaining(
        &calendar,
        d("2026-10-11"),
        d("2026-10-09"),
        MakeUpDays::TreatAsRest,
    );
    assert_eq!((rest.working_days, rest.overdue), (0, true));
    let ahead = remaining(
        &calendar,
        d("2026-12-28"),
        d("2027-01-05"),
        MakeUpDays::CountAsWorking,
    );
    assert_eq!(ahead.working_days, 6);
    assert_eq!(ahead.provisional.unwrap().unknown_years, vec![2027]);
}

#[test]
fn deemed_acceptance_follows_article_31() {
    let due = d("2026-10-10");
    let cases = [
        (None, false, "2026-10-10", DeemedAcceptance::Pending),
        (
            None,
            false,
            "2026-10-11",
            DeemedAcceptance::Deemed {
                since: d("2026-10-11"),
            },
        ),
        (
            None,
            true,
            "2026-10-11",
            DeemedAcceptance::ExcludedApplicantCause,
        ),
        (
            Some("2026-10-10"),
            false,
            "2026-10-20",
            DeemedAcceptance::RepliedInTime,
        ),
        (
            Some("2026-10-12"),
            false,
            "2026-10-20",
            DeemedAcceptance::Deemed {
                since: d("2026-10-11"),
            },
        ),
        (
            Some("2026-10-12"),
            true,
            "2026-10-20",
            DeemedAcceptance::ExcludedApplicantCause,
        ),
    ];
    for (replied, applicant_caused, today, expected) in cases {
        let got = deemed_acceptance(due, replied.map(d), applicant_caused, d(today));
        assert_eq!(got, expected, "{replied:?} {applicant_caused} {today}");
    }
}

// ---------------------------------------------------------------- input

#[test]
fn lengths_parse_with_chinese_errors() {
    assert_eq!(parse_length(" 30 ").map(PeriodLength::get), Ok(30));
    assert_eq!(parse_length("0").map(PeriodLength::get), Ok(0));
    assert_eq!(
        parse_length("3650").map(PeriodLength::get),
        Ok(MAX_PERIOD_LENGTH)
    );
    let cases = [
        ("", LengthInputError::Empty, "请输入期限的天数"),
        ("-3", LengthInputError::Negative, "期限天数不能为负数"),
        (
            "3.5",
            LengthInputError::NotANumber("3.5".into()),
            "“3.5”不是整数，请输入0或正整数，例如 30",
        ),
        (
            "三十",
            LengthInputError::NotANumber("三十".into()),
            "不是整数",
        ),
        ("-", LengthInputError::NotANumber("-".into()), "不是整数"),
        (
            "3651",
            LengthInputError::TooLong { max: 3650 },
            "期限最多3650日",
        ),
        (
            "99999999999999999999",
            LengthInputError::TooLong { max: 3650 },
            "期限最多3650日",
        ),
    ];
    for (input, error, message) in cases {
        let err = parse_length(input).unwrap_err();
        assert_eq!(err, error, "{input}");
        assert!(err.to_string().contains(message), "{err}");
    }
    assert!(serde_json::from_str::<PeriodLength>("3651").is_err());
}

#[test]
fn start_dates_outside_the_supported_years_are_an_error_not_a_panic() {
    let calendar = Calendar::builtin();
    let far = NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap();
    for start in [
        d("1899-12-31"),
        d("2200-01-01"),
        far,
        NaiveDate::MAX,
        NaiveDate::MIN,
    ] {
        for period in PeriodId::ALL {
            let err = compute(&calendar, period, start, &readings()).unwrap_err();
            assert_eq!(err, DeadlineError::OutOfRange { date: start });
            assert!(err.to_string().contains("只能计算1900年至2199年之间的日期"));
        }
    }
    let last = compute_span(
        &calendar,
        PeriodUnit::CalendarDays,
        len(3650),
        d("2199-12-31"),
        &readings(),
    );
    assert!(last.unwrap().is_provisional());
}
