import HalyardModel

/// What a run recorded besides the placement, when `SchedulerInput.recording` asked for it:
/// allocation scores, the contributions behind them, the conditions of nodes, quorum and
/// resources, and why starts were held back. Empty otherwise.
public struct SchedulerDiagnostics: Sendable, Equatable {
    public var scores: [AllocationScore] = []
    public var contributions: [ScoreContribution] = []
    public var nodes: [NodeCondition] = []
    public var resources: [ResourceCondition] = []
    public var hasQuorum = true
    public var noQuorumPolicy = ClusterOptions.NoQuorumPolicy.stop
    /// Primitive id → why its start cannot run.
    public var blockedStarts: [String: String] = [:]

    public init() {}

    public func node(_ name: String) -> NodeCondition? { nodes.first(where: { $0.name == name }) }
    public func resource(_ id: String) -> ResourceCondition? { resources.first(where: { $0.id == id }) }
}

/// A node's membership as the scheduler saw it.
public struct NodeCondition: Sendable, Equatable {
    public var name: String
    public var online: Bool
    public var standby: Bool
    public var unclean: Bool
    public var maintenance: Bool
    public var shutdown: Bool
    public var pending: Bool
    /// Whether the transition fences it.
    public var fenced: Bool
    /// How many primitives were assigned to it (the load-balancing tie-break).
    public var assignedCount: Int

    /// Whether resources may be placed here.
    public var isAvailable: Bool { online && !shutdown && !unclean && !standby && !maintenance }

    /// Why nothing may be placed here, in plain words; nil when the node is available.
    public var unavailableReason: String? {
        if unclean { return fenced ? "unclean (it will be fenced)" : "unclean" }
        if !online { return "offline" }
        if pending { return "pending (not yet a full member)" }
        if shutdown { return "shutting down" }
        if standby { return "in standby" }
        if maintenance { return "in maintenance" }
        return nil
    }
}

/// The settings and history facts of one primitive (or clone instance) that explain its scores.
public struct ResourceCondition: Sendable, Equatable {
    public var id: String
    /// The configured `target-role`, if any.
    public var targetRole: String?
    public var stickiness: Int
    /// INFINITY when unset (never migrate away on failure).
    public var migrationThreshold: Int
    /// Node → effective fail count, for nodes with failures.
    public var failCounts: [String: Int]
    /// Nodes where its fail count is cleared: the failed operation ran with parameters that
    /// have changed since.
    public var failCountsCleared: [String]
    public var managed: Bool
    public var blocked: Bool
    public var failed: Bool
}
