import HalyardModel
import Scheduler

/// What `crmctl status` shows, as data (also printed as JSON for scripts): membership,
/// quorum, the DC, every resource's node and state, failed actions with their exit reasons,
/// and every move or ban with its expiry — built from a CIB alone (pure; `now` is an argument).
public struct ClusterStatus: Codable, Equatable, Sendable {
    /// One node's state.
    public struct NodeEntry: Codable, Equatable, Sendable {
        public var name: String
        /// online, standby, maintenance, offline, unclean, pending, shutting-down.
        public var state: String
        public var willBeFenced: Bool
    }

    /// One primitive (or clone instance) and where it runs.
    public struct ResourceEntry: Codable, Equatable, Sendable {
        public var id: String
        public var agent: String
        public var group: String?
        public var clone: String?
        /// Started, Stopped, FAILED, …
        public var state: String
        public var nodes: [String]
        public var notes: [String]
    }

    /// A failed operation as last recorded.
    public struct FailedAction: Codable, Equatable, Sendable {
        public var resource: String
        public var node: String
        public var operation: String
        public var intervalMilliseconds: Int
        public var rc: Int
        public var exitReason: String?
        public var at: String?
    }

    /// A `cli-prefer-*` or `cli-ban-*` constraint.
    public struct PlacementOverride: Codable, Equatable, Sendable {
        public var id: String
        public var resource: String
        public var node: String
        public var kind: String
        /// ISO 8601 expiry, or nil for forever.
        public var expires: String?
        public var expired: Bool
    }

    public var clusterName: String?
    public var epoch: String
    public var hasQuorum: Bool
    public var noQuorumPolicy: String
    public var designatedController: String?
    public var nodes: [NodeEntry]
    public var resources: [ResourceEntry]
    public var failedActions: [FailedAction]
    public var overrides: [PlacementOverride]

    public init(cib: CIB, now: Int) {
        let result = Scheduler.schedule(SchedulerInput(cib: cib, now: now, recording: [.conditions]))
        let options = ClusterOptions(configuration: cib.configuration)
        clusterName = options.clusterName
        epoch = cib.version.description
        hasQuorum = result.diagnostics.hasQuorum
        noQuorumPolicy = options.noQuorumPolicy.rawValue
        designatedController = cib.dcUUID.map { id in cib.configuration.nodes.first { $0.id == id }?.uname ?? id }
        nodes = result.diagnostics.nodes.map { condition in
            NodeEntry(name: condition.name, state: ClusterStatus.state(of: condition), willBeFenced: condition.fenced)
        }
        let agents = Dictionary(cib.configuration.allPrimitives.map { ($0.id, $0.agentSpec) }, uniquingKeysWith: { a, _ in a })
        resources = result.resources.map { placement in
            let condition = result.diagnostics.resource(placement.configuredID)
            var notes: [String] = []
            if let role = condition?.targetRole, role.lowercased() == "stopped" { notes.append("target-role=Stopped") }
            if !placement.managed { notes.append("unmanaged") }
            if placement.blocked { notes.append("blocked") }
            if placement.orphan { notes.append("orphan: no longer configured") }
            for (node, count) in (condition?.failCounts ?? [:]).sorted(by: { $0.key < $1.key }) {
                notes.append("fail count \(Score(clamping: count)) on \(node)")
            }
            let state = placement.failed ? "FAILED" : (placement.currentNodes.isEmpty ? "Stopped" : "Started")
            return ResourceEntry(id: placement.id, agent: agents[placement.configuredID] ?? "?", group: placement.groupID,
                                 clone: placement.cloneID, state: state, nodes: placement.currentNodes, notes: notes)
        }
        failedActions = ClusterStatus.failures(in: cib)
        overrides = ClusterStatus.overrides(in: cib.configuration, now: now)
    }

    static func state(of node: NodeCondition) -> String {
        if node.unclean { return "unclean" }
        if !node.online { return "offline" }
        if node.pending { return "pending" }
        if node.shutdown { return "shutting-down" }
        if node.standby { return "standby" }
        if node.maintenance { return "maintenance" }
        return "online"
    }

    static func failures(in cib: CIB) -> [FailedAction] {
        cib.status.nodes.flatMap { state in
            state.resources.flatMap { history in
                history.operations.filter(ResourceFailures.isFailureRecord).map { record in
                    FailedAction(resource: history.id, node: state.uname ?? state.id ?? "?", operation: record.operation,
                                 intervalMilliseconds: record.interval, rc: record.rcCode, exitReason: record.exitReason,
                                 at: record.lastRCChange.map(ISODate.string(fromEpochSeconds:)))
                }
            }
        }
    }

    static func overrides(in configuration: Configuration, now: Int) -> [PlacementOverride] {
        configuration.constraints.compactMap { constraint in
            guard case .location(let location) = constraint, let resource = location.resource,
                  location.id.hasPrefix("cli-prefer-") || location.id.hasPrefix("cli-ban-") else { return nil }
            let rule = location.rules.first
            let node = location.node ?? rule?.conditions.compactMap { condition -> String? in
                if case .attribute(let e) = condition, e.attribute == "#uname" { return e.value }
                return nil
            }.first ?? "?"
            let expiry = rule?.conditions.compactMap { condition -> DateExpression? in
                if case .date(let e) = condition, e.operation == .lt { return e }
                return nil
            }.first
            return PlacementOverride(id: location.id, resource: resource, node: node,
                                     kind: location.id.hasPrefix("cli-ban-") ? "ban" : "move", expires: expiry?.end,
                                     expired: expiry.map { !$0.isSatisfied(at: now) } ?? false)
        }
    }
}
