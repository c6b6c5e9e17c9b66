/// Writes `rsc_location`, `rsc_colocation` and `rsc_order`.
enum ConstraintEncoder {
    static func write(_ constraint: Constraint, into writer: inout XMLWriter) {
        switch constraint {
        case .location(let c):
            writer.element("rsc_location", [
                ("id", c.id), ("rsc", c.resource), ("rsc-pattern", c.resourcePattern), ("role", c.role),
                ("score", c.score?.description), ("node", c.node), ("resource-discovery", c.resourceDiscovery),
            ]) { w in
                for set in c.resourceSets { write(set, into: &w) }
                for rule in c.rules { RuleEncoder.write(rule, into: &w) }
            }
        case .colocation(let c):
            writer.element("rsc_colocation", [
                ("id", c.id), ("score", c.score?.description), ("rsc", c.resource), ("with-rsc", c.withResource),
                ("rsc-role", c.resourceRole), ("with-rsc-role", c.withResourceRole),
                ("node-attribute", c.nodeAttribute), ("influence", c.influence),
            ]) { w in
                for set in c.resourceSets { write(set, into: &w) }
            }
        case .order(let c):
            writer.element("rsc_order", [
                ("id", c.id), ("first", c.first), ("first-action", c.firstAction), ("then", c.then),
                ("then-action", c.thenAction), ("kind", c.kind?.rawValue), ("score", c.score?.description),
                ("symmetrical", c.symmetrical.map { String($0) }), ("require-all", c.requireAll.map { String($0) }),
            ]) { w in
                for set in c.resourceSets { write(set, into: &w) }
            }
        }
    }

    static func write(_ set: ResourceSet, into writer: inout XMLWriter) {
        let id: String? = set.idRef != nil && set.id.isEmpty ? nil : set.id
        writer.element("resource_set", [
            ("id", id), ("id-ref", set.idRef), ("sequential", set.sequential.map { String($0) }),
            ("require-all", set.requireAll.map { String($0) }), ("ordering", set.ordering), ("action", set.action),
            ("role", set.role), ("score", set.score?.description), ("kind", set.kind?.rawValue),
        ]) { w in
            for resource in set.resources { w.element("resource_ref", [("id", resource)]) }
        }
    }
}
