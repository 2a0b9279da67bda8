//! The dashboard's lists and the case list's filters, search, order, pages and address.

use chrono::NaiveDate;
use weiquan::core::case::OffenceCategory;
use weiquan::core::dashboard::{
    Buckets, CaseRow, DueItem, ListQuery, PAGE_SIZE, RecordFields, RowError, SortKey, buckets,
    category_from_key, counts_by_state, is_candidate, select, select_in, sort_order,
    state_from_key, state_key, units,
};
use weiquan::core::deadline::{Citation, PeriodId};
use weiquan::core::workflow::State;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn item(id: &str, due: &str, left: i64, supervise: bool) -> DueItem {
    DueItem {
        case_id: id.into(),
        officer: "王建国".into(),
        period: PeriodId::Reply,
        title: "答复申请人",
        citation: Citation {
            article: 31,
            paragraph: None,
        },
        due: d(due),
        working_days_left: left,
        overdue: d(due) < d("2026-11-25"),
        needs_supervision: supervise,
        provisional: false,
    }
}

fn ids(items: &[DueItem]) -> Vec<&str> {
    items.iter().map(|i| i.case_id.as_str()).collect()
}

#[test]
fn periods_are_sorted_into_overdue_today_and_soon_and_later_ones_are_dropped() {
    let today = d("2026-11-25");
    let b = buckets(
        vec![
            item("later", "2026-11-30", 3, false),
            item("soon-2", "2026-11-27", 2, false),
            item("today", "2026-11-25", 0, false),
            item("late-applicant", "2026-11-10", -11, false),
            item("soon-1", "2026-11-26", 1, false),
            item("late-office", "2026-11-20", -3, true),
            item("late-office-older", "2026-11-18", -5, true),
        ],
        today,
    );
    assert_eq!(
        ids(&b.overdue),
        vec!["late-office-older", "late-office", "late-applicant"]
    );
    assert_eq!(ids(&b.today), vec!["today"]);
    assert_eq!(ids(&b.soon), vec!["soon-1", "soon-2"]);
    assert!(!b.is_empty());
    assert!(buckets(Vec::new(), today).is_empty());
    assert_eq!(buckets(Vec::new(), today), Buckets::default());
}

#[test]
fn only_cases_due_within_the_window_are_computed_afresh() {
    let today = d("2026-11-25");
    let table = [
        (None, false),
        (Some("2026-10-01"), true),
        (Some("2026-11-25"), true),
        (Some("2026-12-26"), true),
        (Some("2026-12-27"), false),
    ];
    for (due, expected) in table {
        assert_eq!(is_candidate(due.map(d), today), expected, "{due:?}");
    }
}

#[test]
fn states_are_counted_in_procedural_order_without_empty_ones() {
    let counts = counts_by_state([
        State::Investigating,
        State::Received,
        State::Investigating,
        State::Closed,
    ]);
    assert_eq!(
        counts,
        vec![
            (State::Received, 1),
            (State::Investigating, 2),
            (State::Closed, 1)
        ]
    );
}

#[test]
fn state_and_category_keys_round_trip_and_unknown_keys_are_none() {
    for state in State::ALL {
        assert_eq!(state_from_key(&state_key(state)), Some(state));
    }
    assert_eq!(state_from_key("under-review"), Some(State::UnderReview));
    assert_eq!(state_from_key("nonsense"), None);
    assert_eq!(category_from_key("assault"), Some(OffenceCategory::Assault));
    assert_eq!(category_from_key("Assault"), None);
}

struct Spec {
    id: &'static str,
    state: &'static str,
    next_due: Option<&'static str>,
    received: &'static str,
    updated: &'static str,
    unit: &'static str,
    categories: &'static [&'static str],
    badge: &'static str,
    name: &'static str,
    summary: &'static str,
}

fn row(s: &Spec) -> Result<CaseRow, RowError> {
    let categories: Vec<String> = s.categories.iter().map(|c| (*c).to_owned()).collect();
    let json = serde_json::json!({
        "id": s.id,
        "facts": { "officer": { "name": s.name, "badge": s.badge }, "summary": s.summary },
    })
    .to_string();
    CaseRow::from_record(&RecordFields {
        id: s.id,
        state: s.state,
        next_due: s.next_due,
        received_on: s.received,
        updated_at: s.updated,
        unit: s.unit,
        categories: &categories,
        officer_badge: s.badge,
        case_json: &json,
    })
}

const SPECS: [Spec; 4] = [
    Spec {
        id: "WQ-A",
        state: "under-review",
        next_due: Some("2026-11-20"),
        received: "2026-11-10",
        updated: "2026-11-12T10:00:00",
        unit: "解放派出所",
        categories: &["assault"],
        badge: "330401",
        name: "王建国",
        summary: "盘查时被推搡 Drunk man",
    },
    Spec {
        id: "WQ-B",
        state: "investigating",
        next_due: Some("2026-12-20"),
        received: "2026-11-20",
        updated: "2026-11-24T09:00:00",
        unit: "新城派出所",
        categories: &["insult", "defamation"],
        badge: "330402",
        name: "陈晓燕",
        summary: "网上发帖辱骂",
    },
    Spec {
        id: "WQ-C",
        state: "received",
        next_due: None,
        received: "2026-11-24",
        updated: "2026-11-24T08:00:00",
        unit: "解放派出所",
        categories: &["obstruction"],
        badge: "",
        name: "刘伟",
        summary: "执行传唤时被围堵",
    },
    Spec {
        id: "WQ-D",
        state: "under-review",
        next_due: Some("2026-11-26"),
        received: "2026-11-01",
        updated: "2026-11-20T08:00:00",
        unit: "新城派出所",
        categories: &["assault", "insult"],
        badge: "330404",
        name: "赵敏",
        summary: "被威胁",
    },
];

fn rows() -> Vec<CaseRow> {
    SPECS.iter().map(|s| row(s).unwrap()).collect()
}

fn listed(query: &ListQuery) -> Vec<String> {
    let rows = rows();
    select(&rows, query, d("2026-11-25"))
        .rows
        .into_iter()
        .map(|i| rows[i].id.clone())
        .collect()
}

#[test]
fn filters_and_search_select_the_matching_cases() {
    let q = |pairs: &[(&str, &str)]| ListQuery::from_pairs(pairs.iter().copied());
    let table: Vec<(ListQuery, Vec<&str>)> = vec![
        (q(&[]), vec!["WQ-A", "WQ-D", "WQ-B", "WQ-C"]),
        (q(&[("state", "under-review")]), vec!["WQ-A", "WQ-D"]),
        (q(&[("category", "insult")]), vec!["WQ-D", "WQ-B"]),
        (q(&[("running", "1")]), vec!["WQ-A", "WQ-D", "WQ-B"]),
        (q(&[("overdue", "1")]), vec!["WQ-A"]),
        (q(&[("unit", "新城派出所")]), vec!["WQ-D", "WQ-B"]),
        (q(&[("q", "330402")]), vec!["WQ-B"]),
        (q(&[("q", "刘伟")]), vec!["WQ-C"]),
        (q(&[("q", "wq-d")]), vec!["WQ-D"]),
        (q(&[("q", "  DRUNK ")]), vec!["WQ-A"]),
        (q(&[("q", "辱骂")]), vec!["WQ-B"]),
        (q(&[("q", "没有这个人")]), vec![]),
        (
            q(&[("state", "under-review"), ("category", "insult")]),
            vec!["WQ-D"],
        ),
    ];
    for (query, expected) in table {
        assert_eq!(listed(&query), expected, "{query:?}");
    }
}

#[test]
fn each_order_sorts_as_labelled_with_the_id_breaking_ties() {
    let table = [
        (SortKey::NextDue, vec!["WQ-A", "WQ-D", "WQ-B", "WQ-C"]),
        (SortKey::Received, vec!["WQ-C", "WQ-B", "WQ-A", "WQ-D"]),
        (SortKey::Updated, vec!["WQ-B", "WQ-C", "WQ-D", "WQ-A"]),
    ];
    for (sort, expected) in table {
        let query = ListQuery {
            sort,
            page: 1,
            ..ListQuery::default()
        };
        assert_eq!(listed(&query), expected, "{sort:?}");
    }
}

#[test]
fn filtering_a_precomputed_order_selects_what_select_does() {
    let base = rows();
    let many: Vec<CaseRow> = (0..130).map(|i| base[i % base.len()].clone()).collect();
    let today = d("2026-11-25");
    for sort in SortKey::ALL {
        let order = sort_order(&many, sort);
        for pairs in [
            vec![],
            vec![("q", " 330402 ")],
            vec![("q", "WQ-D"), ("page", "2")],
            vec![("state", "under-review"), ("page", "3")],
            vec![("overdue", "1")],
        ] {
            let mut query = ListQuery::from_pairs(pairs.iter().copied());
            query.sort = sort;
            let expected = select(&many, &query, today);
            assert_eq!(
                select_in(&many, &order, &query, today),
                expected,
                "{query:?}"
            );
        }
    }
}

#[test]
fn pages_hold_page_size_cases_and_a_page_past_the_end_shows_the_last() {
    let base = rows();
    let many: Vec<CaseRow> = (0..120).map(|i| base[i % base.len()].clone()).collect();
    let table = [(1, 1, 50), (2, 2, 50), (3, 3, 20), (9, 3, 20), (0, 1, 50)];
    for (asked, shown, len) in table {
        let query = ListQuery {
            page: asked,
            ..ListQuery::default()
        };
        let sel = select(&many, &query, d("2026-11-25"));
        assert_eq!(
            (sel.total, sel.pages, sel.page, sel.rows.len()),
            (120, 3, shown, len)
        );
    }
    assert_eq!(PAGE_SIZE, 50);
    let none = select(&[], &ListQuery::default(), d("2026-11-25"));
    assert_eq!((none.total, none.pages, none.page), (0, 1, 1));
}

#[test]
fn the_query_round_trips_through_the_address_and_ignores_nonsense() {
    let full = ListQuery {
        state: Some(State::Investigating),
        category: Some(OffenceCategory::Defamation),
        running: true,
        overdue: true,
        unit: Some("新城派出所".into()),
        text: "王 建国".into(),
        sort: SortKey::Updated,
        page: 3,
    };
    let pairs = full.to_pairs();
    let back = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, full);
    assert!(full.is_filtered());

    let default = ListQuery::from_pairs([]);
    assert!(default.to_pairs().is_empty());
    assert!(!default.is_filtered());
    let junk = ListQuery::from_pairs([
        ("state", "bogus"),
        ("category", "x"),
        ("running", "yes"),
        ("sort", "sideways"),
        ("page", "-2"),
        ("unit", "  "),
        ("extra", "1"),
    ]);
    assert_eq!(junk, default);
}

#[test]
fn a_record_with_an_unknown_state_a_bad_date_or_unreadable_text_is_reported() {
    let mut spec = Spec { ..SPECS[0] };
    spec.state = "archived";
    assert!(matches!(row(&spec), Err(RowError::UnknownState { .. })));
    let mut spec = Spec { ..SPECS[0] };
    spec.next_due = Some("20.11.2026");
    assert!(matches!(row(&spec), Err(RowError::BadDate { .. })));
    let categories = vec![];
    let fields = RecordFields {
        id: "WQ-X",
        state: "received",
        next_due: None,
        received_on: "2026-11-24",
        updated_at: "2026-11-24T08:00:00",
        unit: "",
        categories: &categories,
        officer_badge: "",
        case_json: "{\"facts\":",
    };
    assert!(matches!(
        CaseRow::from_record(&fields),
        Err(RowError::Unreadable { .. })
    ));
}

#[test]
fn units_are_listed_once_each_in_order() {
    assert_eq!(units(&rows()), vec!["新城派出所", "解放派出所"]);
}

#[test]
fn a_due_item_names_the_officer_with_the_badge_when_there_is_one() {
    use weiquan::core::calendar::Calendar;
    use weiquan::core::deadline::Readings;
    use weiquan::core::workflow::open_deadlines;
    // A real case: the light reading of the list must understand the stored case text.
    let input = weiquan::core::case::CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "王建国".into(),
        officer_badge: "330401".into(),
        officer_unit: "解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-11-01".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "none".into(),
        summary: "盘查时被推搡".into(),
        ..Default::default()
    };
    let facts = weiquan::core::case::validate(&input, d("2026-11-25")).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let case = weiquan::core::workflow::Case::open(
        weiquan::core::case::CaseId::new("WQ-REAL").unwrap(),
        facts,
        at("2026-11-02 09:00"),
        "李四",
        "",
        at("2026-11-02 09:05"),
    )
    .unwrap();
    let json = serde_json::to_string(&case).unwrap();
    let categories = vec!["assault".to_owned()];
    let row = CaseRow::from_record(&RecordFields {
        id: "WQ-REAL",
        state: "received",
        next_due: None,
        received_on: "2026-11-02",
        updated_at: "2026-11-02T09:05:00",
        unit: "解放派出所",
        categories: &categories,
        officer_badge: "330401",
        case_json: &json,
    })
    .unwrap();
    assert_eq!(row.officer_name, "王建国");
    assert_eq!(row.summary, "盘查时被推搡");
    assert!(row.matches_text("推搡"));
    // A received case has no running period under the default reading.
    let open = open_deadlines(
        &case,
        &Calendar::builtin(),
        &Readings::default(),
        d("2026-11-25"),
    );
    assert!(open.is_empty());
    let named = |badge: &str| DueItem::new("WQ-REAL", "王建国", badge, &sample_open()).officer;
    assert_eq!(named("330401"), "王建国（警号 330401）");
    assert_eq!(named(" "), "王建国");
}

fn sample_open() -> weiquan::core::workflow::OpenDeadline {
    use weiquan::core::calendar::Calendar;
    use weiquan::core::deadline::Readings;
    use weiquan::core::workflow::{Case, Env, Event, NewEvent, open_deadlines};
    let input = weiquan::core::case::CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "王建国".into(),
        officer_badge: "330401".into(),
        officer_unit: "解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-11-01".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "none".into(),
        summary: "盘查时被推搡".into(),
        ..Default::default()
    };
    let facts = weiquan::core::case::validate(&input, d("2026-11-25")).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = weiquan::core::case::CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let case = Case::open(
        weiquan::core::case::CaseId::new("WQ-REAL").unwrap(),
        facts,
        at("2026-11-02 09:00"),
        "李四",
        "",
        at("2026-11-02 09:05"),
    )
    .unwrap();
    let entry = |event| NewEvent {
        at: at("2026-11-20 10:00"),
        actor: "李四".into(),
        event,
        note: String::new(),
    };
    let case = case
        .apply(
            entry(Event::ReportedToCommittee),
            &env,
            at("2026-11-20 10:01"),
        )
        .unwrap()
        .apply(
            entry(Event::CommitteeConsented),
            &env,
            at("2026-11-20 10:02"),
        )
        .unwrap();
    let open = open_deadlines(&case, &calendar, &readings, d("2026-11-25"));
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].due, d("2026-11-25"));
    open[0].clone()
}

#[test]
fn a_stored_list_row_reads_like_the_record_it_was_made_from() {
    use weiquan::core::dashboard::{RowFields, list_text};
    let spec = &SPECS[0];
    let json = serde_json::json!({
        "facts": { "officer": { "name": spec.name }, "summary": spec.summary },
    })
    .to_string();
    let (name, summary) = list_text(&json).unwrap();
    assert_eq!((name.as_str(), summary.as_str()), (spec.name, spec.summary));
    assert!(list_text("{\"facts\":").is_err());
    let categories: Vec<String> = spec.categories.iter().map(|c| (*c).to_owned()).collect();
    let from_row = CaseRow::from_row(&RowFields {
        id: spec.id,
        state: spec.state,
        next_due: spec.next_due,
        received_on: spec.received,
        updated_at: spec.updated,
        unit: spec.unit,
        categories: &categories,
        officer_badge: spec.badge,
        officer_name: &name,
        summary: &summary,
    })
    .unwrap();
    assert_eq!(from_row, row(spec).unwrap());
    assert!(from_row.matches_text(&spec.summary[..3]));
}

#[test]
fn the_due_basis_changes_with_the_readings_and_the_unit_s_own_holidays() {
    use weiquan::core::calendar::{CustomYear, HolidayRange, YearArrangement};
    use weiquan::core::dashboard::due_basis;
    use weiquan::core::deadline::{Readings, ReplyStartReading};
    let none = due_basis(&[], &Readings::default());
    assert_eq!(none, due_basis(&[], &Readings::default()), "stable");
    assert_eq!(none.len(), 64);
    let other = Readings {
        reply_start: ReplyStartReading::FromReceipt,
        ..Readings::default()
    };
    assert_ne!(none, due_basis(&[], &other));
    let year = CustomYear {
        year: 2027,
        arrangement: YearArrangement {
            holidays: vec![HolidayRange {
                name: "元旦".into(),
                from: d("2027-01-01"),
                to: d("2027-01-03"),
            }],
            workdays: vec![],
        },
    };
    let with_year = due_basis(std::slice::from_ref(&year), &Readings::default());
    assert_ne!(none, with_year);
    let mut later = year.clone();
    later.arrangement.holidays[0].to = d("2027-01-04");
    assert_ne!(with_year, due_basis(&[later], &Readings::default()));
}
