#!/usr/bin/env bash
# Benchmark: the fixed cost of starting crmctl — process start, dynamic loading, the Swift
# runtime and argument parsing — timed as `crmctl simulate -x MISSING` (which parses its
# arguments, finds no file and exits 64) with hyperfine, for one or more crmctl binaries side by
# side (e.g. a build of the previous commit and of this one).
#
#   bash Scripts/bench/startup.sh [CRMCTL ...]      (default: .build-tools/release/crmctl)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is required" >&2; exit 2; }
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(.build-tools/release/crmctl)
missing=$(mktemp -u /tmp/halyard-startup-missing.XXXXXX.xml)
commands=()
for crmctl in "${binaries[@]}"; do commands+=("$crmctl simulate -x $missing"); done
hyperfine -N -i --warmup 10 --runs 200 "${commands[@]}"
