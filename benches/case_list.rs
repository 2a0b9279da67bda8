//! Benchmark of the case list's search over 10,000 and 50,000 generated cases: building the
//! search index and the order (once, when the cases are read), then each keystroke of the browser
//! benchmark's typing (scripts/bench-browser.mjs) through the index (`select_indexed`) and through
//! the plain scan (`select_in`) for comparison. Prints medians. Run with
//! `cargo bench --bench case_list`.

mod common;

use std::time::Duration;

use chrono::NaiveDate;
use weiquan::core::case_index::{CaseTextIndex, ListOrder, select_indexed};
use weiquan::core::dashboard::{CaseRow, ListQuery, RecordFields, SortKey, select_in};

fn time<T>(runs: usize, f: impl FnMut() -> T) -> Duration {
    common::median_of_runs(runs, 1, f)
}

fn us(d: Duration) -> String {
    format!("{:>9.1} µs", d.as_secs_f64() * 1e6)
}

/// The six officers of examples/case_fixtures.rs (name, 警号, unit, summary).
const PEOPLE: [(&str, &str, &str, &str); 6] = [
    (
        "王建国",
        "330401",
        "南湖区分局解放派出所",
        "盘查时被醉酒男子推搡、抓伤面部",
    ),
    (
        "陈晓燕",
        "330402",
        "秀洲区分局新城派出所",
        "调解纠纷后被当事人在网上发帖辱骂并捏造事实",
    ),
    (
        "刘伟",
        "330403",
        "南湖区分局解放派出所",
        "执行传唤时被围堵，阻碍带离",
    ),
    (
        "赵敏",
        "330404",
        "交警支队直属一大队",
        "处理交通违法后多次收到威胁短信",
    ),
    (
        "孙立",
        "330405",
        "秀洲区分局新城派出所",
        "被同一人反复投诉，经核查投诉内容不实",
    ),
    (
        "周兰",
        "330406",
        "交警支队直属一大队",
        "家庭住址和电话被公布在网上",
    ),
];

const PLACES: [&str; 8] = [
    "南湖区",
    "秀洲区",
    "嘉善县",
    "平湖市",
    "海宁市",
    "桐乡市",
    "海盐县",
    "经开区",
];

const STATES: [&str; 4] = ["received", "under-review", "investigating", "closed"];

fn rows(n: usize) -> Vec<CaseRow> {
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let (name, badge, unit, summary) = PEOPLE[i % PEOPLE.len()];
            let id = format!("WQ-B-{:05}", i + 1);
            let summary = format!(
                "{}在{}，{summary}（第{}次）",
                PLACES[i * 7 % 8],
                PLACES[i % 8],
                i % 13 + 1
            );
            let json =
                format!(r#"{{"facts":{{"officer":{{"name":"{name}"}},"summary":"{summary}"}}}}"#);
            let received = base + chrono::Days::new((i * 37 % 1400) as u64);
            let due = (i % 10 < 3).then(|| (received + chrono::Days::new(30)).to_string());
            let categories = vec!["assault".to_owned()];
            CaseRow::from_record(&RecordFields {
                id: &id,
                state: STATES[if due.is_some() { i % 3 } else { 3 }],
                next_due: due.as_deref(),
                received_on: &received.to_string(),
                updated_at: &format!("{received}T09:00:00"),
                unit,
                categories: &categories,
                officer_badge: badge,
                case_json: &json,
            })
            .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// The browser benchmark's keystrokes: each word typed one character at a time, then cleared.
fn keystrokes() -> Vec<String> {
    let mut steps = Vec::new();
    for word in ["330402", "王建国", "盘查", "WQ-B-0012", "网上"] {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            steps.push(chars[..n].iter().collect());
        }
        steps.push(String::new());
    }
    steps
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    for n in [10_000, 50_000] {
        let rows = rows(n);
        println!("== {n} cases");
        let build = time(10, || CaseTextIndex::build(&rows));
        println!(
            "median {}  build the search index (once per load)",
            us(build)
        );
        let sort = time(10, || ListOrder::new(&rows, SortKey::NextDue));
        println!(
            "median {}  sort and rank (once per load and order)",
            us(sort)
        );
        let index = CaseTextIndex::build(&rows);
        let order = ListOrder::new(&rows, SortKey::NextDue);
        let mut indexed = Vec::new();
        let mut scanned = Vec::new();
        for text in keystrokes() {
            let query = ListQuery {
                text,
                page: 1,
                ..ListQuery::default()
            };
            let a = select_indexed(&rows, &order, &index, &query, today);
            let b = select_in(&rows, &order.order, &query, today);
            assert_eq!(a, b, "{query:?}");
            indexed.push((
                query.text.clone(),
                a.total,
                time(50, || select_indexed(&rows, &order, &index, &query, today)),
            ));
            scanned.push(time(10, || select_in(&rows, &order.order, &query, today)));
        }
        let worst = indexed.iter().max_by_key(|(_, _, t)| *t).cloned();
        if let Some((text, hits, t)) = worst {
            println!(
                "median {}  slowest keystroke through the index ({text:?}, {hits} hits)",
                us(t)
            );
        }
        let med = |mut v: Vec<Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        println!(
            "median {}  keystroke through the index, median over the {} keystrokes",
            us(med(indexed.iter().map(|(_, _, t)| *t).collect())),
            indexed.len()
        );
        println!(
            "median {}  keystroke through the plain scan (select_in), median; slowest {}",
            us(med(scanned.clone())),
            us(scanned.iter().copied().max().unwrap_or_default())
        );
        let filtered = ListQuery {
            text: "王".to_owned(),
            state: weiquan::core::dashboard::state_from_key("investigating"),
            page: 1,
            ..ListQuery::default()
        };
        println!(
            "median {}  \"王\" with the state filter",
            us(time(50, || select_indexed(
                &rows, &order, &index, &filtered, today
            )))
        );
    }
}
