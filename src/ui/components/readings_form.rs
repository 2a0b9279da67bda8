//! `ReadingsForm`: the unit's choice for each period whose wording admits more than one
//! reading (第三十一条, 第三十二条), each choice explained; saved in local storage and put in force
//! for the calculator at once.

use leptos::prelude::*;

use crate::core::calendar::MakeUpDays;
use crate::core::deadline::{
    Citation, ExtensionReading, FindingsUnitReading, MAKE_UP_DAYS_QUESTION, PeriodId, PeriodUnit,
    Readings, ReplyStartReading, RollForward,
};
use crate::store;
use crate::ui::routes::AppRoute;
use crate::ui::state::use_calendar;

/// One reading's question with every choice as a radio button, the default marked.
struct Question<T: 'static> {
    /// Used in element ids and the radio group's name.
    key: &'static str,
    question: &'static str,
    /// The provisions whose periods depend on the answer.
    citations: Vec<Citation>,
    choices: &'static [T],
    label: fn(T) -> &'static str,
    explanation: fn(T) -> &'static str,
    chosen: RwSignal<T>,
}

impl<T> Question<T>
where
    T: Copy + Default + PartialEq + Send + Sync + 'static,
{
    fn view(self) -> impl IntoView {
        let Question {
            key,
            question,
            citations,
            choices,
            label,
            explanation,
            chosen,
        } = self;
        let options = choices
            .iter()
            .enumerate()
            .map(|(i, &choice)| {
                let id = format!("reading-{key}-{i}");
                let why = format!("{id}-why");
                let is_default = choice == T::default();
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            name=format!("reading-{key}")
                            id=id.clone()
                            aria-describedby=why.clone()
                            prop:checked=move || chosen.get() == choice
                            on:change=move |_| chosen.set(choice)
                        />
                        <div class="choice__text">
                            <label for=id class="choice__label">
                                {label(choice)}
                                {is_default.then(|| view! { <span class="tag">"默认"</span> })}
                            </label>
                            <p class="choice__why" id=why>{explanation(choice)}</p>
                        </div>
                    </div>
                }
            })
            .collect_view();
        let links = citations
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                view! {
                    {(i > 0).then_some("、")}
                    <a href=AppRoute::Article(c.article).href()>{c.to_string()}</a>
                }
            })
            .collect_view();
        view! {
            <fieldset class="field reading" data-testid=format!("reading-{key}")>
                <legend class="field__label">{question}</legend>
                <p class="field__hint">"涉及条文：" {links}</p>
                <div class="choices">{options}</div>
            </fieldset>
        }
    }
}

/// The provisions of every period counted in `unit`, each listed once, in order.
fn citations_of(unit: PeriodUnit) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    for id in PeriodId::ALL {
        let def = id.definition();
        if def.unit == unit && !out.contains(&def.citation) {
            out.push(def.citation);
        }
    }
    out
}

/// The readings form. Saving puts the choices in force for every deadline computed afterwards,
/// on this page and in the calculator; 「恢复默认」 saves the tool's defaults.
#[component]
pub fn ReadingsForm() -> impl IntoView {
    let ctx = use_calendar();
    let current = ctx.readings.get_untracked();
    let extension = RwSignal::new(current.extension);
    let reply_start = RwSignal::new(current.reply_start);
    let findings_unit = RwSignal::new(current.findings_unit);
    let make_up_days = RwSignal::new(current.make_up_days);
    let roll_forward = RwSignal::new(current.roll_forward);
    let outcome = RwSignal::new(None::<Result<&'static str, String>>);

    let chosen = move || Readings {
        extension: extension.get(),
        reply_start: reply_start.get(),
        findings_unit: findings_unit.get(),
        make_up_days: make_up_days.get(),
        roll_forward: roll_forward.get(),
    };
    let unsaved = move || chosen() != ctx.readings.get();
    let save = move |readings: Readings, message: &'static str| match store::calendar::save_readings(
        &readings,
    ) {
        Ok(()) => {
            ctx.readings.set(readings);
            outcome.set(Some(Ok(message)));
        }
        Err(e) => outcome.set(Some(Err(e))),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(chosen(), "期限读法已保存。期限计算从现在起按所选读法计算。");
    };
    let restore = move |_| {
        let defaults = Readings::default();
        extension.set(defaults.extension);
        reply_start.set(defaults.reply_start);
        findings_unit.set(defaults.findings_unit);
        make_up_days.set(defaults.make_up_days);
        roll_forward.set(defaults.roll_forward);
        save(defaults, "已恢复并保存本工具的默认读法。");
    };
    let non_default = move || {
        let r = ctx.readings.get();
        let d = Readings::default();
        [
            r.extension != d.extension,
            r.reply_start != d.reply_start,
            r.findings_unit != d.findings_unit,
            r.make_up_days != d.make_up_days,
            r.roll_forward != d.roll_forward,
        ]
        .into_iter()
        .filter(|&changed| changed)
        .count()
    };

    let questions = view! {
        {Question {
            key: "reply-start",
            question: ReplyStartReading::QUESTION,
            citations: vec![PeriodId::Reply.definition().citation],
            choices: &ReplyStartReading::ALL,
            label: ReplyStartReading::label,
            explanation: ReplyStartReading::explanation,
            chosen: reply_start,
        }
            .view()}
        {Question {
            key: "extension",
            question: ExtensionReading::QUESTION,
            citations: vec![PeriodId::Extension.definition().citation],
            choices: &ExtensionReading::ALL,
            label: ExtensionReading::label,
            explanation: ExtensionReading::explanation,
            chosen: extension,
        }
            .view()}
        {Question {
            key: "findings-unit",
            question: FindingsUnitReading::QUESTION,
            citations: vec![PeriodId::Findings.definition().citation],
            choices: &FindingsUnitReading::ALL,
            label: FindingsUnitReading::label,
            explanation: FindingsUnitReading::explanation,
            chosen: findings_unit,
        }
            .view()}
        {Question {
            key: "make-up-days",
            question: MAKE_UP_DAYS_QUESTION,
            citations: citations_of(PeriodUnit::WorkingDays),
            choices: &MakeUpDays::ALL,
            label: MakeUpDays::label,
            explanation: MakeUpDays::explanation,
            chosen: make_up_days,
        }
            .view()}
        {Question {
            key: "roll-forward",
            question: RollForward::QUESTION,
            citations: citations_of(PeriodUnit::CalendarDays),
            choices: &RollForward::ALL,
            label: RollForward::label,
            explanation: RollForward::explanation,
            chosen: roll_forward,
        }
            .view()}
    };

    view! {
        <p>
            "细则对下列期限的写法可以有不同理解。本工具为每个问题选定了一种默认读法，并在每次计算结果中注明所用的读法。"
            "如本单位（或上级）对某个问题已有明确意见，可在这里改用其他读法；改动对本机的全部期限计算生效。"
        </p>
        <p class="muted" data-testid="readings-in-force">
            {move || match non_default() {
                0 => "目前全部采用默认读法。".to_owned(),
                n => format!("目前有{n}个问题采用了非默认读法。"),
            }}
        </p>
        {move || {
            outcome
                .get()
                .map(|o| match o {
                    Ok(message) => {
                        view! {
                            <div class="banner banner--success" role="status" data-testid="readings-saved">
                                {message} " "
                                <a href=AppRoute::Calendar.href()>"去期限计算"</a>
                            </div>
                        }
                            .into_any()
                    }
                    Err(message) => {
                        view! { <div class="banner banner--error" role="alert">{message}</div> }
                            .into_any()
                    }
                })
        }}
        <form class="form" on:submit=on_submit novalidate=true>
            {questions}
            <div class="actions">
                <button type="submit" class="button" data-testid="readings-save">"保存读法"</button>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="readings-restore"
                    on:click=restore
                >
                    "恢复默认"
                </button>
                <Show when=unsaved>
                    <span class="status status--warning" role="status">"有未保存的更改"</span>
                </Show>
            </div>
        </form>
    }
}
