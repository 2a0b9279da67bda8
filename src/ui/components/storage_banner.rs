//! `StorageBanner`: tells the user, in Chinese, when the local database cannot be used.

use leptos::prelude::*;

use crate::ui::state::{DbState, use_db};

/// Shows nothing while the database is fine; otherwise what is wrong and what still works.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let db = use_db().0;
    move || {
        match db.get() {
        DbState::Opening | DbState::Ready(_) => None,
        DbState::Blocked => Some(view! {
            <div class="banner banner--warning" role="status" data-testid="storage-banner">
                <strong>"正在等待其他标签页："</strong>
                "数据库需要升级，但另一个维权工作台标签页仍在使用旧版本。请关闭其他维权工作台标签页，本页会自动继续。"
            </div>
        }
        .into_any()),
        DbState::Failed(e) => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="storage-banner">
                <strong>"本地数据库不可用："</strong>
                {e.to_string()}
            </div>
        }
        .into_any()),
    }
    }
}
