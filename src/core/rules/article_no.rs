//! Article numbers of the 细则 (第一条 to 第四十三条) and the Chinese numerals they are written in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The number of articles in the 细则 (第一条 to 第四十三条).
pub const ARTICLE_COUNT: u8 = 43;

/// An article number of the 细则, always within 1..=43.
///
/// Serialized as the plain number (`21`); shown as its ordinal title (`第二十一条`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct ArticleNo(u8);

/// Why a text or number is not an article number of the 细则.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArticleNoError {
    /// Nothing was typed.
    #[error("请输入条号，例如 21 或 第二十一条")]
    Empty,
    /// The text is not a number, neither in digits nor in Chinese numerals.
    #[error("「{0}」不是条号：请输入 1 至 43 的数字，或“第二十一条”这样的写法")]
    NotANumber(String),
    /// A number outside 第一条..第四十三条.
    #[error("细则共四十三条（第一条至第四十三条），没有第{0}条")]
    OutOfRange(u32),
}

impl ArticleNo {
    /// 第一条.
    pub const FIRST: ArticleNo = ArticleNo(1);
    /// 第四十三条, the last article.
    pub const LAST: ArticleNo = ArticleNo(ARTICLE_COUNT);

    /// The article with this number, if the 细则 has it.
    pub fn new(n: u32) -> Result<ArticleNo, ArticleNoError> {
        match u8::try_from(n) {
            Ok(v) if (1..=ARTICLE_COUNT).contains(&v) => Ok(ArticleNo(v)),
            _ => Err(ArticleNoError::OutOfRange(n)),
        }
    }

    /// Reads what a user typed: `21`, `２１`, `第21条`, `二十一`, `第二十一条`, with spaces around.
    pub fn parse(input: &str) -> Result<ArticleNo, ArticleNoError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ArticleNoError::Empty);
        }
        let halfwidth: String = trimmed
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        let core = halfwidth.strip_prefix('第').unwrap_or(&halfwidth);
        let core = core.strip_suffix('条').unwrap_or(core).trim();
        let number = if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
            core.parse::<u32>().ok()
        } else {
            parse_chinese_numeral(core)
        };
        match number {
            Some(n) => ArticleNo::new(n),
            None => Err(ArticleNoError::NotANumber(trimmed.to_owned())),
        }
    }

    /// The plain number, 1..=43.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Zero-based position in the 细则, for indexing arrays of 43.
    pub fn index(self) -> usize {
        usize::from(self.0) - 1
    }

    /// The ordinal title as the 细则 writes it: `第二十一条`.
    pub fn title(self) -> String {
        format!("第{}条", chinese_numeral(u32::from(self.0)))
    }

    /// The article before this one (none before 第一条).
    pub fn prev(self) -> Option<ArticleNo> {
        ArticleNo::new(u32::from(self.0) - 1).ok()
    }

    /// The article after this one (none after 第四十三条).
    pub fn next(self) -> Option<ArticleNo> {
        ArticleNo::new(u32::from(self.0) + 1).ok()
    }

    /// 第一条 to 第四十三条 in order.
    pub fn all() -> impl DoubleEndedIterator<Item = ArticleNo> + Clone {
        (1..=ARTICLE_COUNT).map(ArticleNo)
    }
}

impl TryFrom<u8> for ArticleNo {
    type Error = ArticleNoError;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        ArticleNo::new(u32::from(n))
    }
}

impl From<ArticleNo> for u8 {
    fn from(no: ArticleNo) -> u8 {
        no.0
    }
}

impl FromStr for ArticleNo {
    type Err = ArticleNoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ArticleNo::parse(s)
    }
}

impl fmt::Display for ArticleNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title())
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes 0..=999 the way Chinese legal texts number articles: 十, 二十一, 一百零七, 二百七十七.
pub fn chinese_numeral(n: u32) -> String {
    let digit = |d: u32| DIGITS[d as usize % 10];
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => {
            let mut s = String::from("十");
            if !n.is_multiple_of(10) {
                s.push(digit(n % 10));
            }
            s
        }
        20..=99 => {
            let mut s = format!("{}十", digit(n / 10));
            if !n.is_multiple_of(10) {
                s.push(digit(n % 10));
            }
            s
        }
        100..=999 => {
            let mut s = format!("{}百", digit(n / 100));
            let rest = n % 100;
            if rest == 0 {
                return s;
            }
            if rest < 10 {
                s.push('零');
                s.push(digit(rest));
            } else {
                // Inside a hundred the tens digit is always written: 一百一十, not 一百十.
                s.push(digit(rest / 10));
                s.push('十');
                if !rest.is_multiple_of(10) {
                    s.push(digit(rest % 10));
                }
            }
            s
        }
        _ => n.to_string(),
    }
}

/// Reads a Chinese numeral from 一 to 九百九十九 (also 两, 零 and a leading 一十); `None` otherwise.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        match c {
            '两' => Some(2),
            _ => DIGITS.iter().position(|&d| d == c).map(|p| p as u32),
        }
    }
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        let unit = match c {
            '百' => 100,
            '十' => 10,
            _ => {
                // Two digits in a row are only valid as 零 followed by a digit.
                if pending.is_some_and(|p| p != 0) {
                    return None;
                }
                pending = Some(digit(c)?);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        let multiplier = match pending.take() {
            Some(0) => return None,
            Some(d) => d,
            None if unit == 10 && total == 0 => 1,
            None => return None,
        };
        total += multiplier * unit;
        last_unit = unit;
    }
    if let Some(d) = pending {
        total += d;
    }
    (total > 0).then_some(total)
}
