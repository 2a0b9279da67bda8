//! `NewCasePage` (`/cases/new`): the office's intake form. The core validates the facts and
//! opens the case; the draft is kept in local storage until the case is created, its evidence
//! files in IndexedDB under the draft `case-new` (moved to the case when it is created). The quick path
//! links to the wizard (`/apply`), whose done screen registers the draft through `/cases/import`.

use crate::ui::routes::use_navigate;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::case::{CaseId, CaseInput, validate};
use crate::core::workflow::{Case, Refusal, next_due};
use crate::store::case_draft::CaseDraft;
use crate::store::{self, StoreError};
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::case_form::{
    CaseForm, datetime_local, field_errors, parse_datetime_local, submitted,
};
use crate::ui::components::draft_evidence::DraftEvidence;
use crate::ui::components::error_summary::{ErrorSummary, FieldError};
use crate::ui::components::no_case_storage::{NoCaseStorage, case_storage_failure};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_calendar, use_cases, use_db, use_settings};

/// The draft id the intake form's evidence files are kept under until the case is created.
const INTAKE_DRAFT: &str = "case-new";

/// The id of the receipt-time control.
const RECEIVED_AT: &str = "received-at";

/// A new case id: `WQ-20261125-3FA2` (the day of entry and four random hex digits; the core
/// takes the id as given).
fn new_case_id(today: NaiveDate) -> Option<CaseId> {
    let random = (js_sys::Math::random() * 65536.0) as u32 & 0xFFFF;
    CaseId::new(format!("WQ-{}-{random:04X}", today.format("%Y%m%d"))).ok()
}

/// The intake form.
#[component]
pub fn NewCasePage() -> impl IntoView {
    let settings = use_settings().settings;
    let db = use_db().0;
    let calendar = use_calendar();
    let cases = use_cases();
    let navigate = use_navigate();

    let draft = store::case_draft::load().unwrap_or_default();
    let restored = draft.input != CaseInput::default();
    let received_text = if draft.received_at.is_empty() {
        datetime_local(now_shanghai())
    } else {
        draft.received_at
    };
    let input = RwSignal::new(draft.input);
    let received = RwSignal::new(received_text);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let draft_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // Keep what was typed: every change goes to local storage; an untouched form leaves none.
    Effect::new(move |_| {
        let draft = CaseDraft {
            input: input.get(),
            received_at: received.get(),
        };
        if draft.input == CaseInput::default() {
            store::case_draft::clear();
            draft_error.set(None);
        } else {
            draft_error.set(store::case_draft::save(&draft).err());
        }
    });

    let evidence = Signal::derive(move || input.with(|i| i.evidence.clone()));
    let set_evidence = Callback::new(move |rows| input.update(|i| i.evidence = rows));

    let discard = move |_| {
        store::case_draft::clear();
        if let DbState::Ready(conn) = db.get_untracked() {
            leptos::task::spawn_local(async move {
                if let Err(e) = store::attachments::delete_for_draft(&conn, INTAKE_DRAFT).await {
                    failure.set(Some(format!("草稿的证据文件未能删除：{e}")));
                }
            });
        }
        input.set(CaseInput::default());
        received.set(datetime_local(now_shanghai()));
        errors.set(Vec::new());
        failure.set(None);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let today = today_shanghai();
        let now = now_shanghai();
        let facts = validate(&submitted(&input.get_untracked()), today);
        let received_at = parse_datetime_local(&received.get_untracked(), "收到申请的时间");
        let mut problems = match &facts {
            Ok(_) => Vec::new(),
            Err(issues) => field_errors(issues.clone()),
        };
        if let Err(message) = &received_at {
            problems.push(FieldError {
                control_id: RECEIVED_AT.to_owned(),
                message: message.clone(),
            });
        }
        let (Ok(facts), Ok(received_at)) = (facts, received_at) else {
            errors.set(problems);
            return;
        };
        let Some(operator) = settings.get_untracked().map(|s| s.operator) else {
            errors.set(Vec::new());
            failure.set(Some(
                "尚未设置操作人：每条案件记录都要记明记录人。请先到“设置”页填写操作人姓名。".into(),
            ));
            return;
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            failure.set(Some("本地数据库尚未就绪，案件未保存。请稍候再试。".into()));
            return;
        };
        let open = move |id: CaseId| Case::open(id, facts.clone(), received_at, &operator, "", now);
        let Some(id) = new_case_id(today) else {
            failure.set(Some("未能生成案件编号，请重试。".into()));
            return;
        };
        let case = match open(id) {
            Ok(case) => case,
            Err(refusal) => {
                let on_receipt = matches!(
                    refusal,
                    Refusal::ReceivedBeforeIncident
                        | Refusal::InFuture { .. }
                        | Refusal::OutOfRange { .. }
                );
                if on_receipt {
                    errors.set(vec![FieldError {
                        control_id: RECEIVED_AT.to_owned(),
                        message: refusal.to_string(),
                    }]);
                } else {
                    errors.set(Vec::new());
                    failure.set(Some(refusal.to_string()));
                }
                return;
            }
        };
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        let next = calendar.calendar.with_untracked(|c| {
            calendar
                .readings
                .with_untracked(|r| next_due(&case, c, r, today))
        });
        leptos::task::spawn_local(async move {
            let mut case = case;
            // A clash of random ids is unlikely; draw again a few times rather than fail.
            for _ in 0..3 {
                let ids: Vec<String> = case
                    .facts()
                    .evidence
                    .iter()
                    .flat_map(|e| e.attachments.iter().map(|a| a.id.clone()))
                    .collect();
                match store::attachments::create_from_draft(&conn, INTAKE_DRAFT, &ids, &case, next)
                    .await
                {
                    Ok(()) => {
                        store::case_draft::clear();
                        cases.saved(case.id().as_str(), case.revision());
                        navigate(
                            &AppRoute::Case(case.id().as_str().to_owned()).href(),
                            Default::default(),
                        );
                        return;
                    }
                    Err(StoreError::Duplicate(_)) => match new_case_id(today).map(&open) {
                        Some(Ok(again)) => case = again,
                        _ => break,
                    },
                    Err(e) => {
                        failure.set(Some(e.to_string()));
                        busy.set(false);
                        return;
                    }
                }
            }
            failure.set(Some(
                "未能生成不重复的案件编号，案件未保存，请重试。".into(),
            ));
            busy.set(false);
        });
    };

    // No database (private mode, policy): say so where the case would be saved, keep the form
    // (its draft is in local storage) but offer no button that cannot work.
    let no_storage = Memo::new(move |_| case_storage_failure().is_some());

    let received_invalid = move || errors.with(|es| es.iter().any(|e| e.control_id == RECEIVED_AT));
    let received_error = move || {
        errors.with(|es| {
            es.iter().find(|e| e.control_id == RECEIVED_AT).map(
                |e| view! { <p class="field-error" id="received-at-error">{e.message.clone()}</p> },
            )
        })
    };

    view! {
        <section class="page case-new" data-testid="case-new">
            <PageTitle text="登记新案件"/>
            <p class="lead">
                "维权办收到维权申请或发现线索后登记（第三十、三十一条）。带“选填”的以外均须填写；已填写的内容自动保存在本机，刷新页面不会丢失。"
            </p>
            <div class="callout case-new__quick" data-testid="case-new-quick">
                <p>
                    "也可以按“维权申请”的引导问题逐步填写（一次一个问题，可附证据文件），填完后在本机直接登记为案件，无需文件交接。"
                </p>
                <p><A href=AppRoute::Apply.href() attr:data-testid="case-new-quick-link">"按引导问题填写"</A></p>
            </div>
            {move || case_storage_failure().map(|reason| view! { <NoCaseStorage action="登记案件" reason/> })}
            <Show when=move || settings.get().is_none()>
                <div class="banner banner--warning" role="status" data-testid="no-operator">
                    "尚未设置操作人。每条案件记录都要记明记录人，请先到 "
                    <A href=AppRoute::Settings.href()>"设置"</A>
                    " 页填写单位和操作人姓名。"
                </div>
            </Show>
            <Show when=move || restored>
                <div class="banner banner--success" role="status" data-testid="draft-restored">
                    "已恢复上次未提交的草稿。"
                    <button type="button" class="button button--secondary case-new__discard" on:click=discard>
                        "清空草稿，重新填写"
                    </button>
                </div>
            </Show>
            {move || draft_error.get().map(|m| view! { <div class="banner banner--warning" role="status">{m}</div> })}
            <ErrorSummary errors=errors.into()/>
            {move || {
                failure
                    .get()
                    .map(|m| view! { <div class="banner banner--error" role="alert" data-testid="case-new-failure">{m}</div> })
            }}
            <form class="form" on:submit=on_submit novalidate=true>
                <CaseForm input=input errors=errors/>
                <section class="case-form__section" aria-labelledby="sec-evidence" data-testid="case-new-evidence">
                    <h2 id="sec-evidence">"九、证据材料（选填）"</h2>
                    <p class="field__hint">"申请人交来的照片、文档、录音等。登记后还可以在案件页继续添加。"</p>
                    {move || if no_storage.get() {
                        view! { <p class="muted" data-testid="case-new-no-evidence">"本地数据库不可用，无法在此浏览器中附加证据文件。"</p> }.into_any()
                    } else {
                        view! { <DraftEvidence draft=INTAKE_DRAFT.to_owned() evidence set_evidence errors/> }.into_any()
                    }}
                </section>
                <section class="case-form__section" aria-labelledby="sec-receipt">
                    <h2 id="sec-receipt">"十、收到申请"</h2>
                    <div class="field" class:field--error=received_invalid>
                        <label class="field__label" for=RECEIVED_AT>"收到申请（发现线索）的时间"</label>
                        <p class="field__hint" id="received-at-hint">
                            "默认为现在；补录的按实际收到的时间填写。第三十一条的答复期限由此起算。"
                        </p>
                        {received_error}
                        <input
                            class="input input--short"
                            id=RECEIVED_AT
                            name=RECEIVED_AT
                            type="datetime-local"
                            aria-describedby="received-at-hint"
                            aria-invalid=move || received_invalid().then_some("true")
                            prop:value=move || received.get()
                            on:input=move |ev| received.set(event_target_value(&ev))
                        />
                    </div>
                </section>
                <button type="submit" class="button" data-testid="case-create" disabled=move || busy.get() || no_storage.get()>
                    "登记案件"
                </button>
            </form>
        </section>
    }
}
