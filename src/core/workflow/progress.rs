//! What the history says so far: the days the periods start on, the flags that change what the
//! 细则 allows (applicant's delay, an extension), the approved findings and the tasks' status.
//! Everything here is derived from the records and their corrections, never stored.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::tasks::{TaskId, TaskStatus};
use super::{Acceptance, Case, Determination, Event, EventRecord, Measure};

/// The history, read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Progress {
    /// Day the office received the application.
    pub received: Option<NaiveDate>,
    /// 第三十一条: day the committee consented and the procedure started.
    pub procedure_started: Option<NaiveDate>,
    /// 第三十一条: 因申请人原因无法答复 was recorded.
    pub applicant_delay: bool,
    /// Day of the first reply (受理 or 不予受理) in the main line.
    pub replied_on: Option<NaiveDate>,
    /// How the application came to be accepted.
    pub acceptance: Option<Acceptance>,
    /// 第三十二条: day the current investigation started.
    pub investigation_started: Option<NaiveDate>,
    /// 第三十二条: the current investigation was extended.
    pub extended: bool,
    /// Day the current investigation finished.
    pub investigation_finished: Option<NaiveDate>,
    /// 第三十二条第二款: day the applicant received the latest reply (rejection or findings).
    pub reply_received: Option<NaiveDate>,
    /// 第三十二条第二款: day the upper office received the latest review request.
    pub review_received: Option<NaiveDate>,
    /// 第三十四条: the determinations of the latest approved findings.
    pub determinations: Vec<Determination>,
    /// 第三十四条: the measures recorded since those findings.
    pub measures: Vec<Measure>,
    /// The tasks touched by events.
    pub tasks: BTreeMap<TaskId, TaskStatus>,
}

/// The time each record counts as having happened: its own, or the latest correction's.
pub(crate) fn effective_times(history: &[EventRecord]) -> BTreeMap<u32, NaiveDateTime> {
    let mut times: BTreeMap<u32, NaiveDateTime> = history.iter().map(|r| (r.seq, r.at)).collect();
    for record in history {
        if let Event::Correction {
            seq,
            corrected_at: Some(at),
            ..
        } = &record.kind
        {
            times.insert(*seq, *at);
        }
    }
    times
}

impl Progress {
    pub(crate) fn of(case: &Case) -> Progress {
        let times = effective_times(case.history());
        let mut p = Progress::default();
        let mut in_appeal = false;
        for record in case.history() {
            let at = times.get(&record.seq).copied().unwrap_or(record.at);
            let day = at.date();
            match &record.kind {
                Event::Received { .. } => p.received = Some(day),
                Event::AppealCheckCompleted { .. } => in_appeal = true,
                Event::CommitteeConsented if !in_appeal => p.procedure_started = Some(day),
                Event::ApplicantCausedDelay { .. } => p.applicant_delay = true,
                Event::Accepted => {
                    p.replied_on.get_or_insert(day);
                    p.acceptance = Some(Acceptance::Replied);
                }
                Event::DeemedAccepted => p.acceptance = Some(Acceptance::Deemed),
                Event::Rejected { .. } => {
                    p.replied_on.get_or_insert(day);
                    p.reply_received = Some(day);
                }
                Event::InvestigationApproved => {
                    p.investigation_started = Some(day);
                    p.extended = false;
                    p.investigation_finished = None;
                }
                Event::ExtensionApproved { .. } => p.extended = true,
                Event::InvestigationCompleted { .. } => p.investigation_finished = Some(day),
                Event::FindingsApproved { determinations, .. } => {
                    p.determinations = determinations.clone();
                    p.measures.clear();
                }
                Event::ApplicantNotified => p.reply_received = Some(day),
                Event::ReviewRequested => p.review_received = Some(day),
                Event::ReviewAnswered { answer, .. } => {
                    if *answer == super::ReviewAnswer::OrderAccept {
                        p.acceptance = Some(Acceptance::OrderedOnReview);
                    }
                }
                Event::MeasureTaken { measure, .. } => p.measures.push(*measure),
                Event::TaskAssigned { task, assignee } => {
                    p.tasks.insert(
                        *task,
                        TaskStatus::Assigned {
                            to: assignee.clone(),
                            at,
                        },
                    );
                }
                Event::TaskCompleted { task, result } => {
                    let assignee = match p.tasks.get(task) {
                        Some(TaskStatus::Assigned { to, .. }) => Some(to.clone()),
                        _ => None,
                    };
                    p.tasks.insert(
                        *task,
                        TaskStatus::Done {
                            at,
                            result: result.clone(),
                            assignee,
                        },
                    );
                }
                Event::CommitteeConsented
                | Event::FactsAmended { .. }
                | Event::ReportedToCommittee
                | Event::CommitteeDeclined { .. }
                | Event::HearingHeld { .. }
                | Event::AppealReviewed { .. }
                | Event::Supervised { .. }
                | Event::Correction { .. }
                | Event::Closed { .. }
                | Event::DocumentIssued { .. } => {}
            }
        }
        p
    }
}
