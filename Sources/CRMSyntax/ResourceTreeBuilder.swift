import HalyardModel

/// Builds a configuration from a merged statement list: resolves group members and clone children
/// by id and puts the remaining objects in their sections.
enum ResourceTreeBuilder {
    static func build(_ statements: [CRMStatement]) throws(CRMAssemblyError) -> Configuration {
        var primitives: [String: (index: Int, value: Primitive)] = [:]
        var groups: [String: GroupDefinition] = [:]
        var clones: [String: CloneDefinition] = [:]
        for (index, statement) in statements.enumerated() {
            switch statement {
            case .primitive(let p): primitives[p.id] = (index, p)
            case .group(let g): groups[g.id] = g
            case .clone(let c): clones[c.id] = c
            default: continue
            }
        }
        var owner: [String: String] = [:]
        func claim(_ id: String, by container: String) throws(CRMAssemblyError) {
            if let previous = owner[id] {
                throw CRMAssemblyError("'\(id)' is claimed by both '\(previous)' and '\(container)'; a resource can be in only one group or clone")
            }
            owner[id] = container
        }
        var builtGroups: [String: Group] = [:]
        for statement in statements {
            guard case .group(let g) = statement else { continue }
            var members: [Primitive] = []
            for memberID in g.memberIDs {
                guard let member = primitives[memberID]?.value else {
                    let kind = groups[memberID] != nil ? "a group" : clones[memberID] != nil ? "a clone" : nil
                    throw CRMAssemblyError(kind.map { "group '\(g.id)': member '\(memberID)' is \($0); a group holds only primitives" }
                                           ?? "group '\(g.id)': member '\(memberID)' is not defined")
                }
                try claim(memberID, by: g.id)
                members.append(member)
            }
            builtGroups[g.id] = Group(id: g.id, description: g.description, instanceAttributes: g.instanceAttributes,
                                      metaAttributes: g.metaAttributes, members: members)
        }
        var resources: [(key: Int, value: Resource)] = []
        for (index, statement) in statements.enumerated() {
            guard case .clone(let c) = statement else { continue }
            let child: Clone.Child
            if let p = primitives[c.childID]?.value {
                child = .primitive(p)
            } else if let g = builtGroups[c.childID] {
                child = .group(g)
            } else {
                throw CRMAssemblyError(clones[c.childID] != nil ? "clone '\(c.id)': child '\(c.childID)' is a clone; a clone holds a primitive or a group"
                                                                : "clone '\(c.id)': child '\(c.childID)' is not defined")
            }
            try claim(c.childID, by: c.id)
            let clone = Clone(id: c.id, description: c.description, instanceAttributes: c.instanceAttributes,
                              metaAttributes: c.metaAttributes, child: child)
            resources.append((firstPrimitiveIndex(child.primitives, primitives) ?? index, .clone(clone)))
        }
        var configuration = Configuration()
        var topology: FencingTopologyDefinition?
        for (index, statement) in statements.enumerated() {
            switch statement {
            case .node(let n): configuration.nodes.append(n)
            case .primitive(let p) where owner[p.id] == nil: resources.append((index, .primitive(p)))
            case .group(let g) where owner[g.id] == nil:
                if let group = builtGroups[g.id] {
                    resources.append((firstPrimitiveIndex(group.members, primitives) ?? index, .group(group)))
                }
            case .location(let c): configuration.constraints.append(.location(c))
            case .colocation(let c): configuration.constraints.append(.colocation(c))
            case .order(let c): configuration.constraints.append(.order(c))
            case .property(let s): configuration.clusterProperties.append(s)
            case .resourceDefaults(let s): configuration.resourceDefaults.append(s)
            case .operationDefaults(let s): configuration.operationDefaults.append(s)
            case .fencingTopology(let t): topology = t
            case .alert(let a): configuration.alerts.append(a)
            default: continue
            }
        }
        configuration.resources = resources.enumerated()
            .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element.value)
        if let topology { configuration.fencingTopology = levels(of: topology, nodes: configuration.nodes) }
        return configuration
    }

    private static func firstPrimitiveIndex(_ members: [Primitive], _ primitives: [String: (index: Int, value: Primitive)]) -> Int? {
        members.compactMap { primitives[$0.id]?.index }.min()
    }

    /// The levels as written, or (for a target-less topology) repeated for every node by uname.
    static func levels(of topology: FencingTopologyDefinition, nodes: [Node]) -> [FencingLevel] {
        guard topology.appliesToAllNodes else { return topology.levels }
        var ids = IDAllocator()
        return nodes.flatMap { node in
            topology.levels.map { level in
                var copy = level
                copy.target = node.uname
                copy.id = ids.assign(nil, base: DerivedID.fencingLevel)
                return copy
            }
        }
    }
}
