import HalyardModel
import Scheduler

/// The DC's loop: plan with the scheduler, dispatch each action to the node that must run it
/// once its predecessors are done, advance on results, and plan again after a failure or any
/// change the transition did not cause. Only a synchronised DC plans; without quorum the
/// scheduler itself applies `no-quorum-policy` (stop, freeze …) and never fences.
extension ControllerCore {
    /// Whether this node plans: it is the DC of a synchronised view whose quorum is known.
    var plans: Bool { designatedController == local && isSynchronised && quorumFitsView }

    /// The cluster changed: abort the transition (running actions finish) and plan again.
    mutating func replan() {
        planPending = true
        transition?.abort()
    }

    /// Fails the actions running on nodes that left the group.
    mutating func lost(nodes: Set<String>, _ effects: inout [ControllerEffect]) {
        guard var run = transition else { return }
        for node in nodes.sorted() {
            for action in run.running(on: node) where run.graph.actions[action].task != .fence {
                run.fail(action)
                effects.append(.note("transition \(run.number): \(run.graph.actions[action].label) lost with its node"))
            }
        }
        transition = run
    }

    /// Whether `key` belongs to this DC's transition in progress (its own doing, not news).
    func isOwn(_ key: TransitionKey?) -> Bool {
        guard let key, let run = transition else { return false }
        return key.planner == name && key.transition == run.number
    }

    /// Marks the action `key` names done if it is running in this DC's transition.
    mutating func completes(_ key: TransitionKey?) -> Bool {
        guard let key, var run = transition, key.planner == name, key.transition == run.number,
              run.isRunning(key.action) else { return false }
        run.complete(key.action)
        transition = run
        return true
    }

    mutating func completeShutdownAction(of node: String) {
        guard var run = transition else { return }
        for action in run.running(on: node) where run.graph.actions[action].task == .shutdown { run.complete(action) }
        transition = run
    }

    /// A result of this transition advances it; anything else is news that needs a new plan.
    mutating func resultArrived(_ report: OperationReport) {
        guard let key = report.key, var run = transition, key.planner == name, key.transition == run.number,
              run.isRunning(key.action) else { return replan() }
        let expected = report.operation == "cancel" || (report.opStatus == 0 && report.rc == key.targetRC)
        if expected {
            run.complete(key.action)
        } else if report.isProbe && !report.isFailure {
            run.complete(key.action)
            run.abort()
            planPending = true
        } else {
            run.fail(key.action)
            planPending = true
        }
        transition = run
    }

    /// Dispatches what is ready; when the transition is over, plans the next if needed.
    mutating func driveTransitions(_ effects: inout [ControllerEffect]) {
        guard plans else {
            transition = nil
            return
        }
        while true {
            if var run = transition {
                dispatch(&run, &effects)
                transition = run
                guard run.isOver else { return }
                effects.append(.note("transition \(run.number) \(run.succeeded ? "complete" : "aborted")"))
                transition = nil
            }
            guard planPending, !fencingPaused else { return }
            plan(&effects)
            if transition == nil { return }
        }
    }

    private mutating func plan(_ effects: inout [ControllerEffect]) {
        planPending = false
        let options = ClusterOptions(configuration: cib.configuration)
        let result = Scheduler.plan(SchedulerInput(cib: schedulingInput, now: now, quorum: quorum?.quorate ?? false))
        if let seconds = Self.recheckDelay(interval: options.clusterRecheckIntervalMilliseconds / 1000, recheckBy: result.recheckBy, now: now) {
            effects.append(.armTimer(.recheck, seconds: seconds))
        }
        guard !result.graph.actions.isEmpty else { return }
        transitionCount += 1
        transition = TransitionRun(number: transitionCount, graph: result.graph)
        let summary = result.graph.changes.map(Self.describe).joined(separator: "; ")
        effects.append(.note("transition \(transitionCount): \(result.graph.actions.count) actions"
            + (summary.isEmpty ? "" : ": \(summary)")))
    }

    /// When to plan again with nothing happening: after `cluster-recheck-interval` (0: never),
    /// or sooner when a fail count expires (`recheckBy`, one second late so it has expired).
    static func recheckDelay(interval: Int, recheckBy: Int?, now: Int) -> Int? {
        let expiry = recheckBy.map { max(1, $0 - now + 1) }
        guard interval > 0 else { return expiry }
        return min(max(1, interval), expiry ?? Int.max)
    }

    /// The CIB with every node that ever joined listed as a node, configured or not (as
    /// Pacemaker adds joining nodes), so the scheduler can place resources on it, and with the
    /// feature set whose status conventions the ledger writes (per-operation fail counts).
    private var schedulingInput: CIB {
        var input = cib
        if !input.otherAttributes.contains(where: { $0.name == "crm_feature_set" }) {
            input.otherAttributes.append(PassThroughAttribute(name: "crm_feature_set", value: Self.featureSet))
        }
        for node in Set(names.values).sorted() where !input.configuration.nodes.contains(where: { $0.uname == node }) {
            input.configuration.nodes.append(Node(id: node, uname: node))
        }
        return input
    }

    /// The Pacemaker feature set Halyard's status records follow.
    static let featureSet = "3.19.0"

    private static func describe(_ change: TransitionChange) -> String {
        let subject = change.resource ?? ""
        switch change.kind {
        case .fence: return "fence \(change.from ?? "") (\(change.fenceType ?? "reboot"))"
        case .start: return "start \(subject) on \(change.to ?? "?")"
        case .stop: return "stop \(subject) on \(change.from ?? "?")"
        default: return "\(change.kind.rawValue) \(subject) \(change.from ?? "?") → \(change.to ?? "?")"
        }
    }

    private mutating func dispatch(_ run: inout TransitionRun, _ effects: inout [ControllerEffect]) {
        var ready = run.takeReady()
        while !ready.isEmpty {
            for action in ready { start(action, in: &run, &effects) }
            ready = run.takeReady()
        }
    }

    func key(_ action: TransitionAction, _ run: TransitionRun) -> TransitionKey {
        TransitionKey(planner: name, transition: run.number, action: action.id, targetRC: action.task == .probe ? 7 : 0)
    }

    private mutating func start(_ action: TransitionAction, in run: inout TransitionRun, _ effects: inout [ControllerEffect]) {
        let key = key(action, run)
        if action.pseudo || action.task == .fencePseudo { return run.complete(action.id) }
        switch action.task {
        case .fence where action.node == name:
            // The DC's own node: another member runs it (its result would never come back here).
            run.setDeadline(action.id, at: fenceDeadline)
            effects.append(.send(.fenceRequest(FenceRequest(node: name, action: fenceAction(action),
                                                            by: "the DC (transition \(run.number))", key: key))))
        case .fence where requestedFencings[action.node] != nil:
            // Already being fenced on request: wait for its nodeFenced (or its failure).
            run.setDeadline(action.id, at: fenceDeadline)
            effects.append(.note("transition \(run.number): waiting for the requested fencing of \(action.node)"))
        case .fence:
            let levels = FencingDevices.levels(for: action.node, in: cib.configuration)
            effects.append(.fence(FenceOrder(key: key, node: action.node, action: fenceAction(action), levels: levels,
                                             membersAtOrder: view?.members ?? [])))
        case .clearFailcount:
            for name in failureAttributes(of: action.resource ?? "", on: action.node) {
                effects.append(.send(.nodeAttribute(NodeAttributeUpdate(node: action.node, name: name, value: nil, key: key))))
            }
            run.complete(action.id)
        case .lrmDelete:
            effects.append(.send(.forgetResource(HistoryRemoval(node: action.node, resource: action.resource ?? "", key: key))))
            run.complete(action.id)
        default:
            let order = order(action, run)
            run.setDeadline(action.id, at: deadline(of: order))
            effects.append(.send(.execute(order)))
        }
    }

    private func fenceAction(_ action: TransitionAction) -> String {
        action.fenceType ?? ClusterOptions(configuration: cib.configuration).fencingAction
    }

    /// What the node running a resource action is sent.
    func order(_ action: TransitionAction, _ run: TransitionRun) -> ActionOrder {
        ActionOrder(key: key(action, run), node: action.node, resource: action.resource ?? "",
                    task: action.task == .probe ? "monitor" : action.task.rawValue, interval: action.interval)
    }

    /// `fail-count-RSC…` and `last-failure-RSC…` attributes of a resource on a node.
    private func failureAttributes(of resource: String, on node: String) -> [String] {
        let base = OperationResolver.split(resource).base
        let attributes = cib.status.nodes.first { $0.uname == node }?.transientAttributes.flattened() ?? [:]
        return attributes.keys.filter { name in
            ["fail-count-", "last-failure-"].contains { prefix in
                name == prefix + base || name.hasPrefix(prefix + base + "#")
            }
        }.sorted()
    }
}
