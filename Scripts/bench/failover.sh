#!/usr/bin/env bash
# Node-loss failover in a real cluster: a three-node sandbox (Scripts/lab/sandbox-cluster.sh, its own
# prefix, subnet and directory); ROUNDS times the node running the DNS service is powered off (and
# powered on again after the round). For each round:
#   detection  fault → the DC's crmd logs the CPG view without n2 (corosync: token + consensus)
#   fencing    the DC's fence order → fence_lab reports n2 off
#   agents     the start operations of the moved group (exec-time recorded in the status)
#   answer     fault → DNS answers on the floating IP again: the arrival of the first answer to
#              the client's queries, sent every 20 ms
#   halyard    answer − detection − fencing − agents: what the cluster manager adds
# Root only. Usage: bash Scripts/bench/failover.sh [ROUNDS]   (CRMD/CRMCTL: binaries to use)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
. Scripts/bench/bench-sandbox.sh
start_bench_sandbox /tmp/halyard-failover-bench hfb 10.82.0
vip=$SANDBOX_SUBNET.11
# Epoch seconds (with fractions) of the first log line after $2 matching $3 in log $1.
stamp_after() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys, re, datetime
log, after, pattern = sys.argv[1], float(sys.argv[2]), re.compile(sys.argv[3])
for line in open(log, errors="replace"):
    head = line.split(" ", 1)[0]
    try:
        t = datetime.datetime.fromisoformat(head.replace("Z", "+00:00")).timestamp()
    except ValueError:
        continue
    if t >= after and pattern.search(line):
        print(f"{t:.3f}"); break
PY
}
# Seconds spent in the last start of each of the DNS group's resources (exec-time in the
# replicated status, as node $1 saved it).
agent_seconds() {
    python3 - "$SANDBOX_BASE/$1/state/cib.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ops = ET.parse(sys.argv[1]).getroot().iter("lrm_rsc_op")
print(sum(int(op.get("exec-time", "0")) for op in ops
          if op.get("operation") == "start" and op.get("id") in ("dns-ip_last_0", "dns_last_0")) / 1000)
PY
}
# From the client: a DNS query for $2 to $1 every 20 ms (non-blocking, each with its own id) until
# one is answered with address $3; prints when that answer arrived (epoch seconds). A blocking
# `dig` in a loop would hide up to its 1 s timeout in the figure. (Not the query's sending time:
# a query sent before the address existed can wait in the ARP queue and be answered later.)
probe='
import socket, struct, sys, time
server, name, expected = sys.argv[1], sys.argv[2], socket.inet_aton(sys.argv[3])
question = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack(">HH", 1, 1)
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setblocking(False)
sent, query, deadline = {}, 0, time.time() + 120
while time.time() < deadline:
    query = (query + 1) & 0xFFFF
    try:
        sock.sendto(struct.pack(">HHHHHH", query, 0x0100, 1, 0, 0, 0) + question, (server, 53))
        sent[query] = time.time()
    except OSError:
        pass
    until = time.time() + 0.02
    while time.time() < until:
        try:
            reply = sock.recv(4096)
        except BlockingIOError:
            time.sleep(0.001)
            continue
        except OSError:
            break
        answered, answers = struct.unpack(">H", reply[:2])[0], struct.unpack(">H", reply[6:8])[0]
        if answers and expected in reply[12:] and answered in sent:
            print(f"{time.time():.3f}")
            sys.exit(0)
sys.exit(1)
'
# The node running the DNS service, from crmctl status on node $1.
dns_node() {
    "$CRMCTL" --socket "$SANDBOX_BASE/$1/crmd.sock" status |
        awk '/^[[:space:]]*dns[[:space:]]+\(.*Started/ { for (i = 1; i <= NF; i++) if ($i ~ /^n[0-9]+$/) node = $i; print node }'
}
printf '%-6s %-6s %10s %10s %10s %10s %10s\n' round node detection fencing agents answer halyard
for round in $(seq 1 "$rounds"); do
    victim=$(dns_node n1)
    dc=n1; [ "$victim" = n1 ] && dc=n2
    t0=$(date +%s.%N)
    sandbox kill "$victim" >/dev/null
    t1=$(sandbox exec cl python3 -c "$probe" "$vip" www.sandbox.lab "$SANDBOX_SUBNET.10")
    sleep 2  # let the status file catch up (written at most once a second)
    view=$(stamp_after "$SANDBOX_BASE/$dc/crmd.log" "$t0" 'view: members')
    fence0=$(stamp_after "$SANDBOX_BASE/$dc/crmd.log" "$t0" "fencing $victim \\(")
    fence1=$(stamp_after "$SANDBOX_BASE/$dc/crmd.log" "$t0" "fencing $victim: done")
    agents=$(agent_seconds "$dc")
    python3 - "$round" "$victim" "$t0" "$t1" "$view" "$fence0" "$fence1" "$agents" <<'PY'
import sys
r, node, (t0, t1, view, f0, f1, agents) = sys.argv[1], sys.argv[2], map(float, sys.argv[3:])
detection, fencing, answer = view - t0, f1 - f0, t1 - t0
print(f"{r:<6} {node:<6} {detection:10.2f} {fencing:10.2f} {agents:10.2f} {answer:10.2f} {answer - detection - fencing - agents:10.2f}")
PY
    sandbox start "$victim" >/dev/null
    sleep 3
    until sandbox check >/dev/null 2>&1; do sleep 0.5; done
done
echo "corosync: token 1000 ms, consensus 1200 ms (detection is expected near their sum); times in seconds"
