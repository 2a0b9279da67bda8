//! `GuidePage`: the offence decision guide, one question per screen (GOV.UK pattern), then a
//! check-your-answers page and the outcome. All state lives in the address (see `url`), so a
//! scenario can be shared as a link and survives a reload; "重新开始" is a link to the bare
//! `/guide`. The rules are the core's (`core::guide`); this page only renders and maps input.

mod check_screen;
mod question_screen;
pub(crate) mod result_screen;
pub(crate) mod url;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_query_map;

use crate::core::guide::{Answers, FIRST_QUESTION, QuestionId, is_shown, next_question};
use crate::ui::components::error_summary::focus_control;
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;

use check_screen::CheckScreen;
use question_screen::QuestionScreen;
use result_screen::ResultScreen;
use url::{GuideUrl, Step};

/// The screen actually shown for an address: a question that is not asked under the answers,
/// or a check/result page with questions still open, falls back to the first open question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Screen {
    Start,
    Question(QuestionId),
    Check,
    Result,
}

fn resolve(state: &GuideUrl) -> Screen {
    let open = || next_question(&state.answers).map_or(Screen::Check, Screen::Question);
    match state.step {
        Step::Start => Screen::Start,
        Step::Auto if state.answers == Answers::new() => Screen::Start,
        Step::Auto => open(),
        Step::Question(id) if is_shown(&state.answers, id) => Screen::Question(id),
        Step::Question(_) | Step::Check => open(),
        Step::Result => match next_question(&state.answers) {
            Some(id) => Screen::Question(id),
            None => Screen::Result,
        },
    }
}

/// Goes to another screen of the guide (a history entry, so the browser's back button works
/// too) and moves focus to the top of the new screen, as a full page load would.
fn go_to(navigate: &impl Fn(&str, NavigateOptions), href: &str) {
    navigate(href, NavigateOptions::default());
    focus_control("main");
}

/// For links between the guide's screens: the router swaps the screen in place, so focus
/// moves to the top of the new screen, as a full page load would.
fn focus_main_on_click(_: leptos::ev::MouseEvent) {
    focus_control("main");
}

/// The guide.
#[component]
pub fn GuidePage() -> impl IntoView {
    let query = use_query_map();
    let state = Memo::new(move |_| GuideUrl::from_query(&query.get()));
    view! {
        <section class="page page--narrow guide" data-testid="guide">
            {move || {
                let state = state.get();
                match resolve(&state) {
                    Screen::Start => view! { <StartScreen answers=state.answers/> }.into_any(),
                    Screen::Question(id) => {
                        view! {
                            <QuestionScreen
                                id
                                answers=state.answers
                                return_to_check=state.return_to_check
                            />
                        }
                            .into_any()
                    }
                    Screen::Check => view! { <CheckScreen answers=state.answers/> }.into_any(),
                    Screen::Result => view! { <ResultScreen answers=state.answers/> }.into_any(),
                }
            }}
        </section>
    }
}

/// What the guide is for, what it is not, and the start button.
#[component]
fn StartScreen(
    /// Answers already in the address (a shared link): offered as "continue".
    answers: Answers,
) -> impl IntoView {
    let resume = (answers != Answers::new()).then(|| {
        let href = GuideUrl::href(&answers, Step::Auto, false);
        view! {
            <p>
                <a class="link" href=href data-testid="guide-resume">"继续已填写的回答"</a>
            </p>
        }
    });
    let start = GuideUrl::href(&answers, Step::Question(FIRST_QUESTION), false);
    view! {
        <div data-testid="guide-start">
            <PageTitle text=AppRoute::Guide.title()/>
            <p class="lead">
                "民警、辅警或民警的亲属受到侵害，或者民警认为执法权威未受到有效保护、受到错误追究时，逐步回答几个问题，了解可能涉及的侵害类别、法律依据、是否可能构成犯罪、能否提出维权申请，以及细则要求接下来做什么。"
            </p>
            <ul class="guide-start__list">
                <li>"每一步只问一个问题，可以随时返回修改。"</li>
                <li>"同一事件可能同时涉及几类行为，结果会逐一列出。"</li>
                <li>"回答保存在网址中：刷新页面不会丢失，也可以把网址发给同事查看同一情形。"</li>
            </ul>
            <div class="callout guide-disclaimer">
                <p>
                    <strong>"请注意："</strong>
                    "本指引依据细则和已核对的法律规定给出办理参考，不是法律决定。案件的定性、处罚和是否构成犯罪，由办案部门依法认定。"
                </p>
            </div>
            <p class="guide-actions">
                <a class="button" href=start data-testid="guide-begin">"开始"</a>
            </p>
            {resume}
        </div>
    }
}
