//! Rulebook search: Chinese substring matching over the 细则's text, captions, editor's notes and
//! annotations, with lay words expanded through data/synonyms.json, AND across space-separated
//! terms, ranking that puts the article a term defines first, and highlights as plain segments.
//!
//! No tokenizer: a term matches where its characters occur. A run-on query that occurs nowhere as
//! typed (`推搡民警`, `几个工作日答复`) is split into the lay words and terms it contains; what is
//! left must occur as typed, except question particles (`几个`, `人`, `怎么`), which are dropped.

mod index;
mod normalize;
mod synonyms;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

pub use index::{Location, NotePart, SearchIndex};
pub use normalize::{normalize, normalize_char};
pub use synonyms::{SearchError, SynonymEntry, SynonymTable};

use crate::core::rules::{self, ARTICLE_COUNT, ArticleNo};
use index::DEFINING_WEIGHT;

/// The lay-word table, compiled in.
pub const SYNONYMS_JSON: &str = include_str!("../../data/synonyms.json");

/// Characters of a query beyond this are ignored: no real question is longer, and it bounds work.
pub const MAX_QUERY_CHARS: usize = 200;
/// Clauses beyond this are ignored.
pub const MAX_TERMS: usize = 12;

/// Question words and particles that carry no meaning for the search when left over after a
/// run-on query is split: `骂人` → 骂, `几个工作日答复` → 工作日 + 答复.
const PARTICLES: &str =
    "的了吗呢啊吧呀么我你他她它们被把让给个几怎样什该要想去人在会能可哪些谁多少如何时候";

/// One condition of a query: at least one of its alternatives must occur in an article's material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause<'s> {
    /// The word as typed (normalized), or the piece of a run-on query.
    pub typed: String,
    /// What is searched for: the typed word first, then the synonym entry's terms.
    pub alternatives: Vec<String>,
    /// The lay-word entry that supplied the other alternatives, for "也搜索了：…（因为…）".
    pub synonym: Option<&'s SynonymEntry>,
}

/// How a query is understood: every clause must match (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryPlan<'s> {
    /// The clauses, in query order.
    pub clauses: Vec<Clause<'s>>,
    /// Particles dropped from run-on terms.
    pub ignored: Vec<String>,
}

/// A piece of text to render, highlighted or not; the UI renders these, never HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text.
    pub text: &'a str,
    /// True for matched text.
    pub is_hit: bool,
}

/// The matches in one searchable text of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMatch<'d> {
    /// Where the text is.
    pub location: Location<'d>,
    /// The whole original text.
    pub text: &'d str,
    /// Byte ranges of the matches in `text`: sorted, disjoint, on character boundaries.
    pub ranges: Vec<Range<usize>>,
}

impl<'d> FieldMatch<'d> {
    /// The whole text cut into plain and highlighted segments.
    pub fn segments(&self) -> Vec<Segment<'d>> {
        segments(self.text, 0, self.text.len(), &self.ranges)
    }

    /// A window of about `context` characters around the matches, with `…` where text was cut.
    pub fn snippet(&self, context: usize) -> Vec<Segment<'d>> {
        let (Some(first), Some(last)) = (self.ranges.first(), self.ranges.last()) else {
            return self.segments();
        };
        let from = back_chars(self.text, first.start, context);
        let to = forward_chars(self.text, last.end, context);
        let mut out = Vec::new();
        if from > 0 {
            out.push(Segment {
                text: "…",
                is_hit: false,
            });
        }
        out.extend(segments(self.text, from, to, &self.ranges));
        if to < self.text.len() {
            out.push(Segment {
                text: "…",
                is_hit: false,
            });
        }
        out
    }

    /// The position to link to, when the match is in the article's text.
    pub fn anchor(&self) -> Option<rules::Anchor> {
        match self.location {
            Location::Block { anchor, .. } => Some(anchor),
            _ => None,
        }
    }
}

/// One article found, with everything that matched in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<'d> {
    /// The article.
    pub article: ArticleNo,
    /// Higher is more relevant; only the order means anything.
    pub score: u32,
    /// Caption first, then the text in source order, then editor's notes, then annotations.
    pub matches: Vec<FieldMatch<'d>>,
}

impl<'d> Hit<'d> {
    /// The first match in the article's own text, for a deep link.
    pub fn first_anchor(&self) -> Option<rules::Anchor> {
        self.matches.iter().find_map(FieldMatch::anchor)
    }
}

/// How a query is understood against this index: the clauses and their alternatives.
pub fn plan<'s>(query: &str, index: &SearchIndex<'s>) -> QueryPlan<'s> {
    let bounded: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let normalized = normalize(&bounded);
    let mut plan = QueryPlan::default();
    for term in normalized.split(' ').filter(|t| !t.is_empty()) {
        if plan.clauses.len() >= MAX_TERMS {
            break;
        }
        if index.synonyms().lookup(term).is_some() || index.occurs(term) {
            if plan.clauses.iter().all(|c| c.typed != term) {
                plan.clauses.push(clause(term, index));
            }
            continue;
        }
        for piece in split_run_on(term, index) {
            match piece {
                Piece::Rest(rest) if rest.chars().all(|c| PARTICLES.contains(c)) => {
                    plan.ignored.push(rest.to_owned());
                }
                // Unknown leftovers stay as conditions, so `推搡火星人` finds nothing.
                Piece::Word(word) | Piece::Rest(word) => {
                    if plan.clauses.len() < MAX_TERMS
                        && plan.clauses.iter().all(|c| c.typed != word)
                    {
                        plan.clauses.push(clause(word, index));
                    }
                }
            }
        }
    }
    plan
}

fn clause<'s>(word: &str, index: &SearchIndex<'s>) -> Clause<'s> {
    let synonym = index.synonyms().lookup(word);
    let mut alternatives = vec![word.to_owned()];
    for term in synonym.iter().flat_map(|e| &e.terms) {
        let term = normalize(term.trim());
        if !term.is_empty() && !alternatives.contains(&term) {
            alternatives.push(term);
        }
    }
    Clause {
        typed: word.to_owned(),
        alternatives,
        synonym,
    }
}

enum Piece<'q> {
    /// A lay word or term of the synonym table.
    Word(&'q str),
    /// Characters between known words.
    Rest(&'q str),
}

/// Greedy longest match of known words, left to right.
fn split_run_on<'q>(term: &'q str, index: &SearchIndex<'_>) -> Vec<Piece<'q>> {
    let starts: Vec<usize> = term
        .char_indices()
        .map(|(i, _)| i)
        .chain([term.len()])
        .collect();
    let mut out = Vec::new();
    let mut rest_from = 0;
    let mut i = 0;
    while i + 1 < starts.len() {
        let longest = (1..=index.longest_word.min(starts.len() - 1 - i))
            .rev()
            .find(|&n| index.vocabulary.contains(&term[starts[i]..starts[i + n]]));
        match longest {
            Some(n) => {
                if rest_from < starts[i] {
                    out.push(Piece::Rest(&term[rest_from..starts[i]]));
                }
                out.push(Piece::Word(&term[starts[i]..starts[i + n]]));
                i += n;
                rest_from = starts[i];
            }
            None => i += 1,
        }
    }
    if rest_from < term.len() {
        out.push(Piece::Rest(&term[rest_from..]));
    }
    out
}

#[derive(Clone, Copy, Default)]
struct ClauseScore {
    best: u32,
    count: u32,
}

/// Searches the index. Articles must match every clause; the best first, ties by article number.
pub fn search<'d>(query: &str, index: &SearchIndex<'d>) -> Vec<Hit<'d>> {
    let plan = plan(query, index);
    if plan.clauses.is_empty() {
        return Vec::new();
    }
    let articles = usize::from(ARTICLE_COUNT);
    let mut scores = vec![ClauseScore::default(); plan.clauses.len() * articles];
    let mut ranges: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for (c, clause) in plan.clauses.iter().enumerate() {
        for (a, alternative) in clause.alternatives.iter().enumerate() {
            // What the user typed counts more than what a synonym supplied.
            let factor = if a == 0 { 10 } else { 7 };
            for found in index.find(alternative) {
                let Some(f) = index.field_at(found.start) else {
                    continue;
                };
                let field = &index.fields[f];
                let weight = if index.in_defining_clause(&found) {
                    DEFINING_WEIGHT
                } else {
                    field.location.weight()
                };
                for article in &field.articles {
                    let s = &mut scores[c * articles + article.index()];
                    s.best = s.best.max(weight * factor);
                    s.count += 1;
                }
                ranges.entry(f).or_default().push(found);
            }
        }
    }

    let mut hits: Vec<Hit<'d>> = Vec::new();
    for article in ArticleNo::all() {
        let per_clause = (0..plan.clauses.len()).map(|c| scores[c * articles + article.index()]);
        if per_clause.clone().any(|s| s.best == 0) {
            continue;
        }
        let score = per_clause.map(|s| s.best + s.count.min(5) * 10).sum();
        hits.push(Hit {
            article,
            score,
            matches: Vec::new(),
        });
    }
    hits.sort_by(|x, y| y.score.cmp(&x.score).then(x.article.cmp(&y.article)));

    let mut fields: Vec<usize> = ranges.keys().copied().collect();
    fields.sort_by_key(|&f| (index.fields[f].location.rank(), f));
    for hit in &mut hits {
        for &f in &fields {
            let field = &index.fields[f];
            if !field.articles.contains(&hit.article) {
                continue;
            }
            let local = merge(ranges[&f].iter().map(|r| {
                field.original_offset(r.start - field.start)
                    ..field.original_offset(r.end - field.start)
            }));
            hit.matches.push(FieldMatch {
                location: field.location,
                text: field.text,
                ranges: local,
            });
        }
    }
    hits
}

fn merge(ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> = ranges.collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn segments<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    ranges: &[Range<usize>],
) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = from;
    for r in ranges {
        let start = r.start.clamp(from, to);
        let end = r.end.clamp(from, to);
        if start >= end {
            continue;
        }
        if at < start {
            out.push(Segment {
                text: &text[at..start],
                is_hit: false,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            is_hit: true,
        });
        at = end;
    }
    if at < to {
        out.push(Segment {
            text: &text[at..to],
            is_hit: false,
        });
    }
    out
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    match n.checked_sub(1) {
        None => from,
        Some(k) => text[..from]
            .char_indices()
            .rev()
            .nth(k)
            .map_or(0, |(i, _)| i),
    }
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

static SYNONYMS: OnceLock<Result<SynonymTable, SearchError>> = OnceLock::new();
static EMPTY_SYNONYMS: OnceLock<SynonymTable> = OnceLock::new();
static INDEX: OnceLock<SearchIndex<'static>> = OnceLock::new();

fn loaded_synonyms() -> &'static Result<SynonymTable, SearchError> {
    SYNONYMS.get_or_init(|| SynonymTable::from_json(SYNONYMS_JSON))
}

/// The compiled-in lay-word table; empty (and [`load_error`] says why) if it fails its checks,
/// which the tests make sure it never does.
pub fn synonyms() -> &'static SynonymTable {
    match loaded_synonyms() {
        Ok(table) => table,
        Err(_) => EMPTY_SYNONYMS.get_or_init(SynonymTable::default),
    }
}

/// Why the lay-word table could not be read.
pub fn load_error() -> Option<&'static SearchError> {
    loaded_synonyms().as_ref().err()
}

/// The index over [`rules::document`] and [`synonyms`], built on first use.
pub fn index() -> &'static SearchIndex<'static> {
    INDEX.get_or_init(|| SearchIndex::build(rules::document(), synonyms()))
}
