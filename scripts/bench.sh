#!/usr/bin/env bash
# Native benchmarks of the domain core (calendar and deadlines, rulebook search, offence guide
# and quiz, case-list search). Plain binaries timed with std::time; each prints medians over repeated runs.
# Not part of `make test`. Figures and the machine they ran on: docs/PERFORMANCE.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
for b in calendar rules guide workflow case_list; do
  echo "== cargo bench --bench $b"
  cargo bench --bench "$b"
done
