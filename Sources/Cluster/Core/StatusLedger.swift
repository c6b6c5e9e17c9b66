import HalyardModel

/// How every node writes what happened into the status section, identically on each (they apply
/// the same messages and views in the same order): membership flags, operation results with
/// Pacemaker's record ids (`RSC_last_0`, `RSC_monitor_10000`, `RSC_last_failure_0`), fail counts,
/// transient attributes, fencing. Each method says whether it changed anything.
extension Status {
    /// The node's `node_state`, created (with the configured node id, else the name) if absent.
    mutating func stateIndex(of node: String, configuration: Configuration) -> Int {
        if let index = nodes.firstIndex(where: { $0.uname == node }) { return index }
        let id = configuration.nodes.first { $0.uname == node }?.id ?? node
        nodes.append(NodeState(id: id, uname: node, inCCM: "false", crmd: "offline", join: "down", expected: "down"))
        return nodes.count - 1
    }

    /// Records whether the node's crmd is in the CPG group. A node that joins is expected up; one
    /// that leaves keeps its `expected` flag, so leaving while expected up makes it unclean.
    mutating func setMembership(of node: String, present: Bool, configuration: Configuration) -> Bool {
        let index = stateIndex(of: node, configuration: configuration)
        let before = nodes[index]
        nodes[index].inCCM = present ? "true" : "false"
        nodes[index].crmd = present ? "online" : "offline"
        nodes[index].join = present ? "member" : "down"
        if present { nodes[index].expected = "member" }
        if !present, nodes[index].expected == "down" { nodes[index].transientAttributes = [] }
        return nodes[index] != before
    }

    /// A node shut down cleanly: from now on it is expected down.
    mutating func setExpectedDown(_ node: String, configuration: Configuration) -> Bool {
        let index = stateIndex(of: node, configuration: configuration)
        guard nodes[index].expected != "down" else { return false }
        nodes[index].expected = "down"
        return true
    }

    /// A fenced node: down, expected down, nothing running, no transient attributes.
    mutating func recordFenced(_ node: String, configuration: Configuration) {
        let index = stateIndex(of: node, configuration: configuration)
        nodes[index].inCCM = "false"
        nodes[index].crmd = "offline"
        nodes[index].join = "down"
        nodes[index].expected = "down"
        nodes[index].transientAttributes = []
        nodes[index].lrm = nil
    }

    /// Forgets what the node's executor ran (a restarted crmd knows nothing, and is probed).
    mutating func forgetHistory(of node: String) {
        guard let index = nodes.firstIndex(where: { $0.uname == node }) else { return }
        nodes[index].lrm = nil
        nodes[index].transientAttributes = []
    }

    /// Forgets one resource's history on a node (`lrm_delete`).
    mutating func forgetHistory(of resource: String, on node: String) -> Bool {
        guard let index = nodes.firstIndex(where: { $0.uname == node }), var lrm = nodes[index].lrm else { return false }
        let before = lrm.resources.count
        lrm.resources.removeAll { $0.id == resource }
        nodes[index].lrm = lrm
        return lrm.resources.count != before
    }

    /// Sets (or removes, for nil) a transient attribute.
    mutating func setTransientAttribute(_ name: String, to value: String?, on node: String,
                                        configuration: Configuration) -> Bool {
        let index = stateIndex(of: node, configuration: configuration)
        var sets = nodes[index].transientAttributes
        if sets.isEmpty {
            guard value != nil else { return false }
            let id = nodes[index].id ?? node
            nodes[index].transientAttributesID = id
            sets = [AttributeSet(kind: .instance, id: "status-\(id)")]
        }
        let pairIndex = sets[0].pairs.firstIndex { $0.name == name }
        switch (pairIndex, value) {
        case (nil, nil): return false
        case (let i?, nil): sets[0].pairs.remove(at: i)
        case (let i?, let value?):
            guard sets[0].pairs[i].value != value else { return false }
            sets[0].pairs[i].value = value
        case (nil, let value?):
            sets[0].pairs.append(NVPair(id: "status-\(nodes[index].id ?? node)-\(name)", name: name, value: value))
        }
        nodes[index].transientAttributes = sets
        return true
    }

    /// The transient attribute's value on a node.
    func transientAttribute(_ name: String, on node: String) -> String? {
        nodes.first { $0.uname == node }?.transientAttributes.flattened()[name]
    }

    /// Records an operation result as Pacemaker does: the last one-shot result in `RSC_last_0`,
    /// each recurring operation in its own record (removed when cancelled or when the resource
    /// stops), failures also in `RSC_last_failure_0` with the fail count raised.
    mutating func record(_ report: OperationReport, configuration: Configuration, options: ClusterOptions) {
        let index = stateIndex(of: report.node, configuration: configuration)
        var lrm = nodes[index].lrm ?? LRMState(attributes: [PassThroughAttribute(name: "id", value: nodes[index].id ?? report.node)])
        let callID = (lrm.resources.flatMap(\.operations).map(\.callID).max() ?? 0) + 1
        let historyIndex = lrm.resources.firstIndex { $0.id == report.resource } ?? {
            lrm.resources.append(ResourceHistory(id: report.resource, standard: report.agent.standard,
                                                 provider: report.agent.provider, type: report.agent.type))
            return lrm.resources.count - 1
        }()
        var operations = lrm.resources[historyIndex].operations
        let recurringID = "\(report.resource)_monitor_\(report.interval)"
        if report.operation == "cancel" {
            operations.removeAll { $0.id == recurringID }
        } else {
            let record = Self.record(report, callID: callID)
            let id = report.interval > 0 ? "\(report.resource)_\(report.operation)_\(report.interval)" : "\(report.resource)_last_0"
            Self.replace(&operations, id: id, with: record)
            if report.operation == "stop" && !report.isFailure { operations.removeAll { $0.interval > 0 } }
            if report.isFailure { Self.replace(&operations, id: "\(report.resource)_last_failure_0", with: record) }
        }
        lrm.resources[historyIndex].operations = operations
        nodes[index].lrm = lrm
        if report.isFailure { raiseFailCount(for: report, options: options, configuration: configuration) }
    }

    private mutating func raiseFailCount(for report: OperationReport, options: ClusterOptions, configuration: Configuration) {
        let suffix = "\(report.resource)#\(report.operation)_\(report.interval)"
        let previous = transientAttribute("fail-count-\(suffix)", on: report.node).flatMap { Score(parsing: $0) } ?? .zero
        let fatal = report.operation == "start" && options.startFailureIsFatal
        let count = fatal ? Score.infinity : previous + Score(clamping: 1)
        _ = setTransientAttribute("fail-count-\(suffix)", to: count.description, on: report.node, configuration: configuration)
        _ = setTransientAttribute("last-failure-\(suffix)", to: String(report.finished), on: report.node, configuration: configuration)
    }

    private static func record(_ report: OperationReport, callID: Int) -> OperationRecord {
        var extra: [PassThroughAttribute] = []
        if let key = report.key {
            extra.append(PassThroughAttribute(name: "transition-key", value: key.description))
            extra.append(PassThroughAttribute(name: "transition-magic", value: "\(report.opStatus):\(report.rc);\(key)"))
        }
        extra.append(PassThroughAttribute(name: "exec-time", value: String(report.elapsedMilliseconds)))
        return OperationRecord(id: "", operation: report.operation, callID: callID, rcCode: report.rc, opStatus: report.opStatus,
                               interval: report.interval, lastRCChange: report.finished, lastRun: report.finished,
                               exitReason: report.exitReason, onNode: report.node, otherAttributes: extra)
    }

    private static func replace(_ operations: inout [OperationRecord], id: String, with record: OperationRecord) {
        var record = record
        record.id = id
        if let existing = operations.firstIndex(where: { $0.id == id }) {
            operations[existing] = record
        } else {
            operations.append(record)
        }
    }
}
