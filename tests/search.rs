//! Rulebook search: lay queries find the right article first, highlights cut text into segments,
//! several terms mean AND, and odd input never panics.

use weiquan::core::rules::{self, Anchor};
use weiquan::core::search::{
    self, FieldMatch, Hit, Location, NotePart, SearchError, SearchIndex, Segment, SynonymTable,
    normalize, plan,
};

fn index() -> &'static SearchIndex<'static> {
    assert_eq!(search::load_error(), None);
    assert_eq!(rules::load_error(), None);
    search::index()
}

fn find(query: &str) -> Vec<Hit<'static>> {
    search::search(query, index())
}

fn ranking(query: &str) -> Vec<u8> {
    find(query).iter().map(|h| h.article.get()).collect()
}

fn joined(segments: &[Segment<'_>]) -> String {
    segments.iter().map(|s| s.text).collect()
}

fn hit_texts(m: &FieldMatch<'_>) -> Vec<String> {
    m.segments()
        .iter()
        .filter(|s| s.is_hit)
        .map(|s| s.text.to_owned())
        .collect()
}

#[test]
fn lay_queries_rank_the_right_article_first() {
    // (query, article that must come first)
    let table: [(&str, u8); 48] = [
        ("骂人", 21),
        ("网上造谣", 22),
        ("造谣", 22),
        ("跟踪", 24),
        ("堵门", 24),
        ("短信骚扰", 24),
        ("偷拍", 25),
        ("人肉搜索", 25),
        ("开盒", 25),
        ("推搡民警", 20),
        ("吐口水", 20),
        ("不让查", 20),
        ("撕警服", 20),
        ("打民警", 19),
        ("砸警车", 20),
        ("喝醉", 19),
        ("诬告", 23),
        ("投诉", 26),
        ("恶意投诉", 26),
        ("家属", 39),
        ("老婆", 39),
        ("孩子", 39),
        ("近亲属", 39),
        ("辅警", 41),
        ("外地民警", 41),
        ("律师", 13),
        ("心理", 10),
        ("心理辅导", 10),
        ("几个工作日答复", 31),
        ("没人管", 31),
        ("怎么申请维权", 30),
        ("申请复核", 32),
        ("延期", 32),
        ("不服处分", 33),
        ("开除", 33),
        ("记过", 33),
        ("受伤", 16),
        ("私了", 14),
        ("起诉", 27),
        ("还清白", 15),
        ("容错", 18),
        ("下班", 40),
        ("禁止接触", 24),
        ("轻微伤", 13),
        ("什么时候生效", 43),
        ("谁说了算", 42),
        ("瞒报", 37),
        ("公通字[2019]32号", 19),
    ];
    for (query, expected) in table {
        let got = ranking(query);
        assert_eq!(got.first(), Some(&expected), "{query}: {got:?}");
    }
}

#[test]
fn queries_about_time_limits_lead_to_the_deadline_articles() {
    for query in ["多久", "几天", "期限", "多长时间"] {
        let got = ranking(query);
        assert!(matches!(got.first(), Some(31 | 32)), "{query}: {got:?}");
        assert!(got.contains(&31) && got.contains(&32), "{query}: {got:?}");
    }
}

#[test]
fn the_defining_article_outranks_passing_mentions() {
    // 侮辱 is mentioned in 第二、二十四、二十七条 but defined in 第二十一条.
    let got = ranking("侮辱");
    assert_eq!(got[0], 21);
    for passing in [2, 24, 27] {
        assert!(got.contains(&passing), "{passing} mentions 侮辱");
    }
    // 近亲属 appears in a dozen articles; 第三十九条 says what it means.
    let got = ranking("近亲属");
    assert_eq!(got[0], 39);
    assert!(got.len() > 5);
}

#[test]
fn text_hits_outrank_annotation_hits() {
    // 轻微伤 is in 第十三条's text and only in annotations of 第十九条.
    let got = ranking("轻微伤");
    let pos = |n: u8| got.iter().position(|&a| a == n).unwrap();
    assert!(pos(13) < pos(19), "{got:?}");
    // Within one article, the text's matches come before the annotations'.
    let hit = find("治安管理处罚")
        .into_iter()
        .find(|h| h.article.get() == 20)
        .unwrap();
    let ranks: Vec<u8> = hit
        .matches
        .iter()
        .map(|m| match m.location {
            Location::Caption => 0,
            Location::Block { .. } => 1,
            Location::EditorNote { .. } => 2,
            Location::Annotation { .. } => 3,
        })
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
    assert_eq!(ranks.first(), Some(&1));
    assert_eq!(ranks.last(), Some(&3));
}

#[test]
fn annotations_and_editor_notes_are_searchable() {
    let hit = &find("盘问")[0];
    assert_eq!(hit.article.get(), 20);
    assert!(matches!(
        hit.matches[0].location,
        Location::EditorNote {
            id: "art20-missing-item-1",
            part: NotePart::Body
        }
    ));
    let got = ranking("高检发释字〔2025〕1号");
    assert!(got.contains(&19), "{got:?}");
}

#[test]
fn several_terms_must_all_match() {
    let both = ranking("侮辱 诽谤");
    let insult = ranking("侮辱");
    let defame = ranking("诽谤");
    assert!(!both.is_empty());
    for a in &both {
        assert!(insult.contains(a) && defame.contains(a), "{a}");
    }
    for a in &insult {
        if defame.contains(a) {
            assert!(both.contains(a), "{a}");
        }
    }
    assert!(both.contains(&27), "第二十七条第二款 mentions both");
    assert!(!both.contains(&2), "第二条 mentions 侮辱 only");
    // A term that matches nothing makes the whole query match nothing.
    assert!(ranking("侮辱 火星人").is_empty());
    // Repeating a term changes nothing.
    assert_eq!(ranking("诽谤 诽谤"), defame);
}

#[test]
fn queries_that_match_nothing_return_nothing() {
    for query in [
        "火星人",
        "推搡火星人",
        "量子计算机",
        "骂 量子",
        "xyz",
        "第九十九条",
    ] {
        assert!(ranking(query).is_empty(), "{query}");
    }
}

#[test]
fn odd_input_never_panics() {
    let long = "骂".repeat(10_000);
    let long_mixed = "偷拍😀 ".repeat(2_000);
    let inputs = [
        "",
        " ",
        "   ",
        "\u{3000}\u{3000}",
        "\t\n",
        "😀",
        "😀😀 骂人",
        "👨‍👩‍👧",
        "\u{0}",
        "\u{200B}",
        "《",
        "》",
        "(",
        "〔",
        "第",
        "条",
        "、",
        ",",
        "。",
        "\\",
        "%",
        ".*",
        "a",
        "Ａ",
        long.as_str(),
        long_mixed.as_str(),
    ];
    for input in inputs {
        let hits = search::search(input, index());
        for hit in &hits {
            for m in &hit.matches {
                assert_eq!(joined(&m.segments()), m.text);
                let _ = m.snippet(10);
            }
        }
        let _ = plan(input, index());
    }
    for blank in ["", " ", "   ", "\u{3000}", "\t\n", "\u{200B}"] {
        assert!(ranking(blank).is_empty(), "{blank:?}");
    }
    assert!(ranking("😀").is_empty());
    assert!(
        ranking("😀😀 骂人").is_empty(),
        "AND with an unmatched term"
    );
    assert_eq!(
        ranking(&long).first(),
        Some(&21),
        "a long run of 骂 still means 骂"
    );
}

#[test]
fn highlight_segments_cover_the_text_and_mark_the_matches() {
    let hit = find("偷拍")
        .into_iter()
        .find(|h| h.article.get() == 25)
        .unwrap();
    let text_match = hit
        .matches
        .iter()
        .find(|m| matches!(m.location, Location::Block { .. }))
        .unwrap();
    assert_eq!(
        text_match.anchor(),
        Some(Anchor::Paragraph { paragraph: 1 })
    );
    assert_eq!(hit.first_anchor(), Some(Anchor::Paragraph { paragraph: 1 }));
    assert_eq!(joined(&text_match.segments()), text_match.text);
    assert_eq!(
        hit_texts(text_match),
        ["偷窥", "偷拍", "窃听", "隐私", "隐私"]
    );
    let segments = text_match.segments();
    assert_eq!(
        segments[0],
        Segment {
            text: "偷窥",
            is_hit: true
        }
    );
    assert_eq!(
        segments[1],
        Segment {
            text: "、",
            is_hit: false
        }
    );
    for pair in segments.windows(2) {
        assert!(pair[0].is_hit != pair[1].is_hit, "segments alternate");
    }
}

#[test]
fn highlight_ranges_map_back_through_full_width_punctuation() {
    // The annotation writes 「第三十七条：」 with a full-width colon; the query uses ASCII.
    let hit = find("第三十七条:")
        .into_iter()
        .find(|h| h.article.get() == 20)
        .unwrap();
    let m = hit
        .matches
        .iter()
        .find(|m| {
            matches!(
                m.location,
                Location::Annotation {
                    id: "transition-which-version",
                    ..
                }
            )
        })
        .unwrap();
    assert_eq!(hit_texts(m), ["第三十七条："]);
    for r in &m.ranges {
        assert!(m.text.is_char_boundary(r.start) && m.text.is_char_boundary(r.end));
    }
    // Full-width query punctuation matches the seed's ASCII punctuation.
    let got = find("（以下简称维权委）");
    assert_eq!(got[0].article.get(), 6);
    assert_eq!(hit_texts(&got[0].matches[0]), ["(以下简称维权委)"]);
}

#[test]
fn snippets_cut_long_text_with_ellipses() {
    let hit = find("绿色通道")
        .into_iter()
        .find(|h| h.article.get() == 16)
        .unwrap();
    let m = hit
        .matches
        .iter()
        .find(|m| matches!(m.location, Location::Block { .. }))
        .unwrap();
    let snippet = m.snippet(4);
    assert_eq!(snippet.first().map(|s| s.text), Some("…"));
    assert_eq!(snippet.last().map(|s| s.text), Some("…"));
    let inner: String = snippet[1..snippet.len() - 1]
        .iter()
        .map(|s| s.text)
        .collect();
    assert!(m.text.contains(&inner));
    assert!(
        snippet
            .iter()
            .any(|s| s.is_hit && s.text.contains("绿色通道"))
    );
    // No context: only the matches, still marked as cut.
    let bare = m.snippet(0);
    let visible: Vec<&str> = bare
        .iter()
        .filter(|s| s.text != "…")
        .map(|s| s.text)
        .collect();
    assert_eq!(visible, ["绿色通道"]);
}

#[test]
fn plans_explain_synonyms_and_split_run_on_queries() {
    let p = plan("骂人", index());
    assert_eq!(p.clauses.len(), 1);
    assert_eq!(p.clauses[0].typed, "骂人");
    assert!(p.clauses[0].alternatives.contains(&"侮辱".to_owned()));
    assert!(
        p.clauses[0]
            .synonym
            .is_some_and(|e| e.why.contains("第二十一条"))
    );

    let p = plan("推搡民警", index());
    let typed: Vec<&str> = p.clauses.iter().map(|c| c.typed.as_str()).collect();
    assert_eq!(typed, ["推搡", "民警"]);

    let p = plan("几个工作日答复", index());
    let typed: Vec<&str> = p.clauses.iter().map(|c| c.typed.as_str()).collect();
    assert_eq!(typed, ["几个工作日", "答复"]);

    let p = plan("什么时候生效", index());
    assert_eq!(p.ignored, ["什么时候"]);
    assert_eq!(p.clauses[0].typed, "生效");
}

#[test]
fn normalization_folds_widths_quotes_brackets_and_spaces() {
    assert_eq!(normalize("（一）ＡＢＣ，１２：；"), "(一)abc,12:;");
    assert_eq!(normalize("“三同步”"), "\"三同步\"");
    assert_eq!(normalize("〔2019〕【x】"), "(2019)(x)");
    assert_eq!(normalize("a\u{3000}b\tc"), "a b c");
    assert_eq!(ranking("“三同步”"), ranking("\"三同步\""));
    assert_eq!(ranking("　偷拍　"), ranking("偷拍"));
}

#[test]
fn synonym_table_has_forty_explained_entries_that_lead_to_real_text() {
    let table = search::synonyms();
    assert!(table.entries().len() >= 40, "{}", table.entries().len());
    let doc = rules::document();
    for entry in table.entries() {
        assert!(!entry.why.trim().is_empty());
        let cited = entry
            .articles
            .iter()
            .any(|a| entry.why.contains(&a.title()));
        assert!(cited, "{:?}: the reason cites an article", entry.lay);
        for &article in &entry.articles {
            // Each listed article holds at least one of the terms, in its text or its notes.
            let a = doc.article(article).unwrap();
            let mut material: Vec<String> = vec![a.caption.clone(), a.plain_text()];
            material.extend(doc.annotations_for(article).iter().map(|n| n.body.clone()));
            material.extend(doc.editor_notes_for(article).iter().map(|n| n.body.clone()));
            let found = entry
                .terms
                .iter()
                .any(|t| material.iter().any(|m| m.contains(t.as_str())));
            assert!(found, "{:?} -> {}", entry.lay, article);
        }
    }
}

#[test]
fn every_lay_word_puts_one_of_its_articles_first() {
    for entry in search::synonyms().entries() {
        for lay in &entry.lay {
            let first = ranking(lay)[0];
            assert!(
                entry.articles.iter().any(|a| a.get() == first),
                "{lay}: first is {first}, expected one of {:?}",
                entry.articles
            );
        }
    }
}

#[test]
fn a_broken_synonym_table_is_reported() {
    assert!(matches!(
        SynonymTable::from_json("["),
        Err(SearchError::Malformed(_))
    ));
    let duplicate = r#"{"note":"","entries":[
        {"lay":["骂"],"terms":["侮辱"],"articles":[21],"why":"第二十一条"},
        {"lay":["骂"],"terms":["辱骂"],"articles":[20],"why":"第二十条"}]}"#;
    assert_eq!(
        SynonymTable::from_json(duplicate),
        Err(SearchError::DuplicateLay("骂".into()))
    );
    let empty = r#"{"note":"","entries":[{"lay":[],"terms":["侮辱"],"articles":[21],"why":"x"}]}"#;
    assert_eq!(
        SynonymTable::from_json(empty),
        Err(SearchError::Incomplete(1))
    );
    let bad_article =
        r#"{"note":"","entries":[{"lay":["a"],"terms":["b"],"articles":[44],"why":"x"}]}"#;
    assert!(matches!(
        SynonymTable::from_json(bad_article),
        Err(SearchError::Malformed(_))
    ));
}

#[test]
fn an_index_over_another_table_uses_that_table() {
    let table = SynonymTable::from_json(
        r#"{"note":"","entries":[{"lay":["火星人"],"terms":["侮辱"],"articles":[21],"why":"第二十一条"}]}"#,
    )
    .unwrap();
    let own = SearchIndex::build(rules::document(), &table);
    assert_eq!(search::search("火星人", &own)[0].article.get(), 21);
    assert!(
        search::search("骂人", &own).is_empty(),
        "no 骂 entry in this table"
    );
}
