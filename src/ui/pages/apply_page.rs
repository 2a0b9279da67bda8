//! `ApplyPage` (`/apply`): the guided application of 第三十条 for officers and families, one
//! question or tight group per screen (GOV.UK pattern), then "check your answers" and the done
//! page with the printable application, the package file for the 维权办 and what happens next.
//! The screen is in the address (`?draft=…&step=…`); the answers are in an IndexedDB draft saved
//! while typing and at every "继续", so a closed browser resumes; evidence files are kept under
//! the draft (`components::draft_evidence`). The rules are the core's
//! (`core::application`); this page only renders and maps input.

mod answers;
mod fields;
mod finish;
mod steps;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_query_map;

use crate::ui::routes::use_navigate;

use crate::core::application::{ApplicationForm, Step, validate_step};
use crate::core::case::CaseInput;
use crate::core::guide::evaluate;
use crate::store::attachments;
use crate::store::drafts::{self, Draft};
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::error_summary::{ErrorSummary, FieldError, focus_control};
use crate::ui::components::no_case_storage::{NoCaseStorage, case_storage_failure};
use crate::ui::components::page_title::PageTitle;
use crate::ui::pages::guide_page::result_screen::CARRY_PARAM;
use crate::ui::pages::guide_page::url::GuideUrl;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_db};

pub(crate) use finish::package_files;

use answers::CheckScreen;
use finish::DoneScreen;
use steps::StepFields;

/// The address of a screen of draft `id`: a step slug, `check` or `done`.
pub(crate) fn screen_href(id: &str, screen: &str, from_check: bool) -> String {
    let mut href = format!("{}?draft={id}&step={screen}", AppRoute::Apply.href());
    if from_check {
        href.push_str("&from=check");
    }
    href
}

fn new_draft_id() -> String {
    let stamp = now_shanghai().format("%Y%m%d%H%M%S");
    let random = (js_sys::Math::random() * 1_000_000.0) as u32;
    format!("d{stamp}-{random:06}")
}

/// Saves the form as draft `id` (last step reached `step`); the error is for the user.
pub(crate) async fn save_draft(
    db: DbState,
    id: String,
    step: &str,
    form: ApplicationForm,
) -> Result<(), String> {
    let DbState::Ready(db) = db else {
        return Err("本机数据库尚未打开，草稿未能保存。".into());
    };
    let draft = Draft {
        id,
        updated_at: now_shanghai().format("%Y-%m-%dT%H:%M:%S").to_string(),
        step: step.to_owned(),
        form,
    };
    drafts::put(&db, &draft)
        .await
        .map_err(|e| format!("草稿未能保存：{e}"))
}

fn go(navigate: &impl Fn(&str, NavigateOptions), href: &str) {
    navigate(href, NavigateOptions::default());
    focus_control("main");
}

/// The wizard.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let query = use_query_map();
    let draft_id = Memo::new(move |_| query.with(|q| q.get("draft")));
    let screen = Memo::new(move |_| query.with(|q| q.get("step")).unwrap_or_default());
    let from_check = Memo::new(move |_| query.with(|q| q.get("from")).as_deref() == Some("check"));
    let form = RwSignal::new(ApplicationForm::default());
    let loaded = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<String>);
    let db = use_db().0;
    // Arriving from the guide's result (`?carry=guide&<its answers>`): start a new draft with
    // what the guide already knows, then continue at the first step.
    let carry_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if draft_id.get().is_some()
            || query.with(|q| q.get(CARRY_PARAM)).as_deref() != Some("guide")
        {
            return;
        }
        let DbState::Ready(_) = db.get() else {
            return;
        };
        let answers = query.with_untracked(GuideUrl::from_query).answers;
        let outcome = match evaluate(&answers) {
            Ok(outcome) => outcome,
            Err(e) => {
                carry_error.set(Some(format!(
                    "办理指引的回答不完整，无法带入申请（{e}）。请直接填写。"
                )));
                return;
            }
        };
        let form = ApplicationForm {
            input: CaseInput::from_carry_over(&outcome.carry_over),
            ..ApplicationForm::default()
        };
        let id = new_draft_id();
        let navigate = navigate.clone();
        let state = db.get_untracked();
        spawn_local(async move {
            match save_draft(state, id.clone(), Step::Applicant.slug(), form).await {
                Ok(()) => navigate(
                    &screen_href(&id, Step::Applicant.slug(), false),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                ),
                Err(e) => carry_error.set(Some(e)),
            }
        });
    });
    Effect::new(move |_| {
        let Some(id) = draft_id.get() else {
            return;
        };
        if loaded.get_untracked().as_deref() == Some(id.as_str()) {
            return;
        }
        let DbState::Ready(db) = db.get() else {
            return;
        };
        spawn_local(async move {
            match drafts::get(&db, &id).await {
                Ok(found) => {
                    form.set(found.map(|d| d.form).unwrap_or_default());
                    loaded.set(Some(id));
                }
                Err(e) => load_error.set(Some(format!("草稿未能读取：{e}"))),
            }
        });
    });
    view! {
        <section class="page page--narrow apply" data-testid="apply">
            {move || {
                if let Some(e) = carry_error.get() {
                    return view! {
                        <div class="banner banner--error" role="alert" data-testid="apply-carry-error">{e}</div>
                        <StartScreen/>
                    }.into_any();
                }
                if let Some(e) = load_error.get() {
                    return view! { <div class="banner banner--error" role="alert">{e}</div> }.into_any();
                }
                let Some(id) = draft_id.get() else {
                    return view! { <StartScreen/> }.into_any();
                };
                if loaded.get().as_deref() != Some(id.as_str()) {
                    if let Some(reason) = case_storage_failure() {
                        return view! { <NoCaseStorage action="填写维权申请" reason/> }.into_any();
                    }
                    return view! { <p class="muted">"正在读取草稿……"</p> }.into_any();
                }
                match screen.get().as_str() {
                    "check" => view! { <CheckScreen id form/> }.into_any(),
                    "done" => view! { <DoneScreen id form/> }.into_any(),
                    slug => {
                        let step = Step::from_slug(slug).unwrap_or(Step::Applicant);
                        view! { <StepScreen id step form from_check=from_check.get()/> }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// What the application is for, the start button, and the drafts to continue or delete.
#[component]
fn StartScreen() -> impl IntoView {
    let db = use_db().0;
    let list = RwSignal::new(None::<Result<Vec<Draft>, String>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let DbState::Ready(db) = db.get() else {
            return;
        };
        spawn_local(async move {
            list.set(Some(drafts::list(&db).await.map_err(|e| e.to_string())));
        });
    });
    let navigate = use_navigate();
    let start = move |_| {
        let id = new_draft_id();
        go(&navigate, &screen_href(&id, Step::Applicant.slug(), false));
    };
    let confirming = RwSignal::new(None::<String>);
    let delete = move |id: String| {
        let DbState::Ready(db) = db.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Err(e) = drafts::delete(&db, &id).await {
                list.set(Some(Err(e.to_string())));
                return;
            }
            // The draft's evidence files go with it.
            if let Err(e) = attachments::delete_for_draft(&db, &id).await {
                list.set(Some(Err(e.to_string())));
                return;
            }
            confirming.set(None);
            reload.update(|n| *n += 1);
        });
    };
    let drafts_view = move || {
        match list.get() {
        None if case_storage_failure().is_some() => ().into_any(),
        None => view! { <p class="muted">"正在读取本机草稿……"</p> }.into_any(),
        Some(Err(e)) => view! { <div class="banner banner--error" role="alert">{format!("草稿未能读取：{e}")}</div> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => ().into_any(),
        Some(Ok(rows)) => {
            let items = rows
                .into_iter()
                .map(|d| {
                    let who = {
                        let name = d.form.input.officer_name.trim().to_owned();
                        if name.is_empty() { "（尚未填写当事人）".to_owned() } else { name }
                    };
                    let saved = d.updated_at.replace('T', " ");
                    let href = screen_href(&d.id, &d.step, false);
                    let id_confirm = d.id.clone();
                    let id_delete = d.id.clone();
                    let id_shown = d.id.clone();
                    let label = format!("删除{who}的草稿");
                    view! {
                        <li class="apply-draft" data-testid="apply-draft">
                            <p class="apply-draft__title"><strong>{who.clone()}</strong> " · 保存于 " {saved}</p>
                            <p class="apply-draft__actions">
                                <a class="button" href=href data-testid="apply-draft-continue">"继续填写"</a>
                                <button type="button" class="button button--secondary" aria-label=label
                                    data-testid="apply-draft-delete"
                                    on:click=move |_| confirming.set(Some(id_confirm.clone()))>
                                    "删除"
                                </button>
                            </p>
                            <Show when=move || confirming.get().as_deref() == Some(id_shown.as_str())>
                                {
                                    let id_delete = id_delete.clone();
                                    view! {
                                        <div class="banner banner--warning" role="alert" data-testid="apply-draft-confirm">
                                            <p>"删除后无法恢复，确定要永久删除这份草稿吗？"</p>
                                            <p class="apply-draft__actions">
                                                <button type="button" class="button button--danger"
                                                    data-testid="apply-draft-confirm-delete"
                                                    on:click=move |_| delete(id_delete.clone())>
                                                    "确定删除"
                                                </button>
                                                <button type="button" class="button button--secondary"
                                                    on:click=move |_| confirming.set(None)>
                                                    "取消"
                                                </button>
                                            </p>
                                        </div>
                                    }
                                }
                            </Show>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2>"继续填写"</h2>
                <ul class="apply-drafts" data-testid="apply-drafts">{items}</ul>
            }
            .into_any()
        }
    }
    };
    view! {
        <div data-testid="apply-start">
            <PageTitle text=AppRoute::Apply.title()/>
            <p class="lead">
                "民警、辅警等人员或其近亲属、民警所在部门，认为因依法履行职责受到侵犯、执法权威未受到有效保护，或者受到错误追究的，可以向所属单位维权办提出维护执法权威申请（第三十条）。"
            </p>
            <ul>
                <li>"每一步只问一个问题或一组相关问题，大约需要10分钟。"</li>
                <li>"每一步都会保存在本机浏览器中，关闭浏览器后可以回到这里继续填写。"</li>
                <li>"填完后可以打印申请书，并下载申请文件交给维权办导入。"</li>
            </ul>
            {move || match case_storage_failure() {
                Some(reason) => view! { <NoCaseStorage action="填写维权申请" reason/> }.into_any(),
                None => view! {
                    <p>
                        <button type="button" class="button" data-testid="apply-begin" on:click=start.clone()>"开始填写"</button>
                    </p>
                }.into_any(),
            }}
            {drafts_view}
        </div>
    }
}

/// One question screen: back link, progress, the questions, continue.
#[component]
fn StepScreen(
    /// The draft's id.
    id: String,
    /// The screen.
    step: Step,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// Whether continue returns to the check page.
    from_check: bool,
) -> impl IntoView {
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save_error = RwSignal::new(None::<String>);
    let back = if from_check {
        Some((screen_href(&id, "check", false), "返回核对页"))
    } else {
        Some(match step.previous() {
            Some(p) => (screen_href(&id, p.slug(), false), "上一步"),
            None => (AppRoute::Apply.href(), "返回"),
        })
    };
    let navigate = use_navigate();
    let db = use_db().0;
    let id_autosave = id.clone();
    // The form typed but not yet saved (the autosave waits 400 ms after the last change).
    let pending = StoredValue::new(None::<ApplicationForm>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // This save covers everything typed; nothing is left for a flush to write later.
        pending.set_value(None);
        let current = form.get_untracked();
        let issues = validate_step(&current, step, today_shanghai());
        let next = if !issues.is_empty() {
            None
        } else if from_check {
            Some("check".to_owned())
        } else {
            Some(
                step.next()
                    .map_or("check".to_owned(), |s| s.slug().to_owned()),
            )
        };
        let reached = next.clone().unwrap_or_else(|| step.slug().to_owned());
        errors.set(
            issues
                .into_iter()
                .map(|i| FieldError {
                    control_id: i.field.control_id(),
                    message: i.message,
                })
                .collect(),
        );
        let id = id.clone();
        let navigate = navigate.clone();
        let db = db.get_untracked();
        spawn_local(async move {
            // Saved even with errors, so nothing typed is lost on a closed browser.
            match save_draft(db, id.clone(), &reached, current).await {
                Ok(()) => {
                    save_error.set(None);
                    if let Some(next) = next {
                        go(&navigate, &screen_href(&id, &next, false));
                    }
                }
                Err(e) => save_error.set(Some(e)),
            }
        });
    };
    // Saved while typing too (half a second after the last change), so a tab closed in the
    // middle of a screen keeps everything typed; "继续" saves again before moving on.
    let id_fields = id_autosave.clone();
    let generation = StoredValue::new(0u64);
    Effect::new(move |previous: Option<()>| {
        let current = form.get();
        if previous.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        pending.set_value(Some(current.clone()));
        let mine = generation.get_value();
        let id = id_autosave.clone();
        set_timeout(
            move || {
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                pending.set_value(None);
                let state = db.get_untracked();
                spawn_local(async move {
                    match save_draft(state, id, step.slug(), current).await {
                        Ok(()) => save_error.set(None),
                        Err(e) => save_error.set(Some(e)),
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    });
    // A tab closed, reloaded or hidden, or a link followed, within those 400 ms: write what is
    // pending at once, so nothing typed is lost.
    let id_flush = id_fields.clone();
    let flush = move || {
        let Some(Some(current)) = pending.try_update_value(Option::take) else {
            return;
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            return;
        };
        let draft = Draft {
            id: id_flush.clone(),
            updated_at: now_shanghai().format("%Y-%m-%dT%H:%M:%S").to_string(),
            step: step.slug().to_owned(),
            form: current,
        };
        if let Err(e) = drafts::put_before_unload(&conn, &draft) {
            // Still visible (only hidden, or the write was refused at once): say so.
            save_error.try_set(Some(format!("草稿未能保存：{e}")));
        }
    };
    let on_pagehide = window_event_listener_untyped("pagehide", {
        let flush = flush.clone();
        move |_| flush()
    });
    let on_hidden = window_event_listener_untyped("visibilitychange", {
        let flush = flush.clone();
        move |_| {
            if document().hidden() {
                flush();
            }
        }
    });
    on_cleanup(move || {
        on_pagehide.remove();
        on_hidden.remove();
        flush();
    });
    let total = Step::ALL.len();
    view! {
        <div data-testid=format!("apply-step-{}", step.slug())>
            {back.map(|(href, label)| view! { <p><a class="link apply-back" href=href data-testid="apply-back">{label}</a></p> })}
            <p class="apply-progress" data-testid="apply-progress">{format!("第 {} 步，共 {total} 步", step.number())}</p>
            <ErrorSummary errors=Signal::from(errors)/>
            {move || save_error.get().map(|e| view! { <div class="banner banner--error" role="alert">{e}</div> })}
            <PageTitle text=step.title()/>
            <form class="form" novalidate on:submit=on_submit>
                <StepFields draft=id_fields step form errors/>
                <p>
                    <button type="submit" class="button" data-testid="apply-continue">"继续"</button>
                </p>
            </form>
        </div>
    }
}
