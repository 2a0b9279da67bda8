//! Entry point of the browser build: installs the panic hook and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    weiquan::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("维权工作台 runs in the browser: use `make run` (see README.md).");
    std::process::exit(2);
}
