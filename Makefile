# 维权工作台: the two commands of the README, plus the deployment build.
#   make run    installs what is missing, builds, serves the app at http://127.0.0.1:8080
#   make test   installs what is missing, runs every check and test, prints a summary line
#   make dist   installs what is missing, builds the static site into dist/
.PHONY: run test dist setup bench bench-browser

setup:
	bash scripts/setup.sh

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

dist: setup
	bash scripts/dist.sh

bench:
	bash scripts/bench.sh

# Browser benchmarks (issue 9): builds dist/ and the baseline Leptos page, measures in Chromium.
bench-browser: setup
	bash scripts/bench-browser.sh
