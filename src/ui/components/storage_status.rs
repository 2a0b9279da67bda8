//! `StorageStatus`: the state of this machine's storage: the database, whether the browser keeps
//! the data persistently, and how much space it uses, with a request for persistent storage.

use leptos::prelude::*;

use crate::store::DB_NAME;
use crate::store::persistence::{self, PersistenceError, Usage};
use crate::ui::state::{DbState, use_db};

const MB: f64 = 1024.0 * 1024.0;

fn megabytes(bytes: f64) -> String {
    format!("{:.2} MB", bytes / MB)
}

/// The storage section of the settings page.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let db = use_db().0;
    let persisted = RwSignal::new(None::<Result<bool, PersistenceError>>);
    let usage = RwSignal::new(None::<Result<Usage, PersistenceError>>);
    let request_outcome = RwSignal::new(None::<Result<bool, PersistenceError>>);
    let busy = RwSignal::new(false);
    let secure = persistence::is_secure_context();

    let refresh = move || {
        leptos::task::spawn_local(async move {
            persisted.set(Some(persistence::persisted().await));
            usage.set(Some(persistence::estimate().await));
        });
    };
    refresh();

    let request = move |_| {
        busy.set(true);
        request_outcome.set(None);
        leptos::task::spawn_local(async move {
            let outcome = persistence::request_persist().await;
            request_outcome.set(Some(outcome));
            busy.set(false);
            refresh();
        });
    };

    let db_status = move || match db.get() {
        DbState::Opening => ("status status--pending", "正在打开…".to_owned()),
        DbState::Blocked => (
            "status status--warning",
            "等待其他标签页关闭（需要升级）".to_owned(),
        ),
        DbState::Ready(conn) => (
            "status status--ok",
            format!("可用（数据库“{DB_NAME}”，结构版本{}）", conn.version()),
        ),
        DbState::Failed(e) => ("status status--error", format!("不可用：{e}")),
    };
    let persisted_status = move || match persisted.get() {
        None => ("status status--pending", "正在查询…".to_owned()),
        Some(Ok(true)) => (
            "status status--ok",
            "已获准持久保存：浏览器不会因空间紧张自动清除本站数据".to_owned(),
        ),
        Some(Ok(false)) => (
            "status status--warning",
            "未持久保存：存储空间紧张时，浏览器可能自动清除本站数据".to_owned(),
        ),
        Some(Err(e)) => ("status status--error", e.to_string()),
    };
    let usage_text = move || match usage.get() {
        None => "正在查询…".to_owned(),
        Some(Ok(u)) if u.quota > 0.0 => {
            let percent = u.usage / u.quota * 100.0;
            let share = if percent < 0.1 {
                "不到0.1%".to_owned()
            } else {
                format!("{percent:.1}%")
            };
            format!(
                "已用 {}，可用上限约 {}（{share}）",
                megabytes(u.usage),
                megabytes(u.quota)
            )
        }
        Some(Ok(u)) => format!("已用 {}，浏览器未提供上限", megabytes(u.usage)),
        Some(Err(e)) => e.to_string(),
    };
    let request_text = move || {
        request_outcome.get().map(|outcome| match outcome {
            Ok(true) => view! {
                <div class="banner banner--success" role="status" data-testid="persist-outcome">
                    "浏览器已同意持久保存本站数据。"
                </div>
            }
            .into_any(),
            Ok(false) => view! {
                <div class="banner banner--warning" role="status" data-testid="persist-outcome">
                    "浏览器暂未同意持久保存。Chrome 和 Edge 会根据本站的使用情况自行决定（例如把本站加入书签、经常使用后更容易获准），Firefox 会弹出询问。可以过一段时间再申请；在此之前，本单位添加的节假日安排请用上方的“导出”另存一份。"
                </div>
            }
            .into_any(),
            Err(e) => view! {
                <div class="banner banner--error" role="alert" data-testid="persist-outcome">{e.to_string()}</div>
            }
            .into_any(),
        })
    };

    view! {
        <p>
            "本工具的数据（案件、草稿、本单位添加的节假日安排等）只保存在这台电脑的浏览器中，不上传到任何服务器。"
            "浏览器默认把网站数据当作“可清除”的缓存：磁盘空间紧张时，可能不经询问自动删除。"
            "申请“持久保存”并获准后，只有用户自己在浏览器中清除网站数据时才会删除。"
        </p>
        <p>
            "浏览器只在安全上下文中提供持久保存和空间查询：页面须通过 HTTPS 打开（本机地址 localhost 除外）。"
            "在单位内网部署时，请由信息通信部门为本站配置 HTTPS 证书；用 http:// 打开内网地址时，这些功能不可用。"
        </p>
        {(!secure).then(|| view! {
            <div class="banner banner--warning" role="status" data-testid="insecure-context">
                "当前页面不是通过 HTTPS 打开的。浏览器只在安全上下文（HTTPS，或本机地址）中提供持久保存等存储功能；"
                "在单位内网部署时，请让信息通信部门为本站配置 HTTPS 证书。"
            </div>
        })}
        <dl class="facts storage-facts" data-testid="storage-facts">
            <dt>"本地数据库"</dt>
            <dd data-testid="db-status">
                {move || {
                    let (class, text) = db_status();
                    view! { <span class=class>{text}</span> }
                }}
            </dd>
            <dt>"持久保存"</dt>
            <dd data-testid="persisted-status">
                {move || {
                    let (class, text) = persisted_status();
                    view! { <span class=class>{text}</span> }
                }}
            </dd>
            <dt>"占用空间"</dt>
            <dd data-testid="storage-usage">{usage_text}</dd>
        </dl>
        {request_text}
        <div class="actions">
            <button
                type="button"
                class="button"
                data-testid="persist-request"
                disabled=move || busy.get() || matches!(persisted.get(), Some(Ok(true)) | Some(Err(_)))
                on:click=request
            >
                "申请持久保存"
            </button>
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| refresh()
            >
                "重新查询"
            </button>
        </div>
        <p class="muted">
            "即使获准持久保存，重装系统、更换电脑或在浏览器中清除网站数据，仍会删除本站数据。"
        </p>
    }
}
