//! Benchmark of the rulebook: parsing the compiled-in 细则 with its notes, building the search
//! index, and searching (lay words, run-on queries, several terms, no result). Prints medians.
//! Run with `cargo bench --bench rules`.

mod common;

use std::time::Duration;

use weiquan::core::rules::{self, ANNOTATIONS_JSON, ARTICLES_JSON, Document, EDITORIAL_JSON};
use weiquan::core::search::{self, SearchIndex};

fn bench<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let m = common::median_of_runs(runs, runs.min(20), &mut f);
    println!(
        "median {:>9.1} µs  {name}  ({runs} runs)",
        m.as_secs_f64() * 1e6
    );
    m
}

const QUERIES: [&str; 12] = [
    "骂人",
    "网上造谣",
    "跟踪",
    "偷拍",
    "推搡民警",
    "几个工作日答复",
    "近亲属",
    "治安管理处罚",
    "侮辱 诽谤",
    "民警",
    "火星人",
    "什么时候生效",
];

fn main() {
    bench("parse data (Document::from_json)", 200, || {
        Document::from_json(ARTICLES_JSON, EDITORIAL_JSON, ANNOTATIONS_JSON)
    });
    let document = rules::document();
    let synonyms = search::synonyms();
    bench("build search index", 200, || {
        SearchIndex::build(document, synonyms)
    });

    let index = search::index();
    let mut worst = Duration::ZERO;
    for query in QUERIES {
        let m = bench(&format!("search {query}"), 2000, || {
            search::search(query, index)
        });
        worst = worst.max(m);
    }
    let long = "骂".repeat(10_000);
    worst = worst.max(bench("search 10 000 × 骂", 500, || {
        search::search(&long, index)
    }));
    bench("search all 12 queries in a row", 500, || {
        QUERIES
            .iter()
            .map(|q| search::search(q, index).len())
            .sum::<usize>()
    });
    println!(
        "slowest single query median: {:.1} µs (budget: well under 1000 µs)",
        worst.as_secs_f64() * 1e6
    );
}
