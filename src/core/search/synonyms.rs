//! The lay-word table (data/synonyms.json): words people use (骂人, 网上造谣, 堵门) mapped to the
//! terms the 细则 uses (侮辱, 诽谤, 威胁), each entry with the reason and the articles it leads to.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::normalize::normalize;
use crate::core::rules::ArticleNo;

/// One lay-word entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymEntry {
    /// Words as people say them: `骂`, `骂人`.
    pub lay: Vec<String>,
    /// The 细则's (or the annotations') own terms to search for instead: `侮辱`, `辱骂`.
    pub terms: Vec<String>,
    /// The articles these terms lead to, most relevant first.
    pub articles: Vec<ArticleNo>,
    /// Why the lay word means these terms, in Chinese, citing the articles.
    pub why: String,
}

/// Why the lay-word table could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// data/synonyms.json is not JSON of the expected shape.
    #[error("同义词表 data/synonyms.json 格式有误：{0}")]
    Malformed(String),
    /// An entry lacks lay words, terms, articles or an explanation.
    #[error("同义词表第{0}条不完整（需有俗称、条文用语、条文和说明）")]
    Incomplete(usize),
    /// The same lay word appears in two entries, so its meaning would be ambiguous.
    #[error("同义词表中俗称「{0}」重复出现")]
    DuplicateLay(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[allow(dead_code, reason = "explains the file to its readers")]
    note: String,
    entries: Vec<SynonymEntry>,
}

/// The lay-word table, looked up by normalized lay word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynonymTable {
    entries: Vec<SynonymEntry>,
    by_lay: HashMap<String, usize>,
}

impl SynonymTable {
    /// Reads and checks the table.
    pub fn from_json(json: &str) -> Result<SynonymTable, SearchError> {
        let file: SynonymsFile =
            serde_json::from_str(json).map_err(|e| SearchError::Malformed(e.to_string()))?;
        let mut by_lay = HashMap::new();
        for (i, entry) in file.entries.iter().enumerate() {
            let blank =
                |words: &[String]| words.is_empty() || words.iter().any(|w| w.trim().is_empty());
            if blank(&entry.lay)
                || blank(&entry.terms)
                || entry.articles.is_empty()
                || entry.why.trim().is_empty()
            {
                return Err(SearchError::Incomplete(i + 1));
            }
            for lay in &entry.lay {
                if by_lay.insert(normalize(lay.trim()), i).is_some() {
                    return Err(SearchError::DuplicateLay(lay.clone()));
                }
            }
        }
        Ok(SynonymTable {
            entries: file.entries,
            by_lay,
        })
    }

    /// Every entry in file order.
    pub fn entries(&self) -> &[SynonymEntry] {
        &self.entries
    }

    /// The entry for a lay word (normalized as the query is).
    pub fn lookup(&self, lay: &str) -> Option<&SynonymEntry> {
        self.by_lay.get(lay).map(|&i| &self.entries[i])
    }

    /// Every lay word and every term, normalized: the vocabulary used to split a run-on query.
    pub(super) fn vocabulary(&self) -> impl Iterator<Item = String> + '_ {
        self.entries
            .iter()
            .flat_map(|e| e.lay.iter().chain(&e.terms))
            .map(|w| normalize(w.trim()))
    }
}
