//! `ArticlePage`: one article of the 细则 (`/rules/22`), its paragraphs and items with anchors
//! for deep links (`/rules/20#p1-i2`), the editor's notes, the annotations on the law as it
//! stands today, and the way to the previous and next article. Prints as a training handout.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::rules::{Annotation, Article, ArticleNo, BlockKind, Document, EditorNote, Source};
use crate::ui::components::page_title::PageTitle;
use crate::ui::reference::with_rulebook;
use crate::ui::routes::AppRoute;

/// The article page; an unknown number gets a Chinese explanation and the way back.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    with_rulebook(move |book| {
        move || {
            let raw = params.with(|p| p.get("article").unwrap_or_default());
            match ArticleNo::parse(&raw) {
                Ok(no) => match book.doc.article(no) {
                    Some(article) => view! { <ArticleView doc=book.doc article/> }.into_any(),
                    None => missing(format!("第{raw}条不存在。")).into_any(),
                },
                Err(e) => missing(e.to_string()).into_any(),
            }
        }
    })
}

fn missing(message: String) -> impl IntoView {
    view! {
        <section class="page" data-testid="article-missing">
            <PageTitle text="找不到该条文"/>
            <p>{message}</p>
            <p><A href=AppRoute::Rules.href() attr:class="button">"返回细则目录"</A></p>
        </section>
    }
}

#[component]
fn ArticleView(
    /// The 细则.
    doc: &'static Document,
    /// The article shown.
    article: &'static Article,
) -> impl IntoView {
    let no = article.no;
    let group = doc.group_of(no).map(|g| g.title.clone());
    let notes = doc.editor_notes_for(no);
    let blocks = article
        .blocks()
        .into_iter()
        .map(|b| {
            let id = b.anchor.id();
            let class = match b.kind {
                BlockKind::Paragraph => "clause clause--paragraph",
                BlockKind::Item => "clause clause--item",
                BlockKind::SubItem => "clause clause--subitem",
                BlockKind::Detail => "clause clause--detail",
            };
            let noted: Vec<&EditorNote> = notes
                .iter()
                .copied()
                .filter(|n| n.targets.iter().any(|t| t.article == no && t.anchor == Some(b.anchor)))
                .collect();
            let marks = noted
                .iter()
                .map(|n| view! { <a class="note-ref" href=format!("#{}", n.id)>"［编者注］"</a> })
                .collect_view();
            view! {
                <p class=class id=id.clone()>
                    <a class="clause__anchor no-print" href=format!("#{id}") title=format!("链接到{}", b.anchor.label())>
                        "¶"<span class="visually-hidden">{b.anchor.label()}</span>
                    </a>
                    {b.marker.map(|m| view! { <span class="clause__marker">{m.to_owned()}</span> })}
                    {b.text.to_owned()}
                    {marks}
                </p>
            }
        })
        .collect_view();
    let note_views = notes
        .iter()
        .map(|n| view! { <EditorNoteView note=n/> })
        .collect_view();
    let annotations = doc.annotations_for(no);
    let has_annotations = !annotations.is_empty();
    let annotation_views = annotations
        .into_iter()
        .map(|a| view! { <AnnotationView annotation=a/> })
        .collect_view();
    let as_of = doc
        .annotations_as_of()
        .map(|d| d.format("%Y年%-m月%-d日").to_string());
    let refers_to = doc.refers_to(no);
    let referred_by = doc.referred_by(no).to_vec();
    let links = |list: Vec<ArticleNo>| {
        list.into_iter()
            .map(
                |n| view! { <a class="ref" href=AppRoute::Article(n.get()).href()>{n.title()}</a> },
            )
            .collect_view()
    };
    let has_refs = !refers_to.is_empty() || !referred_by.is_empty();
    let prev = doc
        .prev(no)
        .map(|a| (a.no.get(), format!("上一条：{} {}", a.title, a.caption)));
    let next = doc
        .next(no)
        .map(|a| (a.no.get(), format!("下一条：{} {}", a.title, a.caption)));

    // The text is fetched after the page loaded, so the browser found no element for a deep
    // link's anchor (`/rules/20#p1-i2`); scroll to it once it is drawn.
    request_animation_frame(scroll_to_fragment);

    view! {
        <article class="page article" data-testid="article" data-article=no.get()>
            <p class="breadcrumb no-print">
                <A href=AppRoute::Rules.href()>"细则目录"</A>
                {group.map(|g| view! { " › " <span>{g}</span> })}
            </p>
            <p class="article__doc print-only">{doc.title()}</p>
            <PageTitle text=article.title.clone()/>
            <p class="article__caption">
                {article.caption.clone()}
                <span class="muted">"（条旨为编者所加，非细则原文）"</span>
            </p>
            <div class="article__text" data-testid="article-text">{blocks}</div>
            <p class="article__actions no-print">
                <button type="button" class="button button--secondary" on:click=|_| print()>"打印本条"</button>
            </p>
            {(!notes.is_empty()).then(|| view! {
                <section class="article__section">
                    <h2>"编者注"</h2>
                    <p class="muted">"以下是编者对原文问题的说明，细则原文保持发布时的样子，未作改动。"</p>
                    {note_views}
                </section>
            })}
            <section class="article__section">
                <h2>"现行法律对照"</h2>
                {if has_annotations {
                    view! {
                        <p class="muted">
                            {as_of.map(|d| format!("注释所述法律状况截至{d}。"))}
                            {doc.annotations_basis().to_owned()}
                        </p>
                        {annotation_views}
                    }.into_any()
                } else {
                    view! { <p class="muted">"本条没有需要对照的法律变化。"</p> }.into_any()
                }}
            </section>
            {has_refs.then(|| view! {
                <section class="article__section">
                    <h2>"相关条文"</h2>
                    {(!refers_to.is_empty()).then(|| view! { <p>"本条引用：" {links(refers_to.clone())}</p> })}
                    {(!referred_by.is_empty()).then(|| view! { <p>"引用本条：" {links(referred_by.clone())}</p> })}
                </section>
            })}
            <nav class="pager no-print" aria-label="上一条和下一条">
                {prev.map(|(n, label)| view! { <a class="pager__prev" rel="prev" href=AppRoute::Article(n).href()>{label}</a> })}
                {next.map(|(n, label)| view! { <a class="pager__next" rel="next" href=AppRoute::Article(n).href()>{label}</a> })}
            </nav>
        </article>
    }
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
fn EditorNoteView(note: &'static EditorNote) -> impl IntoView {
    view! {
        <div class="note note--editor" role="note" id=note.id.clone()>
            <h3 class="note__title">
                <span class="tag">{note.kind.label()}</span>
                {note.title.clone()}
                <StatusTag confirmed=note.status.is_confirmed() label=note.status.label() />
            </h3>
            <p>{note.body.clone()}</p>
            {note.reading.clone().map(|r| view! { <p>"可能的原意：" <q>{r}</q></p> })}
            {note.status.reason().map(|r| view! { <p class="note__unconfirmed">"未核实的原因：" {r.to_owned()}</p> })}
            <Sources sources=&note.sources/>
        </div>
    }
}

#[component]
fn AnnotationView(annotation: &'static Annotation) -> impl IntoView {
    let scope = annotation
        .targets
        .iter()
        .filter_map(|t| t.anchor.map(|a| a.label()))
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <div class="note note--law" role="note" id=annotation.id.clone() data-testid="annotation">
            <h3 class="note__title">
                {annotation.title.clone()}
                <StatusTag confirmed=annotation.status.is_confirmed() label=annotation.status.label() />
            </h3>
            {(!scope.is_empty()).then(|| view! { <p class="muted">"涉及：" {scope}</p> })}
            <p class="note__body">{annotation.body.clone()}</p>
            {annotation.status.reason().map(|r| view! { <p class="note__unconfirmed">"未核实的原因：" {r.to_owned()}</p> })}
            <Sources sources=&annotation.sources/>
        </div>
    }
}

/// A visible confirmed/unconfirmed mark, in words and not only in colour.
#[component]
fn StatusTag(
    /// Whether the fact was checked against the primary text.
    confirmed: bool,
    /// The label to show.
    label: &'static str,
) -> impl IntoView {
    let class = if confirmed {
        "tag tag--ok"
    } else {
        "tag tag--warn"
    };
    view! { <span class=class>{label}</span> }
}

#[component]
fn Sources(
    /// The sources to list.
    sources: &'static [Source],
) -> impl IntoView {
    let items = sources
        .iter()
        .map(|s| {
            let mut text = s.document.clone();
            if let Some(p) = &s.provision {
                text.push_str(p);
            }
            if let Some(d) = &s.date {
                text.push_str(&format!("（{}{}）", d.date.format("%Y年%-m月%-d日"), d.event));
            }
            view! { <li>{text} {s.locator.clone().map(|l| view! { <span class="source__locator">{format!(" 来源：{l}")}</span> })}</li> }
        })
        .collect_view();
    view! {
        <details class="sources">
            <summary>"出处"</summary>
            <ul>{items}</ul>
        </details>
    }
}

/// Scrolls the element named by the address's fragment into view, if there is one.
fn scroll_to_fragment() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let fragment = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let id = fragment.trim_start_matches('#');
    if let Some(element) = (!id.is_empty())
        .then(|| document.get_element_by_id(id))
        .flatten()
    {
        element.scroll_into_view();
    }
}
