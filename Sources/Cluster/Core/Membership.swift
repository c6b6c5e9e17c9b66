/// One member of the CPG group: a process (`pid`, a host pid) on a corosync node (`node`, the
/// nodelist `nodeid`). Members order by node id, then pid.
public struct MemberAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var node: UInt32
    public var pid: UInt32

    public init(node: UInt32, pid: UInt32) {
        self.node = node
        self.pid = pid
    }

    public static func < (lhs: MemberAddress, rhs: MemberAddress) -> Bool {
        (lhs.node, lhs.pid) < (rhs.node, rhs.pid)
    }

    public var description: String { "node \(node) pid \(pid)" }
}

/// Why a member joined or left a view: CPG's `CPG_REASON_*`.
public enum MembershipReason: UInt32, Hashable, Sendable, CustomStringConvertible {
    case undefined = 0
    /// The process joined the group.
    case join = 1
    /// The process left the group (`cpg_leave` or finalize).
    case leave = 2
    /// The node (or its corosync) left the ring.
    case nodeDown = 3
    /// The node's ring merged with ours.
    case nodeUp = 4
    /// The process died without leaving.
    case processDown = 5

    public var description: String {
        switch self {
        case .undefined: "undefined"
        case .join: "join"
        case .leave: "leave"
        case .nodeDown: "node down"
        case .nodeUp: "node up"
        case .processDown: "process down"
        }
    }
}

/// A member that joined or left, and why.
public struct MembershipChange: Hashable, Sendable, CustomStringConvertible {
    public var member: MemberAddress
    public var reason: MembershipReason

    public init(_ member: MemberAddress, _ reason: MembershipReason) {
        self.member = member
        self.reason = reason
    }

    public var description: String { "\(member) (\(reason))" }
}

/// One configuration change of the CPG group as corosync delivers it: the members after the
/// change (sorted) and who joined or left. Every member sees the same views in the same order.
public struct MembershipView: Hashable, Sendable, CustomStringConvertible {
    public var members: [MemberAddress]
    public var joined: [MembershipChange]
    public var left: [MembershipChange]

    public init(members: [MemberAddress], joined: [MembershipChange] = [], left: [MembershipChange] = []) {
        self.members = members.sorted()
        self.joined = joined
        self.left = left
    }

    public var description: String {
        var text = "members [" + members.map { "\($0.node):\($0.pid)" }.joined(separator: " ") + "]"
        if !joined.isEmpty { text += " joined [" + joined.map(\.description).joined(separator: ", ") + "]" }
        if !left.isEmpty { text += " left [" + left.map(\.description).joined(separator: ", ") + "]" }
        return text
    }
}

/// Quorum as corosync's quorum service reports it, with votequorum's figures when available.
public struct QuorumState: Hashable, Sendable, CustomStringConvertible {
    public var quorate: Bool
    /// The totem ring sequence this state belongs to.
    public var ringSequence: UInt64
    /// Node ids in the quorum view.
    public var nodes: [UInt32]
    public var votes: Votes?

    /// votequorum's view of the votes (`corosync-quorumtool -s`).
    public struct Votes: Hashable, Sendable {
        public var expected: UInt32
        public var total: UInt32
        public var quorum: UInt32
        public var twoNode: Bool
        public var waitForAll: Bool

        public init(expected: UInt32, total: UInt32, quorum: UInt32, twoNode: Bool, waitForAll: Bool) {
            self.expected = expected
            self.total = total
            self.quorum = quorum
            self.twoNode = twoNode
            self.waitForAll = waitForAll
        }
    }

    public init(quorate: Bool, ringSequence: UInt64 = 0, nodes: [UInt32] = [], votes: Votes? = nil) {
        self.quorate = quorate
        self.ringSequence = ringSequence
        self.nodes = nodes
        self.votes = votes
    }

    public var description: String {
        var text = "\(quorate ? "quorate" : "not quorate"), ring \(ringSequence), nodes \(nodes)"
        if let votes {
            text += ", votes \(votes.total)/\(votes.expected) (quorum \(votes.quorum))"
            if votes.twoNode { text += " two_node" }
            if votes.waitForAll { text += " wait_for_all" }
        }
        return text
    }
}
