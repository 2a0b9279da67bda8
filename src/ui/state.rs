//! App-wide services provided through context: the unit's settings and the database
//! connection, each behind a typed accessor (`provide_*` / `use_*`).

use leptos::prelude::*;

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

    let db = RwSignal::new_local(DbState::Opening);
    provide_context(DbCtx(db));
    leptos::task::spawn_local(async move {
        let result = Db::open(
            move || db.set(DbState::Blocked),
            move || db.set(DbState::Failed(StoreError::ClosedByUpgrade)),
        )
        .await;
        db.set(match result {
            Ok(conn) => DbState::Ready(conn),
            Err(e) => DbState::Failed(e),
        });
    });
}

/// The settings service.
pub fn use_settings() -> SettingsCtx {
    expect_context::<SettingsCtx>()
}

/// The database service.
pub fn use_db() -> DbCtx {
    expect_context::<DbCtx>()
}
