/// A constraint in the `constraints` section, in document order.
public enum Constraint: Hashable, Sendable {
    case location(LocationConstraint)
    case colocation(ColocationConstraint)
    case order(OrderConstraint)

    public var id: String {
        switch self {
        case .location(let c): c.id
        case .colocation(let c): c.id
        case .order(let c): c.id
        }
    }

    /// Every resource id the constraint names (directly or in its sets).
    public var referencedResources: [String] {
        switch self {
        case .location(let c): (c.resource.map { [$0] } ?? []) + c.resourceSets.flatMap(\.resources)
        case .colocation(let c): [c.resource, c.withResource].compactMap { $0 } + c.resourceSets.flatMap(\.resources)
        case .order(let c): [c.first, c.then].compactMap { $0 } + c.resourceSets.flatMap(\.resources)
        }
    }
}

/// `rsc_location`: where a resource (or a pattern / set of resources) prefers or refuses to run.
public struct LocationConstraint: Hashable, Sendable {
    public var id: String
    public var resource: String?
    /// `rsc-pattern`: a regular expression over resource ids.
    public var resourcePattern: String?
    public var resourceSets: [ResourceSet]
    public var role: String?
    public var score: Score?
    public var node: String?
    public var rules: [Rule]
    /// `resource-discovery`: always (default), never, exclusive.
    public var resourceDiscovery: String?

    public init(id: String, resource: String? = nil, resourcePattern: String? = nil, resourceSets: [ResourceSet] = [],
                role: String? = nil, score: Score? = nil, node: String? = nil, rules: [Rule] = [],
                resourceDiscovery: String? = nil) {
        self.id = id
        self.resource = resource
        self.resourcePattern = resourcePattern
        self.resourceSets = resourceSets
        self.role = role
        self.score = score
        self.node = node
        self.rules = rules
        self.resourceDiscovery = resourceDiscovery
    }
}

/// `rsc_colocation`: `resource` is placed relative to `withResource` (which is placed first).
public struct ColocationConstraint: Hashable, Sendable {
    public var id: String
    public var score: Score?
    public var resource: String?
    public var withResource: String?
    public var resourceRole: String?
    public var withResourceRole: String?
    /// The node attribute whose equal values count as "together" (default `#uname`).
    public var nodeAttribute: String?
    /// `influence`: whether the dependent's preferences affect the primary's placement.
    public var influence: String?
    public var resourceSets: [ResourceSet]

    public init(id: String, score: Score? = nil, resource: String? = nil, withResource: String? = nil,
                resourceRole: String? = nil, withResourceRole: String? = nil, nodeAttribute: String? = nil,
                influence: String? = nil, resourceSets: [ResourceSet] = []) {
        self.id = id
        self.score = score
        self.resource = resource
        self.withResource = withResource
        self.resourceRole = resourceRole
        self.withResourceRole = withResourceRole
        self.nodeAttribute = nodeAttribute
        self.influence = influence
        self.resourceSets = resourceSets
    }
}

/// `rsc_order`: `then` starts after `first` (and, if symmetrical, stops before it).
public struct OrderConstraint: Hashable, Sendable {
    /// `kind`: Mandatory (default), Optional, Serialize.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case mandatory = "Mandatory", optional = "Optional", serialize = "Serialize"
    }

    public var id: String
    public var first: String?
    public var then: String?
    public var firstAction: String?
    public var thenAction: String?
    public var kind: Kind?
    /// The deprecated `score` (0 = Optional, else Mandatory) when written instead of `kind`.
    public var score: Score?
    public var symmetrical: Bool?
    public var requireAll: Bool?
    public var resourceSets: [ResourceSet]

    public init(id: String, first: String? = nil, then: String? = nil, firstAction: String? = nil,
                thenAction: String? = nil, kind: Kind? = nil, score: Score? = nil, symmetrical: Bool? = nil,
                requireAll: Bool? = nil, resourceSets: [ResourceSet] = []) {
        self.id = id
        self.first = first
        self.then = then
        self.firstAction = firstAction
        self.thenAction = thenAction
        self.kind = kind
        self.score = score
        self.symmetrical = symmetrical
        self.requireAll = requireAll
        self.resourceSets = resourceSets
    }

    /// The kind in force: `kind`, else Optional for a written score of 0, else Mandatory.
    public var effectiveKind: Kind {
        if let kind { return kind }
        if let score, score.value == 0 { return .optional }
        return .mandatory
    }
}

/// `resource_set`: resources inside a colocation, order or location constraint.
public struct ResourceSet: Hashable, Sendable {
    public var id: String
    public var idRef: String?
    public var sequential: Bool?
    public var requireAll: Bool?
    /// `ordering` (deprecated synonym group of `sequential` for order sets: `group`/`listed`).
    public var ordering: String?
    public var action: String?
    public var role: String?
    public var score: Score?
    public var kind: OrderConstraint.Kind?
    public var resources: [String]

    public init(id: String, idRef: String? = nil, sequential: Bool? = nil, requireAll: Bool? = nil, ordering: String? = nil,
                action: String? = nil, role: String? = nil, score: Score? = nil, kind: OrderConstraint.Kind? = nil,
                resources: [String] = []) {
        self.id = id
        self.idRef = idRef
        self.sequential = sequential
        self.requireAll = requireAll
        self.ordering = ordering
        self.action = action
        self.role = role
        self.score = score
        self.kind = kind
        self.resources = resources
    }
}
