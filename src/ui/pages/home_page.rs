//! `HomePage`: the dashboard: how many cases stand where, and which periods are overdue
//! (第三十七条 督办), due today or due within two working days; plus the unit's status and the
//! way in. The lists come from `core::dashboard`; this page only renders them. It reads through
//! the store's indexes (counts per state, and only the cases whose stored soonest due date is
//! inside the candidate window), never every case.

use leptos::prelude::*;
use leptos_router::components::A;

use std::sync::Arc;

use crate::core::calendar::format_date_cn;
use crate::core::dashboard::{Buckets, DUE_LIST_SHOWN, DueItem, buckets, is_candidate};
use crate::core::workflow::{State, open_deadlines};
use crate::store::cases::{self, CaseRecord, from_record};
use crate::ui::clock::today_shanghai;
use crate::ui::components::backup_reminder::BackupReminder;
use crate::ui::components::no_case_storage::{NoCaseStorage, case_storage_failure};
use crate::ui::components::page_title::PageTitle;
use crate::ui::pages::cases_page::UnreadableCases;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_calendar, use_case_reader, use_db, use_settings};

/// What the dashboard reads.
enum DashboardData {
    /// The database is still opening.
    Waiting,
    /// The database cannot be used (the storage banner says why).
    Unavailable,
    /// Reading failed.
    Failed(String),
    /// Read.
    Loaded {
        /// How many cases are stored.
        total: usize,
        /// How many stand in each state, in procedural order.
        counts: Vec<(State, usize)>,
        /// The records of the cases that may have a period due soon (`is_candidate`).
        candidates: Vec<CaseRecord>,
    },
}

/// Reads the counts and the candidate cases through the indexes; reloads whenever a case is
/// saved here or in another tab (and after stored due dates were computed again).
fn use_dashboard_data() -> LocalResource<Arc<DashboardData>> {
    use_case_reader(
        || DashboardData::Waiting,
        || DashboardData::Unavailable,
        |db| async move {
            let read = async {
                let (total, counts) = cases::state_counts(&db).await?;
                let candidates = cases::due_candidates(&db, today_shanghai()).await?;
                Ok::<_, crate::store::StoreError>(DashboardData::Loaded {
                    total,
                    counts,
                    candidates,
                })
            };
            read.await
                .unwrap_or_else(|e| DashboardData::Failed(e.to_string()))
        },
    )
}

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let settings = use_settings().settings;
    let db = use_db().0;
    let storage = move || match db.get() {
        DbState::Opening => ("正在打开本机数据库…", "status--pending"),
        DbState::Blocked => ("等待其他标签页关闭", "status--warning"),
        DbState::Ready(_) => ("本机数据库已就绪", "status--ok"),
        DbState::Failed(_) => ("本机数据库不可用", "status--error"),
    };
    let data = use_dashboard_data();
    view! {
        <section class="page" data-testid="home">
            <PageTitle text="维权工作台"/>
            <p class="lead">
                "依据《嘉兴市公安机关维护民警执法权威工作实施细则》，办理民警及其近亲属的维权申请，提醒受理答复、调查核实等期限。"
            </p>
            <Show when=move || settings.get().is_none()>
                <div class="callout" data-testid="setup-callout">
                    <h2>"第一步：填写本单位信息"</h2>
                    <p>"单位名称会显示在页首和打印的文书上，操作人姓名会记入案件办理记录。"</p>
                    <A href=AppRoute::Settings.href() attr:class="button">"去设置"</A>
                </div>
            </Show>
            <BackupReminder link=true/>
            {move || match case_storage_failure() {
                Some(reason) => view! { <NoCaseStorage action="登记新案件" reason/> }.into_any(),
                None => view! {
                    <div class="case-actions">
                        <A href=AppRoute::NewCase.href() attr:class="button" attr:data-testid="home-new-case">"登记新案件"</A>
                        <A href=AppRoute::Cases.href() attr:class="button button--secondary" attr:data-testid="home-all-cases">"查看全部案件"</A>
                    </div>
                }.into_any(),
            }}
            <div data-testid="dashboard">
                <Transition fallback=|| view! { <p class="muted">"正在读取案件…"</p> }>
                    {move || data.get().map(|data| match &*data {
                        DashboardData::Waiting => view! { <p class="muted">"正在打开本机数据库…"</p> }.into_any(),
                        DashboardData::Unavailable => view! {
                            <p class="callout" data-testid="dashboard-unavailable">
                                "本机数据库不可用，暂时无法显示案件和期限提醒（原因见页首提示）。细则查询和期限计算仍可使用。"
                            </p>
                        }.into_any(),
                        DashboardData::Failed(e) => view! {
                            <div class="banner banner--error" role="alert">"读取案件失败：" {e.clone()}</div>
                        }.into_any(),
                        DashboardData::Loaded { total: 0, .. } => {
                            view! {
                                <div class="callout" data-testid="dashboard-empty">
                                    <h2>"还没有案件"</h2>
                                    <p>"收到民警或其近亲属的维权申请，或者发现维权线索后，点击“登记新案件”开始办理。登记后，这里会提醒即将到期和已经逾期的期限。"</p>
                                </div>
                            }.into_any()
                        }
                        DashboardData::Loaded { .. } => view! { <Dashboard data=data.clone()/> }.into_any(),
                    })}
                </Transition>
            </div>
            <div class="cards home-status">
                <div class="card">
                    <h2 class="card__title">"本单位"</h2>
                    <dl class="facts">
                        <dt>"单位名称"</dt>
                        <dd data-testid="home-unit">
                            {move || settings.get().map(|s| s.unit_name).unwrap_or_else(|| "未设置".to_owned())}
                        </dd>
                        <dt>"操作人"</dt>
                        <dd>{move || settings.get().map(|s| s.operator).unwrap_or_else(|| "未设置".to_owned())}</dd>
                    </dl>
                    <A href=AppRoute::Settings.href() attr:class="link">"修改设置"</A>
                </div>
                <div class="card">
                    <h2 class="card__title">"数据保存"</h2>
                    <p>
                        <span class=move || format!("status {}", storage().1) data-testid="db-status">
                            {move || storage().0}
                        </span>
                    </p>
                    <p class="muted">"案件只保存在本机浏览器中，不会上传到任何服务器。请定期在“设置 → 备份与恢复”下载备份文件。"</p>
                </div>
            </div>
        </section>
    }
}

/// The counts and the three lists, computed afresh for today from the candidate cases.
#[component]
fn Dashboard(
    /// What was read.
    data: Arc<DashboardData>,
) -> impl IntoView {
    let calendar = use_calendar();
    let today = today_shanghai();
    let DashboardData::Loaded {
        total,
        counts,
        candidates,
    } = &*data
    else {
        return ().into_any();
    };
    let total = *total;
    let cal = calendar.calendar.get_untracked();
    let readings = calendar.readings.get_untracked();
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for record in candidates {
        let next_due = record.next_due.as_deref().and_then(|d| d.parse().ok());
        if !is_candidate(next_due, today) {
            continue;
        }
        match from_record(record) {
            Ok(case) => {
                let officer = &case.facts().officer;
                items.extend(
                    open_deadlines(&case, &cal, &readings, today)
                        .iter()
                        .map(|d| DueItem::new(&record.id, &officer.name, &record.officer_badge, d)),
                );
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    let Buckets {
        overdue,
        today: due_today,
        soon,
    } = buckets(items, today);
    let count_items = counts
        .iter()
        .map(|&(state, n)| view! { <CountItem state n/> })
        .collect_view();
    view! {
        <UnreadableCases problems/>
        <section class="card dashboard-counts" aria-labelledby="counts-title">
            <h2 class="card__title" id="counts-title">"案件概况（共 " {total} " 件）"</h2>
            <ul class="state-counts" data-testid="state-counts">{count_items}</ul>
        </section>
        <DueList
            title="已逾期"
            hint="第三十七条：维权办应当对逾期事项督办。"
            testid="due-overdue"
            items=overdue
            more="overdue=1"
            today
        />
        <DueList title="今天到期" hint="今天是最后一天。" testid="due-today" items=due_today more="running=1" today/>
        <DueList title="两个工作日内到期" hint="" testid="due-soon" items=soon more="running=1" today/>
    }
    .into_any()
}

/// One state and how many cases stand in it.
#[component]
fn CountItem(
    /// The state.
    state: State,
    /// How many cases.
    n: usize,
) -> impl IntoView {
    view! {
        <li class="state-counts__item" data-state=crate::core::dashboard::state_key(state)>
            <span class="state-counts__n">{n}</span>
            <span class="state-counts__label">{state.label()}</span>
        </li>
    }
}

/// One of the dashboard's lists of running periods.
#[component]
fn DueList(
    /// The heading.
    title: &'static str,
    /// A line under the heading (may be empty).
    hint: &'static str,
    /// The list's data-testid.
    testid: &'static str,
    /// The periods, most urgent first (only the first [`DUE_LIST_SHOWN`] are listed).
    items: Vec<DueItem>,
    /// The case list's filter that shows them all (`key=value`).
    more: &'static str,
    /// Today in Shanghai.
    today: chrono::NaiveDate,
) -> impl IntoView {
    let count = items.len();
    let hidden = count.saturating_sub(DUE_LIST_SHOWN);
    let more = (hidden > 0).then(|| {
        let href = format!("{}?{more}", AppRoute::Cases.href());
        view! {
            <p class="muted" data-testid=format!("{testid}-more")>
                "只列出最紧急的 " {DUE_LIST_SHOWN} " 项，另有 " {hidden} " 项未列出。"
                <a href=href class="link">"在案件列表中查看全部"</a>
            </p>
        }
    });
    let heading_id = format!("{testid}-title");
    let labelled_by = heading_id.clone();
    let body = if items.is_empty() {
        view! { <p class="muted">"没有。"</p> }.into_any()
    } else {
        let lines = items
            .into_iter()
            .take(DUE_LIST_SHOWN)
            .map(|item| view! { <DueLine item today/> })
            .collect_view();
        view! {
            <table class="table case-table due-table">
                <thead>
                    <tr>
                        <th scope="col">"案件编号"</th>
                        <th scope="col">"民警"</th>
                        <th scope="col">"期限"</th>
                        <th scope="col">"到期日"</th>
                        <th scope="col">"剩余工作日"</th>
                        <th scope="col">"依据"</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="due-list" data-testid=testid aria-labelledby=labelled_by>
            <h2 id=heading_id>{title} <span class="due-list__count">"（" {count} "）"</span></h2>
            {(!hint.is_empty()).then(|| view! { <p class="muted">{hint}</p> })}
            {body}
            {more}
        </section>
    }
}

/// One running period of one case.
#[component]
fn DueLine(
    /// The period.
    item: DueItem,
    /// Today in Shanghai.
    today: chrono::NaiveDate,
) -> impl IntoView {
    let left = match item.working_days_left {
        n if n < 0 => format!("已逾期 {} 个工作日", -n),
        0 if item.due == today => "今天到期".to_owned(),
        n => format!("{n} 个工作日"),
    };
    let article = item.citation.article;
    view! {
        <tr data-testid="due-row" data-case=item.case_id.clone() class:due-row--overdue=item.overdue>
            <td data-label="案件编号">
                <a href=AppRoute::Case(item.case_id.clone()).href() class="link">{item.case_id.clone()}</a>
            </td>
            <td data-label="民警">{item.officer.clone()}</td>
            <td data-label="期限">
                {item.title}
                {item.provisional.then(|| view! { " " <span class="tag tag--warn">"暂定"</span> })}
            </td>
            <td data-label="到期日">{format_date_cn(item.due)}</td>
            <td data-label="剩余工作日">
                {left}
                {item.needs_supervision.then(|| view! {
                    " "
                    <a href=AppRoute::Article(37).href() class="tag tag--overdue" data-testid="supervise-mark">
                        "第三十七条 督办"
                    </a>
                })}
            </td>
            <td data-label="依据">
                <a href=AppRoute::Article(article).href()>{item.citation.to_string()}</a>
            </td>
        </tr>
    }
}
