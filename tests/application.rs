//! The guided application: eligibility for every applicant × status (第三十、三十九、四十一条),
//! the wizard's per-step validation, the application package (round trip, refusals, fuzzing)
//! and the "what happens next" dates (第三十一、三十二条).
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::NaiveDate;
use weiquan::core::application::{
    ApplicantRole, ApplicationForm, Contact, ExtraField, MAX_PACKAGE_BYTES, PACKAGE_VERSION,
    PackageError, PackageFile, Step, WizardField, add_files, complete, duty_note, eligibility,
    export_package, first_incomplete, form_files, parse_package, remove_file, validate_step,
    what_next,
};
use weiquan::core::attachment::{
    AttachmentRefusal, MAX_APPLICATION_FILE_BYTES, MAX_APPLICATION_FILES, attachment_checksum,
};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::AttachmentRef;
use weiquan::core::case::{CaseField, CaseInput, PersonStatus, Relation};
use weiquan::core::deadline::Readings;
use weiquan::core::guide::DutyLink;
use weiquan::core::training::SplitMix64;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 10, 12)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn officer_form() -> ApplicationForm {
    ApplicationForm {
        input: CaseInput {
            applicant_kind: "officer".into(),
            status: "officer".into(),
            officer_name: "张明".into(),
            officer_badge: "A12345".into(),
            officer_unit: "南湖区分局解放派出所".into(),
            harmed: "self".into(),
            incident_date: "2026-09-28".into(),
            incident_time: "21:30".into(),
            incident_place: "解放路与中山路交叉口".into(),
            duty: "off_duty_acting".into(),
            site: "off_site".into(),
            grounds: strings(&["harm"]),
            categories: strings(&["insult"]),
            injury: "none".into(),
            property_loss_yuan: "".into(),
            help: strings(&["clearance"]),
            summary: "下班途中制止盗窃，被对方当众辱骂。".into(),
            ..CaseInput::default()
        },
        contact: Contact {
            phone: "13800000000".into(),
        },
        consent: true,
    }
}

fn spouse_form() -> ApplicationForm {
    let mut form = officer_form();
    form.input.applicant_kind = "near_relative".into();
    form.input.applicant_name = "李芳".into();
    form.input.applicant_relation = "spouse".into();
    form.input.harmed = "near_relative".into();
    form.input.harmed_relation = "spouse".into();
    form.input.duty = "because_of_duty".into();
    form
}

#[test]
fn every_applicant_may_apply_for_every_status_and_the_footing_is_cited() {
    for role in ApplicantRole::all() {
        for status in PersonStatus::ALL {
            let e = eligibility(role, status);
            assert!(e.may_apply, "{role:?} × {status:?}");
            assert!(e.articles.contains(&30), "{role:?} × {status:?}");
            assert!(e.explanation.contains("第三十"), "{}", e.explanation);
            let by_39 = role == ApplicantRole::OtherRelative;
            let by_41 = status != PersonStatus::Officer;
            assert_eq!(e.by_reference.contains(&39), by_39, "{role:?} × {status:?}");
            assert_eq!(e.by_reference.contains(&41), by_41, "{role:?} × {status:?}");
            assert_eq!(e.is_by_reference(), by_39 || by_41);
            assert_eq!(e.explanation.contains("参照办理"), by_39 || by_41);
            assert_eq!(e.condition.is_some(), by_41);
            if by_41 {
                assert!(e.explanation.contains("第四十一条"));
            }
            if matches!(role, ApplicantRole::NearRelative(_)) {
                assert!(e.articles.contains(&39));
                assert!(e.explanation.contains("第三十九条"));
            }
        }
    }
}

#[test]
fn the_role_is_read_from_the_typed_form_and_needs_a_near_relatives_relation() {
    let cases: &[(&str, &str, Option<ApplicantRole>)] = &[
        ("officer", "", Some(ApplicantRole::Themself)),
        (
            "near_relative",
            "full_sibling",
            Some(ApplicantRole::NearRelative(Relation::FullSibling)),
        ),
        ("near_relative", "祖母", None),
        ("other_relative", "祖母", Some(ApplicantRole::OtherRelative)),
        ("department", "", Some(ApplicantRole::Department)),
        ("", "", None),
    ];
    for (kind, relation, expected) in cases {
        let input = CaseInput {
            applicant_kind: kind.to_string(),
            applicant_relation: relation.to_string(),
            ..CaseInput::default()
        };
        assert_eq!(
            ApplicantRole::from_input(&input),
            *expected,
            "{kind} {relation}"
        );
    }
}

#[test]
fn off_duty_action_is_duty_for_officers_only() {
    let table = [
        (PersonStatus::Officer, DutyLink::OffDutyActing, true, 40),
        (
            PersonStatus::AuxiliaryOfficer,
            DutyLink::OffDutyActing,
            false,
            41,
        ),
        (PersonStatus::Cadet, DutyLink::OnDuty, true, 41),
        (PersonStatus::Officer, DutyLink::OnDuty, true, 30),
        (PersonStatus::Officer, DutyLink::Unrelated, false, 2),
    ];
    for (status, duty, covered, article) in table {
        let note = duty_note(status, duty);
        assert_eq!(
            (note.covered, note.article),
            (covered, article),
            "{status:?} {duty:?}"
        );
        assert!(!note.explanation.is_empty());
    }
}

#[test]
fn a_complete_form_has_no_step_issues_for_officer_and_spouse() {
    for form in [officer_form(), spouse_form()] {
        for step in Step::ALL {
            assert_eq!(validate_step(&form, step, today()), vec![], "{step:?}");
        }
        assert_eq!(first_incomplete(&form, today()), None);
        assert!(complete(&form, today()).is_ok());
    }
}

#[test]
fn each_step_reports_all_and_only_its_own_problems() {
    let empty = ApplicationForm::default();
    let applicant = validate_step(&empty, Step::Applicant, today());
    assert_eq!(applicant.len(), 1);
    assert_eq!(
        applicant[0].field,
        WizardField::Case(CaseField::ApplicantKind)
    );

    let mut form = officer_form();
    form.input.incident_date = "2027-01-01".into();
    form.input.incident_place = "".into();
    form.input.summary = "".into();
    form.input.help = strings(&["nonsense"]);
    let incident = validate_step(&form, Step::Incident, today());
    let fields: Vec<WizardField> = incident.iter().map(|i| i.field).collect();
    assert_eq!(
        fields,
        vec![
            WizardField::Case(CaseField::IncidentDate),
            WizardField::Case(CaseField::IncidentPlace),
            WizardField::Case(CaseField::Summary),
        ]
    );
    assert_eq!(validate_step(&form, Step::Applicant, today()), vec![]);
    assert_eq!(validate_step(&form, Step::Help, today()).len(), 1);
    assert_eq!(first_incomplete(&form, today()), Some(Step::Incident));
}

#[test]
fn contact_and_consent_are_required() {
    let mut form = officer_form();
    form.consent = false;
    for (phone, ok) in [
        ("", false),
        ("abc", false),
        ("123", false),
        ("0573-82000000", true),
        ("+86 138 0000 0000", true),
    ] {
        form.contact.phone = phone.into();
        let issues = validate_step(&form, Step::Contact, today());
        assert_eq!(issues.is_empty(), ok, "{phone}");
        if !ok {
            assert_eq!(issues[0].field, WizardField::Extra(ExtraField::Phone));
            assert_eq!(issues[0].field.control_id(), "contact-phone");
        }
    }
    let consent = validate_step(&form, Step::Consent, today());
    assert_eq!(consent[0].field.control_id(), "consent");
    assert!(complete(&form, today()).is_err());
}

#[test]
fn steps_run_in_order_with_slugs_that_round_trip() {
    assert_eq!(Step::Applicant.previous(), None);
    assert_eq!(Step::Consent.next(), None);
    for (i, step) in Step::ALL.into_iter().enumerate() {
        assert_eq!(step.number(), i + 1);
        assert_eq!(Step::from_slug(step.slug()), Some(step));
        if let Some(next) = step.next() {
            assert_eq!(next.previous(), Some(step));
        }
    }
}

fn created() -> chrono::NaiveDateTime {
    day(2026, 10, 11).and_hms_opt(9, 30, 0).unwrap()
}

#[test]
fn an_exported_package_parses_back_to_the_same_application() {
    for form in [officer_form(), spouse_form()] {
        let text = export_package(&form, created(), &[]);
        let package = parse_package(&text, today()).unwrap();
        assert_eq!(package.input, form.input);
        assert_eq!(package.contact, form.contact);
        assert_eq!(package.created_at, created());
        assert_eq!(package.sha256.len(), 64);
        assert_eq!(package.facts, complete(&form, today()).unwrap().facts);
        assert!(package.files.is_empty());
        assert_eq!(package.version, PACKAGE_VERSION);
    }
}

#[test]
fn damaged_packages_are_refused_with_the_reason() {
    let text = export_package(&officer_form(), created(), &[]);
    let tampered = text.replace("张明", "张三");
    let mut bumped: serde_json::Value = serde_json::from_str(&text).unwrap();
    bumped["version"] = serde_json::json!(3);
    let mut extra: serde_json::Value = serde_json::from_str(&text).unwrap();
    extra["unexpected"] = serde_json::json!(1);
    let cases: Vec<(String, PackageError)> = vec![
        (tampered, PackageError::Tampered),
        (text[..text.len() / 2].to_string(), PackageError::Truncated),
        ("".into(), PackageError::Empty),
        ("hello".into(), PackageError::Foreign),
        (
            r#"{"format":"other","version":1}"#.into(),
            PackageError::Foreign,
        ),
        ("[1,2]".into(), PackageError::Foreign),
        (bumped.to_string(), PackageError::UnsupportedVersion(3)),
        (
            " ".repeat(MAX_PACKAGE_BYTES + 1),
            PackageError::TooLarge(MAX_PACKAGE_BYTES + 1),
        ),
    ];
    for (input, expected) in cases {
        let err = parse_package(&input, today()).unwrap_err();
        assert_eq!(err, expected);
        assert!(!err.to_string().is_empty());
    }
    assert!(matches!(
        parse_package(&extra.to_string(), today()),
        Err(PackageError::Schema(_))
    ));
}

#[test]
fn a_package_whose_checksum_matches_but_content_is_invalid_is_refused() {
    let mut form = officer_form();
    form.consent = false;
    let text = export_package(&form, created(), &[]);
    assert!(matches!(
        parse_package(&text, today()),
        Err(PackageError::Invalid(_))
    ));
    let future = export_package(
        &officer_form(),
        day(2026, 12, 1).and_hms_opt(8, 0, 0).unwrap(),
        &[],
    );
    assert!(matches!(
        parse_package(&future, today()),
        Err(PackageError::Invalid(_))
    ));
}

const SPICE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "-1",
    "1e309",
    "\u{0}",
    "\u{feff}",
    "𠀀",
    "\\u0000",
    "\"sha256\":\"00\"",
    "\"version\":2",
    "\n",
];

fn mutate(rng: &mut SplitMix64, seed: &str) -> String {
    let mut below = |n: usize| (rng.next_u64() % n.max(1) as u64) as usize;
    let mut chars: Vec<char> = seed.chars().collect();
    for _ in 0..=below(4) {
        let at = below(chars.len() + 1);
        match below(5) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => {
                let end = (at + below(40)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            2 => {
                let spice: Vec<char> = SPICE[below(SPICE.len())].chars().collect();
                chars.splice(at..at, spice);
            }
            3 if at < chars.len() => {
                chars[at] = char::from_u32(chars[at] as u32 ^ (1 << below(8))).unwrap_or('?');
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_packages_never_panic_and_are_accepted_only_unchanged() {
    let seeds = [
        export_package(&officer_form(), created(), &[]),
        export_package(&spouse_form(), created(), &[]),
    ];
    let originals: Vec<_> = seeds
        .iter()
        .map(|s| parse_package(s, today()).unwrap())
        .collect();
    let mut rng = SplitMix64::new(0xA991);
    let (mut accepted, mut refused) = (0usize, 0usize);
    for round in 0..100_000 {
        let which = round % seeds.len();
        let input = mutate(&mut rng, &seeds[which]);
        let result = catch_unwind(AssertUnwindSafe(|| parse_package(&input, today())));
        match result {
            Ok(Ok(package)) => {
                // Only changes the checksum does not cover (white space) can pass.
                assert_eq!(package.input, originals[which].input, "round {round}");
                assert_eq!(package.sha256, originals[which].sha256);
                accepted += 1;
            }
            Ok(Err(e)) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
            Err(_) => panic!("round {round} panicked: {input:?}"),
        }
    }
    assert_eq!(accepted + refused, 100_000);
    assert!(refused > 90_000, "{accepted} accepted");
}

#[test]
fn what_next_counts_the_reply_from_receipt_over_the_national_day_week() {
    let calendar = Calendar::builtin();
    let next = what_next(&calendar, day(2026, 9, 30), &Readings::default()).unwrap();
    assert!(next.reply.deadline.due > day(2026, 10, 7));
    assert!(next.investigation.deadline.due > next.reply.deadline.due);
    assert!(next.reply.what.contains("第三十一条"));
    assert!(next.investigation.what.contains("第三十二条"));
    assert!(next.review_window.contains("10个工作日"));
    assert!(next.deemed_acceptance.contains("视为受理"));
    let ordinary = what_next(&calendar, day(2026, 11, 2), &Readings::default()).unwrap();
    assert_eq!(ordinary.reply.deadline.due, day(2026, 11, 5));
}

/// Mutated version 2 packages with files: fewer rounds than the version 1 test above (each input
/// is larger and hashed twice over), which already gives the parser 100,000.
const ROUNDS_WITH_FILES: usize = 50_000;

/// Version 2 packages carry the files themselves (base64, a SHA-256 each): mutated copies of
/// one with two files must never panic, and only a copy the checksums do not see as changed
/// (white space) may be accepted, with the same form and byte-identical files.
#[test]
fn mutated_packages_with_files_never_panic_and_are_accepted_only_unchanged() {
    let (form, files) = form_with_files();
    let seed = export_package(&form, created(), &files);
    let original = parse_package(&seed, today()).unwrap();
    assert_eq!(original.files, files);
    let mut rng = SplitMix64::new(0xF11E5);
    let (mut accepted, mut refused) = (0usize, 0usize);
    for round in 0..ROUNDS_WITH_FILES {
        let input = mutate(&mut rng, &seed);
        match catch_unwind(AssertUnwindSafe(|| parse_package(&input, today()))) {
            Ok(Ok(package)) => {
                assert_eq!(package.input, original.input, "round {round}");
                assert_eq!(package.files, original.files, "round {round}");
                assert_eq!(package.sha256, original.sha256);
                accepted += 1;
            }
            Ok(Err(e)) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
            Err(_) => panic!("round {round} panicked: {input:?}"),
        }
    }
    assert_eq!(accepted + refused, ROUNDS_WITH_FILES);
    assert!(refused > ROUNDS_WITH_FILES * 9 / 10, "{accepted} accepted");
}

fn file(id: &str, name: &str, mime: &str, bytes: &[u8]) -> PackageFile {
    PackageFile::new(
        AttachmentRef {
            id: id.into(),
            file_name: name.into(),
            mime: mime.into(),
            size: bytes.len() as u64,
        },
        bytes.to_vec(),
    )
}

/// The officer's form with two files attached on the evidence screen, and those files.
fn form_with_files() -> (ApplicationForm, Vec<PackageFile>) {
    let files = vec![
        file(
            "att-1",
            "现场照片.jpg",
            "image/jpeg",
            b"\xff\xd8\xff jpeg bytes",
        ),
        file("att-2", "录音.mp3", "audio/mpeg", b"ID3 some audio"),
    ];
    let refs: Vec<AttachmentRef> = files.iter().map(|f| f.reference.clone()).collect();
    let form = add_files(&officer_form(), "现场照片和录音", &refs).unwrap();
    (form, files)
}

#[test]
fn files_added_on_the_evidence_screen_form_one_evidence_item_and_can_be_removed() {
    let (form, _) = form_with_files();
    assert_eq!(form.input.evidence.len(), 1);
    assert_eq!(form.input.evidence[0].description, "现场照片和录音");
    assert_eq!(form_files(&form).len(), 2);
    assert!(validate_step(&form, Step::Evidence, today()).is_empty());
    assert!(complete(&form, today()).is_ok());
    let fewer = remove_file(&form, "att-1");
    assert_eq!(form_files(&fewer).len(), 1);
    let none = remove_file(&fewer, "att-2");
    assert!(none.input.evidence.is_empty(), "an item without files goes");
    // A path in the name is cut to the file name.
    let with_path = add_files(
        &officer_form(),
        "照片",
        &[AttachmentRef {
            id: "att-9".into(),
            file_name: "C:\\Users\\me\\a.png".into(),
            mime: "image/png".into(),
            size: 3,
        }],
    )
    .unwrap();
    assert_eq!(form_files(&with_path)[0].file_name, "a.png");
}

#[test]
fn the_evidence_screen_refuses_whole_choices_over_the_limits() {
    let reference = |n: usize, size: u64, mime: &str| AttachmentRef {
        id: format!("att-{n}"),
        file_name: format!("f{n}.jpg"),
        mime: mime.into(),
        size,
    };
    let base = officer_form();
    assert_eq!(
        add_files(&base, "  ", &[reference(0, 10, "image/jpeg")]),
        Err(AttachmentRefusal::DescriptionMissing)
    );
    assert!(matches!(
        add_files(&base, "文件", &[reference(0, 10, "application/zip")]),
        Err(AttachmentRefusal::TypeNotAllowed { .. })
    ));
    assert!(matches!(
        add_files(&base, "文件", &[reference(0, 0, "image/jpeg")]),
        Err(AttachmentRefusal::Empty { .. })
    ));
    let many: Vec<AttachmentRef> = (0..=MAX_APPLICATION_FILES)
        .map(|n| reference(n, 10, "image/jpeg"))
        .collect();
    let refused = add_files(&base, "文件", &many).unwrap_err();
    assert!(matches!(
        refused,
        AttachmentRefusal::TooManyInApplication { .. }
    ));
    assert!(refused.to_string().contains("20"));
    assert!(add_files(&base, "文件", &many[..MAX_APPLICATION_FILES]).is_ok());
    let half = MAX_APPLICATION_FILE_BYTES / 2;
    let two_halves = add_files(
        &base,
        "视频",
        &[
            reference(0, half, "video/mp4"),
            reference(1, half, "video/mp4"),
        ],
    )
    .unwrap();
    let over = add_files(&two_halves, "再一个", &[reference(2, 1, "image/jpeg")]).unwrap_err();
    assert!(matches!(
        over,
        AttachmentRefusal::ApplicationTooLarge { .. }
    ));
    // Nothing of a refused choice is kept: the form is returned only on success.
    assert_eq!(form_files(&two_halves).len(), 2);
    // A form edited past the limits by hand is stopped on the evidence screen.
    let mut forced = two_halves.clone();
    forced.input.evidence[0]
        .attachments
        .push(reference(3, 5, "image/png"));
    let issues = validate_step(&forced, Step::Evidence, today());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].field.control_id(), "evidence");
    assert!(complete(&forced, today()).is_err());
}

#[test]
fn a_package_embeds_the_files_and_gives_them_back_verified() {
    let (form, files) = form_with_files();
    let text = export_package(&form, created(), &files);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], serde_json::json!(2));
    assert_eq!(json["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["attachments"][0]["sha256"],
        serde_json::json!(attachment_checksum(b"\xff\xd8\xff jpeg bytes"))
    );
    let package = parse_package(&text, today()).unwrap();
    assert_eq!(package.files, files);
    assert_eq!(package.facts.evidence.len(), 1);
    assert_eq!(package.facts.evidence[0].attachments.len(), 2);
    let (facts, renamed) = package.with_new_ids(|i| format!("case-file-{i}"));
    assert_eq!(renamed[0].reference.id, "case-file-0");
    assert_eq!(renamed[1].bytes, b"ID3 some audio".to_vec());
    let ids: Vec<&str> = facts.evidence[0]
        .attachments
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["case-file-0", "case-file-1"]);
}

#[test]
fn a_package_with_altered_file_bytes_is_refused_naming_the_file() {
    use base64::Engine;
    let (form, files) = form_with_files();
    let text = export_package(&form, created(), &files);
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["attachments"][1]["data"] =
        serde_json::json!(base64::engine::general_purpose::STANDARD.encode(b"ID3 other audio"));
    let err = parse_package(&json.to_string(), today()).unwrap_err();
    assert_eq!(err, PackageError::FileTampered("录音.mp3".into()));
    assert!(err.to_string().contains("录音.mp3"));
    // Bytes and their checksum changed together: the package checksum catches it.
    let other = b"ID3 other audio";
    json["attachments"][1]["sha256"] = serde_json::json!(attachment_checksum(other));
    assert_eq!(
        parse_package(&json.to_string(), today()).unwrap_err(),
        PackageError::Tampered
    );
    // Not base64 at all.
    let mut garbled: serde_json::Value = serde_json::from_str(&text).unwrap();
    garbled["attachments"][0]["data"] = serde_json::json!("@@@");
    assert!(matches!(
        parse_package(&garbled.to_string(), today()),
        Err(PackageError::FileTampered(_))
    ));
    // A file dropped from the package: checksum refuses it.
    let mut dropped: serde_json::Value = serde_json::from_str(&text).unwrap();
    dropped["attachments"].as_array_mut().unwrap().pop();
    assert_eq!(
        parse_package(&dropped.to_string(), today()).unwrap_err(),
        PackageError::Tampered
    );
}

#[test]
fn a_package_whose_files_do_not_match_the_evidence_list_is_refused() {
    let (form, files) = form_with_files();
    // The form lists two files; the package carries one (made consistently, checksum valid).
    let text = export_package(&form, created(), &files[..1]);
    assert!(matches!(
        parse_package(&text, today()),
        Err(PackageError::Schema(_))
    ));
    // An extra file the evidence does not list.
    let mut extra = files.clone();
    extra.push(file("att-3", "多余.png", "image/png", b"png"));
    let text = export_package(&form, created(), &extra);
    assert!(matches!(
        parse_package(&text, today()),
        Err(PackageError::Schema(_))
    ));
    // A type that is not evidence.
    let mut zip_form = officer_form();
    let zip = file("att-z", "a.zip", "application/zip", b"PK");
    zip_form
        .input
        .evidence
        .push(weiquan::core::case::EvidenceInput {
            description: "压缩包".into(),
            attachments: vec![zip.reference.clone()],
        });
    let text = export_package(&zip_form, created(), &[zip]);
    assert!(parse_package(&text, today()).is_err());
}

#[test]
fn a_package_over_the_file_limits_is_refused() {
    let mut form = officer_form();
    let files: Vec<PackageFile> = (0..=MAX_APPLICATION_FILES)
        .map(|n| file(&format!("att-{n}"), &format!("{n}.png"), "image/png", b"x"))
        .collect();
    for chunk in files.chunks(10) {
        form.input
            .evidence
            .push(weiquan::core::case::EvidenceInput {
                description: "照片".into(),
                attachments: chunk.iter().map(|f| f.reference.clone()).collect(),
            });
    }
    let text = export_package(&form, created(), &files);
    let err = parse_package(&text, today()).unwrap_err();
    assert!(matches!(err, PackageError::FilesOverLimit(_)), "{err:?}");
}

/// A version 1 package exactly as the previous build wrote it (no files, `attachments: []`).
fn version_1_package(form: &ApplicationForm, attachments: &[&str]) -> String {
    #[derive(serde::Serialize)]
    struct V1<'a> {
        format: &'a str,
        version: u32,
        created_at: &'a str,
        input: &'a CaseInput,
        contact: &'a Contact,
        consent: bool,
        attachments: Vec<String>,
    }
    let body = V1 {
        format: "weiquan-application",
        version: 1,
        created_at: "2026-10-11T09:30:00",
        input: &form.input,
        contact: &form.contact,
        consent: form.consent,
        attachments: attachments.iter().map(|s| s.to_string()).collect(),
    };
    let sha = attachment_checksum(serde_json::to_string(&body).unwrap().as_bytes());
    let mut value = serde_json::to_value(&body).unwrap();
    value["sha256"] = serde_json::json!(sha);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn version_1_packages_still_import_and_are_checked_as_before() {
    let text = version_1_package(&officer_form(), &[]);
    let package = parse_package(&text, today()).unwrap();
    assert_eq!(package.version, 1);
    assert!(package.files.is_empty());
    assert_eq!(
        package.facts,
        complete(&officer_form(), today()).unwrap().facts
    );
    let listed =
        parse_package(&version_1_package(&officer_form(), &["照片.jpg"]), today()).unwrap();
    assert_eq!(listed.listed, vec!["照片.jpg".to_string()]);
    assert_eq!(
        parse_package(&text.replace("张明", "张三"), today()).unwrap_err(),
        PackageError::Tampered
    );
    // A version 1 package cannot carry file contents, so its evidence may list none.
    let (with_files, _) = form_with_files();
    assert!(matches!(
        parse_package(&version_1_package(&with_files, &[]), today()),
        Err(PackageError::Schema(_))
    ));
}
