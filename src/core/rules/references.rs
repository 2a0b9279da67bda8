//! Finds references in the 细则's text: to its own articles (本细则第X条, a bare 第X条), to the
//! 细则 as a whole, and to other documents (《治安管理处罚法》第四十二条…), which must never be
//! mistaken for the 细则's own articles.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::article_no::{ArticleNo, parse_chinese_numeral};

/// What a passage of the text refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reference {
    /// An article of this 细则: `本细则第三十一条`, or a bare `第三十一条` with no document named.
    Article {
        /// The article referred to.
        article: ArticleNo,
        /// The paragraph or item, when the reference names one (`第三十条第一款第二项`).
        anchor: Option<Anchor>,
    },
    /// The 细则 as a whole: `本细则`, `本实施细则`, and `本实施办法` (第三十九、四十一条).
    ThisDocument,
    /// Another document, with the provision cited after its title if any:
    /// `《治安管理处罚法》第四十二条第二项`.
    External {
        /// The title between 《》.
        document: String,
        /// The provision text after the title: `第四十二条第一项、第五项`.
        provision: Option<String>,
    },
    /// An article number of this 细则 that does not exist (beyond 第四十三条).
    Dangling {
        /// The text as written: `本细则第五十条`.
        text: String,
    },
}

/// A reference found in one block of an article's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextReference {
    /// The block (paragraph, item, …) it was found in.
    pub anchor: Anchor,
    /// Byte range of the reference within that block's text.
    pub span: Range<usize>,
    /// What it refers to.
    pub reference: Reference,
}

const SELF_NAMES: [&str; 3] = ["本实施细则", "本实施办法", "本细则"];

/// A provision chain such as `第四十二条第一项、第五项`: its end offset, the article number and
/// the paragraph / item named directly after the first article.
struct Provision {
    end: usize,
    article: Option<u32>,
    paragraph: Option<u32>,
    item: Option<u32>,
}

/// Reads `第<number><unit>` at `at`; returns (number, unit, end offset).
fn ordinal(text: &str, at: usize) -> Option<(u32, char, usize)> {
    let rest = text.get(at..)?.strip_prefix('第')?;
    let digits_len: usize = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "零一二三四五六七八九十百两".contains(*c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let numeral = &rest[..digits_len];
    let unit = rest[digits_len..].chars().next()?;
    if !matches!(unit, '条' | '款' | '项' | '目') {
        return None;
    }
    let number = if numeral.chars().all(|c| c.is_ascii_digit()) {
        numeral.parse().ok()?
    } else {
        parse_chinese_numeral(numeral)?
    };
    let end = at + '第'.len_utf8() + digits_len + unit.len_utf8();
    Some((number, unit, end))
}

/// Reads a chain of ordinals starting at `at`, joined directly or by 、 / 和 / 或者 / 及.
fn provision(text: &str, at: usize) -> Option<Provision> {
    let (number, unit, mut end) = ordinal(text, at)?;
    let mut found = Provision {
        end,
        article: None,
        paragraph: None,
        item: None,
    };
    record(&mut found, number, unit);
    // Only ordinals that follow the first directly refine the anchor; anything joined by a
    // conjunction widens the citation and is kept in its text only.
    let mut joined = false;
    loop {
        let mut next = end;
        for joiner in ["、", "和", "或者", "及"] {
            if text.get(end..).is_some_and(|r| r.starts_with(joiner)) {
                next = end + joiner.len();
                break;
            }
        }
        match ordinal(text, next) {
            Some((number, unit, after)) => {
                if next != end {
                    joined = true;
                }
                if !joined {
                    record(&mut found, number, unit);
                }
                end = after;
            }
            None => break,
        }
    }
    found.end = end;
    Some(found)
}

fn record(found: &mut Provision, number: u32, unit: char) {
    match unit {
        '条' if found.article.is_none() => found.article = Some(number),
        '款' if found.article.is_some() && found.paragraph.is_none() && found.item.is_none() => {
            found.paragraph = Some(number)
        }
        '项' if found.article.is_some() && found.item.is_none() => found.item = Some(number),
        _ => {}
    }
}

fn anchor_of(paragraph: Option<u32>, item: Option<u32>) -> Option<Anchor> {
    let small = |n: u32| u8::try_from(n).ok().filter(|&v| v > 0);
    match (paragraph, item) {
        (Some(p), Some(i)) => Some(Anchor::Item {
            paragraph: small(p)?,
            item: small(i)?,
        }),
        (Some(p), None) => Some(Anchor::Paragraph {
            paragraph: small(p)?,
        }),
        // 第X条第Y项 in a one-paragraph article: the item of the first paragraph.
        (None, Some(i)) => Some(Anchor::Item {
            paragraph: 1,
            item: small(i)?,
        }),
        (None, None) => None,
    }
}

fn internal(text: &str, start: usize, found: &Provision) -> Option<Reference> {
    let article = found.article?;
    Some(match ArticleNo::new(article) {
        Ok(article) => Reference::Article {
            article,
            anchor: anchor_of(found.paragraph, found.item),
        },
        Err(_) => Reference::Dangling {
            text: text[start..found.end].to_owned(),
        },
    })
}

/// Finds every reference in one passage of text, with byte spans, in text order.
pub fn parse_references(text: &str) -> Vec<(Range<usize>, Reference)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with('《') {
            let Some(close) = rest.find('》') else { break };
            let document = rest['《'.len_utf8()..close].to_owned();
            let after_title = at + close + '》'.len_utf8();
            let found = provision(text, after_title);
            let end = found.as_ref().map_or(after_title, |f| f.end);
            let provision = found.map(|f| text[after_title..f.end].to_owned());
            out.push((
                at..end,
                Reference::External {
                    document,
                    provision,
                },
            ));
            at = end;
            continue;
        }
        if let Some(name) = SELF_NAMES.iter().find(|n| rest.starts_with(**n)) {
            let after_name = at + name.len();
            match provision(text, after_name) {
                Some(found) if found.article.is_some() => {
                    if let Some(reference) = internal(text, at, &found) {
                        out.push((at..found.end, reference));
                    }
                    at = found.end;
                }
                _ => {
                    out.push((at..after_name, Reference::ThisDocument));
                    at = after_name;
                }
            }
            continue;
        }
        if rest.starts_with('第')
            && let Some(found) = provision(text, at).filter(|f| f.article.is_some())
        {
            if let Some(reference) = internal(text, at, &found) {
                out.push((at..found.end, reference));
            }
            at = found.end;
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}
