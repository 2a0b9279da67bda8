//! `RulesPage`: the rulebook's table of contents and its search (`/rules?q=…`). Results update
//! as the user types; the query lives in the URL so a search can be shared.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_query_map;

use crate::ui::routes::use_navigate;

use crate::core::rules::Anchor;
use crate::core::search::{self, Location};
use crate::ui::components::highlighted::Highlighted;
use crate::ui::components::page_title::PageTitle;
use crate::ui::reference::{Rulebook, with_rulebook};
use crate::ui::routes::AppRoute;

/// How many characters of context a search result shows around a hit.
const SNIPPET_CONTEXT: usize = 40;
/// The most matches shown under one article.
const MATCHES_PER_ARTICLE: usize = 3;

/// The rulebook's front page.
#[component]
pub fn RulesPage() -> impl IntoView {
    let q = RwSignal::new(use_query_map().get_untracked().get("q").unwrap_or_default());
    let navigate = use_navigate();
    Effect::new(move |_| {
        let query = q.get();
        let url = if query.trim().is_empty() {
            AppRoute::Rules.href()
        } else {
            format!(
                "{}?q={}",
                AppRoute::Rules.href(),
                String::from(js_sys::encode_uri_component(&query))
            )
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    view! {
        <section class="page" data-testid="rules">
            <PageTitle text="细则查询"/>
            {with_rulebook(|book| {
                let doc = book.doc;
                view! {
                    <p class="lead">{doc.title()} "，共四十三条，" {doc.signature().issuer.clone()} {doc.signature().date_text.clone()} "印发。"</p>
                    {book.synonyms_problem.clone().map(|m| view! {
                        <div class="banner banner--warning" role="status">"日常说法词表载入失败，搜索只按原文字词进行：" {m}</div>
                    })}
                }
            })}
            <form class="rules-search" role="search" on:submit=|ev| ev.prevent_default()>
                <label class="field__label" for="rules-q">"搜索条文和注释"</label>
                <p class="field__hint" id="rules-q-hint">
                    "可用日常说法，例如“骂人”“网上造谣”“堵门”“偷拍”“几天答复”。多个词用空格分开，须同时出现。"
                </p>
                <input
                    id="rules-q"
                    class="input rules-search__input"
                    type="search"
                    autocomplete="off"
                    aria-describedby="rules-q-hint"
                    data-testid="rules-q"
                    prop:value=move || q.get()
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
            </form>
            {with_rulebook(move |book| move || {
                let query = q.get();
                if query.trim().is_empty() { view! { <Contents book/> }.into_any() } else { view! { <Results book query/> }.into_any() }
            })}
        </section>
    }
}

/// The thematic table of contents.
#[component]
fn Contents(
    /// The loaded rulebook.
    book: &'static Rulebook,
) -> impl IntoView {
    let doc = book.doc;
    let groups = doc
        .groups()
        .iter()
        .map(|g| {
            let items = g
                .articles()
                .filter_map(|no| doc.article(no))
                .map(|a| {
                    view! {
                        <li>
                            <a href=AppRoute::Article(a.no.get()).href()>
                                <span class="toc__no">{a.title.clone()}</span>
                                <span class="toc__caption">{a.caption.clone()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="toc__group card">
                    <h2 class="card__title">{g.title.clone()} <span class="muted">{format!("（第{}—{}条）", g.first.get(), g.last.get())}</span></h2>
                    <p class="muted">{g.summary.clone()}</p>
                    <ol class="toc__list">{items}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <div data-testid="rules-toc">
            <p class="muted toc__notice">{doc.reading_aid_notice().to_owned()}</p>
            <div class="toc">{groups}</div>
        </div>
    }
}

/// Search results for `query`, best first.
#[component]
fn Results(
    /// The loaded rulebook.
    book: &'static Rulebook,
    /// What was typed.
    query: String,
) -> impl IntoView {
    let index = book.index();
    let doc = book.doc;
    let plan = search::plan(&query, index);
    let synonyms = plan
        .clauses
        .iter()
        .filter_map(|c| c.synonym.map(|s| (c.typed.clone(), s.terms.join("、"), s.why.clone())))
        .map(|(typed, terms, why)| {
            view! { <li>"“" {typed} "”也搜索了：" {terms} <span class="muted">" —— " {why}</span></li> }
        })
        .collect_view();
    let hits = search::search(&query, index);
    let count = hits.len();
    let items = hits
        .into_iter()
        .map(|hit| {
            let no = hit.article.get();
            let title = doc
                .article(hit.article)
                .map(|a| format!("{} {}", a.title, a.caption))
                .unwrap_or_default();
            let first = hit.first_anchor();
            let href = anchor_href(no, first);
            let matches = hit
                .matches
                .iter()
                .take(MATCHES_PER_ARTICLE)
                .map(|m| {
                    let where_ = match &m.location {
                        Location::Caption => "条旨".to_owned(),
                        Location::Block { anchor, .. } => anchor.label(),
                        Location::EditorNote { .. } => "编者注".to_owned(),
                        Location::Annotation { .. } => "法律注释".to_owned(),
                    };
                    view! {
                        <li>
                            <span class="result-where">{where_}</span>
                            <Highlighted segments=m.snippet(SNIPPET_CONTEXT)/>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="hit card" data-testid="rules-hit" data-article=no>
                    <h2 class="hit__title"><a href=href>{title}</a></h2>
                    <ul class="hit__matches">{matches}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rules-results" aria-live="polite">
            <p data-testid="rules-count">
                {if count == 0 { "没有找到相关条文。请换一个说法，或减少关键词。".to_owned() } else { format!("找到 {count} 条相关条文：") }}
            </p>
            <ul class="synonyms muted">{synonyms}</ul>
            <ol class="hits">{items}</ol>
        </div>
    }
}

/// The link to an article, at `anchor` when there is one.
pub fn anchor_href(article: u8, anchor: Option<Anchor>) -> String {
    match anchor {
        Some(a) => format!("{}#{}", AppRoute::Article(article).href(), a.id()),
        None => AppRoute::Article(article).href(),
    }
}
