//! "Check your answers": every answer with a change link to its screen; the same rows make the
//! printed application. Values are shown through the core's labels.

use crate::ui::routes::use_navigate;
use leptos::prelude::*;

use crate::core::application::{ApplicationForm, Step, first_incomplete};
use crate::core::attachment::size_text;
use crate::core::case::{HelpKind, OffenceCategory, PersonStatus, Relation, Site};
use crate::core::guide::{Choice, DutyLink, Ground, Injury, Sanction, article_label};
use crate::ui::clock::today_shanghai;
use crate::ui::components::page_title::PageTitle;

use super::steps::EligibilityPanel;
use super::{go, screen_href};

/// One answer: question, answer, the screen it was asked on.
pub struct Row {
    /// The question.
    pub label: &'static str,
    /// The answer as the user reads it.
    pub value: String,
    /// Where to change it.
    pub step: Step,
}

fn or_dash(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        "（未填写）".into()
    } else {
        t.to_owned()
    }
}

fn relation_text(raw: &str) -> String {
    Relation::from_key(raw.trim()).map_or_else(|| or_dash(raw), |r| r.label().to_owned())
}

fn category_label(key: &str) -> String {
    OffenceCategory::ALL
        .into_iter()
        .find(|c| {
            serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(|s| s == key))
                == Some(true)
        })
        .map_or_else(
            || key.to_owned(),
            |c| format!("{}（{}）", c.label(), article_label(u16::from(c.article()))),
        )
}

fn duty_text(key: &str) -> String {
    match DutyLink::from_id(key) {
        Some(DutyLink::OnDuty) => "正在依法执行职务时".into(),
        Some(DutyLink::OffDutyActing) => "在非工作时间依法履行职责时（第四十条）".into(),
        Some(DutyLink::Retaliation) => "不在执行职务，对方因以前的执法进行报复".into(),
        Some(DutyLink::BecauseOfDuty) => "家人因民警依法履行职责而受到侵害".into(),
        Some(DutyLink::Unsure) => "家人受到侵害，不确定是否与工作有关".into(),
        Some(DutyLink::Unrelated) => "与履行职责无关".into(),
        None => or_dash(key),
    }
}

fn list(items: Vec<String>) -> String {
    if items.is_empty() {
        "无".into()
    } else {
        items.join("；")
    }
}

/// Every answer of the form, in the order asked.
pub fn rows(form: &ApplicationForm) -> Vec<Row> {
    let i = &form.input;
    let mut out = Vec::new();
    let mut push = |label, value: String, step| out.push(Row { label, value, step });
    let applicant = match i.applicant_kind.as_str() {
        "officer" => "本人".to_owned(),
        "near_relative" => format!(
            "近亲属：{}，{}",
            or_dash(&i.applicant_name),
            relation_text(&i.applicant_relation)
        ),
        "other_relative" => format!(
            "其他亲属：{}，{}（参照办理）",
            or_dash(&i.applicant_name),
            or_dash(&i.applicant_relation)
        ),
        "department" => format!("民警所在部门：{}", or_dash(&i.applicant_department)),
        _ => "（未填写）".to_owned(),
    };
    push("申请人", applicant, Step::Applicant);
    let status = PersonStatus::from_key(&i.status).map_or_else(
        || "（未填写）".to_owned(),
        |s| match s.by_reference() {
            Some(n) => format!("{}（参照办理，{}）", s.label(), article_label(u16::from(n))),
            None => "本市公安民警".to_owned(),
        },
    );
    push("当事人身份", status, Step::Person);
    push("当事人姓名", or_dash(&i.officer_name), Step::Person);
    push("警号", or_dash(&i.officer_badge), Step::Person);
    push("所在单位", or_dash(&i.officer_unit), Step::Person);
    push("岗位", or_dash(&i.officer_post), Step::Person);
    let harmed = match i.harmed.as_str() {
        "self" => "当事人本人".to_owned(),
        "near_relative" => format!("近亲属：{}", relation_text(&i.harmed_relation)),
        "other_relative" => format!("其他亲属：{}", or_dash(&i.harmed_relation)),
        _ => "（未填写）".to_owned(),
    };
    push("受到侵害的人", harmed, Step::Person);
    push(
        "申请事由（第三十条）",
        list(
            i.grounds
                .iter()
                .filter_map(|g| Ground::from_id(g))
                .map(|g| g.label().to_owned())
                .collect(),
        ),
        Step::Ground,
    );
    if i.grounds.iter().any(|g| g == "accountability") {
        let sanction = match Sanction::from_id(&i.sanction) {
            Some(Sanction::MajorDemeritOrDismissal) => "记大过以上处分或者辞退",
            Some(Sanction::Other) => "其他处分或处理",
            Some(Sanction::UnderInvestigation) => "正在接受调查",
            None => "（未填写）",
        };
        push(
            "所受追究",
            format!(
                "{sanction}：{}，{}，{}",
                or_dash(&i.sanction_decision),
                or_dash(&i.sanction_decided_by),
                or_dash(&i.sanction_date)
            ),
            Step::Ground,
        );
    }
    push(
        "发生时间",
        format!("{} {}", or_dash(&i.incident_date), i.incident_time.trim()),
        Step::Incident,
    );
    push("发生地点", or_dash(&i.incident_place), Step::Incident);
    push("当时在做什么", duty_text(&i.duty), Step::Incident);
    push(
        "现场或非现场",
        Site::from_key(&i.site).map_or_else(|| "（未填写）".to_owned(), |s| s.label().to_owned()),
        Step::Incident,
    );
    push(
        "对方的行为",
        list(i.categories.iter().map(|c| category_label(c)).collect()),
        Step::Incident,
    );
    push("经过", or_dash(&i.summary), Step::Incident);
    push(
        "伤情",
        Injury::from_id(&i.injury)
            .map_or_else(|| "（未填写）".to_owned(), |x| x.label().to_owned()),
        Step::Harm,
    );
    push(
        "财产损失",
        if i.property_loss_yuan.trim().is_empty() {
            "无".to_owned()
        } else {
            format!("{}元", i.property_loss_yuan.trim().trim_end_matches('元'))
        },
        Step::Harm,
    );
    let evidence: Vec<String> = i
        .evidence
        .iter()
        .map(|e| {
            let files = e
                .attachments
                .iter()
                .map(|a| format!("{}（{}）", a.file_name, size_text(a.size)))
                .collect::<Vec<_>>()
                .join("、");
            format!("{}：{files}", e.description)
        })
        .collect();
    push("证据材料（随申请文件提交）", list(evidence), Step::Evidence);
    push(
        "希望得到的帮助",
        list(
            i.help
                .iter()
                .filter_map(|h| HelpKind::from_key(h))
                .map(|h| h.label().to_owned())
                .collect(),
        ),
        Step::Help,
    );
    push("联系电话", or_dash(&form.contact.phone), Step::Contact);
    push(
        "同意使用信息",
        if form.consent {
            "同意".into()
        } else {
            "未同意".into()
        },
        Step::Consent,
    );
    out
}

/// The check page.
#[component]
pub fn CheckScreen(
    /// The draft's id.
    id: String,
    /// The form.
    form: RwSignal<ApplicationForm>,
) -> impl IntoView {
    let incomplete = form.with_untracked(|f| first_incomplete(f, today_shanghai()));
    let back = screen_href(&id, Step::Consent.slug(), false);
    let items = form.with_untracked(rows)
        .into_iter()
        .map(|r| {
            let href = screen_href(&id, r.step.slug(), true);
            let label = r.label;
            view! {
                <div class="apply-summary__row">
                    <dt>{label}</dt>
                    <dd class="apply-summary__value">{r.value}</dd>
                    <dd>
                        <a class="link" href=href>"修改" <span class="visually-hidden">{label}</span></a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let navigate = use_navigate();
    let done = screen_href(&id, "done", false);
    let action = match incomplete {
        Some(step) => {
            let href = screen_href(&id, step.slug(), false);
            view! {
                <div class="banner banner--warning" role="status" data-testid="apply-incomplete">
                    <p>{format!("“{}”这一步还有需要补充的内容。", step.title())}</p>
                    <p><a class="button" href=href>"去补充"</a></p>
                </div>
            }
            .into_any()
        }
        None => view! {
            <p>
                <button type="button" class="button" data-testid="apply-finish"
                    on:click=move |_| go(&navigate, &done)>
                    "确认无误，生成申请"
                </button>
            </p>
        }
        .into_any(),
    };
    view! {
        <div data-testid="apply-check">
            <p><a class="link" href=back data-testid="apply-back">"上一步"</a></p>
            <PageTitle text="核对您的回答"/>
            <EligibilityPanel form/>
            <dl class="apply-summary">{items}</dl>
            {action}
        </div>
    }
}
