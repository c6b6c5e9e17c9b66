#!/usr/bin/env bash
# Benchmark: the executor's per-operation overhead against a bare posix_spawn + waitpid of the
# same agent (same argv and environment), for the shipped Dummy and a minimal agent; then many
# recurring monitors on one executor: CPU, peak RSS and how late the monitors run.
#
#   bash Scripts/bench/executor.sh [MONITORS] [DURATION]      (default 1000 60s)
set -euo pipefail
cd "$(dirname "$0")/../.."
monitors=${1:-1000}
duration=${2:-60s}
bash Scripts/setup.sh release >/dev/null
crmctl=.build/release/crmctl
export HALYARD_AGENTS="$PWD/Scripts/bench/agents:$PWD/Agents"
echo "per operation (monitor), mean of 300:"
echo "  ocf:halyard:Dummy  $("$crmctl" agent bench ocf:halyard:Dummy --count 300)"
echo "  ocf:bench:Tick     $("$crmctl" agent bench ocf:bench:Tick --count 300)"
echo "recurring:"
echo "  $("$crmctl" agent bench ocf:bench:Tick --recurring "$monitors" --interval 10s --duration "$duration")"
