//! The case model: the raw form's validation (every field, every problem at once, Chinese
//! messages tied to controls), amounts and times as typed, case ids, the 第十三条 legal-service
//! track and the case warnings (第十四、三十九、四十、四十一条).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use weiquan::core::case::{
    Applicant, AttachmentRef, CaseFacts, CaseField, CaseId, CaseIdError, CaseInput, CasePolicy,
    DutyLink, EvidenceInput, Ground, HarmedPerson, HelpKind, Injury, Issue, LegalService,
    MAX_ATTACHMENT_BYTES, Money, MoneyInputError, OffenceCategory, PersonStatus, Relation,
    Sanction, Site, Victim, WarningKind, legal_service, parse_time, parse_yuan, validate, warnings,
};
use weiquan::core::guide::{Answers, CarryOver};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    date("2026-10-20")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn file(id: &str) -> AttachmentRef {
    AttachmentRef {
        id: id.into(),
        file_name: "执法记录仪.mp4".into(),
        mime: "video/mp4".into(),
        size: 1024,
    }
}

fn valid() -> CaseInput {
    CaseInput {
        applicant_kind: "near_relative".into(),
        applicant_name: " 李芳 ".into(),
        applicant_relation: "spouse".into(),
        status: "officer".into(),
        officer_name: "张明".into(),
        officer_badge: "a12345".into(),
        officer_unit: "南湖区分局　解放派出所".into(),
        officer_post: "社区民警".into(),
        harmed: "self".into(),
        incident_date: "2026-09-28".into(),
        incident_time: "21:30".into(),
        incident_place: "解放路与中山路交叉口".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: strings(&["harm"]),
        categories: strings(&["insult", "obstruction"]),
        injury: "minor".into(),
        property_loss_yuan: "1200.5".into(),
        evidence: vec![EvidenceInput {
            description: "执法记录仪视频".into(),
            attachments: vec![file("att-1")],
        }],
        help: strings(&["protection", "legal_support"]),
        online: true,
        public_opinion_risk: false,
        major_or_urgent: false,
        summary: "处置纠纷时被当事人推搡、辱骂，\r\n视频已上传。".into(),
        ..CaseInput::default()
    }
}

fn accountability_input(input: &mut CaseInput) {
    input.grounds = strings(&["accountability"]);
    input.sanction = "major".into();
    input.sanction_decision = "记大过处分".into();
    input.sanction_decided_by = "市局政治部".into();
    input.sanction_date = "2026-10-10".into();
}

#[test]
fn a_complete_form_becomes_normalized_facts() {
    let facts = validate(&valid(), today()).unwrap();
    assert_eq!(
        facts.applicant,
        Applicant::NearRelative {
            name: "李芳".into(),
            relation: Relation::Spouse
        }
    );
    assert_eq!(facts.officer.badge.as_deref(), Some("A12345"));
    assert_eq!(facts.officer.unit, "南湖区分局 解放派出所");
    assert_eq!(
        facts.incident.at,
        date("2026-09-28").and_hms_opt(21, 30, 0).unwrap()
    );
    assert_eq!(facts.incident.site, Site::OffSite);
    // Categories and help follow the 细则's order, not the order ticked.
    assert_eq!(
        facts.categories,
        vec![OffenceCategory::Obstruction, OffenceCategory::Insult]
    );
    assert_eq!(
        facts.help,
        vec![HelpKind::LegalSupport, HelpKind::Protection]
    );
    assert_eq!(facts.property_loss, Money::from_fen(120_050));
    assert_eq!(facts.injury, Injury::Minor);
    assert_eq!(
        facts.summary,
        "处置纠纷时被当事人推搡、辱骂，\n视频已上传。"
    );
    assert!(facts.accountability.is_none());
}

#[test]
fn facts_turned_back_into_the_form_validate_to_the_same_facts() {
    let mut with_sanction = valid();
    accountability_input(&mut with_sanction);
    with_sanction.applicant_kind = "other_relative".into();
    with_sanction.applicant_relation = "祖母".into();
    with_sanction.harmed = "near_relative".into();
    with_sanction.harmed_relation = "daughter".into();
    with_sanction.duty = "because_of_duty".into();
    for input in [valid(), with_sanction] {
        let facts = validate(&input, today()).unwrap();
        assert_eq!(validate(&CaseInput::from(&facts), today()), Ok(facts));
    }
}

#[test]
fn an_incident_today_and_a_person_without_badge_are_accepted() {
    let mut input = valid();
    input.incident_date = "2026-10-20".into();
    input.status = "auxiliary".into();
    input.officer_badge = String::new();
    let facts = validate(&input, today()).unwrap();
    assert_eq!(facts.status, PersonStatus::AuxiliaryOfficer);
    assert_eq!(facts.officer.badge, None);
}

type Mutation = fn(&mut CaseInput);

#[test]
fn every_field_is_validated_with_a_chinese_message_on_its_control() {
    let rows: Vec<(&str, Mutation, CaseField, &str)> = vec![
        (
            "unknown applicant",
            |i| i.applicant_kind = "friend".into(),
            CaseField::ApplicantKind,
            "请选择申请人",
        ),
        (
            "relative without name",
            |i| i.applicant_name = " ".into(),
            CaseField::ApplicantName,
            "请填写申请人姓名",
        ),
        (
            "not a near relative",
            |i| i.applicant_relation = "cousin".into(),
            CaseField::ApplicantRelation,
            "第三十九条",
        ),
        (
            "other relative without relation",
            |i| {
                i.applicant_kind = "other_relative".into();
                i.applicant_relation = String::new();
            },
            CaseField::ApplicantRelation,
            "请填写与民警的关系",
        ),
        (
            "department without name",
            |i| i.applicant_kind = "department".into(),
            CaseField::ApplicantDepartment,
            "请填写申请部门名称",
        ),
        (
            "unknown status",
            |i| i.status = "volunteer".into(),
            CaseField::Status,
            "第四十一条",
        ),
        (
            "no officer name",
            |i| i.officer_name = String::new(),
            CaseField::OfficerName,
            "请填写当事人姓名",
        ),
        (
            "control character",
            |i| i.officer_name = "张\u{7}明".into(),
            CaseField::OfficerName,
            "控制字符",
        ),
        (
            "officer without badge",
            |i| i.officer_badge = String::new(),
            CaseField::OfficerBadge,
            "请填写民警的警号",
        ),
        (
            "badge with symbols",
            |i| i.officer_badge = "01-23".into(),
            CaseField::OfficerBadge,
            "数字或英文字母",
        ),
        (
            "badge too long",
            |i| i.officer_badge = "1234567890123".into(),
            CaseField::OfficerBadge,
            "最多12位",
        ),
        (
            "no unit",
            |i| i.officer_unit = String::new(),
            CaseField::OfficerUnit,
            "请填写当事人所在单位",
        ),
        (
            "post too long",
            |i| i.officer_post = "岗".repeat(41),
            CaseField::OfficerPost,
            "不能超过40个字（现在是41个字）",
        ),
        (
            "unknown harmed",
            |i| i.harmed = "neighbour".into(),
            CaseField::Harmed,
            "受侵害的人",
        ),
        (
            "harmed relative not near",
            |i| {
                i.harmed = "near_relative".into();
                i.harmed_relation = "uncle".into();
                i.duty = "because_of_duty".into();
            },
            CaseField::HarmedRelation,
            "第三十九条",
        ),
        (
            "incident in the future",
            |i| i.incident_date = "2026-10-21".into(),
            CaseField::IncidentDate,
            "晚于今天",
        ),
        (
            "no such month",
            |i| i.incident_date = "2026/13/01".into(),
            CaseField::IncidentDate,
            "没有13月",
        ),
        (
            "no date",
            |i| i.incident_date = String::new(),
            CaseField::IncidentDate,
            "请输入日期",
        ),
        (
            "no time",
            |i| i.incident_time = " ".into(),
            CaseField::IncidentTime,
            "请填写事件发生的时间",
        ),
        (
            "no such hour",
            |i| i.incident_time = "25:00".into(),
            CaseField::IncidentTime,
            "不是有效的时间",
        ),
        (
            "no place",
            |i| i.incident_place = String::new(),
            CaseField::IncidentPlace,
            "请填写事件发生地点",
        ),
        (
            "place too long",
            |i| i.incident_place = "路".repeat(101),
            CaseField::IncidentPlace,
            "不能超过100个字",
        ),
        (
            "relative's link for the officer",
            |i| i.duty = "because_of_duty".into(),
            CaseField::Duty,
            "侵害与履行职责的关系",
        ),
        (
            "第四十条 is for officers only",
            |i| {
                i.status = "auxiliary".into();
                i.duty = "off_duty_acting".into();
            },
            CaseField::Duty,
            "侵害与履行职责的关系",
        ),
        (
            "officer's link for a relative",
            |i| i.harmed = "other_relative".into(),
            CaseField::Duty,
            "侵害与履行职责的关系",
        ),
        (
            "no site",
            |i| i.site = String::new(),
            CaseField::Site,
            "第十一条",
        ),
        (
            "no ground",
            |i| i.grounds = Vec::new(),
            CaseField::Grounds,
            "至少选择一项",
        ),
        (
            "ground twice",
            |i| i.grounds = strings(&["harm", "harm"]),
            CaseField::Grounds,
            "重复",
        ),
        (
            "unknown ground",
            |i| i.grounds = strings(&["revenge"]),
            CaseField::Grounds,
            "没有这一申请事由",
        ),
        (
            "unknown category",
            |i| i.categories = strings(&["arson"]),
            CaseField::Categories,
            "没有这一侵权行为类型",
        ),
        (
            "ground 3 without its sanction",
            |i| i.grounds = strings(&["accountability"]),
            CaseField::Sanction,
            "请选择所受的责任追究",
        ),
        (
            "ground 3 without the deciding department",
            |i| {
                accountability_input(i);
                i.sanction_decided_by = String::new();
            },
            CaseField::SanctionDecidedBy,
            "作出决定的部门",
        ),
        (
            "ground 3 without the decision",
            |i| {
                accountability_input(i);
                i.sanction_decision = String::new();
            },
            CaseField::SanctionDecision,
            "决定的名称",
        ),
        (
            "sanction without ground 3",
            |i| i.sanction = "major".into(),
            CaseField::Sanction,
            "只有选择申请事由",
        ),
        (
            "sanction decided in the future",
            |i| {
                accountability_input(i);
                i.sanction_date = "2026-11-01".into();
            },
            CaseField::SanctionDate,
            "晚于今天",
        ),
        (
            "sanction before the incident",
            |i| {
                accountability_input(i);
                i.sanction_date = "2026-09-01".into();
            },
            CaseField::SanctionDate,
            "早于事件发生日期",
        ),
        (
            "unknown injury",
            |i| i.injury = "bruised".into(),
            CaseField::Injury,
            "请选择伤情",
        ),
        (
            "negative loss",
            |i| i.property_loss_yuan = "-5".into(),
            CaseField::PropertyLoss,
            "负数",
        ),
        (
            "three decimals",
            |i| i.property_loss_yuan = "12.345".into(),
            CaseField::PropertyLoss,
            "最多两位小数",
        ),
        (
            "absurd loss",
            |i| i.property_loss_yuan = "20000000000".into(),
            CaseField::PropertyLoss,
            "金额过大",
        ),
        (
            "evidence without description",
            |i| i.evidence[0].description = String::new(),
            CaseField::EvidenceDescription { evidence: 0 },
            "请填写第1项证据的说明",
        ),
        (
            "file with bad type",
            |i| i.evidence[0].attachments[0].mime = "video".into(),
            CaseField::Attachment {
                evidence: 0,
                attachment: 0,
            },
            "文件类型",
        ),
        (
            "empty file",
            |i| i.evidence[0].attachments[0].size = 0,
            CaseField::Attachment {
                evidence: 0,
                attachment: 0,
            },
            "空文件",
        ),
        (
            "file too large",
            |i| i.evidence[0].attachments[0].size = MAX_ATTACHMENT_BYTES + 1,
            CaseField::Attachment {
                evidence: 0,
                attachment: 0,
            },
            "超过50MB",
        ),
        (
            "file name with a path",
            |i| i.evidence[0].attachments[0].file_name = "a/b.mp4".into(),
            CaseField::Attachment {
                evidence: 0,
                attachment: 0,
            },
            "文件名",
        ),
        (
            "file without storage id",
            |i| i.evidence[0].attachments[0].id = String::new(),
            CaseField::Attachment {
                evidence: 0,
                attachment: 0,
            },
            "存储编号无效",
        ),
        (
            "the same file twice",
            |i| {
                i.evidence.push(EvidenceInput {
                    description: "现场照片".into(),
                    attachments: vec![file("att-1")],
                })
            },
            CaseField::Attachment {
                evidence: 1,
                attachment: 0,
            },
            "重复附加",
        ),
        (
            "too many evidence items",
            |i| i.evidence = vec![i.evidence[0].clone(); 101],
            CaseField::EvidenceList,
            "证据最多100项",
        ),
        (
            "unknown help",
            |i| i.help = strings(&["money"]),
            CaseField::Help,
            "没有这一帮助事项",
        ),
        (
            "help twice",
            |i| i.help = strings(&["protection", "protection"]),
            CaseField::Help,
            "重复",
        ),
        (
            "no summary",
            |i| i.summary = "\n ".into(),
            CaseField::Summary,
            "请简要说明事情经过",
        ),
        (
            "summary too long",
            |i| i.summary = "字".repeat(2001),
            CaseField::Summary,
            "不能超过2000个字",
        ),
    ];
    for (name, mutate, field, fragment) in rows {
        let mut input = valid();
        mutate(&mut input);
        let issues = validate(&input, today()).expect_err(name);
        assert!(
            issues
                .iter()
                .any(|i| i.field == field && i.message.contains(fragment)),
            "{name}: {issues:#?}"
        );
    }
}

#[test]
fn an_empty_form_reports_every_missing_answer_at_once() {
    let issues = validate(&CaseInput::default(), today()).unwrap_err();
    let fields: BTreeSet<String> = issues.iter().map(|i| i.field.control_id()).collect();
    let want: BTreeSet<String> = [
        "applicant-kind",
        "status",
        "officer-name",
        "officer-unit",
        "harmed",
        "incident-date",
        "incident-time",
        "incident-place",
        "duty",
        "site",
        "grounds",
        "injury",
        "summary",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(fields, want);
    assert!(
        issues
            .iter()
            .all(|Issue { message, .. }| message.ends_with('。')
                || message.ends_with('）')
                || message.ends_with("14:30"))
    );
}

#[test]
fn control_ids_are_distinct() {
    let fields = [
        CaseField::ApplicantKind,
        CaseField::ApplicantName,
        CaseField::ApplicantRelation,
        CaseField::ApplicantDepartment,
        CaseField::Status,
        CaseField::OfficerName,
        CaseField::OfficerBadge,
        CaseField::OfficerUnit,
        CaseField::OfficerPost,
        CaseField::Harmed,
        CaseField::HarmedRelation,
        CaseField::IncidentDate,
        CaseField::IncidentTime,
        CaseField::IncidentPlace,
        CaseField::Duty,
        CaseField::Site,
        CaseField::Grounds,
        CaseField::Categories,
        CaseField::Sanction,
        CaseField::SanctionDecision,
        CaseField::SanctionDecidedBy,
        CaseField::SanctionDate,
        CaseField::Injury,
        CaseField::PropertyLoss,
        CaseField::EvidenceList,
        CaseField::EvidenceDescription { evidence: 0 },
        CaseField::EvidenceDescription { evidence: 1 },
        CaseField::Attachment {
            evidence: 0,
            attachment: 0,
        },
        CaseField::Attachment {
            evidence: 0,
            attachment: 1,
        },
        CaseField::Attachment {
            evidence: 1,
            attachment: 0,
        },
        CaseField::Help,
        CaseField::Summary,
    ];
    let ids: BTreeSet<String> = fields.iter().map(|f| f.control_id()).collect();
    assert_eq!(ids.len(), fields.len());
    assert_eq!(
        CaseField::Attachment {
            evidence: 2,
            attachment: 3
        }
        .control_id(),
        "evidence-2-attachment-3"
    );
}

#[test]
fn amounts_are_read_in_yuan_and_kept_in_fen() {
    let rows: Vec<(&str, Result<u64, MoneyInputError>)> = vec![
        ("", Ok(0)),
        ("  ", Ok(0)),
        ("0", Ok(0)),
        ("1234", Ok(123_400)),
        ("1234.5", Ok(123_450)),
        ("1234.05", Ok(123_405)),
        ("1234.50元", Ok(123_450)),
        ("10000000000", Ok(1_000_000_000_000)),
        ("10000000000.01", Err(MoneyInputError::TooLarge)),
        ("99999999999999999999", Err(MoneyInputError::TooLarge)),
        ("-1", Err(MoneyInputError::Negative)),
        ("1,234", Err(MoneyInputError::NotAnAmount("1,234".into()))),
        ("12.", Err(MoneyInputError::NotAnAmount("12.".into()))),
        (".5", Err(MoneyInputError::NotAnAmount(".5".into()))),
        ("1.234", Err(MoneyInputError::NotAnAmount("1.234".into()))),
        ("一百", Err(MoneyInputError::NotAnAmount("一百".into()))),
    ];
    for (text, want) in rows {
        assert_eq!(parse_yuan(text).map(Money::fen), want, "{text:?}");
    }
    assert_eq!(Money::from_fen(123_405).to_string(), "1234.05元");
    assert_eq!(Money::from_fen(123_450).yuan_text(), "1234.50");
    assert_eq!(Money::from_fen(123_400).yuan_text(), "1234");
    assert_eq!(Money::from_yuan(u64::MAX), None);
}

#[test]
fn times_are_read_as_a_time_field_gives_them() {
    type Hms = (u32, u32, u32);
    let rows: Vec<(&str, Option<Hms>)> = vec![
        ("21:30", Some((21, 30, 0))),
        ("9:05", Some((9, 5, 0))),
        ("21:30:15", Some((21, 30, 15))),
        (" 00:00 ", Some((0, 0, 0))),
        ("24:00", None),
        ("21:60", None),
        ("21:3", None),
        ("2130", None),
        ("21：30", None),
        ("", None),
    ];
    for (text, want) in rows {
        let got = parse_time(text).ok().map(|t| {
            use chrono::Timelike;
            (t.hour(), t.minute(), t.second())
        });
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn case_ids_are_url_safe_and_bounded() {
    let rows: Vec<(String, Result<(), CaseIdError>)> = vec![
        ("WQ-2026-0001".into(), Ok(())),
        ("a_b".into(), Ok(())),
        ("x".repeat(64), Ok(())),
        ("x".repeat(65), Err(CaseIdError::TooLong)),
        (String::new(), Err(CaseIdError::Empty)),
        ("WQ 1".into(), Err(CaseIdError::BadCharacter)),
        ("维权1".into(), Err(CaseIdError::BadCharacter)),
        ("a/b".into(), Err(CaseIdError::BadCharacter)),
    ];
    for (id, want) in rows {
        assert_eq!(CaseId::new(id.clone()).map(|_| ()), want, "{id:?}");
    }
    let bad: Result<CaseId, _> = serde_json::from_str("\"a b\"");
    assert!(bad.is_err());
    let good: CaseId = serde_json::from_str("\"WQ-1\"").unwrap();
    assert_eq!(good.as_str(), "WQ-1");
}

fn facts() -> CaseFacts {
    validate(&valid(), today()).unwrap()
}

#[test]
fn the_legal_service_track_follows_article_thirteen() {
    let threshold = CasePolicy {
        large_loss: Money::from_yuan(5000),
    };
    let unset = CasePolicy::default();
    let with = |injury, yuan| CaseFacts {
        injury,
        property_loss: Money::from_yuan(yuan).unwrap(),
        ..facts()
    };
    let rows: Vec<(&str, CaseFacts, CasePolicy, Option<&str>)> = vec![
        ("轻微伤", with(Injury::Minor, 0), threshold, Some("lawyer")),
        ("death", with(Injury::Death, 0), unset, Some("lawyer")),
        (
            "large loss",
            with(Injury::None, 5000),
            threshold,
            Some("lawyer"),
        ),
        (
            "loss below threshold",
            with(Injury::None, 4999),
            threshold,
            Some("coordination"),
        ),
        (
            "nothing lost",
            with(Injury::None, 0),
            unset,
            Some("coordination"),
        ),
        (
            "awaiting appraisal",
            with(Injury::Pending, 0),
            threshold,
            Some("undetermined"),
        ),
        (
            "loss, no threshold",
            with(Injury::None, 100),
            unset,
            Some("undetermined"),
        ),
        (
            "not asked",
            CaseFacts {
                help: Vec::new(),
                ..with(Injury::Minor, 0)
            },
            threshold,
            None,
        ),
    ];
    for (name, facts, policy, want) in rows {
        let got = legal_service(&facts, &policy).map(|s| match s {
            LegalService::Lawyer => "lawyer",
            LegalService::Coordination => "coordination",
            LegalService::Undetermined { .. } => "undetermined",
        });
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn warnings_follow_from_the_facts() {
    let policy = CasePolicy::default();
    let kinds = |f: &CaseFacts| -> Vec<(WarningKind, u8)> {
        warnings(f, &policy)
            .into_iter()
            .map(|w| (w.kind, w.article))
            .collect()
    };
    let plain = CaseFacts {
        help: Vec::new(),
        ..facts()
    };
    type Shown = Vec<(WarningKind, u8)>;
    let rows: Vec<(&str, CaseFacts, Shown)> = vec![
        (
            "harm: no private contact or compensation",
            plain.clone(),
            vec![
                (WarningKind::NoPrivateContact, 14),
                (WarningKind::NoPrivateCompensation, 14),
            ],
        ),
        (
            "assault: no mediation",
            CaseFacts {
                categories: vec![OffenceCategory::Assault],
                ..plain.clone()
            },
            vec![
                (WarningKind::NoMediation, 14),
                (WarningKind::NoPrivateContact, 14),
                (WarningKind::NoPrivateCompensation, 14),
            ],
        ),
        (
            "accountability only: nothing",
            CaseFacts {
                grounds: vec![Ground::WrongfulAccountability],
                ..plain.clone()
            },
            vec![],
        ),
        (
            "an auxiliary officer, by reference",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                status: PersonStatus::AuxiliaryOfficer,
                ..plain.clone()
            },
            vec![(WarningKind::ByReference, 41)],
        ),
        (
            "another relative, by reference",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                harmed: HarmedPerson::OtherRelative {
                    relation: "祖母".into(),
                },
                incident: weiquan::core::case::Incident {
                    duty: DutyLink::BecauseOfDuty,
                    ..plain.incident.clone()
                },
                ..plain.clone()
            },
            vec![(WarningKind::ByReference, 39)],
        ),
        (
            "off duty, acting: deemed on duty",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                incident: weiquan::core::case::Incident {
                    duty: DutyLink::OffDutyActing,
                    ..plain.incident.clone()
                },
                ..plain.clone()
            },
            vec![(WarningKind::OffDutyDeemedOnDuty, 40)],
        ),
        (
            "unrelated to duty",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                incident: weiquan::core::case::Incident {
                    duty: DutyLink::Unrelated,
                    ..plain.incident.clone()
                },
                ..plain.clone()
            },
            vec![(WarningKind::UnrelatedToDuty, 30)],
        ),
        (
            "legal support awaiting appraisal",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                help: vec![HelpKind::LegalSupport],
                injury: Injury::Pending,
                ..plain.clone()
            },
            vec![(WarningKind::LegalServiceUndetermined, 13)],
        ),
        (
            "before the 细则",
            CaseFacts {
                grounds: vec![Ground::Unprotected],
                incident: weiquan::core::case::Incident {
                    at: date("2020-05-11").and_hms_opt(8, 0, 0).unwrap(),
                    ..plain.incident.clone()
                },
                ..plain.clone()
            },
            vec![(WarningKind::BeforeRulesInForce, 43)],
        ),
    ];
    for (name, facts, want) in rows {
        assert_eq!(kinds(&facts), want, "{name}");
    }
    let texts = warnings(&plain, &policy);
    assert!(
        texts[0]
            .text
            .contains("严禁受侵犯民警非因工作需要与侵犯人或家属私下接触")
    );
}

#[test]
fn statuses_agree_with_the_guides_victims() {
    use weiquan::core::guide::Choice;
    for status in PersonStatus::ALL {
        assert_eq!(status.key(), status.victim().id());
        assert_eq!(status.by_reference(), status.victim().by_reference());
        assert_eq!(PersonStatus::from_key(status.key()), Some(status));
    }
    assert_eq!(PersonStatus::VisitingOfficer.by_reference(), Some(41));
    assert!(PersonStatus::VisitingOfficer.is_police_officer());
    assert_eq!(
        Victim::from_id("near_relative").map(|v| v.by_reference()),
        Some(None)
    );
}

#[test]
fn the_guides_result_prefills_the_form() {
    let carry = CarryOver {
        ground: Some(Ground::Infringed),
        victim: Some(Victim::NearRelative),
        act_date: Some(date("2026-09-28")),
        categories: vec![OffenceCategory::ThreatOrHarassment],
        injury: Some(Injury::None),
        property_loss: None,
        sanction: None,
        on_site: false,
        summary: "民警妻子多次收到恐吓短信。".into(),
        answers: Answers::new(),
    };
    let mut input = CaseInput::from_carry_over(&carry);
    assert_eq!(input.status, "officer");
    assert_eq!(input.harmed, "near_relative");
    assert_eq!(input.categories, strings(&["threat_or_harassment"]));
    assert_eq!(input.incident_date, "2026-09-28");
    // The rest is typed by the user.
    input.applicant_kind = "officer".into();
    input.officer_name = "张明".into();
    input.officer_badge = "012345".into();
    input.officer_unit = "南湖区分局".into();
    input.harmed_relation = "spouse".into();
    input.incident_time = "20:00".into();
    input.incident_place = "民警住所".into();
    input.duty = "because_of_duty".into();
    input.site = "off_site".into();
    let facts = validate(&input, today()).unwrap();
    assert_eq!(facts.victim(), Victim::NearRelative);
    assert_eq!(
        facts.harmed,
        HarmedPerson::NearRelative {
            relation: Relation::Spouse
        }
    );
    assert!(facts.needs_protection());
}

#[test]
fn a_saved_draft_with_missing_fields_still_loads() {
    let input: CaseInput = serde_json::from_str(r#"{"officer_name":"张明"}"#).unwrap();
    assert_eq!(input.officer_name, "张明");
    assert!(input.grounds.is_empty());
}

#[test]
fn appeals_are_open_to_major_demerits_and_dismissals_only() {
    for (key, want) in [("major", true), ("other", false), ("investigating", false)] {
        let mut input = valid();
        accountability_input(&mut input);
        input.sanction = key.into();
        let facts = validate(&input, today()).unwrap();
        assert_eq!(facts.appealable(), want, "{key}");
        assert_eq!(
            facts.accountability.unwrap().sanction == Sanction::MajorDemeritOrDismissal,
            want
        );
    }
}
