#!/usr/bin/env bash
# sandbox-cluster.sh: a whole Halyard cluster on this machine to play with. Root only.
# Every node is a lab node (network + mount + pid + uts namespaces whose PID 1 is
# Agents/lib/halyard/lab-node-init, powered on and off with Agents/fence/fence_lab) running its
# own corosync and crmd; the nodes and a client namespace share a bridge in a namespace of its
# own. Addresses: node K 10.80.0.K, client 10.80.0.100, floating IPs 10.80.0.10-12
# (Examples/sandbox.crm: web on .10, dns on .11, mail on .12).
#
#   sandbox-cluster.sh up [N]      build it (tearing down any previous one; N = 3-9, 3 by default),
#                                  load Examples/sandbox.crm, wait until all is started, check
#                                  HTTP, DNS and SMTP from the client
#   sandbox-cluster.sh status      crmctl status (through n1's socket, or the first live one)
#   sandbox-cluster.sh kill NODE   power NODE off (its init is killed: every process of the node
#                                  dies at once, its floating IPs go with its link)
#   sandbox-cluster.sh crash NODE  kill -9 NODE's crmd (its corosync stays: the others see the crmd
#                                  leave while expected up, fence NODE and recover its services)
#   sandbox-cluster.sh start NODE  power NODE on again and start its corosync and crmd
#   sandbox-cluster.sh check       HTTP, DNS and SMTP on the floating IPs, from the client
#   sandbox-cluster.sh exec NODE CMD…   run CMD inside a node (n1…) or the client (cl)
#   sandbox-cluster.sh partition NODE   cut NODE off from the other nodes (nft drop); heal NODE undoes it
#   sandbox-cluster.sh down        stop every recorded process, delete namespaces and files
#
# Fencing: crmd runs fence agents inside its node, whose pid namespace cannot see another node's
# init. The sandbox therefore puts its own fence_lab first on HALYARD_AGENTS: it hands the
# request to the sandbox's fencer (a recorded host process, `fencer` below), which powers the
# node off with the real Agents/fence/fence_lab and, for on/reboot, brings it back with its
# corosync and crmd.
#
# Every process is recorded as "PID STARTTIME" (host pids) and stopped by that pid only.
# Files: $BASE/nK/{crmd.sock,crmd.log,corosync.log,state/}, $BASE/nodes (fence_lab state).
# Environment: SANDBOX_BASE (/tmp/halyard-sandbox; must not be under /run, which each node
# replaces), CRMD and CRMCTL (default: .build/debug/{crmd,crmctl} of this checkout),
# SANDBOX_TOKEN (totem token, 1000), SANDBOX_TIMEOUT (seconds to wait for the resources, 120),
# SANDBOX_PREFIX (namespace names, hsb) and SANDBOX_SUBNET (10.80.0): the tests run their own
# sandbox beside an operator's.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BASE=${SANDBOX_BASE:-/tmp/halyard-sandbox}
CRMD=${CRMD:-$REPO/.build/debug/crmd}
CRMCTL=${CRMCTL:-$REPO/.build/debug/crmctl}
TOKEN=${SANDBOX_TOKEN:-1000}
TIMEOUT=${SANDBOX_TIMEOUT:-120}
PREFIX=${SANDBOX_PREFIX:-hsb}
SUBNET=${SANDBOX_SUBNET:-10.80.0}
NODES=$BASE/nodes
FENCE=$REPO/Agents/fence/fence_lab
CIB_TEMPLATE=$REPO/Examples/sandbox.crm
[[ "$BASE" == /run/* ]] && { echo "SANDBOX_BASE must not be under /run (each node has a private /run)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "sandbox-cluster: must run as root" >&2; exit 1; }

say() { echo "[sandbox] $*" >&2; }

# "PID STARTTIME" identifies a process instance (start time: field 22 of /proc/PID/stat).
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; [ "$1" != Z ] && echo "${20}"; }
running() { local pid st; [ -f "$1" ] || return 1; read -r pid st < "$1" || return 1; [ "$(start_time "$pid" || true)" = "$st" ]; }
record() { local st; st=$(start_time "$1") || return 1; echo "$1 $st" > "$2"; }
stop_recorded() {  # stop_recorded PIDFILE [SIGNAL]
  local pid st
  if running "$1"; then read -r pid st < "$1"; kill "-${2:-KILL}" "$pid" 2>/dev/null || true; fi
  rm -f "$1"
}

node_count() { cat "$BASE/nodes.count" 2>/dev/null || echo 0; }
init_pid() { local pid; running "$NODES/$1/init.pid" || return 1; read -r pid _ < "$NODES/$1/init.pid"; echo "$pid"; }
in_node() {  # in_node NODE CMD…: CMD inside a powered-on node, or in the client's namespace
  local node=$1 pid; shift
  if [ "$node" = cl ]; then ip netns exec "$PREFIX-cl" "$@"; return; fi
  pid=$(init_pid "$node") || { say "$node is powered off"; return 1; }
  nsenter -t "$pid" -m -u -p -n -i "$@"
}
socket() { echo "$BASE/$1/crmd.sock"; }
crmctl() { "$CRMCTL" --socket "$(socket "$1")" "${@:2}"; }

# ---- configuration ------------------------------------------------------------------------

write_corosync_conf() {  # write_corosync_conf NODE N
  local d=$BASE/$1 j
  mkdir -p "$d/corosync"
  {
    printf 'totem {\n  version: 2\n  cluster_name: sandbox\n  transport: knet\n  crypto_cipher: none\n  crypto_hash: none\n  token: %s\n}\n' "$TOKEN"
    printf 'logging {\n  to_stderr: no\n  to_syslog: no\n  to_logfile: yes\n  logfile: %s/corosync.log\n  timestamp: hires\n}\n' "$d"
    printf 'quorum {\n  provider: corosync_votequorum\n}\nsystem {\n  state_dir: %s/corosync\n}\nnodelist {\n' "$d"
    for j in $(seq 1 "$2"); do printf '  node {\n    name: n%s\n    nodeid: %s\n    ring0_addr: %s.%s\n  }\n' "$j" "$j" "$SUBNET" "$j"; done
    printf '}\n'
  } > "$d/corosync.conf"
}

write_services() {  # the configuration of httpd, named and postfix, shared by all nodes
  local c=$BASE/conf
  mkdir -p "$c/www" "$c/bind"
  printf '<html><body>halyard sandbox web service</body></html>\n' > "$c/www/index.html"
  cat > "$c/apache2.conf" <<EOF
ServerRoot /etc/apache2
ServerName www.sandbox.lab
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
User www-data
Group www-data
PidFile /run/apache2/sandbox.pid
ErrorLog /var/log/apache2/sandbox-error.log
Mutex posixsem
Listen $SUBNET.10:80
DocumentRoot $c/www
DirectoryIndex index.html
<Directory $c/www>
  Require all granted
</Directory>
EOF
  cat > "$c/bind/named.conf" <<EOF
options {
  directory "/var/cache/bind";
  pid-file "/run/named/named.pid";
  listen-on port 53 { $SUBNET.11; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  allow-query { any; };
};
controls { };
zone "sandbox.lab." { type primary; file "$c/bind/sandbox.zone"; };
EOF
  cat > "$c/bind/sandbox.zone" <<EOF
\$TTL 60
@    IN SOA ns.sandbox.lab. admin.sandbox.lab. 1 60 60 60 60
@    IN NS  ns.sandbox.lab.
ns   IN A   $SUBNET.11
www  IN A   $SUBNET.10
mail IN A   $SUBNET.12
EOF
  chmod -R a+rX "$c"
  # Debian's postfix as packaged, in each node's own /etc/postfix (bind-mounted at stack start).
  rm -rf "$c/postfix" && cp -a /etc/postfix "$c/postfix"
  postconf -c "$c/postfix" -e myhostname=mail.sandbox.lab "inet_interfaces=$SUBNET.12" inet_protocols=ipv4 \
    'smtpd_banner=$myhostname ESMTP halyard sandbox' mydestination= relayhost= alternate_config_directories=
}

write_fence_relay() {  # the fence_lab crmd finds first: hands the request to the host's fencer
  mkdir -p "$BASE/agents/fence" "$BASE/fence"
  cat > "$BASE/agents/fence/fence_lab" <<EOF
#!/bin/bash
# Generated by sandbox-cluster.sh: relays a fence request from inside a node to the fencer.
set -u
request=\$(cat)
if grep -Eq '^(action|option)=(metadata|meta-data)\$' <<<"\$request"; then exec "$FENCE" <<<"\$request"; fi
id=\$(date +%s%N).\$\$
printf '%s\n' "\$request" > "$BASE/fence/\$id.tmp" && mv "$BASE/fence/\$id.tmp" "$BASE/fence/\$id.req"
for _ in \$(seq 1 1200); do
  if [ -e "$BASE/fence/\$id.rc" ]; then
    cat "$BASE/fence/\$id.out" >&2 2>/dev/null
    rc=\$(cat "$BASE/fence/\$id.rc"); rm -f "$BASE/fence/\$id".*; exit "\$rc"
  fi
  sleep 0.1
done
echo "fence_lab (sandbox relay): the sandbox fencer did not answer request \$id in 120 s" >&2
exit 1
EOF
  chmod 755 "$BASE/agents/fence/fence_lab"
}

# ---- nodes --------------------------------------------------------------------------------

lab_fence() {  # lab_fence ACTION NODE: the real fence_lab on the host
  printf 'action=%s\nport=%s\nstate_dir=%s\ninit_command=%s\n' "$1" "$2" "$NODES" \
    "ip netns exec $PREFIX-NODE unshare --mount --uts --pid --fork --mount-proc --propagation private $REPO/Agents/lib/halyard/lab-node-init" \
    | "$FENCE"
}

power_off() {  # power_off NODE: kill its init; take its link down and drop its addresses (floating IPs too)
  local ns=$PREFIX-$1
  lab_fence off "$1"
  rm -f "$BASE/$1/corosync.pid" "$BASE/$1/crmd.pid"
  if ip netns list | grep -q "^$ns\b"; then
    ip -n "$ns" link set eth0 down 2>/dev/null || true
    ip -n "$ns" addr flush dev eth0 2>/dev/null || true
  fi
}

power_on() {  # power_on NODE: its link and address, a fresh init, then corosync and crmd
  local ns=$PREFIX-$1 k=${1#n}
  ip -n "$ns" addr flush dev eth0
  ip -n "$ns" addr add "$SUBNET.$k/24" dev eth0
  ip -n "$ns" link set eth0 up
  lab_fence on "$1"
  start_stack "$1"
}

spawn_in_node() {  # spawn_in_node NODE PIDFILE LOG CMD…: CMD in the node, its host pid recorded
  local node=$1 pidfile=$2 log=$3 launcher child="" pid
  shift 3
  pid=$(init_pid "$node")
  setsid nsenter -t "$pid" -m -u -p -n -i env HALYARD_AGENTS="$BASE/agents:$REPO/Agents" "$@" </dev/null >>"$log" 2>&1 &
  launcher=$!
  # nsenter forks to enter the pid namespace: the daemon is its child.
  for _ in $(seq 1 50); do
    child=$(ps -o pid= --ppid "$launcher" 2>/dev/null | head -n1 | tr -d ' ' || true)
    [ -n "$child" ] && break
    sleep 0.1
  done
  [ -n "$child" ] && record "$child" "$pidfile" || { say "$node: $1 did not start; see $log"; return 1; }
}

start_stack() {  # start_stack NODE: private /dev/shm and /etc/postfix, then corosync and crmd
  local node=$1 d=$BASE/$1
  mkdir -p "$d/state"
  in_node "$node" sh -c 'mountpoint -q /dev/shm || mount -t tmpfs -o mode=1777 sandbox-shm /dev/shm'
  in_node "$node" sh -c "mountpoint -q /etc/postfix || mount --bind '$BASE/conf/postfix' /etc/postfix"
  running "$d/corosync.pid" || spawn_in_node "$node" "$d/corosync.pid" "$d/corosync.out" corosync -f -c "$d/corosync.conf"
  running "$d/crmd.pid" || spawn_in_node "$node" "$d/crmd.pid" "$d/crmd.log" "$CRMD" \
    --state-dir "$d/state" --socket "$d/crmd.sock" --cpg-group halyard-sandbox --node-name "$node" \
    --resource-state-dir /run/resource-agents --shutdown-timeout 30
  for _ in $(seq 1 100); do
    "$CRMCTL" --socket "$d/crmd.sock" status >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  say "$node: crmd does not answer on $d/crmd.sock; see $d/crmd.log"; return 1
}

# ---- the fencer: performs the relayed requests on the host ---------------------------------

fencer() {
  local req id opts action port rc
  shopt -s nullglob
  while :; do
    for req in "$BASE"/fence/*.req; do
      id=${req%.req}
      opts=$(cat "$req"); rm -f "$req"
      action=$(sed -n 's/^\(action\|option\)=//p' <<<"$opts" | tail -n1); action=${action:-reboot}
      port=$(sed -n 's/^\(port\|plug\|nodename\)=//p' <<<"$opts" | tail -n1)
      rc=0
      [[ "$action" =~ ^(monitor|status|list)$ ]] || echo "$(date -Is) fence $action $port" >> "$BASE/fencer.log"
      case $action in
        off) power_off "$port" >"$id.out" 2>&1 || rc=1 ;;
        on) power_on "$port" >"$id.out" 2>&1 || rc=1 ;;
        reboot) { power_off "$port" && power_on "$port"; } >"$id.out" 2>&1 || rc=1 ;;
        *) lab_fence "$action" "$port" >"$id.out" 2>&1 || rc=$? ;;
      esac
      [[ "$action" =~ ^(monitor|status|list)$ ]] || echo "$(date -Is) fence $action $port: rc $rc" >> "$BASE/fencer.log"
      echo "$rc" > "$id.rc"
    done
    sleep 0.2
  done
}

# ---- checks -------------------------------------------------------------------------------

check() {  # HTTP, DNS and SMTP on the floating IPs, from the client namespace
  local ok=0 out
  if out=$(in_node cl curl -sS -m 5 "http://$SUBNET.10/" 2>&1) && grep -q sandbox <<<"$out"; then
    echo "HTTP  http://$SUBNET.10/       OK: $out"; else echo "HTTP  http://$SUBNET.10/       FAILED: $out"; ok=1; fi
  if out=$(in_node cl dig +short +time=2 +tries=1 "@$SUBNET.11" www.sandbox.lab A 2>&1) && [ "$out" = "$SUBNET.10" ]; then
    echo "DNS   @$SUBNET.11 www.sandbox.lab  OK: $out"; else echo "DNS   @$SUBNET.11 www.sandbox.lab  FAILED: $out"; ok=1; fi
  if out=$(in_node cl timeout 5 bash -c "exec 3<>/dev/tcp/$SUBNET.12/25; read -r l <&3; echo \"\$l\"; echo QUIT >&3" 2>&1) && [[ "$out" == 220* ]]; then
    echo "SMTP  $SUBNET.12:25          OK: ${out%$'\r'}"; else echo "SMTP  $SUBNET.12:25          FAILED: $out"; ok=1; fi
  return $ok
}

live_socket_node() {  # the first node whose crmd answers
  local k
  for k in $(seq 1 "$(node_count)"); do crmctl "n$k" status >/dev/null 2>&1 && { echo "n$k"; return 0; }; done
  return 1
}

members_seen() {  # members_seen NODE N: NODE's crmd logged a CPG view of N members
  local view
  view=$(grep -o 'view: members \[[^]]*\]' "$BASE/$1/crmd.log" 2>/dev/null | tail -n1)
  [ "$(grep -o ':' <<<"$view" | wc -l)" -eq "$(( $2 + 1 ))" ]
}

all_started() {  # every configured primitive is reported Started in crmctl status
  local out
  out=$(crmctl "$1" status 2>/dev/null) || return 1
  for r in web-ip web dns-ip dns mail-ip mail $(seq -f 'fence-n%g' 1 "$(node_count)"); do grep -Eq "^[[:space:]]*$r[[:space:]]+\\(.*Started" <<<"$out" || return 1; done
}

cluster_config() {  # cluster_config N: Examples/sandbox.crm (nodes n1-n3) with nodes n4…nN and their fence devices
  local k topology=""
  for k in $(seq 1 "$1"); do topology+=" n$k: fence-n$k"; done
  sed -e "s|/tmp/halyard-sandbox|$BASE|g" -e "s|10\\.80\\.0\\.|$SUBNET.|g" -e "s|^fencing_topology .*|fencing_topology$topology|" "$CIB_TEMPLATE"
  for k in $(seq 4 "$1"); do
    printf 'node n%s\nprimitive fence-n%s stonith:fence_lab params pcmk_host_list=n%s op monitor interval=60s\n' "$k" "$k" "$k"
    printf 'location fence-n%s-elsewhere fence-n%s -inf: n%s\n' "$k" "$k" "$k"
  done
}

# ---- up / down ----------------------------------------------------------------------------

down() {
  local f k ns
  shopt -s nullglob
  [ -f "$BASE/fencer.pid" ] && stop_recorded "$BASE/fencer.pid"
  for f in "$BASE"/n*/crmd.pid "$BASE"/n*/corosync.pid; do stop_recorded "$f"; done
  for f in "$NODES"/*/init.pid; do k=$(basename "$(dirname "$f")"); lab_fence off "$k" || true; done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$PREFIX-(sw|cl|n[0-9]+)\$" || true); do
    ip netns del "$ns"
  done
  rm -rf "$BASE"
}

up() {  # up N
  local n=$1 k node
  [ -x "$CRMD" ] || { say "no crmd at $CRMD (swift build --product crmd, or set CRMD)"; exit 1; }
  [ -x "$CRMCTL" ] || { say "no crmctl at $CRMCTL (swift build --product crmctl, or set CRMCTL)"; exit 1; }
  down
  mkdir -p "$NODES" && chmod 755 "$BASE"
  echo "$n" > "$BASE/nodes.count"
  write_services
  write_fence_relay
  ip netns add "$PREFIX-sw"
  ip -n "$PREFIX-sw" link add br0 type bridge
  ip -n "$PREFIX-sw" link set br0 up
  ip netns add "$PREFIX-cl"
  ip -n "$PREFIX-cl" link set lo up
  ip link add eth0 netns "$PREFIX-cl" type veth peer name client netns "$PREFIX-sw"
  ip -n "$PREFIX-sw" link set client master br0 up
  ip -n "$PREFIX-cl" addr add "$SUBNET.100/24" dev eth0
  ip -n "$PREFIX-cl" link set eth0 up
  for k in $(seq 1 "$n"); do
    node=n$k
    ip netns add "$PREFIX-$node"
    ip -n "$PREFIX-$node" link set lo up
    ip link add eth0 netns "$PREFIX-$node" type veth peer name "port$k" netns "$PREFIX-sw"
    ip -n "$PREFIX-sw" link set "port$k" master br0 up
    mkdir -p "$BASE/$node"
    write_corosync_conf "$node" "$n"
  done
  setsid "$0" fencer </dev/null >>"$BASE/fencer.log" 2>&1 &
  record "$!" "$BASE/fencer.pid"
  for k in $(seq 1 "$n"); do power_on "n$k"; done
  # Every crmd must be in one view first: a node the configuration finds missing is fenced.
  local deadline=$((SECONDS + 30))
  until members_seen n1 "$n"; do
    [ "$SECONDS" -lt "$deadline" ] || { say "n1's crmd does not see $n members; see $BASE/n1/crmd.log"; exit 1; }
    sleep 0.2
  done
  say "$n nodes up; loading $CIB_TEMPLATE"
  cluster_config "$n" > "$BASE/sandbox.crm"
  deadline=$((SECONDS + 30))
  until crmctl n1 configure load replace "$BASE/sandbox.crm"; do
    [ "$SECONDS" -lt "$deadline" ] || { say "the configuration was not accepted"; exit 1; }
    sleep 1
  done
  deadline=$((SECONDS + TIMEOUT))
  until all_started n1; do
    [ "$SECONDS" -lt "$deadline" ] || { crmctl n1 status || true; say "not everything started after ${TIMEOUT}s; logs in $BASE/n*/crmd.log"; exit 1; }
    sleep 1
  done
  crmctl n1 status
  echo
  check || true
  cat <<EOF

Try:
  $0 status        (= $CRMCTL --socket $(socket n1) status)
  $CRMCTL --socket $(socket n1) node standby n1     (then: node online n1)
  $0 kill n2       (power n2 off: the cluster fences it, which powers it on again, and recovers its services)
  $0 crash n1      (kill -9 n1's crmd: the others fence n1 and recover its services)
  $0 check         (HTTP, DNS, SMTP from the client namespace)
  $0 exec cl curl http://$SUBNET.10/
  $0 down
Logs: $BASE/nK/crmd.log, $BASE/nK/corosync.log, $BASE/fencer.log
EOF
}

# partition NODE: NODE's network drops everything to and from the other nodes (the client still
# reaches it), as a switch port that stops forwarding between them; heal NODE undoes it.
partition() {
  local ns=$PREFIX-$1 k peers=()
  for k in $(seq 1 "$(node_count)"); do [ "n$k" = "$1" ] || peers+=("$SUBNET.$k"); done
  local set; set=$(IFS=,; echo "${peers[*]}")
  ip netns exec "$ns" nft -f - <<NFT
table inet sandbox-partition {
  chain input { type filter hook input priority 0; ip saddr { $set } drop; }
  chain output { type filter hook output priority 0; ip daddr { $set } drop; }
}
NFT
}

heal() { ip netns exec "$PREFIX-$1" nft delete table inet sandbox-partition 2>/dev/null || true; }

case "${1:-}" in
  partition) partition "${2:?node}" ;;
  heal) heal "${2:?node}" ;;
  up) n=${2:-3}; [[ "$n" =~ ^[3-9]$ ]] || { echo "usage: $0 up [N] (3-9: the configuration names n1-n3)" >&2; exit 2; }; up "$n" ;;
  down) down ;;
  kill) node=${2:?node}; init_pid "$node" >/dev/null || { say "$node is not powered on"; exit 1; }; power_off "$node" ;;
  crash) node=${2:?node}; running "$BASE/$node/crmd.pid" || { say "$node: crmd is not running"; exit 1; }
    stop_recorded "$BASE/$node/crmd.pid" KILL ;;
  start) start_node=${2:?node}; power_on "$start_node" ;;
  status) node=$(live_socket_node) || { say "no crmd answers"; exit 1; }; crmctl "$node" status ;;
  check) check ;;
  exec) node=${2:?node}; shift 2; in_node "$node" "$@" ;;
  fencer) fencer ;;
  *) sed -n '2,30p' "$0" >&2; exit 2 ;;
esac
