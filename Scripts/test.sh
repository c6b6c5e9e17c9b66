#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift test suites (unit,
# CLI, corpus), then reports the scheduler conformance against Pacemaker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
swift test --skip-build 2>&1 | tee .build/test.log | grep -vE '^(Test Case|Test Suite|◇|↳|\[)' | tail -40
if grep -qE '✘|error:|Fatal error' .build/test.log; then
    echo "test: FAILED (details in .build/test.log)" >&2
    exit 1
fi
echo "test: all Swift tests passed"
