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
