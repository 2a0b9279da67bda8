//! `HomePage`: the start page: what the app is for, the unit's status and the way in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_db, use_settings};

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let settings = use_settings().settings;
    let db = use_db().0;
    let storage = move || match db.get() {
        DbState::Opening => ("正在打开本机数据库…", "status--pending"),
        DbState::Blocked => ("等待其他标签页关闭", "status--warning"),
        DbState::Ready(_) => ("本机数据库已就绪", "status--ok"),
        DbState::Failed(_) => ("本机数据库不可用", "status--error"),
    };
    view! {
        <section class="page" data-testid="home">
            <PageTitle text="维权工作台"/>
            <p class="lead">
                "依据《嘉兴市公安机关维护民警执法权威工作实施细则》，为维权办、民警及其近亲属提供维权申请、受理答复、调查核实、期限提醒和规则查询。"
            </p>
            <Show when=move || settings.get().is_none()>
                <div class="callout" data-testid="setup-callout">
                    <h2>"第一步：填写本单位信息"</h2>
                    <p>"单位名称会显示在页首和打印的文书上，操作人姓名会记入案件办理记录。"</p>
                    <A href=AppRoute::Settings.href() attr:class="button">"去设置"</A>
                </div>
            </Show>
            <div class="cards">
                <div class="card">
                    <h2 class="card__title">"本单位"</h2>
                    <dl class="facts">
                        <dt>"单位名称"</dt>
                        <dd data-testid="home-unit">
                            {move || settings.get().map(|s| s.unit_name).unwrap_or_else(|| "未设置".to_owned())}
                        </dd>
                        <dt>"单位层级"</dt>
                        <dd>
                            {move || settings.get().map(|s| s.unit_level.label()).unwrap_or("未设置")}
                        </dd>
                        <dt>"操作人"</dt>
                        <dd>{move || settings.get().map(|s| s.operator).unwrap_or_else(|| "未设置".to_owned())}</dd>
                    </dl>
                    <A href=AppRoute::Settings.href() attr:class="link">"修改设置"</A>
                </div>
                <div class="card">
                    <h2 class="card__title">"数据保存"</h2>
                    <p>
                        <span class=move || format!("status {}", storage().1) data-testid="db-status">
                            {move || storage().0}
                        </span>
                    </p>
                    <p class="muted">"案件、草稿和附件只保存在本机浏览器中，不会上传到任何服务器。请定期导出备份。"</p>
                </div>
            </div>
        </section>
    }
}
