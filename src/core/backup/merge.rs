//! Planning a restore: what to write so this machine holds the backup's data, merged with its
//! own or replacing it. The plan is a list of writes the store carries out in one transaction.
//!
//! Merge: a record only in the backup is added; one only here is kept; where both differ, the
//! newer wins (a higher `revision`, else a later `updated_at`; otherwise this machine's record
//! is kept) and the difference is listed as a conflict. Records that belong to a case (history
//! rows, files, documents: a `case_id`) or to a draft (`draft_id`) follow their owner: when the
//! backup's case wins, the case's rows are taken from the backup as a set, so a case never ends
//! up with history or files from two versions.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Backup, BackupError, BackupLocal, DataSet, comparable};

/// One object store as the backup sees it: its name, key path and unique indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreShape {
    /// The store's name.
    pub name: &'static str,
    /// Its key path (one property, or several for a compound key).
    pub key_path: &'static [&'static str],
    /// Its unique indexes: key path, and what must be unique in Chinese (e.g. 文书编号).
    pub unique: Vec<(&'static [&'static str], &'static str)>,
}

/// How a backup is restored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreMode {
    /// Keep this machine's records and add or update from the backup.
    Merge,
    /// Delete everything here and put the backup's data in its place.
    Replace,
}

/// Which side's record is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// This machine's.
    Local,
    /// The backup's.
    Backup,
}

/// A record that differs between this machine and the backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The store.
    pub store: String,
    /// The record's key, as shown.
    pub key: String,
    /// This machine's version, as shown (第N版, a time, or 无版本信息).
    pub local_version: String,
    /// The backup's version, as shown.
    pub backup_version: String,
    /// Which one is kept.
    pub winner: Side,
}

/// What a restore does to one store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreSummary {
    /// The store.
    pub store: String,
    /// Records added from the backup.
    pub added: usize,
    /// Records here replaced by the backup's newer version.
    pub updated: usize,
    /// Records here deleted.
    pub removed: usize,
    /// Records equal on both sides.
    pub unchanged: usize,
    /// Records here kept (only here, or the newer one).
    pub kept: usize,
}

/// One write of a restore.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    /// Delete every record of the store.
    Clear {
        /// The store.
        store: String,
    },
    /// Delete one record.
    Delete {
        /// The store.
        store: String,
        /// Its key (a value, or an array for a compound key).
        key: Value,
    },
    /// Write one record (files as blob markers with their bytes).
    Put {
        /// The store.
        store: String,
        /// The record.
        record: Value,
    },
}

/// Everything a restore will do.
#[derive(Clone, Debug, PartialEq)]
pub struct RestorePlan {
    /// Merge or replace.
    pub mode: RestoreMode,
    /// The writes, in order (clears, then deletions, then puts).
    pub writes: Vec<Write>,
    /// The local settings after the restore.
    pub local: BackupLocal,
    /// Per store, in schema order.
    pub summary: Vec<StoreSummary>,
    /// Every record that differs on both sides, with the side kept.
    pub conflicts: Vec<Conflict>,
}

impl RestorePlan {
    /// The number of records written or deleted.
    pub fn changes(&self) -> usize {
        self.summary
            .iter()
            .map(|s| s.added + s.updated + s.removed)
            .sum()
    }
}

/// The key of `record` under `path` as canonical JSON text (`None` if a part is missing or not
/// a string or number).
pub fn key_of(record: &Value, path: &[&str]) -> Option<String> {
    key_value(record, path).map(|k| k.to_string())
}

/// The key of `record` under `path` as a value: one part, or an array of parts.
pub fn key_value(record: &Value, path: &[&str]) -> Option<Value> {
    let mut parts = Vec::with_capacity(path.len());
    for field in path {
        match record.get(*field) {
            Some(v @ (Value::String(_) | Value::Number(_))) => parts.push(v.clone()),
            _ => return None,
        }
    }
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Value::Array(parts)),
    }
}

/// A key from [`key_of`] as people read it: `WQ-2026-0001`, `WQ-2026-0001 / 3`.
pub fn display_key(key: &str) -> String {
    fn part(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
    match serde_json::from_str::<Value>(key) {
        Ok(Value::Array(items)) => items.iter().map(part).collect::<Vec<_>>().join(" / "),
        Ok(v) => part(&v),
        Err(_) => key.to_owned(),
    }
}

/// A record's version: its revision, else its last change time.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Version {
    Revision(u64),
    Time(String),
}

fn version(record: &Value) -> Option<Version> {
    if let Some(n) = record.get("revision").and_then(Value::as_u64) {
        return Some(Version::Revision(n));
    }
    record
        .get("updated_at")
        .and_then(Value::as_str)
        .map(|t| Version::Time(t.to_owned()))
}

fn version_text(v: Option<&Version>) -> String {
    match v {
        Some(Version::Revision(n)) => format!("第{n}版"),
        Some(Version::Time(t)) => format!("修改于 {}", t.replace('T', " ")),
        None => "无版本信息".to_owned(),
    }
}

/// The side whose record is newer; this machine's when they cannot be ordered.
fn newer(local: &Value, backup: &Value) -> Side {
    match (version(local), version(backup)) {
        (Some(Version::Revision(l)), Some(Version::Revision(b))) if b > l => Side::Backup,
        (Some(Version::Time(l)), Some(Version::Time(b))) if b > l => Side::Backup,
        _ => Side::Local,
    }
}

/// The owner a record follows: (owner store, owner key as [`key_of`] text).
fn owner_of(store: &str, record: &Value) -> Option<(&'static str, String)> {
    let link = |field: &str, owner: &'static str| {
        (store != owner)
            .then(|| record.get(field))
            .flatten()
            .filter(|v| v.is_string())
            .map(|v| (owner, v.to_string()))
    };
    link("case_id", "cases").or_else(|| link("draft_id", "drafts"))
}

type Groups<'v> = BTreeMap<(&'static str, String), Keyed<'v>>;

/// The owned records of `store`, by owner and key.
fn group<'v>(store: &str, key_path: &[&str], records: &'v [Value]) -> Groups<'v> {
    let mut groups: Groups<'v> = BTreeMap::new();
    for r in records {
        if let (Some(owner), Some(key)) = (owner_of(store, r), key_of(r, key_path)) {
            groups.entry(owner).or_default().insert(key, r);
        }
    }
    groups
}

/// What was decided for an owner record (a case or a draft).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    /// Its rows come from the backup, as a set.
    Backup,
    /// Its rows stay as they are here.
    Local,
    /// Equal or absent on one side: rows are merged one by one.
    Each,
}

struct Planner<'a> {
    shapes: &'a [StoreShape],
    deletes: Vec<Write>,
    puts: Vec<Write>,
    conflicts: Vec<Conflict>,
    summary: BTreeMap<&'static str, StoreSummary>,
    decisions: BTreeMap<(&'static str, String), Decision>,
}

type Keyed<'v> = BTreeMap<String, &'v Value>;

fn keyed<'v>(records: &'v [Value], shape: &StoreShape) -> Keyed<'v> {
    records
        .iter()
        .filter_map(|r| key_of(r, shape.key_path).map(|k| (k, r)))
        .collect()
}

impl Planner<'_> {
    fn put(&mut self, store: &str, record: &Value) {
        self.puts.push(Write::Put {
            store: store.to_owned(),
            record: record.clone(),
        });
    }

    /// Merges one record present on at least one side; returns the side that stands.
    fn merge_one(
        &mut self,
        shape: &StoreShape,
        key: &str,
        local: Option<&Value>,
        backup: Option<&Value>,
    ) -> Decision {
        let summary = self.summary.entry(shape.name).or_default();
        match (local, backup) {
            (Some(_), None) => {
                summary.kept += 1;
                Decision::Each
            }
            (None, Some(b)) => {
                summary.added += 1;
                self.put(shape.name, b);
                Decision::Backup
            }
            (Some(l), Some(b)) if comparable(l) == comparable(b) => {
                summary.unchanged += 1;
                Decision::Each
            }
            (Some(l), Some(b)) => {
                let winner = newer(l, b);
                if winner == Side::Backup {
                    summary.updated += 1;
                    self.put(shape.name, b);
                } else {
                    summary.kept += 1;
                }
                self.conflicts.push(Conflict {
                    store: shape.name.to_owned(),
                    key: display_key(key),
                    local_version: version_text(version(l).as_ref()),
                    backup_version: version_text(version(b).as_ref()),
                    winner,
                });
                match winner {
                    Side::Backup => Decision::Backup,
                    Side::Local => Decision::Local,
                }
            }
            (None, None) => Decision::Each,
        }
    }

    fn free_records(&mut self, shape: &StoreShape, local: &DataSet, backup: &DataSet) {
        let empty = Vec::new();
        let l = local.stores.get(shape.name).unwrap_or(&empty);
        let b = backup.stores.get(shape.name).unwrap_or(&empty);
        let free = |r: &&Value| owner_of(shape.name, r).is_none();
        let lk: Keyed<'_> = keyed(l, shape)
            .into_iter()
            .filter(|(_, r)| free(r))
            .collect();
        let bk: Keyed<'_> = keyed(b, shape)
            .into_iter()
            .filter(|(_, r)| free(r))
            .collect();
        let keys: BTreeSet<&String> = lk.keys().chain(bk.keys()).collect();
        for key in keys {
            let decision = self.merge_one(shape, key, lk.get(key).copied(), bk.get(key).copied());
            self.decisions.insert((shape.name, key.clone()), decision);
        }
    }

    fn owned_records(&mut self, shape: &StoreShape, local: &DataSet, backup: &DataSet) {
        let empty = Vec::new();
        let l = local.stores.get(shape.name).unwrap_or(&empty);
        let b = backup.stores.get(shape.name).unwrap_or(&empty);
        let key_path = shape.key_path;
        let name = shape.name;
        let (lg, bg) = (group(name, key_path, l), group(name, key_path, b));
        let owners: BTreeSet<&(&'static str, String)> = lg.keys().chain(bg.keys()).collect();
        let none = Keyed::new();
        for owner in owners {
            let lrows = lg.get(owner).unwrap_or(&none);
            let brows = bg.get(owner).unwrap_or(&none);
            match self.decisions.get(owner).copied().unwrap_or(Decision::Each) {
                Decision::Backup => {
                    let summary = self.summary.entry(shape.name).or_default();
                    for (key, row) in lrows {
                        if !brows.contains_key(key)
                            && let Some(k) = key_value(row, shape.key_path)
                        {
                            summary.removed += 1;
                            self.deletes.push(Write::Delete {
                                store: shape.name.to_owned(),
                                key: k,
                            });
                        }
                    }
                    for (key, row) in brows {
                        let summary = self.summary.entry(shape.name).or_default();
                        match lrows.get(key) {
                            Some(l) if comparable(l) == comparable(row) => summary.unchanged += 1,
                            Some(_) => {
                                summary.updated += 1;
                                self.put(shape.name, row);
                            }
                            None => {
                                summary.added += 1;
                                self.put(shape.name, row);
                            }
                        }
                    }
                }
                Decision::Local => {
                    self.summary.entry(shape.name).or_default().kept += lrows.len();
                }
                Decision::Each => {
                    let keys: BTreeSet<&String> = lrows.keys().chain(brows.keys()).collect();
                    for key in keys {
                        self.merge_one(
                            shape,
                            key,
                            lrows.get(key).copied(),
                            brows.get(key).copied(),
                        );
                    }
                }
            }
        }
    }
}

/// Checks the unique indexes of the data as it will stand after `writes`.
fn check_unique(
    shapes: &[StoreShape],
    local: &DataSet,
    writes: &[Write],
    replace: bool,
) -> Result<(), BackupError> {
    for shape in shapes.iter().filter(|s| !s.unique.is_empty()) {
        let mut state: BTreeMap<String, &Value> = BTreeMap::new();
        if !replace && let Some(records) = local.stores.get(shape.name) {
            state = keyed(records, shape);
        }
        for write in writes {
            match write {
                Write::Delete { store, key } if store == shape.name => {
                    state.remove(&key.to_string());
                }
                Write::Put { store, record } if store == shape.name => {
                    if let Some(k) = key_of(record, shape.key_path) {
                        state.insert(k, record);
                    }
                }
                _ => {}
            }
        }
        for (path, what) in &shape.unique {
            let mut seen = BTreeSet::new();
            for record in state.values() {
                if let Some(value) = key_of(record, path)
                    && !seen.insert(value.clone())
                {
                    return Err(BackupError::UniqueClash {
                        store: shape.name.to_owned(),
                        what: (*what).to_owned(),
                        value: display_key(&value),
                    });
                }
            }
        }
    }
    Ok(())
}

fn merge_local(
    local: &BackupLocal,
    backup: &BackupLocal,
    conflicts: &mut Vec<Conflict>,
) -> BackupLocal {
    fn pick<T: Clone + PartialEq>(
        label: &str,
        here: &Option<T>,
        there: &Option<T>,
        conflicts: &mut Vec<Conflict>,
    ) -> Option<T> {
        match (here, there) {
            (Some(h), Some(t)) if h != t => {
                conflicts.push(Conflict {
                    store: "local".into(),
                    key: label.to_owned(),
                    local_version: "本机设置".into(),
                    backup_version: "备份中的设置".into(),
                    winner: Side::Local,
                });
                Some(h.clone())
            }
            (Some(h), _) => Some(h.clone()),
            (None, t) => t.clone(),
        }
    }
    BackupLocal {
        settings: pick(
            "本单位、级别和操作人",
            &local.settings,
            &backup.settings,
            conflicts,
        ),
        readings: pick("期限读法", &local.readings, &backup.readings, conflicts),
    }
}

/// The plan that restores `backup` over this machine's data `local` (read with the same
/// shapes). Merge keeps the newer side of every record; replace deletes every store first.
/// Refuses a merge whose result would break a unique index.
pub fn plan_restore(
    local: &DataSet,
    backup: &Backup,
    mode: RestoreMode,
    shapes: &[StoreShape],
) -> Result<RestorePlan, BackupError> {
    let data = &backup.data;
    if mode == RestoreMode::Replace {
        let mut writes: Vec<Write> = shapes
            .iter()
            .map(|s| Write::Clear {
                store: s.name.to_owned(),
            })
            .collect();
        let mut summary = Vec::new();
        for shape in shapes {
            let records = data.stores.get(shape.name).map_or(&[][..], Vec::as_slice);
            writes.extend(records.iter().map(|r| Write::Put {
                store: shape.name.to_owned(),
                record: r.clone(),
            }));
            summary.push(StoreSummary {
                store: shape.name.to_owned(),
                added: records.len(),
                removed: local.count(shape.name),
                ..StoreSummary::default()
            });
        }
        check_unique(shapes, local, &writes, true)?;
        return Ok(RestorePlan {
            mode,
            writes,
            local: data.local.clone(),
            summary,
            conflicts: Vec::new(),
        });
    }
    let mut planner = Planner {
        shapes,
        deletes: Vec::new(),
        puts: Vec::new(),
        conflicts: Vec::new(),
        summary: BTreeMap::new(),
        decisions: BTreeMap::new(),
    };
    // Owners first (cases, drafts), so their rows know which side stands.
    let owners_first: Vec<&StoreShape> = shapes
        .iter()
        .filter(|s| matches!(s.name, "cases" | "drafts"))
        .chain(
            shapes
                .iter()
                .filter(|s| !matches!(s.name, "cases" | "drafts")),
        )
        .collect();
    for shape in &owners_first {
        planner.free_records(shape, local, data);
    }
    for shape in planner.shapes {
        planner.owned_records(shape, local, data);
    }
    let Planner {
        deletes,
        puts,
        mut conflicts,
        mut summary,
        ..
    } = planner;
    let mut writes = deletes;
    writes.extend(puts);
    check_unique(shapes, local, &writes, false)?;
    let local_after = merge_local(&local.local, &data.local, &mut conflicts);
    Ok(RestorePlan {
        mode,
        writes,
        local: local_after,
        summary: shapes
            .iter()
            .map(|s| StoreSummary {
                store: s.name.to_owned(),
                ..summary.remove(s.name).unwrap_or_default()
            })
            .collect(),
        conflicts,
    })
}
