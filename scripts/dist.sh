#!/usr/bin/env bash
# Builds the static site into dist/ (release profile, wasm-opt -Oz). PUBLIC_URL sets the path
# the site is served under (default "/"), e.g. PUBLIC_URL=/weiquan/ for http://intranet/weiquan/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk build --offline --release --public-url "${PUBLIC_URL:-/}" "$@"
echo "dist/ ready: $(du -sb dist | cut -f1) bytes"
