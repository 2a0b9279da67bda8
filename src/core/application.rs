//! The guided application of 第三十条 as an officer or family member fills it in: who may apply
//! for whom (第三十、三十九、四十一条), the wizard's steps and their validation, the application
//! package handed to the 维权办 (a checksummed JSON file), and the dates that follow receipt
//! (第三十一、三十二条).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::core::attachment::{
    AttachmentRefusal, MAX_APPLICATION_FILE_BYTES, MAX_APPLICATION_FILES, attachment_checksum,
    check_application_file, display_name, size_text, type_label,
};
use crate::core::calendar::Calendar;
use crate::core::case::{
    AttachmentRef, CaseFacts, CaseField, CaseInput, EvidenceInput, Issue, MAX_DESCRIPTION_CHARS,
    MAX_EVIDENCE_ITEMS, PersonStatus, Relation, validate,
};
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
    /// Evidence: photos, documents, recordings, embedded in the package.
    Evidence,
    /// Help wanted.
    Help,
    /// The applicant's phone.
    Contact,
    /// Consent.
    Consent,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 9] = [
        Step::Applicant,
        Step::Person,
        Step::Ground,
        Step::Incident,
        Step::Harm,
        Step::Evidence,
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
            Step::Evidence => "evidence",
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
            Step::Evidence => "证据材料",
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
            Step::Evidence | Step::Contact | Step::Consent => &[],
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

/// Whether the control belongs to the evidence screen.
fn is_evidence_field(field: CaseField) -> bool {
    matches!(
        field,
        CaseField::EvidenceList
            | CaseField::EvidenceDescription { .. }
            | CaseField::Attachment { .. }
    )
}

/// Every file of the form, in evidence order.
pub fn form_files(form: &ApplicationForm) -> Vec<&AttachmentRef> {
    form.input
        .evidence
        .iter()
        .flat_map(|e| e.attachments.iter())
        .collect()
}

/// The application's own limits on files (they travel in the package).
fn application_file_issue(form: &ApplicationForm) -> Option<String> {
    let files = form_files(form);
    let total: u64 = files.iter().map(|a| a.size).sum();
    if files.len() > MAX_APPLICATION_FILES {
        Some(format!(
            "每份申请最多附{MAX_APPLICATION_FILES}个文件（现在是{}个），请删除一些。",
            files.len()
        ))
    } else if total > MAX_APPLICATION_FILE_BYTES {
        Some(format!(
            "一份申请的附件合计不能超过{}（现在是{}），请删除一些。",
            size_text(MAX_APPLICATION_FILE_BYTES),
            size_text(total)
        ))
    } else {
        None
    }
}

/// The evidence rows with `files` added as one new item described by `description` (what the
/// files show); every file is checked against the type rules and the application's limits
/// (which the office's intake form shares), and one refusal refuses the whole choice (nothing
/// half-added).
pub fn add_evidence_files(
    evidence: &[EvidenceInput],
    description: &str,
    files: &[AttachmentRef],
) -> Result<Vec<EvidenceInput>, AttachmentRefusal> {
    let description = description.trim();
    if description.is_empty() {
        return Err(AttachmentRefusal::DescriptionMissing);
    }
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(AttachmentRefusal::DescriptionTooLong);
    }
    if evidence.len() >= MAX_EVIDENCE_ITEMS {
        return Err(AttachmentRefusal::TooManyEvidenceItems);
    }
    let existing: Vec<AttachmentRef> = evidence
        .iter()
        .flat_map(|e| e.attachments.iter().cloned())
        .collect();
    let mut cleaned: Vec<AttachmentRef> = Vec::new();
    for file in files {
        let file = AttachmentRef {
            id: file.id.clone(),
            file_name: display_name(&file.file_name),
            mime: file.mime.trim().to_ascii_lowercase(),
            size: file.size,
        };
        check_application_file(&existing, &cleaned, &file)?;
        cleaned.push(file);
    }
    let mut next = evidence.to_vec();
    next.push(EvidenceInput {
        description: description.to_owned(),
        attachments: cleaned,
    });
    Ok(next)
}

/// The evidence rows without file `id`; an item left without files goes too.
pub fn remove_evidence_file(evidence: &[EvidenceInput], id: &str) -> Vec<EvidenceInput> {
    let mut next = evidence.to_vec();
    for item in &mut next {
        item.attachments.retain(|a| a.id != id);
    }
    next.retain(|e| !e.attachments.is_empty());
    next
}

/// The form with `files` added as one new evidence item (see [`add_evidence_files`]).
pub fn add_files(
    form: &ApplicationForm,
    description: &str,
    files: &[AttachmentRef],
) -> Result<ApplicationForm, AttachmentRefusal> {
    let mut next = form.clone();
    next.input.evidence = add_evidence_files(&form.input.evidence, description, files)?;
    Ok(next)
}

/// The form without file `id` (see [`remove_evidence_file`]).
pub fn remove_file(form: &ApplicationForm, id: &str) -> ApplicationForm {
    let mut next = form.clone();
    next.input.evidence = remove_evidence_file(&form.input.evidence, id);
    next
}

/// Every problem on one screen, checked against the whole form (so a later screen's answer
/// never blocks an earlier one, and no problem of this screen is held back).
pub fn validate_step(form: &ApplicationForm, step: Step, today: NaiveDate) -> Vec<StepIssue> {
    let mut issues: Vec<StepIssue> = match validate(&form.input, today) {
        Ok(_) => Vec::new(),
        Err(all) => all
            .into_iter()
            .filter(|i| {
                step.fields().contains(&i.field)
                    || (step == Step::Evidence && is_evidence_field(i.field))
            })
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
        Step::Evidence => {
            if let Some(message) = application_file_issue(form) {
                issues.push(StepIssue {
                    field: WizardField::Case(CaseField::EvidenceList),
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
            // A problem no screen asks about.
            for Issue { field, message } in all {
                if !Step::ALL.iter().any(|s| s.fields().contains(&field))
                    && !is_evidence_field(field)
                {
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
/// The package version this build writes: 2 embeds the evidence files (base64, each with its
/// SHA-256). Version 1 packages (no files, only a list of names) are still read.
pub const PACKAGE_VERSION: u32 = 2;
/// The oldest package version this build reads.
pub const OLDEST_PACKAGE_VERSION: u32 = 1;
/// Largest package accepted (45 MiB: the files' 30 MiB as base64, and the form).
pub const MAX_PACKAGE_BYTES: usize = 45 * 1024 * 1024;
/// Most attachment names listed in a version 1 package.
pub const MAX_PACKAGE_ATTACHMENTS: usize = 100;

/// An evidence file as the applicant attached it: its reference in the form and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageFile {
    /// The reference (id, display name, type, size) as the form's evidence lists it.
    pub reference: AttachmentRef,
    /// SHA-256 of the bytes (lower-case hex).
    pub sha256: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl PackageFile {
    /// The file for `reference` with these bytes (checksum computed here).
    pub fn new(reference: AttachmentRef, bytes: Vec<u8>) -> PackageFile {
        PackageFile {
            sha256: attachment_checksum(&bytes),
            reference,
            bytes,
        }
    }
}

/// An embedded file's metadata: what the package checksum covers.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMeta {
    id: String,
    file_name: String,
    mime: String,
    size: u64,
    sha256: String,
}

/// An embedded file as written: its metadata and the bytes as base64.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    id: String,
    file_name: String,
    mime: String,
    size: u64,
    sha256: String,
    data: String,
}

/// What the checksum covers, in its canonical order (version 2: files by their metadata, so
/// a file's bytes are checked against its own SHA-256 and the report can name the file).
#[derive(Serialize)]
struct Body<'a> {
    format: &'a str,
    version: u32,
    created_at: &'a str,
    input: &'a CaseInput,
    contact: &'a Contact,
    consent: bool,
    attachments: &'a [FileMeta],
}

/// What a version 1 checksum covers.
#[derive(Serialize)]
struct BodyV1<'a> {
    format: &'a str,
    version: u32,
    created_at: &'a str,
    input: &'a CaseInput,
    contact: &'a Contact,
    consent: bool,
    attachments: &'a [String],
}

/// A version 2 file as read, before any check but the schema.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackage {
    format: String,
    version: u32,
    created_at: String,
    input: CaseInput,
    contact: Contact,
    consent: bool,
    attachments: Vec<RawFile>,
    sha256: String,
}

/// A version 1 file as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackageV1 {
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    /// The version it was written in.
    pub version: u32,
    /// When the applicant produced it (local time).
    pub created_at: NaiveDateTime,
    /// The form as typed (validates to `facts`).
    pub input: CaseInput,
    /// The validated facts; their evidence lists exactly `files`.
    pub facts: CaseFacts,
    /// Contact details.
    pub contact: Contact,
    /// The embedded evidence files, each checked against its SHA-256 (version 2).
    pub files: Vec<PackageFile>,
    /// Names of files the applicant hands over separately (version 1 only).
    pub listed: Vec<String>,
    /// The package's checksum (lower-case hex), the key for duplicate detection.
    pub sha256: String,
}

impl Package {
    /// The facts and files with every file renamed to `new_id(i)` (the store's keys are unique
    /// across drafts and cases, so an imported file never takes the id of the applicant's draft
    /// copy on the same machine).
    pub fn with_new_ids(
        &self,
        mut new_id: impl FnMut(usize) -> String,
    ) -> (CaseFacts, Vec<PackageFile>) {
        let mut facts = self.facts.clone();
        let mut files = self.files.clone();
        for (i, file) in files.iter_mut().enumerate() {
            let id = new_id(i);
            for item in &mut facts.evidence {
                for a in &mut item.attachments {
                    if a.id == file.reference.id {
                        a.id = id.clone();
                    }
                }
            }
            file.reference.id = id;
        }
        (facts, files)
    }
}

/// Why a package was refused; nothing of a refused package is used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// Larger than [`MAX_PACKAGE_BYTES`].
    #[error("文件过大（{0}字节），申请文件不超过45MB，请确认选择的是维权申请文件。")]
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
    /// An embedded file's bytes do not match its checksum or size.
    #[error("附件“{0}”的内容与校验值不符，文件可能被修改或损坏，整份申请不能导入。")]
    FileTampered(String),
    /// The embedded files break the application's limits.
    #[error("申请文件的附件超出限制：{0}")]
    FilesOverLimit(String),
    /// The content fails validation.
    #[error("申请内容有误，不能导入：{0}")]
    Invalid(String),
}

fn sha256_hex(text: &str) -> String {
    attachment_checksum(text.as_bytes())
}

fn body_text<T: Serialize>(body: &T) -> String {
    // Serializing plain strings, bools and numbers in a struct cannot fail.
    serde_json::to_string(body).unwrap_or_default()
}

fn file_meta(file: &PackageFile) -> FileMeta {
    FileMeta {
        id: file.reference.id.clone(),
        file_name: file.reference.file_name.clone(),
        mime: file.reference.mime.clone(),
        size: file.reference.size,
        sha256: file.sha256.clone(),
    }
}

/// The package for a complete form and its evidence files: `{format, version, created_at,
/// input, contact, consent, attachments, sha256}`; each attachment is `{id, file_name, mime,
/// size, sha256, data}` with the bytes as base64. The package checksum is over the compact JSON
/// of everything else in that order, with each attachment without its `data` (its own SHA-256
/// covers the bytes).
pub fn export_package(
    form: &ApplicationForm,
    created_at: NaiveDateTime,
    files: &[PackageFile],
) -> String {
    let created = created_at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let metas: Vec<FileMeta> = files.iter().map(file_meta).collect();
    let body = Body {
        format: PACKAGE_FORMAT,
        version: PACKAGE_VERSION,
        created_at: &created,
        input: &form.input,
        contact: &form.contact,
        consent: form.consent,
        attachments: &metas,
    };
    let sha = sha256_hex(&body_text(&body));
    let mut value = serde_json::to_value(&body).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        let raw: Vec<RawFile> = files
            .iter()
            .map(|f| RawFile {
                id: f.reference.id.clone(),
                file_name: f.reference.file_name.clone(),
                mime: f.reference.mime.clone(),
                size: f.reference.size,
                sha256: f.sha256.clone(),
                data: BASE64.encode(&f.bytes),
            })
            .collect();
        map.insert(
            "attachments".into(),
            serde_json::to_value(raw).unwrap_or_default(),
        );
        map.insert("sha256".into(), serde_json::Value::String(sha));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Checks the embedded files against their checksums, the limits and the form's evidence: every
/// file the evidence lists is embedded once, with the same name, type and size, and nothing else.
fn verify_files(input: &CaseInput, raw: Vec<RawFile>) -> Result<Vec<PackageFile>, PackageError> {
    if raw.len() > MAX_APPLICATION_FILES {
        return Err(PackageError::FilesOverLimit(format!(
            "最多{MAX_APPLICATION_FILES}个文件，这份有{}个。",
            raw.len()
        )));
    }
    let total: u64 = raw.iter().map(|f| f.size).sum();
    if total > MAX_APPLICATION_FILE_BYTES {
        return Err(PackageError::FilesOverLimit(format!(
            "合计不能超过{}，这份有{}。",
            size_text(MAX_APPLICATION_FILE_BYTES),
            size_text(total)
        )));
    }
    let mut files: Vec<PackageFile> = Vec::new();
    for f in raw {
        if type_label(&f.mime).is_none() {
            return Err(PackageError::FilesOverLimit(format!(
                "“{}”的类型（{}）不能作为证据材料。",
                f.file_name, f.mime
            )));
        }
        let bytes = BASE64
            .decode(f.data.as_bytes())
            .map_err(|_| PackageError::FileTampered(f.file_name.clone()))?;
        if bytes.len() as u64 != f.size
            || !attachment_checksum(&bytes).eq_ignore_ascii_case(&f.sha256)
        {
            return Err(PackageError::FileTampered(f.file_name));
        }
        if files.iter().any(|g| g.reference.id == f.id) {
            return Err(PackageError::Schema(format!("附件“{}”重复", f.file_name)));
        }
        files.push(PackageFile {
            reference: AttachmentRef {
                id: f.id,
                file_name: f.file_name,
                mime: f.mime,
                size: f.size,
            },
            sha256: f.sha256.to_ascii_lowercase(),
            bytes,
        });
    }
    let listed: Vec<&AttachmentRef> = input.evidence.iter().flat_map(|e| &e.attachments).collect();
    let matches = listed.len() == files.len()
        && listed.iter().all(|r| {
            files.iter().any(|f| {
                f.reference.id == r.id
                    && f.reference.file_name == r.file_name
                    && f.reference.mime.eq_ignore_ascii_case(&r.mime)
                    && f.reference.size == r.size
            })
        });
    if !matches {
        return Err(PackageError::Schema("证据清单与所附文件不一致".into()));
    }
    Ok(files)
}

fn read_created(text: &str) -> Result<NaiveDateTime, PackageError> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| PackageError::Schema("导出时间无效".into()))
}

/// Reads a package: size, format, version, schema, checksum, each embedded file's checksum and
/// the limits, and the content (validated against `today`, since nothing may lie in the future)
/// are all checked; any failure refuses the whole. Version 1 packages (no embedded files) are
/// read as before; a version 1 package whose evidence lists files is refused, since their bytes
/// are not in it.
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
    let version = match object.get("version").and_then(serde_json::Value::as_u64) {
        Some(v)
            if (u64::from(OLDEST_PACKAGE_VERSION)..=u64::from(PACKAGE_VERSION)).contains(&v) =>
        {
            v
        }
        Some(v) => return Err(PackageError::UnsupportedVersion(v)),
        None => return Err(PackageError::Schema("缺少版本号".into())),
    };
    let (created_at, form, files, listed, sha) = if version == 1 {
        let raw: RawPackageV1 =
            serde_json::from_value(value).map_err(|e| PackageError::Schema(e.to_string()))?;
        if raw.attachments.len() > MAX_PACKAGE_ATTACHMENTS {
            return Err(PackageError::Schema(format!(
                "附件最多{MAX_PACKAGE_ATTACHMENTS}个"
            )));
        }
        let body = BodyV1 {
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
        if raw.input.evidence.iter().any(|e| !e.attachments.is_empty()) {
            return Err(PackageError::Schema(
                "第1版申请文件不含附件内容，证据清单却列有文件".into(),
            ));
        }
        if raw.attachments.iter().any(|n| n.chars().count() > 255) {
            return Err(PackageError::Schema("附件名称过长".into()));
        }
        let form = ApplicationForm {
            input: raw.input,
            contact: raw.contact,
            consent: raw.consent,
        };
        (
            read_created(&raw.created_at)?,
            form,
            Vec::new(),
            raw.attachments,
            sha,
        )
    } else {
        let raw: RawPackage =
            serde_json::from_value(value).map_err(|e| PackageError::Schema(e.to_string()))?;
        let metas: Vec<FileMeta> = raw
            .attachments
            .iter()
            .map(|f| FileMeta {
                id: f.id.clone(),
                file_name: f.file_name.clone(),
                mime: f.mime.clone(),
                size: f.size,
                sha256: f.sha256.clone(),
            })
            .collect();
        let body = Body {
            format: &raw.format,
            version: raw.version,
            created_at: &raw.created_at,
            input: &raw.input,
            contact: &raw.contact,
            consent: raw.consent,
            attachments: &metas,
        };
        let sha = sha256_hex(&body_text(&body));
        if !raw.sha256.eq_ignore_ascii_case(&sha) {
            return Err(PackageError::Tampered);
        }
        let created_at = read_created(&raw.created_at)?;
        let files = verify_files(&raw.input, raw.attachments)?;
        let form = ApplicationForm {
            input: raw.input,
            contact: raw.contact,
            consent: raw.consent,
        };
        (created_at, form, files, Vec::new(), sha)
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
    Ok(Package {
        version: version as u32,
        created_at,
        input: form.input,
        facts: application.facts,
        contact: application.contact,
        files,
        listed,
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
