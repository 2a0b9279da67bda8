//! From typed facts to the guide's outcome: one finding per offence category, crime flags per
//! law-notes §2.1, and the 细则's next steps.

use super::facts::{
    Act, DutyLink, Facts, Ground, Incident, Injury, ObstructionItem, OfficerConduct, PropertyLoss,
    Sanction, Seriousness, Victim, ViolenceDetail,
};
use super::flow::Answers;
use super::law::{
    ASSAULT_INTERPRETATION_IN_FORCE, ASSAULT_ON_POLICE_AGGRAVATED_PENALTY,
    ASSAULT_ON_POLICE_PENALTY, CriminalRegime, INSULT_DEFAMATION_PENALTY, OBSTRUCTING_DUTY_PENALTY,
    Provision, PublicSecurityLawVersion, RULES_IN_FORCE, Statute,
};
use crate::core::deadline::PeriodId;
use crate::core::rules::chinese_numeral;

use super::{
    AdministrativeBasis, CarryOver, Confirmation, Crime, CrimeAssessment, Eligibility, Finding,
    Likelihood, Note, OffenceCategory, Outcome, Requirement, RequirementKind, Scope,
};

fn interpretation(article: u16) -> Provision {
    Provision::article(Statute::AssaultInterpretation2025, article)
}

fn criminal_law(article: u16, paragraph: u8) -> Provision {
    Provision::paragraph(Statute::CriminalLaw, article, paragraph)
}

fn assessment(
    crime: Crime,
    likelihood: Likelihood,
    reason: impl Into<String>,
    sources: Vec<Provision>,
    confirmation: Confirmation,
) -> CrimeAssessment {
    let (provision, penalty) = match crime {
        Crime::AssaultOnPolice => (
            Some(criminal_law(277, 5)),
            Some(ASSAULT_ON_POLICE_PENALTY.to_owned()),
        ),
        Crime::ObstructingDuty => (
            Some(criminal_law(277, 1)),
            Some(OBSTRUCTING_DUTY_PENALTY.to_owned()),
        ),
        Crime::Insult | Crime::Defamation => (
            Some(Provision::article(Statute::CriminalLaw, 246)),
            Some(INSULT_DEFAMATION_PENALTY.to_owned()),
        ),
        Crime::InjuryOrOther => (None, None),
    };
    CrimeAssessment {
        crime,
        likelihood,
        provision,
        // A range for a crime ruled out would only mislead.
        penalty: penalty.filter(|_| likelihood != Likelihood::Excluded),
        reason: reason.into(),
        sources,
        confirmation,
    }
}

/// What the violence amounts to under 解释 第一、二条.
struct Violence {
    /// 解释 第一条: 轻微伤以上, or an equipment attack endangering safety.
    attack: bool,
    /// 解释 第二条: firearm, 管制刀具, other lethal tool, or vehicle ramming.
    lethal: bool,
    pending: bool,
    /// 解释 第一条: a scuffle or shaking free, with nothing more.
    struggle_only: bool,
}

impl Violence {
    fn of(incident: &Incident) -> Self {
        let injury = incident.injury.unwrap_or(Injury::None);
        let lethal = incident.detail(ViolenceDetail::KnifeOrGun)
            || incident.detail(ViolenceDetail::LethalTool)
            || incident.detail(ViolenceDetail::Vehicle);
        let equipment = incident.detail(ViolenceDetail::Equipment);
        let struggle_only = incident.detail(ViolenceDetail::StruggleOnly) && !lethal && !equipment;
        Self {
            attack: !struggle_only && (injury.at_least_minor() || equipment),
            lethal,
            pending: !struggle_only && injury == Injury::Pending,
            struggle_only,
        }
    }
}

/// 解释 第三条: the aggravating circumstances present.
fn aggravating(incident: &Incident) -> Vec<&'static str> {
    let mut out = Vec::new();
    if incident.injury == Some(Injury::Light) {
        out.push("造成轻伤");
    }
    if incident.detail(ViolenceDetail::SeveralOfficers) {
        out.push("袭击民警二人以上");
    }
    if incident.detail(ViolenceDetail::Gang) {
        out.push("纠集、煽动多人");
    }
    if incident.detail(ViolenceDetail::SeriousConsequence) {
        out.push("造成犯罪嫌疑人脱逃、关键证据灭失等严重后果");
    }
    out
}

/// 袭警罪 for an attack on a 人民警察 performing a duty on or after 2021-03-01 (law-notes §2.1).
fn assault_on_police(incident: &Incident, extra_reason: &str) -> CrimeAssessment {
    let v = Violence::of(incident);
    if incident.conduct == Some(OfficerConduct::SeriousFault) {
        return assessment(
            Crime::AssaultOnPolice,
            Likelihood::Unlikely,
            format!("{extra_reason}民警执法存在严重过错的，一般不作为犯罪处理（解释第四条）。"),
            vec![interpretation(4)],
            Confirmation::Confirmed,
        );
    }
    if v.attack || v.lethal {
        let mut reason = String::from(extra_reason);
        let mut sources = Vec::new();
        if v.lethal {
            reason.push_str(
                "使用枪支、管制刀具或者其他凶器，或者驾驶机动车撞击，足以致人重伤或者死亡的，属于“严重危及其人身安全”，处三年以上七年以下有期徒刑（解释第二条）。",
            );
            sources.push(interpretation(2));
        }
        if incident.injury.is_some_and(Injury::at_least_minor) && !v.struggle_only {
            reason.push_str(
                "撕咬、掌掴、踢打、抱摔、投掷物品等造成轻微伤以上的，属于“暴力袭击”（解释第一条第一项）。",
            );
            sources.push(interpretation(1));
        }
        if incident.detail(ViolenceDetail::Equipment) {
            reason.push_str(
                "打砸、毁坏、抢夺警用车辆、警械，足以危及人身安全的，属于“暴力袭击”（解释第一条第二项）。",
            );
            if !sources.contains(&interpretation(1)) {
                sources.push(interpretation(1));
            }
        }
        let aggravating = aggravating(incident);
        if !aggravating.is_empty() {
            reason.push_str(&format!(
                "有{}情形，从重处罚（解释第三条）。",
                aggravating.join("、")
            ));
            sources.push(interpretation(3));
        }
        if incident.injury.is_some_and(Injury::serious_or_death) {
            reason.push_str("造成重伤、死亡的，可能同时构成其他更重的犯罪，依照处罚较重的规定定罪处罚（解释第九条）。");
            sources.push(interpretation(9));
        }
        let mut a = assessment(
            Crime::AssaultOnPolice,
            Likelihood::Likely,
            reason,
            sources,
            Confirmation::Confirmed,
        );
        if v.lethal {
            a.penalty = Some(ASSAULT_ON_POLICE_AGGRAVATED_PENALTY.to_owned());
        }
        return a;
    }
    if v.pending {
        let mut reason = format!(
            "{extra_reason}伤情待鉴定：经鉴定构成轻微伤以上的，属于“暴力袭击”（解释第一条第一项）；未达到轻微伤的，不构成袭警罪。"
        );
        let mut sources = vec![interpretation(1)];
        let aggravating = aggravating(incident);
        if !aggravating.is_empty() {
            reason.push_str(&format!(
                "构成的，有{}情形，从重处罚（解释第三条）。",
                aggravating.join("、")
            ));
            sources.push(interpretation(3));
        }
        return assessment(
            Crime::AssaultOnPolice,
            Likelihood::Possible,
            reason,
            sources,
            Confirmation::Confirmed,
        );
    }
    let why = if v.struggle_only {
        "轻微肢体冲突，或为挣脱控制而甩手、挣脱、蹬腿的，不属于“暴力袭击”（解释第一条）。"
    } else {
        "未造成轻微伤，也没有打砸、抢夺警用装备或使用凶器、驾车撞击等危及人身安全的情形，不属于“暴力袭击”（解释第一条）。"
    };
    assessment(
        Crime::AssaultOnPolice,
        Likelihood::Excluded,
        format!("{extra_reason}{why}"),
        vec![interpretation(1)],
        Confirmation::Confirmed,
    )
}

/// 解释 第七条: obstruction without a violent attack may be 妨害公务罪.
fn obstruction_crime_possible(regime: CriminalRegime) -> CrimeAssessment {
    let mut sources = vec![criminal_law(277, 1)];
    if regime == CriminalRegime::AssaultOnPoliceCrime {
        sources.push(interpretation(7));
    }
    assessment(
        Crime::ObstructingDuty,
        Likelihood::Possible,
        "以暴力、威胁方法阻碍国家机关工作人员依法执行职务的，构成妨害公务罪（刑法第二百七十七条第一款；未实施暴力袭击的阻碍行为，见解释第七条）。",
        sources,
        Confirmation::Confirmed,
    )
}

const HEAVIER_ADMIN_NOTE: &str = "袭警情节轻微，尚不构成犯罪，但构成违反治安管理行为的，应当依法从重给予治安管理处罚（第十九条）。细则未列明具体条款；阻碍执行职务的，见第二十条。";

fn assault_finding(victim: Victim, link: DutyLink, incident: &Incident) -> Finding {
    let regime = CriminalRegime::for_act_date(incident.act_date);
    let v = Violence::of(incident);
    let mut crimes = Vec::new();
    let mut notes = Vec::new();
    let mut article = OffenceCategory::Assault.article();
    let title;

    if link.is_performing_duty() && victim.is_police_officer() {
        title = "袭警".to_owned();
        if link == DutyLink::OffDutyActing {
            notes.push(Note::new(
                "民警在非工作时间依法履行职责的，视为执行职务（第四十条）；民警在非工作时间遇紧急情况依法履行职责时遭暴力袭击的，以袭警罪论处（解释第七条）。",
                Confirmation::Confirmed,
            ));
        }
        match regime {
            CriminalRegime::AssaultOnPoliceCrime => {
                let a = assault_on_police(incident, "");
                let settled = a.likelihood == Likelihood::Likely;
                crimes.push(a);
                if !settled {
                    crimes.push(obstruction_crime_possible(regime));
                }
            }
            CriminalRegime::AggravatedObstruction => {
                crimes.push(assessment(
                    Crime::AssaultOnPolice,
                    Likelihood::Excluded,
                    "袭警罪自2021年3月1日起施行，此前的行为不适用（刑法第十二条，从旧兼从轻）。",
                    vec![Provision::article(Statute::CriminalLaw, 12)],
                    Confirmation::Confirmed,
                ));
                let likelihood = if v.attack || v.lethal {
                    Likelihood::Likely
                } else {
                    Likelihood::Possible
                };
                let mut a = assessment(
                    Crime::ObstructingDuty,
                    likelihood,
                    "2021年3月1日前，暴力袭击正在依法执行职务的人民警察的，依照刑法第二百七十七条第一款（妨害公务罪）从重处罚（刑法修正案(九)所定第二百七十七条第五款）。",
                    vec![criminal_law(277, 1), criminal_law(277, 5)],
                    Confirmation::Confirmed,
                );
                if let Some(p) = &mut a.penalty {
                    p.push_str("，从重处罚");
                }
                crimes.push(a);
                notes.push(Note::new(
                    "本指引按2025年两高解释的“暴力袭击”标准判断是否可能成立犯罪；该解释施行前的行为如何适用，资料未载明，由办案部门依法认定。",
                    Confirmation::Unconfirmed,
                ));
            }
        }
        notes.push(Note::new(HEAVIER_ADMIN_NOTE, Confirmation::Confirmed));
    } else if link == DutyLink::OnDuty && victim == Victim::AuxiliaryOfficer {
        title = "袭击辅警".to_owned();
        match regime {
            CriminalRegime::AssaultOnPoliceCrime => {
                if incident.with_officer {
                    crimes.push(assault_on_police(
                        incident,
                        "同时袭击民警和辅警的，以袭警罪从重处罚（解释第八条）。",
                    ));
                } else {
                    crimes.push(assessment(
                        Crime::AssaultOnPolice,
                        Likelihood::Excluded,
                        "单独袭击辅警的，不构成袭警罪（解释第八条）。",
                        vec![interpretation(8)],
                        Confirmation::Confirmed,
                    ));
                }
                let likelihood = if v.attack || v.lethal {
                    Likelihood::Likely
                } else {
                    Likelihood::Possible
                };
                crimes.push(assessment(
                    Crime::ObstructingDuty,
                    likelihood,
                    "袭击正在协助执行职务的辅警的，以妨害公务罪论处（解释第八条；刑法第二百七十七条第一款）。",
                    vec![interpretation(8), criminal_law(277, 1)],
                    Confirmation::Confirmed,
                ));
            }
            CriminalRegime::AggravatedObstruction => {
                crimes.push(assessment(
                    Crime::ObstructingDuty,
                    Likelihood::Possible,
                    "以暴力、威胁方法阻碍依法执行职务的，构成妨害公务罪（刑法第二百七十七条第一款）。辅警是否属于该款的国家机关工作人员，2025年解释施行前的行为资料未载明。",
                    vec![criminal_law(277, 1)],
                    Confirmation::Unconfirmed,
                ));
            }
        }
        notes.push(Note::new(
            "辅警在本市协助履行职责过程中受到不法侵害的，参照细则开展工作（第四十一条）。",
            Confirmation::Confirmed,
        ));
        notes.push(Note::new(HEAVIER_ADMIN_NOTE, Confirmation::Confirmed));
    } else if link == DutyLink::OnDuty {
        title = format!("袭击{}", victim.label());
        crimes.push(assessment(
            Crime::ObstructingDuty,
            Likelihood::Possible,
            format!(
                "以暴力、威胁方法阻碍依法执行职务的，构成妨害公务罪（刑法第二百七十七条第一款）。{}受袭如何定性，资料未载明，由办案部门依法认定。",
                victim.label()
            ),
            vec![criminal_law(277, 1)],
            Confirmation::Unconfirmed,
        ));
        notes.push(Note::new(HEAVIER_ADMIN_NOTE, Confirmation::Confirmed));
    } else if link == DutyLink::Retaliation {
        article = 29;
        title = format!("{}因履职遭报复性侵害", victim.label());
        let confirmation = if victim.is_police_officer() {
            Confirmation::Confirmed
        } else {
            Confirmation::Unconfirmed
        };
        crimes.push(assessment(
            Crime::AssaultOnPolice,
            Likelihood::Excluded,
            "因民警依法履职而在其非工作时间实施报复的，不以袭警罪论处（解释第七条）。",
            vec![interpretation(7)],
            confirmation,
        ));
        crimes.push(assessment(
            Crime::InjuryOrOther,
            Likelihood::Possible,
            "以故意伤害等犯罪从重处罚（解释第七条）；是否构成犯罪取决于伤情等事实，资料未载相关条文和标准，由办案部门依法认定。",
            vec![interpretation(7)],
            confirmation,
        ));
        if !victim.is_police_officer() {
            notes.push(Note::new(
                format!(
                    "解释第七条针对民警；对{}的报复如何处理，资料未载明。",
                    victim.label()
                ),
                Confirmation::Unconfirmed,
            ));
        }
    } else {
        // A relative harmed because of the officer's duty.
        article = 29;
        title = format!("暴力侵害{}", victim.label());
        crimes.push(assessment(
            Crime::AssaultOnPolice,
            Likelihood::Excluded,
            "袭警罪的对象是正在依法执行职务的人民警察（刑法第二百七十七条第五款），不包括民警的亲属。",
            vec![criminal_law(277, 5)],
            Confirmation::Confirmed,
        ));
        crimes.push(assessment(
            Crime::InjuryOrOther,
            Likelihood::Possible,
            "视伤情等事实由办案部门依法认定；资料未载相关条文和标准。",
            Vec::new(),
            Confirmation::Unconfirmed,
        ));
        notes.push(Note::new(
            "民警近亲属的人身安全不因民警依法履职受到侵犯（第二条）；所属单位和有管辖权的单位应当及时采取保护措施（第二十九条）。",
            Confirmation::Confirmed,
        ));
    }

    if v.struggle_only && incident.injury.is_some_and(Injury::at_least_minor) {
        notes.push(Note::new(
            "您同时选择了“只是轻微肢体冲突”和轻微伤以上的伤情；如伤情由主动攻击造成，请改选，定性可能不同。",
            Confirmation::Confirmed,
        ));
    }
    if incident.conduct == Some(OfficerConduct::Flaw) {
        notes.push(Note::new(
            "认定是否构成袭警罪时，要综合考虑民警执法是否存在过错（解释第四条）。",
            Confirmation::Confirmed,
        ));
    }

    Finding {
        category: OffenceCategory::Assault,
        title,
        article,
        items: Vec::new(),
        cited_basis: (article == 19)
            .then(|| "《关于依法惩治袭警违法犯罪行为的指导意见》（公通字〔2019〕32号）".to_owned()),
        administrative: None,
        crimes,
        notes,
    }
}

fn obstruction_finding(victim: Victim, incident: &Incident) -> Finding {
    let law = PublicSecurityLawVersion::for_act_date(incident.act_date);
    let regime = CriminalRegime::for_act_date(incident.act_date);
    let items: Vec<u8> = incident
        .obstruction_items
        .iter()
        .map(|i| i.number())
        .collect();
    let mut crimes = Vec::new();
    if regime == CriminalRegime::AssaultOnPoliceCrime {
        crimes.push(assessment(
            Crime::AssaultOnPolice,
            Likelihood::Excluded,
            "未实施暴力袭击的阻碍执法行为，不构成袭警罪（解释第七条）。",
            vec![interpretation(7)],
            Confirmation::Confirmed,
        ));
    }
    crimes.push(obstruction_crime_possible(regime));
    let mut notes = Vec::new();
    if incident.obstruction_items.contains(&ObstructionItem::Item1) {
        notes.push(Note::new(
            "细则文本缺第二十条第一项；“拒绝接受民警检查、盘问，不听劝阻的”出自浙江省实施办法的新闻报道，官方文本未核实。",
            Confirmation::Secondary,
        ));
    }
    if !victim.is_police_officer() {
        notes.push(Note::new(
            format!(
                "“阻碍人民警察依法执行职务的，从重处罚”针对人民警察；阻碍{}的是否从重，资料未载明，由办案部门认定。",
                victim.label()
            ),
            Confirmation::Unconfirmed,
        ));
    }
    Finding {
        category: OffenceCategory::Obstruction,
        title: "阻碍执行职务".to_owned(),
        article: 20,
        items,
        cited_basis: Some("《治安管理处罚法》第五十条第一款第二项".to_owned()),
        administrative: Some(AdministrativeBasis {
            provision: law.obstruction(),
            penalty: law.obstruction_penalty(),
        }),
        crimes,
        notes,
    }
}

fn reputation_crime(incident: &Incident, crime: Crime) -> Option<CrimeAssessment> {
    match incident.seriousness {
        Some(Seriousness::Serious | Seriousness::Unsure) => Some(assessment(
            crime,
            Likelihood::Possible,
            format!(
                "情节严重的，可能构成{}，告诉的才处理；公安机关应当支持民警向法院提起刑事自诉（刑法第二百四十六条；第二十七条第二款）。",
                crime.label()
            ),
            vec![Provision::article(Statute::CriminalLaw, 246)],
            Confirmation::Confirmed,
        )),
        Some(Seriousness::NotSerious) | None => None,
    }
}

fn personal_rights_finding(
    category: OffenceCategory,
    victim: Victim,
    incident: &Incident,
) -> Finding {
    let law = PublicSecurityLawVersion::for_act_date(incident.act_date);
    let mut notes = Vec::new();
    let mut crimes = Vec::new();
    let (title, cited, items): (String, &str, Vec<u8>) = match category {
        OffenceCategory::Insult => {
            crimes.extend(reputation_crime(incident, Crime::Insult));
            ("侮辱".into(), "第四十二条第二项", vec![2])
        }
        OffenceCategory::Defamation => {
            crimes.extend(reputation_crime(incident, Crime::Defamation));
            if victim.is_relative() {
                notes.push(Note::new(
                    "第二十二条的文字只写民警名誉；民警亲属的人格尊严同样不因民警履职受到贬损（第二条），捏造事实诽谤他人的同属该项。",
                    Confirmation::Confirmed,
                ));
            }
            ("诽谤".into(), "第四十二条第二项", vec![2])
        }
        OffenceCategory::FalseAccusation => {
            notes.push(Note::new(
                "企图使民警受到刑事追究的诬告陷害是否构成犯罪，资料未收录相关刑法条文，请咨询法制部门。",
                Confirmation::Unconfirmed,
            ));
            ("诬告陷害".into(), "第四十二条第三项", vec![3])
        }
        OffenceCategory::PrivacyViolation => ("侵犯隐私".into(), "第四十二条第六项", vec![6]),
        _ => {
            let mut items = Vec::new();
            let mut parts = Vec::new();
            if incident.has(Act::Threat) {
                items.push(1);
                parts.push("威胁人身安全");
            }
            if incident.has(Act::Messages) {
                items.push(5);
                parts.push("发送信息干扰正常生活");
            }
            if incident.has(Act::Stalking) {
                parts.push("滋扰、纠缠、跟踪");
                match law {
                    PublicSecurityLawVersion::Revised2025 => items.push(5),
                    PublicSecurityLawVersion::Text2012 => notes.push(Note::new(
                        "2012年文本第四十二条第五项只列“多次发送…信息”，2025年修订才增加“滋扰、纠缠、跟踪等方法”。2026年1月1日前的滋扰、纠缠、跟踪能否依第一项（威胁人身安全）等处罚，取决于具体事实，资料未载明，请咨询法制部门。",
                        Confirmation::Unconfirmed,
                    )),
                }
            }
            (parts.join("、"), "第四十二条第一项、第五项", items)
        }
    };
    let stalking = category == OffenceCategory::ThreatOrHarassment && incident.has(Act::Stalking);
    let administrative = (!items.is_empty()).then(|| AdministrativeBasis {
        provision: law.personal_rights(&items),
        penalty: law.personal_rights_penalty(stalking),
    });
    Finding {
        category,
        title,
        article: category.article(),
        items: Vec::new(),
        cited_basis: Some(format!("《治安管理处罚法》{cited}")),
        administrative,
        crimes,
        notes,
    }
}

fn malicious_complaint_finding() -> Finding {
    Finding {
        category: OffenceCategory::MaliciousComplaint,
        title: "恶意投诉".to_owned(),
        article: 26,
        items: Vec::new(),
        cited_basis: None,
        administrative: None,
        crimes: Vec::new(),
        notes: vec![Note::new(
            "第二十六条不引用《治安管理处罚法》条款，处理方式是书面告诫并抄报；捏造事实企图使民警受到治安管理处罚的，另见第二十三条（诬告陷害）。",
            Confirmation::Confirmed,
        )],
    }
}

fn requirement(kind: RequirementKind, text: impl Into<String>) -> Requirement {
    Requirement {
        kind,
        article: kind.article(),
        text: text.into(),
    }
}

fn harm_requirements(
    victim: Victim,
    link: DutyLink,
    incident: &Incident,
    findings: &[Finding],
) -> Vec<Requirement> {
    let has = |c: OffenceCategory| findings.iter().any(|f| f.category == c);
    let law = PublicSecurityLawVersion::for_act_date(incident.act_date);
    let injury = incident.injury.unwrap_or(Injury::None);
    let violence = incident.has(Act::Violence);
    let staff_on_duty = link.is_performing_duty() && !victim.is_relative();
    let mut out = vec![requirement(
        RequirementKind::ReportToOffice,
        "被侵犯民警或民警所在部门应当第一时间上报县（市、区）公安机关维权办；维权办按规定上报并录入警务督察信息平台，重大紧急的立即上报上级维权办（第三十六条）。有关部门在工作中发现线索的，应当即时移送维权办（第三十条第二款）。",
    )];
    // 第十一条 speaks of any incident as it happens; violence and obstruction are the acts that
    // call for forces at the scene.
    if violence || has(OffenceCategory::Obstruction) {
        out.push(requirement(
            RequirementKind::OnSiteResponse,
            "公安机关应当迅速组织力量处置，指定现场指挥人员协调，评估涉警舆情风险，适时启动“三同步”工作机制；县（市、区）维权办应第一时间了解情况、帮助协调（第十一条）。",
        ));
    }
    if violence && staff_on_duty && (injury.at_least_minor() || injury == Injury::Pending) {
        out.push(requirement(
            RequirementKind::GreenChannel,
            "通过因公负伤紧急救治“绿色通道”为负伤民警提供及时、有效的医疗救治（第十六条）。",
        ));
    }
    if violence && staff_on_duty {
        out.push(requirement(
            RequirementKind::NoMediation,
            "对袭警违法犯罪行为，依法不适用刑事和解和治安调解；严禁受侵犯民警非因工作需要与侵犯人或家属私下接触，严禁私下接受侵犯人或家属的赔偿（第十四条）。",
        ));
        out.push(requirement(
            RequirementKind::HeavierPenalty,
            "以暴力、威胁方式妨碍民警依法执行职务的，依法办理刑事案件；袭警情节轻微、尚不构成犯罪但违反治安管理的，应当依法从重给予治安管理处罚（第十九条）。",
        ));
    }
    if findings
        .iter()
        .any(|f| f.category != OffenceCategory::MaliciousComplaint)
    {
        out.push(requirement(
            RequirementKind::StrictHandling,
            format!(
                "依法从严从快办理、移送起诉，从严适用取保候审或者监视居住；裁决行政拘留的，无法定事由不得暂缓执行（第二十八条；暂缓执行见{}）。",
                law.suspension_of_detention().label()
            ),
        ));
    }
    if has(OffenceCategory::MaliciousComplaint) {
        out.push(requirement(
            RequirementKind::WrittenWarning,
            "对捏造、歪曲事实恶意投诉的行为人给予书面告诫，并抄报其所在单位或者乡镇（街道）人民政府、村（居）委会（第二十六条）。",
        ));
    }
    if has(OffenceCategory::FalseAccusation) || has(OffenceCategory::MaliciousComplaint) {
        out.push(requirement(
            RequirementKind::Clearance,
            "经查实系捏造、歪曲事实诬告陷害、恶意投诉的，由同级警务督察部门开具《公安督察正名通知书》，澄清事实、恢复名誉、挽回影响，并依法追究诬告、陷害人的法律责任（第十五条）。",
        ));
    }
    if has(OffenceCategory::Defamation) {
        out.push(requirement(
            RequirementKind::RumourResponse,
            "网安部门巡查互联网上侵犯民警执法权威的信息，配合固定电子证据，并按“三同步”机制协助查处涉警谣言、澄清事实真相（第十条第八项）。",
        ));
    }
    let personal_loss = violence && injury != Injury::None;
    if personal_loss || incident.property_loss != PropertyLoss::None {
        out.push(requirement(
            RequirementKind::CivilSuitSupport,
            "民警由于行为人的行为遭受人身或者财产损失的，公安机关应当支持民警通过刑事附带民事诉讼或者民事诉讼等法律途径维护合法权益（第二十七条第一款）。",
        ));
    }
    if incident
        .seriousness
        .is_some_and(|s| s != Seriousness::NotSerious)
    {
        out.push(requirement(
            RequirementKind::PrivateProsecutionSupport,
            "侮辱、诽谤情节严重的，公安机关应当支持民警向法院提起刑事自诉，并帮助提供相关证据材料（第二十七条第二款）。",
        ));
    }
    out.push(requirement(
        RequirementKind::LegalServices,
        "公安机关通过聘请法律顾问、专职律师以特别授权代理等形式提供法律服务保障；司法部门、法律专业人士为受侵害民警无偿提供法律服务（第十三条）。",
    ));
    let large_loss = incident.property_loss == PropertyLoss::Large;
    if (violence && injury.at_least_minor()) || large_loss {
        out.push(requirement(
            RequirementKind::LawyerOnRequest,
            "经鉴定构成轻微伤以上或财产受到较大损失的，维权办依据本人要求委托法律专业人士，会同法制部门聘请法律专业人士追究侵犯人的民事责任，协助提起民事诉讼（第十三条）。",
        ));
    } else if violence && injury == Injury::Pending {
        out.push(requirement(
            RequirementKind::LawyerOnRequest,
            "如经鉴定构成轻微伤以上，维权办依据本人要求委托法律专业人士，会同法制部门聘请法律专业人士追究侵犯人的民事责任；不构成轻微伤以上的，依本人及所在单位意愿协调追究民事责任（第十三条）。",
        ));
    } else if violence || incident.property_loss == PropertyLoss::Some {
        out.push(requirement(
            RequirementKind::CivilLiabilityCoordination,
            "不构成轻微伤以上的，依据本人及所在单位意愿，由维权办会同法制部门协调追究侵犯人民事责任，协调被侵犯民警及所在单位做出是否达成谅解协议的决定（第十三条）。",
        ));
    }
    if has(OffenceCategory::ThreatOrHarassment)
        || violence
        || incident.property_loss != PropertyLoss::None
    {
        out.push(requirement(
            RequirementKind::ProtectionMeasures,
            "民警因依法履职，本人或者其近亲属遭遇恐吓威胁、滋事骚扰、尾随跟踪，或者人身、财产受到侵害的，所属单位和有案（事）件管辖权的单位应当及时采取保护措施，依法追究行为人的法律责任（第二十九条）。",
        ));
    }
    if violence && staff_on_duty && injury.serious_or_death() {
        out.push(requirement(
            RequirementKind::MandatoryInquiry,
            "民警在执勤执法过程中出现重伤或者死亡等严重后果的，维权委应当组织调查；存在安全防护不落实、保障不到位、指挥错误等情形的，依照有关规定追究相关领导和责任人的责任（第三十五条）。",
        ));
    }
    out.push(requirement(
        RequirementKind::SolaceAndClearance,
        "维权办认定民警属于依法履行职责、行使职权行为而受到侵犯的，应当视情予以抚慰、正名（第三十四条）。",
    ));
    if matches!(
        incident.conduct,
        Some(OfficerConduct::Flaw | OfficerConduct::SeriousFault)
    ) {
        out.push(requirement(
            RequirementKind::InspectionRecommendation,
            "维权办认定民警执法存在过错或瑕疵的，应当提出督察建议并移送相关部门处理（第三十四条）。",
        ));
    }
    out.push(requirement(
        RequirementKind::CaseSupervision,
        "维权办全程跟踪督办同级公安机关查办的侵犯民警执法权威违法犯罪案件；发现瞒案不报、压案不查、办案拖拉的，责令依法查清案件事实，追究相关领导和责任人的责任（第三十七条）。",
    ));
    out.sort_by_key(|r| r.kind);
    out
}

/// How an application proceeds (第三十、三十一条). The reply period's length and article come
/// from its one definition in `core::deadline`, so the guide cannot drift from the engine.
fn application_steps() -> String {
    let reply = PeriodId::Reply.definition();
    format!(
        "向所属单位维权办提出维护执法权威申请，由维权办受理（第三十条）；维权办经维权委同意启动程序后审查，并在{}内答复，逾期未答复的视为受理，但因申请人原因无法答复的除外（{}）。",
        reply.length_text(),
        reply.citation
    )
}

fn link_phrase(victim: Victim, link: DutyLink) -> &'static str {
    match link {
        DutyLink::OnDuty if victim == Victim::Officer => "在依法执行职务时",
        DutyLink::OnDuty => "在本市协助履行职责时",
        DutyLink::OffDutyActing => "在非工作时间依法履行职责时",
        DutyLink::Retaliation => "因依法履职遭到报复",
        DutyLink::BecauseOfDuty => "因民警依法履职",
        DutyLink::Unsure => "（是否因民警履职引起尚不确定）",
        DutyLink::Unrelated => "与履行职责无关",
    }
}

fn harm_outcome(
    victim: Victim,
    link: DutyLink,
    incident: Option<&Incident>,
    answers: Answers,
) -> Outcome {
    let scope = match (link, victim.by_reference()) {
        (DutyLink::Unrelated, _) => Scope::Unrelated,
        (_, Some(article)) => Scope::ByReference { article },
        (_, None) => Scope::Covered,
    };
    let Some(incident) = incident else {
        return Outcome {
            ground: Ground::Infringed,
            scope,
            act_date: None,
            public_security_law: None,
            criminal_regime: None,
            findings: Vec::new(),
            requirements: Vec::new(),
            eligibility: Eligibility {
                eligible: false,
                ground: None,
                by_reference: None,
                explanation: "侵害与依法履行职责、行使职权无关，不属于第三十条的申请事由，不启动维权工作程序；可以依法报案，按一般案件处理。".to_owned(),
            },
            notes: Vec::new(),
            carry_over: CarryOver {
                ground: None,
                victim: Some(victim),
                act_date: None,
                categories: Vec::new(),
                injury: None,
                property_loss: None,
                sanction: None,
                on_site: false,
                summary: format!("{}受到侵害，与履行职责无关。", victim.label()),
                answers,
            },
        };
    };

    let mut findings = Vec::new();
    if incident.has(Act::Violence) {
        findings.push(assault_finding(victim, link, incident));
    }
    if incident.has(Act::Obstruction) {
        findings.push(obstruction_finding(victim, incident));
    }
    for (act, category) in [
        (Act::Insult, OffenceCategory::Insult),
        (Act::Defamation, OffenceCategory::Defamation),
        (Act::FalseAccusation, OffenceCategory::FalseAccusation),
    ] {
        if incident.has(act) {
            findings.push(personal_rights_finding(category, victim, incident));
        }
    }
    if incident.has(Act::Threat) || incident.has(Act::Messages) || incident.has(Act::Stalking) {
        findings.push(personal_rights_finding(
            OffenceCategory::ThreatOrHarassment,
            victim,
            incident,
        ));
    }
    if incident.has(Act::Privacy) {
        findings.push(personal_rights_finding(
            OffenceCategory::PrivacyViolation,
            victim,
            incident,
        ));
    }
    if incident.has(Act::MaliciousComplaint) {
        findings.push(malicious_complaint_finding());
    }

    let law = PublicSecurityLawVersion::for_act_date(incident.act_date);
    let regime = CriminalRegime::for_act_date(incident.act_date);
    let mut notes = Vec::new();
    if incident.act_date < RULES_IN_FORCE {
        notes.push(Note::new(
            "细则自2020年5月12日发布之日起施行（第四十三条），该行为发生在此之前。",
            Confirmation::Confirmed,
        ));
    }
    if law == PublicSecurityLawVersion::Text2012 {
        notes.push(Note::new(
            "行为发生在2026年1月1日前，适用行为发生时的《治安管理处罚法》（2012年修正）；但作出处罚决定时新规定处罚较轻或者不认为是违法的，适用新规定（《行政处罚法》第三十七条）。",
            Confirmation::Confirmed,
        ));
        notes.push(Note::new(
            "2025年修订提高了罚款上限，一般不会比旧规定更轻；这是资料整理者的理解，并非法律规定。",
            Confirmation::Unconfirmed,
        ));
    }
    let violence_on_duty = incident.has(Act::Violence) && link.is_performing_duty();
    if regime == CriminalRegime::AggravatedObstruction && findings.iter().any(Finding::may_be_crime)
    {
        notes.push(Note::new(
            "行为发生在2021年3月1日袭警罪施行前，追究刑事责任时适用刑法第十二条（从旧兼从轻）。",
            Confirmation::Confirmed,
        ));
    }
    if violence_on_duty
        && regime == CriminalRegime::AssaultOnPoliceCrime
        && incident.act_date < ASSAULT_INTERPRETATION_IN_FORCE
    {
        notes.push(Note::new(
            "两高《关于办理袭警刑事案件适用法律若干问题的解释》自2025年1月18日起施行，本指引按该解释判断；此前发生的行为如何适用，资料未载明，由办案部门依法认定。",
            Confirmation::Unconfirmed,
        ));
    }
    if link == DutyLink::Unsure {
        notes.push(Note::new(
            "是否因民警履职引起尚不确定：第三十条以申请人“认为”受到侵犯为条件，由维权办审查决定是否受理（第三十一条）。",
            Confirmation::Confirmed,
        ));
    }
    if link == DutyLink::Retaliation && victim.by_reference() == Some(41) {
        notes.push(Note::new(
            "第四十一条只写明“在本市协助履行职责、行使职权过程中受到不法侵害的”参照开展工作；事后因履职遭报复的是否参照，细则未明确，由维权办决定。",
            Confirmation::Unconfirmed,
        ));
    }

    let requirements = harm_requirements(victim, link, incident, &findings);
    let applicants = if victim.is_relative() {
        "民警、其近亲属或者民警所在部门可以"
    } else {
        "本人或者所在部门可以"
    };
    let reference = match victim.by_reference() {
        Some(article) => format!(
            "{}参照细则开展工作（第{}条）。",
            victim.label(),
            chinese_numeral(u32::from(article))
        ),
        None => String::new(),
    };
    let eligibility = Eligibility {
        eligible: true,
        ground: Some(Ground::Infringed),
        by_reference: victim.by_reference(),
        explanation: format!(
            "属于第三十条第一款第一项“认为因依法履行职责、行使职权受到侵犯”。{reference}{applicants}{}",
            application_steps()
        ),
    };
    let categories: Vec<OffenceCategory> = findings.iter().map(|f| f.category).collect();
    let injury = incident.injury.filter(|_| incident.has(Act::Violence));
    let titles: Vec<String> = findings
        .iter()
        .map(|f| match (f.category, injury) {
            (OffenceCategory::Assault, Some(i)) => format!("{}（{}）", f.title, i.label()),
            _ => f.title.clone(),
        })
        .collect();
    let summary = format!(
        "{}，{}{}，涉及：{}。",
        incident.act_date.format("%Y年%-m月%-d日"),
        victim.label(),
        link_phrase(victim, link),
        titles.join("；")
    );
    let carry_over = CarryOver {
        ground: Some(Ground::Infringed),
        victim: Some(victim),
        act_date: Some(incident.act_date),
        categories,
        injury,
        property_loss: Some(incident.property_loss),
        sanction: None,
        on_site: incident.has(Act::Violence) && link.is_performing_duty()
            || incident.has(Act::Obstruction),
        summary,
        answers,
    };
    Outcome {
        ground: Ground::Infringed,
        scope,
        act_date: Some(incident.act_date),
        public_security_law: Some(law),
        criminal_regime: Some(regime),
        findings,
        requirements,
        eligibility,
        notes,
        carry_over,
    }
}

fn other_ground_outcome(ground: Ground, sanction: Option<Sanction>, answers: Answers) -> Outcome {
    let mut requirements = vec![requirement(
        RequirementKind::Rectification,
        "维权办认定执法权威未受到有效保护或者受到错误追责的，应当督促相关部门及时纠正（第三十四条）。",
    )];
    let summary = match ground {
        Ground::Unprotected => {
            requirements.push(requirement(
                RequirementKind::CaseSupervision,
                "维权办全程跟踪督办同级公安机关查办的侵犯民警执法权威违法犯罪案件；发现瞒案不报、压案不查、办案拖拉的，责令依法查清案件事实，追究相关领导和责任人的责任（第三十七条）。",
            ));
            "民警认为其执法权威未受到有效保护。".to_owned()
        }
        Ground::WrongfulAccountability | Ground::Infringed => {
            requirements.push(requirement(
                RequirementKind::CommitteeReview,
                "维权委对民警因履行职责、行使职权受到责任追究且有异议的情形进行审核；对存在较大争议的民警行为，组织专家组审查并出具书面论证意见（第八条）。",
            ));
            requirements.push(requirement(
                RequirementKind::FaultTolerance,
                "民警依法履职未出现重大过错，但未达到工作预期效果并产生负面影响和一定损失的（重大安全责任事故除外），依《嘉兴市公安机关容错免责实施办法》给予从轻、减轻或免于问责（第十八条）。",
            ));
            match sanction {
                Some(Sanction::MajorDemeritOrDismissal) => requirements.push(requirement(
                    RequirementKind::Appeal,
                    "对记大过以上处分、辞退有异议并提出申诉的，维权办经初查报维权委同意后，由维权委组织听取当事民警的陈述、申辩，对事实、理由、依据和程序进行全面复核；认为处分、处理决定不当的，向作出决定部门提供复核意见；不得因民警申诉而加重处分、处理（第三十三条）。",
                )),
                Some(Sanction::UnderInvestigation) => requirements.push(requirement(
                    RequirementKind::LegalCooperation,
                    "民警因履行职责、行使职权行为受到纪检监察机关、司法机关调查时，法制部门在职责范围内为事件的调查处理提供必要的法律配合（第十条第九项）。",
                )),
                Some(Sanction::Other) | None => {}
            }
            "民警认为因履行职责受到错误追究或者对责任追究有异议。".to_owned()
        }
    };
    requirements.sort_by_key(|r| r.kind);
    Outcome {
        ground,
        scope: Scope::Covered,
        act_date: None,
        public_security_law: None,
        criminal_regime: None,
        findings: Vec::new(),
        requirements,
        eligibility: Eligibility {
            eligible: true,
            ground: Some(ground),
            by_reference: None,
            explanation: format!(
                "属于第三十条第一款第{}项“{}”。民警或者所在部门可以{}",
                chinese_numeral(u32::from(ground.item())),
                ground.label(),
                application_steps()
            ),
        },
        notes: Vec::new(),
        carry_over: CarryOver {
            ground: Some(ground),
            victim: Some(Victim::Officer),
            act_date: None,
            categories: Vec::new(),
            injury: None,
            property_loss: None,
            sanction,
            on_site: false,
            summary,
            answers,
        },
    }
}

pub(crate) fn assess(facts: &Facts, answers: Answers) -> Outcome {
    match facts {
        Facts::Harm {
            victim,
            link,
            incident,
        } => harm_outcome(*victim, *link, incident.as_ref(), answers),
        Facts::Unprotected => other_ground_outcome(Ground::Unprotected, None, answers),
        Facts::Accountability(s) => {
            other_ground_outcome(Ground::WrongfulAccountability, Some(*s), answers)
        }
    }
}
