//! Evidence files in real IndexedDB: bytes and checksum round trip, listing by case, deletion,
//! and the core refusing a file before anything is written.

use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::attachment::{
    AttachmentRefusal, EvidenceTarget, attachment_checksum, with_attachments,
};
use weiquan::core::case::{AttachmentRef, CaseFacts, CaseInput, MAX_ATTACHMENT_BYTES, validate};
use weiquan::store::attachments::{self, AttachmentMeta, AttachmentRecord};
use weiquan::store::{Db, SCHEMA_VERSION};

async fn open(name: &str) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, SCHEMA_VERSION, || {}, || {})
        .await
        .unwrap()
}

fn record(id: &str, case_id: &str, bytes: &[u8]) -> AttachmentRecord {
    AttachmentRecord {
        meta: AttachmentMeta {
            id: id.into(),
            case_id: Some(case_id.into()),
            draft_id: None,
            file_name: format!("{id}.png"),
            mime: "image/png".into(),
            size: bytes.len() as u64,
            sha256: attachment_checksum(bytes),
            added_at: format!("2026-09-21T09:00:0{}", id.len() % 10),
        },
        bytes: bytes.to_vec(),
    }
}

fn facts() -> CaseFacts {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: "张三".into(),
        officer_badge: "123456".into(),
        officer_unit: "南湖区分局解放派出所".into(),
        harmed: "self".into(),
        incident_date: "2026-09-20".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路".into(),
        duty: "on_duty".into(),
        site: "on_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["assault".into()],
        injury: "minor".into(),
        summary: "盘查时被推搡".into(),
        ..CaseInput::default()
    };
    validate(
        &input,
        chrono::NaiveDate::from_ymd_opt(2026, 9, 25).unwrap(),
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn bytes_and_checksum_round_trip_and_files_are_listed_by_case() {
    let db = open("weiquan-test-attachments-1").await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let a = record("att-a", "C-1", &bytes);
    let b = record("att-bb", "C-1", b"%PDF-1.4");
    let c = record("att-ccc", "C-2", b"other");
    attachments::put_all(&db, &[a.clone(), b.clone()])
        .await
        .unwrap();
    attachments::put(&db, &c).await.unwrap();

    let back = attachments::get(&db, "att-a").await.unwrap().unwrap();
    assert_eq!(back, a);
    assert_eq!(attachment_checksum(&back.bytes), a.meta.sha256);

    let listed = attachments::list_for_case(&db, "C-1").await.unwrap();
    let ids: Vec<&str> = listed.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["att-a", "att-bb"]);
    assert_eq!(listed[1], b.meta);

    attachments::delete(&db, "att-a").await.unwrap();
    assert_eq!(attachments::get(&db, "att-a").await.unwrap(), None);
    let left = attachments::list_for_case(&db, "C-1").await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        attachments::list_for_case(&db, "C-2").await.unwrap().len(),
        1
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_disallowed_or_too_large_file_is_refused_before_anything_is_written() {
    let db = open("weiquan-test-attachments-2").await;
    let facts = facts();
    let refused = [
        AttachmentRef {
            id: "att-x".into(),
            file_name: "x.html".into(),
            mime: "text/html".into(),
            size: 10,
        },
        AttachmentRef {
            id: "att-y".into(),
            file_name: "y.mp4".into(),
            mime: "video/mp4".into(),
            size: MAX_ATTACHMENT_BYTES + 1,
        },
    ];
    for file in refused {
        let result = with_attachments(&facts, &EvidenceTarget::New("现场".into()), &[file]);
        assert!(matches!(
            result,
            Err(AttachmentRefusal::TypeNotAllowed { .. } | AttachmentRefusal::TooLarge { .. })
        ));
    }
    // The page writes only what the core accepted: nothing is stored for the case.
    assert!(
        attachments::list_for_case(&db, "C-1")
            .await
            .unwrap()
            .is_empty()
    );
    db.close();
}

#[wasm_bindgen_test]
async fn files_are_deleted_again_when_the_case_save_is_refused() {
    use weiquan::core::calendar::Calendar;
    use weiquan::core::case::{CaseId, CasePolicy};
    use weiquan::core::deadline::Readings;
    use weiquan::core::workflow::{Case, Env, Event, NewEvent};
    use weiquan::store::{StoreError, cases};

    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let db = open("weiquan-test-attachments-3").await;
    let case = Case::open(
        CaseId::new("C-9").unwrap(),
        facts(),
        at("2026-09-21 09:00"),
        "李四",
        "",
        at("2026-09-21 09:05"),
    )
    .unwrap();
    cases::create(&db, &case, None, None).await.unwrap();
    let rec = record("att-z", "C-9", b"%PDF-1.4 z");
    let file = AttachmentRef {
        id: rec.meta.id.clone(),
        file_name: rec.meta.file_name.clone(),
        mime: rec.meta.mime.clone(),
        size: rec.meta.size,
    };
    let amended =
        with_attachments(case.facts(), &EvidenceTarget::New("笔录".into()), &[file]).unwrap();
    let (calendar, readings, policy) = (
        Calendar::builtin(),
        Readings::default(),
        CasePolicy::default(),
    );
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at("2026-09-21 10:00"),
        actor: "李四".into(),
        event: Event::FactsAmended {
            facts: Box::new(amended),
        },
        note: "添加证据材料".into(),
    };
    let next = case.apply(entry, &env, at("2026-09-21 10:00")).unwrap();

    // Based on a revision that is not the stored one: refused, and the file is gone again.
    let stale = attachments::attach_to_case(&db, std::slice::from_ref(&rec), &next, 7, None).await;
    assert_eq!(stale, Err(StoreError::Stale { current: 1 }));
    assert!(
        attachments::list_for_case(&db, "C-9")
            .await
            .unwrap()
            .is_empty()
    );

    attachments::attach_to_case(
        &db,
        std::slice::from_ref(&rec),
        &next,
        case.revision(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        attachments::list_for_case(&db, "C-9").await.unwrap(),
        [rec.meta]
    );
    let stored = cases::get(&db, "C-9").await.unwrap().unwrap();
    assert_eq!(stored.facts().evidence[0].attachments[0].id, "att-z");
    db.close();
}

fn draft_record(id: &str, draft_id: &str, bytes: &[u8]) -> AttachmentRecord {
    let mut rec = record(id, "", bytes);
    rec.meta.case_id = None;
    rec.meta.draft_id = Some(draft_id.into());
    rec
}

#[wasm_bindgen_test]
async fn files_go_back_to_the_draft_when_the_case_from_the_draft_is_not_created() {
    use weiquan::core::case::CaseId;
    use weiquan::core::workflow::Case;
    use weiquan::store::{StoreError, cases};

    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let open_case = |id: &str, summary: &str| {
        let mut input = facts();
        input.summary = summary.into();
        Case::open(
            CaseId::new(id).unwrap(),
            input,
            at("2026-09-21 09:00"),
            "李四",
            "",
            at("2026-09-21 09:05"),
        )
        .unwrap()
    };
    let db = open("weiquan-test-attachments-4").await;
    // A case with this id is already stored (another tab drew the same random id).
    let first = open_case("WQ-20260921-0001", "先登记的案件");
    cases::create(&db, &first, None, None).await.unwrap();
    let rows_before = cases::event_rows(&db, "WQ-20260921-0001").await.unwrap();

    let big: Vec<u8> = (0..=255u8).cycle().take(200_000).collect();
    let a = draft_record("att-d1", "case-new", &big);
    let b = draft_record("att-d2", "case-new", b"%PDF-1.4 draft");
    attachments::put_all(&db, &[a.clone(), b.clone()])
        .await
        .unwrap();
    let ids = vec![a.meta.id.clone(), b.meta.id.clone()];

    // The case write fails (duplicate id): the files are back on the draft, byte for byte,
    // none is on the case, and the stored case and its history are untouched.
    let clash = open_case("WQ-20260921-0001", "后登记的案件");
    let refused = attachments::create_from_draft(&db, "case-new", &ids, &clash, None).await;
    assert_eq!(
        refused,
        Err(StoreError::Duplicate("WQ-20260921-0001".into()))
    );
    assert_eq!(
        attachments::list_for_draft(&db, "case-new").await.unwrap(),
        [a.meta.clone(), b.meta.clone()]
    );
    assert!(
        attachments::list_for_case(&db, "WQ-20260921-0001")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        attachments::get(&db, "att-d1").await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(
        attachments::get(&db, "att-d2").await.unwrap(),
        Some(b.clone())
    );
    let stored = cases::get(&db, "WQ-20260921-0001").await.unwrap().unwrap();
    assert_eq!(stored, first);
    assert_eq!(
        cases::event_rows(&db, "WQ-20260921-0001").await.unwrap(),
        rows_before
    );
    assert_eq!(cases::all_records(&db).await.unwrap().len(), 1);

    // A file missing from the draft: refused before anything is written.
    let missing = vec![a.meta.id.clone(), "att-gone".to_owned()];
    let fresh = open_case("WQ-20260921-0002", "后登记的案件");
    assert!(matches!(
        attachments::create_from_draft(&db, "case-new", &missing, &fresh, None).await,
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(cases::get(&db, "WQ-20260921-0002").await.unwrap(), None);
    assert_eq!(
        attachments::list_for_draft(&db, "case-new")
            .await
            .unwrap()
            .len(),
        2
    );

    // With a fresh id the same files move to the case and leave the draft.
    attachments::create_from_draft(&db, "case-new", &ids, &fresh, None)
        .await
        .unwrap();
    assert!(
        attachments::list_for_draft(&db, "case-new")
            .await
            .unwrap()
            .is_empty()
    );
    let moved = attachments::list_for_case(&db, "WQ-20260921-0002")
        .await
        .unwrap();
    assert_eq!(moved.len(), 2);
    assert!(moved.iter().all(|m| m.draft_id.is_none()));
    let back = attachments::get(&db, "att-d1").await.unwrap().unwrap();
    assert_eq!(back.bytes, big);
    assert_eq!(back.meta.sha256, a.meta.sha256);
    db.close();
}
