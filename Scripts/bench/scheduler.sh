#!/usr/bin/env bash
# Benchmark: Halyard's scheduler (release build with the Swift runtime linked statically, as a
# shipped CLI would be: it starts ~7 ms sooner) against Pacemaker's (`crm_simulate -s -x F`) on
# the same synthetic CIBs with full status, whole process, side by side: mean wall time
# (Scripts/bench/interleave.py: the commands take turns, run by run), the ratios, and peak
# RSS (/usr/bin/time, one more run each). Halyard is timed twice:
#   placement  `crmctl simulate -x F --output placement`: the final placement only;
#   full       `crmctl simulate -x F --scores`: what crm_simulate -s prints and computes: the
#              allocation scores, the current state and the transition (graph and summary).
# The RSS columns are of the full run.
#
#   bash Scripts/bench/scheduler.sh [--sizes "3x30 16x500 ..."] [--reference-max RESOURCES] [--runs N]
#                                   [--large-runs N] [--fencing] [--no-build]
#
#   --sizes          NODESxRESOURCES list (default: 3x30 16x500 32x2000 32x5000 64x10000)
#   --reference-max  skip crm_simulate above this many resources (default: no limit; its
#                    64x10000 run takes about five minutes and 8 GB)
#   --runs           runs per command at sizes up to 2000 resources (default 10)
#   --large-runs     runs per command above 2000 resources (default 3)
#   --fencing        CIBs with stonith-enabled=true and a fencing device (generate-cib.py --fencing)
#   --no-build       use the existing release build in .build-tools
#
# The load column is the 1-minute load average when the size's measurements begin: the
# machine may be shared, and the ratio is only as good as the quiet it was measured in.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="3x30 16x500 32x2000 32x5000 64x10000"
reference_max=""
runs=10
large_runs=3
fencing=""
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --reference-max) reference_max=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --large-runs) large_runs=$2; shift 2 ;;
        --fencing) fencing=--fencing; shift ;;
        --no-build) build=0; shift ;;
        *) echo "usage: $0 [--sizes LIST] [--reference-max RESOURCES] [--runs N] [--large-runs N] [--fencing] [--no-build]" >&2; exit 2 ;;
    esac
done
for tool in /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "scheduler.sh: $tool is required" >&2; exit 2; }
done
have_reference=1
command -v crm_simulate >/dev/null || { have_reference=0; echo "crm_simulate not installed: Halyard only" >&2; }

[ "$build" = 0 ] || swift build -c release --static-swift-stdlib --scratch-path .build-tools --product crmctl >&2
crmctl=$PWD/.build-tools/release/crmctl
work=$(mktemp -d /tmp/halyard-sched-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The peak RSS in MB of one run of a command (/usr/bin/time).
peak_rss() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'
}

printf '%-10s %7s %12s %9s %14s %9s %9s %11s %11s %6s\n' size "CIB MB" "placement s" "full s" "crm_simulate s" "ratio pl" "ratio full" "halyard MB" "crm_sim MB" load
for size in $sizes; do
    nodes=${size%x*}; resources=${size#*x}
    cib=$work/cib-$size.xml
    python3 Scripts/bench/generate-cib.py "$nodes" "$resources" $fencing > "$cib"
    mb=$(du -m "$cib" | cut -f1)
    n=$runs; [ "$resources" -gt 2000 ] && n=$large_runs
    load=$(cut -d' ' -f1 /proc/loadavg)
    commands=(-- "$crmctl" simulate -x "$cib" --output placement -- "$crmctl" simulate -x "$cib" --scores)
    with_reference=0
    if [ "$have_reference" = 1 ] && { [ -z "$reference_max" ] || [ "$resources" -le "$reference_max" ]; }; then
        with_reference=1
        commands+=(-- crm_simulate -s -x "$cib")
    fi
    # Halyard and crm_simulate alternate run by run (interleave.py), so a drift in the
    # machine's speed cannot favour either side.
    mapfile -t means < <(python3 Scripts/bench/interleave.py --runs "$n" --warmup "$([ "$n" -gt 3 ] && echo 1 || echo 0)" "${commands[@]}" | cut -d' ' -f1)
    placement=${means[0]}; full=${means[1]}
    ours_rss=$(peak_rss "$crmctl" simulate -x "$cib" --scores)
    theirs="-"; theirs_rss="-"; ratio="-"; ratio_full="-"
    if [ "$with_reference" = 1 ]; then
        theirs=${means[2]}
        theirs_rss=$(peak_rss crm_simulate -s -x "$cib")
        ratio=$(python3 -c "print('%.1fx' % ($theirs / $placement))")
        ratio_full=$(python3 -c "print('%.1fx' % ($theirs / $full))")
    fi
    printf '%-10s %7s %12s %9s %14s %9s %9s %11s %11s %6s\n' "$size" "$mb" "$placement" "$full" "$theirs" "$ratio" "$ratio_full" \
        "$ours_rss" "$theirs_rss" "$load"
done
