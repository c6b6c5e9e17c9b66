#!/usr/bin/env bash
# Benchmark: load, change one cluster property, validate and write back a large CIB with full
# status — Halyard's `crmctl configure property` against Pacemaker's `crm_attribute` on the same
# file through Pacemaker's file-backed CIB (CIB_file), whole process, side by side.
#
#   bash Scripts/bench/cib-load-write.sh [NODES] [RESOURCES]     (default 32 5000)
set -euo pipefail
cd "$(dirname "$0")/../.."
nodes=${1:-32}
resources=${2:-5000}
bash Scripts/setup.sh release >/dev/null
work=$(mktemp -d /tmp/halyard-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 Scripts/bench/generate-cib.py "$nodes" "$resources" > "$work/original.xml"
echo "CIB: $nodes nodes, $resources resources, $(du -h "$work/original.xml" | cut -f1) with full status"
crmctl=$PWD/.build/release/crmctl
hyperfine --warmup 1 --runs 10 \
    --prepare "cp $work/original.xml $work/halyard.xml" \
    -n halyard "$crmctl -f $work/halyard.xml configure property maintenance-mode=true" \
    --prepare "cp $work/original.xml $work/pacemaker.xml" \
    -n pacemaker "CIB_file=$work/pacemaker.xml crm_attribute --type crm_config --name maintenance-mode --update true"
