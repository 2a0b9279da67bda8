//! Printable documents (issue 7): which documents a case supports in each state, every
//! document rendered from a full case, verbatim quotations of the 细则, numbering per unit and
//! year, and issuing as one history record.

use chrono::{NaiveDate, NaiveDateTime};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{
    Applicant, CaseFacts, CaseId, CasePolicy, DutyLink, Ground, HarmedPerson, Incident, Injury,
    Money, OffenceCategory, Officer, PersonStatus, Site,
};
use weiquan::core::deadline::Readings;
use weiquan::core::document::{
    DocumentContent, DocumentError, DocumentInput, DocumentKind, DocumentNumber, availability,
    check_available, issue, next_number, render,
};
use weiquan::core::rules::{self, ArticleNo};
use weiquan::core::settings::{Settings, UnitLevel};
use weiquan::core::workflow::{
    Case, Determination, Env, Event, EventKind, NewEvent, ReviewAnswer, State,
};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct World {
    calendar: Calendar,
    readings: Readings,
    policy: CasePolicy,
}

impl World {
    fn new() -> World {
        World {
            calendar: Calendar::builtin(),
            readings: Readings::default(),
            policy: CasePolicy {
                large_loss: Money::from_yuan(5000),
            },
        }
    }

    fn env(&self) -> Env<'_> {
        Env {
            calendar: &self.calendar,
            readings: &self.readings,
            policy: &self.policy,
        }
    }

    fn script(&self, case: &Case, steps: Vec<(&str, Event)>) -> Case {
        steps.into_iter().fold(case.clone(), |c, (when, event)| {
            let t = at(when);
            c.apply(
                NewEvent {
                    at: t,
                    actor: "王督察".into(),
                    event,
                    note: String::new(),
                },
                &self.env(),
                t,
            )
            .unwrap_or_else(|e| panic!("{when}: {e}"))
        })
    }
}

fn settings() -> Settings {
    Settings {
        unit_name: "嘉兴市公安局南湖区分局".into(),
        unit_level: UnitLevel::County,
        operator: "王督察".into(),
        large_loss: None,
        number_prefix: None,
    }
}

fn facts(categories: Vec<OffenceCategory>) -> CaseFacts {
    CaseFacts {
        applicant: Applicant::Officer,
        status: PersonStatus::Officer,
        officer: Officer {
            name: "张明".into(),
            badge: Some("012345".into()),
            unit: "南湖区分局解放派出所".into(),
            post: Some("社区民警".into()),
        },
        harmed: HarmedPerson::TheOfficer,
        incident: Incident {
            at: at("2026-09-20 21:30"),
            place: "解放路与中山路交叉口".into(),
            duty: DutyLink::OnDuty,
            site: Site::OffSite,
        },
        grounds: vec![Ground::Infringed],
        categories,
        accountability: None,
        injury: Injury::None,
        property_loss: Money::ZERO,
        evidence: Vec::new(),
        help: Vec::new(),
        online: false,
        public_opinion_risk: false,
        major_or_urgent: false,
        summary: "当事人向纪检部门投诉张明收受财物，经初步了解系捏造。".into(),
    }
}

fn opened(categories: Vec<OffenceCategory>) -> Case {
    let t = at("2026-09-28 09:00");
    Case::open(
        CaseId::new("WQ-2026-007").unwrap(),
        facts(categories),
        t,
        "李收件",
        "",
        t,
    )
    .unwrap()
}

fn under_review(w: &World, categories: Vec<OffenceCategory>) -> Case {
    w.script(
        &opened(categories),
        vec![
            ("2026-09-28 10:00", Event::ReportedToCommittee),
            ("2026-09-29 09:00", Event::CommitteeConsented),
        ],
    )
}

/// Accepted, investigated, findings approved, notified, reviewed by the upper office.
fn full_case(w: &World) -> Case {
    let review = under_review(
        w,
        vec![
            OffenceCategory::MaliciousComplaint,
            OffenceCategory::FalseAccusation,
        ],
    );
    w.script(
        &review,
        vec![
            ("2026-09-30 10:00", Event::Accepted),
            ("2026-10-09 09:00", Event::InvestigationApproved),
            (
                "2026-10-20 17:00",
                Event::InvestigationCompleted {
                    summary: "调取执法记录仪视频，询问证人三名。".into(),
                },
            ),
            (
                "2026-10-21 10:00",
                Event::FindingsApproved {
                    determinations: vec![Determination::DutyInfringed],
                    summary: "张明依法处置纠纷，所投诉收受财物一事查无实据，系投诉人捏造。".into(),
                },
            ),
            ("2026-10-22 15:00", Event::ApplicantNotified),
            ("2026-10-26 09:00", Event::ReviewRequested),
            (
                "2026-11-05 10:00",
                Event::ReviewAnswered {
                    answer: ReviewAnswer::Uphold,
                    reasons: "核查结果认定事实清楚，证据充分。".into(),
                },
            ),
        ],
    )
}

fn input_for(kind: DocumentKind) -> DocumentInput {
    match kind {
        DocumentKind::ClearanceNotice => DocumentInput {
            addressee: "南湖区分局解放派出所".into(),
            facts: "2026年9月21日有人向区纪委投诉民警张明收受当事人财物。".into(),
            copies_to: Vec::new(),
        },
        DocumentKind::WrittenWarning => DocumentInput {
            addressee: "赵某某".into(),
            facts: "你于2026年9月21日向区纪委投诉民警张明收受财物，经查并无其事。".into(),
            copies_to: vec![
                "嘉兴某某有限公司".into(),
                " ".into(),
                "解放街道办事处".into(),
            ],
        },
        _ => DocumentInput::default(),
    }
}

fn text_of(doc: &DocumentContent) -> String {
    let mut all = vec![
        doc.unit.clone(),
        doc.title.clone(),
        doc.number.clone().unwrap_or_default(),
        doc.addressee.clone(),
    ];
    all.extend(doc.fields.iter().map(|(k, v)| format!("{k}{v}")));
    all.extend(doc.paragraphs.iter().cloned());
    all.extend(doc.citations.iter().map(|c| c.text.clone()));
    all.push(doc.issuer.clone());
    all.push(doc.date.clone());
    all.extend(doc.copies_to.iter().cloned());
    all.join("\n")
}

#[test]
fn every_document_renders_from_a_full_case_with_number_date_and_unit() {
    let w = World::new();
    let case = full_case(&w);
    assert_eq!(case.state(), State::Reviewed);
    // The full case was accepted by reply, so every document but the rejection reply applies.
    for (kind, available) in availability(&case, &w.env(), day("2026-11-06")) {
        assert_eq!(
            available.is_ok(),
            kind != DocumentKind::RejectionReply,
            "{kind:?}: {available:?}"
        );
    }
    let number = DocumentNumber {
        year: 2026,
        seq: 12,
    };
    for kind in DocumentKind::ALL
        .into_iter()
        .filter(|k| *k != DocumentKind::RejectionReply)
    {
        let doc = render(
            &case,
            kind,
            &input_for(kind),
            &settings(),
            Some(number),
            day("2026-11-06"),
            &w.env(),
        )
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(doc.kind, kind);
        assert_eq!(doc.title, kind.title());
        assert_eq!(doc.unit, "嘉兴市公安局南湖区分局");
        assert_eq!(doc.case_id, "WQ-2026-007");
        assert_eq!(doc.for_applicant, kind.for_applicant());
        if kind.for_applicant() {
            // The applicant's review request: never the unit's number, signed by the applicant.
            assert_eq!(doc.number, None);
            assert_eq!(doc.issuer, "申请人（签名）：");
            assert!(doc.note.contains("2026年11月6日"), "{}", doc.note);
        } else {
            assert_eq!(doc.number.as_deref(), Some("〔2026〕第12号"));
            assert_eq!(doc.date, "2026年11月6日");
            assert!(doc.issuer.starts_with("嘉兴市公安局南湖区分局"), "{kind:?}");
        }
        assert!(!doc.citations.is_empty(), "{kind:?}");
        assert!(doc.citations.iter().any(|c| c.article == kind.article()));
        let text = text_of(&doc);
        assert!(text.contains("张明"), "{kind:?}: {text}");
    }
}

#[test]
fn each_document_says_what_its_article_requires() {
    let w = World::new();
    let case = full_case(&w);
    let doc = |kind| {
        render(
            &case,
            kind,
            &input_for(kind),
            &settings(),
            None,
            day("2026-11-06"),
            &w.env(),
        )
        .unwrap()
    };
    let registration = doc(DocumentKind::Registration);
    assert_eq!(registration.addressee, "");
    let field = |name: &str| {
        registration
            .fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    assert_eq!(field("收到申请时间"), "2026年9月28日");
    assert_eq!(field("警号"), "012345");
    assert_eq!(field("受理情况"), "予以受理，并进行登记");
    assert_eq!(field("受理日期"), "2026年9月30日");
    assert!(field("侵犯行为类别").contains("恶意投诉（第26条）"));
    assert_eq!(registration.number, None);

    let accept = text_of(&doc(DocumentKind::AcceptanceReply));
    assert!(accept.contains("张明："), "{accept}");
    assert!(accept.contains("决定予以受理，并已进行登记"));
    assert!(accept.contains("2026年9月28日收到"));

    let findings = text_of(&doc(DocumentKind::FindingsReport));
    assert!(findings.contains("核查结果：张明依法处置纠纷"));
    assert!(findings.contains("2026年10月21日经维权委审核同意"));
    assert!(findings.contains("视情予以抚慰、予以正名"), "{findings}");
    assert!(findings.contains("10个工作日内向上一级公安机关维权办申请复核"));

    let review = text_of(&doc(DocumentKind::ReviewAnswer));
    assert!(review.contains("2026年10月26日收到"), "{review}");
    assert!(review.contains("复核意见：维持原决定。"));
    assert!(review.contains("理由：核查结果认定事实清楚"));

    let clearance = doc(DocumentKind::ClearanceNotice);
    assert_eq!(clearance.addressee, "南湖区分局解放派出所：");
    assert!(clearance.issuer.ends_with("警务督察部门"));
    let clearance = text_of(&clearance);
    assert!(clearance.contains("澄清事实，恢复名誉，挽回影响"));
    assert!(clearance.contains("向区纪委投诉民警张明收受当事人财物"));

    let warning = doc(DocumentKind::WrittenWarning);
    assert_eq!(warning.addressee, "赵某某：");
    assert_eq!(
        warning.copies_to,
        vec!["嘉兴某某有限公司", "解放街道办事处"]
    );
    assert!(text_of(&warning).contains("并抄报嘉兴某某有限公司、解放街道办事处"));
}

#[test]
fn the_rejection_reply_gives_the_reasons_recorded() {
    let w = World::new();
    let rejected = w.script(
        &under_review(&w, vec![OffenceCategory::Obstruction]),
        vec![(
            "2026-09-30 10:00",
            Event::Rejected {
                reasons: "所反映事项与民警履行职责无关，不属于维权职责范围。".into(),
            },
        )],
    );
    assert_eq!(
        check_available(&rejected, DocumentKind::RejectionReply),
        Ok(())
    );
    assert!(check_available(&rejected, DocumentKind::AcceptanceReply).is_err());
    assert!(check_available(&rejected, DocumentKind::Registration).is_err());
    let doc = render(
        &rejected,
        DocumentKind::RejectionReply,
        &DocumentInput::default(),
        &settings(),
        None,
        day("2026-09-30"),
        &w.env(),
    )
    .unwrap();
    let text = text_of(&doc);
    assert!(text.contains("决定不予受理。理由如下：所反映事项与民警履行职责无关"));
    assert!(
        doc.citations
            .iter()
            .any(|c| c.text.contains("不予受理的,应当在答复时说明理由"))
    );
}

#[test]
fn availability_follows_the_state() {
    let w = World::new();
    let fresh = opened(vec![OffenceCategory::MaliciousComplaint]);
    assert!(
        availability(&fresh, &w.env(), day("2026-09-28"))
            .iter()
            .all(|(_, a)| a.is_err())
    );
    let review = under_review(&w, vec![OffenceCategory::MaliciousComplaint]);
    assert!(
        availability(&review, &w.env(), day("2026-09-29"))
            .iter()
            .all(|(_, a)| a.is_err())
    );
    // Deemed acceptance: registered, but no reply was ever given.
    let deemed = w.script(&review, vec![("2026-10-12 09:00", Event::DeemedAccepted)]);
    assert_eq!(check_available(&deemed, DocumentKind::Registration), Ok(()));
    assert!(check_available(&deemed, DocumentKind::AcceptanceReply).is_err());
    // The clearance notice and the warning wait until the facts are established.
    assert!(check_available(&deemed, DocumentKind::WrittenWarning).is_err());
    assert!(check_available(&deemed, DocumentKind::ClearanceNotice).is_err());
    // Without a malicious complaint there is nobody to warn and nothing to clear.
    let w2 = World::new();
    let plain = w2.script(
        &under_review(&w2, vec![OffenceCategory::Obstruction]),
        vec![
            ("2026-09-30 10:00", Event::Accepted),
            ("2026-10-09 09:00", Event::InvestigationApproved),
            (
                "2026-10-20 17:00",
                Event::InvestigationCompleted {
                    summary: "已查明。".into(),
                },
            ),
            (
                "2026-10-21 10:00",
                Event::FindingsApproved {
                    determinations: vec![Determination::DutyInfringed],
                    summary: "属实。".into(),
                },
            ),
        ],
    );
    assert_eq!(
        check_available(&plain, DocumentKind::FindingsReport),
        Ok(())
    );
    assert!(check_available(&plain, DocumentKind::WrittenWarning).is_err());
    assert!(check_available(&plain, DocumentKind::ClearanceNotice).is_err());
    assert!(check_available(&plain, DocumentKind::ReviewAnswer).is_err());
    let refused = render(
        &plain,
        DocumentKind::WrittenWarning,
        &input_for(DocumentKind::WrittenWarning),
        &settings(),
        None,
        day("2026-10-22"),
        &w.env(),
    );
    assert!(matches!(refused, Err(DocumentError::Unavailable { .. })));
}

#[test]
fn inputs_are_required_where_the_case_cannot_supply_them() {
    let w = World::new();
    let case = full_case(&w);
    let render_with = |kind, input: DocumentInput| {
        render(
            &case,
            kind,
            &input,
            &settings(),
            None,
            day("2026-11-06"),
            &w.env(),
        )
    };
    let mut input = input_for(DocumentKind::WrittenWarning);
    input.copies_to = vec!["  ".into()];
    let err = render_with(DocumentKind::WrittenWarning, input).unwrap_err();
    assert!(err.to_string().contains("抄报单位"), "{err}");
    let mut input = input_for(DocumentKind::WrittenWarning);
    input.addressee = " ".into();
    let err = render_with(DocumentKind::WrittenWarning, input).unwrap_err();
    assert!(err.to_string().starts_with("请填写被告诫人"), "{err}");
    let mut input = input_for(DocumentKind::ClearanceNotice);
    input.facts = "字".repeat(2001);
    let err = render_with(DocumentKind::ClearanceNotice, input).unwrap_err();
    assert!(matches!(err, DocumentError::TooLong { max: 2000, .. }));
    let no_unit = Settings {
        unit_name: " ".into(),
        ..settings()
    };
    let err = render(
        &case,
        DocumentKind::Registration,
        &DocumentInput::default(),
        &no_unit,
        None,
        day("2026-11-06"),
        &w.env(),
    )
    .unwrap_err();
    assert_eq!(err, DocumentError::NoUnit);
}

#[test]
fn every_quotation_is_verbatim_from_the_rulebook() {
    let w = World::new();
    let case = full_case(&w);
    let doc_rules = rules::document();
    let rejected = w.script(
        &under_review(&w, vec![OffenceCategory::Obstruction]),
        vec![(
            "2026-09-30 10:00",
            Event::Rejected {
                reasons: "不属于维权职责范围。".into(),
            },
        )],
    );
    let mut checked = 0;
    for kind in DocumentKind::ALL {
        let source = if kind == DocumentKind::RejectionReply {
            &rejected
        } else {
            &case
        };
        let doc = render(
            source,
            kind,
            &input_for(kind),
            &settings(),
            None,
            day("2026-11-06"),
            &w.env(),
        )
        .unwrap();
        for citation in &doc.citations {
            let article = doc_rules
                .article(ArticleNo::new(u32::from(citation.article)).unwrap())
                .unwrap();
            assert!(
                article.plain_text().contains(&citation.text),
                "{kind:?}: 第{}条 does not contain {}",
                citation.article,
                citation.text
            );
            checked += 1;
        }
    }
    assert!(checked >= 14, "{checked}");
    // The review request quotes both sentences of 第三十二条第二款.
    let request = render(
        &case,
        DocumentKind::ReviewRequest,
        &DocumentInput::default(),
        &settings(),
        None,
        day("2026-11-06"),
        &w.env(),
    )
    .unwrap();
    assert_eq!(request.citations.len(), 2);
}

#[test]
fn numbers_run_per_year_and_print_in_the_official_form() {
    assert_eq!(
        next_number(&[], 2026),
        DocumentNumber { year: 2026, seq: 1 }
    );
    let issued = [(2025, 40), (2026, 1), (2026, 3), (2026, 2)];
    assert_eq!(next_number(&issued, 2026).seq, 4);
    assert_eq!(next_number(&issued, 2027).seq, 1);
    assert_eq!(next_number(&issued, 2025).seq, 41);
    assert_eq!(
        DocumentNumber { year: 2026, seq: 7 }.to_string(),
        "〔2026〕第7号"
    );
}

#[test]
fn issuing_appends_one_record_and_snapshots_the_content() {
    let w = World::new();
    let case = full_case(&w);
    let when = at("2026-11-06 10:00");
    let (next, doc) = issue(
        &case,
        DocumentKind::WrittenWarning,
        &input_for(DocumentKind::WrittenWarning),
        &settings(),
        5,
        when,
        &w.env(),
        when,
    )
    .unwrap();
    assert_eq!(next.state(), case.state());
    assert_eq!(next.revision(), case.revision() + 1);
    assert_eq!(next.history().len(), case.history().len() + 1);
    let record = next.history().last().unwrap();
    assert_eq!(record.kind.kind(), EventKind::DocumentIssued);
    assert_eq!(
        record.kind,
        Event::DocumentIssued {
            document: DocumentKind::WrittenWarning,
            number: "〔2026〕第5号".into()
        }
    );
    assert_eq!(record.actor, "王督察");
    assert_eq!(doc.seq, record.seq);
    assert_eq!(doc.id, "嘉兴市公安局南湖区分局/2026/5");
    assert_eq!((doc.year, doc.number), (2026, 5));
    assert_eq!(doc.content.number.as_deref(), Some("〔2026〕第5号"));
    assert_eq!(doc.content.date, "2026年11月6日");
    // The snapshot survives a round trip through the store's JSON unchanged.
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(
        serde_json::from_str::<weiquan::core::document::IssuedDocument>(&json).unwrap(),
        doc
    );
    // A case saved before documents existed still loads, and one with the record loads too.
    let reloaded: Case = serde_json::from_str(&serde_json::to_string(&next).unwrap()).unwrap();
    assert_eq!(reloaded, next);
    // It is never a button of the event form.
    assert!(
        !weiquan::core::workflow::allowed_events(&next, &w.env(), day("2026-11-06"))
            .contains(&EventKind::DocumentIssued)
    );
    // Issuing refuses what the case does not support.
    let fresh = opened(vec![OffenceCategory::Obstruction]);
    let t = at("2026-09-28 11:00");
    assert!(matches!(
        issue(
            &fresh,
            DocumentKind::Registration,
            &DocumentInput::default(),
            &settings(),
            1,
            t,
            &w.env(),
            t
        ),
        Err(DocumentError::Unavailable { .. })
    ));
}

fn notified(w: &World) -> Case {
    let case = full_case(w);
    // The same case up to the applicant's receipt of the findings (2026-10-22).
    let upto = case
        .history()
        .iter()
        .position(|r| r.kind == Event::ReviewRequested)
        .unwrap();
    let mut c = opened(vec![
        OffenceCategory::MaliciousComplaint,
        OffenceCategory::FalseAccusation,
    ]);
    for r in &case.history()[1..upto] {
        c = c
            .apply(
                NewEvent {
                    at: r.at,
                    actor: r.actor.clone(),
                    event: r.kind.clone(),
                    note: String::new(),
                },
                &w.env(),
                r.at,
            )
            .unwrap();
    }
    assert_eq!(c.state(), State::Notified);
    c
}

#[test]
fn the_review_request_is_the_applicants_form_filled_from_the_case() {
    let w = World::new();
    let case = notified(&w);
    let on = day("2026-10-23");
    assert_eq!(
        weiquan::core::document::check_available_on(
            &case,
            DocumentKind::ReviewRequest,
            &w.env(),
            on
        ),
        Ok(())
    );
    let doc = render(
        &case,
        DocumentKind::ReviewRequest,
        &DocumentInput::default(),
        &settings(),
        Some(DocumentNumber { year: 2026, seq: 9 }),
        on,
        &w.env(),
    )
    .unwrap();
    // No number of the unit's, even when one is offered; the applicant signs and dates it.
    assert_eq!(doc.number, None);
    assert!(doc.for_applicant);
    assert_eq!(doc.addressee, "上一级公安机关维权办：");
    assert_eq!(doc.issuer, "申请人（签名）：");
    assert!(!doc.date.contains("2026"), "{}", doc.date);
    assert_eq!(
        doc.hand_filled,
        vec!["复核请求及理由（申请人填写，可另附页）"]
    );
    let field = |name: &str| {
        doc.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    assert_eq!(field("申请人"), "张明（民警本人）");
    assert_eq!(
        field("涉及民警"),
        "张明（警号012345），南湖区分局解放派出所"
    );
    assert_eq!(field("案件编号"), "WQ-2026-007");
    assert_eq!(field("原答复单位"), "嘉兴市公安局南湖区分局维权办");
    assert_eq!(field("核查结果经维权委审核同意日期"), "2026年10月21日");
    assert_eq!(field("申请人收到答复日期"), "2026年10月22日");
    // 10 working days from Thursday 22 October: 23, 26–30 October, 2–5 November.
    assert_eq!(
        field("申请复核截止日期"),
        "2026年11月5日（收到答复之日起10个工作日内）"
    );
    let text = text_of(&doc);
    assert!(text.contains("于2026年10月22日收到核查结果"), "{text}");
    assert!(text.contains("原核查结果：张明依法处置纠纷"), "{text}");
    assert!(
        text.contains("依照第三十二条第二款，向你办申请复核"),
        "{text}"
    );
    assert!(
        doc.note
            .contains("嘉兴市公安局南湖区分局维权办于2026年10月23日依案件记录预填")
    );
    assert!(
        doc.note.contains("在2026年11月5日前（含当日）"),
        "{}",
        doc.note
    );
    assert!(doc.note.contains("不编本单位文号"));

    // The last day to ask is still in time; the day after it the form is no longer offered,
    // unless a request was recorded (then it can always be printed again).
    let last_day = day("2026-11-05");
    assert!(
        availability(&case, &w.env(), last_day).contains(&(DocumentKind::ReviewRequest, Ok(())))
    );
    let late = weiquan::core::document::check_available_on(
        &case,
        DocumentKind::ReviewRequest,
        &w.env(),
        day("2026-11-06"),
    );
    assert!(late.unwrap_err().contains("已过"));
    let requested = full_case(&w);
    assert_eq!(
        weiquan::core::document::check_available_on(
            &requested,
            DocumentKind::ReviewRequest,
            &w.env(),
            day("2026-12-20")
        ),
        Ok(())
    );
    // Before any reply reached the applicant there is nothing to ask a review of.
    let review = under_review(&w, vec![OffenceCategory::Obstruction]);
    assert!(check_available(&review, DocumentKind::ReviewRequest).is_err());
}

#[test]
fn a_review_request_against_a_rejection_quotes_the_reasons() {
    let w = World::new();
    let rejected = w.script(
        &under_review(&w, vec![OffenceCategory::Obstruction]),
        vec![(
            "2026-09-30 10:00",
            Event::Rejected {
                reasons: "所反映事项与民警履行职责无关。".into(),
            },
        )],
    );
    let doc = render(
        &rejected,
        DocumentKind::ReviewRequest,
        &DocumentInput::default(),
        &settings(),
        None,
        day("2026-10-09"),
        &w.env(),
    )
    .unwrap();
    let text = text_of(&doc);
    assert!(
        text.contains("原答复：不予受理。理由：所反映事项与民警履行职责无关。"),
        "{text}"
    );
    assert!(text.contains("收到不予受理的答复"), "{text}");
    // 30 September + 10 working days, across the National Day holiday: still in October.
    let due = &doc
        .fields
        .iter()
        .find(|(k, _)| k == "申请复核截止日期")
        .unwrap()
        .1;
    assert!(due.starts_with("2026年10月"), "{due}");
}

#[test]
fn printing_the_review_request_is_recorded_without_a_number() {
    use weiquan::core::document::prepare_for_applicant;
    let w = World::new();
    let case = notified(&w);
    let when = at("2026-10-23 09:30");
    let (next, content) = prepare_for_applicant(
        &case,
        DocumentKind::ReviewRequest,
        &settings(),
        when,
        &w.env(),
        when,
    )
    .unwrap();
    assert_eq!(next.state(), State::Notified);
    assert_eq!(next.revision(), case.revision() + 1);
    let record = next.history().last().unwrap();
    assert_eq!(
        record.kind,
        Event::DocumentIssued {
            document: DocumentKind::ReviewRequest,
            number: String::new()
        }
    );
    assert_eq!(record.actor, "王督察");
    assert!(record.note.contains("交申请人"), "{}", record.note);
    assert_eq!(content.number, None);
    assert!(content.for_applicant);
    // The unit's numbered documents go through `issue`, the applicant's never do.
    assert_eq!(
        issue(
            &case,
            DocumentKind::ReviewRequest,
            &DocumentInput::default(),
            &settings(),
            1,
            when,
            &w.env(),
            when
        )
        .unwrap_err(),
        DocumentError::NotNumbered(DocumentKind::ReviewRequest)
    );
    assert_eq!(
        prepare_for_applicant(
            &case,
            DocumentKind::FindingsReport,
            &settings(),
            when,
            &w.env(),
            when
        )
        .unwrap_err(),
        DocumentError::Numbered(DocumentKind::FindingsReport)
    );
    // A snapshot saved before these fields existed still loads.
    let mut json = serde_json::to_value(&content).unwrap();
    let object = json.as_object_mut().unwrap();
    object.remove("for_applicant");
    object.remove("hand_filled");
    object.remove("note");
    let old: DocumentContent = serde_json::from_value(json).unwrap();
    assert!(!old.for_applicant && old.hand_filled.is_empty() && old.note.is_empty());
}

#[test]
fn the_units_number_prefix_is_printed_before_the_year() {
    let w = World::new();
    let case = full_case(&w);
    assert_eq!(
        DocumentNumber { year: 2026, seq: 3 }.printed(Some("嘉公维")),
        "嘉公维〔2026〕第3号"
    );
    assert_eq!(
        DocumentNumber { year: 2026, seq: 3 }.printed(None),
        "〔2026〕第3号"
    );
    let prefixed = Settings {
        number_prefix: Some("嘉公维".into()),
        ..settings()
    };
    let when = at("2026-11-06 10:00");
    let (next, doc) = issue(
        &case,
        DocumentKind::FindingsReport,
        &DocumentInput::default(),
        &prefixed,
        4,
        when,
        &w.env(),
        when,
    )
    .unwrap();
    assert_eq!(doc.content.number.as_deref(), Some("嘉公维〔2026〕第4号"));
    assert_eq!((doc.year, doc.number), (2026, 4));
    assert_eq!(
        next.history().last().unwrap().kind,
        Event::DocumentIssued {
            document: DocumentKind::FindingsReport,
            number: "嘉公维〔2026〕第4号".into()
        }
    );
    // The default keeps today's format.
    let (_, plain) = issue(
        &case,
        DocumentKind::FindingsReport,
        &DocumentInput::default(),
        &settings(),
        4,
        when,
        &w.env(),
        when,
    )
    .unwrap();
    assert_eq!(plain.content.number.as_deref(), Some("〔2026〕第4号"));
}
