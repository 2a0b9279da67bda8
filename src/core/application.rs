//! The guided application of 第三十条 as an officer or family member fills it in: who may apply
//! for whom (第三十、三十九、四十一条), the wizard's steps and their validation, the application
//! package handed to the 维权办 (a checksummed JSON file), and the dates that follow receipt
//! (第三十一、三十二条).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::core::calendar::Calendar;
use crate::core::case::{CaseFacts, CaseField, CaseInput, Issue, PersonStatus, Relation, validate};
use crate::core::deadline::{self, Deadline, PeriodId, Readings};
use crate::core::guide::DutyLink;

/// Who applies, without names: what eligibility depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "relation", rename_all = "snake_case")]
pub enum ApplicantRole {
    /// 第三十条: 民警本人 (or the person of 第四十一条 himself).
    Themself,
    /// 第三十、三十九条: a near relative.
    NearRelative(Relation),
    /// 第三十九条第二句: another relative, 参照.
    OtherRelative,
    /// 第三十条: 民警所在部门.
    Department,
}

impl ApplicantRole {
    /// Every role, near relatives in the order of 第三十九条.
    pub fn all() -> Vec<ApplicantRole> {
        let mut all = vec![ApplicantRole::Themself];
        all.extend(Relation::ALL.map(ApplicantRole::NearRelative));
        all.push(ApplicantRole::OtherRelative);
        all.push(ApplicantRole::Department);
        all
    }

    /// The role a typed form describes (`applicant_kind` and, for a near relative,
    /// `applicant_relation`); `None` while it is incomplete.
    pub fn from_input(input: &CaseInput) -> Option<ApplicantRole> {
        match input.applicant_kind.trim() {
            "officer" => Some(ApplicantRole::Themself),
            "near_relative" => {
                Relation::from_key(input.applicant_relation.trim()).map(ApplicantRole::NearRelative)
            }
            "other_relative" => Some(ApplicantRole::OtherRelative),
            "department" => Some(ApplicantRole::Department),
            _ => None,
        }
    }
}

/// The result of the eligibility check, with the articles it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEligibility {
    /// Whether the 细则 lets this applicant apply for this person.
    pub may_apply: bool,
    /// The articles applied directly.
    pub articles: Vec<u8>,
    /// The articles that bring the case in only 「参照」 (39, 41).
    pub by_reference: Vec<u8>,
    /// The condition the person must meet, if any (第四十一条: harmed while assisting in this city).
    pub condition: Option<String>,
    /// The explanation in plain Chinese, citing the articles.
    pub explanation: String,
}

impl ApplicationEligibility {
    /// Whether any part holds only by reference.
    pub fn is_by_reference(&self) -> bool {
        !self.by_reference.is_empty()
    }
}

/// 第三十、三十九、四十一条: whether `role` may apply for a person of `status`. 第三十条 names
/// the officer, his near relatives and his department; 第三十九条 defines the near relatives
/// and brings other relatives in 「参照」; 第四十一条 brings auxiliary officers, staff,
/// out-of-province officers and academy trainees in 「参照」, while assisting in this city. The
/// 细则 excludes no combination, so every one may apply; what differs is the footing.
pub fn eligibility(role: ApplicantRole, status: PersonStatus) -> ApplicationEligibility {
    let mut articles = vec![30];
    let mut by_reference = Vec::new();
    match role {
        ApplicantRole::NearRelative(_) => articles.push(39),
        ApplicantRole::OtherRelative => by_reference.push(39),
        ApplicantRole::Themself | ApplicantRole::Department => {}
    }
    let person = status.label();
    let mut text = match role {
        ApplicantRole::Themself => {
            format!("依照第三十条，{person}本人可以向所属单位维权办提出维护执法权威申请。")
        }
        ApplicantRole::NearRelative(relation) => format!(
            "第三十九条所称近亲属是指夫、妻、父、母、子、女、同胞兄弟姊妹；{}属于近亲属，依照第三十条可以为{person}提出申请。",
            relation.label()
        ),
        ApplicantRole::OtherRelative => format!(
            "其他亲属不在第三十九条所列近亲属之内；依照第三十九条“民警其他亲属遭受侵犯参照本实施办法开展相关工作”，其他亲属为{person}提出的申请参照办理。"
        ),
        ApplicantRole::Department => {
            format!("依照第三十条，{person}所在部门可以向所属单位维权办提出申请。")
        }
    };
    let condition = match status.by_reference() {
        Some(article) => {
            by_reference.push(article);
            text.push_str(&format!(
                "当事人是{person}，不是本市公安民警：依照第四十一条，在本市协助履行职责、行使职权过程中受到不法侵害的，参照本实施办法开展相关工作。"
            ));
            Some("在本市协助履行职责、行使职权过程中受到不法侵害（第四十一条）".to_string())
        }
        None => None,
    };
    by_reference.sort_unstable();
    by_reference.dedup();
    if !by_reference.is_empty() {
        text.push_str("本申请属于参照办理。");
    }
    ApplicationEligibility {
        may_apply: true,
        articles,
        by_reference,
        condition,
        explanation: text,
    }
}

/// 第四十条, 第四十一条: what the duty link means for the application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyNote {
    /// Whether the act falls within the 细则 on this link.
    pub covered: bool,
    /// The article relied on.
    pub article: u8,
    /// The explanation in plain Chinese.
    pub explanation: String,
}

/// 第四十条: off-duty action under the law is deemed performance of duty; 第四十一条: a person
/// covered by reference only while assisting; 第二条: harm unrelated to duty is outside the 细则.
pub fn duty_note(status: PersonStatus, duty: DutyLink) -> DutyNote {
    match duty {
        DutyLink::OffDutyActing if status.by_reference().is_some() => DutyNote {
            covered: false,
            article: 41,
            explanation: "第四十条只适用于民警；辅警、职工、学员等依照第四十一条，仅在本市协助履行职责、行使职权过程中受到不法侵害的才参照办理。".into(),
        },
        DutyLink::OffDutyActing => DutyNote {
            covered: true,
            article: 40,
            explanation: "依照第四十条，民警在非工作时间依照《中华人民共和国人民警察法》等法律履行职责的，应当视为执行职务。".into(),
        },
        DutyLink::OnDuty if status.by_reference().is_some() => DutyNote {
            covered: true,
            article: 41,
            explanation: "依照第四十一条，在本市协助履行职责、行使职权过程中受到不法侵害的，参照本实施办法开展相关工作。".into(),
        },
        DutyLink::Unrelated => DutyNote {
            covered: false,
            article: 2,
            explanation: "与履行职责无关的侵害不属于维护执法权威的范围，可以向公安机关报案或者通过其他途径解决。".into(),
        },
        DutyLink::Unsure => DutyNote {
            covered: true,
            article: 30,
            explanation: "是否因民警履行职责而受到侵害，可以在申请中如实说明，由维权办审查认定（第三十一条）。".into(),
        },
        DutyLink::OnDuty | DutyLink::Retaliation | DutyLink::BecauseOfDuty => DutyNote {
            covered: true,
            article: 30,
            explanation: "依照第三十条，认为因依法履行职责、行使职权受到侵犯的，可以提出申请。".into(),
        },
    }
}

/// The applicant's contact details: kept only in the draft and the package, never in the case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// A phone number the office can call back.
    pub phone: String,
}

/// The wizard's whole state as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    /// The case form.
    pub input: CaseInput,
    /// Contact details.
    pub contact: Contact,
    /// Consent to the use of the data for this procedure.
    pub consent: bool,
}

/// A control of the wizard outside the case form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraField {
    /// The applicant's phone.
    Phone,
    /// The consent box.
    Consent,
}

/// A control of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WizardField {
    /// A case-form control.
    Case(CaseField),
    /// A wizard-only control.
    Extra(ExtraField),
}

impl WizardField {
    /// The id of the form control.
    pub fn control_id(self) -> String {
        match self {
            WizardField::Case(field) => field.control_id(),
            WizardField::Extra(ExtraField::Phone) => "contact-phone".into(),
            WizardField::Extra(ExtraField::Consent) => "consent".into(),
        }
    }
}

/// One problem on a wizard screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepIssue {
    /// The control at fault.
    pub field: WizardField,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// The screens that ask questions, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 第三十条: who applies, and how related.
    Applicant,
    /// 第四十一条: for whom: the person's status and details, and who was harmed.
    Person,
    /// 第三十条: the grounds.
    Ground,
    /// What happened: date, place, duty (第四十条), site, what was done.
    Incident,
    /// Injury and losses.
    Harm,
    /// Help wanted.
    Help,
    /// The applicant's phone.
    Contact,
    /// Consent.
    Consent,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 8] = [
        Step::Applicant,
        Step::Person,
        Step::Ground,
        Step::Incident,
        Step::Harm,
        Step::Help,
        Step::Contact,
        Step::Consent,
    ];

    /// The URL slug.
    pub const fn slug(self) -> &'static str {
        match self {
            Step::Applicant => "applicant",
            Step::Person => "person",
            Step::Ground => "ground",
            Step::Incident => "incident",
            Step::Harm => "harm",
            Step::Help => "help",
            Step::Contact => "contact",
            Step::Consent => "consent",
        }
    }

    /// The step with this slug.
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step's position, from 1.
    pub fn number(self) -> usize {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(1, |i| i + 1)
    }

    /// The next step, `None` after the last.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    /// The previous step, `None` before the first.
    pub fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i))
            .copied()
    }

    /// The screen's heading.
    pub const fn title(self) -> &'static str {
        match self {
            Step::Applicant => "谁提出申请？",
            Step::Person => "为谁申请？",
            Step::Ground => "申请的理由是什么？",
            Step::Incident => "发生了什么？",
            Step::Harm => "伤情和损失",
            Step::Help => "希望得到哪些帮助？",
            Step::Contact => "联系方式",
            Step::Consent => "同意使用所填信息",
        }
    }

    /// The case-form controls asked on this screen.
    pub fn fields(self) -> &'static [CaseField] {
        match self {
            Step::Applicant => &[
                CaseField::ApplicantKind,
                CaseField::ApplicantName,
                CaseField::ApplicantRelation,
                CaseField::ApplicantDepartment,
            ],
            Step::Person => &[
                CaseField::Status,
                CaseField::OfficerName,
                CaseField::OfficerBadge,
                CaseField::OfficerUnit,
                CaseField::OfficerPost,
                CaseField::Harmed,
                CaseField::HarmedRelation,
            ],
            Step::Ground => &[
                CaseField::Grounds,
                CaseField::Sanction,
                CaseField::SanctionDecision,
                CaseField::SanctionDecidedBy,
                CaseField::SanctionDate,
            ],
            Step::Incident => &[
                CaseField::IncidentDate,
                CaseField::IncidentTime,
                CaseField::IncidentPlace,
                CaseField::Duty,
                CaseField::Site,
                CaseField::Categories,
                CaseField::Summary,
            ],
            Step::Harm => &[CaseField::Injury, CaseField::PropertyLoss],
            Step::Help => &[CaseField::Help],
            Step::Contact | Step::Consent => &[],
        }
    }
}

/// Longest phone number accepted, in characters.
pub const MAX_PHONE_CHARS: usize = 20;

fn phone_issue(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.is_empty() {
        Some("请填写联系电话，维权办将通过这个号码联系您。".into())
    } else if phone.chars().count() > MAX_PHONE_CHARS
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' ' | '(' | ')'))
        || !(5..=15).contains(&digits)
    {
        Some(
            "联系电话只能由数字、“-”“+”、空格和括号组成，例如 0573-82000000 或 13800000000。"
                .into(),
        )
    } else {
        None
    }
}

/// Every problem on one screen, checked against the whole form (so a later screen's answer
/// never blocks an earlier one, and no problem of this screen is held back).
pub fn validate_step(form: &ApplicationForm, step: Step, today: NaiveDate) -> Vec<StepIssue> {
    let mut issues: Vec<StepIssue> = match validate(&form.input, today) {
        Ok(_) => Vec::new(),
        Err(all) => all
            .into_iter()
            .filter(|i| step.fields().contains(&i.field))
            .map(|i| StepIssue {
                field: WizardField::Case(i.field),
                message: i.message,
            })
            .collect(),
    };
    match step {
        Step::Contact => {
            if let Some(message) = phone_issue(&form.contact.phone) {
                issues.push(StepIssue {
                    field: WizardField::Extra(ExtraField::Phone),
                    message,
                });
            }
        }
        Step::Consent if !form.consent => issues.push(StepIssue {
            field: WizardField::Extra(ExtraField::Consent),
            message: "请勾选同意，维权办才能使用所填信息办理本申请。".into(),
        }),
        _ => {}
    }
    issues
}

/// The first step with a problem, or `None` when the application is complete.
pub fn first_incomplete(form: &ApplicationForm, today: NaiveDate) -> Option<Step> {
    Step::ALL
        .into_iter()
        .find(|s| !validate_step(form, *s, today).is_empty())
}

/// A complete application: the validated facts and the wizard-only answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The facts as validated.
    pub facts: CaseFacts,
    /// Contact details.
    pub contact: Contact,
}

/// Checks the whole form; every problem at once, in step order.
pub fn complete(form: &ApplicationForm, today: NaiveDate) -> Result<Application, Vec<StepIssue>> {
    let mut issues: Vec<StepIssue> = Vec::new();
    for step in Step::ALL {
        issues.extend(validate_step(form, step, today));
    }
    match validate(&form.input, today) {
        Ok(facts) if issues.is_empty() => Ok(Application {
            facts,
            contact: Contact {
                phone: form.contact.phone.trim().to_string(),
            },
        }),
        Ok(_) => Err(issues),
        Err(all) => {
            // A problem no screen asks about (the evidence rows the wizard does not show).
            for Issue { field, message } in all {
                if !Step::ALL.iter().any(|s| s.fields().contains(&field)) {
                    issues.push(StepIssue {
                        field: WizardField::Case(field),
                        message,
                    });
                }
            }
            Err(issues)
        }
    }
}

/// The package's `format` value.
pub const PACKAGE_FORMAT: &str = "weiquan-application";
/// The package version this build writes and reads.
pub const PACKAGE_VERSION: u32 = 1;
/// Largest package accepted (5 MB).
pub const MAX_PACKAGE_BYTES: usize = 5 * 1024 * 1024;
/// Most attachment names listed in a package.
pub const MAX_PACKAGE_ATTACHMENTS: usize = 100;

/// What the checksum covers, in its canonical order.
#[derive(Serialize)]
struct Body<'a> {
    format: &'a str,
    version: u32,
    created_at: &'a str,
    input: &'a CaseInput,
    contact: &'a Contact,
    consent: bool,
    attachments: &'a [String],
}

/// The file as read, before any check but the schema.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackage {
    format: String,
    version: u32,
    created_at: String,
    input: CaseInput,
    contact: Contact,
    consent: bool,
    attachments: Vec<String>,
    sha256: String,
}

/// A verified application package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// When the applicant produced it (local time).
    pub created_at: NaiveDateTime,
    /// The form as typed (validates to `facts`).
    pub input: CaseInput,
    /// The validated facts.
    pub facts: CaseFacts,
    /// Contact details.
    pub contact: Contact,
    /// Names of files the applicant will hand over separately (the package carries none).
    pub attachments: Vec<String>,
    /// The package's checksum (lower-case hex), the key for duplicate detection.
    pub sha256: String,
}

/// Why a package was refused; nothing of a refused package is used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// Larger than [`MAX_PACKAGE_BYTES`].
    #[error("文件过大（{0}字节），申请文件不超过5MB，请确认选择的是维权申请文件。")]
    TooLarge(usize),
    /// Empty.
    #[error("文件是空的，请重新选择申请文件。")]
    Empty,
    /// The JSON ends early: the file was cut off.
    #[error("申请文件不完整（可能下载或复制时被截断），请让申请人重新导出。")]
    Truncated,
    /// Not JSON, or not this app's application.
    #[error("这不是维权申请文件，请选择由“维权申请”页面导出的文件。")]
    Foreign,
    /// A version this build cannot read.
    #[error("申请文件的版本（{0}）不受支持，请更新本系统或让申请人用当前版本重新导出。")]
    UnsupportedVersion(u64),
    /// Fields missing, extra or of the wrong type.
    #[error("申请文件的格式不正确（{0}），请让申请人重新导出。")]
    Schema(String),
    /// The checksum does not match the content.
    #[error("申请文件的校验值与内容不符，文件可能被修改过，不能导入。")]
    Tampered,
    /// The content fails validation.
    #[error("申请内容有误，不能导入：{0}")]
    Invalid(String),
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn body_text(body: &Body<'_>) -> String {
    // Serializing plain strings, bools and numbers in a struct cannot fail.
    serde_json::to_string(body).unwrap_or_default()
}

/// The package for a complete form: `{format, version, created_at, input, contact, consent,
/// attachments, sha256}`, the checksum over the compact JSON of everything else in that order.
pub fn export_package(form: &ApplicationForm, created_at: NaiveDateTime) -> String {
    let created = created_at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let body = Body {
        format: PACKAGE_FORMAT,
        version: PACKAGE_VERSION,
        created_at: &created,
        input: &form.input,
        contact: &form.contact,
        consent: form.consent,
        attachments: &[],
    };
    let sha = sha256_hex(&body_text(&body));
    let mut value = serde_json::to_value(&body).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("sha256".into(), serde_json::Value::String(sha));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Reads a package: size, format, version, schema, checksum and content (validated against
/// `today`, since nothing may lie in the future) are all checked; any failure refuses the whole.
pub fn parse_package(text: &str, today: NaiveDate) -> Result<Package, PackageError> {
    if text.len() > MAX_PACKAGE_BYTES {
        return Err(PackageError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PackageError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            PackageError::Truncated
        } else {
            PackageError::Foreign
        }
    })?;
    let object = value.as_object().ok_or(PackageError::Foreign)?;
    if object.get("format").and_then(|f| f.as_str()) != Some(PACKAGE_FORMAT) {
        return Err(PackageError::Foreign);
    }
    match object.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(PACKAGE_VERSION) => {}
        Some(v) => return Err(PackageError::UnsupportedVersion(v)),
        None => return Err(PackageError::Schema("缺少版本号".into())),
    }
    let raw: RawPackage =
        serde_json::from_value(value).map_err(|e| PackageError::Schema(e.to_string()))?;
    if raw.attachments.len() > MAX_PACKAGE_ATTACHMENTS {
        return Err(PackageError::Schema(format!(
            "附件最多{MAX_PACKAGE_ATTACHMENTS}个"
        )));
    }
    let body = Body {
        format: &raw.format,
        version: raw.version,
        created_at: &raw.created_at,
        input: &raw.input,
        contact: &raw.contact,
        consent: raw.consent,
        attachments: &raw.attachments,
    };
    let sha = sha256_hex(&body_text(&body));
    if !raw.sha256.eq_ignore_ascii_case(&sha) {
        return Err(PackageError::Tampered);
    }
    let created_at = NaiveDateTime::parse_from_str(&raw.created_at, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| PackageError::Schema("导出时间无效".into()))?;
    let form = ApplicationForm {
        input: raw.input,
        contact: raw.contact,
        consent: raw.consent,
    };
    let application = complete(&form, today).map_err(|issues| {
        PackageError::Invalid(
            issues
                .into_iter()
                .map(|i| i.message)
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;
    if created_at.date() > today {
        return Err(PackageError::Invalid("导出日期晚于今天。".into()));
    }
    if raw.attachments.iter().any(|n| n.chars().count() > 255) {
        return Err(PackageError::Schema("附件名称过长".into()));
    }
    Ok(Package {
        created_at,
        input: form.input,
        facts: application.facts,
        contact: application.contact,
        attachments: raw.attachments,
        sha256: sha,
    })
}

/// One date the applicant can expect, with where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextDate {
    /// The period.
    pub period: PeriodId,
    /// What happens by then, in plain Chinese.
    pub what: String,
    /// The computed deadline (due date, provisional flag, summary).
    pub deadline: Deadline,
}

/// What happens after the application is handed in on `received`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhatNext {
    /// 第三十一条: the reply.
    pub reply: NextDate,
    /// 第三十二条第一款: the investigation, counted from the reply date at the earliest.
    pub investigation: NextDate,
    /// 第三十二条第二款: the window for a review request after receiving the findings.
    pub review_window: String,
    /// 第三十一条: what follows when no reply comes.
    pub deemed_acceptance: String,
}

/// 第三十一、三十二条: the dates from a hand-over on `received` (the reply period is counted
/// from receipt here: the applicant cannot know when the committee consents, so this is the
/// earliest reading and is said to be an estimate). The investigation is shown as if it started
/// on the reply date, the latest the procedure can have started if the office keeps the period.
pub fn what_next(
    calendar: &Calendar,
    received: NaiveDate,
    readings: &Readings,
) -> Result<WhatNext, deadline::DeadlineError> {
    let reply = deadline::compute(calendar, PeriodId::Reply, received, readings)?;
    let investigation = deadline::compute(calendar, PeriodId::Investigation, reply.due, readings)?;
    let reply_citation = PeriodId::Reply.definition().citation;
    let inv_citation = PeriodId::Investigation.definition().citation;
    let review_citation = PeriodId::ReviewRequest.definition().citation;
    Ok(WhatNext {
        reply: NextDate {
            period: PeriodId::Reply,
            what: format!(
                "维权办审查后在3个工作日内答复您是否受理；不受理的，答复时说明理由（{reply_citation}）。"
            ),
            deadline: reply,
        },
        investigation: NextDate {
            period: PeriodId::Investigation,
            what: format!(
                "受理后组织调查核实，在30个工作日内完成；重大、疑难、复杂的，经维权委同意可延长至60日；核查完毕3日内把结果反馈给您（{inv_citation}）。"
            ),
            deadline: investigation,
        },
        review_window: format!(
            "对核查结果有异议的，可以自收到答复之日起10个工作日内向上一级公安机关维权办申请复核（{review_citation}）。"
        ),
        deemed_acceptance: "依照第三十一条，3个工作日内未答复的，视为受理，但因申请人原因无法答复的除外。如果到期没有收到答复，请保留本申请和交件日期的凭据，联系维权办询问办理进展。".into(),
    })
}
