/// The scheduler's answer: where every primitive (group member, clone instance) is now and
/// where it ends up, plus the nodes that will be fenced.
public struct SchedulerResult: Sendable, Equatable {
    public var resources: [ResourcePlacement]
    public var fencedNodes: [String]
    /// Every configured clone's id, including clones without instances (clone-max=0).
    public var clones: [String]
    /// Scores and their reasons, when the input asked for them.
    public var diagnostics = SchedulerDiagnostics()

    public init(resources: [ResourcePlacement], fencedNodes: [String], clones: [String]) {
        self.resources = resources
        self.fencedNodes = fencedNodes
        self.clones = clones
    }

    /// The placement of the primitive or instance with this id.
    public func placement(of id: String) -> ResourcePlacement? { resources.first(where: { $0.id == id }) }
}

/// One primitive's placement: before and after the transition, and why it is special.
public struct ResourcePlacement: Sendable, Equatable {
    /// The id as Pacemaker names it (`child:N` for clone instances).
    public var id: String
    /// The configured primitive id (without an instance number).
    public var configuredID: String
    public var groupID: String?
    public var cloneID: String?
    public var globallyUnique: Bool
    /// Nodes where it is active now.
    public var currentNodes: [String]
    /// The node the scheduler assigned it to, if any.
    public var assignedNode: String?
    /// Nodes where it is active after the transition.
    public var finalNodes: [String]
    public var failed: Bool
    public var managed: Bool
    public var blocked: Bool
    public var orphan: Bool

    public init(id: String, configuredID: String, groupID: String?, cloneID: String?, globallyUnique: Bool,
                currentNodes: [String], assignedNode: String?, finalNodes: [String],
                failed: Bool, managed: Bool, blocked: Bool, orphan: Bool) {
        self.id = id
        self.configuredID = configuredID
        self.groupID = groupID
        self.cloneID = cloneID
        self.globallyUnique = globallyUnique
        self.currentNodes = currentNodes
        self.assignedNode = assignedNode
        self.finalNodes = finalNodes
        self.failed = failed
        self.managed = managed
        self.blocked = blocked
        self.orphan = orphan
    }
}
