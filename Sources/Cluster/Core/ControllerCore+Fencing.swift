import HalyardModel

/// Fencing as every member sees it: a fencing recorded (by a device or an administrator's word),
/// an administrator's or the DC's request run by a member on another node, and the outcome of a
/// fencing this member ran.
extension ControllerCore {
    /// A failed transition fencing is retried after this pause rather than at once.
    static let fencingRetrySeconds = 10

    /// The node is down: every member records it cleanly down with nothing running.
    /// (A node already back from the fencing's reboot keeps the status its new crmd offered.)
    mutating func recordFenced(_ notice: FenceNotice, _ effects: inout [ControllerEffect]) {
        if notice.rejoined == true {
            effects.append(.note("node \(notice.node) was fenced by \(notice.by) and is back already"))
        } else {
            cib.status.recordFenced(notice.node, configuration: cib.configuration)
            statusChanged(&effects)
            effects.append(.note("node \(notice.node) is down (fenced by \(notice.by))"))
        }
        _ = completes(notice.key)
        requestedFencings[notice.node] = nil
        settleFencing(of: notice.node, succeeded: true)
        fencingPaused = false
        replan()
    }

    /// Records a node as fenced on an administrator's word; refused while its crmd is a member.
    mutating func acknowledgeFenced(_ node: String, by: String, id: UInt64, _ effects: inout [ControllerEffect]) {
        guard view != nil else { return effects.append(.reply(id, .refused("not connected to the cluster (corosync)"))) }
        guard !presentNodes.contains(node) else {
            return effects.append(.reply(id, .refused("\(node) is a member of the cluster: it is not down, nothing was acknowledged")))
        }
        guard cib.status.nodes.contains(where: { $0.uname == node }) || cib.configuration.nodes.contains(where: { $0.uname == node }) else {
            return effects.append(.reply(id, .refused("no node is called \(node)")))
        }
        effects.append(.send(.nodeFenced(FenceNotice(node: node, key: nil, by: "manual acknowledgement (\(by))"))))
        effects.append(.reply(id, .committed(cib.version)))
    }

    /// Multicasts an administrator's fencing request; refused for an unknown node, a node no
    /// device can fence, or when no member on another node could run it.
    mutating func requestFencing(_ request: FenceRequest, id: UInt64, _ effects: inout [ControllerEffect]) {
        func refuse(_ reason: String) { effects.append(.reply(id, .refused(reason))) }
        guard view != nil else { return refuse("not connected to the cluster (corosync); nothing was fenced") }
        guard ["reboot", "off", "on"].contains(request.action) else { return refuse("unknown fencing action \(request.action) (reboot, off or on)") }
        guard cib.status.nodes.contains(where: { $0.uname == request.node })
            || cib.configuration.nodes.contains(where: { $0.uname == request.node }) else { return refuse("no node is called \(request.node)") }
        guard !FencingDevices.levels(for: request.node, in: cib.configuration).isEmpty else {
            return refuse("no fence device can fence \(request.node) (pcmk_host_list/pcmk_host_map, fencing_topology)")
        }
        guard fencer(for: request.node) != nil else { return refuse("no member on another node can fence \(request.node)") }
        effects.append(.send(.fenceRequest(request)))
        effects.append(.reply(id, .committed(cib.version)))
    }

    /// The member that runs a requested fencing of `node`: the lowest one on another node
    /// (a node does not fence itself: its result would never be reported).
    private func fencer(for node: String) -> MemberAddress? {
        view?.members.first { names[$0.node] != node }
    }

    /// Every member notes a delivered fencing request as in progress (the DC waits for it rather
    /// than fencing the node again); the member it falls to runs it. Its success is recorded like
    /// any fencing (`nodeFenced`), its failure multicast (`fenceFailed`).
    mutating func fenceRequested(_ request: FenceRequest, _ effects: inout [ControllerEffect]) {
        guard let fencer = fencer(for: request.node) else { return }
        requestedFencings[request.node] = fencer
        guard fencer == local else { return }
        effects.append(.note("fencing \(request.node) (\(request.action)) as \(request.by) asked"))
        effects.append(.fence(FenceOrder(key: request.key, node: request.node, action: request.action,
                                         levels: FencingDevices.levels(for: request.node, in: cib.configuration),
                                         membersAtOrder: view?.members ?? [])))
    }

    /// A fencing this member ran ended: success is multicast as `nodeFenced`; a failed requested
    /// fencing as `fenceFailed`; a failed transition fencing (on the DC) fails its action and is
    /// retried after a pause.
    mutating func fenceFinished(_ order: FenceOrder, succeeded: Bool, detail: String, _ effects: inout [ControllerEffect]) {
        if succeeded && order.action == "on" { return effects.append(.note("\(order.node) powered on by \(detail)")) }
        if succeeded {
            let rejoined = view?.members.contains { names[$0.node] == order.node && !order.membersAtOrder.contains($0) } ?? false
            return effects.append(.send(.nodeFenced(FenceNotice(node: order.node, key: order.key, by: detail, rejoined: rejoined))))
        }
        // A requested fencing run here (an administrator's, or of the DC's node): everyone learns.
        guard order.key != nil, designatedController == local else {
            return effects.append(.send(.fenceFailed(FenceNotice(node: order.node, key: order.key, by: detail))))
        }
        pauseAfterFailedFencing(of: order.node, detail: detail, &effects)
    }

    /// A requested fencing failed: nobody waits for it any more; the DC's transition fencing of
    /// that node fails and is retried after a pause.
    mutating func requestedFencingFailed(_ notice: FenceNotice, _ effects: inout [ControllerEffect]) {
        requestedFencings[notice.node] = nil
        effects.append(.note("the requested fencing of \(notice.node) failed: \(notice.by)"))
        guard plans, let run = transition, run.running(on: notice.node).contains(where: { run.graph.actions[$0].task == .fence }) else {
            return
        }
        pauseAfterFailedFencing(of: notice.node, detail: notice.by, &effects)
    }

    /// Fails the transition's fencing of `node`; no new plan until the retry timer fires.
    private mutating func pauseAfterFailedFencing(of node: String, detail: String, _ effects: inout [ControllerEffect]) {
        effects.append(.note("fencing \(node) failed: \(detail); retrying in \(Self.fencingRetrySeconds) s "
            + "(or acknowledge with `crmctl node fence-ack \(node)` once it is known to be down)"))
        settleFencing(of: node, succeeded: false)
        fencingPaused = true
        planPending = true
        effects.append(.armTimer(.fencingRetry, seconds: Self.fencingRetrySeconds))
    }

    /// Completes (or fails) the transition's running fencing of `node`, whoever ran it.
    private mutating func settleFencing(of node: String, succeeded: Bool) {
        guard var run = transition else { return }
        for action in run.running(on: node) where run.graph.actions[action].task == .fence {
            if succeeded { run.complete(action) } else { run.fail(action) }
        }
        transition = run
    }
}
