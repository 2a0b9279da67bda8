//! Prints test cases for the end-to-end tests as JSON records shaped like the store's
//! `CaseRecord`, built through the core (validate, `Case::open`, `apply`) so that they are real
//! cases. Usage: `cargo run --example case_fixtures -- 2026-11-25 120 > target/e2e-fixtures.json`
//! (`today`, then how many extra received cases to generate for paging). The date is an
//! argument: nothing here reads the clock.
//!
//! Output: `{ "today": …, "featured": [record…], "expected": [{id, bucket}…], "bulk": [record…],
//! "documents": record }` where `bucket` is where the core's dashboard puts the case's soonest
//! period today, and `documents` is a malicious-complaint case whose findings are approved (every
//! document but the rejection reply can be issued).
//!
//! With a third argument `varied` (the browser benchmark, scripts/bench-browser.mjs) the bulk
//! cases move through the procedure (received, under review, investigating), carry evidence,
//! and one case in 25 has an attached file; the files are listed under `"attachments"` with
//! their SHA-256 over `file_bytes(size, seed)`, which the benchmark rebuilds in the browser.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Value, json};
use weiquan::core::attachment::attachment_checksum;
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{AttachmentRef, CaseId, CaseInput, CasePolicy, EvidenceInput, validate};
use weiquan::core::dashboard::{DueItem, buckets, category_key, state_key};
use weiquan::core::deadline::Readings;
use weiquan::core::workflow::{
    Case, Determination, Env, Event, NewEvent, next_due, open_deadlines,
};

/// The shape of the store's record (store::cases::RECORD_VERSION).
const RECORD_VERSION: u32 = 1;

struct Person {
    name: &'static str,
    badge: &'static str,
    unit: &'static str,
    categories: &'static [&'static str],
    summary: &'static str,
}

const PEOPLE: [Person; 6] = [
    Person {
        name: "王建国",
        badge: "330401",
        unit: "南湖区分局解放派出所",
        categories: &["assault"],
        summary: "盘查时被醉酒男子推搡、抓伤面部",
    },
    Person {
        name: "陈晓燕",
        badge: "330402",
        unit: "秀洲区分局新城派出所",
        categories: &["insult", "defamation"],
        summary: "调解纠纷后被当事人在网上发帖辱骂并捏造事实",
    },
    Person {
        name: "刘伟",
        badge: "330403",
        unit: "南湖区分局解放派出所",
        categories: &["obstruction"],
        summary: "执行传唤时被围堵，阻碍带离",
    },
    Person {
        name: "赵敏",
        badge: "330404",
        unit: "交警支队直属一大队",
        categories: &["threat_or_harassment"],
        summary: "处理交通违法后多次收到威胁短信",
    },
    Person {
        name: "孙立",
        badge: "330405",
        unit: "秀洲区分局新城派出所",
        categories: &["malicious_complaint"],
        summary: "被同一人反复投诉，经核查投诉内容不实",
    },
    Person {
        name: "周兰",
        badge: "330406",
        unit: "交警支队直属一大队",
        categories: &["privacy_violation"],
        summary: "家庭住址和电话被公布在网上",
    },
];

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

fn back(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap_or(day)
}

fn open(id: &str, person: &Person, received: NaiveDate, today: NaiveDate) -> Case {
    open_with(id, person, received, today, Vec::new())
}

/// The bytes of a generated attachment: `(seed + k * 31) mod 251` for k in 0..size.
fn file_bytes(size: usize, seed: usize) -> Vec<u8> {
    (0..size).map(|k| ((seed + k * 31) % 251) as u8).collect()
}

fn open_with(
    id: &str,
    person: &Person,
    received: NaiveDate,
    today: NaiveDate,
    evidence: Vec<EvidenceInput>,
) -> Case {
    let input = CaseInput {
        applicant_kind: "officer".into(),
        status: "officer".into(),
        officer_name: person.name.into(),
        officer_badge: person.badge.into(),
        officer_unit: person.unit.into(),
        harmed: "self".into(),
        incident_date: back(received, 1).to_string(),
        incident_time: "21:30".into(),
        incident_place: "嘉兴市南湖区".into(),
        duty: "on_duty".into(),
        site: "off_site".into(),
        grounds: vec!["harm".into()],
        categories: person.categories.iter().map(|c| (*c).into()).collect(),
        injury: "none".into(),
        summary: person.summary.into(),
        evidence,
        ..CaseInput::default()
    };
    let facts = validate(&input, today).unwrap_or_else(|issues| panic!("{id}: {issues:?}"));
    Case::open(
        CaseId::new(id).unwrap(),
        facts,
        at(received, 9),
        "李四",
        "",
        at(received, 10),
    )
    .unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn step(case: Case, event: Event, day: NaiveDate, hour: u32) -> Case {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let policy = CasePolicy::default();
    let env = Env {
        calendar: &calendar,
        readings: &readings,
        policy: &policy,
    };
    let entry = NewEvent {
        at: at(day, hour),
        actor: "李四".into(),
        event,
        note: String::new(),
    };
    let id = case.id().to_string();
    case.apply(entry, &env, at(day, hour + 1))
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// A case whose procedure started on `started` (so its reply period runs).
fn under_review(id: &str, person: &Person, started: NaiveDate, today: NaiveDate) -> Case {
    let case = open(id, person, back(started, 1), today);
    let case = step(case, Event::ReportedToCommittee, back(started, 1), 11);
    step(case, Event::CommitteeConsented, started, 9)
}

/// A case whose joint investigation was approved on `approved`.
fn investigating(id: &str, person: &Person, approved: NaiveDate, today: NaiveDate) -> Case {
    let case = under_review(id, person, back(approved, 1), today);
    let case = step(case, Event::Accepted, back(approved, 1), 14);
    step(case, Event::InvestigationApproved, approved, 9)
}

/// A case whose reply period ends today, when today is a working day: the procedure started
/// three working days ago. On other days the nearest start is taken and `expected` says so.
fn reply_due_today(person: &Person, today: NaiveDate) -> Case {
    let make = |days| under_review("WQ-F-REPLY-TODAY", person, back(today, days), today);
    (2..12)
        .map(make)
        .find(|c| bucket(c, today) == Some("today"))
        .unwrap_or_else(|| make(3))
}

fn record(case: &Case, today: NaiveDate) -> Value {
    let facts = case.facts();
    let due = next_due(case, &Calendar::builtin(), &Readings::default(), today);
    json!({
        "id": case.id().as_str(),
        "record_version": RECORD_VERSION,
        "revision": case.revision(),
        "state": state_key(case.state()),
        "next_due": due.map(|d| d.to_string()),
        "updated_at": case.updated_at().format("%Y-%m-%dT%H:%M:%S").to_string(),
        "received_on": case.received_at().date().to_string(),
        "unit": facts.officer.unit,
        "categories": facts.categories.iter().map(|c| category_key(*c)).collect::<Vec<_>>(),
        "officer_badge": facts.officer.badge.clone().unwrap_or_default(),
        "case_json": serde_json::to_string(case).unwrap(),
    })
}

/// Where the dashboard puts the case's soonest period today, by the core's own rule.
fn bucket(case: &Case, today: NaiveDate) -> Option<&'static str> {
    let items = open_deadlines(case, &Calendar::builtin(), &Readings::default(), today)
        .iter()
        .map(|d| DueItem::new(case.id().as_str(), "", "", d))
        .collect::<Vec<_>>();
    let b = buckets(items, today);
    if !b.overdue.is_empty() {
        Some("overdue")
    } else if !b.today.is_empty() {
        Some("today")
    } else if !b.soon.is_empty() {
        Some("soon")
    } else {
        None
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let today: NaiveDate = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("usage: case_fixtures YYYY-MM-DD [bulk count]"));
    let bulk: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let varied = args.next().as_deref() == Some("varied");

    // Days back from today at which each case's period started; the reply period is 3
    // working days, the investigation 30 working days (第三十一、三十二条).
    let featured = [
        open("WQ-F-RECEIVED", &PEOPLE[0], back(today, 1), today),
        under_review("WQ-F-REPLY-LATE", &PEOPLE[1], back(today, 12), today),
        under_review("WQ-F-REPLY-DUE", &PEOPLE[2], back(today, 1), today),
        reply_due_today(&PEOPLE[0], today),
        under_review("WQ-F-REPLY-NEW", &PEOPLE[5], today, today),
        investigating("WQ-F-INVEST-LATE", &PEOPLE[3], back(today, 50), today),
        investigating("WQ-F-INVEST-NEW", &PEOPLE[4], back(today, 3), today),
    ];
    let expected: Vec<Value> = featured
        .iter()
        .map(|c| json!({ "id": c.id().as_str(), "state": state_key(c.state()), "bucket": bucket(c, today) }))
        .collect();
    let mut attachments: Vec<Value> = Vec::new();
    let bulk: Vec<Value> = (0..bulk)
        .map(|i| {
            let person = &PEOPLE[i % PEOPLE.len()];
            let id = format!("WQ-B-{:05}", i + 1);
            if !varied {
                let id = format!("WQ-B-{:04}", i + 1);
                let case = open(&id, person, back(today, 2 + (i as u64 % 40)), today);
                return record(&case, today);
            }
            let mut files = Vec::new();
            if i % 25 == 0 {
                let size = 2048 + (i % 7) * 1024;
                let file_id = format!("att-{i:06}");
                attachments.push(json!({
                    "id": file_id,
                    "case_id": id,
                    "file_name": "现场照片.jpg",
                    "mime": "image/jpeg",
                    "size": size,
                    "seed": i,
                    "sha256": attachment_checksum(&file_bytes(size, i)),
                }));
                files.push(AttachmentRef {
                    id: file_id,
                    file_name: "现场照片.jpg".into(),
                    mime: "image/jpeg".into(),
                    size: size as u64,
                });
            }
            let evidence = vec![EvidenceInput {
                description: "执法记录仪视频及现场照片".into(),
                attachments: files,
            }];
            // Seven cases in ten are closed (the committee declined them, up to four years
            // back); the rest are recent and running.
            let case = match i % 10 {
                0 => open_with(
                    &id,
                    person,
                    back(today, 2 + (i as u64 % 20)),
                    today,
                    evidence,
                ),
                1 => {
                    let received = back(today, 3 + (i as u64 % 20));
                    let case = open_with(&id, person, received, today, evidence);
                    let case = step(case, Event::ReportedToCommittee, received, 11);
                    step(case, Event::CommitteeConsented, received, 15)
                }
                2 => {
                    let received = back(today, 5 + (i as u64 % 60));
                    let case = open_with(&id, person, received, today, evidence);
                    let case = step(case, Event::ReportedToCommittee, received, 11);
                    let case = step(case, Event::CommitteeConsented, received, 15);
                    let case = step(case, Event::Accepted, received, 17);
                    step(case, Event::InvestigationApproved, received, 19)
                }
                _ => {
                    let received = back(today, 60 + (i as u64 % 1400));
                    let case = open_with(&id, person, received, today, evidence);
                    let case = step(case, Event::ReportedToCommittee, received, 11);
                    let reasons = "经审查，不属于本细则规定的维权情形。".to_string();
                    step(case, Event::CommitteeDeclined { reasons }, received, 15)
                }
            };
            record(&case, today)
        })
        .collect();
    let documents = investigating("WQ-F-DOCS", &PEOPLE[4], back(today, 20), today);
    let documents = step(
        documents,
        Event::InvestigationCompleted {
            summary: "调取投诉材料和执法记录仪视频，询问证人三名。".into(),
        },
        back(today, 3),
        9,
    );
    let documents = step(
        documents,
        Event::FindingsApproved {
            determinations: vec![Determination::DutyInfringed],
            summary: "孙立依法执法，所投诉内容查无实据，系投诉人捏造。".into(),
        },
        back(today, 2),
        9,
    );
    let out = json!({
        "documents": record(&documents, today),
        "today": today.to_string(),
        "featured": featured.iter().map(|c| record(c, today)).collect::<Vec<_>>(),
        "expected": expected,
        "bulk": bulk,
        "attachments": attachments,
    });
    println!("{out}");
}
