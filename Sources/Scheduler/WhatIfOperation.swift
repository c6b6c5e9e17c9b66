import HalyardModel

/// One injected operation result, written `RSC_OP_INTERVAL@NODE=RC` as `crm_simulate -i` takes
/// it (e.g. `vip_monitor_10000@n1=7`; interval in milliseconds).
public struct OperationInjection: Sendable, Equatable {
    public var resource: String
    public var operation: String
    public var intervalMilliseconds: Int
    public var node: String
    public var rc: Int

    public init(resource: String, operation: String, intervalMilliseconds: Int, node: String, rc: Int) {
        self.resource = resource
        self.operation = operation
        self.intervalMilliseconds = intervalMilliseconds
        self.node = node
        self.rc = rc
    }

    /// Operation names that contain an underscore, which the key's parsing must keep whole.
    private static let compoundOperations = ["migrate_to", "migrate_from", "pre_notify", "post_notify", "confirmed-pre_notify",
                                             "confirmed-post_notify"]

    /// Parses `RSC_OP_INTERVAL@NODE=RC`.
    public init(parsing text: String) throws(WhatIfError) {
        let malformed = WhatIfError("'\(text)': expected RSC_OP_INTERVAL@NODE=RC, e.g. vip_monitor_10000@n1=7")
        guard let at = text.lastIndex(of: "@"), let equals = text.lastIndex(of: "="), at < equals,
              let rc = Int(text[text.index(after: equals)...]) else { throw malformed }
        let key = String(text[..<at])
        let node = String(text[text.index(after: at)..<equals])
        guard !node.isEmpty, let lastUnderscore = key.lastIndex(of: "_"),
              let interval = Int(key[key.index(after: lastUnderscore)...]), interval >= 0 else { throw malformed }
        let head = String(key[..<lastUnderscore])
        let compound = Self.compoundOperations.first { head.hasSuffix("_" + $0) }
        let operation: String
        let resource: String
        if let compound {
            operation = compound
            resource = String(head.dropLast(compound.count + 1))
        } else if let underscore = head.lastIndex(of: "_") {
            operation = String(head[head.index(after: underscore)...])
            resource = String(head[..<underscore])
        } else {
            throw malformed
        }
        guard !resource.isEmpty, !operation.isEmpty else { throw malformed }
        self.init(resource: resource, operation: operation, intervalMilliseconds: interval, node: node, rc: rc)
    }
}

/// Writes an injected operation result into a node's history as `crm_simulate -i` does: the
/// resource's `lrm_resource` (created from its configured agent), and an `lrm_rsc_op` with a call
/// id above every earlier one and an expected result of 0, so any other rc is a failure.
enum WhatIfOperation {
    static func inject(_ injection: OperationInjection, into cib: inout CIB, now: Int) throws(WhatIfError) {
        guard let primitive = primitive(for: injection.resource, in: cib.configuration) else {
            throw WhatIfError("no resource named \(injection.resource)")
        }
        let stateIndex = try WhatIf.stateIndex(for: injection.node, in: &cib)
        var lrm = cib.status.nodes[stateIndex].lrm ?? LRMState(attributes: [PassThroughAttribute(name: "id", value: cib.status.nodes[stateIndex].id ?? injection.node)])
        let historyIndex: Int
        if let found = lrm.resources.firstIndex(where: { $0.id == injection.resource }) {
            historyIndex = found
        } else {
            lrm.resources.append(ResourceHistory(id: injection.resource, standard: primitive.standard,
                                                 provider: primitive.provider, type: primitive.type))
            historyIndex = lrm.resources.count - 1
        }
        var history = lrm.resources[historyIndex]
        let record = operationRecord(injection, callID: (history.operations.map(\.callID).max() ?? 0) + 1, now: now)
        history.operations.removeAll { $0.id == record.id }
        history.operations.append(record)
        lrm.resources[historyIndex] = history
        cib.status.nodes[stateIndex].lrm = lrm
    }

    /// The configured primitive a history id names (a clone instance `child:N` names `child`).
    private static func primitive(for id: String, in configuration: Configuration) -> Primitive? {
        let base = id.split(separator: ":").first.map(String.init) ?? id
        guard case .primitive(let p)? = configuration.resource(id: base) else { return nil }
        return p
    }

    private static func operationRecord(_ i: OperationInjection, callID: Int, now: Int) -> OperationRecord {
        let key = "\(i.resource)_\(i.operation)_\(i.intervalMilliseconds)"
        let id = i.intervalMilliseconds > 0 ? key : "\(i.resource)_\(i.rc == 0 ? "last" : "last_failure")_0"
        let transitionKey = "0:0:0:halyard-what-if"
        return OperationRecord(
            id: id, operation: i.operation, callID: callID, rcCode: i.rc, opStatus: 0, interval: i.intervalMilliseconds,
            lastRCChange: now, lastRun: now, onNode: i.node,
            otherAttributes: [PassThroughAttribute(name: "operation_key", value: key),
                              PassThroughAttribute(name: "transition-key", value: transitionKey),
                              PassThroughAttribute(name: "transition-magic", value: "0:\(i.rc);\(transitionKey)")])
    }
}
