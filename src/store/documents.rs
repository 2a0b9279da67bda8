//! Issued documents in IndexedDB (`documents` store of schema step 1). Issuing allocates the
//! unit's next number for the year, writes the document's content snapshot and saves the case
//! with its new history record, all in one strict transaction over `cases` (and the case's
//! `case_rows` row), `case_events` and `documents`: either everything is written or nothing. Two tabs issuing at once are
//! serialised by IndexedDB, and the unique `by_number` index refuses a duplicate number anyway.

use chrono::NaiveDate;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};

use super::cases::{CaseRecord, from_record, to_record};
use super::{Db, StoreError};
use crate::core::document::{DocumentError, IssuedDocument, next_number};
use crate::core::workflow::Case;

const CASES: &str = "cases";
const EVENTS: &str = "case_events";
const DOCUMENTS: &str = "documents";

/// Why issuing failed: the store's error, or the core's refusal (given the number allocated).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssueError {
    /// Storage failed or the case is stale; nothing was written.
    #[error("{0}")]
    Store(StoreError),
    /// The document could not be built; nothing was written.
    #[error("{0}")]
    Document(DocumentError),
}

impl From<StoreError> for IssueError {
    fn from(e: StoreError) -> Self {
        IssueError::Store(e)
    }
}

impl From<indexed_db_futures::error::Error> for IssueError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        IssueError::Store(e.into())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for IssueError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        IssueError::Store(e.into())
    }
}

fn strict() -> TransactionOptions {
    let mut options = TransactionOptions::new();
    options.set_durability(TransactionDurability::Strict);
    options
}

/// What [`issue`] hands the caller's builder: the number allocated.
pub type Builder<'a> = Box<dyn FnOnce(u32) -> Result<(Case, IssuedDocument), DocumentError> + 'a>;

/// Issues a document for case `case_id` of `unit` in `year`: inside one transaction, checks
/// that the stored case is still at revision `based_on`, allocates the next number, calls
/// `build` with it (the core's `document::issue`), and writes the document, the case and its
/// new history record. Returns the saved case and the document.
pub async fn issue(
    db: &Db,
    case_id: &str,
    based_on: u32,
    unit: &str,
    year: i32,
    next_due: impl FnOnce(&Case) -> Option<NaiveDate>,
    build: Builder<'_>,
) -> Result<(Case, IssuedDocument), IssueError> {
    let tx = db
        .raw()?
        .transaction([CASES, super::cases::ROWS, EVENTS, DOCUMENTS])
        .with_mode(TransactionMode::Readwrite)
        .with_options(strict())
        .build()?;
    let cases = tx.object_store(CASES)?;
    let Some(stored) = cases.get::<CaseRecord, _, _>(case_id).serde()?.await? else {
        return Err(StoreError::NotFound(case_id.to_owned()).into());
    };
    if stored.revision != based_on {
        return Err(StoreError::Stale {
            current: stored.revision,
        }
        .into());
    }
    let documents = tx.object_store(DOCUMENTS)?;
    let all = documents.get_all().serde()?.await?;
    let all = all.collect::<Result<Vec<IssuedDocument>, _>>()?;
    let issued: Vec<(i32, u32)> = all
        .iter()
        .filter(|d| d.unit == unit)
        .map(|d| (d.year, d.number))
        .collect();
    let number = next_number(&issued, year);
    let (case, document) = build(number.seq).map_err(IssueError::Document)?;
    if document.unit != unit || document.year != year || document.number != number.seq {
        return Err(StoreError::Other("文书编号与分配的编号不一致".into()).into());
    }
    let record = to_record(&case, next_due(&case), stored.package_sha256.as_deref())?;
    documents.add(&document).serde()?.await?;
    cases.put(&record).serde()?.await?;
    tx.object_store(super::cases::ROWS)?
        .put(&super::cases::row_of(&record))
        .serde()?
        .await?;
    let events = tx.object_store(EVENTS)?;
    let known = from_record(&stored)?.history().len();
    for entry in case.history().iter().skip(known) {
        events
            .put(&super::cases::event_row(&case, entry)?)
            .serde()?
            .await?;
    }
    tx.commit().await?;
    Ok((case, document))
}

/// The documents issued for a case, oldest first.
pub async fn for_case(db: &Db, case_id: &str) -> Result<Vec<IssuedDocument>, StoreError> {
    let tx = db.raw()?.transaction(DOCUMENTS).build()?;
    let store = tx.object_store(DOCUMENTS)?;
    let index = store.index("by_case")?;
    let rows = index.get_all().with_query(case_id).serde()?.await?;
    let mut docs = rows.collect::<Result<Vec<IssuedDocument>, _>>()?;
    docs.sort_by_key(|d| (d.issued_at, d.seq));
    Ok(docs)
}

/// Every document `unit` issued, for the numbering tests and the register.
pub async fn all(db: &Db) -> Result<Vec<IssuedDocument>, StoreError> {
    let tx = db.raw()?.transaction(DOCUMENTS).build()?;
    let rows = tx.object_store(DOCUMENTS)?.get_all().serde()?.await?;
    Ok(rows.collect::<Result<Vec<IssuedDocument>, _>>()?)
}
