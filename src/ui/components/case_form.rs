//! `CaseForm`: a case's facts as a form in sections (applicant, the person of 第四十一条, who
//! was harmed, the incident, the grounds of 第三十条, harm, help asked for, summary). It edits a
//! raw [`CaseInput`]; the core's `validate` decides what is acceptable and the page passes its
//! issues back in as field errors.

use leptos::prelude::*;

use crate::core::case::{
    CaseField, CaseInput, DutyLink, Ground, HelpKind, Injury, Issue, OffenceCategory, PersonStatus,
    Relation, Sanction, Site,
};
use crate::core::guide::Choice as _;
use crate::core::rules::chinese_numeral;
use crate::ui::components::error_summary::FieldError;

/// The core's issues as the error summary lists them.
pub fn field_errors(issues: Vec<Issue>) -> Vec<FieldError> {
    issues
        .into_iter()
        .map(|i| FieldError {
            control_id: i.field.control_id(),
            message: i.message,
        })
        .collect()
}

/// The input the core validates: the details of a disputed sanction count only while the
/// ground they belong to (第三十条第三项) is chosen, so unticking it does not trap the user in
/// errors about hidden fields (what was typed stays in the draft).
pub fn submitted(input: &CaseInput) -> CaseInput {
    let mut out = input.clone();
    if !out
        .grounds
        .iter()
        .any(|g| g == Ground::WrongfulAccountability.id())
    {
        out.sanction.clear();
        out.sanction_decision.clear();
        out.sanction_decided_by.clear();
        out.sanction_date.clear();
    }
    out
}

/// 第三十条: who may apply.
const APPLICANT_KINDS: [(&str, &str); 4] = [
    ("officer", "民警本人"),
    (
        "near_relative",
        "民警近亲属（第三十九条：夫、妻、父、母、子、女、同胞兄弟姊妹）",
    ),
    ("other_relative", "民警其他亲属（第三十九条：参照办理）"),
    ("department", "民警所在部门"),
];

/// 第二条, 第三十九条: who suffered the harm.
const HARMED_KINDS: [(&str, &str); 3] = [
    ("self", "当事人本人"),
    ("near_relative", "当事人的近亲属"),
    ("other_relative", "当事人的其他亲属"),
];

/// The duty link in the intake form's words (第二条, 第四十条, 第四十一条).
pub fn duty_label(duty: DutyLink) -> &'static str {
    match duty {
        DutyLink::OnDuty => "正在依法执行职务（辅警等人员：在本市协助履行职责过程中）",
        DutyLink::OffDutyActing => "非工作时间依法履行职责（第四十条：视为执行职务）",
        DutyLink::Retaliation => "不在执行职务，因此前依法履行职责遭受报复",
        DutyLink::BecauseOfDuty => "亲属因民警依法履行职责受到侵害",
        DutyLink::Unsure => "亲属受到侵害，尚不清楚是否因民警履行职责",
        DutyLink::Unrelated => "与依法履行职责无关",
    }
}

/// 第三十条第三项 / 第三十三条: the disputed accountability in the form's words.
pub fn sanction_label(sanction: Sanction) -> &'static str {
    match sanction {
        Sanction::MajorDemeritOrDismissal => "记大过以上处分或者辞退（可依第三十三条申诉）",
        Sanction::Other => "其他处分或处理",
        Sanction::UnderInvestigation => "正在接受纪检监察机关或司法机关调查",
    }
}

/// The article of the 细则 as a Chinese label: 第十九条.
pub fn article_label(article: u8) -> String {
    format!("第{}条", chinese_numeral(u32::from(article)))
}

/// The multi-choice fields.
#[derive(Clone, Copy)]
enum List {
    Grounds,
    Categories,
    Help,
}

impl List {
    fn read(self, input: &CaseInput) -> &[String] {
        match self {
            List::Grounds => &input.grounds,
            List::Categories => &input.categories,
            List::Help => &input.help,
        }
    }

    fn write(self, input: &mut CaseInput) -> &mut Vec<String> {
        match self {
            List::Grounds => &mut input.grounds,
            List::Categories => &mut input.categories,
            List::Help => &mut input.help,
        }
    }
}

/// The yes/no fields.
#[derive(Clone, Copy)]
enum Flag {
    Online,
    PublicOpinion,
    MajorOrUrgent,
}

impl Flag {
    fn slot(self, input: &mut CaseInput) -> &mut bool {
        match self {
            Flag::Online => &mut input.online,
            Flag::PublicOpinion => &mut input.public_opinion_risk,
            Flag::MajorOrUrgent => &mut input.major_or_urgent,
        }
    }

    fn get(self, input: &CaseInput) -> bool {
        match self {
            Flag::Online => input.online,
            Flag::PublicOpinion => input.public_opinion_risk,
            Flag::MajorOrUrgent => input.major_or_urgent,
        }
    }
}

/// What every control needs: the input and the errors.
#[derive(Clone, Copy)]
struct Form {
    input: RwSignal<CaseInput>,
    errors: Signal<Vec<FieldError>>,
}

impl Form {
    fn invalid(self, id: String) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let id = StoredValue::new(id);
        move || {
            self.errors
                .with(|es| es.iter().any(|e| id.with_value(|id| e.control_id == *id)))
        }
    }

    fn error(self, id: String) -> impl IntoView {
        let error_id = format!("{id}-error");
        move || {
            let text = self.errors.with(|es| {
                es.iter()
                    .filter(|e| e.control_id == id)
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (!text.is_empty())
                .then(|| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
        }
    }
}

/// A one-line text control.
struct Text {
    field: CaseField,
    label: &'static str,
    hint: Option<&'static str>,
    kind: &'static str,
    class: &'static str,
    get: fn(&CaseInput) -> String,
    set: fn(&mut CaseInput, String),
}

fn text_field(form: Form, t: Text) -> impl IntoView {
    let id = t.field.control_id();
    let hint_id = t.hint.map(|_| format!("{id}-hint"));
    let invalid = form.invalid(id.clone());
    let (get, set) = (t.get, t.set);
    view! {
        <div class="field" class:field--error=invalid>
            <label class="field__label" for=id.clone()>
                {t.label}
            </label>
            {t.hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {form.error(id.clone())}
            <input
                class=t.class
                id=id.clone()
                name=id.clone()
                type=t.kind
                aria-describedby=hint_id.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || form.input.with(get)
                on:input=move |ev| form.input.update(|i| set(i, event_target_value(&ev)))
            />
        </div>
    }
}

/// A group of radio buttons.
struct Choice {
    field: CaseField,
    legend: &'static str,
    hint: Option<&'static str>,
    options: Vec<(&'static str, String)>,
    get: fn(&CaseInput) -> String,
    set: fn(&mut CaseInput, String),
}

fn radio_group(form: Form, c: Choice) -> impl IntoView {
    let group = c.field.control_id();
    let invalid = form.invalid(group.clone());
    let (get, set) = (c.get, c.set);
    let first = c.options.first().map(|o| o.0);
    let radios = c
        .options
        .into_iter()
        .map(|(key, label)| {
            // The first radio carries the group's id so the error summary can focus it.
            let id = if Some(key) == first {
                group.clone()
            } else {
                format!("{group}-{key}")
            };
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name=group.clone()
                        id=id.clone()
                        value=key
                        prop:checked=move || form.input.with(|i| get(i) == key)
                        on:change=move |_| form.input.update(|i| set(i, key.to_owned()))
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field--error=invalid>
            <legend class="field__label">{c.legend}</legend>
            {c.hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {form.error(group.clone())}
            <div class="radios">{radios}</div>
        </fieldset>
    }
}

/// A group of check boxes over one list field.
fn check_group(
    form: Form,
    field: CaseField,
    legend: &'static str,
    hint: Option<&'static str>,
    list: List,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let group = field.control_id();
    let invalid = form.invalid(group.clone());
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(n, (key, label))| {
            // The first box carries the group's id so the error summary can focus it.
            let id = if n == 0 {
                group.clone()
            } else {
                format!("{group}-{key}")
            };
            let key = StoredValue::new(key);
            view! {
                <div class="radio">
                    <input
                        type="checkbox"
                        name=group.clone()
                        id=id.clone()
                        value=key.get_value()
                        prop:checked=move || {
                            form.input.with(|i| key.with_value(|key| list.read(i).contains(key)))
                        }
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.input
                                .update(|i| {
                                    let items = list.write(i);
                                    let key = key.get_value();
                                    items.retain(|k| *k != key);
                                    if on {
                                        items.push(key);
                                    }
                                });
                        }
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field--error=invalid>
            <legend class="field__label">{legend}</legend>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {form.error(group.clone())}
            <div class="radios">{boxes}</div>
        </fieldset>
    }
}

fn flag_box(form: Form, flag: Flag, id: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <div class="radio">
            <input
                type="checkbox"
                id=id
                name=id
                prop:checked=move || form.input.with(|i| flag.get(i))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    form.input.update(|i| *flag.slot(i) = on);
                }
            />
            <label for=id>{label}</label>
        </div>
    }
}

fn relation_select(
    form: Form,
    field: CaseField,
    get: fn(&CaseInput) -> String,
    set: fn(&mut CaseInput, String),
) -> impl IntoView {
    let id = field.control_id();
    let invalid = form.invalid(id.clone());
    let options = Relation::ALL
        .into_iter()
        .map(|r| {
            view! {
                <option value=r.key() selected=move || form.input.with(|i| get(i) == r.key())>
                    {r.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field--error=invalid>
            <label class="field__label" for=id.clone()>
                "与民警的关系（第三十九条）"
            </label>
            {form.error(id.clone())}
            <select
                id=id.clone()
                name=id.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || form.input.with(get)
                on:change=move |ev| form.input.update(|i| set(i, event_target_value(&ev)))
            >
                <option value="">"请选择"</option>
                {options}
            </select>
        </div>
    }
}

/// The case's facts as a form. Every control's `id` is the core's `CaseField::control_id`, so
/// the error summary links to it.
#[component]
pub fn CaseForm(
    /// The form as typed; updated on every keystroke.
    input: RwSignal<CaseInput>,
    /// The problems the core found, shown next to their controls.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let form = Form { input, errors };
    let applicant_kind = Memo::new(move |_| input.with(|i| i.applicant_kind.clone()));
    let harmed_kind = Memo::new(move |_| input.with(|i| i.harmed.clone()));
    let ground3 = Memo::new(move |_| {
        input.with(|i| {
            i.grounds
                .iter()
                .any(|g| g == Ground::WrongfulAccountability.id())
        })
    });

    let applicant = radio_group(
        form,
        Choice {
            field: CaseField::ApplicantKind,
            legend: "申请人",
            hint: Some("第三十条：民警本人、近亲属或者民警所在部门可以提出维权申请。"),
            options: APPLICANT_KINDS
                .iter()
                .map(|(k, l)| (*k, (*l).to_owned()))
                .collect(),
            get: |i| i.applicant_kind.clone(),
            set: |i, v| i.applicant_kind = v,
        },
    );
    let status = radio_group(
        form,
        Choice {
            field: CaseField::Status,
            legend: "当事人身份",
            hint: Some(
                "第四十一条：辅警、职工、外省市支援或在本省执法的民警、公安院校派遣的学员参照本细则办理。",
            ),
            options: PersonStatus::ALL
                .into_iter()
                .map(|s| {
                    let label = match s.by_reference() {
                        Some(n) => format!("{}（{}：参照办理）", s.label(), article_label(n)),
                        None => s.label().to_owned(),
                    };
                    (s.key(), label)
                })
                .collect(),
            get: |i| i.status.clone(),
            set: |i, v| i.status = v,
        },
    );
    let harmed = radio_group(
        form,
        Choice {
            field: CaseField::Harmed,
            legend: "受侵害的人",
            hint: Some("第二条：民警本人或其近亲属因民警依法履行职责受到侵害。"),
            options: HARMED_KINDS
                .iter()
                .map(|(k, l)| (*k, (*l).to_owned()))
                .collect(),
            get: |i| i.harmed.clone(),
            set: |i, v| i.harmed = v,
        },
    );
    let duty = radio_group(
        form,
        Choice {
            field: CaseField::Duty,
            legend: "侵害与履行职责的关系",
            hint: Some("第四十条：民警在非工作时间依照法律履行职责的，视为执行职务。"),
            options: DutyLink::ALL
                .iter()
                .map(|d| (d.id(), duty_label(*d).to_owned()))
                .collect(),
            get: |i| i.duty.clone(),
            set: |i, v| i.duty = v,
        },
    );
    let site = radio_group(
        form,
        Choice {
            field: CaseField::Site,
            legend: "现场或非现场",
            hint: Some(
                "第十一条：执法执勤现场的侵权行为当场处置；第三十一条：非现场的由维权办受理。",
            ),
            options: Site::ALL
                .into_iter()
                .map(|s| (s.key(), s.label().to_owned()))
                .collect(),
            get: |i| i.site.clone(),
            set: |i, v| i.site = v,
        },
    );
    let injury = radio_group(
        form,
        Choice {
            field: CaseField::Injury,
            legend: "伤情",
            hint: Some("第十三条：经鉴定构成轻微伤以上的，维权办依据本人要求委托法律专业人士。"),
            options: Injury::ALL
                .iter()
                .map(|j| (j.id(), j.label().to_owned()))
                .collect(),
            get: |i| i.injury.clone(),
            set: |i, v| i.injury = v,
        },
    );
    let sanction = move || {
        radio_group(
            form,
            Choice {
                field: CaseField::Sanction,
                legend: "所受的责任追究",
                hint: None,
                options: Sanction::ALL
                    .iter()
                    .map(|s| (s.id(), sanction_label(*s).to_owned()))
                    .collect(),
                get: |i| i.sanction.clone(),
                set: |i, v| i.sanction = v,
            },
        )
    };
    let grounds = check_group(
        form,
        CaseField::Grounds,
        "申请事由（第三十条，可多选）",
        None,
        List::Grounds,
        Ground::ALL
            .iter()
            .map(|g| {
                (
                    g.id().to_owned(),
                    format!(
                        "第三十条第{}项：{}",
                        chinese_numeral(u32::from(g.item())),
                        g.label()
                    ),
                )
            })
            .collect(),
    );
    let categories = check_group(
        form,
        CaseField::Categories,
        "侵权行为类型（可多选）",
        Some("第十九条至第二十六条分别规定了各类侵权行为的处置。"),
        List::Categories,
        OffenceCategory::ALL
            .into_iter()
            .map(|c| {
                (
                    category_key(c),
                    format!("{}（{}）", c.label(), article_label(c.article())),
                )
            })
            .collect(),
    );
    let help = check_group(
        form,
        CaseField::Help,
        "请求的帮助（可多选）",
        None,
        List::Help,
        HelpKind::ALL
            .into_iter()
            .map(|h| (h.key().to_owned(), h.label().to_owned()))
            .collect(),
    );

    view! {
        <div class="case-form">
            <section class="case-form__section" aria-labelledby="sec-applicant">
                <h2 id="sec-applicant">"一、申请人"</h2>
                {applicant}
                <Show when=move || {
                    matches!(applicant_kind.get().as_str(), "near_relative" | "other_relative")
                }>
                    {text_field(
                        form,
                        Text {
                            field: CaseField::ApplicantName,
                            label: "申请人姓名",
                            hint: None,
                            kind: "text",
                            class: "input input--short",
                            get: |i| i.applicant_name.clone(),
                            set: |i, v| i.applicant_name = v,
                        },
                    )}
                </Show>
                <Show when=move || applicant_kind.get() == "near_relative">
                    {relation_select(
                        form,
                        CaseField::ApplicantRelation,
                        |i| i.applicant_relation.clone(),
                        |i, v| i.applicant_relation = v,
                    )}
                </Show>
                <Show when=move || applicant_kind.get() == "other_relative">
                    {text_field(
                        form,
                        Text {
                            field: CaseField::ApplicantRelation,
                            label: "与民警的关系",
                            hint: Some("例如：祖母、外甥。"),
                            kind: "text",
                            class: "input input--short",
                            get: |i| i.applicant_relation.clone(),
                            set: |i, v| i.applicant_relation = v,
                        },
                    )}
                </Show>
                <Show when=move || applicant_kind.get() == "department">
                    {text_field(
                        form,
                        Text {
                            field: CaseField::ApplicantDepartment,
                            label: "申请部门名称",
                            hint: None,
                            kind: "text",
                            class: "input",
                            get: |i| i.applicant_department.clone(),
                            set: |i, v| i.applicant_department = v,
                        },
                    )}
                </Show>
            </section>

            <section class="case-form__section" aria-labelledby="sec-officer">
                <h2 id="sec-officer">"二、当事人"</h2>
                {status}
                {text_field(
                    form,
                    Text {
                        field: CaseField::OfficerName,
                        label: "姓名",
                        hint: None,
                        kind: "text",
                        class: "input input--short",
                        get: |i| i.officer_name.clone(),
                        set: |i, v| i.officer_name = v,
                    },
                )}
                {text_field(
                    form,
                    Text {
                        field: CaseField::OfficerBadge,
                        label: "警号",
                        hint: Some("民警必填；辅警、职工、学员没有警号的可不填。"),
                        kind: "text",
                        class: "input input--short",
                        get: |i| i.officer_badge.clone(),
                        set: |i, v| i.officer_badge = v,
                    },
                )}
                {text_field(
                    form,
                    Text {
                        field: CaseField::OfficerUnit,
                        label: "所在单位",
                        hint: Some("例如：南湖区分局解放派出所。"),
                        kind: "text",
                        class: "input",
                        get: |i| i.officer_unit.clone(),
                        set: |i, v| i.officer_unit = v,
                    },
                )}
                {text_field(
                    form,
                    Text {
                        field: CaseField::OfficerPost,
                        label: "岗位（选填）",
                        hint: None,
                        kind: "text",
                        class: "input input--short",
                        get: |i| i.officer_post.clone(),
                        set: |i, v| i.officer_post = v,
                    },
                )}
            </section>

            <section class="case-form__section" aria-labelledby="sec-harmed">
                <h2 id="sec-harmed">"三、受侵害的人"</h2>
                {harmed}
                <Show when=move || harmed_kind.get() == "near_relative">
                    {relation_select(
                        form,
                        CaseField::HarmedRelation,
                        |i| i.harmed_relation.clone(),
                        |i, v| i.harmed_relation = v,
                    )}
                </Show>
                <Show when=move || harmed_kind.get() == "other_relative">
                    {text_field(
                        form,
                        Text {
                            field: CaseField::HarmedRelation,
                            label: "与民警的关系",
                            hint: Some("例如：祖母、外甥。"),
                            kind: "text",
                            class: "input input--short",
                            get: |i| i.harmed_relation.clone(),
                            set: |i, v| i.harmed_relation = v,
                        },
                    )}
                </Show>
            </section>

            <section class="case-form__section" aria-labelledby="sec-incident">
                <h2 id="sec-incident">"四、事件"</h2>
                <div class="case-form__row">
                    {text_field(
                        form,
                        Text {
                            field: CaseField::IncidentDate,
                            label: "发生日期",
                            hint: None,
                            kind: "date",
                            class: "input input--short",
                            get: |i| i.incident_date.clone(),
                            set: |i, v| i.incident_date = v,
                        },
                    )}
                    {text_field(
                        form,
                        Text {
                            field: CaseField::IncidentTime,
                            label: "发生时间",
                            hint: None,
                            kind: "time",
                            class: "input input--short",
                            get: |i| i.incident_time.clone(),
                            set: |i, v| i.incident_time = v,
                        },
                    )}
                </div>
                {text_field(
                    form,
                    Text {
                        field: CaseField::IncidentPlace,
                        label: "发生地点",
                        hint: None,
                        kind: "text",
                        class: "input",
                        get: |i| i.incident_place.clone(),
                        set: |i, v| i.incident_place = v,
                    },
                )}
                {duty}
                {site}
            </section>

            <section class="case-form__section" aria-labelledby="sec-grounds">
                <h2 id="sec-grounds">"五、申请事由"</h2>
                {grounds}
                <Show when=move || ground3.get()>
                    <div class="case-form__sub">
                        {sanction()}
                        {text_field(
                            form,
                            Text {
                                field: CaseField::SanctionDecision,
                                label: "处分或处理决定的名称",
                                hint: Some("例如：记大过处分。"),
                                kind: "text",
                                class: "input",
                                get: |i| i.sanction_decision.clone(),
                                set: |i, v| i.sanction_decision = v,
                            },
                        )}
                        {text_field(
                            form,
                            Text {
                                field: CaseField::SanctionDecidedBy,
                                label: "作出决定的部门",
                                hint: None,
                                kind: "text",
                                class: "input",
                                get: |i| i.sanction_decided_by.clone(),
                                set: |i, v| i.sanction_decided_by = v,
                            },
                        )}
                        {text_field(
                            form,
                            Text {
                                field: CaseField::SanctionDate,
                                label: "决定日期",
                                hint: None,
                                kind: "date",
                                class: "input input--short",
                                get: |i| i.sanction_date.clone(),
                                set: |i, v| i.sanction_date = v,
                            },
                        )}
                    </div>
                </Show>
            </section>

            <section class="case-form__section" aria-labelledby="sec-harm">
                <h2 id="sec-harm">"六、侵权行为与损害"</h2>
                {categories}
                {injury}
                {text_field(
                    form,
                    Text {
                        field: CaseField::PropertyLoss,
                        label: "财产损失（元，选填）",
                        hint: Some("以元为单位，最多两位小数，例如 1234.50；没有损失的不填。"),
                        kind: "text",
                        class: "input input--short",
                        get: |i| i.property_loss_yuan.clone(),
                        set: |i, v| i.property_loss_yuan = v,
                    },
                )}
            </section>

            <section class="case-form__section" aria-labelledby="sec-help">
                <h2 id="sec-help">"七、请求帮助与其他情况"</h2>
                {help}
                <fieldset class="field">
                    <legend class="field__label">"其他情况"</legend>
                    <div class="radios">
                        {flag_box(form, Flag::Online, "online", "网络上存在有害信息（第十条第八项）")}
                        {flag_box(form, Flag::PublicOpinion, "public-opinion-risk", "存在涉警舆情风险（第十一条）")}
                        {flag_box(form, Flag::MajorOrUrgent, "major-or-urgent", "重大紧急案件，须立即报上一级维权办（第三十六条）")}
                    </div>
                </fieldset>
            </section>

            <section class="case-form__section" aria-labelledby="sec-summary">
                <h2 id="sec-summary">"八、事件经过"</h2>
                <div class="field" class:field--error=form.invalid(CaseField::Summary.control_id())>
                    <label class="field__label" for="summary">"简要经过"</label>
                    <p class="field__hint" id="summary-hint">"写明时间、地点、人员和经过，最多2000字。"</p>
                    {form.error(CaseField::Summary.control_id())}
                    <textarea
                        id="summary"
                        name="summary"
                        rows="6"
                        aria-describedby="summary-hint"
                        prop:value=move || input.with(|i| i.summary.clone())
                        on:input=move |ev| input.update(|i| i.summary = event_target_value(&ev))
                    ></textarea>
                </div>
            </section>
        </div>
    }
}

/// The offence category's form key: its serde name, which the core's validation reads.
fn category_key(category: OffenceCategory) -> String {
    match serde_json::to_value(category) {
        Ok(serde_json::Value::String(key)) => key,
        _ => String::new(),
    }
}

/// A time as a `datetime-local` control shows it: `2026-11-25T09:30`.
pub fn datetime_local(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// Reads a `datetime-local` value (`2026-11-25T09:30`, seconds optional) with the core's date
/// and time parsers; `what` names the time in the Chinese error.
pub fn parse_datetime_local(text: &str, what: &str) -> Result<chrono::NaiveDateTime, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("请填写{what}。"));
    }
    let Some((date, time)) = text.split_once(['T', ' ']) else {
        return Err(format!("{what}应包括日期和时间，例如 2026-11-25 09:30。"));
    };
    let date =
        crate::core::calendar::parse_date(date).map_err(|e| format!("{what}的日期：{e}。"))?;
    let time = crate::core::case::parse_time(time).map_err(|e| format!("{what}：{e}"))?;
    Ok(chrono::NaiveDateTime::new(date, time))
}
