//! One question of the guide: radios, checkboxes or a date per `QuestionKind`, with the
//! question's hint, the 细则 articles it turns on, a back link and "第 n 步". Continue checks
//! the answer with `Answers::record`; a problem is listed in the error summary and the choice
//! made is kept.

use crate::ui::routes::use_navigate;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::guide::{
    AnswerOption, Answers, EARLIEST_SUPPORTED_ACT_DATE, QuestionId, QuestionKind, Response,
    article_label, is_shown, next_question, question, question_after, question_before, questions,
    shown_options,
};
use crate::ui::clock::today_shanghai;
use crate::ui::components::error_summary::{ErrorSummary, FieldError};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;

use super::url::{GuideUrl, Step};
use super::{focus_main_on_click, go_to};

/// The id of the date control.
const DATE_CONTROL: &str = "guide-date";

/// The screen for question `id`.
#[component]
pub fn QuestionScreen(
    /// The question shown (the caller checked that it is asked under `answers`).
    id: QuestionId,
    /// The answers so far, as the address holds them.
    answers: Answers,
    /// Whether continue returns to the check page (the user came from a change link).
    return_to_check: bool,
) -> impl IntoView {
    let q = question(id);
    let options = shown_options(&answers, id);
    let step_number = questions()
        .iter()
        .take_while(|x| x.id != id)
        .filter(|x| is_shown(&answers, x.id))
        .count()
        + 1;
    let back = if return_to_check {
        GuideUrl::href(&answers, Step::Check, false)
    } else {
        let previous = question_before(&answers, id).map_or(Step::Start, Step::Question);
        GuideUrl::href(&answers, previous, false)
    };
    let back_label = if return_to_check {
        "返回核对页"
    } else {
        "上一步"
    };

    // What was chosen before (kept when coming back or after an error), limited to the
    // options still offered.
    let (initial_choices, initial_date) = match answers.get(id) {
        Some(Response::One(o)) => (vec![o.clone()], String::new()),
        Some(Response::Many(os)) => (os.clone(), String::new()),
        Some(Response::Date(d)) => (Vec::new(), d.to_string()),
        None => (Vec::new(), String::new()),
    };
    let chosen = RwSignal::new(
        options
            .iter()
            .filter(|o| initial_choices.iter().any(|c| c == o.id))
            .map(|o| o.id.to_owned())
            .collect::<Vec<_>>(),
    );
    let date = RwSignal::new(initial_date);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let first_control = match q.kind {
        QuestionKind::Date => DATE_CONTROL.to_owned(),
        _ => options
            .first()
            .map(|o| control_id(id, o))
            .unwrap_or_default(),
    };
    let offered: Vec<&'static str> = options.iter().map(|o| o.id).collect();
    let navigate = use_navigate();
    let on_submit = {
        let first_control = first_control.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let picked = chosen.get_untracked();
            let response = match q.kind {
                QuestionKind::Single => picked
                    .first()
                    .map(|o| Response::One(o.clone()))
                    .ok_or_else(|| "请选择一项后再继续。".to_owned()),
                // The flow's option order, so the address and the check page read naturally.
                QuestionKind::Multiple { .. } => Ok(Response::Many(
                    offered
                        .iter()
                        .filter(|o| picked.iter().any(|p| p == *o))
                        .map(|o| (*o).to_owned())
                        .collect(),
                )),
                QuestionKind::Date => date
                    .get_untracked()
                    .parse::<NaiveDate>()
                    .map(Response::Date)
                    .map_err(|_| "请输入行为发生的日期（年、月、日）。".to_owned()),
            };
            let mut updated = answers.clone();
            let recorded = response.and_then(|r| {
                updated
                    .record(id, r, today_shanghai())
                    .map_err(|e| format!("{e}。"))
            });
            match recorded {
                Ok(()) => go_to(&navigate, &next_href(&updated, id, return_to_check)),
                Err(message) => errors.set(vec![FieldError {
                    control_id: first_control.clone(),
                    message,
                }]),
            }
        }
    };

    let has_error = move || !errors.get().is_empty();
    // GOV.UK: the tab title says there is an error, so screen-reader users hear it first.
    Effect::new(move |previous: Option<bool>| {
        let now = has_error();
        if previous.is_some_and(|p| p != now)
            && let Some(doc) = web_sys::window().and_then(|w| w.document())
        {
            let prefix = if now { "错误：" } else { "" };
            doc.set_title(&format!("{prefix}{} · 维权工作台", q.title));
        }
        now
    });
    let error_id = format!("{}-error", id.id());
    let hint_id = format!("{}-hint", id.id());
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if !q.help.is_empty() {
                ids.push(hint_id.clone());
            }
            if has_error() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let error_message = move || {
        errors.get().first().map(|e| {
            view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">"错误："</span>
                    {e.message.clone()}
                </p>
            }
        })
    };
    let articles = (!q.articles.is_empty()).then(|| {
        let links = q
            .articles
            .iter()
            .enumerate()
            .map(|(i, n)| {
                view! {
                    {(i > 0).then_some("、")}
                    <a href=AppRoute::Article(*n).href()>{article_label(u16::from(*n))}</a>
                }
            })
            .collect_view();
        view! { <p class="guide-articles" data-testid="guide-articles">"相关条文：" {links}</p> }
    });
    let controls = match q.kind {
        QuestionKind::Single | QuestionKind::Multiple { .. } => {
            let multiple = matches!(q.kind, QuestionKind::Multiple { .. });
            let items = options
                .iter()
                .map(|o| choice(id, o, multiple, chosen))
                .collect_view();
            view! { <div class="choices">{items}</div> }.into_any()
        }
        QuestionKind::Date => view! {
            <div class="guide-date">
                <label class="field__label guide-date__label" for=DATE_CONTROL>"日期"</label>
                <input
                    class="input input--short"
                    id=DATE_CONTROL
                    type="date"
                    min=EARLIEST_SUPPORTED_ACT_DATE.to_string()
                    max=today_shanghai().to_string()
                    aria-invalid=move || has_error().then_some("true")
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
            </div>
        }
        .into_any(),
    };

    view! {
        <div data-testid="guide-question" data-question=id.id()>
            <a class="back-link" href=back data-testid="guide-back" on:click=focus_main_on_click>
                {back_label}
            </a>
            <ErrorSummary errors=errors.into()/>
            <p class="guide-caption" data-testid="guide-progress">
                {format!("办理指引 · 第 {step_number} 步")}
            </p>
            <form class="form guide-form" on:submit=on_submit novalidate=true>
                <fieldset
                    class="field"
                    class:field--error=has_error
                    aria-describedby=described_by
                >
                    <legend class="guide-legend">
                        <PageTitle text=q.title/>
                    </legend>
                    {(!q.help.is_empty()).then(|| view! { <p class="field__hint" id=hint_id>{q.help}</p> })}
                    {articles}
                    {error_message}
                    {controls}
                </fieldset>
                <button type="submit" class="button" data-testid="guide-continue">"继续"</button>
            </form>
        </div>
    }
}

/// One radio or checkbox with its label and hint.
fn choice(
    id: QuestionId,
    option: &'static AnswerOption,
    multiple: bool,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView + use<> {
    let control = control_id(id, option);
    let hint = (!option.help.is_empty()).then(|| format!("{control}-hint"));
    let value = option.id;
    let checked = move || chosen.with(|c| c.iter().any(|x| x == value));
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        chosen.update(|c| {
            if !multiple {
                c.clear();
            }
            c.retain(|x| x != value);
            if on {
                c.push(value.to_owned());
            }
        });
    };
    view! {
        <div class="choice">
            <input
                class="choice__input"
                type=if multiple { "checkbox" } else { "radio" }
                name=id.id()
                id=control.clone()
                value=value
                aria-describedby=hint.clone()
                prop:checked=checked
                on:change=on_change
            />
            <label class="choice__label" for=control>{option.label}</label>
            {hint.map(|h| view! { <p class="choice__hint" id=h>{option.help}</p> })}
        </div>
    }
}

fn control_id(id: QuestionId, option: &AnswerOption) -> String {
    format!("{}-{}", id.id(), option.id)
}

/// Where "continue" leads: on through the flow, or back to the check page after a change
/// (via any question the change newly opened).
fn next_href(answers: &Answers, current: QuestionId, return_to_check: bool) -> String {
    let next = if return_to_check {
        next_question(answers)
    } else {
        question_after(answers, current)
    };
    match next {
        Some(n) => GuideUrl::href(answers, Step::Question(n), return_to_check),
        None => GuideUrl::href(answers, Step::Check, false),
    }
}
