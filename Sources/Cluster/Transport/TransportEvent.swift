/// What the CPG transport reports, in the order it happened on the local connection.
public enum TransportEvent: Sendable {
    /// Connected to the local corosync and joined the group as `local`; views follow.
    case connected(local: MemberAddress)
    case view(MembershipView)
    /// A message multicast by `from` (this member's own included), in agreed order.
    case delivered(from: MemberAddress, payload: [UInt8])
    case quorum(QuorumState)
    /// The connection to the local corosync was lost (or could not be made); the transport keeps
    /// trying to reconnect. `dropped` messages still in the outbox were not sent.
    case disconnected(reason: String, dropped: Int)
}
