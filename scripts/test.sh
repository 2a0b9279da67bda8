#!/usr/bin/env bash
# Runs every check and test, in order, and ends with one summary line:
#   format, clippy (native and wasm32), native tests, browser tests (headless Chromium),
#   release builds (scripts/dist.sh: at the root, and under /weiquan/ for the deployment and
#   offline tests), end-to-end tests (Playwright on those builds; nginx for the deployment's).
# Exits non-zero if anything failed. Screenshots land in target/e2e/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
steps=(); results=(); total_passed=0; total_failed=0

# Adds the "N passed; M failed" counts of cargo's and node's test runners in a log.
count_tests() {
  local log=$1 p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  p=$((p + $(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  f=$((f + $(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  counts="$p passed, $f failed"
}

step() {
  local name=$1; shift
  local log="$LOGS/$(echo "$name" | tr ' /' '__').log"
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@" 2>&1 | tee "$log"; then status=PASS; else status=FAIL; fi
  count_tests "$log"
  steps+=("$name"); results+=("$status ($((SECONDS - start)) s; tests: $counts)")
}

export CARGO_TERM_COLOR=never
step "format" cargo fmt --check
step "clippy native" cargo clippy --all-targets --locked -- -D warnings
step "clippy wasm32" cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser --locked -- -D warnings
step "native tests" cargo test --locked
step "browser tests" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --target wasm32-unknown-unknown --test browser --locked
# The sites are built by the deployment command itself, so the e2e tests test what ships.
step "release build" bash scripts/dist.sh
step "sub-path build" env PUBLIC_URL=/weiquan/ DIST=target/dist-weiquan bash scripts/dist.sh
step "end-to-end tests" node --test --test-concurrency=1 tests/e2e/

printf '\n\033[1m== summary\033[0m\n'
failed_steps=0
for i in "${!steps[@]}"; do
  printf '  %-18s %s\n' "${steps[$i]}" "${results[$i]}"
  [[ ${results[$i]} == PASS* ]] || failed_steps=$((failed_steps + 1))
done
if [ -d dist ]; then
  raw=$(cat dist/*.wasm dist/*.js dist/*.css dist/index.html 2>/dev/null | wc -c)
  gz=$(cat dist/*.wasm dist/*.js dist/*.css dist/index.html 2>/dev/null | gzip -9 | wc -c)
  echo "  dist/ first load: $raw bytes raw, $gz bytes gzip; screenshots in target/e2e/"
fi
if [ $failed_steps -gt 0 ]; then
  echo "FAILED: $failed_steps of ${#steps[@]} steps"
  echo "tests: $total_passed passed, $((total_failed > 0 ? total_failed : failed_steps)) failed"
  exit 1
fi
echo "tests: $total_passed passed, 0 failed"
