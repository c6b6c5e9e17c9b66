/// Seeded random, valid CIBs for differential testing against Pacemaker: a few nodes (some in
/// standby or offline), primitives (some unmanaged), groups and clones (some unique, some
/// interleaved), location (fixed and rule), colocation and order constraints with assorted
/// scores, stickiness, and history saying where some resources already run (and whose monitor
/// failed there). No cloned groups: see Docs/architecture.md for the Pacemaker 2.1.5 behaviour
/// with them that Halyard does not copy. Same seed, same XML.
struct DifferentialCIB {
    private var rng: SplitMix64
    private(set) var nodes: [String] = []
    private var offline: Set<String> = []
    private var standby: Set<String> = []
    /// Top-level resource ids and the primitive ids (with their clone, if any) below them.
    private var tops: [String] = []
    private var primitives: [(id: String, clone: String?)] = []
    private var resourcesXML = ""
    private var constraintsXML = ""
    /// Transient node attributes (fail counts).
    private var transient: [String: [String: String]] = [:]
    /// (primitive, node) pairs the history says are active, once `xml()` has run.
    private(set) var running: [(id: String, node: String)] = []
    private var symmetric = true
    /// Globally-unique clones: their history names instances (`child:N`).
    private var uniqueClones: Set<String> = []
    /// Primitives whose recurring monitor failed (rc=1) where they run.
    private var failing: Set<String> = []

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        let nodeCount = 2 + rng.below(4)
        nodes = (1...nodeCount).map { "n\($0)" }
        for n in nodes where rng.chance(0.12) { standby.insert(n) }
        for n in nodes where rng.chance(0.12) && offline.count + 1 < nodeCount { offline.insert(n) }
        symmetric = !rng.chance(0.15)
        let topCount = 3 + rng.below(6)
        for i in 0..<topCount { addResource(i) }
        for i in 0..<rng.below(topCount + 1) { addLocation(i) }
        for i in 0..<rng.below(topCount / 2 + 2) { addColocation(i) }
        for i in 0..<rng.below(3) { addOrder(i) }
    }

    private static let scores = ["-INFINITY", "-100", "-10", "0", "10", "50", "100", "INFINITY"]

    private mutating func addResource(_ i: Int) {
        switch rng.below(10) {
        case 0..<6:
            let id = "r\(i)"
            var meta: [String: String] = [:]
            if rng.chance(0.2) { meta["resource-stickiness"] = rng.pick(["0", "20", "200"]) }
            if rng.chance(0.1) { meta["target-role"] = "Stopped" }
            if rng.chance(0.2) {
                meta["migration-threshold"] = "2"
                transient[rng.pick(nodes), default: [:]]["fail-count-\(id)#monitor_10000"] = rng.pick(["1", "2"])
            }
            if rng.chance(0.06) { meta["is-managed"] = "false" }
            if rng.chance(0.1) { failing.insert(id) }
            resourcesXML += primitive(id, meta: meta)
            primitives.append((id, nil))
            tops.append(id)
        case 6..<8:
            let id = "g\(i)"
            let members = (0..<(2 + rng.below(2))).map { "g\(i)m\($0)" }
            resourcesXML += "<group id=\"\(id)\">" + members.map { primitive($0, meta: [:]) }.joined() + "</group>"
            primitives += members.map { ($0, nil) }
            tops.append(id)
        default:
            let id = "c\(i)"
            let child = "c\(i)p"
            var meta: [String: String] = [:]
            if rng.chance(0.4) { meta["clone-max"] = String(1 + rng.below(nodes.count)) }
            if rng.chance(0.2) { meta["clone-node-max"] = "2" }
            if rng.chance(0.15) {
                meta["globally-unique"] = "true"
                uniqueClones.insert(id)
            }
            if rng.chance(0.3) { meta["interleave"] = "true" }
            resourcesXML += "<clone id=\"\(id)\">\(metaXML(id, meta))\(primitive(child, meta: [:]))</clone>"
            primitives.append((child, id))
            tops.append(id)
        }
    }

    private func primitive(_ id: String, meta: [String: String]) -> String {
        "<primitive id=\"\(id)\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\(metaXML(id, meta))"
            + "<operations><op id=\"\(id)-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>"
    }

    private func metaXML(_ id: String, _ meta: [String: String]) -> String {
        guard !meta.isEmpty else { return "" }
        let pairs = meta.sorted { $0.key < $1.key }.map { "<nvpair id=\"\(id)-m-\($0.key)\" name=\"\($0.key)\" value=\"\($0.value)\"/>" }
        return "<meta_attributes id=\"\(id)-meta\">\(pairs.joined())</meta_attributes>"
    }

    private mutating func addLocation(_ i: Int) {
        let rsc = rng.pick(tops)
        let score = rng.pick(Self.scores)
        if rng.chance(0.3) {
            let value = rng.pick(["1", "2", "3"])
            constraintsXML += "<rsc_location id=\"loc\(i)\" rsc=\"\(rsc)\"><rule id=\"loc\(i)-r\" score=\"\(score)\">"
                + "<expression id=\"loc\(i)-e\" attribute=\"rack\" operation=\"eq\" value=\"\(value)\"/></rule></rsc_location>"
        } else {
            constraintsXML += "<rsc_location id=\"loc\(i)\" rsc=\"\(rsc)\" node=\"\(rng.pick(nodes))\" score=\"\(score)\"/>"
        }
    }

    private mutating func addColocation(_ i: Int) {
        guard tops.count >= 2 else { return }
        let a = rng.pick(tops)
        let b = rng.pick(tops.filter { $0 != a })
        let score = rng.pick(["INFINITY", "-INFINITY", "100", "-100", "50"])
        constraintsXML += "<rsc_colocation id=\"col\(i)\" rsc=\"\(a)\" with-rsc=\"\(b)\" score=\"\(score)\"/>"
    }

    /// A recurring monitor that found `id` failed (rc=1), after its start (call `call`).
    private func failedMonitor(_ id: String, call: Int) -> String {
        """
        <lrm_rsc_op id="\(id)_monitor_10000" operation_key="\(id)_monitor_10000" operation="monitor" \
        crm_feature_set="3.0.14" transition-key="2:1:0:diff" transition-magic="0:1;2:1:0:diff" call-id="\(call * 10 + 1)" \
        rc-code="1" op-status="0" interval="10000" last-rc-change="1700000001" exec-time="1" queue-time="0" op-digest="x"/>
        """
    }

    /// Orders always run forward in document order, so they never form a loop (for which
    /// Pacemaker produces an invalid transition).
    private mutating func addOrder(_ i: Int) {
        guard tops.count >= 2 else { return }
        let first = rng.below(tops.count - 1)
        let a = tops[first]
        let b = tops[first + 1 + rng.below(tops.count - first - 1)]
        constraintsXML += "<rsc_order id=\"ord\(i)\" first=\"\(a)\" then=\"\(b)\" kind=\"\(rng.pick(["Mandatory", "Optional"]))\"/>"
    }

    /// The CIB, with history: each primitive runs on one random online node with probability
    /// 1/2 (a clone's child on up to two nodes).
    mutating func xml() -> String {
        let stickiness = rng.pick(["0", "0", "1", "50", "100"])
        var history: [String: String] = [:]
        var call = 10
        let online = nodes.filter { !offline.contains($0) }
        for (base, clone) in primitives where rng.chance(0.5) {
            let copies = Set((0..<(clone == nil ? 1 : 1 + rng.below(2))).map { _ in rng.pick(online) }).sorted()
            for (copy, node) in copies.enumerated() {
                call += 1
                let id = clone.map { uniqueClones.contains($0) } == true ? "\(base):\(copy)" : base
                running.append((id, node))
                history[node, default: ""] += """
                    <lrm_resource id="\(id)" class="ocf" provider="pacemaker" type="Dummy">\
                    <lrm_rsc_op id="\(id)_last_0" operation_key="\(id)_start_0" operation="start" crm-debug-origin="do_update_resource" \
                    crm_feature_set="3.0.14" transition-key="1:1:0:diff" transition-magic="0:0;1:1:0:diff" call-id="\(call)" \
                    rc-code="0" op-status="0" interval="0" last-run="1700000000" last-rc-change="1700000000" exec-time="1" \
                    queue-time="0" op-digest="x"/>\(failing.contains(base) ? failedMonitor(id, call: call) : "")</lrm_resource>
                    """
            }
        }
        let nodeXML = nodes.enumerated().map { i, n in
            var pairs = "<nvpair id=\"\(n)-rack\" name=\"rack\" value=\"\(i % 3 + 1)\"/>"
            if standby.contains(n) { pairs += "<nvpair id=\"\(n)-standby\" name=\"standby\" value=\"on\"/>" }
            return "<node id=\"\(i + 1)\" uname=\"\(n)\"><instance_attributes id=\"\(n)-ia\">\(pairs)</instance_attributes></node>"
        }.joined()
        let states = nodes.enumerated().map { i, n in
            let up = !offline.contains(n)
            let attributes = (transient[n] ?? [:]).sorted { $0.key < $1.key }.enumerated().map { j, pair in
                "<nvpair id=\"\(n)-t\(j)\" name=\"\(pair.key)\" value=\"\(pair.value)\"/>"
            }.joined()
            let transientXML = attributes.isEmpty ? ""
                : "<transient_attributes id=\"\(i + 1)\"><instance_attributes id=\"status-\(i + 1)\">\(attributes)</instance_attributes></transient_attributes>"
            return "<node_state id=\"\(i + 1)\" uname=\"\(n)\" in_ccm=\"\(up)\" crmd=\"\(up ? "online" : "offline")\" "
                + "join=\"\(up ? "member" : "down")\" expected=\"\(up ? "member" : "down")\">\(transientXML)"
                + "<lrm id=\"\(i + 1)\"><lrm_resources>\(history[n] ?? "")</lrm_resources></lrm></node_state>"
        }.joined()
        return """
            <cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0" have-quorum="1" dc-uuid="1">\
            <configuration><crm_config><cluster_property_set id="cib-bootstrap-options">\
            <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>\
            <nvpair id="opt-symmetric" name="symmetric-cluster" value="\(symmetric)"/></cluster_property_set></crm_config>\
            <nodes>\(nodeXML)</nodes><resources>\(resourcesXML)</resources><constraints>\(constraintsXML)</constraints>\
            <rsc_defaults><meta_attributes id="rsc-options"><nvpair id="rsc-stickiness" name="resource-stickiness" value="\(stickiness)"/>\
            </meta_attributes></rsc_defaults></configuration><status>\(states)</status></cib>
            """
    }
}

/// A small deterministic random generator (SplitMix64), so a seed always gives the same CIB.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
