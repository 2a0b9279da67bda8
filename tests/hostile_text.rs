//! The hostile-text corpus (`tests/fixtures/hostile.jsonl`: XSS, formula, iCalendar, SQL, JSON,
//! control and direction characters, very long strings) through the exports: every CSV cell
//! reads back with the `csv` crate as the literal text, neutralised when a spreadsheet could
//! take it for a formula; every .ics text value is escaped, folded at 75 octets on character
//! boundaries, and reads back as the text with no property injected. The same corpus is typed
//! into every form by `tests/e2e/hostile.test.mjs`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::export::{
    BOM, CASE_LIST_HEADER, case_list_csv, csv, csv_cell, deadlines_ics, fold_line, ics_text,
    looks_like_formula, statistics_csv,
};
use weiquan::core::stats::{DateRange, statistics};
use weiquan::core::workflow::{Case, Env, Event, NewEvent};

/// The corpus, one JSON string a line; `#` lines are comments.
fn corpus() -> Vec<String> {
    let text = include_str!("fixtures/hostile.jsonl");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| serde_json::from_str::<String>(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(d: &str, hour: u32) -> NaiveDateTime {
    day(d).and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

fn read_csv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix(BOM).expect("starts with the BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// What a spreadsheet would see first in a cell, after leading white space.
fn formula_start(cell: &str) -> bool {
    cell.starts_with(['\t', '\r', '\n'])
        || cell
            .trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

#[test]
fn the_corpus_has_at_least_a_hundred_distinct_payloads_of_every_kind() {
    let all = corpus();
    assert!(all.len() >= 100, "{} payloads", all.len());
    let mut seen = std::collections::HashSet::new();
    for p in &all {
        assert!(seen.insert(p), "duplicate {p:?}");
    }
    let has = |f: &dyn Fn(&String) -> bool| all.iter().filter(|p| f(p)).count();
    assert!(has(&|p| p.contains("<script")) >= 3);
    assert!(has(&|p| p.contains("onerror")) >= 10);
    assert!(has(&|p| p.to_lowercase().contains("javascript:")) >= 5);
    assert!(has(&|p| p.contains("<svg")) >= 3);
    assert!(has(&|p| p.chars().count() > 1000) >= 3);
    assert!(has(&|p| p.chars().any(|c| c.is_control())) >= 5);
    assert!(has(&|p| p.contains(['\u{202e}', '\u{200b}', '\u{2066}'])) >= 3);
    assert!(has(&|p| looks_like_formula(p)) >= 10);
    assert!(has(&|p| p.contains("BEGIN:VEVENT") || p.contains("\r\n")) >= 2);
    assert!(has(&|p| p.contains("DROP TABLE") || p.contains("' OR '")) >= 2);
    assert!(has(&|p| p.contains("{{") || p.contains("${") || p.contains("%s")) >= 3);
}

#[test]
fn every_payload_is_one_csv_cell_that_reads_back_as_its_text_and_never_as_a_formula() {
    let all = corpus();
    let mut neutralised = 0;
    for p in &all {
        // Alone, and between two plain cells, so a broken quote would show in the neighbours.
        let text = csv(&[vec!["前".into(), p.clone(), "后".into()]]);
        assert_eq!(text, format!("{BOM}前,{},后\r\n", csv_cell(p)));
        let rows = read_csv(&text);
        assert_eq!(rows.len(), 1, "{p:?} made {} rows", rows.len());
        assert_eq!(rows[0].len(), 3, "{p:?} made {} cells", rows[0].len());
        assert_eq!((rows[0][0].as_str(), rows[0][2].as_str()), ("前", "后"));
        let cell = &rows[0][1];
        assert!(
            !formula_start(cell),
            "{p:?} reads back as a formula: {cell:?}"
        );
        if formula_start(p) {
            assert_eq!(cell, &format!("'{p}"), "{p:?}");
            neutralised += 1;
        } else {
            assert_eq!(cell, p, "{p:?}");
        }
        assert_eq!(looks_like_formula(p), formula_start(p), "{p:?}");
    }
    assert!(neutralised >= 10, "{neutralised}");
}

fn step(case: Case, event: Event, note: &str, hour: u32) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at("2025-03-10", hour),
        actor: "李四".into(),
        event,
        note: note.chars().take(2000).collect(),
    };
    case.apply(entry, &env, at("2025-03-10", hour)).unwrap()
}

/// Each payload into a case's free-text fields where the intake validation accepts it (officer
/// name, unit, post, place, summary), as the office would export them.
fn hostile_cases(all: &[String]) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, p) in all.iter().enumerate() {
        let input = CaseInput {
            applicant_kind: "officer".into(),
            status: "officer".into(),
            officer_name: p.clone(),
            officer_badge: "330401".into(),
            officer_unit: p.clone(),
            officer_post: p.clone(),
            harmed: "self".into(),
            incident_date: "2025-03-03".into(),
            incident_time: "08:00".into(),
            incident_place: p.clone(),
            duty: "on_duty".into(),
            site: "off_site".into(),
            grounds: vec!["harm".into()],
            categories: vec!["insult".into()],
            injury: "none".into(),
            summary: p.clone(),
            ..CaseInput::default()
        };
        // A field the validation refuses (too long, control characters) takes a plain value,
        // and the rest keep the payload.
        let facts = match validate(&input, day("2025-03-10")) {
            Ok(f) => f,
            Err(issues) => {
                let mut fixed = input.clone();
                for issue in issues {
                    match issue.field.control_id().as_str() {
                        "officer-name" => fixed.officer_name = "王建国".into(),
                        "officer-unit" => fixed.officer_unit = "南湖区分局".into(),
                        "officer-post" => fixed.officer_post = "民警".into(),
                        "incident-place" => fixed.incident_place = "嘉兴".into(),
                        "summary" => fixed.summary = "经过".into(),
                        other => panic!("{p:?}: unexpected issue on {other}"),
                    }
                }
                validate(&fixed, day("2025-03-10")).unwrap()
            }
        };
        let id = CaseId::new(format!("WQ-H{i:03}")).unwrap();
        let case = Case::open(
            id,
            facts,
            at("2025-03-10", 9),
            "李四",
            "",
            at("2025-03-10", 9),
        )
        .unwrap();
        // Reported and consented, so that the reply period runs; the notes carry payloads.
        let case = step(case, Event::ReportedToCommittee, p, 10);
        cases.push(step(case, Event::CommitteeConsented, p, 11));
    }
    cases
}

#[test]
fn the_case_list_and_statistics_csv_with_hostile_fields_read_back_literally() {
    let all = corpus();
    let cases = hostile_cases(&all);
    let today = day("2025-03-12");
    let text = case_list_csv(&cases, &Calendar::builtin(), &Readings::default(), today);
    let rows = read_csv(&text);
    assert_eq!(rows.len(), cases.len() + 1);
    assert_eq!(rows[0], CASE_LIST_HEADER);
    let unneutral = |cell: &str| -> String {
        assert!(!formula_start(cell), "formula reads back: {cell:?}");
        match cell.strip_prefix('\'') {
            Some(rest) if formula_start(rest) => rest.to_owned(),
            _ => cell.to_owned(),
        }
    };
    let mut hostile_cells = 0;
    for (row, case) in rows[1..].iter().zip(&cases) {
        assert_eq!(row.len(), CASE_LIST_HEADER.len());
        let facts = case.facts();
        assert_eq!(row[0], case.id().as_str());
        assert_eq!(unneutral(&row[3]), facts.officer.name);
        assert_eq!(unneutral(&row[5]), facts.officer.unit);
        assert_eq!(unneutral(&row[9]), facts.summary);
        hostile_cells += all
            .iter()
            .filter(|p| [&row[3], &row[5], &row[9]].contains(p))
            .count();
    }
    assert!(hostile_cells >= 100, "{hostile_cells}");

    let range = DateRange::new(day("2025-01-01"), day("2025-12-31")).unwrap();
    let stats = statistics(
        &cases,
        range,
        &Calendar::builtin(),
        &Readings::default(),
        today,
    );
    let rows = read_csv(&statistics_csv(&stats));
    assert!(rows.iter().all(|r| r.len() == 3));
    let units: Vec<String> = rows
        .iter()
        .filter(|r| r[0] == "民警单位")
        .map(|r| unneutral(&r[1]))
        .collect();
    for case in &cases {
        assert!(units.contains(&case.facts().officer.unit));
    }
}

/// An independent RFC 5545 TEXT check: every `;` and `,` is escaped, a backslash escapes only
/// `\`, `;`, `,`, `n` or `N`; returns the unescaped text.
fn unescape_text(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {value:?}"),
            '\r' | '\n' => panic!("raw line break in {value:?}"),
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn every_payload_is_one_escaped_folded_ics_property_that_reads_back_as_its_text() {
    for p in corpus() {
        let folded = fold_line(&format!("DESCRIPTION:{}", ics_text(&p)));
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        for (i, line) in physical.iter().enumerate() {
            assert!(line.len() <= 75, "{p:?}: line of {} octets", line.len());
            assert!(!line.contains(['\r', '\n']), "{p:?}: bare line break");
            if i > 0 {
                assert!(line.starts_with(' '), "{p:?}: continuation without a space");
            }
        }
        // Folding was only where needed: a line stops short of 75 octets only when the next
        // character would not fit.
        for pair in physical.windows(2) {
            let next = pair[1][1..].chars().next().unwrap();
            assert!(pair[0].len() + next.len_utf8() > 75, "{p:?}: folded early");
        }
        let logical: String = physical
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        let value = logical
            .strip_prefix("DESCRIPTION:")
            .expect("one DESCRIPTION");
        let expected = p.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(unescape_text(value), expected, "{p:?}");
    }
}

#[test]
fn the_deadline_calendar_carries_no_free_text_and_stays_well_formed_over_hostile_cases() {
    let cases = hostile_cases(&corpus());
    let text = deadlines_ics(
        &cases,
        &Calendar::builtin(),
        &Readings::default(),
        day("2025-03-12"),
        at("2025-03-12", 2),
    );
    let physical: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    let mut names = Vec::new();
    for line in &physical {
        assert!(line.len() <= 75);
        if !line.starts_with(' ') {
            names.push(line.split([':', ';']).next().unwrap().to_owned());
        }
    }
    for name in &names {
        assert!(
            [
                "BEGIN",
                "END",
                "VERSION",
                "PRODID",
                "CALSCALE",
                "METHOD",
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "TRANSP"
            ]
            .contains(&name.as_str()),
            "unexpected property {name}"
        );
    }
    assert_eq!(
        names.iter().filter(|n| *n == "BEGIN").count(),
        names.iter().filter(|n| *n == "END").count()
    );
    assert_eq!(
        names.iter().filter(|n| *n == "BEGIN").count(),
        cases.len() + 1
    );
}
