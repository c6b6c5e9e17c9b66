#!/usr/bin/env bash
# Benchmark: ldirector's data planes against haproxy (Debian, TCP mode) on the same backends,
# side by side in one run: the director lab (Scripts/lab/director-lab.sh) with nginx-light
# backends b1 and b2, wrk from the client namespace (keep-alive, -t2 -c32) against
#   direct      one backend (10.77.2.11:8080), the ceiling
#   haproxy     haproxy in the director namespace, mode tcp, roundrobin over b1 and b2
#   nftables    ldirector --data-plane nftables (DNAT, replies routed back through the director)
#   userspace   ldirector --data-plane userspace (the epoll relay)
# The targets take turns, ROUNDS times, so a change in the machine's load hits them alike; it
# prints each target's median req/s and p99 latency with their ratios to haproxy, and for the
# two proxies the CPU time their process spent per request. Root only; installs nginx-light,
# wrk and haproxy when missing.
#
#   bash Scripts/bench/director.sh [--ldirector PATH] [--rounds N] [--pause SECONDS] [--duration SECONDS]
#
#   --ldirector  the binary (default: a release build in .build-dlab, built if missing)
#   --rounds     turns of every target (default 5)
#   --pause      wait between runs (default 5; keep-alive runs leave little TIME_WAIT behind)
#   --duration   seconds per wrk run (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
ldirector=""
rounds=5
pause=5
duration=5
while [ $# -gt 0 ]; do
    case "$1" in
        --ldirector) ldirector=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --pause) pause=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        *) echo "usage: $0 [--ldirector PATH] [--rounds N] [--pause SECONDS] [--duration SECONDS]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "bench: must run as root (network namespaces)" >&2; exit 1; }
missing=()
for package in nginx-light wrk haproxy; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ -z "$ldirector" ]; then
    ldirector=.build-dlab/release/ldirector
    [ -x "$ldirector" ] || swift build -c release --scratch-path .build-dlab --product ldirector 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
fi
[ -x "$ldirector" ] || { echo "bench: no ldirector binary at $ldirector" >&2; exit 1; }

export LAB_PREFIX=hdb LAB_BASE=/tmp/halyard-director-bench LAB_HTTP=nginx LAB_LDIRECTOR=$(realpath "$ldirector")
lab=Scripts/lab/director-lab.sh
trap 'bash $lab down' EXIT
bash "$lab" up
vip=10.77.1.100
cat > "$LAB_BASE/bench.cf" <<EOF
checkinterval=5
checktimeout=2
quiescent=no
virtual=$vip:80
    real=10.77.2.11:8080 masq
    real=10.77.2.12:8080 masq
    checktype=connect
    scheduler=rr
EOF
cat > "$LAB_BASE/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode tcp
    timeout connect 3s
    timeout client 30s
    timeout server 30s
listen web
    bind $vip:80
    balance roundrobin
    server b1 10.77.2.11:8080
    server b2 10.77.2.12:8080
EOF

# cpu_ticks PIDFILE: user + system clock ticks of the recorded process, or nothing.
cpu_ticks() { [ -f "$1" ] && awk '{print $14 + $15}' "/proc/$(cut -d' ' -f1 "$1")/stat" 2>/dev/null || true; }

# measure NAME URL [PIDFILE]: one wrk run; appends "NAME REQ/S P99_MS CPU_US_PER_REQUEST" to the results.
measure() {
    local out rps p99 requests before after cpu=-
    before=$(cpu_ticks "${3:-}")
    out=$(bash "$lab" exec cl wrk -t2 -c32 -d"${duration}s" --latency "$2")
    after=$(cpu_ticks "${3:-}")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v}' <<<"$out")
    [ -n "$before" ] && [ -n "$after" ] && cpu=$(awk -v t="$(getconf CLK_TCK)" -v d=$((after - before)) -v n="$requests" 'BEGIN {printf "%.1f", d * 1000000 / t / n}')
    grep -q 'Non-2xx\|Socket errors' <<<"$out" && echo "bench: $1: $(grep 'Non-2xx\|Socket errors' <<<"$out")" >&2
    echo "$1 $rps $p99 $cpu" >> "$LAB_BASE/results"
    echo "bench: $1: $rps req/s, p99 $p99 ms, $cpu us CPU per request" >&2
}

# until_answers URL: wait until the balancer in front of URL answers (10 s).
until_answers() {
    for _ in $(seq 1 100); do bash "$lab" exec cl curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "bench: nothing answers at $1" >&2; return 1
}

rm -f "$LAB_BASE/results"
for round in $(seq 1 "$rounds"); do
    echo "bench: round $round of $rounds" >&2
    measure direct "http://10.77.2.11:8080/"
    sleep "$pause"
    bash "$lab" spawn haproxy dir haproxy -db -f "$LAB_BASE/haproxy.cfg"
    until_answers "http://$vip/"
    measure haproxy "http://$vip/" "$LAB_BASE/haproxy.pid"
    bash "$lab" stop haproxy
    for plane in nftables userspace; do
        sleep "$pause"
        bash "$lab" ldirector "$LAB_BASE/bench.cf" "$plane" start >/dev/null
        until_answers "http://$vip/"
        sleep 1  # both backends checked and in the table
        # Only the userspace plane forwards in the ldirector process; nftables forwards in the kernel.
        measure "$plane" "http://$vip/" "$([ "$plane" = userspace ] && echo "$LAB_BASE/ldirector-bench.pid")"
        bash "$lab" ldirector "$LAB_BASE/bench.cf" "$plane" stop >/dev/null
    done
    sleep "$pause"
done

echo
echo "wrk -t2 -c32 -d${duration}s keep-alive, backends nginx-light ($(nginx -v 2>&1 | sed 's/.*\///')), $(haproxy -v | awk 'NR==1 {print "haproxy " $3}'), median of $rounds rounds"
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for target in direct haproxy nftables userspace; do
    rows=$(awk -v t="$target" '$1 == t' "$LAB_BASE/results")
    cpu=$(awk '$4 != "-" {print $4}' <<<"$rows")
    echo "$target $(awk '{print $2}' <<<"$rows" | median) $(awk '{print $3}' <<<"$rows" | median) $([ -n "$cpu" ] && median <<<"$cpu" || echo -)"
done > "$LAB_BASE/medians"
awk '$1 == "haproxy" {h_rps = $2; h_p99 = $3} {name[NR] = $1; rps[NR] = $2; p99[NR] = $3; cpu[NR] = $4}
     END {
       printf "| %-9s | %9s | %8s | %11s | %11s | %11s |\n", "target", "req/s", "p99 ms", "req/s vs hx", "p99 vs hx", "CPU us/req"
       printf "|-----------|-----------|----------|-------------|-------------|-------------|\n"
       for (i = 1; i <= NR; i++)
         printf "| %-9s | %9.0f | %8.2f | %10.2fx | %10.2fx | %11s |\n", name[i], rps[i], p99[i], rps[i] / h_rps, p99[i] / h_p99, cpu[i]
     }' "$LAB_BASE/medians"
echo
echo "every run (target req/s p99-ms cpu-us/req):"
cat "$LAB_BASE/results"
