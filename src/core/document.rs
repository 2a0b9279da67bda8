//! Printable documents generated from a case (issue 7): the replies of 第三十一条, the findings
//! report and the review answer of 第三十二条, the 《公安督察正名通知书》 of 第十五条, the
//! 书面告诫 of 第二十六条, the registration form, and the applicant's 复核申请书 of 第三十二条第二款.
//!
//! [`render`] builds a document's content from the case, its history, the unit's settings and
//! the issue date; [`availability`] says which documents the case supports now; [`issue`]
//! appends the [`Event::DocumentIssued`] record and returns the snapshot the store keeps, so a
//! reprint shows exactly what was issued. Numbers are per unit and year ([`next_number`]),
//! printed after the unit's optional prefix (嘉公维〔2026〕第3号); the store allocates them inside
//! the transaction that writes the document. The review request is the applicant's document, not
//! the unit's: it never takes a number ([`DocumentKind::for_applicant`]); printing it for the
//! applicant is recorded in the history by [`prepare_for_applicant`]. Every legal sentence
//! printed is a verbatim quotation of the 细则 (checked against the rulebook by the tests).

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::core::case::{Applicant, CaseFacts, OffenceCategory};
use crate::core::settings::Settings;
use crate::core::workflow::{Acceptance, Case, Env, Event, NewEvent, Refusal, ReviewWindow, State};

/// Longest addressee or copies-to entry accepted.
pub const MAX_NAME_CHARS: usize = 60;
/// Longest free text accepted in a document's input.
pub const MAX_FACTS_CHARS: usize = 2000;
/// Most copies-to entries.
pub const MAX_COPIES: usize = 10;

/// 第三十一条: the sentences on the reply.
pub const QUOTE_31_REPLY: &str =
    "启动维权工作程序后,维权办应当进行审查,并在3个工作日内答复申请人。";
/// 第三十一条: acceptance and registration.
pub const QUOTE_31_ACCEPT: &str = "对属于维权职责范围的,应当予以受理,并进行登记。";
/// 第三十一条: rejection with reasons.
pub const QUOTE_31_REJECT: &str = "不予受理的,应当在答复时说明理由。";
/// 第三十二条: the investigation.
pub const QUOTE_32_INVESTIGATION: &str =
    "维权办经维权委审批同意后启动相关警种联合调查机制组织调查核实。";
/// 第三十二条: the findings are fed back.
pub const QUOTE_32_FINDINGS: &str = "核查完毕3日内,核查结果经维权委审核同意后反馈申请人。";
/// 第三十二条第二款: the applicant's right to review.
pub const QUOTE_32_REVIEW: &str =
    "申请人对核查结果有异议的,可以自收到答复之日起10个工作日内向上一级公安机关维权办申请复核。";
/// 第三十二条第二款: the upper office's answer.
pub const QUOTE_32_ANSWER: &str = "上一级公安机关维权办应当在收到复核申请之日起30日内对复核情况予以反馈,认为应当受理的,书面通知下级公安机关维权办受理并开展工作。";
/// 第十五条.
pub const QUOTE_15: &str = "公安机关各部门在办理信访举报投诉中发现捏造、歪曲事实诬告陷害、恶意投诉民警的,一经查实,由同级公安机关警务督察部门开具《公安督察正名通知书》,澄清事实,恢复名誉,挽回影响,并依法追究诬告、陷害人的法律责任。";
/// 第二十六条.
pub const QUOTE_26: &str = "捏造、歪曲事实恶意投诉,企图使民警受到纪律处分或者干扰正常执法办案的,应当给予书面告诫,并抄报行为人所在单位或者乡镇(街道)人民政府、村(居)委会。";

/// The documents the app prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 第三十一条: 维权案件登记表.
    Registration,
    /// 第三十一条: 受理答复书.
    AcceptanceReply,
    /// 第三十一条: 不予受理答复书 (with reasons).
    RejectionReply,
    /// 第三十二条: 核查结果反馈书.
    FindingsReport,
    /// 第三十二条第二款: 复核申请书, the applicant's request to the upper office, printed from the
    /// case for the applicant to sign; no number of the unit's.
    ReviewRequest,
    /// 第三十二条第二款: 复核情况反馈书 (the upper office's answer to a review request).
    ReviewAnswer,
    /// 第十五条: 公安督察正名通知书.
    ClearanceNotice,
    /// 第二十六条: 书面告诫书.
    WrittenWarning,
}

impl DocumentKind {
    /// Every kind, in procedural order.
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::Registration,
        DocumentKind::AcceptanceReply,
        DocumentKind::RejectionReply,
        DocumentKind::FindingsReport,
        DocumentKind::ReviewRequest,
        DocumentKind::ReviewAnswer,
        DocumentKind::ClearanceNotice,
        DocumentKind::WrittenWarning,
    ];

    /// A stable key for URLs and storage.
    pub const fn key(self) -> &'static str {
        match self {
            DocumentKind::Registration => "registration",
            DocumentKind::AcceptanceReply => "acceptance_reply",
            DocumentKind::RejectionReply => "rejection_reply",
            DocumentKind::FindingsReport => "findings_report",
            DocumentKind::ReviewRequest => "review_request",
            DocumentKind::ReviewAnswer => "review_answer",
            DocumentKind::ClearanceNotice => "clearance_notice",
            DocumentKind::WrittenWarning => "written_warning",
        }
    }

    /// The kind whose key is `key`.
    pub fn from_key(key: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The document's title as printed.
    pub const fn title(self) -> &'static str {
        match self {
            DocumentKind::Registration => "维护民警执法权威申请登记表",
            DocumentKind::AcceptanceReply => "维护民警执法权威申请受理答复书",
            DocumentKind::RejectionReply => "维护民警执法权威申请不予受理答复书",
            DocumentKind::FindingsReport => "维护民警执法权威核查结果反馈书",
            DocumentKind::ReviewRequest => "维护民警执法权威复核申请书",
            DocumentKind::ReviewAnswer => "维护民警执法权威复核情况反馈书",
            DocumentKind::ClearanceNotice => "公安督察正名通知书",
            DocumentKind::WrittenWarning => "书面告诫书",
        }
    }

    /// The article the document rests on.
    pub const fn article(self) -> u8 {
        match self {
            DocumentKind::Registration
            | DocumentKind::AcceptanceReply
            | DocumentKind::RejectionReply => 31,
            DocumentKind::FindingsReport
            | DocumentKind::ReviewRequest
            | DocumentKind::ReviewAnswer => 32,
            DocumentKind::ClearanceNotice => 15,
            DocumentKind::WrittenWarning => 26,
        }
    }

    /// What the user types before issuing: (addressee, facts, copies-to), each `Some(label)`
    /// when asked for. Everything else comes from the case.
    pub const fn inputs(
        self,
    ) -> (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    ) {
        match self {
            DocumentKind::ClearanceNotice => (
                Some("送达单位（如民警所在单位）"),
                Some("经查实的诬告陷害或恶意投诉事实"),
                None,
            ),
            DocumentKind::WrittenWarning => (
                Some("被告诫人（恶意投诉的行为人）"),
                Some("捏造、歪曲事实恶意投诉的具体情况"),
                Some("抄报单位：行为人所在单位或者乡镇（街道）人民政府、村（居）委会"),
            ),
            DocumentKind::Registration
            | DocumentKind::AcceptanceReply
            | DocumentKind::RejectionReply
            | DocumentKind::FindingsReport
            | DocumentKind::ReviewRequest
            | DocumentKind::ReviewAnswer => (None, None, None),
        }
    }

    /// Whether the document is the applicant's, prepared from the case for the applicant to
    /// sign and send (第三十二条第二款's review request): it carries no number of the unit's,
    /// and the unit does not sign it.
    pub const fn for_applicant(self) -> bool {
        matches!(self, DocumentKind::ReviewRequest)
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A document's number: sequential per unit and year, printed 「〔2026〕第3号」.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// The year of issue.
    pub year: i32,
    /// 1 for the unit's first document of the year, then consecutive.
    pub seq: u32,
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "〔{}〕第{}号", self.year, self.seq)
    }
}

impl DocumentNumber {
    /// The number as printed after the unit's prefix: 「嘉公维〔2026〕第3号」, or 「〔2026〕第3号」
    /// without one.
    pub fn printed(self, prefix: Option<&str>) -> String {
        format!("{}{self}", prefix.unwrap_or_default())
    }
}

/// The next number for `year`, given the (year, seq) of every document the unit has issued.
pub fn next_number(issued: &[(i32, u32)], year: i32) -> DocumentNumber {
    let last = issued
        .iter()
        .filter(|(y, _)| *y == year)
        .map(|(_, s)| *s)
        .max()
        .unwrap_or(0);
    DocumentNumber {
        year,
        seq: last.saturating_add(1),
    }
}

/// What the user typed for a document (see [`DocumentKind::inputs`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    /// The addressee, where the case does not name it.
    pub addressee: String,
    /// Facts the case does not hold.
    pub facts: String,
    /// Copies-to, one per entry.
    pub copies_to: Vec<String>,
}

/// A quoted passage of the 细则.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The article.
    pub article: u8,
    /// The verbatim text.
    pub text: String,
}

/// A document's content, as printed: the UI lays it out, the store keeps it as issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentContent {
    /// Which document.
    pub kind: DocumentKind,
    /// The unit's name, above the title.
    pub unit: String,
    /// The title.
    pub title: String,
    /// The number (`None` in a preview before issue, and always for the applicant's documents).
    pub number: Option<String>,
    /// The applicant's document (see [`DocumentKind::for_applicant`]): printed without a number
    /// line, signed by the applicant by hand.
    #[serde(default)]
    pub for_applicant: bool,
    /// Headings of the parts the applicant writes by hand, each printed with blank lines.
    #[serde(default)]
    pub hand_filled: Vec<String>,
    /// A closing note under the signature (who prepared the form, and when).
    #[serde(default)]
    pub note: String,
    /// 「X：」 line; empty for the registration form.
    pub addressee: String,
    /// Labelled fields (the registration form's table; a reply's case reference).
    pub fields: Vec<(String, String)>,
    /// The body.
    pub paragraphs: Vec<String>,
    /// The articles quoted.
    pub citations: Vec<Citation>,
    /// Who signs: the unit and its office.
    pub issuer: String,
    /// The date, 「2026年10月9日」.
    pub date: String,
    /// Copies-to (抄报), possibly none.
    pub copies_to: Vec<String>,
    /// The case.
    pub case_id: String,
}

/// Why a document cannot be issued.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The case does not support the document now.
    #[error("本案现在不能出具《{kind}》：{reason}")]
    Unavailable {
        /// The document.
        kind: DocumentKind,
        /// Why, in Chinese.
        reason: &'static str,
    },
    /// The unit's name is not set.
    #[error("请先在“设置”中填写本单位名称：文书以本单位名义出具。")]
    NoUnit,
    /// A required input is empty.
    #[error("请填写{what}。")]
    Missing {
        /// Which input.
        what: &'static str,
    },
    /// An input is too long.
    #[error("{what}不能超过{max}个字。")]
    TooLong {
        /// Which input.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// Too many copies-to entries.
    #[error("抄报单位不能超过{MAX_COPIES}个。")]
    TooManyCopies,
    /// The history refused the record.
    #[error("{0}")]
    Refused(Refusal),
    /// A number was asked for the applicant's document, or a prepared form for the unit's own.
    #[error("《{0}》由申请人提交，不编本单位文号。")]
    NotNumbered(DocumentKind),
    /// The applicant's form was asked for a document the unit issues itself.
    #[error("《{0}》由本单位出具，须分配文号。")]
    Numbered(DocumentKind),
}

fn last<'a, T>(
    case: &'a Case,
    pick: impl Fn(&'a Event) -> Option<T>,
) -> Option<(NaiveDateTime, T)> {
    case.history()
        .iter()
        .rev()
        .find_map(|r| pick(&r.kind).map(|t| (case.effective_at(r.seq).unwrap_or(r.at), t)))
}

fn false_report(facts: &CaseFacts) -> bool {
    facts.has_category(OffenceCategory::FalseAccusation)
        || facts.has_category(OffenceCategory::MaliciousComplaint)
}

fn findings(case: &Case) -> Option<(NaiveDateTime, &str)> {
    last(case, |e| match e {
        Event::FindingsApproved { summary, .. } => Some(summary.as_str()),
        _ => None,
    })
}

/// Whether the case supports `kind` now: `Ok`, or why not (in Chinese).
pub fn check_available(case: &Case, kind: DocumentKind) -> Result<(), &'static str> {
    let has = |f: fn(&Event) -> bool| case.history().iter().any(|r| f(&r.kind));
    let ok = |cond: bool, reason: &'static str| if cond { Ok(()) } else { Err(reason) };
    match kind {
        DocumentKind::Registration => ok(
            case.acceptance().is_some(),
            "申请受理后才进行登记（第三十一条）。",
        ),
        DocumentKind::AcceptanceReply => ok(
            has(|e| matches!(e, Event::Accepted)),
            "尚未记录“受理并登记”的答复（第三十一条）。",
        ),
        DocumentKind::RejectionReply => ok(
            has(|e| matches!(e, Event::Rejected { .. })),
            "尚未记录“不予受理”的答复及理由（第三十一条）。",
        ),
        DocumentKind::FindingsReport => ok(
            findings(case).is_some(),
            "核查结果经维权委审核同意后才反馈申请人（第三十二条）。",
        ),
        DocumentKind::ReviewRequest => {
            let replied = case
                .history()
                .iter()
                .rposition(|r| matches!(r.kind, Event::ApplicantNotified | Event::Rejected { .. }));
            let Some(replied) = replied else {
                return Err(
                    "申请人收到核查结果反馈（或不予受理答复）后才能申请复核（第三十二条第二款）。",
                );
            };
            let requested = case.history()[replied..]
                .iter()
                .any(|r| matches!(r.kind, Event::ReviewRequested));
            ok(
                requested || matches!(case.state(), State::Notified | State::Rejected),
                "本案已不在申请复核的阶段（第三十二条第二款）。",
            )
        }
        DocumentKind::ReviewAnswer => ok(
            has(|e| matches!(e, Event::ReviewAnswered { .. })),
            "尚未记录上一级维权办的复核意见（第三十二条第二款）。",
        ),
        DocumentKind::ClearanceNotice => {
            ok(
                false_report(case.facts()),
                "本案不涉及诬告陷害或恶意投诉（第十五条）。",
            )?;
            ok(
                findings(case).is_some(),
                "诬告陷害、恶意投诉须经查实（核查结果经维权委审核同意）后开具（第十五条）。",
            )
        }
        DocumentKind::WrittenWarning => {
            ok(
                case.facts()
                    .has_category(OffenceCategory::MaliciousComplaint),
                "本案不涉及恶意投诉（第二十六条）。",
            )?;
            ok(
                findings(case).is_some(),
                "恶意投诉须经核查（核查结果经维权委审核同意）后告诫（第二十六条）。",
            )
        }
    }
}

/// The applicant's review request waits on the deadline engine: once a reply reached the
/// applicant it may be asked for within 10 working days (第三十二条第二款); a request already
/// recorded can be printed again at any time.
fn review_window(case: &Case, env: &Env<'_>, on: NaiveDate) -> (Option<NaiveDate>, bool) {
    match case.guards(env, on).review_window {
        ReviewWindow::Open { due } => (Some(due), true),
        ReviewWindow::Closed { due } => (Some(due), false),
        ReviewWindow::NoReply | ReviewWindow::Unavailable(_) => (None, false),
    }
}

fn review_requested(case: &Case) -> bool {
    matches!(
        case.state(),
        State::RejectionReview | State::FindingsReview | State::Reviewed
    ) || case
        .history()
        .iter()
        .rev()
        .take_while(|r| !matches!(r.kind, Event::ApplicantNotified | Event::Rejected { .. }))
        .any(|r| matches!(r.kind, Event::ReviewRequested))
}

/// Whether the case supports `kind` on `on`: [`check_available`], and for the applicant's
/// review request also the 10 working days of 第三十二条第二款 (unless a request was recorded).
pub fn check_available_on(
    case: &Case,
    kind: DocumentKind,
    env: &Env<'_>,
    on: NaiveDate,
) -> Result<(), &'static str> {
    check_available(case, kind)?;
    if kind == DocumentKind::ReviewRequest && !review_requested(case) {
        match review_window(case, env, on) {
            (_, true) => {}
            (Some(_), false) => {
                return Err("申请复核的期限（收到答复之日起10个工作日）已过（第三十二条第二款）。");
            }
            (None, _) => return Err("申请复核的期限无法计算：请检查收到答复的记录和节假日安排。"),
        }
    }
    Ok(())
}

/// Every kind with whether the case supports it on `on`.
pub fn availability(
    case: &Case,
    env: &Env<'_>,
    on: NaiveDate,
) -> Vec<(DocumentKind, Result<(), &'static str>)> {
    DocumentKind::ALL
        .into_iter()
        .map(|k| (k, check_available_on(case, k, env, on)))
        .collect()
}

fn applicant_name(facts: &CaseFacts) -> String {
    match &facts.applicant {
        Applicant::Officer => facts.officer.name.clone(),
        Applicant::NearRelative { name, .. }
        | Applicant::OtherRelative { name, .. }
        | Applicant::Department { name } => name.clone(),
    }
}

fn cite(article: u8, text: &str) -> Citation {
    Citation {
        article,
        text: text.to_owned(),
    }
}

/// 「2026年10月9日」, as official documents write dates (no weekday).
pub fn plain_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn date_cn(at: NaiveDateTime) -> String {
    plain_date(at.date())
}

fn checked_text(text: &str, what: &'static str, max: usize) -> Result<String, DocumentError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DocumentError::Missing { what });
    }
    if text.chars().count() > max {
        return Err(DocumentError::TooLong { what, max });
    }
    Ok(text.to_owned())
}

fn checked_input(
    kind: DocumentKind,
    input: &DocumentInput,
) -> Result<(String, String, Vec<String>), DocumentError> {
    let (addressee, facts, copies) = kind.inputs();
    let addressee = match addressee {
        Some(what) => checked_text(&input.addressee, what, MAX_NAME_CHARS)?,
        None => String::new(),
    };
    let facts = match facts {
        Some(what) => checked_text(&input.facts, what, MAX_FACTS_CHARS)?,
        None => String::new(),
    };
    let copies_to = match copies {
        Some(what) => {
            let entries: Vec<String> = input
                .copies_to
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect();
            if entries.is_empty() {
                return Err(DocumentError::Missing { what });
            }
            if entries.len() > MAX_COPIES {
                return Err(DocumentError::TooManyCopies);
            }
            for entry in &entries {
                checked_text(entry, "抄报单位", MAX_NAME_CHARS)?;
            }
            entries
        }
        None => Vec::new(),
    };
    Ok((addressee, facts, copies_to))
}

/// Builds `kind`'s content from the case on `issued_on`. `number` is `None` for a preview, and
/// ignored for the applicant's documents (they never carry the unit's number). `env` gives the
/// deadline engine's calendar and readings (the review request prints its last day).
pub fn render(
    case: &Case,
    kind: DocumentKind,
    input: &DocumentInput,
    settings: &Settings,
    number: Option<DocumentNumber>,
    issued_on: NaiveDate,
    env: &Env<'_>,
) -> Result<DocumentContent, DocumentError> {
    check_available_on(case, kind, env, issued_on)
        .map_err(|reason| DocumentError::Unavailable { kind, reason })?;
    let number = number.filter(|_| !kind.for_applicant());
    let unit = settings.unit_name.trim().to_owned();
    if unit.is_empty() {
        return Err(DocumentError::NoUnit);
    }
    let (addressee_in, facts_in, copies_to) = checked_input(kind, input)?;
    let facts = case.facts();
    let applicant = applicant_name(facts);
    let received = date_cn(case.received_at());
    let officer = &facts.officer;
    let case_ref = vec![("案件编号".to_owned(), case.id().as_str().to_owned())];
    let mut content = DocumentContent {
        kind,
        unit: unit.clone(),
        title: kind.title().to_owned(),
        number: number.map(|n| n.printed(settings.number_prefix.as_deref())),
        for_applicant: kind.for_applicant(),
        hand_filled: Vec::new(),
        note: String::new(),
        addressee: format!("{applicant}："),
        fields: case_ref,
        paragraphs: Vec::new(),
        citations: Vec::new(),
        issuer: format!("{unit}维护民警执法权威工作办公室"),
        date: plain_date(issued_on),
        copies_to,
        case_id: case.id().as_str().to_owned(),
    };
    match kind {
        DocumentKind::Registration => {
            content.addressee = String::new();
            let accepted = last(case, |e| match e {
                Event::Accepted => Some("予以受理，并进行登记"),
                Event::DeemedAccepted => Some("3个工作日内未答复，视为受理"),
                Event::ReviewAnswered { answer, .. }
                    if *answer == crate::core::workflow::ReviewAnswer::OrderAccept =>
                {
                    Some("上一级维权办书面通知受理")
                }
                _ => None,
            });
            let how = match case.acceptance() {
                Some(Acceptance::Replied) => "予以受理，并进行登记",
                Some(Acceptance::Deemed) => "3个工作日内未答复，视为受理",
                Some(Acceptance::OrderedOnReview) | None => "上一级维权办书面通知受理",
            };
            let mut rows = vec![
                ("收到申请时间", received.clone()),
                ("申请人", facts.applicant.describe()),
                ("民警姓名", officer.name.clone()),
                ("警号", officer.badge.clone().unwrap_or_else(|| "—".into())),
                ("所在单位", officer.unit.clone()),
                ("身份", facts.status.label().to_owned()),
                ("事发时间", plain_date(facts.incident.at.date())),
                ("事发地点", facts.incident.place.clone()),
                (
                    "申请事由（第三十条）",
                    facts
                        .grounds
                        .iter()
                        .map(|g| g.label())
                        .collect::<Vec<_>>()
                        .join("；"),
                ),
                (
                    "侵犯行为类别",
                    if facts.categories.is_empty() {
                        "—".into()
                    } else {
                        facts
                            .categories
                            .iter()
                            .map(|c| format!("{}（第{}条）", c.label(), c.article()))
                            .collect::<Vec<_>>()
                            .join("、")
                    },
                ),
                ("伤情", facts.injury.label().to_owned()),
                ("财产损失（元）", facts.property_loss.yuan_text()),
                ("简要情况", facts.summary.clone()),
                ("受理情况", how.to_owned()),
            ];
            if let Some((at, _)) = accepted {
                rows.push(("受理日期", date_cn(at)));
            }
            content
                .fields
                .extend(rows.into_iter().map(|(k, v)| (k.to_owned(), v)));
            content.citations = vec![cite(31, QUOTE_31_ACCEPT)];
        }
        DocumentKind::AcceptanceReply => {
            content.paragraphs = vec![
                format!(
                    "本办于{received}收到你（单位）提出的维护民警执法权威申请（涉及民警{}，{}）。",
                    officer.name, officer.unit
                ),
                "经审查，该申请属于维权职责范围，决定予以受理，并已进行登记。本办将报经维权委审批同意后组织调查核实，核查结果经维权委审核同意后反馈你（单位）。".to_owned(),
                "特此答复。".to_owned(),
            ];
            content.citations = vec![
                cite(31, QUOTE_31_REPLY),
                cite(31, QUOTE_31_ACCEPT),
                cite(32, QUOTE_32_INVESTIGATION),
            ];
        }
        DocumentKind::RejectionReply => {
            let reasons = last(case, |e| match e {
                Event::Rejected { reasons } => Some(reasons.clone()),
                _ => None,
            })
            .map(|(_, r)| r)
            .unwrap_or_default();
            content.paragraphs = vec![
                format!(
                    "本办于{received}收到你（单位）提出的维护民警执法权威申请（涉及民警{}，{}）。",
                    officer.name, officer.unit
                ),
                format!("经审查，决定不予受理。理由如下：{reasons}"),
                "如对本答复有异议，可以自收到本答复之日起10个工作日内向上一级公安机关维权办申请复核。".to_owned(),
                "特此答复。".to_owned(),
            ];
            content.citations = vec![
                cite(31, QUOTE_31_REPLY),
                cite(31, QUOTE_31_REJECT),
                cite(32, QUOTE_32_REVIEW),
            ];
        }
        DocumentKind::FindingsReport => {
            let (approved, summary) = findings(case).unwrap_or_default();
            let mut paragraphs = vec![
                format!(
                    "你（单位）于{received}提出的维护民警执法权威申请（涉及民警{}，{}），本办已组织调查核实，核查结果已于{}经维权委审核同意。",
                    officer.name,
                    officer.unit,
                    date_cn(approved)
                ),
                format!("核查结果：{summary}"),
            ];
            let determinations = case.determinations();
            if !determinations.is_empty() {
                let measures: Vec<String> = determinations
                    .iter()
                    .map(|d| {
                        let (measures, mandatory) = d.measures();
                        let verb = if mandatory { "应当" } else { "视情" };
                        let list: Vec<&str> = measures.iter().map(|m| m.label()).collect();
                        format!("认定{}，{verb}{}", d.label(), list.join("、"))
                    })
                    .collect();
                paragraphs.push(format!("依照第三十四条：{}。", measures.join("；")));
            }
            paragraphs.push("如对核查结果有异议，可以自收到本答复之日起10个工作日内向上一级公安机关维权办申请复核。".to_owned());
            paragraphs.push("特此反馈。".to_owned());
            content.paragraphs = paragraphs;
            content.citations = vec![cite(32, QUOTE_32_FINDINGS), cite(32, QUOTE_32_REVIEW)];
        }
        DocumentKind::ReviewRequest => {
            let reply = last(case, |e| match e {
                Event::ApplicantNotified => Some(None),
                Event::Rejected { reasons } => Some(Some(reasons.clone())),
                _ => None,
            });
            let (received_reply, rejection) = match reply {
                Some((at, rejection)) => (date_cn(at), rejection),
                None => (String::new(), None),
            };
            let (due, _) = review_window(case, env, issued_on);
            let due = due.map(plain_date).unwrap_or_else(|| "—".to_owned());
            let (what, decided, content_line) = match &rejection {
                Some(reasons) => (
                    "不予受理的答复",
                    ("答复类型", "不予受理答复".to_owned()),
                    format!("原答复：不予受理。理由：{reasons}"),
                ),
                None => {
                    let (approved, summary) = findings(case).unwrap_or_default();
                    (
                        "核查结果",
                        ("核查结果经维权委审核同意日期", date_cn(approved)),
                        format!("原核查结果：{summary}"),
                    )
                }
            };
            content.addressee = "上一级公安机关维权办：".to_owned();
            content.fields = vec![
                (
                    "申请人".to_owned(),
                    format!("{applicant}（{}）", facts.applicant.describe()),
                ),
                (
                    "涉及民警".to_owned(),
                    match &officer.badge {
                        Some(badge) => format!("{}（警号{badge}），{}", officer.name, officer.unit),
                        None => format!("{}，{}", officer.name, officer.unit),
                    },
                ),
                ("案件编号".to_owned(), case.id().as_str().to_owned()),
                ("原答复单位".to_owned(), format!("{unit}维权办")),
                ("收到申请时间".to_owned(), received.clone()),
                (decided.0.to_owned(), decided.1),
                ("申请人收到答复日期".to_owned(), received_reply.clone()),
                (
                    "申请复核截止日期".to_owned(),
                    format!("{due}（收到答复之日起10个工作日内）"),
                ),
            ];
            content.paragraphs = vec![
                format!(
                    "申请人于{received}向{unit}维权办提出维护民警执法权威申请（涉及民警{}，{}），于{received_reply}收到{what}。",
                    officer.name, officer.unit
                ),
                content_line,
                format!("申请人对上述{what}有异议，依照第三十二条第二款，向你办申请复核。"),
            ];
            content.hand_filled = vec!["复核请求及理由（申请人填写，可另附页）".to_owned()];
            content.issuer = "申请人（签名）：".to_owned();
            content.date = "　　　　年　　月　　日".to_owned();
            content.note = format!(
                "本申请书由{unit}维权办于{}依案件记录预填，交申请人填写、签名后，在{due}前（含当日）向上一级公安机关维权办提交；不编本单位文号。",
                plain_date(issued_on)
            );
            content.citations = vec![cite(32, QUOTE_32_REVIEW), cite(32, QUOTE_32_ANSWER)];
        }
        DocumentKind::ReviewAnswer => {
            let requested = last(case, |e| matches!(e, Event::ReviewRequested).then_some(()))
                .map(|(at, ())| date_cn(at))
                .unwrap_or_default();
            let (answer, reasons) = last(case, |e| match e {
                Event::ReviewAnswered { answer, reasons } => Some((*answer, reasons.clone())),
                _ => None,
            })
            .map(|(_, a)| a)
            .unwrap_or((crate::core::workflow::ReviewAnswer::Uphold, String::new()));
            content.paragraphs = vec![
                format!(
                    "{requested}收到你（单位）就维护民警执法权威申请（涉及民警{}，{}）提出的复核申请。经复核，现将复核情况反馈如下：",
                    officer.name, officer.unit
                ),
                format!("复核意见：{}。", answer.label()),
                format!("理由：{reasons}"),
                "特此反馈。".to_owned(),
            ];
            content.citations = vec![cite(32, QUOTE_32_ANSWER)];
        }
        DocumentKind::ClearanceNotice => {
            let (_, summary) = findings(case).unwrap_or_default();
            content.addressee = format!("{addressee_in}：");
            content.issuer = format!("{unit}警务督察部门");
            content.paragraphs = vec![
                format!("经查，{facts_in}",),
                format!("核查结果：{summary}"),
                format!(
                    "上述反映民警{}（{}）的问题，经查属捏造、歪曲事实。依照第十五条，开具本通知书，澄清事实，恢复名誉，挽回影响，并依法追究诬告、陷害人的法律责任。",
                    officer.name, officer.unit
                ),
                "特此通知。".to_owned(),
            ];
            content.citations = vec![cite(15, QUOTE_15)];
        }
        DocumentKind::WrittenWarning => {
            content.addressee = format!("{addressee_in}：");
            content.paragraphs = vec![
                format!("经查，{facts_in}"),
                format!(
                    "你捏造、歪曲事实恶意投诉民警{}（{}），企图使民警受到纪律处分或者干扰正常执法办案。依照第二十六条，现对你给予书面告诫，并抄报{}。",
                    officer.name,
                    officer.unit,
                    content.copies_to.join("、")
                ),
                "特此告诫。".to_owned(),
            ];
            content.citations = vec![cite(26, QUOTE_26)];
        }
    }
    Ok(content)
}

/// A document as issued: the record the store keeps (its fields feed the `documents` store's
/// indexes: `by_case`, and the unique `by_number` over unit, year and number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    /// `unit/year/number`, unique.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// The issuing unit's name.
    pub unit: String,
    /// The year of the number.
    pub year: i32,
    /// The number within the unit and year.
    pub number: u32,
    /// Which document.
    pub kind: DocumentKind,
    /// When it was issued.
    pub issued_at: NaiveDateTime,
    /// Who issued it.
    pub actor: String,
    /// The history record that notes the issue.
    pub seq: u32,
    /// The content exactly as issued, for reprints.
    pub content: DocumentContent,
}

/// Issues `kind` as number `seq` of `at`'s year: renders it on `at`'s date, appends the
/// [`Event::DocumentIssued`] record, and returns the case and the document to store together.
#[allow(clippy::too_many_arguments)]
pub fn issue(
    case: &Case,
    kind: DocumentKind,
    input: &DocumentInput,
    settings: &Settings,
    seq: u32,
    at: NaiveDateTime,
    env: &Env<'_>,
    now: NaiveDateTime,
) -> Result<(Case, IssuedDocument), DocumentError> {
    if kind.for_applicant() {
        return Err(DocumentError::NotNumbered(kind));
    }
    let number = DocumentNumber {
        year: at.date().year(),
        seq,
    };
    let content = render(case, kind, input, settings, Some(number), at.date(), env)?;
    let text = content.number.clone().unwrap_or_default();
    let next = case
        .apply(
            NewEvent {
                at,
                actor: settings.operator.clone(),
                event: Event::DocumentIssued {
                    document: kind,
                    number: text,
                },
                note: String::new(),
            },
            env,
            now,
        )
        .map_err(DocumentError::Refused)?;
    let record = next.history().len() as u32;
    let unit = content.unit.clone();
    Ok((
        next,
        IssuedDocument {
            id: format!("{unit}/{}/{}", number.year, number.seq),
            case_id: case.id().as_str().to_owned(),
            unit,
            year: number.year,
            number: number.seq,
            kind,
            issued_at: at,
            actor: settings.operator.clone(),
            seq: record,
            content,
        },
    ))
}

/// Prints the applicant's `kind` (the review request) from the case on `at`'s date and records
/// the printing as an [`Event::DocumentIssued`] with no number: the form goes to the applicant,
/// who signs and sends it; nothing of the unit's numbering is used. Returns the case to save and
/// the content to print.
pub fn prepare_for_applicant(
    case: &Case,
    kind: DocumentKind,
    settings: &Settings,
    at: NaiveDateTime,
    env: &Env<'_>,
    now: NaiveDateTime,
) -> Result<(Case, DocumentContent), DocumentError> {
    if !kind.for_applicant() {
        return Err(DocumentError::Numbered(kind));
    }
    let content = render(
        case,
        kind,
        &DocumentInput::default(),
        settings,
        None,
        at.date(),
        env,
    )?;
    let next = case
        .apply(
            NewEvent {
                at,
                actor: settings.operator.clone(),
                event: Event::DocumentIssued {
                    document: kind,
                    number: String::new(),
                },
                note: "打印交申请人填写、签名（不编文号）".to_owned(),
            },
            env,
            now,
        )
        .map_err(DocumentError::Refused)?;
    Ok((next, content))
}
