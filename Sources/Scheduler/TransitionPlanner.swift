/// What the transition does to one primitive: where it stops, where it starts, and why.
final class PrimitivePlan {
    let rsc: Rsc
    /// The node the scheduler assigned it to (even when its start cannot run).
    let target: ClusterNode?
    /// Whether a start on `target` could run.
    let startRunnable: Bool
    /// Where it ends up running after a start (or by staying), when that is `target`.
    let destination: ClusterNode?
    /// Its stops cannot run (a blocked resource must stop first).
    let stopsBlocked: Bool
    /// Why it restarts in place (stop then start on `destination`), if it does.
    private(set) var restart: String?
    /// Nodes where it stops.
    var stopNodes: [ClusterNode] = []
    /// An ordering requires it to restart where it runs, but its stop there cannot run: it
    /// stays, reported as a blocked stop.
    private(set) var restartBlocked = false

    init(rsc: Rsc, target: ClusterNode?, startRunnable: Bool, destination: ClusterNode?, stopsBlocked: Bool) {
        self.rsc = rsc
        self.target = target
        self.startRunnable = startRunnable
        self.destination = destination
        self.stopsBlocked = stopsBlocked
    }

    /// Whether it is running on `node` now.
    func isRunning(on node: ClusterNode?) -> Bool { node.map { n in rsc.runningOn.contains { $0 === n } } ?? false }

    /// The node where a start happens, if any.
    var startNode: ClusterNode? {
        guard let destination, restart != nil || !isRunning(on: destination) else { return nil }
        return destination
    }

    /// Nodes where it runs and should stop but cannot (its stops are blocked, or the node is
    /// down and not fenced).
    var blockedStopNodes: [ClusterNode] {
        guard rsc.managed else { return [] }
        return rsc.runningOn.filter { node in
            (node !== destination || restartBlocked) && !stopNodes.contains { $0 === node }
        }
    }

    /// Whether it keeps `node` from shutting down: it is blocked there or cannot stop there.
    func holdsUp(_ node: ClusterNode) -> Bool {
        isRunning(on: node) && (rsc.blocked || blockedStopNodes.contains { $0 === node })
    }

    /// Whether anything changes for it (a stop or a start).
    var changes: Bool { startNode != nil || !stopNodes.isEmpty }

    /// Whether its start is a formality (a pseudo action): it restarts in place without
    /// stopping there, so what depends on it still restarts.
    var startIsPseudo: Bool {
        guard let startNode, isRunning(on: startNode) else { return false }
        return !stopNodes.contains { $0 === startNode }
    }

    /// Restarts it in place, for `reason`, when it stays where it runs and may be restarted.
    /// With `keepRunning` it is not stopped there (multiple-active=stop_unexpected: only its
    /// unexpected copies stop).
    func restart(because reason: String, keepRunning: Bool = false) {
        guard restart == nil, rsc.managed, let destination, isRunning(on: destination) else { return }
        guard !stopsBlocked else {
            restartBlocked = true
            return
        }
        restart = reason
        if !keepRunning { stopNodes.append(destination) }
    }
}

/// Decides each managed primitive's stops, starts and restarts from the placement: stops where
/// it no longer runs, a start where it is assigned and can start, recovery of failed or
/// multiply-active resources in place, and restarts forced by mandatory orderings (a group
/// member after the one before it, `then` after `first`).
struct TransitionPlanner {
    let cluster: WorkingSet
    let placement: SchedulerResult
    let verdicts: Runnability.Verdicts

    /// Plans every primitive; `restarting` must restart in place (their agent changed).
    func plan(restarting: [Rsc] = []) -> [PrimitivePlan] {
        let runnability = Runnability(cluster: cluster)
        let runnable = verdicts.runnable
        let stuck = verdicts.stuck
        let finals = Dictionary(placement.resources.map { ($0.id, $0.finalNodes) }, uniquingKeysWith: { a, _ in a })
        var plans: [PrimitivePlan] = []
        for rsc in cluster.allResources where rsc.kind == .primitive {
            let final = finals[rsc.id] ?? []
            let target = rsc.nextRole == .stopped ? nil : rsc.assignedTo
            // A start elsewhere cannot run while a stop where it runs cannot.
            let destination = target.flatMap { t in
                runnable.contains(ObjectIdentifier(rsc)) && final.contains(t.uname) ? t : nil
            }
            let plan = PrimitivePlan(rsc: rsc, target: target, startRunnable: destination != nil, destination: destination,
                                     stopsBlocked: stuck.contains(ObjectIdentifier(rsc)) && !rsc.runningOn.isEmpty)
            plan.stopNodes = stops(plan, final: final)
            if restarting.contains(where: { $0 === rsc }) {
                plan.restart(because: "agent changed")
            } else if rsc.failed {
                plan.restart(because: "recovery", keepRunning: keepsExpectedCopy(rsc))
            } else if Self.multiplyActive(rsc) && rsc.multipleActive == "stop_start" || keepsExpectedCopy(rsc) {
                plan.restart(because: "being active on several nodes", keepRunning: keepsExpectedCopy(rsc))
            }
            plans.append(plan)
        }
        let byID = Dictionary(plans.map { (ObjectIdentifier($0.rsc), $0) }, uniquingKeysWith: { a, _ in a })
        RestartPropagation(cluster: cluster, runnability: runnability, plans: byID).apply()
        return plans
    }

    /// Whether a multiply-active resource keeps running where it is assigned and stops only
    /// its other copies (multiple-active=stop_unexpected).
    private func keepsExpectedCopy(_ rsc: Rsc) -> Bool {
        Self.multiplyActive(rsc) && rsc.multipleActive == "stop_unexpected"
    }

    /// Whether a resource is active on more than one clean node: a copy on an unclean node
    /// goes with that node's fencing and calls for no recovery.
    static func multiplyActive(_ rsc: Rsc) -> Bool {
        rsc.runningOn.filter { !$0.unclean }.count > 1
    }

    /// A managed primitive stops wherever it runs and will not stay, unless its
    /// stops are blocked or the node is down and not fenced (nothing can be done there).
    private func stops(_ plan: PrimitivePlan, final: [String]) -> [ClusterNode] {
        guard plan.rsc.managed, !plan.stopsBlocked else { return [] }
        return plan.rsc.runningOn.filter { node in node !== plan.destination && !final.contains(node.uname) }
    }
}
