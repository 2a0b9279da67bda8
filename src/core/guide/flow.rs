//! The guide's question flow as data: an ordered list of questions, each shown only when its
//! condition on earlier answers holds, so the UI can ask one question per page with a back link.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::GuideError;
use super::facts::{
    Act, Choice, DutyLink, Ground, Injury, ObstructionItem, OfficerConduct, PropertyLoss, Sanction,
    Seriousness, Victim, ViolenceDetail, YesNo, choice_enum,
};
use super::law::EARLIEST_SUPPORTED_ACT_DATE;

choice_enum! {
    /// The stable id of each question. Stored answers, case records and the application
    /// wizard refer to questions by these ids.
    pub enum QuestionId {
        /// 第三十条: which ground.
        Concern = "concern",
        /// 第三十三条: the accountability faced (ground 3).
        Sanction = "sanction",
        /// 第三十九、四十一条: who was harmed.
        Victim = "victim",
        /// 第二、四十条: an officer's duty status.
        OfficerLink = "officer_link",
        /// 第四十一条: duty status of persons covered by reference.
        AssistLink = "assist_link",
        /// 第二条: whether a relative's harm stems from the officer's duty.
        RelativeLink = "relative_link",
        /// 第三十四条: possible fault in the officer's own conduct.
        OfficerConduct = "officer_conduct",
        /// The act's date, which picks the law version.
        ActDate = "act_date",
        /// 第十九至二十六条: what was done.
        Acts = "acts",
        /// 第十三、三十五条: the injury.
        Injury = "injury",
        /// 第十九条: circumstances of the violence.
        ViolenceDetails = "violence_details",
        /// Whether an officer was attacked along with the 辅警.
        WithOfficer = "with_officer",
        /// 第二十条: the obstruction items.
        ObstructionItems = "obstruction_items",
        /// 第二十七条第二款: seriousness of insult or defamation.
        Seriousness = "seriousness",
        /// 第十三、二十七条: property loss.
        PropertyLoss = "property_loss",
    }
}

impl QuestionId {
    /// Every question id, in flow order.
    pub fn all() -> &'static [Self] {
        <Self as Choice>::ALL
    }

    /// The question id for a stored string id (e.g. from a URL).
    pub fn parse(id: &str) -> Option<Self> {
        <Self as Choice>::from_id(id)
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(question(*self).title)
    }
}

/// When a question or an option is shown, in terms of earlier answers. Conditions only look
/// at questions earlier in the flow, so the flow has no cycles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Condition {
    /// Always shown.
    Always,
    /// The single-choice question has this option chosen.
    Is(QuestionId, &'static str),
    /// The multiple-choice question has this option among its choices.
    Includes(QuestionId, &'static str),
    /// Any of these holds.
    Any(&'static [Condition]),
    /// All of these hold.
    All(&'static [Condition]),
    /// This does not hold.
    Not(&'static Condition),
}

impl Condition {
    fn holds(&self, answers: &BTreeMap<QuestionId, Response>) -> bool {
        match self {
            Self::Always => true,
            Self::Is(q, option) => {
                matches!(answers.get(q), Some(Response::One(chosen)) if chosen == option)
            }
            Self::Includes(q, option) => matches!(
                answers.get(q),
                Some(Response::Many(chosen)) if chosen.iter().any(|c| c == option)
            ),
            Self::Any(conditions) => conditions.iter().any(|c| c.holds(answers)),
            Self::All(conditions) => conditions.iter().all(|c| c.holds(answers)),
            Self::Not(condition) => !condition.holds(answers),
        }
    }

    /// Every `(question, option)` pair this condition names, for the flow's consistency test.
    pub fn references(&self) -> Vec<(QuestionId, &'static str)> {
        match self {
            Self::Always => Vec::new(),
            Self::Is(q, o) | Self::Includes(q, o) => vec![(*q, *o)],
            Self::Any(cs) | Self::All(cs) => cs.iter().flat_map(Condition::references).collect(),
            Self::Not(c) => c.references(),
        }
    }
}

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option (radio buttons).
    Single,
    /// Several options (checkboxes), at least `at_least` of them.
    Multiple {
        /// The fewest choices accepted; 0 lets the user continue with none ticked.
        at_least: u8,
    },
    /// A calendar date.
    Date,
}

/// One answer option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerOption {
    /// Stable id, stored in answers.
    pub id: &'static str,
    /// The option's text.
    pub label: &'static str,
    /// A hint under the option; may be empty.
    pub help: &'static str,
    /// When this option is offered.
    pub shown_if: Condition,
}

/// One question of the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable id.
    pub id: QuestionId,
    /// The question, as the page heading.
    pub title: &'static str,
    /// A hint under the heading.
    pub help: &'static str,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The options (empty for a date question).
    pub options: &'static [AnswerOption],
    /// The 细则 articles the question turns on, for links to /rules/N.
    pub articles: &'static [u8],
    /// When the question is asked.
    pub shown_if: Condition,
}

/// One answer as the UI records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    /// The chosen option id of a single-choice question.
    One(String),
    /// The chosen option ids of a multiple-choice question.
    Many(Vec<String>),
    /// The date of a date question.
    Date(NaiveDate),
}

impl Response {
    /// A single choice.
    pub fn one(option: &str) -> Self {
        Self::One(option.to_owned())
    }

    /// Several choices.
    pub fn many(options: &[&str]) -> Self {
        Self::Many(options.iter().map(|o| (*o).to_owned()).collect())
    }
}

/// The answers given so far, keyed by question. Answers to questions that later became
/// hidden (the user went back and changed an earlier answer) are kept but ignored, so changing
/// back restores them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(BTreeMap<QuestionId, Response>);

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stored answer to `question`, visible or not.
    pub fn get(&self, question: QuestionId) -> Option<&Response> {
        self.0.get(&question)
    }

    /// Stores an answer without checking it (restoring saved answers, building test cases);
    /// `evaluate` ignores answers that do not fit the flow.
    pub fn insert(&mut self, question: QuestionId, response: Response) {
        self.0.insert(question, response);
    }

    /// Builder form of `insert`.
    pub fn with(mut self, question: QuestionId, response: Response) -> Self {
        self.insert(question, response);
        self
    }

    /// Removes an answer.
    pub fn remove(&mut self, question: QuestionId) {
        self.0.remove(&question);
    }

    /// Checks an answer the user gave on a question page and stores it. `today` bounds the act
    /// date: an act cannot lie in the future.
    pub fn record(
        &mut self,
        question_id: QuestionId,
        response: Response,
        today: NaiveDate,
    ) -> Result<(), GuideError> {
        let effective = effective_map(self);
        let q = question(question_id);
        if !q.shown_if.holds(&effective) {
            return Err(GuideError::QuestionNotApplicable(question_id));
        }
        let check_option = |id: &String| match q
            .options
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.shown_if.holds(&effective))
        {
            None => Err(GuideError::UnknownOption {
                question: question_id,
                option: id.clone(),
            }),
            Some(false) => Err(GuideError::OptionNotApplicable {
                question: question_id,
                option: id.clone(),
            }),
            Some(true) => Ok(()),
        };
        match (&q.kind, &response) {
            (QuestionKind::Single, Response::One(id)) => check_option(id)?,
            (QuestionKind::Multiple { at_least }, Response::Many(ids)) => {
                for (i, id) in ids.iter().enumerate() {
                    check_option(id)?;
                    if ids[..i].contains(id) {
                        return Err(GuideError::DuplicateChoice {
                            question: question_id,
                            option: id.clone(),
                        });
                    }
                }
                if ids.len() < usize::from(*at_least) {
                    return Err(GuideError::TooFewChoices {
                        question: question_id,
                        at_least: *at_least,
                    });
                }
            }
            (QuestionKind::Date, Response::Date(d)) => {
                if *d < EARLIEST_SUPPORTED_ACT_DATE {
                    return Err(GuideError::ActDateTooEarly(*d));
                }
                if *d > today {
                    return Err(GuideError::ActDateInFuture(*d));
                }
            }
            _ => return Err(GuideError::WrongKind(question_id)),
        }
        self.0.insert(question_id, response);
        Ok(())
    }

    /// Only the answers that count under the current flow: answers to shown questions,
    /// restricted to options still offered. Use it to store a tidy copy.
    pub fn effective(&self) -> Self {
        Self(effective_map(self))
    }

    pub(crate) fn effective_map(&self) -> BTreeMap<QuestionId, Response> {
        effective_map(self)
    }
}

/// Keeps the part of `response` that fits `q` under the answers so far; `None` when nothing
/// usable is left.
fn clean(
    q: &Question,
    response: &Response,
    effective: &BTreeMap<QuestionId, Response>,
) -> Option<Response> {
    let offered = |id: &str| {
        q.options
            .iter()
            .any(|o| o.id == id && o.shown_if.holds(effective))
    };
    match (&q.kind, response) {
        (QuestionKind::Single, Response::One(id)) => offered(id).then(|| response.clone()),
        (QuestionKind::Multiple { at_least }, Response::Many(ids)) => {
            // Keep the flow's option order so equal answer sets compare equal.
            let kept: Vec<String> = q
                .options
                .iter()
                .filter(|o| ids.iter().any(|id| id == o.id) && offered(o.id))
                .map(|o| o.id.to_owned())
                .collect();
            (kept.len() >= usize::from(*at_least)).then_some(Response::Many(kept))
        }
        (QuestionKind::Date, Response::Date(_)) => Some(response.clone()),
        _ => None,
    }
}

fn effective_map(answers: &Answers) -> BTreeMap<QuestionId, Response> {
    let mut effective = BTreeMap::new();
    for q in QUESTIONS {
        if !q.shown_if.holds(&effective) {
            continue;
        }
        if let Some(kept) = answers.get(q.id).and_then(|r| clean(q, r, &effective)) {
            effective.insert(q.id, kept);
        }
    }
    effective
}

/// Every question, in the order they are asked.
pub fn questions() -> &'static [Question] {
    QUESTIONS
}

/// The question with this id.
pub fn question(id: QuestionId) -> &'static Question {
    // QUESTIONS lists the questions in the enum's declaration order; the flow test checks it.
    &QUESTIONS[id as usize]
}

/// The first question of the flow.
pub const FIRST_QUESTION: QuestionId = QuestionId::Concern;

/// Whether `id` is asked under the answers so far.
pub fn is_shown(answers: &Answers, id: QuestionId) -> bool {
    question(id).shown_if.holds(&effective_map(answers))
}

/// The options of `id` offered under the answers so far.
pub fn shown_options(answers: &Answers, id: QuestionId) -> Vec<&'static AnswerOption> {
    let effective = effective_map(answers);
    question(id)
        .options
        .iter()
        .filter(|o| o.shown_if.holds(&effective))
        .collect()
}

/// The next question to ask: the first shown question without a usable answer. `None` means
/// the flow is complete and `evaluate` will give an outcome.
pub fn next_question(answers: &Answers) -> Option<QuestionId> {
    let effective = effective_map(answers);
    QUESTIONS
        .iter()
        .find(|q| q.shown_if.holds(&effective) && !effective.contains_key(&q.id))
        .map(|q| q.id)
}

/// The shown question after `current`, for "continue" when revisiting an answered question.
pub fn question_after(answers: &Answers, current: QuestionId) -> Option<QuestionId> {
    let effective = effective_map(answers);
    QUESTIONS
        .iter()
        .skip(current as usize + 1)
        .find(|q| q.shown_if.holds(&effective))
        .map(|q| q.id)
}

/// The shown question before `current`, for the back link. `None` on the first question.
pub fn question_before(answers: &Answers, current: QuestionId) -> Option<QuestionId> {
    let effective = effective_map(answers);
    QUESTIONS[..current as usize]
        .iter()
        .rev()
        .find(|q| q.shown_if.holds(&effective))
        .map(|q| q.id)
}

/// The questions answered on the way to the current point, in order, for the "check your
/// answers" page.
pub fn answered_path(answers: &Answers) -> Vec<QuestionId> {
    let effective = effective_map(answers);
    QUESTIONS
        .iter()
        .take_while(|q| !q.shown_if.holds(&effective) || effective.contains_key(&q.id))
        .filter(|q| effective.contains_key(&q.id))
        .map(|q| q.id)
        .collect()
}

/// The text of an answer for the "check your answers" page: option labels joined, or the date.
pub fn answer_label(id: QuestionId, response: &Response) -> String {
    let q = question(id);
    let label = |option: &str| {
        q.options
            .iter()
            .find(|o| o.id == option)
            .map_or_else(|| option.to_owned(), |o| o.label.to_owned())
    };
    match response {
        Response::One(o) => label(o),
        Response::Many(os) if os.is_empty() => "均无".to_owned(),
        Response::Many(os) => os.iter().map(|o| label(o)).collect::<Vec<_>>().join("；"),
        Response::Date(d) => d.format("%Y年%-m月%-d日").to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The flow.

use Condition::{All, Any, Includes, Is, Not};

const HARM: Condition = Is(QuestionId::Concern, Ground::Infringed.id());
const VICTIM_ASSISTS: Condition = Any(&[
    Is(QuestionId::Victim, Victim::AuxiliaryOfficer.id()),
    Is(QuestionId::Victim, Victim::Staff.id()),
    Is(QuestionId::Victim, Victim::VisitingOfficer.id()),
    Is(QuestionId::Victim, Victim::Cadet.id()),
]);
const VICTIM_RELATIVE: Condition = Any(&[
    Is(QuestionId::Victim, Victim::NearRelative.id()),
    Is(QuestionId::Victim, Victim::OtherRelative.id()),
]);
/// The victim was performing, or deemed to perform (第四十条), a duty.
const PERFORMING_DUTY: Condition = Any(&[
    Is(QuestionId::OfficerLink, DutyLink::OnDuty.id()),
    Is(QuestionId::OfficerLink, DutyLink::OffDutyActing.id()),
    Is(QuestionId::AssistLink, DutyLink::OnDuty.id()),
]);
/// A link question answered with anything but "unrelated": the incident is within the 细则.
const IN_SCOPE: Condition = All(&[
    HARM,
    Any(&[
        PERFORMING_DUTY,
        Is(QuestionId::OfficerLink, DutyLink::Retaliation.id()),
        Is(QuestionId::AssistLink, DutyLink::Retaliation.id()),
        Is(QuestionId::RelativeLink, DutyLink::BecauseOfDuty.id()),
        Is(QuestionId::RelativeLink, DutyLink::Unsure.id()),
    ]),
]);
const VIOLENCE: Condition = Includes(QuestionId::Acts, Act::Violence.id());

const fn opt(id: &'static str, label: &'static str, help: &'static str) -> AnswerOption {
    AnswerOption {
        id,
        label,
        help,
        shown_if: Condition::Always,
    }
}

const fn opt_if(
    id: &'static str,
    label: &'static str,
    help: &'static str,
    shown_if: Condition,
) -> AnswerOption {
    AnswerOption {
        id,
        label,
        help,
        shown_if,
    }
}

static QUESTIONS: &[Question] = &[
    Question {
        id: QuestionId::Concern,
        title: "您要了解哪一类情况？",
        help: "本指引按《嘉兴市公安机关维护民警执法权威工作实施细则》第三十条的三类申请事由提问。",
        kind: QuestionKind::Single,
        options: &[
            opt(
                Ground::Infringed.id(),
                "有人对民警、辅警或民警的亲属实施了侵害",
                "如殴打、阻碍执法、侮辱、诽谤、诬告、威胁、骚扰、泄露隐私、恶意投诉（第三十条第一项）。",
            ),
            opt(
                Ground::Unprotected.id(),
                "民警的执法权威未受到有效保护",
                "如侵犯民警执法权威的案件瞒案不报、压案不查、办案拖拉（第三十条第二项、第三十七条）。",
            ),
            opt(
                Ground::WrongfulAccountability.id(),
                "民警因履行职责受到责任追究，认为追究错误或有异议",
                "第三十条第三项。",
            ),
        ],
        articles: &[30],
        shown_if: Condition::Always,
    },
    Question {
        id: QuestionId::Sanction,
        title: "民警受到了什么样的责任追究？",
        help: "对记大过以上处分、辞退有异议的，可以提出申诉，由维权委组织复核（第三十三条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(
                Sanction::MajorDemeritOrDismissal.id(),
                "记大过以上处分或者辞退",
                "",
            ),
            opt(Sanction::Other.id(), "其他处分或处理", ""),
            opt(
                Sanction::UnderInvestigation.id(),
                "正在接受纪检监察机关或司法机关调查",
                "法制部门在职责范围内为调查处理提供必要的法律配合（第十条第九项）。",
            ),
        ],
        articles: &[30, 33],
        shown_if: Is(QuestionId::Concern, Ground::WrongfulAccountability.id()),
    },
    Question {
        id: QuestionId::Victim,
        title: "谁受到了侵害？",
        help: "近亲属指夫、妻、父、母、子、女、同胞兄弟姊妹（第三十九条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(Victim::Officer.id(), "本市公安民警", ""),
            opt(
                Victim::AuxiliaryOfficer.id(),
                "警务辅助人员（辅警）",
                "在本市协助履行职责过程中受到不法侵害的，参照细则开展工作（第四十一条）。",
            ),
            opt(
                Victim::Staff.id(),
                "公安机关职工",
                "参照细则开展工作（第四十一条）。",
            ),
            opt(
                Victim::VisitingOfficer.id(),
                "外省市公安机关执行支援任务或在本省执法的民警",
                "参照细则开展工作（第四十一条）。",
            ),
            opt(
                Victim::Cadet.id(),
                "公安院校派遣配合执行警务活动的学员",
                "参照细则开展工作（第四十一条）。",
            ),
            opt(
                Victim::NearRelative.id(),
                "民警的近亲属",
                "夫、妻、父、母、子、女、同胞兄弟姊妹（第三十九条）。",
            ),
            opt(
                Victim::OtherRelative.id(),
                "民警的其他亲属",
                "参照细则开展工作（第三十九条）。",
            ),
        ],
        articles: &[39, 41],
        shown_if: HARM,
    },
    Question {
        id: QuestionId::OfficerLink,
        title: "行为发生时，民警处于什么情况？",
        help: "民警在非工作时间依照《人民警察法》等法律履行职责的，视为执行职务（第四十条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(DutyLink::OnDuty.id(), "正在依法执行职务", ""),
            opt(
                DutyLink::OffDutyActing.id(),
                "非工作时间依法履行职责（如下班途中制止违法犯罪）",
                "视为执行职务（第四十条）。",
            ),
            opt(
                DutyLink::Retaliation.id(),
                "不在执行职务，但因此前依法履行职责遭到报复",
                "如下班后被跟踪、在住处被报复（第二条、第二十九条）。",
            ),
            opt(DutyLink::Unrelated.id(), "与履行职责无关（如私人纠纷）", ""),
        ],
        articles: &[2, 40],
        shown_if: All(&[HARM, Is(QuestionId::Victim, Victim::Officer.id())]),
    },
    Question {
        id: QuestionId::AssistLink,
        title: "侵害发生在什么时候？",
        help: "第四十一条：在本市协助履行职责、行使职权过程中受到不法侵害的，参照细则开展工作。",
        kind: QuestionKind::Single,
        options: &[
            opt(
                DutyLink::OnDuty.id(),
                "在本市协助履行职责、行使职权过程中",
                "",
            ),
            opt(
                DutyLink::Retaliation.id(),
                "事后因协助履行职责遭到报复",
                "第四十一条只写明“协助履行职责、行使职权过程中”，事后报复是否参照由维权办决定。",
            ),
            opt(DutyLink::Unrelated.id(), "与履行职责无关", ""),
        ],
        articles: &[41],
        shown_if: All(&[HARM, VICTIM_ASSISTS]),
    },
    Question {
        id: QuestionId::RelativeLink,
        title: "侵害是否因民警依法履行职责、行使职权引起？",
        help: "第二条：民警及其近亲属的人身财产安全、人格尊严不因民警依法履行职责、行使职权行为受到威胁、侵犯、侮辱、贬损。",
        kind: QuestionKind::Single,
        options: &[
            opt(DutyLink::BecauseOfDuty.id(), "是，因民警履职引起", ""),
            opt(
                DutyLink::Unsure.id(),
                "不确定",
                "第三十条以申请人“认为”受到侵犯为条件，可以先提出申请，由维权办审查。",
            ),
            opt(DutyLink::Unrelated.id(), "否，与民警履职无关", ""),
        ],
        articles: &[2, 30],
        shown_if: All(&[HARM, VICTIM_RELATIVE]),
    },
    Question {
        id: QuestionId::OfficerConduct,
        title: "执法过程本身是否可能存在过错？",
        help: "请如实选择。维权办认定民警执法存在过错或瑕疵的，应当提出督察建议（第三十四条）；民警有严重过错的，袭警行为一般不作为犯罪处理（两高2025年解释第四条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(OfficerConduct::NoFault.id(), "未发现过错", ""),
            opt(OfficerConduct::Flaw.id(), "可能存在过错或瑕疵", ""),
            opt(OfficerConduct::SeriousFault.id(), "可能存在严重过错", ""),
        ],
        articles: &[34],
        shown_if: PERFORMING_DUTY,
    },
    Question {
        id: QuestionId::ActDate,
        title: "行为发生在哪一天？",
        help: "日期决定适用的法律版本：修订后的《治安管理处罚法》自2026年1月1日起施行，此前的行为适用行为发生时的规定（《行政处罚法》第三十七条）；袭警罪自2021年3月1日起施行。行为分别发生在不同日期的，可以分别使用本指引。",
        kind: QuestionKind::Date,
        options: &[],
        articles: &[],
        shown_if: IN_SCOPE,
    },
    Question {
        id: QuestionId::Acts,
        title: "行为人做了什么？（可多选）",
        help: "同一事件可能同时构成多类行为，请选择所有符合的情形。",
        kind: QuestionKind::Multiple { at_least: 1 },
        options: &[
            opt(
                Act::Violence.id(),
                "动手攻击：撕咬、掌掴、踢打、抱摔、投掷物品、持械、驾车冲撞等",
                "第十九条。",
            ),
            opt_if(
                Act::Obstruction.id(),
                "在执法现场阻碍执行职务，但没有动手攻击：拉扯、推搡、辱骂、恐吓、拦截、扣留或毁坏装备、隐匿法律文书、煽动他人等",
                "第二十条。现场辱骂、恐吓执法民警的，选此项。",
                PERFORMING_DUTY,
            ),
            opt(
                Act::Insult.id(),
                "张贴、散发文字、图像等，公然侮辱、贬低人格",
                "第二十一条。",
            ),
            opt(
                Act::Defamation.id(),
                "捏造损害名誉的事实并散布、炒作（如在网上发帖）",
                "第二十二条。",
            ),
            opt(
                Act::FalseAccusation.id(),
                "捏造、歪曲事实诬告陷害，企图使其受到刑事追究或治安管理处罚",
                "第二十三条。",
            ),
            opt(
                Act::Threat.id(),
                "写恐吓信或以其他方法威胁人身安全",
                "第二十四条。",
            ),
            opt(
                Act::Messages.id(),
                "多次发送侮辱、恐吓或者其他信息，干扰正常生活",
                "第二十四条。",
            ),
            opt(
                Act::Stalking.id(),
                "滋扰、纠缠、跟踪、尾随、堵门",
                "第二十四条、第二十九条。2025年修订的《治安管理处罚法》第五十条第一款第五项才明确列入滋扰、纠缠、跟踪。",
            ),
            opt(
                Act::Privacy.id(),
                "偷窥、偷拍、窃听，或散布隐私（如公开住址、照片、身份信息）",
                "第二十五条。",
            ),
            opt_if(
                Act::MaliciousComplaint.id(),
                "捏造、歪曲事实恶意投诉，企图使民警受到纪律处分或干扰正常执法办案",
                "第二十六条。",
                Not(&VICTIM_RELATIVE),
            ),
        ],
        articles: &[19, 20, 21, 22, 23, 24, 25, 26],
        shown_if: IN_SCOPE,
    },
    Question {
        id: QuestionId::Injury,
        title: "攻击造成了什么伤情？",
        help: "伤情以法医鉴定为准。撕咬、掌掴、踢打、抱摔、投掷物品等造成轻微伤以上的，属于袭警罪的“暴力袭击”（两高2025年解释第一条）；经鉴定构成轻微伤以上的，维权办可依本人要求委托法律专业人士协助提起民事诉讼（第十三条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(Injury::None.id(), "没有受伤", ""),
            opt(Injury::Minor.id(), "轻微伤", ""),
            opt(Injury::Light.id(), "轻伤", ""),
            opt(
                Injury::Serious.id(),
                "重伤",
                "执勤执法中重伤的，维权委应当组织调查（第三十五条）。",
            ),
            opt(
                Injury::Death.id(),
                "死亡",
                "执勤执法中死亡的，维权委应当组织调查（第三十五条）。",
            ),
            opt(Injury::Pending.id(), "受了伤，尚未鉴定", ""),
        ],
        articles: &[13, 19, 35],
        shown_if: All(&[IN_SCOPE, VIOLENCE]),
    },
    Question {
        id: QuestionId::ViolenceDetails,
        title: "攻击有没有下列情形？（可多选，都没有可直接继续）",
        help: "这些情形决定是否属于“暴力袭击”、是否“严重危及人身安全”以及是否从重（两高2025年解释第一至三条）。",
        kind: QuestionKind::Multiple { at_least: 0 },
        options: &[
            opt(ViolenceDetail::KnifeOrGun.id(), "使用枪支、管制刀具", ""),
            opt(
                ViolenceDetail::LethalTool.id(),
                "使用其他足以致人重伤或者死亡的凶器、危险物品",
                "",
            ),
            opt(ViolenceDetail::Vehicle.id(), "驾驶机动车撞击民警或警车", ""),
            opt_if(
                ViolenceDetail::Equipment.id(),
                "打砸、毁坏、抢夺警车、警械等警用装备，足以危及民警人身安全",
                "",
                PERFORMING_DUTY,
            ),
            opt_if(
                ViolenceDetail::SeveralOfficers.id(),
                "袭击民警二人以上",
                "",
                PERFORMING_DUTY,
            ),
            opt(ViolenceDetail::Gang.id(), "纠集、煽动多人参与", ""),
            opt_if(
                ViolenceDetail::SeriousConsequence.id(),
                "造成犯罪嫌疑人脱逃、关键证据灭失等严重后果",
                "",
                PERFORMING_DUTY,
            ),
            opt_if(
                ViolenceDetail::StruggleOnly.id(),
                "只是轻微肢体冲突，或为挣脱控制而甩手、挣脱、蹬腿",
                "这类行为不属于袭警罪的“暴力袭击”（两高2025年解释第一条）。",
                PERFORMING_DUTY,
            ),
        ],
        articles: &[19],
        shown_if: All(&[IN_SCOPE, VIOLENCE]),
    },
    Question {
        id: QuestionId::WithOfficer,
        title: "行为人是否同时袭击了在场民警？",
        help: "单独袭击辅警的，以妨害公务罪论处；同时袭击民警和辅警的，以袭警罪从重处罚（两高2025年解释第八条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(YesNo::Yes.id(), "是", ""),
            opt(YesNo::No.id(), "否", ""),
        ],
        articles: &[41],
        shown_if: All(&[
            VIOLENCE,
            Is(QuestionId::Victim, Victim::AuxiliaryOfficer.id()),
            Is(QuestionId::AssistLink, DutyLink::OnDuty.id()),
        ]),
    },
    Question {
        id: QuestionId::ObstructionItems,
        title: "阻碍执行职务的具体方式是？（可多选）",
        help: "第二十条列出的情形。",
        kind: QuestionKind::Multiple { at_least: 1 },
        options: &[
            opt(
                ObstructionItem::Item1.id(),
                "拒绝接受民警检查、盘问，不听劝阻",
                "细则文本缺第二十条第一项；此表述出自浙江省实施办法的新闻报道，未经官方文本核实。",
            ),
            opt(
                ObstructionItem::Item2.id(),
                "拉扯、推搡、辱骂、恐吓、拦截、追逐、围攻执法民警，或者向执法民警泼洒污物",
                "第二十条第二项。",
            ),
            opt(
                ObstructionItem::Item3.id(),
                "扣留、污损、毁坏民警依法执行职务使用的装备、设备、公务标志、证件等物品",
                "第二十条第三项。",
            ),
            opt(
                ObstructionItem::Item4.id(),
                "当场隐匿、毁坏公安机关法律文书",
                "第二十条第四项。",
            ),
            opt(
                ObstructionItem::Item5.id(),
                "纠集、煽动他人拒绝或者阻碍民警依法执行职务",
                "第二十条第五项。",
            ),
            opt(
                ObstructionItem::Item6.id(),
                "以其他方法阻碍民警依法执行职务",
                "第二十条第六项。",
            ),
        ],
        articles: &[20],
        shown_if: All(&[IN_SCOPE, Includes(QuestionId::Acts, Act::Obstruction.id())]),
    },
    Question {
        id: QuestionId::Seriousness,
        title: "侮辱、诽谤的情节是否严重？",
        help: "侮辱、诽谤情节严重的，公安机关应当支持民警向法院提起刑事自诉，并帮助提供证据材料（第二十七条第二款）。是否“情节严重”最终由司法机关认定。",
        kind: QuestionKind::Single,
        options: &[
            opt(Seriousness::Serious.id(), "严重", ""),
            opt(Seriousness::NotSerious.id(), "不严重", ""),
            opt(Seriousness::Unsure.id(), "不确定", ""),
        ],
        articles: &[27],
        shown_if: All(&[
            IN_SCOPE,
            Any(&[
                Includes(QuestionId::Acts, Act::Insult.id()),
                Includes(QuestionId::Acts, Act::Defamation.id()),
            ]),
        ]),
    },
    Question {
        id: QuestionId::PropertyLoss,
        title: "是否造成了财产损失？",
        help: "财产受到较大损失的，维权办可依本人要求委托法律专业人士协助提起民事诉讼（第十三条）；公安机关支持通过诉讼维护合法权益（第二十七条）。",
        kind: QuestionKind::Single,
        options: &[
            opt(PropertyLoss::None.id(), "没有", ""),
            opt(PropertyLoss::Some.id(), "有，损失不大", ""),
            opt(PropertyLoss::Large.id(), "有，损失较大", ""),
        ],
        articles: &[13, 27],
        shown_if: IN_SCOPE,
    },
];
