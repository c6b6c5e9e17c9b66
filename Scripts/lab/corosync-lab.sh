#!/usr/bin/env bash
# corosync-lab.sh: N real corosync daemons on this host, one network namespace per node, for
# Halyard's integration tests and experiments. Root only. Traffic stays on a bridge inside a
# namespace of its own and on 10.x addresses inside the node namespaces this script creates.
#
#   corosync-lab.sh up N      build the lab (tearing down any previous one) and wait for quorum
#   corosync-lab.sh kill I    SIGKILL node I's corosync (by its recorded pid)
#   corosync-lab.sh start I   start node I's corosync again
#   corosync-lab.sh down      stop every recorded daemon, remove its /dev/shm files and the namespaces
#
# Node I: namespace $PREFIX-n$I, address $SUBNET.$I, files in $BASE/n$I. Daemons run as
# `ip netns exec NS sh -c 'mount --bind DIR/run /run && exec corosync -f -c DIR/corosync.conf'`
# (ip netns exec gives a private mount namespace; the bind mount separates the lock file).
# Environment: LAB_BASE (/tmp/halyard-cluster-lab), LAB_PREFIX (hcl), LAB_SUBNET (10.79.0),
# LAB_TOKEN (totem token in ms, 1000), LAB_TIMEOUT (seconds to wait for quorum, 30).
set -euo pipefail
BASE=${LAB_BASE:-/tmp/halyard-cluster-lab}
PREFIX=${LAB_PREFIX:-hcl}
SUBNET=${LAB_SUBNET:-10.79.0}
TOKEN=${LAB_TOKEN:-1000}
TIMEOUT=${LAB_TIMEOUT:-30}
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,5}$ ]] || { echo "LAB_PREFIX must be 1-6 lowercase letters/digits" >&2; exit 2; }
[[ "$SUBNET" =~ ^10\.[0-9]+\.[0-9]+$ ]] || { echo "LAB_SUBNET must be 10.x.y" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "corosync-lab: must run as root" >&2; exit 1; }

say() { echo "[corosync-lab] $*" >&2; }

# "PID STARTTIME" identifies a process instance (start time: field 22 of /proc/PID/stat).
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; [ "$1" != Z ] && echo "${20}"; }
running() { local pid st; [ -f "$1" ] || return 1; read -r pid st < "$1" || return 1; [ "$(start_time "$pid" || true)" = "$st" ]; }

write_config() {  # write_config I N
  local d=$BASE/n$1 j
  mkdir -p "$d/run" "$d/state"
  {
    printf 'totem {\n  version: 2\n  cluster_name: %s\n  transport: knet\n  crypto_cipher: none\n  crypto_hash: none\n  token: %s\n}\n' "$PREFIX" "$TOKEN"
    printf 'logging {\n  to_stderr: no\n  to_syslog: no\n  to_logfile: yes\n  logfile: %s/corosync.log\n  timestamp: hires\n}\n' "$d"
    printf 'quorum {\n  provider: corosync_votequorum\n}\nsystem {\n  state_dir: %s/state\n}\nnodelist {\n' "$d"
    for j in $(seq 1 "$2"); do printf '  node {\n    name: n%s\n    nodeid: %s\n    ring0_addr: %s.%s\n  }\n' "$j" "$j" "$SUBNET" "$j"; done
    printf '}\n'
  } > "$d/corosync.conf"
}

start_node() {  # start_node I: start corosync and record "PID STARTTIME" in n$I/corosync.pid
  local d=$BASE/n$1 pid st
  running "$d/corosync.pid" && { say "n$1 already running"; return 0; }
  rm -f "$d/run/corosync.pid"
  setsid ip netns exec "$PREFIX-n$1" sh -c 'mount --bind "$1" "$(readlink -f /var/run)" && exec corosync -f -c "$2"' \
    sh "$d/run" "$d/corosync.conf" </dev/null >>"$d/stdout" 2>&1 &
  for _ in $(seq 1 100); do
    pid=$(cat "$d/run/corosync.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && st=$(start_time "$pid"); then
      echo "$pid $st" > "$d/corosync.pid"
      echo "$pid" >> "$BASE/all.pids"   # every daemon ever started, for /dev/shm cleanup
      return 0
    fi
    sleep 0.1
  done
  say "n$1: corosync did not start; see $d/corosync.log"; return 1
}

quorate() {  # quorate I N: node I sees a quorate ring of N nodes
  local out; out=$(ip netns exec "$PREFIX-n$1" corosync-quorumtool -s 2>/dev/null) || return 1
  grep -Eq "^Nodes: +$2\$" <<<"$out" && grep -Eq '^Quorate: +Yes' <<<"$out"
}

down() {
  local f pid st
  shopt -s nullglob
  for f in "$BASE"/n*/corosync.pid; do
    if running "$f"; then read -r pid st < "$f"; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$f"
  done
  if [ -f "$BASE/all.pids" ]; then
    sleep 0.2
    while read -r pid; do
      [ -n "$(start_time "$pid" 2>/dev/null || true)" ] && continue   # still (or again) alive: not ours to clean
      rm -rf /dev/shm/qb-corosync-"$pid"-blackbox-* /dev/shm/qb-"$pid"-*
    done < "$BASE/all.pids"
    rm -f "$BASE/all.pids"
  fi
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$PREFIX-(sw|n[0-9]+)\$" || true); do
    ip netns del "$ns"
  done
}

up() {  # up N
  local n=$1 i
  down
  mkdir -p "$BASE"
  ip netns add "$PREFIX-sw"
  ip -n "$PREFIX-sw" link add br0 type bridge
  ip -n "$PREFIX-sw" link set br0 up
  for i in $(seq 1 "$n"); do
    ip netns add "$PREFIX-n$i"
    ip -n "$PREFIX-n$i" link set lo up
    ip link add "$PREFIX-n$i" netns "$PREFIX-n$i" type veth peer name "port$i" netns "$PREFIX-sw"
    ip -n "$PREFIX-sw" link set "port$i" master br0 up
    ip -n "$PREFIX-n$i" addr add "$SUBNET.$i/24" dev "$PREFIX-n$i"
    ip -n "$PREFIX-n$i" link set "$PREFIX-n$i" up
    rm -rf "$BASE/n$i"
    write_config "$i" "$n"
  done
  for i in $(seq 1 "$n"); do start_node "$i"; done
  local deadline=$((SECONDS + TIMEOUT))
  for i in $(seq 1 "$n"); do
    until quorate "$i" "$n"; do
      [ "$SECONDS" -lt "$deadline" ] || { say "n$i not quorate with $n nodes after ${TIMEOUT}s"; exit 1; }
      sleep 0.2
    done
  done
  say "$n nodes quorate (namespaces $PREFIX-n1..$PREFIX-n$n, state in $BASE)"
}

case "${1:-}" in
  up) [[ "${2:-}" =~ ^[1-9]$ ]] || { echo "usage: $0 up N (1-9)" >&2; exit 2; }; up "$2" ;;
  kill) f=$BASE/n${2:?node}/corosync.pid; running "$f" || { say "n$2 is not running"; exit 1; }
        read -r pid _ < "$f"; kill -KILL "$pid" ;;
  start) start_node "${2:?node}" ;;
  down) down ;;
  *) echo "usage: $0 up N | kill I | start I | down" >&2; exit 2 ;;
esac
