//! The case list's search index: which cases contain a search text, found without reading every
//! case. Built once when the cases are read ([`CaseTextIndex::build`]): for each character and
//! each pair of adjacent characters of a case's lower-cased search text (id, officer's name, 警号,
//! summary; see [`CaseRow::matches_text`]) the ascending list of cases that contain it. A search
//! text of one or two characters is answered by its list; a longer one takes the shortest list
//! of its character pairs and checks only those cases by substring. With the list's order and
//! each case's place in it ([`ListOrder`]), [`select_indexed`] selects exactly what
//! [`select_in`](crate::core::dashboard::select_in) selects, at a cost that grows with the hits,
//! not with the number of cases.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::core::dashboard::{
    CaseRow, ListQuery, PAGE_SIZE, Selection, SortKey, needle_of, select_in, sort_order,
};

/// A small multiplicative hasher for the index's integer keys (characters and pairs of
/// characters): the standard hasher guards against hostile keys, which these are not, at several
/// times the cost.
#[derive(Default, Clone, Copy)]
struct GramHasher(u64);

impl Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type GramMap = HashMap<u64, Vec<u32>, BuildHasherDefault<GramHasher>>;

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

fn push_row(map: &mut GramMap, key: u64, row: u32) {
    let list = map.entry(key).or_default();
    // Rows are added in ascending order, so a repeat within one case is the last entry.
    if list.last() != Some(&row) {
        list.push(row);
    }
}

/// Which cases contain each character and each pair of adjacent characters of their search text.
#[derive(Clone, Debug, Default)]
pub struct CaseTextIndex {
    /// How many cases were indexed (a query over other rows falls back to reading them all).
    len: usize,
    /// Character → the cases containing it, ascending.
    chars: GramMap,
    /// Pair of adjacent characters → the cases containing it, ascending.
    pairs: GramMap,
}

/// The cases a search text selects.
#[derive(Debug, PartialEq, Eq)]
pub enum TextHits<'a> {
    /// No search text: every case.
    All,
    /// Exactly these cases contain the text (ascending positions), straight from the index.
    Listed(&'a [u32]),
    /// Exactly these cases contain the text (ascending positions), checked one by one.
    Checked(Vec<u32>),
}

impl TextHits<'_> {
    /// The positions of the cases, ascending; `None` for every case.
    pub fn positions(&self) -> Option<&[u32]> {
        match self {
            TextHits::All => None,
            TextHits::Listed(list) => Some(list),
            TextHits::Checked(list) => Some(list),
        }
    }
}

impl CaseTextIndex {
    /// Indexes the search text of `rows` (positions in this slice are what queries return).
    pub fn build(rows: &[CaseRow]) -> CaseTextIndex {
        let mut index = CaseTextIndex {
            len: rows.len(),
            ..CaseTextIndex::default()
        };
        for (i, row) in rows.iter().enumerate() {
            // More than four billion cases cannot be stored in a browser; they stay unindexed
            // and are found by the plain scan (see `select_indexed`).
            let Ok(pos) = u32::try_from(i) else {
                index.len = i;
                break;
            };
            let mut prev: Option<char> = None;
            for c in row.haystack().chars() {
                push_row(&mut index.chars, u64::from(u32::from(c)), pos);
                if let Some(p) = prev {
                    push_row(&mut index.pairs, pair_key(p, c), pos);
                }
                prev = Some(c);
            }
        }
        index
    }

    /// How many cases the index covers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index covers no case.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The cases of `rows` (the slice the index was built from) whose search text contains the
    /// search text `text`, by the rule of [`CaseRow::matches_text`]: trimmed, lower-cased,
    /// substring; an empty text selects every case.
    pub fn hits<'a>(&'a self, rows: &[CaseRow], text: &str) -> TextHits<'a> {
        self.hits_of_needle(rows, &needle_of(text))
    }

    /// [`CaseTextIndex::hits`] for a text already trimmed and lower-cased.
    fn hits_of_needle<'a>(&'a self, rows: &[CaseRow], needle: &str) -> TextHits<'a> {
        let chars: Vec<char> = needle.chars().collect();
        let rarest = match chars.as_slice() {
            [] => return TextHits::All,
            [c] => {
                return TextHits::Listed(lookup(&self.chars, u64::from(u32::from(*c))));
            }
            [a, b] => return TextHits::Listed(lookup(&self.pairs, pair_key(*a, *b))),
            longer => {
                let mut rarest: &[u32] = &[];
                for (n, w) in longer.windows(2).enumerate() {
                    let list = lookup(&self.pairs, pair_key(w[0], w[1]));
                    if n == 0 || list.len() < rarest.len() {
                        rarest = list;
                    }
                    if rarest.is_empty() {
                        break;
                    }
                }
                rarest
            }
        };
        TextHits::Checked(
            rarest
                .iter()
                .copied()
                .filter(|&i| {
                    rows.get(i as usize)
                        .is_some_and(|r| r.haystack().contains(needle))
                })
                .collect(),
        )
    }
}

fn lookup(map: &GramMap, key: u64) -> &[u32] {
    map.get(&key).map(Vec::as_slice).unwrap_or(&[])
}

/// The list's order for one sort key and data set, and each case's place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOrder {
    /// The sort key.
    pub sort: SortKey,
    /// The positions of the cases in list order ([`sort_order`]).
    pub order: Vec<usize>,
    /// For each case, its place in `order`.
    rank: Vec<u32>,
}

impl ListOrder {
    /// Sorts `rows` by `sort` and notes each case's place.
    pub fn new(rows: &[CaseRow], sort: SortKey) -> ListOrder {
        let order = sort_order(rows, sort);
        let mut rank = vec![0u32; rows.len()];
        for (place, &i) in order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(i) {
                *slot = u32::try_from(place).unwrap_or(u32::MAX);
            }
        }
        ListOrder { sort, order, rank }
    }

    fn rank_of(&self, i: usize) -> u32 {
        self.rank.get(i).copied().unwrap_or(u32::MAX)
    }
}

/// Above this share of all cases (1 in `DENSE`), hits are put in order by walking the whole
/// order rather than by sorting them.
const DENSE: usize = 8;

/// [`select_in`](crate::core::dashboard::select_in) through the search index: the same
/// selection, but a search text reads only the cases the index lists for it. `order` and
/// `index` must have been built from `rows` (with `query.sort`); otherwise this reads every case
/// as `select_in` does.
pub fn select_indexed(
    rows: &[CaseRow],
    order: &ListOrder,
    index: &CaseTextIndex,
    query: &ListQuery,
    today: NaiveDate,
) -> Selection {
    if index.len() != rows.len() || order.rank.len() != rows.len() || order.sort != query.sort {
        let order = if order.sort == query.sort && order.order.len() == rows.len() {
            order.order.clone()
        } else {
            sort_order(rows, query.sort)
        };
        return select_in(rows, &order, query, today);
    }
    let filtered = query.has_filters();
    let text_hits = index.hits(rows, &query.text);
    let Some(candidates) = text_hits.positions() else {
        if !filtered {
            // No search and no filter: the page is a slice of the order.
            return page_of(rows.len(), query.page, |skip, take| {
                order.order.iter().copied().skip(skip).take(take).collect()
            });
        }
        return select_in(rows, &order.order, query, today);
    };
    let mut hits: Vec<usize> = candidates
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| rows.get(i).is_some_and(|r| query.matches_filters(r, today)))
        .collect();
    if hits.len() * DENSE >= rows.len() {
        // Many hits: mark them and walk the order only as far as the page reaches.
        let mut chosen = vec![false; rows.len()];
        for &i in &hits {
            chosen[i] = true;
        }
        return page_of(hits.len(), query.page, |skip, take| {
            order
                .order
                .iter()
                .copied()
                .filter(|&i| chosen.get(i).copied().unwrap_or(false))
                .skip(skip)
                .take(take)
                .collect()
        });
    }
    hits.sort_unstable_by_key(|&i| order.rank_of(i));
    page_of(hits.len(), query.page, |skip, take| {
        hits.iter().copied().skip(skip).take(take).collect()
    })
}

/// The page `asked` of `total` hits; `slice(skip, take)` gives the positions on it.
fn page_of(
    total: usize,
    asked: usize,
    slice: impl FnOnce(usize, usize) -> Vec<usize>,
) -> Selection {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = asked.clamp(1, pages);
    Selection {
        total,
        page,
        pages,
        rows: slice((page - 1) * PAGE_SIZE, PAGE_SIZE),
    }
}
