//! `BackupRestore`: reads a backup file (checked whole before anything is shown), previews what
//! a merge (the newer revision of each record wins, conflicts listed) or a replacement would
//! do, and restores it all or nothing, with a progress bar.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::attachment::size_text;
use crate::core::backup::{
    Backup, MAX_BACKUP_BYTES, RestoreMode, RestorePlan, Side, plan_restore, store_label,
};
use crate::store;
use crate::store::backup::Progress;
use crate::ui::components::error_summary::focus_control;
use crate::ui::components::progress_bar::ProgressBar;
use crate::ui::state::{DbState, use_db, use_reloader};

const FILE_ID: &str = "restore-file";
/// Conflicts listed in full; the rest are counted.
const MAX_LISTED: usize = 100;

/// A file read and checked, with both plans, waiting for the user's choice.
struct Pending {
    file_name: String,
    backup: Backup,
    merge: Result<RestorePlan, String>,
    replace: Result<RestorePlan, String>,
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "浏览器未能读取该文件，请重新选择。".to_owned())
}

/// Reads, checks and plans; the error is the Chinese reason for refusing.
async fn prepare(
    db: &store::Db,
    file: web_sys::File,
    on_progress: impl Fn(Progress),
) -> Result<Pending, String> {
    let file_name = file.name();
    let text = read_file(file).await?;
    let backup = store::backup::read(&text, &on_progress).await?;
    drop(text);
    on_progress(Progress {
        step: "与本机数据比较",
        fraction: 1.0,
    });
    let here = store::backup::current(db)
        .await
        .map_err(|e| e.to_string())?;
    let shapes = store::backup::shapes();
    let merge =
        plan_restore(&here, &backup, RestoreMode::Merge, &shapes).map_err(|e| e.to_string());
    let replace =
        plan_restore(&here, &backup, RestoreMode::Replace, &shapes).map_err(|e| e.to_string());
    Ok(Pending {
        file_name,
        backup,
        merge,
        replace,
    })
}

fn done_text(plan: &RestorePlan) -> String {
    let mut parts = Vec::new();
    for s in plan.summary.iter() {
        let mut bits = Vec::new();
        if s.added > 0 {
            bits.push(format!("写入{}条", s.added));
        }
        if s.updated > 0 {
            bits.push(format!("更新{}条", s.updated));
        }
        if s.removed > 0 {
            bits.push(format!("删除{}条", s.removed));
        }
        if !bits.is_empty() {
            parts.push(format!("{}{}", store_label(&s.store), bits.join("、")));
        }
    }
    let what = match plan.mode {
        RestoreMode::Merge => "已合并备份",
        RestoreMode::Replace => "已用备份替换本机数据",
    };
    if parts.is_empty() {
        format!("{what}：本机数据与备份一致，没有需要写入的内容。")
    } else {
        format!("{what}：{}。", parts.join("；"))
    }
}

/// The restore control.
#[component]
pub fn BackupRestore() -> impl IntoView {
    let db = use_db().0;
    let reloader = use_reloader();
    let pending = RwSignal::new(None::<Arc<Pending>>);
    let mode = RwSignal::new(RestoreMode::Merge);
    let acknowledged = RwSignal::new(false);
    let progress = RwSignal::new(None::<Progress>);
    let refused = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    let on_change = move |ev: leptos::ev::Event| {
        refused.set(None);
        done.set(None);
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
        input.set_value("");
        let file_name = file.name();
        let DbState::Ready(conn) = db.get_untracked() else {
            refused.set(Some("本机数据库尚未就绪，暂时不能恢复。".to_owned()));
            return;
        };
        if file.size() > MAX_BACKUP_BYTES as f64 {
            refused.set(Some(format!(
                "“{file_name}”未恢复，本机数据没有任何改动：文件过大（{}），备份文件不超过256MB。",
                size_text(file.size() as u64)
            )));
            return;
        }
        progress.set(Some(Progress {
            step: "读取文件",
            fraction: 0.0,
        }));
        leptos::task::spawn_local(async move {
            let result = prepare(&conn, file, |p| progress.set(Some(p))).await;
            progress.set(None);
            match result {
                Ok(p) => {
                    mode.set(if p.merge.is_ok() {
                        RestoreMode::Merge
                    } else {
                        RestoreMode::Replace
                    });
                    acknowledged.set(false);
                    pending.set(Some(Arc::new(p)));
                    request_animation_frame(|| focus_control("restore-preview"));
                }
                Err(e) => refused.set(Some(format!(
                    "“{file_name}”未恢复，本机数据没有任何改动：{e}"
                ))),
            }
        });
    };

    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            return;
        };
        let chosen = mode.get_untracked();
        let plan = match chosen {
            RestoreMode::Merge => p.merge.clone(),
            RestoreMode::Replace => p.replace.clone(),
        };
        let Ok(plan) = plan else {
            return;
        };
        progress.set(Some(Progress {
            step: "准备写入",
            fraction: 0.0,
        }));
        leptos::task::spawn_local(async move {
            let result =
                store::backup::apply(&conn, &plan, &p.backup, |x| progress.set(Some(x))).await;
            progress.set(None);
            match result {
                Ok(()) => {
                    pending.set(None);
                    done.set(Some(done_text(&plan)));
                    reloader.reload();
                }
                Err(e) => refused.set(Some(format!("恢复未完成，本机数据没有任何改动：{e}"))),
            }
        });
    };

    let preview = move || {
        pending.get().map(|p| {
            let b = &p.backup;
            let header = format!(
                "“{}”检查无误：备份于{}，来自维权工作台 {}，共{}条记录。",
                p.file_name,
                b.created_at.format("%Y年%-m月%-d日 %H:%M"),
                b.app_version,
                b.data.total()
            );
            let merge_error = p.merge.as_ref().err().cloned();
            let p2 = Arc::clone(&p);
            let table = move || {
                let plan = match mode.get() {
                    RestoreMode::Merge => p2.merge.as_ref().ok(),
                    RestoreMode::Replace => p2.replace.as_ref().ok(),
                };
                plan.map(|plan| plan_view(plan, &p2.backup))
            };
            view! {
                <div class="callout restore-preview" tabindex="-1" id="restore-preview" data-testid="restore-preview">
                    <p><strong>{header}</strong></p>
                    <fieldset class="restore-modes">
                        <legend>"恢复方式"</legend>
                        <label class="choice">
                            <input
                                type="radio"
                                name="restore-mode"
                                data-testid="restore-mode-merge"
                                prop:checked=move || mode.get() == RestoreMode::Merge
                                disabled=merge_error.is_some()
                                on:change=move |_| mode.set(RestoreMode::Merge)
                            />
                            <span>
                                <span class="choice__label">"合并"</span>
                                <span class="choice__why">
                                    "保留本机数据，加入备份中本机没有的记录；同一记录两边不同时，以版本较新的为准（案件比较版本号，草稿比较保存时间），其余保留本机的，冲突逐条列出。"
                                </span>
                            </span>
                        </label>
                        {merge_error.map(|e| view! {
                            <p class="field-error" data-testid="restore-merge-error">{e}</p>
                        })}
                        <label class="choice">
                            <input
                                type="radio"
                                name="restore-mode"
                                data-testid="restore-mode-replace"
                                prop:checked=move || mode.get() == RestoreMode::Replace
                                on:change=move |_| mode.set(RestoreMode::Replace)
                            />
                            <span>
                                <span class="choice__label">"替换"</span>
                                <span class="choice__why">
                                    "删除本机现有的全部数据，换成备份中的数据（例如换了电脑，或本机数据已损坏）。"
                                </span>
                            </span>
                        </label>
                    </fieldset>
                    {table}
                    <Show when=move || mode.get() == RestoreMode::Replace>
                        <label class="restore-ack">
                            <input
                                type="checkbox"
                                data-testid="restore-replace-ack"
                                prop:checked=move || acknowledged.get()
                                on:change=move |ev| acknowledged.set(event_target_checked(&ev))
                            />
                            " 我已了解：本机现有数据将被删除，换成备份中的数据。"
                        </label>
                    </Show>
                    <p class="muted">"确认后一次写入：任何一条写入失败，则全部不写入，本机数据保持原样。"</p>
                    <div class="actions">
                        <button
                            type="button"
                            class="button"
                            data-testid="restore-confirm"
                            disabled=move || {
                                progress.get().is_some()
                                    || (mode.get() == RestoreMode::Replace && !acknowledged.get())
                            }
                            on:click=confirm
                        >
                            {move || match mode.get() {
                                RestoreMode::Merge => "确认合并",
                                RestoreMode::Replace => "确认替换",
                            }}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| pending.set(None)>
                            "取消"
                        </button>
                    </div>
                </div>
            }
        })
    };

    // The picker is usable only with the database open: a file chosen before that could not be
    // restored, so the control says why it waits instead of refusing after the choice.
    let unavailable = move || match db.get() {
        DbState::Ready(_) => None,
        DbState::Opening => Some("本地数据库正在打开，打开后才能选择备份文件恢复。".to_owned()),
        DbState::Blocked => Some(
            "本地数据库的升级被另一个标签页阻止：关闭本应用的其他标签页后才能恢复。".to_owned(),
        ),
        DbState::Failed(e) => Some(format!("本地数据库不可用，不能恢复备份：{e}")),
    };

    view! {
        <h3>"恢复"</h3>
        <div class="field">
            <label class="field__label" for=FILE_ID>"选择备份文件（JSON）"</label>
            <p class="field__hint" id="restore-hint">
                "选择在本页下载的备份文件（不超过256MB）。文件会先完整检查（格式、校验值和每一条记录），并列出恢复后的变化，确认后才写入；文件有任何问题，则一项也不恢复。"
            </p>
            {move || refused.get().map(|m| view! {
                <div class="banner banner--error" role="alert" data-testid="restore-refused">{m}</div>
            })}
            {move || done.get().map(|m| view! {
                <div class="banner banner--success" role="status" data-testid="restore-done">{m}</div>
            })}
            {move || unavailable().map(|m| view! {
                <p class="field__hint" id="restore-unavailable" role="status" data-testid="restore-unavailable">{m}</p>
            })}
            <input
                class="input"
                id=FILE_ID
                data-testid="restore-file"
                type="file"
                accept=".json,application/json"
                aria-describedby=move || if unavailable().is_some() { "restore-hint restore-unavailable" } else { "restore-hint" }
                disabled=move || progress.get().is_some() || unavailable().is_some()
                on:change=on_change
            />
        </div>
        <ProgressBar progress testid="restore-progress"/>
        {preview}
    }
}

/// The summary table of a plan, and its conflicts.
fn plan_view(plan: &RestorePlan, backup: &Backup) -> AnyView {
    let rows = plan
        .summary
        .iter()
        .filter(|s| backup.data.count(&s.store) + s.removed + s.kept + s.unchanged > 0)
        .map(|s| {
            let label = store_label(&s.store).to_owned();
            let in_backup = backup.data.count(&s.store);
            match plan.mode {
                RestoreMode::Merge => view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{in_backup}</td>
                        <td>{s.added}</td>
                        <td>{s.updated}</td>
                        <td>{s.removed}</td>
                        <td>{s.kept}</td>
                        <td>{s.unchanged}</td>
                    </tr>
                }
                .into_any(),
                RestoreMode::Replace => view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{s.removed}</td>
                        <td>{s.added}</td>
                    </tr>
                }
                .into_any(),
            }
        })
        .collect_view();
    let head = match plan.mode {
        RestoreMode::Merge => view! {
            <tr>
                <th scope="col">"类别"</th>
                <th scope="col">"备份中"</th>
                <th scope="col">"新增"</th>
                <th scope="col">"以备份更新"</th>
                <th scope="col">"随案件删除"</th>
                <th scope="col">"保留本机"</th>
                <th scope="col">"相同"</th>
            </tr>
        }
        .into_any(),
        RestoreMode::Replace => view! {
            <tr>
                <th scope="col">"类别"</th>
                <th scope="col">"本机现有（将删除）"</th>
                <th scope="col">"备份中（将写入）"</th>
            </tr>
        }
        .into_any(),
    };
    let conflicts = (plan.mode == RestoreMode::Merge && !plan.conflicts.is_empty()).then(|| {
        let more = plan.conflicts.len().saturating_sub(MAX_LISTED);
        let lines = plan
            .conflicts
            .iter()
            .take(MAX_LISTED)
            .map(|c| {
                let store = if c.store == "local" {
                    "本单位设置".to_owned()
                } else {
                    store_label(&c.store).to_owned()
                };
                let kept = match c.winner {
                    Side::Local => "本机",
                    Side::Backup => "备份",
                };
                view! {
                    <tr data-testid="restore-conflict">
                        <td>{store}</td>
                        <td>{c.key.clone()}</td>
                        <td>{c.local_version.clone()}</td>
                        <td>{c.backup_version.clone()}</td>
                        <td>{kept}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h4>{format!("两边不同的记录（{}项）", plan.conflicts.len())}</h4>
            <div class="table-wrap">
                <table class="table" data-testid="restore-conflicts">
                    <thead>
                        <tr>
                            <th scope="col">"类别"</th>
                            <th scope="col">"记录"</th>
                            <th scope="col">"本机"</th>
                            <th scope="col">"备份"</th>
                            <th scope="col">"保留"</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
            {(more > 0).then(|| view! { <p class="muted">{format!("另有{more}项未列出。")}</p> })}
        }
    });
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="restore-summary">
                <thead>{head}</thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {conflicts}
    }
    .into_any()
}
