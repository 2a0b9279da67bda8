//! `HolidayYears`: which years the working-day calendar knows and from where, and the unit's own
//! years: add, correct, delete, import and export them.

use leptos::prelude::*;

use crate::core::calendar::{
    Calendar, CalendarDataError, CustomYear, DaySource, export_custom_years_json,
};
use crate::store;
use crate::ui::clock::today_shanghai;
use crate::ui::components::error_summary::focus_control;
use crate::ui::components::holiday_import::HolidayImport;
use crate::ui::components::year_arrangement_form::{YearArrangementForm, YearDraft};
use crate::ui::download::download_text;
use crate::ui::state::{CalendarCtx, DbCtx, DbState, use_calendar, use_db};

/// Every problem of a holiday table, one Chinese sentence each (a year's problems prefixed
/// with the year).
pub fn describe_data_error(e: &CalendarDataError) -> Vec<String> {
    match e {
        CalendarDataError::Invalid(years) => years
            .iter()
            .flat_map(|y| {
                y.issues
                    .iter()
                    .map(move |issue| format!("{}年：{}", y.year, issue.message))
            })
            .collect(),
        other => vec![other.to_string()],
    }
}

/// Saves `years` as the unit's whole set of custom years and puts them in force. They are
/// layered over the built-in table first, so nothing is written that the calendar would refuse;
/// the write is one transaction, so either every year is stored or none is.
pub async fn save_custom_years(
    ctx: CalendarCtx,
    db: DbCtx,
    years: Vec<CustomYear>,
) -> Result<(), Vec<String>> {
    Calendar::with_custom(&years).map_err(|e| describe_data_error(&e))?;
    let db = match db.0.get_untracked() {
        DbState::Ready(db) => db,
        DbState::Failed(e) => return Err(vec![format!("未能保存：{e}")]),
        DbState::Opening | DbState::Blocked => {
            return Err(vec![
                "本地数据库尚未打开，未能保存。请稍候再试；如有其他维权工作台标签页，请先关闭。"
                    .to_owned(),
            ]);
        }
    };
    store::calendar::replace_custom_years(&db, &years)
        .await
        .map_err(|e| vec![e.to_string()])?;
    ctx.set_custom_years(years).map_err(|e| vec![e])
}

/// One row of the year table.
#[derive(Clone, Debug, PartialEq)]
struct YearRow {
    year: i32,
    source: DaySource,
    /// The unit's arrangement, for custom years.
    custom: Option<CustomYear>,
    /// Whether a custom year replaces a built-in one.
    replaces_builtin: bool,
}

/// The known years, then the missing ones up to next year, so the year the unit most likely
/// needs to enter (next year, before its notice is built in) is always listed.
fn year_rows(calendar: &Calendar, custom: &[CustomYear], this_year: i32) -> Vec<YearRow> {
    let builtin = Calendar::builtin();
    let known = calendar.known_years();
    let first = known.first().map_or(this_year, |y| y.year.min(this_year));
    let last = known
        .last()
        .map_or(this_year, |y| y.year)
        .max(this_year + 1);
    (first..=last)
        .map(|year| {
            let source = calendar.year_source(year);
            YearRow {
                year,
                source,
                custom: custom.iter().find(|c| c.year == year).cloned(),
                replaces_builtin: source == DaySource::Custom
                    && builtin.year_source(year) == DaySource::Builtin,
            }
        })
        .collect()
}

fn content_summary(custom: &CustomYear) -> String {
    let names: Vec<&str> = custom
        .arrangement
        .holidays
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    match custom.arrangement.workdays.len() {
        0 => format!("{}；无调休上班日", names.join("、")),
        n => format!("{}；调休上班{n}天", names.join("、")),
    }
}

/// The holiday section of the settings page.
#[component]
pub fn HolidayYears() -> impl IntoView {
    let ctx = use_calendar();
    let db = use_db();
    let draft = YearDraft::new();
    let saved = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<String>::new());
    let pending_delete = RwSignal::new(None::<i32>);
    let this_year = today_shanghai()
        .format("%Y")
        .to_string()
        .parse()
        .unwrap_or(2026);

    let rows = Memo::new(move |_| {
        let calendar = ctx.calendar.get();
        ctx.custom_years
            .with(|custom| year_rows(&calendar, custom, this_year))
    });

    let confirm_delete = move |year: i32| {
        let years: Vec<CustomYear> = ctx
            .custom_years
            .get_untracked()
            .into_iter()
            .filter(|y| y.year != year)
            .collect();
        saved.set(None);
        problems.set(Vec::new());
        leptos::task::spawn_local(async move {
            match save_custom_years(ctx, db, years).await {
                Ok(()) => {
                    pending_delete.set(None);
                    if draft.editing_year() == Some(year) {
                        draft.clear();
                    }
                    let now = match Calendar::builtin().year_source(year) {
                        DaySource::Builtin => "该年恢复按内置安排计算。",
                        _ => "该年的节假日安排现为未收录，期限计算仅按周末推算并标为暂定。",
                    };
                    saved.set(Some(format!("已删除本单位添加的{year}年安排。{now}")));
                }
                Err(messages) => problems.set(messages),
            }
        });
    };

    let export = move |_| {
        saved.set(None);
        problems.set(Vec::new());
        let years = ctx.custom_years.get_untracked();
        let written = export_custom_years_json(&years)
            .map_err(|e| e.to_string())
            .and_then(|json| {
                let name = format!(
                    "weiquan-holidays-{}.json",
                    today_shanghai().format("%Y%m%d")
                );
                download_text(&name, "application/json", &json)
            });
        match written {
            Ok(()) => saved.set(Some(format!(
                "已导出本单位添加的{}个年份的安排。可在其他电脑的本页用“导入”载入。",
                years.len()
            ))),
            Err(message) => problems.set(vec![message]),
        }
    };

    let table_rows =
        move || {
            rows.get()
                .into_iter()
                .map(|row| {
                    let year = row.year;
                    let (badge, label) = match row.source {
                        DaySource::Builtin => {
                            ("status status--ok", DaySource::Builtin.label().to_owned())
                        }
                        DaySource::Custom if row.replaces_builtin => (
                            "status status--pending",
                            format!("{}（替代内置）", DaySource::Custom.label()),
                        ),
                        DaySource::Custom => (
                            "status status--pending",
                            DaySource::Custom.label().to_owned(),
                        ),
                        DaySource::Unknown => (
                            "status status--warning",
                            DaySource::Unknown.label().to_owned(),
                        ),
                    };
                    let content = row.custom.as_ref().map(content_summary).unwrap_or_else(|| {
                        match row.source {
                            DaySource::Unknown => "国务院办公厅通知公布后请在下方添加".to_owned(),
                            _ => "国务院办公厅当年通知".to_owned(),
                        }
                    });
                    let actions = match row.custom.clone() {
                        Some(custom) => view! {
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                aria-label=format!("修改{year}年的安排")
                                on:click=move |_| {
                                    saved.set(None);
                                    draft.load(&custom);
                                }
                            >
                                "修改"
                            </button>
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                aria-label=format!("删除{year}年的安排")
                                data-testid=format!("hy-delete-{year}")
                                on:click=move |_| {
                                    pending_delete.set(Some(year));
                                    request_animation_frame(|| focus_control("hy-delete-confirm"));
                                }
                            >
                                "删除"
                            </button>
                        }
                        .into_any(),
                        None if row.source == DaySource::Unknown => view! {
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                aria-label=format!("添加{year}年的安排")
                                on:click=move |_| {
                                    saved.set(None);
                                    draft.start(year);
                                }
                            >
                                "添加"
                            </button>
                        }
                        .into_any(),
                        None => view! { <span class="muted">"—"</span> }.into_any(),
                    };
                    view! {
                        <tr data-testid=format!("hy-year-{year}")>
                            <th scope="row">{format!("{year}年")}</th>
                            <td><span class=badge data-testid="hy-source">{label}</span></td>
                            <td>{content}</td>
                            <td class="hy-actions">{actions}</td>
                        </tr>
                    }
                })
                .collect_view()
        };

    let delete_prompt = move || {
        pending_delete.get().map(|year| {
            let after = match Calendar::builtin().year_source(year) {
                DaySource::Builtin => "删除后该年恢复按内置安排计算。",
                _ => "删除后该年变为未收录，期限计算仅按周末推算。",
            };
            view! {
                <div class="callout hy-confirm" role="group" aria-labelledby="hy-confirm-text">
                    <p id="hy-confirm-text">
                        <strong>{format!("确定删除本单位添加的{year}年安排吗？")}</strong>
                        {after}
                    </p>
                    <div class="actions">
                        <button
                            type="button"
                            class="button button--danger"
                            id="hy-delete-confirm"
                            data-testid="hy-delete-confirm"
                            on:click=move |_| confirm_delete(year)
                        >
                            {format!("确认删除{year}年")}
                        </button>
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| pending_delete.set(None)
                        >
                            "取消"
                        </button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <p>
            "期限中的“工作日”按国务院办公厅每年发布的节假日安排通知计算。本工具内置了已公布年份的安排。"
            "国务院办公厅通常在每年秋季（10月至12月）公布下一年的安排；公布后，请本单位在这里录入，"
            "录入前该年的日期只按周末推算，计算结果会标明“暂定”。"
        </p>
        {move || ctx.load_error.get().map(|m| view! { <div class="banner banner--warning" role="status">{m}</div> })}
        {move || saved.get().map(|m| view! {
            <div class="banner banner--success" role="status" data-testid="hy-saved">{m}</div>
        })}
        {move || {
            let list = problems.get();
            (!list.is_empty()).then(|| view! {
                <div class="banner banner--error" role="alert" data-testid="hy-problem">
                    <ul class="plain-list">{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <div class="table-wrap">
            <table class="table hy-table" data-testid="hy-years">
                <caption class="visually-hidden">"各年节假日安排的来源"</caption>
                <thead>
                    <tr>
                        <th scope="col">"年份"</th>
                        <th scope="col">"来源"</th>
                        <th scope="col">"内容"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
        {delete_prompt}
        <YearArrangementForm draft saved/>
        <h3>"导入和导出"</h3>
        <p>
            "导出的文件与内置节假日表格式相同，可以拷到其他电脑，在其本页导入，使各台电脑使用相同的安排。"
        </p>
        <div class="actions">
            <button
                type="button"
                class="button button--secondary"
                data-testid="hy-export"
                disabled=move || ctx.custom_years.with(Vec::is_empty)
                on:click=export
            >
                "导出本单位添加的安排（JSON）"
            </button>
            <Show when=move || ctx.custom_years.with(Vec::is_empty)>
                <span class="muted">"本单位尚未添加任何年份，暂无可导出的内容。"</span>
            </Show>
        </div>
        <HolidayImport saved/>
    }
}
