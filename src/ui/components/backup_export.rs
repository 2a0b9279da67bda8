//! `BackupExport`: downloads one file with everything this machine keeps (every case, its
//! history, files and documents, drafts, the unit's settings, readings and holiday years), with
//! a progress bar, and records when it was made for the 30-day reminder.

use leptos::prelude::*;

use crate::core::attachment::size_text;
use crate::core::backup::{backup_file_name, store_label};
use crate::store;
use crate::store::backup::Progress;
use crate::ui::clock::now_shanghai;
use crate::ui::components::progress_bar::ProgressBar;
use crate::ui::download::download_text;
use crate::ui::state::{DbState, use_backup, use_db};

/// The export control.
#[component]
pub fn BackupExport() -> impl IntoView {
    let db = use_db().0;
    let backups = use_backup().version;
    let progress = RwSignal::new(None::<Progress>);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let last = LocalResource::new(move || {
        backups.track();
        let state = db.get();
        async move {
            match state {
                DbState::Ready(db) => store::backup::last_backup(&db).await.ok().flatten(),
                _ => None,
            }
        }
    });

    let start = move |_| {
        let DbState::Ready(conn) = db.get_untracked() else {
            outcome.set(Some(Err("本机数据库尚未就绪，暂时不能备份。".to_owned())));
            return;
        };
        outcome.set(None);
        progress.set(Some(Progress {
            step: "读取本机数据",
            fraction: 0.0,
        }));
        leptos::task::spawn_local(async move {
            let now = now_shanghai();
            let result = store::backup::export(&conn, now, |p| progress.set(Some(p))).await;
            let result = match result {
                Ok(made) => {
                    let name = backup_file_name(now);
                    match download_text(&name, "application/json", &made.text) {
                        Ok(()) => {
                            let recorded = store::backup::record_backup(&conn, now).await;
                            backups.update(|v| *v += 1);
                            let counts: Vec<String> = made
                                .counts
                                .iter()
                                .filter(|(_, n)| *n > 0)
                                .map(|(store, n)| format!("{}{n}条", store_label(store)))
                                .collect();
                            let counts = if counts.is_empty() {
                                "本机数据库中还没有记录；本单位设置已包含在内".to_owned()
                            } else {
                                counts.join("、")
                            };
                            let mut text = format!(
                                "已生成备份文件“{name}”（{}）：{counts}。请把它保存到安全的位置，例如单位内网的共享目录或加密U盘；文件中有案件的全部内容和附件，请按涉密或敏感材料管理。",
                                size_text(made.text.len() as u64)
                            );
                            if let Err(e) = recorded {
                                text.push_str(&format!("（备份时间未能记录：{e}）"));
                            }
                            Ok(text)
                        }
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(format!("备份未完成：{e}")),
            };
            progress.set(None);
            outcome.set(Some(result));
        });
    };

    view! {
        <h3>"备份"</h3>
        <p>
            "备份文件包含本机保存的全部数据：案件及其办理记录、证据附件、文书记录、申请草稿、本单位设置、期限读法和本单位补充的节假日安排。"
            "练习进度和尚未提交的登记表单不在备份中。"
        </p>
        <p data-testid="backup-last">
            {move || match last.get().flatten() {
                Some(at) => format!("上次备份：{}", at.format("%Y年%-m月%-d日 %H:%M")),
                None => "本机还没有备份过。".to_owned(),
            }}
        </p>
        <div class="actions">
            <button
                type="button"
                class="button"
                data-testid="backup-download"
                disabled=move || progress.get().is_some()
                on:click=start
            >
                "下载备份文件"
            </button>
        </div>
        <ProgressBar progress testid="backup-progress"/>
        {move || outcome.get().map(|o| match o {
            Ok(text) => view! {
                <div class="banner banner--success" role="status" data-testid="backup-done">{text}</div>
            }.into_any(),
            Err(text) => view! {
                <div class="banner banner--error" role="alert" data-testid="backup-failed">{text}</div>
            }.into_any(),
        })}
    }
}
