//! The readings: where the 细则's wording on periods admits more than one meaning, each choice
//! is a named, explained setting, and every computed deadline records the ones it used.

use serde::{Deserialize, Serialize};

use crate::core::calendar::MakeUpDays;

/// 第三十二条第一款 「可延长至60日」: how the extended investigation period is counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExtensionReading {
    /// 60 calendar days in total, counted from the start of the investigation (the default).
    #[default]
    TotalCalendarDays,
    /// 60 more calendar days after the 30 working days have run out.
    ExtraCalendarDays,
    /// 60 working days in total, counted from the start of the investigation.
    TotalWorkingDays,
}

impl ExtensionReading {
    /// The question this reading answers.
    pub const QUESTION: &'static str = "第三十二条第一款“可延长至60日”怎样计算？";
    /// Every choice, default first.
    pub const ALL: [ExtensionReading; 3] = [
        ExtensionReading::TotalCalendarDays,
        ExtensionReading::ExtraCalendarDays,
        ExtensionReading::TotalWorkingDays,
    ];

    /// The choice in one line of Chinese.
    pub fn label(self) -> &'static str {
        match self {
            ExtensionReading::TotalCalendarDays => "自调查核实启动之日起共计60日（自然日）",
            ExtensionReading::ExtraCalendarDays => "30个工作日届满后再延长60日（自然日）",
            ExtensionReading::TotalWorkingDays => "自调查核实启动之日起共计60个工作日",
        }
    }

    /// Why one would read it this way.
    pub fn explanation(self) -> &'static str {
        match self {
            ExtensionReading::TotalCalendarDays => {
                "“延长至60日”中的“至”表示延长后的期限总共达到60日，而不是在原期限之外再加60日；细则前一句说“30个工作日”，这里改说“60日”，按字面是自然日。因此从调查核实启动之日的次日起数60日，最后一日遇休息日顺延。这是本工具的默认读法。"
            }
            ExtensionReading::ExtraCalendarDays => {
                "把“延长”理解为在原来30个工作日的期限届满之后，另外再给60日（自然日），期限最长。"
            }
            ExtensionReading::TotalWorkingDays => {
                "认为“60日”沿用了前一句的单位“工作日”，即调查核实总共不超过60个工作日。"
            }
        }
    }
}

/// 第三十一条: from which event the 3 working days for the reply run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyStartReading {
    /// From the committee's consent that starts the protection procedure (the default).
    #[default]
    FromProcedureStart,
    /// From the office's receipt of the application.
    FromReceipt,
}

impl ReplyStartReading {
    /// The question this reading answers.
    pub const QUESTION: &'static str = "第三十一条“3个工作日内答复”从哪一天起算？";
    /// Every choice, default first.
    pub const ALL: [ReplyStartReading; 2] = [
        ReplyStartReading::FromProcedureStart,
        ReplyStartReading::FromReceipt,
    ];

    /// The choice in one line of Chinese.
    pub fn label(self) -> &'static str {
        match self {
            ReplyStartReading::FromProcedureStart => "自维权委同意、启动维权工作程序之日起算",
            ReplyStartReading::FromReceipt => "自维权办收到申请之日起算",
        }
    }

    /// Why one would read it this way.
    pub fn explanation(self) -> &'static str {
        match self {
            ReplyStartReading::FromProcedureStart => {
                "第三十一条先规定维权办收到申请后“应当向维权委报告，经同意后启动维权工作程序”，接着规定“启动维权工作程序后，维权办应当进行审查，并在3个工作日内答复申请人”。3个工作日写在“启动维权工作程序后”这一句里，所以从程序启动之日起算。细则没有给向维权委报告、等待同意这一段规定期限。这是本工具的默认读法。"
            }
            ReplyStartReading::FromReceipt => {
                "从申请人的角度，把3个工作日理解为自维权办收到申请之日起算，报告维权委的时间也计算在内。这比条文的字面意思更严格，答复期限更早届满。"
            }
        }
    }
}

/// 第三十二条第一款 「核查完毕3日内」: whether these 3 日 are calendar or working days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingsUnitReading {
    /// Calendar days, as written (the default).
    #[default]
    CalendarDays,
    /// Working days.
    WorkingDays,
}

impl FindingsUnitReading {
    /// The question this reading answers.
    pub const QUESTION: &'static str = "第三十二条第一款“核查完毕3日内”的3日是自然日还是工作日？";
    /// Every choice, default first.
    pub const ALL: [FindingsUnitReading; 2] = [
        FindingsUnitReading::CalendarDays,
        FindingsUnitReading::WorkingDays,
    ];

    /// The choice in one line of Chinese.
    pub fn label(self) -> &'static str {
        match self {
            FindingsUnitReading::CalendarDays => "按自然日计算3日",
            FindingsUnitReading::WorkingDays => "按工作日计算3日",
        }
    }

    /// Why one would read it this way.
    pub fn explanation(self) -> &'static str {
        match self {
            FindingsUnitReading::CalendarDays => {
                "同一款前文写的是“30个工作日”，这里只写“3日”，按字面是自然日：从核查完毕之日的次日起数3日，最后一日遇休息日顺延。这是本工具的默认读法。"
            }
            FindingsUnitReading::WorkingDays => {
                "一些法律把较短的“日”规定为工作日，例如《行政处罚法》第八十五条：“本法中‘二日’‘三日’‘五日’‘七日’的规定是指工作日，不含法定节假日。”按此类推，把这里的3日当作3个工作日。细则本身没有这样的规定。"
            }
        }
    }
}

/// A calendar-day period whose last day is a day off: how the last day moves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RollForward {
    /// To the next working day, past weekends and holidays alike (the default).
    #[default]
    NextWorkingDay,
    /// Only past a statutory holiday block, to the day after it; a plain weekend does not move it.
    HolidayOnly,
}

impl RollForward {
    /// The question this reading answers.
    pub const QUESTION: &'static str = "按“日”计算的期限，最后一日是休息日时怎样顺延？";
    /// Every choice, default first.
    pub const ALL: [RollForward; 2] = [RollForward::NextWorkingDay, RollForward::HolidayOnly];

    /// The choice in one line of Chinese.
    pub fn label(self) -> &'static str {
        match self {
            RollForward::NextWorkingDay => "最后一日是节假日或周末的，顺延至其后第一个工作日",
            RollForward::HolidayOnly => "只有最后一日是法定节假日的才顺延，周末不顺延",
        }
    }

    /// Why one would read it this way.
    pub fn explanation(self) -> &'static str {
        match self {
            RollForward::NextWorkingDay => {
                "细则没有规定期间的计算方法。《民事诉讼法》第八十五条规定“期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期”；与公安机关最接近的《公安机关办理行政案件程序规定》第三十五条写作“期间的最后一日是节假日的，以节假日后的第一日为期满日期”，通常理解“节假日”包括周末。因此最后一日是周末或法定节假日的，顺延到其后第一个工作日。这是本工具的默认读法。"
            }
            RollForward::HolidayOnly => {
                "按《民法典》第二百零三条“期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日”的字面，只对国务院通知安排的放假日顺延到放假结束的次日，普通周末不顺延。"
            }
        }
    }
}

/// The chosen readings, stored by the app in its settings. Missing fields take their defaults,
/// so settings saved before a reading existed still load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Readings {
    /// 第三十二条第一款 「可延长至60日」.
    pub extension: ExtensionReading,
    /// 第三十一条: when the 3 working days for the reply start.
    pub reply_start: ReplyStartReading,
    /// 第三十二条第一款 「核查完毕3日内」.
    pub findings_unit: FindingsUnitReading,
    /// Whether 调休上班 days count as working days.
    pub make_up_days: MakeUpDays,
    /// How the last day of a calendar-day period moves off a day off.
    pub roll_forward: RollForward,
}

/// The readings one computed deadline depended on; a reading it did not depend on is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReadingsUsed {
    /// Used by the extension period.
    pub extension: Option<ExtensionReading>,
    /// Used by the reply period.
    pub reply_start: Option<ReplyStartReading>,
    /// Used by the findings period.
    pub findings_unit: Option<FindingsUnitReading>,
    /// Used whenever working days are counted or a last day moves to a working day.
    pub make_up_days: Option<MakeUpDays>,
    /// Used by calendar-day periods.
    pub roll_forward: Option<RollForward>,
}

impl ReadingsUsed {
    /// The readings used, in a fixed order, for display.
    pub fn list(&self) -> Vec<AppliedReading> {
        let mut out = Vec::new();
        out.extend(self.reply_start.map(AppliedReading::ReplyStart));
        out.extend(self.extension.map(AppliedReading::Extension));
        out.extend(self.findings_unit.map(AppliedReading::FindingsUnit));
        out.extend(self.make_up_days.map(AppliedReading::MakeUpDays));
        out.extend(self.roll_forward.map(AppliedReading::RollForward));
        out
    }
}

/// The question [`MakeUpDays`] answers.
pub const MAKE_UP_DAYS_QUESTION: &str = "调休上班的周六、周日算不算工作日？";

/// One reading as used by a computation, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "question", content = "choice", rename_all = "kebab-case")]
pub enum AppliedReading {
    /// See [`ExtensionReading`].
    Extension(ExtensionReading),
    /// See [`ReplyStartReading`].
    ReplyStart(ReplyStartReading),
    /// See [`FindingsUnitReading`].
    FindingsUnit(FindingsUnitReading),
    /// See [`MakeUpDays`].
    MakeUpDays(MakeUpDays),
    /// See [`RollForward`].
    RollForward(RollForward),
}

impl AppliedReading {
    /// The question, in Chinese.
    pub fn question(self) -> &'static str {
        match self {
            AppliedReading::Extension(_) => ExtensionReading::QUESTION,
            AppliedReading::ReplyStart(_) => ReplyStartReading::QUESTION,
            AppliedReading::FindingsUnit(_) => FindingsUnitReading::QUESTION,
            AppliedReading::MakeUpDays(_) => MAKE_UP_DAYS_QUESTION,
            AppliedReading::RollForward(_) => RollForward::QUESTION,
        }
    }

    /// The chosen answer, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            AppliedReading::Extension(r) => r.label(),
            AppliedReading::ReplyStart(r) => r.label(),
            AppliedReading::FindingsUnit(r) => r.label(),
            AppliedReading::MakeUpDays(r) => r.label(),
            AppliedReading::RollForward(r) => r.label(),
        }
    }

    /// Why, in Chinese.
    pub fn explanation(self) -> &'static str {
        match self {
            AppliedReading::Extension(r) => r.explanation(),
            AppliedReading::ReplyStart(r) => r.explanation(),
            AppliedReading::FindingsUnit(r) => r.explanation(),
            AppliedReading::MakeUpDays(r) => r.explanation(),
            AppliedReading::RollForward(r) => r.explanation(),
        }
    }

    /// Whether this is the tool's default choice.
    pub fn is_default(self) -> bool {
        match self {
            AppliedReading::Extension(r) => r == ExtensionReading::default(),
            AppliedReading::ReplyStart(r) => r == ReplyStartReading::default(),
            AppliedReading::FindingsUnit(r) => r == FindingsUnitReading::default(),
            AppliedReading::MakeUpDays(r) => r == MakeUpDays::default(),
            AppliedReading::RollForward(r) => r == RollForward::default(),
        }
    }
}
