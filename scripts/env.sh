# Sourced by the scripts: puts the project's tools on PATH. wasm-opt must come from the npm
# package binaryen (version 132): Debian's binaryen 108 silently breaks rustc 1.95's output.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The exact wasm-bindgen version in Cargo.lock: the CLI must match it to the letter.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
