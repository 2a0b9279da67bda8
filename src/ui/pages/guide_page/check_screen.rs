//! "Check your answers": every answer on the way to the result, each with a change link that
//! returns to its question and then back here.

use leptos::prelude::*;

use crate::core::guide::{Answers, answer_label, answered_path, question};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;

use super::focus_main_on_click;
use super::url::{GuideUrl, Step};

/// The check page.
#[component]
pub fn CheckScreen(
    /// Complete answers (the caller checked that no question is open).
    answers: Answers,
) -> impl IntoView {
    let path = answered_path(&answers);
    let back = path
        .last()
        .map(|last| GuideUrl::href(&answers, Step::Question(*last), false))
        .unwrap_or_else(|| GuideUrl::href(&answers, Step::Start, false));
    let rows = path
        .iter()
        .filter_map(|id| {
            let response = answers.get(*id)?;
            let q = question(*id);
            let change = GuideUrl::href(&answers, Step::Question(*id), true);
            Some(view! {
                <div class="summary-list__row" data-question=id.id()>
                    <dt class="summary-list__key">{q.title}</dt>
                    <dd class="summary-list__value" data-testid="guide-answer">
                        {answer_label(*id, response)}
                    </dd>
                    <dd class="summary-list__actions">
                        <a
                            class="link"
                            href=change
                            data-testid="guide-change"
                            on:click=focus_main_on_click
                        >
                            "修改"
                            <span class="visually-hidden">{q.title}</span>
                        </a>
                    </dd>
                </div>
            })
        })
        .collect_view();
    let result = GuideUrl::href(&answers, Step::Result, false);
    view! {
        <div data-testid="guide-check">
            <a class="back-link" href=back data-testid="guide-back" on:click=focus_main_on_click>
                "上一步"
            </a>
            <PageTitle text="核对您的回答"/>
            <p>"请确认以下回答无误。需要修改的，点击“修改”，改完后会回到本页。"</p>
            <dl class="summary-list">{rows}</dl>
            <p class="guide-actions">
                <a
                    class="button"
                    href=result
                    data-testid="guide-see-result"
                    on:click=focus_main_on_click
                >
                    "查看结果"
                </a>
                <a class="button button--secondary" href=AppRoute::Guide.href() data-testid="guide-restart">
                    "重新开始"
                </a>
            </p>
        </div>
    }
}
