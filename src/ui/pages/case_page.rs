//! `CasePage` (`/cases/:id`): one case — its state, facts, warnings (第十四条 and others), the
//! running deadlines (第三十一、三十二、三十七条), tasks and 第三十六条's checklist, the full
//! history, and the events the rules allow now, each recorded through its own small form.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::calendar::format_date_cn;
use crate::core::case::{
    Accountability, CaseFacts, HarmedPerson, LegalService, legal_service, warnings,
};
use crate::core::workflow::{
    Case, Env, Event, EventKind, EventRecord, OpenDeadline, TaskId, TaskStatus, allowed_events,
    open_deadlines, report_checklist, tasks,
};
use crate::store::{self, StoreError};
use crate::ui::clock::today_shanghai;
use crate::ui::components::case_documents::{CaseDocuments, Open as DocsOpen};
use crate::ui::components::case_form::{article_label, duty_label, sanction_label};
use crate::ui::components::event_form::EventForm;
use crate::ui::components::evidence_files::{EvidenceFiles, FilesStatus};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_calendar, use_cases, use_db, use_settings};

/// What loading the case gave.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    /// The database is not open yet.
    Waiting,
    /// Read (or failed).
    Done(Box<Result<Option<Case>, StoreError>>),
}

/// The form open on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Action {
    kind: EventKind,
    task: Option<TaskId>,
}

fn time(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

fn date(day: NaiveDate) -> String {
    format_date_cn(day)
}

/// An article link: `/rules/N`.
fn article_link(article: u8) -> impl IntoView {
    view! { <A href=AppRoute::Article(article).href()>{article_label(article)}</A> }
}

/// The details an event carries, as (label, text) lines for the timeline.
fn details(case: &Case, seq: u32, event: &Event) -> Vec<(&'static str, String)> {
    let join = |items: Vec<&str>| {
        if items.is_empty() {
            "无".to_owned()
        } else {
            items.join("、")
        }
    };
    match event {
        Event::Received { facts } => vec![
            ("当事人", officer_line(facts)),
            (
                "事件",
                format!("{} {}", time(facts.incident.at), facts.incident.place),
            ),
        ],
        Event::FactsAmended { facts } => {
            let changes = changes(previous_facts(case, seq), facts);
            if changes.is_empty() {
                vec![("补正", "内容未变".to_owned())]
            } else {
                changes
            }
        }
        Event::CommitteeDeclined { reasons } | Event::Rejected { reasons } => {
            vec![("理由", reasons.clone())]
        }
        Event::ApplicantCausedDelay { reason } => vec![("原因", reason.clone())],
        Event::ExtensionApproved { grounds } => vec![(
            "延长理由",
            join(grounds.iter().map(|g| g.label()).collect()),
        )],
        Event::InvestigationCompleted { summary }
        | Event::AppealCheckCompleted { summary }
        | Event::HearingHeld { summary }
        | Event::Closed { summary } => vec![("情况", summary.clone())],
        Event::FindingsApproved {
            determinations,
            summary,
        } => vec![
            (
                "第三十四条的认定",
                join(determinations.iter().map(|d| d.label()).collect()),
            ),
            ("核查结果", summary.clone()),
        ],
        Event::ReviewAnswered { answer, reasons } => {
            vec![
                ("结论", answer.label().to_owned()),
                ("意见", reasons.clone()),
            ]
        }
        Event::MeasureTaken { measure, detail } => {
            vec![
                ("措施", measure.label().to_owned()),
                ("落实情况", detail.clone()),
            ]
        }
        Event::AppealReviewed {
            opinion,
            reasons,
            recipient,
        } => {
            let mut lines = vec![
                ("意见", opinion.label().to_owned()),
                ("理由", reasons.clone()),
            ];
            if !recipient.trim().is_empty() {
                lines.push(("送达部门", recipient.clone()));
            }
            lines
        }
        Event::TaskAssigned { task, assignee } => {
            vec![
                ("事项", task.title().to_owned()),
                ("承办", assignee.clone()),
            ]
        }
        Event::TaskCompleted { task, result } => {
            vec![("事项", task.title().to_owned()), ("结果", result.clone())]
        }
        Event::DocumentIssued { document, number } => {
            let mut lines = vec![("文书", format!("《{}》", document.title()))];
            if !number.is_empty() {
                lines.push(("文号", number.clone()));
            }
            lines
        }
        Event::Supervised { unit, instruction } => {
            vec![
                ("被督办单位", unit.clone()),
                ("督办要求", instruction.clone()),
            ]
        }
        Event::Correction {
            seq,
            corrected_at,
            reason,
        } => {
            let target = case
                .history()
                .iter()
                .find(|r| r.seq == *seq)
                .map(|r| r.kind.kind().label())
                .unwrap_or("");
            let mut lines = vec![("更正", format!("第{seq}条记录（{target}）"))];
            if let Some(at) = corrected_at {
                lines.push(("正确时间", time(*at)));
            }
            lines.push(("原因", reason.clone()));
            lines
        }
        Event::ReportedToCommittee
        | Event::CommitteeConsented
        | Event::Accepted
        | Event::DeemedAccepted
        | Event::InvestigationApproved
        | Event::ApplicantNotified
        | Event::ReviewRequested => Vec::new(),
    }
}

/// The facts as they stood before record `seq`.
fn previous_facts(case: &Case, seq: u32) -> Option<&CaseFacts> {
    case.history()
        .iter()
        .rev()
        .filter(|r| r.seq < seq)
        .filter_map(|r| match &r.kind {
            Event::Received { facts } | Event::FactsAmended { facts } => Some(&**facts),
            _ => None,
        })
        .next()
}

/// The facts as lines, for comparing two versions.
fn fact_lines(f: &CaseFacts) -> Vec<(&'static str, String)> {
    let flags = [
        (f.online, "网络上存在有害信息"),
        (f.public_opinion_risk, "存在涉警舆情风险"),
        (f.major_or_urgent, "重大紧急案件"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, l)| l)
    .collect::<Vec<_>>()
    .join("；");
    vec![
        ("申请人", f.applicant.describe()),
        ("当事人", officer_line(f)),
        ("受侵害的人", harmed_line(&f.harmed)),
        ("事件时间", time(f.incident.at)),
        ("事件地点", f.incident.place.clone()),
        ("与履行职责的关系", duty_label(f.incident.duty).to_owned()),
        ("现场", f.incident.site.label().to_owned()),
        (
            "申请事由",
            f.grounds
                .iter()
                .map(|g| g.label())
                .collect::<Vec<_>>()
                .join("；"),
        ),
        (
            "责任追究",
            f.accountability
                .as_ref()
                .map(accountability_line)
                .unwrap_or_default(),
        ),
        (
            "侵权行为类型",
            f.categories
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ("伤情", f.injury.label().to_owned()),
        ("财产损失", f.property_loss.to_string()),
        (
            "请求的帮助",
            f.help
                .iter()
                .map(|h| h.label())
                .collect::<Vec<_>>()
                .join("；"),
        ),
        ("其他情况", flags),
        ("事件经过", f.summary.clone()),
        ("证据", evidence_line(f)),
    ]
}

/// The evidence items and their files in one line.
fn evidence_line(f: &CaseFacts) -> String {
    f.evidence
        .iter()
        .map(|e| {
            let files = e
                .attachments
                .iter()
                .map(|a| a.file_name.as_str())
                .collect::<Vec<_>>()
                .join("、");
            if files.is_empty() {
                e.description.clone()
            } else {
                format!("{}（{files}）", e.description)
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// What an amendment changed, as (field, 「old → new」) lines.
fn changes(before: Option<&CaseFacts>, after: &CaseFacts) -> Vec<(&'static str, String)> {
    let Some(before) = before else {
        return Vec::new();
    };
    let show = |t: String| {
        if t.trim().is_empty() {
            "（无）".to_owned()
        } else {
            t
        }
    };
    fact_lines(before)
        .into_iter()
        .zip(fact_lines(after))
        .filter(|((_, old), (_, new))| old != new)
        .map(|((label, old), (_, new))| (label, format!("{} → {}", show(old), show(new))))
        .collect()
}

fn officer_line(facts: &CaseFacts) -> String {
    let o = &facts.officer;
    let mut line = format!("{} {}", facts.status.label(), o.name);
    if let Some(badge) = &o.badge {
        line.push_str(&format!("（警号 {badge}）"));
    }
    line.push_str(&format!("，{}", o.unit));
    if let Some(post) = &o.post {
        line.push_str(&format!("，{post}"));
    }
    line
}

fn harmed_line(harmed: &HarmedPerson) -> String {
    match harmed {
        HarmedPerson::TheOfficer => "当事人本人".into(),
        HarmedPerson::NearRelative { relation } => format!("近亲属（{}）", relation.label()),
        HarmedPerson::OtherRelative { relation } => {
            format!("其他亲属（{relation}，参照第三十九条）")
        }
    }
}

fn accountability_line(a: &Accountability) -> String {
    format!(
        "{}：{}，{}于{}作出",
        sanction_label(a.sanction),
        a.decision,
        a.decided_by,
        date(a.decided_on)
    )
}

/// The case page.
#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let db = use_db().0;
    let cases = use_cases();

    let loaded = LocalResource::new(move || {
        let id = id.get();
        let _ = cases.version.get();
        let state = db.get();
        async move {
            match state {
                DbState::Ready(conn) => Load::Done(Box::new(store::cases::get(&conn, &id).await)),
                DbState::Failed(e) => Load::Done(Box::new(Err(e))),
                DbState::Opening | DbState::Blocked => Load::Waiting,
            }
        }
    });

    let shown = RwSignal::new(None::<Case>);
    let missing = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let action = RwSignal::new(None::<Action>);
    // A newer revision stored while a form was open (the form stays on the old one).
    let newer = RwSignal::new(None::<u32>);
    // Set when a reload brought in a change made elsewhere.
    let changed_elsewhere = RwSignal::new(None::<u32>);
    // What this tab recorded last, announced politely.
    let last_saved = RwSignal::new(None::<String>);
    // The evidence section's messages, kept across the re-render that follows a save.
    let files_status = RwSignal::new(FilesStatus::default());
    // The 文书 panel, kept across the re-render that follows an issue.
    let docs_open = RwSignal::new(DocsOpen::None);
    let docs_message = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        let Some(Load::Done(result)) = loaded.get() else {
            return;
        };
        match *result {
            Err(e) => failed.set(Some(e.to_string())),
            Ok(None) => {
                failed.set(None);
                missing.set(true);
                shown.set(None);
            }
            Ok(Some(case)) => {
                // Set only on a change: a set re-renders the page, and an open form would lose
                // what was typed when another tab's save is announced.
                if failed.get_untracked().is_some() {
                    failed.set(None);
                }
                if missing.get_untracked() {
                    missing.set(false);
                }
                let current = shown.get_untracked();
                let same_case = current.as_ref().is_some_and(|c| c.id() == case.id());
                let old_revision = current.as_ref().map(Case::revision).unwrap_or(0);
                if same_case && case.revision() != old_revision {
                    if action.get_untracked().is_some() {
                        newer.set(Some(case.revision()));
                        return;
                    }
                    changed_elsewhere.set(Some(case.revision()));
                }
                if !same_case {
                    // Another case (navigation between case pages): nothing carries over.
                    action.set(None);
                    changed_elsewhere.set(None);
                    last_saved.set(None);
                    files_status.set(FilesStatus::default());
                    docs_open.set(DocsOpen::None);
                    docs_message.set(None);
                }
                newer.set(None);
                shown.set(Some(case));
            }
        }
    });

    let reload = move || {
        action.set(None);
        newer.set(None);
        cases.version.update(|v| *v += 1);
    };

    view! {
        <section class="page case-page" data-testid="case">
            {move || {
                if let Some(message) = failed.get() {
                    return view! {
                        <PageTitle text="案件"/>
                        <div class="banner banner--error" role="alert">{message}</div>
                    }
                        .into_any();
                }
                if missing.get() {
                    return view! {
                        <PageTitle text="找不到案件"/>
                        <div class="callout" data-testid="case-missing">
                            <p>"本机没有编号为“" {id.get()} "”的案件。编号可能有误，或案件保存在另一台电脑的浏览器中。"</p>
                            <p>
                                <A href=AppRoute::Cases.href()>"返回案件列表"</A>
                            </p>
                        </div>
                    }
                        .into_any();
                }
                match shown.get() {
                    None => view! { <p class="muted" role="status">"正在载入案件…"</p> }.into_any(),
                    Some(case) => view! {
                        <CaseView
                            case=case
                            action=action
                            newer=newer
                            changed_elsewhere=changed_elsewhere
                            last_saved=last_saved
                            files_status=files_status
                            docs_open=docs_open
                            docs_message=docs_message
                            shown=shown
                            reload=Callback::new(move |()| reload())
                        />
                    }
                        .into_any(),
                }
            }}
        </section>
    }
}

/// The loaded case.
#[component]
fn CaseView(
    /// The case as shown.
    case: Case,
    /// The open form, if any.
    action: RwSignal<Option<Action>>,
    /// A newer stored revision while a form is open.
    newer: RwSignal<Option<u32>>,
    /// A revision brought in from another tab.
    changed_elsewhere: RwSignal<Option<u32>>,
    /// What this tab recorded last.
    last_saved: RwSignal<Option<String>>,
    /// The evidence section's messages.
    files_status: RwSignal<FilesStatus>,
    /// The 文书 section's open document.
    docs_open: RwSignal<DocsOpen>,
    /// The 文书 section's confirmation.
    docs_message: RwSignal<Option<String>>,
    /// Where a saved case goes.
    shown: RwSignal<Option<Case>>,
    /// Reloads the case from storage.
    reload: Callback<()>,
) -> impl IntoView {
    let calendar = use_calendar();
    let settings = use_settings().settings;
    let policy = crate::ui::state::case_policy(use_settings());
    let today = today_shanghai();
    let facts = case.facts().clone();

    let (allowed, deadlines) = calendar.calendar.with_untracked(|cal| {
        calendar.readings.with_untracked(|readings| {
            let env = Env {
                calendar: cal,
                readings,
                policy: &policy,
            };
            (
                allowed_events(&case, &env, today),
                open_deadlines(&case, cal, readings, today),
            )
        })
    });
    let case_tasks = tasks(&case, &policy);
    let checklist = report_checklist(&case, &policy);
    let case_warnings = warnings(&facts, &policy);
    let title = format!("案件 {}", case.id());
    let stored = StoredValue::new(case.clone());
    let case_for_docs = case.clone();

    let on_saved = Callback::new(move |saved: Case| {
        let label = saved.history().last().map(|r| r.kind.kind().label());
        last_saved.set(label.map(|l| format!("已记录“{l}”。")));
        action.set(None);
        newer.set(None);
        changed_elsewhere.set(None);
        shown.set(Some(saved));
    });
    let on_cancel = Callback::new(move |()| {
        action.set(None);
        if newer.get_untracked().is_some() {
            reload.run(());
        }
    });

    // Task events are offered from the task list; the rest as buttons.
    let task_kinds = [EventKind::TaskAssigned, EventKind::TaskCompleted];
    let can_assign = allowed.contains(&EventKind::TaskAssigned);
    let can_complete = allowed.contains(&EventKind::TaskCompleted);
    let buttons = allowed
        .iter()
        .copied()
        .filter(|k| !task_kinds.contains(k))
        .map(|kind| {
            let primary = !matches!(
                kind,
                EventKind::FactsAmended | EventKind::Supervised | EventKind::Correction
            );
            view! {
                <button
                    type="button"
                    class="button"
                    class:button--secondary=!primary
                    data-testid="case-action"
                    data-kind=format!("{kind:?}")
                    aria-expanded=move || {
                        if action.get().is_some_and(|a| a.kind == kind) { "true" } else { "false" }
                    }
                    on:click=move |_| {
                        last_saved.set(None);
                        action.set(Some(Action { kind, task: None }));
                    }
                >
                    {kind.label()}
                </button>
            }
        })
        .collect_view();

    let form = move || {
        action.get().map(|a| {
            view! {
                <div class="case-page__form">
                    <EventForm
                        kind=a.kind
                        case=stored.get_value()
                        task=a.task
                        on_saved=on_saved
                        on_cancel=on_cancel
                        on_reload=reload
                    />
                </div>
            }
        })
    };

    let warnings_view = (!case_warnings.is_empty()).then(|| {
        let items = case_warnings
            .into_iter()
            .map(|w| {
                view! {
                    <li class="case-warning" data-testid="case-warning">
                        {w.text} " "
                        <A href=AppRoute::Article(w.article).href()>{format!("{}原文", article_label(w.article))}</A>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="case-page__section" aria-labelledby="case-warnings">
                <h2 id="case-warnings">"注意"</h2>
                <ul class="callout case-warnings">{items}</ul>
            </section>
        }
    });

    let legal = legal_service(&facts, &policy).map(|l| match l {
        LegalService::Lawyer => "委托法律专业人士追究民事责任（第十三条）".to_owned(),
        LegalService::Coordination => {
            "会同法制部门协调追究民事责任或达成谅解（第十三条）".to_owned()
        }
        LegalService::Undetermined { reason } => reason,
    });

    let deadline_view = if deadlines.is_empty() {
        view! { <p class="muted">"当前阶段没有正在计算的期限。"</p> }.into_any()
    } else {
        deadlines
            .into_iter()
            .map(deadline_item)
            .collect_view()
            .into_any()
    };

    let task_rows = case_tasks
        .into_iter()
        .map(|t| {
            let status = match &t.status {
                TaskStatus::Open => "未办".to_owned(),
                TaskStatus::Assigned { to, at } => format!("已分派给{to}（{}）", time(*at)),
                TaskStatus::Done { at, result, .. } => format!("已办结（{}）：{result}", time(*at)),
            };
            let done = t.status.is_done();
            let assigned = matches!(t.status, TaskStatus::Assigned { .. });
            let id = t.id;
            let assign = (can_assign && t.applies && !done).then(|| {
                view! {
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        on:click=move |_| action.set(Some(Action { kind: EventKind::TaskAssigned, task: Some(id) }))
                    >
                        {if assigned { "改派" } else { "分派" }}
                    </button>
                }
            });
            let complete = (can_complete && t.applies && !done).then(|| {
                view! {
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        data-testid="task-complete"
                        data-task=format!("{id:?}")
                        on:click=move |_| action.set(Some(Action { kind: EventKind::TaskCompleted, task: Some(id) }))
                    >
                        "记录办结"
                    </button>
                }
            });
            view! {
                <tr class:task--done=done data-testid="task">
                    <td>
                        {t.title}
                        <span class="muted case-task__quote">{format!("“{}”", t.quote)}</span>
                    </td>
                    <td data-label="责任单位：">{t.responsible.label()}</td>
                    <td data-label="依据：">{article_link(t.article)}</td>
                    <td data-label="要求：">{if t.required { "必办" } else { "视情" }}</td>
                    <td data-label="状态：" data-testid="task-status">{status}</td>
                    <td class="case-task__actions">{assign} {complete}</td>
                </tr>
            }
        })
        .collect_view();

    let checklist_rows = checklist
        .into_iter()
        .map(|item| {
            let when = match (item.done_at, item.hours_after_incident) {
                (Some(at), Some(hours)) => format!("{}（事发后约{hours}小时）", time(at)),
                (Some(at), None) => time(at),
                (None, _) if item.required => "尚未办理".to_owned(),
                (None, _) => "视情".to_owned(),
            };
            view! {
                <tr>
                    <td>{item.title}</td>
                    <td data-label="完成时间：">{when}</td>
                </tr>
            }
        })
        .collect_view();

    let history = case.history().to_vec();
    let corrections: Vec<(u32, u32)> = history
        .iter()
        .filter_map(|r| match r.kind {
            Event::Correction { seq, .. } => Some((seq, r.seq)),
            _ => None,
        })
        .collect();
    let timeline = history
        .into_iter()
        .rev()
        .map(|record| timeline_item(&case, record, &corrections))
        .collect_view();

    let operator_missing = move || settings.with(Option::is_none);
    let applicant = facts.applicant.describe();
    let officer = officer_line(&facts);
    let received = time(case.received_at());
    let state_label = case.state().label();
    let state_key = format!("{:?}", case.state());
    let revision = case.revision();

    view! {
        <PageTitle text=title/>
        <div class="case-head">
            <p class="case-head__state">
                <span class="status status--pending" data-testid="case-state" data-state=state_key>
                    {state_label}
                </span>
                <span class="muted">" 第" {revision} "版"</span>
            </p>
            <dl class="facts case-head__facts">
                <dt>"当事人"</dt>
                <dd data-testid="case-officer">{officer}</dd>
                <dt>"申请人"</dt>
                <dd>{applicant}</dd>
                <dt>"收到申请"</dt>
                <dd>{received}</dd>
            </dl>
            <p class="case-head__print no-print">
                <button type="button" class="button button--secondary" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }>
                    "打印本页"
                </button>
            </p>
        </div>

        {move || {
            changed_elsewhere
                .get()
                .map(|rev| {
                    view! {
                        <div class="banner banner--warning no-print" role="status" data-testid="case-changed">
                            "此案件已在其他标签页或窗口中更新，已载入最新记录（第" {rev} "版）。请核对后再操作。"
                        </div>
                    }
                })
        }}
        {move || {
            newer
                .get()
                .map(|rev| {
                    view! {
                        <div class="banner banner--warning no-print" role="alert" data-testid="case-newer">
                            <p>
                                "此案件已在其他标签页或窗口中被修改（现为第" {rev}
                                "版），下面的表单基于旧的记录，提交将不会保存。"
                            </p>
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid="case-reload"
                                on:click=move |_| reload.run(())
                            >
                                "重新载入"
                            </button>
                        </div>
                    }
                })
        }}

        {warnings_view}

        <section class="case-page__section" aria-labelledby="case-deadlines">
            <h2 id="case-deadlines">"期限"</h2>
            <div class="case-deadlines">{deadline_view}</div>
        </section>

        <section class="case-page__section no-print" aria-labelledby="case-actions">
            <h2 id="case-actions">"办理"</h2>
            <Show when=operator_missing>
                <div class="banner banner--warning" role="status" data-testid="no-operator">
                    "尚未设置操作人，无法记录办理情况：每条记录都要记明记录人。请先到 "
                    <A href=AppRoute::Settings.href()>"设置"</A>
                    " 页填写。"
                </div>
            </Show>
            {move || {
                last_saved
                    .get()
                    .map(|m| view! { <div class="banner banner--success" role="status" data-testid="case-saved">{m}</div> })
            }}
            <p class="muted">"只列出依细则现在可以记录的事项。"</p>
            <div class="case-actions">{buttons}</div>
            {form}
        </section>

        <EvidenceFiles case=case.clone() on_saved=on_saved status=files_status/>

        <section class="case-page__section" aria-labelledby="case-tasks">
            <h2 id="case-tasks">"工作事项"</h2>
            <div class="table-wrap">
                <table class="table case-tasks">
                    <caption class="visually-hidden">"本案的工作事项"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"事项"</th>
                            <th scope="col">"责任单位"</th>
                            <th scope="col">"依据"</th>
                            <th scope="col">"要求"</th>
                            <th scope="col">"状态"</th>
                            <th scope="col" class="no-print">"操作"</th>
                        </tr>
                    </thead>
                    <tbody>{task_rows}</tbody>
                </table>
            </div>
            <h3>"第三十六条 报告清单"</h3>
            <div class="table-wrap">
                <table class="table case-checklist">
                    <thead>
                        <tr>
                            <th scope="col">"报告事项"</th>
                            <th scope="col">"完成时间"</th>
                        </tr>
                    </thead>
                    <tbody>{checklist_rows}</tbody>
                </table>
            </div>
        </section>

        <CaseDocuments case=case_for_docs on_saved=on_saved open=docs_open message=docs_message/>

        <section class="case-page__section" aria-labelledby="case-history">
            <h2 id="case-history">"办理记录"</h2>
            <ol class="timeline" reversed=true data-testid="timeline">{timeline}</ol>
        </section>

        <section class="case-page__section" aria-labelledby="case-facts">
            <h2 id="case-facts">"案件信息"</h2>
            <dl class="facts case-facts">
                <dt>"受侵害的人"</dt>
                <dd>{harmed_line(&facts.harmed)}</dd>
                <dt>"事件时间"</dt>
                <dd>{time(facts.incident.at)}</dd>
                <dt>"事件地点"</dt>
                <dd>{facts.incident.place.clone()}</dd>
                <dt>"与履行职责的关系"</dt>
                <dd>{duty_label(facts.incident.duty)}</dd>
                <dt>"现场"</dt>
                <dd>{facts.incident.site.label()}</dd>
                <dt>"申请事由"</dt>
                <dd>
                    {facts.grounds.iter().map(|g| g.label()).collect::<Vec<_>>().join("；")}
                </dd>
                {facts.accountability.as_ref().map(|a| view! {
                    <dt>"责任追究"</dt>
                    <dd>{accountability_line(a)}</dd>
                })}
                <dt>"侵权行为类型"</dt>
                <dd>
                    {if facts.categories.is_empty() {
                        "未选择".to_owned()
                    } else {
                        facts.categories
                            .iter()
                            .map(|c| format!("{}（{}）", c.label(), article_label(c.article())))
                            .collect::<Vec<_>>()
                            .join("、")
                    }}
                </dd>
                <dt>"伤情"</dt>
                <dd>{facts.injury.label()}</dd>
                <dt>"财产损失"</dt>
                <dd>{facts.property_loss.to_string()}</dd>
                <dt>"请求的帮助"</dt>
                <dd>
                    {if facts.help.is_empty() {
                        "无".to_owned()
                    } else {
                        facts.help.iter().map(|h| h.label()).collect::<Vec<_>>().join("；")
                    }}
                </dd>
                {legal.map(|l| view! {
                    <dt>"法律服务"</dt>
                    <dd data-testid="case-legal">{l}</dd>
                })}
                <dt>"其他情况"</dt>
                <dd>
                    {let flags = [
                        (facts.online, "网络上存在有害信息"),
                        (facts.public_opinion_risk, "存在涉警舆情风险"),
                        (facts.major_or_urgent, "重大紧急案件"),
                    ]
                        .into_iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, l)| l)
                        .collect::<Vec<_>>()
                        .join("；");
                    if flags.is_empty() { "无".to_owned() } else { flags }}
                </dd>
                <dt>"事件经过"</dt>
                <dd class="case-facts__summary">{facts.summary.clone()}</dd>
            </dl>
        </section>
    }
}

/// One running deadline: due date, working days left or overdue, article, how it was counted.
fn deadline_item(d: OpenDeadline) -> impl IntoView {
    let left = if d.overdue {
        view! {
            <span class="case-deadline__overdue" data-testid="deadline-overdue">
                {format!("逾期 {} 个工作日", d.working_days_left.unsigned_abs())}
            </span>
        }
        .into_any()
    } else if d.working_days_left == 0 {
        view! { <span class="case-deadline__today">"今天到期"</span> }.into_any()
    } else {
        view! { <span>{format!("还剩 {} 个工作日", d.working_days_left)}</span> }.into_any()
    };
    let supervision = d.needs_supervision.then(|| {
        view! {
            <p class="case-deadline__supervise" data-testid="deadline-supervise">
                "已超过期限，依 " {article_link(37)} " 应当督办。"
            </p>
        }
    });
    let provisional = d.provisional.then(|| {
        let reason = d
            .provisional_reason
            .as_ref()
            .map(|p| p.reason.clone())
            .unwrap_or_default();
        view! { <p class="case-deadline__provisional">"暂定：" {reason}</p> }
    });
    let citation_href = {
        let base = AppRoute::Article(d.citation.article).href();
        match d.citation.anchor() {
            Some(anchor) => format!("{base}#{anchor}"),
            None => base,
        }
    };
    let trace = format!(
        "{}?from={}&rule={}",
        AppRoute::Calendar.href(),
        d.deadline.start,
        d.period.as_str()
    );
    let note = d.note.clone().map(|n| view! { <p class="muted">{n}</p> });
    view! {
        <article class="card case-deadline" class:case-deadline--overdue=d.overdue data-testid="deadline" data-period=d.period.as_str()>
            <h3 class="card__title">{d.title}</h3>
            <p class="case-deadline__due">
                "截止 " <strong data-testid="deadline-due">{date(d.due)}</strong> " · " {left}
                {d.provisional.then(|| view! { <span class="case-deadline__mark">"（暂定）"</span> })}
            </p>
            <p>
                "依据 "
                <A href=citation_href attr:data-testid="deadline-citation">{d.citation.to_string()}</A>
                " · 由" {d.actor} "办理"
            </p>
            <p class="muted">{d.summary.clone()}</p>
            {note}
            {supervision}
            {provisional}
            <p class="no-print">
                <A href=trace attr:data-testid="deadline-trace">"查看计算过程"</A>
            </p>
        </article>
    }
}

/// One record of the history.
fn timeline_item(
    case: &Case,
    record: EventRecord,
    corrections: &[(u32, u32)],
) -> impl IntoView + use<> {
    let is_correction = matches!(record.kind, Event::Correction { .. });
    let corrected_by: Vec<u32> = corrections
        .iter()
        .filter(|(target, _)| *target == record.seq)
        .map(|(_, by)| *by)
        .collect();
    let effective = case.effective_at(record.seq).filter(|at| *at != record.at);
    let lines = details(case, record.seq, &record.kind)
        .into_iter()
        .map(|(label, text)| {
            view! {
                <dt>{label}</dt>
                <dd>{text}</dd>
            }
        })
        .collect_view();
    let note = (!record.note.is_empty()).then(|| {
        view! {
            <dt>"备注"</dt>
            <dd>{record.note.clone()}</dd>
        }
    });
    let corrected = (!corrected_by.is_empty()).then(|| {
        let by = corrected_by
            .iter()
            .map(|s| format!("第{s}条"))
            .collect::<Vec<_>>()
            .join("、");
        view! { <p class="timeline__corrected">"本条已由" {by} "更正"</p> }
    });
    let effective = effective.map(|at| {
        view! { <p class="timeline__corrected">"按更正，以 " {time(at)} " 为准"</p> }
    });
    view! {
        <li class="timeline__item" class:timeline__item--correction=is_correction data-testid="timeline-item">
            <p class="timeline__head">
                <span class="timeline__seq">"第" {record.seq} "条"</span>
                <time datetime=record.at.format("%Y-%m-%dT%H:%M").to_string()>{time(record.at)}</time>
                <strong class="timeline__label">
                    {if is_correction { "更正记录".to_owned() } else { record.kind.kind().label().to_owned() }}
                </strong>
                <span class="muted">"记录人：" {record.actor.clone()}</span>
            </p>
            {corrected}
            {effective}
            <dl class="timeline__details">{lines} {note}</dl>
        </li>
    }
}
