import HalyardModel

/// One operation for this node's executor, resolved from the configuration (or, for a resource
/// no longer configured, from its recorded history) so the shell needs nothing else.
public struct LocalOperation: Hashable, Sendable {
    /// The transition action it carries out.
    public var key: TransitionKey?
    /// The resource instance the executor knows it by (`vip`, `ping:1`).
    public var resource: String
    /// The id its results are recorded under (no `:N` for anonymous clone instances).
    public var historyID: String
    public var agent: AgentSpec
    /// `start`, `stop` or `monitor`.
    public var action: String
    /// Milliseconds; a monitor with an interval is recurring.
    public var interval: Int
    public var timeoutMilliseconds: Int
    public var parameters: [String: String]
    public var meta: [String: String]
    public var checkLevel: String?

    /// A recurring monitor: the executor re-runs it and reports only changes.
    public var isRecurring: Bool { action == "monitor" && interval > 0 }
}

/// Finds the agent, parameters, meta-attributes and timeout of a resource action in the
/// configuration, as Pacemaker passes them to agents.
enum OperationResolver {
    static let defaultTimeoutMilliseconds = 20_000

    static func resolve(_ order: ActionOrder, configuration: Configuration, history: [ResourceHistory]) -> LocalOperation? {
        let (base, instance) = split(order.resource)
        guard let located = locate(base, in: configuration) else {
            let historyID = history.contains { $0.id == order.resource } ? order.resource : base
            guard let recorded = history.first(where: { $0.id == historyID }) else { return nil }
            return LocalOperation(key: order.key, resource: order.resource, historyID: historyID,
                                  agent: AgentSpec(standard: recorded.standard, provider: recorded.provider, type: recorded.type),
                                  action: order.task, interval: order.interval,
                                  timeoutMilliseconds: defaultTimeout(configuration), parameters: [:], meta: [:], checkLevel: nil)
        }
        let primitive = located.primitive
        var meta = configuration.resourceDefaults.flattened()
        for parent in located.parents { meta.merge(parent.flattened()) { $1 } }
        meta.merge(primitive.metaAttributes.flattened()) { $1 }
        if let instance { meta["clone"] = instance }
        let operation = matchingOperation(primitive, action: order.task, interval: order.interval)
        let timeout = operation?.timeout.flatMap(Duration.milliseconds) ?? defaultTimeout(configuration)
        return LocalOperation(key: order.key, resource: order.resource,
                              historyID: located.uniqueClone ? order.resource : base,
                              agent: AgentSpec(standard: primitive.standard, provider: primitive.provider, type: primitive.type),
                              action: order.task, interval: order.interval, timeoutMilliseconds: timeout,
                              parameters: primitive.instanceAttributes.flattened(), meta: meta,
                              checkLevel: operation?.checkLevel)
    }

    /// `ping:1` → (`ping`, `1`).
    static func split(_ resource: String) -> (base: String, instance: String?) {
        guard let colon = resource.lastIndex(of: ":"), resource[resource.index(after: colon)...].allSatisfy(\.isNumber),
              colon != resource.index(before: resource.endIndex) else { return (resource, nil) }
        return (String(resource[..<colon]), String(resource[resource.index(after: colon)...]))
    }

    /// The op of the primitive for this action: same name and interval; a probe borrows the
    /// timeout of the primitive's monitor when it has no interval-0 monitor of its own.
    private static func matchingOperation(_ primitive: Primitive, action: String, interval: Int) -> Operation? {
        let named = primitive.operations.filter { $0.name == action }
        return named.first { (Duration.milliseconds($0.interval) ?? -1) == interval } ?? (action == "monitor" && interval == 0 ? named.first : nil)
    }

    private static func defaultTimeout(_ configuration: Configuration) -> Int {
        configuration.operationDefaults.flattened()["timeout"].flatMap(Duration.milliseconds) ?? defaultTimeoutMilliseconds
    }

    private struct Located {
        var primitive: Primitive
        /// Meta-attributes of the enclosing clone and group, outermost first.
        var parents: [[AttributeSet]]
        var uniqueClone: Bool
    }

    private static func locate(_ id: String, in configuration: Configuration) -> Located? {
        for resource in configuration.resources {
            switch resource {
            case .primitive(let primitive) where primitive.id == id:
                return Located(primitive: primitive, parents: [], uniqueClone: false)
            case .group(let group):
                if let member = group.members.first(where: { $0.id == id }) {
                    return Located(primitive: member, parents: [group.metaAttributes], uniqueClone: false)
                }
            case .clone(let clone):
                guard let member = clone.child.primitives.first(where: { $0.id == id }) else { continue }
                var parents = [clone.metaAttributes]
                if case .group(let group) = clone.child { parents.append(group.metaAttributes) }
                return Located(primitive: member, parents: parents, uniqueClone: clone.isGloballyUnique)
            default:
                continue
            }
        }
        return nil
    }
}
