//! The case form as typed (`CaseInput`, strings and keys) and its validation into
//! [`CaseFacts`], reporting every problem at once, each tied to its form control.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{
    Accountability, Applicant, AttachmentRef, CaseFacts, DutyLink, Evidence, Ground, HarmedPerson,
    HelpKind, Incident, Injury, Money, OffenceCategory, Officer, PersonStatus, Relation, Sanction,
    Site, Victim,
};
use crate::core::calendar::parse_date;
use crate::core::guide::{CarryOver, Choice};
use crate::core::settings::{MAX_UNIT_NAME_CHARS, normalize_name};

/// Longest person name accepted.
pub const MAX_PERSON_NAME_CHARS: usize = 30;
/// Longest unit or department name accepted (as for the unit's own name in the settings).
pub const MAX_UNIT_CHARS: usize = MAX_UNIT_NAME_CHARS;
/// Longest post accepted.
pub const MAX_POST_CHARS: usize = 40;
/// Longest place accepted.
pub const MAX_PLACE_CHARS: usize = 100;
/// Longest summary accepted.
pub const MAX_SUMMARY_CHARS: usize = 2000;
/// Longest evidence description accepted.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// Longest file name accepted.
pub const MAX_FILE_NAME_CHARS: usize = 255;
/// Most evidence items on one case.
pub const MAX_EVIDENCE_ITEMS: usize = 100;
/// Most files on one evidence item.
pub const MAX_ATTACHMENTS_PER_EVIDENCE: usize = 20;
/// Largest single file accepted (50 MiB): videos from a body camera are usually cut to the
/// relevant minutes before they are attached.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;
/// Largest property loss accepted: 100亿元, far beyond any real case, so a slip of the finger
/// is caught.
pub const MAX_LOSS_FEN: u64 = 1_000_000_000_000;
/// Longest 警号 accepted.
const MAX_BADGE_CHARS: usize = 12;
/// Longest attachment id accepted.
const MAX_ATTACHMENT_ID_CHARS: usize = 64;

/// An evidence row as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceInput {
    /// What it is.
    pub description: String,
    /// Its files, as the store reported them after upload.
    pub attachments: Vec<AttachmentInput>,
}

/// A file reference as the store reported it.
pub type AttachmentInput = AttachmentRef;

/// The case form as typed. Choices are keys (`officer`, `spouse`, the guide's option ids for
/// grounds, injury, duty and sanction; the offence categories' serde names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseInput {
    /// `officer`, `near_relative`, `other_relative` or `department`.
    pub applicant_kind: String,
    /// A relative applicant's name.
    pub applicant_name: String,
    /// A near relative's [`Relation`] key, or another relative's relation as typed.
    pub applicant_relation: String,
    /// The applying department's name.
    pub applicant_department: String,
    /// A [`PersonStatus`] key.
    pub status: String,
    /// The officer's name.
    pub officer_name: String,
    /// 警号.
    pub officer_badge: String,
    /// The officer's unit.
    pub officer_unit: String,
    /// The officer's post (optional).
    pub officer_post: String,
    /// `self`, `near_relative` or `other_relative`.
    pub harmed: String,
    /// A harmed near relative's [`Relation`] key, or another relative's relation as typed.
    pub harmed_relation: String,
    /// `YYYY-MM-DD`.
    pub incident_date: String,
    /// `HH:MM`.
    pub incident_time: String,
    /// Where.
    pub incident_place: String,
    /// A [`DutyLink`] option id.
    pub duty: String,
    /// `on_site` or `off_site`.
    pub site: String,
    /// [`Ground`] option ids.
    pub grounds: Vec<String>,
    /// [`OffenceCategory`] serde names.
    pub categories: Vec<String>,
    /// A [`Sanction`] option id (ground 3 only).
    pub sanction: String,
    /// The disputed decision's name (ground 3 only).
    pub sanction_decision: String,
    /// The deciding department (ground 3 only).
    pub sanction_decided_by: String,
    /// The decision's date (ground 3 only).
    pub sanction_date: String,
    /// An [`Injury`] option id.
    pub injury: String,
    /// Property loss in yuan, e.g. `1234.50`; empty for none.
    pub property_loss_yuan: String,
    /// Evidence rows.
    pub evidence: Vec<EvidenceInput>,
    /// [`HelpKind`] keys.
    pub help: Vec<String>,
    /// 第十条第八项: harmful information is online.
    pub online: bool,
    /// 第十一条: a risk of public opinion.
    pub public_opinion_risk: bool,
    /// 第三十六条: 重大紧急.
    pub major_or_urgent: bool,
    /// What happened.
    pub summary: String,
}

/// Which control a problem concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum CaseField {
    /// Applicant kind.
    ApplicantKind,
    /// Relative applicant's name.
    ApplicantName,
    /// Relative applicant's relation.
    ApplicantRelation,
    /// Applying department.
    ApplicantDepartment,
    /// Status of the person.
    Status,
    /// Officer's name.
    OfficerName,
    /// 警号.
    OfficerBadge,
    /// Officer's unit.
    OfficerUnit,
    /// Officer's post.
    OfficerPost,
    /// Who was harmed.
    Harmed,
    /// Harmed relative's relation.
    HarmedRelation,
    /// Incident date.
    IncidentDate,
    /// Incident time.
    IncidentTime,
    /// Incident place.
    IncidentPlace,
    /// Duty link.
    Duty,
    /// On-site or off-site.
    Site,
    /// Grounds.
    Grounds,
    /// Offence categories.
    Categories,
    /// Disputed sanction.
    Sanction,
    /// Disputed decision's name.
    SanctionDecision,
    /// Deciding department.
    SanctionDecidedBy,
    /// Decision date.
    SanctionDate,
    /// Injury.
    Injury,
    /// Property loss.
    PropertyLoss,
    /// The evidence list as a whole.
    EvidenceList,
    /// An evidence row's description.
    EvidenceDescription {
        /// Row index, from 0.
        evidence: usize,
    },
    /// One file of an evidence row.
    Attachment {
        /// Row index, from 0.
        evidence: usize,
        /// File index within the row, from 0.
        attachment: usize,
    },
    /// Help asked for.
    Help,
    /// Summary.
    Summary,
}

impl CaseField {
    /// The id of the form control, so an error summary can link to it.
    pub fn control_id(self) -> String {
        let id = match self {
            CaseField::ApplicantKind => "applicant-kind",
            CaseField::ApplicantName => "applicant-name",
            CaseField::ApplicantRelation => "applicant-relation",
            CaseField::ApplicantDepartment => "applicant-department",
            CaseField::Status => "status",
            CaseField::OfficerName => "officer-name",
            CaseField::OfficerBadge => "officer-badge",
            CaseField::OfficerUnit => "officer-unit",
            CaseField::OfficerPost => "officer-post",
            CaseField::Harmed => "harmed",
            CaseField::HarmedRelation => "harmed-relation",
            CaseField::IncidentDate => "incident-date",
            CaseField::IncidentTime => "incident-time",
            CaseField::IncidentPlace => "incident-place",
            CaseField::Duty => "duty",
            CaseField::Site => "site",
            CaseField::Grounds => "grounds",
            CaseField::Categories => "categories",
            CaseField::Sanction => "sanction",
            CaseField::SanctionDecision => "sanction-decision",
            CaseField::SanctionDecidedBy => "sanction-decided-by",
            CaseField::SanctionDate => "sanction-date",
            CaseField::Injury => "injury",
            CaseField::PropertyLoss => "property-loss",
            CaseField::EvidenceList => "evidence",
            CaseField::EvidenceDescription { evidence } => {
                return format!("evidence-{evidence}-description");
            }
            CaseField::Attachment {
                evidence,
                attachment,
            } => return format!("evidence-{evidence}-attachment-{attachment}"),
            CaseField::Help => "help",
            CaseField::Summary => "summary",
        };
        id.to_string()
    }
}

/// One problem with the input, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The control at fault.
    pub field: CaseField,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why a typed amount was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyInputError {
    /// A minus sign was typed.
    #[error("金额不能为负数")]
    Negative,
    /// Not a number with at most two decimals.
    #[error("“{0}”不是有效的金额，请输入元为单位的数字，最多两位小数，例如 1234.50")]
    NotAnAmount(String),
    /// Above [`MAX_LOSS_FEN`].
    #[error("金额过大，请检查（最多100亿元）")]
    TooLarge,
}

/// Parses an amount in yuan (`1234`, `1234.5`, `1234.50`, an optional trailing 元); empty is
/// zero.
pub fn parse_yuan(input: &str) -> Result<Money, MoneyInputError> {
    let text = input.trim();
    let text = text.strip_suffix('元').unwrap_or(text).trim_end();
    if text.is_empty() {
        return Ok(Money::ZERO);
    }
    if text.starts_with('-') {
        return Err(MoneyInputError::Negative);
    }
    let bad = || MoneyInputError::NotAnAmount(input.trim().to_string());
    let (whole, cents) = match text.split_once('.') {
        Some((whole, frac)) => (whole, frac),
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(cents) || cents.len() > 2 {
        return Err(bad());
    }
    if text.ends_with('.') {
        return Err(bad());
    }
    // Only digits remain, so parsing fails only on overflow.
    let whole: u64 = whole.parse().map_err(|_| MoneyInputError::TooLarge)?;
    let cents: u64 = match cents.len() {
        0 => 0,
        1 => u64::from(cents.as_bytes()[0] - b'0') * 10,
        _ => cents.parse().map_err(|_| bad())?,
    };
    let fen = whole
        .checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .ok_or(MoneyInputError::TooLarge)?;
    if fen > MAX_LOSS_FEN {
        return Err(MoneyInputError::TooLarge);
    }
    Ok(Money::from_fen(fen))
}

/// Parses a time of day as a browser time field gives it: `HH:MM` or `HH:MM:SS` (one-digit
/// hours accepted). The error is the Chinese message.
pub fn parse_time(input: &str) -> Result<NaiveTime, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("请填写事件发生的时间，例如 14:30".into());
    }
    let bad = || format!("“{text}”不是有效的时间，请按 14:30 这样的格式输入");
    let parts: Vec<&str> = text.split(':').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let width_ok = if i == 0 {
                (1..=2).contains(&p.len())
            } else {
                p.len() == 2
            };
            (width_ok && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    match numbers.as_deref() {
        Some(&[h, m]) => NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad),
        Some(&[h, m, s]) => NaiveTime::from_hms_opt(h, m, s).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Collects problems while reading the form.
struct Check {
    issues: Vec<Issue>,
}

impl Check {
    fn push(&mut self, field: CaseField, message: impl Into<String>) {
        self.issues.push(Issue {
            field,
            message: message.into(),
        });
    }

    /// A one-line text: white space collapsed; empty is `None` (an issue when required).
    fn line(
        &mut self,
        raw: &str,
        field: CaseField,
        what: &str,
        max: usize,
        required: bool,
    ) -> Option<String> {
        let text = normalize_name(raw);
        if text.is_empty() {
            if required {
                self.push(field, format!("请填写{what}。"));
            }
            return None;
        }
        let count = text.chars().count();
        if count > max {
            self.push(
                field,
                format!("{what}不能超过{max}个字（现在是{count}个字）。"),
            );
        } else if text.chars().any(char::is_control) {
            self.push(field, format!("{what}含有不可见的控制字符，请重新输入。"));
        }
        Some(text)
    }

    /// A choice among keys; `None` (with an issue) when missing or unknown.
    fn choice<T>(
        &mut self,
        raw: &str,
        field: CaseField,
        prompt: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let key = raw.trim();
        let value = parse(key);
        if value.is_none() {
            self.push(field, prompt.to_string());
        }
        value
    }

    /// A set of choices: unknown keys and repeats are problems; the result follows `all`'s order.
    fn set<T: Copy + PartialEq>(
        &mut self,
        raw: &[String],
        field: CaseField,
        what: &str,
        all: &[T],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Vec<T> {
        let mut chosen = Vec::new();
        for key in raw {
            match parse(key.trim()) {
                Some(value) if chosen.contains(&value) => {
                    self.push(field, format!("{what}“{}”重复选择。", key.trim()));
                }
                Some(value) => chosen.push(value),
                None => self.push(field, format!("没有这一{what}：“{}”。", key.trim())),
            }
        }
        all.iter().copied().filter(|v| chosen.contains(v)).collect()
    }
}

fn category_key(category: OffenceCategory) -> String {
    serde_json::to_value(category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn category_from_key(key: &str) -> Option<OffenceCategory> {
    OffenceCategory::ALL
        .into_iter()
        .find(|c| category_key(*c) == key)
}

/// The duty links the guide offers for this person: an officer's own duty (第四十条), a person
/// of 第四十一条 (who is covered only while assisting), or a relative (第二条).
fn duty_options(status: Option<PersonStatus>, relative: Option<bool>) -> &'static [DutyLink] {
    match (relative, status) {
        (Some(true), _) => &[
            DutyLink::BecauseOfDuty,
            DutyLink::Unsure,
            DutyLink::Unrelated,
        ],
        (Some(false), Some(s)) if s.by_reference().is_some() => {
            &[DutyLink::OnDuty, DutyLink::Retaliation, DutyLink::Unrelated]
        }
        (Some(false), Some(_)) => &[
            DutyLink::OnDuty,
            DutyLink::OffDutyActing,
            DutyLink::Retaliation,
            DutyLink::Unrelated,
        ],
        _ => DutyLink::ALL,
    }
}

fn relation_or_text(
    check: &mut Check,
    raw: &str,
    near: bool,
    field: CaseField,
) -> Option<Result<Relation, String>> {
    if near {
        check
            .choice(
                raw,
                field,
                "请选择与民警的关系：配偶、父亲、母亲、儿子、女儿或同胞兄弟姊妹（第三十九条）。",
                Relation::from_key,
            )
            .map(Ok)
    } else {
        check
            .line(raw, field, "与民警的关系", MAX_PERSON_NAME_CHARS, true)
            .map(Err)
    }
}

/// Validates the form, reporting every problem at once. `today` bounds every date: nothing
/// that happened may lie in the future.
pub fn validate(input: &CaseInput, today: NaiveDate) -> Result<CaseFacts, Vec<Issue>> {
    let mut check = Check { issues: Vec::new() };
    let c = &mut check;

    let applicant = applicant(c, input);
    let status = c.choice(
        &input.status,
        CaseField::Status,
        "请选择当事人身份：民警、辅警、职工、外省市民警或公安院校学员（第四十一条）。",
        PersonStatus::from_key,
    );
    let officer = officer(c, input, status);
    let harmed = harmed(c, input);

    let date = match parse_date(&input.incident_date) {
        Ok(date) if date > today => {
            c.push(CaseField::IncidentDate, "事件发生日期晚于今天，请检查。");
            None
        }
        Ok(date) => Some(date),
        Err(e) => {
            c.push(CaseField::IncidentDate, format!("事件发生日期：{e}。"));
            None
        }
    };
    let time = parse_time(&input.incident_time)
        .map_err(|message| c.push(CaseField::IncidentTime, message))
        .ok();
    let place = c.line(
        &input.incident_place,
        CaseField::IncidentPlace,
        "事件发生地点",
        MAX_PLACE_CHARS,
        true,
    );
    // The kind chosen decides the duty options even when the relation is still missing.
    let relative = match input.harmed.trim() {
        "self" => Some(false),
        "near_relative" | "other_relative" => Some(true),
        _ => None,
    };
    let options = duty_options(status, relative);
    let duty = c.choice(
        &input.duty,
        CaseField::Duty,
        "请选择侵害与履行职责的关系。",
        |key| DutyLink::from_id(key).filter(|d| options.contains(d)),
    );
    let site = c.choice(
        &input.site,
        CaseField::Site,
        "请选择现场或非现场（第十一条、第三十一条）。",
        Site::from_key,
    );

    let grounds = c.set(
        &input.grounds,
        CaseField::Grounds,
        "申请事由",
        Ground::ALL,
        Ground::from_id,
    );
    if input.grounds.is_empty() {
        c.push(CaseField::Grounds, "请至少选择一项第三十条规定的申请事由。");
    }
    let categories = c.set(
        &input.categories,
        CaseField::Categories,
        "侵权行为类型",
        &OffenceCategory::ALL,
        category_from_key,
    );
    let accountability = accountability(c, input, &grounds, date, today);

    let injury = c.choice(
        &input.injury,
        CaseField::Injury,
        "请选择伤情：未受伤、轻微伤、轻伤、重伤、死亡或受伤待鉴定。",
        Injury::from_id,
    );
    let property_loss = parse_yuan(&input.property_loss_yuan)
        .map_err(|e| c.push(CaseField::PropertyLoss, format!("财产损失：{e}。")))
        .ok();
    let evidence = evidence(c, &input.evidence);
    let help = c.set(
        &input.help,
        CaseField::Help,
        "帮助事项",
        &HelpKind::ALL,
        HelpKind::from_key,
    );
    let summary = summary(c, &input.summary);

    let at = date.zip(time).map(|(d, t)| NaiveDateTime::new(d, t));
    match (
        applicant,
        status,
        officer,
        harmed,
        at,
        place,
        duty,
        site,
        injury,
        property_loss,
        summary,
    ) {
        (
            Some(applicant),
            Some(status),
            Some(officer),
            Some(harmed),
            Some(at),
            Some(place),
            Some(duty),
            Some(site),
            Some(injury),
            Some(property_loss),
            Some(summary),
        ) if check.issues.is_empty() => Ok(CaseFacts {
            applicant,
            status,
            officer,
            harmed,
            incident: Incident {
                at,
                place,
                duty,
                site,
            },
            grounds,
            categories,
            accountability,
            injury,
            property_loss,
            evidence,
            help,
            online: input.online,
            public_opinion_risk: input.public_opinion_risk,
            major_or_urgent: input.major_or_urgent,
            summary,
        }),
        _ => Err(check.issues),
    }
}

fn applicant(c: &mut Check, input: &CaseInput) -> Option<Applicant> {
    let kind = c.choice(
        &input.applicant_kind,
        CaseField::ApplicantKind,
        "请选择申请人：民警本人、近亲属、其他亲属或民警所在部门（第三十条）。",
        |key| {
            ["officer", "near_relative", "other_relative", "department"]
                .into_iter()
                .find(|k| *k == key)
        },
    )?;
    match kind {
        "officer" => Some(Applicant::Officer),
        "department" => c
            .line(
                &input.applicant_department,
                CaseField::ApplicantDepartment,
                "申请部门名称",
                MAX_UNIT_CHARS,
                true,
            )
            .map(|name| Applicant::Department { name }),
        relative => {
            let near = relative == "near_relative";
            let name = c.line(
                &input.applicant_name,
                CaseField::ApplicantName,
                "申请人姓名",
                MAX_PERSON_NAME_CHARS,
                true,
            );
            let relation = relation_or_text(
                c,
                &input.applicant_relation,
                near,
                CaseField::ApplicantRelation,
            );
            match (name, relation) {
                (Some(name), Some(Ok(relation))) => {
                    Some(Applicant::NearRelative { name, relation })
                }
                (Some(name), Some(Err(relation))) => {
                    Some(Applicant::OtherRelative { name, relation })
                }
                _ => None,
            }
        }
    }
}

fn officer(c: &mut Check, input: &CaseInput, status: Option<PersonStatus>) -> Option<Officer> {
    let name = c.line(
        &input.officer_name,
        CaseField::OfficerName,
        "当事人姓名",
        MAX_PERSON_NAME_CHARS,
        true,
    );
    let badge_required = status.is_some_and(PersonStatus::is_police_officer);
    let badge = input.officer_badge.trim();
    if badge.is_empty() {
        if badge_required {
            c.push(CaseField::OfficerBadge, "请填写民警的警号。");
        }
    } else if badge.chars().count() > MAX_BADGE_CHARS
        || !badge.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        c.push(
            CaseField::OfficerBadge,
            format!("警号只能由数字或英文字母组成，最多{MAX_BADGE_CHARS}位。"),
        );
    }
    let unit = c.line(
        &input.officer_unit,
        CaseField::OfficerUnit,
        "当事人所在单位",
        MAX_UNIT_CHARS,
        true,
    );
    let post = c.line(
        &input.officer_post,
        CaseField::OfficerPost,
        "岗位",
        MAX_POST_CHARS,
        false,
    );
    Some(Officer {
        name: name?,
        badge: (!badge.is_empty()).then(|| badge.to_ascii_uppercase()),
        unit: unit?,
        post,
    })
}

fn harmed(c: &mut Check, input: &CaseInput) -> Option<HarmedPerson> {
    let kind = c.choice(
        &input.harmed,
        CaseField::Harmed,
        "请选择受侵害的人：当事人本人、近亲属或其他亲属。",
        |key| {
            ["self", "near_relative", "other_relative"]
                .into_iter()
                .find(|k| *k == key)
        },
    )?;
    if kind == "self" {
        return Some(HarmedPerson::TheOfficer);
    }
    match relation_or_text(
        c,
        &input.harmed_relation,
        kind == "near_relative",
        CaseField::HarmedRelation,
    )? {
        Ok(relation) => Some(HarmedPerson::NearRelative { relation }),
        Err(relation) => Some(HarmedPerson::OtherRelative { relation }),
    }
}

fn accountability(
    c: &mut Check,
    input: &CaseInput,
    grounds: &[Ground],
    incident: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Accountability> {
    let typed = [
        &input.sanction,
        &input.sanction_decision,
        &input.sanction_decided_by,
        &input.sanction_date,
    ]
    .iter()
    .any(|s| !s.trim().is_empty());
    if !grounds.contains(&Ground::WrongfulAccountability) {
        if typed {
            c.push(
                CaseField::Sanction,
                "只有选择申请事由“认为受到错误追究或者对责任追究有异议”时，才填写所受处分或处理。",
            );
        }
        return None;
    }
    let sanction = c.choice(
        &input.sanction,
        CaseField::Sanction,
        "请选择所受的责任追究：记大过以上处分或辞退、其他处分或处理、正在接受调查。",
        Sanction::from_id,
    );
    let decision = c.line(
        &input.sanction_decision,
        CaseField::SanctionDecision,
        "处分或处理决定的名称",
        MAX_DESCRIPTION_CHARS,
        true,
    );
    let decided_by = c.line(
        &input.sanction_decided_by,
        CaseField::SanctionDecidedBy,
        "作出决定的部门",
        MAX_UNIT_CHARS,
        true,
    );
    let decided_on = match parse_date(&input.sanction_date) {
        Ok(date) if date > today => {
            c.push(CaseField::SanctionDate, "决定日期晚于今天，请检查。");
            None
        }
        Ok(date) if incident.is_some_and(|i| date < i) => {
            c.push(
                CaseField::SanctionDate,
                "决定日期早于事件发生日期，请检查。",
            );
            None
        }
        Ok(date) => Some(date),
        Err(e) => {
            c.push(CaseField::SanctionDate, format!("决定日期：{e}。"));
            None
        }
    };
    Some(Accountability {
        sanction: sanction?,
        decision: decision?,
        decided_by: decided_by?,
        decided_on: decided_on?,
    })
}

fn evidence(c: &mut Check, rows: &[EvidenceInput]) -> Vec<Evidence> {
    if rows.len() > MAX_EVIDENCE_ITEMS {
        c.push(
            CaseField::EvidenceList,
            format!("证据最多{MAX_EVIDENCE_ITEMS}项（现在是{}项）。", rows.len()),
        );
    }
    let mut seen_ids: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let description = c.line(
            &row.description,
            CaseField::EvidenceDescription { evidence: i },
            &format!("第{}项证据的说明", i + 1),
            MAX_DESCRIPTION_CHARS,
            true,
        );
        if row.attachments.len() > MAX_ATTACHMENTS_PER_EVIDENCE {
            c.push(
                CaseField::EvidenceDescription { evidence: i },
                format!(
                    "第{}项证据最多附{MAX_ATTACHMENTS_PER_EVIDENCE}个文件。",
                    i + 1
                ),
            );
        }
        let mut attachments = Vec::new();
        for (j, file) in row.attachments.iter().enumerate() {
            let field = CaseField::Attachment {
                evidence: i,
                attachment: j,
            };
            let label = format!("第{}项证据的第{}个文件", i + 1, j + 1);
            if let Some(problem) = attachment_problem(file) {
                c.push(field, format!("{label}{problem}"));
            } else if seen_ids.contains(&file.id.as_str()) {
                c.push(field, format!("{label}重复附加了同一文件。"));
            } else {
                seen_ids.push(&file.id);
                attachments.push(AttachmentRef {
                    id: file.id.clone(),
                    file_name: file.file_name.trim().to_string(),
                    mime: file.mime.trim().to_ascii_lowercase(),
                    size: file.size,
                });
            }
        }
        if let Some(description) = description {
            out.push(Evidence {
                description,
                attachments,
            });
        }
    }
    out
}

fn attachment_problem(file: &AttachmentRef) -> Option<String> {
    let id_ok = !file.id.is_empty()
        && file.id.len() <= MAX_ATTACHMENT_ID_CHARS
        && file
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !id_ok {
        return Some("的存储编号无效，请重新上传。".into());
    }
    let name = file.file_name.trim();
    if name.is_empty() {
        return Some("没有文件名。".into());
    }
    if name.chars().count() > MAX_FILE_NAME_CHARS {
        return Some(format!("的文件名超过{MAX_FILE_NAME_CHARS}个字。"));
    }
    if name
        .chars()
        .any(|ch| ch.is_control() || ch == '/' || ch == '\\')
    {
        return Some("的文件名含有“/”“\\”或控制字符。".into());
    }
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    let mime_ok = file
        .mime
        .trim()
        .split_once('/')
        .is_some_and(|(t, s)| token(t) && token(s));
    if !mime_ok {
        return Some(format!("的文件类型“{}”无效。", file.mime.trim()));
    }
    if file.size == 0 {
        return Some("是空文件。".into());
    }
    if file.size > MAX_ATTACHMENT_BYTES {
        return Some(format!(
            "超过{}MB，请截取相关部分后再上传。",
            MAX_ATTACHMENT_BYTES / 1024 / 1024
        ));
    }
    None
}

fn summary(c: &mut Check, raw: &str) -> Option<String> {
    let text = raw.replace("\r\n", "\n").trim().to_string();
    if text.is_empty() {
        c.push(CaseField::Summary, "请简要说明事情经过。");
        return None;
    }
    let count = text.chars().count();
    if count > MAX_SUMMARY_CHARS {
        c.push(
            CaseField::Summary,
            format!("事情经过不能超过{MAX_SUMMARY_CHARS}个字（现在是{count}个字）。"),
        );
    } else if text
        .chars()
        .any(|ch| ch.is_control() && ch != '\n' && ch != '\t')
    {
        c.push(
            CaseField::Summary,
            "事情经过含有不可见的控制字符，请重新输入。",
        );
    }
    Some(text)
}

impl From<&CaseFacts> for CaseInput {
    /// The form filled with validated facts, for editing: validating it gives the facts back.
    fn from(f: &CaseFacts) -> Self {
        let (applicant_name, applicant_relation, applicant_department) = match &f.applicant {
            Applicant::Officer => (String::new(), String::new(), String::new()),
            Applicant::NearRelative { name, relation } => {
                (name.clone(), relation.key().to_string(), String::new())
            }
            Applicant::OtherRelative { name, relation } => {
                (name.clone(), relation.clone(), String::new())
            }
            Applicant::Department { name } => (String::new(), String::new(), name.clone()),
        };
        let harmed_relation = match &f.harmed {
            HarmedPerson::TheOfficer => String::new(),
            HarmedPerson::NearRelative { relation } => relation.key().to_string(),
            HarmedPerson::OtherRelative { relation } => relation.clone(),
        };
        let acc = f.accountability.as_ref();
        CaseInput {
            applicant_kind: f.applicant.key().to_string(),
            applicant_name,
            applicant_relation,
            applicant_department,
            status: f.status.key().to_string(),
            officer_name: f.officer.name.clone(),
            officer_badge: f.officer.badge.clone().unwrap_or_default(),
            officer_unit: f.officer.unit.clone(),
            officer_post: f.officer.post.clone().unwrap_or_default(),
            harmed: f.harmed.key().to_string(),
            harmed_relation,
            incident_date: f.incident.at.date().format("%Y-%m-%d").to_string(),
            incident_time: f.incident.at.time().format("%H:%M:%S").to_string(),
            incident_place: f.incident.place.clone(),
            duty: f.incident.duty.id().to_string(),
            site: f.incident.site.key().to_string(),
            grounds: f.grounds.iter().map(|g| g.id().to_string()).collect(),
            categories: f.categories.iter().map(|c| category_key(*c)).collect(),
            sanction: acc.map(|a| a.sanction.id().to_string()).unwrap_or_default(),
            sanction_decision: acc.map(|a| a.decision.clone()).unwrap_or_default(),
            sanction_decided_by: acc.map(|a| a.decided_by.clone()).unwrap_or_default(),
            sanction_date: acc
                .map(|a| a.decided_on.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            injury: f.injury.id().to_string(),
            property_loss_yuan: f.property_loss.yuan_text(),
            evidence: f
                .evidence
                .iter()
                .map(|e| EvidenceInput {
                    description: e.description.clone(),
                    attachments: e.attachments.clone(),
                })
                .collect(),
            help: f.help.iter().map(|h| h.key().to_string()).collect(),
            online: f.online,
            public_opinion_risk: f.public_opinion_risk,
            major_or_urgent: f.major_or_urgent,
            summary: f.summary.clone(),
        }
    }
}

impl CaseInput {
    /// The form prefilled from the offence guide's result: grounds, who was harmed, the act's
    /// date, categories, injury, sanction, on-site and the summary. The guide's property loss is
    /// a rough class, not an amount, so the amount is left for the user to type.
    pub fn from_carry_over(carry: &CarryOver) -> CaseInput {
        let (status, harmed) = match carry.victim {
            Some(Victim::NearRelative) => (Some(PersonStatus::Officer), Some("near_relative")),
            Some(Victim::OtherRelative) => (Some(PersonStatus::Officer), Some("other_relative")),
            Some(other) => (
                PersonStatus::ALL.into_iter().find(|s| s.victim() == other),
                Some("self"),
            ),
            None => (None, None),
        };
        CaseInput {
            status: status.map(|s| s.key().to_string()).unwrap_or_default(),
            harmed: harmed.unwrap_or_default().to_string(),
            incident_date: carry
                .act_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            site: if carry.on_site {
                Site::OnSite.key().to_string()
            } else {
                String::new()
            },
            grounds: carry
                .ground
                .map(|g| g.id().to_string())
                .into_iter()
                .collect(),
            categories: carry.categories.iter().map(|c| category_key(*c)).collect(),
            sanction: carry
                .sanction
                .map(|s| s.id().to_string())
                .unwrap_or_default(),
            injury: carry.injury.map(|i| i.id().to_string()).unwrap_or_default(),
            summary: carry.summary.clone(),
            ..CaseInput::default()
        }
    }
}
