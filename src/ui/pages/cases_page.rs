//! `CasesPage`: every stored case (`/cases`), filtered, searched, sorted and paged by
//! `core::dashboard`; the filters live in the URL so a view can be shared and survives a
//! reload. Also the case loaders the statistics share.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::ui::routes::use_navigate;

use crate::core::case::OffenceCategory;
use crate::core::case_index::{CaseTextIndex, ListOrder, select_indexed};
use crate::core::dashboard::{
    CaseRow, ListQuery, RecordFields, RowError, RowFields, SortKey, category_key, state_key, units,
};
use crate::core::workflow::State;
use crate::store::cases::{self, CaseRecord, CaseRowRecord};
use crate::ui::clock::today_shanghai;
use crate::ui::components::no_case_storage::{NoCaseStorage, case_storage_failure};
use crate::ui::components::page_title::PageTitle;
use crate::ui::routes::AppRoute;
use crate::ui::state::use_case_reader;

/// The stored cases as the pages read them.
pub enum CaseData {
    /// The database is still opening.
    Waiting,
    /// The database cannot be used (the storage banner says why).
    Unavailable,
    /// Reading failed.
    Failed(String),
    /// Read: each listed case's row, the whole records when they were asked for, and the
    /// cases that could not be read.
    Loaded {
        /// The whole records, index for index with `rows`: only from [`use_case_records`]
        /// (statistics); empty from [`use_case_data`], which reads the small list rows only.
        records: Vec<CaseRecord>,
        /// The rows.
        rows: Vec<CaseRow>,
        /// What could not be read, one message per record.
        problems: Vec<String>,
    },
}

fn row_fields(row: &CaseRowRecord) -> RowFields<'_> {
    RowFields {
        id: &row.id,
        state: &row.state,
        next_due: row.next_due.as_deref(),
        received_on: &row.received_on,
        updated_at: &row.updated_at,
        unit: &row.unit,
        categories: &row.categories,
        officer_badge: &row.officer_badge,
        officer_name: &row.officer_name,
        summary: &row.summary,
    }
}

/// Reads every case's list row (`case_rows`: no case text); reloads whenever a case is saved
/// here or in another tab.
pub fn use_case_data() -> LocalResource<Arc<CaseData>> {
    use_case_reader(
        || CaseData::Waiting,
        || CaseData::Unavailable,
        |db| async move {
            let all = match cases::all_rows(&db).await {
                Ok(all) => all,
                Err(e) => return CaseData::Failed(e.to_string()),
            };
            let mut rows = Vec::with_capacity(all.len());
            let mut problems = Vec::new();
            for stored in &all {
                if let Some(reason) = &stored.unreadable {
                    problems.push(
                        RowError::Unreadable {
                            id: stored.id.clone(),
                            reason: reason.clone(),
                        }
                        .to_string(),
                    );
                    continue;
                }
                match CaseRow::from_row(&row_fields(stored)) {
                    Ok(row) => rows.push(row),
                    Err(e) => problems.push(e.to_string()),
                }
            }
            CaseData::Loaded {
                records: Vec::new(),
                rows,
                problems,
            }
        },
    )
}

/// Reads every stored case record whole (the statistics need every case); reloads whenever a
/// case is saved here or in another tab.
pub fn use_case_records() -> LocalResource<Arc<CaseData>> {
    use_case_reader(
        || CaseData::Waiting,
        || CaseData::Unavailable,
        |db| async move {
            let all = match cases::all_records(&db).await {
                Ok(all) => all,
                Err(e) => return CaseData::Failed(e.to_string()),
            };
            let mut records = Vec::with_capacity(all.len());
            let mut rows = Vec::with_capacity(all.len());
            let mut problems = Vec::new();
            for record in all {
                let fields = RecordFields {
                    id: &record.id,
                    state: &record.state,
                    next_due: record.next_due.as_deref(),
                    received_on: &record.received_on,
                    updated_at: &record.updated_at,
                    unit: &record.unit,
                    categories: &record.categories,
                    officer_badge: &record.officer_badge,
                    case_json: &record.case_json,
                };
                match CaseRow::from_record(&fields) {
                    Ok(row) => {
                        rows.push(row);
                        records.push(record);
                    }
                    Err(e) => problems.push(e.to_string()),
                }
            }
            CaseData::Loaded {
                records,
                rows,
                problems,
            }
        },
    )
}

/// Records that could not be read, when there are any.
#[component]
pub fn UnreadableCases(
    /// One message per record.
    problems: Vec<String>,
) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let items = problems
            .into_iter()
            .map(|p| view! { <li>{p}</li> })
            .collect_view();
        view! {
            <div class="banner banner--warning" role="status" data-testid="unreadable-cases">
                <strong>"有案件记录无法读取，未列出："</strong>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn cases_url(query: &ListQuery) -> String {
    let pairs = query.to_pairs();
    if pairs.is_empty() {
        return AppRoute::Cases.href();
    }
    let text = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect::<Vec<_>>()
        .join("&");
    format!("{}?{text}", AppRoute::Cases.href())
}

/// The list's address, written after the next frame has been drawn (see [`CasesPage`]).
#[derive(Default)]
struct DeferredAddress {
    /// The address to write when the deferred write runs; `None` when none is waiting.
    next: Mutex<Option<String>>,
    /// Set when the page is left: a waiting write is dropped.
    left: AtomicBool,
}

impl DeferredAddress {
    fn take(&self) -> Option<String> {
        self.next.lock().ok().and_then(|mut next| next.take())
    }

    fn write(self: Arc<Self>, url: String, navigate: impl FnOnce(&str) + 'static) {
        let already_waiting = match self.next.lock() {
            Ok(mut next) => next.replace(url).is_some(),
            Err(_) => return,
        };
        if already_waiting {
            return;
        }
        // After the next frame: its callback runs before that frame is drawn, the timeout after.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let url = self.take();
                    if let Some(url) = url.filter(|_| !self.left.load(Ordering::Relaxed)) {
                        navigate(&url);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }
}

/// The case list.
#[component]
pub fn CasesPage() -> impl IntoView {
    let initial = {
        let map = use_query_map().get_untracked();
        let keys = [
            "state", "category", "running", "overdue", "unit", "q", "sort", "page",
        ];
        let pairs: Vec<(&str, String)> = keys
            .into_iter()
            .filter_map(|k| map.get(k).map(|v| (k, v)))
            .collect();
        ListQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    };
    let query = RwSignal::new(initial);
    let navigate = use_navigate();
    // The address follows the query once the list has been drawn: replacing the history entry
    // costs the browser one to several milliseconds, which a keystroke's frame cannot spare. The
    // list itself updates at once; writes made before the deferred one runs are merged into it,
    // and none runs after the page is left.
    let address = Arc::new(DeferredAddress::default());
    on_cleanup({
        let address = address.clone();
        move || address.left.store(true, Ordering::Relaxed)
    });
    Effect::new(move |_| {
        let url = cases_url(&query.get());
        let navigate = navigate.clone();
        address.clone().write(url, move |url| {
            navigate(
                url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            )
        });
    });
    // Every change of a filter starts again from the first page.
    let set = move |f: &dyn Fn(&mut ListQuery)| {
        query.update(|q| {
            f(q);
            q.page = 1;
        })
    };
    let data = use_case_data();
    let today = today_shanghai();

    let state_options = State::ALL
        .into_iter()
        .map(|s| view! { <option value=state_key(s)>{s.label()}</option> })
        .collect_view();
    let category_options = OffenceCategory::ALL
        .into_iter()
        .map(|c| view! { <option value=category_key(c)>{c.label()}</option> })
        .collect_view();
    let sort_options = SortKey::ALL
        .into_iter()
        .map(|s| view! { <option value=s.key()>{s.label()}</option> })
        .collect_view();
    // The unit list depends on the cases only: typing in the search box does not rebuild it.
    let unit_options = move || {
        let mut list = match data.get().as_deref() {
            Some(CaseData::Loaded { rows, .. }) => units(rows),
            _ => Vec::new(),
        };
        // A unit from a shared address stays selectable even when no case has it.
        if let Some(u) = query.with_untracked(|q| q.unit.clone())
            && !list.contains(&u)
        {
            list.push(u);
        }
        list.into_iter()
            .map(|u| {
                let this = u.clone();
                let selected = move || query.with(|q| q.unit.as_deref() == Some(this.as_str()));
                let label = u.clone();
                view! { <option value=u selected=selected>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <section class="page" data-testid="cases">
            <PageTitle text="案件"/>
            {move || match case_storage_failure() {
                Some(reason) => view! { <NoCaseStorage action="登记新案件" reason/> }.into_any(),
                None => view! {
                    <div class="case-actions">
                        <A href=AppRoute::NewCase.href() attr:class="button" attr:data-testid="cases-new">"登记新案件"</A>
                    </div>
                }.into_any(),
            }}
            <form class="case-filters card" role="search" aria-label="筛选案件" on:submit=|ev| ev.prevent_default()>
                <div class="case-filters__search">
                    <label class="field__label" for="cases-q">"搜索"</label>
                    <p class="field__hint" id="cases-q-hint">"民警姓名、警号、案件编号或案情摘要中的文字，不区分大小写。"</p>
                    <input
                        id="cases-q"
                        class="input"
                        type="search"
                        autocomplete="off"
                        maxlength="100"
                        aria-describedby="cases-q-hint"
                        data-testid="cases-q"
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            set(&move |q: &mut ListQuery| q.text = text.clone());
                        }
                    />
                </div>
                <div class="case-filters__grid">
                    <div class="case-filters__field">
                        <label class="field__label" for="cases-state">"办理状态"</label>
                        <select
                            id="cases-state"
                            class="input"
                            data-testid="cases-state"
                            prop:value=move || query.with(|q| q.state.map(state_key).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(&move |q: &mut ListQuery| q.state = crate::core::dashboard::state_from_key(&v));
                            }
                        >
                            <option value="">"全部状态"</option>
                            {state_options}
                        </select>
                    </div>
                    <div class="case-filters__field">
                        <label class="field__label" for="cases-category">"侵害类型"</label>
                        <select
                            id="cases-category"
                            class="input"
                            data-testid="cases-category"
                            prop:value=move || query.with(|q| q.category.map(category_key).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(&move |q: &mut ListQuery| q.category = crate::core::dashboard::category_from_key(&v));
                            }
                        >
                            <option value="">"全部类型"</option>
                            {category_options}
                        </select>
                    </div>
                    <div class="case-filters__field">
                        <label class="field__label" for="cases-unit">"民警所在单位"</label>
                        <select
                            id="cases-unit"
                            class="input"
                            data-testid="cases-unit"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(&move |q: &mut ListQuery| q.unit = Some(v.clone()).filter(|u| !u.is_empty()));
                            }
                        >
                            <option value="" selected=move || query.with(|q| q.unit.is_none())>"全部单位"</option>
                            {unit_options}
                        </select>
                    </div>
                    <div class="case-filters__field">
                        <label class="field__label" for="cases-sort">"排序"</label>
                        <select
                            id="cases-sort"
                            class="input"
                            data-testid="cases-sort"
                            prop:value=move || query.with(|q| q.sort.key())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(&move |q: &mut ListQuery| q.sort = SortKey::from_key(&v).unwrap_or_default());
                            }
                        >
                            {sort_options}
                        </select>
                    </div>
                </div>
                <div class="case-filters__checks">
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="cases-running"
                            prop:checked=move || query.with(|q| q.running)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set(&move |q: &mut ListQuery| q.running = on);
                            }
                        />
                        " 只看期限正在计算的"
                    </label>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="cases-overdue"
                            prop:checked=move || query.with(|q| q.overdue)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set(&move |q: &mut ListQuery| q.overdue = on);
                            }
                        />
                        " 只看已逾期的"
                    </label>
                    <Show when=move || query.with(ListQuery::is_filtered)>
                        <button
                            type="button"
                            class="button button--secondary case-filters__clear"
                            data-testid="cases-clear"
                            on:click=move |_| query.set(ListQuery { page: 1, sort: query.with_untracked(|q| q.sort), ..ListQuery::default() })
                        >
                            "清除筛选"
                        </button>
                    </Show>
                </div>
            </form>
            <Transition fallback=|| view! { <p class="muted">"正在读取案件…"</p> }>
                {move || {
                    data.get().map(|data| match &*data {
                        CaseData::Waiting => view! { <p class="muted">"正在打开本机数据库…"</p> }.into_any(),
                        CaseData::Unavailable => view! {
                            <p class="callout" data-testid="cases-unavailable">
                                "本机数据库不可用，无法列出案件（原因见页首提示）。细则查询和期限计算仍可使用。"
                            </p>
                        }.into_any(),
                        CaseData::Failed(e) => view! {
                            <div class="banner banner--error" role="alert">"读取案件失败：" {e.clone()}</div>
                        }.into_any(),
                        CaseData::Loaded { rows, problems, .. } => {
                            let rows = rows.clone();
                            let problems = problems.clone();
                            view! {
                                <UnreadableCases problems/>
                                <CaseTable rows query today/>
                            }.into_any()
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// The page of cases the query selects, with the pager.
#[component]
fn CaseTable(
    /// Every readable case.
    rows: Vec<CaseRow>,
    /// The list's query.
    query: RwSignal<ListQuery>,
    /// Today in Shanghai.
    today: chrono::NaiveDate,
) -> impl IntoView {
    let rows = Arc::new(rows);
    let has_cases = !rows.is_empty();
    // Built once per data set: a keystroke reads only the cases the index lists for its text.
    // The first page needs no index, so it is built in the task after the list is drawn (or
    // at the first search, if that comes sooner); until then an empty index makes
    // `select_indexed` read the rows, which gives the same page.
    let index: Arc<OnceLock<CaseTextIndex>> = Arc::new(OnceLock::new());
    {
        let (rows, index) = (rows.clone(), index.clone());
        set_timeout(
            move || {
                index.get_or_init(|| CaseTextIndex::build(&rows));
            },
            std::time::Duration::ZERO,
        );
    }
    // Sorting happens when the order or the cases change; a keystroke only selects from it.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let order = {
        let rows = rows.clone();
        Memo::new(move |_| Arc::new(ListOrder::new(&rows, sort.get())))
    };
    let selection = {
        let rows = rows.clone();
        Memo::new(move |_| {
            let order = order.get();
            query.with(|q| {
                let index = match index.get() {
                    Some(index) => index,
                    None if q.text.trim().is_empty() => &CaseTextIndex::default(),
                    None => index.get_or_init(|| CaseTextIndex::build(&rows)),
                };
                select_indexed(&rows, &order, index, q, today)
            })
        })
    };
    // Rows are keyed by case and revision: a keystroke keeps the rows that stay on the page and
    // builds only the ones that come in.
    let page_rows = move || selection.with(|s| s.rows.clone());
    let row_key = {
        let rows = rows.clone();
        move |i: &usize| {
            rows.get(*i)
                .map(|r| (r.id.clone(), r.updated_at.clone()))
                .unwrap_or_default()
        }
    };
    let row_view = {
        let rows = rows.clone();
        move |i: usize| {
            rows.get(i)
                .map(|row| view! { <CaseLine row=row.clone() today/> })
        }
    };
    let go = move |page: usize| {
        query.update(|q| q.page = page);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("cases-results"))
        {
            el.scroll_into_view();
        }
    };
    let summary = move || {
        let s = selection.get();
        if s.total == 0 {
            String::new()
        } else {
            let first = (s.page - 1) * crate::core::dashboard::PAGE_SIZE + 1;
            let last = first + s.rows.len() - 1;
            format!("共 {} 件，显示第 {first}—{last} 件", s.total)
        }
    };
    view! {
        <h2 id="cases-results" class="case-results__title" tabindex="-1">
            "案件列表"
        </h2>
        <p class="muted" role="status" aria-live="polite" data-testid="cases-count">{summary}</p>
        <Show when=move || !has_cases>
            <div class="callout" data-testid="cases-empty">
                <p>"本机还没有登记任何案件。"</p>
                <A href=AppRoute::NewCase.href() attr:class="button">"登记新案件"</A>
            </div>
        </Show>
        <Show when=move || has_cases && selection.with(|s| s.total == 0)>
            <p class="callout" data-testid="cases-none">"没有符合条件的案件。请放宽筛选条件或修改搜索文字。"</p>
        </Show>
        <Show when=move || selection.with(|s| s.total > 0)>
            <table class="table case-table case-list-table" data-testid="cases-table">
                <thead>
                    <tr>
                        <th scope="col">"案件编号"</th>
                        <th scope="col">"办理状态"</th>
                        <th scope="col">"民警"</th>
                        <th scope="col">"侵害类型"</th>
                        <th scope="col">"收到日期"</th>
                        <th scope="col">"最近期限"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=page_rows key=row_key.clone() children=row_view.clone()/>
                </tbody>
            </table>
            <nav class="pager" aria-label="分页" data-testid="cases-pager">
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="cases-prev"
                    disabled=move || selection.with(|s| s.page <= 1)
                    on:click=move |_| go(selection.with_untracked(|s| s.page) - 1)
                >
                    "上一页"
                </button>
                <span class="pager__where" data-testid="cases-page">
                    {move || selection.with(|s| format!("第 {} / {} 页", s.page, s.pages))}
                </span>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="cases-next"
                    disabled=move || selection.with(|s| s.page >= s.pages)
                    on:click=move |_| go(selection.with_untracked(|s| s.page) + 1)
                >
                    "下一页"
                </button>
            </nav>
        </Show>
    }
}

/// A date as the list shows it, short enough for a table cell: 2026年11月5日.
fn short_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// One case in the list.
#[component]
fn CaseLine(
    /// The case.
    row: CaseRow,
    /// Today in Shanghai.
    today: chrono::NaiveDate,
) -> impl IntoView {
    let href = AppRoute::Case(row.id.clone()).href();
    let categories = row
        .categories
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join("、");
    let overdue = row.is_overdue(today);
    let due = match row.next_due {
        Some(d) => view! {
            <span>{short_date(d)}</span>
            {overdue.then(|| view! { " " <span class="tag tag--overdue" data-testid="overdue-mark">"已逾期"</span> })}
        }
        .into_any(),
        None => view! { <span class="muted">"无"</span> }.into_any(),
    };
    let badge = (!row.officer_badge.is_empty()).then(|| format!("警号 {}", row.officer_badge));
    view! {
        <tr data-testid="case-row" data-case=row.id.clone()>
            <td data-label="案件编号"><a href=href class="link">{row.id.clone()}</a></td>
            <td data-label="办理状态">{row.state.label()}</td>
            <td data-label="民警">
                <span class="case-officer">{row.officer_name.clone()}</span>
                {badge.map(|b| view! { " " <span class="muted">{b}</span> })}
                <br/>
                <span class="muted">{row.unit.clone()}</span>
            </td>
            <td data-label="侵害类型">{categories}</td>
            <td data-label="收到日期">{short_date(row.received_on)}</td>
            <td data-label="最近期限">
                {due}
            </td>
        </tr>
    }
}
