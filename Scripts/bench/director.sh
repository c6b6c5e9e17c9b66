#!/usr/bin/env bash
# Benchmark: ldirector's data planes against haproxy (Debian, TCP mode) on the same backends,
# side by side in one run: the director lab (Scripts/lab/director-lab.sh) with nginx-light
# backends b1 and b2, wrk from the client namespace (keep-alive, -t2 -c32 -d5s) against
#   direct      one backend (10.77.2.11:8080), the ceiling
#   haproxy     haproxy in the director namespace, mode tcp, roundrobin over b1 and b2
#   nftables    ldirector --data-plane nftables (DNAT, replies routed back through the director)
#   userspace   ldirector --data-plane userspace (the SwiftNIO proxy)
# and prints req/s and p99 latency with their ratios to haproxy. Root only; installs
# nginx-light, wrk and haproxy when missing.
#
#   bash Scripts/bench/director.sh [--ldirector PATH] [--pause SECONDS] [--duration SECONDS]
#
#   --ldirector  the binary (default: a release build in .build-dlab, built if missing)
#   --pause      wait between runs for TIME_WAIT to clear (default 60, as NODE-LAB.md advises)
#   --duration   seconds per wrk run (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
ldirector=""
pause=60
duration=5
while [ $# -gt 0 ]; do
    case "$1" in
        --ldirector) ldirector=$2; shift 2 ;;
        --pause) pause=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        *) echo "usage: $0 [--ldirector PATH] [--pause SECONDS] [--duration SECONDS]" >&2; exit 2 ;;
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

# wrk NAME URL: one run; appends "NAME REQ/S P99_MS" to the results.
measure() {
    local out rps p99
    out=$(bash "$lab" exec cl wrk -t2 -c32 -d"${duration}s" --latency "$2")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v}' <<<"$out")
    grep -q 'Non-2xx\|Socket errors' <<<"$out" && echo "bench: $1: $(grep 'Non-2xx\|Socket errors' <<<"$out")" >&2
    echo "$1 $rps $p99" >> "$LAB_BASE/results"
    echo "bench: $1: $rps req/s, p99 $p99 ms" >&2
}

# until_answers URL: wait until the balancer in front of URL answers (10 s).
until_answers() {
    for _ in $(seq 1 100); do bash "$lab" exec cl curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "bench: nothing answers at $1" >&2; return 1
}

rm -f "$LAB_BASE/results"
measure direct "http://10.77.2.11:8080/"
sleep "$pause"
bash "$lab" spawn haproxy dir haproxy -db -f "$LAB_BASE/haproxy.cfg"
until_answers "http://$vip/"
measure haproxy "http://$vip/"
bash "$lab" stop haproxy
for plane in nftables userspace; do
    sleep "$pause"
    bash "$lab" ldirector "$LAB_BASE/bench.cf" "$plane" start >/dev/null
    until_answers "http://$vip/"
    sleep 1  # both backends checked and in the table
    measure "$plane" "http://$vip/"
    bash "$lab" ldirector "$LAB_BASE/bench.cf" "$plane" stop >/dev/null
done

echo
echo "wrk -t2 -c32 -d${duration}s keep-alive, backends nginx-light ($(nginx -v 2>&1 | sed 's/.*\///')), $(haproxy -v | awk 'NR==1 {print "haproxy " $3}')"
awk '$1 == "haproxy" {h_rps = $2; h_p99 = $3} {name[NR] = $1; rps[NR] = $2; p99[NR] = $3}
     END {
       printf "| %-9s | %9s | %8s | %11s | %11s |\n", "target", "req/s", "p99 ms", "req/s vs hx", "p99 vs hx"
       printf "|-----------|-----------|----------|-------------|-------------|\n"
       for (i = 1; i <= NR; i++)
         printf "| %-9s | %9.0f | %8.2f | %10.2fx | %10.2fx |\n", name[i], rps[i], p99[i], rps[i] / h_rps, p99[i] / h_p99
     }' "$LAB_BASE/results"
