//! Every page's address, built from one enum so that no link is a scattered path string, and
//! the path the app is served under (its base), so that the same build logic works at the
//! root of a server and under a sub-path such as `/weiquan/`.

use std::sync::OnceLock;

use leptos_router::NavigateOptions;

/// The `<meta name>` that carries the base; `scripts/post_build.mjs` writes it into
/// `index.html` from Trunk's public URL.
pub const BASE_META: &str = "weiquan-base";

/// The base as a path without its trailing slash: `""` at the root of the server, `"/weiquan"`
/// for `http://intranet/weiquan/`. Read once from `index.html`; `""` if the page has no base.
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let content = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("meta[name=\"{BASE_META}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default();
        normalize_base(&content)
    })
}

/// `"/weiquan/"`, `"weiquan"` or `"/weiquan"` → `"/weiquan"`; `"/"` or `""` → `""`. Anything
/// that is not a plain path (a scheme, a query, `..`) counts as the root.
pub fn normalize_base(content: &str) -> String {
    let trimmed = content.trim().trim_matches('/');
    let plain = trimmed.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment.contains([':', '?', '#', '\\'])
    });
    if trimmed.is_empty() || !plain {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// Like `leptos_router::hooks::use_navigate`, for addresses from [`AppRoute::href`]: they
/// already start with the base, so the router must not prefix it a second time.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone {
    let navigate = leptos_router::hooks::use_navigate();
    move |href: &str, options: NavigateOptions| {
        navigate(
            href,
            NavigateOptions {
                resolve: false,
                ..options
            },
        )
    }
}

/// A page of the app. Each variant has a route in [`crate::ui::app::App`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRoute {
    /// `/`: the start page.
    Home,
    /// `/rules`: the rulebook: table of contents and search.
    Rules,
    /// `/rules/:article`: one article of the 细则.
    Article(u8),
    /// `/cases`: the list of cases.
    Cases,
    /// `/cases/new`: the office's intake form.
    NewCase,
    /// `/cases/:id`: one case.
    Case(String),
    /// `/calendar`: the deadline calculator.
    Calendar,
    /// `/training`: the quiz on the 细则 for trainers and officers.
    Training,
    /// `/guide`: the step-by-step offence decision guide (第十九至三十条).
    Guide,
    /// `/apply`: the guided application of 第三十条 for officers and families.
    Apply,
    /// `/cases/import`: the office imports an application package.
    ImportCase,
    /// `/stats`: the committee's statistics and exports (第十七、三十八条).
    Stats,
    /// `/settings`: the unit's settings.
    Settings,
}

impl AppRoute {
    /// The path of the page, starting with the app's [`base`]: usable as is in `<a href>`,
    /// `<A href>` and [`use_navigate`].
    pub fn href(&self) -> String {
        format!("{}{}", base(), self.path())
    }

    /// The path of the page relative to the app's base, as in the route table.
    pub fn path(&self) -> String {
        match self {
            Self::Home => "/".to_owned(),
            Self::Rules => "/rules".to_owned(),
            Self::Article(n) => format!("/rules/{n}"),
            Self::Cases => "/cases".to_owned(),
            Self::NewCase => "/cases/new".to_owned(),
            Self::Case(id) => format!("/cases/{}", String::from(js_sys::encode_uri_component(id))),
            Self::Calendar => "/calendar".to_owned(),
            Self::Training => "/training".to_owned(),
            Self::Guide => "/guide".to_owned(),
            Self::Apply => "/apply".to_owned(),
            Self::ImportCase => "/cases/import".to_owned(),
            Self::Stats => "/stats".to_owned(),
            Self::Settings => "/settings".to_owned(),
        }
    }

    /// The Chinese name of the page, used in navigation and in the document title.
    pub fn title(&self) -> &'static str {
        match self {
            Self::Home => "首页",
            Self::Rules | Self::Article(_) => "细则",
            Self::Cases | Self::Case(_) => "案件",
            Self::NewCase => "登记新案件",
            Self::Calendar => "期限计算",
            Self::Training => "培训测验",
            Self::Guide => "办理指引",
            Self::Apply => "维权申请",
            Self::ImportCase => "导入申请",
            Self::Stats => "统计",
            Self::Settings => "设置",
        }
    }

    /// The sections listed in the navigation, in order.
    pub fn navigation() -> Vec<AppRoute> {
        vec![
            Self::Home,
            Self::Cases,
            Self::Rules,
            Self::Guide,
            Self::Calendar,
            Self::Training,
            Self::Apply,
            Self::Stats,
            Self::Settings,
        ]
    }
}
