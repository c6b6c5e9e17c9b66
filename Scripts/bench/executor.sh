#!/usr/bin/env bash
# Benchmark: the executor's per-operation overhead against a bare posix_spawn + waitpid of the
# same agent (same argv and environment), for the shipped Dummy and a minimal agent; then many
# recurring monitors on one executor: CPU, peak RSS and how late the monitors run.
#
# On a shared machine a single run swings with the load, so each overhead figure is the median
# of ROUNDS rounds; each round alternates the two sides op by op (100 ops each after 20 warm-up
# pairs, in one task) and reports their medians.
#
#   bash Scripts/bench/executor.sh [MONITORS] [DURATION] [ROUNDS]     (default 1000 60s 15)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
monitors=${1:-1000}
duration=${2:-60s}
rounds=${3:-15}
bash Scripts/setup.sh release >/dev/null
crmctl=.build/release/crmctl
export HALYARD_AGENTS="$PWD/Scripts/bench/agents:$PWD/Agents"

# Prints "median ratio R (min … max over N rounds; bare B ms/op, executor E ms/op in the median round)".
overhead() {
    local agent=$1 line lines=()
    for _ in $(seq "$rounds"); do
        line=$("$crmctl" agent bench "$agent" --count 100)
        [[ $line == "bare spawn: "*", ratio "* ]] || { echo "unexpected output: $line" >&2; exit 1; }
        lines+=("$(sed -E 's/^bare spawn: ([0-9.]+) ms\/op, executor: ([0-9.]+) ms\/op, ratio ([0-9.]+).*/\3 \1 \2/' <<<"$line")")
    done
    printf '%s\n' "${lines[@]}" | sort -n | awk -v n="$rounds" '
        { ratio[NR] = $1; bare[NR] = $2; exec[NR] = $3 }
        END { m = int((n + 1) / 2)
              printf "median ratio %.2f (min %.2f … max %.2f over %d rounds; bare %.2f ms/op, executor %.2f ms/op in the median round)\n",
                     ratio[m], ratio[1], ratio[n], n, bare[m], exec[m] }'
}

echo "per operation (monitor), executor vs bare spawn:"
echo "  ocf:halyard:Dummy  $(overhead ocf:halyard:Dummy)"
echo "  ocf:bench:Tick     $(overhead ocf:bench:Tick)"
echo "recurring:"
echo "  $("$crmctl" agent bench ocf:bench:Tick --recurring "$monitors" --interval 10s --duration "$duration")"
