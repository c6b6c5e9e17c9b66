import HalyardModel

/// Schedules recurring monitors and their cancellation. Where a primitive ends up running,
/// each configured, enabled recurring operation for the Started role runs unless it is already
/// active there and the resource does not (re)start. Active recurring operations are cancelled
/// when the resource or node is in maintenance, or when the configuration no longer has them.
struct MonitorScheduler {
    let cluster: WorkingSet
    let collector: ActionCollector

    /// A configured recurring operation.
    private struct Recurring {
        let name: String
        let interval: Int
        /// Whether it runs in the Started role (no role, or `Started`).
        let forStarted: Bool
    }

    func schedule(_ plans: [PrimitivePlan]) {
        for plan in plans {
            let configured = recurringOperations(plan.rsc)
            if let node = runningNode(plan) { addMonitors(plan, configured, on: node) }
            cancelObsolete(plan, configured)
        }
    }

    /// Where the resource runs after the transition, if it is managed.
    private func runningNode(_ plan: PrimitivePlan) -> ClusterNode? {
        plan.rsc.managed ? plan.destination : nil
    }

    private func inMaintenance(_ rsc: Rsc, on node: ClusterNode) -> Bool {
        node.maintenance || cluster.options.maintenanceMode || Boolean.parse(rsc.meta["maintenance"]) == true
    }

    private func addMonitors(_ plan: PrimitivePlan, _ configured: [Recurring], on node: ClusterNode) {
        guard node.online, !node.unclean else { return }
        let starting = plan.startNode === node
        let active = Set(plan.rsc.histories.filter { $0.node === node }.flatMap(\.activeRecurring))
        for op in configured where op.forStarted {
            if !starting && active.contains(NodeHistory.Recurring(name: op.name, interval: op.interval)) { continue }
            collector.add(.monitor, plan.rsc.id, on: node.uname, interval: op.interval,
                          reason: starting ? "after start" : "not active")
        }
    }

    /// Cancels active recurring operations on nodes where the resource keeps running but the
    /// operation must not continue.
    private func cancelObsolete(_ plan: PrimitivePlan, _ configured: [Recurring]) {
        let rsc = plan.rsc
        for history in rsc.histories where history.node.online && !plan.stopNodes.contains(where: { $0 === history.node }) {
            let maintenance = inMaintenance(rsc, on: history.node)
            for op in history.activeRecurring {
                let wanted = configured.contains { $0.name == op.name && $0.interval == op.interval && $0.forStarted }
                guard maintenance || !wanted else { continue }
                collector.add(.cancel, rsc.id, on: history.node.uname, interval: op.interval,
                              reason: maintenance ? "maintenance mode" : "no longer configured")
            }
        }
    }

    private static let oneShot: Set<String> = ["start", "stop", "promote", "demote", "reload-agent", "migrate_to", "migrate_from"]

    private func recurringOperations(_ rsc: Rsc) -> [Recurring] {
        guard let primitive = rsc.primitive else { return [] }
        return primitive.operations.compactMap { op in
            guard let interval = Duration.milliseconds(op.interval), interval > 0, !Self.oneShot.contains(op.name),
                  Boolean.parse(op["enabled"]) != false else { return nil }
            let role = op["role"].flatMap(Role.init(targetRole:))
            return Recurring(name: op.name, interval: interval, forStarted: role == nil || role == .started)
        }
    }
}
