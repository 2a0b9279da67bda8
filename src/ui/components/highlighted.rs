//! `Highlighted`: text with the search hits marked, built from the core's segments so that no
//! HTML is ever assembled from strings.

use leptos::prelude::*;

use crate::core::search::Segment;

/// Renders each segment as text, hits inside `<mark>`.
#[component]
pub fn Highlighted(
    /// The segments, in order.
    segments: Vec<Segment<'static>>,
) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.is_hit {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}
