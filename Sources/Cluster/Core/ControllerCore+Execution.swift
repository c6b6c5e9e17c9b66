import HalyardModel

/// The node's own part of a transition: running what the DC orders on the local executor and
/// multicasting the results.
extension ControllerCore {
    mutating func execute(_ order: ActionOrder, _ effects: inout [ControllerEffect]) {
        if order.task == "shutdown" {
            return effects.append(.send(.shutdownComplete(node: name)))
        }
        let history = cib.status.nodes.first { $0.uname == name }?.resources ?? []
        guard let operation = OperationResolver.resolve(order, configuration: cib.configuration, history: history) else {
            let unknown = AgentSpec(standard: "ocf", provider: nil, type: "unknown")
            return effects.append(.send(.operationResult(OperationReport(
                node: name, resource: order.resource, agent: unknown, operation: order.task, interval: order.interval,
                rc: 5, opStatus: 7, exitReason: "\(order.resource) is neither configured nor recorded on \(name)",
                key: order.key, finished: now, elapsedMilliseconds: 0))))
        }
        if order.task == "cancel" {
            effects.append(.cancelRecurring(resource: order.resource, interval: order.interval))
            var cancelled = operation
            cancelled.action = "cancel"
            effects.append(.send(.operationResult(report(OperationOutcome(
                operation: cancelled, rc: 0, opStatus: 1, exitReason: nil, finished: now, elapsedMilliseconds: 0)))))
            return
        }
        effects.append(.run(operation))
    }

    /// The report every node records for a local result.
    func report(_ outcome: OperationOutcome) -> OperationReport {
        let operation = outcome.operation
        return OperationReport(node: name, resource: operation.historyID, agent: operation.agent, operation: operation.action,
                               interval: operation.interval, rc: outcome.rc, opStatus: outcome.opStatus,
                               exitReason: outcome.exitReason, key: operation.key, finished: outcome.finished,
                               elapsedMilliseconds: outcome.elapsedMilliseconds)
    }
}
