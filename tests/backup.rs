//! The backup format (issue 7, 8): a backup of real cases, files and settings reads back equal
//! in every field; every kind of damage is refused with its own Chinese message; the restore
//! plan merges by revision, keeps a case's rows with the case, lists conflicts and refuses a
//! clash of unique numbers; replace empties every store first; the 30-day reminder.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use weiquan::core::backup::{
    Backup, BackupError, BackupLocal, BackupWriter, DataSet, REMINDER_DAYS, RestoreMode, Side,
    StoreShape, Write, backup_file_name, backup_reminder, blob_summary, blob_value, comparable,
    decode_blob, parse_backup, plan_restore,
};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, Money, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::settings::{Settings, UnitLevel};
use weiquan::core::workflow::{Case, Env, Event, NewEvent};

pub fn shapes() -> Vec<StoreShape> {
    vec![
        StoreShape {
            name: "cases",
            key_path: &["id"],
            unique: vec![],
        },
        StoreShape {
            name: "case_events",
            key_path: &["case_id", "seq"],
            unique: vec![],
        },
        StoreShape {
            name: "drafts",
            key_path: &["id"],
            unique: vec![],
        },
        StoreShape {
            name: "attachments",
            key_path: &["id"],
            unique: vec![],
        },
        StoreShape {
            name: "documents",
            key_path: &["id"],
            unique: vec![(&["unit", "year", "number"], "文书编号")],
        },
        StoreShape {
            name: "settings",
            key_path: &["key"],
            unique: vec![],
        },
        StoreShape {
            name: "custom_holidays",
            key_path: &["year"],
            unique: vec![],
        },
        StoreShape {
            name: "meta",
            key_path: &["key"],
            unique: vec![],
        },
    ]
}

const SCHEMA: u32 = 2;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open_case(id: &str, name: &str) -> Case {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: name.into(),
        officer_badge: "330401".into(),
        officer_unit: "南湖区分局解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-09-20".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "none".into(),
        summary: "盘查时被推搡".into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, day("2026-09-25")).unwrap();
    Case::open(
        CaseId::new(id).unwrap(),
        facts,
        at("2026-09-21T09:00:00"),
        "李四",
        "",
        at("2026-09-21T09:05:00"),
    )
    .unwrap()
}

fn reported(case: Case) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at("2026-09-21T11:00:00"),
        actor: "李四".into(),
        event: Event::ReportedToCommittee,
        note: String::new(),
    };
    case.apply(entry, &env, at("2026-09-21T11:05:00")).unwrap()
}

/// A record shaped like the store's `CaseRecord`.
fn case_record(case: &Case) -> Value {
    json!({
        "id": case.id().as_str(),
        "record_version": 1,
        "revision": case.revision(),
        "state": "received",
        "updated_at": case.updated_at().format("%Y-%m-%dT%H:%M:%S").to_string(),
        "received_on": "2026-09-21",
        "unit": "南湖区分局解放派出所",
        "categories": ["assault"],
        "officer_badge": "330401",
        "case_json": serde_json::to_string(case).unwrap(),
    })
}

fn event_rows(case: &Case) -> Vec<Value> {
    case.history()
        .iter()
        .map(|r| {
            json!({
                "case_id": case.id().as_str(),
                "seq": r.seq,
                "at": r.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "event_json": serde_json::to_string(r).unwrap(),
            })
        })
        .collect()
}

fn attachment(id: &str, case_id: &str, bytes: &[u8]) -> Value {
    let blob = blob_value("image/png", bytes);
    let sha = blob["$blob"]["sha256"].clone();
    json!({
        "id": id,
        "case_id": case_id,
        "file_name": format!("{id}.png"),
        "mime": "image/png",
        "size": bytes.len(),
        "sha256": sha,
        "added_at": "2026-09-21T10:00:00",
        "blob": blob,
    })
}

fn settings() -> Settings {
    Settings {
        unit_name: "嘉兴市公安局南湖区分局".into(),
        unit_level: UnitLevel::County,
        operator: "张三".into(),
        large_loss: Some(Money::from_fen(5_000_000)),
        number_prefix: Some("嘉公维".into()),
    }
}

/// A realistic data set: two cases with history and files, a draft, a document, a custom year.
fn sample() -> DataSet {
    let a = reported(open_case("WQ-2026-0001", "王建国"));
    let b = open_case("WQ-2026-0002", "陈晓燕");
    let mut data = DataSet::default();
    data.stores
        .insert("cases".into(), vec![case_record(&a), case_record(&b)]);
    let mut events = event_rows(&a);
    events.extend(event_rows(&b));
    data.stores.insert("case_events".into(), events);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    data.stores.insert(
        "attachments".into(),
        vec![
            attachment("att-1", "WQ-2026-0001", &bytes),
            attachment("att-2", "WQ-2026-0002", b"\x89PNG tiny"),
            attachment("att-3", "WQ-2026-0002", b""),
        ],
    );
    data.stores.insert(
        "drafts".into(),
        vec![json!({"id": "d-1", "updated_at": "2026-09-20T08:00:00", "step": "person", "form": {"consent": false}})],
    );
    data.stores.insert(
        "documents".into(),
        vec![json!({"id": "doc-1", "case_id": "WQ-2026-0001", "unit": "南湖", "year": 2026, "number": 1, "title": "受理告知书"})],
    );
    data.stores.insert(
        "custom_holidays".into(),
        vec![json!({"year": 2027, "arrangement": {"holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}], "workdays": []}})],
    );
    data.stores.insert(
        "meta".into(),
        vec![json!({"key": "last_backup_at", "value": "\"2026-09-01T10:00:00\""})],
    );
    data.local = BackupLocal {
        settings: Some(settings()),
        readings: Some(Readings::default()),
    };
    data
}

fn write(data: &DataSet, created: &str) -> String {
    let mut w = BackupWriter::new(at(created), SCHEMA, "0.1.0", &data.local);
    for (name, records) in &data.stores {
        w.begin_store(name);
        for r in records {
            w.push_record(r).unwrap();
        }
        w.end_store();
    }
    w.finish()
}

/// Builds a file around `body` with a correct checksum, as a forger would.
fn sealed(body: &str) -> String {
    let sha: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{{\"format\":\"weiquan-backup\",\"version\":1,\"body\":{body},\"sha256\":\"{sha}\"}}")
}

fn body_of(file: &str) -> Value {
    let v: Value = serde_json::from_str(file).unwrap();
    v["body"].clone()
}

fn parse(text: &str) -> Result<Backup, BackupError> {
    parse_backup(text, &shapes(), SCHEMA)
}

#[track_caller]
fn refuse(text: &str) -> BackupError {
    match parse(text) {
        Ok(_) => panic!("accepted: {}", &text[..text.len().min(200)]),
        Err(e) => e,
    }
}

#[test]
fn a_backup_reads_back_equal_in_every_field() {
    let data = sample();
    let file = write(&data, "2026-11-25T10:30:00");
    let back = parse(&file).unwrap();
    assert_eq!(back.created_at, at("2026-11-25T10:30:00"));
    assert_eq!(back.schema_version, SCHEMA);
    assert_eq!(back.app_version, "0.1.0");
    assert_eq!(back.data, data);
    assert_eq!(back.sha256.len(), 64);
    // The files inside decode to the same bytes.
    let blob = decode_blob(&back.data.stores["attachments"][0]["blob"])
        .unwrap()
        .unwrap();
    assert_eq!(
        blob.bytes,
        (0..=255u8).cycle().take(5000).collect::<Vec<_>>()
    );
    assert_eq!(blob.mime, "image/png");
    let empty = decode_blob(&back.data.stores["attachments"][2]["blob"])
        .unwrap()
        .unwrap();
    assert!(empty.bytes.is_empty());
    // A byte-order mark (some editors add one) is not damage.
    assert_eq!(parse(&format!("\u{feff}{file}")).unwrap().data, data);
    assert_eq!(
        backup_file_name(at("2026-11-25T10:30:00")),
        "维权工作台备份-20261125-103000.json"
    );
}

#[test]
fn an_empty_machine_backs_up_and_restores_to_empty() {
    let file = write(&DataSet::default(), "2026-11-25T10:30:00");
    let back = parse(&file).unwrap();
    assert_eq!(back.data, DataSet::default());
}

#[test]
fn every_kind_of_damage_is_refused_with_its_own_message() {
    let file = write(&sample(), "2026-11-25T10:30:00");

    assert_eq!(refuse(""), BackupError::Empty);
    assert_eq!(refuse("  \n"), BackupError::Empty);
    assert_eq!(refuse(&file[..file.len() / 2]), BackupError::Truncated);
    assert_eq!(refuse("PK\u{3}\u{4}binary"), BackupError::Foreign);
    assert_eq!(refuse("[1,2,3]"), BackupError::Foreign);
    assert_eq!(
        refuse(r#"{"format":"weiquan-application","version":1}"#),
        BackupError::Foreign
    );
    assert_eq!(
        refuse(&file.replacen("\"version\":1", "\"version\":2", 1)),
        BackupError::UnsupportedVersion(2)
    );
    // One character of the body changed: the checksum no longer matches.
    let flipped = file.replacen("王建国", "王建军", 1);
    assert_eq!(refuse(&flipped), BackupError::Tampered);
    let wrong_sha = {
        let cut = file.rfind("\"sha256\":\"").unwrap() + 10;
        let mut s = file.clone();
        s.replace_range(
            cut..cut + 1,
            if &file[cut..=cut] == "0" { "1" } else { "0" },
        );
        s
    };
    assert_eq!(refuse(&wrong_sha), BackupError::Tampered);
    assert!(matches!(
        refuse(&file.replacen("\"body\"", "\"extra\":1,\"body\"", 1)),
        BackupError::Schema(_)
    ));
    let big = "x".repeat(weiquan::core::backup::MAX_BACKUP_BYTES + 1);
    assert!(matches!(refuse(&big), BackupError::TooLarge(_)));

    // Damage hidden behind a recomputed checksum is still found by the record checks.
    let body = body_of(&file);
    #[track_caller]
    fn forged(body: &Value, edit: &dyn Fn(&mut Value)) -> BackupError {
        let mut b = body.clone();
        edit(&mut b);
        refuse(&sealed(&b.to_string()))
    }
    assert_eq!(
        forged(&body, &|b| b["schema_version"] = json!(3)),
        BackupError::NewerSchema(3)
    );
    assert_eq!(
        forged(&body, &|b| b["stores"][0]["name"] = json!("passwords")),
        BackupError::UnknownStore("passwords".into())
    );
    assert_eq!(
        forged(&body, &|b| {
            let first = b["stores"][0].clone();
            b["stores"].as_array_mut().unwrap().push(first);
        }),
        BackupError::DuplicateStore("attachments".into())
    );
    let attachments = 0; // stores are written in name order: attachments first
    assert!(matches!(
        forged(&body, &|b| b["stores"][attachments]["records"][0]["blob"]["$blob"]["base64"] = json!("AAAA")),
        BackupError::BadRecord { ref store, index: 1, ref reason } if store == "attachments" && reason.contains("大小")
    ));
    assert!(matches!(
        forged(&body, &|b| b["stores"][attachments]["records"][1]["blob"]["$blob"]["base64"] = json!("aVBORyB0aW55")),
        BackupError::BadRecord { index: 2, ref reason, .. } if reason.contains("校验值")
    ));
    assert!(matches!(
        forged(&body, &|b| b["stores"][attachments]["records"][1]["blob"]["$blob"]["base64"] = json!("!!!!!!!!!!!!")),
        BackupError::BadRecord { ref reason, .. } if reason.contains("base64")
    ));
    assert!(matches!(
        forged(&body, &|b| b["stores"][attachments]["records"][1]["size"] = json!(3)),
        BackupError::BadRecord { ref reason, .. } if reason.contains("不一致")
    ));
    assert!(matches!(
        forged(&body, &|b| {
            let dup = b["stores"][attachments]["records"][0].clone();
            b["stores"][attachments]["records"].as_array_mut().unwrap().push(dup);
        }),
        BackupError::DuplicateKey { ref key, .. } if key == "att-1"
    ));
    let cases = 2;
    assert_eq!(body["stores"][cases]["name"], "cases");
    assert!(matches!(
        forged(&body, &|b| b["stores"][cases]["records"][0]["revision"] = json!(7)),
        BackupError::BadRecord { ref store, .. } if store == "cases"
    ));
    assert!(matches!(
        forged(&body, &|b| b["stores"][cases]["records"][0]["case_json"] = json!("{}")),
        BackupError::BadRecord { ref reason, .. } if reason.contains("案件内容")
    ));
    assert!(matches!(
        forged(&body, &|b| b["stores"][cases]["records"][1].as_object_mut().unwrap().remove("id").map(|_| ()).unwrap()),
        BackupError::BadRecord { ref reason, .. } if reason.contains("编号")
    ));
    assert!(matches!(
        forged(&body, &|b| b["local"]["settings"]["operator"] = json!("")),
        BackupError::Schema(_)
    ));
    assert!(matches!(
        forged(&body, &|b| b["local"]["quiz"] = json!({})),
        BackupError::Schema(_)
    ));
    let holidays = 3;
    assert_eq!(body["stores"][holidays]["name"], "custom_holidays");
    assert!(matches!(
        forged(&body, &|b| b["stores"][holidays]["records"][0]["arrangement"]["holidays"][0]["to"] = json!("2026-12-31")),
        BackupError::BadRecord { ref store, .. } if store == "custom_holidays"
    ));
    let documents = 4;
    assert_eq!(body["stores"][documents]["name"], "documents");
    assert!(matches!(
        forged(&body, &|b| {
            let mut twin = b["stores"][documents]["records"][0].clone();
            twin["id"] = json!("doc-2");
            b["stores"][documents]["records"].as_array_mut().unwrap().push(twin);
        }),
        BackupError::UniqueClash { ref what, .. } if what == "文书编号"
    ));

    // Every refusal explains itself in Chinese.
    for e in [
        BackupError::Empty,
        BackupError::Tampered,
        BackupError::ExportTooLarge,
        BackupError::NewerSchema(9),
    ] {
        assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }
}

#[test]
fn the_writer_refuses_more_than_the_record_limit() {
    let mut w = BackupWriter::new(
        at("2026-11-25T10:30:00"),
        SCHEMA,
        "0.1.0",
        &BackupLocal::default(),
    );
    w.begin_store("meta");
    let record = json!({"key": "k", "value": "1"});
    let mut result = Ok(());
    for _ in 0..=weiquan::core::backup::MAX_BACKUP_RECORDS {
        result = w.push_record(&record);
        if result.is_err() {
            break;
        }
    }
    assert!(matches!(result, Err(BackupError::TooManyRecords { .. })));
}

fn backup_of(data: DataSet) -> Backup {
    parse(&write(&data, "2026-11-25T10:30:00")).unwrap()
}

/// This machine's data as the store reads it for comparison: files without their bytes.
fn lite(data: &DataSet) -> DataSet {
    let mut out = data.clone();
    for records in out.stores.values_mut() {
        for r in records.iter_mut() {
            if let Some(blob) = r.get("blob") {
                let size = blob["$blob"]["size"].as_u64().unwrap();
                r["blob"] = blob_summary("image/png", size);
            }
        }
    }
    out
}

fn puts<'a>(writes: &'a [Write], store: &str) -> Vec<&'a Value> {
    writes
        .iter()
        .filter_map(|w| match w {
            Write::Put { store: s, record } if s == store => Some(record),
            _ => None,
        })
        .collect()
}

fn deletes(writes: &[Write], store: &str) -> Vec<Value> {
    writes
        .iter()
        .filter_map(|w| match w {
            Write::Delete { store: s, key } if s == store => Some(key.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn merging_a_backup_into_the_same_data_changes_nothing() {
    let data = sample();
    let plan = plan_restore(
        &lite(&data),
        &backup_of(data),
        RestoreMode::Merge,
        &shapes(),
    )
    .unwrap();
    assert!(plan.writes.is_empty(), "{:?}", plan.writes);
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.changes(), 0);
    let cases = plan.summary.iter().find(|s| s.store == "cases").unwrap();
    assert_eq!(cases.unchanged, 2);
}

#[test]
fn merging_into_an_empty_machine_adds_everything() {
    let data = sample();
    let backup = backup_of(data.clone());
    let plan = plan_restore(&DataSet::default(), &backup, RestoreMode::Merge, &shapes()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.writes.len(), data.total());
    assert_eq!(plan.local, data.local);
    for (store, records) in &data.stores {
        assert_eq!(puts(&plan.writes, store).len(), records.len(), "{store}");
    }
}

#[test]
fn the_newer_revision_wins_and_brings_its_rows_and_conflicts_are_listed() {
    // The backup has case 1 at revision 2 (reported) and case 2 at revision 1; this machine has
    // case 1 at revision 1 with an extra file, and case 2 at revision 2 with its own history.
    let backup_data = sample();
    let mut here = sample();
    let old1 = open_case("WQ-2026-0001", "王建国");
    let new2 = reported(open_case("WQ-2026-0002", "陈晓燕"));
    here.stores.get_mut("cases").unwrap()[0] = case_record(&old1);
    here.stores.get_mut("cases").unwrap()[1] = case_record(&new2);
    let mut events = event_rows(&old1);
    events.extend(event_rows(&new2));
    here.stores.insert("case_events".into(), events);
    here.stores.get_mut("attachments").unwrap().push(attachment(
        "att-local",
        "WQ-2026-0001",
        b"only here",
    ));
    // A case only here, and a custom year edited here without a version.
    here.stores
        .get_mut("cases")
        .unwrap()
        .push(case_record(&open_case("WQ-2026-0009", "周兰")));
    here.stores.get_mut("custom_holidays").unwrap()[0]["arrangement"]["workdays"] =
        json!(["2027-01-04"]);
    // A different operator here.
    here.local.settings = Some(Settings {
        operator: "李四".into(),
        ..settings()
    });

    let plan = plan_restore(
        &lite(&here),
        &backup_of(backup_data),
        RestoreMode::Merge,
        &shapes(),
    )
    .unwrap();

    // Case 1: the backup's revision 2 wins; its history row 2 is added, the file that only
    // this machine's older version listed is deleted.
    let case_puts = puts(&plan.writes, "cases");
    assert_eq!(case_puts.len(), 1);
    assert_eq!(case_puts[0]["id"], "WQ-2026-0001");
    assert_eq!(case_puts[0]["revision"], 2);
    let event_puts = puts(&plan.writes, "case_events");
    assert_eq!(event_puts.len(), 1);
    assert_eq!(event_puts[0]["seq"], 2);
    assert_eq!(
        deletes(&plan.writes, "attachments"),
        vec![json!("att-local")]
    );
    // Case 2: this machine's revision 2 stays, with its history.
    assert!(deletes(&plan.writes, "case_events").is_empty());
    // The deletions come before the puts.
    let first_put = plan
        .writes
        .iter()
        .position(|w| matches!(w, Write::Put { .. }))
        .unwrap();
    let last_delete = plan
        .writes
        .iter()
        .rposition(|w| matches!(w, Write::Delete { .. }))
        .unwrap();
    assert!(last_delete < first_put);

    let conflict = |store: &str, key: &str| {
        plan.conflicts
            .iter()
            .find(|c| c.store == store && c.key == key)
            .unwrap_or_else(|| panic!("no conflict {store} {key}: {:?}", plan.conflicts))
            .clone()
    };
    let c1 = conflict("cases", "WQ-2026-0001");
    assert_eq!(
        (
            c1.winner,
            c1.local_version.as_str(),
            c1.backup_version.as_str()
        ),
        (Side::Backup, "第1版", "第2版")
    );
    let c2 = conflict("cases", "WQ-2026-0002");
    assert_eq!(c2.winner, Side::Local);
    let year = conflict("custom_holidays", "2027");
    assert_eq!(
        (year.winner, year.local_version.as_str()),
        (Side::Local, "无版本信息")
    );
    assert_eq!(
        conflict("local", "本单位、级别和操作人").winner,
        Side::Local
    );
    assert_eq!(plan.local.settings.unwrap().operator, "李四");
    assert_eq!(plan.conflicts.len(), 4, "{:?}", plan.conflicts);

    let summary = |store: &str| {
        plan.summary
            .iter()
            .find(|s| s.store == store)
            .unwrap()
            .clone()
    };
    let cases = summary("cases");
    assert_eq!(
        (cases.updated, cases.kept, cases.added, cases.removed),
        (1, 2, 0, 0)
    );
    assert_eq!(summary("attachments").removed, 1);
}

#[test]
fn drafts_merge_by_their_last_save_and_bring_their_files() {
    let mut backup_data = DataSet::default();
    backup_data.stores.insert(
        "drafts".into(),
        vec![json!({"id": "d-1", "updated_at": "2026-09-22T08:00:00", "step": "harm", "form": {}})],
    );
    let mut file = attachment("att-d", "x", b"draft file");
    file.as_object_mut().unwrap().remove("case_id");
    file["draft_id"] = json!("d-1");
    backup_data.stores.insert("attachments".into(), vec![file]);
    let mut here = DataSet::default();
    here.stores.insert(
        "drafts".into(),
        vec![
            json!({"id": "d-1", "updated_at": "2026-09-20T08:00:00", "step": "person", "form": {}}),
        ],
    );
    let plan = plan_restore(
        &here,
        &backup_of(backup_data),
        RestoreMode::Merge,
        &shapes(),
    )
    .unwrap();
    assert_eq!(puts(&plan.writes, "drafts")[0]["step"], "harm");
    assert_eq!(puts(&plan.writes, "attachments")[0]["id"], "att-d");
    assert_eq!(plan.conflicts[0].winner, Side::Backup);
    assert_eq!(
        plan.conflicts[0].backup_version,
        "修改于 2026-09-22 08:00:00"
    );
}

#[test]
fn a_merge_that_would_give_two_documents_one_number_is_refused() {
    let backup_data = sample();
    let mut here = DataSet::default();
    here.stores.insert(
        "documents".into(),
        vec![json!({"id": "doc-local", "case_id": "WQ-2026-0077", "unit": "南湖", "year": 2026, "number": 1, "title": "另一份"})],
    );
    let err = plan_restore(
        &here,
        &backup_of(backup_data.clone()),
        RestoreMode::Merge,
        &shapes(),
    )
    .unwrap_err();
    assert!(matches!(err, BackupError::UniqueClash { .. }));
    assert!(err.to_string().contains("替换"));
    // Replacing is possible: this machine's document goes.
    let plan = plan_restore(
        &here,
        &backup_of(backup_data),
        RestoreMode::Replace,
        &shapes(),
    )
    .unwrap();
    assert_eq!(puts(&plan.writes, "documents").len(), 1);
}

#[test]
fn replace_clears_every_store_then_writes_the_backup() {
    let data = sample();
    let mut here = sample();
    here.stores
        .get_mut("cases")
        .unwrap()
        .push(case_record(&open_case("WQ-2026-0009", "周兰")));
    here.local.settings = None;
    let mut backup_data = data.clone();
    backup_data.local.readings = None;
    let plan = plan_restore(
        &lite(&here),
        &backup_of(backup_data.clone()),
        RestoreMode::Replace,
        &shapes(),
    )
    .unwrap();
    let clears: Vec<&Write> = plan
        .writes
        .iter()
        .take_while(|w| matches!(w, Write::Clear { .. }))
        .collect();
    assert_eq!(clears.len(), shapes().len());
    assert_eq!(plan.writes.len(), shapes().len() + data.total());
    assert_eq!(plan.local, backup_data.local);
    let cases = plan.summary.iter().find(|s| s.store == "cases").unwrap();
    assert_eq!((cases.removed, cases.added), (3, 2));
    assert!(plan.conflicts.is_empty());
}

#[test]
fn comparing_ignores_the_bytes_of_files_but_not_their_size() {
    let a = attachment("a", "c", b"12345");
    assert_eq!(
        comparable(&a),
        comparable(
            &lite(&{
                let mut d = DataSet::default();
                d.stores.insert("attachments".into(), vec![a.clone()]);
                d
            })
            .stores["attachments"][0]
        )
    );
    let b = attachment("a", "c", b"123456");
    assert_ne!(comparable(&a), comparable(&b));
}

#[test]
fn the_reminder_shows_with_cases_and_no_backup_for_thirty_days() {
    let today = day("2026-11-25");
    assert_eq!(backup_reminder(0, None, today), None);
    let never = backup_reminder(3, None, today).unwrap();
    assert_eq!(never.days_since, None);
    assert!(never.message.contains("从未备份"));
    assert_eq!(
        backup_reminder(3, Some(at("2026-10-27T09:00:00")), today),
        None
    );
    let due = backup_reminder(3, Some(at("2026-10-26T09:00:00")), today).unwrap();
    assert_eq!(due.days_since, Some(REMINDER_DAYS));
    assert!(
        due.message.contains("30天前（2026年10月26日）"),
        "{}",
        due.message
    );
    assert_eq!(
        backup_reminder(3, Some(at("2026-12-01T09:00:00")), today),
        None
    );
    assert_eq!(
        backup_reminder(0, Some(at("2025-01-01T09:00:00")), today),
        None
    );
}
