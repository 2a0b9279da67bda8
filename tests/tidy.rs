//! Tidy: the architecture invariants of ARCHITECTURE.md, checked on the source text.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_under(dir: &str) -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(),
        &mut paths,
    );
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect()
}

fn all_rust_files() -> Vec<(PathBuf, String)> {
    ["src", "tests", "benches"]
        .iter()
        .flat_map(|d| files_under(d))
        .collect()
}

/// Code lines only: line comments and doc comments may name anything.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    let bad: Vec<_> = all_rust_files()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "files without a leading `//!` line: {bad:#?}"
    );
}

#[test]
fn the_core_imports_no_browser_storage_or_ui_code_and_reads_no_clock() {
    let forbidden = [
        "leptos",
        "web_sys",
        "wasm_bindgen",
        "js_sys",
        "gloo",
        "indexed_db_futures",
        "crate::ui",
        "crate::store",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "Instant::now",
        "thread_rng",
        "rand::",
    ];
    let mut bad = Vec::new();
    let files = files_under("src/core");
    assert!(!files.is_empty(), "src/core looks empty");
    for (path, text) in files {
        for (n, line) in code_lines(&text) {
            for word in forbidden {
                if line.contains(word) {
                    bad.push(format!("{}:{n}: {word}", path.display()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "src/core reaches outside the core: {bad:#?}"
    );
}

#[test]
fn only_the_store_touches_indexed_db() {
    let mut bad = Vec::new();
    for (path, text) in files_under("src/ui") {
        for (n, line) in code_lines(&text) {
            if line.contains("indexed_db_futures") || line.contains("gloo_storage") {
                bad.push(format!("{}:{n}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "the UI must go through src/store: {bad:#?}");
}

/// A path literal outside `ui::routes` (and the route table's `path!`) would miss the base
/// under a sub-path deployment; so would the router's own `use_navigate`.
fn rooted_paths(path: &Path, text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    if path.ends_with("routes.rs") {
        return bad;
    }
    for (n, line) in code_lines(text) {
        let literal = !line.contains("path!(")
            && line
                .match_indices("\"/")
                .any(|(i, _)| line[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
        if literal || line.contains("hooks::use_navigate") || line.contains("hooks::{use_navigate")
        {
            bad.push(format!("{}:{n}: {}", path.display(), line.trim()));
        }
    }
    bad
}

#[test]
fn every_address_comes_from_the_routes_with_the_base() {
    let bad: Vec<_> = files_under("src/ui")
        .into_iter()
        .flat_map(|(p, text)| rooted_paths(&p, &text))
        .collect();
    assert!(
        bad.is_empty(),
        "use AppRoute::href and ui::routes::use_navigate: {bad:#?}"
    );
    let sample = "let a = view! { <a href=\"/cases\">x</a> };\n";
    assert_eq!(rooted_paths(Path::new("src/ui/x.rs"), sample).len(), 1);
}

#[test]
fn no_test_is_ignored_or_expects_a_panic() {
    let mut bad = Vec::new();
    for (path, text) in all_rust_files() {
        for (n, line) in code_lines(&text) {
            let l = line.trim();
            if l.starts_with("#[ignore") || l.starts_with("#[should_panic") {
                bad.push(format!("{}:{n}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "assert the Err instead: {bad:#?}");
}

#[test]
fn no_unfinished_work_is_marked_in_the_source() {
    let markers = [
        "todo!(",
        "unimplemented!(",
        "TODO",
        "FIXME",
        "占位",
        "尚未实现",
        "敬请期待",
    ];
    let mut bad = Vec::new();
    for (path, text) in files_under("src") {
        for (n, line) in text.lines().enumerate() {
            for m in markers {
                if line.contains(m) {
                    bad.push(format!("{}:{}: {m}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(bad.is_empty(), "unfinished work: {bad:#?}");
}

#[test]
fn the_tidy_checks_can_fail() {
    // Guards the guards: the scanners above must see a violation when one is there.
    let sample = "use leptos::prelude::*;\n// leptos in a comment is fine\n";
    let hits: Vec<_> = code_lines(sample)
        .filter(|(_, l)| l.contains("leptos"))
        .collect();
    assert_eq!(hits.len(), 1);
}
