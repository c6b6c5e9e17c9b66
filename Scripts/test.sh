#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then runs the Swift test suites (unit,
# crmctl end to end, Pacemaker corpus). Exit status is the test run's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
log=.build/test.log
# Test targets that run processes, sockets and daemons against deadlines run one at a time,
# after the CPU-heavy ones (Pacemaker corpus, conformance): tests that wait for a child process
# hold a thread of Swift's cooperative pool (two threads on two cores), and a starved pool would
# make a loopback check miss its deadline.
timed=(ExecutorTests DirectorTests ClusterIntegrationTests)
set +e
swift test --skip-build --skip "$(IFS='|'; echo "${timed[*]}")" >"$log" 2>&1
status=$?
for target in "${timed[@]}"; do
    swift test --skip-build --filter "^$target\\." >>"$log" 2>&1 || status=$?
done
set -e
# Print what the suites report (corpus and conformance counts, skips) and every failure.
grep -E '✘|[Ss]kip|corpus|conformance|refused |Test run with' "$log" | grep -vE '^(◇|↳)' | tail -60 || true
if [ "$status" -ne 0 ]; then
    echo "test: FAILED (exit $status; full log in $log)" >&2
    exit "$status"
fi
echo "test: all Swift tests passed"
