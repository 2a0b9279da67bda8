//! `PageTitle`: the page's `<h1>` and the browser tab's title, kept in step.

use leptos::prelude::*;

/// Renders the page heading and sets `document.title` to "heading · 维权工作台".
#[component]
pub fn PageTitle(
    /// The heading text.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let title = format!("{text} · 维权工作台");
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
    view! { <h1 class="page-title">{text}</h1> }
}
