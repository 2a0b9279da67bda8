//! `CalendarPage`: the deadline calculator. The URL carries the inputs, so an example can be
//! shared: `/calendar?from=2026-09-28&workdays=3`, `…&days=30`, `…&rule=reply`.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_query_map;

use crate::ui::routes::use_navigate;

use crate::core::calendar::{format_date_cn, parse_date};
use crate::core::deadline::{
    PeriodId, PeriodUnit, StepAction, TracedDeadline, compute_span_with_trace, compute_with_trace,
    parse_length,
};
use crate::ui::clock::today_shanghai;
use crate::ui::components::month_grid::MonthGrid;
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;
use crate::ui::state::use_calendar;

/// What is being counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A period of the 细则.
    Rule,
    /// A custom number of working days.
    WorkingDays,
    /// A custom number of calendar days.
    CalendarDays,
}

impl Mode {
    fn key(self) -> &'static str {
        match self {
            Mode::Rule => "rule",
            Mode::WorkingDays => "workdays",
            Mode::CalendarDays => "days",
        }
    }
}

/// Why the inputs could not be computed, tied to the field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
struct InputError {
    field: &'static str,
    message: String,
}

const MAX_MONTHS_SHOWN: usize = 4;

/// The deadline calculator.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let ctx = use_calendar();
    let query = use_query_map().get_untracked();
    let (mode, initial_length) = if let Some(n) = query.get("workdays") {
        (Mode::WorkingDays, n)
    } else if let Some(n) = query.get("days") {
        (Mode::CalendarDays, n)
    } else {
        (Mode::Rule, "3".to_owned())
    };
    let from = RwSignal::new(
        query
            .get("from")
            .unwrap_or_else(|| today_shanghai().to_string()),
    );
    let mode = RwSignal::new(mode);
    let rule = RwSignal::new(
        query
            .get("rule")
            .unwrap_or_else(|| PeriodId::Reply.as_str().to_owned()),
    );
    let length = RwSignal::new(initial_length);

    // Keep the address in step with the inputs, so the page can be shared or bookmarked.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let value = match mode.get() {
            Mode::Rule => rule.get(),
            Mode::WorkingDays | Mode::CalendarDays => length.get(),
        };
        let url = format!(
            "{}?from={}&{}={}",
            AppRoute::Calendar.href(),
            encode(&from.get()),
            mode.get().key(),
            encode(&value)
        );
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });

    let result = Memo::new(move |_| -> Result<TracedDeadline, InputError> {
        let start = parse_date(&from.get()).map_err(|e| InputError {
            field: "from",
            message: e.to_string(),
        })?;
        let calendar = ctx.calendar.get();
        let readings = ctx.readings.get();
        let computed = match mode.get() {
            Mode::Rule => {
                let id = PeriodId::from_slug(&rule.get()).ok_or_else(|| InputError {
                    field: "rule",
                    message: format!("没有名为“{}”的期限，请从列表中选择。", rule.get()),
                })?;
                compute_with_trace(&calendar, id, start, &readings)
            }
            Mode::WorkingDays | Mode::CalendarDays => {
                let n = parse_length(&length.get()).map_err(|e| InputError {
                    field: "length",
                    message: e.to_string(),
                })?;
                let unit = if mode.get() == Mode::WorkingDays {
                    PeriodUnit::WorkingDays
                } else {
                    PeriodUnit::CalendarDays
                };
                compute_span_with_trace(&calendar, unit, n, start, &readings)
            }
        };
        computed.map_err(|e| InputError {
            field: "from",
            message: e.to_string(),
        })
    });
    let error_for = move |field: &'static str| {
        move || match result.get() {
            Err(e) if e.field == field => {
                Some(view! { <p class="field-error" id=format!("{field}-error")>{e.message}</p> })
            }
            _ => None,
        }
    };
    let invalid = move |field: &'static str| {
        move || matches!(result.get(), Err(e) if e.field == field).then_some("true")
    };

    let rule_options = move || {
        PeriodId::ALL
            .into_iter()
            .map(|id| {
                let def = id.definition();
                view! {
                    <option value=id.as_str() selected=move || rule.get() == id.as_str()>
                        {format!("{}（{}，{}）", def.title, def.citation, def.length_text())}
                    </option>
                }
            })
            .collect_view()
    };
    let mode_radio = move |m: Mode, label: &'static str| {
        let id = format!("mode-{}", m.key());
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="mode"
                    id=id.clone()
                    prop:checked=move || mode.get() == m
                    on:change=move |_| mode.set(m)
                />
                <label for=id>{label}</label>
            </div>
        }
    };

    view! {
        <section class="page" data-testid="calendar">
            <PageTitle text="期限计算"/>
            <p class="lead">
                "按细则规定的期限或自定义天数，计算届满日，并逐日列出计入和不计入的日子。节假日依据国务院办公厅每年的放假安排。"
            </p>
            {move || ctx.load_error.get().map(|m| view! { <div class="banner banner--warning" role="status">{m}</div> })}
            <div class="calc">
                <form class="calc__form form" on:submit=|ev| ev.prevent_default()>
                    <div class="field" class:field--error=move || invalid("from")().is_some()>
                        <label class="field__label" for="from">"起算日"</label>
                        <p class="field__hint">"事件发生之日（如收到申请之日），当日不计入期限。"</p>
                        {error_for("from")}
                        <input
                            class="input input--short"
                            id="from"
                            type="date"
                            aria-invalid=invalid("from")
                            prop:value=move || from.get()
                            on:input=move |ev| from.set(event_target_value(&ev))
                        />
                    </div>
                    <fieldset class="field">
                        <legend class="field__label">"期限"</legend>
                        <div class="radios">
                            {mode_radio(Mode::Rule, "细则规定的期限")}
                            {mode_radio(Mode::WorkingDays, "自定义：若干个工作日")}
                            {mode_radio(Mode::CalendarDays, "自定义：若干日（自然日）")}
                        </div>
                    </fieldset>
                    <Show
                        when=move || mode.get() == Mode::Rule
                        fallback=move || {
                            view! {
                                <div class="field" class:field--error=move || invalid("length")().is_some()>
                                    <label class="field__label" for="length">
                                        {move || if mode.get() == Mode::WorkingDays { "工作日数" } else { "天数（自然日）" }}
                                    </label>
                                    {error_for("length")}
                                    <input
                                        class="input input--short"
                                        id="length"
                                        type="text"
                                        inputmode="numeric"
                                        aria-invalid=invalid("length")
                                        prop:value=move || length.get()
                                        on:input=move |ev| length.set(event_target_value(&ev))
                                    />
                                </div>
                            }
                        }
                    >
                        <div class="field" class:field--error=move || invalid("rule")().is_some()>
                            <label class="field__label" for="rule">"细则期限"</label>
                            {error_for("rule")}
                            <select id="rule" on:change=move |ev| rule.set(event_target_value(&ev))>
                                {rule_options()}
                            </select>
                        </div>
                    </Show>
                </form>
                <div class="calc__result" aria-live="polite">
                    {move || result.get().ok().map(|traced| view! { <ResultView traced/> })}
                </div>
            </div>
        </section>
    }
}

/// The computed due date, where it comes from, and how it was counted.
#[component]
fn ResultView(traced: TracedDeadline) -> impl IntoView {
    let d = traced.deadline.clone();
    let def = d.definition();
    let provenance = def.map(|def| {
        let article = def.citation.article;
        view! {
            <div class="calc__rule">
                <p>
                    <strong>"依据："</strong>
                    <a href=AppRoute::Article(article).href()>{def.citation.to_string()}</a>
                    " · " {def.title} " · " {def.actor}
                </p>
                <blockquote class="quote">{def.quote_text()}</blockquote>
                <p>{def.explanation}</p>
                <p class="muted">"起算：" {d.start_event.map(|s| s.label()).unwrap_or_default()}</p>
                {def.on_expiry.map(|rule| view! {
                    <div class="callout callout--small">
                        <p><strong>"逾期：" {rule.citation.to_string()}</strong></p>
                        <blockquote class="quote">{rule.quote}</blockquote>
                        <p>{rule.explanation}</p>
                    </div>
                })}
            </div>
        }
    });
    let readings = d.readings.list();
    let readings_view = (!readings.is_empty()).then(|| {
        let items = readings
            .into_iter()
            .map(|r| view! { <li><span class="muted">{r.question()}</span>" " {r.label()}</li> })
            .collect_view();
        view! {
            <div class="calc__readings">
                <h2>"本次计算采用的读法"</h2>
                <ul>{items}</ul>
                <p class="muted">
                    "细则对这些问题没有明确规定，本工具采用上述读法；本单位可在"
                    <a href=AppRoute::Settings.href()>"设置"</a>"中改用其他读法。"
                </p>
            </div>
        }
    });
    let provisional = d.provisional.clone().map(|p| {
        view! {
            <div class="banner banner--warning" role="status" data-testid="provisional">
                <strong>"暂定结果："</strong>{p.reason}
            </div>
        }
    });
    let phases = traced
        .phases
        .iter()
        .map(|phase| {
            let rows = phase
                .steps
                .iter()
                .map(|step| {
                    let class = match step.action {
                        StepAction::Counted { .. } => "trace__counted",
                        StepAction::Skipped | StepAction::MovedPast => "trace__skipped",
                        StepAction::MovedTo => "trace__moved",
                    };
                    view! {
                        <tr class=class>
                            <td>{step.day.date.to_string()}</td>
                            <td>{crate::core::calendar::weekday_cn(step.day.date.weekday())}</td>
                            <td>{step.day.explain()}</td>
                            <td>{step.note.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <details class="trace" open=phase.steps.len() <= 40>
                    <summary>
                        {format!("逐日计算：{}（自{}次日起）", phase.title, format_date_cn(phase.counted_from))}
                    </summary>
                    <table class="table trace__table">
                        <thead>
                            <tr><th scope="col">"日期"</th><th scope="col">"星期"</th><th scope="col">"类型"</th><th scope="col">"计数"</th></tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {phase.moved_note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                </details>
            }
        })
        .collect_view();
    let ctx = use_calendar();
    let months = months_between(d.start, d.due)
        .into_iter()
        .take(MAX_MONTHS_SHOWN)
        .filter_map(|(y, m)| ctx.calendar.with_untracked(|c| c.month_view(y, m)))
        .map(|month| view! { <MonthGrid month start=d.start due=d.due/> })
        .collect_view();
    view! {
        <div class="result card">
            <p class="result__label">"届满日（最后一日仍在期限内）"</p>
            <p class="result__date">
                <span data-testid="due-date" class="result__iso">{d.due.to_string()}</span>
                <span class="result__cn" data-testid="due-date-cn">{format_date_cn(d.due)}</span>
            </p>
            <p data-testid="summary">{d.summary()}</p>
            {provisional}
            {provenance}
            {readings_view}
        </div>
        <div class="months">{months}</div>
        <div class="legend muted">
            <span class="legend__item mg__work">"工作日"</span>
            <span class="legend__item mg__weekend">"周末"</span>
            <span class="legend__item mg__holiday">"法定节假日"</span>
            <span class="legend__item mg__makeup">"调休上班"</span>
            <span class="legend__item mg__start">"起算日"</span>
            <span class="legend__item mg__due">"届满日"</span>
        </div>
        {phases}
    }
}

/// Every (year, month) from `first`'s month through `last`'s.
fn months_between(first: NaiveDate, last: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (first.year(), first.month());
    while (y, m) <= (last.year(), last.month()) && out.len() <= MAX_MONTHS_SHOWN {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Percent-encodes a query value (dates and numbers need none; anything typed might).
fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}
