//! `NoCaseStorage`: in place of an action that would write cases (登记、导入), says in Chinese
//! that this browser cannot keep cases, why, and what to do; `case_storage_failure` tells a
//! page whether to show it.

use leptos::prelude::*;

use crate::store::StoreError;
use crate::ui::state::{DbState, use_db};

/// Why cases cannot be saved in this browser (tracked), or `None` while the database is open,
/// opening or waiting for another tab.
pub fn case_storage_failure() -> Option<StoreError> {
    match use_db().0.get() {
        DbState::Failed(e) => Some(e),
        DbState::Opening | DbState::Blocked | DbState::Ready(_) => None,
    }
}

/// The notice shown instead of the action `action` (e.g. 「登记新案件」).
#[component]
pub fn NoCaseStorage(
    /// What cannot be done here, as a heading.
    action: &'static str,
    /// Why (the database's failure).
    reason: StoreError,
) -> impl IntoView {
    let what_to_do = match reason {
        StoreError::Unavailable => {
            "请改用普通（非无痕、非隐私）窗口打开维权工作台，或请信息通信部门允许本网站使用浏览器本地存储（IndexedDB）后再登记。"
        }
        _ => "请按上面的提示处理（通常是关闭其他维权工作台标签页后刷新本页），然后再登记。",
    };
    view! {
        <div class="callout callout--error" role="note" data-testid="no-case-storage">
            <h2>{action} "：此浏览器中无法保存案件"</h2>
            <p>"原因：" {reason.to_string()}</p>
            <p>{what_to_do}</p>
        </div>
    }
}
