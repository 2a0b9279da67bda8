//! The offence decision guide: a question flow (as data) about what someone did to an officer or
//! their family, and `evaluate`, which names every offence category that applies with its 细则
//! article, the law in force on the act's date, the penalty range, whether it may be a crime, and
//! what the 细则 requires next.
//!
//! Legal facts come only from the 细则 and law-notes.md; where the notes mark something
//! unconfirmed, the outcome carries a `Note` with `Confirmation::Unconfirmed`.

mod assess;
mod facts;
mod flow;
mod law;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use facts::{
    Act, Choice, DutyLink, Ground, Injury, ObstructionItem, OfficerConduct, PropertyLoss, Sanction,
    Seriousness, Victim, ViolenceDetail, YesNo,
};
pub use flow::{
    AnswerOption, Answers, Condition, FIRST_QUESTION, Question, QuestionId, QuestionKind, Response,
    answer_label, answered_path, is_shown, next_question, question, question_after,
    question_before, questions, shown_options,
};
pub use law::{
    ASSAULT_INTERPRETATION_IN_FORCE, ASSAULT_ON_POLICE_AGGRAVATED_PENALTY,
    ASSAULT_ON_POLICE_CRIME_IN_FORCE, ASSAULT_ON_POLICE_PENALTY, AdministrativePenalty,
    CriminalRegime, EARLIEST_SUPPORTED_ACT_DATE, INSULT_DEFAMATION_PENALTY,
    OBSTRUCTING_DUTY_PENALTY, Provision, PublicSecurityLawVersion,
    REVISED_PUBLIC_SECURITY_LAW_IN_FORCE, RULES_IN_FORCE, Statute, article_label,
};

/// Why answers could not be recorded or evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum GuideError {
    /// The question is not asked under the earlier answers.
    #[error("问题“{0}”在当前回答下不适用")]
    QuestionNotApplicable(QuestionId),
    /// The answer is of the wrong type for the question (e.g. a date for a choice).
    #[error("问题“{0}”的回答类型不正确")]
    WrongKind(QuestionId),
    /// No option with this id exists.
    #[error("问题“{question}”没有选项“{option}”")]
    UnknownOption {
        /// The question.
        question: QuestionId,
        /// The unknown option id.
        option: String,
    },
    /// The option exists but is not offered under the earlier answers.
    #[error("问题“{question}”的选项“{option}”在当前回答下不适用")]
    OptionNotApplicable {
        /// The question.
        question: QuestionId,
        /// The option id.
        option: String,
    },
    /// The same option was chosen twice.
    #[error("问题“{question}”的选项“{option}”重复选择")]
    DuplicateChoice {
        /// The question.
        question: QuestionId,
        /// The repeated option id.
        option: String,
    },
    /// Fewer options than required were chosen.
    #[error("问题“{question}”至少需要选择{at_least}项")]
    TooFewChoices {
        /// The question.
        question: QuestionId,
        /// The minimum.
        at_least: u8,
    },
    /// The act date is before 2015-11-01, which the guide does not cover.
    #[error("行为日期{0}早于2015年11月1日，本指引不适用于此前的行为")]
    ActDateTooEarly(NaiveDate),
    /// The act date lies after today.
    #[error("行为日期{0}晚于今天，请检查")]
    ActDateInFuture(NaiveDate),
    /// A question on the path has no answer yet.
    #[error("问题“{0}”尚未回答")]
    Unanswered(QuestionId),
}

/// 第十九至二十六条: the offence categories. Case records and the application wizard store these
/// ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffenceCategory {
    /// 第十九条: 袭警 (violence against the officer; for relatives, 人身侵害 under 第二十九条).
    Assault,
    /// 第二十条: 阻碍执行职务.
    Obstruction,
    /// 第二十一条: 侮辱.
    Insult,
    /// 第二十二条: 诽谤.
    Defamation,
    /// 第二十三条: 诬告陷害.
    FalseAccusation,
    /// 第二十四条: 威胁人身安全、发送信息干扰正常生活 (and 滋扰、纠缠、跟踪).
    ThreatOrHarassment,
    /// 第二十五条: 侵犯隐私.
    PrivacyViolation,
    /// 第二十六条: 恶意投诉.
    MaliciousComplaint,
}

impl OffenceCategory {
    /// Every category, in the 细则's order.
    pub const ALL: [Self; 8] = [
        Self::Assault,
        Self::Obstruction,
        Self::Insult,
        Self::Defamation,
        Self::FalseAccusation,
        Self::ThreatOrHarassment,
        Self::PrivacyViolation,
        Self::MaliciousComplaint,
    ];

    /// The 细则 article that deals with the category (第十九至二十六条).
    pub const fn article(self) -> u8 {
        match self {
            Self::Assault => 19,
            Self::Obstruction => 20,
            Self::Insult => 21,
            Self::Defamation => 22,
            Self::FalseAccusation => 23,
            Self::ThreatOrHarassment => 24,
            Self::PrivacyViolation => 25,
            Self::MaliciousComplaint => 26,
        }
    }

    /// The Chinese term.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Assault => "袭警",
            Self::Obstruction => "阻碍执行职务",
            Self::Insult => "侮辱",
            Self::Defamation => "诽谤",
            Self::FalseAccusation => "诬告陷害",
            Self::ThreatOrHarassment => "威胁、信息干扰",
            Self::PrivacyViolation => "侵犯隐私",
            Self::MaliciousComplaint => "恶意投诉",
        }
    }
}

/// How well law-notes.md supports a statement (its [CONFIRMED] / [SECONDARY] / [UNCONFIRMED]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// Found in the text itself.
    Confirmed,
    /// Found only in a news report or other summary.
    Secondary,
    /// No source found; the UI should mark it as unverified.
    Unconfirmed,
}

/// A caution shown with an outcome or finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The text.
    pub text: String,
    /// How well it is sourced.
    pub confirmation: Confirmation,
}

impl Note {
    pub(crate) fn new(text: impl Into<String>, confirmation: Confirmation) -> Self {
        Self {
            text: text.into(),
            confirmation,
        }
    }
}

/// Whether the 细则 covers the situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    /// Covered directly (an officer, a near relative, or grounds 2 and 3).
    Covered,
    /// Covered by reference: 第三十九条 (other relatives) or 第四十一条 (辅警, staff, visiting
    /// officers, cadets).
    ByReference {
        /// 39 or 41.
        article: u8,
    },
    /// Unrelated to any lawful duty: outside the 细则.
    Unrelated,
}

/// A crime an act may amount to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Crime {
    /// 袭警罪, 刑法 第二百七十七条第五款 (from 2021-03-01).
    AssaultOnPolice,
    /// 妨害公务罪, 刑法 第二百七十七条第一款.
    ObstructingDuty,
    /// 故意伤害等犯罪: the notes name no article; the handling unit decides.
    InjuryOrOther,
    /// 侮辱罪, 刑法 第二百四十六条.
    Insult,
    /// 诽谤罪, 刑法 第二百四十六条.
    Defamation,
}

impl Crime {
    /// The 罪名.
    pub const fn label(self) -> &'static str {
        match self {
            Self::AssaultOnPolice => "袭警罪",
            Self::ObstructingDuty => "妨害公务罪",
            Self::InjuryOrOther => "故意伤害等犯罪",
            Self::Insult => "侮辱罪",
            Self::Defamation => "诽谤罪",
        }
    }
}

/// How likely a crime is on the facts given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// The facts meet the stated threshold.
    Likely,
    /// It depends on facts not yet known (appraisal, 情节).
    Possible,
    /// Generally not treated as this crime.
    Unlikely,
    /// This crime does not apply (wrong victim, before it existed, below the threshold).
    Excluded,
}

/// One crime considered for a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrimeAssessment {
    /// The crime.
    pub crime: Crime,
    /// How likely.
    pub likelihood: Likelihood,
    /// The 刑法 provision, when the notes give it.
    pub provision: Option<Provision>,
    /// The statutory range, when the notes give it.
    pub penalty: Option<String>,
    /// Why, in one or two sentences.
    pub reason: String,
    /// The provisions the reason rests on (e.g. 解释 第一条).
    pub sources: Vec<Provision>,
    /// How well the reason is sourced.
    pub confirmation: Confirmation,
}

impl CrimeAssessment {
    /// Likely or possible.
    pub fn may_apply(&self) -> bool {
        matches!(self.likelihood, Likelihood::Likely | Likelihood::Possible)
    }
}

/// The administrative (治安) basis of a finding on the act's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrativeBasis {
    /// The 《治安管理处罚法》 provision in force on the act's date.
    pub provision: Provision,
    /// Its penalty range.
    pub penalty: AdministrativePenalty,
}

/// One offence category that applies, with everything the guide can say about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The category.
    pub category: OffenceCategory,
    /// A heading for this finding (e.g. 袭警 / 暴力侵害民警近亲属).
    pub title: String,
    /// The 细则 article: the category's article, or 第二十九条 where the violence did not meet
    /// a person performing a duty.
    pub article: u8,
    /// The article's items that apply (第二十条), otherwise empty.
    pub items: Vec<u8>,
    /// The legal basis as the 细则 cites it (the 2012 治安法 numbering), if it cites one.
    pub cited_basis: Option<String>,
    /// The administrative provision and penalty in force on the act's date, if any.
    pub administrative: Option<AdministrativeBasis>,
    /// Crimes considered, including ones ruled out (e.g. obstruction is not 袭警罪).
    pub crimes: Vec<CrimeAssessment>,
    /// Cautions.
    pub notes: Vec<Note>,
}

impl Finding {
    /// Whether any crime is likely or possible.
    pub fn may_be_crime(&self) -> bool {
        self.crimes.iter().any(CrimeAssessment::may_apply)
    }

    /// The assessment of one crime, if considered.
    pub fn crime(&self, crime: Crime) -> Option<&CrimeAssessment> {
        self.crimes.iter().find(|c| c.crime == crime)
    }
}

/// What the 细则 requires next; each kind has one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// 第三十六条 (and 第三十条第二款): report to the office at once.
    ReportToOffice,
    /// 第十一条: on-site response, 三同步.
    OnSiteResponse,
    /// 第十六条: emergency treatment 绿色通道.
    GreenChannel,
    /// 第十四条: no 刑事和解 or 治安调解; no private contact or compensation.
    NoMediation,
    /// 第十九条: criminal case, or heavier administrative penalty.
    HeavierPenalty,
    /// 第二十八条: strict and fast handling.
    StrictHandling,
    /// 第二十六条: written warning copied to employer or local government.
    WrittenWarning,
    /// 第十五条: 《公安督察正名通知书》.
    Clearance,
    /// 第十条第八项: 网安 checks online content and clears up rumours.
    RumourResponse,
    /// 第二十七条第一款: support for civil suits.
    CivilSuitSupport,
    /// 第二十七条第二款: support for private prosecution of serious insult or defamation.
    PrivateProsecutionSupport,
    /// 第十三条: legal services for the officer.
    LegalServices,
    /// 第十三条: a lawyer on request (轻微伤以上 or 较大损失).
    LawyerOnRequest,
    /// 第十三条: coordinated civil liability below 轻微伤.
    CivilLiabilityCoordination,
    /// 第二十九条: protection measures.
    ProtectionMeasures,
    /// 第三十五条: the committee must investigate 重伤 or death.
    MandatoryInquiry,
    /// 第三十四条: solace and clearance.
    SolaceAndClearance,
    /// 第三十四条: inspection recommendation where the officer's conduct had faults.
    InspectionRecommendation,
    /// 第三十四条: have the departments correct a failure to protect or a wrongful accountability.
    Rectification,
    /// 第三十七条: the office supervises the case throughout.
    CaseSupervision,
    /// 第八条: the committee reviews contested accountability.
    CommitteeReview,
    /// 第十八条: fault tolerance.
    FaultTolerance,
    /// 第三十三条: appeal against 记大过 or heavier, or dismissal.
    Appeal,
    /// 第十条第九项: legal cooperation while under investigation.
    LegalCooperation,
}

impl RequirementKind {
    /// The 细则 article the requirement comes from.
    pub const fn article(self) -> u8 {
        match self {
            Self::ReportToOffice => 36,
            Self::OnSiteResponse => 11,
            Self::GreenChannel => 16,
            Self::NoMediation => 14,
            Self::HeavierPenalty => 19,
            Self::StrictHandling => 28,
            Self::WrittenWarning => 26,
            Self::Clearance => 15,
            Self::RumourResponse | Self::LegalCooperation => 10,
            Self::CivilSuitSupport | Self::PrivateProsecutionSupport => 27,
            Self::LegalServices | Self::LawyerOnRequest | Self::CivilLiabilityCoordination => 13,
            Self::ProtectionMeasures => 29,
            Self::MandatoryInquiry => 35,
            Self::SolaceAndClearance | Self::InspectionRecommendation | Self::Rectification => 34,
            Self::CaseSupervision => 37,
            Self::CommitteeReview => 8,
            Self::FaultTolerance => 18,
            Self::Appeal => 33,
        }
    }
}

/// One thing the 细则 requires next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// Stable kind.
    pub kind: RequirementKind,
    /// The 细则 article (`kind.article()`).
    pub article: u8,
    /// What is required, in the 细则's words, with its citation.
    pub text: String,
}

/// 第三十条: whether a 维权申请 can be made, on which ground.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Whether an application fits one of 第三十条's grounds.
    pub eligible: bool,
    /// The ground, when eligible.
    pub ground: Option<Ground>,
    /// 第三十九条 or 第四十一条 when the person is covered by reference.
    pub by_reference: Option<u8>,
    /// Who may apply and what happens next, or why not.
    pub explanation: String,
}

/// What the application wizard can prefill from the guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOver {
    /// 第三十条 ground.
    pub ground: Option<Ground>,
    /// Who was harmed.
    pub victim: Option<Victim>,
    /// The act's date.
    pub act_date: Option<NaiveDate>,
    /// The offence categories found.
    pub categories: Vec<OffenceCategory>,
    /// The injury, if violence was reported.
    pub injury: Option<Injury>,
    /// Property loss, if asked.
    pub property_loss: Option<PropertyLoss>,
    /// The accountability faced (ground 3).
    pub sanction: Option<Sanction>,
    /// Whether the incident happened at the scene of duty (第十一条 on-site handling), as
    /// opposed to an application filed later (第三十一条).
    pub on_site: bool,
    /// A one-sentence summary of the facts, in Chinese.
    pub summary: String,
    /// The effective answers, so the wizard can reuse them.
    pub answers: Answers,
}

/// The guide's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// 第三十条 ground the situation falls under.
    pub ground: Ground,
    /// Whether the 细则 covers it.
    pub scope: Scope,
    /// The act's date (harm only).
    pub act_date: Option<NaiveDate>,
    /// The 《治安管理处罚法》 text for the act's date (harm only).
    pub public_security_law: Option<PublicSecurityLawVersion>,
    /// The criminal-law regime for the act's date (harm only).
    pub criminal_regime: Option<CriminalRegime>,
    /// Every offence category that applies, in the 细则's order.
    pub findings: Vec<Finding>,
    /// What the 细则 requires next, without repeats.
    pub requirements: Vec<Requirement>,
    /// 第三十条 eligibility.
    pub eligibility: Eligibility,
    /// General cautions (law version transition, unconfirmed points).
    pub notes: Vec<Note>,
    /// Prefill for the application wizard.
    pub carry_over: CarryOver,
}

impl Outcome {
    /// The categories found, in order.
    pub fn categories(&self) -> Vec<OffenceCategory> {
        self.findings.iter().map(|f| f.category).collect()
    }

    /// The finding for a category.
    pub fn finding(&self, category: OffenceCategory) -> Option<&Finding> {
        self.findings.iter().find(|f| f.category == category)
    }

    /// Whether any finding may be a crime.
    pub fn may_be_crime(&self) -> bool {
        self.findings.iter().any(Finding::may_be_crime)
    }

    /// Whether the 细则 requires this next.
    pub fn requires(&self, kind: RequirementKind) -> bool {
        self.requirements.iter().any(|r| r.kind == kind)
    }
}

/// Evaluates complete answers: every category that applies, the law on the act's date, crime
/// flags and what the 细则 requires next (第十一至三十五条). Answers to questions or options
/// not shown under the earlier answers are ignored.
pub fn evaluate(answers: &Answers) -> Result<Outcome, GuideError> {
    if let Some(missing) = next_question(answers) {
        return Err(GuideError::Unanswered(missing));
    }
    let effective = answers.effective_map();
    let facts = facts::Facts::from_effective(&effective)?;
    Ok(assess::assess(&facts, answers.effective()))
}
