import HalyardModel

/// The DC's action timer: a dispatched resource action must report within its timeout plus
/// `cluster-delay`, as in Pacemaker. An overdue action is recorded on its node's behalf as timed
/// out (rc 1, op-status 2): that fails it, counts a failure and makes the DC plan again, so a
/// lost message or a hung node cannot stall the cluster.
extension ControllerCore {
    /// When the DC stops waiting for `order`: its timeout (as its node resolves it) plus
    /// cluster-delay from now.
    func deadline(of order: ActionOrder) -> Int {
        deadline(after: operation(for: order)?.timeoutMilliseconds ?? OperationResolver.defaultTimeoutMilliseconds)
    }

    /// When the DC stops waiting for a fencing another member runs: stonith-timeout plus
    /// cluster-delay from now.
    var fenceDeadline: Int {
        deadline(after: ClusterOptions(configuration: cib.configuration).fencingTimeoutMilliseconds)
    }

    /// `timeout` milliseconds plus cluster-delay from now, in whole seconds (rounded up).
    private func deadline(after timeout: Int) -> Int {
        now + (timeout + ClusterOptions(configuration: cib.configuration).clusterDelayMilliseconds + 999) / 1000
    }

    private func operation(for order: ActionOrder) -> LocalOperation? {
        let history = cib.status.nodes.first { $0.uname == order.node }?.resources ?? []
        return OperationResolver.resolve(order, configuration: cib.configuration, history: history)
    }

    /// Arms the shell's timer for the earliest deadline, when that changed.
    mutating func armActionDeadline(_ effects: inout [ControllerEffect]) {
        let next = transition?.nextDeadline
        guard next != armedDeadline else { return }
        armedDeadline = next
        if let next { effects.append(.armTimer(.actionDeadline, seconds: max(1, next - now))) }
    }

    /// Records every overdue action as timed out (a shutdown or a fencing, which have no
    /// operation record, just fail).
    mutating func actionsOverdue(_ effects: inout [ControllerEffect]) {
        armedDeadline = nil
        guard var run = transition else { return }
        for index in run.overdue(at: now) {
            let action = run.graph.actions[index]
            run.setDeadline(index, at: nil)
            effects.append(.note("transition \(run.number): no result for \(action.label) within its timeout and cluster-delay"))
            guard action.task != .shutdown && action.task != .fence else {
                run.fail(index)
                planPending = true
                continue
            }
            let order = order(action, run)
            let operation = operation(for: order)
            effects.append(.send(.operationResult(OperationReport(
                node: order.node, resource: operation?.historyID ?? order.resource,
                agent: operation?.agent ?? AgentSpec(standard: "ocf", provider: nil, type: "unknown"),
                operation: order.task, interval: order.interval, rc: 1, opStatus: 2,
                exitReason: "no result from \(order.node) in time (the DC's action timer)",
                key: order.key, finished: now, elapsedMilliseconds: 0))))
        }
        transition = run
    }
}
