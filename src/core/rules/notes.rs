//! Notes shown beside the 细则's text: editor's notes on defects of the text itself, and
//! annotations on the law as it stands today. Neither ever changes the text.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::article_no::ArticleNo;

/// What a note is about: an article, or one position inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The article.
    pub article: ArticleNo,
    /// The paragraph, item or sub-item, when the note concerns only that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.anchor {
            Some(anchor) => write!(f, "{}{}", self.article, anchor.label()),
            None => write!(f, "{}", self.article),
        }
    }
}

/// A dated event of a source: adoption, entry into force, a news report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDate {
    /// The day.
    pub date: NaiveDate,
    /// What happened that day, in Chinese: `修订通过`, `施行`, `报道`.
    pub event: String,
}

/// Where a fact comes from, as recorded in shared/reference/law-notes.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's name, e.g. `《中华人民共和国治安管理处罚法》（2025年修订）`.
    pub document: String,
    /// The provision cited, e.g. `第六十一条`; absent when the whole document is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// The document's key date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<SourceDate>,
    /// Where the text was read: a URL, or `owner/repo@commit:path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.document)?;
        if let Some(provision) = &self.provision {
            write!(f, "{provision}")?;
        }
        if let Some(date) = &self.date {
            write!(
                f,
                "（{}{}）",
                date.date.format("%Y年%-m月%-d日"),
                date.event
            )?;
        }
        Ok(())
    }
}

/// Whether the fact was checked against the text itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read in the primary text or a faithful verbatim copy of it.
    Confirmed,
    /// Only a secondary source, or none; the string says why.
    Unconfirmed(String),
}

impl Status {
    /// `已核实` or `未核实`.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Confirmed => "已核实",
            Status::Unconfirmed(_) => "未核实",
        }
    }

    /// Why the fact is unconfirmed; `None` when confirmed.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Status::Confirmed => None,
            Status::Unconfirmed(reason) => Some(reason),
        }
    }

    /// True when confirmed.
    pub fn is_confirmed(&self) -> bool {
        matches!(self, Status::Confirmed)
    }
}

/// An annotation on the law as it stands today (data/annotations.json): what changed since the
/// 细则 was issued in 2020, and the rules behind its articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Stable id, used as an HTML id and in tests: `art20-zhian-61`.
    pub id: String,
    /// The articles (and positions) the annotation concerns.
    pub targets: Vec<Target>,
    /// A one-line title in Chinese.
    pub title: String,
    /// The body in Chinese.
    pub body: String,
    /// At least one source.
    pub sources: Vec<Source>,
    /// Confirmed, or unconfirmed with the reason.
    pub status: Status,
}

impl Annotation {
    /// True when the annotation concerns this article.
    pub fn concerns(&self, no: ArticleNo) -> bool {
        self.targets.iter().any(|t| t.article == no)
    }
}

/// The kind of defect an editor's note points out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorNoteKind {
    /// A numbered item is missing from a list.
    MissingItem,
    /// Characters in the wrong order or a wrong character.
    Typo,
    /// The 细则 calls itself by another document's name.
    SelfReference,
    /// Punctuation that breaks a sentence.
    Punctuation,
}

impl EditorNoteKind {
    /// A short Chinese label for the note's badge.
    pub fn label(self) -> &'static str {
        match self {
            EditorNoteKind::MissingItem => "缺项",
            EditorNoteKind::Typo => "文字疑误",
            EditorNoteKind::SelfReference => "自称疑误",
            EditorNoteKind::Punctuation => "标点疑误",
        }
    }
}

/// An editor's note on the text of the 细则 itself (data/editorial.json). Shown as a marked
/// note beside the text, which stays exactly as issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorNote {
    /// Stable id: `art21-typo`.
    pub id: String,
    /// What kind of defect.
    pub kind: EditorNoteKind,
    /// Where the defect is.
    pub targets: Vec<Target>,
    /// A one-line title in Chinese.
    pub title: String,
    /// The explanation in Chinese.
    pub body: String,
    /// The likely intended wording, when one can be given; never substituted into the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// At least one source.
    pub sources: Vec<Source>,
    /// Confirmed, or unconfirmed with the reason.
    pub status: Status,
}

impl EditorNote {
    /// True when the note concerns this article.
    pub fn concerns(&self, no: ArticleNo) -> bool {
        self.targets.iter().any(|t| t.article == no)
    }
}
