//! The 细则's periods, one definition each (第三十一条, 第三十二条): citation, the text quoted
//! verbatim from the seed, unit, length, start event and a plain-Chinese explanation. The
//! rulebook, the calculator, the workflow and the quiz all read these; nothing else states them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::rules::{Anchor, ArticleNo, chinese_numeral};

/// A period's stable id, also its URL slug (`reply`, `investigation`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodId {
    /// 第三十一条: reply to the application within 3 working days.
    Reply,
    /// 第三十二条第一款: investigation within 30 working days.
    Investigation,
    /// 第三十二条第一款: extension 「可延长至60日」.
    Extension,
    /// 第三十二条第一款: findings fed back 「核查完毕3日内」.
    Findings,
    /// 第三十二条第二款: review request within 10 working days of receiving the reply.
    ReviewRequest,
    /// 第三十二条第二款: the upper office's answer within 30 日 of receiving the review request.
    ReviewAnswer,
}

impl PeriodId {
    /// Every period, in procedural order.
    pub const ALL: [PeriodId; 6] = [
        PeriodId::Reply,
        PeriodId::Investigation,
        PeriodId::Extension,
        PeriodId::Findings,
        PeriodId::ReviewRequest,
        PeriodId::ReviewAnswer,
    ];

    /// The URL slug.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodId::Reply => "reply",
            PeriodId::Investigation => "investigation",
            PeriodId::Extension => "extension",
            PeriodId::Findings => "findings",
            PeriodId::ReviewRequest => "review-request",
            PeriodId::ReviewAnswer => "review-answer",
        }
    }

    /// The period with this slug.
    pub fn from_slug(slug: &str) -> Option<PeriodId> {
        PeriodId::ALL.into_iter().find(|p| p.as_str() == slug)
    }

    /// The period's definition.
    pub fn definition(self) -> &'static PeriodDefinition {
        let index = match self {
            PeriodId::Reply => 0,
            PeriodId::Investigation => 1,
            PeriodId::Extension => 2,
            PeriodId::Findings => 3,
            PeriodId::ReviewRequest => 4,
            PeriodId::ReviewAnswer => 5,
        };
        &PERIODS[index]
    }
}

impl fmt::Display for PeriodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a period is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodUnit {
    /// 工作日: only working days are counted.
    WorkingDays,
    /// 日: every calendar day is counted; a last day that is a day off moves forward.
    CalendarDays,
}

impl PeriodUnit {
    /// Both units.
    pub const ALL: [PeriodUnit; 2] = [PeriodUnit::WorkingDays, PeriodUnit::CalendarDays];

    /// A length with its unit: 「3个工作日」, 「30日」.
    pub fn format_length(self, length: u16) -> String {
        match self {
            PeriodUnit::WorkingDays => format!("{length}个工作日"),
            PeriodUnit::CalendarDays => format!("{length}日"),
        }
    }

    /// The unit's name.
    pub fn label(self) -> &'static str {
        match self {
            PeriodUnit::WorkingDays => "工作日",
            PeriodUnit::CalendarDays => "自然日",
        }
    }
}

/// An article (and paragraph) of the 细则.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// The article number, e.g. 32.
    pub article: u8,
    /// The paragraph (款), when the article has more than one.
    pub paragraph: Option<u8>,
}

impl Citation {
    /// The article as the rulebook numbers it (always `Some` for the periods defined here).
    pub fn article_no(self) -> Option<ArticleNo> {
        ArticleNo::new(u32::from(self.article)).ok()
    }

    /// The cited paragraph's position in the rulebook (`p1`, for `/rules/32#p1`).
    pub fn anchor(self) -> Option<Anchor> {
        self.paragraph
            .map(|paragraph| Anchor::Paragraph { paragraph })
    }
}

impl fmt::Display for Citation {
    /// 第三十二条第一款.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}条", chinese_numeral(u32::from(self.article)))?;
        if let Some(paragraph) = self.paragraph {
            write!(f, "第{}款", chinese_numeral(u32::from(paragraph)))?;
        }
        Ok(())
    }
}

/// The event whose day is the period's start day (that day itself is not counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartEvent {
    /// The office received the application.
    ApplicationReceived,
    /// The committee consented and the protection procedure started.
    ProcedureStarted,
    /// The investigation started.
    InvestigationStarted,
    /// The investigation was finished.
    InvestigationFinished,
    /// The applicant received the reply with the findings.
    ReplyReceived,
    /// The upper office received the review request.
    ReviewRequestReceived,
}

impl StartEvent {
    /// The start day's name, for the calculator's label.
    pub fn label(self) -> &'static str {
        match self {
            StartEvent::ApplicationReceived => "维权办收到申请之日",
            StartEvent::ProcedureStarted => "维权委同意、启动维权工作程序之日",
            StartEvent::InvestigationStarted => "维权委审批同意、启动调查核实之日",
            StartEvent::InvestigationFinished => "核查完毕之日",
            StartEvent::ReplyReceived => "申请人收到答复之日",
            StartEvent::ReviewRequestReceived => "上一级维权办收到复核申请之日",
        }
    }
}

/// What follows when a period runs out with nothing done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExpiryRule {
    /// Where it is written.
    pub citation: Citation,
    /// The text, verbatim from the seed.
    pub quote: &'static str,
    /// What it means, in plain Chinese.
    pub explanation: &'static str,
}

/// One period of the 细则.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodDefinition {
    /// Stable id and URL slug.
    pub id: PeriodId,
    /// A short Chinese title.
    pub title: &'static str,
    /// Who must act within the period.
    pub actor: &'static str,
    /// Where it is written.
    pub citation: Citation,
    /// The source text, each fragment verbatim from the seed (with the seed's ASCII commas);
    /// shown joined by 「……」.
    pub quote: &'static [&'static str],
    /// The unit as written.
    pub unit: PeriodUnit,
    /// The length as written.
    pub length: u16,
    /// The start day under the default readings.
    pub start_event: StartEvent,
    /// What the period means and how it is counted, in plain Chinese.
    pub explanation: &'static str,
    /// What happens if it runs out, when the 细则 says.
    pub on_expiry: Option<ExpiryRule>,
}

impl PeriodDefinition {
    /// The quote as one text, fragments joined by 「……」.
    pub fn quote_text(&self) -> String {
        self.quote.join("……")
    }

    /// 「3个工作日」, 「60日」.
    pub fn length_text(&self) -> String {
        self.unit.format_length(self.length)
    }
}

const ARTICLE_31: Citation = Citation {
    article: 31,
    paragraph: None,
};
const ARTICLE_32_1: Citation = Citation {
    article: 32,
    paragraph: Some(1),
};
const ARTICLE_32_2: Citation = Citation {
    article: 32,
    paragraph: Some(2),
};

/// Every period the 细则 gives, in procedural order. The 细则 gives none for 第三十三条 (appeals)
/// or any other step, and none is made up here.
pub static PERIODS: [PeriodDefinition; 6] = [
    PeriodDefinition {
        id: PeriodId::Reply,
        title: "审查并答复申请人",
        actor: "维权办",
        citation: ARTICLE_31,
        quote: &["启动维权工作程序后,维权办应当进行审查,并在3个工作日内答复申请人。"],
        unit: PeriodUnit::WorkingDays,
        length: 3,
        start_event: StartEvent::ProcedureStarted,
        explanation: "维权办收到非现场维权申请后，应当先向维权委报告，经同意后启动维权工作程序。程序启动后，维权办应当审查申请，并在3个工作日内答复申请人：属于维权职责范围的，予以受理并登记；不予受理的，在答复时说明理由。起算当日不计入，周末和法定节假日不计，第3个工作日当天仍在期限内。",
        on_expiry: Some(ExpiryRule {
            citation: ARTICLE_31,
            quote: "3个工作日内未答复的,视为受理,但因申请人原因无法答复的除外。",
            explanation: "3个工作日届满仍未答复申请人的，视为已经受理；但因申请人的原因无法答复的，不视为受理。",
        }),
    },
    PeriodDefinition {
        id: PeriodId::Investigation,
        title: "调查核实",
        actor: "维权办",
        citation: ARTICLE_32_1,
        quote: &[
            "维权办经维权委审批同意后启动相关警种联合调查机制组织调查核实。",
            "在30个工作日内完成。",
        ],
        unit: PeriodUnit::WorkingDays,
        length: 30,
        start_event: StartEvent::InvestigationStarted,
        explanation: "维权委审批同意后，维权办启动相关警种联合调查机制，通过实地走访、查看现场、提取固定证据、调取音视频资料、询问当事人和证人、调阅案卷等方法调查核实，应当在30个工作日内完成。启动当日不计入，只数工作日。",
        on_expiry: None,
    },
    PeriodDefinition {
        id: PeriodId::Extension,
        title: "延长调查核实期限",
        actor: "维权办",
        citation: ARTICLE_32_1,
        quote: &["对重大、疑难、复杂的维权申请,经报维权委同意,可延长至60日。"],
        unit: PeriodUnit::CalendarDays,
        length: 60,
        start_event: StartEvent::InvestigationStarted,
        explanation: "对重大、疑难、复杂的维权申请，报经维权委同意，调查核实的期限可以延长至60日。细则没有写明这60日从哪天算、是否为工作日，本工具按所选读法计算；默认自调查核实启动之日的次日起共计60日（自然日），最后一日遇休息日顺延。",
        on_expiry: None,
    },
    PeriodDefinition {
        id: PeriodId::Findings,
        title: "反馈核查结果",
        actor: "维权办",
        citation: ARTICLE_32_1,
        quote: &["核查完毕3日内,核查结果经维权委审核同意后反馈申请人。"],
        unit: PeriodUnit::CalendarDays,
        length: 3,
        start_event: StartEvent::InvestigationFinished,
        explanation: "调查核实完毕后3日内，核查结果经维权委审核同意后反馈给申请人。细则这里写的是“3日”而不是“3个工作日”，默认按自然日计算：核查完毕当日不计入，最后一日遇休息日顺延。",
        on_expiry: None,
    },
    PeriodDefinition {
        id: PeriodId::ReviewRequest,
        title: "申请复核",
        actor: "申请人",
        citation: ARTICLE_32_2,
        quote: &[
            "申请人对核查结果有异议的,可以自收到答复之日起10个工作日内向上一级公安机关维权办申请复核。",
        ],
        unit: PeriodUnit::WorkingDays,
        length: 10,
        start_event: StartEvent::ReplyReceived,
        explanation: "申请人对核查结果有异议的，可以在收到答复之日起10个工作日内，向上一级公安机关维权办申请复核。这是申请人一方的期限：收到答复当日不计入，只数工作日。",
        on_expiry: None,
    },
    PeriodDefinition {
        id: PeriodId::ReviewAnswer,
        title: "上级反馈复核情况",
        actor: "上一级公安机关维权办",
        citation: ARTICLE_32_2,
        quote: &[
            "上一级公安机关维权办应当在收到复核申请之日起30日内对复核情况予以反馈,认为应当受理的,书面通知下级公安机关维权办受理并开展工作。",
        ],
        unit: PeriodUnit::CalendarDays,
        length: 30,
        start_event: StartEvent::ReviewRequestReceived,
        explanation: "上一级公安机关维权办应当在收到复核申请之日起30日内反馈复核情况；认为应当受理的，书面通知下级公安机关维权办受理并开展工作。按自然日计算：收到当日不计入，最后一日遇休息日按所选读法顺延。",
        on_expiry: None,
    },
];
