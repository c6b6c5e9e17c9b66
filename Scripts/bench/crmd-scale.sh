#!/usr/bin/env bash
# crmd at scale: a three-node sandbox (Scripts/lab/sandbox-cluster.sh, its own prefix, subnet and
# directory) given COUNT more Dummy resources (monitor every 60 s, spread by location scores);
# reports how long until every one is started, then each node's crmd RSS and CPU seconds.
# Root only. Usage: bash Scripts/bench/crmd-scale.sh [COUNT]   (CRMD/CRMCTL: binaries to use)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-1000}
. Scripts/bench/bench-sandbox.sh
start_bench_sandbox /tmp/halyard-scale-bench hsc 10.83.0
socket=$SANDBOX_BASE/n1/crmd.sock
crm=$SANDBOX_BASE/scale.crm
for i in $(seq 1 "$count"); do
    echo "primitive d$i ocf:halyard:Dummy op monitor interval=60s timeout=20s"
    echo "location d$i-pref d$i 10: n$(( i % 3 + 1 ))"
done > "$crm"
start=$(date +%s.%N)
"$CRMCTL" --socket "$socket" configure load update "$crm" >/dev/null
until [ "$("$CRMCTL" --socket "$socket" status | grep -cE '^[[:space:]]*d[0-9]+[[:space:]].*Started')" -ge "$count" ]; do sleep 1; done
started=$(date +%s.%N)
echo "$count Dummy resources started on 3 nodes after $(python3 -c "print(f'{$started - $start:.1f}')") s"
sleep 60  # one monitor interval at rest
for node in n1 n2 n3; do
    pid=$(cut -d' ' -f1 "$SANDBOX_BASE/$node/crmd.pid")
    rss=$(awk '/^VmRSS/ {print $2 / 1024 " MB"}' "/proc/$pid/status")
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
    echo "$node crmd: RSS $rss, CPU $cpu s since start"
done
