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

    /// Asks the DC to move this node's resources away (the `shutdown` attribute); without a
    /// cluster to ask, leaves at once.
    mutating func requestShutdown(_ effects: inout [ControllerEffect]) {
        guard !shuttingDown else { return }
        shuttingDown = true
        guard view != nil else { return effects.append(.leave) }
        effects.append(.send(.nodeAttribute(NodeAttributeUpdate(node: name, name: "shutdown", value: String(now)))))
    }
}
