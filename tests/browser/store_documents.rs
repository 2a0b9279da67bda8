//! Issued documents in real IndexedDB: numbers allocated per unit and year inside the
//! transaction that saves the case, nothing written on a stale case or a refused document, and
//! the snapshot read back unchanged.

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen_test::wasm_bindgen_test;
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{CaseId, CaseInput, CasePolicy, validate};
use weiquan::core::deadline::Readings;
use weiquan::core::document::{DocumentError, DocumentInput, DocumentKind, issue};
use weiquan::core::settings::{Settings, UnitLevel};
use weiquan::core::workflow::{Case, Env, Event, NewEvent};
use weiquan::store::documents::{self, IssueError};
use weiquan::store::{Db, SCHEMA_VERSION, StoreError, cases};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn settings(unit: &str) -> Settings {
    Settings {
        unit_name: unit.into(),
        unit_level: UnitLevel::County,
        operator: "王督察".into(),
        large_loss: None,
        number_prefix: None,
    }
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
            policy: CasePolicy::default(),
        }
    }

    fn env(&self) -> Env<'_> {
        Env {
            calendar: &self.calendar,
            readings: &self.readings,
            policy: &self.policy,
        }
    }
}

fn accepted_case(w: &World, id: &str) -> Case {
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
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: vec!["insult".into()],
        injury: "none".into(),
        summary: "被当众辱骂".into(),
        ..CaseInput::default()
    };
    let facts = validate(&input, NaiveDate::from_ymd_opt(2026, 9, 25).unwrap()).unwrap();
    let case = Case::open(
        CaseId::new(id).unwrap(),
        facts,
        at("2026-09-21 09:00"),
        "李四",
        "",
        at("2026-09-21 09:05"),
    )
    .unwrap();
    [
        ("2026-09-21 10:00", Event::ReportedToCommittee),
        ("2026-09-22 09:00", Event::CommitteeConsented),
        ("2026-09-23 09:00", Event::Accepted),
    ]
    .into_iter()
    .fold(case, |c, (when, event)| {
        c.apply(
            NewEvent {
                at: at(when),
                actor: "李四".into(),
                event,
                note: String::new(),
            },
            &w.env(),
            at(when),
        )
        .unwrap()
    })
}

async fn fresh(name: &str) -> Db {
    Db::delete_named(name).await.unwrap();
    Db::open_named(name, SCHEMA_VERSION, || panic!("blocked"), || {})
        .await
        .unwrap()
}

async fn issue_one(
    db: &Db,
    w: &World,
    case: &Case,
    kind: DocumentKind,
    unit: &str,
    when: &str,
) -> Result<(Case, weiquan::core::document::IssuedDocument), IssueError> {
    let s = settings(unit);
    let t = at(when);
    let env = w.env();
    documents::issue(
        db,
        case.id().as_str(),
        case.revision(),
        unit,
        2026,
        |_| None,
        Box::new(|seq| issue(case, kind, &DocumentInput::default(), &s, seq, t, &env, t)),
    )
    .await
}

#[wasm_bindgen_test]
async fn numbers_run_per_unit_and_year_and_nothing_is_written_on_refusal() {
    let db = fresh("t-documents").await;
    let w = World::new();
    let case = accepted_case(&w, "WQ-D-1");
    cases::create(&db, &case, None, None).await.unwrap();
    let unit = "嘉兴市公安局南湖区分局";

    let (case, first) = issue_one(
        &db,
        &w,
        &case,
        DocumentKind::AcceptanceReply,
        unit,
        "2026-09-23 10:00",
    )
    .await
    .unwrap();
    assert_eq!(first.number, 1);
    assert_eq!(first.content.number.as_deref(), Some("〔2026〕第1号"));
    let (case, second) = issue_one(
        &db,
        &w,
        &case,
        DocumentKind::Registration,
        unit,
        "2026-09-23 11:00",
    )
    .await
    .unwrap();
    assert_eq!(second.number, 2);
    // The case and its history were saved with the documents.
    let stored = cases::get(&db, "WQ-D-1").await.unwrap().unwrap();
    assert_eq!(stored, case);
    crate::store_case_rows::assert_rows_match(&db, 1).await;
    assert_eq!(
        cases::event_rows(&db, "WQ-D-1").await.unwrap().len(),
        case.history().len()
    );

    // A save based on an old revision writes nothing.
    let stale = accepted_case(&w, "WQ-D-1");
    let err = issue_one(
        &db,
        &w,
        &stale,
        DocumentKind::Registration,
        unit,
        "2026-09-23 12:00",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, IssueError::Store(StoreError::Stale { .. })),
        "{err:?}"
    );
    // A document the case does not support writes nothing and uses up no number.
    let err = issue_one(
        &db,
        &w,
        &case,
        DocumentKind::WrittenWarning,
        unit,
        "2026-09-23 12:00",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, IssueError::Document(DocumentError::Unavailable { .. })),
        "{err:?}"
    );
    assert_eq!(documents::for_case(&db, "WQ-D-1").await.unwrap().len(), 2);
    assert_eq!(
        cases::get(&db, "WQ-D-1").await.unwrap().unwrap().revision(),
        case.revision()
    );

    let (case, third) = issue_one(
        &db,
        &w,
        &case,
        DocumentKind::Registration,
        unit,
        "2026-09-24 09:00",
    )
    .await
    .unwrap();
    assert_eq!(third.number, 3);
    // Another unit in the same browser counts from 1.
    let (_, other) = issue_one(
        &db,
        &w,
        &case,
        DocumentKind::Registration,
        "嘉兴市公安局秀洲区分局",
        "2026-09-24 10:00",
    )
    .await
    .unwrap();
    assert_eq!(other.number, 1);

    // The snapshots read back exactly as issued.
    let docs = documents::for_case(&db, "WQ-D-1").await.unwrap();
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0], first);
    assert_eq!(docs[1], second);
    db.close();
}
