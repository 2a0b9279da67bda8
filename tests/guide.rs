//! The offence decision guide: a table of scenarios with their expected categories, articles,
//! law versions, crime flags and next steps, plus checks that the question flow is well formed.

use chrono::NaiveDate;
use weiquan::core::guide::{
    Act, Answers, Choice, Condition, Crime, CriminalRegime, DutyLink, EARLIEST_SUPPORTED_ACT_DATE,
    FIRST_QUESTION, Ground, GuideError, Injury, Likelihood, ObstructionItem, OffenceCategory,
    OfficerConduct, PropertyLoss, Provision, PublicSecurityLawVersion, QuestionId, QuestionKind,
    RequirementKind, Response, Sanction, Scope, Seriousness, Statute, Victim, ViolenceDetail,
    YesNo, answered_path, article_label, evaluate, is_shown, next_question, question,
    question_after, question_before, questions, shown_options,
};

use OffenceCategory as C;
use RequirementKind as R;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 25);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

/// One situation and what the guide must say about it.
#[derive(Clone, Copy)]
struct Scenario {
    name: &'static str,
    // Answers. `None` / empty means "the flow must not ask" unless stated.
    concern: &'static str,
    sanction: Option<&'static str>,
    victim: Option<&'static str>,
    link: Option<&'static str>,
    conduct: Option<&'static str>,
    date: Option<(i32, u32, u32)>,
    acts: &'static [&'static str],
    injury: Option<&'static str>,
    details: &'static [&'static str],
    with_officer: Option<&'static str>,
    items: &'static [&'static str],
    seriousness: Option<&'static str>,
    loss: Option<&'static str>,
    // Expectations.
    categories: &'static [OffenceCategory],
    scope: Scope,
    law: Option<PublicSecurityLawVersion>,
    regime: Option<CriminalRegime>,
    /// `(category, expected administrative provision without the law's name)`; `None` means the
    /// finding has no administrative provision.
    provisions: &'static [(OffenceCategory, Option<&'static str>)],
    crimes: &'static [(OffenceCategory, Crime, Likelihood)],
    /// Categories whose finding cites an article other than the category's own.
    articles: &'static [(OffenceCategory, u8)],
    requires: &'static [RequirementKind],
    absent: &'static [RequirementKind],
    eligible: bool,
    /// A fragment some outcome-level or finding-level note must contain.
    note: Option<&'static str>,
    /// An unconfirmed note is expected somewhere in the outcome.
    unconfirmed: bool,
}

const BASE: Scenario = Scenario {
    name: "",
    concern: "harm",
    sanction: None,
    victim: Some("officer"),
    link: Some("on_duty"),
    conduct: Some("no_fault"),
    date: Some((2026, 3, 5)),
    acts: &[],
    injury: None,
    details: &[],
    with_officer: None,
    items: &[],
    seriousness: None,
    loss: Some("none"),
    categories: &[],
    scope: Scope::Covered,
    law: Some(PublicSecurityLawVersion::Revised2025),
    regime: Some(CriminalRegime::AssaultOnPoliceCrime),
    provisions: &[],
    crimes: &[],
    articles: &[],
    requires: &[
        R::ReportToOffice,
        R::LegalServices,
        R::SolaceAndClearance,
        R::CaseSupervision,
    ],
    absent: &[],
    eligible: true,
    note: None,
    unconfirmed: false,
};

use Crime::{AssaultOnPolice, InjuryOrOther, ObstructingDuty};
use Likelihood::{Excluded, Likely, Possible, Unlikely};
use PublicSecurityLawVersion::{Revised2025, Text2012};

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "punch_causing_minor_injury_on_duty_is_likely_assault_on_police",
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        requires: &[
            R::NoMediation,
            R::HeavierPenalty,
            R::StrictHandling,
            R::GreenChannel,
            R::LawyerOnRequest,
            R::CivilSuitSupport,
            R::ProtectionMeasures,
            R::OnSiteResponse,
            R::ReportToOffice,
        ],
        absent: &[
            R::MandatoryInquiry,
            R::CivilLiabilityCoordination,
            R::WrittenWarning,
        ],
        ..BASE
    },
    Scenario {
        name: "violence_without_injury_is_not_assault_on_police_but_may_obstruct_duty",
        acts: &["violence"],
        injury: Some("none"),
        categories: &[C::Assault],
        crimes: &[
            (C::Assault, AssaultOnPolice, Excluded),
            (C::Assault, ObstructingDuty, Possible),
        ],
        requires: &[
            R::NoMediation,
            R::HeavierPenalty,
            R::CivilLiabilityCoordination,
        ],
        absent: &[R::GreenChannel, R::LawyerOnRequest, R::CivilSuitSupport],
        ..BASE
    },
    Scenario {
        name: "shaking_free_with_no_injury_is_not_a_violent_attack",
        acts: &["violence"],
        injury: Some("none"),
        details: &["struggle_only"],
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Excluded)],
        ..BASE
    },
    Scenario {
        name: "injury_awaiting_appraisal_makes_assault_on_police_possible",
        acts: &["violence"],
        injury: Some("pending"),
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Possible)],
        requires: &[R::GreenChannel, R::LawyerOnRequest, R::CivilSuitSupport],
        ..BASE
    },
    Scenario {
        name: "knife_attack_without_injury_is_aggravated_assault_on_police",
        acts: &["violence"],
        injury: Some("none"),
        details: &["knife_or_gun"],
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        ..BASE
    },
    Scenario {
        name: "ramming_with_a_car_causing_serious_injury_requires_committee_inquiry",
        acts: &["violence"],
        injury: Some("serious"),
        details: &["vehicle"],
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        requires: &[R::MandatoryInquiry, R::GreenChannel, R::LawyerOnRequest],
        ..BASE
    },
    Scenario {
        name: "death_in_2025_uses_the_2012_public_security_law_and_requires_inquiry",
        date: Some((2025, 6, 10)),
        acts: &["violence"],
        injury: Some("death"),
        details: &["lethal_tool"],
        categories: &[C::Assault],
        law: Some(Text2012),
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        requires: &[R::MandatoryInquiry],
        note: Some("《行政处罚法》第三十七条"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "smashing_the_police_car_endangering_officers_is_a_violent_attack",
        acts: &["violence"],
        injury: Some("none"),
        details: &["equipment"],
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        ..BASE
    },
    Scenario {
        name: "light_injury_to_two_officers_is_aggravated_under_article_three",
        acts: &["violence"],
        injury: Some("light"),
        details: &["several_officers", "gang"],
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        note: Some("解释第三条"),
        ..BASE
    },
    Scenario {
        name: "serious_officer_fault_makes_assault_on_police_unlikely",
        conduct: Some("serious_fault"),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        crimes: &[
            (C::Assault, AssaultOnPolice, Unlikely),
            (C::Assault, ObstructingDuty, Possible),
        ],
        requires: &[R::InspectionRecommendation],
        ..BASE
    },
    Scenario {
        name: "attack_before_march_2021_is_aggravated_obstruction_not_assault_on_police",
        date: Some((2020, 8, 10)),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        law: Some(Text2012),
        regime: Some(CriminalRegime::AggravatedObstruction),
        crimes: &[
            (C::Assault, AssaultOnPolice, Excluded),
            (C::Assault, ObstructingDuty, Likely),
        ],
        note: Some("刑法第十二条"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "act_before_the_rules_were_issued_is_flagged",
        date: Some((2019, 5, 1)),
        acts: &["obstruction"],
        items: &["item2"],
        categories: &[C::Obstruction],
        law: Some(Text2012),
        regime: Some(CriminalRegime::AggravatedObstruction),
        provisions: &[(C::Obstruction, Some("第五十条第一款第二项"))],
        crimes: &[(C::Obstruction, ObstructingDuty, Possible)],
        note: Some("第四十三条"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "off_duty_officer_stopping_a_crime_is_treated_as_on_duty",
        link: Some("off_duty_acting"),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        requires: &[R::NoMediation, R::GreenChannel],
        note: Some("第四十条"),
        ..BASE
    },
    Scenario {
        name: "off_duty_retaliation_is_not_assault_on_police_but_injury_crime_aggravated",
        link: Some("retaliation"),
        conduct: None,
        acts: &["violence", "stalking"],
        injury: Some("minor"),
        categories: &[C::Assault, C::ThreatOrHarassment],
        crimes: &[
            (C::Assault, AssaultOnPolice, Excluded),
            (C::Assault, InjuryOrOther, Possible),
        ],
        articles: &[(C::Assault, 29)],
        provisions: &[(C::ThreatOrHarassment, Some("第五十条第一款第五项"))],
        requires: &[
            R::ProtectionMeasures,
            R::LawyerOnRequest,
            R::CivilSuitSupport,
            R::OnSiteResponse,
        ],
        absent: &[R::NoMediation, R::GreenChannel, R::MandatoryInquiry],
        ..BASE
    },
    Scenario {
        name: "auxiliary_officer_attacked_alone_is_obstruction_of_duty_not_assault_on_police",
        victim: Some("auxiliary"),
        acts: &["violence"],
        injury: Some("minor"),
        with_officer: Some("no"),
        categories: &[C::Assault],
        scope: Scope::ByReference { article: 41 },
        crimes: &[
            (C::Assault, AssaultOnPolice, Excluded),
            (C::Assault, ObstructingDuty, Likely),
        ],
        requires: &[R::NoMediation, R::GreenChannel],
        ..BASE
    },
    Scenario {
        name: "auxiliary_and_officer_attacked_together_is_assault_on_police",
        victim: Some("auxiliary"),
        acts: &["violence"],
        injury: Some("minor"),
        with_officer: Some("yes"),
        categories: &[C::Assault],
        scope: Scope::ByReference { article: 41 },
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        note: Some("解释第八条"),
        ..BASE
    },
    Scenario {
        name: "auxiliary_officer_attacked_before_2021_is_unconfirmed_obstruction",
        victim: Some("auxiliary"),
        date: Some((2020, 12, 1)),
        acts: &["violence"],
        injury: Some("minor"),
        with_officer: Some("no"),
        categories: &[C::Assault],
        scope: Scope::ByReference { article: 41 },
        law: Some(Text2012),
        regime: Some(CriminalRegime::AggravatedObstruction),
        crimes: &[(C::Assault, ObstructingDuty, Possible)],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "near_relative_beaten_because_of_duty_is_not_assault_on_police",
        victim: Some("near_relative"),
        link: Some("because_of_duty"),
        conduct: None,
        acts: &["violence"],
        injury: Some("light"),
        categories: &[C::Assault],
        crimes: &[
            (C::Assault, AssaultOnPolice, Excluded),
            (C::Assault, InjuryOrOther, Possible),
        ],
        articles: &[(C::Assault, 29)],
        requires: &[
            R::ProtectionMeasures,
            R::LawyerOnRequest,
            R::CivilSuitSupport,
        ],
        absent: &[R::NoMediation, R::GreenChannel, R::HeavierPenalty],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "other_relative_receiving_threatening_messages_is_covered_by_reference",
        victim: Some("other_relative"),
        link: Some("because_of_duty"),
        conduct: None,
        acts: &["messages"],
        categories: &[C::ThreatOrHarassment],
        scope: Scope::ByReference { article: 39 },
        provisions: &[(C::ThreatOrHarassment, Some("第五十条第一款第五项"))],
        requires: &[R::ProtectionMeasures, R::StrictHandling],
        absent: &[R::OnSiteResponse],
        ..BASE
    },
    Scenario {
        name: "obstruction_on_new_years_eve_2025_uses_old_article_fifty",
        date: Some((2025, 12, 31)),
        acts: &["obstruction"],
        items: &["item2", "item3"],
        categories: &[C::Obstruction],
        law: Some(Text2012),
        provisions: &[(C::Obstruction, Some("第五十条第一款第二项"))],
        crimes: &[
            (C::Obstruction, AssaultOnPolice, Excluded),
            (C::Obstruction, ObstructingDuty, Possible),
        ],
        requires: &[R::OnSiteResponse, R::StrictHandling],
        absent: &[R::NoMediation, R::HeavierPenalty, R::CivilSuitSupport],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "obstruction_on_new_years_day_2026_uses_new_article_sixty_one",
        date: Some((2026, 1, 1)),
        acts: &["obstruction"],
        items: &["item5"],
        categories: &[C::Obstruction],
        provisions: &[(C::Obstruction, Some("第六十一条第一款第二项"))],
        crimes: &[(C::Obstruction, AssaultOnPolice, Excluded)],
        ..BASE
    },
    Scenario {
        name: "unconfirmed_item_one_of_article_twenty_is_flagged_secondary",
        acts: &["obstruction"],
        items: &["item1"],
        categories: &[C::Obstruction],
        provisions: &[(C::Obstruction, Some("第六十一条第一款第二项"))],
        note: Some("浙江省实施办法"),
        ..BASE
    },
    Scenario {
        name: "punching_and_tearing_the_uniform_badge_is_assault_and_obstruction",
        acts: &["violence", "obstruction"],
        injury: Some("minor"),
        items: &["item3"],
        loss: Some("some"),
        categories: &[C::Assault, C::Obstruction],
        provisions: &[
            (C::Assault, None),
            (C::Obstruction, Some("第六十一条第一款第二项")),
        ],
        crimes: &[
            (C::Assault, AssaultOnPolice, Likely),
            (C::Obstruction, AssaultOnPolice, Excluded),
        ],
        requires: &[R::NoMediation, R::LawyerOnRequest, R::CivilSuitSupport],
        ..BASE
    },
    Scenario {
        name: "serious_online_insult_and_defamation_support_private_prosecution",
        acts: &["insult", "defamation"],
        seriousness: Some("yes"),
        categories: &[C::Insult, C::Defamation],
        provisions: &[
            (C::Insult, Some("第五十条第一款第二项")),
            (C::Defamation, Some("第五十条第一款第二项")),
        ],
        crimes: &[
            (C::Insult, Crime::Insult, Possible),
            (C::Defamation, Crime::Defamation, Possible),
        ],
        requires: &[
            R::PrivateProsecutionSupport,
            R::RumourResponse,
            R::StrictHandling,
        ],
        absent: &[R::OnSiteResponse, R::ProtectionMeasures],
        ..BASE
    },
    Scenario {
        name: "minor_defamation_in_2025_cites_old_article_forty_two",
        date: Some((2025, 3, 3)),
        acts: &["defamation"],
        seriousness: Some("no"),
        categories: &[C::Defamation],
        law: Some(Text2012),
        provisions: &[(C::Defamation, Some("第四十二条第二项"))],
        requires: &[R::RumourResponse],
        absent: &[R::PrivateProsecutionSupport],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "false_report_and_malicious_complaint_need_warning_and_clearance",
        acts: &["false_accusation", "malicious_complaint"],
        categories: &[C::FalseAccusation, C::MaliciousComplaint],
        provisions: &[
            (C::FalseAccusation, Some("第五十条第一款第三项")),
            (C::MaliciousComplaint, None),
        ],
        requires: &[R::WrittenWarning, R::Clearance, R::StrictHandling],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "malicious_complaint_alone_is_a_written_warning_not_a_penalty_case",
        acts: &["malicious_complaint"],
        categories: &[C::MaliciousComplaint],
        provisions: &[(C::MaliciousComplaint, None)],
        requires: &[R::WrittenWarning, R::Clearance],
        absent: &[R::StrictHandling, R::ProtectionMeasures, R::OnSiteResponse],
        ..BASE
    },
    Scenario {
        name: "stalking_before_2026_has_no_settled_old_law_item",
        link: Some("retaliation"),
        conduct: None,
        date: Some((2025, 11, 20)),
        acts: &["stalking"],
        categories: &[C::ThreatOrHarassment],
        law: Some(Text2012),
        provisions: &[(C::ThreatOrHarassment, None)],
        requires: &[R::ProtectionMeasures],
        note: Some("滋扰、纠缠、跟踪等方法"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "blocking_the_door_in_2026_falls_under_new_item_five_with_no_contact_order",
        link: Some("retaliation"),
        conduct: None,
        acts: &["stalking", "threat"],
        categories: &[C::ThreatOrHarassment],
        provisions: &[(C::ThreatOrHarassment, Some("第五十条第一款第一项、第五项"))],
        requires: &[R::ProtectionMeasures],
        ..BASE
    },
    Scenario {
        name: "threat_letter_and_messages_in_2024_cite_items_one_and_five_of_old_article",
        date: Some((2024, 9, 9)),
        acts: &["threat", "messages"],
        categories: &[C::ThreatOrHarassment],
        law: Some(Text2012),
        provisions: &[(C::ThreatOrHarassment, Some("第四十二条第一项、第五项"))],
        requires: &[R::ProtectionMeasures],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "publishing_a_relatives_home_address_is_privacy_violation",
        victim: Some("near_relative"),
        link: Some("because_of_duty"),
        conduct: None,
        acts: &["privacy"],
        categories: &[C::PrivacyViolation],
        provisions: &[(C::PrivacyViolation, Some("第五十条第一款第六项"))],
        absent: &[R::ProtectionMeasures, R::WrittenWarning],
        ..BASE
    },
    Scenario {
        name: "one_incident_can_fall_under_all_eight_categories",
        acts: &[
            "violence",
            "obstruction",
            "insult",
            "defamation",
            "false_accusation",
            "threat",
            "messages",
            "stalking",
            "privacy",
            "malicious_complaint",
        ],
        injury: Some("minor"),
        items: &["item2"],
        seriousness: Some("unsure"),
        loss: Some("large"),
        categories: &[
            C::Assault,
            C::Obstruction,
            C::Insult,
            C::Defamation,
            C::FalseAccusation,
            C::ThreatOrHarassment,
            C::PrivacyViolation,
            C::MaliciousComplaint,
        ],
        requires: &[
            R::NoMediation,
            R::WrittenWarning,
            R::Clearance,
            R::PrivateProsecutionSupport,
            R::LawyerOnRequest,
            R::ProtectionMeasures,
        ],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "staff_member_attacked_on_duty_has_unconfirmed_crime_assessment",
        victim: Some("staff"),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        scope: Scope::ByReference { article: 41 },
        crimes: &[(C::Assault, ObstructingDuty, Possible)],
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "visiting_officer_from_another_province_is_a_police_officer_for_assault",
        victim: Some("visiting_officer"),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        scope: Scope::ByReference { article: 41 },
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        ..BASE
    },
    Scenario {
        name: "auxiliary_officer_retaliated_against_later_is_flagged_unconfirmed",
        victim: Some("auxiliary"),
        link: Some("retaliation"),
        conduct: None,
        acts: &["threat"],
        categories: &[C::ThreatOrHarassment],
        scope: Scope::ByReference { article: 41 },
        provisions: &[(C::ThreatOrHarassment, Some("第五十条第一款第一项"))],
        note: Some("第四十一条只写明"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "relative_unsure_of_the_link_may_still_apply",
        victim: Some("near_relative"),
        link: Some("unsure"),
        conduct: None,
        acts: &["insult"],
        seriousness: Some("no"),
        categories: &[C::Insult],
        provisions: &[(C::Insult, Some("第五十条第一款第二项"))],
        note: Some("“认为”"),
        ..BASE
    },
    Scenario {
        name: "private_dispute_is_outside_the_rules",
        link: Some("unrelated"),
        conduct: None,
        date: None,
        loss: None,
        scope: Scope::Unrelated,
        law: None,
        regime: None,
        requires: &[],
        absent: &[R::ReportToOffice],
        eligible: false,
        ..BASE
    },
    Scenario {
        name: "unprotected_authority_is_ground_two",
        concern: "unprotected",
        victim: None,
        link: None,
        conduct: None,
        date: None,
        loss: None,
        law: None,
        regime: None,
        requires: &[R::Rectification, R::CaseSupervision],
        absent: &[R::ReportToOffice, R::Appeal],
        ..BASE
    },
    Scenario {
        name: "major_demerit_can_be_appealed_under_article_thirty_three",
        concern: "accountability",
        sanction: Some("major"),
        victim: None,
        link: None,
        conduct: None,
        date: None,
        loss: None,
        law: None,
        regime: None,
        requires: &[
            R::Rectification,
            R::Appeal,
            R::CommitteeReview,
            R::FaultTolerance,
        ],
        absent: &[R::LegalCooperation],
        ..BASE
    },
    Scenario {
        name: "officer_under_investigation_gets_legal_cooperation",
        concern: "accountability",
        sanction: Some("investigating"),
        victim: None,
        link: None,
        conduct: None,
        date: None,
        loss: None,
        law: None,
        regime: None,
        requires: &[R::LegalCooperation, R::CommitteeReview],
        absent: &[R::Appeal],
        ..BASE
    },
    Scenario {
        name: "large_property_loss_from_threats_entitles_a_lawyer_on_request",
        acts: &["threat"],
        loss: Some("large"),
        categories: &[C::ThreatOrHarassment],
        requires: &[
            R::LawyerOnRequest,
            R::CivilSuitSupport,
            R::ProtectionMeasures,
        ],
        absent: &[R::CivilLiabilityCoordination],
        ..BASE
    },
    Scenario {
        name: "attack_in_2023_is_judged_by_the_2025_interpretation_with_a_caution",
        date: Some((2023, 7, 7)),
        acts: &["violence"],
        injury: Some("minor"),
        categories: &[C::Assault],
        law: Some(Text2012),
        crimes: &[(C::Assault, AssaultOnPolice, Likely)],
        note: Some("2025年1月18日"),
        unconfirmed: true,
        ..BASE
    },
    Scenario {
        name: "flawed_officer_conduct_leads_to_inspection_recommendation",
        conduct: Some("flaw"),
        acts: &["obstruction"],
        items: &["item6"],
        categories: &[C::Obstruction],
        requires: &[R::InspectionRecommendation],
        ..BASE
    },
];

/// The scenario's answer to `q`, if it has one.
fn response_for(s: &Scenario, q: QuestionId) -> Option<Response> {
    let one = |v: Option<&str>| v.map(Response::one);
    match q {
        QuestionId::Concern => Some(Response::one(s.concern)),
        QuestionId::Sanction => one(s.sanction),
        QuestionId::Victim => one(s.victim),
        QuestionId::OfficerLink | QuestionId::AssistLink | QuestionId::RelativeLink => one(s.link),
        QuestionId::OfficerConduct => one(s.conduct),
        QuestionId::ActDate => s.date.map(|(y, m, d)| Response::Date(date(y, m, d))),
        QuestionId::Acts => (!s.acts.is_empty()).then(|| Response::many(s.acts)),
        QuestionId::Injury => one(s.injury),
        QuestionId::ViolenceDetails => Some(Response::many(s.details)),
        QuestionId::WithOfficer => one(s.with_officer),
        QuestionId::ObstructionItems => (!s.items.is_empty()).then(|| Response::many(s.items)),
        QuestionId::Seriousness => one(s.seriousness),
        QuestionId::PropertyLoss => one(s.loss),
    }
}

/// Walks the flow as a user would, answering each question the flow asks from the scenario.
fn answer(s: &Scenario) -> Answers {
    let mut answers = Answers::new();
    let mut asked = Vec::new();
    while let Some(q) = next_question(&answers) {
        assert!(
            !asked.contains(&q),
            "{}: question {q:?} asked twice",
            s.name
        );
        asked.push(q);
        let response = response_for(s, q)
            .unwrap_or_else(|| panic!("{}: the flow asked {q:?}, which has no answer", s.name));
        answers
            .record(q, response, today())
            .unwrap_or_else(|e| panic!("{}: answer to {q:?} rejected: {e}", s.name));
    }
    // Everything the scenario specifies must have been asked.
    for q in QuestionId::all() {
        let specified = match q {
            QuestionId::ViolenceDetails => !s.details.is_empty(),
            QuestionId::Concern => false,
            _ => response_for(s, *q).is_some(),
        };
        let asked_or_sibling = asked.contains(q)
            || matches!(
                q,
                QuestionId::OfficerLink | QuestionId::AssistLink | QuestionId::RelativeLink
            );
        assert!(
            !specified || asked_or_sibling,
            "{}: {q:?} was never asked",
            s.name
        );
    }
    answers
}

#[test]
fn every_scenario_gives_the_expected_outcome() {
    assert!(SCENARIOS.len() >= 30);
    for s in SCENARIOS {
        let answers = answer(s);
        let outcome = evaluate(&answers).unwrap_or_else(|e| panic!("{}: {e}", s.name));
        let name = s.name;
        assert_eq!(outcome.categories(), s.categories, "{name}: categories");
        assert_eq!(
            outcome.carry_over.categories, s.categories,
            "{name}: carry-over categories"
        );
        assert_eq!(outcome.scope, s.scope, "{name}: scope");
        assert_eq!(outcome.public_security_law, s.law, "{name}: law version");
        assert_eq!(outcome.criminal_regime, s.regime, "{name}: criminal regime");
        assert_eq!(
            outcome.eligibility.eligible, s.eligible,
            "{name}: eligibility"
        );
        assert_eq!(
            outcome.act_date,
            s.date
                .filter(|_| s.law.is_some())
                .map(|(y, m, d)| date(y, m, d)),
            "{name}: act date"
        );

        for f in &outcome.findings {
            let expected_article = s
                .articles
                .iter()
                .find(|(c, _)| *c == f.category)
                .map_or(f.category.article(), |(_, a)| *a);
            assert_eq!(
                f.article, expected_article,
                "{name}: article of {:?}",
                f.category
            );
            if let (Some(admin), Some(law)) = (&f.administrative, s.law) {
                assert_eq!(admin.provision.statute, law.statute(), "{name}: statute");
            }
        }
        for (category, expected) in s.provisions {
            let f = outcome.finding(*category).unwrap();
            let actual = f
                .administrative
                .as_ref()
                .map(|a| a.provision.number_label());
            assert_eq!(
                actual.as_deref(),
                *expected,
                "{name}: provision of {category:?}"
            );
        }
        for (category, crime, likelihood) in s.crimes {
            let f = outcome.finding(*category).unwrap();
            let c = f
                .crime(*crime)
                .unwrap_or_else(|| panic!("{name}: no {crime:?}"));
            assert_eq!(
                c.likelihood, *likelihood,
                "{name}: {crime:?} in {category:?}"
            );
        }
        for kind in s.requires {
            assert!(outcome.requires(*kind), "{name}: requires {kind:?}");
        }
        for kind in s.absent {
            assert!(
                !outcome.requires(*kind),
                "{name}: must not require {kind:?}"
            );
        }
        for r in &outcome.requirements {
            assert_eq!(r.article, r.kind.article(), "{name}: requirement article");
            let label = article_label(u16::from(r.article));
            assert!(
                r.text.contains(&label),
                "{name}: {:?} text cites {label}",
                r.kind
            );
        }
        let mut kinds: Vec<_> = outcome.requirements.iter().map(|r| r.kind).collect();
        kinds.dedup();
        assert_eq!(
            kinds.len(),
            outcome.requirements.len(),
            "{name}: repeated requirement"
        );

        let all_notes: Vec<_> = outcome
            .notes
            .iter()
            .chain(outcome.findings.iter().flat_map(|f| &f.notes))
            .map(|n| (n.text.clone(), n.confirmation))
            .chain(outcome.findings.iter().flat_map(|f| {
                f.crimes.iter().map(|c| {
                    let sources: Vec<String> = c.sources.iter().map(|p| p.label()).collect();
                    (
                        format!("{} {}", c.reason, sources.join(" ")),
                        c.confirmation,
                    )
                })
            }))
            .collect();
        if let Some(fragment) = s.note {
            assert!(
                all_notes.iter().any(|(t, _)| t.contains(fragment)),
                "{name}: a note mentions {fragment}: {all_notes:#?}"
            );
        }
        let has_unconfirmed = all_notes
            .iter()
            .any(|(_, c)| *c == weiquan::core::guide::Confirmation::Unconfirmed);
        assert_eq!(
            has_unconfirmed, s.unconfirmed,
            "{name}: unconfirmed flag: {all_notes:#?}"
        );
    }
}

#[test]
fn assault_penalty_tier_follows_the_means_used() {
    let cases: &[(&[&str], &str)] = &[
        (&[], weiquan::core::guide::ASSAULT_ON_POLICE_PENALTY),
        (
            &["knife_or_gun"],
            weiquan::core::guide::ASSAULT_ON_POLICE_AGGRAVATED_PENALTY,
        ),
        (
            &["vehicle"],
            weiquan::core::guide::ASSAULT_ON_POLICE_AGGRAVATED_PENALTY,
        ),
        (
            &["equipment"],
            weiquan::core::guide::ASSAULT_ON_POLICE_PENALTY,
        ),
    ];
    for (details, penalty) in cases {
        let s = Scenario {
            acts: &["violence"],
            injury: Some("minor"),
            details,
            ..BASE
        };
        let outcome = evaluate(&answer(&s)).unwrap();
        let crime = outcome
            .finding(C::Assault)
            .unwrap()
            .crime(AssaultOnPolice)
            .unwrap();
        assert_eq!(crime.penalty.as_deref(), Some(*penalty), "{details:?}");
        assert_eq!(
            crime.provision,
            Some(Provision::paragraph(Statute::CriminalLaw, 277, 5))
        );
    }
}

#[test]
fn administrative_penalty_ranges_change_on_1_january_2026() {
    let old = Scenario {
        date: Some((2025, 12, 31)),
        acts: &["obstruction"],
        items: &["item2"],
        ..BASE
    };
    let new = Scenario {
        date: Some((2026, 1, 1)),
        ..old
    };
    let penalty = |s: &Scenario| {
        evaluate(&answer(s))
            .unwrap()
            .finding(C::Obstruction)
            .unwrap()
            .administrative
            .clone()
            .unwrap()
            .penalty
    };
    assert_eq!(penalty(&old).base, "警告或者二百元以下罚款");
    assert_eq!(penalty(&new).base, "警告或者五百元以下罚款");
    assert!(penalty(&new).extra.unwrap().contains("第六十一条第二款"));

    let stalking = Scenario {
        link: Some("retaliation"),
        conduct: None,
        acts: &["stalking"],
        ..BASE
    };
    let outcome = evaluate(&answer(&stalking)).unwrap();
    let admin = outcome
        .finding(C::ThreatOrHarassment)
        .unwrap()
        .administrative
        .clone()
        .unwrap();
    assert_eq!(admin.penalty.base, "五日以下拘留或者一千元以下罚款");
    assert!(admin.penalty.extra.unwrap().contains("禁止接触"));
}

#[test]
fn strict_handling_cites_the_suspension_article_of_the_acts_law_version() {
    let old = Scenario {
        date: Some((2025, 5, 5)),
        acts: &["privacy"],
        ..BASE
    };
    let new = Scenario {
        date: Some((2026, 5, 6)),
        ..old
    };
    let text = |s: &Scenario| {
        evaluate(&answer(s))
            .unwrap()
            .requirements
            .into_iter()
            .find(|r| r.kind == R::StrictHandling)
            .unwrap()
            .text
    };
    assert!(text(&old).contains("第一百零七条"));
    assert!(text(&new).contains("第一百二十六条"));
}

#[test]
fn carry_over_prefills_the_application_wizard() {
    let s = Scenario {
        acts: &["violence", "insult"],
        injury: Some("minor"),
        seriousness: Some("no"),
        ..BASE
    };
    let outcome = evaluate(&answer(&s)).unwrap();
    let c = &outcome.carry_over;
    assert_eq!(c.ground, Some(Ground::Infringed));
    assert_eq!(c.victim, Some(Victim::Officer));
    assert_eq!(c.act_date, Some(date(2026, 3, 5)));
    assert_eq!(c.injury, Some(Injury::Minor));
    assert_eq!(c.property_loss, Some(PropertyLoss::None));
    assert!(c.on_site);
    assert_eq!(
        c.summary,
        "2026年3月5日，民警在依法执行职务时，涉及：袭警（轻微伤）；侮辱。"
    );
    assert_eq!(c.answers, answer(&s).effective());
    assert_eq!(outcome.eligibility.ground, Some(Ground::Infringed));
    assert!(outcome.eligibility.explanation.contains("3个工作日"));

    let ground3 = Scenario {
        concern: "accountability",
        sanction: Some("other"),
        victim: None,
        link: None,
        conduct: None,
        date: None,
        loss: None,
        ..BASE
    };
    let outcome = evaluate(&answer(&ground3)).unwrap();
    assert_eq!(
        outcome.carry_over.ground,
        Some(Ground::WrongfulAccountability)
    );
    assert_eq!(outcome.carry_over.sanction, Some(Sanction::Other));
    assert!(!outcome.carry_over.on_site);
}

#[test]
fn outcome_and_answers_survive_a_json_round_trip() {
    let s = SCENARIOS.iter().find(|s| s.categories.len() == 8).unwrap();
    let answers = answer(s);
    let json = serde_json::to_string(&answers).unwrap();
    assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), answers);
    assert!(json.contains("\"act_date\""), "{json}");
    let outcome = evaluate(&answers).unwrap();
    let json = serde_json::to_string(&outcome).unwrap();
    assert_eq!(
        serde_json::from_str::<weiquan::core::guide::Outcome>(&json).unwrap(),
        outcome
    );
    assert!(json.contains("\"threat_or_harassment\""));
}

#[test]
fn recording_rejects_answers_that_do_not_fit_the_question() {
    let mut a = Answers::new();
    let t = today();
    assert_eq!(
        a.record(QuestionId::Victim, Response::one("officer"), t),
        Err(GuideError::QuestionNotApplicable(QuestionId::Victim))
    );
    assert_eq!(
        a.record(QuestionId::Concern, Response::one("nonsense"), t),
        Err(GuideError::UnknownOption {
            question: QuestionId::Concern,
            option: "nonsense".into()
        })
    );
    assert_eq!(
        a.record(QuestionId::Concern, Response::Date(t), t),
        Err(GuideError::WrongKind(QuestionId::Concern))
    );
    a.record(QuestionId::Concern, Response::one("harm"), t)
        .unwrap();
    a.record(QuestionId::Victim, Response::one("near_relative"), t)
        .unwrap();
    a.record(
        QuestionId::RelativeLink,
        Response::one("because_of_duty"),
        t,
    )
    .unwrap();
    assert_eq!(
        a.record(QuestionId::ActDate, Response::Date(date(2026, 11, 26)), t),
        Err(GuideError::ActDateInFuture(date(2026, 11, 26)))
    );
    assert_eq!(
        a.record(QuestionId::ActDate, Response::Date(date(2015, 10, 31)), t),
        Err(GuideError::ActDateTooEarly(date(2015, 10, 31)))
    );
    a.record(
        QuestionId::ActDate,
        Response::Date(EARLIEST_SUPPORTED_ACT_DATE),
        t,
    )
    .unwrap();
    // Obstruction at the scene and malicious complaints are not offered for relatives.
    assert_eq!(
        a.record(QuestionId::Acts, Response::many(&["obstruction"]), t),
        Err(GuideError::OptionNotApplicable {
            question: QuestionId::Acts,
            option: "obstruction".into()
        })
    );
    assert!(
        a.record(
            QuestionId::Acts,
            Response::many(&["malicious_complaint"]),
            t
        )
        .is_err()
    );
    assert_eq!(
        a.record(QuestionId::Acts, Response::many(&[]), t),
        Err(GuideError::TooFewChoices {
            question: QuestionId::Acts,
            at_least: 1
        })
    );
    assert_eq!(
        a.record(QuestionId::Acts, Response::many(&["insult", "insult"]), t),
        Err(GuideError::DuplicateChoice {
            question: QuestionId::Acts,
            option: "insult".into()
        })
    );
    a.record(QuestionId::Acts, Response::many(&["insult"]), t)
        .unwrap();
    assert_eq!(
        evaluate(&a),
        Err(GuideError::Unanswered(QuestionId::Seriousness))
    );
    assert!(
        GuideError::Unanswered(QuestionId::Seriousness)
            .to_string()
            .contains("情节是否严重")
    );
}

#[test]
fn changing_an_earlier_answer_hides_later_answers_until_changed_back() {
    let s = Scenario {
        acts: &["obstruction"],
        items: &["item2"],
        ..BASE
    };
    let mut answers = answer(&s);
    assert!(evaluate(&answers).is_ok());
    answers
        .record(QuestionId::Victim, Response::one("near_relative"), today())
        .unwrap();
    // The officer's link, conduct and the obstruction no longer count.
    assert!(!is_shown(&answers, QuestionId::OfficerLink));
    assert_eq!(next_question(&answers), Some(QuestionId::RelativeLink));
    assert_eq!(
        evaluate(&answers),
        Err(GuideError::Unanswered(QuestionId::RelativeLink))
    );
    answers
        .record(
            QuestionId::RelativeLink,
            Response::one("because_of_duty"),
            today(),
        )
        .unwrap();
    assert_eq!(
        next_question(&answers),
        Some(QuestionId::Acts),
        "obstruction is not offered"
    );
    assert!(answers.effective().get(QuestionId::OfficerLink).is_none());
    answers
        .record(QuestionId::Victim, Response::one("officer"), today())
        .unwrap();
    assert_eq!(
        evaluate(&answers).unwrap().categories(),
        vec![C::Obstruction]
    );
}

#[test]
fn back_and_continue_links_follow_the_shown_questions() {
    let s = Scenario {
        victim: Some("auxiliary"),
        acts: &["violence"],
        injury: Some("minor"),
        with_officer: Some("no"),
        ..BASE
    };
    let answers = answer(&s);
    let path = answered_path(&answers);
    assert_eq!(
        path,
        vec![
            QuestionId::Concern,
            QuestionId::Victim,
            QuestionId::AssistLink,
            QuestionId::OfficerConduct,
            QuestionId::ActDate,
            QuestionId::Acts,
            QuestionId::Injury,
            QuestionId::ViolenceDetails,
            QuestionId::WithOfficer,
            QuestionId::PropertyLoss,
        ]
    );
    for pair in path.windows(2) {
        assert_eq!(question_after(&answers, pair[0]), Some(pair[1]));
        assert_eq!(question_before(&answers, pair[1]), Some(pair[0]));
    }
    assert_eq!(question_before(&answers, FIRST_QUESTION), None);
    assert_eq!(question_after(&answers, QuestionId::PropertyLoss), None);
    let offered: Vec<_> = shown_options(&answers, QuestionId::Acts)
        .iter()
        .map(|o| o.id)
        .collect();
    assert!(offered.contains(&"obstruction") && offered.contains(&"malicious_complaint"));
}

/// Whether `option` of `q` maps onto the question's typed answer.
fn parses(q: QuestionId, option: &str) -> bool {
    match q {
        QuestionId::Concern => Ground::from_id(option).is_some(),
        QuestionId::Sanction => Sanction::from_id(option).is_some(),
        QuestionId::Victim => Victim::from_id(option).is_some(),
        QuestionId::OfficerLink | QuestionId::AssistLink | QuestionId::RelativeLink => {
            DutyLink::from_id(option).is_some()
        }
        QuestionId::OfficerConduct => OfficerConduct::from_id(option).is_some(),
        QuestionId::ActDate => false,
        QuestionId::Acts => Act::from_id(option).is_some(),
        QuestionId::Injury => Injury::from_id(option).is_some(),
        QuestionId::ViolenceDetails => ViolenceDetail::from_id(option).is_some(),
        QuestionId::WithOfficer => YesNo::from_id(option).is_some(),
        QuestionId::ObstructionItems => ObstructionItem::from_id(option).is_some(),
        QuestionId::Seriousness => Seriousness::from_id(option).is_some(),
        QuestionId::PropertyLoss => PropertyLoss::from_id(option).is_some(),
    }
}

#[test]
fn the_flow_is_well_formed_and_no_question_or_option_id_dangles() {
    let ids: Vec<QuestionId> = questions().iter().map(|q| q.id).collect();
    assert_eq!(
        ids,
        QuestionId::all(),
        "questions are listed once each, in id order"
    );
    assert_eq!(questions()[0].id, FIRST_QUESTION);
    for (position, q) in questions().iter().enumerate() {
        assert_eq!(question(q.id).id, q.id);
        assert_eq!(QuestionId::parse(q.id.id()), Some(q.id));
        assert!(!q.title.is_empty());
        for a in q.articles {
            assert!((1..=43).contains(a), "{:?} cites article {a}", q.id);
        }
        match q.kind {
            QuestionKind::Date => assert!(q.options.is_empty()),
            QuestionKind::Single | QuestionKind::Multiple { .. } => {
                assert!(q.options.len() >= 2, "{:?} has options", q.id)
            }
        }
        let mut seen = Vec::new();
        for o in q.options {
            assert!(
                !seen.contains(&o.id),
                "{:?}: option {} repeated",
                q.id,
                o.id
            );
            seen.push(o.id);
            assert!(
                parses(q.id, o.id),
                "{:?}: option {} has no typed value",
                q.id,
                o.id
            );
            assert!(!o.label.is_empty());
        }
        let conditions: Vec<&Condition> = std::iter::once(&q.shown_if)
            .chain(q.options.iter().map(|o| &o.shown_if))
            .collect();
        for condition in conditions {
            for (referenced, option) in condition.references() {
                let earlier = ids.iter().position(|i| *i == referenced).unwrap();
                assert!(
                    earlier < position,
                    "{:?} depends on later {referenced:?}",
                    q.id
                );
                assert!(
                    question(referenced).options.iter().any(|o| o.id == option),
                    "{:?} refers to missing option {referenced:?}/{option}",
                    q.id
                );
            }
        }
    }
}

/// splitmix64, for reproducible random walks through the flow.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_question_reachable_from_the_start_leads_to_an_outcome() {
    let mut rng = Rng(2026);
    let mut visited = std::collections::BTreeSet::new();
    let mut chosen = std::collections::BTreeSet::new();
    let span = (today() - EARLIEST_SUPPORTED_ACT_DATE).num_days();
    for _ in 0..3000 {
        let mut answers = Answers::new();
        let mut steps = 0;
        while let Some(q) = next_question(&answers) {
            steps += 1;
            assert!(steps <= questions().len(), "the flow loops");
            visited.insert(q);
            let offered = shown_options(&answers, q);
            let response = match question(q).kind {
                QuestionKind::Single => Response::one(offered[rng.below(offered.len())].id),
                QuestionKind::Multiple { at_least } => {
                    let mut picked: Vec<&str> = Vec::new();
                    while picked.len() < usize::from(at_least) || rng.below(3) != 0 {
                        let o = offered[rng.below(offered.len())].id;
                        if !picked.contains(&o) {
                            picked.push(o);
                        }
                        if picked.len() == offered.len() {
                            break;
                        }
                    }
                    Response::many(&picked)
                }
                QuestionKind::Date => {
                    let offset = rng.below(usize::try_from(span).unwrap() + 1);
                    Response::Date(EARLIEST_SUPPORTED_ACT_DATE + chrono::Days::new(offset as u64))
                }
            };
            if let Response::One(o) = &response {
                chosen.insert((q, o.clone()));
            }
            if let Response::Many(os) = &response {
                for o in os {
                    chosen.insert((q, o.clone()));
                }
            }
            answers.record(q, response, today()).unwrap();
        }
        let outcome = evaluate(&answers).unwrap();
        assert_eq!(
            outcome.eligibility.eligible,
            outcome.scope != Scope::Unrelated
        );
        if outcome.ground == Ground::Infringed && outcome.scope != Scope::Unrelated {
            assert!(!outcome.findings.is_empty());
        }
    }
    for q in questions() {
        assert!(visited.contains(&q.id), "{:?} never reached", q.id);
        for o in q.options {
            assert!(
                chosen.contains(&(q.id, o.id.to_owned())),
                "{:?}/{} never chosen",
                q.id,
                o.id
            );
        }
    }
}

#[test]
fn provisions_are_cited_with_chinese_numerals() {
    let cases = [
        (
            Provision::article(Statute::PublicSecurityLaw2012, 107),
            "第一百零七条",
        ),
        (
            Provision::article(Statute::PublicSecurityLaw2012, 118),
            "第一百一十八条",
        ),
        (
            Provision::article(Statute::PublicSecurityLaw2025, 126),
            "第一百二十六条",
        ),
        (
            Provision::paragraph(Statute::PublicSecurityLaw2025, 61, 2),
            "第六十一条第二款",
        ),
        (
            Provision::paragraph(Statute::CriminalLaw, 277, 5),
            "第二百七十七条第五款",
        ),
        (
            Provision::article(Statute::AssaultInterpretation2025, 10),
            "第十条",
        ),
    ];
    for (provision, text) in cases {
        assert_eq!(provision.number_label(), text);
    }
    let p = Provision::paragraph(Statute::PublicSecurityLaw2025, 50, 1).with_items(&[5, 1, 5]);
    assert_eq!(
        p.label(),
        "《治安管理处罚法》（2025年修订）第五十条第一款第一项、第五项"
    );
}

#[test]
fn law_versions_switch_on_their_commencement_dates() {
    let cases = [
        (
            (2025, 12, 31),
            Text2012,
            CriminalRegime::AssaultOnPoliceCrime,
        ),
        (
            (2026, 1, 1),
            Revised2025,
            CriminalRegime::AssaultOnPoliceCrime,
        ),
        (
            (2021, 2, 28),
            Text2012,
            CriminalRegime::AggravatedObstruction,
        ),
        ((2021, 3, 1), Text2012, CriminalRegime::AssaultOnPoliceCrime),
    ];
    for ((y, m, d), law, regime) in cases {
        assert_eq!(PublicSecurityLawVersion::for_act_date(date(y, m, d)), law);
        assert_eq!(CriminalRegime::for_act_date(date(y, m, d)), regime);
    }
}
