//! The tasks a case generates from its facts: 第十条's member-unit duties, 第十一条 on-site
//! handling, 第十三条 legal services, 第十五、十六、二十六条, 第二十九条 protection, 第三十五条's
//! mandatory inquiry and 第三十六条's reports. Each is assigned and checked off by events; the
//! list itself is derived, never stored.
//!
//! 第十条's standing duties that concern no single case (training, equipment, commendations,
//! studies of typical cases) generate no task.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::progress::Progress;
use super::{Case, Determination};
use crate::core::case::{
    CaseFacts, CasePolicy, HelpKind, Injury, LegalService, OffenceCategory, Sanction, Site,
    legal_service,
};

/// 第十条: the committee's ten member units, in the article's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberUnit {
    /// 第十条第一项: 人事训练部门.
    PersonnelTraining,
    /// 第十条第二项: 新闻宣传部门.
    Publicity,
    /// 第十条第三项: 警务保障部门.
    Logistics,
    /// 第十条第四项: 警务督察部门.
    Inspection,
    /// 第十条第五项: 纪检监察、信访部门.
    DisciplineAndPetitions,
    /// 第十条第六项: 情指联勤部门.
    CommandCentre,
    /// 第十条第七项: 治安、刑侦等部门.
    PublicOrderAndCriminal,
    /// 第十条第八项: 网安部门.
    CyberSecurity,
    /// 第十条第九项: 法制部门.
    Legal,
    /// 第十条第十项: 警察协会.
    PoliceAssociation,
}

impl MemberUnit {
    /// Every member unit, in 第十条's order.
    pub const ALL: [MemberUnit; 10] = [
        MemberUnit::PersonnelTraining,
        MemberUnit::Publicity,
        MemberUnit::Logistics,
        MemberUnit::Inspection,
        MemberUnit::DisciplineAndPetitions,
        MemberUnit::CommandCentre,
        MemberUnit::PublicOrderAndCriminal,
        MemberUnit::CyberSecurity,
        MemberUnit::Legal,
        MemberUnit::PoliceAssociation,
    ];

    /// The item of 第十条 (1–10).
    pub const fn item(self) -> u8 {
        match self {
            MemberUnit::PersonnelTraining => 1,
            MemberUnit::Publicity => 2,
            MemberUnit::Logistics => 3,
            MemberUnit::Inspection => 4,
            MemberUnit::DisciplineAndPetitions => 5,
            MemberUnit::CommandCentre => 6,
            MemberUnit::PublicOrderAndCriminal => 7,
            MemberUnit::CyberSecurity => 8,
            MemberUnit::Legal => 9,
            MemberUnit::PoliceAssociation => 10,
        }
    }

    /// The unit as 第十条 names it.
    pub const fn label(self) -> &'static str {
        match self {
            MemberUnit::PersonnelTraining => "人事训练部门",
            MemberUnit::Publicity => "新闻宣传部门",
            MemberUnit::Logistics => "警务保障部门",
            MemberUnit::Inspection => "警务督察部门",
            MemberUnit::DisciplineAndPetitions => "纪检监察、信访部门",
            MemberUnit::CommandCentre => "情指联勤部门",
            MemberUnit::PublicOrderAndCriminal => "治安、刑侦等部门",
            MemberUnit::CyberSecurity => "网安部门",
            MemberUnit::Legal => "法制部门",
            MemberUnit::PoliceAssociation => "警察协会",
        }
    }
}

/// Who must do a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "unit", rename_all = "snake_case")]
pub enum Responsible {
    /// 维权委.
    Committee,
    /// 维权办.
    Office,
    /// 公安机关 (the bureau as a whole, 第十一、十六条).
    Bureau,
    /// 第二十九条: the officer's own unit (所属单位).
    OwnUnit,
    /// A member unit of 第十条.
    Member(MemberUnit),
}

impl Responsible {
    /// The Chinese name.
    pub const fn label(self) -> &'static str {
        match self {
            Responsible::Committee => "维权委",
            Responsible::Office => "维权办",
            Responsible::Bureau => "公安机关",
            Responsible::OwnUnit => "民警所属单位",
            Responsible::Member(unit) => unit.label(),
        }
    }
}

/// A task's stable id; events refer to tasks by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskId {
    /// 第三十六条: report the case information as required.
    ReportCaseInfo,
    /// 第三十六条: enter the case into the 警务督察信息平台.
    EnterInspectionPlatform,
    /// 第三十六条: a 重大紧急 case goes to the upper office at once.
    ReportToUpperOffice,
    /// 第十一条: organise the response and name a field commander.
    OnSiteResponse,
    /// 第十一条: assess public-opinion risk; start the 三同步 mechanism as needed.
    OpinionRiskAssessment,
    /// 第十一条: the county-level office learns the facts at once and helps coordinate.
    OfficeCoordination,
    /// 第十六条: emergency treatment through the 绿色通道.
    GreenChannel,
    /// 第十条第一项第1目: psychological intervention and treatment.
    PsychologicalCare,
    /// 第十条第一项第2目: 抚恤 for officers who qualify.
    Pension,
    /// 第十条第二项第1目: publish information, answer public concern.
    PressRelease,
    /// 第十条第三项第1目: the 抚慰金.
    SolacePayment,
    /// 第十条第四项第1目: inspection staff to the scene.
    OnSiteInspection,
    /// 第二十六条 (第十条第四项第2、6目): written warning to a malicious complainant.
    WrittenWarning,
    /// 第十五条: the 《公安督察正名通知书》.
    ClearanceNotice,
    /// 第十条第五项: 纪检监察、信访 report false accusations and restore the officer's name.
    PetitionFalseReport,
    /// 第十条第六项: command and dispatch, notify the inspection department.
    CommandDispatch,
    /// 第十条第七项第1、3目: handle the administrative or criminal case.
    CaseHandling,
    /// 第二十九条: protection measures by the officer's own unit.
    ProtectionByOwnUnit,
    /// 第二十九条, 第十条第七项第2目: protection by the unit with jurisdiction.
    ProtectionByJurisdiction,
    /// 第十条第八项第1目: online patrol and electronic evidence.
    OnlineMonitoring,
    /// 第十条第八项第2目: rumours, in step with the 三同步 mechanism.
    RumourResponse,
    /// 第十条第九项第1目: the legal department steps in early.
    EarlyLegalReview,
    /// 第十条第九项第3目: legal cooperation while the officer is under investigation.
    LegalCooperation,
    /// 第十三条: a lawyer commissioned on the officer's request (轻微伤以上 or 较大损失).
    CommissionLawyer,
    /// 第十三条: civil liability coordinated (below 轻微伤).
    CoordinateCivilLiability,
    /// 第十条第十项: the association's lawyer service team.
    LawyerServiceTeam,
    /// 第三十五条: the committee's inquiry into 重伤 or death.
    SafetyInquiry,
}

/// What a task is, where it is written, who does it.
struct Spec {
    responsible: Responsible,
    article: u8,
    title: &'static str,
    quote: &'static str,
}

impl TaskId {
    /// Every task, in the order the checklist shows them.
    pub const ALL: [TaskId; 27] = [
        TaskId::ReportCaseInfo,
        TaskId::EnterInspectionPlatform,
        TaskId::ReportToUpperOffice,
        TaskId::OnSiteResponse,
        TaskId::OpinionRiskAssessment,
        TaskId::OfficeCoordination,
        TaskId::GreenChannel,
        TaskId::SafetyInquiry,
        TaskId::ProtectionByOwnUnit,
        TaskId::ProtectionByJurisdiction,
        TaskId::CaseHandling,
        TaskId::CommissionLawyer,
        TaskId::CoordinateCivilLiability,
        TaskId::WrittenWarning,
        TaskId::ClearanceNotice,
        TaskId::PsychologicalCare,
        TaskId::Pension,
        TaskId::PressRelease,
        TaskId::SolacePayment,
        TaskId::OnSiteInspection,
        TaskId::PetitionFalseReport,
        TaskId::CommandDispatch,
        TaskId::OnlineMonitoring,
        TaskId::RumourResponse,
        TaskId::EarlyLegalReview,
        TaskId::LegalCooperation,
        TaskId::LawyerServiceTeam,
    ];

    fn spec(self) -> Spec {
        use MemberUnit as M;
        use Responsible::{Bureau, Committee, Member, Office, OwnUnit};
        let (responsible, article, title, quote) = match self {
            TaskId::ReportCaseInfo => (
                Office,
                36,
                "上报案（事）件信息",
                "维权办应当按照有关规定上报侵犯民警执法权威案(事)件信息",
            ),
            TaskId::EnterInspectionPlatform => (
                Office,
                36,
                "录入警务督察信息平台",
                "并及时准确录入警务督察信息平台",
            ),
            TaskId::ReportToUpperOffice => (
                Office,
                36,
                "立即上报上级公安机关维权办",
                "重大紧急的案(事)件立即上报上级公安机关维权办",
            ),
            TaskId::OnSiteResponse => (
                Bureau,
                11,
                "组织力量处置，指定现场指挥人员",
                "公安机关应当迅速组织力量进行处置,并指定现场指挥人员进行协调",
            ),
            TaskId::OpinionRiskAssessment => (
                Bureau,
                11,
                "评估涉警舆情风险，适时启动“三同步”",
                "评估涉警舆情风险情况,适时启动“三同步”工作机制协同处置",
            ),
            TaskId::OfficeCoordination => (
                Office,
                11,
                "维权办第一时间了解情况、协调处理",
                "各县(市、区)公安机关维权办应第一时间了解情况,帮助协调处理",
            ),
            TaskId::GreenChannel => (
                Bureau,
                16,
                "“绿色通道”紧急救治",
                "为负伤民警提供及时、有效的医疗救治",
            ),
            TaskId::PsychologicalCare => (
                Member(M::PersonnelTraining),
                10,
                "心理干预和治疗",
                "在必要时对因依法履行职责、行使职权受到侵害的民警及其近亲属开展心理干预和治疗",
            ),
            TaskId::Pension => (
                Member(M::PersonnelTraining),
                10,
                "审核优抚条件，做好抚恤",
                "对依法履行职责、行使职权受到侵害并符合优抚条件的民警,做好抚恤工作",
            ),
            TaskId::PressRelease => (
                Member(M::Publicity),
                10,
                "发布信息，回应社会关切",
                "及时主动发布相关信息,回应社会关切",
            ),
            TaskId::SolacePayment => (
                Member(M::Logistics),
                10,
                "落实抚慰金",
                "建立维护民警执法权威抚慰金制度并落实抚慰经费",
            ),
            TaskId::OnSiteInspection => (
                Member(M::Inspection),
                10,
                "视情派员赴现场督促处置、核查情况",
                "对民警在执法执勤现场受到的不法侵害,视情派员赴现场督促有关部门依法处置,核查相关情况",
            ),
            TaskId::WrittenWarning => (
                Member(M::Inspection),
                26,
                "对恶意投诉人书面告诫并抄报",
                "应当给予书面告诫,并抄报行为人所在单位或者乡镇(街道)人民政府、村(居)委会",
            ),
            TaskId::ClearanceNotice => (
                Member(M::Inspection),
                15,
                "开具《公安督察正名通知书》",
                "由同级公安机关警务督察部门开具《公安督察正名通知书》,澄清事实,恢复名誉,挽回影响",
            ),
            TaskId::PetitionFalseReport => (
                Member(M::DisciplineAndPetitions),
                10,
                "通报举报失实、诬陷情况，维护民警名誉",
                "发现举报失实或对民警诬陷、报复等情况,应通报有关部门,查明事实,依法处置,维护民警的名誉,消除不良影响",
            ),
            TaskId::CommandDispatch => (
                Member(M::CommandCentre),
                10,
                "指令快速处置，通报警务督察部门",
                "指令相关部门依法快速处置,并通报警务督察部门",
            ),
            TaskId::CaseHandling => (
                Member(M::PublicOrderAndCriminal),
                10,
                "依法查处侵权行为（治安案件、刑事案件）",
                "办理行为人构成违反治安管理的侵犯民警执法权威行为案件,依法给予治安管理处罚",
            ),
            TaskId::ProtectionByOwnUnit => (
                OwnUnit,
                29,
                "所属单位采取保护措施",
                "所属单位和有案(事)件管辖权的单位应当及时采取保护措施",
            ),
            TaskId::ProtectionByJurisdiction => (
                Member(M::PublicOrderAndCriminal),
                29,
                "有管辖权的单位实施保护、追究行为人责任",
                "对被威胁恐吓、跟踪骚扰、人身和财产受侵害的民警及其近亲属实施保护,对行为人落地查证、依法追究行为人法律责任",
            ),
            TaskId::OnlineMonitoring => (
                Member(M::CyberSecurity),
                10,
                "网上巡查，固定电子证据",
                "对互联网上侵犯民警执法权威的信息进行巡查,即时通报有关部门依法处置,配合办案部门做好相关电子证据的收集固定",
            ),
            TaskId::RumourResponse => (
                Member(M::CyberSecurity),
                10,
                "查处涉警谣言，澄清事实真相",
                "协助相关部门加强涉警谣言查处、引导和控制,澄清事实真相",
            ),
            TaskId::EarlyLegalReview => (
                Member(M::Legal),
                10,
                "法制部门视情提前介入",
                "视情提前介入,加强审核把关,对案件定性、取证、处理等进行指导",
            ),
            TaskId::LegalCooperation => (
                Member(M::Legal),
                10,
                "为调查处理提供法律配合",
                "在职责范围内为事件的调查处理提供必要的法律配合",
            ),
            TaskId::CommissionLawyer => (
                Office,
                13,
                "依本人要求委托法律专业人士追究民事责任",
                "由维权办会同法制部门出面聘请法律专业人士追究侵犯人的民事责任",
            ),
            TaskId::CoordinateCivilLiability => (
                Office,
                13,
                "协调追究民事责任、是否达成谅解协议",
                "由维权办会同法制部门协调追究侵犯人民事责任、协调被侵犯民警及所在单位做出是否达成谅解协议决定",
            ),
            TaskId::LawyerServiceTeam => (
                Member(M::PoliceAssociation),
                10,
                "律师服务团提供法律服务",
                "为基层公安机关、基层民警及其近亲属提供法律服务",
            ),
            TaskId::SafetyInquiry => (
                Committee,
                35,
                "维权委组织调查安全防护、保障、指挥情况",
                "维权委应当组织调查,存在安全防护不落实、保障不到位、指挥错误等情形的,依照有关规定追究相关领导和责任人的责任",
            ),
        };
        Spec {
            responsible,
            article,
            title,
            quote,
        }
    }

    /// A short Chinese title.
    pub fn title(self) -> &'static str {
        self.spec().title
    }

    /// The article the task comes from.
    pub fn article(self) -> u8 {
        self.spec().article
    }

    /// The words of the 细则 the task rests on, verbatim from the seed.
    pub fn quote(self) -> &'static str {
        self.spec().quote
    }

    /// Who does it.
    pub fn responsible(self) -> Responsible {
        self.spec().responsible
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Where a task stands, from the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TaskStatus {
    /// Nobody has taken it yet.
    Open,
    /// Assigned, not done.
    Assigned {
        /// To whom.
        to: String,
        /// When.
        at: NaiveDateTime,
    },
    /// Done.
    Done {
        /// When.
        at: NaiveDateTime,
        /// What was done.
        result: String,
        /// Who had it, if it was assigned.
        assignee: Option<String>,
    },
}

impl TaskStatus {
    /// Whether it is done.
    pub fn is_done(&self) -> bool {
        matches!(self, TaskStatus::Done { .. })
    }
}

/// One task on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Stable id.
    pub id: TaskId,
    /// Who does it.
    pub responsible: Responsible,
    /// The article it comes from.
    pub article: u8,
    /// A short title.
    pub title: &'static str,
    /// The 细则's words.
    pub quote: &'static str,
    /// Whether the case cannot be closed while it is open (the 细则 says 应当, without 视情 or
    /// 必要时).
    pub required: bool,
    /// Whether the current facts still call for it; a task done earlier stays listed.
    pub applies: bool,
    /// Where it stands.
    pub status: TaskStatus,
}

/// Whether the facts call for the task, and if so whether it is required.
fn demand(id: TaskId, facts: &CaseFacts, policy: &CasePolicy, progress: &Progress) -> Demand {
    use Demand::{Optional, Required, Unneeded};
    let when = |cond: bool, d: Demand| if cond { d } else { Unneeded };
    let on_site = facts.incident.site == Site::OnSite;
    let officer_hurt = facts.injury != Injury::None && !facts.harmed.is_relative();
    let false_report = facts.has_category(OffenceCategory::FalseAccusation)
        || facts.has_category(OffenceCategory::MaliciousComplaint);
    let handled_by_police = facts
        .categories
        .iter()
        .any(|c| *c != OffenceCategory::MaliciousComplaint);
    let legal = legal_service(facts, policy);
    match id {
        TaskId::ReportCaseInfo | TaskId::EnterInspectionPlatform => Required,
        TaskId::ReportToUpperOffice => when(facts.major_or_urgent, Required),
        TaskId::OnSiteResponse | TaskId::OpinionRiskAssessment | TaskId::OfficeCoordination => {
            when(on_site, Required)
        }
        TaskId::GreenChannel => when(officer_hurt, Optional),
        TaskId::PsychologicalCare => {
            if facts.wants(HelpKind::PsychologicalCare) {
                Required
            } else {
                when(facts.injury.serious_or_death(), Optional)
            }
        }
        TaskId::Pension => when(
            facts.injury.serious_or_death() && !facts.harmed.is_relative(),
            Optional,
        ),
        TaskId::PressRelease => when(facts.public_opinion_risk, Optional),
        TaskId::SolacePayment => when(
            progress
                .determinations
                .contains(&Determination::DutyInfringed),
            Optional,
        ),
        TaskId::OnSiteInspection | TaskId::CommandDispatch => when(on_site, Optional),
        TaskId::WrittenWarning => when(
            facts.has_category(OffenceCategory::MaliciousComplaint),
            Required,
        ),
        TaskId::ClearanceNotice => when(facts.wants(HelpKind::Clearance) || false_report, Optional),
        TaskId::PetitionFalseReport => when(false_report, Optional),
        TaskId::CaseHandling => when(handled_by_police, Required),
        TaskId::ProtectionByOwnUnit | TaskId::ProtectionByJurisdiction => {
            when(facts.needs_protection(), Required)
        }
        TaskId::OnlineMonitoring => when(facts.online || facts.public_opinion_risk, Optional),
        TaskId::RumourResponse => when(
            facts.public_opinion_risk
                || facts.online
                    && (facts.has_category(OffenceCategory::Defamation)
                        || facts.has_category(OffenceCategory::Insult)),
            Optional,
        ),
        TaskId::EarlyLegalReview => when(
            facts.major_or_urgent
                || matches!(
                    facts.injury,
                    Injury::Light | Injury::Serious | Injury::Death
                ),
            Optional,
        ),
        TaskId::LegalCooperation => when(
            facts
                .accountability
                .as_ref()
                .is_some_and(|a| a.sanction == Sanction::UnderInvestigation),
            Optional,
        ),
        TaskId::CommissionLawyer => when(legal == Some(LegalService::Lawyer), Required),
        TaskId::CoordinateCivilLiability => {
            when(legal == Some(LegalService::Coordination), Required)
        }
        TaskId::LawyerServiceTeam => when(facts.wants(HelpKind::LegalSupport), Optional),
        TaskId::SafetyInquiry => when(facts.needs_safety_inquiry(), Required),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Demand {
    Required,
    Optional,
    Unneeded,
}

pub(super) fn tasks_with(case: &Case, policy: &CasePolicy, progress: &Progress) -> Vec<Task> {
    TaskId::ALL
        .into_iter()
        .filter_map(|id| {
            let demand = demand(id, case.facts(), policy, progress);
            let status = progress.tasks.get(&id).cloned().unwrap_or(TaskStatus::Open);
            let touched = status != TaskStatus::Open;
            if demand == Demand::Unneeded && !touched {
                return None;
            }
            let spec = id.spec();
            Some(Task {
                id,
                responsible: spec.responsible,
                article: spec.article,
                title: spec.title,
                quote: spec.quote,
                required: demand == Demand::Required,
                applies: demand != Demand::Unneeded,
                status,
            })
        })
        .collect()
}

/// Every task the case calls for (or once called for and was worked on), in [`TaskId::ALL`]'s
/// order, with its status from the history.
pub fn tasks(case: &Case, policy: &CasePolicy) -> Vec<Task> {
    tasks_with(case, policy, &Progress::of(case))
}

/// One line of 第三十六条's reporting checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    /// What is reported, in Chinese.
    pub title: &'static str,
    /// The words of 第三十六条.
    pub quote: &'static str,
    /// The task behind it, if it is checked off by a task event (the first report is the
    /// case's receipt itself).
    pub task: Option<TaskId>,
    /// Whether this case requires it.
    pub required: bool,
    /// When it was done.
    pub done_at: Option<NaiveDateTime>,
    /// Hours from the incident to the report, for the first report (第一时间).
    pub hours_after_incident: Option<i64>,
}

/// 第三十六条: the reporting checklist with times — the first report to the county-level
/// office (the case's receipt), the information report, the entry into the 警务督察信息平台,
/// and for a 重大紧急 case the immediate report to the upper office.
pub fn report_checklist(case: &Case, policy: &CasePolicy) -> Vec<ReportItem> {
    let received = case.received_at();
    let mut items = vec![ReportItem {
        title: "被侵犯民警或所在部门第一时间上报维权办",
        quote: "被侵犯民警或民警所在部门应当第一时间上报各县(市、区)公安机关维权办",
        task: None,
        required: true,
        done_at: Some(received),
        hours_after_incident: Some((received - case.facts().incident.at).num_hours()),
    }];
    let tasks = tasks(case, policy);
    for id in [
        TaskId::ReportCaseInfo,
        TaskId::EnterInspectionPlatform,
        TaskId::ReportToUpperOffice,
    ] {
        if let Some(task) = tasks.iter().find(|t| t.id == id) {
            items.push(ReportItem {
                title: task.title,
                quote: task.quote,
                task: Some(id),
                required: task.required,
                done_at: match task.status {
                    TaskStatus::Done { at, .. } => Some(at),
                    TaskStatus::Open | TaskStatus::Assigned { .. } => None,
                },
                hours_after_incident: None,
            });
        }
    }
    items
}

/// How one member unit's tasks stand across cases.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UnitPerformance {
    /// Tasks the cases call for (or called for and were worked on).
    pub tasks: usize,
    /// Of these, done.
    pub done: usize,
    /// Of these, required by the 细则 and still open.
    pub open_required: usize,
    /// Of these, still open on a closed case (only optional tasks can be).
    pub left_open_on_closed_cases: usize,
}

/// 第三十八条 「维权委定期对成员单位履职情况进行评估」: per member unit of 第十条, how its tasks
/// stand across `cases`, every unit listed in 第十条's order (a unit without tasks shows zeros).
pub fn member_unit_performance(
    cases: &[Case],
    policy: &CasePolicy,
) -> Vec<(MemberUnit, UnitPerformance)> {
    let mut out: Vec<(MemberUnit, UnitPerformance)> = MemberUnit::ALL
        .into_iter()
        .map(|unit| (unit, UnitPerformance::default()))
        .collect();
    for case in cases {
        let closed = case.state() == super::State::Closed;
        for task in tasks(case, policy) {
            let Responsible::Member(unit) = task.responsible else {
                continue;
            };
            let Some((_, figures)) = out.iter_mut().find(|(u, _)| *u == unit) else {
                continue;
            };
            figures.tasks += 1;
            if task.status.is_done() {
                figures.done += 1;
            } else {
                if task.required && task.applies {
                    figures.open_required += 1;
                }
                if closed {
                    figures.left_open_on_closed_cases += 1;
                }
            }
        }
    }
    out
}
