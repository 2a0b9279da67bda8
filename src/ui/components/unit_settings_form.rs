//! `UnitSettingsForm`: the unit's name and level, the operator's name, the amount from which
//! a property loss counts as large under 第十三条 and the prefix of the unit's document numbers,
//! validated by the core and kept in local storage.

use leptos::prelude::*;

use crate::core::settings::{SettingsField, SettingsInput, UnitLevel, validate};
use crate::store;
use crate::ui::components::error_summary::{ErrorSummary, FieldError};
use crate::ui::state::use_settings;

/// The unit settings form.
#[component]
pub fn UnitSettingsForm() -> impl IntoView {
    let ctx = use_settings();
    let initial = ctx
        .settings
        .get_untracked()
        .map(|s| SettingsInput::from(&s))
        .unwrap_or_default();
    let unit_name = RwSignal::new(initial.unit_name);
    let unit_level = RwSignal::new(initial.unit_level);
    let operator = RwSignal::new(initial.operator);
    let large_loss = RwSignal::new(initial.large_loss_yuan);
    let number_prefix = RwSignal::new(initial.number_prefix);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let save_error = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        save_error.set(None);
        let input = SettingsInput {
            unit_name: unit_name.get_untracked(),
            unit_level: unit_level.get_untracked(),
            operator: operator.get_untracked(),
            large_loss_yuan: large_loss.get_untracked(),
            number_prefix: number_prefix.get_untracked(),
        };
        match validate(&input) {
            Ok(settings) => {
                errors.set(Vec::new());
                match store::settings::save(&settings) {
                    Ok(()) => {
                        unit_name.set(settings.unit_name.clone());
                        operator.set(settings.operator.clone());
                        large_loss.set(SettingsInput::from(&settings).large_loss_yuan);
                        number_prefix.set(SettingsInput::from(&settings).number_prefix);
                        ctx.settings.set(Some(settings));
                        ctx.damaged.set(false);
                        saved.set(true);
                    }
                    Err(message) => save_error.set(Some(message)),
                }
            }
            Err(issues) => errors.set(
                issues
                    .into_iter()
                    .map(|i| FieldError {
                        control_id: i.field.control_id().to_owned(),
                        message: i.message,
                    })
                    .collect(),
            ),
        }
    };

    let error_for = move |field: SettingsField| {
        move || {
            errors
                .get()
                .into_iter()
                .find(|e| e.control_id == field.control_id())
                .map(|e| view! { <p class="field-error" id=format!("{}-error", e.control_id)>{e.message}</p> })
        }
    };
    let invalid = move |field: SettingsField| {
        move || {
            errors
                .get()
                .iter()
                .any(|e| e.control_id == field.control_id())
                .then_some("true")
        }
    };

    let levels = UnitLevel::ALL
        .into_iter()
        .map(|level| {
            let id = format!("unit-level-{}", level.key());
            // The first radio carries the group's id so the error summary can focus it.
            let control_id = if level == UnitLevel::ALL[0] {
                SettingsField::UnitLevel.control_id().to_owned()
            } else {
                id.clone()
            };
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="unit-level"
                        id=control_id.clone()
                        value=level.key()
                        prop:checked=move || unit_level.get() == level.key()
                        on:change=move |_| unit_level.set(level.key().to_owned())
                    />
                    <label for=control_id>{level.label()}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="unit-settings">
            <Show when=move || ctx.damaged.get()>
                <div class="banner banner--warning" role="status">
                    "本机保存的设置已损坏或不完整，未被使用。请重新填写并保存。"
                </div>
            </Show>
            <ErrorSummary errors=errors.into()/>
            <Show when=move || saved.get()>
                <div class="banner banner--success" role="status" data-testid="settings-saved">
                    "设置已保存。"
                </div>
            </Show>
            {move || {
                save_error.get().map(|m| view! { <div class="banner banner--error" role="alert">{m}</div> })
            }}
            <form class="form" on:submit=on_submit novalidate=true>
                <div class="field" class:field--error=move || invalid(SettingsField::UnitName)().is_some()>
                    <label class="field__label" for="unit-name">"单位名称"</label>
                    <p class="field__hint" id="unit-name-hint">
                        "显示在页首和打印文书上，例如“嘉兴市公安局南湖区分局”。"
                    </p>
                    {error_for(SettingsField::UnitName)}
                    <input
                        class="input"
                        id="unit-name"
                        name="unit-name"
                        type="text"
                        autocomplete="organization"
                        aria-describedby="unit-name-hint"
                        aria-invalid=invalid(SettingsField::UnitName)
                        prop:value=move || unit_name.get()
                        on:input=move |ev| unit_name.set(event_target_value(&ev))
                    />
                </div>
                <fieldset class="field" class:field--error=move || invalid(SettingsField::UnitLevel)().is_some()>
                    <legend class="field__label">"单位层级"</legend>
                    <p class="field__hint">
                        "第六条：市、县两级公安机关及市局交警支队设立维权委和维权办。"
                    </p>
                    {error_for(SettingsField::UnitLevel)}
                    <div class="radios">{levels}</div>
                </fieldset>
                <div class="field" class:field--error=move || invalid(SettingsField::Operator)().is_some()>
                    <label class="field__label" for="operator">"操作人姓名"</label>
                    <p class="field__hint" id="operator-hint">"记入每一条案件办理记录。"</p>
                    {error_for(SettingsField::Operator)}
                    <input
                        class="input input--short"
                        id="operator"
                        name="operator"
                        type="text"
                        autocomplete="name"
                        aria-describedby="operator-hint"
                        aria-invalid=invalid(SettingsField::Operator)
                        prop:value=move || operator.get()
                        on:input=move |ev| operator.set(event_target_value(&ev))
                    />
                </div>
                <div class="field" class:field--error=move || invalid(SettingsField::LargeLoss)().is_some()>
                    <label class="field__label" for="large-loss">"第十三条“财产受到较大损失”的金额标准（元，选填）"</label>
                    <p class="field__hint" id="large-loss-hint">
                        "细则没有规定“较大损失”的金额。本系统的理解：财产损失达到这个金额（含本数）的，属于第十三条的“较大损失”，申请法律支持时由维权办依据本人要求委托法律专业人士；未达到的，按协调处理。留空表示本单位尚未设定，有财产损失而无伤情的案件将显示“待判断”。"
                    </p>
                    {error_for(SettingsField::LargeLoss)}
                    <input
                        class="input input--short"
                        id="large-loss"
                        name="large-loss"
                        type="text"
                        inputmode="decimal"
                        data-testid="settings-large-loss"
                        aria-describedby="large-loss-hint"
                        aria-invalid=invalid(SettingsField::LargeLoss)
                        prop:value=move || large_loss.get()
                        on:input=move |ev| large_loss.set(event_target_value(&ev))
                    />
                </div>
                <div class="field" class:field--error=move || invalid(SettingsField::NumberPrefix)().is_some()>
                    <label class="field__label" for="number-prefix">"文号前缀（选填）"</label>
                    <p class="field__hint" id="number-prefix-hint">
                        "本单位出具文书的发文字号前缀，例如填“嘉公维”，文号印为“嘉公维〔2026〕第1号”；留空则印为“〔2026〕第1号”。只能由汉字、字母和数字组成。申请人的复核申请书不编本单位文号。"
                    </p>
                    {error_for(SettingsField::NumberPrefix)}
                    <input
                        class="input input--short"
                        id="number-prefix"
                        name="number-prefix"
                        type="text"
                        data-testid="settings-number-prefix"
                        aria-describedby="number-prefix-hint"
                        aria-invalid=invalid(SettingsField::NumberPrefix)
                        prop:value=move || number_prefix.get()
                        on:input=move |ev| number_prefix.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button" data-testid="settings-save">"保存设置"</button>
            </form>
        </div>
    }
}
