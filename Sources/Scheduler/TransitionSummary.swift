/// States the transition's changes as `crm_simulate` does: fencing of each fenced node, then
/// for every managed primitive one of start, stop (per node), move, recover or restart —
/// decided from where it runs now, where it is assigned and whether its start and stops can run.
struct TransitionSummary {
    let cluster: WorkingSet
    let plans: [PrimitivePlan]
    let fenced: Set<String>

    func changes() -> [TransitionChange] {
        var result = cluster.nodes.filter { fenced.contains($0.uname) }.map {
            TransitionChange(kind: .fence, resource: nil, from: $0.uname, to: nil, fenceType: cluster.options.fencingAction,
                             reason: Self.fenceReason($0))
        }
        for plan in plans { result += changes(plan) }
        return result
    }

    /// Why a node is fenced, as `crm_simulate` words it.
    static func fenceReason(_ node: ClusterNode) -> String {
        node.online ? "node is unclean" : "peer is no longer part of the cluster"
    }

    private func changes(_ plan: PrimitivePlan) -> [TransitionChange] {
        let rsc = plan.rsc
        // Where it runs, a clean node first: a copy on an unclean node goes with its fencing.
        let current = rsc.runningOn.first { !$0.unclean } ?? rsc.runningOn.first
        let next = plan.target
        guard rsc.managed, current != nil || next != nil else { return [] }
        let id = rsc.id
        let blockedStops = plan.blockedStopNodes
        let hasStop = !plan.stopNodes.isEmpty || !blockedStops.isEmpty
        func change(_ kind: TransitionChange.Kind, from: ClusterNode?, to: ClusterNode?, reason: String? = nil,
                    blocked: Bool = false) -> [TransitionChange] {
            [TransitionChange(kind: kind, resource: id, from: from?.uname, to: to?.uname, reason: reason, blocked: blocked)]
        }
        if let current, next != nil {
            if plan.restartBlocked { return change(.stop, from: current, to: nil, reason: "unrunnable stop", blocked: true) }
            if !plan.startRunnable {
                return hasStop ? change(.stop, from: current, to: nil, reason: "unrunnable start",
                                        blocked: blockedStops.contains { $0 === current }) : []
            }
            guard plan.startNode != nil else { return [] }
            if current !== next { return change(rsc.failed ? .recover : .move, from: current, to: next) }
            return rsc.failed ? change(.recover, from: current, to: nil) : change(.restart, from: current, to: nil, reason: plan.restart)
        }
        if hasStop {
            return rsc.runningOn.flatMap {
                let node = $0
                return change(.stop, from: node, to: nil, reason: rsc.isOrphan ? "orphaned" : "node availability",
                              blocked: blockedStops.contains { $0 === node })
            }
        }
        if current == nil, let next {
            return change(.start, from: nil, to: next, reason: plan.startRunnable ? nil : "unrunnable start",
                          blocked: !plan.startRunnable)
        }
        return []
    }
}
