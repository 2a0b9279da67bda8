//! The hostile-text corpus (`tests/fixtures/hostile.jsonl`) through the printed documents
//! (issue 8): every payload in every free text that reaches a document — applicant, officer
//! name, unit, badge and place, the case summary, findings, reasons for rejection and the
//! review answer, the addressee, facts and copies-to typed for a document, the unit's name and
//! number prefix in settings — renders as the literal text in every document that prints it,
//! or is refused by the validation that guards it with a clear message, and the issued
//! snapshot reads back unchanged. The document sheet shows the same in the browser
//! (`tests/e2e/hostile_documents.test.mjs`).

use chrono::NaiveDateTime;
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{
    Applicant, CaseFacts, CaseId, CasePolicy, DutyLink, Ground, HarmedPerson, Incident, Injury,
    Money, OffenceCategory, Officer, PersonStatus, Site,
};
use weiquan::core::deadline::Readings;
use weiquan::core::document::{
    DocumentContent, DocumentError, DocumentInput, DocumentKind, DocumentNumber, IssuedDocument,
    MAX_FACTS_CHARS, MAX_NAME_CHARS, issue, prepare_for_applicant, render,
};
use weiquan::core::settings::{Settings, SettingsField, SettingsInput, UnitLevel, validate};
use weiquan::core::workflow::{
    Case, Determination, Env, Event, MAX_TEXT_CHARS, NewEvent, ReviewAnswer,
};

fn corpus() -> Vec<String> {
    include_str!("fixtures/hostile.jsonl")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| serde_json::from_str::<String>(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

struct World {
    calendar: Calendar,
    readings: Readings,
    policy: CasePolicy,
}

impl World {
    fn env(&self) -> Env<'_> {
        Env {
            calendar: &self.calendar,
            readings: &self.readings,
            policy: &self.policy,
        }
    }
}

/// Whether the workflow takes `text` as an event's required text.
fn event_text_ok(text: &str) -> bool {
    let n = text.trim().chars().count();
    n > 0 && n <= MAX_TEXT_CHARS
}

/// The payload where the workflow takes it, a plain text otherwise (counted as refused).
fn or_plain(p: &str, refused: &mut usize) -> String {
    if event_text_ok(p) {
        p.to_owned()
    } else {
        *refused += 1;
        "已查明。".to_owned()
    }
}

fn step(w: &World, case: Case, when: &str, event: Event) -> Case {
    let t = at(when);
    case.apply(
        NewEvent {
            at: t,
            actor: "王督察".into(),
            event,
            note: String::new(),
        },
        &w.env(),
        t,
    )
    .unwrap_or_else(|e| panic!("{when}: {e}"))
}

fn facts(p: &str) -> CaseFacts {
    CaseFacts {
        applicant: Applicant::Department { name: p.into() },
        status: PersonStatus::Officer,
        officer: Officer {
            name: p.into(),
            badge: Some(p.into()),
            unit: p.into(),
            post: Some(p.into()),
        },
        harmed: HarmedPerson::TheOfficer,
        incident: Incident {
            at: at("2026-09-20 21:30"),
            place: p.into(),
            duty: DutyLink::OnDuty,
            site: Site::OffSite,
        },
        grounds: vec![Ground::Infringed],
        categories: vec![
            OffenceCategory::MaliciousComplaint,
            OffenceCategory::FalseAccusation,
        ],
        accountability: None,
        injury: Injury::None,
        property_loss: Money::ZERO,
        evidence: Vec::new(),
        help: Vec::new(),
        online: false,
        public_opinion_risk: false,
        major_or_urgent: false,
        summary: p.into(),
    }
}

fn opened(w: &World, p: &str) -> Case {
    let t = at("2026-09-28 09:00");
    let case = Case::open(
        CaseId::new("WQ-2026-666").unwrap(),
        facts(p),
        t,
        "李收件",
        "",
        t,
    )
    .unwrap();
    let case = step(w, case, "2026-09-28 10:00", Event::ReportedToCommittee);
    step(w, case, "2026-09-29 09:00", Event::CommitteeConsented)
}

/// Every text the sheet prints, one string.
fn printed(doc: &DocumentContent) -> String {
    let mut all = vec![
        doc.unit.clone(),
        doc.title.clone(),
        doc.number.clone().unwrap_or_default(),
        doc.addressee.clone(),
    ];
    all.extend(doc.fields.iter().map(|(k, v)| format!("{k}\n{v}")));
    all.extend(doc.paragraphs.iter().cloned());
    all.extend(doc.hand_filled.iter().cloned());
    all.extend(doc.citations.iter().map(|c| c.text.clone()));
    all.push(doc.issuer.clone());
    all.push(doc.date.clone());
    all.push(doc.note.clone());
    all.extend(doc.copies_to.iter().cloned());
    all.join("\n")
}

fn settings_with(unit: &str, prefix: &str) -> Result<Settings, Vec<SettingsField>> {
    validate(&SettingsInput {
        unit_name: unit.into(),
        unit_level: UnitLevel::County.key().into(),
        operator: "王督察".into(),
        large_loss_yuan: String::new(),
        number_prefix: prefix.into(),
    })
    .map_err(|issues| issues.into_iter().map(|i| i.field).collect())
}

#[test]
fn every_payload_in_every_free_text_prints_literally_or_is_refused() {
    let w = World {
        calendar: Calendar::builtin(),
        readings: Readings::default(),
        policy: CasePolicy::default(),
    };
    let all = corpus();
    assert!(all.len() >= 100, "{}", all.len());
    let plain = settings_with("嘉兴市公安局南湖区分局", "").unwrap();
    let (mut documents, mut literal, mut refused) = (0usize, 0usize, 0usize);
    let (mut units, mut prefixes) = (0usize, 0usize);
    for p in &all {
        let shown = p.trim();
        // Settings: the unit's name (any text but control characters, white space collapsed)
        // and the number prefix (letters and digits only) are validated, never escaped.
        let unit_settings = match settings_with(p, "") {
            Ok(s) => {
                units += 1;
                s
            }
            Err(fields) => {
                assert_eq!(fields, vec![SettingsField::UnitName], "{p:?}");
                refused += 1;
                plain.clone()
            }
        };
        let prefix = match settings_with("嘉兴市公安局南湖区分局", p) {
            Ok(s) => {
                prefixes += 1;
                assert!(s.number_prefix.as_deref() == Some(shown) || shown.is_empty());
                s.number_prefix
            }
            Err(fields) => {
                assert_eq!(fields, vec![SettingsField::NumberPrefix], "{p:?}");
                refused += 1;
                None
            }
        };
        let s = Settings {
            number_prefix: prefix.clone(),
            ..unit_settings.clone()
        };

        // A full case: every event text the payload where the workflow takes it.
        let findings = or_plain(p, &mut refused);
        let answer = or_plain(p, &mut refused);
        let mut case = opened(&w, p);
        for (when, event) in [
            ("2026-09-30 10:00", Event::Accepted),
            ("2026-10-09 09:00", Event::InvestigationApproved),
            (
                "2026-10-20 17:00",
                Event::InvestigationCompleted {
                    summary: findings.clone(),
                },
            ),
            (
                "2026-10-21 10:00",
                Event::FindingsApproved {
                    determinations: vec![Determination::DutyInfringed],
                    summary: findings.clone(),
                },
            ),
            ("2026-10-22 15:00", Event::ApplicantNotified),
            ("2026-10-26 09:00", Event::ReviewRequested),
            (
                "2026-11-05 10:00",
                Event::ReviewAnswered {
                    answer: ReviewAnswer::Uphold,
                    reasons: answer.clone(),
                },
            ),
        ] {
            case = step(&w, case, when, event);
        }
        let reasons = or_plain(p, &mut refused);
        let rejected = step(
            &w,
            opened(&w, p),
            "2026-09-30 10:00",
            Event::Rejected {
                reasons: reasons.clone(),
            },
        );

        // What the user types for a document: taken when it fits, refused with a message when
        // it does not, never altered.
        let typed = DocumentInput {
            addressee: p.clone(),
            facts: p.clone(),
            copies_to: vec![p.clone(), "解放街道办事处".into()],
        };
        let fits = |max: usize| !shown.is_empty() && shown.chars().count() <= max;
        let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 6).unwrap();
        for kind in [DocumentKind::ClearanceNotice, DocumentKind::WrittenWarning] {
            let result = render(&case, kind, &typed, &s, None, on, &w.env());
            let ok = fits(MAX_NAME_CHARS) && fits(MAX_FACTS_CHARS);
            match result {
                Ok(_) => assert!(ok, "{kind:?} took {p:?}"),
                Err(DocumentError::Missing { .. } | DocumentError::TooLong { .. }) => {
                    assert!(!ok, "{kind:?} refused {p:?}");
                    refused += 1;
                }
                Err(e) => panic!("{kind:?} {p:?}: {e}"),
            }
        }
        let input = DocumentInput {
            addressee: if fits(MAX_NAME_CHARS) {
                p.clone()
            } else {
                "赵某某".into()
            },
            facts: if fits(MAX_FACTS_CHARS) {
                p.clone()
            } else {
                "经查并无其事。".into()
            },
            copies_to: vec![
                if fits(MAX_NAME_CHARS) {
                    p.clone()
                } else {
                    "嘉兴某某有限公司".into()
                },
                "解放街道办事处".into(),
            ],
        };

        for kind in DocumentKind::ALL {
            let source = if kind == DocumentKind::RejectionReply {
                &rejected
            } else {
                &case
            };
            let when = at("2026-11-06 10:00");
            let content = if kind.for_applicant() {
                prepare_for_applicant(source, kind, &s, when, &w.env(), when)
                    .unwrap_or_else(|e| panic!("{kind:?} {p:?}: {e}"))
                    .1
            } else {
                let (_, doc) = issue(source, kind, &input, &s, 7, when, &w.env(), when)
                    .unwrap_or_else(|e| panic!("{kind:?} {p:?}: {e}"));
                // The snapshot the store keeps reads back unchanged.
                let json = serde_json::to_string(&doc).unwrap();
                assert_eq!(serde_json::from_str::<IssuedDocument>(&json).unwrap(), doc);
                doc.content
            };
            documents += 1;
            let text = printed(&content);
            let mut expect: Vec<&str> = Vec::new();
            if !kind.for_applicant() {
                expect.push(&s.unit_name);
            }
            match kind {
                DocumentKind::Registration => expect.extend([p.as_str(), p.as_str()]),
                DocumentKind::AcceptanceReply => expect.push(p),
                DocumentKind::RejectionReply => expect.extend([p.as_str(), reasons.as_str()]),
                DocumentKind::FindingsReport => expect.extend([p.as_str(), findings.as_str()]),
                DocumentKind::ReviewRequest => expect.extend([p.as_str(), findings.as_str()]),
                DocumentKind::ReviewAnswer => expect.extend([p.as_str(), answer.as_str()]),
                DocumentKind::ClearanceNotice => expect.extend([
                    input.addressee.as_str(),
                    input.facts.as_str(),
                    findings.as_str(),
                ]),
                DocumentKind::WrittenWarning => {
                    expect.extend([input.addressee.as_str(), input.facts.as_str()]);
                    expect.extend(input.copies_to.iter().map(String::as_str));
                }
            }
            for value in expect {
                assert!(
                    text.contains(value.trim()),
                    "{kind:?}: {value:?} not printed literally in {text:?}"
                );
                literal += 1;
            }
            if let Some(prefix) = prefix.as_deref().filter(|_| !kind.for_applicant()) {
                let number = DocumentNumber { year: 2026, seq: 7 }.printed(Some(prefix));
                assert_eq!(content.number.as_deref(), Some(number.as_str()));
                literal += 1;
            }
            if kind.for_applicant() {
                assert_eq!(content.number, None);
            }
        }
    }
    // Every payload went through every document; most are printed, the rest refused.
    assert_eq!(documents, all.len() * DocumentKind::ALL.len());
    assert!(units >= 90, "{units} unit names taken");
    assert!(literal > 2_000, "{literal}");
    eprintln!(
        "hostile documents: {} payloads, {documents} documents, {literal} literal checks, {refused} refused, {units} unit names and {prefixes} prefixes accepted",
        all.len()
    );
}
