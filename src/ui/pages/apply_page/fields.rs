//! The wizard's form controls (GOV.UK patterns): each reads and writes one part of the shared
//! `ApplicationForm` signal through a getter and a setter, so nothing typed is lost when the
//! screen changes or an error is shown, and each shows its own error beside it.

use leptos::prelude::*;

use crate::core::application::ApplicationForm;
use crate::ui::components::error_summary::FieldError;

/// Reads one text answer.
pub type GetText = fn(&ApplicationForm) -> String;
/// Writes one text answer.
pub type SetText = fn(&mut ApplicationForm, String);
/// Reads a set of answers.
pub type GetMany = fn(&ApplicationForm) -> Vec<String>;
/// Writes a set of answers.
pub type SetMany = fn(&mut ApplicationForm, Vec<String>);

/// One choice of a radio or checkbox group: key, label, optional hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opt {
    /// The stored key.
    pub key: String,
    /// What the user reads.
    pub label: String,
    /// A plain-language explanation, if any.
    pub hint: Option<String>,
}

impl Opt {
    /// An option without hint.
    pub fn new(key: &str, label: &str) -> Opt {
        Opt {
            key: key.to_owned(),
            label: label.to_owned(),
            hint: None,
        }
    }

    /// An option with a hint.
    pub fn hinted(key: &str, label: &str, hint: &str) -> Opt {
        Opt {
            key: key.to_owned(),
            label: label.to_owned(),
            hint: Some(hint.to_owned()),
        }
    }
}

fn error_for(errors: RwSignal<Vec<FieldError>>, id: &str) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|e| e.control_id == id)
            .map(|e| e.message.clone())
    })
}

fn field_class(has_error: bool) -> &'static str {
    if has_error {
        "field field--error"
    } else {
        "field"
    }
}

/// A one-line text (or date, time, tel) field.
#[component]
pub fn TextField(
    /// The control id (the core's `control_id`).
    id: &'static str,
    /// The label.
    label: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// `text`, `date`, `time` or `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    /// Whether the field is short (dates, numbers).
    #[prop(optional)]
    short: bool,
    /// `autocomplete` value, when the browser may help.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// Reads the answer.
    get: GetText,
    /// Writes the answer.
    set: SetText,
    /// The screen's errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = move || error_for(errors, id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class=move || field_class(error().is_some())>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || error().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input
                class=if short { "input input--short" } else { "input" }
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                aria-describedby=described
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
        </div>
    }
}

/// A multi-line text field.
#[component]
pub fn TextArea(
    /// The control id.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// Reads the answer.
    get: GetText,
    /// Writes the answer.
    set: SetText,
    /// The screen's errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = move || error_for(errors, id);
    view! {
        <div class=move || field_class(error().is_some())>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {move || error().map(|e| view! { <p class="field-error">{e}</p> })}
            <textarea
                id=id
                name=id
                rows="6"
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            ></textarea>
        </div>
    }
}

/// A radio group in a fieldset; the first radio carries `id` so the error summary can focus it.
#[component]
pub fn Radios(
    /// The group's control id.
    id: &'static str,
    /// The question.
    legend: &'static str,
    /// A hint under the question.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The choices.
    options: Vec<Opt>,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// Reads the answer.
    get: GetText,
    /// Writes the answer.
    set: SetText,
    /// The screen's errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = move || error_for(errors, id);
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let control = if i == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", o.key)
            };
            let key = o.key.clone();
            let checked = {
                let key = key.clone();
                move || form.with(|f| get(f) == key)
            };
            view! {
                <div class="radio apply-choice">
                    <input
                        type="radio"
                        id=control.clone()
                        name=id
                        value=key.clone()
                        prop:checked=checked
                        on:change=move |_| form.update(|f| set(f, key.clone()))
                    />
                    <label for=control>
                        {o.label}
                        {o.hint.map(|h| view! { <span class="apply-choice__hint">{h}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=move || field_class(error().is_some())>
            <legend class="field__label">{legend}</legend>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {move || error().map(|e| view! { <p class="field-error">{e}</p> })}
            <div class="radios">{items}</div>
        </fieldset>
    }
}

/// A checkbox group in a fieldset; the answer keeps the options' order.
#[component]
pub fn Checkboxes(
    /// The group's control id.
    id: &'static str,
    /// The question.
    legend: &'static str,
    /// A hint under the question.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The choices.
    options: Vec<Opt>,
    /// The form.
    form: RwSignal<ApplicationForm>,
    /// Reads the answer.
    get: GetMany,
    /// Writes the answer.
    set: SetMany,
    /// The screen's errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = move || error_for(errors, id);
    let order: Vec<String> = options.iter().map(|o| o.key.clone()).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let control = if i == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", o.key)
            };
            let key = o.key.clone();
            let order = order.clone();
            let checked = {
                let key = key.clone();
                move || form.with(|f| get(f).contains(&key))
            };
            view! {
                <div class="radio apply-choice">
                    <input
                        type="checkbox"
                        id=control.clone()
                        name=id
                        value=key.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.update(|f| {
                                let mut now = get(f);
                                now.retain(|k| k != &key);
                                if on {
                                    now.push(key.clone());
                                }
                                // Keys the form does not offer stay, so validation reports them.
                                let mut sorted: Vec<String> = order
                                    .iter()
                                    .filter(|k| now.contains(k))
                                    .cloned()
                                    .collect();
                                sorted.extend(now.into_iter().filter(|k| !order.contains(k)));
                                set(f, sorted);
                            });
                        }
                    />
                    <label for=control>
                        {o.label}
                        {o.hint.map(|h| view! { <span class="apply-choice__hint">{h}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=move || field_class(error().is_some())>
            <legend class="field__label">{legend}</legend>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {move || error().map(|e| view! { <p class="field-error">{e}</p> })}
            <div class="radios">{items}</div>
        </fieldset>
    }
}
