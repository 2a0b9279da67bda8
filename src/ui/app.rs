//! The app shell (header, navigation, main area, footer) and the route table.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use super::components::storage_banner::StorageBanner;
use super::pages::apply_page::ApplyPage;
use super::pages::article_page::ArticlePage;
use super::pages::calendar_page::CalendarPage;
use super::pages::case_page::CasePage;
use super::pages::cases_page::CasesPage;
use super::pages::guide_page::GuidePage;
use super::pages::home_page::HomePage;
use super::pages::import_case_page::ImportCasePage;
use super::pages::new_case_page::NewCasePage;
use super::pages::not_found_page::NotFoundPage;
use super::pages::rules_page::RulesPage;
use super::pages::settings_page::SettingsPage;
use super::pages::stats_page::StatsPage;
use super::pages::training_page::TrainingPage;
use super::routes::{AppRoute, base};
use super::state::{provide_app_state, use_settings};

/// The regulation the app serves, as named in the footer.
pub const REGULATION: &str = "《嘉兴市公安机关维护民警执法权威工作实施细则》";
/// Its date of issue (嘉兴市公安局, 2020-05-12).
pub const REGULATION_DATE: &str = "2020年5月12日";

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    super::reference::provide_reference_data();
    view! {
        // Under a sub-path (`/weiquan/`) the router matches the routes below after the base;
        // every address the app builds comes from `AppRoute::href`, which starts with it.
        <Router base=base()>
            // `target` keeps the router's link handling out: the browser's own fragment navigation
            // moves focus to <main>, so the next Tab starts there (the router would only scroll).
            <a class="skip-link" href="#main" target="_self">"跳到正文"</a>
            <Header/>
            <StorageBanner/>
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/cases") view=CasesPage/>
                    <Route path=path!("/rules") view=RulesPage/>
                    <Route path=path!("/rules/:article") view=ArticlePage/>
                    <Route path=path!("/cases/new") view=NewCasePage/>
                    <Route path=path!("/cases/import") view=ImportCasePage/>
                    <Route path=path!("/cases/:id") view=CasePage/>
                    <Route path=path!("/calendar") view=CalendarPage/>
                    <Route path=path!("/training") view=TrainingPage/>
                    <Route path=path!("/guide") view=GuidePage/>
                    <Route path=path!("/apply") view=ApplyPage/>
                    <Route path=path!("/stats") view=StatsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let settings = use_settings().settings;
    let unit = move || {
        settings
            .get()
            .map(|s| s.unit_name)
            .unwrap_or_else(|| "尚未设置单位".to_owned())
    };
    let operator = move || settings.get().map(|s| format!("操作人：{}", s.operator));
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href=AppRoute::Home.href() attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"维"</span>
                    <span class="brand__text">
                        <span class="brand__name">"维权工作台"</span>
                        <span class="brand__unit" data-testid="header-unit">{unit}</span>
                    </span>
                </A>
                <span class="site-header__operator">{operator}</span>
            </div>
            <Nav/>
        </header>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let location = use_location();
    let items = AppRoute::navigation()
        .into_iter()
        .map(|route| {
            let href = route.href();
            let target = href.clone();
            let is_home = route == AppRoute::Home;
            let current = move || {
                let path = location.pathname.get();
                let on = if is_home {
                    path == target || path == base()
                } else {
                    path.starts_with(&target)
                };
                on.then_some("page")
            };
            view! {
                <li>
                    <a href=href aria-current=current>{route.title()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="site-nav" aria-label="主导航">
            <ul class="site-nav__list">{items}</ul>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "维权工作台 v" {env!("CARGO_PKG_VERSION")} " · 依据 " {REGULATION} "（嘉兴市公安局，"
                {REGULATION_DATE} "印发）"
            </p>
            <p class="site-footer__note">"所有数据仅保存在本机浏览器中，不向任何服务器发送。"</p>
        </footer>
    }
}
