import HalyardModel

/// Splits a configuration into the statements `configure show` prints, in show order: nodes,
/// primitives (top level, group members and clone children, in document order), groups, clones,
/// constraints (document order), properties, rsc_defaults, op_defaults, fencing topology, alerts.
enum ConfigurationStatements {
    static func statements(of configuration: Configuration) -> [CRMStatement] {
        var primitives: [CRMStatement] = [], groups: [CRMStatement] = [], clones: [CRMStatement] = []
        for resource in configuration.resources {
            switch resource {
            case .primitive(let p): primitives.append(.primitive(p))
            case .group(let g):
                primitives += g.members.map(CRMStatement.primitive)
                groups.append(.group(definition(of: g)))
            case .clone(let c):
                primitives += c.child.primitives.map(CRMStatement.primitive)
                if case .group(let g) = c.child { groups.append(.group(definition(of: g))) }
                clones.append(.clone(CloneDefinition(id: c.id, childID: c.child.id, description: c.description,
                                                     instanceAttributes: c.instanceAttributes, metaAttributes: c.metaAttributes)))
            }
        }
        var result: [CRMStatement] = configuration.nodes.map(CRMStatement.node)
        result += primitives + groups + clones
        result += configuration.constraints.map { constraint in
            switch constraint {
            case .location(let c): .location(c)
            case .colocation(let c): .colocation(c)
            case .order(let c): .order(c)
            }
        }
        result += configuration.clusterProperties.map(CRMStatement.property)
        result += configuration.resourceDefaults.map(CRMStatement.resourceDefaults)
        result += configuration.operationDefaults.map(CRMStatement.operationDefaults)
        if !configuration.fencingTopology.isEmpty {
            result.append(.fencingTopology(FencingTopologyDefinition(levels: configuration.fencingTopology)))
        }
        result += configuration.alerts.map(CRMStatement.alert)
        return result
    }

    static func definition(of group: Group) -> GroupDefinition {
        GroupDefinition(id: group.id, memberIDs: group.members.map(\.id), description: group.description,
                        instanceAttributes: group.instanceAttributes, metaAttributes: group.metaAttributes)
    }
}
