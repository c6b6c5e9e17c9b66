/// Identifies an action of a transition, as recorded in `transition-key`
/// (`ACTION:TRANSITION:TARGET_RC:DC`, the form the scheduler reads the expected result from).
public struct TransitionKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The DC that planned it (its node name), so keys of different DCs never collide.
    public var planner: String
    public var transition: Int
    public var action: Int
    /// The result that counts as success (0 for start, stop and monitors; 7 for probes).
    public var targetRC: Int

    public init(planner: String, transition: Int, action: Int, targetRC: Int) {
        self.planner = planner
        self.transition = transition
        self.action = action
        self.targetRC = targetRC
    }

    public var description: String { "\(action):\(transition):\(targetRC):\(planner)" }
}

/// The DC's order to run one resource action on `node`.
public struct ActionOrder: Hashable, Sendable, Codable {
    public var key: TransitionKey
    public var node: String
    /// The resource instance (`vip`, `ping:1`).
    public var resource: String
    /// `start`, `stop`, `monitor` (probe when `interval` is 0), `cancel` or `shutdown`.
    public var task: String
    /// Milliseconds; 0 for one-shot operations.
    public var interval: Int

    public init(key: TransitionKey, node: String, resource: String, task: String, interval: Int) {
        self.key = key
        self.node = node
        self.resource = resource
        self.task = task
        self.interval = interval
    }
}

/// The agent a resource runs, as recorded in `lrm_resource`.
public struct AgentSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    public var standard: String
    public var provider: String?
    public var type: String

    public init(standard: String, provider: String?, type: String) {
        self.standard = standard
        self.provider = provider
        self.type = type
    }

    public var description: String { [standard, provider, type].compactMap { $0 }.joined(separator: ":") }
}

/// The result of one operation, multicast by the node that ran it.
public struct OperationReport: Hashable, Sendable, Codable {
    public var node: String
    /// The resource id as the history records it (no `:N` for anonymous clone instances).
    public var resource: String
    public var agent: AgentSpec
    /// `start`, `stop`, `monitor`, or `cancel` (a recurring monitor was cancelled).
    public var operation: String
    public var interval: Int
    public var rc: Int
    /// Pacemaker's `op-status`: 0 done, 1 cancelled, 2 timed out, 4 error, 7 not installed.
    public var opStatus: Int
    public var exitReason: String?
    /// The transition action it answers; recurring results keep their monitor's key.
    public var key: TransitionKey?
    /// When it finished, epoch seconds by the executing node's clock.
    public var finished: Int
    public var elapsedMilliseconds: Int

    public init(node: String, resource: String, agent: AgentSpec, operation: String, interval: Int, rc: Int,
                opStatus: Int, exitReason: String?, key: TransitionKey?, finished: Int, elapsedMilliseconds: Int) {
        self.node = node
        self.resource = resource
        self.agent = agent
        self.operation = operation
        self.interval = interval
        self.rc = rc
        self.opStatus = opStatus
        self.exitReason = exitReason
        self.key = key
        self.finished = finished
        self.elapsedMilliseconds = elapsedMilliseconds
    }

    /// A probe: a monitor with interval 0.
    public var isProbe: Bool { operation == "monitor" && interval == 0 }

    /// Whether the result counts against the resource (a fail count and a last-failure record):
    /// anything but the expected result, except what a probe merely learns (running or not).
    public var isFailure: Bool {
        if operation == "cancel" { return false }
        if opStatus != 0 { return !(isProbe && opStatus == 7) }
        if isProbe { return ![0, 7, 8].contains(rc) }
        return rc != (key?.targetRC ?? 0)
    }
}

/// A transient node attribute change (`crmctl node attribute --transient`, the ping agent, a
/// node asking to shut down).
public struct NodeAttributeUpdate: Hashable, Sendable, Codable {
    public var node: String
    public var name: String
    /// nil removes the attribute.
    public var value: String?
    /// The transition action it carries out (clearing a fail count), if any.
    public var key: TransitionKey?

    public init(node: String, name: String, value: String?, key: TransitionKey? = nil) {
        self.node = node
        self.name = name
        self.value = value
        self.key = key
    }
}

/// A request to fence `node` with `action` (reboot, off, on) run by a member on another node:
/// an administrator's, or the DC's for its own node (then with the transition action's `key`).
public struct FenceRequest: Hashable, Sendable, Codable {
    public var node: String
    public var action: String
    public var by: String
    public var key: TransitionKey?

    public init(node: String, action: String, by: String, key: TransitionKey? = nil) {
        self.node = node
        self.action = action
        self.by = by
        self.key = key
    }
}

/// A node known to be down: fenced by a device, or acknowledged by an administrator.
public struct FenceNotice: Hashable, Sendable, Codable {
    public var node: String
    /// The fencing action of the transition it completes, if any.
    public var key: TransitionKey?
    /// `device NAME` or `manual acknowledgement by …`.
    public var by: String
    /// The node's next incarnation had already joined the group when the fencing completed (the
    /// member that ran it saw a member of the node it had not seen at the order): its status is
    /// the fresh one, and stays.
    public var rejoined: Bool?

    public init(node: String, key: TransitionKey?, by: String, rejoined: Bool? = nil) {
        self.node = node
        self.key = key
        self.by = by
        self.rejoined = rejoined
    }
}

/// Forget a resource's operation history on a node (`lrm_delete`: an orphan cleaned up).
public struct HistoryRemoval: Hashable, Sendable, Codable {
    public var node: String
    public var resource: String
    public var key: TransitionKey?

    public init(node: String, resource: String, key: TransitionKey?) {
        self.node = node
        self.resource = resource
        self.key = key
    }
}
