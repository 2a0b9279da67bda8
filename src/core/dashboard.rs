//! The dashboard and the case list as pure functions: which running periods are overdue, due
//! today or due soon (第三十七条: an overdue period of the office calls for 督办), how many cases
//! stand in each state, and which stored cases a list query selects, in which order, on which
//! page. `today` is always a parameter; the UI only renders what these return.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use sha2::{Digest, Sha256};

use crate::core::calendar::{CustomYear, builtin_source};
use crate::core::case::OffenceCategory;
use crate::core::deadline::{Citation, PeriodId, Readings, is_overdue};
use crate::core::workflow::{OpenDeadline, State};

/// Cases shown on one page of the list.
pub const PAGE_SIZE: usize = 50;

/// 第三十七条 asks the office to watch its periods: the dashboard warns this many working days
/// ahead.
pub const SOON_WORKING_DAYS: i64 = 2;

/// Rows each of the dashboard's lists shows, most urgent first; the rest are counted and one
/// click away on the case list. Bounds the dashboard's rendering however many periods are due.
pub const DUE_LIST_SHOWN: usize = 50;

/// The stored soonest due date only preselects the cases whose periods the dashboard computes
/// afresh. It was computed when the case was saved, perhaps under other readings, so the
/// window is wide: any period due within two working days falls well inside a month even
/// across the National Day week.
pub const CANDIDATE_WINDOW_DAYS: u64 = 31;

/// A digest of everything a stored soonest due date (`next_due`) was computed from besides
/// the case: the app's version (its deadline rules), the built-in holiday table, the unit's
/// own holiday years and its readings. The store keeps the digest the stored dates were
/// computed under; when the current one differs, every open case's `next_due` is computed
/// again, so that [`is_candidate`] never misses a case whose period became due under the new
/// calendar or readings.
pub fn due_basis(custom_years: &[CustomYear], readings: &Readings) -> String {
    let mut hash = Sha256::new();
    for part in [
        env!("CARGO_PKG_VERSION").to_owned(),
        builtin_source().to_owned(),
        serde_json::to_string(custom_years).unwrap_or_default(),
        serde_json::to_string(readings).unwrap_or_default(),
    ] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Longest search text kept (a pasted page of text is cut here).
pub const MAX_QUERY_CHARS: usize = 100;

/// The state with this storage key (the serde name, e.g. `under-review`).
pub fn state_from_key(key: &str) -> Option<State> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

/// The storage key of a state.
pub fn state_key(state: State) -> String {
    key_of(&state)
}

/// The offence category with this storage key (the serde name, e.g. `assault`).
pub fn category_from_key(key: &str) -> Option<OffenceCategory> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

/// The storage key of an offence category.
pub fn category_key(category: OffenceCategory) -> String {
    key_of(&category)
}

fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// How many cases stand in each state, in procedural order; states without cases are left out.
pub fn counts_by_state(states: impl IntoIterator<Item = State>) -> Vec<(State, usize)> {
    let mut counts = [0usize; State::ALL.len()];
    for state in states {
        if let Some(i) = State::ALL.iter().position(|s| *s == state) {
            counts[i] += 1;
        }
    }
    State::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Whether a case whose stored soonest due date is `next_due` may have a period overdue, due
/// today or due soon, so that the dashboard computes its periods (see
/// [`CANDIDATE_WINDOW_DAYS`]).
pub fn is_candidate(next_due: Option<NaiveDate>, today: NaiveDate) -> bool {
    match (
        next_due,
        today.checked_add_days(Days::new(CANDIDATE_WINDOW_DAYS)),
    ) {
        (Some(due), Some(horizon)) => due <= horizon,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// One running period of one case, as a dashboard row shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// The case.
    pub case_id: String,
    /// The officer's name, with the 警号 when there is one.
    pub officer: String,
    /// The period.
    pub period: PeriodId,
    /// The period's title.
    pub title: &'static str,
    /// Where the period is written.
    pub citation: Citation,
    /// The last day on which acting is in time.
    pub due: NaiveDate,
    /// Working days from today to the due date; negative when overdue.
    pub working_days_left: i64,
    /// Whether today is past the due date.
    pub overdue: bool,
    /// 第三十七条: overdue on the office's side, so the office must supervise (督办).
    pub needs_supervision: bool,
    /// Whether the due date depends on a year whose holidays are unknown.
    pub provisional: bool,
}

impl DueItem {
    /// The row for a running period of a case.
    pub fn new(case_id: &str, officer_name: &str, badge: &str, deadline: &OpenDeadline) -> Self {
        let officer = if badge.trim().is_empty() {
            officer_name.to_owned()
        } else {
            format!("{officer_name}（警号 {badge}）")
        };
        DueItem {
            case_id: case_id.to_owned(),
            officer,
            period: deadline.period,
            title: deadline.title,
            citation: deadline.citation,
            due: deadline.due,
            working_days_left: deadline.working_days_left,
            overdue: deadline.overdue,
            needs_supervision: deadline.needs_supervision,
            provisional: deadline.provisional,
        }
    }
}

/// The dashboard's three lists, each most urgent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Buckets {
    /// 逾期: past the due date. Those that call for 督办 (第三十七条) first, then the longest
    /// overdue.
    pub overdue: Vec<DueItem>,
    /// Due today (the last day on which acting is in time).
    pub today: Vec<DueItem>,
    /// Due within the next [`SOON_WORKING_DAYS`] working days.
    pub soon: Vec<DueItem>,
}

impl Buckets {
    /// Whether all three lists are empty.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.today.is_empty() && self.soon.is_empty()
    }
}

/// Sorts running periods into the dashboard's lists; periods due later are dropped.
pub fn buckets(items: impl IntoIterator<Item = DueItem>, today: NaiveDate) -> Buckets {
    let mut out = Buckets::default();
    for item in items {
        if is_overdue(today, item.due) {
            out.overdue.push(item);
        } else if item.due == today {
            out.today.push(item);
        } else if item.working_days_left <= SOON_WORKING_DAYS {
            out.soon.push(item);
        }
    }
    out.overdue.sort_by(|a, b| {
        (!a.needs_supervision, a.due, &a.case_id).cmp(&(!b.needs_supervision, b.due, &b.case_id))
    });
    out.today
        .sort_by(|a, b| (&a.case_id, a.period).cmp(&(&b.case_id, b.period)));
    out.soon
        .sort_by(|a, b| (a.due, &a.case_id).cmp(&(b.due, &b.case_id)));
    out
}

/// Why a stored case could not be listed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    /// The record names a state this version does not know.
    #[error("案件 {id} 的状态“{state}”无法识别")]
    UnknownState {
        /// The case.
        id: String,
        /// The stored key.
        state: String,
    },
    /// A stored date is not an ISO date.
    #[error("案件 {id} 的日期“{value}”无法识别")]
    BadDate {
        /// The case.
        id: String,
        /// The stored text.
        value: String,
    },
    /// The case text cannot be read.
    #[error("案件 {id} 的内容无法读取：{reason}")]
    Unreadable {
        /// The case.
        id: String,
        /// The parser's message.
        reason: String,
    },
}

/// The fields of a stored case record that the list reads, as stored (text).
#[derive(Clone, Copy, Debug)]
pub struct RecordFields<'a> {
    /// The case id.
    pub id: &'a str,
    /// The state's key.
    pub state: &'a str,
    /// The stored soonest due date (ISO).
    pub next_due: Option<&'a str>,
    /// The receipt date (ISO).
    pub received_on: &'a str,
    /// The last change (ISO date-time).
    pub updated_at: &'a str,
    /// The officer's unit.
    pub unit: &'a str,
    /// Offence category keys.
    pub categories: &'a [String],
    /// 警号, empty when none.
    pub officer_badge: &'a str,
    /// The whole case as JSON (only the officer's name and the summary are read from it).
    pub case_json: &'a str,
}

/// One case as the list filters, sorts and shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    /// The case id.
    pub id: String,
    /// Where the case stands.
    pub state: State,
    /// The soonest running period's due date, as stored at the last save.
    pub next_due: Option<NaiveDate>,
    /// The receipt date.
    pub received_on: NaiveDate,
    /// The last change (ISO date-time, so text order is time order).
    pub updated_at: String,
    /// The officer's unit.
    pub unit: String,
    /// Offence categories.
    pub categories: Vec<OffenceCategory>,
    /// The officer's name.
    pub officer_name: String,
    /// 警号, empty when none.
    pub officer_badge: String,
    /// What happened.
    pub summary: String,
    /// Id, name, 警号 and summary in lower case, for the search.
    haystack: String,
}

#[derive(Deserialize)]
struct LightCase {
    facts: LightFacts,
}

#[derive(Deserialize)]
struct LightFacts {
    officer: LightOfficer,
    summary: String,
}

#[derive(Deserialize)]
struct LightOfficer {
    name: String,
}

/// The fields of a case's list row (the `case_rows` store), as stored (text): the index fields
/// of the case record plus the officer's name and the summary, read once from the case text
/// when the case was written ([`list_text`]).
#[derive(Clone, Copy, Debug)]
pub struct RowFields<'a> {
    /// The case id.
    pub id: &'a str,
    /// The state's key.
    pub state: &'a str,
    /// The stored soonest due date (ISO).
    pub next_due: Option<&'a str>,
    /// The receipt date (ISO).
    pub received_on: &'a str,
    /// The last change (ISO date-time).
    pub updated_at: &'a str,
    /// The officer's unit.
    pub unit: &'a str,
    /// Offence category keys.
    pub categories: &'a [String],
    /// 警号, empty when none.
    pub officer_badge: &'a str,
    /// The officer's name.
    pub officer_name: &'a str,
    /// What happened.
    pub summary: &'a str,
}

/// What the list shows of a case besides its index fields: the officer's name and the
/// summary, read from the case's JSON text without parsing the rest. The error is the
/// parser's message.
pub fn list_text(case_json: &str) -> Result<(String, String), String> {
    let light: LightCase = serde_json::from_str(case_json).map_err(|e| e.to_string())?;
    Ok((light.facts.officer.name, light.facts.summary))
}

impl CaseRow {
    /// Reads a stored record: the index fields as they are, and from the case text only the
    /// officer's name and the summary (so 10,000 cases are read quickly).
    pub fn from_record(fields: &RecordFields<'_>) -> Result<CaseRow, RowError> {
        let (name, summary) =
            list_text(fields.case_json).map_err(|reason| RowError::Unreadable {
                id: fields.id.to_owned(),
                reason,
            })?;
        CaseRow::from_row(&RowFields {
            id: fields.id,
            state: fields.state,
            next_due: fields.next_due,
            received_on: fields.received_on,
            updated_at: fields.updated_at,
            unit: fields.unit,
            categories: fields.categories,
            officer_badge: fields.officer_badge,
            officer_name: &name,
            summary: &summary,
        })
    }

    /// Reads a stored list row (no case text is parsed).
    pub fn from_row(fields: &RowFields<'_>) -> Result<CaseRow, RowError> {
        let id = fields.id.to_owned();
        let state = state_from_key(fields.state).ok_or_else(|| RowError::UnknownState {
            id: id.clone(),
            state: fields.state.to_owned(),
        })?;
        let date = |text: &str| {
            text.parse::<NaiveDate>().map_err(|_| RowError::BadDate {
                id: id.clone(),
                value: text.to_owned(),
            })
        };
        let next_due = fields.next_due.map(date).transpose()?;
        let received_on = date(fields.received_on)?;
        let categories = fields
            .categories
            .iter()
            .filter_map(|k| category_from_key(k))
            .collect();
        let haystack = [
            fields.id,
            fields.officer_name,
            fields.officer_badge,
            fields.summary,
        ]
        .join("\n")
        .to_lowercase();
        Ok(CaseRow {
            id,
            state,
            next_due,
            received_on,
            updated_at: fields.updated_at.to_owned(),
            unit: fields.unit.to_owned(),
            categories,
            officer_name: fields.officer_name.to_owned(),
            officer_badge: fields.officer_badge.to_owned(),
            summary: fields.summary.to_owned(),
            haystack,
        })
    }

    /// Whether the stored soonest due date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.next_due.is_some_and(|d| is_overdue(today, d))
    }

    /// Whether the search text occurs in the id, name, 警号 or summary (ignoring case).
    pub fn matches_text(&self, text: &str) -> bool {
        self.contains_needle(&needle_of(text))
    }

    /// Id, name, 警号 and summary in lower case, as the search reads them.
    pub(crate) fn haystack(&self) -> &str {
        &self.haystack
    }

    /// Whether the already trimmed, lower-cased search text occurs (empty matches everything).
    fn contains_needle(&self, needle: &str) -> bool {
        needle.is_empty() || self.haystack.contains(needle)
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// The soonest due date first; cases with no running period last.
    #[default]
    NextDue,
    /// The latest received first.
    Received,
    /// The latest changed first.
    Updated,
}

impl SortKey {
    /// Every order, the default first.
    pub const ALL: [SortKey; 3] = [SortKey::NextDue, SortKey::Received, SortKey::Updated];

    /// The key in the address.
    pub const fn key(self) -> &'static str {
        match self {
            SortKey::NextDue => "due",
            SortKey::Received => "received",
            SortKey::Updated => "updated",
        }
    }

    /// The order with this key.
    pub fn from_key(key: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The Chinese label.
    pub const fn label(self) -> &'static str {
        match self {
            SortKey::NextDue => "按最近期限",
            SortKey::Received => "按收到日期（新的在前）",
            SortKey::Updated => "按最近更新（新的在前）",
        }
    }
}

/// What the list shows: filters, search text, order and page. Kept in the address so that a
/// view can be shared and survives a reload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Only cases in this state.
    pub state: Option<State>,
    /// Only cases of this offence category.
    pub category: Option<OffenceCategory>,
    /// Only cases with a running period.
    pub running: bool,
    /// Only cases whose soonest period is overdue.
    pub overdue: bool,
    /// Only cases of this unit.
    pub unit: Option<String>,
    /// Search text.
    pub text: String,
    /// The order.
    pub sort: SortKey,
    /// The page, from 1.
    pub page: usize,
}

impl ListQuery {
    /// Reads the query from the address's parameters; unknown or malformed values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ListQuery {
        let mut query = ListQuery {
            page: 1,
            ..ListQuery::default()
        };
        for (key, value) in pairs {
            match key {
                "state" => query.state = state_from_key(value),
                "category" => query.category = category_from_key(value),
                "running" => query.running = value == "1",
                "overdue" => query.overdue = value == "1",
                "unit" => {
                    query.unit = Some(value.trim().to_owned()).filter(|u| !u.is_empty());
                }
                "q" => query.text = value.chars().take(MAX_QUERY_CHARS).collect(),
                "sort" => query.sort = SortKey::from_key(value).unwrap_or_default(),
                "page" => query.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        query
    }

    /// The address's parameters for this query; defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(state) = self.state {
            pairs.push(("state", state_key(state)));
        }
        if let Some(category) = self.category {
            pairs.push(("category", category_key(category)));
        }
        if self.running {
            pairs.push(("running", "1".to_owned()));
        }
        if self.overdue {
            pairs.push(("overdue", "1".to_owned()));
        }
        if let Some(unit) = &self.unit {
            pairs.push(("unit", unit.clone()));
        }
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        if self.sort != SortKey::default() {
            pairs.push(("sort", self.sort.key().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    /// Whether any filter or search narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.has_filters() || !self.text.trim().is_empty()
    }

    /// Whether the case passes every filter and the search.
    pub fn matches(&self, row: &CaseRow, today: NaiveDate) -> bool {
        self.matches_with(row, today, &needle_of(&self.text))
    }

    /// [`ListQuery::matches`] with the search text already normalised by [`needle_of`], so a
    /// list of 50,000 cases lower-cases it once, not once per case.
    fn matches_with(&self, row: &CaseRow, today: NaiveDate, needle: &str) -> bool {
        self.matches_filters(row, today) && row.contains_needle(needle)
    }

    /// Whether any filter other than the search text narrows the list.
    pub(crate) fn has_filters(&self) -> bool {
        self.state.is_some()
            || self.category.is_some()
            || self.running
            || self.overdue
            || self.unit.is_some()
    }

    /// Whether the case passes every filter, the search text aside.
    pub(crate) fn matches_filters(&self, row: &CaseRow, today: NaiveDate) -> bool {
        self.state.is_none_or(|s| row.state == s)
            && self.category.is_none_or(|c| row.categories.contains(&c))
            && (!self.running || row.next_due.is_some())
            && (!self.overdue || row.is_overdue(today))
            && self.unit.as_ref().is_none_or(|u| row.unit == *u)
    }
}

/// One page of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// How many cases match.
    pub total: usize,
    /// The page shown, from 1 (a page past the end shows the last page).
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// The positions in the input of the cases on this page, in order.
    pub rows: Vec<usize>,
}

/// The search text as the haystack holds it: trimmed and lower-cased.
pub(crate) fn needle_of(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The positions of `rows` in the list's order `sort`. Ties are broken by case id, so the order
/// is the same on every reload. Computed once per order and data set: a keystroke in the search
/// only filters this order ([`select_in`]), it never sorts again.
pub fn sort_order(rows: &[CaseRow], sort: SortKey) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    match sort {
        SortKey::NextDue => order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            (a.next_due.is_none(), a.next_due, &a.id).cmp(&(
                b.next_due.is_none(),
                b.next_due,
                &b.id,
            ))
        }),
        SortKey::Received => order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            (b.received_on, &a.id).cmp(&(a.received_on, &b.id))
        }),
        SortKey::Updated => order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            (&b.updated_at, &a.id).cmp(&(&a.updated_at, &b.id))
        }),
    }
    order
}

/// The cases the query selects, sorted, and the page of them it asks for. Ties are broken by
/// case id, so the order is the same on every reload.
pub fn select(rows: &[CaseRow], query: &ListQuery, today: NaiveDate) -> Selection {
    select_in(rows, &sort_order(rows, query.sort), query, today)
}

/// [`select`] over an order already computed by [`sort_order`] for `query.sort`: one pass over
/// the cases, with the search text normalised once.
pub fn select_in(
    rows: &[CaseRow],
    order: &[usize],
    query: &ListQuery,
    today: NaiveDate,
) -> Selection {
    let needle = needle_of(&query.text);
    let hits: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| query.matches_with(&rows[i], today, &needle))
        .collect();
    let total = hits.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let rows = hits
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    Selection {
        total,
        page,
        pages,
        rows,
    }
}

/// The units that occur in the cases, sorted, each once: the unit filter's choices.
pub fn units(rows: &[CaseRow]) -> Vec<String> {
    rows.iter()
        .map(|r| r.unit.clone())
        .filter(|u| !u.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
