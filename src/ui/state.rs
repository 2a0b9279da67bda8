//! App-wide services provided through context: the unit's settings and the database
//! connection, each behind a typed accessor (`provide_*` / `use_*`).

use leptos::prelude::*;

use crate::core::calendar::{Calendar, CustomYear};
use crate::core::deadline::Readings;
use crate::core::settings::Settings;
use crate::store::{self, Db, StoreError};

/// The state of the database connection, as the UI shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum DbState {
    /// Opening; nothing to show yet.
    Opening,
    /// Another tab blocks the upgrade; waiting for it to close.
    Blocked,
    /// Open and usable.
    Ready(Db),
    /// Unusable, with the reason.
    Failed(StoreError),
}

/// The unit's settings: `None` until the user saves them for the first time.
#[derive(Clone, Copy)]
pub struct SettingsCtx {
    /// The current settings.
    pub settings: RwSignal<Option<Settings>>,
    /// Whether local storage held settings that failed validation.
    pub damaged: RwSignal<bool>,
}

/// The database connection.
#[derive(Clone, Copy)]
pub struct DbCtx(pub RwSignal<DbState, LocalStorage>);

/// The working-day calendar as this unit uses it: the built-in table with the unit's own years
/// layered over it, and the unit's readings of ambiguous periods.
#[derive(Clone, Copy)]
pub struct CalendarCtx {
    /// The calendar in force.
    pub calendar: RwSignal<Calendar>,
    /// The unit's own years (already part of `calendar`).
    pub custom_years: RwSignal<Vec<CustomYear>>,
    /// The readings in force.
    pub readings: RwSignal<Readings>,
    /// Set when the unit's own years could not be loaded; the built-in table is used.
    pub load_error: RwSignal<Option<String>>,
}

impl CalendarCtx {
    /// Puts a new set of custom years in force (after they were saved).
    pub fn set_custom_years(&self, years: Vec<CustomYear>) -> Result<(), String> {
        let calendar = Calendar::with_custom(&years).map_err(|e| e.to_string())?;
        self.calendar.set(calendar);
        self.custom_years.set(years);
        Ok(())
    }
}

/// Case data changes: bumped after every save in this tab and whenever another tab announces
/// one, so that anything reading cases can key its resource on it and reload.
#[derive(Clone, Copy)]
pub struct CasesCtx {
    /// Increases on every known change.
    pub version: RwSignal<u64>,
}

impl CasesCtx {
    /// Records that case `id` was saved at `revision` here: reload readers, tell other tabs.
    pub fn saved(&self, id: &str, revision: u32) {
        self.version.update(|v| *v += 1);
        store::broadcast::announce_case_saved(id, revision);
    }
}

/// Backups made or restored in this tab: bumped each time, so the reminder and the last-backup
/// line reload.
#[derive(Clone, Copy)]
pub struct BackupCtx {
    /// Increases on every backup or restore.
    pub version: RwSignal<u64>,
    /// Increases on every restore (here or in another tab): forms that copied the settings
    /// when they opened are rebuilt from the restored ones.
    pub restored: RwSignal<u64>,
}

/// Reloads everything a restore may have changed (settings, readings, the unit's holiday
/// years, cases), in this tab after a restore and in other tabs when one announces it.
#[derive(Clone, Copy)]
pub struct Reloader {
    settings: SettingsCtx,
    calendar: CalendarCtx,
    cases: CasesCtx,
    backup: BackupCtx,
    db: DbCtx,
}

impl Reloader {
    /// Reads everything again from storage.
    pub fn reload(&self) {
        let (settings, damaged) = match store::settings::load() {
            store::settings::Loaded::Valid(s) => (Some(s), false),
            store::settings::Loaded::Missing => (None, false),
            store::settings::Loaded::Invalid => (None, true),
        };
        self.settings.settings.set(settings);
        self.settings.damaged.set(damaged);
        self.calendar.readings.set(store::calendar::load_readings());
        self.cases.version.update(|v| *v += 1);
        self.backup.version.update(|v| *v += 1);
        self.backup.restored.update(|v| *v += 1);
        let calendar = self.calendar;
        if let DbState::Ready(db) = self.db.0.get_untracked() {
            leptos::task::spawn_local(async move {
                let applied = store::calendar::load_custom_years(&db)
                    .await
                    .map_err(|e| e.to_string())
                    .and_then(|years| calendar.set_custom_years(years));
                calendar.load_error.set(
                    applied
                        .err()
                        .map(|e| format!("本单位补充的节假日安排未能载入，暂按内置日历计算：{e}")),
                );
            });
        }
    }
}

/// Loads the settings and starts opening the database; call once in the app root.
pub fn provide_app_state() {
    let (settings, damaged) = match store::settings::load() {
        store::settings::Loaded::Valid(s) => (Some(s), false),
        store::settings::Loaded::Missing => (None, false),
        store::settings::Loaded::Invalid => (None, true),
    };
    provide_context(SettingsCtx {
        settings: RwSignal::new(settings),
        damaged: RwSignal::new(damaged),
    });

    let calendar = CalendarCtx {
        calendar: RwSignal::new(Calendar::builtin()),
        custom_years: RwSignal::new(Vec::new()),
        readings: RwSignal::new(store::calendar::load_readings()),
        load_error: RwSignal::new(None),
    };
    provide_context(calendar);

    let cases = CasesCtx {
        version: RwSignal::new(0),
    };
    provide_context(cases);
    store::broadcast::listen_case_saved(move |_, _| cases.version.update(|v| *v += 1));

    let backup = BackupCtx {
        version: RwSignal::new(0),
        restored: RwSignal::new(0),
    };
    provide_context(backup);

    let db = RwSignal::new_local(DbState::Opening);
    provide_context(DbCtx(db));
    let reloader = Reloader {
        settings: expect_context::<SettingsCtx>(),
        calendar,
        cases,
        backup,
        db: DbCtx(db),
    };
    provide_context(reloader);
    store::broadcast::listen_restored(move || reloader.reload());
    keep_due_dates_current(db, calendar, cases, backup);
    leptos::task::spawn_local(async move {
        let result = Db::open(
            move || db.set(DbState::Blocked),
            move || db.set(DbState::Failed(StoreError::ClosedByUpgrade)),
        )
        .await;
        if let Ok(conn) = &result {
            let loaded = store::calendar::load_custom_years(conn).await;
            let applied = loaded.map_err(|e| e.to_string()).and_then(|years| {
                if years.is_empty() {
                    Ok(())
                } else {
                    calendar.set_custom_years(years)
                }
            });
            if let Err(e) = applied {
                calendar.load_error.set(Some(format!(
                    "本单位补充的节假日安排未能载入，暂按内置日历计算：{e}"
                )));
            }
        }
        db.set(match result {
            Ok(conn) => DbState::Ready(conn),
            Err(e) => DbState::Failed(e),
        });
    });
}

/// Keeps the stored soonest due dates (`next_due`, which the dashboard's index query trusts)
/// computed under the calendar and readings in force: once the database is open, and again
/// whenever the unit's holiday years or readings change or a restore happened, the digest of
/// what they were computed under (`core::dashboard::due_basis`) is compared with the stored
/// one, and on a difference every open case's date is computed again in one transaction.
fn keep_due_dates_current(
    db: RwSignal<DbState, LocalStorage>,
    calendar: CalendarCtx,
    cases: CasesCtx,
    backup: BackupCtx,
) {
    Effect::new(move |_| {
        let DbState::Ready(conn) = db.get() else {
            return;
        };
        let years = calendar.custom_years.get();
        let readings = calendar.readings.get();
        backup.restored.track();
        let cal = calendar.calendar.get_untracked();
        leptos::task::spawn_local(async move {
            let basis = crate::core::dashboard::due_basis(&years, &readings);
            let stored = store::cases::due_basis(&conn).await.ok().flatten();
            if stored.as_deref() == Some(basis.as_str()) {
                return;
            }
            let today = crate::ui::clock::today_shanghai();
            let recomputed = store::cases::recompute_next_due(&conn, &basis, |case| {
                crate::core::workflow::next_due(case, &cal, &readings, today)
            })
            .await;
            match recomputed {
                Ok(0) => {}
                Ok(_) => cases.version.update(|v| *v += 1),
                // The stored basis stays as it was, so the next start tries again.
                Err(e) => web_sys::console::warn_1(&format!("期限索引未能更新：{e}").into()),
            }
        });
    });
}

/// The settings service.
pub fn use_settings() -> SettingsCtx {
    expect_context::<SettingsCtx>()
}

/// The unit's case-handling parameters (第十三条's large-loss amount) from the settings; the
/// defaults (nothing set) while the unit has no settings.
pub fn case_policy(ctx: SettingsCtx) -> crate::core::case::CasePolicy {
    ctx.settings
        .with_untracked(|s| s.as_ref().map(crate::core::settings::Settings::case_policy))
        .unwrap_or_default()
}

/// The calendar service.
pub fn use_calendar() -> CalendarCtx {
    expect_context::<CalendarCtx>()
}

/// The case-change service.
pub fn use_cases() -> CasesCtx {
    expect_context::<CasesCtx>()
}

/// The database service.
pub fn use_db() -> DbCtx {
    expect_context::<DbCtx>()
}

/// A resource that reads cases with `read` once the database is open, and reads again whenever
/// a case is saved here or in another tab. Until the database is open it holds `waiting()`,
/// and `unavailable()` when the database cannot be used (the storage banner says why).
pub fn use_case_reader<T, Fut>(
    waiting: fn() -> T,
    unavailable: fn() -> T,
    read: impl Fn(Db) -> Fut + 'static,
) -> LocalResource<std::sync::Arc<T>>
where
    T: 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let db = use_db().0;
    let version = use_cases().version;
    LocalResource::new(move || {
        version.track();
        let reading = match db.get() {
            DbState::Opening | DbState::Blocked => Err(waiting),
            DbState::Failed(_) => Err(unavailable),
            DbState::Ready(db) => Ok(read(db)),
        };
        async move {
            std::sync::Arc::new(match reading {
                Ok(read) => read.await,
                Err(fallback) => fallback(),
            })
        }
    })
}

/// The backup service.
pub fn use_backup() -> BackupCtx {
    expect_context::<BackupCtx>()
}

/// The reloader, for after a restore.
pub fn use_reloader() -> Reloader {
    expect_context::<Reloader>()
}
