//! `HolidayImport`: reading a holiday file (the built-in table's format), showing what it
//! would change, and applying it as a whole or not at all.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::calendar::{
    Calendar, CalendarDataError, CustomYear, DaySource, MAX_IMPORT_BYTES, MAX_IMPORT_YEARS,
    parse_custom_years_json,
};
use crate::ui::components::error_summary::focus_control;
use crate::ui::components::holiday_years::{describe_data_error, save_custom_years};
use crate::ui::state::{use_calendar, use_db};

const FILE_ID: &str = "hy-import-file";

/// A file read and checked, waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    file_name: String,
    years: Vec<CustomYear>,
}

/// What importing one year would do to the unit's set.
fn change_of(year: &CustomYear, current: &[CustomYear], builtin: &Calendar) -> &'static str {
    match current.iter().find(|c| c.year == year.year) {
        Some(existing) if existing == year => "与本机已有的安排相同，不变",
        Some(_) => "替换本单位原有的该年安排",
        None if builtin.year_source(year.year) == DaySource::Builtin => "新增，替代该年的内置安排",
        None => "新增",
    }
}

/// The current set with the imported years put in (an imported year replaces the same year).
fn merged(current: Vec<CustomYear>, imported: &[CustomYear]) -> Vec<CustomYear> {
    let mut years: Vec<CustomYear> = current
        .into_iter()
        .filter(|c| !imported.iter().any(|i| i.year == c.year))
        .chain(imported.iter().cloned())
        .collect();
    years.sort_by_key(|y| y.year);
    years
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "浏览器未能读取该文件，请重新选择。".to_owned())
}

/// The import control. `saved` receives the confirmation after a successful import.
#[component]
pub fn HolidayImport(
    /// Set to the confirmation shown after a successful import.
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = use_calendar();
    let db = use_db();
    let pending = RwSignal::new(None::<Pending>);
    let refused = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);

    let on_change = move |ev: leptos::ev::Event| {
        saved.set(None);
        refused.set(Vec::new());
        pending.set(None);
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        // Clearing the control lets the same file be chosen again after it is fixed.
        input.set_value("");
        let file_name = file.name();
        let bytes = file.size() as usize;
        if bytes > MAX_IMPORT_BYTES {
            let e = CalendarDataError::TooLarge {
                bytes,
                max: MAX_IMPORT_BYTES,
            };
            refused.set(vec![format!("“{file_name}”未导入：{e}")]);
            return;
        }
        leptos::task::spawn_local(async move {
            let parsed = read_file(file).await.map_err(|m| vec![m]).and_then(|text| {
                parse_custom_years_json(&text).map_err(|e| describe_data_error(&e))
            });
            match parsed {
                Ok(years) if years.is_empty() => {
                    refused.set(vec![format!("“{file_name}”中没有任何年份的安排，未导入。")]);
                }
                Ok(years) => {
                    pending.set(Some(Pending { file_name, years }));
                    request_animation_frame(|| focus_control("hy-import-preview"));
                }
                Err(messages) => {
                    let mut list = vec![format!(
                        "“{file_name}”有问题，未导入，本机的节假日安排没有任何改动："
                    )];
                    list.extend(messages);
                    refused.set(list);
                }
            }
        });
    };

    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        let years = merged(ctx.custom_years.get_untracked(), &p.years);
        leptos::task::spawn_local(async move {
            match save_custom_years(ctx, db, years).await {
                Ok(()) => {
                    pending.set(None);
                    let list: Vec<String> =
                        p.years.iter().map(|y| format!("{}年", y.year)).collect();
                    saved.set(Some(format!(
                        "已从“{}”导入{}的节假日安排。期限计算从现在起按导入的安排计算。",
                        p.file_name,
                        list.join("、")
                    )));
                }
                Err(messages) => {
                    let mut list = vec!["导入未完成，本机的节假日安排没有任何改动：".to_owned()];
                    list.extend(messages);
                    refused.set(list);
                }
            }
            busy.set(false);
        });
    };

    let preview = move || {
        pending.get().map(|p| {
            let builtin = Calendar::builtin();
            let current = ctx.custom_years.get();
            let untouched: Vec<String> = current
                .iter()
                .filter(|c| !p.years.iter().any(|y| y.year == c.year))
                .map(|c| format!("{}年", c.year))
                .collect();
            let rows = p
                .years
                .iter()
                .map(|y| {
                    view! {
                        <tr>
                            <th scope="row">{format!("{}年", y.year)}</th>
                            <td>{change_of(y, &current, &builtin)}</td>
                            <td>
                                {format!(
                                    "{}个放假区间，{}个调休上班日",
                                    y.arrangement.holidays.len(),
                                    y.arrangement.workdays.len()
                                )}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="callout hy-preview" tabindex="-1" id="hy-import-preview" data-testid="hy-import-preview">
                    <p>
                        <strong>{format!("“{}”检查无误，导入后将：", p.file_name)}</strong>
                    </p>
                    <div class="table-wrap">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">"年份"</th>
                                    <th scope="col">"变化"</th>
                                    <th scope="col">"内容"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {(!untouched.is_empty()).then(|| view! {
                        <p>{format!("本单位原有的{}安排保留不变。", untouched.join("、"))}</p>
                    })}
                    <p class="muted">"确认后全部年份一次写入；任何一年写入失败，则全部不写入。"</p>
                    <div class="actions">
                        <button
                            type="button"
                            class="button"
                            data-testid="hy-import-confirm"
                            disabled=move || busy.get()
                            on:click=confirm
                        >
                            "确认导入"
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| pending.set(None)>
                            "取消"
                        </button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <div class="field">
            <label class="field__label" for=FILE_ID>"导入节假日安排文件（JSON）"</label>
            <p class="field__hint" id="hy-import-hint">
                {format!(
                    "选择从本页导出的文件，或与内置节假日表格式相同的文件；最大{} KB，最多{}个年份。导入前会先列出将要发生的变化，确认后才写入；文件有任何问题，则一项也不导入。",
                    MAX_IMPORT_BYTES / 1024,
                    MAX_IMPORT_YEARS
                )}
            </p>
            {move || {
                let list = refused.get();
                (!list.is_empty()).then(|| view! {
                    <div class="banner banner--error" role="alert" data-testid="hy-import-refused">
                        <ul class="plain-list">{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <input
                class="input hy-file"
                id=FILE_ID
                type="file"
                accept=".json,application/json"
                aria-describedby="hy-import-hint"
                on:change=on_change
            />
        </div>
        {preview}
    }
}
