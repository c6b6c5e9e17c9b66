import HalyardModel

/// Collects actions and edges while a transition is built; finds actions by task, resource and
/// node.
final class ActionCollector {
    private(set) var actions: [TransitionAction] = []
    private(set) var edges: [TransitionEdge] = []
    private var index: [Key: Int] = [:]
    private var byResource: [String: [Int]] = [:]
    private var ordered = Set<OrderedPair>()

    /// What makes an action the same action.
    private struct Key: Hashable {
        let task: ActionTask
        let resource: String?
        let node: String
        let interval: Int
    }

    /// Two actions already ordered, first then second.
    private struct OrderedPair: Hashable {
        let first: Int
        let then: Int
    }

    /// `expected`: about how many actions there will be (the index is sized once for them).
    init(expected: Int = 0) {
        index.reserveCapacity(expected)
    }

    @discardableResult
    func add(_ task: ActionTask, _ resource: String?, on node: String, interval: Int = 0, fenceType: String? = nil,
             pseudo: Bool = false, reason: String) -> Int {
        let key = Key(task: task, resource: resource, node: node, interval: interval)
        if let existing = index[key] { return existing }
        let id = actions.count
        actions.append(TransitionAction(id: id, task: task, resource: resource, node: node, interval: interval,
                                        fenceType: fenceType, pseudo: pseudo, reason: reason))
        index[key] = id
        if let resource { byResource[resource, default: []].append(id) }
        return id
    }

    /// The actions of `task` for `resource` on any node.
    func all(_ task: ActionTask, _ resource: String) -> [Int] {
        (byResource[resource] ?? []).filter { actions[$0].task == task }
    }

    func order(_ first: Int?, _ then: Int?, _ reason: String) {
        guard let first, let then, first != then, ordered.insert(OrderedPair(first: first, then: then)).inserted else { return }
        edges.append(TransitionEdge(first: first, then: then, reason: reason))
    }
}

/// Builds the transition graph from the assigned working set and its placement: fencing of
/// unclean nodes, probes, each primitive's stops and starts (from `TransitionPlanner`),
/// recurring monitors and cancellations, clean-ups, node shutdowns, the orderings between them and the
/// summary of changes.
struct TransitionBuilder {
    let cluster: WorkingSet
    let placement: SchedulerResult
    let verdicts: Runnability.Verdicts
    /// The CIB status, for the agents recorded in each resource history.
    let status: Status

    func build() -> TransitionGraph {
        let agentChanges = AgentChange.find(cluster: cluster, status: status)
        let plans = TransitionPlanner(cluster: cluster, placement: placement, verdicts: verdicts).plan(restarting: agentChanges.compactMap(\.running))
        let fenced = Set(placement.fencedNodes)
        let collector = ActionCollector(expected: 4 * plans.count)
        for node in cluster.nodes where fenced.contains(node.uname) {
            collector.add(.fence, nil, on: node.uname, fenceType: cluster.options.fencingAction,
                          reason: TransitionSummary.fenceReason(node))
        }
        ProbeScheduler(cluster: cluster, collector: collector).schedule()
        for plan in plans { addStopsAndStarts(plan, fenced: fenced, collector) }
        MonitorScheduler(cluster: cluster, collector: collector).schedule(plans)
        CleanupScheduler(cluster: cluster, collector: collector).schedule(plans, agentChanges: agentChanges)
        for node in cluster.nodes where node.shutdown && node.online && !fenced.contains(node.uname)
            && !plans.contains(where: { $0.holdsUp(node) && !cluster.inMaintenance($0.rsc, on: node) }) {
            collector.add(.shutdown, nil, on: node.uname, reason: "node is shutting down")
        }
        TransitionOrdering(cluster: cluster, plans: plans, collector: collector).apply()
        let changes = TransitionSummary(cluster: cluster, plans: plans, fenced: fenced).changes()
        return TransitionGraph(actions: collector.actions, edges: collector.edges, changes: changes)
    }

    private func addStopsAndStarts(_ plan: PrimitivePlan, fenced: Set<String>, _ collector: ActionCollector) {
        let id = plan.rsc.id
        for node in plan.stopNodes {
            let implied = fenced.contains(node.uname)
            collector.add(.stop, id, on: node.uname, pseudo: implied,
                          reason: implied ? "node is fenced" : plan.restart ?? stopReason(plan))
        }
        if let node = plan.startNode {
            collector.add(.start, id, on: node.uname, pseudo: plan.startIsPseudo,
                          reason: plan.restart ?? (plan.rsc.runningOn.isEmpty ? "assigned" : "moving"))
        }
    }

    private func stopReason(_ plan: PrimitivePlan) -> String {
        if plan.rsc.isOrphan { return "orphaned" }
        if plan.target != nil && !plan.startRunnable { return "start is unrunnable" }
        return plan.destination == nil ? "node availability" : "moving"
    }
}
