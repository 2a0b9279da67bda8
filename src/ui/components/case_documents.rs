//! `CaseDocuments`: the case page's 文书 section. Lists the documents the case supports now and
//! those already issued; previews a document, issues it (number, snapshot and history record
//! in one transaction, `store::documents::issue`), reprints an issued one exactly as issued,
//! prints the applicant's review request (no number; the printing saved to the history with
//! `store::cases::save`), and offers the case's running deadlines as an .ics file.

use chrono::{DateTime, Datelike, Timelike};
use leptos::prelude::*;

use crate::core::case::CasePolicy;
use crate::core::document::{
    DocumentContent, DocumentInput, DocumentKind, IssuedDocument, availability, issue,
    prepare_for_applicant, render,
};
use crate::core::export::deadlines_ics;
use crate::core::workflow::{Case, Env, next_due};
use crate::store;
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::document_sheet::DocumentSheet;
use crate::ui::download::download_text;
use crate::ui::state::{DbState, use_calendar, use_cases, use_db, use_settings};

/// What the panel shows; owned by the case page so it survives the re-render after a save.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Open {
    /// Nothing.
    #[default]
    None,
    /// A preview of a document not yet issued.
    Preview(DocumentKind),
    /// An issued document, as issued.
    Issued(Box<DocumentContent>),
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The 文书 section of the case page.
#[component]
pub fn CaseDocuments(
    /// The case as shown.
    case: Case,
    /// Where the case goes after an issue saved it.
    on_saved: Callback<Case>,
    /// The open preview or issued document.
    open: RwSignal<Open>,
    /// The last issue's confirmation.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let db = use_db().0;
    let settings = use_settings().settings;
    let calendar = use_calendar();
    let cases = use_cases();
    let case_id = case.id().as_str().to_owned();
    let stored = StoredValue::new(case.clone());
    let addressee = RwSignal::new(String::new());
    let facts = RwSignal::new(String::new());
    let copies = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let issued = LocalResource::new({
        let case_id = case_id.clone();
        move || {
            let case_id = case_id.clone();
            let _ = cases.version.get();
            let state = db.get();
            async move {
                match state {
                    DbState::Ready(conn) => store::documents::for_case(&conn, &case_id).await,
                    DbState::Failed(e) => Err(e),
                    DbState::Opening | DbState::Blocked => Ok(Vec::new()),
                }
            }
        }
    });

    let input = move || DocumentInput {
        addressee: addressee.get(),
        facts: facts.get(),
        copies_to: copies.get().lines().map(str::to_owned).collect(),
    };

    let policy = CasePolicy::default();
    let available = availability(
        &case,
        &Env {
            calendar: &calendar.calendar.get_untracked(),
            readings: &calendar.readings.get_untracked(),
            policy: &policy,
        },
        today_shanghai(),
    )
    .into_iter()
        .map(|(kind, result)| {
            let reason = result.err();
            let usable = reason.is_none();
            view! {
                <li class="docs__kind" class:docs__kind--off=!usable data-testid="document-kind" data-kind=kind.key()>
                    <span class="docs__name">{format!("《{}》", kind.title())}</span>
                    {reason.map(|r| view! { <span class="muted">" " {r}</span> })}
                    {usable.then(|| view! {
                        <button
                            type="button"
                            class="button button--secondary"
                            data-testid="document-preview"
                            on:click=move |_| {
                                message.set(None);
                                problem.set(None);
                                open.set(Open::Preview(kind));
                            }
                        >
                            "预览"
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();

    let issued_list = move || {
        let docs = match issued.get() {
            None => return view! { <p class="muted">"正在读取已出具的文书…"</p> }.into_any(),
            Some(Err(e)) => {
                return view! { <div class="banner banner--error" role="alert">{e.to_string()}</div> }
                    .into_any();
            }
            Some(Ok(docs)) => docs,
        };
        if docs.is_empty() {
            return view! { <p class="muted" data-testid="documents-none">"尚未出具文书。"</p> }
                .into_any();
        }
        let rows = docs
            .into_iter()
            .map(|d: IssuedDocument| {
                let content = d.content.clone();
                view! {
                    <tr data-testid="issued-document">
                        <td>{content.number.clone().unwrap_or_default()}</td>
                        <td>{format!("《{}》", content.title)}</td>
                        <td>{content.date.clone()}</td>
                        <td>{d.actor.clone()}</td>
                        <td>
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid="issued-open"
                                on:click=move |_| {
                                    message.set(None);
                                    open.set(Open::Issued(Box::new(content.clone())));
                                }
                            >
                                "查看、重印"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table docs__issued">
                <thead>
                    <tr><th>"文号"</th><th>"文书"</th><th>"日期"</th><th>"出具人"</th><th></th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    let do_issue = move |kind: DocumentKind| {
        let Some(unit_settings) = settings.get_untracked() else {
            problem.set(Some("请先在“设置”中填写本单位名称和操作人。".into()));
            return;
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            problem.set(Some("本地数据库尚未就绪，文书未出具。请稍候再试。".into()));
            return;
        };
        let old = stored.get_value();
        let typed = input();
        let now = now_shanghai();
        let at = now.with_nanosecond(0).unwrap_or(now);
        let cal = calendar.calendar.get_untracked();
        let readings = calendar.readings.get_untracked();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let policy = CasePolicy::default();
            let env = Env {
                calendar: &cal,
                readings: &readings,
                policy: &policy,
            };
            let unit = unit_settings.unit_name.trim().to_owned();
            let result = store::documents::issue(
                &conn,
                old.id().as_str(),
                old.revision(),
                &unit,
                at.date().year(),
                |c| next_due(c, &cal, &readings, today_shanghai()),
                Box::new(|seq| issue(&old, kind, &typed, &unit_settings, seq, at, &env, now)),
            )
            .await;
            busy.set(false);
            match result {
                Ok((saved, doc)) => {
                    message.set(Some(format!(
                        "已出具《{}》{}，并记入办理记录。",
                        doc.content.title,
                        doc.content.number.clone().unwrap_or_default()
                    )));
                    open.set(Open::Issued(Box::new(doc.content)));
                    cases.saved(saved.id().as_str(), saved.revision());
                    on_saved.run(saved);
                }
                // A stale case (another tab saved first) says so and writes nothing.
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };

    // The applicant's form: no number; the printing is recorded in the history, then printed.
    let do_prepare = move |kind: DocumentKind| {
        let Some(unit_settings) = settings.get_untracked() else {
            problem.set(Some("请先在“设置”中填写本单位名称和操作人。".into()));
            return;
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            problem.set(Some(
                "本地数据库尚未就绪，未记入办理记录。请稍候再试。".into(),
            ));
            return;
        };
        let old = stored.get_value();
        let now = now_shanghai();
        let at = now.with_nanosecond(0).unwrap_or(now);
        let cal = calendar.calendar.get_untracked();
        let readings = calendar.readings.get_untracked();
        let policy = CasePolicy::default();
        let env = Env {
            calendar: &cal,
            readings: &readings,
            policy: &policy,
        };
        let (new, content) = match prepare_for_applicant(&old, kind, &unit_settings, at, &env, now)
        {
            Ok(done) => done,
            Err(e) => {
                problem.set(Some(e.to_string()));
                return;
            }
        };
        let next = next_due(&new, &cal, &readings, today_shanghai());
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = store::cases::save(&conn, &new, old.revision(), next).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    message.set(Some(format!(
                        "已打印《{}》交申请人，并记入办理记录（不编本单位文号）。",
                        content.title
                    )));
                    open.set(Open::Issued(Box::new(content)));
                    cases.saved(new.id().as_str(), new.revision());
                    on_saved.run(new);
                    // Print once the sheet is on the page.
                    request_animation_frame(print);
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };

    let panel = move || {
        match open.get() {
        Open::None => ().into_any(),
        Open::Issued(content) => view! {
            <div class="docs__panel" data-testid="document-panel">
                <p class="docs__tools no-print">
                    <button type="button" class="button" data-testid="document-print" on:click=move |_| print()>
                        "打印"
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| open.set(Open::None)>
                        "关闭"
                    </button>
                </p>
                <div class="docs__page docs__page--print">
                    <DocumentSheet content=*content/>
                </div>
            </div>
        }
        .into_any(),
        Open::Preview(kind) => {
            let (ask_addressee, ask_facts, ask_copies) = kind.inputs();
            let preview = move || {
                let Some(unit_settings) = settings.get() else {
                    return view! {
                        <div class="banner banner--warning" role="status">
                            "请先在“设置”中填写本单位名称：文书以本单位名义出具。"
                        </div>
                    }
                    .into_any();
                };
                let cal = calendar.calendar.get();
                let readings = calendar.readings.get();
                let policy = CasePolicy::default();
                let env = Env {
                    calendar: &cal,
                    readings: &readings,
                    policy: &policy,
                };
                match render(
                    &stored.get_value(),
                    kind,
                    &input(),
                    &unit_settings,
                    None,
                    today_shanghai(),
                    &env,
                ) {
                    Ok(content) => view! { <div class="docs__page"><DocumentSheet content=content/></div> }.into_any(),
                    Err(e) => view! {
                        <p class="banner banner--warning" role="status" data-testid="document-problem">{e.to_string()}</p>
                    }
                    .into_any(),
                }
            };
            view! {
                <div class="docs__panel" data-testid="document-panel">
                    <div class="docs__inputs no-print">
                        {ask_addressee.map(|label| view! {
                            <div class="field">
                                <label for="doc-addressee">{label}</label>
                                <input id="doc-addressee" type="text" data-testid="doc-addressee"
                                    prop:value=move || addressee.get()
                                    on:input=move |ev| addressee.set(event_target_value(&ev))/>
                            </div>
                        })}
                        {ask_facts.map(|label| view! {
                            <div class="field">
                                <label for="doc-facts">{label}</label>
                                <textarea id="doc-facts" rows="4" data-testid="doc-facts"
                                    prop:value=move || facts.get()
                                    on:input=move |ev| facts.set(event_target_value(&ev))></textarea>
                            </div>
                        })}
                        {ask_copies.map(|label| view! {
                            <div class="field">
                                <label for="doc-copies">{label} "（每行一个）"</label>
                                <textarea id="doc-copies" rows="3" data-testid="doc-copies"
                                    prop:value=move || copies.get()
                                    on:input=move |ev| copies.set(event_target_value(&ev))></textarea>
                            </div>
                        })}
                        <p class="docs__tools">
                            {if kind.for_applicant() {
                                view! {
                                    <button
                                        type="button"
                                        class="button"
                                        data-testid="document-prepare"
                                        prop:disabled=move || busy.get()
                                        on:click=move |_| do_prepare(kind)
                                    >
                                        "打印交申请人（记入办理记录，不编文号）"
                                    </button>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <button
                                        type="button"
                                        class="button"
                                        data-testid="document-issue"
                                        prop:disabled=move || busy.get()
                                        on:click=move |_| do_issue(kind)
                                    >
                                        "出具（分配文号并记入办理记录）"
                                    </button>
                                }
                                .into_any()
                            }}
                            <button type="button" class="button button--secondary" on:click=move |_| open.set(Open::None)>
                                "关闭预览"
                            </button>
                        </p>
                        <p class="muted">
                            {if kind.for_applicant() {
                                "复核申请书是申请人的文书：由本办依案件记录预填，打印后交申请人填写复核理由、签名，由申请人在期限内向上一级公安机关维权办提交。不编本单位文号；点“打印交申请人”即记入办理记录。"
                            } else {
                                "预览不分配文号；出具后文号和内容即固定，重印时与出具时完全一致。"
                            }}
                        </p>
                    </div>
                    {preview}
                </div>
            }
            .into_any()
        }
    }
    };

    let ics_error = RwSignal::new(None::<String>);
    let export_ics = move |_| {
        let case = stored.get_value();
        let stamp = DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
            .unwrap_or_default()
            .naive_utc();
        let text = deadlines_ics(
            std::slice::from_ref(&case),
            &calendar.calendar.get_untracked(),
            &calendar.readings.get_untracked(),
            today_shanghai(),
            stamp,
        );
        let name = format!("维权期限_{}.ics", case.id());
        ics_error.set(download_text(&name, "text/calendar;charset=utf-8", &text).err());
    };

    view! {
        <section class="case-page__section docs" aria-labelledby="case-documents" data-testid="case-documents">
            <h2 id="case-documents">"文书"</h2>
            <p class="no-print">
                <button type="button" class="button button--secondary" data-testid="case-ics" on:click=export_ics>
                    "下载本案期限（.ics 日历）"
                </button>
            </p>
            {move || ics_error.get().map(|e| view! { <div class="banner banner--error" role="alert">{e}</div> })}
            <div class="no-print">
                <h3>"可出具的文书"</h3>
                <ul class="docs__kinds">{available}</ul>
                <h3>"已出具的文书"</h3>
                {issued_list}
            </div>
            {move || message.get().map(|m| view! { <div class="banner banner--success no-print" role="status" data-testid="document-message">{m}</div> })}
            {move || problem.get().map(|m| view! { <div class="banner banner--error no-print" role="alert" data-testid="document-error">{m}</div> })}
            {panel}
        </section>
    }
}
