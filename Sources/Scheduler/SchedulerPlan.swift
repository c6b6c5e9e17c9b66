/// The scheduler's full answer: the placement and the transition that reaches it.
public struct SchedulerPlan: Sendable, Equatable {
    public var placement: SchedulerResult
    public var graph: TransitionGraph

    public init(placement: SchedulerResult, graph: TransitionGraph) {
        self.placement = placement
        self.graph = graph
    }
}

extension Scheduler {
    /// Schedules the input and plans the transition: the placement and the graph of actions
    /// (with orderings and the summary of changes) that reaches it.
    public static func plan(_ input: SchedulerInput) -> SchedulerPlan {
        let cluster = assign(input)
        let placement = PlacementBuilder(cluster: cluster).build()
        return SchedulerPlan(placement: placement, graph: TransitionBuilder(cluster: cluster, placement: placement).build())
    }
}
