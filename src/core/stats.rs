//! 第十七条 「加强对侵犯民警执法权威行为规律特点的分析研究」 and 第三十八条 「维权委定期对成员单位
//! 履职情况进行评估」: the figures the committee reviews — cases received in a date range broken
//! down by offence category, month, unit, ground, state and findings, how the 细则's periods
//! were kept, and how long the office took. Derived from the cases' histories; `today` is a
//! parameter.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::calendar::Calendar;
use crate::core::case::{Ground, OffenceCategory};
use crate::core::deadline::{PeriodId, Readings, compute, reply_start_date};
use crate::core::guide::Choice;
use crate::core::workflow::{Case, Determination, Event, State};

/// A range of receipt dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    from: NaiveDate,
    to: NaiveDate,
}

/// Why a date range is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateRangeError {
    /// The start date is after the end date.
    #[error("开始日期不能晚于结束日期。")]
    Reversed,
    /// A date could not be read.
    #[error("请按“年-月-日”填写日期，例如 2026-01-01。")]
    Unreadable,
}

impl DateRange {
    /// The range `[from, to]`; refused when `from` is after `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<DateRange, DateRangeError> {
        if from > to {
            return Err(DateRangeError::Reversed);
        }
        Ok(DateRange { from, to })
    }

    /// The range from two `YYYY-MM-DD` texts as a date input gives them.
    pub fn parse(from: &str, to: &str) -> Result<DateRange, DateRangeError> {
        let read = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| DateRangeError::Unreadable)
        };
        DateRange::new(read(from)?, read(to)?)
    }

    /// 1 January to 31 December of `today`'s year: the default period of review.
    pub fn year_of(today: NaiveDate) -> DateRange {
        let year = today.year();
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        DateRange { from, to }
    }

    /// The first day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// Whether `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Every month the range touches, as (year, month), in order.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        while (y, m) <= (self.to.year(), self.to.month()) {
            out.push((y, m));
            if m == 12 {
                y += 1;
                m = 1;
            } else {
                m += 1;
            }
        }
        out
    }
}

/// How one of the 细则's periods was kept across the cases.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PeriodFigures {
    /// Ended by the event that ends it on or before its due date.
    pub on_time: usize,
    /// Ended after its due date.
    pub late: usize,
    /// 第三十一条 「因申请人原因无法答复」: late, but the delay was the applicant's.
    pub excused: usize,
    /// Still running `today`, not yet past its due date.
    pub running: usize,
    /// Still running `today` and past its due date (第三十七条: to be supervised).
    pub running_overdue: usize,
}

impl PeriodFigures {
    /// Periods that have ended.
    pub fn ended(&self) -> usize {
        self.on_time + self.late + self.excused
    }
}

/// A median number of working days. Kept in half days so that the median of an even number of
/// values is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MedianDays {
    /// Twice the median.
    pub halves: i64,
    /// How many values it is the median of.
    pub count: usize,
}

impl MedianDays {
    /// The median of `values`, `None` when there are none.
    pub fn of(mut values: Vec<i64>) -> Option<MedianDays> {
        if values.is_empty() {
            return None;
        }
        values.sort_unstable();
        let n = values.len();
        let halves = if n % 2 == 1 {
            values[n / 2] * 2
        } else {
            values[n / 2 - 1] + values[n / 2]
        };
        Some(MedianDays { halves, count: n })
    }

    /// The median as text: `3` or `3.5`.
    pub fn text(&self) -> String {
        if self.halves % 2 == 0 {
            format!("{}", self.halves / 2)
        } else {
            format!("{}.5", self.halves.div_euclid(2))
        }
    }
}

/// The statistics of the cases received in a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statistics {
    /// The receipt dates covered.
    pub range: DateRange,
    /// The day the figures were computed for.
    pub today: NaiveDate,
    /// Cases received in the range.
    pub total: usize,
    /// Of these, not yet closed.
    pub open: usize,
    /// 第十九至二十六条: cases per offence category, every category in the 细则's order (a case
    /// with two categories counts under both).
    pub by_category: Vec<(OffenceCategory, usize)>,
    /// Cases per month of receipt, every month of the range, as ((year, month), count).
    pub by_month: Vec<((i32, u32), usize)>,
    /// Cases per officer's unit, most cases first, then by name.
    pub by_unit: Vec<(String, usize)>,
    /// 第三十条: cases per ground, every ground (a case with two grounds counts under both).
    pub by_ground: Vec<(Ground, usize)>,
    /// Cases per current state, only states that occur, in procedural order.
    pub by_state: Vec<(State, usize)>,
    /// 第三十四条: cases per determination of their latest approved findings, every
    /// determination.
    pub by_determination: Vec<(Determination, usize)>,
    /// 第三十一、三十二条: how each period the office or the upper office must keep was kept,
    /// in procedural order (the applicant's own review-request period is not the office's and
    /// is left out).
    pub periods: Vec<(PeriodId, PeriodFigures)>,
    /// 第三十一条: median working days from the procedure's start to the reply.
    pub median_reply_days: Option<MedianDays>,
    /// 第三十二条: median working days from the investigation's approval to its completion.
    pub median_investigation_days: Option<MedianDays>,
}

/// 第三十一、三十二条: the periods whose keeping is counted, in procedural order.
pub const COUNTED_PERIODS: [PeriodId; 5] = [
    PeriodId::Reply,
    PeriodId::Investigation,
    PeriodId::Extension,
    PeriodId::Findings,
    PeriodId::ReviewAnswer,
];

/// `YYYY年M月`.
pub fn month_label((year, month): (i32, u32)) -> String {
    format!("{year}年{month}月")
}

/// When each record counts as having happened: its own time or its latest correction's.
fn effective_times(case: &Case) -> BTreeMap<u32, NaiveDateTime> {
    let mut times: BTreeMap<u32, NaiveDateTime> =
        case.history().iter().map(|r| (r.seq, r.at)).collect();
    for record in case.history() {
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

/// One period as it ran on a case: started, due, and ended (or not).
#[derive(Clone, Copy, Debug)]
struct Run {
    period: PeriodId,
    start: NaiveDate,
    ended: Option<NaiveDate>,
    applicant_delay: bool,
}

/// The runs of the counted periods on one case, and the spans measured for the medians.
struct Reading {
    runs: Vec<Run>,
    reply_days: Option<(NaiveDate, NaiveDate)>,
    investigations: Vec<(NaiveDate, NaiveDate)>,
}

fn read(case: &Case, readings: &Readings) -> Reading {
    let times = effective_times(case);
    let mut received = None;
    let mut procedure_started = None;
    let mut in_appeal = false;
    let mut applicant_delay = false;
    let mut replied: Option<NaiveDate> = None;
    let mut reply_end: Option<NaiveDate> = None;
    let mut runs = Vec::new();
    let mut investigations = Vec::new();
    // The open investigation (start, extended), findings and review runs.
    let mut investigation: Option<(NaiveDate, bool)> = None;
    let mut findings: Option<NaiveDate> = None;
    let mut review: Option<NaiveDate> = None;
    for record in case.history() {
        let day = times.get(&record.seq).copied().unwrap_or(record.at).date();
        match &record.kind {
            Event::Received { .. } => received = Some(day),
            Event::AppealCheckCompleted { .. } => in_appeal = true,
            Event::CommitteeConsented if !in_appeal => {
                procedure_started.get_or_insert(day);
            }
            Event::ApplicantCausedDelay { .. } => applicant_delay = true,
            Event::Accepted | Event::Rejected { .. } => {
                replied.get_or_insert(day);
                reply_end.get_or_insert(day);
            }
            Event::DeemedAccepted => {
                reply_end.get_or_insert(day);
            }
            Event::InvestigationApproved => {
                investigation = Some((day, false));
            }
            Event::ExtensionApproved { .. } => {
                if let Some((_, extended)) = investigation.as_mut() {
                    *extended = true;
                }
            }
            Event::InvestigationCompleted { .. } => {
                if let Some((start, extended)) = investigation.take() {
                    let period = if extended {
                        PeriodId::Extension
                    } else {
                        PeriodId::Investigation
                    };
                    runs.push(Run {
                        period,
                        start,
                        ended: Some(day),
                        applicant_delay: false,
                    });
                    investigations.push((start, day));
                }
                findings = Some(day);
            }
            Event::ApplicantNotified => {
                if let Some(start) = findings.take() {
                    runs.push(Run {
                        period: PeriodId::Findings,
                        start,
                        ended: Some(day),
                        applicant_delay: false,
                    });
                }
            }
            Event::ReviewRequested => review = Some(day),
            Event::ReviewAnswered { .. } => {
                if let Some(start) = review.take() {
                    runs.push(Run {
                        period: PeriodId::ReviewAnswer,
                        start,
                        ended: Some(day),
                        applicant_delay: false,
                    });
                }
            }
            _ => {}
        }
    }
    let reply_start =
        received.and_then(|r| reply_start_date(r, procedure_started, readings.reply_start));
    if let Some(start) = reply_start {
        runs.push(Run {
            period: PeriodId::Reply,
            start,
            ended: reply_end,
            applicant_delay,
        });
    }
    if let Some((start, extended)) = investigation {
        let period = if extended {
            PeriodId::Extension
        } else {
            PeriodId::Investigation
        };
        runs.push(Run {
            period,
            start,
            ended: None,
            applicant_delay: false,
        });
    }
    for (period, start) in [
        (PeriodId::Findings, findings),
        (PeriodId::ReviewAnswer, review),
    ] {
        if let Some(start) = start {
            runs.push(Run {
                period,
                start,
                ended: None,
                applicant_delay: false,
            });
        }
    }
    Reading {
        runs,
        reply_days: procedure_started.zip(replied),
        investigations,
    }
}

/// 第十七、三十八条: the statistics of the cases received in `range`, with the periods counted
/// under `readings` on `calendar`, as they stand `today`. A period whose due date cannot be
/// computed (a year outside the calendar) is left out of the period figures.
pub fn statistics(
    cases: &[Case],
    range: DateRange,
    calendar: &Calendar,
    readings: &Readings,
    today: NaiveDate,
) -> Statistics {
    let selected: Vec<&Case> = cases
        .iter()
        .filter(|c| range.contains(c.received_at().date()))
        .collect();
    let mut by_category: Vec<(OffenceCategory, usize)> =
        OffenceCategory::ALL.into_iter().map(|c| (c, 0)).collect();
    let mut by_ground: Vec<(Ground, usize)> = Ground::ALL.iter().map(|g| (*g, 0)).collect();
    let mut by_determination: Vec<(Determination, usize)> =
        Determination::ALL.into_iter().map(|d| (d, 0)).collect();
    let mut by_month: Vec<((i32, u32), usize)> =
        range.months().into_iter().map(|m| (m, 0)).collect();
    let mut units: BTreeMap<String, usize> = BTreeMap::new();
    let mut states: BTreeMap<State, usize> = BTreeMap::new();
    let mut periods: Vec<(PeriodId, PeriodFigures)> = COUNTED_PERIODS
        .into_iter()
        .map(|p| (p, PeriodFigures::default()))
        .collect();
    let mut reply_days = Vec::new();
    let mut investigation_days = Vec::new();
    let make_up = readings.make_up_days;
    let mut open = 0;

    for case in &selected {
        let facts = case.facts();
        for (category, n) in by_category.iter_mut() {
            if facts.has_category(*category) {
                *n += 1;
            }
        }
        for (ground, n) in by_ground.iter_mut() {
            if facts.has_ground(*ground) {
                *n += 1;
            }
        }
        let found = case.determinations();
        for (determination, n) in by_determination.iter_mut() {
            if found.contains(determination) {
                *n += 1;
            }
        }
        let received = case.received_at().date();
        let month = (received.year(), received.month());
        if let Some((_, n)) = by_month.iter_mut().find(|(m, _)| *m == month) {
            *n += 1;
        }
        *units.entry(facts.officer.unit.clone()).or_default() += 1;
        *states.entry(case.state()).or_default() += 1;
        if case.state() != State::Closed {
            open += 1;
        }

        let reading = read(case, readings);
        if let Some((start, end)) = reading.reply_days {
            reply_days.push(calendar.working_days_between(start, end, make_up));
        }
        for (start, end) in reading.investigations {
            investigation_days.push(calendar.working_days_between(start, end, make_up));
        }
        for run in reading.runs {
            let Ok(deadline) = compute(calendar, run.period, run.start, readings) else {
                continue;
            };
            let Some((_, figures)) = periods.iter_mut().find(|(p, _)| *p == run.period) else {
                continue;
            };
            match run.ended {
                Some(end) if end <= deadline.due => figures.on_time += 1,
                Some(_) if run.applicant_delay => figures.excused += 1,
                Some(_) => figures.late += 1,
                // A period that never ended on a closed case no longer runs.
                None if case.state() == State::Closed => {}
                None if today > deadline.due => figures.running_overdue += 1,
                None => figures.running += 1,
            }
        }
    }

    let mut by_unit: Vec<(String, usize)> = units.into_iter().collect();
    by_unit.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Statistics {
        range,
        today,
        total: selected.len(),
        open,
        by_category,
        by_month,
        by_unit,
        by_ground,
        by_state: states.into_iter().collect(),
        by_determination,
        periods,
        median_reply_days: MedianDays::of(reply_days),
        median_investigation_days: MedianDays::of(investigation_days),
    }
}
