import HalyardModel

/// Everything the scheduler works on for one run: nodes, resources (top level in allocation
/// order), cluster options and quorum, and lookups used while unpacking the status.
final class WorkingSet {
    let options: ClusterOptions
    let nodes: [ClusterNode]
    let hasQuorum: Bool
    let failCounts: FailCounts
    /// The current time (epoch seconds) for date rules and failure expiry; nil = unknown.
    let now: Int?
    let configuration: Configuration
    /// Records why scores change, when the input asks for it.
    var trail: ContributionTrail?
    /// Top-level resources, sorted by priority (stable), then orphans as they are found.
    private(set) var resources: [Rsc]
    private var byID: [String: Rsc] = [:]
    /// Primitives for history entries whose id names no configured primitive, by that id.
    private var orphans: [String: Rsc] = [:]
    /// Configured id of a clone's child or cloned-group member → the clone.
    private var cloneByChildID: [String: Rsc] = [:]
    private let builder: ResourceBuilder

    init(cib: CIB, options: ClusterOptions, nodes: [ClusterNode], hasQuorum: Bool, now: Int?) {
        self.options = options
        self.nodes = nodes
        self.hasQuorum = hasQuorum
        self.configuration = cib.configuration
        self.failCounts = FailCounts(now: now, featureSet: cib.otherAttributes.first { $0.name == "crm_feature_set" }?.value)
        self.now = now
        hasFencingDevice = cib.configuration.allPrimitives.contains(where: \.isFencingDevice)
        builder = ResourceBuilder(configuration: cib.configuration, options: options, nodeCount: nodes.count)
        let built = builder.build()
        resources = built.enumerated().sorted { a, b in
            a.element.priority != b.element.priority ? a.element.priority > b.element.priority : a.offset < b.offset
        }.map(\.element)
        for top in built { index(top) }
        // From the configuration, so that a clone with no instances (clone-max=0) still owns
        // the histories of its child.
        for case .clone(let c) in cib.configuration.resources {
            guard let clone = byID[c.id] else { continue }
            for id in [c.child.id] + c.child.primitives.map(\.id) { cloneByChildID[id] = clone }
        }
    }

    private func index(_ rsc: Rsc) {
        byID[rsc.id] = rsc
        for child in rsc.children { index(child) }
    }

    /// Whether any fencing device is configured (Pacemaker's `have-stonith-resource`).
    let hasFencingDevice: Bool

    /// Whether the cluster could fence `node` now: fencing enabled, a device configured, and
    /// quorum (or no-quorum-policy=ignore, or the node is a member still).
    func canFence(_ node: ClusterNode) -> Bool {
        options.fencingEnabled && hasFencingDevice && (hasQuorum || options.noQuorumPolicy == .ignore || node.online)
    }

    /// Every resource at any depth, parents before children.
    var allResources: [Rsc] {
        var all: [Rsc] = []
        func walk(_ rsc: Rsc) {
            all.append(rsc)
            rsc.children.forEach(walk)
        }
        resources.forEach(walk)
        return all
    }

    func resource(id: String) -> Rsc? { byID[id] }

    func node(forState state: NodeState) -> ClusterNode? {
        if let id = state.id, let node = nodes.first(where: { $0.id == id }) { return node }
        return nodes.first(where: { $0.uname == state.uname })
    }

    func node(named uname: String) -> ClusterNode? { nodes.first(where: { $0.uname == uname }) }

    /// The resource a history entry (`lrm_resource id`) on `node` belongs to, or nil for an
    /// orphan. Anonymous clone entries are matched to instances as Pacemaker numbers them.
    func findResource(historyID: String, on node: ClusterNode) -> Rsc? {
        if let rsc = byID[historyID], rsc.kind == .primitive, rsc.enclosingClone == nil { return rsc }
        let base = Self.stripInstance(historyID)
        guard let clone = cloneByChildID[base] else { return nil }
        if clone.globallyUnique {
            if let rsc = byID[historyID], rsc.kind == .primitive { return rsc }
            return nil
        }
        return anonymousInstance(clone, base: base, node: node)
    }

    func cloneByChildIDLookup(_ id: String) -> Rsc? {
        guard let clone = cloneByChildID[id], clone.children.first?.baseID == id else { return nil }
        return clone
    }

    /// `id` without a clone instance number (`rsc:3` → `rsc`). Read as UTF-8 bytes: instance
    /// numbers are ASCII digits, and this runs for every clone history entry.
    static func stripInstance(_ id: String) -> String {
        let utf8 = id.utf8
        guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return id }
        let number = utf8[utf8.index(after: colon)...]
        guard !number.isEmpty, number.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return id }
        return String(id[..<colon])
    }

    private func member(of instance: Rsc, base: String) -> Rsc? {
        if instance.kind == .primitive { return instance.baseID == base ? instance : nil }
        return instance.children.first(where: { $0.baseID == base })
    }

    private func anonymousInstance(_ clone: Rsc, base: String, node: ClusterNode) -> Rsc {
        var found: Rsc?
        var inactive: Rsc?
        var skipInactive = false
        for instance in clone.children where !instance.isOrphan {
            if !instance.runningOn.isEmpty {
                if instance.runningOn.contains(where: { $0 === node }), let m = member(of: instance, base: base) {
                    if !m.runningOn.isEmpty {
                        skipInactive = true
                    } else {
                        found = m
                        break
                    }
                }
            } else if !skipInactive && inactive == nil && !instance.blocked {
                inactive = member(of: instance, base: base)
            }
        }
        if found == nil && !skipInactive { found = inactive }
        return found ?? orphanInstance(clone, base: base)
    }

    private func orphanInstance(_ clone: Rsc, base: String) -> Rsc {
        let number = clone.children.count
        let template = clone.children.first
        let primitive = template.flatMap { member(of: $0, base: base)?.primitive }
            ?? Primitive(id: base, standard: "ocf", type: base)
        let rsc = Rsc(id: "\(base):\(number)", kind: .primitive, primitive: primitive, meta: clone.meta)
        rsc.parent = clone
        rsc.instanceNumber = number
        rsc.isOrphan = true
        rsc.managed = clone.managed
        for n in nodes { rsc.allowed[n.index] = -ScoreMath.infinity }
        clone.children.append(rsc)
        byID[rsc.id] = rsc
        return rsc
    }

    /// The orphan resource for a history entry whose id is not configured (created once).
    /// Its id may be a configured group's or clone's: the orphan is a primitive of its own then.
    func orphan(for history: ResourceHistory) -> Rsc {
        if let existing = orphans[history.id] { return existing }
        let rsc = builder.makeOrphan(id: history.id, history: history)
        for n in nodes { rsc.allowed[n.index] = -ScoreMath.infinity }
        orphans[rsc.id] = rsc
        if byID[rsc.id] == nil { byID[rsc.id] = rsc }
        resources.append(rsc)
        return rsc
    }

    /// The `on-fail` policy for a failed `task` at `interval` ms of `rsc`.
    func onFail(for rsc: Rsc, task: String, interval: Int) -> FailurePolicy {
        let configured = rsc.primitive?.operations.first(where: {
            $0.name == task && (Duration.milliseconds($0.interval) ?? -1) == interval
        })?.onFail ?? configuration.operationDefaults.flattened()["on-fail"]
        if var policy = configured.flatMap(FailurePolicy.init(onFail:)) {
            if policy == .fence && !options.fencingEnabled { policy = .stop }
            return policy
        }
        if task == "stop" { return options.fencingEnabled ? .fence : .block }
        return .recover
    }
}

extension WorkingSet {
    /// Whether `rsc` on `node` is in maintenance (the node, the cluster or the resource):
    /// left alone entirely, its recurring operations cancelled.
    func inMaintenance(_ rsc: Rsc, on node: ClusterNode) -> Bool {
        node.maintenance || options.maintenanceMode || Boolean.parse(rsc.meta["maintenance"]) == true
    }

    /// The resource a constraint names: a configured id, where a clone's child (or cloned
    /// group) id stands for the clone itself.
    func constraintResource(_ id: String) -> Rsc? {
        if let clone = cloneByChildIDLookup(id) { return clone }
        guard let rsc = resource(id: id), rsc.instanceNumber == nil, !rsc.isOrphan else { return nil }
        return rsc
    }
}
