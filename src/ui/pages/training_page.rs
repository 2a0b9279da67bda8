//! `TrainingPage`: the quiz on the 细则 for trainers and officers: choose a topic, answer one
//! question per screen with immediate feedback, then see the score and review the wrong
//! answers. The quiz in progress is kept in local storage, so a reload resumes it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::core::rules::ArticleNo;
use crate::core::training::{
    Feedback, QuestionBank, Quiz, Selection, Topic, TrainingError, TrainingQuestion,
};
use crate::store;
use crate::store::training::{Loaded, SavedQuiz};
use crate::ui::components::error_summary::{ErrorSummary, FieldError, focus_control};
use crate::ui::components::page_title::PageTitle;
use crate::ui::reference::with_question_bank;
use crate::ui::routes::AppRoute;

/// The start screen's choice for the whole bank.
const SCOPE_ALL: &str = "all";
/// Headings that take focus when their screen appears, so keyboard and screen-reader users
/// land on the new content instead of a button that no longer exists.
const START_TITLE: &str = "training-start-title";
const QUESTION_TITLE: &str = "question-title";
const FEEDBACK_TITLE: &str = "feedback-title";
const RESULT_TITLE: &str = "result-title";
const QUIT_CONFIRM: &str = "quit-confirm";

/// Which screen the quiz is on, derived from the saved quiz alone so a reload shows the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Screen {
    /// No quiz: choose what to practise.
    Start,
    /// A question waiting for an answer.
    Question,
    /// The feedback on the answer just given.
    Feedback,
    /// Every question answered: score and review.
    Result,
}

fn screen_of(session: &Option<SavedQuiz>) -> Screen {
    match session {
        None => Screen::Start,
        Some(s) if s.feedback.is_some() => Screen::Feedback,
        Some(s) if s.quiz.is_finished() => Screen::Result,
        Some(_) => Screen::Question,
    }
}

/// The quiz page.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let body = with_question_bank(|bank| view! { <Trainer bank=bank.clone()/> });
    view! {
        <section class="page page--narrow" data-testid="training">
            <PageTitle text=AppRoute::Training.title()/>
            {body}
        </section>
    }
}

/// The saved quiz if it still fits the bank, else nothing and a message saying it was dropped.
fn restore(bank: &QuestionBank) -> (Option<SavedQuiz>, Option<String>) {
    match store::training::load() {
        Loaded::Missing => (None, None),
        Loaded::Found(saved) => {
            // Feedback belongs to an answer: a record with feedback but no answer was not written
            // by this page, so it is treated like progress that no longer fits.
            let orphan_feedback = saved.feedback.is_some() && saved.quiz.position() == 0;
            match saved.quiz.check(bank) {
                Ok(()) if !orphan_feedback => (Some(saved), None),
                Ok(()) => (None, Some(stale_message(&TrainingError::StaleProgress))),
                Err(e) => (None, Some(stale_message(&e))),
            }
        }
        Loaded::Unreadable => (
            None,
            Some("抱歉，本机保存的练习进度无法读取，已经清除，请重新开始。".to_owned()),
        ),
    }
}

/// The polite note shown when stored progress was dropped.
fn stale_message(error: &TrainingError) -> String {
    format!("抱歉，{error}。原来的进度已经清除。")
}

/// A 64-bit seed for the question order. Two draws, because `Math.random` yields at most 53
/// random bits.
fn random_seed() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (half() << 32) | half()
}

/// Moves focus to the element with `id` once the screen that holds it has been rendered.
fn focus_after_render(id: &'static str) {
    request_animation_frame(move || focus_control(id));
}

/// The quiz's state machine: one saved quiz (or none) decides the screen.
#[component]
fn Trainer(
    /// The checked question bank.
    bank: QuestionBank,
) -> impl IntoView {
    let (initial, notice) = restore(&bank);
    let bank = StoredValue::new(bank);
    let session = RwSignal::new(initial);
    let notice = RwSignal::new(notice);
    let save_error = RwSignal::new(None::<String>);

    // Every change is written through at once, so a closed tab loses nothing.
    Effect::new(move |_| {
        session.with(|s| match s {
            Some(s) => save_error.set(store::training::save(s).err()),
            None => {
                store::training::clear();
                save_error.set(None);
            }
        });
    });

    let on_start = Callback::new(move |selection: Selection| {
        match bank.with_value(|b| Quiz::new(b, &selection, random_seed())) {
            Ok(quiz) => {
                notice.set(None);
                session.set(Some(SavedQuiz {
                    selection,
                    quiz,
                    feedback: None,
                }));
                focus_after_render(QUESTION_TITLE);
            }
            Err(e) => notice.set(Some(e.to_string())),
        }
    });
    let on_quit = Callback::new(move |()| {
        session.set(None);
        focus_after_render(START_TITLE);
    });

    let screen = Memo::new(move |_| session.with(screen_of));
    view! {
        {move || {
            notice
                .get()
                .map(|m| {
                    view! {
                        <div class="banner banner--warning" role="status" data-testid="training-notice">
                            {m}
                        </div>
                    }
                })
        }}
        {move || {
            save_error.get().map(|m| view! { <div class="banner banner--warning" role="status">{m}</div> })
        }}
        {move || match screen.get() {
            Screen::Start => view! { <StartScreen bank on_start/> }.into_any(),
            Screen::Question => view! { <QuestionScreen bank session on_quit/> }.into_any(),
            Screen::Feedback => view! { <FeedbackScreen bank session/> }.into_any(),
            Screen::Result => view! { <ResultScreen bank session on_start on_quit/> }.into_any(),
        }}
    }
}

/// The value of a topic's radio, as the bank file spells the topic (`support`).
fn topic_key(topic: Topic) -> String {
    serde_json::to_value(topic)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What the quiz covers and the choice of topic.
#[component]
fn StartScreen(
    /// The checked question bank.
    bank: StoredValue<QuestionBank>,
    /// Starts a quiz over the chosen questions.
    on_start: Callback<Selection>,
) -> impl IntoView {
    let scope = RwSignal::new(SCOPE_ALL.to_owned());
    let total = bank.with_value(|b| b.questions().len());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = scope.get_untracked();
        let selection = Topic::ALL
            .into_iter()
            .find(|t| topic_key(*t) == chosen)
            .map_or(Selection::All, Selection::Topic);
        on_start.run(selection);
    };
    let radio = move |key: String, label: &'static str, count: usize| {
        let id = format!("scope-{key}");
        let value = key.clone();
        view! {
            <div class="radio quiz-scope">
                <input
                    type="radio"
                    name="scope"
                    id=id.clone()
                    value=key.clone()
                    prop:checked=move || scope.get() == key
                    on:change=move |_| scope.set(value.clone())
                />
                <label for=id>
                    <span>{label}</span>
                    <span class="quiz-scope__count">{format!("{count} 题")}</span>
                </label>
            </div>
        }
    };
    let counted: Vec<(Topic, usize)> = Topic::ALL
        .into_iter()
        .map(|t| (t, bank.with_value(|b| b.count(t))))
        .filter(|(_, count)| *count > 0)
        .collect();
    let topics_named: Vec<&str> = counted.iter().map(|(t, _)| t.label()).collect();
    let topics = counted
        .into_iter()
        .map(|(t, count)| radio(topic_key(t), t.label(), count))
        .collect_view();
    view! {
        <div class="quiz-intro">
            <h2 id=START_TITLE tabindex="-1">"练习说明"</h2>
            <p>
                {format!("题目都是依据细则编写的执法场景题，分为{}个专题：{}。", topics_named.len(), topics_named.join("、"))}
                "每答一题，立即显示对错、正确答案和解析，并可打开解析所引用的条文原文。"
            </p>
            <p class="muted">
                "每轮的题目顺序随机。练习进度只保存在本机浏览器中：刷新或关闭页面后再打开本页，可以从上次的位置继续。"
            </p>
        </div>
        <form class="form quiz-start" on:submit=on_submit>
            <fieldset class="field">
                <legend class="field__label">"练习范围"</legend>
                <p class="field__hint">{format!("题库共 {total} 题。可以练习全部题目，也可以只练一个专题。")}</p>
                <div class="radios" data-testid="quiz-scopes">
                    {radio(SCOPE_ALL.to_owned(), "全部题目", total)}
                    {topics}
                </div>
            </fieldset>
            <button class="button" type="submit" data-testid="quiz-start">"开始练习"</button>
        </form>
    }
}

/// The name of what a quiz covers.
fn selection_label(selection: &Selection) -> String {
    match selection {
        Selection::All => "全部题目".to_owned(),
        Selection::Topic(t) => t.label().to_owned(),
        Selection::Ids(_) => "错题重练".to_owned(),
    }
}

/// `A`, `B`, …: how options are named.
fn letter(index: usize) -> String {
    u32::try_from(index)
        .ok()
        .and_then(|i| char::from_u32(u32::from('A') + i))
        .map_or_else(|| (index + 1).to_string(), String::from)
}

/// `A、C`: a set of options by their letters.
fn letters(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| letter(*i))
        .collect::<Vec<_>>()
        .join("、")
}

fn option_id(index: usize) -> String {
    format!("answer-{index}")
}

/// "第 n / N 题", the running score and a progress bar.
#[component]
fn QuizProgress(
    /// The quiz in progress.
    saved: SavedQuiz,
) -> impl IntoView {
    let score = saved.quiz.score();
    // While feedback is shown the question on screen is the one just answered.
    let number = if saved.feedback.is_some() {
        score.answered
    } else {
        score.answered + 1
    };
    view! {
        <div class="quiz-progress" data-testid="quiz-progress">
            <p class="quiz-progress__text">
                <strong data-testid="quiz-position">{format!("第 {number} / {} 题", score.total)}</strong>
                <span class="quiz-progress__meta">
                    {format!("范围：{}", selection_label(&saved.selection))}
                </span>
                <span class="quiz-progress__meta" data-testid="quiz-running-score">
                    {format!("已答 {} 题，答对 {} 题", score.answered, score.correct)}
                </span>
            </p>
            <progress
                class="quiz-progress__bar"
                max=score.total.to_string()
                value=score.answered.to_string()
                aria-label=format!("答题进度：已答 {} 题，共 {} 题", score.answered, score.total)
            ></progress>
        </div>
    }
}

/// One question: the scenario and its options, answered with radios or checkboxes.
#[component]
fn QuestionScreen(
    /// The checked question bank.
    bank: StoredValue<QuestionBank>,
    /// The quiz in progress.
    session: RwSignal<Option<SavedQuiz>>,
    /// Abandons the quiz and returns to the start screen.
    on_quit: Callback<()>,
) -> impl IntoView {
    let Some(saved) = session.get_untracked() else {
        return ().into_any();
    };
    let Some(question) = bank.with_value(|b| saved.quiz.current(b).cloned()) else {
        return ().into_any();
    };
    let multiple = question.multiple;
    let confirm_quit = RwSignal::new(false);
    let answered_note = format!(
        "确定结束本轮练习吗？已答的 {} 题和成绩将不再保存，回到选择练习范围。",
        saved.quiz.position()
    );
    let choices = RwSignal::new(Vec::<usize>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(mut saved) = session.get_untracked() else {
            return;
        };
        let chosen = choices.get_untracked();
        match bank.with_value(|b| saved.quiz.submit(b, &chosen)) {
            Ok(feedback) => {
                saved.feedback = Some(feedback);
                session.set(Some(saved));
                focus_after_render(FEEDBACK_TITLE);
            }
            Err(e) => errors.set(vec![FieldError {
                control_id: option_id(0),
                message: e.to_string(),
            }]),
        }
    };
    let has_error = move || !errors.get().is_empty();
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let id = option_id(i);
            let on_change = move |ev| {
                let on = event_target_checked(&ev);
                choices.update(|c| {
                    c.retain(|x| multiple && *x != i);
                    if on {
                        c.push(i);
                    }
                });
            };
            view! {
                <div class="quiz-option">
                    <input
                        type=if multiple { "checkbox" } else { "radio" }
                        name="answer"
                        id=id.clone()
                        value=i.to_string()
                        aria-describedby=move || has_error().then_some("answer-error")
                        on:change=on_change
                    />
                    <label for=id>
                        <span class="quiz-option__key">{letter(i)}</span>
                        <span class="quiz-option__text">{text.clone()}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    let kind = if multiple {
        "多选题：选出所有正确的选项。"
    } else {
        "单选题：选出一个正确的选项。"
    };
    view! {
        <QuizProgress saved/>
        <ErrorSummary errors=errors.into()/>
        <form class="quiz-card" on:submit=on_submit novalidate=true>
            <fieldset class="field quiz-fieldset" class:field--error=has_error>
                <legend class="quiz-legend">
                    <span class="quiz-topic">{question.topic.label()}</span>
                    <h2 class="quiz-scenario" id=QUESTION_TITLE tabindex="-1" data-testid="question-scenario">
                        {question.scenario.clone()}
                    </h2>
                </legend>
                <p class="field__hint" data-testid="question-kind">{kind}</p>
                {move || {
                    errors
                        .get()
                        .first()
                        .map(|e| view! { <p class="field-error" id="answer-error">{e.message.clone()}</p> })
                }}
                <div class="quiz-options">{options}</div>
            </fieldset>
            <button class="button" type="submit" data-testid="quiz-submit">"提交答案"</button>
        </form>
        <div class="quiz-quit">
            <Show
                when=move || confirm_quit.get()
                fallback=move || {
                    view! {
                        <button
                            class="button button--secondary"
                            type="button"
                            data-testid="quiz-quit"
                            on:click=move |_| {
                                confirm_quit.set(true);
                                focus_after_render(QUIT_CONFIRM);
                            }
                        >
                            "结束本轮练习"
                        </button>
                    }
                }
            >
                <div class="callout quiz-quit__confirm" role="group" aria-labelledby=QUIT_CONFIRM>
                    <p id=QUIT_CONFIRM tabindex="-1">
                        <strong>{answered_note.clone()}</strong>
                    </p>
                    <div class="quiz-actions">
                        <button
                            class="button button--danger"
                            type="button"
                            data-testid="quiz-quit-confirm"
                            on:click=move |_| on_quit.run(())
                        >
                            "确定结束"
                        </button>
                        <button
                            class="button button--secondary"
                            type="button"
                            data-testid="quiz-quit-cancel"
                            on:click=move |_| {
                                confirm_quit.set(false);
                                focus_after_render(QUESTION_TITLE);
                            }
                        >
                            "继续练习"
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

/// The options of an answered question, each marked in words as correct and/or chosen.
#[component]
fn AnsweredOptions(
    /// The question.
    question: TrainingQuestion,
    /// The options the user chose.
    chosen: Vec<usize>,
    /// The correct options.
    correct: Vec<usize>,
) -> impl IntoView {
    let items = question
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let is_correct = correct.contains(&i);
            let is_chosen = chosen.contains(&i);
            view! {
                <li
                    class="quiz-answer"
                    class:quiz-answer--correct=is_correct
                    class:quiz-answer--wrong=is_chosen && !is_correct
                >
                    <span class="quiz-option__key">{letter(i)}</span>
                    <span class="quiz-answer__text">{text.clone()}</span>
                    <span class="quiz-answer__tags">
                        {is_correct.then(|| view! { <span class="quiz-tag quiz-tag--correct">"✓ 正确答案"</span> })}
                        {is_chosen.then(|| {
                            view! {
                                <span class="quiz-tag" class:quiz-tag--wrong=!is_correct>
                                    {if is_correct { "你的选择" } else { "✗ 你的选择" }}
                                </span>
                            }
                        })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="quiz-answers">{items}</ul> }
}

/// Links to the articles an explanation cites.
#[component]
fn ArticleLinks(
    /// The articles, in the order the question lists them.
    articles: Vec<ArticleNo>,
) -> impl IntoView {
    let links = articles
        .into_iter()
        .enumerate()
        .map(|(i, no)| {
            view! {
                {(i > 0).then_some("、")}
                <a href=AppRoute::Article(no.get()).href() data-testid="article-link">{no.title()}</a>
            }
        })
        .collect_view();
    view! {
        <p class="quiz-articles">
            <strong>"相关条文："</strong>
            {links}
        </p>
    }
}

/// Right after an answer: right or wrong in words, the correct options, the explanation and
/// the articles it cites.
#[component]
fn FeedbackScreen(
    /// The checked question bank.
    bank: StoredValue<QuestionBank>,
    /// The quiz in progress.
    session: RwSignal<Option<SavedQuiz>>,
) -> impl IntoView {
    let Some(saved) = session.get_untracked() else {
        return ().into_any();
    };
    let Some(Feedback {
        correct,
        correct_options,
        explanation,
        articles,
    }) = saved.feedback.clone()
    else {
        return ().into_any();
    };
    let Some(record) = saved.quiz.answers().last().cloned() else {
        return ().into_any();
    };
    let Some(question) = bank.with_value(|b| b.get(&record.question_id).cloned()) else {
        return ().into_any();
    };
    let finished = saved.quiz.is_finished();
    let on_next = move |_| {
        session.update(|s| {
            if let Some(s) = s {
                s.feedback = None;
            }
        });
        focus_after_render(if finished {
            RESULT_TITLE
        } else {
            QUESTION_TITLE
        });
    };
    let (verdict, verdict_class) = if correct {
        ("✓ 回答正确", "quiz-verdict quiz-verdict--correct")
    } else {
        ("✗ 回答错误", "quiz-verdict quiz-verdict--wrong")
    };
    let yours = (!correct).then(|| {
        view! {
            <p data-testid="feedback-chosen">
                <strong>"你的答案："</strong>
                {letters(&record.chosen)}
            </p>
        }
    });
    view! {
        <QuizProgress saved/>
        <div class="quiz-card quiz-feedback" data-testid="quiz-feedback">
            <h2 id=FEEDBACK_TITLE class=verdict_class tabindex="-1" data-testid="feedback-verdict">
                {verdict}
            </h2>
            <p class="quiz-feedback__scenario">{question.scenario.clone()}</p>
            <AnsweredOptions
                question=question.clone()
                chosen=record.chosen.clone()
                correct=correct_options.clone()
            />
            <p data-testid="feedback-correct">
                <strong>"正确答案："</strong>
                {letters(&correct_options)}
            </p>
            {yours}
            <h3 class="quiz-feedback__heading">"解析"</h3>
            <p data-testid="feedback-explanation">{explanation}</p>
            <ArticleLinks articles/>
            <button class="button" type="button" data-testid="quiz-next" on:click=on_next>
                {if finished { "查看成绩" } else { "下一题" }}
            </button>
        </div>
    }
    .into_any()
}

/// The end of a quiz: the score, and every wrong answer with its explanation.
#[component]
fn ResultScreen(
    /// The checked question bank.
    bank: StoredValue<QuestionBank>,
    /// The finished quiz.
    session: RwSignal<Option<SavedQuiz>>,
    /// Starts a new quiz (here: over the wrong answers).
    on_start: Callback<Selection>,
    /// Returns to the start screen.
    on_quit: Callback<()>,
) -> impl IntoView {
    let Some(saved) = session.get_untracked() else {
        return ().into_any();
    };
    let score = saved.quiz.score();
    let percent = score.percent().unwrap_or(0);
    let reviews: Vec<(TrainingQuestion, Vec<usize>)> = bank.with_value(|b| {
        saved
            .quiz
            .review(b)
            .into_iter()
            .map(|r| (r.question.clone(), r.chosen))
            .collect()
    });
    let wrong = reviews.len();
    let retry = saved.quiz.retry_selection();
    let retry_button = (wrong > 0).then(|| {
        view! {
            <button
                class="button"
                type="button"
                data-testid="quiz-retry"
                on:click=move |_| on_start.run(retry.clone())
            >
                {format!("只练错题（{wrong} 题）")}
            </button>
        }
    });
    let review = if wrong == 0 {
        view! {
            <div class="banner banner--success" role="status" data-testid="quiz-all-correct">
                "全部答对，没有错题。"
            </div>
        }
        .into_any()
    } else {
        let items = reviews
            .into_iter()
            .map(|(question, chosen)| {
                let mut correct = question.correct.clone();
                correct.sort_unstable();
                view! {
                    <li class="quiz-card quiz-review__item" data-testid="review-item">
                        <h3 class="quiz-review__scenario">{question.scenario.clone()}</h3>
                        <AnsweredOptions question=question.clone() chosen=chosen.clone() correct=correct.clone()/>
                        <p>
                            <strong>"你的答案："</strong>
                            {letters(&chosen)}
                            "；"
                            <strong>"正确答案："</strong>
                            {letters(&correct)}
                        </p>
                        <p data-testid="review-explanation">
                            <strong>"解析："</strong>
                            {question.explanation.clone()}
                        </p>
                        <ArticleLinks articles=question.articles.clone()/>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2 class="quiz-review__title">{format!("错题回顾（{wrong} 题）")}</h2>
            <ol class="quiz-review" data-testid="quiz-review">{items}</ol>
        }
        .into_any()
    };
    view! {
        <div class="quiz-card quiz-result" data-testid="quiz-result">
            <h2 id=RESULT_TITLE tabindex="-1">"本轮练习完成"</h2>
            <p class="muted">{format!("范围：{}", selection_label(&saved.selection))}</p>
            <p class="quiz-result__score">
                <span class="quiz-result__count" data-testid="quiz-score">{format!("答对 {} 题，共 {} 题", score.correct, score.total)}</span>
                <span class="quiz-result__percent" data-testid="quiz-percent">{format!("正确率 {percent}%")}</span>
            </p>
            <div class="quiz-actions">
                {retry_button}
                <button
                    class="button button--secondary"
                    type="button"
                    data-testid="quiz-restart"
                    on:click=move |_| on_quit.run(())
                >
                    "重新开始"
                </button>
            </div>
        </div>
        {review}
    }
    .into_any()
}
