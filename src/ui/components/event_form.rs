//! `EventForm`: records one event on a case — the payload the event carries (reasons,
//! determinations, measures, extension grounds, answers, tasks, corrections…), its time and a
//! note. The core decides (`Case::apply`); the store saves only on top of the revision the form
//! was opened on, so a change made meanwhile in another tab is never overwritten.

use leptos::prelude::*;

use crate::core::case::{CaseInput, validate};
use crate::core::workflow::{
    AppealOpinion, Case, Env, Event, EventKind, ExtensionGround, NewEvent, ReviewAnswer, TaskId,
    next_due, transition,
};
use crate::core::workflow::{Determination, Measure};
use crate::store::{self, StoreError};
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::case_form::{
    CaseForm, datetime_local, field_errors, parse_datetime_local, submitted,
};
use crate::ui::components::error_summary::{ErrorSummary, FieldError};
use crate::ui::state::{DbState, use_calendar, use_cases, use_db, use_settings};

/// The free texts an event of this kind carries: (label, hint) of the first and second text.
fn texts(kind: EventKind) -> (Option<&'static str>, Option<&'static str>) {
    match kind {
        EventKind::CommitteeDeclined => (Some("维权委不同意的理由"), None),
        EventKind::ApplicantCausedDelay => (Some("申请人方面无法答复的原因"), None),
        EventKind::Rejected => (Some("不予受理的理由（答复时说明，第三十一条）"), None),
        EventKind::InvestigationCompleted => (Some("核查情况"), None),
        EventKind::FindingsApproved => (Some("核查结果"), None),
        EventKind::ReviewAnswered => (Some("复核意见"), None),
        EventKind::MeasureTaken => (Some("措施的落实情况"), None),
        EventKind::AppealCheckCompleted => (Some("初查情况"), None),
        EventKind::HearingHeld => (Some("陈述、申辩的要点"), None),
        EventKind::AppealReviewed => (
            Some("对事实、理由、依据和程序的复核意见"),
            Some("接收复核意见的作出决定部门（决定不当时必填）"),
        ),
        EventKind::TaskAssigned => (Some("承办人或承办单位"), None),
        EventKind::TaskCompleted => (Some("办理结果"), None),
        EventKind::Supervised => (Some("被督办单位"), Some("督办要求")),
        EventKind::Correction => (Some("更正原因"), None),
        EventKind::Closed => (Some("结案情况"), None),
        EventKind::Received
        | EventKind::FactsAmended
        | EventKind::ReportedToCommittee
        | EventKind::CommitteeConsented
        | EventKind::Accepted
        | EventKind::DeemedAccepted
        | EventKind::InvestigationApproved
        | EventKind::ExtensionApproved
        | EventKind::ApplicantNotified
        | EventKind::ReviewRequested
        | EventKind::DocumentIssued => (None, None),
    }
}

/// What the time of the record means for this kind, where the 细则 counts from it.
fn time_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Accepted | EventKind::Rejected => "申请人收到答复的时间",
        EventKind::ApplicantNotified => "申请人收到核查结果的时间",
        EventKind::ReviewRequested => "上一级维权办收到复核申请的时间",
        _ => "发生时间",
    }
}

/// The options of the single choice an event of this kind needs: (key, label).
fn choices(kind: EventKind, case: &Case, fits: &dyn Fn(&Event) -> bool) -> Vec<(String, String)> {
    // Placeholder texts: only the choice is probed here; the texts are checked on submit.
    let text = || "-".to_owned();
    match kind {
        EventKind::ReviewAnswered => ReviewAnswer::ALL
            .into_iter()
            .filter(|a| {
                fits(&Event::ReviewAnswered {
                    answer: *a,
                    reasons: text(),
                })
            })
            .map(|a| (format!("{a:?}"), a.label().to_owned()))
            .collect(),
        EventKind::MeasureTaken => Measure::ALL
            .into_iter()
            .filter(|m| {
                fits(&Event::MeasureTaken {
                    measure: *m,
                    detail: text(),
                })
            })
            .map(|m| (format!("{m:?}"), m.label().to_owned()))
            .collect(),
        // 第三十三条: a heavier sanction is refused by the core, so it is never offered.
        EventKind::AppealReviewed => AppealOpinion::ALL
            .into_iter()
            .filter(|o| {
                fits(&Event::AppealReviewed {
                    opinion: *o,
                    reasons: text(),
                    recipient: text(),
                })
            })
            .map(|o| (format!("{o:?}"), o.label().to_owned()))
            .collect(),
        EventKind::TaskAssigned | EventKind::TaskCompleted => TaskId::ALL
            .into_iter()
            .filter(|t| {
                let probe = if kind == EventKind::TaskAssigned {
                    Event::TaskAssigned {
                        task: *t,
                        assignee: text(),
                    }
                } else {
                    Event::TaskCompleted {
                        task: *t,
                        result: text(),
                    }
                };
                fits(&probe)
            })
            .map(|t| (format!("{t:?}"), t.title().to_owned()))
            .collect(),
        EventKind::Correction => case
            .history()
            .iter()
            .filter(|r| !matches!(r.kind, Event::Correction { .. }))
            .map(|r| {
                (
                    r.seq.to_string(),
                    format!(
                        "第{}条 {} {}",
                        r.seq,
                        r.at.format("%Y-%m-%d %H:%M"),
                        r.kind.kind().label()
                    ),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The options of the multiple choice an event of this kind needs.
fn multi(kind: EventKind) -> Vec<(String, String)> {
    match kind {
        EventKind::ExtensionApproved => ExtensionGround::ALL
            .into_iter()
            .map(|g| (format!("{g:?}"), g.label().to_owned()))
            .collect(),
        EventKind::FindingsApproved => Determination::ALL
            .into_iter()
            .map(|d| (format!("{d:?}"), d.label().to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

fn pick<T: Copy + std::fmt::Debug>(all: &[T], key: &str) -> Option<T> {
    all.iter().copied().find(|v| format!("{v:?}") == key)
}

/// The typed fields of the form.
#[derive(Clone, Debug, Default)]
struct Typed {
    choice: String,
    picked: Vec<String>,
    first: String,
    second: String,
    corrected_at: String,
}

/// The event the form describes, or what is missing in it (in Chinese).
fn build(kind: EventKind, t: &Typed, facts: Option<CaseInput>) -> Result<Event, String> {
    let first = t.first.clone();
    let second = t.second.clone();
    let choose = |what: &str| format!("请选择{what}。");
    Ok(match kind {
        EventKind::Received => return Err("“收到申请”只能是案件的第一条记录。".into()),
        EventKind::DocumentIssued => return Err("文书在“文书”一栏出具，不在此记录。".into()),
        EventKind::FactsAmended => {
            let input = facts.unwrap_or_default();
            let facts = validate(&submitted(&input), today_shanghai())
                .map_err(|_| "请修改案件信息中的问题（见上方列表）。".to_owned())?;
            Event::FactsAmended {
                facts: Box::new(facts),
            }
        }
        EventKind::ReportedToCommittee => Event::ReportedToCommittee,
        EventKind::CommitteeConsented => Event::CommitteeConsented,
        EventKind::CommitteeDeclined => Event::CommitteeDeclined { reasons: first },
        EventKind::ApplicantCausedDelay => Event::ApplicantCausedDelay { reason: first },
        EventKind::Accepted => Event::Accepted,
        EventKind::Rejected => Event::Rejected { reasons: first },
        EventKind::DeemedAccepted => Event::DeemedAccepted,
        EventKind::InvestigationApproved => Event::InvestigationApproved,
        EventKind::ExtensionApproved => Event::ExtensionApproved {
            grounds: ExtensionGround::ALL
                .into_iter()
                .filter(|g| t.picked.contains(&format!("{g:?}")))
                .collect(),
        },
        EventKind::InvestigationCompleted => Event::InvestigationCompleted { summary: first },
        EventKind::FindingsApproved => Event::FindingsApproved {
            determinations: Determination::ALL
                .into_iter()
                .filter(|d| t.picked.contains(&format!("{d:?}")))
                .collect(),
            summary: first,
        },
        EventKind::ApplicantNotified => Event::ApplicantNotified,
        EventKind::ReviewRequested => Event::ReviewRequested,
        EventKind::ReviewAnswered => Event::ReviewAnswered {
            answer: pick(&ReviewAnswer::ALL, &t.choice).ok_or_else(|| choose("复核结论"))?,
            reasons: first,
        },
        EventKind::MeasureTaken => Event::MeasureTaken {
            measure: pick(&Measure::ALL, &t.choice).ok_or_else(|| choose("落实的措施"))?,
            detail: first,
        },
        EventKind::AppealCheckCompleted => Event::AppealCheckCompleted { summary: first },
        EventKind::HearingHeld => Event::HearingHeld { summary: first },
        EventKind::AppealReviewed => Event::AppealReviewed {
            opinion: pick(&AppealOpinion::ALL, &t.choice).ok_or_else(|| choose("复核意见"))?,
            reasons: first,
            recipient: second,
        },
        EventKind::TaskAssigned => Event::TaskAssigned {
            task: pick(&TaskId::ALL, &t.choice).ok_or_else(|| choose("事项"))?,
            assignee: first,
        },
        EventKind::TaskCompleted => Event::TaskCompleted {
            task: pick(&TaskId::ALL, &t.choice).ok_or_else(|| choose("事项"))?,
            result: first,
        },
        EventKind::Supervised => Event::Supervised {
            unit: first,
            instruction: second,
        },
        EventKind::Correction => {
            let seq = t
                .choice
                .parse::<u32>()
                .map_err(|_| choose("要更正的记录"))?;
            let corrected_at = if t.corrected_at.trim().is_empty() {
                None
            } else {
                Some(parse_datetime_local(&t.corrected_at, "更正后的时间")?)
            };
            Event::Correction {
                seq,
                corrected_at,
                reason: first,
            }
        }
        EventKind::Closed => Event::Closed { summary: first },
    })
}

/// The outcome of the last submission.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Nothing submitted yet, or the last attempt is being redone.
    None,
    /// The core or the form refused; the message says why.
    Refused(String),
    /// Another tab saved first; nothing was written.
    Stale(String),
}

/// A form that records one event of `kind` on `case` (the case as it was when the form was
/// opened: the save is refused if it has changed since).
#[component]
pub fn EventForm(
    /// The kind of event to record.
    kind: EventKind,
    /// The case as loaded when the form was opened.
    case: Case,
    /// The task to preselect, for task events opened from the task list.
    task: Option<TaskId>,
    /// Called after a successful save with the saved case.
    on_saved: Callback<Case>,
    /// Called to close the form without saving.
    on_cancel: Callback<()>,
    /// Called to reload the case from storage (after a stale save).
    on_reload: Callback<()>,
) -> impl IntoView {
    let db = use_db().0;
    let calendar = use_calendar();
    let cases = use_cases();
    let settings = use_settings().settings;

    let policy = crate::ui::state::case_policy(use_settings());
    let today = today_shanghai();
    // Only the choices the rules admit now are offered (the core's transition decides).
    let options = calendar.calendar.with_untracked(|cal| {
        calendar.readings.with_untracked(|readings| {
            let env = Env {
                calendar: cal,
                readings,
                policy: &policy,
            };
            let guards = case.guards(&env, today);
            let fits = |event: &Event| transition(case.state(), event, &guards).is_ok();
            choices(kind, &case, &fits)
        })
    });
    let multi_options = multi(kind);
    let (first_label, second_label) = texts(kind);

    let typed = RwSignal::new(Typed {
        choice: task.map(|t| format!("{t:?}")).unwrap_or_else(|| {
            if options.len() == 1 {
                options[0].0.clone()
            } else {
                String::new()
            }
        }),
        ..Typed::default()
    });
    let at = RwSignal::new(datetime_local(now_shanghai()));
    let note = RwSignal::new(String::new());
    let facts_input = RwSignal::new(CaseInput::from(case.facts()));
    let facts_errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(Outcome::None);
    let busy = RwSignal::new(false);
    let case = StoredValue::new(case);
    let prefix = format!("ev-{kind:?}").to_lowercase();
    // Keyboard and screen-reader users land on the form they opened.
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(el) = heading.get() {
            let _ = el.focus();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        outcome.set(Outcome::None);
        let Some(actor) = settings.get_untracked().map(|s| s.operator) else {
            outcome.set(Outcome::Refused(
                "尚未设置操作人，记录无法记明记录人。请先到“设置”页填写操作人姓名。".into(),
            ));
            return;
        };
        if kind == EventKind::FactsAmended {
            match validate(&submitted(&facts_input.get_untracked()), today_shanghai()) {
                Ok(_) => facts_errors.set(Vec::new()),
                Err(issues) => {
                    facts_errors.set(field_errors(issues));
                    return;
                }
            }
        }
        let at = match parse_datetime_local(&at.get_untracked(), "记录的时间") {
            Ok(at) => at,
            Err(m) => {
                outcome.set(Outcome::Refused(m));
                return;
            }
        };
        let event = match build(
            kind,
            &typed.get_untracked(),
            Some(facts_input.get_untracked()),
        ) {
            Ok(event) => event,
            Err(m) => {
                outcome.set(Outcome::Refused(m));
                return;
            }
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            outcome.set(Outcome::Refused(
                "本地数据库尚未就绪，记录未保存。请稍候再试。".into(),
            ));
            return;
        };
        let now = now_shanghai();
        let old = case.get_value();
        let entry = NewEvent {
            at,
            actor,
            event,
            note: note.get_untracked(),
        };
        let applied = calendar.calendar.with_untracked(|cal| {
            calendar.readings.with_untracked(|readings| {
                let env = Env {
                    calendar: cal,
                    readings,
                    policy: &policy,
                };
                old.apply(entry, &env, now).map(|new| {
                    let next = next_due(&new, cal, readings, today);
                    (new, next)
                })
            })
        });
        let (new, next) = match applied {
            Ok(done) => done,
            Err(refusal) => {
                outcome.set(Outcome::Refused(refusal.to_string()));
                return;
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match store::cases::save(&conn, &new, old.revision(), next).await {
                Ok(()) => {
                    cases.saved(new.id().as_str(), new.revision());
                    on_saved.run(new);
                }
                Err(e @ StoreError::Stale { .. }) => outcome.set(Outcome::Stale(e.to_string())),
                Err(e) => outcome.set(Outcome::Refused(e.to_string())),
            }
            busy.set(false);
        });
    };

    let choice_view = (!options.is_empty()).then(|| {
        let name = format!("{prefix}-choice");
        let legend = match kind {
            EventKind::ReviewAnswered => "复核结论",
            EventKind::MeasureTaken => "落实的措施（第三十四条）",
            EventKind::AppealReviewed => "复核意见（第三十三条）",
            EventKind::Correction => "要更正的记录",
            _ => "事项",
        };
        let radios = options
            .into_iter()
            .enumerate()
            .map(|(n, (key, label))| {
                let id = format!("{name}-{n}");
                let value = key.clone();
                let checked = key.clone();
                view! {
                    <div class="radio">
                        <input
                            type="radio"
                            name=name.clone()
                            id=id.clone()
                            value=value
                            prop:checked=move || typed.with(|t| t.choice == checked)
                            on:change=move |_| typed.update(|t| t.choice = key.clone())
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="field">
                <legend class="field__label">{legend}</legend>
                <div class="radios">{radios}</div>
            </fieldset>
        }
    });
    let choice_missing = matches!(
        kind,
        EventKind::ReviewAnswered
            | EventKind::MeasureTaken
            | EventKind::AppealReviewed
            | EventKind::TaskAssigned
            | EventKind::TaskCompleted
            | EventKind::Correction
    ) && choice_view.is_none();

    let multi_view = (!multi_options.is_empty()).then(|| {
        let (legend, hint) = match kind {
            EventKind::ExtensionApproved => (
                "延长的理由（第三十二条：重大、疑难、复杂）",
                "经报维权委同意，调查核实期限可延长至60日。",
            ),
            _ => (
                "第三十四条的认定（可多选，也可都不选）",
                "认定决定结案前应当落实的措施：督促纠正、督察建议为必须；抚慰、正名视情。",
            ),
        };
        let boxes = multi_options
            .into_iter()
            .enumerate()
            .map(|(n, (key, label))| {
                let id = format!("{prefix}-multi-{n}");
                let checked = key.clone();
                view! {
                    <div class="radio">
                        <input
                            type="checkbox"
                            id=id.clone()
                            value=key.clone()
                            prop:checked=move || typed.with(|t| t.picked.contains(&checked))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let key = key.clone();
                                typed.update(|t| {
                                    t.picked.retain(|k| *k != key);
                                    if on {
                                        t.picked.push(key);
                                    }
                                });
                            }
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="field">
                <legend class="field__label">{legend}</legend>
                <p class="field__hint">{hint}</p>
                <div class="radios">{boxes}</div>
            </fieldset>
        }
    });

    let text_area = move |label: &'static str, id: String, second: bool| {
        view! {
            <div class="field">
                <label class="field__label" for=id.clone()>{label}</label>
                <textarea
                    id=id.clone()
                    name=id
                    rows="3"
                    prop:value=move || typed.with(|t| if second { t.second.clone() } else { t.first.clone() })
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        typed.update(|t| if second { t.second = v } else { t.first = v });
                    }
                ></textarea>
            </div>
        }
    };
    let first_view = first_label.map(|l| text_area(l, format!("{prefix}-text"), false));
    let second_view = second_label.map(|l| text_area(l, format!("{prefix}-text2"), true));
    let corrected_view = (kind == EventKind::Correction).then(|| {
        let id = format!("{prefix}-corrected-at");
        view! {
            <div class="field">
                <label class="field__label" for=id.clone()>"正确的时间（仅在时间记错时填写）"</label>
                <input
                    class="input input--short"
                    type="datetime-local"
                    id=id.clone()
                    name=id
                    prop:value=move || typed.with(|t| t.corrected_at.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        typed.update(|t| t.corrected_at = v);
                    }
                />
            </div>
        }
    });
    let facts_view = (kind == EventKind::FactsAmended).then(|| {
        view! {
            <ErrorSummary errors=facts_errors.into()/>
            <CaseForm input=facts_input errors=facts_errors/>
        }
    });
    let at_id = format!("{prefix}-at");
    let note_id = format!("{prefix}-note");

    view! {
        <form class="form event-form" on:submit=submit novalidate=true data-testid="event-form">
            <h3 class="event-form__title" tabindex="-1" node_ref=heading>{kind.label()}</h3>
            {facts_view}
            {choice_missing
                .then(|| view! { <p class="muted">"本案目前没有可选的对象。"</p> })}
            {choice_view}
            {multi_view}
            {first_view}
            {second_view}
            {corrected_view}
            <div class="field">
                <label class="field__label" for=at_id.clone()>{time_label(kind)}</label>
                <p class="field__hint">"默认为现在；补录的按实际时间填写，不能早于上一条记录。"</p>
                <input
                    class="input input--short"
                    type="datetime-local"
                    id=at_id.clone()
                    name=at_id
                    prop:value=move || at.get()
                    on:input=move |ev| at.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label class="field__label" for=note_id.clone()>"备注（选填）"</label>
                <textarea
                    id=note_id.clone()
                    name=note_id
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            {move || match outcome.get() {
                Outcome::None => None,
                Outcome::Refused(m) => Some(
                    view! {
                        <div class="banner banner--error" role="alert" data-testid="event-refused">{m}</div>
                    }
                        .into_any(),
                ),
                Outcome::Stale(m) => Some(
                    view! {
                        <div class="banner banner--error" role="alert" data-testid="event-stale">
                            <p>{m}</p>
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid="case-reload"
                                on:click=move |_| on_reload.run(())
                            >
                                "重新载入"
                            </button>
                        </div>
                    }
                        .into_any(),
                ),
            }}
            <div class="event-form__buttons">
                <button type="submit" class="button" data-testid="event-submit" disabled=move || busy.get()>
                    "记录"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    "取消"
                </button>
            </div>
        </form>
    }
}
