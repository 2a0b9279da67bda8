//! Positions inside an article (款, 项, 目, an item's body line) and their deep-link ids (`p1-i2`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::article_no::chinese_numeral;

/// A position inside one article, numbered as the source numbers it.
///
/// Item numbers are the source's own: 第二十条's list starts at `2.`, so its first item is
/// `p1-i2`. Written as an HTML id for deep links: `/rules/20#p1-i2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Anchor {
    /// A paragraph (款), 1-based: `p2`.
    Paragraph {
        /// 款, counted from 1.
        paragraph: u8,
    },
    /// A numbered item (项) of a paragraph: `p1-i3`.
    Item {
        /// 款, counted from 1.
        paragraph: u8,
        /// The item's number as printed, `(三)` or `3.` both give 3.
        item: u8,
    },
    /// A numbered sub-item (目) of an item, as under 第十条 (一)–(四)、(七)–(九): `p1-i1-s2`.
    SubItem {
        /// 款, counted from 1.
        paragraph: u8,
        /// The parent item's number.
        item: u8,
        /// The sub-item's number as printed (`2.` gives 2).
        sub_item: u8,
    },
    /// An unnumbered body line under a heading item, as 第十条 (五): `p1-i5-d1`.
    Detail {
        /// 款, counted from 1.
        paragraph: u8,
        /// The heading item's number.
        item: u8,
        /// The line under the heading, counted from 1.
        line: u8,
    },
}

/// Why a text is not a position id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    /// The text does not have the form `p1`, `p1-i2`, `p1-i2-s3` or `p1-i2-d1`.
    #[error("「{0}」不是有效的条文位置（应为 p1、p1-i2、p1-i2-s3 或 p1-i2-d1 的形式）")]
    Invalid(String),
}

impl Anchor {
    /// Reads an id such as `p1-i2`; a leading `#` is allowed.
    pub fn parse(input: &str) -> Result<Anchor, AnchorError> {
        let invalid = || AnchorError::Invalid(input.to_owned());
        let text = input.trim().trim_start_matches('#');
        let number = |part: Option<&str>, prefix: char| -> Option<u8> {
            let digits = part?.strip_prefix(prefix)?;
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            digits.parse::<u8>().ok().filter(|&n| n > 0)
        };
        let mut parts = text.split('-');
        let paragraph = number(parts.next(), 'p').ok_or_else(invalid)?;
        let Some(item_part) = parts.next() else {
            return Ok(Anchor::Paragraph { paragraph });
        };
        let item = number(Some(item_part), 'i').ok_or_else(invalid)?;
        let Some(last) = parts.next() else {
            return Ok(Anchor::Item { paragraph, item });
        };
        if parts.next().is_some() {
            return Err(invalid());
        }
        if let Some(sub_item) = number(Some(last), 's') {
            Ok(Anchor::SubItem {
                paragraph,
                item,
                sub_item,
            })
        } else if let Some(line) = number(Some(last), 'd') {
            Ok(Anchor::Detail {
                paragraph,
                item,
                line,
            })
        } else {
            Err(invalid())
        }
    }

    /// The paragraph (款) this position lies in.
    pub fn paragraph(self) -> u8 {
        match self {
            Anchor::Paragraph { paragraph }
            | Anchor::Item { paragraph, .. }
            | Anchor::SubItem { paragraph, .. }
            | Anchor::Detail { paragraph, .. } => paragraph,
        }
    }

    /// The item (项) this position lies in, if any.
    pub fn item(self) -> Option<u8> {
        match self {
            Anchor::Paragraph { .. } => None,
            Anchor::Item { item, .. }
            | Anchor::SubItem { item, .. }
            | Anchor::Detail { item, .. } => Some(item),
        }
    }

    /// The HTML id, without `#`: `p1-i2`.
    pub fn id(self) -> String {
        self.to_string()
    }

    /// A Chinese label: `第一款第二项`, `第一款第七项第1目`, `第一款第五项正文`.
    pub fn label(self) -> String {
        let p = |n: u8| format!("第{}款", chinese_numeral(u32::from(n)));
        let i = |n: u8| format!("第{}项", chinese_numeral(u32::from(n)));
        match self {
            Anchor::Paragraph { paragraph } => p(paragraph),
            Anchor::Item { paragraph, item } => format!("{}{}", p(paragraph), i(item)),
            Anchor::SubItem {
                paragraph,
                item,
                sub_item,
            } => {
                format!("{}{}第{}目", p(paragraph), i(item), sub_item)
            }
            Anchor::Detail {
                paragraph, item, ..
            } => format!("{}{}正文", p(paragraph), i(item)),
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Anchor::Paragraph { paragraph } => write!(f, "p{paragraph}"),
            Anchor::Item { paragraph, item } => write!(f, "p{paragraph}-i{item}"),
            Anchor::SubItem {
                paragraph,
                item,
                sub_item,
            } => {
                write!(f, "p{paragraph}-i{item}-s{sub_item}")
            }
            Anchor::Detail {
                paragraph,
                item,
                line,
            } => write!(f, "p{paragraph}-i{item}-d{line}"),
        }
    }
}

impl FromStr for Anchor {
    type Err = AnchorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Anchor::parse(s)
    }
}

impl TryFrom<String> for Anchor {
    type Error = AnchorError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Anchor::parse(&s)
    }
}

impl From<Anchor> for String {
    fn from(anchor: Anchor) -> String {
        anchor.to_string()
    }
}
