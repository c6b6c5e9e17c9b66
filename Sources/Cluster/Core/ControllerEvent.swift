import HalyardModel

/// Everything that can happen to a controller, as its shell reports it.
public enum ControllerEvent: Hashable, Sendable {
    /// The CPG group changed; the local member is among `view.members`.
    case viewChanged(MembershipView)
    /// The connection to the local corosync was lost; a view follows when the shell reconnects.
    case disconnected
    case quorumChanged(QuorumState)
    /// A message delivered by CPG, in agreed order (the local member's own messages included).
    case delivered(ClusterMessage, from: MemberAddress)
    /// A request from `crmctl`; `id` is the shell's, echoed in the reply.
    case admin(AdminRequest, id: UInt64)
    /// The local executor finished an operation (for a recurring monitor: its first result,
    /// then every change).
    case operationFinished(OperationOutcome)
    /// A fencing order (`ControllerEffect.fence`) was carried out or gave up.
    case fenceFinished(FenceOrder, succeeded: Bool, detail: String)
    case timerFired(ControllerTimer)
    /// The local crmd was asked to stop (SIGTERM): move resources away first, then leave.
    case shutdownRequested
}

/// What the local executor reports about a `LocalOperation`.
public struct OperationOutcome: Hashable, Sendable {
    public var operation: LocalOperation
    /// The OCF exit code.
    public var rc: Int
    /// Pacemaker's `op-status` (0 done, 2 timed out, 4 error, 7 not installed).
    public var opStatus: Int
    public var exitReason: String?
    /// When it finished, epoch seconds.
    public var finished: Int
    public var elapsedMilliseconds: Int

    public init(operation: LocalOperation, rc: Int, opStatus: Int, exitReason: String?, finished: Int, elapsedMilliseconds: Int) {
        self.operation = operation
        self.rc = rc
        self.opStatus = opStatus
        self.exitReason = exitReason
        self.finished = finished
        self.elapsedMilliseconds = elapsedMilliseconds
    }
}

/// The controller's timers; arming one again replaces it.
public enum ControllerTimer: Hashable, Sendable {
    /// `cluster-recheck-interval`: plan again even if nothing happened (time-based rules,
    /// failure-timeout expiry).
    case recheck
    /// A failed fencing is retried after a pause rather than at once.
    case fencingRetry
    /// The earliest deadline of the actions the DC is waiting for (timeout + cluster-delay).
    case actionDeadline
}

/// What an administrator can ask the controller.
public enum AdminRequest: Hashable, Sendable {
    /// Replace the configuration, provided the cluster's CIB is still at `basedOn` when the
    /// change is delivered. `summary` says who asked for what (kept in reports of lost edits).
    case commit(Configuration, basedOn: CIBVersion, summary: String)
    /// Set or remove transient attributes and forget resource histories (cleanup).
    case updateStatus(StatusRequest)
    /// An administrator vouches that `node` is down (powered off by hand): it is recorded as
    /// fenced, so its resources can be recovered. `by` says who (for the log).
    case acknowledgeFenced(node: String, by: String)
    /// An administrator asks for `node` to be fenced now (`action`: reboot, off or on); a member
    /// on another node runs it. `by` says who (for the log).
    case fence(node: String, action: String, by: String)
}

/// The answer to an `AdminRequest`.
public enum AdminReply: Hashable, Sendable {
    /// Applied by every member of the view; the CIB is now at this version.
    case committed(CIBVersion)
    /// Not applied anywhere; the message says why.
    case refused(String)
    /// The change was multicast but the connection to corosync was lost before it came back.
    case unknown(String)
}

/// The local controller's part in the cluster.
public enum ControllerRole: Hashable, Sendable, CustomStringConvertible {
    /// Not in the group: not connected to corosync, or the connection was lost.
    case disconnected
    /// An ordinary member; `dc` is the designated controller.
    case member(dc: MemberAddress)
    /// The designated controller. It acts only when `acting`: it has quorum (or
    /// `no-quorum-policy=ignore`) and the CIB of the view is synchronised.
    case designatedController(acting: Bool)

    public var description: String {
        switch self {
        case .disconnected: "disconnected"
        case .member(let dc): "member (DC is \(dc))"
        case .designatedController(let acting): acting ? "DC (acting)" : "DC (waiting for quorum or CIB sync)"
        }
    }
}

/// A configuration change applied on this node, remembered until the next CIB synchronisation.
public struct AppliedEdit: Hashable, Sendable {
    public var origin: MemberAddress
    public var summary: String
    /// The CIB version the edit produced.
    public var version: CIBVersion
}

/// This node's CIB lost a partition merge and carried edits the winner does not have.
public struct LostEdits: Hashable, Sendable {
    /// The local CIB that was replaced, for the shell to keep in history.
    public var discarded: CIB
    public var winner: MemberAddress
    public var winnerVersion: CIBVersion
    /// Edits applied on this side since the last synchronisation, oldest first.
    public var edits: [AppliedEdit]
}

/// What the controller asks its shell to do.
public enum ControllerEffect: Hashable, Sendable {
    /// Multicast to the group (agreed order).
    case send(ClusterMessage)
    /// Write the CIB to disk atomically, as a new configuration version (kept in history).
    case persist(CIB)
    /// Write the CIB to disk atomically after a status change (not kept in history).
    case saveStatus(CIB)
    case reply(UInt64, AdminReply)
    case roleChanged(ControllerRole)
    case lostEdits(LostEdits)
    /// A delivered message was not applied; the text says why (for the log).
    case ignored(String)
    /// Run an operation on the local executor and report it with `operationFinished`.
    case run(LocalOperation)
    /// Cancel a recurring monitor on the local executor.
    case cancelRecurring(resource: String, interval: Int)
    /// Fence a node (the DC) and report it with `fenceFinished`.
    case fence(FenceOrder)
    /// Fire `timerFired` after this many seconds.
    case armTimer(ControllerTimer, seconds: Int)
    /// The shutdown is complete: leave the group and exit.
    case leave
    /// Something worth a line in the log (transitions planned and completed, fencing).
    case note(String)
}
