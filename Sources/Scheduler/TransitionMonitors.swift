import HalyardModel

/// Schedules recurring monitors and their cancellation. Where a primitive ends up running,
/// each configured, enabled recurring operation for the Started role runs unless it is already
/// active there and the resource does not (re)start. Active recurring operations are cancelled
/// when the resource or node is in maintenance, or (with stop-orphan-actions) when the
/// configuration no longer has them, clearing the fail count then.
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

    /// Where the resource runs after the transition, if it is managed (a blocked resource is
    /// not: nothing is sent for it).
    private func runningNode(_ plan: PrimitivePlan) -> ClusterNode? {
        plan.rsc.managed && !plan.rsc.blocked ? plan.destination : nil
    }

    private func addMonitors(_ plan: PrimitivePlan, _ configured: [Recurring], on node: ClusterNode) {
        guard node.online, !node.unclean else { return }
        let starting = plan.startNode === node
        let histories = plan.rsc.histories.filter { $0.node === node }
        let recorded = histories.flatMap(\.activeRecurring)
        // (Most resources have no recurring operation active yet: no sets made for them.)
        let active = recorded.isEmpty ? [] : Set(recorded).subtracting(histories.flatMap {
            rescheduled(plan.rsc, $0) + redefined(plan.rsc, $0, configured)
        })
        for op in configured where op.forStarted {
            if !starting && active.contains(NodeHistory.Recurring(name: op.name, interval: op.interval)) { continue }
            collector.add(.monitor, plan.rsc.id, on: node.uname, interval: op.interval,
                          reason: starting ? "after start" : "not active")
        }
    }

    /// Recurring operations whose recorded failure expired: they run again (Pacemaker does so
    /// only for the operation's own entry, not the last-failure one, with an operation digest,
    /// and never for failures that block).
    private func rescheduled(_ rsc: Rsc, _ history: NodeHistory) -> [NodeHistory.Recurring] {
        let expired = history.operations.filter { op in
            op.interval > 0 && HistoryUnpacker.isFailure(op) && op[other: "op-digest"] != nil
                && !op.id.contains("_last_failure_") && cluster.failCounts.isExpired(op, rsc: rsc, node: history.node)
        }
        // (Checked last: most histories have no expired failure, and this scans every entry.)
        guard !expired.isEmpty, !cluster.failureBlocks(rsc, history) else { return [] }
        return expired.map { NodeHistory.Recurring(name: $0.operation, interval: $0.interval) }
    }

    /// Active recurring operations recorded with parameters that differ from their
    /// configuration (by `op-digest`): they run again, so that the next run uses the new
    /// parameters. Entries without a digest are left alone (crmd does not record one yet), and
    /// so are those with secure parameters (a sanitized CIB's digest cannot be recomputed).
    private func redefined(_ rsc: Rsc, _ history: NodeHistory, _ configured: [Recurring]) -> [NodeHistory.Recurring] {
        let digests = OperationDigest(cluster: cluster)
        return history.activeRecurringIndices.compactMap { index in
            let op = history.operations[index]
            guard configured.contains(where: { $0.name == op.operation && $0.interval == op.interval }),
                  op[other: "op-secure-params"] == nil,
                  digests.changed(op, rsc: rsc, node: history.node) == true else { return nil }
            return NodeHistory.Recurring(name: op.operation, interval: op.interval)
        }
    }

    /// Cancels active recurring operations that must not continue: all of them in maintenance
    /// (where the resource stays), those no longer configured even where it stops. Only on
    /// nodes whose histories are checked, and never for orphans (their history is deleted).
    private func cancelObsolete(_ plan: PrimitivePlan, _ configured: [Recurring]) {
        let rsc = plan.rsc
        guard !rsc.isOrphan else { return }
        for history in rsc.histories where AgentChange.checksHistory(on: history.node) {
            let active = history.activeRecurring
            if active.isEmpty { continue }
            let maintenance = cluster.inMaintenance(rsc, on: history.node)
            let stops = plan.stopNodes.contains { $0 === history.node }
            for op in active {
                let wanted = configured.contains { $0.name == op.name && $0.interval == op.interval && $0.forStarted }
                if maintenance {
                    if stops { continue }
                    collector.add(.cancel, rsc.id, on: history.node.uname, interval: op.interval, reason: "maintenance mode")
                } else if !wanted && cluster.options.stopOrphanActions {
                    collector.add(.cancel, rsc.id, on: history.node.uname, interval: op.interval, reason: "no longer configured")
                    if cluster.failCounts.count(rsc, on: history.node, effective: true) > 0 {
                        collector.add(.clearFailcount, rsc.id, on: history.node.uname, reason: "action definition changed")
                    }
                }
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
