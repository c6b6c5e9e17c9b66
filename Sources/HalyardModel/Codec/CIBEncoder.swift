import Foundation

/// Writes the model as Pacemaker CIB XML (the inverse of `CIBDecoder`).
public enum CIBEncoder {
    /// The whole CIB document, with an XML declaration.
    public static func encode(_ cib: CIB) -> String {
        document(cib).text
    }

    /// The whole CIB document as UTF-8 bytes, ready to write to disk.
    public static func encodedData(_ cib: CIB) -> Data {
        document(cib).data
    }

    /// Writes the whole document through `output`, in pieces. When `cib`'s status section is
    /// still the one `source` was decoded with, its bytes are copied from `source` as they were
    /// read; the rest is encoded as `encode(_:)` does.
    public static func encode(_ cib: CIB, reusing source: CIBSourceDocument?, into output: (UnsafeRawBufferPointer) -> Void) {
        guard let source, let statusRange = source.statusBytes(for: cib.status) else {
            document(cib).withBytes(output)
            return
        }
        var statusLine = 0
        let writer = document(cib) { w in statusLine = w.reserveLine() }
        writer.withBytes { bytes in
            output(UnsafeRawBufferPointer(rebasing: bytes[..<statusLine]))
            source.data.withUnsafeBytes { output(UnsafeRawBufferPointer(rebasing: $0[statusRange])) }
            output(UnsafeRawBufferPointer(rebasing: bytes[statusLine...]))
        }
    }

    /// The document, with the status section written by `status` (encoded from `cib` by default).
    private static func document(_ cib: CIB, status: ((inout XMLWriter) -> Void)? = nil) -> XMLWriter {
        var writer = XMLWriter(declaration: true, expectedSize: expectedSize(of: cib, withStatus: status == nil))
        var attributes: [(String, String?)] = [
            ("validate-with", cib.validateWith),
            ("admin_epoch", String(cib.adminEpoch)), ("epoch", String(cib.epoch)), ("num_updates", String(cib.numUpdates)),
            ("have-quorum", cib.haveQuorum), ("dc-uuid", cib.dcUUID),
        ]
        attributes += cib.otherAttributes.map { ($0.name, $0.value) }
        writer.element("cib", attributes) { w in
            writeConfiguration(cib.configuration, into: &w)
            if let status {
                status(&w)
            } else {
                w.element("status") { w in
                    for state in cib.status.nodes { writeNodeState(state, into: &w) }
                }
            }
        }
        return writer
    }

    /// A generous estimate of the written size: history records dominate large CIBs.
    static func expectedSize(of cib: CIB, withStatus: Bool) -> Int {
        let records = !withStatus ? 0 : cib.status.nodes.reduce(0) { total, state in
            total + state.resources.reduce(0) { $0 + $1.operations.count + 1 }
        }
        return 65_536 + 480 * records + 800 * cib.configuration.allPrimitives.count
    }

    /// Only the `configuration` element, as `crmctl configure show xml` prints it.
    public static func encodeConfiguration(_ configuration: Configuration) -> String {
        var writer = XMLWriter()
        writeConfiguration(configuration, into: &writer)
        return writer.text
    }

    static func writeConfiguration(_ configuration: Configuration, into writer: inout XMLWriter) {
        writer.element("configuration") { w in
            w.element("crm_config") { w in writeSets(configuration.clusterProperties, into: &w) }
            w.element("nodes") { w in
                for node in configuration.nodes { writeNode(node, into: &w) }
            }
            w.element("resources") { w in
                for resource in configuration.resources { ResourceEncoder.write(resource, into: &w) }
            }
            w.element("constraints") { w in
                for constraint in configuration.constraints { ConstraintEncoder.write(constraint, into: &w) }
            }
            if !configuration.fencingTopology.isEmpty {
                w.element("fencing-topology") { w in
                    for level in configuration.fencingTopology {
                        w.element("fencing-level", [
                            ("id", level.id), ("target", level.target), ("target-pattern", level.targetPattern),
                            ("target-attribute", level.targetAttribute), ("target-value", level.targetValue),
                            ("index", String(level.index)), ("devices", level.devices.joined(separator: ",")),
                        ])
                    }
                }
            }
            if !configuration.resourceDefaults.isEmpty {
                w.element("rsc_defaults") { w in writeSets(configuration.resourceDefaults, into: &w) }
            }
            if !configuration.operationDefaults.isEmpty {
                w.element("op_defaults") { w in writeSets(configuration.operationDefaults, into: &w) }
            }
            if !configuration.alerts.isEmpty {
                w.element("alerts") { w in
                    for alert in configuration.alerts { writeAlert(alert, into: &w) }
                }
            }
        }
    }

    static func writeNode(_ node: Node, into writer: inout XMLWriter) {
        writer.element("node", [
            ("id", node.id), ("uname", node.uname), ("type", node.type), ("score", node.score?.description),
            ("description", node.description),
        ]) { w in
            writeSets(node.instanceAttributes, into: &w)
            writeSets(node.utilization, into: &w)
        }
    }

    static func writeAlert(_ alert: Alert, into writer: inout XMLWriter) {
        writer.element("alert", [("id", alert.id), ("path", alert.path), ("description", alert.description)]) { w in
            writeSets(alert.metaAttributes, into: &w)
            writeSets(alert.instanceAttributes, into: &w)
            for recipient in alert.recipients {
                w.element("recipient", [("id", recipient.id), ("value", recipient.value), ("description", recipient.description)]) { w in
                    writeSets(recipient.metaAttributes, into: &w)
                    writeSets(recipient.instanceAttributes, into: &w)
                }
            }
        }
    }

    static func writeSets(_ sets: [AttributeSet], into writer: inout XMLWriter) {
        for set in sets { writeSet(set, into: &writer) }
    }

    static func writeSet(_ set: AttributeSet, into writer: inout XMLWriter) {
        let id: String? = set.idRef != nil && set.id.isEmpty ? nil : set.id
        writer.element(set.kind.rawValue, [("id", id), ("id-ref", set.idRef), ("score", set.score?.description)]) { w in
            if let rule = set.rule { RuleEncoder.write(rule, into: &w) }
            for pair in set.pairs {
                let pairID: String? = pair.idRef != nil && pair.id.isEmpty ? nil : pair.id
                let name: String? = pair.idRef != nil && pair.name.isEmpty ? nil : pair.name
                w.element("nvpair", [("id", pairID), ("id-ref", pair.idRef), ("name", name), ("value", pair.value)])
            }
        }
    }

    static func writeNodeState(_ state: NodeState, into writer: inout XMLWriter) {
        writer.element("node_state", attributes: { w in
            w.attribute("id", state.id)
            w.attribute("uname", state.uname)
            w.attribute("in_ccm", state.inCCM)
            w.attribute("crmd", state.crmd)
            w.attribute("join", state.join)
            w.attribute("expected", state.expected)
            writePassThrough(state.otherAttributes, into: &w)
        }) { w in
            if state.transientAttributesID != nil || !state.transientAttributes.isEmpty {
                w.element("transient_attributes", [("id", state.transientAttributesID)]) { w in
                    writeSets(state.transientAttributes, into: &w)
                }
            }
            if let lrm = state.lrm {
                w.element("lrm", attributes: { w in writePassThrough(lrm.attributes, into: &w) }) { w in
                    guard let listAttributes = lrm.listAttributes else { return }
                    w.element("lrm_resources", attributes: { w in writePassThrough(listAttributes, into: &w) }) { w in
                        for resource in lrm.resources { writeResourceHistory(resource, into: &w) }
                    }
                }
            }
        }
    }

    static func writeResourceHistory(_ history: ResourceHistory, into writer: inout XMLWriter) {
        writer.element("lrm_resource", attributes: { w in
            w.attribute("id", history.id)
            w.attribute("class", history.standard)
            w.attribute("provider", history.provider)
            w.attribute("type", history.type)
            writePassThrough(history.otherAttributes, into: &w)
        }) { w in
            for record in history.operations { writeOperationRecord(record, into: &w) }
        }
    }

    static func writeOperationRecord(_ record: OperationRecord, into writer: inout XMLWriter) {
        writer.element("lrm_rsc_op", attributes: { w in
            w.attribute("id", record.id)
            w.attribute("operation", record.operation)
            w.attribute("call-id", record.callID)
            w.attribute("rc-code", record.rcCode)
            w.attribute("op-status", record.opStatus)
            w.attribute("interval", record.interval)
            w.attribute("last-rc-change", record.lastRCChange)
            w.attribute("last-run", record.lastRun)
            w.attribute("exit-reason", record.exitReason)
            w.attribute("on_node", record.onNode)
            writePassThrough(record.otherAttributes, into: &w)
        }, body: { _ in })
    }

    /// Status attributes carried through from the document they were read from.
    static func writePassThrough(_ attributes: [PassThroughAttribute], into writer: inout XMLWriter) {
        for attribute in attributes { writer.attribute(attribute.name, attribute.value) }
    }
}
