//! The reference texts: the 细则's articles, the editor's notes, the annotations on the law, the
//! lay-word table of the search and the quiz bank. They are files of the site (copied from
//! `data/` by Trunk and given content-hashed names by `scripts/post_build.mjs`), not part of the
//! WebAssembly module: every page downloads the module, but only the rulebook and the quiz need
//! these texts, so they are fetched from the page's own origin the first time one of those
//! pages opens and kept for the rest of the visit. The service worker precaches them with the
//! rest of the build, so they are there offline too. The core parses and checks them exactly as
//! the native tests do.

use std::cell::OnceCell;
use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::rules::Document;
use crate::core::search::{SearchIndex, SynonymTable};
use crate::core::training::QuestionBank;
use crate::ui::routes::base;

/// The `<meta name>` in which `scripts/post_build.mjs` lists each data file's hashed name, as
/// `articles.json=articles-0123456789abcdef.json` pairs separated by spaces.
pub const DATA_META: &str = "weiquan-data";

/// The rulebook: the parsed 细则 with its notes and annotations, the lay-word table, and the
/// search index over both (built on the first search).
pub struct Rulebook {
    /// The 细则.
    pub doc: &'static Document,
    synonyms: &'static SynonymTable,
    index: OnceLock<SearchIndex<'static>>,
    /// Why the lay-word table could not be used, if it could not (the rulebook still works,
    /// without the everyday words).
    pub synonyms_problem: Option<String>,
}

impl Rulebook {
    /// The search index, built on first use.
    pub fn index(&self) -> &SearchIndex<'static> {
        self.index
            .get_or_init(|| SearchIndex::build(self.doc, self.synonyms))
    }
}

thread_local! {
    static RULEBOOK: OnceCell<&'static Rulebook> = const { OnceCell::new() };
    static QUESTIONS: OnceCell<&'static QuestionBank> = const { OnceCell::new() };
}

/// The rulebook if it was loaded before, without waiting.
pub fn rulebook_now() -> Option<&'static Rulebook> {
    RULEBOOK.with(|c| c.get().copied())
}

/// The rulebook, fetched and parsed on first use. The error is a Chinese sentence for the page.
pub async fn rulebook() -> Result<&'static Rulebook, String> {
    if let Some(book) = rulebook_now() {
        return Ok(book);
    }
    // The three requests run at once: each starts when it is made, before any is awaited.
    let articles = fetch_text("articles.json");
    let editorial = fetch_text("editorial.json");
    let annotations = fetch_text("annotations.json");
    let synonyms = fetch_text("synonyms.json");
    let (articles, editorial, annotations) = (articles?, editorial?, annotations?);
    let (articles, editorial, annotations) = (
        text_of(articles).await?,
        text_of(editorial).await?,
        text_of(annotations).await?,
    );
    let doc = Document::from_json(&articles, &editorial, &annotations)
        .map_err(|e| format!("细则数据有误，无法显示（{e}）。{ASK_IT}"))?;
    let (synonyms, synonyms_problem) = match synonyms {
        Ok(request) => match text_of(request).await {
            Ok(text) => match SynonymTable::from_json(&text) {
                Ok(table) => (table, None),
                Err(e) => (SynonymTable::default(), Some(e.to_string())),
            },
            Err(e) => (SynonymTable::default(), Some(e)),
        },
        Err(e) => (SynonymTable::default(), Some(e)),
    };
    // Another page may have finished loading first; keep that one.
    if let Some(book) = rulebook_now() {
        return Ok(book);
    }
    let book: &'static Rulebook = Box::leak(Box::new(Rulebook {
        doc: Box::leak(Box::new(doc)),
        synonyms: Box::leak(Box::new(synonyms)),
        index: OnceLock::new(),
        synonyms_problem,
    }));
    RULEBOOK.with(|c| {
        let _ = c.set(book);
    });
    Ok(book)
}

/// The quiz bank, fetched and checked on first use.
pub async fn question_bank() -> Result<&'static QuestionBank, String> {
    if let Some(bank) = QUESTIONS.with(|c| c.get().copied()) {
        return Ok(bank);
    }
    let text = text_of(fetch_text("questions.json")?).await?;
    let bank =
        QuestionBank::from_json(&text).map_err(|e| format!("题库无法载入（{e}）。{ASK_IT}"))?;
    let bank: &'static QuestionBank = match QUESTIONS.with(|c| c.get().copied()) {
        Some(bank) => bank,
        None => Box::leak(Box::new(bank)),
    };
    QUESTIONS.with(|c| {
        let _ = c.set(bank);
    });
    Ok(bank)
}

const ASK_IT: &str = "请刷新页面重试；如果问题仍然存在，请联系本单位信息通信部门。";

/// The address of data file `name` in this build: its hashed name from [`DATA_META`], under
/// the site's base; the plain name when the page has no such meta (a build without the hook).
fn data_url(name: &str) -> String {
    let listed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{DATA_META}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .and_then(|content| hashed_name(&content, name));
    format!("{}/{}", base(), listed.unwrap_or_else(|| name.to_owned()))
}

/// The hashed name of `name` in the meta's `name=hashed` list.
fn hashed_name(content: &str, name: &str) -> Option<String> {
    content
        .split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .find(|(plain, _)| *plain == name)
        .map(|(_, hashed)| hashed.to_owned())
}

/// Starts the request for data file `name`.
fn fetch_text(name: &str) -> Result<JsFuture, String> {
    let window = web_sys::window().ok_or_else(|| format!("无法读取{name}：没有浏览器窗口。"))?;
    Ok(JsFuture::from(window.fetch_with_str(&data_url(name))))
}

/// The body of a started request, as text; a failed request or a status other than 200 is a
/// Chinese message.
async fn text_of(request: JsFuture) -> Result<String, String> {
    let failed = |detail: String| format!("无法读取细则和题库数据（{detail}）。{ASK_IT}");
    let response = request
        .await
        .map_err(|e| failed(js_text(&e)))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("服务器的应答无法识别".to_owned()))?;
    if !response.ok() {
        return Err(failed(format!(
            "{} 返回 HTTP {}",
            response.url(),
            response.status()
        )));
    }
    let body = response.text().map_err(|e| failed(js_text(&e)))?;
    JsFuture::from(body)
        .await
        .map_err(|e| failed(js_text(&e)))?
        .as_string()
        .ok_or_else(|| failed("内容不是文本".to_owned()))
}

fn js_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "网络错误".to_owned())
}

/// The app's one request for each kind of reference data: a resource that stays idle until a
/// page asks for it, so that pages opened together fetch each file once, and pages that never
/// need the data (the home page, cases) fetch nothing.
#[derive(Clone, Copy)]
struct ReferenceCtx {
    rules_wanted: RwSignal<bool>,
    rules: LocalResource<Option<Result<&'static Rulebook, String>>>,
    bank_wanted: RwSignal<bool>,
    bank: LocalResource<Option<Result<&'static QuestionBank, String>>>,
}

/// Provides the reference data's loaders (called once by the app shell).
pub fn provide_reference_data() {
    let rules_wanted = RwSignal::new(false);
    let bank_wanted = RwSignal::new(false);
    provide_context(ReferenceCtx {
        rules_wanted,
        rules: LocalResource::new(move || {
            let wanted = rules_wanted.get();
            async move {
                match wanted {
                    true => Some(rulebook().await),
                    false => None,
                }
            }
        }),
        bank_wanted,
        bank: LocalResource::new(move || {
            let wanted = bank_wanted.get();
            async move {
                match wanted {
                    true => Some(question_bank().await),
                    false => None,
                }
            }
        }),
    });
}

fn reference_ctx() -> ReferenceCtx {
    expect_context::<ReferenceCtx>()
}

/// Renders `view` with the rulebook: at once when it is already loaded, else after a short
/// notice while it loads; a failure shows its message in place of the text.
pub fn with_rulebook<V, F>(view: F) -> impl IntoView
where
    F: Fn(&'static Rulebook) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ctx = reference_ctx();
    if !ctx.rules_wanted.get_untracked() {
        ctx.rules_wanted.set(true);
    }
    move || match rulebook_now().map(Ok).or_else(|| ctx.rules.get().flatten()) {
        None => loading("正在载入细则…").into_any(),
        Some(Ok(book)) => view(book).into_any(),
        Some(Err(message)) => failure(message).into_any(),
    }
}

/// Renders `view` with the quiz bank, as [`with_rulebook`] does with the rulebook.
pub fn with_question_bank<V, F>(view: F) -> impl IntoView
where
    F: Fn(&'static QuestionBank) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ctx = reference_ctx();
    if !ctx.bank_wanted.get_untracked() {
        ctx.bank_wanted.set(true);
    }
    move || match ctx.bank.get().flatten() {
        None => loading("正在载入题库…").into_any(),
        Some(Ok(bank)) => view(bank).into_any(),
        Some(Err(message)) => failure(message).into_any(),
    }
}

fn loading(text: &'static str) -> impl IntoView {
    view! { <p class="muted" role="status" data-testid="reference-loading">{text}</p> }
}

fn failure(message: String) -> impl IntoView {
    view! { <div class="banner banner--error" role="alert" data-testid="reference-error">{message}</div> }
}
