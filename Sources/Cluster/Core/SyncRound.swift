import HalyardModel

/// One CIB synchronisation round. Every member starts it at the same view (one in which someone
/// joined) and multicasts its CIB; when all members' CIBs have been delivered, every member
/// picks the same winner: the highest (admin_epoch, epoch, num_updates), and between equal
/// versions the lowest member address.
struct SyncRound: Hashable, Sendable {
    let members: [MemberAddress]
    private var offers: [MemberAddress: CIB] = [:]

    init(members: [MemberAddress]) {
        self.members = members
    }

    /// Records a member's CIB; returns the winner once every member has offered one.
    mutating func record(_ cib: CIB, from member: MemberAddress) -> (member: MemberAddress, cib: CIB)? {
        guard members.contains(member), offers[member] == nil else { return nil }
        offers[member] = cib
        guard offers.count == members.count else { return nil }
        let best = offers.min { lhs, rhs in
            lhs.value.version == rhs.value.version ? lhs.key < rhs.key : lhs.value.version > rhs.value.version
        }
        return best.map { ($0.key, $0.value) }
    }
}
