/// The scheduler's full answer: the placement, the transition that reaches it, and each
/// node's membership as `crm_simulate` lists it.
public struct SchedulerPlan: Sendable, Equatable {
    public var placement: SchedulerResult
    public var graph: TransitionGraph
    public var nodes: [NodeMembership]
    /// The earliest time (epoch seconds) at which a fail count expires under failure-timeout:
    /// the placement may change then with nothing else happening, so the controller plans again
    /// (Pacemaker's recheck-by). Nil when no fail count is waiting to expire.
    public var recheckBy: Int?

    public init(placement: SchedulerResult, graph: TransitionGraph, nodes: [NodeMembership], recheckBy: Int? = nil) {
        self.placement = placement
        self.graph = graph
        self.nodes = nodes
        self.recheckBy = recheckBy
    }
}

/// One node's membership in a cluster status listing.
public struct NodeMembership: Sendable, Equatable, Codable {
    /// The state shown for the node, most severe first.
    public enum State: String, Sendable, Codable {
        case unclean = "UNCLEAN (offline)", uncleanOnline = "UNCLEAN (online)", offline = "OFFLINE"
        case pending, maintenance, standby, online = "Online"
    }

    public var name: String
    public var state: State

    public init(name: String, state: State) {
        self.name = name
        self.state = state
    }

    init(_ node: ClusterNode) {
        name = node.uname
        if node.unclean {
            state = node.online ? .uncleanOnline : .unclean
        } else if !node.online {
            state = .offline
        } else if node.pending {
            state = .pending
        } else if node.maintenance {
            state = .maintenance
        } else {
            state = node.standby ? .standby : .online
        }
    }
}

extension Scheduler {
    /// Schedules the input and plans the transition: the placement and the graph of actions
    /// (with orderings and the summary of changes) that reaches it. `onPlacement` gets the
    /// placement as soon as it is known, before the transition is built, so that a caller may
    /// work on it (a value) at the same time.
    public static func plan(_ input: SchedulerInput, onPlacement: (SchedulerResult) -> Void = { _ in }) -> SchedulerPlan {
        let cluster = assign(input)
        let verdicts = Runnability(cluster: cluster).verdicts()
        let placement = PlacementBuilder(cluster: cluster, verdicts: verdicts).build()
        onPlacement(placement)
        // Only nodes with a fail count at all: each lookup scans the node's attributes.
        let failingNodes = cluster.nodes.filter(cluster.failCounts.mayHaveFailures)
        let expiries = failingNodes.isEmpty ? [] : cluster.resources.flatMap(\.primitives).flatMap { rsc in
            failingNodes.compactMap { cluster.failCounts.expiry(of: rsc, on: $0) }
        }
        return SchedulerPlan(placement: placement, graph: TransitionBuilder(cluster: cluster, placement: placement, verdicts: verdicts, status: input.cib.status).build(),
                             nodes: cluster.nodes.map(NodeMembership.init), recheckBy: expiries.min())
    }
}
