//! `NotFoundPage`: shown for any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;

/// Says the page does not exist and offers the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <section class="page" data-testid="not-found">
            <PageTitle text="找不到该页面"/>
            <p>"地址 " <code>{move || path.get()}</code> " 不存在。可能是链接有误，或页面已调整。"</p>
            <p>
                <A href=AppRoute::Home.href() attr:class="button">"返回首页"</A>
            </p>
        </section>
    }
}
