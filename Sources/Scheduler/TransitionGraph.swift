/// What an action of the transition does.
public enum ActionTask: String, Sendable, Codable, CaseIterable {
    /// A one-shot monitor (interval 0) learning a resource's state on a node.
    case probe
    case start
    case stop
    /// A recurring monitor (interval > 0).
    case monitor
    /// Cancelling a recurring monitor that is active but no longer wanted.
    case cancel
    case fence
    /// A fencing that is implied (the node is already known down): nothing is executed.
    case fencePseudo = "fence-pseudo"
    case shutdown
    case clearFailcount = "clear_failcount"
    case lrmDelete = "lrm_delete"
}

/// One action of a transition: a task for a resource (by its Pacemaker id, `child:N` for clone
/// instances) or a node, on a node, with the reason it is scheduled.
public struct TransitionAction: Sendable, Equatable, Codable {
    /// Index in `TransitionGraph.actions`.
    public var id: Int
    public var task: ActionTask
    public var resource: String?
    public var node: String
    /// Monitor interval in milliseconds (0 for everything but recurring monitors and cancels).
    public var interval: Int
    /// For fencing: reboot, off or on.
    public var fenceType: String?
    /// Whether the action stands only for an effect of another (a stop implied by fencing):
    /// nothing is executed for it.
    public var pseudo: Bool
    public var reason: String

    public init(id: Int, task: ActionTask, resource: String?, node: String, interval: Int = 0,
                fenceType: String? = nil, pseudo: Bool = false, reason: String) {
        self.id = id
        self.task = task
        self.resource = resource
        self.node = node
        self.interval = interval
        self.fenceType = fenceType
        self.pseudo = pseudo
        self.reason = reason
    }

    /// A short unique label such as `rsc_stop_0 node1` or `fence node2 reboot`.
    public var label: String {
        switch task {
        case .fence, .fencePseudo: return "\(task.rawValue) \(node) \(fenceType ?? "reboot")"
        case .shutdown: return "shutdown \(node)"
        case .probe: return "\(resource ?? "")_monitor_0 \(node)"
        default: return "\(resource ?? "")_\(task.rawValue)_\(interval) \(node)"
        }
    }
}

/// "`first` must complete before `then` starts", with the rule that orders them.
public struct TransitionEdge: Sendable, Equatable, Codable {
    public var first: Int
    public var then: Int
    public var reason: String

    public init(first: Int, then: Int, reason: String) {
        self.first = first
        self.then = then
        self.reason = reason
    }
}

/// One line of the transition summary, as `crm_simulate` states it.
public struct TransitionChange: Sendable, Equatable, Codable {
    /// The kind of change.
    public enum Kind: String, Sendable, Codable {
        case start, stop, restart, move, recover, fence
    }

    public var kind: Kind
    /// The resource (Pacemaker id) or nil for fencing.
    public var resource: String?
    /// The node it leaves (stop, move, recover, restart) or the fenced node.
    public var from: String?
    /// The node it goes to (start, move, recover elsewhere).
    public var to: String?
    /// For fencing: reboot, off or on.
    public var fenceType: String?
    public var reason: String?
    /// The change is wanted but cannot happen (an unrunnable start or stop).
    public var blocked: Bool

    public init(kind: Kind, resource: String?, from: String?, to: String?, fenceType: String? = nil,
                reason: String? = nil, blocked: Bool = false) {
        self.kind = kind
        self.resource = resource
        self.from = from
        self.to = to
        self.fenceType = fenceType
        self.reason = reason
        self.blocked = blocked
    }
}

/// The transition from the current state to the scheduler's placement: the actions to execute,
/// the orderings between them and the summary of changes. Actions are in a deterministic order
/// (fencing, then resources in configuration order, then node shutdowns).
public struct TransitionGraph: Sendable, Equatable, Codable {
    public var actions: [TransitionAction]
    public var edges: [TransitionEdge]
    public var changes: [TransitionChange]

    public init(actions: [TransitionAction] = [], edges: [TransitionEdge] = [], changes: [TransitionChange] = []) {
        self.actions = actions
        self.edges = edges
        self.changes = changes
    }

    /// The action matching task, resource and node, if scheduled.
    public func action(_ task: ActionTask, _ resource: String?, on node: String, interval: Int? = nil) -> TransitionAction? {
        actions.first {
            $0.task == task && $0.resource == resource && $0.node == node && (interval == nil || $0.interval == interval)
        }
    }
}
