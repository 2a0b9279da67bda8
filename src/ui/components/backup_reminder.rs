//! `BackupReminder`: the 30-day reminder to back up (`core::backup::backup_reminder`), shown on
//! the home page and the settings page when there are cases and no recent backup.

use leptos::prelude::*;

use crate::core::backup::backup_reminder;
use crate::store;
use crate::ui::clock::today_shanghai;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_backup, use_cases, use_db};

/// The reminder; nothing when no reminder is due. `link` adds a link to the backup section.
#[component]
pub fn BackupReminder(
    /// Whether to link to the settings page's backup section.
    link: bool,
) -> impl IntoView {
    let db = use_db().0;
    let cases = use_cases().version;
    let backups = use_backup().version;
    let reminder = LocalResource::new(move || {
        cases.track();
        backups.track();
        let state = db.get();
        async move {
            let DbState::Ready(db) = state else {
                return None;
            };
            let count = store::backup::case_count(&db).await.ok()?;
            let last = store::backup::last_backup(&db).await.ok()?;
            backup_reminder(count, last, today_shanghai())
        }
    });
    move || {
        reminder.get().flatten().map(|r| {
            view! {
                <div class="banner banner--warning backup-reminder" role="status" data-testid="backup-reminder">
                    <p>{r.message}</p>
                    {link.then(|| view! {
                        <a class="button" href=format!("{}#backup", AppRoute::Settings.href())>"去备份"</a>
                    })}
                </div>
            }
        })
    }
}
