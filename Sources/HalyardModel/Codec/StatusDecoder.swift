/// Decodes the `status` section. Bookkeeping attributes the cluster writes are carried through.
///
/// The status section is most of a large CIB, so it is read tag by tag from the scanner,
/// without building a tree or strings for attribute names (`TagCursor`); only
/// `transient_attributes` (a few attribute sets) is read as a tree.
enum StatusDecoder {
    /// The `<status>` element begun by `tag`, read to its end tag; with `readers`, a large
    /// status section is read by several threads at once (see `StatusSplit`).
    static func decode(_ tag: XMLStartTag, _ scanner: inout XMLScanner, readers: StatusSplit.Readers? = nil) throws(CIBLoadError) -> Status {
        try ElementCursor(tag.node).finish()
        if let readers, let split = StatusSplit(tag.tag, scanner, parts: readers.parts) {
            let (nodes, end) = try split.startReading(readers).finish()
            scanner = end
            return Status(nodes: nodes)
        }
        return Status(nodes: try nodeStates(of: tag.tag, &scanner, before: nil))
    }

    /// The `node_state` children of `status` from the scanner's position on: to `status`'s end
    /// tag, or up to the child that starts at byte `boundary`.
    static func nodeStates(of status: XMLTag, _ scanner: inout XMLScanner, before boundary: Int?) throws(CIBLoadError) -> [NodeState] {
        let cursor = TagCursor(status)
        var nodes: [NodeState] = []
        while let child = try scanner.childTag(in: status, before: boundary) {
            guard scanner.bytes(child.name, equal: "node_state") else { throw cursor.unsupportedChild(child, scanner) }
            nodes.append(try nodeState(child, &scanner))
        }
        return nodes
    }

    static func nodeState(_ tag: XMLTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> NodeState {
        var cursor = TagCursor(tag)
        var state = NodeState(id: try cursor.optional("id", scanner))
        state.uname = try cursor.optional("uname", scanner)
        if state.id == nil && state.uname == nil { throw cursor.error("a node_state needs an id or a uname", scanner) }
        state.inCCM = try cursor.optional("in_ccm", scanner)
        state.crmd = try cursor.optional("crmd", scanner)
        state.join = try cursor.optional("join", scanner)
        state.expected = try cursor.optional("expected", scanner)
        state.otherAttributes = try cursor.remainingAttributes(scanner)
        while let child = try scanner.childTag(in: tag) {
            if scanner.bytes(child.name, equal: "transient_attributes") {
                let node = try scanner.tree(try scanner.element(child))
                var transient = ElementCursor(node)
                state.transientAttributesID = transient.optional("id")
                try transient.finish()
                state.transientAttributes += try ConfigurationDecoder.attributeSets(in: node, allowed: [.instance, .utilization])
            } else if scanner.bytes(child.name, equal: "lrm"), state.lrm == nil {
                state.lrm = try lrm(child, &scanner)
            } else {
                throw cursor.unsupportedChild(child, scanner)
            }
        }
        return state
    }

    static func lrm(_ tag: XMLTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> LRMState {
        var cursor = TagCursor(tag)
        var state = LRMState(attributes: try cursor.remainingAttributes(scanner), listAttributes: nil)
        while let list = try scanner.childTag(in: tag) {
            guard scanner.bytes(list.name, equal: "lrm_resources"), state.listAttributes == nil else {
                throw cursor.unsupportedChild(list, scanner)
            }
            var listCursor = TagCursor(list)
            state.listAttributes = try listCursor.remainingAttributes(scanner)
            while let resource = try scanner.childTag(in: list) {
                guard scanner.bytes(resource.name, equal: "lrm_resource") else { throw listCursor.unsupportedChild(resource, scanner) }
                state.resources.append(try resourceHistory(resource, &scanner))
            }
        }
        return state
    }

    // (The two readers below gather the fields first and make the value once: building it
    // field by field copied each record twice, a measurable share of a large status section.)

    static func resourceHistory(_ tag: XMLTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> ResourceHistory {
        var cursor = TagCursor(tag)
        let id = try cursor.required("id", scanner)
        let standard = try cursor.required("class", scanner)
        let type = try cursor.required("type", scanner)
        let provider = try cursor.optional("provider", scanner)
        let otherAttributes = try cursor.remainingAttributes(scanner)
        var operations: [OperationRecord] = []
        while let child = try scanner.childTag(in: tag) {
            guard scanner.bytes(child.name, equal: "lrm_rsc_op") else { throw cursor.unsupportedChild(child, scanner) }
            operations.append(try operationRecord(child, &scanner))
        }
        return ResourceHistory(id: id, standard: standard, provider: provider, type: type, otherAttributes: otherAttributes, operations: operations)
    }

    static func operationRecord(_ tag: XMLTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> OperationRecord {
        var cursor = TagCursor(tag)
        let id = try cursor.required("id", scanner)
        let operation = try cursor.required("operation", scanner)
        let callID = try cursor.requiredInt("call-id", scanner)
        let rcCode = try cursor.requiredInt("rc-code", scanner)
        let opStatus = try cursor.requiredInt("op-status", scanner)
        let interval = try cursor.requiredInt("interval", scanner)
        let lastRCChange = try cursor.optionalInt("last-rc-change", scanner)
        let lastRun = try cursor.optionalInt("last-run", scanner)
        let exitReason = try cursor.optional("exit-reason", scanner)
        let onNode = try cursor.optional("on_node", scanner)
        let otherAttributes = try cursor.remainingAttributes(scanner)
        if let child = try scanner.childTag(in: tag) { throw cursor.unsupportedChild(child, scanner) }
        return OperationRecord(id: id, operation: operation, callID: callID, rcCode: rcCode, opStatus: opStatus, interval: interval,
                               lastRCChange: lastRCChange, lastRun: lastRun, exitReason: exitReason, onNode: onNode,
                               otherAttributes: otherAttributes)
    }
}
