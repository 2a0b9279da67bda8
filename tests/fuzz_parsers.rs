//! Hostile input for every parser of the core (holiday files, backups, dates, URLs, search): at least 100,000 mutated and random inputs each,
//! deterministic (seeded), asserting that nothing panics and that each input is either refused
//! with a message or accepted whole (an accepted input re-validates cleanly).
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{AssertUnwindSafe, catch_unwind};

use weiquan::core::backup::{
    Backup, BackupLocal, BackupWriter, StoreShape, blob_value, parse_backup,
};
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

fn backup_shapes() -> Vec<StoreShape> {
    let shape = |name, key_path| StoreShape {
        name,
        key_path,
        unique: vec![],
    };
    vec![
        shape("cases", &["id"]),
        shape("case_events", &["case_id", "seq"]),
        shape("attachments", &["id"]),
        StoreShape {
            name: "documents",
            key_path: &["id"],
            unique: vec![(&["unit", "year", "number"], "文书编号")],
        },
        shape("custom_holidays", &["year"]),
        shape("meta", &["key"]),
    ]
}

/// A small backup with one record of each kind the reader checks closely.
fn backup_seed() -> String {
    let case = r#"{"id":"WQ-2026-0001","facts":{"applicant":{"kind":"officer"},"status":"officer","officer":{"name":"王建国","badge":"330401","unit":"南湖区分局","post":null},"harmed":{"kind":"self"},"incident":{"at":"2026-09-20T21:30:00","place":"解放路","duty":"on_duty","site":"off_site"},"grounds":["harm"],"categories":["assault"],"accountability":null,"injury":"none","property_loss":0,"evidence":[],"help":[],"online":false,"public_opinion_risk":false,"major_or_urgent":false,"summary":"被推搡"},"state":"received","history":[],"revision":1,"updated_at":"2026-09-21T09:05:00"}"#;
    let blob = blob_value("image/png", b"\x89PNG fuzz");
    let local: BackupLocal = serde_json::from_str(
        r#"{"settings":{"unit_name":"嘉兴市公安局南湖区分局","unit_level":"county","operator":"张三"},"readings":null}"#,
    )
    .unwrap_or_default();
    let created = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    let mut w = BackupWriter::new(created, 2, "0.1.0", &local);
    let stores: [(&str, serde_json::Value); 5] = [
        (
            "cases",
            serde_json::json!({"id": "WQ-2026-0001", "revision": 1, "case_json": case}),
        ),
        (
            "case_events",
            serde_json::json!({"case_id": "WQ-2026-0001", "seq": 1, "event_json": "{\"seq\":1,\"at\":\"2026-09-21T09:00:00\",\"actor\":\"李四\",\"kind\":{\"type\":\"reported_to_committee\"},\"note\":\"\"}"}),
        ),
        (
            "attachments",
            serde_json::json!({"id": "a", "case_id": "WQ-2026-0001", "size": blob["$blob"]["size"], "sha256": blob["$blob"]["sha256"], "blob": blob}),
        ),
        (
            "documents",
            serde_json::json!({"id": "d", "unit": "南湖", "year": 2026, "number": 1}),
        ),
        (
            "custom_holidays",
            serde_json::json!({"year": 2027, "arrangement": {"holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}], "workdays": []}}),
        ),
    ];
    for (name, record) in stores {
        w.begin_store(name);
        w.push_record(&record).unwrap_or_default();
        w.end_store();
    }
    w.finish()
}

/// An accepted backup is whole: written again, it reads back equal.
fn accepted_whole(backup: &Backup) -> bool {
    let mut w = BackupWriter::new(
        backup.created_at,
        backup.schema_version,
        &backup.app_version,
        &backup.data.local,
    );
    for (name, records) in &backup.data.stores {
        w.begin_store(name);
        for r in records {
            assert!(w.push_record(r).is_ok());
        }
        w.end_store();
    }
    let again = parse_backup(&w.finish(), &backup_shapes(), 2);
    assert_eq!(again.as_ref().map(|b| &b.data), Ok(&backup.data));
    true
}

fn refused_in_chinese(e: &dyn std::fmt::Display) -> bool {
    let text = e.to_string();
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "not a Chinese message: {text}"
    );
    false
}

#[test]
fn damaged_backup_files_are_refused_whole_with_a_chinese_message() {
    let seed = backup_seed();
    assert_eq!(parse_backup(&seed, &backup_shapes(), 2).err(), None);
    let (ok, refused) = fuzz("backup", &[&seed], |s| {
        match parse_backup(s, &backup_shapes(), 2) {
            Ok(b) => accepted_whole(&b),
            Err(e) => refused_in_chinese(&e),
        }
    });
    assert!(refused > 0, "{ok} ok, {refused} refused");
}

/// The same with a valid checksum over the damaged body, as a forger would make it, so the
/// checks behind the checksum (schema, stores, records, files, limits) all get hostile input.
#[test]
fn forged_backup_bodies_are_refused_whole_or_accepted_whole() {
    let seed = backup_seed();
    let start = seed.find("\"body\":").map_or(0, |i| i + 7);
    let end = seed.rfind(",\"sha256\"").unwrap_or(seed.len());
    let body = &seed[start..end];
    let seal = |body: &str| {
        use sha2::{Digest, Sha256};
        let sha: String = Sha256::digest(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!(
            "{{\"format\":\"weiquan-backup\",\"version\":1,\"body\":{body},\"sha256\":\"{sha}\"}}"
        )
    };
    let (ok, refused) = fuzz("backup-forged", &[body], |s| {
        match parse_backup(&seal(s), &backup_shapes(), 2) {
            Ok(b) => accepted_whole(&b),
            Err(e) => refused_in_chinese(&e),
        }
    });
    assert!(
        ok > 0 && refused > 0,
        "the corpus must exercise both outcomes: {ok} ok, {refused} refused"
    );
}
