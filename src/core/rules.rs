//! The 细则 as structured data: its 43 articles with paragraphs (款), items (项) and sub-items (目),
//! the issuing notice and signature, the editor's reading aids (groups, captions, notes on defects)
//! and the annotations on the law as it stands today. Compiled in from `data/*.json`, parsed once.

mod anchor;
mod article_no;
mod notes;
mod references;

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, AnchorError};
pub use article_no::{
    ARTICLE_COUNT, ArticleNo, ArticleNoError, chinese_numeral, parse_chinese_numeral,
};
pub use notes::{Annotation, EditorNote, EditorNoteKind, Source, SourceDate, Status, Target};
pub use references::{Reference, TextReference, parse_references};

/// The 细则's text, generated from the seed by `scripts/seed_to_articles.py`.
pub const ARTICLES_JSON: &str = include_str!("../../data/articles.json");
/// Editor's reading aids: groups, captions (条旨) and notes on defects of the text.
pub const EDITORIAL_JSON: &str = include_str!("../../data/editorial.json");
/// Annotations on the law as it stands today, from shared/reference/law-notes.md.
pub const ANNOTATIONS_JSON: &str = include_str!("../../data/annotations.json");

/// The issuing notice that precedes the 细则.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preamble {
    /// 各县(市、区)公安(分)局,驻局纪检监察组,市局各部门、直属各单位:
    pub addressees: String,
    /// 现将《…》印发给你们,请结合实际,认真贯彻落实。
    pub notice: String,
}

/// The signature under the 细则.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// 嘉兴市公安局.
    pub issuer: String,
    /// The date as printed: 2020年5月12日.
    pub date_text: String,
    /// The same date; 第四十三条: the 细则 is in force from its issue.
    pub date: NaiveDate,
}

/// A numbered item (项), or a sub-item (目) when nested in another item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The number as printed: `(七)` and `7.` both give 7.
    pub number: u8,
    /// The marker as printed, without spaces: `(七)` or `7.`.
    pub marker: String,
    /// The item's text after the marker; for 第十条's units, the unit's name.
    pub text: String,
    /// Unnumbered lines under a heading item (第十条 (五)(六)(十)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// Sub-items (第十条 (一)–(四)、(七)–(九)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// A paragraph (款): its lead text and the items that list under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The paragraph's own text.
    pub text: String,
    /// Its numbered items, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// What a block of text is in the article's structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    /// A paragraph's lead text.
    Paragraph,
    /// A numbered item of a paragraph.
    Item,
    /// A numbered sub-item of an item.
    SubItem,
    /// An unnumbered line under a heading item.
    Detail,
}

/// One line of an article as the seed lays it out, with its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    /// Its position, also its HTML id.
    pub anchor: Anchor,
    /// Paragraph, item, sub-item or detail line.
    pub kind: BlockKind,
    /// The item marker as printed (`(一)`, `2.`); `None` for paragraphs and detail lines.
    pub marker: Option<&'a str>,
    /// The text after the marker.
    pub text: &'a str,
}

/// One article of the 细则.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Its number.
    pub no: ArticleNo,
    /// The ordinal title as printed: 第二十一条.
    pub title: String,
    /// The editor's caption (条旨), a reading aid that is not part of the source.
    pub caption: String,
    /// Its paragraphs (款) in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Article {
    /// Every line of the article in source order, each with its position.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        let mut out = Vec::new();
        for (p, paragraph) in (1u8..).zip(&self.paragraphs) {
            out.push(Block {
                anchor: Anchor::Paragraph { paragraph: p },
                kind: BlockKind::Paragraph,
                marker: None,
                text: &paragraph.text,
            });
            for item in &paragraph.items {
                out.push(Block {
                    anchor: Anchor::Item {
                        paragraph: p,
                        item: item.number,
                    },
                    kind: BlockKind::Item,
                    marker: Some(&item.marker),
                    text: &item.text,
                });
                for (line, detail) in (1u8..).zip(&item.details) {
                    out.push(Block {
                        anchor: Anchor::Detail {
                            paragraph: p,
                            item: item.number,
                            line,
                        },
                        kind: BlockKind::Detail,
                        marker: None,
                        text: detail,
                    });
                }
                for sub in &item.items {
                    out.push(Block {
                        anchor: Anchor::SubItem {
                            paragraph: p,
                            item: item.number,
                            sub_item: sub.number,
                        },
                        kind: BlockKind::SubItem,
                        marker: Some(&sub.marker),
                        text: &sub.text,
                    });
                }
            }
        }
        out
    }

    /// The block at this position, if the article has it.
    pub fn block(&self, anchor: Anchor) -> Option<Block<'_>> {
        self.blocks().into_iter().find(|b| b.anchor == anchor)
    }

    /// The paragraph (款), counted from 1.
    pub fn paragraph(&self, n: u8) -> Option<&Paragraph> {
        self.paragraphs.get(usize::from(n).checked_sub(1)?)
    }

    /// The whole article as plain text, one source line per line, markers included, headed by
    /// its title: for copying and printing.
    pub fn plain_text(&self) -> String {
        let mut out = self.title.clone();
        for (i, block) in self.blocks().iter().enumerate() {
            out.push(if i == 0 { ' ' } else { '\n' });
            if let Some(marker) = block.marker {
                out.push_str(marker);
            }
            out.push_str(block.text);
        }
        out
    }
}

/// A thematic group of articles for the table of contents. The 细则 has no chapters: the
/// groups are the editor's reading aid, not part of the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id: `offences`.
    pub id: String,
    /// The group's title: 侵犯执法权威行为的处理.
    pub title: String,
    /// The first article of the group.
    pub first: ArticleNo,
    /// The last article of the group.
    pub last: ArticleNo,
    /// One sentence on what the group covers.
    pub summary: String,
}

impl Group {
    /// True when the article falls in this group.
    pub fn contains(&self, no: ArticleNo) -> bool {
        self.first <= no && no <= self.last
    }

    /// The group's articles in order.
    pub fn articles(&self) -> impl Iterator<Item = ArticleNo> + '_ {
        ArticleNo::all().filter(|&no| self.contains(no))
    }
}

/// Why the compiled-in data could not be read. Each of these is caught by `cargo test`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// A data file is not JSON of the expected shape.
    #[error("细则数据文件 {file} 格式有误：{message}")]
    Malformed {
        /// The file's name.
        file: &'static str,
        /// What serde reported.
        message: String,
    },
    /// The articles are not 第一条 to 第四十三条, each once, in order, with the right title.
    #[error("细则条文编号有误：{0}")]
    Numbering(String),
    /// An article, paragraph or item has no text.
    #[error("{0}的条文为空")]
    EmptyText(String),
    /// The groups do not cover 第一条 to 第四十三条 exactly once, in order.
    #[error("条文分组有误：{0}")]
    Groups(String),
    /// An article has no caption, or two.
    #[error("条旨有误：{0}")]
    Captions(String),
    /// A note points at an article position that does not exist.
    #[error("注释 {id} 指向的{target}不存在")]
    DanglingTarget {
        /// The note's id.
        id: String,
        /// The position it points at.
        target: String,
    },
    /// A note has no target, no title, no body or no source.
    #[error("注释 {id} 不完整：{missing}")]
    Incomplete {
        /// The note's id.
        id: String,
        /// What is missing.
        missing: &'static str,
    },
    /// Two notes share an id.
    #[error("注释编号 {0} 重复")]
    DuplicateId(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticlesFile {
    #[allow(dead_code, reason = "provenance line for readers of the JSON file")]
    generated_by: String,
    title_lines: Vec<String>,
    preamble: Preamble,
    signature: Signature,
    articles: Vec<ArticleData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleData {
    no: u32,
    title: String,
    paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Caption {
    article: ArticleNo,
    caption: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditorialFile {
    notice: String,
    groups: Vec<Group>,
    captions: Vec<Caption>,
    notes: Vec<EditorNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationsFile {
    as_of: NaiveDate,
    basis: String,
    annotations: Vec<Annotation>,
}

/// The whole 细则 with its reading aids and annotations. Get it with [`document`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    title_lines: Vec<String>,
    preamble: Preamble,
    signature: Signature,
    articles: Vec<Article>,
    reading_aid_notice: String,
    groups: Vec<Group>,
    editor_notes: Vec<EditorNote>,
    annotations_as_of: Option<NaiveDate>,
    annotations_basis: String,
    annotations: Vec<Annotation>,
    references: Vec<Vec<TextReference>>,
    referred_by: Vec<Vec<ArticleNo>>,
}

fn malformed(file: &'static str) -> impl Fn(serde_json::Error) -> RulesError {
    move |e| RulesError::Malformed {
        file,
        message: e.to_string(),
    }
}

/// The fields every note and annotation must fill in, for one check over both kinds.
struct NoteFields<'a> {
    id: &'a str,
    targets: &'a [Target],
    title: &'a str,
    body: &'a str,
    sources: &'a [Source],
    status: &'a Status,
}

impl Document {
    /// Reads and checks the three data files; every inconsistency is an error.
    pub fn from_json(
        articles: &str,
        editorial: &str,
        annotations: &str,
    ) -> Result<Document, RulesError> {
        let articles: ArticlesFile =
            serde_json::from_str(articles).map_err(malformed("data/articles.json"))?;
        let editorial: EditorialFile =
            serde_json::from_str(editorial).map_err(malformed("data/editorial.json"))?;
        let annotations: AnnotationsFile =
            serde_json::from_str(annotations).map_err(malformed("data/annotations.json"))?;

        if articles.articles.len() != usize::from(ARTICLE_COUNT) {
            return Err(RulesError::Numbering(format!(
                "应为四十三条，实为{}条",
                articles.articles.len()
            )));
        }
        let captions = check_captions(&editorial.captions)?;
        let mut list = Vec::with_capacity(articles.articles.len());
        for ((expected, data), caption) in ArticleNo::all().zip(articles.articles).zip(captions) {
            if data.no != u32::from(expected.get()) || data.title != expected.title() {
                return Err(RulesError::Numbering(format!(
                    "应为{expected}，实为{}（编号 {}）",
                    data.title, data.no
                )));
            }
            let article = Article {
                no: expected,
                title: data.title,
                caption,
                paragraphs: data.paragraphs,
            };
            check_text(&article)?;
            list.push(article);
        }
        check_groups(&editorial.groups)?;

        let mut doc = Document {
            title_lines: articles.title_lines,
            preamble: articles.preamble,
            signature: articles.signature,
            articles: list,
            reading_aid_notice: editorial.notice,
            groups: editorial.groups,
            editor_notes: editorial.notes,
            annotations_as_of: Some(annotations.as_of),
            annotations_basis: annotations.basis,
            annotations: annotations.annotations,
            references: Vec::new(),
            referred_by: Vec::new(),
        };
        doc.check_notes()?;
        doc.link_references();
        Ok(doc)
    }

    fn check_notes(&self) -> Result<(), RulesError> {
        let notes = self.editor_notes.iter().map(|n| NoteFields {
            id: &n.id,
            targets: &n.targets,
            title: &n.title,
            body: &n.body,
            sources: &n.sources,
            status: &n.status,
        });
        let annotations = self.annotations.iter().map(|a| NoteFields {
            id: &a.id,
            targets: &a.targets,
            title: &a.title,
            body: &a.body,
            sources: &a.sources,
            status: &a.status,
        });
        let mut ids = HashSet::new();
        for note in notes.chain(annotations) {
            let incomplete = |missing| RulesError::Incomplete {
                id: note.id.to_owned(),
                missing,
            };
            if !ids.insert(note.id) {
                return Err(RulesError::DuplicateId(note.id.to_owned()));
            }
            if note.targets.is_empty() {
                return Err(incomplete("没有指向任何条文"));
            }
            if note.title.trim().is_empty() || note.body.trim().is_empty() {
                return Err(incomplete("缺少标题或正文"));
            }
            if note.sources.is_empty() || note.sources.iter().any(|s| s.document.trim().is_empty())
            {
                return Err(incomplete("未注明来源"));
            }
            if note.status.reason().is_some_and(|r| r.trim().is_empty()) {
                return Err(incomplete("标为未核实却未说明原因"));
            }
            for target in note.targets {
                if self.resolve(target).is_none() {
                    return Err(RulesError::DanglingTarget {
                        id: note.id.to_owned(),
                        target: target.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    fn link_references(&mut self) {
        let mut references = Vec::with_capacity(self.articles.len());
        let mut referred_by: Vec<Vec<ArticleNo>> = vec![Vec::new(); self.articles.len()];
        for article in &self.articles {
            let mut found = Vec::new();
            for block in article.blocks() {
                for (span, reference) in parse_references(block.text) {
                    if let Reference::Article { article: to, .. } = reference {
                        let back = &mut referred_by[to.index()];
                        if !back.contains(&article.no) {
                            back.push(article.no);
                        }
                    }
                    found.push(TextReference {
                        anchor: block.anchor,
                        span,
                        reference,
                    });
                }
            }
            references.push(found);
        }
        self.references = references;
        self.referred_by = referred_by;
    }

    /// The title as one line: 嘉兴市公安机关维护民警执法权威工作实施细则.
    pub fn title(&self) -> String {
        self.title_lines.concat()
    }

    /// The title as the seed breaks it over lines.
    pub fn title_lines(&self) -> &[String] {
        &self.title_lines
    }

    /// The issuing notice.
    pub fn preamble(&self) -> &Preamble {
        &self.preamble
    }

    /// Issuer and date.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// All articles, 第一条 to 第四十三条.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// One article.
    pub fn article(&self, no: ArticleNo) -> Option<&Article> {
        self.articles.get(no.index())
    }

    /// The article before, for "previous" links.
    pub fn prev(&self, no: ArticleNo) -> Option<&Article> {
        self.article(no.prev()?)
    }

    /// The article after, for "next" links.
    pub fn next(&self, no: ArticleNo) -> Option<&Article> {
        self.article(no.next()?)
    }

    /// The text block a note's target points at; `None` if it does not exist. A target without
    /// an anchor resolves to the article's first paragraph.
    pub fn resolve(&self, target: &Target) -> Option<Block<'_>> {
        let article = self.article(target.article)?;
        article.block(target.anchor.unwrap_or(Anchor::Paragraph { paragraph: 1 }))
    }

    /// States that groups, captions and editor's notes are reading aids, not the source.
    pub fn reading_aid_notice(&self) -> &str {
        &self.reading_aid_notice
    }

    /// The thematic groups for the table of contents, in order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The group an article falls in.
    pub fn group_of(&self, no: ArticleNo) -> Option<&Group> {
        self.groups.iter().find(|g| g.contains(no))
    }

    /// Every editor's note on defects of the text.
    pub fn editor_notes(&self) -> &[EditorNote] {
        &self.editor_notes
    }

    /// The editor's notes on one article.
    pub fn editor_notes_for(&self, no: ArticleNo) -> Vec<&EditorNote> {
        self.editor_notes
            .iter()
            .filter(|n| n.concerns(no))
            .collect()
    }

    /// Every annotation on the law as it stands today.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// The annotations on one article, in data order.
    pub fn annotations_for(&self, no: ArticleNo) -> Vec<&Annotation> {
        self.annotations.iter().filter(|a| a.concerns(no)).collect()
    }

    /// The day the annotations' legal research was compiled (law-notes.md).
    pub fn annotations_as_of(&self) -> Option<NaiveDate> {
        self.annotations_as_of
    }

    /// Where the annotations come from, in one Chinese sentence.
    pub fn annotations_basis(&self) -> &str {
        &self.annotations_basis
    }

    /// Every reference found in an article's text, in text order.
    pub fn references(&self, no: ArticleNo) -> &[TextReference] {
        self.references.get(no.index()).map_or(&[], Vec::as_slice)
    }

    /// The 细则 articles this article's text refers to (never other laws' articles).
    pub fn refers_to(&self, no: ArticleNo) -> Vec<ArticleNo> {
        let mut out: Vec<ArticleNo> = Vec::new();
        for r in self.references(no) {
            if let Reference::Article { article, .. } = r.reference
                && !out.contains(&article)
            {
                out.push(article);
            }
        }
        out
    }

    /// The 细则 articles whose text refers to this article.
    pub fn referred_by(&self, no: ArticleNo) -> &[ArticleNo] {
        self.referred_by.get(no.index()).map_or(&[], Vec::as_slice)
    }
}

fn check_captions(captions: &[Caption]) -> Result<Vec<String>, RulesError> {
    let mut by_article: Vec<Option<String>> = vec![None; usize::from(ARTICLE_COUNT)];
    for c in captions {
        let slot = &mut by_article[c.article.index()];
        if slot.is_some() {
            return Err(RulesError::Captions(format!("{}有两个条旨", c.article)));
        }
        if c.caption.trim().is_empty() {
            return Err(RulesError::Captions(format!("{}的条旨为空", c.article)));
        }
        *slot = Some(c.caption.clone());
    }
    ArticleNo::all()
        .zip(by_article)
        .map(|(no, c)| c.ok_or_else(|| RulesError::Captions(format!("{no}没有条旨"))))
        .collect()
}

fn check_text(article: &Article) -> Result<(), RulesError> {
    if article.paragraphs.is_empty() {
        return Err(RulesError::EmptyText(article.title.clone()));
    }
    for block in article.blocks() {
        if block.text.trim().is_empty() {
            return Err(RulesError::EmptyText(format!(
                "{}{}",
                article.title,
                block.anchor.label()
            )));
        }
    }
    Ok(())
}

fn check_groups(groups: &[Group]) -> Result<(), RulesError> {
    let mut expected_first = Some(ArticleNo::FIRST);
    for g in groups {
        if Some(g.first) != expected_first || g.last < g.first {
            let expected = expected_first.map_or_else(|| "（无）".to_owned(), |n| n.to_string());
            return Err(RulesError::Groups(format!(
                "「{}」应从{expected}开始",
                g.title
            )));
        }
        expected_first = g.last.next();
    }
    if expected_first.is_some() {
        return Err(RulesError::Groups("分组未覆盖到第四十三条".to_owned()));
    }
    Ok(())
}

static DOCUMENT: OnceLock<Result<Document, RulesError>> = OnceLock::new();
static EMPTY: OnceLock<Document> = OnceLock::new();

fn loaded() -> &'static Result<Document, RulesError> {
    DOCUMENT.get_or_init(|| Document::from_json(ARTICLES_JSON, EDITORIAL_JSON, ANNOTATIONS_JSON))
}

/// The 细则, parsed once from the compiled-in data. Should the data ever fail its checks, this
/// is an empty document and [`load_error`] says why; the tests make sure it never does.
pub fn document() -> &'static Document {
    match loaded() {
        Ok(doc) => doc,
        Err(_) => EMPTY.get_or_init(Document::default),
    }
}

/// Why the compiled-in data could not be read, for the UI to show instead of the text.
pub fn load_error() -> Option<&'static RulesError> {
    loaded().as_ref().err()
}
