#!/usr/bin/env bash
# The main job: installs what is missing, builds Halyard, then
# 1. for every example deployment: loads it into its own CIB file, verifies it, and runs the
#    scheduler on it — all nodes up (where everything starts), then a failover drill with the
#    first node in standby (where its services move);
# 2. as root, with network namespaces: starts a real three-node sandbox cluster on this machine
#    (Scripts/lab/sandbox-cluster.sh: lab nodes with corosync, crmd and Debian's apache2, bind9
#    and postfix behind floating IPs), waits until every service answers, prints its status and
#    what to try, and leaves it running (`bash Scripts/lab/sandbox-cluster.sh down` removes it).
# Usage: bash Scripts/sandbox.sh [--offline]   (--offline: step 1 only)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
crmctl=.build/debug/crmctl
work=$(mktemp -d /tmp/halyard-sandbox.XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0
for example in Examples/*.crm; do
    name=$(basename "$example" .crm)
    cib="$work/$name.xml"
    echo "=================== $example"
    "$crmctl" -f "$cib" configure load replace "$example"
    "$crmctl" -f "$cib" verify || status=$?
    "$crmctl" -f "$cib" configure show
    nodes=$("$crmctl" -f "$cib" configure show | sed -n 's/^node \([^ ]*\).*/\1/p')
    up=()
    for node in $nodes; do
        up+=(--node-up "$node")
        # What a running ping clone would publish: every node reaches its gateways.
        "$crmctl" -f "$cib" node attribute "$node" pingd 100 --transient
    done
    echo "------------------- all nodes up"
    "$crmctl" simulate -x "$cib" "${up[@]}" --quorum true --output actions | grep '^summary' || true
    first=$(echo "$nodes" | head -1)
    echo "------------------- failover drill: $first in standby"
    "$crmctl" simulate -x "$cib" "${up[@]}" --quorum true --standby "$first" --output placement
    echo
done
# verify exits 1 for warnings only; errors (2) fail the job.
[ "$status" -lt 2 ] || { echo "sandbox: an example has configuration errors" >&2; exit 1; }
echo "sandbox: every example loads, verifies and places its services"
if [ "${1:-}" = "--offline" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! ip netns add halyard-probe 2>/dev/null; then
    echo "sandbox: not root or no network namespaces here: the live cluster (step 2) is skipped"
    exit 0
fi
ip netns delete halyard-probe
echo "=================== a live three-node cluster"
bash Scripts/lab/sandbox-cluster.sh up 3
