import HalyardModel

/// A resource's role, ordered as Pacemaker orders them.
enum Role: Int, Comparable {
    case unknown = 0, stopped, started, unpromoted, promoted

    static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a `target-role` value; nil for `default` or unknown text.
    init?(targetRole text: String) {
        switch text.lowercased() {
        case "stopped": self = .stopped
        case "started": self = .started
        case "slave", "unpromoted": self = .unpromoted
        case "master", "promoted": self = .promoted
        default: return nil
        }
    }
}

/// What the scheduler does after a failed operation (`on-fail`), in increasing severity.
enum FailurePolicy: Int, Comparable {
    case ignore = 0, demote, recover, migrate, block, stop, standby, fence

    static func < (lhs: FailurePolicy, rhs: FailurePolicy) -> Bool { lhs.rawValue < rhs.rawValue }

    init?(onFail text: String) {
        switch text.lowercased() {
        case "ignore": self = .ignore
        case "demote": self = .demote
        case "restart": self = .recover
        case "block": self = .block
        case "stop": self = .stop
        case "standby": self = .standby
        case "fence": self = .fence
        default: return nil
        }
    }
}

/// The scheduler's working copy of one resource (primitive, group, clone or clone instance):
/// its settings, what the history says about it, and its allocation state.
final class Rsc {
    enum Kind: Int { case primitive = 0, group = 1, clone = 2 }

    let id: String
    let kind: Kind
    /// The enclosing group or clone. Unowned: a parent owns its children and outlives them
    /// (a weak reference would put every resource's reference counts on the slow path).
    unowned var parent: Rsc?
    var children: [Rsc] = []
    /// The configured primitive (for primitives and their clone instances).
    let primitive: Primitive?
    /// Resolved meta-attributes: own, then inherited from the parent, then `rsc_defaults`.
    let meta: [String: String]

    // Settings
    var priority = 0
    var stickiness = 0
    var migrationThreshold = ScoreMath.infinity
    var failureTimeoutSeconds = 0
    var managed = true
    var critical = true
    var multipleActive = "stop_start"
    var isOrphan = false

    // Clone settings
    var cloneMax = 0
    var cloneNodeMax = 1
    var globallyUnique = false
    var cloneMin = 0
    var interleave = false
    /// clone-node-max as configured (1 when unset), before an anonymous clone is held to one.
    var configuredCloneNodeMax: Int { meta["clone-node-max"].map { Int($0) ?? 0 } ?? 1 }
    /// For a clone instance (or a member of one): its instance number.
    var instanceNumber: Int?

    // Status from history
    var role: Role = .unknown
    var nextRole: Role = .unknown
    var runningOn: [ClusterNode] = []
    var failed = false
    var blocked = false
    var failureIgnored = false
    /// The replayed operation history on each node that has one, in unpacking order.
    var histories: [NodeHistory] = []
    /// Nodes where a failed start or monitor ran with parameters since changed: its fail count
    /// there is cleared, and does not count against migration-threshold.
    var failCountClearedOn: [ClusterNode] = []

    // Allocation
    var allowed: [Int: Int] = [:]
    var thisWith: [Colocation] = []
    var withThis: [Colocation] = []
    var provisional = true
    var allocating = false
    var merging = false
    var assignedTo: ClusterNode?
    /// The node an interleaved order took this clone instance off after assignment.
    var inhibitedOn: ClusterNode?
    /// Per-node instance counts while distributing a clone's instances.
    var instanceCounts: [Int: Int] = [:]
    /// A clone's instances in the order they were assigned (children order until then):
    /// colocations with the clone visit them in this order, as Pacemaker does.
    var instancesByAssignment: [Rsc] = []
    var instancesInAssignmentOrder: [Rsc] { instancesByAssignment.isEmpty ? children : instancesByAssignment }

    init(id: String, kind: Kind, primitive: Primitive?, meta: [String: String]) {
        self.id = id
        self.kind = kind
        self.primitive = primitive
        self.meta = meta
    }

    var topParent: Rsc {
        var r = self
        while let p = r.parent { r = p }
        return r
    }

    /// The clone this resource belongs to (itself, its parent or its grandparent), if any.
    var enclosingClone: Rsc? {
        var r: Rsc? = self
        while let c = r {
            if c.kind == .clone { return c }
            r = c.parent
        }
        return nil
    }

    /// Whether this is (part of) an anonymous clone's instance.
    var isAnonymousCloneMember: Bool {
        guard let clone = enclosingClone, clone !== self else { return false }
        return !clone.globallyUnique
    }

    /// The resource whose allowed nodes a failure ban applies to: anonymous clone members ban
    /// the whole clone.
    var banTarget: Rsc { isAnonymousCloneMember ? topParent : self }

    /// Every primitive at or below this resource, in order.
    var primitives: [Rsc] { kind == .primitive ? [self] : children.flatMap(\.primitives) }

    /// The role `target-role` asks for when it restricts the resource (only `Stopped` matters
    /// outside promotable clones).
    var requestedRole: Role? {
        guard let text = meta["target-role"], let role = Role(targetRole: text), role < .started else { return nil }
        return role
    }

    /// The node a resource is (first) active on.
    var currentNode: ClusterNode? { runningOn.first }

    /// The configured id without an instance suffix (`child:3` → `child`).
    var baseID: String {
        guard instanceNumber != nil, let colon = id.lastIndex(of: ":") else { return id }
        return String(id[..<colon])
    }

    /// Adds `score` for `node` (inserting it), recursing into children as Pacemaker's
    /// resource_location does.
    func addLocation(_ node: ClusterNode, _ score: Int) {
        for child in children { child.addLocation(node, score) }
        allowed[node.index] = ScoreMath.add(allowed[node.index] ?? node.weight, score)
    }

    /// Adds a score of 0 on every node of `defaults` (node index → node weight), as
    /// `addLocation(node, 0)` would for each node, without rebuilding an empty table.
    func allowAll(_ defaults: [Int: Int]) {
        for child in children { child.allowAll(defaults) }
        if allowed.isEmpty {
            allowed = defaults
        } else {
            for (index, weight) in defaults where allowed[index] == nil { allowed[index] = weight }
        }
    }

    /// Records that this resource (and, with `toParents`, its ancestors) is active on `node`.
    func addRunning(_ node: ClusterNode, toParents: Bool) {
        if !runningOn.contains(where: { $0 === node }) { runningOn.append(node) }
        if toParents { parent?.addRunning(node, toParents: true) }
    }
}
