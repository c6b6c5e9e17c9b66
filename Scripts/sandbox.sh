#!/usr/bin/env bash
# The main job: installs what is missing, builds Halyard, then loads every example deployment
# into its own CIB file, verifies it and prints its configuration and a summary.
# (Later: a real sandbox cluster of corosync nodes in network namespaces.)
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
    echo "=== $example"
    "$crmctl" -f "$cib" configure load replace "$example"
    "$crmctl" -f "$cib" verify || status=$?
    "$crmctl" -f "$cib" configure show
    printf 'summary: %s nodes, %s primitives, %s constraints, epoch %s\n\n' \
        "$(grep -c '<node ' "$cib")" "$(grep -c '<primitive ' "$cib")" \
        "$(grep -cE '<rsc_(location|colocation|order) ' "$cib")" \
        "$(sed -n 's/.* epoch="\([0-9]*\)".*/\1/p' "$cib" | head -1)"
done
# verify exits 1 for warnings only; errors (2) fail the job.
[ "$status" -lt 2 ] || { echo "sandbox: an example has configuration errors" >&2; exit 1; }
echo "sandbox: every example loads and verifies"
