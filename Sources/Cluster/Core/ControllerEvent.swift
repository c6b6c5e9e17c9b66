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
}

/// What an administrator can ask the controller.
public enum AdminRequest: Hashable, Sendable {
    /// Replace the configuration, provided the cluster's CIB is still at `basedOn` when the
    /// change is delivered. `summary` says who asked for what (kept in reports of lost edits).
    case commit(Configuration, basedOn: CIBVersion, summary: String)
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
    /// Write the CIB to disk atomically.
    case persist(CIB)
    case reply(UInt64, AdminReply)
    case roleChanged(ControllerRole)
    case lostEdits(LostEdits)
    /// A delivered message was not applied; the text says why (for the log).
    case ignored(String)
}
