#!/usr/bin/env bash
# Browser benchmarks (issue 9): builds the release site (dist/) and the baseline Leptos page
# (benches/baseline-app, into target/baseline-dist/), then measures both in headless Chromium
# with scripts/bench-browser.mjs. Not part of `make test`. Figures: docs/PERFORMANCE.md.
#   BENCH_NO_BUILD=1   measure what is already built
#   BENCH_CASES=10000,50000  BENCH_LOADS=20  BENCH_DATA_RUNS=3   (the defaults)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  bash scripts/dist.sh
  (cd "$ROOT/benches/baseline-app" && trunk build --offline --release)
fi
node scripts/bench-browser.mjs "$@"
