import HalyardModel
import Scheduler

/// `crmctl resource …` on any `CIBStore`: start/stop and manage/unmanage (meta-attributes),
/// move/ban/clear (expiring location constraints), cleanup and failcount (status), locate.
public struct ResourceCommand {
    public let store: any CIBStore
    /// The current time in epoch seconds (moves and bans expire relative to it).
    public let now: Int

    public init(store: any CIBStore, now: Int) {
        self.store = store
        self.now = now
    }

    /// Sets `target-role` (start: Started, stop: Stopped).
    public func setTargetRole(_ resource: String, started: Bool) throws(AdminError) -> AdminReport {
        try changeConfiguration { configuration throws(AdminError) in
            try ResourceMeta.set("target-role", to: started ? "Started" : "Stopped", on: resource, in: configuration)
        }
    }

    /// `resource restart`, first step: sets `target-role=Stopped` and returns the resource's own
    /// `target-role` before (nil when it had none), for `restoreTargetRole` once it has stopped.
    public func stopForRestart(_ resource: String) throws(AdminError) -> (previous: String?, report: AdminReport) {
        let cib = try store.load()
        guard let configured = cib.configuration.resource(id: resource) else {
            throw ResourceMeta.unknownResource(resource, in: cib.configuration)
        }
        let previous = configured.metaAttributes.flattened()["target-role"]
        guard previous?.lowercased() != "stopped" else {
            throw AdminError("\(resource) has target-role=Stopped: start it with 'crmctl resource start \(resource)'")
        }
        return (previous, try setTargetRole(resource, started: false))
    }

    /// Puts `target-role` back as it was before a restart (nil removes it).
    public func restoreTargetRole(_ resource: String, to previous: String?) throws(AdminError) -> AdminReport {
        try changeConfiguration { configuration throws(AdminError) in
            try ResourceMeta.set("target-role", to: previous, on: resource, in: configuration)
        }
    }

    /// Whether the status shows `resource` (every member and instance) running nowhere.
    public func isStopped(_ resource: String) throws(AdminError) -> Bool {
        currentNodes(of: resource, in: try store.load()).isEmpty
    }

    /// Sets `is-managed`.
    public func setManaged(_ resource: String, managed: Bool) throws(AdminError) -> AdminReport {
        try changeConfiguration { configuration throws(AdminError) in
            try ResourceMeta.set("is-managed", to: managed ? "true" : "false", on: resource, in: configuration)
        }
    }

    public func move(_ resource: String, to node: String, lifetime: ResourcePlacementConstraints.Lifetime) throws(AdminError) -> AdminReport {
        _ = try NodeAttributes.node(node, in: store.load())
        var report = try changeConfiguration { configuration throws(AdminError) in
            try ResourcePlacementConstraints.move(resource, to: node, lifetime: lifetime, now: now, in: configuration)
        }
        report.messages.insert(expiryNote("\(resource) prefers \(node)", lifetime, clear: resource), at: 0)
        return report
    }

    /// Bans `resource` from `node`, or from every node where it runs now when `node` is nil.
    public func ban(_ resource: String, from node: String?, lifetime: ResourcePlacementConstraints.Lifetime) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        let nodes = node.map { [$0] } ?? currentNodes(of: resource, in: cib)
        guard !nodes.isEmpty else { throw AdminError("\(resource) runs nowhere; name the node to ban it from") }
        for name in nodes { _ = try NodeAttributes.node(name, in: cib) }
        var report = try changeConfiguration { configuration throws(AdminError) in
            var result = configuration
            for name in nodes {
                result = try ResourcePlacementConstraints.ban(resource, from: name, lifetime: lifetime, now: now, in: result)
            }
            return result
        }
        report.messages.insert(expiryNote("\(resource) is banned from \(nodes.joined(separator: ", "))", lifetime, clear: resource), at: 0)
        return report
    }

    /// Removes every move and ban of `resource`.
    public func clear(_ resource: String) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        guard cib.configuration.resource(id: resource) != nil else { throw ResourceMeta.unknownResource(resource, in: cib.configuration) }
        let (configuration, removed) = ResourcePlacementConstraints.clear(resource, in: cib.configuration)
        guard !removed.isEmpty else { return AdminReport(messages: ["\(resource) has no moves or bans"]) }
        _ = try CIBCommit.commit(configuration, over: cib, to: store)
        return AdminReport(messages: ["removed " + removed.joined(separator: ", ")])
    }

    public func cleanup(_ resource: String, on node: String?) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        guard cib.configuration.resource(id: resource) != nil || cib.status.nodes.contains(where: { $0.resources.contains { $0.id == resource } }) else {
            throw ResourceMeta.unknownResource(resource, in: cib.configuration)
        }
        let (next, cleaned) = ResourceFailures.cleanup(resource, on: node, in: cib)
        guard !cleaned.isEmpty else { return AdminReport(messages: ["\(resource) has no failures to clean up"]) }
        _ = try CIBCommit.commit(next, over: cib, to: store)
        return AdminReport(messages: ["cleaned up \(resource) on \(cleaned.joined(separator: ", "))"])
    }

    public func failcount(_ resource: String) throws(AdminError) -> AdminReport {
        let counts = ResourceFailures.counts(resource, in: try store.load())
        let lines = counts.isEmpty ? ["\(resource): no failures"] : counts.map { "\(resource) on \($0.node): fail count \($0.count)" }
        return AdminReport(output: lines.joined(separator: "\n") + "\n")
    }

    public func locate(_ resource: String) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        guard cib.configuration.resource(id: resource) != nil else { throw ResourceMeta.unknownResource(resource, in: cib.configuration) }
        let nodes = currentNodes(of: resource, in: cib)
        return AdminReport(output: nodes.isEmpty ? "\(resource) is not running\n" : "\(resource) is running on: \(nodes.joined(separator: ", "))\n")
    }

    /// Where the resource (any of its members or instances) is active according to the status section.
    func currentNodes(of resource: String, in cib: CIB) -> [String] {
        let result = Scheduler.schedule(SchedulerInput(cib: cib, now: now))
        let matching = result.resources.filter { [$0.id, $0.configuredID, $0.groupID, $0.cloneID].contains(resource) }
        var seen: [String] = []
        for node in matching.flatMap(\.currentNodes) where !seen.contains(node) { seen.append(node) }
        return seen
    }

    private func expiryNote(_ what: String, _ lifetime: ResourcePlacementConstraints.Lifetime, clear resource: String) -> String {
        switch lifetime {
        case .forever: "\(what) until 'crmctl resource clear \(resource)'"
        case .seconds(let seconds): "\(what) until \(ISODate.string(fromEpochSeconds: now + seconds)) (or 'crmctl resource clear \(resource)')"
        }
    }

    private func changeConfiguration(_ edit: (Configuration) throws(AdminError) -> Configuration) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        let configuration = try edit(cib.configuration)
        guard configuration != cib.configuration else { return AdminReport(messages: ["no changes"]) }
        let diagnostics = try CIBCommit.commit(configuration, over: cib, to: store)
        return AdminReport(messages: DiagnosticReport.lines(diagnostics.filter { $0.severity == .error }))
    }
}
