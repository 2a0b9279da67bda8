//! The search index: every searchable text (captions, article lines, editor's notes, annotations)
//! normalized into one corpus, with a character and a bigram position list so a substring is
//! found without scanning the corpus.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::normalize::normalize;
use super::synonyms::SynonymTable;
use crate::core::rules::{Anchor, ArticleNo, BlockKind, Document};

/// Which part of a note a match is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotePart {
    /// The note's title.
    Title,
    /// The note's body.
    Body,
}

/// Where in an article's material a match was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location<'d> {
    /// The editor's caption (条旨) of the article.
    Caption,
    /// A line of the article's text.
    Block {
        /// Its position: link to `/rules/{article}#{anchor}`.
        anchor: Anchor,
        /// Paragraph, item, sub-item or detail line.
        kind: BlockKind,
        /// The item marker as printed, for showing the match in context.
        marker: Option<&'d str>,
    },
    /// An editor's note on the text.
    EditorNote {
        /// The note's id.
        id: &'d str,
        /// Title or body.
        part: NotePart,
    },
    /// An annotation on the law today.
    Annotation {
        /// The annotation's id.
        id: &'d str,
        /// Title or body.
        part: NotePart,
    },
}

impl Location<'_> {
    /// Text lines first, then notes, then annotations: the order hits are shown in.
    pub(super) fn rank(&self) -> u8 {
        match self {
            Location::Caption => 0,
            Location::Block { .. } => 1,
            Location::EditorNote { .. } => 2,
            Location::Annotation { .. } => 3,
        }
    }

    /// How much a match here says about an article being the one sought.
    pub(super) fn weight(&self) -> u32 {
        match self {
            // The caption names the article's subject.
            Location::Caption => 50,
            Location::Block { .. } => 20,
            Location::EditorNote { .. } => 8,
            // Annotations rank below the text of the same article.
            Location::Annotation { .. } => 6,
        }
    }
}

/// A match inside the article's defining clause (`以侮辱行为依法给予…`, `所称“近亲属”是指`).
pub(super) const DEFINING_WEIGHT: u32 = 40;

pub(super) struct Field<'d> {
    pub articles: Vec<ArticleNo>,
    pub location: Location<'d>,
    pub text: &'d str,
    /// Byte range of the normalized text in the corpus.
    pub start: usize,
    pub end: usize,
    /// Per character (normalized offset, original offset), only when the two differ.
    pub offsets: Option<Vec<(u32, u32)>>,
}

impl Field<'_> {
    /// Maps a byte offset in the normalized field to one in the original text.
    pub fn original_offset(&self, normalized: usize) -> usize {
        match &self.offsets {
            None => normalized,
            Some(pairs) => {
                let key = u32::try_from(normalized).unwrap_or(u32::MAX);
                match pairs.binary_search_by_key(&key, |&(n, _)| n) {
                    Ok(i) => pairs[i].1 as usize,
                    Err(_) => self.text.len(),
                }
            }
        }
    }
}

/// Everything the search needs, built once from a document and a synonym table.
pub struct SearchIndex<'d> {
    pub(super) document: &'d Document,
    pub(super) synonyms: &'d SynonymTable,
    pub(super) corpus: String,
    pub(super) fields: Vec<Field<'d>>,
    /// Defining clauses, as sorted, disjoint corpus ranges.
    pub(super) defining: Vec<Range<usize>>,
    pub(super) vocabulary: HashSet<String>,
    pub(super) longest_word: usize,
    chars: HashMap<char, Vec<u32>>,
    bigrams: HashMap<(char, char), Vec<u32>>,
}

impl<'d> SearchIndex<'d> {
    /// Indexes the document's captions, text, editor's notes and annotations.
    pub fn build(document: &'d Document, synonyms: &'d SynonymTable) -> SearchIndex<'d> {
        let mut index = SearchIndex {
            document,
            synonyms,
            corpus: String::new(),
            fields: Vec::new(),
            defining: Vec::new(),
            vocabulary: HashSet::new(),
            longest_word: 0,
            chars: HashMap::new(),
            bigrams: HashMap::new(),
        };
        for article in document.articles() {
            let own = vec![article.no];
            index.add(own.clone(), Location::Caption, &article.caption);
            for block in article.blocks() {
                let location = Location::Block {
                    anchor: block.anchor,
                    kind: block.kind,
                    marker: block.marker,
                };
                index.add(own.clone(), location, block.text);
            }
        }
        for note in document.editor_notes() {
            let articles = unique_articles(note.targets.iter().map(|t| t.article));
            for (part, text) in [(NotePart::Title, &note.title), (NotePart::Body, &note.body)] {
                index.add(
                    articles.clone(),
                    Location::EditorNote { id: &note.id, part },
                    text,
                );
            }
        }
        for annotation in document.annotations() {
            let articles = unique_articles(annotation.targets.iter().map(|t| t.article));
            for (part, text) in [
                (NotePart::Title, &annotation.title),
                (NotePart::Body, &annotation.body),
            ] {
                let location = Location::Annotation {
                    id: &annotation.id,
                    part,
                };
                index.add(articles.clone(), location, text);
            }
        }
        index.find_defining_clauses();
        index.build_postings();
        for word in synonyms.vocabulary() {
            index.longest_word = index.longest_word.max(word.chars().count());
            index.vocabulary.insert(word);
        }
        index
    }

    fn add(&mut self, articles: Vec<ArticleNo>, location: Location<'d>, text: &'d str) {
        let normalized = normalize(text);
        let offsets = (normalized.len() != text.len()).then(|| {
            normalized
                .char_indices()
                .map(|(n, _)| n)
                .zip(text.char_indices().map(|(o, _)| o))
                .map(|(n, o)| (n as u32, o as u32))
                .collect()
        });
        if !self.corpus.is_empty() {
            // A separator no normalized text contains, so no match spans two fields.
            self.corpus.push('\u{0}');
        }
        let start = self.corpus.len();
        self.corpus.push_str(&normalized);
        let end = self.corpus.len();
        self.fields.push(Field {
            articles,
            location,
            text,
            start,
            end,
            offsets,
        });
    }

    /// 第二十至二十五条 define their offence in `,以X行为依法给予…`; 第三十九条 defines a term in
    /// `所称“X”是指`. A query term inside such a clause names what the article is about.
    fn find_defining_clauses(&mut self) {
        for field in &self.fields {
            if !matches!(field.location, Location::Block { .. }) {
                continue;
            }
            let text = &self.corpus[field.start..field.end];
            for (at, _) in text.match_indices("依法给予") {
                let Some(open) = text[..at].rfind(",以") else {
                    continue;
                };
                if !text[open..at].contains('。') {
                    let from = field.start + open + 1;
                    self.defining
                        .push(from..field.start + at + "依法给予".len());
                }
            }
            for (at, _) in text.match_indices("所称") {
                let Some(len) = text[at..].find("是指") else {
                    continue;
                };
                if !text[at..at + len].contains('。') {
                    self.defining
                        .push(field.start + at..field.start + at + len + "是指".len());
                }
            }
        }
        self.defining.sort_by_key(|r| r.start);
    }

    fn build_postings(&mut self) {
        let mut previous: Option<char> = None;
        for (at, c) in self.corpus.char_indices() {
            if c == '\u{0}' {
                previous = None;
                continue;
            }
            let pos = at as u32;
            self.chars.entry(c).or_default().push(pos);
            if let Some(p) = previous {
                let first = pos - p.len_utf8() as u32;
                self.bigrams.entry((p, c)).or_default().push(first);
            }
            previous = Some(c);
        }
    }

    /// Every occurrence of a normalized, non-empty needle, as sorted corpus byte ranges.
    pub(super) fn find(&self, needle: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = needle.char_indices().collect();
        let mut out = Vec::new();
        match chars.as_slice() {
            [] => {}
            [(_, c)] => {
                if let Some(list) = self.chars.get(c) {
                    let len = c.len_utf8();
                    out.extend(list.iter().map(|&p| p as usize..p as usize + len));
                }
            }
            _ => {
                // Verify candidates from the rarest bigram of the needle.
                let mut best: Option<(usize, &Vec<u32>)> = None;
                for pair in chars.windows(2) {
                    let Some(list) = self.bigrams.get(&(pair[0].1, pair[1].1)) else {
                        return out;
                    };
                    if best.is_none_or(|(_, b)| list.len() < b.len()) {
                        best = Some((pair[0].0, list));
                    }
                }
                let Some((offset, list)) = best else {
                    return out;
                };
                for &p in list {
                    let Some(start) = (p as usize).checked_sub(offset) else {
                        continue;
                    };
                    if self
                        .corpus
                        .get(start..)
                        .is_some_and(|rest| rest.starts_with(needle))
                    {
                        out.push(start..start + needle.len());
                    }
                }
            }
        }
        out
    }

    /// True when the needle occurs anywhere.
    pub(super) fn occurs(&self, needle: &str) -> bool {
        !needle.is_empty() && !self.find(needle).is_empty()
    }

    /// The field a corpus offset lies in.
    pub(super) fn field_at(&self, pos: usize) -> Option<usize> {
        let i = self
            .fields
            .partition_point(|f| f.start <= pos)
            .checked_sub(1)?;
        (pos < self.fields[i].end).then_some(i)
    }

    /// True when the range lies inside a defining clause.
    pub(super) fn in_defining_clause(&self, range: &Range<usize>) -> bool {
        let i = self.defining.partition_point(|d| d.start <= range.start);
        i.checked_sub(1)
            .is_some_and(|i| range.end <= self.defining[i].end)
    }

    /// The document the index was built from.
    pub fn document(&self) -> &'d Document {
        self.document
    }

    /// The lay-word table the index expands queries with.
    pub fn synonyms(&self) -> &'d SynonymTable {
        self.synonyms
    }
}

fn unique_articles(articles: impl Iterator<Item = ArticleNo>) -> Vec<ArticleNo> {
    let mut out: Vec<ArticleNo> = Vec::new();
    for a in articles {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}
