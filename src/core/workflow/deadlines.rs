//! The case's running deadlines, derived from its history with the deadline engine: which of
//! the 细则's periods run in the current state, from which recorded day, and where they stand
//! `today` (第三十七条: an overdue period of the office calls for 督办).

use chrono::NaiveDate;
use serde::Serialize;

use super::progress::Progress;
use super::{Case, State};
use crate::core::calendar::Calendar;
use crate::core::deadline::{
    Citation, Deadline, DeadlineError, DeemedAcceptance, PeriodId, Provisional, Readings, compute,
    remaining, reply_start_date,
};

/// The day a period starts on (itself not counted), from the history; `None` while the event
/// that starts it has not happened.
fn start(period: PeriodId, progress: &Progress, readings: &Readings) -> Option<NaiveDate> {
    match period {
        PeriodId::Reply => reply_start_date(
            progress.received?,
            progress.procedure_started,
            readings.reply_start,
        ),
        PeriodId::Investigation | PeriodId::Extension => progress.investigation_started,
        PeriodId::Findings => progress.investigation_finished,
        PeriodId::ReviewRequest => progress.reply_received,
        PeriodId::ReviewAnswer => progress.review_received,
    }
}

/// The period's deadline from the history, once it has started.
pub(super) fn due(
    period: PeriodId,
    progress: &Progress,
    calendar: &Calendar,
    readings: &Readings,
) -> Option<Result<Deadline, DeadlineError>> {
    start(period, progress, readings).map(|day| compute(calendar, period, day, readings))
}

/// The periods that run in a state. Under the reading that counts the reply from receipt, the
/// reply period already runs while the committee is being asked.
fn running(state: State, progress: &Progress, readings: &Readings) -> Vec<PeriodId> {
    use crate::core::deadline::ReplyStartReading;
    match state {
        State::Received | State::Reported => {
            if readings.reply_start == ReplyStartReading::FromReceipt {
                vec![PeriodId::Reply]
            } else {
                Vec::new()
            }
        }
        State::UnderReview => vec![PeriodId::Reply],
        State::Investigating if progress.extended => vec![PeriodId::Extension],
        State::Investigating => vec![PeriodId::Investigation],
        State::InvestigationDone | State::FindingsApproved => vec![PeriodId::Findings],
        State::Rejected | State::Notified => vec![PeriodId::ReviewRequest],
        State::RejectionReview | State::FindingsReview => vec![PeriodId::ReviewAnswer],
        State::Accepted
        | State::Reviewed
        | State::AppealReported
        | State::AppealHearing
        | State::AppealReviewing
        | State::AppealDecided
        | State::Closed => Vec::new(),
    }
}

/// A period running on the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenDeadline {
    /// The period.
    pub period: PeriodId,
    /// Its title (from the period's definition).
    pub title: &'static str,
    /// Who must act.
    pub actor: &'static str,
    /// Where it is written.
    pub citation: Citation,
    /// The last day on which acting is in time.
    pub due: NaiveDate,
    /// Working days from today to the due date; negative when overdue.
    pub working_days_left: i64,
    /// Whether today is past the due date.
    pub overdue: bool,
    /// 第三十七条: overdue on the office's side (not the applicant's, not the upper office's,
    /// not excused by the applicant's delay) — the office must supervise.
    pub needs_supervision: bool,
    /// Whether the due date depends on a year whose holidays are unknown.
    pub provisional: bool,
    /// Why, when provisional.
    pub provisional_reason: Option<Provisional>,
    /// How the due date was reached, in one Chinese sentence.
    pub summary: String,
    /// What follows on this case, when there is something to say.
    pub note: Option<String>,
    /// The full computation, for the trace view.
    pub deadline: Deadline,
}

/// Every period running on the case `today`, soonest first. The applicant's review-request
/// period is listed only while it is open; once it has passed it no longer runs.
pub fn open_deadlines(
    case: &Case,
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
) -> Vec<OpenDeadline> {
    let progress = Progress::of(case);
    let mut out: Vec<OpenDeadline> = running(case.state(), &progress, readings)
        .into_iter()
        .filter_map(|period| {
            let deadline = due(period, &progress, calendar, readings)?.ok()?;
            let left = remaining(calendar, today, deadline.due, readings.make_up_days);
            if period == PeriodId::ReviewRequest && left.overdue {
                return None;
            }
            let def = period.definition();
            let excused = period == PeriodId::Reply && progress.applicant_delay;
            let note = match period {
                PeriodId::Reply if excused => {
                    Some("已记录因申请人原因无法答复：期满不视为受理（第三十一条）。".to_string())
                }
                PeriodId::Reply if left.overdue => {
                    Some("期满未答复，依第三十一条视为受理，请记录“视为受理”。".to_string())
                }
                PeriodId::ReviewRequest => {
                    Some("申请人的期限：期满未申请复核的，可以结案。".to_string())
                }
                _ => None,
            };
            let office_side = !matches!(period, PeriodId::ReviewRequest | PeriodId::ReviewAnswer);
            Some(OpenDeadline {
                period,
                title: def.title,
                actor: def.actor,
                citation: def.citation,
                due: deadline.due,
                working_days_left: left.working_days,
                overdue: left.overdue,
                needs_supervision: left.overdue && office_side && !excused,
                provisional: deadline.is_provisional() || left.provisional.is_some(),
                provisional_reason: deadline.provisional.clone().or(left.provisional),
                summary: deadline.summary(),
                note,
                deadline,
            })
        })
        .collect();
    out.sort_by_key(|d| d.due);
    out
}

/// The soonest due date among the running periods, for the store's `by_next_due` index.
pub fn next_due(
    case: &Case,
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
) -> Option<NaiveDate> {
    open_deadlines(case, calendar, readings, today)
        .into_iter()
        .map(|d| d.due)
        .min()
}

/// 第三十一条: where deemed acceptance stands `today`, once the reply period has started
/// (the deadline engine's rule applied to this case's history).
pub fn deemed_acceptance(
    case: &Case,
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
) -> Option<DeemedAcceptance> {
    let progress = Progress::of(case);
    let deadline = due(PeriodId::Reply, &progress, calendar, readings)?.ok()?;
    Some(crate::core::deadline::deemed_acceptance(
        deadline.due,
        progress.replied_on,
        progress.applicant_delay,
        today,
    ))
}
