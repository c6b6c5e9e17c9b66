import Executor
import Foundation

/// crmd's bridge to the node's `Executor`: turns the core's `LocalOperation`s into agent runs
/// (recurring monitors kept by the executor) and their results into `OperationOutcome`s, and
/// runs fencing orders level by level.
final class LocalExecutor: @unchecked Sendable {
    let executor: Executor
    private let node: String
    private let lock = NSLock()
    /// Fence devices started here. As in Pacemaker's fencer, a device is "running" where it was
    /// started (its agent answered a monitor), so a probe does not find it active everywhere.
    private var startedDevices = Set<String>()

    init(node: String, locator: AgentLocator, environment: [String: String]) {
        self.node = node
        let base = AgentRunner.defaultEnvironment.merging(environment) { $1 }
        executor = Executor(runner: AgentRunner(locator: locator, baseEnvironment: base))
    }

    /// Runs the operation; `report` hears the result (for a recurring monitor: the first, then
    /// changes), always later on another task, never from inside this call.
    func run(_ operation: LocalOperation, report: @escaping @Sendable (OperationOutcome) -> Void) {
        guard let request = request(for: operation) else {
            let outcome = OperationOutcome(operation: operation, rc: 5, opStatus: 7,
                                           exitReason: "unsupported agent \(operation.agent)", finished: Self.now(), elapsedMilliseconds: 0)
            Task { report(outcome) }
            return
        }
        if request.agent.isFence, let settled = settleDevice(operation) {
            let outcome = OperationOutcome(operation: operation, rc: settled, opStatus: 0, exitReason: nil,
                                           finished: Self.now(), elapsedMilliseconds: 0)
            Task { report(outcome) }
            return
        }
        if operation.isRecurring {
            Task { await executor.startRecurring(request) { result in report(Self.outcome(operation, result)) } }
        } else {
            Task {
                let outcome = Self.outcome(operation, await executor.run(request))
                if request.agent.isFence, operation.action == "start", outcome.rc == 0 {
                    lock.withLock { _ = startedDevices.insert(operation.resource) }
                }
                report(outcome)
            }
        }
    }

    /// The result of a fence-device action that needs no agent run: a stop (forget the device)
    /// and a probe (running only where it was started); nil when the agent must run.
    private func settleDevice(_ operation: LocalOperation) -> Int? {
        lock.withLock {
            switch operation.action {
            case "stop":
                startedDevices.remove(operation.resource)
                return 0
            case "monitor" where operation.interval == 0:
                return startedDevices.contains(operation.resource) ? 0 : 7
            default:
                return nil
            }
        }
    }

    func cancelRecurring(resource: String, interval: Int) {
        let key = OperationRequest(resource: resource, agent: .ocf(provider: "-", type: "-"), action: "monitor",
                                   intervalMilliseconds: interval).key
        Task { await executor.cancelRecurring(key) }
    }

    /// Tries each level in turn (all devices of a level must succeed); `report` hears whether
    /// one level fenced the node, and what happened.
    func fence(_ order: FenceOrder, timeoutMilliseconds: Int, report: @escaping @Sendable (Bool, String) -> Void) {
        Task {
            guard !order.levels.isEmpty else { return report(false, "no fence device is configured for \(order.node)") }
            var failures: [String] = []
            for level in order.levels {
                var succeeded = true
                for device in level {
                    let delay = device.delayBaseMilliseconds + (device.delayMaxMilliseconds > 0 ? Int.random(in: 0...device.delayMaxMilliseconds) : 0)
                    if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
                    var parameters = device.parameters
                    parameters["port"] = device.port
                    parameters["nodename"] = order.node
                    let result = await executor.run(OperationRequest(
                        resource: device.id, agent: .stonith(name: device.agent), action: order.action,
                        timeoutMilliseconds: timeoutMilliseconds, parameters: parameters, node: node))
                    if result.status != .done || result.exitCode != 0 {
                        succeeded = false
                        failures.append("\(device.id): \(result.status == .done ? "exit \(result.exitCode)" : result.status.description)"
                            + (result.exitReason.map { " (\($0))" } ?? ""))
                        break
                    }
                }
                if succeeded { return report(true, "device " + level.map(\.id).joined(separator: "+")) }
            }
            report(false, failures.joined(separator: "; "))
        }
    }

    private func request(for operation: LocalOperation) -> OperationRequest? {
        let agent: AgentReference
        switch operation.agent.standard {
        case "ocf": agent = .ocf(provider: operation.agent.provider ?? "heartbeat", type: operation.agent.type)
        case "lsb": agent = .lsb(name: operation.agent.type)
        case "stonith": agent = .stonith(name: operation.agent.type)
        default: return nil
        }
        // A fence device is started by checking that its agent answers.
        let action = agent.isFence && operation.action == "start" ? "monitor" : operation.action
        return OperationRequest(resource: operation.resource, agent: agent, action: action,
                                intervalMilliseconds: operation.interval, timeoutMilliseconds: operation.timeoutMilliseconds,
                                parameters: operation.parameters, meta: operation.meta,
                                checkLevel: operation.checkLevel, node: node)
    }

    private static func outcome(_ operation: LocalOperation, _ result: OperationResult) -> OperationOutcome {
        let opStatus = switch result.status {
        case .done: 0
        case .timedOut: 2
        case .notInstalled: 7
        case .signalled, .spawnFailed, .invalid: 4
        }
        return OperationOutcome(operation: operation, rc: Int(result.exitCode), opStatus: opStatus, exitReason: result.exitReason,
                                finished: now(), elapsedMilliseconds: result.elapsedMilliseconds)
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }
}

private extension AgentReference {
    var isFence: Bool { if case .stonith = self { true } else { false } }
}
