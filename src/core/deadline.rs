//! The deadline engine: computes the due dates of the 细则's periods (第三十一条, 第三十二条)
//! over the working-day calendar, under the configured readings, with an optional day-by-day
//! trace, plus the dashboard's helpers (working days remaining, overdue, deemed acceptance).
//!
//! Counting rules (law-notes.md §5; the 细则 has none of its own):
//! - the start day is not counted; counting starts the next day (《民法典》第二百零一条,
//!   《民事诉讼法》第八十五条, 《公安机关办理行政案件程序规定》第三十五条);
//! - 「以内」 includes the last day (《民法典》第一千二百五十九条): the due date is the last day
//!   on which acting is still in time;
//! - a working-day period counts working days only;
//! - a calendar-day period whose last day is a day off moves forward (see [`RollForward`]);
//! - a period of length 0 is due on its start day itself and never moves: nothing is counted,
//!   so there is no last day that could fall on a day off.
//!
//! Dates are plain calendar dates; the UI converts instants to Asia/Shanghai first.

mod periods;
mod readings;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::core::calendar::{
    Calendar, DayInfo, DayKind, MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, MakeUpDays, format_date_cn,
    is_supported_date, unknown_years_reason,
};

pub use periods::{
    Citation, ExpiryRule, PERIODS, PeriodDefinition, PeriodId, PeriodUnit, StartEvent,
};
pub use readings::{
    AppliedReading, ExtensionReading, FindingsUnitReading, MAKE_UP_DAYS_QUESTION, Readings,
    ReadingsUsed, ReplyStartReading, RollForward,
};

/// The longest period the calculator accepts, in days (ten years).
pub const MAX_PERIOD_LENGTH: u16 = 3650;

/// A period length of at most [`MAX_PERIOD_LENGTH`] days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct PeriodLength(u16);

impl PeriodLength {
    /// `None` above [`MAX_PERIOD_LENGTH`].
    pub fn new(days: u16) -> Option<PeriodLength> {
        (days <= MAX_PERIOD_LENGTH).then_some(PeriodLength(days))
    }

    /// The number of days.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for PeriodLength {
    type Error = LengthInputError;
    fn try_from(days: u16) -> Result<Self, Self::Error> {
        PeriodLength::new(days).ok_or(LengthInputError::TooLong {
            max: MAX_PERIOD_LENGTH,
        })
    }
}

impl From<PeriodLength> for u16 {
    fn from(length: PeriodLength) -> u16 {
        length.0
    }
}

/// Why a typed period length was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LengthInputError {
    /// Nothing was typed.
    #[error("请输入期限的天数")]
    Empty,
    /// The text is not a whole number.
    #[error("“{0}”不是整数，请输入0或正整数，例如 30")]
    NotANumber(String),
    /// A minus sign was typed.
    #[error("期限天数不能为负数")]
    Negative,
    /// Longer than [`MAX_PERIOD_LENGTH`].
    #[error("期限最多{max}日")]
    TooLong {
        /// The limit.
        max: u16,
    },
}

/// Parses a period length typed in the calculator: a whole number from 0 to [`MAX_PERIOD_LENGTH`].
pub fn parse_length(input: &str) -> Result<PeriodLength, LengthInputError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(LengthInputError::Empty);
    }
    if let Some(rest) = text.strip_prefix('-')
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(LengthInputError::Negative);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LengthInputError::NotANumber(text.to_string()));
    }
    let too_long = LengthInputError::TooLong {
        max: MAX_PERIOD_LENGTH,
    };
    // All digits, so the only way to fail is a number too large for u16.
    let days: u16 = text.parse().map_err(|_| too_long.clone())?;
    PeriodLength::new(days).ok_or(too_long)
}

/// Why a deadline could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The start date is outside the supported years.
    #[error(
        "起算日{date}超出可计算范围，只能计算{MIN_SUPPORTED_YEAR}年至{MAX_SUPPORTED_YEAR}年之间的日期"
    )]
    OutOfRange {
        /// The start date given.
        date: NaiveDate,
    },
}

/// Why a result is only an estimate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provisional {
    /// The years the result depends on whose holiday arrangement is unknown.
    pub unknown_years: Vec<i32>,
    /// The explanation shown to the user.
    pub reason: String,
}

impl Provisional {
    fn for_years(unknown_years: Vec<i32>) -> Option<Provisional> {
        (!unknown_years.is_empty()).then(|| Provisional {
            reason: unknown_years_reason(&unknown_years),
            unknown_years,
        })
    }
}

/// A computed due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The 细则's period, or `None` for a free calculation.
    pub period: Option<PeriodId>,
    /// The start day given (not counted).
    pub start: NaiveDate,
    /// What the start day is, for a 细则 period.
    pub start_event: Option<StartEvent>,
    /// The day after which counting began: `start`, except under
    /// [`ExtensionReading::ExtraCalendarDays`], where it is the 30 working days' due date.
    pub counted_from: NaiveDate,
    /// The unit actually counted (a reading can change it).
    pub unit: PeriodUnit,
    /// The length actually counted.
    pub length: u16,
    /// The last day on which acting is in time.
    pub due: NaiveDate,
    /// For a calendar-day period that moved forward: the last day before moving.
    pub moved_from: Option<NaiveDate>,
    /// The readings this result depended on.
    pub readings: ReadingsUsed,
    /// Set when the result depends on a year whose holiday arrangement is unknown.
    pub provisional: Option<Provisional>,
}

impl Deadline {
    /// The period's definition, for a 细则 period.
    pub fn definition(&self) -> Option<&'static PeriodDefinition> {
        self.period.map(PeriodId::definition)
    }

    /// Whether the result depends on an unknown year.
    pub fn is_provisional(&self) -> bool {
        self.provisional.is_some()
    }

    /// Whether `today` is past the due date (the due date itself is still in time).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        is_overdue(today, self.due)
    }

    /// One sentence saying how the due date was reached, e.g. 「自2026年9月30日（星期三）的次日起算，
    /// 3个工作日，届满日为2026年10月10日（星期六）。」
    pub fn summary(&self) -> String {
        if self.length == 0 {
            return format!("期限为0日，届满日即起算日{}。", format_date_cn(self.start));
        }
        let mut text = String::new();
        if self.counted_from != self.start {
            text.push_str(&format!(
                "原期限于{}届满，",
                format_date_cn(self.counted_from)
            ));
        }
        text.push_str(&format!(
            "自{}的次日起算，{}，",
            format_date_cn(self.counted_from),
            self.unit.format_length(self.length)
        ));
        match self.moved_from {
            Some(last) => text.push_str(&format!(
                "第{}日{}不是工作日，顺延至{}。",
                self.length,
                format_date_cn(last),
                format_date_cn(self.due)
            )),
            None => text.push_str(&format!("届满日为{}。", format_date_cn(self.due))),
        }
        text
    }
}

/// How one day of a trace was treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum StepAction {
    /// Counted toward the period as its `ordinal`-th day.
    Counted {
        /// 1 for the first day counted.
        ordinal: u16,
    },
    /// Not counted: a day off in a working-day period.
    Skipped,
    /// A day off after the last counted day of a calendar-day period: the due date moves past it.
    MovedPast,
    /// The day a calendar-day period's due date moved to.
    MovedTo,
}

/// One day of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// The day and its kind.
    pub day: DayInfo,
    /// What the count did with it.
    pub action: StepAction,
    /// The line shown for it, e.g. 「第2个工作日（调休上班（春节），计入）」 or 「不计（周末）」.
    pub note: String,
}

/// One stretch of counting; there are two only under [`ExtensionReading::ExtraCalendarDays`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracePhase {
    /// What is counted, e.g. 「3个工作日」.
    pub title: String,
    /// The unit.
    pub unit: PeriodUnit,
    /// The length.
    pub length: u16,
    /// The day after which counting began.
    pub counted_from: NaiveDate,
    /// Where this stretch ended.
    pub due: NaiveDate,
    /// Every day after `counted_from` through `due`.
    pub steps: Vec<TraceStep>,
    /// Set when the last day moved forward: why.
    pub moved_note: Option<String>,
}

/// A deadline with its day-by-day trace, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracedDeadline {
    /// The result.
    pub deadline: Deadline,
    /// How it was reached.
    pub phases: Vec<TracePhase>,
}

#[derive(Clone, Copy)]
struct Stretch {
    unit: PeriodUnit,
    length: u16,
}

/// The stretches a period is counted in, under the readings. Lengths and units come from the
/// definitions; the readings only rearrange them.
fn stretches(period: PeriodId, readings: &Readings) -> (Stretch, Option<Stretch>) {
    let def = period.definition();
    let literal = Stretch {
        unit: def.unit,
        length: def.length,
    };
    let in_unit = |unit| Stretch { unit, ..literal };
    match period {
        PeriodId::Extension => match readings.extension {
            ExtensionReading::TotalCalendarDays => (literal, None),
            ExtensionReading::ExtraCalendarDays => {
                let investigation = PeriodId::Investigation.definition();
                let first = Stretch {
                    unit: investigation.unit,
                    length: investigation.length,
                };
                (first, Some(literal))
            }
            ExtensionReading::TotalWorkingDays => (in_unit(PeriodUnit::WorkingDays), None),
        },
        PeriodId::Findings => {
            let unit = match readings.findings_unit {
                FindingsUnitReading::CalendarDays => PeriodUnit::CalendarDays,
                FindingsUnitReading::WorkingDays => PeriodUnit::WorkingDays,
            };
            (in_unit(unit), None)
        }
        PeriodId::Reply
        | PeriodId::Investigation
        | PeriodId::ReviewRequest
        | PeriodId::ReviewAnswer => (literal, None),
    }
}

/// 第三十一条 under [`ReplyStartReading`]; the other periods' start events are fixed.
fn start_event(period: PeriodId, readings: &Readings) -> StartEvent {
    match (period, readings.reply_start) {
        (PeriodId::Reply, ReplyStartReading::FromReceipt) => StartEvent::ApplicationReceived,
        (PeriodId::Reply, ReplyStartReading::FromProcedureStart) => StartEvent::ProcedureStarted,
        _ => period.definition().start_event,
    }
}

fn readings_used(
    period: Option<PeriodId>,
    parts: (Stretch, Option<Stretch>),
    readings: &Readings,
) -> ReadingsUsed {
    let units = [Some(parts.0.unit), parts.1.map(|s| s.unit)];
    let working = units.contains(&Some(PeriodUnit::WorkingDays));
    let calendar = units.contains(&Some(PeriodUnit::CalendarDays));
    let moves_to_working_day = calendar && readings.roll_forward == RollForward::NextWorkingDay;
    ReadingsUsed {
        extension: (period == Some(PeriodId::Extension)).then_some(readings.extension),
        reply_start: (period == Some(PeriodId::Reply)).then_some(readings.reply_start),
        findings_unit: (period == Some(PeriodId::Findings)).then_some(readings.findings_unit),
        make_up_days: (working || moves_to_working_day).then_some(readings.make_up_days),
        roll_forward: calendar.then_some(readings.roll_forward),
    }
}

/// Where one stretch ends.
#[derive(Clone, Copy)]
struct Counted {
    counted_from: NaiveDate,
    due: NaiveDate,
    moved_from: Option<NaiveDate>,
    /// The first day the result depends on (the later days up to `due` too).
    depends_from: NaiveDate,
}

fn out_of_range(date: NaiveDate) -> DeadlineError {
    DeadlineError::OutOfRange { date }
}

fn count(
    calendar: &Calendar,
    from: NaiveDate,
    stretch: Stretch,
    readings: &Readings,
) -> Result<Counted, DeadlineError> {
    let make_up = readings.make_up_days;
    let next_day = from.succ_opt().ok_or(out_of_range(from))?;
    let unmoved = |due| Counted {
        counted_from: from,
        due,
        moved_from: None,
        depends_from: next_day,
    };
    if stretch.length == 0 {
        return Ok(unmoved(from));
    }
    match stretch.unit {
        PeriodUnit::WorkingDays => calendar
            .add_working_days(from, u32::from(stretch.length), make_up)
            .map(unmoved)
            .ok_or(out_of_range(from)),
        PeriodUnit::CalendarDays => {
            let last = from
                .checked_add_days(Days::new(u64::from(stretch.length)))
                .ok_or(out_of_range(from))?;
            let due = match readings.roll_forward {
                RollForward::NextWorkingDay => calendar.first_working_day_from(last, make_up),
                RollForward::HolidayOnly => match calendar.holiday_block_end(last) {
                    Some(end) => end.succ_opt(),
                    None => Some(last),
                },
            }
            .ok_or(out_of_range(from))?;
            Ok(Counted {
                counted_from: from,
                due,
                moved_from: (due != last).then_some(last),
                depends_from: last,
            })
        }
    }
}

/// Each stretch counted, with its result (the second only under
/// [`ExtensionReading::ExtraCalendarDays`]).
type CountedStretches = [Option<(Stretch, Counted)>; 2];

/// Counts every stretch in turn, each from the previous one's due date, and assembles the
/// result. No walk, and no allocation unless the result is provisional.
fn run(
    calendar: &Calendar,
    period: Option<PeriodId>,
    parts: (Stretch, Option<Stretch>),
    start: NaiveDate,
    readings: &Readings,
) -> Result<(Deadline, CountedStretches), DeadlineError> {
    if !is_supported_date(start) {
        return Err(out_of_range(start));
    }
    let first = count(calendar, start, parts.0, readings)?;
    let mut unknown = calendar.unknown_years_between(first.depends_from, first.due);
    let mut counted = [Some((parts.0, first)), None];
    let mut last = (parts.0, first);
    if let Some(stretch) = parts.1 {
        let second = count(calendar, first.due, stretch, readings)?;
        unknown.extend(calendar.unknown_years_between(second.depends_from, second.due));
        unknown.sort_unstable();
        unknown.dedup();
        counted[1] = Some((stretch, second));
        last = (stretch, second);
    }
    let (stretch, result) = last;
    let deadline = Deadline {
        period,
        start,
        start_event: period.map(|p| start_event(p, readings)),
        counted_from: result.counted_from,
        unit: stretch.unit,
        length: stretch.length,
        due: result.due,
        moved_from: result.moved_from,
        readings: readings_used(period, parts, readings),
        provisional: Provisional::for_years(unknown),
    };
    Ok((deadline, counted))
}

/// The due date of a 细则 period (第三十一条, 第三十二条) whose start day is `start`: the day of
/// the period's [`StartEvent`] under these readings, itself not counted. Cheap: no day-by-day
/// walk and no allocation unless the result is provisional. For bulk use.
pub fn compute(
    calendar: &Calendar,
    period: PeriodId,
    start: NaiveDate,
    readings: &Readings,
) -> Result<Deadline, DeadlineError> {
    run(
        calendar,
        Some(period),
        stretches(period, readings),
        start,
        readings,
    )
    .map(|(d, _)| d)
}

/// [`compute`] with the day-by-day trace, for display.
pub fn compute_with_trace(
    calendar: &Calendar,
    period: PeriodId,
    start: NaiveDate,
    readings: &Readings,
) -> Result<TracedDeadline, DeadlineError> {
    let (deadline, counted) = run(
        calendar,
        Some(period),
        stretches(period, readings),
        start,
        readings,
    )?;
    Ok(traced(calendar, deadline, counted, readings))
}

/// A free period for the calculator: `length` units after `start`, counted by the same rules
/// as the 细则's periods and the counting readings (make-up days, moving the last day).
pub fn compute_span(
    calendar: &Calendar,
    unit: PeriodUnit,
    length: PeriodLength,
    start: NaiveDate,
    readings: &Readings,
) -> Result<Deadline, DeadlineError> {
    let stretch = Stretch {
        unit,
        length: length.get(),
    };
    run(calendar, None, (stretch, None), start, readings).map(|(d, _)| d)
}

/// [`compute_span`] with the day-by-day trace, for display.
pub fn compute_span_with_trace(
    calendar: &Calendar,
    unit: PeriodUnit,
    length: PeriodLength,
    start: NaiveDate,
    readings: &Readings,
) -> Result<TracedDeadline, DeadlineError> {
    let stretch = Stretch {
        unit,
        length: length.get(),
    };
    let (deadline, counted) = run(calendar, None, (stretch, None), start, readings)?;
    Ok(traced(calendar, deadline, counted, readings))
}

fn traced(
    calendar: &Calendar,
    deadline: Deadline,
    counted: CountedStretches,
    readings: &Readings,
) -> TracedDeadline {
    let phases = counted
        .into_iter()
        .flatten()
        .map(|(stretch, result)| trace_phase(calendar, stretch, result, readings))
        .collect();
    TracedDeadline { deadline, phases }
}

/// Walks the stretch day by day, for display only (the due date itself was computed without).
fn trace_phase(
    calendar: &Calendar,
    stretch: Stretch,
    result: Counted,
    readings: &Readings,
) -> TracePhase {
    let make_up = readings.make_up_days;
    let mut steps = Vec::new();
    let mut ordinal: u16 = 0;
    let nominal_last = result.moved_from.unwrap_or(result.due);
    let days = result
        .counted_from
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= result.due);
    for date in days {
        let day = calendar.day(date);
        let label = day.explain();
        let is_make_up = matches!(day.kind, DayKind::MakeUpWorkday { .. });
        let (action, note) = match stretch.unit {
            PeriodUnit::WorkingDays if day.is_working(make_up) => {
                ordinal += 1;
                let note = if is_make_up {
                    format!("第{ordinal}个工作日（{label}，计入）")
                } else {
                    format!("第{ordinal}个工作日")
                };
                (StepAction::Counted { ordinal }, note)
            }
            PeriodUnit::WorkingDays => {
                let note = if is_make_up {
                    format!("不计（{label}，按所选读法不算工作日）")
                } else {
                    format!("不计（{label}）")
                };
                (StepAction::Skipped, note)
            }
            PeriodUnit::CalendarDays if date <= nominal_last => {
                ordinal += 1;
                (
                    StepAction::Counted { ordinal },
                    format!("第{ordinal}日（{label}）"),
                )
            }
            PeriodUnit::CalendarDays if date < result.due => {
                (StepAction::MovedPast, format!("顺延（{label}）"))
            }
            PeriodUnit::CalendarDays => (StepAction::MovedTo, format!("顺延至此日（{label}）")),
        };
        steps.push(TraceStep { day, action, note });
    }
    let moved_note = result.moved_from.map(|last| {
        format!(
            "第{}日{}是{}，期限顺延至{}。",
            stretch.length,
            format_date_cn(last),
            calendar.day(last).explain(),
            format_date_cn(result.due)
        )
    });
    TracePhase {
        title: stretch.unit.format_length(stretch.length),
        unit: stretch.unit,
        length: stretch.length,
        counted_from: result.counted_from,
        due: result.due,
        steps,
        moved_note,
    }
}

/// `today` against a due date, for the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remaining {
    /// Working days in `(today, due]`; when overdue, minus the working days in `(due, today]`
    /// (so 0 both on the due day and when only days off have passed since it).
    pub working_days: i64,
    /// Calendar days from `today` to `due`, negative when overdue.
    pub calendar_days: i64,
    /// Whether `today` is past the due date.
    pub overdue: bool,
    /// Set when the count runs through a year whose arrangement is unknown.
    pub provisional: Option<Provisional>,
}

/// Working days left until `due` (signed: negative when overdue), for the dashboard.
pub fn remaining(
    calendar: &Calendar,
    today: NaiveDate,
    due: NaiveDate,
    make_up: MakeUpDays,
) -> Remaining {
    let (first, last) = if today <= due {
        (today, due)
    } else {
        (due, today)
    };
    let unknown = match first.succ_opt() {
        Some(next) if next <= last => calendar.unknown_years_between(next, last),
        _ => Vec::new(),
    };
    Remaining {
        working_days: calendar.working_days_between(today, due, make_up),
        calendar_days: (due - today).num_days(),
        overdue: is_overdue(today, due),
        provisional: Provisional::for_years(unknown),
    }
}

/// Whether `today` is past `due`. 「以内」 includes the last day (《民法典》第一千二百五十九条),
/// so on the due day itself the period has not run out.
pub fn is_overdue(today: NaiveDate, due: NaiveDate) -> bool {
    today > due
}

/// Where the reply period of 第三十一条 stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum DeemedAcceptance {
    /// The 3 working days are still running and no reply has been given.
    Pending,
    /// The applicant was answered on or before the due date.
    RepliedInTime,
    /// 第三十一条 「3个工作日内未答复的,视为受理」: deemed accepted from `since`.
    Deemed {
        /// The first day after the reply period.
        since: NaiveDate,
    },
    /// 第三十一条 「但因申请人原因无法答复的除外」: late, but not deemed accepted.
    ExcludedApplicantCause,
}

/// 第三十一条: 「3个工作日内未答复的,视为受理,但因申请人原因无法答复的除外。」
/// `reply_due` is the reply period's due date ([`PeriodId::Reply`]); `replied_on` the day the
/// applicant was answered, if any; `applicant_caused_delay` whether the reply could not be
/// given for a reason on the applicant's side.
pub fn deemed_acceptance(
    reply_due: NaiveDate,
    replied_on: Option<NaiveDate>,
    applicant_caused_delay: bool,
    today: NaiveDate,
) -> DeemedAcceptance {
    let late = match replied_on {
        Some(day) if day <= reply_due => return DeemedAcceptance::RepliedInTime,
        Some(_) => true,
        None => today > reply_due,
    };
    match (late, applicant_caused_delay) {
        (false, _) => DeemedAcceptance::Pending,
        (true, true) => DeemedAcceptance::ExcludedApplicantCause,
        (true, false) => DeemedAcceptance::Deemed {
            since: reply_due.succ_opt().unwrap_or(reply_due),
        },
    }
}

/// 第三十一条: the start day of the reply period under the reading: the day the procedure
/// started (the default; `None` while the committee has not consented yet) or the day the
/// application was received.
pub fn reply_start_date(
    received: NaiveDate,
    procedure_started: Option<NaiveDate>,
    reading: ReplyStartReading,
) -> Option<NaiveDate> {
    match reading {
        ReplyStartReading::FromProcedureStart => procedure_started,
        ReplyStartReading::FromReceipt => Some(received),
    }
}
