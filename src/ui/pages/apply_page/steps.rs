//! The questions of each wizard screen, in plain language, mapped onto the core's form keys.
//! The answers are checked by `core::application::validate_step`; nothing is decided here.

use leptos::prelude::*;

use crate::core::application::{ApplicantRole, ApplicationForm, Step, duty_note, eligibility};
use crate::core::case::{HelpKind, Injury, OffenceCategory, PersonStatus, Relation, Site};
use crate::core::guide::{Choice, DutyLink, Ground, article_label};
use crate::ui::components::error_summary::FieldError;
use crate::ui::routes::AppRoute;

use super::fields::{Checkboxes, Opt, Radios, TextArea, TextField};
use crate::ui::components::draft_evidence::DraftEvidence;

/// What each offence category means, in words an applicant uses (第十九至二十六条).
fn category_hint(category: OffenceCategory) -> &'static str {
    match category {
        OffenceCategory::Assault => "殴打、推搡、撕咬、抓挠、撞击等暴力行为",
        OffenceCategory::Obstruction => "拉扯、围堵、阻拦，使民警无法正常执行职务",
        OffenceCategory::Insult => "当众辱骂，或用图片、文字、标语等公然侮辱",
        OffenceCategory::Defamation => "捏造事实并散布，损害名誉",
        OffenceCategory::FalseAccusation => "捏造事实向有关部门告发，意图使民警受到追究",
        OffenceCategory::ThreatOrHarassment => {
            "威胁人身安全，反复发送信息干扰生活，或纠缠、跟踪、堵门"
        }
        OffenceCategory::PrivacyViolation => "窥探、打听、散布民警或家人的个人信息",
        OffenceCategory::MaliciousComplaint => "捏造事实投诉，意图使民警受到处分",
    }
}

fn sanction_label(key: &str) -> &'static str {
    match key {
        "major" => "记大过以上处分或者辞退",
        "other" => "其他处分或处理",
        _ => "正在接受纪检监察机关或司法机关调查",
    }
}

fn duty_label(duty: DutyLink) -> (&'static str, &'static str) {
    match duty {
        DutyLink::OnDuty => (
            "正在依法执行职务时",
            "包括辅警等人员在本市协助履行职责的过程中",
        ),
        DutyLink::OffDutyActing => (
            "在非工作时间依法履行职责时",
            "例如下班途中制止违法犯罪；依照第四十条，视为执行职务",
        ),
        DutyLink::Retaliation => ("不在执行职务，但对方因以前的执法进行报复", ""),
        DutyLink::BecauseOfDuty => ("家人因民警依法履行职责而受到侵害", ""),
        DutyLink::Unsure => ("家人受到侵害，不确定是否与民警的工作有关", ""),
        DutyLink::Unrelated => ("与履行职责无关", "例如私人纠纷"),
    }
}

fn relation_options() -> Vec<Opt> {
    Relation::ALL
        .into_iter()
        .map(|r| Opt::new(r.key(), r.label()))
        .collect()
}

/// The eligibility outcome as soon as applicant and status are known, with its articles.
#[component]
pub fn EligibilityPanel(
    /// The form.
    form: RwSignal<ApplicationForm>,
) -> impl IntoView {
    move || {
        let (role, status) = form.with(|f| {
            (
                ApplicantRole::from_input(&f.input),
                PersonStatus::from_key(f.input.status.trim()),
            )
        });
        let role = role?;
        let status = status.unwrap_or(PersonStatus::Officer);
        let known = form.with(|f| !f.input.status.is_empty());
        let e = eligibility(role, status);
        let tag = e.is_by_reference().then(|| {
            view! { <strong class="apply-tag" data-testid="apply-by-reference">"参照办理"</strong> }
        });
        let articles: Vec<u8> = e
            .articles
            .iter()
            .chain(e.by_reference.iter())
            .copied()
            .collect();
        let links = articles
            .into_iter()
            .map(|n| {
                view! {
                    <a class="link apply-article" href=AppRoute::Article(n).href()>
                        {article_label(u16::from(n))}
                    </a>
                }
            })
            .collect_view();
        Some(view! {
            <div class="callout apply-eligibility" data-testid="apply-eligibility" role="status">
                <h2 class="apply-eligibility__title">
                    {if e.may_apply { "可以提出申请" } else { "不能提出申请" }} {tag}
                </h2>
                <p>{e.explanation.clone()}</p>
                {(!known).then(|| view! { <p class="muted">"下一步选择当事人身份后，结论会随之更新。"</p> })}
                <p class="apply-eligibility__links">"依据：" {links}</p>
            </div>
        })
    }
}

/// The controls of one screen.
#[component]
pub fn StepFields(
    /// The draft's id (the evidence screen keeps its files under it).
    draft: String,
    /// The screen.
    step: Step,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// The screen's errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    match step {
        Step::Applicant => applicant(form, errors).into_any(),
        Step::Person => person(form, errors).into_any(),
        Step::Ground => ground(form, errors).into_any(),
        Step::Incident => incident(form, errors).into_any(),
        Step::Harm => harm(form, errors).into_any(),
        Step::Evidence => {
            let evidence = Signal::derive(move || form.with(|f| f.input.evidence.clone()));
            let set_evidence = Callback::new(move |rows| form.update(|f| f.input.evidence = rows));
            view! {
                <p>"照片、视频、录音、病历、聊天记录截图等，都可以作为证据材料；它们会随申请文件一起交给维权办。没有也可以继续，以后再补充。"</p>
                <DraftEvidence draft evidence set_evidence errors/>
            }
            .into_any()
        }
        Step::Help => help(form, errors).into_any(),
        Step::Contact => view! {
            <TextField
                id="contact-phone"
                label="联系电话"
                hint="维权办受理和答复时通过这个号码联系您。只保存在本机草稿和申请文件中，不写入案件记录。"
                kind="tel"
                autocomplete="tel"
                form
                get=|f| f.contact.phone.clone()
                set=|f, v| f.contact.phone = v
                errors
            />
        }
        .into_any(),
        Step::Consent => {
            let error = move || {
                errors.with(|l| l.iter().find(|e| e.control_id == "consent").map(|e| e.message.clone()))
            };
            view! {
                <div class=move || if error().is_some() { "field field--error" } else { "field" }>
                    <p>
                        "您填写的信息将交给所属单位维权办，仅用于审查、受理和办理本次维权申请（第三十、三十一条），并按规定保存。"
                    </p>
                    {move || error().map(|e| view! { <p class="field-error">{e}</p> })}
                    <div class="radio apply-choice">
                        <input
                            type="checkbox"
                            id="consent"
                            name="consent"
                            prop:checked=move || form.with(|f| f.consent)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| f.consent = on);
                            }
                        />
                        <label for="consent">"我同意维权办为办理本申请使用以上信息"</label>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

fn applicant(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    // A memo, so typing in a revealed field does not rebuild (and unfocus) it.
    let kind = Memo::new(move |_| form.with(|f| f.input.applicant_kind.clone()));
    view! {
        <Radios
            id="applicant-kind"
            legend="您以什么身份提出申请？"
            hint="第三十条：民警本人、民警的近亲属或者民警所在部门可以提出申请。辅警、职工等请选“本人”。"
            options=vec![
                Opt::hinted("officer", "本人", "受到侵害或认为受到错误追究的人自己申请"),
                Opt::hinted("near_relative", "近亲属", "配偶、父母、子女、同胞兄弟姊妹（第三十九条）"),
                Opt::hinted("other_relative", "其他亲属", "例如祖父母、外祖父母、孙子女（参照办理）"),
                Opt::hinted("department", "民警所在部门", "以部门名义申请"),
            ]
            form
            get=|f| f.input.applicant_kind.clone()
            set=|f, v| {
                if f.input.applicant_kind != v {
                    f.input.applicant_relation.clear();
                }
                f.input.applicant_kind = v;
            }
            errors
        />
        {move || match kind.get().as_str() {
            "near_relative" => view! {
                <Radios
                    id="applicant-relation"
                    legend="您是民警的什么人？"
                    options=relation_options()
                    form
                    get=|f| f.input.applicant_relation.clone()
                    set=|f, v| f.input.applicant_relation = v
                    errors
                />
                <TextField id="applicant-name" label="您的姓名" autocomplete="name" form
                    get=|f| f.input.applicant_name.clone() set=|f, v| f.input.applicant_name = v errors/>
            }.into_any(),
            "other_relative" => view! {
                <TextField id="applicant-relation" label="您与民警的关系" hint="例如：祖母" form
                    get=|f| f.input.applicant_relation.clone() set=|f, v| f.input.applicant_relation = v errors/>
                <TextField id="applicant-name" label="您的姓名" autocomplete="name" form
                    get=|f| f.input.applicant_name.clone() set=|f, v| f.input.applicant_name = v errors/>
            }.into_any(),
            "department" => view! {
                <TextField id="applicant-department" label="部门名称" autocomplete="organization" form
                    get=|f| f.input.applicant_department.clone() set=|f, v| f.input.applicant_department = v errors/>
            }.into_any(),
            _ => ().into_any(),
        }}
        <EligibilityPanel form/>
    }
}

fn person(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let status_options = PersonStatus::ALL
        .into_iter()
        .map(|s| match s.by_reference() {
            Some(n) => Opt::hinted(
                s.key(),
                s.label(),
                &format!("参照办理（{}）", article_label(u16::from(n))),
            ),
            None => Opt::new(s.key(), "本市公安民警"),
        })
        .collect::<Vec<_>>();
    let harmed = Memo::new(move |_| form.with(|f| f.input.harmed.clone()));
    view! {
        <Radios
            id="status"
            legend="当事人是什么身份？"
            hint="当事人是执法权威受到侵害或受到追究的人。"
            options=status_options
            form
            get=|f| f.input.status.clone()
            set=|f, v| f.input.status = v
            errors
        />
        <TextField id="officer-name" label="当事人姓名" form
            get=|f| f.input.officer_name.clone() set=|f, v| f.input.officer_name = v errors/>
        <TextField id="officer-badge" label="警号" hint="民警必填；辅警、职工、学员可不填。" short=true form
            get=|f| f.input.officer_badge.clone() set=|f, v| f.input.officer_badge = v errors/>
        <TextField id="officer-unit" label="当事人所在单位" hint="例如：南湖区分局解放派出所" form
            get=|f| f.input.officer_unit.clone() set=|f, v| f.input.officer_unit = v errors/>
        <TextField id="officer-post" label="岗位（选填）" form
            get=|f| f.input.officer_post.clone() set=|f, v| f.input.officer_post = v errors/>
        <Radios
            id="harmed"
            legend="受到侵害的是谁？"
            options=vec![
                Opt::new("self", "当事人本人"),
                Opt::hinted("near_relative", "当事人的近亲属", "因民警履行职责而受到侵害"),
                Opt::hinted("other_relative", "当事人的其他亲属", "参照办理（第三十九条）"),
            ]
            form
            get=|f| f.input.harmed.clone()
            set=|f, v| {
                if f.input.harmed != v {
                    f.input.harmed_relation.clear();
                }
                f.input.harmed = v;
            }
            errors
        />
        {move || match harmed.get().as_str() {
            "near_relative" => view! {
                <Radios id="harmed-relation" legend="受到侵害的亲属是当事人的什么人？" options=relation_options() form
                    get=|f| f.input.harmed_relation.clone() set=|f, v| f.input.harmed_relation = v errors/>
            }.into_any(),
            "other_relative" => view! {
                <TextField id="harmed-relation" label="受到侵害的亲属与当事人的关系" hint="例如：祖母" form
                    get=|f| f.input.harmed_relation.clone() set=|f, v| f.input.harmed_relation = v errors/>
            }.into_any(),
            _ => ().into_any(),
        }}
        <EligibilityPanel form/>
    }
}

fn ground(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let options = <Ground as Choice>::ALL
        .iter()
        .map(|g| {
            let hint = match g {
                Ground::Infringed => "例如被打、被骂、被威胁、被诬告或被恶意投诉",
                Ground::Unprotected => "例如受到侵害后没有得到应有的处理和保护",
                Ground::WrongfulAccountability => "例如认为处分不当，或对正在进行的追责有异议",
            };
            Opt::hinted(g.id(), g.label(), hint)
        })
        .collect::<Vec<_>>();
    let sanctions: Vec<Opt> = ["major", "other", "investigating"]
        .into_iter()
        .map(|k| Opt::new(k, sanction_label(k)))
        .collect();
    let accountability =
        Memo::new(move |_| form.with(|f| f.input.grounds.iter().any(|g| g == "accountability")));
    view! {
        <Checkboxes
            id="grounds"
            legend="您认为发生了哪种情况？可以多选。"
            hint="第三十条规定了三种可以申请的情形。"
            options
            form
            get=|f| f.input.grounds.clone()
            set=|f, v| {
                if !v.iter().any(|g| g == "accountability") {
                    f.input.sanction.clear();
                    f.input.sanction_decision.clear();
                    f.input.sanction_decided_by.clear();
                    f.input.sanction_date.clear();
                }
                f.input.grounds = v;
            }
            errors
        />
        {move || accountability.get().then(|| view! {
            <Radios
                id="sanction"
                legend="受到了什么追究？"
                options=sanctions.clone()
                form
                get=|f| f.input.sanction.clone()
                set=|f, v| f.input.sanction = v
                errors
            />
            <TextField id="sanction-decision" label="处分或处理决定的名称" form
                get=|f| f.input.sanction_decision.clone() set=|f, v| f.input.sanction_decision = v errors/>
            <TextField id="sanction-decided-by" label="作出决定的部门" form
                get=|f| f.input.sanction_decided_by.clone() set=|f, v| f.input.sanction_decided_by = v errors/>
            <TextField id="sanction-date" label="决定日期" kind="date" short=true form
                get=|f| f.input.sanction_date.clone() set=|f, v| f.input.sanction_date = v errors/>
        })}
    }
}

fn incident(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let relative = Memo::new(move |_| {
        form.with(|f| matches!(f.input.harmed.as_str(), "near_relative" | "other_relative"))
    });
    let duty_options = move || {
        let relative = relative.get();
        let list: &[DutyLink] = if relative {
            &[
                DutyLink::BecauseOfDuty,
                DutyLink::Unsure,
                DutyLink::Unrelated,
            ]
        } else {
            &[
                DutyLink::OnDuty,
                DutyLink::OffDutyActing,
                DutyLink::Retaliation,
                DutyLink::Unrelated,
            ]
        };
        list.iter()
            .map(|d| {
                let (label, hint) = duty_label(*d);
                if hint.is_empty() {
                    Opt::new(d.id(), label)
                } else {
                    Opt::hinted(d.id(), label, hint)
                }
            })
            .collect::<Vec<_>>()
    };
    let note = move || {
        form.with(|f| {
            let status = PersonStatus::from_key(&f.input.status)?;
            let duty = DutyLink::from_id(&f.input.duty)?;
            Some(duty_note(status, duty))
        })
        .map(|n| {
            let class = if n.covered { "callout callout--small" } else { "banner banner--warning" };
            view! {
                <div class=class data-testid="apply-duty-note" role="status">
                    <p>
                        {n.explanation} " "
                        <a class="link" href=AppRoute::Article(n.article).href()>{article_label(u16::from(n.article))}</a>
                    </p>
                </div>
            }
        })
    };
    let categories = OffenceCategory::ALL
        .into_iter()
        .map(|c| {
            let key = serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            Opt::hinted(&key, c.label(), category_hint(c))
        })
        .collect::<Vec<_>>();
    let sites: Vec<Opt> = [Site::OnSite, Site::OffSite]
        .into_iter()
        .map(|s| Opt::new(s.key(), s.label()))
        .collect();
    view! {
        <TextField id="incident-date" label="发生日期" kind="date" short=true form
            get=|f| f.input.incident_date.clone() set=|f, v| f.input.incident_date = v errors/>
        <TextField id="incident-time" label="大约几点" hint="例如 21:30" kind="time" short=true form
            get=|f| f.input.incident_time.clone() set=|f, v| f.input.incident_time = v errors/>
        <TextField id="incident-place" label="发生地点" form
            get=|f| f.input.incident_place.clone() set=|f, v| f.input.incident_place = v errors/>
        {move || {
            let options = duty_options();
            view! {
                <Radios id="duty" legend="当时当事人在做什么？" options form
                    get=|f| f.input.duty.clone() set=|f, v| f.input.duty = v errors/>
            }
        }}
        {note}
        <Radios
            id="site"
            legend="是在执法执勤现场发生的吗？"
            options=sites
            form
            get=|f| f.input.site.clone()
            set=|f, v| f.input.site = v
            errors
        />
        <Checkboxes
            id="categories"
            legend="对方做了什么？可以多选，也可以不选。"
            options=categories
            form
            get=|f| f.input.categories.clone()
            set=|f, v| f.input.categories = v
            errors
        />
        <TextArea id="summary" label="请用自己的话说明经过" hint="时间、人物、说了什么、做了什么，有哪些证人或视频。" form
            get=|f| f.input.summary.clone() set=|f, v| f.input.summary = v errors/>
    }
}

fn harm(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let injuries = [
        Injury::None,
        Injury::Minor,
        Injury::Light,
        Injury::Serious,
        Injury::Death,
        Injury::Pending,
    ]
    .into_iter()
    .map(|i| Opt::new(i.id(), i.label()))
    .collect::<Vec<_>>();
    view! {
        <Radios id="injury" legend="有没有受伤？" hint="已经做过伤情鉴定的，按鉴定结论选择。" options=injuries form
            get=|f| f.input.injury.clone() set=|f, v| f.input.injury = v errors/>
        <TextField id="property-loss" label="财产损失（元，选填）" hint="例如 1200.50；没有损失可不填。" short=true form
            get=|f| f.input.property_loss_yuan.clone() set=|f, v| f.input.property_loss_yuan = v errors/>
    }
}

fn help(form: RwSignal<ApplicationForm>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let options = HelpKind::ALL
        .into_iter()
        .map(|h| Opt::new(h.key(), h.label()))
        .collect::<Vec<_>>();
    view! {
        <Checkboxes id="help" legend="希望维权办提供哪些帮助？可以多选，也可以不选。" options form
            get=|f| f.input.help.clone() set=|f, v| f.input.help = v errors/>
    }
}
