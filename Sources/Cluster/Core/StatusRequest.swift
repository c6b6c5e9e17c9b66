import HalyardModel

/// What an administrator's status edit asks for, as messages every node can apply: crmctl edits
/// a copy of the CIB (a transient attribute set or removed, a resource's history cleaned up), and
/// crmd turns the difference into transient-attribute updates and history removals.
public struct StatusRequest: Hashable, Sendable {
    public var attributes: [NodeAttributeUpdate]
    public var removals: [HistoryRemoval]

    public var isEmpty: Bool { attributes.isEmpty && removals.isEmpty }

    /// The changes from `current` to `requested`, node by node.
    public static func between(current: Status, requested: Status) -> StatusRequest {
        var request = StatusRequest(attributes: [], removals: [])
        let names = Set((current.nodes + requested.nodes).compactMap(\.uname)).sorted()
        for node in names {
            let before = current.nodes.first { $0.uname == node }
            let after = requested.nodes.first { $0.uname == node }
            let old = before?.transientAttributes.flattened() ?? [:]
            let new = after?.transientAttributes.flattened() ?? [:]
            for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
                request.attributes.append(NodeAttributeUpdate(node: node, name: name, value: new[name]))
            }
            let kept = Set(after?.resources.map(\.id) ?? [])
            for history in before?.resources ?? [] where !kept.contains(history.id) {
                request.removals.append(HistoryRemoval(node: node, resource: history.id, key: nil))
            }
        }
        return request
    }
}
