//! The statutes behind the 细则 as the guide cites them: provisions, law versions by act date,
//! and the penalty ranges of law-notes §1.4 and §2.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::rules::chinese_numeral;

/// A date known at compile time; the literals below are all valid calendar dates.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("invalid date literal"),
    }
}

/// 刑法修正案(九) in force: from this day 刑法 第二百七十七条第五款 (暴力袭击民警 → 妨害公务罪从重)
/// existed; the guide does not assess acts before it (law-notes §2).
pub const EARLIEST_SUPPORTED_ACT_DATE: NaiveDate = date(2015, 11, 1);

/// 第四十三条: the 细则 took effect on publication, 2020-05-12.
pub const RULES_IN_FORCE: NaiveDate = date(2020, 5, 12);

/// 刑法修正案(十一) in force: 袭警罪 (刑法 第二百七十七条第五款, current text) applies to acts from
/// this day (law-notes §2).
pub const ASSAULT_ON_POLICE_CRIME_IN_FORCE: NaiveDate = date(2021, 3, 1);

/// 两高《关于办理袭警刑事案件适用法律若干问题的解释》(高检发释字〔2025〕1号) in force (law-notes §2.1).
pub const ASSAULT_INTERPRETATION_IN_FORCE: NaiveDate = date(2025, 1, 18);

/// The revised 《治安管理处罚法》 (2025-06-27) in force (law-notes §1.1).
pub const REVISED_PUBLIC_SECURITY_LAW_IN_FORCE: NaiveDate = date(2026, 1, 1);

/// A law or normative document the guide cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statute {
    /// 《治安管理处罚法》 (2005, as amended 2012-10-26): the text for acts before 2026-01-01.
    PublicSecurityLaw2012,
    /// 《治安管理处罚法》 as revised 2025-06-27, in force 2026-01-01.
    PublicSecurityLaw2025,
    /// 《刑法》.
    CriminalLaw,
    /// 《行政处罚法》 (2021).
    AdministrativePenaltyLaw,
    /// 两高《关于办理袭警刑事案件适用法律若干问题的解释》 (2025).
    AssaultInterpretation2025,
    /// 两高一部《关于依法惩治袭警违法犯罪行为的指导意见》 (公通字〔2019〕32号), cited by 第十九条.
    AssaultGuidance2019,
}

impl Statute {
    /// The name shown to users.
    pub const fn label(self) -> &'static str {
        match self {
            Self::PublicSecurityLaw2012 => "《治安管理处罚法》（2012年修正）",
            Self::PublicSecurityLaw2025 => "《治安管理处罚法》（2025年修订）",
            Self::CriminalLaw => "《刑法》",
            Self::AdministrativePenaltyLaw => "《行政处罚法》",
            Self::AssaultInterpretation2025 => "两高《关于办理袭警刑事案件适用法律若干问题的解释》",
            Self::AssaultGuidance2019 => {
                "《关于依法惩治袭警违法犯罪行为的指导意见》（公通字〔2019〕32号）"
            }
        }
    }
}

/// One provision: article, optional paragraph (款) and items (项).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    /// The law it belongs to.
    pub statute: Statute,
    /// 条.
    pub article: u16,
    /// 款, when the citation names one.
    pub paragraph: Option<u8>,
    /// 项, in ascending order; empty when the citation names none.
    pub items: Vec<u8>,
}

impl Provision {
    /// A whole article.
    pub fn article(statute: Statute, article: u16) -> Self {
        Self {
            statute,
            article,
            paragraph: None,
            items: Vec::new(),
        }
    }

    /// An article and paragraph.
    pub fn paragraph(statute: Statute, article: u16, paragraph: u8) -> Self {
        Self {
            statute,
            article,
            paragraph: Some(paragraph),
            items: Vec::new(),
        }
    }

    /// This provision narrowed to the given items (sorted, duplicates dropped).
    pub fn with_items(mut self, items: &[u8]) -> Self {
        let mut items = items.to_vec();
        items.sort_unstable();
        items.dedup();
        self.items = items;
        self
    }

    /// The citation without the law's name, e.g. `第五十条第一款第一项、第五项`.
    pub fn number_label(&self) -> String {
        let mut out = article_label(self.article);
        if let Some(p) = self.paragraph {
            out.push('第');
            out.push_str(&chinese_numeral(u32::from(p)));
            out.push('款');
        }
        let items: Vec<String> = self
            .items
            .iter()
            .map(|i| format!("第{}项", chinese_numeral(u32::from(*i))))
            .collect();
        out.push_str(&items.join("、"));
        out
    }

    /// The full citation, e.g. `《治安管理处罚法》（2025年修订）第六十一条第一款第二项`.
    pub fn label(&self) -> String {
        format!("{}{}", self.statute.label(), self.number_label())
    }
}

/// `第三十一条` for article 31.
pub fn article_label(article: u16) -> String {
    format!("第{}条", chinese_numeral(u32::from(article)))
}

/// Which text of 《治安管理处罚法》 governs an act (《行政处罚法》 第三十七条: the law in force when the act
/// was committed, unless the new rule is lighter when the decision is made).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicSecurityLawVersion {
    /// Acts before 2026-01-01: the 2012 text, which the 细则 cites.
    Text2012,
    /// Acts from 2026-01-01: the 2025 revision.
    Revised2025,
}

impl PublicSecurityLawVersion {
    /// The version for an act committed on `act_date` (law-notes §1.5).
    pub fn for_act_date(act_date: NaiveDate) -> Self {
        if act_date < REVISED_PUBLIC_SECURITY_LAW_IN_FORCE {
            Self::Text2012
        } else {
            Self::Revised2025
        }
    }

    /// The statute this version is.
    pub const fn statute(self) -> Statute {
        match self {
            Self::Text2012 => Statute::PublicSecurityLaw2012,
            Self::Revised2025 => Statute::PublicSecurityLaw2025,
        }
    }

    /// 第二十条: 阻碍执行职务 — 2012 第五十条第一款第二项, 2025 第六十一条第一款第二项 (law-notes §1.2).
    pub fn obstruction(self) -> Provision {
        let article = match self {
            Self::Text2012 => 50,
            Self::Revised2025 => 61,
        };
        Provision::paragraph(self.statute(), article, 1).with_items(&[2])
    }

    /// 第二十一至二十五条: 2012 第四十二条, 2025 第五十条第一款, with the given items
    /// (law-notes §1.2).
    pub fn personal_rights(self, items: &[u8]) -> Provision {
        match self {
            Self::Text2012 => Provision::article(self.statute(), 42).with_items(items),
            Self::Revised2025 => Provision::paragraph(self.statute(), 50, 1).with_items(items),
        }
    }

    /// 第二十八条 refers to 暂缓执行行政拘留: 2012 第一百零七条, 2025 第一百二十六条 (law-notes §1.4).
    pub fn suspension_of_detention(self) -> Provision {
        match self {
            Self::Text2012 => Provision::article(self.statute(), 107),
            Self::Revised2025 => Provision::article(self.statute(), 126),
        }
    }

    /// The penalty range for 阻碍执行职务 (law-notes §1.4).
    pub fn obstruction_penalty(self) -> AdministrativePenalty {
        match self {
            Self::Text2012 => AdministrativePenalty {
                base: "警告或者二百元以下罚款".into(),
                aggravated: "情节严重的，处五日以上十日以下拘留，可以并处五百元以下罚款".into(),
                extra: Some("阻碍人民警察依法执行职务的，从重处罚（第五十条第二款）".into()),
            },
            Self::Revised2025 => AdministrativePenalty {
                base: "警告或者五百元以下罚款".into(),
                aggravated: "情节严重的，处五日以上十日以下拘留，可以并处一千元以下罚款".into(),
                extra: Some("阻碍人民警察依法执行职务的，从重处罚（第六十一条第二款）".into()),
            },
        }
    }

    /// The penalty range for 第四十二条 (2012) / 第五十条 (2025) items 1, 2, 3, 5, 6
    /// (law-notes §1.4). `stalking` adds the 2025 禁止接触 order of 第五十条第二款.
    pub fn personal_rights_penalty(self, stalking: bool) -> AdministrativePenalty {
        match self {
            Self::Text2012 => AdministrativePenalty {
                base: "五日以下拘留或者五百元以下罚款".into(),
                aggravated: "情节较重的，处五日以上十日以下拘留，可以并处五百元以下罚款".into(),
                extra: None,
            },
            Self::Revised2025 => AdministrativePenalty {
                base: "五日以下拘留或者一千元以下罚款".into(),
                aggravated: "情节较重的，处五日以上十日以下拘留，可以并处一千元以下罚款".into(),
                extra: stalking.then(|| {
                    "有滋扰、纠缠、跟踪行为的，经公安机关负责人批准，可以责令其一定期限内禁止接触\
                     被侵害人；违反禁止接触规定的，处五日以上十日以下拘留，可以并处一千元以下罚款\
                     （第五十条第二款）"
                        .into()
                }),
            },
        }
    }
}

/// Which criminal-law regime governs violence against an officer on duty (law-notes §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriminalRegime {
    /// 2015-11-01 to 2021-02-28: 刑法 第二百七十七条第五款 (修正案(九)) — 暴力袭击民警 is
    /// 妨害公务罪 under 第一款, punished more heavily.
    AggravatedObstruction,
    /// From 2021-03-01: 袭警罪, 刑法 第二百七十七条第五款 (修正案(十一)).
    AssaultOnPoliceCrime,
}

impl CriminalRegime {
    /// The regime for an act committed on `act_date`.
    pub fn for_act_date(act_date: NaiveDate) -> Self {
        if act_date < ASSAULT_ON_POLICE_CRIME_IN_FORCE {
            Self::AggravatedObstruction
        } else {
            Self::AssaultOnPoliceCrime
        }
    }
}

/// A penalty range for an administrative (治安) case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrativePenalty {
    /// The ordinary range.
    pub base: String,
    /// The range for 情节严重 / 情节较重 cases.
    pub aggravated: String,
    /// A further rule of the same article, if any.
    pub extra: Option<String>,
}

/// 刑法 第二百七十七条第五款 (current text), basic tier (law-notes §2).
pub const ASSAULT_ON_POLICE_PENALTY: &str = "三年以下有期徒刑、拘役或者管制";
/// 刑法 第二百七十七条第五款 (current text), aggravated tier: 枪支、管制刀具、驾驶机动车撞击等
/// 严重危及人身安全 (law-notes §2).
pub const ASSAULT_ON_POLICE_AGGRAVATED_PENALTY: &str = "三年以上七年以下有期徒刑";
/// 刑法 第二百七十七条第一款, 妨害公务罪 (law-notes §2).
pub const OBSTRUCTING_DUTY_PENALTY: &str = "三年以下有期徒刑、拘役、管制或者罚金";
/// 刑法 第二百四十六条, 侮辱罪、诽谤罪, 情节严重 (law-notes §2).
pub const INSULT_DEFAMATION_PENALTY: &str = "三年以下有期徒刑、拘役、管制或者剥夺政治权利；告诉的才处理，但严重危害社会秩序和国家利益的除外";
