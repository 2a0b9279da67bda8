//! Opening the IndexedDB database: the schema as data, one upgrade step per version, and the
//! handling of other tabs (a blocked upgrade, a `versionchange` that closes this connection).
//!
//! indexed_db_futures 0.6 cannot reach the upgrade transaction from its callback (crate issue
//! #66), so no step may add an index to a store created by an earlier step: every store is
//! created with all the indexes it will ever need. A later change of shape goes into a new store.

use std::cell::Cell;
use std::rc::Rc;

use indexed_db_futures::KeyPath;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use wasm_bindgen::prelude::*;

use super::StoreError;

/// The database's name in the browser profile.
pub const DB_NAME: &str = "weiquan";

/// One index of an object store.
pub struct IndexSpec {
    /// Index name, used by the repositories.
    pub name: &'static str,
    /// Key path: one property, or several for a compound index.
    pub key_path: &'static [&'static str],
    /// Whether two records may share a key.
    pub unique: bool,
    /// Whether an array value indexes each element (e.g. a case's categories).
    pub multi_entry: bool,
}

/// One object store and every index it will ever need.
pub struct StoreSpec {
    /// Store name.
    pub name: &'static str,
    /// In-line key path: one property, or several for a compound key.
    pub key_path: &'static [&'static str],
    /// The indexes.
    pub indexes: &'static [IndexSpec],
}

const fn index(name: &'static str, key_path: &'static [&'static str]) -> IndexSpec {
    IndexSpec {
        name,
        key_path,
        unique: false,
        multi_entry: false,
    }
}

/// Schema step 1: the stores of the case work (cases, their events, drafts of applications,
/// attachments, issued documents) and the unit's stored settings.
pub const STEP_1: &[StoreSpec] = &[
    StoreSpec {
        name: "cases",
        key_path: &["id"],
        indexes: &[
            index("by_state", &["state"]),
            index("by_next_due", &["next_due"]),
            index("by_updated", &["updated_at"]),
            index("by_received", &["received_on"]),
            index("by_unit", &["unit"]),
            IndexSpec {
                name: "by_category",
                key_path: &["categories"],
                unique: false,
                multi_entry: true,
            },
            index("by_badge", &["officer_badge"]),
            index("by_package", &["package_sha256"]),
        ],
    },
    StoreSpec {
        name: "case_events",
        key_path: &["case_id", "seq"],
        indexes: &[index("by_case", &["case_id"]), index("by_time", &["at"])],
    },
    StoreSpec {
        name: "drafts",
        key_path: &["id"],
        indexes: &[index("by_updated", &["updated_at"])],
    },
    StoreSpec {
        name: "attachments",
        key_path: &["id"],
        indexes: &[
            index("by_case", &["case_id"]),
            index("by_draft", &["draft_id"]),
        ],
    },
    StoreSpec {
        name: "documents",
        key_path: &["id"],
        indexes: &[
            index("by_case", &["case_id"]),
            IndexSpec {
                name: "by_number",
                key_path: &["unit", "year", "number"],
                unique: true,
                multi_entry: false,
            },
        ],
    },
    StoreSpec {
        name: "settings",
        key_path: &["key"],
        indexes: &[],
    },
];

/// Schema step 2: the unit's own holiday arrangements layered over the built-in calendar, and
/// small app records (last backup time and the like).
pub const STEP_2: &[StoreSpec] = &[
    StoreSpec {
        name: "custom_holidays",
        key_path: &["year"],
        indexes: &[],
    },
    StoreSpec {
        name: "meta",
        key_path: &["key"],
        indexes: &[],
    },
];

/// Schema step 3: `case_rows`, the case list's small derived record per case (see
/// `cases::CaseRowRecord`), with the indexes of the list's orders. It is filled from `cases`
/// by `cases::ensure_rows` right after the upgrade (whenever the two stores' counts differ),
/// before the connection is handed out. And `derived_meta`: small records about derived data
/// of this machine (what the stored due dates were computed under), kept out of backups.
pub const STEP_3: &[StoreSpec] = &[
    StoreSpec {
        name: "case_rows",
        key_path: &["id"],
        indexes: &[
            index("by_next_due", &["next_due"]),
            index("by_received", &["received_on"]),
            index("by_updated", &["updated_at"]),
        ],
    },
    StoreSpec {
        name: "derived_meta",
        key_path: &["key"],
        indexes: &[],
    },
];

/// Every step in order; step `n` upgrades a database from version `n - 1` to `n`.
pub const STEPS: &[&[StoreSpec]] = &[STEP_1, STEP_2, STEP_3];

/// Stores holding only data derived from other stores: left out of backups, rebuilt instead
/// (`case_rows` from `cases`, on every restore in the restore's own transaction; the due-date
/// basis in `derived_meta` is deleted by a restore so the dates are computed again).
pub const DERIVED: &[&str] = &["case_rows", "derived_meta"];

/// The version this build of the app writes.
pub const SCHEMA_VERSION: u32 = STEPS.len() as u32;

fn key_path(parts: &'static [&'static str]) -> KeyPath<&'static str> {
    match parts {
        [one] => KeyPath::from(*one),
        many => KeyPath::from(many.to_vec()),
    }
}

fn create_stores(db: &Database, specs: &[StoreSpec]) -> indexed_db_futures::Result<()> {
    for spec in specs {
        let store = db
            .create_object_store(spec.name)
            .with_key_path(key_path(spec.key_path))
            .build()?;
        for ix in spec.indexes {
            store
                .create_index(ix.name, key_path(ix.key_path))
                .with_unique(ix.unique)
                .with_multi_entry(ix.multi_entry)
                .build()?;
        }
    }
    Ok(())
}

/// Applies every step after `old` up to `new`, in order.
fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    for (i, step) in STEPS.iter().enumerate() {
        let version = i as u32 + 1;
        if version > old && version <= new {
            create_stores(db, step)?;
        }
    }
    Ok(())
}

/// An open database connection.
#[derive(Clone, Debug)]
pub struct Db {
    inner: Database,
    closed: Rc<Cell<bool>>,
}

impl PartialEq for Db {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.closed, &other.closed)
    }
}

impl Db {
    /// Opens the app's database at the current schema version.
    ///
    /// `on_blocked` runs if another tab holds an older version open and blocks the upgrade; the
    /// open then waits until that tab closes. `on_closed` runs when another tab upgrades the
    /// database later and this connection has to close.
    pub async fn open(
        on_blocked: impl FnOnce() + 'static,
        on_closed: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        Self::open_named(DB_NAME, SCHEMA_VERSION, on_blocked, on_closed).await
    }

    /// Opens database `name` at `version` (tests open old versions and other names).
    pub async fn open_named(
        name: &str,
        version: u32,
        on_blocked: impl FnOnce() + 'static,
        on_closed: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        if version == 0 || version > SCHEMA_VERSION {
            return Err(StoreError::Other(format!("不支持的数据库版本 {version}")));
        }
        let inner = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                upgrade(&db, old, new)
            })
            .await?;
        let closed = Rc::new(Cell::new(false));
        let sys: &web_sys::IdbDatabase = inner.as_sys();
        let flag = Rc::clone(&closed);
        let handle = sys.clone();
        // Another tab wants a newer version: close at once so it is not blocked, and tell the UI.
        let on_change = Closure::<dyn Fn()>::new(move || {
            flag.set(true);
            handle.close();
            on_closed();
        });
        sys.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        let db = Self { inner, closed };
        if version >= 3 {
            super::cases::ensure_rows(&db).await?;
        }
        Ok(db)
    }

    /// The underlying connection, for the repositories of this module tree.
    pub(crate) fn raw(&self) -> Result<&Database, StoreError> {
        if self.closed.get() {
            Err(StoreError::ClosedByUpgrade)
        } else {
            Ok(&self.inner)
        }
    }

    /// The version of the open database.
    pub fn version(&self) -> u32 {
        self.inner.version() as u32
    }

    /// The names of the object stores, sorted.
    pub fn store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.inner.object_store_names().collect();
        names.sort();
        names
    }

    /// The names of the indexes of `store`, sorted.
    pub fn index_names(&self, store: &str) -> Result<Vec<String>, StoreError> {
        let tx = self.raw()?.transaction(store).build()?;
        let mut names: Vec<String> = tx.object_store(store)?.index_names().collect();
        names.sort();
        Ok(names)
    }

    /// Closes the connection (tests; a tab closing does this by itself).
    pub fn close(self) {
        self.closed.set(true);
        self.inner.close();
    }

    /// Deletes database `name` (tests).
    pub async fn delete_named(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)?.await?;
        Ok(())
    }
}

/// Commits `tx`. indexed_db_futures 0.6 reports an aborted commit as missing data, losing the
/// reason; the browser's reason is read from the transaction instead, so that a full storage
/// quota is reported as [`StoreError::QuotaExceeded`] (nothing of the transaction was written).
pub async fn commit(
    tx: indexed_db_futures::transaction::Transaction<'_>,
) -> Result<(), StoreError> {
    let raw = web_sys::IdbTransaction::clone(tx.as_sys());
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => Err(match raw.error() {
            Some(dom) if dom.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
            Some(dom) => StoreError::Other(format!("{}：{}", dom.name(), dom.message())),
            None => e.into(),
        }),
    }
}
