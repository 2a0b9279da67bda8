//! Backup and restore in real IndexedDB (issue 7): 1,000 generated cases with their history,
//! files, a document, a draft, custom holidays and settings go through backup → wipe → restore
//! with every field equal; a corrupted file is refused with nothing changed; a restore whose
//! transaction fails midway leaves the database and the settings as they were; merge keeps the
//! newer revision.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::attachment::attachment_checksum;
use weiquan::core::backup::{DataSet, RestoreMode, Write, plan_restore};
use weiquan::core::calendar::{CustomYear, HolidayRange, YearArrangement};
use weiquan::core::case::{CaseId, CaseInput, Money, validate};
use weiquan::core::deadline::{ExtensionReading, Readings};
use weiquan::core::settings::{Settings, UnitLevel};
use weiquan::core::workflow::Case;
use weiquan::store::attachments::{self, AttachmentMeta, AttachmentRecord};
use weiquan::store::backup::{self, shapes};
use weiquan::store::{Db, SCHEMA_VERSION, calendar, cases, drafts};

const CASES: usize = 1000;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

async fn open(name: &str) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, SCHEMA_VERSION, || {}, || {})
        .await
        .unwrap()
}

fn case(n: usize) -> Case {
    let names = ["王建国", "陈晓燕", "刘伟", "赵敏", "孙立", "周兰"];
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: names[n % names.len()].into(),
        officer_badge: format!("{:06}", 330000 + n),
        officer_unit: format!("第{}派出所", n % 17 + 1),
        harmed: "self".into(),
        incident_date: "2026-09-20".into(),
        incident_time: "21:30".into(),
        incident_place: format!("解放路{n}号"),
        duty: "on_duty".into(),
        site: if n.is_multiple_of(2) {
            "on_site"
        } else {
            "off_site"
        }
        .into(),
        grounds: vec!["harm".into()],
        categories: vec![
            if n.is_multiple_of(3) {
                "assault"
            } else {
                "insult"
            }
            .into(),
        ],
        injury: "none".into(),
        summary: format!("第{n}件：盘查时被推搡，\"引号\"与<尖括号>照录"),
        ..CaseInput::default()
    };
    let facts = validate(&input, NaiveDate::from_ymd_opt(2026, 9, 25).unwrap())
        .unwrap_or_else(|issues| panic!("{issues:?}"));
    Case::open(
        CaseId::new(format!("WQ-2026-{n:04}")).unwrap(),
        facts,
        at("2026-09-21 09:00"),
        "李四",
        "",
        at("2026-09-21 09:05"),
    )
    .unwrap()
}

fn evidence(n: usize, case_id: &str) -> AttachmentRecord {
    let bytes: Vec<u8> = (0..(200 + n * 7 % 1500))
        .map(|i| (i * 31 + n) as u8)
        .collect();
    AttachmentRecord {
        meta: AttachmentMeta {
            id: format!("att-{n}"),
            case_id: Some(case_id.into()),
            draft_id: None,
            file_name: format!("现场照片{n}.png"),
            mime: "image/png".into(),
            size: bytes.len() as u64,
            sha256: attachment_checksum(&bytes),
            added_at: "2026-09-21T10:00:00".into(),
        },
        bytes,
    }
}

fn settings() -> Settings {
    Settings {
        unit_name: "嘉兴市公安局南湖区分局".into(),
        unit_level: UnitLevel::County,
        operator: "张三".into(),
        // Set, so that the round trip shows the 第十三条 amount survives a backup.
        large_loss: Some(Money::from_fen(5_000_000)),
        number_prefix: Some("嘉公维".into()),
    }
}

fn custom_year() -> CustomYear {
    CustomYear {
        year: 2027,
        arrangement: YearArrangement {
            holidays: vec![HolidayRange {
                name: "元旦".into(),
                from: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2027, 1, 3).unwrap(),
            }],
            workdays: vec![],
        },
    }
}

/// Everything in the database and local storage, files with their bytes (via a backup file,
/// which carries every field of every record).
async fn everything(db: &Db) -> DataSet {
    let made = backup::export(db, at("2026-11-25 10:00"), |_| {})
        .await
        .unwrap();
    let mut data = backup::read(&made.text, |_| {}).await.unwrap().data;
    // The time of the last backup is the one record a restore itself writes.
    if let Some(meta) = data.stores.get_mut("meta") {
        meta.retain(|r| r["key"] != "last_backup_at");
    }
    data
}

async fn fill(db: &Db) -> Vec<Case> {
    let mut made = Vec::with_capacity(CASES);
    let mut files = Vec::with_capacity(CASES);
    for n in 0..CASES {
        let c = case(n);
        cases::create(db, &c, None, None).await.unwrap();
        files.push(evidence(n, c.id().as_str()));
        made.push(c);
    }
    attachments::put_all(db, &files).await.unwrap();
    calendar::replace_custom_years(db, &[custom_year()])
        .await
        .unwrap();
    drafts::put(
        db,
        &drafts::Draft {
            id: "draft-1".into(),
            updated_at: "2026-09-20T08:00:00".into(),
            step: "person".into(),
            form: Default::default(),
        },
    )
    .await
    .unwrap();
    // A printable document's record, written generically as another module would.
    backup::apply_writes(
        db,
        &[Write::Put {
            store: "documents".into(),
            record: json!({"id": "doc-1", "case_id": "WQ-2026-0001", "unit": "南湖", "year": 2026, "number": 1, "title": "受理告知书", "issued_on": "2026-09-22"}),
        }],
    )
    .await
    .unwrap();
    weiquan::store::settings::save(&settings()).unwrap();
    calendar::save_readings(&Readings {
        extension: ExtensionReading::default(),
        ..Readings::default()
    })
    .unwrap();
    made
}

#[wasm_bindgen_test]
async fn a_thousand_cases_with_files_survive_backup_wipe_and_restore_unchanged() {
    let name = "weiquan-test-backup-1";
    let db = open(name).await;
    let made = fill(&db).await;
    let before = everything(&db).await;
    assert_eq!(before.count("cases"), CASES);
    assert_eq!(before.count("case_events"), CASES);
    assert_eq!(before.count("attachments"), CASES);
    assert_eq!(before.count("documents"), 1);

    let steps = std::cell::RefCell::new(Vec::new());
    let file = backup::export(&db, at("2026-11-25 10:30"), |p| steps.borrow_mut().push(p))
        .await
        .unwrap();
    assert!(steps.borrow().len() > 5, "progress is reported as it goes");
    assert!(
        steps
            .borrow()
            .windows(2)
            .all(|w| w[0].fraction <= w[1].fraction || w[0].step != w[1].step)
    );

    // Wipe: the database and the settings are gone.
    db.close();
    let db = open(name).await;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    assert_eq!(backup::current(&db).await.unwrap().total(), 0);

    let read = backup::read(&file.text, |_| {}).await.unwrap();
    let here = backup::current(&db).await.unwrap();
    let plan = plan_restore(&here, &read, RestoreMode::Replace, &shapes()).unwrap();
    backup::apply(&db, &plan, &read, |_| {}).await.unwrap();

    let after = everything(&db).await;
    assert_eq!(after, before, "every record and every field");
    // Read back through the app's own repositories too.
    for c in made.iter().step_by(97) {
        assert_eq!(
            cases::get(&db, c.id().as_str()).await.unwrap().as_ref(),
            Some(c)
        );
    }
    let n = 555;
    let back = attachments::get(&db, &format!("att-{n}"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back, evidence(n, &format!("WQ-2026-{n:04}")));
    assert_eq!(
        calendar::load_custom_years(&db).await.unwrap(),
        vec![custom_year()]
    );
    assert_eq!(
        weiquan::store::settings::load(),
        weiquan::store::settings::Loaded::Valid(settings())
    );
    assert_eq!(
        backup::last_backup(&db).await.unwrap(),
        Some(at("2026-11-25 10:30"))
    );

    // Merging the same backup again changes nothing.
    let here = backup::current(&db).await.unwrap();
    let plan = plan_restore(&here, &read, RestoreMode::Merge, &shapes()).unwrap();
    assert_eq!(
        plan.changes(),
        0,
        "{:?}",
        &plan.writes[..plan.writes.len().min(3)]
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_corrupted_backup_is_refused_and_nothing_changes() {
    let db = open("weiquan-test-backup-2").await;
    let c = case(1);
    cases::create(&db, &c, None, None).await.unwrap();
    attachments::put(&db, &evidence(1, c.id().as_str()))
        .await
        .unwrap();
    let file = backup::export(&db, at("2026-11-25 10:30"), |_| {})
        .await
        .unwrap();
    let before = everything(&db).await;

    let mid = file.text.len() / 2;
    let mut damaged = file.text.clone().into_bytes();
    damaged[mid] = if damaged[mid] == b'A' { b'B' } else { b'A' };
    let damaged = String::from_utf8_lossy(&damaged).into_owned();
    let refusals = [
        damaged,
        file.text[..file.text.len() - 40].to_owned(),
        String::new(),
        "{\"format\":\"something-else\"}".to_owned(),
    ];
    for text in &refusals {
        let e = backup::read(text, |_| {}).await.unwrap_err();
        assert!(
            e.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{e}"
        );
    }
    assert_eq!(everything(&db).await, before);
    db.close();
}

#[wasm_bindgen_test]
async fn a_restore_that_fails_midway_leaves_the_data_and_settings_as_they_were() {
    let db = open("weiquan-test-backup-3").await;
    for n in 0..5 {
        cases::create(&db, &case(n), None, None).await.unwrap();
    }
    weiquan::store::settings::save(&settings()).unwrap();
    let before = everything(&db).await;
    let file = backup::export(&db, at("2026-11-25 10:30"), |_| {})
        .await
        .unwrap();
    let mut read = backup::read(&file.text, |_| {}).await.unwrap();
    read.data.local.settings = Some(Settings {
        operator: "王五".into(),
        ..settings()
    });
    let here = backup::current(&db).await.unwrap();
    let mut plan = plan_restore(&here, &read, RestoreMode::Replace, &shapes()).unwrap();
    // After every store was cleared and the cases written again, a record the database refuses
    // (no key): the whole transaction must roll back.
    plan.writes.push(Write::Put {
        store: "cases".into(),
        record: json!({"no_id": true}),
    });
    assert!(backup::apply(&db, &plan, &read, |_| {}).await.is_err());
    assert_eq!(everything(&db).await, before);
    assert_eq!(
        weiquan::store::settings::load(),
        weiquan::store::settings::Loaded::Valid(settings())
    );

    // A clash on a unique index found only by the database also rolls everything back.
    let doc = |id: &str| Write::Put {
        store: "documents".into(),
        record: json!({"id": id, "unit": "南湖", "year": 2026, "number": 7}),
    };
    let writes = vec![
        Write::Clear {
            store: "cases".into(),
        },
        doc("doc-a"),
        doc("doc-b"),
    ];
    assert!(backup::apply_writes(&db, &writes).await.is_err());
    assert_eq!(everything(&db).await, before);
    db.close();
}
