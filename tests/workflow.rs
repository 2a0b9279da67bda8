//! The 维权 workflow (第三十至三十八条): the full (state, event) table, deadlines derived from the
//! history in every state, deemed acceptance across National Day, the applicant-fault
//! exception, the appeal's never-heavier rule, 第三十五条's inquiry, 第十条's member-unit tasks,
//! corrections and revisions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use weiquan::core::calendar::Calendar;
use weiquan::core::case::{
    Accountability, Applicant, CaseFacts, CaseId, CasePolicy, DutyLink, Ground, HarmedPerson,
    HelpKind, Incident, Injury, Money, OffenceCategory, Officer, PersonStatus, Relation, Sanction,
    Site,
};
use weiquan::core::deadline::{
    DeemedAcceptance, ExtensionReading, PeriodId, Readings, ReplyStartReading,
};
use weiquan::core::workflow::{
    Acceptance, AppealOpinion, Case, Determination, Env, Event, EventKind, ExtensionGround,
    ExtensionStatus, Guards, Measure, MemberUnit, NewEvent, Refusal, ReplyStatus, Responsible,
    ReviewAnswer, ReviewWindow, State, Task, TaskId, TaskStatus, UnitPerformance, allowed_events,
    check_event, deemed_acceptance, member_unit_performance, next_due, open_deadlines,
    report_checklist, tasks, transition,
};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    let (d, t) = s.split_once(' ').unwrap();
    let (h, m) = t.split_once(':').unwrap();
    date(d)
        .and_hms_opt(h.parse().unwrap(), m.parse().unwrap(), 0)
        .unwrap()
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

    fn with_readings(readings: Readings) -> World {
        World {
            readings,
            ..World::new()
        }
    }

    fn env(&self) -> Env<'_> {
        Env {
            calendar: &self.calendar,
            readings: &self.readings,
            policy: &self.policy,
        }
    }

    fn try_record(&self, case: &Case, when: &str, event: Event) -> Result<Case, Refusal> {
        let t = at(when);
        case.apply(
            NewEvent {
                at: t,
                actor: "王督察".into(),
                event,
                note: String::new(),
            },
            &self.env(),
            t,
        )
    }

    fn record(&self, case: &Case, when: &str, event: Event) -> Case {
        self.try_record(case, when, event)
            .unwrap_or_else(|e| panic!("{when}: {e}"))
    }

    fn script(&self, case: &Case, steps: &[(&str, Event)]) -> Case {
        steps.iter().fold(case.clone(), |c, (when, e)| {
            self.record(&c, when, e.clone())
        })
    }

    /// Completes every open required task at `when`.
    fn finish_required(&self, case: &Case, when: &str) -> Case {
        let mut case = case.clone();
        for task in tasks(&case, &self.policy) {
            if task.required && task.applies && !task.status.is_done() {
                case = self.record(
                    &case,
                    when,
                    Event::TaskCompleted {
                        task: task.id,
                        result: "已办结".into(),
                    },
                );
            }
        }
        case
    }

    fn allowed(&self, case: &Case, today: &str) -> Vec<EventKind> {
        allowed_events(case, &self.env(), date(today))
    }

    fn deadlines(&self, case: &Case, today: &str) -> Vec<(PeriodId, NaiveDate)> {
        open_deadlines(case, &self.calendar, &self.readings, date(today))
            .into_iter()
            .map(|d| (d.period, d.due))
            .collect()
    }
}

fn base_facts() -> CaseFacts {
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
            at: at("2026-09-28 21:30"),
            place: "解放路与中山路交叉口".into(),
            duty: DutyLink::OnDuty,
            site: Site::OffSite,
        },
        grounds: vec![Ground::Infringed],
        categories: vec![OffenceCategory::Obstruction],
        accountability: None,
        injury: Injury::None,
        property_loss: Money::ZERO,
        evidence: Vec::new(),
        help: Vec::new(),
        online: false,
        public_opinion_risk: false,
        major_or_urgent: false,
        summary: "处置纠纷时被当事人推搡、辱骂。".into(),
    }
}

fn appeal_facts(sanction: Sanction) -> CaseFacts {
    CaseFacts {
        grounds: vec![Ground::WrongfulAccountability],
        categories: Vec::new(),
        accountability: Some(Accountability {
            sanction,
            decision: "记大过处分".into(),
            decided_by: "市局政治部".into(),
            decided_on: date("2026-09-01"),
        }),
        incident: Incident {
            at: at("2026-06-01 10:00"),
            ..base_facts().incident
        },
        ..base_facts()
    }
}

fn open_case(facts: CaseFacts, when: &str) -> Case {
    let t = at(when);
    Case::open(
        CaseId::new("WQ-2026-001").unwrap(),
        facts,
        t,
        "李收件",
        "",
        t,
    )
    .unwrap()
}

/// Received 2026-09-29 09:00, reported at 09:30, consented at 10:00 (the Tuesday before
/// National Day).
fn under_review(w: &World, facts: CaseFacts) -> Case {
    let case = open_case(facts, "2026-09-29 09:00");
    w.script(
        &case,
        &[
            ("2026-09-29 09:30", Event::ReportedToCommittee),
            ("2026-09-29 10:00", Event::CommitteeConsented),
        ],
    )
}

fn investigating(w: &World) -> Case {
    investigating_with(w, base_facts())
}

fn investigating_with(w: &World, facts: CaseFacts) -> Case {
    let case = under_review(w, facts);
    w.script(
        &case,
        &[
            ("2026-10-08 10:00", Event::Accepted),
            ("2026-10-09 09:00", Event::InvestigationApproved),
        ],
    )
}

fn findings(determinations: Vec<Determination>) -> Event {
    Event::FindingsApproved {
        determinations,
        summary: "经调查核实，民警依法履职。".into(),
    }
}

fn notified(w: &World, determinations: Vec<Determination>) -> Case {
    notified_with(w, base_facts(), determinations)
}

fn notified_with(w: &World, facts: CaseFacts, determinations: Vec<Determination>) -> Case {
    w.script(
        &investigating_with(w, facts),
        &[
            (
                "2026-11-18 16:00",
                Event::InvestigationCompleted {
                    summary: "调取执法记录仪视频，询问证人三名。".into(),
                },
            ),
            ("2026-11-19 15:00", findings(determinations)),
            ("2026-11-20 10:00", Event::ApplicantNotified),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// The (state, event) table.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Allowed, to this state.
    To(State),
    /// Allowed, the state unchanged.
    Stay,
    /// Refused by a guard of the 细则 (a period, a flag, a task), not by the state.
    Guarded,
    /// Refused: the first record only.
    OnlyFirst,
}

use Expect::{Guarded, OnlyFirst, Stay, To};

/// The explicit table: every pair not listed is refused with `WrongState` under both guard
/// sets. Column A: periods running, nothing recorded yet, the case appealable. Column B: periods
/// run out, flags recorded, tasks done, the case not appealable.
fn expected_table() -> Vec<(State, EventKind, Expect, Expect)> {
    use EventKind as K;
    use State as S;
    let mut rows = vec![
        (
            S::Received,
            K::ReportedToCommittee,
            To(S::Reported),
            To(S::Reported),
        ),
        (
            S::Received,
            K::AppealCheckCompleted,
            To(S::AppealReported),
            Guarded,
        ),
        (
            S::Reported,
            K::CommitteeConsented,
            To(S::UnderReview),
            To(S::UnderReview),
        ),
        (
            S::Reported,
            K::CommitteeDeclined,
            To(S::Closed),
            To(S::Closed),
        ),
        (S::UnderReview, K::ApplicantCausedDelay, Stay, Guarded),
        (S::UnderReview, K::Accepted, To(S::Accepted), Guarded),
        (S::UnderReview, K::Rejected, To(S::Rejected), Guarded),
        (S::UnderReview, K::DeemedAccepted, Guarded, To(S::Accepted)),
        (
            S::Accepted,
            K::InvestigationApproved,
            To(S::Investigating),
            To(S::Investigating),
        ),
        (
            S::Rejected,
            K::ReviewRequested,
            To(S::RejectionReview),
            Guarded,
        ),
        (S::Rejected, K::Closed, Guarded, To(S::Closed)),
        (S::Investigating, K::ExtensionApproved, Stay, Guarded),
        (
            S::Investigating,
            K::InvestigationCompleted,
            To(S::InvestigationDone),
            To(S::InvestigationDone),
        ),
        (
            S::InvestigationDone,
            K::FindingsApproved,
            To(S::FindingsApproved),
            To(S::FindingsApproved),
        ),
        (
            S::FindingsApproved,
            K::ApplicantNotified,
            To(S::Notified),
            To(S::Notified),
        ),
        (S::FindingsApproved, K::MeasureTaken, Stay, Guarded),
        (
            S::Notified,
            K::ReviewRequested,
            To(S::FindingsReview),
            Guarded,
        ),
        (S::Notified, K::MeasureTaken, Stay, Guarded),
        (S::Notified, K::Closed, Guarded, To(S::Closed)),
        (
            S::RejectionReview,
            K::ReviewAnswered,
            To(S::Reviewed),
            To(S::Reviewed),
        ),
        (
            S::FindingsReview,
            K::ReviewAnswered,
            To(S::Reviewed),
            To(S::Reviewed),
        ),
        (S::FindingsReview, K::MeasureTaken, Stay, Guarded),
        (S::Reviewed, K::MeasureTaken, Stay, Guarded),
        (S::Reviewed, K::Closed, To(S::Closed), To(S::Closed)),
        (
            S::AppealReported,
            K::CommitteeConsented,
            To(S::AppealHearing),
            To(S::AppealHearing),
        ),
        (
            S::AppealReported,
            K::CommitteeDeclined,
            To(S::Closed),
            To(S::Closed),
        ),
        (
            S::AppealHearing,
            K::HearingHeld,
            To(S::AppealReviewing),
            To(S::AppealReviewing),
        ),
        (
            S::AppealReviewing,
            K::AppealReviewed,
            To(S::AppealDecided),
            To(S::AppealDecided),
        ),
        (S::AppealDecided, K::Closed, To(S::Closed), To(S::Closed)),
        (S::Closed, K::Received, OnlyFirst, OnlyFirst),
        (S::Closed, K::Correction, Stay, Stay),
        (S::Closed, K::DocumentIssued, Stay, Stay),
    ];
    for state in State::ALL.into_iter().filter(|s| *s != S::Closed) {
        rows.extend([
            (state, K::Received, OnlyFirst, OnlyFirst),
            (state, K::FactsAmended, Stay, Stay),
            (state, K::TaskAssigned, Stay, Guarded),
            (state, K::TaskCompleted, Stay, Guarded),
            (state, K::Supervised, Stay, Stay),
            (state, K::Correction, Stay, Stay),
            (state, K::DocumentIssued, Stay, Stay),
        ]);
    }
    rows
}

fn sample_task(done: bool) -> Task {
    let id = TaskId::PressRelease;
    Task {
        id,
        responsible: id.responsible(),
        article: id.article(),
        title: id.title(),
        quote: id.quote(),
        required: false,
        applies: true,
        status: if done {
            TaskStatus::Done {
                at: at("2026-10-01 10:00"),
                result: "已发布".into(),
                assignee: None,
            }
        } else {
            TaskStatus::Open
        },
    }
}

fn guards_a() -> Guards {
    let due = date("2026-10-09");
    Guards {
        reply: ReplyStatus::Running { due },
        applicant_delay_recorded: false,
        extension: ExtensionStatus::Available { due },
        review_window: ReviewWindow::Open { due },
        appealable: true,
        determinations: Determination::ALL.to_vec(),
        measures_taken: Measure::ALL.to_vec(),
        tasks: vec![sample_task(false)],
    }
}

fn guards_b() -> Guards {
    let due = date("2026-10-09");
    Guards {
        reply: ReplyStatus::Lapsed { due },
        applicant_delay_recorded: true,
        extension: ExtensionStatus::TooLate { due },
        review_window: ReviewWindow::Closed { due },
        appealable: false,
        determinations: Vec::new(),
        measures_taken: Vec::new(),
        tasks: vec![sample_task(true)],
    }
}

/// One event of each kind, with its texts filled in.
fn sample_event(kind: EventKind) -> Event {
    let text = || "已记录".to_string();
    match kind {
        EventKind::Received => Event::Received {
            facts: Box::new(base_facts()),
        },
        EventKind::FactsAmended => Event::FactsAmended {
            facts: Box::new(base_facts()),
        },
        EventKind::ReportedToCommittee => Event::ReportedToCommittee,
        EventKind::CommitteeConsented => Event::CommitteeConsented,
        EventKind::CommitteeDeclined => Event::CommitteeDeclined { reasons: text() },
        EventKind::ApplicantCausedDelay => Event::ApplicantCausedDelay { reason: text() },
        EventKind::Accepted => Event::Accepted,
        EventKind::Rejected => Event::Rejected { reasons: text() },
        EventKind::DeemedAccepted => Event::DeemedAccepted,
        EventKind::InvestigationApproved => Event::InvestigationApproved,
        EventKind::ExtensionApproved => Event::ExtensionApproved {
            grounds: vec![ExtensionGround::Complex],
        },
        EventKind::InvestigationCompleted => Event::InvestigationCompleted { summary: text() },
        EventKind::FindingsApproved => findings(vec![Determination::DutyInfringed]),
        EventKind::ApplicantNotified => Event::ApplicantNotified,
        EventKind::ReviewRequested => Event::ReviewRequested,
        EventKind::ReviewAnswered => Event::ReviewAnswered {
            answer: ReviewAnswer::Uphold,
            reasons: text(),
        },
        EventKind::MeasureTaken => Event::MeasureTaken {
            measure: Measure::Solace,
            detail: text(),
        },
        EventKind::AppealCheckCompleted => Event::AppealCheckCompleted { summary: text() },
        EventKind::HearingHeld => Event::HearingHeld { summary: text() },
        EventKind::AppealReviewed => Event::AppealReviewed {
            opinion: AppealOpinion::Proper,
            reasons: text(),
            recipient: String::new(),
        },
        EventKind::TaskAssigned => Event::TaskAssigned {
            task: TaskId::PressRelease,
            assignee: text(),
        },
        EventKind::TaskCompleted => Event::TaskCompleted {
            task: TaskId::PressRelease,
            result: text(),
        },
        EventKind::Supervised => Event::Supervised {
            unit: text(),
            instruction: text(),
        },
        EventKind::Correction => Event::Correction {
            seq: 1,
            corrected_at: None,
            reason: text(),
        },
        EventKind::Closed => Event::Closed { summary: text() },
        EventKind::DocumentIssued => Event::DocumentIssued {
            document: weiquan::core::document::DocumentKind::Registration,
            number: "〔2026〕第1号".into(),
        },
    }
}

fn outcome(state: State, result: Result<State, Refusal>) -> Option<Expect> {
    match result {
        Ok(next) if next == state => Some(Stay),
        Ok(next) => Some(To(next)),
        Err(Refusal::AlreadyReceived) => Some(OnlyFirst),
        Err(Refusal::WrongState { .. }) => None,
        Err(_) => Some(Guarded),
    }
}

#[test]
fn every_state_event_pair_matches_the_explicit_table() {
    let table: BTreeMap<(State, EventKind), (Expect, Expect)> = expected_table()
        .into_iter()
        .map(|(s, k, a, b)| ((s, k), (a, b)))
        .collect();
    let (a, b) = (guards_a(), guards_b());
    let mut mismatches = Vec::new();
    for state in State::ALL {
        for kind in EventKind::ALL {
            let event = sample_event(kind);
            assert_eq!(event.kind(), kind);
            let got = (
                outcome(state, transition(state, &event, &a)),
                outcome(state, transition(state, &event, &b)),
            );
            let want = table
                .get(&(state, kind))
                .map_or((None, None), |(a, b)| (Some(*a), Some(*b)));
            if got != want {
                mismatches.push(format!("{state:?} × {kind:?}: got {got:?}, want {want:?}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(
        table.len(),
        expected_table().len(),
        "a pair is listed twice"
    );
}

#[test]
fn every_state_is_reachable_from_receipt_and_every_open_state_can_reach_closure() {
    let table = expected_table();
    let next = |s: State| -> Vec<State> {
        table
            .iter()
            .filter(|(from, ..)| *from == s)
            .flat_map(|(_, _, a, b)| [*a, *b])
            .filter_map(|e| if let To(t) = e { Some(t) } else { None })
            .collect()
    };
    let mut seen = BTreeSet::from([State::Received]);
    let mut queue = vec![State::Received];
    while let Some(s) = queue.pop() {
        for t in next(s) {
            if seen.insert(t) {
                queue.push(t);
            }
        }
    }
    assert_eq!(seen, State::ALL.into_iter().collect::<BTreeSet<_>>());
    for state in State::ALL {
        let mut reach = BTreeSet::from([state]);
        let mut queue = vec![state];
        while let Some(s) = queue.pop() {
            for t in next(s) {
                if reach.insert(t) {
                    queue.push(t);
                }
            }
        }
        assert!(reach.contains(&State::Closed), "{state:?} cannot be closed");
    }
}

#[test]
fn refusals_name_the_state_and_the_event_in_chinese() {
    let refusal = transition(State::Received, &Event::Accepted, &guards_a()).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "案件当前为“已收到，待报告维权委”，不能“受理并登记”。"
    );
}

#[test]
fn every_state_and_event_has_its_own_chinese_label() {
    let states: BTreeSet<_> = State::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(states.len(), State::ALL.len());
    let kinds: BTreeSet<_> = EventKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(kinds.len(), EventKind::ALL.len());
    assert!(states.iter().chain(kinds.iter()).all(|l| !l.is_empty()));
}

// ---------------------------------------------------------------------------------------------
// Deadlines.

#[test]
fn deadlines_are_derived_from_the_history_in_every_state() {
    let w = World::new();
    let rejected = w.record(
        &under_review(&w, base_facts()),
        "2026-10-08 10:00",
        Event::Rejected {
            reasons: "不属于维权职责范围。".into(),
        },
    );
    let extended = w.record(
        &investigating(&w),
        "2026-10-20 10:00",
        Event::ExtensionApproved {
            grounds: vec![ExtensionGround::Complex],
        },
    );
    let done = w.record(
        &investigating(&w),
        "2026-11-18 16:00",
        Event::InvestigationCompleted {
            summary: "核查完毕。".into(),
        },
    );
    let approved = w.record(&done, "2026-11-19 15:00", findings(Vec::new()));
    let notified = notified(&w, Vec::new());
    let findings_review = w.record(&notified, "2026-12-01 09:00", Event::ReviewRequested);
    let rejection_review = w.record(&rejected, "2026-10-15 09:00", Event::ReviewRequested);
    let reviewed = w.record(
        &findings_review,
        "2026-12-20 09:00",
        Event::ReviewAnswered {
            answer: ReviewAnswer::Uphold,
            reasons: "核查结果正确。".into(),
        },
    );
    let received = open_case(base_facts(), "2026-09-29 09:00");
    let reported = w.record(&received, "2026-09-29 09:30", Event::ReportedToCommittee);
    type Running<'a> = Vec<(PeriodId, &'a str)>;
    let cases: Vec<(&str, Case, &str, Running)> = vec![
        ("received", received, "2026-09-29", vec![]),
        ("reported", reported, "2026-09-29", vec![]),
        // 3 working days after 9-29: 9-30, 10-8, 10-9 (National Day 10-1..10-7).
        (
            "under review",
            under_review(&w, base_facts()),
            "2026-09-30",
            vec![(PeriodId::Reply, "2026-10-09")],
        ),
        (
            "accepted",
            w.record(
                &under_review(&w, base_facts()),
                "2026-10-08 10:00",
                Event::Accepted,
            ),
            "2026-10-08",
            vec![],
        ),
        // 10 working days after 10-8, counting the make-up Saturday 10-10.
        (
            "rejected",
            rejected,
            "2026-10-08",
            vec![(PeriodId::ReviewRequest, "2026-10-21")],
        ),
        // 30 working days after 10-9, the make-up Saturday 10-10 the first.
        (
            "investigating",
            investigating(&w),
            "2026-10-09",
            vec![(PeriodId::Investigation, "2026-11-19")],
        ),
        // 60 calendar days after 10-9 (default reading), a Tuesday.
        (
            "extended",
            extended,
            "2026-10-20",
            vec![(PeriodId::Extension, "2026-12-08")],
        ),
        // 3 days after 11-18 is Saturday 11-21: moved to Monday.
        (
            "investigation done",
            done,
            "2026-11-18",
            vec![(PeriodId::Findings, "2026-11-23")],
        ),
        (
            "findings approved",
            approved,
            "2026-11-19",
            vec![(PeriodId::Findings, "2026-11-23")],
        ),
        (
            "notified",
            notified,
            "2026-11-20",
            vec![(PeriodId::ReviewRequest, "2026-12-04")],
        ),
        (
            "rejection review",
            rejection_review,
            "2026-10-15",
            vec![(PeriodId::ReviewAnswer, "2026-11-16")],
        ),
        (
            "findings review",
            findings_review,
            "2026-12-01",
            vec![(PeriodId::ReviewAnswer, "2026-12-31")],
        ),
        ("reviewed", reviewed, "2026-12-20", vec![]),
    ];
    for (name, case, today, want) in cases {
        let want: Vec<(PeriodId, NaiveDate)> =
            want.into_iter().map(|(p, d)| (p, date(d))).collect();
        assert_eq!(w.deadlines(&case, today), want, "{name}");
        assert_eq!(
            next_due(&case, &w.calendar, &w.readings, date(today)),
            want.first().map(|(_, d)| *d),
            "{name}"
        );
    }
}

#[test]
fn appeal_states_and_closed_cases_have_no_running_period() {
    let w = World::new();
    let case = open_case(
        appeal_facts(Sanction::MajorDemeritOrDismissal),
        "2026-09-29 09:00",
    );
    let mut case = w.record(
        &case,
        "2026-09-29 10:00",
        Event::AppealCheckCompleted {
            summary: "初查：处分依据存疑。".into(),
        },
    );
    for (when, event) in [
        ("2026-09-30 10:00", Event::CommitteeConsented),
        (
            "2026-10-08 10:00",
            Event::HearingHeld {
                summary: "民警陈述系依法处置。".into(),
            },
        ),
        (
            "2026-10-09 10:00",
            Event::AppealReviewed {
                opinion: AppealOpinion::Proper,
                reasons: "事实清楚。".into(),
                recipient: String::new(),
            },
        ),
    ] {
        assert!(
            w.deadlines(&case, &when[..10]).is_empty(),
            "{:?}",
            case.state()
        );
        case = w.record(&case, when, event);
    }
    let case = w.finish_required(&case, "2026-10-09 11:00");
    let closed = w.record(
        &case,
        "2026-10-09 12:00",
        Event::Closed {
            summary: "维持处分。".into(),
        },
    );
    assert_eq!(closed.state(), State::Closed);
    assert!(w.deadlines(&closed, "2026-10-09").is_empty());
}

#[test]
fn the_reply_period_counts_from_receipt_under_that_reading() {
    let w = World::with_readings(Readings {
        reply_start: ReplyStartReading::FromReceipt,
        ..Readings::default()
    });
    // Received Monday 9-28: 9-29, 9-30, 10-8.
    let case = open_case(base_facts(), "2026-09-28 22:00");
    assert_eq!(
        w.deadlines(&case, "2026-09-28"),
        vec![(PeriodId::Reply, date("2026-10-08"))]
    );
}

#[test]
fn the_extension_follows_the_chosen_reading() {
    let w = World::with_readings(Readings {
        extension: ExtensionReading::ExtraCalendarDays,
        ..Readings::default()
    });
    let case = w.record(
        &investigating(&w),
        "2026-10-20 10:00",
        Event::ExtensionApproved {
            grounds: vec![ExtensionGround::Major, ExtensionGround::Difficult],
        },
    );
    // 60 calendar days after the 30 working days' due date 11-19: 1-18-2027, a year whose
    // holidays are not yet known.
    let open = open_deadlines(&case, &w.calendar, &w.readings, date("2026-10-20"));
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].period, PeriodId::Extension);
    assert_eq!(open[0].due, date("2027-01-18"));
    assert!(open[0].provisional);
}

#[test]
fn an_open_deadline_carries_its_citation_and_signed_working_days_left() {
    let w = World::new();
    let case = investigating(&w);
    let open = open_deadlines(&case, &w.calendar, &w.readings, date("2026-11-23"));
    assert_eq!(open.len(), 1);
    let d = &open[0];
    assert_eq!(d.citation.to_string(), "第三十二条第一款");
    assert_eq!(d.actor, "维权办");
    assert_eq!(d.due, date("2026-11-19"));
    // Friday 11-20 and Monday 11-23 have passed since the due date.
    assert_eq!(d.working_days_left, -2);
    assert!(d.overdue && d.needs_supervision && !d.provisional);
    let before = open_deadlines(&case, &w.calendar, &w.readings, date("2026-11-16"));
    assert_eq!(before[0].working_days_left, 3);
    assert!(!before[0].overdue && !before[0].needs_supervision);
}

// ---------------------------------------------------------------------------------------------
// 第三十一条: deemed acceptance and the applicant-fault exception.

#[test]
fn deemed_acceptance_waits_for_the_reply_period_across_national_day() {
    let w = World::new();
    let case = under_review(&w, base_facts());

    // On the due day the office may still reply; deeming is refused.
    let on_due = w.allowed(&case, "2026-10-09");
    assert!(on_due.contains(&EventKind::Accepted));
    assert!(on_due.contains(&EventKind::Rejected));
    assert!(!on_due.contains(&EventKind::DeemedAccepted));
    assert_eq!(
        w.try_record(&case, "2026-10-09 17:00", Event::DeemedAccepted)
            .unwrap_err(),
        Refusal::ReplyPeriodRunning {
            due: date("2026-10-09")
        }
    );

    // The make-up Saturday after: deemed accepted, a late reply refused.
    let after = w.allowed(&case, "2026-10-10");
    assert!(after.contains(&EventKind::DeemedAccepted));
    assert!(!after.contains(&EventKind::Accepted));
    assert!(!after.contains(&EventKind::Rejected));
    let late = w
        .try_record(
            &case,
            "2026-10-10 09:00",
            Event::Rejected {
                reasons: "不属于维权职责范围。".into(),
            },
        )
        .unwrap_err();
    assert_eq!(
        late,
        Refusal::ReplyPeriodLapsed {
            due: date("2026-10-09")
        }
    );
    assert!(
        late.to_string().contains("2026年10月9日（星期五）"),
        "{late}"
    );
    assert_eq!(
        deemed_acceptance(&case, &w.calendar, &w.readings, date("2026-10-10")),
        Some(DeemedAcceptance::Deemed {
            since: date("2026-10-10")
        })
    );
    let open = open_deadlines(&case, &w.calendar, &w.readings, date("2026-10-10"));
    assert!(open[0].overdue && open[0].needs_supervision);
    assert_eq!(open[0].working_days_left, -1);
    assert!(open[0].note.as_deref().unwrap().contains("视为受理"));

    let deemed = w.record(&case, "2026-10-10 09:00", Event::DeemedAccepted);
    assert_eq!(deemed.state(), State::Accepted);
    assert_eq!(deemed.acceptance(), Some(Acceptance::Deemed));
    assert!(w.deadlines(&deemed, "2026-10-10").is_empty());
}

#[test]
fn a_reply_recorded_late_but_dated_in_time_is_accepted() {
    let w = World::new();
    let case = under_review(&w, base_facts());
    let t = at("2026-10-09 16:00");
    // Entered on Monday 10-12 for a reply given on the due day.
    let accepted = case
        .apply(
            NewEvent {
                at: t,
                actor: "王督察".into(),
                event: Event::Accepted,
                note: "补录".into(),
            },
            &w.env(),
            at("2026-10-12 09:00"),
        )
        .unwrap();
    assert_eq!(accepted.acceptance(), Some(Acceptance::Replied));
    assert_eq!(
        deemed_acceptance(&accepted, &w.calendar, &w.readings, date("2026-10-12")),
        Some(DeemedAcceptance::RepliedInTime)
    );
}

#[test]
fn the_applicants_fault_stops_deemed_acceptance_and_allows_a_late_reply() {
    let w = World::new();
    let case = w.record(
        &under_review(&w, base_facts()),
        "2026-10-08 15:00",
        Event::ApplicantCausedDelay {
            reason: "申请人出差，无法联系补充材料。".into(),
        },
    );
    assert_eq!(
        w.try_record(
            &case,
            "2026-10-08 16:00",
            Event::ApplicantCausedDelay {
                reason: "再次记录".into()
            }
        )
        .unwrap_err(),
        Refusal::DelayAlreadyRecorded
    );
    assert_eq!(
        w.try_record(&case, "2026-10-12 09:00", Event::DeemedAccepted)
            .unwrap_err(),
        Refusal::ExcusedByApplicant
    );
    let allowed = w.allowed(&case, "2026-10-12");
    assert!(!allowed.contains(&EventKind::DeemedAccepted));
    assert!(allowed.contains(&EventKind::Accepted));
    assert_eq!(
        deemed_acceptance(&case, &w.calendar, &w.readings, date("2026-10-12")),
        Some(DeemedAcceptance::ExcludedApplicantCause)
    );
    let open = open_deadlines(&case, &w.calendar, &w.readings, date("2026-10-12"));
    assert!(open[0].overdue && !open[0].needs_supervision);
    assert!(open[0].note.as_deref().unwrap().contains("申请人原因"));
    let rejected = w.record(
        &case,
        "2026-10-12 10:00",
        Event::Rejected {
            reasons: "申请人未补充材料。".into(),
        },
    );
    assert_eq!(rejected.state(), State::Rejected);
}

#[test]
fn a_rejection_needs_reasons() {
    let w = World::new();
    let case = under_review(&w, base_facts());
    let refusal = w
        .try_record(
            &case,
            "2026-10-08 10:00",
            Event::Rejected {
                reasons: "  ".into(),
            },
        )
        .unwrap_err();
    assert!(matches!(refusal, Refusal::Missing { .. }));
    assert!(refusal.to_string().contains("不予受理的理由"), "{refusal}");
}

// ---------------------------------------------------------------------------------------------
// 第三十二条: extension, review.

#[test]
fn the_investigation_is_extended_once_and_only_before_its_30_working_days_run_out() {
    let w = World::new();
    let case = investigating(&w);
    let extend = || Event::ExtensionApproved {
        grounds: vec![ExtensionGround::Complex],
    };
    assert_eq!(
        w.try_record(&case, "2026-11-20 09:00", extend())
            .unwrap_err(),
        Refusal::ExtensionTooLate {
            due: date("2026-11-19")
        }
    );
    let extended = w.record(&case, "2026-11-19 17:00", extend());
    assert_eq!(
        w.try_record(&extended, "2026-11-19 18:00", extend())
            .unwrap_err(),
        Refusal::ExtensionAlreadyApproved
    );
    assert!(matches!(
        w.try_record(
            &case,
            "2026-10-20 09:00",
            Event::ExtensionApproved { grounds: vec![] }
        ),
        Err(Refusal::Missing { .. })
    ));
}

#[test]
fn the_review_request_window_is_ten_working_days_and_closure_waits_for_it() {
    let w = World::new();
    let case = notified(&w, Vec::new());
    let case = w.finish_required(&case, "2026-11-20 11:00");
    assert_eq!(
        w.try_record(
            &case,
            "2026-12-04 17:00",
            Event::Closed {
                summary: "结案".into()
            }
        )
        .unwrap_err(),
        Refusal::ReviewWindowOpen {
            due: date("2026-12-04")
        }
    );
    assert_eq!(
        w.try_record(&case, "2026-12-07 09:00", Event::ReviewRequested)
            .unwrap_err(),
        Refusal::ReviewWindowClosed {
            due: date("2026-12-04")
        }
    );
    assert!(w.allowed(&case, "2026-12-07").contains(&EventKind::Closed));
    let closed = w.record(
        &case,
        "2026-12-07 09:00",
        Event::Closed {
            summary: "申请人未申请复核，结案。".into(),
        },
    );
    assert_eq!(closed.state(), State::Closed);
    assert_eq!(
        w.allowed(&closed, "2026-12-07"),
        vec![EventKind::Correction]
    );
}

#[test]
fn the_upper_office_may_order_a_rejected_application_accepted() {
    let w = World::new();
    let case = w.script(
        &under_review(&w, base_facts()),
        &[
            (
                "2026-10-08 10:00",
                Event::Rejected {
                    reasons: "不属于维权职责范围。".into(),
                },
            ),
            ("2026-10-15 09:00", Event::ReviewRequested),
        ],
    );
    let redo = w.try_record(
        &case,
        "2026-10-20 09:00",
        Event::ReviewAnswered {
            answer: ReviewAnswer::OrderRedo,
            reasons: "重新核查".into(),
        },
    );
    assert!(matches!(redo, Err(Refusal::AnswerDoesNotFit { .. })));
    let accepted = w.record(
        &case,
        "2026-10-20 09:00",
        Event::ReviewAnswered {
            answer: ReviewAnswer::OrderAccept,
            reasons: "属于维权职责范围，应当受理。".into(),
        },
    );
    assert_eq!(accepted.state(), State::Accepted);
    assert_eq!(accepted.acceptance(), Some(Acceptance::OrderedOnReview));
}

#[test]
fn the_upper_office_may_send_findings_back_for_a_new_investigation() {
    let w = World::new();
    let case = w.record(
        &notified(&w, Vec::new()),
        "2026-11-25 09:00",
        Event::ReviewRequested,
    );
    let accept = w.try_record(
        &case,
        "2026-12-01 09:00",
        Event::ReviewAnswered {
            answer: ReviewAnswer::OrderAccept,
            reasons: "受理".into(),
        },
    );
    assert!(matches!(accept, Err(Refusal::AnswerDoesNotFit { .. })));
    let redo = w.script(
        &case,
        &[
            (
                "2026-12-01 09:00",
                Event::ReviewAnswered {
                    answer: ReviewAnswer::OrderRedo,
                    reasons: "证据不足，重新调查核实。".into(),
                },
            ),
            ("2026-12-02 09:00", Event::InvestigationApproved),
        ],
    );
    // A new investigation: 30 working days from 12-2 run into 2027, whose holidays are unknown.
    let open = open_deadlines(&redo, &w.calendar, &w.readings, date("2026-12-02"));
    assert_eq!(open[0].period, PeriodId::Investigation);
    assert_eq!(open[0].deadline.start, date("2026-12-02"));
    assert!(open[0].provisional);
}

// ---------------------------------------------------------------------------------------------
// 第三十三条: the appeal.

fn appeal_under_review(w: &World) -> Case {
    let case = open_case(
        appeal_facts(Sanction::MajorDemeritOrDismissal),
        "2026-09-29 09:00",
    );
    w.script(
        &case,
        &[
            (
                "2026-09-29 10:00",
                Event::AppealCheckCompleted {
                    summary: "初查：处分依据存疑。".into(),
                },
            ),
            ("2026-09-30 10:00", Event::CommitteeConsented),
            (
                "2026-10-08 10:00",
                Event::HearingHeld {
                    summary: "民警陈述系依法处置，申辩处分过重。".into(),
                },
            ),
        ],
    )
}

#[test]
fn an_appeal_never_ends_in_a_heavier_sanction() {
    let w = World::new();
    let case = appeal_under_review(&w);
    let reviewed = |opinion| Event::AppealReviewed {
        opinion,
        reasons: "对事实、理由、依据和程序全面复核。".into(),
        recipient: "市局政治部".into(),
    };
    let heavier = w
        .try_record(&case, "2026-10-09 10:00", reviewed(AppealOpinion::Heavier))
        .unwrap_err();
    assert_eq!(heavier, Refusal::HeavierSanction);
    assert!(heavier.to_string().contains("不得因民警提出申诉而加重"));
    for opinion in [
        AppealOpinion::Proper,
        AppealOpinion::Revoke,
        AppealOpinion::Lighten,
    ] {
        let decided = w.record(&case, "2026-10-09 10:00", reviewed(opinion));
        assert_eq!(decided.state(), State::AppealDecided, "{opinion:?}");
    }
}

#[test]
fn an_improper_decision_needs_the_department_that_receives_the_opinion() {
    let w = World::new();
    let case = appeal_under_review(&w);
    let refusal = w
        .try_record(
            &case,
            "2026-10-09 10:00",
            Event::AppealReviewed {
                opinion: AppealOpinion::Revoke,
                reasons: "处分不当。".into(),
                recipient: String::new(),
            },
        )
        .unwrap_err();
    assert!(refusal.to_string().contains("作出决定部门"), "{refusal}");
}

#[test]
fn only_a_major_demerit_or_dismissal_goes_down_the_appeal_path() {
    let w = World::new();
    let case = open_case(appeal_facts(Sanction::Other), "2026-09-29 09:00");
    assert!(
        !w.allowed(&case, "2026-09-29")
            .contains(&EventKind::AppealCheckCompleted)
    );
    assert_eq!(
        check_event(
            &case,
            EventKind::AppealCheckCompleted,
            &w.env(),
            date("2026-09-29")
        ),
        Err(Refusal::NotAppealable)
    );
    let major = open_case(
        appeal_facts(Sanction::MajorDemeritOrDismissal),
        "2026-09-29 09:00",
    );
    assert!(
        w.allowed(&major, "2026-09-29")
            .contains(&EventKind::AppealCheckCompleted)
    );
}

// ---------------------------------------------------------------------------------------------
// 第三十四条: measures.

#[test]
fn measures_must_rest_on_the_findings_and_mandatory_ones_come_before_closure() {
    let w = World::new();
    let case = notified(
        &w,
        vec![
            Determination::DutyInfringed,
            Determination::NotEffectivelyProtected,
        ],
    );
    let case = w.finish_required(&case, "2026-11-20 11:00");
    assert_eq!(
        w.try_record(
            &case,
            "2026-11-20 12:00",
            Event::MeasureTaken {
                measure: Measure::InspectionRecommendation,
                detail: "督察建议".into(),
            }
        )
        .unwrap_err(),
        Refusal::MeasureNotSupported {
            measure: Measure::InspectionRecommendation
        }
    );
    let close = || Event::Closed {
        summary: "结案".into(),
    };
    assert_eq!(
        w.try_record(&case, "2026-12-07 09:00", close())
            .unwrap_err(),
        Refusal::MeasuresMissing {
            measures: vec![Measure::CorrectionOrdered]
        }
    );
    let corrected = w.record(
        &case,
        "2026-11-23 09:00",
        Event::MeasureTaken {
            measure: Measure::CorrectionOrdered,
            detail: "督促派出所依法查处行为人。".into(),
        },
    );
    // Solace and clearance are 视情: closure does not wait for them.
    assert_eq!(
        w.record(&corrected, "2026-12-07 09:00", close()).state(),
        State::Closed
    );
}

#[test]
fn a_finding_of_duty_infringed_brings_the_solace_payment_task() {
    let w = World::new();
    let plain = notified(&w, Vec::new());
    assert!(
        !tasks(&plain, &w.policy)
            .iter()
            .any(|t| t.id == TaskId::SolacePayment)
    );
    let infringed = notified(&w, vec![Determination::DutyInfringed]);
    let task = tasks(&infringed, &w.policy)
        .into_iter()
        .find(|t| t.id == TaskId::SolacePayment)
        .unwrap();
    assert_eq!(task.responsible, Responsible::Member(MemberUnit::Logistics));
    assert!(!task.required);
}

// ---------------------------------------------------------------------------------------------
// Tasks: 第三十五条, 第十条's member units, 第十三、二十九、三十六条.

#[test]
fn a_serious_injury_on_duty_requires_the_committees_inquiry_before_closure() {
    let w = World::new();
    let facts = CaseFacts {
        injury: Injury::Serious,
        categories: vec![OffenceCategory::Assault],
        ..base_facts()
    };
    let case = open_case(facts.clone(), "2026-09-29 09:00");
    let inquiry = tasks(&case, &w.policy)
        .into_iter()
        .find(|t| t.id == TaskId::SafetyInquiry)
        .unwrap();
    assert!(inquiry.required && inquiry.applies);
    assert_eq!(inquiry.responsible, Responsible::Committee);
    assert_eq!(inquiry.article, 35);

    let notified = notified_with(&w, facts, vec![Determination::DutyInfringed]);
    let mut open = notified.clone();
    for task in tasks(&notified, &w.policy) {
        if task.required && task.id != TaskId::SafetyInquiry {
            open = w.record(
                &open,
                "2026-11-20 11:00",
                Event::TaskCompleted {
                    task: task.id,
                    result: "已办".into(),
                },
            );
        }
    }
    let refusal = w
        .try_record(
            &open,
            "2026-12-07 09:00",
            Event::Closed {
                summary: "结案".into(),
            },
        )
        .unwrap_err();
    assert_eq!(
        refusal,
        Refusal::TasksOpen {
            tasks: vec![TaskId::SafetyInquiry]
        }
    );
    let done = w.record(
        &open,
        "2026-12-07 09:00",
        Event::TaskCompleted {
            task: TaskId::SafetyInquiry,
            result: "未发现安全防护不落实、指挥错误等情形。".into(),
        },
    );
    assert_eq!(
        w.record(
            &done,
            "2026-12-07 10:00",
            Event::Closed {
                summary: "结案".into()
            }
        )
        .state(),
        State::Closed
    );
}

#[test]
fn the_inquiry_is_only_for_serious_injury_or_death_of_the_person_on_duty() {
    let w = World::new();
    let cases: Vec<(&str, CaseFacts, bool)> = vec![
        (
            "serious on duty",
            CaseFacts {
                injury: Injury::Serious,
                ..base_facts()
            },
            true,
        ),
        (
            "death on duty",
            CaseFacts {
                injury: Injury::Death,
                ..base_facts()
            },
            true,
        ),
        (
            "serious, off duty but acting (第四十条)",
            CaseFacts {
                injury: Injury::Serious,
                incident: Incident {
                    duty: DutyLink::OffDutyActing,
                    ..base_facts().incident
                },
                ..base_facts()
            },
            true,
        ),
        (
            "light injury",
            CaseFacts {
                injury: Injury::Light,
                ..base_facts()
            },
            false,
        ),
        (
            "awaiting appraisal",
            CaseFacts {
                injury: Injury::Pending,
                ..base_facts()
            },
            false,
        ),
        (
            "serious, retaliation off duty",
            CaseFacts {
                injury: Injury::Serious,
                incident: Incident {
                    duty: DutyLink::Retaliation,
                    ..base_facts().incident
                },
                ..base_facts()
            },
            false,
        ),
        (
            "a relative seriously injured",
            CaseFacts {
                injury: Injury::Serious,
                harmed: HarmedPerson::NearRelative {
                    relation: Relation::Son,
                },
                incident: Incident {
                    duty: DutyLink::BecauseOfDuty,
                    ..base_facts().incident
                },
                ..base_facts()
            },
            false,
        ),
    ];
    for (name, facts, want) in cases {
        let case = open_case(facts, "2026-09-29 09:00");
        let has = tasks(&case, &w.policy)
            .iter()
            .any(|t| t.id == TaskId::SafetyInquiry);
        assert_eq!(has, want, "{name}");
    }
}

fn task_ids(w: &World, facts: CaseFacts) -> BTreeSet<TaskId> {
    let case = open_case(facts, "2026-09-29 09:00");
    tasks(&case, &w.policy).into_iter().map(|t| t.id).collect()
}

#[test]
fn member_unit_tasks_follow_from_the_case_facts() {
    use TaskId as T;
    let w = World::new();
    let always = [T::ReportCaseInfo, T::EnterInspectionPlatform];
    let cases: Vec<(&str, CaseFacts, Vec<TaskId>)> = vec![
        ("obstruction, off-site", base_facts(), vec![T::CaseHandling]),
        (
            "online defamation → 网安",
            CaseFacts {
                categories: vec![OffenceCategory::Defamation],
                online: true,
                ..base_facts()
            },
            vec![T::CaseHandling, T::OnlineMonitoring, T::RumourResponse],
        ),
        (
            "public opinion → 宣传, 网安",
            CaseFacts {
                public_opinion_risk: true,
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::PressRelease,
                T::OnlineMonitoring,
                T::RumourResponse,
            ],
        ),
        (
            "legal support below 轻微伤 → 第十三条 coordination, 警察协会",
            CaseFacts {
                help: vec![HelpKind::LegalSupport],
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::CoordinateCivilLiability,
                T::LawyerServiceTeam,
            ],
        ),
        (
            "legal support with 轻微伤 → lawyer; injury → 绿色通道, protection",
            CaseFacts {
                help: vec![HelpKind::LegalSupport],
                injury: Injury::Minor,
                categories: vec![OffenceCategory::Assault],
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::CommissionLawyer,
                T::LawyerServiceTeam,
                T::GreenChannel,
                T::ProtectionByOwnUnit,
                T::ProtectionByJurisdiction,
            ],
        ),
        (
            "psychological care → 人事训练",
            CaseFacts {
                help: vec![HelpKind::PsychologicalCare],
                ..base_facts()
            },
            vec![T::CaseHandling, T::PsychologicalCare],
        ),
        (
            "malicious complaint → 督察 written warning, clearance, 纪检监察、信访",
            CaseFacts {
                categories: vec![OffenceCategory::MaliciousComplaint],
                ..base_facts()
            },
            vec![
                T::WrittenWarning,
                T::ClearanceNotice,
                T::PetitionFalseReport,
            ],
        ),
        (
            "threats → protection (第二十九条)",
            CaseFacts {
                categories: vec![OffenceCategory::ThreatOrHarassment],
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::ProtectionByOwnUnit,
                T::ProtectionByJurisdiction,
            ],
        ),
        (
            "on-site → 第十一条, 情指联勤, 督察",
            CaseFacts {
                incident: Incident {
                    site: Site::OnSite,
                    ..base_facts().incident
                },
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::OnSiteResponse,
                T::OpinionRiskAssessment,
                T::OfficeCoordination,
                T::OnSiteInspection,
                T::CommandDispatch,
            ],
        ),
        (
            "major and urgent → upper office, 法制 early review",
            CaseFacts {
                major_or_urgent: true,
                ..base_facts()
            },
            vec![T::CaseHandling, T::ReportToUpperOffice, T::EarlyLegalReview],
        ),
        (
            "death on duty → inquiry, 抚恤, psychological care, early review",
            CaseFacts {
                injury: Injury::Death,
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::SafetyInquiry,
                T::Pension,
                T::PsychologicalCare,
                T::EarlyLegalReview,
                T::GreenChannel,
                T::ProtectionByOwnUnit,
                T::ProtectionByJurisdiction,
            ],
        ),
        (
            "under investigation → 法制 legal cooperation",
            CaseFacts {
                accountability: Some(Accountability {
                    sanction: Sanction::UnderInvestigation,
                    ..appeal_facts(Sanction::Other).accountability.unwrap()
                }),
                ..appeal_facts(Sanction::Other)
            },
            vec![T::LegalCooperation],
        ),
        (
            "property loss → protection",
            CaseFacts {
                property_loss: Money::from_fen(1),
                ..base_facts()
            },
            vec![
                T::CaseHandling,
                T::ProtectionByOwnUnit,
                T::ProtectionByJurisdiction,
            ],
        ),
    ];
    for (name, facts, extra) in cases {
        let want: BTreeSet<TaskId> = always.into_iter().chain(extra).collect();
        assert_eq!(task_ids(&w, facts), want, "{name}");
    }
}

#[test]
fn every_member_unit_of_article_ten_has_a_task() {
    let units: BTreeSet<MemberUnit> = TaskId::ALL
        .iter()
        .filter_map(|t| match t.responsible() {
            Responsible::Member(unit) => Some(unit),
            _ => None,
        })
        .collect();
    assert_eq!(units, MemberUnit::ALL.into_iter().collect::<BTreeSet<_>>());
    let items: Vec<u8> = MemberUnit::ALL.iter().map(|u| u.item()).collect();
    assert_eq!(items, (1..=10).collect::<Vec<_>>());
}

#[test]
fn every_task_quotes_the_rules_verbatim() {
    let articles =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles.json"))
            .unwrap();
    for task in TaskId::ALL {
        assert!(
            articles.contains(task.quote()),
            "{task:?}: {} is not in the 细则",
            task.quote()
        );
        assert!(!task.title().is_empty());
    }
    let ids: BTreeSet<_> = TaskId::ALL.into_iter().collect();
    assert_eq!(ids.len(), TaskId::ALL.len());
}

#[test]
fn the_legal_service_track_depends_on_the_units_large_loss_threshold() {
    let w = World::new();
    let loss = |yuan| CaseFacts {
        help: vec![HelpKind::LegalSupport],
        property_loss: Money::from_yuan(yuan).unwrap(),
        ..base_facts()
    };
    assert!(task_ids(&w, loss(5000)).contains(&TaskId::CommissionLawyer));
    assert!(task_ids(&w, loss(4999)).contains(&TaskId::CoordinateCivilLiability));
    let unset = World {
        policy: CasePolicy { large_loss: None },
        ..World::new()
    };
    let ids = task_ids(&unset, loss(5000));
    assert!(!ids.contains(&TaskId::CommissionLawyer));
    assert!(!ids.contains(&TaskId::CoordinateCivilLiability));
}

#[test]
fn tasks_are_assigned_and_completed_by_events() {
    let w = World::new();
    let case = open_case(base_facts(), "2026-09-29 09:00");
    let assigned = w.record(
        &case,
        "2026-09-29 09:10",
        Event::TaskAssigned {
            task: TaskId::CaseHandling,
            assignee: "解放派出所".into(),
        },
    );
    let done = w.record(
        &assigned,
        "2026-09-30 09:00",
        Event::TaskCompleted {
            task: TaskId::CaseHandling,
            result: "已对行为人处以行政拘留五日。".into(),
        },
    );
    let task = tasks(&done, &w.policy)
        .into_iter()
        .find(|t| t.id == TaskId::CaseHandling)
        .unwrap();
    assert_eq!(
        task.status,
        TaskStatus::Done {
            at: at("2026-09-30 09:00"),
            result: "已对行为人处以行政拘留五日。".into(),
            assignee: Some("解放派出所".into()),
        }
    );
    assert_eq!(
        w.try_record(
            &done,
            "2026-09-30 10:00",
            Event::TaskCompleted {
                task: TaskId::CaseHandling,
                result: "再次办结".into()
            }
        )
        .unwrap_err(),
        Refusal::TaskAlreadyDone {
            task: TaskId::CaseHandling
        }
    );
    assert_eq!(
        w.try_record(
            &done,
            "2026-09-30 10:00",
            Event::TaskAssigned {
                task: TaskId::SafetyInquiry,
                assignee: "维权委".into()
            }
        )
        .unwrap_err(),
        Refusal::TaskNotApplicable {
            task: TaskId::SafetyInquiry
        }
    );
}

#[test]
fn a_task_done_before_the_facts_changed_stays_listed() {
    let w = World::new();
    let case = w.record(
        &open_case(
            CaseFacts {
                help: vec![HelpKind::PsychologicalCare],
                ..base_facts()
            },
            "2026-09-29 09:00",
        ),
        "2026-09-29 10:00",
        Event::TaskCompleted {
            task: TaskId::PsychologicalCare,
            result: "已安排心理咨询。".into(),
        },
    );
    let amended = w.record(
        &case,
        "2026-09-30 10:00",
        Event::FactsAmended {
            facts: Box::new(base_facts()),
        },
    );
    let task = tasks(&amended, &w.policy)
        .into_iter()
        .find(|t| t.id == TaskId::PsychologicalCare)
        .unwrap();
    assert!(!task.applies && task.status.is_done());
}

#[test]
fn the_reporting_checklist_shows_when_each_report_was_made() {
    let w = World::new();
    let facts = CaseFacts {
        major_or_urgent: true,
        ..base_facts()
    };
    let case = w.record(
        &open_case(facts, "2026-09-29 09:00"),
        "2026-09-29 09:20",
        Event::TaskCompleted {
            task: TaskId::ReportToUpperOffice,
            result: "已电话报告市局维权办。".into(),
        },
    );
    let list = report_checklist(&case, &w.policy);
    let rows: Vec<(Option<TaskId>, Option<NaiveDateTime>)> =
        list.iter().map(|r| (r.task, r.done_at)).collect();
    assert_eq!(
        rows,
        vec![
            (None, Some(at("2026-09-29 09:00"))),
            (Some(TaskId::ReportCaseInfo), None),
            (Some(TaskId::EnterInspectionPlatform), None),
            (
                Some(TaskId::ReportToUpperOffice),
                Some(at("2026-09-29 09:20"))
            ),
        ]
    );
    assert_eq!(list[0].hours_after_incident, Some(11));
    assert!(list.iter().all(|r| r.required));
}

// ---------------------------------------------------------------------------------------------
// The record: order, corrections, revisions.

#[test]
fn the_buttons_shown_follow_the_state() {
    let w = World::new();
    let case = open_case(base_facts(), "2026-09-29 09:00");
    use EventKind as K;
    assert_eq!(
        w.allowed(&case, "2026-09-29"),
        vec![
            K::FactsAmended,
            K::ReportedToCommittee,
            K::TaskAssigned,
            K::TaskCompleted,
            K::Supervised,
            K::Correction
        ]
    );
    let review = under_review(&w, base_facts());
    assert_eq!(
        w.allowed(&review, "2026-09-30"),
        vec![
            K::FactsAmended,
            K::ApplicantCausedDelay,
            K::Accepted,
            K::Rejected,
            K::TaskAssigned,
            K::TaskCompleted,
            K::Supervised,
            K::Correction
        ]
    );
}

#[test]
fn each_applied_event_increments_the_revision_and_appends_one_record() {
    let w = World::new();
    let case = open_case(base_facts(), "2026-09-29 09:00");
    assert_eq!(case.revision(), 1);
    assert_eq!(case.history().len(), 1);
    let reported = w.record(&case, "2026-09-29 09:30", Event::ReportedToCommittee);
    assert_eq!(reported.revision(), 2);
    assert_eq!(reported.updated_at(), at("2026-09-29 09:30"));
    assert_eq!(reported.history()[..1], case.history()[..]);
    let last = reported.history().last().unwrap();
    assert_eq!((last.seq, last.actor.as_str()), (2, "王督察"));
    // A refused event changes nothing: the original is untouched and no new case is produced.
    assert!(
        w.try_record(&reported, "2026-09-29 09:40", Event::Accepted)
            .is_err()
    );
    assert_eq!(reported.revision(), 2);
}

#[test]
fn records_must_be_in_order_and_not_in_the_future() {
    let w = World::new();
    let case = w.record(
        &open_case(base_facts(), "2026-09-29 09:00"),
        "2026-09-29 10:00",
        Event::ReportedToCommittee,
    );
    assert_eq!(
        w.try_record(&case, "2026-09-29 09:59", Event::CommitteeConsented)
            .unwrap_err(),
        Refusal::OutOfOrder {
            at: at("2026-09-29 09:59"),
            previous: at("2026-09-29 10:00")
        }
    );
    let future = case.apply(
        NewEvent {
            at: at("2026-09-30 10:00"),
            actor: "王督察".into(),
            event: Event::CommitteeConsented,
            note: String::new(),
        },
        &w.env(),
        at("2026-09-29 11:00"),
    );
    assert!(matches!(future, Err(Refusal::InFuture { .. })));
    let nobody = case.apply(
        NewEvent {
            at: at("2026-09-29 11:00"),
            actor: " ".into(),
            event: Event::CommitteeConsented,
            note: String::new(),
        },
        &w.env(),
        at("2026-09-29 11:00"),
    );
    assert!(matches!(nobody, Err(Refusal::Missing { .. })));
}

#[test]
fn a_case_cannot_be_received_before_its_incident() {
    let t = at("2026-09-28 20:00");
    assert_eq!(
        Case::open(
            CaseId::new("WQ-1").unwrap(),
            base_facts(),
            t,
            "李收件",
            "",
            t
        )
        .unwrap_err(),
        Refusal::ReceivedBeforeIncident
    );
}

#[test]
fn a_correction_moves_a_records_time_without_rewriting_it() {
    let w = World::new();
    // The consent was entered as 9-30 but was given on 9-29.
    let case = w.script(
        &open_case(base_facts(), "2026-09-29 09:00"),
        &[
            ("2026-09-29 09:30", Event::ReportedToCommittee),
            ("2026-09-30 10:00", Event::CommitteeConsented),
        ],
    );
    assert_eq!(
        w.deadlines(&case, "2026-09-30"),
        vec![(PeriodId::Reply, date("2026-10-10"))]
    );
    let corrected = w.record(
        &case,
        "2026-09-30 11:00",
        Event::Correction {
            seq: 3,
            corrected_at: Some(at("2026-09-29 10:00")),
            reason: "维权委同意时间录入错误。".into(),
        },
    );
    assert_eq!(corrected.history()[2].at, at("2026-09-30 10:00"));
    assert_eq!(corrected.effective_at(3), Some(at("2026-09-29 10:00")));
    assert_eq!(
        w.deadlines(&corrected, "2026-09-30"),
        vec![(PeriodId::Reply, date("2026-10-09"))]
    );
    assert_eq!(corrected.state(), State::UnderReview);

    let too_early = w.try_record(
        &case,
        "2026-09-30 11:00",
        Event::Correction {
            seq: 3,
            corrected_at: Some(at("2026-09-29 09:00")),
            reason: "早于报告".into(),
        },
    );
    assert!(matches!(
        too_early,
        Err(Refusal::CorrectionOutOfOrder { .. })
    ));
    assert_eq!(
        w.try_record(
            &corrected,
            "2026-09-30 12:00",
            Event::Correction {
                seq: 4,
                corrected_at: None,
                reason: "更正更正".into()
            }
        )
        .unwrap_err(),
        Refusal::CorrectingCorrection { seq: 4 }
    );
    assert_eq!(
        w.try_record(
            &corrected,
            "2026-09-30 12:00",
            Event::Correction {
                seq: 9,
                corrected_at: None,
                reason: "没有这条".into()
            }
        )
        .unwrap_err(),
        Refusal::NoSuchRecord { seq: 9 }
    );
}

#[test]
fn amended_facts_replace_the_current_facts_and_keep_the_received_ones() {
    let w = World::new();
    let case = open_case(
        CaseFacts {
            injury: Injury::Pending,
            ..base_facts()
        },
        "2026-09-29 09:00",
    );
    let amended = w.record(
        &case,
        "2026-10-08 09:00",
        Event::FactsAmended {
            facts: Box::new(CaseFacts {
                injury: Injury::Serious,
                ..base_facts()
            }),
        },
    );
    assert_eq!(amended.facts().injury, Injury::Serious);
    assert!(matches!(
        &amended.history()[0].kind,
        Event::Received { facts } if facts.injury == Injury::Pending
    ));
    assert!(
        tasks(&amended, &w.policy)
            .iter()
            .any(|t| t.id == TaskId::SafetyInquiry)
    );
}

#[test]
fn a_case_survives_a_round_trip_through_json() {
    let w = World::new();
    let case = notified(&w, vec![Determination::DutyInfringed]);
    let json = serde_json::to_string(&case).unwrap();
    let back: Case = serde_json::from_str(&json).unwrap();
    assert_eq!(back, case);
    assert!(json.contains("\"state\":\"notified\""), "{json}");
}

#[test]
fn a_full_case_runs_from_receipt_to_closure() {
    let w = World::new();
    let case = notified(&w, vec![Determination::DutyInfringed]);
    let case = w.script(
        &case,
        &[
            (
                "2026-11-20 11:00",
                Event::MeasureTaken {
                    measure: Measure::Solace,
                    detail: "局领导上门慰问。".into(),
                },
            ),
            (
                "2026-11-20 11:30",
                Event::Supervised {
                    unit: "解放派出所".into(),
                    instruction: "依法从快查处行为人（第三十七条）。".into(),
                },
            ),
        ],
    );
    let case = w.finish_required(&case, "2026-11-21 09:00");
    let closed = w.record(
        &case,
        "2026-12-07 09:00",
        Event::Closed {
            summary: "依法履职受到侵犯，已抚慰，行为人已处理。".into(),
        },
    );
    assert_eq!(closed.state(), State::Closed);
    assert_eq!(closed.revision() as usize, closed.history().len());
    let seqs: Vec<u32> = closed.history().iter().map(|r| r.seq).collect();
    assert_eq!(
        seqs,
        (1..=closed.history().len() as u32).collect::<Vec<_>>()
    );
}

#[test]
fn the_committee_sees_each_member_units_tasks_across_cases() {
    let w = World::new();
    let online = CaseFacts {
        categories: vec![OffenceCategory::Defamation],
        online: true,
        ..base_facts()
    };
    let a = open_case(online.clone(), "2026-09-29 09:00");
    let b = w.record(
        &open_case(online, "2026-09-29 09:00"),
        "2026-09-29 10:00",
        Event::TaskCompleted {
            task: TaskId::OnlineMonitoring,
            result: "已固定网页截图和链接。".into(),
        },
    );
    let figures = member_unit_performance(&[a, b], &w.policy);
    assert_eq!(
        figures.iter().map(|(u, _)| *u).collect::<Vec<_>>(),
        MemberUnit::ALL.to_vec()
    );
    let of = |unit| figures.iter().find(|(u, _)| *u == unit).unwrap().1.clone();
    assert_eq!(
        of(MemberUnit::CyberSecurity),
        UnitPerformance {
            tasks: 4,
            done: 1,
            open_required: 0,
            left_open_on_closed_cases: 0,
        }
    );
    assert_eq!(
        of(MemberUnit::PublicOrderAndCriminal),
        UnitPerformance {
            tasks: 2,
            done: 0,
            open_required: 2,
            left_open_on_closed_cases: 0,
        }
    );
    assert_eq!(of(MemberUnit::Logistics), UnitPerformance::default());
}
