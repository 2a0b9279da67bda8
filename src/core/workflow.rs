//! The 维权 workflow of 第三十至三十八条 as one state machine: a closed [`Event`] enum, one
//! transition function ([`transition`]) whose `match` lists every allowed (state, event) pair,
//! and a [`Case`] record whose history of [`EventRecord`]s is only ever appended to.
//!
//! Time enters only as parameters (`now`, `today`); deadlines are derived from the history with
//! `core::deadline`, never stored.

mod deadlines;
mod progress;
mod tasks;
mod transition;

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::core::calendar::{Calendar, format_date_cn, is_supported_date};
use crate::core::case::{CaseFacts, CaseId, CasePolicy};
use crate::core::deadline::{DeadlineError, Readings};
use crate::core::document::DocumentKind;

pub use deadlines::{OpenDeadline, deemed_acceptance, next_due, open_deadlines};
pub use tasks::{
    MemberUnit, ReportItem, Responsible, Task, TaskId, TaskStatus, UnitPerformance,
    member_unit_performance, report_checklist, tasks,
};
pub use transition::{ExtensionStatus, Guards, ReplyStatus, ReviewWindow, transition};

use progress::{Progress, effective_times};

/// Longest actor name accepted on a record.
pub const MAX_ACTOR_CHARS: usize = 30;
/// Longest free text accepted in an event (reasons, summaries, notes).
pub const MAX_TEXT_CHARS: usize = 2000;

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// 第三十一条: the office has received the application or clue.
    Received,
    /// 第三十一条: reported to the committee (应当向维权委报告), awaiting its consent.
    Reported,
    /// 第三十一条: the procedure has started (经同意后启动); the office reviews and must reply
    /// within 3 working days.
    UnderReview,
    /// 第三十一条: accepted and registered (or deemed accepted); awaiting the committee's
    /// approval of the joint investigation.
    Accepted,
    /// 第三十一条: rejected with reasons (不予受理).
    Rejected,
    /// 第三十二条: the joint investigation is running.
    Investigating,
    /// 第三十二条: investigation complete (核查完毕); findings await the committee.
    InvestigationDone,
    /// 第三十二条: findings approved by the committee; the applicant is to be notified.
    FindingsApproved,
    /// 第三十二条: the applicant has been notified of the findings.
    Notified,
    /// 第三十二条第二款: the upper office is reviewing a rejection.
    RejectionReview,
    /// 第三十二条第二款: the upper office is reviewing the findings.
    FindingsReview,
    /// 第三十二条第二款: the upper office upheld the decision.
    Reviewed,
    /// 第三十三条: the appeal has been checked (初查) and reported to the committee.
    AppealReported,
    /// 第三十三条: the committee consented; the officer's statement and defence are to be heard.
    AppealHearing,
    /// 第三十三条: heard; the comprehensive review is under way.
    AppealReviewing,
    /// 第三十三条: the review opinion is given.
    AppealDecided,
    /// Closed.
    Closed,
}

impl State {
    /// Every state, in procedural order.
    pub const ALL: [State; 17] = [
        State::Received,
        State::Reported,
        State::UnderReview,
        State::Accepted,
        State::Rejected,
        State::Investigating,
        State::InvestigationDone,
        State::FindingsApproved,
        State::Notified,
        State::RejectionReview,
        State::FindingsReview,
        State::Reviewed,
        State::AppealReported,
        State::AppealHearing,
        State::AppealReviewing,
        State::AppealDecided,
        State::Closed,
    ];

    /// The state in Chinese, for lists and badges.
    pub const fn label(self) -> &'static str {
        match self {
            State::Received => "已收到，待报告维权委",
            State::Reported => "已报告维权委，待同意启动",
            State::UnderReview => "已启动程序，待答复申请人",
            State::Accepted => "已受理，待审批启动调查",
            State::Rejected => "不予受理",
            State::Investigating => "联合调查核实中",
            State::InvestigationDone => "核查完毕，待维权委审核",
            State::FindingsApproved => "核查结果已审核，待反馈申请人",
            State::Notified => "已反馈申请人",
            State::RejectionReview => "上一级维权办复核中（不予受理）",
            State::FindingsReview => "上一级维权办复核中（核查结果）",
            State::Reviewed => "复核已反馈，维持原结论",
            State::AppealReported => "申诉已初查，待维权委同意",
            State::AppealHearing => "待听取陈述、申辩",
            State::AppealReviewing => "申诉全面复核中",
            State::AppealDecided => "已提出复核意见",
            State::Closed => "已结案",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// 第三十二条: why an investigation may be extended (重大、疑难、复杂).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionGround {
    /// 重大.
    Major,
    /// 疑难.
    Difficult,
    /// 复杂.
    Complex,
}

impl ExtensionGround {
    /// All three, in the article's order.
    pub const ALL: [ExtensionGround; 3] = [
        ExtensionGround::Major,
        ExtensionGround::Difficult,
        ExtensionGround::Complex,
    ];

    /// The Chinese term.
    pub const fn label(self) -> &'static str {
        match self {
            ExtensionGround::Major => "重大",
            ExtensionGround::Difficult => "疑难",
            ExtensionGround::Complex => "复杂",
        }
    }
}

/// 第三十四条: what the office finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Determination {
    /// 属于依法履行职责、行使职权行为而受到侵犯 → 视情予以抚慰、正名.
    DutyInfringed,
    /// 执法权威未受到有效保护 → 督促相关部门及时纠正.
    NotEffectivelyProtected,
    /// 受到错误追责 → 督促相关部门及时纠正.
    WronglyHeldAccountable,
    /// 执法存在过错或瑕疵 → 提出督察建议并移送相关部门处理.
    OfficerAtFault,
}

impl Determination {
    /// All four, in the article's order.
    pub const ALL: [Determination; 4] = [
        Determination::DutyInfringed,
        Determination::NotEffectivelyProtected,
        Determination::WronglyHeldAccountable,
        Determination::OfficerAtFault,
    ];

    /// The determination in 第三十四条's words.
    pub const fn label(self) -> &'static str {
        match self {
            Determination::DutyInfringed => "属于依法履行职责、行使职权行为而受到侵犯",
            Determination::NotEffectivelyProtected => "执法权威未受到有效保护",
            Determination::WronglyHeldAccountable => "受到错误追责",
            Determination::OfficerAtFault => "民警执法存在过错或瑕疵",
        }
    }

    /// 第三十四条: the measures it calls for, and whether they are mandatory (应当) or at the
    /// office's discretion (视情).
    pub const fn measures(self) -> (&'static [Measure], bool) {
        match self {
            Determination::DutyInfringed => (&[Measure::Solace, Measure::Clearance], false),
            Determination::NotEffectivelyProtected | Determination::WronglyHeldAccountable => {
                (&[Measure::CorrectionOrdered], true)
            }
            Determination::OfficerAtFault => (&[Measure::InspectionRecommendation], true),
        }
    }
}

/// 第三十四条: the measures that follow the findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 抚慰.
    Solace,
    /// 正名.
    Clearance,
    /// 督促相关部门及时纠正.
    CorrectionOrdered,
    /// 提出督察建议并移送相关部门处理.
    InspectionRecommendation,
}

impl Measure {
    /// All four.
    pub const ALL: [Measure; 4] = [
        Measure::Solace,
        Measure::Clearance,
        Measure::CorrectionOrdered,
        Measure::InspectionRecommendation,
    ];

    /// The measure in 第三十四条's words.
    pub const fn label(self) -> &'static str {
        match self {
            Measure::Solace => "予以抚慰",
            Measure::Clearance => "予以正名",
            Measure::CorrectionOrdered => "督促相关部门及时纠正",
            Measure::InspectionRecommendation => "提出督察建议并移送相关部门处理",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// 第三十二条第二款: the upper office's answer to a review request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAnswer {
    /// The decision or findings stand.
    Uphold,
    /// 「认为应当受理的,书面通知下级公安机关维权办受理并开展工作」: the rejection is set aside.
    OrderAccept,
    /// The findings are set aside; the lower office investigates again.
    OrderRedo,
}

impl ReviewAnswer {
    /// All three.
    pub const ALL: [ReviewAnswer; 3] = [
        ReviewAnswer::Uphold,
        ReviewAnswer::OrderAccept,
        ReviewAnswer::OrderRedo,
    ];

    /// The answer in Chinese.
    pub const fn label(self) -> &'static str {
        match self {
            ReviewAnswer::Uphold => "维持原决定",
            ReviewAnswer::OrderAccept => "书面通知下级维权办受理并开展工作",
            ReviewAnswer::OrderRedo => "书面通知下级维权办重新调查核实",
        }
    }
}

/// 第三十三条: the committee's review opinion on an appealed sanction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealOpinion {
    /// The sanction or handling was proper.
    Proper,
    /// Improper: the opinion to the deciding department is to revoke it.
    Revoke,
    /// Improper: the opinion to the deciding department is to lighten it.
    Lighten,
    /// A heavier sanction. Never admitted: 「不得因民警提出申诉而加重对其处分、处理」.
    Heavier,
}

impl AppealOpinion {
    /// All four, including the one that is always refused.
    pub const ALL: [AppealOpinion; 4] = [
        AppealOpinion::Proper,
        AppealOpinion::Revoke,
        AppealOpinion::Lighten,
        AppealOpinion::Heavier,
    ];

    /// The opinion in Chinese.
    pub const fn label(self) -> &'static str {
        match self {
            AppealOpinion::Proper => "处分、处理决定适当",
            AppealOpinion::Revoke => "决定不当，建议撤销",
            AppealOpinion::Lighten => "决定不当，建议减轻",
            AppealOpinion::Heavier => "建议加重处分、处理",
        }
    }
}

/// How the application came to be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    /// 第三十一条: accepted and registered in the reply.
    Replied,
    /// 第三十一条: deemed accepted (视为受理).
    Deemed,
    /// 第三十二条第二款: accepted on the upper office's written notice.
    OrderedOnReview,
}

/// Every event that can happen to a case. Free texts are required where the 细则 asks for
/// reasons or a record of what was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// 第三十、三十一条: the office receives the application or clue. Only ever the first record;
    /// it carries the facts as first recorded.
    Received {
        /// The facts as received.
        facts: Box<CaseFacts>,
    },
    /// The facts are corrected or completed (e.g. the injury appraisal arrives).
    FactsAmended {
        /// The facts as they now stand.
        facts: Box<CaseFacts>,
    },
    /// 第三十一条: 应当向维权委报告.
    ReportedToCommittee,
    /// 第三十一条 (经同意后启动维权工作程序) or 第三十三条 (经初查报维权委同意).
    CommitteeConsented,
    /// The committee does not consent; the case ends.
    CommitteeDeclined {
        /// Why.
        reasons: String,
    },
    /// 第三十一条 「因申请人原因无法答复」: stops deemed acceptance.
    ApplicantCausedDelay {
        /// What on the applicant's side prevents the reply.
        reason: String,
    },
    /// 第三十一条: 予以受理,并进行登记 (the reply; `at` is when the applicant got it).
    Accepted,
    /// 第三十一条: 不予受理, 在答复时说明理由 (`at` is when the applicant got the reply).
    Rejected {
        /// The reasons given in the reply.
        reasons: String,
    },
    /// 第三十一条: 3个工作日内未答复的,视为受理.
    DeemedAccepted,
    /// 第三十二条: 经维权委审批同意后启动相关警种联合调查机制.
    InvestigationApproved,
    /// 第三十二条: 重大、疑难、复杂, 经报维权委同意, 可延长至60日.
    ExtensionApproved {
        /// Which of the three.
        grounds: Vec<ExtensionGround>,
    },
    /// 第三十二条: 核查完毕.
    InvestigationCompleted {
        /// What the investigation found.
        summary: String,
    },
    /// 第三十二条: 核查结果经维权委审核同意; 第三十四条's determinations.
    FindingsApproved {
        /// 第三十四条: what the office found (none of the four is possible).
        determinations: Vec<Determination>,
        /// The findings.
        summary: String,
    },
    /// 第三十二条: 反馈申请人 (`at` is when the applicant received it).
    ApplicantNotified,
    /// 第三十二条第二款: the applicant asks the upper office for review (`at` is when the upper
    /// office received the request).
    ReviewRequested,
    /// 第三十二条第二款: the upper office answers.
    ReviewAnswered {
        /// The answer.
        answer: ReviewAnswer,
        /// Its reasons.
        reasons: String,
    },
    /// 第三十四条: one measure carried out.
    MeasureTaken {
        /// Which.
        measure: Measure,
        /// What was done.
        detail: String,
    },
    /// 第三十三条: the preliminary check of an appeal, reported to the committee.
    AppealCheckCompleted {
        /// What the check found.
        summary: String,
    },
    /// 第三十三条: the officer's statement and defence were heard.
    HearingHeld {
        /// The statement and defence, in brief.
        summary: String,
    },
    /// 第三十三条: the comprehensive review's opinion.
    AppealReviewed {
        /// The opinion.
        opinion: AppealOpinion,
        /// On facts, reasons, basis and procedure.
        reasons: String,
        /// The department that made the decision (required when the decision was improper).
        recipient: String,
    },
    /// A task assigned.
    TaskAssigned {
        /// Which.
        task: TaskId,
        /// To whom.
        assignee: String,
    },
    /// A task done.
    TaskCompleted {
        /// Which.
        task: TaskId,
        /// What was done.
        result: String,
    },
    /// 第三十七条: the office supervises (督办) the handling unit.
    Supervised {
        /// The unit supervised.
        unit: String,
        /// What it was told to do.
        instruction: String,
    },
    /// A correction of an earlier record, which itself is never rewritten. With `corrected_at`,
    /// the earlier record counts from then on as having happened at that time.
    Correction {
        /// The record corrected.
        seq: u32,
        /// The right time, when the time was wrong.
        corrected_at: Option<NaiveDateTime>,
        /// What was wrong.
        reason: String,
    },
    /// The case is closed.
    Closed {
        /// How it ended.
        summary: String,
    },
    /// A document generated from the case was issued (see `core::document`). Recorded by the
    /// store together with the document's number and content, never from the event form.
    DocumentIssued {
        /// Which document.
        document: DocumentKind,
        /// Its number as printed (empty for a document without one).
        number: String,
    },
}

/// An event's kind without its data: the buttons the UI shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// See [`Event::Received`].
    Received,
    /// See [`Event::FactsAmended`].
    FactsAmended,
    /// See [`Event::ReportedToCommittee`].
    ReportedToCommittee,
    /// See [`Event::CommitteeConsented`].
    CommitteeConsented,
    /// See [`Event::CommitteeDeclined`].
    CommitteeDeclined,
    /// See [`Event::ApplicantCausedDelay`].
    ApplicantCausedDelay,
    /// See [`Event::Accepted`].
    Accepted,
    /// See [`Event::Rejected`].
    Rejected,
    /// See [`Event::DeemedAccepted`].
    DeemedAccepted,
    /// See [`Event::InvestigationApproved`].
    InvestigationApproved,
    /// See [`Event::ExtensionApproved`].
    ExtensionApproved,
    /// See [`Event::InvestigationCompleted`].
    InvestigationCompleted,
    /// See [`Event::FindingsApproved`].
    FindingsApproved,
    /// See [`Event::ApplicantNotified`].
    ApplicantNotified,
    /// See [`Event::ReviewRequested`].
    ReviewRequested,
    /// See [`Event::ReviewAnswered`].
    ReviewAnswered,
    /// See [`Event::MeasureTaken`].
    MeasureTaken,
    /// See [`Event::AppealCheckCompleted`].
    AppealCheckCompleted,
    /// See [`Event::HearingHeld`].
    HearingHeld,
    /// See [`Event::AppealReviewed`].
    AppealReviewed,
    /// See [`Event::TaskAssigned`].
    TaskAssigned,
    /// See [`Event::TaskCompleted`].
    TaskCompleted,
    /// See [`Event::Supervised`].
    Supervised,
    /// See [`Event::Correction`].
    Correction,
    /// See [`Event::Closed`].
    Closed,
    /// See [`Event::DocumentIssued`].
    DocumentIssued,
}

impl EventKind {
    /// Every kind, in procedural order.
    pub const ALL: [EventKind; 26] = [
        EventKind::Received,
        EventKind::FactsAmended,
        EventKind::ReportedToCommittee,
        EventKind::CommitteeConsented,
        EventKind::CommitteeDeclined,
        EventKind::ApplicantCausedDelay,
        EventKind::Accepted,
        EventKind::Rejected,
        EventKind::DeemedAccepted,
        EventKind::InvestigationApproved,
        EventKind::ExtensionApproved,
        EventKind::InvestigationCompleted,
        EventKind::FindingsApproved,
        EventKind::ApplicantNotified,
        EventKind::ReviewRequested,
        EventKind::ReviewAnswered,
        EventKind::MeasureTaken,
        EventKind::AppealCheckCompleted,
        EventKind::HearingHeld,
        EventKind::AppealReviewed,
        EventKind::TaskAssigned,
        EventKind::TaskCompleted,
        EventKind::Supervised,
        EventKind::Correction,
        EventKind::Closed,
        EventKind::DocumentIssued,
    ];

    /// The button's label in Chinese.
    pub const fn label(self) -> &'static str {
        match self {
            EventKind::Received => "收到申请（线索）",
            EventKind::FactsAmended => "补正案件信息",
            EventKind::ReportedToCommittee => "向维权委报告",
            EventKind::CommitteeConsented => "维权委同意",
            EventKind::CommitteeDeclined => "维权委不同意",
            EventKind::ApplicantCausedDelay => "记录因申请人原因无法答复",
            EventKind::Accepted => "受理并登记",
            EventKind::Rejected => "不予受理（说明理由）",
            EventKind::DeemedAccepted => "记录视为受理",
            EventKind::InvestigationApproved => "维权委审批同意，启动联合调查",
            EventKind::ExtensionApproved => "维权委同意延长调查核实期限",
            EventKind::InvestigationCompleted => "核查完毕",
            EventKind::FindingsApproved => "维权委审核同意核查结果",
            EventKind::ApplicantNotified => "反馈申请人",
            EventKind::ReviewRequested => "申请人申请复核",
            EventKind::ReviewAnswered => "上一级维权办反馈复核情况",
            EventKind::MeasureTaken => "落实处理措施",
            EventKind::AppealCheckCompleted => "申诉初查完毕，报维权委",
            EventKind::HearingHeld => "听取陈述、申辩",
            EventKind::AppealReviewed => "提出复核意见",
            EventKind::TaskAssigned => "分派事项",
            EventKind::TaskCompleted => "事项办结",
            EventKind::Supervised => "督办",
            EventKind::Correction => "更正记录",
            EventKind::Closed => "结案",
            EventKind::DocumentIssued => "出具文书",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Event {
    /// The event's kind.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Received { .. } => EventKind::Received,
            Event::FactsAmended { .. } => EventKind::FactsAmended,
            Event::ReportedToCommittee => EventKind::ReportedToCommittee,
            Event::CommitteeConsented => EventKind::CommitteeConsented,
            Event::CommitteeDeclined { .. } => EventKind::CommitteeDeclined,
            Event::ApplicantCausedDelay { .. } => EventKind::ApplicantCausedDelay,
            Event::Accepted => EventKind::Accepted,
            Event::Rejected { .. } => EventKind::Rejected,
            Event::DeemedAccepted => EventKind::DeemedAccepted,
            Event::InvestigationApproved => EventKind::InvestigationApproved,
            Event::ExtensionApproved { .. } => EventKind::ExtensionApproved,
            Event::InvestigationCompleted { .. } => EventKind::InvestigationCompleted,
            Event::FindingsApproved { .. } => EventKind::FindingsApproved,
            Event::ApplicantNotified => EventKind::ApplicantNotified,
            Event::ReviewRequested => EventKind::ReviewRequested,
            Event::ReviewAnswered { .. } => EventKind::ReviewAnswered,
            Event::MeasureTaken { .. } => EventKind::MeasureTaken,
            Event::AppealCheckCompleted { .. } => EventKind::AppealCheckCompleted,
            Event::HearingHeld { .. } => EventKind::HearingHeld,
            Event::AppealReviewed { .. } => EventKind::AppealReviewed,
            Event::TaskAssigned { .. } => EventKind::TaskAssigned,
            Event::TaskCompleted { .. } => EventKind::TaskCompleted,
            Event::Supervised { .. } => EventKind::Supervised,
            Event::Correction { .. } => EventKind::Correction,
            Event::Closed { .. } => EventKind::Closed,
            Event::DocumentIssued { .. } => EventKind::DocumentIssued,
        }
    }

    /// The free texts the event must carry, each with its name; checked before the transition.
    fn required_texts(&self) -> Vec<(&'static str, &str)> {
        match self {
            Event::CommitteeDeclined { reasons } => vec![("维权委不同意的理由", reasons)],
            Event::ApplicantCausedDelay { reason } => vec![("申请人方面的原因", reason)],
            Event::Rejected { reasons } => vec![("不予受理的理由（第三十一条）", reasons)],
            Event::InvestigationCompleted { summary } => vec![("核查情况", summary)],
            Event::FindingsApproved { summary, .. } => vec![("核查结果", summary)],
            Event::ReviewAnswered { reasons, .. } => vec![("复核意见", reasons)],
            Event::MeasureTaken { detail, .. } => vec![("措施的落实情况", detail)],
            Event::AppealCheckCompleted { summary } => vec![("初查情况", summary)],
            Event::HearingHeld { summary } => vec![("陈述、申辩的要点", summary)],
            Event::AppealReviewed {
                opinion,
                reasons,
                recipient,
            } => {
                let mut texts = vec![("对事实、理由、依据和程序的复核意见", reasons.as_str())];
                if matches!(opinion, AppealOpinion::Revoke | AppealOpinion::Lighten) {
                    texts.push(("接收复核意见的作出决定部门", recipient.as_str()));
                }
                texts
            }
            Event::TaskAssigned { assignee, .. } => vec![("承办人或承办单位", assignee)],
            Event::TaskCompleted { result, .. } => vec![("办理结果", result)],
            Event::Supervised { unit, instruction } => {
                vec![("被督办单位", unit), ("督办要求", instruction)]
            }
            Event::Correction { reason, .. } => vec![("更正原因", reason)],
            Event::Closed { summary } => vec![("结案情况", summary)],
            Event::Received { .. }
            | Event::FactsAmended { .. }
            | Event::ReportedToCommittee
            | Event::CommitteeConsented
            | Event::Accepted
            | Event::DeemedAccepted
            | Event::InvestigationApproved
            | Event::ExtensionApproved { .. }
            | Event::ApplicantNotified
            | Event::ReviewRequested
            | Event::DocumentIssued { .. } => Vec::new(),
        }
    }

    /// Checks the event's own data, independent of the case.
    fn check_payload(&self) -> Result<(), Refusal> {
        for (what, text) in self.required_texts() {
            let count = text.trim().chars().count();
            if count == 0 {
                return Err(Refusal::Missing { what });
            }
            if count > MAX_TEXT_CHARS {
                return Err(Refusal::TooLong {
                    what,
                    max: MAX_TEXT_CHARS,
                });
            }
        }
        match self {
            Event::ExtensionApproved { grounds } if grounds.is_empty() => Err(Refusal::Missing {
                what: "延长的理由：重大、疑难或复杂（第三十二条）",
            }),
            Event::ExtensionApproved { grounds } if has_repeats(grounds) => {
                Err(Refusal::Repeated {
                    what: "延长的理由"
                })
            }
            Event::FindingsApproved { determinations, .. } if has_repeats(determinations) => {
                Err(Refusal::Repeated {
                    what: "第三十四条的认定",
                })
            }
            _ => Ok(()),
        }
    }
}

fn has_repeats<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, a)| items[..i].contains(a))
}

/// One entry of a case's history. Never rewritten; see [`Event::Correction`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// 1 for the first record, then consecutive.
    pub seq: u32,
    /// When it happened, as recorded (local time).
    pub at: NaiveDateTime,
    /// Who recorded it.
    pub actor: String,
    /// What happened.
    pub kind: Event,
    /// A remark.
    pub note: String,
}

/// An event to record: what the form submits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvent {
    /// When it happened (the form defaults it to now).
    pub at: NaiveDateTime,
    /// Who records it (the settings' operator).
    pub actor: String,
    /// What happened.
    pub event: Event,
    /// A remark, optional.
    pub note: String,
}

/// Why an event was not recorded, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The event does not fit the case's state.
    #[error("案件当前为“{state}”，不能“{event}”。")]
    WrongState {
        /// The case's state.
        state: State,
        /// The event's kind.
        event: EventKind,
    },
    /// 「收到申请」 is only ever the first record.
    #[error("案件已经建立，“收到申请”只能是第一条记录。")]
    AlreadyReceived,
    /// A required text is empty.
    #[error("请填写{what}。")]
    Missing {
        /// What is missing.
        what: &'static str,
    },
    /// A text is too long.
    #[error("{what}不能超过{max}个字。")]
    TooLong {
        /// Which text.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// The same choice twice.
    #[error("{what}有重复的选项。")]
    Repeated {
        /// Which choice.
        what: &'static str,
    },
    /// The record's time lies after now.
    #[error("记录的时间（{at}）晚于当前时间，请检查。")]
    InFuture {
        /// The time given.
        at: NaiveDateTime,
    },
    /// The record's time lies before the previous record.
    #[error(
        "记录的时间（{at}）早于上一条记录（{previous}）；请按发生顺序记录，时间有误的用“更正记录”更正。"
    )]
    OutOfOrder {
        /// The time given.
        at: NaiveDateTime,
        /// The previous record's time.
        previous: NaiveDateTime,
    },
    /// The record's date is outside the calendar's range.
    #[error("记录的日期（{at}）超出可计算的范围。")]
    OutOfRange {
        /// The time given.
        at: NaiveDateTime,
    },
    /// The application cannot have been received before the incident.
    #[error("收到申请的时间早于事件发生的时间，请检查。")]
    ReceivedBeforeIncident,
    /// 第三十一条: the reply period lapsed without reply; the application is deemed accepted.
    #[error("答复期限已于{}届满而未答复，依第三十一条视为受理，请记录“视为受理”。", format_date_cn(*.due))]
    ReplyPeriodLapsed {
        /// The reply period's due date.
        due: NaiveDate,
    },
    /// 第三十一条: deemed acceptance before the period ends.
    #[error("答复期限至{}届满，期满仍未答复的才视为受理（第三十一条）。", format_date_cn(*.due))]
    ReplyPeriodRunning {
        /// The reply period's due date.
        due: NaiveDate,
    },
    /// 第三十一条: 但因申请人原因无法答复的除外.
    #[error("已记录因申请人原因无法答复，依第三十一条不视为受理。")]
    ExcusedByApplicant,
    /// 第三十一条: no reply period has started.
    #[error("答复期限尚未开始计算：维权委同意启动维权工作程序后才起算（第三十一条）。")]
    ReplyNotStarted,
    /// 第三十一条: the delay was already recorded.
    #[error("已经记录过因申请人原因无法答复。")]
    DelayAlreadyRecorded,
    /// 第三十二条: one extension per investigation.
    #[error("本次调查核实已经延长过期限（第三十二条）。")]
    ExtensionAlreadyApproved,
    /// 第三十二条: an extension after the 30 working days ran out.
    #[error("30个工作日的调查核实期限已于{}届满，届满后不能再报请延长，应当督办（第三十二条、第三十七条）。", format_date_cn(*.due))]
    ExtensionTooLate {
        /// The 30 working days' due date.
        due: NaiveDate,
    },
    /// 第三十二条第二款: the review request came too late.
    #[error("申请复核的期限已于{}届满（第三十二条第二款：自收到答复之日起10个工作日内）。", format_date_cn(*.due))]
    ReviewWindowClosed {
        /// The review request period's due date.
        due: NaiveDate,
    },
    /// 第三十二条第二款: closing while the applicant may still ask for review.
    #[error("申请人可在{}前申请复核（第三十二条第二款），期满后方可结案。", format_date_cn(*.due))]
    ReviewWindowOpen {
        /// The review request period's due date.
        due: NaiveDate,
    },
    /// 第三十二条第二款: the answer does not fit what is reviewed.
    #[error("对{reviewed}的复核，不能作出“{}”的答复。", .answer.label())]
    AnswerDoesNotFit {
        /// What is reviewed.
        reviewed: &'static str,
        /// The answer given.
        answer: ReviewAnswer,
    },
    /// 第三十三条: 不得因民警提出申诉而加重对其处分、处理.
    #[error("不得因民警提出申诉而加重对其处分、处理（第三十三条）。")]
    HeavierSanction,
    /// 第三十三条: only 记大过以上处分 or 辞退 go through the appeal path.
    #[error("只有对记大过以上处分或辞退提出的申诉，才按第三十三条的申诉程序办理。")]
    NotAppealable,
    /// 第三十四条: the findings do not support the measure.
    #[error("核查结果没有作出相应认定，不能“{measure}”（第三十四条）。")]
    MeasureNotSupported {
        /// The measure.
        measure: Measure,
    },
    /// 第三十四条: mandatory measures are missing.
    #[error("结案前应当{}（第三十四条）。", join(.measures))]
    MeasuresMissing {
        /// The missing measures.
        measures: Vec<Measure>,
    },
    /// Required tasks are open.
    #[error("以下必办事项尚未办结：{}。", join(.tasks))]
    TasksOpen {
        /// The open tasks.
        tasks: Vec<TaskId>,
    },
    /// The task does not apply to this case.
    #[error("本案没有“{task}”这一事项。")]
    TaskNotApplicable {
        /// The task.
        task: TaskId,
    },
    /// The task is already done.
    #[error("“{task}”已经办结。")]
    TaskAlreadyDone {
        /// The task.
        task: TaskId,
    },
    /// A correction refers to no record.
    #[error("没有第{seq}条记录。")]
    NoSuchRecord {
        /// The seq given.
        seq: u32,
    },
    /// A correction refers to a correction.
    #[error("第{seq}条本身是更正记录，请直接更正原记录。")]
    CorrectingCorrection {
        /// The seq given.
        seq: u32,
    },
    /// A corrected time would put the record out of order.
    #[error("更正后的时间应在{earliest}至{latest}之间，才能保持记录的先后顺序。")]
    CorrectionOutOfOrder {
        /// Earliest allowed.
        earliest: NaiveDateTime,
        /// Latest allowed.
        latest: NaiveDateTime,
    },
    /// A deadline needed to decide could not be computed.
    #[error("{0}")]
    Deadline(DeadlineError),
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

/// What deciding an event needs besides the case: the calendar, the readings of the 细则's
/// ambiguous periods, and the unit's parameters.
#[derive(Clone, Copy, Debug)]
pub struct Env<'a> {
    /// The working-day calendar.
    pub calendar: &'a Calendar,
    /// The chosen readings.
    pub readings: &'a Readings,
    /// The unit's parameters.
    pub policy: &'a CasePolicy,
}

/// A case: its facts as they stand, its state, and its full history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    id: CaseId,
    facts: CaseFacts,
    state: State,
    history: Vec<EventRecord>,
    revision: u32,
    updated_at: NaiveDateTime,
}

fn check_header(
    actor: &str,
    note: &str,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), Refusal> {
    let actor = actor.trim().chars().count();
    if actor == 0 {
        return Err(Refusal::Missing { what: "记录人" });
    }
    if actor > MAX_ACTOR_CHARS {
        return Err(Refusal::TooLong {
            what: "记录人",
            max: MAX_ACTOR_CHARS,
        });
    }
    if note.chars().count() > MAX_TEXT_CHARS {
        return Err(Refusal::TooLong {
            what: "备注",
            max: MAX_TEXT_CHARS,
        });
    }
    if at > now {
        return Err(Refusal::InFuture { at });
    }
    if !is_supported_date(at.date()) {
        return Err(Refusal::OutOfRange { at });
    }
    Ok(())
}

impl Case {
    /// 第三十、三十一条: opens a case on receipt of an application or clue. The first record is
    /// [`Event::Received`] with the facts; the revision starts at 1.
    pub fn open(
        id: CaseId,
        facts: CaseFacts,
        received_at: NaiveDateTime,
        actor: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<Case, Refusal> {
        check_header(actor, note, received_at, now)?;
        if received_at < facts.incident.at {
            return Err(Refusal::ReceivedBeforeIncident);
        }
        Ok(Case {
            id,
            state: State::Received,
            history: vec![EventRecord {
                seq: 1,
                at: received_at,
                actor: actor.trim().to_string(),
                kind: Event::Received {
                    facts: Box::new(facts.clone()),
                },
                note: note.trim().to_string(),
            }],
            facts,
            revision: 1,
            updated_at: now,
        })
    }

    /// The case's id.
    pub fn id(&self) -> &CaseId {
        &self.id
    }

    /// The facts as they now stand (the latest of the received and amended facts).
    pub fn facts(&self) -> &CaseFacts {
        &self.facts
    }

    /// Where the case stands.
    pub fn state(&self) -> State {
        self.state
    }

    /// Every record, oldest first.
    pub fn history(&self) -> &[EventRecord] {
        &self.history
    }

    /// Incremented by every applied event; the store refuses a save whose revision is stale.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// When the case was last changed.
    pub fn updated_at(&self) -> NaiveDateTime {
        self.updated_at
    }

    /// When the application was received (as corrected, if it was).
    pub fn received_at(&self) -> NaiveDateTime {
        self.effective_at(1).unwrap_or(self.updated_at)
    }

    /// When a record counts as having happened: its own time or its latest correction's.
    pub fn effective_at(&self, seq: u32) -> Option<NaiveDateTime> {
        effective_times(&self.history).get(&seq).copied()
    }

    /// How the application came to be accepted, once it is.
    pub fn acceptance(&self) -> Option<Acceptance> {
        Progress::of(self).acceptance
    }

    /// 第三十四条: the determinations of the latest approved findings.
    pub fn determinations(&self) -> Vec<Determination> {
        Progress::of(self).determinations
    }

    /// What the transition function needs to know on `date`.
    pub fn guards(&self, env: &Env<'_>, date: NaiveDate) -> Guards {
        transition::guards(self, &Progress::of(self), env, date)
    }

    /// Records an event: checks who, when and what, then the transition; returns the case with
    /// the record appended, the revision incremented and `updated_at` set to `now`.
    pub fn apply(
        &self,
        entry: NewEvent,
        env: &Env<'_>,
        now: NaiveDateTime,
    ) -> Result<Case, Refusal> {
        check_header(&entry.actor, &entry.note, entry.at, now)?;
        let times = effective_times(&self.history);
        let previous = self
            .history
            .iter()
            .filter(|r| !matches!(r.kind, Event::Correction { .. }))
            .filter_map(|r| times.get(&r.seq).copied())
            .max();
        if let Some(previous) = previous.filter(|p| entry.at < *p) {
            return Err(Refusal::OutOfOrder {
                at: entry.at,
                previous,
            });
        }
        entry.event.check_payload()?;
        match &entry.event {
            Event::Correction {
                seq, corrected_at, ..
            } => self.check_correction(*seq, *corrected_at, now)?,
            Event::FactsAmended { facts } if facts.incident.at > self.received_at() => {
                return Err(Refusal::ReceivedBeforeIncident);
            }
            _ => {}
        }
        let guards = self.guards(env, entry.at.date());
        let state = transition(self.state, &entry.event, &guards)?;
        let mut next = self.clone();
        if let Event::FactsAmended { facts } = &entry.event {
            next.facts = (**facts).clone();
        }
        next.state = state;
        next.history.push(EventRecord {
            seq: self.history.len() as u32 + 1,
            at: entry.at,
            actor: entry.actor.trim().to_string(),
            kind: entry.event,
            note: entry.note.trim().to_string(),
        });
        next.revision = self.revision + 1;
        next.updated_at = now;
        Ok(next)
    }

    fn check_correction(
        &self,
        seq: u32,
        corrected_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<(), Refusal> {
        let Some(target) = self.history.iter().find(|r| r.seq == seq) else {
            return Err(Refusal::NoSuchRecord { seq });
        };
        if matches!(target.kind, Event::Correction { .. }) {
            return Err(Refusal::CorrectingCorrection { seq });
        }
        let Some(at) = corrected_at else {
            return Ok(());
        };
        let times = effective_times(&self.history);
        let main = |r: &&EventRecord| !matches!(r.kind, Event::Correction { .. });
        let earliest = self
            .history
            .iter()
            .filter(main)
            .filter(|r| r.seq < seq)
            .filter_map(|r| times.get(&r.seq).copied())
            .max()
            .unwrap_or(self.facts.incident.at);
        let latest = self
            .history
            .iter()
            .filter(main)
            .filter(|r| r.seq > seq)
            .filter_map(|r| times.get(&r.seq).copied())
            .min()
            .unwrap_or(now);
        if at < earliest || at > latest {
            return Err(Refusal::CorrectionOutOfOrder { earliest, latest });
        }
        if !is_supported_date(at.date()) {
            return Err(Refusal::OutOfRange { at });
        }
        Ok(())
    }
}

/// Events of each kind worth trying, to tell whether a kind is open now. Texts are left empty:
/// only the state and the guards decide whether a button is shown.
fn probes(kind: EventKind, case: &Case, guards: &Guards) -> Vec<Event> {
    let text = String::new;
    match kind {
        EventKind::Received => vec![Event::Received {
            facts: Box::new(case.facts.clone()),
        }],
        EventKind::FactsAmended => vec![Event::FactsAmended {
            facts: Box::new(case.facts.clone()),
        }],
        EventKind::ReportedToCommittee => vec![Event::ReportedToCommittee],
        EventKind::CommitteeConsented => vec![Event::CommitteeConsented],
        EventKind::CommitteeDeclined => vec![Event::CommitteeDeclined { reasons: text() }],
        EventKind::ApplicantCausedDelay => vec![Event::ApplicantCausedDelay { reason: text() }],
        EventKind::Accepted => vec![Event::Accepted],
        EventKind::Rejected => vec![Event::Rejected { reasons: text() }],
        EventKind::DeemedAccepted => vec![Event::DeemedAccepted],
        EventKind::InvestigationApproved => vec![Event::InvestigationApproved],
        EventKind::ExtensionApproved => vec![Event::ExtensionApproved {
            grounds: vec![ExtensionGround::Major],
        }],
        EventKind::InvestigationCompleted => {
            vec![Event::InvestigationCompleted { summary: text() }]
        }
        EventKind::FindingsApproved => vec![Event::FindingsApproved {
            determinations: Vec::new(),
            summary: text(),
        }],
        EventKind::ApplicantNotified => vec![Event::ApplicantNotified],
        EventKind::ReviewRequested => vec![Event::ReviewRequested],
        EventKind::ReviewAnswered => ReviewAnswer::ALL
            .into_iter()
            .map(|answer| Event::ReviewAnswered {
                answer,
                reasons: text(),
            })
            .collect(),
        EventKind::MeasureTaken => Measure::ALL
            .into_iter()
            .map(|measure| Event::MeasureTaken {
                measure,
                detail: text(),
            })
            .collect(),
        EventKind::AppealCheckCompleted => vec![Event::AppealCheckCompleted { summary: text() }],
        EventKind::HearingHeld => vec![Event::HearingHeld { summary: text() }],
        EventKind::AppealReviewed => AppealOpinion::ALL
            .into_iter()
            .map(|opinion| Event::AppealReviewed {
                opinion,
                reasons: text(),
                recipient: text(),
            })
            .collect(),
        EventKind::TaskAssigned => guards
            .tasks
            .iter()
            .map(|t| Event::TaskAssigned {
                task: t.id,
                assignee: text(),
            })
            .collect(),
        EventKind::TaskCompleted => guards
            .tasks
            .iter()
            .map(|t| Event::TaskCompleted {
                task: t.id,
                result: text(),
            })
            .collect(),
        EventKind::Supervised => vec![Event::Supervised {
            unit: text(),
            instruction: text(),
        }],
        EventKind::Correction => vec![Event::Correction {
            seq: 1,
            corrected_at: None,
            reason: text(),
        }],
        EventKind::Closed => vec![Event::Closed { summary: text() }],
        // Issued only through `core::document`, with a number: never a button of its own.
        EventKind::DocumentIssued => Vec::new(),
    }
}

/// Whether an event of this kind could be recorded `today`: `Ok`, or the refusal that explains
/// why the button is missing (the first one met).
pub fn check_event(
    case: &Case,
    kind: EventKind,
    env: &Env<'_>,
    today: NaiveDate,
) -> Result<(), Refusal> {
    let guards = case.guards(env, today);
    let mut first_refusal = None;
    for event in probes(kind, case, &guards) {
        match transition(case.state, &event, &guards) {
            Ok(_) => return Ok(()),
            Err(refusal) => {
                first_refusal.get_or_insert(refusal);
            }
        }
    }
    Err(first_refusal.unwrap_or(Refusal::WrongState {
        state: case.state,
        event: kind,
    }))
}

/// The kinds of event that can be recorded `today`, in [`EventKind::ALL`]'s order: the only
/// buttons the UI shows.
pub fn allowed_events(case: &Case, env: &Env<'_>, today: NaiveDate) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|kind| check_event(case, *kind, env, today).is_ok())
        .collect()
}
