#!/usr/bin/env bash
# director-lab.sh: a load-balancer lab for ldirector's tests and benchmark, with real services
# as the real servers. Root only.
#
#   client (10.77.1.2) --- director (10.77.1.1, VIP 10.77.1.100; br0 10.77.2.1) --- b1 10.77.2.11
#                                                                             |-- b2 10.77.2.12
#                                                                             '-- b3 10.77.2.13
# The director and the client are network namespaces. The backends are lab nodes: a network
# namespace plus their own pid, mount and uts namespaces whose PID 1 is Agents/lib/halyard/
# lab-node-init, powered on and off with Agents/fence/fence_lab (off kills the init by its
# recorded pid, and with it every process of the node). Each node has private copies of the
# directories its daemons write, so the same Debian packages run on all three at once.
# Backends route replies through the director (LVS-NAT). Services started by `up`:
#   b1-http, b2-http, b3-http  apache2 (or nginx with LAB_HTTP=nginx) on :8080 answering "b1",
#                              "b2", "sorry"; with apache2 also HTTPS on :8443 (self-signed)
#   b1-smtp, b2-smtp           postfix on :25 greeting "220 active ESMTP" and "220 backup ESMTP"
#   b1-dns, b2-dns             named on :53, www.lab. A 10.77.9.11 and 10.77.9.12
# Processes the lab runs in the director and client namespaces (ldirector, haproxy, clients)
# are recorded as "PID STARTTIME" and stopped by that pid.
#
#   director-lab.sh up                   build the lab (tearing down any previous one)
#   director-lab.sh stop ID | start ID   stop a service (b1-http, b2-dns, …: by its own pid
#                                        file) or a recorded process / start it again
#   director-lab.sh spawn ID NODE CMD…   start CMD in the dir or cl namespace in the background, recorded
#   director-lab.sh exec NODE CMD…       run CMD in a namespace (dir, cl) or lab node (b1, b2, b3)
#   director-lab.sh client ROLE ARGS…    director-peer.py ROLE ARGS in the client namespace
#   director-lab.sh background ID ROLE ARGS…   the same in the background, recorded as ID
#   director-lab.sh ldirector CONF PLANE start|stop|status   $LAB_LDIRECTOR in the director namespace
#   director-lab.sh down                 stop every recorded process, power the nodes off, delete the namespaces
#
# Environment: LAB_BASE (/tmp/halyard-director-lab), LAB_PREFIX (hdl), LAB_HTTP (apache2, or
# nginx for the benchmark), LAB_LDIRECTOR (the ldirector binary), LAB_PYTHON (/usr/bin/python3).
set -euo pipefail
BASE=${LAB_BASE:-/tmp/halyard-director-lab}
PREFIX=${LAB_PREFIX:-hdl}
HTTP=${LAB_HTTP:-apache2}
PY=${LAB_PYTHON:-/usr/bin/python3}
HERE=$(cd "$(dirname "$0")" && pwd)
PEER=$HERE/director-peer.py
FENCE=$HERE/../../Agents/fence/fence_lab
NODES=$BASE/nodes
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,5}$ ]] || { echo "LAB_PREFIX must be 1-6 lowercase letters/digits" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "director-lab: must run as root" >&2; exit 1; }

say() { echo "[director-lab] $*" >&2; }

# "PID STARTTIME" identifies a process instance (start time: field 22 of /proc/PID/stat).
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; [ "$1" != Z ] && echo "${20}"; }
running() { local pid st; [ -f "$1" ] || return 1; read -r pid st < "$1" || return 1; [ "$(start_time "$pid" || true)" = "$st" ]; }
record() { local st; st=$(start_time "$1") || return 1; echo "$1 $st" > "$2"; }

fence() {  # fence ACTION NODE: Agents/fence/fence_lab for a backend node
  printf 'action=%s\nport=%s\nstate_dir=%s\n' "$1" "$PREFIX-$2" "$NODES" | "$FENCE" >/dev/null
}

in_node() {  # in_node NODE CMD…: CMD in every namespace of a lab node, or in the netns of dir/cl
  local node=$1 pid
  shift
  if [ -f "$NODES/$PREFIX-$node/init.pid" ]; then
    read -r pid _ < "$NODES/$PREFIX-$node/init.pid"
    nsenter -t "$pid" -m -u -p -n "$@"
  else
    ip netns exec "$PREFIX-$node" "$@"
  fi
}

tcp_open() { in_node "$1" bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null; }

wait_port() {  # wait_port NODE ADDR PORT [closed]: until a TCP connect succeeds (or fails) (15 s)
  for _ in $(seq 1 150); do
    if [ "${4:-open}" = open ]; then tcp_open "$1" "$2" "$3" && return 0; else tcp_open "$1" "$2" "$3" || return 0; fi
    sleep 0.1
  done
  say "$2:$3 in $1 is not ${4:-open}"; return 1
}

spawn() {  # spawn ID NODE CMD…: background, own session, recorded; `start ID` repeats it
  local id=$1 node=$2; shift 2
  running "$BASE/$id.pid" && { say "$id already running"; return 0; }
  printf '%q ' "$node" "$@" > "$BASE/$id.cmd"
  setsid ip netns exec "$PREFIX-$node" "$@" </dev/null >>"$BASE/$id.log" 2>&1 &
  record "$!" "$BASE/$id.pid" || { say "$id exited at once; see $BASE/$id.log"; return 1; }
}

stop_recorded() {  # stop_recorded PIDFILE: SIGTERM, SIGKILL after 12 s (a userspace director drains up to 10 s)
  local pid st
  running "$1" || { rm -f "$1"; return 0; }
  read -r pid st < "$1"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do running "$1" || break; sleep 0.1; done
  running "$1" && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

# The backends' services: NODE ADDRESS NAME per node, and each service's files under $BASE/NODE.
address() { echo "10.77.2.1${1#b}"; }
http_name() { case $1 in b1) echo b1 ;; b2) echo b2 ;; *) echo sorry ;; esac; }
smtp_name() { case $1 in b1) echo active ;; *) echo backup ;; esac; }

configure_node() {  # configure_node NODE: every service's configuration, written once
  local node=$1 dir=$BASE/$1 addr
  addr=$(address "$node")
  mkdir -p "$dir/www" "$dir/http" "$dir/named"
  printf '%s\n' "$(http_name "$node")" > "$dir/www/index.html"
  if [ "$HTTP" = nginx ]; then
    cat > "$dir/http/nginx.conf" <<EOF
worker_processes 1;
pid $dir/http/nginx.pid;
error_log $dir/http/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen $addr:8080; location / { return 200 "$(http_name "$node")\n"; } }
}
EOF
  else
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$node.lab" \
      -keyout "$dir/http/key.pem" -out "$dir/http/cert.pem" >/dev/null 2>&1
    cat > "$dir/http/apache2.conf" <<EOF
ServerRoot /etc/apache2
ServerName $node.lab
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule socache_shmcb_module /usr/lib/apache2/modules/mod_socache_shmcb.so
LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so
User www-data
Group www-data
PidFile $dir/http/apache2.pid
ErrorLog $dir/http/error.log
Mutex posixsem
KeepAlive On
MaxKeepAliveRequests 0
Listen $addr:8080
Listen $addr:8443
DocumentRoot $dir/www
DirectoryIndex index.html
<Directory $dir/www>
  Require all granted
</Directory>
SSLSessionCache none
<VirtualHost $addr:8443>
  ServerName $node.lab
  SSLEngine on
  SSLCertificateFile $dir/http/cert.pem
  SSLCertificateKeyFile $dir/http/key.pem
</VirtualHost>
EOF
  fi
  [ "$node" = b3 ] && return 0
  cp -a /etc/postfix "$dir/postfix"
  postconf -c "$dir/postfix" -e "myhostname=$node.lab" "inet_interfaces=$addr" inet_protocols=ipv4 \
    "smtpd_banner=$(smtp_name "$node") ESMTP" mydestination= relayhost= "alternate_config_directories="
  cat > "$dir/named/named.conf" <<EOF
options {
  directory "$dir/named";
  pid-file "/run/named/named.pid";
  listen-on port 53 { $addr; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  allow-query { any; };
};
zone "lab." { type primary; file "$dir/named/lab.zone"; };
EOF
  cat > "$dir/named/lab.zone" <<EOF
\$TTL 60
@    IN SOA ns.lab. admin.lab. 1 60 60 60 60
@    IN NS  ns.lab.
ns   IN A   $addr
www  IN A   10.77.9.1${node#b}
EOF
  chown -R bind:bind "$dir/named"
}

service_start() {  # service_start ID: start a backend's service inside its node and wait for its port
  local node=${1%-*} kind=${1#*-} dir=$BASE/${1%-*} addr
  addr=$(address "$node")
  case $kind in
    http)
      if [ "$HTTP" = nginx ]; then in_node "$node" nginx -c "$dir/http/nginx.conf" -e "$dir/http/error.log"
      else in_node "$node" apache2 -f "$dir/http/apache2.conf" -k start; fi
      wait_port "$node" "$addr" 8080 ;;
    smtp)
      # The node's own /etc/postfix (its private mount namespace): Debian's postfix as packaged.
      in_node "$node" mount --bind "$dir/postfix" /etc/postfix
      in_node "$node" postfix start >/dev/null 2>&1
      wait_port "$node" "$addr" 25 ;;
    dns)
      in_node "$node" named -4 -u bind -c "$dir/named/named.conf"
      wait_port "$node" "$addr" 53 ;;
    *) say "unknown service $1"; return 2 ;;
  esac
}

service_stop() {  # service_stop ID: stop it the way its package does (its own pid file) and wait for the port to close
  local node=${1%-*} kind=${1#*-} dir=$BASE/${1%-*} addr port
  addr=$(address "$node")
  case $kind in
    http)
      port=8080
      if [ "$HTTP" = nginx ]; then in_node "$node" nginx -c "$dir/http/nginx.conf" -e "$dir/http/error.log" -s stop
      else in_node "$node" apache2 -f "$dir/http/apache2.conf" -k stop; fi ;;
    smtp)
      port=25
      in_node "$node" postfix stop >/dev/null 2>&1
      in_node "$node" umount /etc/postfix ;;
    dns)
      port=53
      in_node "$node" sh -c 'kill -TERM "$(cat /run/named/named.pid)"' ;;
    *) say "unknown service $1"; return 2 ;;
  esac
  wait_port "$node" "$addr" "$port" closed
}

is_service() { [[ "$1" =~ ^b[123]-(http|smtp|dns)$ ]]; }

down() {
  local f ns
  shopt -s nullglob
  for f in "$BASE"/*.pid; do stop_recorded "$f"; done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$PREFIX-(dir|cl|b[0-9])\$" || true); do
    [ -d "$NODES/$ns" ] && fence off "${ns#"$PREFIX-"}"
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
  local i node
  down
  rm -rf "$BASE" && mkdir -p "$BASE/run" "$NODES"
  chmod 755 "$BASE"
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
    node=b$i
    link "$node" "$(address "$node")" 10.77.2.1 "port$i"
    ip -n "$PREFIX-dir" link set "port$i" master br0 up
    fence on "$node"
    configure_node "$node"
    service_start "$node-http"
  done
  if [ "$HTTP" != nginx ]; then
    for node in b1 b2; do service_start "$node-smtp"; service_start "$node-dns"; done
  fi
  say "up: namespaces $PREFIX-{dir,cl}, lab nodes $PREFIX-{b1,b2,b3}, files in $BASE"
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
  stop) if is_service "${2:?id}"; then service_stop "$2"; else stop_recorded "$BASE/$2.pid"; fi ;;
  start) if is_service "${2:?id}"; then service_start "$2"; else eval "spawn $2 $(cat "$BASE/$2.cmd")"; fi ;;
  spawn) shift; spawn "$@" ;;
  exec) node=${2:?node}; shift 2; in_node "$node" "$@" ;;
  client) shift; ip netns exec "$PREFIX-cl" "$PY" "$PEER" "$@" ;;
  background) id=${2:?id}; shift 2; spawn "$id" cl "$PY" "$PEER" "$@" ;;
  ldirector) director "${2:?config}" "${3:?data plane}" "${4:?start, stop or status}" ;;
  *) sed -n '2,34p' "$0" >&2; exit 2 ;;
esac
