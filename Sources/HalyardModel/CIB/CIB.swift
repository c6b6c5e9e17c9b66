/// A whole cluster information base: version counters, configuration and status.
public struct CIB: Hashable, Sendable {
    public var adminEpoch: Int
    public var epoch: Int
    public var numUpdates: Int
    public var validateWith: String?
    /// `have-quorum` as written (`1`/`0`/`true`/`false`).
    public var haveQuorum: String?
    public var dcUUID: String?
    /// Other root attributes (`crm_feature_set`, `cib-last-written`, `update-origin` …), in order.
    public var otherAttributes: [PassThroughAttribute]
    public var configuration: Configuration
    public var status: Status

    public init(adminEpoch: Int = 0, epoch: Int = 0, numUpdates: Int = 0, validateWith: String? = "pacemaker-3.0",
                haveQuorum: String? = nil, dcUUID: String? = nil, otherAttributes: [PassThroughAttribute] = [],
                configuration: Configuration = Configuration(), status: Status = Status()) {
        self.adminEpoch = adminEpoch
        self.epoch = epoch
        self.numUpdates = numUpdates
        self.validateWith = validateWith
        self.haveQuorum = haveQuorum
        self.dcUUID = dcUUID
        self.otherAttributes = otherAttributes
        self.configuration = configuration
        self.status = status
    }

    /// The version triple that decides which copy wins when partitions merge.
    public var version: CIBVersion { CIBVersion(adminEpoch: adminEpoch, epoch: epoch, numUpdates: numUpdates) }

    public var hasQuorum: Bool { Boolean.parse(haveQuorum) ?? false }
}

/// `(admin_epoch, epoch, num_updates)`, ordered lexicographically as Pacemaker compares CIBs.
public struct CIBVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var adminEpoch: Int
    public var epoch: Int
    public var numUpdates: Int

    public init(adminEpoch: Int, epoch: Int, numUpdates: Int) {
        self.adminEpoch = adminEpoch
        self.epoch = epoch
        self.numUpdates = numUpdates
    }

    public static func < (lhs: CIBVersion, rhs: CIBVersion) -> Bool {
        (lhs.adminEpoch, lhs.epoch, lhs.numUpdates) < (rhs.adminEpoch, rhs.epoch, rhs.numUpdates)
    }

    public var description: String { "\(adminEpoch).\(epoch).\(numUpdates)" }
}

/// The `configuration` section.
public struct Configuration: Hashable, Sendable {
    public var clusterProperties: [AttributeSet]
    public var nodes: [Node]
    public var resources: [Resource]
    public var constraints: [Constraint]
    public var resourceDefaults: [AttributeSet]
    public var operationDefaults: [AttributeSet]
    public var fencingTopology: [FencingLevel]
    public var alerts: [Alert]

    public init(clusterProperties: [AttributeSet] = [], nodes: [Node] = [], resources: [Resource] = [],
                constraints: [Constraint] = [], resourceDefaults: [AttributeSet] = [],
                operationDefaults: [AttributeSet] = [], fencingTopology: [FencingLevel] = [], alerts: [Alert] = []) {
        self.clusterProperties = clusterProperties
        self.nodes = nodes
        self.resources = resources
        self.constraints = constraints
        self.resourceDefaults = resourceDefaults
        self.operationDefaults = operationDefaults
        self.fencingTopology = fencingTopology
        self.alerts = alerts
    }

    /// The resource (at any depth) with this id.
    public func resource(id: String) -> Resource? {
        for resource in resources {
            if resource.id == id { return resource }
            switch resource {
            case .primitive: continue
            case .group(let g):
                if let member = g.members.first(where: { $0.id == id }) { return .primitive(member) }
            case .clone(let c):
                switch c.child {
                case .primitive(let p): if p.id == id { return .primitive(p) }
                case .group(let g):
                    if g.id == id { return .group(g) }
                    if let member = g.members.first(where: { $0.id == id }) { return .primitive(member) }
                }
            }
        }
        return nil
    }

    /// Every primitive, including group members and clone children, in document order.
    public var allPrimitives: [Primitive] { resources.flatMap(\.primitives) }
}
