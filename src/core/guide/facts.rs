//! The guide's answers as typed facts: one enum per question, and the conversion from the
//! flow's string answers into them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::GuideError;
use super::flow::{QuestionId, Response};
use super::law::EARLIEST_SUPPORTED_ACT_DATE;

/// An answer option backed by an enum: its stable id in the flow and in stored answers.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The option id used in the question flow and in serialized answers.
    fn id(self) -> &'static str;
    /// The value for an option id.
    fn from_id(id: &str) -> Option<Self>;
}

/// Declares an answer enum whose serde names are its option ids, so stored answers, the
/// flow's option ids and the enum can never drift apart.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )+
        }

        impl $name {
            /// The option id (also the serde name).
            pub const fn id(self) -> &'static str {
                match self {
                    $( Self::$variant => $id, )+
                }
            }
        }

        impl Choice for $name {
            const ALL: &'static [Self] = &[$( Self::$variant, )+];
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn from_id(id: &str) -> Option<Self> {
                match id {
                    $( $id => Some(Self::$variant), )+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use choice_enum;

choice_enum! {
    /// 第三十条: the three grounds on which an application may be made.
    pub enum Ground {
        /// 第三十条第一项: 认为因依法履行职责、行使职权受到侵犯.
        Infringed = "harm",
        /// 第三十条第二项: 认为其执法权威未受到有效保护.
        Unprotected = "unprotected",
        /// 第三十条第三项: 认为受到错误追究或者对责任追究有异议.
        WrongfulAccountability = "accountability",
    }
}

impl Ground {
    /// 第三十条: the item of 第一款 this ground is.
    pub const fn item(self) -> u8 {
        match self {
            Self::Infringed => 1,
            Self::Unprotected => 2,
            Self::WrongfulAccountability => 3,
        }
    }

    /// The ground as 第三十条 words it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Infringed => "认为因依法履行职责、行使职权受到侵犯",
            Self::Unprotected => "认为其执法权威未受到有效保护",
            Self::WrongfulAccountability => "认为受到错误追究或者对责任追究有异议",
        }
    }
}

choice_enum! {
    /// 第三十三条: what accountability the officer faces (ground 3 only).
    pub enum Sanction {
        /// 记大过以上处分或者辞退: may be appealed under 第三十三条.
        MajorDemeritOrDismissal = "major",
        /// Any lighter sanction or other handling.
        Other = "other",
        /// Under investigation by 纪检监察机关 or 司法机关 (第十条第九项).
        UnderInvestigation = "investigating",
    }
}

choice_enum! {
    /// Who was harmed: 第三十九条 (relatives), 第四十一条 (persons covered by reference).
    pub enum Victim {
        /// 本市公安民警.
        Officer = "officer",
        /// 警务辅助人员 (第四十一条, by reference).
        AuxiliaryOfficer = "auxiliary",
        /// 公安机关职工 (第四十一条, by reference).
        Staff = "staff",
        /// 外省市公安机关执行支援任务或在本省执法的民警 (第四十一条, by reference).
        VisitingOfficer = "visiting_officer",
        /// 公安院校派遣配合执行警务活动的学员 (第四十一条, by reference).
        Cadet = "cadet",
        /// 近亲属: 夫、妻、父、母、子、女、同胞兄弟姊妹 (第三十九条).
        NearRelative = "near_relative",
        /// 民警其他亲属 (第三十九条, by reference).
        OtherRelative = "other_relative",
    }
}

impl Victim {
    /// The Chinese term.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Officer => "民警",
            Self::AuxiliaryOfficer => "辅警",
            Self::Staff => "公安机关职工",
            Self::VisitingOfficer => "外省市支援或在本省执法的民警",
            Self::Cadet => "公安院校派遣的学员",
            Self::NearRelative => "民警近亲属",
            Self::OtherRelative => "民警其他亲属",
        }
    }

    /// A 人民警察 in the sense of 刑法 第二百七十七条第五款 (解释 第十二条: as 人民警察法 defines).
    pub const fn is_police_officer(self) -> bool {
        matches!(self, Self::Officer | Self::VisitingOfficer)
    }

    /// A relative of an officer (第三十九条).
    pub const fn is_relative(self) -> bool {
        matches!(self, Self::NearRelative | Self::OtherRelative)
    }

    /// 第三十九条 / 第四十一条: the article that brings this person in by reference, if any.
    pub const fn by_reference(self) -> Option<u8> {
        match self {
            Self::Officer | Self::NearRelative => None,
            Self::OtherRelative => Some(39),
            Self::AuxiliaryOfficer | Self::Staff | Self::VisitingOfficer | Self::Cadet => Some(41),
        }
    }
}

choice_enum! {
    /// How the act relates to the officer's duty (第二条, 第四十条, 第四十一条).
    pub enum DutyLink {
        /// 正在依法执行职务 / 在本市协助履行职责、行使职权过程中.
        OnDuty = "on_duty",
        /// 第四十条: 非工作时间依法履行职责, 视为执行职务.
        OffDutyActing = "off_duty_acting",
        /// Not on duty, attacked in retaliation for earlier lawful duty (第二条, 第二十九条).
        Retaliation = "retaliation",
        /// A relative harmed because of the officer's lawful duty (第二条).
        BecauseOfDuty = "because_of_duty",
        /// A relative unsure whether the harm was because of the officer's duty.
        Unsure = "unsure",
        /// Unrelated to any duty: outside the 细则.
        Unrelated = "unrelated",
    }
}

impl DutyLink {
    /// The person was performing (or deemed to perform, 第四十条) a duty at the time.
    pub const fn is_performing_duty(self) -> bool {
        matches!(self, Self::OnDuty | Self::OffDutyActing)
    }
}

choice_enum! {
    /// Whether the officer's own conduct may have been at fault (第三十四条; 解释 第四条).
    pub enum OfficerConduct {
        /// No fault known.
        NoFault = "no_fault",
        /// 过错或瑕疵 possible.
        Flaw = "flaw",
        /// 严重过错 possible.
        SeriousFault = "serious_fault",
    }
}

choice_enum! {
    /// What was done; several may apply to one incident.
    pub enum Act {
        /// Physical attack (第十九条).
        Violence = "violence",
        /// Obstruction at the scene without a violent attack (第二十条).
        Obstruction = "obstruction",
        /// Public insult by posters, leaflets, images (第二十一条).
        Insult = "insult",
        /// Fabricated facts spread publicly (第二十二条).
        Defamation = "defamation",
        /// Fabricated facts reported to authorities (第二十三条).
        FalseAccusation = "false_accusation",
        /// Threat to personal safety (第二十四条).
        Threat = "threat",
        /// Repeated harassing messages (第二十四条).
        Messages = "messages",
        /// Pestering, stalking, following, blocking the door (第二十四条, 第二十九条).
        Stalking = "stalking",
        /// Spying on or spreading private information (第二十五条).
        Privacy = "privacy",
        /// Fabricated complaint aimed at a disciplinary sanction (第二十六条).
        MaliciousComplaint = "malicious_complaint",
    }
}

choice_enum! {
    /// The forensic injury grade (轻微伤 / 轻伤 / 重伤), or death, or not yet appraised.
    pub enum Injury {
        /// No injury.
        None = "none",
        /// 轻微伤.
        Minor = "minor",
        /// 轻伤.
        Light = "light",
        /// 重伤.
        Serious = "serious",
        /// 死亡.
        Death = "death",
        /// Injured, not yet appraised.
        Pending = "pending",
    }
}

impl Injury {
    /// 轻微伤 or worse (解释 第一条第一项; 第十三条).
    pub const fn at_least_minor(self) -> bool {
        matches!(
            self,
            Self::Minor | Self::Light | Self::Serious | Self::Death
        )
    }

    /// 重伤 or death (第三十五条).
    pub const fn serious_or_death(self) -> bool {
        matches!(self, Self::Serious | Self::Death)
    }

    /// The Chinese term.
    pub const fn label(self) -> &'static str {
        match self {
            Self::None => "未受伤",
            Self::Minor => "轻微伤",
            Self::Light => "轻伤",
            Self::Serious => "重伤",
            Self::Death => "死亡",
            Self::Pending => "受伤待鉴定",
        }
    }
}

choice_enum! {
    /// Circumstances of the violence that the 2025 解释 weighs (第一至三条).
    pub enum ViolenceDetail {
        /// 使用枪支、管制刀具 (解释 第二条).
        KnifeOrGun = "knife_or_gun",
        /// Other lethal tools (解释 第二条).
        LethalTool = "lethal_tool",
        /// 驾驶机动车撞击 officers or their vehicle (解释 第二条).
        Vehicle = "vehicle",
        /// 打砸、毁坏、抢夺警车、警械, 足以危及人身安全 (解释 第一条第二项).
        Equipment = "equipment",
        /// 袭击民警二人以上 (解释 第三条).
        SeveralOfficers = "several_officers",
        /// 纠集、煽动多人 (解释 第三条).
        Gang = "gang",
        /// Suspect escaped, key evidence lost (解释 第三条).
        SeriousConsequence = "serious_consequence",
        /// Only a minor scuffle or shaking free (解释 第一条: not a 暴力袭击).
        StruggleOnly = "struggle_only",
    }
}

choice_enum! {
    /// A yes / no question.
    pub enum YesNo {
        /// Yes.
        Yes = "yes",
        /// No.
        No = "no",
    }
}

choice_enum! {
    /// 第二十七条第二款: whether insult or defamation is 情节严重 (the applicant's view).
    pub enum Seriousness {
        /// Serious.
        Serious = "yes",
        /// Not serious.
        NotSerious = "no",
        /// Unsure.
        Unsure = "unsure",
    }
}

choice_enum! {
    /// Property loss (第十三条: 较大损失; 第二十七条).
    pub enum PropertyLoss {
        /// None.
        None = "none",
        /// Some loss.
        Some = "some",
        /// 较大损失.
        Large = "large",
    }
}

choice_enum! {
    /// 第二十条: the obstruction items. Item 1 is missing from the 细则 text (law-notes §4.2).
    pub enum ObstructionItem {
        /// Item 1 (wording from the Zhejiang 办法, unconfirmed).
        Item1 = "item1",
        /// Item 2.
        Item2 = "item2",
        /// Item 3.
        Item3 = "item3",
        /// Item 4.
        Item4 = "item4",
        /// Item 5.
        Item5 = "item5",
        /// Item 6.
        Item6 = "item6",
    }
}

impl ObstructionItem {
    /// The item number in 第二十条.
    pub const fn number(self) -> u8 {
        match self {
            Self::Item1 => 1,
            Self::Item2 => 2,
            Self::Item3 => 3,
            Self::Item4 => 4,
            Self::Item5 => 5,
            Self::Item6 => 6,
        }
    }
}

/// The facts of one incident of harm, read from the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Incident {
    pub act_date: NaiveDate,
    pub conduct: Option<OfficerConduct>,
    pub acts: Vec<Act>,
    pub injury: Option<Injury>,
    pub details: Vec<ViolenceDetail>,
    pub with_officer: bool,
    pub obstruction_items: Vec<ObstructionItem>,
    pub seriousness: Option<Seriousness>,
    pub property_loss: PropertyLoss,
}

impl Incident {
    pub fn has(&self, act: Act) -> bool {
        self.acts.contains(&act)
    }

    pub fn detail(&self, detail: ViolenceDetail) -> bool {
        self.details.contains(&detail)
    }
}

/// Everything the answers established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Facts {
    /// Ground 1: someone harmed the victim. `incident` is `None` when the harm is unrelated
    /// to any duty, where the flow stops early.
    Harm {
        victim: Victim,
        link: DutyLink,
        incident: Option<Incident>,
    },
    /// Ground 2.
    Unprotected,
    /// Ground 3.
    Accountability(Sanction),
}

type Effective = BTreeMap<QuestionId, Response>;

fn one<T: Choice>(answers: &Effective, q: QuestionId) -> Result<T, GuideError> {
    match answers.get(&q) {
        Some(Response::One(id)) => T::from_id(id).ok_or_else(|| GuideError::UnknownOption {
            question: q,
            option: id.clone(),
        }),
        Some(_) => Err(GuideError::WrongKind(q)),
        None => Err(GuideError::Unanswered(q)),
    }
}

fn one_if_present<T: Choice>(answers: &Effective, q: QuestionId) -> Result<Option<T>, GuideError> {
    if answers.contains_key(&q) {
        one(answers, q).map(Some)
    } else {
        Ok(None)
    }
}

fn many<T: Choice + Ord>(answers: &Effective, q: QuestionId) -> Result<Vec<T>, GuideError> {
    match answers.get(&q) {
        Some(Response::Many(ids)) => {
            let mut out = ids
                .iter()
                .map(|id| {
                    T::from_id(id).ok_or_else(|| GuideError::UnknownOption {
                        question: q,
                        option: id.clone(),
                    })
                })
                .collect::<Result<Vec<T>, _>>()?;
            out.sort_unstable();
            out.dedup();
            Ok(out)
        }
        Some(_) => Err(GuideError::WrongKind(q)),
        None => Ok(Vec::new()),
    }
}

impl Facts {
    /// Reads the effective answers (visible questions and options only) of a complete flow.
    pub fn from_effective(answers: &Effective) -> Result<Self, GuideError> {
        match one::<Ground>(answers, QuestionId::Concern)? {
            Ground::Unprotected => Ok(Self::Unprotected),
            Ground::WrongfulAccountability => {
                Ok(Self::Accountability(one(answers, QuestionId::Sanction)?))
            }
            Ground::Infringed => {
                let victim: Victim = one(answers, QuestionId::Victim)?;
                let link_question = if victim == Victim::Officer {
                    QuestionId::OfficerLink
                } else if victim.is_relative() {
                    QuestionId::RelativeLink
                } else {
                    QuestionId::AssistLink
                };
                let link: DutyLink = one(answers, link_question)?;
                if link == DutyLink::Unrelated {
                    return Ok(Self::Harm {
                        victim,
                        link,
                        incident: None,
                    });
                }
                let act_date = match answers.get(&QuestionId::ActDate) {
                    Some(Response::Date(d)) => *d,
                    Some(_) => return Err(GuideError::WrongKind(QuestionId::ActDate)),
                    None => return Err(GuideError::Unanswered(QuestionId::ActDate)),
                };
                if act_date < EARLIEST_SUPPORTED_ACT_DATE {
                    return Err(GuideError::ActDateTooEarly(act_date));
                }
                let acts: Vec<Act> = many(answers, QuestionId::Acts)?;
                if acts.is_empty() {
                    return Err(GuideError::Unanswered(QuestionId::Acts));
                }
                let with_officer =
                    one_if_present::<YesNo>(answers, QuestionId::WithOfficer)? == Some(YesNo::Yes);
                let incident = Incident {
                    act_date,
                    conduct: one_if_present(answers, QuestionId::OfficerConduct)?,
                    injury: one_if_present(answers, QuestionId::Injury)?,
                    details: many(answers, QuestionId::ViolenceDetails)?,
                    with_officer,
                    obstruction_items: many(answers, QuestionId::ObstructionItems)?,
                    seriousness: one_if_present(answers, QuestionId::Seriousness)?,
                    property_loss: one(answers, QuestionId::PropertyLoss)?,
                    acts,
                };
                Ok(Self::Harm {
                    victim,
                    link,
                    incident: Some(incident),
                })
            }
        }
    }
}
