#!/usr/bin/env bash
# Partition race drill: a three-node sandbox (Scripts/lab/sandbox-cluster.sh, its own prefix, subnet
# and directory); ROUNDS times the node holding the DNS floating IP is powered off and, as soon as
# every service answers again, the node that took DNS over is cut off from the others (nft drop) —
# while the powered-off node is still rejoining — then healed. Throughout, every ~20 ms, the
# floating IPs of every node are read from the host (`ip -n`); a sample with one IP on two nodes is
# a double start. Prints the samples and the count per round; exits 1 if any was seen.
# Root only. Usage: bash Scripts/bench/partition-race.sh [ROUNDS]   (CRMD/CRMCTL: binaries to use)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
. Scripts/bench/bench-sandbox.sh
start_bench_sandbox /tmp/halyard-partition-race hpr 10.85.0
vips="$SANDBOX_SUBNET.1[0-2]"
sample() {  # one line: time, then each node's floating IPs
    local line k
    line=$(date +%T.%3N)
    for k in 1 2 3; do
        line+=" n$k:$(ip -n "$SANDBOX_PREFIX-n$k" -4 -o addr show dev eth0 2>/dev/null | grep -o "$vips" | tr '\n' , || true)"
    done
    echo "$line"
}
doubled() { grep -E "(${vips//./\\.}),.*\\1" || true; }
dns_holder() {
    local k
    for k in 1 2 3; do
        if ip -n "$SANDBOX_PREFIX-n$k" -4 -o addr show dev eth0 | grep -q "$SANDBOX_SUBNET.11/"; then echo "n$k"; return; fi
    done
}
watch_for() {  # watch_for SECONDS: samples every ~20 ms
    local end=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$end" ]; do sample; sleep 0.02; done
}
total=0
for round in $(seq 1 "$rounds"); do
    samples=$(mktemp)
    victim=$(dns_holder)
    sandbox kill "$victim" >/dev/null
    for _ in $(seq 1 300); do sample >> "$samples"; sandbox check >/dev/null 2>&1 && break; sleep 0.1; done
    cut=$(dns_holder)
    sandbox partition "$cut"
    watch_for 15 >> "$samples"
    sandbox heal "$cut"
    watch_for 25 >> "$samples"
    seen=$(doubled < "$samples")
    count=$(printf '%s' "$seen" | grep -c . || true)
    echo "round $round: killed $victim, cut $cut: $(wc -l < "$samples") samples, $count with a floating IP on two nodes"
    [ -n "$seen" ] && printf '%s\n' "$seen" | head -5
    total=$((total + count))
    rm -f "$samples"
done
[ "$total" -eq 0 ]
