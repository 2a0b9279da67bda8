//! Hostile input for every parser of the core: at least 100,000 mutated and random inputs each,
//! deterministic (seeded), asserting that nothing panics and that each input is either refused
//! with a message or accepted whole (an accepted input re-validates cleanly).
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{AssertUnwindSafe, catch_unwind};

use weiquan::core::calendar::{
    Calendar, export_custom_years_json, parse_custom_years_json, parse_date,
    validate_year_arrangement,
};
use weiquan::core::deadline::parse_length;
use weiquan::core::rules::{Anchor, ArticleNo};
use weiquan::core::search;
use weiquan::core::training::{QuestionBank, SplitMix64};

const ROUNDS: usize = 100_000;

/// Fragments that often break parsers: JSON syntax, numbers at the edges, odd Unicode.
const SPICE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "-1",
    "0",
    "1e309",
    "99999999999999999999",
    "2026-02-30",
    "2027-13-01",
    "9999-12-31",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "𠀀",
    "👮",
    "\\u0000",
    "<script>",
    "' OR 1=1 --",
    "=cmd|' /C calc'!A0",
    "\n",
    "\t",
    " ",
    "第",
    "条",
    "二十",
    "p1-i",
    "#",
];

struct Mutator(SplitMix64);

impl Mutator {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }

    /// One of: a mutation of `seed` (delete, duplicate, insert spice, flip a character,
    /// truncate) applied 1–4 times, or a random string built from spice and characters.
    fn input(&mut self, seed: &str) -> String {
        if self.below(5) == 0 {
            let mut s = String::new();
            for _ in 0..self.below(12) {
                if self.below(2) == 0 {
                    s.push_str(SPICE[self.below(SPICE.len())]);
                } else {
                    s.push(char::from_u32(self.below(0x3_0000) as u32).unwrap_or('?'));
                }
            }
            return s;
        }
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..=self.below(4) {
            let at = self.below(chars.len() + 1);
            match self.below(5) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => {
                    let end = (at + self.below(40)).min(chars.len());
                    let copy: Vec<char> = chars[at..end].to_vec();
                    chars.splice(at..at, copy);
                }
                2 => {
                    let spice: Vec<char> = SPICE[self.below(SPICE.len())].chars().collect();
                    chars.splice(at..at, spice);
                }
                3 if at < chars.len() => {
                    chars[at] =
                        char::from_u32(chars[at] as u32 ^ (1 << self.below(8))).unwrap_or('?');
                }
                _ => chars.truncate(at),
            }
        }
        chars.into_iter().collect()
    }
}

/// Runs `check` on `ROUNDS` inputs derived from `seeds`; fails naming the first input that
/// panicked. Returns (accepted, refused).
fn fuzz(name: &str, seeds: &[&str], check: impl Fn(&str) -> bool) -> (usize, usize) {
    fuzz_n(name, seeds, ROUNDS, check)
}

fn fuzz_n(
    name: &str,
    seeds: &[&str],
    rounds: usize,
    check: impl Fn(&str) -> bool,
) -> (usize, usize) {
    let mut m = Mutator(SplitMix64::new(0x5EED ^ name.len() as u64));
    let (mut ok, mut refused) = (0, 0);
    for round in 0..rounds {
        let input = m.input(seeds[round % seeds.len()]);
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(true) => ok += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("{name}: input #{round} panicked: {input:?}"),
        }
    }
    assert_eq!(ok + refused, rounds);
    (ok, refused)
}

#[test]
fn holiday_json_import_never_panics_and_accepts_only_valid_years() {
    let seed = r#"{"years":{"2027":{"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],"workdays":["2027-01-09"]}}}"#;
    let builtin = include_str!("../data/holidays-cn.json");
    let (ok, refused) = fuzz(
        "holidays",
        &[seed, &builtin[..builtin.len().min(1500)]],
        |s| {
            match parse_custom_years_json(s) {
                Ok(years) => {
                    // Accepted whole: every year is valid, layers over the calendar and re-exports.
                    for y in &years {
                        assert!(validate_year_arrangement(y.year, &y.arrangement).is_empty());
                    }
                    assert!(Calendar::with_custom(&years).is_ok());
                    assert!(export_custom_years_json(&years).is_ok());
                    true
                }
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    false
                }
            }
        },
    );
    assert!(
        ok > 0 && refused > 0,
        "the corpus must exercise both outcomes: {ok} ok, {refused} refused"
    );
}

#[test]
fn dates_and_lengths_typed_by_users_never_panic() {
    fuzz("date", &["2026-09-28", "2026/1/5", "2020-02-29"], |s| {
        parse_date(s).is_ok()
    });
    fuzz("length", &["30", "0", "3650", "-3"], |s| {
        parse_length(s).is_ok()
    });
}

#[test]
fn article_numbers_and_anchors_from_urls_never_panic() {
    fuzz(
        "article",
        &["21", "第二十一条", "二十一", "４３"],
        |s| match ArticleNo::parse(s) {
            Ok(n) => (1..=43).contains(&n.get()),
            Err(_) => false,
        },
    );
    fuzz("anchor", &["p1-i2", "#p2", "p1-i1-s2", "p1-i5-d1"], |s| {
        Anchor::parse(s).is_ok()
    });
}

#[test]
fn search_queries_never_panic() {
    let index = search::index();
    fuzz(
        "search",
        &["骂人", "网上造谣 民警", "几个工作日答复", "推搡民警"],
        |s| !search::search(s, index).is_empty(),
    );
}

/// The bank is compiled in, not imported, so fewer rounds suffice: it is parsed whole each time.
#[test]
fn a_damaged_question_bank_is_refused_not_trusted() {
    let bank = include_str!("../data/questions.json");
    let head = &bank[..bank.char_indices().nth(3000).map_or(bank.len(), |(i, _)| i)];
    let (_, refused) = fuzz_n("questions", &[bank, head], 2_000, |s| {
        QuestionBank::from_json(s).is_ok()
    });
    assert!(refused > 0);
}
