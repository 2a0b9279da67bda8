//! `SettingsPage`: everything this machine keeps for the unit: its name and operator, its readings
//! of ambiguous periods, its own holiday years, backup and restore of everything, and the state
//! of the browser's storage.

use leptos::prelude::*;

use crate::ui::components::backup_export::BackupExport;
use crate::ui::components::backup_reminder::BackupReminder;
use crate::ui::components::backup_restore::BackupRestore;
use crate::ui::components::holiday_years::HolidayYears;
use crate::ui::components::page_title::PageTitle;
use crate::ui::components::readings_form::ReadingsForm;
use crate::ui::components::storage_status::StorageStatus;
use crate::ui::components::unit_settings_form::UnitSettingsForm;
use crate::ui::state::use_backup;

/// The page's sections: anchor id, heading, test id.
const SECTIONS: [(&str, &str, &str); 5] = [
    ("unit", "本单位", "settings-unit"),
    ("readings", "期限读法", "settings-readings"),
    ("holidays", "节假日安排", "settings-holidays"),
    ("backup", "备份与恢复", "settings-backup"),
    ("storage", "本机存储", "settings-storage"),
];

/// One titled section of the page.
#[component]
fn SettingsSection(
    /// Index into [`SECTIONS`].
    index: usize,
    /// The section's content.
    children: Children,
) -> impl IntoView {
    let (id, title, testid) = SECTIONS[index];
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="settings-section" id=id aria-labelledby=labelled_by data-testid=testid>
            <h2 id=heading class="settings-section__title">{title}</h2>
            {children()}
        </section>
    }
}

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    // The forms copy the settings when they open; a restore rebuilds them.
    let restored = use_backup().restored;
    let contents = SECTIONS
        .iter()
        .map(|&(id, title, _)| view! { <li><a href=format!("#{id}")>{title}</a></li> })
        .collect_view();
    view! {
        <section class="page settings" data-testid="settings">
            <PageTitle text="设置"/>
            <nav class="settings__contents" aria-label="本页内容">
                <ul>{contents}</ul>
            </nav>
            <SettingsSection index=0>
                {move || { restored.track(); view! { <UnitSettingsForm/> } }}
            </SettingsSection>
            <SettingsSection index=1>
                {move || { restored.track(); view! { <ReadingsForm/> } }}
            </SettingsSection>
            <SettingsSection index=2><HolidayYears/></SettingsSection>
            <SettingsSection index=3>
                <BackupReminder link=false/>
                <BackupExport/>
                <BackupRestore/>
            </SettingsSection>
            <SettingsSection index=4><StorageStatus/></SettingsSection>
        </section>
    }
}
