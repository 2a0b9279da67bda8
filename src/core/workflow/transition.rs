//! The transition function: one `match` listing every allowed (state, event) pair of 第三十至
//! 三十五条, each checked against the [`Guards`] the history gives on the event's day.

use chrono::NaiveDate;

use super::deadlines::due;
use super::progress::Progress;
use super::tasks::{Task, TaskId, tasks_with};
use super::{
    AppealOpinion, Case, Determination, Env, Event, Measure, Refusal, ReviewAnswer, State,
};
use crate::core::deadline::{DeadlineError, PeriodId};

/// 第三十一条: where the reply period stands on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyStatus {
    /// The period has not started (the committee has not consented yet).
    NotStarted,
    /// The day is within the period.
    Running {
        /// The last day to reply.
        due: NaiveDate,
    },
    /// The period passed without reply: 视为受理.
    Lapsed {
        /// The last day to reply.
        due: NaiveDate,
    },
    /// The period passed, but 因申请人原因无法答复 was recorded: not deemed accepted.
    Excused {
        /// The last day to reply.
        due: NaiveDate,
    },
    /// The due date could not be computed.
    Unavailable(DeadlineError),
}

/// 第三十二条: whether the current investigation may still be extended on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionStatus {
    /// No investigation is running.
    NotInvestigating,
    /// It may be extended until the 30 working days run out.
    Available {
        /// The 30 working days' due date.
        due: NaiveDate,
    },
    /// Already extended once.
    AlreadyApproved,
    /// The 30 working days have run out.
    TooLate {
        /// The 30 working days' due date.
        due: NaiveDate,
    },
    /// The due date could not be computed.
    Unavailable(DeadlineError),
}

/// 第三十二条第二款: whether the applicant may still ask for review on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewWindow {
    /// No reply has reached the applicant.
    NoReply,
    /// Within 10 working days of receiving the reply.
    Open {
        /// The last day to ask.
        due: NaiveDate,
    },
    /// The 10 working days have passed.
    Closed {
        /// The last day to ask.
        due: NaiveDate,
    },
    /// The due date could not be computed.
    Unavailable(DeadlineError),
}

/// What the history says on the day of an event; the transition function decides on these and
/// the state alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guards {
    /// 第三十一条.
    pub reply: ReplyStatus,
    /// 第三十一条: 因申请人原因无法答复 already recorded.
    pub applicant_delay_recorded: bool,
    /// 第三十二条.
    pub extension: ExtensionStatus,
    /// 第三十二条第二款.
    pub review_window: ReviewWindow,
    /// 第三十三条: the disputed decision is 记大过以上处分 or 辞退.
    pub appealable: bool,
    /// 第三十四条: the latest approved findings' determinations.
    pub determinations: Vec<Determination>,
    /// 第三十四条: the measures recorded since.
    pub measures_taken: Vec<Measure>,
    /// The case's tasks.
    pub tasks: Vec<Task>,
}

pub(super) fn guards(case: &Case, progress: &Progress, env: &Env<'_>, date: NaiveDate) -> Guards {
    let reply = match due(PeriodId::Reply, progress, env.calendar, env.readings) {
        None => ReplyStatus::NotStarted,
        Some(Err(e)) => ReplyStatus::Unavailable(e),
        Some(Ok(d)) if date <= d.due => ReplyStatus::Running { due: d.due },
        Some(Ok(d)) if progress.applicant_delay => ReplyStatus::Excused { due: d.due },
        Some(Ok(d)) => ReplyStatus::Lapsed { due: d.due },
    };
    let extension = if progress.extended {
        ExtensionStatus::AlreadyApproved
    } else {
        match due(
            PeriodId::Investigation,
            progress,
            env.calendar,
            env.readings,
        ) {
            None => ExtensionStatus::NotInvestigating,
            Some(Err(e)) => ExtensionStatus::Unavailable(e),
            Some(Ok(d)) if date <= d.due => ExtensionStatus::Available { due: d.due },
            Some(Ok(d)) => ExtensionStatus::TooLate { due: d.due },
        }
    };
    let review_window = match due(
        PeriodId::ReviewRequest,
        progress,
        env.calendar,
        env.readings,
    ) {
        None => ReviewWindow::NoReply,
        Some(Err(e)) => ReviewWindow::Unavailable(e),
        Some(Ok(d)) if date <= d.due => ReviewWindow::Open { due: d.due },
        Some(Ok(d)) => ReviewWindow::Closed { due: d.due },
    };
    Guards {
        reply,
        applicant_delay_recorded: progress.applicant_delay,
        extension,
        review_window,
        appealable: case.facts().appealable(),
        determinations: progress.determinations.clone(),
        measures_taken: progress.measures.clone(),
        tasks: tasks_with(case, env.policy, progress),
    }
}

/// 第三十一条: a reply (受理 or 不予受理) is possible while the period runs, and after it only
/// when the applicant caused the delay; otherwise the application is already deemed accepted.
fn reply_allowed(g: &Guards) -> Result<(), Refusal> {
    match &g.reply {
        ReplyStatus::Running { .. } | ReplyStatus::Excused { .. } => Ok(()),
        ReplyStatus::Lapsed { due } => Err(Refusal::ReplyPeriodLapsed { due: *due }),
        ReplyStatus::NotStarted => Err(Refusal::ReplyNotStarted),
        ReplyStatus::Unavailable(e) => Err(Refusal::Deadline(e.clone())),
    }
}

/// 第三十一条: 视为受理 only once the period has passed without reply, and not when the
/// applicant caused the delay.
fn deemed_allowed(g: &Guards) -> Result<(), Refusal> {
    match &g.reply {
        ReplyStatus::Lapsed { .. } => Ok(()),
        ReplyStatus::Running { due } => Err(Refusal::ReplyPeriodRunning { due: *due }),
        ReplyStatus::Excused { .. } => Err(Refusal::ExcusedByApplicant),
        ReplyStatus::NotStarted => Err(Refusal::ReplyNotStarted),
        ReplyStatus::Unavailable(e) => Err(Refusal::Deadline(e.clone())),
    }
}

/// 第三十二条: one extension, approved before the 30 working days run out.
fn extension_allowed(g: &Guards) -> Result<(), Refusal> {
    match &g.extension {
        ExtensionStatus::Available { .. } => Ok(()),
        ExtensionStatus::AlreadyApproved => Err(Refusal::ExtensionAlreadyApproved),
        ExtensionStatus::TooLate { due } => Err(Refusal::ExtensionTooLate { due: *due }),
        ExtensionStatus::NotInvestigating => Err(Refusal::Missing {
            what: "调查核实的启动记录",
        }),
        ExtensionStatus::Unavailable(e) => Err(Refusal::Deadline(e.clone())),
    }
}

/// 第三十二条第二款: a review request within 10 working days of receiving the reply.
fn review_request_allowed(g: &Guards) -> Result<(), Refusal> {
    match &g.review_window {
        ReviewWindow::Open { .. } => Ok(()),
        ReviewWindow::Closed { due } => Err(Refusal::ReviewWindowClosed { due: *due }),
        ReviewWindow::NoReply => Err(Refusal::Missing {
            what: "申请人收到答复的记录",
        }),
        ReviewWindow::Unavailable(e) => Err(Refusal::Deadline(e.clone())),
    }
}

/// 第三十二条第二款: a case that could still go to review stays open until the window closes.
fn review_window_passed(g: &Guards) -> Result<(), Refusal> {
    match &g.review_window {
        ReviewWindow::Closed { .. } | ReviewWindow::NoReply => Ok(()),
        ReviewWindow::Open { due } => Err(Refusal::ReviewWindowOpen { due: *due }),
        ReviewWindow::Unavailable(e) => Err(Refusal::Deadline(e.clone())),
    }
}

/// 第三十四条: a measure must rest on a determination that calls for it.
fn measure_allowed(g: &Guards, measure: Measure) -> Result<(), Refusal> {
    let supported = g
        .determinations
        .iter()
        .any(|d| d.measures().0.contains(&measure));
    if supported {
        Ok(())
    } else {
        Err(Refusal::MeasureNotSupported { measure })
    }
}

/// Closing needs every required task done and every mandatory measure of 第三十四条 taken.
fn closing_allowed(g: &Guards) -> Result<(), Refusal> {
    let open: Vec<TaskId> = g
        .tasks
        .iter()
        .filter(|t| t.required && t.applies && !t.status.is_done())
        .map(|t| t.id)
        .collect();
    if !open.is_empty() {
        return Err(Refusal::TasksOpen { tasks: open });
    }
    let mut missing: Vec<Measure> = Vec::new();
    for determination in &g.determinations {
        let (measures, mandatory) = determination.measures();
        for measure in measures {
            if mandatory && !g.measures_taken.contains(measure) && !missing.contains(measure) {
                missing.push(*measure);
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Refusal::MeasuresMissing { measures: missing })
    }
}

fn task_open(g: &Guards, task: TaskId) -> Result<(), Refusal> {
    match g.tasks.iter().find(|t| t.id == task) {
        Some(t) if t.status.is_done() => Err(Refusal::TaskAlreadyDone { task }),
        Some(t) if t.applies => Ok(()),
        _ => Err(Refusal::TaskNotApplicable { task }),
    }
}

/// The states in which the case is still open.
macro_rules! open {
    () => {
        State::Received
            | State::Reported
            | State::UnderReview
            | State::Accepted
            | State::Rejected
            | State::Investigating
            | State::InvestigationDone
            | State::FindingsApproved
            | State::Notified
            | State::RejectionReview
            | State::FindingsReview
            | State::Reviewed
            | State::AppealReported
            | State::AppealHearing
            | State::AppealReviewing
            | State::AppealDecided
    };
}

/// 第三十至三十五条: the state after `event` in `state`, or why the event is refused. Every
/// allowed pair is listed; the last arm refuses the rest.
pub fn transition(state: State, event: &Event, g: &Guards) -> Result<State, Refusal> {
    use State as S;
    let to = |next: State| move |()| next;
    match (state, event) {
        // Only the opening of a case records the receipt.
        (open!() | S::Closed, Event::Received { .. }) => Err(Refusal::AlreadyReceived),

        // 第三十一条: report, consent, reply within 3 working days.
        (S::Received, Event::ReportedToCommittee) => Ok(S::Reported),
        (S::Reported, Event::CommitteeConsented) => Ok(S::UnderReview),
        (S::Reported | S::AppealReported, Event::CommitteeDeclined { .. }) => Ok(S::Closed),
        (S::UnderReview, Event::ApplicantCausedDelay { .. }) => {
            if g.applicant_delay_recorded {
                Err(Refusal::DelayAlreadyRecorded)
            } else {
                Ok(S::UnderReview)
            }
        }
        (S::UnderReview, Event::Accepted) => reply_allowed(g).map(to(S::Accepted)),
        (S::UnderReview, Event::Rejected { .. }) => reply_allowed(g).map(to(S::Rejected)),
        (S::UnderReview, Event::DeemedAccepted) => deemed_allowed(g).map(to(S::Accepted)),

        // 第三十二条第一款: joint investigation, extension, findings, notification.
        (S::Accepted, Event::InvestigationApproved) => Ok(S::Investigating),
        (S::Investigating, Event::ExtensionApproved { .. }) => {
            extension_allowed(g).map(to(S::Investigating))
        }
        (S::Investigating, Event::InvestigationCompleted { .. }) => Ok(S::InvestigationDone),
        (S::InvestigationDone, Event::FindingsApproved { .. }) => Ok(S::FindingsApproved),
        (S::FindingsApproved, Event::ApplicantNotified) => Ok(S::Notified),

        // 第三十二条第二款: review by the upper office.
        (S::Rejected, Event::ReviewRequested) => {
            review_request_allowed(g).map(to(S::RejectionReview))
        }
        (S::Notified, Event::ReviewRequested) => {
            review_request_allowed(g).map(to(S::FindingsReview))
        }
        (S::RejectionReview, Event::ReviewAnswered { answer, .. }) => match answer {
            ReviewAnswer::Uphold => Ok(S::Reviewed),
            ReviewAnswer::OrderAccept => Ok(S::Accepted),
            ReviewAnswer::OrderRedo => Err(Refusal::AnswerDoesNotFit {
                reviewed: "不予受理决定",
                answer: *answer,
            }),
        },
        (S::FindingsReview, Event::ReviewAnswered { answer, .. }) => match answer {
            ReviewAnswer::Uphold => Ok(S::Reviewed),
            ReviewAnswer::OrderRedo => Ok(S::Accepted),
            ReviewAnswer::OrderAccept => Err(Refusal::AnswerDoesNotFit {
                reviewed: "核查结果",
                answer: *answer,
            }),
        },

        // 第三十四条: measures after approved findings.
        (
            S::FindingsApproved | S::Notified | S::FindingsReview | S::Reviewed,
            Event::MeasureTaken { measure, .. },
        ) => measure_allowed(g, *measure).map(to(state)),

        // 第三十三条: appeal against 记大过以上处分 or 辞退.
        (S::Received, Event::AppealCheckCompleted { .. }) => {
            if g.appealable {
                Ok(S::AppealReported)
            } else {
                Err(Refusal::NotAppealable)
            }
        }
        (S::AppealReported, Event::CommitteeConsented) => Ok(S::AppealHearing),
        (S::AppealHearing, Event::HearingHeld { .. }) => Ok(S::AppealReviewing),
        (S::AppealReviewing, Event::AppealReviewed { opinion, .. }) => match opinion {
            AppealOpinion::Proper | AppealOpinion::Revoke | AppealOpinion::Lighten => {
                Ok(S::AppealDecided)
            }
            AppealOpinion::Heavier => Err(Refusal::HeavierSanction),
        },

        // Closing.
        (S::Rejected | S::Notified, Event::Closed { .. }) => review_window_passed(g)
            .and_then(|()| closing_allowed(g))
            .map(to(S::Closed)),
        (S::Reviewed | S::AppealDecided, Event::Closed { .. }) => {
            closing_allowed(g).map(to(S::Closed))
        }

        // In every open state: amended facts, tasks (第十、十一、十三、二十九、三十五、三十六条),
        // supervision (第三十七条).
        (open!(), Event::FactsAmended { .. }) => Ok(state),
        (open!(), Event::TaskAssigned { task, .. } | Event::TaskCompleted { task, .. }) => {
            task_open(g, *task).map(to(state))
        }
        (open!(), Event::Supervised { .. }) => Ok(state),

        // Corrections annotate the history in every state, closed cases included.
        (open!() | S::Closed, Event::Correction { .. }) => Ok(state),
        // Issuing a document records it in every state; `core::document` decides which
        // documents the case supports.
        (open!() | S::Closed, Event::DocumentIssued { .. }) => Ok(state),

        (state, event) => Err(Refusal::WrongState {
            state,
            event: event.kind(),
        }),
    }
}
