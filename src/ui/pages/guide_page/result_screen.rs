//! The guide's result: every offence category that applies with its 细则 article, legal basis,
//! penalty range and crime assessment; what the 细则 requires next; whether a 维权申请 can be
//! made; every caution with its confirmation level; and a print button. The carry-over for a
//! later application is the address itself: its answers re-evaluate to the same `CarryOver`.

use leptos::prelude::*;

use crate::core::guide::{
    AdministrativeBasis, Answers, Crime, CrimeAssessment, CriminalRegime, Eligibility, Finding,
    Likelihood, Note, Outcome, Provision, Requirement, Scope, article_label, evaluate,
};
use crate::core::rules::chinese_numeral;
use crate::ui::components::confirmation_tag::{
    ConfirmationTag, confirmation_class, confirmation_explanation, confirmation_label,
};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;

use super::focus_main_on_click;
use super::url::{GuideUrl, Step};

/// The result page.
#[component]
pub fn ResultScreen(
    /// Complete answers (the caller checked that no question is open).
    answers: Answers,
) -> impl IntoView {
    let check = GuideUrl::href(&answers, Step::Check, false);
    let apply = evaluate(&answers)
        .ok()
        .filter(|o| o.eligibility.eligible)
        .map(|_| {
            let guide = GuideUrl::href(&answers, Step::Auto, false);
            let query = guide.split_once('?').map(|(_, q)| q).unwrap_or_default();
            format!("{}?{CARRY_PARAM}=guide&{query}", AppRoute::Apply.href())
        });
    let body = match evaluate(&answers) {
        Ok(outcome) => outcome_view(&outcome).into_any(),
        Err(e) => view! {
            <div class="banner banner--error" role="alert" data-testid="guide-result-error">
                <p>{format!("无法得出结果：{e}。")}</p>
                <p><a href=check.clone()>"请返回核对并修改回答"</a></p>
            </div>
        }
        .into_any(),
    };
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div data-testid="guide-result">
            <a class="back-link" href=check.clone() data-testid="guide-back" on:click=focus_main_on_click>
                "返回核对页"
            </a>
            <PageTitle text="办理指引结果"/>
            <div class="callout guide-disclaimer" data-testid="guide-disclaimer">
                <p>
                    <strong>"这是办理指引，不是法律决定。"</strong>
                    "结果只根据您的回答和细则、已核对的法律规定得出。案件如何定性、是否处罚和如何处罚、是否构成犯罪，由办案部门依法调查后认定；伤情以法医鉴定为准。"
                </p>
            </div>
            {body}
            <div class="guide-actions no-print">
                {apply.map(|href| view! {
                    <a class="button" href=href data-testid="guide-apply">"用这些回答开始维权申请"</a>
                })}
                <button type="button" class="button" on:click=print data-testid="guide-print">
                    "打印本结果"
                </button>
                <a class="button button--secondary" href=check on:click=focus_main_on_click>
                    "修改回答"
                </a>
                <a class="button button--secondary" href=AppRoute::Guide.href() data-testid="guide-restart">
                    "重新开始"
                </a>
            </div>
            <p class="muted no-print">
                "本页网址保存了全部回答：收藏或发给同事，打开后看到的是同一结果。"
            </p>
        </div>
    }
}

/// The query parameter that tells `/apply` to start a draft from the guide's answers.
pub(crate) const CARRY_PARAM: &str = "carry";

fn outcome_view(outcome: &Outcome) -> impl IntoView + use<> {
    let findings = outcome.findings.iter().map(finding_view).collect_view();
    let findings_section = if outcome.findings.is_empty() {
        let text = if matches!(outcome.scope, Scope::Unrelated) {
            "与依法履行职责无关的侵害不在细则的适用范围内，不列出侵害类别。"
        } else {
            "本情形不涉及细则第十九条至第二十六条所列的侵害类别。"
        };
        view! { <p data-testid="guide-no-findings">{text}</p> }.into_any()
    } else {
        view! {
            <h2>{format!("可能涉及的侵害类别（{}类）", outcome.findings.len())}</h2>
            <p class="muted">"同一事件可能同时构成几类行为，以下逐类列出。"</p>
            {findings}
        }
        .into_any()
    };
    let requirements = (!outcome.requirements.is_empty()).then(|| {
        let items = outcome
            .requirements
            .iter()
            .map(requirement_view)
            .collect_view();
        view! {
            <section class="guide-section" data-testid="guide-requirements">
                <h2>"细则要求接下来做什么"</h2>
                <ul class="guide-requirements">{items}</ul>
            </section>
        }
    });
    let notes = (!outcome.notes.is_empty()).then(|| {
        view! {
            <section class="guide-section" data-testid="guide-general-notes">
                <h2>"其他提示"</h2>
                {notes_view(&outcome.notes)}
            </section>
        }
    });
    view! {
        {overview(outcome)}
        <section class="guide-section" data-testid="guide-findings">{findings_section}</section>
        {requirements}
        {eligibility_view(&outcome.eligibility)}
        {notes}
        <LegendOfLevels/>
    }
}

/// The facts the result rests on: summary, ground, scope, act date and law versions.
fn overview(outcome: &Outcome) -> impl IntoView + use<> {
    let ground = outcome.ground;
    let scope = match outcome.scope {
        Scope::Covered => view! { "细则直接适用。" }.into_any(),
        Scope::ByReference { article } => view! {
            <span class="tag tag--reference">"参照适用"</span>
            " 依照"
            <a href=AppRoute::Article(article).href()>{article_label(u16::from(article))}</a>
            "，参照细则开展工作。"
        }
        .into_any(),
        Scope::Unrelated => view! { "与依法履行职责无关，不在细则的适用范围内。" }.into_any(),
    };
    let date = outcome.act_date.map(|d| {
        view! {
            <dt>"行为日期"</dt>
            <dd>{d.format("%Y年%-m月%-d日").to_string()}</dd>
        }
    });
    let law = outcome.public_security_law.map(|v| {
        view! {
            <dt>"治安管理处罚法文本"</dt>
            <dd>{v.statute().label()}"（行为发生时施行的文本）"</dd>
        }
    });
    // The regime only matters where 袭警罪 or 妨害公务罪 is weighed.
    let weighs_duty_crimes = outcome.findings.iter().any(|f| {
        f.crimes
            .iter()
            .any(|c| matches!(c.crime, Crime::AssaultOnPolice | Crime::ObstructingDuty))
    });
    let regime = outcome.criminal_regime.filter(|_| weighs_duty_crimes).map(|r| {
        let text = match r {
            CriminalRegime::AggravatedObstruction => {
                "行为在2021年3月1日袭警罪施行前：依照刑法修正案（九），暴力袭击正在依法执行职务的人民警察的，依照刑法第二百七十七条第一款（妨害公务罪）从重处罚。"
            }
            CriminalRegime::AssaultOnPoliceCrime => {
                "行为在2021年3月1日以后：适用刑法修正案（十一）设立的袭警罪（刑法第二百七十七条第五款）。"
            }
        };
        view! {
            <dt>"刑法规定"</dt>
            <dd>{text}</dd>
        }
    });
    view! {
        <section class="card guide-overview" data-testid="guide-overview">
            <p class="guide-overview__summary" data-testid="guide-summary">
                {outcome.carry_over.summary.clone()}
            </p>
            <dl class="facts guide-facts">
                <dt>"申请事由"</dt>
                <dd>
                    <a href=AppRoute::Article(30).href()>{format!("第三十条{}", item_label(ground.item()))}</a>
                    "："
                    {ground.label()}
                </dd>
                <dt>"适用范围"</dt>
                <dd data-testid="guide-scope">{scope}</dd>
                {date}
                {law}
                {regime}
            </dl>
        </section>
    }
}

fn finding_view(finding: &Finding) -> impl IntoView + use<> {
    let items = if finding.items.is_empty() {
        String::new()
    } else {
        finding
            .items
            .iter()
            .map(|i| item_label(*i))
            .collect::<Vec<_>>()
            .join("、")
    };
    let article = finding.article;
    // The category is named once: as the title, or as a tag beside a more specific title.
    let category_tag = (finding.title != finding.category.label()).then(|| {
        view! { <span class="tag tag--category">{finding.category.label()}</span> }
    });
    let cited = finding.cited_basis.clone().map(|basis| {
        view! {
            <dt>"细则引用的依据"</dt>
            <dd data-testid="guide-cited-basis">{basis}</dd>
        }
    });
    let administrative = finding
        .administrative
        .as_ref()
        .map(administrative_view)
        .unwrap_or_else(|| {
            view! {
                <dt>"治安管理处罚"</dt>
                <dd>"本指引不列出具体条款，见下方提示。"</dd>
            }
            .into_any()
        });
    let crime_line = if finding.may_be_crime() {
        view! { <p class="crime-flag crime-flag--yes" data-testid="guide-crime-flag">"可能构成犯罪"</p> }
    } else {
        view! { <p class="crime-flag crime-flag--no" data-testid="guide-crime-flag">"依现有回答，未发现可能构成犯罪的情形"</p> }
    };
    let crimes = (!finding.crimes.is_empty()).then(|| {
        let list = finding.crimes.iter().map(crime_view).collect_view();
        view! { <ul class="crimes">{list}</ul> }
    });
    let notes = (!finding.notes.is_empty()).then(|| {
        view! {
            <h4>"提示"</h4>
            {notes_view(&finding.notes)}
        }
    });
    view! {
        <article
            class="card finding"
            data-testid="guide-finding"
            data-category=format!("{:?}", finding.category)
        >
            <h3 class="finding__title">{finding.title.clone()} {category_tag}</h3>
            <dl class="facts guide-facts">
                <dt>"细则条文"</dt>
                <dd>
                    <a href=AppRoute::Article(article).href() data-testid="guide-finding-article">
                        {article_label(u16::from(article))}
                    </a>
                    {items}
                </dd>
                {cited}
                {administrative}
            </dl>
            <h4>"是否可能构成犯罪"</h4>
            {crime_line}
            {crimes}
            {notes}
        </article>
    }
}

fn administrative_view(basis: &AdministrativeBasis) -> AnyView {
    let extra = basis.penalty.extra.clone().map(|e| view! { <li>{e}</li> });
    view! {
        <dt>"行为日期施行的规定"</dt>
        <dd data-testid="guide-provision">{basis.provision.label()}</dd>
        <dt>"处罚幅度"</dt>
        <dd>
            <ul class="plain-list" data-testid="guide-penalty">
                <li>{basis.penalty.base.clone()}</li>
                <li>{basis.penalty.aggravated.clone()}</li>
                {extra}
            </ul>
        </dd>
    }
    .into_any()
}

fn crime_view(c: &CrimeAssessment) -> impl IntoView + use<> {
    let (label, class) = likelihood(c.likelihood);
    let provision = c.provision.as_ref().map(|p| {
        view! { <p><span class="muted">"条文："</span>{p.label()}</p> }
    });
    let penalty = c.penalty.clone().map(|p| {
        view! { <p><span class="muted">"法定刑："</span>{p}</p> }
    });
    let sources = (!c.sources.is_empty()).then(|| {
        let list = c
            .sources
            .iter()
            .map(Provision::label)
            .collect::<Vec<_>>()
            .join("；");
        view! { <p class="muted">"依据：" {list}</p> }
    });
    view! {
        <li
            class=format!("crime crime--{}", confirmation_class(c.confirmation))
            data-testid="guide-crime"
            data-likelihood=class
        >
            <p class="crime__head">
                <strong>{c.crime.label()}</strong>
                <span class=format!("likelihood likelihood--{class}")>{label}</span>
                <ConfirmationTag confirmation=c.confirmation/>
            </p>
            <p>{c.reason.clone()}</p>
            {provision}
            {penalty}
            {sources}
            {level_warning(c.confirmation)}
        </li>
    }
}

fn likelihood(l: Likelihood) -> (&'static str, &'static str) {
    match l {
        Likelihood::Likely => ("很可能构成", "likely"),
        Likelihood::Possible => ("可能构成，视鉴定结论或具体情节而定", "possible"),
        Likelihood::Unlikely => ("一般不构成", "unlikely"),
        Likelihood::Excluded => ("不适用", "excluded"),
    }
}

fn requirement_view(r: &Requirement) -> impl IntoView + use<> {
    view! {
        <li data-testid="guide-requirement" data-kind=format!("{:?}", r.kind)>
            <a class="guide-requirements__article" href=AppRoute::Article(r.article).href()>
                {article_label(u16::from(r.article))}
            </a>
            <span>{r.text.clone()}</span>
        </li>
    }
}

fn eligibility_view(e: &Eligibility) -> impl IntoView + use<> {
    let (status, class) = if e.eligible {
        ("可以提出维权申请", "status status--ok")
    } else {
        ("不符合提出维权申请的条件", "status status--warning")
    };
    let ground = e.ground.map(|g| {
        view! {
            <p>
                "申请事由："
                <a href=AppRoute::Article(30).href()>{format!("第三十条{}", item_label(g.item()))}</a>
                "，" {g.label()}
            </p>
        }
    });
    let by_reference = e.by_reference.map(|article| {
        view! {
            <p data-testid="guide-by-reference">
                <span class="tag tag--reference">"参照适用"</span>
                " 申请人不是细则直接适用的对象，依照"
                <a href=AppRoute::Article(article).href()>{article_label(u16::from(article))}</a>
                "参照细则办理。"
            </p>
        }
    });
    view! {
        <section class="guide-section card" data-testid="guide-eligibility">
            <h2>"能否提出维权申请"</h2>
            <p><span class=class data-testid="guide-eligible">{status}</span></p>
            {ground}
            {by_reference}
            <p>{e.explanation.clone()}</p>
        </section>
    }
}

fn notes_view(notes: &[Note]) -> impl IntoView + use<> {
    let items = notes
        .iter()
        .map(|n| {
            view! {
                <li
                    class=format!("note note--{}", confirmation_class(n.confirmation))
                    data-testid="guide-note"
                    data-confirmation=confirmation_class(n.confirmation)
                >
                    <ConfirmationTag confirmation=n.confirmation/>
                    <span class="note__text">{n.text.clone()}</span>
                    {level_warning(n.confirmation)}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="notes">{items}</ul> }
}

/// The level in words for anything less than confirmed, so it is not carried by colour alone.
fn level_warning(level: crate::core::guide::Confirmation) -> Option<impl IntoView + use<>> {
    (level != crate::core::guide::Confirmation::Confirmed).then(|| {
        view! {
            <p class="note__level">
                {format!("{}：{}", confirmation_label(level), confirmation_explanation(level))}
            </p>
        }
    })
}

/// What the three source tags mean.
#[component]
fn LegendOfLevels() -> impl IntoView {
    use crate::core::guide::Confirmation;
    let rows = [
        Confirmation::Confirmed,
        Confirmation::Secondary,
        Confirmation::Unconfirmed,
    ]
    .into_iter()
    .map(|c| {
        view! {
            <li>
                <ConfirmationTag confirmation=c/>
                " " {confirmation_explanation(c)}
            </li>
        }
    })
    .collect_view();
    view! {
        <section class="guide-section guide-legend-levels">
            <h2>"来源标注说明"</h2>
            <ul class="plain-list">{rows}</ul>
        </section>
    }
}

/// `第一项` for item 1.
fn item_label(n: u8) -> String {
    format!("第{}项", chinese_numeral(u32::from(n)))
}
