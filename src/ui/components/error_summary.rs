//! `ErrorSummary`: the GOV.UK-style list of a form's problems, focused when it appears, each
//! linking to its field.

use leptos::html;
use leptos::prelude::*;

/// One problem: the id of the control at fault and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The `id` of the form control.
    pub control_id: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// Shows `errors` (if any) in a box that takes focus, so keyboard and screen-reader users hear
/// the problems at once; each entry moves focus to its field.
#[component]
pub fn ErrorSummary(
    /// The problems to list; nothing is shown when empty.
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty()
            && let Some(el) = node.get()
        {
            let _ = el.focus();
        }
    });
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                node_ref=node
                data-testid="error-summary"
            >
                <h2 class="error-summary__title">"请修改以下问题"</h2>
                <ul class="error-summary__list">
                    <For
                        each=move || errors.get()
                        key=|e| (e.control_id.clone(), e.message.clone())
                        let:e
                    >
                        <li>
                            <a
                                href=format!("#{}", e.control_id)
                                on:click={
                                    let id = e.control_id.clone();
                                    move |ev| {
                                        ev.prevent_default();
                                        focus_control(&id);
                                    }
                                }
                            >
                                {e.message.clone()}
                            </a>
                        </li>
                    </For>
                </ul>
            </div>
        </Show>
    }
}

/// Moves focus to the control with `id` (the link's default jump would change the URL).
pub fn focus_control(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
