//! `MonthGrid`: one month, weeks starting on Monday, each day marked as working day, weekend,
//! statutory holiday or make-up working day, with the start and due days of a count.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::core::calendar::{DayKind, DaySource, MonthView};

/// Renders `month` as a table; `start` and `due` are highlighted when inside it.
#[component]
pub fn MonthGrid(
    /// The month to show.
    month: MonthView,
    /// The day counting started after (not counted).
    #[prop(optional)]
    start: Option<NaiveDate>,
    /// The due date.
    #[prop(optional)]
    due: Option<NaiveDate>,
) -> impl IntoView {
    let caption = format!("{}年{}月", month.year, month.month);
    let mut cells: Vec<Option<_>> = (0..month.leading_blank_days).map(|_| None).collect();
    cells.extend(month.days.iter().cloned().map(Some));
    while cells.len() % 7 != 0 {
        cells.push(None);
    }
    let rows = cells
        .chunks(7)
        .map(|week| {
            let tds = week
                .iter()
                .map(|cell| match cell {
                    None => view! { <td class="mg__blank"></td> }.into_any(),
                    Some(day) => {
                        let (class, mark) = match &day.kind {
                            DayKind::Workday => ("mg__work", String::new()),
                            DayKind::Weekend => ("mg__weekend", String::new()),
                            DayKind::Holiday { name } => ("mg__holiday", name.clone()),
                            DayKind::MakeUpWorkday { .. } => ("mg__makeup", "班".to_owned()),
                        };
                        let mut classes = vec![class];
                        if day.source == DaySource::Unknown {
                            classes.push("mg__unknown");
                        }
                        let role = if Some(day.date) == start {
                            classes.push("mg__start");
                            "（起算日，不计入）"
                        } else if Some(day.date) == due {
                            classes.push("mg__due");
                            "（届满日）"
                        } else {
                            ""
                        };
                        let label = format!("{}日 {}{}", day.date.day(), day.explain(), role);
                        let title = label.clone();
                        view! {
                            <td class=classes.join(" ") title=title>
                                <span class="mg__day" aria-hidden="true">{day.date.day()}</span>
                                <span class="mg__mark" aria-hidden="true">{mark}</span>
                                <span class="visually-hidden">{label}</span>
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! { <tr>{tds}</tr> }
        })
        .collect_view();
    let unknown = month.unknown_reason.clone();
    view! {
        <div class="mg">
            <table class="mg__table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {["一", "二", "三", "四", "五", "六", "日"]
                            .into_iter()
                            .map(|d| view! { <th scope="col">{d}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {unknown.map(|r| view! { <p class="mg__note">{r}</p> })}
        </div>
    }
}
