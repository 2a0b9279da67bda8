//! `ConfirmationTag`: how well a legal statement is sourced (已确认 / 二手来源 / 未经确认), in
//! words and colour, so an unconfirmed statement is never mistaken for a confirmed one.

use leptos::prelude::*;

use crate::core::guide::Confirmation;

/// The tag's text.
pub fn confirmation_label(confirmation: Confirmation) -> &'static str {
    match confirmation {
        Confirmation::Confirmed => "已确认",
        Confirmation::Secondary => "二手来源",
        Confirmation::Unconfirmed => "未经确认",
    }
}

/// What the tag means, for the reader who does not know the convention.
pub fn confirmation_explanation(confirmation: Confirmation) -> &'static str {
    match confirmation {
        Confirmation::Confirmed => "见于法律、解释或细则原文。",
        Confirmation::Secondary => "仅见于新闻报道等二手资料，未与正式文本核对。",
        Confirmation::Unconfirmed => "未找到可核对的正式文本，请核实后再作为依据。",
    }
}

/// The CSS modifier for a statement of this confirmation level.
pub fn confirmation_class(confirmation: Confirmation) -> &'static str {
    match confirmation {
        Confirmation::Confirmed => "confirmed",
        Confirmation::Secondary => "secondary",
        Confirmation::Unconfirmed => "unconfirmed",
    }
}

/// A small labelled tag; its `title` and hidden text explain the level.
#[component]
pub fn ConfirmationTag(
    /// How well the statement is sourced.
    confirmation: Confirmation,
) -> impl IntoView {
    let class = format!("tag tag--{}", confirmation_class(confirmation));
    view! {
        <span
            class=class
            title=confirmation_explanation(confirmation)
            data-testid="confirmation-tag"
            data-confirmation=confirmation_class(confirmation)
        >
            {confirmation_label(confirmation)}
        </span>
    }
}
