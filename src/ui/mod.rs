//! The Leptos user interface: app shell, routes, pages and components.

pub mod app;
pub mod clock;
pub mod components;
pub mod download;
pub mod fatal;
pub mod pages;
pub mod reference;
pub mod routes;
pub mod state;

/// Installs the panic hook and mounts the app into `<body>`.
pub fn start() {
    fatal::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
    fatal::mark_ready();
}
