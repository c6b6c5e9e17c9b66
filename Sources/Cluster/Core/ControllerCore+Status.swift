import HalyardModel

/// The replicated status: every member applies the same views and messages in the same order
/// to the status section, so every node holds the whole cluster's state and a new DC can take
/// over at once.
extension ControllerCore {
    /// Sets every known node's membership flags from the current view.
    mutating func followMembership(_ effects: inout [ControllerEffect]) {
        guard sync == nil else { return }
        let present = presentNodes
        let known = Set(names.values).union(cib.configuration.nodes.map(\.uname))
        var changed = false
        for node in known.sorted() where present.contains(node) || cib.status.nodes.contains(where: { $0.uname == node }) {
            changed = cib.status.setMembership(of: node, present: present.contains(node), configuration: cib.configuration) || changed
        }
        if changed { statusChanged(&effects) }
    }

    mutating func record(_ report: OperationReport, _ effects: inout [ControllerEffect]) {
        cib.status.record(report, configuration: cib.configuration, options: ClusterOptions(configuration: cib.configuration))
        statusChanged(&effects)
        resultArrived(report)
    }

    mutating func setAttribute(_ update: NodeAttributeUpdate, _ effects: inout [ControllerEffect]) {
        guard cib.status.setTransientAttribute(update.name, to: update.value, on: update.node, configuration: cib.configuration) else { return }
        statusChanged(&effects)
        if !isOwn(update.key) { replan() }
    }

    mutating func forget(_ removal: HistoryRemoval, _ effects: inout [ControllerEffect]) {
        if cib.status.forgetHistory(of: removal.resource, on: removal.node) { statusChanged(&effects) }
        if !isOwn(removal.key) { replan() }
    }

    mutating func recordFenced(_ notice: FenceNotice, _ effects: inout [ControllerEffect]) {
        cib.status.recordFenced(notice.node, configuration: cib.configuration)
        statusChanged(&effects)
        effects.append(.note("node \(notice.node) is down (fenced by \(notice.by))"))
        _ = completes(notice.key)
        fencingPaused = false
        replan()
    }

    /// The node stopped everything the DC asked it to; it leaves the group once everyone knows.
    mutating func shutdownComplete(_ node: String, _ effects: inout [ControllerEffect]) {
        if cib.status.setExpectedDown(node, configuration: cib.configuration) { statusChanged(&effects) }
        completeShutdownAction(of: node)
        if node == name && shuttingDown { effects.append(.leave) }
    }

    /// Multicasts an administrator's status edit; every node applies it on delivery.
    mutating func updateStatus(_ request: StatusRequest, id: UInt64, _ effects: inout [ControllerEffect]) {
        guard view != nil else { return effects.append(.reply(id, .refused("not connected to the cluster (corosync); nothing was changed"))) }
        guard !request.isEmpty else {
            return effects.append(.reply(id, .refused("nothing to change: only transient node attributes and resource "
                + "histories (cleanup) can be edited in the status section")))
        }
        effects += request.attributes.map { .send(.nodeAttribute($0)) }
        effects += request.removals.map { .send(.forgetResource($0)) }
        effects.append(.reply(id, .committed(cib.version)))
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

    /// The member that runs an administrator's fencing of `node`: the lowest one on another node
    /// (a node does not fence itself: its result would never be reported).
    private func fencer(for node: String) -> MemberAddress? {
        view?.members.first { names[$0.node] != node }
    }

    /// Runs a delivered fencing request if this member is the one to; its success is recorded
    /// like any fencing (`nodeFenced`, which completes the DC's action when it carries a key), a
    /// failure only reported (the DC's fence action then fails at its deadline).
    mutating func fenceRequested(_ request: FenceRequest, _ effects: inout [ControllerEffect]) {
        guard fencer(for: request.node) == local else { return }
        effects.append(.note("fencing \(request.node) (\(request.action)) as \(request.by) asked"))
        effects.append(.fence(FenceOrder(key: request.key, node: request.node, action: request.action,
                                         levels: FencingDevices.levels(for: request.node, in: cib.configuration))))
    }

    /// Asks the DC to move this node's resources away (the `shutdown` attribute); without a
    /// cluster to ask, leaves at once.
    mutating func requestShutdown(_ effects: inout [ControllerEffect]) {
        guard !shuttingDown else { return }
        shuttingDown = true
        guard view != nil else { return effects.append(.leave) }
        effects.append(.send(.nodeAttribute(NodeAttributeUpdate(node: name, name: "shutdown", value: String(now)))))
    }
}
