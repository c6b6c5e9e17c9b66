import HalyardModel

/// `crmctl node …` on any `CIBStore`: standby and online (failover drills), maintenance,
/// and node attributes such as the `pingd` the ping agent publishes.
public struct NodeCommand {
    public let store: any CIBStore

    public init(store: any CIBStore) { self.store = store }

    /// Puts `node` in standby: its resources move elsewhere.
    public func standby(_ node: String, lifetime: AttributeLifetime) throws(AdminError) -> AdminReport {
        try change(node, note: "\(node) is in standby (\(lifetime.rawValue))") { cib throws(AdminError) in
            try NodeAttributes.set("standby", to: "on", on: node, lifetime: lifetime, in: cib)
        }
    }

    /// Takes `node` out of standby, whichever lifetime put it there.
    public func online(_ node: String) throws(AdminError) -> AdminReport {
        try change(node, note: "\(node) is online") { cib throws(AdminError) in
            var result = try NodeAttributes.set("standby", to: nil, on: node, lifetime: .forever, in: cib)
            if try NodeAttributes.value("standby", on: node, in: result).transient != nil {
                result = try NodeAttributes.set("standby", to: nil, on: node, lifetime: .reboot, in: result)
            }
            return result
        }
    }

    /// Sets or clears the node's `maintenance` attribute: its resources are left alone.
    public func maintenance(_ node: String, on: Bool) throws(AdminError) -> AdminReport {
        try change(node, note: on ? "\(node) is in maintenance" : "\(node) is ready") { cib throws(AdminError) in
            try NodeAttributes.set("maintenance", to: on ? "true" : nil, on: node, lifetime: .forever, in: cib)
        }
    }

    /// Shows (value nil, delete false), sets, or deletes a node attribute.
    public func attribute(_ node: String, _ name: String, value: String?, delete: Bool,
                          lifetime: AttributeLifetime) throws(AdminError) -> AdminReport {
        if value == nil && !delete {
            let values = try NodeAttributes.value(name, on: node, in: store.load())
            let shown = lifetime == .reboot ? values.transient : values.permanent
            guard let shown else { throw AdminError("\(node) has no \(lifetime == .reboot ? "transient" : "permanent") attribute \"\(name)\"") }
            return AdminReport(output: "\(shown)\n")
        }
        return try change(node, note: nil) { cib throws(AdminError) in
            try NodeAttributes.set(name, to: delete ? nil : value, on: node, lifetime: lifetime, in: cib)
        }
    }

    private func change(_ node: String, note: String?, _ edit: (CIB) throws(AdminError) -> CIB) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        let next = try edit(cib)
        guard next != cib else { return AdminReport(messages: ["no changes"]) }
        let diagnostics = try CIBCommit.commit(next, over: cib, to: store)
        return AdminReport(messages: (note.map { [$0] } ?? []) + DiagnosticReport.lines(diagnostics.filter { $0.severity == .error }))
    }
}
