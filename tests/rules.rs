//! The 细则 as data: it reproduces the seed line for line, its structure (款/项/目), anchors,
//! article numbers, reading aids, editor's notes, annotations and cross-references.

use weiquan::core::rules::{
    self, Anchor, Annotation, ArticleNo, ArticleNoError, BlockKind, Document, EditorNoteKind,
    Reference, RulesError, Target, chinese_numeral, parse_chinese_numeral, parse_references,
};

const SEED: &str = "../shared/seed/000_03af99b33f974c16.txt";

fn doc() -> &'static Document {
    assert_eq!(rules::load_error(), None);
    rules::document()
}

fn no(n: u32) -> ArticleNo {
    ArticleNo::new(n).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn seed_lines() -> Vec<String> {
    let text = std::fs::read_to_string(SEED).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The seed's article lines grouped by article: a line starting with 第X条 opens an article.
fn seed_articles() -> Vec<(String, Vec<String>)> {
    let lines = seed_lines();
    let body = &lines[4..lines.len() - 2];
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in body {
        let opens = line.starts_with('第')
            && line.find('条').is_some_and(|i| {
                parse_chinese_numeral(&line['第'.len_utf8()..i]).is_some_and(|n| n <= 43)
            });
        if opens {
            let end = line.find('条').unwrap() + '条'.len_utf8();
            out.push((line[..end].to_owned(), vec![line[end..].to_owned()]));
        } else {
            out.last_mut().unwrap().1.push(line.clone());
        }
    }
    out
}

#[test]
fn compiled_in_data_loads_without_error() {
    assert_eq!(rules::load_error(), None);
    assert_eq!(doc().articles().len(), 43);
}

#[test]
fn seed_and_data_both_have_exactly_43_articles_in_order() {
    let seed = seed_articles();
    assert_eq!(seed.len(), 43);
    for ((title, _), article) in seed.iter().zip(doc().articles()) {
        assert_eq!(title, &article.title);
        assert_eq!(article.title, article.no.title());
    }
}

#[test]
fn every_article_reproduces_its_seed_lines_one_block_per_line() {
    for ((title, lines), article) in seed_articles().iter().zip(doc().articles()) {
        let blocks = article.blocks();
        assert_eq!(
            blocks.len(),
            lines.len(),
            "{title}: one block per seed line"
        );
        for (block, line) in blocks.iter().zip(lines) {
            let rebuilt = format!("{}{}", block.marker.unwrap_or(""), block.text);
            assert_eq!(squeeze(&rebuilt), squeeze(line), "{title} {}", block.anchor);
        }
    }
}

#[test]
fn every_article_text_equals_the_seed_whitespace_aside() {
    let seed = seed_articles();
    for ((title, lines), article) in seed.iter().zip(doc().articles()) {
        let expected = squeeze(&format!("{title}{}", lines.concat()));
        assert_eq!(squeeze(&article.plain_text()), expected, "{title}");
    }
}

#[test]
fn stored_text_has_no_surrounding_whitespace() {
    for article in doc().articles() {
        for block in article.blocks() {
            assert_eq!(
                block.text,
                block.text.trim(),
                "{} {}",
                article.title,
                block.anchor
            );
        }
    }
}

#[test]
fn preamble_title_and_signature_match_the_seed() {
    let lines = seed_lines();
    let d = doc();
    assert_eq!(d.preamble().addressees, lines[0]);
    assert_eq!(d.preamble().notice, lines[1]);
    assert_eq!(d.title_lines(), &lines[2..4]);
    assert_eq!(d.title(), "嘉兴市公安机关维护民警执法权威工作实施细则");
    assert!(d.preamble().notice.contains(&format!("《{}》", d.title())));
    assert_eq!(d.signature().issuer, "嘉兴市公安局");
    assert_eq!(d.signature().issuer, lines[lines.len() - 2]);
    assert_eq!(d.signature().date_text, "2020年5月12日");
    assert_eq!(d.signature().date.to_string(), "2020-05-12");
}

#[test]
fn seed_punctuation_is_kept_as_printed() {
    let d = doc();
    let first = &d.article(no(1)).unwrap().paragraphs[0].text;
    assert!(first.contains("职权,维护"), "ASCII comma kept");
    let sixth = &d.article(no(6)).unwrap().paragraphs[0].text;
    assert!(sixth.contains("(以下简称维权委)"), "ASCII parentheses kept");
    assert!(sixth.contains("(以下简称“维权办”)"), "curly quotes kept");
}

#[test]
fn article_ten_lists_all_ten_member_units_with_their_duties() {
    // (number, marker, unit, numbered duties, unnumbered body lines)
    let units: [(u8, &str, &str, usize, usize); 10] = [
        (1, "(一)", "人事训练部门", 4, 0),
        (2, "(二)", "新闻宣传部门", 2, 0),
        (3, "(三)", "警务保障部门", 2, 0),
        (4, "(四)", "警务督察部门", 6, 0),
        (5, "(五)", "纪检监察、信访部门", 0, 1),
        (6, "(六)", "情指联勤部门", 0, 1),
        (7, "(七)", "治安、刑侦等部门", 3, 0),
        (8, "(八)", "网安部门", 2, 0),
        (9, "(九)", "法制部门", 3, 0),
        (10, "(十)", "警察协会", 0, 1),
    ];
    let article = doc().article(no(10)).unwrap();
    assert_eq!(article.paragraphs.len(), 1);
    let items = &article.paragraphs[0].items;
    assert_eq!(items.len(), 10);
    for (item, (number, marker, unit, duties, details)) in items.iter().zip(units) {
        assert_eq!(
            (item.number, item.marker.as_str(), item.text.as_str()),
            (number, marker, unit)
        );
        assert_eq!(item.items.len(), duties, "{unit}");
        assert_eq!(item.details.len(), details, "{unit}");
        for (k, duty) in (1u8..).zip(&item.items) {
            assert_eq!(duty.number, k, "{unit} duties are numbered 1..");
            assert!(!duty.text.is_empty());
        }
    }
    let psych = article.block(Anchor::parse("p1-i1-s1").unwrap()).unwrap();
    assert!(psych.text.contains("心理干预和治疗"));
    assert_eq!(psych.kind, BlockKind::SubItem);
    let lawyers = article.block(Anchor::parse("p1-i10-d1").unwrap()).unwrap();
    assert!(lawyers.text.starts_with("成立维护民警执法权威律师服务团"));
}

#[test]
fn article_twenty_list_starts_at_item_two_as_printed() {
    let article = doc().article(no(20)).unwrap();
    let numbers: Vec<u8> = article.paragraphs[0]
        .items
        .iter()
        .map(|i| i.number)
        .collect();
    assert_eq!(numbers, [2, 3, 4, 5, 6]);
    assert!(
        article
            .block(Anchor::Item {
                paragraph: 1,
                item: 1
            })
            .is_none()
    );
    let second = article
        .block(Anchor::Item {
            paragraph: 1,
            item: 2,
        })
        .unwrap();
    assert!(second.text.starts_with("拉扯、推搡、辱骂"));
}

#[test]
fn paragraphs_and_items_follow_the_seed_layout() {
    // (article, paragraphs, items per paragraph)
    let table: [(u32, &[usize]); 8] = [
        (1, &[0]),
        (2, &[0, 0]),
        (10, &[10]),
        (20, &[5]),
        (27, &[0, 0]),
        (30, &[3, 0]),
        (32, &[0, 0]),
        (43, &[0]),
    ];
    for (n, items) in table {
        let article = doc().article(no(n)).unwrap();
        let counts: Vec<usize> = article.paragraphs.iter().map(|p| p.items.len()).collect();
        assert_eq!(counts, items, "{}", article.title);
    }
    let second = doc().article(no(30)).unwrap().paragraph(2).unwrap();
    assert!(second.text.starts_with("有关部门在工作中发现"));
}

#[test]
fn anchors_print_and_parse_back() {
    let table = [
        ("p1", Anchor::Paragraph { paragraph: 1 }),
        ("p2", Anchor::Paragraph { paragraph: 2 }),
        (
            "p1-i3",
            Anchor::Item {
                paragraph: 1,
                item: 3,
            },
        ),
        (
            "p1-i7-s2",
            Anchor::SubItem {
                paragraph: 1,
                item: 7,
                sub_item: 2,
            },
        ),
        (
            "p1-i5-d1",
            Anchor::Detail {
                paragraph: 1,
                item: 5,
                line: 1,
            },
        ),
    ];
    for (text, anchor) in table {
        assert_eq!(anchor.to_string(), text);
        assert_eq!(Anchor::parse(text), Ok(anchor));
        assert_eq!(Anchor::parse(&format!("#{text}")), Ok(anchor));
    }
    assert_eq!(
        Anchor::Item {
            paragraph: 1,
            item: 2
        }
        .label(),
        "第一款第二项"
    );
}

#[test]
fn malformed_anchors_are_rejected() {
    for bad in [
        "",
        "p",
        "p0",
        "i1",
        "p1-",
        "p1-x2",
        "p1-i",
        "p1-i2-q3",
        "p1-i2-s3-s4",
        "p-1",
        "p999",
    ] {
        assert!(
            matches!(Anchor::parse(bad), Err(rules::AnchorError::Invalid(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn every_block_anchor_is_unique_and_resolves_within_its_article() {
    for article in doc().articles() {
        let blocks = article.blocks();
        let mut ids: Vec<String> = blocks.iter().map(|b| b.anchor.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), blocks.len(), "{}", article.title);
        for block in &blocks {
            assert_eq!(article.block(block.anchor), Some(*block));
        }
    }
}

#[test]
fn article_numbers_parse_from_what_users_type() {
    let table = [
        ("21", 21),
        (" 21 ", 21),
        ("２１", 21),
        ("第21条", 21),
        ("第二十一条", 21),
        ("二十一", 21),
        ("十", 10),
        ("第一条", 1),
        ("四十三", 43),
        ("第四十三条", 43),
    ];
    for (input, expected) in table {
        assert_eq!(
            ArticleNo::parse(input).map(ArticleNo::get),
            Ok(expected),
            "{input:?}"
        );
    }
}

#[test]
fn article_numbers_outside_the_rules_give_chinese_errors() {
    assert_eq!(ArticleNo::parse(""), Err(ArticleNoError::Empty));
    assert_eq!(ArticleNo::parse("   "), Err(ArticleNoError::Empty));
    assert_eq!(ArticleNo::parse("44"), Err(ArticleNoError::OutOfRange(44)));
    assert_eq!(
        ArticleNo::parse("第五十条"),
        Err(ArticleNoError::OutOfRange(50))
    );
    assert_eq!(ArticleNo::parse("0"), Err(ArticleNoError::OutOfRange(0)));
    assert_eq!(
        ArticleNo::parse("99999999999"),
        Err(ArticleNoError::NotANumber("99999999999".into()))
    );
    for bad in ["abc", "第条", "二二", "😀", "-1"] {
        assert!(
            matches!(ArticleNo::parse(bad), Err(ArticleNoError::NotANumber(_))),
            "{bad}"
        );
    }
    assert_eq!(
        ArticleNo::parse("44").unwrap_err().to_string(),
        "细则共四十三条（第一条至第四十三条），没有第44条"
    );
    assert!(ArticleNo::new(43).is_ok());
    assert!(ArticleNo::new(44).is_err());
}

#[test]
fn chinese_numerals_round_trip_through_the_article_range_and_beyond() {
    let table = [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (43, "四十三"),
        (107, "一百零七"),
        (110, "一百一十"),
        (126, "一百二十六"),
        (277, "二百七十七"),
    ];
    for (n, text) in table {
        assert_eq!(chinese_numeral(n), text);
        assert_eq!(parse_chinese_numeral(text), Some(n));
    }
    for n in 1..=999 {
        assert_eq!(parse_chinese_numeral(&chinese_numeral(n)), Some(n), "{n}");
    }
}

#[test]
fn prev_and_next_stop_at_the_ends() {
    let d = doc();
    assert_eq!(d.prev(no(1)), None);
    assert_eq!(d.next(no(43)), None);
    assert_eq!(d.next(no(20)).map(|a| a.no), Some(no(21)));
    assert_eq!(d.prev(no(20)).map(|a| a.no), Some(no(19)));
    assert_eq!(ArticleNo::all().count(), 43);
}

#[test]
fn groups_cover_every_article_once_and_are_marked_as_reading_aids() {
    let d = doc();
    let expected = [
        ("general", 1, 5),
        ("organization", 6, 10),
        ("response", 11, 18),
        ("offences", 19, 29),
        ("procedure", 30, 38),
        ("supplementary", 39, 43),
    ];
    let got: Vec<(&str, u8, u8)> = d
        .groups()
        .iter()
        .map(|g| (g.id.as_str(), g.first.get(), g.last.get()))
        .collect();
    assert_eq!(got, expected);
    for a in ArticleNo::all() {
        assert_eq!(
            d.groups().iter().filter(|g| g.contains(a)).count(),
            1,
            "{a}"
        );
        assert!(d.group_of(a).is_some());
    }
    assert_eq!(d.group_of(no(21)).unwrap().title, "侵犯执法权威行为的处理");
    assert!(d.reading_aid_notice().contains("不属于细则原文"));
    for article in d.articles() {
        assert!(!article.caption.is_empty(), "{}", article.title);
    }
}

#[test]
fn editor_notes_mark_the_defects_and_never_change_the_text() {
    let d = doc();
    let kinds: Vec<(&str, EditorNoteKind)> = d
        .editor_notes()
        .iter()
        .map(|n| (n.id.as_str(), n.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("art20-missing-item-1", EditorNoteKind::MissingItem),
            ("art21-typo", EditorNoteKind::Typo),
            ("art39-41-self-reference", EditorNoteKind::SelfReference),
            ("art10-6-punctuation", EditorNoteKind::Punctuation),
        ]
    );
    let missing = &d.editor_notes_for(no(20))[0];
    assert_eq!(
        missing.reading.as_deref(),
        Some("拒绝接受民警检查、盘问，不听劝阻的")
    );
    assert!(!missing.status.is_confirmed(), "secondary source only");
    assert!(missing.sources.iter().any(|s| s.locator.as_deref()
        == Some("http://cs.zjol.com.cn/lhcs/201908/t20190822_10857808.shtml")));
    assert!(missing.body.contains("浙江在线2019年8月22日"));

    let typo = &d.editor_notes_for(no(21))[0];
    assert_eq!(typo.reading.as_deref(), Some("民警及其近亲属"));
    // The text keeps the typo as printed.
    assert!(
        d.article(no(21)).unwrap().paragraphs[0]
            .text
            .contains("民警及近其亲属名誉")
    );
    assert!(
        d.article(no(39)).unwrap().paragraphs[0]
            .text
            .starts_with("本实施办法所称")
    );
    assert_eq!(d.editor_notes_for(no(41)).len(), 1);
    assert!(d.editor_notes_for(no(22)).is_empty());
}

#[test]
fn every_note_and_annotation_cites_a_source_and_points_at_existing_text() {
    let d = doc();
    assert!(d.annotations().len() >= 30);
    let mut ids = Vec::new();
    let notes = d
        .editor_notes()
        .iter()
        .map(|n| (&n.id, &n.targets, &n.sources, &n.status));
    let annotations = d
        .annotations()
        .iter()
        .map(|a| (&a.id, &a.targets, &a.sources, &a.status));
    for (id, targets, sources, status) in notes.chain(annotations) {
        ids.push(id.clone());
        assert!(!targets.is_empty(), "{id}");
        assert!(!sources.is_empty(), "{id}");
        for source in sources {
            assert!(!source.document.trim().is_empty(), "{id}");
        }
        if let Some(reason) = status.reason() {
            assert!(!reason.trim().is_empty(), "{id}");
        }
        for target in targets {
            assert!(d.resolve(target).is_some(), "{id} -> {target}");
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "ids are unique");
}

#[test]
fn every_confirmed_annotation_says_where_its_text_was_read() {
    for a in doc()
        .annotations()
        .iter()
        .filter(|a| a.status.is_confirmed())
    {
        assert!(a.sources.iter().any(|s| s.locator.is_some()), "{}", a.id);
    }
}

fn annotation(id: &str) -> &'static Annotation {
    doc().annotations().iter().find(|a| a.id == id).unwrap()
}

#[test]
fn old_to_new_article_map_for_articles_twenty_to_twenty_five() {
    // (细则 article, old cite printed in the 细则, annotation, current provision)
    let table = [
        (
            20,
            "第五十条第一款第二项",
            "art20-zhian-61",
            "第六十一条第一款第二项",
        ),
        (
            21,
            "第四十二条第二项",
            "art21-22-zhian-50-2",
            "第五十条第一款第二项",
        ),
        (
            22,
            "第四十二条第二项",
            "art21-22-zhian-50-2",
            "第五十条第一款第二项",
        ),
        (
            23,
            "第四十二条第三项",
            "art23-zhian-50-3",
            "第五十条第一款第三项",
        ),
        (
            24,
            "第四十二条第一项、第五项",
            "art24-zhian-50-1-5",
            "第五十条第一款第一项、第五项",
        ),
        (
            25,
            "第四十二条第六项",
            "art25-zhian-50-6",
            "第五十条第一款第六项",
        ),
    ];
    let d = doc();
    for (n, old, id, new) in table {
        let text = &d.article(no(n)).unwrap().paragraphs[0].text;
        assert!(
            text.contains(&format!("《治安管理处罚法》{old}")),
            "第{n}条 cites {old}"
        );
        let a = annotation(id);
        assert!(a.concerns(no(n)), "{id} concerns 第{n}条");
        assert!(
            a.title.contains(new) || a.body.contains(new),
            "{id} names {new}"
        );
        assert!(a.status.is_confirmed(), "{id}");
        assert!(
            d.annotations_for(no(n))
                .iter()
                .any(|x| x.id == "zhian-2025-revision")
        );
    }
    let no_contact = annotation("art24-no-contact-order");
    assert!(no_contact.body.contains("禁止接触被侵害人"));
    assert!(no_contact.concerns(no(24)));
}

#[test]
fn annotation_status_follows_law_notes() {
    let confirmed = [
        "zhian-2025-revision",
        "art20-penalty",
        "zhian-50-penalty",
        "transition-which-version",
        "criminal-277-5",
        "criminal-277-1",
        "art27-criminal-246",
        "interp-2025-violent-attack",
        "interp-2025-off-duty",
        "interp-2025-auxiliary",
        "opinion-2019-part-one",
        "parent-mps-153",
    ];
    let unconfirmed = [
        "zhian-2025-order-number",
        "transition-not-lighter",
        "criminal-charge-name",
        "criminal-before-2021",
        "opinion-2019-publication",
        "opinion-2019-aggravating",
        "opinion-2019-other",
        "opinion-2019-art19-claim",
        "opinion-2019-art14-claim",
        "opinion-2019-art40-claim",
        "parent-mps-153-open",
        "parent-zhejiang",
        "parent-zhejiang-scope",
    ];
    for id in confirmed {
        assert!(annotation(id).status.is_confirmed(), "{id}");
    }
    for id in unconfirmed {
        assert!(annotation(id).status.reason().is_some(), "{id}");
    }
}

#[test]
fn key_facts_of_the_current_law_are_annotated_on_the_right_articles() {
    // (article, annotation id, a phrase its body must contain)
    let table = [
        (19, "criminal-277-5", "2021年3月1日"),
        (19, "interp-2025-violent-attack", "轻微伤"),
        (19, "interp-2025-violent-attack", "高检发释字〔2025〕1号"),
        (19, "interp-2025-supersedes", "以本解释为准"),
        (41, "interp-2025-auxiliary", "不构成袭警罪"),
        (40, "interp-2025-off-duty", "非工作时间"),
        (20, "art20-penalty", "五百元以下罚款"),
        (20, "art20-penalty", "一千元以下罚款"),
        (24, "zhian-50-penalty", "一千元以下罚款"),
        (20, "transition-which-version", "第三十七条"),
        (28, "art28-suspension", "第一百二十六条"),
        (27, "art27-criminal-246", "告诉的才处理"),
        (1, "parent-mps-153", "公安部令第153号"),
        (1, "parent-mps-153", "2019年2月1日"),
        (14, "opinion-2019-art14-claim", "不适用刑事和解和治安调解"),
    ];
    let d = doc();
    for (n, id, phrase) in table {
        let ids: Vec<&str> = d
            .annotations_for(no(n))
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert!(ids.contains(&id), "第{n}条 has {id}");
        assert!(annotation(id).body.contains(phrase), "{id} says {phrase}");
    }
    assert_eq!(
        d.annotations_as_of().map(|d| d.to_string()).as_deref(),
        Some("2026-11-25")
    );
}

#[test]
fn the_rules_text_has_no_references_to_its_own_articles() {
    // The 细则 cites other documents only; 《治安管理处罚法》第四十二条 is not 细则第四十二条.
    let d = doc();
    for a in ArticleNo::all() {
        assert_eq!(d.refers_to(a), Vec::<ArticleNo>::new(), "{a}");
        assert!(d.referred_by(a).is_empty(), "{a}");
    }
}

#[test]
fn citations_of_other_laws_are_recognized_as_external() {
    // (article, document, provision)
    let table = [
        (20, "治安管理处罚法", Some("第五十条第一款第二项")),
        (21, "治安管理处罚法", Some("第四十二条第二项")),
        (24, "治安管理处罚法", Some("第四十二条第一项、第五项")),
        (19, "关于依法惩治袭警违法犯罪行为的指导意见", None),
        (18, "嘉兴市公安机关容错免责实施办法", None),
        (1, "公安机关维护民警执法权威工作规定", None),
    ];
    let d = doc();
    for (n, document, provision) in table {
        let found = d.references(no(n)).iter().any(|r| {
            r.reference
                == Reference::External {
                    document: document.to_owned(),
                    provision: provision.map(str::to_owned),
                }
        });
        assert!(found, "第{n}条 cites 《{document}》{provision:?}");
    }
    let this: Vec<u8> = ArticleNo::all()
        .filter(|&a| {
            d.references(a)
                .iter()
                .any(|r| r.reference == Reference::ThisDocument)
        })
        .map(ArticleNo::get)
        .collect();
    assert_eq!(this, [1, 39, 41, 42, 43]);
}

#[test]
fn reference_parser_tells_internal_from_external_articles() {
    let art = |n: u32, anchor: Option<&str>| Reference::Article {
        article: no(n),
        anchor: anchor.map(|a| Anchor::parse(a).unwrap()),
    };
    let ext = |d: &str, p: Option<&str>| Reference::External {
        document: d.to_owned(),
        provision: p.map(str::to_owned),
    };
    let table: Vec<(&str, Vec<Reference>)> = vec![
        ("依照本细则第三十一条规定", vec![art(31, None)]),
        (
            "按本实施细则第三十条第一款第二项办理",
            vec![art(30, Some("p1-i2"))],
        ),
        ("参照第三十九条", vec![art(39, None)]),
        ("见第32条第2款", vec![art(32, Some("p2"))]),
        (
            "符合《治安管理处罚法》第四十二条第二项规定的",
            vec![ext("治安管理处罚法", Some("第四十二条第二项"))],
        ),
        (
            "《刑法》第二百七十七条、第三十九条",
            vec![ext("刑法", Some("第二百七十七条、第三十九条"))],
        ),
        ("应第一时间了解情况", vec![]),
        (
            "本细则第五十条",
            vec![Reference::Dangling {
                text: "本细则第五十条".to_owned(),
            }],
        ),
        ("以本细则为准", vec![Reference::ThisDocument]),
        ("《未闭合的书名", vec![]),
        ("", vec![]),
    ];
    for (text, expected) in table {
        let got: Vec<Reference> = parse_references(text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(got, expected, "{text}");
    }
    let spans = parse_references("符合《治安管理处罚法》第四十二条第二项规定的");
    let (span, _) = &spans[0];
    assert_eq!(
        &"符合《治安管理处罚法》第四十二条第二项规定的"[span.clone()],
        "《治安管理处罚法》第四十二条第二项"
    );
}

#[test]
fn broken_data_is_reported_not_panicked() {
    use rules::{ANNOTATIONS_JSON, ARTICLES_JSON, EDITORIAL_JSON};
    assert!(matches!(
        Document::from_json("{", EDITORIAL_JSON, ANNOTATIONS_JSON),
        Err(RulesError::Malformed {
            file: "data/articles.json",
            ..
        })
    ));
    let dangling =
        ANNOTATIONS_JSON.replacen(r#""anchor": "p1-i7-s1""#, r#""anchor": "p1-i7-s9""#, 1);
    assert!(matches!(
        Document::from_json(ARTICLES_JSON, EDITORIAL_JSON, &dangling),
        Err(RulesError::DanglingTarget { .. })
    ));
    let missing_item = ANNOTATIONS_JSON.replacen(
        r#"{ "article": 20, "anchor": "p1" }"#,
        r#"{ "article": 20, "anchor": "p1-i1" }"#,
        1,
    );
    assert!(matches!(
        Document::from_json(ARTICLES_JSON, EDITORIAL_JSON, &missing_item),
        Err(RulesError::DanglingTarget { .. })
    ));
    let no_reason = EDITORIAL_JSON.replacen(
        r#""status": { "unconfirmed": "所缺项"#,
        r#""status": { "unconfirmed": " ", "x": "所缺项"#,
        1,
    );
    assert!(Document::from_json(ARTICLES_JSON, &no_reason, ANNOTATIONS_JSON).is_err());
    let gap = EDITORIAL_JSON.replacen(r#""first": 6"#, r#""first": 7"#, 1);
    assert!(matches!(
        Document::from_json(ARTICLES_JSON, &gap, ANNOTATIONS_JSON),
        Err(RulesError::Groups(_))
    ));
    let renumbered =
        ARTICLES_JSON.replacen(r#""title": "第二十一条""#, r#""title": "第二十二条""#, 1);
    assert!(matches!(
        Document::from_json(&renumbered, EDITORIAL_JSON, ANNOTATIONS_JSON),
        Err(RulesError::Numbering(_))
    ));
}

#[test]
fn target_labels_read_as_chinese_citations() {
    let t = Target {
        article: no(10),
        anchor: Some(Anchor::parse("p1-i7-s1").unwrap()),
    };
    assert_eq!(t.to_string(), "第十条第一款第七项第1目");
    assert_eq!(
        Target {
            article: no(21),
            anchor: None
        }
        .to_string(),
        "第二十一条"
    );
}
