//! `YearArrangementForm`: entering or correcting one year's holiday arrangement from the State
//! Council's notice (放假 ranges and 调休上班 days), checked by the core before it is saved.

use leptos::prelude::*;

use crate::core::calendar::{
    Calendar, CustomYear, DaySource, HolidayRange, Issue, MAX_CUSTOM_YEAR, MAX_HOLIDAYS_PER_YEAR,
    MAX_WORKDAYS_PER_YEAR, MIN_CUSTOM_YEAR, YearArrangement, parse_date, validate_year_arrangement,
};
use crate::ui::components::error_summary::{ErrorSummary, FieldError, focus_control};
use crate::ui::components::holiday_years::save_custom_years;
use crate::ui::state::{use_calendar, use_db};

const YEAR_ID: &str = "hy-year";
const ADD_HOLIDAY_ID: &str = "hy-add-holiday";
const ADD_WORKDAY_ID: &str = "hy-add-workday";

/// One 放假 range as typed.
#[derive(Clone, Copy)]
struct HolidayRow {
    key: u32,
    name: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

/// One 调休上班 day as typed.
#[derive(Clone, Copy)]
struct WorkdayRow {
    key: u32,
    date: RwSignal<String>,
}

/// The form's contents as typed, owned by the section so its year table can load a year into
/// the form ("修改") or start a new one for a missing year ("添加").
#[derive(Clone, Copy)]
pub struct YearDraft {
    /// The custom year being edited, if the form was loaded from one.
    editing: RwSignal<Option<i32>>,
    year: RwSignal<String>,
    holidays: RwSignal<Vec<HolidayRow>>,
    workdays: RwSignal<Vec<WorkdayRow>>,
    next_key: StoredValue<u32>,
    errors: RwSignal<Vec<FieldError>>,
}

impl YearDraft {
    /// An empty form with one blank holiday row.
    pub fn new() -> YearDraft {
        let draft = YearDraft {
            editing: RwSignal::new(None),
            year: RwSignal::new(String::new()),
            holidays: RwSignal::new(Vec::new()),
            workdays: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            errors: RwSignal::new(Vec::new()),
        };
        draft.clear();
        draft
    }

    fn key(&self) -> u32 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    fn holiday_row(&self, name: &str, from: String, to: String) -> HolidayRow {
        HolidayRow {
            key: self.key(),
            name: RwSignal::new(name.to_owned()),
            from: RwSignal::new(from),
            to: RwSignal::new(to),
        }
    }

    fn workday_row(&self, date: String) -> WorkdayRow {
        WorkdayRow {
            key: self.key(),
            date: RwSignal::new(date),
        }
    }

    /// The custom year the form is editing, if any.
    pub fn editing_year(&self) -> Option<i32> {
        self.editing.get_untracked()
    }

    /// Empties the form.
    pub fn clear(&self) {
        self.editing.set(None);
        self.year.set(String::new());
        self.holidays
            .set(vec![self.holiday_row("", String::new(), String::new())]);
        self.workdays.set(Vec::new());
        self.errors.set(Vec::new());
    }

    /// Starts a new arrangement for `year` and moves focus to the form.
    pub fn start(&self, year: i32) {
        self.clear();
        self.year.set(year.to_string());
        request_animation_frame(|| focus_control(YEAR_ID));
    }

    /// Loads a saved custom year for editing and moves focus to the form.
    pub fn load(&self, custom: &CustomYear) {
        self.editing.set(Some(custom.year));
        self.year.set(custom.year.to_string());
        let holidays = custom
            .arrangement
            .holidays
            .iter()
            .map(|h| self.holiday_row(&h.name, h.from.to_string(), h.to.to_string()))
            .collect();
        self.holidays.set(holidays);
        let workdays = custom
            .arrangement
            .workdays
            .iter()
            .map(|d| self.workday_row(d.to_string()))
            .collect();
        self.workdays.set(workdays);
        self.errors.set(Vec::new());
        request_animation_frame(|| focus_control(YEAR_ID));
    }

    /// Reads the form into a year, or every problem with the control it belongs to. Dates are
    /// read first; the arrangement is checked by the core once every date could be read.
    fn read(&self) -> Result<CustomYear, Vec<FieldError>> {
        let mut errors = Vec::new();
        let year_text = self.year.get_untracked();
        let year = match year_text.trim().parse::<i32>() {
            Ok(y) if (MIN_CUSTOM_YEAR..=MAX_CUSTOM_YEAR).contains(&y) => Some(y),
            Ok(_) => {
                errors.push(error(
                    YEAR_ID,
                    format!("只能添加{MIN_CUSTOM_YEAR}年至{MAX_CUSTOM_YEAR}年的节假日安排"),
                ));
                None
            }
            Err(_) => {
                errors.push(error(YEAR_ID, "请填写四位数字的年份，例如 2027".to_owned()));
                None
            }
        };
        let rows = self.holidays.get_untracked();
        let mut holidays = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let n = i + 1;
            let from = parse_date(&row.from.get_untracked()).map_err(|e| {
                errors.push(error(
                    &holiday_id(row.key, "from"),
                    format!("第{n}个放假区间的开始日期：{e}"),
                ))
            });
            let to = parse_date(&row.to.get_untracked()).map_err(|e| {
                errors.push(error(
                    &holiday_id(row.key, "to"),
                    format!("第{n}个放假区间的结束日期：{e}"),
                ))
            });
            if let (Ok(from), Ok(to)) = (from, to) {
                holidays.push(HolidayRange {
                    name: row.name.get_untracked().trim().to_owned(),
                    from,
                    to,
                });
            }
        }
        let days = self.workdays.get_untracked();
        let mut workdays = Vec::with_capacity(days.len());
        for (i, row) in days.iter().enumerate() {
            match parse_date(&row.date.get_untracked()) {
                Ok(d) => workdays.push(d),
                Err(e) => errors.push(error(
                    &workday_id(row.key),
                    format!("第{}个调休上班日：{e}", i + 1),
                )),
            }
        }
        let Some(year) = year.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let arrangement = YearArrangement { holidays, workdays };
        let issues = validate_year_arrangement(year, &arrangement);
        if !issues.is_empty() {
            return Err(issues
                .into_iter()
                .map(|issue| self.field_error(&rows, &days, issue))
                .collect());
        }
        Ok(CustomYear { year, arrangement })
    }

    /// Maps a core issue (`holidays[1].to`, `workdays[0]`, `holidays`, `year`) to its control.
    fn field_error(&self, rows: &[HolidayRow], days: &[WorkdayRow], issue: Issue) -> FieldError {
        let control = if let Some(rest) = issue.field.strip_prefix("holidays[") {
            let (index, part) = rest.split_once("].").unwrap_or((rest, "name"));
            index
                .parse::<usize>()
                .ok()
                .and_then(|i| rows.get(i))
                .map(|row| holiday_id(row.key, part))
        } else if let Some(rest) = issue.field.strip_prefix("workdays[") {
            rest.trim_end_matches(']')
                .parse::<usize>()
                .ok()
                .and_then(|i| days.get(i))
                .map(|row| workday_id(row.key))
        } else if issue.field == "workdays" {
            Some(ADD_WORKDAY_ID.to_owned())
        } else if issue.field == "holidays" {
            Some(ADD_HOLIDAY_ID.to_owned())
        } else {
            None
        };
        error(
            &control.unwrap_or_else(|| YEAR_ID.to_owned()),
            issue.message,
        )
    }
}

impl Default for YearDraft {
    fn default() -> Self {
        YearDraft::new()
    }
}

fn error(control_id: &str, message: String) -> FieldError {
    FieldError {
        control_id: control_id.to_owned(),
        message,
    }
}

fn holiday_id(key: u32, part: &str) -> String {
    format!("hy-h{key}-{part}")
}

fn workday_id(key: u32) -> String {
    format!("hy-w{key}")
}

/// The messages for one control, shown above it, and whether it has any.
fn field_errors(errors: RwSignal<Vec<FieldError>>, id: String) -> impl IntoView {
    let error_id = format!("{id}-error");
    move || {
        let messages: Vec<String> = errors
            .get()
            .into_iter()
            .filter(|e| e.control_id == id)
            .map(|e| e.message)
            .collect();
        (!messages.is_empty())
            .then(|| view! { <p class="field-error" id=error_id.clone()>{messages.join("；")}</p> })
    }
}

fn has_error(errors: RwSignal<Vec<FieldError>>, id: String) -> impl Fn() -> bool + Copy + 'static {
    let id = StoredValue::new(id);
    move || {
        errors
            .get()
            .iter()
            .any(|e| id.with_value(|id| e.control_id == *id))
    }
}

/// The form. Saving checks the year with the core, writes the unit's whole set of years in one
/// transaction and puts the new calendar in force; on any problem nothing typed is lost.
#[component]
pub fn YearArrangementForm(
    /// The form's contents, shared with the year table.
    draft: YearDraft,
    /// Set to the confirmation shown after a successful save.
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = use_calendar();
    let db = use_db();
    let errors = draft.errors;
    let busy = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let custom = match draft.read() {
            Ok(custom) => custom,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        let editing = draft.editing.get_untracked();
        let existing = ctx.custom_years.get_untracked();
        if editing != Some(custom.year) && existing.iter().any(|y| y.year == custom.year) {
            errors.set(vec![error(
                YEAR_ID,
                format!(
                    "{}年已有本单位添加的安排。如需改动，请在上方表格中点该年的“修改”。",
                    custom.year
                ),
            )]);
            return;
        }
        let year = custom.year;
        let mut years: Vec<CustomYear> = existing
            .into_iter()
            .filter(|y| Some(y.year) != editing && y.year != year)
            .collect();
        years.push(custom);
        years.sort_by_key(|y| y.year);
        errors.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save_custom_years(ctx, db, years).await {
                Ok(()) => {
                    draft.clear();
                    saved.set(Some(format!(
                        "{year}年的节假日安排已保存。期限计算从现在起按此安排计算该年的工作日。"
                    )));
                }
                Err(messages) => {
                    errors.set(messages.into_iter().map(|m| error(YEAR_ID, m)).collect());
                }
            }
            busy.set(false);
        });
    };

    let year_hint = move || {
        let year = draft.year.get().trim().parse::<i32>().ok()?;
        let builtin = Calendar::builtin().year_source(year) == DaySource::Builtin;
        builtin.then(|| {
            format!("{year}年已内置国务院办公厅通知的安排；保存后，该年以本单位填写的安排为准。")
        })
    };

    let holiday_rows = move || {
        let rows = draft.holidays.get();
        let count = rows.len();
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let n = i + 1;
                let [name_id, from_id, to_id] =
                    ["name", "from", "to"].map(|part| holiday_id(row.key, part));
                let [name_bad, from_bad, to_bad] =
                    [&name_id, &from_id, &to_id].map(|id| has_error(errors, id.clone()));
                let remove = move |_| {
                    draft.holidays.update(|rows| rows.retain(|r| r.key != row.key));
                    request_animation_frame(|| focus_control(ADD_HOLIDAY_ID));
                };
                view! {
                    <fieldset class="hy-row" data-testid="hy-holiday-row">
                        <legend class="hy-row__legend">{format!("第{n}个放假区间")}</legend>
                        <div class="hy-row__fields">
                            <div class="hy-cell hy-cell--name" class:field--error=name_bad>
                                <label class="hy-cell__label" for=name_id.clone()>"名称"</label>
                                {field_errors(errors, name_id.clone())}
                                <input
                                    class="input"
                                    id=name_id.clone()
                                    type="text"
                                    autocomplete="off"
                                    aria-invalid=move || name_bad().then_some("true")
                                    prop:value=move || row.name.get()
                                    on:input=move |ev| row.name.set(event_target_value(&ev))
                                />
                            </div>
                            <div class="hy-cell" class:field--error=from_bad>
                                <label class="hy-cell__label" for=from_id.clone()>"开始日期"</label>
                                {field_errors(errors, from_id.clone())}
                                <input
                                    class="input"
                                    id=from_id.clone()
                                    type="date"
                                    aria-invalid=move || from_bad().then_some("true")
                                    prop:value=move || row.from.get()
                                    on:input=move |ev| row.from.set(event_target_value(&ev))
                                />
                            </div>
                            <div class="hy-cell" class:field--error=to_bad>
                                <label class="hy-cell__label" for=to_id.clone()>"结束日期（含）"</label>
                                {field_errors(errors, to_id.clone())}
                                <input
                                    class="input"
                                    id=to_id.clone()
                                    type="date"
                                    aria-invalid=move || to_bad().then_some("true")
                                    prop:value=move || row.to.get()
                                    on:input=move |ev| row.to.set(event_target_value(&ev))
                                />
                            </div>
                            <button
                                type="button"
                                class="button button--secondary hy-row__remove"
                                aria-label=format!("删除此行（第{n}个放假区间）")
                                disabled={count <= 1}
                                on:click=remove
                            >
                                "删除此行"
                            </button>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };

    let workday_rows = move || {
        draft
            .workdays
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let n = i + 1;
                let id = workday_id(row.key);
                let bad = has_error(errors, id.clone());
                let remove = move |_| {
                    draft.workdays.update(|rows| rows.retain(|r| r.key != row.key));
                    request_animation_frame(|| focus_control(ADD_WORKDAY_ID));
                };
                view! {
                    <div class="hy-workday" class:field--error=bad data-testid="hy-workday-row">
                        <label class="hy-cell__label" for=id.clone()>{format!("第{n}个调休上班日")}</label>
                        {field_errors(errors, id.clone())}
                        <div class="hy-workday__line">
                            <input
                                class="input input--short"
                                id=id.clone()
                                type="date"
                                aria-invalid=move || bad().then_some("true")
                                prop:value=move || row.date.get()
                                on:input=move |ev| row.date.set(event_target_value(&ev))
                            />
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=format!("删除第{n}个调休上班日")
                                on:click=remove
                            >
                                "删除"
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };

    let add_holiday = move |_: leptos::ev::MouseEvent| {
        let row = draft.holiday_row("", String::new(), String::new());
        let id = holiday_id(row.key, "name");
        draft.holidays.update(|rows| rows.push(row));
        request_animation_frame(move || focus_control(&id));
    };
    let add_workday = move |_: leptos::ev::MouseEvent| {
        let row = draft.workday_row(String::new());
        let id = workday_id(row.key);
        draft.workdays.update(|rows| rows.push(row));
        request_animation_frame(move || focus_control(&id));
    };
    let cancel = move |_: leptos::ev::MouseEvent| draft.clear();

    view! {
        <form class="form hy-form card" on:submit=on_submit novalidate=true data-testid="hy-form">
            <h3 class="hy-form__title">
                {move || match draft.editing.get() {
                    Some(y) => format!("修改{y}年的安排"),
                    None => "添加一年的安排".to_owned(),
                }}
            </h3>
            <ErrorSummary errors=errors.into()/>
            <div class="field" class:field--error=has_error(errors, YEAR_ID.to_owned())>
                <label class="field__label" for=YEAR_ID>"年份"</label>
                <p class="field__hint" id="hy-year-hint">"通知所安排的年份，例如 2027。"</p>
                {field_errors(errors, YEAR_ID.to_owned())}
                <input
                    class="input input--short"
                    id=YEAR_ID
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-describedby="hy-year-hint"
                    aria-invalid=move || has_error(errors, YEAR_ID.to_owned())().then_some("true")
                    prop:value=move || draft.year.get()
                    on:input=move |ev| draft.year.set(event_target_value(&ev))
                />
                {move || year_hint().map(|h| view! { <p class="field__hint hy-note">{h}</p> })}
            </div>
            <div class="field" class:field--error=has_error(errors, ADD_HOLIDAY_ID.to_owned())>
                <h4 class="field__label">"放假安排"</h4>
                <p class="field__hint">
                    "按通知逐项填写放假区间，开始和结束日期都包括在内（含其中的周六、周日）。跨年的元旦假期可以从上一年12月开始。"
                </p>
                {field_errors(errors, ADD_HOLIDAY_ID.to_owned())}
                {holiday_rows}
                <button
                    type="button"
                    class="button button--secondary"
                    id=ADD_HOLIDAY_ID
                    data-testid="hy-add-holiday"
                    disabled={move || draft.holidays.get().len() >= MAX_HOLIDAYS_PER_YEAR}
                    on:click=add_holiday
                >
                    "添加放假区间"
                </button>
            </div>
            <div class="field" class:field--error=has_error(errors, ADD_WORKDAY_ID.to_owned())>
                <h4 class="field__label">"调休上班日"</h4>
                <p class="field__hint">
                    "通知中安排上班的周六、周日。没有调休的年份不用填写。"
                </p>
                {field_errors(errors, ADD_WORKDAY_ID.to_owned())}
                {workday_rows}
                <button
                    type="button"
                    class="button button--secondary"
                    id=ADD_WORKDAY_ID
                    data-testid="hy-add-workday"
                    disabled={move || draft.workdays.get().len() >= MAX_WORKDAYS_PER_YEAR}
                    on:click=add_workday
                >
                    "添加调休上班日"
                </button>
            </div>
            <div class="actions">
                <button type="submit" class="button" data-testid="hy-save" disabled=move || busy.get()>
                    "保存该年安排"
                </button>
                <button type="button" class="button button--secondary" on:click=cancel>
                    {move || if draft.editing.get().is_some() { "取消修改" } else { "清空" }}
                </button>
            </div>
        </form>
    }
}
