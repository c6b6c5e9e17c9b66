/// Decodes the `status` section. Bookkeeping attributes the cluster writes are carried through.
enum StatusDecoder {
    static func decode(_ node: XMLElementNode) throws(CIBLoadError) -> Status {
        let cursor = ElementCursor(node)
        try cursor.finish()
        var status = Status()
        for child in node.children {
            guard child.name == "node_state" else { throw cursor.unsupportedChild(child) }
            status.nodes.append(try nodeState(child))
        }
        return status
    }

    static func nodeState(_ node: XMLElementNode) throws(CIBLoadError) -> NodeState {
        var cursor = ElementCursor(node)
        var state = NodeState(id: cursor.optional("id"))
        state.uname = cursor.optional("uname")
        if state.id == nil && state.uname == nil { throw cursor.error("a node_state needs an id or a uname") }
        state.inCCM = cursor.optional("in_ccm")
        state.crmd = cursor.optional("crmd")
        state.join = cursor.optional("join")
        state.expected = cursor.optional("expected")
        state.otherAttributes = cursor.remainingAttributes()
        for child in node.children {
            switch child.name {
            case "transient_attributes":
                var transient = ElementCursor(child)
                state.transientAttributesID = transient.optional("id")
                try transient.finish()
                state.transientAttributes += try ConfigurationDecoder.attributeSets(in: child, allowed: [.instance, .utilization])
            case "lrm" where state.lrm == nil:
                var lrm = ElementCursor(child)
                var lrmState = LRMState(attributes: lrm.remainingAttributes(), listAttributes: nil)
                for list in child.children {
                    guard list.name == "lrm_resources", lrmState.listAttributes == nil else { throw lrm.unsupportedChild(list) }
                    var listCursor = ElementCursor(list)
                    lrmState.listAttributes = listCursor.remainingAttributes()
                    for resource in list.children {
                        guard resource.name == "lrm_resource" else { throw listCursor.unsupportedChild(resource) }
                        lrmState.resources.append(try resourceHistory(resource))
                    }
                }
                state.lrm = lrmState
            default:
                throw cursor.unsupportedChild(child)
            }
        }
        return state
    }

    static func resourceHistory(_ node: XMLElementNode) throws(CIBLoadError) -> ResourceHistory {
        var cursor = ElementCursor(node)
        var history = ResourceHistory(id: try cursor.required("id"), standard: try cursor.required("class"),
                                      type: try cursor.required("type"))
        history.provider = cursor.optional("provider")
        history.otherAttributes = cursor.remainingAttributes()
        for child in node.children {
            guard child.name == "lrm_rsc_op" else { throw cursor.unsupportedChild(child) }
            history.operations.append(try operationRecord(child))
        }
        return history
    }

    static func operationRecord(_ node: XMLElementNode) throws(CIBLoadError) -> OperationRecord {
        var cursor = ElementCursor(node)
        var record = OperationRecord(
            id: try cursor.required("id"), operation: try cursor.required("operation"),
            callID: try cursor.requiredInt("call-id"), rcCode: try cursor.requiredInt("rc-code"),
            opStatus: try cursor.requiredInt("op-status"), interval: try cursor.requiredInt("interval"))
        record.lastRCChange = try cursor.optionalInt("last-rc-change")
        record.lastRun = try cursor.optionalInt("last-run")
        record.exitReason = cursor.optional("exit-reason")
        record.onNode = cursor.optional("on_node")
        record.otherAttributes = cursor.remainingAttributes()
        if let child = node.children.first { throw cursor.unsupportedChild(child) }
        return record
    }
}
