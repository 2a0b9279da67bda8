//! The benchmark's baseline: one Leptos component with a signal, mounted to the body, which then
//! marks `<body data-app="ready">` exactly as the app does (src/ui/fatal.rs `mark_ready`).

use leptos::prelude::*;

#[component]
fn Baseline() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <main>
            <h1>"Leptos"</h1>
            <button on:click=move |_| count.update(|n| *n += 1)>{move || count.get()}</button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Baseline);
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-app", "ready");
    }
}
