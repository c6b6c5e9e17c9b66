import HalyardModel

/// Turns the configured resources into the scheduler's working resources: meta-attribute
/// inheritance (own, parent, `rsc_defaults`), Pacemaker's defaults (clone stickiness 1,
/// clone-max = node count), and one instance per clone copy (`child:N`).
struct ResourceBuilder {
    let configuration: Configuration
    let options: ClusterOptions
    let nodeCount: Int

    func build() -> [Rsc] {
        configuration.resources.map { build($0, parent: nil, parentMeta: [:]) }
    }

    private var defaults: [String: String] { configuration.resourceDefaults.flattened() }

    private func resolveMeta(own: [AttributeSet], parentMeta: [String: String], isClone: Bool) -> [String: String] {
        var meta = own.flattened()
        for (k, v) in parentMeta where meta[k] == nil { meta[k] = v }
        for (k, v) in defaults where meta[k] == nil { meta[k] = v }
        if isClone && meta["resource-stickiness"] == nil {
            meta["resource-stickiness"] = "1"
        }
        return meta
    }

    private func build(_ resource: Resource, parent: Rsc?, parentMeta: [String: String]) -> Rsc {
        switch resource {
        case .primitive(let p):
            return makePrimitive(p, id: p.id, parent: parent, parentMeta: parentMeta, instance: nil)
        case .group(let g):
            return makeGroup(g, id: g.id, parent: parent, parentMeta: parentMeta, instance: nil)
        case .clone(let c):
            let meta = resolveMeta(own: c.metaAttributes, parentMeta: [:], isClone: true)
            let clone = Rsc(id: c.id, kind: .clone, primitive: nil, meta: meta)
            applyCommon(clone)
            // Only OCF and fencing agents can run as distinct instances: a clone of any other
            // class asked to be globally unique is made anonymous, with at most one instance
            // per node (Pacemaker does the same, with a warning).
            let anonymousOnly = c.child.primitives.contains { !["ocf", "stonith"].contains($0.standard.lowercased()) }
            let uniqueRequested = Boolean.parse(meta["globally-unique"]) ?? false
            clone.globallyUnique = uniqueRequested && !anonymousOnly
            clone.cloneMax = meta["clone-max"].flatMap { Int($0) } ?? nodeCount
            if uniqueRequested && anonymousOnly { clone.cloneMax = min(clone.cloneMax, nodeCount) }
            // Anonymous instances are indistinguishable: at most one runs per node.
            clone.cloneNodeMax = clone.globallyUnique ? meta["clone-node-max"].flatMap { Int($0) } ?? 1 : 1
            clone.cloneMin = meta["clone-min"].flatMap { Int($0) } ?? 0
            clone.interleave = Boolean.parse(meta["interleave"]) ?? false
            for n in 0..<max(clone.cloneMax, 0) {
                let child: Rsc
                switch c.child {
                case .primitive(let p): child = makePrimitive(p, id: "\(p.id):\(n)", parent: clone, parentMeta: meta, instance: n)
                case .group(let g): child = makeGroup(g, id: "\(g.id):\(n)", parent: clone, parentMeta: meta, instance: n)
                }
                clone.children.append(child)
            }
            return clone
        }
    }

    private func makeGroup(_ g: Group, id: String, parent: Rsc?, parentMeta: [String: String], instance: Int?) -> Rsc {
        let meta = resolveMeta(own: g.metaAttributes, parentMeta: parentMeta, isClone: false)
        let group = Rsc(id: id, kind: .group, primitive: nil, meta: meta)
        group.parent = parent
        group.instanceNumber = instance
        applyCommon(group)
        for member in g.members {
            let memberID = instance.map { "\(member.id):\($0)" } ?? member.id
            group.children.append(makePrimitive(member, id: memberID, parent: group, parentMeta: meta, instance: instance))
        }
        return group
    }

    private func makePrimitive(_ p: Primitive, id: String, parent: Rsc?, parentMeta: [String: String], instance: Int?) -> Rsc {
        let meta = resolveMeta(own: p.metaAttributes, parentMeta: parentMeta, isClone: false)
        let rsc = Rsc(id: id, kind: .primitive, primitive: p, meta: meta)
        rsc.parent = parent
        rsc.instanceNumber = instance
        applyCommon(rsc)
        return rsc
    }

    /// An orphan: a resource found in the status section but absent from the configuration.
    func makeOrphan(id: String, history: ResourceHistory) -> Rsc {
        let primitive = Primitive(id: id, standard: history.standard, provider: history.provider, type: history.type)
        let rsc = Rsc(id: id, kind: .primitive, primitive: primitive, meta: defaults)
        applyCommon(rsc)
        rsc.isOrphan = true
        if !options.stopOrphanResources { rsc.managed = false }
        return rsc
    }

    private func applyCommon(_ rsc: Rsc) {
        let meta = rsc.meta
        rsc.priority = ScoreMath.parse(meta["priority"])
        if let s = meta["resource-stickiness"], s != "default" {
            rsc.stickiness = ScoreMath.parse(s)
        } else if let legacy = options.legacyDefaultStickiness {
            rsc.stickiness = legacy.value
        }
        if let m = meta["migration-threshold"] { rsc.migrationThreshold = ScoreMath.parse(m) }
        if let t = meta["failure-timeout"], let ms = Duration.milliseconds(t) { rsc.failureTimeoutSeconds = ms / 1000 }
        let managedDefault = options.legacyIsManagedDefault ?? true
        rsc.managed = Boolean.parse(meta["is-managed"]) ?? managedDefault
        if Boolean.parse(meta["maintenance"]) == true || options.maintenanceMode { rsc.managed = false }
        rsc.critical = Boolean.parse(meta["critical"]) ?? true
        rsc.multipleActive = meta["multiple-active"] ?? "stop_start"
        if let role = rsc.requestedRole { rsc.nextRole = role }
    }
}
