import Foundation
import Glibc

/// The process at the other end of a Unix socket, as the kernel reports it (`SO_PEERCRED`),
/// with its supplementary groups read from `/proc/PID/status`.
public struct Peer: Hashable, Sendable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// The credentials of the peer of a connected socket, or nil if the kernel gives none.
    public static func of(socket fd: Int32) -> Peer? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } (declared by glibc only under _GNU_SOURCE).
        var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0, length == 12 else { return nil }
        let (pid, uid, gid) = credentials
        return Peer(pid: pid, uid: uid, gid: gid, groups: supplementaryGroups(of: pid))
    }

    /// The `Groups:` line of `/proc/PID/status` (empty if the process is gone).
    static func supplementaryGroups(of pid: Int32) -> [UInt32] {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Groups:") }) else { return [] }
        return line.dropFirst("Groups:".count).split(whereSeparator: \.isWhitespace).compactMap { UInt32($0) }
    }

    /// A client in another pid namespace (a lab node's crmctl, a container) shows pid 0.
    public var description: String { "\(pid == 0 ? "pid unknown (another pid namespace)" : "pid \(pid)") uid \(uid) gid \(gid)" }
}

/// Who may use crmd's socket: root, and members of one group (`haclient`) by primary or
/// supplementary group. Everyone else is refused before their request is read.
public struct PeerAccess: Hashable, Sendable {
    public var groupName: String
    /// The group's id, or nil if it does not exist on this host (then only root is allowed).
    public var groupID: UInt32?

    public init(groupName: String, groupID: UInt32?) {
        self.groupName = groupName
        self.groupID = groupID
    }

    /// The policy for `name` as this host's group database defines it.
    public static func group(named name: String) -> PeerAccess {
        PeerAccess(groupName: name, groupID: getgrnam(name).map { $0.pointee.gr_gid })
    }

    /// Nil if `peer` may talk to crmd, otherwise why not.
    public func refusal(of peer: Peer) -> String? {
        if peer.uid == 0 { return nil }
        if let groupID, peer.gid == groupID || peer.groups.contains(groupID) { return nil }
        return "permission denied: crmd serves root and members of group \(groupName)"
            + (groupID == nil ? " (which does not exist on this host)" : "")
            + "; this process runs as uid \(peer.uid), gid \(peer.gid)"
    }
}
