//! Evidence files: accepted types, limits per file and per case, display names, checksums,
//! and the amended facts that add or remove a file.

use chrono::NaiveDate;
use weiquan::core::attachment::{
    AttachmentRefusal, EvidenceTarget, MAX_ATTACHMENTS_PER_CASE, MAX_CASE_ATTACHMENT_BYTES,
    accept_attribute, attachment_checksum, case_attachments, check_file, display_name,
    effective_mime, is_image, size_text, type_label, with_attachments, without_attachment,
};
use weiquan::core::case::{
    AttachmentRef, CaseFacts, CaseInput, EvidenceInput, MAX_ATTACHMENT_BYTES, validate,
};

fn facts(evidence: Vec<EvidenceInput>) -> CaseFacts {
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
        evidence,
        ..CaseInput::default()
    };
    validate(&input, NaiveDate::from_ymd_opt(2026, 9, 25).unwrap()).unwrap()
}

fn file(id: &str, name: &str, mime: &str, size: u64) -> AttachmentRef {
    AttachmentRef {
        id: id.into(),
        file_name: name.into(),
        mime: mime.into(),
        size,
    }
}

fn one_item() -> CaseFacts {
    facts(vec![EvidenceInput {
        description: "现场照片".into(),
        attachments: vec![],
    }])
}

#[test]
fn checksum_is_the_sha256_of_the_bytes() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
    ];
    for (bytes, hex) in cases {
        assert_eq!(attachment_checksum(bytes), *hex);
    }
}

#[test]
fn display_name_keeps_only_the_last_path_part_without_control_characters() {
    let cases = [
        ("photo.png", "photo.png"),
        ("C:\\Users\\张三\\现场.jpg", "现场.jpg"),
        ("/home/a/b/记录.pdf", "记录.pdf"),
        ("a\u{0}b\u{7}\n.png", "ab.png"),
        ("  ", "未命名文件"),
        ("dir/", "未命名文件"),
        (
            "<img src=x onerror=alert(1)>.png",
            "<img src=x onerror=alert(1)>.png",
        ),
    ];
    for (raw, shown) in cases {
        assert_eq!(display_name(raw), shown, "{raw:?}");
    }
    assert_eq!(display_name(&"长".repeat(300)).chars().count(), 255);
}

#[test]
fn accepted_types_have_chinese_names_and_others_have_none() {
    let cases = [
        ("image/jpeg", Some("JPEG 图片")),
        ("IMAGE/PNG", Some("PNG 图片")),
        ("application/pdf", Some("PDF 文档")),
        ("audio/mpeg", Some("MP3 音频")),
        ("video/mp4", Some("MP4 视频")),
        ("application/x-msdownload", None),
        ("text/html", None),
        ("image/svg+xml", None),
        ("", None),
    ];
    for (mime, label) in cases {
        assert_eq!(type_label(mime), label, "{mime}");
    }
    assert!(is_image("image/webp"));
    assert!(!is_image("image/svg+xml"));
    assert!(!is_image("application/pdf"));
    assert!(accept_attribute().contains("application/pdf"));
    assert!(accept_attribute().contains(".jpg"));
}

#[test]
fn a_missing_type_is_taken_from_the_extension_and_a_reported_one_is_kept() {
    let cases = [
        ("", "a.PDF", "application/pdf"),
        ("", "a.jpeg", "image/jpeg"),
        ("", "a.exe", ""),
        ("", "noext", ""),
        ("Image/PNG", "a.pdf", "image/png"),
    ];
    for (reported, name, mime) in cases {
        assert_eq!(effective_mime(reported, name), mime, "{reported} {name}");
    }
}

#[test]
fn sizes_read_in_bytes_kilobytes_and_megabytes() {
    let cases = [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (5 * 1024 * 1024, "5.0 MB"),
    ];
    for (bytes, text) in cases {
        assert_eq!(size_text(bytes), text);
    }
}

#[test]
fn files_outside_the_limits_are_refused_with_a_reason() {
    let f = one_item();
    let target = EvidenceTarget::Existing(0);
    let refused = |file: AttachmentRef| check_file(&f, &target, &[], &file).unwrap_err();
    assert!(matches!(
        refused(file("a", "x.exe", "application/x-msdownload", 10)),
        AttachmentRefusal::TypeNotAllowed { .. }
    ));
    assert!(matches!(
        refused(file("a", "x.png", "image/png", 0)),
        AttachmentRefusal::Empty { .. }
    ));
    let big = refused(file("a", "x.mp4", "video/mp4", MAX_ATTACHMENT_BYTES + 1));
    assert!(matches!(big, AttachmentRefusal::TooLarge { .. }));
    assert!(big.to_string().contains("50.0 MB"), "{big}");
    assert!(
        check_file(
            &f,
            &target,
            &[],
            &file("a", "x.png", "image/png", MAX_ATTACHMENT_BYTES)
        )
        .is_ok()
    );
    assert_eq!(
        check_file(
            &f,
            &EvidenceTarget::Existing(3),
            &[],
            &file("a", "x.png", "image/png", 1)
        ),
        Err(AttachmentRefusal::NoSuchEvidence)
    );
    let message = refused(file("a", "x.txt", "", 1)).to_string();
    assert!(
        message.contains("未知") && message.contains("PDF"),
        "{message}"
    );
}

#[test]
fn the_case_total_and_count_limits_count_the_files_of_the_same_upload() {
    let f = one_item();
    let target = EvidenceTarget::New("录音".into());
    let half = MAX_CASE_ATTACHMENT_BYTES / 10;
    let pending: Vec<AttachmentRef> = (0..10)
        .map(|i| {
            file(
                &format!("p{i}"),
                "a.mp4",
                "video/mp4",
                half.min(MAX_ATTACHMENT_BYTES),
            )
        })
        .collect();
    let sum: u64 = pending.iter().map(|p| p.size).sum();
    assert!(sum <= MAX_CASE_ATTACHMENT_BYTES);
    let over = file(
        "x",
        "b.mp4",
        "video/mp4",
        MAX_CASE_ATTACHMENT_BYTES - sum + 1,
    );
    assert!(matches!(
        check_file(&f, &target, &pending, &over),
        Err(AttachmentRefusal::CaseTooLarge { .. })
    ));
    let many: Vec<AttachmentRef> = (0..MAX_ATTACHMENTS_PER_CASE)
        .map(|i| file(&format!("m{i}"), "a.png", "image/png", 1))
        .collect();
    assert!(matches!(
        check_file(&f, &target, &many, &file("y", "c.png", "image/png", 1)),
        Err(AttachmentRefusal::TooManyOnCase { .. })
    ));
    let per_item: Vec<AttachmentRef> = (0..20)
        .map(|i| file(&format!("e{i}"), "a.png", "image/png", 1))
        .collect();
    assert!(matches!(
        check_file(&f, &target, &per_item, &file("z", "c.png", "image/png", 1)),
        Err(AttachmentRefusal::TooManyOnEvidence { .. })
    ));
}

#[test]
fn added_files_go_to_the_chosen_item_with_clean_names_and_pass_validation_again() {
    let f = one_item();
    let files = [
        file("att-1", "C:\\tmp\\现场.PNG", "IMAGE/PNG", 100),
        file("att-2", "笔录.pdf", "application/pdf", 200),
    ];
    let next = with_attachments(&f, &EvidenceTarget::Existing(0), &files).unwrap();
    let names: Vec<&str> = case_attachments(&next)
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["现场.PNG", "笔录.pdf"]);
    assert_eq!(next.evidence[0].attachments[0].mime, "image/png");
    let fresh = with_attachments(
        &next,
        &EvidenceTarget::New(" 录音 ".into()),
        &[file("att-3", "a.mp3", "audio/mpeg", 5)],
    )
    .unwrap();
    assert_eq!(fresh.evidence.len(), 2);
    assert_eq!(fresh.evidence[1].description, "录音");
    // The amended facts still validate as the form would.
    let again = facts(
        fresh
            .evidence
            .iter()
            .map(|e| EvidenceInput {
                description: e.description.clone(),
                attachments: e.attachments.clone(),
            })
            .collect(),
    );
    assert_eq!(again.evidence, fresh.evidence);
}

#[test]
fn a_new_item_needs_a_description_and_a_bad_file_stops_the_whole_upload() {
    let f = one_item();
    let ok = file("a", "a.png", "image/png", 1);
    let cases = [
        (
            EvidenceTarget::New("  ".into()),
            AttachmentRefusal::DescriptionMissing,
        ),
        (
            EvidenceTarget::New("长".repeat(201)),
            AttachmentRefusal::DescriptionTooLong,
        ),
        (
            EvidenceTarget::Existing(1),
            AttachmentRefusal::NoSuchEvidence,
        ),
    ];
    for (target, refusal) in cases {
        assert_eq!(
            with_attachments(&f, &target, std::slice::from_ref(&ok)),
            Err(refusal)
        );
    }
    let bad = file("b", "b.html", "text/html", 1);
    assert!(with_attachments(&f, &EvidenceTarget::Existing(0), &[ok, bad]).is_err());
}

#[test]
fn removing_a_file_keeps_its_evidence_item_and_an_unknown_id_is_refused() {
    let f = with_attachments(
        &one_item(),
        &EvidenceTarget::Existing(0),
        &[
            file("a", "a.png", "image/png", 1),
            file("b", "b.pdf", "application/pdf", 2),
        ],
    )
    .unwrap();
    let next = without_attachment(&f, "a").unwrap();
    assert_eq!(next.evidence.len(), 1);
    assert_eq!(case_attachments(&next).len(), 1);
    assert_eq!(case_attachments(&next)[0].id, "b");
    assert_eq!(
        without_attachment(&next, "a"),
        Err(AttachmentRefusal::NotOnCase)
    );
}
