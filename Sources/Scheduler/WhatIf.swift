import HalyardModel

/// A hypothetical change to a cluster, as `crm_simulate` injects one before scheduling.
public enum WhatIfChange: Sendable, Equatable {
    /// The node left the cluster cleanly (`in_ccm=false`, `crmd=offline`, `join=down`).
    case nodeDown(String)
    /// The node is a full member (`in_ccm=true`, `crmd=online`, `join=member`).
    case nodeUp(String)
    /// The node's permanent `standby` attribute is on.
    case standby(String)
    /// An operation on a node returned this result (`crm_simulate -i`).
    case operationResult(OperationInjection)
}

/// A problem with a what-if change (unknown node or resource, malformed injection).
public struct WhatIfError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Applies what-if changes to a CIB, purely: membership and results go to the status section
/// exactly as `crm_simulate --node-up/--node-down/--op-inject` write them, standby to the node's
/// permanent attributes (as `crm_standby` does).
public enum WhatIf {
    /// The CIB after `changes`, in order; `now` stamps injected operation results.
    public static func apply(_ changes: [WhatIfChange], to cib: CIB, now: Int) throws(WhatIfError) -> CIB {
        var result = cib
        for change in changes {
            switch change {
            case .nodeDown(let name): try setMembership(name, up: false, in: &result)
            case .nodeUp(let name): try setMembership(name, up: true, in: &result)
            case .standby(let name): try setStandby(name, in: &result)
            case .operationResult(let injection): try WhatIfOperation.inject(injection, into: &result, now: now)
            }
        }
        return result
    }

    private static func setMembership(_ name: String, up: Bool, in cib: inout CIB) throws(WhatIfError) {
        let index = try stateIndex(for: name, in: &cib)
        cib.status.nodes[index].inCCM = up ? "true" : "false"
        cib.status.nodes[index].crmd = up ? "online" : "offline"
        cib.status.nodes[index].join = up ? "member" : "down"
        cib.status.nodes[index].expected = up ? "member" : "down"
    }

    private static func setStandby(_ name: String, in cib: inout CIB) throws(WhatIfError) {
        guard let index = cib.configuration.nodes.firstIndex(where: { $0.uname == name }) else {
            throw WhatIfError("no node named \(name)")
        }
        var node = cib.configuration.nodes[index]
        let pair = NVPair(id: "nodes-\(node.id)-standby", name: "standby", value: "on")
        if let set = node.instanceAttributes.firstIndex(where: { $0.rule == nil && $0[pair.name] != nil }),
           let at = node.instanceAttributes[set].pairs.firstIndex(where: { $0.name == pair.name }) {
            node.instanceAttributes[set].pairs[at].value = "on"
        } else if let set = node.instanceAttributes.firstIndex(where: { $0.rule == nil && $0.idRef == nil }) {
            node.instanceAttributes[set].pairs.append(pair)
        } else {
            node.instanceAttributes.append(AttributeSet(kind: .instance, id: "nodes-\(node.id)", pairs: [pair]))
        }
        cib.configuration.nodes[index] = node
        // A transient standby value would override the permanent one.
        for s in cib.status.nodes.indices where cib.status.nodes[s].uname == name || cib.status.nodes[s].id == node.id {
            for t in cib.status.nodes[s].transientAttributes.indices {
                for p in cib.status.nodes[s].transientAttributes[t].pairs.indices
                where cib.status.nodes[s].transientAttributes[t].pairs[p].name == "standby" {
                    cib.status.nodes[s].transientAttributes[t].pairs[p].value = "on"
                }
            }
        }
    }

    /// The index of the node's `node_state`, created (like `crm_simulate`) when missing.
    static func stateIndex(for name: String, in cib: inout CIB) throws(WhatIfError) -> Int {
        guard let node = cib.configuration.nodes.first(where: { $0.uname == name }) else {
            throw WhatIfError("no node named \(name)")
        }
        if let index = cib.status.nodes.firstIndex(where: { $0.id == node.id || ($0.id == nil && $0.uname == name) }) {
            return index
        }
        cib.status.nodes.append(NodeState(id: node.id, uname: name))
        return cib.status.nodes.count - 1
    }
}
