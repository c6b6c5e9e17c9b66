#!/usr/bin/env bash
# director-lab.sh: a load-balancer lab in network namespaces for ldirector's tests and benchmark.
# Root only. Every process it starts is recorded as "PID STARTTIME" and stopped by that pid.
#
#   client (10.77.1.2) --- director (10.77.1.1, VIP 10.77.1.100; br0 10.77.2.1) --- b1 10.77.2.11
#                                                                             |-- b2 10.77.2.12
#                                                                             '-- b3 10.77.2.13
# Backends route replies through the director (LVS-NAT). Servers started by `up`:
#   b1-http, b2-http, b3-http on :8080 answering "b1", "b2", "sorry"; b1-smtp, b2-smtp on :25
#   greeting "220 active" and "220 backup".
#
#   director-lab.sh up                   build the lab (tearing down any previous one)
#   director-lab.sh stop ID | start ID   stop a recorded process (by pid) / start it again
#   director-lab.sh spawn ID NODE CMD…   start CMD in NODE's namespace in the background, recorded
#   director-lab.sh exec NODE CMD…       run CMD in NODE's namespace (dir, cl, b1, b2, b3)
#   director-lab.sh client ROLE ARGS…    director-peer.py ROLE ARGS in the client namespace
#   director-lab.sh background ID ROLE ARGS…   the same in the background, recorded as ID
#   director-lab.sh ldirector CONF PLANE start|stop|status   $LAB_LDIRECTOR in the director namespace
#   director-lab.sh down                 stop every recorded process, delete the namespaces
#
# Environment: LAB_BASE (/tmp/halyard-director-lab), LAB_PREFIX (hdl), LAB_HTTP (python, or
# nginx for the benchmark), LAB_LDIRECTOR (the ldirector binary), LAB_PYTHON (/usr/bin/python3).
set -euo pipefail
BASE=${LAB_BASE:-/tmp/halyard-director-lab}
PREFIX=${LAB_PREFIX:-hdl}
HTTP=${LAB_HTTP:-python}
PY=${LAB_PYTHON:-/usr/bin/python3}
PEER=$(cd "$(dirname "$0")" && pwd)/director-peer.py
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,5}$ ]] || { echo "LAB_PREFIX must be 1-6 lowercase letters/digits" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "director-lab: must run as root" >&2; exit 1; }

say() { echo "[director-lab] $*" >&2; }

# "PID STARTTIME" identifies a process instance (start time: field 22 of /proc/PID/stat).
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; [ "$1" != Z ] && echo "${20}"; }
running() { local pid st; [ -f "$1" ] || return 1; read -r pid st < "$1" || return 1; [ "$(start_time "$pid" || true)" = "$st" ]; }
record() { local st; st=$(start_time "$1") || return 1; echo "$1 $st" > "$2"; }

wait_port() {  # wait_port NODE ADDR PORT: until a TCP connect succeeds (10 s)
  for _ in $(seq 1 100); do
    ip netns exec "$PREFIX-$1" bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null && return 0
    sleep 0.1
  done
  say "nothing listens on $2:$3 in $1"; return 1
}

spawn() {  # spawn ID NODE CMD…: background, own session, recorded; `start ID` repeats it
  local id=$1 node=$2; shift 2
  running "$BASE/$id.pid" && { say "$id already running"; return 0; }
  printf '%q ' "$node" "$@" > "$BASE/$id.cmd"
  setsid ip netns exec "$PREFIX-$node" "$@" </dev/null >>"$BASE/$id.log" 2>&1 &
  record "$!" "$BASE/$id.pid" || { say "$id exited at once; see $BASE/$id.log"; return 1; }
}

stop() {  # stop PIDFILE: SIGTERM, SIGKILL after 12 s (a userspace director drains up to 10 s)
  local pid st
  running "$1" || { rm -f "$1"; return 0; }
  read -r pid st < "$1"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do running "$1" || break; sleep 0.1; done
  running "$1" && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

server() {  # server ID NODE ADDR PORT ROLE NAME: a backend server, waited for
  local id=$1 node=$2 addr=$3 port=$4 role=$5 name=$6
  if [ "$role" = http ] && [ "$HTTP" = nginx ]; then
    mkdir -p "$BASE/$id"
    cat > "$BASE/$id/nginx.conf" <<EOF
worker_processes 1;
pid $BASE/$id/nginx.pid;
error_log $BASE/$id/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen $addr:$port; location / { return 200 "$name\n"; } }
}
EOF
    spawn "$id" "$node" nginx -c "$BASE/$id/nginx.conf" -e "$BASE/$id/error.log" -g 'daemon off;'
  else
    spawn "$id" "$node" "$PY" "$PEER" "$role" "$addr" "$port" "$name"
  fi
  echo "$node $addr $port" > "$BASE/$id.port"
  wait_port "$node" "$addr" "$port"
}

down() {
  local f
  shopt -s nullglob
  for f in "$BASE"/*.pid; do stop "$f"; done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$PREFIX-(dir|cl|b[0-9])\$" || true); do
    ip netns del "$ns"
  done
}

link() {  # link NODE ADDR GATEWAY DIRSIDE: a veth from NODE's eth0 to the director
  ip netns add "$PREFIX-$1"
  ip -n "$PREFIX-$1" link set lo up
  ip link add eth0 netns "$PREFIX-$1" type veth peer name "$4" netns "$PREFIX-dir"
  ip -n "$PREFIX-$1" addr add "$2/24" dev eth0
  ip -n "$PREFIX-$1" link set eth0 up
  ip -n "$PREFIX-$1" route add default via "$3"
}

up() {
  local i names=(b1 b2 sorry) smtp=(active backup)
  down
  rm -rf "$BASE" && mkdir -p "$BASE/run"
  ip netns add "$PREFIX-dir"
  ip -n "$PREFIX-dir" link set lo up
  ip netns exec "$PREFIX-dir" sysctl -qw net.ipv4.ip_forward=1
  ip -n "$PREFIX-dir" link add br0 type bridge
  ip -n "$PREFIX-dir" addr add 10.77.2.1/24 dev br0
  ip -n "$PREFIX-dir" link set br0 up
  link cl 10.77.1.2 10.77.1.1 client
  ip -n "$PREFIX-dir" addr add 10.77.1.1/24 dev client
  ip -n "$PREFIX-dir" addr add 10.77.1.100/24 dev client
  ip -n "$PREFIX-dir" link set client up
  for i in 1 2 3; do
    link "b$i" "10.77.2.1$i" 10.77.2.1 "port$i"
    ip -n "$PREFIX-dir" link set "port$i" master br0 up
  done
  for i in 1 2 3; do server "b$i-http" "b$i" "10.77.2.1$i" 8080 http "${names[$((i - 1))]}"; done
  for i in 1 2; do server "b$i-smtp" "b$i" "10.77.2.1$i" 25 smtp "${smtp[$((i - 1))]}"; done
  say "up: namespaces $PREFIX-{dir,cl,b1,b2,b3}, files in $BASE"
}

director() {  # director CONF PLANE start|stop|status
  local name
  name=$(basename "${1%.*}")
  ip netns exec "$PREFIX-dir" "${LAB_LDIRECTOR:?LAB_LDIRECTOR names the ldirector binary}" -f "$1" --data-plane "$2" --run-dir "$BASE/run" "$3"
  if [ "$3" = start ]; then
    record "$(cat "$BASE/run/ldirector-$name.pid")" "$BASE/ldirector-$name.pid"
  elif [ "$3" = stop ]; then
    rm -f "$BASE/ldirector-$name.pid"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  stop) stop "$BASE/${2:?id}.pid" ;;
  start) eval "spawn ${2:?id} $(cat "$BASE/$2.cmd")"
         if [ -f "$BASE/$2.port" ]; then wait_port $(cat "$BASE/$2.port"); fi ;;
  spawn) shift; spawn "$@" ;;
  exec) node=${2:?node}; shift 2; ip netns exec "$PREFIX-$node" "$@" ;;
  client) shift; ip netns exec "$PREFIX-cl" "$PY" "$PEER" "$@" ;;
  background) id=${2:?id}; shift 2; spawn "$id" cl "$PY" "$PEER" "$@" ;;
  ldirector) director "${2:?config}" "${3:?data plane}" "${4:?start, stop or status}" ;;
  *) sed -n '2,22p' "$0" >&2; exit 2 ;;
esac
