/// Writes `primitive`, `group` and `clone` elements.
enum ResourceEncoder {
    static func write(_ resource: Resource, into writer: inout XMLWriter) {
        switch resource {
        case .primitive(let p): write(p, into: &writer)
        case .group(let g): write(g, into: &writer)
        case .clone(let c): write(c, into: &writer)
        }
    }

    static func write(_ primitive: Primitive, into writer: inout XMLWriter) {
        writer.element("primitive", [
            ("id", primitive.id), ("class", primitive.standard), ("provider", primitive.provider),
            ("type", primitive.type), ("description", primitive.description),
        ]) { w in
            CIBEncoder.writeSets(primitive.instanceAttributes, into: &w)
            CIBEncoder.writeSets(primitive.metaAttributes, into: &w)
            CIBEncoder.writeSets(primitive.utilization, into: &w)
            if primitive.operationsID != nil || !primitive.operations.isEmpty {
                w.element("operations", [("id", primitive.operationsID)]) { w in
                    for op in primitive.operations { write(op, into: &w) }
                }
            }
        }
    }

    static func write(_ op: Operation, into writer: inout XMLWriter) {
        var attributes: [(String, String?)] = [("id", op.id), ("name", op.name), ("interval", op.interval)]
        attributes += op.settings.map { ($0.name, $0.value) }
        writer.element("op", attributes) { w in
            CIBEncoder.writeSets(op.instanceAttributes, into: &w)
            CIBEncoder.writeSets(op.metaAttributes, into: &w)
        }
    }

    static func write(_ group: Group, into writer: inout XMLWriter) {
        writer.element("group", [("id", group.id), ("description", group.description)]) { w in
            CIBEncoder.writeSets(group.instanceAttributes, into: &w)
            CIBEncoder.writeSets(group.metaAttributes, into: &w)
            for member in group.members { write(member, into: &w) }
        }
    }

    static func write(_ clone: Clone, into writer: inout XMLWriter) {
        writer.element("clone", [("id", clone.id), ("description", clone.description)]) { w in
            CIBEncoder.writeSets(clone.instanceAttributes, into: &w)
            CIBEncoder.writeSets(clone.metaAttributes, into: &w)
            switch clone.child {
            case .primitive(let p): write(p, into: &w)
            case .group(let g): write(g, into: &w)
            }
        }
    }
}
