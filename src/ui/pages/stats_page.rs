//! `StatsPage` (`/stats`): the committee's figures for 第十七条's analysis and 第三十八条's
//! periodic review, computed by `core::stats` over the cases received in a chosen range, drawn as
//! tables and two SVG charts, printable, and exported as CSV and .ics by `core::export`.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::export::{case_list_csv, deadlines_ics, statistics_csv};
use crate::core::stats::{DateRange, MedianDays, Statistics, month_label, statistics};
use crate::core::workflow::{Case, MemberUnit, UnitPerformance, member_unit_performance};
use crate::store::cases::from_record;
use crate::ui::clock::today_shanghai;
use crate::ui::components::page_title::PageTitle;
use crate::ui::download::download_text;
use crate::ui::pages::cases_page::{CaseData, UnreadableCases, use_case_records};
use crate::ui::routes::AppRoute;
use crate::ui::state::use_calendar;

/// The current instant in UTC, for the .ics DTSTAMP.
fn now_utc() -> NaiveDateTime {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .unwrap_or_default()
        .naive_utc()
}

/// The statistics page.
#[component]
pub fn StatsPage() -> impl IntoView {
    let today = today_shanghai();
    let default = DateRange::year_of(today);
    let from = RwSignal::new(default.from().to_string());
    let to = RwSignal::new(default.to().to_string());
    let range = Memo::new(move |_| DateRange::parse(&from.get(), &to.get()));
    let data = use_case_records();

    view! {
        <section class="page stats" data-testid="stats">
            <PageTitle text="统计"/>
            <p class="lead">
                "第十七条要求分析研究侵犯民警执法权威行为的规律特点，第三十八条要求维权委定期评估成员单位履职情况。本页按收到日期统计本机登记的案件。"
            </p>
            <form class="stats-range card no-print" aria-label="统计范围" on:submit=|ev| ev.prevent_default()>
                <div class="stats-range__fields">
                    <div class="field">
                        <label class="field__label" for="stats-from">"收到日期自"</label>
                        <input id="stats-from" class="input input--short" type="date"
                            data-testid="stats-from"
                            prop:value=move || from.get()
                            on:change=move |ev| from.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label class="field__label" for="stats-to">"至"</label>
                        <input id="stats-to" class="input input--short" type="date"
                            data-testid="stats-to"
                            prop:value=move || to.get()
                            on:change=move |ev| to.set(event_target_value(&ev))/>
                    </div>
                </div>
                {move || range.get().err().map(|e| view! {
                    <p class="field-error" role="alert" data-testid="stats-range-error">{e.to_string()}</p>
                })}
            </form>
            <Transition fallback=|| view! { <p class="muted">"正在读取案件…"</p> }>
                {move || data.get().map(|data| match &*data {
                    CaseData::Waiting => view! { <p class="muted">"正在打开本机数据库…"</p> }.into_any(),
                    CaseData::Unavailable => view! {
                        <p class="banner banner--warning">"本机数据库不可用，无法统计。"</p>
                    }.into_any(),
                    CaseData::Failed(e) => view! {
                        <p class="banner banner--error" role="alert">"读取案件失败：" {e.clone()}</p>
                    }.into_any(),
                    CaseData::Loaded { records, problems, .. } if records.is_empty() => {
                        let problems = problems.clone();
                        view! {
                            <UnreadableCases problems/>
                            <div class="callout" data-testid="stats-empty">
                                <h2>"还没有案件"</h2>
                                <p>"登记案件后，这里会按侵权类型、收到月份、单位等统计案件，并可导出案件列表、统计表和全部期限。"</p>
                                <A href=AppRoute::NewCase.href() attr:class="button">"登记新案件"</A>
                            </div>
                        }.into_any()
                    }
                    CaseData::Loaded { .. } => view! { <Loaded data=data.clone() range today/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The figures and exports, once the cases are read.
#[component]
fn Loaded(
    /// The stored cases.
    data: Arc<CaseData>,
    /// The chosen receipt-date range, or why it is refused.
    range: Memo<Result<DateRange, crate::core::stats::DateRangeError>>,
    /// Today in Shanghai.
    today: NaiveDate,
) -> impl IntoView {
    let calendar = use_calendar();
    let CaseData::Loaded {
        records, problems, ..
    } = &*data
    else {
        return ().into_any();
    };
    let mut problems = problems.clone();
    let mut cases: Vec<Case> = Vec::with_capacity(records.len());
    for record in records {
        match from_record(record) {
            Ok(case) => cases.push(case),
            Err(e) => problems.push(e.to_string()),
        }
    }
    cases.sort_by(|a, b| {
        a.received_at()
            .cmp(&b.received_at())
            .then_with(|| a.id().as_str().cmp(b.id().as_str()))
    });
    let cases = Arc::new(cases);
    let export_error = RwSignal::new(None::<String>);

    let policy = crate::ui::state::case_policy(crate::ui::state::use_settings());
    let stats = {
        let cases = cases.clone();
        Memo::new(move |_| {
            let range = range.get().ok()?;
            let cal = calendar.calendar.get();
            let readings = calendar.readings.get();
            let chosen: Vec<Case> = cases
                .iter()
                .filter(|c| range.contains(c.received_at().date()))
                .cloned()
                .collect();
            let performance = member_unit_performance(&chosen, &policy);
            Some((
                Arc::new(statistics(&cases, range, &cal, &readings, today)),
                Arc::new(performance),
            ))
        })
    };

    let export_cases = {
        let cases = cases.clone();
        move |_| {
            let Some(Ok(range)) = range.try_get_untracked() else {
                return;
            };
            let chosen: Vec<Case> = cases
                .iter()
                .filter(|c| range.contains(c.received_at().date()))
                .cloned()
                .collect();
            let text = case_list_csv(
                &chosen,
                &calendar.calendar.get_untracked(),
                &calendar.readings.get_untracked(),
                today,
            );
            let name = format!("维权案件列表_{}_{}.csv", range.from(), range.to());
            export_error.set(download_text(&name, "text/csv;charset=utf-8", &text).err());
        }
    };
    let export_stats = move |_| {
        let Some(Some((s, _))) = stats.try_get_untracked() else {
            return;
        };
        let name = format!("维权统计_{}_{}.csv", s.range.from(), s.range.to());
        export_error.set(download_text(&name, "text/csv;charset=utf-8", &statistics_csv(&s)).err());
    };
    let export_ics = {
        let cases = cases.clone();
        move |_| {
            let text = deadlines_ics(
                &cases,
                &calendar.calendar.get_untracked(),
                &calendar.readings.get_untracked(),
                today,
                now_utc(),
            );
            let name = format!("维权期限_{today}.ics");
            export_error.set(download_text(&name, "text/calendar;charset=utf-8", &text).err());
        }
    };

    view! {
        <UnreadableCases problems/>
        <div class="stats-actions no-print" role="group" aria-label="导出">
            <button type="button" class="button button--secondary" data-testid="export-cases"
                disabled=move || range.get().is_err() on:click=export_cases>"导出案件列表"</button>
            <button type="button" class="button button--secondary" data-testid="export-stats"
                disabled=move || range.get().is_err() on:click=export_stats>"导出统计"</button>
            <button type="button" class="button button--secondary" data-testid="export-ics"
                on:click=export_ics>"导出全部期限"</button>
            <p class="field__hint">
                "案件列表和统计为所选范围内收到的案件（CSV，可用电子表格打开）；期限为全部案件正在计算的期限（.ics，可导入日历）。"
            </p>
        </div>
        {move || export_error.get().map(|e| view! { <p class="banner banner--error" role="alert">{e}</p> })}
        {move || stats.get().map(|(s, performance)| view! { <Figures stats=s performance/> })}
    }
    .into_any()
}

fn median_text(m: Option<MedianDays>) -> String {
    m.map(|m| format!("{} 个工作日", m.text()))
        .unwrap_or_else(|| "暂无".to_owned())
}

/// The summary, the charts and every table.
#[component]
fn Figures(
    /// The computed statistics.
    stats: Arc<Statistics>,
    /// 第三十八条: each member unit's tasks on the cases in the range.
    performance: Arc<Vec<(MemberUnit, UnitPerformance)>>,
) -> impl IntoView {
    let s = &*stats;
    let overdue: usize = s.periods.iter().map(|(_, f)| f.running_overdue).sum();
    let late: usize = s.periods.iter().map(|(_, f)| f.late).sum();
    let heading = format!("{} 至 {} 收到的案件", s.range.from(), s.range.to());
    if s.total == 0 {
        return view! {
            <h2>{heading}</h2>
            <p class="callout" data-testid="stats-none-in-range">"所选范围内没有收到案件。请调整收到日期。"</p>
        }
        .into_any();
    }
    let categories: Vec<(String, usize)> = s
        .by_category
        .iter()
        .map(|(c, n)| (c.label().to_owned(), *n))
        .collect();
    let months: Vec<(String, usize)> = s
        .by_month
        .iter()
        .map(|(m, n)| (month_label(*m), *n))
        .collect();
    let month_ticks: Vec<String> = s
        .by_month
        .iter()
        .map(|((_, m), _)| format!("{m}月"))
        .collect();
    let units = s.by_unit.clone();
    let grounds: Vec<(String, usize)> = s
        .by_ground
        .iter()
        .map(|(g, n)| (g.label().to_owned(), *n))
        .collect();
    let states: Vec<(String, usize)> = s
        .by_state
        .iter()
        .map(|(st, n)| (st.label().to_owned(), *n))
        .collect();
    let determinations: Vec<(String, usize)> = s
        .by_determination
        .iter()
        .map(|(d, n)| (d.label().to_owned(), *n))
        .collect();
    let period_rows = s
        .periods
        .iter()
        .map(|(p, f)| {
            let def = p.definition();
            view! {
                <tr data-period=p.as_str()>
                    <th scope="row">
                        {def.title}
                        <span class="muted">" （"{def.citation.to_string()}"）"</span>
                    </th>
                    <td data-testid="period-on-time">{f.on_time}</td>
                    <td data-testid="period-late">{f.late + f.excused}</td>
                    <td data-testid="period-running">{f.running}</td>
                    <td data-testid="period-running-overdue">{f.running_overdue}</td>
                </tr>
            }
        })
        .collect_view();

    let member_rows = performance
        .iter()
        .map(|(unit, p)| {
            view! {
                <tr>
                    <th scope="row">{unit.label()}</th>
                    <td>{p.tasks}</td>
                    <td>{p.done}</td>
                    <td>{p.open_required}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 data-testid="stats-heading">{heading}</h2>
        <ul class="stats-summary" data-testid="stats-summary">
            <li><span class="stats-summary__n" data-testid="stats-total">{s.total}</span>" 件收到"</li>
            <li><span class="stats-summary__n" data-testid="stats-open">{s.open}</span>" 件未结"</li>
            <li><span class="stats-summary__n" data-testid="stats-overdue">{overdue}</span>" 项期限已逾期仍未办结"</li>
            <li><span class="stats-summary__n" data-testid="stats-late">{late}</span>" 项期限逾期办结"</li>
            <li><span class="stats-summary__n" data-testid="stats-median-reply">{median_text(s.median_reply_days)}</span>" 启动程序至答复（中位数）"</li>
            <li><span class="stats-summary__n" data-testid="stats-median-investigation">{median_text(s.median_investigation_days)}</span>" 启动调查至核查完毕（中位数）"</li>
        </ul>

        <section class="stats-block" aria-labelledby="by-category-title">
            <h3 id="by-category-title">"按侵权类型（第十九至二十六条）"</h3>
            <p class="field__hint">"一件案件涉及多种类型的，分别计入。"</p>
            <div class="stats-pair">
                <HBarChart title="按侵权类型的案件数" items=categories.clone()/>
                <CountTable caption="按侵权类型" head="侵权类型" items=categories testid="by-category"/>
            </div>
        </section>

        <section class="stats-block" aria-labelledby="by-month-title">
            <h3 id="by-month-title">"按收到月份"</h3>
            <div class="stats-pair">
                <ColumnChart title="按收到月份的案件数" items=months.clone() ticks=month_ticks/>
                <CountTable caption="按收到月份" head="月份" items=months testid="by-month"/>
            </div>
        </section>

        <section class="stats-block" aria-labelledby="by-unit-title">
            <h3 id="by-unit-title">"按民警所在单位"</h3>
            <CountTable caption="按民警所在单位" head="单位" items=units testid="by-unit"/>
        </section>

        <section class="stats-block" aria-labelledby="by-ground-title">
            <h3 id="by-ground-title">"按申请事由（第三十条）"</h3>
            <CountTable caption="按申请事由" head="申请事由" items=grounds testid="by-ground"/>
        </section>

        <section class="stats-block" aria-labelledby="by-state-title">
            <h3 id="by-state-title">"按办理状态"</h3>
            <CountTable caption="按办理状态" head="状态" items=states testid="by-state"/>
        </section>

        <section class="stats-block" aria-labelledby="by-determination-title">
            <h3 id="by-determination-title">"按认定结果（第三十四条）"</h3>
            <CountTable caption="按认定结果" head="认定结果" items=determinations testid="by-determination"/>
        </section>

        <section class="stats-block" aria-labelledby="periods-title">
            <h3 id="periods-title">"期限执行情况（第三十一、三十二、三十七条）"</h3>
            <p class="field__hint">
                "结束该期限的事项在到期日当天或之前办理的，计为按期；申请人原因造成的逾期计入逾期办结。期限按“设置”中的读法和节假日安排计算。"
            </p>
            <div class="table-scroll">
                <table class="table stats-table" data-testid="periods">
                    <caption class="visually-hidden">"期限执行情况"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"期限"</th>
                            <th scope="col">"按期办结"</th>
                            <th scope="col">"逾期办结"</th>
                            <th scope="col">"进行中"</th>
                            <th scope="col">"已逾期未办结"</th>
                        </tr>
                    </thead>
                    <tbody>{period_rows}</tbody>
                </table>
            </div>
        </section>
        <section class="stats-block" aria-labelledby="members-title">
            <h3 id="members-title">"成员单位履职情况（第三十八条）"</h3>
            <p class="field__hint">"所选范围内收到的案件中，由第十条所列成员单位承担的工作。"</p>
            <div class="table-scroll">
                <table class="table stats-table" data-testid="member-units">
                    <caption class="visually-hidden">"成员单位履职情况"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"成员单位"</th>
                            <th scope="col">"承担工作"</th>
                            <th scope="col">"已完成"</th>
                            <th scope="col">"应办未办"</th>
                        </tr>
                    </thead>
                    <tbody>{member_rows}</tbody>
                </table>
            </div>
        </section>
        <p class="muted stats-footnote">"统计日：" {s.today.to_string()}</p>
    }
    .into_any()
}

/// A two-column table: item and number of cases.
#[component]
fn CountTable(
    /// The table's caption (read by screen readers).
    caption: &'static str,
    /// The heading of the item column.
    head: &'static str,
    /// Items and their counts, in display order.
    items: Vec<(String, usize)>,
    /// The table's data-testid.
    testid: &'static str,
) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|(label, n)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="stats-table__n">{n}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table stats-table" data-testid=testid>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{head}</th>
                        <th scope="col" class="stats-table__n">"案件数"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The chart's text alternative: every item and its count.
fn alt_text(title: &str, items: &[(String, usize)]) -> String {
    let parts: Vec<String> = items.iter().map(|(l, n)| format!("{l} {n} 件")).collect();
    format!("{title}：{}。", parts.join("，"))
}

/// A horizontal bar chart as inline SVG: one labelled bar per item.
#[component]
fn HBarChart(
    /// What the chart shows.
    title: &'static str,
    /// Items and their counts.
    items: Vec<(String, usize)>,
) -> impl IntoView {
    const ROW: usize = 32;
    const LABEL_W: usize = 130;
    const BAR_MAX: usize = 230;
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = items.len() * ROW + 8;
    let alt = alt_text(title, &items);
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let y = i * ROW + 4;
            let w = n * BAR_MAX / max;
            view! {
                <text x=LABEL_W - 8 y=y + 20 class="chart__label" text-anchor="end">{label.clone()}</text>
                <rect x=LABEL_W y=y + 4 width=w height=ROW - 10 class="chart__bar"></rect>
                <text x=LABEL_W + w + 6 y=y + 20 class="chart__value">{*n}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="chart-category">
            <svg class="chart__svg" viewBox=format!("0 0 400 {height}") role="img" aria-label=alt
                preserveAspectRatio="xMinYMin meet">
                <title>{title}</title>
                {bars}
            </svg>
            <figcaption class="muted">{title}"（数据见右侧或下方表格）"</figcaption>
        </figure>
    }
}

/// A column chart as inline SVG: one column per item, labelled below with its tick.
#[component]
fn ColumnChart(
    /// What the chart shows.
    title: &'static str,
    /// Items and their counts, in order.
    items: Vec<(String, usize)>,
    /// The short label under each column.
    ticks: Vec<String>,
) -> impl IntoView {
    const WIDTH: usize = 480;
    const PLOT_H: usize = 180;
    const TOP: usize = 20;
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let count = items.len().max(1);
    let slot = WIDTH / count;
    // Label every column while they fit, otherwise every k-th.
    let every = count.div_ceil(12).max(1);
    let alt = alt_text(title, &items);
    let columns = items
        .iter()
        .zip(ticks)
        .enumerate()
        .map(|(i, ((_, n), tick))| {
            let h = n * PLOT_H / max;
            let x = i * slot + slot / 6;
            let w = (slot * 2 / 3).max(2);
            let y = TOP + PLOT_H - h;
            let label = (i % every == 0).then(|| {
                view! {
                    <text x=x + w / 2 y=TOP + PLOT_H + 18 class="chart__label" text-anchor="middle">{tick}</text>
                }
            });
            let value = (*n > 0).then(|| {
                view! {
                    <text x=x + w / 2 y=y - 4 class="chart__value" text-anchor="middle">{*n}</text>
                }
            });
            view! {
                <rect x=x y=y width=w height=h class="chart__bar"></rect>
                {value}
                {label}
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="chart-month">
            <svg class="chart__svg" viewBox=format!("0 0 {WIDTH} {}", TOP + PLOT_H + 28) role="img" aria-label=alt
                preserveAspectRatio="xMinYMin meet">
                <title>{title}</title>
                <line x1="0" y1=TOP + PLOT_H x2=WIDTH y2=TOP + PLOT_H class="chart__axis"></line>
                {columns}
            </svg>
            <figcaption class="muted">{title}"（数据见右侧或下方表格）"</figcaption>
        </figure>
    }
}
