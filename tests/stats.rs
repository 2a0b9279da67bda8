//! The committee's statistics (第十七、三十八条) over hand-built cases, and the exports: CSV read
//! back by an independent parser, formula injection neutralised, the .ics checked by a small
//! unfolding parser written here.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, Ground, OffenceCategory, validate};
use weiquan::core::deadline::{PeriodId, Readings};
use weiquan::core::export::{
    BOM, case_list_csv, csv_cell, deadlines_ics, fold_line, ics_text, statistics_csv,
};
use weiquan::core::stats::{DateRange, DateRangeError, MedianDays, Statistics, statistics};
use weiquan::core::workflow::{Case, Determination, Env, Event, NewEvent, State, open_deadlines};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(d: &str, hour: u32) -> NaiveDateTime {
    day(d).and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

fn open(id: &str, unit: &str, categories: &[&str], summary: &str, received: &str) -> Case {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "王建国".into(),
        officer_badge: "330401".into(),
        officer_unit: unit.into(),
        harmed: "self".into(),
        incident_date: received.into(),
        incident_time: "08:00".into(),
        incident_place: "嘉兴市南湖区".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: categories.iter().map(|c| (*c).into()).collect(),
        injury: "none".into(),
        summary: summary.into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, day(received)).unwrap();
    Case::open(
        CaseId::new(id).unwrap(),
        facts,
        at(received, 9),
        "李四",
        "",
        at(received, 9),
    )
    .unwrap()
}

fn step(case: Case, event: Event, d: &str, hour: u32) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at(d, hour),
        actor: "李四".into(),
        event,
        note: String::new(),
    };
    case.apply(entry, &env, at(d, hour)).unwrap()
}

/// Reported and consented on `started`: the reply period of 第三十一条 runs from that day.
fn started(case: Case, started: &str) -> Case {
    let case = step(case, Event::ReportedToCommittee, started, 10);
    step(case, Event::CommitteeConsented, started, 11)
}

const TODAY: &str = "2025-04-01";

/// Five cases; the calendar weeks used have no holidays (March 2025, February after 春节).
fn cases() -> Vec<Case> {
    // A: replied in 2 working days, investigated in 5, findings fed back in time.
    let a = started(
        open(
            "WQ-A",
            "南湖区分局解放派出所",
            &["assault"],
            "被推搡",
            "2025-03-03",
        ),
        "2025-03-04",
    );
    let a = step(a, Event::Accepted, "2025-03-06", 14);
    let a = step(a, Event::InvestigationApproved, "2025-03-07", 9);
    let a = step(
        a,
        Event::InvestigationCompleted {
            summary: "核查属实".into(),
        },
        "2025-03-14",
        9,
    );
    let a = step(
        a,
        Event::FindingsApproved {
            determinations: vec![Determination::DutyInfringed],
            summary: "属于依法履职受到侵犯".into(),
        },
        "2025-03-14",
        15,
    );
    let a = step(a, Event::ApplicantNotified, "2025-03-17", 9);

    // B: the reply period (3 working days from Mon 10 March, due Thu 13 March) ran out; the
    // application was deemed accepted on the 14th; the investigation is still running.
    let b = started(
        open(
            "WQ-B",
            "秀洲区分局新城派出所",
            &["insult", "defamation"],
            "=HYPERLINK(\"http://x\",\"点击\")",
            "2025-03-10",
        ),
        "2025-03-10",
    );
    let b = step(b, Event::DeemedAccepted, "2025-03-14", 9);
    let b = step(b, Event::InvestigationApproved, "2025-03-18", 9);

    // C: rejected in 2 working days.
    let c = started(
        open(
            "WQ-C",
            "南湖区分局解放派出所",
            &["obstruction"],
            "围堵, 阻碍带离",
            "2025-02-10",
        ),
        "2025-02-10",
    );
    let c = step(
        c,
        Event::Rejected {
            reasons: "不属于维权范围".into(),
        },
        "2025-02-12",
        9,
    );

    // D: procedure started Thu 20 March; no reply by 1 April (due Tue 25 March).
    let d = started(
        open(
            "WQ-D",
            "秀洲区分局新城派出所",
            &["assault"],
            "抓伤",
            "2025-03-20",
        ),
        "2025-03-20",
    );

    // E: received before the range.
    let e = open(
        "WQ-E",
        "交警支队直属一大队",
        &["privacy_violation"],
        "住址被公布",
        "2024-12-30",
    );
    vec![a, b, c, d, e]
}

fn stats_2025() -> Statistics {
    let range = DateRange::new(day("2025-01-01"), day("2025-12-31")).unwrap();
    statistics(
        &cases(),
        range,
        &Calendar::builtin(),
        &Readings::default(),
        day(TODAY),
    )
}

#[test]
fn only_cases_received_in_the_range_are_counted() {
    let s = stats_2025();
    assert_eq!(s.total, 4);
    assert_eq!(s.open, 4);
}

#[test]
fn categories_count_each_case_under_every_category_it_has() {
    let s = stats_2025();
    let table = [
        (OffenceCategory::Assault, 2),
        (OffenceCategory::Obstruction, 1),
        (OffenceCategory::Insult, 1),
        (OffenceCategory::Defamation, 1),
        (OffenceCategory::FalseAccusation, 0),
        (OffenceCategory::ThreatOrHarassment, 0),
        (OffenceCategory::PrivacyViolation, 0),
        (OffenceCategory::MaliciousComplaint, 0),
    ];
    assert_eq!(s.by_category, table.to_vec());
}

#[test]
fn months_cover_the_whole_range_and_count_receipts() {
    let s = stats_2025();
    assert_eq!(s.by_month.len(), 12);
    let counts: Vec<usize> = s.by_month.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, vec![0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(s.by_month[1].0, (2025, 2));
}

#[test]
fn units_are_listed_most_cases_first_then_by_name() {
    let s = stats_2025();
    assert_eq!(
        s.by_unit,
        vec![
            ("南湖区分局解放派出所".to_owned(), 2),
            ("秀洲区分局新城派出所".to_owned(), 2),
        ]
    );
}

#[test]
fn grounds_states_and_determinations_are_counted() {
    let s = stats_2025();
    assert_eq!(
        s.by_ground,
        vec![
            (Ground::Infringed, 4),
            (Ground::Unprotected, 0),
            (Ground::WrongfulAccountability, 0),
        ]
    );
    assert_eq!(
        s.by_state,
        vec![
            (State::UnderReview, 1),
            (State::Rejected, 1),
            (State::Investigating, 1),
            (State::Notified, 1),
        ]
    );
    assert_eq!(s.by_determination[0], (Determination::DutyInfringed, 1));
    assert_eq!(s.by_determination.iter().map(|(_, n)| n).sum::<usize>(), 1);
}

#[test]
fn periods_are_on_time_late_or_still_running_by_the_event_that_ended_them() {
    let s = stats_2025();
    let figures = |p: PeriodId| s.periods.iter().find(|(q, _)| *q == p).unwrap().1.clone();
    // (period, on time, late, running, running overdue)
    let table = [
        (PeriodId::Reply, 2, 1, 0, 1),
        (PeriodId::Investigation, 1, 0, 1, 0),
        (PeriodId::Extension, 0, 0, 0, 0),
        (PeriodId::Findings, 1, 0, 0, 0),
        (PeriodId::ReviewAnswer, 0, 0, 0, 0),
    ];
    for (period, on_time, late, running, running_overdue) in table {
        let f = figures(period);
        assert_eq!(
            (f.on_time, f.late, f.running, f.running_overdue),
            (on_time, late, running, running_overdue),
            "{period:?}"
        );
    }
}

#[test]
fn medians_count_working_days_from_start_to_reply_and_to_completion() {
    let s = stats_2025();
    // Replies: A 2, C 2 (B was deemed accepted, not replied).
    assert_eq!(s.median_reply_days.map(|m| m.text()), Some("2".to_owned()));
    // Investigations: A, 7 → 14 March = 5 working days.
    assert_eq!(
        s.median_investigation_days.map(|m| m.text()),
        Some("5".to_owned())
    );
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    let table: [(Vec<i64>, Option<&str>); 4] = [
        (vec![], None),
        (vec![4], Some("4")),
        (vec![5, 2], Some("3.5")),
        (vec![1, 9, 3, 3], Some("3")),
    ];
    for (values, expected) in table {
        assert_eq!(
            MedianDays::of(values.clone()).map(|m| m.text()).as_deref(),
            expected,
            "{values:?}"
        );
    }
}

#[test]
fn date_ranges_refuse_a_start_after_the_end_and_unreadable_dates() {
    assert_eq!(
        DateRange::parse("2025-05-01", "2025-04-01"),
        Err(DateRangeError::Reversed)
    );
    assert_eq!(
        DateRange::parse("2025/05/01", "2025-06-01"),
        Err(DateRangeError::Unreadable)
    );
    let year = DateRange::year_of(day("2026-11-25"));
    assert_eq!(
        (year.from(), year.to()),
        (day("2026-01-01"), day("2026-12-31"))
    );
}

#[test]
fn a_cell_that_a_spreadsheet_would_take_for_a_formula_gets_an_apostrophe() {
    let table = [
        ("=1+1", "'=1+1"),
        ("+8613800000000", "'+8613800000000"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("a,b", "\"a,b\""),
        ("说\"好\"", "\"说\"\"好\"\"\""),
        ("袭警", "袭警"),
        ("", ""),
    ];
    for (input, expected) in table {
        assert_eq!(csv_cell(input), expected, "{input:?}");
    }
}

fn read_csv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix(BOM).expect("starts with the BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_case_list_csv_reads_back_row_for_row_with_the_formula_neutralised() {
    let all = cases();
    let text = case_list_csv(&all, &Calendar::builtin(), &Readings::default(), day(TODAY));
    assert!(text.starts_with(BOM));
    assert!(text.ends_with("\r\n"));
    let rows = read_csv(&text);
    assert_eq!(rows.len(), all.len() + 1);
    assert_eq!(rows[0][0], "案件编号");
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["WQ-A", "WQ-B", "WQ-C", "WQ-D", "WQ-E"]);
    assert_eq!(rows[2][9], "'=HYPERLINK(\"http://x\",\"点击\")");
    assert_eq!(rows[2][6], "侮辱、诽谤");
    assert_eq!(rows[3][9], "围堵, 阻碍带离");
    assert_eq!(rows[4][8], "2025-03-25");
}

#[test]
fn the_statistics_csv_reads_back_with_one_figure_a_row() {
    let rows = read_csv(&statistics_csv(&stats_2025()));
    assert!(rows.iter().all(|r| r.len() == 3));
    let find = |table: &str, item: &str| {
        rows.iter()
            .find(|r| r[0] == table && r[1] == item)
            .map(|r| r[2].clone())
    };
    let table = [
        ("概况", "收到案件", "4"),
        ("侵权类型", "袭警", "2"),
        ("收到月份", "2025年3月", "3"),
        ("民警单位", "南湖区分局解放派出所", "2"),
        ("期限执行：审查并答复申请人", "按期完成", "2"),
        ("期限执行：审查并答复申请人", "进行中（已逾期）", "1"),
        ("办理用时（工作日中位数）", "启动调查至核查完毕", "5"),
    ];
    for (t, item, value) in table {
        assert_eq!(find(t, item).as_deref(), Some(value), "{t} {item}");
    }
}

/// A tiny RFC 5545 reader: checks CRLF and line length, unfolds, and splits each content line
/// into (name with parameters, value).
fn read_ics(text: &str) -> Vec<(String, String)> {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break"
        );
    }
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        if let Some(rest) = line.strip_prefix(' ') {
            logical
                .last_mut()
                .expect("continuation first")
                .push_str(rest);
        } else {
            logical.push(line.to_owned());
        }
    }
    logical
        .into_iter()
        .map(|l| {
            let (name, value) = l.split_once(':').expect("name:value");
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

fn unescape(value: &str) -> String {
    value
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[test]
fn the_ics_has_one_all_day_event_per_open_deadline_and_parses() {
    let all = cases();
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let today = day(TODAY);
    let text = deadlines_ics(&all, &calendar, &readings, today, at("2025-04-01", 2));
    let lines = read_ics(&text);
    assert_eq!(
        lines.first().unwrap(),
        &("BEGIN".into(), "VCALENDAR".into())
    );
    assert_eq!(lines.last().unwrap(), &("END".into(), "VCALENDAR".into()));
    let mut depth = 0i32;
    for (name, value) in &lines {
        match name.as_str() {
            "BEGIN" => depth += 1,
            "END" => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "END before BEGIN at {value}");
    }
    assert_eq!(depth, 0);
    let expected: usize = all
        .iter()
        .map(|c| open_deadlines(c, &calendar, &readings, today).len())
        .sum();
    assert!(expected >= 2);
    let events: Vec<&[(String, String)]> = lines
        .split(|(n, v)| n == "BEGIN" && v == "VEVENT")
        .skip(1)
        .collect();
    assert_eq!(events.len(), expected);
    for event in &events {
        for required in [
            "UID",
            "DTSTAMP",
            "DTSTART;VALUE=DATE",
            "SUMMARY",
            "DESCRIPTION",
        ] {
            assert!(
                event.iter().any(|(n, _)| n == required),
                "{required} missing"
            );
        }
        let stamp = event.iter().find(|(n, _)| n == "DTSTAMP").unwrap();
        assert_eq!(stamp.1, "20250401T020000Z");
    }
    let d = events
        .iter()
        .find(|e| {
            e.iter()
                .any(|(n, v)| n == "SUMMARY" && v.starts_with("案件WQ-D "))
        })
        .unwrap();
    let get = |n: &str| d.iter().find(|(k, _)| k == n).unwrap().1.clone();
    assert_eq!(get("DTSTART;VALUE=DATE"), "20250325");
    assert_eq!(unescape(&get("SUMMARY")), "案件WQ-D 审查并答复申请人到期");
    assert!(unescape(&get("DESCRIPTION")).starts_with("依据：第三十一条。"));
}

#[test]
fn folding_never_splits_a_character_and_text_escaping_covers_the_special_characters() {
    let long = format!("DESCRIPTION:{}", "期限".repeat(60));
    let folded = fold_line(&long);
    for line in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75);
    }
    let unfolded: String = folded
        .trim_end_matches("\r\n")
        .split("\r\n")
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { &l[1..] })
        .collect();
    assert_eq!(unfolded, long);
    let table = [
        ("a;b", "a\\;b"),
        ("a,b", "a\\,b"),
        ("a\\b", "a\\\\b"),
        ("a\r\nb", "a\\nb"),
        ("a\nb", "a\\nb"),
    ];
    for (input, expected) in table {
        assert_eq!(ics_text(input), expected);
    }
}
