//! The case list's search index against the plain rule: over generated cases and many generated
//! search texts, the index finds exactly the cases `CaseRow::matches_text` finds, and
//! `select_indexed` selects exactly what `select` selects, filters, orders and pages included.

use chrono::NaiveDate;
use weiquan::core::case_index::{CaseTextIndex, ListOrder, TextHits, select_indexed};
use weiquan::core::dashboard::{CaseRow, ListQuery, RecordFields, SortKey, select};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A small deterministic generator (xorshift), so every run checks the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Characters the generated texts are made of: few, so that searches hit often; Chinese, Latin
/// in both cases, digits, punctuation, spaces and letters whose lower case is longer or special.
const ALPHABET: &[char] = &[
    '王', '建', '国', '陈', '晓', '燕', '推', '搡', '网', '上', '辱', '骂', 'a', 'B', 'c', 'Q',
    'w', '3', '0', '4', '-', ' ', '、', 'İ', 'Σ', 'ß', 'É',
];

fn text(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max + 1);
    (0..n).map(|_| rng.pick(ALPHABET)).collect()
}

const STATES: [&str; 4] = ["received", "under-review", "investigating", "closed"];
const UNITS: [&str; 3] = ["解放派出所", "新城派出所", "交警一大队"];
const CATEGORIES: [&str; 3] = ["assault", "insult", "defamation"];

fn generated_rows(rng: &mut Rng, n: usize) -> Vec<CaseRow> {
    (0..n)
        .map(|i| {
            let id = format!("WQ-{}-{:04}", text(rng, 2), i);
            let name = text(rng, 4);
            let badge = if rng.below(3) == 0 {
                String::new()
            } else {
                format!("3304{:02}", rng.below(100))
            };
            let summary = text(rng, 30);
            let json = serde_json::json!({
                "facts": { "officer": { "name": name }, "summary": summary },
            })
            .to_string();
            let categories = vec![rng.pick(&CATEGORIES).to_owned()];
            let due = format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
            let received = format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
            let updated = format!("2026-11-{:02}T08:00:00", 1 + rng.below(28));
            let running = rng.below(2) == 0;
            CaseRow::from_record(&RecordFields {
                id: &id,
                state: rng.pick(&STATES),
                next_due: running.then_some(due.as_str()),
                received_on: &received,
                updated_at: &updated,
                unit: rng.pick(&UNITS),
                categories: &categories,
                officer_badge: &badge,
                case_json: &json,
            })
            .unwrap()
        })
        .collect()
}

/// A search text: a piece of some case's text (in another case, with spaces around), or made up.
fn query_text(rng: &mut Rng, rows: &[CaseRow]) -> String {
    match rng.below(4) {
        0 => text(rng, 5),
        _ => {
            let row = &rows[rng.below(rows.len())];
            let source = format!(
                "{}\n{}\n{}\n{}",
                row.id, row.officer_name, row.officer_badge, row.summary
            );
            let chars: Vec<char> = source.chars().collect();
            let start = rng.below(chars.len());
            let len = 1 + rng.below(6);
            let piece: String = chars[start..(start + len).min(chars.len())]
                .iter()
                .collect();
            match rng.below(3) {
                0 => piece.to_uppercase(),
                1 => format!("  {piece} "),
                _ => piece,
            }
        }
    }
}

fn reference(rows: &[CaseRow], text: &str) -> Vec<u32> {
    (0..rows.len() as u32)
        .filter(|&i| rows[i as usize].matches_text(text))
        .collect()
}

#[test]
fn the_index_finds_exactly_what_the_substring_rule_finds() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let rows = generated_rows(&mut rng, 600);
    let index = CaseTextIndex::build(&rows);
    assert_eq!(index.len(), 600);
    let mut nonempty = 0;
    for _ in 0..5000 {
        let q = query_text(&mut rng, &rows);
        let expected = reference(&rows, &q);
        match index.hits(&rows, &q) {
            TextHits::All => assert!(q.trim().is_empty(), "{q:?}"),
            hits => {
                assert_eq!(hits.positions().unwrap(), expected.as_slice(), "{q:?}");
                if !expected.is_empty() && expected.len() < rows.len() {
                    nonempty += 1;
                }
            }
        }
    }
    // The generated texts must exercise the index, not only its empty answers.
    assert!(nonempty > 2000, "{nonempty}");
}

#[test]
fn texts_the_index_treats_specially_follow_the_rule() {
    let mut rng = Rng(42);
    let rows = generated_rows(&mut rng, 200);
    let index = CaseTextIndex::build(&rows);
    let texts = [
        "",
        "   ",
        "王",
        "W",
        "wq-",
        "\n",
        "a\n",
        "i̇",
        "σ",
        "ss",
        "ß",
        "王王王王王王",
        "不在这里",
        "wq-wq-wq",
    ];
    for q in texts {
        let expected = reference(&rows, q);
        match index.hits(&rows, q) {
            TextHits::All => {
                assert!(q.trim().is_empty(), "{q:?}");
                assert_eq!(expected.len(), rows.len());
            }
            hits => assert_eq!(hits.positions().unwrap(), expected.as_slice(), "{q:?}"),
        }
    }
    assert!(CaseTextIndex::build(&[]).is_empty());
}

#[test]
fn indexed_selection_equals_the_plain_selection() {
    let mut rng = Rng(0xfeed_beef_0042_0007);
    let rows = generated_rows(&mut rng, 900);
    let index = CaseTextIndex::build(&rows);
    let today = d("2026-06-15");
    let orders: Vec<ListOrder> = SortKey::ALL
        .into_iter()
        .map(|s| ListOrder::new(&rows, s))
        .collect();
    for n in 0..1500 {
        let mut query = ListQuery {
            sort: rng.pick(&SortKey::ALL),
            page: 1 + rng.below(4),
            ..ListQuery::default()
        };
        if n % 3 != 0 {
            query.text = query_text(&mut rng, &rows);
        }
        if rng.below(3) == 0 {
            query.state = weiquan::core::dashboard::state_from_key(rng.pick(&STATES));
        }
        if rng.below(4) == 0 {
            query.category = weiquan::core::dashboard::category_from_key(rng.pick(&CATEGORIES));
        }
        if rng.below(4) == 0 {
            query.unit = Some(rng.pick(&UNITS).to_owned());
        }
        query.running = rng.below(5) == 0;
        query.overdue = rng.below(5) == 0;
        let order = orders.iter().find(|o| o.sort == query.sort).unwrap();
        assert_eq!(
            select_indexed(&rows, order, &index, &query, today),
            select(&rows, &query, today),
            "{query:?}"
        );
    }
}

#[test]
fn an_index_or_order_of_other_rows_falls_back_to_reading_every_case() {
    let mut rng = Rng(7);
    let rows = generated_rows(&mut rng, 120);
    let fewer = &rows[..60];
    let today = d("2026-06-15");
    let stale_index = CaseTextIndex::build(fewer);
    let stale_order = ListOrder::new(fewer, SortKey::NextDue);
    let index = CaseTextIndex::build(&rows);
    let order = ListOrder::new(&rows, SortKey::NextDue);
    for text in ["", "王", "3304", "wq"] {
        for sort in SortKey::ALL {
            let query = ListQuery {
                text: text.to_owned(),
                sort,
                page: 1,
                ..ListQuery::default()
            };
            let expected = select(&rows, &query, today);
            assert_eq!(
                select_indexed(&rows, &stale_order, &index, &query, today),
                expected
            );
            assert_eq!(
                select_indexed(&rows, &order, &stale_index, &query, today),
                expected
            );
            assert_eq!(
                select_indexed(&rows, &order, &index, &query, today),
                expected
            );
        }
    }
}
