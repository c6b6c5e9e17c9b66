/// Everything the checks need to look up, gathered in one walk over a configuration in the
/// order `CIBEncoder` writes it (which is the document order of a loaded CIB).
struct ConfigurationIndex {
    /// One element of the configuration that carries an `id` or an `id-ref`.
    struct Element {
        /// The XML element name (`primitive`, `nvpair`, `rule` …).
        var name: String
        /// The element's id; empty for a bare `id-ref`.
        var id: String
        /// The `id-ref` this element carries instead of content.
        var reference: String?
        /// The id of the nearest enclosing element with an id.
        var ownerID: String?
    }

    /// Every element with an id or id-ref, in document order. `node` elements are listed too,
    /// though their ids live in a namespace of their own (the schema types them as text, not ID).
    private(set) var elements: [Element] = []
    /// Top-level rules (of location constraints and attribute sets), in document order.
    private(set) var rules: [Rule] = []
    /// Where each id first appears in `elements`.
    private(set) var positions: [String: Int] = [:]
    /// Every resource id at any depth.
    let resourceIDs: Set<String>
    /// For an id inside a clone (its child, or a member of its group child): the clone's id.
    let enclosingClone: [String: String]
    /// Every primitive by id (the first one, if an id is duplicated).
    let primitives: [String: Primitive]
    /// Names a location constraint or fencing level may use for a node: configured node names,
    /// remote and guest nodes defined by resources, and names the status section knows.
    let nodeNames: Set<String>

    init(_ configuration: Configuration, statusNodeNames: [String] = []) {
        var enclosing: [String: String] = [:]
        for case .clone(let clone) in configuration.resources {
            for id in clone.child.allIDs { enclosing[id] = clone.id }
        }
        enclosingClone = enclosing
        resourceIDs = Set(configuration.resources.flatMap(\.allIDs))
        let allPrimitives = configuration.allPrimitives
        primitives = Dictionary(allPrimitives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let remoteNodes = allPrimitives.filter { $0.standard == "ocf" && $0.provider == "pacemaker" && $0.type == "remote" }.map(\.id)
        let guestNodes = allPrimitives.compactMap { $0.metaAttributes.firstValue("remote-node") }
        nodeNames = Set(configuration.nodes.map(\.uname) + remoteNodes + guestNodes + statusNodeNames)
        walk(configuration)
    }

    /// The position of the first element with this id, for ordering findings.
    func position(of id: String?) -> Int? {
        id.flatMap { positions[$0] }
    }

    // MARK: - The walk

    private mutating func record(_ name: String, id: String, reference: String? = nil, owner: String?) {
        if !id.isEmpty, positions[id] == nil { positions[id] = elements.count }
        elements.append(Element(name: name, id: id, reference: reference, ownerID: owner))
    }

    private mutating func walk(_ configuration: Configuration) {
        visit(configuration.clusterProperties, owner: nil)
        for node in configuration.nodes {
            record("node", id: node.id, owner: nil)
            visit(node.instanceAttributes, owner: node.id)
            visit(node.utilization, owner: node.id)
        }
        for resource in configuration.resources { visit(resource) }
        for constraint in configuration.constraints { visit(constraint) }
        for level in configuration.fencingTopology { record("fencing-level", id: level.id, owner: nil) }
        visit(configuration.resourceDefaults, owner: nil)
        visit(configuration.operationDefaults, owner: nil)
        for alert in configuration.alerts {
            record("alert", id: alert.id, owner: nil)
            visit(alert.metaAttributes + alert.instanceAttributes, owner: alert.id)
            for recipient in alert.recipients {
                record("recipient", id: recipient.id, owner: alert.id)
                visit(recipient.metaAttributes + recipient.instanceAttributes, owner: recipient.id)
            }
        }
    }

    private mutating func visit(_ resource: Resource) {
        switch resource {
        case .primitive(let primitive): visit(primitive)
        case .group(let group): visit(group)
        case .clone(let clone):
            record("clone", id: clone.id, owner: nil)
            visit(clone.instanceAttributes + clone.metaAttributes, owner: clone.id)
            switch clone.child {
            case .primitive(let primitive): visit(primitive)
            case .group(let group): visit(group)
            }
        }
    }

    private mutating func visit(_ group: Group) {
        record("group", id: group.id, owner: nil)
        visit(group.instanceAttributes + group.metaAttributes, owner: group.id)
        for member in group.members { visit(member) }
    }

    private mutating func visit(_ primitive: Primitive) {
        record("primitive", id: primitive.id, owner: nil)
        visit(primitive.instanceAttributes + primitive.metaAttributes + primitive.utilization, owner: primitive.id)
        if let operationsID = primitive.operationsID { record("operations", id: operationsID, owner: primitive.id) }
        for operation in primitive.operations {
            record("op", id: operation.id, owner: primitive.id)
            visit(operation.instanceAttributes + operation.metaAttributes, owner: operation.id)
        }
    }

    private mutating func visit(_ constraint: Constraint) {
        let element: String
        var sets: [ResourceSet] = []
        var rules: [Rule] = []
        switch constraint {
        case .location(let c): (element, sets, rules) = ("rsc_location", c.resourceSets, c.rules)
        case .colocation(let c): (element, sets) = ("rsc_colocation", c.resourceSets)
        case .order(let c): (element, sets) = ("rsc_order", c.resourceSets)
        }
        record(element, id: constraint.id, owner: nil)
        for set in sets { record("resource_set", id: set.id, reference: set.idRef, owner: constraint.id) }
        for rule in rules { visitTopLevel(rule, owner: constraint.id) }
    }

    private mutating func visit(_ sets: [AttributeSet], owner: String?) {
        for set in sets {
            record(set.kind.rawValue, id: set.id, reference: set.idRef, owner: owner)
            let setOwner = set.id.isEmpty ? owner : set.id
            if let rule = set.rule { visitTopLevel(rule, owner: setOwner) }
            for pair in set.pairs { record("nvpair", id: pair.id, reference: pair.idRef, owner: setOwner) }
        }
    }

    private mutating func visitTopLevel(_ rule: Rule, owner: String?) {
        rules.append(rule)
        visit(rule, owner: owner)
    }

    private mutating func visit(_ rule: Rule, owner: String?) {
        record("rule", id: rule.id, reference: rule.idRef, owner: owner)
        for condition in rule.conditions {
            switch condition {
            case .rule(let nested): visit(nested, owner: rule.id)
            case .attribute(let e): record("expression", id: e.id, owner: rule.id)
            case .resource(let e): record("rsc_expression", id: e.id, owner: rule.id)
            case .operation(let e): record("op_expression", id: e.id, owner: rule.id)
            case .date(let e):
                record("date_expression", id: e.id, owner: rule.id)
                if let duration = e.duration { record("duration", id: duration.id, owner: e.id) }
                if let spec = e.dateSpec { record("date_spec", id: spec.id, owner: e.id) }
            }
        }
    }
}
