import HalyardModel

/// One parsed crmsh object (one logical line of `crm configure` text). Groups and clones name
/// their children by id, as crmsh does; `CRMAssembler` puts the pieces together.
public enum CRMStatement: Sendable, Equatable {
    case node(Node)
    case primitive(Primitive)
    case group(GroupDefinition)
    case clone(CloneDefinition)
    case location(LocationConstraint)
    case colocation(ColocationConstraint)
    case order(OrderConstraint)
    /// `property`: one `cluster_property_set`.
    case property(AttributeSet)
    /// `rsc_defaults`: one meta_attributes set of the `rsc_defaults` section.
    case resourceDefaults(AttributeSet)
    /// `op_defaults`: one meta_attributes set of the `op_defaults` section.
    case operationDefaults(AttributeSet)
    case fencingTopology(FencingTopologyDefinition)
    case alert(Alert)

    /// The id of the object; for property/defaults sets, the set id.
    public var id: String {
        switch self {
        case .node(let n): n.id
        case .primitive(let p): p.id
        case .group(let g): g.id
        case .clone(let c): c.id
        case .location(let c): c.id
        case .colocation(let c): c.id
        case .order(let c): c.id
        case .property(let s), .resourceDefaults(let s), .operationDefaults(let s): s.id
        case .fencingTopology: "fencing_topology"
        case .alert(let a): a.id
        }
    }

    /// The crmsh keyword of the statement (`collocation` and `ms` are read as their modern names).
    public var keyword: String {
        switch self {
        case .node: "node"
        case .primitive: "primitive"
        case .group: "group"
        case .clone: "clone"
        case .location: "location"
        case .colocation: "colocation"
        case .order: "order"
        case .property: "property"
        case .resourceDefaults: "rsc_defaults"
        case .operationDefaults: "op_defaults"
        case .fencingTopology: "fencing_topology"
        case .alert: "alert"
        }
    }
}

/// `group <id> <member>...`: the member primitives by id, in order.
public struct GroupDefinition: Sendable, Equatable {
    public var id: String
    public var memberIDs: [String]
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]

    public init(id: String, memberIDs: [String], description: String? = nil,
                instanceAttributes: [AttributeSet] = [], metaAttributes: [AttributeSet] = []) {
        self.id = id
        self.memberIDs = memberIDs
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
    }
}

/// `clone <id> <child>` (or the deprecated `ms`, read as a clone with `promotable=true`).
public struct CloneDefinition: Sendable, Equatable {
    public var id: String
    public var childID: String
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]

    public init(id: String, childID: String, description: String? = nil,
                instanceAttributes: [AttributeSet] = [], metaAttributes: [AttributeSet] = []) {
        self.id = id
        self.childID = childID
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
    }
}

/// `fencing_topology`: the whole fencing-topology section. When `appliesToAllNodes` is set the
/// text named no targets; the levels (their `target` nil) are repeated for every node of the
/// configuration when assembled.
public struct FencingTopologyDefinition: Sendable, Equatable {
    public var levels: [FencingLevel]
    public var appliesToAllNodes: Bool

    public init(levels: [FencingLevel], appliesToAllNodes: Bool = false) {
        self.levels = levels
        self.appliesToAllNodes = appliesToAllNodes
    }
}
