#!/usr/bin/env bash
# Builds the release site and serves it at http://127.0.0.1:8080 (Ctrl+C stops it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
echo "维权工作台 starting at http://127.0.0.1:8080 (first build takes a few minutes)"
exec trunk serve --offline --release --address 127.0.0.1 --port 8080
