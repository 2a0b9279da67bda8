//! `ProgressBar`: the step and how far a long operation (a backup, a restore) has got, as a
//! native `<progress>` with the percentage in text, announced politely to screen readers.

use leptos::prelude::*;

use crate::store::backup::Progress;

/// Shows `progress` while it is `Some`.
#[component]
pub fn ProgressBar(
    /// The operation's progress; nothing is shown while `None`.
    progress: RwSignal<Option<Progress>>,
    /// The data-testid of the bar's container.
    testid: &'static str,
) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let percent = (p.fraction * 100.0).round() as u32;
            view! {
                <div class="progress" data-testid=testid role="status" aria-live="polite">
                    <span class="progress__step">{p.step} "…" </span>
                    <progress class="progress__bar" max="100" value=percent.to_string()>
                        {format!("{percent}%")}
                    </progress>
                    <span class="progress__percent">{format!("{percent}%")}</span>
                </div>
            }
        })
    }
}
