import HalyardModel

/// How long a node attribute change lasts: `forever` writes the node's permanent attributes
/// (the `nodes` section), `reboot` its transient attributes (the `status` section), as
/// `crm node standby n1 reboot|forever` and `crm_attribute --lifetime` do.
public enum AttributeLifetime: String, Sendable, CaseIterable {
    case forever, reboot
}

/// Reads and changes node attributes in a CIB (pure): `standby`, `maintenance`, and any
/// attribute an operator or an agent such as `ping` sets. Ids follow Pacemaker's tools
/// (`nodes-<id>`, `status-<id>`), so files edited by either stay familiar.
public enum NodeAttributes {
    /// The configured node named `name` (uname or id); an unknown node is an error listing the known ones.
    public static func node(_ name: String, in cib: CIB) throws(AdminError) -> Node {
        if let node = cib.configuration.nodes.first(where: { $0.uname == name || $0.id == name }) { return node }
        let known = cib.configuration.nodes.map(\.uname).joined(separator: ", ")
        throw AdminError("no node named \"\(name)\" (known: \(known.isEmpty ? "none" : known))")
    }

    /// The attribute's permanent and transient values on a node.
    public static func value(_ attribute: String, on name: String, in cib: CIB) throws(AdminError) -> (permanent: String?, transient: String?) {
        let node = try node(name, in: cib)
        let transient = cib.status.nodes.first(where: { $0.id == node.id || $0.uname == node.uname })?
            .transientAttributes.firstValue(attribute)
        return (node.instanceAttributes.firstValue(attribute), transient)
    }

    /// Sets (or, with a nil value, deletes) an attribute on a node for the given lifetime.
    public static func set(_ attribute: String, to value: String?, on name: String, lifetime: AttributeLifetime,
                           in cib: CIB) throws(AdminError) -> CIB {
        let node = try node(name, in: cib)
        var result = cib
        switch lifetime {
        case .forever:
            guard let index = result.configuration.nodes.firstIndex(where: { $0.id == node.id }) else { return cib }
            result.configuration.nodes[index].instanceAttributes =
                setting(attribute, to: value, in: node.instanceAttributes, kind: .instance, setID: "nodes-\(node.id)")
        case .reboot:
            var state: NodeState
            let index = result.status.nodes.firstIndex(where: { $0.id == node.id || $0.uname == node.uname })
            if let index { state = result.status.nodes[index] } else { state = NodeState(id: node.id, uname: node.uname) }
            if state.transientAttributesID == nil { state.transientAttributesID = node.id }
            state.transientAttributes = setting(attribute, to: value, in: state.transientAttributes, kind: .instance,
                                                setID: "status-\(node.id)")
            if let index { result.status.nodes[index] = state } else { result.status.nodes.append(state) }
        }
        return result
    }

    /// `sets` with `name` set to `value` in the first rule-less set (created as `setID` when
    /// there is none), or removed from every rule-less set when `value` is nil.
    static func setting(_ name: String, to value: String?, in sets: [AttributeSet], kind: AttributeSetKind,
                        setID: String) -> [AttributeSet] {
        var sets = sets
        guard let value else {
            for index in sets.indices where sets[index].rule == nil {
                sets[index].pairs.removeAll { $0.name == name }
            }
            return sets
        }
        guard let index = sets.firstIndex(where: { $0.rule == nil && $0.idRef == nil }) else {
            return sets + [AttributeSet(kind: kind, id: setID, pairs: [NVPair(id: "\(setID)-\(name)", name: name, value: value)])]
        }
        if let pair = sets[index].pairs.firstIndex(where: { $0.name == name }) {
            sets[index].pairs[pair].value = value
        } else {
            sets[index].pairs.append(NVPair(id: "\(sets[index].id)-\(name)", name: name, value: value))
        }
        return sets
    }
}
