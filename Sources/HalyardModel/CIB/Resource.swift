/// A resource definition in the `resources` section.
public enum Resource: Hashable, Sendable {
    case primitive(Primitive)
    case group(Group)
    case clone(Clone)

    public var id: String {
        switch self {
        case .primitive(let p): p.id
        case .group(let g): g.id
        case .clone(let c): c.id
        }
    }

    /// Every primitive this resource contains (itself, group members, the clone's child).
    public var primitives: [Primitive] {
        switch self {
        case .primitive(let p): [p]
        case .group(let g): g.members
        case .clone(let c): c.child.primitives
        }
    }

    /// The ids of this resource and every resource nested inside it.
    public var allIDs: [String] {
        switch self {
        case .primitive(let p): [p.id]
        case .group(let g): [g.id] + g.members.map(\.id)
        case .clone(let c): [c.id] + c.child.allIDs
        }
    }

    public var metaAttributes: [AttributeSet] {
        switch self {
        case .primitive(let p): p.metaAttributes
        case .group(let g): g.metaAttributes
        case .clone(let c): c.metaAttributes
        }
    }
}

/// A primitive: one agent instance (`class:provider:type`) with its parameters and operations.
public struct Primitive: Hashable, Sendable {
    public var id: String
    /// The resource class (`ocf`, `lsb`, `stonith`, `systemd`, `service`).
    public var standard: String
    public var provider: String?
    public var type: String
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]
    public var utilization: [AttributeSet]
    /// The `operations` element's own id, when it has one.
    public var operationsID: String?
    public var operations: [Operation]

    public init(id: String, standard: String, provider: String? = nil, type: String, description: String? = nil,
                instanceAttributes: [AttributeSet] = [], metaAttributes: [AttributeSet] = [],
                utilization: [AttributeSet] = [], operationsID: String? = nil, operations: [Operation] = []) {
        self.id = id
        self.standard = standard
        self.provider = provider
        self.type = type
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
        self.utilization = utilization
        self.operationsID = operationsID
        self.operations = operations
    }

    /// `class:provider:type` (or `class:type`), as crmsh writes it.
    public var agentSpec: String {
        if let provider { return "\(standard):\(provider):\(type)" }
        return "\(standard):\(type)"
    }

    public var isFencingDevice: Bool { standard == "stonith" }
}

/// An operation definition (`<op>`): name, interval and its settings.
public struct Operation: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The interval as written (`10s`, `0`, `1m` …); `Duration.milliseconds` reads it.
    public var interval: String
    /// Optional settings in the order Pacemaker's schema lists them, as written.
    public var settings: [(name: String, value: String)]
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]

    /// The op attributes besides id/name/interval that the model accepts.
    public static let knownSettings: [String] = [
        "description", "start-delay", "interval-origin", "timeout", "enabled", "record-pending",
        "role", "requires", "on-fail",
    ]

    public init(id: String, name: String, interval: String, settings: [(name: String, value: String)] = [],
                instanceAttributes: [AttributeSet] = [], metaAttributes: [AttributeSet] = []) {
        self.id = id
        self.name = name
        self.interval = interval
        self.settings = settings
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
    }

    public subscript(setting: String) -> String? {
        settings.first(where: { $0.name == setting })?.value
    }

    public var timeout: String? { self["timeout"] }
    public var onFail: String? { self["on-fail"] }
    public var role: String? { self["role"] }

    /// `OCF_CHECK_LEVEL` from the op's instance attributes, if set.
    public var checkLevel: String? { instanceAttributes.firstValue("OCF_CHECK_LEVEL") }

    public static func == (lhs: Operation, rhs: Operation) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.interval == rhs.interval
            && lhs.settings.map(\.name) == rhs.settings.map(\.name) && lhs.settings.map(\.value) == rhs.settings.map(\.value)
            && lhs.instanceAttributes == rhs.instanceAttributes && lhs.metaAttributes == rhs.metaAttributes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(interval)
    }
}

/// A group: primitives started in order on one node and stopped in reverse.
public struct Group: Hashable, Sendable {
    public var id: String
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]
    public var members: [Primitive]

    public init(id: String, description: String? = nil, instanceAttributes: [AttributeSet] = [],
                metaAttributes: [AttributeSet] = [], members: [Primitive] = []) {
        self.id = id
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
        self.members = members
    }
}

/// A clone of a primitive or a group (`clone-max`, `clone-node-max`, `globally-unique`,
/// `interleave`, `notify`, `promotable` live in its meta-attributes).
public struct Clone: Hashable, Sendable {
    /// What a clone may contain.
    public indirect enum Child: Hashable, Sendable {
        case primitive(Primitive)
        case group(Group)

        public var id: String {
            switch self {
            case .primitive(let p): p.id
            case .group(let g): g.id
            }
        }

        public var primitives: [Primitive] {
            switch self {
            case .primitive(let p): [p]
            case .group(let g): g.members
            }
        }

        public var allIDs: [String] {
            switch self {
            case .primitive(let p): [p.id]
            case .group(let g): [g.id] + g.members.map(\.id)
            }
        }
    }

    public var id: String
    public var description: String?
    public var instanceAttributes: [AttributeSet]
    public var metaAttributes: [AttributeSet]
    public var child: Child

    public init(id: String, description: String? = nil, instanceAttributes: [AttributeSet] = [],
                metaAttributes: [AttributeSet] = [], child: Child) {
        self.id = id
        self.description = description
        self.instanceAttributes = instanceAttributes
        self.metaAttributes = metaAttributes
        self.child = child
    }

    public var isPromotable: Bool { Boolean.parse(metaAttributes.firstValue("promotable")) ?? false }
    public var isGloballyUnique: Bool { Boolean.parse(metaAttributes.firstValue("globally-unique")) ?? false }
}
