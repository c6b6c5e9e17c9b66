#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then runs the Swift test suites (unit,
# crmctl end to end, Pacemaker corpus). Exit status is the test run's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
log=.build/test.log
set +e
swift test --skip-build >"$log" 2>&1
status=$?
set -e
# Print what the suites report (corpus and conformance counts, skips) and every failure.
grep -E '✘|[Ss]kip|corpus|conformance|refused |Test run with' "$log" | grep -vE '^(◇|↳)' | tail -60 || true
if [ "$status" -ne 0 ]; then
    echo "test: FAILED (exit $status; full log in $log)" >&2
    exit "$status"
fi
echo "test: all Swift tests passed"
