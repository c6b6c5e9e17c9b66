/// Decodes the `status` section. Bookkeeping attributes the cluster writes are carried through.
///
/// The status section is most of a large CIB, so it is read element by element from the
/// scanner, without building a tree; only `transient_attributes` (a few attribute sets) is read
/// as one.
enum StatusDecoder {
    /// The `<status>` element begun by `tag`, read to its end tag; with `threads` above 1, a
    /// large status section is read by that many threads at once (see `StatusSplit`).
    static func decode(_ tag: XMLStartTag, _ scanner: inout XMLScanner, threads: Int = 1) throws(CIBLoadError) -> Status {
        try ElementCursor(tag.node).finish()
        if threads > 1, let split = StatusSplit(tag, scanner, parts: threads) {
            return Status(nodes: try split.decode(&scanner))
        }
        return Status(nodes: try nodeStates(of: tag, &scanner, before: nil))
    }

    /// The `node_state` children of `status` from the scanner's position on: to `status`'s end
    /// tag, or up to the child that starts at byte `boundary`.
    static func nodeStates(of status: XMLStartTag, _ scanner: inout XMLScanner, before boundary: Int?) throws(CIBLoadError) -> [NodeState] {
        var nodes: [NodeState] = []
        while let child = try scanner.child(of: status, before: boundary) {
            guard child.node.name == "node_state" else { throw ElementCursor(status.node).unsupportedChild(child.node) }
            nodes.append(try nodeState(child, &scanner))
        }
        return nodes
    }

    static func nodeState(_ tag: XMLStartTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> NodeState {
        var cursor = ElementCursor(tag.node)
        var state = NodeState(id: cursor.optional("id"))
        state.uname = cursor.optional("uname")
        if state.id == nil && state.uname == nil { throw cursor.error("a node_state needs an id or a uname") }
        state.inCCM = cursor.optional("in_ccm")
        state.crmd = cursor.optional("crmd")
        state.join = cursor.optional("join")
        state.expected = cursor.optional("expected")
        state.otherAttributes = cursor.remainingAttributes()
        while let child = try scanner.child(of: tag) {
            switch child.node.name {
            case "transient_attributes":
                let node = try scanner.tree(child)
                var transient = ElementCursor(node)
                state.transientAttributesID = transient.optional("id")
                try transient.finish()
                state.transientAttributes += try ConfigurationDecoder.attributeSets(in: node, allowed: [.instance, .utilization])
            case "lrm" where state.lrm == nil:
                state.lrm = try lrm(child, &scanner)
            default:
                throw cursor.unsupportedChild(child.node)
            }
        }
        return state
    }

    static func lrm(_ tag: XMLStartTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> LRMState {
        var cursor = ElementCursor(tag.node)
        var state = LRMState(attributes: cursor.remainingAttributes(), listAttributes: nil)
        while let list = try scanner.child(of: tag) {
            guard list.node.name == "lrm_resources", state.listAttributes == nil else { throw cursor.unsupportedChild(list.node) }
            var listCursor = ElementCursor(list.node)
            state.listAttributes = listCursor.remainingAttributes()
            while let resource = try scanner.child(of: list) {
                guard resource.node.name == "lrm_resource" else { throw listCursor.unsupportedChild(resource.node) }
                state.resources.append(try resourceHistory(resource, &scanner))
            }
        }
        return state
    }

    static func resourceHistory(_ tag: XMLStartTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> ResourceHistory {
        var cursor = ElementCursor(tag.node)
        var history = ResourceHistory(id: try cursor.required("id"), standard: try cursor.required("class"),
                                      type: try cursor.required("type"))
        history.provider = cursor.optional("provider")
        history.otherAttributes = cursor.remainingAttributes()
        while let child = try scanner.child(of: tag) {
            guard child.node.name == "lrm_rsc_op" else { throw cursor.unsupportedChild(child.node) }
            history.operations.append(try operationRecord(child, &scanner))
        }
        return history
    }

    static func operationRecord(_ tag: XMLStartTag, _ scanner: inout XMLScanner) throws(CIBLoadError) -> OperationRecord {
        var cursor = ElementCursor(tag.node)
        var record = OperationRecord(
            id: try cursor.required("id"), operation: try cursor.required("operation"),
            callID: try cursor.requiredInt("call-id"), rcCode: try cursor.requiredInt("rc-code"),
            opStatus: try cursor.requiredInt("op-status"), interval: try cursor.requiredInt("interval"))
        record.lastRCChange = try cursor.optionalInt("last-rc-change")
        record.lastRun = try cursor.optionalInt("last-run")
        record.exitReason = cursor.optional("exit-reason")
        record.onNode = cursor.optional("on_node")
        record.otherAttributes = cursor.remainingAttributes()
        if let child = try scanner.child(of: tag) { throw cursor.unsupportedChild(child.node) }
        return record
    }
}
