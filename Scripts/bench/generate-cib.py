#!/usr/bin/env python3
"""Writes a synthetic Pacemaker CIB with full status, for benchmarks.

  generate-cib.py NODES RESOURCES [--seed N] [--fencing] > cib.xml

With --fencing, stonith-enabled is true (Pacemaker's default) and a fencing device is added.

Resources: a mix of standalone primitives, 3-member groups and anonymous clones, each Dummy
with a monitor op; location, colocation and order constraints; and a status section in which
every node has probed every resource (as Pacemaker records it) and the active copies have a
start and a recurring monitor result. Each result records the digest of the parameters it ran
with (Pacemaker's op-digest), so that no resource looks redefined and restarts for it.
"""
import argparse, hashlib, random, sys


def digest(parameters):
    """Pacemaker's op-digest: MD5 of the sorted parameters written as one XML element."""
    attributes = "".join(f' {name}="{value}"' for name, value in sorted(parameters.items()))
    return hashlib.md5(f" <parameters{attributes}/>\n".encode()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("nodes", type=int)
    ap.add_argument("resources", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fencing", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    nodes = [f"node{i + 1}" for i in range(a.nodes)]
    out = sys.stdout.write

    primitives = []  # (id, top-level id, is_clone)
    top = []         # (kind, id, members)
    n = 0
    while n < a.resources:
        kind = rnd.choices(["primitive", "group", "clone"], [6, 3, 1])[0]
        if kind == "group" and n + 3 <= a.resources:
            members = [f"g{n}-m{j}" for j in range(3)]
            top.append(("group", f"grp{n}", members))
            primitives += [(m, f"grp{n}", False) for m in members]
            n += 3
        elif kind == "clone":
            top.append(("clone", f"cln{n}", [f"c{n}"]))
            primitives.append((f"c{n}", f"cln{n}", True))
            n += 1
        else:
            top.append(("primitive", f"rsc{n}", [f"rsc{n}"]))
            primitives.append((f"rsc{n}", f"rsc{n}", False))
            n += 1

    def prim(pid, indent):
        out(f'{indent}<primitive id="{pid}" class="ocf" provider="pacemaker" type="Dummy">\n'
            f'{indent}  <instance_attributes id="{pid}-ia"><nvpair id="{pid}-ia-state" name="state" value="/run/{pid}.state"/></instance_attributes>\n'
            f'{indent}  <operations><op id="{pid}-monitor-10s" name="monitor" interval="10s" timeout="20s"/></operations>\n'
            f'{indent}</primitive>\n')

    out('<cib validate-with="pacemaker-3.0" admin_epoch="0" epoch="100" num_updates="5" have-quorum="1" dc-uuid="1">\n')
    out('  <configuration>\n    <crm_config><cluster_property_set id="cib-bootstrap-options">\n')
    out(f'      <nvpair id="opt-stonith" name="stonith-enabled" value="{"true" if a.fencing else "false"}"/>\n')
    out('    </cluster_property_set></crm_config>\n    <nodes>\n')
    for i, name in enumerate(nodes):
        out(f'      <node id="{i + 1}" uname="{name}"/>\n')
    out('    </nodes>\n    <resources>\n')
    if a.fencing:
        out('      <primitive id="fencer" class="stonith" type="fence_dummy"/>\n')
    for kind, tid, members in top:
        if kind == "primitive":
            prim(tid, "      ")
        elif kind == "group":
            out(f'      <group id="{tid}">\n')
            for m in members:
                prim(m, "        ")
            out('      </group>\n')
        else:
            out(f'      <clone id="{tid}"><meta_attributes id="{tid}-meta"><nvpair id="{tid}-max" name="clone-max" value="{min(4, len(nodes))}"/></meta_attributes>\n')
            prim(members[0], "        ")
            out('      </clone>\n')
    out('    </resources>\n    <constraints>\n')
    tops = [t[1] for t in top]
    for i in range(len(tops) * 2 // 5):
        out(f'      <rsc_location id="loc{i}" rsc="{rnd.choice(tops)}" node="{rnd.choice(nodes)}" score="{rnd.randint(-100, 100)}"/>\n')
    for i in range(len(tops) // 10):
        a_, b_ = rnd.sample(tops, 2)
        out(f'      <rsc_colocation id="col{i}" rsc="{a_}" with-rsc="{b_}" score="{rnd.choice(["INFINITY", "100", "-50"])}"/>\n')
        c_, d_ = rnd.sample(tops, 2)
        out(f'      <rsc_order id="ord{i}" first="{c_}" then="{d_}" kind="Optional"/>\n')
    out('    </constraints>\n  </configuration>\n  <status>\n')
    placement = {p: rnd.choice(nodes) for p, _, _ in primitives}
    call = 0
    for i, name in enumerate(nodes):
        out(f'    <node_state id="{i + 1}" uname="{name}" in_ccm="true" crmd="online" join="member" expected="member">\n')
        out(f'      <transient_attributes id="{i + 1}"><instance_attributes id="status-{i + 1}"><nvpair id="status-{i + 1}-pingd" name="pingd" value="100"/></instance_attributes></transient_attributes>\n')
        out(f'      <lrm id="{i + 1}"><lrm_resources>\n')
        for pid, _, is_clone in primitives:
            rid = f"{pid}:0" if is_clone else pid
            call += 1
            active = placement[pid] == name
            parameters = {"state": f"/run/{pid}.state"}
            once = digest(parameters)
            recurring = digest({**parameters, "CRM_meta_timeout": "20000"})
            out(f'        <lrm_resource id="{rid}" class="ocf" provider="pacemaker" type="Dummy">\n')
            if active:
                out(f'          <lrm_rsc_op id="{rid}_last_0" operation_key="{rid}_start_0" operation="start" transition-key="1:1:0:x" transition-magic="0:0;1:1:0:x" call-id="{call}" rc-code="0" op-status="0" interval="0" last-rc-change="1700000000" exec-time="10" queue-time="0" op-digest="{once}"/>\n')
                call += 1
                out(f'          <lrm_rsc_op id="{rid}_monitor_10000" operation_key="{rid}_monitor_10000" operation="monitor" transition-key="2:1:0:x" transition-magic="0:0;2:1:0:x" call-id="{call}" rc-code="0" op-status="0" interval="10000" last-rc-change="1700000000" exec-time="5" queue-time="0" op-digest="{recurring}"/>\n')
            else:
                out(f'          <lrm_rsc_op id="{rid}_last_0" operation_key="{rid}_monitor_0" operation="monitor" transition-key="3:1:7:x" transition-magic="0:7;3:1:7:x" call-id="{call}" rc-code="7" op-status="0" interval="0" last-rc-change="1700000000" exec-time="5" queue-time="0" op-digest="{once}"/>\n')
            out('        </lrm_resource>\n')
        out('      </lrm_resources></lrm>\n    </node_state>\n')
    out('  </status>\n</cib>\n')


if __name__ == "__main__":
    main()
