//! The app's base: how the content of `<meta name="weiquan-base">` becomes the prefix of every
//! address, and that the addresses of the pages start with it.

use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::ui::routes::{AppRoute, base, normalize_base};

#[wasm_bindgen_test]
fn a_base_is_a_plain_path_without_its_trailing_slash() {
    assert_eq!(normalize_base("/weiquan/"), "/weiquan");
    assert_eq!(normalize_base("/weiquan"), "/weiquan");
    assert_eq!(normalize_base("weiquan/"), "/weiquan");
    assert_eq!(normalize_base("/apps/weiquan/"), "/apps/weiquan");
    assert_eq!(normalize_base("/"), "");
    assert_eq!(normalize_base(""), "");
    assert_eq!(normalize_base(" /weiquan/ "), "/weiquan");
}

#[wasm_bindgen_test]
fn anything_but_a_plain_path_counts_as_the_root() {
    for odd in [
        "https://intranet/weiquan/",
        "/a/../b/",
        "/./",
        "/a//b/",
        "/x?y",
        "/x#y",
        "\\x",
    ] {
        assert_eq!(normalize_base(odd), "", "{odd}");
    }
}

#[wasm_bindgen_test]
fn page_addresses_start_with_the_base() {
    // The test page has no base meta: the root.
    assert_eq!(base(), "");
    assert_eq!(AppRoute::Home.href(), "/");
    assert_eq!(AppRoute::Article(31).href(), "/rules/31");
    assert_eq!(AppRoute::Case("WQ 1/2".into()).href(), "/cases/WQ%201%2F2");
    for route in AppRoute::navigation() {
        assert_eq!(route.href(), format!("{}{}", base(), route.path()));
    }
}
