import HalyardModel

/// Fail counts and failure history of a resource in the status section (pure): what
/// `resource failcount` shows and `resource cleanup` clears. Pacemaker keeps fail counts as
/// transient node attributes `fail-count-RSC#OP_INTERVAL` (older: `fail-count-RSC`) with a
/// matching `last-failure-…`, and the failed operation as an `RSC_last_failure_0` record.
public enum ResourceFailures {
    /// The summed fail count of `resource` (and its clone instances) per node uname, nodes without failures left out.
    public static func counts(_ resource: String, in cib: CIB) -> [(node: String, count: Score)] {
        cib.status.nodes.compactMap { state in
            let total = failAttributes(resource, in: state, prefix: "fail-count-")
                .compactMap { Score(parsing: $0.value ?? "") }
                .reduce(Score.zero, +)
            return total == .zero ? nil : (node: state.uname ?? state.id ?? "?", count: total)
        }
    }

    /// The CIB without the failure history and fail counts of `resource` on `node` (all nodes when nil).
    /// Returns the nodes it cleaned.
    public static func cleanup(_ resource: String, on node: String?, in cib: CIB) -> (CIB, [String]) {
        var result = cib
        var cleaned: [String] = []
        for index in result.status.nodes.indices {
            var state = result.status.nodes[index]
            let name = state.uname ?? state.id ?? "?"
            if let node, node != name && node != state.id { continue }
            let failedHistory = state.resources.contains { isInstance($0.id, of: resource) && $0.operations.contains(where: isFailureRecord) }
            let attributes = failAttributes(resource, in: state, prefix: "fail-count-") + failAttributes(resource, in: state, prefix: "last-failure-")
            guard failedHistory || !attributes.isEmpty else { continue }
            let names = Set(attributes.map(\.name))
            for setIndex in state.transientAttributes.indices {
                state.transientAttributes[setIndex].pairs.removeAll { names.contains($0.name) }
            }
            if failedHistory { state.lrm?.resources.removeAll { isInstance($0.id, of: resource) } }
            result.status.nodes[index] = state
            cleaned.append(name)
        }
        return (result, cleaned)
    }

    /// `resource` itself or one of its clone instances (`resource:N`).
    static func isInstance(_ id: String, of resource: String) -> Bool {
        id == resource || (id.hasPrefix(resource + ":") && Int(id.dropFirst(resource.count + 1)) != nil)
    }

    static func isFailureRecord(_ record: OperationRecord) -> Bool {
        record.id.hasSuffix("_last_failure_0")
    }

    private static func failAttributes(_ resource: String, in state: NodeState, prefix: String) -> [NVPair] {
        state.transientAttributes.filter { $0.rule == nil }.flatMap(\.pairs).filter { pair in
            guard pair.name.hasPrefix(prefix) else { return false }
            let rest = pair.name.dropFirst(prefix.count)
            let owner = rest.split(separator: "#", maxSplits: 1).first.map(String.init) ?? String(rest)
            return isInstance(owner, of: resource)
        }
    }
}
