/// The `status` section: what each node's controller last reported.
public struct Status: Hashable, Sendable {
    public var nodes: [NodeState]

    public init(nodes: [NodeState] = []) { self.nodes = nodes }

    /// The state recorded for the node with this id.
    public subscript(nodeID id: String) -> NodeState? {
        nodes.first(where: { $0.id == id })
    }
}

/// An attribute the cluster wrote for its own bookkeeping (`crm-debug-origin`, `transition-key` …):
/// carried through unchanged, never interpreted.
public struct PassThroughAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `node_state`: a node's membership flags, transient attributes and operation history.
public struct NodeState: Hashable, Sendable {
    /// The node id; Pacemaker tolerates a `node_state` with only a `uname`, so this may be absent.
    public var id: String?
    public var uname: String?
    /// `in_ccm`: `true`/`false`, or (Pacemaker 2.1.7+) a timestamp.
    public var inCCM: String?
    /// `crmd`: `online`/`offline`, or a timestamp.
    public var crmd: String?
    /// `join`: `member`, `down`, `pending`, `banned`.
    public var join: String?
    /// `expected`: `member` or `down`.
    public var expected: String?
    /// Other attributes (`ha`, `shutdown`, `crm-debug-origin` …), in order.
    public var otherAttributes: [PassThroughAttribute]
    public var transientAttributesID: String?
    public var transientAttributes: [AttributeSet]
    /// The `lrm` element, when present.
    public var lrm: LRMState?

    /// The operation history of every resource on this node (empty without `lrm`).
    public var resources: [ResourceHistory] { lrm?.resources ?? [] }

    public init(id: String?, uname: String? = nil, inCCM: String? = nil, crmd: String? = nil, join: String? = nil,
                expected: String? = nil, otherAttributes: [PassThroughAttribute] = [],
                transientAttributesID: String? = nil, transientAttributes: [AttributeSet] = [],
                lrm: LRMState? = nil) {
        self.id = id
        self.uname = uname
        self.inCCM = inCCM
        self.crmd = crmd
        self.join = join
        self.expected = expected
        self.otherAttributes = otherAttributes
        self.transientAttributesID = transientAttributesID
        self.transientAttributes = transientAttributes
        self.lrm = lrm
    }

    public subscript(other name: String) -> String? {
        otherAttributes.first(where: { $0.name == name })?.value
    }
}

/// `lrm` with its `lrm_resources` list: the executor's history on one node.
public struct LRMState: Hashable, Sendable {
    /// Attributes of `lrm` (usually just `id`).
    public var attributes: [PassThroughAttribute]
    /// Attributes of `lrm_resources`, or nil when that element is absent.
    public var listAttributes: [PassThroughAttribute]?
    public var resources: [ResourceHistory]

    public init(attributes: [PassThroughAttribute] = [], listAttributes: [PassThroughAttribute]? = [], resources: [ResourceHistory] = []) {
        self.attributes = attributes
        self.listAttributes = listAttributes
        self.resources = resources
    }
}

/// `lrm_resource`: the operation history of one resource on one node.
public struct ResourceHistory: Hashable, Sendable {
    public var id: String
    public var standard: String
    public var provider: String?
    public var type: String
    public var otherAttributes: [PassThroughAttribute]
    public var operations: [OperationRecord]

    public init(id: String, standard: String, provider: String? = nil, type: String,
                otherAttributes: [PassThroughAttribute] = [], operations: [OperationRecord] = []) {
        self.id = id
        self.standard = standard
        self.provider = provider
        self.type = type
        self.otherAttributes = otherAttributes
        self.operations = operations
    }
}

/// `lrm_rsc_op`: the recorded result of one operation.
public struct OperationRecord: Hashable, Sendable {
    public var id: String
    public var operation: String
    public var callID: Int
    public var rcCode: Int
    /// `op-status` (0 done, 1 cancelled, 2 timed out, 3 not supported, 4 error, 5 not installed …).
    public var opStatus: Int
    /// The interval in milliseconds (0 for one-shot operations and probes).
    public var interval: Int
    public var lastRCChange: Int?
    public var lastRun: Int?
    public var exitReason: String?
    public var onNode: String?
    /// Other attributes (`transition-key`, `op-digest`, `exec-time` …), in order.
    public var otherAttributes: [PassThroughAttribute]

    public init(id: String, operation: String, callID: Int, rcCode: Int, opStatus: Int, interval: Int,
                lastRCChange: Int? = nil, lastRun: Int? = nil, exitReason: String? = nil, onNode: String? = nil,
                otherAttributes: [PassThroughAttribute] = []) {
        self.id = id
        self.operation = operation
        self.callID = callID
        self.rcCode = rcCode
        self.opStatus = opStatus
        self.interval = interval
        self.lastRCChange = lastRCChange
        self.lastRun = lastRun
        self.exitReason = exitReason
        self.onNode = onNode
        self.otherAttributes = otherAttributes
    }

    public subscript(other name: String) -> String? {
        otherAttributes.first(where: { $0.name == name })?.value
    }
}
