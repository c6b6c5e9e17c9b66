/// Decodes `rsc_location`, `rsc_colocation` and `rsc_order`, including resource sets.
enum ConstraintDecoder {
    static func constraint(_ node: XMLElementNode, parent: ElementCursor) throws(CIBLoadError) -> Constraint {
        switch node.name {
        case "rsc_location": return .location(try location(node))
        case "rsc_colocation": return .colocation(try colocation(node))
        case "rsc_order": return .order(try order(node))
        default: throw parent.unsupportedChild(node)
        }
    }

    static func location(_ node: XMLElementNode) throws(CIBLoadError) -> LocationConstraint {
        var cursor = ElementCursor(node)
        var location = LocationConstraint(id: try cursor.required("id"))
        location.resource = cursor.optional("rsc")
        location.resourcePattern = cursor.optional("rsc-pattern")
        location.role = cursor.optional("role")
        location.score = try cursor.optionalScore("score")
        location.node = cursor.optional("node")
        location.resourceDiscovery = cursor.optional("resource-discovery")
        try cursor.finish()
        for child in node.children {
            switch child.name {
            case "rule": location.rules.append(try RuleDecoder.rule(child))
            case "resource_set": location.resourceSets.append(try resourceSet(child))
            default: throw cursor.unsupportedChild(child)
            }
        }
        return location
    }

    static func colocation(_ node: XMLElementNode) throws(CIBLoadError) -> ColocationConstraint {
        var cursor = ElementCursor(node)
        var colocation = ColocationConstraint(id: try cursor.required("id"))
        colocation.score = try cursor.optionalScore("score")
        colocation.resource = cursor.optional("rsc")
        colocation.withResource = cursor.optional("with-rsc")
        colocation.resourceRole = cursor.optional("rsc-role")
        colocation.withResourceRole = cursor.optional("with-rsc-role")
        colocation.nodeAttribute = cursor.optional("node-attribute")
        colocation.influence = cursor.optional("influence")
        try cursor.finish()
        for child in node.children {
            guard child.name == "resource_set" else { throw cursor.unsupportedChild(child) }
            colocation.resourceSets.append(try resourceSet(child))
        }
        return colocation
    }

    static func order(_ node: XMLElementNode) throws(CIBLoadError) -> OrderConstraint {
        var cursor = ElementCursor(node)
        var order = OrderConstraint(id: try cursor.required("id"))
        order.first = cursor.optional("first")
        order.then = cursor.optional("then")
        order.firstAction = cursor.optional("first-action")
        order.thenAction = cursor.optional("then-action")
        order.kind = try cursor.optionalEnum("kind", OrderConstraint.Kind.self)
        order.score = try cursor.optionalScore("score")
        order.symmetrical = try cursor.optionalBool("symmetrical")
        order.requireAll = try cursor.optionalBool("require-all")
        try cursor.finish()
        for child in node.children {
            guard child.name == "resource_set" else { throw cursor.unsupportedChild(child) }
            order.resourceSets.append(try resourceSet(child))
        }
        return order
    }

    static func resourceSet(_ node: XMLElementNode) throws(CIBLoadError) -> ResourceSet {
        var cursor = ElementCursor(node)
        let idRef = cursor.optional("id-ref")
        var set = ResourceSet(id: idRef == nil ? try cursor.required("id") : (cursor.optional("id") ?? ""), idRef: idRef)
        set.sequential = try cursor.optionalBool("sequential")
        set.requireAll = try cursor.optionalBool("require-all")
        set.ordering = cursor.optional("ordering")
        set.action = cursor.optional("action")
        set.role = cursor.optional("role")
        set.score = try cursor.optionalScore("score")
        set.kind = try cursor.optionalEnum("kind", OrderConstraint.Kind.self)
        try cursor.finish()
        for child in node.children {
            guard child.name == "resource_ref" else { throw cursor.unsupportedChild(child) }
            var refCursor = ElementCursor(child)
            set.resources.append(try refCursor.required("id"))
            try refCursor.finish()
        }
        return set
    }
}
