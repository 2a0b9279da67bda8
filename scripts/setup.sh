#!/usr/bin/env bash
# Installs what the project needs and is missing; skips everything already at the right
# version (installing trunk takes ~9 minutes, wasm-bindgen-cli ~5). Downloads no prebuilt
# binaries: tools come from crates.io, npm and Debian's packages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

TRUNK_VERSION=0.21.14
WB_VERSION="$(wasm_bindgen_version)"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { echo "需要 Rust（rustup）：https://rustup.rs 安装后重试" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed | grep -q "^$c" || { say "adding $c"; rustup component add "$c"; }
done

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  # Not --locked: a yanked entry in the CLI's own lock file would break the install.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
# A CJK font, so that screenshots of the Chinese UI are legible.
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-noto-cjk)
# nginx with brotli_static: the deployment test runs deploy/nginx.conf in it.
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need_apt+=(libnginx-mod-http-brotli-static)
[ -x /usr/bin/pdftoppm ] || need_apt+=(poppler-utils)  # e2e: PDFs of printed documents to PNG
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${need_apt[@]}"
fi

command -v npm >/dev/null || { say "installing Node.js"; sudo_if_needed apt-get install -y -qq nodejs npm; }
if ! node -e 'require("playwright-core"); require("binaryen/package.json"); require("axe-core/package.json")' 2>/dev/null \
   || [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  say "installing npm tools (binaryen 132, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"
